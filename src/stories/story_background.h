/*
 * story_background.h - background document frequencies: how common each
 * stem is in a large news corpus, so that word weights make sense before a
 * database holds many articles (story_background.c is generated).
 *
 * Internal to the stories stage.  Why: in a small collection the words of
 * its main event are common (a flood reported by five of forty articles),
 * and the collection's own counts would weigh them like "said" or
 * "minister".  The background counts are added to the collection's, as a
 * prior that a growing database soon outweighs.
 */
#ifndef KH_STORIES_BACKGROUND_H
#define KH_STORIES_BACKGROUND_H

#include <stddef.h>

typedef struct kh_story_bg_entry {
    const char *stem;
    unsigned df;
} kh_story_bg_entry;

/* The articles the counts come from, and the counts, sorted by stem. */
extern const unsigned kh_story_background_docs;
extern const kh_story_bg_entry kh_story_background[];
extern const size_t kh_story_background_n;

#endif
