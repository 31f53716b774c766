/*
 * read_ahead.c - kh_read_paths on a thread of its own (ingest.h:
 * ingest_read_ahead), so the thread that writes the database never waits
 * on unzipping and JSON parsing: the reader fills a small queue of events
 * (articles, bad records, progress) that the caller replays to its sink.
 *
 * The sink sees exactly what a plain kh_read_paths would show it, in the
 * same order and on the caller's thread; only the reading runs ahead, by
 * at most READ_AHEAD_EVENTS events and READ_AHEAD_BYTES of pages, which
 * bounds the memory it holds.
 * When the sink asks to stop (a non-zero return from `article`), the
 * reader is told to stop at its next record and what it had queued is
 * dropped, as a stopped kh_read_paths would never have read it.
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "ingest/ingest.h"

/* Read ahead at most: two batches of articles (ingest takes them a batch
 * at a time, then writes for a while: with less than a batch queued, it
 * would wait at each batch for the reader to parse the rest; a queue of
 * 256 made it wait 1.4 s on SaudiNewsNet), and no more pages than these
 * bytes, whatever their size (about 6 MB on SaudiNewsNet). */
#define READ_AHEAD_EVENTS 2048
#define READ_AHEAD_BYTES (16u << 20)

typedef enum ahead_kind {
    AHEAD_ARTICLE,
    AHEAD_ERROR,
    AHEAD_PROGRESS
} ahead_kind;

typedef struct ahead_event {
    ahead_kind kind;
    kh_article article;  /* AHEAD_ARTICLE: taken over from the reader     */
    kh_read_error error; /* AHEAD_ERROR: path and message are ours        */
    char *path;          /* AHEAD_PROGRESS (malloc'd)                     */
    uint64_t done, total;
} ahead_event;

typedef struct ahead {
    const char *const *paths;
    size_t n_paths;
    const kh_read_opts *opts;
    pthread_mutex_t lock;
    pthread_cond_t changed; /* an event queued or taken, or the end      */
    ahead_event ring[READ_AHEAD_EVENTS];
    size_t head, count;     /* the oldest event and how many are queued  */
    size_t bytes;           /* the queued articles' pages                */
    int reader_waits;       /* the reader waits for room                 */
    int stop;               /* the sink asked to stop: read no further   */
    int finished;           /* the reader returned ...                   */
    int rc;                 /* ... this                                  */
} ahead;

static void event_free(ahead_event *e)
{
    if (e->kind == AHEAD_ARTICLE)
        kh_article_clear(&e->article);
    free((char *)e->error.path);
    free((char *)e->error.message);
    free(e->path);
    memset(e, 0, sizeof *e);
}

static size_t event_bytes(const ahead_event *e)
{
    return e->kind == AHEAD_ARTICLE ? e->article.raw_len : 0;
}

/* No room: the ring is full, or the pages queued are over budget (an
 * empty queue always takes one more, however large). */
static int full(const ahead *q)
{
    return q->count == READ_AHEAD_EVENTS ||
           (q->count > 0 && q->bytes >= READ_AHEAD_BYTES);
}

/* Reader side: queue e (taken over), waiting for room; dropped when the
 * sink has stopped.  @return 1 when it has (reading should stop). */
static int push(ahead *q, ahead_event *e)
{
    pthread_mutex_lock(&q->lock);
    while (full(q) && !q->stop) {
        q->reader_waits = 1;
        pthread_cond_wait(&q->changed, &q->lock);
    }
    q->reader_waits = 0;
    int stopped = q->stop;
    if (!stopped) {
        q->ring[(q->head + q->count) % READ_AHEAD_EVENTS] = *e;
        q->bytes += event_bytes(e);
        /* the consumer waits only on an empty queue */
        if (q->count++ == 0)
            pthread_cond_signal(&q->changed);
    }
    pthread_mutex_unlock(&q->lock);
    if (stopped)
        event_free(e);
    return stopped;
}

static int on_article(void *ctx, kh_article *a)
{
    ahead_event e = {.kind = AHEAD_ARTICLE, .article = *a};
    memset(a, 0, sizeof *a); /* ours now; the reader frees nothing */
    return push(ctx, &e);
}

static void on_error(void *ctx, const kh_read_error *err)
{
    ahead_event e = {.kind = AHEAD_ERROR, .error = *err};
    e.error.path = err->path ? kh_strdup(err->path) : NULL;
    e.error.message = err->message ? kh_strdup(err->message) : NULL;
    push(ctx, &e);
}

static void on_progress(void *ctx, const char *path, uint64_t done,
                        uint64_t total)
{
    ahead_event e = {.kind = AHEAD_PROGRESS, .path = kh_strdup(path),
                     .done = done, .total = total};
    push(ctx, &e);
}

static void *reader_main(void *arg)
{
    ahead *q = arg;
    kh_read_sink sink = {on_article, on_error, on_progress, q};
    int rc = kh_read_paths(q->paths, q->n_paths, q->opts, &sink);
    pthread_mutex_lock(&q->lock);
    q->finished = 1;
    q->rc = rc;
    pthread_cond_signal(&q->changed);
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

/* Consumer side: the next event into *e; 0 once the reader is done and
 * everything it queued has been taken. */
static int pop(ahead *q, ahead_event *e)
{
    pthread_mutex_lock(&q->lock);
    while (q->count == 0 && !q->finished)
        pthread_cond_wait(&q->changed, &q->lock);
    int got = q->count > 0;
    if (got) {
        *e = q->ring[q->head];
        q->head = (q->head + 1) % READ_AHEAD_EVENTS;
        q->count--;
        q->bytes -= event_bytes(e);
        if (q->reader_waits && !full(q))
            pthread_cond_signal(&q->changed);
    }
    pthread_mutex_unlock(&q->lock);
    return got;
}

/* Tell the reader to stop and drop what it queued. */
static void stop_reader(ahead *q)
{
    pthread_mutex_lock(&q->lock);
    q->stop = 1;
    pthread_cond_signal(&q->changed);
    pthread_mutex_unlock(&q->lock);
    ahead_event e;
    while (pop(q, &e))
        event_free(&e);
}

/* Hand one event to the sink.  @return the article callback's value. */
static int deliver(const kh_read_sink *sink, ahead_event *e)
{
    int rc = 0;
    switch (e->kind) {
    case AHEAD_ARTICLE:
        rc = sink->article(sink->ctx, &e->article);
        break;
    case AHEAD_ERROR:
        if (sink->error)
            sink->error(sink->ctx, &e->error);
        break;
    case AHEAD_PROGRESS:
        if (sink->progress)
            sink->progress(sink->ctx, e->path, e->done, e->total);
        break;
    }
    event_free(e); /* what the sink left of it */
    return rc;
}

int ingest_read_ahead(const char *const *paths, size_t n,
                      const kh_read_opts *opts, const kh_read_sink *sink,
                      int threaded)
{
    if (!threaded)
        return kh_read_paths(paths, n, opts, sink);
    ahead *q = kh_calloc(1, sizeof *q);
    q->paths = paths;
    q->n_paths = n;
    q->opts = opts;
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->changed, NULL);
    pthread_t reader;
    if (pthread_create(&reader, NULL, reader_main, q) != 0) {
        /* no thread to be had: read on this one, as without read-ahead */
        pthread_cond_destroy(&q->changed);
        pthread_mutex_destroy(&q->lock);
        free(q);
        return kh_read_paths(paths, n, opts, sink);
    }
    int stopped = 0;
    ahead_event e;
    while (!stopped && pop(q, &e))
        stopped = deliver(sink, &e) != 0;
    if (stopped)
        stop_reader(q);
    pthread_join(reader, NULL);
    assert(q->finished && q->count == 0);
    /* a sink that stopped sees KH_ESTOP, whatever the reader made of it */
    int rc = stopped ? KH_ESTOP : q->rc;
    pthread_cond_destroy(&q->changed);
    pthread_mutex_destroy(&q->lock);
    free(q);
    return rc;
}
