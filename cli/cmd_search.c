/*
 * cmd_search.c - `khabar search`: ranked search with snippets, as text (bold
 * matches on a terminal, «» markers otherwise) or JSON lines.
 */
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
        "usage: khabar search [options] QUERY...\n"
        "\n"
        "Ranked search (BM25, title weighted above the body).  Words are\n"
        "analysed like the stored text, so spelling variants match: with or\n"
        "without hamza, ة or ه, diacritics, tatweel, attached و ب ل ال.\n"
        "\n"
        "query language:\n"
        "  روسيا ايران          both words (AND is implied)\n"
        "  \"وزير الخارجية\"      the words as a phrase\n"
        "  روسيا OR ايران       either; NOT excludes: سوريا NOT روسيا\n"
        "  (روسيا OR ايران) النفط   parentheses group\n"
        "  اقتصا*               words starting with a prefix\n"
        "Operators are uppercase; any other character is only text.\n"
        "\n"
        "options:\n"
        "  --db FILE      database (default $KHABAR_DB, else khabar.db)\n"
        "  --limit N      hits to show (10)\n"
        "  --offset N     skip the first N hits\n"
        "  --source S     only articles of outlet S\n"
        "  --from DATE    only articles dated DATE (YYYY-MM-DD) or later\n"
        "  --to DATE      only articles dated DATE or earlier\n"
        "  --json         one JSON object per hit: id, url, title, source,\n"
        "                 date, score, snippet\n"
        "  -h, --help     this help\n"
        "\n"
        "exit codes: 0 hits found, 1 no match, 2 bad query or option,\n"
        "4 database error\n");
}

/* One line of text: paragraph breaks inside a snippet become spaces. */
static void print_flat(const char *s)
{
    for (; *s; s++)
        putchar(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
}

static void print_text(const kh_hit *hits, size_t n, size_t offset,
                       uint64_t total)
{
    for (size_t i = 0; i < n; i++) {
        const kh_hit *h = &hits[i];
        char id[17];
        kh_id_to_hex(h->id, id);
        printf("%zu. ", offset + i + 1);
        print_flat(*h->title ? h->title : "(untitled)");
        printf("\n   %s | %.10s | %s\n   ", *h->source ? h->source : "-",
               h->date ? h->date : "-", id);
        print_flat(h->snippet);
        printf("\n\n");
    }
    printf("%zu-%zu of %llu matches\n", n ? offset + 1 : 0, offset + n,
           (unsigned long long)total);
}

static void print_json(const kh_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const kh_hit *h = &hits[i];
        char id[17];
        kh_id_to_hex(h->id, id);
        json_t *o = json_pack("{ss so ss ss so sf ss}", "id", id, "url",
                              cli_json_string(h->url), "title", h->title, "source",
                              h->source, "date", cli_json_string(h->date), "score",
                              h->score, "snippet", h->snippet);
        char *text = json_dumps(o, JSON_COMPACT);
        puts(text);
        free(text);
        json_decref(o);
    }
}

enum { OPT_DB = 256, OPT_LIMIT, OPT_OFFSET, OPT_SOURCE, OPT_FROM, OPT_TO,
       OPT_JSON };

static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"offset", required_argument, NULL, OPT_OFFSET},
    {"source", required_argument, NULL, OPT_SOURCE},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"json", no_argument, NULL, OPT_JSON},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int parse_count(const char *opt, const char *value, size_t *out)
{
    long long n = cli_parse_count(value);
    if (n < 0 || n > 1000000) {
        cli_error("%s: '%s' is not a number from 0 to 1000000", opt, value);
        return EXIT_USAGE;
    }
    *out = (size_t)n;
    return EXIT_OK;
}

/* The query is every remaining argument, joined by spaces, so that
 * `khabar search وزير الخارجية` needs no quotes. */
static char *join_args(int argc, char **argv)
{
    size_t len = 1;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *q = malloc(len);
    if (!q)
        abort();
    q[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i)
            strcat(q, " ");
        strcat(q, argv[i]);
    }
    return q;
}

int cmd_search(int argc, char **argv)
{
    if (cli_want_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db_path = cli_default_db();
    kh_search_opts o;
    kh_search_opts_init(&o);
    int json = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        int bad = EXIT_OK;
        switch (c) {
        case OPT_DB: db_path = optarg; break;
        case OPT_LIMIT: bad = parse_count("--limit", optarg, &o.limit); break;
        case OPT_OFFSET:
            bad = parse_count("--offset", optarg, &o.offset);
            break;
        case OPT_SOURCE: o.source = optarg; break;
        case OPT_FROM: o.from = optarg; break;
        case OPT_TO: o.to = optarg; break;
        case OPT_JSON: json = 1; break;
        default:
            cli_error("search: unknown option or missing value: '%s'; see "
                      "'khabar search --help'", argv[optind - 1]);
            return EXIT_USAGE;
        }
        if (bad != EXIT_OK)
            return bad;
    }
    if (optind >= argc) {
        cli_error("search: no query given; see 'khabar search --help'");
        return EXIT_USAGE;
    }
    if (!json && isatty(STDOUT_FILENO)) {
        o.hl_open = "\033[1m";
        o.hl_close = "\033[0m";
    }
    kh_db *db = NULL;
    int code = cli_open_db(db_path, KH_DB_READONLY, &db);
    if (code != EXIT_OK)
        return code;
    char *query = join_args(argc - optind, argv + optind);
    kh_hit *hits = NULL;
    size_t n = 0;
    uint64_t total = 0;
    int rc = kh_search(db, query, &o, &hits, &n, &total);
    if (rc != KH_OK) {
        cli_error("search: %s", kh_db_errmsg(db));
        code = rc == KH_EINVAL ? EXIT_USAGE : cli_exit_code(rc);
    } else {
        if (json)
            print_json(hits, n);
        else if (total)
            print_text(hits, n, o.offset, total);
        else
            printf("no matches\n");
        code = total ? EXIT_OK : EXIT_NO_MATCH;
    }
    kh_hits_free(hits, n);
    free(query);
    kh_db_close(db);
    return code;
}
