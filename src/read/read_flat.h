/*
 * read_flat.h - a fast path for the common JSON record: one object whose
 * values are all strings (or null), as news dumps are (read_flat.c).
 */
#ifndef KH_READ_FLAT_H
#define KH_READ_FLAT_H

#include <stddef.h>

#include "common/buf.h"

#define KH_FLAT_MAX_MEMBERS 32

/* One member of the object; key and value point into the record or into
 * the parse's scratch buffer and are not NUL-terminated.  value is NULL
 * for a JSON null. */
typedef struct kh_flat_member {
    const char *key, *value;
    size_t key_len, value_len;
} kh_flat_member;

typedef struct kh_flat {
    kh_flat_member m[KH_FLAT_MAX_MEMBERS];
    size_t n;
    kh_buf scratch; /* strings that held escapes, decoded               */
} kh_flat;

/*
 * kh_flat_parse: parse bytes as one flat object.  Returns 1 when they are
 * exactly that, valid JSON that jansson would read to the same strings: an
 * object of at most KH_FLAT_MAX_MEMBERS members with distinct keys, each
 * value a string or null, every string valid UTF-8 without NUL, nothing but
 * white space around.  Returns 0 for anything else (nested values,
 * numbers, repeated keys, any error), and the caller parses the record the
 * general way, which also gives the error messages.  f->scratch is reused
 * between calls; free it with kh_buf_free.
 */
int kh_flat_parse(kh_flat *f, const char *bytes, size_t len);

/* kh_flat_get: the member named name (NUL-terminated), or NULL. */
const kh_flat_member *kh_flat_get(const kh_flat *f, const char *name);

#endif
