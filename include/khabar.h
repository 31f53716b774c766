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
    const char *dir;      /* HTML pages: "rtl" or "ltr" (static), as the page
                           * declares it, else from its language; or NULL   */
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
 * Articles come out with raw, metadata and origin set, not yet cleaned:
 *   - source: the record's, else opts->source, else the name of the
 *     directory the file was found in while walking a directory;
 *   - id: kh_hash64 of the normalised URL (0 without a URL);
 *   - origin: "dir/a.zip!b.json#17" (array element 17, from 0),
 *     "feed.jsonl:42" (line 42), or the file's path for a page;
 *   - dates as ISO 8601 when they parse, else as given.
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

/*
 * The analyser (src/arabic/README.md has the rules and measurements):
 * words are NFKC-normalised and case-folded; inside Arabic words tashkeel,
 * U+0670, tatweel, ZWNJ/ZWJ and bidi marks vanish, أ إ آ ٱ become ا,
 * Persian ی ک become ي ك, Arabic-Indic and Persian digits become ASCII;
 * by default ة ى ؤ ئ become ه ي ء ء (options below).
 * A script change ends a word; 3.5 and 1,000 stay one number.  The index
 * term (stem) of an Arabic word is made in three steps: stopwords are kept
 * whole; then (strip_clitics) و/ف, ب/ك/ل and ال are peeled off, guarded by
 * length and by a corpus-derived lexicon of words whose first letters are
 * their own (وزير, بريطانيا, ألمانيا); then the stemmer runs (light: a
 * suffix goes only when 3 letters remain, names such as لبنان, سلمان keep
 * their ان/ين/ون by a second corpus-derived lexicon).
 */
typedef enum kh_stemmer {
    KH_STEM_NONE = 0,  /* no stemmer: the norm, less clitics when stripped  */
    KH_STEM_LIGHT,     /* light10 suffixes (ها ان ات ون ين يه ية ه ة ي)      */
    KH_STEM_SNOWBALL   /* Snowball's Arabic stemmer (libstemmer); letters
                          our clitic pass kept are put back                 */
} kh_stemmer;

typedef struct kh_analyzer_opts {
    kh_stemmer stemmer;     /* KH_STEM_LIGHT                                */
    int fold_ta_marbuta;    /* 1: ة -> ه                                     */
    int fold_alef_maqsura;  /* 1: ى -> ي                                     */
    int fold_hamza;         /* 1: ؤ ئ -> ء (مسؤول = مسئول, شؤون = شئون)       */
    int strip_clitics;      /* 1: strip و ف ب ك ل ال (with length guards)   */
    int tokenize_only;      /* 1: only find token boundaries (benchmarks):
                               norm and stem are the surface form, stop 0   */
} kh_analyzer_opts;

/* kh_analyzer_opts_init: the defaults shown above. */
void kh_analyzer_opts_init(kh_analyzer_opts *o);

typedef enum kh_token_kind {
    KH_TOKEN_ARABIC = 0,
    KH_TOKEN_LATIN,  /* letters of other scripts too                        */
    KH_TOKEN_NUMBER
} kh_token_kind;

/* A token; pointers are valid only during the callback.  A character that
 * decomposes into several words (U+FDFA) gives each of them its bytes, so
 * tokens may share bytes; start and end never decrease from one token to
 * the next. */
typedef struct kh_token {
    size_t start, end;   /* byte offsets of the surface form in the input:
                            its first letter to its last letter or mark    */
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
 * Invalid UTF-8 and NUL bytes separate words and are otherwise skipped,
 * never fatal.  Work is linear in len; words over 256 bytes are indexed
 * unstemmed.  A non-zero return from fn stops the walk and is returned.
 * text NULL is an empty text.  @return KH_OK or fn's value.
 */
typedef int (*kh_token_fn)(void *ctx, const kh_token *tok);
int kh_analyze(kh_analyzer *an, const char *text, size_t len, kh_token_fn fn,
               void *ctx);

/*
 * kh_normalize_text: the text's tokens' normalised forms joined by single
 * spaces: the canonical text behind content hashes (idempotent: normalising
 * the result gives it back).  Uses an's folding options; tokenize_only is
 * ignored.  Returns a malloc'd string the caller frees (never NULL);
 * *out_len (may be NULL) gets its length.
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
 * it is NULL, take the date stated above the body or in the dateline
 * opening it into a->date when it is NULL (a line that is only a date is
 * dropped as "date"; dates further down are never taken), and set
 * a->content_hash.  `model` may be NULL.
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
 * in WAL mode, with khabar's schema and FTS5 tokenizer.  KH_DB_READONLY
 * opens for reading, which works while another process writes.  Opened
 * for writing, it waits up to 2 s for another writer's lock.  On failure
 * *out is still set when a message is available: read it with
 * kh_db_errmsg(), then kh_db_close() it.  @return KH_OK, KH_EIO (no such
 * directory or database, unreadable), KH_EBUSY (locked by another
 * process), KH_EDB (not a khabar database, or another schema version).
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
    /* the stored chrome model: (outlet, line shape) pairs and the sum of
     * their counts over the stored articles */
    uint64_t chrome_shapes, chrome_occurrences;
} kh_db_stats;

int kh_db_stats_get(kh_db *db, kh_db_stats *out);

/* Per-source counts, for `khabar stats`.  The callback gets each source's
 * name, article count and date range ("" when unknown). */
typedef int (*kh_source_fn)(void *ctx, const char *source, uint64_t articles,
                            const char *first_date, const char *last_date);
int kh_db_sources(kh_db *db, kh_source_fn fn, void *ctx);

/*
 * kh_db_check: SQLite's integrity check of every table, then FTS5's check
 * that the search index matches the stored articles.  Needs a database
 * opened for writing (FTS5 runs its check as a command).
 * @return KH_OK, or KH_EDB with what is damaged in kh_db_errmsg().
 */
int kh_db_check(kh_db *db);

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

/*
 * Ingest reads its inputs twice: a first pass learns each outlet's
 * recurring lines ("learn"), the second cleans and stores ("store").  The
 * progress callback (optional) is called now and then, and once at the end
 * of each pass, with the counts so far (files, bytes, read: of that pass).
 */
typedef void (*kh_ingest_progress_fn)(void *ctx, const char *pass,
                                      const kh_ingest_stats *so_far);

typedef struct kh_ingest_opts {
    kh_read_opts read;
    kh_ingest_progress_fn progress; /* NULL: no progress reports         */
    void *progress_ctx;
    size_t batch_size;    /* articles per transaction; 0 = 1000              */
    int allow_non_arabic; /* 1: keep articles without Arabic text            */
    unsigned threads;     /* threads for the work of each article (cleaning,
                             index terms), the caller's included; 0 = the
                             environment's KHABAR_THREADS, else the number
                             of processors.  The database is the same
                             whatever the number.                          */
} kh_ingest_opts;

void kh_ingest_opts_init(kh_ingest_opts *o);

/*
 * kh_ingest: read, clean, analyse and store every article in paths ("-"
 * is stdin, spooled to a temporary file so it can be read twice).  The
 * first pass learns each outlet's recurring lines, added to the counts
 * stored by earlier runs; the second cleans and stores in batches of
 * opts->batch_size, one transaction each, which also adds the line counts
 * of the batch's stored articles, so counts and articles stay in step.
 * Articles already present (same id) are skipped, so a re-run after a crash
 * or kill completes the job.  An article whose text is already stored under
 * another id is added (and counted in same_text).  Rejected: records the
 * reader cannot use, articles with no text, nothing left after cleaning,
 * or (unless allow_non_arabic) fewer than 20% Arabic letters.  Bad records
 * go to on_error (may be NULL, path = the record's origin) and are counted;
 * they never stop the batch.  Needs a database opened for writing.
 * @return KH_OK, or the code of the first error that stopped the run
 *         (KH_EBUSY: locked by another process; KH_EDB; KH_EIO: stdin could
 *         not be spooled; KH_EINVAL: opened read-only), with the detail in
 *         kh_db_errmsg().
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
    const char *hl_open, *hl_close; /* around matched words in snippets:
                                       "«" and "»" by default              */
    int snippet_tokens; /* words per snippet; 0 = 24                        */
} kh_search_opts;

void kh_search_opts_init(kh_search_opts *o);

typedef struct kh_hit {
    uint64_t id;
    char *url, *title, *source, *date, *snippet; /* owned; url/date may be NULL */
    double score; /* BM25, larger is better                                */
} kh_hit;

/*
 * kh_search: rank articles matching query with BM25 (a title word weighs
 * three times a body word; ties go to the article stored first).  The query
 * language: words (analysed like the text, so spelling variants match),
 * "phrases", AND (implicit between words), OR, NOT, parentheses, and
 * word* prefixes; operators are uppercase, every other character is text,
 * so no input is ever FTS5 syntax.  Snippets come from the body, matched
 * words between hl_open and hl_close.  *hits is a malloc'd array of
 * *n_hits hits, freed with kh_hits_free(); *total (may be NULL) gets the
 * number of matching articles.  Works on a read-only database.
 * @return KH_OK (also when nothing matches), KH_EINVAL for a query that
 *         cannot be parsed or a malformed date (the reason is in
 *         kh_db_errmsg()), KH_EDB.
 */
int kh_search(kh_db *db, const char *query, const kh_search_opts *opts,
              kh_hit **hits, size_t *n_hits, uint64_t *total);
void kh_hits_free(kh_hit *hits, size_t n_hits);

/* ------------------------------------------------------------------------ */
/* Duplicates and stories                                                   */
/* ------------------------------------------------------------------------ */

/*
 * Duplicates.  Two articles are duplicates when they carry the same text
 * (exact: the same normalised clean text), the same page (URL variants: one
 * canonical URL, such as almadina's "?live" and "?weekly"), or nearly the
 * same text (near: the word shingles of their clean texts overlap with a
 * Jaccard index of at least `jaccard`, or the shorter text lies inside the
 * longer at `containment` or more, when it is at least half as long or
 * opens as the longer one does: a wire report inside a longer report, not
 * one item of a digest).  Candidates come from MinHash signatures banded
 * for LSH (similar texts) and from a deterministic sample of each text's
 * shingles (a short copy inside a long text); each one is verified on the
 * exact shingle sets.  Template texts are not duplicates: when each title
 * names things (two words or more on one side) that the other text lacks
 * altogether, the two are one frame filled twice (cables to two countries,
 * two days' bulletins), however many words they share.  Duplicates form
 * clusters around a representative, the first member seen.  An article
 * joins a cluster only when it duplicates the representative itself, never
 * through a chain of members, so template texts do not collapse into one
 * cluster either.
 */
typedef enum kh_dup_kind {
    KH_DUP_NONE = 0, /* unique so far, or the representative of a cluster  */
    KH_DUP_EXACT,    /* same normalised text as the representative          */
    KH_DUP_URL,      /* same canonical URL as the representative            */
    KH_DUP_NEAR      /* nearly the same text                                */
} kh_dup_kind;

/* kh_dup_kind_name: "none", "exact", "url", "near". */
const char *kh_dup_kind_name(int kind);

typedef struct kh_dedup_opts {
    unsigned shingle_words; /* words per shingle: 5                         */
    unsigned num_perm;      /* MinHash permutations: 128 (bands * rows)     */
    unsigned bands;         /* LSH bands: 32, so 4 rows per band            */
    double jaccard;         /* near-duplicates from this Jaccard on: 0.4    */
    double containment;     /* ... or from this containment on: 0.7         */
    unsigned min_shingles;  /* texts with fewer shingles (very short ones)
                               are only matched exactly: 5                 */
    int url_variants;       /* 1: one canonical URL = duplicates (default)  */
    unsigned window_days;   /* a cluster whose latest article is older than
                               the newest date seen minus this many days
                               leaves the index (memory stays flat): 14;
                               0 keeps every article                      */
    unsigned window_undated; /* a cluster of undated articles leaves after
                               this many newer articles: 20000; 0 never   */
} kh_dedup_opts;

/* kh_dedup_opts_init: the defaults shown above (chosen by measurement on
 * SaudiNewsNet, see bench/dedup/README.md). */
void kh_dedup_opts_init(kh_dedup_opts *o);
/* kh_dedup_opts_check: KH_OK, or KH_EINVAL with *why (static) saying which
 * value is out of range. */
int kh_dedup_opts_check(const kh_dedup_opts *o, const char **why);

/* Where kh_dedup_add() placed an article. */
typedef struct kh_dup_result {
    uint64_t duplicate_of; /* the representative's id; 0 when the article is
                              unique or a representative itself            */
    kh_dup_kind kind;
    double jaccard;        /* shingle Jaccard with the representative       */
    double containment;    /* share of the shorter text's shingles found in
                              the other (1 and 1 for exact duplicates)     */
} kh_dup_result;

typedef struct kh_dedup kh_dedup;

/* kh_dedup_create: an empty in-memory index; opts NULL means defaults
 * (they must pass kh_dedup_opts_check()).  Never NULL. */
kh_dedup *kh_dedup_create(const kh_dedup_opts *opts);
void kh_dedup_free(kh_dedup *d);

/*
 * kh_dedup_add: place one cleaned article, using a->id, a->url, a->title
 * (its key words, for the template test) and a->text (its normalised
 * words: the same words make the same content_hash).
 * Articles are placed in the order they are added: the first of a cluster
 * is its representative.  Adding an id a second time returns the first
 * result and changes nothing (while the article is in the window).
 * Duplicates are found within opts.window_days of the newest date seen
 * (a copy dated later than that after its cluster's latest article is not
 * found: memory stays flat).  An article without text is unique.  Cost:
 * one MinHash signature and a few candidate checks; identical texts are
 * found by hash, so 10,000 copies of one text cost 10,000 lookups.
 * @return KH_OK, KH_EINVAL when a->id is 0.
 */
int kh_dedup_add(kh_dedup *d, const kh_article *a, kh_dup_result *out);

/*
 * Prepare, then place.  kh_dedup_add() is two steps, also offered apart so
 * that a caller can run the first on several threads and the second on one:
 *   - kh_dedup_prepare(): what the article alone gives (its words, shingle
 *     set, MinHash signature, text and URL keys) into a kh_dedup_prep.  It
 *     reads nothing of `d` but its options, fixed at creation, so any number
 *     of threads may prepare at once, each with its own analyzer and prep,
 *     also while another thread places.
 *   - kh_dedup_place(): the work on the shared index (candidates,
 *     verification, clusters), one article at a time, in placement order.
 * A prep is reusable: each prepare replaces its contents; it holds no
 * pointer into the article.
 */
typedef struct kh_dedup_prep kh_dedup_prep;

/* kh_dedup_prep_create: an empty prep; never NULL. */
kh_dedup_prep *kh_dedup_prep_create(void);
void kh_dedup_prep_free(kh_dedup_prep *p);

/* kh_dedup_prepare: prepare a->id, a->url, a->title and a->text for d.
 * `an` is the calling thread's analyzer, made with kh_analyzer_create(NULL)
 * (words are compared in their normalised forms, which depend on its
 * folding options).  @return KH_OK, KH_EINVAL when a->id is 0. */
int kh_dedup_prepare(const kh_dedup *d, kh_analyzer *an, const kh_article *a,
                     kh_dedup_prep *p);

/* kh_dedup_place: place a prepared article exactly as kh_dedup_add() would
 * place the article itself.  @return KH_OK, KH_EINVAL when p was never
 * prepared or was prepared for an index with other options. */
int kh_dedup_place(kh_dedup *d, const kh_dedup_prep *p, kh_dup_result *out);

/*
 * Stories.  A story is one real-world event as several outlets reported it.
 * Each article is described by the TF-IDF-weighted stems of its title and
 * whole text (title and lead words weigh more; words in both title and text,
 * the names of people and places, and numbers are weighted up), cut to its
 * `article_terms` heaviest.  An article joins the story whose core (the sum
 * of its first few articles) it is most similar to (cosine >= threshold)
 * among the stories open at its date (the story's latest article at most
 * `window_hours` away, the whole no longer than `max_span_hours`) that hold
 * one of its most telling words; the further its date from the story's,
 * the closer it must be (day_penalty).  Comparing with the core, not with a
 * centroid that drifts with every member, and the time limits are what keep
 * a story from becoming a topic ("the war in Yemen").  Another event told
 * in the same words is kept apart: an article does not join a story
 * holding an article of the same outlet that is nearly the same text
 * (`template_cosine`) in the same title frame but names other things in
 * its title (another day, other figures, another country), nor a story
 * whose title names (its rarest, heaviest title word) and the article's
 * are each missing from the other (a cable to Jamaica, one to Singapore).
 * Word weights combine the database's counts with background counts from a
 * large news corpus, so that a small database's main event does not look
 * like common words.  Otherwise the article starts a new story.
 * Duplicates go to their representative's story.  When an article fits
 * two stories whose cores are themselves similar (>= merge_threshold), they
 * merge and the older story keeps its id: story ids are small integers that
 * stay the same as batches arrive.  An undated article (a page whose date
 * is only in its text) is placed by content alone, a little more strictly
 * against a dated story.  A copy found long after its representative's
 * story closed is placed as an original.
 */
typedef struct kh_stories_opts {
    double threshold;        /* cosine with a story's core to join: 0.32  */
    double merge_threshold;  /* core cosine to merge two stories: 0.5     */
    unsigned window_hours;   /* from the story's latest article: 36       */
    unsigned max_span_hours; /* first to last article of a story: 96      */
    unsigned lead_words;     /* words of the text read as the lead: 60    */
    double title_weight;     /* weight of a word in the title: 2          */
    double name_weight;      /* boost for words in title and text: 1.5    */
    double number_weight;    /* boost for numbers: 1.5                    */
    unsigned centroid_terms; /* terms kept per story core and centroid: 64 */
    unsigned article_terms;  /* terms kept per article: 40                */
    double template_cosine;  /* same-outlet cosine that makes a template: 0.5 */
    double day_penalty;      /* added to threshold per day between the
                                article and the story's span: 0.05        */
} kh_stories_opts;

void kh_stories_opts_init(kh_stories_opts *o);
int kh_stories_opts_check(const kh_stories_opts *o, const char **why);

typedef struct kh_stories kh_stories;

/* kh_stories_create: an empty in-memory clusterer; opts NULL = defaults. */
kh_stories *kh_stories_create(const kh_stories_opts *opts);
void kh_stories_free(kh_stories *s);

/*
 * kh_stories_add_batch: place n cleaned articles (id, title, text, date and
 * source are used).  dup_of[i] (dup_of may be NULL) is the id of article
 * i's duplicate representative, 0 for none: a duplicate joins its
 * representative's story.  Word weights are updated with the whole batch
 * first, then the articles are placed in date order.  story[i] receives
 * article i's story id.  An id added before keeps its story.
 * @return KH_OK, KH_EINVAL when an id is 0.
 */
int kh_stories_add_batch(kh_stories *s, const kh_article *const *arts,
                         const uint64_t *dup_of, size_t n, uint64_t *story);

/*
 * Prepare, then place, as for duplicates: kh_stories_add_batch() is
 * kh_stories_prepare() on each article (its weighted terms, names, numbers
 * and date: the article alone) and kh_stories_place_batch() (word weights,
 * story assignment: shared state).  Preparing reads only the options of
 * `s`, so threads may prepare at once, each with its own analyzer and
 * prep, also while another thread places.
 */
typedef struct kh_stories_prep kh_stories_prep;

/* kh_stories_prep_create: an empty prep; never NULL. */
kh_stories_prep *kh_stories_prep_create(void);
void kh_stories_prep_free(kh_stories_prep *p);

/* kh_stories_prepare: prepare a's id, source, title, text and date for s.
 * `an` is the calling thread's analyzer, made with kh_analyzer_create(NULL).
 * @return KH_OK, KH_EINVAL when a->id is 0. */
int kh_stories_prepare(const kh_stories *s, kh_analyzer *an,
                       const kh_article *a, kh_stories_prep *p);

/* kh_stories_place_batch: kh_stories_add_batch() over n prepared articles
 * (preps[i] stands for article i).  @return KH_OK, KH_EINVAL when a prep
 * was never prepared. */
int kh_stories_place_batch(kh_stories *s, const kh_stories_prep *const *preps,
                           const uint64_t *dup_of, size_t n, uint64_t *story);

/* kh_stories_story_of: an article's story now (merges followed), 0 when
 * the article is unknown. */
uint64_t kh_stories_story_of(const kh_stories *s, uint64_t article);

/* --- duplicates and stories in a database -------------------------------- */

/*
 * kh_db_relink: compute the duplicates and stories of every stored article
 * again, in date order, with these options (NULL: those saved in the
 * database, else the defaults), and save the options for later ingests.
 * kh_ingest() keeps both current batch by batch.  @return KH_OK, KH_EDB.
 */
int kh_db_relink(kh_db *db, const kh_dedup_opts *dedup,
                 const kh_stories_opts *stories);

/* kh_db_link_opts: the options the database's links were made with
 * (defaults when none were saved). */
int kh_db_link_opts(kh_db *db, kh_dedup_opts *dedup, kh_stories_opts *stories);

/* An article as the listings below show it; strings may be NULL and are
 * valid only during the callback. */
typedef struct kh_link_article {
    uint64_t id;
    const char *source, *url, *title, *date;
    const char *lead;      /* the text's first paragraph, cut near 300 bytes */
    uint64_t story;        /* 0 when not placed in a story                   */
    uint64_t duplicate_of; /* representative, 0 for none                     */
    kh_dup_kind kind;      /* how it duplicates its representative           */
    double jaccard, containment;
} kh_link_article;

/* A duplicate cluster: members[0] is the representative, the rest follow
 * in the order they were found. */
typedef struct kh_dup_cluster {
    uint64_t representative;
    const kh_link_article *members;
    size_t n_members;
    size_t n_outlets; /* distinct sources among the members */
} kh_dup_cluster;

typedef int (*kh_dup_cluster_fn)(void *ctx, const kh_dup_cluster *c);

/* kh_db_dup_clusters: every cluster of two or more articles, largest first.
 * A non-zero return from fn stops the walk and is returned. */
int kh_db_dup_clusters(kh_db *db, kh_dup_cluster_fn fn, void *ctx);

typedef struct kh_story_info {
    uint64_t id;
    const char *title;       /* its first article's title                    */
    const char *first_date;  /* earliest and latest article dates, NULL when */
    const char *last_date;   /*   no article has one                         */
    size_t n_articles;
    size_t n_outlets;
    const char *outlets;     /* the sources, comma-separated, sorted         */
} kh_story_info;

typedef int (*kh_story_fn)(void *ctx, const kh_story_info *s);

/*
 * kh_db_stories: stories with at least min_outlets distinct sources whose
 * latest article is on or after `since` ("YYYY-MM-DD", NULL for all), the
 * most widely covered first (outlets, then articles, then id).
 */
int kh_db_stories(kh_db *db, const char *since, size_t min_outlets,
                  kh_story_fn fn, void *ctx);

/*
 * kh_db_story: one story: *info is filled for the callback `head` first,
 * then `fn` gets each article by source then date.  KH_ENOTFOUND when
 * there is no such story.
 */
typedef int (*kh_link_article_fn)(void *ctx, const kh_link_article *a);
int kh_db_story(kh_db *db, uint64_t story, kh_story_fn head,
                kh_link_article_fn fn, void *ctx);

/* kh_db_article_links: an article's story and duplicate representative
 * (0 for none).  KH_ENOTFOUND when the article is not stored. */
int kh_db_article_links(kh_db *db, uint64_t id, uint64_t *story,
                        uint64_t *duplicate_of);

/* kh_db_export: every stored article (lead left NULL) in date order. */
int kh_db_export(kh_db *db, kh_link_article_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif
#endif /* KHABAR_H */
