/*
 * clean_date.h - the date a page states among its first lines, for pages
 * that come without one (plain-text pages carry no date field): a line
 * that is only a date ("الاثنين 18 نوفمبر 2024م", "نشر في: 21 نوفمبر 2024 -
 * 09:30"), or a dateline opening a line ("الرياض 18 نوفمبر 2024 (واس) -").
 */
#ifndef KH_EXTRACT_CLEAN_DATE_H
#define KH_EXTRACT_CLEAN_DATE_H

#include <stddef.h>

#include "extract/date_parse.h"

/* What a head line holds. */
typedef enum clean_date_kind {
    CLEAN_DATE_NONE = 0, /* no date, or one inside running text           */
    CLEAN_DATE_ONLY,     /* nothing but dates, weekdays, times and labels
                          * ("نشر في:", "آخر تحديث:", "م", "هـ"): chrome   */
    CLEAN_DATE_LEAD      /* a date opening the line after at most a place
                          * ("الرياض 18 نوفمبر 2024 (واس) - ..."), or ending
                          * a short line after a separator ("الساحل -
                          * الساعي - 18 نوفمبر 2024"): the line stays      */
} clean_date_kind;

/* A date found on a head line. */
typedef struct clean_date {
    kh_date date;  /* the first Gregorian date, else a Hijri one converted
                    * (date_parse.h); its span is in the line's bytes     */
    int update;    /* 1: labelled as an update ("آخر تحديث", "updated")   */
} clean_date;

/*
 * clean_date_line: what the tidied line text[0..len) holds.  `short_line`
 * says the line is not running text (no sentence end, few words): only
 * then may a date end it.  Only the first few hundred bytes of a long
 * paragraph are read: a date further in is never the page's.
 */
clean_date_kind clean_date_line(const char *text, size_t len, int short_line,
                                clean_date *out);

/* The label words, for the test that checks they are in key form. */
extern const char *const clean_date_words[];

#endif
