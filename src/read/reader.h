/*
 * reader.h - what the format readers (text, JSON, JSONL, HTML, WARC)
 * share: the state of one kh_read_paths()/kh_read_buffer() call, the file
 * being read, and the two ways out of a reader (an article, an error).
 *
 * A format reader gets a kh_rd_file: its display path, the source its name
 * gives (if found by walking a directory) and a kh_src positioned at the
 * first byte (after a UTF-16 BOM has been decoded away, when there was one).
 * It emits articles with kh_rd_emit() and bad records with kh_rd_error(),
 * and returns KH_OK, KH_ESTOP (the sink stopped: unwind at once) or the code
 * of a failure that made the whole file unreadable (reported with
 * kh_rd_fail() first).
 */
#ifndef KH_READ_READER_H
#define KH_READ_READER_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "khabar.h"
#include "read/source.h"

/* One kh_read_paths() or kh_read_buffer() call. */
typedef struct kh_rd {
    kh_read_opts opts; /* with every default filled in                     */
    const kh_read_sink *sink;
    int stopped;       /* the sink asked to stop                            */
    int last_error;    /* code of the last input that could not be read     */
    uint64_t inflated; /* decompressed bytes of the current top-level input */
    kh_buf msg;        /* scratch for error messages                        */
} kh_rd;

/* One file (or archive member, or stdin) being read. */
typedef struct kh_rd_file {
    kh_rd *rd;
    const char *path;       /* display path: "dir/a.zip!b.json"             */
    const char *name;       /* name used to guess the format (member name)  */
    const char *dir_source; /* outlet named by the walked directory, or NULL */
    kh_src *src;
    int depth;              /* 0 for a file, 1 inside an archive, ...       */
    const char *encoding;   /* set when the stream was converted (utf-16)   */
    size_t stream_invalid;  /* bytes replaced while converting the stream,
                               not yet attributed to an article             */
} kh_rd_file;

/* kh_rd_init: start a call (opts NULL = defaults; zero limits get their
 * defaults).  kh_rd_finish: free its scratch and return what the call
 * returns: KH_ESTOP, the code of the last unreadable input, or KH_OK. */
void kh_rd_init(kh_rd *rd, const kh_read_opts *opts, const kh_read_sink *sink);
int kh_rd_finish(kh_rd *rd);

/* kh_rd_emit: fill what the reader could not know (source from the options
 * or the directory, id from the URL, origin, encoding), hand the article to
 * the sink and clear it.  Returns KH_OK, or KH_ESTOP when the sink asked to
 * stop (the reader must then return KH_ESTOP). */
int kh_rd_emit(kh_rd_file *f, kh_article *a);

/* kh_rd_error: report one bad record; reading goes on.  line is 1-based (0
 * when unknown), offset a byte offset in the stream. */
void kh_rd_error(kh_rd_file *f, int code, uint64_t line, uint64_t offset,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* kh_rd_fail: report that the file as a whole could not be read; returns
 * code so readers can `return kh_rd_fail(...)`. */
int kh_rd_fail(kh_rd_file *f, int code, uint64_t line, uint64_t offset,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* kh_rd_stream_failed: the code with which the source itself failed (I/O
 * error, decompression error, zip bomb), 0 for a clean end.  The failure is
 * reported by the caller of the format reader; a reader that sees its
 * source end early should not report a truncated record on top of it. */
int kh_rd_stream_failed(const kh_rd_file *f);

/* kh_rd_budget: count n freshly decompressed bytes, pulled by source s,
 * against the input's opts.max_total_bytes and against the compression
 * ratio (*inflated: the caller's count for this stream, packed: the
 * compressed bytes it has read).  Returns KH_OK, or KH_ETOOBIG after
 * kh_src_fail(s, ...): the caller's fill then returns -1. */
int kh_rd_budget(kh_rd_file *f, kh_src *s, uint64_t n, uint64_t *inflated,
                 uint64_t packed);

/* kh_rd_is_space: ASCII white space (space, \t, \n, \r, \f, \v). */
static inline int kh_rd_is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* kh_rd_bom: 3 when p starts with a UTF-8 byte order mark, else 0. */
static inline size_t kh_rd_bom(const char *p, size_t n)
{
    return n >= 3 && (unsigned char)p[0] == 0xEF &&
                   (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF
               ? 3
               : 0;
}

/* kh_rd_blank: 1 when p holds nothing but white space (and a BOM). */
int kh_rd_blank(const char *p, size_t n);

/* kh_rd_is_binary: 1 when bytes look binary (a NUL, or many control
 * bytes) rather than text in an ASCII-compatible encoding. */
int kh_rd_is_binary(const char *bytes, size_t len);

/* kh_rd_looks_html: 1 when text starting with '<' has HTML tags in it. */
int kh_rd_looks_html(const char *bytes, size_t len);

/* kh_rd_trim_dup: a malloc'd copy of s without surrounding white space,
 * NULL when nothing is left. */
char *kh_rd_trim_dup(const char *s, size_t len);

/* Format readers (read_text.c, read_json.c, read_jsonl.c). */
int kh_rd_read_page(kh_rd_file *f, kh_format format);
int kh_rd_read_json(kh_rd_file *f);
int kh_rd_read_jsonl(kh_rd_file *f);

/* kh_rd_dispatch: read one stream: an archive (opened and walked), or a
 * file in some format (sniffed when opts.format is AUTO).  Used for
 * top-level inputs and archive members alike.  Reports its own errors;
 * returns KH_OK, KH_ESTOP or the code of the failure. */
int kh_rd_dispatch(kh_rd_file *f);

/* kh_rd_archive: walk the members of the archive in f (read_archive.c). */
int kh_rd_archive(kh_rd_file *f);

/* kh_rd_is_archive: 1 when the name or the first bytes say archive. */
int kh_rd_is_archive(const char *name, const char *head, size_t n);

/* kh_rd_progress: tell the sink how far a top-level input has got. */
void kh_rd_progress(kh_rd_file *f, uint64_t done, uint64_t total);

#endif
