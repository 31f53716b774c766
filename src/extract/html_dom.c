/*
 * html_dom.c - build kh_hdom, the compact page tree, from libxml2's HTML
 * parser driven through SAX (no libxml2 DOM is ever built, which is where
 * most of a DOM parse's time and memory go).
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "common/alloc.h"
#include "extract/html_dom.h"

/* ---- tag and attribute tables ------------------------------------------ */

/* Sorted by name for bsearch; the enum order need not match. */
typedef struct name_id {
    const char *name;
    int id;
} name_id;

static const name_id tag_names[] = {
    {"a", HT_A}, {"abbr", HT_ABBR}, {"address", HT_ADDRESS},
    {"area", HT_AREA}, {"article", HT_ARTICLE}, {"aside", HT_ASIDE},
    {"audio", HT_AUDIO}, {"b", HT_B}, {"base", HT_BASE}, {"bdi", HT_BDI},
    {"big", HT_BIG}, {"blockquote", HT_BLOCKQUOTE}, {"body", HT_BODY},
    {"br", HT_BR}, {"button", HT_BUTTON}, {"canvas", HT_CANVAS},
    {"caption", HT_CAPTION}, {"center", HT_CENTER}, {"cite", HT_CITE},
    {"code", HT_CODE}, {"col", HT_COL}, {"dd", HT_DD}, {"del", HT_DEL},
    {"details", HT_DETAILS}, {"dialog", HT_DIALOG}, {"div", HT_DIV},
    {"dl", HT_DL}, {"dt", HT_DT}, {"em", HT_EM}, {"embed", HT_EMBED},
    {"fieldset", HT_FIELDSET}, {"figcaption", HT_FIGCAPTION},
    {"figure", HT_FIGURE}, {"font", HT_FONT}, {"footer", HT_FOOTER},
    {"form", HT_FORM}, {"frame", HT_FRAME}, {"frameset", HT_FRAMESET},
    {"h1", HT_H1}, {"h2", HT_H2}, {"h3", HT_H3}, {"h4", HT_H4},
    {"h5", HT_H5}, {"h6", HT_H6}, {"head", HT_HEAD}, {"header", HT_HEADER},
    {"hgroup", HT_HGROUP}, {"hr", HT_HR}, {"html", HT_HTML}, {"i", HT_I},
    {"iframe", HT_IFRAME}, {"img", HT_IMG}, {"input", HT_INPUT},
    {"ins", HT_INS}, {"kbd", HT_KBD}, {"label", HT_LABEL},
    {"legend", HT_LEGEND}, {"li", HT_LI}, {"link", HT_LINK},
    {"main", HT_MAIN}, {"map", HT_MAP}, {"mark", HT_MARK},
    {"marquee", HT_MARQUEE}, {"math", HT_MATH}, {"menu", HT_MENU},
    {"meta", HT_META}, {"nav", HT_NAV}, {"noscript", HT_NOSCRIPT},
    {"object", HT_OBJECT}, {"ol", HT_OL}, {"optgroup", HT_OPTGROUP},
    {"option", HT_OPTION}, {"output", HT_OUTPUT}, {"p", HT_P},
    {"param", HT_PARAM}, {"picture", HT_PICTURE}, {"pre", HT_PRE},
    {"progress", HT_PROGRESS}, {"q", HT_Q}, {"rp", HT_RP}, {"rt", HT_RT},
    {"s", HT_S}, {"samp", HT_SAMP},
    {"script", HT_SCRIPT}, {"section", HT_SECTION}, {"select", HT_SELECT},
    {"small", HT_SMALL}, {"source", HT_SOURCE}, {"span", HT_SPAN},
    {"strike", HT_STRIKE}, {"strong", HT_STRONG}, {"style", HT_STYLE},
    {"sub", HT_SUB}, {"summary", HT_SUMMARY}, {"sup", HT_SUP},
    {"svg", HT_SVG}, {"table", HT_TABLE}, {"tbody", HT_TBODY},
    {"td", HT_TD}, {"template", HT_TEMPLATE}, {"textarea", HT_TEXTAREA},
    {"tfoot", HT_TFOOT}, {"th", HT_TH}, {"thead", HT_THEAD},
    {"time", HT_TIME}, {"title", HT_TITLE}, {"tr", HT_TR},
    {"track", HT_TRACK}, {"tt", HT_TT}, {"u", HT_U}, {"ul", HT_UL},
    {"var", HT_VAR}, {"video", HT_VIDEO}, {"wbr", HT_WBR},
};

static const name_id attr_names[] = {
    {"aria-hidden", HA_ARIA_HIDDEN}, {"charset", HA_CHARSET},
    {"class", HA_CLASS}, {"content", HA_CONTENT}, {"datetime", HA_DATETIME},
    {"dir", HA_DIR}, {"hidden", HA_HIDDEN}, {"href", HA_HREF},
    {"http-equiv", HA_HTTP_EQUIV}, {"id", HA_ID}, {"itemprop", HA_ITEMPROP},
    {"itemtype", HA_ITEMTYPE}, {"lang", HA_LANG}, {"name", HA_NAME},
    {"property", HA_PROPERTY}, {"rel", HA_REL}, {"role", HA_ROLE},
    {"style", HA_STYLE}, {"type", HA_TYPE},
};

#define N_TAGS (sizeof tag_names / sizeof *tag_names)
#define N_ATTRS (sizeof attr_names / sizeof *attr_names)

static const char *tag_name_by_id[HT_COUNT];
static unsigned char tag_class[HT_COUNT];
/* TC_SKIP: content not even stored; TC_NOTEXT: stored (the head's
 * <title> and <meta> feed the metadata) but never body text. */
enum { TC_BLOCK = 1, TC_SKIP = 2, TC_HEADING = 4, TC_NOTEXT = 8 };

static int cmp_name(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const name_id *)elem)->name);
}

static int lookup(const name_id *table, size_t n, const char *name)
{
    const name_id *hit = bsearch(name, table, n, sizeof *table, cmp_name);
    return hit ? hit->id : -1;
}

/* The reverse maps, filled once (pthread_once: extraction may run in
 * several threads). */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void fill_tag_tables(void)
{
    for (size_t i = 0; i < N_TAGS; i++)
        tag_name_by_id[tag_names[i].id] = tag_names[i].name;
    static const kh_htag blocks[] = {
        HT_ADDRESS, HT_ARTICLE, HT_ASIDE, HT_BLOCKQUOTE, HT_BODY, HT_BR,
        HT_CAPTION, HT_CENTER, HT_DD, HT_DETAILS, HT_DIALOG, HT_DIV, HT_DL,
        HT_DT, HT_FIELDSET, HT_FIGCAPTION, HT_FIGURE, HT_FOOTER, HT_FORM,
        HT_FRAMESET, HT_H1, HT_H2, HT_H3, HT_H4, HT_H5, HT_H6, HT_HEAD,
        HT_HEADER, HT_HGROUP, HT_HR, HT_HTML, HT_LEGEND, HT_LI, HT_MAIN,
        HT_MARQUEE, HT_MENU, HT_NAV, HT_OL, HT_P, HT_PRE, HT_SECTION,
        HT_SUMMARY, HT_TABLE, HT_TBODY, HT_TD, HT_TFOOT, HT_TH, HT_THEAD,
        HT_TITLE, HT_TR, HT_UL, HT_VIDEO, HT_AUDIO, HT_IFRAME, HT_OBJECT,
        HT_SELECT, HT_TEXTAREA, HT_NOSCRIPT, HT_TEMPLATE};
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
        tag_class[blocks[i]] |= TC_BLOCK;
    static const kh_htag skipped[] = {
        HT_SCRIPT, HT_STYLE, HT_NOSCRIPT, HT_TEMPLATE, HT_SVG, HT_MATH,
        HT_CANVAS, HT_SELECT, HT_OPTION, HT_OPTGROUP, HT_TEXTAREA,
        HT_BUTTON, HT_IFRAME, HT_OBJECT, HT_EMBED, HT_AUDIO, HT_VIDEO,
        HT_MAP, HT_INPUT, HT_PROGRESS, HT_OUTPUT, HT_RP, HT_RT,
        HT_FRAMESET, HT_FRAME, HT_DIALOG};
    for (size_t i = 0; i < sizeof skipped / sizeof *skipped; i++)
        tag_class[skipped[i]] |= TC_SKIP;
    tag_class[HT_HEAD] |= TC_NOTEXT;
    tag_class[HT_TITLE] |= TC_NOTEXT;
    static const kh_htag headings[] = {HT_H1, HT_H2, HT_H3,
                                       HT_H4, HT_H5, HT_H6};
    for (size_t i = 0; i < 6; i++)
        tag_class[headings[i]] |= TC_HEADING;
}

static void init_tag_tables(void)
{
    pthread_once(&tables_once, fill_tag_tables);
}

const char *kh_htag_name(kh_htag t)
{
    init_tag_tables();
    return (t > HT_OTHER && t < HT_COUNT && tag_name_by_id[t])
               ? tag_name_by_id[t]
               : "?";
}

int kh_htag_is_block(kh_htag t)
{
    init_tag_tables();
    return t < HT_COUNT && (tag_class[t] & TC_BLOCK);
}

int kh_htag_is_skipped(kh_htag t)
{
    init_tag_tables();
    return t < HT_COUNT && (tag_class[t] & (TC_SKIP | TC_NOTEXT));
}

int kh_htag_is_heading(kh_htag t)
{
    init_tag_tables();
    return t < HT_COUNT && (tag_class[t] & TC_HEADING);
}

/* ---- the builder ------------------------------------------------------- */

#define IGNORED UINT32_MAX

typedef struct builder {
    kh_hdom *dom;
    uint32_t *stack; /* open elements: node index or IGNORED            */
    size_t depth, cap;
    uint32_t *last_child; /* per node, during the build                  */
    size_t last_cap;
    size_t tree_depth;   /* open elements that are real nodes           */
    size_t skip_depth;   /* > 0 inside an element whose text we drop      */
    int in_ldjson;       /* inside <script type=application/ld+json>    */
} builder;

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    *cap = c;
    return kh_realloc(p, c * elem);
}

/* the innermost open element that is a real node (the root at worst) */
static uint32_t current_parent(const builder *b)
{
    for (size_t k = b->depth; k > 0; k--)
        if (b->stack[k - 1] != IGNORED)
            return b->stack[k - 1];
    return 0;
}

static uint32_t new_node(builder *b, uint8_t kind, uint16_t tag)
{
    kh_hdom *d = b->dom;
    d->nodes = grow(d->nodes, &d->cap_nodes, d->n_nodes + 1, sizeof *d->nodes);
    b->last_child = grow(b->last_child, &b->last_cap, d->n_nodes + 1,
                         sizeof *b->last_child);
    uint32_t i = (uint32_t)d->n_nodes++;
    uint32_t parent = i ? current_parent(b) : 0;
    kh_hnode *n = &d->nodes[i];
    memset(n, 0, sizeof *n);
    n->parent = parent;
    n->kind = kind;
    n->tag = tag;
    n->end = i + 1;
    b->last_child[i] = 0;
    if (i != 0) {
        uint32_t prev = b->last_child[parent];
        if (prev)
            d->nodes[prev].next = i;
        else
            d->nodes[parent].first_child = i;
        b->last_child[parent] = i;
    }
    return i;
}

static void push(builder *b, uint32_t v)
{
    b->stack = grow(b->stack, &b->cap, b->depth + 1, sizeof *b->stack);
    b->stack[b->depth++] = v;
}

static uint32_t store_value(kh_hdom *d, const char *v, size_t n)
{
    if (n > KH_HDOM_MAX_ATTR)
        n = KH_HDOM_MAX_ATTR;
    d->vals = grow(d->vals, &d->vals_cap, d->vals_len + n + 1, 1);
    uint32_t off = (uint32_t)d->vals_len;
    memcpy(d->vals + off, v, n);
    d->vals[off + n] = '\0';
    d->vals_len += n + 1;
    return off;
}

static void add_attr(kh_hdom *d, uint32_t name, const char *v)
{
    size_t n = v ? strlen(v) : 0;
    d->attrs = grow(d->attrs, &d->cap_attrs, d->n_attrs + 1, sizeof *d->attrs);
    kh_hattr_rec *r = &d->attrs[d->n_attrs++];
    r->name = name;
    r->off = store_value(d, v ? v : "", n);
    r->len = (uint32_t)(n > KH_HDOM_MAX_ATTR ? KH_HDOM_MAX_ATTR : n);
}

static int ascii_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return 0;
    }
    return *a == *b;
}

/* style="display: none" or "visibility:hidden": read the declarations
 * one by one (a CSS value, not markup). */
static int style_hides(const char *s)
{
    while (*s) {
        while (*s == ' ' || *s == ';' || *s == '\t' || *s == '\n')
            s++;
        const char *prop = s;
        while (*s && *s != ':' && *s != ';')
            s++;
        size_t plen = (size_t)(s - prop);
        while (plen && (prop[plen - 1] == ' ' || prop[plen - 1] == '\t'))
            plen--;
        if (*s != ':')
            continue;
        s++;
        while (*s == ' ' || *s == '\t')
            s++;
        const char *val = s;
        while (*s && *s != ';')
            s++;
        size_t vlen = (size_t)(s - val);
        while (vlen && (val[vlen - 1] == ' ' || val[vlen - 1] == '\t'))
            vlen--;
        if (plen == 7 && strncasecmp(prop, "display", 7) == 0 && vlen >= 4 &&
            strncasecmp(val, "none", 4) == 0)
            return 1;
        if (plen == 10 && strncasecmp(prop, "visibility", 10) == 0 &&
            vlen >= 6 && strncasecmp(val, "hidden", 6) == 0)
            return 1;
    }
    return 0;
}

/* Class names that hide an element in every stylesheet that uses them
 * (utility classes of the common CSS frameworks, screen-reader text). */
static int class_hides(const char *v)
{
    static const char *const names[] = {
        "hidden", "hide", "d-none", "sr-only", "visually-hidden",
        "visuallyhidden", "screen-reader-text", "screen-reader-only",
        "invisible", "is-hidden", "u-hidden", "display-none",
        "element-invisible", "offscreen", NULL};
    const char *s = v;
    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        const char *w = s;
        while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            s++;
        size_t n = (size_t)(s - w);
        for (size_t k = 0; n && names[k]; k++)
            if (strlen(names[k]) == n && strncasecmp(w, names[k], n) == 0)
                return 1;
    }
    return 0;
}

static void sax_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    builder *b = ctx;
    kh_hdom *d = b->dom;
    const char *nm = (const char *)name;
    if (b->skip_depth > 0 || b->tree_depth >= KH_HDOM_MAX_DEPTH) {
        if (b->skip_depth > 0)
            b->skip_depth++;
        else
            d->truncated_depth++;
        push(b, IGNORED);
        return;
    }
    int t = lookup(tag_names, N_TAGS, nm);
    kh_htag tag = t < 0 ? HT_OTHER : (kh_htag)t;
    uint32_t i = new_node(b, KH_HNODE_ELEMENT, (uint16_t)tag);
    kh_hnode *n = &d->nodes[i];
    n->off = (uint32_t)d->n_attrs;
    int is_ldjson = 0;
    if (tag == HT_OTHER) {
        add_attr(d, HA_TAGNAME, nm);
    }
    for (size_t k = 0; atts && atts[k]; k += 2) {
        const char *an = (const char *)atts[k];
        const char *av = (const char *)atts[k + 1];
        int a = lookup(attr_names, N_ATTRS, an);
        if (a < 0)
            continue;
        add_attr(d, (uint32_t)a, av);
        if (a == HA_HIDDEN)
            n->flags |= KH_HF_HIDDEN;
        else if (a == HA_ARIA_HIDDEN && av && ascii_ieq(av, "true"))
            n->flags |= KH_HF_HIDDEN;
        else if (a == HA_STYLE && av && style_hides(av))
            n->flags |= KH_HF_HIDDEN;
        else if (a == HA_CLASS && av && class_hides(av))
            n->flags |= KH_HF_HIDDEN;
        else if (a == HA_TYPE && tag == HT_SCRIPT && av &&
                 ascii_ieq(av, "application/ld+json"))
            is_ldjson = 1;
    }
    n->len = (uint32_t)(d->n_attrs - n->off);
    if (n->len)
        n->flags |= KH_HF_HAS_ATTR;
    push(b, i);
    b->tree_depth++;
    if (b->tree_depth > d->max_depth_seen)
        d->max_depth_seen = (uint32_t)b->tree_depth;
    if (tag_class[tag] & TC_SKIP) {
        b->skip_depth = 1;
        b->in_ldjson = is_ldjson;
    }
}

static void sax_end(void *ctx, const xmlChar *name)
{
    builder *b = ctx;
    (void)name;
    if (b->depth == 0)
        return; /* defensive: libxml2 balances start and end events */
    uint32_t top = b->stack[--b->depth];
    if (b->skip_depth > 0) {
        b->skip_depth--;
        if (b->skip_depth == 0) {
            if (b->in_ldjson) {
                kh_hdom *d = b->dom;
                d->ldjson = grow(d->ldjson, &d->ldjson_cap,
                                 d->ldjson_len + 1, 1);
                d->ldjson[d->ldjson_len++] = '\0';
                d->n_ldjson++;
            }
            b->in_ldjson = 0;
        }
    }
    if (top != IGNORED)
        b->tree_depth--;
}

static void sax_text(void *ctx, const xmlChar *ch, int len)
{
    builder *b = ctx;
    kh_hdom *d = b->dom;
    if (len <= 0)
        return;
    if (b->skip_depth > 0) {
        /* only the text directly inside an ld+json script is kept */
        if (b->in_ldjson && b->skip_depth == 1) {
            d->ldjson = grow(d->ldjson, &d->ldjson_cap,
                             d->ldjson_len + (size_t)len + 1, 1);
            memcpy(d->ldjson + d->ldjson_len, ch, (size_t)len);
            d->ldjson_len += (size_t)len;
        }
        return;
    }
    uint32_t parent = current_parent(b);
    uint32_t last = b->last_child[parent];
    d->text = grow(d->text, &d->text_cap, d->text_len + (size_t)len + 1, 1);
    if (last && d->nodes[last].kind == KH_HNODE_TEXT &&
        d->nodes[last].off + d->nodes[last].len == d->text_len) {
        d->nodes[last].len += (uint32_t)len;
    } else {
        uint32_t i = new_node(b, KH_HNODE_TEXT, HT_OTHER);
        d->nodes[i].off = (uint32_t)d->text_len;
        d->nodes[i].len = (uint32_t)len;
    }
    memcpy(d->text + d->text_len, ch, (size_t)len);
    d->text_len += (size_t)len;
    d->text[d->text_len] = '\0';
}

static void sax_quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void kh_hdom_parse(kh_hdom *dom, const char *html, size_t len)
{
    init_tag_tables();
    memset(dom, 0, sizeof *dom);
    builder b = {0};
    b.dom = dom;
    new_node(&b, KH_HNODE_ELEMENT, HT_OTHER); /* the document root */
    /* libxml2 takes an int length; pages over 2 GiB are cut (the reader's
     * record limit keeps them far smaller). */
    int n = len > 0x7fffffff ? 0x7fffffff : (int)len;
    if (n > 0) {
        htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(html, n);
        if (ctxt) {
            htmlSAXHandler *sax = xmlMalloc(sizeof *sax);
            if (sax) {
                memset(sax, 0, sizeof *sax);
                sax->startElement = sax_start;
                sax->endElement = sax_end;
                sax->characters = sax_text;
                sax->ignorableWhitespace = sax_text;
                sax->cdataBlock = sax_text;
                sax->warning = sax_quiet;
                sax->error = sax_quiet;
                sax->fatalError = sax_quiet;
                xmlFree(ctxt->sax);
                ctxt->sax = sax;
                ctxt->userData = &b;
                /* The bytes are UTF-8 already (the reader converted
                 * them): a <meta charset> must not switch decoders. */
                htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER |
                                             HTML_PARSE_NOERROR |
                                             HTML_PARSE_NOWARNING |
                                             HTML_PARSE_NONET |
                                             HTML_PARSE_IGNORE_ENC);
                xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
                htmlParseDocument(ctxt);
            }
            if (ctxt->myDoc)
                xmlFreeDoc(ctxt->myDoc);
            htmlFreeParserCtxt(ctxt);
        }
    }
    /* subtree ends: children come after parents, so one backward pass */
    for (size_t i = dom->n_nodes; i-- > 1;) {
        kh_hnode *nd = &dom->nodes[i];
        if (dom->nodes[nd->parent].end < nd->end)
            dom->nodes[nd->parent].end = nd->end;
    }
    if (b.in_ldjson && dom->ldjson_len) { /* an unclosed script at EOF */
        dom->ldjson = grow(dom->ldjson, &dom->ldjson_cap,
                           dom->ldjson_len + 1, 1);
        dom->ldjson[dom->ldjson_len++] = '\0';
        dom->n_ldjson++;
    }
    free(b.stack);
    free(b.last_child);
}

void kh_hdom_free(kh_hdom *dom)
{
    if (!dom)
        return;
    free(dom->nodes);
    free(dom->attrs);
    free(dom->text);
    free(dom->vals);
    free(dom->ldjson);
    memset(dom, 0, sizeof *dom);
}

const char *kh_hdom_attr(const kh_hdom *dom, uint32_t i, kh_hattr a)
{
    assert(i < dom->n_nodes);
    const kh_hnode *n = &dom->nodes[i];
    if (n->kind != KH_HNODE_ELEMENT)
        return NULL;
    for (uint32_t k = 0; k < n->len; k++) {
        const kh_hattr_rec *r = &dom->attrs[n->off + k];
        if (r->name == (uint32_t)a)
            return dom->vals + r->off;
    }
    return NULL;
}
