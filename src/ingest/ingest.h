/*
 * ingest.h - the state of one kh_ingest() run, shared by the files of the
 * ingest stage: the pipeline (ingest.c), the batch stages (batch.c), the
 * chrome counts kept in the database (chrome_sync.c) and the stdin spool
 * (spool.c).
 */
#ifndef KH_INGEST_INGEST_H
#define KH_INGEST_INGEST_H

#include <pthread.h>

#include "common/buf.h"
#include "common/map.h"
#include "extract/chrome.h"
#include "ingest/pool.h"
#include "khabar.h"
#include "store/db.h"

/* What became of an article of the batch; stages skip all but PENDING. */
typedef enum ingest_fate {
    FATE_PENDING = 0,  /* still going through the stages                  */
    FATE_PRESENT,      /* its id was already stored                       */
    FATE_REJECTED,     /* counted under one of kh_reject_reason           */
    FATE_STORED        /* added to the database                           */
} ingest_fate;

/* What the workers found out about an article (batch.c: prepare). */
typedef enum ingest_verdict {
    VERDICT_NONE = 0,    /* not prepared (it was not pending)              */
    VERDICT_STORE,       /* cleaned, Arabic: to be stored                  */
    VERDICT_EMPTY,       /* no text at all                                 */
    VERDICT_ALL_CHROME,  /* nothing left after cleaning                    */
    VERDICT_NOT_ARABIC   /* too few Arabic letters                         */
} ingest_verdict;

typedef struct ingest_prep {
    ingest_verdict verdict;
    double arabic_share;   /* VERDICT_NOT_ARABIC: for the message         */
    kh_chrome_lines lines; /* the page's lines, for the stored counts     */
    kh_put_prep put;       /* compressed page and index terms             */
    int64_t seq;           /* FATE_STORED: its place in the index         */
} ingest_prep;

/*
 * A batch goes through two hands: the workers prepare each pending
 * article on its own (clean with the frozen model, test the language,
 * compress the page, compute index terms and chrome lines: no shared
 * state), then the writer thread applies the results in input order, in
 * one transaction: the database does not depend on thread timing.
 */
typedef struct ingest_batch {
    kh_article *articles; /* owned, cleared after each commit             */
    ingest_fate *fate;
    ingest_prep *prep;
    size_t n, cap;
    ingest_job *job;      /* preparing (and placing) it, until written    */
    const kh_chrome *model;
    int allow_non_arabic;
    /* duplicates and stories prepared by the workers too, once the links
     * are open (ingest_links.h) */
    const struct ingest_links *links;
    struct ingest_link_prep **link;
    unsigned char *link_ok;
    /* and placed off the writer's thread (batch.c: place_batch), when the
     * run places apart: the articles placed (batch indexes) and where
     * they went, for the writer to save */
    struct ingest_run *run;
    uint64_t place_number;       /* 1, 2, ...: the order of placing      */
    size_t *placed_item, n_placed;
    struct ingest_link_batch *placed;   /* NULL: not placed apart        */
    struct ingest_link_batch *link_rec; /* owned, reused by each batch   */
} ingest_batch;

/* The learn pass's articles, whose lines workers compute while the next
 * ones are read; then counted in input order. */
typedef struct learn_batch {
    kh_article *articles;
    kh_chrome_lines *lines;
    size_t n, cap;
    ingest_job *job;
} learn_batch;

typedef struct ingest_run {
    kh_db *db;
    const kh_ingest_opts *opts;
    kh_ingest_stats *stats;      /* of the store pass: what is reported  */
    kh_ingest_stats learn_stats; /* of the learn pass, for progress only */
    void (*on_error)(void *ctx, const kh_read_error *e);
    void *error_ctx;
    kh_chrome *model;  /* recurring lines: stored counts + new articles  */
    kh_map learned;    /* ids observed in the learn pass (each once)     */
    unsigned threads;  /* for the per-article work, the caller's included */
    /* two of each kind of batch alternate, one being read, the other being
     * worked on; the pointers swap (a job holds its batch's address) */
    learn_batch learn_slots[2];
    learn_batch *learning, *learn_working;
    ingest_batch batch_slots[2];
    ingest_batch *batch;      /* being read                               */
    ingest_batch *pending;    /* being prepared, to be written next        */
    int status;        /* first error that stops the run (KH_OK so far)  */
    /* progress bookkeeping: bytes of finished inputs + the current one */
    kh_buf cur_input, cur_file;
    uint64_t bytes_done, cur_bytes;
    const char *pass;
    /* stdin spooled to a temp file: its path, shown as "-" */
    const char *spool_path;
    /* duplicates and stories (ingest_links.c), opened at the first batch */
    struct ingest_links *links;
    /* placing apart (batch.c): batches are placed in the order they were
     * started, each after the one before; `in_flight` holds the ids the
     * batch placed last will store, not committed when the next one's
     * presence was checked */
    int place_apart;
    uint64_t place_started, place_done;
    pthread_mutex_t place_lock;
    pthread_cond_t place_turn;
    kh_map in_flight;
} ingest_run;

/* batch.c: ingest_batch_flush hands the batch being read to the workers
 * and writes the one they prepared before it (stages in one transaction),
 * so reading, preparing and writing overlap; ingest_batch_drain writes
 * what is left.  Both set run->status and return it on a database error.
 * ingest_batch_free waits for the workers first. */
int ingest_batch_flush(ingest_run *run);
int ingest_batch_drain(ingest_run *run);
/* ingest_batch_grow: room for one more article in b. */
void ingest_batch_grow(ingest_batch *b);
void ingest_batch_free(ingest_batch *b);

/* learn.c: the same for the learn pass: ingest_learn_add takes an article
 * over; the batches' lines are counted into run->model in input order. */
void ingest_learn_add(ingest_run *run, kh_article *a);
void ingest_learn_drain(ingest_run *run);
void ingest_learn_free(ingest_run *run);
/* ingest_reject: count a rejection and tell on_error, naming the place. */
void ingest_reject(ingest_run *run, const kh_article *a, int reason,
                   int code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* ingest_display_path: path as the user knows it ("-" for the spool). */
const char *ingest_display_path(const ingest_run *run, const char *path,
                                kh_buf *scratch);

/* read_ahead.c: kh_read_paths with the reading on a thread of its own
 * when `threaded` (the sink is still called on this thread, with the same
 * calls in the same order), so that this thread only writes. */
int ingest_read_ahead(const char *const *paths, size_t n,
                      const kh_read_opts *opts, const kh_read_sink *sink,
                      int threaded);

/* chrome_sync.c: the chrome model's counts in the database.  Load adds
 * the stored counts to run->model; save adds the lines of the batch's
 * stored articles to the stored counts (inside the batch transaction, so
 * the counts always match the articles actually stored). */
int ingest_chrome_load(ingest_run *run);
int ingest_chrome_save(ingest_run *run, const ingest_batch *b);

/* spool.c: copy stdin to a temp file so it can be read twice; *path
 * (malloc'd) names it, as /proc/self/fd/N once unlinked where Linux
 * allows.  ingest_spool_remove deletes (or closes) it and frees path. */
int ingest_spool_stdin(char **path, kh_buf *err);
void ingest_spool_remove(char *path);

#endif
