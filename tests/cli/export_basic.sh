#!/bin/sh
# export_basic.sh - `khabar export` as JSON lines and CSV: every article
# once, with its story and its duplicate representative; -o, bad formats.
set -u
: "${KHABAR:?set KHABAR to the khabar binary}"
: "${KH_FIXTURES:?set KH_FIXTURES to tests/fixtures}"
case "$KHABAR" in /*) ;; *) KHABAR="$PWD/$KHABAR" ;; esac
case "$KH_FIXTURES" in /*) ;; *) KH_FIXTURES="$PWD/$KH_FIXTURES" ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kh-export-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export KHABAR_NO_PROGRESS=1 KHABAR_DB="$tmp/t.db"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
expect() {
    want=$1
    shift
    "$KHABAR" "$@" > out 2> err
    got=$?
    [ "$got" = "$want" ] || { cat err >&2; fail "khabar $* exited $got, want $want"; }
}

expect 0 ingest "$KH_FIXTURES/dedup/batch1.json" "$KH_FIXTURES/dedup/batch2.json"
expect 0 export
[ "$(wc -l < out)" = 13 ] || fail "jsonl: 13 articles, got $(wc -l < out)"
head -1 out | grep -q '^{"id":"[0-9a-f]\{16\}","url":"http[^"]*","source":"alwatan","date":"2015-07-25T10:00:00","title":"[^"]*","story":[0-9]*,"duplicate_of":null}$' ||
    fail "jsonl shape: $(head -1 out)"
rep=$(grep '"source":"was"' out | sed 's/^{"id":"\([0-9a-f]*\)".*/\1/')
grep '"source":"sabq"' out | grep -q "\"duplicate_of\":\"$rep\"" ||
    fail "the exact copy names its representative"
[ "$(grep -c '"story":null' out)" = 0 ] || fail "an article without story"

expect 0 export --format csv -o out.csv
[ "$(head -1 out.csv)" = "id,url,source,date,title,story,duplicate_of" ] ||
    fail "csv header"
[ "$(wc -l < out.csv)" = 14 ] || fail "csv rows"
grep -q "^[0-9a-f]\{16\},http://sabq.org/weather-jazan-asir,sabq,2015-08-04T11:00:00,[^,]*,[0-9]*,$rep\$" out.csv ||
    fail "csv row of the copy"

expect 2 export --format xml
expect 5 export -o "$tmp/no/such/dir/x.csv"
echo "export_basic: ok"
