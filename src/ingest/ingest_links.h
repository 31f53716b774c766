/*
 * ingest_links.h - duplicates and stories kept current by ingest: the
 * in-memory dedup index and story clusterer, loaded from the database at
 * the first batch, fed each batch's stored articles, and saved in the
 * batch's transaction (ingest_links.c).
 */
#ifndef KH_INGEST_LINKS_H
#define KH_INGEST_LINKS_H

#include <stddef.h>

#include "khabar.h"

typedef struct ingest_links ingest_links;

/*
 * ingest_links_open: the options saved in db (else the defaults), an index
 * and a clusterer loaded with every stored link, and the stored articles
 * that had none yet (older databases, an interrupted relink) placed, in
 * date order.  Call inside a transaction.  KH_EDB when the saved state is
 * damaged ("khabar dedup --rebuild" starts afresh).
 */
int ingest_links_open(kh_db *db, ingest_links **out);

/* ingest_links_add: place n stored articles and save where they went
 * (inside the batch's transaction). */
int ingest_links_add(ingest_links *l, kh_article *const *arts, size_t n);

void ingest_links_free(ingest_links *l);

#endif
