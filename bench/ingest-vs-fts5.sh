#!/bin/sh
# ingest-vs-fts5.sh - khabar ingest+index of the SaudiNewsNet zips against
# the stock-FTS5 baseline (bench/fts5_baseline.py) on the same articles,
# both measured in this run; then database sizes, query latency
# (bench_search over bench/queries.txt) and peak memory of ingest at 1x,
# 2x and 4x the corpus (articles re-emitted with altered URLs, a year later
# each time: scale_corpus.py).
#
#   bench/ingest-vs-fts5.sh [SHARED_DIR] [RUNS] [PARTS]
#
# PARTS (default "ingest size latency memory") picks what to measure; size
# and latency use the database of the ingest part.
# Needs build/khabar and build/bench/bench_search (make), /usr/bin/python3
# and /usr/bin/time.  Work files go to $TMPDIR (about 2 GB at 4x).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
shared=${1:-$root/../shared}
runs=${2:-3}
parts=${3:-ingest size latency memory}
zips="$shared/data/saudinewsnet"
khabar=${KHABAR:-$root/build/khabar}
bench_search=${BENCH_SEARCH:-$root/build/bench/bench_search}
py=/usr/bin/python3
if [ ! -d "$zips" ]; then
    echo "ingest-vs-fts5: no corpus at $zips; skipped" >&2
    exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/kh-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
export KHABAR_NO_PROGRESS=1

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# timing FILE: "wall cpu" from /usr/bin/time -f "%e %U %S" output (the last
# line: a command that exits non-zero gets a line of its own first)
timing() { tail -n 1 "$1" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'; }

part_ingest() {
    echo "== ingest+index of $(ls "$zips"/*.zip | wc -l) zips, median of $runs runs (wall s, cpu s)"
    echo "   khabar with ${KHABAR_THREADS:-$(nproc)} threads (KHABAR_THREADS), machine load $(cut -d' ' -f1-3 /proc/loadavg)"
    : > "$work/k.times"
    : > "$work/s.times"
    i=0
    while [ "$i" -lt "$runs" ]; do
        i=$((i + 1))
        rm -f "$work"/k.db*
        /usr/bin/time -f "%e %U %S" -o "$work/t" "$khabar" ingest --quiet \
            --db "$work/k.db" "$zips"/*.zip > "$work/k.summary" || [ $? -eq 3 ]
        timing "$work/t" >> "$work/k.times"
        /usr/bin/time -f "%e %U %S" -o "$work/t" "$py" "$here/fts5_baseline.py" \
            "$work/s.db" "$zips"/*.zip > /dev/null
        timing "$work/t" >> "$work/s.times"
    done
    kw=$(cut -d' ' -f1 "$work/k.times" | median)
    kc=$(cut -d' ' -f2 "$work/k.times" | median)
    sw=$(cut -d' ' -f1 "$work/s.times" | median)
    sc=$(cut -d' ' -f2 "$work/s.times" | median)
    echo "khabar      $kw s wall, $kc s cpu   (runs: $(tr '\n' ';' < "$work/k.times"))"
    echo "stock FTS5  $sw s wall, $sc s cpu   (runs: $(tr '\n' ';' < "$work/s.times"))"
    awk -v kw="$kw" -v sw="$sw" -v kc="$kc" -v sc="$sc" \
        'BEGIN { printf "ratio       %.2fx wall, %.2fx cpu (khabar / stock)\n", kw / sw, kc / sc }'
    grep -E '^(read|added|rejected|lines)' "$work/k.summary"
}

part_size() {
    echo
    echo "== database size"
    size() { du -b "$1" | awk '{ printf "%.1f MB\n", $1 / 1e6 }'; }
    "$khabar" stats --db "$work/k.db" > /dev/null  # a read closes the WAL
    echo "khabar      $(size "$work/k.db")"
    echo "stock FTS5  $(size "$work/s.db") (text and index)"
    "$py" - "$work/k.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
parts = {}
for name, size in db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
    key = ("search index" if name.startswith("articles_fts") else
           "articles (text, pages, metadata)" if name.startswith("articles") or name == "sources" else
           "duplicates and stories" if name.startswith(("dup_", "story_")) else
           "chrome counts" if name.startswith("chrome") else "other")
    parts[key] = parts.get(key, 0) + size
for key, size in sorted(parts.items(), key=lambda kv: -kv[1]):
    print("  %-34s %6.1f MB" % (key, size / 1e6))
PY
}

part_latency() {
    echo
    echo "== query latency ($(grep -cv '^#' "$here/queries.txt") queries)"
    "$bench_search" "$work/k.db" "$here/queries.txt" "$work/s.db" 7 | tail -4
}

part_memory() {
    echo
    echo "== peak memory of ingest"
    # every scale from JSON lines, 1x too: read from the zips, 1x would
    # hold other buffers than 2x and 4x (about 20 MB less)
    for k in 1 2 4; do
        rm -f "$work"/m.db*
        "$py" "$here/scale_corpus.py" "$k" "$work/x$k.jsonl" "$zips"/*.zip
        /usr/bin/time -f "%M %e" -o "$work/mem" "$khabar" ingest --quiet \
            --db "$work/m.db" "$work/x$k.jsonl" > /dev/null || [ $? -eq 3 ]
        set -- $(tail -n 1 "$work/mem")  # "KB SECONDS" (see timing above)
        kb=$1 secs=$2
        echo "${k}x: peak RSS $((kb / 1024)) MB, $secs s"
        rm -f "$work/x$k.jsonl"
    done
}

case " $parts " in *" size "*|*" latency "*)
    case " $parts " in *" ingest "*) ;; *) runs=1 part_ingest ;; esac ;;
esac
for part in $parts; do
    "part_$part"
done
