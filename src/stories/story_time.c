/*
 * story_time.c - ISO 8601 dates to hours since the epoch (story_time.h),
 * by the civil-calendar day count, so no time zone or libc state is
 * involved: dates are compared as written.
 */
#include "stories/story_time.h"

#include <ctype.h>
#include <string.h>

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

/* n digits at s as a number, or -1. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int64_t kh_story_hours(const char *date)
{
    if (!date || strlen(date) < 10 || date[4] != '-' || date[7] != '-')
        return KH_NO_TIME;
    int y = digits(date, 4), m = digits(date + 5, 2), d = digits(date + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31)
        return KH_NO_TIME;
    int hour = 12;
    if ((date[10] == 'T' || date[10] == ' ') && strlen(date) >= 16 &&
        date[13] == ':') {
        int h = digits(date + 11, 2), min = digits(date + 14, 2);
        if (h < 0 || h > 23 || min < 0 || min > 59)
            return KH_NO_TIME;
        hour = h;
    } else if (date[10] != '\0') {
        return KH_NO_TIME;
    }
    return days_from_civil(y, (unsigned)m, (unsigned)d) * 24 + hour;
}
