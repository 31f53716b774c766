/*
 * cmd_stats.c - `khabar stats`: what a database holds (articles, sources
 * with counts and date ranges, distinct texts, sizes), and its integrity.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
        "usage: khabar stats [options]\n"
        "\n"
        "What the database holds: articles, distinct texts, sources with\n"
        "their article counts and date ranges, sizes.\n"
        "\n"
        "options:\n"
        "  --db FILE   database (default $KHABAR_DB, else khabar.db)\n"
        "  --check     also check the database and its search index for\n"
        "              damage (needs write access; takes a while)\n"
        "  --json      one JSON object\n"
        "  -h, --help  this help\n"
        "\n"
        "exit codes: 0 ok, 4 database error or damage found\n");
}

static int print_source(void *ctx, const char *source, uint64_t articles,
                        const char *first, const char *last)
{
    json_t *list = ctx;
    if (list) {
        json_array_append_new(list,
                              json_pack("{ss sI ss ss}", "source", source,
                                        "articles", (json_int_t)articles,
                                        "first_date", first, "last_date",
                                        last));
        return 0;
    }
    printf("  %-16s %8llu  %-10s  %s\n", *source ? source : "(none)",
           (unsigned long long)articles, *first ? first : "-",
           *last ? last : "-");
    return 0;
}

/* A size for people: kB below a megabyte, MB above. */
static void print_size(const char *label, uint64_t bytes, const char *tail)
{
    if (bytes < 1000000)
        printf("%-16s %.1f kB%s\n", label, (double)bytes / 1e3, tail);
    else
        printf("%-16s %.1f MB%s\n", label, (double)bytes / 1e6, tail);
}

static void print_text(const kh_db_stats *s)
{
    printf("articles         %llu\n", (unsigned long long)s->articles);
    printf("distinct texts   %llu\n", (unsigned long long)s->distinct_texts);
    printf("sources          %llu\n", (unsigned long long)s->sources);
    if (*s->first_date)
        printf("dates            %s .. %s\n", s->first_date, s->last_date);
    printf("chrome model     %llu line shapes, %llu occurrences\n",
           (unsigned long long)s->chrome_shapes,
           (unsigned long long)s->chrome_occurrences);
    print_size("clean text", s->text_bytes, "");
    print_size("pages as read", s->raw_bytes, "");
    print_size("database", s->db_bytes, " (with its write-ahead log)");
}

static json_t *stats_json(const kh_db_stats *s)
{
    return json_pack("{sI sI sI ss ss sI sI sI sI sI}", "articles",
                     (json_int_t)s->articles, "distinct_texts",
                     (json_int_t)s->distinct_texts, "sources",
                     (json_int_t)s->sources, "first_date", s->first_date,
                     "last_date", s->last_date, "chrome_shapes",
                     (json_int_t)s->chrome_shapes, "chrome_occurrences",
                     (json_int_t)s->chrome_occurrences, "text_bytes",
                     (json_int_t)s->text_bytes, "raw_bytes",
                     (json_int_t)s->raw_bytes, "db_bytes",
                     (json_int_t)s->db_bytes);
}

enum { OPT_DB = 256, OPT_CHECK, OPT_JSON };

static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"check", no_argument, NULL, OPT_CHECK},
    {"json", no_argument, NULL, OPT_JSON},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int cmd_stats(int argc, char **argv)
{
    if (cli_want_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db_path = cli_default_db();
    int json = 0, check = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db_path = optarg; break;
        case OPT_CHECK: check = 1; break;
        case OPT_JSON: json = 1; break;
        default:
            cli_error("stats: unknown option or missing value: '%s'; see "
                      "'khabar stats --help'", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind != argc) {
        cli_error("stats: unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    kh_db *db = NULL;
    int code = cli_open_db(db_path, check ? 0 : KH_DB_READONLY, &db);
    if (code != EXIT_OK)
        return code;
    kh_db_stats s;
    int rc = check ? kh_db_check(db) : KH_OK;
    if (rc == KH_OK)
        rc = kh_db_stats_get(db, &s);
    json_t *o = json && rc == KH_OK ? stats_json(&s) : NULL;
    json_t *sources = json ? json_array() : NULL;
    if (rc == KH_OK && !json) {
        print_text(&s);
        printf("\n  %-16s %8s  %-10s  %s\n", "source", "articles", "first",
               "last");
    }
    if (rc == KH_OK)
        rc = kh_db_sources(db, print_source, sources);
    if (rc != KH_OK) {
        cli_error("stats: %s", kh_db_errmsg(db));
        json_decref(o);
        json_decref(sources);
        kh_db_close(db);
        return EXIT_DB;
    }
    if (json) {
        json_object_set_new(o, "by_source", sources);
        if (check)
            json_object_set_new(o, "check", json_string("ok"));
        char *text = json_dumps(o, JSON_COMPACT);
        puts(text);
        free(text);
        json_decref(o);
    } else if (check) {
        printf("\ncheck            ok (tables and search index)\n");
    }
    kh_db_close(db);
    return EXIT_OK;
}
