/*
 * alloc.c - the allocation wrappers of alloc.h: abort on out-of-memory.
 */
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t n)
{
    fprintf(stderr, "khabar: out of memory (asked for %zu bytes)\n", n);
    abort();
}

void *kh_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *kh_calloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *kh_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

char *kh_strndup(const char *s, size_t n)
{
    char *d = kh_malloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *kh_strdup(const char *s)
{
    return s ? kh_strndup(s, strlen(s)) : NULL;
}
