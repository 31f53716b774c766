/*
 * html_article.c - an HTML page through the whole extractor: blocks
 * (html_page.c), metadata (html_meta.c), the body (html_body.c), then the
 * paragraph rules shared with plain text (kh_clean_article on the body).
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "extract/html_article.h"
#include "extract/html_body.h"
#include "extract/html_meta.h"
#include "extract/html_page.h"

/* Dropped blocks kept in `removed`; a page of 100,000 menu items should
 * not make an article of 100,000 records. */
#define MAX_REMOVED 2000

static void push_removed(kh_removed **v, size_t *n, size_t *cap,
                         const char *line, const char *reason)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        *v = kh_realloc(*v, *cap * sizeof **v);
    }
    (*v)[*n].line = kh_strdup(line);
    (*v)[*n].reason = reason;
    (*n)++;
}

void kh_html_extract(const char *html, size_t len, const char *url,
                     kh_html_result *r)
{
    memset(r, 0, sizeof *r);
    kh_hpage pg;
    kh_hpage_build(&pg, html ? html : "", html ? len : 0);
    kh_hmeta m;
    kh_hmeta_collect(&pg, &m);
    kh_hbody_hints hints = {m.ld_body};
    uint32_t container = kh_hbody_select(&pg, &hints);
    kh_hmeta_finish(&pg, container, url, &m);

    kh_buf body = KH_BUF_INIT;
    kh_buf_puts(&body, "");
    size_t cap = 0;
    for (size_t b = 0; b < pg.n_blocks; b++) {
        const kh_hblock *bl = &pg.blocks[b];
        const char *t = kh_hpage_block_text(&pg, b);
        if (bl->keep) {
            if (body.len)
                kh_buf_putc(&body, '\n');
            kh_buf_append(&body, t, bl->len);
        } else if (r->n_removed < MAX_REMOVED) {
            push_removed(&r->removed, &r->n_removed, &cap, t,
                         kh_hreason_name((kh_hreason)bl->reason));
        }
    }
    r->body = kh_buf_detach(&body);
    r->title = m.title;
    r->author = m.author;
    r->date = m.date;
    r->lang = m.lang;
    r->dir = m.dir;
    m.title = m.author = m.date = NULL;
    kh_hmeta_free(&m);
    kh_hpage_free(&pg);
}

void kh_html_result_free(kh_html_result *r)
{
    if (!r)
        return;
    free(r->title);
    free(r->author);
    free(r->date);
    free(r->body);
    for (size_t i = 0; i < r->n_removed; i++)
        free(r->removed[i].line);
    free(r->removed);
    memset(r, 0, sizeof *r);
}

static void take(char **dst, char **src)
{
    free(*dst);
    *dst = *src;
    *src = NULL;
}

/* Seed of content hashes: the same as the plain-text cleaner's
 * (clean_article.c), so an article hashes alike whichever way it came. */
#define CONTENT_SEED 0x746578u

static kh_analyzer *analyzer(void)
{
    static _Thread_local kh_analyzer *an;
    if (!an)
        an = kh_analyzer_create(NULL);
    return an;
}

/*
 * Pages not in Arabic: the extracted body is the text.  The paragraph
 * rules are written for Arabic news text (their run-level passes read a
 * lead followed by other paragraphs as an RT-style feed, a repeated
 * paragraph as chrome), and the page's structure has already judged runs
 * of blocks better than text can.
 */
static int finish_plain(kh_article *a, kh_html_result *r)
{
    free(a->text);
    a->text = NULL;
    for (size_t i = 0; i < a->n_removed; i++)
        free(a->removed[i].line);
    free(a->removed);
    a->removed = r->removed;
    a->n_removed = r->n_removed;
    r->removed = NULL;
    r->n_removed = 0;
    if (!a->title && r->title)
        take(&a->title, &r->title);
    if (!a->author && r->author)
        take(&a->author, &r->author);
    if (r->date)
        take(&a->date, &r->date);
    if (!a->lang && r->lang)
        a->lang = kh_strdup(r->lang);
    a->dir = r->dir;
    a->content_hash = 0;
    int rc = KH_EEMPTY;
    if (r->body && *r->body) {
        size_t norm_len;
        char *norm = kh_normalize_text(analyzer(), r->body, strlen(r->body),
                                       &norm_len);
        a->content_hash = kh_hash64(norm, norm_len, CONTENT_SEED);
        free(norm);
        take(&a->text, &r->body);
        if (a->id == 0)
            a->id = a->content_hash;
        rc = KH_OK;
    }
    kh_html_result_free(r);
    return rc;
}

int kh_html_clean_article(kh_article *a, const kh_chrome *model)
{
    kh_html_result r;
    kh_html_extract(a->raw, a->raw_len, a->url, &r);
    if (!r.lang || strcmp(r.lang, "ar") != 0)
        return finish_plain(a, &r);

    /* The body as plain text through the paragraph rules (read-also
     * lines, subscription footers, repeated paragraphs, bylines...). */
    kh_article t;
    memset(&t, 0, sizeof t);
    t.id = a->id;
    t.source = a->source ? kh_strdup(a->source) : NULL;
    t.url = a->url ? kh_strdup(a->url) : NULL;
    /* a title is always given so that the first paragraph is never taken
     * for one (the page's own headline is already out of the body) */
    t.title = kh_strdup(a->title ? a->title : r.title ? r.title : "");
    t.author = a->author ? kh_strdup(a->author)
               : r.author ? kh_strdup(r.author)
                          : NULL;
    /* a date known from the markup or the record keeps the body's date
     * lines as they are; without one the body's head may state it */
    t.date = r.date ? kh_strdup(r.date) : a->date ? kh_strdup(a->date) : NULL;
    t.raw = r.body;
    t.raw_len = strlen(r.body);
    t.raw_format = KH_FORMAT_TEXT;
    r.body = NULL;
    int rc = kh_clean_article(&t, model);

    /* results into the article */
    take(&a->text, &t.text);
    a->content_hash = t.content_hash;
    if (a->id == 0)
        a->id = t.id;
    for (size_t i = 0; i < a->n_removed; i++)
        free(a->removed[i].line);
    free(a->removed);
    a->removed = r.removed;
    a->n_removed = r.n_removed;
    size_t cap = r.n_removed;
    r.removed = NULL;
    r.n_removed = 0;
    for (size_t i = 0; i < t.n_removed; i++) {
        if (a->n_removed == cap) {
            cap = cap ? 2 * cap : 16;
            a->removed = kh_realloc(a->removed, cap * sizeof *a->removed);
        }
        a->removed[a->n_removed++] = t.removed[i];
        t.removed[i].line = NULL;
    }
    if (!a->title && r.title)
        take(&a->title, &r.title);
    if (!a->author && t.author)
        take(&a->author, &t.author);
    if (r.date)
        take(&a->date, &r.date);
    else if (!a->date && t.date)
        take(&a->date, &t.date);
    if (!a->lang && r.lang)
        a->lang = kh_strdup(r.lang);
    a->dir = r.dir;
    kh_article_clear(&t);
    kh_html_result_free(&r);
    return rc;
}
