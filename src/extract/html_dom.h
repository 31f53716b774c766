/*
 * html_dom.h - a compact, read-only tree of an HTML page, built straight
 * from libxml2's HTML parser through its SAX interface.
 *
 * libxml2 does the hard part (tokenising, entities, implied and misnested
 * tags, recovery from broken markup); this layer keeps only what extraction
 * needs: elements with a tag id and a few attributes, and text.  Nodes live
 * in one array in document order (pre-order), so a node's subtree is the
 * index range [i, end[i]) and every pass over the page is a loop, never a
 * recursion: a page nested 100,000 deep costs no stack.
 */
#ifndef KH_HTML_DOM_H
#define KH_HTML_DOM_H

#include <stddef.h>
#include <stdint.h>

/* Tags the extractor tells apart; everything else is HT_OTHER. */
typedef enum kh_htag {
    HT_OTHER = 0,
    HT_A, HT_ABBR, HT_ADDRESS, HT_AREA, HT_ARTICLE, HT_ASIDE, HT_AUDIO, HT_B,
    HT_BASE, HT_BDI, HT_BIG, HT_BLOCKQUOTE, HT_BODY, HT_BR, HT_BUTTON,
    HT_CANVAS, HT_CAPTION, HT_CENTER, HT_CITE, HT_CODE, HT_COL, HT_DD,
    HT_DEL, HT_DETAILS, HT_DIALOG, HT_DIV, HT_DL, HT_DT, HT_EM, HT_EMBED,
    HT_FIELDSET, HT_FIGCAPTION, HT_FIGURE, HT_FONT, HT_FOOTER, HT_FORM,
    HT_FRAME, HT_FRAMESET, HT_H1, HT_H2, HT_H3, HT_H4, HT_H5, HT_H6, HT_HEAD,
    HT_HEADER, HT_HGROUP, HT_HR, HT_HTML, HT_I, HT_IFRAME, HT_IMG, HT_INPUT,
    HT_INS, HT_KBD, HT_LABEL, HT_LEGEND, HT_LI, HT_LINK, HT_MAIN, HT_MAP,
    HT_MARK, HT_MARQUEE, HT_MATH, HT_MENU, HT_META, HT_NAV, HT_NOSCRIPT,
    HT_OBJECT, HT_OL, HT_OPTGROUP, HT_OPTION, HT_OUTPUT, HT_P, HT_PARAM,
    HT_PICTURE, HT_PRE, HT_PROGRESS, HT_Q, HT_RP, HT_RT, HT_S, HT_SAMP,
    HT_SCRIPT,
    HT_SECTION, HT_SELECT, HT_SMALL, HT_SOURCE, HT_SPAN, HT_STRIKE,
    HT_STRONG, HT_STYLE, HT_SUB, HT_SUMMARY, HT_SUP, HT_SVG, HT_TABLE,
    HT_TBODY, HT_TD, HT_TEMPLATE, HT_TEXTAREA, HT_TFOOT, HT_TH, HT_THEAD,
    HT_TIME, HT_TITLE, HT_TR, HT_TRACK, HT_TT, HT_U, HT_UL, HT_VAR,
    HT_VIDEO, HT_WBR,
    HT_COUNT
} kh_htag;

/* Attributes kept; the rest are dropped while parsing. */
typedef enum kh_hattr {
    HA_CLASS = 0, HA_ID, HA_ROLE, HA_ITEMPROP, HA_ITEMTYPE, HA_PROPERTY,
    HA_NAME, HA_CONTENT, HA_DATETIME, HA_LANG, HA_DIR, HA_REL, HA_HREF,
    HA_HIDDEN, HA_ARIA_HIDDEN, HA_STYLE, HA_TYPE, HA_CHARSET, HA_HTTP_EQUIV,
    HA_TAGNAME, /* the name of an element that is not in kh_htag        */
    HA_COUNT
} kh_hattr;

enum {
    KH_HNODE_ELEMENT = 0,
    KH_HNODE_TEXT = 1
};

/* Node flags. */
enum {
    KH_HF_HIDDEN = 1,  /* hidden attribute, aria-hidden, display:none     */
    KH_HF_HAS_ATTR = 2 /* at least one kept attribute                      */
};

typedef struct kh_hnode {
    uint32_t parent;      /* index; the root (0) is its own parent         */
    uint32_t next;        /* next sibling, 0 = none                        */
    uint32_t first_child; /* 0 = none                                      */
    uint32_t end;         /* one past the last node of the subtree         */
    uint32_t off, len;    /* text: bytes in text arena; element: attrs     */
    uint16_t tag;         /* kh_htag (elements)                            */
    uint8_t kind;         /* KH_HNODE_ELEMENT or KH_HNODE_TEXT             */
    uint8_t flags;
} kh_hnode;

typedef struct kh_hattr_rec {
    uint32_t name;       /* kh_hattr */
    uint32_t off, len;   /* value bytes in the attribute arena            */
} kh_hattr_rec;

typedef struct kh_hdom {
    kh_hnode *nodes;
    size_t n_nodes, cap_nodes;
    kh_hattr_rec *attrs;
    size_t n_attrs, cap_attrs;
    char *text;  /* text arena (NUL-terminated pieces not guaranteed)       */
    size_t text_len, text_cap;
    char *vals;  /* attribute values, each NUL-terminated                   */
    size_t vals_len, vals_cap;
    /* Contents of <script type="application/ld+json">, each NUL-terminated,
     * separated in `ldjson` by NULs; n_ldjson of them. */
    char *ldjson;
    size_t ldjson_len, ldjson_cap, n_ldjson;
    uint32_t max_depth_seen;
    uint32_t truncated_depth; /* elements flattened by the depth cap       */
} kh_hdom;

/* Elements deeper than this are flattened into their ancestor at the cap:
 * their text stays, their structure goes.  Real pages stay well below. */
#define KH_HDOM_MAX_DEPTH 256
/* Attribute values are cut to this many bytes (content= of <meta> too). */
#define KH_HDOM_MAX_ATTR 8192

/*
 * kh_hdom_parse: parse len bytes of UTF-8 HTML into dom (zeroed by the
 * caller or left over from kh_hdom_free).  Never fails: broken markup gives
 * whatever tree libxml2 recovers, at worst an empty one.
 */
void kh_hdom_parse(kh_hdom *dom, const char *html, size_t len);
void kh_hdom_free(kh_hdom *dom);

/* kh_hdom_attr: value of attribute `a` of element i (NUL-terminated), or
 * NULL when absent. */
const char *kh_hdom_attr(const kh_hdom *dom, uint32_t i, kh_hattr a);

/* kh_htag_name: the lowercase name of a tag ("div"), "?" for HT_OTHER. */
const char *kh_htag_name(kh_htag t);

/* Tag classes. */
int kh_htag_is_block(kh_htag t);   /* breaks the flow of inline text      */
int kh_htag_is_skipped(kh_htag t); /* its content is never page text      */
int kh_htag_is_heading(kh_htag t);

#endif
