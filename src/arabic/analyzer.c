/*
 * analyzer.c - kh_analyze: one pass over UTF-8 text that finds words,
 * normalises them and hands each, stemmed, to a callback.
 *
 * Workload: every article is analysed at least twice (content hash, index)
 * and queries go through the same code, so this loop is the hottest in
 * khabar.  It decodes UTF-8 by hand, looks 1-2 byte characters up in the
 * analyser's copy of the ar_chars table, appends their folded bytes to one
 * reusable word buffer, and only calls utf8proc for the rare 3-4 byte
 * characters.  Nothing is allocated per token.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libstemmer.h>
#include <utf8proc.h>

#include "khabar.h"
#include "arabic/ar_chars.h"
#include "arabic/ar_stem.h"
#include "common/alloc.h"
#include "common/buf.h"
#include "common/utf8.h"

/* Words longer than this (bytes) are indexed as they are: no stopword test,
 * no stemming.  No real word comes close; it keeps a 10 MB "word" linear. */
#define AR_MAX_STEM_BYTES 256

enum word_kind { WORD_NONE = 0, WORD_ARABIC, WORD_ALNUM };

/*
 * The stem memo.  News text repeats its words (a few thousand make up most
 * of an article), and each Arabic word's stem costs several word-set
 * lookups (stopword, clitic exceptions, suffix lexicons).  The verdict
 * depends only on the normalised word, its letter count and the options,
 * so each analyser keeps the last verdict per slot of a direct-mapped
 * table: a hit costs one hash and one compare.  A verdict is where the
 * stem lies in the word, its length and the ة flag; Snowball's stems live
 * in its own buffer and are not memoised.
 */
#define STEM_MEMO_SLOTS 16384u /* a power of two: 512 KB */
#define STEM_MEMO_KEY 26      /* longer words are stemmed every time */

typedef struct stem_memo {
    uint8_t len;      /* bytes of the word; 0: an empty slot          */
    uint8_t nletters;
    uint8_t stop;     /* a stopword: the stem is the word             */
    uint8_t add_ta;
    uint8_t off;      /* the stem is word[off, off + stem_len) (+ ة)  */
    uint8_t stem_len;
    char word[STEM_MEMO_KEY];
} stem_memo;

struct kh_analyzer {
    kh_analyzer_opts opts;
    ar_unit table[AR_TABLE_SIZE]; /* ar_base_table() + this one's folding */
    struct sb_stemmer *snowball;  /* NULL unless opts.stemmer is SNOWBALL */
    const ar_wordset *stopwords;  /* shared, read-only                    */
    const ar_wordset *clitic_lex; /* the lexicons, shared, read-only      */
    ar_suffix_lexicons suffix_lex;
    char *word;                   /* the normalised word being built      */
    size_t word_cap;
    char stem[AR_MAX_STEM_BYTES + 8]; /* a stem not found in `word`:
                                     two letters + ة (ar_word.add_ta)  */
    stem_memo *memo;              /* STEM_MEMO_SLOTS, made on first use  */
};

/* The state of the word being scanned. */
typedef struct scan {
    enum word_kind kind;
    size_t start, end;   /* surface bytes in the input                  */
    size_t len;          /* bytes in an->word                           */
    size_t nletters;     /* code points appended                        */
    int has_letter;      /* an ALNUM word with a letter (not a number)  */
    int last_digit;      /* the last unit appended was a digit          */
    int needs_nfc;       /* a combining mark was appended               */
    int pending_sep;     /* a . or , after a digit, kept if a digit follows */
    char sep_byte;
    size_t position;
    int norm_only;       /* kh_normalize_text: no stop/stem work        */
    kh_token_fn fn;
    void *ctx;
    const char *text;
} scan;

void kh_analyzer_opts_init(kh_analyzer_opts *o)
{
    memset(o, 0, sizeof *o);
    o->stemmer = KH_STEM_LIGHT;
    o->fold_ta_marbuta = 1;
    o->fold_alef_maqsura = 1;
    o->fold_hamza = 1;
    o->strip_clitics = 1;
    o->tokenize_only = 0;
}

kh_analyzer *kh_analyzer_create(const kh_analyzer_opts *opts)
{
    kh_analyzer *an = kh_calloc(1, sizeof *an);
    if (opts)
        an->opts = *opts;
    else
        kh_analyzer_opts_init(&an->opts);
    memcpy(an->table, ar_base_table(), sizeof an->table);
    if (an->opts.fold_ta_marbuta) /* ة -> ه */
        memcpy(an->table[0x0629].out, "\xD9\x87", 2);
    if (an->opts.fold_alef_maqsura) /* ى -> ي */
        memcpy(an->table[0x0649].out, "\xD9\x8A", 2);
    if (an->opts.fold_hamza) { /* ؤ ئ -> ء */
        memcpy(an->table[0x0624].out, "\xD8\xA1", 2);
        memcpy(an->table[0x0626].out, "\xD8\xA1", 2);
    }
    if (an->opts.stemmer == KH_STEM_SNOWBALL) {
        an->snowball = sb_stemmer_new("arabic", "UTF_8");
        if (!an->snowball) {
            fprintf(stderr, "khabar: libstemmer has no Arabic stemmer\n");
            abort();
        }
    }
    /* built now, not mid-text, and asked for once, not per word */
    an->stopwords = ar_stopwords();
    an->clitic_lex = ar_clitic_exceptions();
    an->suffix_lex.endings = ar_ending_exceptions();
    an->suffix_lex.names = ar_nisba_exceptions();
    an->suffix_lex.stops = an->stopwords;
    an->word_cap = 256;
    an->word = kh_malloc(an->word_cap);
    return an;
}

void kh_analyzer_free(kh_analyzer *an)
{
    if (!an)
        return;
    if (an->snowball)
        sb_stemmer_delete(an->snowball);
    free(an->word);
    free(an->memo);
    free(an);
}

static void word_reserve(kh_analyzer *an, size_t need)
{
    if (need <= an->word_cap)
        return;
    while (an->word_cap < need)
        an->word_cap *= 2;
    an->word = kh_realloc(an->word, an->word_cap);
}

/* While a word is built the buffer keeps AR_WORD_SPARE bytes free past its
 * end, so unit_append() copies a constant size (one or two moves) and the
 * closing NUL always fits. */
#define AR_WORD_SPARE (sizeof ((ar_unit *)0)->out + 1)

static inline void word_append(kh_analyzer *an, scan *sc, const char *p,
                               size_t n)
{
    word_reserve(an, sc->len + n + AR_WORD_SPARE);
    memcpy(an->word + sc->len, p, n);
    sc->len += n;
}

static inline void unit_append(kh_analyzer *an, scan *sc, const ar_unit *u)
{
    assert(an->word_cap - sc->len >= AR_WORD_SPARE);
    memcpy(an->word + sc->len, u->out, sizeof u->out);
    sc->len += u->n;
    if (an->word_cap - sc->len < AR_WORD_SPARE)
        word_reserve(an, sc->len + AR_WORD_SPARE);
}

/* Re-compose a Latin word that carried combining marks (e + U+0301 = é),
 * so that it matches its precomposed spelling. */
static void compose_word(kh_analyzer *an, scan *sc)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)an->word,
                                      (utf8proc_ssize_t)sc->len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n >= 0) {
        word_reserve(an, (size_t)n + AR_WORD_SPARE);
        memcpy(an->word, out, (size_t)n);
        sc->len = (size_t)n;
    }
    free(out);
}

/* Does the word begin with a letter our clitic pass may strip (و ف ب ك ل)
 * or with ال?  After that pass, such a beginning belongs to the word. */
static int starts_with_clitic_letters(const ar_word *w)
{
    if (w->len < 4)
        return 0;
    const unsigned char *p = (const unsigned char *)w->s;
    unsigned c = (unsigned)p[0] << 8 | p[1];
    return c == 0xD988 || c == 0xD981 || c == 0xD8A8 || c == 0xD983 ||
           c == 0xD984 || (c == 0xD8A7 && p[2] == 0xD9 && p[3] == 0x84);
}

/*
 * Snowball's Arabic stemmer strips و ف ب ك ل ال by length alone, so it
 * turns وزير into زير and فلسطين into لسط.  When our clitic pass ran, it
 * has already decided what is a clitic; if Snowball then removes letters
 * that pass kept, we put them back and keep only Snowball's suffix work.
 * Its stem is a substring of its input for normalised input, which is what
 * lets us find what it removed; when it is not, its stem is used as is.
 */
static void snowball_stem(kh_analyzer *an, ar_word *w)
{
    const sb_symbol *s = sb_stemmer_stem(an->snowball,
                                         (const sb_symbol *)w->s, (int)w->len);
    if (!s)
        return;
    size_t n = (size_t)sb_stemmer_length(an->snowball);
    if (an->opts.strip_clitics && n && n < w->len &&
        starts_with_clitic_letters(w)) {
        for (size_t at = 1; at + n <= w->len; at++) {
            if (memcmp(w->s + at, s, n) == 0) {
                w->len = at + n;
                return;
            }
        }
    }
    w->s = (const char *)s;
    w->len = n;
}

/* The memo slot of the word s[0, len) (at most STEM_MEMO_KEY bytes). */
static stem_memo *memo_slot(kh_analyzer *an, const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    }
    uint64_t tail = 0;
    memcpy(&tail, s + i, len - i);
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
    if (!an->memo)
        an->memo = kh_calloc(STEM_MEMO_SLOTS, sizeof *an->memo);
    return &an->memo[h & (STEM_MEMO_SLOTS - 1)];
}

/* The token's stem from its word and a verdict (stem_arabic's result). */
static void stem_from_memo(kh_analyzer *an, kh_token *tok, const stem_memo *m)
{
    tok->stop = m->stop;
    if (m->stop)
        return;
    const char *s = tok->norm + m->off;
    size_t len = m->stem_len;
    if (m->add_ta) {
        memcpy(an->stem, s, len);
        memcpy(an->stem + len,
               an->opts.fold_ta_marbuta ? "\xD9\x87" : "\xD8\xA9", 2);
        s = an->stem;
        len += 2;
    }
    tok->stem = s;
    tok->stem_len = len;
}

static void stem_arabic_now(kh_analyzer *an, kh_token *tok, size_t nletters,
                            stem_memo *m);

/* The index term of an Arabic word, from the memo when it has the word. */
static void stem_arabic(kh_analyzer *an, kh_token *tok, size_t nletters)
{
    if (tok->norm_len == 0 || tok->norm_len > STEM_MEMO_KEY ||
        nletters > UINT8_MAX || an->opts.stemmer == KH_STEM_SNOWBALL) {
        stem_arabic_now(an, tok, nletters, NULL);
        return;
    }
    stem_memo *m = memo_slot(an, tok->norm, tok->norm_len);
    if (m->len == tok->norm_len && m->nletters == nletters &&
        memcmp(m->word, tok->norm, tok->norm_len) == 0) {
        stem_from_memo(an, tok, m);
        return;
    }
    stem_arabic_now(an, tok, nletters, m);
}

/* The index term of an Arabic word: clitics, then the chosen stemmer;
 * with m, its verdict is kept there. */
static void stem_arabic_now(kh_analyzer *an, kh_token *tok, size_t nletters,
                            stem_memo *m)
{
    ar_word w = {tok->norm, tok->norm_len, nletters, 0};
    /* the word lists are spelt with every default fold applied */
    int fold = !(an->opts.fold_ta_marbuta && an->opts.fold_alef_maqsura &&
                 an->opts.fold_hamza);
    tok->stop = ar_wordset_has(an->stopwords, w.s, w.len, fold);
    if (m) {
        memset(m, 0, sizeof *m);
        m->len = (uint8_t)tok->norm_len;
        m->nletters = (uint8_t)nletters;
        memcpy(m->word, tok->norm, tok->norm_len);
        m->stop = (uint8_t)tok->stop;
    }
    if (tok->stop)
        return; /* function words are kept whole: stem == norm */
    if (an->opts.strip_clitics)
        ar_strip_clitics_with(&w, an->clitic_lex, fold);
    if (an->opts.stemmer == KH_STEM_LIGHT) {
        ar_light_suffixes_with(&w, &an->suffix_lex, fold);
    } else if (an->opts.stemmer == KH_STEM_SNOWBALL) {
        snowball_stem(an, &w);
    }
    if (m) { /* clitics and suffixes only ever shorten the word */
        assert(w.s >= tok->norm && w.s + w.len <= tok->norm + tok->norm_len);
        m->off = (uint8_t)(w.s - tok->norm);
        m->stem_len = (uint8_t)w.len;
        m->add_ta = (uint8_t)w.add_ta;
    }
    if (w.add_ta) {
        assert(w.len + 2 <= sizeof an->stem);
        memcpy(an->stem, w.s, w.len);
        memcpy(an->stem + w.len,
               an->opts.fold_ta_marbuta ? "\xD9\x87" : "\xD8\xA9", 2);
        w.s = an->stem;
        w.len += 2;
    }
    tok->stem = w.s;
    tok->stem_len = w.len;
}

/* Hand the finished word to the callback; returns its verdict. */
static int emit_word(kh_analyzer *an, scan *sc)
{
    assert(sc->kind != WORD_NONE);
    if (sc->needs_nfc)
        compose_word(an, sc);
    an->word[sc->len] = '\0';
    kh_token tok;
    tok.start = sc->start;
    tok.end = sc->end;
    tok.kind = sc->kind == WORD_ARABIC ? KH_TOKEN_ARABIC
               : sc->has_letter        ? KH_TOKEN_LATIN
                                       : KH_TOKEN_NUMBER;
    tok.stop = 0;
    tok.position = sc->position++;
    if (an->opts.tokenize_only) {
        tok.norm = sc->text + sc->start;
        tok.norm_len = sc->end - sc->start;
    } else {
        tok.norm = an->word;
        tok.norm_len = sc->len;
    }
    tok.stem = tok.norm;
    tok.stem_len = tok.norm_len;
    if (tok.kind == KH_TOKEN_ARABIC && !sc->norm_only &&
        !an->opts.tokenize_only && sc->len <= AR_MAX_STEM_BYTES)
        stem_arabic(an, &tok, sc->nletters);
    sc->kind = WORD_NONE;
    return sc->fn(sc->ctx, &tok);
}

static void start_word(scan *sc, enum word_kind kind, size_t at)
{
    sc->kind = kind;
    sc->start = at;
    sc->len = 0;
    sc->nletters = 0;
    sc->has_letter = 0;
    sc->last_digit = 0;
    sc->needs_nfc = 0;
    sc->pending_sep = 0;
}

/* ؤ and ئ written decomposed (و/ي + U+0654): compose them as NFC would,
 * then fold them as the precomposed letters are (ء with fold_hamza). */
static void compose_hamza(kh_analyzer *an, scan *sc)
{
    if (sc->len < 2)
        return;
    unsigned char *p = (unsigned char *)an->word + sc->len - 2;
    if (p[0] == 0xD9 && p[1] == 0x88) /* و -> ؤ */
        memcpy(p, an->table[0x0624].out, 2);
    else if (p[0] == 0xD9 && (p[1] == 0x8A || p[1] == 0x89)) /* ي ى -> ئ */
        memcpy(p, an->table[0x0626].out, 2);
}

/*
 * feed: one unit (one character, or one code point of a decomposed one)
 * spanning input bytes [at, next).  Words are runs of Arabic letters, or of
 * other letters and digits; a script change ends a word.  Ignorable
 * characters extend a word without adding to it.  Returns the callback's
 * verdict when a word was emitted, else 0.
 */
static int feed(kh_analyzer *an, scan *sc, const ar_unit *u, size_t at,
                size_t next)
{
    int rc = 0;
    switch (u->cls) {
    case AR_LETTER:
        if (sc->kind != WORD_ARABIC) {
            if (sc->kind != WORD_NONE && (rc = emit_word(an, sc)) != 0)
                return rc;
            start_word(sc, WORD_ARABIC, at);
        }
        unit_append(an, sc, u);
        sc->nletters++;
        sc->end = next;
        return 0;
    case AR_ALNUM:
    case AR_DIGIT:
        if (sc->kind != WORD_ALNUM) {
            if (sc->kind != WORD_NONE && (rc = emit_word(an, sc)) != 0)
                return rc;
            start_word(sc, WORD_ALNUM, at);
        }
        if (sc->pending_sep) {
            if (u->cls != AR_DIGIT) {
                /* "3.x": the separator was punctuation after all */
                if ((rc = emit_word(an, sc)) != 0)
                    return rc;
                start_word(sc, WORD_ALNUM, at);
            } else {
                word_append(an, sc, &sc->sep_byte, 1);
                sc->nletters++;
            }
            sc->pending_sep = 0;
        }
        unit_append(an, sc, u);
        sc->nletters++;
        sc->has_letter |= u->cls == AR_ALNUM;
        sc->last_digit = u->cls == AR_DIGIT;
        sc->end = next;
        return 0;
    case AR_NUMSEP:
        if (sc->kind == WORD_ALNUM && sc->last_digit && !sc->pending_sep) {
            sc->pending_sep = 1;
            sc->sep_byte = u->out[0];
            return 0;
        }
        break; /* punctuation */
    case AR_DROP:
    case AR_HAMZA:
    case AR_MARK:
        if (sc->kind == WORD_NONE)
            return 0; /* a stray mark between words */
        if (sc->pending_sep)
            break;
        if (u->cls == AR_HAMZA && sc->kind == WORD_ARABIC)
            compose_hamza(an, sc);
        else if (u->cls != AR_DROP && sc->kind == WORD_ALNUM) {
            unit_append(an, sc, u);
            sc->needs_nfc = 1;
        }
        sc->end = next;
        return 0;
    default:
        break;
    }
    /* a separator ends the word */
    if (sc->kind != WORD_NONE)
        return emit_word(an, sc);
    return 0;
}

/* A 3-4 byte character (or a rare 2-byte one): decode it and feed the
 * units of its decomposition.  Invalid UTF-8 separates words and is
 * otherwise skipped, one byte at a time.  Returns the bytes consumed in
 * *used and the callback's verdict. */
static int feed_slow(kh_analyzer *an, scan *sc, const unsigned char *s,
                     size_t i, size_t len, size_t *used)
{
    uint32_t cp;
    int bad = 0;
    size_t n = kh_utf8_decode(s + i, len - i, &cp, &bad);
    *used = n;
    if (bad)
        return feed(an, sc, &an->table[' '], i, i + 1);
    ar_unit units[AR_SLOW_MAX];
    size_t k = ar_slow_units(cp, an->table, units);
    for (size_t j = 0; j < k; j++) {
        int rc = feed(an, sc, &units[j], i, i + n);
        if (rc)
            return rc;
    }
    return 0;
}

/*
 * The main loop.  Two cases cover nearly every character of Arabic news
 * and are handled here without calling feed(): a letter inside an Arabic
 * word, and a separator between words.  Everything else goes to feed().
 */
static int analyze_run(kh_analyzer *an, const char *text, size_t len,
                       scan *sc)
{
    const unsigned char *s = (const unsigned char *)text;
    const ar_unit *table = an->table;
    size_t i = 0;
    int rc;
    while (i < len) {
        unsigned c = s[i];
        const ar_unit *u;
        size_t n;
        if (c < 0x80) {
            u = &table[c];
            n = 1;
        } else if (c >= 0xC2 && c <= 0xDF && i + 1 < len &&
                   (s[i + 1] & 0xC0) == 0x80 &&
                   table[(c & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu)].cls !=
                       AR_SLOW) {
            u = &table[(c & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu)];
            n = 2;
        } else {
            if ((rc = feed_slow(an, sc, s, i, len, &n)) != 0)
                return rc;
            i += n;
            continue;
        }
        if (u->cls == AR_LETTER && sc->kind == WORD_ARABIC) {
            unit_append(an, sc, u);
            sc->nletters++;
            sc->end = i + n;
        } else if (u->cls == AR_SEP && sc->kind == WORD_NONE) {
            /* between words */
        } else if ((rc = feed(an, sc, u, i, i + n)) != 0) {
            return rc;
        }
        i += n;
    }
    if (sc->kind != WORD_NONE)
        return emit_word(an, sc);
    return 0;
}

static void scan_init(scan *sc, const char *text, kh_token_fn fn, void *ctx)
{
    memset(sc, 0, sizeof *sc);
    sc->text = text;
    sc->fn = fn;
    sc->ctx = ctx;
}

int kh_analyze(kh_analyzer *an, const char *text, size_t len, kh_token_fn fn,
               void *ctx)
{
    assert(an && fn);
    if (!text)
        return KH_OK;
    scan sc;
    scan_init(&sc, text, fn, ctx);
    return analyze_run(an, text, len, &sc);
}

static int append_norm(void *ctx, const kh_token *tok)
{
    kh_buf *b = ctx;
    if (b->len)
        kh_buf_putc(b, ' ');
    kh_buf_append(b, tok->norm, tok->norm_len);
    return 0;
}

char *kh_normalize_text(kh_analyzer *an, const char *text, size_t len,
                        size_t *out_len)
{
    assert(an);
    kh_buf b = KH_BUF_INIT;
    kh_buf_reserve(&b, len / 2 + 16);
    kh_buf_reset(&b); /* NUL-terminated even when no word is found */
    if (text) {
        scan sc;
        scan_init(&sc, text, append_norm, &b);
        sc.norm_only = 1;
        /* tokenize_only would hand out surface forms: not what hashes want */
        int tok_only = an->opts.tokenize_only;
        an->opts.tokenize_only = 0;
        analyze_run(an, text, len, &sc);
        an->opts.tokenize_only = tok_only;
    }
    if (out_len)
        *out_len = b.len;
    return kh_buf_detach(&b);
}
