/*
 * read_record.c - one JSON record (an array element or a JSON line) to one
 * article: encoding repair, parsing with jansson, and the mapping from
 * field names (SaudiNewsNet's, the caller's, or common alternatives) to
 * kh_article fields.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/utf8.h"
#include "read/charset.h"
#include "read/date.h"
#include "read/read_flat.h"
#include "read/read_record.h"

/* Field names tried in order when the caller names none: SaudiNewsNet's
 * first, then what other dumps (schema.org, news APIs) call the field. */
static const char *const names_source[] = {"source", NULL};
static const char *const names_url[] = {"url", "link", NULL};
static const char *const names_date[] = {"date_extracted", "date",
                                         "published", "datePublished", NULL};
static const char *const names_title[] = {"title", "headline", NULL};
static const char *const names_author[] = {"author", "byline", NULL};
static const char *const names_text[] = {"content", "text", "body",
                                         "articleBody", NULL};

typedef struct field_value {
    const char *s; /* NULL when absent, null or "" */
    size_t len;
} field_value;

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "not a string";
    }
}

/* Look the field up under `custom` (when set) or under each default name;
 * the first name present decides.  Returns 0, or -1 with the offending
 * name in *bad when the value is neither a string nor null. */
static int get_field(json_t *obj, const char *custom,
                     const char *const *defaults, field_value *out,
                     const char **bad, const char **bad_type)
{
    const char *one[] = {custom, NULL};
    const char *const *names = custom ? one : defaults;
    out->s = NULL;
    out->len = 0;
    for (size_t i = 0; names[i]; i++) {
        json_t *v = json_object_get(obj, names[i]);
        if (!v)
            continue;
        if (json_is_null(v))
            return 0;
        if (!json_is_string(v)) {
            *bad = names[i];
            *bad_type = type_name(v);
            return -1;
        }
        out->s = json_string_value(v);
        out->len = json_string_length(v);
        if (out->len == 0)
            out->s = NULL;
        return 0;
    }
    return 0;
}

/* What starts a message about the record: "element 17" in an array; ""
 * for a JSON line, whose place (path:line) the error's line already
 * gives, so that it is said once. */
static const char *what_prefix(const kh_rec *r)
{
    return r->what ? r->what : "";
}

/* The same over a flat record (read_flat.h), whose values are strings or
 * null: no value can be of the wrong type. */
static void get_flat_field(const kh_flat *f, const char *custom,
                           const char *const *defaults, field_value *out)
{
    const char *one[] = {custom, NULL};
    const char *const *names = custom ? one : defaults;
    out->s = NULL;
    out->len = 0;
    for (size_t i = 0; names[i]; i++) {
        const kh_flat_member *m = kh_flat_get(f, names[i]);
        if (!m)
            continue;
        if (m->value && m->value_len > 0) {
            out->s = m->value;
            out->len = m->value_len;
        }
        return;
    }
}

/* Fill *a from the six fields (source, url, date, title, author, text). */
static void fill_fields(kh_article *a, const field_value v[6])
{
    a->source = kh_rd_trim_dup(v[0].s, v[0].len);
    a->url = kh_rd_trim_dup(v[1].s, v[1].len);
    a->date = kh_date_normalize(v[2].s, v[2].len);
    a->title = kh_rd_trim_dup(v[3].s, v[3].len);
    a->author = kh_rd_trim_dup(v[4].s, v[4].len);
    if (v[5].s && !kh_rd_blank(v[5].s, v[5].len)) {
        a->raw = kh_strndup(v[5].s, v[5].len);
        a->raw_len = v[5].len;
    }
    a->raw_format = a->raw && kh_rd_looks_html(a->raw, a->raw_len)
                        ? KH_FORMAT_HTML
                        : KH_FORMAT_TEXT;
}

static void fill_flat(const kh_rec *r, const kh_flat *f, kh_article *a)
{
    const kh_read_opts *o = &r->f->rd->opts;
    field_value v[6];
    get_flat_field(f, o->field_source, names_source, &v[0]);
    get_flat_field(f, o->field_url, names_url, &v[1]);
    get_flat_field(f, o->field_date, names_date, &v[2]);
    get_flat_field(f, o->field_title, names_title, &v[3]);
    get_flat_field(f, o->field_author, names_author, &v[4]);
    get_flat_field(f, o->field_text, names_text, &v[5]);
    fill_fields(a, v);
}

/* Map a parsed record onto *a; -1 (after reporting) for a bad field. */
static int fill_article(const kh_rec *r, json_t *obj, kh_article *a)
{
    const kh_read_opts *o = &r->f->rd->opts;
    field_value v[6];
    const char *bad = NULL, *bad_type = NULL;
    if (get_field(obj, o->field_source, names_source, &v[0], &bad,
                  &bad_type) ||
        get_field(obj, o->field_url, names_url, &v[1], &bad, &bad_type) ||
        get_field(obj, o->field_date, names_date, &v[2], &bad, &bad_type) ||
        get_field(obj, o->field_title, names_title, &v[3], &bad,
                  &bad_type) ||
        get_field(obj, o->field_author, names_author, &v[4], &bad,
                  &bad_type) ||
        get_field(obj, o->field_text, names_text, &v[5], &bad, &bad_type)) {
        kh_rd_error(r->f, KH_EPARSE, r->line, r->offset,
                    "%s%sfield \"%s\" is %s, not a string: record skipped",
                    what_prefix(r), r->what ? ": " : "", bad, bad_type);
        return -1;
    }
    fill_fields(a, v);
    return 0;
}

/* Bring the record's bytes to valid UTF-8: legacy encodings converted,
 * damaged UTF-8 repaired.  Returns a malloc'd copy, or NULL when the bytes
 * are valid UTF-8 already. */
static char *to_utf8(kh_rec *r, const char *bytes, size_t *len,
                     size_t *invalid, const char **encoding)
{
    if (kh_utf8_invalid_count(bytes, *len) == 0)
        return NULL;
    const char *enc = kh_charset_detect(bytes, *len, *r->hint);
    *encoding = enc;
    if (strcmp(enc, "utf-8") == 0)
        return kh_utf8_sanitize(bytes, *len, len, invalid);
    *r->hint = enc; /* the rest of the file is likely the same */
    return kh_charset_to_utf8(bytes, *len, enc, len, invalid);
}

/* The article of a flat record, the common case, read without jansson. */
static int emit_flat(kh_rec *r, const kh_flat *f, const char *encoding)
{
    kh_article a = {0};
    fill_flat(r, f, &a);
    a.origin = kh_strdup(r->origin);
    a.encoding = encoding;
    return kh_rd_emit(r->f, &a);
}

int kh_rd_record(kh_rec *r, const char *bytes, size_t len)
{
    size_t invalid = 0;
    const char *encoding =
        r->f->encoding ? r->f->encoding : (*r->hint ? *r->hint : "utf-8");
    kh_flat flat;
    flat.scratch = (kh_buf)KH_BUF_INIT;
    if (kh_flat_parse(&flat, bytes, len)) {
        int rc = emit_flat(r, &flat, encoding);
        kh_buf_free(&flat.scratch);
        return rc;
    }
    kh_buf_free(&flat.scratch);
    /* jansson checks UTF-8 as it parses, so valid input (nearly all of
     * it) is scanned once; only a record that fails is looked at again. */
    json_error_t err;
    json_t *root = json_loadb(bytes, len, JSON_DECODE_ANY, &err);
    if (!root) {
        char *fixed = to_utf8(r, bytes, &len, &invalid, &encoding);
        if (fixed) {
            root = json_loadb(fixed, len, JSON_DECODE_ANY, &err);
            free(fixed);
        }
    }
    if (!root) {
        uint64_t line = r->line ? r->line + (uint64_t)err.line - 1 : 0;
        kh_rd_error(r->f, KH_EPARSE, line,
                    r->offset + (uint64_t)(err.position > 0 ? err.position
                                                            : 0),
                    "%s%smalformed JSON (%s): record skipped",
                    what_prefix(r), r->what ? ": " : "", err.text);
        return KH_OK;
    }
    if (!json_is_object(root)) {
        kh_rd_error(r->f, KH_EPARSE, r->line, r->offset,
                    "%s is %s, not an article object: skipped",
                    r->what ? r->what : "the record",
                    json_is_string(root) ? "a string" : type_name(root));
        json_decref(root);
        return KH_OK;
    }
    kh_article a = {0};
    int bad = fill_article(r, root, &a);
    json_decref(root);
    if (bad) {
        kh_article_clear(&a);
        return KH_OK;
    }
    a.origin = kh_strdup(r->origin);
    a.encoding = encoding;
    a.invalid_bytes = invalid;
    return kh_rd_emit(r->f, &a);
}
