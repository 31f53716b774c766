/*
 * store_dedup.h - the tables behind duplicates and stories (dup_docs,
 * story_docs, story_df) as plain rows, for the ingest stage that fills
 * them and loads them back.  The listings built on them are public
 * (khabar.h: kh_db_dup_clusters, kh_db_stories, kh_db_story,
 * kh_db_article_links, kh_db_export).
 *
 * dup_docs has a row per article placed by duplicate detection, in the
 * order they were placed (seq); a representative keeps a small sketch
 * (what finds it again: its LSH band fingerprints and sampled shingles)
 * in the column named `shingles`, which held its whole shingle set before
 * links format 2.  story_docs has a row per article placed in a story,
 * with its heaviest terms.  story_df holds the document frequency of each
 * term (the word weights of story clustering), and under term -1 the
 * number of documents counted.  The blobs are opaque here:
 * the ingest stage encodes and decodes them.
 */
#ifndef KH_STORE_DEDUP_H
#define KH_STORE_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

#define KH_STORE_NO_HOURS INT64_MIN

typedef struct kh_dup_row {
    uint64_t article;
    uint64_t rep;          /* representative, 0 for none                 */
    int kind;              /* kh_dup_kind                                */
    double jaccard, containment;
    uint64_t text_key, url_key;
    const unsigned char *sketch; /* representatives only; NULL otherwise  */
    size_t sketch_len;
    const char *date;      /* read back only: the article's date, or NULL */
} kh_dup_row;

typedef struct kh_story_row {
    uint64_t article, story;
    int64_t hours;               /* KH_STORE_NO_HOURS when undated       */
    int duplicate;
    const unsigned char *terms;  /* encoded terms, NULL for none          */
    size_t terms_len;
    const char *source;          /* read back only: the article's outlet  */
} kh_story_row;

/* A document frequency: term (a 32-bit value, or -1 for the number of
 * documents) and count. */
typedef struct kh_df_row {
    int64_t term;
    uint64_t count;
} kh_df_row;

/* Writes of n rows: call inside kh_db_begin()/kh_db_commit().  A row for
 * an article already present replaces it. */
int kh_store_dup_put(kh_db *db, const kh_dup_row *rows, size_t n);
int kh_store_story_put(kh_db *db, const kh_story_row *rows, size_t n);
/* kh_store_df_add: add each row's count to its term's (new terms start at
 * 0), as a row of story_df_log (count_log.c).  kh_store_df_each gives a
 * term's count in as many parts as were added since the last fold. */
int kh_store_df_add(kh_db *db, const kh_df_row *rows, size_t n);
/* kh_store_story_merge: story `from` joined story `into`. */
int kh_store_story_merge(kh_db *db, uint64_t from, uint64_t into);
/* kh_store_links_clear: empty the link tables (before a relink). */
int kh_store_links_clear(kh_db *db);

/* Reads, in placement order; fn's non-zero return stops and is returned.
 * Row pointers are valid only during the call. */
typedef int (*kh_dup_row_fn)(void *ctx, const kh_dup_row *r);
typedef int (*kh_story_row_fn)(void *ctx, const kh_story_row *r);
int kh_store_dup_each(kh_db *db, kh_dup_row_fn fn, void *ctx);
int kh_store_story_each(kh_db *db, kh_story_row_fn fn, void *ctx);
typedef int (*kh_df_row_fn)(void *ctx, const kh_df_row *r);
int kh_store_df_each(kh_db *db, kh_df_row_fn fn, void *ctx);

/* Stories as story_docs holds them (merges followed), for the clusterer's
 * lookup (stories_state.h: kh_stories_lookup).
 * kh_store_stories_of: the story of each of n articles, 0 for an article
 *   without a row.
 * kh_store_story_span: a story's earliest and latest hours, both
 *   KH_STORE_NO_HOURS when none of its rows is dated (or it has none).
 * kh_store_story_spans: the same for every story, in no set order. */
int kh_store_stories_of(kh_db *db, const uint64_t *articles, size_t n,
                        uint64_t *story);
int kh_store_story_span(kh_db *db, uint64_t story, int64_t *first,
                        int64_t *last);
typedef int (*kh_story_span_fn)(void *ctx, uint64_t story, int64_t first,
                                int64_t last);
int kh_store_story_spans(kh_db *db, kh_story_span_fn fn, void *ctx);

/* kh_store_article_text: append an article's title (when it has one) and
 * clean text to the buffers.  KH_ENOTFOUND when it is not stored. */
int kh_store_article_text(kh_db *db, uint64_t id, kh_buf *title,
                          kh_buf *text);

/*
 * kh_store_unlinked_each: the stored articles that have no dup_docs row
 * yet (all of them after a clear), oldest date first, undated last, as
 * articles with id, source, url, title, date and text set (valid only
 * during the call).
 */
typedef int (*kh_store_article_fn)(void *ctx, const kh_article *a);
int kh_store_unlinked_each(kh_db *db, kh_store_article_fn fn, void *ctx);
/* kh_store_unlinked_count: how many articles kh_store_unlinked_each would
 * give. */
int kh_store_unlinked_count(kh_db *db, uint64_t *n);

/* The options the links were made with, as "name=value;..." text in the
 * meta table; *text is NULL (and KH_OK) when none were saved. */
int kh_store_link_opts_get(kh_db *db, char **text);
int kh_store_link_opts_put(kh_db *db, const char *text);

/* Helpers shared by store_dedup.c and store_stories.c. */
int kh_store_prepare(kh_db *db, const char *sql, sqlite3_stmt **st,
                     const char *what);
/* The columns every listing reads for an article, from a = articles,
 * s = sources, d = dup_docs, sd = story_docs (outer-joined), read back by
 * kh_store_read_link_article (strings valid until the next step). */
#define KH_LINK_COLUMNS                                                      \
    "a.id, s.name, a.url, a.title, a.date, sd.story, d.rep, d.kind,"         \
    " d.jaccard, d.containment"
#define KH_LINK_JOINS                                                        \
    " LEFT JOIN sources s ON s.id = a.source_id"                             \
    " LEFT JOIN dup_docs d ON d.article = a.id"                              \
    " LEFT JOIN story_docs sd ON sd.article = a.id"
void kh_store_read_link_article(sqlite3_stmt *st, kh_link_article *a);

/* For kh_db_stats_get: stories and clusters of two or more articles. */
int kh_store_links_counts(kh_db *db, uint64_t *stories, uint64_t *clusters);

#endif
