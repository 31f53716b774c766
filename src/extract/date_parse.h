/*
 * date_parse.h - dates as news pages write them, in Arabic and European
 * languages, found inside running text and turned into ISO 8601.
 *
 * Understood: ISO 8601 (2015-08-06T01:40:57+03:00), numeric dates
 * (06/08/2015, 6.8.2015, 2015/08/06), month names in English, German,
 * French, Spanish, Italian, Portuguese, Dutch and Polish, and in Arabic:
 * the Egyptian/Gulf transliterations (يناير ... ديسمبر), the Levantine
 * months (كانون الثاني ... كانون الأول, آب, أيلول), the Maghreb forms
 * (جانفي, جويلية, أوت) and doubled forms (آب/أغسطس); Arabic-Indic and
 * Persian digits; times (12:11, 02:11 م, 5:30 PM).  Hijri dates (21 شوال
 * 1436 هـ, 1436/10/21هـ) are recognised as Hijri, never read as
 * Gregorian, and converted with the arithmetical Islamic calendar when no
 * Gregorian date stands beside them.
 */
#ifndef KH_DATE_PARSE_H
#define KH_DATE_PARSE_H

#include <stddef.h>

typedef struct kh_date {
    int year, month, day;       /* Gregorian                               */
    int hour, minute, second;   /* -1 when the text gave no time           */
    int hijri;                  /* 1: only a Hijri date was found (the
                                 * Gregorian fields hold its conversion,
                                 * exact to a day or two)                 */
    int hijri_year, hijri_month, hijri_day; /* when a Hijri date was seen */
    size_t start, end;          /* byte span of the date in the text       */
} kh_date;

/* How to read an ambiguous numeric date such as 03/08/2015. */
enum { KH_DATE_DAY_FIRST = 0, KH_DATE_MONTH_FIRST = 1 };

/*
 * kh_date_find: the first date in s[0..n): the first Gregorian one, or a
 * Hijri one converted when the text has no Gregorian date.  Years outside
 * 1900-2100 (Gregorian) and 1300-1600 (Hijri) are not dates.
 * @return 1 and *out filled, 0 when s holds no date.
 */
int kh_date_find(const char *s, size_t n, int order, kh_date *out);

/* kh_date_format: "YYYY-MM-DD", or "YYYY-MM-DDThh:mm:ss" when the time is
 * known, into out (24 bytes).  Returns out. */
char *kh_date_format(const kh_date *d, char out[24]);

/* kh_hijri_to_gregorian: the arithmetical (tabular) Islamic calendar.
 * Returns 0 for an impossible Hijri date. */
int kh_hijri_to_gregorian(int hy, int hm, int hd, int *gy, int *gm, int *gd);

#endif
