/*
 * schema.h - creating khabar's tables in a new database (schema.c).
 */
#ifndef KH_STORE_SCHEMA_H
#define KH_STORE_SCHEMA_H

#include "store/db.h"

/* kh_schema_create: create every table, index and trigger, record the
 * schema version in meta.  Safe when another process created the schema
 * meanwhile (it then does nothing). */
int kh_schema_create(kh_db *db);

#endif
