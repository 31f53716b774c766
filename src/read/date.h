/*
 * date.h - dates as the readers find them ("2015-07-21 02:51:32",
 * "Tue, 21 Jul 2015 02:51:32 +0300", "21/07/2015") turned into ISO 8601.
 */
#ifndef KH_READ_DATE_H
#define KH_READ_DATE_H

#include <stddef.h>

/*
 * kh_date_normalize: a malloc'd ISO 8601 date, "YYYY-MM-DD" or
 * "YYYY-MM-DDThh:mm:ss", when s parses as a date (time zone offsets are
 * dropped: the local time as written is kept); otherwise a copy of s
 * without surrounding white space.  NULL when s is NULL or blank.
 */
char *kh_date_normalize(const char *s, size_t len);

#endif
