/*
 * rank.c - kh_bm25(articles_fts, lengths, w_title, w_text): the score of
 * FTS5's bm25() (same k1, b, IDF and column weights, so the same ranking),
 * made faster for queries that match many articles.
 *
 * FTS5's bm25() needs each matching article's length in tokens and reads
 * it with one lookup in the %_docsize table per row: measured on
 * SaudiNewsNet, that lookup was 85% of ranking a query matching 9,000
 * articles (13 ms of 15).  kh_bm25 reads every length once, in one scan of
 * that table, into a hash map kept with the connection (reloaded when
 * PRAGMA data_version says another connection wrote), and looks lengths
 * up there.  Per query it counts, as bm25() does, how many articles hold
 * each phrase (for the IDF) and caches that with xSetAuxdata.
 *
 *   score = sum over phrases p of
 *           idf(p) * f(p) * (k1 + 1) / (f(p) + k1 * (1 - b + b * len / avglen))
 *   idf(p) = log((N - n(p) + 0.5) / (n(p) + 0.5)), at least 1e-6
 * with f(p) the column-weighted count of p in the article, N the number
 * of articles, n(p) those holding p.  Returned negated, as bm25() does.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "search/rank.h"

#define BM25_K1 1.2
#define BM25_B 0.75

typedef struct query_stats {
    int n_phrase;
    double avglen;
    double *idf; /* per phrase */
    double *freq; /* scratch, per phrase */
} query_stats;

static void query_stats_free(void *p)
{
    query_stats *q = p;
    if (!q)
        return;
    free(q->idf);
    free(q->freq);
    free(q);
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
    (void)api;
    (void)fts;
    (*(sqlite3_int64 *)ctx)++;
    return SQLITE_OK;
}

/* What bm25 needs once per query: the IDF of each phrase, the average
 * length. */
static int query_stats_make(const Fts5ExtensionApi *api, Fts5Context *fts,
                            query_stats **out)
{
    query_stats *q = kh_calloc(1, sizeof *q);
    q->n_phrase = api->xPhraseCount(fts);
    q->idf = kh_calloc((size_t)q->n_phrase + 1, sizeof *q->idf);
    q->freq = kh_calloc((size_t)q->n_phrase + 1, sizeof *q->freq);
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rows <= 0)
        rows = 1;
    q->avglen = (double)tokens / (double)rows;
    for (int i = 0; rc == SQLITE_OK && i < q->n_phrase; i++) {
        sqlite3_int64 hits = 0;
        rc = api->xQueryPhrase(fts, i, &hits, count_row);
        double idf = log(((double)rows - (double)hits + 0.5) /
                         ((double)hits + 0.5));
        q->idf[i] = idf > 0.0 ? idf : 1e-6;
    }
    if (rc != SQLITE_OK) {
        query_stats_free(q);
        return rc;
    }
    *out = q;
    return SQLITE_OK;
}

static void kh_bm25(const Fts5ExtensionApi *api, Fts5Context *fts,
                    sqlite3_context *ctx, int n_args, sqlite3_value **args)
{
    const kh_map *lens =
        n_args > 0 ? sqlite3_value_pointer(args[0], KH_DOCLENS_POINTER) : NULL;
    query_stats *q = api->xGetAuxdata(fts, 0);
    int rc = SQLITE_OK;
    if (!q) {
        rc = query_stats_make(api, fts, &q);
        if (rc == SQLITE_OK)
            rc = api->xSetAuxdata(fts, q, query_stats_free);
        if (rc != SQLITE_OK) {
            sqlite3_result_error_code(ctx, rc);
            return;
        }
    }
    memset(q->freq, 0, (size_t)q->n_phrase * sizeof *q->freq);
    int n_inst = 0;
    rc = api->xInstCount(fts, &n_inst);
    for (int i = 0; rc == SQLITE_OK && i < n_inst; i++) {
        int phrase, column, offset;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        double weight = column + 1 < n_args
                            ? sqlite3_value_double(args[column + 1])
                            : 1.0;
        if (rc == SQLITE_OK)
            q->freq[phrase] += weight;
    }
    double len = 0;
    const uint64_t *known =
        lens ? kh_map_get(lens, (uint64_t)api->xRowid(fts)) : NULL;
    if (known) {
        len = (double)*known;
    } else if (rc == SQLITE_OK) { /* an article stored after the load */
        int n = 0;
        rc = api->xColumnSize(fts, -1, &n);
        len = n;
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    double score = 0;
    for (int i = 0; i < q->n_phrase; i++)
        score += q->idf[i] * (q->freq[i] * (BM25_K1 + 1.0)) /
                 (q->freq[i] +
                  BM25_K1 * (1.0 - BM25_B + BM25_B * len / q->avglen));
    sqlite3_result_double(ctx, -score);
}

/* A SQLite varint (the format of the %_docsize blobs); 0 bytes when
 * truncated. */
static size_t get_varint(const unsigned char *p, size_t n, uint64_t *v)
{
    uint64_t x = 0;
    for (size_t i = 0; i < n && i < 8; i++) {
        x = x << 7 | (p[i] & 0x7f);
        if (!(p[i] & 0x80)) {
            *v = x;
            return i + 1;
        }
    }
    if (n < 9)
        return 0;
    *v = x << 8 | p[8];
    return 9;
}

static int load_lengths(kh_db *db)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, "SELECT id, sz FROM articles_fts_docsize",
                           -1, &st, NULL) != SQLITE_OK)
        return kh_db_sqlfail(db, "loading article lengths");
    kh_map_clear(&db->doclens);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *sz = sqlite3_column_blob(st, 1);
        size_t n = (size_t)sqlite3_column_bytes(st, 1), at = 0, used;
        uint64_t total = 0, column;
        while (at < n && (used = get_varint(sz + at, n - at, &column)) > 0) {
            total += column;
            at += used;
        }
        *kh_map_put(&db->doclens, (uint64_t)sqlite3_column_int64(st, 0),
                    NULL) = total;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return kh_db_sqlfail(db, "loading article lengths");
    db->doclens_loaded = 1;
    return KH_OK;
}

static int data_version(kh_db *db, int64_t *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, "PRAGMA data_version", -1, &st, NULL) !=
        SQLITE_OK)
        return kh_db_sqlfail(db, "searching");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? KH_OK : kh_db_sqlfail(db, "searching");
}

static int register_function(kh_db *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, "SELECT fts5(?1)", -1, &st, NULL) !=
        SQLITE_OK)
        return kh_db_sqlfail(db, "registering kh_bm25");
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->xCreateFunction(api, "kh_bm25", NULL, kh_bm25, NULL) !=
                    SQLITE_OK)
        return kh_db_fail(db, KH_EDB, "cannot register kh_bm25 with FTS5");
    db->rank_registered = 1;
    return KH_OK;
}

int kh_rank_prepare(kh_db *db)
{
    int rc = db->rank_registered ? KH_OK : register_function(db);
    int64_t version = 0;
    if (rc == KH_OK)
        rc = data_version(db, &version);
    int stale = !db->doclens_loaded || version != db->doclens_version;
    if (rc == KH_OK && stale) {
        rc = load_lengths(db);
        db->doclens_version = version;
    }
    return rc;
}
