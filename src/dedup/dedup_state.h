/*
 * dedup_state.h - what the dedup index knows about each article, as plain
 * records: the stage's internal interface for saving the index in a
 * database and loading it back, and for benchmarks that feed words
 * directly.  The public interface is in khabar.h (kh_dedup_*).
 */
#ifndef KH_DEDUP_STATE_H
#define KH_DEDUP_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "khabar.h"

/*
 * One article as the index holds it.  Only representatives keep their
 * shingles: a newcomer is only ever compared with representatives.
 * Records must be restored in the order they were added.
 */
typedef struct kh_dedup_record {
    uint64_t id;
    uint64_t duplicate_of; /* 0 for a representative or a unique article */
    kh_dup_kind kind;
    double jaccard, containment;
    uint64_t text_key;     /* hash of the word sequence, 0 for no words   */
    uint64_t url_key;      /* canonical URL hash, 0 for none              */
    const uint32_t *shingles; /* sorted; NULL unless a representative     */
    size_t n_shingles;
} kh_dedup_record;

/* kh_dedup_record_of: the record of an article added or restored (its
 * shingles pointer is valid until the next add).  KH_ENOTFOUND if absent. */
int kh_dedup_record_of(const kh_dedup *d, uint64_t id, kh_dedup_record *out);

/* kh_dedup_restore: put back an article saved earlier, without checking
 * it again.  KH_EINVAL when its representative was not restored first or
 * the id is 0 or already present. */
int kh_dedup_restore(kh_dedup *d, const kh_dedup_record *r);

/* kh_dedup_add_words: kh_dedup_add for a text already split into words
 * (64-bit hashes of their normalised forms, in order). */
int kh_dedup_add_words(kh_dedup *d, uint64_t id, const char *url,
                       const uint64_t *words, size_t n, kh_dup_result *out);

/* kh_dedup_words: the word hashes kh_dedup_add uses for a text (replacing
 * out's contents); exposed so benchmarks can time the two halves apart. */
struct kh_u64vec;
void kh_dedup_words(kh_dedup *d, const char *text, size_t len,
                    struct kh_u64vec *out);

/* Counters for benchmarks and tuning. */
typedef struct kh_dedup_counters {
    uint64_t articles, representatives;
    uint64_t exact, url, near;   /* duplicates found, by kind             */
    uint64_t candidates;         /* representatives met in LSH buckets    */
    uint64_t verified;           /* exact shingle comparisons made        */
    uint64_t shingles_held;      /* 32-bit hashes held for representatives */
    uint64_t lsh_entries;
    size_t bytes;                /* memory held by the index              */
} kh_dedup_counters;

void kh_dedup_counters_get(const kh_dedup *d, kh_dedup_counters *out);
const kh_dedup_opts *kh_dedup_get_opts(const kh_dedup *d);

#endif
