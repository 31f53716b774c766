#!/bin/sh
# search_corpus.sh - on one day of the shared SaudiNewsNet corpus (when
# $KH_SHARED has it): ingest it, then check that searches find the
# spellings the query does not use - attached و ب ل, ة for ه, hamza - and
# that the database passes its integrity checks.
. "$(dirname "$0")/ingest_helpers.inc"

day="${KH_SHARED:-}/data/saudinewsnet/2015-07-22.zip"
if [ ! -f "$day" ]; then
    echo "search_corpus: the shared corpus is absent" \
         "(\$KH_SHARED/data/saudinewsnet); skipped"
    exit 77
fi

"$KHABAR" ingest --quiet "$day" > summary
[ $? -le 3 ] || fail "ingest of $day failed: $(cat summary)"
grep -q '^added  *[1-9][0-9][0-9][0-9]' summary ||
    fail "expected thousands of articles: $(cat summary)"

# expect QUERY MIN_HITS FORM...: at least MIN_HITS hits, and among their
# highlighted words at least one of the FORMs (none of them the query).
expect() {
    query=$1 min=$2
    shift 2
    "$KHABAR" search --json --limit 1000 "$query" > hits ||
        fail "search $query found nothing"
    n=$(wc -l < hits)
    [ "$n" -ge "$min" ] || fail "search $query: $n hits, expected $min or more"
    for form in "$@"; do
        if grep -q "«$form»" hits; then
            echo "$query: $n hits, one of them spelled $form"
            return 0
        fi
    done
    fail "search $query: no hit spelled $*"
}
expect روسيا 20 وروسيا لروسيا بروسيا
expect داعش 40 لداعش وداعش
expect الرقه 5 الرقة
expect '"وزير الخارجية"' 20 'ووزير الخارجية' 'لوزير الخارجية'
expect ايران 40 إيران وإيران لإيران

"$KHABAR" stats --check > check || fail "integrity check: $(cat check)"
echo "search_corpus: ok"
