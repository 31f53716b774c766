/*
 * bench_dedup.c - duplicates and stories over a whole corpus, timed, with
 * the results dumped for bench/dedup/score.py.
 *
 *   bench_dedup [options] PATH...     (e.g. ../shared/data/saudinewsnet)
 *
 * Reads every article (kh_read_paths), learns chrome and cleans them as
 * ingest does, then times, over the clean texts, in one run:
 *   1. a tokenize-only pass (the floor: finding word boundaries),
 *   2. normalising the words and hashing them (kh_dedup_words),
 *   3. shingles + MinHash + LSH + verification (kh_dedup_add_words),
 *   4. story clustering in batches of 1,000 (kh_stories_add_batch),
 * and the memory each index holds per article at 1x, 2x and 4x the corpus
 * (copies made distinct by salting their words and ids).
 * Options: --dedup k=v and --stories k=v set parameters (names as in
 * khabar.h), --pairs FILE and --stories-out FILE write the results,
 * --scale LIST (default "1,2,4"), --limit N reads only N articles.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "common/alloc.h"
#include "common/map.h"
#include "dedup/dedup_state.h"
#include "dedup/minhash.h"
#include "dedup/shingles.h"
#include "khabar.h"
#include "stories/stories_state.h"

typedef struct corpus {
    kh_article *a;
    size_t n, cap;
    size_t limit;
    uint64_t read_errors;
} corpus;

static double now(void)
{
    struct timespec ts;
    /* CPU time: fair on a shared machine (the work is single-threaded) */
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int take_article(void *ctx, kh_article *a)
{
    corpus *c = ctx;
    if (c->limit && c->n >= c->limit)
        return 1;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 4096;
        c->a = kh_realloc(c->a, c->cap * sizeof *c->a);
    }
    c->a[c->n++] = *a;
    memset(a, 0, sizeof *a); /* every field taken over */
    return 0;
}

static void read_error(void *ctx, const kh_read_error *e)
{
    corpus *c = ctx;
    if (c->read_errors++ < 5)
        fprintf(stderr, "bench_dedup: %s: %s\n", e->path, e->message);
}

static int set_dedup(kh_dedup_opts *o, const char *kv)
{
    const char *eq = strchr(kv, '=');
    if (!eq)
        return -1;
    double v = strtod(eq + 1, NULL);
    size_t n = (size_t)(eq - kv);
#define OPT(name, expr)                                                      \
    if (n == strlen(#name) && strncmp(kv, #name, n) == 0) {                  \
        expr;                                                                \
        return 0;                                                            \
    }
    OPT(shingle_words, o->shingle_words = (unsigned)v)
    OPT(num_perm, o->num_perm = (unsigned)v)
    OPT(bands, o->bands = (unsigned)v)
    OPT(jaccard, o->jaccard = v)
    OPT(containment, o->containment = v)
    OPT(min_shingles, o->min_shingles = (unsigned)v)
    OPT(url_variants, o->url_variants = (int)v)
    return -1;
}

static int set_stories(kh_stories_opts *o, const char *kv)
{
    const char *eq = strchr(kv, '=');
    if (!eq)
        return -1;
    double v = strtod(eq + 1, NULL);
    size_t n = (size_t)(eq - kv);
    OPT(threshold, o->threshold = v)
    OPT(merge_threshold, o->merge_threshold = v)
    OPT(window_hours, o->window_hours = (unsigned)v)
    OPT(max_span_hours, o->max_span_hours = (unsigned)v)
    OPT(lead_words, o->lead_words = (unsigned)v)
    OPT(title_weight, o->title_weight = v)
    OPT(name_weight, o->name_weight = v)
    OPT(number_weight, o->number_weight = v)
    OPT(centroid_terms, o->centroid_terms = (unsigned)v)
#undef OPT
    return -1;
}

static int count_token(void *ctx, const kh_token *tok)
{
    (void)tok;
    (*(size_t *)ctx)++;
    return 0;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* Words of every article, kept so the MinHash pass can be timed alone. */
typedef struct words {
    uint64_t *w;
    size_t *off; /* n + 1 offsets */
    size_t total;
} words;

static void usage(void)
{
    fprintf(stderr,
            "usage: bench_dedup [--dedup k=v]... [--stories k=v]... "
            "[--pairs FILE] [--stories-out FILE] [--scale 1,2,4] "
            "[--limit N] PATH...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    kh_dedup_opts dopts;
    kh_stories_opts sopts;
    kh_dedup_opts_init(&dopts);
    kh_stories_opts_init(&sopts);
    const char *pairs_path = NULL, *stories_path = NULL, *scale = "1,2,4";
    corpus c = {0};
    const char **paths = kh_calloc((size_t)argc, sizeof *paths);
    size_t n_paths = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dedup") == 0 && i + 1 < argc) {
            if (set_dedup(&dopts, argv[++i]) != 0)
                usage();
        } else if (strcmp(argv[i], "--stories") == 0 && i + 1 < argc) {
            if (set_stories(&sopts, argv[++i]) != 0)
                usage();
        } else if (strcmp(argv[i], "--pairs") == 0 && i + 1 < argc) {
            pairs_path = argv[++i];
        } else if (strcmp(argv[i], "--stories-out") == 0 && i + 1 < argc) {
            stories_path = argv[++i];
        } else if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc) {
            scale = argv[++i];
        } else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
            c.limit = (size_t)strtoull(argv[++i], NULL, 10);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            usage();
        } else {
            paths[n_paths++] = argv[i];
        }
    }
    const char *why;
    if (!n_paths)
        usage();
    if (kh_dedup_opts_check(&dopts, &why) || kh_stories_opts_check(&sopts, &why)) {
        fprintf(stderr, "bench_dedup: %s\n", why);
        return 2;
    }

    /* read and clean, as ingest does: learn chrome over all, then clean */
    double t0 = now();
    kh_read_opts ro;
    kh_read_opts_init(&ro);
    kh_read_sink sink = {take_article, read_error, NULL, &c};
    int rc = kh_read_paths(paths, n_paths, &ro, &sink);
    if (rc != KH_OK && rc != KH_ESTOP) {
        fprintf(stderr, "bench_dedup: reading failed: %s\n", kh_strerror(rc));
        return 1;
    }
    kh_chrome *chrome = kh_chrome_create();
    for (size_t i = 0; i < c.n; i++)
        kh_chrome_observe(chrome, &c.a[i]);
    size_t empty = 0, text_bytes = 0;
    for (size_t i = 0; i < c.n; i++) {
        if (kh_clean_article(&c.a[i], chrome) != KH_OK)
            empty++;
        text_bytes += c.a[i].text ? strlen(c.a[i].text) : 0;
    }
    kh_chrome_free(chrome);
    double t_read = now() - t0;
    printf("corpus: %zu articles (%zu without text), %.1f MB clean text, "
           "read+clean %.2f s\n",
           c.n, empty, (double)text_bytes / 1e6, t_read);

    /* 1. tokenize only */
    kh_analyzer_opts ao;
    kh_analyzer_opts_init(&ao);
    ao.tokenize_only = 1;
    kh_analyzer *tok_an = kh_analyzer_create(&ao);
    size_t n_tokens = 0;
    t0 = now();
    for (size_t i = 0; i < c.n; i++)
        if (c.a[i].text)
            kh_analyze(tok_an, c.a[i].text, strlen(c.a[i].text), count_token,
                       &n_tokens);
    double t_tok = now() - t0;
    kh_analyzer_free(tok_an);

    /* 2. normalised word hashes */
    kh_dedup *d = kh_dedup_create(&dopts);
    words W = {0};
    W.off = kh_malloc((c.n + 1) * sizeof *W.off);
    kh_u64vec tmp = {0};
    size_t cap = 0;
    t0 = now();
    for (size_t i = 0; i < c.n; i++) {
        kh_dedup_words(d, c.a[i].text, c.a[i].text ? strlen(c.a[i].text) : 0,
                       &tmp);
        if (W.total + tmp.n > cap) {
            cap = (W.total + tmp.n) * 2;
            W.w = kh_realloc(W.w, cap * sizeof *W.w);
        }
        W.off[i] = W.total;
        memcpy(W.w + W.total, tmp.v, tmp.n * sizeof *tmp.v);
        W.total += tmp.n;
    }
    W.off[c.n] = W.total;
    double t_words = now() - t0;
    kh_u64vec_free(&tmp);

    /* 2b. the parts of step 3 alone: shingle sets, then signatures */
    kh_u32vec sh = {0}, scratch = {0}, sig = {0};
    kh_u32vec_reserve(&sig, dopts.num_perm);
    kh_minhash mh;
    kh_minhash_init(&mh, dopts.num_perm);
    double t_sh = 0, t_sig = 0;
    for (size_t i = 0; i < c.n; i++) {
        double ta = now();
        kh_shingle_set(W.w + W.off[i], W.off[i + 1] - W.off[i],
                       dopts.shingle_words, &sh, &scratch);
        double tb = now();
        kh_minhash_sign(&mh, sh.v, sh.n, sig.v);
        t_sh += tb - ta;
        t_sig += now() - tb;
    }
    kh_minhash_free(&mh);
    kh_u32vec_free(&sh);
    kh_u32vec_free(&scratch);
    kh_u32vec_free(&sig);

    /* 3. shingles, MinHash, LSH, verification */
    kh_dup_result *res = kh_calloc(c.n ? c.n : 1, sizeof *res);
    t0 = now();
    for (size_t i = 0; i < c.n; i++)
        kh_dedup_add_words(d, c.a[i].id, c.a[i].url, W.w + W.off[i],
                           W.off[i + 1] - W.off[i], &res[i]);
    double t_dedup = now() - t0;
    kh_dedup_counters dc;
    kh_dedup_counters_get(d, &dc);
    printf("words: %zu (tokenize-only count %zu)\n", W.total, n_tokens);
    printf("%-44s %8.3f s\n", "tokenize only", t_tok);
    printf("%-44s %8.3f s\n", "normalise + hash words", t_words);
    printf("%-44s %8.3f s  (%u perm, %u bands, w=%u)\n",
           "shingles + MinHash + LSH + verify", t_dedup, dopts.num_perm,
           dopts.bands, dopts.shingle_words);
    printf("%-44s %8.3f s\n", "  of which shingle sets (alone)", t_sh);
    printf("%-44s %8.3f s\n", "  of which signatures (alone)", t_sig);
    printf("duplicates: exact %llu, url %llu, near %llu; representatives "
           "%llu; candidates %llu\n",
           (unsigned long long)dc.exact, (unsigned long long)dc.url,
           (unsigned long long)dc.near, (unsigned long long)dc.representatives,
           (unsigned long long)dc.candidates);
    printf("dedup memory: %.0f bytes/article (%.1f MB)\n",
           (double)dc.bytes / (double)(c.n ? c.n : 1), (double)dc.bytes / 1e6);

    if (pairs_path) {
        FILE *f = fopen(pairs_path, "w");
        if (!f) {
            fprintf(stderr, "bench_dedup: %s: %s\n", pairs_path, strerror(errno));
            return 1;
        }
        kh_map where = KH_MAP_INIT;
        for (size_t i = 0; i < c.n; i++)
            *kh_map_put(&where, c.a[i].id, NULL) = i;
        for (size_t i = 0; i < c.n; i++) {
            if (!res[i].duplicate_of)
                continue;
            const kh_article *r = &c.a[*kh_map_get(&where, res[i].duplicate_of)];
            fprintf(f, "%s\t%s\t%s\t%.4f\t%.4f\n", r->url ? r->url : "",
                    c.a[i].url ? c.a[i].url : "",
                    kh_dup_kind_name(res[i].kind), res[i].jaccard,
                    res[i].containment);
        }
        kh_map_free(&where);
        fclose(f);
    }

    /* 4. stories, in batches of 1,000 in corpus order */
    kh_stories *s = kh_stories_create(&sopts);
    uint64_t *story = kh_calloc(c.n ? c.n : 1, sizeof *story);
    const kh_article **ptrs = kh_malloc((c.n ? c.n : 1) * sizeof *ptrs);
    uint64_t *dup_of = kh_malloc((c.n ? c.n : 1) * sizeof *dup_of);
    for (size_t i = 0; i < c.n; i++) {
        ptrs[i] = &c.a[i];
        dup_of[i] = res[i].duplicate_of;
    }
    double worst = 0;
    t0 = now();
    for (size_t i = 0; i < c.n; i += 1000) {
        size_t n = c.n - i < 1000 ? c.n - i : 1000;
        double tb = now();
        kh_stories_add_batch(s, ptrs + i, dup_of + i, n, story + i);
        double dt = now() - tb;
        worst = dt > worst ? dt : worst;
    }
    double t_stories = now() - t0;
    for (size_t i = 0; i < c.n; i++) /* merges may have moved some */
        story[i] = kh_stories_story_of(s, c.a[i].id);
    kh_stories_counters sc;
    kh_stories_counters_get(s, &sc);
    printf("stories: %llu made, %llu merges, %llu candidates scored, %.3f s "
           "(%.1f ms per 1,000 articles, slowest batch %.1f ms); "
           "%.0f bytes/article\n",
           (unsigned long long)sc.stories, (unsigned long long)sc.merges,
           (unsigned long long)sc.candidates,
           t_stories, 1000.0 * t_stories / ((double)c.n / 1000.0 + 1e-9),
           1000.0 * worst, (double)sc.bytes / (double)(c.n ? c.n : 1));
    if (stories_path) {
        FILE *f = fopen(stories_path, "w");
        if (!f) {
            fprintf(stderr, "bench_dedup: %s: %s\n", stories_path,
                    strerror(errno));
            return 1;
        }
        for (size_t i = 0; i < c.n; i++)
            fprintf(f, "%s\t%llu\t%s\t%s\n", c.a[i].url ? c.a[i].url : "",
                    (unsigned long long)story[i],
                    c.a[i].source ? c.a[i].source : "",
                    c.a[i].date ? c.a[i].date : "");
        fclose(f);
    }

    /* memory growth: the corpus 1x, 2x, 4x, copies salted to be distinct */
    printf("\n%-8s %12s %14s %14s %10s\n", "scale", "articles", "dedup B/art",
           "stories B/art", "seconds");
    for (const char *p = scale; *p;) {
        unsigned k = (unsigned)strtoul(p, NULL, 10);
        p += strcspn(p, ",");
        p += *p == ',';
        if (k == 0)
            continue;
        kh_dedup *dk = kh_dedup_create(&dopts);
        kh_stories *sk = kh_stories_create(&sopts);
        kh_u64vec salted = {0};
        kh_article *copy = kh_malloc((c.n ? c.n : 1) * sizeof *copy);
        const kh_article **cp = kh_malloc((c.n ? c.n : 1) * sizeof *cp);
        char(*dates)[32] = kh_malloc((c.n ? c.n : 1) * sizeof *dates);
        double ts = now();
        for (unsigned rep = 0; rep < k; rep++) {
            uint64_t salt = 0x9e3779b97f4a7c15ULL * (rep + 1);
            for (size_t i = 0; i < c.n; i++) {
                salted.n = 0;
                for (size_t j = W.off[i]; j < W.off[i + 1]; j++)
                    kh_u64vec_push(&salted, W.w[j] ^ (rep ? salt : 0));
                kh_dedup_add_words(dk, c.a[i].id ^ (rep ? salt : 0), NULL,
                                   salted.v, salted.n, NULL);
                copy[i] = c.a[i];
                copy[i].id ^= rep ? salt : 0;
                /* later years, so copies make stories of their own */
                copy[i].date = NULL;
                if (c.a[i].date && strlen(c.a[i].date) >= 4) {
                    snprintf(dates[i], sizeof dates[i], "%04d%s",
                             atoi(c.a[i].date) + (int)rep, c.a[i].date + 4);
                    copy[i].date = dates[i];
                }
                cp[i] = &copy[i];
            }
            for (size_t i = 0; i < c.n; i += 1000)
                kh_stories_add_batch(sk, cp + i, NULL,
                                     c.n - i < 1000 ? c.n - i : 1000, NULL);
        }
        double dt = now() - ts;
        kh_dedup_counters_get(dk, &dc);
        kh_stories_counters_get(sk, &sc);
        size_t total = c.n * k;
        printf("%-8u %12zu %14.0f %14.0f %10.2f\n", k, total,
               (double)dc.bytes / (double)total,
               (double)sc.bytes / (double)total, dt);
        free(copy);
        free(cp);
        free(dates);
        kh_u64vec_free(&salted);
        kh_dedup_free(dk);
        kh_stories_free(sk);
    }
    printf("peak RSS: %.1f MB\n", (double)peak_rss_kb() / 1024.0);

    kh_stories_free(s);
    kh_dedup_free(d);
    for (size_t i = 0; i < c.n; i++)
        kh_article_clear(&c.a[i]);
    free(c.a);
    free(W.w);
    free(W.off);
    free(res);
    free(story);
    free(ptrs);
    free(dup_of);
    free(paths);
    return 0;
}
