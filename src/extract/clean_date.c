/*
 * clean_date.c - dates on the first lines of a page (clean_date.h): which
 * line is only a date and goes, which opens with a dateline and stays, and
 * the date either gives the page.
 *
 * A line is read in three steps.  The date parser finds its first date;
 * then every date and every time on the line is blanked out, so that what
 * is left shows what surrounds them.  Left with nothing but weekdays and
 * labels ("نشر في", "الموافق", "م", "هـ") the line was only a date.  Left
 * with at most a place before the first date and a separator, a bracket or
 * nothing after it, the date opens a dateline.  A date in the middle of a
 * sentence ("أعلنت الوزارة أمس 17 نوفمبر 2024 أن ...", "منذ عام 2012")
 * is neither: it may be any day the report mentions.
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/utf8.h"
#include "extract/byline.h"
#include "extract/clean_date.h"
#include "extract/clean_text.h"

/* Weekdays and the labels that stand around a date, in key form. */
const char *const clean_date_words[] = {
    /* weekdays, with and without the article, and يوم */
    "السبت", "الاحد", "الاثنين", "الاتنين", "الثلاثاء", "الثلاثا",
    "الاربعاء", "الاربعا", "الخميس", "الجمعه", "سبت", "احد", "اثنين",
    "ثلاثاء", "اربعاء", "خميس", "جمعه", "يوم",
    /* labels: published, updated, date */
    "نشر", "نشرت", "في", "بتاريخ", "تاريخ", "النشر", "اخر", "تحديث",
    "التحديث", "محدث", "تم", "منشور",
    /* the calendar and the clock */
    "الموافق", "م", "ه", "ميلادي", "ميلاديه", "هجري", "هجريه", "الساعه",
    "ص", "مساء", "صباحا", "مساءا", "ت", "غ", "بتوقيت", "غرينتش", "جرينتش",
    "مكه", "المكرمه",
    /* English pages */
    "published", "updated", "posted", "last", "on", "at", "date", "am", "pm",
    "gmt", "utc", NULL};

/* Labels that mark the date as an update, not the publication. */
static const char *const update_words[] = {"تحديث", "التحديث", "محدث",
                                           "updated", NULL};

/* A long paragraph is read this far: a dateline opens it. */
#define HEAD_BYTES 400
/* Non-label words allowed before a dateline's date: a place ("أبو ظبي"),
 * or on a short line a place and a desk. */
#define PLACE_WORDS_BODY 2
#define PLACE_WORDS_SHORT 3
/* Dates blanked out of one line at most (a Hijri date, a Gregorian one,
 * an update). */
#define MAX_DATES 4

/* Bytes of the digit at p (ASCII, Arabic-Indic, Persian), 0 for none. */
static size_t digit_bytes(const unsigned char *p, size_t n)
{
    if (n >= 1 && p[0] >= '0' && p[0] <= '9')
        return 1;
    if (n >= 2 && ((p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) ||
                   (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9)))
        return 2;
    return 0;
}

/* Digits at p, at most `max` of them; *bytes gets their length. */
static size_t digits_at(const unsigned char *p, size_t n, size_t max,
                        size_t *bytes)
{
    size_t count = 0, at = 0, k;
    while (count <= max && (k = digit_bytes(p + at, n - at)) > 0) {
        at += k;
        count++;
    }
    *bytes = at;
    return count;
}

/* Every date the parser reads has a year of four digits: most lines have
 * none, and this look is much cheaper than the parser's. */
static int has_year(const char *text, size_t n)
{
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < n;) {
        size_t bytes;
        size_t run = digits_at(p + i, n - i, 4, &bytes);
        if (run >= 4)
            return 1;
        i += run ? bytes : 1;
    }
    return 0;
}

/* Blank out every time (h:mm, hh:mm:ss) in buf: the date parser keeps a
 * time only when it follows the date. */
static void blank_times(char *buf, size_t n)
{
    unsigned char *p = (unsigned char *)buf;
    for (size_t i = 0; i < n;) {
        size_t hb, mb, sb;
        size_t h = digits_at(p + i, n - i, 2, &hb);
        if (h == 0) {
            i++;
            continue;
        }
        size_t j = i + hb;
        if (h <= 2 && j < n && p[j] == ':' &&
            digits_at(p + j + 1, n - j - 1, 2, &mb) == 2) {
            j += 1 + mb;
            if (j < n && p[j] == ':' &&
                digits_at(p + j + 1, n - j - 1, 2, &sb) == 2)
                j += 1 + sb;
            memset(p + i, ' ', j - i);
        }
        i = j;
    }
}

static int is_label(const char *word, size_t len,
                    const char *const *table)
{
    for (; *table; table++)
        if (strlen(*table) == len && memcmp(*table, word, len) == 0)
            return 1;
    return 0;
}

/* Words of s[0..n) that are not weekdays or labels; *update (may be NULL)
 * is set when one is an update label. */
static unsigned other_words(const char *s, size_t n, int *update)
{
    char *key = clean_key(s, n, NULL);
    unsigned others = 0;
    for (const char *w = key; *w;) {
        size_t len = strcspn(w, " ");
        if (!is_label(w, len, clean_date_words))
            others++;
        else if (update && is_label(w, len, update_words))
            *update = 1;
        w += len;
        while (*w == ' ')
            w++;
    }
    free(key);
    return others;
}

/* Separators that end a dateline's place-and-date part. */
static int is_separator(uint32_t cp, int with_comma)
{
    return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == ':' ||
           cp == '(' || cp == '/' || cp == '|' || cp == '[' ||
           (with_comma && (cp == ',' || cp == 0x060C));
}

/* After the date (blanked buf from `at`): labels ("م", "هـ") and commas,
 * then a separator.  The end of the line is not enough: "المؤتمر ينطلق 20
 * نوفمبر 2025" is a headline, not a place and a date. */
static int dateline_ends(const char *buf, size_t n, size_t at)
{
    const unsigned char *p = (const unsigned char *)buf;
    for (int words = 0; words < 4;) {
        while (at < n && p[at] == ' ')
            at++;
        if (at == n)
            return 0;
        uint32_t cp;
        size_t k = kh_utf8_decode(p + at, n - at, &cp, NULL);
        if (is_separator(cp, 0))
            return 1;
        if (cp == ',' || cp == 0x060C) { /* "دبي، 18 نوفمبر 2024، (وام)" */
            at += k;
            continue;
        }
        if (!clean_is_word_char(cp))
            return 0;
        size_t end = at;
        while (end < n) {
            k = kh_utf8_decode(p + end, n - end, &cp, NULL);
            if (!clean_is_word_char(cp) && !clean_is_ignorable(cp))
                break;
            end += k;
        }
        if (other_words(buf + at, end - at, NULL) > 0)
            return 0;
        at = end;
        words++;
    }
    return 0;
}

/* A dateline names a place or a day before its date ("الرياض 18 ...",
 * "السبت 16 ..."); a paragraph opening with a bare or bulleted date is an
 * entry of a chronology ("* 28 مايو 1990: عقد القمة ..."). */
static int opens_dateline(const char *buf, size_t at)
{
    const unsigned char *p = (const unsigned char *)buf;
    size_t i = 0;
    while (i < at && p[i] == ' ')
        i++;
    uint32_t cp;
    if (i == at)
        return 0;
    kh_utf8_decode(p + i, at - i, &cp, NULL);
    return clean_is_word_char(cp);
}

/* Before the date (blanked buf up to `at`): a separator, then spaces. */
static int separator_before(const char *buf, size_t at)
{
    const unsigned char *p = (const unsigned char *)buf;
    while (at > 0 && p[at - 1] == ' ')
        at--;
    if (at == 0)
        return 0;
    size_t start = at - 1;
    while (start > 0 && (p[start] & 0xC0) == 0x80)
        start--;
    uint32_t cp;
    kh_utf8_decode(p + start, at - start, &cp, NULL);
    return is_separator(cp, 1);
}

/* What stands before a date closing a line is a byline ("الساحل -
 * الساعي -", "بقلم فلان |"), not a headline ("المعرض يفتتح أبوابه -"),
 * whose date is the event's. */
static int byline_before(const char *text, size_t at)
{
    clean_facts f;
    clean_facts_compute(&f, text, at);
    char *prefix = kh_strndup(text, at);
    int yes = byline_is_byline(prefix, &f);
    free(prefix);
    clean_facts_free(&f);
    return yes;
}

clean_date_kind clean_date_line(const char *text, size_t len, int short_line,
                                clean_date *out)
{
    memset(out, 0, sizeof *out);
    size_t n = len < HEAD_BYTES ? len : HEAD_BYTES;
    while (n < len && ((unsigned char)text[n] & 0xC0) == 0x80)
        n++; /* not inside a UTF-8 sequence */
    if (!has_year(text, n) ||
        !kh_date_find(text, n, KH_DATE_DAY_FIRST, &out->date))
        return CLEAN_DATE_NONE;
    const kh_date *d = &out->date;

    char *buf = kh_strndup(text, n);
    kh_date more = *d;
    for (int k = 0; k < MAX_DATES; k++) {
        memset(buf + more.start, ' ', more.end - more.start);
        if (!kh_date_find(buf, n, KH_DATE_DAY_FIRST, &more))
            break;
    }
    blank_times(buf, n);

    clean_date_kind kind = CLEAN_DATE_NONE;
    if (n == len && other_words(buf, n, &out->update) == 0) {
        kind = CLEAN_DATE_ONLY;
    } else {
        out->update = 0;
        unsigned before = other_words(buf, d->start, &out->update);
        unsigned reach = short_line ? PLACE_WORDS_SHORT : PLACE_WORDS_BODY;
        if (before <= reach && opens_dateline(buf, d->start) &&
            dateline_ends(buf, n, d->end))
            kind = CLEAN_DATE_LEAD;
        else if (short_line && n == len && separator_before(buf, d->start) &&
                 other_words(buf + d->end, n - d->end, NULL) == 0 &&
                 (before <= 1 || byline_before(text, d->start)))
            kind = CLEAN_DATE_LEAD; /* "الساحل - الساعي - 18 نوفمبر 2024" */
    }
    if (kind == CLEAN_DATE_NONE)
        out->update = 0;
    free(buf);
    return kind;
}
