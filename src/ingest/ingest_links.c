/*
 * ingest_links.c - duplicates and stories inside ingest (ingest_links.h),
 * and kh_db_relink / kh_db_link_opts (khabar.h): the glue between the
 * dedup and stories stages, which know nothing of databases, and the
 * store's dup_docs, story_docs and story_df tables, whose blobs are
 * encoded here.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "common/map.h"
#include "dedup/dedup_prep.h"
#include "dedup/dedup_state.h"
#include "ingest/ingest_links.h"
#include "store/db.h"
#include "store/store_dedup.h"
#include "stories/stories_prep.h"
#include "stories/stories_state.h"
#include "stories/story_time.h"

#define LINK_BATCH 1000
/*
 * The format of the saved links.  1: whole shingle sets and 8-byte terms;
 * 2: sketches, 7-byte terms and story_df.  Links saved in another format
 * are made again at the next ingest (they are derived data).
 */
#define LINKS_FORMAT 2
/* Term weights are saved as 16-bit fixed point with this many steps per
 * unit (raw weights stay below 64). */
#define WEIGHT_SCALE 1024.0

struct ingest_link_prep {
    kh_dedup_prep *dedup;
    kh_stories_prep *story;
    uint64_t id;
};

/*
 * Where a placed batch went: the rows to save and the word weights and
 * merges it made.  Kept apart from the links, so that the writer saves one
 * batch while the next is placed on another thread.
 */
struct ingest_link_batch {
    kh_dup_row *dup_rows;
    kh_story_row *story_rows;
    size_t *dup_item, *story_item; /* the prep each row is of          */
    size_t *dup_off, *story_off;   /* its blob's offset in blobs        */
    size_t n_dup, n_story;
    uint64_t *dup_of, *story;
    size_t cap;
    kh_buf blobs;             /* encoded blobs of the batch, back to back */
    kh_df_row *df;
    size_t n_df, cap_df;
    kh_story_merge *merges;
    size_t n_merges, cap_merges;
    int status;               /* KH_OK, or why placing failed (why)      */
    kh_buf why;
};

struct ingest_links {
    kh_db *db;
    kh_db *reader;            /* for the dedup loader off the writer's
                                 thread (ingest_links_read_apart)       */
    kh_dedup *dedup;
    kh_stories *stories;
    kh_analyzer *an;          /* ingest_links_add's analyzer             */
    ingest_link_prep **own;   /* ingest_links_add's preps                */
    size_t n_own;
    ingest_link_batch *own_batch;
};

/* ---- options, saved as "name=value;..." in the database ---------------- */

static void opts_to_text(const kh_dedup_opts *d, const kh_stories_opts *s,
                         kh_buf *out)
{
    kh_buf_printf(out, "links.format=%d;", LINKS_FORMAT);
    kh_buf_printf(out,
                  "dedup.shingle_words=%u;dedup.num_perm=%u;dedup.bands=%u;"
                  "dedup.jaccard=%.17g;dedup.containment=%.17g;"
                  "dedup.min_shingles=%u;dedup.url_variants=%d;"
                  "dedup.window_days=%u;dedup.window_undated=%u;",
                  d->shingle_words, d->num_perm, d->bands, d->jaccard,
                  d->containment, d->min_shingles, d->url_variants,
                  d->window_days, d->window_undated);
    kh_buf_printf(out,
                  "stories.threshold=%.17g;stories.merge_threshold=%.17g;"
                  "stories.window_hours=%u;stories.max_span_hours=%u;"
                  "stories.lead_words=%u;stories.title_weight=%.17g;"
                  "stories.name_weight=%.17g;stories.number_weight=%.17g;"
                  "stories.centroid_terms=%u;stories.article_terms=%u;"
                  "stories.template_cosine=%.17g;stories.day_penalty=%.17g",
                  s->threshold, s->merge_threshold, s->window_hours,
                  s->max_span_hours, s->lead_words, s->title_weight,
                  s->name_weight, s->number_weight, s->centroid_terms,
                  s->article_terms, s->template_cosine, s->day_penalty);
}

/* Set one option from "name=value"; unknown names are ignored (options
 * added later keep their defaults when reading an older database). */
static void set_opt(kh_dedup_opts *d, kh_stories_opts *s, int *format,
                    const char *kv, size_t n)
{
    const char *eq = memchr(kv, '=', n);
    if (!eq)
        return;
    size_t kl = (size_t)(eq - kv);
    double v = strtod(eq + 1, NULL);
#define IS(name) (kl == strlen(name) && strncmp(kv, name, kl) == 0)
    if (IS("links.format")) *format = (int)v;
    else if (IS("dedup.shingle_words")) d->shingle_words = (unsigned)v;
    else if (IS("dedup.num_perm")) d->num_perm = (unsigned)v;
    else if (IS("dedup.bands")) d->bands = (unsigned)v;
    else if (IS("dedup.jaccard")) d->jaccard = v;
    else if (IS("dedup.containment")) d->containment = v;
    else if (IS("dedup.min_shingles")) d->min_shingles = (unsigned)v;
    else if (IS("dedup.url_variants")) d->url_variants = (int)v;
    else if (IS("dedup.window_days")) d->window_days = (unsigned)v;
    else if (IS("dedup.window_undated")) d->window_undated = (unsigned)v;
    else if (IS("stories.threshold")) s->threshold = v;
    else if (IS("stories.merge_threshold")) s->merge_threshold = v;
    else if (IS("stories.window_hours")) s->window_hours = (unsigned)v;
    else if (IS("stories.max_span_hours")) s->max_span_hours = (unsigned)v;
    else if (IS("stories.lead_words")) s->lead_words = (unsigned)v;
    else if (IS("stories.title_weight")) s->title_weight = v;
    else if (IS("stories.name_weight")) s->name_weight = v;
    else if (IS("stories.number_weight")) s->number_weight = v;
    else if (IS("stories.centroid_terms")) s->centroid_terms = (unsigned)v;
    else if (IS("stories.article_terms")) s->article_terms = (unsigned)v;
    else if (IS("stories.template_cosine")) s->template_cosine = v;
    else if (IS("stories.day_penalty")) s->day_penalty = v;
#undef IS
}

/* The saved options and format (0 when none were saved). */
static int read_opts(kh_db *db, kh_dedup_opts *dedup,
                     kh_stories_opts *stories, int *format)
{
    kh_dedup_opts d;
    kh_stories_opts s;
    kh_dedup_opts_init(&d);
    kh_stories_opts_init(&s);
    *format = 0;
    char *text = NULL;
    int rc = kh_store_link_opts_get(db, &text);
    if (rc != KH_OK)
        return rc;
    if (text && !strstr(text, "links.format="))
        *format = 1; /* saved before formats were numbered */
    for (const char *p = text; p && *p;) {
        size_t n = strcspn(p, ";");
        set_opt(&d, &s, format, p, n);
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

int kh_db_link_opts(kh_db *db, kh_dedup_opts *dedup, kh_stories_opts *stories)
{
    int format;
    return read_opts(db, dedup, stories, &format);
}

static int save_opts(kh_db *db, const kh_dedup_opts *d,
                     const kh_stories_opts *s)
{
    kh_buf text = KH_BUF_INIT;
    opts_to_text(d, s, &text);
    int rc = kh_store_link_opts_put(db, text.data);
    kh_buf_free(&text);
    return rc;
}

/* ---- blobs: little-endian, so a database moves between machines -------- */

/* A representative's sketch: n_shingles, n_bands, the band fingerprints,
 * then the samples, each a 32-bit word. */
static void encode_sketch(kh_buf *b, const kh_dedup_record *r,
                          unsigned bands)
{
    kh_buf_put_le(b, r->n_shingles, 4);
    kh_buf_put_le(b, r->bands ? bands : 0, 4);
    for (unsigned i = 0; r->bands && i < bands; i++)
        kh_buf_put_le(b, r->bands[i], 4);
    for (size_t i = 0; i < r->n_samples; i++)
        kh_buf_put_le(b, r->samples[i], 4);
}

/* Terms: 32-bit term, 16-bit weight (fixed point), 8-bit flags. */
enum { TERM_BYTES = 7 };

static void encode_terms(kh_buf *b, const kh_term *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        long w = lround(t[i].weight * WEIGHT_SCALE);
        w = w < 1 ? 1 : w > 65535 ? 65535 : w;
        kh_buf_put_le(b, t[i].term, 4);
        unsigned char rest[3] = {(unsigned char)w, (unsigned char)(w >> 8),
                                 (unsigned char)t[i].flags};
        kh_buf_append(b, rest, 3);
    }
}

/* ---- loading the saved state ------------------------------------------- */

typedef struct loader {
    ingest_links *l;
    uint32_t *words; /* decoded sketch */
    size_t cap;
} loader;

static int restore_dup(void *ctx, const kh_dup_row *r)
{
    loader *ld = ctx;
    ingest_links *l = ld->l;
    kh_dedup_record rec = {
        .id = r->article,
        .duplicate_of = r->rep,
        .kind = (kh_dup_kind)r->kind,
        .jaccard = r->jaccard,
        .containment = r->containment,
        .day = kh_dedup_day(r->date),
        .text_key = r->text_key,
        .url_key = r->url_key,
    };
    const char *damage = NULL;
    if (r->sketch_len % 4 || (r->sketch_len && r->sketch_len < 8)) {
        damage = "its sketch has a bad size";
    } else if (r->sketch_len) {
        size_t n = r->sketch_len / 4;
        if (n > ld->cap) {
            ld->cap = n;
            ld->words = kh_realloc(ld->words, n * sizeof *ld->words);
        }
        for (size_t i = 0; i < n; i++)
            ld->words[i] = (uint32_t)kh_get_le(r->sketch + 4 * i, 4);
        unsigned bands = kh_dedup_get_opts(l->dedup)->bands;
        uint32_t n_bands = ld->words[1];
        if (n_bands != 0 && (n_bands != bands || 2 + (size_t)n_bands > n)) {
            damage = "its sketch does not fit the saved options";
        } else {
            rec.n_shingles = ld->words[0];
            rec.bands = n_bands ? ld->words + 2 : NULL;
            rec.samples = ld->words + 2 + n_bands;
            rec.n_samples = n - 2 - n_bands;
        }
    }
    if (!damage && kh_dedup_restore(l->dedup, &rec) != KH_OK)
        damage = "it does not fit the saved duplicates";
    if (damage)
        return kh_db_fail(l->db, KH_EDB,
                          "dup_docs: article %016llx: %s; run 'khabar dedup "
                          "--rebuild'",
                          (unsigned long long)r->article, damage);
    return KH_OK;
}

/* Story rows and word weights, collected, then restored at once (word
 * weights are needed before any centroid is rebuilt). */
typedef struct story_load {
    kh_db *db;
    const kh_stories_opts *o;
    int64_t newest;           /* the latest date of any story            */
    uint64_t max_story;       /* the largest story id                    */
    kh_map open;              /* stories a restore keeps (closed_at)     */
    kh_story_record *recs;
    size_t n, cap;
    kh_term *terms;
    size_t n_terms, cap_terms;
    kh_story_df *df;
    size_t n_df, cap_df;
    uint64_t n_docs;
} story_load;

static int collect_story(void *ctx, const kh_story_row *r)
{
    story_load *sl = ctx;
    if (r->terms_len % TERM_BYTES)
        return kh_db_fail(sl->db, KH_EDB,
                          "story_docs: the terms of article %016llx are "
                          "damaged (%zu bytes); run 'khabar dedup --rebuild'",
                          (unsigned long long)r->article, r->terms_len);
    if (!kh_map_get(&sl->open, r->story))
        return KH_OK; /* closed for good: found through the lookup */
    size_t n_terms = r->terms_len / TERM_BYTES;
    if (sl->n == sl->cap) {
        sl->cap = sl->cap ? sl->cap * 2 : 4096;
        sl->recs = kh_realloc(sl->recs, sl->cap * sizeof *sl->recs);
    }
    if (sl->n_terms + n_terms > sl->cap_terms) {
        while (sl->n_terms + n_terms > sl->cap_terms)
            sl->cap_terms = sl->cap_terms ? sl->cap_terms * 2 : 65536;
        sl->terms = kh_realloc(sl->terms, sl->cap_terms * sizeof *sl->terms);
    }
    for (size_t k = 0; k < n_terms; k++) {
        const unsigned char *p = r->terms + TERM_BYTES * k;
        kh_term *t = &sl->terms[sl->n_terms + k];
        t->term = (uint32_t)kh_get_le(p, 4);
        t->weight = (float)((p[4] | p[5] << 8) / WEIGHT_SCALE);
        t->flags = p[6];
    }
    sl->recs[sl->n++] = (kh_story_record){
        .article = r->article,
        .story = r->story,
        .hours = r->hours == KH_STORE_NO_HOURS ? KH_NO_TIME : r->hours,
        .duplicate = r->duplicate,
        .source = kh_story_source(r->source),
        .terms = NULL, /* set below: the array may still move */
        .n_terms = n_terms,
    };
    sl->n_terms += n_terms;
    return KH_OK;
}

static int collect_df(void *ctx, const kh_df_row *r)
{
    story_load *sl = ctx;
    if (r->term == -1) { /* in as many parts as batches since a fold */
        sl->n_docs += r->count;
        return KH_OK;
    }
    if (r->term < 0 || r->term > UINT32_MAX || r->count > UINT32_MAX)
        return kh_db_fail(sl->db, KH_EDB,
                          "story_df: a damaged row (term %lld); run "
                          "'khabar dedup --rebuild'",
                          (long long)r->term);
    if (sl->n_df == sl->cap_df) {
        sl->cap_df = sl->cap_df ? sl->cap_df * 2 : 65536;
        sl->df = kh_realloc(sl->df, sl->cap_df * sizeof *sl->df);
    }
    sl->df[sl->n_df++] = (kh_story_df){(uint32_t)r->term, (uint32_t)r->count};
    return KH_OK;
}

static int64_t hours_of(int64_t stored)
{
    return stored == KH_STORE_NO_HOURS ? KH_NO_TIME : stored;
}

static int span_newest(void *ctx, uint64_t story, int64_t first, int64_t last)
{
    story_load *sl = ctx;
    (void)first;
    last = hours_of(last);
    if (last != KH_NO_TIME && (sl->newest == KH_NO_TIME || last > sl->newest))
        sl->newest = last;
    if (story > sl->max_story)
        sl->max_story = story;
    return KH_OK;
}

static int span_open(void *ctx, uint64_t story, int64_t first, int64_t last)
{
    story_load *sl = ctx;
    if (!kh_stories_closed_at(sl->o, hours_of(first), hours_of(last),
                              sl->newest))
        *kh_map_put(&sl->open, story, NULL) = 1;
    return KH_OK;
}

/*
 * The stories a restore would close at once (kh_stories_closed_at, with
 * the newest date of all) are left out of it: only the open ones' records
 * are read into memory, and the others are found through the lookup, as
 * if they had been let go.  Two passes over the stories' spans: the
 * newest date, then the open ones.
 */
static int find_open_stories(ingest_links *l, story_load *sl)
{
    sl->o = kh_stories_get_opts(l->stories);
    sl->newest = KH_NO_TIME;
    int rc = kh_store_story_spans(l->db, span_newest, sl);
    if (rc == KH_OK)
        rc = kh_store_story_spans(l->db, span_open, sl);
    return rc;
}

static int load_state(ingest_links *l)
{
    loader ld = {l, NULL, 0};
    /* records come back in placement order: the index frees the clusters
     * that leave the window as it goes, so only the window is held */
    int rc = kh_store_dup_each(l->db, restore_dup, &ld);
    free(ld.words);
    if (rc != KH_OK)
        return rc;
    kh_dedup_trim(l->dedup);
    story_load sl = {.db = l->db, .open = KH_MAP_INIT};
    rc = find_open_stories(l, &sl);
    if (rc == KH_OK)
        rc = kh_store_df_each(l->db, collect_df, &sl);
    if (rc == KH_OK)
        rc = kh_store_story_each(l->db, collect_story, &sl);
    size_t off = 0;
    for (size_t i = 0; i < sl.n; i++) {
        sl.recs[i].terms = sl.terms + off;
        off += sl.recs[i].n_terms;
    }
    if (rc == KH_OK && kh_stories_restore(l->stories, sl.df, sl.n_df,
                                          sl.n_docs, sl.recs, sl.n) != KH_OK)
        rc = kh_db_fail(l->db, KH_EDB,
                        "story_docs holds an article without a story; run "
                        "'khabar dedup --rebuild'");
    kh_stories_reserve_ids(l->stories, sl.max_story);
    kh_map_free(&sl.open);
    free(sl.recs);
    free(sl.terms);
    free(sl.df);
    return rc;
}

/* Where placing reads the database: off the writer's thread, through the
 * links' own connection (ingest_links_read_apart), which sees the batches
 * committed; else through the writer's. */
static kh_db *placing_db(const ingest_links *l)
{
    return l->reader ? l->reader : l->db;
}

/* The dedup index asks for the text of a representative restored from
 * the database when a newcomer must be compared with it. */
static int load_text(void *ctx, uint64_t id, kh_buf *title, kh_buf *text)
{
    ingest_links *l = ctx;
    return kh_store_article_text(placing_db(l), id, title, text);
}

/* The clusterer's lookup: the stories it let go are in story_docs.  It
 * lets go only of stories the batch placed before the current one did not
 * touch, so all it asks about is committed, also on the links' own
 * connection. */
static int stories_of(void *ctx, const uint64_t *articles, size_t n,
                      uint64_t *story)
{
    ingest_links *l = ctx;
    return kh_store_stories_of(placing_db(l), articles, n, story);
}

static int span_of(void *ctx, uint64_t story, int64_t *first, int64_t *last)
{
    ingest_links *l = ctx;
    int rc = kh_store_story_span(placing_db(l), story, first, last);
    *first = hours_of(*first);
    *last = hours_of(*last);
    return rc;
}

/* ---- preparing and placing a batch -------------------------------------- */

ingest_link_prep *ingest_link_prep_create(void)
{
    ingest_link_prep *p = kh_calloc(1, sizeof *p);
    p->dedup = kh_dedup_prep_create();
    p->story = kh_stories_prep_create();
    return p;
}

void ingest_link_prep_free(ingest_link_prep *p)
{
    if (!p)
        return;
    kh_dedup_prep_free(p->dedup);
    kh_stories_prep_free(p->story);
    free(p);
}

int ingest_links_prepare(const ingest_links *l, kh_analyzer *an,
                         const kh_article_tokens *toks, const kh_article *a,
                         ingest_link_prep *p)
{
    p->id = a->id;
    int rc = kh_dedup_prepare_tokens(l->dedup, an, toks, a, p->dedup);
    if (rc == KH_OK)
        rc = kh_stories_prepare_tokens(l->stories, an, toks, a, p->story);
    return rc;
}

ingest_link_batch *ingest_link_batch_create(void)
{
    return kh_calloc(1, sizeof(ingest_link_batch));
}

void ingest_link_batch_free(ingest_link_batch *b)
{
    if (!b)
        return;
    free(b->dup_rows);
    free(b->story_rows);
    free(b->dup_item);
    free(b->story_item);
    free(b->dup_off);
    free(b->story_off);
    free(b->dup_of);
    free(b->story);
    kh_buf_free(&b->blobs);
    free(b->df);
    free(b->merges);
    kh_buf_free(&b->why);
    free(b);
}

static void reserve(ingest_link_batch *b, size_t n)
{
    if (n <= b->cap)
        return;
    b->cap = n;
    b->dup_rows = kh_realloc(b->dup_rows, n * sizeof *b->dup_rows);
    b->story_rows = kh_realloc(b->story_rows, n * sizeof *b->story_rows);
    b->dup_item = kh_realloc(b->dup_item, n * sizeof *b->dup_item);
    b->story_item = kh_realloc(b->story_item, n * sizeof *b->story_item);
    b->dup_off = kh_realloc(b->dup_off, n * sizeof *b->dup_off);
    b->story_off = kh_realloc(b->story_off, n * sizeof *b->story_off);
    b->dup_of = kh_realloc(b->dup_of, n * sizeof *b->dup_of);
    b->story = kh_realloc(b->story, n * sizeof *b->story);
}

/* Placing runs off the writer's thread, where the database's error slot
 * is not ours to write: the reason waits in the batch until it is saved. */
static int place_failed(ingest_link_batch *b, const char *what, uint64_t id)
{
    b->status = KH_EINTERNAL;
    kh_buf_reset(&b->why);
    kh_buf_printf(&b->why, "%s", what);
    if (id)
        kh_buf_printf(&b->why, " article %016llx", (unsigned long long)id);
    return b->status;
}

/* Place the batch in the index, making the row of each new one at once
 * (its record is copied before the next add: a record's arrays move while
 * the index grows, and a placement out of the window, an old article
 * arriving late, may be freed by the next).  Rows point into the blobs
 * once the buffer stops moving (point_into_blobs). */
static int place_duplicates(ingest_links *l, ingest_link_prep *const *preps,
                            size_t n, ingest_link_batch *b)
{
    unsigned bands = kh_dedup_get_opts(l->dedup)->bands;
    for (size_t i = 0; i < n; i++) {
        kh_dedup_record rec;
        if (kh_dedup_record_of(l->dedup, preps[i]->id, &rec) == KH_OK) {
            b->dup_of[i] = rec.duplicate_of; /* placed before: saved */
            continue;
        }
        kh_dup_result r;
        if (kh_dedup_place(l->dedup, preps[i]->dedup, &r) != KH_OK)
            return place_failed(b, "duplicate detection refused",
                                preps[i]->id);
        b->dup_of[i] = r.duplicate_of;
        if (kh_dedup_record_of(l->dedup, preps[i]->id, &rec) != KH_OK)
            return place_failed(b, "duplicate detection lost", preps[i]->id);
        size_t off = b->blobs.len;
        if (!rec.duplicate_of && rec.n_shingles)
            encode_sketch(&b->blobs, &rec, bands);
        b->dup_item[b->n_dup] = i;
        b->dup_off[b->n_dup] = off;
        b->dup_rows[b->n_dup++] = (kh_dup_row){
            .article = rec.id,
            .rep = rec.duplicate_of,
            .kind = rec.kind,
            .jaccard = rec.jaccard,
            .containment = rec.containment,
            .text_key = rec.text_key,
            .url_key = rec.url_key,
            .sketch_len = b->blobs.len - off,
        };
    }
    return KH_OK;
}

static int place_stories(ingest_links *l, ingest_link_prep *const *preps,
                         size_t n, ingest_link_batch *b)
{
    const kh_stories_prep **sp = kh_malloc((n ? n : 1) * sizeof *sp);
    for (size_t i = 0; i < n; i++)
        sp[i] = preps[i]->story;
    int rc = kh_stories_place_batch(l->stories, sp, b->dup_of, n, b->story);
    free(sp);
    if (rc != KH_OK) { /* a lookup that failed said why on the reader */
        const char *why = l->reader ? kh_db_errmsg(l->reader) : NULL;
        return place_failed(
            b, why && *why ? why : "story clustering refused the batch", 0);
    }
    for (size_t i = 0; i < n; i++) {
        kh_story_record rec;
        kh_stories_batch_record(l->stories, i, &rec);
        if (!rec.article)
            continue; /* placed before */
        size_t off = b->blobs.len;
        encode_terms(&b->blobs, rec.terms, rec.n_terms);
        b->story_item[b->n_story] = i;
        b->story_off[b->n_story] = off;
        b->story_rows[b->n_story++] = (kh_story_row){
            .article = rec.article,
            .story = rec.story,
            .hours = rec.hours == KH_NO_TIME ? KH_STORE_NO_HOURS : rec.hours,
            .duplicate = rec.duplicate,
            .terms_len = b->blobs.len - off,
        };
    }
    return KH_OK;
}

static int cmp_df_row(const void *x, const void *y)
{
    int64_t a = ((const kh_df_row *)x)->term, b = ((const kh_df_row *)y)->term;
    return (a > b) - (a < b);
}

/* The batch's word weights (its document frequencies, and under -1 the
 * documents it counted) and merges, copied: the clusterer's own copies
 * last only until the next batch is placed.  The weights are sorted by
 * term, so that folding their log row into story_df (count_log.c) walks
 * its b-tree in order. */
static void take_df_and_merges(ingest_links *l, ingest_link_batch *b)
{
    size_t n;
    uint64_t docs;
    const kh_story_df *df = kh_stories_batch_df(l->stories, &n, &docs);
    if (n + 1 > b->cap_df) {
        b->cap_df = n + 1;
        b->df = kh_realloc(b->df, b->cap_df * sizeof *b->df);
    }
    for (size_t i = 0; i < n; i++)
        b->df[i] = (kh_df_row){df[i].term, df[i].df};
    b->n_df = n;
    if (docs)
        b->df[b->n_df++] = (kh_df_row){-1, docs};
    qsort(b->df, b->n_df, sizeof *b->df, cmp_df_row);
    const kh_story_merge *m = kh_stories_merges(l->stories, &n);
    if (n > b->cap_merges) {
        b->cap_merges = n;
        b->merges = kh_realloc(b->merges, n * sizeof *b->merges);
    }
    if (n)
        memcpy(b->merges, m, n * sizeof *m);
    b->n_merges = n;
}

/* Blob offsets into pointers, now that the buffer has stopped moving. */
static void point_into_blobs(ingest_link_batch *b)
{
    const unsigned char *base = (const unsigned char *)b->blobs.data;
    for (size_t i = 0; i < b->n_dup; i++)
        b->dup_rows[i].sketch =
            b->dup_rows[i].sketch_len ? base + b->dup_off[i] : NULL;
    for (size_t i = 0; i < b->n_story; i++)
        b->story_rows[i].terms =
            b->story_rows[i].terms_len ? base + b->story_off[i] : NULL;
}

int ingest_links_place_apart(ingest_links *l, ingest_link_prep *const *preps,
                             size_t n, ingest_link_batch *b)
{
    b->n_dup = b->n_story = b->n_df = b->n_merges = 0;
    b->status = KH_OK;
    kh_buf_reset(&b->blobs);
    reserve(b, n ? n : 1);
    int rc = place_duplicates(l, preps, n, b);
    if (rc == KH_OK)
        rc = place_stories(l, preps, n, b);
    if (rc == KH_OK)
        take_df_and_merges(l, b);
    point_into_blobs(b);
    return rc;
}

/* Rows of the preps `keep` allows (all when NULL), packed in place. */
static size_t keep_rows(void *rows, size_t size, const size_t *item, size_t n,
                        const unsigned char *keep)
{
    if (!keep)
        return n;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!keep[item[i]])
            continue;
        if (k != i)
            memcpy((char *)rows + k * size, (char *)rows + i * size, size);
        k++;
    }
    return k;
}

int ingest_links_save(ingest_links *l, ingest_link_batch *b,
                      const unsigned char *keep)
{
    if (b->status != KH_OK)
        return kh_db_fail(l->db, b->status, "%s", b->why.data);
    size_t n_dup = keep_rows(b->dup_rows, sizeof *b->dup_rows, b->dup_item,
                             b->n_dup, keep);
    size_t n_story = keep_rows(b->story_rows, sizeof *b->story_rows,
                               b->story_item, b->n_story, keep);
    int rc = kh_store_dup_put(l->db, b->dup_rows, n_dup);
    if (rc == KH_OK)
        rc = kh_store_story_put(l->db, b->story_rows, n_story);
    if (rc == KH_OK)
        rc = kh_store_df_add(l->db, b->df, b->n_df);
    for (size_t i = 0; rc == KH_OK && i < b->n_merges; i++)
        rc = kh_store_story_merge(l->db, b->merges[i].from, b->merges[i].into);
    return rc;
}

int ingest_links_place(ingest_links *l, ingest_link_prep *const *preps,
                       size_t n)
{
    if (n == 0)
        return KH_OK;
    if (!l->own_batch)
        l->own_batch = ingest_link_batch_create();
    ingest_links_place_apart(l, preps, n, l->own_batch);
    return ingest_links_save(l, l->own_batch, NULL);
}

int ingest_links_read_apart(ingest_links *l)
{
    if (l->reader)
        return KH_OK;
    const char *path = l->db->path;
    if (!path || !*path || strcmp(path, ":memory:") == 0 ||
        strncmp(path, "file:", 5) == 0)
        return KH_EINVAL; /* no second connection sees the same data */
    return kh_db_open(path, KH_DB_READONLY, &l->reader);
}

int ingest_links_add(ingest_links *l, kh_article *const *arts, size_t n)
{
    if (n == 0)
        return KH_OK;
    if (!l->an)
        l->an = kh_analyzer_create(NULL);
    if (n > l->n_own) {
        l->own = kh_realloc(l->own, n * sizeof *l->own);
        for (size_t i = l->n_own; i < n; i++)
            l->own[i] = ingest_link_prep_create();
        l->n_own = n;
    }
    for (size_t i = 0; i < n; i++) {
        int rc = ingest_links_prepare(l, l->an, NULL, arts[i], l->own[i]);
        if (rc != KH_OK)
            return kh_db_fail(l->db, rc, "article %016llx cannot be linked",
                              (unsigned long long)arts[i]->id);
    }
    return ingest_links_place(l, l->own, n);
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
    kh_dedup_set_loader(l->dedup, load_text, l);
    kh_stories_lookup lookup = {stories_of, span_of, l};
    kh_stories_set_lookup(l->stories, &lookup);
    return l;
}

int ingest_links_open(kh_db *db, ingest_links **out)
{
    *out = NULL;
    kh_dedup_opts d;
    kh_stories_opts s;
    int format;
    int rc = read_opts(db, &d, &s, &format);
    if (rc != KH_OK)
        return rc;
    if (format != LINKS_FORMAT) {
        /* none saved yet, or in an older format: (re)made from scratch,
         * with the options that were saved */
        rc = kh_store_links_clear(db);
        if (rc == KH_OK)
            rc = save_opts(db, &d, &s);
        if (rc != KH_OK)
            return rc;
    }
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
    kh_analyzer_free(l->an);
    for (size_t i = 0; i < l->n_own; i++)
        ingest_link_prep_free(l->own[i]);
    free(l->own);
    ingest_link_batch_free(l->own_batch);
    kh_db_close(l->reader);
    free(l);
}

int kh_db_relink(kh_db *db, const kh_dedup_opts *dedup,
                 const kh_stories_opts *stories)
{
    kh_dedup_opts d;
    kh_stories_opts s;
    int format;
    int rc = read_opts(db, &d, &s, &format);
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
    rc = kh_db_begin(db);
    if (rc == KH_OK)
        rc = kh_store_links_clear(db);
    if (rc == KH_OK)
        rc = save_opts(db, &d, &s);
    if (rc == KH_OK)
        rc = kh_db_commit(db);
    else
        kh_db_rollback(db);
    if (rc != KH_OK)
        return rc;
    ingest_links *l = links_new(db, &d, &s);
    rc = place_unlinked(l, 1);
    ingest_links_free(l);
    return rc;
}
