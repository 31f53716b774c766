/*
 * clean.c - kh_clean_paras, the paragraph-level cleaner (clean.h): the
 * order in which the rules run over a page, and the paragraph array that
 * the text cleaner and the HTML extractor both feed it.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "common/utf8.h"
#include "extract/byline.h"
#include "extract/chrome.h"
#include "extract/clean.h"
#include "extract/clean_date.h"
#include "extract/clean_page.h"
#include "extract/clean_rules.h"
#include "extract/clean_text.h"
#include "extract/entities.h"

const char KH_WHY_EMPTY[] = "empty";
const char KH_WHY_NAVIGATION[] = "navigation";
const char KH_WHY_FONT_SIZE[] = "font-size";
const char KH_WHY_CAPTION[] = "caption";
const char KH_WHY_CAPTION_REPEAT[] = "caption-repeat";
const char KH_WHY_READ_ALSO[] = "read-also";
const char KH_WHY_RELATED[] = "related-teaser";
const char KH_WHY_COMMENTS[] = "comments";
const char KH_WHY_AD[] = "ad-marker";
const char KH_WHY_SHARE[] = "share-footer";
const char KH_WHY_SUBSCRIBE[] = "subscribe-footer";
const char KH_WHY_URL[] = "url";
const char KH_WHY_REPEATED[] = "repeated";
const char KH_WHY_BOILERPLATE[] = "outlet-boilerplate";
const char KH_WHY_BYLINE[] = "byline";
const char KH_WHY_TITLE[] = "title";
const char KH_WHY_SEPARATOR[] = "separator";
const char KH_WHY_DATE[] = "date";

/* --- the paragraph array ---------------------------------------------------- */

void kh_paras_push(kh_paras *p, const char *text, size_t len,
                   kh_para_kind kind)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 32;
        p->v = kh_realloc(p->v, p->cap * sizeof *p->v);
    }
    kh_para *para = &p->v[p->n++];
    memset(para, 0, sizeof *para);
    para->text = kh_strndup(text, len);
    para->kind = kind;
}

static int is_blank(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    clean_class_init();
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += kh_utf8_decode(u + i, n - i, &cp, NULL);
        if (!(clean_class(cp) & (CLEAN_SPACE | CLEAN_IGNORABLE)))
            return 0;
    }
    return 1;
}

/* A line ends at \n or \r; memchr finds the next of each (a \r is
 * rare: one search per line finds none). */
void kh_paras_split_text(kh_paras *p, const char *text, size_t len)
{
    if (!text)
        return;
    for (size_t start = 0; start <= len;) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *cr = memchr(text + start, '\r', end - start);
        if (cr)
            end = (size_t)(cr - text);
        if (!is_blank(text + start, end - start)) {
            kh_paras_push(p, text + start, end - start, KH_PARA_BODY);
            kh_entities_replace(&p->v[p->n - 1].text);
        }
        start = end + 1;
    }
}

static void para_free(kh_para *para)
{
    free(para->text);
    for (size_t i = 0; i < para->n_cuts; i++)
        free(para->cuts[i].line);
    free(para->cuts);
    memset(para, 0, sizeof *para);
}

void kh_paras_free(kh_paras *p)
{
    for (size_t i = 0; i < p->n; i++)
        para_free(&p->v[i]);
    free(p->v);
    memset(p, 0, sizeof *p);
}

static void add_cut(kh_para *para, const char *text, size_t len,
                    const char *why)
{
    char *t = clean_tidy(text, len, NULL);
    if (!*t) {
        free(t);
        return;
    }
    para->cuts = kh_realloc(para->cuts, (para->n_cuts + 1) * sizeof *para->cuts);
    para->cuts[para->n_cuts].line = t;
    para->cuts[para->n_cuts].reason = why;
    para->n_cuts++;
}

/* Replace the paragraph's text by a tidied copy of s[0..n). */
static void set_text(kh_para *para, const char *s, size_t n)
{
    char *t = clean_tidy(s, n, NULL);
    free(para->text);
    para->text = t;
}

/* Cut "[ads3]"-style markers out of the text; a paragraph that is nothing
 * but markers is dropped whole instead.  Returns 1 when the text changed. */
static int cut_ad_markers(kh_para *para)
{
    const char *t = para->text;
    size_t len = strlen(t), at, from = 0, mlen;
    if (!clean_find_ad_marker(t, len, 0, &at))
        return 0;
    int changed = 0;
    kh_buf rest = KH_BUF_INIT;
    kh_buf_reserve(&rest, len);
    size_t n_markers = 0;
    while ((mlen = clean_find_ad_marker(t, len, from, &at)) > 0) {
        kh_buf_append(&rest, t + from, at - from);
        kh_buf_putc(&rest, ' ');
        from = at + mlen;
        n_markers++;
    }
    kh_buf_append(&rest, t + from, len - from);
    if (is_blank(rest.data, rest.len)) {
        para->dropped = KH_WHY_AD;
    } else {
        for (from = 0; (mlen = clean_find_ad_marker(t, len, from, &at)) > 0;
             from = at + mlen)
            add_cut(para, t + at, mlen, KH_WHY_AD);
        set_text(para, rest.data, rest.len);
        changed = 1;
    }
    assert(n_markers > 0);
    kh_buf_free(&rest);
    return changed;
}

#define PREFIX_BYTES 400

/*
 * Tidy, then cut what is glued to the paragraph, in page order: a chrome
 * prefix first, then ad markers anywhere in what is left.  Tidying gives
 * the facts of the head the prefix rules read, and on the same pass
 * those of the whole text into *keep (when keep is not NULL) and its
 * shape into *shape (when shape is not NULL); returns 1 when they are
 * those of the prepared text, no cut having changed it (nearly always),
 * else 0 (and *keep holds nothing to free).
 */
static int prepare_one(kh_para *para, clean_facts *keep, uint64_t *shape)
{
    clean_facts f, whole;
    uint64_t whole_shape = 0;
    /* the glued prefixes are a dozen words at most: the facts of the
     * paragraph's head are enough */
    char *t = clean_tidy_facts(para->text, strlen(para->text), NULL,
                               PREFIX_BYTES, keep ? &whole : NULL, &f,
                               shape ? &whole_shape : NULL);
    free(para->text);
    para->text = t;
    const char *why = NULL;
    size_t cut = clean_prefix_cut(para->text, &f, &why);
    clean_facts_free(&f);
    int changed = 0;
    if (cut > 0 && para->text[cut] != '\0') {
        add_cut(para, para->text, cut, why);
        char *rest = kh_strdup(para->text + cut);
        set_text(para, rest, strlen(rest));
        free(rest);
        changed = 1;
    }
    changed |= cut_ad_markers(para);
    if (keep && changed)
        clean_facts_free(&whole);
    else if (keep)
        *keep = whole;
    if (shape && !changed)
        *shape = whole_shape;
    return !changed;
}

void kh_paras_prepare(kh_paras *p)
{
    for (size_t i = 0; i < p->n; i++)
        prepare_one(&p->v[i], NULL, NULL);
}

void kh_paras_prepare_shapes(kh_paras *p, uint64_t *shapes)
{
    for (size_t i = 0; i < p->n; i++) {
        if (!prepare_one(&p->v[i], NULL, &shapes[i])) {
            const char *t = p->v[i].text;
            shapes[i] = kh_chrome_shape(t, strlen(t));
        }
    }
}

void kh_clean_found_free(kh_clean_found *found)
{
    if (!found)
        return;
    free(found->title);
    free(found->byline);
    free(found->date);
    memset(found, 0, sizeof *found);
}

/* --- the passes ------------------------------------------------------------- */

static void refresh_facts(clean_page *pg, size_t i)
{
    pg->shape_ok[i] = 0; /* the text changed: its shape is computed anew */
    clean_facts_free(&pg->facts[i]);
    const char *t = pg->p->v[i].text;
    clean_facts_compute(&pg->facts[i], t, strlen(t));
}

/* Line rules, and datelines found anywhere (they are protected later). */
static void pass_lines(clean_page *pg)
{
    for (size_t i = 0; i < pg->p->n; i++) {
        kh_para *para = &pg->p->v[i];
        clean_facts *f = &pg->facts[i];
        if (para->dropped)
            continue;
        clean_mark mark;
        const char *why = clean_rule_line(para->text, f, para->kind, &mark);
        pg->mark[i] = (unsigned char)mark;
        if (why)
            para->dropped = why;
        else
            pg->dateline[i] = (unsigned char)byline_is_dateline(para->text, f);
    }
}

static int is_recurring(const clean_page *pg, size_t i)
{
    const kh_clean_opts *o = pg->opts;
    if (!o->model || pg->dateline[i])
        return 0;
    const char *t = pg->p->v[i].text;
    uint64_t shape =
        pg->shape_ok[i] ? pg->shape[i] : kh_chrome_shape(t, strlen(t));
    return kh_chrome_is_recurring(o->model, o->source, shape);
}

/* The next kept paragraph at or after i; p->n when none. */
static size_t next_kept(const clean_page *pg, size_t i)
{
    while (i < pg->p->n && !clean_kept(pg, i))
        i++;
    return i;
}

#define TITLE_MAX_WORDS 30

/* A page without a date: a line that is only one is not its title (the
 * date pass drops it). */
static int is_date_only(const clean_page *pg, size_t i)
{
    if (!pg->opts->find_date || pg->facts[i].ends_sentence)
        return 0;
    const char *t = pg->p->v[i].text;
    clean_date cd;
    return clean_date_line(t, strlen(t), 1, &cd) == CLEAN_DATE_ONLY;
}

/* Lines equal to the known author; the title line; a byline glued to the
 * first paragraph ("سبق- الرياض: أكملت ...", the known author's or one
 * that reads as a byline up to a colon). */
static void pass_title_author(clean_page *pg, kh_clean_found *found)
{
    const kh_clean_opts *o = pg->opts;
    char *author_key = byline_author_key(o->author);
    if (author_key)
        for (size_t i = 0; i < pg->p->n; i++)
            if (clean_kept(pg, i) && strcmp(pg->facts[i].key, author_key) == 0)
                clean_drop(pg, i, KH_WHY_BYLINE);
    if (o->title) {
        char *title_key = clean_key(o->title, strlen(o->title), NULL);
        size_t i = next_kept(pg, 0);
        for (int tries = 0; tries < 3 && i < pg->p->n && *title_key;
             tries++, i = next_kept(pg, i + 1)) {
            /* a "title" of a whole paragraph is a scraper's mistake (sabq):
             * the paragraph stays */
            if (strcmp(pg->facts[i].key, title_key) == 0 &&
                pg->facts[i].words <= TITLE_MAX_WORDS) {
                clean_drop(pg, i, KH_WHY_TITLE);
                break;
            }
        }
        free(title_key);
    } else if (o->title_from_text) {
        for (size_t i = next_kept(pg, 0); i < pg->p->n;
             i = next_kept(pg, i + 1)) {
            if (is_recurring(pg, i) || is_date_only(pg, i))
                continue;
            clean_drop(pg, i, KH_WHY_TITLE);
            free(found->title);
            found->title = kh_strdup(pg->p->v[i].text);
            break;
        }
    }
    size_t first = next_kept(pg, 0);
    if (first < pg->p->n) {
        kh_para *para = &pg->p->v[first];
        size_t cut = byline_author_prefix(para->text, &pg->facts[first],
                                          author_key);
        if (cut == 0)
            cut = byline_glued_prefix(para->text);
        if (cut > 0 && para->text[cut]) {
            add_cut(para, para->text, cut, KH_WHY_BYLINE);
            char *rest = kh_strdup(para->text + cut);
            set_text(para, rest, strlen(rest));
            free(rest);
            refresh_facts(pg, first);
        }
    }
    free(author_key);
}

/* A paragraph that is clearly running text: the head of the page ends. */
static int is_full(const clean_facts *f)
{
    return f->ends_sentence || f->words > 16;
}

/* Head lines read for a date: the page's date is stated above the body or
 * in its first paragraph's dateline. */
#define DATE_HEAD_LINES 8

/*
 * The date of a page that came without one, from its head: the lines
 * after the title up to and including the first paragraph of running
 * text.  A line that is only a date goes (as "date"); a dateline opening a
 * line ("الرياض 18 نوفمبر 2024 (واس) -") or a date closing a short byline
 * gives the date and stays.  The first date found wins, except that a date
 * labelled as an update gives way to a later one that is not.  Nothing
 * below the first paragraph is read: a date there is one the report
 * mentions, not the day it was published.
 */
static void pass_date(clean_page *pg, kh_clean_found *found)
{
    if (!pg->opts->find_date)
        return;
    clean_date best;
    memset(&best, 0, sizeof best);
    int have = 0, looked = 0;
    for (size_t i = next_kept(pg, 0); i < pg->p->n && looked < DATE_HEAD_LINES;
         i = next_kept(pg, i + 1), looked++) {
        const clean_facts *f = &pg->facts[i];
        const char *t = pg->p->v[i].text;
        int full = is_full(f);
        clean_date cd;
        clean_date_kind kind = clean_date_line(t, strlen(t), !full, &cd);
        /* a wire's dateline ("الرياض 06 شوال 1436 هـ الموافق 22 يوليو 2015
         * م واس") gives its date wherever it stands on the line */
        if (kind == CLEAN_DATE_NONE && !full && pg->dateline[i] &&
            kh_date_find(t, strlen(t), KH_DATE_DAY_FIRST, &cd.date))
            kind = CLEAN_DATE_LEAD;
        if (kind == CLEAN_DATE_ONLY)
            clean_drop(pg, i, KH_WHY_DATE);
        if (kind != CLEAN_DATE_NONE && (!have || (best.update && !cd.update))) {
            best = cd;
            have = 1;
        }
        if (full)
            break;
    }
    if (have) {
        char iso[24];
        free(found->date);
        found->date = kh_strdup(kh_date_format(&best.date, iso));
    }
}

static void take_byline(clean_page *pg, size_t i, kh_clean_found *found)
{
    clean_drop(pg, i, KH_WHY_BYLINE);
    if (!found->byline)
        found->byline = kh_strdup(pg->p->v[i].text);
}

/* A writer's name alone on a line that recurs across the outlet. */
static int is_recurring_name(const clean_page *pg, size_t i)
{
    return byline_name_shaped(pg->p->v[i].text, &pg->facts[i]) &&
           is_recurring(pg, i);
}

/* Bylines among the first lines, before the body starts, and a recurring
 * name signing the article off at its foot. */
static void pass_head(clean_page *pg, kh_clean_found *found)
{
    int looked = 0;
    for (size_t i = next_kept(pg, 0); i < pg->p->n && looked < 4;
         i = next_kept(pg, i + 1), looked++) {
        const clean_facts *f = &pg->facts[i];
        if (pg->dateline[i])
            continue;
        if (is_full(f))
            break;
        if (byline_is_byline(pg->p->v[i].text, f) || is_recurring_name(pg, i))
            take_byline(pg, i, found);
    }
    for (size_t i = pg->p->n; i-- > 0;) {
        if (!clean_kept(pg, i))
            continue;
        if (is_recurring_name(pg, i))
            take_byline(pg, i, found);
        break;
    }
}

/* The lead (first full body paragraph) and the title's key, for the block
 * passes. */
static void find_lead(clean_page *pg, const char *title)
{
    pg->lead = pg->p->n;
    for (size_t i = next_kept(pg, 0); i < pg->p->n; i = next_kept(pg, i + 1)) {
        if (pg->dateline[i] || !is_full(&pg->facts[i]))
            continue;
        pg->lead = i;
        break;
    }
    pg->title_key = title ? clean_key(title, strlen(title), NULL) : NULL;
}

/* Cut a paragraph's text at `at`, keeping the head and recording the
 * tail as cut. */
static void cut_tail(clean_page *pg, size_t i, size_t at, const char *why)
{
    kh_para *para = &pg->p->v[i];
    add_cut(para, para->text + at, strlen(para->text + at), why);
    char *head = kh_strndup(para->text, at);
    set_text(para, head, at);
    free(head);
    refresh_facts(pg, i);
}

/* A tag list glued to the end of the last paragraph (3alyoum's "سمات"). */
static void pass_tail_tags(clean_page *pg)
{
    for (size_t i = pg->p->n; i-- > 0;) {
        if (!clean_kept(pg, i))
            continue;
        size_t at = clean_tags_suffix(pg->p->v[i].text, &pg->facts[i]);
        if (at > 0)
            cut_tail(pg, i, at, KH_WHY_NAVIGATION);
        return;
    }
}

static void pass_model(clean_page *pg)
{
    for (size_t i = 0; i < pg->p->n; i++)
        if (clean_kept(pg, i) && is_recurring(pg, i))
            clean_drop(pg, i, KH_WHY_BOILERPLATE);
}

/*
 * Prepare every paragraph (kh_paras_prepare), and compute its facts and,
 * when the model looks each kept one up (pass_model) or ingest counts them
 * (opts->lines), its shape: in one pass over each prepared text, or none
 * at all when preparing it computed them already.
 */
static void prepare_page(clean_page *pg)
{
    const kh_paras *p = pg->p;
    int want_shape = pg->opts->model || pg->opts->lines;
    pg->facts = kh_calloc(p->n + 1, sizeof *pg->facts);
    pg->shape = kh_calloc(p->n + 1, sizeof *pg->shape);
    pg->shape_ok = kh_calloc(p->n + 1, 1);
    for (size_t i = 0; i < p->n; i++) {
        uint64_t *shape = want_shape ? &pg->shape[i] : NULL;
        if (!prepare_one(&p->v[i], &pg->facts[i], shape)) {
            const char *t = p->v[i].text;
            if (shape)
                *shape = clean_facts_compute_shape(&pg->facts[i], t,
                                                   strlen(t));
            else
                clean_facts_compute(&pg->facts[i], t, strlen(t));
        }
        pg->shape_ok[i] = (unsigned char)want_shape;
    }
    if (!pg->opts->lines)
        return;
    size_t *lens = kh_malloc((p->n + 1) * sizeof *lens);
    for (size_t i = 0; i < p->n; i++)
        lens[i] = strlen(p->v[i].text);
    kh_chrome_lines_of_shapes(pg->shape, lens, p->n, pg->opts->lines);
    free(lens);
}

/*
 * The order matters: single-line rules first (they also mark what opens a
 * block), then the title and bylines, which must not be mistaken for
 * chrome blocks, then the blocks, then repeats (whose RT trigger needs the
 * lead), then a tag list glued to the last paragraph, and last the
 * recurring-line model, which only judges what every specific rule left,
 * datelines excepted.
 */
void kh_clean_paras(kh_paras *p, const kh_clean_opts *opts,
                    kh_clean_found *found)
{
    kh_clean_found local = {0};
    if (!found)
        found = &local;
    memset(found, 0, sizeof *found);
    clean_page pg;
    memset(&pg, 0, sizeof pg);
    pg.p = p;
    pg.opts = opts;
    pg.mark = kh_calloc(p->n + 1, 1);
    pg.dateline = kh_calloc(p->n + 1, 1);
    prepare_page(&pg);

    pass_lines(&pg);
    pass_title_author(&pg, found);
    pass_date(&pg, found);
    pass_head(&pg, found);
    find_lead(&pg, opts->title ? opts->title : found->title);
    clean_pass_comments(&pg);
    clean_pass_footers(&pg);
    clean_pass_related(&pg);
    size_t repeated_lead;
    clean_pass_repeats(&pg, &repeated_lead);
    clean_pass_feed(&pg, repeated_lead);
    pass_tail_tags(&pg);
    pass_model(&pg);

    for (size_t i = 0; i < p->n; i++) {
        found->kept += clean_kept(&pg, i);
        clean_facts_free(&pg.facts[i]);
    }
    free(pg.facts);
    free(pg.mark);
    free(pg.dateline);
    free(pg.shape);
    free(pg.shape_ok);
    free(pg.title_key);
    if (found == &local)
        kh_clean_found_free(&local);
}
