/*
 * clean_text.c - tidying paragraphs and computing the facts the cleaning
 * rules test (clean_text.h): matching keys, word counts, endings, phrases,
 * and the content-word sets behind lexical distance.
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/buf.h"
#include "common/utf8.h"
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

static void build_class_table(void)
{
    for (uint32_t cp = 0; cp < CLEAN_CLASS_LIMIT; cp++) {
        clean_class_table[cp] = (unsigned char)clean_class_slow(cp);
        uint32_t f = clean_fold(cp);
        assert(f < 0x10000);
        clean_fold_table[cp] = (uint16_t)f;
    }
}

void clean_class_init(void)
{
    pthread_once(&class_once, build_class_table);
}

char *clean_tidy(const char *s, size_t n, size_t *out_len)
{
    clean_class_init();
    kh_buf b = KH_BUF_INIT;
    kh_buf_reserve(&b, n);
    kh_buf_reset(&b); /* NUL-terminated even when nothing is appended */
    const unsigned char *p = (const unsigned char *)s;
    int pending_space = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = kh_utf8_decode(p + i, n - i, &cp, NULL);
        unsigned c = clean_class(cp);
        if (c & CLEAN_SPACE) {
            pending_space = b.len > 0;
        } else if (!(c & CLEAN_INVISIBLE)) {
            if (pending_space)
                kh_buf_putc(&b, ' ');
            pending_space = 0;
            if (cp == KH_UTF8_REPLACEMENT && k == 1) {
                kh_buf_append(&b, "\xEF\xBF\xBD", 3);
            } else {
                kh_buf_append(&b, p + i, k);
            }
        }
        i += k;
    }
    if (out_len)
        *out_len = b.len;
    return kh_buf_detach(&b);
}

/* Counts made on the way by build_key, for clean_facts. */
typedef struct key_counts {
    unsigned words, letters, arabic; /* of the key                      */
    unsigned digit_run;              /* of the text                     */
} key_counts;

/*
 * The key of p[0, n) into out, which has room for n + 1 bytes: a key is
 * never longer than its text (a folded letter takes no more bytes than the
 * letter, and each space stands for at least one character dropped), and
 * with counts (kc not NULL) the facts that otherwise took two more passes.
 */
static size_t build_key(const unsigned char *p, size_t n, char *out,
                        key_counts *kc)
{
    size_t len = 0;
    unsigned run = 0;
    int in_word = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = kh_utf8_decode(p + i, n - i, &cp, NULL);
        const unsigned char *at = p + i;
        i += k;
        unsigned c = clean_class(cp);
        if (kc) {
            run = c & CLEAN_DIGIT ? run + 1 : 0;
            if (run > kc->digit_run)
                kc->digit_run = run;
        }
        if (c & CLEAN_IGNORABLE)
            continue; /* inside a word: do not split it */
        if (!(c & CLEAN_WORD)) {
            in_word = 0;
            continue;
        }
        if (!in_word) {
            if (len > 0)
                out[len++] = ' ';
            if (kc)
                kc->words++;
        }
        in_word = 1;
        uint32_t folded = clean_fold_fast(cp);
        if (folded == cp) { /* a word character decoded cleanly: its bytes */
            memcpy(out + len, at, k);
            len += k;
        } else {
            len += kh_utf8_encode(folded, out + len);
        }
        assert(len <= i);
        if (kc && !(clean_class(folded) & CLEAN_DIGIT)) {
            kc->letters++;
            kc->arabic += (clean_class(folded) & CLEAN_ARABIC) != 0;
        }
    }
    out[len] = '\0';
    return len;
}

char *clean_key(const char *s, size_t n, size_t *out_len)
{
    clean_class_init();
    char *key = kh_malloc(n + 1);
    size_t len = build_key((const unsigned char *)s, n, key, NULL);
    if (out_len)
        *out_len = len;
    return key;
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

void clean_facts_compute(clean_facts *f, const char *text, size_t len)
{
    memset(f, 0, sizeof *f);
    clean_class_init();
    key_counts kc = {0, 0, 0, 0};
    f->key = kh_malloc(len + 1);
    f->key_len = build_key((const unsigned char *)text, len, f->key, &kc);
    f->words = kc.words;
    f->letters = kc.letters;
    f->arabic = kc.arabic;
    f->digit_run = kc.digit_run;
    compute_ending(f, text, len);
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
