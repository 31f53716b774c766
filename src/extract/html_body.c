/*
 * html_body.c - the scoring model that tells an article's body from the
 * page around it, and the choice of the blocks to keep.
 *
 * Design note: one model, three steps.
 *
 * 1. Structural context.  Every element gets a verdict from its tag (nav,
 *    aside, footer, form, figcaption...), its class, id, role and itemprop
 *    words (html_words.c: "sidebar", "related", "share", "e3lan",
 *    "articleBody", "entry-content"...) and from being one of three or
 *    more look-alike siblings that open with a link or an image link (a
 *    list of teasers: "more news" feeds, related cards).  A block inherits
 *    the strongest boilerplate verdict and the strongest article verdict
 *    of its ancestors.  A boilerplate verdict is ignored on an element
 *    that holds a strong article marker (an articleBody inside a div
 *    called "content-with-sidebar") or more than half of the page's prose
 *    (a layout wrapper cannot be a sidebar of itself) - comments excepted,
 *    which may well outgrow the article; and a header inside an article
 *    (its headline, byline and lead) is only a weak verdict.
 *
 * 2. Contentness of each block, q in [-1, 1]: the sum of
 *      length      up to +0.5 on a log scale above 40 characters (a short
 *                  line is no evidence either way),
 *      prose       +-0.3 from the block's stopword density relative to
 *                  the page's (running text is full of "the", "في", "der";
 *                  menus and labels are not), and +-0.1 for punctuation,
 *      links       down to -1.2 as the share of link text goes from 30%
 *                  to 100% (-0.4 inside a quote: embedded posts),
 *      structure   -0.3/-0.8/-1.5 for weak/likely/certain boilerplate
 *                  context, +0.1/+0.2/+0.4 for article context,
 *      JSON-LD     when the page states its articleBody, blocks found in
 *                  it count as article text and long blocks missing from
 *                  it lose 0.5.
 *
 * 3. Choice.  Each block weighs q times its length (a quarter of that for
 *    negative blocks whose boilerplate verdict is 2 or more: they will be
 *    cut anyway, and must not stop the article's other paragraphs from
 *    being taken along); the container is the element whose subtree has
 *    the largest total weight (the maximum subtree sum).  Inside it,
 *    blocks with q >= 0.2 and some length of their own are kept; blocks
 *    under a verdict of 2 or more, link lists and q < -0.25 are dropped;
 *    the rest (subheadings, short lines) follow their neighbours: kept
 *    between kept blocks, a heading kept when article text follows it, a
 *    short line right before a dropped related/share/comments section
 *    dropped as that section's title.  Everything outside the container
 *    is dropped.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/map.h"
#include "extract/html_body.h"
#include "khabar.h"

/* ---- step 1: structural context ---------------------------------------- */

typedef struct ctx {
    signed char neg, pos;
    unsigned char reason;
} ctx;

/* The element's own verdict, positive and negative words weighed against
 * each other: "post-content" is article, "comment-content" is not. */
static kh_hint settle(kh_hint h)
{
    /* "article-header", "entry-header": the article's own header (title,
     * byline, lead) */
    if (h.reason == HR_HEADER && h.pos >= 2 && h.neg > 1)
        h.neg = 1;
    if (h.pos >= 3 && h.neg <= 2)
        h.neg = 0;
    else if (h.neg > 0 && h.neg >= h.pos)
        h.pos = 0;
    else if (h.pos > h.neg)
        h.neg = 0;
    return h;
}

/* Lists of teasers: three or more sibling elements with the same tag and
 * class, most of which are short (under 1,000 characters) and hold a link
 * of 10 characters or more among their first three blocks (a headline
 * that links elsewhere).  Those members get a boilerplate verdict of
 * strength 2; a long member (the article itself, shaped like its teasers)
 * keeps its own. */
#define TEASER_MAX_CHARS 1000

static int teaser_like(const kh_hpage *pg, uint32_t m, const uint64_t *chars)
{
    const kh_hnode *nm = &pg->dom.nodes[m];
    if (chars[m] == 0 || chars[m] > TEASER_MAX_CHARS)
        return 0;
    size_t b = kh_hpage_first_block(pg, m);
    /* a card: an image or overlay link before any text */
    uint32_t text_start = b < pg->n_blocks ? pg->blocks[b].first : nm->end;
    if (text_start > nm->end)
        text_start = nm->end;
    for (uint32_t i = m; i < text_start; i++)
        if (pg->dom.nodes[i].tag == HT_A &&
            pg->dom.nodes[i].kind == KH_HNODE_ELEMENT &&
            pg->dom.nodes[i].end <= text_start && /* a link without text */
            kh_hdom_attr(&pg->dom, i, HA_HREF))
            return 1;
    for (size_t k = 0; k < 3 && b + k < pg->n_blocks; k++) {
        const kh_hblock *bl = &pg->blocks[b + k];
        if (bl->first >= nm->end)
            break;
        if (bl->nchars >= 10 && bl->nlink * 10 >= bl->nchars * 6)
            return 1;
    }
    return 0;
}

static uint64_t signature(const kh_hdom *d, uint32_t c)
{
    const char *cls = kh_hdom_attr(d, c, HA_CLASS);
    return kh_hash64(cls ? cls : "", cls ? strlen(cls) : 0, d->nodes[c].tag);
}

static void mark_teaser_lists(kh_hpage *pg)
{
    kh_hdom *d = &pg->dom;
    size_t n = d->n_nodes;
    uint64_t *chars = kh_calloc(n, sizeof *chars);
    for (size_t b = 0; b < pg->n_blocks; b++)
        chars[pg->blocks[b].owner] += pg->blocks[b].nchars;
    for (size_t i = n; i-- > 1;)
        chars[d->nodes[i].parent] += chars[i];
    kh_map groups = KH_MAP_INIT; /* signature -> members << 32 | teasers */
    for (uint32_t e = 0; e < n; e++) {
        const kh_hnode *ne = &d->nodes[e];
        if (ne->kind != KH_HNODE_ELEMENT || !ne->first_child ||
            (pg->nflags[e] & KH_HN_HIDDEN) || chars[e] == 0)
            continue;
        kh_map_clear(&groups);
        size_t elements = 0;
        int any = 0;
        for (uint32_t c = ne->first_child; c; c = d->nodes[c].next) {
            if (d->nodes[c].kind != KH_HNODE_ELEMENT)
                continue;
            elements++;
            uint64_t *v = kh_map_put(&groups, signature(d, c), NULL);
            *v += ((uint64_t)1 << 32) + (uint64_t)teaser_like(pg, c, chars);
            uint64_t members = *v >> 32, teasers = *v & 0xFFFFFFFFu;
            if (members >= 3 && teasers >= 3)
                any = 1;
        }
        if (!any || elements < 3)
            continue;
        for (uint32_t c = ne->first_child; c; c = d->nodes[c].next) {
            if (d->nodes[c].kind != KH_HNODE_ELEMENT)
                continue;
            const uint64_t *v = kh_map_get(&groups, signature(d, c));
            uint64_t members = *v >> 32, teasers = *v & 0xFFFFFFFFu;
            if (teasers >= 3 && teasers * 10 >= members * 6 &&
                pg->hint[c].neg < 2 && teaser_like(pg, c, chars)) {
                pg->hint[c].neg = 2;
                pg->hint[c].reason = HR_TEASERS;
            }
        }
    }
    kh_map_free(&groups);
    free(chars);
}

/* Blocks that read as prose on their text alone (t from text_score). */
#define PROSE_T 0.3

static void compute_context(kh_hpage *pg, ctx *cx, const float *t)
{
    kh_hdom *d = &pg->dom;
    size_t n = d->n_nodes;
    /* prose per subtree and strong article markers per subtree */
    uint64_t *chars = kh_calloc(n, sizeof *chars);
    unsigned char *strong = kh_calloc(n, 1);
    uint64_t total = 0;
    for (size_t b = 0; b < pg->n_blocks; b++)
        if (t[b] >= PROSE_T) {
            chars[pg->blocks[b].owner] += pg->blocks[b].nchars;
            total += pg->blocks[b].nchars;
        }
    for (size_t i = n; i-- > 1;) {
        kh_hint h = settle(pg->hint[i]);
        /* a strong marker counts when it holds real prose: an
         * "entry-content" teaser inside a related box does not */
        if (h.pos >= 3 && chars[i] >= 200)
            strong[i] = 1;
        uint32_t p = d->nodes[i].parent;
        chars[p] += chars[i];
        strong[p] |= strong[i];
    }
    cx[0].neg = cx[0].pos = 0;
    cx[0].reason = 0;
    for (size_t i = 1; i < n; i++) {
        uint32_t p = d->nodes[i].parent;
        cx[i] = cx[p];
        if (d->nodes[i].kind != KH_HNODE_ELEMENT)
            continue;
        kh_hint h = settle(pg->hint[i]);
        /* an article's own header holds its headline, byline and often
         * its lead: only a weak verdict there */
        if (h.reason == HR_HEADER && h.neg > 1 && cx[p].pos >= 2)
            h.neg = 1;
        if (h.neg > 0) {
            int guarded = strong[i] ||
                          (h.reason != HR_COMMENTS && total > 0 &&
                           chars[i] * 2 > total);
            if (!guarded && h.neg >= cx[i].neg) {
                cx[i].neg = h.neg;
                cx[i].reason = h.reason;
            }
        }
        if (h.pos > cx[i].pos)
            cx[i].pos = h.pos;
    }
    free(chars);
    free(strong);
}

/* ---- step 2: contentness ------------------------------------------------ */

static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* Is the block's opening found in the JSON-LD articleBody? */
static int in_ld_body(const char *ld, const char *text, size_t len)
{
    size_t probe = len < 48 ? len : 48;
    /* cut at a UTF-8 character boundary */
    while (probe > 0 && probe < len &&
           ((unsigned char)text[probe] & 0xC0) == 0x80)
        probe--;
    if (probe < 12)
        return 0;
    char buf[64];
    memcpy(buf, text, probe);
    buf[probe] = '\0';
    return strstr(ld, buf) != NULL;
}

/* The text-only part of a block's contentness. */
static double text_score(const kh_hblock *bl, double page_sd)
{
    double L = bl->nchars;
    double ld_share = L > 0 ? bl->nlink / L : 0;
    double t = 0;
    if (bl->kind != KH_BK_HEADING) {
        t += 0.5 * clampd(log2(L / 40.0) / 2.0, 0, 1);
        if (bl->nwords >= 6 && page_sd > 0.02) {
            double rel = ((double)bl->nstop / bl->nwords) / page_sd;
            t += 0.3 * clampd((rel - 0.5) * 2.0, -1, 1);
        }
        if (L > 40)
            t += bl->npunct > 0 ? 0.1 : -0.1;
    }
    /* quoted posts (embedded tweets) are mostly links and handles, and
     * still part of the story */
    if (ld_share > 0.3)
        t -= (bl->in_quote ? 0.4 : 1.2) * (ld_share - 0.3) / 0.7;
    if (bl->kind == KH_BK_CAPTION)
        t -= 0.5;
    return t;
}

/* Does the stated articleBody describe the visible page?  Paywalled and
 * templated pages state a teaser, or another article: then the blocks it
 * would vouch for hold less than half of it, and it is not used. */
static int ld_matches_page(const kh_hpage *pg, const char *ld)
{
    size_t found = 0, need = strlen(ld) / 2;
    for (size_t b = 0; b < pg->n_blocks && found < need; b++) {
        const kh_hblock *bl = &pg->blocks[b];
        if (bl->nchars >= 30 &&
            in_ld_body(ld, kh_hpage_block_text(pg, b), bl->len))
            found += bl->len;
    }
    return found >= need;
}

static void score_blocks(kh_hpage *pg, const ctx *cx, const float *t,
                         const kh_hbody_hints *hints)
{
    static const double neg_weight[4] = {0.0, -0.3, -0.8, -1.5};
    static const double pos_weight[4] = {0.0, 0.1, 0.2, 0.4};
    const char *ld = hints ? hints->ld_body : NULL;
    if (ld && !ld_matches_page(pg, ld))
        ld = NULL;
    for (size_t b = 0; b < pg->n_blocks; b++) {
        kh_hblock *bl = &pg->blocks[b];
        const ctx *c = &cx[bl->owner];
        bl->neg = c->neg;
        bl->pos = c->pos;
        bl->neg_reason = c->reason;
        double h = c->neg > 0 ? neg_weight[c->neg > 3 ? 3 : c->neg]
                              : pos_weight[c->pos > 3 ? 3 : c->pos];
        double q = t[b] + h;
        if (ld && bl->nchars >= 30) {
            if (in_ld_body(ld, kh_hpage_block_text(pg, b), bl->len)) {
                q = q < 0.8 ? 0.8 : q;
                bl->neg = 0;
            } else if (bl->nchars >= 80) {
                q -= 0.5;
            }
        }
        bl->q = (float)clampd(q, -1, 1);
    }
}

/* ---- step 3: choice ----------------------------------------------------- */

/* Weight of self-named boilerplate in the container choice (step 3). */
#define SELF_NAMED_WEIGHT 0.25

static uint32_t pick_container(const kh_hpage *pg)
{
    const kh_hdom *d = &pg->dom;
    size_t n = d->n_nodes;
    double *sum = kh_calloc(n, sizeof *sum);
    for (size_t b = 0; b < pg->n_blocks; b++) {
        const kh_hblock *bl = &pg->blocks[b];
        double w = bl->nchars * (double)bl->q;
        /* boilerplate that names itself (comments, share bars: verdict 2
         * or more) is dropped inside the container anyway, so it weighs
         * little against taking the article's other paragraphs along */
        if (w < 0 && bl->neg >= 2)
            w *= SELF_NAMED_WEIGHT;

        sum[bl->owner] += w;
    }
    for (size_t i = n; i-- > 1;)
        sum[d->nodes[i].parent] += sum[i];
    /* the best subtree; among equal sums the innermost (later in order) */
    uint32_t best = 0;
    double best_sum = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (d->nodes[i].kind != KH_HNODE_ELEMENT)
            continue;
        if (sum[i] > best_sum ||
            (sum[i] == best_sum && best_sum > 0 && i < d->nodes[best].end)) {
            best = i;
            best_sum = sum[i];
        }
    }
    free(sum);
    return best;
}

enum { CLS_BAD = 0, CLS_NEUTRAL = 1, CLS_GOOD = 2 };

static int classify(const kh_hblock *bl)
{
    double ld_share = bl->nchars ? (double)bl->nlink / bl->nchars : 0;
    if (bl->neg >= 2)
        return CLS_BAD;
    if (ld_share >= 0.65 && !bl->in_quote)
        return CLS_BAD;
    if (bl->q < -0.25)
        return CLS_BAD;
    /* good needs text of its own: context alone lifts a short label
     * ("Related posts") to 0.2 but says nothing about the label */
    if (bl->q >= 0.2 && bl->kind != KH_BK_HEADING && bl->nchars > 40)
        return CLS_GOOD;
    return CLS_NEUTRAL;
}

static kh_hreason bad_reason(const kh_hblock *bl)
{
    if (bl->neg > 0 && bl->neg_reason)
        return (kh_hreason)bl->neg_reason;
    if (bl->nchars && bl->nlink * 2 >= bl->nchars)
        return HR_LINKS;
    return HR_SHORT;
}

/* Does block b share its owner with a neighbour?  Then its cell or item
 * is a layout box holding many lines (old table layouts), not a cell of
 * a data table or an item of a list. */
static int shares_owner(const kh_hpage *pg, size_t b)
{
    uint32_t o = pg->blocks[b].owner;
    return (b > 0 && pg->blocks[b - 1].owner == o) ||
           (b + 1 < pg->n_blocks && pg->blocks[b + 1].owner == o);
}

/* Is a dropped block the start of a section whose title (a short line
 * just before it) belongs to it? */
static int section_title_of(const kh_hblock *bl)
{
    switch (bl->neg > 0 ? bl->neg_reason : HR_LINKS) {
    case HR_RELATED: case HR_TEASERS: case HR_LINKS: case HR_SHARE:
    case HR_COMMENTS: case HR_MOST_READ: case HR_TAGS: case HR_SUBSCRIBE:
    case HR_WIDGET: case HR_AD:
        return 1;
    default:
        return 0;
    }
}

/* Short kept lines that are stock phrases of page furniture ("Subscribe
 * now", "This entry was posted in") go, whatever their markup says. */
static void drop_stock_phrases(kh_hpage *pg)
{
    for (size_t b = 0; b < pg->n_blocks; b++) {
        kh_hblock *bl = &pg->blocks[b];
        if (!bl->keep || bl->nchars > 200)
            continue;
        kh_hreason r = kh_html_boiler_phrase(kh_hpage_block_text(pg, b),
                                             bl->len);
        if (r != HR_NONE) {
            bl->keep = 0;
            bl->reason = (uint8_t)r;
        }
    }
}

uint32_t kh_hbody_select(kh_hpage *pg, const kh_hbody_hints *hints)
{
    if (pg->n_blocks == 0)
        return 0;
    mark_teaser_lists(pg);
    float *t = kh_malloc(pg->n_blocks * sizeof *t);
    for (size_t b = 0; b < pg->n_blocks; b++)
        t[b] = (float)text_score(&pg->blocks[b], pg->stop_density);
    ctx *cx = kh_malloc(pg->dom.n_nodes * sizeof *cx);
    compute_context(pg, cx, t);
    score_blocks(pg, cx, t, hints);
    free(cx);
    free(t);
    uint32_t c = pick_container(pg);
    uint32_t end = pg->dom.nodes[c].end;
    size_t lo = kh_hpage_first_block(pg, c);
    size_t hi = kh_hpage_first_block(pg, end);
    if (c == 0) {
        lo = 0;
        hi = pg->n_blocks;
    }
    for (size_t b = 0; b < pg->n_blocks; b++) {
        kh_hblock *bl = &pg->blocks[b];
        bl->keep = 0;
        if (b < lo || b >= hi)
            bl->reason = (uint8_t)(bl->neg > 0 ? bl->neg_reason : HR_OUTSIDE);
    }
    if (hi <= lo)
        return c;
    /* classes inside the container, then neutral blocks follow their
     * nearest decided neighbours */
    size_t n = hi - lo;
    unsigned char *cls = kh_malloc(2 * n);
    unsigned char *next_good = cls + n; /* a good block follows k */
    size_t *next_dec = kh_malloc(n * sizeof *next_dec); /* next decided */
    for (size_t k = 0; k < n; k++)
        cls[k] = (unsigned char)classify(&pg->blocks[lo + k]);
    size_t after = n;
    unsigned char good_after = 0;
    for (size_t k = n; k-- > 0;) {
        next_dec[k] = after;
        next_good[k] = good_after;
        if (cls[k] != CLS_NEUTRAL)
            after = k;
        if (cls[k] == CLS_GOOD)
            good_after = 1;
    }
    int seen_good = 0;
    for (size_t k = 0; k < n; k++) {
        kh_hblock *bl = &pg->blocks[lo + k];
        if (cls[k] == CLS_GOOD) {
            bl->keep = 1;
            seen_good = 1;
            continue;
        }
        if (cls[k] == CLS_BAD) {
            bl->reason = (uint8_t)bad_reason(bl);
            continue;
        }
        const kh_hblock *nb = next_dec[k] < n ? &pg->blocks[lo + next_dec[k]]
                                              : NULL;
        int next = next_dec[k] < n ? cls[next_dec[k]] : -1;
        int keep;
        if (nb && next == CLS_BAD && section_title_of(nb)) {
            /* "Related posts", "Share this": the title of the boilerplate
             * section that follows goes with it */
            bl->keep = 0;
            bl->reason = (uint8_t)bad_reason(nb);
            continue;
        }
        if (bl->kind == KH_BK_HEADING)
            keep = next == CLS_GOOD;
        else if ((bl->kind == KH_BK_LI || bl->kind == KH_BK_CELL) &&
                 !shares_owner(pg, lo + k))
            keep = seen_good || next_good[k]; /* lists, tables of the body */
        else
            keep = seen_good && next_good[k];
        bl->keep = (uint8_t)keep;
        if (!keep)
            bl->reason = HR_SHORT;
    }
    free(cls);
    free(next_dec);
    drop_stock_phrases(pg);
    return c;
}
