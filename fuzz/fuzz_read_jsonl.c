/*
 * fuzz_read_jsonl.c - libFuzzer target: kh_read_buffer() over JSON lines.
 * The checks are in fuzz_read_common.h.
 */
#include "fuzz_read_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read("fuzz.jsonl", KH_FORMAT_JSONL, data, size);
    return 0;
}
