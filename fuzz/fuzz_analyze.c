/*
 * fuzz_analyze.c - libFuzzer target for the Arabic analyser: kh_analyze with
 * every stemmer and folding option, and kh_normalize_text, over arbitrary
 * bytes.  Besides crashes it checks the token contract: offsets inside the
 * input and in order, positions counting up, forms valid UTF-8, and
 * kh_normalize_text idempotent.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"
#include "common/utf8.h"

#define N_ANALYZERS 5

typedef struct check_ctx {
    size_t size, last_start, last_end, next_position;
} check_ctx;

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_analyze: %s\n", what);
    abort();
}

static int check_token(void *ctx, const kh_token *t)
{
    check_ctx *c = ctx;
    if (t->start >= t->end || t->end > c->size)
        fail("token offsets outside the input");
    /* Words made from one character (U+FDFA is a whole phrase) share its
     * bytes, so tokens may touch the same bytes but never go backwards. */
    if (t->start < c->last_start || t->end < c->last_end)
        fail("tokens out of order");
    if (t->position != c->next_position++)
        fail("positions do not count up");
    if (t->norm_len == 0 || t->stem_len == 0)
        fail("empty normalised form or stem");
    if (kh_utf8_invalid_count(t->norm, t->norm_len) ||
        kh_utf8_invalid_count(t->stem, t->stem_len))
        fail("invalid UTF-8 in a normalised form or stem");
    if (t->kind != KH_TOKEN_ARABIC && t->kind != KH_TOKEN_LATIN &&
        t->kind != KH_TOKEN_NUMBER)
        fail("bad token kind");
    c->last_start = t->start;
    c->last_end = t->end;
    return 0;
}

static kh_analyzer *analyzers[N_ANALYZERS];

static void make_analyzers(void)
{
    kh_analyzer_opts o;
    for (int i = 0; i < N_ANALYZERS; i++) {
        kh_analyzer_opts_init(&o);
        switch (i) {
        case 1: o.stemmer = KH_STEM_SNOWBALL; break;
        case 2: o.stemmer = KH_STEM_NONE; o.strip_clitics = 0; break;
        case 3:
            o.fold_ta_marbuta = 0;
            o.fold_alef_maqsura = 0;
            o.fold_hamza = 0;
            break;
        case 4: o.tokenize_only = 1; break;
        default: break;
        }
        analyzers[i] = kh_analyzer_create(&o);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!analyzers[0])
        make_analyzers();
    const char *text = (const char *)data;
    for (int i = 0; i < N_ANALYZERS; i++) {
        check_ctx c = {size, 0, 0, 0};
        kh_analyze(analyzers[i], text, size, check_token, &c);
    }
    size_t n;
    char *norm = kh_normalize_text(analyzers[0], text, size, &n);
    if (strlen(norm) != n || kh_utf8_invalid_count(norm, n))
        fail("kh_normalize_text: bad length or invalid UTF-8");
    if (n && (norm[0] == ' ' || norm[n - 1] == ' ' || strstr(norm, "  ")))
        fail("kh_normalize_text: stray spaces");
    /* normalising twice changes nothing */
    size_t n2;
    char *again = kh_normalize_text(analyzers[0], norm, n, &n2);
    if (n2 != n || memcmp(again, norm, n) != 0)
        fail("kh_normalize_text is not idempotent");
    free(again);
    free(norm);
    return 0;
}
