/*
 * stories.c - kh_stories, the incremental story clusterer (khabar.h):
 * single-pass assignment of articles to stories by the cosine of TF-IDF
 * vectors of title and lead against story centroids, within time windows.
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
#include "stories/stories_state.h"
#include "stories/story_terms.h"
#include "stories/story_time.h"

#define NONE UINT32_MAX
#define PROBE_TERMS 8 /* an article's heaviest terms used to find stories */
#define KEY_TERMS 4   /* ... of which one must be in the story it joins   */

typedef struct st_story {
    uint64_t id;
    int64_t first, last;  /* hours; KH_NO_TIME while no member is dated   */
    uint32_t n_articles;  /* members, copies included                     */
    uint32_t n_core;      /* members summed into the centroid             */
    uint32_t parent;      /* itself, or the story it was merged into      */
    uint32_t stamp;       /* the last article that looked at it           */
    kh_term *cent;        /* sum of members' unit vectors, top terms,
                             sorted by term                               */
    uint32_t cent_n;
    float norm;           /* |cent|                                       */
} st_story;

/* An article of the current batch. */
typedef struct st_item {
    uint64_t article, rep;
    int64_t hours;
    size_t terms_off, n_terms; /* in s->batch_terms                      */
    uint32_t input;            /* its index in the caller's arrays        */
    int known, duplicate;
} st_item;

struct kh_stories {
    kh_stories_opts o;
    kh_analyzer *an;
    st_story *st;
    size_t n_st, cap_st;
    kh_map by_id;      /* story id -> index                              */
    kh_map placed;     /* article id -> story index when placed          */
    kh_map df;         /* term -> articles holding it                    */
    uint64_t n_docs;   /* articles counted in df                         */
    kh_map postings;   /* term -> 1 + first entry                        */
    uint32_t *pe_story, *pe_next;
    size_t n_pe, cap_pe;
    uint32_t pe_free;  /* unlinked entries, chained by pe_next           */
    int64_t newest;    /* the latest date placed so far                  */
    uint64_t next_id;
    uint32_t stamp;
    /* the current batch */
    st_item *items;
    size_t n_items, cap_items;
    kh_termvec batch_terms;
    kh_story_merge *merges;
    size_t n_merges, cap_merges;
    /* scratch */
    kh_termvec raw, unit, sum;
    kh_stories_counters c;
};

const kh_stories_opts *kh_stories_get_opts(const kh_stories *s)
{
    return &s->o;
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
    s->pe_free = NONE;
    s->newest = KH_NO_TIME;
    return s;
}

void kh_stories_free(kh_stories *s)
{
    if (!s)
        return;
    kh_analyzer_free(s->an);
    for (size_t i = 0; i < s->n_st; i++)
        free(s->st[i].cent);
    free(s->st);
    kh_map_free(&s->by_id);
    kh_map_free(&s->placed);
    kh_map_free(&s->df);
    kh_map_free(&s->postings);
    free(s->pe_story);
    free(s->pe_next);
    free(s->items);
    kh_termvec_free(&s->batch_terms);
    free(s->merges);
    kh_termvec_free(&s->raw);
    kh_termvec_free(&s->unit);
    kh_termvec_free(&s->sum);
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
    return p ? s->st[root(s, (uint32_t)*p)].id : 0;
}

static uint32_t new_story(kh_stories *s, uint64_t id)
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
    *kh_map_put(&s->by_id, id, NULL) = i;
    if (id >= s->next_id)
        s->next_id = id + 1;
    s->c.stories++;
    return i;
}

static void add_posting(kh_stories *s, uint32_t term, uint32_t story)
{
    size_t e;
    if (s->pe_free != NONE) { /* reuse an entry dropped by a walk */
        e = s->pe_free;
        s->pe_free = s->pe_next[e];
    } else {
        if (s->n_pe == s->cap_pe) {
            s->cap_pe = s->cap_pe ? s->cap_pe * 2 : 4096;
            s->pe_story = kh_realloc(s->pe_story,
                                     s->cap_pe * sizeof *s->pe_story);
            s->pe_next = kh_realloc(s->pe_next, s->cap_pe * sizeof *s->pe_next);
        }
        e = s->n_pe++;
    }
    uint64_t *head = kh_map_put(&s->postings, term, NULL);
    s->pe_story[e] = story;
    s->pe_next[e] = *head ? (uint32_t)(*head - 1) : NONE;
    *head = e + 1;
}

static double idf(const kh_stories *s, uint32_t term)
{
    uint64_t *df = kh_map_get(&s->df, term);
    double v = log(((double)s->n_docs + 1.0) / ((df ? (double)*df : 0.0) + 0.5));
    return v > 0.0 ? v : 0.0;
}

/* raw weights -> unit TF-IDF vector in out (sorted by term, as raw is). */
static void unit_vector(const kh_stories *s, const kh_term *raw, size_t n,
                        kh_termvec *out)
{
    out->n = 0;
    double norm = 0.0;
    for (size_t i = 0; i < n; i++) {
        double w = raw[i].weight * idf(s, raw[i].term);
        if (w <= 0.0)
            continue;
        kh_termvec_push(out, raw[i].term, (float)w);
        norm += w * w;
    }
    norm = sqrt(norm);
    for (size_t i = 0; i < out->n; i++)
        out->v[i].weight = (float)(out->v[i].weight / norm);
}

static double dot(const kh_term *a, size_t na, const kh_term *b, size_t nb)
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

static int has_term(const st_story *st, uint32_t term)
{
    size_t lo = 0, hi = st->cent_n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->cent[mid].term < term)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < st->cent_n && st->cent[lo].term == term;
}

static double cosine_to(const st_story *st, const kh_termvec *unit)
{
    if (st->norm <= 0.0f)
        return 0.0;
    return dot(unit->v, unit->n, st->cent, st->cent_n) / st->norm;
}

static int cmp_weight_desc(const void *pa, const void *pb)
{
    const kh_term *a = pa, *b = pb;
    return (a->weight < b->weight) - (a->weight > b->weight);
}

static int cmp_term_asc(const void *pa, const void *pb)
{
    const kh_term *a = pa, *b = pb;
    return (a->term > b->term) - (a->term < b->term);
}

/*
 * Add vector v (sorted by term) to story i's centroid, keep the
 * centroid_terms heaviest terms, and index the terms that are new to it.
 */
static void centroid_add(kh_stories *s, uint32_t i, const kh_term *v, size_t n)
{
    st_story *st = &s->st[i];
    kh_termvec *sum = &s->sum;
    sum->n = 0;
    size_t a = 0, b = 0;
    while (a < st->cent_n || b < n) {
        if (b == n || (a < st->cent_n && st->cent[a].term < v[b].term)) {
            kh_termvec_push(sum, st->cent[a].term, st->cent[a].weight);
            a++;
        } else if (a == st->cent_n || v[b].term < st->cent[a].term) {
            kh_termvec_push(sum, v[b].term, v[b].weight);
            add_posting(s, v[b].term, i);
            st = &s->st[i];
            b++;
        } else {
            kh_termvec_push(sum, v[b].term, st->cent[a].weight + v[b].weight);
            a++;
            b++;
        }
    }
    if (sum->n > s->o.centroid_terms) {
        qsort(sum->v, sum->n, sizeof *sum->v, cmp_weight_desc);
        sum->n = s->o.centroid_terms;
        qsort(sum->v, sum->n, sizeof *sum->v, cmp_term_asc);
    }
    st->cent = kh_realloc(st->cent, (sum->n ? sum->n : 1) * sizeof *st->cent);
    if (sum->n)
        memcpy(st->cent, sum->v, sum->n * sizeof *sum->v);
    st->cent_n = (uint32_t)sum->n;
    double norm = 0.0;
    for (size_t k = 0; k < sum->n; k++)
        norm += (double)sum->v[k].weight * sum->v[k].weight;
    st->norm = (float)sqrt(norm);
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
 * (Such a late article starts a story of its own.)
 */
static int expired(const kh_stories *s, const st_story *st)
{
    return st->last != KH_NO_TIME && s->newest != KH_NO_TIME &&
           st->last + (int64_t)s->o.window_hours +
                   (int64_t)s->o.max_span_hours <
               s->newest;
}

/* Would story st, with an article at hours h, still be one event? */
static int open_at(const kh_stories_opts *o, const st_story *st, int64_t h)
{
    /* without dates an event cannot be told from a topic: undated
     * articles meet undated stories only, and dated ones dated stories */
    if (h == KH_NO_TIME || st->last == KH_NO_TIME)
        return h == KH_NO_TIME && st->last == KH_NO_TIME;
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
        return h == KH_NO_TIME && st->first == KH_NO_TIME;
    int64_t d = h > st->first ? h - st->first : st->first - h;
    return d <= (int64_t)o->max_span_hours;
}

static void join_story(kh_stories *s, uint32_t i, uint64_t article,
                       int64_t h, const kh_termvec *unit)
{
    if (h != KH_NO_TIME && (s->newest == KH_NO_TIME || h > s->newest))
        s->newest = h;
    s->st[i].n_articles++;
    widen_dates(&s->st[i], h, h);
    if (unit) {
        s->st[i].n_core++;
        centroid_add(s, i, unit->v, unit->n);
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
    f->norm = 0.0f;
    f->parent = into;
    s->st[into].n_articles += f->n_articles;
    s->st[into].n_core += f->n_core;
    widen_dates(&s->st[into], f->first, f->last);
    centroid_add(s, into, cent, cent_n);
    free(cent);
    if (s->n_merges == s->cap_merges) {
        s->cap_merges = s->cap_merges ? s->cap_merges * 2 : 16;
        s->merges = kh_realloc(s->merges, s->cap_merges * sizeof *s->merges);
    }
    s->merges[s->n_merges++] = (kh_story_merge){s->st[from].id,
                                                s->st[into].id};
    s->c.merges++;
}

/*
 * Story assignment for one article (its unit vector in s->unit).  The
 * stories worth scoring share one of the article's heaviest terms; each is
 * scored once (stamps), only if open at the article's date and holding
 * one of the article's KEY_TERMS most telling words (a cable to Bolivia
 * shares every word of a cable to Jamaica but the names, and the names are
 * what weigh most), by the cosine with its centroid.  The best story at or above the threshold takes the
 * article.  When the runner-up also passes and the two centroids are
 * themselves alike, the article is the missing link between two halves of
 * one event and they merge, the older keeping its id.  Otherwise the
 * article starts a story of its own.
 */
static uint32_t choose_story(kh_stories *s, int64_t h)
{
    const kh_termvec *u = &s->unit;
    uint32_t best = NONE, second = NONE;
    double best_cos = 0.0, second_cos = 0.0;
    if (++s->stamp == 0) {
        for (size_t i = 0; i < s->n_st; i++)
            s->st[i].stamp = 0;
        s->stamp = 1;
    }
    /* the heaviest terms: a partial selection over a copy */
    kh_term probe[PROBE_TERMS];
    size_t n_probe = 0;
    for (size_t i = 0; i < u->n; i++) {
        kh_term t = u->v[i];
        size_t k = n_probe < PROBE_TERMS ? n_probe++ : PROBE_TERMS;
        if (k == PROBE_TERMS) {
            if (t.weight <= probe[PROBE_TERMS - 1].weight)
                continue;
            k = PROBE_TERMS - 1;
        }
        for (; k > 0 && probe[k - 1].weight < t.weight; k--)
            probe[k] = probe[k - 1];
        probe[k] = t;
    }
    for (size_t p = 0; p < n_probe; p++) {
        uint64_t *head = kh_map_get(&s->postings, probe[p].term);
        if (!head)
            continue;
        uint32_t prev = NONE, next;
        for (uint32_t e = (uint32_t)(*head - 1); e != NONE; e = next) {
            next = s->pe_next[e];
            uint32_t i = root(s, s->pe_story[e]);
            st_story *st = &s->st[i];
            if (expired(s, st)) { /* unlink: lists stay as long as the
                                     stories still open */
                if (prev == NONE)
                    *head = next == NONE ? 0 : (uint64_t)next + 1;
                else
                    s->pe_next[prev] = next;
                s->pe_next[e] = s->pe_free;
                s->pe_free = e;
                continue;
            }
            prev = e;
            if (st->stamp == s->stamp)
                continue;
            st->stamp = s->stamp;
            if (!open_at(&s->o, st, h))
                continue;
            int shares_key = 0;
            for (size_t k = 0; k < n_probe && k < KEY_TERMS && !shares_key; k++)
                shares_key = has_term(st, probe[k].term);
            if (!shares_key)
                continue;
            s->c.candidates++;
            double c = cosine_to(st, u);
            if (c < s->o.threshold)
                continue;
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
    }
    if (best == NONE || second == NONE)
        return best;
    st_story *a = &s->st[best], *b = &s->st[second];
    double cc = a->norm > 0 && b->norm > 0
                    ? dot(a->cent, a->cent_n, b->cent, b->cent_n) /
                          ((double)a->norm * b->norm)
                    : 0.0;
    int64_t lo = a->first, hi = a->last;
    if (b->first != KH_NO_TIME && (lo == KH_NO_TIME || b->first < lo))
        lo = b->first;
    if (b->last != KH_NO_TIME && (hi == KH_NO_TIME || b->last > hi))
        hi = b->last;
    int fits = lo == KH_NO_TIME || hi - lo <= (int64_t)s->o.max_span_hours;
    if (cc < s->o.merge_threshold || !fits)
        return best;
    uint32_t older = a->id < b->id ? best : second;
    uint32_t newer = older == best ? second : best;
    merge(s, older, newer);
    return older;
}

static void place(kh_stories *s, const st_item *it)
{
    const kh_term *raw = s->batch_terms.v + it->terms_off;
    unit_vector(s, raw, it->n_terms, &s->unit);
    uint32_t i = s->unit.n ? choose_story(s, it->hours) : NONE;
    if (i == NONE)
        i = new_story(s, s->next_id);
    join_story(s, i, it->article, it->hours, s->unit.n ? &s->unit : NULL);
}

static void count_terms(kh_stories *s, const kh_term *t, size_t n)
{
    for (size_t k = 0; k < n; k++)
        (*kh_map_put(&s->df, t[k].term, NULL))++;
    s->n_docs++;
}

/* Date order, undated last, then input order: a stable, total order. */
static int cmp_item(const void *pa, const void *pb)
{
    const st_item *a = pa, *b = pb;
    if (a->hours != b->hours) {
        if (a->hours == KH_NO_TIME)
            return 1;
        if (b->hours == KH_NO_TIME)
            return -1;
        return a->hours < b->hours ? -1 : 1;
    }
    return (a->input > b->input) - (a->input < b->input);
}

static void prepare_batch(kh_stories *s, const kh_article *const *arts,
                          const uint64_t *dup_of, size_t n)
{
    if (!s->an)
        s->an = kh_analyzer_create(NULL);
    s->n_items = 0;
    s->batch_terms.n = 0;
    s->n_merges = 0;
    if (n > s->cap_items) {
        s->cap_items = n;
        s->items = kh_realloc(s->items, n * sizeof *s->items);
    }
    kh_map in_batch = KH_MAP_INIT;
    for (size_t i = 0; i < n; i++) {
        st_item *it = &s->items[s->n_items++];
        memset(it, 0, sizeof *it);
        it->article = arts[i]->id;
        it->input = (uint32_t)i;
        it->hours = kh_story_hours(arts[i]->date);
        int created = 0;
        *kh_map_put(&in_batch, it->article, &created) = i;
        it->known = kh_map_get(&s->placed, it->article) != NULL || !created;
        if (it->known)
            continue;
        kh_story_terms(s->an, &s->o, arts[i]->title, arts[i]->text, &s->raw);
        it->terms_off = s->batch_terms.n;
        it->n_terms = s->raw.n;
        for (size_t k = 0; k < s->raw.n; k++)
            kh_termvec_push(&s->batch_terms, s->raw.v[k].term,
                            s->raw.v[k].weight);
        it->rep = dup_of ? dup_of[i] : 0;
    }
    /* a copy whose representative is nowhere to be found is an original */
    for (size_t i = 0; i < s->n_items; i++) {
        st_item *it = &s->items[i];
        if (it->known || !it->rep || it->rep == it->article)
            continue;
        uint64_t *r = kh_map_get(&in_batch, it->rep);
        it->duplicate = kh_map_get(&s->placed, it->rep) != NULL ||
                        (r && !s->items[*r].known);
    }
    kh_map_free(&in_batch);
}

int kh_stories_add_batch(kh_stories *s, const kh_article *const *arts,
                         const uint64_t *dup_of, size_t n, uint64_t *story)
{
    for (size_t i = 0; i < n; i++)
        if (arts[i]->id == 0)
            return KH_EINVAL;
    prepare_batch(s, arts, dup_of, n);
    /* 1. word weights learn from the whole batch (originals only: copies
     *    would make wire stories' words look common) */
    for (size_t i = 0; i < s->n_items; i++) {
        const st_item *it = &s->items[i];
        if (!it->known && !it->duplicate)
            count_terms(s, s->batch_terms.v + it->terms_off, it->n_terms);
    }
    /* 2. originals in date order */
    st_item *order = kh_malloc((s->n_items ? s->n_items : 1) * sizeof *order);
    size_t n_order = 0;
    for (size_t i = 0; i < s->n_items; i++)
        if (!s->items[i].known && !s->items[i].duplicate)
            order[n_order++] = s->items[i];
    qsort(order, n_order, sizeof *order, cmp_item);
    for (size_t i = 0; i < n_order; i++)
        place(s, &order[i]);
    free(order);
    /* 3. copies join their representative's story */
    for (size_t i = 0; i < s->n_items; i++) {
        st_item *it = &s->items[i];
        if (it->known || !it->duplicate)
            continue;
        if (kh_map_get(&s->placed, it->article))
            continue;
        uint64_t *r = kh_map_get(&s->placed, it->rep);
        uint32_t si = r ? root(s, (uint32_t)*r) : NONE;
        if (si != NONE && copy_fits(&s->o, &s->st[si], it->hours)) {
            join_story(s, si, it->article, it->hours, NULL);
        } else {
            /* no representative, or the same text long after its story
             * (a template reused, a report republished): an original */
            it->duplicate = 0;
            place(s, it);
        }
    }
    if (story)
        for (size_t i = 0; i < n; i++)
            story[i] = kh_stories_story_of(s, arts[i]->id);
    return KH_OK;
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
    out->article = it->article;
    out->story = kh_stories_story_of(s, it->article);
    out->hours = it->hours;
    out->duplicate = it->duplicate;
    out->terms = s->batch_terms.v + it->terms_off;
    out->n_terms = it->n_terms;
    return KH_OK;
}

const kh_story_merge *kh_stories_merges(const kh_stories *s, size_t *n)
{
    *n = s->n_merges;
    return s->merges;
}

int kh_stories_restore(kh_stories *s, const kh_story_record *recs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (recs[i].article == 0 || recs[i].story == 0)
            return KH_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (!recs[i].duplicate && !kh_map_get(&s->placed, recs[i].article))
            count_terms(s, recs[i].terms, recs[i].n_terms);
    for (size_t i = 0; i < n; i++) {
        const kh_story_record *r = &recs[i];
        if (kh_map_get(&s->placed, r->article))
            continue;
        uint64_t *known = kh_map_get(&s->by_id, r->story);
        uint32_t si = known ? root(s, (uint32_t)*known) : new_story(s, r->story);
        if (r->duplicate) {
            join_story(s, si, r->article, r->hours, NULL);
        } else {
            unit_vector(s, r->terms, r->n_terms, &s->unit);
            join_story(s, si, r->article, r->hours,
                       s->unit.n ? &s->unit : NULL);
        }
    }
    return KH_OK;
}

void kh_stories_counters_get(const kh_stories *s, kh_stories_counters *out)
{
    *out = s->c;
    size_t cent = 0;
    for (size_t i = 0; i < s->n_st; i++)
        cent += s->st[i].cent_n * sizeof(kh_term);
    out->bytes = sizeof *s + s->cap_st * sizeof *s->st + cent +
                 (s->by_id.cap + s->placed.cap + s->df.cap + s->postings.cap) *
                     (2 * sizeof(uint64_t) + 1) +
                 s->cap_pe * 2 * sizeof(uint32_t);
}
