/*
 * pool.h - the worker threads of ingest (pool.c): a parallel "for" over the
 * articles of a batch, started by the thread that reads and writes, which
 * goes on with its own work and later waits for (and helps finish) the job.
 */
#ifndef KH_INGEST_POOL_H
#define KH_INGEST_POOL_H

#include <stddef.h>

/* One item's work; items of a job may run in any order and on any thread,
 * so fn writes only to item's own slot of ctx. */
typedef void (*ingest_item_fn)(void *ctx, size_t item);

typedef struct ingest_job ingest_job;

/* ingest_threads_default: KHABAR_THREADS when it is a number from 1 to
 * KH_INGEST_MAX_THREADS, else the number of online processors. */
#define KH_INGEST_MAX_THREADS 64
unsigned ingest_threads_default(void);

/*
 * ingest_job_start: run fn(ctx, i) for i in [0, n), on up to threads - 1
 * worker threads (threads <= 1: none; the items then run in
 * ingest_job_wait, on the caller's thread, in order).  The workers live
 * for the whole process and are shared by every job, so per-thread caches
 * (analysers) are made once.  Never NULL.
 */
ingest_job *ingest_job_start(ingest_item_fn fn, void *ctx, size_t n,
                             unsigned threads);

/* ingest_job_start_then: the same, and then(ctx) once every item has run,
 * on the thread that finished the last one (with no item or no worker: in
 * ingest_job_wait).  The job is finished when `then` has returned. */
ingest_job *ingest_job_start_then(ingest_item_fn fn, void (*then)(void *ctx),
                                  void *ctx, size_t n, unsigned threads);

/* ingest_job_wait: run items nobody has taken yet, wait for the others
 * (and `then`), then free the job.  NULL is harmless. */
void ingest_job_wait(ingest_job *job);

#endif
