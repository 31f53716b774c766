/*
 * html_article.h - an HTML page (kh_article with raw_format
 * KH_FORMAT_HTML) turned into a clean article: the entry point
 * kh_clean_article() hands HTML pages to, and the extraction itself for
 * benchmarks and tests.
 */
#ifndef KH_HTML_ARTICLE_H
#define KH_HTML_ARTICLE_H

#include <stddef.h>

#include "khabar.h"

/*
 * kh_html_clean_article: extract the article from a->raw (UTF-8 HTML): the
 * body paragraphs go through the same paragraph rules as plain text
 * (clean.h), then a->text, a->removed (the page's dropped blocks with
 * their reasons, then the lines the paragraph rules dropped),
 * a->content_hash and, without a URL, a->id are set.  Metadata found in
 * the page fills a->title, a->author and a->lang when they are NULL and
 * a->dir; a publication date found in the page replaces a->date (which for
 * a WARC record is the crawl date).
 * @return KH_OK, or KH_EEMPTY when the page has no article text.
 */
int kh_html_clean_article(kh_article *a, const kh_chrome *model);

/* What kh_html_extract finds, before the paragraph rules. */
typedef struct kh_html_result {
    char *title, *author, *date; /* malloc'd, NULL when unknown          */
    const char *lang, *dir;      /* static, NULL when unknown            */
    char *body;                  /* kept blocks joined by "\n"           */
    kh_removed *removed;         /* dropped blocks, in page order        */
    size_t n_removed;
} kh_html_result;

/*
 * kh_html_extract: the extraction alone: parse, choose the body, read the
 * metadata.  `url` (may be NULL) helps with the date.  Never fails; a page
 * without text gives an empty body.  Free with kh_html_result_free.
 */
void kh_html_extract(const char *html, size_t len, const char *url,
                     kh_html_result *r);
void kh_html_result_free(kh_html_result *r);

#endif
