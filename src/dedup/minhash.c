/*
 * minhash.c - MinHash signatures and LSH band keys (minhash.h).
 *
 * This is the hot loop of duplicate detection: every shingle of every
 * article meets every hash function.  The shingle hashes are already
 * uniformly random (kh_hash64 of the words), so a cheap multiply-add
 * permutation of 32-bit words per function is enough for min-wise
 * behaviour: v_i(x) = a_i*x + b_i mod 2^32 with a_i odd is a bijection,
 * and the minimum is decided by the high bits, which depend on every bit of
 * x.  The loop is written with vectors of eight lanes; an AVX2 clone is
 * picked at load time where the CPU has it.
 */
#include "dedup/minhash.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "khabar.h"

/* splitmix64: a fixed stream of well-mixed words for the family. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void kh_minhash_init(kh_minhash *mh, unsigned num_perm)
{
    assert(num_perm > 0 && num_perm <= KH_MINHASH_MAX_PERM);
    mh->num_perm = num_perm;
    mh->a = kh_malloc(num_perm * sizeof *mh->a);
    mh->b = kh_malloc(num_perm * sizeof *mh->b);
    uint64_t state = 0x6b686162u; /* "khab": frozen, like kh_hash64 */
    for (unsigned i = 0; i < num_perm; i++) {
        uint64_t r = splitmix64(&state);
        mh->a[i] = (uint32_t)r | 1u;
        mh->b[i] = (uint32_t)(r >> 32);
    }
}

void kh_minhash_free(kh_minhash *mh)
{
    free(mh->a);
    free(mh->b);
    mh->a = mh->b = NULL;
    mh->num_perm = 0;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(KHABAR_FUZZING)
#define KH_MULTIVERSION __attribute__((target_clones("avx2", "default")))
#else
#define KH_MULTIVERSION
#endif

/* Eight 32-bit lanes (GCC/clang vector extension: one AVX2 register, or
 * two SSE2 registers in the default clone). */
typedef uint32_t u32x8 __attribute__((vector_size(32)));
typedef int32_t i32x8 __attribute__((vector_size(32)));

/* Macros, not functions: a function passing 32-byte vectors would have a
 * different ABI in the AVX2 clone than in the default one. */
#define LOAD8(v, p) memcpy(&(v), (p), sizeof(v))
#define MIN8(m, v)                                                           \
    do {                                                                     \
        i32x8 v_ = (i32x8)(v), lt_ = v_ < (m);                               \
        (m) = (v_ & lt_) | ((m) & ~lt_);                                     \
    } while (0)

/*
 * 32 functions at a time: their a, b and running minima stay in registers
 * while every shingle streams past, so each shingle costs 4 vector
 * multiply-add-min steps per pass.  CPUs compare signed lanes natively, so
 * the lanes hold v ^ 0x80000000 (signed order of these = unsigned order of
 * v); the flip is free, folded into b, since adding 2^31 mod 2^32 flips
 * exactly the top bit.  Leftover functions (num_perm not a multiple of 32)
 * take the scalar loop.
 */
KH_MULTIVERSION
void kh_minhash_sign(const kh_minhash *mh, const uint32_t *set, size_t n,
                     uint32_t *sig)
{
    const unsigned k = mh->num_perm;
    const u32x8 flip = (u32x8){0} + 0x80000000u;
    unsigned i = 0;
    for (; i + 32 <= k; i += 32) {
        u32x8 a0, a1, a2, a3, b0, b1, b2, b3;
        LOAD8(a0, mh->a + i);
        LOAD8(a1, mh->a + i + 8);
        LOAD8(a2, mh->a + i + 16);
        LOAD8(a3, mh->a + i + 24);
        LOAD8(b0, mh->b + i);
        LOAD8(b1, mh->b + i + 8);
        LOAD8(b2, mh->b + i + 16);
        LOAD8(b3, mh->b + i + 24);
        b0 ^= flip;
        b1 ^= flip;
        b2 ^= flip;
        b3 ^= flip;
        i32x8 m0 = (i32x8){0} + INT32_MAX, m1 = m0, m2 = m0, m3 = m0;
        for (size_t j = 0; j < n; j++) {
            const u32x8 x = (u32x8){0} + set[j];
            MIN8(m0, a0 * x + b0);
            MIN8(m1, a1 * x + b1);
            MIN8(m2, a2 * x + b2);
            MIN8(m3, a3 * x + b3);
        }
        u32x8 r0 = (u32x8)m0 ^ flip, r1 = (u32x8)m1 ^ flip,
              r2 = (u32x8)m2 ^ flip, r3 = (u32x8)m3 ^ flip;
        memcpy(sig + i, &r0, sizeof r0);
        memcpy(sig + i + 8, &r1, sizeof r1);
        memcpy(sig + i + 16, &r2, sizeof r2);
        memcpy(sig + i + 24, &r3, sizeof r3);
    }
    for (; i < k; i++) {
        uint32_t m = UINT32_MAX;
        for (size_t j = 0; j < n; j++) {
            uint32_t v = mh->a[i] * set[j] + mh->b[i];
            m = v < m ? v : m;
        }
        sig[i] = m;
    }
}

uint64_t kh_minhash_band_key(const uint32_t *sig, unsigned band,
                             unsigned rows)
{
    /* Little-endian bytes, so keys do not depend on the platform. */
    unsigned char bytes[4 * KH_MINHASH_MAX_PERM];
    const uint32_t *p = sig + (size_t)band * rows;
    for (unsigned i = 0; i < rows; i++) {
        bytes[4 * i] = (unsigned char)p[i];
        bytes[4 * i + 1] = (unsigned char)(p[i] >> 8);
        bytes[4 * i + 2] = (unsigned char)(p[i] >> 16);
        bytes[4 * i + 3] = (unsigned char)(p[i] >> 24);
    }
    return kh_hash64(bytes, 4 * (size_t)rows, 0x4c5348u + band); /* "LSH" */
}

double kh_minhash_estimate(const uint32_t *s1, const uint32_t *s2,
                           unsigned num_perm)
{
    unsigned same = 0;
    for (unsigned i = 0; i < num_perm; i++)
        same += s1[i] == s2[i];
    return num_perm ? (double)same / num_perm : 0.0;
}
