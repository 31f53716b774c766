/*
 * batch.c - what ingest does to a batch of articles.  The workers prepare
 * each article alone (prepare_article), and the one that finishes the
 * batch places its duplicates and stories in memory (place_batch) while
 * the writer is still writing the batch before; then, in one transaction,
 * a plain sequence of stages applies the results in input order, each a
 * loop over the batch that looks only at the articles still pending.  A
 * new stage is one more line in write_batch().
 */
#include <assert.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "common/utf8.h"
#include "extract/clean.h"
#include "ingest/ingest.h"
#include "ingest/ingest_links.h"
#include "store/db.h"

/* An article is Arabic when at least this share of its letters are. */
#define KH_MIN_ARABIC_SHARE 0.2

void ingest_reject(ingest_run *run, const kh_article *a, int reason, int code,
                   const char *fmt, ...)
{
    assert(reason >= 0 && reason < KH_REJECT_COUNT);
    run->stats->rejected_by[reason]++;
    run->stats->rejected++;
    if (!run->on_error)
        return;
    kh_buf msg = KH_BUF_INIT, scratch = KH_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    kh_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    const char *where = a->origin ? a->origin : a->url ? a->url : "(input)";
    kh_read_error e = {ingest_display_path(run, where, &scratch), 0, 0, code,
                       msg.data};
    run->on_error(run->error_ctx, &e);
    kh_buf_free(&msg);
    kh_buf_free(&scratch);
}

/* Mark article i of b as already present when the database holds it. */
static int mark_if_present(ingest_run *run, ingest_batch *b, size_t i)
{
    int present = 0;
    int rc = kh_db_has_article(run->db, b->articles[i].id, &present);
    if (rc == KH_OK && present) {
        b->fate[i] = FATE_PRESENT;
        run->stats->already_present++;
    }
    return rc;
}

/* Stage: skip what an earlier run (or batch) stored. */
static int stage_skip_present(ingest_run *run, ingest_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->fate[i] != FATE_PENDING)
            continue;
        int rc = mark_if_present(run, b, i);
        if (rc != KH_OK)
            return rc;
    }
    return KH_OK;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
            c != '\v')
            return 0;
    }
    return 1;
}

static int is_arabic_block(uint32_t cp)
{
    return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
           (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFF);
}

static int is_letter_utf8proc(uint32_t cp)
{
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* The main Arabic block, where nearly every character of an article
 * falls, is looked up in a table made once from utf8proc (the same
 * answers, without a library call per character). */
#define ARABIC_BASE 0x0600u
#define ARABIC_SPAN 0x100u
static unsigned char arabic_letters[ARABIC_SPAN];
static pthread_once_t arabic_letters_once = PTHREAD_ONCE_INIT;

static void arabic_letters_make(void)
{
    for (uint32_t i = 0; i < ARABIC_SPAN; i++)
        arabic_letters[i] = (unsigned char)is_letter_utf8proc(ARABIC_BASE + i);
}

static int is_letter(uint32_t cp)
{
    if (cp - ARABIC_BASE < ARABIC_SPAN)
        return arabic_letters[cp - ARABIC_BASE];
    return is_letter_utf8proc(cp);
}

/* The share of the letters of s that are Arabic (0 when s has none).
 * ASCII, the bulk of what is not Arabic, is classified without utf8proc. */
static double arabic_share(const char *s, size_t n)
{
    pthread_once(&arabic_letters_once, arabic_letters_make);
    size_t letters = 0, arabic = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            letters += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            i++;
            continue;
        }
        unsigned char c1 = i + 1 < n ? (unsigned char)s[i + 1] : 0;
        if (c >= 0xD8 && c <= 0xDB && (c1 & 0xC0) == 0x80) {
            /* U+0600-U+06FF, nearly every other character: decoded and
             * looked up here */
            uint32_t cp = (c & 0x1Fu) << 6 | (c1 & 0x3Fu);
            unsigned letter = arabic_letters[cp - ARABIC_BASE];
            letters += letter;
            arabic += letter;
            i += 2;
            continue;
        }
        uint32_t cp;
        i += kh_utf8_decode((const unsigned char *)s + i, n - i, &cp, NULL);
        if (!is_letter(cp))
            continue;
        letters++;
        arabic += is_arabic_block(cp);
    }
    return letters ? (double)arabic / (double)letters : 0.0;
}

/* The analyser of the thread preparing links; one per thread, kept for
 * its life (the workers live as long as the process). */
static kh_analyzer *thread_analyzer(void)
{
    static _Thread_local kh_analyzer *an;
    if (!an)
        an = kh_analyzer_create(NULL);
    return an;
}

/*
 * A worker's part, for one article: the raw page to clean text with the
 * chrome model of the whole run (read-only during the store pass), the
 * language test (Arabic articles only, a page in English quoting an Arabic
 * name is not one, unless the caller wants every language), then what the
 * insert needs, and what placing its duplicates and story needs (once the
 * links are open: the first batches are placed the plain way, see
 * stage_links).  It touches nothing but the article and its own slots.
 */
static void prepare_article(void *ctx, size_t i)
{
    ingest_batch *b = ctx;
    if (b->fate[i] != FATE_PENDING)
        return;
    kh_article *a = &b->articles[i];
    ingest_prep *p = &b->prep[i];
    if (!a->raw || is_blank(a->raw, a->raw_len)) {
        p->verdict = VERDICT_EMPTY;
        return;
    }
    /* title and text analysed once: the text while cleaning (its content
     * hash), the title after (cleaning may find it); the index terms, the
     * duplicate and the story preparations all read these tokens */
    static _Thread_local kh_article_tokens toks = KH_ARTICLE_TOKENS_INIT;
    kh_analyzer *an = thread_analyzer();
    int rc = kh_clean_article_tokens(a, b->model, &p->lines, an, &toks.text);
    if (rc != KH_OK || !a->text || is_blank(a->text, strlen(a->text))) {
        p->verdict = VERDICT_ALL_CHROME;
        return;
    }
    if (!b->allow_non_arabic) {
        p->arabic_share = arabic_share(a->text, strlen(a->text));
        if (p->arabic_share < KH_MIN_ARABIC_SHARE) {
            p->verdict = VERDICT_NOT_ARABIC;
            return;
        }
    }
    kh_article_tokens_title(&toks, an, a);
    kh_put_prep_make(&p->put, a, &toks);
    p->verdict = VERDICT_STORE;
    if (b->links) {
        if (!b->link[i])
            b->link[i] = ingest_link_prep_create();
        b->link_ok[i] =
            ingest_links_prepare(b->links, an, &toks, a, b->link[i]) == KH_OK;
    }
}

/*
 * Which articles of b the writer will store, foreseen: prepared to be
 * stored, not found stored when the batch started, not stored by the
 * batch written meanwhile (run->in_flight), and the first of their id in
 * the batch.  Their ids become the next batch's in_flight.
 */
static void foresee_stored(ingest_run *run, ingest_batch *b)
{
    kh_map seen = KH_MAP_INIT;
    b->n_placed = 0;
    for (size_t i = 0; i < b->n; i++) {
        int created = 0;
        if (b->fate[i] != FATE_PENDING || b->prep[i].verdict != VERDICT_STORE ||
            kh_map_get(&run->in_flight, b->articles[i].id))
            continue;
        kh_map_put(&seen, b->articles[i].id, &created);
        if (created)
            b->placed_item[b->n_placed++] = i;
    }
    kh_map_free(&run->in_flight);
    run->in_flight = seen;
}

/*
 * Placing apart: once the workers have prepared b (this runs on the thread
 * that finished the last article) and the batch started before b has been
 * placed, b's articles that will be stored are placed, in input order,
 * into b's record of where they went; the writer saves it (save_placed)
 * after storing them.  This runs while the writer writes the batch before:
 * it touches the in-memory index and clusterer, and the database only
 * through the links' own read-only connection.
 */
static void place_batch(void *ctx)
{
    ingest_batch *b = ctx;
    ingest_run *run = b->run;
    pthread_mutex_lock(&run->place_lock);
    while (run->place_done + 1 != b->place_number)
        pthread_cond_wait(&run->place_turn, &run->place_lock);
    pthread_mutex_unlock(&run->place_lock);

    foresee_stored(run, b);
    ingest_link_prep **preps =
        kh_malloc((b->n_placed ? b->n_placed : 1) * sizeof *preps);
    for (size_t k = 0; k < b->n_placed; k++) {
        size_t i = b->placed_item[k];
        if (!b->link_ok[i]) /* as ingest_links_add would: prepare again */
            b->link_ok[i] = ingest_links_prepare(run->links,
                                                 thread_analyzer(), NULL,
                                                 &b->articles[i],
                                                 b->link[i]) == KH_OK;
        preps[k] = b->link[i];
    }
    if (!b->link_rec)
        b->link_rec = ingest_link_batch_create();
    ingest_links_place_apart(run->links, preps, b->n_placed, b->link_rec);
    b->placed = b->link_rec;
    free(preps);

    pthread_mutex_lock(&run->place_lock);
    run->place_done = b->place_number;
    pthread_cond_broadcast(&run->place_turn);
    pthread_mutex_unlock(&run->place_lock);
}

/* Stage: what cleaning rejected. */
static void stage_clean(ingest_run *run, ingest_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->fate[i] != FATE_PENDING)
            continue;
        kh_article *a = &b->articles[i];
        ingest_verdict v = b->prep[i].verdict;
        /* a text of spaces alone (no-break spaces are common) has no line
         * to remove: it is empty, not chrome */
        if (v == VERDICT_ALL_CHROME && a->n_removed == 0)
            v = VERDICT_EMPTY;
        if (v == VERDICT_EMPTY) {
            b->fate[i] = FATE_REJECTED;
            ingest_reject(run, a, KH_REJECT_EMPTY, KH_EEMPTY,
                          "the article has no text");
        } else if (v == VERDICT_ALL_CHROME) {
            b->fate[i] = FATE_REJECTED;
            ingest_reject(run, a, KH_REJECT_ALL_CHROME, KH_EEMPTY,
                          "nothing is left after removing %zu chrome line%s",
                          a->n_removed, a->n_removed == 1 ? "" : "s");
        }
    }
}

/* Stage: what the language test rejected. */
static void stage_filter_language(ingest_run *run, ingest_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->fate[i] != FATE_PENDING ||
            b->prep[i].verdict != VERDICT_NOT_ARABIC)
            continue;
        b->fate[i] = FATE_REJECTED;
        ingest_reject(run, &b->articles[i], KH_REJECT_NOT_ARABIC, KH_EINVAL,
                      "the text is not Arabic (%.0f%% of its letters are)",
                      b->prep[i].arabic_share * 100.0);
    }
}

/* Stage: store (indexed at the end).  An article whose text is stored under
 * another id (a wire copy in two outlets) is still added: it is its own
 * article, sharing the content hash. */
static int stage_store(ingest_run *run, ingest_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->fate[i] != FATE_PENDING)
            continue;
        assert(b->prep[i].verdict == VERDICT_STORE);
        kh_article *a = &b->articles[i];
        int same_text = 0, added = 0;
        int rc = kh_db_has_content_hash(run->db, a->content_hash, &same_text);
        if (rc == KH_OK)
            rc = kh_db_put_row(run->db, a, &b->prep[i].put, &added,
                               &b->prep[i].seq);
        if (rc != KH_OK)
            return rc;
        if (!added) { /* the same id twice in this batch */
            b->fate[i] = FATE_PRESENT;
            run->stats->already_present++;
            continue;
        }
        b->fate[i] = FATE_STORED;
        run->stats->added++;
        run->stats->same_text += same_text != 0;
        run->stats->lines_removed += a->n_removed;
    }
    return KH_OK;
}

/* Stage: the search index of the stored articles, the batch's last write
 * (kh_db_put_row says why). */
static int stage_index(ingest_run *run, ingest_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->fate[i] != FATE_STORED)
            continue;
        int rc = kh_db_index_row(run->db, &b->articles[i], b->prep[i].seq,
                                 &b->prep[i].put);
        if (rc != KH_OK)
            return rc;
    }
    return KH_OK;
}

/* The batch placed apart (place_batch) is saved: the placer foresaw which
 * articles would be stored; only another process storing the same ids
 * meanwhile makes it wrong, and then only the rows of the articles this
 * run stored are saved (the others' are that process's to save). */
static int save_placed(ingest_run *run, ingest_batch *b)
{
    unsigned char *keep = kh_malloc(b->n_placed ? b->n_placed : 1);
    size_t kept = 0;
    for (size_t k = 0; k < b->n_placed; k++) {
        keep[k] = b->fate[b->placed_item[k]] == FATE_STORED;
        kept += keep[k];
    }
    size_t stored = 0;
    for (size_t i = 0; i < b->n; i++)
        stored += b->fate[i] == FATE_STORED;
    int rc = KH_OK;
    if (stored != kept)
        rc = kh_db_fail(run->db, KH_EINTERNAL,
                        "%zu stored articles of the batch were not placed",
                        stored - kept);
    if (rc == KH_OK)
        rc = ingest_links_save(run->links, b->placed, keep);
    free(keep);
    return rc;
}

/* Stage: duplicates and stories of the articles just stored, placed in
 * input order.  The links open at the first batch's write, after its
 * articles are stored: opening places the stored articles that have no
 * links yet, in date order, the first batch's with them.  Later batches
 * were placed apart (place_batch) while the one before was written; where
 * the run cannot (a database in memory), they are placed here. */
static int stage_links(ingest_run *run, ingest_batch *b)
{
    if (b->placed)
        return save_placed(run, b);
    if (!run->links) {
        /* opening places every stored article without links, this batch's
         * among them: nothing is left to place */
        int rc = ingest_links_open(run->db, &run->links);
        if (rc == KH_OK)
            run->place_apart = ingest_links_read_apart(run->links) == KH_OK;
        return rc;
    }
    kh_article **stored = kh_malloc((b->n ? b->n : 1) * sizeof *stored);
    ingest_link_prep **preps = kh_malloc((b->n ? b->n : 1) * sizeof *preps);
    size_t n = 0;
    int prepared = b->links == run->links;
    for (size_t i = 0; i < b->n; i++) {
        if (b->fate[i] != FATE_STORED)
            continue;
        prepared = prepared && b->link_ok[i];
        preps[n] = b->link[i];
        stored[n++] = &b->articles[i];
    }
    int rc = prepared ? ingest_links_place(run->links, preps, n)
                      : ingest_links_add(run->links, stored, n);
    free(stored);
    free(preps);
    return rc;
}

/* Wait for the workers to prepare (and place) the batch. */
static void batch_wait(ingest_batch *b)
{
    ingest_job_wait(b->job);
    b->job = NULL;
}

static void batch_clear(ingest_batch *b)
{
    batch_wait(b);
    b->placed = NULL;
    b->n_placed = 0;
    for (size_t i = 0; i < b->n; i++) {
        kh_article_clear(&b->articles[i]);
        kh_chrome_lines_free(&b->prep[i].lines);
        kh_put_prep_free(&b->prep[i].put);
        /* a prep keeps the capacity of the longest text it held: made
         * anew for each batch, memory follows the batch, not the corpus */
        ingest_link_prep_free(b->link[i]);
        b->link[i] = NULL;
    }
    b->n = 0;
}

/* The prepared batch through the stages, in one transaction. */
static int write_batch(ingest_run *run, ingest_batch *b)
{
    batch_wait(b);
    int rc = kh_db_begin(run->db);
    if (rc == KH_OK)
        rc = stage_skip_present(run, b);
    if (rc == KH_OK) {
        stage_clean(run, b);
        stage_filter_language(run, b);
        rc = stage_store(run, b);
    }
    if (rc == KH_OK)
        rc = stage_links(run, b);
    if (rc == KH_OK)
        rc = ingest_chrome_save(run, b);
    if (rc == KH_OK)
        rc = stage_index(run, b);
    if (rc == KH_OK)
        rc = kh_db_commit(run->db);
    else
        kh_db_rollback(run->db);
    return rc;
}

/* Hand b to the workers.  Articles stored before (by an earlier run, or
 * a batch already committed) are found now, so that they are not cleaned
 * for nothing; the write looks again, for those of the batch in between. */
static int start_batch(ingest_run *run, ingest_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        memset(&b->prep[i], 0, sizeof b->prep[i]);
        int rc = mark_if_present(run, b, i);
        if (rc != KH_OK)
            return rc;
    }
    b->model = run->model;
    b->allow_non_arabic = run->opts->allow_non_arabic;
    b->links = run->links;
    memset(b->link_ok, 0, b->n);
    int apart = run->links && run->place_apart;
    if (apart) {
        b->run = run;
        b->place_number = ++run->place_started;
    }
    b->job = ingest_job_start_then(prepare_article, apart ? place_batch : NULL,
                                   b, b->n, run->threads);
    return KH_OK;
}

/* Write the pending batch, if any, and empty it. */
static int write_pending(ingest_run *run)
{
    ingest_batch *p = run->pending;
    int rc = run->status;
    if (rc == KH_OK && p->n)
        rc = write_batch(run, p);
    batch_clear(p);
    run->status = rc;
    return rc;
}

int ingest_batch_flush(ingest_run *run)
{
    ingest_batch *b = run->batch;
    if (run->status != KH_OK || b->n == 0) {
        batch_clear(b);
        return run->status;
    }
    /* The links open at the first write.  A batch started before that
     * would be linked on this thread, article after article; so the first
     * batch is written before the second is started: one batch without
     * overlap, and the second is prepared by the workers like the rest. */
    if (!run->links && run->pending->n && write_pending(run) != KH_OK) {
        batch_clear(b);
        return run->status;
    }
    int rc = start_batch(run, b);
    if (rc != KH_OK) {
        run->status = rc;
        batch_clear(b);
        return rc;
    }
    /* the workers prepare b while this thread writes the batch before */
    write_pending(run);
    run->batch = run->pending;
    run->pending = b;
    return run->status;
}

int ingest_batch_drain(ingest_run *run)
{
    int rc = ingest_batch_flush(run);
    if (rc == KH_OK)
        rc = write_pending(run);
    return rc;
}

void ingest_batch_grow(ingest_batch *b)
{
    if (b->n < b->cap)
        return;
    size_t old = b->cap;
    b->cap = b->cap ? b->cap * 2 : 64;
    b->articles = kh_realloc(b->articles, b->cap * sizeof *b->articles);
    b->fate = kh_realloc(b->fate, b->cap * sizeof *b->fate);
    b->prep = kh_realloc(b->prep, b->cap * sizeof *b->prep);
    b->link = kh_realloc(b->link, b->cap * sizeof *b->link);
    b->link_ok = kh_realloc(b->link_ok, b->cap);
    b->placed_item = kh_realloc(b->placed_item, b->cap * sizeof *b->placed_item);
    memset(b->link + old, 0, (b->cap - old) * sizeof *b->link);
}

void ingest_batch_free(ingest_batch *b)
{
    batch_clear(b);
    for (size_t i = 0; i < b->cap; i++)
        ingest_link_prep_free(b->link[i]);
    free(b->articles);
    free(b->fate);
    free(b->prep);
    free(b->link);
    free(b->link_ok);
    free(b->placed_item);
    ingest_link_batch_free(b->link_rec);
    memset(b, 0, sizeof *b);
}
