/*
 * ar_wordset.h - a read-only set of short UTF-8 words (stopwords, the
 * clitic exception lexicon), built once from a generated C array.
 *
 * Workload: one or two lookups per analysed word, so lookups are a hash of
 * a few bytes and usually one probe.  Keys are stored as the analyser's
 * default normalisation spells them (ة as ه, ى as ي, ؤ ئ as ء);
 * ar_wordset_has() folds the key the same way when the caller's analyser
 * does not.
 */
#ifndef KH_AR_WORDSET_H
#define KH_AR_WORDSET_H

#include <stddef.h>
#include <stdint.h>

/* One slot: the word's hash beside its index, so that a probe touches one
 * cache line and a miss never reads the word itself. */
typedef struct ar_wordslot {
    uint32_t hash;
    uint32_t index; /* index+1 into words, 0 = empty */
} ar_wordslot;

/* Longest key ever looked up, in bytes; longer words are never members. */
#define AR_WORDSET_MAX_KEY 64

#define AR_WORDSET_FILTER_BITS 65536

typedef struct ar_wordset {
    const char *const *words; /* the generated array, not owned          */
    /* One bit per value of the hash's high 16 bits, masked down to 16
     * bits per word of the set (at most 8 KB): small enough that the
     * filters of all the lists an analyser asks stay in L1, and they turn
     * most misses (most words are in no list) away before the probe. */
    uint64_t filter[AR_WORDSET_FILTER_BITS / 64];
    uint32_t filter_mask;
    /* Per key length in bytes, one bit per value of the last byte's low
     * six bits: a test cheaper than the hash, that turns away most words
     * of a length or an ending no member has. */
    uint64_t tails[AR_WORDSET_MAX_KEY + 1];
    ar_wordslot *slots;
    size_t mask;              /* slots - 1, slots a power of two          */
    size_t count;
    size_t max_len;           /* longest word, in bytes                   */
} ar_wordset;

/* ar_wordset_build: index `n` NUL-terminated words (duplicates allowed). */
void ar_wordset_build(ar_wordset *set, const char *const *words, size_t n);
void ar_wordset_free(ar_wordset *set);

/* ar_wordset_has: 1 when s[0..len) (after ar_fold_key() when `fold` is
 * set) is in the set. */
int ar_wordset_has(const ar_wordset *set, const char *s, size_t len,
                   int fold);

/* ar_fold_key: copy s to out (AR_WORDSET_MAX_KEY bytes) with the default
 * folds an analyser may have been told to skip: ة->ه, ى->ي, ؤ ئ->ء; each
 * keeps its byte length, so the result is len bytes too.
 * len <= AR_WORDSET_MAX_KEY. */
size_t ar_fold_key(const char *s, size_t len, char *out);

#endif
