/*
 * kh_test.h - the few macros the unit tests need.
 *
 * A test file defines `static void test_x(void)` functions and a main()
 * that calls KH_RUN(test_x) for each, then returns kh_test_report().  A
 * failed check prints file:line and what differed, and the test goes on, so
 * one run shows every failure.  Exit code 77 means "skipped" to ctest.
 */
#ifndef KH_TEST_H
#define KH_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int kh_test_failures;
static int kh_test_checks;

#define KH_CHECK(cond)                                                       \
    do {                                                                     \
        kh_test_checks++;                                                    \
        if (!(cond)) {                                                       \
            kh_test_failures++;                                              \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
        }                                                                    \
    } while (0)

#define KH_CHECK_INT(got, want)                                              \
    do {                                                                     \
        long long g_ = (long long)(got), w_ = (long long)(want);             \
        kh_test_checks++;                                                    \
        if (g_ != w_) {                                                      \
            kh_test_failures++;                                              \
            fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", __FILE__,      \
                    __LINE__, #got, g_, w_);                                 \
        }                                                                    \
    } while (0)

#define KH_CHECK_STR(got, want)                                              \
    do {                                                                     \
        const char *g_ = (got), *w_ = (want);                                \
        kh_test_checks++;                                                    \
        if ((g_ == NULL) != (w_ == NULL) ||                                  \
            (g_ && strcmp(g_, w_) != 0)) {                                   \
            kh_test_failures++;                                              \
            fprintf(stderr, "%s:%d: %s is \"%s\", want \"%s\"\n", __FILE__,  \
                    __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
        }                                                                    \
    } while (0)

#define KH_RUN(fn)                                                           \
    do {                                                                     \
        int before_ = kh_test_failures;                                      \
        fn();                                                                \
        fprintf(stderr, "%-40s %s\n", #fn,                                   \
                kh_test_failures == before_ ? "ok" : "FAILED");              \
    } while (0)

static inline int kh_test_report(void)
{
    fprintf(stderr, "%d checks, %d failed\n", kh_test_checks,
            kh_test_failures);
    if (kh_test_checks == 0) {
        fprintf(stderr, "no checks ran\n");
        return 1;
    }
    return kh_test_failures ? 1 : 0;
}

/* kh_test_env_path: getenv(var) + "/" + rel, or NULL when var is unset or
 * the path does not exist. Caller frees. */
#include <sys/stat.h>
static inline char *kh_test_env_path(const char *var, const char *rel)
{
    const char *base = getenv(var);
    if (!base || !*base)
        return NULL;
    size_t n = strlen(base) + strlen(rel) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", base, rel);
    struct stat st;
    if (stat(p, &st) != 0) {
        free(p);
        return NULL;
    }
    return p;
}

/* kh_test_read_file: whole file into a malloc'd NUL-terminated buffer. */
static inline char *kh_test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n - 1 == 0)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

#endif
