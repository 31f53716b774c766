/*
 * bench_read.c - how fast the readers go: read every path given (e.g. the
 * SaudiNewsNet zips) N times and print articles, bytes and CPU time.
 *   usage: bench_read [-n REPEAT] PATH...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "khabar.h"

typedef struct tally {
    unsigned long long articles, with_source, raw_bytes, errors, invalid;
} tally;

static int on_article(void *ctx, kh_article *a)
{
    tally *t = ctx;
    t->articles++;
    t->with_source += a->source != NULL;
    t->raw_bytes += a->raw_len;
    t->invalid += a->invalid_bytes;
    return 0;
}

static void on_error(void *ctx, const kh_read_error *e)
{
    tally *t = ctx;
    if (t->errors++ < 5)
        fprintf(stderr, "%s:%llu: %s\n", e->path,
                (unsigned long long)e->line, e->message);
}

int main(int argc, char **argv)
{
    int repeat = 1, first = 1;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        repeat = atoi(argv[2]);
        first = 3;
    }
    if (first >= argc || repeat < 1) {
        fprintf(stderr, "usage: bench_read [-n REPEAT] PATH...\n");
        return 2;
    }
    kh_read_opts opts;
    kh_read_opts_init(&opts);
    tally t = {0};
    kh_read_sink sink = {on_article, on_error, NULL, &t};
    clock_t start = clock();
    int rc = KH_OK;
    for (int r = 0; r < repeat; r++)
        rc = kh_read_paths((const char *const *)argv + first,
                           (size_t)(argc - first), &opts, &sink);
    double cpu = (double)(clock() - start) / CLOCKS_PER_SEC / repeat;
    printf("articles %llu (with source %llu), raw %.1f MB, errors %llu, "
           "invalid bytes %llu\n",
           t.articles / repeat, t.with_source / repeat,
           t.raw_bytes / repeat / 1e6, t.errors / repeat, t.invalid / repeat);
    printf("cpu %.3f s per pass (%d passes), status %s\n", cpu, repeat,
           kh_strerror(rc));
    return rc == KH_OK ? 0 : 1;
}
