/*
 * story_terms.h - what an article is about, as weighted word stems of its
 * title and whole text.
 *
 * Internal to the stories stage.  Terms are 32-bit hashes of stems (a
 * collision between two of the few hundred thousand stems of a corpus
 * merges two rare words now and then, which cosine similarity shrugs off).
 */
#ifndef KH_STORIES_TERMS_H
#define KH_STORIES_TERMS_H

#include <stddef.h>
#include <stdint.h>

#include "arabic/ar_tokens.h"
#include "khabar.h"

/* Where a term was seen (kh_term.flags). */
enum {
    KH_TERM_TITLE = 1,  /* in the title                                   */
    KH_TERM_LEAD = 2,   /* in the lead (the first lead_words of the text) */
    KH_TERM_BODY = 4,   /* in the text                                    */
    KH_TERM_NUMBER = 8, /* a number                                       */
    KH_TERM_NAME = 16   /* used like a name: repeated, always in one form */
};

typedef struct kh_term {
    uint32_t term;
    float weight;
    uint32_t flags;
} kh_term;

/* A growable term list, sorted by term once built. */
typedef struct kh_termvec {
    kh_term *v;
    size_t n, cap;
} kh_termvec;

/* kh_termvec_grow: room for at least one more term. */
void kh_termvec_grow(kh_termvec *t);
/* Inline: vectors are built term by term in the placing loops. */
static inline void kh_termvec_push(kh_termvec *t, uint32_t term, float weight,
                                   uint32_t flags)
{
    if (t->n == t->cap)
        kh_termvec_grow(t);
    t->v[t->n++] = (kh_term){term, weight, flags};
}
void kh_termvec_free(kh_termvec *t);
/* kh_termvec_sort_merge: sort by term; repeats add their weights and OR
 * their flags. */
void kh_termvec_sort_merge(kh_termvec *t);

/* kh_story_term: the term of a stem (frozen: terms are stored). */
uint32_t kh_story_term(const char *stem, size_t len);

/* kh_story_keep: 1 when a token becomes a term: not a stopword, not a
 * single letter (numbers always). */
int kh_story_keep(const kh_token *tok);

/*
 * kh_story_terms: replace out's contents with the raw (pre-IDF) weights of
 * every distinct term of title and text, sorted by term:
 *   title_weight if the term is in the title,
 * + 1 + ln(occurrences in the text) if it is in the text,
 * + 1 more if it is in the lead (the first lead_words words of the text),
 * all multiplied by name_weight for a term in both title and text or used
 * like a name (KH_TERM_NAME: two occurrences or more, all in one normalised
 * form: لافروف, الرقة, where common words vary, التنسيق, للتنسيق,
 * بالتنسيق), once (a name in the title too would otherwise outweigh the
 * rest of the text), and by number_weight for a number.
 * Stopwords and one-letter words are skipped.
 */
void kh_story_terms(kh_analyzer *an, const kh_stories_opts *o,
                    const char *title, const char *text, kh_termvec *out);
/* kh_story_terms_tokens: the same from toks, title and text already
 * analysed with an's options (NULL: analysed here). */
void kh_story_terms_tokens(kh_analyzer *an, const kh_article_tokens *toks,
                           const kh_stories_opts *o, const char *title,
                           const char *text, kh_termvec *out);

#endif
