/*
 * html_meta.h - an HTML page's metadata: title, publication date, author,
 * language and direction, from what the page states for machines
 * (JSON-LD, <meta>, <time datetime>) and, failing that, from what it shows
 * readers next to the headline (a byline, a dateline in any of the Arabic
 * month systems).
 */
#ifndef KH_HTML_META_H
#define KH_HTML_META_H

#include "extract/html_page.h"

typedef struct kh_hmeta {
    /* stated for machines (kh_hmeta_collect) */
    char *og_title, *ld_headline, *doc_title, *site_name;
    char *ld_date, *meta_date;     /* raw strings                         */
    char *ld_author, *meta_author;
    char *ld_body;                 /* JSON-LD articleBody, collapsed      */
    char *html_lang, *meta_lang;
    const char *declared_dir;      /* "rtl"/"ltr" from <html>/<body>       */
    /* the verdicts (kh_hmeta_finish); malloc'd, NULL when unknown */
    char *title, *author, *date;
    const char *lang, *dir;        /* static strings                      */
    size_t title_block;            /* the headline's block, or n_blocks   */
} kh_hmeta;

/* kh_hmeta_collect: read <title>, <meta>, JSON-LD and the root's lang and
 * dir.  Run before the body is chosen (the body scorer uses ld_body). */
void kh_hmeta_collect(const kh_hpage *pg, kh_hmeta *m);

/*
 * kh_hmeta_finish: decide title, date, author, lang and dir, looking near
 * the headline for what <meta> did not say.  `container` is the article's
 * container from kh_hbody_select; `url` (may be NULL) gives a last-resort
 * date.  Marks the headline, byline and dateline blocks as dropped.
 */
void kh_hmeta_finish(kh_hpage *pg, uint32_t container, const char *url,
                     kh_hmeta *m);

void kh_hmeta_free(kh_hmeta *m);

/* kh_author_clean: a byline without its label ("By", "بقلم:", "كتب:"),
 * trailing date or separators; NULL when nothing plausible is left.
 * Malloc'd. */
char *kh_author_clean(const char *s, size_t n);

/* kh_title_strip_site: the headline part of a <title> ("Headline | Site"
 * -> "Headline"), malloc'd. */
char *kh_title_strip_site(const char *title, const char *site_name);

#endif
