#!/bin/sh
# warc_arabic.sh - the shared Arabic extraction pages as a crawl
# ($KH_SHARED/extraction/arabic-pages/pages.warc.gz: WARC/1.0 response
# records, some pages in windows-1256) ingested end to end: every page
# stored with its URL, title and date, and every article found again by a
# search for the opening words of its title.
. "$(dirname "$0")/ingest_helpers.inc"

warc="${KH_SHARED:-}/extraction/arabic-pages/pages.warc.gz"
if [ ! -f "$warc" ]; then
    echo "warc_arabic: the shared Arabic pages are absent" \
         "(\$KH_SHARED/extraction/arabic-pages); skipped"
    exit 77
fi
pages=$(ls "${KH_SHARED}"/extraction/arabic-pages/*.html | wc -l)

"$KHABAR" ingest --json "$warc" > summary 2> errors ||
    fail "ingest of $warc failed: $(cat summary errors)"
grep -q "\"added\": *$pages[,}]" summary ||
    fail "expected $pages articles added: $(cat summary errors)"

"$KHABAR" export > articles.jsonl || fail "export failed"
[ "$(wc -l < articles.jsonl)" -eq "$pages" ] || fail "export: wrong count"
if grep -q '"url":null\|"title":null\|"date":null' articles.jsonl; then
    fail "an article lacks its url, title or date: $(grep -m1 ':null' articles.jsonl)"
fi

# each title's first three words, as a phrase, find that article
found=0
while IFS='	' read -r id words; do
    "$KHABAR" search --json --limit 100 "\"$words\"" > hits ||
        fail "search \"$words\" found nothing"
    grep -q "\"id\":\"$id\"" hits || fail "search \"$words\" misses $id"
    found=$((found + 1))
done <<LIST
$(sed -n 's/.*"id":"\([0-9a-f]*\)".*"title":"\([^"\\]*\)".*/\1	\2/p' articles.jsonl |
  awk -F'\t' '{ n = split($2, w, " "); if (n >= 3) print $1 "\t" w[1] " " w[2] " " w[3] }')
LIST
[ "$found" -ge $((pages * 9 / 10)) ] ||
    fail "only $found of $pages titles could be searched for"
"$KHABAR" stats --check > check || fail "integrity check: $(cat check)"
echo "warc_arabic: $pages pages ingested from the WARC, $found found by title"
