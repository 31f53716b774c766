/*
 * buf.h - kh_buf, the one growable byte/UTF-8 buffer used for all text.
 *
 * Ownership rule: a kh_buf owns `data`.  Functions that append may move it,
 * so never keep a pointer into `data` across an append.  `data` is always
 * NUL-terminated once anything has been appended (or after kh_buf_reset), so
 * it can be handed to C string functions; `len` excludes the NUL.
 * kh_buf_detach() hands `data` to the caller and leaves the buffer empty.
 */
#ifndef KH_BUF_H
#define KH_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct kh_buf {
    char *data;
    size_t len;
    size_t cap;
} kh_buf;

#define KH_BUF_INIT {NULL, 0, 0}

/* kh_buf_reserve: make room for `extra` more bytes plus the NUL. */
void kh_buf_reserve(kh_buf *b, size_t extra);
void kh_buf_free(kh_buf *b);
/* kh_buf_reset: empty the buffer, keeping its memory. */
void kh_buf_reset(kh_buf *b);
/* kh_buf_detach: the malloc'd NUL-terminated contents (never NULL). */
char *kh_buf_detach(kh_buf *b);
void kh_buf_printf(kh_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void kh_buf_vprintf(kh_buf *b, const char *fmt, va_list ap);
/* kh_buf_json_string: append s as a quoted JSON string (s is UTF-8). */
void kh_buf_json_string(kh_buf *b, const char *s, size_t n);

static inline void kh_buf_append(kh_buf *b, const void *p, size_t n)
{
    if (b->cap - b->len <= n)
        kh_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void kh_buf_puts(kh_buf *b, const char *s)
{
    kh_buf_append(b, s, strlen(s));
}

static inline void kh_buf_putc(kh_buf *b, char c)
{
    kh_buf_append(b, &c, 1);
}

/* kh_buf_put_le: the low `bytes` (1-8) bytes of v, least significant
 * first: the byte order of the blobs khabar stores, so that a database
 * moves between machines.  kh_get_le reads them back from p. */
static inline void kh_buf_put_le(kh_buf *b, uint64_t v, size_t bytes)
{
    unsigned char p[8];
    for (size_t i = 0; i < bytes; i++)
        p[i] = (unsigned char)(v >> (8 * i));
    kh_buf_append(b, p, bytes);
}

static inline uint64_t kh_get_le(const unsigned char *p, size_t bytes)
{
    uint64_t v = 0;
    for (size_t i = 0; i < bytes; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

#endif
