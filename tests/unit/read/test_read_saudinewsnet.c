/*
 * test_read_saudinewsnet.c - the real thing: the 18 SaudiNewsNet zips
 * under $KH_SHARED/data/saudinewsnet hold 31,030 articles, every one with
 * a source, a URL and a date.  Skipped (exit 77) when the data is absent.
 */
#include "kh_test.h"
#include "khabar.h"

typedef struct census {
    size_t articles, with_source, with_id, iso_dates, empty, errors;
    char outlets[32][24];
    size_t n_outlets;
    char first_origin[64];
} census;

static int count(void *ctx, kh_article *a)
{
    census *c = ctx;
    if (c->articles++ == 0 && a->origin)
        snprintf(c->first_origin, sizeof c->first_origin, "%s",
                 strrchr(a->origin, '/') ? strrchr(a->origin, '/') + 1
                                         : a->origin);
    /* a source from the records, not the directory's name */
    c->with_source += a->source && strcmp(a->source, "saudinewsnet") != 0;
    c->with_id += a->url != NULL && a->id != 0;
    c->iso_dates += a->date && strlen(a->date) == 19 && a->date[10] == 'T';
    c->empty += a->raw == NULL;
    size_t k = 0;
    while (a->source && k < c->n_outlets && strcmp(c->outlets[k], a->source))
        k++;
    if (a->source && k == c->n_outlets && k < 32)
        snprintf(c->outlets[c->n_outlets++], sizeof c->outlets[0], "%s",
                 a->source);
    return 0;
}

static void on_error(void *ctx, const kh_read_error *e)
{
    census *c = ctx;
    c->errors++;
    fprintf(stderr, "%s:%llu: %s\n", e->path, (unsigned long long)e->line,
            e->message);
}

static char *data_dir;

static void test_saudinewsnet(void)
{
    census c = {0};
    kh_read_opts o;
    kh_read_opts_init(&o);
    kh_read_sink sink = {count, on_error, NULL, &c};
    const char *paths[] = {data_dir};
    KH_CHECK_INT(kh_read_paths(paths, 1, &o, &sink), KH_OK);
    KH_CHECK_INT(c.articles, 31030);
    KH_CHECK_INT(c.errors, 0);
    KH_CHECK_INT(c.with_source, 31030);
    KH_CHECK_INT(c.n_outlets, 14); /* the outlets the data's README lists */
    KH_CHECK_INT(c.with_id, 31030);
    KH_CHECK_INT(c.iso_dates, 31030);
    KH_CHECK(c.empty > 300 && c.empty < 400); /* the README counts 354 */
    KH_CHECK_STR(c.first_origin, "2015-07-21.zip!2015-07-21.json#0");
}

int main(void)
{
    data_dir = kh_test_env_path("KH_SHARED", "data/saudinewsnet");
    if (!data_dir) {
        fprintf(stderr, "skipped: SaudiNewsNet is not under $KH_SHARED "
                        "(data/saudinewsnet)\n");
        return 77;
    }
    KH_RUN(test_saudinewsnet);
    free(data_dir);
    return kh_test_report();
}
