/*
 * read_json.c - JSON files: an array of article objects (SaudiNewsNet), a
 * single object, or objects one after another.  The array is streamed: we
 * find where each element ends ourselves and give jansson one element at a
 * time, so memory is bounded by the largest element and a truncated file
 * loses only its last element.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "read/read_record.h"
#include "read/reader.h"

int kh_rd_jsonl_from(kh_rd_file *f, uint64_t line); /* read_jsonl.c */

/*
 * The splitter.  Outside an element it skips white space and commas (and,
 * in an array, stops at the closing ']').  Inside one it tracks only what
 * decides where the element ends: string quotes, backslash escapes and the
 * bracket depth.  A container element ends when its bracket closes, a
 * scalar one (only possible in an array) at the next ',' or ']' outside a
 * string.  Whether the element is valid JSON is jansson's business.
 */
typedef struct splitter {
    kh_rd_file *f;
    int in_array;   /* elements of a top-level array, else top-level values */
    int closed;     /* the array's ']' was seen                            */
    int in_elem, in_string, escape, oversize, junk;
    unsigned depth;
    uint64_t line;  /* current line, 1-based                               */
    uint64_t elem_line, elem_offset, index;
    kh_buf elem;    /* the element's bytes when it spans chunks            */
    const char *hint;
} splitter;

static void keep(splitter *sp, const char *p, size_t n)
{
    if (sp->oversize || n == 0)
        return;
    if (sp->elem.len + n > sp->f->rd->opts.max_record_bytes) {
        sp->oversize = 1;
        kh_buf_free(&sp->elem);
        return;
    }
    kh_buf_append(&sp->elem, p, n);
}

/* The element is complete: its last bytes are p[0, n). */
static int finish(splitter *sp, const char *p, size_t n)
{
    assert(sp->in_elem);
    int rc = KH_OK;
    uint64_t index = sp->index++;
    sp->in_elem = 0;
    char what[48];
    snprintf(what, sizeof what, "element %llu", (unsigned long long)index);
    if (!sp->oversize && sp->elem.len == 0 &&
        n <= sp->f->rd->opts.max_record_bytes) {
        /* the whole element lies in this chunk: parse it in place */
        kh_buf origin = KH_BUF_INIT;
        kh_buf_printf(&origin, "%s#%llu", sp->f->path,
                      (unsigned long long)index);
        kh_rec r = {sp->f, sp->elem_line, sp->elem_offset, what,
                    origin.data, &sp->hint};
        rc = kh_rd_record(&r, p, n);
        kh_buf_free(&origin);
        return rc;
    }
    keep(sp, p, n);
    if (sp->oversize) {
        kh_rd_error(sp->f, KH_ETOOBIG, sp->elem_line, sp->elem_offset,
                    "%s is larger than max_record_bytes (%llu bytes): "
                    "skipped",
                    what, (unsigned long long)sp->f->rd->opts.max_record_bytes);
    } else {
        kh_buf origin = KH_BUF_INIT;
        kh_buf_printf(&origin, "%s#%llu", sp->f->path,
                      (unsigned long long)index);
        kh_rec r = {sp->f, sp->elem_line, sp->elem_offset, what,
                    origin.data, &sp->hint};
        rc = kh_rd_record(&r, sp->elem.data, sp->elem.len);
        kh_buf_free(&origin);
    }
    sp->oversize = 0;
    if (sp->elem.cap > ((size_t)16 << 20))
        kh_buf_free(&sp->elem); /* give a huge element's memory back */
    else
        sp->elem.len = 0;
    return rc;
}

/* Outside an element, at byte c (stream offset at): is it a separator
 * (SKIP), the array's end (CLOSED) or the first byte of an element
 * (STARTED)? */
enum { SKIP, CLOSED, STARTED };

static int outside(splitter *sp, char c, uint64_t at)
{
    if (c == '\n')
        sp->line++;
    if (kh_rd_is_space(c) || c == ',')
        return SKIP;
    if (sp->in_array && c == ']') {
        sp->closed = 1;
        return CLOSED;
    }
    if (!sp->in_array && c != '{' && c != '[') {
        if (!sp->junk)
            kh_rd_error(sp->f, KH_EPARSE, sp->line, at,
                        "expected a JSON object, found '%c': skipping to "
                        "the next '{'",
                        c >= 0x20 && c < 0x7F ? c : '?');
        sp->junk = 1;
        return SKIP;
    }
    sp->junk = 0;
    sp->in_elem = 1;
    sp->in_string = sp->escape = 0;
    sp->depth = 0;
    sp->elem_line = sp->line;
    sp->elem_offset = at;
    return STARTED;
}

/* The first byte of p[k, n) that is a quote, a backslash or a newline
 * (n when none is).  Eight bytes are tested at a time: a byte equal to x
 * is a zero byte of v ^ x, which (w - 0x01..) & ~w & 0x80.. flags. */
static size_t next_string_stop(const char *p, size_t k, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    for (; k + 8 <= n; k += 8) {
        uint64_t v;
        memcpy(&v, p + k, 8);
        uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\'),
                 l = v ^ (ones * '\n');
        uint64_t hit = ((q - ones) & ~q) | ((b - ones) & ~b) |
                       ((l - ones) & ~l);
        if (hit & highs)
            break;
    }
    while (k < n && p[k] != '"' && p[k] != '\\' && p[k] != '\n')
        k++;
    return k;
}

/* Inside an element: advance *i through p[0, n) to the element's end.
 * Returns 1 with *i just past its last byte, or 0 when the chunk ends
 * first. */
static int inside(splitter *sp, const char *p, size_t n, size_t *i)
{
    for (; *i < n; (*i)++) {
        char c = p[*i];
        if (sp->in_string) {
            if (sp->escape) {
                sp->escape = 0;
            } else {
                /* the hot loop: most bytes of a news dump are in strings */
                size_t k = next_string_stop(p, *i, n);
                *i = k;
                if (k == n)
                    return 0;
                c = p[k];
                sp->escape = c == '\\';
                sp->in_string = c != '"';
            }
            sp->line += c == '\n';
            continue;
        }
        if (c == '"') {
            sp->in_string = 1;
        } else if (c == '{' || c == '[') {
            sp->depth++;
        } else if (sp->depth == 0 && (c == ']' || c == ',')) {
            return 1; /* a scalar ends before the next ',' or the ']' */
        } else if ((c == '}' || c == ']') && sp->depth > 0 &&
                   --sp->depth == 0) {
            (*i)++; /* the container closes with this byte */
            return 1;
        } else if (c == '\n') {
            sp->line++;
        }
        /* a stray '}' in a scalar stays part of it: jansson objects */
    }
    return 0;
}

/* Scan one chunk; returns KH_ESTOP, or KH_OK with *used bytes consumed
 * (less than n only when the array closed). */
static int scan(splitter *sp, const char *p, size_t n, uint64_t base,
                size_t *used)
{
    size_t i = 0, seg = 0;
    while (i < n) {
        if (!sp->in_elem) {
            int what = outside(sp, p[i], base + i);
            if (what == CLOSED) {
                *used = i + 1;
                return KH_OK;
            }
            if (what == SKIP) {
                i++;
                continue;
            }
            seg = i;
        }
        if (!inside(sp, p, n, &i))
            break;
        /* ended at a ',' or ']' left for outside(), or past a bracket */
        if (finish(sp, p + seg, i - seg) == KH_ESTOP)
            return KH_ESTOP;
    }
    if (sp->in_elem)
        keep(sp, p + seg, n - seg);
    *used = n;
    return KH_OK;
}

/* After the array's ']' only white space may follow. */
static void check_trailing(splitter *sp)
{
    kh_src *s = sp->f->src;
    for (;;) {
        size_t got;
        const char *p = kh_src_peek(s, 1, &got);
        if (got == 0)
            return;
        for (size_t i = 0; i < got; i++) {
            if (p[i] == '\n') {
                sp->line++;
            } else if (!kh_rd_is_space(p[i])) {
                kh_rd_error(sp->f, KH_EPARSE, sp->line, s->offset + i,
                            "text after the end of the JSON array: ignored");
                return;
            }
        }
        kh_src_consume(s, got);
    }
}

static int split(splitter *sp)
{
    kh_src *s = sp->f->src;
    int rc = KH_OK;
    while (rc == KH_OK && !sp->closed) {
        size_t got, used;
        const char *p = kh_src_peek(s, 1, &got);
        if (got == 0)
            break;
        rc = scan(sp, p, got, s->offset, &used);
        if (rc == KH_OK)
            kh_src_consume(s, used);
    }
    if (rc == KH_ESTOP || kh_rd_stream_failed(sp->f))
        return rc; /* the dispatcher reports a failed source */
    if (sp->in_elem)
        kh_rd_error(sp->f, KH_EPARSE, sp->elem_line, sp->elem_offset,
                    "truncated JSON: element %llu is cut off by the end of "
                    "the file: lost",
                    (unsigned long long)sp->index);
    else if (sp->in_array && !sp->closed)
        kh_rd_error(sp->f, KH_EPARSE, sp->line, s->offset,
                    "truncated JSON: the array is not closed at the end of "
                    "the file");
    else if (sp->closed)
        check_trailing(sp);
    return KH_OK;
}

/* Does the first value end on the first line?  Then the file is JSON
 * lines (or one object on one line, which reads the same). */
static int first_value_on_first_line(kh_src *s)
{
    size_t got;
    const char *p = kh_src_peek(s, (size_t)1 << 20, &got);
    const char *nl = memchr(p, '\n', got);
    if (!nl)
        return 1;
    int depth = 0, in_string = 0;
    for (const char *q = p; q < nl; q++) {
        if (in_string) {
            if (*q == '\\')
                q++;
            else if (*q == '"')
                in_string = 0;
        } else if (*q == '"') {
            in_string = 1;
        } else if (*q == '{' || *q == '[') {
            depth++;
        } else if ((*q == '}' || *q == ']') && --depth == 0) {
            return 1;
        }
    }
    return 0;
}

int kh_rd_read_json(kh_rd_file *f)
{
    kh_src *s = f->src;
    uint64_t line = 1;
    size_t got;
    const char *p = kh_src_peek(s, 3, &got);
    kh_src_consume(s, kh_rd_bom(p, got));
    for (;;) { /* leading white space */
        p = kh_src_peek(s, 1, &got);
        if (got == 0)
            break;
        if (*p == '\n')
            line++;
        else if (!kh_rd_is_space(*p))
            break;
        kh_src_consume(s, 1);
    }
    if (got == 0)
        return kh_rd_stream_failed(f)
                   ? KH_OK
                   : kh_rd_fail(f, KH_EEMPTY, 0, 0,
                                "the file holds only white space");
    splitter sp = {0};
    sp.f = f;
    sp.line = line;
    if (*p == '[') {
        kh_src_consume(s, 1);
        sp.in_array = 1;
    } else if (*p == '{') {
        if (first_value_on_first_line(s))
            return kh_rd_jsonl_from(f, line);
    } else {
        return kh_rd_fail(f, KH_EPARSE, line, s->offset,
                          "not JSON: expected '[' or '{' at the start");
    }
    int rc = split(&sp);
    kh_buf_free(&sp.elem);
    return rc;
}
