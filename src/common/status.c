/*
 * status.c - names for status codes, formats and ids (khabar.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"

const char *kh_strerror(int code)
{
    switch (code) {
    case KH_OK: return "success";
    case KH_EIO: return "input/output error";
    case KH_EPARSE: return "malformed input";
    case KH_EFORMAT: return "unknown or unsupported format";
    case KH_EENCODING: return "unsupported character encoding";
    case KH_ETOOBIG: return "input exceeds a safety limit";
    case KH_EEMPTY: return "nothing to read";
    case KH_EBINARY: return "binary data where text was expected";
    case KH_EDB: return "database error";
    case KH_EBUSY: return "database is locked by another process";
    case KH_ENOTFOUND: return "not found";
    case KH_EINVAL: return "invalid argument";
    case KH_ESTOP: return "stopped by the caller";
    case KH_EINTERNAL: return "internal error";
    default: return "unknown error";
    }
}

static const char *const format_names[] = {
    [KH_FORMAT_AUTO] = "auto", [KH_FORMAT_TEXT] = "text",
    [KH_FORMAT_JSON] = "json", [KH_FORMAT_JSONL] = "jsonl",
    [KH_FORMAT_HTML] = "html", [KH_FORMAT_WARC] = "warc",
};

const char *kh_format_name(kh_format f)
{
    if ((unsigned)f < sizeof format_names / sizeof *format_names)
        return format_names[f];
    return "unknown";
}

int kh_format_parse(const char *name, kh_format *out)
{
    for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++) {
        if (strcmp(name, format_names[i]) == 0) {
            *out = (kh_format)i;
            return KH_OK;
        }
    }
    return KH_EINVAL;
}

void kh_id_to_hex(uint64_t id, char out[17])
{
    snprintf(out, 17, "%016llx", (unsigned long long)id);
}

int kh_id_from_hex(const char *hex, uint64_t *id)
{
    uint64_t v = 0;
    size_t i = 0;
    for (; hex[i]; i++) {
        char c = hex[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return KH_EINVAL;
        if (i >= 16)
            return KH_EINVAL;
        v = v << 4 | d;
    }
    if (i != 16)
        return KH_EINVAL;
    *id = v;
    return KH_OK;
}
