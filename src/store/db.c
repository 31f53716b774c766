/*
 * db.c - opening, creating and closing a khabar database: the SQLite
 * connection, its pragmas, schema checks, error messages, transactions and
 * the cache of prepared statements the other store files use.
 */
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/alloc.h"
#include "store/db.h"
#include "store/schema.h"

/* How long a writer waits for another process's lock before KH_EBUSY. */
#define KH_BUSY_TIMEOUT_MS 2000

static const char *const stmt_sql[KH_STMT_COUNT] = {
    [KH_STMT_HAS_ID] = "SELECT 1 FROM articles WHERE id = ?1",
    [KH_STMT_HAS_HASH] =
        "SELECT 1 FROM articles WHERE content_hash = ?1 LIMIT 1",
    [KH_STMT_SOURCE_GET] = "SELECT id FROM sources WHERE name = ?1",
    [KH_STMT_SOURCE_ADD] = "INSERT INTO sources(name) VALUES (?1)",
    [KH_STMT_ARTICLE_PUT] =
        "INSERT INTO articles(id, source_id, url, title, author, date, lang,"
        " text, raw, raw_len, raw_format, removed, content_hash, origin,"
        " encoding, invalid_bytes, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
        " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
        " ON CONFLICT(id) DO NOTHING",
    [KH_STMT_FTS_PUT] =
        "INSERT INTO articles_fts(rowid, title, text) VALUES (?1, ?2, ?3)",
    [KH_STMT_NEXT_SEQ] = "SELECT coalesce(max(seq), 0) + 1 FROM articles",
    [KH_STMT_ARTICLE_GET] =
        "SELECT a.id, s.name, a.url, a.title, a.author, a.date, a.lang,"
        " a.text, a.raw, a.raw_len, a.raw_format, a.removed, a.content_hash,"
        " a.origin, a.encoding, a.invalid_bytes FROM articles a"
        " LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?1",
    [KH_STMT_CHROME_ALL] =
        "SELECT source, line_hash, count FROM chrome_counts",
};

int kh_db_fail(kh_db *db, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kh_buf_reset(&db->err);
    kh_buf_vprintf(&db->err, fmt, ap);
    va_end(ap);
    return code;
}

int kh_db_sqlfail(kh_db *db, const char *what)
{
    int rc = db->sql ? sqlite3_errcode(db->sql) : SQLITE_ERROR;
    const char *msg = db->sql ? sqlite3_errmsg(db->sql) : "no connection";
    if (!what) /* opening: the caller shows the path already */
        what = "cannot open it";
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return kh_db_fail(db, KH_EBUSY,
                          "the database is locked by another process "
                          "(waited %d s); try again when it has finished",
                          KH_BUSY_TIMEOUT_MS / 1000);
    case SQLITE_NOTADB:
        return kh_db_fail(db, KH_EDB, "not a khabar database (%s)", msg);
    case SQLITE_FULL:
        return kh_db_fail(db, KH_EDB, "%s: the disk is full (%s)", what, msg);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
    case SQLITE_READONLY:
        return kh_db_fail(db, (rc & 0xff) == SQLITE_READONLY ? KH_EDB : KH_EIO,
                          "%s: %s", what, msg);
    default:
        return kh_db_fail(db, KH_EDB, "%s: %s", what, msg);
    }
}

const char *kh_db_errmsg(const kh_db *db)
{
    if (!db || !db->err.data || !db->err.len)
        return "no error";
    return db->err.data;
}

sqlite3_stmt *kh_db_stmt(kh_db *db, enum kh_db_stmt_id id)
{
    assert(id < KH_STMT_COUNT);
    sqlite3_stmt *st = db->stmt[id];
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return st;
    }
    if (sqlite3_prepare_v3(db->sql, stmt_sql[id], -1,
                           SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        kh_db_sqlfail(db, "preparing a statement");
        return NULL;
    }
    db->stmt[id] = st;
    return st;
}

static int exec(kh_db *db, const char *sql, const char *what)
{
    if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
        return kh_db_sqlfail(db, what);
    return KH_OK;
}

int kh_db_begin(kh_db *db)
{
    assert(!db->in_txn);
    int rc = exec(db, "BEGIN IMMEDIATE", "starting a transaction");
    if (rc == KH_OK)
        db->in_txn = 1;
    db->next_seq = 0;
    return rc;
}

int kh_db_commit(kh_db *db)
{
    assert(db->in_txn);
    int rc = exec(db, "COMMIT", "committing");
    if (rc != KH_OK) {
        kh_db_rollback(db);
        return rc;
    }
    db->in_txn = 0;
    return KH_OK;
}

void kh_db_rollback(kh_db *db)
{
    if (!db->in_txn)
        return;
    /* The error that brought us here is in db->err; keep it. */
    if (sqlite3_get_autocommit(db->sql) == 0)
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    db->in_txn = 0;
}

int kh_db_check_writable(kh_db *db)
{
    if (db->readonly)
        return kh_db_fail(db, KH_EINVAL, "the database was opened read-only");
    int rc = kh_db_begin(db);
    if (rc != KH_OK)
        return rc;
    kh_db_rollback(db);
    return KH_OK;
}

/* The directory part of path ("." when there is none); caller frees. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return kh_strdup(".");
    if (slash == path)
        return kh_strdup("/");
    return kh_strndup(path, (size_t)(slash - path));
}

/* Refuse early, with a message naming the path, what SQLite would only
 * call "unable to open database file". */
static int check_path(kh_db *db, int flags)
{
    struct stat st;
    char *dir = dir_of(db->path);
    int dir_ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
    if (!dir_ok) {
        int rc = kh_db_fail(db, KH_EIO, "directory '%s' does not exist", dir);
        free(dir);
        return rc;
    }
    free(dir);
    if (stat(db->path, &st) != 0) {
        if (errno == ENOENT && (flags & KH_DB_CREATE) &&
            !(flags & KH_DB_READONLY))
            return KH_OK;
        if (errno == ENOENT)
            return kh_db_fail(db, KH_EIO,
                              "no such database (create one with 'khabar "
                              "ingest')");
        return kh_db_fail(db, KH_EIO, "cannot read it: %s", strerror(errno));
    }
    if (S_ISDIR(st.st_mode))
        return kh_db_fail(db, KH_EIO, "a directory, not a database");
    return KH_OK;
}

/* One integer from a single-row query; *out untouched when no row. */
static int query_int(kh_db *db, const char *sql, int64_t *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
        return kh_db_sqlfail(db, NULL);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return kh_db_sqlfail(db, NULL);
    return KH_OK;
}

static int set_pragmas(kh_db *db);

/* What the file holds: a khabar database of our version, nothing yet, or
 * something else.  A new file gets the schema when we may write (pragmas
 * first, so that it is born in WAL mode); a foreign file is left as it is. */
static int check_or_create_schema(kh_db *db)
{
    int64_t app_id = 0, n_tables = 0, version = -1;
    int rc = query_int(db, "PRAGMA application_id", &app_id);
    if (rc == KH_OK)
        rc = query_int(db, "SELECT count(*) FROM sqlite_schema", &n_tables);
    if (rc != KH_OK)
        return rc;
    if (app_id == 0 && n_tables == 0) {
        if (db->readonly)
            return kh_db_fail(db, KH_EDB,
                              "an empty file, not a khabar database");
        rc = set_pragmas(db);
        return rc == KH_OK ? kh_schema_create(db) : rc;
    }
    if (app_id != KH_APPLICATION_ID)
        return kh_db_fail(db, KH_EDB,
                          "an SQLite database, but not a khabar one");
    rc = query_int(db,
                   "SELECT CAST(value AS INTEGER) FROM meta"
                   " WHERE key = 'schema_version'",
                   &version);
    if (rc != KH_OK)
        return rc;
    if (version != KH_SCHEMA_VERSION)
        return kh_db_fail(db, KH_EDB,
                          "schema version %lld; this khabar reads version %d"
                          " (ingest again into a new database)",
                          (long long)version, KH_SCHEMA_VERSION);
    return KH_OK;
}

/*
 * Durability: WAL with synchronous=NORMAL.  A commit appends the batch to
 * the WAL without fsync; the WAL is fsynced only at checkpoints.  Killing
 * the process (kill -9, crash) loses nothing that was committed, because
 * the written frames are already in the kernel's page cache and the next
 * open replays them; a transaction cut short has no commit frame and is
 * ignored.  Only a power loss or kernel crash may drop the last few
 * commits, and even then the frame checksums keep the database consistent,
 * which is what a re-run of an ingest needs.
 * The WAL is checkpointed every 8192 pages rather than SQLite's 1000: a
 * page that several batches rewrite is copied back once, and the fsyncs
 * halve (an ingest runs them on a thread of its own: checkpoint.c).
 * Measured on six SaudiNewsNet days (10,400 articles, 4 KB pages then):
 * 123k write calls instead of 136k, 20 fdatasync calls instead of 41.
 * Pages are 8 KB, not SQLite's 4 KB (a new database only: the size is
 * fixed at creation): an article's text spans fewer pages, and an ingest
 * writes half the WAL frames; ingest of the 18 SaudiNewsNet zips took
 * 5-7% less CPU, for a database 1.7% larger and the same query times.
 */
static int set_pragmas(kh_db *db)
{
    sqlite3_busy_timeout(db->sql, KH_BUSY_TIMEOUT_MS);
    if (db->readonly)
        return exec(db, "PRAGMA cache_size = -32768", NULL);
    int rc = exec(db,
                  "PRAGMA page_size = 8192;"
                  "PRAGMA journal_mode = WAL;"
                  "PRAGMA synchronous = NORMAL;"
                  "PRAGMA cache_size = -32768;"
                  "PRAGMA temp_store = MEMORY",
                  NULL);
    if (rc == KH_OK)
        sqlite3_wal_autocheckpoint(db->sql, KH_CHECKPOINT_PAGES);
    return rc;
}

/* SQLite's memory statistics take a global mutex around every malloc and
 * free; khabar never reads them.  Set once, before SQLite initialises
 * (sqlite3_config fails harmlessly when the process already used it). */
static void configure_sqlite(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int kh_db_open(const char *path, int flags, kh_db **out)
{
    static pthread_once_t configured = PTHREAD_ONCE_INIT;
    pthread_once(&configured, configure_sqlite);
    kh_db *db = kh_calloc(1, sizeof *db);
    *out = db;
    db->path = kh_strdup(path ? path : "");
    db->readonly = (flags & KH_DB_READONLY) != 0;
    if (!path || !*path)
        return kh_db_fail(db, KH_EINVAL, "no database path given");
    int rc = check_path(db, flags);
    if (rc != KH_OK)
        return rc;
    int oflags = db->readonly ? SQLITE_OPEN_READONLY
                              : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &db->sql, oflags | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        rc = kh_db_sqlfail(db, NULL);
        return rc == KH_EDB ? KH_EIO : rc;
    }
    sqlite3_extended_result_codes(db->sql, 1);
    if (kh_fts_register(db->sql, &db->replay) != SQLITE_OK)
        return kh_db_sqlfail(db, "registering the khabar tokenizer");
    sqlite3_busy_timeout(db->sql, KH_BUSY_TIMEOUT_MS);
    rc = check_or_create_schema(db);
    if (rc == KH_OK)
        rc = set_pragmas(db);
    /* A writer learns now, not halfway through its work, that another
     * process holds the write lock (readers never wait: WAL). */
    if (rc == KH_OK && !db->readonly)
        rc = kh_db_check_writable(db);
    return rc;
}

void kh_db_close(kh_db *db)
{
    if (!db)
        return;
    kh_db_rollback(db);
    kh_db_checkpoint_join(db);
    for (int i = 0; i < KH_STMT_COUNT; i++)
        sqlite3_finalize(db->stmt[i]);
    sqlite3_close_v2(db->sql);
    kh_analyzer_free(db->query_an);
    kh_terms_free(db->terms);
    kh_map_free(&db->doclens);
    kh_buf_free(&db->err);
    free(db->path);
    free(db);
}
