/*
 * snippet.c - search snippets, made in C from the stored text rather than
 * by FTS5's snippet(): FTS5 would parse the query and seek the term lists
 * once more for every hit shown, which cost more than the ranking itself
 * for short queries.  The text is analysed with the index's own terms
 * (kh_terms_each), so a word is marked exactly when the index matched it,
 * spelling variants included.
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "search/snippet.h"

static int add_key(void *ctx, const char *term, size_t len, size_t start,
                   size_t end, int is_prefix)
{
    (void)start;
    (void)end;
    kh_snippet_keys *k = ctx;
    k->offsets = kh_realloc(k->offsets, (k->n + 1) * sizeof *k->offsets);
    k->lens = kh_realloc(k->lens, (k->n + 1) * sizeof *k->lens);
    k->prefix = kh_realloc(k->prefix, (k->n + 1) * sizeof *k->prefix);
    k->offsets[k->n] = k->terms.len;
    k->lens[k->n] = len;
    k->prefix[k->n] = (unsigned char)is_prefix;
    kh_buf_append(&k->terms, term, len);
    kh_buf_putc(&k->terms, '\0');
    k->n++;
    return 0;
}

void kh_snippet_keys_build(kh_snippet_keys *k, kh_terms *terms,
                           const kh_query_word *words, size_t n_words)
{
    memset(k, 0, sizeof *k);
    for (size_t i = 0; i < n_words; i++)
        kh_terms_each(terms, words[i].text, words[i].len, words[i].prefix,
                      add_key, k);
}

void kh_snippet_keys_free(kh_snippet_keys *k)
{
    kh_buf_free(&k->terms);
    free(k->offsets);
    free(k->lens);
    free(k->prefix);
    memset(k, 0, sizeof *k);
}

/* Which key a term matches, or -1. */
static int match_key(const kh_snippet_keys *k, const char *term, size_t len)
{
    for (size_t i = 0; i < k->n; i++) {
        const char *key = k->terms.data + k->offsets[i];
        size_t klen = k->lens[i];
        if (k->prefix[i] ? len >= klen && memcmp(term, key, klen) == 0
                         : len == klen && memcmp(term, key, klen) == 0)
            return (int)i;
    }
    return -1;
}

/* A word of the text: its bytes and the key it matches (-1: none). */
typedef struct word {
    size_t start, end;
    int key;
} word;

typedef struct scan {
    const kh_snippet_keys *keys;
    word *w;
    size_t n, cap;
} scan;

static int add_word(void *ctx, const char *term, size_t len, size_t start,
                    size_t end, int is_prefix)
{
    (void)is_prefix;
    scan *s = ctx;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->w = kh_realloc(s->w, s->cap * sizeof *s->w);
    }
    s->w[s->n++] = (word){start, end, match_key(s->keys, term, len)};
    return 0;
}

/*
 * Choosing the window: each matching word proposes a window of n words
 * starting a little before it (so the snippet gives some context); the
 * window with the most distinct keys wins, then the one with the most
 * matching words, then the earliest.  Matches are few, windows short:
 * the quadratic count is cheap.
 */
static size_t best_window(const word *w, size_t n_w, size_t n, size_t n_keys)
{
    size_t best = 0, best_distinct = 0, best_hits = 0;
    unsigned char seen[64];
    for (size_t m = 0; m < n_w; m++) {
        if (w[m].key < 0)
            continue;
        size_t start = m > n / 4 ? m - n / 4 : 0;
        size_t distinct = 0, hits = 0;
        memset(seen, 0, sizeof seen);
        for (size_t i = start; i < n_w && i < start + n; i++) {
            if (w[i].key < 0)
                continue;
            hits++;
            size_t k = (size_t)w[i].key % sizeof seen;
            if (!seen[k]) {
                seen[k] = 1;
                distinct++;
            }
        }
        if (distinct > best_distinct ||
            (distinct == best_distinct && hits > best_hits)) {
            best = start;
            best_distinct = distinct;
            best_hits = hits;
        }
        if (best_distinct == n_keys && best_hits >= n / 2)
            break; /* cannot do better than every key, densely */
    }
    return best;
}

static int only_spaces(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ')
            return 0;
    return 1;
}

void kh_snippet(kh_terms *terms, const kh_snippet_keys *keys, const char *text,
                size_t len, size_t n_words, const char *open,
                const char *close, kh_buf *out)
{
    scan s = {keys, NULL, 0, 0};
    kh_terms_each(terms, text, len, 0, add_word, &s);
    if (s.n == 0 || n_words == 0) {
        free(s.w);
        return;
    }
    size_t first = best_window(s.w, s.n, n_words, keys->n);
    if (first + n_words > s.n) /* near the end: show a full window */
        first = s.n > n_words ? s.n - n_words : 0;
    size_t last = first + n_words < s.n ? first + n_words : s.n; /* excl. */
    if (first > 0)
        kh_buf_puts(out, "…");
    size_t at = s.w[first].start;
    for (size_t i = first; i < last; i++) {
        kh_buf_append(out, text + at, s.w[i].start - at);
        at = s.w[i].start;
        if (s.w[i].key < 0)
            continue;
        /* one mark around a run of matching words (a phrase) */
        size_t j = i;
        while (j + 1 < last && s.w[j + 1].key >= 0 &&
               only_spaces(text + s.w[j].end, s.w[j + 1].start - s.w[j].end))
            j++;
        kh_buf_puts(out, open);
        kh_buf_append(out, text + s.w[i].start, s.w[j].end - s.w[i].start);
        kh_buf_puts(out, close);
        at = s.w[j].end;
        i = j;
    }
    size_t end = s.w[last - 1].end;
    if (last == s.n) { /* the text's own end: its closing punctuation too */
        end = len;
        while (end > at && (text[end - 1] == ' ' || text[end - 1] == '\n' ||
                            text[end - 1] == '\t' || text[end - 1] == '\r'))
            end--;
    }
    kh_buf_append(out, text + at, end - at);
    if (last < s.n)
        kh_buf_puts(out, "…");
    free(s.w);
}
