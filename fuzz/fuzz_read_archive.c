/*
 * fuzz_read_archive.c - libFuzzer target: kh_read_buffer() over zip, tar,
 * gzip and other archives (the name says archive).
 * The checks are in fuzz_read_common.h.
 */
#include "fuzz_read_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read("fuzz.zip", KH_FORMAT_AUTO, data, size);
    return 0;
}
