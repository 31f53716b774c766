/*
 * source.h - kh_src, the buffered byte stream every reader pulls from.
 *
 * A file, stdin, a buffer in memory, an archive member or a decoded UTF-16
 * stream all look the same to the format readers: bytes that can be peeked
 * at, consumed and counted.  The lower layer is one `fill` callback; the
 * buffer above it lets readers look ahead (format sniffing, line ends)
 * without copying.  Memory use is the buffer, which grows only as far as a
 * reader asks to look ahead.
 */
#ifndef KH_READ_SOURCE_H
#define KH_READ_SOURCE_H

#include <stddef.h>
#include <stdint.h>

typedef struct kh_src kh_src;

#define KH_SRC_PROGRESS_STEP ((uint64_t)1 << 20)

/* The lower layer: read at most n bytes into buf.  Returns the number read,
 * 0 at the end, or -1 after setting s->err and s->errmsg (kh_src_fail). */
typedef ptrdiff_t (*kh_src_fill_fn)(kh_src *s, char *buf, size_t n);
/* Optional: reposition the lower layer (whence as lseek); -1 on failure. */
typedef int64_t (*kh_src_seek_fn)(kh_src *s, int64_t offset, int whence);

struct kh_src {
    kh_src_fill_fn fill;
    kh_src_seek_fn seek; /* NULL when the stream cannot seek              */
    void *ctx;           /* for the lower layer                            */
    void *owned;         /* freed by kh_src_release (lower layer's state)  */
    uint64_t size;       /* total bytes when known, else 0                 */
    /* the buffer: bytes [pos, len) are read but not yet consumed */
    char *buf;
    size_t cap, pos, len;
    uint64_t offset; /* stream offset of buf[pos]                          */
    uint64_t pulled; /* bytes the lower layer has delivered so far         */
    /* optional: told every KH_SRC_PROGRESS_STEP bytes pulled */
    void (*on_progress)(void *pctx, uint64_t pulled, uint64_t size);
    void *pctx;
    uint64_t next_progress;
    int eof;
    int err;          /* KH_E* code once the lower layer failed, else 0    */
    char errmsg[256]; /* the sentence that goes with err                   */
};

/* kh_src_init: set up a source over a fill callback; free with
 * kh_src_release (which frees the buffer and `owned`, not ctx). */
void kh_src_init(kh_src *s, kh_src_fill_fn fill, void *ctx, uint64_t size);
void kh_src_release(kh_src *s);

/* kh_src_peek: make at least `want` bytes available unless the stream ends
 * first; returns a pointer to the unconsumed bytes and their count in *got
 * (which may exceed want).  The pointer is valid until the next call. */
const char *kh_src_peek(kh_src *s, size_t want, size_t *got);

/* kh_src_consume: drop n bytes that kh_src_peek made available. */
void kh_src_consume(kh_src *s, size_t n);

/* kh_src_read: copy up to n bytes out; returns how many (0 = end/error). */
size_t kh_src_read(kh_src *s, void *buf, size_t n);

/* kh_src_skip: consume n bytes, reading and dropping them as needed;
 * returns how many were skipped. */
uint64_t kh_src_skip(kh_src *s, uint64_t n);

/* kh_src_reposition: seek the stream (needs s->seek); drops the buffer.
 * Returns the new offset or -1. */
int64_t kh_src_reposition(kh_src *s, int64_t offset, int whence);

/* kh_src_fail: record a failure of the lower layer (first one wins). */
void kh_src_fail(kh_src *s, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sources over the usual things.  kh_src_fd does not close fd. */
void kh_src_fd(kh_src *s, int fd, uint64_t size, int seekable);
void kh_src_memory(kh_src *s, const void *data, size_t len);

/* kh_src_utf16: a source of UTF-8 decoded from the UTF-16 in `in` (whose
 * BOM has been consumed); each unpaired surrogate or odd last byte becomes
 * U+FFFD and adds to *invalid.  `in` must outlive `out`. */
void kh_src_utf16(kh_src *out, kh_src *in, int big_endian, size_t *invalid);

#endif
