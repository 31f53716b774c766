/*
 * dedup_keys.c - key words and the template test (dedup_keys.h).
 *
 * Runs only for pairs already found nearly the same by their shingles, a
 * few per article at most, so plain loops over a dozen keys are enough.
 */
#include "dedup/dedup_keys.h"

#include <string.h>

#include "common/utf8.h"
#include "dedup/dedup_prep.h"

typedef struct key_ctx {
    const uint32_t *words;
    size_t n_words;
    kh_buf *out;
    size_t n;
} key_ctx;

static int in_set(const uint32_t *v, size_t n, uint32_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo] == x;
}

static int already_key(const kh_buf *out, const char *w, size_t len)
{
    for (size_t i = 0; i < out->len;) {
        size_t l = strlen(out->data + i);
        if (l == len && memcmp(out->data + i, w, len) == 0)
            return 1;
        i += l + 1;
    }
    return 0;
}

static int collect_key(void *ctx, const kh_token *tok)
{
    key_ctx *k = ctx;
    if (k->n >= KH_DEDUP_MAX_KEYS)
        return 1;
    if (tok->stop)
        return 0;
    size_t letters = tok->kind == KH_TOKEN_ARABIC ? tok->norm_len / 2
                                                  : tok->norm_len;
    if (letters < 3 && tok->kind != KH_TOKEN_NUMBER)
        return 0;
    uint32_t h = kh_dedup_word32(kh_dedup_word_hash(tok->norm, tok->norm_len));
    if (!in_set(k->words, k->n_words, h) ||
        already_key(k->out, tok->norm, tok->norm_len))
        return 0;
    kh_buf_append(k->out, tok->norm, tok->norm_len);
    kh_buf_putc(k->out, '\0');
    k->n++;
    return 0;
}

void kh_dedup_keys_tokens(kh_analyzer *an, const kh_tokens *title_toks,
                          const char *title, const uint32_t *words,
                          size_t n_words, kh_buf *out)
{
    kh_buf_reset(out);
    if (!title || !n_words)
        return;
    key_ctx k = {words, n_words, out, 0};
    kh_tokens_walk(title_toks, an, title, strlen(title), collect_key, &k);
}

void kh_dedup_keys(kh_analyzer *an, const char *title, const uint32_t *words,
                   size_t n_words, kh_buf *out)
{
    kh_dedup_keys_tokens(an, NULL, title, words, n_words, out);
}

/* A word as code points (at most 64 of them are compared). */
static size_t code_points(const char *s, uint32_t *cp, size_t max)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len && n < max;)
        i += kh_utf8_decode((const unsigned char *)s + i, len - i, &cp[n++],
                            NULL);
    return n;
}

/* Edit distance of at most one, in one pass over the two words. */
static int within_one_edit(const uint32_t *a, size_t na, const uint32_t *b,
                           size_t nb)
{
    if (na > nb + 1 || nb > na + 1)
        return 0;
    size_t i = 0, j = 0;
    int edits = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            i++;
            j++;
            continue;
        }
        if (++edits > 1)
            return 0;
        if (na > nb)
            i++;
        else if (nb > na)
            j++;
        else {
            i++;
            j++;
        }
    }
    return edits + (int)(na - i) + (int)(nb - j) <= 1;
}

int kh_dedup_variant(const char *a, const char *b)
{
    uint32_t ca[64], cb[64];
    size_t na = code_points(a, ca, 64), nb = code_points(b, cb, 64);
    size_t shorter = na < nb ? na : nb;
    if (shorter >= 4 && (strstr(a, b) || strstr(b, a)))
        return 1;
    return within_one_edit(ca, na, cb, nb);
}

/* Keys of a missing from words_b and no variant of a key of b that is. */
static size_t own_keys(const char *keys_a, size_t len_a, const char *keys_b,
                       size_t len_b, const uint32_t *words_b, size_t n_b)
{
    size_t own = 0;
    for (size_t i = 0; i < len_a;) {
        const char *w = keys_a + i;
        size_t l = strlen(w);
        i += l + 1;
        uint32_t h = kh_dedup_word32(kh_dedup_word_hash(w, l));
        if (in_set(words_b, n_b, h))
            continue;
        int variant = 0;
        for (size_t j = 0; j < len_b && !variant;) {
            const char *v = keys_b + j;
            j += strlen(v) + 1;
            variant = kh_dedup_variant(w, v);
        }
        own += !variant;
    }
    return own;
}

int kh_dedup_template(const char *keys_a, size_t len_a, const uint32_t *words_a,
                      size_t n_a, const char *keys_b, size_t len_b,
                      const uint32_t *words_b, size_t n_b)
{
    size_t own_a = own_keys(keys_a, len_a, keys_b, len_b, words_b, n_b);
    if (own_a == 0)
        return 0;
    size_t own_b = own_keys(keys_b, len_b, keys_a, len_a, words_a, n_a);
    return own_b > 0 && (own_a >= 2 || own_b >= 2);
}
