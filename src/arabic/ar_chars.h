/*
 * ar_chars.h - what each code point is to the tokenizer, and what it
 * becomes in a normalised word.
 *
 * The hot loop of the analyser looks every 1- and 2-byte UTF-8 character
 * (U+0000-U+07FF: ASCII, Latin, Greek, Cyrillic, Hebrew, Arabic) up in one
 * table of ar_unit entries built once from utf8proc's data plus khabar's
 * Arabic folding rules.  Characters of 3 and 4 bytes go through
 * ar_slow_units(), which asks utf8proc for their NFKC/case-folded
 * decomposition (Arabic presentation forms become base letters there).
 */
#ifndef KH_AR_CHARS_H
#define KH_AR_CHARS_H

#include <stddef.h>
#include <stdint.h>

/* Character classes, as the tokenizer sees them. */
enum ar_class {
    AR_SEP = 0,     /* ends a word: space, punctuation, symbol, control     */
    AR_LETTER,      /* an Arabic letter (already folded)                     */
    AR_DROP,        /* ignorable inside a word: tashkeel, tatweel, ZWNJ...   */
    AR_HAMZA,       /* U+0653-U+0655 combining madda/hamza: composes with
                       the letter before it (ي+ٔ = ئ, و+ٔ = ؤ)               */
    AR_ALNUM,       /* a letter of another script (Latin...), case-folded    */
    AR_DIGIT,       /* a decimal digit, output as ASCII                      */
    AR_MARK,        /* a non-Arabic combining mark (needs NFC at word end)   */
    AR_NUMSEP,      /* . , U+066B U+066C: part of a number between digits    */
    AR_SLOW         /* needs ar_slow_units() (long or unusual mapping)       */
};

/* One character's class and its normalised UTF-8 bytes. */
typedef struct ar_unit {
    uint8_t cls;    /* enum ar_class */
    uint8_t n;      /* bytes in out */
    char out[6];
} ar_unit;

#define AR_TABLE_SIZE 0x800

/* ar_base_table: the shared table for U+0000-U+07FF, with ة and ى kept as
 * they are (each analyser copies it and applies its own folding options).
 * Built on first use; safe to call from several threads. */
const ar_unit *ar_base_table(void);

/* Most units a single code point can decompose into (utf8proc's NFKD of
 * U+FDFA is 18 code points). */
#define AR_SLOW_MAX 24

/*
 * ar_slow_units: classify a code point of U+0800 or above (or a slow one
 * below) into up to AR_SLOW_MAX units written to out, using `table` for
 * decomposed code points below U+0800.  @return how many units.
 */
size_t ar_slow_units(uint32_t cp, const ar_unit *table, ar_unit *out);

#endif
