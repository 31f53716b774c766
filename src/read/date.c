/*
 * date.c - turning the dates found in feeds, JSON dumps and WARC headers
 * into ISO 8601 (see date.h).  A date that does not parse is kept as given:
 * the reader never loses what the input said.
 */
#include "read/date.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/alloc.h"
#include "common/utf8.h"

typedef struct when {
    int year, month, day;
    int hour, min, sec;
    int has_time;
} when;

typedef struct cursor {
    const char *s;
    size_t n, i;
} cursor;

static int at_end(const cursor *c) { return c->i >= c->n; }
static char peek(const cursor *c) { return at_end(c) ? '\0' : c->s[c->i]; }
static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static int is_letter(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static void skip_spaces(cursor *c)
{
    while (!at_end(c) && (peek(c) == ' ' || peek(c) == '\t'))
        c->i++;
}

/* Read between min and max digits; -1 when there are fewer than min. */
static int number(cursor *c, int min, int max)
{
    int v = 0, k = 0;
    while (k < max && is_digit(peek(c))) {
        v = v * 10 + (peek(c) - '0');
        c->i++;
        k++;
    }
    return k >= min ? v : -1;
}

static int accept(cursor *c, char ch)
{
    if (peek(c) != ch)
        return 0;
    c->i++;
    return 1;
}

static int accept_sep(cursor *c, char *sep)
{
    char ch = peek(c);
    if (ch != '-' && ch != '/' && ch != '.')
        return 0;
    if (*sep && *sep != ch)
        return 0;
    *sep = ch;
    c->i++;
    return 1;
}

static int month_from_name(cursor *c)
{
    static const char *const names[] = {"jan", "feb", "mar", "apr",
                                        "may", "jun", "jul", "aug",
                                        "sep", "oct", "nov", "dec"};
    if (c->n - c->i < 3)
        return -1;
    for (int m = 0; m < 12; m++) {
        if (strncasecmp(c->s + c->i, names[m], 3) == 0) {
            c->i += 3;
            while (!at_end(c) && is_letter(peek(c)))
                c->i++;
            accept(c, '.');
            return m + 1;
        }
    }
    return -1;
}

/* "hh:mm[:ss[.fff]]"; returns 1 when a time was read. */
static int time_of_day(cursor *c, when *w)
{
    size_t start = c->i;
    int h = number(c, 1, 2);
    if (h < 0 || !accept(c, ':')) {
        c->i = start;
        return 0;
    }
    int m = number(c, 2, 2), s = 0;
    if (m < 0) {
        c->i = start;
        return 0;
    }
    if (accept(c, ':')) {
        s = number(c, 2, 2);
        if (s < 0) {
            c->i = start;
            return 0;
        }
        if (accept(c, '.') || accept(c, ','))
            while (is_digit(peek(c)))
                c->i++;
    }
    w->hour = h;
    w->min = m;
    w->sec = s;
    w->has_time = 1;
    return 1;
}

/* An optional zone: "Z", "+03:00", "+0300", "UTC", "GMT" (then ignored). */
static void zone(cursor *c)
{
    skip_spaces(c);
    if (accept(c, 'Z') || accept(c, 'z'))
        return;
    if (c->n - c->i >= 3 && (strncasecmp(c->s + c->i, "UTC", 3) == 0 ||
                             strncasecmp(c->s + c->i, "GMT", 3) == 0))
        c->i += 3;
    if (peek(c) == '+' || peek(c) == '-') {
        size_t start = c->i++;
        if (number(c, 2, 2) < 0) {
            c->i = start;
            return;
        }
        accept(c, ':');
        number(c, 2, 2);
    }
}

/* The zone after a time, then the end of the string. */
static int finish(cursor *c, const when *w)
{
    if (w->has_time)
        zone(c);
    skip_spaces(c);
    return at_end(c);
}

/* The optional time and zone after a date, then the end of the string. */
static int rest(cursor *c, when *w)
{
    if (accept(c, 'T') || accept(c, 't') || peek(c) == ' ' ||
        peek(c) == ',') {
        accept(c, ',');
        skip_spaces(c);
        if (!at_end(c) && !time_of_day(c, w))
            return 0;
    }
    return finish(c, w);
}

/* YYYY-MM-DD (or / or .), then an optional time. */
static int year_first(cursor *c, when *w)
{
    char sep = 0;
    w->year = number(c, 4, 4);
    if (w->year < 0 || !accept_sep(c, &sep))
        return 0;
    w->month = number(c, 1, 2);
    if (w->month < 0 || !accept_sep(c, &sep))
        return 0;
    w->day = number(c, 1, 2);
    return w->day >= 0 && !is_digit(peek(c)) && rest(c, w);
}

/* DD/MM/YYYY: the order used by Arabic (and European) sites. */
static int day_first(cursor *c, when *w)
{
    char sep = 0;
    w->day = number(c, 1, 2);
    if (w->day < 0 || !accept_sep(c, &sep))
        return 0;
    w->month = number(c, 1, 2);
    if (w->month < 0 || !accept_sep(c, &sep))
        return 0;
    w->year = number(c, 4, 4);
    return w->year >= 0 && !is_digit(peek(c)) && rest(c, w);
}

/* "Tue, 21 Jul 2015 02:51:32 +0300" and "July 21, 2015 10:00". */
static int with_month_name(cursor *c, when *w)
{
    size_t word = 0;
    while (word < c->n && is_letter(c->s[word]))
        word++;
    if (word > 0 && word < c->n && c->s[word] == ',')
        c->i = word + 1; /* a weekday name */
    skip_spaces(c);
    if (is_digit(peek(c))) {
        w->day = number(c, 1, 2);
        skip_spaces(c);
        accept(c, '-');
        w->month = month_from_name(c);
    } else {
        w->month = month_from_name(c);
        skip_spaces(c);
        w->day = number(c, 1, 2);
        accept(c, ',');
    }
    if (w->day < 0 || w->month < 0)
        return 0;
    skip_spaces(c);
    accept(c, '-');
    w->year = number(c, 4, 4);
    if (w->year < 0 || is_digit(peek(c)))
        return 0;
    skip_spaces(c);
    if (!at_end(c) && !time_of_day(c, w))
        return 0;
    return finish(c, w);
}

static int valid(const when *w)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (w->year < 1000 || w->month < 1 || w->month > 12 || w->day < 1 ||
        w->day > days[w->month - 1])
        return 0;
    int leap = (w->year % 4 == 0 && w->year % 100 != 0) || w->year % 400 == 0;
    if (w->month == 2 && w->day == 29 && !leap)
        return 0;
    return !w->has_time ||
           (w->hour <= 23 && w->min <= 59 && w->sec <= 60);
}

/* Copy s with Arabic-Indic digits (U+0660-0669, U+06F0-06F9) made ASCII,
 * so "٢٠١٥-٠٧-٢١" parses too.  Returns the length, or 0 when s does not
 * fit in out. */
static size_t ascii_digits(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t step = kh_utf8_decode((const unsigned char *)s + i, n - i, &cp,
                                     NULL);
        char ch = 0;
        if (cp >= 0x660 && cp <= 0x669)
            ch = (char)('0' + (cp - 0x660));
        else if (cp >= 0x6F0 && cp <= 0x6F9)
            ch = (char)('0' + (cp - 0x6F0));
        if (k + (ch ? 1 : step) >= cap)
            return 0;
        if (ch)
            out[k++] = ch;
        else
            for (size_t j = 0; j < step; j++)
                out[k++] = s[i + j];
        i += step;
    }
    out[k] = '\0';
    return k;
}

static int parse(const char *s, size_t n, when *w)
{
    int (*const forms[])(cursor *, when *) = {year_first, day_first,
                                              with_month_name};
    for (size_t f = 0; f < sizeof forms / sizeof *forms; f++) {
        cursor c = {s, n, 0};
        memset(w, 0, sizeof *w);
        if (forms[f](&c, w) && valid(w))
            return 1;
    }
    return 0;
}

char *kh_date_normalize(const char *s, size_t len)
{
    if (!s)
        return NULL;
    while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
                       s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    if (len == 0)
        return NULL;
    char ascii[96];
    size_t n = ascii_digits(s, len, ascii, sizeof ascii);
    when w;
    if (n == 0 || !parse(ascii, n, &w))
        return kh_strndup(s, len);
    char out[80]; /* fields are range-checked; the size quiets -Wformat */
    if (w.sec == 60)
        w.sec = 59; /* a leap second: ISO allows it, most parsers do not */
    if (w.has_time)
        snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d", w.year,
                 w.month, w.day, w.hour, w.min, w.sec);
    else
        snprintf(out, sizeof out, "%04d-%02d-%02d", w.year, w.month, w.day);
    return kh_strdup(out);
}
