#!/bin/sh
# crash_resume.sh - kill -9 in the middle of an ingest leaves a consistent
# database (SQLite's and FTS5's integrity checks pass, articles and chrome
# counts in step), and re-running the ingest completes it to exactly the
# state of an uninterrupted run: same counts, same chrome model, same text
# sizes, same search results.
. "$(dirname "$0")/ingest_helpers.inc"

awk -v n=2000 -f "$here/crash_corpus.awk" > corpus.jsonl ||
    fail "could not generate the corpus"

# the reference: one uninterrupted run
"$KHABAR" ingest --db clean.db --quiet corpus.jsonl > clean.summary ||
    fail "the uninterrupted ingest failed: $(cat clean.summary)"

# the victim: small batches, killed once some of them are committed
"$KHABAR" ingest --db killed.db --quiet --batch 20 corpus.jsonl \
    > /dev/null 2>&1 &
pid=$!
stored=0
tries=0
while [ "$tries" -lt 1200 ]; do
    tries=$((tries + 1))
    stored=$("$KHABAR" stats --db killed.db --json 2>/dev/null |
             sed -n 's/^{"articles":\([0-9]*\),.*/\1/p')
    [ -n "$stored" ] && [ "$stored" -ge 200 ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
done
if ! kill -9 "$pid" 2>/dev/null; then
    wait "$pid"
    echo "crash_resume: the ingest finished before it could be killed;" \
         "skipped (machine too fast for this corpus)"
    exit 77
fi
wait "$pid" 2>/dev/null
total=$("$KHABAR" stats --db clean.db --json | sed -n 's/^{"articles":\([0-9]*\),.*/\1/p')

# consistent after the kill, and really cut short
"$KHABAR" stats --db killed.db --check > check.out 2>&1 ||
    fail "integrity check after kill -9: $(cat check.out)"
grep -q '^check  *ok' check.out || fail "no check result: $(cat check.out)"
stored=$("$KHABAR" stats --db killed.db --json | sed -n 's/^{"articles":\([0-9]*\),.*/\1/p')
[ "$stored" -gt 0 ] && [ "$stored" -lt "$total" ] ||
    fail "expected a partial database, found $stored of $total articles"
echo "killed with $stored of $total articles stored"

# the re-run completes it
"$KHABAR" ingest --db killed.db --quiet --batch 20 corpus.jsonl > rerun.summary ||
    fail "the re-run failed: $(cat rerun.summary)"
grep -q "^already present  $stored\$" rerun.summary ||
    fail "the re-run should skip the $stored stored articles: $(cat rerun.summary)"
"$KHABAR" stats --db killed.db --check > /dev/null ||
    fail "integrity check after the re-run"

for db in clean killed; do
    {
        "$KHABAR" stats --db $db.db --json | sed 's/"db_bytes":[0-9]*//'
        for q in روسيا ايران '"وزير الخارجية"' الرقه التنسيق 'الحكوم*'; do
            "$KHABAR" search --db $db.db --json --limit 30 "$q" |
                sed 's/"score":[0-9.e+-]*//'
        done
    } > $db.state
done
diff -u clean.state killed.state ||
    fail "the resumed database differs from the uninterrupted one"
grep -q '"chrome_shapes":[1-9]' clean.state || fail "no chrome counts stored"
echo "crash_resume: ok"
