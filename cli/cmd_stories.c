/*
 * cmd_stories.c - `khabar stories`: the stories of a database, the most
 * widely covered first, and `--rebuild` to group them again with new
 * options.
 */
#include <ctype.h>
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
        "usage: khabar stories [options]\n"
        "\n"
        "List stories: articles about one event, grouped across outlets,\n"
        "most outlets first.  'khabar story ID' shows one side by side.\n"
        "'khabar ingest' keeps them current; story ids never change.\n"
        "\n"
        "options:\n"
        "  --db FILE            database (default $KHABAR_DB, else khabar.db)\n"
        "  --since DATE         only stories with an article on or after DATE\n"
        "                       (YYYY-MM-DD)\n"
        "  --min-outlets N      only stories covered by N outlets or more (1)\n"
        "  --limit N            at most N stories\n"
        "  --json               one JSON object per story: id, title,\n"
        "                       first_date, last_date, articles, outlets [..]\n"
        "  --rebuild            group every stored article again, with the\n"
        "                       options below (the others as saved)\n"
        "  --threshold X        cosine with a story's core (its first\n"
        "                       articles) to join it (0.32)\n"
        "  --day-penalty X      added to the threshold per day between an\n"
        "                       article and a story, after 12 hours (0.05)\n"
        "  --merge-threshold X  core cosine to merge two stories (0.5)\n"
        "  --window-hours N     from a story's latest article (36)\n"
        "  --max-span-hours N   first to last article of a story (96)\n"
        "  --lead-words N       words of the text read as its lead (60)\n"
        "  -h, --help           this help\n"
        "\n"
        "exit codes: 0 listed (even none), 2 bad option, 4 database error\n");
}

typedef struct listing {
    int json;
    long long limit;
    size_t shown;
} listing;

/* "a, b, c" -> a JSON array of strings. */
static json_t *outlet_array(const char *list)
{
    json_t *arr = json_array();
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, ",");
        json_array_append_new(arr, json_stringn(p, n));
        p += n;
        while (*p == ',' || *p == ' ')
            p++;
    }
    return arr;
}

static int print_story(void *ctx, const kh_story_info *s)
{
    listing *l = ctx;
    if (l->limit >= 0 && (long long)l->shown >= l->limit)
        return 1;
    l->shown++;
    if (l->json) {
        json_t *o = json_pack("{sI so so so sI so}", "id", (json_int_t)s->id,
                              "title", cli_json_string(s->title), "first_date",
                              cli_json_string(s->first_date), "last_date",
                              cli_json_string(s->last_date), "articles",
                              (json_int_t)s->n_articles, "outlets",
                              outlet_array(s->outlets));
        char *text = json_dumps(o, JSON_COMPACT);
        puts(text);
        free(text);
        json_decref(o);
        return 0;
    }
    printf("%6llu  %-10.10s  %-10.10s  %2zu outlet%s %3zu article%s  %s\n",
           (unsigned long long)s->id, s->first_date ? s->first_date : "-",
           s->last_date ? s->last_date : "-", s->n_outlets,
           s->n_outlets == 1 ? " " : "s", s->n_articles,
           s->n_articles == 1 ? " " : "s", s->title ? s->title : "");
    if (s->n_outlets > 1)
        printf("%6s  %s\n", "", s->outlets);
    return 0;
}

static int valid_day(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

enum {
    OPT_DB = 256, OPT_SINCE, OPT_MIN_OUTLETS, OPT_LIMIT, OPT_JSON,
    OPT_REBUILD, OPT_THRESHOLD, OPT_MERGE, OPT_WINDOW, OPT_SPAN, OPT_LEAD,
    OPT_PENALTY
};

static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"since", required_argument, NULL, OPT_SINCE},
    {"min-outlets", required_argument, NULL, OPT_MIN_OUTLETS},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"json", no_argument, NULL, OPT_JSON},
    {"rebuild", no_argument, NULL, OPT_REBUILD},
    {"threshold", required_argument, NULL, OPT_THRESHOLD},
    {"merge-threshold", required_argument, NULL, OPT_MERGE},
    {"window-hours", required_argument, NULL, OPT_WINDOW},
    {"max-span-hours", required_argument, NULL, OPT_SPAN},
    {"lead-words", required_argument, NULL, OPT_LEAD},
    {"day-penalty", required_argument, NULL, OPT_PENALTY},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static double parse_real(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    return (*s && !*end && v > 0.0 && v <= 1.0) ? v : -1.0;
}

int cmd_stories(int argc, char **argv)
{
    if (cli_want_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db_path = cli_default_db(), *since = NULL;
    long long min_outlets = 1, n;
    listing l = {0, -1, 0};
    int rebuild = 0, c, which = 0;
    /* what --rebuild changes: -1 = keep the saved value */
    double threshold = -1, merge = -1, penalty = -1;
    long long window = -1, span = -1, lead = -1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", options, &which)) != -1) {
        switch (c) {
        case OPT_DB: db_path = optarg; break;
        case OPT_JSON: l.json = 1; break;
        case OPT_REBUILD: rebuild = 1; break;
        case OPT_SINCE:
            if (!valid_day(optarg))
                goto bad_value;
            since = optarg;
            break;
        case OPT_MIN_OUTLETS:
            if ((min_outlets = cli_parse_count(optarg)) < 0)
                goto bad_value;
            break;
        case OPT_LIMIT:
            if ((l.limit = cli_parse_count(optarg)) < 0)
                goto bad_value;
            break;
        case OPT_THRESHOLD:
            if ((threshold = parse_real(optarg)) < 0)
                goto bad_value;
            break;
        case OPT_MERGE:
            if ((merge = parse_real(optarg)) < 0)
                goto bad_value;
            break;
        case OPT_PENALTY: /* 0 is allowed: no penalty */
            if (strcmp(optarg, "0") != 0 && (penalty = parse_real(optarg)) < 0)
                goto bad_value;
            if (strcmp(optarg, "0") == 0)
                penalty = 0.0;
            break;
        case OPT_WINDOW:
        case OPT_SPAN:
        case OPT_LEAD:
            if ((n = cli_parse_count(optarg)) < 0 || n > 100000)
                goto bad_value;
            if (c == OPT_WINDOW)
                window = n;
            else if (c == OPT_SPAN)
                span = n;
            else
                lead = n;
            break;
        default:
            cli_error("stories: unknown option or missing value: '%s'; see "
                      "'khabar stories --help'", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind != argc) {
        cli_error("stories: unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    int set = threshold >= 0 || merge >= 0 || window >= 0 || span >= 0 ||
              lead >= 0 || penalty >= 0;
    if (set && !rebuild) {
        cli_error("stories: the grouping options take effect with --rebuild");
        return EXIT_USAGE;
    }
    kh_db *db = NULL;
    int code = cli_open_db(db_path, rebuild ? 0 : KH_DB_READONLY, &db);
    if (code != EXIT_OK)
        return code;
    int rc = KH_OK;
    if (rebuild) {
        kh_stories_opts o;
        if (kh_db_link_opts(db, NULL, &o) != KH_OK)
            kh_stories_opts_init(&o);
        if (threshold >= 0) o.threshold = threshold;
        if (merge >= 0) o.merge_threshold = merge;
        if (window >= 0) o.window_hours = (unsigned)window;
        if (span >= 0) o.max_span_hours = (unsigned)span;
        if (lead >= 0) o.lead_words = (unsigned)lead;
        if (penalty >= 0) o.day_penalty = penalty;
        const char *why;
        if (kh_stories_opts_check(&o, &why) != KH_OK) {
            cli_error("stories: %s", why);
            kh_db_close(db);
            return EXIT_USAGE;
        }
        double t0 = cli_now();
        rc = kh_db_relink(db, NULL, &o);
        if (rc == KH_OK)
            fprintf(stderr, "khabar: duplicates and stories rebuilt in %.1f s\n",
                    cli_now() - t0);
    }
    if (rc == KH_OK)
        rc = kh_db_stories(db, since, (size_t)min_outlets, print_story, &l);
    if (rc != KH_OK && rc != 1) {
        cli_error("stories: %s", kh_db_errmsg(db));
        kh_db_close(db);
        return cli_exit_code(rc);
    }
    if (!l.json)
        printf("%zu stor%s\n", l.shown, l.shown == 1 ? "y" : "ies");
    kh_db_close(db);
    return EXIT_OK;
bad_value:
    cli_error("stories: bad value '%s' for --%s", optarg, options[which].name);
    return EXIT_USAGE;
}
