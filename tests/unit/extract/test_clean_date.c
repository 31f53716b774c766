/*
 * test_clean_date.c - the date of a page that comes without one: what a
 * head line holds (clean_date_line), then whole plain-text pages through
 * kh_clean_article: the date taken, a date-only line removed as "date",
 * datelines kept, and dates in the body or under a known date left alone.
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "extract/clean_date.h"
#include "extract/clean_text.h"
#include "extract/date_parse.h"
#include "kh_test.h"
#include "khabar.h"

/* --- one line --------------------------------------------------------------- */

/* The kind of line and, when there is a date, its ISO form. */
static void check_line(const char *line, int short_line,
                       clean_date_kind want, const char *want_iso)
{
    clean_date cd;
    clean_date_kind got = clean_date_line(line, strlen(line), short_line, &cd);
    if (got != want)
        fprintf(stderr, "line \"%s\": kind %d, want %d\n", line, (int)got,
                (int)want);
    KH_CHECK_INT(got, want);
    if (want_iso && got != CLEAN_DATE_NONE) {
        char iso[24];
        KH_CHECK_STR(kh_date_format(&cd.date, iso), want_iso);
    }
}

static void test_date_only_lines(void)
{
    check_line("الاثنين 18 نوفمبر 2024م", 1, CLEAN_DATE_ONLY, "2024-11-18");
    check_line("نشر في: 21 نوفمبر 2024 - 09:30", 1, CLEAN_DATE_ONLY,
               "2024-11-21T09:30:00");
    check_line("آخر تحديث: الثلاثاء 19 نوفمبر 2024 الساعة 10:15 مساءً", 1,
               CLEAN_DATE_ONLY, "2024-11-19T22:15:00");
    check_line("١٨/١١/٢٠٢٤", 1, CLEAN_DATE_ONLY, "2024-11-18");
    check_line("2024-11-18 14:05", 1, CLEAN_DATE_ONLY, "2024-11-18T14:05:00");
    check_line("الأحد 6 شوال 1436 هـ - 22 يوليو 2015 م", 1, CLEAN_DATE_ONLY,
               "2015-07-22");
    check_line("الخميس 30 تشرين الأول 2014", 1, CLEAN_DATE_ONLY, "2014-10-30");
    check_line("Published on November 18, 2024", 1, CLEAN_DATE_ONLY,
               "2024-11-18");
    /* a time standing before the date is part of the date line */
    check_line("09:30 - 21 نوفمبر 2024", 1, CLEAN_DATE_ONLY, "2024-11-21");
}

static void test_update_label(void)
{
    clean_date cd;
    const char *up = "آخر تحديث: 22 نوفمبر 2024";
    KH_CHECK_INT(clean_date_line(up, strlen(up), 1, &cd), CLEAN_DATE_ONLY);
    KH_CHECK_INT(cd.update, 1);
    const char *pub = "نشر في: 21 نوفمبر 2024";
    KH_CHECK_INT(clean_date_line(pub, strlen(pub), 1, &cd), CLEAN_DATE_ONLY);
    KH_CHECK_INT(cd.update, 0);
}

static void test_datelines(void)
{
    /* a place and a date opening a paragraph, then the agency or a dash */
    check_line("الرياض 18 نوفمبر 2024 (واس) - أعلنت وزارة الصحة اليوم "
               "افتتاح وحدة جديدة لغسيل الكلى في مستشفى المدينة.",
               0, CLEAN_DATE_LEAD, "2024-11-18");
    check_line("أبو ظبي، 18 نوفمبر 2024 – قالت الهيئة إن الطرق مفتوحة.", 0,
               CLEAN_DATE_LEAD, "2024-11-18");
    check_line("السبت 16 نوفمبر 2024م – انطلقت فعاليات المهرجان في القرية.",
               0, CLEAN_DATE_LEAD, "2024-11-16");
    /* SPA: the Hijri date first, the Gregorian one "الموافق" it */
    check_line("الرياض 06 شوال 1436 هـ الموافق 22 يوليو 2015 م (واس) - "
               "رفع أمير المنطقة التهنئة.",
               0, CLEAN_DATE_LEAD, "2015-07-22");
    /* a short line: a byline closed by a date, a place and a date */
    check_line("الساحل - الساعي - 18 نوفمبر 2024", 1, CLEAN_DATE_LEAD,
               "2024-11-18");
    check_line("بقلم سلمى الحربي | 18/11/2024", 1, CLEAN_DATE_LEAD,
               "2024-11-18");
    check_line("الرياض، 18 نوفمبر 2024", 1, CLEAN_DATE_LEAD, "2024-11-18");
    check_line("دبي، 18 نوفمبر 2024، (وام) - أعلنت الهيئة أن الطرق مفتوحة.", 0,
               CLEAN_DATE_LEAD, "2024-11-18");
}

/* Dates a report mentions are not the day it was published. */
static void test_dates_in_sentences(void)
{
    check_line("أعلنت الوزارة أمس 17 نوفمبر 2024 أن العمل سيبدأ قريبا.", 0,
               CLEAN_DATE_NONE, NULL);
    check_line("تنطلق في 20 نوفمبر 2025 فعاليات المعرض الدولي للكتاب.", 0,
               CLEAN_DATE_NONE, NULL);
    check_line("وكان المصنع قد افتتح في عام 2012 بطاقة إنتاجية محدودة.", 0,
               CLEAN_DATE_NONE, NULL);
    /* a chronology's entries */
    check_line("* 28 مايو (أيار) 1990: عقد القمة العربية الاستثنائية في بغداد.",
               0, CLEAN_DATE_NONE, NULL);
    check_line("28 مايو 1990 - عقد القمة العربية الاستثنائية في بغداد.", 0,
               CLEAN_DATE_NONE, NULL);
    check_line("الخميس 1 تشرين الأول", 1, CLEAN_DATE_NONE, NULL); /* no year */
    check_line("الرياض 18 نوفمبر (واس) -", 1, CLEAN_DATE_NONE, NULL);
    check_line("المؤتمر ينطلق 20 نوفمبر 2025", 1, CLEAN_DATE_NONE, NULL);
    check_line("المعرض الدولي للكتاب يفتتح أبوابه - 20 نوفمبر 2025", 1,
               CLEAN_DATE_NONE, NULL);
    check_line("تنطلق يوم 20 نوفمبر 2025، في الرياض فعاليات المعرض", 1,
               CLEAN_DATE_NONE, NULL);
    check_line("مهرجان التمور ينطلق في قرية الرفيعة", 1, CLEAN_DATE_NONE, NULL);
    check_line("", 1, CLEAN_DATE_NONE, NULL);
    /* a date past the head of a long paragraph is not read */
    char para[1200];
    snprintf(para, sizeof para, "%s", "");
    while (strlen(para) < 600)
        strcat(para, "وقال المتحدث إن العمل مستمر في المشروع. ");
    strcat(para, "الرياض 18 نوفمبر 2024 - وأضاف أن الموعد قريب.");
    check_line(para, 0, CLEAN_DATE_NONE, NULL);
}

/* Each label is written in key form, or it would never match. */
static void test_words_in_key_form(void)
{
    for (const char *const *w = clean_date_words; *w; w++) {
        char *k = clean_key(*w, strlen(*w), NULL);
        if (strcmp(k, *w) != 0)
            fprintf(stderr, "label \"%s\" is \"%s\" as a key\n", *w, k);
        KH_CHECK_STR(k, *w);
        free(k);
    }
}

/* --- whole pages ------------------------------------------------------------ */

static const char body1[] =
    "أعلنت الهيئة العامة للطيران المدني استئناف حركة الإقلاع والهبوط في "
    "المطار بعد توقف دام نحو ثلاث ساعات بسبب الضباب الكثيف.";
static const char body2[] =
    "وأوضحت الهيئة أن الرحلات المتأخرة ستغادر تباعا خلال ساعات المساء، "
    "وأن المطار كان قد أغلق مرة مماثلة في عام 2012.";

/* A plain-text page: the lines joined with blank lines between them. */
static void make_page(kh_article *a, const char *const *lines)
{
    memset(a, 0, sizeof *a);
    size_t cap = 1;
    for (const char *const *l = lines; *l; l++)
        cap += strlen(*l) + 2;
    a->raw = kh_malloc(cap);
    a->raw[0] = '\0';
    for (const char *const *l = lines; *l; l++) {
        strcat(a->raw, *l);
        strcat(a->raw, "\n\n");
    }
    a->raw_len = strlen(a->raw);
    a->raw_format = KH_FORMAT_TEXT;
}

/* The reason a line was removed, NULL when it was not. */
static const char *removed_as(const kh_article *a, const char *line)
{
    for (size_t i = 0; i < a->n_removed; i++)
        if (strcmp(a->removed[i].line, line) == 0)
            return a->removed[i].reason;
    return NULL;
}

static int count_lines(const char *text)
{
    int n = 1;
    for (; text && *text; text++)
        n += *text == '\n';
    return n;
}

static void test_page_date_line_removed(void)
{
    const char *lines[] = {"عاجل: استئناف الرحلات في مطار الساحل الدولي",
                           "الأحد 17 نوفمبر 2024م", "الساحل - الساعي", body1,
                           body2, NULL};
    kh_article a;
    make_page(&a, lines);
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    KH_CHECK_STR(a.date, "2024-11-17");
    KH_CHECK_STR(removed_as(&a, "الأحد 17 نوفمبر 2024م"), "date");
    KH_CHECK_STR(a.title, lines[0]);
    KH_CHECK_STR(a.author, "الساحل - الساعي");
    /* every body line kept, the year in the body not taken */
    KH_CHECK(a.text && strstr(a.text, body1) && strstr(a.text, body2));
    KH_CHECK_INT(count_lines(a.text), 2);
    kh_article_clear(&a);
}

static void test_page_time_and_update(void)
{
    const char *lines[] = {"انقطاع المياه عن ثلاثة أحياء غدا",
                           "آخر تحديث: 23 نوفمبر 2024 - 18:00",
                           "نشر في: 22 نوفمبر 2024 - 14:00", body1, NULL};
    kh_article a;
    make_page(&a, lines);
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    /* the publication, not the update */
    KH_CHECK_STR(a.date, "2024-11-22T14:00:00");
    KH_CHECK_STR(removed_as(&a, lines[1]), "date");
    KH_CHECK_STR(removed_as(&a, lines[2]), "date");
    KH_CHECK_STR(a.text, body1);
    kh_article_clear(&a);
}

/* A page that opens with its date: the date is not the title. */
static void test_page_date_before_title(void)
{
    const char *lines[] = {"السبت 16 نوفمبر 2024م",
                           "الأرصاد: طقس الأحد صحو مع ضباب على السواحل", body1,
                           NULL};
    kh_article a;
    make_page(&a, lines);
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    KH_CHECK_STR(a.title, lines[1]);
    KH_CHECK_STR(a.date, "2024-11-16");
    KH_CHECK_STR(removed_as(&a, lines[0]), "date");
    kh_article_clear(&a);
}

/* A dateline opening the body gives the date and stays in the text. */
static void test_page_dateline_stays(void)
{
    static const char lead[] =
        "الرياض 18 نوفمبر 2024 (واس) - افتتحت وزارة الصحة اليوم وحدة جديدة "
        "لغسيل الكلى في مستشفى المدينة العام بطاقة عشرين سريرا.";
    const char *lines[] = {"افتتاح وحدة لغسيل الكلى في مستشفى المدينة", lead,
                           body2, NULL};
    kh_article a;
    make_page(&a, lines);
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    KH_CHECK_STR(a.date, "2024-11-18");
    KH_CHECK(a.text && strncmp(a.text, lead, strlen(lead)) == 0);
    KH_CHECK_INT(a.n_removed, 1); /* the title */
    kh_article_clear(&a);
}

/* SPA's dated opening line: a Hijri date "الموافق" a Gregorian one. */
static void test_page_spa_dateline(void)
{
    const char *dl = "جدة 12 رمضان 1440 هـ الموافق 17 مايو 2019 م واس";
    const char *lines[] = {"أمانة جدة تزرع عشرة آلاف شجرة", dl, body1, NULL};
    kh_article a;
    make_page(&a, lines);
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    KH_CHECK_STR(a.date, "2019-05-17"); /* the Gregorian date, not the Hijri */
    KH_CHECK(a.text && strncmp(a.text, dl, strlen(dl)) == 0);
    kh_article_clear(&a);
}

/* A Hijri date alone is converted by the parser, never read as
 * Gregorian (1436 is not a year of ours). */
static void test_page_hijri_only(void)
{
    const char *lines[] = {"تكريم الفائزين بجائزة الإبداع",
                           "الأحد 6 شوال 1436 هـ", body1, NULL};
    kh_article a;
    make_page(&a, lines);
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    int y, m, d;
    KH_CHECK(kh_hijri_to_gregorian(1436, 10, 6, &y, &m, &d));
    char want[24];
    snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
    KH_CHECK_STR(a.date, want);
    KH_CHECK(y == 2015);
    KH_CHECK_STR(removed_as(&a, lines[1]), "date");
    kh_article_clear(&a);
}

/* Only the head is read: a date deep in the body is the report's. */
static void test_page_date_in_body_ignored(void)
{
    static const char later[] =
        "الرياض 18 نوفمبر 2024 - وأضاف المتحدث أن الموعد النهائي قريب.";
    const char *lines[] = {"استئناف الرحلات في المطار", body1, later, body2,
                           "الاثنين 25 نوفمبر 2024م", NULL};
    kh_article a;
    make_page(&a, lines);
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    KH_CHECK_STR(a.date, NULL);
    KH_CHECK(removed_as(&a, "الاثنين 25 نوفمبر 2024م") == NULL);
    kh_article_clear(&a);
}

/* An article that has a date (JSON's field) keeps it and its lines. */
static void test_known_date_untouched(void)
{
    const char *lines[] = {"الأحد 17 نوفمبر 2024م", body1, NULL};
    kh_article a;
    make_page(&a, lines);
    a.title = kh_strdup("استئناف الرحلات في المطار");
    a.date = kh_strdup("2015-08-01T10:00:00");
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    KH_CHECK_STR(a.date, "2015-08-01T10:00:00");
    KH_CHECK(removed_as(&a, lines[0]) == NULL);
    KH_CHECK(a.text && strstr(a.text, lines[0]) != NULL);
    kh_article_clear(&a);
}

int main(void)
{
    KH_RUN(test_date_only_lines);
    KH_RUN(test_update_label);
    KH_RUN(test_datelines);
    KH_RUN(test_dates_in_sentences);
    KH_RUN(test_words_in_key_form);
    KH_RUN(test_page_date_line_removed);
    KH_RUN(test_page_time_and_update);
    KH_RUN(test_page_date_before_title);
    KH_RUN(test_page_dateline_stays);
    KH_RUN(test_page_spa_dateline);
    KH_RUN(test_page_hijri_only);
    KH_RUN(test_page_date_in_body_ignored);
    KH_RUN(test_known_date_untouched);
    return kh_test_report();
}
