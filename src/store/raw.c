/*
 * raw.c - how the page as read is kept: plain TEXT when small, otherwise a
 * zlib stream in a BLOB, compressed against the article's clean text.
 * Pages are read back only by `khabar show --raw`, so they may cost a
 * little CPU on the way in and as little disk as possible.
 *
 * Most of a page is its clean text (the cleaner only drops lines), so the
 * clean text is given to zlib as a preset dictionary: the page then
 * compresses to little more than its chrome lines and the references to
 * the text.  The zlib header says when a dictionary was used (FDICT), so
 * reading needs no flag of its own.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "common/alloc.h"
#include "store/db.h"

/* Below this, zlib's header and its setup cost more than they save. */
#define KH_RAW_MIN_COMPRESS 256
/* zlib level 1: on SaudiNewsNet it compresses pages against their text
 * about as well as level 6, at a fraction of the time. */
#define KH_RAW_LEVEL 1
/* deflate looks back this far, so only the end of a longer dictionary
 * could ever be used. */
#define KH_ZLIB_WINDOW 32768

static void dict_tail(const char *dict, size_t dict_len, const Bytef **p,
                      uInt *n)
{
    if (dict_len > KH_ZLIB_WINDOW) {
        dict += dict_len - KH_ZLIB_WINDOW;
        dict_len = KH_ZLIB_WINDOW;
    }
    *p = (const Bytef *)dict;
    *n = (uInt)dict_len;
}

/*
 * The calling thread's deflate stream, ready for a new page.  Setting one
 * up allocates and clears a few hundred kilobytes of window and hash
 * tables, more work than deflating a short page at level 1, so each
 * thread keeps its stream for its life (ingest's workers never stop) and
 * resets it: deflateReset gives the same output as a new stream.
 */
static z_stream *thread_stream(void)
{
    static _Thread_local z_stream z;
    static _Thread_local int ready;
    if (ready)
        return deflateReset(&z) == Z_OK ? &z : NULL;
    memset(&z, 0, sizeof z);
    if (deflateInit(&z, KH_RAW_LEVEL) != Z_OK)
        return NULL;
    ready = 1;
    return &z;
}

/* Deflate raw against dict into a malloc'd buffer; NULL when it fails or
 * does not pay. */
static unsigned char *compress_page(const char *raw, size_t len,
                                    const char *dict, size_t dict_len,
                                    size_t *out_len)
{
    z_stream *z = thread_stream();
    if (!z)
        return NULL;
    if (dict && dict_len) {
        const Bytef *d;
        uInt n;
        dict_tail(dict, dict_len, &d, &n);
        deflateSetDictionary(z, d, n);
    }
    size_t cap = deflateBound(z, (uLong)len);
    unsigned char *out = kh_malloc(cap);
    z->next_in = (Bytef *)raw;
    z->avail_in = (uInt)len;
    z->next_out = out;
    z->avail_out = (uInt)cap;
    int rc = deflate(z, Z_FINISH);
    *out_len = z->total_out;
    /* nothing points into the caller's memory once the page is done */
    z->next_in = NULL;
    z->next_out = NULL;
    if (rc != Z_STREAM_END || *out_len >= len - len / 10) {
        free(out);
        return NULL;
    }
    return out;
}

unsigned char *kh_raw_compress(const char *raw, size_t len, const char *dict,
                               size_t dict_len, size_t *z_len)
{
    *z_len = 0;
    if (!raw || len < KH_RAW_MIN_COMPRESS || len >= UINT32_MAX)
        return NULL;
    return compress_page(raw, len, dict, dict_len, z_len);
}

int kh_raw_bind_compressed(sqlite3_stmt *st, int col, const char *raw,
                           size_t len, const unsigned char *z, size_t z_len)
{
    if (!raw)
        return sqlite3_bind_null(st, col);
    if (z)
        return sqlite3_bind_blob64(st, col, z, z_len, SQLITE_STATIC);
    return sqlite3_bind_text64(st, col, raw, len, SQLITE_STATIC,
                               SQLITE_UTF8);
}

int kh_raw_bind(sqlite3_stmt *st, int col, const char *raw, size_t len,
                const char *dict, size_t dict_len)
{
    if (!raw)
        return sqlite3_bind_null(st, col);
    size_t zlen;
    unsigned char *z = kh_raw_compress(raw, len, dict, dict_len, &zlen);
    if (z)
        return sqlite3_bind_blob64(st, col, z, zlen, free);
    return sqlite3_bind_text64(st, col, raw, len, SQLITE_STATIC,
                               SQLITE_UTF8);
}

static int inflate_page(const void *zdata, size_t zlen, const char *dict,
                        size_t dict_len, char *out, size_t raw_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK)
        return -1;
    z.next_in = (Bytef *)zdata;
    z.avail_in = (uInt)zlen;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)raw_len;
    int rc = inflate(&z, Z_FINISH);
    if (rc == Z_NEED_DICT && dict) {
        const Bytef *d;
        uInt n;
        dict_tail(dict, dict_len, &d, &n);
        if (inflateSetDictionary(&z, d, n) == Z_OK)
            rc = inflate(&z, Z_FINISH);
    }
    int ok = rc == Z_STREAM_END && z.total_out == raw_len;
    inflateEnd(&z);
    return ok ? 0 : -1;
}

int kh_raw_load(sqlite3_stmt *st, int col, size_t raw_len, const char *dict,
                size_t dict_len, char **out)
{
    *out = NULL;
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_NULL:
        return KH_OK;
    case SQLITE_BLOB: {
        const void *z = sqlite3_column_blob(st, col);
        size_t zlen = (size_t)sqlite3_column_bytes(st, col);
        char *page = kh_malloc(raw_len + 1);
        if (inflate_page(z, zlen, dict, dict_len, page, raw_len) != 0) {
            free(page);
            return KH_EDB;
        }
        page[raw_len] = '\0';
        *out = page;
        return KH_OK;
    }
    default: {
        const char *t = (const char *)sqlite3_column_text(st, col);
        *out = kh_strndup(t, (size_t)sqlite3_column_bytes(st, col));
        return KH_OK;
    }
    }
}
