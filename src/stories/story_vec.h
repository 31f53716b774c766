/*
 * story_vec.h - sparse term vectors (arrays of kh_term sorted by term):
 * dot products, sums cut to their heaviest terms, membership.
 *
 * Internal to the stories stage.  Vectors are short (tens of terms), so
 * everything is a merge walk over two sorted arrays.
 */
#ifndef KH_STORIES_VEC_H
#define KH_STORIES_VEC_H

#include <stddef.h>
#include <stdint.h>

#include "stories/story_terms.h"

/* kh_vec_dot: the dot product of two vectors. */
double kh_vec_dot(const kh_term *a, size_t na, const kh_term *b, size_t nb);

/* kh_vec_norm: the Euclidean length of a vector. */
double kh_vec_norm(const kh_term *v, size_t n);

/* kh_vec_find: the index of term in the vector, SIZE_MAX when absent
 * (inline: placing asks it in its inner loop); kh_vec_has: 1 when there. */
static inline size_t kh_vec_find(const kh_term *v, size_t n, uint32_t term)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].term < term)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo].term == term ? lo : SIZE_MAX;
}
int kh_vec_has(const kh_term *v, size_t n, uint32_t term);

/* kh_vec_keep_top: keep the k heaviest terms of t (ties: the smaller
 * term), sorted by term again. */
void kh_vec_keep_top(kh_termvec *t, size_t k);

/* kh_vec_sum: out = a + b (flags ORed), cut to the `keep` heaviest terms.
 * out must not alias a or b. */
void kh_vec_sum(const kh_term *a, size_t na, const kh_term *b, size_t nb,
                size_t keep, kh_termvec *out);

#endif
