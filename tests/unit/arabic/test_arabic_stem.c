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
    {"الرقة", "الرقه", "رق", 0},
    {"الرقه", "الرقه", "رق", 0},
    {"الرقّة", "الرقه", "رق", 0},
    {"الـرقة", "الرقه", "رق", 0},
    {"بالرقة", "بالرقه", "رق", 0},
    {"للرقة", "للرقه", "رق", 0},
    {"إيران", "ايران", "اير", 0},
    {"ايران", "ايران", "اير", 0},
    {"وإيران", "وايران", "اير", 0},
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
    {"فلسطين", "فلسطين", "فلسط", 0},
    {"وفلسطين", "وفلسطين", "فلسط", 0},
    {"بريطانيا", "بريطانيا", "بريطانيا", 0},
    {"وبريطانيا", "وبريطانيا", "بريطانيا", 0},
    {"بلد", "بلد", "بلد", 0},
    {"البلد", "البلد", "بلد", 0},
    {"كتاب", "كتاب", "كتاب", 0},
    {"الكتاب", "الكتاب", "كتاب", 0},
    {"لبنان", "لبنان", "لبن", 0},
    {"للبنان", "للبنان", "لبن", 0},
    {"ولبنان", "ولبنان", "لبن", 0},
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
    {"السعودية", "السعوديه", "سعود", 0},
    {"والسعودية", "والسعوديه", "سعود", 0},
    {"مستشفى", "مستشفي", "مستشف", 0},
    {"بالمستشفى", "بالمستشفي", "مستشف", 0},
    {"الأمير", "الامير", "امير", 0},
    {"للأمير", "للامير", "امير", 0},
    {"مسؤول", "مسؤول", "مسؤول", 0},
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
     "الرقه", "رق", 0},
    {"\xdb\x8c\xd8\xa7\xd8\xb3\xd8\xb1", "ياسر", "ياسر", 0}, /* Farsi yeh */
    {"\xd9\xb1\xd9\x84\xd8\xb1\xd9\x82\xd8\xa9", "الرقه", "رق", 0}, /* ٱ */
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
};

static const char *const other_stem[][2] = {
    {"بوروسيا", "روسيا"}, {"وزير", "زير"},     {"فريق", "ريق"},
    {"بريطانيا", "ريطانيا"}, {"وطن", "طن"},    {"كتاب", "تاب"},
    {"فلسطين", "لسطين"}, {"ألمانيا", "مانيا"}, {"آلاف", "اف"},
    {"وزارة", "زارة"},   {"بلد", "لد"},        {"لبنان", "بنان"},
};

static void check_groups(kh_analyzer *an, const char *what)
{
    for (size_t g = 0; g < sizeof same_stem / sizeof *same_stem; g++) {
        first_tok base = analyse_one(an, same_stem[g][0]);
        for (size_t i = 1; same_stem[g][i]; i++) {
            first_tok v = analyse_one(an, same_stem[g][i]);
            kh_test_checks++;
            if (strcmp(v.stem, base.stem) != 0) {
                kh_test_failures++;
                fprintf(stderr, "%s: %s -> %s but %s -> %s\n", what,
                        same_stem[g][i], v.stem, same_stem[g][0], base.stem);
            }
        }
    }
    for (size_t p = 0; p < sizeof other_stem / sizeof *other_stem; p++) {
        first_tok a = analyse_one(an, other_stem[p][0]);
        first_tok b = analyse_one(an, other_stem[p][1]);
        kh_test_checks++;
        if (strcmp(a.stem, b.stem) == 0) {
            kh_test_failures++;
            fprintf(stderr, "%s: %s and %s both -> %s\n", what,
                    other_stem[p][0], other_stem[p][1], a.stem);
        }
    }
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
    KH_CHECK_STR(f.stem, "رق");
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
    KH_CHECK(ar_clitic_exception_count > 1000);
    kh_analyzer_free(an);
}

int main(void)
{
    KH_RUN(test_light_table);
    KH_RUN(test_snowball_table);
    KH_RUN(test_variants_share_stem);
    KH_RUN(test_query_phrase);
    KH_RUN(test_options);
    KH_RUN(test_lists_are_normalised);
    return kh_test_report();
}
