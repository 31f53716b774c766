/*
 * cmd_story.c - `khabar story ID`: one story's articles side by side, per
 * outlet, with their leads and which article copies which.
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
        "usage: khabar story [options] ID\n"
        "\n"
        "Show one story (ID as 'khabar stories' lists it): its articles\n"
        "outlet by outlet, each with its date, title and lead, and for a\n"
        "copy, the article it copies.\n"
        "\n"
        "options:\n"
        "  --db FILE   database (default $KHABAR_DB, else khabar.db)\n"
        "  --json      one JSON object: id, title, first_date, last_date,\n"
        "              articles, outlets [..], members [{id, source, date,\n"
        "              url, title, lead, duplicate_of, kind, jaccard,\n"
        "              containment}]\n"
        "  -h, --help  this help\n"
        "\n"
        "exit codes: 0 shown, 1 no such story, 2 bad id, 4 database error\n");
}

/* The story's articles, copied out of the callbacks. */
typedef struct member {
    uint64_t id, duplicate_of;
    char *source, *date, *url, *title, *lead;
    kh_dup_kind kind;
    double jaccard, containment;
} member;

typedef struct story {
    uint64_t id;
    char *title, *first, *last, *outlets;
    size_t n_articles, n_outlets;
    member *m;
    size_t n, cap;
} story;

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int take_head(void *ctx, const kh_story_info *s)
{
    story *st = ctx;
    st->id = s->id;
    st->title = dup_or_null(s->title);
    st->first = dup_or_null(s->first_date);
    st->last = dup_or_null(s->last_date);
    st->outlets = dup_or_null(s->outlets);
    st->n_articles = s->n_articles;
    st->n_outlets = s->n_outlets;
    return 0;
}

static int take_member(void *ctx, const kh_link_article *a)
{
    story *st = ctx;
    if (st->n == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 16;
        member *m = realloc(st->m, st->cap * sizeof *m);
        if (!m)
            return KH_EINTERNAL;
        st->m = m;
    }
    member *m = &st->m[st->n++];
    m->id = a->id;
    m->duplicate_of = a->duplicate_of;
    m->source = dup_or_null(a->source);
    m->date = dup_or_null(a->date);
    m->url = dup_or_null(a->url);
    m->title = dup_or_null(a->title);
    m->lead = dup_or_null(a->lead);
    m->kind = a->kind;
    m->jaccard = a->jaccard;
    m->containment = a->containment;
    return 0;
}

static void story_free(story *st)
{
    for (size_t i = 0; i < st->n; i++) {
        free(st->m[i].source);
        free(st->m[i].date);
        free(st->m[i].url);
        free(st->m[i].title);
        free(st->m[i].lead);
    }
    free(st->m);
    free(st->title);
    free(st->first);
    free(st->last);
    free(st->outlets);
}

static const member *find(const story *st, uint64_t id)
{
    for (size_t i = 0; i < st->n; i++)
        if (st->m[i].id == id)
            return &st->m[i];
    return NULL;
}

static void print_json(const story *st)
{
    json_t *outlets = json_array(), *members = json_array();
    for (const char *p = st->outlets; p && *p;) {
        size_t n = strcspn(p, ",");
        json_array_append_new(outlets, json_stringn(p, n));
        p += n;
        while (*p == ',' || *p == ' ')
            p++;
    }
    for (size_t i = 0; i < st->n; i++) {
        const member *m = &st->m[i];
        json_array_append_new(
            members,
            json_pack("{so so so so so so so ss sf sf}", "id", cli_json_id(m->id),
                      "source", cli_json_string(m->source), "date",
                      cli_json_string(m->date), "url", cli_json_string(m->url), "title",
                      cli_json_string(m->title), "lead", cli_json_string(m->lead),
                      "duplicate_of", cli_json_id(m->duplicate_of), "kind",
                      kh_dup_kind_name(m->kind), "jaccard", m->jaccard,
                      "containment", m->containment));
    }
    json_t *o = json_pack("{sI so so so sI so so}", "id", (json_int_t)st->id,
                          "title", cli_json_string(st->title), "first_date",
                          cli_json_string(st->first), "last_date",
                          cli_json_string(st->last), "articles",
                          (json_int_t)st->n_articles, "outlets", outlets,
                          "members", members);
    char *text = json_dumps(o, JSON_COMPACT);
    puts(text);
    free(text);
    json_decref(o);
}

/* Members come sorted by source then date: one block per outlet. */
static void print_text(const story *st)
{
    printf("story %llu: %s\n", (unsigned long long)st->id,
           st->title ? st->title : "(untitled)");
    printf("%s .. %s, %zu article%s from %zu outlet%s: %s\n",
           st->first ? st->first : "-", st->last ? st->last : "-",
           st->n_articles, st->n_articles == 1 ? "" : "s", st->n_outlets,
           st->n_outlets == 1 ? "" : "s", st->outlets ? st->outlets : "-");
    const char *outlet = "\x01";
    char id[17], other[17];
    for (size_t i = 0; i < st->n; i++) {
        const member *m = &st->m[i];
        const char *src = m->source ? m->source : "(no source)";
        if (strcmp(src, outlet) != 0) {
            printf("\n== %s\n", src);
            outlet = src;
        }
        kh_id_to_hex(m->id, id);
        printf("  %s  %s  %s\n", id, m->date ? m->date : "-",
               m->title ? m->title : "");
        if (m->lead && *m->lead)
            printf("      %s\n", m->lead);
        if (m->duplicate_of) {
            const member *orig = find(st, m->duplicate_of);
            kh_id_to_hex(m->duplicate_of, other);
            printf("      copy of %s (%s): %s, Jaccard %.2f, containment "
                   "%.2f\n",
                   other, orig && orig->source ? orig->source : "elsewhere",
                   kh_dup_kind_name(m->kind), m->jaccard, m->containment);
        }
        size_t copies = 0;
        for (size_t j = 0; j < st->n; j++)
            copies += st->m[j].duplicate_of == m->id;
        if (copies) {
            printf("      copied by:");
            for (size_t j = 0; j < st->n; j++)
                if (st->m[j].duplicate_of == m->id)
                    printf(" %s", st->m[j].source ? st->m[j].source : "?");
            putchar('\n');
        }
    }
}

enum { OPT_DB = 256, OPT_JSON };

static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"json", no_argument, NULL, OPT_JSON},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int cmd_story(int argc, char **argv)
{
    if (cli_want_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db_path = cli_default_db();
    int json = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db_path = optarg; break;
        case OPT_JSON: json = 1; break;
        default:
            cli_error("story: unknown option or missing value: '%s'; see "
                      "'khabar story --help'", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    long long id = optind == argc - 1 ? cli_parse_count(argv[optind]) : -1;
    if (id <= 0) {
        cli_error("story: give one story id (a number, as 'khabar stories' "
                  "lists them)");
        return EXIT_USAGE;
    }
    kh_db *db = NULL;
    int code = cli_open_db(db_path, KH_DB_READONLY, &db);
    if (code != EXIT_OK)
        return code;
    story st = {0};
    int rc = kh_db_story(db, (uint64_t)id, take_head, take_member, &st);
    if (rc != KH_OK) {
        cli_error("story: %s", kh_db_errmsg(db));
        story_free(&st);
        kh_db_close(db);
        return cli_exit_code(rc);
    }
    if (json)
        print_json(&st);
    else
        print_text(&st);
    story_free(&st);
    kh_db_close(db);
    return EXIT_OK;
}
