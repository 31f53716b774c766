#!/bin/sh
# show_basic.sh - `khabar show`: an article's metadata and clean text, the
# page as read (--raw: the footer the cleaner removed is still there), the
# JSON shape, and exit codes for bad and unknown ids.
. "$(dirname "$0")/ingest_helpers.inc"

"$KHABAR" ingest --quiet ingest-day1.jsonl > /dev/null
[ $? -eq 3 ] || fail "ingest of the fixtures should exit 3 (rejections)"

run show a06d9edd680e5cfc
run show --raw a06d9edd680e5cfc
run show --json a06d9edd680e5cfc
run show --json --raw 810e5993cf214d5c
run show A06D9EDD680E5CFC
run show 0000000000000001
run show a06d9edd
run show xyz
run show
run show --db missing.db a06d9edd680e5cfc
"$KHABAR" show --help | grep -q 'usage: khabar show' || fail "--help"
compare show_basic
