#!/bin/sh
# ingest_threads.sh - the database does not depend on how many threads
# ingest uses: the same corpus (generated, plus the ingest fixtures with
# their bad records) ingested with 1, 2 and 4 threads, in small batches so
# that reading, preparing and writing overlap many times, gives the same
# summary, the same messages in the same order, the same articles, links,
# chrome counts and search results, and (when the sqlite3 shell is there)
# the same SQL dump, search index included; so does a database made in
# two runs.  Also --threads's checks.
set -u
: "${KHABAR:?set KHABAR to the khabar binary}"
: "${KH_FIXTURES:?set KH_FIXTURES to tests/fixtures}"
case "$KHABAR" in /*) ;; *) KHABAR="$PWD/$KHABAR" ;; esac
case "$KH_FIXTURES" in /*) ;; *) KH_FIXTURES="$PWD/$KH_FIXTURES" ;; esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kh-threads-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export KHABAR_NO_PROGRESS=1
unset KHABAR_THREADS

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

awk -v n=900 -f "$here/crash_corpus.awk" > corpus.jsonl ||
    fail "could not generate the corpus"
cp "$KH_FIXTURES"/ingest/*.jsonl .

# state DB: everything a reader of the database can see, in a stable form
state() {
    "$KHABAR" stats --db "$1" --json | sed 's/"db_bytes":[0-9]*//'
    "$KHABAR" export --db "$1"
    "$KHABAR" dedup --db "$1" --json 2>&1
    "$KHABAR" stories --db "$1" --json 2>&1
    for q in روسيا ايران '"وزير الخارجية"' الرقه 'الحكوم*' 'جدة OR الرياض'; do
        "$KHABAR" search --db "$1" --json --limit 50 "$q"
    done
    if command -v sqlite3 > /dev/null 2>&1; then
        sqlite3 "$1" .dump
    fi
}

for t in 1 2 4; do
    "$KHABAR" ingest --db t$t.db --threads $t --batch 25 corpus.jsonl \
        ingest-day1.jsonl ingest-day2.jsonl > t$t.summary 2> t$t.err
    rc=$?
    [ "$rc" = 3 ] || fail "--threads $t: exit $rc (want 3: bad records): $(cat t$t.err)"
    grep -v '^time ' t$t.summary > t$t.counts
    state t$t.db > t$t.state
done
grep -q '^added  *[1-9]' t1.counts || fail "nothing added: $(cat t1.summary)"
[ -s t1.err ] || fail "the fixtures' bad records were not reported"
for t in 2 4; do
    diff -u t1.counts t$t.counts || fail "summary differs with $t threads"
    diff -u t1.err t$t.err || fail "messages differ with $t threads"
    cmp -s t1.state t$t.state || {
        diff -u t1.state t$t.state | head -40
        fail "database differs with $t threads"
    }
done

# in two runs, the second placing against links the first saved (their
# texts read through the placer's own connection): the same again
for t in 1 4; do
    "$KHABAR" ingest --db p$t.db --threads $t --batch 25 corpus.jsonl \
        > /dev/null 2>&1
    "$KHABAR" ingest --db p$t.db --threads $t --batch 25 ingest-day1.jsonl \
        ingest-day2.jsonl corpus.jsonl > /dev/null 2>&1
    rc=$?
    [ "$rc" = 3 ] || fail "second run with $t threads: exit $rc"
    state p$t.db > p$t.state
done
cmp -s p1.state p4.state || {
    diff -u p1.state p4.state | head -40
    fail "database made in two runs differs with 4 threads"
}

# the environment sets the default; --threads wins
KHABAR_THREADS=2 "$KHABAR" ingest --db env.db --batch 25 corpus.jsonl \
    ingest-day1.jsonl ingest-day2.jsonl > env.summary 2> /dev/null
grep -v '^time ' env.summary | diff -u t1.counts - ||
    fail "KHABAR_THREADS=2 gave another summary"

for bad in 0 65 x -1; do
    "$KHABAR" ingest --db bad.db --threads "$bad" corpus.jsonl \
        > /dev/null 2> err && fail "--threads $bad was accepted"
    grep -q -- '--threads' err || fail "--threads $bad: no message: $(cat err)"
done
echo "ingest_threads: ok"
