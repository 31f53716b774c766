/*
 * spool.c - stdin copied to a temporary file, because ingest reads its
 * inputs twice (learn, then store) and a pipe can be read only once.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/alloc.h"
#include "ingest/ingest.h"

static int copy_all(int from, int to)
{
    char buf[1 << 16];
    for (;;) {
        ssize_t n = read(from, buf, sizeof buf);
        if (n == 0)
            return 0;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(to, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                return -1;
            off += w;
        }
    }
}

/* The name under which the spool stays readable once unlinked, so that
 * nothing is left in TMPDIR even when the process is killed (Linux's
 * /proc); NULL where there is no such name. */
static char *unlinked_name(int fd)
{
    char name[64];
    snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
    return access(name, R_OK) == 0 ? kh_strdup(name) : NULL;
}

int ingest_spool_stdin(char **path, kh_buf *err)
{
    *path = NULL;
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    kh_buf name = KH_BUF_INIT;
    kh_buf_printf(&name, "%s/khabar-stdin-XXXXXX", dir);
    int fd = mkstemp(name.data);
    if (fd < 0) {
        kh_buf_printf(err, "cannot spool stdin to %s: %s", dir,
                      strerror(errno));
        kh_buf_free(&name);
        return KH_EIO;
    }
    if (copy_all(STDIN_FILENO, fd) != 0) {
        kh_buf_printf(err, "cannot spool stdin to %s: %s", name.data,
                      strerror(errno));
        close(fd);
        unlink(name.data);
        kh_buf_free(&name);
        return KH_EIO;
    }
    char *proc = unlinked_name(fd);
    if (proc) {
        unlink(name.data); /* fd keeps it; ingest_spool_remove closes fd */
        kh_buf_free(&name);
        *path = proc;
    } else {
        close(fd);
        *path = kh_buf_detach(&name);
    }
    return KH_OK;
}

void ingest_spool_remove(char *path)
{
    if (!path)
        return;
    int fd;
    if (sscanf(path, "/proc/self/fd/%d", &fd) == 1)
        close(fd);
    else
        unlink(path);
    free(path);
}
