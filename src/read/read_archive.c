/*
 * read_archive.c - zip, tar (plain or compressed) and single compressed
 * files (.gz, .bz2, .xz) through libarchive.  Each member becomes a stream
 * of its own, dispatched like a file, so archives may hold any format and,
 * one level deep, other archives.
 *
 * Zip bombs: every decompressed byte goes through kh_rd_budget (the total
 * per input, and the compression ratio); when it says stop, the member is
 * reported with KH_ETOOBIG and the rest of that archive skipped.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "common/utf8.h"
#include "read/reader.h"

typedef struct arc {
    kh_rd_file *f;        /* the archive itself                          */
    struct archive *a;
    uint64_t inflated;    /* bytes decompressed from this archive         */
} arc;

/* --- libarchive pulls the archive's bytes from our kh_src --------------- */

static la_ssize_t arc_read(struct archive *a, void *data, const void **buf)
{
    kh_src *s = data;
    size_t got;
    const char *p = kh_src_peek(s, 1, &got);
    if (got == 0) {
        if (s->err) {
            archive_set_error(a, EIO, "%s", s->errmsg);
            return ARCHIVE_FATAL;
        }
        return 0;
    }
    /* The block stays valid until the next peek, which libarchive only
     * causes by calling us again once it is done with this one. */
    kh_src_consume(s, got);
    *buf = p;
    return (la_ssize_t)got;
}

static la_int64_t arc_seek(struct archive *a, void *data, la_int64_t offset,
                           int whence)
{
    (void)a;
    int64_t at = kh_src_reposition(data, offset, whence);
    return at < 0 ? ARCHIVE_FATAL : at;
}

static la_int64_t arc_skip(struct archive *a, void *data, la_int64_t request)
{
    (void)a;
    kh_src *s = data;
    if (!s->seek || request <= 0)
        return 0; /* libarchive then reads and drops the bytes */
    int64_t from = (int64_t)s->offset;
    if (kh_src_reposition(s, request, SEEK_CUR) < 0)
        return 0;
    return (la_int64_t)s->offset - from;
}

/* --- members ------------------------------------------------------------ */

typedef struct member {
    arc *arc;
} member;

static ptrdiff_t member_fill(kh_src *s, char *buf, size_t n)
{
    arc *z = ((member *)s->ctx)->arc;
    la_ssize_t r = archive_read_data(z->a, buf, n);
    if (r < 0) {
        const char *why = archive_error_string(z->a);
        kh_src_fail(s, KH_EPARSE, "cannot decompress: %s",
                    why ? why : "damaged archive");
        return -1;
    }
    if (kh_rd_budget(z->f, s, (uint64_t)r, &z->inflated, z->f->src->pulled))
        return -1;
    return r;
}

/* "__MACOSX/x", ".git/y", "a/.hidden": not inputs ("./a" is). */
static int hidden_member(const char *path)
{
    const char *p = path;
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        int dots = (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' &&
                                               p[1] == '.');
        if ((n > 0 && p[0] == '.' && !dots) ||
            (n == 8 && strncmp(p, "__MACOSX", 8) == 0))
            return 1;
        if (!slash)
            return 0;
        p = slash + 1;
    }
}

/* The name of the single stream inside a compressed file: "a.json.gz" ->
 * "a.json", "a.tgz" -> "a.tar". */
static char *inner_name(const char *name)
{
    static const char *const pairs[][2] = {
        {".tgz", ".tar"}, {".tbz2", ".tar"}, {".txz", ".tar"},
        {".gz", ""},      {".bz2", ""},      {".xz", ""},
        {".zst", ""},
    };
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        size_t k = strlen(pairs[i][0]);
        if (n > k && strcasecmp(name + n - k, pairs[i][0]) == 0) {
            kh_buf b = KH_BUF_INIT;
            kh_buf_append(&b, name, n - k);
            kh_buf_puts(&b, pairs[i][1]);
            return kh_buf_detach(&b);
        }
    }
    return kh_strdup(name);
}

/* What read_member tells the archive loop. */
enum { MEMBER_DONE, MEMBER_STOP_ARCHIVE, MEMBER_STOP_ALL };

/* Read one member; a zip bomb stops the archive, the sink everything. */
static int read_member(arc *z, struct archive_entry *e, int raw)
{
    kh_rd_file *f = z->f;
    const char *name = archive_entry_pathname_utf8(e);
    if (!name)
        name = archive_entry_pathname(e);
    if (!name)
        name = "";
    char *clean = kh_utf8_sanitize(name, strlen(name), NULL, NULL);
    if (!raw && hidden_member(clean)) {
        free(clean);
        return KH_OK;
    }
    kh_buf path = KH_BUF_INIT;
    char *inner = NULL;
    if (raw) {
        /* a compressed single file: it keeps the file's own path */
        inner = inner_name(f->name);
        kh_buf_puts(&path, f->path);
    } else {
        kh_buf_printf(&path, "%s!%s", f->path, clean);
    }
    member m = {z};
    kh_src src;
    kh_src_init(&src, member_fill, &m,
                archive_entry_size_is_set(e)
                    ? (uint64_t)archive_entry_size(e)
                    : 0);
    kh_rd_file mf = *f;
    mf.path = path.data;
    mf.name = raw ? inner : clean;
    mf.src = &src;
    mf.depth = f->depth + 1;
    mf.encoding = NULL;
    mf.stream_invalid = 0;
    int rc = kh_rd_dispatch(&mf);
    /* a member over max_record_bytes is skipped alone (rc KH_ETOOBIG);
     * a decompression budget blown (src.err) ends the whole archive */
    if (rc == KH_ESTOP)
        rc = MEMBER_STOP_ALL;
    else if (src.err == KH_ETOOBIG)
        rc = MEMBER_STOP_ARCHIVE;
    else
        rc = MEMBER_DONE;
    kh_src_release(&src);
    kh_buf_free(&path);
    free(inner);
    free(clean);
    return rc;
}

static struct archive *open_archive(kh_src *s)
{
    struct archive *a = archive_read_new();
    archive_read_support_filter_all(a);
    /* not format_all: libarchive would read a WARC (or an mtree spec) as
     * an archive of its own; those are ours to read */
    archive_read_support_format_zip(a);
    archive_read_support_format_tar(a);
    archive_read_support_format_cpio(a);
    archive_read_support_format_7zip(a);
    archive_read_support_format_rar(a);
    archive_read_support_format_rar5(a);
    archive_read_support_format_raw(a);
    archive_read_set_read_callback(a, arc_read);
    if (s->seek)
        archive_read_set_seek_callback(a, arc_seek);
    archive_read_set_skip_callback(a, arc_skip);
    archive_read_set_callback_data(a, s);
    return a;
}

int kh_rd_archive(kh_rd_file *f)
{
    arc z = {f, open_archive(f->src), 0};
    int rc = KH_OK;
    if (archive_read_open1(z.a) != ARCHIVE_OK) {
        /* an unknown format is not an archive at all (libarchive says so
         * with ARCHIVE_ERRNO_FILE_FORMAT, which is EILSEQ on Linux);
         * anything else is an archive damaged from the start */
        const char *why = archive_error_string(z.a);
        int unknown = archive_errno(z.a) == EILSEQ;
        rc = f->src->err
                 ? KH_OK
                 : kh_rd_fail(f, unknown ? KH_EFORMAT : KH_EPARSE, 0,
                              f->src->offset, "%s: %s",
                              unknown ? "not a readable archive"
                                      : "damaged archive",
                              why ? why : "unknown format");
        archive_read_free(z.a);
        return rc;
    }
    struct archive_entry *e;
    int r;
    while ((r = archive_read_next_header(z.a, &e)) == ARCHIVE_OK ||
           r == ARCHIVE_WARN) {
        int raw = archive_format(z.a) == ARCHIVE_FORMAT_RAW;
        if (raw && archive_filter_count(z.a) <= 1) {
            /* named like an archive, but not compressed nor archived */
            rc = kh_rd_fail(f, KH_EFORMAT, 0, 0,
                            "not an archive nor a compressed file, though "
                            "the name says so");
            break;
        }
        if (archive_entry_filetype(e) != AE_IFREG)
            continue;
        int m = read_member(&z, e, raw);
        if (m != MEMBER_DONE) {
            rc = m == MEMBER_STOP_ALL ? KH_ESTOP : KH_OK;
            r = ARCHIVE_EOF;
            break;
        }
    }
    if (r != ARCHIVE_EOF && rc == KH_OK && !f->src->err) {
        const char *why = archive_error_string(z.a);
        rc = kh_rd_fail(f, KH_EPARSE, 0, f->src->offset,
                        "damaged archive: %s", why ? why : "cannot read on");
    }
    archive_read_free(z.a);
    return rc;
}
