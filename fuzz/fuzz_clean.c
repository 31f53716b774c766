/*
 * fuzz_clean.c - libFuzzer target for the cleaner: kh_clean_article on
 * arbitrary text, once without a chrome model and once with a model
 * trained on a few articles cut from the same input.  Besides crashes it
 * checks the cleaner's contract: valid UTF-8 out, a content hash with every
 * text, every removed line with its reason, and the same result twice.
 *
 * The input is split at form feeds (0x0C): the first part is the article,
 * the others (at most 8) the articles the model learns from, with a
 * threshold of two articles, so a line shared by two of them is chrome.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"
#include "extract/chrome.h"
#include "khabar.h"

#define MAX_TRAINING 8

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_clean: %s\n", what);
    abort();
}

static void check_utf8(const char *s, const char *what)
{
    if (s && kh_utf8_invalid_count(s, strlen(s)) != 0)
        fail(what);
}

/* A text article as the reader hands it over: valid UTF-8, NUL-free. */
static void make_article(kh_article *a, const char *bytes, size_t len,
                         const char *title)
{
    memset(a, 0, sizeof *a);
    size_t n, invalid;
    char *raw = kh_utf8_sanitize(bytes, len, &n, &invalid);
    for (size_t i = 0; i < n; i++)
        if (raw[i] == '\0')
            raw[i] = ' ';
    a->raw = raw;
    a->raw_len = n;
    a->raw_format = KH_FORMAT_TEXT;
    a->source = strdup("outlet");
    a->title = title ? strdup(title) : NULL;
    a->id = 1;
}

static void check_clean(const kh_article *a, int rc)
{
    if (rc != KH_OK && rc != KH_EEMPTY)
        fail("kh_clean_article: unexpected status");
    if (rc == KH_OK) {
        if (!a->text || !*a->text)
            fail("KH_OK without text");
        if (a->content_hash == 0)
            fail("text without a content hash");
        check_utf8(a->text, "invalid UTF-8 in the text");
    }
    check_utf8(a->title, "invalid UTF-8 in the title");
    check_utf8(a->author, "invalid UTF-8 in the author");
    for (size_t i = 0; i < a->n_removed; i++) {
        if (!a->removed[i].line || !a->removed[i].reason)
            fail("a removed line without text or reason");
        check_utf8(a->removed[i].line, "invalid UTF-8 in a removed line");
    }
}

static int same_result(const kh_article *x, const kh_article *y)
{
    if ((x->text == NULL) != (y->text == NULL) ||
        (x->text && strcmp(x->text, y->text) != 0))
        return 0;
    if (x->content_hash != y->content_hash || x->n_removed != y->n_removed)
        return 0;
    for (size_t i = 0; i < x->n_removed; i++)
        if (strcmp(x->removed[i].line, y->removed[i].line) != 0 ||
            strcmp(x->removed[i].reason, y->removed[i].reason) != 0)
            return 0;
    return 1;
}

/* Clean the article twice with model (or none): same result each time. */
static void clean_twice(const char *body, size_t len, const kh_chrome *model,
                        const char *title)
{
    kh_article a, b;
    make_article(&a, body, len, title);
    make_article(&b, body, len, title);
    int rc = kh_clean_article(&a, model);
    check_clean(&a, rc);
    if (kh_clean_article(&b, model) != rc || !same_result(&a, &b))
        fail("cleaning the same article twice gave different results");
    kh_article_clear(&a);
    kh_article_clear(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *cut = memchr(text, '\f', size);
    size_t body_len = cut ? (size_t)(cut - text) : size;

    clean_twice(text, body_len, NULL, NULL);
    clean_twice(text, body_len, NULL, "عنوان");

    kh_chrome *model = kh_chrome_create();
    kh_chrome_set_threshold(model, 2, 0.0);
    size_t trained = 0;
    for (const char *p = cut; p && trained < MAX_TRAINING; trained++) {
        p++; /* past the form feed */
        const char *end = memchr(p, '\f', size - (size_t)(p - text));
        size_t len = end ? (size_t)(end - p) : size - (size_t)(p - text);
        kh_article t;
        make_article(&t, p, len, NULL);
        t.id = (uint64_t)trained + 2;
        kh_chrome_observe(model, &t);
        kh_article_clear(&t);
        p = end;
    }
    clean_twice(text, body_len, model, NULL);
    kh_chrome_free(model);
    return 0;
}
