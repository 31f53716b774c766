/*
 * fuzz_read_jsonl.c - libFuzzer target: kh_read_buffer() over JSON lines.
 * Every article that comes out must hold valid, NUL-terminated UTF-8 of
 * the length it claims; every error must name a path and say something.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "common/utf8.h"
#include "khabar.h"

static void check_text(const char *s)
{
    if (s)
        assert(kh_utf8_invalid_count(s, strlen(s)) == 0);
}

static int on_article(void *ctx, kh_article *a)
{
    (void)ctx;
    if (a->raw) {
        assert(strlen(a->raw) == a->raw_len);
        check_text(a->raw);
    }
    check_text(a->source);
    check_text(a->url);
    check_text(a->title);
    check_text(a->author);
    check_text(a->date);
    assert(a->origin && a->encoding);
    assert(a->raw_format == KH_FORMAT_TEXT || a->raw_format == KH_FORMAT_HTML);
    assert(a->url || a->id == 0); /* no URL: the cleaner sets the id */
    return 0;
}

static void on_error(void *ctx, const kh_read_error *e)
{
    (void)ctx;
    assert(e->path && e->message && e->message[0] && e->code < 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kh_read_opts o;
    kh_read_opts_init(&o);
    o.format = KH_FORMAT_JSONL;
    /* small limits keep each run fast and reach the limit paths */
    o.max_record_bytes = 1 << 16;
    o.max_total_bytes = 1 << 22;
    kh_read_sink sink = {on_article, on_error, NULL, NULL};
    kh_read_buffer("fuzz.jsonl", data, size, &o, &sink);
    return 0;
}
