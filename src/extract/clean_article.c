/*
 * clean_article.c - kh_clean_article (khabar.h): a plain-text page through
 * the paragraph cleaner, then the article's text, removed lines, title,
 * author, content hash and (for articles without a URL) id.
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "extract/chrome.h"
#include "extract/clean.h"
#include "extract/entities.h"
#include "extract/html_article.h"
#include "khabar.h"

/* Seed of the content hash; frozen, content hashes are stored. */
#define CONTENT_SEED 0x746578u

static void push_removed(kh_article *a, size_t *cap, char *line,
                         const char *why)
{
    if (a->n_removed == *cap) {
        *cap = *cap ? 2 * *cap : 8;
        a->removed = kh_realloc(a->removed, *cap * sizeof *a->removed);
    }
    a->removed[a->n_removed].line = line;
    a->removed[a->n_removed].reason = why;
    a->n_removed++;
}

static void clear_output(kh_article *a)
{
    free(a->text);
    a->text = NULL;
    for (size_t i = 0; i < a->n_removed; i++)
        free(a->removed[i].line);
    free(a->removed);
    a->removed = NULL;
    a->n_removed = 0;
    a->content_hash = 0;
}

/* The analyser behind content hashes: one per thread, made on first use
 * and kept for the life of the thread (it holds no per-text state). */
static kh_analyzer *analyzer(void)
{
    static _Thread_local kh_analyzer *an;
    if (!an)
        an = kh_analyzer_create(NULL);
    return an;
}

/* The content hash from the text's tokens: the hash of their normalised
 * forms joined by single spaces, which is what kh_normalize_text makes of
 * the text. */
static uint64_t content_hash_of(const kh_tokens *t)
{
    static _Thread_local kh_buf norm = KH_BUF_INIT;
    kh_buf_reset(&norm);
    for (size_t i = 0; i < t->n; i++) {
        if (norm.len)
            kh_buf_putc(&norm, ' ');
        kh_buf_append(&norm, t->v[i].norm, t->v[i].norm_len);
    }
    return kh_hash64(norm.len ? norm.data : "", norm.len, CONTENT_SEED);
}

static int clean_page_text(kh_article *a, const kh_chrome *model,
                           kh_chrome_lines *lines, kh_analyzer *an,
                           kh_tokens *toks);

int kh_clean_article(kh_article *a, const kh_chrome *model)
{
    return kh_clean_article_lines(a, model, NULL);
}

int kh_clean_article_lines(kh_article *a, const kh_chrome *model,
                           kh_chrome_lines *lines)
{
    if (a->raw_format == KH_FORMAT_HTML) { /* the HTML extractor comes first */
        if (lines)
            kh_chrome_lines_of(a, lines);
        return kh_html_clean_article(a, model);
    }
    return clean_page_text(a, model, lines, NULL, NULL);
}

int kh_clean_article_tokens(kh_article *a, const kh_chrome *model,
                            kh_chrome_lines *lines, kh_analyzer *an,
                            kh_tokens *text_toks)
{
    if (a->raw_format != KH_FORMAT_HTML)
        return clean_page_text(a, model, lines, an, text_toks);
    int rc = kh_clean_article_lines(a, model, lines);
    kh_tokens_make(text_toks, an, rc == KH_OK ? a->text : NULL,
                   rc == KH_OK && a->text ? strlen(a->text) : 0);
    return rc;
}

/* A plain-text page through the cleaner; with toks, the clean text's
 * tokens are made there and the content hash taken from them. */
static int clean_page_text(kh_article *a, const kh_chrome *model,
                           kh_chrome_lines *lines, kh_analyzer *an,
                           kh_tokens *toks)
{
    clear_output(a);
    if (a->title)
        kh_entities_replace(&a->title);
    if (a->author)
        kh_entities_replace(&a->author);
    kh_paras p = KH_PARAS_INIT;
    if (a->raw)
        kh_paras_split_text(&p, a->raw, a->raw_len);
    int has_page = a->raw && a->raw_len; /* else no lines, as observe says */
    if (lines && !has_page)
        memset(lines, 0, sizeof *lines);
    kh_clean_opts opts = {
        .source = a->source,
        .title = a->title,
        .author = a->author,
        .title_from_text = a->title == NULL,
        .find_date = a->date == NULL,
        .model = model,
        .lines = has_page ? lines : NULL,
    };
    kh_clean_found found;
    kh_clean_paras(&p, &opts, &found);
    if (!a->title && found.title) {
        a->title = found.title;
        found.title = NULL;
    }
    if (!a->author && found.byline) {
        a->author = found.byline;
        found.byline = NULL;
    }
    if (!a->date && found.date) {
        a->date = found.date;
        found.date = NULL;
    }
    kh_buf text = KH_BUF_INIT;
    size_t cap = 0;
    for (size_t i = 0; i < p.n; i++) {
        kh_para *para = &p.v[i];
        for (size_t c = 0; c < para->n_cuts; c++) {
            push_removed(a, &cap, para->cuts[c].line, para->cuts[c].reason);
            para->cuts[c].line = NULL;
        }
        if (para->dropped) {
            push_removed(a, &cap, para->text, para->dropped);
            para->text = NULL;
            continue;
        }
        if (text.len)
            kh_buf_putc(&text, '\n');
        kh_buf_puts(&text, para->text);
    }
    kh_paras_free(&p);
    kh_clean_found_free(&found);
    if (text.len == 0) {
        kh_buf_free(&text);
        if (toks)
            kh_tokens_make(toks, an, NULL, 0);
        return KH_EEMPTY;
    }
    if (toks) {
        kh_tokens_make(toks, an, text.data, text.len);
        a->content_hash = content_hash_of(toks);
    } else {
        size_t norm_len;
        char *norm =
            kh_normalize_text(analyzer(), text.data, text.len, &norm_len);
        a->content_hash = kh_hash64(norm, norm_len, CONTENT_SEED);
        free(norm);
    }
    a->text = kh_buf_detach(&text);
    if (a->id == 0)
        a->id = a->content_hash;
    return KH_OK;
}
