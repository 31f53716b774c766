/*
 * read_collect.h - a kh_read_sink for the reader tests that keeps a copy of
 * every article and error, so tests can look at them after the call.
 */
#ifndef KH_READ_COLLECT_H
#define KH_READ_COLLECT_H

#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"

typedef struct got_article {
    char *source, *url, *title, *author, *date, *raw, *origin;
    size_t raw_len, invalid;
    const char *encoding;
    kh_format format;
    uint64_t id;
} got_article;

typedef struct got_error {
    char *path, *message;
    uint64_t line, offset;
    int code;
} got_error;

typedef struct collect {
    got_article *a;
    size_t n, cap;
    got_error *e;
    size_t ne, cape;
    size_t stop_after; /* 0: never ask to stop */
    size_t progress_calls;
    uint64_t last_done, last_total;
    int quiet;         /* 1: do not print errors */
} collect;

static inline char *collect_dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static inline int collect_article(void *ctx, kh_article *a)
{
    collect *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->a = realloc(c->a, c->cap * sizeof *c->a);
    }
    got_article *g = &c->a[c->n++];
    g->source = collect_dup(a->source);
    g->url = collect_dup(a->url);
    g->title = collect_dup(a->title);
    g->author = collect_dup(a->author);
    g->date = collect_dup(a->date);
    g->raw = collect_dup(a->raw);
    g->origin = collect_dup(a->origin);
    g->raw_len = a->raw_len;
    g->invalid = a->invalid_bytes;
    g->encoding = a->encoding;
    g->format = a->raw_format;
    g->id = a->id;
    return c->stop_after && c->n >= c->stop_after;
}

static inline void collect_error(void *ctx, const kh_read_error *e)
{
    collect *c = ctx;
    if (c->ne == c->cape) {
        c->cape = c->cape ? c->cape * 2 : 16;
        c->e = realloc(c->e, c->cape * sizeof *c->e);
    }
    got_error *g = &c->e[c->ne++];
    g->path = collect_dup(e->path);
    g->message = collect_dup(e->message);
    g->line = e->line;
    g->offset = e->offset;
    g->code = e->code;
    if (!c->quiet)
        fprintf(stderr, "  (reported) %s:%llu @%llu: %s [%s]\n", e->path,
                (unsigned long long)e->line, (unsigned long long)e->offset,
                e->message, kh_strerror(e->code));
}

static inline void collect_progress(void *ctx, const char *path, uint64_t done,
                             uint64_t total)
{
    collect *c = ctx;
    (void)path;
    c->progress_calls++;
    c->last_done = done;
    c->last_total = total;
}

static inline kh_read_sink collect_sink(collect *c)
{
    kh_read_sink s = {collect_article, collect_error, collect_progress, c};
    return s;
}

static inline void collect_free(collect *c)
{
    for (size_t i = 0; i < c->n; i++) {
        got_article *g = &c->a[i];
        free(g->source);
        free(g->url);
        free(g->title);
        free(g->author);
        free(g->date);
        free(g->raw);
        free(g->origin);
    }
    for (size_t i = 0; i < c->ne; i++) {
        free(c->e[i].path);
        free(c->e[i].message);
    }
    free(c->a);
    free(c->e);
    memset(c, 0, sizeof *c);
}

/* The first error with this code, or NULL. */
static inline const got_error *collect_find(const collect *c, int code)
{
    for (size_t i = 0; i < c->ne; i++)
        if (c->e[i].code == code)
            return &c->e[i];
    return NULL;
}

/* Read a buffer with default options (format AUTO). */
static inline int collect_buffer(collect *c, const char *name, const void *data,
                          size_t len, const kh_read_opts *opts)
{
    kh_read_opts o;
    if (!opts) {
        kh_read_opts_init(&o);
        opts = &o;
    }
    kh_read_sink s = collect_sink(c);
    return kh_read_buffer(name, data, len, opts, &s);
}

static inline int collect_paths(collect *c, const char *const *paths, size_t n,
                         const kh_read_opts *opts)
{
    kh_read_opts o;
    if (!opts) {
        kh_read_opts_init(&o);
        opts = &o;
    }
    kh_read_sink s = collect_sink(c);
    return kh_read_paths(paths, n, opts, &s);
}

/* UTF-8 text converted to encoding `to` with iconv (legacy test bytes are
 * made at run time, not committed): malloc'd, length in *n; NULL when
 * iconv does not know `to`. */
static inline char *collect_iconv(const char *s, const char *to, size_t *n)
{
    *n = 0;
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t in_left = strlen(s), cap = in_left * 4 + 8, out_left = cap;
    char *out = malloc(cap), *o = out, *in = (char *)s;
    size_t r = iconv(cd, &in, &in_left, &o, &out_left);
    iconv_close(cd);
    if (r == (size_t)-1) {
        free(out);
        return NULL;
    }
    *n = cap - out_left;
    return out;
}

#endif
