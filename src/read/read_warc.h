/*
 * read_warc.h - the WARC reader's entry point, implemented in read_warc.c
 * and called by the dispatcher (read_dispatch.c) for KH_FORMAT_WARC.
 *
 * The contract between the two sides:
 *   - The dispatcher opens the input and decompresses it: a .warc.gz (one
 *     gzip member per record, or one for the whole file) arrives as the
 *     plain concatenated records.  f->src is positioned at the first byte
 *     ("WARC/1.0" or "WARC/1.1"); pull bytes with kh_src_peek/consume/read
 *     (read/source.h).  Memory stays bounded if records are read in pieces
 *     and bodies over f->rd->opts.max_record_bytes are skipped
 *     (kh_src_skip) with a KH_ETOOBIG kh_rd_error.
 *   - For each `response` record holding an HTTP response with an HTML (or
 *     plain text) body, build a kh_article: url = WARC-Target-URI, date =
 *     kh_date_normalize(WARC-Date) (read/date.h), raw = the body converted
 *     with kh_charset_detect(body, len, <Content-Type charset>) and
 *     kh_charset_to_utf8 (read/charset.h), raw_format, encoding,
 *     invalid_bytes, origin = "<f->path>#<record number>"; then
 *     kh_rd_emit(f, &a) (read/reader.h), which fills source and id.
 *   - A bad record is reported with kh_rd_error(f, code, 0, offset of the
 *     record, "sentence") and reading goes on with the next record.
 *
 * @return KH_OK, KH_ESTOP as soon as kh_rd_emit() returns it, or the code
 *         given to kh_rd_fail() when the stream is not WARC at all.  When
 *         the source itself fails (kh_rd_stream_failed(f) != 0) just
 *         return KH_OK: the dispatcher reports that failure.
 */
#ifndef KH_READ_WARC_H
#define KH_READ_WARC_H

#include "read/reader.h"

int kh_read_warc(kh_rd_file *f);

#endif
