/*
 * pool.c - ingest's worker threads (pool.h).  Workload: a few jobs per
 * batch of about a thousand articles, each item (cleaning one article)
 * taking a fraction of a millisecond, so one mutex around the job list is
 * far from contended.
 *
 * The workers are started on first need and never stop: they are shared
 * by every job of the process and keep their per-thread caches (the
 * analysers of the cleaner and of the index terms) for its whole life.
 * A job is a counter of items handed out and one of items finished, and
 * then its `then`, claimed once the last item has finished.  Any thread
 * takes the next item under the lock and runs it outside; the thread that
 * started the job takes its items and its `then` too while it waits, so a
 * job always finishes, whether or not a worker ever came by; with none of
 * its own left to take, it helps with the items of other jobs (never with
 * their `then`, which may wait for its own job: ingest's placing does).
 * Results are written to per-item slots, so they do not depend on who ran
 * what.
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/alloc.h"
#include "ingest/pool.h"

struct ingest_job {
    ingest_item_fn fn;
    void (*then)(void *ctx); /* run once after the last item, or NULL */
    void *ctx;
    size_t n, next, done;
    int then_taken;       /* a thread has taken `then`                */
    int complete;         /* every item and `then` have run           */
    unsigned max_workers; /* workers (not waiters) on it at once      */
    unsigned active;
    ingest_job *link;     /* list of jobs with something to take       */
};

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_work = PTHREAD_COND_INITIALIZER;     /* workers */
static pthread_cond_t pool_progress = PTHREAD_COND_INITIALIZER; /* waiters */
static ingest_job *pool_jobs;
static unsigned pool_threads;

unsigned ingest_threads_default(void)
{
    const char *env = getenv("KHABAR_THREADS");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (*end == '\0' && v >= 1 && v <= KH_INGEST_MAX_THREADS)
            return (unsigned)v;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    return n > KH_INGEST_MAX_THREADS ? KH_INGEST_MAX_THREADS : (unsigned)n;
}

/* ---- the job list (lock held throughout) ------------------------------- */

static int items_left(const ingest_job *job)
{
    return job->next < job->n;
}

static int then_ready(const ingest_job *job)
{
    return job->then && !job->then_taken && job->done == job->n;
}

/* Off the list once nothing is left to take. */
static void unlink_if_taken(ingest_job *job)
{
    if (items_left(job) || (job->then && !job->then_taken))
        return;
    for (ingest_job **p = &pool_jobs; *p; p = &(*p)->link) {
        if (*p == job) {
            *p = job->link;
            return;
        }
    }
}

/* Run the next item of job, or (may_then) its `then` when ready; the lock
 * is released meanwhile.  Returns 0 when there was nothing to run. */
static int run_one(ingest_job *job, int may_then, int worker)
{
    if (items_left(job)) {
        size_t i = job->next++;
        unlink_if_taken(job);
        job->active += worker;
        pthread_mutex_unlock(&pool_lock);
        job->fn(job->ctx, i);
        pthread_mutex_lock(&pool_lock);
        job->active -= worker;
        if (++job->done == job->n) {
            job->complete = !job->then;
            if (job->then)
                pthread_cond_broadcast(&pool_work); /* `then` to take */
        }
        pthread_cond_broadcast(&pool_progress);
        return 1;
    }
    if (may_then && then_ready(job)) {
        job->then_taken = 1;
        unlink_if_taken(job);
        pthread_mutex_unlock(&pool_lock);
        job->then(job->ctx);
        pthread_mutex_lock(&pool_lock);
        job->complete = 1;
        pthread_cond_broadcast(&pool_progress);
        return 1;
    }
    return 0;
}

/* The oldest job a worker may take something of. */
static ingest_job *job_wanting_worker(void)
{
    for (ingest_job *j = pool_jobs; j; j = j->link)
        if ((items_left(j) && j->active < j->max_workers) || then_ready(j))
            return j;
    return NULL;
}

/* The oldest job with items left, for a waiter with none of its own. */
static ingest_job *job_with_items(void)
{
    for (ingest_job *j = pool_jobs; j; j = j->link)
        if (items_left(j))
            return j;
    return NULL;
}

static void *worker_main(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&pool_lock);
    for (;;) {
        ingest_job *job = job_wanting_worker();
        if (job)
            run_one(job, 1, 1);
        else
            pthread_cond_wait(&pool_work, &pool_lock);
    }
    return NULL;
}

/* Start workers until there are `want` (lock held).  A thread that cannot
 * be made is not an error: the waiter runs what nobody takes. */
static void grow(unsigned want)
{
    while (pool_threads < want) {
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        int rc = pthread_create(&t, &attr, worker_main, NULL);
        pthread_attr_destroy(&attr);
        if (rc != 0)
            return;
        pool_threads++;
    }
}

ingest_job *ingest_job_start(ingest_item_fn fn, void *ctx, size_t n,
                             unsigned threads)
{
    return ingest_job_start_then(fn, NULL, ctx, n, threads);
}

ingest_job *ingest_job_start_then(ingest_item_fn fn, void (*then)(void *ctx),
                                  void *ctx, size_t n, unsigned threads)
{
    ingest_job *job = kh_calloc(1, sizeof *job);
    job->fn = fn;
    job->then = then;
    job->ctx = ctx;
    job->n = n;
    job->max_workers = threads > 1 ? threads - 1 : 0;
    if (n == 0 || job->max_workers == 0)
        return job; /* all of it runs in ingest_job_wait */
    pthread_mutex_lock(&pool_lock);
    grow(job->max_workers);
    /* at the end of the list: workers take the oldest job first, the one
     * its starter will wait for first */
    ingest_job **tail = &pool_jobs;
    while (*tail)
        tail = &(*tail)->link;
    *tail = job;
    pthread_cond_broadcast(&pool_work);
    pthread_cond_broadcast(&pool_progress); /* for waiters that help */
    pthread_mutex_unlock(&pool_lock);
    return job;
}

void ingest_job_wait(ingest_job *job)
{
    if (!job)
        return;
    if (job->n == 0 || job->max_workers == 0) { /* never listed */
        for (size_t i = 0; i < job->n; i++)
            job->fn(job->ctx, i);
        if (job->then)
            job->then(job->ctx);
    } else {
        pthread_mutex_lock(&pool_lock);
        while (!job->complete) {
            if (run_one(job, 1, 0))
                continue;
            ingest_job *other = job_with_items();
            if (!other || !run_one(other, 0, 0))
                pthread_cond_wait(&pool_progress, &pool_lock);
        }
        pthread_mutex_unlock(&pool_lock);
    }
    free(job);
}
