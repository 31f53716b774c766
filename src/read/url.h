/*
 * url.h - the one URL normalisation behind article ids.
 */
#ifndef KH_READ_URL_H
#define KH_READ_URL_H

#include <stddef.h>
#include <stdint.h>

/*
 * kh_url_normalize: the form of a URL that two copies of one page share.
 * The rule, kept small on purpose so that ids never change meaning:
 *   - white space around the URL is trimmed;
 *   - the scheme and the host are lowercased (ASCII letters only);
 *   - a default port is dropped (":80" for http, ":443" for https, and an
 *     empty port ":");
 *   - the fragment ("#..." and after) is dropped;
 *   - the path and the query are kept byte for byte: "?live" and "?weekly"
 *     variants of a page stay two ids, and percent-escapes are not decoded
 *     (outlets link the same page both ways rarely enough not to matter).
 * Returns a malloc'd string and its length in *out_len, or NULL when
 * nothing is left.
 */
char *kh_url_normalize(const char *url, size_t len, size_t *out_len);

/* kh_url_id: kh_hash64 of the normalised URL (seed 0); 0 when there is no
 * URL.  A hash of 0 is mapped to 1, since 0 means "no id yet". */
uint64_t kh_url_id(const char *url, size_t len);

#endif
