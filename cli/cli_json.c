/*
 * cli_json.c - JSON values shared by the commands' --json outputs.
 */
#include "cli_json.h"

#include <stdlib.h>
#include <string.h>

#include "khabar.h"

/* Text reaching here is valid UTF-8 (the readers convert it); should a
 * byte be invalid, it becomes '?' rather than the value being lost. */
json_t *cli_json_string(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    char *copy = strdup(s);
    if (!copy)
        abort();
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p >= 0x80)
            *p = '?';
    j = json_string(copy);
    free(copy);
    return j ? j : json_null();
}

json_t *cli_json_id(uint64_t id)
{
    char hex[17];
    if (!id)
        return json_null();
    kh_id_to_hex(id, hex);
    return json_string(hex);
}
