/*
 * test_clean_seeds.c - the five seed pages (one story from five outlets,
 * read from $KH_SHARED/seeds): not one body paragraph may be lost and the
 * chrome must go.  For each seed, the verdict on every non-empty raw line,
 * by its index among them; a few chrome lines are also checked by their
 * marker.  No seed text is kept here beyond those short markers.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "extract/clean.h"
#include "kh_test.h"
#include "khabar.h"

#define K NULL /* body: kept */

/* Verdicts by line; the list ends with "end". */
static const char *const seed0[] = {
    "title", K, K, K, K, "read-also", K, "read-also", "related-teaser",
    "related-teaser", "related-teaser", "related-teaser", "related-teaser",
    "related-teaser", "related-teaser", "related-teaser", "comments",
    "comments", "end"};
static const char *const seed1[] = {
    "navigation", "navigation", "title", "caption-repeat", "caption-repeat",
    K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K,
    "font-size", "font-size", "font-size", "font-size", "end"};
static const char *const seed2[] = {
    "title", K, "repeated", "related-teaser", "related-teaser",
    "related-teaser", "related-teaser", "related-teaser", "related-teaser",
    "related-teaser", "related-teaser", "related-teaser", "end"};
static const char *const seed3[] = {
    "title", K, K, K, K, K, K, K, K, "comments", "comments", "comments",
    "comments", "comments", "comments", "comments", "comments", "comments",
    "end"};
static const char *const seed4[] = {
    "title", K, K, K, K, K, K, K, K, K, K, K, K, K, "subscribe-footer",
    "url", "subscribe-footer", "subscribe-footer", "subscribe-footer", "url",
    "end"};

typedef struct marker {
    size_t line;
    const char *start; /* the line starts with this */
} marker;

typedef struct seed {
    const char *prefix; /* file name prefix in seeds/ */
    const char *const *verdicts;
    marker markers[5];
    size_t ad_cut_line; /* a line with an ad marker cut out, or 0 */
} seed;

static const seed seeds[] = {
    {"000_", seed0, {{5, "إقرأ المزيد"}, {7, "اقرأ أيضا"}, {16, "أضف تعليقاً"}}, 0},
    {"001_", seed1, {{0, "Accessibility links"}, {1, "logo-print"},
                     {23, "XS"}, {24, "SM"}, {26, "LG"}}, 0},
    {"002_", seed2, {{0, NULL}}, 0},
    {"003_", seed3, {{10, "9 Comments"}}, 8},
    {"004_", seed4, {{1, "موسكو-سانا"}, {15, "https://telegram.me/"},
                     {16, "تابعونا عبر"}}, 0},
};

/* The seed file whose name starts with prefix, or NULL. */
static char *find_seed(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char *found = NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && !found) {
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
            size_t n = strlen(dir) + strlen(e->d_name) + 2;
            found = malloc(n);
            snprintf(found, n, "%s/%s", dir, e->d_name);
        }
    }
    closedir(d);
    return found;
}

static void check_seed(const char *dir, const seed *s)
{
    char *path = find_seed(dir, s->prefix);
    KH_CHECK(path != NULL);
    if (!path)
        return;
    size_t len = 0;
    char *raw = kh_test_read_file(path, &len);
    KH_CHECK(raw != NULL);
    if (!raw) {
        free(path);
        return;
    }

    /* line by line, through the paragraph API */
    kh_paras p = KH_PARAS_INIT;
    kh_paras_split_text(&p, raw, len);
    kh_clean_opts o = {.title_from_text = 1};
    kh_clean_paras(&p, &o, NULL);
    size_t i = 0, kept = 0;
    for (; strcmp(s->verdicts[i] ? s->verdicts[i] : "", "end") != 0; i++) {
        KH_CHECK(i < p.n);
        if (i >= p.n)
            break;
        if ((s->verdicts[i] == NULL) != (p.v[i].dropped == NULL) ||
            (s->verdicts[i] && strcmp(s->verdicts[i], p.v[i].dropped) != 0))
            fprintf(stderr, "%s line %zu: %s, want %s\n", s->prefix, i,
                    p.v[i].dropped ? p.v[i].dropped : "kept",
                    s->verdicts[i] ? s->verdicts[i] : "kept");
        KH_CHECK_STR(p.v[i].dropped, s->verdicts[i]);
        kept += p.v[i].dropped == NULL;
    }
    KH_CHECK_INT(i, p.n);
    for (size_t m = 0; m < 5 && s->markers[m].start; m++) {
        const marker *mk = &s->markers[m];
        KH_CHECK(mk->line < p.n &&
                 strncmp(p.v[mk->line].text, mk->start, strlen(mk->start)) ==
                     0);
    }
    if (s->ad_cut_line) {
        const kh_para *ad = &p.v[s->ad_cut_line];
        KH_CHECK(ad->dropped == NULL && ad->n_cuts == 1);
        if (ad->n_cuts == 1)
            KH_CHECK_STR(ad->cuts[0].line, "[ads3]");
        KH_CHECK(strstr(ad->text, "[ads") == NULL);
    }

    /* the whole article: the kept lines are its text, every other line
     * (and the cut marker) is in removed */
    kh_article a = {0};
    a.raw = raw;
    a.raw_len = len;
    KH_CHECK_INT(kh_clean_article(&a, NULL), KH_OK);
    KH_CHECK(a.title != NULL && a.text != NULL);
    size_t lines = 1;
    for (const char *c = a.text; c && *c; c++)
        lines += *c == '\n';
    KH_CHECK_INT(lines, kept);
    KH_CHECK_INT(a.n_removed, p.n - kept + (s->ad_cut_line ? 1 : 0));
    /* no seed states a whole date (its day, month and year) at its head:
     * the date stays unknown; a year in the body ("منذ عام 1961") or a day
     * without a year ("الخميس 1 تشرين الأول") is not the page's date */
    KH_CHECK_STR(a.date, NULL);
    kh_article_clear(&a); /* frees raw */
    kh_paras_free(&p);
    free(path);
}

int main(void)
{
    char *dir = kh_test_env_path("KH_SHARED", "seeds");
    if (!dir) {
        fprintf(stderr, "skipped: no seed pages (set KH_SHARED to the shared "
                        "data directory holding seeds/)\n");
        return 77;
    }
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++)
        check_seed(dir, &seeds[i]);
    free(dir);
    return kh_test_report();
}
