/*
 * html_charset.c - find the encoding an HTML page declares (HTTP header or
 * <meta>), with the byte-level pre-scan browsers run before parsing.
 */
#include <string.h>
#include <strings.h>

#include "read/html_charset.h"

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static int ieq(const char *a, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n == k && strncasecmp(a, lit, k) == 0;
}

/* Copy a label, trimmed and lower-cased, refusing anything that is not a
 * plausible encoding name. */
static const char *take_label(const char *s, size_t n, char *out, size_t cap)
{
    while (n && is_ws((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && is_ws((unsigned char)s[n - 1]))
        n--;
    if (n == 0 || n >= cap || cap == 0)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = lower((unsigned char)s[i]);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.' || c == ':'))
            return NULL;
        out[i] = (char)c;
    }
    out[n] = '\0';
    if (strncmp(out, "utf-16", 6) == 0 || strcmp(out, "unicode") == 0)
        strcpy(out, "utf-8"); /* what a browser does with a page it read
                                 as ASCII that claims UTF-16 */
    return out;
}

/* The charset= parameter inside a content value (the standard's
 * "extracting a character encoding from a meta element"). */
static const char *charset_param(const char *s, size_t n, char *out,
                                 size_t cap)
{
    size_t i = 0;
    while (i + 7 <= n) {
        if (strncasecmp(s + i, "charset", 7) != 0) {
            i++;
            continue;
        }
        i += 7;
        while (i < n && is_ws((unsigned char)s[i]))
            i++;
        if (i >= n || s[i] != '=')
            continue;
        i++;
        while (i < n && is_ws((unsigned char)s[i]))
            i++;
        if (i >= n)
            return NULL;
        if (s[i] == '"' || s[i] == '\'') {
            char q = s[i++];
            size_t start = i;
            while (i < n && s[i] != q)
                i++;
            if (i >= n)
                return NULL; /* unmatched quote: nothing, per the standard */
            return take_label(s + start, i - start, out, cap);
        }
        size_t start = i;
        while (i < n && !is_ws((unsigned char)s[i]) && s[i] != ';')
            i++;
        return take_label(s + start, i - start, out, cap);
    }
    return NULL;
}

const char *kh_http_charset(const char *content_type, size_t len, char *out,
                            size_t cap)
{
    if (!content_type)
        return NULL;
    /* only the parameters, after the media type */
    const char *semi = memchr(content_type, ';', len);
    if (!semi)
        return NULL;
    size_t off = (size_t)(semi - content_type);
    return charset_param(semi, len - off, out, cap);
}

/* One attribute of a tag: name and value (value may be empty). */
typedef struct attr {
    const char *name, *value;
    size_t name_len, value_len;
} attr;

/* Read the attribute at p[*i]; returns 0 at the end of the tag ('>' or
 * the end of input). */
static int next_attr(const char *p, size_t n, size_t *i, attr *a)
{
    size_t k = *i;
    while (k < n && (is_ws((unsigned char)p[k]) || p[k] == '/'))
        k++;
    if (k >= n || p[k] == '>') {
        *i = k;
        return 0;
    }
    a->name = p + k;
    size_t start = k;
    /* the first character may be '=' (an odd but legal name) */
    k++;
    while (k < n && !is_ws((unsigned char)p[k]) && p[k] != '/' &&
           p[k] != '>' && p[k] != '=')
        k++;
    a->name_len = k - start;
    a->value = p + k;
    a->value_len = 0;
    while (k < n && is_ws((unsigned char)p[k]))
        k++;
    if (k >= n || p[k] != '=') {
        *i = k;
        return 1;
    }
    k++;
    while (k < n && is_ws((unsigned char)p[k]))
        k++;
    if (k < n && (p[k] == '"' || p[k] == '\'')) {
        char q = p[k++];
        size_t vs = k;
        while (k < n && p[k] != q)
            k++;
        if (k >= n) {
            /* the input ends inside the value: no attribute */
            *i = n;
            return 0;
        }
        a->value = p + vs;
        a->value_len = k - vs;
        k++;
    } else {
        size_t vs = k;
        while (k < n && !is_ws((unsigned char)p[k]) && p[k] != '>')
            k++;
        a->value = p + vs;
        a->value_len = k - vs;
    }
    *i = k;
    return 1;
}

/* A <meta ...> tag starting after "<meta": its declared charset, if any. */
static const char *meta_charset(const char *p, size_t n, size_t *i, char *out,
                                size_t cap)
{
    attr a;
    int got_pragma = 0, need_pragma = -1; /* -1 unknown, 0 no, 1 yes */
    const char *found = NULL;
    char tmp[64];
    while (next_attr(p, n, i, &a)) {
        if (ieq(a.name, a.name_len, "http-equiv")) {
            if (ieq(a.value, a.value_len, "content-type"))
                got_pragma = 1;
        } else if (ieq(a.name, a.name_len, "content")) {
            if (!found && charset_param(a.value, a.value_len, tmp,
                                        sizeof tmp)) {
                found = tmp;
                need_pragma = 1;
            }
        } else if (ieq(a.name, a.name_len, "charset")) {
            if (take_label(a.value, a.value_len, tmp, sizeof tmp)) {
                found = tmp;
                need_pragma = 0;
            }
        }
    }
    if (!found || need_pragma < 0 || (need_pragma == 1 && !got_pragma))
        return NULL;
    if (strlen(found) >= cap)
        return NULL;
    strcpy(out, found);
    return out;
}

const char *kh_html_meta_charset(const char *bytes, size_t len, char *out,
                                 size_t cap)
{
    const char *p = bytes;
    size_t n = len < KH_HTML_PRESCAN_BYTES ? len : KH_HTML_PRESCAN_BYTES;
    size_t i = 0;
    while (i < n) {
        if (p[i] != '<') {
            i++;
            continue;
        }
        if (i + 4 <= n && memcmp(p + i, "<!--", 4) == 0) {
            /* a comment: skip to "-->" */
            size_t k = i + 4;
            while (k + 3 <= n && memcmp(p + k, "-->", 3) != 0)
                k++;
            i = k + 3;
            continue;
        }
        if (i + 5 < n && strncasecmp(p + i, "<meta", 5) == 0 &&
            (is_ws((unsigned char)p[i + 5]) || p[i + 5] == '/')) {
            size_t k = i + 5;
            const char *cs = meta_charset(p, n, &k, out, cap);
            if (cs)
                return cs;
            i = k;
            continue;
        }
        unsigned char c1 = i + 1 < n ? lower((unsigned char)p[i + 1]) : 0;
        if ((c1 >= 'a' && c1 <= 'z') ||
            (c1 == '/' && i + 2 < n &&
             lower((unsigned char)p[i + 2]) >= 'a' &&
             lower((unsigned char)p[i + 2]) <= 'z')) {
            /* another tag: skip its name and attributes */
            size_t k = i + 1;
            while (k < n && !is_ws((unsigned char)p[k]) && p[k] != '>')
                k++;
            attr a;
            while (next_attr(p, n, &k, &a))
                ;
            i = k + 1;
            continue;
        }
        if (c1 == '?' && i + 5 < n && strncasecmp(p + i, "<?xml", 5) == 0) {
            /* an XML declaration: <?xml version="1.0" encoding="..."?> */
            size_t k = i + 5;
            attr a;
            while (next_attr(p, n, &k, &a)) {
                if (ieq(a.name, a.name_len, "encoding") &&
                    take_label(a.value, a.value_len, out, cap))
                    return out;
                if (k < n && p[k] == '?')
                    k++;
            }
            i = k + 1;
            continue;
        }
        if (c1 == '!' || c1 == '/' || c1 == '?') {
            /* <!DOCTYPE>, <?xml?>, a stray "</": skip to '>' */
            const char *gt = memchr(p + i, '>', n - i);
            if (!gt)
                break;
            i = (size_t)(gt - p) + 1;
            continue;
        }
        i++;
    }
    return NULL;
}
