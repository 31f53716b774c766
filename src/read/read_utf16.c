/*
 * read_utf16.c - a kh_src that decodes UTF-16 into UTF-8 on the fly, so the
 * streaming JSON readers see UTF-8 whatever the file was saved as.  (Whole
 * pages are converted in one go by kh_charset_to_utf8 instead.)
 */
#include <stdlib.h>

#include "common/alloc.h"
#include "common/utf8.h"
#include "read/source.h"

typedef struct utf16_ctx {
    kh_src *in;
    int big;
    size_t *invalid;
} utf16_ctx;

static uint32_t unit(const unsigned char *p, int big)
{
    return big ? (uint32_t)(p[0] << 8 | p[1]) : (uint32_t)(p[1] << 8 | p[0]);
}

/* Decode whole code units from `in` while at least 4 bytes of room are
 * left in buf (the most one code point takes in UTF-8). */
static ptrdiff_t utf16_fill(kh_src *s, char *buf, size_t n)
{
    utf16_ctx *c = s->ctx;
    size_t out = 0;
    while (n - out >= 4) {
        size_t got;
        const unsigned char *p =
            (const unsigned char *)kh_src_peek(c->in, 4, &got);
        if (got < 2) {
            if (got == 1) { /* an odd byte at the very end */
                kh_src_consume(c->in, 1);
                out += kh_utf8_encode(KH_UTF8_REPLACEMENT, buf + out);
                (*c->invalid)++;
            }
            if (c->in->err)
                kh_src_fail(s, c->in->err, "%s", c->in->errmsg);
            break;
        }
        uint32_t u = unit(p, c->big);
        size_t used = 2;
        if (u >= 0xD800 && u <= 0xDBFF && got >= 4) {
            uint32_t lo = unit(p + 2, c->big);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                used = 4;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            u = KH_UTF8_REPLACEMENT;
            (*c->invalid) += 2;
        }
        kh_src_consume(c->in, used);
        out += kh_utf8_encode(u, buf + out);
    }
    if (out == 0 && s->err)
        return -1;
    return (ptrdiff_t)out;
}

void kh_src_utf16(kh_src *out, kh_src *in, int big_endian, size_t *invalid)
{
    utf16_ctx *c = kh_malloc(sizeof *c);
    c->in = in;
    c->big = big_endian;
    c->invalid = invalid;
    kh_src_init(out, utf16_fill, c, 0);
    out->owned = c;
}
