/*
 * bench_analyze.c - throughput of the Arabic analyser: tokenize-only,
 * light stemmer, Snowball and no stemmer over one text file, each run N
 * times, median MB/s; `wc -w` over the same file as the yardstick.
 *
 * usage: bench_analyze FILE [RUNS [PASS]]   (RUNS defaults to 5; PASS is
 * one of tokenize-only, none, light, snowball, wc: only that one, e.g.
 * under `perf stat`)
 * Times are CPU seconds (ours: this process; wc: its children), so that a
 * busy shared machine skews both sides alike; wall-clock MB/s is printed
 * beside them.
 * The corpus text used in src/arabic/README.md is the "content" fields of
 * SaudiNewsNet, one article after another.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "khabar.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds used by waited-for children so far. */
static double children_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[size] = '\0';
        *len = (size_t)size;
    }
    return buf;
}

typedef struct counts {
    size_t tokens, bytes;
} counts;

static int count_token(void *ctx, const kh_token *t)
{
    counts *c = ctx;
    c->tokens++;
    c->bytes += t->stem_len;
    return 0;
}

typedef struct speed {
    double cpu, wall; /* median MB/s */
} speed;

/* Median MB/s of `runs` passes of one analyser configuration. */
static speed bench_config(const kh_analyzer_opts *o, const char *text,
                          size_t len, int runs, size_t *tokens)
{
    double cpu[64], wall[64];
    kh_analyzer *an = kh_analyzer_create(o);
    for (int r = 0; r < runs; r++) {
        counts c = {0, 0};
        double t0 = now(), c0 = cpu_now();
        kh_analyze(an, text, len, count_token, &c);
        cpu[r] = (double)len / 1e6 / (cpu_now() - c0);
        wall[r] = (double)len / 1e6 / (now() - t0);
        *tokens = c.tokens;
    }
    kh_analyzer_free(an);
    return (speed){median(cpu, runs), median(wall, runs)};
}

/* Median MB/s of `LC_ALL=C.UTF-8 wc -w FILE` (cpu 0 when it cannot run). */
static speed bench_wc(const char *path, size_t len, int runs)
{
    double cpu[64], wall[64];
    char cmd[4096];
    speed none = {0, 0};
    if (snprintf(cmd, sizeof cmd, "LC_ALL=C.UTF-8 wc -w '%s' >/dev/null",
                 path) >= (int)sizeof cmd || strchr(path, '\''))
        return none;
    for (int r = 0; r < runs; r++) {
        double t0 = now(), c0 = children_cpu();
        int st = system(cmd);
        if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            return none;
        cpu[r] = (double)len / 1e6 / (children_cpu() - c0);
        wall[r] = (double)len / 1e6 / (now() - t0);
    }
    return (speed){median(cpu, runs), median(wall, runs)};
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: bench_analyze FILE [RUNS [PASS]]\n");
        return 2;
    }
    int runs = argc >= 3 ? atoi(argv[2]) : 5;
    const char *only = argc == 4 ? argv[3] : NULL;
    if (runs < 1 || runs > 64) {
        fprintf(stderr, "bench_analyze: RUNS must be 1-64\n");
        return 2;
    }
    size_t len;
    char *text = slurp(argv[1], &len);
    if (!text) {
        fprintf(stderr, "bench_analyze: cannot read %s\n", argv[1]);
        return 1;
    }
    printf("%s: %.1f MB, %d runs each, median MB/s of CPU time (wall)\n",
           argv[1], len / 1e6, runs);
    speed wc = {0, 0};
    if (!only || strcmp(only, "wc") == 0)
        wc = bench_wc(argv[1], len, runs);
    if (wc.cpu > 0)
        printf("%-16s %8.1f MB/s (%6.1f)\n", "wc -w", wc.cpu, wc.wall);

    static const struct {
        const char *name;
        kh_stemmer stemmer;
        int tokenize_only;
    } configs[] = {
        {"tokenize-only", KH_STEM_NONE, 1},
        {"none", KH_STEM_NONE, 0},
        {"light", KH_STEM_LIGHT, 0},
        {"snowball", KH_STEM_SNOWBALL, 0},
    };
    double base = 0;
    for (size_t i = 0; i < sizeof configs / sizeof *configs; i++) {
        if (only && strcmp(only, configs[i].name) != 0)
            continue;
        kh_analyzer_opts o;
        kh_analyzer_opts_init(&o);
        o.stemmer = configs[i].stemmer;
        o.tokenize_only = configs[i].tokenize_only;
        size_t tokens = 0;
        speed sp = bench_config(&o, text, len, runs, &tokens);
        if (base == 0)
            base = sp.cpu;
        printf("%-16s %8.1f MB/s (%6.1f)  %zu tokens  %.2fx tokenize-only",
               configs[i].name, sp.cpu, sp.wall, tokens, sp.cpu / base);
        if (wc.cpu > 0)
            printf("  %.2fx wc -w", sp.cpu / wc.cpu);
        putchar('\n');
    }
    free(text);
    return 0;
}
