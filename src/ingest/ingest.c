/*
 * ingest.c - kh_ingest: the whole pipeline into a database.  Two passes
 * over the inputs: the first learns each outlet's recurring lines (the
 * chrome model, merged with the counts stored by earlier runs), the second
 * reads again and hands batches of articles to the stages in batch.c.
 * This thread writes; a reader thread (read_ahead.c) unzips and parses
 * ahead of it, and worker threads (pool.c) do the work of each article
 * that needs no shared state (learn.c, batch.c), then place each batch's
 * duplicates and stories in memory, one batch after the other, while this
 * thread writes the batch before (batch.c: place_batch).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <time.h>

#include "common/alloc.h"
#include "ingest/ingest.h"
#include "ingest/ingest_links.h"
#include "store/db.h"

void kh_ingest_opts_init(kh_ingest_opts *o)
{
    memset(o, 0, sizeof *o);
    kh_read_opts_init(&o->read);
    o->batch_size = 1000;
}

const char *kh_reject_reason_name(int reason)
{
    static const char *const names[KH_REJECT_COUNT] = {
        [KH_REJECT_UNREADABLE] = "unreadable",
        [KH_REJECT_EMPTY] = "empty",
        [KH_REJECT_ALL_CHROME] = "all-chrome",
        [KH_REJECT_BINARY] = "binary",
        [KH_REJECT_TOO_BIG] = "too-big",
        [KH_REJECT_NOT_ARABIC] = "not-arabic",
    };
    if (reason < 0 || reason >= KH_REJECT_COUNT)
        return "unknown";
    return names[reason];
}

/* The counts logged by earlier batches (count_log.c) are added to their
 * tables when an ingest starts with this many batches' rows or more: a
 * fold rewrites the tables once, where each batch used to. */
#define KH_FOLD_LOG_ROWS 64

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *ingest_display_path(const ingest_run *run, const char *path,
                                kh_buf *scratch)
{
    size_t n = run->spool_path ? strlen(run->spool_path) : 0;
    if (!path || !n || strncmp(path, run->spool_path, n) != 0)
        return path;
    kh_buf_reset(scratch);
    kh_buf_putc(scratch, '-');
    kh_buf_puts(scratch, path + n);
    return scratch->data;
}

static kh_ingest_stats *pass_stats(ingest_run *run)
{
    return run->pass[0] == 'l' ? &run->learn_stats : run->stats;
}

static void report(ingest_run *run)
{
    if (run->opts->progress)
        run->opts->progress(run->opts->progress_ctx, run->pass,
                            pass_stats(run));
}

/* The input part of a record's origin: readers name a record as
 * "a.zip!b.json#17" (element), "c.jsonl:4" (line) or just the file. */
static size_t origin_file_len(const char *where)
{
    size_t n = strlen(where), i = n;
    while (i > 0 && where[i - 1] >= '0' && where[i - 1] <= '9')
        i--;
    if (i > 0 && i < n && (where[i - 1] == '#' || where[i - 1] == ':'))
        return i - 1;
    return n;
}

/* Count an input (file or archive member) the first time one of its
 * records or errors shows up. */
static void note_file(ingest_run *run, const char *where)
{
    if (!where)
        return;
    size_t n = origin_file_len(where);
    if (run->cur_file.len == n && memcmp(run->cur_file.data, where, n) == 0)
        return;
    kh_buf_reset(&run->cur_file);
    kh_buf_append(&run->cur_file, where, n);
    pass_stats(run)->files++;
}

/* The reader reports bytes per top-level input; the run adds them up. */
static void on_progress(void *ctx, const char *path, uint64_t done,
                        uint64_t total)
{
    (void)total;
    ingest_run *run = ctx;
    if (!run->cur_input.data || strcmp(run->cur_input.data, path) != 0) {
        run->bytes_done += run->cur_bytes;
        run->cur_bytes = 0;
        kh_buf_reset(&run->cur_input);
        kh_buf_puts(&run->cur_input, path);
    }
    run->cur_bytes = done;
    pass_stats(run)->bytes = run->bytes_done + run->cur_bytes;
    report(run);
}

/* Ids come from the reader (hash of the URL, else of the text); one that
 * is missing is made the same way, so re-runs find it again. */
static void ensure_id(kh_article *a)
{
    if (a->id)
        return;
    if (a->url)
        a->id = kh_hash64(a->url, strlen(a->url), 0);
    else if (a->raw)
        a->id = kh_hash64(a->raw, a->raw_len, 0);
}

/* Learn pass: each new article's lines go into the chrome model once.
 * Articles already stored are in the stored counts, and a repeated id
 * within the inputs is counted once, as it will be stored once. */
static int learn_article(void *ctx, kh_article *a)
{
    ingest_run *run = ctx;
    run->learn_stats.read++;
    note_file(run, a->origin);
    ensure_id(a);
    int created = 0;
    kh_map_put(&run->learned, a->id, &created);
    if (created) {
        int present = 0;
        int rc = kh_db_has_article(run->db, a->id, &present);
        if (rc != KH_OK) {
            run->status = rc;
            return 1;
        }
        if (!present)
            ingest_learn_add(run, a); /* counted in input order, later */
    }
    report(run);
    return 0;
}

/* Bad records are reported once, in the store pass. */
static void learn_error(void *ctx, const kh_read_error *e)
{
    note_file(ctx, e->path);
}

static int reason_of_code(int code)
{
    switch (code) {
    case KH_EEMPTY: return KH_REJECT_EMPTY;
    case KH_EBINARY: return KH_REJECT_BINARY;
    case KH_ETOOBIG: return KH_REJECT_TOO_BIG;
    default: return KH_REJECT_UNREADABLE;
    }
}

static void store_error(void *ctx, const kh_read_error *e)
{
    ingest_run *run = ctx;
    note_file(run, e->path);
    int reason = reason_of_code(e->code);
    run->stats->rejected_by[reason]++;
    run->stats->rejected++;
    if (!run->on_error)
        return;
    kh_buf scratch = KH_BUF_INIT;
    kh_read_error shown = *e;
    shown.path = ingest_display_path(run, e->path, &scratch);
    run->on_error(run->error_ctx, &shown);
    kh_buf_free(&scratch);
}

/* Store pass: the article moves into the batch (the reader's copy is
 * left empty); a full batch goes through the stages. */
static int store_article(void *ctx, kh_article *a)
{
    ingest_run *run = ctx;
    ingest_batch *b = run->batch;
    run->stats->read++;
    run->stats->invalid_bytes += a->invalid_bytes;
    note_file(run, a->origin);
    ensure_id(a);
    ingest_batch_grow(b);
    b->articles[b->n] = *a;
    b->fate[b->n] = FATE_PENDING;
    b->n++;
    memset(a, 0, sizeof *a);
    if (b->n >= run->opts->batch_size && ingest_batch_flush(run) != KH_OK)
        return 1;
    report(run);
    return 0;
}

static void start_pass(ingest_run *run, const char *pass)
{
    run->pass = pass;
    run->bytes_done = run->cur_bytes = 0;
    kh_buf_reset(&run->cur_input);
    kh_buf_reset(&run->cur_file);
}

/* One pass over the inputs.  Unreadable inputs are the sink's business
 * (reported and counted); only a stop asked by a stage ends the run. */
static int read_pass(ingest_run *run, const char *const *paths, size_t n,
                     const char *pass,
                     int (*article)(void *, kh_article *),
                     void (*error)(void *, const kh_read_error *))
{
    start_pass(run, pass);
    kh_read_sink sink = {article, error, on_progress, run};
    ingest_read_ahead(paths, n, &run->opts->read, &sink, run->threads > 1);
    report(run);
    return run->status;
}

/* Replace "-" by a spooled copy of stdin, so it can be read twice. */
static int spool_inputs(ingest_run *run, const char *const *paths, size_t n,
                        const char **out, char **spool)
{
    *spool = NULL;
    for (size_t i = 0; i < n; i++) {
        out[i] = paths[i];
        if (strcmp(paths[i], "-") != 0)
            continue;
        if (!*spool) {
            kh_buf err = KH_BUF_INIT;
            int rc = ingest_spool_stdin(spool, &err);
            if (rc != KH_OK) {
                rc = kh_db_fail(run->db, rc, "%s", err.data);
                kh_buf_free(&err);
                return rc;
            }
            run->spool_path = *spool;
        }
        out[i] = *spool;
    }
    return KH_OK;
}

int kh_ingest(kh_db *db, const char *const *paths, size_t n_paths,
              const kh_ingest_opts *opts, kh_ingest_stats *stats,
              void (*on_error)(void *ctx, const kh_read_error *e), void *ctx)
{
    double started = now();
    kh_ingest_opts defaults;
    if (!opts) {
        kh_ingest_opts_init(&defaults);
        opts = &defaults;
    }
    kh_ingest_opts o = *opts;
    if (o.batch_size == 0)
        o.batch_size = 1000;
    memset(stats, 0, sizeof *stats);
    ingest_run run = {.db = db, .opts = &o, .stats = stats,
                      .on_error = on_error, .error_ctx = ctx, .pass = "learn"};
    run.batch = &run.batch_slots[0];
    run.pending = &run.batch_slots[1];
    run.threads = o.threads ? o.threads : ingest_threads_default();
    if (run.threads > KH_INGEST_MAX_THREADS)
        run.threads = KH_INGEST_MAX_THREADS;
    if (run.threads > 1)
        xmlInitParser(); /* before any worker parses an HTML page */
    int rc = kh_db_check_writable(db);
    if (rc == KH_OK)
        rc = kh_db_counts_fold(db, KH_FOLD_LOG_ROWS);
    if (rc != KH_OK)
        return rc;
    if (run.threads > 1)
        kh_db_checkpoint_apart(db, 0);
    pthread_mutex_init(&run.place_lock, NULL);
    pthread_cond_init(&run.place_turn, NULL);
    const char **inputs = kh_calloc(n_paths ? n_paths : 1, sizeof *inputs);
    char *spool = NULL;
    rc = spool_inputs(&run, paths, n_paths, inputs, &spool);
    run.model = kh_chrome_create();
    if (rc == KH_OK)
        rc = ingest_chrome_load(&run);
    if (rc == KH_OK)
        rc = read_pass(&run, inputs, n_paths, "learn", learn_article,
                       learn_error);
    if (rc == KH_OK)
        ingest_learn_drain(&run);
    ingest_learn_free(&run);
    kh_map_free(&run.learned); /* the learn pass's alone: not held through
                                  the store pass, whose peak it would add to */
    if (rc == KH_OK)
        rc = read_pass(&run, inputs, n_paths, "store", store_article,
                       store_error);
    if (rc == KH_OK)
        rc = ingest_batch_drain(&run);
    kh_db_checkpoint_join(db);
    stats->seconds = now() - started;
    ingest_batch_free(&run.batch_slots[0]);
    ingest_batch_free(&run.batch_slots[1]);
    ingest_links_free(run.links);
    kh_chrome_free(run.model);
    kh_map_free(&run.in_flight);
    pthread_mutex_destroy(&run.place_lock);
    pthread_cond_destroy(&run.place_turn);
    kh_buf_free(&run.cur_input);
    kh_buf_free(&run.cur_file);
    ingest_spool_remove(spool);
    free(inputs);
    return rc;
}
