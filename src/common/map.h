/*
 * map.h - kh_map, an open-addressing hash map from 64-bit keys to 64-bit
 * values.
 *
 * khabar's keys are already hashes (line hashes, shingle hashes, ids), so
 * the map only scrambles them once more and probes linearly.  Every key is
 * allowed, 0 included.  Workload: counting and membership in hot loops, so
 * lookups are inline-friendly and the table stays at most 1/2 full.
 */
#ifndef KH_MAP_H
#define KH_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct kh_map {
    uint64_t *keys;
    uint64_t *vals;
    unsigned char *used;
    size_t cap;  /* power of two, or 0 */
    size_t len;
} kh_map;

#define KH_MAP_INIT {NULL, NULL, NULL, 0, 0}

void kh_map_free(kh_map *m);
void kh_map_clear(kh_map *m);
/* kh_map_get: pointer to key's value, or NULL when absent. */
uint64_t *kh_map_get(const kh_map *m, uint64_t key);
/* kh_map_put: pointer to key's value, inserting 0 when absent (*created
 * (may be NULL) says which).  The pointer is valid until the next put. */
uint64_t *kh_map_put(kh_map *m, uint64_t key, int *created);
/* kh_map_next: iterate; start with *it = 0; returns 0 at the end. */
int kh_map_next(const kh_map *m, size_t *it, uint64_t *key, uint64_t *val);

#endif
