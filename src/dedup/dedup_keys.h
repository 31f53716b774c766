/*
 * dedup_keys.h - the key words of an article (the words of its title that
 * its text repeats: its people, places and occasion) and the test that
 * tells a template text from a copy by them.
 *
 * Internal to the dedup stage.  Keys are kept as strings, NUL after each,
 * because spelling variants (دوج and دوغ, عبدالعزيز and عبد العزيز) must
 * be told from different names, which hashes cannot do.
 */
#ifndef KH_DEDUP_KEYS_H
#define KH_DEDUP_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "arabic/ar_tokens.h"
#include "common/buf.h"
#include "khabar.h"

/* At most this many keys per article (titles are short). */
#define KH_DEDUP_MAX_KEYS 16

/* kh_dedup_word32: the 32-bit form of a word hash used in word sets. */
static inline uint32_t kh_dedup_word32(uint64_t word_hash)
{
    return (uint32_t)word_hash;
}

/*
 * kh_dedup_keys: replace out's contents with the key words of an article:
 * the normalised words of `title` (not stopwords; numbers, or words of
 * three letters or more) found in `words` (the sorted word set of its
 * text), each followed by a NUL, in title order, without repeats.
 */
void kh_dedup_keys(kh_analyzer *an, const char *title, const uint32_t *words,
                   size_t n_words, kh_buf *out);
/* kh_dedup_keys_tokens: the same from title_toks, the title's tokens
 * under an's options (NULL: analysed here). */
void kh_dedup_keys_tokens(kh_analyzer *an, const kh_tokens *title_toks,
                          const char *title, const uint32_t *words,
                          size_t n_words, kh_buf *out);

/*
 * kh_dedup_template: 1 when two texts that share most of their shingles
 * are the same template filled with different subjects: each has key
 * words that the other's text lacks, and are not spelling variants of the
 * other's, and one side has two such words or more (a cable to Oman
 * against one to Morocco; the Sunday bulletin against the Friday one; an
 * inspection round's figures against the next round's).
 * A copy's edits (a dateline, a sentence added, a word changed) leave at
 * most one side with keys of its own.
 */
int kh_dedup_template(const char *keys_a, size_t len_a, const uint32_t *words_a,
                      size_t n_a, const char *keys_b, size_t len_b,
                      const uint32_t *words_b, size_t n_b);

/* kh_dedup_variant: 1 when two normalised words are spellings of one
 * word: one holds the other (four letters or more), or they differ by one
 * letter (added, dropped or changed). */
int kh_dedup_variant(const char *a, const char *b);

#endif
