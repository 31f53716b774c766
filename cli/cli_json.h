/*
 * cli_json.h - the JSON values every --json output builds alike (jansson).
 */
#ifndef KH_CLI_JSON_H
#define KH_CLI_JSON_H

#include <jansson.h>
#include <stdint.h>

/* s as a JSON string (any invalid UTF-8 byte as '?'), or null for NULL. */
json_t *cli_json_string(const char *s);

/* An article id as 16 hex digits, or null for 0 (no article). */
json_t *cli_json_id(uint64_t id);

#endif
