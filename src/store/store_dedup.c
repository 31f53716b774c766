/*
 * store_dedup.c - the dup_docs table (store_dedup.h) and what is read from
 * it: duplicate clusters, an article's links, the export of every article
 * with its story and representative (khabar.h).  Also the bookkeeping both
 * link tables share: clearing, unlinked articles, saved options, counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "store/db.h"
#include "store/store_dedup.h"

int kh_store_prepare(kh_db *db, const char *sql, sqlite3_stmt **st,
                     const char *what)
{
    if (sqlite3_prepare_v2(db->sql, sql, -1, st, NULL) != SQLITE_OK) {
        *st = NULL;
        return kh_db_sqlfail(db, what);
    }
    return KH_OK;
}

static void bind_id(sqlite3_stmt *st, int col, uint64_t id)
{
    if (id)
        sqlite3_bind_int64(st, col, (sqlite3_int64)id);
    else
        sqlite3_bind_null(st, col);
}

static uint64_t column_id(sqlite3_stmt *st, int col)
{
    return (uint64_t)sqlite3_column_int64(st, col);
}

static const char *column_text(sqlite3_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

int kh_store_dup_put(kh_db *db, const kh_dup_row *rows, size_t n)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db,
                     "INSERT OR REPLACE INTO dup_docs(article, rep, kind,"
                     " jaccard, containment, text_key, url_key, shingles)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                     &st, "saving duplicates");
    for (size_t i = 0; rc == KH_OK && i < n; i++) {
        const kh_dup_row *r = &rows[i];
        sqlite3_reset(st);
        bind_id(st, 1, r->article);
        bind_id(st, 2, r->rep);
        sqlite3_bind_int(st, 3, r->kind);
        sqlite3_bind_double(st, 4, r->jaccard);
        sqlite3_bind_double(st, 5, r->containment);
        sqlite3_bind_int64(st, 6, (sqlite3_int64)r->text_key);
        sqlite3_bind_int64(st, 7, (sqlite3_int64)r->url_key);
        if (r->sketch && r->sketch_len)
            sqlite3_bind_blob(st, 8, r->sketch, (int)r->sketch_len,
                              SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 8);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = kh_db_sqlfail(db, "saving duplicates");
    }
    sqlite3_finalize(st);
    return rc;
}

int kh_store_dup_each(kh_db *db, kh_dup_row_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db,
                     "SELECT d.article, d.rep, d.kind, d.jaccard,"
                     " d.containment, d.text_key, d.url_key, d.shingles,"
                     " a.date FROM dup_docs d"
                     " LEFT JOIN articles a ON a.id = d.article"
                     " ORDER BY d.seq",
                     &st, "loading duplicates");
    int step = SQLITE_DONE;
    while (rc == KH_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        kh_dup_row r = {0};
        r.article = column_id(st, 0);
        r.rep = column_id(st, 1);
        r.kind = sqlite3_column_int(st, 2);
        r.jaccard = sqlite3_column_double(st, 3);
        r.containment = sqlite3_column_double(st, 4);
        r.text_key = column_id(st, 5);
        r.url_key = column_id(st, 6);
        r.sketch = sqlite3_column_blob(st, 7);
        r.sketch_len = (size_t)sqlite3_column_bytes(st, 7);
        r.date = (const char *)sqlite3_column_text(st, 8);
        rc = fn(ctx, &r);
    }
    if (rc == KH_OK && step != SQLITE_DONE)
        rc = kh_db_sqlfail(db, "loading duplicates");
    sqlite3_finalize(st);
    return rc;
}

int kh_store_links_clear(kh_db *db)
{
    if (sqlite3_exec(db->sql, "DELETE FROM dup_docs; DELETE FROM story_docs;"
                     " DELETE FROM story_df; DELETE FROM story_df_log",
                     NULL, NULL, NULL) != SQLITE_OK)
        return kh_db_sqlfail(db, "clearing duplicates and stories");
    return KH_OK;
}

int kh_store_df_add(kh_db *db, const kh_df_row *rows, size_t n)
{
    kh_count_batch c = {0};
    for (size_t i = 0; i < n; i++)
        kh_count_batch_add(&c, "", (uint64_t)rows[i].term, rows[i].count);
    int rc = kh_db_counts_append(db, KH_COUNTS_STORY_DF, &c);
    kh_count_batch_free(&c);
    return rc;
}

typedef struct df_reading {
    kh_df_row_fn fn;
    void *ctx;
} df_reading;

static int df_from_log(void *ctx, const char *group, uint64_t key,
                       uint64_t count)
{
    (void)group;
    df_reading *d = ctx;
    kh_df_row r = {(int64_t)key, count};
    return d->fn(d->ctx, &r);
}

int kh_store_df_each(kh_db *db, kh_df_row_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db, "SELECT term, df FROM story_df", &st,
                          "loading word weights");
    int step = SQLITE_DONE;
    while (rc == KH_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        kh_df_row r = {sqlite3_column_int64(st, 0),
                       (uint64_t)sqlite3_column_int64(st, 1)};
        rc = fn(ctx, &r);
    }
    if (rc == KH_OK && step != SQLITE_DONE)
        rc = kh_db_sqlfail(db, "loading word weights");
    sqlite3_finalize(st);
    df_reading d = {fn, ctx};
    if (rc == KH_OK)
        rc = kh_db_counts_log_each(db, KH_COUNTS_STORY_DF, df_from_log, &d);
    return rc;
}

int kh_store_article_text(kh_db *db, uint64_t id, kh_buf *title, kh_buf *text)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db,
                     "SELECT title, text FROM articles WHERE id = ?1", &st,
                     "reading an article's text");
    if (rc != KH_OK)
        return rc;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *t = column_text(st, 0);
        if (t)
            kh_buf_append(title, t, (size_t)sqlite3_column_bytes(st, 0));
        const char *x = column_text(st, 1);
        if (x)
            kh_buf_append(text, x, (size_t)sqlite3_column_bytes(st, 1));
    } else if (step == SQLITE_DONE) {
        rc = KH_ENOTFOUND;
    } else {
        rc = kh_db_sqlfail(db, "reading an article's text");
    }
    sqlite3_finalize(st);
    return rc;
}

static const char unlinked_sql[] =
    " FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
    " WHERE NOT EXISTS (SELECT 1 FROM dup_docs d WHERE d.article = a.id)";

int kh_store_unlinked_count(kh_db *db, uint64_t *n)
{
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT count(*)%s", unlinked_sql);
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db, sql, &st, "counting unlinked articles");
    if (rc != KH_OK)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = column_id(st, 0);
    else
        rc = kh_db_sqlfail(db, "counting unlinked articles");
    sqlite3_finalize(st);
    return rc;
}

int kh_store_unlinked_each(kh_db *db, kh_store_article_fn fn, void *ctx)
{
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT a.id, s.name, a.url, a.title, a.date, a.text%s"
             " ORDER BY a.date IS NULL, a.date, a.seq",
             unlinked_sql);
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db, sql, &st, "reading articles to link");
    int step;
    while (rc == KH_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        kh_article a = {0};
        a.id = column_id(st, 0);
        a.source = (char *)column_text(st, 1);
        a.url = (char *)column_text(st, 2);
        a.title = (char *)column_text(st, 3);
        a.date = (char *)column_text(st, 4);
        a.text = (char *)column_text(st, 5);
        rc = fn(ctx, &a);
    }
    if (rc == KH_OK && step != SQLITE_DONE)
        rc = kh_db_sqlfail(db, "reading articles to link");
    sqlite3_finalize(st);
    return rc;
}

int kh_store_link_opts_get(kh_db *db, char **text)
{
    *text = NULL;
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db, "SELECT value FROM meta WHERE key = 'link_opts'",
                     &st, "reading the link options");
    if (rc != KH_OK)
        return rc;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *text = kh_strdup(column_text(st, 0));
    else if (step != SQLITE_DONE)
        rc = kh_db_sqlfail(db, "reading the link options");
    sqlite3_finalize(st);
    return rc;
}

int kh_store_link_opts_put(kh_db *db, const char *text)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db,
                     "INSERT OR REPLACE INTO meta(key, value)"
                     " VALUES ('link_opts', ?1)",
                     &st, "saving the link options");
    if (rc != KH_OK)
        return rc;
    sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = kh_db_sqlfail(db, "saving the link options");
    sqlite3_finalize(st);
    return rc;
}

int kh_store_links_counts(kh_db *db, uint64_t *stories, uint64_t *clusters)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db,
                     "SELECT (SELECT count(DISTINCT story) FROM story_docs),"
                     " (SELECT count(DISTINCT rep) FROM dup_docs"
                     " WHERE rep IS NOT NULL)",
                     &st, "counting stories");
    if (rc != KH_OK)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *stories = column_id(st, 0);
        *clusters = column_id(st, 1);
    } else {
        rc = kh_db_sqlfail(db, "counting stories");
    }
    sqlite3_finalize(st);
    return rc;
}

/* ---- public listings --------------------------------------------------- */

void kh_store_read_link_article(sqlite3_stmt *st, kh_link_article *a)
{
    memset(a, 0, sizeof *a);
    a->id = column_id(st, 0);
    a->source = column_text(st, 1);
    a->url = column_text(st, 2);
    a->title = column_text(st, 3);
    a->date = column_text(st, 4);
    a->story = column_id(st, 5);
    a->duplicate_of = column_id(st, 6);
    a->kind = (kh_dup_kind)sqlite3_column_int(st, 7);
    a->jaccard = sqlite3_column_double(st, 8);
    a->containment = sqlite3_column_double(st, 9);
}

/* Copies of a row's strings, so that members outlive their statement. */
typedef struct member {
    kh_link_article a;
    char *source, *url, *title, *date;
} member;

static void keep_member(member *m, const kh_link_article *a)
{
    m->a = *a;
    m->a.source = m->source = kh_strdup(a->source);
    m->a.url = m->url = kh_strdup(a->url);
    m->a.title = m->title = kh_strdup(a->title);
    m->a.date = m->date = kh_strdup(a->date);
}

static void drop_member(member *m)
{
    free(m->source);
    free(m->url);
    free(m->title);
    free(m->date);
}

static int distinct_sources(const member *m, size_t n)
{
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = (m[i].a.source == NULL) == (m[j].a.source == NULL) &&
                   (!m[i].a.source || strcmp(m[i].a.source, m[j].a.source) == 0);
        count += !seen;
    }
    return count;
}

/* Append the rows of a statement as members; KH_OK or a database error. */
static int collect_members(kh_db *db, sqlite3_stmt *st, member **m,
                           size_t *n, size_t *cap)
{
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 16;
            *m = kh_realloc(*m, *cap * sizeof **m);
        }
        kh_link_article a;
        kh_store_read_link_article(st, &a);
        keep_member(&(*m)[(*n)++], &a);
    }
    return step == SQLITE_DONE ? KH_OK
                               : kh_db_sqlfail(db, "listing duplicates");
}

/*
 * Clusters: the representatives, biggest cluster first, then for each one
 * its own row and its members' rows in the order they were found (two
 * indexed lookups per cluster).
 */
int kh_db_dup_clusters(kh_db *db, kh_dup_cluster_fn fn, void *ctx)
{
    sqlite3_stmt *reps = NULL, *head = NULL, *rows = NULL;
    int rc = kh_store_prepare(db,
                     "SELECT rep, count(*) FROM dup_docs WHERE rep IS NOT NULL"
                     " GROUP BY rep ORDER BY count(*) DESC, min(seq)",
                     &reps, "listing duplicates");
    if (rc == KH_OK)
        rc = kh_store_prepare(db,
                     "SELECT " KH_LINK_COLUMNS " FROM articles a" KH_LINK_JOINS
                     " WHERE a.id = ?1",
                     &head, "listing duplicates");
    if (rc == KH_OK)
        rc = kh_store_prepare(db,
                     "SELECT " KH_LINK_COLUMNS " FROM dup_docs dd"
                     " JOIN articles a ON a.id = dd.article" KH_LINK_JOINS
                     " WHERE dd.rep = ?1 ORDER BY dd.seq",
                     &rows, "listing duplicates");
    member *m = NULL;
    size_t cap = 0;
    int step = SQLITE_DONE;
    while (rc == KH_OK && (step = sqlite3_step(reps)) == SQLITE_ROW) {
        uint64_t rep = column_id(reps, 0);
        size_t n = 0;
        sqlite3_reset(head);
        sqlite3_bind_int64(head, 1, (sqlite3_int64)rep);
        rc = collect_members(db, head, &m, &n, &cap);
        if (n == 1) { /* the representative duplicates nothing */
            m[0].a.duplicate_of = 0;
            m[0].a.kind = KH_DUP_NONE;
        }
        sqlite3_reset(rows);
        sqlite3_bind_int64(rows, 1, (sqlite3_int64)rep);
        if (rc == KH_OK && n == 1)
            rc = collect_members(db, rows, &m, &n, &cap);
        if (rc == KH_OK && n >= 2) {
            kh_link_article *arr = kh_malloc(n * sizeof *arr);
            for (size_t i = 0; i < n; i++)
                arr[i] = m[i].a;
            kh_dup_cluster c = {rep, arr, n, (size_t)distinct_sources(m, n)};
            rc = fn(ctx, &c);
            free(arr);
        }
        for (size_t i = 0; i < n; i++)
            drop_member(&m[i]);
    }
    if (rc == KH_OK && step != SQLITE_DONE)
        rc = kh_db_sqlfail(db, "listing duplicates");
    free(m);
    sqlite3_finalize(reps);
    sqlite3_finalize(head);
    sqlite3_finalize(rows);
    return rc;
}

int kh_db_article_links(kh_db *db, uint64_t id, uint64_t *story,
                        uint64_t *duplicate_of)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db,
                     "SELECT sd.story, d.rep FROM articles a"
                     " LEFT JOIN dup_docs d ON d.article = a.id"
                     " LEFT JOIN story_docs sd ON sd.article = a.id"
                     " WHERE a.id = ?1",
                     &st, "reading an article's links");
    if (rc != KH_OK)
        return rc;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        if (story)
            *story = column_id(st, 0);
        if (duplicate_of)
            *duplicate_of = column_id(st, 1);
    } else if (step == SQLITE_DONE) {
        rc = kh_db_fail(db, KH_ENOTFOUND, "no article %016llx",
                        (unsigned long long)id);
    } else {
        rc = kh_db_sqlfail(db, "reading an article's links");
    }
    sqlite3_finalize(st);
    return rc;
}

int kh_db_export(kh_db *db, kh_link_article_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db,
                     "SELECT " KH_LINK_COLUMNS " FROM articles a" KH_LINK_JOINS
                     " ORDER BY a.date IS NULL, a.date, a.id",
                     &st, "exporting articles");
    int step = SQLITE_DONE;
    while (rc == KH_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        kh_link_article a;
        kh_store_read_link_article(st, &a);
        rc = fn(ctx, &a);
    }
    if (rc == KH_OK && step != SQLITE_DONE)
        rc = kh_db_sqlfail(db, "exporting articles");
    sqlite3_finalize(st);
    return rc;
}
