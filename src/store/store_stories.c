/*
 * store_stories.c - the story_docs table (store_dedup.h) and the story
 * listings read from it (khabar.h: kh_db_stories, kh_db_story).  A story
 * has no row of its own: its dates, outlets and title come from its
 * articles, so they can never disagree with them.
 */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "store/db.h"
#include "store/store_dedup.h"

/* An hours column: NULL for undated. */
static int64_t hours_column(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL
               ? KH_STORE_NO_HOURS
               : sqlite3_column_int64(st, col);
}

int kh_store_story_put(kh_db *db, const kh_story_row *rows, size_t n)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db,
                              "INSERT OR REPLACE INTO story_docs(article,"
                              " story, hours, duplicate, terms)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)",
                              &st, "saving stories");
    for (size_t i = 0; rc == KH_OK && i < n; i++) {
        const kh_story_row *r = &rows[i];
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, (sqlite3_int64)r->article);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)r->story);
        if (r->hours == KH_STORE_NO_HOURS)
            sqlite3_bind_null(st, 3);
        else
            sqlite3_bind_int64(st, 3, r->hours);
        sqlite3_bind_int(st, 4, r->duplicate != 0);
        if (r->terms && r->terms_len)
            sqlite3_bind_blob(st, 5, r->terms, (int)r->terms_len,
                              SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 5);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = kh_db_sqlfail(db, "saving stories");
    }
    sqlite3_finalize(st);
    return rc;
}

int kh_store_story_merge(kh_db *db, uint64_t from, uint64_t into)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db,
                              "UPDATE story_docs SET story = ?2"
                              " WHERE story = ?1",
                              &st, "merging stories");
    if (rc != KH_OK)
        return rc;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)from);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)into);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = kh_db_sqlfail(db, "merging stories");
    sqlite3_finalize(st);
    return rc;
}

int kh_store_story_each(kh_db *db, kh_story_row_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db,
                              "SELECT sd.article, sd.story, sd.hours,"
                              " sd.duplicate, sd.terms, s.name"
                              " FROM story_docs sd"
                              " LEFT JOIN articles a ON a.id = sd.article"
                              " LEFT JOIN sources s ON s.id = a.source_id"
                              " ORDER BY sd.seq",
                              &st, "loading stories");
    int step = SQLITE_DONE;
    while (rc == KH_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        kh_story_row r = {0};
        r.article = (uint64_t)sqlite3_column_int64(st, 0);
        r.story = (uint64_t)sqlite3_column_int64(st, 1);
        r.hours = hours_column(st, 2);
        r.duplicate = sqlite3_column_int(st, 3);
        r.terms = sqlite3_column_blob(st, 4);
        r.terms_len = (size_t)sqlite3_column_bytes(st, 4);
        r.source = (const char *)sqlite3_column_text(st, 5);
        rc = fn(ctx, &r);
    }
    if (rc == KH_OK && step != SQLITE_DONE)
        rc = kh_db_sqlfail(db, "loading stories");
    sqlite3_finalize(st);
    return rc;
}

/* ---- lookups for the clusterer ------------------------------------------ */

int kh_store_stories_of(kh_db *db, const uint64_t *articles, size_t n,
                        uint64_t *story)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db,
                              "SELECT story FROM story_docs WHERE article = ?1",
                              &st, "looking up stories");
    for (size_t i = 0; rc == KH_OK && i < n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, (sqlite3_int64)articles[i]);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW)
            story[i] = (uint64_t)sqlite3_column_int64(st, 0);
        else if (step == SQLITE_DONE)
            story[i] = 0;
        else
            rc = kh_db_sqlfail(db, "looking up stories");
    }
    sqlite3_finalize(st);
    return rc;
}

int kh_store_story_span(kh_db *db, uint64_t story, int64_t *first,
                        int64_t *last)
{
    *first = *last = KH_STORE_NO_HOURS;
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db,
                              "SELECT min(hours), max(hours) FROM story_docs"
                              " WHERE story = ?1",
                              &st, "reading a story's dates");
    if (rc != KH_OK)
        return rc;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)story);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *first = hours_column(st, 0);
        *last = hours_column(st, 1);
    } else {
        rc = kh_db_sqlfail(db, "reading a story's dates");
    }
    sqlite3_finalize(st);
    return rc;
}

int kh_store_story_spans(kh_db *db, kh_story_span_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    int rc = kh_store_prepare(db,
                              "SELECT story, min(hours), max(hours)"
                              " FROM story_docs GROUP BY story",
                              &st, "reading the stories' dates");
    int step = SQLITE_DONE;
    while (rc == KH_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(ctx, (uint64_t)sqlite3_column_int64(st, 0),
                hours_column(st, 1), hours_column(st, 2));
    if (rc == KH_OK && step != SQLITE_DONE)
        rc = kh_db_sqlfail(db, "reading the stories' dates");
    sqlite3_finalize(st);
    return rc;
}

/* ---- public listings --------------------------------------------------- */

/* A story's figures; ?1 is a story id or NULL for all, ?2 min outlets,
 * ?3 a "since" day or NULL. */
static const char stories_sql[] =
    "SELECT sd.story, count(*), count(DISTINCT a.source_id), min(a.date),"
    " max(a.date), group_concat(DISTINCT s.name)"
    " FROM story_docs sd JOIN articles a ON a.id = sd.article"
    " LEFT JOIN sources s ON s.id = a.source_id"
    " WHERE ?1 IS NULL OR sd.story = ?1"
    " GROUP BY sd.story"
    " HAVING count(DISTINCT a.source_id) >= ?2"
    " AND (?3 IS NULL OR max(substr(a.date, 1, 10)) >= ?3)"
    " ORDER BY 3 DESC, 2 DESC, 1";

/* The story's title: that of its most copied article (the wire report
 * every outlet took is the event itself; a story's first article is
 * often a side note that came out minutes earlier), the earliest among
 * equals. */
static const char title_sql[] =
    "SELECT a.title FROM story_docs sd JOIN articles a ON a.id = sd.article"
    " WHERE sd.story = ?1 AND a.title IS NOT NULL AND a.title <> ''"
    " ORDER BY (SELECT count(*) FROM dup_docs d WHERE d.rep = sd.article)"
    " DESC, sd.duplicate, a.date IS NULL, a.date, sd.seq LIMIT 1";

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "b,a,c" -> "a, b, c" in out. */
static void sorted_list(const char *csv, kh_buf *out)
{
    kh_buf_reset(out);
    if (!csv || !*csv)
        return;
    char *copy = kh_strdup(csv);
    size_t n = 1;
    for (const char *p = copy; *p; p++)
        n += *p == ',';
    char **parts = kh_malloc(n * sizeof *parts);
    size_t k = 0;
    for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ","))
        parts[k++] = tok;
    qsort(parts, k, sizeof *parts, cmp_str);
    for (size_t i = 0; i < k; i++) {
        if (i)
            kh_buf_puts(out, ", ");
        kh_buf_puts(out, parts[i]);
    }
    free(parts);
    free(copy);
}

typedef struct story_query {
    sqlite3_stmt *list, *title;
    kh_buf outlets;
} story_query;

static int story_query_open(kh_db *db, story_query *q)
{
    memset(q, 0, sizeof *q);
    int rc = kh_store_prepare(db, stories_sql, &q->list, "listing stories");
    if (rc == KH_OK)
        rc = kh_store_prepare(db, title_sql, &q->title, "listing stories");
    return rc;
}

static void story_query_close(story_query *q)
{
    sqlite3_finalize(q->list);
    sqlite3_finalize(q->title);
    kh_buf_free(&q->outlets);
}

/* Fill *info from the current row of q->list (valid until the next step). */
static void read_story(story_query *q, kh_story_info *info)
{
    sqlite3_stmt *st = q->list;
    memset(info, 0, sizeof *info);
    info->id = (uint64_t)sqlite3_column_int64(st, 0);
    info->n_articles = (size_t)sqlite3_column_int64(st, 1);
    info->n_outlets = (size_t)sqlite3_column_int64(st, 2);
    info->first_date = (const char *)sqlite3_column_text(st, 3);
    info->last_date = (const char *)sqlite3_column_text(st, 4);
    sorted_list((const char *)sqlite3_column_text(st, 5), &q->outlets);
    info->outlets = q->outlets.data;
    sqlite3_reset(q->title);
    sqlite3_bind_int64(q->title, 1, (sqlite3_int64)info->id);
    if (sqlite3_step(q->title) == SQLITE_ROW)
        info->title = (const char *)sqlite3_column_text(q->title, 0);
}

int kh_db_stories(kh_db *db, const char *since, size_t min_outlets,
                  kh_story_fn fn, void *ctx)
{
    story_query q;
    int rc = story_query_open(db, &q);
    if (rc == KH_OK) {
        sqlite3_bind_null(q.list, 1);
        sqlite3_bind_int64(q.list, 2, (sqlite3_int64)min_outlets);
        if (since)
            sqlite3_bind_text(q.list, 3, since, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(q.list, 3);
    }
    int step = SQLITE_DONE;
    while (rc == KH_OK && (step = sqlite3_step(q.list)) == SQLITE_ROW) {
        kh_story_info info;
        read_story(&q, &info);
        rc = fn(ctx, &info);
    }
    if (rc == KH_OK && step != SQLITE_DONE)
        rc = kh_db_sqlfail(db, "listing stories");
    story_query_close(&q);
    return rc;
}

/* The lead shown beside each article: its first paragraph, cut at a word
 * boundary before max bytes (never inside a UTF-8 sequence). */
static void lead_of(const char *text, size_t max, kh_buf *out)
{
    kh_buf_reset(out);
    if (!text)
        return;
    while (*text == '\n' || *text == ' ')
        text++;
    size_t n = strcspn(text, "\n");
    if (n > max) {
        size_t cut = max;
        while (cut > 0 && text[cut] != ' ')
            cut--;
        if (cut == 0) { /* one long word: back to a character start */
            cut = max;
            while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
                cut--;
        }
        kh_buf_append(out, text, cut);
        kh_buf_puts(out, " …");
        return;
    }
    kh_buf_append(out, text, n);
}

int kh_db_story(kh_db *db, uint64_t story, kh_story_fn head,
                kh_link_article_fn fn, void *ctx)
{
    story_query q;
    int rc = story_query_open(db, &q);
    if (rc != KH_OK) {
        story_query_close(&q);
        return rc;
    }
    sqlite3_bind_int64(q.list, 1, (sqlite3_int64)story);
    sqlite3_bind_int64(q.list, 2, 0);
    sqlite3_bind_null(q.list, 3);
    int step = sqlite3_step(q.list);
    if (step == SQLITE_DONE) {
        story_query_close(&q);
        return kh_db_fail(db, KH_ENOTFOUND, "no story %llu",
                          (unsigned long long)story);
    }
    if (step != SQLITE_ROW) {
        rc = kh_db_sqlfail(db, "reading a story");
        story_query_close(&q);
        return rc;
    }
    kh_story_info info;
    read_story(&q, &info);
    if (head)
        rc = head(ctx, &info);
    sqlite3_stmt *st = NULL;
    if (rc == KH_OK && fn)
        rc = kh_store_prepare(db,
                              "SELECT " KH_LINK_COLUMNS ", a.text"
                              " FROM story_docs sd2"
                              " JOIN articles a ON a.id = sd2.article"
                              KH_LINK_JOINS " WHERE sd2.story = ?1"
                              " ORDER BY s.name, a.date, sd2.seq",
                              &st, "reading a story");
    kh_buf lead = KH_BUF_INIT;
    step = SQLITE_DONE;
    if (st) {
        sqlite3_bind_int64(st, 1, (sqlite3_int64)story);
        while (rc == KH_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
            kh_link_article a;
            kh_store_read_link_article(st, &a);
            lead_of((const char *)sqlite3_column_text(st, 10), 300, &lead);
            a.lead = lead.data;
            rc = fn(ctx, &a);
        }
        if (rc == KH_OK && step != SQLITE_DONE)
            rc = kh_db_sqlfail(db, "reading a story");
    }
    sqlite3_finalize(st);
    kh_buf_free(&lead);
    story_query_close(&q);
    return rc;
}
