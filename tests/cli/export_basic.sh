#!/bin/sh
# export_basic.sh - `khabar export` as JSON lines and CSV: every article
# once, with its story and its duplicate representative (checked against
# what the fixtures tell: one wire report, one fire, two cables, a URL
# variant); -o, bad formats.
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
# field FIELD URL-PART: the JSON value of FIELD in the line of that URL
field() {
    grep -F "\"url\":\"$2" out | sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p"
}
wire=$(field story "http://www.spa.gov.sa/")
[ -n "$wire" ] && [ "$(field story http://sabq.org/weather)" = "$wire" ] &&
    [ "$(field story http://www.alyaum.com/article/9000001)" = "$wire" ] ||
    fail "the wire report and its two copies are one story"
fire=$(field story "http://www.okaz.com.sa/")
for u in http://aawsat.com/home/article/800001 http://www.alriyadh.com/2000103 \
    http://www.al-jazirah.com/2015/20150807/ln1.htm; do
    [ "$(field story "$u")" = "$fire" ] || fail "the fire: $u in another story"
done
[ "$fire" != "$wire" ] || fail "the fire and the weather are one story"
[ "$(field story http://www.alriyadh.com/2000101)" != \
  "$(field story http://www.alriyadh.com/2000102)" ] ||
    fail "cables to two countries are one story"
[ "$(field story 'http://www.alwatan.com.sa/politics/news_detail.aspx?id=300001')" != \
  "$(field story 'http://www.alwatan.com.sa/politics/news_detail.aspx?id=300002')" ] ||
    fail "one text nine days apart is one story"
base=$(grep -F '"url":"http://www.al-madina.com/node/700001/waterfront.html"' out |
    sed 's/^{"id":"\([0-9a-f]*\)".*/\1/')
[ "$(field duplicate_of 'http://www.al-madina.com/node/700001/waterfront.html?live')" = "\"$base\"" ] ||
    fail "the ?live URL variant names its base page"
[ "$(field duplicate_of http://www.okaz.com.sa/)" = null ] ||
    fail "a unique article has a representative"

expect 0 export --format csv -o out.csv
[ "$(head -1 out.csv)" = "id,url,source,date,title,story,duplicate_of" ] ||
    fail "csv header"
[ "$(wc -l < out.csv)" = 14 ] || fail "csv rows"
grep -q "^[0-9a-f]\{16\},http://sabq.org/weather-jazan-asir,sabq,2015-08-04T11:00:00,[^,]*,$wire,$rep\$" out.csv ||
    fail "csv row of the copy"
grep -q "^$base,http://www.al-madina.com/node/700001/waterfront.html,almadina,[^,]*,[^,]*,[0-9][0-9]*,\$" out.csv ||
    fail "csv row of a representative: empty duplicate_of"

expect 2 export --format xml
expect 5 export -o "$tmp/no/such/dir/x.csv"
echo "export_basic: ok"
