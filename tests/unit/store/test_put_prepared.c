/*
 * test_put_prepared.c - an article stored with what kh_put_prep_make
 * computed ahead (compressed page, index terms replayed to FTS5) makes the
 * same database as one stored the plain way: same rows, same page, same
 * search index; the replay touches only the text it was made for.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static const char *const texts[][2] = {
    {"وزير الخارجية يلتقي نظيره الروسي",
     "التقى وزير الخارجية نظيره الروسي في موسكو اليوم.\n"
     "وبحث الجانبان العلاقات الثنائية والأوضاع في المنطقة."},
    {NULL, "هطلت أمطار غزيرة على الرياض، وحذّر الدفاع المدني من السيول "
           "في الأودية. Rain fell on Riyadh: 3.5 mm in one hour."},
    {"عنوان مكرر", "عنوان مكرر"}, /* title and text alike */
};

static void make_article(kh_article *a, size_t i)
{
    memset(a, 0, sizeof *a);
    a->id = 1000 + i;
    a->source = strdup("okaz");
    a->title = texts[i][0] ? strdup(texts[i][0]) : NULL;
    a->text = strdup(texts[i][1]);
    /* a page long enough to be compressed: the text and some chrome */
    size_t n = strlen(a->text);
    a->raw = malloc(3 * n + 64);
    snprintf(a->raw, 3 * n + 64, "%s\n%s\nشارك من خلال تويتر\n%s", a->text,
             a->text, a->text);
    a->raw_len = strlen(a->raw);
    a->raw_format = KH_FORMAT_TEXT;
    a->content_hash = kh_hash64(a->text, n, 0);
    a->date = strdup("2015-07-21");
}

static int same_buf(const kh_buf *a, const kh_buf *b)
{
    return a->len == b->len &&
           (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

/* Store every article: plain (0), prepared (1), or prepared from tokens
 * already made (2), which must give the very terms of (1). */
static void fill(const char *name, int prepared)
{
    kh_db *db = NULL;
    kh_analyzer *an = kh_analyzer_create(NULL);
    kh_article_tokens toks = KH_ARTICLE_TOKENS_INIT;
    KH_CHECK_INT(kh_db_open(tmp_path(name), KH_DB_CREATE, &db), KH_OK);
    KH_CHECK_INT(kh_db_begin(db), KH_OK);
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        kh_article a;
        make_article(&a, i);
        kh_put_prep prep;
        kh_put_prep_make(&prep, &a, NULL);
        KH_CHECK(prep.ready && prep.text_terms.len > 0);
        if (prepared == 2) {
            kh_put_prep own;
            kh_article_tokens_make(&toks, an, &a);
            kh_put_prep_make(&own, &a, &toks);
            KH_CHECK(same_buf(&own.text_terms, &prep.text_terms));
            KH_CHECK(same_buf(&own.title_terms, &prep.title_terms));
            KH_CHECK(own.made_for == prep.made_for);
            kh_put_prep_free(&prep);
            prep = own;
        }
        int added = 0;
        KH_CHECK_INT(kh_db_put_prepared(db, &a, prepared ? &prep : NULL,
                                        &added),
                     KH_OK);
        KH_CHECK_INT(added, 1);
        KH_CHECK_INT(db->replay.n, 0); /* nothing left to replay */
        kh_put_prep_free(&prep);
        kh_article_clear(&a);
    }
    KH_CHECK_INT(kh_db_commit(db), KH_OK);
    KH_CHECK_INT(kh_db_check(db), KH_OK);
    kh_db_close(db);
    kh_article_tokens_free(&toks);
    kh_analyzer_free(an);
}

/* Every row of a table, as text, in one string. */
static char *table_text(const char *name, const char *sql)
{
    sqlite3 *s;
    KH_CHECK_INT(sqlite3_open(tmp_path(name), &s), SQLITE_OK);
    sqlite3_stmt *st;
    char *out = calloc(1, 1);
    size_t len = 0;
    KH_CHECK_INT(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const void *b = sqlite3_column_blob(st, c);
            size_t n = (size_t)sqlite3_column_bytes(st, c);
            out = realloc(out, len + 2 * n + 3);
            for (size_t k = 0; k < n; k++)
                len += (size_t)sprintf(out + len, "%02x",
                                       ((const unsigned char *)b)[k]);
            out[len++] = c + 1 < sqlite3_column_count(st) ? '|' : '\n';
            out[len] = '\0';
        }
    }
    sqlite3_finalize(st);
    sqlite3_close(s);
    return out;
}

static void test_same_database(void)
{
    fill("plain.db", 0);
    fill("prepared.db", 1);
    fill("tokens.db", 2);
    static const char *const queries[] = {
        ("SELECT id, seq, title, text, raw, raw_len, content_hash"
         " FROM articles ORDER BY id"),
        "SELECT id, block FROM articles_fts_data ORDER BY id",
        "SELECT id, sz FROM articles_fts_docsize ORDER BY id",
    };
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        char *a = table_text("plain.db", queries[q]);
        char *b = table_text("prepared.db", queries[q]);
        char *c = table_text("tokens.db", queries[q]);
        KH_CHECK(strlen(a) > 0);
        KH_CHECK_STR(b, a);
        KH_CHECK_STR(c, a);
        free(a);
        free(b);
        free(c);
    }
    /* the stored page reads back */
    kh_db *db = NULL;
    KH_CHECK_INT(kh_db_open(tmp_path("prepared.db"), 0, &db), KH_OK);
    kh_article back, want;
    KH_CHECK_INT(kh_db_get_article(db, 1000, &back), KH_OK);
    make_article(&want, 0);
    KH_CHECK_STR(back.raw, want.raw);
    kh_article_clear(&back);
    kh_article_clear(&want);
    kh_db_close(db);
}

/* How many articles the index finds for one word. */
static int matches(kh_db *db, const char *word)
{
    sqlite3_stmt *st;
    int n = -1;
    KH_CHECK_INT(sqlite3_prepare_v2(db->sql,
                                    "SELECT count(*) FROM articles_fts"
                                    " WHERE articles_fts MATCH ?1",
                                    -1, &st, NULL),
                 SQLITE_OK);
    sqlite3_bind_text(st, 1, word, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Terms made for a text are replayed only for that text: a prepared
 * article whose text changed after preparing still gets its own terms. */
static void test_replay_only_matching_text(void)
{
    kh_db *db = NULL;
    KH_CHECK_INT(kh_db_open(tmp_path("stale.db"), KH_DB_CREATE, &db), KH_OK);
    KH_CHECK_INT(kh_db_begin(db), KH_OK);
    kh_article a;
    make_article(&a, 0);
    kh_put_prep prep;
    kh_put_prep_make(&prep, &a, NULL);
    free(a.text);
    a.text = strdup("نص آخر تماما عن كرة القدم");
    int added = 0;
    KH_CHECK_INT(kh_db_put_prepared(db, &a, &prep, &added), KH_OK);
    KH_CHECK_INT(kh_db_commit(db), KH_OK);
    KH_CHECK_INT(kh_db_check(db), KH_OK);
    KH_CHECK_INT(matches(db, "القدم"), 1);
    KH_CHECK_INT(matches(db, "موسكو"), 0);
    kh_put_prep_free(&prep);
    kh_article_clear(&a);
    kh_db_close(db);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/kh-prep-XXXXXX",
             base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    KH_RUN(test_same_database);
    KH_RUN(test_replay_only_matching_text);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return kh_test_report();
}
