/*
 * stories_state.h - what the story clusterer knows, as plain records: the
 * stage's internal interface for saving its state in a database and
 * loading it back, and for benchmarks.  The public interface is in
 * khabar.h (kh_stories_*).
 *
 * What is saved is what incremental work needs and no more: per placed
 * article its story, date, outlet and its few heaviest terms (the vector
 * it was placed with), and the document frequency of every term (the word
 * weights).  Story centroids and cores are rebuilt from the members.
 */
#ifndef KH_STORIES_STATE_H
#define KH_STORIES_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "khabar.h"
#include "stories/story_terms.h"

/* One placed article.  Records are restored in the order they were made. */
typedef struct kh_story_record {
    uint64_t article;
    uint64_t story;   /* the story it joined (before any later merge)     */
    int64_t hours;    /* kh_story_hours() of its date, KH_NO_TIME if none */
    int duplicate;    /* 1: placed as a copy, outside the centroid        */
    uint32_t source;  /* kh_story_source() of its outlet, 0 for none      */
    const kh_term *terms; /* its heaviest terms with raw (pre-IDF)
                             weights, sorted by term (none for a copy)    */
    size_t n_terms;
} kh_story_record;

/* kh_story_source: the 32-bit key of an outlet name (0 for NULL). */
uint32_t kh_story_source(const char *source);

/* kh_stories_batch_record: record i of the last batch placed (valid until
 * the next batch); KH_EINVAL when i is out of range.  Articles that were
 * already known have no record: out->article is 0. */
int kh_stories_batch_record(const kh_stories *s, size_t i,
                            kh_story_record *out);

/* Document frequencies: how many original articles hold a term. */
typedef struct kh_story_df {
    uint32_t term;
    uint32_t df;
} kh_story_df;

/* kh_stories_batch_df: what the last batch added to the document
 * frequencies, one entry per term (valid until the next batch), and to
 * the number of documents counted (*n_docs). */
const kh_story_df *kh_stories_batch_df(const kh_stories *s, size_t *n,
                                       uint64_t *n_docs);

/* A merge made during the last batch: `from` now lives in `into`. */
typedef struct kh_story_merge {
    uint64_t from, into;
} kh_story_merge;

/* kh_stories_merges: the last batch's merges, in order (valid until the
 * next batch). */
const kh_story_merge *kh_stories_merges(const kh_stories *s, size_t *n);

/*
 * kh_stories_restore: load a saved state into an empty clusterer: the
 * document frequencies (with the number of documents counted), then the
 * records, all of them, in order; stories are rebuilt from their members.
 * Story ids are taken as saved, and new ones continue after the largest.
 * KH_EINVAL when a record has no article or story id.
 */
int kh_stories_restore(kh_stories *s, const kh_story_df *df, size_t n_df,
                       uint64_t n_docs, const kh_story_record *recs,
                       size_t n);

/*
 * kh_stories_set_lookup: where the clusterer finds what it has let go.
 * With a lookup, the stories closed for good (stories.c) are dropped from
 * memory, with the article -> story entries of their articles, once they
 * are as many as the stories held: memory follows the open stories, not
 * the history.  A later copy of one of their articles still joins its
 * story (it is brought back, closed, for the batch), and a known article
 * is still known.  The lookup must answer for every article of the
 * batches placed before the current one (ingest saves each batch's rows
 * before the next); without one, everything is kept.
 *   stories_of: the story now (merges followed) of each of n articles,
 *     0 for an article never placed; KH_OK or an error.
 *   span_of: a story's earliest and latest dates (kh_story_hours,
 *     KH_NO_TIME when none of its articles is dated); KH_OK or an error.
 */
typedef struct kh_stories_lookup {
    int (*stories_of)(void *ctx, const uint64_t *articles, size_t n,
                      uint64_t *story);
    int (*span_of)(void *ctx, uint64_t story, int64_t *first, int64_t *last);
    void *ctx;
} kh_stories_lookup;

void kh_stories_set_lookup(kh_stories *s, const kh_stories_lookup *lookup);

/* kh_stories_closed_at: whether a story spanning first..last (hours, both
 * dated) is closed for good once the newest date placed is `newest`: the
 * test a restore applies, so a loader can leave such stories' records out
 * (their articles are then found through the lookup). */
int kh_stories_closed_at(const kh_stories_opts *o, int64_t first,
                         int64_t last, int64_t newest);

/* kh_stories_reserve_ids: story ids up to max_id are taken (by stories a
 * restore left out): new stories are numbered after them. */
void kh_stories_reserve_ids(kh_stories *s, uint64_t max_id);

/* Counters for benchmarks and tuning. */
typedef struct kh_stories_counters {
    uint64_t articles, stories, merges, candidates;
    uint64_t templates; /* stories refused as another day's template     */
    uint64_t evicted;   /* closed stories let go (with a lookup)         */
    uint64_t revived;   /* ... brought back for a late copy              */
    uint64_t held;      /* stories in memory now                         */
    size_t bytes;       /* memory held */
} kh_stories_counters;

void kh_stories_counters_get(const kh_stories *s, kh_stories_counters *out);
const kh_stories_opts *kh_stories_get_opts(const kh_stories *s);

#endif
