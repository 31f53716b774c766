/*
 * article_rows.c - articles in and out of the database: the row-level
 * operations ingest uses (presence checks, insert) and kh_db_get_article.
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "store/db.h"

static int step_done(kh_db *db, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return kh_db_sqlfail(db, what);
    return KH_OK;
}

/* Run a one-parameter existence query. */
static int exists(kh_db *db, enum kh_db_stmt_id id, uint64_t key, int *present)
{
    sqlite3_stmt *st = kh_db_stmt(db, id);
    if (!st)
        return KH_EDB;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)key);
    int rc = sqlite3_step(st);
    *present = rc == SQLITE_ROW;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return kh_db_sqlfail(db, "looking up an article");
    return KH_OK;
}

int kh_db_has_article(kh_db *db, uint64_t id, int *present)
{
    return exists(db, KH_STMT_HAS_ID, id, present);
}

int kh_db_has_content_hash(kh_db *db, uint64_t hash, int *present)
{
    return exists(db, KH_STMT_HAS_HASH, hash, present);
}

/* The id of source `name`, added when new.  *id = 0 for no source. */
static int source_id(kh_db *db, const char *name, int64_t *id)
{
    *id = 0;
    if (!name || !*name)
        return KH_OK;
    sqlite3_stmt *st = kh_db_stmt(db, KH_STMT_SOURCE_GET);
    if (!st)
        return KH_EDB;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return KH_OK;
    if (rc != SQLITE_DONE)
        return kh_db_sqlfail(db, "looking up a source");
    st = kh_db_stmt(db, KH_STMT_SOURCE_ADD);
    if (!st)
        return KH_EDB;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    rc = step_done(db, st, "adding a source");
    if (rc == KH_OK)
        *id = sqlite3_last_insert_rowid(db->sql);
    return rc;
}

/* The removed lines as stored: "reason<TAB>line" joined by newlines.
 * Lines never hold a newline (the cleaner works line by line), and a tab
 * inside a line is harmless: only the first tab separates. */
static void removed_to_text(const kh_article *a, kh_buf *out)
{
    for (size_t i = 0; i < a->n_removed; i++) {
        if (i)
            kh_buf_putc(out, '\n');
        kh_buf_puts(out, a->removed[i].reason ? a->removed[i].reason : "");
        kh_buf_putc(out, '\t');
        const char *line = a->removed[i].line ? a->removed[i].line : "";
        for (const char *p = line; *p; p++)
            kh_buf_putc(out, *p == '\n' ? ' ' : *p);
    }
}

static void bind_opt_text(sqlite3_stmt *st, int col, const char *s)
{
    if (s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

/* The seq of the next article (schema.c says why articles have one). */
static int next_seq(kh_db *db, int64_t *seq)
{
    if (!db->next_seq) {
        sqlite3_stmt *st = kh_db_stmt(db, KH_STMT_NEXT_SEQ);
        if (!st)
            return KH_EDB;
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            db->next_seq = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW)
            return kh_db_sqlfail(db, "numbering an article");
    }
    *seq = db->next_seq;
    return KH_OK;
}

/* Add a new article to the search index (see schema.c on why this is not
 * a trigger), replaying the terms prep computed, when it did. */
static int index_article(kh_db *db, const kh_article *a, int64_t seq,
                         const kh_put_prep *prep)
{
    sqlite3_stmt *st = kh_db_stmt(db, KH_STMT_FTS_PUT);
    if (!st)
        return KH_EDB;
    sqlite3_bind_int64(st, 1, seq);
    bind_opt_text(st, 2, a->title);
    sqlite3_bind_text(st, 3, a->text, -1, SQLITE_STATIC);
    kh_fts_replay *r = &db->replay;
    r->n = 0;
    if (prep) {
        r->text[r->n] = a->text;
        r->len[r->n] = strlen(a->text);
        r->terms[r->n++] = &prep->text_terms;
        if (a->title) {
            r->text[r->n] = a->title;
            r->len[r->n] = strlen(a->title);
            r->terms[r->n++] = &prep->title_terms;
        }
    }
    int rc = step_done(db, st, "indexing an article");
    r->n = 0;
    sqlite3_clear_bindings(st);
    return rc;
}

/* What a prep is of: the text (the page's compression dictionary too),
 * the title, and the page's length (hashing the page as well would cost
 * the writer more than what it guards against). */
static uint64_t prep_key(const kh_article *a)
{
    uint64_t h = kh_hash64(a->text, strlen(a->text), 0x70726570u);
    if (a->title)
        h = kh_hash64(a->title, strlen(a->title), h);
    return h ^ (a->raw ? (uint64_t)a->raw_len + 1 : 0);
}

void kh_put_prep_make(kh_put_prep *p, const kh_article *a,
                      const kh_article_tokens *toks)
{
    memset(p, 0, sizeof *p);
    assert(a->text);
    assert(!toks || toks->has_title == (a->title != NULL));
    size_t text_len = strlen(a->text);
    p->raw_z = kh_raw_compress(a->raw, a->raw_len, a->text, text_len,
                               &p->raw_z_len);
    kh_fts_terms_build(a->text, text_len, toks ? &toks->text : NULL,
                       &p->text_terms);
    if (a->title)
        kh_fts_terms_build(a->title, strlen(a->title),
                           toks ? &toks->title : NULL, &p->title_terms);
    p->made_for = prep_key(a);
    p->ready = 1;
}

void kh_put_prep_free(kh_put_prep *p)
{
    free(p->raw_z);
    kh_buf_free(&p->title_terms);
    kh_buf_free(&p->text_terms);
    memset(p, 0, sizeof *p);
}

int kh_db_put_article(kh_db *db, const kh_article *a, int *added)
{
    return kh_db_put_prepared(db, a, NULL, added);
}

/* prep when it is of a, else NULL: computed again where needed. */
static const kh_put_prep *usable_prep(const kh_article *a,
                                      const kh_put_prep *prep)
{
    if (prep && (!prep->ready || prep->made_for != prep_key(a)))
        return NULL;
    return prep;
}

int kh_db_put_prepared(kh_db *db, const kh_article *a, const kh_put_prep *prep,
                       int *added)
{
    int64_t seq = 0;
    int rc = kh_db_put_row(db, a, prep, added, &seq);
    if (rc == KH_OK && *added)
        rc = kh_db_index_row(db, a, seq, prep);
    return rc;
}

int kh_db_index_row(kh_db *db, const kh_article *a, int64_t seq,
                    const kh_put_prep *prep)
{
    assert(db->in_txn);
    return index_article(db, a, seq, usable_prep(a, prep));
}

int kh_db_put_row(kh_db *db, const kh_article *a, const kh_put_prep *prep,
                  int *added, int64_t *seq_out)
{
    assert(db->in_txn);
    assert(a->text);
    *added = 0;
    *seq_out = 0;
    prep = usable_prep(a, prep);
    int64_t src = 0, seq = 0;
    int rc = source_id(db, a->source, &src);
    if (rc == KH_OK)
        rc = next_seq(db, &seq);
    if (rc != KH_OK)
        return rc;
    sqlite3_stmt *st = kh_db_stmt(db, KH_STMT_ARTICLE_PUT);
    if (!st)
        return KH_EDB;
    kh_buf removed = KH_BUF_INIT;
    removed_to_text(a, &removed);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)a->id);
    if (src)
        sqlite3_bind_int64(st, 2, src);
    bind_opt_text(st, 3, a->url);
    bind_opt_text(st, 4, a->title);
    bind_opt_text(st, 5, a->author);
    bind_opt_text(st, 6, a->date);
    bind_opt_text(st, 7, a->lang);
    sqlite3_bind_text(st, 8, a->text, -1, SQLITE_STATIC);
    if (prep)
        kh_raw_bind_compressed(st, 9, a->raw, a->raw_len, prep->raw_z,
                               prep->raw_z_len);
    else
        kh_raw_bind(st, 9, a->raw, a->raw_len, a->text, strlen(a->text));
    sqlite3_bind_int64(st, 10, (sqlite3_int64)(a->raw ? a->raw_len : 0));
    sqlite3_bind_int(st, 11, (int)a->raw_format);
    if (removed.len)
        sqlite3_bind_text(st, 12, removed.data, (int)removed.len,
                          SQLITE_STATIC);
    sqlite3_bind_int64(st, 13, (sqlite3_int64)a->content_hash);
    bind_opt_text(st, 14, a->origin);
    bind_opt_text(st, 15, a->encoding);
    sqlite3_bind_int64(st, 16, (sqlite3_int64)a->invalid_bytes);
    sqlite3_bind_int64(st, 17, seq);
    rc = step_done(db, st, "storing an article");
    if (rc == KH_OK)
        *added = sqlite3_changes(db->sql) > 0;
    /* Drop the bindings now: they point into memory the caller frees. */
    sqlite3_clear_bindings(st);
    kh_buf_free(&removed);
    if (rc == KH_OK && *added) {
        db->next_seq++;
        *seq_out = seq;
    }
    return rc;
}

/*
 * Removal reasons and encodings read back from a database must outlive it
 * (kh_article holds them as static strings), so they are interned for the
 * life of the process.  There are only a handful of each; past a bound,
 * an unknown one reads back as "other".
 */
#define KH_MAX_INTERNED 64
static char *interned[KH_MAX_INTERNED];
static size_t n_interned;
static pthread_mutex_t interned_lock = PTHREAD_MUTEX_INITIALIZER;

const char *kh_db_intern(const char *s, size_t len)
{
    const char *found = "other";
    pthread_mutex_lock(&interned_lock);
    size_t i = 0;
    for (; i < n_interned; i++)
        if (strlen(interned[i]) == len && memcmp(interned[i], s, len) == 0)
            break;
    if (i < n_interned) {
        found = interned[i];
    } else if (n_interned < KH_MAX_INTERNED) {
        interned[n_interned] = kh_strndup(s, len);
        found = interned[n_interned++];
    }
    pthread_mutex_unlock(&interned_lock);
    return found;
}

static void removed_from_text(const char *s, kh_article *a)
{
    if (!s || !*s)
        return;
    size_t n = 1;
    for (const char *p = s; *p; p++)
        n += *p == '\n';
    a->removed = kh_calloc(n, sizeof *a->removed);
    while (*s) {
        const char *eol = strchr(s, '\n');
        size_t len = eol ? (size_t)(eol - s) : strlen(s);
        const char *tab = memchr(s, '\t', len);
        kh_removed *r = &a->removed[a->n_removed++];
        if (tab) {
            r->reason = kh_db_intern(s, (size_t)(tab - s));
            r->line = kh_strndup(tab + 1, len - (size_t)(tab - s) - 1);
        } else {
            r->reason = kh_db_intern("", 0);
            r->line = kh_strndup(s, len);
        }
        s += len + (eol != NULL);
    }
}

static char *column_dup(sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        return NULL;
    const char *t = (const char *)sqlite3_column_text(st, col);
    return kh_strndup(t, (size_t)sqlite3_column_bytes(st, col));
}

/* Statically known encodings, so kh_article.encoding (a static string)
 * can point at one; others read back as "other". */
static const char *encoding_static(const char *name)
{
    static const char *const known[] = {"utf-8", "windows-1256",
                                        "iso-8859-6", "utf-16le",
                                        "utf-16be", "us-ascii"};
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strcmp(name, known[i]) == 0)
            return known[i];
    return kh_db_intern(name, strlen(name));
}

int kh_db_get_article(kh_db *db, uint64_t id, kh_article *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = kh_db_stmt(db, KH_STMT_ARTICLE_GET);
    if (!st)
        return KH_EDB;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        char hex[17];
        kh_id_to_hex(id, hex);
        return kh_db_fail(db, KH_ENOTFOUND, "no article with id %s", hex);
    }
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return kh_db_sqlfail(db, "reading an article");
    }
    out->id = (uint64_t)sqlite3_column_int64(st, 0);
    out->source = column_dup(st, 1);
    out->url = column_dup(st, 2);
    out->title = column_dup(st, 3);
    out->author = column_dup(st, 4);
    out->date = column_dup(st, 5);
    out->lang = column_dup(st, 6);
    out->text = column_dup(st, 7);
    out->raw_len = (size_t)sqlite3_column_int64(st, 9);
    out->raw_format = (kh_format)sqlite3_column_int(st, 10);
    int raw_rc = kh_raw_load(st, 8, out->raw_len, out->text,
                             out->text ? strlen(out->text) : 0, &out->raw);
    const char *removed = (const char *)sqlite3_column_text(st, 11);
    removed_from_text(removed, out);
    out->content_hash = (uint64_t)sqlite3_column_int64(st, 12);
    out->origin = column_dup(st, 13);
    const char *enc = (const char *)sqlite3_column_text(st, 14);
    out->encoding = encoding_static(enc);
    out->invalid_bytes = (size_t)sqlite3_column_int64(st, 15);
    sqlite3_reset(st);
    if (raw_rc != KH_OK) {
        kh_article_clear(out);
        char hex[17];
        kh_id_to_hex(id, hex);
        return kh_db_fail(db, KH_EDB, "article %s: its stored page is corrupt",
                          hex);
    }
    return KH_OK;
}
