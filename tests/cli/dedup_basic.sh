#!/bin/sh
# dedup_basic.sh - `khabar dedup` over tests/fixtures/dedup: a wire story
# copied exactly and nearly, an almadina page and its "?live" variant,
# template cables that must stay apart, --json, --limit, `khabar show`'s
# story and duplicate_of, --rebuild with stricter thresholds, and usage
# errors.
set -u
: "${KHABAR:?set KHABAR to the khabar binary}"
: "${KH_FIXTURES:?set KH_FIXTURES to tests/fixtures}"
case "$KHABAR" in /*) ;; *) KHABAR="$PWD/$KHABAR" ;; esac
case "$KH_FIXTURES" in /*) ;; *) KH_FIXTURES="$PWD/$KH_FIXTURES" ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kh-dedup-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export KHABAR_NO_PROGRESS=1 KHABAR_DB="$tmp/t.db"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
# expect CODE CMD...: run a khabar command, check its exit code
expect() {
    want=$1
    shift
    "$KHABAR" "$@" > out 2> err
    got=$?
    [ "$got" = "$want" ] || { cat err >&2; fail "khabar $* exited $got, want $want"; }
}

expect 0 ingest "$KH_FIXTURES/dedup/batch1.json"
expect 0 dedup
grep -q '^3 clusters, 7 articles in them$' out || fail "cluster count: $(tail -1 out)"
# the wire story: SPA first, then the exact and the near copy
grep -A3 'cluster .*: 3 articles, 3 outlets' out > wire
sed -n 2p wire | grep -q 'was .*representative' || fail "wire representative"
grep -q 'sabq .*exact J 1.00' wire || fail "exact copy"
grep -q 'alyaum .*near  J 0\.[6-9]' wire || fail "near copy"
grep -q 'almadina .*url ' out || fail "the ?live variant"
grep -q 'بوليفيا\|جامايكا' out && fail "template cables were clustered"

expect 0 dedup --json
[ "$(wc -l < out)" = 3 ] || fail "--json: one line per cluster"
grep '"size":3' out | grep -q '"representative":"[0-9a-f]\{16\}"' ||
    fail "--json representative"
grep '"size":3' out | grep -q '"kind":"exact"' || fail "--json exact member"
grep '"size":3' out | grep -q '"outlets":\["was","sabq","alyaum"\]' ||
    fail "--json outlets"
expect 0 dedup --limit 1
grep -q '^1 cluster, 3 articles in them$' out || fail "--limit"

# show --json names an article's story and representative (null for one)
expect 0 dedup --json
rep=$(grep '"size":3' out | sed 's/^{"representative":"\([0-9a-f]*\)".*/\1/')
copy=$(grep '"size":3' out | sed 's/.*"id":"\([0-9a-f]*\)","source":"sabq".*/\1/')
expect 0 show --json "$rep"
grep -q '"story":[0-9][0-9]*,"duplicate_of":null}$' out ||
    fail "show --json of a representative: $(tail -c 80 out)"
expect 0 show --json "$copy"
grep -q "\"story\":[0-9][0-9]*,\"duplicate_of\":\"$rep\"}\$" out ||
    fail "show --json of a copy: $(tail -c 80 out)"
expect 0 show "$copy"
grep -q "^duplicate of  $rep\$" out || fail "show: duplicate of"

# ingesting the same file again changes nothing
expect 0 ingest "$KH_FIXTURES/dedup/batch1.json"
expect 0 dedup
grep -q '^3 clusters, 7 articles in them$' out || fail "re-ingest changed clusters"

# stricter thresholds: the near copy (J 0.83, C 0.93) is no longer one
expect 0 dedup --rebuild --jaccard 0.95 --containment 0.95
grep -q 'rebuilt' err || fail "rebuild message"
grep -q 'alyaum .*near' out && fail "near copy survived stricter thresholds"
grep -q 'sabq .*exact' out || fail "exact copy lost in rebuild"
# ... and the options stay with the database for later ingests
expect 0 ingest "$KH_FIXTURES/dedup/batch2.json"
expect 0 dedup
grep -q 'alyaum .*near' out && fail "saved thresholds forgotten"

expect 2 dedup --jaccard 0.5
expect 2 dedup --rebuild --jaccard 1.5
expect 2 dedup --rebuild --bands 30
expect 2 dedup extra
expect 2 dedup --limit -3
expect 5 dedup --db "$tmp/missing.db"
echo "dedup_basic: ok"
