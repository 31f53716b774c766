/*
 * fuzz_warc.c - libFuzzer target for the WARC reader: the bytes as a WARC
 * file (plain, or gzipped when they start with the gzip magic, inflated
 * member by member by the reader itself), every article it emits cleaned;
 * and the same bytes through kh_read_buffer as "f.warc".
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "khabar.h"
#include "read/read_warc.h"
#include "read/reader.h"
#include "read/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_article(void *ctx, kh_article *a)
{
    (void)ctx;
    kh_clean_article(a, NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kh_read_opts opts;
    kh_read_opts_init(&opts);
    opts.max_record_bytes = 1 << 20;
    kh_read_sink sink = {on_article, NULL, NULL, NULL};

    kh_rd rd;
    kh_rd_init(&rd, &opts, &sink);
    kh_src src;
    kh_src_memory(&src, data, size);
    kh_rd_file f;
    memset(&f, 0, sizeof f);
    f.rd = &rd;
    f.path = f.name = "fuzz.warc";
    f.src = &src;
    kh_read_warc(&f);
    kh_src_release(&src);
    kh_rd_finish(&rd);

    opts.format = KH_FORMAT_WARC;
    kh_read_buffer("f.warc", data, size, &opts, &sink);
    return 0;
}
