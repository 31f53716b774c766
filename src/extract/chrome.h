/*
 * chrome.h - the recurring-line model behind kh_chrome (khabar.h), seen
 * from inside the library: line shapes, the recurrence test, and export /
 * import of the counts so the store can keep the model between runs.
 *
 * A line's shape is its text with digits, white space, diacritics and
 * tatweel taken out and ASCII lowercased, so "// 12:45 ت م" and a footer
 * whose code number changes every day have one shape each.  For every
 * outlet the model counts in how many different articles each shape
 * occurs.  "Different" is what guards real paragraphs: an article that one
 * outlet republishes (same text under a new URL, or lightly edited) counts
 * once, because articles are told apart by a fingerprint, the shape of
 * their longest line.
 */
#ifndef KH_EXTRACT_CHROME_H
#define KH_EXTRACT_CHROME_H

#include <stddef.h>
#include <stdint.h>

#include "khabar.h"

/* In exports, this shape carries the number of articles observed for the
 * source (no real line has shape 0: kh_chrome_shape never returns it for
 * a line with anything to count). */
#define KH_CHROME_ARTICLES 0u

/*
 * The recurrence threshold: a shape is chrome for an outlet when it occurs
 * in at least max(KH_CHROME_MIN_COUNT, KH_CHROME_MIN_SHARE * articles)
 * different articles of that outlet.  Measured on SaudiNewsNet (31,030
 * articles, 14 outlets of 50-4,800 articles each), listing every line the
 * model would drop at each count: the lines recurring in 8 or more
 * articles are chrome (SPA's "// hh:mm ت م", wire credits, columnists'
 * names, series navigation); below 8 real paragraphs appear (a decree's
 * "أولاً :" and "وقد أعد مرسوم ملكي بذلك.", greetings, a Quran verse, a
 * market report's sentences), none of them above 0.2% of an outlet's
 * articles.  The share keeps the test meaningful on larger corpora, where
 * such formulas recur more often in absolute numbers.
 */
#define KH_CHROME_MIN_COUNT 8
#define KH_CHROME_MIN_SHARE 0.0025

/* kh_chrome_shape: the shape hash of a (tidied) line; 0 when the line has
 * nothing but digits, spaces and marks. */
uint64_t kh_chrome_shape(const char *line, size_t len);
/* kh_chrome_shape_hash: the shape hash of a line's shape bytes (what
 * kh_chrome_shape keeps of it), for callers that collect them on their
 * own pass over the line (clean_facts_compute_shape). */
uint64_t kh_chrome_shape_hash(const char *shape, size_t n);

/* kh_chrome_count: in how many different articles of `source` (NULL = no
 * source) the shape was seen. */
uint64_t kh_chrome_count(const kh_chrome *m, const char *source,
                         uint64_t shape);
/* kh_chrome_articles: articles observed (or imported) for source. */
uint64_t kh_chrome_articles(const kh_chrome *m, const char *source);
/* kh_chrome_is_recurring: the threshold test above. */
int kh_chrome_is_recurring(const kh_chrome *m, const char *source,
                           uint64_t shape);
/* kh_chrome_set_threshold: override the defaults (for measurements). */
void kh_chrome_set_threshold(kh_chrome *m, uint64_t min_count,
                             double min_share);

/*
 * kh_chrome_export: call fn for every (source, shape, count), the article
 * count of each source coming as shape KH_CHROME_ARTICLES.  Sources with no
 * name are exported as "".  A non-zero return from fn stops the walk and is
 * returned.  @return 0 or fn's value.
 */
typedef int (*kh_chrome_count_fn)(void *ctx, const char *source,
                                  uint64_t shape, uint64_t count);
int kh_chrome_export(const kh_chrome *m, kh_chrome_count_fn fn, void *ctx);

/*
 * The lines of one article as the model counts them: the distinct shapes
 * of its prepared lines, sorted, and its fingerprint (the shape of its
 * longest line).  kh_chrome_observe() is kh_chrome_lines_of() followed by
 * kh_chrome_observe_lines(); the two halves let the shapes be computed
 * once, on any thread, and counted later into one or more models.
 */
typedef struct kh_chrome_lines {
    uint64_t *shapes; /* malloc'd, sorted, distinct                      */
    size_t n;
    uint64_t fingerprint;
    int counted;      /* 0: the article has no page; observing it is a no-op */
} kh_chrome_lines;

struct kh_paras;
/* kh_chrome_lines_of: the lines of a->raw (HTML pages: of their body). */
void kh_chrome_lines_of(const kh_article *a, kh_chrome_lines *out);
/* kh_chrome_lines_of_paras: the lines of paragraphs already prepared
 * (kh_paras_prepare), as kh_chrome_lines_of would find them. */
void kh_chrome_lines_of_paras(const struct kh_paras *p, kh_chrome_lines *out);
/* kh_chrome_lines_of_shapes: the same from each prepared line's shape and
 * length in bytes. */
void kh_chrome_lines_of_shapes(const uint64_t *shapes, const size_t *lens,
                               size_t n, kh_chrome_lines *out);
/* kh_chrome_observe_lines: count them for source, as kh_chrome_observe
 * counts an article. */
void kh_chrome_observe_lines(kh_chrome *m, const char *source,
                             const kh_chrome_lines *l);
void kh_chrome_lines_free(kh_chrome_lines *l);

/* kh_chrome_add: add count to (source, shape) — the import side of
 * kh_chrome_export; shape KH_CHROME_ARTICLES adds to the article count.
 * "" and NULL are the same source. */
void kh_chrome_add(kh_chrome *m, const char *source, uint64_t shape,
                   uint64_t count);

#endif
