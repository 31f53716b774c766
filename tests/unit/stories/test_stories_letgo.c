/*
 * test_stories_letgo.c - the clusterer with a lookup (stories_state.h:
 * kh_stories_set_lookup) lets go of closed stories and still places every
 * article as one that keeps everything: the same stories batch by batch
 * over months of synthetic events, late copies of let-go stories'
 * articles, articles fed again, restores that leave closed stories out.
 */
#include <stdio.h>

#include "common/alloc.h"
#include "kh_test.h"
#include "khabar.h"
#include "stories/stories_state.h"
#include "stories/story_time.h"

/* The rows the ingest would have saved: article, story, hours. */
typedef struct table {
    uint64_t *article, *story;
    int64_t *hours;
    size_t n, cap;
    int calls; /* lookups asked */
} table;

static int table_stories_of(void *ctx, const uint64_t *articles, size_t n,
                            uint64_t *story)
{
    table *t = ctx;
    t->calls++;
    for (size_t i = 0; i < n; i++) {
        story[i] = 0;
        for (size_t k = 0; k < t->n; k++)
            if (t->article[k] == articles[i])
                story[i] = t->story[k];
    }
    return KH_OK;
}

static int table_span_of(void *ctx, uint64_t story, int64_t *first,
                         int64_t *last)
{
    table *t = ctx;
    *first = *last = KH_NO_TIME;
    for (size_t k = 0; k < t->n; k++) {
        if (t->story[k] != story || t->hours[k] == KH_NO_TIME)
            continue;
        if (*first == KH_NO_TIME || t->hours[k] < *first)
            *first = t->hours[k];
        if (*last == KH_NO_TIME || t->hours[k] > *last)
            *last = t->hours[k];
    }
    return KH_OK;
}

/* Save the last batch's rows and merges, as ingest_links does. */
static void table_save(table *t, const kh_stories *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        kh_story_record r;
        KH_CHECK_INT(kh_stories_batch_record(s, i, &r), KH_OK);
        if (!r.article)
            continue;
        if (t->n == t->cap) {
            t->cap = t->cap ? 2 * t->cap : 1024;
            t->article = kh_realloc(t->article, t->cap * sizeof *t->article);
            t->story = kh_realloc(t->story, t->cap * sizeof *t->story);
            t->hours = kh_realloc(t->hours, t->cap * sizeof *t->hours);
        }
        t->article[t->n] = r.article;
        t->story[t->n] = r.story;
        t->hours[t->n++] = r.hours;
    }
    size_t n_merges;
    const kh_story_merge *m = kh_stories_merges(s, &n_merges);
    for (size_t i = 0; i < n_merges; i++)
        for (size_t k = 0; k < t->n; k++)
            if (t->story[k] == m[i].from)
                t->story[k] = m[i].into;
}

static void table_free(table *t)
{
    free(t->article);
    free(t->story);
    free(t->hours);
}

/* Word k of event e: four letters that no affix rule touches, one
 * spelling per (e, k). */
static void word(char *out, unsigned e, unsigned k)
{
    static const char *letters[] = {"ج", "ح", "خ", "د", "ذ", "ر", "ز", "ش",
                                    "ص", "ض", "ط", "ظ", "ع", "غ", "ق"};
    unsigned n = e * 12 + k;
    out[0] = '\0';
    for (int d = 0; d < 4; d++, n /= 15)
        strcat(out, letters[n % 15]);
}

enum { EVENTS = 1500, BATCH = 200, WORDS = 12 };

typedef struct art {
    kh_article a;
    char title[128], text[512], date[32];
} art;

/* Article `copy` (0 or 1) of event e, `late` hours after its start. */
static void make_event(art *x, unsigned e, unsigned copy, unsigned late)
{
    memset(x, 0, sizeof *x);
    char w[WORDS][16];
    for (unsigned k = 0; k < WORDS; k++)
        word(w[k], e, k);
    snprintf(x->title, sizeof x->title, "%s %s %s %s", w[0], w[1], w[2],
             w[3]);
    size_t len = 0;
    for (unsigned r = 0; r < 3; r++)
        for (unsigned k = 0; k < WORDS; k++)
            len += (size_t)snprintf(x->text + len, sizeof x->text - len,
                                    "%s ", w[(k + r) % WORDS]);
    unsigned hour = e * 2 + copy + late; /* two hours apart: 125 days */
    snprintf(x->date, sizeof x->date, "2015-%02u-%02uT%02u:00:00",
             1 + hour / 24 / 28, 1 + hour / 24 % 28, hour % 24);
    x->a.id = 100000 + 2 * (uint64_t)e + copy;
    x->a.title = x->title;
    x->a.text = x->text;
    x->a.date = x->date;
    x->a.source = (char *)(copy ? "second" : "first");
}

/* One batch into both clusterers: the same stories. */
static void both(kh_stories *plain, kh_stories *lean, table *t, art *arts,
                 const uint64_t *dup_of, size_t n)
{
    const kh_article *ptrs[BATCH + 8];
    uint64_t sp[BATCH + 8], sl[BATCH + 8];
    KH_CHECK(n <= BATCH + 8);
    for (size_t i = 0; i < n; i++)
        ptrs[i] = &arts[i].a;
    KH_CHECK_INT(kh_stories_add_batch(plain, ptrs, dup_of, n, sp), KH_OK);
    KH_CHECK_INT(kh_stories_add_batch(lean, ptrs, dup_of, n, sl), KH_OK);
    int same = 1;
    for (size_t i = 0; i < n; i++)
        same &= sp[i] == sl[i] && sp[i] != 0;
    KH_CHECK(same);
    table_save(t, lean, n);
}

static void test_let_go_and_revive(void)
{
    kh_stories *plain = kh_stories_create(NULL);
    kh_stories *lean = kh_stories_create(NULL);
    table t = {0};
    kh_stories_lookup lk = {table_stories_of, table_span_of, &t};
    kh_stories_set_lookup(lean, &lk);
    art *arts = kh_calloc(BATCH + 8, sizeof *arts);
    /* the events, each an original and a rewrite an hour later */
    for (unsigned e0 = 0; e0 < EVENTS; e0 += BATCH / 2) {
        size_t n = 0;
        for (unsigned e = e0; e < e0 + BATCH / 2 && e < EVENTS; e++) {
            make_event(&arts[n++], e, 0, 0);
            make_event(&arts[n++], e, 1, 0);
        }
        both(plain, lean, &t, arts, NULL, n);
    }
    kh_stories_counters cp, cl;
    kh_stories_counters_get(plain, &cp);
    kh_stories_counters_get(lean, &cl);
    KH_CHECK(cl.evicted > 0);
    KH_CHECK(cl.held < cp.held / 2);
    KH_CHECK(cl.bytes < cp.bytes);
    KH_CHECK_INT(cl.stories, cp.stories);
    /* late: copies of let-go events' originals dated within their span
     * (they join the old story), one too late (a story of its own), two
     * copies of one event (one revival), an old article fed again (known)
     * and a new event */
    uint64_t dup_of[8] = {0};
    unsigned late_events[] = {3, 40, 40, 700};
    size_t n = 0;
    for (size_t i = 0; i < 4; i++, n++) {
        make_event(&arts[n], late_events[i], 0, 10 + (unsigned)i);
        arts[n].a.id = 900000 + n;
        dup_of[n] = 100000 + 2 * (uint64_t)late_events[i];
    }
    make_event(&arts[n], 5, 0, 200); /* 200 hours on: past max_span */
    arts[n].a.id = 900000 + n;
    dup_of[n++] = 100000 + 2 * 5;
    make_event(&arts[n++], 9, 1, 0); /* fed again */
    make_event(&arts[n++], EVENTS, 0, 0);
    both(plain, lean, &t, arts, dup_of, n);
    kh_stories_counters_get(lean, &cl);
    /* events 3, 40 (once for two copies), 700 and 5 (brought back to
     * find it too old) */
    KH_CHECK_INT(cl.revived, 4);
    /* and the next batch lets the revived go again, still the same */
    for (size_t i = 0; i < n; i++)
        make_event(&arts[i], EVENTS + 1 + (unsigned)i, 0, 0);
    both(plain, lean, &t, arts, NULL, n);
    /* every article's story, asked one by one (the lookup answers for
     * those let go) */
    int same = 1;
    for (unsigned e = 0; e < EVENTS; e++)
        for (unsigned c = 0; c < 2; c++) {
            uint64_t id = 100000 + 2 * (uint64_t)e + c;
            same &= kh_stories_story_of(plain, id) ==
                    kh_stories_story_of(lean, id);
        }
    for (uint64_t id = 900000; id < 900005; id++)
        same &= kh_stories_story_of(plain, id) ==
                kh_stories_story_of(lean, id);
    KH_CHECK(same);
    KH_CHECK(t.calls > 0);
    free(arts);
    table_free(&t);
    kh_stories_free(plain);
    kh_stories_free(lean);
}

/* The closed-for-good test a loader applies: only dated stories, and
 * only once even their latest possible copy is out of every window. */
static void test_closed_at(void)
{
    kh_stories_opts o;
    kh_stories_opts_init(&o);
    int64_t span = o.max_span_hours, win = o.window_hours;
    KH_CHECK(!kh_stories_closed_at(&o, KH_NO_TIME, KH_NO_TIME, 1000));
    KH_CHECK(!kh_stories_closed_at(&o, 0, 10, KH_NO_TIME));
    /* latest = first + span (a copy may still come that late) */
    KH_CHECK(!kh_stories_closed_at(&o, 0, 10, span + win + span));
    KH_CHECK(kh_stories_closed_at(&o, 0, 10, span + win + span + 1));
    /* a story longer than span: its last date counts */
    KH_CHECK(!kh_stories_closed_at(&o, 0, span + 5, span + 5 + win + span));
    KH_CHECK(kh_stories_closed_at(&o, 0, span + 5, span + 6 + win + span));
}

int main(void)
{
    KH_RUN(test_closed_at);
    KH_RUN(test_let_go_and_revive);
    return kh_test_report();
}
