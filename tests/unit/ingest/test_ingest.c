/*
 * test_ingest.c - the whole pipeline into a database: idempotence, wire
 * copies, rejections by reason, chrome counts carried to the next run,
 * batches, and progress reports.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kh_test.h"
#include "khabar.h"
#include "store/db.h"

static char tmpdir[256];

static const char *tmp_path(const char *name)
{
    static char path[4][512];
    static int turn;
    turn = (turn + 1) % 4;
    snprintf(path[turn], sizeof path[turn], "%s/%s", tmpdir, name);
    return path[turn];
}

/* One JSON line in the SaudiNewsNet shape. */
static void record(FILE *f, const char *source, const char *url,
                   const char *date, const char *title, const char *content)
{
    fprintf(f,
            "{\"source\": \"%s\", \"url\": \"%s\", \"date_extracted\": \"%s\","
            " \"title\": \"%s\", \"author\": \"\", \"content\": \"%s\"}\n",
            source, url, date, title, content);
}

static const char *const bodies[] = {
    "أعلنت وزارة المالية عن ميزانية جديدة تركز على مشاريع البنية التحتية.",
    "افتتح أمير المنطقة مستشفى جديدا يضم مئتي سرير في شمال المدينة.",
    "قالت هيئة الأرصاد إن درجات الحرارة سترتفع في المنطقة الشرقية.",
    "بدأت الجامعة استقبال طلبات القبول للعام الدراسي المقبل إلكترونيا.",
    "وقعت الشركة عقدا لتوسعة الميناء وزيادة طاقته الاستيعابية.",
    "أطلقت البلدية حملة لتشجير الشوارع الرئيسية في الأحياء الجديدة.",
    "فاز المنتخب على ضيفه بثلاثة أهداف في المباراة الودية أمس.",
    "ناقش المجلس البلدي خطة لتطوير الحدائق العامة وتوسعة الأرصفة.",
    "أعلنت الهيئة فتح باب التسجيل في برنامج تدريب الشباب على البرمجة.",
    "قررت اللجنة تأجيل المهرجان إلى الشهر المقبل بسبب الأحوال الجوية.",
};
#define N_BODIES (sizeof bodies / sizeof *bodies)
#define FOOTER "نشرة المساء من مكتب المنطقة الوسطى"

/* day1: ten okaz articles ending with the same footer, a wire copy in two
 * outlets, and one record for each reason of rejection. */
static void write_day1(const char *path)
{
    FILE *f = fopen(path, "w");
    char url[64], content[512];
    for (size_t i = 0; i < N_BODIES; i++) {
        snprintf(url, sizeof url, "https://okaz.example/%zu", i);
        snprintf(content, sizeof content, "%s\\n\\n" FOOTER, bodies[i]);
        record(f, "okaz", url, "2015-07-21 10:00:00", "خبر", content);
    }
    const char *wire = "أكد المتحدث الرسمي أن الاجتماع ناقش تطورات الأوضاع"
                       " في المنطقة وسبل التعاون المشترك.";
    record(f, "sabq", "https://sabq.example/w", "2015-07-22", "خبر", wire);
    record(f, "was", "https://was.example/w", "2015-07-22", "خبر", wire);
    record(f, "sabq", "https://sabq.example/empty", "2015-07-22", "خبر", "");
    record(f, "okaz", "https://okaz.example/chrome", "2015-07-22", "خبر",
           FOOTER);
    record(f, "sabq", "https://sabq.example/en", "2015-07-22", "news",
           "The council discussed the new budget and the port expansion.");
    fputs("{\"source\": \"sabq\", \"url\": \"https://sabq.example/broken\"\n",
          f);
    fclose(f);
}

/* day2: one new okaz article with the footer, alone in its file. */
static void write_day2(const char *path)
{
    FILE *f = fopen(path, "w");
    record(f, "okaz", "https://okaz.example/next-day", "2015-07-23", "خبر",
           "أعلن النادي تعاقده مع مدرب جديد لمدة موسمين.\\n\\n" FOOTER);
    fclose(f);
}

typedef struct errors {
    int n;
    char last[256];
} errors;

static void on_error(void *ctx, const kh_read_error *e)
{
    errors *errs = ctx;
    errs->n++;
    snprintf(errs->last, sizeof errs->last, "%s: %s", e->path, e->message);
}

static int ingest(kh_db *db, const char *path, const kh_ingest_opts *o,
                  kh_ingest_stats *s, errors *errs)
{
    const char *paths[] = {path};
    return kh_ingest(db, paths, 1, o, s, on_error, errs);
}

static kh_db *open_db(const char *name)
{
    kh_db *db = NULL;
    if (kh_db_open(tmp_path(name), KH_DB_CREATE, &db) != KH_OK)
        fprintf(stderr, "%s\n", kh_db_errmsg(db));
    return db;
}

static void test_counts_and_rejections(void)
{
    const char *day1 = tmp_path("day1.jsonl");
    write_day1(day1);
    kh_db *db = open_db("a.db");
    kh_ingest_stats s;
    errors errs = {0, ""};
    KH_CHECK_INT(ingest(db, day1, NULL, &s, &errs), KH_OK);
    KH_CHECK_INT(s.files, 1);
    KH_CHECK_INT(s.read, 15);
    KH_CHECK_INT(s.added, 12);
    KH_CHECK_INT(s.same_text, 1);
    KH_CHECK_INT(s.already_present, 0);
    KH_CHECK_INT(s.rejected, 4);
    KH_CHECK_INT(s.rejected_by[KH_REJECT_EMPTY], 1);
    KH_CHECK_INT(s.rejected_by[KH_REJECT_ALL_CHROME], 1);
    KH_CHECK_INT(s.rejected_by[KH_REJECT_NOT_ARABIC], 1);
    KH_CHECK_INT(s.rejected_by[KH_REJECT_UNREADABLE], 1);
    KH_CHECK_INT(s.lines_removed, N_BODIES);
    KH_CHECK_INT(errs.n, 4);
    KH_CHECK(strstr(errs.last, "day1.jsonl") != NULL);

    /* the wire copy: two articles, one text */
    kh_db_stats st;
    KH_CHECK_INT(kh_db_stats_get(db, &st), KH_OK);
    KH_CHECK_INT(st.articles, 12);
    KH_CHECK_INT(st.distinct_texts, 11);
    KH_CHECK_INT(st.sources, 3);

    /* the same input again adds nothing */
    errs.n = 0;
    KH_CHECK_INT(ingest(db, day1, NULL, &s, &errs), KH_OK);
    KH_CHECK_INT(s.added, 0);
    KH_CHECK_INT(s.already_present, 12);
    KH_CHECK_INT(s.rejected, 4); /* rejected again: they were never stored */
    KH_CHECK_INT(kh_db_stats_get(db, &st), KH_OK);
    KH_CHECK_INT(st.articles, 12);

    /* the footer is gone from stored text, and kept aside */
    kh_hit *hits;
    size_t n;
    uint64_t total;
    KH_CHECK_INT(kh_search(db, "المساء", NULL, &hits, &n, &total), KH_OK);
    KH_CHECK_INT(total, 0);
    kh_hits_free(hits, n);
    KH_CHECK_INT(kh_search(db, "الميناء", NULL, &hits, &n, &total), KH_OK);
    KH_CHECK_INT(n, 1);
    if (n == 1) {
        kh_article a;
        KH_CHECK_INT(kh_db_get_article(db, hits[0].id, &a), KH_OK);
        KH_CHECK_INT(a.n_removed, 1);
        KH_CHECK(a.n_removed && strcmp(a.removed[0].line, FOOTER) == 0);
        KH_CHECK(strstr(a.raw, FOOTER) != NULL);
        KH_CHECK(strstr(a.text, FOOTER) == NULL);
        kh_article_clear(&a);
    }
    kh_hits_free(hits, n);
    KH_CHECK_INT(kh_db_check(db), KH_OK);
    kh_db_close(db);
}

/* The next day's file has the footer once: the counts stored by the first
 * run still mark it as chrome.  A fresh database does not know it. */
static void test_chrome_counts_carry_over(void)
{
    const char *day1 = tmp_path("day1.jsonl"), *day2 = tmp_path("day2.jsonl");
    write_day1(day1);
    write_day2(day2);
    kh_db *db = open_db("b.db");
    kh_ingest_stats s;
    errors errs = {0, ""};
    KH_CHECK_INT(ingest(db, day1, NULL, &s, &errs), KH_OK);
    KH_CHECK_INT(ingest(db, day2, NULL, &s, &errs), KH_OK);
    KH_CHECK_INT(s.added, 1);
    KH_CHECK_INT(s.lines_removed, 1);
    kh_db_close(db);

    db = open_db("c.db");
    KH_CHECK_INT(ingest(db, day2, NULL, &s, &errs), KH_OK);
    KH_CHECK_INT(s.added, 1);
    KH_CHECK_INT(s.lines_removed, 0);
    kh_db_close(db);
}

typedef struct progress_seen {
    int learn, store;
    uint64_t last_read;
} progress_seen;

static void on_progress(void *ctx, const char *pass, const kh_ingest_stats *s)
{
    progress_seen *p = ctx;
    if (strcmp(pass, "learn") == 0)
        p->learn++;
    else if (strcmp(pass, "store") == 0)
        p->store++;
    p->last_read = s->read;
}

/* Small batches give the same database as one big batch. */
static void test_batches_and_progress(void)
{
    const char *day1 = tmp_path("day1.jsonl");
    write_day1(day1);
    kh_ingest_opts o;
    kh_ingest_opts_init(&o);
    o.batch_size = 2;
    progress_seen seen = {0, 0, 0};
    o.progress = on_progress;
    o.progress_ctx = &seen;
    kh_db *db = open_db("d.db");
    kh_ingest_stats s;
    errors errs = {0, ""};
    KH_CHECK_INT(ingest(db, day1, &o, &s, &errs), KH_OK);
    KH_CHECK_INT(s.added, 12);
    KH_CHECK_INT(s.same_text, 1);
    KH_CHECK_INT(s.lines_removed, N_BODIES);
    KH_CHECK(seen.learn > 0);
    KH_CHECK(seen.store > 0);
    KH_CHECK_INT(seen.last_read, 15);
    KH_CHECK(s.bytes > 0);
    kh_db_close(db);
}

static void test_all_languages(void)
{
    const char *day1 = tmp_path("day1.jsonl");
    write_day1(day1);
    kh_ingest_opts o;
    kh_ingest_opts_init(&o);
    o.allow_non_arabic = 1;
    kh_db *db = open_db("e.db");
    kh_ingest_stats s;
    errors errs = {0, ""};
    KH_CHECK_INT(ingest(db, day1, &o, &s, &errs), KH_OK);
    KH_CHECK_INT(s.added, 13);
    KH_CHECK_INT(s.rejected_by[KH_REJECT_NOT_ARABIC], 0);
    kh_db_close(db);
}

/* A read-only database cannot be ingested into; nothing is half done. */
static void test_readonly_refused(void)
{
    kh_db *db = open_db("f.db");
    kh_db_close(db);
    KH_CHECK_INT(kh_db_open(tmp_path("f.db"), KH_DB_READONLY, &db), KH_OK);
    kh_ingest_stats s;
    errors errs = {0, ""};
    KH_CHECK_INT(ingest(db, tmp_path("day1.jsonl"), NULL, &s, &errs),
                 KH_EINVAL);
    KH_CHECK(strstr(kh_db_errmsg(db), "read-only") != NULL);
    kh_db_close(db);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/kh-ingest-XXXXXX",
             base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    KH_RUN(test_counts_and_rejections);
    KH_RUN(test_chrome_counts_carry_over);
    KH_RUN(test_batches_and_progress);
    KH_RUN(test_all_languages);
    KH_RUN(test_readonly_refused);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return kh_test_report();
}
