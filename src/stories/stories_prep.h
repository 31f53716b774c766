/*
 * stories_prep.h - a prepared article (khabar.h: kh_stories_prep), shared
 * by stories_prep.c, which makes it, and stories.c, which places it.
 * Internal to the stories stage.
 */
#ifndef KH_STORIES_PREP_H
#define KH_STORIES_PREP_H

#include <stddef.h>
#include <stdint.h>

#include "arabic/ar_tokens.h"
#include "khabar.h"
#include "stories/story_terms.h"

struct kh_stories_prep {
    uint64_t id;
    int64_t hours;      /* kh_story_hours() of its date                   */
    uint32_t source;    /* kh_story_source() of its outlet                */
    int prepared;       /* 0 until a prepare succeeds                     */
    kh_termvec terms;   /* every distinct term, raw weights, by term      */
};

/* kh_stories_prepare_tokens: kh_stories_prepare() reading toks (a's
 * title and text analysed with an's options; NULL: analysed here). */
int kh_stories_prepare_tokens(const kh_stories *s, kh_analyzer *an,
                              const kh_article_tokens *toks,
                              const kh_article *a, kh_stories_prep *p);

/* kh_stories_prep_known: a prep for an article already placed (only its
 * id is looked at). */
void kh_stories_prep_known(kh_stories_prep *p, uint64_t id);

/* An array of preps held by value (kh_stories_add_batch's own): grow from
 * n to want entries (the new ones empty), free n entries. */
kh_stories_prep *kh_stories_prep_array_grow(kh_stories_prep *a, size_t n,
                                            size_t want);
void kh_stories_prep_array_free(kh_stories_prep *a, size_t n);

#endif
