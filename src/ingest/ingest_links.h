/*
 * ingest_links.h - duplicates and stories kept current by ingest: the
 * in-memory dedup index and story clusterer, loaded from the database at
 * the first batch, fed each batch's stored articles, and saved in the
 * batch's transaction (ingest_links.c).
 *
 * Two ways to feed a batch: ingest_links_add() does everything on the
 * calling thread; or ingest_links_prepare() runs on worker threads (one
 * prep per article, one analyzer per thread: it touches no shared state)
 * and ingest_links_place() then places the prepared batch on one thread,
 * inside the batch's transaction.  Both give the same links.
 */
#ifndef KH_INGEST_LINKS_H
#define KH_INGEST_LINKS_H

#include <stddef.h>

#include "arabic/ar_tokens.h"
#include "khabar.h"

typedef struct ingest_links ingest_links;

/*
 * ingest_links_open: the options saved in db (else the defaults), an index
 * and a clusterer loaded with every stored link, and the stored articles
 * that had none yet (older databases, an interrupted relink, links saved
 * in an older format, which are made again) placed, in date order.  Call
 * inside a transaction.  KH_EDB when the saved state is damaged ("khabar
 * dedup --rebuild" starts afresh).
 */
int ingest_links_open(kh_db *db, ingest_links **out);

/* One article prepared for both stages. */
typedef struct ingest_link_prep ingest_link_prep;

ingest_link_prep *ingest_link_prep_create(void);
void ingest_link_prep_free(ingest_link_prep *p);

/* ingest_links_prepare: prepare a stored article (id, source, url, title,
 * date and text are read; nothing of it is kept).  Thread-safe: it reads
 * only l's options; `an` is the thread's analyzer, made with
 * kh_analyzer_create(NULL); toks (may be NULL) are a's title and text
 * already analysed by it, read instead of analysing them again.
 * @return KH_OK, KH_EINVAL for an id of 0. */
int ingest_links_prepare(const ingest_links *l, kh_analyzer *an,
                         const kh_article_tokens *toks, const kh_article *a,
                         ingest_link_prep *p);

/* ingest_links_place: place n prepared articles, in their order, and save
 * where they went (inside the batch's transaction). */
int ingest_links_place(ingest_links *l, ingest_link_prep *const *preps,
                       size_t n);

/*
 * The same in two steps, so that placing one batch overlaps saving the one
 * before it.  ingest_links_place_apart places n prepared articles in the
 * in-memory index and clusterer and keeps in b where they went, touching
 * no database but the reader of ingest_links_read_apart (which it needs
 * when run off the writer's thread); ingest_links_save then saves b inside
 * the batch's transaction, with only the rows of the preps `keep` marks
 * (all when NULL), and reports a placement that failed.  Batches are
 * placed in input order, and saved in the same order.
 */
typedef struct ingest_link_batch ingest_link_batch;

ingest_link_batch *ingest_link_batch_create(void);
void ingest_link_batch_free(ingest_link_batch *b);
int ingest_links_place_apart(ingest_links *l, ingest_link_prep *const *preps,
                             size_t n, ingest_link_batch *b);
int ingest_links_save(ingest_links *l, ingest_link_batch *b,
                      const unsigned char *keep);
/* ingest_links_read_apart: give the index's text loader a connection of
 * its own (read-only) to the same database.  KH_EINVAL for a database no
 * second connection can see (in memory), else what kh_db_open returns. */
int ingest_links_read_apart(ingest_links *l);

/* ingest_links_add: prepare and place n stored articles on this thread. */
int ingest_links_add(ingest_links *l, kh_article *const *arts, size_t n);

void ingest_links_free(ingest_links *l);

#endif
