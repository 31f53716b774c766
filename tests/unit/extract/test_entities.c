/*
 * test_entities.c - character references left in scraped titles and
 * paragraphs are decoded; anything that only looks like one is kept.
 */
#include <stdlib.h>

#include "extract/entities.h"
#include "kh_test.h"

static void check(const char *in, const char *want)
{
    char *got = kh_entities_decode(in);
    if (!want) {
        KH_CHECK(got == NULL);
    } else {
        KH_CHECK(got != NULL);
        if (got)
            KH_CHECK_STR(got, want);
    }
    free(got);
}

int main(void)
{
    check("&#8220;داعش&#8221; يعدم ناشطين", "\u201cداعش\u201d يعدم ناشطين");
    check("الأمن &amp; السلامة", "الأمن & السلامة");
    check("&quot;عاجل&quot;&nbsp;الرياض", "\"عاجل\"\u00a0الرياض");
    check("&#x627;&#X644;", "ال");
    /* nothing to decode: the caller keeps its string */
    check("وزير الخارجية", NULL);
    check(NULL, NULL);
    check("R&D و AT&T", NULL);
    check("&unknownname; &#; &#x; &#12", NULL);
    /* never NUL, surrogates, controls or beyond U+10FFFF */
    check("a&#0;b &#xD800; &#1; &#x110000;", NULL);
    /* a valid reference next to invalid ones */
    check("&& &amp &amp;", "&& &amp &");
    return kh_test_report();
}
