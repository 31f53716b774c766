/*
 * fuzz_query.c - libFuzzer target for the search query language: any bytes
 * typed as a query must give either a parse error (KH_EINVAL) or a search
 * that SQLite runs: never an SQL error (an FTS5 syntax error would mean a
 * user character got through as FTS5 syntax) and never a crash.
 *
 * The query runs against a small database made once per process in a
 * temporary directory (removed at exit): a few Arabic and English
 * articles, so that words, phrases and prefixes can match.  The input's
 * first byte, when there are several, picks filters and paging.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/buf.h"
#include "khabar.h"
#include "search/query.h"

static kh_db *db;
static kh_analyzer *an;
static char dir[256], db_path[300], feed_path[300];

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_query: %s: %s\n", what, detail);
    abort();
}

static const char *const feed =
    "{\"source\":\"okaz\",\"url\":\"http://a.example/1\","
    "\"date_extracted\":\"2015-07-21 10:00:00\",\"title\":\"وزير الصحة يزور "
    "المستشفى\",\"content\":\"زار وزير الصحة المستشفى الجديد في جدة "
    "واطلع على الخدمات الطبية المقدمة للمرضى.\"}\n"
    "{\"source\":\"sabq\",\"url\":\"http://b.example/2\","
    "\"date_extracted\":\"2015-07-22 11:00:00\",\"title\":\"أمطار غزيرة على "
    "الرياض\",\"content\":\"هطلت أمطار غزيرة على مدينة الرياض صباح اليوم "
    "وحذر الدفاع المدني من السيول.\"}\n"
    "{\"source\":\"was\",\"url\":\"http://c.example/3\","
    "\"date_extracted\":\"2015-07-23\",\"title\":\"Minister visits "
    "hospital\",\"content\":\"قال الوزير إن المشروع يخدم 3.5 مليون نسمة "
    "in Jeddah and the region.\"}\n";

static void remove_db(void)
{
    kh_db_close(db);
    kh_analyzer_free(an);
    const char *suffixes[] = {"", "-wal", "-shm"};
    char name[320];
    for (size_t i = 0; i < 3; i++) {
        snprintf(name, sizeof name, "%s%s", db_path, suffixes[i]);
        unlink(name);
    }
    unlink(feed_path);
    rmdir(dir);
}

static void make_db(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/fuzz-query-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        fail("mkdtemp", dir);
    snprintf(db_path, sizeof db_path, "%s/q.db", dir);
    snprintf(feed_path, sizeof feed_path, "%s/feed.jsonl", dir);
    FILE *f = fopen(feed_path, "w");
    if (!f || fputs(feed, f) < 0 || fclose(f) != 0)
        fail("cannot write", feed_path);
    if (kh_db_open(db_path, KH_DB_CREATE, &db) != KH_OK)
        fail("kh_db_open", kh_db_errmsg(db));
    atexit(remove_db);
    const char *paths[] = {feed_path};
    kh_ingest_stats stats;
    if (kh_ingest(db, paths, 1, NULL, &stats, NULL, NULL) != KH_OK ||
        stats.added != 3)
        fail("kh_ingest", kh_db_errmsg(db));
    an = kh_analyzer_create(NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db)
        make_db();
    unsigned flags = size > 1 ? data[0] : 0;
    if (size > 1) {
        data++;
        size--;
    }
    char *query = malloc(size + 1);
    memcpy(query, data, size);
    query[size] = '\0'; /* a NUL inside ends the query, as in a C string */

    /* the parser alone: an expression, or a reason */
    kh_buf expr = KH_BUF_INIT, err = KH_BUF_INIT;
    kh_query_word *words = NULL;
    size_t n_words = 0;
    int rc = kh_query_to_fts(an, query, &expr, &err, &words, &n_words);
    if (rc != KH_OK && rc != KH_EINVAL)
        fail("kh_query_to_fts: unexpected status", query);
    if (rc == KH_EINVAL && (!err.data || !*err.data))
        fail("kh_query_to_fts: a refusal without a reason", query);
    for (size_t i = 0; i < n_words; i++)
        if (words[i].text < query || words[i].text + words[i].len >
                                         query + strlen(query))
            fail("kh_query_to_fts: a word outside the query", query);
    free(words);
    kh_buf_free(&expr);
    kh_buf_free(&err);

    /* the whole search: never an SQL error */
    kh_search_opts o;
    kh_search_opts_init(&o);
    if (flags & 1)
        o.source = "okaz";
    if (flags & 2)
        o.from = "2015-07-22";
    if (flags & 4)
        o.to = "2015-07-23";
    if (flags & 8)
        o.offset = 1;
    if (flags & 16)
        o.snippet_tokens = 3;
    kh_hit *hits = NULL;
    size_t n_hits = 0;
    uint64_t total = 0;
    rc = kh_search(db, query, &o, &hits, &n_hits, &total);
    if (rc != KH_OK && rc != KH_EINVAL)
        fail(kh_db_errmsg(db), query);
    if (rc == KH_OK && (n_hits > total || total > 3))
        fail("more hits than articles", query);
    for (size_t i = 0; i < n_hits; i++)
        if (!hits[i].title || !hits[i].snippet || !hits[i].source)
            fail("a hit without title, snippet or source", query);
    kh_hits_free(hits, n_hits);
    free(query);
    return 0;
}
