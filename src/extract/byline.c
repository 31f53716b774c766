/*
 * byline.c - bylines and datelines at the head of an article (byline.h).
 * Both are short lines of names; what tells them apart is a news agency
 * (a dateline credits the wire, "موسكو-سانا") versus a person or a desk.
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/utf8.h"
#include "extract/byline.h"
#include "extract/clean_rules.h"

/* News agencies, in key form; multi-word ones are matched as phrases. */
static const char *const agencies[] = {
    "واس", "سانا", "قنا", "وام", "كونا", "بنا", "رويترز", "الاناضول",
    "وكالات", "الوكالات", "سبوتنيك", "شينخوا", "واج", "ومع", "سبا", "بترا",
    "وفا", "ا ف ب", "اف ب", "د ب ا", "يو بي اي", "ا ش ا", "ap", "afp",
    "reuters", "dpa", "upi", "ina", "mena", "spa", "sana", "kuna", "wam",
    NULL};

/* SPA's dateline gives the Hijri date "الموافق" (corresponding to) the
 * Gregorian one. */
static const char *const spa_words[] = {"الموافق", NULL};

/* Words that name a desk or introduce a writer. */
static const char *const desk_words[] = {
    "متابعات", "خاص", "وكالات", "الوكالات", "المحليات", "ترجمه",
    "متابعه", NULL};
static const char *const writer_starts[] = {
    "بقلم", "كتب", "كتبت", "اعداد", "اعدادا", "تقرير", "حوار", "ترجمه",
    "متابعه", "by", NULL};

/* What a quotation's lead-in has and a byline has not: a verb of saying,
 * a blessing set off by dashes ("قال نبينا محمد -صلى الله عليه وسلم-:"). */
static const char *const speech_starts[] = {
    "قال", "قالت", "وقال", "وقالت", "يقول", "تقول", "ويقول", "اضاف", "واضاف",
    NULL};
static const char *const blessings[] = {
    "صلي الله عليه وسلم", "رضي الله عنه", "رضي الله عنها", "عليه السلام",
    "رحمه الله", NULL};

const char *const *const byline_phrase_tables[] = {
    agencies, spa_words, desk_words, writer_starts, speech_starts, blessings,
    NULL};

static int key_ends_with_phrase(const char *key, const char *const *phrases)
{
    size_t kl = strlen(key);
    for (; *phrases; phrases++) {
        size_t pl = strlen(*phrases);
        if (pl <= kl && memcmp(key + kl - pl, *phrases, pl) == 0 &&
            (pl == kl || key[kl - pl - 1] == ' '))
            return 1;
    }
    return 0;
}

/* Separators between the parts of a byline or dateline; one before the
 * first word or after the last ("- قال الشاعر") does not count. */
static int count_separators(const char *text, int *colon_words_before,
                            int *colon_words_after)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text);
    int seps = 0, words = 0, in_word = 0, colon_at = -1, last_sep_at = -1;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += kh_utf8_decode(s + i, n - i, &cp, NULL);
        if (clean_is_word_char(cp)) {
            if (!in_word)
                words++;
            in_word = 1;
            continue;
        }
        if (clean_is_ignorable(cp) && cp != 0x0640)
            continue;
        in_word = 0;
        /* "-", en and em dashes, a tatweel standing alone as a dash */
        if (words > 0 &&
            (cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == '|' ||
             (cp == 0x0640 && i < n && s[i] == ' '))) {
            seps++;
            last_sep_at = words;
        } else if (words > 0 && cp == ':' && colon_at < 0) {
            colon_at = words;
            seps++;
        }
    }
    if (last_sep_at == words)
        seps--; /* a trailing dash: nothing after it */
    *colon_words_before = colon_at;
    *colon_words_after = colon_at < 0 ? -1 : words - colon_at;
    return seps;
}

/* Harakat: verse is vocalised, bylines are not ("والماءُ -رغم ضلالهمْ–
 * يتبسَّمُ" has the dashes of a byline). */
static int has_harakat(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text);
    int marks = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += kh_utf8_decode(s + i, n - i, &cp, NULL);
        marks += cp >= 0x064B && cp <= 0x0652;
    }
    return marks >= 2;
}

/* Quotes and brackets: a headline's, not a name's. */
static int has_quotes(const char *text)
{
    static const char *const quotes[] = {"\"", "\xC2\xAB", "\xC2\xBB",
                                         "\xE2\x80\x9C", "\xE2\x80\x9D",
                                         "(", "[", NULL};
    for (const char *const *q = quotes; *q; q++)
        if (strstr(text, *q))
            return 1;
    return 0;
}

int byline_is_dateline(const char *text, const clean_facts *f)
{
    const char *key = f->key;
    if (f->ends_sentence || f->words == 0)
        return 0;
    /* SPA: "الرياض 06 شوال 1436 هـ الموافق 22 يوليو 2015 م واس" */
    if (f->words <= 20 && f->digit_run >= 4 &&
        clean_key_has(key, spa_words))
        return 1;
    if (f->words > 7)
        return 0;
    int before, after;
    int seps = count_separators(text, &before, &after);
    int agency_end = key_ends_with_phrase(key, agencies);
    int agency_start = clean_key_starts(key, agencies) > 0;
    if (!(agency_end || agency_start))
        return 0;
    /* a place (1-3 words, maybe a day number) and the agency, joined */
    return seps > 0 || f->digit_run > 0 || strchr(text, '(') != NULL;
}

int byline_is_byline(const char *text, const clean_facts *f)
{
    const char *key = f->key;
    if (f->words == 0 || f->words > 7 || f->ends_sentence || f->digit_run > 0)
        return 0;
    if (byline_is_dateline(text, f))
        return 0;
    if (clean_key_is(key, desk_words))
        return 1;
    if (text[0] == '*' || strncmp(text, "\xE2\x80\xA2", 3) == 0)
        return 0; /* a bullet: a list item ("* أين: مطعم ...") */
    if (has_quotes(text) || has_harakat(text) ||
        clean_key_starts(key, speech_starts) || clean_key_has(key, blessings))
        return 0;
    if (f->words >= 2 && clean_key_starts(key, writer_starts))
        return 1;
    int before, after;
    int seps = count_separators(text, &before, &after);
    if (seps == 0)
        return 0;
    if (before >= 0) {
        /* "الرياض: فلان الفلاني" — a colon after one or two words, a name
         * of one to four words after it */
        if (before >= 1 && before <= 2 && after >= 1 && after <= 4)
            return 1;
        /* "علي حفول- سبق- نجران:" — the colon closes the byline */
        return f->ends_colon && seps >= 2;
    }
    /* "A – B" with short sides: a name, a desk, a city */
    return f->words >= 2 && seps <= 2;
}

int byline_name_shaped(const char *text, const clean_facts *f)
{
    if (f->words < 2 || f->words > 4 || f->digit_run || f->ends_sentence ||
        f->ends_colon || f->arabic != f->letters)
        return 0;
    /* letters and spaces only: no quotes, brackets, dashes, colons */
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += kh_utf8_decode(s + i, n - i, &cp, NULL);
        if (cp != ' ' && !clean_is_word_char(cp) && !clean_is_ignorable(cp))
            return 0;
    }
    return 1;
}

char *byline_author_key(const char *author)
{
    if (!author)
        return NULL;
    clean_facts f;
    clean_facts_compute(&f, author, strlen(author));
    if (f.words == 0 || f.words > 8) {
        clean_facts_free(&f);
        return NULL;
    }
    return f.key;
}

size_t byline_author_prefix(const char *text, const clean_facts *f,
                            const char *author_key)
{
    if (!author_key)
        return 0;
    size_t al = strlen(author_key);
    if (!strchr(author_key, ' ') || al >= f->key_len ||
        memcmp(f->key, author_key, al) != 0 || f->key[al] != ' ')
        return 0;
    size_t words = 1;
    for (const char *p = author_key; *p; p++)
        words += *p == ' ';
    size_t len = strlen(text);
    size_t cut = clean_text_after_words(text, len, words);
    /* the author must be set off by ':' or a dash, not run into a sentence:
     * look at the last character before the cut that is not a space */
    size_t i = cut;
    while (i > 0 && text[i - 1] == ' ')
        i--;
    if (i >= 1 && (text[i - 1] == ':' || text[i - 1] == '-'))
        return cut;
    if (i >= 3 && (unsigned char)text[i - 3] == 0xE2 &&
        (unsigned char)text[i - 2] == 0x80 &&
        ((unsigned char)text[i - 1] == 0x93 ||
         (unsigned char)text[i - 1] == 0x94))
        return cut;
    return 0;
}

size_t byline_glued_prefix(const char *text)
{
    size_t best = 0, words = 0;
    int in_word = 0;
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text);
    for (size_t i = 0; i < n && i < 300 && words <= 8;) {
        uint32_t cp;
        size_t k = kh_utf8_decode(s + i, n - i, &cp, NULL);
        if (clean_is_word_char(cp)) {
            words += !in_word;
            in_word = 1;
        } else if (!clean_is_ignorable(cp)) {
            in_word = 0;
        }
        i += k;
        if (cp != ':' || i >= n)
            continue;
        /* the longest prefix up to a colon that is a byline, and shaped
         * like a wire desk's ("فلان- سبق- المدينة:", "سبق- الرياض:"), not
         * like an attribution ("وزير الخارجية - فلان: ...") */
        clean_facts f;
        clean_facts_compute(&f, text, i);
        char *prefix = kh_strndup(text, i);
        int dashes = 0;
        for (const char *c = prefix; *c; c++)
            dashes += *c == '-' || (c[0] == '\xE2' && c[1] == '\x80' &&
                                    (c[2] == '\x93' || c[2] == '\x94'));
        if ((dashes >= 2 || (dashes == 1 && f.words <= 3)) &&
            byline_is_byline(prefix, &f))
            best = i;
        free(prefix);
        clean_facts_free(&f);
    }
    while (best > 0 && best < n && text[best] == ' ')
        best++;
    return best;
}
