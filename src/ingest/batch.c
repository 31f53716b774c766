/*
 * batch.c - what ingest does to a batch of articles, in one transaction:
 * a plain sequence of stages, each a loop over the batch that looks only at
 * the articles still pending.  A new stage (dedup, stories) is one more
 * line in ingest_batch_flush().
 */
#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "common/utf8.h"
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

/* Stage: skip what an earlier run (or batch) stored. */
static int stage_skip_present(ingest_run *run)
{
    ingest_batch *b = &run->batch;
    for (size_t i = 0; i < b->n; i++) {
        if (b->fate[i] != FATE_PENDING)
            continue;
        int present = 0;
        int rc = kh_db_has_article(run->db, b->articles[i].id, &present);
        if (rc != KH_OK)
            return rc;
        if (present) {
            b->fate[i] = FATE_PRESENT;
            run->stats->already_present++;
        }
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

/* Stage: raw page -> clean text, with the chrome model of the whole run. */
static void stage_clean(ingest_run *run)
{
    ingest_batch *b = &run->batch;
    for (size_t i = 0; i < b->n; i++) {
        if (b->fate[i] != FATE_PENDING)
            continue;
        kh_article *a = &b->articles[i];
        if (!a->raw || is_blank(a->raw, a->raw_len)) {
            b->fate[i] = FATE_REJECTED;
            ingest_reject(run, a, KH_REJECT_EMPTY, KH_EEMPTY,
                          "the article has no text");
            continue;
        }
        int rc = kh_clean_article(a, run->model);
        if (rc == KH_OK && a->text && !is_blank(a->text, strlen(a->text)))
            continue;
        b->fate[i] = FATE_REJECTED;
        ingest_reject(run, a, KH_REJECT_ALL_CHROME, KH_EEMPTY,
                      "nothing is left after removing %zu chrome line%s",
                      a->n_removed, a->n_removed == 1 ? "" : "s");
    }
}

static int is_arabic_block(uint32_t cp)
{
    return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
           (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFF);
}

static int is_letter(uint32_t cp)
{
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* The share of the letters of s that are Arabic (0 when s has none).
 * ASCII, the bulk of what is not Arabic, is classified without utf8proc. */
static double arabic_share(const char *s, size_t n)
{
    size_t letters = 0, arabic = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            letters += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            i++;
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

/* Stage: keep Arabic articles (a page in English quoting an Arabic name
 * is not one), unless the caller wants every language. */
static void stage_filter_language(ingest_run *run)
{
    if (run->opts->allow_non_arabic)
        return;
    ingest_batch *b = &run->batch;
    for (size_t i = 0; i < b->n; i++) {
        if (b->fate[i] != FATE_PENDING)
            continue;
        kh_article *a = &b->articles[i];
        double share = arabic_share(a->text, strlen(a->text));
        if (share >= KH_MIN_ARABIC_SHARE)
            continue;
        b->fate[i] = FATE_REJECTED;
        ingest_reject(run, a, KH_REJECT_NOT_ARABIC, KH_EINVAL,
                      "the text is not Arabic (%.0f%% of its letters are)",
                      share * 100.0);
    }
}

/* Stage: store and index.  An article whose text is already stored under
 * another id (a wire copy in two outlets) is still added: it is its own
 * article, sharing the content hash. */
static int stage_store(ingest_run *run)
{
    ingest_batch *b = &run->batch;
    for (size_t i = 0; i < b->n; i++) {
        if (b->fate[i] != FATE_PENDING)
            continue;
        kh_article *a = &b->articles[i];
        int same_text = 0, added = 0;
        int rc = kh_db_has_content_hash(run->db, a->content_hash, &same_text);
        if (rc == KH_OK)
            rc = kh_db_put_article(run->db, a, &added);
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

/* Stage: duplicates and stories of the articles just stored. */
static int stage_links(ingest_run *run)
{
    ingest_batch *b = &run->batch;
    if (!run->links) {
        int rc = ingest_links_open(run->db, &run->links);
        if (rc != KH_OK)
            return rc;
    }
    kh_article **stored = kh_malloc((b->n ? b->n : 1) * sizeof *stored);
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++)
        if (b->fate[i] == FATE_STORED)
            stored[n++] = &b->articles[i];
    int rc = ingest_links_add(run->links, stored, n);
    free(stored);
    return rc;
}

static void batch_clear(ingest_batch *b)
{
    for (size_t i = 0; i < b->n; i++)
        kh_article_clear(&b->articles[i]);
    b->n = 0;
}

int ingest_batch_flush(ingest_run *run)
{
    ingest_batch *b = &run->batch;
    if (run->status != KH_OK || b->n == 0) {
        batch_clear(b);
        return run->status;
    }
    int rc = kh_db_begin(run->db);
    if (rc == KH_OK)
        rc = stage_skip_present(run);
    if (rc == KH_OK) {
        stage_clean(run);
        stage_filter_language(run);
        rc = stage_store(run);
    }
    if (rc == KH_OK)
        rc = stage_links(run);
    if (rc == KH_OK)
        rc = ingest_chrome_save(run);
    if (rc == KH_OK)
        rc = kh_db_commit(run->db);
    else
        kh_db_rollback(run->db);
    batch_clear(b);
    run->status = rc;
    return rc;
}

void ingest_batch_free(ingest_batch *b)
{
    batch_clear(b);
    free(b->articles);
    free(b->fate);
    memset(b, 0, sizeof *b);
}
