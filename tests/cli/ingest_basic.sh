#!/bin/sh
# ingest_basic.sh - `khabar ingest`: the summary, rejected records named by
# file and line, exit codes, re-runs that add nothing, the next day's file
# (whose footer the stored chrome counts still know), stdin, --json, and
# usage errors.
. "$(dirname "$0")/ingest_helpers.inc"

run ingest ingest-day1.jsonl
run ingest ingest-day2.jsonl
run ingest ingest-day1.jsonl ingest-day2.jsonl
run ingest --json --quiet ingest-day1.jsonl
run ingest --db fresh.db --quiet - < ingest-day2.jsonl
run ingest --db fresh.db - < ingest-day1.jsonl
run ingest --db no/such/dir/news.db ingest-day1.jsonl
run ingest --format nonsense ingest-day1.jsonl
run ingest --batch 0 ingest-day1.jsonl
run ingest --bogus ingest-day1.jsonl
run ingest
run ingest --db plain.db no-such-file.jsonl
echo "this is not a database" > notes.db
run ingest --db notes.db ingest-day1.jsonl
"$KHABAR" ingest --help | grep -q 'usage: khabar ingest' || fail "--help"
compare ingest_basic
