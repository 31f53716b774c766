/*
 * clean_blocks.c - chrome that is a run of lines rather than one line: the
 * comment section, share/subscribe footers, the teasers after a "read also"
 * header, the feed of other stories on an RT-style page, repeated captions
 * and paragraphs (clean_page.h).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/map.h"
#include "extract/clean_page.h"
#include "khabar.h"

/*
 * Lexical closeness of a paragraph to the article: the share of its content
 * words found in the title and the body kept before the block.  Measured
 * on the seeds, article paragraphs score 0.07-0.67 against the text before
 * them (median about 0.33) and other stories' teasers 0.03-0.58 (median
 * about 0.15): a weak signal, so it only decides the one case no structure
 * settles, a report-like paragraph without a headline above it.
 */
#define CLOSE_CONTAINMENT 0.35
#define PROFILE_MAX 4096

typedef struct profile {
    uint64_t *w;
    size_t n;
} profile;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The content words of the title and of the body kept before `upto`. */
static void profile_build(profile *pr, const clean_page *pg, size_t upto)
{
    pr->w = kh_malloc(PROFILE_MAX * sizeof *pr->w);
    pr->n = 0;
    if (pg->title_key)
        pr->n = clean_content_words(pg->title_key, pr->w, PROFILE_MAX);
    for (size_t i = 0; i < upto && pr->n < PROFILE_MAX; i++)
        if (clean_kept(pg, i))
            pr->n += clean_content_words(pg->facts[i].key, pr->w + pr->n,
                                         PROFILE_MAX - pr->n);
    qsort(pr->w, pr->n, sizeof *pr->w, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < pr->n; i++)
        if (u == 0 || pr->w[u - 1] != pr->w[i])
            pr->w[u++] = pr->w[i];
    pr->n = u;
}

static int lexically_close(const clean_page *pg, size_t i, const profile *pr)
{
    uint64_t words[512];
    size_t n = clean_content_words(pg->facts[i].key, words, 512);
    if (n == 0 || pr->n == 0)
        return 0;
    return clean_containment(words, n, pr->w, pr->n) >= CLOSE_CONTAINMENT;
}

/* A line that ends the page's content: a comment header or a footer. */
static int is_boundary(const clean_page *pg, size_t i)
{
    const char *why = pg->p->v[i].dropped;
    return pg->mark[i] == CLEAN_MARK_COMMENTS ||
           pg->mark[i] == CLEAN_MARK_FOOTER || why == KH_WHY_COMMENTS ||
           why == KH_WHY_SUBSCRIBE || why == KH_WHY_SHARE;
}

/*
 * The comment section: from the first comment header or disclaimer that
 * follows some body, everything to the end of the page is comments (the
 * numbered comments, their replies, the form).  Lines a more specific rule
 * already named keep their reason.  A header before any body (a "comment"
 * button under the title) is dropped alone.
 */
void clean_pass_comments(clean_page *pg)
{
    int seen_body = 0;
    for (size_t i = 0; i < pg->p->n; i++) {
        if (pg->mark[i] == CLEAN_MARK_COMMENTS && seen_body) {
            for (size_t j = i + 1; j < pg->p->n; j++)
                clean_drop(pg, j, KH_WHY_COMMENTS);
            return;
        }
        if (clean_kept(pg, i) && pg->facts[i].words >= 8)
            seen_body = 1;
    }
}

/* After a share/subscribe/contact line, the links, numbers and labels that
 * follow belong to the same footer. */
void clean_pass_footers(clean_page *pg)
{
    for (size_t i = 0; i < pg->p->n; i++) {
        if (pg->mark[i] != CLEAN_MARK_FOOTER)
            continue;
        const char *why = pg->p->v[i].dropped;
        size_t j = i + 1;
        for (; j < pg->p->n; j++) {
            if (!clean_kept(pg, j))
                continue; /* already chrome: the footer goes on */
            if (!clean_footer_continues(pg->p->v[j].text, &pg->facts[j]))
                break;
            clean_drop(pg, j, why);
        }
        i = j - 1;
    }
}

/*
 * The related block after a standalone "read also" header.  Its teasers are
 * other stories' real paragraphs, so the block's end must be found from
 * evidence:
 *   - headline-like lines (short, no final stop) are headlines or category
 *     labels; a full paragraph right after one is that headline's teaser;
 *   - a full paragraph without a headline before it is a teaser only when
 *     it reads like another report's lead (no connective at its start) and
 *     is lexically far from the article's title and body so far;
 *   - a paragraph that continues the article (opens with a connective) ends
 *     the block, and a headline-like line just before it is the article's
 *     subheading, given back;
 *   - otherwise the block runs to the comment section, the footer or the
 *     end of the page.
 */
static void related_block(clean_page *pg, size_t header)
{
    size_t n = pg->p->n, resume = n, end = n, last_headline = n;
    int after_headline = 0;
    profile pr = {NULL, 0}; /* built when first needed: most blocks never do */
    for (size_t i = header + 1; i < n; i++) {
        if (is_boundary(pg, i) || pg->mark[i] == CLEAN_MARK_READ_HEADER) {
            end = i; /* a next header opens a block of its own */
            break;
        }
        if (!clean_kept(pg, i))
            continue;
        const clean_facts *f = &pg->facts[i];
        if (pg->dateline[i]) {
            resume = i;
            break;
        }
        if (clean_headline_like(f, pg->p->v[i].kind)) {
            after_headline = 1;
            last_headline = i;
            continue;
        }
        if (!clean_opens_report(f)) {
            resume = i;
            break;
        }
        if (!after_headline && !pr.w)
            profile_build(&pr, pg, header);
        if (after_headline || !lexically_close(pg, i, &pr)) {
            after_headline = 0;
            continue;
        }
        resume = i;
        break;
    }
    size_t stop = resume < end ? resume : end;
    if (resume < n && after_headline) {
        /* the headline-like line right before the resumed body is the
         * article's own subheading */
        stop = last_headline;
    }
    for (size_t i = header + 1; i < stop; i++)
        clean_drop(pg, i, KH_WHY_RELATED);
    free(pr.w);
}

void clean_pass_related(clean_page *pg)
{
    for (size_t i = 0; i < pg->p->n; i++)
        if (pg->mark[i] == CLEAN_MARK_READ_HEADER)
            related_block(pg, i);
}

/*
 * Repeats.  Two identical short lines one after the other before the body
 * starts are an image's caption printed twice (alt text and caption): both
 * go.  A full paragraph printed twice in a row keeps its first copy; when
 * that paragraph is the lead, the page has the RT layout (title, lead, lead
 * again, then a feed) and *repeated_lead gets the second copy's index for
 * clean_pass_feed.  Further down, a paragraph that occurred earlier on the
 * page goes only when it is long: in SaudiNewsNet the short repeats are
 * real text (a poem's refrain, "وقد أعد مرسوم ملكي بذلك." closing each
 * decree of a list, the same condolence formula after each call), while
 * the long ones (20 words and more) are pages scraped twice over.
 */
#define REPEAT_MIN_WORDS 20
#define ADJACENT_MIN_WORDS 8

void clean_pass_repeats(clean_page *pg, size_t *repeated_lead)
{
    size_t n = pg->p->n;
    *repeated_lead = n;
    for (size_t i = 0; i + 1 < n; i++) {
        if (!clean_kept(pg, i) || !clean_kept(pg, i + 1))
            continue;
        const clean_facts *a = &pg->facts[i], *b = &pg->facts[i + 1];
        if (a->key_len == 0 || strcmp(a->key, b->key) != 0)
            continue;
        if (i < pg->lead && a->words <= 12 && !pg->dateline[i] &&
            clean_headline_like(a, pg->p->v[i].kind)) {
            clean_drop(pg, i, KH_WHY_CAPTION_REPEAT);
            clean_drop(pg, i + 1, KH_WHY_CAPTION_REPEAT);
        } else if (a->words >= ADJACENT_MIN_WORDS) {
            clean_drop(pg, i + 1, KH_WHY_REPEATED);
            if (i == pg->lead && *repeated_lead == n)
                *repeated_lead = i + 1;
        }
    }
    kh_map seen = KH_MAP_INIT;
    for (size_t i = 0; i < n; i++) {
        const clean_facts *f = &pg->facts[i];
        if (!clean_kept(pg, i) || f->words < REPEAT_MIN_WORDS)
            continue;
        int created;
        kh_map_put(&seen, kh_hash64(f->key, f->key_len, 0x726570), &created);
        if (!created)
            clean_drop(pg, i, KH_WHY_REPEATED);
    }
    kh_map_free(&seen);
}

/*
 * The RT layout: after the repeated lead come the leads of other stories.
 * The body is the lead (and whatever continues it); the feed is recognised
 * when every paragraph between the repeated lead and the end of the content
 * reads like a report's first sentence (no connective) and there are at
 * least two of them.  One continuation paragraph among them means the
 * article goes on, and nothing is dropped.
 */
void clean_pass_feed(clean_page *pg, size_t repeated_lead)
{
    size_t n = pg->p->n;
    if (repeated_lead >= n)
        return;
    size_t end = n, leads = 0;
    for (size_t i = repeated_lead + 1; i < n; i++) {
        if (is_boundary(pg, i)) {
            end = i;
            break;
        }
        if (!clean_kept(pg, i))
            continue;
        const clean_facts *f = &pg->facts[i];
        if (clean_headline_like(f, pg->p->v[i].kind))
            continue;
        if (!clean_opens_report(f) || pg->dateline[i])
            return;
        leads++;
    }
    if (leads < 2)
        return;
    for (size_t i = repeated_lead + 1; i < end; i++)
        clean_drop(pg, i, KH_WHY_RELATED);
}
