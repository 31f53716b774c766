#!/bin/sh
# demo.sh - the main job on the sample corpus in data/sample: ingest six
# invented outlets (plain text, windows-1256 text, JSON, JSONL, HTML and a
# WARC archive), then show what khabar found: the articles, the duplicates,
# the stories told by several outlets, and searches that match Arabic
# spelling variants.  Run by `make demo`; ends by itself.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
khabar=${KHABAR:-$root/build/khabar}
db=${KHABAR_DEMO_DB:-$root/build/demo.db}
rm -f "$db" "$db-wal" "$db-shm"
export KHABAR_NO_PROGRESS=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "khabar ingest data/sample/*/"
# 3 = some records were rejected: reported above, the demo goes on
"$khabar" ingest --db "$db" "$root"/data/sample/*/ || [ $? -eq 3 ]

step "khabar stats"
"$khabar" stats --db "$db"

step "khabar dedup: wire copies, edited copies and URL variants"
"$khabar" dedup --db "$db"

step "khabar stories --min-outlets 2: one event, several outlets"
"$khabar" stories --db "$db" --min-outlets 2

story=$("$khabar" stories --db "$db" --min-outlets 3 --json |
        sed -n 's/.*"id": *\([0-9][0-9]*\).*/\1/p' | head -n 1)
if [ -n "$story" ]; then
    step "khabar story $story: the outlets side by side"
    "$khabar" story --db "$db" "$story"
fi

for q in 'ايران' 'اسعار' 'الرمـال' '"مركز رصد الزلازل"' 'سيول OR أمطار'; do
    step "khabar search --limit 3 '$q'"
    "$khabar" search --db "$db" --limit 3 "$q" || [ $? -eq 1 ]
done
printf '\nThe database is %s; try: %s search --db %s QUERY\n' \
    "$db" "$khabar" "$db"
