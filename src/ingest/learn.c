/*
 * learn.c - the learn pass's share of the work: each new article's lines
 * (split, prepared and hashed as the cleaner will see them) are computed
 * by the workers while the reader goes on, a batch at a time; the reading
 * thread then counts them into the run's chrome model in input order.
 * Two batches alternate: one being read, one being worked on.
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "ingest/ingest.h"

/* Articles per batch: enough to keep the workers busy between two waits,
 * few enough that memory stays small (only pages are kept). */
#define LEARN_BATCH 512

static void lines_of_article(void *ctx, size_t i)
{
    learn_batch *b = ctx;
    kh_chrome_lines_of(&b->articles[i], &b->lines[i]);
}

/* Wait for b's lines, count them, and empty b. */
static void learn_finish(ingest_run *run, learn_batch *b)
{
    ingest_job_wait(b->job);
    b->job = NULL;
    for (size_t i = 0; i < b->n; i++) {
        kh_chrome_observe_lines(run->model, b->articles[i].source,
                                &b->lines[i]);
        kh_chrome_lines_free(&b->lines[i]);
        kh_article_clear(&b->articles[i]);
    }
    b->n = 0;
}

/* Hand the batch being read to the workers, count the one they worked on
 * before, and swap the two. */
static void learn_flush(ingest_run *run)
{
    learn_batch *reading = run->learning, *working = run->learn_working;
    reading->job = ingest_job_start(lines_of_article, reading, reading->n,
                                    run->threads);
    learn_finish(run, working);
    run->learning = working;
    run->learn_working = reading;
}

void ingest_learn_add(ingest_run *run, kh_article *a)
{
    if (!run->learning) {
        run->learning = &run->learn_slots[0];
        run->learn_working = &run->learn_slots[1];
    }
    learn_batch *b = run->learning;
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->articles = kh_realloc(b->articles, b->cap * sizeof *b->articles);
        b->lines = kh_realloc(b->lines, b->cap * sizeof *b->lines);
    }
    /* only what kh_chrome_lines_of and the count look at is taken over */
    memset(&b->lines[b->n], 0, sizeof b->lines[b->n]);
    kh_article *mine = &b->articles[b->n++];
    memset(mine, 0, sizeof *mine);
    mine->raw = a->raw;
    mine->raw_len = a->raw_len;
    mine->raw_format = a->raw_format;
    mine->url = a->url;
    mine->source = a->source;
    a->raw = a->url = a->source = NULL;
    a->raw_len = 0;
    if (b->n >= LEARN_BATCH)
        learn_flush(run);
}

void ingest_learn_drain(ingest_run *run)
{
    if (!run->learning)
        return; /* nothing was learned */
    learn_flush(run);                     /* the last, partial, batch   */
    learn_finish(run, run->learn_working); /* ... counted                */
}

void ingest_learn_free(ingest_run *run)
{
    for (int k = 0; k < 2; k++) {
        learn_batch *b = &run->learn_slots[k];
        ingest_job_wait(b->job);
        for (size_t i = 0; i < b->n; i++) {
            kh_chrome_lines_free(&b->lines[i]);
            kh_article_clear(&b->articles[i]);
        }
        free(b->articles);
        free(b->lines);
        memset(b, 0, sizeof *b);
    }
}
