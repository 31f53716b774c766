/*
 * fuzz_read_json.c - libFuzzer target: kh_read_buffer() over a JSON array,
 * a single object or objects one after another.
 * The checks are in fuzz_read_common.h.
 */
#include "fuzz_read_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read("fuzz.json", KH_FORMAT_JSON, data, size);
    return 0;
}
