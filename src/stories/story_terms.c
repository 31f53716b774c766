/*
 * story_terms.c - an article's title and lead as weighted stems
 * (story_terms.h), the input of story clustering.
 *
 * Why title and lead: news writing puts the event (who, what, where, when)
 * in the headline and the first sentences; the rest of the text carries
 * background that many unrelated reports share.
 */
#include "stories/story_terms.h"

#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

void kh_termvec_push(kh_termvec *t, uint32_t term, float weight)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->v = kh_realloc(t->v, t->cap * sizeof *t->v);
    }
    t->v[t->n++] = (kh_term){term, weight};
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
        if (t->v[i].term == t->v[k].term)
            t->v[k].weight += t->v[i].weight;
        else
            t->v[++k] = t->v[i];
    }
    t->n = k + 1;
}

/* Flags kept beside each term while title and lead are read. */
enum { IN_TITLE = 1, IN_LEAD = 2, IS_NUMBER = 4 };

typedef struct collect {
    kh_termvec *out;
    kh_termvec flags; /* term -> IN_* bits, as weights */
    float weight;
    int part;         /* IN_TITLE or IN_LEAD */
    size_t left;      /* words still to read (lead) */
} collect;

static int keep(const kh_token *tok)
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
    if (c->left == 0)
        return 1; /* the lead is read: stop the walk */
    c->left--;
    if (!keep(tok))
        return 0;
    uint32_t term = (uint32_t)kh_hash64(tok->stem, tok->stem_len, 0x7465726du);
    kh_termvec_push(c->out, term, c->weight);
    int bits = c->part | (tok->kind == KH_TOKEN_NUMBER ? IS_NUMBER : 0);
    kh_termvec_push(&c->flags, term, (float)bits);
    return 0;
}

void kh_story_terms(kh_analyzer *an, const kh_stories_opts *o,
                    const char *title, const char *text, kh_termvec *out)
{
    out->n = 0;
    collect c = {out, {0}, (float)o->title_weight, IN_TITLE, SIZE_MAX};
    if (title)
        kh_analyze(an, title, strlen(title), collect_word, &c);
    c.weight = 1.0f;
    c.part = IN_LEAD;
    c.left = o->lead_words;
    if (text && c.left)
        kh_analyze(an, text, strlen(text), collect_word, &c);
    kh_termvec_sort_merge(out);
    /* flags: sum of distinct bits per term (weights added by the merge
     * can double a bit, so re-derive the bits from the raw list) */
    if (c.flags.n)
        qsort(c.flags.v, c.flags.n, sizeof *c.flags.v, cmp_term);
    size_t f = 0;
    for (size_t i = 0; i < out->n; i++) {
        int bits = 0;
        while (f < c.flags.n && c.flags.v[f].term < out->v[i].term)
            f++;
        while (f < c.flags.n && c.flags.v[f].term == out->v[i].term)
            bits |= (int)c.flags.v[f++].weight;
        float w = out->v[i].weight;
        if ((bits & IN_TITLE) && (bits & IN_LEAD))
            w *= (float)o->name_weight;
        if (bits & IS_NUMBER)
            w *= (float)o->number_weight;
        out->v[i].weight = w;
    }
    kh_termvec_free(&c.flags);
}
