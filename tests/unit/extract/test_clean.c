/*
 * test_clean.c - the text cleaner: keys and facts, each rule on its own,
 * the fixture pages in tests/fixtures/clean (every line's verdict is in a
 * .expect file beside the page), and kh_clean_article's fields.
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/utf8.h"
#include "extract/chrome.h"
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

/* Pieces of scraped text, joined at random by the tests below: letters,
 * folds, marks, tatweel, digits of three scripts, spaces of several
 * kinds, invisible characters, an invalid byte, punctuation. */
static const char *const pieces[] = {
    "قال", "أحمد", "ـ", "َ", "مسؤول", "ABC", "Café", "123", "٣٤",
    "۵",   " ",    "  ", " ", "	",  "‏", "​", "",
    "ÿ", "Ø", ".", ":", "؟", "«", "»", "[ads3]", "-", "x",
};

static size_t random_text(char *out, size_t cap, unsigned *seed)
{
    size_t n = 0;
    int count = (int)(*seed % 40);
    for (int i = 0; i < count; i++) {
        *seed = *seed * 1103515245u + 12345u;
        size_t pick = (*seed >> 16) % (sizeof pieces / sizeof *pieces);
        const char *p = pieces[pick];
        size_t k = strlen(p);
        if (n + k >= cap)
            break;
        memcpy(out + n, p, k);
        n += k;
    }
    out[n] = '\0';
    *seed = *seed * 1103515245u + 12345u;
    return n;
}

/* clean_tidy as it was first written, one character at a time: the run
 * copying of the real one must give the same bytes. */
static char *tidy_reference(const char *s, size_t n)
{
    char *out = kh_malloc(3 * n + 1);
    size_t len = 0;
    int pending = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = kh_utf8_decode((const unsigned char *)s + i, n - i, &cp,
                                  NULL);
        if (clean_is_space(cp)) {
            pending = len > 0;
        } else if (!(clean_class(cp) & CLEAN_INVISIBLE)) {
            if (pending)
                out[len++] = ' ';
            pending = 0;
            if (cp == KH_UTF8_REPLACEMENT && k == 1) {
                memcpy(out + len, "\xEF\xBF\xBD", 3);
                len += 3;
            } else {
                memcpy(out + len, s + i, k);
                len += k;
            }
        }
        i += k;
    }
    out[len] = '\0';
    return out;
}

static int same_facts(const clean_facts *a, const clean_facts *b)
{
    return a->key_len == b->key_len && strcmp(a->key, b->key) == 0 &&
           a->words == b->words && a->letters == b->letters &&
           a->arabic == b->arabic && a->digit_run == b->digit_run &&
           a->ends_sentence == b->ends_sentence &&
           a->ends_colon == b->ends_colon;
}

/* The one-pass variants give what the separate passes give: tidy, the
 * facts of the tidied text and of its head, and the chrome shape, on
 * random texts, for heads of every length. */
static void test_one_pass_equals_separate(void)
{
    clean_class_init();
    unsigned seed = 7;
    int tidy_ok = 1, facts_ok = 1, shape_ok = 1, checked = 0;
    for (int round = 0; round < 400; round++) {
        char raw[512];
        size_t n = random_text(raw, sizeof raw, &seed);
        char *want = tidy_reference(raw, n);
        size_t len;
        char *t = clean_tidy(raw, n, &len);
        tidy_ok &= strcmp(t, want) == 0 && len == strlen(want);
        free(want);
        clean_facts whole;
        uint64_t shape = clean_facts_compute_shape(&whole, t, len);
        shape_ok &= shape == kh_chrome_shape(t, len);
        clean_facts alone;
        clean_facts_compute(&alone, t, len);
        facts_ok &= same_facts(&whole, &alone);
        clean_facts_free(&alone);
        for (size_t head_at = 0; head_at <= len + 1; head_at++) {
            size_t head = head_at < len ? head_at : len;
            while (head < len && ((unsigned char)t[head] & 0xC0) == 0x80)
                head++;
            clean_facts f, hf, sep;
            uint64_t sh = 0;
            size_t len2;
            /* every third without the whole's facts (the learn pass) */
            int no_whole = head_at % 3 == 2;
            char *t2 = clean_tidy_facts(raw, n, &len2, head_at,
                                        no_whole ? NULL : &f, &hf,
                                        head_at % 2 ? &sh : NULL);
            tidy_ok &= len2 == len && strcmp(t2, t) == 0;
            clean_facts_compute(&sep, t, head);
            facts_ok &= same_facts(&hf, &sep);
            if (no_whole)
                clean_facts_compute(&f, t, len);
            facts_ok &= same_facts(&f, &whole);
            shape_ok &= head_at % 2 == 0 || sh == shape;
            clean_facts_free(&f);
            clean_facts_free(&hf);
            clean_facts_free(&sep);
            free(t2);
            checked++;
        }
        clean_facts_free(&whole);
        free(t);
    }
    KH_CHECK(tidy_ok);
    KH_CHECK(facts_ok);
    KH_CHECK(shape_ok);
    KH_CHECK(checked > 2000);
}

/* Lines end at \n, \r or both; blank lines are not pushed. */
static void test_split_lines(void)
{
    const char page[] = "one\r\ntwo\rthree\n\n  \t\nfour\r\r\nfive";
    kh_paras p = KH_PARAS_INIT;
    kh_paras_split_text(&p, page, sizeof page - 1);
    static const char *const want[] = {"one", "two", "three", "four", "five"};
    KH_CHECK_INT((long long)p.n, 5);
    for (size_t i = 0; i < p.n && i < 5; i++)
        KH_CHECK_STR(p.v[i].text, want[i]);
    kh_paras_free(&p);
    kh_paras_split_text(&p, "last line\n", strlen("last line\n"));
    kh_paras_split_text(&p, "", 0);
    kh_paras_split_text(&p, NULL, 0);
    KH_CHECK_INT((long long)p.n, 1);
    kh_paras_free(&p);
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

/* Cleaning with the text's tokens made on the way: the same article and
 * content hash, and the tokens those of the clean text. */
static int count_token(void *ctx, const kh_token *tok)
{
    (void)tok;
    ++*(size_t *)ctx;
    return 0;
}

static void test_article_tokens(void)
{
    kh_article a, b;
    load_article(&a, "chrome.txt");
    load_article(&b, "chrome.txt");
    kh_analyzer *an = kh_analyzer_create(NULL);
    kh_tokens toks = KH_TOKENS_INIT;
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    KH_CHECK_INT(kh_clean_article_tokens(&b, NULL, NULL, an, &toks), KH_OK);
    KH_CHECK_STR(b.text, a.text);
    KH_CHECK_STR(b.title, a.title);
    KH_CHECK(b.content_hash == a.content_hash && b.id == a.id);
    size_t n = 0;
    kh_analyze(an, a.text, strlen(a.text), count_token, &n);
    KH_CHECK(n > 10);
    KH_CHECK_INT((long long)toks.n, (long long)n);
    KH_CHECK(toks.v[0].start == 0 && toks.v[n - 1].end <= strlen(a.text));
    /* an article left without text leaves no tokens */
    kh_article_clear(&b);
    memset(&b, 0, sizeof b);
    b.raw = kh_strdup("   ");
    b.raw_len = 3;
    KH_CHECK(kh_clean_article_tokens(&b, NULL, NULL, an, &toks) != KH_OK);
    KH_CHECK_INT((long long)toks.n, 0);
    kh_tokens_free(&toks);
    kh_analyzer_free(an);
    kh_article_clear(&a);
    kh_article_clear(&b);
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
    KH_RUN(test_one_pass_equals_separate);
    KH_RUN(test_split_lines);
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
    KH_RUN(test_article_tokens);
    KH_RUN(test_article_fields);
    KH_RUN(test_article_empty);
    return kh_test_report();
}
