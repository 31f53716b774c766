/*
 * html_meta.c - title, date, author, language and direction of a page.
 *
 * Machine-stated metadata (JSON-LD, <meta>, <time datetime>) is trusted
 * first.  What is missing is looked for where readers see it: next to the
 * headline.  Every visible candidate (a <time>, an element whose class says
 * date or author, a short line that holds a date) is ranked by how many
 * blocks lie between it and the headline, so "today's date" in the page
 * header, comment dates and the dates of related teasers lose to the
 * dateline under the title; candidates inside comments, related lists,
 * teasers, sidebars, navigation and footers are not considered at all.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "common/utf8.h"
#include "extract/date_parse.h"
#include "extract/html_meta.h"

/* ---- small string helpers ------------------------------------------------ */

static char *dup_collapsed(const char *s, size_t n)
{
    kh_buf b = KH_BUF_INIT;
    kh_buf_puts(&b, "");
    kh_htext_collapse(&b, s, n);
    while (b.len && b.data[b.len - 1] == ' ')
        b.data[--b.len] = '\0';
    if (b.len == 0) {
        kh_buf_free(&b);
        return NULL;
    }
    return kh_buf_detach(&b);
}

static void set_once(char **slot, const char *s)
{
    if (*slot || !s)
        return;
    *slot = dup_collapsed(s, strlen(s));
}

/* Letters and digits only, Latin lower-cased: "Headline!" == "headline". */
static char *skeleton(const char *s)
{
    kh_buf b = KH_BUF_INIT;
    kh_buf_puts(&b, "");
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t c;
        size_t k = kh_utf8_decode(p + i, n - i, &c, NULL);
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
            kh_buf_putc(&b, (char)c);
        else if (c >= 'A' && c <= 'Z')
            kh_buf_putc(&b, (char)(c + 32));
        else if (c >= 0x80 && !(c >= 0x2000 && c <= 0x206F) &&
                 c != 0xAB && c != 0xBB && c != 0x060C && c != 0x061F &&
                 c != 0xA0 && c != 0x0640)
            kh_buf_append(&b, p + i, k);
        i += k;
    }
    return kh_buf_detach(&b);
}

/* 1 when a and b name the same headline: one holds the other and the
 * shorter is at least half of the longer. */
static int same_title(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    char *x = skeleton(a), *y = skeleton(b);
    size_t lx = strlen(x), ly = strlen(y);
    int same = 0;
    if (lx && ly) {
        const char *lo = lx <= ly ? x : y, *hi = lx <= ly ? y : x;
        size_t ls = lx <= ly ? lx : ly, ll = lx <= ly ? ly : lx;
        same = strstr(hi, lo) != NULL && ls * 2 >= ll;
    }
    free(x);
    free(y);
    return same;
}

/* ---- title --------------------------------------------------------------- */

static const char *const title_seps[] = {" | ", " - ", " – ", " — ", " :: ",
                                         " » ", " « ", " · ", " • ", " ~ ",
                                         NULL};

char *kh_title_strip_site(const char *title, const char *site_name)
{
    if (!title)
        return NULL;
    size_t n = strlen(title);
    /* the site's own name, when known, at either end */
    if (site_name && *site_name) {
        size_t sn = strlen(site_name);
        for (size_t k = 0; title_seps[k]; k++) {
            size_t sl = strlen(title_seps[k]);
            if (n > sn + sl && strcmp(title + n - sn, site_name) == 0 &&
                strncmp(title + n - sn - sl, title_seps[k], sl) == 0)
                return kh_strndup(title, n - sn - sl);
            if (n > sn + sl && strncmp(title, site_name, sn) == 0 &&
                strncmp(title + sn, title_seps[k], sl) == 0)
                return kh_strdup(title + sn + sl);
        }
    }
    /* else a short last (or first) segment is the site's name */
    const char *last = NULL, *first = NULL;
    size_t last_sl = 0, first_sl = 0;
    for (size_t k = 0; title_seps[k]; k++) {
        size_t sl = strlen(title_seps[k]);
        for (const char *p = strstr(title, title_seps[k]); p;
             p = strstr(p + 1, title_seps[k])) {
            if (!first || p < first) {
                first = p;
                first_sl = sl;
            }
            if (!last || p > last) {
                last = p;
                last_sl = sl;
            }
        }
    }
    if (last) {
        size_t tail = n - (size_t)(last - title) - last_sl;
        size_t head = (size_t)(last - title);
        if (tail * 2 <= head)
            return kh_strndup(title, head);
    }
    if (first) {
        size_t head = (size_t)(first - title);
        size_t tail = n - head - first_sl;
        if (head * 2 <= tail)
            return kh_strdup(first + first_sl);
    }
    return kh_strdup(title);
}

/* ---- JSON-LD ------------------------------------------------------------- */

static int is_article_type(json_t *type)
{
    static const char *const kinds[] = {"Article", "BlogPosting", "Report",
                                        "LiveBlogPosting", "Posting", NULL};
    if (json_is_array(type)) {
        size_t i;
        json_t *v;
        json_array_foreach(type, i, v) if (is_article_type(v)) return 1;
        return 0;
    }
    const char *t = json_string_value(type);
    if (!t)
        return 0;
    for (size_t k = 0; kinds[k]; k++)
        if (strstr(t, kinds[k]))
            return 1;
    return 0;
}

static void author_names(json_t *a, kh_buf *out)
{
    if (json_is_string(a)) {
        if (out->len)
            kh_buf_puts(out, ", ");
        kh_buf_puts(out, json_string_value(a));
    } else if (json_is_object(a)) {
        author_names(json_object_get(a, "name"), out);
    } else if (json_is_array(a)) {
        size_t i;
        json_t *v;
        json_array_foreach(a, i, v) author_names(v, out);
    }
}

static void ld_walk(json_t *j, kh_hmeta *m, int depth)
{
    if (depth > 12 || !j)
        return;
    if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) ld_walk(v, m, depth + 1);
        return;
    }
    if (!json_is_object(j))
        return;
    json_t *graph = json_object_get(j, "@graph");
    if (graph)
        ld_walk(graph, m, depth + 1);
    if (!is_article_type(json_object_get(j, "@type"))) {
        /* a WebPage may carry the only date */
        const char *t = json_string_value(json_object_get(j, "@type"));
        if (t && strcmp(t, "WebPage") == 0 && !m->ld_date)
            set_once(&m->ld_date,
                     json_string_value(json_object_get(j, "datePublished")));
        return;
    }
    set_once(&m->ld_headline, json_string_value(json_object_get(j, "headline")));
    set_once(&m->ld_headline, json_string_value(json_object_get(j, "name")));
    set_once(&m->ld_date, json_string_value(json_object_get(j, "datePublished")));
    set_once(&m->ld_date, json_string_value(json_object_get(j, "dateCreated")));
    const char *body = json_string_value(json_object_get(j, "articleBody"));
    if (body && !m->ld_body && strlen(body) >= 200)
        m->ld_body = dup_collapsed(body, strlen(body));
    if (!m->ld_author) {
        kh_buf b = KH_BUF_INIT;
        author_names(json_object_get(j, "author"), &b);
        if (b.len)
            m->ld_author = dup_collapsed(b.data, b.len);
        kh_buf_free(&b);
    }
}

static void read_ldjson(const kh_hdom *d, kh_hmeta *m)
{
    if (!d->ldjson)
        return;
    const char *p = d->ldjson, *end = d->ldjson + d->ldjson_len;
    for (size_t k = 0; k < d->n_ldjson && p < end; k++) {
        size_t len = strnlen(p, (size_t)(end - p));
        json_error_t err;
        json_t *j = json_loadb(p, len, 0, &err);
        if (j) {
            ld_walk(j, m, 0);
            json_decref(j);
        }
        p += len + 1;
    }
}

/* ---- <meta> and the root ------------------------------------------------- */

static int in_names(const char *v, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (strcasecmp(v, names[i]) == 0)
            return 1;
    return 0;
}

static const char *const title_names[] = {"og:title", "twitter:title",
                                          "dc.title", NULL};
static const char *const date_names[] = {
    "article:published_time", "og:article:published_time",
    "article:published", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
    "dcterms.date", "dcterms.created", "dcterms.issued", "sailthru.date",
    "parsely-pub-date", "article.published", "published_time",
    "article_date_original", "originalpublicationdate", "datecreated",
    "citation_publication_date", "citation_date", NULL};
static const char *const author_names_meta[] = {
    "author", "article:author", "byl", "parsely-author", "sailthru.author",
    "dc.creator", "dcterms.creator", "citation_author", NULL};

static int looks_like_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0 ||
           strncmp(s, "//", 2) == 0 || s[0] == '/' || s[0] == '@';
}

void kh_hmeta_collect(const kh_hpage *pg, kh_hmeta *m)
{
    memset(m, 0, sizeof *m);
    const kh_hdom *d = &pg->dom;
    kh_buf tb = KH_BUF_INIT;
    for (uint32_t i = 1; i < d->n_nodes; i++) {
        const kh_hnode *n = &d->nodes[i];
        if (n->kind != KH_HNODE_ELEMENT)
            continue;
        if (n->tag == HT_HTML || n->tag == HT_BODY) {
            const char *lang = kh_hdom_attr(d, i, HA_LANG);
            if (lang && *lang && !m->html_lang)
                m->html_lang = kh_strdup(lang);
            const char *dir = kh_hdom_attr(d, i, HA_DIR);
            if (dir && !m->declared_dir) {
                if (strcasecmp(dir, "rtl") == 0)
                    m->declared_dir = "rtl";
                else if (strcasecmp(dir, "ltr") == 0)
                    m->declared_dir = "ltr";
            }
        } else if (n->tag == HT_TITLE && !m->doc_title) {
            kh_htext_node(d, i, &tb);
            if (tb.len)
                m->doc_title = kh_strdup(tb.data);
        } else if (n->tag == HT_META) {
            const char *content = kh_hdom_attr(d, i, HA_CONTENT);
            if (!content || !*content)
                continue;
            const char *keys[3] = {kh_hdom_attr(d, i, HA_NAME),
                                   kh_hdom_attr(d, i, HA_PROPERTY),
                                   kh_hdom_attr(d, i, HA_ITEMPROP)};
            for (int k = 0; k < 3; k++) {
                const char *key = keys[k];
                if (!key)
                    continue;
                if (in_names(key, title_names))
                    set_once(&m->og_title, content);
                else if (strcasecmp(key, "og:site_name") == 0 ||
                         strcasecmp(key, "application-name") == 0)
                    set_once(&m->site_name, content);
                else if (in_names(key, date_names))
                    set_once(&m->meta_date, content);
                else if (in_names(key, author_names_meta) &&
                         !looks_like_url(content))
                    set_once(&m->meta_author, content);
                else if (strcasecmp(key, "og:locale") == 0 ||
                         strcasecmp(key, "dc.language") == 0 ||
                         strcasecmp(key, "language") == 0)
                    set_once(&m->meta_lang, content);
            }
            const char *equiv = kh_hdom_attr(d, i, HA_HTTP_EQUIV);
            if (equiv && strcasecmp(equiv, "content-language") == 0)
                set_once(&m->meta_lang, content);
        }
    }
    kh_buf_free(&tb);
    read_ldjson(d, m);
}

void kh_hmeta_free(kh_hmeta *m)
{
    if (!m)
        return;
    free(m->og_title);
    free(m->ld_headline);
    free(m->doc_title);
    free(m->site_name);
    free(m->ld_date);
    free(m->meta_date);
    free(m->ld_author);
    free(m->meta_author);
    free(m->ld_body);
    free(m->html_lang);
    free(m->meta_lang);
    free(m->title);
    free(m->author);
    free(m->date);
    memset(m, 0, sizeof *m);
}

/* ---- where candidates may come from -------------------------------------- */

/* Per node: 1 inside comments, related lists, teasers, sidebars,
 * navigation, footers and widgets, unless the element holds the article. */
static unsigned char *bad_regions(const kh_hpage *pg, uint32_t container)
{
    const kh_hdom *d = &pg->dom;
    unsigned char *bad = kh_calloc(d->n_nodes ? d->n_nodes : 1, 1);
    for (uint32_t i = 1; i < d->n_nodes; i++) {
        const kh_hnode *n = &d->nodes[i];
        bad[i] = bad[n->parent] || (pg->nflags[i] & KH_HN_HIDDEN);
        if (bad[i] || n->kind != KH_HNODE_ELEMENT)
            continue;
        if (container >= i && container < n->end && container != 0)
            continue; /* holds the article: not boilerplate */
        kh_hint h = pg->hint[i];
        if (h.neg < 2 || h.pos >= 3)
            continue;
        switch (h.reason) {
        case HR_COMMENTS: case HR_RELATED: case HR_TEASERS: case HR_SIDEBAR:
        case HR_NAVIGATION: case HR_FOOTER: case HR_WIDGET: case HR_MOST_READ:
        case HR_TICKER: case HR_SUBSCRIBE: case HR_AD: case HR_COOKIE:
        case HR_FORM: case HR_BREADCRUMB: case HR_LINKS:
            bad[i] = 1;
            break;
        default:
            break;
        }
    }
    return bad;
}

/* Words of a class or id value, lower-cased, for quick membership tests. */
static int has_word(const char *v, const char *const *words)
{
    if (!v)
        return 0;
    const char *s = v;
    while (*s) {
        while (*s && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
            s++;
        const char *w = s;
        while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
            s++;
        size_t n = (size_t)(s - w);
        for (size_t k = 0; n && words[k]; k++)
            if (strlen(words[k]) == n && strncasecmp(w, words[k], n) == 0)
                return 1;
    }
    return 0;
}

static int attr_has_word(const kh_hdom *d, uint32_t i, const char *const *words)
{
    return has_word(kh_hdom_attr(d, i, HA_CLASS), words) ||
           has_word(kh_hdom_attr(d, i, HA_ID), words);
}

static size_t block_distance(size_t a, size_t b)
{
    return a > b ? a - b : b - a;
}

/* ---- the headline -------------------------------------------------------- */

static void choose_title(kh_hpage *pg, uint32_t container, kh_hmeta *m,
                         const unsigned char *bad)
{
    char *stated = m->og_title   ? kh_title_strip_site(m->og_title,
                                                       m->site_name)
                   : m->ld_headline ? kh_strdup(m->ld_headline)
                                    : NULL;
    char *doc = m->doc_title ? kh_title_strip_site(m->doc_title, m->site_name)
                             : NULL;
    size_t cstart = kh_hpage_first_block(pg, container);
    size_t best = pg->n_blocks, first_h1 = pg->n_blocks;
    size_t best_dist = (size_t)-1;
    /* the visible headline: an <h1> (else an <h2>) that matches what the
     * page states, the one nearest the article when several do */
    for (int level = 1; level <= 2 && best == pg->n_blocks; level++) {
        for (size_t b = 0; b < pg->n_blocks; b++) {
            const kh_hblock *bl = &pg->blocks[b];
            if (bl->kind != KH_BK_HEADING || bl->level != level ||
                bad[bl->owner] || bl->nchars < 4)
                continue;
            const char *t = kh_hpage_block_text(pg, b);
            if (level == 1 && first_h1 == pg->n_blocks)
                first_h1 = b;
            if (same_title(t, stated) || same_title(t, doc) ||
                same_title(t, m->doc_title)) {
                size_t dist = block_distance(b, cstart);
                if (dist < best_dist) {
                    best = b;
                    best_dist = dist;
                }
            }
        }
    }
    if (best < pg->n_blocks) {
        m->title = kh_strdup(kh_hpage_block_text(pg, best));
        m->title_block = best;
    } else if (stated) {
        m->title = kh_strdup(stated);
    } else if (doc) {
        m->title = kh_strdup(doc);
    } else if (first_h1 < pg->n_blocks) {
        m->title = kh_strdup(kh_hpage_block_text(pg, first_h1));
        m->title_block = first_h1;
    }
    /* a stated title that is shown as a plain block (legacy layouts) */
    if (m->title && m->title_block == pg->n_blocks) {
        for (size_t b = 0; b < pg->n_blocks; b++) {
            const kh_hblock *bl = &pg->blocks[b];
            if (bad[bl->owner] || bl->nchars > 400)
                continue;
            if (same_title(kh_hpage_block_text(pg, b), m->title)) {
                size_t dist = block_distance(b, cstart);
                if (m->title_block == pg->n_blocks ||
                    dist < block_distance(m->title_block, cstart))
                    m->title_block = b;
            }
        }
    }
    free(stated);
    free(doc);
}

/* ---- the date ------------------------------------------------------------ */

static int order_for(const kh_hmeta *m)
{
    return (m->lang && strcmp(m->lang, "en") == 0) ? KH_DATE_MONTH_FIRST
                                                    : KH_DATE_DAY_FIRST;
}

static char *date_of(const char *s, size_t n, int order)
{
    kh_date d;
    if (!s || !kh_date_find(s, n, order, &d))
        return NULL;
    char out[24];
    return kh_strdup(kh_date_format(&d, out));
}

static const char *const date_words[] = {
    "date", "time", "pubdate", "published", "posted", "timestamp",
    "datetime", "dateline", "publish", "tarikh", "updated", "meta", "info",
    "byline", NULL};
/* dates that are not the article's */
static const char *const not_date_words[] = {"today", "current", "now",
                                             "weather", "clock", NULL};

typedef struct date_cand {
    char *iso;
    size_t block;
    int strong; /* <time datetime>, itemprop: beats a bare text date */
} date_cand;

static void consider(date_cand *best, char *iso, size_t block, int strong,
                     size_t anchor)
{
    if (!iso)
        return;
    /* the strongest kind of evidence first, then the nearest to the
     * headline */
    int better = !best->iso || strong > best->strong;
    if (!better && strong == best->strong)
        better = block_distance(block, anchor) <
                 block_distance(best->block, anchor);
    if (better) {
        free(best->iso);
        best->iso = iso;
        best->block = block;
        best->strong = strong;
    } else {
        free(iso);
    }
}

/* How far from the headline a visible date may sit. */
#define DATE_REACH 12

static char *visible_date(kh_hpage *pg, const unsigned char *bad,
                          size_t anchor, int order)
{
    const kh_hdom *d = &pg->dom;
    date_cand best = {NULL, 0, 0};
    kh_buf tb = KH_BUF_INIT;
    for (uint32_t i = 1; i < d->n_nodes; i++) {
        const kh_hnode *n = &d->nodes[i];
        if (n->kind != KH_HNODE_ELEMENT || bad[i])
            continue;
        size_t blk = kh_hpage_first_block(pg, i);
        if (block_distance(blk, anchor) > DATE_REACH)
            continue;
        const char *ip = kh_hdom_attr(d, i, HA_ITEMPROP);
        int is_pub = ip && strstr(ip, "datePublished");
        if (n->tag == HT_TIME || is_pub) {
            const char *dt = kh_hdom_attr(d, i, HA_DATETIME);
            if (!dt)
                dt = kh_hdom_attr(d, i, HA_CONTENT);
            char *iso = dt ? date_of(dt, strlen(dt), order) : NULL;
            if (!iso) {
                kh_htext_node(d, i, &tb);
                iso = date_of(tb.data, tb.len, order);
            }
            consider(&best, iso, blk, 2 + is_pub, anchor);
            continue;
        }
        if ((n->flags & KH_HF_HAS_ATTR) && attr_has_word(d, i, date_words) &&
            !attr_has_word(d, i, not_date_words) && n->end - i < 64) {
            kh_htext_node(d, i, &tb);
            if (tb.len <= 200)
                consider(&best, date_of(tb.data, tb.len, order), blk, 1,
                         anchor);
        }
    }
    /* short lines near the headline that hold a date (old layouts) */
    size_t lo = anchor > DATE_REACH ? anchor - DATE_REACH : 0;
    for (size_t b = lo; b < pg->n_blocks && b <= anchor + DATE_REACH; b++) {
        const kh_hblock *bl = &pg->blocks[b];
        if (bad[bl->owner] || bl->nchars > 120 || bl->nlink * 2 > bl->nchars)
            continue;
        if (attr_has_word(d, bl->owner, not_date_words))
            continue;
        consider(&best, date_of(kh_hpage_block_text(pg, b), bl->len, order),
                 b, 0, anchor);
    }
    kh_buf_free(&tb);
    return best.iso;
}

/* /2015/08/06/ or /2015-08-06 in a URL path. */
static char *url_date(const char *url)
{
    if (!url)
        return NULL;
    for (const char *p = url; *p; p++) {
        if (*p != '/')
            continue;
        int y, mo, da;
        char sep1, sep2;
        if (sscanf(p + 1, "%4d%c%2d%c%2d", &y, &sep1, &mo, &sep2, &da) == 5 &&
            (sep1 == '/' || sep1 == '-') && sep1 == sep2 && y >= 1995 &&
            y <= 2100 && mo >= 1 && mo <= 12 && da >= 1 && da <= 31) {
            char out[24];
            kh_date d = {y, mo, da, -1, -1, -1, 0, 0, 0, 0, 0, 0};
            return kh_strdup(kh_date_format(&d, out));
        }
    }
    return NULL;
}

/* ---- the author ---------------------------------------------------------- */

static const char *const author_labels[] = {
    "بقلم:", "بقلم :", "بقلم", "كتب:", "كتبت:", "كتب :", "كتبت :", "كتب",
    "كتبت", "بواسطة:", "بواسطة", "إعداد:", "اعداد:", "تقرير:", "الكاتب:",
    "المحرر:", "By:", "By", "by", "BY", "Written by", "Posted by",
    "Von", "von", "Par", "par", "Por", "por", "Door", "door", "Di",
    "Autor:", "Author:", "Autor", NULL};

static int is_weekday(const char *w, size_t n)
{
    static const char *const days[] = {
        "السبت", "الأحد", "الاحد", "الاثنين", "الإثنين", "الثلاثاء",
        "الأربعاء", "الاربعاء", "الخميس", "الجمعة", "Monday", "Tuesday",
        "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon,",
        "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,", "الأحد،", "السبت،",
        "الاثنين،", "الثلاثاء،", "الأربعاء،", "الخميس،", "الجمعة،", NULL};
    for (size_t k = 0; days[k]; k++)
        if (strlen(days[k]) == n && strncmp(days[k], w, n) == 0)
            return 1;
    return 0;
}

char *kh_author_clean(const char *s, size_t n)
{
    char *t = dup_collapsed(s, n);
    if (!t)
        return NULL;
    char *p = t;
    for (int again = 1; again;) {
        again = 0;
        for (size_t k = 0; author_labels[k]; k++) {
            size_t l = strlen(author_labels[k]);
            if (strncmp(p, author_labels[k], l) == 0 &&
                (p[l] == ' ' || p[l] == '\0' || author_labels[k][l - 1] == ':')) {
                p += l;
                while (*p == ' ' || *p == ':')
                    p++;
                again = 1;
                break;
            }
        }
    }
    /* a date after the name ("Jane Doe - Nov 18, 2019"), with its
     * weekday ("الثلاثاء ١١ أغسطس"), goes */
    kh_date d;
    size_t len = strlen(p);
    if (kh_date_find(p, len, KH_DATE_DAY_FIRST, &d) && d.start > 0) {
        len = d.start;
        while (len && p[len - 1] == ' ')
            len--;
        size_t w = len;
        while (w && p[w - 1] != ' ')
            w--;
        if (is_weekday(p + w, len - w))
            len = w;
    }
    while (len && (p[len - 1] == ' ' || p[len - 1] == '-' ||
                   p[len - 1] == '|' || p[len - 1] == ',' ||
                   p[len - 1] == ':' || p[len - 1] == '/'))
        len--;
    /* "،" (Arabic comma) at the end */
    while (len >= 2 && (unsigned char)p[len - 2] == 0xD8 &&
           (unsigned char)p[len - 1] == 0x8C)
        len -= 2;
    while (len && p[len - 1] == ' ')
        len--;
    size_t words = 0;
    for (size_t i = 0; i < len; i++)
        if (p[i] == ' ')
            words++;
    char *out = NULL;
    if (len >= 2 && len <= 120 && words < 12)
        out = kh_strndup(p, len);
    free(t);
    return out;
}

static const char *const author_words[] = {
    "author", "byline", "byl", "writer", "by", "kateb", "katib", "auteur",
    "autor", "verfasser", "reporter", "journalist", "creator", NULL};
static const char *const not_author_words[] = {
    "box", "bio", "avatar", "description", "desc", "about", "img", "image",
    "photo", "pic", "label", "title", "url", NULL};

static char *visible_author(kh_hpage *pg, const unsigned char *bad,
                            size_t anchor)
{
    const kh_hdom *d = &pg->dom;
    char *best = NULL;
    size_t best_dist = (size_t)-1;
    kh_buf tb = KH_BUF_INIT;
    for (uint32_t i = 1; i < d->n_nodes; i++) {
        const kh_hnode *n = &d->nodes[i];
        if (n->kind != KH_HNODE_ELEMENT || bad[i] ||
            !(n->flags & KH_HF_HAS_ATTR))
            continue;
        const char *ip = kh_hdom_attr(d, i, HA_ITEMPROP);
        const char *rel = kh_hdom_attr(d, i, HA_REL);
        int hit = (ip && strstr(ip, "author")) ||
                  (rel && strcmp(rel, "author") == 0) ||
                  (attr_has_word(d, i, author_words) &&
                   !attr_has_word(d, i, not_author_words));
        if (!hit)
            continue;
        size_t blk = kh_hpage_first_block(pg, i);
        size_t dist = block_distance(blk, anchor);
        /* at equal distance the inner element wins: <span class="by">
         * inside <div class="byline"> holds the name without the date */
        if (dist > DATE_REACH || dist > best_dist)
            continue;
        kh_htext_node(d, i, &tb);
        if (tb.len == 0 || tb.len > 300)
            continue;
        char *a = kh_author_clean(tb.data, tb.len);
        if (!a)
            continue;
        free(best);
        best = a;
        best_dist = dist;
    }
    kh_buf_free(&tb);
    return best;
}

/* Is text node k set in bold (old layouts put the writer's name in <b>)? */
static int styled(const kh_hdom *d, uint32_t k, uint32_t owner)
{
    for (uint32_t p = d->nodes[k].parent; p != owner && p != 0;
         p = d->nodes[p].parent)
        if (d->nodes[p].tag == HT_B || d->nodes[p].tag == HT_STRONG)
            return 1;
    return 0;
}

/* Old layouts: a short bold line right under the headline names the
 * writer ("خالد الجارالله"): no digits, no link, a few words. */
static char *positional_author(kh_hpage *pg, size_t title_block)
{
    if (title_block >= pg->n_blocks)
        return NULL;
    for (size_t b = title_block + 1;
         b < pg->n_blocks && b <= title_block + 2; b++) {
        const kh_hblock *bl = &pg->blocks[b];
        if (bl->keep)
            return NULL; /* the body has started */
        const char *t = kh_hpage_block_text(pg, b);
        if (bl->nlink || bl->nchars > 50 || bl->nwords > 6 ||
            bl->nwords < 2 || bl->npunct > 0)
            continue;
        int digits = 0;
        for (const char *c = t; *c; c++)
            if (*c >= '0' && *c <= '9')
                digits = 1;
        if (digits || !styled(&pg->dom, bl->first, bl->owner))
            continue;
        return kh_author_clean(t, bl->len);
    }
    return NULL;
}

/* ---- language and direction ---------------------------------------------- */

static const char *lang_code(const char *tag)
{
    /* the primary subtag of a BCP 47 tag, as a static string */
    static const char *const known[] = {
        "ar", "en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "fa",
        "ur", "he", "tr", "zh", "ja", "ko", "el", "cs", "sv", "da", "no",
        "fi", "hu", "ro", "uk", "id", "ms", "hi", "bn", "ps", "ku", "yi",
        "sk", "sl", "hr", "sr", "bg", "ca", "eu", "gl", "vi", "th", NULL};
    if (!tag)
        return NULL;
    char primary[4] = "";
    size_t i = 0;
    while (tag[i] == ' ')
        tag++;
    for (; i < 3 && ((tag[i] >= 'a' && tag[i] <= 'z') ||
                     (tag[i] >= 'A' && tag[i] <= 'Z'));
         i++)
        primary[i] = (char)(tag[i] | 0x20);
    primary[i] = '\0';
    if (tag[i] && tag[i] != '-' && tag[i] != '_')
        return NULL;
    for (size_t k = 0; known[k]; k++)
        if (strcmp(known[k], primary) == 0)
            return known[k];
    return NULL;
}

static int rtl_lang(const char *l)
{
    return l && (strcmp(l, "ar") == 0 || strcmp(l, "fa") == 0 ||
                 strcmp(l, "ur") == 0 || strcmp(l, "he") == 0 ||
                 strcmp(l, "ps") == 0 || strcmp(l, "yi") == 0 ||
                 strcmp(l, "ku") == 0);
}

/* ---- putting it together ------------------------------------------------- */

static void drop_meta_lines(kh_hpage *pg, const kh_hmeta *m)
{
    /* the headline, and byline or dateline lines at the edges of the body */
    size_t kept = 0;
    for (size_t b = 0; b < pg->n_blocks; b++) {
        kh_hblock *bl = &pg->blocks[b];
        if (!bl->keep)
            continue;
        const char *t = kh_hpage_block_text(pg, b);
        if (b == m->title_block || (bl->kind == KH_BK_HEADING &&
                                    same_title(t, m->title))) {
            bl->keep = 0;
            bl->reason = HR_TITLE;
            continue;
        }
        if (kept++ >= 3 || bl->nchars > 150)
            continue;
        char *a = m->author ? kh_author_clean(t, bl->len) : NULL;
        if (a && strcmp(a, m->author) == 0) {
            bl->keep = 0;
            bl->reason = HR_BYLINE;
        }
        free(a);
        /* a dateline: mostly the date, or a short line holding one
         * ("Updated 10:01 pm PST, Tuesday, November 19, 2019") */
        kh_date d;
        if (bl->keep && kh_date_find(t, bl->len, KH_DATE_DAY_FIRST, &d) &&
            ((d.end - d.start) * 10 >= (size_t)bl->len * 7 ||
             bl->nchars <= 60)) {
            bl->keep = 0;
            bl->reason = HR_DATE;
        }
    }
}

void kh_hmeta_finish(kh_hpage *pg, uint32_t container, const char *url,
                     kh_hmeta *m)
{
    unsigned char *bad = bad_regions(pg, container);
    m->title_block = pg->n_blocks;

    /* language first: it decides how 03/08/2015 reads */
    const char *detected = kh_hpage_lang(pg);
    const char *declared = lang_code(m->html_lang);
    if (!declared)
        declared = lang_code(m->meta_lang);
    if (detected && strcmp(detected, "ar") == 0)
        m->lang = detected; /* Arabic text under a template's lang="en" */
    else
        m->lang = declared ? declared : detected;
    m->dir = m->declared_dir ? m->declared_dir
             : m->lang       ? (rtl_lang(m->lang) ? "rtl" : "ltr")
                             : NULL;

    choose_title(pg, container, m, bad);
    size_t anchor = m->title_block < pg->n_blocks
                        ? m->title_block
                        : kh_hpage_first_block(pg, container);
    int order = order_for(m);

    /* date: stated, else shown near the headline, else in the URL */
    const char *stated_dates[2] = {m->ld_date, m->meta_date};
    for (int k = 0; k < 2 && !m->date; k++)
        if (stated_dates[k])
            m->date = date_of(stated_dates[k], strlen(stated_dates[k]), order);
    if (!m->date)
        m->date = visible_date(pg, bad, anchor, order);
    if (!m->date)
        m->date = url_date(url);

    /* author: stated, else a byline near the headline */
    if (m->ld_author)
        m->author = kh_author_clean(m->ld_author, strlen(m->ld_author));
    if (!m->author && m->meta_author)
        m->author = kh_author_clean(m->meta_author, strlen(m->meta_author));
    if (!m->author)
        m->author = visible_author(pg, bad, anchor);
    if (!m->author)
        m->author = positional_author(pg, m->title_block);

    drop_meta_lines(pg, m);
    free(bad);
}
