#!/bin/sh
# stories_seeds.sh - the five seed pages of ../shared (one topic: Russia
# and the war on ISIS in Syria): 003 and 004 are one story (Lavrov's
# statement on coordinating in Raqqa), 000, 001 and 002 other events.
# Checked alone, and among two days of SaudiNewsNet (Lavrov is in its
# news too); the seeds are undated pages, placed by their content alone.
# Skipped when ../shared is absent.
set -u
: "${KHABAR:?set KHABAR to the khabar binary}"
case "$KHABAR" in /*) ;; *) KHABAR="$PWD/$KHABAR" ;; esac
seeds="${KH_SHARED:-}/seeds"
corpus="${KH_SHARED:-}/data/saudinewsnet"
[ -n "${KH_SHARED:-}" ] && [ -f "$seeds/003_f462c494be0ac3b8.txt" ] ||
    { echo "skip: no shared seeds (set KH_SHARED)"; exit 77; }
case "$seeds" in /*) ;; *) seeds="$PWD/$seeds"; corpus="$PWD/$corpus" ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kh-seeds-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export KHABAR_NO_PROGRESS=1

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# story_of DB TITLE-WORDS: the story of the seed whose title holds them
story_of() {
    "$KHABAR" export --db "$1" | grep -F "$2" | grep -F '"source":"seeds"' |
        sed -n 's/.*"story":\([0-9]*\).*/\1/p'
}

# check DB WHAT: 003 with 004, and none of 000, 001, 002 with them
check() {
    s3=$(story_of "$1" 'مستعدون للتنسيق مع الأكراد')
    s4=$(story_of "$1" 'لافروف:الطيران الروسي')
    s0=$(story_of "$1" 'روسيا مستعدة للتنسيق مع المعارضة')
    s1=$(story_of "$1" 'موسكو تكثف غاراتها')
    s2=$(story_of "$1" 'وزارتا الدفاع الروسية')
    [ -n "$s3" ] && [ -n "$s4" ] && [ -n "$s0" ] && [ -n "$s1" ] &&
        [ -n "$s2" ] || fail "$2: a seed is missing ($s0/$s1/$s2/$s3/$s4)"
    [ "$s3" = "$s4" ] || fail "$2: seeds 003 and 004 are apart ($s3, $s4)"
    for s in "$s0" "$s1" "$s2"; do
        [ "$s" != "$s3" ] || fail "$2: seed 000, 001 or 002 joined 003+004"
    done
}

"$KHABAR" ingest --db seeds.db --source seeds "$seeds" > /dev/null 2> err ||
    { cat err >&2; fail "ingest of the seeds"; }
check seeds.db "the seeds alone"

if [ -f "$corpus/2015-08-10.zip" ] && [ -f "$corpus/2015-08-11.zip" ]; then
    "$KHABAR" ingest --db mixed.db "$corpus/2015-08-10.zip" \
        "$corpus/2015-08-11.zip" > /dev/null 2> err
    [ $? -le 3 ] || { cat err >&2; fail "ingest of two days of SaudiNewsNet"; }
    "$KHABAR" ingest --db mixed.db --source seeds "$seeds" > /dev/null 2> err ||
        { cat err >&2; fail "ingest of the seeds after the corpus"; }
    check mixed.db "the seeds after two days of SaudiNewsNet"
else
    echo "stories_seeds: no SaudiNewsNet in $corpus, checked the seeds alone"
fi
echo "stories_seeds: ok"
