/*
 * bench_search.c - query latency of kh_search (ranking, total and snippets
 * of the first 10 hits) over a fixed list of queries, against the same
 * queries on a stock FTS5 table (unicode61 tokenizer) in the same run.
 *
 *   bench_search KHABAR_DB QUERIES [STOCK_DB] [RUNS]
 *
 * STOCK_DB holds `articles(title, text)`, an FTS5 table with the default
 * tokenizer, made by bench/fts5_baseline.py.  Each run times every query
 * once; the figures are the median over runs of each run's p50 and p99,
 * in wall-clock time and in CPU time (which other processes on a shared
 * machine disturb less).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "khabar.h"
#include "search/query.h"

#define MAX_QUERIES 256
#define MAX_RUNS 50

static double clock_ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The q-quantile (0..1) of n values, sorting them. */
static double quantile(double *v, size_t n, double q)
{
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)(q * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

/* One measurement: wall and CPU milliseconds. */
typedef struct timing {
    double wall, cpu;
} timing;

static timing start_timing(void)
{
    return (timing){clock_ms(CLOCK_MONOTONIC),
                    clock_ms(CLOCK_PROCESS_CPUTIME_ID)};
}

static timing stop_timing(timing t0)
{
    return (timing){clock_ms(CLOCK_MONOTONIC) - t0.wall,
                    clock_ms(CLOCK_PROCESS_CPUTIME_ID) - t0.cpu};
}

/* Per-run quantiles of one system, over the runs. */
typedef struct quantiles {
    double p50[MAX_RUNS], p99[MAX_RUNS], c50[MAX_RUNS], c99[MAX_RUNS];
} quantiles;

static void add_run(quantiles *q, int run, const timing *t, size_t n)
{
    double wall[MAX_QUERIES], cpu[MAX_QUERIES];
    for (size_t i = 0; i < n; i++) {
        wall[i] = t[i].wall;
        cpu[i] = t[i].cpu;
    }
    q->p50[run] = quantile(wall, n, 0.5);
    q->p99[run] = quantile(wall, n, 0.99);
    q->c50[run] = quantile(cpu, n, 0.5);
    q->c99[run] = quantile(cpu, n, 0.99);
}

static size_t read_queries(const char *path, char **out)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    char line[1024];
    size_t n = 0;
    while (n < MAX_QUERIES && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] && line[0] != '#')
            out[n++] = strdup(line);
    }
    fclose(f);
    return n;
}

/* One query on the stock table, shaped like kh_search: ranked ids with
 * the total, then a snippet for each of the first 10. */
static uint64_t stock_query(sqlite3 *db, const char *expr)
{
    static const char *rank_sql =
        "WITH m AS MATERIALIZED (SELECT rowid AS id, -bm25(articles, 3.0, 1.0)"
        " AS score FROM articles WHERE articles MATCH ?1)"
        " SELECT id, count(*) OVER () FROM m ORDER BY score DESC, id LIMIT 10";
    static const char *snippet_sql =
        "SELECT snippet(articles, 1, '«', '»', '…', 24) FROM articles"
        " WHERE articles MATCH ?1 AND rowid = ?2";
    sqlite3_stmt *rank, *snip;
    sqlite3_prepare_v2(db, rank_sql, -1, &rank, NULL);
    sqlite3_prepare_v2(db, snippet_sql, -1, &snip, NULL);
    sqlite3_bind_text(rank, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_text(snip, 1, expr, -1, SQLITE_STATIC);
    uint64_t total = 0;
    while (sqlite3_step(rank) == SQLITE_ROW) {
        total = (uint64_t)sqlite3_column_int64(rank, 1);
        sqlite3_bind_int64(snip, 2, sqlite3_column_int64(rank, 0));
        sqlite3_step(snip);
        sqlite3_reset(snip);
    }
    sqlite3_finalize(rank);
    sqlite3_finalize(snip);
    return total;
}

static uint64_t khabar_query(kh_db *db, const char *q)
{
    kh_hit *hits;
    size_t n;
    uint64_t total = 0;
    if (kh_search(db, q, NULL, &hits, &n, &total) != KH_OK)
        fprintf(stderr, "query %s: %s\n", q, kh_db_errmsg(db));
    kh_hits_free(hits, n);
    return total;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_search KHABAR_DB QUERIES [STOCK_DB] "
                        "[RUNS]\n");
        return 2;
    }
    kh_db *db = NULL;
    if (kh_db_open(argv[1], KH_DB_READONLY, &db) != KH_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], kh_db_errmsg(db));
        return 1;
    }
    sqlite3 *stock = NULL;
    if (argc > 3 && *argv[3] &&
        sqlite3_open_v2(argv[3], &stock, SQLITE_OPEN_READONLY, NULL) !=
            SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", argv[3], sqlite3_errmsg(stock));
        return 1;
    }
    int runs = argc > 4 ? atoi(argv[4]) : 5;
    if (runs < 1 || runs > MAX_RUNS)
        runs = 5;
    char *queries[MAX_QUERIES];
    size_t nq = read_queries(argv[2], queries);

    /* The stock table gets the same FTS5 expressions (quoted words), which
     * its unicode61 tokenizer splits and folds in its own way. */
    kh_analyzer *an = kh_analyzer_create(NULL);
    char *exprs[MAX_QUERIES];
    kh_buf expr = KH_BUF_INIT, err = KH_BUF_INIT;
    for (size_t i = 0; i < nq; i++) {
        kh_query_to_fts(an, queries[i], &expr, &err, NULL, NULL);
        exprs[i] = strdup(expr.data ? expr.data : "");
    }

    uint64_t hits_k[MAX_QUERIES], hits_s[MAX_QUERIES];
    double per_query[MAX_QUERIES][MAX_RUNS];
    timing lat[MAX_QUERIES];
    quantiles qk, qs;
    for (int r = 0; r < runs; r++) {
        for (size_t i = 0; i < nq; i++) {
            timing t0 = start_timing();
            hits_k[i] = khabar_query(db, queries[i]);
            lat[i] = stop_timing(t0);
            per_query[i][r] = lat[i].wall;
        }
        add_run(&qk, r, lat, nq);
        if (!stock)
            continue;
        for (size_t i = 0; i < nq; i++) {
            timing t0 = start_timing();
            hits_s[i] = stock_query(stock, exprs[i]);
            lat[i] = stop_timing(t0);
        }
        add_run(&qs, r, lat, nq);
    }

    printf("%-34s %8s %8s %10s\n", "query", "khabar", "stock", "median ms");
    for (size_t i = 0; i < nq; i++) {
        char stock_hits[24] = "-";
        if (stock)
            snprintf(stock_hits, sizeof stock_hits, "%llu",
                     (unsigned long long)hits_s[i]);
        printf("%-34s %8llu %8s %10.2f\n", queries[i],
               (unsigned long long)hits_k[i], stock_hits,
               quantile(per_query[i], (size_t)runs, 0.5));
    }
    size_t nr = (size_t)runs;
    printf("\n%zu queries, %d runs (medians of per-run quantiles; wall / cpu)"
           "\n", nq, runs);
    printf("khabar  p50 %.2f / %.2f ms  p99 %.2f / %.2f ms\n",
           quantile(qk.p50, nr, 0.5), quantile(qk.c50, nr, 0.5),
           quantile(qk.p99, nr, 0.5), quantile(qk.c99, nr, 0.5));
    if (stock) {
        printf("stock   p50 %.2f / %.2f ms  p99 %.2f / %.2f ms\n",
               quantile(qs.p50, nr, 0.5), quantile(qs.c50, nr, 0.5),
               quantile(qs.p99, nr, 0.5), quantile(qs.c99, nr, 0.5));
        printf("ratio   p50 %.2fx / %.2fx  p99 %.2fx / %.2fx (khabar / stock)"
               "\n",
               quantile(qk.p50, nr, 0.5) / quantile(qs.p50, nr, 0.5),
               quantile(qk.c50, nr, 0.5) / quantile(qs.c50, nr, 0.5),
               quantile(qk.p99, nr, 0.5) / quantile(qs.p99, nr, 0.5),
               quantile(qk.c99, nr, 0.5) / quantile(qs.c99, nr, 0.5));
    }
    for (size_t i = 0; i < nq; i++) {
        free(queries[i]);
        free(exprs[i]);
    }
    kh_buf_free(&expr);
    kh_buf_free(&err);
    kh_analyzer_free(an);
    sqlite3_close(stock);
    kh_db_close(db);
    return 0;
}
