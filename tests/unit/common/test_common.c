/*
 * test_common.c - the common layer: buffer, map, hash, UTF-8, ids.
 */
#include "common/alloc.h"
#include "common/buf.h"
#include "common/map.h"
#include "common/utf8.h"
#include "kh_test.h"
#include "khabar.h"

static void test_buf_append_and_detach(void)
{
    kh_buf b = KH_BUF_INIT;
    for (int i = 0; i < 1000; i++)
        kh_buf_printf(&b, "%d,", i);
    KH_CHECK(b.len > 3000);
    KH_CHECK(strncmp(b.data, "0,1,2,", 6) == 0);
    KH_CHECK_INT(b.data[b.len], '\0');
    char *s = kh_buf_detach(&b);
    KH_CHECK(b.data == NULL && b.len == 0);
    free(s);
    kh_buf_free(&b); /* freeing an empty buffer is harmless */
}

static void test_buf_json_string(void)
{
    kh_buf b = KH_BUF_INIT;
    const char in[] = "a\"b\\c\nd\x01 روسيا \xff";
    kh_buf_json_string(&b, in, sizeof in - 1);
    KH_CHECK_STR(b.data, "\"a\\\"b\\\\c\\nd\\u0001 روسيا \\ufffd\"");
    kh_buf_free(&b);
}

static void test_map_counts(void)
{
    kh_map m = KH_MAP_INIT;
    KH_CHECK(kh_map_get(&m, 7) == NULL);
    for (uint64_t i = 0; i < 10000; i++)
        (*kh_map_put(&m, i * 7919, NULL))++;
    (*kh_map_put(&m, 0, NULL))++;
    KH_CHECK_INT(m.len, 10000);
    KH_CHECK_INT(*kh_map_get(&m, 0), 2);
    KH_CHECK_INT(*kh_map_get(&m, 7919 * 9999ULL), 1);
    KH_CHECK(kh_map_get(&m, 1) == NULL);
    size_t it = 0, seen = 0;
    uint64_t k, v, sum = 0;
    while (kh_map_next(&m, &it, &k, &v)) {
        seen++;
        sum += v;
    }
    KH_CHECK_INT(seen, 10000);
    KH_CHECK_INT(sum, 10001);
    kh_map_free(&m);
}

/* The hash is frozen: these values must never change, or stored ids would. */
static void test_hash_is_frozen(void)
{
    KH_CHECK_INT(kh_hash64("", 0, 0) == kh_hash64("", 0, 0), 1);
    KH_CHECK(kh_hash64("a", 1, 0) != kh_hash64("b", 1, 0));
    KH_CHECK(kh_hash64("abc", 3, 0) != kh_hash64("abc", 3, 1));
    char id[17];
    kh_id_to_hex(kh_hash64("http://example.com/a", 20, 0), id);
    KH_CHECK_STR(id, "7f8a548c6e0861ee");
    kh_id_to_hex(kh_hash64("روسيا مستعدة للتنسيق", strlen("روسيا مستعدة للتنسيق"), 0), id);
    KH_CHECK_STR(id, "fb12cc6e2cca6e4e");
    /* every length up to two blocks hashes differently */
    uint64_t seen[40];
    char data[40];
    memset(data, 'x', sizeof data);
    for (size_t n = 0; n < 40; n++) {
        seen[n] = kh_hash64(data, n, 0);
        for (size_t j = 0; j < n; j++)
            KH_CHECK(seen[j] != seen[n]);
    }
}

static void test_id_hex_round_trip(void)
{
    char hex[17];
    uint64_t back = 0;
    kh_id_to_hex(0x64a4d3ebf595a6caULL, hex);
    KH_CHECK_STR(hex, "64a4d3ebf595a6ca");
    KH_CHECK_INT(kh_id_from_hex(hex, &back), KH_OK);
    KH_CHECK(back == 0x64a4d3ebf595a6caULL);
    KH_CHECK_INT(kh_id_from_hex("64a4d3ebf595a6c", &back), KH_EINVAL);
    KH_CHECK_INT(kh_id_from_hex("64a4d3ebf595a6cag", &back), KH_EINVAL);
    KH_CHECK_INT(kh_id_from_hex("64a4d3ebf595a6cz", &back), KH_EINVAL);
}

static void test_utf8_decode_and_sanitize(void)
{
    uint32_t cp;
    int bad = 0;
    KH_CHECK_INT(kh_utf8_decode((const unsigned char *)"\xd8\xb1", 2, &cp, &bad), 2);
    KH_CHECK_INT(cp, 0x631);
    KH_CHECK_INT(bad, 0);
    /* overlong, surrogate, truncated */
    KH_CHECK_INT(kh_utf8_decode((const unsigned char *)"\xc0\xaf", 2, &cp, &bad), 1);
    KH_CHECK_INT(bad, 1);
    bad = 0;
    kh_utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp, &bad);
    KH_CHECK_INT(bad, 1);
    bad = 0;
    KH_CHECK_INT(kh_utf8_decode((const unsigned char *)"\xd8", 1, &cp, &bad), 1);
    KH_CHECK_INT(cp, KH_UTF8_REPLACEMENT);
    size_t n, replaced;
    char *s = kh_utf8_sanitize("a\xffروس\xd8", 9, &n, &replaced);
    KH_CHECK_INT(replaced, 2);
    KH_CHECK_STR(s, "a\xef\xbf\xbdروس\xef\xbf\xbd");
    KH_CHECK_INT(kh_utf8_invalid_count("a\xffروس\xd8", 9), 2);
    free(s);
    char out[4];
    KH_CHECK_INT(kh_utf8_encode(0x1F600, out), 4);
    KH_CHECK_INT(kh_utf8_encode(0x629, out), 2);
}

static void test_format_names(void)
{
    kh_format f;
    KH_CHECK_INT(kh_format_parse("jsonl", &f), KH_OK);
    KH_CHECK_INT(f, KH_FORMAT_JSONL);
    KH_CHECK_STR(kh_format_name(KH_FORMAT_WARC), "warc");
    KH_CHECK_INT(kh_format_parse("pdf", &f), KH_EINVAL);
    KH_CHECK_STR(kh_strerror(KH_EBUSY), "database is locked by another process");
    kh_article_clear(NULL);
}

int main(void)
{
    KH_RUN(test_buf_append_and_detach);
    KH_RUN(test_buf_json_string);
    KH_RUN(test_map_counts);
    KH_RUN(test_hash_is_frozen);
    KH_RUN(test_id_hex_round_trip);
    KH_RUN(test_utf8_decode_and_sanitize);
    KH_RUN(test_format_names);
    return kh_test_report();
}
