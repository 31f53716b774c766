/*
 * fuzz_html.c - libFuzzer target for the HTML extractor: any bytes, made
 * valid UTF-8 as the reader would, through kh_clean_article (parse, body,
 * metadata, paragraph rules); plus the date finder and the <meta> charset
 * pre-scan on the raw bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/utf8.h"
#include "extract/date_parse.h"
#include "khabar.h"
#include "read/html_charset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    char label[64];
    kh_html_meta_charset(bytes, size, label, sizeof label);
    kh_date d;
    kh_date_find(bytes, size, KH_DATE_DAY_FIRST, &d);

    kh_article a;
    memset(&a, 0, sizeof a);
    a.raw = kh_utf8_sanitize(bytes, size, &a.raw_len, NULL);
    a.raw_format = KH_FORMAT_HTML;
    a.url = NULL;
    kh_clean_article(&a, NULL);
    kh_article_clear(&a);
    return 0;
}
