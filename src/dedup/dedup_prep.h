/*
 * dedup_prep.h - a prepared article (khabar.h: kh_dedup_prep) and the
 * helpers that make one, shared by dedup_prep.c and dedup.c.  Internal to
 * the dedup stage.
 */
#ifndef KH_DEDUP_PREP_H
#define KH_DEDUP_PREP_H

#include <stddef.h>
#include <stdint.h>

#include "arabic/ar_tokens.h"
#include "common/buf.h"
#include "dedup/shingles.h"
#include "khabar.h"

struct kh_minhash;

/* The first shingles of a text, in order: how the opening of a short copy
 * is found at the opening of a longer text. */
#define KH_DEDUP_HEAD 16

struct kh_dedup_prep {
    uint64_t id, text_key, url_key;
    int32_t day;             /* kh_dedup_day of its date, 0 for undated   */
    int prepared;            /* 0 until a prepare succeeds                */
    unsigned num_perm, shingle_words; /* the options it was made with    */
    size_t n_words;
    kh_u32vec sh;            /* sorted distinct shingle hashes            */
    kh_u32vec sig;           /* num_perm minima, when has_sig             */
    int has_sig;             /* long enough for near matches              */
    kh_u32vec wset;          /* sorted distinct 32-bit word hashes        */
    kh_buf keys;             /* key words (dedup_keys.h)                  */
    uint32_t head[KH_DEDUP_HEAD]; /* the first shingles, in text order    */
    size_t n_head;
    /* scratch, kept between prepares */
    kh_u64vec words;
    kh_u32vec scratch;
    kh_buf url_buf;
};

/* The hash of one normalised word (frozen: text keys are stored). */
static inline uint64_t kh_dedup_word_hash(const char *norm, size_t len)
{
    return kh_hash64(norm, len, 0x776f7264u); /* "word" */
}

/* kh_dedup_text_words: the word hashes of a text (replacing out's
 * contents), from its tokens' normalised forms. */
void kh_dedup_text_words(kh_analyzer *an, const char *text, size_t len,
                         kh_u64vec *out);

/* kh_dedup_prepare_tokens: kh_dedup_prepare() reading toks (a's title
 * and text analysed with an's options; NULL: analysed here). */
int kh_dedup_prepare_tokens(const kh_dedup *d, kh_analyzer *an,
                            const kh_article_tokens *toks, const kh_article *a,
                            kh_dedup_prep *p);

/* kh_dedup_text_key: the exact-text key, the word sequence folded into 64
 * bits; 0 for no words. */
uint64_t kh_dedup_text_key(const uint64_t *words, size_t n);

/* kh_dedup_prep_words: prepare from words already hashed (no keys: the
 * title is not known). */
void kh_dedup_prep_words(const kh_dedup *d, uint64_t id, const char *url,
                         const uint64_t *words, size_t n, kh_dedup_prep *p);

/* kh_dedup_word_set: the sorted distinct 32-bit forms of words into out. */
void kh_dedup_word_set(const uint64_t *words, size_t n, kh_u32vec *out,
                       kh_u32vec *scratch);

/* The index's MinHash family (read-only once the index exists). */
const struct kh_minhash *kh_dedup_minhash(const kh_dedup *d);

#endif
