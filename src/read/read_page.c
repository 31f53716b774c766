/*
 * read_page.c - one article per file: plain-text pages (like the seeds)
 * and HTML pages, read whole, converted to UTF-8 and handed on raw.  The
 * cleaner (text) and the extractor (HTML) make sense of them later.
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "read/charset.h"
#include "read/html_charset.h"
#include "read/reader.h"

/* A NUL past the sniffed head would cut the text short for every C string
 * function downstream: it becomes U+FFFD and counts as invalid. */
static char *replace_nuls(char *s, size_t *len, size_t *invalid)
{
    if (!memchr(s, '\0', *len))
        return s;
    kh_buf b = KH_BUF_INIT;
    kh_buf_reserve(&b, *len + 16);
    for (size_t i = 0; i < *len; i++) {
        if (s[i] == '\0') {
            kh_buf_append(&b, "\xEF\xBF\xBD", 3);
            (*invalid)++;
        } else {
            kh_buf_putc(&b, s[i]);
        }
    }
    free(s);
    *len = b.len;
    return kh_buf_detach(&b);
}

int kh_rd_read_page(kh_rd_file *f, kh_format format)
{
    uint64_t max = f->rd->opts.max_record_bytes;
    size_t got;
    /* Ask for one byte more than the limit: seeing it means too big. */
    size_t want = max < SIZE_MAX - 1 ? (size_t)max + 1 : SIZE_MAX - 1;
    const char *p = kh_src_peek(f->src, want, &got);
    if (f->src->err)
        return KH_OK; /* the dispatcher reports the source's failure */
    if (got > max)
        return kh_rd_fail(f, KH_ETOOBIG, 0, max,
                          "the page is larger than max_record_bytes (%llu "
                          "bytes): skipped",
                          (unsigned long long)max);
    if (kh_rd_blank(p, got))
        return kh_rd_fail(f, KH_EEMPTY, 0, 0,
                          "the file holds only white space");
    char label[64];
    const char *declared = NULL;
    if (format == KH_FORMAT_HTML)
        declared = kh_html_meta_charset(p, got, label, sizeof label);
    kh_article a = {0};
    a.encoding = kh_charset_detect(p, got, declared);
    a.raw = kh_charset_to_utf8(p, got, a.encoding, &a.raw_len,
                               &a.invalid_bytes);
    kh_src_consume(f->src, got);
    a.raw = replace_nuls(a.raw, &a.raw_len, &a.invalid_bytes);
    a.raw_format = format;
    if (kh_rd_blank(a.raw, a.raw_len)) { /* e.g. only a UTF-16 BOM */
        kh_article_clear(&a);
        return kh_rd_fail(f, KH_EEMPTY, 0, 0,
                          "the file holds only white space");
    }
    return kh_rd_emit(f, &a);
}
