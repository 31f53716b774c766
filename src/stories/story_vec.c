/*
 * story_vec.c - sparse term vectors (story_vec.h): the arithmetic of
 * story centroids and cosine similarity.
 */
#include "stories/story_vec.h"

#include <math.h>
#include <stdlib.h>

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
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].term < term)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo].term == term;
}

/* Heaviest first; equal weights by term, so the cut is deterministic. */
static int cmp_weight_desc(const void *pa, const void *pb)
{
    const kh_term *a = pa, *b = pb;
    if (a->weight != b->weight)
        return a->weight < b->weight ? 1 : -1;
    return (a->term > b->term) - (a->term < b->term);
}

static int cmp_term_asc(const void *pa, const void *pb)
{
    const kh_term *a = pa, *b = pb;
    return (a->term > b->term) - (a->term < b->term);
}

void kh_vec_keep_top(kh_termvec *t, size_t k)
{
    if (t->n <= k)
        return;
    qsort(t->v, t->n, sizeof *t->v, cmp_weight_desc);
    t->n = k;
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
