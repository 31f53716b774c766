/*
 * db_stats.c - what a database holds (kh_db_stats_get, kh_db_sources), its
 * integrity check, and the persisted chrome line counts.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "common/alloc.h"
#include "common/map.h"
#include "store/db.h"
#include "store/store_dedup.h"

/* Run sql (one row expected) and hand its statement to the caller, who
 * reads the columns and finalizes it; NULL on error (message set). */
static sqlite3_stmt *one_row(kh_db *db, const char *sql, int *rc)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
        *rc = kh_db_sqlfail(db, "reading statistics");
        return NULL;
    }
    if (sqlite3_step(st) != SQLITE_ROW) {
        *rc = kh_db_sqlfail(db, "reading statistics");
        sqlite3_finalize(st);
        return NULL;
    }
    *rc = KH_OK;
    return st;
}

static void copy_date(char out[11], sqlite3_stmt *st, int col)
{
    const char *d = (const char *)sqlite3_column_text(st, col);
    snprintf(out, 11, "%s", d ? d : "");
}

static uint64_t file_size(const char *path, const char *suffix)
{
    char name[4096];
    snprintf(name, sizeof name, "%s%s", path, suffix);
    struct stat st;
    return stat(name, &st) == 0 ? (uint64_t)st.st_size : 0;
}

/* The stored chrome model's size: distinct (outlet, shape) pairs, told
 * apart by a hash of both (a collision, at 2^-64, would undercount one),
 * and the sum of their counts. */
typedef struct chrome_tally {
    kh_map seen;
    uint64_t shapes, occurrences;
} chrome_tally;

static int tally_chrome(void *ctx, const char *source, uint64_t shape,
                        uint64_t count)
{
    chrome_tally *t = ctx;
    int created = 0;
    kh_map_put(&t->seen, kh_hash64(source, strlen(source), shape), &created);
    t->shapes += created != 0;
    t->occurrences += count;
    return 0;
}

int kh_db_stats_get(kh_db *db, kh_db_stats *out)
{
    memset(out, 0, sizeof *out);
    int rc;
    sqlite3_stmt *st = one_row(
        db,
        "SELECT count(*), count(DISTINCT content_hash),"
        " min(substr(date, 1, 10)), max(substr(date, 1, 10)),"
        " total(raw_len), total(length(CAST(text AS BLOB))),"
        " (SELECT count(DISTINCT source_id) FROM articles)"
        " FROM articles",
        &rc);
    if (!st)
        return rc;
    out->articles = (uint64_t)sqlite3_column_int64(st, 0);
    out->distinct_texts = (uint64_t)sqlite3_column_int64(st, 1);
    copy_date(out->first_date, st, 2);
    copy_date(out->last_date, st, 3);
    out->raw_bytes = (uint64_t)sqlite3_column_double(st, 4);
    out->text_bytes = (uint64_t)sqlite3_column_double(st, 5);
    out->sources = (uint64_t)sqlite3_column_int64(st, 6);
    sqlite3_finalize(st);
    chrome_tally tally = {KH_MAP_INIT, 0, 0};
    rc = kh_db_chrome_each(db, tally_chrome, &tally);
    kh_map_free(&tally.seen);
    if (rc != KH_OK)
        return rc;
    out->chrome_shapes = tally.shapes;
    out->chrome_occurrences = tally.occurrences;
    out->db_bytes = file_size(db->path, "") + file_size(db->path, "-wal");
    return kh_store_links_counts(db, &out->stories, &out->duplicate_clusters);
}

int kh_db_sources(kh_db *db, kh_source_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            db->sql,
            "SELECT coalesce(s.name, ''), count(*),"
            " coalesce(min(substr(a.date, 1, 10)), ''),"
            " coalesce(max(substr(a.date, 1, 10)), '')"
            " FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
            " GROUP BY a.source_id ORDER BY count(*) DESC, 1",
            -1, &st, NULL) != SQLITE_OK)
        return kh_db_sqlfail(db, "listing sources");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int stop = fn(ctx, (const char *)sqlite3_column_text(st, 0),
                      (uint64_t)sqlite3_column_int64(st, 1),
                      (const char *)sqlite3_column_text(st, 2),
                      (const char *)sqlite3_column_text(st, 3));
        if (stop) {
            sqlite3_finalize(st);
            return KH_ESTOP;
        }
    }
    if (rc != SQLITE_DONE) {
        rc = kh_db_sqlfail(db, "listing sources");
        sqlite3_finalize(st);
        return rc;
    }
    sqlite3_finalize(st);
    return KH_OK;
}

/* SQLite's own check of every b-tree, then FTS5's check that the index
 * matches the articles it was built from (rank 1: compare with content). */
int kh_db_check(kh_db *db)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, "PRAGMA integrity_check", -1, &st,
                           NULL) != SQLITE_OK)
        return kh_db_sqlfail(db, "checking integrity");
    kh_buf problems = KH_BUF_INIT;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(st, 0);
        if (line && strcmp(line, "ok") != 0)
            kh_buf_printf(&problems, "%s%s", problems.len ? "; " : "", line);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        kh_buf_free(&problems);
        return kh_db_sqlfail(db, "checking integrity");
    }
    if (problems.len) {
        rc = kh_db_fail(db, KH_EDB, "the database is damaged: %s",
                        problems.data);
        kh_buf_free(&problems);
        return rc;
    }
    if (sqlite3_exec(db->sql,
                     "INSERT INTO articles_fts(articles_fts, rank)"
                     " VALUES ('integrity-check', 1)",
                     NULL, NULL, NULL) != SQLITE_OK)
        return kh_db_sqlfail(db, "checking the search index");
    return KH_OK;
}

int kh_db_chrome_save(kh_db *db, kh_count_batch *c)
{
    return kh_db_counts_append(db, KH_COUNTS_CHROME, c);
}

int kh_db_chrome_each(kh_db *db, kh_db_chrome_fn fn, void *ctx)
{
    sqlite3_stmt *st = kh_db_stmt(db, KH_STMT_CHROME_ALL);
    if (!st)
        return KH_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *src = (const char *)sqlite3_column_text(st, 0);
        if (fn(ctx, src ? src : "", (uint64_t)sqlite3_column_int64(st, 1),
               (uint64_t)sqlite3_column_int64(st, 2))) {
            sqlite3_reset(st);
            return KH_ESTOP;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return kh_db_sqlfail(db, "loading chrome counts");
    rc = kh_db_counts_log_each(db, KH_COUNTS_CHROME, fn, ctx);
    return rc > 0 ? KH_ESTOP : rc;
}
