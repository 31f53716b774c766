/*
 * dedup.c - kh_dedup, the incremental duplicate index (khabar.h): exact
 * texts by hash, URL variants by canonical URL, near-duplicates found by
 * MinHash/LSH (similar texts) and by sampled shingles (a short text inside
 * a longer one), verified on exact shingle sets; template texts refused;
 * star-shaped clusters.
 *
 * Workload: every ingested article is added once, in ingest order; most
 * are unique and meet no candidate, so the cost is the signature.  Only a
 * window of recent clusters is kept (dedup_state.h), so memory is flat in
 * the size of the corpus.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "common/map.h"
#include "dedup/dedup_keys.h"
#include "dedup/dedup_prep.h"
#include "dedup/dedup_state.h"
#include "dedup/lsh.h"
#include "dedup/minhash.h"
#include "dedup/shingles.h"
#include "khabar.h"

#define NO_DOC UINT32_MAX
/* Shingles whose hash has these bits clear are sampled: one in eight. */
#define SAMPLE_MASK 7u
/* A sample held by more representatives than this is boilerplate (a
 * stock phrase, an outlet's footer): only its latest holders are met. */
#define SAMPLE_BUCKET_MAX 64
/* Samples a representative must share with the query to be checked: at
 * least this many, and at least SAMPLE_SHARE of the samples of the one
 * with fewer.  A copy holds about `containment` of the shorter text's
 * samples (0.7 or more); two texts that share a stock phrase hold two or
 * three.  0.3 leaves the duplicates found on SaudiNewsNet unchanged and
 * verifies 22,000 candidates instead of 59,000 (bench/dedup). */
#define SAMPLE_MIN_SHARED 2
#define SAMPLE_SHARE 0.3
/* At most this many samples are saved per representative. */
#define SAMPLE_MAX 4096
/* The opening of the shorter text found among this many first shingles
 * of the longer one. */
#define OPENING 4

/* One article.  Representatives hold what verifies a match (shingles,
 * word set, keys, opening) when `loaded`, and what finds them (bands,
 * samples) always. */
typedef struct dd_doc {
    uint64_t id;
    uint64_t text_key, url_key;
    size_t sh_off, w_off, k_off, h_off, b_off, s_off; /* in the pools      */
    uint32_t n_sh;   /* shingles of a representative (also unloaded)     */
    uint32_t w_n, k_len, s_n;
    uint32_t rep;    /* the representative's index (itself for one)     */
    uint32_t stamp;  /* the last query that compared with it            */
    uint32_t hit_stamp; /* the last query that counted its shared samples */
    uint16_t hits;
    uint8_t kind;    /* kh_dup_kind                                     */
    uint8_t h_n;     /* head shingles held                              */
    uint8_t loaded;  /* verification data in the pools                  */
    uint8_t has_bands;
    float jaccard, containment;
    int32_t day;      /* kh_dedup_day of its date, 0 for undated          */
    int32_t last_day; /* a representative: its cluster's newest day     */
    uint64_t last_seq; /* ... and the count of articles at its last join */
} dd_doc;

struct kh_dedup {
    kh_dedup_opts o;
    unsigned rows;
    kh_minhash mh;
    kh_analyzer *an;      /* created on the first text                  */
    dd_doc *docs;
    size_t n_docs, cap_docs;
    kh_u32vec pool;       /* shingles of loaded representatives          */
    kh_u32vec wpool;      /* their word sets                             */
    kh_u32vec hpool;      /* their first shingles                        */
    kh_u32vec bpool;      /* band fingerprints of representatives        */
    kh_u32vec spool;      /* sampled shingles of representatives         */
    kh_buf kpool;         /* key words of loaded representatives         */
    kh_map by_id;         /* id -> doc index                            */
    kh_map by_text;       /* text key -> first doc with that text       */
    kh_map by_url;        /* url key -> first doc with that URL         */
    kh_lsh lsh;           /* band key -> representatives                */
    kh_lsh samples;       /* sampled shingle -> representatives         */
    uint64_t *keys;       /* the current article's band keys            */
    uint32_t query;       /* stamp of the current query                 */
    kh_dedup_loader_fn loader;
    void *loader_ctx;
    kh_dedup_prep *own;   /* kh_dedup_add's prep, reused                */
    kh_dedup_prep *reload; /* a reloaded representative's prep          */
    kh_u32vec samp;       /* scratch: a new representative's samples    */
    kh_buf title_buf, text_buf;
    int32_t clock;        /* the newest day seen                        */
    size_t compact_at;    /* n_docs at which to free the expired        */
    kh_dedup_counters c;
};

const kh_dedup_opts *kh_dedup_get_opts(const kh_dedup *d)
{
    return &d->o;
}

const kh_minhash *kh_dedup_minhash(const kh_dedup *d)
{
    return &d->mh;
}

kh_dedup *kh_dedup_create(const kh_dedup_opts *opts)
{
    kh_dedup *d = kh_calloc(1, sizeof *d);
    if (opts)
        d->o = *opts;
    else
        kh_dedup_opts_init(&d->o);
    const char *why;
    int ok = kh_dedup_opts_check(&d->o, &why);
    assert(ok == KH_OK);
    (void)ok;
    (void)why;
    d->rows = d->o.num_perm / d->o.bands;
    kh_minhash_init(&d->mh, d->o.num_perm);
    d->own = kh_dedup_prep_create();
    d->reload = kh_dedup_prep_create();
    d->keys = kh_malloc(d->o.bands * sizeof *d->keys);
    d->compact_at = 4096;
    return d;
}

void kh_dedup_free(kh_dedup *d)
{
    if (!d)
        return;
    kh_minhash_free(&d->mh);
    kh_analyzer_free(d->an);
    free(d->docs);
    kh_u32vec_free(&d->pool);
    kh_u32vec_free(&d->wpool);
    kh_u32vec_free(&d->hpool);
    kh_u32vec_free(&d->bpool);
    kh_u32vec_free(&d->spool);
    kh_buf_free(&d->kpool);
    kh_map_free(&d->by_id);
    kh_map_free(&d->by_text);
    kh_map_free(&d->by_url);
    kh_lsh_free(&d->lsh);
    kh_lsh_free(&d->samples);
    free(d->keys);
    kh_dedup_prep_free(d->own);
    kh_dedup_prep_free(d->reload);
    kh_u32vec_free(&d->samp);
    kh_buf_free(&d->title_buf);
    kh_buf_free(&d->text_buf);
    free(d);
}

void kh_dedup_set_loader(kh_dedup *d, kh_dedup_loader_fn fn, void *ctx)
{
    d->loader = fn;
    d->loader_ctx = ctx;
}

static kh_analyzer *own_analyzer(kh_dedup *d)
{
    if (!d->an) {
        /* Normalised forms are all near-duplicate detection needs: no
         * stems, no clitic stripping (a copy keeps its exact words). */
        kh_analyzer_opts ao;
        kh_analyzer_opts_init(&ao);
        ao.stemmer = KH_STEM_NONE;
        ao.strip_clitics = 0;
        d->an = kh_analyzer_create(&ao);
    }
    return d->an;
}

void kh_dedup_words(kh_dedup *d, const char *text, size_t len,
                    struct kh_u64vec *out)
{
    kh_dedup_text_words(own_analyzer(d), text, len, out);
}

static uint32_t new_doc(kh_dedup *d, uint64_t id, int32_t day)
{
    if (d->n_docs == d->cap_docs) {
        d->cap_docs = d->cap_docs ? d->cap_docs * 2 : 1024;
        d->docs = kh_realloc(d->docs, d->cap_docs * sizeof *d->docs);
    }
    assert(d->n_docs < NO_DOC);
    uint32_t i = (uint32_t)d->n_docs++;
    memset(&d->docs[i], 0, sizeof d->docs[i]);
    d->docs[i].id = id;
    d->docs[i].rep = i;
    *kh_map_put(&d->by_id, id, NULL) = i;
    d->c.articles++;
    d->docs[i].day = d->docs[i].last_day = day;
    d->docs[i].last_seq = d->c.articles;
    if (day > d->clock)
        d->clock = day;
    return i;
}

/* Representative rep's cluster is in the window: its newest article is
 * dated at most window_days before the newest date seen, or, when none of
 * its articles is dated, it was joined or made at most window_undated
 * articles ago.  Out of the window it is never matched again, whether
 * compaction has freed it yet or not, so what is found does not depend on
 * when compaction runs (nor on a restore, which replays the same order). */
static int in_window(const kh_dedup *d, uint32_t rep)
{
    const dd_doc *r = &d->docs[rep];
    if (r->last_day)
        return !d->o.window_days ||
               (int64_t)r->last_day + d->o.window_days >= d->clock;
    return !d->o.window_undated ||
           d->c.articles - r->last_seq <= d->o.window_undated;
}

static size_t push_u32(kh_u32vec *pool, const uint32_t *v, size_t n)
{
    kh_u32vec_reserve(pool, n);
    size_t off = pool->n;
    if (n)
        memcpy(pool->v + off, v, n * sizeof *v);
    pool->n += n;
    return off;
}

/* The band keys of a signature into d->keys, their slots prefetched. */
static void band_keys(kh_dedup *d, const uint32_t *sig)
{
    for (unsigned b = 0; b < d->o.bands; b++) {
        d->keys[b] = kh_minhash_band_key(sig, b, d->rows);
        kh_lsh_prefetch(&d->lsh, d->keys[b]);
    }
}

/* Put representative di in the buckets of its bands (fingerprints) and of
 * its samples, and keep both for its record. */
static void index_rep(kh_dedup *d, uint32_t di, const uint32_t *fps,
                      const uint32_t *samples, size_t n_samples)
{
    if (fps) {
        size_t off = push_u32(&d->bpool, fps, d->o.bands);
        d->docs[di].b_off = off;
        d->docs[di].has_bands = 1;
        for (unsigned b = 0; b < d->o.bands; b++)
            kh_lsh_add(&d->lsh, (uint64_t)fps[b] << 32, di);
        d->c.lsh_entries += d->o.bands;
    }
    d->docs[di].s_off = push_u32(&d->spool, samples, n_samples);
    d->docs[di].s_n = (uint32_t)n_samples;
    for (size_t i = 0; i < n_samples; i++)
        kh_lsh_add(&d->samples, (uint64_t)samples[i] << 32, di);
    d->c.sample_entries += n_samples;
}

/* Keep what verifies a match with representative di: its shingles, word
 * set, keys and opening (from a prep: the article itself or a reload). */
static void hold(kh_dedup *d, uint32_t di, const kh_dedup_prep *p)
{
    size_t sh_off = push_u32(&d->pool, p->sh.v, p->sh.n);
    size_t w_off = push_u32(&d->wpool, p->wset.v, p->wset.n);
    size_t h_off = push_u32(&d->hpool, p->head, p->n_head);
    size_t k_off = d->kpool.len;
    kh_buf_append(&d->kpool, p->keys.data ? p->keys.data : "", p->keys.len);
    dd_doc *doc = &d->docs[di];
    doc->sh_off = sh_off;
    doc->n_sh = (uint32_t)p->sh.n;
    doc->w_off = w_off;
    doc->w_n = (uint32_t)p->wset.n;
    doc->h_off = h_off;
    doc->h_n = (uint8_t)p->n_head;
    doc->k_off = k_off;
    doc->k_len = (uint32_t)p->keys.len;
    doc->loaded = 1;
    d->c.shingles_held += p->sh.n;
}

/* Make representative di's verification data available: reload its text
 * through the loader when it was restored without it.  0 when that fails
 * (no loader, or the text is gone). */
static int ensure_loaded(kh_dedup *d, uint32_t di)
{
    if (d->docs[di].loaded)
        return 1;
    if (!d->loader)
        return 0;
    kh_buf_reset(&d->title_buf);
    kh_buf_reset(&d->text_buf);
    if (d->loader(d->loader_ctx, d->docs[di].id, &d->title_buf,
                  &d->text_buf) != KH_OK)
        return 0;
    kh_dedup_prep *p = d->reload;
    kh_dedup_words(d, d->text_buf.data, d->text_buf.len, &p->words);
    kh_dedup_prep_words(d, d->docs[di].id, NULL, p->words.v, p->words.n, p);
    kh_dedup_keys(own_analyzer(d), d->title_buf.data, p->wset.v, p->wset.n,
                  &p->keys);
    hold(d, di, p);
    d->c.loads++;
    return 1;
}

/* Compare the query's shingles with a (loaded) representative's. */
static void measure(const kh_dedup *d, uint32_t rep, const kh_dedup_prep *q,
                    double *jaccard, double *containment)
{
    const dd_doc *r = &d->docs[rep];
    const uint32_t *rs = d->pool.v + r->sh_off;
    size_t n = q->sh.n;
    size_t same = kh_overlap(q->sh.v, n, rs, r->n_sh);
    size_t uni = n + r->n_sh - same;
    size_t smaller = n < r->n_sh ? n : r->n_sh;
    *jaccard = uni ? (double)same / (double)uni : 0.0;
    *containment = smaller ? (double)same / (double)smaller : 0.0;
}

static int in_list(const uint32_t *v, size_t n, uint32_t x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return 1;
    return 0;
}

/* The shorter text opens as the longer one does: one of its first
 * OPENING shingles is among the longer's first KH_DEDUP_HEAD. */
static int same_opening(const kh_dedup *d, uint32_t rep,
                        const kh_dedup_prep *q)
{
    const dd_doc *r = &d->docs[rep];
    const uint32_t *rh = d->hpool.v + r->h_off;
    int q_shorter = q->sh.n <= r->n_sh;
    const uint32_t *sh = q_shorter ? q->head : rh;
    size_t n_short = q_shorter ? q->n_head : r->h_n;
    const uint32_t *lh = q_shorter ? rh : q->head;
    size_t n_long = q_shorter ? r->h_n : q->n_head;
    for (size_t i = 0; i < n_short && i < OPENING; i++)
        if (in_list(lh, n_long, sh[i]))
            return 1;
    return 0;
}

/*
 * Is the query nearly the same text as representative rep?  Yes at
 * `jaccard` or more.  By containment (the shorter text inside the longer
 * at `containment` or more) only when both are long enough to say
 * something, and the shorter is at least half the longer or opens as it
 * does: a wire report inside a longer report of the same event, not one
 * item of a digest (a cabinet session's decisions, a sports round-up),
 * which would pull unrelated events into one cluster.
 */
static int is_near(const kh_dedup *d, uint32_t rep, const kh_dedup_prep *q,
                   double j, double c)
{
    if (j >= d->o.jaccard)
        return 1;
    size_t n1 = q->sh.n, n2 = d->docs[rep].n_sh;
    if (c < d->o.containment || n1 < d->o.min_shingles ||
        n2 < d->o.min_shingles)
        return 0;
    size_t small = n1 < n2 ? n1 : n2, large = n1 < n2 ? n2 : n1;
    return 2 * small >= large || same_opening(d, rep, q);
}

typedef struct match {
    uint32_t rep;
    kh_dup_kind kind;
    double jaccard, containment;
} match;

/* Verify one candidate representative; update *best. */
static void verify(kh_dedup *d, uint32_t rep, const kh_dedup_prep *q,
                   match *best, int *found)
{
    if (!in_window(d, rep))
        return;
    d->c.candidates++;
    if (!ensure_loaded(d, rep))
        return;
    d->c.verified++;
    double j, c;
    measure(d, rep, q, &j, &c);
    if (!is_near(d, rep, q, j, c))
        return;
    const dd_doc *r = &d->docs[rep];
    if (q->keys.len && r->k_len &&
        kh_dedup_template(q->keys.data, q->keys.len, q->wset.v, q->wset.n,
                          d->kpool.data + r->k_off, r->k_len,
                          d->wpool.v + r->w_off, r->w_n)) {
        d->c.templates++;
        return;
    }
    if (!*found || j > best->jaccard ||
        (j == best->jaccard && c > best->containment)) {
        *best = (match){rep, KH_DUP_NEAR, j, c};
        *found = 1;
    }
}

static void next_query(kh_dedup *d)
{
    if (++d->query == 0) { /* stamps wrapped: forget them all */
        for (size_t i = 0; i < d->n_docs; i++)
            d->docs[i].stamp = d->docs[i].hit_stamp = 0;
        d->query = 1;
    }
}

/*
 * Near-duplicate search, from two sources of candidates, each verified
 * once (stamps) on the exact shingle sets:
 *   - LSH: the query's signature cut into bands; a representative sharing
 *     a whole band is a candidate (likely from Jaccard 0.5 up);
 *   - samples: the query's shingles whose hash has its low bits clear (a
 *     deterministic sample, the same in every text); a representative
 *     sharing enough of them (SAMPLE_MIN_SHARED, SAMPLE_SHARE) is a
 *     candidate.  A short copy inside a long text has a low Jaccard,
 *     which LSH misses, but its samples are all in the long text's.
 * Only representatives sit in the buckets, so a bucket grows with the
 * number of distinct texts, never with copies.  The best verified
 * representative wins: highest Jaccard, then containment.
 */
static int find_near(kh_dedup *d, const kh_dedup_prep *q, match *best)
{
    int found = 0;
    next_query(d);
    if (q->has_sig) {
        band_keys(d, q->sig.v);
        for (unsigned b = 0; b < d->o.bands; b++) {
            for (uint32_t e = kh_lsh_first(&d->lsh, d->keys[b]);
                 e != KH_LSH_END; e = d->lsh.next[e]) {
                uint32_t rep = d->lsh.doc[e];
                if (d->docs[rep].stamp == d->query)
                    continue;
                d->docs[rep].stamp = d->query;
                verify(d, rep, q, best, &found);
            }
        }
    }
    if (q->sh.n < d->o.min_shingles)
        return found;
    size_t n_samples = 0;
    for (size_t i = 0; i < q->sh.n; i++)
        n_samples += (q->sh.v[i] & SAMPLE_MASK) == 0;
    unsigned need = n_samples < SAMPLE_MIN_SHARED ? 1 : SAMPLE_MIN_SHARED;
    for (size_t i = 0; i < q->sh.n; i++) {
        if (q->sh.v[i] & SAMPLE_MASK)
            continue;
        unsigned walked = 0;
        for (uint32_t e = kh_lsh_first(&d->samples, (uint64_t)q->sh.v[i] << 32);
             e != KH_LSH_END && walked < SAMPLE_BUCKET_MAX;
             e = d->samples.next[e]) {
            if (!in_window(d, d->samples.doc[e]))
                continue; /* expired, not yet freed: as if gone */
            walked++;
            dd_doc *r = &d->docs[d->samples.doc[e]];
            if (r->hit_stamp != d->query) {
                r->hit_stamp = d->query;
                r->hits = 0;
            }
            size_t fewer = n_samples < r->s_n ? n_samples : r->s_n;
            unsigned need_r = (unsigned)(SAMPLE_SHARE * (double)fewer);
            if (need_r < need)
                need_r = need;
            if (++r->hits != need_r || r->stamp == d->query)
                continue;
            r->stamp = d->query;
            d->c.sample_candidates++;
            verify(d, d->samples.doc[e], q, best, &found);
        }
    }
    return found;
}

static void result_of(const kh_dedup *d, uint32_t di, kh_dup_result *out)
{
    const dd_doc *doc = &d->docs[di];
    out->duplicate_of = doc->rep == di ? 0 : d->docs[doc->rep].id;
    out->kind = (kh_dup_kind)doc->kind;
    out->jaccard = doc->jaccard;
    out->containment = doc->containment;
}

static void join(kh_dedup *d, uint32_t di, const match *m)
{
    dd_doc *doc = &d->docs[di];
    assert(d->docs[m->rep].rep == m->rep); /* stars: reps only */
    doc->rep = m->rep;
    doc->kind = (uint8_t)m->kind;
    doc->jaccard = (float)m->jaccard;
    doc->containment = (float)m->containment;
    dd_doc *r = &d->docs[m->rep]; /* a join keeps the cluster in the window */
    if (doc->day > r->last_day)
        r->last_day = doc->day;
    r->last_seq = doc->last_seq;
    if (m->kind == KH_DUP_EXACT)
        d->c.exact++;
    else if (m->kind == KH_DUP_URL)
        d->c.url++;
    else
        d->c.near++;
}

/* A new representative: held, and indexed when long enough for near
 * matches. */
static void new_rep(kh_dedup *d, uint32_t di, const kh_dedup_prep *p)
{
    d->c.representatives++;
    if (p->sh.n == 0)
        return;
    hold(d, di, p);
    if (p->sh.n < d->o.min_shingles)
        return; /* too short for near matches: exact ones only */
    uint32_t fps[KH_MINHASH_MAX_PERM];
    assert(p->has_sig); /* has_sig: at least min_shingles */
    for (unsigned b = 0; b < d->o.bands; b++)
        fps[b] = (uint32_t)(d->keys[b] >> 32);
    kh_u32vec *samp = &d->samp;
    samp->n = 0;
    kh_u32vec_reserve(samp, p->sh.n);
    for (size_t i = 0; i < p->sh.n && samp->n < SAMPLE_MAX; i++)
        if ((p->sh.v[i] & SAMPLE_MASK) == 0)
            samp->v[samp->n++] = p->sh.v[i];
    index_rep(d, di, fps, samp->v, samp->n);
}

static void maybe_compact(kh_dedup *d);

/* Place a new article (di) as kh_dedup_place says; the index's maps point
 * to the first holder of a text or URL in the window. */
static void place_new(kh_dedup *d, uint32_t di, const kh_dedup_prep *p,
                      kh_dup_result *out)
{
    uint64_t tkey = d->docs[di].text_key, ukey = d->docs[di].url_key;

    /* 1. the same text: take over the placement of its first holder */
    uint64_t *same_text = tkey ? kh_map_get(&d->by_text, tkey) : NULL;
    if (same_text && !in_window(d, d->docs[*same_text].rep)) {
        *same_text = di; /* its holder expired: this one replaces it */
        same_text = NULL;
    }
    if (same_text) {
        const dd_doc *first = &d->docs[*same_text];
        match m = {first->rep, KH_DUP_EXACT, 1.0, 1.0};
        if (first->rep != (uint32_t)*same_text) /* it copies a rep nearly */
            m = (match){first->rep, (kh_dup_kind)first->kind, first->jaccard,
                        first->containment};
        join(d, di, &m);
        int created = 0;
        uint64_t *u = ukey ? kh_map_put(&d->by_url, ukey, &created) : NULL;
        if (u && (created || !in_window(d, d->docs[*u].rep)))
            *u = di; /* new, or its holder expired */
        result_of(d, di, out);
        return;
    }
    if (tkey)
        *kh_map_put(&d->by_text, tkey, NULL) = di;

    /* 2. another version of the same page */
    uint64_t *same_url = ukey ? kh_map_get(&d->by_url, ukey) : NULL;
    if (same_url && !in_window(d, d->docs[*same_url].rep)) {
        *same_url = di;
        same_url = NULL;
    }
    if (same_url) {
        uint32_t rep = d->docs[*same_url].rep;
        match m = {rep, KH_DUP_URL, 0.0, 0.0};
        if (ensure_loaded(d, rep))
            measure(d, rep, p, &m.jaccard, &m.containment);
        join(d, di, &m);
        result_of(d, di, out);
        return;
    }
    if (ukey)
        *kh_map_put(&d->by_url, ukey, NULL) = di;

    /* 3. nearly the same text as a representative */
    match best;
    if (p->sh.n >= d->o.min_shingles && find_near(d, p, &best)) {
        join(d, di, &best);
        result_of(d, di, out);
        return;
    }
    /* 4. a new representative (find_near left its band keys in d->keys) */
    new_rep(d, di, p);
    result_of(d, di, out);
}

int kh_dedup_place(kh_dedup *d, const kh_dedup_prep *p, kh_dup_result *out)
{
    kh_dup_result ignored;
    if (!out)
        out = &ignored;
    memset(out, 0, sizeof *out);
    if (!p->prepared || p->id == 0 || p->num_perm != d->o.num_perm ||
        p->shingle_words != d->o.shingle_words)
        return KH_EINVAL;
    uint64_t *known = kh_map_get(&d->by_id, p->id);
    if (known) {
        result_of(d, (uint32_t)*known, out);
        return KH_OK;
    }
    /* before, not after: the record of the article just placed stays
     * readable until the next placement, even out of the window */
    maybe_compact(d);
    uint32_t di = new_doc(d, p->id, p->day);
    d->docs[di].text_key = p->text_key;
    d->docs[di].url_key = d->o.url_variants ? p->url_key : 0;
    place_new(d, di, p, out);
    return KH_OK;
}

int kh_dedup_add_words(kh_dedup *d, uint64_t id, const char *url,
                       const uint64_t *words, size_t n, kh_dup_result *out)
{
    if (id == 0) {
        if (out)
            memset(out, 0, sizeof *out);
        return KH_EINVAL;
    }
    uint64_t *known = kh_map_get(&d->by_id, id);
    if (known) { /* placed before: skip the signature */
        if (out)
            result_of(d, (uint32_t)*known, out);
        return KH_OK;
    }
    kh_dedup_prep_words(d, id, url, words, n, d->own);
    return kh_dedup_place(d, d->own, out);
}

int kh_dedup_add(kh_dedup *d, const kh_article *a, kh_dup_result *out)
{
    if (a->id == 0) {
        if (out)
            memset(out, 0, sizeof *out);
        return KH_EINVAL;
    }
    if (kh_map_get(&d->by_id, a->id)) /* known: skip the analysis */
        return kh_dedup_add_words(d, a->id, NULL, NULL, 0, out);
    int rc = kh_dedup_prepare(d, own_analyzer(d), a, d->own);
    if (rc != KH_OK)
        return rc;
    return kh_dedup_place(d, d->own, out);
}

int kh_dedup_record_of(const kh_dedup *d, uint64_t id, kh_dedup_record *out)
{
    uint64_t *known = kh_map_get(&d->by_id, id);
    if (!known)
        return KH_ENOTFOUND;
    const dd_doc *doc = &d->docs[*known];
    kh_dup_result r;
    result_of(d, (uint32_t)*known, &r);
    int is_rep = doc->rep == (uint32_t)*known;
    *out = (kh_dedup_record){
        .id = id,
        .duplicate_of = r.duplicate_of,
        .kind = r.kind,
        .jaccard = r.jaccard,
        .containment = r.containment,
        .day = doc->day,
        .text_key = doc->text_key,
        .url_key = doc->url_key,
        .n_shingles = is_rep ? doc->n_sh : 0,
        .bands = is_rep && doc->has_bands ? d->bpool.v + doc->b_off : NULL,
        .samples = is_rep && doc->s_n ? d->spool.v + doc->s_off : NULL,
        .n_samples = is_rep ? doc->s_n : 0,
    };
    return KH_OK;
}

int kh_dedup_restore(kh_dedup *d, const kh_dedup_record *r)
{
    if (r->id == 0 || kh_map_get(&d->by_id, r->id) ||
        r->n_samples > SAMPLE_MAX || r->n_samples > r->n_shingles)
        return KH_EINVAL;
    /* first: compaction moves every index.  A saved representative is
     * still in the window when its members come (the same order, the same
     * window), so it is not freed here. */
    maybe_compact(d);
    uint32_t rep = NO_DOC;
    if (r->duplicate_of) {
        uint64_t *ri = kh_map_get(&d->by_id, r->duplicate_of);
        if (!ri || d->docs[*ri].rep != (uint32_t)*ri)
            return KH_EINVAL;
        rep = (uint32_t)*ri;
    }
    uint32_t di = new_doc(d, r->id, r->day);
    d->docs[di].text_key = r->text_key;
    d->docs[di].url_key = r->url_key;
    /* the first holder in the window, as placing would have left it */
    int created = 0;
    uint64_t *t = r->text_key ? kh_map_put(&d->by_text, r->text_key, &created)
                              : NULL;
    if (t && (created || !in_window(d, d->docs[*t].rep)))
        *t = di;
    uint64_t *u = r->url_key ? kh_map_put(&d->by_url, r->url_key, &created)
                             : NULL;
    if (u && (created || !in_window(d, d->docs[*u].rep)))
        *u = di;
    if (rep != NO_DOC) {
        match m = {rep, r->kind, r->jaccard, r->containment};
        join(d, di, &m);
    } else {
        d->c.representatives++;
        d->docs[di].n_sh = r->n_shingles;
        if (r->n_shingles >= d->o.min_shingles)
            index_rep(d, di, r->bands, r->samples, r->n_samples);
    }
    return KH_OK;
}

/* ---- the window: freeing the clusters that left it ---------------------- */

/* Where a representative's held data sits: hold() appends to the four
 * pools at once, for a new representative and for a reload alike, so the
 * offsets grow together in the order of the holds (not of the docs). */
typedef struct held_at {
    size_t sh, w, h, k;
    uint32_t doc;
} held_at;

static int cmp_held_at(const void *pa, const void *pb)
{
    const held_at *a = pa, *b = pb;
    if (a->sh != b->sh)
        return a->sh < b->sh ? -1 : 1;
    if (a->w != b->w)
        return a->w < b->w ? -1 : 1;
    if (a->h != b->h)
        return a->h < b->h ? -1 : 1;
    return (a->k > b->k) - (a->k < b->k);
}

/* Move n words down a pool (to <= from); the new offset.  A record that
 * holds nothing there (a text too short to index) has any offset. */
static size_t move_down(kh_u32vec *pool, size_t to, size_t from, size_t n)
{
    if (n == 0)
        return to;
    assert(to <= from);
    if (to != from)
        memmove(pool->v + to, pool->v + from, n * sizeof *pool->v);
    return to;
}

static void shrink_u32(kh_u32vec *v)
{
    size_t cap = v->n > 64 ? v->n : 64;
    if (cap < v->cap) {
        v->v = kh_realloc(v->v, cap * sizeof *v->v);
        v->cap = cap;
    }
}

/* The verification data of the kept, loaded representatives (to[i] !=
 * NO_DOC) moved down their pools, in the order it was held, so that no
 * move overwrites what is still to move; the pools shrink to fit.
 * Returns the shingles held. */
static uint64_t pack_held(kh_dedup *d, const uint32_t *to)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_docs; i++)
        n += to[i] != NO_DOC && d->docs[i].rep == i && d->docs[i].loaded;
    held_at *at = kh_malloc((n ? n : 1) * sizeof *at);
    size_t k = 0;
    for (size_t i = 0; i < d->n_docs; i++) {
        const dd_doc *x = &d->docs[i];
        if (to[i] != NO_DOC && x->rep == i && x->loaded)
            at[k++] = (held_at){x->sh_off, x->w_off, x->h_off, x->k_off,
                                (uint32_t)i};
    }
    qsort(at, n, sizeof *at, cmp_held_at);
    size_t n_sh = 0, n_w = 0, n_h = 0, n_k = 0;
    uint64_t held = 0;
    for (size_t j = 0; j < n; j++) {
        dd_doc *x = &d->docs[at[j].doc];
        x->sh_off = move_down(&d->pool, n_sh, x->sh_off, x->n_sh);
        x->w_off = move_down(&d->wpool, n_w, x->w_off, x->w_n);
        x->h_off = move_down(&d->hpool, n_h, x->h_off, x->h_n);
        assert(x->k_len == 0 || n_k <= x->k_off);
        if (x->k_len && n_k != x->k_off)
            memmove(d->kpool.data + n_k, d->kpool.data + x->k_off, x->k_len);
        x->k_off = n_k;
        n_sh += x->n_sh;
        n_w += x->w_n;
        n_h += x->h_n;
        n_k += x->k_len;
        held += x->n_sh;
    }
    free(at);
    d->pool.n = n_sh;
    d->wpool.n = n_w;
    d->hpool.n = n_h;
    shrink_u32(&d->pool);
    shrink_u32(&d->wpool);
    shrink_u32(&d->hpool);
    if (d->kpool.data) {
        d->kpool.len = n_k;
        d->kpool.cap = n_k + 1;
        d->kpool.data = kh_realloc(d->kpool.data, d->kpool.cap);
        d->kpool.data[n_k] = '\0';
    }
    return held;
}

/* Put kept doc ni back in the maps and, a representative, in the buckets
 * of its bands and samples: the first holder of a text or URL keeps it. */
static void reindex(kh_dedup *d, uint32_t ni)
{
    const dd_doc *x = &d->docs[ni];
    *kh_map_put(&d->by_id, x->id, NULL) = ni;
    int created = 0;
    uint64_t *t = x->text_key ? kh_map_put(&d->by_text, x->text_key, &created)
                              : NULL;
    if (t && created)
        *t = ni;
    uint64_t *u = x->url_key ? kh_map_put(&d->by_url, x->url_key, &created)
                             : NULL;
    if (u && created)
        *u = ni;
    if (x->rep != ni)
        return;
    for (unsigned b = 0; x->has_bands && b < d->o.bands; b++)
        kh_lsh_add(&d->lsh, (uint64_t)d->bpool.v[x->b_off + b] << 32, ni);
    for (uint32_t k = 0; k < x->s_n; k++)
        kh_lsh_add(&d->samples, (uint64_t)d->spool.v[x->s_off + k] << 32, ni);
}

/*
 * Compaction: the index is rebuilt from the articles of the clusters still
 * in the window, in their order, and the rest is freed.  Rebuilding in
 * order keeps every bucket list and every map entry as placing those
 * articles alone would have made them (the latest holders first; the
 * first holder of a text or URL).  It runs in place, so that it never
 * needs more memory than the index it compacts: the maps and buckets go
 * first (they are made again from what is kept), then the kept records
 * and their pools move down their arrays, which shrink to fit.  It costs
 * a pass over the kept articles, and runs when the index has doubled
 * since the last one, so its cost per article is constant and memory
 * stays within twice the window.
 */
static void compact(kh_dedup *d)
{
    uint32_t *to = kh_malloc((d->n_docs ? d->n_docs : 1) * sizeof *to);
    uint32_t kept = 0;
    for (size_t i = 0; i < d->n_docs; i++) {
        const dd_doc *x = &d->docs[i];
        /* members come after their representative: its fate is known */
        assert(x->rep <= i);
        int keep = x->rep == i ? in_window(d, (uint32_t)i)
                               : to[x->rep] != NO_DOC;
        to[i] = keep ? kept++ : NO_DOC;
    }
    d->c.compactions++;
    if (kept == d->n_docs) {
        free(to);
        d->compact_at = 2 * kept > 4096 ? 2 * kept : 4096;
        return;
    }
    kh_map_free(&d->by_id);
    kh_map_free(&d->by_text);
    kh_map_free(&d->by_url);
    kh_lsh_free(&d->lsh);
    kh_lsh_free(&d->samples);
    d->c.shingles_held = pack_held(d, to);
    /* records, bands and samples: added in doc order, so they move down
     * in doc order */
    size_t n_b = 0, n_s = 0;
    for (size_t i = 0; i < d->n_docs; i++) {
        if (to[i] == NO_DOC)
            continue;
        dd_doc x = d->docs[i];
        x.rep = to[x.rep];
        if (x.rep == to[i]) {
            if (x.has_bands) {
                x.b_off = move_down(&d->bpool, n_b, x.b_off, d->o.bands);
                n_b += d->o.bands;
            }
            x.s_off = move_down(&d->spool, n_s, x.s_off, x.s_n);
            n_s += x.s_n;
        }
        d->docs[to[i]] = x; /* to[i] <= i */
    }
    d->bpool.n = n_b;
    d->spool.n = n_s;
    shrink_u32(&d->bpool);
    shrink_u32(&d->spool);
    d->c.evicted += d->n_docs - kept;
    d->n_docs = kept;
    d->cap_docs = kept > 1024 ? kept : 1024;
    d->docs = kh_realloc(d->docs, d->cap_docs * sizeof *d->docs);
    for (uint32_t ni = 0; ni < kept; ni++)
        reindex(d, ni);
    d->c.lsh_entries = d->lsh.n_ent;
    d->c.sample_entries = d->samples.n_ent;
    free(to);
    d->compact_at = 2 * kept > 4096 ? 2 * kept : 4096;
}

static void maybe_compact(kh_dedup *d)
{
    if ((d->o.window_days || d->o.window_undated) &&
        d->n_docs >= d->compact_at)
        compact(d);
}

void kh_dedup_trim(kh_dedup *d)
{
    if (d->o.window_days || d->o.window_undated)
        compact(d);
}

void kh_dedup_counters_get(const kh_dedup *d, kh_dedup_counters *out)
{
    *out = d->c;
    out->held = d->n_docs;
    out->bytes = sizeof *d + d->cap_docs * sizeof *d->docs +
                 (d->pool.cap + d->wpool.cap + d->hpool.cap + d->bpool.cap +
                  d->spool.cap) * sizeof(uint32_t) + d->kpool.cap +
                 (d->by_id.cap + d->by_text.cap + d->by_url.cap) *
                     (2 * sizeof(uint64_t) + 1) +
                 kh_lsh_bytes(&d->lsh) + kh_lsh_bytes(&d->samples);
}
