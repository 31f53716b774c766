/*
 * ar_tokens.h - a text analysed once and its tokens kept, so that the
 * several readers of one article's words (index terms, duplicate shingles
 * and keys, story terms) replay one analysis instead of each running
 * kh_analyze() over the same text again.
 */
#ifndef KH_AR_TOKENS_H
#define KH_AR_TOKENS_H

#include <stddef.h>

#include "common/buf.h"
#include "khabar.h"

/* The tokens of one text, as kh_analyze() handed them out, in order.  Each
 * token's norm and stem point into `bytes` (norms are NUL-terminated, as
 * the analyser's are); a stem equal to its norm shares its bytes. */
typedef struct kh_tokens {
    kh_token *v;
    size_t n, cap;
    kh_buf bytes;     /* every norm and distinct stem, back to back      */
    size_t *offs;     /* while made: norm and stem offsets in bytes      */
    size_t offs_cap;
} kh_tokens;

#define KH_TOKENS_INIT {NULL, 0, 0, KH_BUF_INIT, NULL, 0}

/* An article's title and text, each analysed once. */
typedef struct kh_article_tokens {
    kh_tokens title, text;
    int has_title;    /* a->title was not NULL                           */
} kh_article_tokens;

#define KH_ARTICLE_TOKENS_INIT {KH_TOKENS_INIT, KH_TOKENS_INIT, 0}

/* kh_tokens_make: replace t's contents with the tokens of text[0, len)
 * under an.  text NULL is an empty text. */
void kh_tokens_make(kh_tokens *t, kh_analyzer *an, const char *text,
                    size_t len);

/* kh_tokens_each: call fn with each token of t in order, exactly as
 * kh_analyze() did when t was made; a non-zero return stops the walk and
 * is returned. */
int kh_tokens_each(const kh_tokens *t, kh_token_fn fn, void *ctx);

/* kh_tokens_walk: the tokens of text: t's when t is not NULL (it must
 * have been made from this text with an analyser of an's options), else
 * kh_analyze(an, text, len, ...).  What single-text callers and callers
 * holding a kh_tokens share, so both paths see the same tokens. */
int kh_tokens_walk(const kh_tokens *t, kh_analyzer *an, const char *text,
                   size_t len, kh_token_fn fn, void *ctx);

void kh_tokens_free(kh_tokens *t);

/* kh_article_tokens_make: analyse a->title (when not NULL) and a->text. */
void kh_article_tokens_make(kh_article_tokens *t, kh_analyzer *an,
                            const kh_article *a);
/* kh_article_tokens_title: analyse a->title only (the text's tokens were
 * made elsewhere, e.g. by kh_clean_article_tokens). */
void kh_article_tokens_title(kh_article_tokens *t, kh_analyzer *an,
                             const kh_article *a);
void kh_article_tokens_free(kh_article_tokens *t);

#endif
