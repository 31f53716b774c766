/*
 * ar_stem.h - what happens to an Arabic word after normalisation: the
 * stopword test, clitic (proclitic) stripping guarded by the exception
 * lexicon, and the light10-style suffix stemmer with its own lexicon of
 * words whose final ان ين ون is not a suffix.
 *
 * All of it works in place on an ar_word, a view into the analyser's
 * normalised-word buffer: stripping a prefix moves `s` forward, stripping a
 * suffix shortens `len`, so no step copies or allocates.  Letters of the
 * words these functions see are 2-byte UTF-8 (U+0600-U+07FF) except for
 * rare U+08A0+ letters; every affix they strip is a 2-byte letter.
 */
#ifndef KH_AR_STEM_H
#define KH_AR_STEM_H

#include <stddef.h>
#include <stdint.h>

#include "arabic/ar_wordset.h"

typedef struct ar_word {
    const char *s;
    size_t len;      /* bytes */
    size_t nletters; /* code points */
    int add_ta;      /* set by the stemmer: the stem is s[0..len) followed
                        by ة (spelt ه when the analyser folds it), which is
                        not in the buffer (جهات -> جه + ة)              */
} ar_word;

/* The generated lists (ar_list_*.c, made by scripts/derive-*.py). */
extern const char *const ar_stopword_list[];
extern const size_t ar_stopword_count;
extern const char *const ar_clitic_exception_list[];
extern const size_t ar_clitic_exception_count;
extern const char *const ar_ending_exception_list[];
extern const size_t ar_ending_exception_count;
extern const char *const ar_nisba_exception_list[];
extern const size_t ar_nisba_exception_count;

/* The sets built from those lists, shared and read-only (built on first
 * use, thread-safe). */
const ar_wordset *ar_stopwords(void);
const ar_wordset *ar_clitic_exceptions(void);
const ar_wordset *ar_ending_exceptions(void);
const ar_wordset *ar_nisba_exceptions(void);

/* Length guards, in letters left after a strip (see README.md). */
#define AR_MIN_AFTER_CONJ 3    /* و ف                          */
#define AR_MIN_AFTER_PREP 3    /* ب ك ل                        */
#define AR_MIN_AFTER_ARTICLE 2 /* ال, and the ل of لل          */
#define AR_MIN_AFTER_SUFFIX 3  /* light10: 2; see README.md    */

/* ar_strip_clitics: remove و/ف, then ب/ك/ل, then ال (لل = ل + ال) from
 * the front of w when the guards and the exception lexicon allow.  `fold`
 * says the word still has ة/ى that lexicon keys spell ه/ي. */
void ar_strip_clitics(ar_word *w, int fold);

/* ar_strip_clitics_with: the same with another exception lexicon (an empty
 * set measures the length guards and clitic order alone). */
void ar_strip_clitics_with(ar_word *w, const ar_wordset *exceptions,
                           int fold);

/* ar_light_suffixes: light10's suffix pass (ها ان ات ون ين يه ية ه ة ي, in
 * that order, each when AR_MIN_AFTER_SUFFIX letters remain), except that
 * ان ين ون stay on the words of the ending lexicon (لبنان, سلمان, قانون),
 * يه ية ي stay when they would leave a name of the nisba lexicon (سعودي
 * is not سعود), no suffix goes when it would leave a stopword (الولايات
 * is not ولا), and ات after two letters is read as the plural of their ة
 * noun (جهات is جه + ة, the stem of جهة).  `fold` as for
 * ar_strip_clitics(). */
void ar_light_suffixes(ar_word *w, int fold);

/* The lexicons ar_light_suffixes() consults; tests swap in empty ones to
 * measure what each adds. */
typedef struct ar_suffix_lexicons {
    const ar_wordset *endings; /* words keeping their ان ين ون          */
    const ar_wordset *names;   /* names whose ي forms are not theirs    */
    const ar_wordset *stops;   /* no strip may leave a stopword          */
} ar_suffix_lexicons;

/* ar_light_suffixes_with: the same with other lexicons. */
void ar_light_suffixes_with(ar_word *w, const ar_suffix_lexicons *lex,
                            int fold);

#endif
