/*
 * ingest.h - the state of one kh_ingest() run, shared by the files of the
 * ingest stage: the pipeline (ingest.c), the batch stages (batch.c), the
 * chrome counts kept in the database (chrome_sync.c) and the stdin spool
 * (spool.c).
 */
#ifndef KH_INGEST_INGEST_H
#define KH_INGEST_INGEST_H

#include "common/buf.h"
#include "common/map.h"
#include "khabar.h"

/* What became of an article of the batch; stages skip all but PENDING. */
typedef enum ingest_fate {
    FATE_PENDING = 0,  /* still going through the stages                  */
    FATE_PRESENT,      /* its id was already stored                       */
    FATE_REJECTED,     /* counted under one of kh_reject_reason           */
    FATE_STORED        /* added to the database                           */
} ingest_fate;

typedef struct ingest_batch {
    kh_article *articles; /* owned, cleared after each commit             */
    ingest_fate *fate;
    size_t n, cap;
} ingest_batch;

typedef struct ingest_run {
    kh_db *db;
    const kh_ingest_opts *opts;
    kh_ingest_stats *stats;      /* of the store pass: what is reported  */
    kh_ingest_stats learn_stats; /* of the learn pass, for progress only */
    void (*on_error)(void *ctx, const kh_read_error *e);
    void *error_ctx;
    kh_chrome *model;  /* recurring lines: stored counts + new articles  */
    kh_map learned;    /* ids observed in the learn pass (each once)     */
    ingest_batch batch;
    int status;        /* first error that stops the run (KH_OK so far)  */
    /* progress bookkeeping: bytes of finished inputs + the current one */
    kh_buf cur_input, cur_file;
    uint64_t bytes_done, cur_bytes;
    const char *pass;
    /* stdin spooled to a temp file: its path, shown as "-" */
    const char *spool_path;
    /* duplicates and stories (ingest_links.c), opened at the first batch */
    struct ingest_links *links;
} ingest_run;

/* batch.c: run the stages over the batch in one transaction, then empty
 * it.  Sets run->status and returns it on a database error. */
int ingest_batch_flush(ingest_run *run);
void ingest_batch_free(ingest_batch *b);
/* ingest_reject: count a rejection and tell on_error, naming the place. */
void ingest_reject(ingest_run *run, const kh_article *a, int reason,
                   int code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* ingest_display_path: path as the user knows it ("-" for the spool). */
const char *ingest_display_path(const ingest_run *run, const char *path,
                                kh_buf *scratch);

/* chrome_sync.c: the chrome model's counts in the database.  Load adds
 * the stored counts to run->model; save adds the lines of the batch's
 * stored articles to the stored counts (inside the batch transaction, so
 * the counts always match the articles actually stored). */
int ingest_chrome_load(ingest_run *run);
int ingest_chrome_save(ingest_run *run);

/* spool.c: copy stdin to a temp file so it can be read twice; *path
 * (malloc'd) names it, as /proc/self/fd/N once unlinked where Linux
 * allows.  ingest_spool_remove deletes (or closes) it and frees path. */
int ingest_spool_stdin(char **path, kh_buf *err);
void ingest_spool_remove(char *path);

#endif
