/*
 * clean_text.h - the text facts the cleaning rules look at: a tidied copy
 * of a paragraph, its matching key (letters folded, punctuation gone), word
 * counts, how it ends, and phrase matching on the key.
 */
#ifndef KH_EXTRACT_CLEAN_TEXT_H
#define KH_EXTRACT_CLEAN_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * clean_tidy: a malloc'd copy of s with invalid UTF-8 replaced by U+FFFD,
 * invisible format characters (BOM, bidi marks, zero-width space) removed,
 * every run of white space (NBSP and the other Unicode spaces included)
 * turned into one ASCII space, and no space at either end.
 */
char *clean_tidy(const char *s, size_t n, size_t *out_len);

/*
 * clean_key: the matching key of s: words of letters and digits separated
 * by single spaces, lowercase ASCII, Arabic folded the way spelling varies
 * in news text (hamza forms of alef -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي,
 * Persian kaf/yeh -> Arabic), diacritics and tatweel dropped, Arabic-Indic
 * digits made ASCII.  "إقرأ المزيد:البرلمان" -> "اقرا المزيد البرلمان".
 */
char *clean_key(const char *s, size_t n, size_t *out_len);

/* clean_is_space / clean_is_word_char: the character classes behind the
 * two functions above, for code points. */
int clean_is_space(uint32_t cp);
int clean_is_word_char(uint32_t cp);
/* clean_is_ignorable: diacritics, tatweel and invisible format marks. */
int clean_is_ignorable(uint32_t cp);
/* clean_fold: the folded form of a word character (see clean_key). */
uint32_t clean_fold(uint32_t cp);

/*
 * The classes above as flags, from a table for the code points below
 * CLEAN_CLASS_LIMIT (ASCII, Latin and the Arabic block: nearly every
 * character of news text), built once from the functions themselves so the
 * two cannot disagree.  Call clean_class_init() before clean_class().
 */
enum {
    CLEAN_SPACE = 1,     /* clean_is_space                                */
    CLEAN_INVISIBLE = 2, /* a format or control character (clean_tidy drops) */
    CLEAN_MARK = 4,      /* a diacritic, tatweel or joiner                 */
    CLEAN_WORD = 8,      /* clean_is_word_char                            */
    CLEAN_DIGIT = 16,    /* ASCII, Arabic-Indic or Persian digit          */
    CLEAN_ARABIC = 32    /* an Arabic letter (not a digit, not a mark)    */
};
#define CLEAN_IGNORABLE (CLEAN_MARK | CLEAN_INVISIBLE) /* clean_is_ignorable */
#define CLEAN_CLASS_LIMIT 0x0700u
extern unsigned char clean_class_table[CLEAN_CLASS_LIMIT];
extern uint16_t clean_fold_table[CLEAN_CLASS_LIMIT];
void clean_class_init(void);
unsigned clean_class_slow(uint32_t cp);

static inline unsigned clean_class(uint32_t cp)
{
    return cp < CLEAN_CLASS_LIMIT ? clean_class_table[cp]
                                  : clean_class_slow(cp);
}

static inline uint32_t clean_fold_fast(uint32_t cp)
{
    return cp < CLEAN_CLASS_LIMIT ? clean_fold_table[cp] : clean_fold(cp);
}

/* Facts about one tidied paragraph, computed once and read by the rules. */
typedef struct clean_facts {
    char *key;            /* clean_key of the text (owned)                 */
    size_t key_len;
    unsigned words;       /* words in key                                  */
    unsigned letters;     /* letters (not digits) in key                   */
    unsigned arabic;      /* Arabic letters                                */
    unsigned digit_run;   /* longest run of digits in the text             */
    unsigned char ends_sentence; /* last visible char is . ! ? ؟ … ؛         */
    unsigned char ends_colon;    /* last visible char is : (a label)        */
} clean_facts;

void clean_facts_compute(clean_facts *f, const char *text, size_t len);
/* clean_facts_compute_shape: the same, and the text's kh_chrome_shape
 * returned, both from one pass over the text. */
uint64_t clean_facts_compute_shape(clean_facts *f, const char *text,
                                   size_t len);
/* clean_tidy_facts: clean_tidy, and from the same pass the facts of the
 * tidied text into whole (unless NULL) and those of its head (its first
 * characters up to the first character boundary at or past head_at bytes;
 * all of it when shorter) into head; with shape, its kh_chrome_shape into
 * *shape. */
char *clean_tidy_facts(const char *s, size_t n, size_t *out_len,
                       size_t head_at, clean_facts *whole, clean_facts *head,
                       uint64_t *shape);
void clean_facts_free(clean_facts *f);

/* Phrase matching on keys: phrases are written already folded (a unit
 * test checks that each phrase table entry is its own key). */
/* clean_key_is: key equals one of the NULL-terminated phrases. */
int clean_key_is(const char *key, const char *const *phrases);
/* clean_key_starts: key begins with one of the phrases, on a word
 * boundary; returns the phrase's length, 0 when none matches. */
size_t clean_key_starts(const char *key, const char *const *phrases);
/* clean_key_has: one of the phrases occurs in key on word boundaries. */
int clean_key_has(const char *key, const char *const *phrases);
/* clean_key_first_word: length of key's first word (0 for an empty key). */
size_t clean_key_first_word(const char *key);

/* clean_words_in: distinct content words of a key (folded words of three
 * letters or more, with the article and a leading و/ف/ب/ل taken off),
 * hashed, into a caller-provided sorted array; returns how many. */
size_t clean_content_words(const char *key, uint64_t *out, size_t max);
/* clean_containment: the share of a's words that also occur in b (both
 * sorted, as clean_content_words makes them); 0 when a is empty. */
double clean_containment(const uint64_t *a, size_t na, const uint64_t *b,
                         size_t nb);

#endif
