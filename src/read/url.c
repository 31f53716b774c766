/*
 * url.c - URL normalisation for article ids (the rule is in url.h).  Works
 * on bytes: Arabic letters in paths are kept as they come.
 */
#include "read/url.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "khabar.h"

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Length of a scheme ("http") before ':' at the start of s, else 0. */
static size_t scheme_length(const char *s, size_t n)
{
    if (n == 0 || !is_alpha(s[0]))
        return 0;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (c == ':')
            return i;
        if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' &&
            c != '.')
            return 0;
    }
    return 0;
}

/* Append the authority (userinfo@host:port) with the host lowercased and
 * a default or empty port dropped. */
static void append_authority(kh_buf *b, const char *a, size_t n,
                             const char *scheme, size_t scheme_len)
{
    size_t host_start = 0;
    for (size_t i = 0; i < n; i++)
        if (a[i] == '@')
            host_start = i + 1;
    kh_buf_append(b, a, host_start);
    /* the port starts at the last ':' that is not inside [IPv6] brackets */
    size_t port = n;
    for (size_t i = n; i > host_start; i--) {
        if (a[i - 1] == ']')
            break;
        if (a[i - 1] == ':') {
            port = i - 1;
            break;
        }
    }
    for (size_t i = host_start; i < port; i++)
        kh_buf_putc(b, lower(a[i]));
    if (port == n)
        return;
    const char *digits = a + port + 1;
    size_t nd = n - port - 1;
    int is_default =
        nd == 0 ||
        (scheme_len == 4 && memcmp(scheme, "http", 4) == 0 && nd == 2 &&
         memcmp(digits, "80", 2) == 0) ||
        (scheme_len == 5 && memcmp(scheme, "https", 5) == 0 && nd == 3 &&
         memcmp(digits, "443", 3) == 0);
    if (!is_default)
        kh_buf_append(b, a + port, n - port);
}

char *kh_url_normalize(const char *url, size_t len, size_t *out_len)
{
    if (!url)
        return NULL;
    while (len > 0 && is_space((unsigned char)url[0])) {
        url++;
        len--;
    }
    while (len > 0 && is_space((unsigned char)url[len - 1]))
        len--;
    const char *hash = memchr(url, '#', len);
    if (hash)
        len = (size_t)(hash - url);
    if (len == 0)
        return NULL;

    kh_buf b = KH_BUF_INIT;
    kh_buf_reserve(&b, len);
    size_t sl = scheme_length(url, len), i = 0;
    char scheme[16] = "";
    if (sl > 0) {
        for (; i < sl; i++)
            kh_buf_putc(&b, lower(url[i]));
        if (sl < sizeof scheme)
            memcpy(scheme, b.data, sl);
        kh_buf_putc(&b, ':');
        i++;
    }
    if (len - i >= 2 && url[i] == '/' && url[i + 1] == '/') {
        kh_buf_append(&b, "//", 2);
        i += 2;
        size_t end = i;
        while (end < len && url[end] != '/' && url[end] != '?')
            end++;
        append_authority(&b, url + i, end - i, scheme,
                         sl < sizeof scheme ? sl : 0);
        i = end;
    }
    kh_buf_append(&b, url + i, len - i);
    if (out_len)
        *out_len = b.len;
    return kh_buf_detach(&b);
}

uint64_t kh_url_id(const char *url, size_t len)
{
    size_t n;
    char *norm = kh_url_normalize(url, len, &n);
    if (!norm)
        return 0;
    uint64_t id = kh_hash64(norm, n, 0);
    free(norm);
    return id ? id : 1;
}
