/*
 * ar_wordset.h - a read-only set of short UTF-8 words (stopwords, the
 * clitic exception lexicon), built once from a generated C array.
 *
 * Workload: one or two lookups per analysed word, so lookups are a hash of
 * a few bytes and usually one probe.  Keys are stored as the analyser's
 * default normalisation spells them (ة as ه, ى as ي); ar_wordset_has()
 * folds the key the same way when the caller's analyser does not.
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

#define AR_WORDSET_FILTER_BITS 65536

typedef struct ar_wordset {
    const char *const *words; /* the generated array, not owned          */
    /* One bit per hash value's high 16 bits: 8 KB that stay in L1 and turn
     * most misses (most words are in no list) away before the probe. */
    uint64_t filter[AR_WORDSET_FILTER_BITS / 64];
    ar_wordslot *slots;
    size_t mask;              /* slots - 1, slots a power of two          */
    size_t count;
    size_t max_len;           /* longest word, in bytes                   */
} ar_wordset;

/* Longest key ever looked up, in bytes; longer words are never members. */
#define AR_WORDSET_MAX_KEY 64

/* ar_wordset_build: index `n` NUL-terminated words (duplicates allowed). */
void ar_wordset_build(ar_wordset *set, const char *const *words, size_t n);
void ar_wordset_free(ar_wordset *set);

/* ar_wordset_has: 1 when s[0..len) (after folding ة->ه, ى->ي when
 * `fold` is set) is in the set. */
int ar_wordset_has(const ar_wordset *set, const char *s, size_t len,
                   int fold);

/* ar_fold_tm_am: copy s to out (AR_WORDSET_MAX_KEY bytes) with ة->ه and
 * ى->ي; returns the length (same as len).  len <= AR_WORDSET_MAX_KEY. */
size_t ar_fold_tm_am(const char *s, size_t len, char *out);

#endif
