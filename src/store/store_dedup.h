/*
 * store_dedup.h - the tables behind duplicates and stories (dup_docs,
 * story_docs) as plain rows, for the ingest stage that fills them and
 * loads them back.  The listings built on them are public (khabar.h:
 * kh_db_dup_clusters, kh_db_stories, kh_db_story, kh_db_article_links,
 * kh_db_export).
 *
 * dup_docs has a row per article placed by duplicate detection, in the
 * order they were placed (seq); representatives keep their sorted 32-bit
 * shingle hashes (little-endian) so a later ingest can compare with them.
 * story_docs has a row per article placed in a story, with its raw term
 * weights ((u32 term, f32 weight) pairs, little-endian) so a later ingest
 * can rebuild the story centroids and word weights.
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
    const uint32_t *shingles; /* representatives only; NULL otherwise    */
    size_t n_shingles;
} kh_dup_row;

typedef struct kh_story_row {
    uint64_t article, story;
    int64_t hours;               /* KH_STORE_NO_HOURS when undated       */
    int duplicate;
    const unsigned char *terms;  /* n_terms * 8 bytes: u32 term, f32 w   */
    size_t n_terms;
} kh_story_row;

/* Writes of n rows: call inside kh_db_begin()/kh_db_commit().  A row for
 * an article already present replaces it. */
int kh_store_dup_put(kh_db *db, const kh_dup_row *rows, size_t n);
int kh_store_story_put(kh_db *db, const kh_story_row *rows, size_t n);
/* kh_store_story_merge: story `from` joined story `into`. */
int kh_store_story_merge(kh_db *db, uint64_t from, uint64_t into);
/* kh_store_links_clear: empty both tables (before a relink). */
int kh_store_links_clear(kh_db *db);

/* Reads, in placement order; fn's non-zero return stops and is returned.
 * Row pointers are valid only during the call. */
typedef int (*kh_dup_row_fn)(void *ctx, const kh_dup_row *r);
typedef int (*kh_story_row_fn)(void *ctx, const kh_story_row *r);
int kh_store_dup_each(kh_db *db, kh_dup_row_fn fn, void *ctx);
int kh_store_story_each(kh_db *db, kh_story_row_fn fn, void *ctx);

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
