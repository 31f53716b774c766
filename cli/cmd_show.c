/*
 * cmd_show.c - `khabar show`: one stored article, its metadata and clean
 * text, the lines the cleaner removed, or the page as it was read.
 */
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
        "usage: khabar show [options] ID\n"
        "\n"
        "Print one article: its metadata, then its clean text.  ID is the\n"
        "16-digit hex id that 'khabar search' shows.\n"
        "\n"
        "options:\n"
        "  --db FILE   database (default $KHABAR_DB, else khabar.db)\n"
        "  --raw       print the page as it was read instead (with --json:\n"
        "              add it as \"raw\")\n"
        "  --json      one JSON object: id, url, source, title, author,\n"
        "              date, lang, text, removed [{reason, line}], origin,\n"
        "              encoding, invalid_bytes, content_hash, story (its\n"
        "              story id, null when not placed) and duplicate_of\n"
        "              (its duplicate representative's id, null for none)\n"
        "  -h, --help  this help\n"
        "\n"
        "exit codes: 0 shown, 1 no such article, 2 bad id, 4 database error\n");
}

static void field(const char *name, const char *value)
{
    if (value)
        printf("%-13s %s\n", name, value);
}

/* Where duplicate detection and story clustering put an article. */
typedef struct links {
    uint64_t story, duplicate_of;
} links;

static void print_text(const kh_article *a, const links *l)
{
    char id[17], hash[17];
    kh_id_to_hex(a->id, id);
    kh_id_to_hex(a->content_hash, hash);
    field("id", id);
    field("title", a->title);
    field("source", a->source);
    field("date", a->date);
    field("author", a->author);
    field("url", a->url);
    field("origin", a->origin);
    field("encoding", a->encoding);
    field("content hash", hash);
    if (l->story)
        printf("%-13s %llu\n", "story", (unsigned long long)l->story);
    if (l->duplicate_of) {
        char rep[17];
        kh_id_to_hex(l->duplicate_of, rep);
        field("duplicate of", rep);
    }
    if (a->n_removed)
        printf("%-13s %zu line%s (khabar show --json lists them)\n",
               "removed", a->n_removed, a->n_removed == 1 ? "" : "s");
    printf("\n%s\n", a->text ? a->text : "");
}

static void print_json(const kh_article *a, const links *l, int with_raw)
{
    char id[17], hash[17];
    kh_id_to_hex(a->id, id);
    kh_id_to_hex(a->content_hash, hash);
    json_t *removed = json_array();
    for (size_t i = 0; i < a->n_removed; i++)
        json_array_append_new(removed,
                              json_pack("{ss ss}", "reason",
                                        a->removed[i].reason, "line",
                                        a->removed[i].line));
    json_t *o = json_pack(
        "{ss so so so so so so so so so so sI ss}", "id", id, "url",
        cli_json_string(a->url), "source", cli_json_string(a->source), "title",
        cli_json_string(a->title), "author", cli_json_string(a->author), "date",
        cli_json_string(a->date), "lang", cli_json_string(a->lang), "text",
        cli_json_string(a->text), "removed", removed, "origin",
        cli_json_string(a->origin), "encoding", cli_json_string(a->encoding),
        "invalid_bytes", (json_int_t)a->invalid_bytes, "content_hash", hash);
    char rep[17];
    kh_id_to_hex(l->duplicate_of, rep);
    json_object_set_new(o, "story", l->story ? json_integer((json_int_t)l->story)
                                             : json_null());
    json_object_set_new(o, "duplicate_of",
                        l->duplicate_of ? json_string(rep) : json_null());
    if (with_raw)
        json_object_set_new(o, "raw", a->raw ? json_stringn(a->raw, a->raw_len)
                                             : json_null());
    char *text = json_dumps(o, JSON_COMPACT);
    puts(text);
    free(text);
    json_decref(o);
}

enum { OPT_DB = 256, OPT_RAW, OPT_JSON };

static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"raw", no_argument, NULL, OPT_RAW},
    {"json", no_argument, NULL, OPT_JSON},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int cmd_show(int argc, char **argv)
{
    if (cli_want_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db_path = cli_default_db();
    int json = 0, raw = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db_path = optarg; break;
        case OPT_RAW: raw = 1; break;
        case OPT_JSON: json = 1; break;
        default:
            cli_error("show: unknown option or missing value: '%s'; see "
                      "'khabar show --help'", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    uint64_t id;
    if (optind != argc - 1 || kh_id_from_hex(argv[optind], &id) != KH_OK) {
        cli_error("show: give one article id (16 hex digits, as 'khabar "
                  "search' prints them)");
        return EXIT_USAGE;
    }
    kh_db *db = NULL;
    int code = cli_open_db(db_path, KH_DB_READONLY, &db);
    if (code != EXIT_OK)
        return code;
    kh_article a;
    int rc = kh_db_get_article(db, id, &a);
    if (rc != KH_OK) {
        cli_error("show: %s", kh_db_errmsg(db));
        kh_db_close(db);
        return cli_exit_code(rc);
    }
    links l = {0, 0};
    rc = kh_db_article_links(db, id, &l.story, &l.duplicate_of);
    if (rc != KH_OK) {
        cli_error("show: %s", kh_db_errmsg(db));
        kh_article_clear(&a);
        kh_db_close(db);
        return cli_exit_code(rc);
    }
    if (json)
        print_json(&a, &l, raw);
    else if (raw)
        fwrite(a.raw ? a.raw : "", 1, a.raw ? a.raw_len : 0, stdout);
    else
        print_text(&a, &l);
    kh_article_clear(&a);
    kh_db_close(db);
    return EXIT_OK;
}
