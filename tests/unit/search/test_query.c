/*
 * test_query.c - the query parser: what users type becomes a well-formed
 * FTS5 expression (or a clear refusal), whatever characters it holds.
 */
#include "kh_test.h"
#include "khabar.h"
#include "search/query.h"

static kh_analyzer *an;

/* The FTS5 expression for q, or "ERROR: <message>". */
static const char *fts(const char *q)
{
    static kh_buf out = KH_BUF_INIT, err = KH_BUF_INIT, shown = KH_BUF_INIT;
    int rc = kh_query_to_fts(an, q, &out, &err, NULL, NULL);
    kh_buf_reset(&shown);
    if (rc == KH_OK)
        kh_buf_puts(&shown, out.data);
    else
        kh_buf_printf(&shown, "ERROR: %s", err.data);
    return shown.data;
}

static void test_words_and_operators(void)
{
    KH_CHECK_STR(fts("روسيا"), "\"روسيا\"");
    KH_CHECK_STR(fts("  روسيا   ايران "), "(\"روسيا\" AND \"ايران\")");
    KH_CHECK_STR(fts("روسيا AND ايران"), "(\"روسيا\" AND \"ايران\")");
    KH_CHECK_STR(fts("روسيا OR ايران النفط"),
                 "(\"روسيا\" OR (\"ايران\" AND \"النفط\"))");
    KH_CHECK_STR(fts("(روسيا OR ايران) النفط"),
                 "((\"روسيا\" OR \"ايران\") AND \"النفط\")");
    KH_CHECK_STR(fts("سوريا NOT روسيا"), "(\"سوريا\" NOT \"روسيا\")");
    KH_CHECK_STR(fts("a b NOT c"), "(\"a\" AND (\"b\" NOT \"c\"))");
    /* lowercase operators are words */
    KH_CHECK_STR(fts("cats and dogs"),
                 "((\"cats\" AND \"and\") AND \"dogs\")");
}

static void test_phrases_and_prefixes(void)
{
    KH_CHECK_STR(fts("\"وزير الخارجية\""), "\"وزير الخارجية\"");
    KH_CHECK_STR(fts("\"وزير الخارجية\" روسيا"),
                 "(\"وزير الخارجية\" AND \"روسيا\")");
    KH_CHECK_STR(fts("اقتصا*"), "\"اقتصا\" *");
    KH_CHECK_STR(fts("\"وزير الخار\"*"), "\"وزير الخار\" *");
    KH_CHECK_STR(fts("OR*"), "\"OR\" *"); /* a prefix is never an operator */
    /* an unclosed quote runs to the end */
    KH_CHECK_STR(fts("\"وزير الخارجية"), "\"وزير الخارجية\"");
}

/* Sloppy queries are forgiven rather than refused. */
static void test_forgiving(void)
{
    KH_CHECK_STR(fts("(روسيا OR ايران"), "(\"روسيا\" OR \"ايران\")");
    KH_CHECK_STR(fts("روسيا)"), "\"روسيا\"");
    KH_CHECK_STR(fts(")) روسيا (("), "\"روسيا\"");
    KH_CHECK_STR(fts("روسيا OR"), "\"روسيا\"");
    KH_CHECK_STR(fts("AND روسيا"), "\"روسيا\"");
    KH_CHECK_STR(fts("روسيا AND OR ايران"), "(\"روسيا\" OR \"ايران\")");
    KH_CHECK_STR(fts("روسيا NOT"), "\"روسيا\"");
    KH_CHECK_STR(fts("روسيا ... ايران"), "(\"روسيا\" AND \"ايران\")");
    KH_CHECK_STR(fts("() روسيا"), "\"روسيا\"");
    KH_CHECK_STR(fts("روسيا *"), "\"روسيا\"");
}

static void test_refusals(void)
{
    KH_CHECK_STR(fts(""), "ERROR: the query has no words to search for");
    KH_CHECK_STR(fts("؟! ... «»"),
                 "ERROR: the query has no words to search for");
    KH_CHECK_STR(fts("AND OR NOT"),
                 "ERROR: the query has no words to search for");
    KH_CHECK(strncmp(fts("NOT روسيا"), "ERROR: NOT needs words", 22) == 0);
    kh_buf q = KH_BUF_INIT;
    for (int i = 0; i < 40; i++)
        kh_buf_putc(&q, '(');
    kh_buf_puts(&q, "روسيا");
    KH_CHECK_STR(fts(q.data), "ERROR: the query nests parentheses too deeply");
    kh_buf_reset(&q);
    for (int i = 0; i < KH_QUERY_MAX_TERMS + 1; i++)
        kh_buf_printf(&q, "w%d ", i);
    KH_CHECK_STR(fts(q.data), "ERROR: the query has too many words");
    kh_buf_reset(&q);
    for (int i = 0; i < KH_QUERY_MAX_BYTES; i++)
        kh_buf_putc(&q, 'x');
    kh_buf_putc(&q, 'x');
    KH_CHECK(strncmp(fts(q.data), "ERROR: the query is longer", 26) == 0);
    kh_buf_free(&q);
}

/* FTS5 syntax in user input stays inside quoted strings. */
static void test_injection_stays_text(void)
{
    KH_CHECK_STR(fts("title:روسيا"), "\"title:روسيا\"");
    KH_CHECK_STR(fts("NEAR(روسيا ايران)"),
                 "(\"NEAR\" AND (\"روسيا\" AND \"ايران\"))");
    KH_CHECK_STR(fts("روسيا\" OR \"x"),
                 "((\"روسيا\" AND \" OR \") AND \"x\")");
    KH_CHECK_STR(fts("'; DROP TABLE articles; --"),
                 "((\"DROP\" AND \"TABLE\") AND \"articles;\")");
    KH_CHECK_STR(fts("^روسيا -ايران +x {a b}: c"),
                 "(((((\"^روسيا\" AND \"-ايران\") AND \"+x\") AND \"{a\") AND"
                 " \"b}:\") AND \"c\")");
}

int main(void)
{
    an = kh_analyzer_create(NULL);
    KH_RUN(test_words_and_operators);
    KH_RUN(test_phrases_and_prefixes);
    KH_RUN(test_forgiving);
    KH_RUN(test_refusals);
    KH_RUN(test_injection_stays_text);
    kh_analyzer_free(an);
    return kh_test_report();
}
