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
 *      and its parts alone: shingle sets, signatures, LSH banding as
 *      minhash_numpy.py does it (the like-for-like comparison),
 *   4. story clustering in batches of 1,000 (kh_stories_add_batch),
 * and the memory each index holds per article at 1x, 2x and 4x the corpus
 * (copies made distinct by salting their words and ids).
 * Options: --dedup k=v and --stories k=v set parameters (names as in
 * khabar.h), --pairs FILE and --stories-out FILE write the results,
 * --scale LIST (default "1,2,4"; "0" for none), --limit N reads only N
 * articles, --db FILE takes the clean articles of a khabar database
 * instead of reading and cleaning PATHs (much faster when tuning), --top N
 * prints the N largest stories.
 *
 * --write-df FILE writes the stories stage's background word weights
 * (src/stories/story_background.c: the stems held by 100 articles or more,
 * with their document frequency) from the corpus read, and stops.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "common/alloc.h"
#include "common/map.h"
#include "dedup/dedup_keys.h"
#include "dedup/dedup_prep.h"
#include "dedup/dedup_state.h"
#include "dedup/lsh.h"
#include "dedup/minhash.h"
#include "dedup/shingles.h"
#include "khabar.h"
#include "stories/stories_state.h"
#include "stories/story_terms.h"

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
    OPT(window_days, o->window_days = (unsigned)v)
    OPT(window_undated, o->window_undated = (unsigned)v)
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
    OPT(article_terms, o->article_terms = (unsigned)v)
    OPT(template_cosine, o->template_cosine = v)
    OPT(day_penalty, o->day_penalty = v)
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
            "[--limit N] [--top N] (--db FILE | PATH...)\n");
    exit(2);
}

static char *column_dup(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? kh_strdup((const char *)t) : NULL;
}

/* The clean articles of a khabar database, in the order they were stored. */
static int read_db(const char *path, corpus *c)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT a.id, s.name, a.url, a.title, a.date, a.text"
                           " FROM articles a LEFT JOIN sources s"
                           " ON s.id = a.source_id ORDER BY a.seq",
                           -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench_dedup: %s: %s\n", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return -1;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (c->limit && c->n >= c->limit)
            break;
        kh_article a = {0};
        a.id = (uint64_t)sqlite3_column_int64(st, 0);
        a.source = column_dup(st, 1);
        a.url = column_dup(st, 2);
        a.title = column_dup(st, 3);
        a.date = column_dup(st, 4);
        a.text = column_dup(st, 5);
        take_article(c, &a);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return 0;
}

/* ---- --write-df: the background document frequencies ------------------- */

#define BG_MIN_DF 100

typedef struct stem_count {
    char *stem;
    uint64_t df;
    uint64_t last; /* the last document counted, + 1 */
} stem_count;

typedef struct df_ctx {
    kh_map at;          /* stem hash -> index + 1 */
    stem_count *v;
    size_t n, cap;
    uint64_t doc;
} df_ctx;

static int count_stem(void *ctx, const kh_token *tok)
{
    df_ctx *d = ctx;
    if (!kh_story_keep(tok))
        return 0;
    uint64_t h = kh_hash64(tok->stem, tok->stem_len, 0x646675u);
    int created;
    uint64_t *slot = kh_map_put(&d->at, h, &created);
    if (created) {
        if (d->n == d->cap) {
            d->cap = d->cap ? d->cap * 2 : 65536;
            d->v = kh_realloc(d->v, d->cap * sizeof *d->v);
        }
        char *stem = kh_malloc(tok->stem_len + 1);
        memcpy(stem, tok->stem, tok->stem_len);
        stem[tok->stem_len] = '\0';
        d->v[d->n] = (stem_count){stem, 0, 0};
        *slot = ++d->n;
    }
    stem_count *sc = &d->v[*slot - 1];
    if (sc->last != d->doc + 1) {
        sc->last = d->doc + 1;
        sc->df++;
    }
    return 0;
}

static int cmp_stem(const void *pa, const void *pb)
{
    return strcmp(((const stem_count *)pa)->stem,
                  ((const stem_count *)pb)->stem);
}

/* The stems of every article's title and text, as stories count them
 * (the default analyser, kh_story_keep), written as a C table. */
static int write_df(const corpus *c, const char *path)
{
    kh_analyzer *an = kh_analyzer_create(NULL);
    df_ctx d = {0};
    uint64_t docs = 0;
    for (size_t i = 0; i < c->n; i++) {
        const kh_article *a = &c->a[i];
        if (!a->text)
            continue;
        d.doc = docs++;
        if (a->title)
            kh_analyze(an, a->title, strlen(a->title), count_stem, &d);
        kh_analyze(an, a->text, strlen(a->text), count_stem, &d);
    }
    kh_analyzer_free(an);
    size_t k = 0;
    for (size_t i = 0; i < d.n; i++) {
        if (d.v[i].df >= BG_MIN_DF)
            d.v[k++] = d.v[i];
        else
            free(d.v[i].stem);
    }
    qsort(d.v, k, sizeof *d.v, cmp_stem);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "bench_dedup: %s: %s\n", path, strerror(errno));
        return 1;
    }
    fprintf(f,
            "/*\n"
            " * story_background.c - background word weights for story "
            "clustering.\n"
            " *\n"
            " * GENERATED by bench/dedup/bench_dedup --write-df; do not edit "
            "by hand.\n"
            " * Corpus: SaudiNewsNet, %llu articles with text.  Each entry is a "
            "stem (the\n"
            " * default analyser's) held by %d articles or more, and how many "
            "held it.\n"
            " * Regenerate when the analyser's stems change (see "
            "bench/dedup/README.md).\n"
            " */\n"
            "#include \"stories/story_background.h\"\n\n"
            "const unsigned kh_story_background_docs = %lluu;\n\n"
            "const kh_story_bg_entry kh_story_background[] = {\n",
            (unsigned long long)docs, BG_MIN_DF, (unsigned long long)docs);
    for (size_t i = 0; i < k; i++) /* three to a line */
        fprintf(f, "%s{\"%s\", %llu},%s", i % 3 ? " " : "    ", d.v[i].stem,
                (unsigned long long)d.v[i].df,
                i % 3 == 2 || i + 1 == k ? "\n" : "");
    fprintf(f, "};\n\nconst size_t kh_story_background_n =\n"
               "    sizeof kh_story_background / sizeof *kh_story_background;\n");
    fclose(f);
    printf("%zu stems written to %s\n", k, path);
    for (size_t i = 0; i < k; i++)
        free(d.v[i].stem);
    free(d.v);
    kh_map_free(&d.at);
    return 0;
}

/* Stories by size, for a look at the largest. */
typedef struct story_size {
    uint64_t story;
    size_t n, first;
} story_size;

static int cmp_size_desc(const void *pa, const void *pb)
{
    const story_size *a = pa, *b = pb;
    if (a->n != b->n)
        return a->n < b->n ? 1 : -1;
    return (a->story > b->story) - (a->story < b->story);
}

static void print_top(const corpus *c, const uint64_t *story, size_t top)
{
    kh_map at = KH_MAP_INIT;
    story_size *sz = kh_calloc(c->n ? c->n : 1, sizeof *sz);
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++) {
        int created;
        uint64_t *slot = kh_map_put(&at, story[i], &created);
        if (created) {
            *slot = n;
            sz[n++] = (story_size){story[i], 0, i};
        }
        sz[*slot].n++;
    }
    qsort(sz, n, sizeof *sz, cmp_size_desc);
    for (size_t k = 0; k < n && k < top; k++) {
        const kh_article *a = &c->a[sz[k].first];
        printf("story %6llu %4zu articles  %.10s  %s\n",
               (unsigned long long)sz[k].story, sz[k].n,
               a->date ? a->date : "-", a->title ? a->title : "");
    }
    free(sz);
    kh_map_free(&at);
}

int main(int argc, char **argv)
{
    kh_dedup_opts dopts;
    kh_stories_opts sopts;
    kh_dedup_opts_init(&dopts);
    kh_stories_opts_init(&sopts);
    const char *pairs_path = NULL, *stories_path = NULL, *scale = "1,2,4";
    const char *db_path = NULL, *df_path = NULL;
    size_t top = 0;
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
        } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            db_path = argv[++i];
        } else if (strcmp(argv[i], "--write-df") == 0 && i + 1 < argc) {
            df_path = argv[++i];
        } else if (strcmp(argv[i], "--top") == 0 && i + 1 < argc) {
            top = (size_t)strtoull(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
            c.limit = (size_t)strtoull(argv[++i], NULL, 10);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            usage();
        } else {
            paths[n_paths++] = argv[i];
        }
    }
    const char *why;
    if (!n_paths == !db_path)
        usage();
    if (kh_dedup_opts_check(&dopts, &why) || kh_stories_opts_check(&sopts, &why)) {
        fprintf(stderr, "bench_dedup: %s\n", why);
        return 2;
    }

    /* read and clean, as ingest does: learn chrome over all, then clean */
    double t0 = now();
    size_t empty = 0, text_bytes = 0;
    if (db_path) {
        if (read_db(db_path, &c) != 0)
            return 1;
    } else {
        kh_read_opts ro;
        kh_read_opts_init(&ro);
        kh_read_sink sink = {take_article, read_error, NULL, &c};
        int rc = kh_read_paths(paths, n_paths, &ro, &sink);
        if (rc != KH_OK && rc != KH_ESTOP) {
            fprintf(stderr, "bench_dedup: reading failed: %s\n",
                    kh_strerror(rc));
            return 1;
        }
        kh_chrome *chrome = kh_chrome_create();
        for (size_t i = 0; i < c.n; i++)
            kh_chrome_observe(chrome, &c.a[i]);
        for (size_t i = 0; i < c.n; i++)
            if (kh_clean_article(&c.a[i], chrome) != KH_OK)
                empty++;
        kh_chrome_free(chrome);
    }
    for (size_t i = 0; i < c.n; i++)
        text_bytes += c.a[i].text ? strlen(c.a[i].text) : 0;
    double t_read = now() - t0;
    printf("corpus: %zu articles (%zu without text), %.1f MB clean text, "
           "read+clean %.2f s\n",
           c.n, empty, (double)text_bytes / 1e6, t_read);
    if (df_path)
        return write_df(&c, df_path);

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
    /* ... and LSH banding alone, as minhash_numpy.py does it: each
     * article's band buckets looked up (its distinct candidates counted)
     * and joined, every article kept (no verification, no clusters) */
    kh_lsh bands = {0};
    unsigned rows = dopts.num_perm / dopts.bands;
    uint32_t *seen = kh_calloc(c.n ? c.n : 1, sizeof *seen);
    uint64_t lsh_candidates = 0;
    double t_sh = 0, t_sig = 0, t_lsh = 0;
    for (size_t i = 0; i < c.n; i++) {
        double ta = now();
        kh_shingle_set(W.w + W.off[i], W.off[i + 1] - W.off[i],
                       dopts.shingle_words, &sh, &scratch);
        double tb = now();
        kh_minhash_sign(&mh, sh.v, sh.n, sig.v);
        double tc = now();
        for (unsigned b = 0; sh.n && b < dopts.bands; b++) {
            /* keys are seeded by band: one table holds all bands */
            uint64_t key = kh_minhash_band_key(sig.v, b, rows);
            for (uint32_t e = kh_lsh_first(&bands, key); e != KH_LSH_END;
                 e = bands.next[e]) {
                uint32_t other = bands.doc[e];
                if (seen[other] != i + 1) {
                    seen[other] = (uint32_t)i + 1;
                    lsh_candidates++;
                }
            }
            kh_lsh_add(&bands, key, (uint32_t)i);
        }
        t_sh += tb - ta;
        t_sig += tc - tb;
        t_lsh += now() - tc;
    }
    kh_lsh_free(&bands);
    free(seen);
    kh_minhash_free(&mh);
    kh_u32vec_free(&sh);
    kh_u32vec_free(&scratch);
    kh_u32vec_free(&sig);

    /* 3. shingles, MinHash, LSH, verification (the title's key words,
     *    for the template test, are part of it) */
    kh_dup_result *res = kh_calloc(c.n ? c.n : 1, sizeof *res);
    kh_dedup_prep *prep = kh_dedup_prep_create();
    kh_analyzer *key_an = kh_analyzer_create(NULL);
    t0 = now();
    for (size_t i = 0; i < c.n; i++) {
        kh_dedup_prep_words(d, c.a[i].id, c.a[i].url, W.w + W.off[i],
                            W.off[i + 1] - W.off[i], prep);
        prep->day = kh_dedup_day(c.a[i].date);
        kh_dedup_keys(key_an, c.a[i].title, prep->wset.v, prep->wset.n,
                      &prep->keys);
        kh_dedup_place(d, prep, &res[i]);
    }
    double t_dedup = now() - t0;
    kh_dedup_prep_free(prep);
    kh_analyzer_free(key_an);
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
    printf("%-44s %8.3f s  (%llu candidate pairs)\n",
           "  of which LSH banding (alone)", t_lsh,
           (unsigned long long)lsh_candidates);
    printf("%-44s %8.3f s\n", "signatures + LSH (alone, as numpy)",
           t_sig + t_lsh);
    printf("duplicates: exact %llu, url %llu, near %llu; representatives "
           "%llu; candidates %llu (%llu from samples), templates refused "
           "%llu\n",
           (unsigned long long)dc.exact, (unsigned long long)dc.url,
           (unsigned long long)dc.near, (unsigned long long)dc.representatives,
           (unsigned long long)dc.candidates,
           (unsigned long long)dc.sample_candidates,
           (unsigned long long)dc.templates);
    printf("dedup memory: %.0f bytes/article (%.1f MB); window %u days, "
           "%llu articles held, %llu freed\n",
           (double)dc.bytes / (double)(c.n ? c.n : 1), (double)dc.bytes / 1e6,
           dopts.window_days, (unsigned long long)dc.held,
           (unsigned long long)dc.evicted);

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
    /* prepared and placed apart, as ingest does (kh_stories_add_batch
     * does both), so that placing, the serial part, is timed alone */
    kh_analyzer *an = kh_analyzer_create(NULL);
    kh_stories_prep *preps[1000];
    for (size_t k = 0; k < 1000; k++)
        preps[k] = kh_stories_prep_create();
    double worst = 0, t_place = 0;
    t0 = now();
    for (size_t i = 0; i < c.n; i += 1000) {
        size_t n = c.n - i < 1000 ? c.n - i : 1000;
        double tb = now();
        for (size_t k = 0; k < n; k++)
            kh_stories_prepare(s, an, ptrs[i + k], preps[k]);
        double tp = now();
        kh_stories_place_batch(s, (const kh_stories_prep *const *)preps,
                               dup_of + i, n, story + i);
        double te = now();
        t_place += te - tp;
        worst = te - tb > worst ? te - tb : worst;
    }
    double t_stories = now() - t0;
    for (size_t k = 0; k < 1000; k++)
        kh_stories_prep_free(preps[k]);
    kh_analyzer_free(an);
    for (size_t i = 0; i < c.n; i++) /* merges may have moved some */
        story[i] = kh_stories_story_of(s, c.a[i].id);
    kh_stories_counters sc;
    kh_stories_counters_get(s, &sc);
    printf("stories: %llu made, %llu merges, %llu candidates scored, "
           "%llu templates refused, %.3f s, of which placing %.3f s "
           "(%.1f ms per 1,000 articles, slowest batch %.1f ms); "
           "%.0f bytes/article\n",
           (unsigned long long)sc.stories, (unsigned long long)sc.merges,
           (unsigned long long)sc.candidates,
           (unsigned long long)sc.templates, t_stories, t_place,
           1000.0 * t_stories / ((double)c.n / 1000.0 + 1e-9),
           1000.0 * worst, (double)sc.bytes / (double)(c.n ? c.n : 1));
    if (top)
        print_top(&c, story, top);
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
    printf("\n%-8s %12s %14s %14s %10s %12s %12s\n", "scale", "articles",
           "dedup B/art", "stories B/art", "seconds", "dedup MB", "dedup peak");
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
        kh_dedup_prep *sp = kh_dedup_prep_create();
        size_t peak = 0;
        for (unsigned rep = 0; rep < k; rep++) {
            uint64_t salt = 0x9e3779b97f4a7c15ULL * (rep + 1);
            for (size_t i = 0; i < c.n; i++) {
                salted.n = 0;
                for (size_t j = W.off[i]; j < W.off[i + 1]; j++)
                    kh_u64vec_push(&salted, W.w[j] ^ (rep ? salt : 0));
                copy[i] = c.a[i];
                copy[i].date = NULL;
                if (c.a[i].date && strlen(c.a[i].date) >= 4) {
                    snprintf(dates[i], sizeof dates[i], "%04d%s",
                             atoi(c.a[i].date) + (int)rep, c.a[i].date + 4);
                    copy[i].date = dates[i];
                }
                kh_dedup_prep_words(dk, c.a[i].id ^ (rep ? salt : 0), NULL,
                                    salted.v, salted.n, sp);
                sp->day = kh_dedup_day(copy[i].date);
                kh_dedup_place(dk, sp, NULL);
                if ((i & 1023) == 0) { /* the peak, not only the end */
                    kh_dedup_counters_get(dk, &dc);
                    peak = dc.bytes > peak ? dc.bytes : peak;
                }
                copy[i].id ^= rep ? salt : 0;
                /* later years, so copies make stories of their own (and
                 * leave the duplicate window) */
                cp[i] = &copy[i];
            }
            for (size_t i = 0; i < c.n; i += 1000)
                kh_stories_add_batch(sk, cp + i, NULL,
                                     c.n - i < 1000 ? c.n - i : 1000, NULL);
        }
        double dt = now() - ts;
        kh_dedup_counters_get(dk, &dc);
        kh_stories_counters_get(sk, &sc);
        peak = dc.bytes > peak ? dc.bytes : peak;
        size_t total = c.n * k;
        printf("%-8u %12zu %14.0f %14.0f %10.2f %12.1f %12.1f\n", k, total,
               (double)dc.bytes / (double)total,
               (double)sc.bytes / (double)total, dt, (double)dc.bytes / 1e6,
               (double)peak / 1e6);
        kh_dedup_prep_free(sp);
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
