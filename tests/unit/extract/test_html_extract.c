/*
 * test_html_extract.c - the HTML extractor on pages written for khabar
 * (tests/fixtures/html): the body kept paragraph for paragraph, every kind
 * of chrome dropped with its reason, the metadata read; then the same page
 * in windows-1256 through the reader, and broken markup of every sort.
 */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/html_article.h"
#include "kh_test.h"
#include "khabar.h"

static char *fixture(const char *name, size_t *len)
{
    char rel[256];
    snprintf(rel, sizeof rel, "html/%s", name);
    char *path = kh_test_env_path("KH_FIXTURES", rel);
    if (!path) {
        fprintf(stderr, "fixture %s not found (KH_FIXTURES)\n", name);
        return NULL;
    }
    char *data = kh_test_read_file(path, len);
    free(path);
    return data;
}

/* The expected body: the .expected.txt file without its final newline. */
static char *expected(const char *name)
{
    size_t len;
    char *e = fixture(name, &len);
    while (e && len && (e[len - 1] == '\n' || e[len - 1] == '\r'))
        e[--len] = '\0';
    return e;
}

/* Clean an HTML page held in memory (UTF-8). */
static int clean_page(const char *html, size_t len, kh_article *a)
{
    memset(a, 0, sizeof *a);
    a->raw = malloc(len + 1);
    memcpy(a->raw, html, len);
    a->raw[len] = '\0';
    a->raw_len = len;
    a->raw_format = KH_FORMAT_HTML;
    return kh_clean_article(a, NULL);
}

static const char *reason_of(const kh_article *a, const char *needle)
{
    for (size_t i = 0; i < a->n_removed; i++)
        if (strstr(a->removed[i].line, needle))
            return a->removed[i].reason;
    return NULL;
}

static void check_page(const char *page, const char *want_title,
                       const char *want_author, const char *want_date,
                       const char *want_lang, const char *want_dir)
{
    char html_name[128], exp_name[128];
    snprintf(html_name, sizeof html_name, "%s.html", page);
    snprintf(exp_name, sizeof exp_name, "%s.expected.txt", page);
    size_t len;
    char *html = fixture(html_name, &len);
    char *want = expected(exp_name);
    KH_CHECK(html != NULL && want != NULL);
    if (!html || !want) {
        free(html);
        free(want);
        return;
    }
    kh_article a;
    KH_CHECK_INT(clean_page(html, len, &a), KH_OK);
    KH_CHECK_STR(a.text, want);
    KH_CHECK_STR(a.title, want_title);
    KH_CHECK_STR(a.author, want_author);
    KH_CHECK_STR(a.date, want_date);
    KH_CHECK_STR(a.lang, want_lang);
    KH_CHECK_STR(a.dir, want_dir);
    KH_CHECK(a.content_hash != 0);
    KH_CHECK(a.id != 0);
    kh_article_clear(&a);
    free(html);
    free(want);
}

static void test_semantic_page(void)
{
    check_page("news_semantic", "افتتاح مكتبة عامة جديدة في حي الورود",
               "سلمى الحداد", "2020-03-02T09:15:00", "ar", "rtl");
    /* and why each piece of chrome went */
    size_t len;
    char *html = fixture("news_semantic.html", &len);
    if (!html)
        return;
    kh_article a;
    clean_page(html, len, &a);
    KH_CHECK_STR(reason_of(&a, "نستخدم ملفات تعريف الارتباط"), "cookie-banner");
    KH_CHECK_STR(reason_of(&a, "ارتفاع درجات الحرارة"), "ticker");
    KH_CHECK_STR(reason_of(&a, "خطوة رائعة ننتظرها"), "comments");
    KH_CHECK_STR(reason_of(&a, "تنطلق الأسبوع المقبل مسابقة"), "related");
    KH_CHECK_STR(reason_of(&a, "قاعة القراءة الرئيسية"), "caption");
    KH_CHECK_STR(reason_of(&a, "الأرصاد تتوقع"), "most-read");
    KH_CHECK_STR(reason_of(&a, "اشترك في نشرتنا"), "subscribe");
    KH_CHECK(reason_of(&a, "البلدية تعلن خطة لتشجير") != NULL);
    KH_CHECK(strstr(a.text, "نص مخفي") == NULL); /* class="hidden" */
    kh_article_clear(&a);
    free(html);
}

static void test_legacy_page(void)
{
    /* the page says windows-1256 but is UTF-8: the bytes win */
    check_page("legacy_table", "انطلاق موسم الصيد البحري على الساحل الشرقي",
               "ماجد العتيبي", "2020-03-10", "ar", "rtl");
}

static void test_jsonld_and_feed(void)
{
    check_page("jsonld_feed", "وصول أول قطار ركاب إلى المحطة الجديدة",
               "دمشق - وائل منصور", "2019-11-20T14:05:00", "ar", "rtl");
}

static void test_english_page(void)
{
    check_page("english_blog", "How the harbour town rebuilt its pier",
               "Jane Marlow", "2021-03-04", "en", "ltr");
}

/* ---- the same page in windows-1256, through the reader ------------------ */

/* windows-1256 has no Arabic-Indic digits: legacy pages wrote 0-9, so
 * the digits become ASCII first (U+0660-0669 are D9 A0-A9 in UTF-8). */
static char *to_cp1256(const char *utf8, size_t len, size_t *out_len)
{
    char *ascii = malloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)utf8[i];
        unsigned char d = i + 1 < len ? (unsigned char)utf8[i + 1] : 0;
        if (c == 0xD9 && d >= 0xA0 && d <= 0xA9) {
            ascii[n++] = (char)('0' + (d - 0xA0));
            i++;
        } else {
            ascii[n++] = (char)c;
        }
    }
    iconv_t cd = iconv_open("CP1256", "UTF-8");
    if (cd == (iconv_t)-1) {
        free(ascii);
        return NULL;
    }
    size_t cap = n + 16;
    char *out = malloc(cap), *op = out;
    char *ip = ascii;
    size_t il = n, ol = cap;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    iconv_close(cd);
    free(ascii);
    if (r == (size_t)-1) {
        free(out);
        return NULL;
    }
    *out_len = cap - ol;
    return out;
}

typedef struct got_article {
    int n;
    char *text, *title, *author, *date;
    const char *encoding;
} got_article;

static int keep_article(void *ctx, kh_article *a)
{
    got_article *g = ctx;
    g->n++;
    g->encoding = a->encoding;
    kh_clean_article(a, NULL);
    g->text = a->text;
    g->title = a->title;
    g->author = a->author;
    g->date = a->date;
    a->text = a->title = a->author = a->date = NULL;
    return 0;
}

static void test_cp1256_page(void)
{
    size_t len, cp_len;
    char *html = fixture("legacy_table.html", &len);
    char *want = expected("legacy_table.expected.txt");
    if (!html || !want) {
        KH_CHECK(0);
        free(html);
        free(want);
        return;
    }
    char *cp = to_cp1256(html, len, &cp_len);
    KH_CHECK(cp != NULL);
    if (cp) {
        got_article g = {0};
        kh_read_opts opts;
        kh_read_opts_init(&opts);
        kh_read_sink sink = {keep_article, NULL, NULL, &g};
        KH_CHECK_INT(kh_read_buffer("legacy.html", cp, cp_len, &opts, &sink),
                     KH_OK);
        KH_CHECK_INT(g.n, 1);
        KH_CHECK_STR(g.encoding, "windows-1256");
        KH_CHECK_STR(g.text, want);
        KH_CHECK_STR(g.title, "انطلاق موسم الصيد البحري على الساحل الشرقي");
        KH_CHECK_STR(g.author, "ماجد العتيبي");
        KH_CHECK_STR(g.date, "2020-03-10");
        free(g.text);
        free(g.title);
        free(g.author);
        free(g.date);
        free(cp);
    }
    free(html);
    free(want);
}

/* ---- bad input ------------------------------------------------------------ */

static char *repeat(const char *piece, size_t times, const char *middle)
{
    size_t pl = strlen(piece), ml = strlen(middle);
    char *s = malloc(pl * times + ml + 1), *p = s;
    for (size_t i = 0; i < times; i++, p += pl)
        memcpy(p, piece, pl);
    memcpy(p, middle, ml + 1);
    return s;
}

static const char *const story =
    "<p>أكد باحثون في جامعة محلية أن زراعة الأشجار على جانبي الطرق تخفض "
    "حرارة الأرصفة في الصيف بعدة درجات، وأوصوا بتوسيع التجربة لتشمل "
    "الأحياء الجديدة في المدينة خلال الأعوام المقبلة.</p>";

static void test_deep_nesting(void)
{
    /* 100,000 nested <div>s around a paragraph, never closed */
    char *open = repeat("<div>", 100000, story);
    kh_article a;
    int rc = clean_page(open, strlen(open), &a);
    KH_CHECK_INT(rc, KH_OK);
    KH_CHECK(a.text && strstr(a.text, "زراعة الأشجار") != NULL);
    kh_article_clear(&a);
    free(open);
    /* and 100,000 nested <span>s, closed */
    char *spans = repeat("<span>", 100000, story);
    kh_article b;
    rc = clean_page(spans, strlen(spans), &b);
    KH_CHECK_INT(rc, KH_OK);
    KH_CHECK(b.text && strstr(b.text, "زراعة الأشجار") != NULL);
    kh_article_clear(&b);
    free(spans);
}

static void test_huge_attribute(void)
{
    size_t big = 8u << 20;
    char *html = malloc(big + 1024);
    char *p = html;
    p += sprintf(p, "<html><body><div class=\"");
    memset(p, 'x', big);
    p += big;
    p += sprintf(p, "\" id=\"a\">%s</div></body></html>", story);
    kh_article a;
    KH_CHECK_INT(clean_page(html, (size_t)(p - html), &a), KH_OK);
    KH_CHECK(a.text && strstr(a.text, "زراعة الأشجار") != NULL);
    kh_article_clear(&a);
    free(html);
}

static void test_broken_markup(void)
{
    static const char *const pages[] = {
        /* truncated in the middle of a tag, of an attribute, of a word */
        "<html><body><article><p>أكد باحثون في جامعة محلية أن زراعة "
        "الأشجار على جانبي الطرق تخفض حرارة الأرصفة في الصيف بعدة درجات "
        "وأوصوا بتوسيع التجربة</p><p class=\"x",
        "<html><body><p>أكد باحثون في جامعة محلية أن زراعة الأشجار على "
        "جانبي الطرق تخفض حرارة الأرصفة في الصيف بعدة درجات وأوصوا "
        "بتوسيع التجربة لتشمل الأحياء الجديدة</p></div></span></p></table>"
        "<td><tr></li>",
        /* stray closing tags, misnested inline tags, unquoted attributes */
        "<p><b><i>أكد باحثون في جامعة محلية أن زراعة الأشجار على جانبي "
        "الطرق تخفض حرارة الأرصفة في الصيف بعدة درجات</b></i> وأوصوا "
        "بتوسيع التجربة لتشمل الأحياء الجديدة<div class=a id=b>",
        /* a comment and a CDATA section never closed */
        "<p>أكد باحثون في جامعة محلية أن زراعة الأشجار على جانبي الطرق "
        "تخفض حرارة الأرصفة في الصيف بعدة درجات وأوصوا بتوسيع التجربة</p>"
        "<!-- <p>not text",
        /* a script never closed */
        "<p>أكد باحثون في جامعة محلية أن زراعة الأشجار على جانبي الطرق "
        "تخفض حرارة الأرصفة في الصيف بعدة درجات وأوصوا بتوسيع التجربة</p>"
        "<script>var x = '</p>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        kh_article a;
        int rc = clean_page(pages[i], strlen(pages[i]), &a);
        KH_CHECK_INT(rc, KH_OK);
        KH_CHECK(a.text && strstr(a.text, "حرارة الأرصفة") != NULL);
        KH_CHECK(a.text && strstr(a.text, "not text") == NULL);
        kh_article_clear(&a);
    }
}

static void test_empty_pages(void)
{
    static const char *const pages[] = {
        "", "<html></html>", "<script>var a = 1;</script><style>p{}</style>",
        "<html><body><nav><a href=/>الرئيسية</a></nav></body></html>",
        "\x01\x02\x03\xff\xfe", "<<<<>>>>", "<!doctype html><title>t</title>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        kh_article a;
        int rc = clean_page(pages[i], strlen(pages[i]), &a);
        KH_CHECK(rc == KH_EEMPTY || (rc == KH_OK && a.text));
        kh_article_clear(&a);
    }
    /* a NULL page is an empty page */
    kh_html_result r;
    kh_html_extract(NULL, 0, NULL, &r);
    KH_CHECK_STR(r.body, "");
    KH_CHECK(r.title == NULL);
    kh_html_result_free(&r);
}

static void test_extract_only(void)
{
    size_t len;
    char *html = fixture("news_semantic.html", &len);
    if (!html) {
        KH_CHECK(0);
        return;
    }
    kh_html_result r;
    kh_html_extract(html, len, "https://example.com/2020/03/02/x", &r);
    KH_CHECK(strstr(r.body, "افتتحت البلدية") == r.body);
    KH_CHECK(strstr(r.body, "أبو خالد") == NULL);
    KH_CHECK(r.n_removed > 20);
    KH_CHECK_STR(r.lang, "ar");
    kh_html_result_free(&r);
    free(html);
}

int main(void)
{
    if (!getenv("KH_FIXTURES")) {
        fprintf(stderr, "KH_FIXTURES is not set (ctest sets it to "
                        "tests/fixtures): skipped\n");
        return 77;
    }
    KH_RUN(test_semantic_page);
    KH_RUN(test_legacy_page);
    KH_RUN(test_jsonld_and_feed);
    KH_RUN(test_english_page);
    KH_RUN(test_cp1256_page);
    KH_RUN(test_deep_nesting);
    KH_RUN(test_huge_attribute);
    KH_RUN(test_broken_markup);
    KH_RUN(test_empty_pages);
    KH_RUN(test_extract_only);
    return kh_test_report();
}
