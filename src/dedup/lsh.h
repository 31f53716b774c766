/*
 * lsh.h - the LSH buckets: band key -> the representatives whose signature
 * has that band, as linked lists in two flat arrays.
 *
 * Internal to the dedup stage.  Each slot of the open-addressing table is
 * one 64-bit word: 32 bits of the band key and the list head, so a lookup
 * costs one cache line.  Two keys sharing those 32 bits share a bucket:
 * at worst an extra candidate, which verification then rejects.
 */
#ifndef KH_DEDUP_LSH_H
#define KH_DEDUP_LSH_H

#include <stddef.h>
#include <stdint.h>

#define KH_LSH_END UINT32_MAX

typedef struct kh_lsh {
    uint64_t *slot;        /* fingerprint << 32 | (1 + first entry); 0 = free */
    size_t cap, len;       /* cap a power of two (or 0), len <= cap / 2       */
    uint32_t *doc, *next;  /* entries: a representative and the next entry    */
    size_t n_ent, cap_ent;
} kh_lsh;

void kh_lsh_free(kh_lsh *l);
/* kh_lsh_prefetch: start loading key's slot (before a batch of lookups). */
void kh_lsh_prefetch(const kh_lsh *l, uint64_t key);
/* kh_lsh_first: the first entry of key's bucket, KH_LSH_END when none;
 * follow l->next[e] until KH_LSH_END. */
uint32_t kh_lsh_first(const kh_lsh *l, uint64_t key);
/* kh_lsh_add: put doc at the front of key's bucket. */
void kh_lsh_add(kh_lsh *l, uint64_t key, uint32_t doc);
/* kh_lsh_bytes: memory held. */
size_t kh_lsh_bytes(const kh_lsh *l);

#endif
