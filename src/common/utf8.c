/*
 * utf8.c - whole-string UTF-8 checks and repair (see utf8.h).
 */
#include "utf8.h"

#include "alloc.h"
#include "buf.h"

size_t kh_utf8_invalid_count(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t bad_count = 0;
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        int bad = 0;
        i += kh_utf8_decode(p + i, n - i, &cp, &bad);
        bad_count += (size_t)bad;
    }
    return bad_count;
}

char *kh_utf8_sanitize(const char *s, size_t n, size_t *out_len,
                       size_t *replaced)
{
    const unsigned char *p = (const unsigned char *)s;
    kh_buf b = KH_BUF_INIT;
    kh_buf_reserve(&b, n);
    size_t count = 0, run_start = 0, i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        int bad = 0;
        size_t k = kh_utf8_decode(p + i, n - i, &cp, &bad);
        if (bad) {
            kh_buf_append(&b, s + run_start, i - run_start);
            kh_buf_append(&b, "\xEF\xBF\xBD", 3);
            count++;
            run_start = i + 1;
        }
        i += k;
    }
    kh_buf_append(&b, s + run_start, n - run_start);
    if (replaced)
        *replaced = count;
    if (out_len)
        *out_len = b.len;
    return kh_buf_detach(&b);
}
