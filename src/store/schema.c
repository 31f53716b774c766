/*
 * schema.c - khabar's tables.  One place lists every table, index and
 * trigger; stages that add tables (dedup, stories) add their statements to
 * schema_sql[] and bump KH_SCHEMA_VERSION.
 */
#include <stdio.h>

#include "store/schema.h"

/*
 * articles holds each article once, under its 64-bit id (a signed INTEGER,
 * UNIQUE) and keyed by `seq`, its place in the order of storing (the
 * rowid).  Ids are hashes: as the rowid, each batch's thousand inserts
 * landed on leaves all over the table, and every commit wrote most of
 * them again (ingest of SaudiNewsNet: the WAL took 162k pages for a
 * 49k-page database, 119k of them the articles' ones).  Keyed by seq,
 * inserts append and each page is written about once (101k WAL pages);
 * a lookup by id is an index probe more.
 * `raw` is the page as read: TEXT when small, a zlib BLOB when larger
 * (raw.c).  `removed` keeps the lines the cleaner dropped, one
 * "reason<TAB>line" per line.
 * articles_fts is an FTS5 index with external content: it stores only the
 * inverted index and reads title and text back from articles, so the text
 * is not kept twice.  Its rowids are seq too, not the ids: FTS5 writes
 * each rowid in a term's list as the difference from the one before, and
 * the differences of 64-bit hashes take 8 bytes where a sequence takes one
 * (measured on SaudiNewsNet: an index of 82 MB with ids, about 45 MB with
 * seq).
 * kh_db_put_article indexes what it inserts with a plain INSERT, not with
 * a trigger: a trigger makes every insert a statement with a savepoint,
 * and FTS5 (3.40) writes its pending index to disk at each savepoint,
 * which made ingest several times slower.  Updates of title or text and
 * deletes, rare, are followed by triggers, whoever makes them.
 * FTS5 keeps the terms of the transaction in memory up to 'hashsize' bytes
 * (1 MB by default) and writes them out as a segment each time the limit
 * is reached; 8 MB holds a whole ingest batch, so a batch makes one segment
 * (the whole corpus's ingest+commit: 4.3 s of the writer's CPU instead of
 * 5.0 s, the same index).
 */
static const char *const schema_sql[] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    " WITHOUT ROWID",
    "CREATE TABLE sources(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
    "CREATE TABLE articles("
    " seq INTEGER PRIMARY KEY,"
    " id INTEGER NOT NULL UNIQUE,"
    " source_id INTEGER REFERENCES sources(id),"
    " url TEXT, title TEXT, author TEXT, date TEXT, lang TEXT,"
    " text TEXT NOT NULL,"
    " raw BLOB, raw_len INTEGER NOT NULL DEFAULT 0,"
    " raw_format INTEGER NOT NULL DEFAULT 0,"
    " removed TEXT,"
    " content_hash INTEGER NOT NULL,"
    " origin TEXT, encoding TEXT,"
    " invalid_bytes INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX articles_content_hash ON articles(content_hash)",
    "CREATE INDEX articles_source_date ON articles(source_id, date)",
    "CREATE INDEX articles_date ON articles(date)",
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text,"
    " content='articles', content_rowid='seq', tokenize='khabar')",
    "INSERT INTO articles_fts(articles_fts, rank) VALUES('hashsize', 8388608)",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, text)"
    " VALUES ('delete', old.seq, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text"
    " ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, text)"
    " VALUES ('delete', old.seq, old.title, old.text);"
    " INSERT INTO articles_fts(rowid, title, text)"
    " VALUES (new.seq, new.title, new.text); END",
    /* Line counts of each outlet's stored articles, for the chrome model
     * of the next ingest; "" is the source of articles without one. */
    "CREATE TABLE chrome_counts(source TEXT NOT NULL, line_hash INTEGER"
    " NOT NULL, count INTEGER NOT NULL, PRIMARY KEY(source, line_hash))"
    " WITHOUT ROWID",
    /* Increments to chrome_counts and story_df not yet added to them, a
     * batch's to a row (count_log.c) */
    "CREATE TABLE chrome_log(seq INTEGER PRIMARY KEY, counts BLOB NOT NULL)",
    "CREATE TABLE story_df_log(seq INTEGER PRIMARY KEY,"
    " counts BLOB NOT NULL)",
    "CREATE TABLE story_df(term INTEGER PRIMARY KEY, df INTEGER NOT NULL)",
    /* Duplicates and stories (store_dedup.h): a row per placed article, in
     * placement order (seq); rep is the duplicate cluster's representative
     * (NULL for none), shingles are kept for representatives only. */
    "CREATE TABLE dup_docs(seq INTEGER PRIMARY KEY,"
    " article INTEGER NOT NULL UNIQUE, rep INTEGER, kind INTEGER NOT NULL,"
    " jaccard REAL, containment REAL, text_key INTEGER, url_key INTEGER,"
    " shingles BLOB)",
    "CREATE INDEX dup_docs_rep ON dup_docs(rep) WHERE rep IS NOT NULL",
    "CREATE TABLE story_docs(seq INTEGER PRIMARY KEY,"
    " article INTEGER NOT NULL UNIQUE, story INTEGER NOT NULL,"
    " hours INTEGER, duplicate INTEGER NOT NULL, terms BLOB)",
    "CREATE INDEX story_docs_story ON story_docs(story)",
};

static int run(kh_db *db, const char *sql)
{
    if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
        return kh_db_sqlfail(db, "creating the schema");
    return KH_OK;
}

/* Inside the write lock, a schema another process just made shows up. */
static int already_created(kh_db *db, int *yes)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM sqlite_schema", -1,
                           &st, NULL) != SQLITE_OK)
        return kh_db_sqlfail(db, "creating the schema");
    int rc = sqlite3_step(st);
    *yes = rc == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return kh_db_sqlfail(db, "creating the schema");
    return KH_OK;
}

int kh_schema_create(kh_db *db)
{
    int rc = kh_db_begin(db);
    if (rc != KH_OK)
        return rc;
    int exists = 0;
    rc = already_created(db, &exists);
    if (rc == KH_OK && exists) {
        kh_db_rollback(db);
        return KH_OK;
    }
    size_t n = sizeof schema_sql / sizeof *schema_sql;
    for (size_t i = 0; rc == KH_OK && i < n; i++)
        rc = run(db, schema_sql[i]);
    char sql[160];
    snprintf(sql, sizeof sql,
             "INSERT INTO meta VALUES ('schema_version', '%d');"
             "PRAGMA application_id = %d; PRAGMA user_version = %d",
             KH_SCHEMA_VERSION, KH_APPLICATION_ID, KH_SCHEMA_VERSION);
    if (rc == KH_OK)
        rc = run(db, sql);
    if (rc != KH_OK) {
        kh_db_rollback(db);
        return rc;
    }
    return kh_db_commit(db);
}
