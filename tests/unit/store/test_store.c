/*
 * test_store.c - the store: creating, reopening and refusing databases,
 * the lock wait, articles in and out, statistics, chrome counts and the
 * integrity check.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kh_test.h"
#include "khabar.h"
#include "store/db.h"

static char tmpdir[256];

static const char *tmp_path(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    fputs(text, f);
    fclose(f);
}

/* A cleaned article, as ingest hands it to the store. */
static void make_article(kh_article *a, uint64_t id, const char *source,
                         const char *title, const char *text)
{
    memset(a, 0, sizeof *a);
    a->id = id;
    a->source = source ? strdup(source) : NULL;
    a->title = title ? strdup(title) : NULL;
    a->text = strdup(text);
    a->raw = strdup(text);
    a->raw_len = strlen(text);
    a->raw_format = KH_FORMAT_TEXT;
    a->content_hash = kh_hash64(text, strlen(text), 0);
    a->url = NULL;
    a->date = strdup("2015-07-21T10:00:00");
}

static int put(kh_db *db, kh_article *a)
{
    int added = -1;
    KH_CHECK_INT(kh_db_begin(db), KH_OK);
    KH_CHECK_INT(kh_db_put_article(db, a, &added), KH_OK);
    KH_CHECK_INT(kh_db_commit(db), KH_OK);
    return added;
}

static void test_create_and_reopen(void)
{
    const char *path = tmp_path("a.db");
    kh_db *db = NULL;
    KH_CHECK_INT(kh_db_open(path, KH_DB_CREATE, &db), KH_OK);
    kh_db_close(db);
    KH_CHECK_INT(kh_db_open(path, 0, &db), KH_OK);
    kh_db_close(db);
    KH_CHECK_INT(kh_db_open(path, KH_DB_READONLY, &db), KH_OK);
    kh_db_stats s;
    KH_CHECK_INT(kh_db_stats_get(db, &s), KH_OK);
    KH_CHECK_INT(s.articles, 0);
    KH_CHECK_STR(s.first_date, "");
    kh_db_close(db);
    kh_db_close(NULL); /* harmless */
}

static void test_open_errors(void)
{
    kh_db *db = NULL;
    /* a directory that does not exist is named in the message */
    KH_CHECK_INT(kh_db_open("/nonexistent-dir-khabar/x.db", KH_DB_CREATE, &db),
                 KH_EIO);
    KH_CHECK(strstr(kh_db_errmsg(db), "/nonexistent-dir-khabar") != NULL);
    kh_db_close(db);
    /* reading a database that is not there */
    KH_CHECK_INT(kh_db_open(tmp_path("missing.db"), KH_DB_READONLY, &db),
                 KH_EIO);
    KH_CHECK(strstr(kh_db_errmsg(db), "no such database") != NULL);
    kh_db_close(db);
    /* a text file */
    write_file(tmp_path("notes.txt"), "these are not the pages you want\n"
                                      "and this is no database either\n");
    KH_CHECK_INT(kh_db_open(tmp_path("notes.txt"), KH_DB_CREATE, &db),
                 KH_EDB);
    KH_CHECK(strstr(kh_db_errmsg(db), "not a khabar database") != NULL);
    kh_db_close(db);
    /* a directory where the file should be */
    KH_CHECK_INT(kh_db_open(tmpdir, KH_DB_CREATE, &db), KH_EIO);
    kh_db_close(db);
    /* another program's SQLite database is left untouched */
    sqlite3 *other;
    sqlite3_open(tmp_path("other.db"), &other);
    sqlite3_exec(other, "CREATE TABLE t(x); INSERT INTO t VALUES (1)", NULL,
                 NULL, NULL);
    sqlite3_close(other);
    KH_CHECK_INT(kh_db_open(tmp_path("other.db"), KH_DB_CREATE, &db), KH_EDB);
    KH_CHECK(strstr(kh_db_errmsg(db), "not a khabar one") != NULL);
    kh_db_close(db);
    sqlite3_open(tmp_path("other.db"), &other);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(other, "PRAGMA journal_mode", -1, &st, NULL);
    sqlite3_step(st);
    KH_CHECK_STR((const char *)sqlite3_column_text(st, 0), "delete");
    sqlite3_finalize(st);
    sqlite3_close(other);
    /* an empty file opened read-only is no khabar database */
    write_file(tmp_path("empty.db"), "");
    KH_CHECK_INT(kh_db_open(tmp_path("empty.db"), KH_DB_READONLY, &db),
                 KH_EDB);
    kh_db_close(db);
    /* a newer schema version is refused */
    KH_CHECK_INT(kh_db_open(tmp_path("v.db"), KH_DB_CREATE, &db), KH_OK);
    sqlite3_exec(db->sql, "UPDATE meta SET value = '99'"
                          " WHERE key = 'schema_version'",
                 NULL, NULL, NULL);
    kh_db_close(db);
    KH_CHECK_INT(kh_db_open(tmp_path("v.db"), 0, &db), KH_EDB);
    KH_CHECK(strstr(kh_db_errmsg(db), "schema version 99") != NULL);
    kh_db_close(db);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A writer that holds the lock makes a second writer wait about two
 * seconds, then fail with KH_EBUSY; readers are not blocked (WAL). */
static void test_locked(void)
{
    const char *path = tmp_path("locked.db");
    kh_db *holder = NULL, *db = NULL, *reader = NULL;
    KH_CHECK_INT(kh_db_open(path, KH_DB_CREATE, &holder), KH_OK);
    KH_CHECK_INT(kh_db_begin(holder), KH_OK);
    double t0 = now();
    KH_CHECK_INT(kh_db_open(path, KH_DB_CREATE, &db), KH_EBUSY);
    double waited = now() - t0;
    KH_CHECK(waited > 1.5 && waited < 10);
    KH_CHECK(strstr(kh_db_errmsg(db), "locked by another process") != NULL);
    kh_db_close(db);
    KH_CHECK_INT(kh_db_open(path, KH_DB_READONLY, &reader), KH_OK);
    kh_db_stats s;
    KH_CHECK_INT(kh_db_stats_get(reader, &s), KH_OK);
    kh_db_close(reader);
    kh_db_rollback(holder);
    KH_CHECK_INT(kh_db_open(path, KH_DB_CREATE, &db), KH_OK);
    KH_CHECK_INT(kh_db_check_writable(db), KH_OK);
    kh_db_close(db);
    kh_db_close(holder);
}

static void test_article_round_trip(void)
{
    kh_db *db = NULL;
    KH_CHECK_INT(kh_db_open(tmp_path("rt.db"), KH_DB_CREATE, &db), KH_OK);
    /* a page long enough to be compressed */
    kh_buf page = KH_BUF_INIT;
    for (int i = 0; i < 200; i++)
        kh_buf_printf(&page, "السطر رقم %d من صفحة الخبر\n", i);
    kh_article a;
    make_article(&a, 0xfedcba9876543210ULL, "okaz", "عنوان الخبر", "نص الخبر");
    free(a.raw);
    a.raw_len = page.len;
    a.raw = kh_buf_detach(&page);
    a.url = strdup("https://example.com/a?id=1");
    a.author = strdup("محرر");
    a.origin = strdup("day.zip!day.json#3");
    a.encoding = "windows-1256";
    a.invalid_bytes = 2;
    a.removed = calloc(2, sizeof *a.removed);
    a.removed[0] = (kh_removed){strdup("شارك من خلال تويتر"), "share"};
    a.removed[1] = (kh_removed){strdup("a\tline"), "boilerplate"};
    a.n_removed = 2;
    KH_CHECK_INT(put(db, &a), 1);
    KH_CHECK_INT(put(db, &a), 0); /* same id: nothing changes */

    int present = 0;
    KH_CHECK_INT(kh_db_has_article(db, a.id, &present), KH_OK);
    KH_CHECK_INT(present, 1);
    KH_CHECK_INT(kh_db_has_article(db, 42, &present), KH_OK);
    KH_CHECK_INT(present, 0);
    KH_CHECK_INT(kh_db_has_content_hash(db, a.content_hash, &present), KH_OK);
    KH_CHECK_INT(present, 1);

    kh_article b;
    KH_CHECK_INT(kh_db_get_article(db, a.id, &b), KH_OK);
    KH_CHECK(b.id == a.id);
    KH_CHECK_STR(b.source, "okaz");
    KH_CHECK_STR(b.title, "عنوان الخبر");
    KH_CHECK_STR(b.text, "نص الخبر");
    KH_CHECK_STR(b.url, a.url);
    KH_CHECK_STR(b.author, "محرر");
    KH_CHECK_STR(b.origin, a.origin);
    KH_CHECK_STR(b.encoding, "windows-1256");
    KH_CHECK_STR(b.lang, NULL);
    KH_CHECK_INT(b.invalid_bytes, 2);
    KH_CHECK_INT(b.raw_len, a.raw_len);
    KH_CHECK(b.raw && memcmp(b.raw, a.raw, a.raw_len) == 0);
    KH_CHECK(b.content_hash == a.content_hash);
    KH_CHECK_INT(b.n_removed, 2);
    if (b.n_removed == 2) {
        KH_CHECK_STR(b.removed[0].reason, "share");
        KH_CHECK_STR(b.removed[0].line, "شارك من خلال تويتر");
        KH_CHECK_STR(b.removed[1].reason, "boilerplate");
        KH_CHECK_STR(b.removed[1].line, "a\tline");
    }
    kh_article_clear(&b);
    KH_CHECK_INT(kh_db_get_article(db, 42, &b), KH_ENOTFOUND);
    KH_CHECK(strstr(kh_db_errmsg(db), "000000000000002a") != NULL);

    /* the raw page is stored compressed: far smaller than the page */
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db->sql, "SELECT typeof(raw), length(raw) FROM articles",
                       -1, &st, NULL);
    KH_CHECK_INT(sqlite3_step(st), SQLITE_ROW);
    KH_CHECK_STR((const char *)sqlite3_column_text(st, 0), "blob");
    KH_CHECK((size_t)sqlite3_column_int(st, 1) < a.raw_len / 3);
    sqlite3_finalize(st);
    kh_article_clear(&a);

    /* a page that is its clean text plus a footer compresses against the
     * text to a small fraction of itself, and reads back whole */
    kh_buf body = KH_BUF_INIT;
    for (int i = 0; i < 300; i++)
        kh_buf_printf(&body, "فقرة %d: %x خبر مختلف عن غيره %x\n", i,
                      i * 7919u, i * 104729u);
    make_article(&a, 8, "okaz", "t", body.data);
    free(a.raw);
    kh_buf_puts(&body, "للاشتراك أرسل رسالة قصيرة\n");
    a.raw_len = body.len;
    a.raw = kh_buf_detach(&body);
    KH_CHECK_INT(put(db, &a), 1);
    sqlite3_prepare_v2(db->sql, "SELECT length(raw) FROM articles WHERE id = 8",
                       -1, &st, NULL);
    KH_CHECK_INT(sqlite3_step(st), SQLITE_ROW);
    KH_CHECK((size_t)sqlite3_column_int(st, 0) < a.raw_len / 20);
    sqlite3_finalize(st);
    KH_CHECK_INT(kh_db_get_article(db, 8, &b), KH_OK);
    KH_CHECK_STR(b.raw, a.raw);
    kh_article_clear(&b);
    kh_article_clear(&a);

    /* an article without source, title or raw page */
    make_article(&a, 7, NULL, NULL, "نص آخر");
    free(a.raw);
    a.raw = NULL;
    a.raw_len = 0;
    KH_CHECK_INT(put(db, &a), 1);
    KH_CHECK_INT(kh_db_get_article(db, 7, &b), KH_OK);
    KH_CHECK_STR(b.source, NULL);
    KH_CHECK_STR(b.title, NULL);
    KH_CHECK(b.raw == NULL);
    KH_CHECK_INT(b.n_removed, 0);
    kh_article_clear(&b);
    kh_article_clear(&a);
    KH_CHECK_INT(kh_db_check(db), KH_OK);
    kh_db_close(db);
}

typedef struct source_row {
    char name[32];
    uint64_t n;
    char first[11], last[11];
} source_row;

static int collect_source(void *ctx, const char *source, uint64_t n,
                          const char *first, const char *last)
{
    source_row *rows = ctx;
    for (int i = 0; i < 8; i++) {
        if (!rows[i].name[0] && !rows[i].n) {
            snprintf(rows[i].name, sizeof rows[i].name, "%s", source);
            rows[i].n = n;
            snprintf(rows[i].first, 11, "%s", first);
            snprintf(rows[i].last, 11, "%s", last);
            return 0;
        }
    }
    return 1;
}

static void test_stats_and_sources(void)
{
    kh_db *db = NULL;
    KH_CHECK_INT(kh_db_open(tmp_path("stats.db"), KH_DB_CREATE, &db), KH_OK);
    const char *dates[] = {"2015-07-21T10:00:00", "2015-08-11", "2015-07-25"};
    const char *sources[] = {"sabq", "sabq", "was"};
    for (int i = 0; i < 3; i++) {
        kh_article a;
        make_article(&a, (uint64_t)(100 + i), sources[i], "عنوان",
                     i == 2 ? "نص واحد" : "نص مكرر");
        free(a.date);
        a.date = strdup(dates[i]);
        KH_CHECK_INT(put(db, &a), 1);
        kh_article_clear(&a);
    }
    kh_db_stats s;
    KH_CHECK_INT(kh_db_stats_get(db, &s), KH_OK);
    KH_CHECK_INT(s.articles, 3);
    KH_CHECK_INT(s.sources, 2);
    KH_CHECK_INT(s.distinct_texts, 2);
    KH_CHECK_STR(s.first_date, "2015-07-21");
    KH_CHECK_STR(s.last_date, "2015-08-11");
    KH_CHECK(s.db_bytes > 0);
    KH_CHECK_INT(s.text_bytes, 2 * strlen("نص مكرر") + strlen("نص واحد"));
    source_row rows[8];
    memset(rows, 0, sizeof rows);
    KH_CHECK_INT(kh_db_sources(db, collect_source, rows), KH_OK);
    KH_CHECK_STR(rows[0].name, "sabq");
    KH_CHECK_INT(rows[0].n, 2);
    KH_CHECK_STR(rows[0].first, "2015-07-21");
    KH_CHECK_STR(rows[0].last, "2015-08-11");
    KH_CHECK_STR(rows[1].name, "was");
    KH_CHECK_INT(rows[1].n, 1);
    kh_db_close(db);
}

static int sum_counts(void *ctx, const char *source, uint64_t key,
                      uint64_t count)
{
    uint64_t *sums = ctx;
    sums[0] += count;
    sums[1] += key == 99 && strcmp(source, "okaz") == 0 ? count : 0;
    sums[2]++;
    return 0;
}

/* One batch's chrome counts saved in its own transaction. */
static void save_chrome(kh_db *db, const char *const *sources,
                        const uint64_t *keys, const uint64_t *counts,
                        size_t n, int commit)
{
    kh_count_batch c = {0};
    for (size_t i = 0; i < n; i++)
        kh_count_batch_add(&c, sources[i], keys[i], counts[i]);
    KH_CHECK_INT(kh_db_begin(db), KH_OK);
    KH_CHECK_INT(kh_db_chrome_save(db, &c), KH_OK);
    if (commit)
        KH_CHECK_INT(kh_db_commit(db), KH_OK);
    else
        kh_db_rollback(db);
    kh_count_batch_free(&c);
}

static uint64_t *chrome_sums(kh_db *db)
{
    static uint64_t sums[3];
    memset(sums, 0, sizeof sums);
    KH_CHECK_INT(kh_db_chrome_each(db, sum_counts, sums), KH_OK);
    return sums;
}

/* Counts saved as a log, batch after batch, read back as their sums
 * before and after the log is folded into the table, and in the stats. */
static void test_chrome_counts(void)
{
    kh_db *db = NULL;
    KH_CHECK_INT(kh_db_open(tmp_path("chrome.db"), KH_DB_CREATE, &db), KH_OK);
    /* okaz twice in one batch: two groups of the same source */
    const char *src1[] = {"okaz", "", "okaz"};
    uint64_t keys1[] = {99, 0xffffffffffffffffULL, 99};
    uint64_t counts1[] = {3, 1, 4};
    save_chrome(db, src1, keys1, counts1, 3, 1);
    /* a rolled-back batch leaves no counts behind */
    const char *src2[] = {"okaz"};
    uint64_t keys2[] = {99}, counts2[] = {100};
    save_chrome(db, src2, keys2, counts2, 1, 0);
    uint64_t *sums = chrome_sums(db);
    KH_CHECK_INT(sums[0], 8);
    KH_CHECK_INT(sums[1], 7);
    KH_CHECK_INT(sums[2], 3); /* three parts: summed by the reader */
    /* a short log stays; a long enough one moves into the table */
    KH_CHECK_INT(kh_db_counts_fold(db, 2), KH_OK);
    KH_CHECK_INT(chrome_sums(db)[2], 3);
    uint64_t counts3[] = {5};
    save_chrome(db, src2, keys2, counts3, 1, 1);
    KH_CHECK_INT(kh_db_counts_fold(db, 2), KH_OK);
    sums = chrome_sums(db);
    KH_CHECK_INT(sums[0], 13);
    KH_CHECK_INT(sums[1], 12);
    KH_CHECK_INT(sums[2], 2); /* one row per (source, line) now */
    save_chrome(db, src1, keys1, counts1, 3, 1);
    kh_db_stats st;
    KH_CHECK_INT(kh_db_stats_get(db, &st), KH_OK);
    KH_CHECK_INT(st.chrome_shapes, 2);
    KH_CHECK_INT(st.chrome_occurrences, 21);
    kh_db_close(db);
}

/* A damaged log row is an error naming it, not a crash. */
static void test_counts_log_damaged(void)
{
    kh_db *db = NULL;
    KH_CHECK_INT(kh_db_open(tmp_path("damaged.db"), KH_DB_CREATE, &db),
                 KH_OK);
    KH_CHECK_INT(sqlite3_exec(db->sql,
                              "INSERT INTO chrome_log(counts)"
                              " VALUES (x'04616263')",
                              NULL, NULL, NULL), SQLITE_OK);
    uint64_t sums[3] = {0, 0, 0};
    KH_CHECK_INT(kh_db_chrome_each(db, sum_counts, sums), KH_EDB);
    KH_CHECK(strstr(kh_db_errmsg(db), "chrome_log") != NULL);
    kh_db_close(db);
}

static long file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

static int count_articles(kh_db *db)
{
    sqlite3_stmt *st;
    KH_CHECK_INT(sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM articles",
                                    -1, &st, NULL), SQLITE_OK);
    KH_CHECK_INT(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* A WAL checkpointed on a thread of its own: the commits go on, the pages
 * reach the database file before it is closed (in WAL mode nothing else
 * writes that file), and nothing is lost on the way. */
static void test_checkpoint_apart(void)
{
    const char *path = tmp_path("apart.db");
    kh_db *db = NULL;
    KH_CHECK_INT(kh_db_open(path, KH_DB_CREATE, &db), KH_OK);
    long before = file_size(path);
    kh_db_checkpoint_apart(db, 8);
    kh_db_checkpoint_apart(db, 8); /* a second start is a no-op */
    char text[3000];
    enum { ARTICLES = 60 };
    for (int i = 0; i < ARTICLES; i++) {
        for (size_t k = 0; k + 1 < sizeof text; k++)
            text[k] = (char)('a' + (k * 7 + (size_t)i * 13) % 26);
        text[sizeof text - 1] = '\0';
        kh_article a;
        make_article(&a, 1000 + (uint64_t)i, "okaz", "title", text);
        KH_CHECK_INT(put(db, &a), 1);
        kh_article_clear(&a);
    }
    /* the thread copies pages back meanwhile: wait for it (10 s at most) */
    for (int tries = 0; tries < 1000 && file_size(path) <= before; tries++)
        usleep(10000);
    KH_CHECK(file_size(path) > before);
    kh_db_checkpoint_join(db);
    kh_db_checkpoint_join(db); /* a second stop too */
    KH_CHECK_INT(count_articles(db), ARTICLES);
    kh_db_checkpoint_apart(db, 0); /* left running: closing stops it */
    kh_db_close(db);
    db = NULL;
    KH_CHECK_INT(kh_db_open(path, 0, &db), KH_OK);
    KH_CHECK_INT(count_articles(db), ARTICLES);
    kh_db_close(db);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/kh-store-XXXXXX",
             base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    KH_RUN(test_create_and_reopen);
    KH_RUN(test_open_errors);
    KH_RUN(test_locked);
    KH_RUN(test_article_round_trip);
    KH_RUN(test_stats_and_sources);
    KH_RUN(test_chrome_counts);
    KH_RUN(test_counts_log_damaged);
    KH_RUN(test_checkpoint_apart);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return kh_test_report();
}
