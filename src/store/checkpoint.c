/*
 * checkpoint.c - checkpointing apart: during a long run of write
 * transactions (an ingest), a thread with a connection of its own copies
 * the WAL back into the database while the writer goes on writing.
 *
 * SQLite's automatic checkpoint runs inside the commit that crosses the
 * limit, on the writer's thread: the pages are read back from the WAL,
 * written into the database and both files are synced while the writer
 * waits (on SaudiNewsNet about a third of the writer's commit time).  Here
 * the writer's WAL hook only counts the frames and wakes the thread once
 * enough are waiting.  A PASSIVE checkpoint never takes a lock the writer
 * or a reader needs; the writer starts the WAL afresh at its next
 * transaction once everything was copied back, as it always does.
 * Durability is unchanged: committed transactions are in the WAL, whoever
 * copies them back and whenever.
 */
#include <pthread.h>
#include <stdlib.h>

#include "common/alloc.h"
#include "store/db.h"

struct kh_checkpointer {
    sqlite3 *sql;           /* the thread's own connection              */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int frames;             /* WAL length at the writer's last commit     */
    int pages;              /* the length from which to checkpoint       */
    int stop;
};

/* The writer's WAL hook, after each commit (writer's thread). */
static int on_commit(void *ctx, sqlite3 *sql, const char *name, int frames)
{
    (void)sql;
    (void)name;
    kh_checkpointer *c = ctx;
    pthread_mutex_lock(&c->lock);
    c->frames = frames;
    if (frames >= c->pages)
        pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
    return SQLITE_OK;
}

static void *checkpoint_main(void *arg)
{
    kh_checkpointer *c = arg;
    pthread_mutex_lock(&c->lock);
    for (;;) {
        while (!c->stop && c->frames < c->pages)
            pthread_cond_wait(&c->wake, &c->lock);
        if (c->stop)
            break;
        c->frames = 0; /* the next commit tells how long the WAL is */
        pthread_mutex_unlock(&c->lock);
        /* a failure (the disk full, say) leaves the frames in the WAL,
         * where the writer's last checkpoint on closing finds them */
        sqlite3_wal_checkpoint_v2(c->sql, NULL, SQLITE_CHECKPOINT_PASSIVE,
                                  NULL, NULL);
        pthread_mutex_lock(&c->lock);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

static void checkpointer_free(kh_checkpointer *c)
{
    sqlite3_close_v2(c->sql);
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->wake);
    free(c);
}

void kh_db_checkpoint_apart(kh_db *db, int pages)
{
    if (db->readonly || db->checkpointer)
        return;
    kh_checkpointer *c = kh_calloc(1, sizeof *c);
    c->pages = pages > 0 ? pages : KH_CHECKPOINT_PAGES;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->wake, NULL);
    /* an in-memory database has no WAL: nothing to do apart */
    const char *file = sqlite3_db_filename(db->sql, "main");
    if (!file || !*file ||
        sqlite3_open_v2(file, &c->sql,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK ||
        sqlite3_exec(c->sql, "PRAGMA synchronous = NORMAL", NULL, NULL,
                     NULL) != SQLITE_OK ||
        pthread_create(&c->thread, NULL, checkpoint_main, c) != 0) {
        checkpointer_free(c); /* the writer checkpoints, as before */
        return;
    }
    db->checkpointer = c;
    sqlite3_wal_hook(db->sql, on_commit, c);
}

void kh_db_checkpoint_join(kh_db *db)
{
    kh_checkpointer *c = db->checkpointer;
    if (!c)
        return;
    /* the writer checkpoints by itself again (db.c: set_pragmas) */
    sqlite3_wal_autocheckpoint(db->sql, KH_CHECKPOINT_PAGES);
    pthread_mutex_lock(&c->lock);
    c->stop = 1;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
    pthread_join(c->thread, NULL);
    checkpointer_free(c);
    db->checkpointer = NULL;
}
