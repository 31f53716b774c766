/*
 * test_warc.c - the WARC reader on archives built here: response records
 * with HTML in UTF-8 and windows-1256, compressed and chunked payloads,
 * records that are skipped, and damage of every kind (a lying
 * Content-Length both ways, junk between records, a gzip member cut in
 * half, a truncated file): each bad record is one error, the rest is read.
 */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "common/buf.h"
#include "kh_test.h"
#include "khabar.h"
#include "read/read_warc.h"
#include "read/reader.h"
#include "read/source.h"

/* ---- building archives ---------------------------------------------------- */

static const char page_a[] =
    "<html><head><title>الصفحة الأولى</title></head><body><p>خبر أول عن "
    "افتتاح جسر جديد فوق النهر يربط ضفتي المدينة.</p></body></html>";
static const char page_b[] =
    "<html><body><p>خبر ثان عن مهرجان للكتاب في الساحة القديمة.</p>"
    "</body></html>";
static const char page_c[] =
    "<html><body><p>خبر ثالث عن موسم الأمطار في المناطق الجبلية.</p>"
    "</body></html>";

static void http(kh_buf *b, int status, const char *ctype,
                 const char *extra, const char *body, size_t body_len)
{
    kh_buf_printf(b, "HTTP/1.1 %d %s\r\n", status, status == 200 ? "OK" : "X");
    if (ctype)
        kh_buf_printf(b, "Content-Type: %s\r\n", ctype);
    if (extra)
        kh_buf_puts(b, extra);
    kh_buf_puts(b, "Server: test\r\n\r\n");
    kh_buf_append(b, body, body_len);
}

/* A record; `lie` is added to the true Content-Length. */
static void record(kh_buf *w, const char *type, const char *uri,
                   const char *block, size_t len, long lie)
{
    kh_buf_printf(w, "WARC/1.0\r\nWARC-Type: %s\r\n", type);
    if (uri)
        kh_buf_printf(w, "WARC-Target-URI: %s\r\n", uri);
    kh_buf_printf(w,
                  "WARC-Date: 2015-08-02T19:38:18Z\r\n"
                  "WARC-Record-ID: <urn:uuid:x>\r\n"
                  "Content-Type: application/http; msgtype=response\r\n"
                  "Content-Length: %ld\r\n\r\n",
                  (long)len + lie);
    kh_buf_append(w, block, len);
    kh_buf_puts(w, "\r\n\r\n");
}

static void response(kh_buf *w, const char *uri, const char *page, long lie)
{
    kh_buf blk = KH_BUF_INIT;
    http(&blk, 200, "text/html; charset=utf-8", NULL, page, strlen(page));
    record(w, "response", uri, blk.data, blk.len, lie);
    kh_buf_free(&blk);
}

static char *gzip_bytes(const char *data, size_t len, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&z, len) + 64;
    char *out = malloc(cap);
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)len;
    z.next_out = (unsigned char *)out;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    *out_len = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

/* ---- reading them ------------------------------------------------------------ */

typedef struct seen {
    int articles, errors;
    int codes[16];
    char urls[8][160];
    char raw[8][400];
    const char *encodings[8];
    char dates[8][32];
    char origins[8][64];
    char sources[8][64];
    int formats[8];
} seen;

static int on_article(void *ctx, kh_article *a)
{
    seen *s = ctx;
    if (s->articles < 8) {
        int i = s->articles;
        snprintf(s->urls[i], sizeof s->urls[i], "%s", a->url ? a->url : "");
        snprintf(s->raw[i], sizeof s->raw[i], "%s", a->raw ? a->raw : "");
        snprintf(s->dates[i], sizeof s->dates[i], "%s", a->date ? a->date : "");
        snprintf(s->origins[i], sizeof s->origins[i], "%s",
                 a->origin ? a->origin : "");
        snprintf(s->sources[i], sizeof s->sources[i], "%s",
                 a->source ? a->source : "");
        s->encodings[i] = a->encoding;
        s->formats[i] = a->raw_format;
    }
    s->articles++;
    return 0;
}

static void on_error(void *ctx, const kh_read_error *e)
{
    seen *s = ctx;
    if (s->errors < 16)
        s->codes[s->errors] = e->code;
    s->errors++;
    if (getenv("KH_TEST_VERBOSE"))
        fprintf(stderr, "  error @%llu: %s\n", (unsigned long long)e->offset,
                e->message);
}

/* kh_read_warc straight on bytes (as the dispatcher would hand them). */
static int read_warc(const char *name, const void *data, size_t len, seen *s,
                     uint64_t max_record)
{
    memset(s, 0, sizeof *s);
    kh_read_opts opts;
    kh_read_opts_init(&opts);
    opts.max_record_bytes = max_record;
    kh_read_sink sink = {on_article, on_error, NULL, s};
    kh_rd rd;
    kh_rd_init(&rd, &opts, &sink);
    kh_src src;
    kh_src_memory(&src, data, len);
    kh_rd_file f;
    memset(&f, 0, sizeof f);
    f.rd = &rd;
    f.path = name;
    f.name = name;
    f.src = &src;
    int rc = kh_read_warc(&f);
    kh_src_release(&src);
    int fin = kh_rd_finish(&rd);
    return rc != KH_OK ? rc : fin;
}

static int has_code(const seen *s, int code)
{
    for (int i = 0; i < s->errors && i < 16; i++)
        if (s->codes[i] == code)
            return 1;
    return 0;
}

/* ---- tests ------------------------------------------------------------------ */

static void test_good_archive(void)
{
    kh_buf w = KH_BUF_INIT;
    record(&w, "warcinfo", NULL, "software: test\r\n", 16, 0);
    record(&w, "request", "https://a.example/1", "GET /1 HTTP/1.1\r\n\r\n", 19,
           0);
    response(&w, "https://a.example/1", page_a, 0);
    /* windows-1256 named by the HTTP header only */
    {
        iconv_t cd = iconv_open("CP1256", "UTF-8");
        char cp[512], *ip = (char *)page_b, *op = cp;
        size_t il = strlen(page_b), ol = sizeof cp;
        iconv(cd, &ip, &il, &op, &ol);
        iconv_close(cd);
        kh_buf blk = KH_BUF_INIT;
        http(&blk, 200, "text/html; charset=windows-1256", NULL, cp,
             sizeof cp - ol);
        record(&w, "response", "https://a.example/2", blk.data, blk.len, 0);
        kh_buf_free(&blk);
    }
    record(&w, "metadata", "https://a.example/2", "via: test\r\n", 11, 0);
    /* a redirect and an image: no articles; the image is an error */
    {
        kh_buf blk = KH_BUF_INIT;
        http(&blk, 301, "text/html", "Location: /x\r\n", "", 0);
        record(&w, "response", "https://a.example/old", blk.data, blk.len, 0);
        kh_buf_reset(&blk);
        http(&blk, 200, "image/png", NULL, "\x89PNG\r\n\x1a\n\0\0", 10);
        record(&w, "response", "https://a.example/logo.png", blk.data,
               blk.len, 0);
        kh_buf_free(&blk);
    }
    /* gzip content-encoding inside chunked transfer-encoding */
    {
        size_t glen;
        char *gz = gzip_bytes(page_c, strlen(page_c), &glen);
        kh_buf chunks = KH_BUF_INIT;
        size_t half = glen / 2;
        kh_buf_printf(&chunks, "%zx\r\n", half);
        kh_buf_append(&chunks, gz, half);
        kh_buf_printf(&chunks, "\r\n%zx\r\n", glen - half);
        kh_buf_append(&chunks, gz + half, glen - half);
        kh_buf_puts(&chunks, "\r\n0\r\n\r\n");
        kh_buf blk = KH_BUF_INIT;
        http(&blk, 200, "text/html",
             "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
             chunks.data, chunks.len);
        record(&w, "response", "<https://a.example/3>", blk.data, blk.len, 0);
        kh_buf_free(&blk);
        kh_buf_free(&chunks);
        free(gz);
    }
    seen s;
    KH_CHECK_INT(read_warc("t.warc", w.data, w.len, &s, 0), KH_OK);
    KH_CHECK_INT(s.articles, 3);
    KH_CHECK_INT(s.errors, 1);
    KH_CHECK(has_code(&s, KH_EFORMAT)); /* the image */
    KH_CHECK_STR(s.urls[0], "https://a.example/1");
    KH_CHECK(strstr(s.raw[0], "افتتاح جسر جديد") != NULL);
    KH_CHECK_STR(s.dates[0], "2015-08-02T19:38:18");
    KH_CHECK_STR(s.origins[0], "t.warc#3");
    KH_CHECK_STR(s.sources[0], "a.example"); /* the host names the outlet */
    KH_CHECK_INT(s.formats[0], KH_FORMAT_HTML);
    KH_CHECK_STR(s.encodings[1], "windows-1256");
    KH_CHECK(strstr(s.raw[1], "مهرجان للكتاب") != NULL);
    KH_CHECK_STR(s.urls[2], "https://a.example/3");
    KH_CHECK(strstr(s.raw[2], "موسم الأمطار") != NULL);

    /* the same bytes through kh_read_buffer find the WARC reader */
    seen t;
    memset(&t, 0, sizeof t);
    kh_read_opts opts;
    kh_read_opts_init(&opts);
    kh_read_sink sink = {on_article, on_error, NULL, &t};
    kh_read_buffer("t.warc", w.data, w.len, &opts, &sink);
    KH_CHECK_INT(t.articles, 3);
    kh_buf_free(&w);
}

static void test_lying_lengths(void)
{
    /* too long: the first record's block runs 300 bytes into the next */
    kh_buf w = KH_BUF_INIT;
    response(&w, "https://a.example/1", page_a, 300);
    response(&w, "https://a.example/2", page_b, 0);
    response(&w, "https://a.example/3", page_c, 0);
    seen s;
    read_warc("long.warc", w.data, w.len, &s, 0);
    KH_CHECK_INT(s.articles, 2);
    KH_CHECK_INT(s.errors, 1);
    KH_CHECK_STR(s.urls[0], "https://a.example/2");
    KH_CHECK_STR(s.urls[1], "https://a.example/3");
    kh_buf_free(&w);

    /* too short: the block ends 40 bytes early */
    kh_buf v = KH_BUF_INIT;
    response(&v, "https://a.example/1", page_a, -40);
    response(&v, "https://a.example/2", page_b, 0);
    read_warc("short.warc", v.data, v.len, &s, 0);
    KH_CHECK_INT(s.articles, 1);
    KH_CHECK_INT(s.errors, 1);
    KH_CHECK_STR(s.urls[0], "https://a.example/2");
    kh_buf_free(&v);

    /* not a number */
    kh_buf u = KH_BUF_INIT;
    kh_buf_puts(&u, "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: "
                    "12x\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\n");
    response(&u, "https://a.example/2", page_b, 0);
    read_warc("nan.warc", u.data, u.len, &s, 0);
    KH_CHECK_INT(s.articles, 1);
    KH_CHECK(s.errors >= 1);
    kh_buf_free(&u);
}

static void test_junk_and_truncation(void)
{
    kh_buf w = KH_BUF_INIT;
    response(&w, "https://a.example/1", page_a, 0);
    kh_buf_puts(&w, "this line is not part of any record\r\nnor this one\r\n");
    response(&w, "https://a.example/2", page_b, 0);
    size_t keep = w.len;
    response(&w, "https://a.example/3", page_c, 0);
    seen s;
    /* the last record cut in the middle of its payload */
    size_t cut = keep + (w.len - keep) / 2;
    read_warc("junk.warc", w.data, cut, &s, 0);
    KH_CHECK_INT(s.articles, 2);
    KH_CHECK_INT(s.errors, 2);
    KH_CHECK(has_code(&s, KH_EPARSE));
    kh_buf_free(&w);
}

static void test_too_big(void)
{
    kh_buf w = KH_BUF_INIT, big = KH_BUF_INIT;
    kh_buf_puts(&big, "<html><body>");
    for (int i = 0; i < 100; i++)
        kh_buf_puts(&big, "<p>فقرة طويلة تتكرر لتكبر الصفحة.</p>");
    kh_buf_puts(&big, "</body></html>");
    response(&w, "https://a.example/1", big.data, 0);
    response(&w, "https://a.example/2", page_b, 0);
    kh_buf_free(&big);
    seen s;
    read_warc("big.warc", w.data, w.len, &s, 1000);
    /* the first record is over 1000 bytes, the second under */
    KH_CHECK(has_code(&s, KH_ETOOBIG));
    KH_CHECK_INT(s.articles, 1);
    KH_CHECK_STR(s.urls[0], "https://a.example/2");
    kh_buf_free(&w);
}

static void test_gzip_members(void)
{
    /* one member per record, the second cut in half */
    const char *pages[3] = {page_a, page_b, page_c};
    kh_buf members[3] = {KH_BUF_INIT, KH_BUF_INIT, KH_BUF_INIT};
    kh_buf gz = KH_BUF_INIT;
    for (int i = 0; i < 3; i++) {
        char uri[64];
        snprintf(uri, sizeof uri, "https://a.example/%d", i + 1);
        response(&members[i], uri, pages[i], 0);
        size_t glen;
        char *g = gzip_bytes(members[i].data, members[i].len, &glen);
        kh_buf_append(&gz, g, i == 1 ? glen / 2 : glen);
        free(g);
    }
    seen s;
    KH_CHECK_INT(read_warc("t.warc.gz", gz.data, gz.len, &s, 0), KH_OK);
    KH_CHECK_INT(s.articles, 2);
    KH_CHECK(s.errors >= 1);
    KH_CHECK_STR(s.urls[0], "https://a.example/1");
    KH_CHECK_STR(s.urls[1], "https://a.example/3");

    /* the whole file gzipped as one member reads the same */
    kh_buf all = KH_BUF_INIT;
    for (int i = 0; i < 3; i++)
        kh_buf_append(&all, members[i].data, members[i].len);
    size_t glen;
    char *one = gzip_bytes(all.data, all.len, &glen);
    read_warc("one.warc.gz", one, glen, &s, 0);
    KH_CHECK_INT(s.articles, 3);
    KH_CHECK_INT(s.errors, 0);
    /* ... and cut short at the end: the last record is lost, reported */
    read_warc("cut.warc.gz", one, glen - 40, &s, 0);
    KH_CHECK(s.articles >= 2 && s.articles <= 3);
    KH_CHECK(s.errors >= 1);
    free(one);
    kh_buf_free(&all);
    for (int i = 0; i < 3; i++)
        kh_buf_free(&members[i]);
    kh_buf_free(&gz);
}

static void test_not_warc(void)
{
    seen s;
    const char *text = "<html><body>not a warc</body></html>";
    KH_CHECK_INT(read_warc("x.warc", text, strlen(text), &s, 0), KH_EFORMAT);
    KH_CHECK_INT(s.articles, 0);
    KH_CHECK_INT(s.errors, 1);
    /* garbage that is gzip magic and then nothing */
    KH_CHECK_INT(read_warc("x.warc.gz", "\x1f\x8b\x08\x00", 4, &s, 0), KH_OK);
    KH_CHECK_INT(s.articles, 0);
    KH_CHECK(s.errors >= 1);
}

/* The committed fixtures, through kh_read_paths: the .warc.gz goes to the
 * WARC reader as it is and is inflated member by member. */
static void test_fixture_files(void)
{
    char *plain = kh_test_env_path("KH_FIXTURES", "warc/sample.warc.gz");
    char *damaged = kh_test_env_path("KH_FIXTURES", "warc/damaged.warc.gz");
    if (!plain || !damaged) {
        fprintf(stderr, "  warc fixtures not found (KH_FIXTURES): skipped\n");
        free(plain);
        free(damaged);
        return;
    }
    kh_read_opts opts;
    kh_read_opts_init(&opts);
    seen s;
    memset(&s, 0, sizeof s);
    kh_read_sink sink = {on_article, on_error, NULL, &s};
    const char *one[1] = {plain};
    KH_CHECK_INT(kh_read_paths(one, 1, &opts, &sink), KH_OK);
    KH_CHECK_INT(s.articles, 2);
    KH_CHECK_INT(s.errors, 0);
    KH_CHECK_STR(s.encodings[1], "windows-1256");
    /* a member cut in half and a lying Content-Length: reported, and the
     * last record is still read */
    memset(&s, 0, sizeof s);
    one[0] = damaged;
    kh_read_paths(one, 1, &opts, &sink);
    KH_CHECK_INT(s.articles, 1);
    KH_CHECK(s.errors >= 2);
    KH_CHECK_STR(s.urls[0], "https://news.example/1");
    free(plain);
    free(damaged);
}

int main(void)
{
    KH_RUN(test_fixture_files);
    KH_RUN(test_good_archive);
    KH_RUN(test_lying_lengths);
    KH_RUN(test_junk_and_truncation);
    KH_RUN(test_too_big);
    KH_RUN(test_gzip_members);
    KH_RUN(test_not_warc);
    return kh_test_report();
}
