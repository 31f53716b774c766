/*
 * count_log.c - counters kept as a log of increments: the chrome counts
 * (chrome_counts, chrome_log) and the story word weights (story_df,
 * story_df_log).
 *
 * Each ingest batch adds a few thousand increments to keys spread over the
 * whole table (a line's hash, a term's).  As upserts, every batch rewrote
 * most of the table's pages: on SaudiNewsNet these two small tables took
 * 17k of the WAL's 101k pages, and writing them 9% of the ingest's CPU.
 * Now a batch appends its increments as one row of the table's log, in the
 * batch's own transaction (so they stay in step with the articles), and a
 * reader adds the log to the table.  kh_db_counts_fold moves the log into
 * the table, in one transaction, once it is long (ingest asks at its
 * start): each page is then written once for many batches.
 *
 * A log row is a BLOB of groups (chrome counts are grouped by outlet):
 *   varint group length, the group's bytes, u32 LE n,
 *   n x (u64 LE key, varint count).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "store/db.h"
#include "store/store_dedup.h"

typedef struct count_table {
    const char *log;     /* the log table                                */
    const char *fold;    /* the upsert of one count into the table       */
    const char *what;    /* for messages                                 */
} count_table;

static const count_table tables[KH_COUNTS_COUNT] = {
    [KH_COUNTS_CHROME] = {
        "chrome_log",
        "INSERT INTO chrome_counts(source, line_hash, count) VALUES (?1, ?2,"
        " ?3) ON CONFLICT(source, line_hash) DO UPDATE SET"
        " count = count + excluded.count",
        "chrome counts"},
    [KH_COUNTS_STORY_DF] = {
        "story_df_log",
        "INSERT INTO story_df(term, df) VALUES (?2, ?3)"
        " ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        "word weights"},
};

/* ---- a batch's increments --------------------------------------------- */

static void put_varint(kh_buf *b, uint64_t v)
{
    unsigned char tmp[10];
    size_t n = 0;
    do {
        tmp[n++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
    } while (v);
    kh_buf_append(b, tmp, n);
}

/* The open group's entry count, written in place. */
static void close_group(kh_count_batch *c)
{
    if (!c->open)
        return;
    for (size_t i = 0; i < 4; i++)
        c->blob.data[c->n_at + i] = (char)(c->n >> (8 * i));
    c->open = 0;
}

void kh_count_batch_add(kh_count_batch *c, const char *group, uint64_t key,
                        uint64_t count)
{
    if (!group)
        group = "";
    size_t len = strlen(group);
    if (!c->open || c->group.len != len ||
        memcmp(c->group.data, group, len) != 0) {
        close_group(c);
        kh_buf_reset(&c->group);
        kh_buf_append(&c->group, group, len);
        put_varint(&c->blob, len);
        kh_buf_append(&c->blob, group, len);
        c->n_at = c->blob.len;
        kh_buf_put_le(&c->blob, 0, 4);
        c->n = 0;
        c->open = 1;
    }
    kh_buf_put_le(&c->blob, key, 8);
    put_varint(&c->blob, count);
    c->n++;
    c->entries++;
}

void kh_count_batch_free(kh_count_batch *c)
{
    kh_buf_free(&c->blob);
    kh_buf_free(&c->group);
    memset(c, 0, sizeof *c);
}

int kh_db_counts_append(kh_db *db, int table, kh_count_batch *c)
{
    close_group(c);
    int rc = KH_OK;
    if (c->entries) {
        char sql[80];
        snprintf(sql, sizeof sql, "INSERT INTO %s(counts) VALUES (?1)",
                 tables[table].log);
        sqlite3_stmt *st;
        rc = kh_store_prepare(db, sql, &st, tables[table].what);
        if (rc != KH_OK)
            return rc;
        sqlite3_bind_blob(st, 1, c->blob.data, (int)c->blob.len,
                          SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = kh_db_sqlfail(db, tables[table].what);
        sqlite3_finalize(st);
    }
    kh_buf_reset(&c->blob);
    c->open = 0;
    c->entries = 0;
    return rc;
}

/* ---- reading the log --------------------------------------------------- */

typedef struct reader {
    const unsigned char *p, *end;
} reader;

static int get_varint(reader *r, uint64_t *v)
{
    *v = 0;
    for (unsigned shift = 0; shift < 64 && r->p < r->end; shift += 7) {
        unsigned char b = *r->p++;
        *v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return 1;
    }
    return 0;
}

static int get_le(reader *r, size_t bytes, uint64_t *v)
{
    if ((size_t)(r->end - r->p) < bytes)
        return 0;
    *v = kh_get_le(r->p, bytes);
    r->p += bytes;
    return 1;
}

/* Every count of one log row to fn; KH_EDB names a damaged row. */
static int each_in_row(kh_db *db, int table, int64_t seq, reader *r,
                       kh_db_count_fn fn, void *ctx, kh_buf *group)
{
    while (r->p < r->end) {
        uint64_t len, n;
        if (!get_varint(r, &len) || len > (uint64_t)(r->end - r->p))
            goto damaged;
        kh_buf_reset(group);
        kh_buf_append(group, r->p, (size_t)len);
        r->p += len;
        if (!get_le(r, 4, &n))
            goto damaged;
        for (uint64_t i = 0; i < n; i++) {
            uint64_t key, count;
            if (!get_le(r, 8, &key) || !get_varint(r, &count))
                goto damaged;
            int rc = fn(ctx, group->data, key, count);
            if (rc)
                return rc;
        }
    }
    return KH_OK;
damaged:
    return kh_db_fail(db, KH_EDB, "%s: log row %lld is damaged",
                      tables[table].log, (long long)seq);
}

int kh_db_counts_log_each(kh_db *db, int table, kh_db_count_fn fn, void *ctx)
{
    char sql[80];
    snprintf(sql, sizeof sql, "SELECT seq, counts FROM %s ORDER BY seq",
             tables[table].log);
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db, sql, &st, tables[table].what);
    if (rc != KH_OK)
        return rc;
    kh_buf group = KH_BUF_INIT;
    int step = SQLITE_DONE;
    while (rc == KH_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *p = sqlite3_column_blob(st, 1);
        reader r = {p, p + sqlite3_column_bytes(st, 1)};
        rc = each_in_row(db, table, sqlite3_column_int64(st, 0), &r, fn, ctx,
                         &group);
    }
    if (rc == KH_OK && step != SQLITE_DONE)
        rc = kh_db_sqlfail(db, tables[table].what);
    sqlite3_finalize(st);
    kh_buf_free(&group);
    return rc;
}

/* ---- folding the log into the table ------------------------------------ */

typedef struct folding {
    kh_db *db;
    sqlite3_stmt *st;
    const char *what;
} folding;

static int fold_one(void *ctx, const char *group, uint64_t key,
                    uint64_t count)
{
    folding *f = ctx;
    sqlite3_reset(f->st);
    sqlite3_bind_text(f->st, 1, group, -1, SQLITE_STATIC);
    sqlite3_bind_int64(f->st, 2, (sqlite3_int64)key);
    sqlite3_bind_int64(f->st, 3, (sqlite3_int64)count);
    if (sqlite3_step(f->st) != SQLITE_DONE)
        return kh_db_sqlfail(f->db, f->what);
    return KH_OK;
}

static int log_rows(kh_db *db, int table, int64_t *n)
{
    char sql[80];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[table].log);
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db, sql, &st, tables[table].what);
    if (rc != KH_OK)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    else
        rc = kh_db_sqlfail(db, tables[table].what);
    sqlite3_finalize(st);
    return rc;
}

static int fold_table(kh_db *db, int table)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db, tables[table].fold, &st,
                              tables[table].what);
    if (rc != KH_OK)
        return rc;
    folding f = {db, st, tables[table].what};
    rc = kh_db_counts_log_each(db, table, fold_one, &f);
    sqlite3_finalize(st);
    char sql[60];
    snprintf(sql, sizeof sql, "DELETE FROM %s", tables[table].log);
    if (rc == KH_OK && sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
        rc = kh_db_sqlfail(db, tables[table].what);
    return rc;
}

int kh_db_counts_fold(kh_db *db, int64_t min_rows)
{
    int64_t n[KH_COUNTS_COUNT] = {0};
    int due = 0;
    for (int t = 0; t < KH_COUNTS_COUNT; t++) {
        int rc = log_rows(db, t, &n[t]);
        if (rc != KH_OK)
            return rc;
        due |= n[t] > 0 && n[t] >= min_rows;
    }
    if (!due)
        return KH_OK;
    int rc = kh_db_begin(db);
    for (int t = 0; rc == KH_OK && t < KH_COUNTS_COUNT; t++)
        if (n[t] > 0)
            rc = fold_table(db, t);
    if (rc == KH_OK)
        return kh_db_commit(db);
    kh_db_rollback(db);
    return rc;
}
