/*
 * clean.h - paragraph-level chrome removal, shared by the plain-text cleaner
 * (kh_clean_article) and the HTML extractor, so both apply the same rules.
 *
 * A producer (the text splitter, the HTML walker) fills an array of
 * kh_para, one per paragraph in page order, with a kind hint from the
 * markup when it has one.  kh_clean_paras() then decides, for each, whether
 * it is body or chrome: it sets `dropped` to a static reason string for
 * chrome, may cut markers out of a kept paragraph (recorded in `cuts`), and
 * reports the title and byline it found.  It never reorders paragraphs.
 */
#ifndef KH_EXTRACT_CLEAN_H
#define KH_EXTRACT_CLEAN_H

#include <stddef.h>
#include <stdint.h>

#include "arabic/ar_tokens.h"
#include "khabar.h"

/* What the markup says a paragraph is; plain text gives KH_PARA_BODY. */
typedef enum kh_para_kind {
    KH_PARA_BODY = 0,   /* a paragraph of running text (or unknown)         */
    KH_PARA_HEADING,    /* <h1>-<h6> inside the content                     */
    KH_PARA_CAPTION,    /* <figcaption>, image caption or credit            */
    KH_PARA_LIST_ITEM,  /* <li>                                             */
    KH_PARA_LINK_BLOCK  /* text that is mostly link text (menus, teasers)   */
} kh_para_kind;

typedef struct kh_para {
    char *text;          /* owned UTF-8; tidied (trimmed, spaces collapsed)
                          * and with cut markers removed by kh_clean_paras */
    kh_para_kind kind;   /* hint from the producer                         */
    const char *dropped; /* NULL: body; else why it is chrome (static)     */
    kh_removed *cuts;    /* fragments cut out of a kept paragraph, in order */
    size_t n_cuts;
} kh_para;

/* A growable array of paragraphs. */
typedef struct kh_paras {
    kh_para *v;
    size_t n, cap;
} kh_paras;

#define KH_PARAS_INIT {NULL, 0, 0}

/* kh_paras_push: append a copy of text[0..len) with the given hint.  Lines
 * that are empty after trimming are still pushed (and dropped as "empty"),
 * so that paragraph numbers match the producer's. */
void kh_paras_push(kh_paras *p, const char *text, size_t len,
                   kh_para_kind kind);
/* kh_paras_split_text: push every non-blank line of a plain-text page. */
void kh_paras_split_text(kh_paras *p, const char *text, size_t len);
void kh_paras_free(kh_paras *p);
/* kh_paras_prepare: the first step of kh_clean_paras, alone: tidy every
 * paragraph and cut the markers glued into it (ad markers, "Next Previous",
 * a share bar before the first sentence).  The chrome model observes lines
 * after this step, so that it counts what the cleaner looks up. */
void kh_paras_prepare(kh_paras *p);
/* kh_paras_prepare_shapes: the same, and each prepared paragraph's
 * kh_chrome_shape into shapes[0, p->n), mostly on the pass that prepares
 * it. */
void kh_paras_prepare_shapes(kh_paras *p, uint64_t *shapes);

/* What the cleaner knows about the page besides its paragraphs. */
typedef struct kh_clean_opts {
    const char *source;     /* outlet, for the chrome model; may be NULL   */
    const char *title;      /* known title, or NULL                        */
    const char *author;     /* known author, or NULL                       */
    int title_from_text;    /* 1: with title NULL, the first paragraph that
                             * is not chrome is the title (plain text)     */
    int find_date;          /* 1: the page has no date: take the one its
                             * first lines state, dropping a line that is
                             * only a date (clean_date.h)                 */
    const kh_chrome *model; /* recurring-line model, or NULL               */
    struct kh_chrome_lines *lines; /* when set, gets the lines of the page
                             * as the model counts them (chrome.h), taken
                             * from the paragraphs once prepared, so that
                             * ingest need not prepare them a second time */
} kh_clean_opts;

/* What the cleaner found; strings are malloc'd, the caller frees them. */
typedef struct kh_clean_found {
    char *title;  /* the title paragraph, when title_from_text found one  */
    char *byline; /* the first byline paragraph, NULL when none           */
    char *date;   /* with find_date: the date the head states, ISO 8601   */
    size_t kept;  /* paragraphs left as body                              */
} kh_clean_found;

/*
 * kh_clean_paras: classify every paragraph (see clean.c for the order of
 * the rules).  `found` may be NULL.  Paragraph text is rewritten in place
 * (tidied, markers cut); nothing else is allocated in p.
 */
void kh_clean_paras(kh_paras *p, const kh_clean_opts *opts,
                    kh_clean_found *found);

/* kh_clean_article_lines: kh_clean_article, also filling *lines (when not
 * NULL; free with kh_chrome_lines_free) with the article's lines as
 * kh_chrome_lines_of() finds them, computed on the way. */
int kh_clean_article_lines(kh_article *a, const kh_chrome *model,
                           struct kh_chrome_lines *lines);

/* kh_clean_article_tokens: kh_clean_article_lines, also leaving in
 * text_toks the tokens of the clean text under `an` (which must have
 * kh_analyzer_create(NULL)'s options, those of content hashes): the one
 * analysis gives the content hash and what the caller reads next (index
 * terms, duplicates, stories).  text_toks is empty when there is no
 * text. */
int kh_clean_article_tokens(kh_article *a, const kh_chrome *model,
                            struct kh_chrome_lines *lines, kh_analyzer *an,
                            kh_tokens *text_toks);

/* kh_clean_found_free: free the strings in found and zero it. */
void kh_clean_found_free(kh_clean_found *found);

/* The reasons, as the static strings found in `dropped` and `cuts`. */
extern const char KH_WHY_EMPTY[], KH_WHY_NAVIGATION[], KH_WHY_FONT_SIZE[],
    KH_WHY_CAPTION[], KH_WHY_CAPTION_REPEAT[], KH_WHY_READ_ALSO[],
    KH_WHY_RELATED[], KH_WHY_COMMENTS[], KH_WHY_AD[], KH_WHY_SHARE[],
    KH_WHY_SUBSCRIBE[], KH_WHY_URL[], KH_WHY_REPEATED[],
    KH_WHY_BOILERPLATE[], KH_WHY_BYLINE[], KH_WHY_TITLE[],
    KH_WHY_SEPARATOR[], KH_WHY_DATE[];

#endif
