/*
 * query.h - turning what a user types into a safe FTS5 expression.
 */
#ifndef KH_SEARCH_QUERY_H
#define KH_SEARCH_QUERY_H

#include "common/buf.h"
#include "khabar.h"

/* Safety bounds on a query: longer or deeper ones are refused. */
#define KH_QUERY_MAX_BYTES 4096
#define KH_QUERY_MAX_DEPTH 32
#define KH_QUERY_MAX_TERMS 64

/* A word or phrase of the query that matching articles contain (it is not
 * on the right of a NOT): what snippets mark.  `text` points into the
 * query string. */
typedef struct kh_query_word {
    const char *text;
    size_t len;
    int prefix; /* written with a '*' after it */
} kh_query_word;

/*
 * kh_query_to_fts: parse `query` (words, "phrases", AND, OR, NOT,
 * parentheses, word*) and write the equivalent FTS5 MATCH expression to
 * *out.  Every word goes out as a double-quoted FTS5 string, so no user
 * character is ever read as FTS5 syntax; FTS5 hands the string to the
 * khabar tokenizer, which analyses it exactly like the indexed text.
 * Words that hold nothing searchable (punctuation) are dropped, dangling
 * operators and unbalanced parentheses are forgiven.  `an` is the analyser
 * the index uses (to see which words hold tokens).  When `words` is not
 * NULL, *words gets a malloc'd array of the *n_words words to mark.
 * @return KH_OK, or KH_EINVAL with a sentence for the user in *err.
 */
int kh_query_to_fts(kh_analyzer *an, const char *query, kh_buf *out,
                    kh_buf *err, kh_query_word **words, size_t *n_words);

#endif
