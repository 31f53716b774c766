/*
 * cli_util.c - error printing, exit codes and the progress line shared by
 * the subcommands (cli.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("khabar: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_exit_code(int status)
{
    switch (status) {
    case KH_OK: return EXIT_OK;
    case KH_ENOTFOUND: return EXIT_NO_MATCH;
    case KH_EINVAL: return EXIT_USAGE;
    case KH_EDB:
    case KH_EBUSY: return EXIT_DB;
    case KH_EINTERNAL: return EXIT_INTERNAL;
    default: return EXIT_IO;
    }
}

const char *cli_default_db(void)
{
    const char *env = getenv("KHABAR_DB");
    return env && *env ? env : "khabar.db";
}

int cli_open_db(const char *path, int flags, kh_db **db)
{
    int rc = kh_db_open(path, flags, db);
    if (rc == KH_OK)
        return EXIT_OK;
    cli_error("%s: %s", path, *db ? kh_db_errmsg(*db) : kh_strerror(rc));
    kh_db_close(*db);
    *db = NULL;
    return rc == KH_EIO ? EXIT_IO : EXIT_DB;
}

int cli_want_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    }
    return 0;
}

long long cli_parse_count(const char *s)
{
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0)
        return -1;
    return v;
}

void cli_print_read_error(void *ctx, const kh_read_error *e)
{
    (void)ctx;
    if (e->line)
        fprintf(stderr, "khabar: %s:%llu: %s\n", e->path,
                (unsigned long long)e->line, e->message);
    else if (e->offset)
        fprintf(stderr, "khabar: %s: byte %llu: %s\n", e->path,
                (unsigned long long)e->offset, e->message);
    else
        fprintf(stderr, "khabar: %s: %s\n", e->path, e->message);
}

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(cli_progress *p, const char *what)
{
    memset(p, 0, sizeof *p);
    p->enabled = isatty(STDERR_FILENO) && !getenv("KHABAR_NO_PROGRESS");
    p->started = cli_now();
    /* the first draw waits like any other, so it has a time to divide by */
    p->last_draw = p->started;
    p->what = what;
}

/* Below this, a rate says more about the reader's first buffer (a whole
 * archive block at once) than about the speed: none is shown. */
#define CLI_RATE_MIN_SECONDS 1.0

static void draw(cli_progress *p)
{
    double secs = cli_now() - p->started;
    double mb = (double)p->bytes / 1e6;
    fprintf(stderr, "\r\033[K%s: %llu files, %llu articles, %.1f MB",
            p->what, (unsigned long long)p->files,
            (unsigned long long)p->articles, mb);
    if (secs >= CLI_RATE_MIN_SECONDS)
        fprintf(stderr, ", %.1f MB/s", mb / secs);
    fflush(stderr);
}

void cli_progress_update(cli_progress *p, uint64_t files, uint64_t articles,
                         uint64_t bytes)
{
    p->files = files;
    p->articles = articles;
    p->bytes = bytes;
    if (!p->enabled)
        return;
    double now = cli_now();
    if (now - p->last_draw < 0.1)
        return;
    p->last_draw = now;
    draw(p);
}

void cli_progress_end(cli_progress *p)
{
    if (!p->enabled)
        return;
    draw(p);
    fputc('\n', stderr);
}
