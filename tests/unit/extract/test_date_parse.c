/*
 * test_date_parse.c - dates as Arabic and European pages write them: the
 * month systems of the Levant, Egypt and the Gulf, and the Maghreb;
 * Arabic-Indic digits; Hijri dates kept apart from Gregorian ones; times
 * with ص/م; and text that only looks like a date.
 */
#include <string.h>

#include "extract/date_parse.h"
#include "kh_test.h"

typedef struct case_ {
    const char *text;
    const char *iso;   /* NULL: no date                               */
    int hijri;         /* 1: only a Hijri date was found (converted)  */
    int order;
} case_;

static const case_ cases[] = {
    /* machine forms */
    {"2015-08-02T18:08:18+03:00", "2015-08-02T18:08:18", 0, 0},
    {"2015-08-02", "2015-08-02", 0, 0},
    {"2019-11-20T14:05:00Z", "2019-11-20T14:05:00", 0, 0},
    /* numeric, day first unless told otherwise or unambiguous */
    {"03/08/2015", "2015-08-03", 0, KH_DATE_DAY_FIRST},
    {"03/08/2015", "2015-03-08", 0, KH_DATE_MONTH_FIRST},
    {"11/25/2019", "2019-11-25", 0, KH_DATE_DAY_FIRST},
    {"11.08.2015 | 12:11 GMT", "2015-08-11T12:11:00", 0, 0},
    {"2015/08/06", "2015-08-06", 0, 0},
    /* Egypt and the Gulf */
    {"الخميس 6 أغسطس 2015 - 01:40 ص", "2015-08-06T01:40:00", 0, 0},
    {"الاثنين 10 أغسطس 2015 - 01:28 م", "2015-08-10T13:28:00", 0, 0},
    {"2 أغسطس، 2015", "2015-08-02", 0, 0},
    {"31 يوليه 2015", "2015-07-31", 0, 0},
    {"5 ابريل 2016", "2016-04-05", 0, 0},
    /* the Levant */
    {"31 تموز 2015", "2015-07-31", 0, 0},
    {"تموز 31, 2015", "2015-07-31", 0, 0},
    {"12 تشرين الأول 2014", "2014-10-12", 0, 0},
    {"3 كانون الثاني 2016", "2016-01-03", 0, 0},
    {"1 كانون الأول 2016", "2016-12-01", 0, 0},
    {"9 أيلول 2017", "2017-09-09", 0, 0},
    {"الأحد، 2 آب/أغسطس 2015", "2015-08-02", 0, 0},
    {"15 شباط 2018", "2018-02-15", 0, 0},
    {"الخميس ٢١ تشرين الثاني (نوفمبر) ٢٠٢٤ - ١٠:٤٥", "2024-11-21T10:45:00", 0,
     0},
    /* the Maghreb */
    {"5 جويلية 2016", "2016-07-05", 0, 0},
    {"3 أوت 2016", "2016-08-03", 0, 0},
    {"20 جانفي 2020", "2020-01-20", 0, 0},
    {"14 فيفري 2019", "2019-02-14", 0, 0},
    /* Arabic-Indic and Persian digits */
    {"الثلاثاء ١١ أغسطس ٢٠١٥", "2015-08-11", 0, 0},
    {"٢٠١٥/٠٨/٠٦", "2015-08-06", 0, 0},
    {"۱۵ مارس ۲۰۲۰", "2020-03-15", 0, 0},
    /* Hijri next to Gregorian: the Gregorian one is the date */
    {"7 أغسطس 2015 م الموافق 22 شوال 1436 هـ", "2015-08-07", 0, 0},
    {"السبت 23 شوال 1436 هـ - 8 أغسطس 2015 م - 06:12 ص",
     "2015-08-08T06:12:00", 0, 0},
    {"٢٠١٥/٠٨/٠٦ الموافق ٢١ شوال ١٤٣٦هـ", "2015-08-06", 0, 0},
    /* Hijri alone: recognised as Hijri, converted (to a day or two) */
    {"21 شوال 1436 هـ", "2015-08-07", 1, 0},
    {"1436/10/21هـ", "2015-08-07", 1, 0},
    {"1 محرم 1436", "2014-10-25", 1, 0},
    {"2 ربيع الآخر 1437", "2016-01-13", 1, 0},
    {"15 رمضان 1440", "2019-05-20", 1, 0},
    /* European languages */
    {"November 19, 2019 at 5:30 PM", "2019-11-19T17:30:00", 0, 0},
    {"Nov 18, 2019", "2019-11-18", 0, 0},
    {"6. August 2015", "2015-08-06", 0, 0},
    {"Erstellt am Dienstag 6. Mai 2014", "2014-05-06", 0, 0},
    {"le 3 février 2020", "2020-02-03", 0, 0},
    {"12 de marzo de 2021", NULL, 0, 0}, /* "de" between: not a shape */
    {"12 marzo 2021", "2021-03-12", 0, 0},
    {"4 stycznia 2022", "2022-01-04", 0, 0},
    /* not dates */
    {"العدد 15217", NULL, 0, 0},
    {"32 أغسطس 2015", NULL, 0, 0},
    {"29/02/2015", NULL, 0, 0},
    {"the year 1436", NULL, 0, 0},
    {"45 شوال 1436", NULL, 0, 0},
    {"12:30", NULL, 0, 0},
    {"", NULL, 0, 0},
};

static void test_cases(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const case_ *c = &cases[i];
        kh_date d;
        int found = kh_date_find(c->text, strlen(c->text), c->order, &d);
        if (!c->iso) {
            if (found)
                fprintf(stderr, "  unexpected date in \"%s\"\n", c->text);
            KH_CHECK_INT(found, 0);
            continue;
        }
        if (!found) {
            fprintf(stderr, "  no date found in \"%s\"\n", c->text);
            KH_CHECK(found);
            continue;
        }
        char out[24];
        KH_CHECK_STR(kh_date_format(&d, out), c->iso);
        KH_CHECK_INT(d.hijri, c->hijri);
    }
}

static void test_hijri_noted(void)
{
    kh_date d;
    const char *s = "7 أغسطس 2015 م الموافق 22 شوال 1436 هـ";
    KH_CHECK(kh_date_find(s, strlen(s), 0, &d));
    KH_CHECK_INT(d.hijri, 0);
    KH_CHECK_INT(d.hijri_year, 1436);
    KH_CHECK_INT(d.hijri_month, 10);
    KH_CHECK_INT(d.hijri_day, 22);
}

static void test_span(void)
{
    kh_date d;
    const char *s = "نشر في 2 أغسطس 2015 بقلم فلان";
    KH_CHECK(kh_date_find(s, strlen(s), 0, &d));
    KH_CHECK(d.start > 0 && d.end > d.start && d.end <= strlen(s));
    KH_CHECK(strncmp(s + d.start, "2 أغسطس 2015", d.end - d.start) == 0);
}

/* Days from a fixed origin, to compare Gregorian dates. */
static long day_number(int y, int m, int d)
{
    long a = (14 - m) / 12, yy = y + 4800 - a, mm = m + 12 * a - 3;
    return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400;
}

static void test_conversion(void)
{
    /* Umm al-Qura dates (the Saudi calendar) and the arithmetical
     * calendar agree to within two days */
    static const int known[][6] = {
        {1441, 1, 1, 2019, 8, 31},  {1436, 10, 1, 2015, 7, 17},
        {1436, 9, 1, 2015, 6, 18},  {1440, 9, 1, 2019, 5, 6},
        {1445, 12, 10, 2024, 6, 16}, {1400, 1, 1, 1979, 11, 21},
    };
    for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
        int y, m, dd;
        KH_CHECK(kh_hijri_to_gregorian(known[i][0], known[i][1], known[i][2],
                                       &y, &m, &dd));
        long diff = day_number(y, m, dd) -
                    day_number(known[i][3], known[i][4], known[i][5]);
        KH_CHECK(diff >= -2 && diff <= 2);
    }
    int y, m, dd;
    KH_CHECK_INT(kh_hijri_to_gregorian(1436, 13, 1, &y, &m, &dd), 0);
    KH_CHECK_INT(kh_hijri_to_gregorian(900, 1, 1, &y, &m, &dd), 0);
}

static void test_garbage(void)
{
    /* invalid UTF-8 and long runs of digits never crash or loop */
    char junk[5000];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(i % 7 == 0 ? 0xD9 : '0' + (int)(i % 10));
    kh_date d;
    kh_date_find(junk, sizeof junk, 0, &d);
    KH_CHECK(1);
}

int main(void)
{
    KH_RUN(test_cases);
    KH_RUN(test_hijri_noted);
    KH_RUN(test_span);
    KH_RUN(test_conversion);
    KH_RUN(test_garbage);
    return kh_test_report();
}
