/*
 * test_story_vec.c - the term vector arithmetic of the stories stage
 * (story_vec.h): the cut to the heaviest terms, by selection, against the
 * plain definition (sort by weight, cut, sort by term), on vectors full of
 * ties, zeros of both signs and negative weights, sorted and not.
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "kh_test.h"
#include "stories/story_vec.h"

static int by_weight_desc(const void *pa, const void *pb)
{
    const kh_term *a = pa, *b = pb;
    if (a->weight != b->weight)
        return a->weight < b->weight ? 1 : -1;
    return (a->term > b->term) - (a->term < b->term);
}

static int by_term(const void *pa, const void *pb)
{
    const kh_term *a = pa, *b = pb;
    return (a->term > b->term) - (a->term < b->term);
}

/* The definition kh_vec_keep_top must match. */
static void keep_top_by_sorting(kh_termvec *t, size_t k)
{
    if (t->n <= k)
        return;
    qsort(t->v, t->n, sizeof *t->v, by_weight_desc);
    t->n = k;
    qsort(t->v, t->n, sizeof *t->v, by_term);
}

static uint32_t next_rand(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

/* n distinct terms (sorted or shuffled) with weights drawn from few
 * values (many ties) or many. */
static void random_vector(kh_termvec *t, size_t n, int sorted, int few,
                          uint32_t *rng)
{
    static const float values[] = {0.0f, -0.0f, 1.0f, 2.5f, -1.0f, 0.5f};
    t->n = 0;
    uint32_t term = next_rand(rng) % 50;
    for (size_t i = 0; i < n; i++) {
        term += 1 + next_rand(rng) % 1000;
        float w = few ? values[next_rand(rng) % 6]
                      : (float)(next_rand(rng) % 100000) / 997.0f;
        kh_termvec_push(t, term, w, (uint32_t)i);
    }
    for (size_t i = n; !sorted && i > 1; i--) {
        size_t j = next_rand(rng) % i;
        kh_term x = t->v[i - 1];
        t->v[i - 1] = t->v[j];
        t->v[j] = x;
    }
}

static void test_keep_top_matches_sorting(void)
{
    uint32_t rng = 12345;
    kh_termvec got = {0}, want = {0};
    size_t sizes[] = {0, 1, 2, 3, 40, 41, 64, 200, 511, 512, 513, 2000};
    size_t cuts[] = {0, 1, 2, 39, 40, 64, 600};
    int mismatches = 0, runs = 0;
    for (size_t a = 0; a < sizeof sizes / sizeof *sizes; a++)
        for (size_t b = 0; b < sizeof cuts / sizeof *cuts; b++)
            for (int mode = 0; mode < 4; mode++) {
                random_vector(&got, sizes[a], mode & 1, mode & 2, &rng);
                want.n = 0;
                for (size_t i = 0; i < got.n; i++)
                    kh_termvec_push(&want, got.v[i].term, got.v[i].weight,
                                    got.v[i].flags);
                kh_vec_keep_top(&got, cuts[b]);
                keep_top_by_sorting(&want, cuts[b]);
                runs++;
                if (got.n != want.n ||
                    (got.n && memcmp(got.v, want.v,
                                     got.n * sizeof *got.v) != 0))
                    mismatches++;
            }
    KH_CHECK(runs == 12 * 7 * 4);
    KH_CHECK_INT(mismatches, 0);
    kh_termvec_free(&got);
    kh_termvec_free(&want);
}

static void test_keep_top_small_case(void)
{
    /* weights 3, 1, 3, 2 on terms 10, 20, 30, 40: the two heaviest are
     * 10 and 30 (equal weights: both kept), in term order */
    kh_termvec t = {0};
    kh_termvec_push(&t, 10, 3.0f, 1);
    kh_termvec_push(&t, 20, 1.0f, 2);
    kh_termvec_push(&t, 30, 3.0f, 3);
    kh_termvec_push(&t, 40, 2.0f, 4);
    kh_vec_keep_top(&t, 3);
    KH_CHECK_INT(t.n, 3);
    KH_CHECK_INT(t.v[0].term, 10);
    KH_CHECK_INT(t.v[1].term, 30);
    KH_CHECK_INT(t.v[2].term, 40);
    kh_vec_keep_top(&t, 1); /* a tie at the cut: the smaller term */
    KH_CHECK_INT(t.n, 1);
    KH_CHECK_INT(t.v[0].term, 10);
    KH_CHECK_INT(t.v[0].flags, 1);
    kh_termvec_free(&t);
}

int main(void)
{
    KH_RUN(test_keep_top_matches_sorting);
    KH_RUN(test_keep_top_small_case);
    return kh_test_report();
}
