/*
 * test_arabic_text.c - the analyser over whole texts: token boundaries and
 * byte offsets, positions, kh_normalize_text, the callback contract, and
 * hostile input (invalid UTF-8, NULs, a 10 MB word, marks only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "khabar.h"
#include "kh_test.h"

#define MAX_TOKS 64

typedef struct tok_rec {
    size_t start, end, position;
    char norm[128], stem[128];
    kh_token_kind kind;
    int stop;
} tok_rec;

typedef struct tok_list {
    tok_rec t[MAX_TOKS];
    size_t n, total;
} tok_list;

static int record(void *ctx, const kh_token *t)
{
    tok_list *l = ctx;
    l->total++;
    if (l->n < MAX_TOKS) {
        tok_rec *r = &l->t[l->n++];
        r->start = t->start;
        r->end = t->end;
        r->position = t->position;
        r->kind = t->kind;
        r->stop = t->stop;
        snprintf(r->norm, sizeof r->norm, "%.*s", (int)t->norm_len, t->norm);
        snprintf(r->stem, sizeof r->stem, "%.*s", (int)t->stem_len, t->stem);
    }
    return 0;
}

static tok_list analyse(kh_analyzer *an, const char *text, size_t len)
{
    tok_list l;
    memset(&l, 0, sizeof l);
    kh_analyze(an, text, len, record, &l);
    return l;
}

/* The surface form of token i, as the offsets cut it from the input. */
static int surface_is(const char *text, const tok_rec *r, const char *want)
{
    size_t n = strlen(want);
    return r->end - r->start == n && memcmp(text + r->start, want, n) == 0;
}

static void test_offsets_and_positions(void)
{
    kh_analyzer *an = kh_analyzer_create(NULL);
    const char *text = "قال: الـرقّةُ، و«داعش» 3.5% Hello!";
    tok_list l = analyse(an, text, strlen(text));
    KH_CHECK_INT(l.n, 6);
    KH_CHECK(surface_is(text, &l.t[0], "قال"));
    KH_CHECK(surface_is(text, &l.t[1], "الـرقّةُ")); /* the damma too */
    KH_CHECK_STR(l.t[1].norm, "الرقه");
    KH_CHECK(surface_is(text, &l.t[2], "و"));
    KH_CHECK(surface_is(text, &l.t[3], "داعش"));
    KH_CHECK(surface_is(text, &l.t[4], "3.5"));
    KH_CHECK_INT(l.t[4].kind, KH_TOKEN_NUMBER);
    KH_CHECK(surface_is(text, &l.t[5], "Hello"));
    KH_CHECK_INT(l.t[5].kind, KH_TOKEN_LATIN);
    for (size_t i = 0; i < l.n; i++)
        KH_CHECK_INT(l.t[i].position, i);
    KH_CHECK_INT(l.t[0].stop, 1);
    kh_analyzer_free(an);
}

static void test_punctuation_and_scripts(void)
{
    kh_analyzer *an = kh_analyzer_create(NULL);
    /* Arabic punctuation separates; a script change splits a word */
    const char *text = "روسيا،إيران؛داعش؟ABCعربي123 «قطر» “مصر” ٪٥ 3.x 7,";
    tok_list l = analyse(an, text, strlen(text));
    const char *want[] = {"روسيا", "ايران", "داعش", "abc", "عربي",
                          "123", "قطر", "مصر", "5", "3", "x", "7"};
    KH_CHECK_INT(l.n, 12);
    for (size_t i = 0; i < l.n && i < 12; i++)
        KH_CHECK_STR(l.t[i].norm, want[i]);
    KH_CHECK(surface_is(text, &l.t[9], "3"));
    KH_CHECK(surface_is(text, &l.t[11], "7"));
    /* the Arabic decimal and thousands signs separate words elsewhere */
    const char *signs = "قطر٬مصر٫ليبيا ١٬٠٠٠";
    l = analyse(an, signs, strlen(signs));
    KH_CHECK_INT(l.n, 4);
    KH_CHECK_STR(l.t[2].norm, "ليبيا");
    KH_CHECK_STR(l.t[3].norm, "1,000");
    kh_analyzer_free(an);
}

static void test_invisible_marks_inside_words(void)
{
    kh_analyzer *an = kh_analyzer_create(NULL);
    /* ZWNJ, ZWJ, RLM and a bidi embedding inside words are ignored */
    const char *text = "الرق\xe2\x80\x8c" "ة و\xe2\x80\x8d" "زير "
                       "\xe2\x80\x8f" "داعش\xe2\x80\xac";
    tok_list l = analyse(an, text, strlen(text));
    KH_CHECK_INT(l.n, 3);
    KH_CHECK_STR(l.t[0].norm, "الرقه");
    KH_CHECK_STR(l.t[1].norm, "وزير");
    KH_CHECK_STR(l.t[2].norm, "داعش");
    /* the RLM before داعش is not part of its surface form */
    KH_CHECK(surface_is(text, &l.t[2], "داعش\xe2\x80\xac"));
    /* decomposed hamza composes: ي + U+0654 = ئ, and is folded with it */
    const char *dec = "رئيس ر\xd9\x8a\xd9\x94يس";
    l = analyse(an, dec, strlen(dec));
    KH_CHECK_INT(l.n, 2);
    KH_CHECK_STR(l.t[0].norm, l.t[1].norm);
    KH_CHECK_STR(l.t[0].norm, "رءيس");
    kh_analyzer_free(an);
}

/* ؤ and ئ, however written (precomposed, decomposed, presentation
 * forms), are ء by default and themselves with fold_hamza off. */
static void test_hamza_seats(void)
{
    /* مسؤول, مسئول, مسو + U+0654 + ول, ﻣﺴﺆﻭﻝ (presentation forms) */
    const char *text = "مسؤول مسئول مس\xd9\x88\xd9\x94ول "
                       "\xef\xbb\xa3\xef\xba\xb4\xef\xba\x86\xef\xbb\xad"
                       "\xef\xbb\x9d";
    kh_analyzer *an = kh_analyzer_create(NULL);
    tok_list l = analyse(an, text, strlen(text));
    KH_CHECK_INT(l.n, 4);
    for (size_t i = 0; i < l.n && i < 4; i++)
        KH_CHECK_STR(l.t[i].norm, "مسءول");
    kh_analyzer_free(an);

    kh_analyzer_opts o;
    kh_analyzer_opts_init(&o);
    KH_CHECK_INT(o.fold_hamza, 1);
    o.fold_hamza = 0;
    an = kh_analyzer_create(&o);
    l = analyse(an, text, strlen(text));
    KH_CHECK_INT(l.n, 4);
    KH_CHECK_STR(l.t[0].norm, "مسؤول");
    KH_CHECK_STR(l.t[1].norm, "مسئول");
    KH_CHECK_STR(l.t[2].norm, "مسؤول");
    KH_CHECK_STR(l.t[3].norm, "مسؤول");
    char *s = kh_normalize_text(an, "شئون", strlen("شئون"), NULL);
    KH_CHECK_STR(s, "شئون");
    free(s);
    kh_analyzer_free(an);
}

static void test_normalize_text(void)
{
    kh_analyzer *an = kh_analyzer_create(NULL);
    size_t n = 99;
    const char *text = "  الرقّةُ،  وإيران\n\nHello  ٣٫٥ ";
    char *s = kh_normalize_text(an, text, strlen(text), &n);
    KH_CHECK_STR(s, "الرقه وايران hello 3.5");
    KH_CHECK_INT(n, strlen(s));
    free(s);
    s = kh_normalize_text(an, "", 0, &n);
    KH_CHECK_STR(s, "");
    KH_CHECK_INT(n, 0);
    free(s);
    s = kh_normalize_text(an, NULL, 0, NULL);
    KH_CHECK_STR(s, "");
    free(s);
    /* tokenize_only does not change what kh_normalize_text returns */
    kh_analyzer_opts o;
    kh_analyzer_opts_init(&o);
    o.tokenize_only = 1;
    kh_analyzer *tok = kh_analyzer_create(&o);
    s = kh_normalize_text(tok, "الرقّة", strlen("الرقّة"), NULL);
    KH_CHECK_STR(s, "الرقه");
    free(s);
    kh_analyzer_free(tok);
    kh_analyzer_free(an);
}

static void test_tokenize_only(void)
{
    kh_analyzer_opts o;
    kh_analyzer_opts_init(&o);
    o.tokenize_only = 1;
    kh_analyzer *an = kh_analyzer_create(&o);
    const char *text = "وزير الـخارجية، Hello";
    tok_list l = analyse(an, text, strlen(text));
    KH_CHECK_INT(l.n, 3);
    KH_CHECK_STR(l.t[1].norm, "الـخارجية"); /* the surface form */
    KH_CHECK_STR(l.t[1].stem, "الـخارجية");
    kh_analyzer_free(an);
}

static int stop_at_third(void *ctx, const kh_token *t)
{
    (void)t;
    int *seen = ctx;
    return ++*seen == 3 ? 42 : 0;
}

static void test_callback_stops(void)
{
    kh_analyzer *an = kh_analyzer_create(NULL);
    int seen = 0;
    const char *text = "واحد اثنان ثلاثة أربعة خمسة";
    KH_CHECK_INT(kh_analyze(an, text, strlen(text), stop_at_third, &seen), 42);
    KH_CHECK_INT(seen, 3);
    seen = 0;
    KH_CHECK_INT(kh_analyze(an, "", 0, stop_at_third, &seen), KH_OK);
    KH_CHECK_INT(kh_analyze(an, NULL, 0, stop_at_third, &seen), KH_OK);
    KH_CHECK_INT(seen, 0);
    kh_analyzer_free(an);
}

static void test_invalid_utf8_and_nul(void)
{
    kh_analyzer *an = kh_analyzer_create(NULL);
    /* stray continuation, truncated sequence, overlong, surrogate, NUL */
    const char text[] = "\xff\x80روسيا\xc3 abc\0def \xc0\xaf\xed\xa0\x80"
                        "داعش\xd8";
    size_t len = sizeof text - 1;
    tok_list l = analyse(an, text, len);
    KH_CHECK_INT(l.n, 4);
    KH_CHECK_STR(l.t[0].norm, "روسيا");
    KH_CHECK_INT(l.t[0].start, 2);
    KH_CHECK_STR(l.t[1].norm, "abc");
    KH_CHECK_STR(l.t[2].norm, "def");
    KH_CHECK_STR(l.t[3].norm, "داعش");
    kh_analyzer_free(an);
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct big_ctx {
    size_t tokens, longest;
} big_ctx;

static int count_big(void *ctx, const kh_token *t)
{
    big_ctx *b = ctx;
    b->tokens++;
    if (t->norm_len > b->longest)
        b->longest = t->norm_len;
    return 0;
}

/* Fill n bytes with a repeated UTF-8 pattern (n a multiple of its length). */
static char *repeat(const char *unit, size_t n)
{
    size_t u = strlen(unit);
    char *s = malloc(n + 1);
    for (size_t i = 0; i + u <= n; i += u)
        memcpy(s + i, unit, u);
    s[n] = '\0';
    return s;
}

static void test_hostile_sizes(void)
{
    static const kh_stemmer stemmers[] = {KH_STEM_LIGHT, KH_STEM_SNOWBALL};
    const size_t n = 10 * 1000 * 1000; /* a multiple of 2, 4 and 10 */
    struct {
        const char *unit;
        size_t tokens;
    } cases[] = {
        {"ب", 1},          /* one 10 MB Arabic word              */
        {"a", 1},          /* one 10 MB Latin word               */
        {"\xd9\x8e", 0},   /* fatha only: nothing to index       */
        {"ـ", 0},          /* tatweel only                       */
        {"وٌ", 1},         /* letter + tanween, 10 MB            */
        {"\xe2\x80\x8c", 0} /* ZWNJ only                         */
    };
    for (size_t s = 0; s < 2; s++) {
        kh_analyzer_opts o;
        kh_analyzer_opts_init(&o);
        o.stemmer = stemmers[s];
        kh_analyzer *an = kh_analyzer_create(&o);
        for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
            size_t len = n - n % strlen(cases[c].unit);
            char *text = repeat(cases[c].unit, len);
            big_ctx b = {0, 0};
            double t0 = seconds();
            kh_analyze(an, text, len, count_big, &b);
            double took = seconds() - t0;
            KH_CHECK_INT(b.tokens, cases[c].tokens);
            /* linear: about 0.1 s here, 0.7 s under ASan; a quadratic pass
             * over 10 MB would take hours, so the bound can be generous */
            KH_CHECK(took < 30.0);
            free(text);
        }
        kh_analyzer_free(an);
    }
}

int main(void)
{
    KH_RUN(test_offsets_and_positions);
    KH_RUN(test_punctuation_and_scripts);
    KH_RUN(test_invisible_marks_inside_words);
    KH_RUN(test_hamza_seats);
    KH_RUN(test_normalize_text);
    KH_RUN(test_tokenize_only);
    KH_RUN(test_callback_stops);
    KH_RUN(test_invalid_utf8_and_nul);
    KH_RUN(test_hostile_sizes);
    return kh_test_report();
}
