/*
 * test_read_paths.c - what kh_read_paths() makes of its paths: directories
 * walked in byte order with hidden entries skipped, the outlet taken from
 * the directory, stdin (a file and a pipe), missing and unreadable paths,
 * and symbolic link loops.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kh_test.h"
#include "read_collect.h"

static void test_walk_fixtures(void)
{
    char *dir = kh_test_env_path("KH_FIXTURES", "read/corpus");
    KH_CHECK(dir != NULL);
    if (!dir)
        return;
    collect c = {0};
    const char *paths[] = {dir};
    KH_CHECK_INT(collect_paths(&c, paths, 1, NULL), KH_OK);
    KH_CHECK_INT(c.n, 3); /* .hidden.txt and okaz/.cache/ skipped */
    KH_CHECK_INT(c.ne, 0);
    if (c.n == 3) {
        KH_CHECK(strstr(c.a[0].origin, "corpus/alriyadh/001-rain.txt"));
        KH_CHECK(strstr(c.a[1].origin, "corpus/alriyadh/002-market.txt"));
        KH_CHECK(strstr(c.a[2].origin, "corpus/okaz/story.txt"));
        KH_CHECK_STR(c.a[0].source, "alriyadh");
        KH_CHECK_STR(c.a[2].source, "okaz");
        KH_CHECK(strncmp(c.a[0].raw, "أمطار غزيرة", 10) == 0);
    }
    collect_free(&c);
    /* the caller's source wins over the directory's name */
    kh_read_opts o;
    kh_read_opts_init(&o);
    o.source = "spa";
    KH_CHECK_INT(collect_paths(&c, paths, 1, &o), KH_OK);
    KH_CHECK(c.n == 3 && strcmp(c.a[2].source, "spa") == 0);
    collect_free(&c);
    free(dir);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
}

/* A scratch tree: root/{b.txt, a.txt, Z.txt, sub/c.txt, loop -> root,
 * empty.txt} plus a missing path around it. */
static void test_walk_scratch(void)
{
    char root[] = "/tmp/kh_read_walkXXXXXX";
    if (!mkdtemp(root)) {
        KH_CHECK(0);
        return;
    }
    char p[256];
    snprintf(p, sizeof p, "%s/b.txt", root);
    write_file(p, "باء\n");
    snprintf(p, sizeof p, "%s/a.txt", root);
    write_file(p, "ألف\n");
    snprintf(p, sizeof p, "%s/Z.txt", root);
    write_file(p, "زاي\n");
    snprintf(p, sizeof p, "%s/empty.txt", root);
    write_file(p, "");
    snprintf(p, sizeof p, "%s/sub", root);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/sub/c.txt", root);
    write_file(p, "جيم\n");
    snprintf(p, sizeof p, "%s/sub/loop", root);
    KH_CHECK(symlink(root, p) == 0);

    collect c = {0};
    c.quiet = 1;
    const char *paths[] = {"/nonexistent/kh-read-test", root};
    /* the last input that failed is the loop, after empty.txt */
    KH_CHECK_INT(collect_paths(&c, paths, 2, NULL), KH_EIO);
    KH_CHECK_INT(c.n, 4);
    if (c.n == 4) { /* byte order: "Z" < "a" < "b" < "sub" */
        KH_CHECK_STR(c.a[0].raw, "زاي\n");
        KH_CHECK_STR(c.a[1].raw, "ألف\n");
        KH_CHECK_STR(c.a[2].raw, "باء\n");
        KH_CHECK_STR(c.a[3].raw, "جيم\n");
        KH_CHECK_STR(c.a[3].source, "sub");
        /* a file at the top of the walked directory: its name */
        KH_CHECK_STR(c.a[0].source, strrchr(root, '/') + 1);
    }
    const got_error *e = collect_find(&c, KH_EIO);
    KH_CHECK(e != NULL && strcmp(e->path, "/nonexistent/kh-read-test") == 0);
    KH_CHECK(e != NULL && strstr(e->message, "No such file") != NULL);
    e = collect_find(&c, KH_EEMPTY);
    KH_CHECK(e != NULL && strstr(e->path, "empty.txt") != NULL);
    int loops = 0;
    for (size_t i = 0; i < c.ne; i++)
        loops += strstr(c.e[i].message, "loop") != NULL;
    KH_CHECK_INT(loops, 1);
    collect_free(&c);

    /* an unreadable directory (only testable when not root) */
    snprintf(p, sizeof p, "%s/sub", root);
    if (geteuid() != 0) {
        chmod(p, 0);
        const char *one[] = {p};
        KH_CHECK_INT(collect_paths(&c, one, 1, NULL), KH_EIO);
        KH_CHECK(c.ne == 1 && strstr(c.e[0].message, "cannot read"));
        collect_free(&c);
        chmod(p, 0755);
    } else {
        fprintf(stderr, "  unreadable directory: not checked as root\n");
    }
    snprintf(p, sizeof p, "rm -rf '%s'", root);
    KH_CHECK(system(p) == 0);
}

/* Point stdin at fd for the duration of one read of "-". */
static int read_stdin_from(collect *c, int fd)
{
    int saved = dup(STDIN_FILENO);
    dup2(fd, STDIN_FILENO);
    close(fd);
    const char *paths[] = {"-"};
    int rc = collect_paths(c, paths, 1, NULL);
    dup2(saved, STDIN_FILENO);
    close(saved);
    return rc;
}

static void test_stdin(void)
{
    const char jl[] = "{\"title\": \"أ\", \"content\": \"نص\"}\n"
                      "{\"title\": \"ب\", \"content\": \"نص\"}\n";
    int fds[2];
    KH_CHECK(pipe(fds) == 0);
    KH_CHECK(write(fds[1], jl, sizeof jl - 1) == (ssize_t)(sizeof jl - 1));
    close(fds[1]);
    collect c = {0};
    KH_CHECK_INT(read_stdin_from(&c, fds[0]), KH_OK);
    KH_CHECK_INT(c.n, 2);
    KH_CHECK(c.n == 2 && strcmp(c.a[1].origin, "<stdin>:2") == 0);
    collect_free(&c);

    /* a regular file on stdin */
    char tmpl[] = "/tmp/kh_read_stdinXXXXXX";
    int fd = mkstemp(tmpl);
    KH_CHECK(fd >= 0);
    if (fd < 0)
        return;
    KH_CHECK(write(fd, "نص عادي\n", 14) == 14);
    lseek(fd, 0, SEEK_SET);
    KH_CHECK_INT(read_stdin_from(&c, fd), KH_OK);
    KH_CHECK(c.n == 1 && c.a[0].format == KH_FORMAT_TEXT);
    KH_CHECK_INT(c.last_total, 14);
    collect_free(&c);
    remove(tmpl);
}

int main(void)
{
    KH_RUN(test_walk_fixtures);
    KH_RUN(test_walk_scratch);
    KH_RUN(test_stdin);
    return kh_test_report();
}
