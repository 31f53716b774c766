/*
 * dedup_prep.c - the first half of kh_dedup_add (khabar.h): what one
 * article gives on its own (word hashes, shingle set, MinHash signature,
 * text and URL keys), made without touching the shared index so that
 * callers may prepare on several threads and place on one.
 */
#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arabic/ar_tokens.h"
#include "common/alloc.h"
#include "common/buf.h"
#include "dedup/dedup_keys.h"
#include "dedup/dedup_prep.h"
#include "dedup/dedup_state.h"
#include "dedup/minhash.h"
#include "dedup/urlkey.h"

kh_dedup_prep *kh_dedup_prep_create(void)
{
    return kh_calloc(1, sizeof(kh_dedup_prep));
}

void kh_dedup_prep_free(kh_dedup_prep *p)
{
    if (!p)
        return;
    kh_u32vec_free(&p->sh);
    kh_u32vec_free(&p->sig);
    kh_u32vec_free(&p->wset);
    kh_buf_free(&p->keys);
    kh_u64vec_free(&p->words);
    kh_u32vec_free(&p->scratch);
    kh_buf_free(&p->url_buf);
    free(p);
}

static int collect_word(void *ctx, const kh_token *tok)
{
    kh_u64vec_push(ctx, kh_dedup_word_hash(tok->norm, tok->norm_len));
    return 0;
}

/* The word hashes of a text, from its tokens when given. */
static void text_words(kh_analyzer *an, const kh_tokens *toks,
                       const char *text, size_t len, kh_u64vec *out)
{
    out->n = 0;
    if (text && len)
        kh_tokens_walk(toks, an, text, len, collect_word, out);
}

void kh_dedup_text_words(kh_analyzer *an, const char *text, size_t len,
                         kh_u64vec *out)
{
    text_words(an, NULL, text, len, out);
}

uint64_t kh_dedup_text_key(const uint64_t *words, size_t n)
{
    if (n == 0)
        return 0;
    uint64_t h = 0x74657874ULL ^ n; /* "text" */
    for (size_t i = 0; i < n; i++) {
        h = (h ^ words[i]) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ULL;
    h ^= h >> 32;
    return h ? h : 1;
}

void kh_dedup_word_set(const uint64_t *words, size_t n, kh_u32vec *out,
                       kh_u32vec *scratch)
{
    out->n = 0;
    kh_u32vec_reserve(out, n);
    for (size_t i = 0; i < n; i++)
        out->v[i] = kh_dedup_word32(words[i]);
    kh_sort_u32(out->v, n, scratch);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || out->v[i] != out->v[k - 1])
            out->v[k++] = out->v[i];
    out->n = k;
}

void kh_dedup_prep_words(const kh_dedup *d, uint64_t id, const char *url,
                         const uint64_t *words, size_t n, kh_dedup_prep *p)
{
    const kh_dedup_opts *o = kh_dedup_get_opts(d);
    p->id = id;
    p->day = 0; /* undated unless the caller says otherwise */
    p->prepared = 1;
    p->num_perm = o->num_perm;
    p->shingle_words = o->shingle_words;
    p->n_words = n;
    p->text_key = kh_dedup_text_key(words, n);
    p->url_key = o->url_variants ? kh_url_key(url, &p->url_buf) : 0;
    kh_shingle_set(words, n, o->shingle_words, &p->sh, &p->scratch);
    p->n_head = kh_shingle_head(words, n, o->shingle_words, p->head,
                                KH_DEDUP_HEAD);
    kh_dedup_word_set(words, n, &p->wset, &p->scratch);
    kh_buf_reset(&p->keys);
    p->has_sig = p->sh.n >= o->min_shingles;
    if (p->has_sig) {
        p->sig.n = 0;
        kh_u32vec_reserve(&p->sig, o->num_perm);
        kh_minhash_sign(kh_dedup_minhash(d), p->sh.v, p->sh.n, p->sig.v);
        p->sig.n = o->num_perm;
    }
}

/* Days from 1970-01-01 to a civil date (proleptic Gregorian; the
 * era-based method of H. Hinnant's date algorithms). */
static int32_t days_from_civil(int y, unsigned m, unsigned day)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + (int)doe - 719468);
}

int32_t kh_dedup_day(const char *date)
{
    if (!date)
        return 0;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? date[i] != '-' : !isdigit((unsigned char)date[i]))
            return 0;
    int y = atoi(date);
    unsigned m = (unsigned)atoi(date + 5), day = (unsigned)atoi(date + 8);
    if (y < 1 || m < 1 || m > 12 || day < 1 || day > 31)
        return 0;
    /* shifted so that every valid date is positive and 0 means undated */
    int32_t d = days_from_civil(y, m, day) + 719469;
    /* a date in the future is a bad date: taken as the window's clock, it
     * would push every cluster out of the duplicate window */
    int32_t tomorrow = (int32_t)(time(NULL) / 86400) + 719469 + 1;
    return d > tomorrow ? 0 : d;
}

int kh_dedup_prepare_tokens(const kh_dedup *d, kh_analyzer *an,
                            const kh_article_tokens *toks, const kh_article *a,
                            kh_dedup_prep *p)
{
    p->prepared = 0;
    if (a->id == 0)
        return KH_EINVAL;
    assert(!toks || toks->has_title == (a->title != NULL));
    text_words(an, toks ? &toks->text : NULL, a->text,
               a->text ? strlen(a->text) : 0, &p->words);
    kh_dedup_prep_words(d, a->id, a->url, p->words.v, p->words.n, p);
    p->day = kh_dedup_day(a->date);
    kh_dedup_keys_tokens(an, toks ? &toks->title : NULL, a->title, p->wset.v,
                         p->wset.n, &p->keys);
    return KH_OK;
}

int kh_dedup_prepare(const kh_dedup *d, kh_analyzer *an, const kh_article *a,
                     kh_dedup_prep *p)
{
    return kh_dedup_prepare_tokens(d, an, NULL, a, p);
}
