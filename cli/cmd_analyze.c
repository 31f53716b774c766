/*
 * cmd_analyze.c - `khabar analyze`: show how the Arabic analyser sees a
 * text (token, normalised form, stem, stopword flag), or list a corpus's
 * most frequent stems.  A window onto kh_analyze() for people and scripts.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void analyze_usage(FILE *out)
{
    fprintf(out,
        "usage: khabar analyze [options] [TEXT|-]\n"
        "       khabar analyze --freq N [options] FILE...|-\n"
        "\n"
        "Split TEXT (or standard input) into tokens and print each with its\n"
        "normalised form and stem: a table (position, kind, stopword flag,\n"
        "token, norm, stem), or with --json one object per line:\n"
        "{\"token\",\"norm\",\"stem\",\"stop\",\"kind\",\"start\",\"end\"}\n"
        "(start/end are byte offsets of the token in the input).\n"
        "\n"
        "With --freq N, print the N most frequent stems (0 = all) of the\n"
        "inputs with their counts, most frequent first; stopwords are left\n"
        "out unless --with-stopwords.  A FILE ending in .txt, or -, is read\n"
        "as plain text; anything else (JSON, zip, HTML, directories) goes\n"
        "through the article reader and its titles and texts are counted.\n"
        "\n"
        "options:\n"
        "  --json                  one JSON object per line\n"
        "  --stemmer NAME          light (default), snowball or none\n"
        "  --no-fold-ta-marbuta    keep ة apart from ه\n"
        "  --no-fold-alef-maqsura  keep ى apart from ي\n"
        "  --no-fold-hamza         keep ؤ and ئ apart from ء\n"
        "  --no-clitics            do not strip و ف ب ك ل ال\n"
        "  --freq N                frequency list of stems\n"
        "  --with-stopwords        count stopwords too (with --freq)\n"
        "  -h, --help              this text\n"
        "\n"
        "examples:\n"
        "  khabar analyze 'وزير الخارجية في الرقّة'\n"
        "  echo 'بالتنسيق مع إيران' | khabar analyze --json\n"
        "  khabar analyze --freq 50 corpus.txt\n"
        "\n"
        "exit codes: 0 ok, 2 usage, 5 input could not be read\n");
}

/* --- reading input ------------------------------------------------------ */

static char *read_stream(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        if (cap - n < 4096) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger) {
                free(buf);
                return NULL;
            }
            buf = bigger;
        }
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* The whole of a file ("-" = stdin), or NULL after printing why not. */
static char *read_input(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        return NULL;
    }
    char *text = read_stream(f, len);
    int err = errno;
    if (f != stdin)
        fclose(f);
    if (!text)
        cli_error("%s: cannot read: %s", path, strerror(err));
    return text;
}

/* --- token listing ------------------------------------------------------ */

typedef struct show_ctx {
    const char *text;
    int json;
    int header_done;
} show_ctx;

static const char *kind_name(kh_token_kind k)
{
    return k == KH_TOKEN_ARABIC ? "arabic"
           : k == KH_TOKEN_LATIN ? "latin"
                                 : "number";
}

static int show_token(void *ctx, const kh_token *t)
{
    show_ctx *sc = ctx;
    int surface_len = (int)(t->end - t->start);
    if (!sc->json) {
        if (!sc->header_done++)
            printf("   #  kind    stop token\tnorm\tstem\n");
        printf("%4zu  %-7s %-4s %.*s\t%.*s\t%.*s\n", t->position,
               kind_name(t->kind), t->stop ? "stop" : "", surface_len,
               sc->text + t->start, (int)t->norm_len, t->norm,
               (int)t->stem_len, t->stem);
        return 0;
    }
    json_t *o = json_object();
    json_object_set_new(o, "token",
                        json_stringn_nocheck(sc->text + t->start,
                                             t->end - t->start));
    json_object_set_new(o, "norm", json_stringn_nocheck(t->norm, t->norm_len));
    json_object_set_new(o, "stem", json_stringn_nocheck(t->stem, t->stem_len));
    json_object_set_new(o, "stop", json_boolean(t->stop));
    json_object_set_new(o, "kind", json_string(kind_name(t->kind)));
    json_object_set_new(o, "start", json_integer((json_int_t)t->start));
    json_object_set_new(o, "end", json_integer((json_int_t)t->end));
    char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (line) {
        puts(line);
        free(line);
    }
    return 0;
}

/* --- stem frequencies --------------------------------------------------- */

/* A string -> count table: open addressing, keys owned. */
typedef struct freq_entry {
    char *stem;
    size_t len;
    uint64_t count;
    uint64_t hash;
} freq_entry;

typedef struct freq_table {
    freq_entry *slots;
    size_t cap, used;
    kh_analyzer *an;
    int with_stop;
    uint64_t tokens;
} freq_table;

static void freq_grow(freq_table *ft);

static void freq_add(freq_table *ft, const char *s, size_t len)
{
    if (2 * (ft->used + 1) > ft->cap)
        freq_grow(ft);
    uint64_t h = kh_hash64(s, len, 0);
    size_t at = h & (ft->cap - 1);
    while (ft->slots[at].stem) {
        freq_entry *e = &ft->slots[at];
        if (e->hash == h && e->len == len && memcmp(e->stem, s, len) == 0) {
            e->count++;
            return;
        }
        at = (at + 1) & (ft->cap - 1);
    }
    freq_entry *e = &ft->slots[at];
    e->stem = malloc(len + 1);
    if (!e->stem) {
        cli_error("out of memory");
        exit(EXIT_INTERNAL);
    }
    memcpy(e->stem, s, len);
    e->stem[len] = '\0';
    e->len = len;
    e->hash = h;
    e->count = 1;
    ft->used++;
}

static void freq_grow(freq_table *ft)
{
    size_t cap = ft->cap ? ft->cap * 2 : 1 << 14;
    freq_entry *slots = calloc(cap, sizeof *slots);
    if (!slots) {
        cli_error("out of memory");
        exit(EXIT_INTERNAL);
    }
    for (size_t i = 0; i < ft->cap; i++) {
        if (!ft->slots[i].stem)
            continue;
        size_t at = ft->slots[i].hash & (cap - 1);
        while (slots[at].stem)
            at = (at + 1) & (cap - 1);
        slots[at] = ft->slots[i];
    }
    free(ft->slots);
    ft->slots = slots;
    ft->cap = cap;
}

static int count_token(void *ctx, const kh_token *t)
{
    freq_table *ft = ctx;
    ft->tokens++;
    if (t->stop && !ft->with_stop)
        return 0;
    freq_add(ft, t->stem, t->stem_len);
    return 0;
}

static int by_count(const void *a, const void *b)
{
    const freq_entry *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->stem, y->stem);
}

static int count_article(void *ctx, kh_article *a)
{
    freq_table *ft = ctx;
    if (a->title)
        kh_analyze(ft->an, a->title, strlen(a->title), count_token, ft);
    if (a->raw && a->raw_format != KH_FORMAT_HTML)
        kh_analyze(ft->an, a->raw, a->raw_len, count_token, ft);
    return 0;
}

static int is_plain_text(const char *path)
{
    size_t n = strlen(path);
    return strcmp(path, "-") == 0 ||
           (n > 4 && strcmp(path + n - 4, ".txt") == 0);
}

/* Count every input; returns an exit code. */
static int count_inputs(freq_table *ft, char **paths, int n_paths)
{
    int status = EXIT_OK;
    for (int i = 0; i < n_paths; i++) {
        if (is_plain_text(paths[i])) {
            size_t len;
            char *text = read_input(paths[i], &len);
            if (!text) {
                status = EXIT_IO;
                continue;
            }
            kh_analyze(ft->an, text, len, count_token, ft);
            free(text);
            continue;
        }
        kh_read_opts ro;
        kh_read_opts_init(&ro);
        kh_read_sink sink = {count_article, cli_print_read_error, NULL, ft};
        const char *one[1] = {paths[i]};
        int rc = kh_read_paths(one, 1, &ro, &sink);
        if (rc != KH_OK)
            status = cli_exit_code(rc) == EXIT_OK ? EXIT_IO : cli_exit_code(rc);
    }
    return status;
}

static void print_freq(freq_table *ft, long long limit, int json)
{
    freq_entry *list = malloc((ft->used ? ft->used : 1) * sizeof *list);
    if (!list) {
        cli_error("out of memory");
        exit(EXIT_INTERNAL);
    }
    size_t n = 0;
    for (size_t i = 0; i < ft->cap; i++)
        if (ft->slots[i].stem)
            list[n++] = ft->slots[i];
    qsort(list, n, sizeof *list, by_count);
    if (limit > 0 && (size_t)limit < n)
        n = (size_t)limit;
    for (size_t i = 0; i < n; i++) {
        if (!json) {
            printf("%10llu  %s\n", (unsigned long long)list[i].count,
                   list[i].stem);
            continue;
        }
        json_t *o = json_pack("{s:s%,s:I}", "stem", list[i].stem, list[i].len,
                              "count", (json_int_t)list[i].count);
        char *line = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER)
                       : NULL;
        if (line)
            puts(line);
        free(line);
        json_decref(o);
    }
    free(list);
}

static void freq_free(freq_table *ft)
{
    for (size_t i = 0; i < ft->cap; i++)
        free(ft->slots[i].stem);
    free(ft->slots);
}

/* --- options ------------------------------------------------------------ */

typedef struct analyze_args {
    kh_analyzer_opts opts;
    int json, with_stop;
    long long freq; /* -1: no --freq */
    char **rest;
    int n_rest;
} analyze_args;

static int parse_stemmer(const char *name, kh_stemmer *out)
{
    if (strcmp(name, "light") == 0)
        *out = KH_STEM_LIGHT;
    else if (strcmp(name, "snowball") == 0)
        *out = KH_STEM_SNOWBALL;
    else if (strcmp(name, "none") == 0)
        *out = KH_STEM_NONE;
    else
        return -1;
    return 0;
}

/* Returns EXIT_OK or EXIT_USAGE (after saying why). */
static int parse_args(int argc, char **argv, analyze_args *a)
{
    memset(a, 0, sizeof *a);
    kh_analyzer_opts_init(&a->opts);
    a->freq = -1;
    int i = 1;
    for (; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0) {
            i++;
            break;
        }
        if (arg[0] != '-' || strcmp(arg, "-") == 0)
            break;
        if (strcmp(arg, "--json") == 0) {
            a->json = 1;
        } else if (strcmp(arg, "--no-fold-ta-marbuta") == 0) {
            a->opts.fold_ta_marbuta = 0;
        } else if (strcmp(arg, "--no-fold-alef-maqsura") == 0) {
            a->opts.fold_alef_maqsura = 0;
        } else if (strcmp(arg, "--no-fold-hamza") == 0) {
            a->opts.fold_hamza = 0;
        } else if (strcmp(arg, "--no-clitics") == 0) {
            a->opts.strip_clitics = 0;
        } else if (strcmp(arg, "--with-stopwords") == 0) {
            a->with_stop = 1;
        } else if (strcmp(arg, "--stemmer") == 0 ||
                   strcmp(arg, "--freq") == 0) {
            if (i + 1 >= argc) {
                cli_error("analyze: %s needs a value", arg);
                return EXIT_USAGE;
            }
            const char *val = argv[++i];
            if (arg[2] == 's' && parse_stemmer(val, &a->opts.stemmer) != 0) {
                cli_error("analyze: unknown stemmer '%s' (light, snowball, "
                          "none)", val);
                return EXIT_USAGE;
            }
            if (arg[2] == 'f' && (a->freq = cli_parse_count(val)) < 0) {
                cli_error("analyze: --freq wants a count, not '%s'", val);
                return EXIT_USAGE;
            }
        } else {
            cli_error("analyze: unknown option '%s'; see 'khabar analyze "
                      "--help'", arg);
            return EXIT_USAGE;
        }
    }
    a->rest = argv + i;
    a->n_rest = argc - i;
    if (a->freq < 0 && a->n_rest > 1) {
        cli_error("analyze: give the text as one argument (quote it), or '-'");
        return EXIT_USAGE;
    }
    if (a->freq >= 0 && a->n_rest == 0) {
        cli_error("analyze: --freq needs a FILE (or - for standard input)");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int run_freq(analyze_args *a, kh_analyzer *an)
{
    freq_table ft = {0};
    ft.an = an;
    ft.with_stop = a->with_stop;
    int status = count_inputs(&ft, a->rest, a->n_rest);
    print_freq(&ft, a->freq, a->json);
    freq_free(&ft);
    return status;
}

static int run_show(analyze_args *a, kh_analyzer *an)
{
    size_t len;
    char *text;
    if (a->n_rest == 0 || strcmp(a->rest[0], "-") == 0)
        text = read_input("-", &len);
    else
        text = strdup(a->rest[0]), len = strlen(a->rest[0]);
    if (!text)
        return EXIT_IO;
    show_ctx sc = {text, a->json, 0};
    kh_analyze(an, text, len, show_token, &sc);
    free(text);
    return EXIT_OK;
}

int cmd_analyze(int argc, char **argv)
{
    if (cli_want_help(argc, argv)) {
        analyze_usage(stdout);
        return EXIT_OK;
    }
    analyze_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc != EXIT_OK)
        return rc;
    kh_analyzer *an = kh_analyzer_create(&a.opts);
    rc = a.freq >= 0 ? run_freq(&a, an) : run_show(&a, an);
    kh_analyzer_free(an);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write the output");
        rc = EXIT_IO;
    }
    return rc;
}
