/*
 * read_record.h - one JSON record to one article (read_record.c), shared
 * by the JSON array reader and the JSON lines reader.
 */
#ifndef KH_READ_RECORD_H
#define KH_READ_RECORD_H

#include "read/reader.h"

/* Where a record sits, for its origin and for error messages. */
typedef struct kh_rec {
    kh_rd_file *f;
    uint64_t line;       /* 1-based line where the record starts          */
    uint64_t offset;     /* byte offset where it starts                   */
    const char *what;    /* "element 17": starts error messages; NULL when
                            the line says where (a JSON line)            */
    const char *origin;  /* "a.zip!b.json#17"                             */
    const char **hint;   /* the file's legacy encoding once one was seen  */
} kh_rec;

/*
 * kh_rd_record: parse len bytes as one JSON object and emit its article.
 * Invalid UTF-8 is repaired and legacy encodings converted first; a
 * malformed record, a non-object or a field of the wrong type is reported
 * through kh_rd_error and skipped.  @return KH_OK or KH_ESTOP.
 */
int kh_rd_record(kh_rec *r, const char *bytes, size_t len);

#endif
