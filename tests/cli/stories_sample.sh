#!/bin/sh
# stories_sample.sh - the sample corpus (data/sample) grouped exactly as its
# labels say: three stories (one across midnight with a follow-up a day
# later, undated text pages placed by content), three duplicate clusters,
# and template texts (weather bulletins, congratulation cables) in neither
# one story nor one cluster.  Checked after one ingest, after six (one
# outlet at a time: the saved state is loaded back five times), and after
# a rebuild.  The expected groups are tests/fixtures/dedup/sample_stories.tsv.
set -u
: "${KHABAR:?set KHABAR to the khabar binary}"
: "${KH_FIXTURES:?set KH_FIXTURES to tests/fixtures}"
: "${KH_SOURCE:?set KH_SOURCE to the repository}"
case "$KHABAR" in /*) ;; *) KHABAR="$PWD/$KHABAR" ;; esac
case "$KH_FIXTURES" in /*) ;; *) KH_FIXTURES="$PWD/$KH_FIXTURES" ;; esac
case "$KH_SOURCE" in /*) ;; *) KH_SOURCE="$PWD/$KH_SOURCE" ;; esac
sample="$KH_SOURCE/data/sample"
[ -f "$sample/labels.json" ] || { echo "skip: no data/sample"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kh-sample-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export KHABAR_NO_PROGRESS=1

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# check DB: every article's story and duplicate cluster against the groups
check() {
    "$KHABAR" export --db "$1" > export.jsonl || fail "export of $1"
    sed -n 's/^{"id":"\([0-9a-f]*\)".*"title":"\(.*\)","story":\([0-9]*\),"duplicate_of":\(.*\)}$/\1	\2	\3	\4/p' \
        export.jsonl > table
    [ "$(wc -l < table)" = "$(wc -l < export.jsonl)" ] || fail "export shape"
    awk -F'\t' -v what="$2" '
        FNR == NR {                      # the fixture: group, title
            if ($0 ~ /^#/) next
            if (index(group[$2] " ", " " $1 " ") == 0)
                group[$2] = group[$2] " " $1
            size[$1]++; next
        }
        {                                # the table: id, title, story, dup
            dup = $4 == "null" ? $1 : substr($4, 2, 16)
            count_story[$3]++; count_dup[dup]++
            n = split(group[$2], gs, " ")
            if (n == 0) other[$3] = 1
            for (i = 1; i <= n; i++) {
                g = gs[i]; seen[g]++
                key = g ~ /^story:/ ? $3 : g ~ /^dup:/ ? dup : $3 "/" dup
                if (g ~ /^template:/) {
                    if ((g, $3) in tstory || (g, dup) in tdup)
                        bad = bad " " g " share a story or a cluster;"
                    tstory[g, $3] = 1; tdup[g, dup] = 1
                } else if (g in at && at[g] != key) {
                    bad = bad " " g " is split;"
                }
                at[g] = key
            }
        }
        END {
            for (g in size) {
                if (!(g in seen)) bad = bad " " g " missing;"
                if (g ~ /^story:/ && count_story[at[g]] != seen[g])
                    bad = bad " " g " holds " count_story[at[g]] \
                          " articles, not " seen[g] ";"
                if (g ~ /^dup:/ && count_dup[at[g]] != seen[g])
                    bad = bad " " g " holds " count_dup[at[g]] \
                          " articles, not " seen[g] ";"
            }
            for (g in at) for (h in at)
                if (g < h && g ~ /^story:/ && h ~ /^story:/ && at[g] == at[h])
                    bad = bad " " g " and " h " are one story;"
            if (bad != "") { print what ":" bad; exit 1 }
        }' "$KH_FIXTURES/dedup/sample_stories.tsv" table ||
        fail "the groups of data/sample after $2"
}

"$KHABAR" ingest --db one.db "$sample"/*/ > /dev/null 2> err ||
    { cat err >&2; fail "ingest of data/sample"; }
check one.db "one ingest"
"$KHABAR" stories --db one.db --min-outlets 2 > out || fail "stories"
[ "$(tail -1 out)" = "3 stories" ] || fail "three multi-outlet stories: $(tail -1 out)"

for dir in "$sample"/*/; do
    "$KHABAR" ingest --db six.db "$dir" > /dev/null 2> err ||
        { cat err >&2; fail "ingest of $dir"; }
done
check six.db "six ingests"

"$KHABAR" stories --db six.db --rebuild > /dev/null 2> err ||
    { cat err >&2; fail "rebuild"; }
check six.db "a rebuild"
echo "stories_sample: ok"
