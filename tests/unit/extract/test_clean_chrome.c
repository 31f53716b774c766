/*
 * test_clean_chrome.c - the recurring-line model: shapes, the threshold,
 * the guards (republished articles, datelines, other outlets), and export
 * and import of the counts.
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "extract/chrome.h"
#include "kh_test.h"
#include "khabar.h"

static uint64_t shape(const char *s)
{
    return kh_chrome_shape(s, strlen(s));
}

static void test_shapes_ignore_digits_and_spaces(void)
{
    KH_CHECK(shape("// 12:45 ت م") == shape("//09:10  ت م"));
    KH_CHECK(shape("تبدأ بالرمز (136) ثم مسافة") ==
             shape("تبدأ بالرمز (٢٤) ثم مسافة"));
    KH_CHECK(shape("Zain") == shape("zain"));
    KH_CHECK(shape("الرياض") != shape("جدة"));
    KH_CHECK(shape("12 34") == 0);
    KH_CHECK(shape("") == 0);
}

/* A word of Arabic letters that differs for every n: article bodies must
 * differ in more than their digits, or the model takes them for copies. */
static void letters_for(int n, char out[32])
{
    static const char *const abc[] = {"ب", "ت", "ج", "د", "ر",
                                      "س", "ع", "ف", "ل", "م"};
    snprintf(out, 32, "%s%s%s", abc[n % 10], abc[(n / 10) % 10],
             abc[(n / 100) % 10]);
}

/* An article of `source`: a body line of its own, an optional extra line
 * and a footer whose number changes. */
static void make_article(kh_article *a, const char *source, int n,
                         const char *extra)
{
    char raw[2048], word[32];
    letters_for(n, word);
    snprintf(raw, sizeof raw,
             "%s\n"
             "افتتحت الهيئة مشروع %s في الحي الشمالي بعد أشهر من العمل "
             "المتواصل على تجهيزه.\n"
             "جميع الحقوق محفوظة لموقع المثال %d\n",
             extra ? extra : "", word, 2000 + n);
    memset(a, 0, sizeof *a);
    a->source = source ? kh_strdup(source) : NULL;
    a->title = kh_strdup("عنوان الخبر");
    a->raw = kh_strdup(raw);
    a->raw_len = strlen(raw);
    a->raw_format = KH_FORMAT_TEXT;
}

static int was_removed(const kh_article *a, const char *prefix,
                       const char *why)
{
    for (size_t i = 0; i < a->n_removed; i++)
        if (strncmp(a->removed[i].line, prefix, strlen(prefix)) == 0)
            return strcmp(a->removed[i].reason, why) == 0;
    return 0;
}

static void test_footer_learned_per_outlet(void)
{
    kh_chrome *m = kh_chrome_create();
    kh_article a;
    for (int i = 0; i < 12; i++) {
        make_article(&a, "mithal", i, NULL);
        kh_chrome_observe(m, &a);
        kh_article_clear(&a);
    }
    KH_CHECK_INT(kh_chrome_articles(m, "mithal"), 12);
    KH_CHECK_INT(kh_chrome_count(m, "mithal",
                                 shape("جميع الحقوق محفوظة لموقع المثال 1999")),
                 12);
    make_article(&a, "mithal", 99, NULL);
    KH_CHECK_INT(kh_clean_article(&a, m), KH_OK);
    KH_CHECK(was_removed(&a, "جميع الحقوق", "outlet-boilerplate"));
    KH_CHECK(strstr(a.text, "جميع الحقوق") == NULL);
    kh_article_clear(&a);
    /* another outlet's articles keep the line */
    make_article(&a, "other", 99, NULL);
    KH_CHECK_INT(kh_clean_article(&a, m), KH_OK);
    KH_CHECK(strstr(a.text, "جميع الحقوق") != NULL);
    kh_article_clear(&a);
    /* and so do this outlet's articles cleaned without a model */
    make_article(&a, "mithal", 99, NULL);
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    KH_CHECK(strstr(a.text, "جميع الحقوق") != NULL);
    kh_article_clear(&a);
    kh_chrome_free(m);
}

/* Below the threshold nothing is chrome. */
static void test_threshold(void)
{
    kh_chrome *m = kh_chrome_create();
    uint64_t sh = shape("سطر متكرر");
    kh_chrome_add(m, "x", sh, KH_CHROME_MIN_COUNT - 1);
    kh_chrome_add(m, "x", KH_CHROME_ARTICLES, 100);
    KH_CHECK(!kh_chrome_is_recurring(m, "x", sh));
    kh_chrome_add(m, "x", sh, 1);
    KH_CHECK(kh_chrome_is_recurring(m, "x", sh));
    /* on a big outlet the share decides: 0.25% of 40,000 is 100 */
    kh_chrome_add(m, "x", KH_CHROME_ARTICLES, 40000 - 100);
    KH_CHECK(!kh_chrome_is_recurring(m, "x", sh));
    kh_chrome_add(m, "x", sh, 100 - KH_CHROME_MIN_COUNT);
    KH_CHECK(kh_chrome_is_recurring(m, "x", sh));
    KH_CHECK(!kh_chrome_is_recurring(m, "y", sh));
    KH_CHECK(!kh_chrome_is_recurring(NULL, "x", sh));
    kh_chrome_free(m);
}

/* An article republished under many URLs must not turn its own paragraphs
 * into chrome: copies with the same longest line count once. */
static void test_republished_article_is_not_chrome(void)
{
    kh_chrome *m = kh_chrome_create();
    const char *raw =
        "الهيئة تعلن نتائج المسابقة\n"
        "أعلنت الهيئة العامة للثقافة نتائج مسابقتها السنوية للقصة القصيرة "
        "بمشاركة أكثر من ألف كاتب من مختلف مناطق المملكة.\n"
        "وفاز بالمركز الأول كاتب شاب من المدينة المنورة.\n";
    kh_article a = {0};
    for (int i = 0; i < 20; i++) {
        a.source = kh_strdup("mithal");
        a.raw = kh_strdup(raw);
        a.raw_len = strlen(raw);
        kh_chrome_observe(m, &a);
        kh_article_clear(&a);
    }
    KH_CHECK_INT(kh_chrome_articles(m, "mithal"), 20);
    KH_CHECK_INT(kh_chrome_count(m, "mithal",
                                 shape("وفاز بالمركز الأول كاتب شاب من "
                                       "المدينة المنورة.")),
                 1);
    a.source = kh_strdup("mithal");
    a.raw = kh_strdup(raw);
    a.raw_len = strlen(raw);
    KH_CHECK_INT(kh_clean_article(&a, m), KH_OK);
    KH_CHECK_INT(a.n_removed, 1); /* the title line only */
    kh_article_clear(&a);
    kh_chrome_free(m);
}

/* SPA opens every report with the same dated line: a dateline, kept. */
static void test_datelines_are_protected(void)
{
    kh_chrome *m = kh_chrome_create();
    kh_article a;
    const char *dl = "الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس";
    for (int i = 0; i < 30; i++) {
        make_article(&a, "was", i, dl);
        kh_chrome_observe(m, &a);
        kh_article_clear(&a);
    }
    KH_CHECK(kh_chrome_is_recurring(m, "was", shape(dl)));
    make_article(&a, "was", 77, dl);
    KH_CHECK_INT(kh_clean_article(&a, m), KH_OK);
    KH_CHECK(strstr(a.text, "الموافق") != NULL);
    kh_article_clear(&a);
    kh_chrome_free(m);
}

/* An HTML page is observed through its extracted body, not its markup. */
static void test_html_pages_observed_as_text(void)
{
    static const char para[] =
        "أعلنت وزارة الثقافة عن إطلاق مهرجان الفنون الشعبية في دورته الأولى "
        "بمشاركة فرق من جميع مناطق المملكة، ويستمر المهرجان أسبوعين في "
        "الحديقة العامة وسط المدينة.";
    char html[2048];
    snprintf(html, sizeof html,
             "<html><head><title>مهرجان</title></head>\n<body>\n"
             "<article><h1>مهرجان الفنون</h1>\n<p>%s</p>\n</article>\n"
             "</body></html>\n", para);
    kh_chrome *m = kh_chrome_create();
    kh_article a = {0};
    a.source = kh_strdup("mithal");
    a.raw = kh_strdup(html);
    a.raw_len = strlen(html);
    a.raw_format = KH_FORMAT_HTML;
    kh_chrome_observe(m, &a);
    KH_CHECK_INT(kh_chrome_articles(m, "mithal"), 1);
    KH_CHECK_INT(kh_chrome_count(m, "mithal", shape(para)), 1);
    KH_CHECK_INT(kh_chrome_count(m, "mithal", shape("</body></html>")), 0);
    kh_article_clear(&a);
    kh_chrome_free(m);
}

/* An HTML page of `source` whose article ends with the outlet's footer, a
 * paragraph the extractor keeps (it is inside the article, in running
 * text) and no single-line rule knows. */
static void make_html_article(kh_article *a, const char *source, int n)
{
    char html[4096], word[32];
    letters_for(n, word);
    snprintf(html, sizeof html,
             "<html lang=\"ar\"><head><title>خبر %s</title></head><body>\n"
             "<article><h1>افتتاح مشروع %s</h1>\n"
             "<p>افتتحت الهيئة مشروع %s في الحي الشمالي بعد أشهر من العمل "
             "المتواصل على تجهيزه، بحضور عدد من المسؤولين والأهالي.</p>\n"
             "<p>وقال مدير المشروع إن أعمال %s ستكتمل قبل نهاية العام، وإن "
             "المرحلة الثانية تبدأ بعدها مباشرة وفق الخطة المعتمدة.</p>\n"
             "<p>صحيفة المثال اليومية تصدر عن مؤسسة المثال للصحافة والطباعة "
             "والنشر في مدينة الساحل</p>\n"
             "</article></body></html>\n",
             word, word, word, word);
    memset(a, 0, sizeof *a);
    a->source = kh_strdup(source);
    a->raw = kh_strdup(html);
    a->raw_len = strlen(html);
    a->raw_format = KH_FORMAT_HTML;
}

/* A footer that survives HTML extraction recurs across the outlet's
 * pages: the model, which counts the extracted paragraphs, learns it and
 * the cleaner drops it from the next page, keeping the body. */
static void test_html_footer_learned(void)
{
    static const char footer[] = "صحيفة المثال اليومية تصدر عن";
    kh_article a;
    make_html_article(&a, "mithal", 99);
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    KH_CHECK(a.text && strstr(a.text, footer) != NULL); /* no model: kept */
    kh_article_clear(&a);

    kh_chrome *m = kh_chrome_create();
    for (int i = 0; i < 12; i++) {
        make_html_article(&a, "mithal", i);
        kh_chrome_observe(m, &a);
        kh_article_clear(&a);
    }
    make_html_article(&a, "mithal", 99);
    KH_CHECK_INT(kh_clean_article(&a, m), KH_OK);
    KH_CHECK(a.text && strstr(a.text, footer) == NULL);
    KH_CHECK(was_removed(&a, footer, "outlet-boilerplate"));
    KH_CHECK(a.text && strstr(a.text, "افتتحت الهيئة مشروع") != NULL &&
             strstr(a.text, "وقال مدير المشروع") != NULL);
    kh_article_clear(&a);
    kh_chrome_free(m);
}

typedef struct saved {
    char source[32];
    uint64_t shape, count;
} saved;

typedef struct saved_list {
    saved v[64];
    size_t n;
} saved_list;

static int save(void *ctx, const char *source, uint64_t sh, uint64_t count)
{
    saved_list *l = ctx;
    if (l->n == 64)
        return 1;
    snprintf(l->v[l->n].source, sizeof l->v[l->n].source, "%s", source);
    l->v[l->n].shape = sh;
    l->v[l->n].count = count;
    l->n++;
    return 0;
}

static void test_export_import(void)
{
    kh_chrome *m = kh_chrome_create();
    kh_article a;
    for (int i = 0; i < 10; i++) {
        make_article(&a, i < 6 ? "one" : NULL, i, NULL);
        kh_chrome_observe(m, &a);
        kh_article_clear(&a);
    }
    saved_list l = {.n = 0};
    KH_CHECK_INT(kh_chrome_export(m, save, &l), 0);
    KH_CHECK(l.n > 4);
    kh_chrome *copy = kh_chrome_create();
    for (size_t i = 0; i < l.n; i++)
        kh_chrome_add(copy, l.v[i].source, l.v[i].shape, l.v[i].count);
    KH_CHECK_INT(kh_chrome_articles(copy, "one"), 6);
    KH_CHECK_INT(kh_chrome_articles(copy, NULL), 4);
    KH_CHECK_INT(kh_chrome_articles(copy, ""), 4);
    uint64_t footer = shape("جميع الحقوق محفوظة لموقع المثال");
    KH_CHECK_INT(kh_chrome_count(copy, "one", footer), 6);
    KH_CHECK_INT(kh_chrome_count(copy, NULL, footer), 4);
    /* adding the export again doubles every count */
    for (size_t i = 0; i < l.n; i++)
        kh_chrome_add(copy, l.v[i].source, l.v[i].shape, l.v[i].count);
    KH_CHECK_INT(kh_chrome_count(copy, "one", footer), 12);
    KH_CHECK(kh_chrome_is_recurring(copy, "one", footer));
    /* a callback can stop the walk */
    saved_list small = {.n = 64};
    KH_CHECK_INT(kh_chrome_export(m, save, &small), 1);
    kh_chrome_free(copy);
    kh_chrome_free(m);
    kh_chrome_free(NULL);
}

int main(void)
{
    KH_RUN(test_shapes_ignore_digits_and_spaces);
    KH_RUN(test_footer_learned_per_outlet);
    KH_RUN(test_threshold);
    KH_RUN(test_republished_article_is_not_chrome);
    KH_RUN(test_datelines_are_protected);
    KH_RUN(test_html_pages_observed_as_text);
    KH_RUN(test_html_footer_learned);
    KH_RUN(test_export_import);
    return kh_test_report();
}
