/*
 * search.c - kh_search: ranked full-text search over the FTS5 index with
 * BM25 (title weighted above the body), source and date filters, and
 * highlighted snippets.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "search/query.h"
#include "search/rank.h"
#include "search/snippet.h"
#include "store/db.h"

/* BM25 column weights: a word in the title says more about what the
 * article is about than the same word in the body. */
#define KH_WEIGHT_TITLE "3.0"
#define KH_WEIGHT_TEXT "1.0"
#define KH_SNIPPET_MAX_TOKENS 64

void kh_search_opts_init(kh_search_opts *o)
{
    memset(o, 0, sizeof *o);
    o->limit = 10;
    o->hl_open = "«";
    o->hl_close = "»";
    o->snippet_tokens = 24;
}

void kh_hits_free(kh_hit *hits, size_t n_hits)
{
    if (!hits)
        return;
    for (size_t i = 0; i < n_hits; i++) {
        free(hits[i].url);
        free(hits[i].title);
        free(hits[i].source);
        free(hits[i].date);
        free(hits[i].snippet);
    }
    free(hits);
}

/* "YYYY-MM-DD" with digits where digits belong. */
static int is_iso_date(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    if (strlen(s) != sizeof shape - 1)
        return 0;
    for (size_t i = 0; shape[i]; i++) {
        if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != '-')
            return 0;
    }
    return 1;
}

static int check_opts(kh_db *db, const kh_search_opts *o)
{
    if (o->from && !is_iso_date(o->from))
        return kh_db_fail(db, KH_EINVAL,
                          "'%s' is not a date: write it as YYYY-MM-DD",
                          o->from);
    if (o->to && !is_iso_date(o->to))
        return kh_db_fail(db, KH_EINVAL,
                          "'%s' is not a date: write it as YYYY-MM-DD", o->to);
    if (o->from && o->to && strcmp(o->from, o->to) > 0)
        return kh_db_fail(db, KH_EINVAL,
                          "the first date, %s, is after the last, %s",
                          o->from, o->to);
    return KH_OK;
}

/*
 * The ranking query and the count of matches.  Filters join the articles
 * row of each match, so they are added only when asked for; every value is
 * a bound parameter.  Ties go to the article stored first (the index's
 * rowid is articles.seq) so that output is stable.
 * (Counting inside the ranking query with count(*) OVER () doubled its
 * cost: the window needs a materialized copy of every scored match.)
 */
enum query_kind { QUERY_COUNT, QUERY_RANK, QUERY_RANK_PRELOADED };

static void query_sql(const kh_search_opts *o, enum query_kind kind,
                      kh_buf *sql)
{
    int join = o->source || o->from || o->to;
    static const char *const select[] = {
        [QUERY_COUNT] = "SELECT count(*) FROM articles_fts",
        [QUERY_RANK] = "SELECT articles_fts.rowid, -bm25(articles_fts, "
                       KH_WEIGHT_TITLE ", " KH_WEIGHT_TEXT
                       ") AS score FROM articles_fts",
        [QUERY_RANK_PRELOADED] =
            "SELECT articles_fts.rowid, -kh_bm25(articles_fts, ?7, "
            KH_WEIGHT_TITLE ", " KH_WEIGHT_TEXT ") AS score FROM articles_fts",
    };
    kh_buf_puts(sql, select[kind]);
    if (join)
        kh_buf_puts(sql, " JOIN articles a ON a.seq = articles_fts.rowid");
    kh_buf_puts(sql, " WHERE articles_fts MATCH ?1");
    if (o->source)
        kh_buf_puts(sql, " AND a.source_id ="
                         " (SELECT id FROM sources WHERE name = ?2)");
    if (o->from)
        kh_buf_puts(sql, " AND a.date >= ?3");
    if (o->to)
        kh_buf_puts(sql, " AND substr(a.date, 1, 10) <= ?4");
    if (kind != QUERY_COUNT)
        kh_buf_puts(sql, " ORDER BY score DESC, articles_fts.rowid"
                         " LIMIT ?5 OFFSET ?6");
}

static int prepare_query(kh_db *db, const char *expr, const kh_search_opts *o,
                         enum query_kind kind, sqlite3_stmt **st)
{
    kh_buf sql = KH_BUF_INIT;
    query_sql(o, kind, &sql);
    int rc = sqlite3_prepare_v2(db->sql, sql.data, -1, st, NULL);
    kh_buf_free(&sql);
    if (rc != SQLITE_OK)
        return kh_db_sqlfail(db, "searching");
    sqlite3_bind_text(*st, 1, expr, -1, SQLITE_STATIC);
    if (o->source)
        sqlite3_bind_text(*st, 2, o->source, -1, SQLITE_STATIC);
    if (o->from)
        sqlite3_bind_text(*st, 3, o->from, -1, SQLITE_STATIC);
    if (o->to)
        sqlite3_bind_text(*st, 4, o->to, -1, SQLITE_STATIC);
    if (kind != QUERY_COUNT) {
        sqlite3_bind_int64(*st, 5, (sqlite3_int64)o->limit);
        sqlite3_bind_int64(*st, 6, (sqlite3_int64)o->offset);
    }
    if (kind == QUERY_RANK_PRELOADED)
        sqlite3_bind_pointer(*st, 7, &db->doclens, KH_DOCLENS_POINTER, NULL);
    return KH_OK;
}

static char *column_dup(sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        return NULL;
    return kh_strndup((const char *)sqlite3_column_text(st, col),
                      (size_t)sqlite3_column_bytes(st, col));
}

/* Fill in what the hits show: the article id (ranking gives the index's
 * rowid, articles.seq), metadata and a snippet of the text. */
static int describe_hits(kh_db *db, const kh_query_word *words,
                         size_t n_words, const kh_search_opts *o,
                         kh_hit *hits, size_t n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            db->sql,
            "SELECT a.url, a.title, s.name, a.date, a.text, a.id"
            " FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
            " WHERE a.seq = ?1",
            -1, &st, NULL) != SQLITE_OK)
        return kh_db_sqlfail(db, "searching");
    if (!db->terms)
        db->terms = kh_terms_create();
    kh_snippet_keys keys;
    kh_snippet_keys_build(&keys, db->terms, words, n_words);
    size_t tokens = o->snippet_tokens > 0 ? (size_t)o->snippet_tokens : 24;
    if (tokens > KH_SNIPPET_MAX_TOKENS)
        tokens = KH_SNIPPET_MAX_TOKENS;
    int rc = KH_OK;
    kh_buf snippet = KH_BUF_INIT;
    for (size_t i = 0; i < n && rc == KH_OK; i++) {
        sqlite3_bind_int64(st, 1, (sqlite3_int64)hits[i].id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            hits[i].url = column_dup(st, 0);
            hits[i].title = column_dup(st, 1);
            hits[i].source = column_dup(st, 2);
            hits[i].date = column_dup(st, 3);
            hits[i].id = (uint64_t)sqlite3_column_int64(st, 5);
            kh_buf_reset(&snippet);
            const char *text = (const char *)sqlite3_column_text(st, 4);
            kh_snippet(db->terms, &keys, text,
                       (size_t)sqlite3_column_bytes(st, 4), tokens,
                       o->hl_open ? o->hl_open : "",
                       o->hl_close ? o->hl_close : "", &snippet);
            hits[i].snippet = kh_strndup(snippet.data, snippet.len);
        } else {
            rc = kh_db_sqlfail(db, "searching");
        }
        sqlite3_reset(st);
        if (!hits[i].title)
            hits[i].title = kh_strdup("");
        if (!hits[i].source)
            hits[i].source = kh_strdup("");
        if (!hits[i].snippet)
            hits[i].snippet = kh_strdup("");
    }
    kh_buf_free(&snippet);
    kh_snippet_keys_free(&keys);
    sqlite3_finalize(st);
    return rc;
}

static kh_analyzer *query_analyzer(kh_db *db)
{
    if (!db->query_an)
        db->query_an = kh_analyzer_create(NULL);
    return db->query_an;
}

/* Run the ranking query; hits get ids and scores.  With many matches,
 * kh_bm25 and the article lengths in memory give the same scores faster
 * (rank.c). */
static int rank(kh_db *db, const char *expr, const kh_search_opts *o,
                uint64_t matches, kh_hit **hits, size_t *n_hits)
{
    uint64_t preload = db->rank_preload_min ? db->rank_preload_min
                                            : KH_RANK_PRELOAD_MIN;
    enum query_kind kind = QUERY_RANK;
    if (matches >= preload) {
        int rc = kh_rank_prepare(db);
        if (rc != KH_OK)
            return rc;
        kind = QUERY_RANK_PRELOADED;
    }
    sqlite3_stmt *st;
    int rc = prepare_query(db, expr, o, kind, &st);
    if (rc != KH_OK)
        return rc;
    size_t cap = o->limit < 1024 ? o->limit : 1024;
    kh_hit *out = kh_calloc(cap ? cap : 1, sizeof *out);
    size_t n = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap *= 2;
            out = kh_realloc(out, cap * sizeof *out);
        }
        memset(&out[n], 0, sizeof out[n]);
        /* the index's rowid (articles.seq) until describe_hits */
        out[n].id = (uint64_t)sqlite3_column_int64(st, 0);
        out[n].score = sqlite3_column_double(st, 1);
        n++;
    }
    rc = step == SQLITE_DONE ? KH_OK : kh_db_sqlfail(db, "searching");
    sqlite3_finalize(st);
    *hits = out;
    *n_hits = n;
    return rc;
}

static int count_matches(kh_db *db, const char *expr, const kh_search_opts *o,
                         uint64_t *total)
{
    sqlite3_stmt *st;
    int rc = prepare_query(db, expr, o, QUERY_COUNT, &st);
    if (rc != KH_OK)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        *total = (uint64_t)sqlite3_column_int64(st, 0);
    else
        rc = kh_db_sqlfail(db, "searching");
    sqlite3_finalize(st);
    return rc;
}

int kh_search(kh_db *db, const char *query, const kh_search_opts *opts,
              kh_hit **hits, size_t *n_hits, uint64_t *total)
{
    kh_search_opts defaults;
    if (!opts) {
        kh_search_opts_init(&defaults);
        opts = &defaults;
    }
    *hits = NULL;
    *n_hits = 0;
    if (total)
        *total = 0;
    int rc = check_opts(db, opts);
    if (rc != KH_OK)
        return rc;
    kh_buf expr = KH_BUF_INIT, err = KH_BUF_INIT;
    kh_query_word *words = NULL;
    size_t n_words = 0;
    rc = kh_query_to_fts(query_analyzer(db), query, &expr, &err, &words,
                         &n_words);
    if (rc != KH_OK) {
        kh_db_fail(db, rc, "%s", err.data);
        goto out;
    }
    /* Counting first is cheap (FTS5 only walks the term lists) and tells
     * which ranking pays. */
    uint64_t matches = 0;
    rc = count_matches(db, expr.data, opts, &matches);
    if (rc == KH_OK && matches > opts->offset && opts->limit > 0)
        rc = rank(db, expr.data, opts, matches, hits, n_hits);
    if (total)
        *total = matches;
    if (rc == KH_OK)
        rc = describe_hits(db, words, n_words, opts, *hits, *n_hits);
    if (rc != KH_OK) {
        kh_hits_free(*hits, *n_hits);
        *hits = NULL;
        *n_hits = 0;
    }
out:
    free(words);
    kh_buf_free(&expr);
    kh_buf_free(&err);
    return rc;
}
