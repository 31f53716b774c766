/*
 * clean_page.h - the working state of kh_clean_paras over one page, shared
 * by clean.c (the per-line passes) and clean_blocks.c (the passes that
 * judge runs of lines: comment sections, related blocks, footers, feeds,
 * repeats).
 */
#ifndef KH_EXTRACT_CLEAN_PAGE_H
#define KH_EXTRACT_CLEAN_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "extract/clean.h"
#include "extract/clean_rules.h"
#include "extract/clean_text.h"

typedef struct clean_page {
    kh_paras *p;
    const kh_clean_opts *opts;
    clean_facts *facts;        /* one per paragraph                        */
    unsigned char *mark;       /* clean_mark of each paragraph             */
    unsigned char *dateline;   /* 1: a dateline, protected                 */
    size_t lead;               /* first body paragraph, p->n when none     */
    char *title_key;           /* clean_key of the title, NULL when none   */
    uint64_t *shape;           /* kh_chrome_shape of each paragraph, valid */
    unsigned char *shape_ok;   /*   where shape_ok (cleared when a text is cut) */
} clean_page;

/* kept: the paragraph is (still) body. */
static inline int clean_kept(const clean_page *pg, size_t i)
{
    return pg->p->v[i].dropped == NULL;
}

static inline void clean_drop(clean_page *pg, size_t i, const char *why)
{
    if (pg->p->v[i].dropped == NULL)
        pg->p->v[i].dropped = why;
}

/* The block passes, in the order kh_clean_paras runs them. */
void clean_pass_comments(clean_page *pg);
void clean_pass_footers(clean_page *pg);
void clean_pass_related(clean_page *pg);
void clean_pass_repeats(clean_page *pg, size_t *repeated_lead);
void clean_pass_feed(clean_page *pg, size_t repeated_lead);

#endif
