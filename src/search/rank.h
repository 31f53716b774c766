/*
 * rank.h - kh_bm25, FTS5's BM25 computed with article lengths held in
 * memory (rank.c).
 */
#ifndef KH_SEARCH_RANK_H
#define KH_SEARCH_RANK_H

#include "store/db.h"

/* From this many matches on, loading every article's length once costs
 * less than FTS5 looking each one up (measured: see rank.c). */
#define KH_RANK_PRELOAD_MIN 2000

/* kh_rank_prepare: register kh_bm25 on the connection and load (or
 * reload, when the database changed) the article lengths. */
int kh_rank_prepare(kh_db *db);

/* The name under which kh_search binds the lengths to kh_bm25's first
 * argument (sqlite3_bind_pointer). */
#define KH_DOCLENS_POINTER "kh_doclens"

#endif
