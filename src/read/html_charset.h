/*
 * html_charset.h - the character encoding an HTML page declares: in an
 * HTTP Content-Type header, or in the page's own <meta charset> or
 * <meta http-equiv="Content-Type" content="...; charset=...">.
 *
 * The label found here is the `declared` argument of kh_charset_detect()
 * (read/charset.h), which still overrules it when the bytes disagree (a
 * page that says windows-1256 but is valid UTF-8 with Arabic letters).
 */
#ifndef KH_HTML_CHARSET_H
#define KH_HTML_CHARSET_H

#include <stddef.h>

/*
 * kh_html_meta_charset: the charset label an HTML page declares in its
 * first bytes, found the way browsers pre-scan a page (the HTML standard's
 * "prescan a byte stream": comments and other tags skipped, attributes
 * parsed, never a pattern over the markup).  Looks at most at the first
 * `KH_HTML_PRESCAN_BYTES` bytes.  Writes the label, NUL-terminated, to out
 * (cap bytes) and returns out, or returns NULL when none is declared.
 * A declared UTF-16 is reported as "utf-8" (a page read as ASCII cannot be
 * UTF-16), as browsers do.
 */
#define KH_HTML_PRESCAN_BYTES 8192
const char *kh_html_meta_charset(const char *bytes, size_t len, char *out,
                                 size_t cap);

/*
 * kh_http_charset: the charset parameter of a Content-Type value
 * ("text/html; charset=windows-1256", quotes allowed) into out, or NULL.
 */
const char *kh_http_charset(const char *content_type, size_t len, char *out,
                            size_t cap);

#endif
