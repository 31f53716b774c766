/*
 * dedup_state.h - what the dedup index knows about each article, as plain
 * records: the stage's internal interface for saving the index in a
 * database and loading it back, and for benchmarks that feed words
 * directly.  The public interface is in khabar.h (kh_dedup_*).
 *
 * A record keeps only what finds a representative again (its LSH band
 * fingerprints and its sampled shingles), not what verifies a match: the
 * few representatives a later article meets as candidates are checked
 * against their text, asked of a loader (kh_dedup_set_loader).
 *
 * The window (kh_dedup_opts.window_days, window_undated): a cluster whose
 * latest article is dated more than window_days before the newest date
 * seen (undated: placed more than window_undated articles ago) is out of
 * the window.  It is never matched again, and the next compaction frees
 * it; restoring a database's records in order rebuilds only the window.
 */
#ifndef KH_DEDUP_STATE_H
#define KH_DEDUP_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "khabar.h"

/*
 * One article as the index holds it.  Records must be restored in the
 * order they were added.
 */
typedef struct kh_dedup_record {
    uint64_t id;
    uint64_t duplicate_of; /* 0 for a representative or a unique article */
    kh_dup_kind kind;
    double jaccard, containment;
    int32_t day;           /* kh_dedup_day of its date, 0 for undated     */
    uint64_t text_key;     /* hash of the word sequence, 0 for no words   */
    uint64_t url_key;      /* canonical URL hash, 0 for none              */
    /* representatives only (0 and NULL otherwise): */
    uint32_t n_shingles;   /* the size of its shingle set                 */
    const uint32_t *bands; /* its LSH band fingerprints (one per band),
                              NULL when too short for near matches       */
    const uint32_t *samples; /* its sampled shingles (containment index)  */
    size_t n_samples;
} kh_dedup_record;

/* kh_dedup_day: a date "YYYY-MM-DD..." as a day number (1 or more; the
 * difference of two is their distance in days), 0 when NULL or not such a
 * date. */
int32_t kh_dedup_day(const char *date);

/* kh_dedup_trim: free the clusters out of the window now (the index also
 * does it by itself as it grows: when it has doubled since the last). */
void kh_dedup_trim(kh_dedup *d);

/* kh_dedup_record_of: the record of an article added or restored (its
 * pointers are valid until the next add).  KH_ENOTFOUND if absent. */
int kh_dedup_record_of(const kh_dedup *d, uint64_t id, kh_dedup_record *out);

/* kh_dedup_restore: put back an article saved earlier, without checking
 * it again (r->day is its date; records out of the window are freed as
 * the index grows, as when placing).  KH_EINVAL when its representative was not restored first, the
 * id is 0 or already present, or n_samples is too large. */
int kh_dedup_restore(kh_dedup *d, const kh_dedup_record *r);

/*
 * kh_dedup_set_loader: how the index gets the title and clean text of a
 * restored representative when a candidate must be verified: fn appends
 * them to *title and *text and returns KH_OK, or an error (the candidate
 * is then passed over).  Without a loader, restored representatives are
 * found by exact text and URL only.
 */
typedef int (*kh_dedup_loader_fn)(void *ctx, uint64_t id, kh_buf *title,
                                  kh_buf *text);
void kh_dedup_set_loader(kh_dedup *d, kh_dedup_loader_fn fn, void *ctx);

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
    uint64_t sample_candidates;  /* ... met through shared samples        */
    uint64_t verified;           /* exact shingle comparisons made        */
    uint64_t templates;          /* near matches refused as templates     */
    uint64_t loads;              /* representatives reloaded by the loader */
    uint64_t shingles_held;      /* 32-bit hashes held for representatives */
    uint64_t lsh_entries, sample_entries; /* held now                  */
    uint64_t evicted;            /* articles freed, out of the window      */
    uint64_t held;               /* articles in the index now              */
    uint64_t compactions;
    size_t bytes;                /* memory held by the index              */
} kh_dedup_counters;

void kh_dedup_counters_get(const kh_dedup *d, kh_dedup_counters *out);
const kh_dedup_opts *kh_dedup_get_opts(const kh_dedup *d);

#endif
