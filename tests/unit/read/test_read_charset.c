/*
 * test_read_charset.c - encoding detection and conversion (charset.h), URL
 * normalisation (url.h) and date normalisation (date.h).  Legacy Arabic
 * bytes are made with iconv at run time from UTF-8 text written here.
 */
#include "kh_test.h"
#include "read_collect.h"
#include "read/charset.h"
#include "read/date.h"
#include "read/url.h"

/* A paragraph that uses most Arabic letters (ف ق ك ي ه و ى ة ء...). */
static const char arabic[] =
    "قال المتحدث الرسمي إن الفريق وصل إلى مكة المكرمة صباح الخميس، "
    "وإن الطقس كان معتدلا؛ فهل يكفي ذلك؟ ثم غادروا بعد ظهر يوم الجمعة.";

static void test_detect_utf8(void)
{
    KH_CHECK_STR(kh_charset_detect(arabic, strlen(arabic), NULL), "utf-8");
    /* a page that says windows-1256 but is valid UTF-8 Arabic */
    KH_CHECK_STR(kh_charset_detect(arabic, strlen(arabic), "windows-1256"),
                 "utf-8");
    /* plain ASCII believes the label */
    KH_CHECK_STR(kh_charset_detect("hello", 5, "cp1256"), "windows-1256");
    KH_CHECK_STR(kh_charset_detect("hello", 5, NULL), "utf-8");
    KH_CHECK_STR(kh_charset_detect("\xEF\xBB\xBFhi", 5, NULL), "utf-8");
    KH_CHECK_STR(kh_charset_detect("\xFF\xFEh\0", 4, NULL), "utf-16le");
    KH_CHECK_STR(kh_charset_detect("\xFE\xFF\0h", 4, NULL), "utf-16be");
}

static void test_detect_legacy(void)
{
    size_t n1, n2;
    char *cp = collect_iconv(arabic, "CP1256", &n1);
    char *iso = collect_iconv(arabic, "ISO-8859-6", &n2);
    KH_CHECK(cp != NULL && iso != NULL);
    if (!cp || !iso)
        return;
    KH_CHECK_STR(kh_charset_detect(cp, n1, NULL), "windows-1256");
    KH_CHECK_STR(kh_charset_detect(iso, n2, NULL), "iso-8859-6");
    /* a declared legacy label is believed for bytes that are not UTF-8 */
    KH_CHECK_STR(kh_charset_detect(iso, n2, "ISO-8859-6"), "iso-8859-6");
    KH_CHECK_STR(kh_charset_detect(cp, n1, "x-cp1256"), "windows-1256");

    size_t len, bad = 99;
    char *back = kh_charset_to_utf8(cp, n1, "windows-1256", &len, &bad);
    KH_CHECK_STR(back, arabic);
    KH_CHECK_INT(bad, 0);
    free(back);
    back = kh_charset_to_utf8(iso, n2, "iso-8859-6", &len, &bad);
    KH_CHECK_STR(back, arabic);
    KH_CHECK_INT(len, strlen(arabic));
    free(back);
    /* 0xDF (ك in windows-1256) does not exist in ISO-8859-6 */
    back = kh_charset_to_utf8("\xC7\xDF", 2, "iso-8859-6", &len, &bad);
    KH_CHECK_STR(back, "\xD8\xA7\xEF\xBF\xBD");
    KH_CHECK_INT(bad, 1);
    free(back);
    free(cp);
    free(iso);
}

static void test_utf16(void)
{
    size_t n, len, bad;
    char *le = collect_iconv(arabic, "UTF-16LE", &n);
    KH_CHECK(le != NULL);
    if (!le)
        return;
    char *with_bom = malloc(n + 2);
    memcpy(with_bom, "\xFF\xFE", 2);
    memcpy(with_bom + 2, le, n);
    KH_CHECK_STR(kh_charset_detect(with_bom, n + 2, NULL), "utf-16le");
    char *back = kh_charset_to_utf8(with_bom, n + 2, "utf-16le", &len, &bad);
    KH_CHECK_STR(back, arabic);
    KH_CHECK_INT(bad, 0);
    free(back);
    /* an unpaired surrogate and an odd last byte */
    back = kh_charset_to_utf8("A\0\x00\xD8" "B\0x", 7, "utf-16le", &len, &bad);
    KH_CHECK_STR(back, "A\xEF\xBF\xBD" "B\xEF\xBF\xBD");
    KH_CHECK_INT(bad, 3);
    free(back);
    /* a pair: U+1F600 */
    back = kh_charset_to_utf8("\x3D\xD8\x00\xDE", 4, "utf-16le", &len, &bad);
    KH_CHECK_STR(back, "\xF0\x9F\x98\x80");
    free(back);
    free(with_bom);
    free(le);
}

static void test_repair_utf8(void)
{
    size_t len, bad;
    /* BOM dropped, a stray byte and a cut sequence replaced */
    const char in[] = "\xEF\xBB\xBF\xD8\xA8\xFF\xD8";
    char *out = kh_charset_to_utf8(in, sizeof in - 1, "utf-8", &len, &bad);
    KH_CHECK_STR(out, "\xD8\xA8\xEF\xBF\xBD\xEF\xBF\xBD");
    KH_CHECK_INT(bad, 2);
    free(out);
    /* mostly good UTF-8 with one bad byte is still UTF-8 */
    char *damaged = malloc(strlen(arabic) + 2);
    strcpy(damaged, arabic);
    strcat(damaged, "\xC0");
    KH_CHECK_STR(kh_charset_detect(damaged, strlen(damaged), NULL), "utf-8");
    free(damaged);
    /* an unknown encoding name is read as UTF-8 */
    out = kh_charset_to_utf8("abc", 3, "no-such-charset", &len, &bad);
    KH_CHECK_STR(out, "abc");
    free(out);
}

static void test_labels(void)
{
    KH_CHECK_STR(kh_charset_canonical("Windows-1256"), "windows-1256");
    KH_CHECK_STR(kh_charset_canonical(" \"CP1256\" "), "windows-1256");
    KH_CHECK_STR(kh_charset_canonical("ISO_8859-6"), "iso-8859-6");
    KH_CHECK_STR(kh_charset_canonical("UTF8"), "utf-8");
    KH_CHECK_STR(kh_charset_canonical("latin1"), "windows-1252");
    KH_CHECK(kh_charset_canonical("klingon") == NULL);
    KH_CHECK(kh_charset_canonical(NULL) == NULL);
}

static void check_url(const char *in, const char *want)
{
    size_t n = 0;
    char *got = kh_url_normalize(in, in ? strlen(in) : 0, &n);
    KH_CHECK_STR(got, want);
    if (got)
        KH_CHECK_INT(n, strlen(want));
    free(got);
}

static void test_url(void)
{
    check_url("  HTTP://WWW.Example.COM:80/News/1?A=B#frag \n",
              "http://www.example.com/News/1?A=B");
    check_url("https://Host.com:443", "https://host.com");
    check_url("https://host.com:8443/x", "https://host.com:8443/x");
    check_url("http://host.com:/x", "http://host.com/x");
    check_url("http://User@Host.com/p", "http://User@host.com/p");
    check_url("http://[::1]:80/p", "http://[::1]/p");
    check_url("http://almadina.example/a/1?live",
              "http://almadina.example/a/1?live");
    check_url("//Cdn.Example.com/x", "//cdn.example.com/x");
    check_url("http://aawsat.com/home/article/410826/بريطانيا",
              "http://aawsat.com/home/article/410826/بريطانيا");
    check_url("   ", NULL);
    check_url("#only-a-fragment", NULL);
    check_url(NULL, NULL);
    const char *a = "http://www.example.com/news/101?live";
    KH_CHECK(kh_url_id(a, strlen(a)) ==
             kh_url_id("HTTP://www.EXAMPLE.com:80/news/101?live#x", 41));
    KH_CHECK(kh_url_id(a, strlen(a)) !=
             kh_url_id("http://www.example.com/news/101?weekly", 38));
    KH_CHECK(kh_url_id(a, strlen(a)) != 0);
    KH_CHECK_INT(kh_url_id(" ", 1), 0);
}

static void check_date(const char *in, const char *want)
{
    char *got = kh_date_normalize(in, in ? strlen(in) : 0);
    KH_CHECK_STR(got, want);
    free(got);
}

static void test_dates(void)
{
    check_date("2015-07-21 02:51:32", "2015-07-21T02:51:32");
    check_date("2015-07-21", "2015-07-21");
    check_date(" 2015/7/2 ", "2015-07-02");
    check_date("2015-08-01T10:15:00+03:00", "2015-08-01T10:15:00");
    check_date("2015-08-01T10:15:00.123Z", "2015-08-01T10:15:00");
    check_date("2015-08-01 10:15", "2015-08-01T10:15:00");
    check_date("21/07/2015", "2015-07-21");
    check_date("21-07-2015 08:30:00", "2015-07-21T08:30:00");
    check_date("Tue, 21 Jul 2015 02:51:32 +0300", "2015-07-21T02:51:32");
    check_date("Sat, 01 Aug 2015 09:00:00 GMT", "2015-08-01T09:00:00");
    check_date("July 21, 2015", "2015-07-21");
    check_date("21 July 2015", "2015-07-21");
    check_date("٢٠١٥-٠٧-٢١", "2015-07-21");
    check_date("2016-02-29", "2016-02-29");
    /* kept as given */
    check_date("2015-02-29", "2015-02-29");
    check_date("2015-13-01", "2015-13-01");
    check_date("2015-07-21 25:00", "2015-07-21 25:00");
    check_date("قبل ساعتين", "قبل ساعتين");
    check_date("  yesterday ", "yesterday");
    check_date("20150801", "20150801");
    check_date("", NULL);
    check_date("   ", NULL);
    check_date(NULL, NULL);
}

int main(void)
{
    KH_RUN(test_detect_utf8);
    KH_RUN(test_detect_legacy);
    KH_RUN(test_utf16);
    KH_RUN(test_repair_utf8);
    KH_RUN(test_labels);
    KH_RUN(test_url);
    KH_RUN(test_dates);
    return kh_test_report();
}
