/*
 * chrome.c - kh_chrome, each outlet's recurring lines learned from the
 * corpus (khabar.h, chrome.h).  Workload: one observe per article over the
 * whole corpus first (hundreds of thousands of lines), then one lookup per
 * line while cleaning; both are a hash and a probe.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/map.h"
#include "common/utf8.h"
#include "extract/chrome.h"
#include "extract/clean.h"
#include "extract/clean_text.h"
#include "extract/html_article.h"

#define SHAPE_SEED 0x6b68616272u /* "khabr" */

typedef struct chrome_source {
    char *name;
    uint64_t articles;
    kh_map counts; /* shape -> different articles it occurs in */
} chrome_source;

struct kh_chrome {
    chrome_source *src;
    size_t n_src, cap_src;
    kh_map by_name; /* hash of name -> index + 1 */
    kh_map seen;    /* hash of (source, shape, fingerprint) -> 1 */
    uint64_t min_count;
    double min_share;
};

kh_chrome *kh_chrome_create(void)
{
    kh_chrome *m = kh_calloc(1, sizeof *m);
    m->min_count = KH_CHROME_MIN_COUNT;
    m->min_share = KH_CHROME_MIN_SHARE;
    return m;
}

void kh_chrome_free(kh_chrome *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_src; i++) {
        free(m->src[i].name);
        kh_map_free(&m->src[i].counts);
    }
    free(m->src);
    kh_map_free(&m->by_name);
    kh_map_free(&m->seen);
    free(m);
}

void kh_chrome_set_threshold(kh_chrome *m, uint64_t min_count,
                             double min_share)
{
    m->min_count = min_count;
    m->min_share = min_share;
}

uint64_t kh_chrome_shape_hash(const char *shape, size_t n)
{
    if (n == 0)
        return 0;
    uint64_t h = kh_hash64(shape, n, SHAPE_SEED);
    return h == KH_CHROME_ARTICLES ? 1 : h;
}

uint64_t kh_chrome_shape(const char *line, size_t len)
{
    /* fold into a small stack buffer, spilling to the heap for long lines */
    char stack[512];
    char *buf = len <= sizeof stack ? stack : kh_malloc(len);
    size_t n = 0;
    const unsigned char *s = (const unsigned char *)line;
    clean_class_init();
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = kh_utf8_decode(s + i, len - i, &cp, NULL);
        /* digits (ASCII, Arabic-Indic, Persian), spaces, marks go */
        if (!(clean_class(cp) &
              (CLEAN_DIGIT | CLEAN_SPACE | CLEAN_IGNORABLE))) {
            if (cp >= 'A' && cp <= 'Z') {
                buf[n++] = (char)(cp + 32);
            } else {
                memcpy(buf + n, s + i, k);
                n += k;
            }
        }
        i += k;
    }
    uint64_t h = kh_chrome_shape_hash(buf, n);
    if (buf != stack)
        free(buf);
    return h;
}

static uint64_t name_hash(const char *source)
{
    return kh_hash64(source, strlen(source), SHAPE_SEED ^ 0x5352u);
}

/* The source's entry, or NULL; with create, made when missing. */
static chrome_source *find_source(const kh_chrome *cm, const char *source,
                                  int create)
{
    kh_chrome *m = (kh_chrome *)cm;
    if (!source)
        source = "";
    uint64_t h = name_hash(source);
    uint64_t *slot = kh_map_get(&m->by_name, h);
    if (slot) {
        chrome_source *s = &m->src[*slot - 1];
        if (strcmp(s->name, source) == 0)
            return s;
        /* a 64-bit collision between two outlet names: look further */
        for (size_t i = 0; i < m->n_src; i++)
            if (strcmp(m->src[i].name, source) == 0)
                return &m->src[i];
    }
    if (!create)
        return NULL;
    if (m->n_src == m->cap_src) {
        m->cap_src = m->cap_src ? 2 * m->cap_src : 16;
        m->src = kh_realloc(m->src, m->cap_src * sizeof *m->src);
    }
    chrome_source *s = &m->src[m->n_src++];
    memset(s, 0, sizeof *s);
    s->name = kh_strdup(source);
    if (!slot)
        *kh_map_put(&m->by_name, h, NULL) = m->n_src;
    return s;
}

uint64_t kh_chrome_count(const kh_chrome *m, const char *source,
                         uint64_t shape)
{
    chrome_source *s = m ? find_source(m, source, 0) : NULL;
    if (!s)
        return 0;
    uint64_t *v = kh_map_get(&s->counts, shape);
    return v ? *v : 0;
}

uint64_t kh_chrome_articles(const kh_chrome *m, const char *source)
{
    chrome_source *s = m ? find_source(m, source, 0) : NULL;
    return s ? s->articles : 0;
}

int kh_chrome_is_recurring(const kh_chrome *m, const char *source,
                           uint64_t shape)
{
    if (!m || shape == KH_CHROME_ARTICLES)
        return 0;
    chrome_source *s = find_source(m, source, 0);
    if (!s)
        return 0;
    uint64_t *v = kh_map_get(&s->counts, shape);
    if (!v)
        return 0;
    double share = ceil(m->min_share * (double)s->articles);
    uint64_t need = m->min_count;
    if (share > (double)need)
        need = (uint64_t)share;
    return *v >= need;
}

void kh_chrome_add(kh_chrome *m, const char *source, uint64_t shape,
                   uint64_t count)
{
    chrome_source *s = find_source(m, source, 1);
    if (shape == KH_CHROME_ARTICLES)
        s->articles += count;
    else
        *kh_map_put(&s->counts, shape, NULL) += count;
}

int kh_chrome_export(const kh_chrome *m, kh_chrome_count_fn fn, void *ctx)
{
    for (size_t i = 0; i < m->n_src; i++) {
        const chrome_source *s = &m->src[i];
        int rc = fn(ctx, s->name, KH_CHROME_ARTICLES, s->articles);
        if (rc)
            return rc;
        size_t it = 0;
        uint64_t shape, count;
        while (kh_map_next(&s->counts, &it, &shape, &count))
            if ((rc = fn(ctx, s->name, shape, count)) != 0)
                return rc;
    }
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/*
 * Observing an article: its lines are prepared exactly as the cleaner
 * prepares them (tidied, ad markers and glued prefixes cut), so that what
 * is counted is what will be looked up.  Each distinct shape counts once
 * per article, and not at all when the same outlet already had an article
 * with the same fingerprint (the shape of its longest line): republished
 * copies of a report must not make its paragraphs look like chrome.
 */
void kh_chrome_lines_of_shapes(const uint64_t *shapes, const size_t *lens,
                               size_t n, kh_chrome_lines *out)
{
    memset(out, 0, sizeof *out);
    out->counted = 1;
    out->shapes = kh_malloc((n + 1) * sizeof *out->shapes);
    size_t longest = 0;
    for (size_t i = 0; i < n; i++) {
        if (shapes[i] == 0)
            continue;
        out->shapes[out->n++] = shapes[i];
        if (lens[i] > longest) {
            longest = lens[i];
            out->fingerprint = shapes[i];
        }
    }
    qsort(out->shapes, out->n, sizeof *out->shapes, cmp_u64);
    size_t kept = 0;
    for (size_t i = 0; i < out->n; i++)
        if (i == 0 || out->shapes[i] != out->shapes[i - 1])
            out->shapes[kept++] = out->shapes[i];
    out->n = kept;
}

void kh_chrome_lines_of_paras(const kh_paras *p, kh_chrome_lines *out)
{
    uint64_t *shapes = kh_malloc((p->n + 1) * sizeof *shapes);
    size_t *lens = kh_malloc((p->n + 1) * sizeof *lens);
    for (size_t i = 0; i < p->n; i++) {
        lens[i] = strlen(p->v[i].text);
        shapes[i] = kh_chrome_shape(p->v[i].text, lens[i]);
    }
    kh_chrome_lines_of_shapes(shapes, lens, p->n, out);
    free(shapes);
    free(lens);
}

void kh_chrome_lines_of(const kh_article *a, kh_chrome_lines *out)
{
    memset(out, 0, sizeof *out);
    if (!a->raw || a->raw_len == 0)
        return;
    kh_paras p = KH_PARAS_INIT;
    if (a->raw_format == KH_FORMAT_HTML) {
        /* an HTML page's lines are markup: count the lines of the body the
         * extractor finds, which is what the cleaner will look up */
        kh_html_result r;
        kh_html_extract(a->raw, a->raw_len, a->url, &r);
        kh_paras_split_text(&p, r.body, strlen(r.body));
        kh_html_result_free(&r);
    } else {
        kh_paras_split_text(&p, a->raw, a->raw_len);
    }
    uint64_t *shapes = kh_malloc((p.n + 1) * sizeof *shapes);
    size_t *lens = kh_malloc((p.n + 1) * sizeof *lens);
    kh_paras_prepare_shapes(&p, shapes);
    for (size_t i = 0; i < p.n; i++)
        lens[i] = strlen(p.v[i].text);
    kh_chrome_lines_of_shapes(shapes, lens, p.n, out);
    free(shapes);
    free(lens);
    kh_paras_free(&p);
}

void kh_chrome_observe_lines(kh_chrome *m, const char *source,
                             const kh_chrome_lines *l)
{
    if (!l->counted)
        return;
    chrome_source *s = find_source(m, source, 1);
    s->articles++;
    size_t src_index = (size_t)(s - m->src);
    for (size_t i = 0; i < l->n; i++) {
        uint64_t key[3] = {src_index, l->shapes[i], l->fingerprint};
        int created;
        kh_map_put(&m->seen, kh_hash64(key, sizeof key, SHAPE_SEED), &created);
        if (created)
            (*kh_map_put(&s->counts, l->shapes[i], NULL))++;
    }
}

void kh_chrome_lines_free(kh_chrome_lines *l)
{
    free(l->shapes);
    memset(l, 0, sizeof *l);
}

void kh_chrome_observe(kh_chrome *m, const kh_article *a)
{
    kh_chrome_lines l;
    kh_chrome_lines_of(a, &l);
    kh_chrome_observe_lines(m, a->source, &l);
    kh_chrome_lines_free(&l);
}
