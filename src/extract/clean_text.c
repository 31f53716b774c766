/*
 * clean_text.c - tidying paragraphs and computing the facts the cleaning
 * rules test (clean_text.h): matching keys, word counts, endings, phrases,
 * and the content-word sets behind lexical distance.
 */
#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "common/utf8.h"
#include "extract/chrome.h"
#include "extract/clean_text.h"
#include "khabar.h"

int clean_is_space(uint32_t cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 ||
           cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

/* Characters that carry no text: controls, BOM, zero-width space, bidi
 * controls, soft hyphen, the Arabic letter mark. */
static int is_invisible(uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F)
        return 0; /* the common case, first */
    if ((cp < 0x20 && !clean_is_space(cp)) || (cp >= 0x7F && cp < 0xA0 &&
                                               cp != 0x85))
        return 1; /* control characters (\x1a and friends in scraped text) */
    return cp == 0x200B || cp == 0x200E || cp == 0x200F || cp == 0xAD ||
           cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0xFEFF;
}

/* Harakat, Quranic marks, tatweel and combining accents: dropped from keys
 * because writers use them inconsistently. */
static int is_mark(uint32_t cp)
{
    if (cp < 0x0300 || (cp >= 0x0621 && cp <= 0x063F) ||
        (cp >= 0x0641 && cp <= 0x064A))
        return 0; /* ASCII, Latin, and the Arabic letters themselves */
    return (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) ||
           cp == 0x0670 || cp == 0x0640 || (cp >= 0x06D6 && cp <= 0x06DC) ||
           (cp >= 0x06DF && cp <= 0x06E8) || (cp >= 0x06EA && cp <= 0x06ED) ||
           (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200C || cp == 0x200D;
}

int clean_is_ignorable(uint32_t cp)
{
    return is_mark(cp) || is_invisible(cp);
}

int clean_is_word_char(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
               (cp >= 'A' && cp <= 'Z');
    if (cp >= 0xC0 && cp <= 0x24F)
        return cp != 0xD7 && cp != 0xF7;
    if (cp >= 0x0370 && cp <= 0x052F) /* Greek, Cyrillic */
        return 1;
    if (cp >= 0x05D0 && cp <= 0x05EA) /* Hebrew */
        return 1;
    if ((cp >= 0x0621 && cp <= 0x063F) || (cp >= 0x0641 && cp <= 0x064A) ||
        (cp >= 0x0660 && cp <= 0x0669) || cp == 0x066E || cp == 0x066F ||
        (cp >= 0x0671 && cp <= 0x06D3) || cp == 0x06D5 ||
        (cp >= 0x06EE && cp <= 0x06FC) || cp == 0x06FF)
        return 1;
    if ((cp >= 0xFB50 && cp <= 0xFDFB && cp != 0xFD3E && cp != 0xFD3F) ||
        (cp >= 0xFE70 && cp <= 0xFEFC))
        return 1; /* Arabic presentation forms */
    if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
        (cp >= 0xAC00 && cp <= 0xD7AF))
        return 1;
    return 0;
}

static int is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) ||
           (cp >= 0x06F0 && cp <= 0x06F9);
}

static int is_arabic_letter(uint32_t cp)
{
    return cp >= 0x0621 && cp <= 0x06FF && !is_digit(cp) && !is_mark(cp);
}

uint32_t clean_fold(uint32_t cp)
{
    switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: /* آ أ إ ٱ */
        return 0x0627;
    case 0x0649: case 0x0626: case 0x06CC: /* ى ئ ی */
        return 0x064A;
    case 0x0629: return 0x0647; /* ة -> ه */
    case 0x0624: return 0x0648; /* ؤ -> و */
    case 0x06A9: return 0x0643; /* ک -> ك */
    default: break;
    }
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0x0660 && cp <= 0x0669)
        return '0' + (cp - 0x0660);
    if (cp >= 0x06F0 && cp <= 0x06F9)
        return '0' + (cp - 0x06F0);
    return cp;
}

/*
 * The class table.  Tidying, keys, shapes and facts classify every code
 * point of every paragraph several times over (a third of ingest's time
 * once went to these tests, chains of range comparisons); one table load
 * replaces each chain for the code points that make up nearly all text.
 */
unsigned char clean_class_table[CLEAN_CLASS_LIMIT];
uint16_t clean_fold_table[CLEAN_CLASS_LIMIT];
static pthread_once_t class_once = PTHREAD_ONCE_INIT;

unsigned clean_class_slow(uint32_t cp)
{
    return (clean_is_space(cp) ? CLEAN_SPACE : 0u) |
           (is_invisible(cp) ? CLEAN_INVISIBLE : 0u) |
           (is_mark(cp) ? CLEAN_MARK : 0u) |
           (clean_is_word_char(cp) ? CLEAN_WORD : 0u) |
           (is_digit(cp) ? CLEAN_DIGIT : 0u) |
           (is_arabic_letter(cp) ? CLEAN_ARABIC : 0u);
}

/*
 * The two-byte characters clean_tidy_facts takes a run at a time (most
 * of Arabic text): word characters that are no digit, mark or space and
 * whose folded form is two bytes and no digit either, so that each one
 * adds a letter, its folded bytes to the key and its own bytes to the
 * shape, and nothing else.
 */
typedef struct fast_letter {
    unsigned char ok;      /* takes the fast path                        */
    unsigned char arabic;  /* counts as an Arabic letter                 */
    unsigned char fold[2]; /* the folded letter's UTF-8 bytes            */
} fast_letter;
static fast_letter fast_letters[0x800];

static void build_fast_letters(void)
{
    for (uint32_t cp = 0x80; cp < 0x800; cp++) {
        unsigned c = clean_class_slow(cp);
        uint32_t f = clean_fold(cp);
        if (!(c & CLEAN_WORD) ||
            (c & (CLEAN_DIGIT | CLEAN_SPACE | CLEAN_IGNORABLE)) ||
            f < 0x80 || f >= 0x800 || (clean_class_slow(f) & CLEAN_DIGIT))
            continue;
        char enc[4];
        size_t k = kh_utf8_encode(f, enc);
        assert(k == 2);
        (void)k;
        fast_letters[cp].ok = 1;
        fast_letters[cp].arabic = (clean_class_slow(f) & CLEAN_ARABIC) != 0;
        fast_letters[cp].fold[0] = (unsigned char)enc[0];
        fast_letters[cp].fold[1] = (unsigned char)enc[1];
    }
}

static void build_class_table(void)
{
    for (uint32_t cp = 0; cp < CLEAN_CLASS_LIMIT; cp++) {
        clean_class_table[cp] = (unsigned char)clean_class_slow(cp);
        uint32_t f = clean_fold(cp);
        assert(f < 0x10000);
        clean_fold_table[cp] = (uint16_t)f;
    }
    build_fast_letters();
}

void clean_class_init(void)
{
    pthread_once(&class_once, build_class_table);
}

/* kh_utf8_decode (the same results) with its two common cases first:
 * ASCII, and a valid two-byte sequence (every Arabic letter). */
static inline size_t decode_fast(const unsigned char *s, size_t n,
                                 uint32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = (c & 0x1Fu) << 6 | (s[1] & 0x3Fu);
        return 2;
    }
    return kh_utf8_decode(s, n, cp, NULL);
}

/* Copy one character's k (1-4) bytes; a call to memcpy would cost more
 * than the copy. */
static inline size_t copy_small(char *dst, const unsigned char *src, size_t k)
{
    dst[0] = (char)src[0];
    if (k > 1) {
        dst[1] = (char)src[1];
        for (size_t j = 2; j < k; j++)
            dst[j] = (char)src[j];
    }
    return k;
}

/*
 * A key being built, one character at a time (build_key on a text,
 * clean_tidy_facts on the characters it keeps): the key so far and the
 * counts behind clean_facts; with `shape` (room for the text's bytes),
 * also the line's shape bytes, what kh_chrome_shape keeps of it: all but
 * digits, spaces and marks, ASCII capitals lowered.
 */
typedef struct key_state {
    char *key;         /* room for the text's bytes + 1                  */
    size_t len;
    unsigned run, digit_run, words, letters, arabic;
    int in_word;
    char *shape;       /* NULL: no shape wanted                          */
    size_t shape_len;
} key_state;

/*
 * One character, cp of class c, whose bytes are at[0, k).  A key is never
 * longer than its text: a folded letter takes no more bytes than the
 * letter, and each space stands for at least one character dropped.
 */
static inline void shape_step(key_state *st, uint32_t cp, unsigned c,
                              const unsigned char *at, size_t k)
{
    if (!(c & (CLEAN_DIGIT | CLEAN_SPACE | CLEAN_IGNORABLE))) {
        if (cp >= 'A' && cp <= 'Z')
            st->shape[st->shape_len++] = (char)(cp + 32);
        else
            st->shape_len += copy_small(st->shape + st->shape_len, at, k);
    }
}

static inline __attribute__((always_inline)) void
key_step(key_state *st, uint32_t cp, unsigned c, const unsigned char *at,
         size_t k)
{
    st->run = c & CLEAN_DIGIT ? st->run + 1 : 0;
    if (st->run > st->digit_run)
        st->digit_run = st->run;
    if (st->shape)
        shape_step(st, cp, c, at, k);
    if (c & CLEAN_IGNORABLE)
        return; /* inside a word: do not split it */
    if (!(c & CLEAN_WORD)) {
        st->in_word = 0;
        return;
    }
    if (!st->in_word) {
        if (st->len > 0)
            st->key[st->len++] = ' ';
        st->words++;
    }
    st->in_word = 1;
    uint32_t folded = clean_fold_fast(cp);
    if (folded == cp) /* a word character decoded cleanly: its bytes */
        st->len += copy_small(st->key + st->len, at, k);
    else
        st->len += kh_utf8_encode(folded, st->key + st->len);
    unsigned fc = folded == cp ? c : clean_class(folded);
    if (!(fc & CLEAN_DIGIT)) {
        st->letters++;
        st->arabic += (fc & CLEAN_ARABIC) != 0;
    }
}

/* The fast letter at p[0, 2), if it is one (both bytes are readable). */
static inline const fast_letter *fast_letter_at(const unsigned char *p)
{
    unsigned lead = p[0], trail = p[1];
    if (lead - 0xC2u > 0xDFu - 0xC2u || (trail & 0xC0u) != 0x80u)
        return NULL;
    const fast_letter *fl = &fast_letters[(lead & 0x1Fu) << 6 |
                                          (trail & 0x3Fu)];
    return fl->ok ? fl : NULL;
}

/*
 * The next letter of a run that has reached q, or NULL where the run
 * ends: a fast letter at q, or after a single ASCII space at q (*spaced
 * is then set).  Tidying keeps such a space as it is (the output is not
 * empty), and for the key it ends one word so that the next letter starts
 * another.  Nothing is read at or past `end`; a space must also come
 * before `stop`, where the output reaches its limit.
 */
static inline const fast_letter *
next_letter(const unsigned char **q, const unsigned char *end,
            const unsigned char *stop, int *spaced)
{
    const unsigned char *at = *q;
    *spaced = 0;
    if (at < end && *at == ' ') {
        if (at + 1 >= stop)
            return NULL;
        at++;
        *spaced = 1;
    }
    if (end - at < 2)
        return NULL;
    const fast_letter *fl = fast_letter_at(at);
    if (fl)
        *q = at;
    return fl;
}

/*
 * key_step over a run of fast letters from p[i] (one at least), and the
 * single spaces between them, stopping after the letter that brings the
 * output *out to `stop` bytes: the same state, without a class, fold or
 * branch per letter.  Returns where the run ends.  (with_shape is a
 * constant in each of key_run's two calls: one loop with the shape, one
 * without.)
 */
static inline __attribute__((always_inline)) size_t
key_run_with(key_state *st, const unsigned char *p, size_t i, size_t n,
             size_t *out, size_t stop, int with_shape)
{
    if (!st->in_word) {
        if (st->len > 0)
            st->key[st->len++] = ' ';
        st->words++;
        st->in_word = 1;
    }
    st->run = 0; /* no digit: digit_run stands */
    /* output and input advance together: the output's limit is a place */
    const unsigned char *q = p + i, *end = p + n;
    assert(*out < stop);
    const unsigned char *limit =
        stop - *out >= n - i ? end : q + (stop - *out);
    char *key = st->key + st->len;
    char *sh = with_shape ? st->shape + st->shape_len : NULL;
    unsigned letters = 0, arabic = 0, words = 0;
    int spaced = 0;
    const fast_letter *fl = fast_letter_at(q);
    assert(n - i >= 2 && fl);
    do {
        if (spaced) {
            *key++ = ' ';
            words++;
        }
        key[0] = (char)fl->fold[0];
        key[1] = (char)fl->fold[1];
        key += 2;
        if (with_shape) {
            sh[0] = (char)q[0];
            sh[1] = (char)q[1];
            sh += 2;
        }
        letters++;
        arabic += fl->arabic;
        q += 2;
    } while (q < limit && (fl = next_letter(&q, end, limit, &spaced)));
    st->len = (size_t)(key - st->key);
    if (with_shape)
        st->shape_len = (size_t)(sh - st->shape);
    st->letters += letters;
    st->arabic += arabic;
    st->words += words;
    *out += (size_t)(q - (p + i));
    return (size_t)(q - p);
}

static size_t key_run(key_state *st, const unsigned char *p, size_t i,
                      size_t n, size_t *out, size_t stop)
{
    return st->shape ? key_run_with(st, p, i, n, out, stop, 1)
                     : key_run_with(st, p, i, n, out, stop, 0);
}

/* shape_step over a run of fast letters from p[i] (one at least), and
 * single spaces between them, as in key_run. */
static size_t shape_run(key_state *st, const unsigned char *p, size_t i,
                        size_t n, size_t *out)
{
    const unsigned char *q = p + i, *end = p + n;
    char *sh = st->shape + st->shape_len;
    int spaced;
    do {
        sh[0] = (char)q[0];
        sh[1] = (char)q[1];
        sh += 2;
        q += 2;
    } while (next_letter(&q, end, end, &spaced));
    st->shape_len = (size_t)(sh - st->shape);
    *out += (size_t)(q - (p + i));
    return (size_t)(q - p);
}

static void compute_ending(clean_facts *f, const char *text, size_t len);

/* The state's key, NUL-terminated, and counts as facts of text[0, len)
 * (f owns the key from now on). */
static void facts_of_state(clean_facts *f, const key_state *st,
                           const char *text, size_t len)
{
    memset(f, 0, sizeof *f);
    f->key = st->key;
    f->key[st->len] = '\0';
    f->key_len = st->len;
    f->words = st->words;
    f->letters = st->letters;
    f->arabic = st->arabic;
    f->digit_run = st->digit_run;
    compute_ending(f, text, len);
}

/* The key of p[0, n) into st (whose key has room for n + 1 bytes). */
static void build_key(const unsigned char *p, size_t n, key_state *st)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = decode_fast(p + i, n - i, &cp);
        if (k == 2 && fast_letters[cp].ok) { /* a run of letters */
            size_t out = 0;
            i = key_run(st, p, i, n, &out, SIZE_MAX);
            continue;
        }
        key_step(st, cp, clean_class(cp), p + i, k);
        i += k;
        assert(st->len <= i);
    }
    st->key[st->len] = '\0';
}

char *clean_key(const char *s, size_t n, size_t *out_len)
{
    clean_class_init();
    key_state st = {kh_malloc(n + 1), 0, 0, 0, 0, 0, 0, 0, NULL, 0};
    build_key((const unsigned char *)s, n, &st);
    if (out_len)
        *out_len = st.len;
    return st.key;
}

/* The code point just before position *i in s (moving *i back). */
static uint32_t decode_back(const unsigned char *s, size_t *i)
{
    size_t j = *i;
    assert(j > 0);
    size_t start = j - 1;
    while (start > 0 && j - start < 4 && (s[start] & 0xC0) == 0x80)
        start--;
    uint32_t cp;
    size_t k = kh_utf8_decode(s + start, j - start, &cp, NULL);
    if (start + k != j) { /* not a clean sequence: one byte back */
        start = j - 1;
        cp = KH_UTF8_REPLACEMENT;
    }
    *i = start;
    return cp;
}

/* Closing quotes and brackets that may follow a sentence's final stop. */
static int is_closer(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}' ||
           cp == 0xBB || cp == 0xAB || cp == 0x201D || cp == 0x201C ||
           cp == 0x2019 || cp == 0x203A || cp == 0xFD3E || cp == 0xFD3F ||
           cp == '*';
}

static void compute_ending(clean_facts *f, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = len;
    while (i > 0) {
        uint32_t cp = decode_back(s, &i);
        if (clean_is_space(cp) || clean_is_ignorable(cp) || is_closer(cp))
            continue;
        f->ends_sentence = cp == '.' || cp == '!' || cp == '?' ||
                           cp == 0x061F || cp == 0x2026 || cp == 0x061B ||
                           cp == 0x06D4 || cp == ';';
        f->ends_colon = cp == ':';
        return;
    }
}

/* The facts of text[0, len); with shape, its shape hash too. */
static void facts_pass(clean_facts *f, const char *text, size_t len,
                       uint64_t *shape)
{
    clean_class_init();
    /* shape bytes are never more than the text's: a short line's fit on
     * the stack */
    char stack[512];
    char *sh = !shape ? NULL : len <= sizeof stack ? stack : kh_malloc(len);
    key_state st = {kh_malloc(len + 1), 0, 0, 0, 0, 0, 0, 0, sh, 0};
    build_key((const unsigned char *)text, len, &st);
    facts_of_state(f, &st, text, len);
    if (shape)
        *shape = kh_chrome_shape_hash(sh, st.shape_len);
    if (sh != stack)
        free(sh);
}

void clean_facts_compute(clean_facts *f, const char *text, size_t len)
{
    facts_pass(f, text, len, NULL);
}

uint64_t clean_facts_compute_shape(clean_facts *f, const char *text,
                                   size_t len)
{
    uint64_t shape;
    facts_pass(f, text, len, &shape);
    return shape;
}

/* The facts of the tidied text's head, as the key state stood there. */
static void head_facts(clean_facts *hf, const key_state *at_head,
                       const char *text, size_t head_len)
{
    key_state st = *at_head;
    st.key = kh_strndup(at_head->key, at_head->len);
    facts_of_state(hf, &st, text, head_len);
}

/*
 * What tidying feeds besides the text, in clean_tidy_facts: every
 * character it emits (a kept character, the space that joins two words,
 * U+FFFD for an invalid byte) goes into a key, from which the facts of
 * the tidied text come; those of its head come from the key's state when
 * the output first reached head_at bytes.  Without `whole`, past the head
 * only the shape is wanted.
 */
typedef struct tidy_feed {
    key_state st, at_head;
    size_t out, head_at, head_len;
    int have_head, whole;
} tidy_feed;

/* The head is reached: its state is kept. */
static inline void feed_check_head(tidy_feed *f)
{
    if (!f->have_head && f->out >= f->head_at) {
        f->at_head = f->st;
        f->head_len = f->out;
        f->have_head = 1;
    }
}

static inline __attribute__((always_inline)) void
feed_char(tidy_feed *f, uint32_t cp, unsigned c, const unsigned char *at,
          size_t k)
{
    if (f->whole || !f->have_head)
        key_step(&f->st, cp, c, at, k);
    else if (f->st.shape)
        shape_step(&f->st, cp, c, at, k);
    f->out += k;
    feed_check_head(f);
}

/*
 * Feeding a run of fast letters from p[i] (key_run, up to the head's end,
 * or shape_run past it); returns where the run ends, or i when nothing
 * past the head is wanted (the caller then goes letter by letter).
 */
static inline size_t feed_run(tidy_feed *f, const unsigned char *p, size_t i,
                              size_t n)
{
    if (f->whole || !f->have_head) {
        i = key_run(&f->st, p, i, n, &f->out,
                    f->have_head ? SIZE_MAX : f->head_at);
        feed_check_head(f);
        return i;
    }
    return f->st.shape ? shape_run(&f->st, p, i, n, &f->out) : i;
}

/*
 * Tidying, the one loop of clean_tidy and clean_tidy_facts (feed NULL for
 * the text alone; inlined in each, so clean_tidy pays for no feeding).
 * Characters kept as they are come in runs (whole words, usually whole
 * stretches between two spaces), so they are copied a run at a time:
 * `run` is where the current run starts in s, and anything that is not
 * copied verbatim (a space, an invisible character, an invalid byte)
 * first appends the run so far.
 */
static inline __attribute__((always_inline)) char *
tidy_loop(const char *s, size_t n, size_t *out_len, tidy_feed *feed)
{
    static const unsigned char space[] = " ", fffd[] = "\xEF\xBF\xBD";
    clean_class_init();
    kh_buf b = KH_BUF_INIT;
    kh_buf_reserve(&b, n);
    kh_buf_reset(&b); /* NUL-terminated even when nothing is appended */
    const unsigned char *p = (const unsigned char *)s;
    int pending_space = 0;
    size_t run = 0, run_len = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = decode_fast(p + i, n - i, &cp);
        unsigned c = clean_class(cp);
        if (!(c & (CLEAN_SPACE | CLEAN_INVISIBLE)) && !pending_space &&
            !(cp == KH_UTF8_REPLACEMENT && k == 1)) {
            if (run_len == 0)
                run = i;
            if (feed && k == 2 && fast_letters[cp].ok) {
                size_t j = feed_run(feed, p, i, n);
                if (j != i) {
                    run_len += j - i;
                    i = j;
                    continue;
                }
            }
            run_len += k; /* the common case: one more byte of the run */
            if (feed)
                feed_char(feed, cp, c, p + i, k);
            i += k;
            continue;
        }
        kh_buf_append(&b, p + run, run_len);
        run_len = 0;
        if (c & CLEAN_SPACE) {
            pending_space = b.len > 0;
        } else if (!(c & CLEAN_INVISIBLE)) {
            if (pending_space) {
                kh_buf_putc(&b, ' ');
                if (feed)
                    feed_char(feed, ' ', clean_class(' '), space, 1);
            }
            pending_space = 0;
            if (cp == KH_UTF8_REPLACEMENT && k == 1) {
                kh_buf_append(&b, fffd, 3);
                if (feed)
                    feed_char(feed, KH_UTF8_REPLACEMENT,
                              clean_class(KH_UTF8_REPLACEMENT), fffd, 3);
            } else {
                run = i;
                run_len = k;
                if (feed)
                    feed_char(feed, cp, c, p + i, k);
            }
        }
        i += k;
    }
    kh_buf_append(&b, p + run, run_len);
    if (out_len)
        *out_len = b.len;
    return kh_buf_detach(&b);
}

char *clean_tidy(const char *s, size_t n, size_t *out_len)
{
    return tidy_loop(s, n, out_len, NULL);
}

char *clean_tidy_facts(const char *s, size_t n, size_t *out_len,
                       size_t head_at, clean_facts *whole, clean_facts *head,
                       uint64_t *shape)
{
    clean_class_init();
    /* an invalid byte becomes 3 shape bytes: 3n bound the shape */
    char stack[512];
    char *sh = !shape ? NULL : 3 * n <= sizeof stack ? stack : kh_malloc(3 * n);
    tidy_feed f = {.st = {kh_malloc(n + 1), 0, 0, 0, 0, 0, 0, 0, sh, 0},
                   .head_at = head_at, .whole = whole != NULL};
    feed_check_head(&f); /* head_at 0: the empty head, before any character */
    size_t len;
    char *text = tidy_loop(s, n, &len, &f);
    assert(f.out == len && f.st.len <= n);
    if (!f.have_head) { /* shorter than head_at: the head is the whole */
        f.at_head = f.st;
        f.head_len = len;
    }
    head_facts(head, &f.at_head, text, f.head_len);
    if (whole)
        facts_of_state(whole, &f.st, text, len);
    else
        free(f.st.key);
    if (shape)
        *shape = kh_chrome_shape_hash(sh, f.st.shape_len);
    if (sh != stack)
        free(sh);
    if (out_len)
        *out_len = len;
    return text;
}

void clean_facts_free(clean_facts *f)
{
    free(f->key);
    memset(f, 0, sizeof *f);
}

/* Does key have the phrase at position `at`, ending on a word boundary? */
static int phrase_at(const char *key, size_t key_len, size_t at,
                     const char *ph, size_t ph_len)
{
    if (at + ph_len > key_len || memcmp(key + at, ph, ph_len) != 0)
        return 0;
    return (at == 0 || key[at - 1] == ' ') &&
           (at + ph_len == key_len || key[at + ph_len] == ' ');
}

int clean_key_is(const char *key, const char *const *phrases)
{
    for (; *phrases; phrases++)
        if (strcmp(key, *phrases) == 0)
            return 1;
    return 0;
}

size_t clean_key_starts(const char *key, const char *const *phrases)
{
    size_t key_len = strlen(key);
    for (; *phrases; phrases++) {
        size_t n = strlen(*phrases);
        if (phrase_at(key, key_len, 0, *phrases, n))
            return n;
    }
    return 0;
}

int clean_key_has(const char *key, const char *const *phrases)
{
    size_t key_len = strlen(key);
    for (; *phrases; phrases++) {
        size_t n = strlen(*phrases);
        for (const char *hit = strstr(key, *phrases); hit;
             hit = strstr(hit + 1, *phrases))
            if (phrase_at(key, key_len, (size_t)(hit - key), *phrases, n))
                return 1;
    }
    return 0;
}

size_t clean_key_first_word(const char *key)
{
    const char *sp = strchr(key, ' ');
    return sp ? (size_t)(sp - key) : strlen(key);
}

/* Take the article and the common one-letter proclitics off a folded word
 * so that "والحرب", "الحرب" and "بالحرب" meet; keep at least 3 letters. */
static void strip_proclitics(const char **w, size_t *n)
{
    static const char *const prefixes[] = {
        "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", NULL};
    for (int pass = 0; pass < 2; pass++) {
        for (const char *const *p = prefixes; *p; p++) {
            size_t pl = strlen(*p);
            /* 3 letters of 2 bytes each must remain */
            if (*n >= pl + 6 && memcmp(*w, *p, pl) == 0) {
                *w += pl;
                *n -= pl;
                break;
            }
        }
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

size_t clean_content_words(const char *key, uint64_t *out, size_t max)
{
    size_t n = 0;
    const char *p = key;
    while (*p && n < max) {
        size_t len = clean_key_first_word(p);
        const char *w = p;
        size_t wl = len;
        strip_proclitics(&w, &wl);
        if (wl >= 6 || (wl >= 3 && (unsigned char)w[0] < 0x80))
            out[n++] = kh_hash64(w, wl, 0x636c65616e);
        p += len;
        while (*p == ' ')
            p++;
    }
    qsort(out, n, sizeof *out, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || out[u - 1] != out[i])
            out[u++] = out[i];
    return u;
}

double clean_containment(const uint64_t *a, size_t na, const uint64_t *b,
                         size_t nb)
{
    if (na == 0)
        return 0.0;
    size_t i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            common++;
            i++;
            j++;
        } else if (a[i] < b[j]) {
            i++;
        } else {
            j++;
        }
    }
    return (double)common / (double)na;
}
