/*
 * fts_tokenizer.c - index terms: what the Arabic analyser (kh_analyze)
 * makes of a text for the search index, and the "khabar" FTS5 tokenizer
 * that hands them to SQLite.  Documents and queries go through the same
 * analysis, so spelling variants (hamza, ta marbuta, diacritics, tatweel,
 * attached clitics) meet in one index term; search's snippets use the same
 * terms to find the words to mark.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "arabic/ar_tokens.h"
#include "common/buf.h"
#include "store/db.h"

struct kh_terms {
    kh_analyzer *words;    /* full analysis: the stem is the index term    */
    kh_analyzer *prefixes; /* for the word before a '*': clitics stripped,
                              no stemming, since a truncated word has no
                              suffix to remove                             */
};

kh_terms *kh_terms_create(void)
{
    kh_terms *t = kh_calloc(1, sizeof *t);
    t->words = kh_analyzer_create(NULL);
    kh_analyzer_opts o;
    kh_analyzer_opts_init(&o);
    o.stemmer = KH_STEM_NONE;
    o.strip_clitics = 1;
    t->prefixes = kh_analyzer_create(&o);
    return t;
}

void kh_terms_free(kh_terms *t)
{
    if (!t)
        return;
    kh_analyzer_free(t->words);
    kh_analyzer_free(t->prefixes);
    free(t);
}

/* The walk's state.  For a prefix the last token must be analysed
 * differently, and only the end of the walk tells which one is last, so
 * each token waits in `held` until the next one arrives. */
typedef struct walk {
    kh_term_fn fn;
    void *ctx;
    int hold_last;
    int holding;
    kh_buf held;
    size_t held_start, held_end;
} walk;

/* The index term of a token: its stem, or its normalised form when the
 * stemmer left nothing. */
static void term_of(const kh_token *tok, const char **s, size_t *n)
{
    *s = tok->stem;
    *n = tok->stem_len;
    if (*n == 0) {
        *s = tok->norm;
        *n = tok->norm_len;
    }
}

static int on_token(void *ctx, const kh_token *tok)
{
    walk *w = ctx;
    const char *s;
    size_t n;
    term_of(tok, &s, &n);
    if (!w->hold_last)
        return n ? w->fn(w->ctx, s, n, tok->start, tok->end, 0) : 0;
    int rc = 0;
    if (w->holding && w->held.len)
        rc = w->fn(w->ctx, w->held.data, w->held.len, w->held_start,
                   w->held_end, 0);
    kh_buf_reset(&w->held);
    kh_buf_append(&w->held, s, n);
    w->held_start = tok->start;
    w->held_end = tok->end;
    w->holding = 1;
    return rc;
}

/* The prefix form of the last word: the first token the prefix analyser
 * finds in its surface (normalised, clitics stripped, not stemmed). */
static int on_prefix_token(void *ctx, const kh_token *tok)
{
    walk *w = ctx;
    const char *s;
    size_t n;
    term_of(tok, &s, &n);
    kh_buf_reset(&w->held);
    kh_buf_append(&w->held, s, n);
    return 1; /* one is enough */
}

int kh_terms_each(kh_terms *t, const char *text, size_t len, int prefix,
                  kh_term_fn fn, void *ctx)
{
    walk w = {fn, ctx, prefix, 0, KH_BUF_INIT, 0, 0};
    int rc = kh_analyze(t->words, text, len, on_token, &w);
    if (rc == 0 && w.holding) {
        size_t start = w.held_start, end = w.held_end;
        assert(end <= len);
        kh_analyze(t->prefixes, text + start, end - start, on_prefix_token,
                   &w);
        if (w.held.len)
            rc = fn(ctx, w.held.data, w.held.len, start, end, 1);
    }
    kh_buf_free(&w.held);
    return rc;
}

/* --- terms computed ahead, replayed at the insert ------------------------ */

/* One term as serialized: start, end, length (native u32 each), bytes. */
static int put_term(void *ctx, const char *term, size_t len, size_t start,
                    size_t end, int prefix)
{
    (void)prefix;
    kh_buf *out = ctx;
    uint32_t head[3] = {(uint32_t)start, (uint32_t)end, (uint32_t)len};
    kh_buf_append(out, head, sizeof head);
    kh_buf_append(out, term, len);
    return 0;
}

void kh_fts_terms_build(const char *text, size_t len, const kh_tokens *toks,
                        kh_buf *out)
{
    kh_buf_reset(out);
    if (!text || len == 0 || len >= INT32_MAX)
        return;
    if (toks) {
        /* the tokens of the full analysis are the words of kh_terms_each
         * (no prefix): the same walk, replayed */
        walk w = {put_term, out, 0, 0, KH_BUF_INIT, 0, 0};
        /* room for every term at once: a term is at most its token's
         * norm or stem, each behind a 12-byte head */
        kh_buf_reserve(out, toks->n * 3 * sizeof(uint32_t) + toks->bytes.len);
        kh_tokens_each(toks, on_token, &w);
        return;
    }
    /* one per thread, kept for its life: it holds no per-text state */
    static _Thread_local kh_terms *terms;
    if (!terms)
        terms = kh_terms_create();
    kh_terms_each(terms, text, len, 0, put_term, out);
}

typedef int (*xtoken_fn)(void *, int, const char *, int, int, int);

static int replay_terms(const kh_buf *terms, void *fts_ctx, xtoken_fn emit)
{
    const char *p = terms->data, *end = terms->data + terms->len;
    while (p < end) {
        uint32_t head[3];
        memcpy(head, p, sizeof head);
        p += sizeof head;
        assert(p + head[2] <= end);
        int rc = emit(fts_ctx, 0, p, (int)head[2], (int)head[0], (int)head[1]);
        if (rc != SQLITE_OK)
            return rc;
        p += head[2];
    }
    return SQLITE_OK;
}

/* The terms listed for a document text equal to text[0, len), or NULL. */
static const kh_buf *replay_find(const kh_fts_replay *r, const char *text,
                                 int len)
{
    for (int k = 0; r && k < r->n; k++) {
        if (r->len[k] != (size_t)len)
            continue;
        if (r->text[k] == text || memcmp(r->text[k], text, (size_t)len) == 0)
            return r->terms[k];
    }
    return NULL;
}

/* --- the FTS5 tokenizer -------------------------------------------------- */

typedef struct fts_tok {
    kh_terms *terms;
    kh_fts_replay *replay; /* the connection's, or NULL */
} fts_tok;

typedef struct emit_ctx {
    void *fts_ctx;
    xtoken_fn emit;
} emit_ctx;

static int emit_term(void *ctx, const char *term, size_t len, size_t start,
                     size_t end, int prefix)
{
    (void)prefix; /* FTS5 knows: it asked with FTS5_TOKENIZE_PREFIX */
    emit_ctx *e = ctx;
    return e->emit(e->fts_ctx, 0, term, (int)len, (int)start, (int)end);
}

static int tok_create(void *replay, const char **argv, int argc,
                      Fts5Tokenizer **out)
{
    (void)argv;
    (void)argc;
    fts_tok *t = kh_calloc(1, sizeof *t);
    t->terms = kh_terms_create();
    t->replay = replay;
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
    fts_tok *t = (fts_tok *)p;
    if (!t)
        return;
    kh_terms_free(t->terms);
    free(t);
}

/* A non-zero value from xToken (SQLITE_DONE when a snippet has enough)
 * stops the walk and is returned, as FTS5 asks. */
static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
                        const char *text, int len, xtoken_fn emit)
{
    if (len <= 0)
        return SQLITE_OK;
    fts_tok *t = (fts_tok *)p;
    if (flags & FTS5_TOKENIZE_DOCUMENT) {
        const kh_buf *terms = replay_find(t->replay, text, len);
        if (terms)
            return replay_terms(terms, ctx, emit);
    }
    emit_ctx e = {ctx, emit};
    return kh_terms_each(t->terms, text, (size_t)len,
                         (flags & FTS5_TOKENIZE_PREFIX) != 0, emit_term, &e);
}

int kh_fts_register(sqlite3 *sql, kh_fts_replay *replay)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(sql, "SELECT fts5(?1)", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    rc = sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return rc;
    if (!api || api->iVersion < 2)
        return SQLITE_ERROR;
    static fts5_tokenizer methods = {tok_create, tok_delete, tok_tokenize};
    return api->xCreateTokenizer(api, "khabar", replay, &methods, NULL);
}
