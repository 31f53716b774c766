/*
 * snippet.h - the short extract of an article shown with a search hit,
 * with the words that matched the query marked.
 */
#ifndef KH_SEARCH_SNIPPET_H
#define KH_SEARCH_SNIPPET_H

#include "common/buf.h"
#include "search/query.h"
#include "store/db.h"

/* The index terms a snippet marks, from the query's words. */
typedef struct kh_snippet_keys {
    kh_buf terms;    /* the terms, each followed by a NUL               */
    size_t *offsets; /* where each term starts in terms.data            */
    size_t *lens;
    unsigned char *prefix; /* 1: a word starting with the term matches */
    size_t n;
} kh_snippet_keys;

/* kh_snippet_keys_build: the terms of words, as the index holds them. */
void kh_snippet_keys_build(kh_snippet_keys *k, kh_terms *terms,
                           const kh_query_word *words, size_t n_words);
void kh_snippet_keys_free(kh_snippet_keys *k);

/*
 * kh_snippet: about n_words words of text around the densest run of
 * matching words (or its start when none matches), each run of matching
 * words between open and close, "…" where text was cut.  The result is
 * appended to out.
 */
void kh_snippet(kh_terms *terms, const kh_snippet_keys *keys, const char *text,
                size_t len, size_t n_words, const char *open,
                const char *close, kh_buf *out);

#endif
