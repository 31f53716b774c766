/*
 * cmd_ingest.c - `khabar ingest`: read, clean, analyse and store articles
 * into a database, with a progress line and a summary.
 */
#include <getopt.h>
#include <jansson.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
        "usage: khabar ingest [options] PATH...\n"
        "\n"
        "Read articles from files, directories, archives (.zip .gz .tar .tgz)\n"
        "or '-' (stdin), remove each outlet's recurring lines, and store them\n"
        "in the database, indexed for search.  Inputs are read twice: once to\n"
        "learn the outlets' recurring lines, once to store.  Articles already\n"
        "in the database are skipped, so re-running after an interruption\n"
        "completes the job.\n"
        "\n"
        "options:\n"
        "  --db FILE          database (default $KHABAR_DB, else khabar.db);\n"
        "                     created when missing\n"
        "  --source NAME      outlet of articles whose input names none\n"
        "  --format F         auto, text, json, jsonl, html or warc (auto)\n"
        "  --field-title F    JSON field of the title (title); likewise\n"
        "  --field-text F     (content), --field-url F (url), --field-date F\n"
        "                     (date_extracted), --field-source F (source),\n"
        "                     --field-author F (author)\n"
        "  --batch N          articles per transaction (1000)\n"
        "  --threads N        threads cleaning and indexing articles, this\n"
        "                     one included (default $KHABAR_THREADS, else\n"
        "                     the number of processors); the database is\n"
        "                     the same whatever N\n"
        "  --all-languages    keep articles whose text is not Arabic\n"
        "  --quiet            no progress line and no message per rejected\n"
        "                     record (they are still counted)\n"
        "  --json             print the summary as one JSON object\n"
        "  -h, --help         this help\n"
        "\n"
        "exit codes: 0 every record stored (or already there), 2 usage,\n"
        "3 some records rejected, 4 database error or locked by another\n"
        "process, 5 stdin could not be spooled\n");
}

typedef struct ingest_ui {
    cli_progress bar;
    const char *pass; /* the pass the bar shows */
    int quiet;
} ingest_ui;

static void on_progress(void *ctx, const char *pass,
                        const kh_ingest_stats *s)
{
    ingest_ui *ui = ctx;
    if (ui->quiet)
        return;
    if (!ui->pass || strcmp(ui->pass, pass) != 0) {
        if (ui->pass)
            cli_progress_end(&ui->bar);
        ui->pass = pass;
        cli_progress_start(&ui->bar,
                           pass[0] == 'l' ? "learning" : "storing");
    }
    cli_progress_update(&ui->bar, s->files, s->read, s->bytes);
}

static void on_error(void *ctx, const kh_read_error *e)
{
    ingest_ui *ui = ctx;
    if (ui->quiet)
        return;
    if (ui->bar.enabled)
        fputs("\r\033[K", stderr); /* clear the progress line first */
    cli_print_read_error(NULL, e);
}

static void print_text(const kh_ingest_stats *s)
{
    printf("read             %llu articles from %llu file%s (%.1f MB)\n",
           (unsigned long long)s->read, (unsigned long long)s->files,
           s->files == 1 ? "" : "s", (double)s->bytes / 1e6);
    printf("added            %llu\n", (unsigned long long)s->added);
    printf("already present  %llu\n", (unsigned long long)s->already_present);
    printf("same text        %llu\n", (unsigned long long)s->same_text);
    printf("rejected         %llu", (unsigned long long)s->rejected);
    const char *sep = " (";
    for (int r = 0; r < KH_REJECT_COUNT; r++) {
        if (!s->rejected_by[r])
            continue;
        printf("%s%s %llu", sep, kh_reject_reason_name(r),
               (unsigned long long)s->rejected_by[r]);
        sep = ", ";
    }
    printf("%s\n", s->rejected ? ")" : "");
    printf("lines removed    %llu\n", (unsigned long long)s->lines_removed);
    if (s->invalid_bytes)
        printf("invalid bytes    %llu (replaced by U+FFFD)\n",
               (unsigned long long)s->invalid_bytes);
    printf("time             %.2f s (%.1f MB/s)\n", s->seconds,
           s->seconds > 0 ? (double)s->bytes / 1e6 / s->seconds : 0.0);
}

static void print_json(const kh_ingest_stats *s)
{
    json_t *by = json_object();
    for (int r = 0; r < KH_REJECT_COUNT; r++)
        json_object_set_new(by, kh_reject_reason_name(r),
                            json_integer((json_int_t)s->rejected_by[r]));
    json_t *o = json_pack(
        "{sI sI sI sI sI sI sI so sI sI sf}", "files", (json_int_t)s->files,
        "bytes", (json_int_t)s->bytes, "read", (json_int_t)s->read, "added",
        (json_int_t)s->added, "already_present",
        (json_int_t)s->already_present, "same_text", (json_int_t)s->same_text,
        "rejected", (json_int_t)s->rejected, "rejected_by", by,
        "invalid_bytes", (json_int_t)s->invalid_bytes, "lines_removed",
        (json_int_t)s->lines_removed, "seconds", s->seconds);
    char *text = json_dumps(o, JSON_COMPACT);
    puts(text);
    free(text);
    json_decref(o);
}

enum { OPT_DB = 256, OPT_SOURCE, OPT_FORMAT, OPT_FIELD_TITLE, OPT_FIELD_TEXT,
       OPT_FIELD_URL, OPT_FIELD_DATE, OPT_FIELD_SOURCE, OPT_FIELD_AUTHOR,
       OPT_BATCH, OPT_THREADS, OPT_ALL_LANGUAGES, OPT_QUIET, OPT_JSON };

static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"source", required_argument, NULL, OPT_SOURCE},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"field-title", required_argument, NULL, OPT_FIELD_TITLE},
    {"field-text", required_argument, NULL, OPT_FIELD_TEXT},
    {"field-url", required_argument, NULL, OPT_FIELD_URL},
    {"field-date", required_argument, NULL, OPT_FIELD_DATE},
    {"field-source", required_argument, NULL, OPT_FIELD_SOURCE},
    {"field-author", required_argument, NULL, OPT_FIELD_AUTHOR},
    {"batch", required_argument, NULL, OPT_BATCH},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"all-languages", no_argument, NULL, OPT_ALL_LANGUAGES},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {"json", no_argument, NULL, OPT_JSON},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/*
 * Large blocks straight from the kernel.  The duplicate and story indexes
 * hold arrays of megabytes that double as they grow and are rebuilt as
 * their windows move; glibc serves such a block from the heap once a
 * freed one has raised its mmap threshold (up to 32 MB), and the heap
 * then keeps the holes: peak RSS grew with the corpus (310 MB at 1x, 360
 * at 2x, bench/scale_corpus.py) while the live data did not.  A fixed
 * threshold (which also turns the raising off) gives each large block its
 * own mapping, handed back whole when freed, and lets realloc move it by
 * remapping: 303 and 321 MB, the same CPU time.  256 KB leaves the many
 * small per-article allocations alone.  Set here, by the program, as it
 * applies to the whole process.
 */
static void large_blocks_mapped(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
}

int cmd_ingest(int argc, char **argv)
{
    if (cli_want_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db_path = cli_default_db();
    kh_ingest_opts o;
    kh_ingest_opts_init(&o);
    ingest_ui ui = {0};
    int json = 0, c;
    long long n;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db_path = optarg; break;
        case OPT_SOURCE: o.read.source = optarg; break;
        case OPT_FORMAT:
            if (kh_format_parse(optarg, &o.read.format) != KH_OK) {
                cli_error("--format: '%s' is not one of auto, text, json, "
                          "jsonl, html, warc", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_FIELD_TITLE: o.read.field_title = optarg; break;
        case OPT_FIELD_TEXT: o.read.field_text = optarg; break;
        case OPT_FIELD_URL: o.read.field_url = optarg; break;
        case OPT_FIELD_DATE: o.read.field_date = optarg; break;
        case OPT_FIELD_SOURCE: o.read.field_source = optarg; break;
        case OPT_FIELD_AUTHOR: o.read.field_author = optarg; break;
        case OPT_BATCH:
            n = cli_parse_count(optarg);
            if (n < 1 || n > 1000000) {
                cli_error("--batch: '%s' is not a number from 1 to 1000000",
                          optarg);
                return EXIT_USAGE;
            }
            o.batch_size = (size_t)n;
            break;
        case OPT_THREADS:
            n = cli_parse_count(optarg);
            if (n < 1 || n > 64) {
                cli_error("--threads: '%s' is not a number from 1 to 64",
                          optarg);
                return EXIT_USAGE;
            }
            o.threads = (unsigned)n;
            break;
        case OPT_ALL_LANGUAGES: o.allow_non_arabic = 1; break;
        case OPT_QUIET: ui.quiet = 1; break;
        case OPT_JSON: json = 1; break;
        default:
            cli_error("ingest: unknown option or missing value: '%s'; see "
                      "'khabar ingest --help'", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("ingest: no input given; see 'khabar ingest --help'");
        return EXIT_USAGE;
    }
    kh_db *db = NULL;
    int code = cli_open_db(db_path, KH_DB_CREATE, &db);
    if (code != EXIT_OK)
        return code;
    o.progress = on_progress;
    o.progress_ctx = &ui;
    kh_ingest_stats stats;
    large_blocks_mapped();
    int rc = kh_ingest(db, (const char *const *)argv + optind,
                       (size_t)(argc - optind), &o, &stats, on_error, &ui);
    if (ui.pass)
        cli_progress_end(&ui.bar);
    if (rc != KH_OK) {
        cli_error("%s: %s", db_path, kh_db_errmsg(db));
        kh_db_close(db);
        return cli_exit_code(rc) == EXIT_IO ? EXIT_IO : EXIT_DB;
    }
    kh_db_close(db);
    if (json)
        print_json(&stats);
    else
        print_text(&stats);
    return stats.rejected ? EXIT_PARTIAL : EXIT_OK;
}
