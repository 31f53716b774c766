/*
 * urlkey.h - the canonical form of an article URL, so that variants of one
 * page ("?live", "?weekly", tracking parameters, http vs https, "www.",
 * a trailing slash, percent-escapes) share one key.
 *
 * Internal to the dedup stage.
 */
#ifndef KH_DEDUP_URLKEY_H
#define KH_DEDUP_URLKEY_H

#include <stdint.h>

#include "common/buf.h"

/*
 * kh_url_canonical: append the canonical form of url to out: host in lower
 * case without "www."/"m.", the path percent-decoded without a trailing
 * slash, then the query parameters that carry a value, sorted, without
 * tracking ones (utm_*, fbclid, ...).  Flags without a value ("?live") and
 * the fragment are dropped.  Returns 0 when url has no host (not a URL).
 */
int kh_url_canonical(const char *url, kh_buf *out);

/* kh_url_key: kh_hash64 of the canonical form; 0 when url is NULL or not a
 * URL. */
uint64_t kh_url_key(const char *url, kh_buf *scratch);

#endif
