/*
 * test_arabic_stem.c - the analyser's word-level behaviour: normalisation,
 * clitics, both stemmers (a case table each), stopwords, and the promise
 * that every spelling variant of a word is indexed under one stem.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"
#include "arabic/ar_stem.h"
#include "kh_test.h"

/* The first token of `text` under `an`: norm, stem and stop flag. */
typedef struct first_tok {
    char norm[256], stem[256];
    int stop, count;
    kh_token_kind kind;
} first_tok;

static int take_first(void *ctx, const kh_token *t)
{
    first_tok *f = ctx;
    if (f->count++ == 0) {
        snprintf(f->norm, sizeof f->norm, "%.*s", (int)t->norm_len, t->norm);
        snprintf(f->stem, sizeof f->stem, "%.*s", (int)t->stem_len, t->stem);
        f->stop = t->stop;
        f->kind = t->kind;
    }
    return 0;
}

static first_tok analyse_one(kh_analyzer *an, const char *word)
{
    first_tok f;
    memset(&f, 0, sizeof f);
    kh_analyze(an, word, strlen(word), take_first, &f);
    return f;
}

typedef struct stem_case {
    const char *word, *norm, *stem;
    int stop;
} stem_case;

static void check_cases(kh_analyzer *an, const stem_case *cases, size_t n,
                        const char *what)
{
    for (size_t i = 0; i < n; i++) {
        first_tok f = analyse_one(an, cases[i].word);
        kh_test_checks++;
        if (f.count != 1 || strcmp(f.norm, cases[i].norm) != 0 ||
            strcmp(f.stem, cases[i].stem) != 0 || f.stop != cases[i].stop) {
            kh_test_failures++;
            fprintf(stderr,
                    "%s: %s -> %d token(s), norm %s stem %s stop %d; "
                    "want norm %s stem %s stop %d\n",
                    what, cases[i].word, f.count, f.norm, f.stem, f.stop,
                    cases[i].norm, cases[i].stem, cases[i].stop);
        }
    }
}

/* The light stemmer (the default analyser): word, norm, stem, stop. */
static const stem_case light_cases[] = {
    /* the examples: spelling variants and attached clitics */
    {"روسيا", "روسيا", "روسيا", 0},
    {"وروسيا", "وروسيا", "روسيا", 0},
    {"لروسيا", "لروسيا", "روسيا", 0},
    {"بروسيا", "بروسيا", "روسيا", 0},
    {"فروسيا", "فروسيا", "روسيا", 0},
    {"والروسية", "والروسيه", "روس", 0},
    {"بوروسيا", "بوروسيا", "بوروسيا", 0}, /* Borussia: not ب + روسيا */
    {"داعش", "داعش", "داعش", 0},
    {"لداعش", "لداعش", "داعش", 0},
    {"الرقة", "الرقه", "رقه", 0},
    {"الرقه", "الرقه", "رقه", 0},
    {"الرقّة", "الرقه", "رقه", 0},
    {"الـرقة", "الرقه", "رقه", 0},
    {"بالرقة", "بالرقه", "رقه", 0},
    {"للرقة", "للرقه", "رقه", 0},
    {"إيران", "ايران", "ايران", 0},
    {"ايران", "ايران", "ايران", 0},
    {"وإيران", "وايران", "ايران", 0},
    {"التنسيق", "التنسيق", "تنسيق", 0},
    {"والتنسيق", "والتنسيق", "تنسيق", 0},
    {"بالتنسيق", "بالتنسيق", "تنسيق", 0},
    {"فبالتنسيق", "فبالتنسيق", "تنسيق", 0},
    {"وزير", "وزير", "وزير", 0},
    {"لوزير", "لوزير", "وزير", 0},
    {"الوزير", "الوزير", "وزير", 0},
    {"وزيرة", "وزيره", "وزير", 0},
    {"الخارجية", "الخارجيه", "خارج", 0},
    {"الخارجيه", "الخارجيه", "خارج", 0},
    /* root letters that look like clitics stay */
    {"وزارة", "وزاره", "وزار", 0},
    {"الوزارة", "الوزاره", "وزار", 0},
    {"وطن", "وطن", "وطن", 0},
    {"الوطن", "الوطن", "وطن", 0},
    {"فريق", "فريق", "فريق", 0},
    {"الفريق", "الفريق", "فريق", 0},
    {"للفريق", "للفريق", "فريق", 0},
    {"فلسطين", "فلسطين", "فلسطين", 0},
    {"وفلسطين", "وفلسطين", "فلسطين", 0},
    {"بريطانيا", "بريطانيا", "بريطانيا", 0},
    {"وبريطانيا", "وبريطانيا", "بريطانيا", 0},
    {"بلد", "بلد", "بلد", 0},
    {"البلد", "البلد", "بلد", 0},
    {"كتاب", "كتاب", "كتاب", 0},
    {"الكتاب", "الكتاب", "كتاب", 0},
    {"لبنان", "لبنان", "لبنان", 0},
    {"للبنان", "للبنان", "لبنان", 0},
    {"ولبنان", "ولبنان", "لبنان", 0},
    {"بوتين", "بوتين", "بوت", 0},
    {"لبوتين", "لبوتين", "بوت", 0},
    {"فازت", "فازت", "فازت", 0},
    {"وفازت", "وفازت", "فازت", 0},
    /* ال that is not the article */
    {"ألمانيا", "المانيا", "المانيا", 0},
    {"وألمانيا", "والمانيا", "المانيا", 0},
    {"بألمانيا", "بالمانيا", "المانيا", 0},
    {"آلاف", "الاف", "الاف", 0},
    {"الآلاف", "الالاف", "الاف", 0},
    {"ورقة", "ورقه", "ورق", 0},  /* و of its own */
    {"البرقية", "البرقيه", "برق", 0}, /* ب of its own */
    {"التزام", "التزام", "التزام", 0},
    {"بالالتزام", "بالالتزام", "التزام", 0},
    /* the article and its combinations, suffixes */
    {"للمملكة", "للمملكه", "مملك", 0},
    {"وللمملكة", "وللمملكه", "مملك", 0},
    {"بالمملكة", "بالمملكه", "مملك", 0},
    {"كالعادة", "كالعاده", "عاد", 0},
    {"والمعلمون", "والمعلمون", "معلم", 0},
    {"المعلمين", "المعلمين", "معلم", 0},
    {"مكتباتها", "مكتباتها", "مكتب", 0},
    {"السعودية", "السعوديه", "سعودي", 0},
    {"والسعودية", "والسعوديه", "سعودي", 0},
    {"مستشفى", "مستشفي", "مستشف", 0},
    {"بالمستشفى", "بالمستشفي", "مستشف", 0},
    {"الأمير", "الامير", "امير", 0},
    {"للأمير", "للامير", "امير", 0},
    {"مسؤول", "مسءول", "مسءول", 0},
    /* no suffix leaves fewer than three letters (light10 allowed two):
     * الرقة was رق, the stem of برقية and الرقي; بيان was بي */
    {"برقية", "برقيه", "برق", 0},
    {"الرقي", "الرقي", "رقي", 0},
    {"بيان", "بيان", "بيان", 0},
    {"بيانات", "بيانات", "بيان", 0},
    {"مكة", "مكه", "مكه", 0},
    {"مكان", "مكان", "مكان", 0},
    {"جدة", "جده", "جده", 0},
    {"دبي", "دبي", "دبي", 0},
    /* ات after two letters: the plural of their ة noun */
    {"جهات", "جهات", "جهه", 0},
    {"الجهات", "الجهات", "جهه", 0},
    {"جهة", "جهه", "جهه", 0},
    {"القوات", "القوات", "قوه", 0},
    {"فئات", "فءات", "فءه", 0},
    /* ان ين ون of the ending lexicon stay; real duals and plurals go */
    {"سلمان", "سلمان", "سلمان", 0},
    {"سليمان", "سليمان", "سليمان", 0},
    {"طهران", "طهران", "طهران", 0},
    {"البحرين", "البحرين", "بحرين", 0},
    {"بالبحرين", "بالبحرين", "بحرين", 0},
    {"قانون", "قانون", "قانون", 0},
    {"تعاون", "تعاون", "تعاون", 0},
    {"رمضان", "رمضان", "رمضان", 0},
    {"الطرفان", "الطرفان", "طرف", 0},
    {"الطرفين", "الطرفين", "طرف", 0},
    {"يومين", "يومين", "يوم", 0},
    {"يرغبون", "يرغبون", "يرغب", 0},
    /* the relation adjective (nisba) joins its noun ... */
    {"الإيرانية", "الايرانيه", "ايران", 0},
    {"الإيرانيين", "الايرانيين", "ايران", 0},
    {"اللبناني", "اللبناني", "لبنان", 0},
    {"البحريني", "البحريني", "بحرين", 0},
    /* ... but not the names of the nisba lexicon */
    {"السعودي", "السعودي", "سعودي", 0},
    {"السعوديين", "السعوديين", "سعودي", 0},
    {"سعود", "سعود", "سعود", 0},
    {"الفيصلي", "الفيصلي", "فيصلي", 0},
    /* no suffix leaves a stopword */
    {"الولايات", "الولايات", "ولاي", 0},
    {"ولاية", "ولايه", "ولاي", 0},
    {"الداخلية", "الداخليه", "داخلي", 0},
    {"ولا", "ولا", "ولا", 1},
    /* ... and a plural whose singular's stem is a stopword joins it */
    {"حالات", "حالات", "حاله", 0},
    {"حالة", "حاله", "حاله", 0},
    {"الحالي", "الحالي", "حالي", 0},
    /* hamza on waw and yeh is ء */
    {"مسئول", "مسءول", "مسءول", 0},
    {"المسؤولين", "المسءولين", "مسءول", 0},
    {"شؤون", "شءون", "شءون", 0},
    {"للشئون", "للشءون", "شءون", 0},
    {"ابناؤهم", "ابناءهم", "ابناءهم", 0},
    {"ابنائهم", "ابناءهم", "ابناءهم", 0},
    {"رئيس", "رءيس", "رءيس", 0},
    /* length guards: too short to lose a letter */
    {"بها", "بها", "بها", 1},
    {"فاز", "فاز", "فاز", 0},
    {"ولد", "ولد", "ولد", 0},
    /* stopwords keep their whole form */
    {"في", "في", "في", 1},
    {"وفي", "وفي", "وفي", 1},
    {"التي", "التي", "التي", 1},
    {"إلى", "الي", "الي", 1},
    {"على", "علي", "علي", 1},
    {"كانت", "كانت", "كانت", 1},
    {"الآن", "الان", "الان", 1},
    {"وقال", "وقال", "وقال", 1},
    /* diacritics, tatweel, presentation forms, Persian letters */
    {"مُحَمَّدٌ", "محمد", "محمد", 0},
    {"كـــتـــاب", "كتاب", "كتاب", 0},
    {"\xef\xba\x8d\xef\xbb\x9f\xef\xba\xae\xef\xbb\x97\xef\xba\x94", /* ﺍﻟﺮﻗﺔ */
     "الرقه", "رقه", 0},
    {"\xdb\x8c\xd8\xa7\xd8\xb3\xd8\xb1", "ياسر", "ياسر", 0}, /* Farsi yeh */
    {"\xd9\xb1\xd9\x84\xd8\xb1\xd9\x82\xd8\xa9", "الرقه", "رقه", 0}, /* ٱ */
    /* numbers and Latin words */
    {"2015", "2015", "2015", 0},
    {"٢٠١٥", "2015", "2015", 0},
    {"۱۹۹۰", "1990", "1990", 0},
    {"3.5", "3.5", "3.5", 0},
    {"٣٫٥", "3.5", "3.5", 0},
    {"1,000", "1,000", "1,000", 0},
    {"Hello", "hello", "hello", 0},
    {"ISIS", "isis", "isis", 0},
    {"Café", "café", "café", 0},
    {"COVID19", "covid19", "covid19", 0},
};

static void test_light_table(void)
{
    kh_analyzer *an = kh_analyzer_create(NULL);
    check_cases(an, light_cases, sizeof light_cases / sizeof *light_cases,
                "light");
    KH_CHECK(sizeof light_cases / sizeof *light_cases >= 60);
    kh_analyzer_free(an);
}

/* Snowball's Arabic stemmer, behind the same normalisation and clitic pass
 * (its stems of names are blunter than light10's). */
static const stem_case snowball_cases[] = {
    {"روسيا", "روسيا", "روسي", 0},
    {"وروسيا", "وروسيا", "روسي", 0},
    {"لروسيا", "لروسيا", "روسي", 0},
    {"بروسيا", "بروسيا", "روسي", 0},
    {"بوروسيا", "بوروسيا", "بوروسي", 0},
    {"داعش", "داعش", "داعش", 0},
    {"لداعش", "لداعش", "داعش", 0},
    {"الرقة", "الرقه", "رقه", 0},
    {"الرقه", "الرقه", "رقه", 0},
    {"الرقّة", "الرقه", "رقه", 0},
    {"الـرقة", "الرقه", "رقه", 0},
    {"بالرقة", "بالرقه", "رقه", 0},
    {"للرقة", "للرقه", "رقه", 0},
    {"إيران", "ايران", "ايران", 0},
    {"ايران", "ايران", "ايران", 0},
    {"وإيران", "وايران", "ايران", 0},
    {"التنسيق", "التنسيق", "تنسيق", 0},
    {"والتنسيق", "والتنسيق", "تنسيق", 0},
    {"بالتنسيق", "بالتنسيق", "تنسيق", 0},
    {"وزير", "وزير", "وزير", 0},
    {"لوزير", "لوزير", "وزير", 0},
    {"الوزير", "الوزير", "وزير", 0},
    {"الخارجية", "الخارجيه", "خارج", 0},
    {"الخارجيه", "الخارجيه", "خارج", 0},
    {"وطن", "وطن", "وطن", 0},
    {"الوطن", "الوطن", "وطن", 0},
    {"فريق", "فريق", "فريق", 0},
    {"الفريق", "الفريق", "فريق", 0},
    {"والفريق", "والفريق", "فريق", 0},
    {"فلسطين", "فلسطين", "فلسط", 0},
    {"وفلسطين", "وفلسطين", "فلسط", 0},
    {"بريطانيا", "بريطانيا", "بريطاني", 0},
    {"وبريطانيا", "وبريطانيا", "بريطاني", 0},
    {"بلد", "بلد", "بلد", 0},
    {"كتاب", "كتاب", "كتاب", 0},
    {"الكتاب", "الكتاب", "كتاب", 0},
    {"لبنان", "لبنان", "لبنان", 0},
    {"للبنان", "للبنان", "لبنان", 0},
    {"ألمانيا", "المانيا", "المانيا", 0},
    {"والمانيا", "والمانيا", "المانيا", 0},
    {"المعلمين", "المعلمين", "معلم", 0},
    {"والمعلمون", "والمعلمون", "معلم", 0},
    {"مكتباتها", "مكتباتها", "مكتبا", 0},
    {"يكتبون", "يكتبون", "يكتب", 0},
    {"سيكون", "سيكون", "يكون", 0},
    {"للمملكة", "للمملكه", "ممل", 0},
    {"بالمملكة", "بالمملكه", "ممل", 0},
    {"السعودية", "السعوديه", "سعود", 0},
    {"مستشفى", "مستشفي", "مستشف", 0},
    {"بالمستشفى", "بالمستشفي", "مستشف", 0},
    {"الأمير", "الامير", "امير", 0},
    {"للأمير", "للامير", "امير", 0},
    {"في", "في", "في", 1},
    {"وفي", "وفي", "وفي", 1},
    {"التي", "التي", "التي", 1},
    {"كانت", "كانت", "كانت", 1},
    {"مُحَمَّدٌ", "محمد", "محمد", 0},
    {"٢٠١٥", "2015", "2015", 0},
    {"3.5", "3.5", "3.5", 0},
    {"Hello", "hello", "hello", 0},
    {"Café", "café", "café", 0},
};

static void test_snowball_table(void)
{
    kh_analyzer_opts o;
    kh_analyzer_opts_init(&o);
    o.stemmer = KH_STEM_SNOWBALL;
    kh_analyzer *an = kh_analyzer_create(&o);
    check_cases(an, snowball_cases,
                sizeof snowball_cases / sizeof *snowball_cases, "snowball");
    KH_CHECK(sizeof snowball_cases / sizeof *snowball_cases >= 60);
    kh_analyzer_free(an);
}

/* Groups of spellings that must share one stem, and pairs that must not:
 * the promise the search index relies on, for each stemmer. */
static const char *const same_stem[][7] = {
    {"روسيا", "وروسيا", "لروسيا", "بروسيا", "فروسيا", NULL},
    {"داعش", "لداعش", "وداعش", "بداعش", NULL},
    {"الرقة", "الرقه", "الرقّة", "الـرقة", "بالرقة", "والرقة", NULL},
    {"إيران", "ايران", "وإيران", "لإيران", "بإيران", NULL},
    {"التنسيق", "والتنسيق", "بالتنسيق", "للتنسيق", NULL},
    {"وزير", "لوزير", "الوزير", "والوزير", "للوزير", NULL},
    {"الخارجية", "الخارجيه", "الخارجيّة", "والخارجية", NULL},
    {"بريطانيا", "وبريطانيا", "لبريطانيا", NULL},
    {"لبنان", "للبنان", "ولبنان", "بلبنان", NULL},
    {"فلسطين", "وفلسطين", "لفلسطين", "بفلسطين", NULL},
    {"ألمانيا", "المانيا", "وألمانيا", "بألمانيا", "لألمانيا", NULL},
    {"مستشفى", "مستشفي", "المستشفى", "بالمستشفى", NULL},
    {"فريق", "الفريق", "والفريق", "للفريق", "بالفريق", NULL},
    {"كتاب", "الكتاب", "بالكتاب", "للكتاب", NULL},
    {"الأمير", "الامير", "للأمير", "والأمير", "بالأمير", NULL},
    /* one word, its hamza on waw, yeh or the line by outlet and case */
    {"مسؤول", "مسئول", "المسؤول", "المسئول", "ومسؤول", NULL},
    {"شؤون", "شئون", "الشؤون", "الشئون", "للشؤون", "للشئون", NULL},
    {"ابناؤهم", "ابنائهم", "ابناءهم", NULL},
    {"هيئة", "هيئه", "الهيئة", "والهيئة", NULL},
};

static const char *const other_stem[][2] = {
    {"بوروسيا", "روسيا"}, {"وزير", "زير"},     {"فريق", "ريق"},
    {"بريطانيا", "ريطانيا"}, {"وطن", "طن"},    {"كتاب", "تاب"},
    {"فلسطين", "لسطين"}, {"ألمانيا", "مانيا"}, {"آلاف", "اف"},
    {"وزارة", "زارة"},   {"بلد", "لد"},        {"لبنان", "بنان"},
    {"ورقة", "الرقة"},   {"برقية", "الرقة"},   {"البرقية", "الرقة"},
};

/* The light stemmer's own promises: what must conflate ... */
static const char *const light_same[][7] = {
    {"الرقة", "الرقه", "للرقة", "والرقة", NULL},
    {"إيران", "الإيرانية", "الإيرانيين", "إيراني", "لإيران", NULL},
    {"لبنان", "اللبناني", "اللبنانية", "للبنان", NULL},
    {"البحرين", "بالبحرين", "البحريني", "البحرينيين", NULL},
    {"السعودية", "السعودي", "السعوديين", "السعوديون", "سعودية", NULL},
    {"المعلمين", "المعلمون", "معلم", "للمعلمين", NULL},
    {"الطرفين", "الطرفان", "طرف", NULL},
    {"جهة", "جهات", "الجهات", "والجهات", "للجهات", NULL},
    {"قوة", "قوات", "القوات", "وقوات", NULL},
    {"اللغة", "اللغات", "لغة", NULL},
    {"بيان", "البيان", "بيانات", "بيانها", NULL},
    {"الولايات", "ولاية", "الولاية", "ولايات", NULL},
    {"حالة", "حالات", "الحالات", "حالاتها", "بحالة", NULL},
};

/* ... and what must not (light10 joined each of these pairs). */
static const char *const light_other[][2] = {
    {"الرقة", "برقية"},   {"الرقة", "الرقي"},  {"الرقة", "رقيه"},
    {"لبنان", "لبن"},     {"إيران", "اير"},    {"سلمان", "سلم"},
    {"سليمان", "سليم"},   {"البحرين", "البحر"}, {"طهران", "طهر"},
    {"بيان", "بي"},       {"مكة", "مكان"},     {"مكة", "مكون"},
    {"جدة", "جد"},        {"دبي", "دب"},       {"قانون", "قان"},
    {"السعودية", "سعود"}, {"السعودي", "سعود"}, {"الفيصلي", "فيصل"},
    {"الولايات", "ولا"},  {"الداخلية", "داخل"}, {"امين", "ام"},
    {"حالات", "حال"},     {"حالة", "الحالي"},
};

static void check_same(kh_analyzer *an, const char *const (*same)[7],
                       size_t n, const char *what)
{
    for (size_t g = 0; g < n; g++) {
        first_tok base = analyse_one(an, same[g][0]);
        for (size_t i = 1; same[g][i]; i++) {
            first_tok v = analyse_one(an, same[g][i]);
            kh_test_checks++;
            if (strcmp(v.stem, base.stem) != 0) {
                kh_test_failures++;
                fprintf(stderr, "%s: %s -> %s but %s -> %s\n", what,
                        same[g][i], v.stem, same[g][0], base.stem);
            }
        }
    }
}

static void check_other(kh_analyzer *an, const char *const (*other)[2],
                        size_t n, const char *what)
{
    for (size_t p = 0; p < n; p++) {
        first_tok a = analyse_one(an, other[p][0]);
        first_tok b = analyse_one(an, other[p][1]);
        kh_test_checks++;
        if (strcmp(a.stem, b.stem) == 0) {
            kh_test_failures++;
            fprintf(stderr, "%s: %s and %s both -> %s\n", what,
                    other[p][0], other[p][1], a.stem);
        }
    }
}

static void check_groups(kh_analyzer *an, const char *what)
{
    check_same(an, same_stem, sizeof same_stem / sizeof *same_stem, what);
    check_other(an, other_stem, sizeof other_stem / sizeof *other_stem,
                what);
}

static void test_variants_share_stem(void)
{
    static const kh_stemmer stemmers[] = {KH_STEM_LIGHT, KH_STEM_SNOWBALL,
                                          KH_STEM_NONE};
    static const char *const names[] = {"light", "snowball", "none"};
    for (size_t s = 0; s < 3; s++) {
        kh_analyzer_opts o;
        kh_analyzer_opts_init(&o);
        o.stemmer = stemmers[s];
        kh_analyzer *an = kh_analyzer_create(&o);
        check_groups(an, names[s]);
        kh_analyzer_free(an);
    }
}

static void test_light_groups(void)
{
    kh_analyzer *an = kh_analyzer_create(NULL);
    check_same(an, light_same, sizeof light_same / sizeof *light_same,
               "light");
    check_other(an, light_other, sizeof light_other / sizeof *light_other,
                "light");
    kh_analyzer_free(an);
}

/* What each lexicon of the suffix pass decides, seen by taking it away:
 * without the ending lexicon لبنان loses its ان, without the nisba
 * lexicon سعودي becomes سعود, without the stopwords ولايات becomes ولا. */
static void check_suffixes(const char *word, const ar_suffix_lexicons *lex,
                           const char *want)
{
    size_t letters = 0;
    for (const char *p = word; *p; p++)
        letters += ((unsigned char)*p & 0xC0) != 0x80;
    ar_word w = {word, strlen(word), letters, 0};
    ar_light_suffixes_with(&w, lex, 0);
    char got[256];
    snprintf(got, sizeof got, "%.*s%s", (int)w.len, w.s,
             w.add_ta ? "ه" : "");
    KH_CHECK_STR(got, want);
}

static void test_suffix_lexicons(void)
{
    ar_wordset empty;
    ar_wordset_build(&empty, NULL, 0);
    const ar_suffix_lexicons all = {ar_ending_exceptions(),
                                    ar_nisba_exceptions(), ar_stopwords()};
    const ar_suffix_lexicons none = {&empty, &empty, &empty};
    check_suffixes("لبنان", &all, "لبنان");
    check_suffixes("لبنان", &none, "لبن");
    check_suffixes("بحرين", &all, "بحرين");
    check_suffixes("بحرين", &none, "بحر");
    check_suffixes("معلمين", &all, "معلم");
    check_suffixes("سعوديه", &all, "سعودي");
    check_suffixes("سعوديه", &none, "سعود");
    check_suffixes("ايرانيه", &all, "ايران");
    check_suffixes("ولايات", &all, "ولاي");
    check_suffixes("ولايات", &none, "ولا");
    check_suffixes("حالات", &all, "حاله");  /* حال + ة: حال is a stopword */
    check_suffixes("حالات", &none, "حال");
    check_suffixes("جهات", &none, "جهه");  /* جه + ة */
    check_suffixes("ذات", &none, "ذات");   /* one letter: a word */
    check_suffixes("رقيه", &none, "رقي");  /* three letters stay */
    check_suffixes("مكتباتها", &none, "مكتب");
    KH_CHECK(ar_ending_exceptions()->count > 500);
    KH_CHECK(ar_nisba_exceptions()->count >= 5);
    ar_wordset_free(&empty);

    /* the ة of جه + ة follows the analyser's ta marbuta option */
    kh_analyzer_opts o;
    kh_analyzer_opts_init(&o);
    o.fold_ta_marbuta = 0;
    kh_analyzer *an = kh_analyzer_create(&o);
    first_tok f = analyse_one(an, "الجهات");
    KH_CHECK_STR(f.stem, "جهة");
    KH_CHECK_STR(f.norm, "الجهات");
    f = analyse_one(an, "جهة");
    KH_CHECK_STR(f.stem, "جهة");
    kh_analyzer_free(an);
}

/* With fold_hamza off, words keep ؤ ئ, and the word lists (spelt with ء)
 * still find them. */
static void test_hamza_option(void)
{
    kh_analyzer_opts o;
    kh_analyzer_opts_init(&o);
    o.fold_hamza = 0;
    kh_analyzer *an = kh_analyzer_create(&o);
    first_tok a = analyse_one(an, "مسؤول"), b = analyse_one(an, "مسئول");
    KH_CHECK_STR(a.stem, "مسؤول");
    KH_CHECK_STR(b.stem, "مسئول");
    a = analyse_one(an, "مؤكدا"); /* a stopword, listed as مءكدا */
    KH_CHECK_INT(a.stop, 1);
    a = analyse_one(an, "والمسؤولين");
    KH_CHECK_STR(a.stem, "مسؤول");
    kh_analyzer_free(an);
}

/* A query is analysed like the text: a two-word query matches its
 * variants word by word. */
static void test_query_phrase(void)
{
    kh_analyzer *an = kh_analyzer_create(NULL);
    size_t n1, n2;
    first_tok a = analyse_one(an, "وزير");
    first_tok b = analyse_one(an, "لوزير");
    KH_CHECK_STR(a.stem, b.stem);
    a = analyse_one(an, "الخارجية");
    b = analyse_one(an, "الخارجيه");
    KH_CHECK_STR(a.stem, b.stem);
    const char *plain = "وزير الخارجية", *marked = "وَزِيرُ الـخارجيّة";
    char *x = kh_normalize_text(an, plain, strlen(plain), &n1);
    char *y = kh_normalize_text(an, marked, strlen(marked), &n2);
    KH_CHECK_STR(x, y);
    KH_CHECK_INT(n1, strlen(x));
    free(x);
    free(y);
    kh_analyzer_free(an);
}

static void test_options(void)
{
    kh_analyzer_opts o;
    kh_analyzer_opts_init(&o);
    KH_CHECK_INT(o.stemmer, KH_STEM_LIGHT);
    KH_CHECK(o.fold_ta_marbuta && o.fold_alef_maqsura && o.strip_clitics);
    KH_CHECK(!o.tokenize_only);

    o.fold_ta_marbuta = 0;
    o.fold_alef_maqsura = 0;
    kh_analyzer *an = kh_analyzer_create(&o);
    first_tok f = analyse_one(an, "بالرقة");
    KH_CHECK_STR(f.norm, "بالرقة");
    KH_CHECK_STR(f.stem, "رقة");
    f = analyse_one(an, "مستشفى");
    KH_CHECK_STR(f.norm, "مستشفى");
    f = analyse_one(an, "على"); /* stopwords are found unfolded too */
    KH_CHECK_INT(f.stop, 1);
    f = analyse_one(an, "الوزارة"); /* so are exceptions */
    KH_CHECK_STR(f.stem, "وزار");
    kh_analyzer_free(an);

    kh_analyzer_opts_init(&o);
    o.strip_clitics = 0;
    an = kh_analyzer_create(&o);
    f = analyse_one(an, "وروسيا");
    KH_CHECK_STR(f.stem, "وروسيا");
    kh_analyzer_free(an);

    kh_analyzer_opts_init(&o);
    o.stemmer = KH_STEM_NONE;
    an = kh_analyzer_create(&o);
    f = analyse_one(an, "والتنسيق");
    KH_CHECK_STR(f.stem, "تنسيق");
    f = analyse_one(an, "الخارجية");
    KH_CHECK_STR(f.stem, "خارجيه");
    kh_analyzer_free(an);
}

/* Every generated list entry must be spelt as the analyser spells words,
 * or it could never match: this catches drift between the derivation
 * script's normalisation and the C one. */
static int check_normal(void *ctx, const kh_token *t)
{
    int *n = ctx;
    (*n)++;
    return t->kind != KH_TOKEN_ARABIC;
}

static int list_normalised(kh_analyzer *an, const char *w)
{
    size_t n;
    char *norm = kh_normalize_text(an, w, strlen(w), &n);
    int tokens = 0;
    kh_analyze(an, norm, n, check_normal, &tokens);
    int ok = strcmp(norm, w) == 0 && tokens == 1;
    if (!ok)
        fprintf(stderr, "list entry %s is not in normal form (%s)\n", w, norm);
    free(norm);
    return ok;
}

static void test_lists_are_normalised(void)
{
    kh_analyzer *an = kh_analyzer_create(NULL);
    size_t bad = 0;
    for (size_t i = 0; i < ar_stopword_count; i++)
        bad += !list_normalised(an, ar_stopword_list[i]);
    for (size_t i = 0; i < ar_clitic_exception_count; i++)
        bad += !list_normalised(an, ar_clitic_exception_list[i]);
    KH_CHECK_INT(bad, 0);
    KH_CHECK(ar_stopword_count > 100);
    for (size_t i = 0; i < ar_ending_exception_count; i++)
        bad += !list_normalised(an, ar_ending_exception_list[i]);
    for (size_t i = 0; i < ar_nisba_exception_count; i++)
        bad += !list_normalised(an, ar_nisba_exception_list[i]);
    KH_CHECK(ar_clitic_exception_count > 1000);
    kh_analyzer_free(an);
}

int main(void)
{
    KH_RUN(test_light_table);
    KH_RUN(test_snowball_table);
    KH_RUN(test_variants_share_stem);
    KH_RUN(test_light_groups);
    KH_RUN(test_suffix_lexicons);
    KH_RUN(test_hamza_option);
    KH_RUN(test_query_phrase);
    KH_RUN(test_options);
    KH_RUN(test_lists_are_normalised);
    return kh_test_report();
}
