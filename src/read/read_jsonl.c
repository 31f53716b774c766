/*
 * read_jsonl.c - JSON lines: one article object per line.  Each line is
 * parsed on its own, so a bad line costs only itself; a line longer than
 * max_record_bytes is skipped up to the next newline without being held.
 */
#include <stdio.h>
#include <string.h>

#include "read/read_record.h"
#include "read/reader.h"

/* Drop bytes up to and including the next newline (or the end). */
static void skip_line(kh_src *s)
{
    for (;;) {
        size_t got;
        const char *p = kh_src_peek(s, 1, &got);
        if (got == 0)
            return;
        const char *nl = memchr(p, '\n', got);
        if (nl) {
            kh_src_consume(s, (size_t)(nl - p) + 1);
            return;
        }
        kh_src_consume(s, got);
    }
}

static int one_line(kh_rd_file *f, const char *p, size_t len, uint64_t line,
                    const char **hint)
{
    if (len > 0 && p[len - 1] == '\r')
        len--;
    if (line == 1) {
        size_t bom = kh_rd_bom(p, len);
        p += bom;
        len -= bom;
    }
    if (kh_rd_blank(p, len))
        return KH_OK;
    char *origin;
    kh_buf o = KH_BUF_INIT;
    kh_buf_printf(&o, "%s:%llu", f->path, (unsigned long long)line);
    origin = o.data;
    /* the error's line is the record's place: no "what" to repeat it */
    kh_rec r = {f, line, f->src->offset, NULL, origin, hint};
    int rc = kh_rd_record(&r, p, len);
    kh_buf_free(&o);
    return rc;
}

/* kh_rd_jsonl_from: read lines, the first of which is number `line`. */
int kh_rd_jsonl_from(kh_rd_file *f, uint64_t line)
{
    kh_src *s = f->src;
    uint64_t max = f->rd->opts.max_record_bytes;
    const char *hint = NULL;
    size_t scanned = 0; /* bytes of the current line known to hold no \n */
    for (;;) {
        size_t got;
        const char *p = kh_src_peek(s, scanned + 1, &got);
        if (got == 0)
            break;
        const char *nl = memchr(p + scanned, '\n', got - scanned);
        if (!nl && !s->eof && got <= max) {
            scanned = got; /* the line goes on: read more of it */
            continue;
        }
        scanned = 0;
        size_t len = nl ? (size_t)(nl - p) : got;
        if (len > max) {
            kh_rd_error(f, KH_ETOOBIG, line, s->offset,
                        "the line is longer than max_record_bytes (%llu "
                        "bytes): skipped",
                        (unsigned long long)max);
            skip_line(s);
            line++;
            continue;
        }
        if (!nl && s->err)
            break; /* cut short by the source: the dispatcher reports it */
        int rc = one_line(f, p, len, line, &hint);
        kh_src_consume(s, nl ? len + 1 : len);
        line++;
        if (rc == KH_ESTOP)
            return rc;
    }
    return KH_OK;
}

int kh_rd_read_jsonl(kh_rd_file *f)
{
    return kh_rd_jsonl_from(f, 1);
}
