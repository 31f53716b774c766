/*
 * stories_opts.c - the tunable parameters of story clustering, their
 * defaults and their valid ranges (khabar.h).
 *
 * The defaults come from bench/dedup: they gave the best B-cubed F1 on the
 * labelled SaudiNewsNet pairs while keeping the sample corpus's stories
 * exactly as labelled (see bench/dedup/README.md).
 */
#include <string.h>

#include "khabar.h"

void kh_stories_opts_init(kh_stories_opts *o)
{
    memset(o, 0, sizeof *o);
    o->threshold = 0.32;
    o->merge_threshold = 0.5;
    o->window_hours = 36;
    o->max_span_hours = 96;
    o->lead_words = 60;
    o->title_weight = 2.0;
    o->name_weight = 1.5;
    o->number_weight = 1.5;
    o->centroid_terms = 64;
    o->article_terms = 40;
    o->template_cosine = 0.5;
    o->day_penalty = 0.05;
}

int kh_stories_opts_check(const kh_stories_opts *o, const char **why)
{
    const char *bad = NULL;
    if (!(o->threshold > 0.0 && o->threshold <= 1.0))
        bad = "threshold must be in (0, 1]";
    else if (!(o->merge_threshold > 0.0 && o->merge_threshold <= 1.0))
        bad = "merge_threshold must be in (0, 1]";
    else if (o->window_hours < 1 || o->max_span_hours < o->window_hours)
        bad = "window_hours must be at least 1 and at most max_span_hours";
    else if (o->lead_words > 100000)
        bad = "lead_words must be at most 100000";
    else if (!(o->title_weight >= 0.0 && o->title_weight <= 100.0) ||
             !(o->name_weight >= 0.0 && o->name_weight <= 100.0) ||
             !(o->number_weight >= 0.0 && o->number_weight <= 100.0))
        bad = "weights must be in [0, 100]";
    else if (o->centroid_terms < 1 || o->centroid_terms > 4096)
        bad = "centroid_terms must be 1 to 4096";
    else if (o->article_terms < 1 || o->article_terms > 4096)
        bad = "article_terms must be 1 to 4096";
    else if (!(o->template_cosine > 0.0 && o->template_cosine <= 1.0))
        bad = "template_cosine must be in (0, 1]";
    else if (!(o->day_penalty >= 0.0 && o->day_penalty <= 1.0))
        bad = "day_penalty must be in [0, 1]";
    if (why)
        *why = bad;
    return bad ? KH_EINVAL : KH_OK;
}
