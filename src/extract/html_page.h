/*
 * html_page.h - an HTML page cut into text blocks, with the features the
 * extractor scores them by.
 *
 * A block is a run of inline text between two block-level boundaries (a
 * <p>, a <li>, the text of a <div> up to its next child <div>, a line
 * ended by <br>).  Blocks are the unit the extractor keeps or drops; each
 * remembers its owner (the nearest block-level element), so a subtree of
 * the page is a contiguous range of blocks.
 */
#ifndef KH_HTML_PAGE_H
#define KH_HTML_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "extract/html_dom.h"
#include "extract/html_words.h"

/* What a block's owner makes it. */
typedef enum kh_hbkind {
    KH_BK_TEXT = 0, /* a <div>, <td>... run of text                      */
    KH_BK_P,        /* a <p>                                              */
    KH_BK_HEADING,  /* <h1>-<h6> (level in `level`)                       */
    KH_BK_LI,       /* a list item or <dd>/<dt>                           */
    KH_BK_CELL,     /* a table cell                                       */
    KH_BK_PRE,      /* preformatted text                                  */
    KH_BK_CAPTION   /* <figcaption>, <caption>                            */
} kh_hbkind;

typedef struct kh_hblock {
    uint32_t owner;       /* nearest block-level element                  */
    uint32_t first;       /* first text node (blocks are ordered by it)   */
    uint32_t off, len;    /* normalised text in page->text                */
    uint32_t nchars;      /* characters, spaces not counted               */
    uint32_t nlink;       /* of which inside <a>                          */
    uint16_t nwords, nstop, npunct, nlinks;
    uint8_t kind;         /* kh_hbkind                                    */
    uint8_t level;        /* heading level 1-6, else 0                    */
    uint8_t in_quote;     /* inside <blockquote>                          */
    uint8_t keep;         /* the verdict: 1 = article text                */
    uint8_t reason;       /* kh_hreason when dropped                      */
    signed char neg;      /* strongest boilerplate hint around it (0-3)   */
    signed char pos;      /* strongest article hint around it (0-3)       */
    uint8_t neg_reason;   /* kh_hreason of `neg`                          */
    float q;              /* contentness in [-1, 1]                       */
} kh_hblock;

typedef struct kh_hpage {
    kh_hdom dom;
    kh_hblock *blocks;
    size_t n_blocks, cap_blocks;
    char *text; /* block texts, each NUL-terminated                       */
    size_t text_len, text_cap;
    /* per node, filled by kh_hpage_build */
    uint32_t *owner;      /* nearest block-level ancestor-or-self         */
    uint8_t *nflags;      /* KH_HN_* below                                */
    kh_hint *hint;        /* the element's own class/id/role/tag verdict  */
    /* page-level figures */
    uint64_t total_chars; /* in visible blocks                            */
    double stop_density;  /* stopwords per word in the page's prose       */
    unsigned lang_votes[HL_COUNT];
    size_t arabic_letters, latin_letters;
} kh_hpage;

enum {
    KH_HN_HIDDEN = 1, /* hidden, or inside something never shown          */
    KH_HN_LINK = 2,   /* inside <a href>                                   */
    KH_HN_QUOTE = 4,  /* inside <blockquote>                               */
    KH_HN_CAPTION = 8 /* inside <figcaption>/<caption>                     */
};

/* kh_hpage_build: parse and cut into blocks with their features (not yet
 * scored).  Never fails. */
void kh_hpage_build(kh_hpage *pg, const char *html, size_t len);
void kh_hpage_free(kh_hpage *pg);

/* kh_hpage_block_text: the NUL-terminated text of block b. */
static inline const char *kh_hpage_block_text(const kh_hpage *pg, size_t b)
{
    return pg->text + pg->blocks[b].off;
}

/* kh_hpage_first_block: index of the first block whose first text node is
 * at or after node i (n_blocks when none); with the subtree end it gives a
 * subtree's blocks. */
size_t kh_hpage_first_block(const kh_hpage *pg, uint32_t node);

/* kh_hpage_lang: the page's language from its stopwords and script, NULL
 * when unsure. */
const char *kh_hpage_lang(const kh_hpage *pg);

/* Text helpers shared with the metadata code. */

/* kh_htext_collapse: append s[0..n) to out with white space (including
 * no-break and other Unicode spaces) collapsed to single spaces; leading
 * space is dropped when out is empty.  Returns characters appended. */
struct kh_buf;
size_t kh_htext_collapse(struct kh_buf *out, const char *s, size_t n);

/* kh_htext_node: the collapsed text of node i's subtree (hidden parts
 * included), trimmed, into out (reset first). */
void kh_htext_node(const kh_hdom *dom, uint32_t i, struct kh_buf *out);

#endif
