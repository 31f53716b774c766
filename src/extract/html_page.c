/*
 * html_page.c - cut a parsed page into text blocks and measure each one:
 * characters, link characters, words, stopwords per language, punctuation.
 * One forward pass over the nodes (parents come before children, so each
 * node inherits its context from an already finished parent).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "common/map.h"
#include "common/utf8.h"
#include "extract/html_page.h"
#include "khabar.h"

/* ---- text normalisation ------------------------------------------------ */

/* Code points shown as (or standing for) white space. */
static int is_space_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
           c == 0x3000 || c == 0x1680;
}

/* Invisible code points dropped from text (zero width, BOM, soft hyphen). */
static int is_invisible_cp(uint32_t c)
{
    return c == 0x200B || c == 0xFEFF || c == 0xAD || c == 0x2060;
}

size_t kh_htext_collapse(kh_buf *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t chars = 0, i = 0;
    int pending = 0;
    kh_buf_reserve(out, n + 1);
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
                c == '\f' || c == '\v') {
                pending = 1;
                i++;
                continue;
            }
            if (pending && out->len && out->data[out->len - 1] != ' ')
                out->data[out->len++] = ' ';
            pending = 0;
            out->data[out->len++] = (char)c;
            chars++;
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = kh_utf8_decode(p + i, n - i, &cp, NULL);
        if (is_space_cp(cp)) {
            pending = 1;
        } else if (!is_invisible_cp(cp)) {
            if (pending && out->len && out->data[out->len - 1] != ' ')
                out->data[out->len++] = ' ';
            pending = 0;
            memcpy(out->data + out->len, p + i, k);
            out->len += k;
            chars++;
        }
        i += k;
    }
    if (pending && out->len && out->data[out->len - 1] != ' ')
        kh_buf_putc(out, ' ');
    out->data[out->len] = '\0';
    return chars;
}

void kh_htext_node(const kh_hdom *dom, uint32_t i, kh_buf *out)
{
    kh_buf_reset(out);
    uint32_t end = dom->nodes[i].end;
    for (uint32_t k = i; k < end; k++) {
        const kh_hnode *n = &dom->nodes[k];
        if (n->kind == KH_HNODE_TEXT)
            kh_htext_collapse(out, dom->text + n->off, n->len);
        else if (k != i && kh_htag_is_block((kh_htag)n->tag) && out->len &&
                 out->data[out->len - 1] != ' ')
            kh_buf_putc(out, ' ');
    }
    while (out->len && out->data[out->len - 1] == ' ')
        out->data[--out->len] = '\0';
}

/* ---- words --------------------------------------------------------------- */

static int is_arabic_letter(uint32_t c)
{
    return (c >= 0x0621 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) ||
           (c >= 0x06FA && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
           (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC);
}

/* Letters and digits make words; the rest (punctuation of any script,
 * symbols, Arabic tatweel and diacritics excepted) separates them. */
static int is_word_cp(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9');
    if (c < 0xC0)
        return c == 0xAA || c == 0xB5 || c == 0xBA;
    if (c == 0xD7 || c == 0xF7)
        return 0;
    if (c >= 0x2000 && c <= 0x2BFF)
        return 0; /* punctuation, symbols, arrows */
    if (c == 0x060C || c == 0x061B || c == 0x061F || c == 0x06D4 ||
        (c >= 0x066A && c <= 0x066D) || c == 0x060D)
        return 0;
    if (c >= 0x3000 && c <= 0x303F)
        return 0;
    if (c >= 0xFE10 && c <= 0xFE6F)
        return 0;
    if (c >= 0xFF00 && c <= 0xFF0F)
        return 0;
    return 1;
}

static int is_punct_cp(uint32_t c)
{
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
           c == '?' || c == 0x060C || c == 0x061B || c == 0x061F ||
           c == 0x06D4 || c == 0x3002 || c == 0xFF0C || c == 0x2026;
}

/* Lower-case a code point of the scripts our stopword lists use. */
static uint32_t lower_cp(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c >= 0x0410 && c <= 0x042F)
        return c + 32;
    if (c >= 0x0400 && c <= 0x040F)
        return c + 80;
    if (c == 0x0141)
        return 0x0142; /* Ł */
    if (c == 0x015A || c == 0x0179 || c == 0x017B || c == 0x0106 ||
        c == 0x0118 || c == 0x0104 || c == 0x0143)
        return c + 1; /* Polish capitals with a lower case next door */
    return c;
}

typedef struct word_stats {
    uint32_t words, punct;
    uint32_t stop[HL_COUNT];
    uint32_t arabic, latin;
} word_stats;

static void count_words(const char *s, size_t n, word_stats *ws)
{
    const unsigned char *p = (const unsigned char *)s;
    char w[48];
    size_t wn = 0, i = 0;
    int in_word = 0, too_long = 0;
    while (i <= n) {
        uint32_t c = 0;
        size_t k = 1;
        if (i < n) {
            if (p[i] < 0x80)
                c = p[i];
            else
                k = kh_utf8_decode(p + i, n - i, &c, NULL);
        }
        int word_cp = i < n && is_word_cp(c);
        /* Arabic diacritics and tatweel join a word, they never split it */
        if (i < n && ((c >= 0x064B && c <= 0x065F) || c == 0x0640 ||
                      c == 0x0670)) {
            i += k;
            continue;
        }
        if (word_cp) {
            if (!in_word) {
                in_word = 1;
                wn = 0;
                too_long = 0;
            }
            if (is_arabic_letter(c))
                ws->arabic++;
            else if (c < 0x250 && c > '9')
                ws->latin++;
            char enc[4];
            size_t el = kh_utf8_encode(lower_cp(c), enc);
            if (wn + el < sizeof w) {
                memcpy(w + wn, enc, el);
                wn += el;
            } else {
                too_long = 1;
            }
        } else {
            if (in_word) {
                ws->words++;
                if (!too_long && wn <= 24) {
                    unsigned langs = kh_html_stopword(w, wn);
                    for (int l = 1; langs && l < HL_COUNT; l++)
                        if (langs & (1u << l))
                            ws->stop[l]++;
                }
                in_word = 0;
            }
            if (i < n && is_punct_cp(c))
                ws->punct++;
        }
        i += k;
    }
}

/* ---- blocks -------------------------------------------------------------- */

static uint16_t clamp16(uint32_t v)
{
    return v > 65535 ? 65535 : (uint16_t)v;
}

typedef struct open_block {
    int open;
    uint32_t owner, first;
    size_t start;   /* offset of its text in pg->text */
    uint32_t chars, link_chars, links;
    uint32_t last_link_node;
    int pending_space;
} open_block;

static kh_hbkind kind_of(const kh_hpage *pg, uint32_t owner, uint8_t *level)
{
    kh_htag t = (kh_htag)pg->dom.nodes[owner].tag;
    *level = 0;
    if (pg->nflags[owner] & KH_HN_CAPTION)
        return KH_BK_CAPTION;
    switch (t) {
    case HT_P:
        return KH_BK_P;
    case HT_H1: case HT_H2: case HT_H3: case HT_H4: case HT_H5: case HT_H6:
        *level = (uint8_t)(t - HT_H1 + 1);
        return KH_BK_HEADING;
    case HT_LI: case HT_DD: case HT_DT:
        return KH_BK_LI;
    case HT_TD: case HT_TH:
        return KH_BK_CELL;
    case HT_PRE:
        return KH_BK_PRE;
    case HT_FIGCAPTION: case HT_CAPTION:
        return KH_BK_CAPTION;
    default:
        return KH_BK_TEXT;
    }
}

static void close_block(kh_hpage *pg, open_block *ob, word_stats *page_ws)
{
    if (!ob->open)
        return;
    ob->open = 0;
    /* trim the trailing space */
    while (pg->text_len > ob->start && pg->text[pg->text_len - 1] == ' ')
        pg->text_len--;
    if (ob->chars == 0) {
        pg->text_len = ob->start;
        return;
    }
    pg->text[pg->text_len++] = '\0';
    if (pg->n_blocks == pg->cap_blocks) {
        pg->cap_blocks = pg->cap_blocks ? 2 * pg->cap_blocks : 256;
        pg->blocks = kh_realloc(pg->blocks, pg->cap_blocks * sizeof *pg->blocks);
    }
    kh_hblock *b = &pg->blocks[pg->n_blocks++];
    memset(b, 0, sizeof *b);
    b->owner = ob->owner;
    b->first = ob->first;
    b->off = (uint32_t)ob->start;
    b->len = (uint32_t)(pg->text_len - 1 - ob->start);
    b->nchars = ob->chars;
    b->nlink = ob->link_chars;
    b->nlinks = clamp16(ob->links);
    b->kind = (uint8_t)kind_of(pg, ob->owner, &b->level);
    b->in_quote = (pg->nflags[ob->owner] & KH_HN_QUOTE) != 0;
    word_stats ws;
    memset(&ws, 0, sizeof ws);
    count_words(pg->text + b->off, b->len, &ws);
    b->nwords = clamp16(ws.words);
    b->npunct = clamp16(ws.punct);
    /* nstop is filled once the page's language is known; keep the counts
     * per language in the page totals meanwhile */
    for (int l = 1; l < HL_COUNT; l++)
        page_ws->stop[l] += ws.stop[l];
    page_ws->arabic += ws.arabic;
    page_ws->latin += ws.latin;
    page_ws->words += ws.words;
}

static void append_text(kh_hpage *pg, open_block *ob, const char *s,
                        size_t n, int in_link, uint32_t node)
{
    if (pg->text_len + n + 2 > pg->text_cap) {
        size_t c = pg->text_cap ? pg->text_cap : 4096;
        while (c < pg->text_len + n + 2)
            c *= 2;
        pg->text = kh_realloc(pg->text, c);
        pg->text_cap = c;
    }
    kh_buf tmp = {pg->text, pg->text_len, pg->text_cap};
    /* a space between two pieces when the source had one */
    if (ob->pending_space && tmp.len > ob->start &&
        tmp.data[tmp.len - 1] != ' ') {
        tmp.data[tmp.len++] = ' ';
        tmp.data[tmp.len] = '\0';
    }
    ob->pending_space = 0;
    size_t before = tmp.len;
    size_t chars = kh_htext_collapse(&tmp, s, n);
    /* collapse drops a leading space only when the buffer is empty: do it
     * at the start of a block too */
    if (before == ob->start && tmp.len > before && tmp.data[before] == ' ') {
        memmove(tmp.data + before, tmp.data + before + 1, tmp.len - before);
        tmp.len--;
    }
    pg->text = tmp.data;
    pg->text_len = tmp.len;
    pg->text_cap = tmp.cap;
    ob->chars += (uint32_t)chars;
    if (in_link && chars) {
        ob->link_chars += (uint32_t)chars;
        if (ob->last_link_node != node) {
            ob->links++;
            ob->last_link_node = node;
        }
    }
}

/* The nearest <a> around a text node, to count distinct links. */
static uint32_t link_of(const kh_hdom *d, uint32_t i)
{
    for (uint32_t k = d->nodes[i].parent; k != 0; k = d->nodes[k].parent)
        if (d->nodes[k].tag == HT_A)
            return k;
    return 0;
}

static kh_hint element_hint(const kh_hdom *d, uint32_t i, kh_map *cache);

void kh_hpage_build(kh_hpage *pg, const char *html, size_t len)
{
    memset(pg, 0, sizeof *pg);
    kh_hdom_parse(&pg->dom, html, len);
    kh_hdom *d = &pg->dom;
    size_t n = d->n_nodes;
    pg->owner = kh_malloc(n * sizeof *pg->owner);
    pg->nflags = kh_malloc(n);
    pg->hint = kh_calloc(n, sizeof *pg->hint);
    pg->owner[0] = 0;
    pg->nflags[0] = 0;
    kh_map cache = KH_MAP_INIT;
    open_block ob;
    memset(&ob, 0, sizeof ob);
    word_stats page_ws;
    memset(&page_ws, 0, sizeof page_ws);
    for (uint32_t i = 1; i < n; i++) {
        const kh_hnode *nd = &d->nodes[i];
        uint32_t p = nd->parent;
        uint8_t fl = pg->nflags[p];
        if (nd->kind == KH_HNODE_ELEMENT) {
            kh_htag t = (kh_htag)nd->tag;
            if ((nd->flags & KH_HF_HIDDEN) || kh_htag_is_skipped(t))
                fl |= KH_HN_HIDDEN;
            if (t == HT_A)
                fl |= KH_HN_LINK;
            else if (t == HT_BLOCKQUOTE)
                fl |= KH_HN_QUOTE;
            else if (t == HT_FIGCAPTION || t == HT_CAPTION)
                fl |= KH_HN_CAPTION;
            pg->nflags[i] = fl;
            pg->owner[i] = kh_htag_is_block(t) ? i : pg->owner[p];
            if (nd->flags & KH_HF_HAS_ATTR || t == HT_NAV || t == HT_ASIDE ||
                t == HT_FOOTER || t == HT_HEADER || t == HT_FORM ||
                t == HT_ARTICLE || t == HT_MAIN || t == HT_MARQUEE ||
                t == HT_FIGCAPTION || t == HT_ADDRESS || t == HT_TIME ||
                t == HT_MENU || t == HT_LABEL)
                pg->hint[i] = element_hint(d, i, &cache);
            if (kh_htag_is_block(t))
                close_block(pg, &ob, &page_ws);
            continue;
        }
        pg->nflags[i] = fl;
        pg->owner[i] = pg->owner[p];
        if (fl & KH_HN_HIDDEN)
            continue;
        const char *s = d->text + nd->off;
        size_t sl = nd->len;
        /* white space alone only separates words */
        size_t k = 0;
        while (k < sl && (s[k] == ' ' || s[k] == '\n' || s[k] == '\t' ||
                          s[k] == '\r' || s[k] == '\f'))
            k++;
        if (k == sl) {
            if (ob.open)
                ob.pending_space = 1;
            continue;
        }
        if (ob.open && ob.owner != pg->owner[i])
            close_block(pg, &ob, &page_ws);
        if (!ob.open) {
            memset(&ob, 0, sizeof ob);
            ob.open = 1;
            ob.owner = pg->owner[i];
            ob.first = i;
            ob.start = pg->text_len;
        }
        int in_link = (fl & KH_HN_LINK) != 0;
        append_text(pg, &ob, s, sl, in_link, in_link ? link_of(d, i) : 0);
    }
    close_block(pg, &ob, &page_ws);
    kh_map_free(&cache);

    /* the page's language decides which stopwords count */
    int best = 0;
    for (int l = 1; l < HL_COUNT; l++) {
        pg->lang_votes[l] = page_ws.stop[l];
        if (!best || page_ws.stop[l] > page_ws.stop[best])
            best = l;
    }
    pg->arabic_letters = page_ws.arabic;
    pg->latin_letters = page_ws.latin;
    if (page_ws.arabic > page_ws.latin)
        best = HL_AR;
    uint64_t words = 0, stops = 0;
    for (size_t b = 0; b < pg->n_blocks; b++) {
        kh_hblock *bl = &pg->blocks[b];
        word_stats ws;
        memset(&ws, 0, sizeof ws);
        count_words(pg->text + bl->off, bl->len, &ws);
        bl->nstop = clamp16(best ? ws.stop[best] : 0);
        pg->total_chars += bl->nchars;
        if (bl->nwords >= 10 && bl->nlink * 4 < bl->nchars) {
            words += bl->nwords;
            stops += bl->nstop;
        }
    }
    pg->stop_density = words ? (double)stops / (double)words : 0.0;
}

void kh_hpage_free(kh_hpage *pg)
{
    if (!pg)
        return;
    kh_hdom_free(&pg->dom);
    free(pg->blocks);
    free(pg->text);
    free(pg->owner);
    free(pg->nflags);
    free(pg->hint);
    memset(pg, 0, sizeof *pg);
}

size_t kh_hpage_first_block(const kh_hpage *pg, uint32_t node)
{
    size_t lo = 0, hi = pg->n_blocks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pg->blocks[mid].first < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const char *kh_hpage_lang(const kh_hpage *pg)
{
    if (pg->arabic_letters > 50 && pg->arabic_letters > pg->latin_letters)
        return "ar";
    int best = 0;
    unsigned total = 0;
    for (int l = 1; l < HL_COUNT; l++) {
        total += pg->lang_votes[l];
        if (!best || pg->lang_votes[l] > pg->lang_votes[best])
            best = l;
    }
    /* words like "a", "de", "in" are stopwords of several languages: ask
     * for a clear lead before naming one */
    if (best && pg->lang_votes[best] >= 20 &&
        pg->lang_votes[best] * 10 >= total * 4)
        return kh_hlang_code((kh_hlang)best);
    return NULL;
}

/* ---- the element's own verdict ------------------------------------------- */

static void take(kh_hint *h, kh_hint o)
{
    if (o.pos > h->pos)
        h->pos = o.pos;
    if (o.neg > h->neg) {
        h->neg = o.neg;
        h->reason = o.reason;
    }
}

static kh_hint cached_attr_hint(const char *v, kh_map *cache)
{
    uint64_t key = kh_hash64(v, strlen(v), 7);
    int created;
    uint64_t *slot = kh_map_put(cache, key, &created);
    if (!created) {
        kh_hint h = {(signed char)(*slot & 0xFF),
                     (signed char)((*slot >> 8) & 0xFF),
                     (unsigned char)((*slot >> 16) & 0xFF)};
        return h;
    }
    kh_hint h = kh_html_attr_hint(v);
    *slot = (uint64_t)(unsigned char)h.pos |
            ((uint64_t)(unsigned char)h.neg << 8) |
            ((uint64_t)h.reason << 16);
    return h;
}

/* What an element's tag, class, id, role and itemprop say about it. */
static kh_hint element_hint(const kh_hdom *d, uint32_t i, kh_map *cache)
{
    kh_hint h = {0, 0, 0};
    kh_htag t = (kh_htag)d->nodes[i].tag;
    switch (t) {
    case HT_BODY: case HT_HTML:
        return h; /* page-type classes ("single comments-open") */
    case HT_NAV: case HT_MENU:
        h.neg = 3; h.reason = HR_NAVIGATION; break;
    case HT_ASIDE:
        h.neg = 2; h.reason = HR_SIDEBAR; break;
    case HT_FOOTER:
        h.neg = 2; h.reason = HR_FOOTER; break;
    case HT_HEADER:
        h.neg = 1; h.reason = HR_HEADER; break;
    case HT_FORM:
        h.neg = 2; h.reason = HR_FORM; break;
    case HT_MARQUEE:
        h.neg = 3; h.reason = HR_TICKER; break;
    case HT_FIGCAPTION:
        h.neg = 2; h.reason = HR_CAPTION; break;
    case HT_ADDRESS: case HT_TIME:
        h.neg = 1; h.reason = HR_META; break;
    case HT_LABEL:
        h.neg = 1; h.reason = HR_FORM; break;
    case HT_ARTICLE:
        h.pos = 2; break;
    case HT_MAIN:
        h.pos = 1; break;
    default:
        break;
    }
    if (!(d->nodes[i].flags & KH_HF_HAS_ATTR))
        return h;
    const kh_hnode *nd = &d->nodes[i];
    for (uint32_t k = 0; k < nd->len; k++) {
        const kh_hattr_rec *r = &d->attrs[nd->off + k];
        const char *v = d->vals + r->off;
        switch (r->name) {
        case HA_CLASS: case HA_ID: case HA_TAGNAME:
            take(&h, cached_attr_hint(v, cache));
            break;
        case HA_ROLE: {
            static const struct { const char *role; signed char pos, neg;
                                  unsigned char reason; } roles[] = {
                {"navigation", 0, 3, HR_NAVIGATION},
                {"menu", 0, 3, HR_NAVIGATION},
                {"menubar", 0, 3, HR_NAVIGATION},
                {"banner", 0, 2, HR_HEADER},
                {"contentinfo", 0, 3, HR_FOOTER},
                {"complementary", 0, 2, HR_SIDEBAR},
                {"search", 0, 3, HR_FORM},
                {"dialog", 0, 2, HR_WIDGET},
                {"alertdialog", 0, 3, HR_WIDGET},
                {"toolbar", 0, 3, HR_SHARE},
                {"main", 2, 0, 0},
                {"article", 2, 0, 0},
            };
            for (size_t j = 0; j < sizeof roles / sizeof *roles; j++)
                if (strcmp(v, roles[j].role) == 0) {
                    kh_hint o = {roles[j].pos, roles[j].neg, roles[j].reason};
                    take(&h, o);
                }
            break;
        }
        case HA_ITEMPROP:
            if (strstr(v, "articleBody") || strstr(v, "reviewBody") ||
                strstr(v, "text")) {
                kh_hint o = {3, 0, 0};
                take(&h, o);
            } else if (strstr(v, "comment")) {
                kh_hint o = {0, 3, HR_COMMENTS};
                take(&h, o);
            }
            break;
        case HA_ITEMTYPE:
            if (strstr(v, "Comment")) {
                kh_hint o = {0, 3, HR_COMMENTS};
                take(&h, o);
            }
            break;
        default:
            break;
        }
    }
    return h;
}
