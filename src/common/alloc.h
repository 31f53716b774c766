/*
 * alloc.h - allocation that never returns NULL.
 *
 * khabar treats running out of memory as fatal (as Redis does): every
 * allocation goes through these wrappers, which print a message and abort
 * instead of returning NULL, so callers never carry half-built results.
 */
#ifndef KH_ALLOC_H
#define KH_ALLOC_H

#include <stddef.h>

void *kh_malloc(size_t n);
void *kh_calloc(size_t count, size_t size);
void *kh_realloc(void *p, size_t n);
char *kh_strdup(const char *s);             /* NULL in, NULL out */
char *kh_strndup(const char *s, size_t n);  /* always NUL-terminates */

#endif
