/*
 * fuzz_read_text.c - libFuzzer target: kh_read_buffer() over any bytes, the
 * format sniffed (text, HTML, JSON, UTF-16...).
 * The checks are in fuzz_read_common.h.
 */
#include "fuzz_read_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read("page", KH_FORMAT_AUTO, data, size);
    return 0;
}
