/*
 * read_flat.c - the fast path for flat JSON records (read_flat.h).  A news
 * dump's record is one object of a few string members; building jansson's
 * tree of it (a hash table, a copy of every string) took as long as all of
 * the cleaning.  This parser walks the bytes once, points into them where a
 * string holds no escape, and gives up at the first thing it does not
 * handle, so that jansson sees every record it would read differently.
 */
#include <string.h>

#include "common/utf8.h"
#include "read/read_flat.h"

/* A string as found: in the record (at), or decoded into scratch (off). */
typedef struct span {
    const char *at;
    size_t off, len;
    int decoded, null;
} span;

typedef struct cursor {
    const unsigned char *p, *end;
    kh_buf *scratch;
} cursor;

static void skip_ws(cursor *c)
{
    while (c->p < c->end &&
           (*c->p == ' ' || *c->p == '\n' || *c->p == '\r' || *c->p == '\t'))
        c->p++;
}

static int hex4(const unsigned char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = p[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return 0;
        v = v << 4 | d;
    }
    *out = v;
    return 1;
}

/* A \u escape at c->p (past the backslash and 'u'): one code point, a
 * surrogate pair joined; 0 for what jansson refuses (NUL, lone halves). */
static int unicode_escape(cursor *c, uint32_t *cp)
{
    unsigned hi, lo;
    if (c->end - c->p < 4 || !hex4(c->p, &hi))
        return 0;
    c->p += 4;
    if (hi == 0 || (hi >= 0xDC00 && hi <= 0xDFFF))
        return 0;
    if (hi >= 0xD800 && hi <= 0xDBFF) {
        if (c->end - c->p < 6 || c->p[0] != '\\' || c->p[1] != 'u' ||
            !hex4(c->p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
            return 0;
        c->p += 6;
        *cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
        return 1;
    }
    *cp = hi;
    return 1;
}

/* Append the escape at c->p (past the backslash) to scratch. */
static int escape(cursor *c)
{
    if (c->p >= c->end)
        return 0;
    unsigned char e = *c->p++;
    char byte;
    switch (e) {
    case '"': case '\\': case '/': byte = (char)e; break;
    case 'b': byte = '\b'; break;
    case 'f': byte = '\f'; break;
    case 'n': byte = '\n'; break;
    case 'r': byte = '\r'; break;
    case 't': byte = '\t'; break;
    case 'u': {
        uint32_t cp;
        if (!unicode_escape(c, &cp))
            return 0;
        char enc[4];
        kh_buf_append(c->scratch, enc, kh_utf8_encode(cp, enc));
        return 1;
    }
    default: return 0;
    }
    kh_buf_putc(c->scratch, byte);
    return 1;
}

/* A string at c->p (past the opening quote).  Without escapes it stays
 * where it is; with escapes it is decoded into scratch. */
static int string(cursor *c, span *s)
{
    const unsigned char *start = c->p, *run = c->p;
    memset(s, 0, sizeof *s);
    while (c->p < c->end) {
        unsigned char b = *c->p;
        if (b == '"') {
            if (s->decoded) {
                kh_buf_append(c->scratch, run, (size_t)(c->p - run));
                s->len = c->scratch->len - s->off;
            } else {
                s->at = (const char *)start;
                s->len = (size_t)(c->p - start);
            }
            c->p++;
            return 1;
        }
        if (b < 0x20)
            return 0; /* a raw control character: jansson refuses it */
        if (b == '\\') {
            if (!s->decoded) {
                s->decoded = 1;
                s->off = c->scratch->len;
            }
            kh_buf_append(c->scratch, run, (size_t)(c->p - run));
            c->p++;
            if (!escape(c))
                return 0;
            run = c->p;
            continue;
        }
        if (b < 0x80) {
            c->p++;
            continue;
        }
        /* two-byte sequences (Arabic script's) checked inline: a lead byte
         * from C2 (C0 and C1 would be overlong) and one continuation */
        if (b >= 0xC2 && b <= 0xDF && c->end - c->p >= 2 &&
            (c->p[1] & 0xC0) == 0x80) {
            c->p += 2;
            continue;
        }
        int bad = 0;
        uint32_t cp;
        c->p += kh_utf8_decode(c->p, (size_t)(c->end - c->p), &cp, &bad);
        if (bad)
            return 0;
    }
    return 0; /* unterminated */
}

static int value(cursor *c, span *s)
{
    if (c->p < c->end && *c->p == '"') {
        c->p++;
        return string(c, s);
    }
    if (c->end - c->p >= 4 && memcmp(c->p, "null", 4) == 0) {
        c->p += 4;
        memset(s, 0, sizeof *s);
        s->null = 1;
        return 1;
    }
    return 0; /* a number, a boolean, an object, an array: not flat */
}

static const char *resolve(const kh_flat *f, const span *s)
{
    if (s->null)
        return NULL;
    return s->decoded ? f->scratch.data + s->off : s->at;
}

int kh_flat_parse(kh_flat *f, const char *bytes, size_t len)
{
    span keys[KH_FLAT_MAX_MEMBERS], vals[KH_FLAT_MAX_MEMBERS];
    cursor c = {(const unsigned char *)bytes,
                (const unsigned char *)bytes + len, &f->scratch};
    kh_buf_reset(&f->scratch);
    f->n = 0;
    skip_ws(&c);
    if (c.p >= c.end || *c.p++ != '{')
        return 0;
    skip_ws(&c);
    if (c.p < c.end && *c.p == '}') {
        c.p++;
    } else {
        for (;;) {
            if (f->n == KH_FLAT_MAX_MEMBERS || c.p >= c.end || *c.p++ != '"')
                return 0;
            if (!string(&c, &keys[f->n]))
                return 0;
            skip_ws(&c);
            if (c.p >= c.end || *c.p++ != ':')
                return 0;
            skip_ws(&c);
            if (!value(&c, &vals[f->n]))
                return 0;
            f->n++;
            skip_ws(&c);
            if (c.p < c.end && *c.p == ',') {
                c.p++;
                skip_ws(&c);
                continue;
            }
            if (c.p < c.end && *c.p == '}') {
                c.p++;
                break;
            }
            return 0;
        }
    }
    skip_ws(&c);
    if (c.p != c.end)
        return 0; /* something after the object */
    /* scratch has stopped growing: the decoded strings can be pointed at */
    for (size_t i = 0; i < f->n; i++) {
        kh_flat_member *m = &f->m[i];
        m->key = resolve(f, &keys[i]);
        m->key_len = keys[i].len;
        m->value = resolve(f, &vals[i]);
        m->value_len = vals[i].len;
        if (memchr(m->key, '\0', m->key_len))
            return 0; /* a \u0000 cannot get here, but a key is a C string */
        for (size_t j = 0; j < i; j++)
            if (f->m[j].key_len == m->key_len &&
                memcmp(f->m[j].key, m->key, m->key_len) == 0)
                return 0; /* repeated: jansson's rule decides */
    }
    return 1;
}

const kh_flat_member *kh_flat_get(const kh_flat *f, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < f->n; i++)
        if (f->m[i].key_len == n && memcmp(f->m[i].key, name, n) == 0)
            return &f->m[i];
    return NULL;
}
