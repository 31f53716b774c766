/*
 * ar_tokens.c - a text's tokens kept for replay (ar_tokens.h): ingest
 * analyses each article once and hands the same tokens to the index,
 * duplicate and story preparations.
 *
 * The tokens' strings are copied into one growing byte buffer, which may
 * move while the text is read, so offsets are kept beside the tokens and
 * turned into pointers once the walk is over.  Nothing is allocated per
 * token once a kh_tokens has grown to the longest text.
 */
#include "arabic/ar_tokens.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

/* Where a kept token's stem lives: with its norm, or after it. */
#define AR_STEM_IS_NORM ((size_t)-1)

static void tokens_grow(kh_tokens *t)
{
    t->cap = t->cap ? t->cap * 2 : 256;
    t->v = kh_realloc(t->v, t->cap * sizeof *t->v);
    t->offs_cap = 2 * t->cap;
    t->offs = kh_realloc(t->offs, t->offs_cap * sizeof *t->offs);
}

static int keep_token(void *ctx, const kh_token *tok)
{
    kh_tokens *t = ctx;
    if (t->n == t->cap)
        tokens_grow(t);
    size_t *off = t->offs + 2 * t->n;
    t->v[t->n++] = *tok;
    off[0] = t->bytes.len;
    kh_buf_append(&t->bytes, tok->norm, tok->norm_len);
    kh_buf_putc(&t->bytes, '\0');
    if (tok->stem == tok->norm && tok->stem_len == tok->norm_len) {
        off[1] = AR_STEM_IS_NORM;
    } else {
        off[1] = t->bytes.len;
        kh_buf_append(&t->bytes, tok->stem, tok->stem_len);
    }
    return 0;
}

void kh_tokens_make(kh_tokens *t, kh_analyzer *an, const char *text,
                    size_t len)
{
    t->n = 0;
    kh_buf_reset(&t->bytes);
    if (text && len)
        kh_analyze(an, text, len, keep_token, t);
    /* the buffer stops moving here: offsets become pointers */
    for (size_t i = 0; i < t->n; i++) {
        kh_token *tok = &t->v[i];
        const size_t *off = t->offs + 2 * i;
        tok->norm = t->bytes.data + off[0];
        tok->stem = off[1] == AR_STEM_IS_NORM ? tok->norm
                                              : t->bytes.data + off[1];
    }
}

int kh_tokens_each(const kh_tokens *t, kh_token_fn fn, void *ctx)
{
    for (size_t i = 0; i < t->n; i++) {
        int rc = fn(ctx, &t->v[i]);
        if (rc)
            return rc;
    }
    return KH_OK;
}

int kh_tokens_walk(const kh_tokens *t, kh_analyzer *an, const char *text,
                   size_t len, kh_token_fn fn, void *ctx)
{
    if (t)
        return kh_tokens_each(t, fn, ctx);
    assert(an);
    return kh_analyze(an, text, len, fn, ctx);
}

void kh_tokens_free(kh_tokens *t)
{
    free(t->v);
    free(t->offs);
    kh_buf_free(&t->bytes);
    memset(t, 0, sizeof *t);
}

void kh_article_tokens_title(kh_article_tokens *t, kh_analyzer *an,
                             const kh_article *a)
{
    t->has_title = a->title != NULL;
    kh_tokens_make(&t->title, an, a->title, a->title ? strlen(a->title) : 0);
}

void kh_article_tokens_make(kh_article_tokens *t, kh_analyzer *an,
                            const kh_article *a)
{
    kh_article_tokens_title(t, an, a);
    kh_tokens_make(&t->text, an, a->text, a->text ? strlen(a->text) : 0);
}

void kh_article_tokens_free(kh_article_tokens *t)
{
    kh_tokens_free(&t->title);
    kh_tokens_free(&t->text);
    t->has_title = 0;
}
