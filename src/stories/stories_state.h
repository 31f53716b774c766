/*
 * stories_state.h - what the story clusterer knows about each article, as
 * plain records: the stage's internal interface for saving its state in a
 * database and loading it back.  The public interface is in khabar.h
 * (kh_stories_*).
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
    const kh_term *terms; /* raw (pre-IDF) weights, sorted by term       */
    size_t n_terms;
} kh_story_record;

/* kh_stories_batch_record: record i of the last kh_stories_add_batch()
 * (NULL-free until the next batch); KH_EINVAL when i is out of range.
 * Articles that were already known have no record: *out->article == 0. */
int kh_stories_batch_record(const kh_stories *s, size_t i,
                            kh_story_record *out);

/* A merge made during the last batch: `from` now lives in `into`. */
typedef struct kh_story_merge {
    uint64_t from, into;
} kh_story_merge;

/* kh_stories_merges: the last batch's merges, in order (valid until the
 * next batch). */
const kh_story_merge *kh_stories_merges(const kh_stories *s, size_t *n);

/*
 * kh_stories_restore: load saved records (all of them, in order): word
 * weights first, then the stories rebuilt from their members.  Story ids
 * are taken as saved, and new ones continue after the largest.
 * KH_EINVAL when a record has no article or story id.
 */
int kh_stories_restore(kh_stories *s, const kh_story_record *recs, size_t n);

/* Counters for benchmarks and tuning. */
typedef struct kh_stories_counters {
    uint64_t articles, stories, merges, candidates;
    size_t bytes; /* memory held */
} kh_stories_counters;

void kh_stories_counters_get(const kh_stories *s, kh_stories_counters *out);
const kh_stories_opts *kh_stories_get_opts(const kh_stories *s);

#endif
