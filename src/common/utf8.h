/*
 * utf8.h - decoding and encoding single code points.
 *
 * The decoder is strict (no overlongs, no surrogates, nothing above
 * U+10FFFF) because text that reaches the analyser must be valid UTF-8: an
 * invalid byte decodes as U+FFFD and consumes exactly one byte, so callers
 * always make progress.
 */
#ifndef KH_UTF8_H
#define KH_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define KH_UTF8_REPLACEMENT 0xFFFDu

/* kh_utf8_decode: decode the code point at s (n > 0 bytes available) into
 * *cp and return the bytes it takes (1-4).  Invalid input: *cp = U+FFFD,
 * returns 1 and sets *bad (if not NULL) to 1. */
static inline size_t kh_utf8_decode(const unsigned char *s, size_t n,
                                    uint32_t *cp, int *bad)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4; v = c & 0x07; min = 0x10000;
    } else {
        goto invalid;
    }
    if (n < need)
        goto invalid;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            goto invalid;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        goto invalid;
    *cp = v;
    return need;
invalid:
    *cp = KH_UTF8_REPLACEMENT;
    if (bad)
        *bad = 1;
    return 1;
}

/* kh_utf8_encode: write cp (<= U+10FFFF) to out; return 1-4 bytes. */
static inline size_t kh_utf8_encode(uint32_t cp, char out[4])
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* kh_utf8_invalid_count: how many bytes of s would decode as U+FFFD. */
size_t kh_utf8_invalid_count(const char *s, size_t n);

/* kh_utf8_sanitize: a malloc'd copy of s with each invalid byte replaced by
 * U+FFFD; *replaced (may be NULL) gets the count.  *out_len gets the length. */
char *kh_utf8_sanitize(const char *s, size_t n, size_t *out_len,
                       size_t *replaced);

#endif
