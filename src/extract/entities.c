/*
 * entities.c - HTML character references left in scraped text.
 *
 * Scrapers often store a page's title or paragraphs with the references
 * still in them (SaudiNewsNet has 229 titles like "&#8220;داعش&#8221;"):
 * they would be indexed as the words "8220" and shown to readers as is.
 * Named references are looked up in libxml2's HTML entity table.
 */
#include <libxml/HTMLparser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/utf8.h"
#include "extract/entities.h"

/* The code point of the reference starting at s ('&'), its length in *len;
 * 0 when s does not start a complete, valid reference. */
static uint32_t reference_at(const char *s, size_t *len)
{
    const char *p = s + 1;
    uint32_t cp = 0;
    if (*p == '#') {
        p++;
        int hex = (*p == 'x' || *p == 'X');
        p += hex;
        const char *digits = p;
        for (; p - digits < 8; p++) {
            int d = (*p >= '0' && *p <= '9')   ? *p - '0'
                    : !hex                     ? -1
                    : (*p >= 'a' && *p <= 'f') ? *p - 'a' + 10
                    : (*p >= 'A' && *p <= 'F') ? *p - 'A' + 10
                                               : -1;
            if (d < 0)
                break;
            cp = cp * (hex ? 16 : 10) + (uint32_t)d;
        }
        if (p == digits || *p != ';')
            return 0;
    } else {
        char name[32];
        size_t n = 0;
        while (n < sizeof name - 1 &&
               ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                (*p >= '0' && *p <= '9')))
            name[n++] = *p++;
        name[n] = '\0';
        if (n == 0 || *p != ';')
            return 0;
        const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
        if (!e)
            return 0;
        cp = e->value;
    }
    /* NUL, surrogates, controls and out-of-range values stay as written */
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
        (cp < 0x20 && cp != '\t' && cp != '\n'))
        return 0;
    *len = (size_t)(p + 1 - s);
    return cp;
}

char *kh_entities_decode(const char *s)
{
    const char *amp = s ? strchr(s, '&') : NULL;
    if (!amp)
        return NULL;
    kh_buf out = KH_BUF_INIT;
    int changed = 0;
    while (amp) {
        kh_buf_append(&out, s, (size_t)(amp - s));
        size_t len = 0;
        uint32_t cp = reference_at(amp, &len);
        if (cp) {
            char utf8[4];
            kh_buf_append(&out, utf8, kh_utf8_encode(cp, utf8));
            s = amp + len;
            changed = 1;
        } else {
            kh_buf_putc(&out, '&');
            s = amp + 1;
        }
        amp = strchr(s, '&');
    }
    kh_buf_puts(&out, s);
    if (!changed) {
        kh_buf_free(&out);
        return NULL;
    }
    return kh_buf_detach(&out);
}

void kh_entities_replace(char **s)
{
    char *decoded = kh_entities_decode(*s);
    if (decoded) {
        free(*s);
        *s = decoded;
    }
}
