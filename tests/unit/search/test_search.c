/*
 * test_search.c - kh_search over a small database: ranking (title above
 * body), filters, totals and paging, snippets, and that no query string,
 * however hostile, turns into a database error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kh_test.h"
#include "khabar.h"
#include "store/db.h"

static char tmpdir[256];
static kh_db *db;

typedef struct doc {
    uint64_t id;
    const char *source, *date, *title, *text;
} doc;

static const doc docs[] = {
    {1, "sabq", "2015-07-21T09:00:00", "أخبار المنطقة",
     "ذكرت مصادر أن روسيا تدرس العرض وأن الحكومة لم ترد بعد على الطلب."},
    {2, "okaz", "2015-07-25", "روسيا تعلن موقفها",
     "أعلنت موسكو اليوم موقفها من الأزمة في بيان رسمي."},
    {3, "okaz", "2015-08-02T12:30:00", "اقتصاد",
     "ارتفعت أسعار النفط بعد أن أعلنت إيران زيادة الإنتاج."},
    {4, "was", "2015-08-11", "لقاء",
     "التقى وزير الخارجية نظيره الروسي وبحثا التنسيق بين البلدين."},
    {5, "was", NULL, "بلا تاريخ", "خبر عن وروسيا بلا تاريخ."},
};
#define N_DOCS (sizeof docs / sizeof *docs)

static void fill_db(void)
{
    KH_CHECK_INT(kh_db_begin(db), KH_OK);
    for (size_t i = 0; i < N_DOCS; i++) {
        kh_article a = {0};
        a.id = docs[i].id;
        a.source = (char *)docs[i].source;
        a.date = (char *)docs[i].date;
        a.title = (char *)docs[i].title;
        a.text = (char *)docs[i].text;
        a.content_hash = docs[i].id;
        int added;
        KH_CHECK_INT(kh_db_put_article(db, &a, &added), KH_OK);
    }
    /* Other news, so that the words above are rare, as real queries are
     * (BM25 gives a word found in most articles no weight). */
    for (int i = 0; i < 30; i++) {
        char text[160];
        snprintf(text, sizeof text,
                 "انتهت المباراة رقم %d بفوز الفريق المضيف بهدفين.", i);
        kh_article a = {0};
        a.id = 1000 + (uint64_t)i;
        a.source = "arreyadi";
        a.title = "رياضة";
        a.text = text;
        a.content_hash = a.id;
        int added;
        KH_CHECK_INT(kh_db_put_article(db, &a, &added), KH_OK);
    }
    KH_CHECK_INT(kh_db_commit(db), KH_OK);
}

/* The ids found, in rank order, as "2,1,5". */
static const char *ids(const char *q, const kh_search_opts *o, uint64_t *total,
                       int *rc)
{
    static char out[128];
    kh_hit *hits;
    size_t n;
    *rc = kh_search(db, q, o, &hits, &n, total);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(out);
        snprintf(out + len, sizeof out - len, "%s%llu", i ? "," : "",
                 (unsigned long long)hits[i].id);
    }
    kh_hits_free(hits, n);
    return out;
}

static void test_ranking_prefers_title(void)
{
    uint64_t total = 0;
    int rc;
    /* 2 has it in the title; 5 is shorter than 1, so the word weighs more */
    KH_CHECK_STR(ids("روسيا", NULL, &total, &rc), "2,5,1");
    KH_CHECK_INT(rc, KH_OK);
    KH_CHECK_INT(total, 3);
}

static void test_filters(void)
{
    kh_search_opts o;
    kh_search_opts_init(&o);
    uint64_t total;
    int rc;
    o.source = "sabq";
    KH_CHECK_STR(ids("روسيا", &o, &total, &rc), "1");
    KH_CHECK_INT(total, 1);
    o.source = "nosuch";
    KH_CHECK_STR(ids("روسيا", &o, &total, &rc), "");
    KH_CHECK_INT(rc, KH_OK);
    KH_CHECK_INT(total, 0);
    o.source = NULL;
    o.from = "2015-07-21"; /* inclusive, also for a date with a time */
    o.to = "2015-07-21";
    KH_CHECK_STR(ids("روسيا", &o, &total, &rc), "1");
    o.from = "2015-07-22";
    o.to = "2015-08-11";
    KH_CHECK_STR(ids("روسيا OR ايران OR الخارجية", &o, &total, &rc), "2,3,4");
    o.from = "2015-8-1";
    ids("روسيا", &o, &total, &rc);
    KH_CHECK_INT(rc, KH_EINVAL);
    KH_CHECK(strstr(kh_db_errmsg(db), "2015-8-1") != NULL);
    o.from = "2015-08-11";
    o.to = "2015-07-01";
    ids("روسيا", &o, &total, &rc);
    KH_CHECK_INT(rc, KH_EINVAL);
}

static void test_paging(void)
{
    kh_search_opts o;
    kh_search_opts_init(&o);
    uint64_t total;
    int rc;
    o.limit = 2;
    KH_CHECK_STR(ids("روسيا", &o, &total, &rc), "2,5");
    o.offset = 2;
    KH_CHECK_STR(ids("روسيا", &o, &total, &rc), "1");
    KH_CHECK_INT(total, 3);
    o.offset = 10; /* past the end: no hits, but the total is known */
    KH_CHECK_STR(ids("روسيا", &o, &total, &rc), "");
    KH_CHECK_INT(total, 3);
    o.offset = 0;
    o.limit = 0;
    KH_CHECK_STR(ids("روسيا", &o, &total, &rc), "");
    KH_CHECK_INT(total, 3);
}

static void test_hits_and_snippets(void)
{
    kh_hit *hits;
    size_t n;
    uint64_t total;
    kh_search_opts o;
    kh_search_opts_init(&o);
    o.hl_open = "<b>";
    o.hl_close = "</b>";
    KH_CHECK_INT(kh_search(db, "التنسيق", &o, &hits, &n, &total), KH_OK);
    KH_CHECK_INT(n, 1);
    if (n == 1) {
        KH_CHECK(hits[0].id == 4);
        KH_CHECK_STR(hits[0].source, "was");
        KH_CHECK_STR(hits[0].title, "لقاء");
        KH_CHECK_STR(hits[0].date, "2015-08-11");
        KH_CHECK(hits[0].url == NULL);
        KH_CHECK(hits[0].score > 0);
        KH_CHECK(strstr(hits[0].snippet, "<b>التنسيق</b>") != NULL);
    }
    kh_hits_free(hits, n);
    KH_CHECK_INT(kh_search(db, "روسيا", NULL, &hits, &n, NULL), KH_OK);
    KH_CHECK_INT(n, 3);
    if (n == 3) {
        KH_CHECK(strstr(hits[1].snippet, "«وروسيا»") != NULL);
        KH_CHECK(hits[0].score >= hits[1].score);
        KH_CHECK(hits[1].score >= hits[2].score);
        KH_CHECK(hits[1].date == NULL);
    }
    kh_hits_free(hits, n);
    KH_CHECK_INT(kh_search(db, "\"وزير الخارجية\"", NULL, &hits, &n, NULL),
                 KH_OK);
    KH_CHECK_INT(n, 1);
    kh_hits_free(hits, n);
    KH_CHECK_INT(kh_search(db, "الروس*", NULL, &hits, &n, NULL), KH_OK);
    KH_CHECK_INT(n, 4);
    kh_hits_free(hits, n);
}

/* kh_bm25 with lengths in memory (used for queries with many matches)
 * gives FTS5's bm25 scores, so the same ranking. */
static void test_preloaded_ranking_is_bm25(void)
{
    const char *queries[] = {"روسيا", "المباراة", "وزير OR الفريق",
                             "\"وزير الخارجية\"", "الروس*", "بهدفين رياضة"};
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        kh_search_opts o;
        kh_search_opts_init(&o);
        o.limit = 100;
        kh_hit *a, *b;
        size_t na, nb;
        db->rank_preload_min = 1000000; /* FTS5's bm25 */
        KH_CHECK_INT(kh_search(db, queries[q], &o, &a, &na, NULL), KH_OK);
        db->rank_preload_min = 1; /* kh_bm25 */
        KH_CHECK_INT(kh_search(db, queries[q], &o, &b, &nb, NULL), KH_OK);
        KH_CHECK_INT(na, nb);
        KH_CHECK(na > 0);
        for (size_t i = 0; i < na && i < nb; i++) {
            KH_CHECK(a[i].id == b[i].id);
            double d = a[i].score - b[i].score;
            KH_CHECK(d < 1e-9 && d > -1e-9);
        }
        kh_hits_free(a, na);
        kh_hits_free(b, nb);
    }
    KH_CHECK(db->doclens_loaded);
    KH_CHECK_INT(db->doclens.len, N_DOCS + 30);
    db->rank_preload_min = 0;
}

/* Random strings of the characters that mean something to FTS5, SQL or
 * the parser: the answer is hits or a refusal, never a database error. */
static void test_no_query_breaks_the_database(void)
{
    static const char *const bits[] = {
        "\"", "(", ")", "*", ":", "^", "-", "+", "{", "}", "'", ";", "AND",
        "OR", "NOT", "NEAR", "روسيا", "ايران", " ", " ", "title", "x", "\\",
        "%", "_", "\xd9", "..."};
    uint32_t seed = 12345;
    int db_errors = 0;
    for (int i = 0; i < 3000; i++) {
        char q[256] = "";
        seed = seed * 1103515245u + 12345u;
        int len = (int)(seed >> 16) % 12;
        for (int j = 0; j < len; j++) {
            seed = seed * 1103515245u + 12345u;
            strcat(q, bits[(seed >> 16) % (sizeof bits / sizeof *bits)]);
        }
        kh_hit *hits;
        size_t n;
        int rc = kh_search(db, q, NULL, &hits, &n, NULL);
        if (rc != KH_OK && rc != KH_EINVAL) {
            db_errors++;
            fprintf(stderr, "query [%s]: %s\n", q, kh_db_errmsg(db));
        }
        kh_hits_free(hits, n);
    }
    KH_CHECK_INT(db_errors, 0);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/kh-search-XXXXXX",
             base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    char path[300];
    snprintf(path, sizeof path, "%s/s.db", tmpdir);
    if (kh_db_open(path, KH_DB_CREATE, &db) != KH_OK) {
        fprintf(stderr, "%s\n", kh_db_errmsg(db));
        return 1;
    }
    fill_db();
    KH_RUN(test_ranking_prefers_title);
    KH_RUN(test_filters);
    KH_RUN(test_paging);
    KH_RUN(test_hits_and_snippets);
    KH_RUN(test_preloaded_ranking_is_bm25);
    KH_RUN(test_no_query_breaks_the_database);
    kh_db_close(db);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return kh_test_report();
}
