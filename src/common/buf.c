/*
 * buf.c - growth, formatting and JSON quoting for kh_buf (see buf.h).
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "utf8.h"

void kh_buf_reserve(kh_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap < ((size_t)1 << 30) ? cap * 2 : cap + ((size_t)1 << 30);
    b->data = kh_realloc(b->data, cap);
    b->cap = cap;
    b->data[b->len] = '\0'; /* the contents stay a C string at all times */
}

void kh_buf_free(kh_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void kh_buf_reset(kh_buf *b)
{
    kh_buf_reserve(b, 0);
    b->len = 0;
    b->data[0] = '\0';
}

char *kh_buf_detach(kh_buf *b)
{
    kh_buf_reserve(b, 0);
    char *s = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

void kh_buf_vprintf(kh_buf *b, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        va_end(again);
        return;
    }
    if ((size_t)n < sizeof small) {
        kh_buf_append(b, small, (size_t)n);
    } else {
        kh_buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
        b->len += (size_t)n;
    }
    va_end(again);
}

void kh_buf_printf(kh_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kh_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void kh_buf_json_string(kh_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    kh_buf_reserve(b, n + 2);
    kh_buf_putc(b, '"');
    size_t run = 0; /* bytes that need no escaping, copied in one go */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            /* Multi-byte: copy valid sequences, replace invalid bytes so
             * the output is always valid JSON. */
            uint32_t cp;
            int bad = 0;
            size_t k = kh_utf8_decode((const unsigned char *)s + i, n - i,
                                      &cp, &bad);
            if (!bad) {
                run += k;
                i += k - 1;
                continue;
            }
            kh_buf_append(b, s + i - run, run);
            run = 0;
            kh_buf_append(b, "\\ufffd", 6);
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            run++;
            continue;
        }
        kh_buf_append(b, s + i - run, run);
        run = 0;
        switch (c) {
        case '"': kh_buf_append(b, "\\\"", 2); break;
        case '\\': kh_buf_append(b, "\\\\", 2); break;
        case '\n': kh_buf_append(b, "\\n", 2); break;
        case '\r': kh_buf_append(b, "\\r", 2); break;
        case '\t': kh_buf_append(b, "\\t", 2); break;
        default: {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            kh_buf_append(b, esc, 6);
        }
        }
    }
    kh_buf_append(b, s + n - run, run);
    kh_buf_putc(b, '"');
}
