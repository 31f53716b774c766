/*
 * read_dispatch.c - deciding what a stream is (archive, JSON array, JSON
 * lines, HTML, WARC, plain text) from its name and first bytes, and handing
 * it to the reader for that format.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/charset.h"
#include "read/reader.h"

#include "read/read_warc.h"

/* Bytes looked at to decide a format. */
#define KH_SNIFF_BYTES 4096

static int ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n >= k && strcasecmp(name + n - k, suffix) == 0;
}

int kh_rd_is_archive(const char *name, const char *head, size_t n)
{
    static const char *const suffixes[] = {".zip", ".tar", ".tgz", ".gz",
                                           ".bz2", ".xz", ".tbz2", ".txz",
                                           ".zst"};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++)
        if (ends_with(name, suffixes[i]))
            return 1;
    const unsigned char *p = (const unsigned char *)head;
    if (n >= 4 && p[0] == 'P' && p[1] == 'K' &&
        ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6)))
        return 1; /* zip, or an empty zip */
    if (n >= 2 && p[0] == 0x1F && p[1] == 0x8B)
        return 1; /* gzip */
    if (n >= 3 && memcmp(p, "BZh", 3) == 0)
        return 1;
    if (n >= 6 && memcmp(p, "\xFD" "7zXZ\0", 6) == 0)
        return 1;
    if (n >= 4 && memcmp(p, "\x28\xB5\x2F\xFD", 4) == 0)
        return 1; /* zstd */
    if (n >= 262 && memcmp(p + 257, "ustar", 5) == 0)
        return 1;
    return 0;
}

static kh_format format_from_name(const char *name)
{
    static const struct {
        const char *suffix;
        kh_format format;
    } table[] = {
        {".json", KH_FORMAT_JSON},   {".jsonl", KH_FORMAT_JSONL},
        {".ndjson", KH_FORMAT_JSONL}, {".txt", KH_FORMAT_TEXT},
        {".text", KH_FORMAT_TEXT},   {".html", KH_FORMAT_HTML},
        {".htm", KH_FORMAT_HTML},    {".xhtml", KH_FORMAT_HTML},
        {".warc", KH_FORMAT_WARC},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (ends_with(name, table[i].suffix))
            return table[i].format;
    return KH_FORMAT_AUTO;
}

static size_t skip_space(const char *p, size_t i, size_t n)
{
    while (i < n && kh_rd_is_space(p[i]))
        i++;
    return i;
}

/* The format of a nameless (or oddly named) stream, from its first bytes
 * (already UTF-8 or ASCII-compatible). */
static kh_format format_from_bytes(const char *p, size_t n)
{
    size_t i = skip_space(p, kh_rd_bom(p, n), n);
    if (n - i >= 5 && memcmp(p + i, "WARC/", 5) == 0)
        return KH_FORMAT_WARC;
    if (i < n && (p[i] == '[' || p[i] == '{')) {
        /* "[{", "[]", "{\"" open JSON; "[عاجل] ..." is a headline */
        size_t j = skip_space(p, i + 1, n);
        if (j >= n || p[j] == '{' || p[j] == '"' || p[j] == ']' ||
            p[j] == '}' || (p[i] == '[' && p[j] == '['))
            return KH_FORMAT_JSON;
        return KH_FORMAT_TEXT;
    }
    if (kh_rd_looks_html(p, n))
        return KH_FORMAT_HTML;
    return KH_FORMAT_TEXT;
}

/* 1 when the stream starts with a UTF-16 BOM; *big says which order. */
static int is_utf16(const char *head, size_t n, int *big)
{
    const unsigned char *p = (const unsigned char *)head;
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        *big = 0;
        return 1;
    }
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        *big = 1;
        return 1;
    }
    return 0;
}

static int read_format(kh_rd_file *f, kh_format format)
{
    switch (format) {
    case KH_FORMAT_JSON:
        return kh_rd_read_json(f);
    case KH_FORMAT_JSONL:
        return kh_rd_read_jsonl(f);
    case KH_FORMAT_WARC:
        return kh_read_warc(f);
    case KH_FORMAT_HTML:
    case KH_FORMAT_TEXT:
    case KH_FORMAT_AUTO:
    default:
        return kh_rd_read_page(f, format == KH_FORMAT_HTML ? KH_FORMAT_HTML
                                                           : KH_FORMAT_TEXT);
    }
}

/* A stream that is not an archive: pick the format, refuse binary data,
 * decode UTF-16 for the JSON readers, read. */
static int read_document(kh_rd_file *f, const char *head, size_t n)
{
    int big = 0, utf16 = is_utf16(head, n, &big);
    kh_format format = f->rd->opts.format;
    if (format == KH_FORMAT_AUTO)
        format = format_from_name(f->name);
    if (format == KH_FORMAT_AUTO && utf16) {
        size_t len;
        char *text = kh_charset_to_utf8(head, n & ~(size_t)1,
                                        big ? "utf-16be" : "utf-16le", &len,
                                        NULL);
        format = format_from_bytes(text, len);
        free(text);
    } else if (format == KH_FORMAT_AUTO) {
        format = format_from_bytes(head, n);
    }
    /* WARC records carry binary payloads (images, gzip bodies) */
    if (!utf16 && format != KH_FORMAT_WARC && kh_rd_is_binary(head, n))
        return kh_rd_fail(f, KH_EBINARY, 0, 0,
                          "binary data (NUL or control bytes in the first "
                          "%zu bytes), not text",
                          n);
    if (!utf16 || format == KH_FORMAT_TEXT || format == KH_FORMAT_HTML ||
        format == KH_FORMAT_WARC)
        return read_format(f, format); /* pages are converted whole */

    /* JSON or JSON lines in UTF-16: decode on the fly */
    kh_src decoded, *raw = f->src;
    kh_src_consume(raw, 2);
    kh_src_utf16(&decoded, raw, big, &f->stream_invalid);
    f->src = &decoded;
    f->encoding = big ? "utf-16be" : "utf-16le";
    int rc = read_format(f, format);
    if (decoded.err && !raw->err)
        kh_src_fail(raw, decoded.err, "%s", decoded.errmsg);
    f->src = raw;
    kh_src_release(&decoded);
    return rc;
}

/* A gzipped WARC goes to the WARC reader as it is: inflating one member
 * (record) at a time, it can step over a damaged member. */
static int gzipped_warc(const kh_rd_file *f, const char *head, size_t n)
{
    const unsigned char *p = (const unsigned char *)head;
    return n >= 2 && p[0] == 0x1F && p[1] == 0x8B &&
           (ends_with(f->name, ".warc.gz") ||
            f->rd->opts.format == KH_FORMAT_WARC);
}

int kh_rd_dispatch(kh_rd_file *f)
{
    size_t n;
    const char *head = kh_src_peek(f->src, KH_SNIFF_BYTES, &n);
    if (n > KH_SNIFF_BYTES)
        n = KH_SNIFF_BYTES;
    int rc;
    if (n == 0 && !f->src->err) {
        rc = kh_rd_fail(f, KH_EEMPTY, 0, 0, "empty file");
    } else if (n > 0 && gzipped_warc(f, head, n)) {
        rc = read_format(f, KH_FORMAT_WARC); /* it inflates record by record */
    } else if (n > 0 && kh_rd_is_archive(f->name, head, n)) {
        if (f->depth >= 2)
            rc = kh_rd_fail(f, KH_EFORMAT, 0, 0,
                            "an archive inside an archive inside an archive:"
                            " only one level of nesting is read");
        else
            rc = kh_rd_archive(f);
    } else if (n > 0) {
        rc = read_document(f, head, n);
    } else {
        rc = KH_OK;
    }
    if (rc != KH_ESTOP && f->src->err)
        rc = kh_rd_fail(f, f->src->err, 0, f->src->offset, "%s",
                        f->src->errmsg);
    return rc;
}
