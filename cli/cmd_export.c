/*
 * cmd_export.c - `khabar export`: every stored article's id, url, source,
 * date, title, story and duplicate representative, as JSON lines or CSV.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_json.h"

static void usage(FILE *out)
{
    fprintf(out,
        "usage: khabar export [options]\n"
        "\n"
        "Write every stored article, oldest first, with the story it belongs\n"
        "to and the representative of its duplicate cluster.\n"
        "\n"
        "options:\n"
        "  --db FILE          database (default $KHABAR_DB, else khabar.db)\n"
        "  --format FMT       jsonl (default): one object per line with id,\n"
        "                     url, source, date, title, story (number or\n"
        "                     null), duplicate_of (id or null);\n"
        "                     csv: the same columns, with a header row\n"
        "  -o, --output FILE  write there instead of standard output\n"
        "  -h, --help         this help\n"
        "\n"
        "exit codes: 0 written, 2 bad option, 4 database error, 5 cannot "
        "write\n");
}

typedef struct writer {
    FILE *out;
    int csv;
    size_t rows;
} writer;

/* A CSV field (RFC 4180): quoted when it holds a comma, quote or newline. */
static void csv_field(FILE *out, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static int write_row(void *ctx, const kh_link_article *a)
{
    writer *w = ctx;
    char id[17], dup[17];
    kh_id_to_hex(a->id, id);
    kh_id_to_hex(a->duplicate_of, dup);
    w->rows++;
    if (w->csv) {
        fprintf(w->out, "%s,", id);
        csv_field(w->out, a->url);
        fputc(',', w->out);
        csv_field(w->out, a->source);
        fputc(',', w->out);
        csv_field(w->out, a->date);
        fputc(',', w->out);
        csv_field(w->out, a->title);
        fputc(',', w->out);
        if (a->story)
            fprintf(w->out, "%llu", (unsigned long long)a->story);
        fprintf(w->out, ",%s\n", a->duplicate_of ? dup : "");
    } else {
        json_t *o = json_pack(
            "{ss so so so so so so}", "id", id, "url", cli_json_string(a->url),
            "source", cli_json_string(a->source), "date", cli_json_string(a->date),
            "title", cli_json_string(a->title), "story",
            a->story ? json_integer((json_int_t)a->story) : json_null(),
            "duplicate_of", a->duplicate_of ? json_string(dup) : json_null());
        char *text = json_dumps(o, JSON_COMPACT);
        fputs(text, w->out);
        fputc('\n', w->out);
        free(text);
        json_decref(o);
    }
    return ferror(w->out) ? KH_EIO : 0;
}

enum { OPT_DB = 256, OPT_FORMAT };

static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int cmd_export(int argc, char **argv)
{
    if (cli_want_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db_path = cli_default_db(), *output = NULL;
    writer w = {stdout, 0, 0};
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:", options, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db_path = optarg; break;
        case 'o': output = optarg; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "csv") == 0) {
                w.csv = 1;
            } else if (strcmp(optarg, "jsonl") != 0) {
                cli_error("export: unknown format '%s' (jsonl or csv)", optarg);
                return EXIT_USAGE;
            }
            break;
        default:
            cli_error("export: unknown option or missing value: '%s'; see "
                      "'khabar export --help'", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind != argc) {
        cli_error("export: unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    kh_db *db = NULL;
    int code = cli_open_db(db_path, KH_DB_READONLY, &db);
    if (code != EXIT_OK)
        return code;
    if (output && !(w.out = fopen(output, "w"))) {
        cli_error("export: %s: %s", output, strerror(errno));
        kh_db_close(db);
        return EXIT_IO;
    }
    if (w.csv)
        fputs("id,url,source,date,title,story,duplicate_of\n", w.out);
    int rc = kh_db_export(db, write_row, &w);
    int closed = output ? fclose(w.out) : fflush(w.out);
    if (rc == KH_EIO || closed != 0) {
        cli_error("export: %s: cannot write: %s", output ? output : "stdout",
                  strerror(errno));
        kh_db_close(db);
        return EXIT_IO;
    }
    if (rc != KH_OK) {
        cli_error("export: %s", kh_db_errmsg(db));
        kh_db_close(db);
        return cli_exit_code(rc);
    }
    kh_db_close(db);
    return EXIT_OK;
}
