/*
 * read_warc.c - WARC archives (ISO 28500, WARC/1.0 and 1.1), plain or
 * gzipped one member per record: every `response` record whose HTTP
 * payload is an HTML (or plain text) page becomes one article with the
 * record's WARC-Target-URI and WARC-Date; other records are skipped.
 *
 * Damage stays local.  A record whose Content-Length lies (too long: the
 * next record's header shows up inside it; too short: no record boundary
 * where it ends), a gzip member cut in half, junk between records: each is
 * one error naming the record and its byte offset, and reading resumes at
 * the next record header.  Streaming: at most one record (bounded by
 * max_record_bytes) is held in memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "read/charset.h"
#include "read/date.h"
#include "read/html_charset.h"
#include "read/read_warc.h"
#include "read/reader.h"

/* A record header larger than this is not a WARC header. */
#define WARC_MAX_HEADER ((size_t)64 * 1024)
/* How far ahead to look for the next record when resynchronising. */
#define WARC_SCAN_WINDOW ((size_t)1 << 20)

/* ---- gzip, one member at a time ------------------------------------------
 *
 * zlib can read concatenated members, but a member cut in half makes it
 * read the next member's header as compressed data and fail, losing the
 * rest of the file.  So members are inflated one by one, the compressed
 * bytes of the current member are kept, and after damage the next gzip
 * header is looked for from the start of the damaged member: reading goes
 * on with the record after it.  Each place where decompressed output stops
 * making sense is noted as a break, which the record reader treats as a
 * record boundary.
 */

typedef struct gz_state {
    kh_src *in;          /* the compressed stream                        */
    kh_rd_file *f;
    z_stream z;
    int active;          /* inside a member                              */
    kh_buf member;       /* compressed bytes of the current member       */
    int keep_member;     /* still keeping them (under the size cap)      */
    kh_buf pending;      /* compressed bytes to read before `in`         */
    size_t pending_pos;
    uint64_t in_offset;  /* compressed offset of the next input byte     */
    uint64_t member_start;
    uint64_t out;        /* decompressed bytes produced                  */
    uint64_t *breaks;    /* decompressed offsets of damage, ascending    */
    size_t n_breaks, cap_breaks;
    uint64_t members;
} gz_state;

static void gz_break(gz_state *g)
{
    if (g->n_breaks && g->breaks[g->n_breaks - 1] == g->out)
        return;
    if (g->n_breaks == g->cap_breaks) {
        g->cap_breaks = g->cap_breaks ? 2 * g->cap_breaks : 8;
        g->breaks = kh_realloc(g->breaks, g->cap_breaks * sizeof *g->breaks);
    }
    g->breaks[g->n_breaks++] = g->out;
}

/* Compressed input: what was pushed back first, then the stream. */
static const unsigned char *gz_input(gz_state *g, size_t *got)
{
    if (g->pending_pos < g->pending.len) {
        *got = g->pending.len - g->pending_pos;
        return (const unsigned char *)g->pending.data + g->pending_pos;
    }
    return (const unsigned char *)kh_src_peek(g->in, 1, got);
}

static void gz_consume(gz_state *g, const unsigned char *p, size_t n)
{
    if (g->keep_member) {
        if (g->member.len + n <= (size_t)(g->f->rd->opts.max_record_bytes))
            kh_buf_append(&g->member, p, n);
        else
            g->keep_member = 0;
    }
    if (g->pending_pos < g->pending.len)
        g->pending_pos += n;
    else
        kh_src_consume(g->in, n);
    g->in_offset += n;
}

static int gz_magic(const unsigned char *p, size_t n)
{
    return n >= 3 && p[0] == 0x1F && p[1] == 0x8B && p[2] == 8;
}

/* Skip compressed bytes up to the next gzip header; 0 at the end. */
static int gz_seek_header(gz_state *g)
{
    uint64_t skipped = 0, from = g->in_offset;
    for (;;) {
        size_t got;
        const unsigned char *p = gz_input(g, &got);
        if (got < 3) {
            /* fewer than three bytes left in this piece: at the stream's
             * end, or a piece boundary (pending -> stream) */
            if (g->pending_pos < g->pending.len && got > 0) {
                g->pending_pos += got;
                g->in_offset += got;
                skipped += got;
                continue;
            }
            p = (const unsigned char *)kh_src_peek(g->in, 3, &got);
            if (got < 3) {
                if (got)
                    kh_src_consume(g->in, got);
                skipped += got;
                g->in_offset += got;
                if (skipped)
                    kh_rd_error(g->f, KH_EPARSE, 0, from,
                                "%llu bytes at the end are not gzip data",
                                (unsigned long long)skipped);
                return 0;
            }
        }
        size_t k = 0;
        while (k + 3 <= got && !gz_magic(p + k, got - k))
            k++;
        if (k + 3 <= got) {
            if (k) {
                if (g->pending_pos < g->pending.len)
                    g->pending_pos += k;
                else
                    kh_src_consume(g->in, k);
                g->in_offset += k;
                skipped += k;
            }
            if (skipped)
                kh_rd_error(g->f, KH_EPARSE, 0, from,
                            "%llu bytes that are not gzip data skipped "
                            "before the next member",
                            (unsigned long long)skipped);
            return 1;
        }
        /* keep the last two bytes: a header may straddle pieces */
        size_t drop = got - 2;
        if (g->pending_pos < g->pending.len)
            g->pending_pos += drop;
        else
            kh_src_consume(g->in, drop);
        g->in_offset += drop;
        skipped += drop;
    }
}

/* After damage: look again for a gzip header inside the damaged member's
 * own bytes (past its first byte), so a member that started right after a
 * truncated one is not lost. */
static void gz_recover(gz_state *g)
{
    const unsigned char *m = (const unsigned char *)g->member.data;
    size_t n = g->keep_member ? g->member.len : 0;
    size_t k = 1;
    while (k + 3 <= n && !gz_magic(m + k, n - k))
        k++;
    kh_buf rest = KH_BUF_INIT;
    if (k + 3 <= n)
        kh_buf_append(&rest, m + k, n - k);
    /* whatever is still pending goes after the recovered bytes */
    if (g->pending_pos < g->pending.len)
        kh_buf_append(&rest, g->pending.data + g->pending_pos,
                      g->pending.len - g->pending_pos);
    if (k + 3 <= n)
        g->in_offset = g->member_start + k;
    kh_buf_free(&g->pending);
    g->pending = rest;
    g->pending_pos = 0;
}

static void gz_end_member(gz_state *g)
{
    inflateEnd(&g->z);
    g->active = 0;
    kh_buf_reset(&g->member);
}

static ptrdiff_t gz_fill(kh_src *s, char *buf, size_t n)
{
    gz_state *g = s->ctx;
    for (;;) {
        if (!g->active) {
            if (!gz_seek_header(g))
                break;
            memset(&g->z, 0, sizeof g->z);
            if (inflateInit2(&g->z, 16 + MAX_WBITS) != Z_OK) {
                kh_src_fail(s, KH_EINTERNAL, "zlib could not start");
                return -1;
            }
            g->active = 1;
            g->member_start = g->in_offset;
            g->keep_member = 1;
            kh_buf_reset(&g->member);
            g->members++;
        }
        size_t got;
        const unsigned char *p = gz_input(g, &got);
        if (got == 0) {
            /* the stream ended (or failed) inside a member */
            if (!g->in->err)
                kh_rd_error(g->f, KH_EPARSE, 0, g->member_start,
                            "gzip member %llu is cut short by the end of "
                            "the file",
                            (unsigned long long)g->members);
            gz_end_member(g);
            gz_break(g);
            break;
        }
        g->z.next_in = (unsigned char *)p;
        g->z.avail_in = (uInt)(got > (1u << 30) ? (1u << 30) : got);
        g->z.next_out = (unsigned char *)buf;
        g->z.avail_out = (uInt)(n > (1u << 30) ? (1u << 30) : n);
        uInt in_before = g->z.avail_in, out_before = g->z.avail_out;
        int rc = inflate(&g->z, Z_NO_FLUSH);
        size_t used = in_before - g->z.avail_in;
        size_t made = out_before - g->z.avail_out;
        if (used)
            gz_consume(g, p, used);
        g->out += made;
        if (rc == Z_STREAM_END)
            gz_end_member(g);
        else if (rc != Z_OK) {
            /* bad data, or a member that makes no progress at all */
            kh_rd_error(g->f, KH_EPARSE, 0, g->member_start,
                        "gzip member %llu is damaged (%s); reading goes on "
                        "at the next member",
                        (unsigned long long)g->members,
                        g->z.msg ? g->z.msg : "no progress");
            gz_recover(g);
            gz_end_member(g);
            gz_break(g);
        }
        if (made)
            return (ptrdiff_t)made;
    }
    if (g->in->err) {
        kh_src_fail(s, g->in->err, "%s", g->in->errmsg);
        return -1;
    }
    return 0;
}

/* ---- record headers ------------------------------------------------------ */

typedef struct warc_header {
    size_t len;            /* bytes up to and including the blank line */
    char type[32];
    char *uri, *date, *content_type;
    uint64_t content_length;
    int has_length;
} warc_header;

static void header_free(warc_header *h)
{
    free(h->uri);
    free(h->date);
    free(h->content_type);
    memset(h, 0, sizeof *h);
}

/* The end of a header block: the index just past "\r\n\r\n" (or "\n\n"),
 * 0 when not within n bytes. */
static size_t header_end(const char *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (p[i] != '\n')
            continue;
        if (p[i + 1] == '\n')
            return i + 2;
        if (i + 2 < n && p[i + 1] == '\r' && p[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

static char *trim_dup(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return kh_strndup(s, n);
}

static int parse_length(const char *s, size_t n, uint64_t *out)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    if (n == 0 || n > 15)
        return 0;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 1;
}

/* One "Name: value" line of a header block. */
typedef struct header_field {
    const char *name, *value;
    size_t name_len, value_len;
} header_field;

/* The first line of a header block p[0..n) (a version or status line)
 * ends where the fields begin. */
static size_t first_field(const char *p, size_t n)
{
    const char *nl = memchr(p, '\n', n);
    return nl ? (size_t)(nl - p) + 1 : n;
}

/* The next field from *i on, lines without a colon skipped; 0 at the end. */
static int next_field(const char *p, size_t n, size_t *i, header_field *f)
{
    while (*i < n) {
        const char *line = p + *i;
        const char *eol = memchr(line, '\n', n - *i);
        size_t len = eol ? (size_t)(eol - line) : n - *i;
        *i += len + 1;
        const char *colon = memchr(line, ':', len);
        if (!colon)
            continue;
        f->name = line;
        f->name_len = (size_t)(colon - line);
        f->value = colon + 1;
        f->value_len = len - f->name_len - 1;
        return 1;
    }
    return 0;
}

static int field_is(const header_field *f, const char *name)
{
    size_t n = strlen(name);
    return f->name_len == n && strncasecmp(f->name, name, n) == 0;
}

/* Replace *slot with the field's trimmed value. */
static void field_take(const header_field *f, char **slot)
{
    free(*slot);
    *slot = trim_dup(f->value, f->value_len);
}

/* Parse the named fields of a header block p[0..n). */
static void parse_header(const char *p, size_t n, warc_header *h)
{
    size_t i = first_field(p, n);
    header_field f;
    while (next_field(p, n, &i, &f)) {
        if (field_is(&f, "WARC-Type")) {
            char *t = trim_dup(f.value, f.value_len);
            snprintf(h->type, sizeof h->type, "%s", t);
            free(t);
        } else if (field_is(&f, "WARC-Target-URI")) {
            field_take(&f, &h->uri);
        } else if (field_is(&f, "WARC-Date")) {
            field_take(&f, &h->date);
        } else if (field_is(&f, "Content-Length")) {
            h->has_length =
                parse_length(f.value, f.value_len, &h->content_length);
        } else if (field_is(&f, "Content-Type")) {
            field_take(&f, &h->content_type);
        }
    }
}

/* ---- the HTTP response inside a record ------------------------------------ */

typedef struct http_response {
    int status;
    char *content_type, *encoding, *transfer;
    const char *body;
    size_t body_len;
} http_response;

static void http_free(http_response *r)
{
    free(r->content_type);
    free(r->encoding);
    free(r->transfer);
}

/* Parse "HTTP/1.1 200 OK" and its headers; 0 when the block is not an
 * HTTP response. */
static int parse_http(const char *p, size_t n, http_response *r)
{
    memset(r, 0, sizeof *r);
    if (n < 12 || strncmp(p, "HTTP/", 5) != 0)
        return 0;
    size_t hl = header_end(p, n < WARC_MAX_HEADER ? n : WARC_MAX_HEADER);
    if (hl == 0)
        hl = n; /* headers only, no body */
    const char *sp = memchr(p, ' ', hl);
    if (!sp)
        return 0;
    r->status = atoi(sp + 1);
    size_t i = first_field(p, hl);
    header_field f;
    while (next_field(p, hl, &i, &f)) {
        if (field_is(&f, "Content-Type"))
            field_take(&f, &r->content_type);
        else if (field_is(&f, "Content-Encoding"))
            field_take(&f, &r->encoding);
        else if (field_is(&f, "Transfer-Encoding"))
            field_take(&f, &r->transfer);
    }
    r->body = p + hl;
    r->body_len = n - hl;
    return 1;
}

/* Undo "Transfer-Encoding: chunked"; 0 when the chunks do not add up. */
static int dechunk(const char *p, size_t n, kh_buf *out)
{
    size_t i = 0;
    while (i < n) {
        char *end;
        unsigned long long size = strtoull(p + i, &end, 16);
        if (end == p + i)
            return 0;
        const char *nl = memchr(end, '\n', n - (size_t)(end - p));
        if (!nl)
            return 0;
        i = (size_t)(nl - p) + 1;
        if (size == 0)
            return 1;
        if (size > n - i)
            return 0;
        kh_buf_append(out, p + i, (size_t)size);
        i += (size_t)size;
        if (i < n && p[i] == '\r')
            i++;
        if (i < n && p[i] == '\n')
            i++;
    }
    return 1;
}

/* Inflate a gzip or deflate body, at most `limit` bytes out. */
static int inflate_body(const char *p, size_t n, int gzip, uint64_t limit,
                        kh_buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, gzip ? 16 + MAX_WBITS : MAX_WBITS) != Z_OK)
        return 0;
    z.next_in = (unsigned char *)p;
    z.avail_in = (uInt)(n > (1u << 30) ? (1u << 30) : n);
    int rc = Z_OK;
    char chunk[65536];
    while (rc == Z_OK) {
        z.next_out = (unsigned char *)chunk;
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        size_t made = sizeof chunk - z.avail_out;
        if (out->len + made > limit) {
            rc = Z_MEM_ERROR;
            break;
        }
        kh_buf_append(out, chunk, made);
        if (rc == Z_BUF_ERROR && z.avail_in == 0)
            break; /* truncated body: keep what came out */
    }
    inflateEnd(&z);
    return rc == Z_STREAM_END || (rc == Z_BUF_ERROR && out->len > 0);
}

static int contains_ci(const char *s, const char *word)
{
    size_t k = strlen(word);
    for (; *s; s++)
        if (strncasecmp(s, word, k) == 0)
            return 1;
    return 0;
}

static void mime_of(const char *content_type, char *out, size_t cap)
{
    size_t k = 0;
    if (content_type)
        for (const char *c = content_type;
             *c && *c != ';' && *c != ' ' && k + 1 < cap; c++)
            out[k++] = (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c);
    out[k] = '\0';
}

/* The host of a URL without "www.", lower-cased; NULL when none. */
static char *host_of(const char *url)
{
    const char *p = strstr(url, "://");
    if (!p)
        return NULL;
    p += 3;
    size_t n = strcspn(p, "/?#:");
    const char *at = memchr(p, '@', n); /* user:password@host */
    if (at) {
        n -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    if (n > 4 && strncasecmp(p, "www.", 4) == 0) {
        p += 4;
        n -= 4;
    }
    if (n == 0)
        return NULL;
    char *h = kh_strndup(p, n);
    for (char *c = h; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c + 32);
    return h;
}

/* One response record's block: emit its page as an article. */
static int emit_response(kh_rd_file *f, const warc_header *h,
                         const char *block, size_t n, uint64_t record,
                         uint64_t offset)
{
    http_response r;
    int is_http = parse_http(block, n, &r);
    if (!is_http) {
        r.body = block;
        r.body_len = n;
    } else if (r.status < 200 || r.status >= 300) {
        http_free(&r); /* redirects and errors hold no article */
        return KH_OK;
    }
    kh_buf decoded = KH_BUF_INIT;
    const char *body = r.body;
    size_t len = r.body_len;
    int rc = KH_OK;
    if (r.transfer && contains_ci(r.transfer, "chunked")) {
        if (dechunk(body, len, &decoded)) {
            body = decoded.data ? decoded.data : "";
            len = decoded.len;
        }
    }
    if (r.encoding && (strcasecmp(r.encoding, "gzip") == 0 ||
                       strcasecmp(r.encoding, "x-gzip") == 0 ||
                       strcasecmp(r.encoding, "deflate") == 0)) {
        kh_buf inflated = KH_BUF_INIT;
        if (!inflate_body(body, len, strcasecmp(r.encoding, "deflate") != 0,
                          f->rd->opts.max_record_bytes, &inflated)) {
            kh_rd_error(f, KH_EPARSE, 0, offset,
                        "record %llu (%s): its %s payload does not "
                        "decompress: skipped",
                        (unsigned long long)record, h->uri ? h->uri : "?",
                        r.encoding);
            kh_buf_free(&inflated);
            goto done;
        }
        kh_buf_free(&decoded);
        decoded = inflated;
        body = decoded.data ? decoded.data : "";
        len = decoded.len;
    } else if (r.encoding && strcasecmp(r.encoding, "identity") != 0) {
        kh_rd_error(f, KH_EFORMAT, 0, offset,
                    "record %llu (%s): payload compressed with '%s', which "
                    "khabar cannot read: skipped",
                    (unsigned long long)record, h->uri ? h->uri : "?",
                    r.encoding);
        goto done;
    }
    char mime[64];
    mime_of(is_http ? r.content_type : NULL, mime, sizeof mime);
    kh_format format;
    if (strcmp(mime, "text/html") == 0 ||
        strcmp(mime, "application/xhtml+xml") == 0)
        format = KH_FORMAT_HTML;
    else if (strcmp(mime, "text/plain") == 0)
        format = KH_FORMAT_TEXT;
    else if (mime[0] == '\0' || strncmp(mime, "text/", 5) == 0)
        format = kh_rd_looks_html(body, len) ? KH_FORMAT_HTML
                                               : KH_FORMAT_TEXT;
    else {
        kh_rd_error(f, KH_EFORMAT, 0, offset,
                    "record %llu (%s): the payload is %s, not an HTML "
                    "page: skipped",
                    (unsigned long long)record, h->uri ? h->uri : "?", mime);
        goto done;
    }
    if (len == 0) {
        kh_rd_error(f, KH_EEMPTY, 0, offset,
                    "record %llu (%s): empty payload: skipped",
                    (unsigned long long)record, h->uri ? h->uri : "?");
        goto done;
    }
    if (kh_rd_is_binary(body, len < 4096 ? len : 4096)) {
        kh_rd_error(f, KH_EBINARY, 0, offset,
                    "record %llu (%s): binary data where %s was announced: "
                    "skipped",
                    (unsigned long long)record, h->uri ? h->uri : "?",
                    mime[0] ? mime : "a page");
        goto done;
    }
    /* the charset: the HTTP header, else the page's own <meta>, both
     * checked against the bytes by kh_charset_detect */
    char label[64];
    const char *declared = kh_http_charset(r.content_type,
                                           r.content_type
                                               ? strlen(r.content_type)
                                               : 0,
                                           label, sizeof label);
    if (!declared && format == KH_FORMAT_HTML)
        declared = kh_html_meta_charset(body, len, label, sizeof label);
    kh_article a;
    memset(&a, 0, sizeof a);
    a.encoding = kh_charset_detect(body, len, declared);
    a.raw = kh_charset_to_utf8(body, len, a.encoding, &a.raw_len,
                               &a.invalid_bytes);
    a.raw_format = format;
    if (h->uri && *h->uri) {
        /* WARC/0.17-era files wrap the URI in <...> */
        size_t ul = strlen(h->uri);
        if (h->uri[0] == '<' && ul > 2 && h->uri[ul - 1] == '>')
            a.url = kh_strndup(h->uri + 1, ul - 2);
        else
            a.url = kh_strdup(h->uri);
    }
    if (h->date)
        a.date = kh_date_normalize(h->date, strlen(h->date));
    /* a crawl mixes outlets: without a source from the options or the
     * directory, the page's host names it (and keys its chrome model) */
    if (a.url && !f->rd->opts.source && !f->dir_source)
        a.source = host_of(a.url);
    kh_buf origin = KH_BUF_INIT;
    kh_buf_printf(&origin, "%s#%llu", f->path, (unsigned long long)record);
    a.origin = kh_buf_detach(&origin);
    rc = kh_rd_emit(f, &a);
done:
    kh_buf_free(&decoded);
    http_free(&r);
    return rc;
}

/* ---- the record loop ------------------------------------------------------ */

static const char next_record[] = "\r\n\r\nWARC/1.";

/* Index of the first "\r\n\r\nWARC/1." in p[from..n), or n. */
static size_t find_next_record(const char *p, size_t from, size_t n)
{
    size_t k = sizeof next_record - 1;
    for (size_t i = from; i + k <= n; i++)
        if (p[i] == '\r' && memcmp(p + i, next_record, k) == 0)
            return i;
    return n;
}

/* Is there a break of the gzip layer inside (start, end)? */
static uint64_t break_within(const gz_state *g, uint64_t start, uint64_t end)
{
    if (!g)
        return 0;
    for (size_t i = 0; i < g->n_breaks; i++)
        if (g->breaks[i] > start && g->breaks[i] < end)
            return g->breaks[i];
    return 0;
}

/* Move s to the next line that starts a record ("WARC/1."), reporting the
 * bytes skipped unless `quiet` (the damage was reported already).
 * Returns 0 at the end of the stream. */
static int resync(kh_rd_file *f, kh_src *s, uint64_t record, int quiet)
{
    uint64_t from = s->offset, skipped = 0;
    for (;;) {
        size_t got;
        const char *p = kh_src_peek(s, WARC_SCAN_WINDOW, &got);
        if (got < 7) {
            skipped += got;
            kh_src_consume(s, got);
            if (skipped && !quiet)
                kh_rd_error(f, KH_EPARSE, 0, from,
                            "after record %llu: %llu bytes that are not a "
                            "WARC record skipped",
                            (unsigned long long)record,
                            (unsigned long long)skipped);
            return 0;
        }
        size_t i = 0;
        if (memcmp(p, "WARC/1.", 7) != 0) {
            for (i = 1; i + 7 <= got; i++)
                if (p[i - 1] == '\n' && memcmp(p + i, "WARC/1.", 7) == 0)
                    break;
        }
        if (i + 7 <= got) {
            kh_src_consume(s, i);
            skipped += i;
            if (skipped && !quiet)
                kh_rd_error(f, KH_EPARSE, 0, from,
                            "after record %llu: %llu bytes that are not a "
                            "WARC record skipped",
                            (unsigned long long)record,
                            (unsigned long long)skipped);
            return 1;
        }
        kh_src_consume(s, got - 6);
        skipped += got - 6;
    }
}

static int read_records(kh_rd_file *f, kh_src *s, const gz_state *g)
{
    uint64_t max = f->rd->opts.max_record_bytes;
    uint64_t record = 0;
    for (;;) {
        size_t got;
        const char *p = kh_src_peek(s, 8, &got);
        if (got == 0)
            return KH_OK;
        /* white space between records is harmless */
        size_t ws = 0;
        while (ws < got && (p[ws] == '\r' || p[ws] == '\n'))
            ws++;
        if (ws) {
            kh_src_consume(s, ws);
            continue;
        }
        if (got < 7 || memcmp(p, "WARC/1.", 7) != 0) {
            if (!resync(f, s, record, 0))
                return KH_OK;
            continue;
        }
        record++;
        uint64_t at = s->offset;
        p = kh_src_peek(s, WARC_MAX_HEADER, &got);
        size_t hl = header_end(p, got);
        uint64_t brk = break_within(g, at, at + (hl ? hl : got));
        if (brk) {
            kh_rd_error(f, KH_EPARSE, 0, at,
                        "record %llu is cut by a damaged gzip member: "
                        "skipped",
                        (unsigned long long)record);
            kh_src_consume(s, (size_t)(brk - at));
            continue;
        }
        if (hl == 0 && got < WARC_MAX_HEADER) {
            /* the stream ends inside the header */
            if (!kh_rd_stream_failed(f))
                kh_rd_error(f, KH_EPARSE, 0, at,
                            "record %llu is cut short in its header",
                            (unsigned long long)record);
            kh_src_consume(s, got);
            return KH_OK;
        }
        if (hl == 0) {
            kh_rd_error(f, KH_EPARSE, 0, at,
                        "record %llu: its header does not end (no blank "
                        "line in %zu bytes): skipped",
                        (unsigned long long)record, got);
            kh_src_consume(s, 7);
            if (!resync(f, s, record, 1))
                return KH_OK;
            continue;
        }
        warc_header h;
        memset(&h, 0, sizeof h);
        h.len = hl;
        parse_header(p, hl, &h);
        if (!h.has_length) {
            kh_rd_error(f, KH_EPARSE, 0, at,
                        "record %llu: no valid Content-Length: skipped",
                        (unsigned long long)record);
            header_free(&h);
            kh_src_consume(s, hl);
            if (!resync(f, s, record, 1))
                return KH_OK;
            continue;
        }
        uint64_t cl = h.content_length;
        int is_response = strcasecmp(h.type, "response") == 0;
        if (!is_response || cl > max) {
            if (is_response)
                kh_rd_error(f, KH_ETOOBIG, 0, at,
                            "record %llu (%s): %llu bytes, over "
                            "max_record_bytes (%llu): skipped",
                            (unsigned long long)record,
                            h.uri ? h.uri : "?", (unsigned long long)cl,
                            (unsigned long long)max);
            kh_src_consume(s, hl);
            uint64_t skipped = kh_src_skip(s, cl);
            brk = break_within(g, at, at + hl + skipped);
            header_free(&h);
            if (skipped < cl && !kh_rd_stream_failed(f) && !brk) {
                kh_rd_error(f, KH_EPARSE, 0, at,
                            "record %llu is cut short: Content-Length %llu, "
                            "%llu bytes left",
                            (unsigned long long)record,
                            (unsigned long long)cl,
                            (unsigned long long)skipped);
                return KH_OK;
            }
            continue;
        }
        /* the whole record, plus its trailer and a peek at what follows */
        size_t want = hl + (size_t)cl + 4 + 7;
        p = kh_src_peek(s, want, &got);
        size_t block_end = hl + (size_t)cl;
        /* a lying Content-Length, too long: the next record shows inside */
        size_t inner = find_next_record(p, hl, got < block_end ? got
                                                               : block_end);
        brk = break_within(g, at, at + (got < block_end ? got : block_end));
        if (brk) {
            kh_rd_error(f, KH_EPARSE, 0, at,
                        "record %llu (%s) lies across a damaged gzip "
                        "member: skipped",
                        (unsigned long long)record, h.uri ? h.uri : "?");
            kh_src_consume(s, (size_t)(brk - at));
            header_free(&h);
            continue;
        }
        if (inner < (got < block_end ? got : block_end)) {
            kh_rd_error(f, KH_EPARSE, 0, at,
                        "record %llu (%s): Content-Length %llu runs into "
                        "the next record (%zu bytes on): skipped",
                        (unsigned long long)record, h.uri ? h.uri : "?",
                        (unsigned long long)cl, inner - hl);
            kh_src_consume(s, inner + 4);
            header_free(&h);
            continue;
        }
        if (got < block_end) {
            if (!kh_rd_stream_failed(f))
                kh_rd_error(f, KH_EPARSE, 0, at,
                            "record %llu (%s) is cut short: Content-Length "
                            "%llu, %zu bytes left",
                            (unsigned long long)record, h.uri ? h.uri : "?",
                            (unsigned long long)cl, got - hl);
            kh_src_consume(s, got);
            header_free(&h);
            return KH_OK;
        }
        /* a lying Content-Length, too short: no boundary where it ends */
        size_t tail = got - block_end;
        int boundary = tail == 0 ||
                       (tail >= 4 && memcmp(p + block_end, "\r\n\r\n", 4) == 0) ||
                       (tail >= 2 && memcmp(p + block_end, "\n\n", 2) == 0) ||
                       (tail < 4 && memcmp(p + block_end, "\r\n\r\n", tail) == 0);
        if (!boundary) {
            kh_rd_error(f, KH_EPARSE, 0, at,
                        "record %llu (%s): no record boundary after its "
                        "Content-Length (%llu): skipped",
                        (unsigned long long)record, h.uri ? h.uri : "?",
                        (unsigned long long)cl);
            kh_src_consume(s, block_end);
            header_free(&h);
            if (!resync(f, s, record, 1))
                return KH_OK;
            continue;
        }
        /* the block is copied out: emitting may not keep pointers into s */
        char *block = kh_malloc((size_t)cl + 1);
        memcpy(block, p + hl, (size_t)cl);
        block[cl] = '\0';
        kh_src_consume(s, block_end);
        int rc = emit_response(f, &h, block, (size_t)cl, record, at);
        free(block);
        header_free(&h);
        if (rc == KH_ESTOP)
            return rc;
    }
}

int kh_read_warc(kh_rd_file *f)
{
    size_t got;
    const unsigned char *p =
        (const unsigned char *)kh_src_peek(f->src, 3, &got);
    if (got >= 2 && p[0] == 0x1F && p[1] == 0x8B) {
        /* still gzipped: inflate member by member ourselves */
        gz_state g;
        memset(&g, 0, sizeof g);
        g.in = f->src;
        g.f = f;
        kh_src plain;
        kh_src_init(&plain, gz_fill, &g, 0);
        kh_src *outer = f->src;
        f->src = &plain;
        int rc = read_records(f, &plain, &g);
        f->src = outer;
        if (g.active)
            inflateEnd(&g.z);
        if (plain.err && !outer->err)
            kh_src_fail(outer, plain.err, "%s", plain.errmsg);
        kh_src_release(&plain);
        kh_buf_free(&g.member);
        kh_buf_free(&g.pending);
        free(g.breaks);
        return rc;
    }
    p = (const unsigned char *)kh_src_peek(f->src, 8, &got);
    size_t i = 0;
    while (i < got && (p[i] == '\r' || p[i] == '\n' || p[i] == ' '))
        i++;
    if (got - i < 5 || memcmp(p + i, "WARC/", 5) != 0)
        return kh_rd_fail(f, KH_EFORMAT, 0, 0,
                          "not a WARC file (it does not start with "
                          "\"WARC/\")");
    return read_records(f, f->src, NULL);
}
