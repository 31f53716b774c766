/*
 * read_core.c - what every format reader shares (reader.h): handing
 * articles and errors to the sink, and the small byte-level tests used to
 * tell formats apart (binary? HTML?).
 */
#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/alloc.h"
#include "read/reader.h"
#include "read/url.h"

#define KH_DEFAULT_MAX_RECORD ((uint64_t)64 << 20) /* 64 MiB */
#define KH_DEFAULT_MAX_TOTAL ((uint64_t)8 << 30)   /* 8 GiB  */

void kh_read_opts_init(kh_read_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = KH_FORMAT_AUTO;
    o->max_record_bytes = KH_DEFAULT_MAX_RECORD;
    o->max_total_bytes = KH_DEFAULT_MAX_TOTAL;
}

void kh_rd_init(kh_rd *rd, const kh_read_opts *opts, const kh_read_sink *sink)
{
    memset(rd, 0, sizeof *rd);
    if (opts)
        rd->opts = *opts;
    else
        kh_read_opts_init(&rd->opts);
    if (rd->opts.max_record_bytes == 0)
        rd->opts.max_record_bytes = KH_DEFAULT_MAX_RECORD;
    if (rd->opts.max_total_bytes == 0)
        rd->opts.max_total_bytes = KH_DEFAULT_MAX_TOTAL;
    rd->sink = sink;
}

int kh_rd_finish(kh_rd *rd)
{
    kh_buf_free(&rd->msg);
    if (rd->stopped)
        return KH_ESTOP;
    return rd->last_error;
}

int kh_rd_emit(kh_rd_file *f, kh_article *a)
{
    kh_rd *rd = f->rd;
    assert(a && !rd->stopped); /* readers unwind at the first KH_ESTOP */
    if (!a->source) {
        const char *s = rd->opts.source ? rd->opts.source : f->dir_source;
        if (s && *s)
            a->source = kh_strdup(s);
    }
    if (a->url && a->id == 0)
        a->id = kh_url_id(a->url, strlen(a->url));
    if (!a->origin)
        a->origin = kh_strdup(f->path);
    if (!a->encoding)
        a->encoding = f->encoding ? f->encoding : "utf-8";
    a->invalid_bytes += f->stream_invalid;
    f->stream_invalid = 0;
    int stop = 0;
    if (rd->sink && rd->sink->article)
        stop = rd->sink->article(rd->sink->ctx, a);
    kh_article_clear(a);
    if (stop) {
        rd->stopped = 1;
        return KH_ESTOP;
    }
    return KH_OK;
}

static void report(kh_rd_file *f, int code, uint64_t line, uint64_t offset,
                   const char *fmt, va_list ap)
{
    kh_rd *rd = f->rd;
    kh_buf_reset(&rd->msg);
    kh_buf_vprintf(&rd->msg, fmt, ap);
    kh_read_error e = {f->path, line, offset, code, rd->msg.data};
    if (rd->sink && rd->sink->error)
        rd->sink->error(rd->sink->ctx, &e);
}

void kh_rd_error(kh_rd_file *f, int code, uint64_t line, uint64_t offset,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(f, code, line, offset, fmt, ap);
    va_end(ap);
}

int kh_rd_fail(kh_rd_file *f, int code, uint64_t line, uint64_t offset,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(f, code, line, offset, fmt, ap);
    va_end(ap);
    f->rd->last_error = code;
    return code;
}

int kh_rd_stream_failed(const kh_rd_file *f)
{
    return f->src->err;
}

void kh_rd_progress(kh_rd_file *f, uint64_t done, uint64_t total)
{
    const kh_read_sink *sink = f->rd->sink;
    if (total && done > total)
        done = total;
    if (sink && sink->progress)
        sink->progress(sink->ctx, f->path, done, total);
}

/*
 * Zip bombs.  Every decompressed byte of a top-level input counts against
 * opts.max_total_bytes, and a stream whose output outgrows its compressed
 * input by more than KH_MAX_RATIO (once past KH_RATIO_FLOOR bytes) is
 * stopped as well: real news text compresses 3 to 10 times, never 200.
 */
#define KH_MAX_RATIO 200
#define KH_RATIO_FLOOR ((uint64_t)32 << 20)

int kh_rd_budget(kh_rd_file *f, kh_src *s, uint64_t n, uint64_t *inflated,
                 uint64_t packed)
{
    kh_rd *rd = f->rd;
    rd->inflated += n;
    *inflated += n;
    if (rd->inflated > rd->opts.max_total_bytes) {
        kh_src_fail(s, KH_ETOOBIG,
                    "more than %llu bytes decompressed from one input "
                    "(max_total_bytes): stopped, the rest of the archive "
                    "is skipped",
                    (unsigned long long)rd->opts.max_total_bytes);
        return KH_ETOOBIG;
    }
    if (*inflated > KH_RATIO_FLOOR &&
        *inflated / KH_MAX_RATIO > (packed ? packed : 1)) {
        kh_src_fail(s, KH_ETOOBIG,
                    "%llu bytes decompressed from %llu: a ratio over %d:1 "
                    "looks like a zip bomb; stopped, the rest of the archive "
                    "is skipped",
                    (unsigned long long)*inflated,
                    (unsigned long long)packed, KH_MAX_RATIO);
        return KH_ETOOBIG;
    }
    return KH_OK;
}

/* --- byte-level tests ----------------------------------------------------- */

/* Binary data: a NUL (text in ASCII-compatible encodings never holds one),
 * or more than one control byte in ten.  Text has \t \n \r \f and the odd
 * ESC; formats like PDF announce themselves. */
int kh_rd_is_binary(const char *bytes, size_t len)
{
    const unsigned char *p = (const unsigned char *)bytes;
    if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
        return 1;
    size_t control = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = p[i];
        if (c == 0)
            return 1;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
             c != '\v' && c != 0x1B) ||
            c == 0x7F)
            control++;
    }
    return control * 10 > len;
}

/* Tags that only HTML pages open with (or hold near the top). */
static const char *const html_tags[] = {
    "<!doctype html", "<html", "<head", "<body", "<meta", "<title",
    "<div", "<p>", "<p ", "<article", "<br", "<table", "<span", "<a href",
    "<link", "<script", "<style", "<h1", "<h2", "<ul", "<section",
};

int kh_rd_looks_html(const char *bytes, size_t len)
{
    size_t i = kh_rd_bom(bytes, len);
    while (i < len && kh_rd_is_space(bytes[i]))
        i++;
    if (i >= len || bytes[i] != '<')
        return 0;
    size_t end = len < i + 4096 ? len : i + 4096;
    for (size_t k = i; k < end; k++) {
        if (bytes[k] != '<')
            continue;
        for (size_t t = 0; t < sizeof html_tags / sizeof *html_tags; t++) {
            size_t n = strlen(html_tags[t]);
            if (end - k >= n && strncasecmp(bytes + k, html_tags[t], n) == 0)
                return 1;
        }
    }
    return 0;
}

int kh_rd_blank(const char *p, size_t n)
{
    for (size_t i = kh_rd_bom(p, n); i < n; i++)
        if (!kh_rd_is_space(p[i]))
            return 0;
    return 1;
}

char *kh_rd_trim_dup(const char *s, size_t len)
{
    if (!s)
        return NULL;
    /* U+00A0 (C2 A0) counts as space too: scraped fields are full of it */
    for (;;) {
        if (len > 0 && kh_rd_is_space(*s)) {
            s++;
            len--;
        } else if (len > 1 && (unsigned char)s[0] == 0xC2 &&
                   (unsigned char)s[1] == 0xA0) {
            s += 2;
            len -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (len > 0 && kh_rd_is_space(s[len - 1]))
            len--;
        else if (len > 1 && (unsigned char)s[len - 2] == 0xC2 &&
                 (unsigned char)s[len - 1] == 0xA0)
            len -= 2;
        else
            break;
    }
    return len ? kh_strndup(s, len) : NULL;
}
