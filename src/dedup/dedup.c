/*
 * dedup.c - kh_dedup, the incremental duplicate index (khabar.h): exact
 * texts by hash, URL variants by canonical URL, near-duplicates by MinHash
 * and LSH verified on exact shingle sets; star-shaped clusters.
 *
 * Workload: every ingested article is added once, in ingest order; most
 * are unique and meet no candidate, so the cost is the signature.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "common/map.h"
#include "dedup/dedup_state.h"
#include "dedup/lsh.h"
#include "dedup/minhash.h"
#include "dedup/shingles.h"
#include "dedup/urlkey.h"
#include "khabar.h"

#define NO_DOC UINT32_MAX

/* One article.  Representatives keep their shingles in the pool. */
typedef struct dd_doc {
    uint64_t id;
    uint64_t text_key, url_key;
    size_t sh_off;   /* first shingle in d->pool                        */
    uint32_t sh_n;   /* shingles held: 0 unless a representative        */
    uint32_t rep;    /* the representative's index (itself for one)     */
    uint32_t stamp;  /* the last query that compared with it            */
    uint8_t kind;    /* kh_dup_kind                                     */
    float jaccard, containment;
} dd_doc;

struct kh_dedup {
    kh_dedup_opts o;
    unsigned rows;
    kh_minhash mh;
    kh_analyzer *an;      /* created on the first text                  */
    dd_doc *docs;
    size_t n_docs, cap_docs;
    kh_u32vec pool;       /* shingles of representatives                */
    kh_map by_id;         /* id -> doc index                            */
    kh_map by_text;       /* text key -> first doc with that text       */
    kh_map by_url;        /* url key -> first doc with that URL         */
    kh_lsh lsh;           /* band key -> representatives              */
    uint64_t *keys;       /* the current article's band keys            */
    uint32_t query;       /* stamp of the current query                 */
    /* scratch, reused by every add */
    kh_u64vec words;
    kh_u32vec sh, sort_scratch, sig;
    kh_buf url_buf;
    kh_dedup_counters c;
};

const kh_dedup_opts *kh_dedup_get_opts(const kh_dedup *d)
{
    return &d->o;
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
    kh_u32vec_reserve(&d->sig, d->o.num_perm);
    d->keys = kh_malloc(d->o.bands * sizeof *d->keys);
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
    kh_map_free(&d->by_id);
    kh_map_free(&d->by_text);
    kh_map_free(&d->by_url);
    kh_lsh_free(&d->lsh);
    free(d->keys);
    kh_u64vec_free(&d->words);
    kh_u32vec_free(&d->sh);
    kh_u32vec_free(&d->sort_scratch);
    kh_u32vec_free(&d->sig);
    kh_buf_free(&d->url_buf);
    free(d);
}

static int collect_word(void *ctx, const kh_token *tok)
{
    kh_u64vec_push(ctx, kh_hash64(tok->norm, tok->norm_len, 0x776f7264u));
    return 0;
}

void kh_dedup_words(kh_dedup *d, const char *text, size_t len,
                    struct kh_u64vec *out)
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
    out->n = 0;
    if (text && len)
        kh_analyze(d->an, text, len, collect_word, out);
}

/* The exact-text key: the word sequence folded into 64 bits. */
static uint64_t text_key_of(const uint64_t *words, size_t n)
{
    if (n == 0)
        return 0;
    uint64_t h = 0x74657874ULL ^ n; /* "text" */
    for (size_t i = 0; i < n; i++) {
        h = (h ^ words[i]) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ULL;
    h ^= h >> 32;
    return h ? h : 1;
}

static uint32_t new_doc(kh_dedup *d, uint64_t id)
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
    return i;
}

/* The band keys of a signature into d->keys, their slots prefetched. */
static void band_keys(kh_dedup *d, const uint32_t *sig)
{
    for (unsigned b = 0; b < d->o.bands; b++) {
        d->keys[b] = kh_minhash_band_key(sig, b, d->rows);
        kh_lsh_prefetch(&d->lsh, d->keys[b]);
    }
}

/* Keep a representative's shingles and, when it is long enough for near
 * matches, put it in the buckets of the band keys in d->keys. */
static void hold_shingles(kh_dedup *d, uint32_t di, const uint32_t *sh,
                          size_t n)
{
    dd_doc *doc = &d->docs[di];
    kh_u32vec_reserve(&d->pool, n);
    doc->sh_off = d->pool.n;
    doc->sh_n = (uint32_t)n;
    memcpy(d->pool.v + d->pool.n, sh, n * sizeof *sh);
    d->pool.n += n;
    d->c.shingles_held += n;
    if (n < d->o.min_shingles)
        return; /* too short for near matches: exact ones only */
    for (unsigned b = 0; b < d->o.bands; b++)
        kh_lsh_add(&d->lsh, d->keys[b], di);
    d->c.lsh_entries += d->o.bands;
}

typedef struct match {
    uint32_t rep;
    kh_dup_kind kind;
    double jaccard, containment;
} match;

/* Compare the query's shingles with a representative's. */
static void measure(const kh_dedup *d, uint32_t rep, const uint32_t *sh,
                    size_t n, double *jaccard, double *containment)
{
    const dd_doc *r = &d->docs[rep];
    const uint32_t *rs = d->pool.v + r->sh_off;
    size_t same = kh_overlap(sh, n, rs, r->sh_n);
    size_t uni = n + r->sh_n - same;
    size_t smaller = n < r->sh_n ? n : r->sh_n;
    *jaccard = uni ? (double)same / (double)uni : 0.0;
    *containment = smaller ? (double)same / (double)smaller : 0.0;
}

static int is_near(const kh_dedup *d, double j, double c, size_t n1,
                   size_t n2)
{
    if (j >= d->o.jaccard)
        return 1;
    /* containment only for texts long enough to say something */
    return c >= d->o.containment && n1 >= d->o.min_shingles &&
           n2 >= d->o.min_shingles;
}

/*
 * Near-duplicate search.  The query's signature is cut into bands; every
 * representative sharing a band key is a candidate, compared once (stamps)
 * on the exact shingle sets.  Only representatives sit in the buckets, so
 * a bucket grows with the number of distinct texts, never with copies.
 * The best verified representative wins: highest Jaccard, then containment.
 */
static int find_near(kh_dedup *d, const uint32_t *sh, size_t n,
                     match *best)
{
    int found = 0;
    if (++d->query == 0) { /* stamps wrapped: forget them all */
        for (size_t i = 0; i < d->n_docs; i++)
            d->docs[i].stamp = 0;
        d->query = 1;
    }
    for (unsigned b = 0; b < d->o.bands; b++) {
        for (uint32_t e = kh_lsh_first(&d->lsh, d->keys[b]); e != KH_LSH_END;
             e = d->lsh.next[e]) {
            uint32_t rep = d->lsh.doc[e];
            dd_doc *r = &d->docs[rep];
            if (r->stamp == d->query)
                continue;
            r->stamp = d->query;
            d->c.candidates++;
            d->c.verified++;
            double j, c;
            measure(d, rep, sh, n, &j, &c);
            if (!is_near(d, j, c, n, r->sh_n))
                continue;
            if (!found || j > best->jaccard ||
                (j == best->jaccard && c > best->containment)) {
                *best = (match){rep, KH_DUP_NEAR, j, c};
                found = 1;
            }
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
    if (m->kind == KH_DUP_EXACT)
        d->c.exact++;
    else if (m->kind == KH_DUP_URL)
        d->c.url++;
    else
        d->c.near++;
}

int kh_dedup_add_words(kh_dedup *d, uint64_t id, const char *url,
                       const uint64_t *words, size_t n, kh_dup_result *out)
{
    kh_dup_result ignored;
    if (!out)
        out = &ignored;
    memset(out, 0, sizeof *out);
    if (id == 0)
        return KH_EINVAL;
    uint64_t *known = kh_map_get(&d->by_id, id);
    if (known) {
        result_of(d, (uint32_t)*known, out);
        return KH_OK;
    }
    uint64_t tkey = text_key_of(words, n);
    uint64_t ukey = d->o.url_variants ? kh_url_key(url, &d->url_buf) : 0;
    kh_shingle_set(words, n, d->o.shingle_words, &d->sh, &d->sort_scratch);
    uint32_t di = new_doc(d, id);
    d->docs[di].text_key = tkey;
    d->docs[di].url_key = ukey;

    /* 1. the same text: take over the placement of its first holder */
    uint64_t *same_text = tkey ? kh_map_get(&d->by_text, tkey) : NULL;
    if (same_text) {
        const dd_doc *first = &d->docs[*same_text];
        match m = {first->rep, KH_DUP_EXACT, 1.0, 1.0};
        if (first->rep != (uint32_t)*same_text) /* it copies a rep nearly */
            m = (match){first->rep, (kh_dup_kind)first->kind, first->jaccard,
                        first->containment};
        join(d, di, &m);
        if (ukey && !kh_map_get(&d->by_url, ukey))
            *kh_map_put(&d->by_url, ukey, NULL) = di;
        result_of(d, di, out);
        return KH_OK;
    }
    if (tkey)
        *kh_map_put(&d->by_text, tkey, NULL) = di;

    /* 2. another version of the same page */
    uint64_t *same_url = ukey ? kh_map_get(&d->by_url, ukey) : NULL;
    if (same_url) {
        uint32_t rep = d->docs[*same_url].rep;
        match m = {rep, KH_DUP_URL, 0.0, 0.0};
        measure(d, rep, d->sh.v, d->sh.n, &m.jaccard, &m.containment);
        join(d, di, &m);
        result_of(d, di, out);
        return KH_OK;
    }
    if (ukey)
        *kh_map_put(&d->by_url, ukey, NULL) = di;

    /* 3. nearly the same text as a representative */
    if (d->sh.n >= d->o.min_shingles) {
        kh_minhash_sign(&d->mh, d->sh.v, d->sh.n, d->sig.v);
        band_keys(d, d->sig.v);
        match best;
        if (find_near(d, d->sh.v, d->sh.n, &best)) {
            join(d, di, &best);
            result_of(d, di, out);
            return KH_OK;
        }
    }
    /* 4. a new representative */
    d->c.representatives++;
    if (d->sh.n > 0)
        hold_shingles(d, di, d->sh.v, d->sh.n);
    result_of(d, di, out);
    return KH_OK;
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
    kh_dedup_words(d, a->text, a->text ? strlen(a->text) : 0, &d->words);
    return kh_dedup_add_words(d, a->id, a->url, d->words.v, d->words.n, out);
}

int kh_dedup_record_of(const kh_dedup *d, uint64_t id, kh_dedup_record *out)
{
    uint64_t *known = kh_map_get(&d->by_id, id);
    if (!known)
        return KH_ENOTFOUND;
    const dd_doc *doc = &d->docs[*known];
    kh_dup_result r;
    result_of(d, (uint32_t)*known, &r);
    *out = (kh_dedup_record){
        .id = id,
        .duplicate_of = r.duplicate_of,
        .kind = r.kind,
        .jaccard = r.jaccard,
        .containment = r.containment,
        .text_key = doc->text_key,
        .url_key = doc->url_key,
        .shingles = doc->sh_n ? d->pool.v + doc->sh_off : NULL,
        .n_shingles = doc->sh_n,
    };
    return KH_OK;
}

int kh_dedup_restore(kh_dedup *d, const kh_dedup_record *r)
{
    if (r->id == 0 || kh_map_get(&d->by_id, r->id))
        return KH_EINVAL;
    uint32_t rep = NO_DOC;
    if (r->duplicate_of) {
        uint64_t *ri = kh_map_get(&d->by_id, r->duplicate_of);
        if (!ri || d->docs[*ri].rep != (uint32_t)*ri)
            return KH_EINVAL;
        rep = (uint32_t)*ri;
    }
    uint32_t di = new_doc(d, r->id);
    d->docs[di].text_key = r->text_key;
    d->docs[di].url_key = r->url_key;
    if (r->text_key && !kh_map_get(&d->by_text, r->text_key))
        *kh_map_put(&d->by_text, r->text_key, NULL) = di;
    if (r->url_key && !kh_map_get(&d->by_url, r->url_key))
        *kh_map_put(&d->by_url, r->url_key, NULL) = di;
    if (rep != NO_DOC) {
        match m = {rep, r->kind, r->jaccard, r->containment};
        join(d, di, &m);
        return KH_OK;
    }
    d->c.representatives++;
    if (r->n_shingles) {
        if (r->n_shingles >= d->o.min_shingles) {
            kh_minhash_sign(&d->mh, r->shingles, r->n_shingles, d->sig.v);
            band_keys(d, d->sig.v);
        }
        hold_shingles(d, di, r->shingles, r->n_shingles);
    }
    return KH_OK;
}

void kh_dedup_counters_get(const kh_dedup *d, kh_dedup_counters *out)
{
    *out = d->c;
    out->bytes = sizeof *d + d->cap_docs * sizeof *d->docs +
                 d->pool.cap * sizeof *d->pool.v +
                 (d->by_id.cap + d->by_text.cap + d->by_url.cap) *
                     (2 * sizeof(uint64_t) + 1) +
                 kh_lsh_bytes(&d->lsh);
}
