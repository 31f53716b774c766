/*
 * query.c - the query language of `khabar search`: a forgiving parser that
 * turns user input into an FTS5 expression no user character can break.
 *
 * The grammar, loosest binding first (as in FTS5):
 *     query := or ;  or := and (OR and)* ;  and := not ([AND] not)* ;
 *     not := unary (NOT unary)* ;  unary := '(' or ')' | "phrase"[*] | word[*]
 * Operators are the uppercase words AND, OR, NOT; lowercase ones are words.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "search/query.h"

typedef enum lex_kind { LEX_END, LEX_TERM, LEX_AND, LEX_OR, LEX_NOT,
                        LEX_OPEN, LEX_CLOSE } lex_kind;

typedef struct lexeme {
    lex_kind kind;
    const char *text; /* LEX_TERM: the surface text (not NUL-terminated) */
    size_t len;
    int prefix;       /* LEX_TERM followed by '*'                         */
} lexeme;

typedef enum node_kind { NODE_TERM, NODE_AND, NODE_OR, NODE_NOT } node_kind;

/* Nodes live in one array and refer to each other by index; -1 is "no
 * node" (a part of the query that held nothing searchable). */
typedef struct node {
    node_kind kind;
    int left, right;
    const lexeme *term;
} node;

typedef struct parser {
    kh_analyzer *an;
    lexeme *lex;
    size_t n_lex, pos;
    node *nodes;
    size_t n_nodes;
    int depth;
    size_t terms;
    kh_buf *err;
    int failed;
} parser;

static int is_space(const char *s, size_t n, size_t *width)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
        c == '\v') {
        *width = 1;
        return 1;
    }
    if (n >= 2 && c == 0xC2 && (unsigned char)s[1] == 0xA0) { /* NBSP */
        *width = 2;
        return 1;
    }
    return 0;
}

static int ends_word(const char *s, size_t n)
{
    size_t w;
    return *s == '"' || *s == '(' || *s == ')' || is_space(s, n, &w);
}

static lex_kind operator_kind(const char *s, size_t n)
{
    if (n == 3 && memcmp(s, "AND", 3) == 0)
        return LEX_AND;
    if (n == 2 && memcmp(s, "OR", 2) == 0)
        return LEX_OR;
    if (n == 3 && memcmp(s, "NOT", 3) == 0)
        return LEX_NOT;
    return LEX_TERM;
}

static void push(parser *p, lexeme l)
{
    p->lex = kh_realloc(p->lex, (p->n_lex + 1) * sizeof *p->lex);
    p->lex[p->n_lex++] = l;
}

/* Split the query into operators, parentheses and terms.  A '"' opens a
 * phrase that runs to the next '"' (or the end: an unclosed quote is
 * forgiven); a '*' right after a word or a closing quote makes a prefix. */
static void lex(parser *p, const char *q)
{
    size_t n = strlen(q), i = 0, w;
    while (i < n) {
        if (is_space(q + i, n - i, &w)) {
            i += w;
        } else if (q[i] == '(' || q[i] == ')') {
            push(p, (lexeme){q[i] == '(' ? LEX_OPEN : LEX_CLOSE, q + i, 1, 0});
            i++;
        } else if (q[i] == '"') {
            const char *close = strchr(q + i + 1, '"');
            size_t end = close ? (size_t)(close - q) : n;
            lexeme l = {LEX_TERM, q + i + 1, end - i - 1, 0};
            i = close ? end + 1 : n;
            while (i < n && q[i] == '*') {
                l.prefix = 1;
                i++;
            }
            push(p, l);
        } else {
            size_t start = i;
            while (i < n && !ends_word(q + i, n - i))
                i++;
            lexeme l = {LEX_TERM, q + start, i - start, 0};
            while (l.len > 0 && l.text[l.len - 1] == '*') {
                l.prefix = 1;
                l.len--;
            }
            l.kind = l.prefix ? LEX_TERM : operator_kind(l.text, l.len);
            push(p, l);
        }
    }
    push(p, (lexeme){LEX_END, q + n, 0, 0});
}

static lex_kind peek(const parser *p)
{
    return p->lex[p->pos].kind;
}

static int fail(parser *p, const char *msg)
{
    if (!p->failed) {
        kh_buf_reset(p->err);
        kh_buf_puts(p->err, msg);
    }
    p->failed = 1;
    return -1;
}

static int new_node(parser *p, node n)
{
    p->nodes = kh_realloc(p->nodes, (p->n_nodes + 1) * sizeof *p->nodes);
    p->nodes[p->n_nodes] = n;
    return (int)p->n_nodes++;
}

/* Join two parts; a part that vanished leaves the other.  NOT is the one
 * operator FTS5 cannot apply to nothing: "NOT x" alone means "every
 * article but x", which an inverted index cannot answer. */
static int combine(parser *p, node_kind kind, int left, int right)
{
    if (kind == NODE_NOT && left < 0 && right >= 0)
        return fail(p, "NOT needs words before it, as in: سوريا NOT روسيا");
    if (left < 0)
        return right;
    if (right < 0)
        return left;
    return new_node(p, (node){kind, left, right, NULL});
}

static int count_token(void *ctx, const kh_token *tok)
{
    (void)tok;
    (*(size_t *)ctx)++;
    return 0;
}

static int parse_or(parser *p);

static int parse_unary(parser *p)
{
    if (peek(p) == LEX_OPEN) {
        p->pos++;
        if (++p->depth > KH_QUERY_MAX_DEPTH)
            return fail(p, "the query nests parentheses too deeply");
        int inner = parse_or(p);
        p->depth--;
        if (peek(p) == LEX_CLOSE)
            p->pos++; /* a missing ')' is forgiven: the end closes it */
        return inner;
    }
    if (peek(p) != LEX_TERM)
        return -1; /* an operator where a word belongs: skipped by callers */
    const lexeme *l = &p->lex[p->pos++];
    size_t tokens = 0;
    kh_analyze(p->an, l->text, l->len, count_token, &tokens);
    if (tokens == 0)
        return -1; /* punctuation only: nothing to look for */
    if (++p->terms > KH_QUERY_MAX_TERMS)
        return fail(p, "the query has too many words");
    return new_node(p, (node){NODE_TERM, -1, -1, l});
}

static int parse_not(parser *p)
{
    int left = parse_unary(p);
    while (!p->failed && peek(p) == LEX_NOT) {
        p->pos++;
        left = combine(p, NODE_NOT, left, parse_unary(p));
    }
    return left;
}

static int parse_and(parser *p)
{
    int left = parse_not(p);
    for (;;) {
        if (p->failed)
            return -1;
        if (peek(p) == LEX_AND)
            p->pos++;
        else if (peek(p) != LEX_TERM && peek(p) != LEX_OPEN)
            return left;
        left = combine(p, NODE_AND, left, parse_not(p));
    }
}

static int parse_or(parser *p)
{
    int left = parse_and(p);
    while (!p->failed && peek(p) == LEX_OR) {
        p->pos++;
        left = combine(p, NODE_OR, left, parse_and(p));
    }
    return left;
}

/* A term as an FTS5 string: in double quotes, with '"' doubled.  Nothing
 * inside a string is syntax to FTS5. */
static void emit_term(kh_buf *out, const lexeme *l)
{
    kh_buf_putc(out, '"');
    for (size_t i = 0; i < l->len; i++) {
        if (l->text[i] == '"')
            kh_buf_putc(out, '"');
        kh_buf_putc(out, l->text[i]);
    }
    kh_buf_putc(out, '"');
    if (l->prefix)
        kh_buf_puts(out, " *");
}

static void emit(const parser *p, int at, kh_buf *out)
{
    assert(at >= 0 && (size_t)at < p->n_nodes);
    const node *n = &p->nodes[at];
    if (n->kind == NODE_TERM) {
        emit_term(out, n->term);
        return;
    }
    static const char *const op[] = {
        [NODE_AND] = " AND ", [NODE_OR] = " OR ", [NODE_NOT] = " NOT "};
    kh_buf_putc(out, '(');
    emit(p, n->left, out);
    kh_buf_puts(out, op[n->kind]);
    emit(p, n->right, out);
    kh_buf_putc(out, ')');
}

/* The words a match contains: all but those on the right of a NOT. */
static void collect_words(const parser *p, int at, int negated,
                          kh_query_word **words, size_t *n)
{
    const node *nd = &p->nodes[at];
    if (nd->kind == NODE_TERM) {
        if (negated)
            return;
        *words = kh_realloc(*words, (*n + 1) * sizeof **words);
        (*words)[(*n)++] = (kh_query_word){nd->term->text, nd->term->len,
                                           nd->term->prefix};
        return;
    }
    collect_words(p, nd->left, negated, words, n);
    collect_words(p, nd->right, negated || nd->kind == NODE_NOT, words, n);
}

int kh_query_to_fts(kh_analyzer *an, const char *query, kh_buf *out,
                    kh_buf *err, kh_query_word **words, size_t *n_words)
{
    kh_buf_reset(out);
    kh_buf_reset(err);
    if (words) {
        *words = NULL;
        *n_words = 0;
    }
    if (!query || strlen(query) > KH_QUERY_MAX_BYTES) {
        kh_buf_printf(err, "the query is longer than %d bytes",
                      KH_QUERY_MAX_BYTES);
        return KH_EINVAL;
    }
    parser p = {.an = an, .err = err};
    lex(&p, query);
    int root = parse_or(&p);
    /* Whatever is left is a stray ')' (the grammar takes everything
     * else): skip it and read on, as if implicitly ANDed. */
    while (!p.failed && peek(&p) != LEX_END) {
        size_t before = p.pos;
        if (peek(&p) == LEX_CLOSE)
            p.pos++;
        else
            root = combine(&p, NODE_AND, root, parse_or(&p));
        if (p.pos == before) /* defensive: never loop without progress */
            p.pos++;
    }
    if (!p.failed && root < 0)
        fail(&p, "the query has no words to search for");
    if (!p.failed) {
        emit(&p, root, out);
        if (words)
            collect_words(&p, root, 0, words, n_words);
    }
    int rc = p.failed ? KH_EINVAL : KH_OK;
    free(p.lex);
    free(p.nodes);
    return rc;
}
