/*
 * cmd_dedup.c - `khabar dedup`: the duplicate clusters of a database, and
 * `--rebuild` to compute duplicates and stories again with new options.
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
        "usage: khabar dedup [options]\n"
        "\n"
        "List the duplicate clusters, largest first: articles with the same\n"
        "text (exact), the same page under another URL (url), or nearly the\n"
        "same text (near: word 5-gram Jaccard or containment over the\n"
        "thresholds; a short copy inside a longer report counts when it\n"
        "opens as the report does; template texts such as cables to two\n"
        "countries do not), each around its representative, the first of\n"
        "them stored.  'khabar ingest' keeps them current.\n"
        "\n"
        "options:\n"
        "  --db FILE            database (default $KHABAR_DB, else khabar.db)\n"
        "  --json               one JSON object per cluster: representative,\n"
        "                       size, outlets [..], members [{id, source,\n"
        "                       date, url, title, duplicate_of, kind,\n"
        "                       jaccard, containment}]\n"
        "  --limit N            at most N clusters\n"
        "  --rebuild            compute duplicates and stories again for\n"
        "                       every stored article, with the options below\n"
        "                       (the others as saved with the database)\n"
        "  --jaccard X          near-duplicates from this Jaccard on (0.4)\n"
        "  --containment X      ... or this containment of the shorter (0.7)\n"
        "  --shingle-words N    words per shingle (5)\n"
        "  --perm N             MinHash permutations (128)\n"
        "  --bands N            LSH bands, dividing --perm (32)\n"
        "  --min-shingles N     shorter texts match exactly only (5)\n"
        "  --no-url-variants    do not treat one canonical URL as a copy\n"
        "  --window-days N      find copies within N days of their cluster's\n"
        "                       latest article (14; 0: no limit).  Older\n"
        "                       clusters leave the in-memory index, which\n"
        "                       keeps memory flat; undated articles leave\n"
        "                       after 20,000 newer ones\n"
        "  -h, --help           this help\n"
        "\n"
        "exit codes: 0 listed (even none), 2 bad option, 4 database error\n");
}

typedef struct listing {
    int json;
    long long limit;
    size_t clusters, articles;
} listing;

static int print_cluster(void *ctx, const kh_dup_cluster *c)
{
    listing *l = ctx;
    if (l->limit >= 0 && (long long)l->clusters >= l->limit)
        return 1;
    l->clusters++;
    l->articles += c->n_members;
    char rep[17], id[17];
    kh_id_to_hex(c->representative, rep);
    if (l->json) {
        json_t *members = json_array(), *outlets = json_array();
        for (size_t i = 0; i < c->n_members; i++) {
            const kh_link_article *a = &c->members[i];
            int seen = 0;
            for (size_t j = 0; j < i && !seen; j++)
                seen = a->source && c->members[j].source &&
                       strcmp(a->source, c->members[j].source) == 0;
            if (a->source && !seen)
                json_array_append_new(outlets, json_string(a->source));
            json_array_append_new(
                members,
                json_pack("{so so so so so so ss sf sf}", "id", cli_json_id(a->id),
                          "source", cli_json_string(a->source), "date",
                          cli_json_string(a->date), "url", cli_json_string(a->url),
                          "title", cli_json_string(a->title), "duplicate_of",
                          cli_json_id(a->duplicate_of), "kind",
                          kh_dup_kind_name(a->kind), "jaccard", a->jaccard,
                          "containment", a->containment));
        }
        json_t *o = json_pack("{ss sI so so}", "representative", rep, "size",
                              (json_int_t)c->n_members, "outlets", outlets,
                              "members", members);
        char *text = json_dumps(o, JSON_COMPACT);
        puts(text);
        free(text);
        json_decref(o);
        return 0;
    }
    printf("cluster %s: %zu articles, %zu outlet%s\n", rep, c->n_members,
           c->n_outlets, c->n_outlets == 1 ? "" : "s");
    for (size_t i = 0; i < c->n_members; i++) {
        const kh_link_article *a = &c->members[i];
        char how[40];
        if (i == 0)
            snprintf(how, sizeof how, "representative");
        else
            snprintf(how, sizeof how, "%-5s J %.2f C %.2f",
                     kh_dup_kind_name(a->kind), a->jaccard, a->containment);
        kh_id_to_hex(a->id, id);
        printf("  %s  %-10.10s  %-12s  %-20s  %s\n", id,
               a->date ? a->date : "-", a->source ? a->source : "-", how,
               a->title ? a->title : "");
    }
    putchar('\n');
    return 0;
}

enum {
    OPT_DB = 256, OPT_JSON, OPT_LIMIT, OPT_REBUILD, OPT_JACCARD,
    OPT_CONTAINMENT, OPT_SHINGLE, OPT_PERM, OPT_BANDS, OPT_MIN_SHINGLES,
    OPT_NO_URL, OPT_WINDOW
};

static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"json", no_argument, NULL, OPT_JSON},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"rebuild", no_argument, NULL, OPT_REBUILD},
    {"jaccard", required_argument, NULL, OPT_JACCARD},
    {"containment", required_argument, NULL, OPT_CONTAINMENT},
    {"shingle-words", required_argument, NULL, OPT_SHINGLE},
    {"perm", required_argument, NULL, OPT_PERM},
    {"bands", required_argument, NULL, OPT_BANDS},
    {"min-shingles", required_argument, NULL, OPT_MIN_SHINGLES},
    {"no-url-variants", no_argument, NULL, OPT_NO_URL},
    {"window-days", required_argument, NULL, OPT_WINDOW},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* A number in [lo, hi] or -1 (the caller names the option). */
static double parse_real(const char *s, double lo, double hi)
{
    char *end;
    double v = strtod(s, &end);
    return (*s && !*end && v >= lo && v <= hi) ? v : -1.0;
}

int cmd_dedup(int argc, char **argv)
{
    if (cli_want_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db_path = cli_default_db();
    listing l = {0, -1, 0, 0};
    int rebuild = 0, set = 0, c;
    kh_dedup_opts o;
    kh_dedup_opts_init(&o);
    struct {
        int jaccard, containment, shingle, perm, bands, min, url, window;
    } given = {0};
    double r;
    long long n;
    int which = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", options, &which)) != -1) {
        switch (c) {
        case OPT_DB: db_path = optarg; break;
        case OPT_JSON: l.json = 1; break;
        case OPT_REBUILD: rebuild = 1; break;
        case OPT_LIMIT:
            if ((l.limit = cli_parse_count(optarg)) < 0)
                goto bad_value;
            break;
        case OPT_JACCARD:
        case OPT_CONTAINMENT:
            if ((r = parse_real(optarg, 1e-9, 1.0)) < 0)
                goto bad_value;
            if (c == OPT_JACCARD)
                o.jaccard = r, given.jaccard = 1;
            else
                o.containment = r, given.containment = 1;
            set = 1;
            break;
        case OPT_SHINGLE:
        case OPT_PERM:
        case OPT_BANDS:
        case OPT_MIN_SHINGLES:
            if ((n = cli_parse_count(optarg)) < 1 || n > 100000)
                goto bad_value;
            if (c == OPT_SHINGLE)
                o.shingle_words = (unsigned)n, given.shingle = 1;
            else if (c == OPT_PERM)
                o.num_perm = (unsigned)n, given.perm = 1;
            else if (c == OPT_BANDS)
                o.bands = (unsigned)n, given.bands = 1;
            else
                o.min_shingles = (unsigned)n, given.min = 1;
            set = 1;
            break;
        case OPT_NO_URL: o.url_variants = 0, given.url = 1, set = 1; break;
        case OPT_WINDOW:
            if ((n = cli_parse_count(optarg)) < 0 || n > 36500)
                goto bad_value;
            o.window_days = (unsigned)n, given.window = 1, set = 1;
            break;
        default:
            cli_error("dedup: unknown option or missing value: '%s'; see "
                      "'khabar dedup --help'", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind != argc) {
        cli_error("dedup: unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if (set && !rebuild) {
        cli_error("dedup: the detection options take effect with --rebuild");
        return EXIT_USAGE;
    }
    kh_db *db = NULL;
    int code = cli_open_db(db_path, rebuild ? 0 : KH_DB_READONLY, &db);
    if (code != EXIT_OK)
        return code;
    int rc = KH_OK;
    if (rebuild) {
        /* start from the saved options, change only what was given */
        kh_dedup_opts saved;
        rc = kh_db_link_opts(db, &saved, NULL);
        if (rc != KH_OK)
            kh_dedup_opts_init(&saved);
        if (given.jaccard) saved.jaccard = o.jaccard;
        if (given.containment) saved.containment = o.containment;
        if (given.shingle) saved.shingle_words = o.shingle_words;
        if (given.perm) saved.num_perm = o.num_perm;
        if (given.bands) saved.bands = o.bands;
        if (given.min) saved.min_shingles = o.min_shingles;
        if (given.url) saved.url_variants = o.url_variants;
        if (given.window) saved.window_days = o.window_days;
        const char *why;
        if (kh_dedup_opts_check(&saved, &why) != KH_OK) {
            cli_error("dedup: %s", why);
            kh_db_close(db);
            return EXIT_USAGE;
        }
        double t0 = cli_now();
        rc = kh_db_relink(db, &saved, NULL);
        if (rc == KH_OK)
            fprintf(stderr, "khabar: duplicates and stories rebuilt in %.1f s\n",
                    cli_now() - t0);
    }
    if (rc == KH_OK)
        rc = kh_db_dup_clusters(db, print_cluster, &l);
    if (rc != KH_OK && rc != 1) {
        cli_error("dedup: %s", kh_db_errmsg(db));
        kh_db_close(db);
        return cli_exit_code(rc);
    }
    if (!l.json)
        printf("%zu cluster%s, %zu articles in them\n", l.clusters,
               l.clusters == 1 ? "" : "s", l.articles);
    kh_db_close(db);
    return EXIT_OK;
bad_value:
    cli_error("dedup: bad value '%s' for --%s", optarg, options[which].name);
    return EXIT_USAGE;
}
