/*
 * minhash.h - MinHash signatures of shingle sets and their LSH band keys.
 *
 * Internal to the dedup stage.  A signature is num_perm 32-bit minima, one
 * per hash function; two sets agree on a signature slot with probability
 * equal to their Jaccard index.  Bands of `rows` consecutive slots are
 * hashed into one 64-bit key each: sets whose signatures agree on a whole
 * band become candidates.
 */
#ifndef KH_DEDUP_MINHASH_H
#define KH_DEDUP_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define KH_MINHASH_MAX_PERM 1024

/* The hash family: v_i(x) = a_i * x + b_i (mod 2^32), a_i odd. */
typedef struct kh_minhash {
    unsigned num_perm;
    uint32_t *a, *b; /* num_perm each */
} kh_minhash;

/* kh_minhash_init: draw the family from a fixed seed (the same on every
 * run, so signatures are reproducible). */
void kh_minhash_init(kh_minhash *mh, unsigned num_perm);
void kh_minhash_free(kh_minhash *mh);

/* kh_minhash_sign: sig[0..num_perm) = the minima over the n hashes in set
 * (n may be 0: every slot is then UINT32_MAX). */
void kh_minhash_sign(const kh_minhash *mh, const uint32_t *set, size_t n,
                     uint32_t *sig);

/* kh_minhash_band_key: the key of band `band` (rows slots from band*rows). */
uint64_t kh_minhash_band_key(const uint32_t *sig, unsigned band,
                             unsigned rows);

/* kh_minhash_estimate: the share of equal slots, an estimate of Jaccard. */
double kh_minhash_estimate(const uint32_t *s1, const uint32_t *s2,
                           unsigned num_perm);

#endif
