/*
 * ingest_links.c - duplicates and stories inside ingest (ingest_links.h),
 * and kh_db_relink / kh_db_link_opts (khabar.h): the glue between the
 * dedup and stories stages, which know nothing of databases, and the
 * store's dup_docs and story_docs tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "dedup/dedup_state.h"
#include "ingest/ingest_links.h"
#include "store/db.h"
#include "store/store_dedup.h"
#include "stories/stories_state.h"
#include "stories/story_time.h"

#define LINK_BATCH 1000

struct ingest_links {
    kh_db *db;
    kh_dedup *dedup;
    kh_stories *stories;
    /* scratch for one batch */
    kh_dup_row *dup_rows;
    kh_story_row *story_rows;
    uint64_t *dup_of, *story;
    kh_buf terms;     /* encoded term blobs of the batch, back to back */
    size_t cap;
};

/* ---- options, saved as "name=value;..." in the database ---------------- */

static void opts_to_text(const kh_dedup_opts *d, const kh_stories_opts *s,
                         kh_buf *out)
{
    kh_buf_printf(out,
                  "dedup.shingle_words=%u;dedup.num_perm=%u;dedup.bands=%u;"
                  "dedup.jaccard=%.17g;dedup.containment=%.17g;"
                  "dedup.min_shingles=%u;dedup.url_variants=%d;",
                  d->shingle_words, d->num_perm, d->bands, d->jaccard,
                  d->containment, d->min_shingles, d->url_variants);
    kh_buf_printf(out,
                  "stories.threshold=%.17g;stories.merge_threshold=%.17g;"
                  "stories.window_hours=%u;stories.max_span_hours=%u;"
                  "stories.lead_words=%u;stories.title_weight=%.17g;"
                  "stories.name_weight=%.17g;stories.number_weight=%.17g;"
                  "stories.centroid_terms=%u",
                  s->threshold, s->merge_threshold, s->window_hours,
                  s->max_span_hours, s->lead_words, s->title_weight,
                  s->name_weight, s->number_weight, s->centroid_terms);
}

/* Set one option from "name=value"; unknown names are ignored (options
 * added later keep their defaults when reading an older database). */
static void set_opt(kh_dedup_opts *d, kh_stories_opts *s, const char *kv,
                    size_t n)
{
    const char *eq = memchr(kv, '=', n);
    if (!eq)
        return;
    size_t kl = (size_t)(eq - kv);
    double v = strtod(eq + 1, NULL);
#define IS(name) (kl == strlen(name) && strncmp(kv, name, kl) == 0)
    if (IS("dedup.shingle_words")) d->shingle_words = (unsigned)v;
    else if (IS("dedup.num_perm")) d->num_perm = (unsigned)v;
    else if (IS("dedup.bands")) d->bands = (unsigned)v;
    else if (IS("dedup.jaccard")) d->jaccard = v;
    else if (IS("dedup.containment")) d->containment = v;
    else if (IS("dedup.min_shingles")) d->min_shingles = (unsigned)v;
    else if (IS("dedup.url_variants")) d->url_variants = (int)v;
    else if (IS("stories.threshold")) s->threshold = v;
    else if (IS("stories.merge_threshold")) s->merge_threshold = v;
    else if (IS("stories.window_hours")) s->window_hours = (unsigned)v;
    else if (IS("stories.max_span_hours")) s->max_span_hours = (unsigned)v;
    else if (IS("stories.lead_words")) s->lead_words = (unsigned)v;
    else if (IS("stories.title_weight")) s->title_weight = v;
    else if (IS("stories.name_weight")) s->name_weight = v;
    else if (IS("stories.number_weight")) s->number_weight = v;
    else if (IS("stories.centroid_terms")) s->centroid_terms = (unsigned)v;
#undef IS
}

int kh_db_link_opts(kh_db *db, kh_dedup_opts *dedup, kh_stories_opts *stories)
{
    kh_dedup_opts d;
    kh_stories_opts s;
    kh_dedup_opts_init(&d);
    kh_stories_opts_init(&s);
    char *text = NULL;
    int rc = kh_store_link_opts_get(db, &text);
    if (rc != KH_OK)
        return rc;
    for (const char *p = text; p && *p;) {
        size_t n = strcspn(p, ";");
        set_opt(&d, &s, p, n);
        p += n + (p[n] == ';');
    }
    free(text);
    const char *why;
    if (kh_dedup_opts_check(&d, &why) != KH_OK ||
        kh_stories_opts_check(&s, &why) != KH_OK)
        return kh_db_fail(db, KH_EDB,
                          "the saved duplicate and story options are "
                          "invalid (%s); run 'khabar dedup --rebuild'",
                          why);
    if (dedup)
        *dedup = d;
    if (stories)
        *stories = s;
    return KH_OK;
}

/* ---- loading the saved state ------------------------------------------- */

static int restore_dup(void *ctx, const kh_dup_row *r)
{
    ingest_links *l = ctx;
    kh_dedup_record rec = {
        .id = r->article,
        .duplicate_of = r->rep,
        .kind = (kh_dup_kind)r->kind,
        .jaccard = r->jaccard,
        .containment = r->containment,
        .text_key = r->text_key,
        .url_key = r->url_key,
        .shingles = r->shingles,
        .n_shingles = r->n_shingles,
    };
    if (kh_dedup_restore(l->dedup, &rec) != KH_OK)
        return kh_db_fail(l->db, KH_EDB,
                          "dup_docs: article %016llx does not fit the saved "
                          "duplicates; run 'khabar dedup --rebuild'",
                          (unsigned long long)r->article);
    return KH_OK;
}

/* Story rows, collected with their terms decoded, then restored at once
 * (word weights need every article before any centroid is rebuilt). */
typedef struct story_load {
    kh_story_record *recs;
    size_t n, cap;
    kh_term *terms;
    size_t n_terms, cap_terms;
} story_load;

static uint32_t get_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static void put_le32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static int collect_story(void *ctx, const kh_story_row *r)
{
    story_load *sl = ctx;
    if (sl->n == sl->cap) {
        sl->cap = sl->cap ? sl->cap * 2 : 4096;
        sl->recs = kh_realloc(sl->recs, sl->cap * sizeof *sl->recs);
    }
    if (sl->n_terms + r->n_terms > sl->cap_terms) {
        while (sl->n_terms + r->n_terms > sl->cap_terms)
            sl->cap_terms = sl->cap_terms ? sl->cap_terms * 2 : 65536;
        sl->terms = kh_realloc(sl->terms, sl->cap_terms * sizeof *sl->terms);
    }
    for (size_t k = 0; k < r->n_terms; k++) {
        uint32_t w = get_le32(r->terms + 8 * k + 4);
        kh_term *t = &sl->terms[sl->n_terms + k];
        t->term = get_le32(r->terms + 8 * k);
        memcpy(&t->weight, &w, sizeof w);
    }
    sl->recs[sl->n++] = (kh_story_record){
        .article = r->article,
        .story = r->story,
        .hours = r->hours == KH_STORE_NO_HOURS ? KH_NO_TIME : r->hours,
        .duplicate = r->duplicate,
        .terms = NULL, /* set below: the array may still move */
        .n_terms = r->n_terms,
    };
    sl->n_terms += r->n_terms;
    return KH_OK;
}

static int load_state(ingest_links *l)
{
    int rc = kh_store_dup_each(l->db, restore_dup, l);
    if (rc != KH_OK)
        return rc;
    story_load sl = {0};
    rc = kh_store_story_each(l->db, collect_story, &sl);
    size_t off = 0;
    for (size_t i = 0; i < sl.n; i++) {
        sl.recs[i].terms = sl.terms + off;
        off += sl.recs[i].n_terms;
    }
    if (rc == KH_OK && kh_stories_restore(l->stories, sl.recs, sl.n) != KH_OK)
        rc = kh_db_fail(l->db, KH_EDB,
                        "story_docs holds an article without a story; run "
                        "'khabar dedup --rebuild'");
    free(sl.recs);
    free(sl.terms);
    return rc;
}

/* ---- placing a batch ----------------------------------------------------- */

static void reserve(ingest_links *l, size_t n)
{
    if (n <= l->cap)
        return;
    l->cap = n;
    l->dup_rows = kh_realloc(l->dup_rows, n * sizeof *l->dup_rows);
    l->story_rows = kh_realloc(l->story_rows, n * sizeof *l->story_rows);
    l->dup_of = kh_realloc(l->dup_of, n * sizeof *l->dup_of);
    l->story = kh_realloc(l->story, n * sizeof *l->story);
}

/* Add the batch to the index, then make the rows of the new ones (after
 * every add: a record's shingles move while the index grows). */
static int place_duplicates(ingest_links *l, kh_article *const *arts,
                            size_t n, size_t *n_rows)
{
    *n_rows = 0;
    unsigned char *is_new = kh_calloc(n ? n : 1, 1);
    for (size_t i = 0; i < n; i++) {
        kh_dedup_record rec;
        if (kh_dedup_record_of(l->dedup, arts[i]->id, &rec) == KH_OK) {
            l->dup_of[i] = rec.duplicate_of; /* placed before: saved */
            continue;
        }
        kh_dup_result r;
        if (kh_dedup_add(l->dedup, arts[i], &r) != KH_OK) {
            free(is_new);
            return kh_db_fail(l->db, KH_EINTERNAL,
                              "duplicate detection refused article %016llx",
                              (unsigned long long)arts[i]->id);
        }
        l->dup_of[i] = r.duplicate_of;
        is_new[i] = 1;
    }
    for (size_t i = 0; i < n; i++) {
        kh_dedup_record rec;
        if (!is_new[i] || kh_dedup_record_of(l->dedup, arts[i]->id, &rec))
            continue;
        l->dup_rows[(*n_rows)++] = (kh_dup_row){
            .article = rec.id,
            .rep = rec.duplicate_of,
            .kind = rec.kind,
            .jaccard = rec.jaccard,
            .containment = rec.containment,
            .text_key = rec.text_key,
            .url_key = rec.url_key,
            .shingles = rec.shingles,
            .n_shingles = rec.n_shingles,
        };
    }
    free(is_new);
    return KH_OK;
}

/* Encode a record's terms into l->terms and return the offset. */
static size_t encode_terms(ingest_links *l, const kh_story_record *rec)
{
    size_t off = l->terms.len;
    kh_buf_reserve(&l->terms, 8 * rec->n_terms);
    for (size_t k = 0; k < rec->n_terms; k++) {
        unsigned char b[8];
        uint32_t w;
        memcpy(&w, &rec->terms[k].weight, sizeof w);
        put_le32(b, rec->terms[k].term);
        put_le32(b + 4, w);
        kh_buf_append(&l->terms, b, 8);
    }
    return off;
}

static int place_stories(ingest_links *l, kh_article *const *arts, size_t n)
{
    int rc = kh_stories_add_batch(l->stories, (const kh_article *const *)arts,
                                  l->dup_of, n, l->story);
    if (rc != KH_OK)
        return kh_db_fail(l->db, KH_EINTERNAL,
                          "story clustering refused the batch");
    kh_buf_reset(&l->terms);
    size_t *offs = kh_malloc((n ? n : 1) * sizeof *offs);
    size_t n_rows = 0;
    for (size_t i = 0; i < n; i++) {
        kh_story_record rec;
        kh_stories_batch_record(l->stories, i, &rec);
        if (!rec.article)
            continue; /* placed before */
        offs[n_rows] = encode_terms(l, &rec);
        l->story_rows[n_rows++] = (kh_story_row){
            .article = rec.article,
            .story = rec.story,
            .hours = rec.hours == KH_NO_TIME ? KH_STORE_NO_HOURS : rec.hours,
            .duplicate = rec.duplicate,
            .terms = NULL,
            .n_terms = rec.n_terms,
        };
    }
    for (size_t i = 0; i < n_rows; i++) /* the buffer has stopped moving */
        l->story_rows[i].terms =
            (const unsigned char *)l->terms.data + offs[i];
    free(offs);
    rc = kh_store_story_put(l->db, l->story_rows, n_rows);
    size_t n_merges;
    const kh_story_merge *m = kh_stories_merges(l->stories, &n_merges);
    for (size_t i = 0; rc == KH_OK && i < n_merges; i++)
        rc = kh_store_story_merge(l->db, m[i].from, m[i].into);
    return rc;
}

int ingest_links_add(ingest_links *l, kh_article *const *arts, size_t n)
{
    if (n == 0)
        return KH_OK;
    reserve(l, n);
    size_t n_rows;
    int rc = place_duplicates(l, arts, n, &n_rows);
    if (rc == KH_OK)
        rc = kh_store_dup_put(l->db, l->dup_rows, n_rows);
    if (rc == KH_OK)
        rc = place_stories(l, arts, n);
    return rc;
}

/* ---- articles stored without links: placed in date order ---------------- */

typedef struct catch_up {
    ingest_links *l;
    kh_article arts[LINK_BATCH];
    kh_article *ptrs[LINK_BATCH];
    size_t n;
    int own_txn; /* commit after each batch (relink) */
} catch_up;

static int flush_catch_up(catch_up *c)
{
    int rc = KH_OK;
    if (c->n && c->own_txn)
        rc = kh_db_begin(c->l->db);
    if (rc == KH_OK)
        rc = ingest_links_add(c->l, c->ptrs, c->n);
    if (c->n && c->own_txn) {
        if (rc == KH_OK)
            rc = kh_db_commit(c->l->db);
        else
            kh_db_rollback(c->l->db);
    }
    for (size_t i = 0; i < c->n; i++)
        kh_article_clear(&c->arts[i]);
    c->n = 0;
    return rc;
}

static int take_unlinked(void *ctx, const kh_article *a)
{
    catch_up *c = ctx;
    kh_article *copy = &c->arts[c->n];
    memset(copy, 0, sizeof *copy);
    copy->id = a->id;
    copy->source = kh_strdup(a->source);
    copy->url = kh_strdup(a->url);
    copy->title = kh_strdup(a->title);
    copy->date = kh_strdup(a->date);
    copy->text = kh_strdup(a->text);
    c->ptrs[c->n] = copy;
    if (++c->n == LINK_BATCH)
        return flush_catch_up(c);
    return KH_OK;
}

static int place_unlinked(ingest_links *l, int own_txn)
{
    uint64_t pending = 0;
    int rc = kh_store_unlinked_count(l->db, &pending);
    if (rc != KH_OK || pending == 0)
        return rc;
    catch_up *c = kh_calloc(1, sizeof *c);
    c->l = l;
    c->own_txn = own_txn;
    rc = kh_store_unlinked_each(l->db, take_unlinked, c);
    if (rc == KH_OK)
        rc = flush_catch_up(c);
    for (size_t i = 0; i < c->n; i++)
        kh_article_clear(&c->arts[i]);
    free(c);
    return rc;
}

static ingest_links *links_new(kh_db *db, const kh_dedup_opts *d,
                               const kh_stories_opts *s)
{
    ingest_links *l = kh_calloc(1, sizeof *l);
    l->db = db;
    l->dedup = kh_dedup_create(d);
    l->stories = kh_stories_create(s);
    return l;
}

int ingest_links_open(kh_db *db, ingest_links **out)
{
    *out = NULL;
    kh_dedup_opts d;
    kh_stories_opts s;
    int rc = kh_db_link_opts(db, &d, &s);
    if (rc != KH_OK)
        return rc;
    ingest_links *l = links_new(db, &d, &s);
    rc = load_state(l);
    if (rc == KH_OK)
        rc = place_unlinked(l, 0);
    if (rc != KH_OK) {
        ingest_links_free(l);
        return rc;
    }
    *out = l;
    return KH_OK;
}

void ingest_links_free(ingest_links *l)
{
    if (!l)
        return;
    kh_dedup_free(l->dedup);
    kh_stories_free(l->stories);
    free(l->dup_rows);
    free(l->story_rows);
    free(l->dup_of);
    free(l->story);
    kh_buf_free(&l->terms);
    free(l);
}

int kh_db_relink(kh_db *db, const kh_dedup_opts *dedup,
                 const kh_stories_opts *stories)
{
    kh_dedup_opts d;
    kh_stories_opts s;
    int rc = kh_db_link_opts(db, &d, &s);
    if (rc == KH_EDB) { /* damaged options: start from the defaults */
        kh_dedup_opts_init(&d);
        kh_stories_opts_init(&s);
    } else if (rc != KH_OK) {
        return rc;
    }
    if (dedup)
        d = *dedup;
    if (stories)
        s = *stories;
    const char *why;
    if (kh_dedup_opts_check(&d, &why) != KH_OK ||
        kh_stories_opts_check(&s, &why) != KH_OK)
        return kh_db_fail(db, KH_EINVAL, "%s", why);
    kh_buf text = KH_BUF_INIT;
    opts_to_text(&d, &s, &text);
    rc = kh_db_begin(db);
    if (rc == KH_OK)
        rc = kh_store_links_clear(db);
    if (rc == KH_OK)
        rc = kh_store_link_opts_put(db, text.data);
    if (rc == KH_OK)
        rc = kh_db_commit(db);
    else
        kh_db_rollback(db);
    kh_buf_free(&text);
    if (rc != KH_OK)
        return rc;
    ingest_links *l = links_new(db, &d, &s);
    rc = place_unlinked(l, 1);
    ingest_links_free(l);
    return rc;
}
