#!/bin/sh
# stories_basic.sh - `khabar stories` and `khabar story` over
# tests/fixtures/dedup: a fire reported by three outlets across midnight,
# joined by a fourth in a later batch under the same story id; a wire story
# whose copies follow their representative; the same words about Taiz nine
# days apart kept as two stories; --since, --min-outlets, --json, --rebuild
# and usage errors.
set -u
: "${KHABAR:?set KHABAR to the khabar binary}"
: "${KH_FIXTURES:?set KH_FIXTURES to tests/fixtures}"
case "$KHABAR" in /*) ;; *) KHABAR="$PWD/$KHABAR" ;; esac
case "$KH_FIXTURES" in /*) ;; *) KH_FIXTURES="$PWD/$KH_FIXTURES" ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kh-stories-XXXXXX") || exit 1
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

expect 0 ingest "$KH_FIXTURES/dedup/batch1.json"
expect 0 stories --min-outlets 2 --json
[ "$(wc -l < out)" = 2 ] || fail "two multi-outlet stories, got $(wc -l < out)"
fire=$(grep 'مستودع' out | sed 's/^{"id":\([0-9]*\),.*/\1/')
[ -n "$fire" ] || fail "the fire story is missing"
grep 'مستودع' out | grep -q '"articles":3' || fail "fire: 3 articles"
grep 'مستودع' out | grep -q '"first_date":"2015-08-05T23:10:00"' ||
    fail "fire: first date before midnight"
grep 'مستودع' out | grep -q '"outlets":\["aawsat","alriyadh","okaz"\]' ||
    fail "fire: outlets"
grep 'جازان' out | grep -q '"outlets":\["alyaum","sabq","was"\]' ||
    fail "copies follow their representative's story"

# the Taiz reports: same words, nine days apart, two stories
expect 0 stories --json
[ "$(grep -c 'تعز' out)" = 2 ] || fail "Taiz reports merged into one story"

# a later batch joins the open story; its id does not change
expect 0 ingest "$KH_FIXTURES/dedup/batch2.json"
expect 0 stories --min-outlets 4 --json
[ "$(wc -l < out)" = 1 ] || fail "fire story with 4 outlets"
grep -q "^{\"id\":$fire," out || fail "the fire story changed id"
expect 0 stories --since 2015-08-07 --json
grep -q "^{\"id\":$fire," out || fail "--since keeps the fire story"
grep -q 'تعز' out && fail "--since kept an old story"

expect 0 story "$fire"
grep -q "^story $fire: " out || fail "story header"
grep -q '^== aljazirah$' out || fail "story: per-outlet blocks"
expect 0 story --json "$fire"
grep -q '"members":\[' out || fail "story --json members"
grep -q '"lead":"' out || fail "story --json leads"
expect 0 stories --json
wire=$(grep 'جازان' out | sed 's/^{"id":\([0-9]*\),.*/\1/')
expect 0 story "$wire"
grep -q 'copy of [0-9a-f]\{16\} (was): exact' out || fail "story: exact copy"
grep -q 'copy of [0-9a-f]\{16\} (was): near' out || fail "story: near copy"
grep -q 'copied by: sabq alyaum\|copied by: alyaum sabq' out ||
    fail "story: copied by"

# regrouping keeps working and the fire story still holds 4 outlets
expect 0 stories --rebuild --threshold 0.25
expect 0 stories --min-outlets 4
grep -q '^1 story$' out || fail "after rebuild"

expect 1 story 999
expect 2 story abc
expect 2 story
expect 2 stories --since 2015-8-1
expect 2 stories --threshold 0.5
expect 2 stories --rebuild --threshold 2
expect 2 stories --rebuild --window-hours 500
echo "stories_basic: ok"
