/*
 * story_terms.c - an article's title and text as weighted stems
 * (story_terms.h), the input of story clustering.
 *
 * Why the whole text and not only title and lead: two outlets rewriting
 * one event often share few words in their first lines (seeds 003 and 004
 * of the shared data: a cosine of 0.09 on title and lead) but many in the
 * body, where the names, places and figures are repeated.  The title and
 * lead still weigh more, as news writing puts the event there.
 */
#include "stories/story_terms.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

void kh_termvec_grow(kh_termvec *t)
{
    t->cap = t->cap ? t->cap * 2 : 64;
    t->v = kh_realloc(t->v, t->cap * sizeof *t->v);
}

void kh_termvec_free(kh_termvec *t)
{
    free(t->v);
    memset(t, 0, sizeof *t);
}

static int cmp_term(const void *pa, const void *pb)
{
    const kh_term *a = pa, *b = pb;
    return (a->term > b->term) - (a->term < b->term);
}

void kh_termvec_sort_merge(kh_termvec *t)
{
    if (t->n < 2)
        return;
    qsort(t->v, t->n, sizeof *t->v, cmp_term);
    size_t k = 0;
    for (size_t i = 1; i < t->n; i++) {
        if (t->v[i].term == t->v[k].term) {
            t->v[k].weight += t->v[i].weight;
            t->v[k].flags |= t->v[i].flags;
        } else {
            t->v[++k] = t->v[i];
        }
    }
    t->n = k + 1;
}

uint32_t kh_story_term(const char *stem, size_t len)
{
    return (uint32_t)kh_hash64(stem, len, 0x7465726du); /* "term" */
}

/* One occurrence of a term, while title and text are read. */
typedef struct occurrence {
    uint32_t term;
    uint32_t form;   /* hash of its normalised form */
    uint32_t flags;
} occurrence;

typedef struct collect {
    occurrence *v;
    size_t n, cap;
    uint32_t part;    /* KH_TERM_TITLE or KH_TERM_BODY                   */
    size_t words;     /* words of the text read so far                   */
    size_t lead;      /* words that make the lead                        */
} collect;

int kh_story_keep(const kh_token *tok)
{
    if (tok->stop)
        return 0;
    if (tok->kind == KH_TOKEN_NUMBER)
        return 1;
    /* one letter: Arabic letters take two bytes, Latin ones one */
    size_t min = tok->kind == KH_TOKEN_ARABIC ? 4 : 2;
    return tok->stem_len >= min;
}

static int collect_word(void *ctx, const kh_token *tok)
{
    collect *c = ctx;
    uint32_t flags = c->part;
    if (c->part == KH_TERM_BODY && c->words++ < c->lead)
        flags |= KH_TERM_LEAD;
    if (!kh_story_keep(tok))
        return 0;
    if (tok->kind == KH_TOKEN_NUMBER)
        flags |= KH_TERM_NUMBER;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->v = kh_realloc(c->v, c->cap * sizeof *c->v);
    }
    c->v[c->n++] = (occurrence){
        kh_story_term(tok->stem, tok->stem_len),
        (uint32_t)kh_hash64(tok->norm, tok->norm_len, 0x666f726du), flags};
    return 0;
}

/*
 * Occurrences sorted by term: four stable counting passes of 8 bits from
 * the lowest byte up (an LSD radix sort), ping-ponging between v and tmp
 * (an even number of passes leaves the result in v).  An article has a
 * few hundred occurrences; this replaces qsort's thousands of calls to a
 * comparison.  Only the grouping by term matters to the caller, not the
 * order within a term, so any sort by term gives the same terms.
 */
static void sort_occurrences(occurrence *v, size_t n, occurrence *tmp)
{
    occurrence *src = v, *dst = tmp;
    for (unsigned shift = 0; shift < 32; shift += 8) {
        size_t count[256] = {0};
        for (size_t i = 0; i < n; i++)
            count[(src[i].term >> shift) & 0xff]++;
        size_t sum = 0;
        for (unsigned b = 0; b < 256; b++) {
            size_t c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i].term >> shift) & 0xff]++] = src[i];
        occurrence *t = src;
        src = dst;
        dst = t;
    }
}

static double raw_weight(const kh_stories_opts *o, uint32_t flags,
                         size_t in_body)
{
    double w = 0.0;
    if (flags & KH_TERM_TITLE)
        w += o->title_weight;
    if (in_body)
        w += 1.0 + log((double)in_body);
    if (flags & KH_TERM_LEAD)
        w += 1.0;
    if (((flags & KH_TERM_TITLE) && in_body) || (flags & KH_TERM_NAME))
        w *= o->name_weight;
    if (flags & KH_TERM_NUMBER)
        w *= o->number_weight;
    return w;
}

void kh_story_terms(kh_analyzer *an, const kh_stories_opts *o,
                    const char *title, const char *text, kh_termvec *out)
{
    kh_story_terms_tokens(an, NULL, o, title, text, out);
}

void kh_story_terms_tokens(kh_analyzer *an, const kh_article_tokens *toks,
                           const kh_stories_opts *o, const char *title,
                           const char *text, kh_termvec *out)
{
    out->n = 0;
    collect c = {NULL, 0, 0, KH_TERM_TITLE, 0, o->lead_words};
    if (toks) { /* at most one occurrence per token: one allocation */
        c.cap = toks->title.n + toks->text.n + 1;
        c.v = kh_malloc(c.cap * sizeof *c.v);
    }
    if (title)
        kh_tokens_walk(toks ? &toks->title : NULL, an, title, strlen(title),
                       collect_word, &c);
    c.part = KH_TERM_BODY;
    if (text)
        kh_tokens_walk(toks ? &toks->text : NULL, an, text, strlen(text),
                       collect_word, &c);
    if (c.n > 1) {
        occurrence *tmp = kh_malloc(c.n * sizeof *tmp);
        sort_occurrences(c.v, c.n, tmp);
        free(tmp);
    }
    for (size_t i = 0; i < c.n;) {
        size_t j = i, in_body = 0;
        uint32_t flags = 0;
        int one_form = 1;
        for (; j < c.n && c.v[j].term == c.v[i].term; j++) {
            flags |= c.v[j].flags;
            in_body += (c.v[j].flags & KH_TERM_BODY) != 0;
            one_form &= c.v[j].form == c.v[i].form;
        }
        if (one_form && j - i >= 2 && !(flags & KH_TERM_NUMBER))
            flags |= KH_TERM_NAME;
        flags &= ~(uint32_t)(in_body ? 0 : KH_TERM_BODY);
        kh_termvec_push(out, c.v[i].term,
                        (float)raw_weight(o, flags, in_body), flags);
        i = j;
    }
    free(c.v);
}
