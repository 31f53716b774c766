/*
 * stories.c - kh_stories, the incremental story clusterer (khabar.h):
 * single-pass assignment of articles to stories by the cosine of TF-IDF
 * vectors of title and text against each story's core, within time
 * windows, with same-outlet templates kept apart.
 *
 * Workload: batches of about 1,000 articles against a few thousand open
 * stories; each article meets only the stories that share one of its most
 * telling words, found through an inverted index of centroid terms.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/map.h"
#include "khabar.h"
#include "stories/stories_prep.h"
#include "stories/story_background.h"
#include "stories/stories_state.h"
#include "stories/story_terms.h"
#include "stories/story_time.h"
#include "stories/story_vec.h"

#define NONE UINT32_MAX
#define DEAD_MEMBER SIZE_MAX
#define PROBE_TERMS 8 /* an article's heaviest terms used to find stories */
#define KEY_TERMS 4   /* ... of which one must be in the story's core     */
#define CORE_SIZE 3   /* originals summed into a story's core             */
/* The background count of a stem missing from the background table: it is
 * held by fewer than the table's least (100 of 30,647 articles). */
#define BG_UNLISTED 20
/* Anchors: the heaviest title words rare enough to name something (held by
 * fewer than about one article in 55). */
#define ANCHORS 1
#define ANCHOR_IDF 4.0
/* A template's slot: a title word that is not among the most common
 * (held by fewer than about one article in twenty), or a number. */
#define SLOT_IDF 3.0
#define TEMPLATE_MEMBERS 24
/* Reports of one event within half a day of each other are not held
 * apart by their dates at all. */
#define GRACE_HOURS 12
#define UNDATED_PENALTY 0.05
/* The cosine with a story's core, less its largest single-term share,
 * must still reach this part of the cosine needed: one shared name (a
 * family name, a club) is not an event.  On SaudiNewsNet such joins keep
 * 0.0 of it; the lowest real report of an event met, 0.3 (a flood named
 * by its valley in data/sample): 0.2 parts the first, keeps the second. */
#define EVIDENCE_SHARE 0.2
/* An outlet's text this close to one of its own in the story (cosine) and
 * this many hours from it is its next bulletin (weather, case counts):
 * another event, whatever the titles.  Measured in bench/dedup: it parts
 * the weather and case-count chains read there, at the cost of one
 * labelled pair of 239. */
#define BULLETIN_COSINE 0.6
#define BULLETIN_HOURS 30
/* Index entries read ahead of the one scored (choose_story). */
#define PREFETCH_AHEAD 4
/* Bits of the current article's term filter (art_index). */
#define FILTER_BITS 4096

typedef struct st_story {
    uint64_t id;
    int64_t first, last;  /* hours; KH_NO_TIME while no member is dated   */
    uint32_t n_articles;  /* members, copies included                     */
    uint32_t n_core;      /* originals summed into the core (<= CORE_SIZE) */
    uint32_t parent;      /* itself, or the story it was merged into      */
    uint32_t stamp;       /* the last article that looked at it           */
    uint64_t touched;     /* the last batch that added to it (s->batch)  */
    uint32_t members;     /* its latest original (s->mem), NONE for none  */
    kh_term *core;        /* sum of the first originals' unit vectors     */
    kh_term *cent;        /* sum of all originals' unit vectors           */
    uint32_t core_n, cent_n;
    float core_norm, cent_norm;
    int closed;           /* never a candidate again: vectors freed       */
} st_story;

/* The stories whose centroid gained a term, oldest first (walked from the
 * end, newest first): the inverted index's list of one term. */
typedef struct st_list {
    uint32_t *story;
    uint32_t n, cap;
} st_list;

/* An original placed in a story, kept for the template check. */
typedef struct st_member {
    int64_t hours;      /* its date, KH_NO_TIME for none                  */
    uint32_t source;
    uint32_t prev;      /* the story's previous original, NONE            */
    size_t vec_off;     /* its unit vector in s->vecs; DEAD_MEMBER once
                           its story is closed                            */
    uint32_t vec_n;
} st_member;

/* An article of the current batch. */
typedef struct st_item {
    const kh_stories_prep *p;
    uint64_t rep;
    uint32_t input;      /* its index in the caller's arrays               */
    int known, duplicate;
    uint64_t story_before; /* known, its story let go: that story's id    */
    uint64_t rep_story;  /* its representative's story, when let go       */
    size_t rec_off, rec_n; /* its record's terms in s->rec_terms           */
} st_item;

struct kh_stories {
    kh_stories_opts o;
    st_story *st;
    size_t n_st, cap_st;
    kh_map by_id;      /* story id -> index                              */
    kh_map placed;     /* article id -> story index when placed          */
    kh_map df;         /* term -> originals holding it                   */
    uint64_t n_docs;   /* originals counted in df                        */
    kh_map bg;         /* term -> background count (story_background.h)  */
    kh_map idf_memo;   /* term -> its idf's bits, while df stays as it is */
    kh_map postings;   /* term -> 1 + its list in s->lists               */
    st_list *lists;
    size_t n_lists, cap_lists;
    size_t list_bytes; /* what the lists' entries hold                  */
    st_member *mem;
    size_t n_mem, cap_mem;
    kh_termvec vecs;   /* members' unit vectors, back to back            */
    size_t dead_mem;   /* members of closed stories still in s->mem      */
    int64_t newest;    /* the latest date placed so far                  */
    kh_stories_lookup lookup; /* what was let go (stories_of NULL: none) */
    size_t n_closed;   /* closed stories held                            */
    uint64_t batch;    /* batches placed so far, this one included       */
    uint64_t next_id;
    uint32_t stamp;
    kh_stories_prep *own; /* kh_stories_add_batch's preps                */
    size_t n_own;
    kh_analyzer *an;
    /* the current batch */
    st_item *items;
    size_t n_items, cap_items;
    kh_termvec rec_terms;
    kh_map df_batch;
    kh_story_df *df_delta;
    size_t n_df_delta;
    uint64_t batch_docs;  /* originals the batch added to n_docs          */
    kh_story_merge *merges;
    size_t n_merges, cap_merges;
    /* scratch */
    kh_termvec unit, sum;
    /* the article being placed, indexed for scoring cores (art_index) */
    uint64_t filter[FILTER_BITS / 64];
    unsigned char *is_key;
    size_t cap_key;
    kh_stories_counters c;
};

const kh_stories_opts *kh_stories_get_opts(const kh_stories *s)
{
    return &s->o;
}

uint32_t kh_story_source(const char *source)
{
    if (!source)
        return 0;
    uint32_t h = (uint32_t)kh_hash64(source, strlen(source), 0x737263u);
    return h ? h : 1;
}

kh_stories *kh_stories_create(const kh_stories_opts *opts)
{
    kh_stories *s = kh_calloc(1, sizeof *s);
    if (opts)
        s->o = *opts;
    else
        kh_stories_opts_init(&s->o);
    const char *why;
    int ok = kh_stories_opts_check(&s->o, &why);
    assert(ok == KH_OK);
    (void)ok;
    (void)why;
    s->next_id = 1;
    s->newest = KH_NO_TIME;
    for (size_t i = 0; i < kh_story_background_n; i++) {
        const kh_story_bg_entry *e = &kh_story_background[i];
        *kh_map_put(&s->bg, kh_story_term(e->stem, strlen(e->stem)), NULL) =
            e->df;
    }
    return s;
}

void kh_stories_free(kh_stories *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_st; i++) {
        free(s->st[i].core);
        free(s->st[i].cent);
    }
    free(s->st);
    kh_map_free(&s->by_id);
    kh_map_free(&s->placed);
    kh_map_free(&s->df);
    kh_map_free(&s->bg);
    kh_map_free(&s->idf_memo);
    kh_map_free(&s->postings);
    for (size_t i = 0; i < s->n_lists; i++)
        free(s->lists[i].story);
    free(s->lists);
    free(s->mem);
    kh_termvec_free(&s->vecs);
    kh_stories_prep_array_free(s->own, s->n_own);
    kh_analyzer_free(s->an);
    free(s->items);
    kh_termvec_free(&s->rec_terms);
    kh_map_free(&s->df_batch);
    free(s->df_delta);
    free(s->merges);
    kh_termvec_free(&s->unit);
    kh_termvec_free(&s->sum);
    free(s->is_key);
    free(s);
}

static uint32_t root(const kh_stories *s, uint32_t i)
{
    while (s->st[i].parent != i)
        i = s->st[i].parent;
    return i;
}

uint64_t kh_stories_story_of(const kh_stories *s, uint64_t article)
{
    uint64_t *p = kh_map_get(&s->placed, article);
    if (p)
        return s->st[root(s, (uint32_t)*p)].id;
    uint64_t story = 0; /* let go, or unknown */
    if (s->lookup.stories_of &&
        s->lookup.stories_of(s->lookup.ctx, &article, 1, &story) != KH_OK)
        story = 0;
    return story;
}

void kh_stories_set_lookup(kh_stories *s, const kh_stories_lookup *lookup)
{
    if (lookup)
        s->lookup = *lookup;
    else
        memset(&s->lookup, 0, sizeof s->lookup);
}

void kh_stories_reserve_ids(kh_stories *s, uint64_t max_id)
{
    if (max_id >= s->next_id)
        s->next_id = max_id + 1;
}

/* A story record (not counted as a new story: see new_story). */
static uint32_t add_story(kh_stories *s, uint64_t id)
{
    if (s->n_st == s->cap_st) {
        s->cap_st = s->cap_st ? s->cap_st * 2 : 256;
        s->st = kh_realloc(s->st, s->cap_st * sizeof *s->st);
    }
    uint32_t i = (uint32_t)s->n_st++;
    memset(&s->st[i], 0, sizeof s->st[i]);
    s->st[i].id = id;
    s->st[i].first = s->st[i].last = KH_NO_TIME;
    s->st[i].parent = i;
    s->st[i].members = NONE;
    *kh_map_put(&s->by_id, id, NULL) = i;
    if (id >= s->next_id)
        s->next_id = id + 1;
    return i;
}

static uint32_t new_story(kh_stories *s, uint64_t id)
{
    s->c.stories++;
    return add_story(s, id);
}

/*
 * The index: per term, the stories that took it into their centroid, as
 * an array (appended to, walked from the end), not a chain through one
 * shared pool: a walk then reads its entries in sequence and can fetch
 * the stories they name ahead (choose_story), where a chain made every
 * step wait for the entry before it.  The order is the chain's: newest
 * first.
 */
static void add_posting(kh_stories *s, uint32_t term, uint32_t story)
{
    int created = 0;
    uint64_t *at = kh_map_put(&s->postings, term, &created);
    if (created) {
        if (s->n_lists == s->cap_lists) {
            s->cap_lists = s->cap_lists ? s->cap_lists * 2 : 4096;
            s->lists = kh_realloc(s->lists, s->cap_lists * sizeof *s->lists);
        }
        s->lists[s->n_lists] = (st_list){NULL, 0, 0};
        *at = ++s->n_lists;
    }
    st_list *l = &s->lists[*at - 1];
    if (l->n == l->cap) {
        uint32_t cap = l->cap ? l->cap * 2 : 4;
        l->story = kh_realloc(l->story, cap * sizeof *l->story);
        s->list_bytes += (cap - l->cap) * sizeof *l->story;
        l->cap = cap;
    }
    l->story[l->n++] = story;
}

/* A list after a walk kept entries [from, n) (in order): moved down, its
 * memory freed when none is left. */
static void list_keep_top(kh_stories *s, st_list *l, uint32_t from)
{
    if (from == 0)
        return;
    l->n -= from;
    if (l->n) {
        memmove(l->story, l->story + from, l->n * sizeof *l->story);
        return;
    }
    s->list_bytes -= l->cap * sizeof *l->story;
    free(l->story);
    l->story = NULL;
    l->cap = 0;
}

/* Inverse document frequency over the database's originals and the
 * background corpus together: the background is a prior that keeps a
 * small database's main events from looking like common words. */
static double idf(const kh_stories *s, uint32_t term)
{
    uint64_t *df = kh_map_get(&s->df, term), *bg = kh_map_get(&s->bg, term);
    double docs = (double)s->n_docs + kh_story_background_docs;
    double held = (df ? (double)*df : 0.0) + (bg ? (double)*bg : BG_UNLISTED);
    double v = log((docs + 1.0) / (held + 0.5));
    return v > 0.0 ? v : 0.0;
}

/* idf(), remembered: the document frequencies change only as a batch's
 * originals are counted (count_df) or a state is restored, and both
 * forget what was remembered, so within a batch a term's weight is
 * worked out once, not once per article holding it. */
static double idf_memo(kh_stories *s, uint32_t term)
{
    uint64_t *bits = kh_map_get(&s->idf_memo, term);
    double v;
    if (bits) {
        memcpy(&v, bits, sizeof v);
        return v;
    }
    v = idf(s, term);
    memcpy(kh_map_put(&s->idf_memo, term, NULL), &v, sizeof v);
    return v;
}

/*
 * An article's vector: raw weights times IDF, cut to its article_terms
 * heaviest terms, into s->unit as a unit vector; the raw weights of the
 * terms kept are appended to s->rec_terms (what a record saves), when
 * `record` is set.
 */
static void unit_vector(kh_stories *s, const kh_term *raw, size_t n,
                        int record)
{
    kh_termvec *u = &s->unit;
    u->n = 0;
    for (size_t i = 0; i < n; i++) {
        double w = raw[i].weight * idf_memo(s, raw[i].term);
        if (w > 0.0)
            kh_termvec_push(u, raw[i].term, (float)w, raw[i].flags);
    }
    kh_vec_keep_top(u, s->o.article_terms);
    if (record) {
        size_t k = 0; /* raw is sorted by term, like u */
        for (size_t i = 0; i < u->n; i++) {
            while (raw[k].term != u->v[i].term)
                k++;
            kh_termvec_push(&s->rec_terms, raw[k].term, raw[k].weight,
                            raw[k].flags);
        }
    }
    double norm = kh_vec_norm(u->v, u->n);
    for (size_t i = 0; i < u->n; i++)
        u->v[i].weight = (float)(u->v[i].weight / norm);
}

/* Replace *dst (n entries) with the sum in s->sum; returns the new norm. */
static float store_sum(kh_stories *s, kh_term **dst, uint32_t *n)
{
    kh_termvec *sum = &s->sum;
    *dst = kh_realloc(*dst, (sum->n ? sum->n : 1) * sizeof **dst);
    if (sum->n)
        memcpy(*dst, sum->v, sum->n * sizeof *sum->v);
    *n = (uint32_t)sum->n;
    return (float)kh_vec_norm(sum->v, sum->n);
}

/* Add a vector to story i's centroid (indexing its new terms) and, while
 * the story has fewer than CORE_SIZE originals, to its core. */
static void story_add_vector(kh_stories *s, uint32_t i, const kh_term *v,
                             size_t n, int to_core)
{
    st_story *st = &s->st[i];
    kh_vec_sum(st->cent, st->cent_n, v, n, s->o.centroid_terms, &s->sum);
    for (size_t k = 0; k < s->sum.n; k++)
        if (!kh_vec_has(st->cent, st->cent_n, s->sum.v[k].term))
            add_posting(s, s->sum.v[k].term, i);
    st = &s->st[i];
    st->cent_norm = store_sum(s, &st->cent, &st->cent_n);
    if (to_core && st->n_core < CORE_SIZE) {
        kh_vec_sum(st->core, st->core_n, v, n, s->o.centroid_terms, &s->sum);
        st->core_norm = store_sum(s, &st->core, &st->core_n);
        st->n_core++;
    }
}

static void widen_dates(st_story *st, int64_t first, int64_t last)
{
    if (first != KH_NO_TIME &&
        (st->first == KH_NO_TIME || first < st->first))
        st->first = first;
    if (last != KH_NO_TIME && (st->last == KH_NO_TIME || last > st->last))
        st->last = last;
}

/*
 * A story whose latest article is older than the newest date placed by
 * more than window_hours + max_span_hours can only take articles that
 * arrive that much out of order; its index entries are dropped, so the
 * cost of finding stories follows the open ones, not the whole history.
 * (Such a late article, or an undated one, starts a story of its own.)
 */
static int expired(const kh_stories *s, const st_story *st)
{
    return st->last != KH_NO_TIME && s->newest != KH_NO_TIME &&
           st->last + (int64_t)s->o.window_hours +
                   (int64_t)s->o.max_span_hours <
               s->newest;
}

/*
 * Closed for good: expired now and whatever may still join it.  Originals
 * only join stories that are not expired, and a merge only joins two
 * candidates, so an expired story takes nothing from them; but a copy
 * joins its representative's story when within max_span_hours of the
 * story's start, which can move `last` forward again, up to first +
 * max_span_hours (first only ever moves back).  A story still expired at
 * that latest `last` can never be scored again, however the articles to
 * come are dated: `newest` only grows.  Its vectors, members and index
 * entries can go; the results stay as they are with them kept.
 */
int kh_stories_closed_at(const kh_stories_opts *o, int64_t first,
                         int64_t last, int64_t newest)
{
    if (first == KH_NO_TIME || last == KH_NO_TIME || newest == KH_NO_TIME)
        return 0;
    int64_t latest = first + (int64_t)o->max_span_hours;
    if (latest < last)
        latest = last;
    return latest + (int64_t)o->window_hours + (int64_t)o->max_span_hours <
           newest;
}

static int closed_for_good(const kh_stories *s, const st_story *st)
{
    return kh_stories_closed_at(&s->o, st->first, st->last, s->newest);
}

/* Free a closed story's vectors; a root's members are marked dead. */
static void close_story(kh_stories *s, uint32_t i)
{
    st_story *st = &s->st[i];
    assert(!st->closed);
    for (uint32_t m = st->members; m != NONE; m = s->mem[m].prev) {
        assert(s->mem[m].vec_off != DEAD_MEMBER);
        s->mem[m].vec_off = DEAD_MEMBER;
        s->dead_mem++;
    }
    st->members = NONE;
    free(st->core);
    free(st->cent);
    st->core = st->cent = NULL;
    st->core_n = st->cent_n = 0;
    st->core_norm = st->cent_norm = 0.0f;
    st->closed = 1;
    s->n_closed++;
}

/* Unlink every index entry whose story (through its root) is closed. */
static void drop_closed_postings(kh_stories *s)
{
    for (size_t i = 0; i < s->n_lists; i++) {
        st_list *l = &s->lists[i];
        uint32_t kept = l->n; /* survivors move up, in order */
        for (uint32_t k = l->n; k-- > 0;)
            if (!s->st[root(s, l->story[k])].closed)
                l->story[--kept] = l->story[k];
        list_keep_top(s, l, kept);
    }
}

/*
 * Compaction of the members once most are dead: the live ones move down
 * in order, their vectors too, and the `prev` chains and the stories'
 * heads are renumbered.  Chains keep their order, so the template and
 * member checks meet the same vectors in the same order as before.
 */
static void compact_members(kh_stories *s)
{
    uint32_t *to = kh_malloc((s->n_mem ? s->n_mem : 1) * sizeof *to);
    size_t live = 0, live_terms = 0;
    for (size_t m = 0; m < s->n_mem; m++)
        if (s->mem[m].vec_off != DEAD_MEMBER) {
            to[m] = (uint32_t)live++;
            live_terms += s->mem[m].vec_n;
        } else {
            to[m] = NONE;
        }
    size_t cap_mem = live * 2 > 1024 ? live * 2 : 1024;
    st_member *mem = kh_malloc(cap_mem * sizeof *mem);
    kh_termvec vecs = {kh_malloc((live_terms ? live_terms * 2 : 64) *
                                 sizeof(kh_term)),
                       0, live_terms ? live_terms * 2 : 64};
    for (size_t m = 0; m < s->n_mem; m++) {
        const st_member *old = &s->mem[m];
        if (old->vec_off == DEAD_MEMBER)
            continue;
        st_member *nm = &mem[to[m]];
        *nm = *old;
        nm->prev = old->prev == NONE ? NONE : to[old->prev];
        assert(old->prev == NONE || nm->prev != NONE);
        nm->vec_off = vecs.n;
        memcpy(vecs.v + vecs.n, s->vecs.v + old->vec_off,
               old->vec_n * sizeof(kh_term));
        vecs.n += old->vec_n;
    }
    for (size_t i = 0; i < s->n_st; i++)
        if (s->st[i].members != NONE) {
            s->st[i].members = to[s->st[i].members];
            assert(s->st[i].members != NONE);
        }
    free(to);
    free(s->mem);
    kh_termvec_free(&s->vecs);
    s->mem = mem;
    s->n_mem = live;
    s->cap_mem = cap_mem;
    s->vecs = vecs;
    s->dead_mem = 0;
}

/*
 * Free what the stories closed for good hold (closed_for_good): run after
 * each batch and each restore.  Kept of them: id, dates, counts and
 * parent, for kh_stories_story_of and listings, and `placed` (until
 * let_go_closed, with a lookup).
 */
static void close_stories(kh_stories *s)
{
    size_t newly = 0;
    for (uint32_t i = 0; i < (uint32_t)s->n_st; i++) {
        if (s->st[i].closed)
            continue;
        uint32_t r = root(s, i);
        if (!s->st[r].closed && !closed_for_good(s, &s->st[r]))
            continue;
        if (!s->st[r].closed) {
            close_story(s, r);
            newly++;
        }
        if (r != i) {
            close_story(s, i);
            newly++;
        }
    }
    if (newly)
        drop_closed_postings(s);
    if (s->dead_mem * 2 > s->n_mem)
        compact_members(s);
}

/*
 * Letting go of closed stories (with a lookup only: kh_stories_set_lookup).
 * A closed story is never scored again; what may still ask for it is a
 * late copy of one of its articles (copy_fits: it needs the story's id and
 * first date) or an article fed again (its story's id).  Both are in the
 * lookup's rows, so once the closed stories are as many as the stories
 * held, they go, with their `placed` entries: the stories and the map are
 * rebuilt from the open ones, in order.  Closed stories form whole trees
 * (close_stories closes a story with its root), so every open story's
 * parent stays.  Rebuilding costs a pass over what is held and runs when
 * that has doubled, so memory follows the open stories and the cost per
 * story is constant.  Run before a batch, never during one: the records
 * of the last batch (kh_stories_batch_record) and the lookup's rows must
 * meet.  A story the batch before added to (a copy, a merge) stays one
 * batch more: a caller may still be saving that batch's rows while it
 * places this one (ingest does), and the lookup would not see them yet.
 */
static int may_let_go(const kh_stories *s, uint32_t i)
{
    return s->st[i].closed && s->st[root(s, i)].touched + 1 < s->batch;
}

static void let_go_closed(kh_stories *s)
{
    if (!s->lookup.stories_of || s->n_closed < 1024 ||
        s->n_closed * 2 < s->n_st)
        return;
    uint32_t *to = kh_malloc(s->n_st * sizeof *to);
    uint32_t kept = 0;
    size_t closed_kept = 0;
    for (size_t i = 0; i < s->n_st; i++) {
        to[i] = may_let_go(s, (uint32_t)i) ? NONE : kept++;
        closed_kept += to[i] != NONE && s->st[i].closed;
    }
    kh_map_free(&s->by_id); /* rebuilt at its new size */
    for (size_t i = 0; i < s->n_st; i++) {
        if (to[i] == NONE)
            continue;
        st_story x = s->st[i];
        x.parent = to[x.parent];
        assert(x.parent != NONE); /* a closed root closes its tree */
        s->st[to[i]] = x;         /* to[i] <= i: moves down in place */
        *kh_map_put(&s->by_id, x.id, NULL) = to[i];
    }
    /* index entries name open stories only (drop_closed_postings) */
    for (size_t i = 0; i < s->n_lists; i++)
        for (uint32_t k = 0; k < s->lists[i].n; k++) {
            uint32_t *e = &s->lists[i].story[k];
            assert(to[*e] != NONE);
            *e = to[*e];
        }
    kh_map placed = KH_MAP_INIT;
    size_t it = 0;
    uint64_t article, idx;
    while (kh_map_next(&s->placed, &it, &article, &idx))
        if (to[idx] != NONE)
            *kh_map_put(&placed, article, NULL) = to[idx];
    kh_map_free(&s->placed);
    s->placed = placed;
    s->c.evicted += s->n_st - kept;
    s->n_st = kept;
    s->n_closed = closed_kept;
    s->cap_st = kept * 2 > 256 ? (size_t)kept * 2 : 256;
    s->st = kh_realloc(s->st, s->cap_st * sizeof *s->st);
    free(to);
}

/* A closed story let go, held again for a late copy of one of its
 * articles (until the next let_go_closed): its id and dates, nothing to
 * score.  *out is its index. */
static int revive(kh_stories *s, uint64_t story, uint32_t *out)
{
    uint64_t *held = kh_map_get(&s->by_id, story);
    if (held) {
        *out = root(s, (uint32_t)*held);
        return KH_OK;
    }
    int64_t first, last;
    int rc = s->lookup.span_of(s->lookup.ctx, story, &first, &last);
    if (rc != KH_OK)
        return rc;
    uint32_t i = add_story(s, story);
    s->st[i].first = first;
    s->st[i].last = last;
    s->st[i].closed = 1;
    s->n_closed++;
    s->c.revived++;
    *out = i;
    return KH_OK;
}

/* Would story st, with an article at hours h, still be one event?  An
 * undated article, or a story without dates, is judged by content alone:
 * the date of a page is often only in its text. */
static int open_at(const kh_stories_opts *o, const st_story *st, int64_t h)
{
    if (h == KH_NO_TIME || st->last == KH_NO_TIME)
        return 1;
    int64_t gap = h < st->first ? st->first - h : h > st->last ? h - st->last : 0;
    int64_t lo = h < st->first ? h : st->first;
    int64_t hi = h > st->last ? h : st->last;
    return gap <= (int64_t)o->window_hours &&
           hi - lo <= (int64_t)o->max_span_hours;
}

/* A copy is republished later than a rewrite is written: it joins its
 * representative's story within max_span_hours of the story's start. */
static int copy_fits(const kh_stories_opts *o, const st_story *st, int64_t h)
{
    if (h == KH_NO_TIME || st->first == KH_NO_TIME)
        return 1;
    int64_t d = h > st->first ? h - st->first : st->first - h;
    return d <= (int64_t)o->max_span_hours;
}

/* Title words of a, rare enough to name something, that b's vector lacks:
 * the slots a template fills (a day, a figure, a country, a company). */
static int has_own_title_name(const kh_stories *s, const kh_term *a,
                              size_t na, const kh_term *b, size_t nb)
{
    for (size_t i = 0; i < na; i++)
        if ((a[i].flags & KH_TERM_TITLE) && !kh_vec_has(b, nb, a[i].term) &&
            (idf(s, a[i].term) >= SLOT_IDF || (a[i].flags & KH_TERM_NUMBER)))
            return 1;
    return 0;
}

/* The share of the shorter title's terms that the other title holds
 * (0 for titles of fewer than three terms: too short to have a frame). */
static double title_overlap(const kh_term *a, size_t na, const kh_term *b,
                            size_t nb)
{
    size_t ta = 0, tb = 0, both = 0, i = 0, j = 0;
    for (size_t k = 0; k < na; k++)
        ta += (a[k].flags & KH_TERM_TITLE) != 0;
    for (size_t k = 0; k < nb; k++)
        tb += (b[k].flags & KH_TERM_TITLE) != 0;
    while (i < na && j < nb) {
        if (a[i].term < b[j].term) {
            i++;
        } else if (a[i].term > b[j].term) {
            j++;
        } else {
            both += (a[i].flags & b[j].flags & KH_TERM_TITLE) != 0;
            i++;
            j++;
        }
    }
    size_t shorter = ta < tb ? ta : tb;
    return shorter >= 3 ? (double)both / (double)shorter : 0.0;
}

/*
 * Templates.  An outlet's recurring texts (the daily weather bulletin, the
 * market close, a congratulation cable to each country) are nearly the
 * same words about different events.  The tell: an article of the same
 * outlet already in the story is very close to the newcomer (cosine at
 * least template_cosine), the two titles are one frame (half the shorter
 * title's words in the other), and each title fills it with something the
 * other article lacks altogether (the day, the figures, the country).  The
 * same outlet's follow-up of one event names the event again but says
 * something else in its title ("a resident dies in the floods of X", then
 * "the missing shepherd found; the damage of the floods of X counted");
 * another outlet's rewrite differs in wording, not in its subjects.  And
 * an outlet's text very close to one of its own of another day
 * (BULLETIN_COSINE, BULLETIN_HOURS) is its next bulletin, even under the
 * same title (the weather, the day's case counts).  Only the latest
 * TEMPLATE_MEMBERS members are looked at: enough to meet an outlet's
 * previous text, cheap for a large story.
 */
static int is_template_of(const kh_stories *s, const st_story *st,
                          const kh_termvec *u, uint32_t source, int64_t h)
{
    if (!source)
        return 0;
    unsigned seen = 0;
    for (uint32_t m = st->members; m != NONE && seen < TEMPLATE_MEMBERS;
         m = s->mem[m].prev, seen++) {
        const st_member *mb = &s->mem[m];
        if (mb->source != source)
            continue;
        const kh_term *v = s->vecs.v + mb->vec_off;
        double cos_m = kh_vec_dot(u->v, u->n, v, mb->vec_n);
        if (cos_m < s->o.template_cosine)
            continue;
        if (cos_m >= BULLETIN_COSINE && h != KH_NO_TIME &&
            mb->hours != KH_NO_TIME &&
            (h > mb->hours ? h - mb->hours : mb->hours - h) >= BULLETIN_HOURS)
            return 1; /* the outlet's same text on another day */
        if (has_own_title_name(s, u->v, u->n, v, mb->vec_n) &&
            has_own_title_name(s, v, mb->vec_n, u->v, u->n) &&
            title_overlap(u->v, u->n, v, mb->vec_n) >= 0.5)
            return 1;
    }
    return 0;
}

/* The `max` heaviest title terms of v whose IDF makes them names, into
 * out, heaviest first. */
static size_t anchors(const kh_stories *s, const kh_term *v, size_t n,
                      kh_term *out, size_t max)
{
    size_t got = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(v[i].flags & KH_TERM_TITLE) || idf(s, v[i].term) < ANCHOR_IDF)
            continue;
        size_t k = got < max ? got++ : max;
        if (k == max) {
            if (v[i].weight <= out[max - 1].weight)
                continue;
            k = max - 1;
        }
        for (; k > 0 && out[k - 1].weight < v[i].weight; k--)
            out[k] = out[k - 1];
        out[k] = v[i];
    }
    return got;
}

/*
 * Another event of the same kind.  An article whose title names things
 * (its anchors: rare title words) none of which the story's core holds,
 * while none of the core's own anchors is in the article, reports another
 * event in the same words: a cable to Jamaica against one to Singapore,
 * one company's Eid party against another's.  Two reports of one event
 * share at least one of the names in their titles.
 */
static int names_other_event(const kh_stories *s, const st_story *st,
                             const kh_termvec *u)
{
    kh_term mine[ANCHORS], theirs[ANCHORS];
    size_t n_mine = anchors(s, u->v, u->n, mine, ANCHORS);
    if (n_mine == 0)
        return 0;
    size_t n_theirs = anchors(s, st->core, st->core_n, theirs, ANCHORS);
    if (n_theirs == 0)
        return 0;
    for (size_t i = 0; i < n_mine; i++)
        if (kh_vec_has(st->core, st->core_n, mine[i].term))
            return 0;
    for (size_t i = 0; i < n_theirs; i++)
        if (kh_vec_has(u->v, u->n, theirs[i].term))
            return 0;
    return 1;
}

static void join_story(kh_stories *s, uint32_t i, uint64_t article,
                       int64_t h, const kh_termvec *unit, uint32_t source)
{
    if (h != KH_NO_TIME && (s->newest == KH_NO_TIME || h > s->newest))
        s->newest = h;
    s->st[i].n_articles++;
    s->st[i].touched = s->batch;
    widen_dates(&s->st[i], h, h);
    /* a closed story only takes copies (closed_for_good); its vectors are
     * gone, so nothing else could be added to them */
    assert(!unit || !s->st[i].closed);
    if (unit && !s->st[i].closed) {
        if (s->n_mem == s->cap_mem) {
            s->cap_mem = s->cap_mem ? s->cap_mem * 2 : 1024;
            s->mem = kh_realloc(s->mem, s->cap_mem * sizeof *s->mem);
        }
        uint32_t m = (uint32_t)s->n_mem++;
        s->mem[m] = (st_member){h, source, s->st[i].members, s->vecs.n,
                                (uint32_t)unit->n};
        for (size_t k = 0; k < unit->n; k++)
            kh_termvec_push(&s->vecs, unit->v[k].term, unit->v[k].weight,
                            unit->v[k].flags);
        s->st[i].members = m;
        story_add_vector(s, i, unit->v, unit->n, 1);
    }
    *kh_map_put(&s->placed, article, NULL) = i;
    s->c.articles++;
}

/* Merge story `from` into story `into` (both roots); `into` is older. */
static void merge(kh_stories *s, uint32_t into, uint32_t from)
{
    assert(s->st[into].id < s->st[from].id);
    st_story *f = &s->st[from];
    kh_term *cent = f->cent;
    uint32_t cent_n = f->cent_n;
    f->cent = NULL;
    f->cent_n = 0;
    f->cent_norm = 0.0f;
    free(f->core); /* only roots are scored: from's core is never read */
    f->core = NULL;
    f->core_n = 0;
    f->core_norm = 0.0f;
    f->parent = into;
    /* the members' lists: from's, then into's */
    uint32_t tail = f->members;
    if (tail != NONE) {
        while (s->mem[tail].prev != NONE)
            tail = s->mem[tail].prev;
        s->mem[tail].prev = s->st[into].members;
        s->st[into].members = f->members;
        f->members = NONE;
    }
    s->st[into].n_articles += f->n_articles;
    s->st[into].touched = s->batch;
    widen_dates(&s->st[into], f->first, f->last);
    story_add_vector(s, into, cent, cent_n, 0);
    free(cent);
    if (s->n_merges == s->cap_merges) {
        s->cap_merges = s->cap_merges ? s->cap_merges * 2 : 16;
        s->merges = kh_realloc(s->merges, s->cap_merges * sizeof *s->merges);
    }
    s->merges[s->n_merges++] = (kh_story_merge){s->st[from].id,
                                                s->st[into].id};
    s->c.merges++;
}

/* The cosine an article at hours h needs to join story st: the threshold,
 * raised by day_penalty for each day between h and the story's span beyond
 * the first GRACE_HOURS (news of one event comes in a burst; a day later,
 * the same words more likely tell the next event of a topic), or by
 * UNDATED_PENALTY when one of the two has no date: content alone must
 * then say more, since nothing tells this year's event from last year's. */
static double needed(const kh_stories_opts *o, const st_story *st, int64_t h)
{
    if ((h == KH_NO_TIME) != (st->last == KH_NO_TIME))
        return o->threshold + UNDATED_PENALTY;
    if (h == KH_NO_TIME)
        return o->threshold;
    int64_t gap = h < st->first ? st->first - h : h > st->last ? h - st->last : 0;
    gap = gap > GRACE_HOURS ? gap - GRACE_HOURS : 0;
    return o->threshold + o->day_penalty * (double)gap / 24.0;
}

/* The largest share one term has in the core cosine of u. */
static double top_term_share(const st_story *st, const kh_termvec *u)
{
    double top = 0.0;
    size_t i = 0, j = 0;
    while (i < u->n && j < st->core_n) {
        if (u->v[i].term < st->core[j].term) {
            i++;
        } else if (u->v[i].term > st->core[j].term) {
            j++;
        } else {
            double x = (double)u->v[i].weight * st->core[j].weight;
            if (x > top)
                top = x;
            i++;
            j++;
        }
    }
    return st->core_norm > 0.0f ? top / st->core_norm : 0.0;
}

/*
 * The article being placed (s->unit), indexed for scoring: most of the
 * stories met share none of its key terms, and a core shares a few of its
 * 40 terms at most, so a core is read once, term by term, against a filter
 * of the article's terms (one bit per value of their low 12 bits, which
 * turns most core terms away in one test); a term that passes is looked up
 * in the article.  is_key marks the article's KEY_TERMS heaviest terms.
 */
static void art_index(kh_stories *s, const kh_term *probe, size_t n_probe)
{
    const kh_termvec *u = &s->unit;
    memset(s->filter, 0, sizeof s->filter);
    for (size_t i = 0; i < u->n; i++) {
        uint32_t b = u->v[i].term % FILTER_BITS;
        s->filter[b / 64] |= (uint64_t)1 << (b % 64);
    }
    if (u->n > s->cap_key) {
        s->cap_key = u->n;
        s->is_key = kh_realloc(s->is_key, s->cap_key);
    }
    memset(s->is_key, 0, u->n);
    for (size_t k = 0; k < n_probe && k < KEY_TERMS; k++) {
        size_t i = kh_vec_find(u->v, u->n, probe[k].term);
        assert(i != SIZE_MAX);
        s->is_key[i] = 1;
    }
}

/*
 * One pass over story st's core against the indexed article: *key says
 * whether the core holds one of the article's key terms, and the result
 * is the dot product of the two.  The matching terms are met in term
 * order, as kh_vec_dot's merge walk meets them, and their products are
 * summed in that order: the same double, bit for bit.
 */
static double core_dot(const kh_stories *s, const st_story *st, int *key)
{
    const kh_termvec *u = &s->unit;
    double sum = 0.0;
    int shares = 0;
    for (uint32_t j = 0; j < st->core_n; j++) {
        uint32_t t = st->core[j].term, b = t % FILTER_BITS;
        if (!(s->filter[b / 64] >> (b % 64) & 1))
            continue;
        size_t i = kh_vec_find(u->v, u->n, t);
        if (i == SIZE_MAX)
            continue;
        shares |= s->is_key[i];
        sum += (double)u->v[i].weight * st->core[j].weight;
    }
    *key = shares;
    return sum;
}

/*
 * The cosine of u with the closest of the story's latest TEMPLATE_MEMBERS
 * originals.  A core is a sum: an article that shares a little with each
 * of two different reports (a club's signing, then its coach's plans) can
 * be close to the sum and to neither report, the mark of a topic growing
 * out of an event.  A new report of the event is as close to one of the
 * story's reports as the core asks; on SaudiNewsNet, asking it parts 185
 * multi-outlet stories, mostly peeling off side pieces, and leaves the
 * labelled pairs as they were (bench/dedup/README.md).
 */
static double best_member_cosine(const kh_stories *s, const st_story *st,
                                 const kh_termvec *u)
{
    double best = 0.0;
    unsigned seen = 0;
    for (uint32_t m = st->members; m != NONE && seen < TEMPLATE_MEMBERS;
         m = s->mem[m].prev, seen++) {
        const st_member *mb = &s->mem[m];
        double c = kh_vec_dot(u->v, u->n, s->vecs.v + mb->vec_off, mb->vec_n);
        if (c > best)
            best = c;
    }
    return best;
}

/* The article's n heaviest terms into probe[], heaviest first. */
static size_t heaviest(const kh_termvec *u, kh_term *probe, size_t n)
{
    size_t got = 0;
    for (size_t i = 0; i < u->n; i++) {
        kh_term t = u->v[i];
        size_t k = got < n ? got++ : n;
        if (k == n) {
            if (t.weight <= probe[n - 1].weight)
                continue;
            k = n - 1;
        }
        for (; k > 0 && probe[k - 1].weight < t.weight; k--)
            probe[k] = probe[k - 1];
        probe[k] = t;
    }
    return got;
}

/* Two stories may merge: their cores alike and the whole within the
 * span of one event. */
static int mergeable(const kh_stories *s, const st_story *a,
                     const st_story *b)
{
    double cc = a->core_norm > 0 && b->core_norm > 0
                    ? kh_vec_dot(a->core, a->core_n, b->core, b->core_n) /
                          ((double)a->core_norm * b->core_norm)
                    : 0.0;
    if (cc < s->o.merge_threshold)
        return 0;
    int64_t lo = a->first, hi = a->last;
    if (b->first != KH_NO_TIME && (lo == KH_NO_TIME || b->first < lo))
        lo = b->first;
    if (b->last != KH_NO_TIME && (hi == KH_NO_TIME || b->last > hi))
        hi = b->last;
    return lo == KH_NO_TIME || hi - lo <= (int64_t)s->o.max_span_hours;
}

/*
 * Story assignment for one article (its unit vector in s->unit).  The
 * stories worth scoring share one of the article's heaviest terms; each is
 * scored once (stamps), only if open at the article's date, holding one of
 * the article's KEY_TERMS most telling words in its core (a cable to
 * Bolivia shares every word of a cable to Jamaica but the names, and the
 * names are what weigh most), and not holding a same-outlet template of
 * it.  The score is the cosine with the story's core, the sum of its
 * first CORE_SIZE originals: an article must be about what the story was
 * about at its start, which keeps a story from drifting, one day's
 * article at a time, into a topic.  A cosine carried by one term alone
 * (one shared name and little else: EVIDENCE_SHARE) does not count, nor
 * one that none of the story's latest reports reaches alone (a topic
 * piece between two reports: best_member_cosine).  The best story at or
 * above the threshold takes the article.  When the runner-up also passes
 * and the two cores are themselves alike, the article is the missing link
 * between two halves of one event and they merge, the older keeping its
 * id.  Otherwise the article starts a story of its own.
 */
static uint32_t choose_story(kh_stories *s, int64_t h, uint32_t source)
{
    const kh_termvec *u = &s->unit;
    uint32_t best = NONE, second = NONE;
    double best_cos = 0.0, second_cos = 0.0;
    if (++s->stamp == 0) {
        for (size_t i = 0; i < s->n_st; i++)
            s->st[i].stamp = 0;
        s->stamp = 1;
    }
    kh_term probe[PROBE_TERMS];
    size_t n_probe = heaviest(u, probe, PROBE_TERMS);
    art_index(s, probe, n_probe);
    for (size_t p = 0; p < n_probe; p++) {
        uint64_t *at = kh_map_get(&s->postings, probe[p].term);
        if (!at)
            continue;
        st_list *l = &s->lists[*at - 1];
        uint32_t kept = l->n; /* survivors move up, in order */
        for (uint32_t k = l->n; k-- > 0;) {
            if (k >= PREFETCH_AHEAD) /* the entries are known: fetch ahead */
                __builtin_prefetch(&s->st[l->story[k - PREFETCH_AHEAD]]);
            uint32_t e = l->story[k];
            uint32_t i = root(s, e);
            st_story *st = &s->st[i];
            if (expired(s, st)) /* dropped: lists stay as long as the
                                   stories still open */
                continue;
            l->story[--kept] = e;
            if (st->stamp == s->stamp)
                continue;
            st->stamp = s->stamp;
            if (!open_at(&s->o, st, h))
                continue;
            int shares_key;
            double dot = core_dot(s, st, &shares_key);
            if (!shares_key)
                continue;
            s->c.candidates++;
            double c = st->core_norm > 0.0f ? dot / st->core_norm : 0.0;
            double need = needed(&s->o, st, h);
            if (c < need)
                continue;
            if (c - top_term_share(st, u) < EVIDENCE_SHARE * need ||
                best_member_cosine(s, st, u) < need) {
                s->c.templates++;
                continue;
            }
            if (is_template_of(s, st, u, source, h) ||
                names_other_event(s, st, u)) {
                s->c.templates++;
                continue;
            }
            if (best == NONE || c > best_cos ||
                (c == best_cos && st->id < s->st[best].id)) {
                second = best;
                second_cos = best_cos;
                best = i;
                best_cos = c;
            } else if (second == NONE || c > second_cos) {
                second = i;
                second_cos = c;
            }
        }
        list_keep_top(s, l, kept);
    }
    (void)second_cos;
    if (best == NONE || second == NONE ||
        !mergeable(s, &s->st[best], &s->st[second]))
        return best;
    uint32_t older = s->st[best].id < s->st[second].id ? best : second;
    uint32_t newer = older == best ? second : best;
    merge(s, older, newer);
    return older;
}

static void place(kh_stories *s, st_item *it)
{
    const kh_stories_prep *p = it->p;
    it->rec_off = s->rec_terms.n;
    unit_vector(s, p->terms.v, p->terms.n, 1);
    it->rec_n = s->rec_terms.n - it->rec_off;
    uint32_t i = s->unit.n ? choose_story(s, p->hours, p->source) : NONE;
    if (i == NONE)
        i = new_story(s, s->next_id);
    join_story(s, i, p->id, p->hours, s->unit.n ? &s->unit : NULL,
               p->source);
}

/* Count an original's terms in the batch's document frequencies. */
static void count_terms(kh_stories *s, const kh_term *t, size_t n)
{
    for (size_t k = 0; k < n; k++)
        (*kh_map_put(&s->df_batch, t[k].term, NULL))++;
    s->n_docs++;
}

/* Add the batch's counts to the document frequencies (once per term, not
 * once per article holding it); the idfs remembered are out of date. */
static void count_df(kh_stories *s)
{
    size_t it = 0;
    uint64_t term, count;
    while (kh_map_next(&s->df_batch, &it, &term, &count))
        *kh_map_put(&s->df, term, NULL) += count;
    kh_map_clear(&s->idf_memo);
}

/* Date order, undated last, then input order: a stable, total order. */
static int cmp_item(const void *pa, const void *pb)
{
    const st_item *a = pa, *b = pb;
    int64_t ha = a->p->hours, hb = b->p->hours;
    if (ha != hb) {
        if (ha == KH_NO_TIME)
            return 1;
        if (hb == KH_NO_TIME)
            return -1;
        return ha < hb ? -1 : 1;
    }
    return (a->input > b->input) - (a->input < b->input);
}

/* With a lookup: the stories let go of the batch's articles and
 * representatives that are not held (0 for those never placed), asked at
 * once, into the items. */
static int look_up_items(kh_stories *s, const kh_map *in_batch)
{
    uint64_t *ask = kh_malloc((2 * s->n_items + 1) * sizeof *ask);
    size_t n_ask = 0;
    for (size_t i = 0; i < s->n_items; i++) {
        const st_item *it = &s->items[i];
        if (!it->known)
            ask[n_ask++] = it->p->id;
        if (!it->known && it->rep && it->rep != it->p->id &&
            !kh_map_get(&s->placed, it->rep) &&
            !kh_map_get(in_batch, it->rep))
            ask[n_ask++] = it->rep;
    }
    uint64_t *got = kh_malloc((n_ask + 1) * sizeof *got);
    int rc = n_ask ? s->lookup.stories_of(s->lookup.ctx, ask, n_ask, got)
                   : KH_OK;
    kh_map found = KH_MAP_INIT;
    for (size_t k = 0; rc == KH_OK && k < n_ask; k++)
        if (got[k])
            *kh_map_put(&found, ask[k], NULL) = got[k];
    for (size_t i = 0; rc == KH_OK && found.len && i < s->n_items; i++) {
        st_item *it = &s->items[i];
        uint64_t *a = it->known ? NULL : kh_map_get(&found, it->p->id);
        if (a) {
            it->known = 1;
            it->story_before = *a;
        }
        uint64_t *r = it->rep ? kh_map_get(&found, it->rep) : NULL;
        it->rep_story = r ? *r : 0;
    }
    kh_map_free(&found);
    free(got);
    free(ask);
    return rc;
}

/* The batch's items: which articles are new, which are copies of an
 * article placed before or in this batch. */
static int batch_items(kh_stories *s, const kh_stories_prep *const *preps,
                       const uint64_t *dup_of, size_t n)
{
    s->n_items = 0;
    s->batch_docs = 0;
    s->rec_terms.n = 0;
    s->n_merges = 0;
    kh_map_clear(&s->df_batch);
    if (n > s->cap_items) {
        s->cap_items = n;
        s->items = kh_realloc(s->items, n * sizeof *s->items);
    }
    kh_map in_batch = KH_MAP_INIT;
    for (size_t i = 0; i < n; i++) {
        st_item *it = &s->items[s->n_items++];
        memset(it, 0, sizeof *it);
        it->p = preps[i];
        it->input = (uint32_t)i;
        int created = 0;
        *kh_map_put(&in_batch, preps[i]->id, &created) = i;
        it->known = kh_map_get(&s->placed, preps[i]->id) != NULL || !created;
        it->rep = dup_of ? dup_of[i] : 0;
    }
    int rc = s->lookup.stories_of ? look_up_items(s, &in_batch) : KH_OK;
    /* a copy whose representative is nowhere to be found is an original */
    for (size_t i = 0; rc == KH_OK && i < s->n_items; i++) {
        st_item *it = &s->items[i];
        if (it->known || !it->rep || it->rep == it->p->id)
            continue;
        uint64_t *r = kh_map_get(&in_batch, it->rep);
        it->duplicate = kh_map_get(&s->placed, it->rep) != NULL ||
                        it->rep_story || (r && !s->items[*r].known);
    }
    kh_map_free(&in_batch);
    return rc;
}

/* The batch's additions to the document frequencies, as an array. */
static void export_df(kh_stories *s)
{
    free(s->df_delta);
    s->n_df_delta = 0;
    s->df_delta = kh_malloc((s->df_batch.len ? s->df_batch.len : 1) *
                            sizeof *s->df_delta);
    size_t it = 0;
    uint64_t term, count;
    while (kh_map_next(&s->df_batch, &it, &term, &count))
        s->df_delta[s->n_df_delta++] = (kh_story_df){(uint32_t)term,
                                                     (uint32_t)count};
}

int kh_stories_place_batch(kh_stories *s, const kh_stories_prep *const *preps,
                           const uint64_t *dup_of, size_t n, uint64_t *story)
{
    for (size_t i = 0; i < n; i++)
        if (!preps[i]->prepared || preps[i]->id == 0)
            return KH_EINVAL;
    s->batch++;
    let_go_closed(s);
    int rc = batch_items(s, preps, dup_of, n);
    if (rc != KH_OK)
        return rc;
    /* 1. word weights learn from the whole batch (originals only: copies
     *    would make wire stories' words look common) */
    uint64_t docs_before = s->n_docs;
    for (size_t i = 0; i < s->n_items; i++) {
        const st_item *it = &s->items[i];
        if (!it->known && !it->duplicate)
            count_terms(s, it->p->terms.v, it->p->terms.n);
    }
    s->batch_docs = s->n_docs - docs_before;
    count_df(s);
    /* 2. originals in date order (placed in a sorted copy, then put back:
     *    items stay in input order for the records) */
    st_item *sorted = kh_malloc((s->n_items ? s->n_items : 1) * sizeof *sorted);
    size_t n_order = 0;
    for (size_t i = 0; i < s->n_items; i++)
        if (!s->items[i].known && !s->items[i].duplicate)
            sorted[n_order++] = s->items[i];
    qsort(sorted, n_order, sizeof *sorted, cmp_item);
    for (size_t i = 0; i < n_order; i++) {
        place(s, &sorted[i]);
        s->items[sorted[i].input] = sorted[i];
    }
    free(sorted);
    /* 3. copies join their representative's story */
    for (size_t i = 0; i < s->n_items; i++) {
        st_item *it = &s->items[i];
        if (it->known || !it->duplicate ||
            kh_map_get(&s->placed, it->p->id))
            continue;
        uint64_t *r = kh_map_get(&s->placed, it->rep);
        uint32_t si = r ? root(s, (uint32_t)*r) : NONE;
        if (!r && it->rep_story && (rc = revive(s, it->rep_story, &si)) != KH_OK)
            return rc;
        if (si != NONE && copy_fits(&s->o, &s->st[si], it->p->hours)) {
            join_story(s, si, it->p->id, it->p->hours, NULL, it->p->source);
        } else {
            /* no representative, or the same text long after its story
             * (a template reused, a report republished): an original */
            it->duplicate = 0;
            place(s, it);
        }
    }
    export_df(s);
    close_stories(s);
    if (story)
        for (size_t i = 0; i < n; i++)
            story[i] = s->items[i].story_before
                           ? s->items[i].story_before
                           : kh_stories_story_of(s, preps[i]->id);
    return KH_OK;
}

int kh_stories_add_batch(kh_stories *s, const kh_article *const *arts,
                         const uint64_t *dup_of, size_t n, uint64_t *story)
{
    for (size_t i = 0; i < n; i++)
        if (arts[i]->id == 0)
            return KH_EINVAL;
    if (!s->an)
        s->an = kh_analyzer_create(NULL);
    if (n > s->n_own) {
        s->own = kh_stories_prep_array_grow(s->own, s->n_own, n);
        s->n_own = n;
    }
    const kh_stories_prep **ptrs = kh_malloc((n ? n : 1) * sizeof *ptrs);
    for (size_t i = 0; i < n; i++) {
        kh_stories_prep *p = &s->own[i];
        if (kh_map_get(&s->placed, arts[i]->id)) /* known: no analysis */
            kh_stories_prep_known(p, arts[i]->id);
        else
            kh_stories_prepare(s, s->an, arts[i], p);
        ptrs[i] = p;
    }
    int rc = kh_stories_place_batch(s, ptrs, dup_of, n, story);
    free(ptrs);
    return rc;
}

int kh_stories_batch_record(const kh_stories *s, size_t i,
                            kh_story_record *out)
{
    memset(out, 0, sizeof *out);
    if (i >= s->n_items)
        return KH_EINVAL;
    const st_item *it = &s->items[i];
    if (it->known)
        return KH_OK;
    out->article = it->p->id;
    out->story = kh_stories_story_of(s, it->p->id);
    out->hours = it->p->hours;
    out->duplicate = it->duplicate;
    out->source = it->p->source;
    out->terms = it->duplicate ? NULL : s->rec_terms.v + it->rec_off;
    out->n_terms = it->duplicate ? 0 : it->rec_n;
    return KH_OK;
}

const kh_story_df *kh_stories_batch_df(const kh_stories *s, size_t *n,
                                       uint64_t *n_docs)
{
    *n = s->n_df_delta;
    if (n_docs)
        *n_docs = s->batch_docs;
    return s->df_delta;
}

const kh_story_merge *kh_stories_merges(const kh_stories *s, size_t *n)
{
    *n = s->n_merges;
    return s->merges;
}

int kh_stories_restore(kh_stories *s, const kh_story_df *df, size_t n_df,
                       uint64_t n_docs, const kh_story_record *recs,
                       size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (recs[i].article == 0 || recs[i].story == 0)
            return KH_EINVAL;
    for (size_t i = 0; i < n_df; i++)
        *kh_map_put(&s->df, df[i].term, NULL) += df[i].df;
    s->n_docs += n_docs;
    kh_map_clear(&s->idf_memo);
    for (size_t i = 0; i < n; i++) {
        const kh_story_record *r = &recs[i];
        if (kh_map_get(&s->placed, r->article))
            continue;
        uint64_t *known = kh_map_get(&s->by_id, r->story);
        uint32_t si = known ? root(s, (uint32_t)*known) : new_story(s, r->story);
        if (r->duplicate || r->n_terms == 0) {
            join_story(s, si, r->article, r->hours, NULL, r->source);
        } else {
            unit_vector(s, r->terms, r->n_terms, 0);
            join_story(s, si, r->article, r->hours,
                       s->unit.n ? &s->unit : NULL, r->source);
        }
    }
    close_stories(s);
    return KH_OK;
}

void kh_stories_counters_get(const kh_stories *s, kh_stories_counters *out)
{
    *out = s->c;
    out->held = s->n_st;
    size_t vec = 0;
    for (size_t i = 0; i < s->n_st; i++)
        vec += (s->st[i].cent_n + s->st[i].core_n) * sizeof(kh_term);
    out->bytes = sizeof *s + s->cap_st * sizeof *s->st + vec +
                 (s->by_id.cap + s->placed.cap + s->df.cap + s->postings.cap) *
                     (2 * sizeof(uint64_t) + 1) +
                 s->cap_lists * sizeof *s->lists + s->list_bytes +
                 s->cap_mem * sizeof *s->mem + s->vecs.cap * sizeof(kh_term);
}
