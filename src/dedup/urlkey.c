/*
 * urlkey.c - canonical article URLs (urlkey.h): one key for the variants
 * under which outlets serve one page.
 *
 * Only query parameters with a value survive, because flags like almadina's
 * "?live" and "?weekly" name a section, not a page, while parameters such
 * as SPA's "details.php?id=1386665" are the page itself.
 */
#include "dedup/urlkey.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/alloc.h"
#include "khabar.h"

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Append s[0..n) with %XX escapes decoded (a bad escape stays as is). */
static void append_decoded(kh_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (s[i] == '%' && i + 2 < n &&
            (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
            (lo = hexval((unsigned char)s[i + 2])) >= 0) {
            kh_buf_putc(out, (char)(hi * 16 + lo));
            i += 2;
        } else {
            kh_buf_putc(out, s[i]);
        }
    }
}

static int is_tracking(const char *name, size_t n)
{
    static const char *const names[] = {"fbclid", "gclid", "ref", "source",
                                        "from", "share", "amp", "output"};
    if (n >= 4 && strncmp(name, "utm_", 4) == 0)
        return 1;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == n && strncmp(name, names[i], n) == 0)
            return 1;
    return 0;
}

typedef struct param {
    const char *s;
    size_t n;
} param;

static int cmp_param(const void *pa, const void *pb)
{
    const param *a = pa, *b = pb;
    size_t n = a->n < b->n ? a->n : b->n;
    int c = memcmp(a->s, b->s, n);
    if (c)
        return c;
    return (a->n > b->n) - (a->n < b->n);
}

/* Append "?k=v&k=v" for the query's kept parameters, sorted. */
static void append_query(kh_buf *out, const char *q, size_t n)
{
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        cap += q[i] == '&' || q[i] == ';';
    param *kept = kh_malloc(cap * sizeof *kept);
    size_t nk = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && q[j] != '&' && q[j] != ';')
            j++;
        const char *eq = memchr(q + i, '=', j - i);
        if (eq && eq + 1 < q + j && !is_tracking(q + i, (size_t)(eq - q - i)))
            kept[nk++] = (param){q + i, j - i};
        i = j + 1;
    }
    qsort(kept, nk, sizeof *kept, cmp_param);
    for (size_t i = 0; i < nk; i++) {
        kh_buf_putc(out, i ? '&' : '?');
        append_decoded(out, kept[i].s, kept[i].n);
    }
    free(kept);
}

int kh_url_canonical(const char *url, kh_buf *out)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    if (strncmp(p, "//", 2) == 0)
        p += 2;
    size_t host_len = strcspn(p, "/?#");
    if (host_len == 0 || !memchr(p, '.', host_len))
        return 0; /* no host: a path or a name, not a URL */
    const char *host = p;
    if (host_len > 4 && strncasecmp(host, "www.", 4) == 0) {
        host += 4;
        host_len -= 4;
    } else if (host_len > 2 && strncasecmp(host, "m.", 2) == 0) {
        host += 2;
        host_len -= 2;
    }
    /* a port that is the scheme's default says nothing */
    size_t name_len = host_len;
    const char *colon = memchr(host, ':', host_len);
    size_t port_len = colon ? (size_t)(host + host_len - colon) : 0;
    if (colon && ((port_len == 3 && memcmp(colon, ":80", 3) == 0) ||
                  (port_len == 4 && memcmp(colon, ":443", 4) == 0)))
        name_len = (size_t)(colon - host);
    for (size_t i = 0; i < name_len; i++)
        kh_buf_putc(out, (char)tolower((unsigned char)host[i]));
    p = host + host_len;
    size_t path_len = strcspn(p, "?#");
    while (path_len > 0 && p[path_len - 1] == '/')
        path_len--;
    kh_buf_putc(out, '/');
    append_decoded(out, *p == '/' ? p + 1 : p,
                   *p == '/' && path_len ? path_len - 1 : path_len);
    p += strcspn(p, "?#");
    if (*p == '?')
        append_query(out, p + 1, strcspn(p + 1, "#"));
    return 1;
}

uint64_t kh_url_key(const char *url, kh_buf *scratch)
{
    if (!url || !*url)
        return 0;
    kh_buf_reset(scratch);
    if (!kh_url_canonical(url, scratch))
        return 0;
    uint64_t key = kh_hash64(scratch->data, scratch->len, 0x75726cu); /* url */
    return key ? key : 1;
}
