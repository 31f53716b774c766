/*
 * source.c - kh_src, the buffered byte stream under every reader, and its
 * two plain lower layers: a file descriptor and a buffer in memory.
 */
#include "read/source.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/alloc.h"
#include "khabar.h"

/* Bytes asked of the lower layer at a time: large enough that a 100 MB
 * file is a few hundred calls, small enough to stay in cache. */
#define KH_SRC_CHUNK ((size_t)256 * 1024)

void kh_src_init(kh_src *s, kh_src_fill_fn fill, void *ctx, uint64_t size)
{
    memset(s, 0, sizeof *s);
    s->fill = fill;
    s->ctx = ctx;
    s->size = size;
}

void kh_src_release(kh_src *s)
{
    free(s->buf);
    free(s->owned);
    s->buf = NULL;
    s->owned = NULL;
    s->cap = s->pos = s->len = 0;
}

void kh_src_fail(kh_src *s, int code, const char *fmt, ...)
{
    if (s->err)
        return;
    s->err = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
    va_end(ap);
}

/* Move the unconsumed bytes to the front and make room for `room` more. */
static void make_room(kh_src *s, size_t room)
{
    size_t live = s->len - s->pos;
    if (s->pos > 0) {
        memmove(s->buf, s->buf + s->pos, live);
        s->pos = 0;
        s->len = live;
    }
    if (s->cap - s->len < room) {
        size_t cap = s->cap ? s->cap : KH_SRC_CHUNK;
        while (cap - s->len < room)
            cap *= 2;
        s->buf = kh_realloc(s->buf, cap);
        s->cap = cap;
    }
}

const char *kh_src_peek(kh_src *s, size_t want, size_t *got)
{
    while (s->len - s->pos < want && !s->eof) {
        make_room(s, KH_SRC_CHUNK); /* grows by doubling, as data comes */
        size_t room = s->cap - s->len;
        ptrdiff_t n = s->fill(s, s->buf + s->len,
                              room < KH_SRC_CHUNK ? room : KH_SRC_CHUNK);
        if (n <= 0) {
            if (n < 0 && !s->err)
                kh_src_fail(s, KH_EIO, "read failed");
            s->eof = 1;
            break;
        }
        s->len += (size_t)n;
        s->pulled += (uint64_t)n;
        if (s->on_progress && s->pulled >= s->next_progress) {
            s->on_progress(s->pctx, s->pulled, s->size);
            s->next_progress = s->pulled + KH_SRC_PROGRESS_STEP;
        }
    }
    *got = s->len - s->pos;
    return s->buf ? s->buf + s->pos : "";
}

void kh_src_consume(kh_src *s, size_t n)
{
    assert(n <= s->len - s->pos);
    s->pos += n;
    s->offset += n;
    if (s->pos == s->len)
        s->pos = s->len = 0;
}

size_t kh_src_read(kh_src *s, void *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        size_t got;
        const char *p = kh_src_peek(s, 1, &got);
        if (got == 0)
            break;
        size_t k = got < n - done ? got : n - done;
        memcpy((char *)buf + done, p, k);
        kh_src_consume(s, k);
        done += k;
    }
    return done;
}

uint64_t kh_src_skip(kh_src *s, uint64_t n)
{
    uint64_t done = 0;
    while (done < n) {
        size_t got;
        kh_src_peek(s, 1, &got);
        if (got == 0)
            break;
        size_t k = (uint64_t)got < n - done ? got : (size_t)(n - done);
        kh_src_consume(s, k);
        done += k;
    }
    return done;
}

int64_t kh_src_reposition(kh_src *s, int64_t offset, int whence)
{
    if (!s->seek)
        return -1;
    if (whence == SEEK_CUR) {
        /* the lower layer is ahead of us by what is buffered */
        offset -= (int64_t)(s->len - s->pos);
    }
    int64_t at = s->seek(s, offset, whence);
    if (at < 0)
        return -1;
    s->pos = s->len = 0;
    s->offset = (uint64_t)at;
    s->eof = 0;
    return at;
}

/* --- a file descriptor ---------------------------------------------------- */

static ptrdiff_t fd_fill(kh_src *s, char *buf, size_t n)
{
    int fd = (int)(intptr_t)s->ctx;
    for (;;) {
        ssize_t r = read(fd, buf, n);
        if (r >= 0)
            return r;
        if (errno == EINTR)
            continue;
        kh_src_fail(s, KH_EIO, "read failed: %s", strerror(errno));
        return -1;
    }
}

static int64_t fd_seek(kh_src *s, int64_t offset, int whence)
{
    int fd = (int)(intptr_t)s->ctx;
    off_t at = lseek(fd, (off_t)offset, whence);
    return at < 0 ? -1 : (int64_t)at;
}

void kh_src_fd(kh_src *s, int fd, uint64_t size, int seekable)
{
    kh_src_init(s, fd_fill, (void *)(intptr_t)fd, size);
    if (seekable)
        s->seek = fd_seek;
}

/* --- memory --------------------------------------------------------------- */

typedef struct mem_ctx {
    const char *data;
    size_t len, at;
} mem_ctx;

static ptrdiff_t mem_fill(kh_src *s, char *buf, size_t n)
{
    mem_ctx *m = s->ctx;
    size_t k = m->len - m->at < n ? m->len - m->at : n;
    if (k)
        memcpy(buf, m->data + m->at, k);
    m->at += k;
    return (ptrdiff_t)k;
}

static int64_t mem_seek(kh_src *s, int64_t offset, int whence)
{
    mem_ctx *m = s->ctx;
    int64_t base = whence == SEEK_SET   ? 0
                   : whence == SEEK_CUR ? (int64_t)m->at
                                        : (int64_t)m->len;
    int64_t at = base + offset;
    if (at < 0 || at > (int64_t)m->len)
        return -1;
    m->at = (size_t)at;
    return at;
}

/* The memory source owns its small context block (s->owned). */
void kh_src_memory(kh_src *s, const void *data, size_t len)
{
    mem_ctx *m = kh_malloc(sizeof *m);
    m->data = data;
    m->len = len;
    m->at = 0;
    kh_src_init(s, mem_fill, m, len);
    s->owned = m;
    s->seek = mem_seek;
}
