/*
 * fuzz_read_common.h - what every reader's fuzz target checks, shared by
 * fuzz_read_*.c: each article that comes out holds valid, NUL-terminated
 * UTF-8 of the length it claims, and each error names a path and says
 * something.  Included by one target each, so the functions are static.
 */
#ifndef KH_FUZZ_READ_COMMON_H
#define KH_FUZZ_READ_COMMON_H

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "common/utf8.h"
#include "khabar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_check_text(const char *s)
{
    if (s)
        assert(kh_utf8_invalid_count(s, strlen(s)) == 0);
}

static int fuzz_on_article(void *ctx, kh_article *a)
{
    (void)ctx;
    if (a->raw) {
        assert(strlen(a->raw) == a->raw_len);
        fuzz_check_text(a->raw);
    }
    fuzz_check_text(a->source);
    fuzz_check_text(a->url);
    fuzz_check_text(a->title);
    fuzz_check_text(a->author);
    fuzz_check_text(a->date);
    assert(a->origin && a->encoding);
    assert(a->raw_format == KH_FORMAT_TEXT || a->raw_format == KH_FORMAT_HTML);
    assert(a->url || a->id == 0); /* no URL: the cleaner sets the id */
    return 0;
}

static void fuzz_on_error(void *ctx, const kh_read_error *e)
{
    (void)ctx;
    assert(e->path && e->message && e->message[0] && e->code < 0);
}

/* Read data as the file `name` in `format`, checking what comes out. */
static void fuzz_read(const char *name, kh_format format, const uint8_t *data,
                      size_t size)
{
    kh_read_opts o;
    kh_read_opts_init(&o);
    o.format = format;
    /* small limits keep each run fast and reach the limit paths */
    o.max_record_bytes = 1 << 16;
    o.max_total_bytes = 1 << 22;
    kh_read_sink sink = {fuzz_on_article, fuzz_on_error, NULL, NULL};
    kh_read_buffer(name, data, size, &o, &sink);
}

#endif
