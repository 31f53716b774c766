/*
 * test_arabic_tokens.c - kept tokens (ar_tokens.h): replaying a kh_tokens
 * gives exactly what kh_analyze() gives, token for token, under every
 * analyser option, for texts that grow the arrays, and with early stops.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arabic/ar_tokens.h"
#include "common/buf.h"
#include "khabar.h"
#include "kh_test.h"

/* Every field of every token, written out; stop after `stop_at` tokens
 * (0: never) by returning 7. */
typedef struct dump {
    kh_buf out;
    size_t seen, stop_at;
} dump;

static int dump_token(void *ctx, const kh_token *t)
{
    dump *d = ctx;
    kh_buf_printf(&d->out, "%zu-%zu #%zu k%d s%d [%.*s] [%.*s]\n", t->start,
                  t->end, t->position, (int)t->kind, t->stop,
                  (int)t->norm_len, t->norm, (int)t->stem_len, t->stem);
    d->seen++;
    return d->stop_at && d->seen == d->stop_at ? 7 : 0;
}

/* Compare analysis and replay of text under an; returns the token count. */
static size_t check_same(kh_analyzer *an, kh_tokens *t, const char *text,
                         size_t len, size_t stop_at)
{
    dump a = {KH_BUF_INIT, 0, stop_at}, b = {KH_BUF_INIT, 0, stop_at};
    int rc_a = kh_analyze(an, text, len, dump_token, &a);
    kh_tokens_make(t, an, text, len);
    int rc_b = kh_tokens_each(t, dump_token, &b);
    KH_CHECK_INT(rc_b, rc_a);
    KH_CHECK_INT((long long)b.seen, (long long)a.seen);
    KH_CHECK_STR(b.out.data ? b.out.data : "", a.out.data ? a.out.data : "");
    /* the walk with tokens and without them agree too */
    dump c = {KH_BUF_INIT, 0, stop_at};
    KH_CHECK_INT(kh_tokens_walk(NULL, an, text, len, dump_token, &c), rc_a);
    KH_CHECK_STR(c.out.data ? c.out.data : "", a.out.data ? a.out.data : "");
    kh_buf_free(&a.out);
    kh_buf_free(&b.out);
    kh_buf_free(&c.out);
    return t->n;
}

static const char *const texts[] = {
    "وقال وزير الخارجية السعودي إن المملكة ستواصل دعمها للشعب اليمني.",
    "والمسؤولون بالمدينة للمعلمين ومدرستها فالطالبات كمدرسة",
    "ارتفع النفط 3.5% إلى 1,000 دولار في ٢٠١٥ و۱۲ مليون",
    "Café cafe\xCC\x81 naïve RIYADH 2015-07-22 abc123",
    "\xEF\xB7\xBA صلى الله عليه وسلم \xEF\xB7\xBA",
    "bad \xFF\xFE bytes \xC3 and a NUL\0inside",
    "مُحَمَّدٌ رَسُولُ اللّهِ ــــ شئون مسئول مسؤولية ى ة",
    "",
};

static void test_replay_equals_analysis(void)
{
    kh_analyzer_opts variants[4];
    for (int v = 0; v < 4; v++)
        kh_analyzer_opts_init(&variants[v]);
    variants[1].stemmer = KH_STEM_SNOWBALL;
    variants[2].stemmer = KH_STEM_NONE;
    variants[2].fold_hamza = 0;
    variants[2].fold_ta_marbuta = 0;
    variants[3].tokenize_only = 1;
    kh_tokens t = KH_TOKENS_INIT;
    for (int v = 0; v < 4; v++) {
        kh_analyzer *an = kh_analyzer_create(&variants[v]);
        for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
            size_t len = strlen(texts[i]);
            if (strstr(texts[i], "NUL"))
                len += 1 + strlen("inside");
            check_same(an, &t, texts[i], len, 0);
        }
        kh_analyzer_free(an);
    }
    kh_tokens_free(&t);
}

/* Past the first allocation (256 tokens) the byte buffer moves many times:
 * every pointer must still be right, and norms NUL-terminated. */
static void test_long_text_and_reuse(void)
{
    kh_buf text = KH_BUF_INIT;
    for (int i = 0; i < 3000; i++)
        kh_buf_printf(&text, "%s %d ", texts[i % 3], i);
    kh_analyzer *an = kh_analyzer_create(NULL);
    kh_tokens t = KH_TOKENS_INIT;
    size_t n = check_same(an, &t, text.data, text.len, 0);
    KH_CHECK(n > 20000);
    int terminated = 1;
    for (size_t i = 0; i < t.n; i++)
        terminated &= t.v[i].norm[t.v[i].norm_len] == '\0';
    KH_CHECK(terminated);
    /* made again from a short text: only its tokens remain */
    KH_CHECK_INT((long long)check_same(an, &t, "كلمة واحدة", strlen("كلمة واحدة"),
                                       0),
                 2);
    /* NULL and empty texts have no tokens */
    kh_tokens_make(&t, an, NULL, 0);
    KH_CHECK_INT((long long)t.n, 0);
    kh_tokens_free(&t);
    kh_analyzer_free(an);
    kh_buf_free(&text);
}

static void test_early_stop(void)
{
    kh_analyzer *an = kh_analyzer_create(NULL);
    kh_tokens t = KH_TOKENS_INIT;
    for (size_t stop = 1; stop <= 5; stop++)
        check_same(an, &t, texts[0], strlen(texts[0]), stop);
    kh_tokens_free(&t);
    kh_analyzer_free(an);
}

static void test_article_tokens(void)
{
    kh_analyzer *an = kh_analyzer_create(NULL);
    kh_article_tokens at = KH_ARTICLE_TOKENS_INIT;
    kh_article a;
    memset(&a, 0, sizeof a);
    a.title = (char *)"عنوان الخبر";
    a.text = (char *)"نص الخبر الطويل";
    kh_article_tokens_make(&at, an, &a);
    KH_CHECK_INT(at.has_title, 1);
    KH_CHECK_INT((long long)at.title.n, 2);
    KH_CHECK_INT((long long)at.text.n, 3);
    a.title = NULL;
    kh_article_tokens_make(&at, an, &a);
    KH_CHECK_INT(at.has_title, 0);
    KH_CHECK_INT((long long)at.title.n, 0);
    KH_CHECK_INT((long long)at.text.n, 3);
    kh_article_tokens_free(&at);
    kh_analyzer_free(an);
}

int main(void)
{
    KH_RUN(test_replay_equals_analysis);
    KH_RUN(test_long_text_and_reuse);
    KH_RUN(test_early_stop);
    KH_RUN(test_article_tokens);
    return kh_test_report();
}
