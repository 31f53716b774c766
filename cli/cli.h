/*
 * cli.h - what the khabar subcommands share: exit codes, error printing,
 * option helpers and the progress line.  The CLI uses only the public
 * header khabar.h; anything it needs from the library goes through there.
 */
#ifndef KH_CLI_H
#define KH_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "khabar.h"

/* Exit codes, documented in the README; scripts rely on them. */
enum {
    EXIT_OK = 0,
    EXIT_NO_MATCH = 1,  /* search found nothing, show found no such id      */
    EXIT_USAGE = 2,     /* bad option or argument                           */
    EXIT_PARTIAL = 3,   /* the job finished but some inputs were rejected   */
    EXIT_DB = 4,        /* the database could not be opened or written      */
    EXIT_IO = 5,        /* an input or output could not be read or written  */
    EXIT_INTERNAL = 70  /* a bug                                            */
};

/* One subcommand: name, one-line summary, entry point. */
typedef struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} cli_command;

/* The subcommands (each in cmd_<name>.c). */
int cmd_analyze(int argc, char **argv);
int cmd_clean(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_stats(int argc, char **argv);
/* duplicates and stories */
int cmd_dedup(int argc, char **argv);
int cmd_stories(int argc, char **argv);
int cmd_story(int argc, char **argv);
int cmd_export(int argc, char **argv);

/* cli_error: print "khabar: <message>" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* cli_exit_code: the exit code that fits a library status. */
int cli_exit_code(int status);
/* cli_default_db: $KHABAR_DB, else "khabar.db". */
const char *cli_default_db(void);
/* cli_open_db: open the database or print why not; returns an exit code
 * (EXIT_OK on success). */
int cli_open_db(const char *path, int flags, kh_db **db);
/* cli_want_help: 1 when argv holds -h or --help. */
int cli_want_help(int argc, char **argv);
/* cli_parse_size: parse a non-negative integer option; -1 when invalid. */
long long cli_parse_count(const char *s);
/* cli_read_error: print a reader error as "khabar: path:line: message". */
void cli_print_read_error(void *ctx, const kh_read_error *e);

/* A progress line on stderr, drawn only when stderr is a terminal. */
typedef struct cli_progress {
    int enabled;
    double started, last_draw;
    uint64_t files, articles, bytes;
    const char *what;
} cli_progress;

void cli_progress_start(cli_progress *p, const char *what);
void cli_progress_update(cli_progress *p, uint64_t files, uint64_t articles,
                         uint64_t bytes);
void cli_progress_end(cli_progress *p);
double cli_now(void);

#endif
