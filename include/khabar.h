/*
 * khabar.h - the whole public API of libkhabar.
 *
 * khabar turns piles of Arabic news pages into clean articles, marks their
 * duplicates, groups them into stories and makes them searchable.  Data flows
 * one way through plain functions over plain structs:
 *
 *     read -> extract/clean -> analyse -> dedup -> stories -> store -> search
 *
 * Conventions, kept by every function below:
 *   - Functions that can fail return an int: KH_OK (0) on success, a negative
 *     KH_E* code otherwise.  kh_strerror() turns a code into a sentence; the
 *     detailed message (file, line, offset) travels with the object that
 *     failed (kh_read_error, kh_db_errmsg()).
 *   - Memory: out of memory aborts the process with a message (as Redis
 *     does); no function returns a partial result for lack of memory.
 *   - Every create has a free, and free(NULL) is a harmless no-op.
 *   - Strings are UTF-8 and NUL-terminated unless a length travels with them.
 *   - Objects are not thread-safe; use one per thread.
 */
#ifndef KHABAR_H
#define KHABAR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KH_VERSION "0.1.0"

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */
/* ------------------------------------------------------------------------ */

enum kh_status {
    KH_OK = 0,
    KH_EIO = -1,        /* a file could not be opened, read or written       */
    KH_EPARSE = -2,     /* malformed input (truncated JSON, bad archive...)   */
    KH_EFORMAT = -3,    /* unknown or unsupported format                      */
    KH_EENCODING = -4,  /* text is not in a supported character encoding      */
    KH_ETOOBIG = -5,    /* a record or archive member exceeds a safety limit  */
    KH_EEMPTY = -6,     /* nothing to read (empty file, article without text) */
    KH_EBINARY = -7,    /* binary data where text was expected                */
    KH_EDB = -8,        /* the database failed (corrupt, full disk, schema)   */
    KH_EBUSY = -9,      /* the database is locked by another process          */
    KH_ENOTFOUND = -10, /* no such article, story or file                     */
    KH_EINVAL = -11,    /* an argument is out of range or malformed           */
    KH_ESTOP = -12,     /* a callback asked to stop                           */
    KH_EINTERNAL = -13  /* a bug: an invariant did not hold                   */
};

/* kh_strerror: a short English sentence for a status code; never NULL. */
const char *kh_strerror(int code);

/* ------------------------------------------------------------------------ */
/* Articles                                                                 */
/* ------------------------------------------------------------------------ */

/* What the raw bytes of an article are. */
typedef enum kh_format {
    KH_FORMAT_AUTO = 0, /* decide from the name and the first bytes          */
    KH_FORMAT_TEXT,     /* a page as plain text: first non-empty line = title */
    KH_FORMAT_JSON,     /* a JSON array of article objects (or one object)   */
    KH_FORMAT_JSONL,    /* one JSON article object per line                  */
    KH_FORMAT_HTML,     /* an HTML page                                      */
    KH_FORMAT_WARC      /* a WARC archive of HTTP responses                   */
} kh_format;

/* kh_format_name: "auto", "text", "json", "jsonl", "html", "warc". */
const char *kh_format_name(kh_format f);
/* kh_format_parse: the inverse; KH_EINVAL for an unknown name. */
int kh_format_parse(const char *name, kh_format *out);

/* A line the cleaner dropped, and why ("navigation", "read-also", ...). */
typedef struct kh_removed {
    char *line;         /* owned */
    const char *reason; /* static string */
} kh_removed;

/*
 * One article as it travels through the pipeline.  Every char* is owned by
 * the article and released by kh_article_clear(); a stage that takes a field
 * over sets it to NULL.  Missing metadata is NULL, never "".
 */
typedef struct kh_article {
    uint64_t id;           /* stable id: hash of the URL, else of the text  */
    uint64_t content_hash; /* hash of the normalised clean text; 0 = unset  */
    char *source;          /* outlet name, e.g. "aawsat"                     */
    char *url;
    char *title;
    char *author;
    char *date;   /* ISO 8601: "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ss"      */
    char *lang;   /* BCP 47 primary tag ("ar", "en"), NULL when unknown      */
    char *raw;    /* the page as read, converted to UTF-8                    */
    size_t raw_len;
    kh_format raw_format; /* KH_FORMAT_TEXT or KH_FORMAT_HTML                */
    char *text;           /* clean body: paragraphs joined by "\n"           */
    kh_removed *removed;  /* lines dropped by the cleaner, in page order     */
    size_t n_removed;
    char *origin; /* where it came from: "a.zip!2015-07-21.json#17"          */
    size_t invalid_bytes; /* bytes replaced by U+FFFD while decoding         */
    const char *encoding; /* encoding the raw bytes were in ("utf-8", ...)   */
} kh_article;

/* kh_article_clear: free every field and zero the struct; NULL is harmless. */
void kh_article_clear(kh_article *a);

/* kh_article_id_hex: write the 16 lowercase hex digits of id and a NUL. */
void kh_id_to_hex(uint64_t id, char out[17]);
/* kh_id_from_hex: parse 16 hex digits; KH_EINVAL otherwise. */
int kh_id_from_hex(const char *hex, uint64_t *id);

/* kh_hash64: the 64-bit hash behind ids and content hashes.  Stable across
 * platforms and versions: ids stored in a database never change meaning. */
uint64_t kh_hash64(const void *data, size_t len, uint64_t seed);

/* ------------------------------------------------------------------------ */
/* Reading: files, directories, archives, stdin                             */
/* ------------------------------------------------------------------------ */

/* Where a reader stopped being able to read, and why. */
typedef struct kh_read_error {
    const char *path;    /* file, with archive members as "a.zip!b.json"  */
    uint64_t line;       /* 1-based line, 0 when not meaningful            */
    uint64_t offset;     /* byte offset in the (decompressed) member       */
    int code;            /* KH_E* */
    const char *message; /* what went wrong, in a sentence                 */
} kh_read_error;

typedef struct kh_read_opts {
    kh_format format;   /* KH_FORMAT_AUTO by default                        */
    const char *source; /* outlet to use when the input names none          */
    /* JSON field names; NULL means the SaudiNewsNet names
     * (source, url, date_extracted, title, author, content). */
    const char *field_source, *field_url, *field_date;
    const char *field_title, *field_author, *field_text;
    uint64_t max_record_bytes; /* larger records are rejected; 0 = 64 MiB   */
    uint64_t max_total_bytes;  /* decompressed bytes per input; 0 = 8 GiB   */
} kh_read_opts;

/* kh_read_opts_init: the defaults described above. */
void kh_read_opts_init(kh_read_opts *o);

/*
 * The reader hands out what it finds through these callbacks.  `article` is
 * owned by the reader and valid only during the call (take fields over by
 * setting them to NULL).  A non-zero return from `article` stops reading and
 * makes kh_read_paths() return KH_ESTOP.  `error` reports one bad record or
 * file; reading goes on with the next.  `progress` (optional) is called
 * now and then with the bytes read so far from the current file.
 */
typedef struct kh_read_sink {
    int (*article)(void *ctx, kh_article *a);
    void (*error)(void *ctx, const kh_read_error *e);
    void (*progress)(void *ctx, const char *path, uint64_t bytes_done,
                     uint64_t bytes_total);
    void *ctx;
} kh_read_sink;

/*
 * kh_read_paths: read every article in `paths` (files, directories walked
 * recursively in name order, .zip/.gz/.tar/.tgz archives, "-" for stdin).
 * Text is converted to UTF-8 (windows-1256 and ISO-8859-6 are detected);
 * invalid bytes become U+FFFD and are counted in kh_article.invalid_bytes.
 * Articles come out with raw, metadata and origin set, not yet cleaned.
 * @return KH_OK when every input was read (bad records reported through
 *         sink->error do not change that), KH_ESTOP when the sink stopped,
 *         or the code of the last input that could not be read at all.
 */
int kh_read_paths(const char *const *paths, size_t n_paths,
                  const kh_read_opts *opts, const kh_read_sink *sink);

/* kh_read_buffer: the same over bytes in memory (`name` is used in errors
 * and for format detection).  Used by fuzz targets and tests. */
int kh_read_buffer(const char *name, const void *data, size_t len,
                   const kh_read_opts *opts, const kh_read_sink *sink);

/* ------------------------------------------------------------------------ */
/* Arabic analysis                                                          */
/* ------------------------------------------------------------------------ */

typedef enum kh_stemmer {
    KH_STEM_NONE = 0,  /* normalised form only                              */
    KH_STEM_LIGHT,     /* light10-style affix stripping (default)           */
    KH_STEM_SNOWBALL   /* Snowball's Arabic stemmer (libstemmer)            */
} kh_stemmer;

typedef struct kh_analyzer_opts {
    kh_stemmer stemmer;     /* KH_STEM_LIGHT                                */
    int fold_ta_marbuta;    /* 1: ة -> ه                                     */
    int fold_alef_maqsura;  /* 1: ى -> ي                                     */
    int strip_clitics;      /* 1: strip و ف ب ك ل ال (with length guards)   */
    int tokenize_only;      /* 1: only find token boundaries (benchmarks)   */
} kh_analyzer_opts;

/* kh_analyzer_opts_init: the defaults shown above. */
void kh_analyzer_opts_init(kh_analyzer_opts *o);

typedef enum kh_token_kind {
    KH_TOKEN_ARABIC = 0,
    KH_TOKEN_LATIN,  /* letters of other scripts too                        */
    KH_TOKEN_NUMBER
} kh_token_kind;

/* A token; pointers are valid only during the callback. */
typedef struct kh_token {
    size_t start, end;   /* byte offsets of the surface form in the input   */
    const char *norm;    /* normalised form                                 */
    size_t norm_len;
    const char *stem;    /* index term: stem of norm (== norm for non-Arabic) */
    size_t stem_len;
    kh_token_kind kind;
    int stop;            /* 1 for a stopword                                */
    size_t position;     /* 0-based token number in the text                */
} kh_token;

typedef struct kh_analyzer kh_analyzer;

/* kh_analyzer_create: opts NULL means defaults.  Never NULL. */
kh_analyzer *kh_analyzer_create(const kh_analyzer_opts *opts);
void kh_analyzer_free(kh_analyzer *an);

/*
 * kh_analyze: split UTF-8 text into tokens and call fn for each, in order.
 * Invalid UTF-8 is skipped, never fatal.  A non-zero return from fn stops
 * the walk and is returned.  @return KH_OK or fn's value.
 */
typedef int (*kh_token_fn)(void *ctx, const kh_token *tok);
int kh_analyze(kh_analyzer *an, const char *text, size_t len, kh_token_fn fn,
               void *ctx);

/*
 * kh_normalize_text: the text's tokens' normalised forms joined by single
 * spaces: the canonical text behind content hashes.  Returns a malloc'd
 * string the caller frees; *out_len (may be NULL) gets its length.
 */
char *kh_normalize_text(kh_analyzer *an, const char *text, size_t len,
                        size_t *out_len);

/* ------------------------------------------------------------------------ */
/* Cleaning scraped text                                                    */
/* ------------------------------------------------------------------------ */

/*
 * A model of each outlet's recurring lines (footers, bylines, contact
 * blocks), learned from the corpus being read: a line that recurs across
 * many articles of one outlet is chrome, as web-corpus builders treat it.
 */
typedef struct kh_chrome kh_chrome;

kh_chrome *kh_chrome_create(void);
void kh_chrome_free(kh_chrome *m);
/* kh_chrome_observe: count the lines of one article (raw text). */
void kh_chrome_observe(kh_chrome *m, const kh_article *a);

/*
 * kh_clean_article: turn a->raw into a->text: drop chrome line by line
 * (recording each drop in a->removed), take the title from the first line of
 * a plain-text page when a->title is NULL, move a byline into a->author when
 * it is NULL, and set a->content_hash.  `model` may be NULL.
 * @return KH_OK, or KH_EEMPTY when nothing of the body is left.
 */
int kh_clean_article(kh_article *a, const kh_chrome *model);

/* ------------------------------------------------------------------------ */
/* Store                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct kh_db kh_db;

enum { KH_DB_READONLY = 1, KH_DB_CREATE = 2 };

/*
 * kh_db_open: open (with KH_DB_CREATE, create) the SQLite database at path,
 * in WAL mode, with khabar's schema and FTS5 tokenizer.  On failure *out is
 * still set when a message is available: read it with kh_db_errmsg(), then
 * kh_db_close() it.  @return KH_OK, KH_EIO (no such directory, unreadable),
 * KH_EBUSY (locked by another process), KH_EDB (not a khabar database).
 */
int kh_db_open(const char *path, int flags, kh_db **out);
void kh_db_close(kh_db *db);
/* kh_db_errmsg: the last detailed error message; never NULL. */
const char *kh_db_errmsg(const kh_db *db);

/* kh_db_get_article: load one article (raw and clean text included) into
 * *out, which the caller clears.  KH_ENOTFOUND when absent. */
int kh_db_get_article(kh_db *db, uint64_t id, kh_article *out);

typedef struct kh_db_stats {
    uint64_t articles, sources, distinct_texts;
    char first_date[11], last_date[11]; /* "" when there are no dates     */
    uint64_t raw_bytes, text_bytes;     /* article text held              */
    uint64_t db_bytes;                  /* database file (+ WAL) size     */
    uint64_t stories, duplicate_clusters;
} kh_db_stats;

int kh_db_stats_get(kh_db *db, kh_db_stats *out);

/* Per-source counts, for `khabar stats`.  The callback gets each source's
 * name, article count and date range ("" when unknown). */
typedef int (*kh_source_fn)(void *ctx, const char *source, uint64_t articles,
                            const char *first_date, const char *last_date);
int kh_db_sources(kh_db *db, kh_source_fn fn, void *ctx);

/* ------------------------------------------------------------------------ */
/* Ingest: the whole pipeline into a database                               */
/* ------------------------------------------------------------------------ */

enum kh_reject_reason {
    KH_REJECT_UNREADABLE = 0, /* the file or record could not be parsed     */
    KH_REJECT_EMPTY,          /* no text at all                              */
    KH_REJECT_ALL_CHROME,     /* nothing left after cleaning                 */
    KH_REJECT_BINARY,         /* not text                                    */
    KH_REJECT_TOO_BIG,        /* over a safety limit                         */
    KH_REJECT_NOT_ARABIC,     /* text with no Arabic in it                   */
    KH_REJECT_COUNT
};
/* kh_reject_reason_name: "unreadable", "empty", "all-chrome", ... */
const char *kh_reject_reason_name(int reason);

typedef struct kh_ingest_stats {
    uint64_t files;           /* inputs opened (archive members included)   */
    uint64_t bytes;           /* bytes read                                  */
    uint64_t read;            /* articles read                               */
    uint64_t added;           /* new articles stored                         */
    uint64_t already_present; /* same id already in the database             */
    uint64_t same_text;       /* added, but their text was already stored    */
    uint64_t rejected;        /* sum of rejected_by[]                        */
    uint64_t rejected_by[KH_REJECT_COUNT];
    uint64_t invalid_bytes;   /* bytes replaced while decoding               */
    uint64_t lines_removed;   /* chrome lines dropped                        */
    double seconds;
} kh_ingest_stats;

typedef struct kh_ingest_opts {
    kh_read_opts read;
    int progress;         /* 1: draw a progress bar on stderr                */
    size_t batch_size;    /* articles per transaction; 0 = 1000              */
    int allow_non_arabic; /* 1: keep articles without Arabic text            */
} kh_ingest_opts;

void kh_ingest_opts_init(kh_ingest_opts *o);

/*
 * kh_ingest: read, clean, analyse and store every article in paths.
 * Articles already present (same id) are skipped, so a re-run after a crash
 * or kill completes the job.  Each batch commits atomically.  Bad records go
 * to on_error (may be NULL) and are counted; they never stop the batch.
 * @return KH_OK, or the code of the first error that stopped the run
 *         (database errors), with the detail in kh_db_errmsg().
 */
int kh_ingest(kh_db *db, const char *const *paths, size_t n_paths,
              const kh_ingest_opts *opts, kh_ingest_stats *stats,
              void (*on_error)(void *ctx, const kh_read_error *e), void *ctx);

/* ------------------------------------------------------------------------ */
/* Search                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct kh_search_opts {
    size_t limit;       /* 10 by default                                    */
    size_t offset;
    const char *source; /* only this outlet, NULL for all                   */
    const char *from;   /* "YYYY-MM-DD", inclusive; NULL for no bound       */
    const char *to;     /* "YYYY-MM-DD", inclusive                          */
    const char *hl_open, *hl_close; /* around matched words in snippets    */
    int snippet_tokens; /* words per snippet; 0 = 24                        */
} kh_search_opts;

void kh_search_opts_init(kh_search_opts *o);

typedef struct kh_hit {
    uint64_t id;
    char *url, *title, *source, *date, *snippet; /* owned; url/date may be NULL */
    double score; /* BM25, larger is better                                */
} kh_hit;

/*
 * kh_search: rank articles matching query with BM25.  The query language:
 * words (analysed like the text, so spelling variants match), "phrases",
 * AND (implicit between words), OR, NOT, parentheses, and word* prefixes.
 * *hits is a malloc'd array of *n_hits hits, freed with kh_hits_free();
 * *total (may be NULL) gets the number of matching articles.
 * @return KH_OK (also when nothing matches), KH_EINVAL for a query that
 *         cannot be parsed (the reason is in kh_db_errmsg()).
 */
int kh_search(kh_db *db, const char *query, const kh_search_opts *opts,
              kh_hit **hits, size_t *n_hits, uint64_t *total);
void kh_hits_free(kh_hit *hits, size_t n_hits);

#ifdef __cplusplus
}
#endif
#endif /* KHABAR_H */
