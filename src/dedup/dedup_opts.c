/*
 * dedup_opts.c - the tunable parameters of duplicate detection, their
 * defaults and their valid ranges (khabar.h).
 *
 * The defaults come from bench/dedup (README.md there): on the 331
 * labelled SaudiNewsNet pairs, Jaccard >= 0.4 on word 5-grams, or
 * containment >= 0.7, with template texts refused by their key words, gave
 * near-duplicate precision 0.91 at recall 0.84; lower thresholds take more
 * separately written reports of one event.  32 bands of 4 rows make a pair
 * at Jaccard 0.55 a candidate with probability 0.95 (at 0.4, 0.56): the
 * sampled-shingle index finds the rest, and every short copy inside a long
 * text.  A window of 14 days (older clusters leave the index) finds the
 * duplicates of keeping everything on SaudiNewsNet but 5 pairs of 6,214,
 * each two weeks apart or more, and no labelled pair (7 days loses one).
 */
#include <string.h>

#include "dedup/minhash.h"
#include "khabar.h"

void kh_dedup_opts_init(kh_dedup_opts *o)
{
    memset(o, 0, sizeof *o);
    o->shingle_words = 5;
    o->num_perm = 128;
    o->bands = 32;
    o->jaccard = 0.4;
    o->containment = 0.7;
    o->min_shingles = 5;
    o->url_variants = 1;
    o->window_days = 14;
    o->window_undated = 20000;
}

int kh_dedup_opts_check(const kh_dedup_opts *o, const char **why)
{
    const char *bad = NULL;
    if (o->shingle_words < 1 || o->shingle_words > 16)
        bad = "shingle_words must be 1 to 16";
    else if (o->num_perm < 1 || o->num_perm > KH_MINHASH_MAX_PERM)
        bad = "num_perm must be 1 to 1024";
    else if (o->bands < 1 || o->bands > o->num_perm ||
             o->num_perm % o->bands != 0)
        bad = "bands must divide num_perm";
    else if (!(o->jaccard > 0.0 && o->jaccard <= 1.0))
        bad = "jaccard must be in (0, 1]";
    else if (!(o->containment > 0.0 && o->containment <= 1.0))
        bad = "containment must be in (0, 1]";
    else if (o->min_shingles < 1)
        bad = "min_shingles must be at least 1";
    else if (o->window_days > 36500)
        bad = "window_days must be 0 to 36500";
    if (why)
        *why = bad;
    return bad ? KH_EINVAL : KH_OK;
}

const char *kh_dup_kind_name(int kind)
{
    switch (kind) {
    case KH_DUP_NONE: return "none";
    case KH_DUP_EXACT: return "exact";
    case KH_DUP_URL: return "url";
    case KH_DUP_NEAR: return "near";
    default: return "unknown";
    }
}
