/*
 * test_read_ahead.c - ingest_read_ahead (read_ahead.c): the sink sees the
 * same calls in the same order with the reader on its own thread as with
 * plain kh_read_paths, over more records than the queue holds; a sink
 * that stops gets no further call and KH_ESTOP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/buf.h"
#include "ingest/ingest.h"
#include "kh_test.h"

static char tmpdir[256];
static char input[512];

/* 1,000 JSON lines (more than the read-ahead queue holds), every 97th
 * one broken so that errors are interleaved with articles. */
static void write_input(void)
{
    snprintf(input, sizeof input, "%s/many.jsonl", tmpdir);
    FILE *f = fopen(input, "w");
    KH_CHECK(f != NULL);
    if (!f)
        return;
    for (int i = 0; i < 1000; i++) {
        if (i % 97 == 50) {
            fprintf(f, "{\"url\": \"http://x.test/%d\", \"content\": \n", i);
            continue;
        }
        fprintf(f,
                "{\"source\": \"s%d\", \"url\": \"http://x.test/%d\","
                " \"title\": \"عنوان %d\","
                " \"content\": \"نص الخبر رقم %d\"}\n",
                i % 3, i, i, i);
    }
    fclose(f);
}

/* What a sink was told, one line per call (progress calls are left out:
 * how often the reader reports is its own business). */
typedef struct trace {
    kh_buf log;
    size_t articles, stop_after;
} trace;

static int on_article(void *ctx, kh_article *a)
{
    trace *t = ctx;
    kh_buf_printf(&t->log, "A %s|%s|%s\n", a->origin ? a->origin : "",
                  a->source ? a->source : "", a->raw ? a->raw : "");
    kh_article_clear(a);
    t->articles++;
    return t->stop_after && t->articles >= t->stop_after;
}

static void on_error(void *ctx, const kh_read_error *e)
{
    trace *t = ctx;
    kh_buf_printf(&t->log, "E %s:%llu %d %s\n", e->path ? e->path : "",
                  (unsigned long long)e->line, e->code,
                  e->message ? e->message : "");
}

static int read_traced(int threaded, size_t stop_after, trace *t)
{
    memset(t, 0, sizeof *t);
    t->stop_after = stop_after;
    kh_read_opts o;
    kh_read_opts_init(&o);
    kh_read_sink sink = {on_article, on_error, NULL, t};
    const char *paths[] = {input};
    return ingest_read_ahead(paths, 1, &o, &sink, threaded);
}

static void test_same_calls_in_order(void)
{
    trace plain, ahead;
    int rc_plain = read_traced(0, 0, &plain);
    int rc_ahead = read_traced(1, 0, &ahead);
    KH_CHECK_INT(rc_ahead, rc_plain);
    KH_CHECK(plain.articles > 900);
    KH_CHECK_INT(ahead.articles, plain.articles);
    KH_CHECK(strstr(plain.log.data, "\nE ") != NULL);
    KH_CHECK_STR(ahead.log.data, plain.log.data);
    kh_buf_free(&plain.log);
    kh_buf_free(&ahead.log);
}

static void test_stop(void)
{
    trace plain, ahead;
    KH_CHECK_INT(read_traced(0, 10, &plain), KH_ESTOP);
    KH_CHECK_INT(read_traced(1, 10, &ahead), KH_ESTOP);
    KH_CHECK_INT(ahead.articles, 10);
    KH_CHECK_STR(ahead.log.data, plain.log.data);
    /* stopping while the reader is blocked on a full queue */
    trace late;
    KH_CHECK_INT(read_traced(1, 700, &late), KH_ESTOP);
    KH_CHECK_INT(late.articles, 700);
    kh_buf_free(&plain.log);
    kh_buf_free(&ahead.log);
    kh_buf_free(&late.log);
}

static void test_missing_input(void)
{
    kh_read_opts o;
    kh_read_opts_init(&o);
    trace plain, ahead;
    memset(&plain, 0, sizeof plain);
    memset(&ahead, 0, sizeof ahead);
    char missing[600];
    snprintf(missing, sizeof missing, "%s/none.jsonl", tmpdir);
    const char *paths[] = {missing};
    kh_read_sink s1 = {on_article, on_error, NULL, &plain};
    kh_read_sink s2 = {on_article, on_error, NULL, &ahead};
    int rc_plain = ingest_read_ahead(paths, 1, &o, &s1, 0);
    int rc_ahead = ingest_read_ahead(paths, 1, &o, &s2, 1);
    KH_CHECK(rc_plain != KH_OK);
    KH_CHECK_INT(rc_ahead, rc_plain);
    KH_CHECK(plain.log.data && strstr(plain.log.data, "none.jsonl"));
    KH_CHECK_STR(ahead.log.data, plain.log.data);
    kh_buf_free(&plain.log);
    kh_buf_free(&ahead.log);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/kh-ahead-XXXXXX",
             base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    write_input();
    KH_RUN(test_same_calls_in_order);
    KH_RUN(test_stop);
    KH_RUN(test_missing_input);
    unlink(input);
    rmdir(tmpdir);
    return kh_test_report();
}
