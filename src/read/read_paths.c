/*
 * read_paths.c - the entry points kh_read_paths() and kh_read_buffer():
 * turning command-line paths into streams (files, directories walked in
 * byte order of names, stdin) and handing each to the dispatcher.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/alloc.h"
#include "read/reader.h"

static void top_progress(void *pctx, uint64_t pulled, uint64_t size)
{
    kh_rd_progress(pctx, pulled, size);
}

/* Read one stream that is a top-level input (or a file in a walked
 * directory): the decompressed-bytes budget starts afresh for each. */
static int read_stream(kh_rd *rd, kh_src *src, const char *path,
                       const char *name, const char *dir_source)
{
    kh_rd_file f = {0};
    f.rd = rd;
    f.path = path;
    f.name = name;
    f.dir_source = dir_source;
    f.src = src;
    src->on_progress = top_progress;
    src->pctx = &f;
    rd->inflated = 0;
    int rc = kh_rd_dispatch(&f);
    if (rc != KH_ESTOP)
        kh_rd_progress(&f, src->pulled, src->size ? src->size : src->pulled);
    return rc;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int report_path_error(kh_rd *rd, const char *path, int code,
                             const char *fmt, const char *detail)
{
    kh_src none;
    kh_src_memory(&none, "", 0);
    kh_rd_file f = {0};
    f.rd = rd;
    f.path = path;
    f.src = &none;
    kh_rd_fail(&f, code, 0, 0, fmt, detail);
    kh_src_release(&none);
    return code;
}

static int read_file(kh_rd *rd, const char *path, const char *dir_source)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return report_path_error(rd, path, KH_EIO, "cannot open: %s",
                                 strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return report_path_error(rd, path, KH_EIO, "cannot stat: %s",
                                 strerror(e));
    }
    kh_src src;
    int regular = S_ISREG(st.st_mode);
    kh_src_fd(&src, fd, regular ? (uint64_t)st.st_size : 0, regular);
    int rc = read_stream(rd, &src, path, base_name(path), dir_source);
    kh_src_release(&src);
    close(fd);
    return rc;
}

/* The directories being walked, to notice a symbolic link that loops. */
typedef struct walk_stack {
    dev_t dev;
    ino_t ino;
    const struct walk_stack *up;
} walk_stack;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The outlet a directory names: its last path component, looked up with
 * realpath() when the path is "." or ends in "..". */
static char *directory_source(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    char *trimmed = kh_strndup(dir, n);
    const char *name = base_name(trimmed);
    char *out = NULL;
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || !*name) {
        char *real = realpath(trimmed, NULL);
        if (real && strcmp(real, "/") != 0)
            out = kh_strdup(base_name(real));
        free(real);
    } else {
        out = kh_strdup(name);
    }
    free(trimmed);
    return out;
}

static int walk(kh_rd *rd, const char *dir, const walk_stack *up);

static int walk_entry(kh_rd *rd, const char *path, const char *dir_source,
                      const walk_stack *here)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return report_path_error(rd, path, KH_EIO, "cannot stat: %s",
                                 strerror(errno));
    if (S_ISDIR(st.st_mode))
        return walk(rd, path, here);
    if (S_ISREG(st.st_mode))
        return read_file(rd, path, dir_source);
    return KH_OK; /* sockets, devices, fifos found by walking: not inputs */
}

static int walk(kh_rd *rd, const char *dir, const walk_stack *up)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return report_path_error(rd, dir, KH_EIO, "cannot stat: %s",
                                 strerror(errno));
    for (const walk_stack *w = up; w; w = w->up)
        if (w->dev == st.st_dev && w->ino == st.st_ino)
            return report_path_error(rd, dir, KH_EIO, "%s",
                                     "directory loop (a symbolic link to "
                                     "a directory above): not read again");
    walk_stack here = {st.st_dev, st.st_ino, up};
    DIR *d = opendir(dir);
    if (!d)
        return report_path_error(rd, dir, KH_EIO, "cannot read directory: %s",
                                 strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') /* hidden, and . and .. */
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = kh_realloc(names, cap * sizeof *names);
        }
        names[n++] = kh_strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    char *source = directory_source(dir);
    size_t dir_len = strlen(dir);
    int slash = dir_len > 0 && dir[dir_len - 1] == '/';
    int rc = KH_OK;
    for (size_t i = 0; i < n; i++) {
        if (rc != KH_ESTOP) {
            char *path = kh_malloc(dir_len + strlen(names[i]) + 2);
            strcpy(path, dir);
            if (!slash)
                strcat(path, "/");
            strcat(path, names[i]);
            if (walk_entry(rd, path, source, &here) == KH_ESTOP)
                rc = KH_ESTOP;
            free(path);
        }
        free(names[i]);
    }
    free(names);
    free(source);
    return rc;
}

static int read_stdin(kh_rd *rd)
{
    struct stat st;
    int regular = fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode);
    kh_src src;
    kh_src_fd(&src, STDIN_FILENO, regular ? (uint64_t)st.st_size : 0,
              regular);
    int rc = read_stream(rd, &src, "<stdin>", "", NULL);
    kh_src_release(&src);
    return rc;
}

static int read_path(kh_rd *rd, const char *path)
{
    if (strcmp(path, "-") == 0)
        return read_stdin(rd);
    struct stat st;
    if (stat(path, &st) != 0)
        return report_path_error(rd, path, KH_EIO, "cannot open: %s",
                                 strerror(errno));
    if (S_ISDIR(st.st_mode))
        return walk(rd, path, NULL);
    return read_file(rd, path, NULL);
}

int kh_read_paths(const char *const *paths, size_t n_paths,
                  const kh_read_opts *opts, const kh_read_sink *sink)
{
    kh_rd rd;
    kh_rd_init(&rd, opts, sink);
    for (size_t i = 0; i < n_paths && !rd.stopped; i++)
        read_path(&rd, paths[i]);
    return kh_rd_finish(&rd);
}

int kh_read_buffer(const char *name, const void *data, size_t len,
                   const kh_read_opts *opts, const kh_read_sink *sink)
{
    kh_rd rd;
    kh_rd_init(&rd, opts, sink);
    kh_src src;
    kh_src_memory(&src, data ? data : "", data ? len : 0);
    const char *display = name && *name ? name : "<buffer>";
    read_stream(&rd, &src, display, base_name(display), NULL);
    kh_src_release(&src);
    return kh_rd_finish(&rd);
}
