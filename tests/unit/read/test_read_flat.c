/*
 * test_read_flat.c - the fast path for flat JSON records agrees with
 * jansson: what it accepts, jansson reads to the same strings; what it
 * refuses (anything not flat, anything invalid) goes to jansson, whose
 * messages the reader keeps.
 */
#include <jansson.h>
#include <string.h>

#include "kh_test.h"
#include "read/read_flat.h"

/* Accepted, and every member equal to jansson's reading. */
static void check_same(const char *json)
{
    kh_flat f;
    f.scratch = (kh_buf)KH_BUF_INIT;
    int ok = kh_flat_parse(&f, json, strlen(json));
    KH_CHECK(ok);
    json_error_t err;
    json_t *root = json_loadb(json, strlen(json), JSON_DECODE_ANY, &err);
    KH_CHECK(root && json_is_object(root));
    if (ok && root) {
        KH_CHECK_INT(f.n, json_object_size(root));
        for (size_t i = 0; i < f.n; i++) {
            char key[256];
            KH_CHECK(f.m[i].key_len < sizeof key);
            memcpy(key, f.m[i].key, f.m[i].key_len);
            key[f.m[i].key_len] = '\0';
            json_t *v = json_object_get(root, key);
            KH_CHECK(v != NULL);
            if (!f.m[i].value) {
                KH_CHECK(json_is_null(v));
                continue;
            }
            KH_CHECK(json_is_string(v));
            KH_CHECK_INT(f.m[i].value_len, json_string_length(v));
            KH_CHECK(memcmp(f.m[i].value, json_string_value(v),
                            f.m[i].value_len) == 0);
        }
        KH_CHECK(kh_flat_get(&f, "nope") == NULL);
    }
    json_decref(root);
    kh_buf_free(&f.scratch);
}

/* Refused: left to jansson. */
static void check_refused(const char *json, size_t len)
{
    kh_flat f;
    f.scratch = (kh_buf)KH_BUF_INIT;
    KH_CHECK_INT(kh_flat_parse(&f, json, len), 0);
    kh_buf_free(&f.scratch);
}

static void test_accepts_flat_records(void)
{
    check_same("{}");
    check_same(" \n{\"source\":\"okaz\",\"url\":\"http://a.example/1\"} \r\n");
    check_same("{\"title\":\"وزير الخارجية\",\"author\":null,"
               "\"content\":\"سطر أول\\n\\nسطر ثان\"}");
    check_same("{\"e\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"}");
    check_same("{\"u\":\"\\u0627\\u0644 \\u00e9 \\ud83d\\ude00 \\u2028\"}");
    check_same("{\"k\\u0061y\":\"\",\"empty\":\"\"}");
    check_same("{ \"a\" : \"1\" ,\t\"b\" :null }");
    check_same("{\"emoji\":\"😀 ﷺ\"}");
}

static void test_refuses_the_rest(void)
{
    static const char *const refused[] = {
        "[]", "\"text\"", "", "   ", "{", "{\"a\":\"b\"", "{\"a\":\"b\",}",
        "{\"a\":1}", "{\"a\":true}", "{\"a\":{}}", "{\"a\":[\"b\"]}",
        "{\"a\":\"b\"} x", "{\"a\":\"b\"}{}", "{\"a\" \"b\"}",
        "{\"a\":\"b\",\"a\":\"c\"}",          /* repeated key          */
        "{\"a\":\"\\u0000\"}",                 /* NUL                   */
        "{\"a\":\"\\ud800\"}",                 /* lone high surrogate   */
        "{\"a\":\"\\udc00\"}",                 /* lone low surrogate    */
        "{\"a\":\"\\ud800\\u0041\"}",          /* pair not completed    */
        "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}",
        "{\"a\":\"tab\there\"}",               /* raw control character */
        "{\"a\":\"\xff\"}", "{\"a\":\"\xc3\"}", /* invalid UTF-8        */
        "{\"a\":\"\xed\xa0\x80\"}",            /* encoded surrogate     */
        "{\"a\":nul}", "{\"a\":nullx}", "{a:\"b\"}",
        NULL};
    for (size_t i = 0; refused[i]; i++)
        check_refused(refused[i], strlen(refused[i]));
    check_refused("{\"a\":\"b\0\"}", 8); /* a NUL byte in the record */
    /* more members than the fast path holds */
    char big[2048] = "{";
    for (int i = 0; i <= KH_FLAT_MAX_MEMBERS; i++)
        snprintf(big + strlen(big), sizeof big - strlen(big), "%s\"k%d\":\"v\"",
                 i ? "," : "", i);
    strcat(big, "}");
    check_refused(big, strlen(big));
}

int main(void)
{
    KH_RUN(test_accepts_flat_records);
    KH_RUN(test_refuses_the_rest);
    return kh_test_report();
}
