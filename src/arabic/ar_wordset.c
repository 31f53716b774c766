/*
 * ar_wordset.c - open-addressing hash set over the generated word lists
 * (stopwords, clitic exceptions); see ar_wordset.h.
 */
#include "arabic/ar_wordset.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

/* A small multiplicative hash: keys are 2-40 bytes of Arabic, so a loop
 * over 8-byte chunks beats a general-purpose hash here. */
static uint32_t word_hash(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    for (size_t k = 0; i + k < len; k++)
        tail |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 32;
    return (uint32_t)h;
}

size_t ar_fold_key(const char *s, size_t len, char *out)
{
    assert(len <= AR_WORDSET_MAX_KEY);
    memcpy(out, s, len);
    for (size_t i = 0; i + 1 < len; i++) {
        unsigned char a = (unsigned char)out[i], b = (unsigned char)out[i + 1];
        if (a == 0xD8 && b == 0xA9) { /* ة -> ه */
            out[i] = (char)0xD9;
            out[i + 1] = (char)0x87;
            i++;
        } else if (a == 0xD9 && b == 0x89) { /* ى -> ي */
            out[i + 1] = (char)0x8A;
            i++;
        } else if (a == 0xD8 && (b == 0xA4 || b == 0xA6)) { /* ؤ ئ -> ء */
            out[i + 1] = (char)0xA1;
            i++;
        }
    }
    return len;
}

void ar_wordset_build(ar_wordset *set, const char *const *words, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n + 1)
        cap <<= 1;
    set->words = words;
    memset(set->filter, 0, sizeof set->filter);
    size_t bits = 512;
    while (bits < 16 * n && bits < AR_WORDSET_FILTER_BITS)
        bits <<= 1;
    set->filter_mask = (uint32_t)(bits - 1);
    memset(set->tails, 0, sizeof set->tails);
    set->slots = kh_calloc(cap, sizeof *set->slots);
    set->mask = cap - 1;
    set->count = 0;
    set->max_len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(words[i]);
        assert(len <= AR_WORDSET_MAX_KEY);
        if (ar_wordset_has(set, words[i], len, 0))
            continue;
        uint32_t h = word_hash(words[i], len);
        size_t at = h & set->mask;
        while (set->slots[at].index)
            at = (at + 1) & set->mask;
        set->slots[at].hash = h;
        set->slots[at].index = (uint32_t)(i + 1);
        uint32_t f = (h >> 16) & set->filter_mask;
        set->filter[f / 64] |= 1ull << (f % 64);
        if (len)
            set->tails[len] |= 1ull << (unsigned char)(words[i][len - 1] & 63);
        set->count++;
        if (len > set->max_len)
            set->max_len = len;
    }
}

void ar_wordset_free(ar_wordset *set)
{
    if (!set)
        return;
    free(set->slots);
    memset(set, 0, sizeof *set);
}

int ar_wordset_has(const ar_wordset *set, const char *s, size_t len, int fold)
{
    if (len > set->max_len || !set->slots)
        return 0;
    char folded[AR_WORDSET_MAX_KEY];
    if (fold) {
        ar_fold_key(s, len, folded);
        s = folded;
    }
    if (len && !(set->tails[len] >> (unsigned char)(s[len - 1] & 63) & 1))
        return 0;
    uint32_t h = word_hash(s, len);
    uint32_t f = (h >> 16) & set->filter_mask;
    if (!(set->filter[f / 64] >> (f % 64) & 1))
        return 0;
    for (size_t at = h & set->mask; set->slots[at].index;
         at = (at + 1) & set->mask) {
        if (set->slots[at].hash != h)
            continue;
        const char *w = set->words[set->slots[at].index - 1];
        if (strncmp(w, s, len) == 0 && w[len] == '\0')
            return 1;
    }
    return 0;
}
