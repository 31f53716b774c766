/*
 * test_fts_tokenizer.c - the "khabar" FTS5 tokenizer: spelling variants of
 * a word meet in one index term, queries are analysed like documents,
 * prefixes and phrases work, and highlights mark the surface words.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kh_test.h"
#include "khabar.h"
#include "store/db.h"

static char tmpdir[256];
static kh_db *db;

/* The articles: id i has text docs[i - 1]. */
static const char *const docs[] = {
    "وقالت وروسيا إنها تدعم الحل",              /* 1: و + روسيا        */
    "زار الوزير إيران أمس",                     /* 2: إيران with hamza */
    "افتتحت المدرسة الجديدة",                   /* 3: ة                */
    "قال مُحَمَّدٌ إن الأمر انتهى",                  /* 4: diacritics       */
    "روســيا والصين في مجلس الأمن",             /* 5: tatweel          */
    "وأكد بالتنسيق مع الجهات المعنية",          /* 6: ب + ال           */
    "قدمت للحكومة خطة جديدة",                   /* 7: لل               */
    "صرح ووزير الخارجية بأن المحادثات مستمرة",  /* 8: phrase           */
    "الخارجية أعلنت أن وزير الدفاع وصل",        /* 9: words, no phrase */
    "الصحافة الروسية تتابع",                    /* 10: prefix روس      */
};
#define N_DOCS (sizeof docs / sizeof *docs)

/* The ids (as a bit set) that an FTS5 MATCH expression finds. */
static unsigned matches(const char *expr)
{
    sqlite3_stmt *st;
    unsigned found = 0;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT rowid FROM articles_fts WHERE articles_fts"
                           " MATCH ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return 0x80000000u;
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        found |= 1u << sqlite3_column_int(st, 0);
    if (rc != SQLITE_DONE)
        found |= 0x80000000u;
    sqlite3_finalize(st);
    return found;
}

#define BIT(i) (1u << (i))

static void test_variants_meet(void)
{
    KH_CHECK_INT(matches("روسيا"), BIT(1) | BIT(5));
    KH_CHECK_INT(matches("وروسيا"), BIT(1) | BIT(5));
    KH_CHECK_INT(matches("ايران"), BIT(2));
    KH_CHECK_INT(matches("إيران"), BIT(2));
    KH_CHECK_INT(matches("مدرسه"), BIT(3));
    KH_CHECK_INT(matches("المدرسة"), BIT(3));
    KH_CHECK_INT(matches("محمد"), BIT(4));
    KH_CHECK_INT(matches("مُحَمَّد"), BIT(4));
    KH_CHECK_INT(matches("التنسيق"), BIT(6));
    KH_CHECK_INT(matches("تنسيق"), BIT(6));
    KH_CHECK_INT(matches("الحكومة"), BIT(7));
    KH_CHECK_INT(matches("حكومه"), BIT(7));
    KH_CHECK_INT(matches("روســيا"), BIT(1) | BIT(5));
}

static void test_phrases_and_prefixes(void)
{
    KH_CHECK_INT(matches("\"وزير الخارجية\""), BIT(8));
    KH_CHECK_INT(matches("وزير AND الخارجية"), BIT(8) | BIT(9));
    KH_CHECK_INT(matches("\"روس\" *"), BIT(1) | BIT(5) | BIT(10));
    KH_CHECK_INT(matches("\"الروس\" *"), BIT(1) | BIT(5) | BIT(10));
    /* a word inside a prefix phrase is analysed in full */
    KH_CHECK_INT(matches("\"الصحافة الروس\" *"), BIT(10));
}

static void test_highlight_marks_surface(void)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db->sql,
                       "SELECT highlight(articles_fts, 1, '[', ']')"
                       " FROM articles_fts WHERE articles_fts MATCH ?1"
                       " ORDER BY rowid",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, "روسيا", -1, SQLITE_STATIC);
    KH_CHECK_INT(sqlite3_step(st), SQLITE_ROW);
    KH_CHECK_STR((const char *)sqlite3_column_text(st, 0),
                 "وقالت [وروسيا] إنها تدعم الحل");
    KH_CHECK_INT(sqlite3_step(st), SQLITE_ROW);
    KH_CHECK_STR((const char *)sqlite3_column_text(st, 0),
                 "[روســيا] والصين في مجلس الأمن");
    sqlite3_finalize(st);
}

/* The index stays right when articles change or go (the triggers). */
static void test_update_and_delete_follow(void)
{
    KH_CHECK_INT(kh_db_begin(db), KH_OK);
    sqlite3_exec(db->sql,
                 "UPDATE articles SET text = 'خبر عن اليابان' WHERE id = 2;"
                 "DELETE FROM articles WHERE id = 3",
                 NULL, NULL, NULL);
    KH_CHECK_INT(kh_db_commit(db), KH_OK);
    KH_CHECK_INT(matches("ايران"), 0);
    KH_CHECK_INT(matches("اليابان"), BIT(2));
    KH_CHECK_INT(matches("مدرسه"), 0);
    KH_CHECK_INT(kh_db_check(db), KH_OK);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/kh-fts-XXXXXX",
             base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    char path[300];
    snprintf(path, sizeof path, "%s/fts.db", tmpdir);
    if (kh_db_open(path, KH_DB_CREATE, &db) != KH_OK) {
        fprintf(stderr, "%s\n", kh_db_errmsg(db));
        return 1;
    }
    kh_db_begin(db);
    for (size_t i = 0; i < N_DOCS; i++) {
        kh_article a = {0};
        a.id = i + 1;
        a.text = (char *)docs[i];
        a.content_hash = i + 1;
        int added;
        KH_CHECK_INT(kh_db_put_article(db, &a, &added), KH_OK);
    }
    KH_CHECK_INT(kh_db_commit(db), KH_OK);
    KH_RUN(test_variants_meet);
    KH_RUN(test_phrases_and_prefixes);
    KH_RUN(test_highlight_marks_surface);
    KH_RUN(test_update_and_delete_follow);
    kh_db_close(db);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return kh_test_report();
}
