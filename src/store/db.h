/*
 * db.h - the store's internals shared with the stages built on it (search,
 * ingest, and later dedup/stories tables): the kh_db struct, error helpers,
 * transactions, and the row-level operations ingest needs.
 */
#ifndef KH_STORE_DB_H
#define KH_STORE_DB_H

#include <sqlite3.h>
#include <stdint.h>

#include "arabic/ar_tokens.h"
#include "common/buf.h"
#include "common/map.h"
#include "khabar.h"

/* Bumped whenever the schema changes; kh_db_open refuses other versions. */
#define KH_SCHEMA_VERSION 5
/* The WAL length (pages, 64 MB) from which it is checkpointed (db.c:
 * set_pragmas says why so many). */
#define KH_CHECKPOINT_PAGES 8192
/* PRAGMA application_id of a khabar database: "khbr" in ASCII. */
#define KH_APPLICATION_ID 0x6b686272

/* Statements prepared once per connection (see stmt_sql in db.c). */
enum kh_db_stmt_id {
    KH_STMT_HAS_ID,
    KH_STMT_HAS_HASH,
    KH_STMT_SOURCE_GET,
    KH_STMT_SOURCE_ADD,
    KH_STMT_ARTICLE_PUT,
    KH_STMT_FTS_PUT,
    KH_STMT_NEXT_SEQ,
    KH_STMT_ARTICLE_GET,
    KH_STMT_CHROME_ALL,
    KH_STMT_COUNT
};

typedef struct kh_terms kh_terms; /* index terms: see kh_terms_each */
typedef struct kh_checkpointer kh_checkpointer; /* checkpoint.c */

/*
 * Index terms computed ahead of the insert (fts_tokenizer.c): while
 * kh_db_put_prepared inserts an article, the khabar tokenizer, asked by
 * FTS5 to tokenize a document text equal to one listed here, replays its
 * terms instead of analysing it again on the writer's thread.
 */
typedef struct kh_fts_replay {
    const char *text[2];
    size_t len[2];
    const kh_buf *terms[2]; /* kh_fts_terms_build of text[k]            */
    int n;                  /* 0: nothing to replay, analyse as usual   */
} kh_fts_replay;

struct kh_db {
    sqlite3 *sql;
    char *path;
    int readonly;
    int in_txn;                   /* a kh_db_begin() is open            */
    int64_t next_seq;             /* articles.seq of the next insert; 0:
                                     read it (at each transaction: another
                                     process may have stored meanwhile) */
    kh_buf err;                   /* last detailed error message       */
    sqlite3_stmt *stmt[KH_STMT_COUNT];
    kh_analyzer *query_an;        /* search's query analyser, made lazily */
    kh_terms *terms;              /* search's index terms, made lazily    */
    /* search's ranking (search/rank.c): article lengths in tokens, loaded
     * for queries with many matches, and the data_version they are of */
    kh_map doclens;
    int64_t doclens_version;
    int doclens_loaded, rank_registered;
    uint64_t rank_preload_min; /* matches from which doclens pay; 0: default */
    kh_fts_replay replay;      /* terms of the article being inserted   */
    kh_checkpointer *checkpointer; /* kh_db_checkpoint_apart's thread   */
};

/* kh_db_fail: record a message (printf-style) and return code. */
int kh_db_fail(kh_db *db, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* kh_db_sqlfail: record "<what>: <sqlite message>" and return the kh code
 * that fits the SQLite error (busy -> KH_EBUSY, else KH_EDB). */
int kh_db_sqlfail(kh_db *db, const char *what);

/* kh_db_stmt: the prepared statement `id`, reset and with no bindings. */
sqlite3_stmt *kh_db_stmt(kh_db *db, enum kh_db_stmt_id id);

/* Transactions: BEGIN IMMEDIATE takes the write lock up front, so a second
 * writer waits (busy timeout) at the start instead of failing mid-batch. */
int kh_db_begin(kh_db *db);
int kh_db_commit(kh_db *db);
void kh_db_rollback(kh_db *db);
/* kh_db_checkpoint_apart: from now on, checkpoints run on a thread of
 * their own, once the WAL holds `pages` (0: KH_CHECKPOINT_PAGES), instead
 * of inside the commits of this (writer) connection; kh_db_checkpoint_join
 * stops it (kh_db_close does too).  Without a thread or a file, the writer
 * checkpoints as before: neither can fail. */
void kh_db_checkpoint_apart(kh_db *db, int pages);
void kh_db_checkpoint_join(kh_db *db);
/* kh_db_check_writable: fail fast with KH_EBUSY when another process holds
 * the write lock (after the busy timeout), before any work is done. */
int kh_db_check_writable(kh_db *db);

/* kh_db_has_article: *present = 1 when an article with this id is stored. */
int kh_db_has_article(kh_db *db, uint64_t id, int *present);
/* kh_db_has_content_hash: *present = 1 when some stored article has it. */
int kh_db_has_content_hash(kh_db *db, uint64_t hash, int *present);
/*
 * kh_db_put_article: store a cleaned article (a->text set) and index it.
 * *added = 0 when its id was already stored (nothing changes then).
 * Call inside kh_db_begin()/kh_db_commit().
 */
int kh_db_put_article(kh_db *db, const kh_article *a, int *added);

/*
 * What kh_db_put_article computes besides the insert itself, done ahead,
 * on any thread, so that the writer only inserts: the page compressed and
 * the index terms of title and text.  The result is the same database.
 */
typedef struct kh_put_prep {
    int ready;            /* 0: nothing computed (kh_db_put_article)       */
    unsigned char *raw_z; /* the page compressed (raw.c); NULL: as text  */
    size_t raw_z_len;
    kh_buf title_terms, text_terms; /* kh_fts_terms_build of each        */
    uint64_t made_for;    /* hash of the text and title it was made of
                             (and the page's length): a prep of another
                             article is not used                           */
} kh_put_prep;

/* kh_put_prep_make: compute it for a cleaned article; thread-safe.  toks
 * (may be NULL: analysed here) are a's title and text already analysed
 * with kh_analyzer_create(NULL)'s options (ar_tokens.h).
 * kh_put_prep_free: free and zero it. */
void kh_put_prep_make(kh_put_prep *p, const kh_article *a,
                      const kh_article_tokens *toks);
void kh_put_prep_free(kh_put_prep *p);
/* kh_db_put_prepared: kh_db_put_article with what prep holds (NULL or
 * not ready: computed here).  prep must be of this very article. */
int kh_db_put_prepared(kh_db *db, const kh_article *a, const kh_put_prep *prep,
                       int *added);

/*
 * The same in two steps: kh_db_put_row stores the article (*seq: its
 * place in the index, when added) and kh_db_index_row indexes it, later
 * in the same transaction.  A batch indexes its articles after its other
 * writes: FTS5 writes out its pending terms at every statement that opens
 * a savepoint (an UPDATE of several rows, an upsert), so writes between
 * the inserts of a batch would cut its terms into several small segments.
 */
int kh_db_put_row(kh_db *db, const kh_article *a, const kh_put_prep *prep,
                  int *added, int64_t *seq);
int kh_db_index_row(kh_db *db, const kh_article *a, int64_t seq,
                    const kh_put_prep *prep);

/*
 * Counts kept as a table and a log of increments (count_log.c says why):
 * the chrome counts and the story word weights.  A batch collects its
 * increments, grouped (by outlet, for chrome counts; "" otherwise), in a
 * kh_count_batch, and kh_db_counts_append saves them as one log row inside
 * the batch's transaction.  kh_db_counts_log_each gives every increment of
 * the log (fn's non-zero return stops and is returned); readers add them
 * to the table's rows.  kh_db_counts_fold moves the logs into their tables
 * in one transaction when one holds min_rows rows or more (0: any).
 */
enum { KH_COUNTS_CHROME, KH_COUNTS_STORY_DF, KH_COUNTS_COUNT };
typedef struct kh_count_batch {
    kh_buf blob, group; /* the log row so far; the open group's name     */
    size_t n_at;        /* where the open group's count goes             */
    uint32_t n;         /* the open group's entries                      */
    int open;
    size_t entries;
} kh_count_batch;
void kh_count_batch_add(kh_count_batch *c, const char *group, uint64_t key,
                        uint64_t count);
void kh_count_batch_free(kh_count_batch *c);
int kh_db_counts_append(kh_db *db, int table, kh_count_batch *c);
typedef int (*kh_db_count_fn)(void *ctx, const char *group, uint64_t key,
                              uint64_t count);
int kh_db_counts_log_each(kh_db *db, int table, kh_db_count_fn fn,
                          void *ctx);
int kh_db_counts_fold(kh_db *db, int64_t min_rows);

/*
 * Chrome counts: how often each line (by hash) occurred in the stored
 * articles of each source, kept so that a later ingest knows an outlet's
 * recurring lines.  Source "" stands for articles without a source.
 * kh_db_chrome_save appends a batch's counts (inside a transaction).
 */
int kh_db_chrome_save(kh_db *db, kh_count_batch *c);
typedef kh_db_count_fn kh_db_chrome_fn;
/* kh_db_chrome_each: every stored count (a count may come in several
 * parts: add them); fn's non-zero return stops (KH_ESTOP). */
int kh_db_chrome_each(kh_db *db, kh_db_chrome_fn fn, void *ctx);

/* Raw page compression (raw.c): small pages are kept as plain TEXT, larger
 * ones as a zlib BLOB compressed with `dict` (the clean text) as preset
 * dictionary; the column type says which. */
int kh_raw_bind(sqlite3_stmt *st, int col, const char *raw, size_t len,
                const char *dict, size_t dict_len);
/* kh_raw_load: the page of a result column as a malloc'd NUL-terminated
 * string (NULL when the column is NULL), given the same dict it was
 * stored with; KH_EDB for a corrupt blob. */
/* kh_raw_compress: the compressed page as kh_raw_bind would store it, or
 * NULL when it is stored as text; thread-safe.  kh_raw_bind_compressed
 * binds it (z NULL: the page as text; z must outlive the statement's step). */
unsigned char *kh_raw_compress(const char *raw, size_t len, const char *dict,
                               size_t dict_len, size_t *z_len);
int kh_raw_bind_compressed(sqlite3_stmt *st, int col, const char *raw,
                           size_t len, const unsigned char *z, size_t z_len);
int kh_raw_load(sqlite3_stmt *st, int col, size_t raw_len, const char *dict,
                size_t dict_len, char **out);

/* kh_db_intern: a static-lifetime copy of a string read back from the
 * database where kh_article wants a static one (removal reasons,
 * encodings); "other" once a small bound of distinct strings is reached. */
const char *kh_db_intern(const char *reason, size_t len);

/*
 * Index terms (fts_tokenizer.c): what the search index holds for a text,
 * word by word.  kh_terms_each calls fn with each term and the byte span
 * of its word in text; with `prefix`, the last word is taken as the start
 * of a word (as before a '*' in a query) and its term is a prefix form
 * (is_prefix = 1).  fn's non-zero return stops the walk and is returned.
 */
typedef int (*kh_term_fn)(void *ctx, const char *term, size_t len,
                          size_t start, size_t end, int is_prefix);
kh_terms *kh_terms_create(void);
void kh_terms_free(kh_terms *t);
int kh_terms_each(kh_terms *t, const char *text, size_t len, int prefix,
                  kh_term_fn fn, void *ctx);

/* kh_fts_terms_build: the index terms of a document text, as the
 * tokenizer would hand them to FTS5, serialized into out (reset first) for
 * kh_fts_replay; thread-safe (a kh_terms per thread).  toks, when not
 * NULL, are the text's tokens under kh_analyzer_create(NULL)'s options,
 * replayed instead of analysing the text again. */
void kh_fts_terms_build(const char *text, size_t len, const kh_tokens *toks,
                        kh_buf *out);

/* kh_fts_register: make the "khabar" FTS5 tokenizer (kh_terms seen from
 * SQLite) known to a connection; it replays the terms listed in *replay
 * (may be NULL). */
int kh_fts_register(sqlite3 *sql, kh_fts_replay *replay);

#endif
