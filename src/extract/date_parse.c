/*
 * date_parse.c - find a date in a piece of page text (see date_parse.h).
 *
 * The text is cut into tokens (numbers in any of the three digit sets,
 * words, single punctuation marks); month names are looked up on words
 * normalised the way Arabic spelling varies (أ إ آ -> ا, ى -> ي, ة -> ه,
 * no diacritics or tatweel) and lower-cased for Latin scripts.  Then a
 * handful of shapes are tried at each token: Y-M-D, D/M/Y, D Month Y,
 * Month D, Y, each optionally followed by a time.  Only shapes whose
 * numbers make a real calendar date count.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/utf8.h"
#include "extract/date_parse.h"

enum { T_NUM = 1, T_WORD, T_PUNCT };

typedef struct tok {
    int kind;
    int space;       /* white space before it                        */
    long val;        /* T_NUM: value                                 */
    int ndig;        /* T_NUM: digits                                */
    uint32_t ch;     /* T_PUNCT: the character                       */
    char w[40];      /* T_WORD: normalised form (cut when longer)    */
    size_t start, end;
} tok;

#define MAX_TOKENS 256
#define SCAN_BYTES 4096

enum { CAL_GREG = 0, CAL_HIJRI = 1 };

typedef struct month_name {
    const char *name; /* normalised; two words separated by one space */
    int month, cal;
} month_name;

static const month_name months[] = {
    /* Arabic: Egypt and the Gulf */
    {"يناير", 1, 0}, {"فبراير", 2, 0}, {"مارس", 3, 0}, {"ابريل", 4, 0},
    {"مايو", 5, 0}, {"يونيو", 6, 0}, {"يونيه", 6, 0}, {"يوليو", 7, 0},
    {"يوليه", 7, 0}, {"اغسطس", 8, 0}, {"سبتمبر", 9, 0}, {"اكتوبر", 10, 0},
    {"نوفمبر", 11, 0}, {"ديسمبر", 12, 0},
    /* the Levant and Iraq */
    {"كانون الثاني", 1, 0}, {"شباط", 2, 0}, {"اذار", 3, 0},
    {"نيسان", 4, 0}, {"ايار", 5, 0}, {"حزيران", 6, 0}, {"تموز", 7, 0},
    {"اب", 8, 0}, {"ايلول", 9, 0}, {"تشرين الاول", 10, 0},
    {"تشرين الثاني", 11, 0}, {"كانون الاول", 12, 0},
    /* the Maghreb */
    {"جانفي", 1, 0}, {"فيفري", 2, 0}, {"افريل", 4, 0}, {"ماي", 5, 0},
    {"جوان", 6, 0}, {"جويليه", 7, 0}, {"جويلييه", 7, 0}, {"اوت", 8, 0},
    /* Hijri */
    {"محرم", 1, 1}, {"صفر", 2, 1}, {"ربيع الاول", 3, 1},
    {"ربيع الثاني", 4, 1}, {"ربيع الاخر", 4, 1}, {"جمادي الاولي", 5, 1},
    {"جمادي الاول", 5, 1}, {"جمادي الاخره", 6, 1}, {"جمادي الاخر", 6, 1},
    {"جمادي الثانيه", 6, 1}, {"رجب", 7, 1}, {"شعبان", 8, 1},
    {"رمضان", 9, 1}, {"شوال", 10, 1}, {"ذو القعده", 11, 1},
    {"ذي القعده", 11, 1}, {"ذو الحجه", 12, 1}, {"ذي الحجه", 12, 1},
    /* English */
    {"january", 1, 0}, {"february", 2, 0}, {"march", 3, 0},
    {"april", 4, 0}, {"may", 5, 0}, {"june", 6, 0}, {"july", 7, 0},
    {"august", 8, 0}, {"september", 9, 0}, {"october", 10, 0},
    {"november", 11, 0}, {"december", 12, 0}, {"jan", 1, 0},
    {"feb", 2, 0}, {"mar", 3, 0}, {"apr", 4, 0}, {"jun", 6, 0},
    {"jul", 7, 0}, {"aug", 8, 0}, {"sep", 9, 0}, {"sept", 9, 0},
    {"oct", 10, 0}, {"nov", 11, 0}, {"dec", 12, 0},
    /* German */
    {"januar", 1, 0}, {"jänner", 1, 0}, {"februar", 2, 0},
    {"märz", 3, 0}, {"mai", 5, 0}, {"juni", 6, 0}, {"juli", 7, 0},
    {"oktober", 10, 0}, {"dezember", 12, 0}, {"mär", 3, 0},
    {"okt", 10, 0}, {"dez", 12, 0},
    /* French */
    {"janvier", 1, 0}, {"février", 2, 0}, {"fevrier", 2, 0},
    {"mars", 3, 0}, {"avril", 4, 0}, {"juin", 6, 0}, {"juillet", 7, 0},
    {"août", 8, 0}, {"aout", 8, 0}, {"septembre", 9, 0},
    {"octobre", 10, 0}, {"novembre", 11, 0}, {"décembre", 12, 0},
    {"janv", 1, 0}, {"févr", 2, 0}, {"avr", 4, 0}, {"juil", 7, 0},
    {"déc", 12, 0},
    /* Spanish */
    {"enero", 1, 0}, {"febrero", 2, 0}, {"marzo", 3, 0}, {"abril", 4, 0},
    {"mayo", 5, 0}, {"junio", 6, 0}, {"julio", 7, 0}, {"agosto", 8, 0},
    {"septiembre", 9, 0}, {"setiembre", 9, 0}, {"octubre", 10, 0},
    {"noviembre", 11, 0}, {"diciembre", 12, 0},
    /* Italian */
    {"gennaio", 1, 0}, {"febbraio", 2, 0}, {"aprile", 4, 0},
    {"maggio", 5, 0}, {"giugno", 6, 0}, {"luglio", 7, 0},
    {"settembre", 9, 0}, {"ottobre", 10, 0}, {"dicembre", 12, 0},
    /* Portuguese */
    {"janeiro", 1, 0}, {"fevereiro", 2, 0}, {"março", 3, 0},
    {"maio", 5, 0}, {"junho", 6, 0}, {"julho", 7, 0}, {"setembro", 9, 0},
    {"outubro", 10, 0}, {"novembro", 11, 0}, {"dezembro", 12, 0},
    /* Dutch */
    {"januari", 1, 0}, {"februari", 2, 0}, {"maart", 3, 0},
    {"mei", 5, 0}, {"augustus", 8, 0},
    /* Polish (genitive, as dates write them, and nominative) */
    {"stycznia", 1, 0}, {"lutego", 2, 0}, {"marca", 3, 0},
    {"kwietnia", 4, 0}, {"maja", 5, 0}, {"czerwca", 6, 0},
    {"lipca", 7, 0}, {"sierpnia", 8, 0}, {"września", 9, 0},
    {"października", 10, 0}, {"listopada", 11, 0}, {"grudnia", 12, 0},
    {"styczeń", 1, 0}, {"luty", 2, 0}, {"marzec", 3, 0},
    {"kwiecień", 4, 0}, {"maj", 5, 0}, {"czerwiec", 6, 0},
    {"lipiec", 7, 0}, {"sierpień", 8, 0}, {"wrzesień", 9, 0},
    {"październik", 10, 0}, {"listopad", 11, 0}, {"grudzień", 12, 0},
};

/* ---- tokens -------------------------------------------------------------- */

static int digit_value(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 0x0660 && c <= 0x0669)
        return (int)(c - 0x0660); /* Arabic-Indic */
    if (c >= 0x06F0 && c <= 0x06F9)
        return (int)(c - 0x06F0); /* Persian / Urdu */
    return -1;
}

static int is_letter(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c >= 0x0621 && c <= 0x064A)
        return 1;
    if (c >= 0x064B && c <= 0x065F)
        return 1; /* diacritics: part of the word, dropped when normalised */
    if (c == 0x0640 || c == 0x0670 || c == 0x0671)
        return 1;
    if (c >= 0x00C0 && c <= 0x024F && c != 0xD7 && c != 0xF7)
        return 1;
    if (c >= 0x0400 && c <= 0x04FF)
        return 1;
    return 0;
}

static int is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
           c == 0x200F || c == 0x200E || c == 0x202F ||
           (c >= 0x2000 && c <= 0x200B);
}

/* The normalised form of a letter (0 = drop it). */
static uint32_t norm_letter(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c == 0x0623 || c == 0x0625 || c == 0x0622 || c == 0x0671)
        return 0x0627; /* alef with hamza or madda -> alef */
    if (c == 0x0649)
        return 0x064A; /* alef maqsura -> ya */
    if (c == 0x0629)
        return 0x0647; /* ta marbuta -> ha */
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0640 || c == 0x0670)
        return 0;
    return c;
}

static size_t tokenize(const char *s, size_t n, tok *t, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, nt = 0;
    int space = 0;
    if (n > SCAN_BYTES)
        n = SCAN_BYTES;
    while (i < n && nt < max) {
        uint32_t c;
        size_t k = kh_utf8_decode(p + i, n - i, &c, NULL);
        if (is_space(c)) {
            space = 1;
            i += k;
            continue;
        }
        tok *x = &t[nt];
        memset(x, 0, sizeof *x);
        x->space = space;
        x->start = i;
        space = 0;
        if (digit_value(c) >= 0) {
            x->kind = T_NUM;
            while (i < n) {
                k = kh_utf8_decode(p + i, n - i, &c, NULL);
                int d = digit_value(c);
                if (d < 0)
                    break;
                if (x->ndig < 9)
                    x->val = x->val * 10 + d;
                x->ndig++;
                i += k;
            }
        } else if (is_letter(c)) {
            x->kind = T_WORD;
            size_t wl = 0;
            while (i < n) {
                k = kh_utf8_decode(p + i, n - i, &c, NULL);
                if (!is_letter(c))
                    break;
                uint32_t m = norm_letter(c);
                if (m) {
                    char enc[4];
                    size_t el = kh_utf8_encode(m, enc);
                    if (wl + el < sizeof x->w) {
                        memcpy(x->w + wl, enc, el);
                        wl += el;
                    }
                }
                i += k;
            }
            x->w[wl] = '\0';
        } else {
            x->kind = T_PUNCT;
            x->ch = c;
            i += k;
        }
        x->end = i;
        nt++;
    }
    return nt;
}

/* ---- calendar ------------------------------------------------------------ */

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int valid_greg(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
        return 0;
    int md = mdays[m - 1] + (m == 2 && leap(y));
    return d <= md;
}

static int valid_hijri(int y, int m, int d)
{
    return y >= 1300 && y <= 1600 && m >= 1 && m <= 12 && d >= 1 && d <= 30;
}

/* Julian day number of a Gregorian date, and back (Fliegel-Van Flandern). */
static long greg_to_jdn(int y, int m, int d)
{
    long a = (14 - m) / 12, yy = y + 4800 - a, mm = m + 12 * a - 3;
    return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 -
           32045;
}

static void jdn_to_greg(long j, int *y, int *m, int *d)
{
    long a = j + 32044, b = (4 * a + 3) / 146097, c = a - 146097 * b / 4;
    long dd = (4 * c + 3) / 1461, e = c - 1461 * dd / 4, mm = (5 * e + 2) / 153;
    *d = (int)(e - (153 * mm + 2) / 5 + 1);
    *m = (int)(mm + 3 - 12 * (mm / 10));
    *y = (int)(100 * b + dd - 4800 + mm / 10);
}

/*
 * The arithmetical Islamic calendar: 30-year cycles of 10,631 days, months
 * of 30 and 29 days alternating, 11 leap years per cycle.  Observed
 * calendars (Umm al-Qura, local sightings) differ by a day or two, which is
 * why a Gregorian date beside a Hijri one is always preferred.
 */
int kh_hijri_to_gregorian(int hy, int hm, int hd, int *gy, int *gm, int *gd)
{
    if (!valid_hijri(hy, hm, hd))
        return 0;
    long jdn = hd + (long)((59 * (hm - 1) + 1) / 2) + 354L * (hy - 1) +
               (3 + 11L * hy) / 30 + 1948439L;
    jdn_to_greg(jdn, gy, gm, gd);
    (void)greg_to_jdn;
    return 1;
}

/* ---- shapes -------------------------------------------------------------- */

static const month_name *month_at(const tok *t, size_t nt, size_t i,
                                  size_t *used)
{
    if (i >= nt || t[i].kind != T_WORD)
        return NULL;
    /* two-word names first ("تشرين الاول", "ربيع الاخر") */
    if (i + 1 < nt && t[i + 1].kind == T_WORD && t[i + 1].space) {
        char two[84];
        snprintf(two, sizeof two, "%s %s", t[i].w, t[i + 1].w);
        for (size_t k = 0; k < sizeof months / sizeof *months; k++)
            if (strcmp(months[k].name, two) == 0) {
                *used = 2;
                return &months[k];
            }
    }
    for (size_t k = 0; k < sizeof months / sizeof *months; k++)
        if (strcmp(months[k].name, t[i].w) == 0) {
            *used = 1;
            return &months[k];
        }
    return NULL;
}

/* A month, possibly doubled as "آب/أغسطس" or "August (آب)". */
static const month_name *month_span(const tok *t, size_t nt, size_t i,
                                    size_t *next)
{
    size_t used;
    const month_name *m = month_at(t, nt, i, &used);
    if (!m)
        return NULL;
    size_t j = i + used;
    if (j + 1 < nt && t[j].kind == T_PUNCT && (t[j].ch == '/' ||
                                               t[j].ch == '-')) {
        size_t used2;
        const month_name *m2 = month_at(t, nt, j + 1, &used2);
        if (m2 && m2->month == m->month && m2->cal == m->cal)
            j = j + 1 + used2;
    } else if (j + 2 < nt && t[j].kind == T_PUNCT && t[j].ch == '(') {
        /* "تشرين الثاني (نوفمبر)" */
        size_t used2;
        const month_name *m2 = month_at(t, nt, j + 1, &used2);
        if (m2 && m2->month == m->month && m2->cal == m->cal &&
            j + 1 + used2 < nt && t[j + 1 + used2].kind == T_PUNCT &&
            t[j + 1 + used2].ch == ')')
            j = j + 2 + used2;
    }
    *next = j;
    return m;
}

static int is_punct(const tok *t, size_t nt, size_t i, uint32_t c)
{
    return i < nt && t[i].kind == T_PUNCT && t[i].ch == c;
}

static int num(const tok *t, size_t nt, size_t i, int min_dig, int max_dig)
{
    return i < nt && t[i].kind == T_NUM && t[i].ndig >= min_dig &&
           t[i].ndig <= max_dig;
}

/* Skip optional punctuation that may sit between the parts of a written
 * date: a comma (Latin or Arabic) or the day's period ("6. August"). */
static size_t skip_soft(const tok *t, size_t nt, size_t i)
{
    while (i < nt && t[i].kind == T_PUNCT &&
           (t[i].ch == ',' || t[i].ch == 0x060C || t[i].ch == '.'))
        i++;
    return i;
}

/* The Hijri marker after a year: "هـ", "ه", "AH". */
static int hijri_marker(const tok *t, size_t nt, size_t i)
{
    return i < nt && t[i].kind == T_WORD &&
           (strcmp(t[i].w, "ه") == 0 || strcmp(t[i].w, "هـ") == 0 ||
            strcmp(t[i].w, "ah") == 0 || strcmp(t[i].w, "هجري") == 0 ||
            strcmp(t[i].w, "هجريه") == 0);
}

/* A time after the date: hh:mm[:ss] [ص|م|am|pm], or ISO's Thh:mm:ss. */
static size_t read_time(const tok *t, size_t nt, size_t i, kh_date *d)
{
    size_t start = i;
    for (size_t hop = 0; hop < 4 && i < nt; hop++) {
        if (num(t, nt, i, 1, 2) && is_punct(t, nt, i + 1, ':') &&
            num(t, nt, i + 2, 2, 2)) {
            int h = (int)t[i].val, mi = (int)t[i + 2].val, se = 0;
            size_t j = i + 3;
            if (is_punct(t, nt, j, ':') && num(t, nt, j + 1, 2, 2)) {
                se = (int)t[j + 1].val;
                j += 2;
            }
            if (j < nt && t[j].kind == T_PUNCT && t[j].ch == '.' &&
                num(t, nt, j + 1, 1, 9))
                j += 2; /* fractions of a second */
            if (j < nt && t[j].kind == T_WORD) {
                const char *w = t[j].w;
                int pm = strcmp(w, "م") == 0 || strcmp(w, "pm") == 0 ||
                         strcmp(w, "مساء") == 0 || strcmp(w, "مساءا") == 0;
                int am = strcmp(w, "ص") == 0 || strcmp(w, "am") == 0 ||
                         strcmp(w, "صباحا") == 0 || strcmp(w, "صباح") == 0;
                if (pm && h < 12)
                    h += 12;
                if (am && h == 12)
                    h = 0;
                if (pm || am)
                    j++;
            }
            if (h > 23 || mi > 59 || se > 59)
                return start;
            d->hour = h;
            d->minute = mi;
            d->second = se;
            return j;
        }
        /* allowed between a date and its time: "T", "-", "|", ",", "at",
         * "الساعة", "في" */
        if (t[i].kind == T_PUNCT || (t[i].kind == T_WORD &&
                                     (strcmp(t[i].w, "t") == 0 ||
                                      strcmp(t[i].w, "at") == 0 ||
                                      strcmp(t[i].w, "um") == 0 ||
                                      strcmp(t[i].w, "الساعه") == 0 ||
                                      strcmp(t[i].w, "في") == 0 ||
                                      strcmp(t[i].w, "م") == 0)))
            i++;
        else
            break;
    }
    return start;
}

static void set(kh_date *d, int y, int m, int day, int cal)
{
    memset(d, 0, sizeof *d);
    d->hour = d->minute = d->second = -1;
    if (cal == CAL_HIJRI) {
        d->hijri = 1;
        d->hijri_year = y;
        d->hijri_month = m;
        d->hijri_day = day;
        kh_hijri_to_gregorian(y, m, day, &d->year, &d->month, &d->day);
    } else {
        d->year = y;
        d->month = m;
        d->day = day;
    }
}

/* A date written with a month name, the year at token `year`: set d and
 * return the token after it (and after a Hijri marker), 0 when the day
 * does not exist in that month of the name's calendar. */
static size_t named_month_date(const tok *t, size_t nt, const month_name *mn,
                               int day, size_t year, kh_date *d)
{
    int y = (int)t[year].val;
    if (mn->cal == CAL_GREG && valid_greg(y, mn->month, day)) {
        set(d, y, mn->month, day, CAL_GREG);
        return year + 1;
    }
    if (mn->cal == CAL_HIJRI && valid_hijri(y, mn->month, day)) {
        set(d, y, mn->month, day, CAL_HIJRI);
        return year + 1 + (size_t)hijri_marker(t, nt, year + 1);
    }
    return 0;
}

/* Try every shape at token i; on success fill d and return the index after
 * the date, else 0. */
static size_t shape_at(const tok *t, size_t nt, size_t i, int order,
                       kh_date *d)
{
    size_t next;
    const month_name *mn;
    /* Y-M-D, Y/M/D, Y.M.D (Hijri when the year says so) */
    if (num(t, nt, i, 4, 4) && i + 4 < nt && t[i + 1].kind == T_PUNCT &&
        (t[i + 1].ch == '-' || t[i + 1].ch == '/' || t[i + 1].ch == '.') &&
        num(t, nt, i + 2, 1, 2) && is_punct(t, nt, i + 3, t[i + 1].ch) &&
        num(t, nt, i + 4, 1, 2) && !t[i + 2].space && !t[i + 4].space) {
        int y = (int)t[i].val, m = (int)t[i + 2].val, day = (int)t[i + 4].val;
        if (valid_greg(y, m, day)) {
            set(d, y, m, day, CAL_GREG);
            return i + 5;
        }
        if (valid_hijri(y, m, day)) {
            set(d, y, m, day, CAL_HIJRI);
            return i + 5 + hijri_marker(t, nt, i + 5);
        }
    }
    /* D/M/Y, D.M.Y, D-M-Y (or M/D/Y), Hijri with a marker */
    if (num(t, nt, i, 1, 2) && i + 4 < nt && t[i + 1].kind == T_PUNCT &&
        (t[i + 1].ch == '-' || t[i + 1].ch == '/' || t[i + 1].ch == '.') &&
        num(t, nt, i + 2, 1, 2) && is_punct(t, nt, i + 3, t[i + 1].ch) &&
        num(t, nt, i + 4, 4, 4) && !t[i + 2].space && !t[i + 4].space) {
        int a = (int)t[i].val, b = (int)t[i + 2].val, y = (int)t[i + 4].val;
        int day = a, m = b;
        if (a <= 12 && b > 12)
            day = b, m = a;
        else if (a <= 12 && b <= 12 && order == KH_DATE_MONTH_FIRST)
            day = b, m = a;
        if (valid_greg(y, m, day)) {
            set(d, y, m, day, CAL_GREG);
            return i + 5;
        }
        if (valid_hijri(y, b, a)) {
            set(d, y, b, a, CAL_HIJRI);
            return i + 5 + hijri_marker(t, nt, i + 5);
        }
    }
    /* D Month Y ("6 أغسطس 2015", "6. August 2015", "21 شوال 1436 هـ") */
    if (num(t, nt, i, 1, 2)) {
        size_t j = skip_soft(t, nt, i + 1);
        if (j < nt && t[j].kind == T_PUNCT && t[j].ch == '-')
            j++;
        mn = month_span(t, nt, j, &next);
        if (mn) {
            j = skip_soft(t, nt, next);
            if (j < nt && t[j].kind == T_PUNCT && t[j].ch == '-')
                j++;
            if (num(t, nt, j, 4, 4)) {
                size_t end = named_month_date(t, nt, mn, (int)t[i].val, j, d);
                if (end)
                    return end;
            }
        }
    }
    /* Month D, Y ("August 6, 2015", "تموز 31, 2015") */
    mn = month_span(t, nt, i, &next);
    if (mn && num(t, nt, next, 1, 2)) {
        size_t j = next + 1;
        if (j < nt && t[j].kind == T_WORD &&
            (strcmp(t[j].w, "st") == 0 || strcmp(t[j].w, "nd") == 0 ||
             strcmp(t[j].w, "rd") == 0 || strcmp(t[j].w, "th") == 0))
            j++;
        j = skip_soft(t, nt, j);
        if (num(t, nt, j, 4, 4)) {
            size_t end = named_month_date(t, nt, mn, (int)t[next].val, j, d);
            if (end)
                return end;
        }
    }
    return 0;
}

int kh_date_find(const char *s, size_t n, int order, kh_date *out)
{
    tok t[MAX_TOKENS];
    size_t nt = tokenize(s, n, t, MAX_TOKENS);
    kh_date first_hijri;
    int have_hijri = 0;
    for (size_t i = 0; i < nt; i++) {
        kh_date d;
        size_t after = shape_at(t, nt, i, order, &d);
        if (!after)
            continue;
        size_t end = read_time(t, nt, after, &d);
        d.start = t[i].start;
        d.end = t[end > after ? end - 1 : after - 1].end;
        if (!d.hijri) {
            if (have_hijri) {
                d.hijri_year = first_hijri.hijri_year;
                d.hijri_month = first_hijri.hijri_month;
                d.hijri_day = first_hijri.hijri_day;
            }
            *out = d;
            /* a Hijri date later in the same text is noted, not used */
            for (size_t k = end; k < nt && !have_hijri; k++) {
                kh_date h;
                if (shape_at(t, nt, k, order, &h) && h.hijri) {
                    out->hijri_year = h.hijri_year;
                    out->hijri_month = h.hijri_month;
                    out->hijri_day = h.hijri_day;
                    have_hijri = 1;
                }
            }
            return 1;
        }
        if (!have_hijri) {
            first_hijri = d;
            have_hijri = 1;
        }
        i = (end > after ? end : after) - 1;
    }
    if (have_hijri) {
        *out = first_hijri;
        return 1;
    }
    return 0;
}

char *kh_date_format(const kh_date *d, char out[24])
{
    /* unsigned and bounded, so the output always fits */
    unsigned y = (unsigned)d->year % 10000u, mo = (unsigned)d->month % 100u,
             da = (unsigned)d->day % 100u;
    if (d->hour >= 0)
        snprintf(out, 24, "%04u-%02u-%02uT%02u:%02u:%02u", y, mo, da,
                 (unsigned)d->hour % 100u, (unsigned)d->minute % 100u,
                 (unsigned)(d->second < 0 ? 0 : d->second) % 100u);
    else
        snprintf(out, 24, "%04u-%02u-%02u", y, mo, da);
    return out;
}
