/*
 * charset.c - finding the encoding of raw bytes and converting them to
 * UTF-8 (see charset.h).  UTF-8 and UTF-16 are decoded here; every other
 * encoding goes through glibc's iconv, one invalid byte at a time becoming
 * U+FFFD.
 */
#include "read/charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "common/utf8.h"

/* --- labels --------------------------------------------------------------- */

/* Labels and the canonical name they stand for (after the WHATWG Encoding
 * standard's table, trimmed to what Arabic news sites are seen to use plus
 * the common Western and CJK encodings).  Lookup is case-insensitive. */
static const struct {
    const char *label, *name;
} charset_labels[] = {
    {"utf-8", "utf-8"},
    {"utf8", "utf-8"},
    {"unicode-1-1-utf-8", "utf-8"},
    {"us-ascii", "utf-8"}, /* ASCII is UTF-8; mislabelled pages are common */
    {"ascii", "utf-8"},
    {"utf-16le", "utf-16le"},
    {"utf-16", "utf-16le"},
    {"unicode", "utf-16le"},
    {"utf-16be", "utf-16be"},
    {"windows-1256", "windows-1256"},
    {"cp1256", "windows-1256"},
    {"x-cp1256", "windows-1256"},
    {"ms-arab", "windows-1256"},
    {"iso-8859-6", "iso-8859-6"},
    {"iso8859-6", "iso-8859-6"},
    {"iso_8859-6", "iso-8859-6"},
    {"iso_8859-6:1987", "iso-8859-6"},
    {"iso-8859-6-e", "iso-8859-6"},
    {"iso-8859-6-i", "iso-8859-6"},
    {"iso-ir-127", "iso-8859-6"},
    {"arabic", "iso-8859-6"},
    {"asmo-708", "iso-8859-6"},
    {"ecma-114", "iso-8859-6"},
    {"csisolatinarabic", "iso-8859-6"},
    {"csiso88596e", "iso-8859-6"},
    {"csiso88596i", "iso-8859-6"},
    {"iso-8859-1", "windows-1252"},
    {"iso8859-1", "windows-1252"},
    {"latin1", "windows-1252"},
    {"l1", "windows-1252"},
    {"windows-1252", "windows-1252"},
    {"cp1252", "windows-1252"},
    {"x-cp1252", "windows-1252"},
    {"iso-8859-15", "iso-8859-15"},
    {"latin9", "iso-8859-15"},
    {"iso-8859-2", "iso-8859-2"},
    {"windows-1250", "windows-1250"},
    {"windows-1251", "windows-1251"},
    {"cp1251", "windows-1251"},
    {"koi8-r", "koi8-r"},
    {"windows-1253", "windows-1253"},
    {"iso-8859-7", "iso-8859-7"},
    {"windows-1254", "windows-1254"},
    {"iso-8859-9", "windows-1254"},
    {"windows-1255", "windows-1255"},
    {"iso-8859-8", "iso-8859-8"},
    {"gbk", "gbk"},
    {"gb2312", "gbk"},
    {"gb18030", "gb18030"},
    {"big5", "big5"},
    {"shift_jis", "shift_jis"},
    {"sjis", "shift_jis"},
    {"euc-jp", "euc-jp"},
    {"euc-kr", "euc-kr"},
};

const char *kh_charset_canonical(const char *label)
{
    if (!label)
        return NULL;
    while (*label == ' ' || *label == '\t' || *label == '"' || *label == '\'')
        label++;
    size_t n = strlen(label);
    while (n > 0 && (label[n - 1] == ' ' || label[n - 1] == '\t' ||
                     label[n - 1] == '"' || label[n - 1] == '\'' ||
                     label[n - 1] == ';'))
        n--;
    for (size_t i = 0; i < sizeof charset_labels / sizeof *charset_labels;
         i++) {
        const char *l = charset_labels[i].label;
        if (strlen(l) == n && strncasecmp(l, label, n) == 0)
            return charset_labels[i].name;
    }
    return NULL;
}

/* --- detection ------------------------------------------------------------ */

typedef struct utf8_census {
    size_t multibyte; /* valid sequences of 2-4 bytes                    */
    size_t invalid;   /* bytes that decode as U+FFFD                      */
} utf8_census;

static utf8_census utf8_count(const unsigned char *p, size_t n)
{
    utf8_census c = {0, 0};
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        int bad = 0;
        size_t k = kh_utf8_decode(p + i, n - i, &cp, &bad);
        if (bad)
            c.invalid++;
        else
            c.multibyte++;
        i += k;
    }
    return c;
}

/*
 * Telling windows-1256 from ISO-8859-6.  Both put the Arabic letters in
 * 0xC1-0xFF, differently: windows-1256 fills every byte, ISO-8859-6 leaves
 * 0x80-0xA0 (C1 controls), most of 0xA1-0xBF, 0xDB-0xDF and 0xF3-0xFF
 * undefined.  Arabic text in windows-1256 is full of those bytes (0xDD ف,
 * 0xDE ق, 0xDF ك, 0xED ي, 0x81 پ...), so each one counts for windows-1256.
 * ISO-8859-6 text in turn leans on 0xE7-0xEA (ه و ى ي), which windows-1256
 * spends on the Latin letters ç è é ê that Arabic text rarely holds, so each
 * one counts for ISO-8859-6.  The larger count wins; a tie (no high bytes
 * that tell) goes to windows-1256, by far the more common on the web.
 */
static int cp1256_only(unsigned c)
{
    return (c >= 0x80 && c <= 0x9F) || (c >= 0xA1 && c <= 0xA3) ||
           (c >= 0xA5 && c <= 0xAB) || (c >= 0xAE && c <= 0xBA) ||
           (c >= 0xBC && c <= 0xBE) || c == 0xC0 ||
           (c >= 0xDB && c <= 0xDF) || c >= 0xF3;
}

static const char *arabic_legacy_guess(const unsigned char *p, size_t n)
{
    size_t for_cp1256 = 0, for_iso = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        if (c < 0x80)
            continue;
        if (cp1256_only(c))
            for_cp1256++;
        else if (c >= 0xE7 && c <= 0xEA)
            for_iso++;
    }
    return for_iso > for_cp1256 ? "iso-8859-6" : "windows-1256";
}

const char *kh_charset_detect(const char *bytes, size_t len,
                              const char *declared)
{
    const unsigned char *p = (const unsigned char *)bytes;
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        return "utf-8";
    if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
        return "utf-16le";
    if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
        return "utf-16be";
    const char *label = kh_charset_canonical(declared);
    if (label && strncmp(label, "utf-16", 6) == 0)
        label = NULL; /* UTF-16 without a BOM is not believed */
    utf8_census c = utf8_count(p, len);
    if (c.invalid == 0) {
        /* Valid UTF-8 with letters outside ASCII contradicts any legacy
         * label; plain ASCII reads the same in all of them. */
        if (c.multibyte > 0 || !label)
            return "utf-8";
        return label;
    }
    /* Bad bytes among more good sequences: damaged UTF-8, repaired later,
     * not a legacy encoding, whose high bytes form a valid sequence only
     * by chance (a letter before ، or ؟), one in dozens of letters. */
    if (c.multibyte > 2 * c.invalid)
        return "utf-8";
    if (label && strcmp(label, "utf-8") != 0)
        return label;
    return arabic_legacy_guess(p, len);
}

/* --- conversion ----------------------------------------------------------- */

static const char replacement[] = "\xEF\xBF\xBD";

static char *utf16_to_utf8(const unsigned char *p, size_t len, int big,
                           size_t *out_len, size_t *invalid)
{
    kh_buf b = KH_BUF_INIT;
    kh_buf_reserve(&b, len + len / 2);
    size_t bad = 0, i = 0;
    while (i + 1 < len) {
        uint32_t u = big ? (uint32_t)(p[i] << 8 | p[i + 1])
                         : (uint32_t)(p[i + 1] << 8 | p[i]);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < len) {
            uint32_t lo = big ? (uint32_t)(p[i] << 8 | p[i + 1])
                              : (uint32_t)(p[i + 1] << 8 | p[i]);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            kh_buf_append(&b, replacement, 3);
            bad += 2;
            continue;
        }
        char enc[4];
        kh_buf_append(&b, enc, kh_utf8_encode(u, enc));
    }
    if (i < len) { /* an odd byte at the end */
        kh_buf_append(&b, replacement, 3);
        bad++;
    }
    if (invalid)
        *invalid = bad;
    if (out_len)
        *out_len = b.len;
    return kh_buf_detach(&b);
}

/* iconv can name an encoding differently from the canonical name. */
static const char *iconv_name(const char *enc)
{
    if (strcmp(enc, "windows-1256") == 0)
        return "CP1256";
    if (strcmp(enc, "iso-8859-6") == 0)
        return "ISO-8859-6";
    if (strcmp(enc, "windows-1252") == 0)
        return "CP1252";
    return enc;
}

/* Convert through iconv; NULL when iconv does not know the encoding. */
static char *iconv_to_utf8(const char *bytes, size_t len, const char *enc,
                           size_t *out_len, size_t *invalid)
{
    iconv_t cd = iconv_open("UTF-8", iconv_name(enc));
    if (cd == (iconv_t)-1)
        return NULL;
    kh_buf b = KH_BUF_INIT;
    kh_buf_reserve(&b, len * 2 + 16);
    char *in = (char *)bytes;
    size_t in_left = len, bad = 0;
    while (in_left > 0) {
        char *out = b.data + b.len;
        size_t out_left = b.cap - b.len - 1;
        size_t r = iconv(cd, &in, &in_left, &out, &out_left);
        b.len = (size_t)(out - b.data);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            kh_buf_reserve(&b, in_left * 2 + 16);
        } else {
            /* EILSEQ (no such character) or EINVAL (cut short at the
             * end): one byte becomes U+FFFD and conversion goes on. */
            kh_buf_reserve(&b, 3);
            kh_buf_append(&b, replacement, 3);
            in++;
            in_left--;
            bad++;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    b.data[b.len] = '\0';
    if (invalid)
        *invalid = bad;
    if (out_len)
        *out_len = b.len;
    return kh_buf_detach(&b);
}

char *kh_charset_to_utf8(const char *bytes, size_t len, const char *encoding,
                         size_t *out_len, size_t *invalid)
{
    const unsigned char *p = (const unsigned char *)bytes;
    const char *enc = kh_charset_canonical(encoding);
    if (!enc)
        enc = encoding && *encoding ? encoding : "utf-8";
    if (strcmp(enc, "utf-16le") == 0 || strcmp(enc, "utf-16be") == 0) {
        int big = enc[6] == 'b';
        if (len >= 2 && ((big && p[0] == 0xFE && p[1] == 0xFF) ||
                         (!big && p[0] == 0xFF && p[1] == 0xFE))) {
            p += 2;
            len -= 2;
        }
        return utf16_to_utf8(p, len, big, out_len, invalid);
    }
    if (strcmp(enc, "utf-8") != 0) {
        char *s = iconv_to_utf8(bytes, len, enc, out_len, invalid);
        if (s)
            return s;
    }
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        bytes += 3;
        len -= 3;
    }
    return kh_utf8_sanitize(bytes, len, out_len, invalid);
}
