/*
 * stories_prep.c - the first half of story clustering (khabar.h:
 * kh_stories_prepare): an article's terms, date and outlet, made without
 * touching the clusterer's shared state so that callers may prepare on
 * several threads and place on one.
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "stories/stories_prep.h"
#include "stories/stories_state.h"
#include "stories/story_time.h"

kh_stories_prep *kh_stories_prep_create(void)
{
    return kh_calloc(1, sizeof(kh_stories_prep));
}

void kh_stories_prep_free(kh_stories_prep *p)
{
    if (!p)
        return;
    kh_termvec_free(&p->terms);
    free(p);
}

int kh_stories_prepare_tokens(const kh_stories *s, kh_analyzer *an,
                              const kh_article_tokens *toks,
                              const kh_article *a, kh_stories_prep *p)
{
    p->prepared = 0;
    if (a->id == 0)
        return KH_EINVAL;
    p->id = a->id;
    p->hours = kh_story_hours(a->date);
    p->source = kh_story_source(a->source);
    kh_story_terms_tokens(an, toks, kh_stories_get_opts(s), a->title, a->text,
                          &p->terms);
    p->prepared = 1;
    return KH_OK;
}

int kh_stories_prepare(const kh_stories *s, kh_analyzer *an,
                       const kh_article *a, kh_stories_prep *p)
{
    return kh_stories_prepare_tokens(s, an, NULL, a, p);
}

void kh_stories_prep_known(kh_stories_prep *p, uint64_t id)
{
    p->id = id;
    p->hours = KH_NO_TIME;
    p->source = 0;
    p->terms.n = 0;
    p->prepared = 1;
}

kh_stories_prep *kh_stories_prep_array_grow(kh_stories_prep *a, size_t n,
                                            size_t want)
{
    a = kh_realloc(a, want * sizeof *a);
    memset(a + n, 0, (want - n) * sizeof *a);
    return a;
}

void kh_stories_prep_array_free(kh_stories_prep *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        kh_termvec_free(&a[i].terms);
    free(a);
}
