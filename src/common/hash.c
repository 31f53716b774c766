/*
 * hash.c - kh_hash64, the hash behind article ids, content hashes, line
 * hashes and shingles.
 *
 * Ids are stored in databases, so this function is frozen: changing a
 * single constant would change every id.  The test suite pins its output.
 * Design: 16 bytes at a time are folded in with a 64x64->128-bit multiply
 * (whose high and low halves are xor-ed, so every input bit reaches every
 * output bit), the tail is read as up to two little-endian words, and a
 * final avalanche step spreads the last block.  Reads are byte-wise
 * little-endian so the result is the same on every platform.
 */
#include <stdint.h>
#include <string.h>

#include "khabar.h"

#define K0 0x243f6a8885a308d3ULL
#define K1 0x9e3779b97f4a7c15ULL
#define K2 0xc2b2ae3d27d4eb4fULL
#define K3 0x165667b19e3779f9ULL

static inline uint64_t read64(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
           (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
           (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* Up to 8 bytes, little-endian, zero-padded. */
static inline uint64_t read_tail(const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static inline uint64_t fold(uint64_t a, uint64_t b)
{
    __uint128_t r = (__uint128_t)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

uint64_t kh_hash64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed ^ K0 ^ fold(len ^ K1, K2);
    while (len >= 16) {
        h = fold(read64(p) ^ K1, read64(p + 8) ^ h ^ K2);
        p += 16;
        len -= 16;
    }
    uint64_t a, b = 0;
    if (len > 8) {
        a = read64(p);
        b = read_tail(p + 8, len - 8);
    } else {
        a = read_tail(p, len);
    }
    h = fold(a ^ K3, b ^ h ^ K1);
    /* avalanche (the splitmix64 finaliser) */
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}
