/*
 * charset.h - finding the character encoding of raw bytes and converting
 * them to UTF-8.  Used by every reader (text, JSON, HTML, WARC).
 *
 * Supported: UTF-8 (with or without BOM), UTF-16 with BOM, windows-1256
 * and ISO-8859-6 (the legacy Arabic encodings), and whatever else glibc's
 * iconv knows when a label names it (HTTP header, <meta charset>).
 */
#ifndef KH_CHARSET_H
#define KH_CHARSET_H

#include <stddef.h>

/*
 * kh_charset_detect: the encoding of bytes, as a canonical lowercase name
 * ("utf-8", "windows-1256", "iso-8859-6", ...).  `declared` (may be NULL) is
 * a label from outside the bytes (HTTP Content-Type charset, <meta>); it is
 * trusted only when the bytes do not contradict it (a page that declares
 * windows-1256 but is valid UTF-8 with Arabic letters is UTF-8).
 * Never NULL; returns a static string.
 */
const char *kh_charset_detect(const char *bytes, size_t len,
                              const char *declared);

/* kh_charset_canonical: the canonical name for a label ("cp1256",
 * "Windows-1256", "x-cp1256" -> "windows-1256"), NULL when unknown. */
const char *kh_charset_canonical(const char *label);

/*
 * kh_charset_to_utf8: convert len bytes in `encoding` to a malloc'd,
 * NUL-terminated, valid UTF-8 string (a UTF-8 BOM is dropped).  Bytes that
 * do not convert become U+FFFD; their number goes to *invalid (may be
 * NULL).  *out_len gets the length.  Never fails: an unknown encoding is
 * read as UTF-8.
 */
char *kh_charset_to_utf8(const char *bytes, size_t len, const char *encoding,
                         size_t *out_len, size_t *invalid);

#endif
