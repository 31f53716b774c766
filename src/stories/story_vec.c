/*
 * story_vec.c - sparse term vectors (story_vec.h): the arithmetic of
 * story centroids and cosine similarity.
 */
#include "stories/story_vec.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

double kh_vec_dot(const kh_term *a, size_t na, const kh_term *b, size_t nb)
{
    size_t i = 0, j = 0;
    double sum = 0.0;
    while (i < na && j < nb) {
        if (a[i].term < b[j].term)
            i++;
        else if (a[i].term > b[j].term)
            j++;
        else
            sum += (double)a[i++].weight * b[j++].weight;
    }
    return sum;
}

double kh_vec_norm(const kh_term *v, size_t n)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += (double)v[i].weight * v[i].weight;
    return sqrt(sum);
}

int kh_vec_has(const kh_term *v, size_t n, uint32_t term)
{
    return kh_vec_find(v, n, term) != SIZE_MAX;
}

static int cmp_term_asc(const void *pa, const void *pb)
{
    const kh_term *a = pa, *b = pb;
    return (a->term > b->term) - (a->term < b->term);
}

/*
 * The order of the cut as one integer: heaviest first, equal weights by
 * term.  A float's bits, sign bit flipped for positives and all bits for
 * negatives, order as the floats do (0.0 and -0.0 made one, as == sees
 * them); inverted, heavier comes first; the term below breaks ties.
 */
static uint64_t cut_key(const kh_term *x)
{
    float w = x->weight == 0.0f ? 0.0f : x->weight;
    uint32_t b;
    memcpy(&b, &w, sizeof b);
    b = (b & 0x80000000u) ? ~b : b | 0x80000000u;
    return (uint64_t)~b << 32 | x->term;
}

static uint64_t median3(uint64_t a, uint64_t b, uint64_t c)
{
    if (a > b) {
        uint64_t t = a;
        a = b;
        b = t;
    }
    return c < a ? a : c > b ? b : c;
}

static int cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

/*
 * The k-th smallest (from 0) of n distinct keys, a[] reordered: Hoare's
 * selection, partitioning around the median of three until k's part is
 * one key.  After 64 rounds (inputs built to defeat the median) the part
 * left is sorted instead, so the worst case stays n log n.
 */
static uint64_t select_kth(uint64_t *a, size_t n, size_t k)
{
    ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, kk = (ptrdiff_t)k;
    for (int round = 0; lo < hi; round++) {
        if (round == 64) {
            qsort(a + lo, (size_t)(hi - lo + 1), sizeof *a, cmp_u64);
            break;
        }
        uint64_t pivot = median3(a[lo], a[lo + (hi - lo) / 2], a[hi]);
        ptrdiff_t i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j) {
                uint64_t t = a[i];
                a[i++] = a[j];
                a[j--] = t;
            }
        }
        if (kk <= j)
            hi = j;
        else if (kk >= i)
            lo = i;
        else
            break; /* between the parts: the pivot itself */
    }
    return a[k];
}

/*
 * The k heaviest terms are those whose cut_key is at most the k-th
 * smallest: found by selection rather than by sorting all of them (an
 * article has a few hundred terms and keeps 40), then kept in place, in
 * their order: a vector sorted by term stays sorted, and any other is
 * sorted after.  Keys are distinct (a vector's terms are), so exactly k
 * are kept, the same k a full sort by (weight, term) would keep.
 */
void kh_vec_keep_top(kh_termvec *t, size_t k)
{
    if (t->n <= k)
        return;
    if (k == 0) {
        t->n = 0;
        return;
    }
    uint64_t stack[512];
    uint64_t *keys = t->n <= 512 ? stack : kh_malloc(t->n * sizeof *keys);
    for (size_t i = 0; i < t->n; i++) {
        assert(!isnan(t->v[i].weight));
        keys[i] = cut_key(&t->v[i]);
    }
    uint64_t last = select_kth(keys, t->n, k - 1);
    if (keys != stack)
        free(keys);
    size_t kept = 0;
    int sorted = 1;
    for (size_t i = 0; i < t->n && kept < k; i++) {
        if (cut_key(&t->v[i]) > last)
            continue;
        sorted &= kept == 0 || t->v[kept - 1].term < t->v[i].term;
        t->v[kept++] = t->v[i];
    }
    assert(kept == k);
    t->n = kept;
    if (!sorted)
        qsort(t->v, t->n, sizeof *t->v, cmp_term_asc);
}

void kh_vec_sum(const kh_term *a, size_t na, const kh_term *b, size_t nb,
                size_t keep, kh_termvec *out)
{
    out->n = 0;
    size_t i = 0, j = 0;
    while (i < na || j < nb) {
        if (j == nb || (i < na && a[i].term < b[j].term)) {
            kh_termvec_push(out, a[i].term, a[i].weight, a[i].flags);
            i++;
        } else if (i == na || b[j].term < a[i].term) {
            kh_termvec_push(out, b[j].term, b[j].weight, b[j].flags);
            j++;
        } else {
            kh_termvec_push(out, a[i].term, a[i].weight + b[j].weight,
                            a[i].flags | b[j].flags);
            i++;
            j++;
        }
    }
    kh_vec_keep_top(out, keep);
}
