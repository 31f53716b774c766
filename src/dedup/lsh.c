/*
 * lsh.c - LSH buckets in one compact open-addressing table (lsh.h).
 *
 * Workload: per article, 32 lookups (its bands) and, for a new
 * representative, 32 inserts at the same keys, spread at random over a
 * table of millions of slots: memory latency is the cost, so a slot is a
 * single word and lookups can be prefetched together.
 */
#include "dedup/lsh.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

static inline uint32_t fingerprint(uint64_t key)
{
    return (uint32_t)(key >> 32);
}

static inline size_t home(uint32_t fp, size_t cap)
{
    return (size_t)(fp * 0x9e3779b1u) & (cap - 1);
}

void kh_lsh_free(kh_lsh *l)
{
    free(l->slot);
    free(l->doc);
    free(l->next);
    memset(l, 0, sizeof *l);
}

void kh_lsh_prefetch(const kh_lsh *l, uint64_t key)
{
    if (l->cap)
        __builtin_prefetch(&l->slot[home(fingerprint(key), l->cap)]);
}

/* The slot holding fp, or the free slot where it would go. */
static size_t find(const kh_lsh *l, uint32_t fp)
{
    size_t i = home(fp, l->cap);
    while (l->slot[i] && (uint32_t)(l->slot[i] >> 32) != fp)
        i = (i + 1) & (l->cap - 1);
    return i;
}

uint32_t kh_lsh_first(const kh_lsh *l, uint64_t key)
{
    if (!l->cap)
        return KH_LSH_END;
    uint64_t s = l->slot[find(l, fingerprint(key))];
    return s ? (uint32_t)s - 1 : KH_LSH_END;
}

static void grow(kh_lsh *l)
{
    size_t old_cap = l->cap;
    uint64_t *old = l->slot;
    l->cap = old_cap ? old_cap * 2 : 1024;
    l->slot = kh_calloc(l->cap, sizeof *l->slot);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i])
            l->slot[find(l, (uint32_t)(old[i] >> 32))] = old[i];
    free(old);
}

void kh_lsh_add(kh_lsh *l, uint64_t key, uint32_t doc)
{
    if ((l->len + 1) * 2 > l->cap)
        grow(l);
    if (l->n_ent == l->cap_ent) {
        l->cap_ent = l->cap_ent ? l->cap_ent * 2 : 4096;
        l->doc = kh_realloc(l->doc, l->cap_ent * sizeof *l->doc);
        l->next = kh_realloc(l->next, l->cap_ent * sizeof *l->next);
    }
    assert(l->n_ent < UINT32_MAX - 1);
    uint32_t fp = fingerprint(key);
    size_t i = find(l, fp);
    uint32_t e = (uint32_t)l->n_ent++;
    l->doc[e] = doc;
    if (l->slot[i]) {
        l->next[e] = (uint32_t)l->slot[i] - 1;
    } else {
        l->next[e] = KH_LSH_END;
        l->len++;
    }
    l->slot[i] = (uint64_t)fp << 32 | (e + 1);
}

size_t kh_lsh_bytes(const kh_lsh *l)
{
    return l->cap * sizeof *l->slot + l->cap_ent * 2 * sizeof(uint32_t);
}
