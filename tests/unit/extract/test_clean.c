/*
 * test_clean.c - the text cleaner: keys and facts, each rule on its own,
 * the fixture pages in tests/fixtures/clean (every line's verdict is in a
 * .expect file beside the page), and kh_clean_article's fields.
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "extract/byline.h"
#include "extract/clean.h"
#include "extract/clean_rules.h"
#include "extract/clean_text.h"
#include "kh_test.h"
#include "khabar.h"

/* --- keys, facts, phrase tables --------------------------------------------- */

static void check_key(const char *in, const char *want)
{
    char *k = clean_key(in, strlen(in), NULL);
    KH_CHECK_STR(k, want);
    free(k);
}

static void test_keys_fold_spelling(void)
{
    check_key("إقرأ المزيد:البرلمان", "اقرا المزيد البرلمان");
    check_key("اقرأ أيضاً", "اقرا ايضا");
    check_key("  XS\u00a0SM ", "xs sm");
    check_key("هنــا", "هنا");            /* tatweel */
    check_key("مَدْرَسَةٌ", "مدرسه");      /* harakat, ta marbuta */
    check_key("مستشفى ٢٠١٥", "مستشفي 2015"); /* alef maqsura, digits */
    check_key("// 12:45 ت م", "12 45 ت م");
    check_key("* * *", "");
    check_key("", "");
}

static void test_tidy(void)
{
    const char in[] = "\xef\xbb\xbf  a\u00a0\u00a0b\u200f\tc \x1a ";
    char *t = clean_tidy(in, sizeof in - 1, NULL);
    KH_CHECK_STR(t, "a b c");
    free(t);
    const char bad[] = "x\xffy";
    t = clean_tidy(bad, sizeof bad - 1, NULL);
    KH_CHECK_STR(t, "x\xef\xbf\xbdy");
    free(t);
    t = clean_tidy(" \u00a0 ", strlen(" \u00a0 "), NULL);
    KH_CHECK_STR(t, "");
    free(t);
}

static void test_facts(void)
{
    clean_facts f;
    const char *s = "قال الوزير «إن العمل مستمر».";
    clean_facts_compute(&f, s, strlen(s));
    KH_CHECK_INT(f.words, 5);
    KH_CHECK(f.ends_sentence);
    KH_CHECK(!f.ends_colon);
    KH_CHECK_INT(f.digit_run, 0);
    clean_facts_free(&f);
    s = "تابعونا عبر واتس أب :";
    clean_facts_compute(&f, s, strlen(s));
    KH_CHECK(f.ends_colon && !f.ends_sentence);
    clean_facts_free(&f);
    s = "الرقم 0940777186";
    clean_facts_compute(&f, s, strlen(s));
    KH_CHECK_INT(f.digit_run, 10);
    clean_facts_free(&f);
}

/* Every phrase is written the way clean_key writes text; a phrase that is
 * not would silently never match. */
static void check_tables(const char *const *const *tables)
{
    for (const char *const *const *t = tables; *t; t++) {
        for (const char *const *p = *t; *p; p++) {
            char *k = clean_key(*p, strlen(*p), NULL);
            if (strcmp(k, *p) != 0)
                fprintf(stderr, "phrase \"%s\" has key \"%s\"\n", *p, k);
            KH_CHECK_STR(k, *p);
            free(k);
        }
    }
}

static void test_phrase_tables_are_keys(void)
{
    check_tables(clean_phrase_tables);
    check_tables(byline_phrase_tables);
}

/* --- single rules ------------------------------------------------------------- */

/* The verdict of the line rules on one line. */
static const char *rule(const char *line)
{
    clean_facts f;
    clean_facts_compute(&f, line, strlen(line));
    clean_mark mark;
    const char *why = clean_rule_line(line, &f, KH_PARA_BODY, &mark);
    clean_facts_free(&f);
    return why;
}

static void test_line_rules(void)
{
    KH_CHECK_STR(rule("Accessibility links"), "navigation");
    KH_CHECK_STR(rule("logo-print"), "navigation");
    KH_CHECK_STR(rule("الرئيسية » أخبار » محليات"), NULL); /* » is a quote */
    KH_CHECK_STR(rule("الرئيسية | أخبار | محليات | رياضة"), "navigation");
    KH_CHECK_STR(rule("XS"), "font-size");
    KH_CHECK_STR(rule("A- A A+"), "font-size");
    KH_CHECK_STR(rule("تكبير الخط"), "font-size");
    KH_CHECK_STR(rule("شاهد أيضاً"), "read-also");
    KH_CHECK_STR(rule("...المزيد"), "read-also");
    KH_CHECK_STR(rule("إقرأ المزيد:البرلمان يناقش الميزانية"), "read-also");
    KH_CHECK_STR(rule("مقالات أخرى للكاتبعنوان أول؟عنوان ثان"), "read-also");
    KH_CHECK_STR(rule("9 Comments"), "comments");
    KH_CHECK_STR(rule("12 تعليقا"), "comments");
    KH_CHECK_STR(rule("أضف تعليقاً"), "comments");
    KH_CHECK_STR(rule("التعليقات المنشورة لا تعبر عن رأي الموقع"), "comments");
    KH_CHECK_STR(rule("[ads3]"), NULL); /* cut by kh_paras_prepare instead */
    KH_CHECK_STR(rule("إعلان"), "ad-marker");
    KH_CHECK_STR(rule("https://example.com/a?b=1"), "url");
    KH_CHECK_STR(rule("الرابط: http://example.com"), "url");
    KH_CHECK_STR(rule("تويتر: Arfaj1"), "url");
    KH_CHECK_STR(rule("someone@example.com"), "url");
    KH_CHECK_STR(rule("شارك من خلال تويتر فيسبوك جوجل بلس"), "share-footer");
    KH_CHECK_STR(rule("رابط الخبر بصحيفة المثال: عنوان الخبر"), "share-footer");
    KH_CHECK_STR(rule("تابعونا على تويتر"), "subscribe-footer");
    KH_CHECK_STR(rule("للتواصل مع الكاتب ارسل رسالة SMS"), "subscribe-footer");
    KH_CHECK_STR(rule("88591 - Stc"), "subscribe-footer");
    KH_CHECK_STR(rule("فاكس: 6923348"), "subscribe-footer");
    KH_CHECK_STR(rule("// انتهى //"), "outlet-boilerplate");
    KH_CHECK_STR(rule("// 12:45 ت م"), "outlet-boilerplate");
    KH_CHECK_STR(rule("* خدمة «نيويورك تايمز»"), "outlet-boilerplate");
    KH_CHECK_STR(rule("(تصوير: المحرر)"), "caption");
    KH_CHECK_STR(rule("* * *"), "separator");
    KH_CHECK_STR(rule(""), "empty");
}

/* Lines that look like chrome on one word and are not. */
static void test_line_rules_leave_text_alone(void)
{
    KH_CHECK_STR(rule("تابعوا المباراة حتى الدقيقة الأخيرة رغم المطر."), NULL);
    KH_CHECK_STR(rule("المزيد من الأمطار متوقع غدا في المناطق الجنوبية."),
                 NULL);
    KH_CHECK_STR(rule("وقال إن التعليقات التي نشرت على الموقع لا تمثله."),
                 NULL);
    KH_CHECK_STR(rule("بدأت اللجنة بث 500 ألف رسالة نصية \"sms\" توعوية على "
                      "مدار الساعة في الشاشات الإلكترونية المنتشرة في "
                      "الشوارع والأسواق والمجمعات التجارية الكبرى في المدينة "
                      "طوال الأسبوع المقبل."),
                 NULL);
    KH_CHECK_STR(rule("١- افتح التطبيق ثم اختر الإعدادات واضغط هنا."), NULL);
    KH_CHECK_STR(rule("وزار الموقع الإلكتروني www.example.com أكثر من مليون "
                      "شخص خلال يوم واحد."),
                 NULL);
    KH_CHECK_STR(rule("مصر.. تراجع المؤشر 0.4 في المئة إلى 8158 نقطة."), NULL);
    KH_CHECK_STR(rule("للمزيد من الوضوح نشرت الوزارة جدولا بالمواعيد."), NULL);
}

static int dateline(const char *s)
{
    clean_facts f;
    clean_facts_compute(&f, s, strlen(s));
    int r = byline_is_dateline(s, &f);
    clean_facts_free(&f);
    return r;
}

static int byline(const char *s)
{
    clean_facts f;
    clean_facts_compute(&f, s, strlen(s));
    int r = byline_is_byline(s, &f);
    clean_facts_free(&f);
    return r;
}

static void test_bylines_and_datelines(void)
{
    KH_CHECK(dateline("موسكو-سانا"));
    KH_CHECK(dateline("الرياض 06 شوال 1436 هـ الموافق 22 يوليو 2015 م واس"));
    KH_CHECK(dateline("بيروت - أ ف ب"));
    KH_CHECK(dateline("طوكيو 01- واس"));
    KH_CHECK(!dateline("نايف عبدالله – عين اليوم"));
    KH_CHECK(byline("نايف عبدالله – عين اليوم"));
    KH_CHECK(byline("عين اليوم – متابعات"));
    KH_CHECK(byline("الرياض: فلان الفلاني"));
    KH_CHECK(byline("أحمد البشيري-الباحة"));
    KH_CHECK(byline("بقلم سلمى الحربي"));
    KH_CHECK(byline("علي حفول- سبق- نجران:"));
    KH_CHECK(!byline("موسكو-سانا"));
    KH_CHECK(!byline("بوتين يدعو لخطة مشتركة"));
    KH_CHECK(!byline("برلماني روسي: تنسيق الجهود ضد تنظيم داعش في سورية "
                     "يعجل في تخليص البلاد من الإرهاب"));
    KH_CHECK(!byline("قاعة للمخطوطات النادرة"));
    KH_CHECK(!byline("- طبعا كلهم صوتوا بنعم"));   /* a dialogue line */
    KH_CHECK(!byline("انطلاق «النسخة العربية ـ الثانية» اليوم"));
    KH_CHECK(!byline("والماءُ -رغم الحرِّ– يتبسَّمُ")); /* verse */
    KH_CHECK(!byline("قال نبينا محمد -صلى الله عليه وسلم-:"));
    KH_CHECK(!byline("* أين: مطعم البحر"));
}

static int opens_report(const char *s)
{
    clean_facts f;
    clean_facts_compute(&f, s, strlen(s));
    int r = clean_opens_report(&f);
    clean_facts_free(&f);
    return r;
}

static void test_connectives(void)
{
    KH_CHECK(opens_report("أعلنت الوزارة اليوم عن خطة جديدة."));
    KH_CHECK(opens_report("وافق مجلس الشورى على النظام."));   /* و is a root */
    KH_CHECK(opens_report("وزير الخارجية يصل إلى القاهرة."));
    KH_CHECK(opens_report("في مدينة جدة افتتح المعرض."));
    KH_CHECK(!opens_report("وقال الوزير إن الخطة جاهزة."));
    KH_CHECK(!opens_report("فيما أكد المتحدث أن العمل مستمر."));
    KH_CHECK(!opens_report("في غضون ذلك، دعا الرئيس إلى الحوار."));
    KH_CHECK(!opens_report("من جانبه، أكد المدير أن المشروع سينتهي."));
    KH_CHECK(!opens_report("كما اقترح الوزير عقد اجتماع."));
}

/* --- paragraphs ------------------------------------------------------------------ */

static void run_paras(kh_paras *p, const char *text, const char *title,
                      const char *author, kh_clean_found *found)
{
    kh_paras_split_text(p, text, strlen(text));
    kh_clean_opts o = {.title = title, .author = author,
                       .title_from_text = title == NULL};
    kh_clean_paras(p, &o, found);
}

static void test_inline_cuts(void)
{
    kh_paras p = KH_PARAS_INIT;
    kh_clean_found found;
    run_paras(&p,
              "Next Previous فيصل الغامدي – عين اليوم\n"
              "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك أعلنت الهيئة "
              "اليوم [ad_1] نتائج المسابقة السنوية للقراءة.\n",
              "عنوان", NULL, &found);
    KH_CHECK_INT(p.n, 2);
    KH_CHECK_STR(p.v[0].dropped, "byline");
    KH_CHECK_STR(p.v[0].text, "فيصل الغامدي – عين اليوم");
    KH_CHECK_INT(p.v[0].n_cuts, 1);
    KH_CHECK_STR(p.v[0].cuts[0].line, "Next Previous");
    KH_CHECK_STR(p.v[0].cuts[0].reason, "navigation");
    KH_CHECK_STR(found.byline, "فيصل الغامدي – عين اليوم");
    KH_CHECK_STR(p.v[1].dropped, NULL);
    KH_CHECK_STR(p.v[1].text, "أعلنت الهيئة اليوم نتائج المسابقة السنوية "
                              "للقراءة.");
    KH_CHECK_INT(p.v[1].n_cuts, 2);
    KH_CHECK_STR(p.v[1].cuts[0].reason, "share-footer");
    KH_CHECK_STR(p.v[1].cuts[1].line, "[ad_1]");
    KH_CHECK_INT(found.kept, 1);
    kh_clean_found_free(&found);
    kh_paras_free(&p);
}

static void test_author_prefix_and_line(void)
{
    kh_paras p = KH_PARAS_INIT;
    kh_clean_found found;
    run_paras(&p,
              "علي حفول- سبق- نجران: وجه رئيس الهيئة بشكر صاحب الوحدة "
              "السكنية.\n"
              "وقامت الهيئة بتكريم العامل.\n"
              "علي حفول- سبق- نجران:\n",
              "عنوان", "علي حفول- سبق- نجران:", &found);
    KH_CHECK_STR(p.v[0].dropped, NULL);
    KH_CHECK_STR(p.v[0].text, "وجه رئيس الهيئة بشكر صاحب الوحدة السكنية.");
    KH_CHECK_INT(p.v[0].n_cuts, 1);
    KH_CHECK_STR(p.v[0].cuts[0].reason, "byline");
    KH_CHECK_STR(p.v[2].dropped, "byline");
    kh_clean_found_free(&found);
    kh_paras_free(&p);
    /* an "author" that is a whole paragraph (a scraper's mistake) is not
     * used to cut anything */
    run_paras(&p, "- ما نتيجة كل هذا الضخ اليومي المليء بالأفكار المسمومة "
                  "والجدل والشائعات؟\n",
              "عنوان", "- ما نتيجة كل هذا الضخ اليومي المليء بالأفكار "
                       "المسمومة والجدل والشائعات؟", &found);
    KH_CHECK_STR(p.v[0].dropped, NULL);
    kh_clean_found_free(&found);
    kh_paras_free(&p);
}

/* Short repeats are real text (refrains, formulas); long ones are not. */
static void test_glued_bylines_and_tags(void)
{
    kh_paras p = KH_PARAS_INIT;
    kh_clean_found found;
    run_paras(&p,
              "بدر الروقي- سبق- عنيزة: اتفقت الشركة المنظمة مع البلدية على "
              "موعد المعرض.\n"
              "وقالت البلدية إن المعرض يفتح أبوابه مساء الخميس. سمات عنيزة "
              "معرض البلدية\n",
              "عنوان", NULL, &found);
    KH_CHECK_STR(p.v[0].text, "اتفقت الشركة المنظمة مع البلدية على موعد "
                              "المعرض.");
    KH_CHECK(p.v[0].n_cuts == 1 && p.v[0].cuts[0].reason == KH_WHY_BYLINE);
    KH_CHECK_STR(p.v[1].text, "وقالت البلدية إن المعرض يفتح أبوابه مساء "
                              "الخميس.");
    KH_CHECK(p.v[1].n_cuts == 1);
    if (p.v[1].n_cuts == 1)
        KH_CHECK_STR(p.v[1].cuts[0].line, "سمات عنيزة معرض البلدية");
    kh_clean_found_free(&found);
    kh_paras_free(&p);
    /* an attribution stays, and so does "سمات" inside a sentence */
    run_paras(&p,
              "وزير الخارجية - فلان الفلاني: الحل السياسي هو الطريق الوحيد.\n"
              "وقال إن من سمات المرحلة المقبلة التعاون بين الدول.\n",
              "عنوان", NULL, &found);
    KH_CHECK_INT(p.v[0].n_cuts, 0);
    KH_CHECK_INT(p.v[1].n_cuts, 0);
    KH_CHECK_INT(found.kept, 2);
    kh_clean_found_free(&found);
    kh_paras_free(&p);
}

static void test_repeats(void)
{
    static const char formula[] =
        "وعبر عن تعازيه لأسر الضحايا سائلا الله أن يمن على المصابين "
        "بالشفاء العاجل.";
    static const char twice[] =
        "وكانت الأمطار الغزيرة قد أغرقت عددا من الشوارع الرئيسية في المدينة "
        "مساء أمس وتسببت في تعطل حركة السير لساعات طويلة قبل أن تتدخل فرق "
        "الدفاع المدني.";
    char text[4096];
    snprintf(text, sizeof text,
             "تلقى الأمير اتصالا من وزير الداخلية أعرب فيه عن إدانته للهجوم.\n"
             "%s\n"
             "كما تلقى اتصالا من رئيس الوزراء أعرب فيه عن إدانته للهجوم.\n"
             "%s\n%s\nيا ليل\nيا ليل\nثم عاد الهدوء إلى المدينة.\n%s\n",
             formula, twice, formula, twice);
    kh_paras p = KH_PARAS_INIT;
    kh_clean_found found;
    run_paras(&p, text, "عنوان", NULL, &found);
    KH_CHECK_INT(p.n, 9);
    KH_CHECK_STR(p.v[1].dropped, NULL);
    KH_CHECK_STR(p.v[3].dropped, NULL);
    KH_CHECK_STR(p.v[4].dropped, NULL); /* the formula again: kept */
    KH_CHECK_STR(p.v[5].dropped, NULL); /* a refrain after the body starts */
    KH_CHECK_STR(p.v[6].dropped, NULL);
    KH_CHECK_STR(p.v[8].dropped, "repeated");
    kh_clean_found_free(&found);
    kh_paras_free(&p);
}

/* Kind hints from an HTML producer. */
static void test_kind_hints(void)
{
    kh_paras p = KH_PARAS_INIT;
    const char *lines[] = {
        ("أطلقت البلدية حملة لتنظيف الشواطئ بمشاركة مئات المتطوعين من "
         "سكان المدينة."),
        "متطوعون على الشاطئ",
        "أخبار محلية",
        "تفاصيل الحملة",
        "وتستمر الحملة أسبوعا كاملا."};
    kh_para_kind kinds[] = {KH_PARA_BODY, KH_PARA_CAPTION, KH_PARA_LINK_BLOCK,
                            KH_PARA_HEADING, KH_PARA_BODY};
    for (int i = 0; i < 5; i++)
        kh_paras_push(&p, lines[i], strlen(lines[i]), kinds[i]);
    kh_clean_opts o = {.title = "حملة لتنظيف الشواطئ"};
    kh_clean_paras(&p, &o, NULL);
    KH_CHECK_STR(p.v[0].dropped, NULL);
    KH_CHECK_STR(p.v[1].dropped, "caption");
    KH_CHECK_STR(p.v[2].dropped, "navigation");
    KH_CHECK_STR(p.v[3].dropped, NULL);
    KH_CHECK_STR(p.v[4].dropped, NULL);
    kh_paras_free(&p);
}

/* --- fixture pages --------------------------------------------------------------- */

/* Compare each paragraph's verdict with the .expect file: one line per
 * non-blank page line, "keep" or a reason, and "+reason" per cut. */
static void check_fixture(const char *name)
{
    char rel[128];
    snprintf(rel, sizeof rel, "clean/%s.txt", name);
    char *page_path = kh_test_env_path("KH_FIXTURES", rel);
    snprintf(rel, sizeof rel, "clean/%s.expect", name);
    char *expect_path = kh_test_env_path("KH_FIXTURES", rel);
    KH_CHECK(page_path && expect_path);
    if (!page_path || !expect_path) {
        free(page_path);
        free(expect_path);
        return;
    }
    size_t len;
    char *page = kh_test_read_file(page_path, &len);
    char *expect = kh_test_read_file(expect_path, NULL);
    kh_paras p = KH_PARAS_INIT;
    kh_clean_found found;
    run_paras(&p, page, NULL, NULL, &found);
    size_t i = 0;
    for (char *line = strtok(expect, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        KH_CHECK(i < p.n);
        if (i >= p.n)
            break;
        char *cut = strchr(line, '+');
        if (cut)
            cut[-1] = '\0';
        const char *got = p.v[i].dropped ? p.v[i].dropped : "keep";
        if (strcmp(got, line) != 0)
            fprintf(stderr, "%s line %zu \"%s\": %s, want %s\n", name, i + 1,
                    p.v[i].text, got, line);
        KH_CHECK_STR(got, line);
        KH_CHECK_INT(p.v[i].n_cuts, cut ? 1 : 0);
        if (cut && p.v[i].n_cuts)
            KH_CHECK_STR(p.v[i].cuts[0].reason, cut + 1);
        i++;
    }
    KH_CHECK_INT(i, p.n);
    kh_clean_found_free(&found);
    kh_paras_free(&p);
    free(page);
    free(expect);
    free(page_path);
    free(expect_path);
}

static void test_fixture_pages(void)
{
    const char *names[] = {"related", "wire", "feed", "chrome", "spa",
                           "resume"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        check_fixture(names[i]);
}

/* --- kh_clean_article -------------------------------------------------------------- */

static void load_article(kh_article *a, const char *fixture)
{
    memset(a, 0, sizeof *a);
    char rel[128];
    snprintf(rel, sizeof rel, "clean/%s", fixture);
    char *path = kh_test_env_path("KH_FIXTURES", rel);
    KH_CHECK(path != NULL);
    if (path)
        a->raw = kh_test_read_file(path, &a->raw_len);
    a->raw_format = KH_FORMAT_TEXT;
    free(path);
}

static void test_article_from_text_page(void)
{
    kh_article a;
    load_article(&a, "chrome.txt");
    int rc = kh_clean_article(&a, NULL);
    KH_CHECK_INT(rc, KH_OK);
    KH_CHECK_STR(a.title,
                 "جامعة الملك سعود تطلق برنامجا صيفيا لتعليم البرمجة للطلاب");
    KH_CHECK_STR(a.author, "سلمى الحربي – عين الخبر");
    KH_CHECK(a.text && strncmp(a.text, "أطلقت جامعة الملك سعود", 40) == 0);
    size_t lines = 1;
    for (const char *c = a.text; c && *c; c++)
        lines += *c == '\n';
    KH_CHECK_INT(lines, 3);
    KH_CHECK_INT(a.n_removed, 15);
    KH_CHECK_STR(a.removed[0].line, "Skip to content");
    KH_CHECK_STR(a.removed[0].reason, "navigation");
    KH_CHECK_STR(a.removed[4].reason, "title");
    KH_CHECK_STR(a.removed[14].line, "XS SM MD LG");
    KH_CHECK(a.content_hash != 0);
    KH_CHECK(a.id == a.content_hash);
    /* cleaning again gives the same article */
    uint64_t hash = a.content_hash;
    char *text = kh_strdup(a.text);
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    KH_CHECK_STR(a.text, text);
    KH_CHECK(a.content_hash == hash);
    free(text);
    kh_article_clear(&a);
}

static void test_article_fields(void)
{
    kh_article a = {0};
    a.id = 42;
    a.title = kh_strdup("المطر يعود إلى الرياض");
    a.author = kh_strdup("سلمى الحربي");
    a.raw = kh_strdup("المطر يعود إلى الرياض\n"
                      "هطلت أمطار غزيرة على الرياض مساء أمس.\n"
                      "سلمى الحربي\n");
    a.raw_len = strlen(a.raw);
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    KH_CHECK_STR(a.text, "هطلت أمطار غزيرة على الرياض مساء أمس.");
    KH_CHECK_INT(a.n_removed, 2);
    KH_CHECK_STR(a.removed[0].reason, "title");
    KH_CHECK_STR(a.removed[1].reason, "byline");
    KH_CHECK(a.id == 42); /* an id from the URL is kept */
    uint64_t hash = a.content_hash;
    kh_article_clear(&a);

    /* the same body with other chrome has the same content hash */
    a.raw = kh_strdup("Skip to content\nعنوان آخر\n"
                      "هطلت أمطار غزيرة على الرياض مساء أمس.\n"
                      "تابعونا على تويتر\n");
    a.raw_len = strlen(a.raw);
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    KH_CHECK(a.content_hash == hash);
    KH_CHECK_STR(a.title, "عنوان آخر");
    kh_article_clear(&a);
}

static void test_article_empty(void)
{
    kh_article a = {0};
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_EEMPTY);
    KH_CHECK(a.text == NULL && a.content_hash == 0);
    a.raw = kh_strdup("عنوان الصفحة\nاقرأ أيضا\nhttps://example.com\n\n");
    a.raw_len = strlen(a.raw);
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_EEMPTY);
    KH_CHECK(a.text == NULL);
    KH_CHECK_INT(a.n_removed, 3);
    kh_article_clear(&a);
}

int main(void)
{
    KH_RUN(test_keys_fold_spelling);
    KH_RUN(test_tidy);
    KH_RUN(test_facts);
    KH_RUN(test_phrase_tables_are_keys);
    KH_RUN(test_line_rules);
    KH_RUN(test_line_rules_leave_text_alone);
    KH_RUN(test_bylines_and_datelines);
    KH_RUN(test_connectives);
    KH_RUN(test_inline_cuts);
    KH_RUN(test_author_prefix_and_line);
    KH_RUN(test_glued_bylines_and_tags);
    KH_RUN(test_repeats);
    KH_RUN(test_kind_hints);
    KH_RUN(test_fixture_pages);
    KH_RUN(test_article_from_text_page);
    KH_RUN(test_article_fields);
    KH_RUN(test_article_empty);
    return kh_test_report();
}
