/*
 * story_terms.h - what an article is about, as a short weighted list of
 * word stems taken from its title and lead.
 *
 * Internal to the stories stage.  Terms are 32-bit hashes of stems (a
 * collision between two of the few hundred thousand stems of a corpus
 * merges two rare words now and then, which cosine similarity shrugs off).
 */
#ifndef KH_STORIES_TERMS_H
#define KH_STORIES_TERMS_H

#include <stddef.h>
#include <stdint.h>

#include "khabar.h"

typedef struct kh_term {
    uint32_t term;
    float weight;
} kh_term;

/* A growable term list, sorted by term once built. */
typedef struct kh_termvec {
    kh_term *v;
    size_t n, cap;
} kh_termvec;

void kh_termvec_push(kh_termvec *t, uint32_t term, float weight);
void kh_termvec_free(kh_termvec *t);
/* kh_termvec_sort_merge: sort by term and add up the weights of repeats. */
void kh_termvec_sort_merge(kh_termvec *t);

/*
 * kh_story_terms: replace out's contents with the raw (pre-IDF) weights of
 * the article's terms: each title word counts title_weight, each lead word
 * (the first lead_words words of text) 1; stopwords, one-letter words and
 * marks are skipped; words in both title and lead are multiplied by
 * name_weight (names of people and places recur so), numbers by
 * number_weight.  Sorted by term.
 */
void kh_story_terms(kh_analyzer *an, const kh_stories_opts *o,
                    const char *title, const char *text, kh_termvec *out);

#endif
