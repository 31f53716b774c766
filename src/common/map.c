/*
 * map.c - kh_map (see map.h): linear probing, grown at half load.
 */
#include "map.h"

#include <stdlib.h>

#include "alloc.h"

static inline size_t slot_of(uint64_t key, size_t cap)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return (size_t)key & (cap - 1);
}

void kh_map_free(kh_map *m)
{
    free(m->keys);
    free(m->vals);
    free(m->used);
    *m = (kh_map)KH_MAP_INIT;
}

void kh_map_clear(kh_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        m->used[i] = 0;
    m->len = 0;
}

uint64_t *kh_map_get(const kh_map *m, uint64_t key)
{
    if (!m->cap)
        return NULL;
    for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (!m->used[i])
            return NULL;
        if (m->keys[i] == key)
            return &m->vals[i];
    }
}

static void grow(kh_map *m)
{
    kh_map bigger = KH_MAP_INIT;
    bigger.cap = m->cap ? m->cap * 2 : 16;
    bigger.keys = kh_malloc(bigger.cap * sizeof *bigger.keys);
    bigger.vals = kh_malloc(bigger.cap * sizeof *bigger.vals);
    bigger.used = kh_calloc(bigger.cap, 1);
    for (size_t i = 0; i < m->cap; i++)
        if (m->used[i])
            *kh_map_put(&bigger, m->keys[i], NULL) = m->vals[i];
    kh_map_free(m);
    *m = bigger;
}

uint64_t *kh_map_put(kh_map *m, uint64_t key, int *created)
{
    if ((m->len + 1) * 2 > m->cap)
        grow(m);
    size_t i = slot_of(key, m->cap);
    for (; m->used[i]; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == key) {
            if (created)
                *created = 0;
            return &m->vals[i];
        }
    }
    m->used[i] = 1;
    m->keys[i] = key;
    m->vals[i] = 0;
    m->len++;
    if (created)
        *created = 1;
    return &m->vals[i];
}

int kh_map_next(const kh_map *m, size_t *it, uint64_t *key, uint64_t *val)
{
    while (*it < m->cap) {
        size_t i = (*it)++;
        if (m->used[i]) {
            if (key)
                *key = m->keys[i];
            if (val)
                *val = m->vals[i];
            return 1;
        }
    }
    return 0;
}
