#!/bin/sh
# stats_basic.sh - `khabar stats`: counts, sources with date ranges, the
# integrity check, JSON, and a database that is not there.
. "$(dirname "$0")/ingest_helpers.inc"

run stats
"$KHABAR" ingest --quiet ingest-day1.jsonl ingest-day2.jsonl > /dev/null
[ $? -eq 3 ] || fail "ingest of the fixtures should exit 3 (rejections)"
run stats
run stats --json
run stats --check
run stats --json --check
run stats extra
run stats --db missing.db
echo "not a database" > notes.db
run stats --db notes.db --check
"$KHABAR" stats --help | grep -q 'usage: khabar stats' || fail "--help"
compare stats_basic
