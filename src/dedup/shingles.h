/*
 * shingles.h - word shingles of a token stream as sorted sets of 32-bit
 * hashes, and the exact overlap of two such sets.
 *
 * Internal to the dedup stage.  A shingle is `w` consecutive words; its
 * hash mixes the words' 64-bit hashes in order and keeps 32 bits.  With a
 * few hundred shingles per article, 32 bits make a false match between two
 * shingles of one pair about one in ten million: far below what changes a
 * Jaccard index at two decimals, for half the memory of 64 bits.
 */
#ifndef KH_DEDUP_SHINGLES_H
#define KH_DEDUP_SHINGLES_H

#include <stddef.h>
#include <stdint.h>

/* A growable array of 32-bit hashes (also used as scratch space). */
typedef struct kh_u32vec {
    uint32_t *v;
    size_t n, cap;
} kh_u32vec;

/* A growable array of 64-bit word hashes. */
typedef struct kh_u64vec {
    uint64_t *v;
    size_t n, cap;
} kh_u64vec;

void kh_u32vec_reserve(kh_u32vec *a, size_t extra);
void kh_u64vec_push(kh_u64vec *a, uint64_t x);
void kh_u32vec_free(kh_u32vec *a);
void kh_u64vec_free(kh_u64vec *a);

/*
 * kh_shingle_set: replace out's contents with the sorted, distinct hashes
 * of the w-word shingles of words[0..n).  A text of fewer than w words (but
 * at least one) gives one shingle, of all its words.  `scratch` is reused
 * between calls to avoid allocations.
 */
void kh_shingle_set(const uint64_t *words, size_t n, unsigned w,
                    kh_u32vec *out, kh_u32vec *scratch);

/* kh_shingle_head: the hashes of the first `max` shingles (fewer for a
 * short text) in text order, into out[]; returns how many.  The same
 * hashes as kh_shingle_set's. */
size_t kh_shingle_head(const uint64_t *words, size_t n, unsigned w,
                       uint32_t *out, size_t max);

/* kh_sort_u32: sort in place (LSD radix sort, stable and linear). */
void kh_sort_u32(uint32_t *v, size_t n, kh_u32vec *scratch);

/* kh_overlap: |a ∩ b| of two sorted sets of distinct values. */
size_t kh_overlap(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

#endif
