/*
 * test_read_archive.c - zip, tar.gz and .gz inputs, archives inside
 * archives, zip bombs and damaged archives.  Every archive is built here
 * at run time with libarchive's writer from text written in this file.
 */
#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include "kh_test.h"
#include "read_collect.h"

typedef struct member {
    const char *name;
    const void *data;
    size_t len;
} member;

enum { ZIP, TAR_GZ, RAW_GZ };

/* Build an archive in memory; *len gets its size.  Caller frees. */
static char *build(int kind, const member *m, size_t n, size_t *len)
{
    size_t cap = 1 << 16;
    for (size_t i = 0; i < n; i++)
        cap += m[i].len + 1024;
    char *buf = malloc(cap);
    struct archive *a = archive_write_new();
    if (kind == ZIP) {
        archive_write_set_format_zip(a);
    } else if (kind == TAR_GZ) {
        archive_write_set_format_pax_restricted(a);
        archive_write_add_filter_gzip(a);
    } else {
        archive_write_set_format_raw(a);
        archive_write_add_filter_gzip(a);
    }
    size_t used = 0;
    archive_write_open_memory(a, buf, cap, &used);
    for (size_t i = 0; i < n; i++) {
        struct archive_entry *e = archive_entry_new();
        archive_entry_set_pathname(e, m[i].name);
        archive_entry_set_size(e, (la_int64_t)m[i].len);
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_write_header(a, e);
        archive_write_data(a, m[i].data, m[i].len);
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    *len = used;
    return buf;
}

static member text(const char *name, const char *s)
{
    member m = {name, s, strlen(s)};
    return m;
}

static const char json_day[] =
    "[{\"source\": \"okaz\", \"url\": \"https://okaz.example/1\", "
    "\"title\": \"الأول\", \"content\": \"نص المقال الأول.\"},\n"
    " {\"source\": \"okaz\", \"url\": \"https://okaz.example/2\", "
    "\"title\": \"الثاني\", \"content\": \"نص المقال الثاني.\"}]\n";
static const char story[] = "عنوان قصة\n\nنص القصة داخل الأرشيف.\n";

static void test_zip(void)
{
    member m[] = {text("2015-07-21.json", json_day),
                  text("notes/story.txt", story),
                  text("__MACOSX/._story.txt", "junk"),
                  text("notes/.hidden.txt", story)};
    size_t len;
    char *zip = build(ZIP, m, 4, &len);
    collect c = {0};
    KH_CHECK_INT(collect_buffer(&c, "day.zip", zip, len, NULL), KH_OK);
    KH_CHECK_INT(c.n, 3);
    KH_CHECK_INT(c.ne, 0);
    if (c.n == 3) {
        KH_CHECK_STR(c.a[0].origin, "day.zip!2015-07-21.json#0");
        KH_CHECK_STR(c.a[1].origin, "day.zip!2015-07-21.json#1");
        KH_CHECK_STR(c.a[1].source, "okaz");
        KH_CHECK_STR(c.a[2].origin, "day.zip!notes/story.txt");
        KH_CHECK_STR(c.a[2].raw, story);
    }
    KH_CHECK(c.progress_calls >= 1);
    collect_free(&c);
    /* the same bytes without a telling name: the magic says zip */
    KH_CHECK_INT(collect_buffer(&c, "", zip, len, NULL), KH_OK);
    KH_CHECK_INT(c.n, 3);
    collect_free(&c);
    free(zip);
}

/* A zip through a pipe on stdin: no seeking, so libarchive streams it. */
static void test_zip_on_stdin(void)
{
    member m[] = {text("2015-07-21.json", json_day),
                  text("notes/story.txt", story)};
    size_t len;
    char *zip = build(ZIP, m, 2, &len);
    int fds[2];
    KH_CHECK(pipe(fds) == 0 && len < 60000); /* fits the pipe's buffer */
    KH_CHECK(write(fds[1], zip, len) == (ssize_t)len);
    close(fds[1]);
    int saved = dup(STDIN_FILENO);
    dup2(fds[0], STDIN_FILENO);
    close(fds[0]);
    collect c = {0};
    const char *paths[] = {"-"};
    KH_CHECK_INT(collect_paths(&c, paths, 1, NULL), KH_OK);
    dup2(saved, STDIN_FILENO);
    close(saved);
    KH_CHECK_INT(c.n, 3);
    if (c.n == 3)
        KH_CHECK_STR(c.a[2].origin, "<stdin>!notes/story.txt");
    collect_free(&c);
    free(zip);
}

static void test_tar_gz_and_gz(void)
{
    const char jl[] = "{\"title\": \"سطر\", \"content\": \"نص أول\"}\n"
                      "{\"title\": \"سطر\", \"content\": \"نص ثان\"}\n";
    const char html[] = "<html><body><p>صفحة داخل أرشيف</p></body></html>";
    member m[] = {text("./feed.jsonl", jl), text("./page.html", html)};
    size_t len;
    char *tgz = build(TAR_GZ, m, 2, &len);
    collect c = {0};
    KH_CHECK_INT(collect_buffer(&c, "dump.tgz", tgz, len, NULL), KH_OK);
    KH_CHECK_INT(c.n, 3);
    if (c.n == 3) {
        KH_CHECK_STR(c.a[1].origin, "dump.tgz!./feed.jsonl:2");
        KH_CHECK_INT(c.a[2].format, KH_FORMAT_HTML);
    }
    collect_free(&c);
    free(tgz);

    member one = text("data", jl);
    char *gz = build(RAW_GZ, &one, 1, &len);
    KH_CHECK_INT(collect_buffer(&c, "feed.jsonl.gz", gz, len, NULL), KH_OK);
    KH_CHECK_INT(c.n, 2);
    if (c.n == 2)
        KH_CHECK_STR(c.a[1].origin, "feed.jsonl.gz:2");
    collect_free(&c);
    free(gz);
}

/* A WARC record holding one HTML page (the WARC reader is another
 * file's business; here: that .warc and .warc.gz inputs reach it). */
static char *warc_record(size_t *len)
{
    const char http[] = "HTTP/1.1 200 OK\r\n"
                        "Content-Type: text/html; charset=utf-8\r\n\r\n"
                        "<html><body><p>نص الصفحة في أرشيف الويب</p>"
                        "</body></html>";
    char *out = malloc(1024);
    int n = snprintf(out, 1024,
                     "WARC/1.0\r\nWARC-Type: response\r\n"
                     "WARC-Target-URI: http://Example.com/a\r\n"
                     "WARC-Date: 2015-07-21T02:51:32Z\r\n"
                     "Content-Type: application/http; msgtype=response\r\n"
                     "Content-Length: %zu\r\n\r\n%s\r\n\r\n",
                     sizeof http - 1, http);
    *len = (size_t)n;
    return out;
}

static void test_warc_routes(void)
{
    size_t len, gz_len;
    char *warc = warc_record(&len);
    member one = {"data", warc, len};
    char *gz = build(RAW_GZ, &one, 1, &gz_len);
    const char *names[] = {"crawl.warc", "crawl.warc.gz", "", "crawl.gz"};
    for (int i = 0; i < 4; i++) {
        collect c = {0};
        int packed = i % 2 == 1 || i == 3;
        KH_CHECK_INT(collect_buffer(&c, names[i], packed ? gz : warc,
                                    packed ? gz_len : len, NULL),
                     KH_OK);
        KH_CHECK_INT(c.n, 1);
        if (c.n == 1) {
            KH_CHECK_INT(c.a[0].format, KH_FORMAT_HTML);
            KH_CHECK_STR(c.a[0].url, "http://Example.com/a");
            KH_CHECK(c.a[0].id != 0);
            KH_CHECK(strstr(c.a[0].raw, "أرشيف الويب") != NULL);
        }
        collect_free(&c);
    }
    free(gz);
    free(warc);
}

static void test_nested(void)
{
    member inner_m = text("deep/story.txt", story);
    size_t inner_len, outer_len;
    char *inner = build(TAR_GZ, &inner_m, 1, &inner_len);
    member outer_m[] = {{"inner.tar.gz", inner, inner_len},
                        text("top.txt", story)};
    char *outer = build(ZIP, outer_m, 2, &outer_len);
    collect c = {0};
    KH_CHECK_INT(collect_buffer(&c, "outer.zip", outer, outer_len, NULL),
                 KH_OK);
    KH_CHECK_INT(c.n, 2);
    if (c.n == 2) {
        KH_CHECK_STR(c.a[0].origin, "outer.zip!inner.tar.gz!deep/story.txt");
        KH_CHECK_STR(c.a[1].origin, "outer.zip!top.txt");
    }
    collect_free(&c);

    /* three levels: the innermost archive is refused, the rest read */
    member third_m[] = {{"outer.zip", outer, outer_len},
                        text("shallow.txt", story)};
    size_t third_len;
    char *third = build(ZIP, third_m, 2, &third_len);
    c.quiet = 1;
    KH_CHECK_INT(collect_buffer(&c, "third.zip", third, third_len, NULL),
                 KH_EFORMAT);
    KH_CHECK_INT(c.n, 2); /* outer.zip!top.txt and shallow.txt */
    const got_error *e = collect_find(&c, KH_EFORMAT);
    KH_CHECK(e != NULL &&
             strcmp(e->path, "third.zip!outer.zip!inner.tar.gz") == 0);
    KH_CHECK(e != NULL && strstr(e->message, "one level") != NULL);
    collect_free(&c);
    free(third);
    free(outer);
    free(inner);
}

static void test_zip_bomb(void)
{
    /* 40 MiB of one repeated sentence deflates over 500:1 */
    size_t big = (size_t)40 << 20;
    const char *phrase = "خبر عاجل ";
    size_t pl = strlen(phrase);
    char *text_block = malloc(big);
    for (size_t i = 0; i + pl <= big; i += pl)
        memcpy(text_block + i, phrase, pl);
    memset(text_block + big - big % pl, ' ', big % pl);
    member m[] = {{"bomb.txt", text_block, big}, text("after.txt", story)};
    size_t len;
    char *tgz = build(TAR_GZ, m, 2, &len);
    free(text_block);
    fprintf(stderr, "  bomb: %zu bytes packed\n", len);
    kh_read_opts o;
    kh_read_opts_init(&o);
    o.max_record_bytes = (uint64_t)100 << 20; /* so the ratio trips first */
    collect c = {0};
    KH_CHECK_INT(collect_buffer(&c, "bomb.tgz", tgz, len, &o), KH_ETOOBIG);
    KH_CHECK_INT(c.n, 0); /* the rest of the archive is skipped */
    const got_error *e = collect_find(&c, KH_ETOOBIG);
    KH_CHECK(e != NULL && strstr(e->message, "zip bomb") != NULL);
    KH_CHECK(e != NULL && strcmp(e->path, "bomb.tgz!bomb.txt") == 0);
    collect_free(&c);
    free(tgz);

    /* the budget of decompressed bytes per input */
    member two[] = {text("a.txt", story), text("b.txt", story),
                    text("c.txt", story)};
    char *zip = build(ZIP, two, 3, &len);
    kh_read_opts_init(&o);
    o.max_total_bytes = strlen(story) * 2 + 10;
    KH_CHECK_INT(collect_buffer(&c, "budget.zip", zip, len, &o), KH_ETOOBIG);
    KH_CHECK_INT(c.n, 2);
    e = collect_find(&c, KH_ETOOBIG);
    KH_CHECK(e != NULL && strstr(e->message, "max_total_bytes") != NULL);
    KH_CHECK(e != NULL && strcmp(e->path, "budget.zip!c.txt") == 0);
    collect_free(&c);
    free(zip);

    /* a member over max_record_bytes is skipped alone */
    kh_read_opts_init(&o);
    o.max_record_bytes = strlen(story) - 1;
    member long_first[] = {text("long.txt", story), text("short.txt", "قصير")};
    zip = build(ZIP, long_first, 2, &len);
    KH_CHECK_INT(collect_buffer(&c, "rec.zip", zip, len, &o), KH_ETOOBIG);
    KH_CHECK_INT(c.n, 1);
    KH_CHECK(c.ne == 1 && strcmp(c.e[0].path, "rec.zip!long.txt") == 0);
    collect_free(&c);
    free(zip);
}

static void test_damaged(void)
{
    member m[] = {text("a.txt", story), text("b.json", json_day)};
    size_t len;
    char *tgz = build(TAR_GZ, m, 2, &len);
    collect c = {0};
    /* cut in the middle: the error names the archive; nothing crashes */
    int rc = collect_buffer(&c, "cut.tar.gz", tgz, len / 2, NULL);
    KH_CHECK(rc == KH_EPARSE);
    KH_CHECK(c.ne >= 1);
    KH_CHECK(c.ne >= 1 && strncmp(c.e[0].path, "cut.tar.gz", 10) == 0);
    collect_free(&c);
    free(tgz);
    /* named .zip, holds text */
    KH_CHECK_INT(collect_buffer(&c, "liar.zip", story, strlen(story), NULL),
                 KH_EFORMAT);
    KH_CHECK(c.ne == 1 && strstr(c.e[0].message, "not an archive") != NULL);
    collect_free(&c);
    /* garbage after a zip signature */
    const char junk[] = "PK\x03\x04garbage that is not a zip at all";
    rc = collect_buffer(&c, "junk.bin", junk, sizeof junk - 1, NULL);
    KH_CHECK(rc == KH_EPARSE || rc == KH_EFORMAT);
    KH_CHECK_INT(c.n, 0);
    collect_free(&c);
    /* an empty member and an empty archive */
    member e[] = {text("empty.txt", ""), text("full.txt", story)};
    char *zip = build(ZIP, e, 2, &len);
    KH_CHECK_INT(collect_buffer(&c, "e.zip", zip, len, NULL), KH_EEMPTY);
    KH_CHECK_INT(c.n, 1);
    KH_CHECK(c.ne == 1 && strcmp(c.e[0].path, "e.zip!empty.txt") == 0);
    collect_free(&c);
    free(zip);
    zip = build(ZIP, NULL, 0, &len);
    KH_CHECK_INT(collect_buffer(&c, "none.zip", zip, len, NULL), KH_OK);
    KH_CHECK_INT(c.n, 0);
    collect_free(&c);
    free(zip);
}

int main(void)
{
    KH_RUN(test_zip);
    KH_RUN(test_zip_on_stdin);
    KH_RUN(test_tar_gz_and_gz);
    KH_RUN(test_warc_routes);
    KH_RUN(test_nested);
    KH_RUN(test_zip_bomb);
    KH_RUN(test_damaged);
    return kh_test_report();
}
