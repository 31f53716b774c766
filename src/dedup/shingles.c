/*
 * shingles.c - word shingles as sorted 32-bit hash sets, radix sort and
 * set overlap (shingles.h).
 *
 * Runs once per article on a few hundred words, so everything works in
 * caller-owned growable arrays: no allocation per shingle or per article
 * once the arrays have grown to the longest article.
 */
#include "dedup/shingles.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

void kh_u32vec_reserve(kh_u32vec *a, size_t extra)
{
    if (a->cap - a->n >= extra)
        return;
    size_t cap = a->cap ? a->cap : 64;
    while (cap - a->n < extra)
        cap *= 2;
    a->v = kh_realloc(a->v, cap * sizeof *a->v);
    a->cap = cap;
}

void kh_u64vec_push(kh_u64vec *a, uint64_t x)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 256;
        a->v = kh_realloc(a->v, a->cap * sizeof *a->v);
    }
    a->v[a->n++] = x;
}

void kh_u32vec_free(kh_u32vec *a)
{
    free(a->v);
    memset(a, 0, sizeof *a);
}

void kh_u64vec_free(kh_u64vec *a)
{
    free(a->v);
    memset(a, 0, sizeof *a);
}

/* The shingle hash: the words' hashes folded in order with a multiply and
 * a shift, so "a b c" and "c b a" differ; the top 32 bits are kept. */
static inline uint32_t shingle_hash(const uint64_t *words, unsigned w)
{
    uint64_t h = 0x736869ULL; /* "shi" */
    for (unsigned i = 0; i < w; i++) {
        h = (h ^ words[i]) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    h *= 0xbf58476d1ce4e5b9ULL;
    return (uint32_t)(h >> 32);
}

static void insertion_sort(uint32_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/*
 * Four passes of 8 bits from the lowest byte up, ping-ponging between v
 * and scratch; an even number of passes leaves the result in v.  Short
 * arrays go to insertion sort, which wins below a few dozen elements.
 */
void kh_sort_u32(uint32_t *v, size_t n, kh_u32vec *scratch)
{
    if (n < 48) {
        insertion_sort(v, n);
        return;
    }
    scratch->n = 0;
    kh_u32vec_reserve(scratch, n);
    uint32_t *src = v, *dst = scratch->v;
    for (unsigned shift = 0; shift < 32; shift += 8) {
        size_t count[256] = {0};
        for (size_t i = 0; i < n; i++)
            count[(src[i] >> shift) & 0xff]++;
        size_t sum = 0;
        for (unsigned b = 0; b < 256; b++) {
            size_t c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & 0xff]++] = src[i];
        uint32_t *t = src;
        src = dst;
        dst = t;
    }
    assert(src == v);
}

void kh_shingle_set(const uint64_t *words, size_t n, unsigned w,
                    kh_u32vec *out, kh_u32vec *scratch)
{
    assert(w > 0);
    out->n = 0;
    if (n == 0)
        return;
    size_t count = n < w ? 1 : n - w + 1;
    unsigned width = n < w ? (unsigned)n : w;
    kh_u32vec_reserve(out, count);
    for (size_t i = 0; i < count; i++)
        out->v[i] = shingle_hash(words + i, width);
    kh_sort_u32(out->v, count, scratch);
    size_t k = 1;
    for (size_t i = 1; i < count; i++)
        if (out->v[i] != out->v[k - 1])
            out->v[k++] = out->v[i];
    out->n = k;
}

size_t kh_shingle_head(const uint64_t *words, size_t n, unsigned w,
                       uint32_t *out, size_t max)
{
    assert(w > 0);
    if (n == 0)
        return 0;
    size_t count = n < w ? 1 : n - w + 1;
    unsigned width = n < w ? (unsigned)n : w;
    if (count > max)
        count = max;
    for (size_t i = 0; i < count; i++)
        out[i] = shingle_hash(words + i, width);
    return count;
}

size_t kh_overlap(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, same = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j]) {
            i++;
        } else if (a[i] > b[j]) {
            j++;
        } else {
            same++;
            i++;
            j++;
        }
    }
    return same;
}
