/*
 * test_dedup.c - the dedup stage alone: MinHash accuracy, shingles, URL
 * keys, and the index's clusters (exact, URL variants, near, templates,
 * chains, repeats, 10,000 copies, empty texts, save and restore, the
 * window that bounds memory).
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "dedup/dedup_keys.h"
#include "dedup/dedup_prep.h"
#include "dedup/dedup_state.h"
#include "dedup/minhash.h"
#include "dedup/shingles.h"
#include "dedup/urlkey.h"
#include "kh_test.h"
#include "khabar.h"

static uint64_t rng_state = 12345;
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Two sets of 1000 random hashes sharing `common` of them: the signature
 * estimate must stay within 4 standard deviations of the true Jaccard. */
static void test_minhash_estimates_jaccard(void)
{
    kh_minhash mh;
    kh_minhash_init(&mh, 128);
    uint32_t a[1000], b[1000], sa[128], sb[128];
    const size_t commons[] = {0, 300, 667, 900, 1000};
    double total_err = 0;
    for (size_t t = 0; t < sizeof commons / sizeof *commons; t++) {
        for (int trial = 0; trial < 20; trial++) {
            size_t common = commons[t];
            for (size_t i = 0; i < 1000; i++) {
                a[i] = (uint32_t)rnd();
                b[i] = i < common ? a[i] : (uint32_t)rnd();
            }
            kh_minhash_sign(&mh, a, 1000, sa);
            kh_minhash_sign(&mh, b, 1000, sb);
            double j = (double)common / (double)(2000 - common);
            double est = kh_minhash_estimate(sa, sb, 128);
            double sd = sqrt(j * (1 - j) / 128) + 0.01;
            KH_CHECK(fabs(est - j) < 4 * sd);
            total_err += est - j;
        }
    }
    /* no bias: the mean error over 100 pairs is small */
    KH_CHECK(fabs(total_err / 100) < 0.02);
    /* an empty set signs as all-maximum */
    kh_minhash_sign(&mh, a, 0, sa);
    KH_CHECK_INT(sa[0], UINT32_MAX);
    KH_CHECK_INT(sa[127], UINT32_MAX);
    /* band keys differ by band even for equal slots */
    uint32_t same[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    KH_CHECK(kh_minhash_band_key(same, 0, 4) != kh_minhash_band_key(same, 1, 4));
    kh_minhash_free(&mh);
}

static void test_shingles(void)
{
    kh_u32vec out = {0}, scratch = {0};
    uint64_t words[12] = {1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6};
    kh_shingle_set(words, 12, 5, &out, &scratch);
    /* 8 shingles, of which "1 2 3 4 5" and "2 3 4 5 6" repeat */
    KH_CHECK_INT(out.n, 6);
    for (size_t i = 1; i < out.n; i++)
        KH_CHECK(out.v[i - 1] < out.v[i]);
    kh_shingle_set(words, 3, 5, &out, &scratch); /* shorter than w */
    KH_CHECK_INT(out.n, 1);
    kh_shingle_set(words, 0, 5, &out, &scratch);
    KH_CHECK_INT(out.n, 0);
    /* order matters: reversed words make other shingles */
    uint64_t fwd[5] = {10, 20, 30, 40, 50}, rev[5] = {50, 40, 30, 20, 10};
    kh_u32vec o2 = {0};
    kh_shingle_set(fwd, 5, 5, &out, &scratch);
    kh_shingle_set(rev, 5, 5, &o2, &scratch);
    KH_CHECK(out.v[0] != o2.v[0]);
    /* radix sort on a long array */
    kh_u32vec big = {0};
    kh_u32vec_reserve(&big, 5000);
    for (size_t i = 0; i < 5000; i++)
        big.v[i] = (uint32_t)rnd();
    kh_sort_u32(big.v, 5000, &scratch);
    int sorted = 1;
    for (size_t i = 1; i < 5000; i++)
        sorted &= big.v[i - 1] <= big.v[i];
    KH_CHECK(sorted);
    uint32_t x[] = {1, 3, 5, 7, 9}, y[] = {2, 3, 4, 7, 10, 11};
    KH_CHECK_INT(kh_overlap(x, 5, y, 6), 2);
    KH_CHECK_INT(kh_overlap(x, 0, y, 6), 0);
    kh_u32vec_free(&out);
    kh_u32vec_free(&o2);
    kh_u32vec_free(&big);
    kh_u32vec_free(&scratch);
}

static void check_canonical(const char *url, const char *want)
{
    kh_buf b = KH_BUF_INIT;
    kh_buf_reset(&b);
    int ok = kh_url_canonical(url, &b);
    KH_CHECK_STR(ok ? b.data : NULL, want);
    kh_buf_free(&b);
}

static void test_url_keys(void)
{
    check_canonical("http://www.al-madina.com/node/620978/x.html?weekly",
                    "al-madina.com/node/620978/x.html");
    check_canonical("https://al-madina.com/node/620978/x.html?live#top",
                    "al-madina.com/node/620978/x.html");
    check_canonical("http://www.spa.gov.sa/details.php?id=1386665",
                    "spa.gov.sa/details.php?id=1386665");
    check_canonical("http://Example.COM:80/a/b/?utm_source=t&b=2&a=1",
                    "example.com/a/b?a=1&b=2");
    check_canonical("http://example.com/%D8%B1%D9%88%D8%B3%D9%8A%D8%A7/",
                    "example.com/روسيا");
    check_canonical("http://example.com/100%", "example.com/100%");
    check_canonical("seeds/003.txt", NULL);
    check_canonical("", NULL);
    kh_buf b = KH_BUF_INIT;
    uint64_t k1 = kh_url_key("http://spa.gov.sa/details.php?id=1", &b);
    uint64_t k2 = kh_url_key("http://spa.gov.sa/details.php?id=2", &b);
    uint64_t k3 = kh_url_key("https://www.spa.gov.sa/details.php?id=1", &b);
    KH_CHECK(k1 != k2);
    KH_CHECK(k1 == k3);
    KH_CHECK(kh_url_key(NULL, &b) == 0);
    kh_buf_free(&b);
}

/* n random words; `from` fixes the stream so texts can share words. */
static void random_words(uint64_t *w, size_t n, uint64_t from)
{
    uint64_t saved = rng_state;
    rng_state = from;
    for (size_t i = 0; i < n; i++)
        w[i] = rnd();
    rng_state = saved;
}

static void test_exact_url_and_near(void)
{
    kh_dedup *d = kh_dedup_create(NULL);
    uint64_t a[200], b[200];
    random_words(a, 200, 1);
    memcpy(b, a, sizeof a);
    b[100] = 77; /* one word changed: 5 of 196 shingles differ */
    kh_dup_result r;
    KH_CHECK_INT(kh_dedup_add_words(d, 11, "http://x.com/1", a, 200, &r), KH_OK);
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    KH_CHECK(r.duplicate_of == 0);
    kh_dedup_add_words(d, 12, "http://y.com/9", a, 200, &r);
    KH_CHECK_INT(r.kind, KH_DUP_EXACT);
    KH_CHECK(r.duplicate_of == 11);
    KH_CHECK(r.jaccard == 1.0);
    kh_dedup_add_words(d, 13, "http://z.com/5", b, 200, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NEAR);
    KH_CHECK(r.duplicate_of == 11);
    KH_CHECK(fabs(r.jaccard - 191.0 / 201.0) < 1e-6);
    /* a URL variant with a different text is still the same page */
    uint64_t c[50];
    random_words(c, 50, 99);
    kh_dedup_add_words(d, 14, "http://www.x.com/1?live", c, 50, &r);
    KH_CHECK_INT(r.kind, KH_DUP_URL);
    KH_CHECK(r.duplicate_of == 11);
    KH_CHECK(r.jaccard < 0.01);
    /* a different text at a different URL is unique */
    random_words(c, 50, 98);
    kh_dedup_add_words(d, 15, "http://x.com/2", c, 50, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    /* the same id again: the first answer, nothing new */
    kh_dedup_add_words(d, 13, NULL, NULL, 0, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NEAR);
    KH_CHECK(r.duplicate_of == 11);
    kh_dedup_counters cnt;
    kh_dedup_counters_get(d, &cnt);
    KH_CHECK_INT(cnt.articles, 5);
    KH_CHECK_INT(cnt.representatives, 2);
    KH_CHECK_INT(kh_dedup_add_words(d, 0, NULL, a, 200, &r), KH_EINVAL);
    kh_dedup_free(d);
}

/* A short text inside a long one is a near-duplicate by containment. */
static void test_containment(void)
{
    kh_dedup_opts o;
    kh_dedup_opts_init(&o);
    o.jaccard = 0.9; /* so that only containment can match */
    kh_dedup *d = kh_dedup_create(&o);
    uint64_t longer[400];
    random_words(longer, 400, 5);
    kh_dup_result r;
    kh_dedup_add_words(d, 1, NULL, longer, 400, &r);
    kh_dedup_add_words(d, 2, NULL, longer + 50, 250, &r);
    /* J = 246/396, below 0.9; containment 1 */
    KH_CHECK_INT(r.kind, KH_DUP_NEAR);
    KH_CHECK(r.containment == 1.0);
    KH_CHECK(r.jaccard < 0.9);
    kh_dedup_free(d);
}

/*
 * A short copy inside a long text: a Jaccard of 0.07, which LSH all but
 * never meets; the sampled shingles find it.  The copy opens as the long
 * text does (a wire report and a longer report built on it).  The same
 * short text taken from the middle of a digest of other news, and no more
 * than a tenth of it, is not a copy of the digest.
 */
static void test_short_copy_inside_long_text(void)
{
    kh_dedup *d = kh_dedup_create(NULL);
    uint64_t longer[1000];
    random_words(longer, 1000, 21);
    kh_dup_result r;
    kh_dedup_add_words(d, 1, NULL, longer, 1000, &r);
    kh_dedup_add_words(d, 2, NULL, longer, 80, &r); /* its opening */
    KH_CHECK_INT(r.kind, KH_DUP_NEAR);
    KH_CHECK(r.duplicate_of == 1);
    KH_CHECK(r.jaccard < 0.1);
    KH_CHECK(r.containment == 1.0);
    kh_dedup_counters c;
    kh_dedup_counters_get(d, &c);
    KH_CHECK(c.sample_candidates >= 1);
    kh_dedup_add_words(d, 3, NULL, longer + 500, 80, &r); /* its middle */
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    kh_dedup_free(d);
}

/*
 * Two texts that share only a stock phrase (a sentence every report of an
 * outlet carries) hold a few of the same sampled shingles, far fewer than
 * a copy would: the long text is not even verified.
 */
static void test_stock_phrase_is_no_candidate(void)
{
    kh_dedup *d = kh_dedup_create(NULL);
    uint64_t a[600], b[600];
    random_words(a, 600, 31);
    random_words(b, 600, 32);
    memcpy(b + 300, a + 100, 40 * sizeof *a); /* 36 shingles in common */
    kh_dup_result r;
    kh_dedup_add_words(d, 1, NULL, a, 600, &r);
    kh_dedup_add_words(d, 2, NULL, b, 600, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    kh_dedup_counters c;
    kh_dedup_counters_get(d, &c);
    KH_CHECK_INT(c.sample_candidates, 0);
    KH_CHECK_INT(c.candidates, 0);
    kh_dedup_free(d);
}

/*
 * Chains: B is close to A, C is close to B but not to A (at a Jaccard
 * threshold of 0.7).  C must not join A's cluster through B.
 */
static void test_no_chaining(void)
{
    kh_dedup_opts o;
    kh_dedup_opts_init(&o);
    o.jaccard = 0.7;
    o.containment = 1.0;
    kh_dedup *d = kh_dedup_create(&o);
    uint64_t a[300], b[300], c[300];
    random_words(a, 300, 7);
    memcpy(b, a, sizeof a);
    for (int i = 0; i < 6; i++)
        b[i * 50 + 10] = rnd(); /* 30 of 296 shingles differ */
    memcpy(c, b, sizeof b);
    for (int i = 0; i < 6; i++)
        c[i * 50 + 35] = rnd();
    kh_dup_result r;
    kh_dedup_add_words(d, 1, NULL, a, 300, &r);
    kh_dedup_add_words(d, 2, NULL, b, 300, &r);
    KH_CHECK(r.duplicate_of == 1);
    KH_CHECK(r.jaccard > 0.7);
    kh_dedup_add_words(d, 3, NULL, c, 300, &r);
    KH_CHECK(r.duplicate_of != 1);
    kh_dedup_free(d);
}

static void add_text(kh_dedup *d, uint64_t id, const char *text,
                     kh_dup_result *r)
{
    kh_article a = {0};
    a.id = id;
    a.text = (char *)text;
    KH_CHECK_INT(kh_dedup_add(d, &a, r), KH_OK);
}

static void add_titled(kh_dedup *d, uint64_t id, const char *title,
                       const char *text, kh_dup_result *r)
{
    kh_article a = {0};
    a.id = id;
    a.title = (char *)title;
    a.text = (char *)text;
    KH_CHECK_INT(kh_dedup_add(d, &a, r), KH_OK);
}

/*
 * Template texts: the same congratulation cable to two countries differs
 * in a few names only (a Jaccard near 0.5, above the threshold); the two
 * must stay apart, which their titles' key words tell (Bolivia and
 * Jamaica, each in its own title and text, nowhere in the other), while a
 * copy of one cable (another outlet's title, a dateline) joins it.
 */
#define SHARED                                                               \
    " وأكد الملك في برقيته عمق العلاقات الثنائية التي تجمع البلدين "         \
    "الصديقين وحرص المملكة على تعزيز التعاون المشترك في المجالات "          \
    "السياسية والاقتصادية والثقافية بما يخدم مصالح الشعبين ويحقق "          \
    "تطلعاتهما إلى مستقبل أفضل."

static void test_templates_and_real_text(void)
{
    const char *cable_a =
        "بعث خادم الحرمين الشريفين برقية تهنئة لرئيس جمهورية بوليفيا بمناسبة "
        "ذكرى استقلال بلاده. وأعرب الملك باسمه واسم شعب وحكومة المملكة عن "
        "أصدق التهاني وأطيب التمنيات بالصحة والسعادة لفخامته ولحكومة وشعب "
        "بوليفيا الصديق المزيد من التقدم والازدهار. كما بعث ولي العهد برقية "
        "تهنئة مماثلة لرئيس بوليفيا عبر فيها عن أطيب التهاني." SHARED;
    const char *cable_b =
        "بعث خادم الحرمين الشريفين برقية تهنئة لحاكم عام جامايكا بمناسبة "
        "ذكرى استقلال بلاده. وأعرب الملك باسمه واسم شعب وحكومة المملكة عن "
        "أصدق التهاني وأطيب التمنيات بالصحة والسعادة لدولته ولحكومة وشعب "
        "جامايكا الصديق المزيد من التقدم والازدهار. كما بعث ولي العهد برقية "
        "تهنئة مماثلة لحاكم عام جامايكا عبر فيها عن أطيب التهاني." SHARED;
    const char *copy_a =
        "الرياض - واس. بعث خادم الحرمين الشريفين برقية تهنئة لرئيس جمهورية "
        "بوليفيا بمناسبة ذكرى استقلال بلاده. وأعرب الملك باسمه واسم شعب "
        "وحكومة المملكة عن أصدق التهاني وأطيب التمنيات بالصحة والسعادة "
        "لفخامته ولحكومة وشعب بوليفيا الصديق المزيد من التقدم والازدهار. "
        "كما بعث ولي العهد برقية تهنئة مماثلة لرئيس بوليفيا عبر فيها عن "
        "أطيب التهاني." SHARED;
    kh_dedup *d = kh_dedup_create(NULL);
    kh_dup_result r;
    add_titled(d, 1, "القيادة تهنئ رئيس بوليفيا بذكرى استقلال بلاده",
               cable_a, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    add_titled(d, 2, "القيادة تهنئ حاكم عام جامايكا بذكرى الاستقلال",
               cable_b, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    kh_dedup_counters c;
    kh_dedup_counters_get(d, &c);
    KH_CHECK_INT(c.templates, 1); /* nearly the same words, refused */
    add_titled(d, 3, "خادم الحرمين يهنئ رئيس بوليفيا", copy_a, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NEAR);
    KH_CHECK(r.duplicate_of == 1);
    /* without titles there are no keys to tell them apart */
    kh_dedup *e = kh_dedup_create(NULL);
    add_text(e, 1, cable_a, &r);
    add_text(e, 2, cable_b, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NEAR);
    kh_dedup_free(e);
    /* diacritics and alef forms do not hide an exact copy */
    add_text(d, 4, "أعلن الوزير اليوم عن خطة جديدة", &r);
    add_text(d, 5, "اعلن الوزيرُ اليوم عن خطة جديدة", &r);
    KH_CHECK_INT(r.kind, KH_DUP_EXACT);
    KH_CHECK(r.duplicate_of == 4);
    kh_dedup_free(d);
}

/* The test behind templates, word by word. */
static void test_keys_and_variants(void)
{
    KH_CHECK(kh_dedup_variant("دوج", "دوغ"));           /* one letter */
    KH_CHECK(kh_dedup_variant("عبدالعزيز", "العزيز")); /* one inside */
    KH_CHECK(kh_dedup_variant("الامريكيه", "الاميركيه") == 0);
    KH_CHECK(kh_dedup_variant("بوليفيا", "جامايكا") == 0);
    kh_analyzer *an = kh_analyzer_create(NULL);
    kh_buf keys = KH_BUF_INIT;
    uint32_t words[3] = {
        kh_dedup_word32(kh_dedup_word_hash("عمان", 8)),
        kh_dedup_word32(kh_dedup_word_hash("سلطنه", 10)),
        kh_dedup_word32(kh_dedup_word_hash("2015", 4)),
    };
    kh_u32vec set = {0}, scratch = {0};
    kh_u32vec_reserve(&set, 3);
    memcpy(set.v, words, sizeof words);
    kh_sort_u32(set.v, 3, &scratch);
    /* title words found in the text, stopwords and short words left out */
    kh_dedup_keys(an, "رئيس المجلس يهنئ سلطنة عمان في 2015", set.v, 3, &keys);
    KH_CHECK(keys.len == strlen("سلطنه") + strlen("عمان") + 4 + 3);
    KH_CHECK(memcmp(keys.data, "سلطنه", strlen("سلطنه")) == 0);
    kh_buf_free(&keys);
    kh_u32vec_free(&set);
    kh_u32vec_free(&scratch);
    kh_analyzer_free(an);
}

static void test_empty_and_one_word(void)
{
    kh_dedup *d = kh_dedup_create(NULL);
    kh_dup_result r;
    add_text(d, 1, "", &r);
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    add_text(d, 2, NULL, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NONE); /* empty texts are not copies */
    add_text(d, 3, "عاجل", &r);
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    add_text(d, 4, "عاجل", &r);
    KH_CHECK_INT(r.kind, KH_DUP_EXACT);
    add_text(d, 5, "عاجل جدا", &r);
    KH_CHECK_INT(r.kind, KH_DUP_NONE); /* short: exact matches only */
    add_text(d, 6, "... !!! ---", &r);  /* no words at all */
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    kh_dedup_free(d);
}

/* 10,000 copies: one cluster, one bucket entry per band, and fast. */
static void test_ten_thousand_copies(void)
{
    kh_dedup *d = kh_dedup_create(NULL);
    uint64_t w[300];
    random_words(w, 300, 3);
    clock_t t0 = clock();
    kh_dup_result r;
    for (uint64_t id = 1; id <= 10000; id++) {
        if (id % 2 == 0)
            w[150] = id; /* half of them differ by one word */
        else
            random_words(w, 300, 3);
        kh_dedup_add_words(d, id, NULL, w, 300, &r);
        if (id > 1)
            KH_CHECK(r.duplicate_of == 1);
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    kh_dedup_counters c;
    kh_dedup_counters_get(d, &c);
    KH_CHECK_INT(c.representatives, 1);
    KH_CHECK_INT(c.lsh_entries, 32);
    KH_CHECK(c.verified <= 5000); /* one check per changed copy */
    KH_CHECK(secs < 5.0);          /* linear: well under a second */
    kh_dedup_free(d);
}

/* Texts of numbered words ("w12 w7 ..."), so a loader can give them back
 * as text: test_save_and_restore's articles. */
static void numbered_text(uint64_t seed, int changed, kh_buf *out)
{
    kh_buf_reset(out);
    uint64_t w[120];
    random_words(w, 120, seed);
    for (int i = 0; i < 120; i++)
        kh_buf_printf(out, "%sw%llu", i ? " " : "",
                      (unsigned long long)(i == 60 ? (uint64_t)changed
                                                   : w[i] % 100000));
}

static int loads;

/* The loader: article 100 + i is text i (ids are 100..119). */
static int load_numbered(void *ctx, uint64_t id, kh_buf *title, kh_buf *text)
{
    (void)ctx;
    (void)title;
    if (id < 100 || id >= 120)
        return KH_ENOTFOUND;
    int i = (int)(id - 100);
    kh_buf tmp = KH_BUF_INIT;
    numbered_text(1000 + (uint64_t)(i % 7), i, &tmp);
    kh_buf_append(text, tmp.data, tmp.len);
    kh_buf_free(&tmp);
    loads++;
    return KH_OK;
}

/*
 * Records saved and restored give an index that answers the same: the
 * records keep only what finds a representative again (band fingerprints,
 * samples), and the candidates met are reloaded through the loader.
 */
static void test_save_and_restore(void)
{
    kh_dedup *d = kh_dedup_create(NULL);
    kh_buf text = KH_BUF_INIT;
    kh_dup_result r;
    for (int i = 0; i < 20; i++) {
        /* copies of 7 texts, each a bit changed */
        numbered_text(1000 + (uint64_t)(i % 7), i, &text);
        add_text(d, 100 + (uint64_t)i, text.data, &r);
    }
    kh_dedup *e = kh_dedup_create(NULL);
    kh_dedup_set_loader(e, load_numbered, NULL);
    for (int i = 0; i < 20; i++) {
        kh_dedup_record rec;
        KH_CHECK_INT(kh_dedup_record_of(d, 100 + (uint64_t)i, &rec), KH_OK);
        KH_CHECK(!rec.duplicate_of == (i < 7));
        KH_CHECK(rec.duplicate_of || (rec.bands && rec.n_shingles > 100 &&
                                      rec.n_samples > 0));
        KH_CHECK_INT(kh_dedup_restore(e, &rec), KH_OK);
    }
    KH_CHECK_INT(kh_dedup_restore(e, &(kh_dedup_record){.id = 100}),
                 KH_EINVAL);
    KH_CHECK_INT(kh_dedup_restore(e, &(kh_dedup_record){.id = 5,
                                                        .duplicate_of = 77}),
                 KH_EINVAL);
    kh_dedup_record rec;
    KH_CHECK_INT(kh_dedup_record_of(e, 999, &rec), KH_ENOTFOUND);
    for (int i = 0; i < 7; i++) {
        numbered_text(1000 + (uint64_t)i, -1, &text);
        kh_dup_result r1, r2;
        add_text(d, 500 + (uint64_t)i, text.data, &r1);
        add_text(e, 500 + (uint64_t)i, text.data, &r2);
        KH_CHECK(r1.duplicate_of == 100 + (uint64_t)i);
        KH_CHECK(r1.duplicate_of == r2.duplicate_of);
        KH_CHECK(r1.jaccard == r2.jaccard);
    }
    KH_CHECK(loads >= 7 && loads <= 14); /* only the candidates met */
    /* without a loader a restored representative cannot be verified:
     * exact texts are still found */
    kh_dedup *f = kh_dedup_create(NULL);
    for (int i = 0; i < 20; i++) {
        kh_dedup_record saved;
        kh_dedup_record_of(d, 100 + (uint64_t)i, &saved);
        kh_dedup_restore(f, &saved);
    }
    numbered_text(1000, 0, &text); /* the text of article 100 */
    add_text(f, 600, text.data, &r);
    KH_CHECK_INT(r.kind, KH_DUP_EXACT);
    KH_CHECK(r.duplicate_of == 100);
    kh_buf_free(&text);
    kh_dedup_free(d);
    kh_dedup_free(e);
    kh_dedup_free(f);
}

/*
 * Prepare on one side, place on the other: the same placements as
 * kh_dedup_add, with the caller's analyser (default options); preps are
 * refused when never prepared or made for other options.
 */
static void test_prepare_and_place(void)
{
    kh_dedup *d = kh_dedup_create(NULL), *e = kh_dedup_create(NULL);
    kh_analyzer *an = kh_analyzer_create(NULL);
    kh_dedup_prep *p = kh_dedup_prep_create();
    const char *texts[] = {
        "أعلن وزير الخارجية اليوم أن الاجتماع المقبل سيعقد في الرياض لبحث "
        "التعاون الاقتصادي بين البلدين وتعزيز التبادل التجاري",
        "أعلنَ وزيرُ الخارجية اليوم أن الاجتماع المقبل سيعقد في الرياض لبحث "
        "التعاون الاقتصادي بين البلدين وتعزيز التبادل التجاري",
        "الرياض - واس. أعلن وزير الخارجية اليوم أن الاجتماع المقبل سيعقد في "
        "الرياض لبحث التعاون الاقتصادي بين البلدين وتعزيز التبادل التجاري",
    };
    kh_dup_result r1, r2;
    KH_CHECK_INT(kh_dedup_place(d, p, &r1), KH_EINVAL); /* not prepared */
    for (int i = 0; i < 3; i++) {
        kh_article a = {0};
        a.id = 40 + (uint64_t)i;
        a.text = (char *)texts[i];
        KH_CHECK_INT(kh_dedup_prepare(d, an, &a, p), KH_OK);
        KH_CHECK_INT(kh_dedup_place(d, p, &r1), KH_OK);
        KH_CHECK_INT(kh_dedup_add(e, &a, &r2), KH_OK);
        KH_CHECK_INT(r1.kind, r2.kind);
        KH_CHECK(r1.duplicate_of == r2.duplicate_of);
        KH_CHECK(r1.jaccard == r2.jaccard);
    }
    KH_CHECK_INT(r1.kind, KH_DUP_NEAR); /* the dateline copy */
    kh_article zero = {0};
    KH_CHECK_INT(kh_dedup_prepare(d, an, &zero, p), KH_EINVAL);
    kh_dedup_opts o;
    kh_dedup_opts_init(&o);
    o.num_perm = 64;
    kh_dedup *other = kh_dedup_create(&o);
    kh_article a = {0};
    a.id = 77;
    a.text = (char *)texts[0];
    kh_dedup_prepare(d, an, &a, p);
    KH_CHECK_INT(kh_dedup_place(other, p, &r1), KH_EINVAL);
    kh_dedup_prep_free(p);
    kh_dedup_prep_free(NULL);
    kh_analyzer_free(an);
    kh_dedup_free(d);
    kh_dedup_free(e);
    kh_dedup_free(other);
}

static int same_u32(const kh_u32vec *a, const kh_u32vec *b)
{
    return a->n == b->n &&
           (a->n == 0 || memcmp(a->v, b->v, a->n * sizeof *a->v) == 0);
}

/* A prep made from tokens analysed beforehand (ingest's one analysis per
 * article) is the prep kh_dedup_prepare makes: same words, shingles,
 * signature, keys. */
static void test_prepare_from_tokens(void)
{
    kh_dedup *d = kh_dedup_create(NULL);
    kh_analyzer *an = kh_analyzer_create(NULL);
    kh_dedup_prep *p = kh_dedup_prep_create(), *q = kh_dedup_prep_create();
    kh_article_tokens toks = KH_ARTICLE_TOKENS_INIT;
    const char *titles[] = {"رئيس المجلس يهنئ سلطنة عمان في 2015", NULL, ""};
    static const char congrats[] =
        "هنأ رئيس المجلس سلطنة عمان بمناسبة العيد الوطني عام 2015 وأشاد "
        "بالعلاقات بين البلدين الشقيقين ومجلس التعاون";
    const char *texts[] = {congrats, "قصير", ""};
    for (int i = 0; i < 3; i++) {
        kh_article a = {0};
        a.id = 90 + (uint64_t)i;
        a.title = (char *)titles[i];
        a.text = (char *)texts[i];
        a.url = (char *)"https://example.com/news/1?utm_source=x";
        a.date = (char *)"2015-11-18";
        KH_CHECK_INT(kh_dedup_prepare(d, an, &a, p), KH_OK);
        kh_article_tokens_make(&toks, an, &a);
        KH_CHECK_INT(kh_dedup_prepare_tokens(d, an, &toks, &a, q), KH_OK);
        KH_CHECK(p->text_key == q->text_key && p->url_key == q->url_key);
        KH_CHECK(p->n_words == q->n_words && p->day == q->day);
        KH_CHECK(p->has_sig == q->has_sig && p->n_head == q->n_head);
        KH_CHECK(same_u32(&p->sh, &q->sh) && same_u32(&p->wset, &q->wset));
        KH_CHECK(!p->has_sig || same_u32(&p->sig, &q->sig));
        KH_CHECK(p->keys.len == q->keys.len &&
                 (p->keys.len == 0 ||
                  memcmp(p->keys.data, q->keys.data, p->keys.len) == 0));
    }
    KH_CHECK(p->keys.len == 0);
    kh_article_tokens_free(&toks);
    kh_dedup_prep_free(p);
    kh_dedup_prep_free(q);
    kh_analyzer_free(an);
    kh_dedup_free(d);
}

/* ---- the window ---------------------------------------------------- */

static void test_day_numbers(void)
{
    int32_t a = kh_dedup_day("2015-08-04"), b = kh_dedup_day("2015-07-25");
    KH_CHECK(a > 0 && b > 0);
    KH_CHECK_INT(a - b, 10);
    KH_CHECK_INT(kh_dedup_day("2016-03-01") - kh_dedup_day("2016-02-28"), 2);
    KH_CHECK_INT(kh_dedup_day("2016-01-01") - kh_dedup_day("2015-01-01"), 365);
    KH_CHECK_INT(kh_dedup_day("2015-08-04T10:00:00"), a);
    KH_CHECK_INT(kh_dedup_day(NULL), 0);
    KH_CHECK_INT(kh_dedup_day("yesterday"), 0);
    KH_CHECK_INT(kh_dedup_day("2015-13-01"), 0);
    KH_CHECK_INT(kh_dedup_day("2015-08"), 0);
    /* a date in the future is bad data, not the window's new clock */
    KH_CHECK_INT(kh_dedup_day("2999-01-01"), 0);
}

/* Place words dated `day` (0: undated). */
static void place_dated(kh_dedup *d, kh_dedup_prep *p, uint64_t id,
                        const char *url, const uint64_t *w, size_t n,
                        int32_t day, kh_dup_result *r)
{
    kh_dedup_prep_words(d, id, url, w, n, p);
    p->day = day;
    KH_CHECK_INT(kh_dedup_place(d, p, r), KH_OK);
}

/*
 * A 7-day window over 200 days of 50 articles a day: a copy within the
 * window of its cluster's latest article is found (exactly, nearly, by
 * URL); a copy that comes later is not (documented: the cluster has left
 * the index); a join keeps a cluster in; and the index holds a bounded
 * number of articles however many are placed.
 */
static void test_window_dated(void)
{
    kh_dedup_opts o;
    kh_dedup_opts_init(&o);
    o.window_days = 7;
    kh_dedup *d = kh_dedup_create(&o);
    kh_dedup_prep *p = kh_dedup_prep_create();
    uint64_t w[40], v[40];
    kh_dup_result r;
    const int32_t day0 = kh_dedup_day("2015-01-01");
    random_words(w, 40, 7);
    place_dated(d, p, 1, "http://a.com/1", w, 40, day0, &r); /* old story */
    random_words(w, 40, 8);
    place_dated(d, p, 2, NULL, w, 40, day0, &r); /* kept by its copies */
    uint64_t id = 10;
    kh_dedup_counters c;
    size_t most_held = 0;
    for (int day = 0; day < 200; day++) {
        for (int k = 0; k < 50; k++, id++) {
            random_words(w, 40, 1000 + id);
            place_dated(d, p, id, NULL, w, 40, day0 + day, &r);
            KH_CHECK_INT(r.kind, KH_DUP_NONE);
        }
        if (day % 5 == 0) { /* article 2 copied every 5 days */
            random_words(w, 40, 8);
            w[20] ^= 1; /* nearly */
            place_dated(d, p, 100000 + (uint64_t)day, NULL, w, 40,
                        day0 + day, &r);
            KH_CHECK_INT(r.kind, KH_DUP_NEAR);
            KH_CHECK(r.duplicate_of == 2);
        }
        kh_dedup_counters_get(d, &c);
        most_held = c.held > most_held ? c.held : most_held;
    }
    kh_dedup_counters_get(d, &c);
    KH_CHECK(c.compactions >= 2);
    KH_CHECK(c.evicted >= 10000 - 4096);
    KH_CHECK(most_held <= 4096 + 1); /* never more than the first trigger */
    /* article 1 left long ago: its copy and its URL are new again */
    random_words(w, 40, 7);
    place_dated(d, p, 200001, NULL, w, 40, day0 + 200, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    random_words(v, 40, 77);
    place_dated(d, p, 200002, "http://a.com/1", v, 40, day0 + 200, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    /* an article of 6 days ago is in the window: its copy is found */
    uint64_t recent = id - 50 * 6;
    random_words(w, 40, 1000 + recent);
    place_dated(d, p, 200003, NULL, w, 40, day0 + 200, &r);
    KH_CHECK_INT(r.kind, KH_DUP_EXACT);
    KH_CHECK(r.duplicate_of == recent);
    w[3] ^= 5;
    place_dated(d, p, 200004, NULL, w, 40, day0 + 200, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NEAR);
    KH_CHECK(r.duplicate_of == recent);
    /* one of 9 days ago is not, whether freed yet or not */
    uint64_t old = id - 50 * 10;
    random_words(w, 40, 1000 + old);
    place_dated(d, p, 200005, NULL, w, 40, day0 + 200, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    /* trimming frees it all now: only the window is left */
    kh_dedup_trim(d);
    kh_dedup_counters_get(d, &c);
    KH_CHECK(c.held >= 7 * 50 && c.held <= 9 * 50 + 20);
    kh_dedup_record rec;
    KH_CHECK_INT(kh_dedup_record_of(d, 1, &rec), KH_ENOTFOUND);
    KH_CHECK_INT(kh_dedup_record_of(d, 2, &rec), KH_OK); /* kept by copies */
    KH_CHECK_INT(kh_dedup_record_of(d, recent, &rec), KH_OK);
    KH_CHECK_INT(kh_dedup_record_of(d, old, &rec), KH_ENOTFOUND);
    /* what is found is the same after the trim */
    random_words(w, 40, 1000 + recent);
    w[7] ^= 5;
    place_dated(d, p, 200006, NULL, w, 40, day0 + 200, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NEAR);
    KH_CHECK(r.duplicate_of == recent);
    kh_dedup_prep_free(p);
    kh_dedup_free(d);
}

/* Undated articles leave after window_undated newer articles. */
static void test_window_undated(void)
{
    kh_dedup_opts o;
    kh_dedup_opts_init(&o);
    o.window_undated = 100;
    kh_dedup *d = kh_dedup_create(&o);
    kh_dedup_prep *p = kh_dedup_prep_create();
    uint64_t w[40];
    kh_dup_result r;
    for (uint64_t id = 1; id <= 5000; id++) {
        random_words(w, 40, 500 + id);
        place_dated(d, p, id, NULL, w, 40, 0, &r);
    }
    random_words(w, 40, 500 + 4950); /* 50 articles ago: in */
    place_dated(d, p, 9001, NULL, w, 40, 0, &r);
    KH_CHECK_INT(r.kind, KH_DUP_EXACT);
    KH_CHECK(r.duplicate_of == 4950);
    random_words(w, 40, 500 + 4800); /* 200 articles ago: out */
    place_dated(d, p, 9002, NULL, w, 40, 0, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    kh_dedup_trim(d);
    kh_dedup_counters c;
    kh_dedup_counters_get(d, &c);
    KH_CHECK(c.held <= 102 && c.evicted >= 4900);
    /* window_undated 0 keeps them all */
    o.window_undated = 0;
    kh_dedup *e = kh_dedup_create(&o);
    for (uint64_t id = 1; id <= 300; id++) {
        random_words(w, 40, 500 + id);
        place_dated(e, p, id, NULL, w, 40, 0, &r);
    }
    random_words(w, 40, 501);
    place_dated(e, p, 9003, NULL, w, 40, 0, &r);
    KH_CHECK_INT(r.kind, KH_DUP_EXACT);
    kh_dedup_prep_free(p);
    kh_dedup_free(d);
    kh_dedup_free(e);
}

/* Records saved as they are placed, restored in order with the same
 * window: only the window is held, and later copies are placed alike. */
static void test_window_restore(void)
{
    kh_dedup_opts o;
    kh_dedup_opts_init(&o);
    o.window_days = 3;
    kh_dedup *d = kh_dedup_create(&o);
    kh_dedup_prep *p = kh_dedup_prep_create();
    enum { N = 6000 };
    kh_dedup_record *recs = kh_calloc(N, sizeof *recs);
    uint32_t *arrays = kh_malloc((size_t)N * 64 * sizeof *arrays);
    uint64_t w[40];
    kh_dup_result r;
    for (size_t i = 0; i < N; i++) {
        /* one article in ten copies the one before it, nearly */
        random_words(w, 40, 3000 + (i % 10 == 9 ? i - 1 : i));
        w[0] ^= i % 10 == 9;
        place_dated(d, p, 1 + i, NULL, w, 40, 100 + (int32_t)(i / 100), &r);
        kh_dedup_record *rec = &recs[i];
        KH_CHECK_INT(kh_dedup_record_of(d, 1 + i, rec), KH_OK);
        KH_CHECK_INT(rec->day, 100 + (int32_t)(i / 100));
        uint32_t *mine = arrays + i * 64;
        KH_CHECK(o.bands + rec->n_samples <= 64);
        if (rec->bands) {
            memcpy(mine, rec->bands, o.bands * sizeof *mine);
            rec->bands = mine;
        }
        if (rec->n_samples) {
            memcpy(mine + o.bands, rec->samples, rec->n_samples * sizeof *mine);
            rec->samples = mine + o.bands;
        }
    }
    kh_dedup *e = kh_dedup_create(&o);
    kh_dedup_set_loader(e, NULL, NULL);
    kh_dedup_counters c;
    size_t most_held = 0;
    for (size_t i = 0; i < N; i++) {
        KH_CHECK_INT(kh_dedup_restore(e, &recs[i]), KH_OK);
        kh_dedup_counters_get(e, &c);
        most_held = c.held > most_held ? c.held : most_held;
    }
    KH_CHECK(most_held <= 4096 + 1);
    kh_dedup_trim(d);
    kh_dedup_trim(e);
    kh_dedup_counters c1;
    kh_dedup_counters_get(d, &c1);
    kh_dedup_counters_get(e, &c);
    KH_CHECK_INT(c.held, c1.held);
    KH_CHECK(c.held <= 500);
    /* an exact copy of a recent article is found in both, an old one in
     * neither */
    random_words(w, 40, 3000 + N - 5);
    place_dated(d, p, 90001, NULL, w, 40, 160, &r);
    KH_CHECK(r.duplicate_of == N - 4);
    place_dated(e, p, 90001, NULL, w, 40, 160, &r);
    KH_CHECK(r.duplicate_of == N - 4);
    random_words(w, 40, 3000 + 100);
    place_dated(e, p, 90002, NULL, w, 40, 160, &r);
    KH_CHECK_INT(r.kind, KH_DUP_NONE);
    free(recs);
    free(arrays);
    kh_dedup_prep_free(p);
    kh_dedup_free(d);
    kh_dedup_free(e);
}

static void test_opts(void)
{
    kh_dedup_opts o;
    kh_dedup_opts_init(&o);
    const char *why = NULL;
    KH_CHECK_INT(kh_dedup_opts_check(&o, &why), KH_OK);
    KH_CHECK(why == NULL);
    o.bands = 30;
    KH_CHECK_INT(kh_dedup_opts_check(&o, &why), KH_EINVAL);
    KH_CHECK_STR(why, "bands must divide num_perm");
    kh_dedup_opts_init(&o);
    o.jaccard = 0;
    KH_CHECK_INT(kh_dedup_opts_check(&o, &why), KH_EINVAL);
    KH_CHECK_STR(kh_dup_kind_name(KH_DUP_URL), "url");
    KH_CHECK_STR(kh_dup_kind_name(42), "unknown");
    kh_dedup_free(NULL);
}

int main(void)
{
    KH_RUN(test_minhash_estimates_jaccard);
    KH_RUN(test_shingles);
    KH_RUN(test_url_keys);
    KH_RUN(test_exact_url_and_near);
    KH_RUN(test_containment);
    KH_RUN(test_stock_phrase_is_no_candidate);
    KH_RUN(test_short_copy_inside_long_text);
    KH_RUN(test_no_chaining);
    KH_RUN(test_templates_and_real_text);
    KH_RUN(test_keys_and_variants);
    KH_RUN(test_empty_and_one_word);
    KH_RUN(test_ten_thousand_copies);
    KH_RUN(test_save_and_restore);
    KH_RUN(test_prepare_and_place);
    KH_RUN(test_prepare_from_tokens);
    KH_RUN(test_day_numbers);
    KH_RUN(test_window_dated);
    KH_RUN(test_window_undated);
    KH_RUN(test_window_restore);
    KH_RUN(test_opts);
    return kh_test_report();
}
