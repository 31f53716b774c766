/*
 * bench_html.c - the HTML extractor on benchmark pages: what it extracts
 * (for bench/extraction/score.py to score) and how fast, beside the time
 * libxml2 alone takes to parse the same pages.
 *
 *   bench_html extract LIST OUT.json
 *       LIST holds "id<TAB>path" lines (path plain or .gz).  Each page goes
 *       through khabar as `khabar clean --format html` takes it: the reader
 *       (charset from <meta>, else detected; conversion to UTF-8), then
 *       kh_clean_article.  OUT.json is {id: {"articleBody", "title",
 *       "author", "date", "lang", "dir"}}.
 *   bench_html speed LIST [ROUNDS]
 *       Loads every page into memory, then times, median of ROUNDS (3) in
 *       CPU seconds (wall beside it: the machine may be shared):
 *       libxml2 building its DOM (htmlReadMemory: the parse-only floor),
 *       libxml2's parser with no handlers (SAX, nothing built), khabar's
 *       extraction alone (kh_html_extract on the UTF-8 page) and the whole
 *       per-page path (reader + kh_clean_article).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <zlib.h>

#include "extract/html_article.h"
#include "khabar.h"

#define MAX_ROUNDS 64

typedef struct page {
    char *id, *path, *bytes, *utf8;
    size_t len, utf8_len;
} page;

static double clock_s(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of n values (sorting them). */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The whole file, gunzipped when it is gzip (gzread reads plain files
 * as they are). */
static char *slurp(const char *path, size_t *len)
{
    gzFile g = gzopen(path, "rb");
    if (!g)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    int r;
    while (b && (r = gzread(g, b + n, (unsigned)(cap - n - 1))) > 0) {
        n += (size_t)r;
        if (cap - n < 2) {
            cap *= 2;
            b = realloc(b, cap);
        }
    }
    gzclose(g);
    if (!b)
        return NULL;
    b[n] = '\0';
    *len = n;
    return b;
}

static page *load_list(const char *list, size_t *n_pages)
{
    FILE *f = fopen(list, "r");
    if (!f) {
        perror(list);
        exit(2);
    }
    size_t cap = 64, n = 0;
    page *v = calloc(cap, sizeof *v);
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        if (n == cap) {
            cap *= 2;
            v = realloc(v, cap * sizeof *v);
        }
        page *p = &v[n];
        memset(p, 0, sizeof *p);
        p->id = strdup(line);
        p->path = strdup(tab + 1);
        p->bytes = slurp(p->path, &p->len);
        if (!p->bytes) {
            fprintf(stderr, "bench_html: cannot read %s\n", p->path);
            free(p->id);
            free(p->path);
            continue;
        }
        n++;
    }
    fclose(f);
    *n_pages = n;
    return v;
}

/* ---- one page through the reader and the cleaner ------------------------ */

typedef struct one {
    json_t *out;       /* the page's record, or NULL            */
    char *utf8;        /* the converted page (speed mode)       */
    size_t utf8_len;
    int clean;         /* 1: run kh_clean_article               */
} one;

static void set_str(json_t *o, const char *k, const char *v)
{
    json_object_set_new(o, k, v ? json_string(v) : json_null());
}

static int on_article(void *ctx, kh_article *a)
{
    one *o = ctx;
    if (!o->clean) {
        o->utf8 = a->raw;
        o->utf8_len = a->raw_len;
        a->raw = NULL;
        return 0;
    }
    int rc = kh_clean_article(a, NULL);
    if (o->out) {
        set_str(o->out, "articleBody", rc == KH_OK && a->text ? a->text : "");
        set_str(o->out, "title", a->title);
        set_str(o->out, "author", a->author);
        set_str(o->out, "date", a->date);
        set_str(o->out, "lang", a->lang);
        set_str(o->out, "dir", a->dir);
    }
    return 0;
}

static void on_error(void *ctx, const kh_read_error *e)
{
    (void)ctx;
    fprintf(stderr, "bench_html: %s: %s\n", e->path, e->message);
}

static void run_page(const page *p, one *o)
{
    kh_read_opts opts;
    kh_read_opts_init(&opts);
    opts.format = KH_FORMAT_HTML;
    kh_read_sink sink = {on_article, on_error, NULL, o};
    /* the bytes are gunzipped already: name them without ".gz" */
    char name[4096];
    snprintf(name, sizeof name, "%s", p->path);
    size_t n = strlen(name);
    if (n > 3 && strcmp(name + n - 3, ".gz") == 0)
        name[n - 3] = '\0';
    kh_read_buffer(name, p->bytes, p->len, &opts, &sink);
}

static int cmd_extract(const char *list, const char *out_path)
{
    size_t n;
    page *pages = load_list(list, &n);
    json_t *all = json_object();
    for (size_t i = 0; i < n; i++) {
        one o = {json_object(), NULL, 0, 1};
        run_page(&pages[i], &o);
        if (json_object_size(o.out) == 0)
            set_str(o.out, "articleBody", "");
        json_object_set_new(all, pages[i].id, o.out);
    }
    if (json_dump_file(all, out_path, JSON_INDENT(1) | JSON_SORT_KEYS) != 0) {
        fprintf(stderr, "bench_html: cannot write %s\n", out_path);
        return 1;
    }
    json_decref(all);
    fprintf(stderr, "bench_html: %zu pages extracted into %s\n", n, out_path);
    return 0;
}

/* ---- speed --------------------------------------------------------------- */

static void time_it(const char *what, page *pages, size_t n, int rounds,
                    double mb, int mode)
{
    double cpu[MAX_ROUNDS], wall[MAX_ROUNDS];
    for (int r = 0; r < rounds; r++) {
        double t0 = clock_s(CLOCK_MONOTONIC);
        double c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
        for (size_t i = 0; i < n; i++) {
            page *p = &pages[i];
            if (mode == 0) {
                htmlDocPtr d = htmlReadMemory(
                    p->bytes, (int)p->len, NULL, NULL,
                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
                xmlFreeDoc(d);
            } else if (mode == 1) {
                htmlSAXHandler sax;
                memset(&sax, 0, sizeof sax);
                htmlParserCtxtPtr c = htmlCreateMemoryParserCtxt(p->bytes,
                                                                 (int)p->len);
                if (c) {
                    memcpy(c->sax, &sax, sizeof sax);
                    htmlCtxtUseOptions(c, HTML_PARSE_RECOVER |
                                              HTML_PARSE_NOERROR |
                                              HTML_PARSE_NOWARNING |
                                              HTML_PARSE_NONET);
                    htmlParseDocument(c);
                    if (c->myDoc)
                        xmlFreeDoc(c->myDoc);
                    htmlFreeParserCtxt(c);
                }
            } else if (mode == 2) {
                kh_html_result res;
                kh_html_extract(p->utf8, p->utf8_len, NULL, &res);
                kh_html_result_free(&res);
            } else {
                one o = {NULL, NULL, 0, 1};
                run_page(p, &o);
            }
        }
        cpu[r] = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
        wall[r] = clock_s(CLOCK_MONOTONIC) - t0;
    }
    double c = median(cpu, rounds), w = median(wall, rounds);
    printf("%-44s %8.3f s %8.1f MB/s  (wall %.3f s, %.1f MB/s)\n", what, c,
           mb / c, w, mb / w);
}

static int cmd_speed(const char *list, int rounds)
{
    size_t n;
    page *pages = load_list(list, &n);
    double bytes = 0;
    for (size_t i = 0; i < n; i++) {
        bytes += (double)pages[i].len;
        one o = {NULL, NULL, 0, 0};
        run_page(&pages[i], &o);
        pages[i].utf8 = o.utf8 ? o.utf8 : strdup("");
        pages[i].utf8_len = o.utf8 ? o.utf8_len : 0;
    }
    double mb = bytes / 1e6;
    printf("%zu pages, %.1f MB of HTML, median of %d rounds, CPU seconds\n",
           n, mb, rounds);
    time_it("libxml2 parse only (DOM, htmlReadMemory)", pages, n, rounds, mb,
            0);
    time_it("libxml2 parse only (SAX, no handlers)", pages, n, rounds, mb, 1);
    time_it("khabar extraction (kh_html_extract)", pages, n, rounds, mb, 2);
    time_it("khabar reader + kh_clean_article", pages, n, rounds, mb, 3);
    for (size_t i = 0; i < n; i++) {
        free(pages[i].id);
        free(pages[i].path);
        free(pages[i].bytes);
        free(pages[i].utf8);
    }
    free(pages);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && strcmp(argv[1], "extract") == 0)
        return cmd_extract(argv[2], argv[3]);
    if (argc >= 3 && strcmp(argv[1], "speed") == 0) {
        int rounds = argc >= 4 ? atoi(argv[3]) : 3;
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            fprintf(stderr, "bench_html: ROUNDS must be 1-%d\n", MAX_ROUNDS);
            return 2;
        }
        return cmd_speed(argv[2], rounds);
    }
    fprintf(stderr, "usage: bench_html extract LIST OUT.json\n"
                    "       bench_html speed LIST [ROUNDS]\n");
    return 2;
}
