/*
 * chrome_sync.c - the chrome model's counts kept in the database, so that
 * the next ingest (tomorrow's file) still knows each outlet's footers.
 *
 * The stored counts always describe exactly the articles stored: each
 * batch adds the line counts of its own stored articles inside the batch
 * transaction, so a kill between batches leaves articles and counts in
 * step, and a re-run (which skips stored articles when learning) ends with
 * the counts an uninterrupted run would have.  One caveat comes from the
 * model: it counts a re-published article once per model, and each batch
 * uses a model of its own, so an outlet's re-publication that falls in
 * another batch (or run) counts again.
 */
#include "extract/chrome.h"
#include "ingest/ingest.h"
#include "store/db.h"

static int load_count(void *ctx, const char *source, uint64_t shape,
                      uint64_t count)
{
    kh_chrome_add(ctx, source, shape, count);
    return 0;
}

int ingest_chrome_load(ingest_run *run)
{
    return kh_db_chrome_each(run->db, load_count, run->model);
}

static int collect_count(void *ctx, const char *source, uint64_t shape,
                         uint64_t count)
{
    kh_count_batch_add(ctx, source, shape, count);
    return 0;
}

/* The lines of the stored articles were found while cleaning them
 * (kh_clean_article_lines), the very lines kh_chrome_observe counts. */
int ingest_chrome_save(ingest_run *run, const ingest_batch *b)
{
    kh_chrome *delta = kh_chrome_create();
    size_t stored = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (b->fate[i] == FATE_STORED) {
            kh_chrome_observe_lines(delta, b->articles[i].source,
                                    &b->prep[i].lines);
            stored++;
        }
    }
    kh_count_batch counts = {0};
    if (stored)
        kh_chrome_export(delta, collect_count, &counts);
    kh_chrome_free(delta);
    int rc = kh_db_chrome_save(run->db, &counts);
    kh_count_batch_free(&counts);
    return rc;
}
