/*
 * cmd_clean.c - `khabar clean`: read articles, learn each outlet's recurring
 * lines, clean every article and print it as one JSON object per line.  No
 * database; the inputs are read twice (learn, then clean).
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_json.h"

static void usage(FILE *out)
{
    fprintf(out,
        "usage: khabar clean [options] PATH...\n"
        "\n"
        "Read articles from files, directories, archives (.zip .gz .tar .tgz)\n"
        "or '-' (stdin), remove navigation, captions, \"read also\" blocks,\n"
        "comments, share and subscribe footers, ad markers and each outlet's\n"
        "recurring lines, and print every article as one JSON object per line:\n"
        "  {\"id\", \"source\", \"url\", \"title\", \"author\", \"date\", \"lang\",\n"
        "   \"text\", \"removed\": [{\"line\", \"reason\"}]}\n"
        "(null for missing metadata; \"text\" holds the body paragraphs joined\n"
        "by newlines).  Inputs are read twice: first to learn the lines that\n"
        "recur across an outlet's articles, then to clean.\n"
        "\n"
        "options:\n"
        "  --format F         auto, text, json, jsonl, html or warc (auto)\n"
        "  --source NAME      outlet of articles whose input names none\n"
        "  --field-title F    JSON field of the title (title); likewise\n"
        "  --field-text F     (content), --field-url F (url), --field-date F\n"
        "                     (date_extracted), --field-source F (source),\n"
        "                     --field-author F (author)\n"
        "  --no-learn         one pass, without learning recurring lines\n"
        "  --pretty           indent the JSON (one object per several lines)\n"
        "  -h, --help         this help\n"
        "\n"
        "Unreadable records and articles with nothing left after cleaning are\n"
        "reported on stderr and skipped.\n"
        "\n"
        "exit codes: 0 every article printed, 2 usage, 3 some records or\n"
        "articles rejected, 5 no input could be read or stdout failed\n"
        "\n"
        "example:\n"
        "  khabar clean --source sana page.txt\n"
        "  khabar clean data/2015-07-21.zip | jq -r .text\n");
}

typedef struct clean_run {
    kh_chrome *model;      /* NULL with --no-learn                         */
    int pretty;
    const char *spool;     /* temp file holding stdin, or NULL             */
    uint64_t printed, rejected, read_errors;
    cli_progress bar;
    char *last_path;       /* the file the progress line counts            */
} clean_run;

/* --- stdin ------------------------------------------------------------------ */

/* Copy stdin into a temp file: it is read twice.  Returns the malloc'd
 * path, or NULL (with the reason printed). */
static char *spool_stdin(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    size_t n = strlen(dir) + 32;
    char *path = malloc(n);
    if (!path)
        abort();
    snprintf(path, n, "%s/khabar-clean-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        cli_error("cannot spool stdin into %s: %s", dir, strerror(errno));
        free(path);
        return NULL;
    }
    FILE *out = fdopen(fd, "wb");
    char buf[1 << 16];
    size_t r;
    int ok = out != NULL;
    while (ok && (r = fread(buf, 1, sizeof buf, stdin)) > 0)
        ok = fwrite(buf, 1, r, out) == r;
    ok = ok && !ferror(stdin);
    if (out ? fclose(out) != 0 : close(fd) != 0)
        ok = 0;
    if (!ok) {
        cli_error("cannot spool stdin into %s: %s", path, strerror(errno));
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

/* --- JSON output ------------------------------------------------------------- */

static int print_article(clean_run *run, const kh_article *a)
{
    char hex[17];
    kh_id_to_hex(a->id, hex);
    json_t *removed = json_array();
    for (size_t i = 0; i < a->n_removed; i++)
        json_array_append_new(removed,
                              json_pack("{s o s s}", "line",
                                        cli_json_string(a->removed[i].line), "reason",
                                        a->removed[i].reason));
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(hex));
    json_object_set_new(o, "source", cli_json_string(a->source));
    json_object_set_new(o, "url", cli_json_string(a->url));
    json_object_set_new(o, "title", cli_json_string(a->title));
    json_object_set_new(o, "author", cli_json_string(a->author));
    json_object_set_new(o, "date", cli_json_string(a->date));
    json_object_set_new(o, "lang", cli_json_string(a->lang));
    json_object_set_new(o, "text", cli_json_string(a->text));
    json_object_set_new(o, "removed", removed);
    size_t flags = run->pretty ? JSON_INDENT(2) : JSON_COMPACT;
    int rc = json_dumpf(o, stdout, flags);
    json_decref(o);
    if (rc != 0 || putchar('\n') == EOF)
        return -1;
    run->printed++;
    return 0;
}

/* --- reader callbacks -------------------------------------------------------- */

static void report(clean_run *run, const kh_read_error *e)
{
    kh_read_error shown = *e;
    char *renamed = NULL;
    size_t sl = run->spool ? strlen(run->spool) : 0;
    if (sl && e->path && strncmp(e->path, run->spool, sl) == 0) {
        /* name stdin as the user did, not by its temp file */
        size_t n = strlen(e->path) - sl + 2;
        renamed = malloc(n);
        if (!renamed)
            abort();
        snprintf(renamed, n, "-%s", e->path + sl);
        shown.path = renamed;
    }
    if (run->bar.enabled)
        fputs("\r\033[K", stderr);
    cli_print_read_error(NULL, &shown);
    free(renamed);
}

static void on_error_quiet(void *ctx, const kh_read_error *e)
{
    (void)ctx;
    (void)e; /* the clean pass reads the same inputs and reports it */
}

static void on_error(void *ctx, const kh_read_error *e)
{
    clean_run *run = ctx;
    run->read_errors++;
    report(run, e);
}

static void on_progress(void *ctx, const char *path, uint64_t done,
                        uint64_t total)
{
    clean_run *run = ctx;
    (void)total;
    if (path && (!run->last_path || strcmp(run->last_path, path) != 0)) {
        free(run->last_path);
        run->last_path = strdup(path);
        run->bar.files++;
    }
    cli_progress_update(&run->bar, run->bar.files, run->bar.articles, done);
}

static int on_learn(void *ctx, kh_article *a)
{
    clean_run *run = ctx;
    kh_chrome_observe(run->model, a);
    cli_progress_update(&run->bar, run->bar.files, run->bar.articles + 1,
                        run->bar.bytes);
    return 0;
}

static int on_clean(void *ctx, kh_article *a)
{
    clean_run *run = ctx;
    cli_progress_update(&run->bar, run->bar.files, run->bar.articles + 1,
                        run->bar.bytes);
    int rc = kh_clean_article(a, run->model);
    if (rc != KH_OK) {
        run->rejected++;
        char msg[96];
        if (a->n_removed)
            snprintf(msg, sizeof msg,
                     "nothing is left after removing %zu chrome line%s",
                     a->n_removed, a->n_removed == 1 ? "" : "s");
        else
            snprintf(msg, sizeof msg, "the article has no text");
        kh_read_error e = {
            .path = a->origin ? a->origin : a->url ? a->url : "(input)",
            .code = rc,
            .message = msg,
        };
        report(run, &e);
        return 0;
    }
    return print_article(run, a) == 0 ? 0 : 1;
}

/* --- options ----------------------------------------------------------------- */

enum {
    OPT_FORMAT = 256, OPT_SOURCE, OPT_NO_LEARN, OPT_PRETTY, OPT_F_SOURCE,
    OPT_F_URL, OPT_F_DATE, OPT_F_TITLE, OPT_F_AUTHOR, OPT_F_TEXT
};

static const struct option options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"source", required_argument, NULL, OPT_SOURCE},
    {"no-learn", no_argument, NULL, OPT_NO_LEARN},
    {"pretty", no_argument, NULL, OPT_PRETTY},
    {"field-source", required_argument, NULL, OPT_F_SOURCE},
    {"field-url", required_argument, NULL, OPT_F_URL},
    {"field-date", required_argument, NULL, OPT_F_DATE},
    {"field-title", required_argument, NULL, OPT_F_TITLE},
    {"field-author", required_argument, NULL, OPT_F_AUTHOR},
    {"field-text", required_argument, NULL, OPT_F_TEXT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Parse options into ro/learn/pretty; returns EXIT_OK, or the exit code
 * to stop with (-1 for a help request). */
static int parse_options(int argc, char **argv, kh_read_opts *ro, int *learn,
                         int *pretty)
{
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (c) {
        case 'h': return -1;
        case OPT_FORMAT:
            if (kh_format_parse(optarg, &ro->format) != KH_OK) {
                cli_error("clean: --format %s: use auto, text, json, jsonl, "
                          "html or warc", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_SOURCE: ro->source = optarg; break;
        case OPT_NO_LEARN: *learn = 0; break;
        case OPT_PRETTY: *pretty = 1; break;
        case OPT_F_SOURCE: ro->field_source = optarg; break;
        case OPT_F_URL: ro->field_url = optarg; break;
        case OPT_F_DATE: ro->field_date = optarg; break;
        case OPT_F_TITLE: ro->field_title = optarg; break;
        case OPT_F_AUTHOR: ro->field_author = optarg; break;
        case OPT_F_TEXT: ro->field_text = optarg; break;
        default:
            cli_error("clean: unknown option '%s'; see 'khabar clean --help'",
                      argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("clean: no input; give files, directories or '-' "
                  "(see 'khabar clean --help')");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int run_pass(clean_run *run, const char *const *paths, size_t n,
                    const kh_read_opts *ro, int learn)
{
    kh_read_sink sink = {
        .article = learn ? on_learn : on_clean,
        .error = learn ? on_error_quiet : on_error,
        .progress = on_progress,
        .ctx = run,
    };
    cli_progress_start(&run->bar, learn ? "learning" : "cleaning");
    free(run->last_path);
    run->last_path = NULL;
    int rc = kh_read_paths(paths, n, ro, &sink);
    cli_progress_end(&run->bar);
    free(run->last_path);
    run->last_path = NULL;
    return rc;
}

int cmd_clean(int argc, char **argv)
{
    if (cli_want_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    kh_read_opts ro;
    kh_read_opts_init(&ro);
    int learn = 1, pretty = 0;
    int code = parse_options(argc, argv, &ro, &learn, &pretty);
    if (code != EXIT_OK)
        return code < 0 ? (usage(stdout), EXIT_OK) : code;

    size_t n = (size_t)(argc - optind);
    const char **paths = calloc(n, sizeof *paths);
    if (!paths)
        abort();
    clean_run run = {.pretty = pretty};
    char *spool = NULL;
    for (size_t i = 0; i < n; i++) {
        paths[i] = argv[optind + (int)i];
        if (strcmp(paths[i], "-") == 0 && learn) {
            if (!spool && !(spool = spool_stdin())) {
                free(paths);
                return EXIT_IO;
            }
            paths[i] = spool;
        }
    }
    run.spool = spool;
    int rc = KH_OK;
    if (learn) {
        run.model = kh_chrome_create();
        rc = run_pass(&run, paths, n, &ro, 1);
    }
    if (rc != KH_ESTOP)
        rc = run_pass(&run, paths, n, &ro, 0);
    kh_chrome_free(run.model);
    if (spool)
        unlink(spool);
    free(spool);
    free(paths);

    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("clean: cannot write the output: %s", strerror(errno));
        return EXIT_IO;
    }
    if (rc == KH_ESTOP)
        return EXIT_IO; /* printing failed mid-way */
    if (rc != KH_OK && run.printed == 0 && run.rejected == 0)
        return cli_exit_code(rc);
    if (rc != KH_OK || run.read_errors || run.rejected)
        return EXIT_PARTIAL;
    return EXIT_OK;
}
