/*
 * test_warc_charset.c - the charset a page declares, as the WARC and HTML
 * readers look for it: the HTTP Content-Type header and the browsers'
 * pre-scan of <meta charset> / http-equiv, comments and lookalikes
 * ignored.
 */
#include <string.h>

#include "kh_test.h"
#include "read/html_charset.h"

static const char *meta(const char *html, char *buf, size_t cap)
{
    return kh_html_meta_charset(html, strlen(html), buf, cap);
}

static void test_meta(void)
{
    char b[64];
    KH_CHECK_STR(meta("<meta charset=\"windows-1256\">", b, sizeof b),
                 "windows-1256");
    KH_CHECK_STR(meta("<META CHARSET=UTF-8>", b, sizeof b), "utf-8");
    KH_CHECK_STR(meta("<html><head><meta http-equiv=\"Content-Type\" "
                      "content=\"text/html; charset=ISO-8859-6\">",
                      b, sizeof b),
                 "iso-8859-6");
    KH_CHECK_STR(meta("<meta content='text/html; charset=\"cp1256\"' "
                      "http-equiv='content-type'>",
                      b, sizeof b),
                 "cp1256");
    /* content with a charset but no http-equiv: not a declaration */
    KH_CHECK(meta("<meta name=\"x\" content=\"text/html; charset=koi8-r\">",
                  b, sizeof b) == NULL);
    /* inside a comment, inside another tag's attribute: not one either */
    KH_CHECK(meta("<!-- <meta charset=\"koi8-r\"> -->", b, sizeof b) == NULL);
    KH_CHECK(meta("<div title=\"<meta charset=koi8-r>\">", b, sizeof b) ==
             NULL);
    KH_CHECK_STR(meta("<!-- <meta charset=\"koi8-r\"> --><meta charset="
                      "\"windows-1256\">",
                      b, sizeof b),
                 "windows-1256");
    /* the first declaration wins; UTF-16 read as ASCII means UTF-8 */
    KH_CHECK_STR(meta("<meta charset=utf-16le><meta charset=cp1256>", b,
                      sizeof b),
                 "utf-8");
    /* an XML declaration */
    KH_CHECK_STR(meta("<?xml version=\"1.0\" encoding=\"windows-1256\"?>"
                      "<html>",
                      b, sizeof b),
                 "windows-1256");
    /* nothing, junk, a label that is not a label, a tiny buffer */
    KH_CHECK(meta("<html><body>no charset</body></html>", b, sizeof b) ==
             NULL);
    KH_CHECK(meta("<meta charset=\"<script>\">", b, sizeof b) == NULL);
    KH_CHECK(meta("<meta charset=\"windows-1256\">", b, 4) == NULL);
    KH_CHECK(meta("<meta", b, sizeof b) == NULL);
    KH_CHECK(meta("<meta charset='unterminated", b, sizeof b) == NULL);
}

static void test_meta_window(void)
{
    /* a declaration past the pre-scan window is not seen */
    char page[KH_HTML_PRESCAN_BYTES + 100];
    memset(page, ' ', sizeof page);
    memcpy(page + KH_HTML_PRESCAN_BYTES + 10, "<meta charset=cp1256>", 21);
    page[sizeof page - 1] = '\0';
    char b[64];
    KH_CHECK(kh_html_meta_charset(page, strlen(page), b, sizeof b) == NULL);
}

static void test_http(void)
{
    char b[64];
    const char *ct = "text/html; charset=windows-1256";
    KH_CHECK_STR(kh_http_charset(ct, strlen(ct), b, sizeof b),
                 "windows-1256");
    ct = "text/html;charset=\"UTF-8\"; foo=bar";
    KH_CHECK_STR(kh_http_charset(ct, strlen(ct), b, sizeof b), "utf-8");
    ct = "text/html";
    KH_CHECK(kh_http_charset(ct, strlen(ct), b, sizeof b) == NULL);
    ct = "text/html; CHARSET = iso-8859-6 ";
    KH_CHECK_STR(kh_http_charset(ct, strlen(ct), b, sizeof b), "iso-8859-6");
    KH_CHECK(kh_http_charset(NULL, 0, b, sizeof b) == NULL);
}

int main(void)
{
    KH_RUN(test_meta);
    KH_RUN(test_meta_window);
    KH_RUN(test_http);
    return kh_test_report();
}
