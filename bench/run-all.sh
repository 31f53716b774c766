#!/bin/sh
# run-all.sh - every benchmark in bench/ in one command (`make bench`): each
# figure the median of RUNS runs, beside a baseline measured in the same run,
# then one markdown table of the headline figures (the README's).
#
#   [RUNS=3] [PARTS="analyze ingest dedup extraction variants"] \
#       bench/run-all.sh [SHARED_DIR]          (default: ../shared)
#
# Parts, and the scripts and programs they drive (this file only parses):
#   analyze     bench_analyze over the SaudiNewsNet "content" fields: light,
#               none, snowball vs tokenize-only and `LC_ALL=C.UTF-8 wc -w`
#   ingest      ingest-vs-fts5.sh: ingest+index vs stock FTS5, DB sizes,
#               query latency (bench_search), peak RSS at 1x/2x/4x
#   dedup       dedup/bench_dedup vs dedup/minhash_numpy.py; dedup/score.py
#   extraction  extraction/score.py --speed (bench_html, lxml, readability)
#   variants    variant_counts.py: recall and precision of spelling variants
# MEM_RUNS (default RUNS) sets the runs of the memory measure alone: 7
# ingests of the corpus each (1x + 2x + 4x), the longest part by far.
# A part whose data or tools are missing is skipped with a message (exit 0);
# a part that fails is reported and the others still run (exit 1 at the end).
# Programs come from $KH_BUILD (default build/; KHABAR, BENCH_ANALYZE,
# BENCH_SEARCH, BENCH_DEDUP, BENCH_HTML override one each).  The table is
# also written to $KH_BENCH_OUT when set.  Work files go to $TMPDIR (about
# 2 GB for the 4x memory run).  Times are CPU seconds where the program
# measures both (the machine may be shared): wall time is printed beside.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${KH_BUILD:-$root/build}
export KHABAR="${KHABAR:-$build/khabar}"
export BENCH_SEARCH="${BENCH_SEARCH:-$build/bench/bench_search}"
bench_analyze=${BENCH_ANALYZE:-$build/bench/bench_analyze}
bench_dedup=${BENCH_DEDUP:-$build/bench/bench_dedup}
bench_html=${BENCH_HTML:-$build/bench/bench_html}
py=/usr/bin/python3
shared=${1:-$root/../shared}
zips=$shared/data/saudinewsnet
runs=${RUNS:-3}
mem_runs=${MEM_RUNS:-$runs}
parts=${PARTS:-analyze ingest dedup extraction variants}
export KHABAR_NO_PROGRESS=1

# ---- helpers -------------------------------------------------------------

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
# ratio A B: A/B as "1.23x" (three decimals below 1: "0.496x")
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (b <= 0) print "n/a"; else printf (a / b < 1 ? "%.3fx" : "%.2fx"), a / b }'
}
# quot A B: A/B unrounded, for verdict
quot() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.6f", a / b; else print 0 }'; }
# verdict VALUE OP LIMIT: "met" or "NOT met" (OP: le, ge, lt)
verdict() {
    awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
        ok = op == "le" ? v <= l : op == "ge" ? v >= l : v < l
        print ok ? "met" : "NOT met" }'
}
# row MEASURE KHABAR BASELINE RATIO GOAL: one line of the final table
row() { printf '| %s | %s | %s | %s | %s |\n' "$@" >> "$work/table"; }
# field LABEL FILE: the first number after LABEL at the start of a line
field() {
    sed -n "s/^$1  *\([0-9][0-9.]*\).*/\1/p" "$2" | head -n 1
}
load() { echo "   machine load $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"; }
skip() {
    echo "== $part: skipped: $1"
    echo "$part ($1)" >> "$work/skipped"
    exit 0
}
need_zips() { [ -d "$zips" ] || skip "no SaudiNewsNet corpus at $zips"; }
need_py() {
    [ -x "$py" ] || skip "$py not found"
    "$py" -c "import $1" 2>/dev/null || skip "$py cannot import $1 (Debian: $2)"
}
need_prog() {
    for p in "$@"; do
        [ -x "$p" ] || skip "$p is not built (make)"
    done
}
# show FILE CMD...: CMD's output on the terminal as it comes and in FILE;
# fails when CMD fails (a plain `CMD | tee` would hide that)
show() {
    out=$1
    shift
    { rc=0; "$@" || rc=$?; echo "$rc" > "$out.rc"; } | tee "$out"
    [ "$(cat "$out.rc")" = 0 ]
}
# medians LABEL: the median of `field LABEL` over $work/$part.1 .. .RUNS
medians() {
    i=0
    while [ "$i" -lt "$runs" ]; do
        i=$((i + 1))
        field "$1" "$work/$part.$i"
    done | median
}

# ---- parts (each runs in a process of its own: see the end) --------------

part_analyze() {
    need_zips
    need_py json
    need_prog "$bench_analyze"
    echo "== analyser over the SaudiNewsNet contents, median of $runs runs (MB/s of CPU time)"
    load
    # the "content" fields, one article after another, read as the ingest
    # baseline reads the zips
    PYTHONPATH=$here "$py" -c '
import sys
from fts5_baseline import records
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for path in sys.argv[2:]:
        for r in records(path):
            out.write((r.get("content") or "") + "\n\n")
' "$work/corpus.txt" "$zips"/*.zip
    show "$work/analyze.out" "$bench_analyze" "$work/corpus.txt" "$runs"
    rm -f "$work/corpus.txt"
    wc=$(awk '$1 == "wc" { print $3 }' "$work/analyze.out")
    tok=$(field tokenize-only "$work/analyze.out")
    for stem in light none snowball; do
        v=$(field "$stem" "$work/analyze.out")
        r=$(ratio "$v" "$wc")
        goal="-"
        [ "$stem" = light ] && goal=">= 1x wc -w: $(verdict "$(quot "$v" "$wc")" ge 1)"
        row "analyser, $stem stemmer, MB/s (CPU)" "$v" \
            "wc -w $wc / tokenize-only $tok" "$r / $(ratio "$v" "$tok")" "$goal"
    done
}

part_ingest() {
    need_zips
    need_py sqlite3
    need_prog "$KHABAR" "$BENCH_SEARCH" /usr/bin/time
    echo "== ingest+index, database size, query latency (ingest-vs-fts5.sh, $runs runs)"
    load
    show "$work/ingest.out" \
        "$here/ingest-vs-fts5.sh" "$shared" "$runs" "ingest size latency"
    o=$work/ingest.out
    # shellcheck disable=SC2046 # two numbers, split on purpose
    set -- $(awk '/^khabar +[0-9.]+ s wall/ { print $2, $5 }' "$o")
    kw=$1 kc=$2
    # shellcheck disable=SC2046 # two numbers, split on purpose
    set -- $(awk '/^stock FTS5 +[0-9.]+ s wall/ { print $3, $6 }' "$o")
    sw=$1 sc=$2
    row "ingest+index of 18 zips, wall s" "$kw" "stock FTS5 $sw" \
        "$(ratio "$kw" "$sw")" "<= 1x: $(verdict "$(quot "$kw" "$sw")" le 1)"
    # the goal is on the time a user waits; CPU is shown beside it (khabar
    # spreads more work over the cores than stock FTS5 does on one)
    row "ingest+index of 18 zips, CPU s" "$kc" "stock FTS5 $sc" \
        "$(ratio "$kc" "$sc")" "-"
    kd=$(awk '/^khabar +[0-9.]+ MB$/ { print $2 }' "$o")
    sd=$(awk '/^stock FTS5 +[0-9.]+ MB/ { print $3 }' "$o")
    row "database size, MB" "$kd" "stock FTS5 $sd" "$(ratio "$kd" "$sd")" "-"
    # "khabar  p50 W / C ms  p99 W / C ms": the goal is on wall-clock
    # latency; CPU time beside it shows what the load added
    # shellcheck disable=SC2046 # four numbers, split on purpose
    set -- $(awk '$1 == "khabar" && $2 == "p50" { print $3, $5, $8, $10 }' "$o")
    k50=$1 k50c=$2 k99=$3 k99c=$4
    # shellcheck disable=SC2046
    set -- $(awk '$1 == "stock" && $2 == "p50" { print $3, $5, $8, $10 }' "$o")
    s50=$1 s50c=$2 s99=$3 s99c=$4
    row "query latency p50, ms wall (CPU)" "$k50 ($k50c)" \
        "stock FTS5 $s50 ($s50c)" "$(ratio "$k50" "$s50")" "-"
    row "query latency p99, ms wall (CPU)" "$k99 ($k99c)" \
        "stock FTS5 $s99 ($s99c)" "$(ratio "$k99" "$s99")" \
        "< 5 ms: $(verdict "$k99" lt 5)"
    echo
    echo "== peak RSS of ingest at 1x, 2x, 4x the corpus, median of $mem_runs runs"
    load
    : > "$work/mem.all"
    i=0
    while [ "$i" -lt "$mem_runs" ]; do
        i=$((i + 1))
        show "$work/mem.$i.out" "$here/ingest-vs-fts5.sh" "$shared" 1 memory
        cat "$work/mem.$i.out" >> "$work/mem.all"
    done
    for k in 1 2 4; do
        awk -v k="${k}x:" '$1 == k { print $4 }' "$work/mem.all" | median \
            > "$work/mem.$k"
    done
    m1=$(cat "$work/mem.1")
    row "ingest peak RSS at 1x (31,030 articles), MB" "$m1" "-" "-" "-"
    for k in 2 4; do
        m=$(cat "$work/mem.$k")
        row "ingest peak RSS at ${k}x, MB" "$m" "1x $m1" "$(ratio "$m" "$m1")" \
            "flat (<= 1.1x): $(verdict "$(quot "$m" "$m1")" le 1.10)"
    done
}

part_dedup() {
    need_zips
    need_py numpy python3-numpy
    need_prog "$bench_dedup"
    echo "== duplicates and stories: bench_dedup vs minhash_numpy.py, median of $runs runs (CPU s)"
    load
    # memory per article is counted, not timed: the 1x/2x/4x scaling and the
    # result files (for score.py) come from the first run only
    i=0
    while [ "$i" -lt "$runs" ]; do
        i=$((i + 1))
        if [ "$i" = 1 ]; then
            set -- --scale 1,2,4 --pairs "$work/pairs.tsv" \
                --stories-out "$work/stories.tsv"
        else
            set -- --scale 0
        fi
        "$bench_dedup" "$@" "$zips" > "$work/dedup.$i"
        "$py" "$here/dedup/minhash_numpy.py" "$zips" > "$work/numpy.$i"
    done
    cat "$work/dedup.1"
    echo
    cat "$work/numpy.1"
    echo
    "$py" "$here/dedup/score.py" --pairs "$work/pairs.tsv" \
        --stories "$work/stories.tsv" || echo "(dedup/score.py failed)"
    part=dedup
    tok=$(medians "tokenize only")
    mh=$(medians "shingles + MinHash + LSH + verify")
    sl=$(medians "signatures + LSH (alone, as numpy)")
    i=0
    while [ "$i" -lt "$runs" ]; do
        i=$((i + 1))
        sed -n 's/.*(\([0-9.]*\) ms per 1,000 articles, slowest batch \([0-9.]*\) ms).*/\1 \2/p' \
            "$work/dedup.$i"
    done > "$work/stories.ms"
    st=$(cut -d' ' -f1 "$work/stories.ms" | median)
    worst=$(cut -d' ' -f2 "$work/stories.ms" | median)
    part=numpy
    np=$(medians "signatures + LSH")
    echo "medians: MinHash+LSH $mh s, tokenize-only $tok s, numpy signatures+LSH $np s," \
        "stories $st ms per 1,000 (slowest batch $worst ms)"
    # like for like: the numpy version computes signatures and bands only
    row "MinHash signatures + LSH, 31,030 articles, CPU s" "$sl" \
        "numpy signatures+LSH $np" "$(ratio "$np" "$sl") faster" \
        ">= 10x: $(verdict "$(quot "$np" "$sl")" ge 10)"
    row "whole dedup step (shingles, MinHash, LSH, verification), CPU s" "$mh" \
        "numpy signatures+LSH $np" "$(ratio "$np" "$mh") faster" "-"
    row "MinHash+LSH vs tokenize-only, CPU s" "$mh" "tokenize-only $tok" \
        "$(ratio "$mh" "$tok")" "-"
    row "stories, ms per 1,000 articles (slowest batch)" "$st ($worst)" "-" "-" \
        "< 1000 ms per batch: $(verdict "$worst" lt 1000)"
    # "scale articles dedup-B/art stories-B/art seconds dedup-MB dedup-peak":
    # memory in total (MB) at 1x, 2x, 4x, which "flat" is about
    awk '$1 ~ /^[124]$/ && NF >= 6 {
        printf "%s %.1f %.1f\n", $1, $6, $2 * $4 / 1e6 }' \
        "$work/dedup.1" > "$work/mb"
    d1=$(awk '$1 == 1 { print $2 }' "$work/mb")
    s1=$(awk '$1 == 1 { print $3 }' "$work/mb")
    while read -r k d s; do
        if [ "$k" = 1 ]; then
            row "duplicate index / story state at 1x, MB" "$d / $s" "-" "-" "-"
        else
            row "duplicate index / story state at ${k}x, MB" "$d / $s" \
                "1x $d1 / $s1" "$(ratio "$d" "$d1") / $(ratio "$s" "$s1")" \
                "flat (<= 1.1x): $(verdict "$(quot "$d" "$d1")" le 1.10) / $(verdict "$(quot "$s" "$s1")" le 1.10)"
        fi
    done < "$work/mb"
}

part_extraction() {
    for set in zyte-benchmark trafilatura-eval; do
        [ -d "$shared/extraction/$set" ] ||
            skip "no extraction benchmark at $shared/extraction/$set"
    done
    need_py lxml python3-lxml
    need_py readability python3-readability
    need_prog "$bench_html"
    echo "== HTML extraction speed (extraction/score.py --speed), median of $runs runs"
    load
    show "$work/extraction.out" \
        "$py" "$here/extraction/score.py" --shared "$shared" --bench "$bench_html" \
        --sets none --speed --runs "$runs" --out "$work/extraction"
    o=$work/extraction.out
    # "LABEL  CPU s  MB/s  (wall ...)": the MB/s of CPU time
    mbs() { sed -n "s/^$1  *[0-9.]* s  *\([0-9.]*\) MB\/s.*/\1/p" "$o"; }
    kh=$(mbs 'khabar reader + kh_clean_article')
    sax=$(mbs 'libxml2 parse only (SAX, no handlers)')
    dom=$(mbs 'libxml2 parse only (DOM, htmlReadMemory)')
    rd=$(mbs 'readability-lxml')
    row "HTML extraction, 606 pages (90 MB), MB/s (CPU)" "$kh" \
        "libxml2 SAX parse-only $sax" "$(ratio "$kh" "$sax")" \
        ">= 0.5x: $(verdict "$(quot "$kh" "$sax")" ge 0.5)"
    row "HTML extraction vs libxml2 DOM parse" "$kh" \
        "libxml2 htmlReadMemory $dom" "$(ratio "$kh" "$dom")" \
        ">= 0.5x: $(verdict "$(quot "$kh" "$dom")" ge 0.5)"
    row "HTML extraction vs readability-lxml" "$kh" "readability-lxml $rd" \
        "$(ratio "$kh" "$rd")" ">= 5x: $(verdict "$(quot "$kh" "$rd")" ge 5)"
}

part_variants() {
    need_zips
    need_py sqlite3
    need_prog "$KHABAR"
    echo "== spelling variants: recall and precision of one-word searches (variant_counts.py)"
    echo "   (counts, not times: one run whatever RUNS says)"
    load
    "$KHABAR" ingest --quiet --db "$work/v.db" "$zips"/*.zip > /dev/null \
        || [ $? -eq 3 ]
    "$py" "$here/fts5_baseline.py" "$work/vs.db" "$zips"/*.zip > /dev/null
    show "$work/variants.out" \
        "$py" "$here/variant_counts.py" "$KHABAR" "$work/vs.db" "$work/v.db" \
        "$zips"/*.zip
    rm -f "$work"/v.db* "$work"/vs.db*
    n=$(grep -c '%' "$work/variants.out" || true)
    n=$((n - 1))
    # "mean | R Rf P | R Rf P" (stock, then khabar): six numbers
    # shellcheck disable=SC2046 # split on purpose
    set -- $(awk '$1 == "mean" { gsub(/[|%]/, ""); print $2, $3, $4, $5, $6, $7 }' \
        "$work/variants.out")
    row "variant search: recall, mean of $n queries, %" "$4" "stock FTS5 $1" \
        "$(ratio "$4" "$1")" ">= stock: $(verdict "$4" ge "$1")"
    row "variant search: recall of inflections (Rf), %" "$5" "stock FTS5 $2" \
        "$(ratio "$5" "$2")" "-"
    row "variant search: precision, mean, %" "$6" "stock FTS5 $3" \
        "$(ratio "$6" "$3")" "-"
}

# A part runs in a child process of this script, so that `set -e` holds
# inside it (it would not in a subshell tested with ||) and one failing
# part does not stop the others.
if [ -n "${KH_BENCH_PART:-}" ]; then
    work=$KH_BENCH_WORK
    part=$KH_BENCH_PART
    "part_$part"
    exit 0
fi

for n in "$runs" "$mem_runs"; do
    case $n in
        '' | *[!0-9]* | 0)
            echo "run-all.sh: RUNS and MEM_RUNS must be positive numbers" >&2
            exit 2 ;;
    esac
done
known="analyze ingest dedup extraction variants"
for part in $parts; do
    case " $known " in
        *" $part "*) ;;
        *) echo "run-all.sh: unknown part '$part' ($known)" >&2
           exit 2 ;;
    esac
done
work=$(mktemp -d "${TMPDIR:-/tmp}/kh-runall-XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
: > "$work/table"
: > "$work/skipped"
: > "$work/times"
failed=
started=$(date +%s)
cmd="RUNS=$runs${MEM_RUNS:+ MEM_RUNS=$mem_runs} PARTS=\"$parts\" bench/run-all.sh${1:+ $1}"
echo "khabar benchmarks: $cmd"
echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
    "$(date -u '+%Y-%m-%d %H:%M UTC'), programs from $build"
for part in $parts; do
    echo
    t0=$(date +%s)
    if ! KH_BENCH_PART=$part KH_BENCH_WORK=$work "$0" "$@"; then
        echo "== $part: FAILED (see above)"
        failed="$failed $part"
    fi
    echo "$part $(($(date +%s) - t0))" >> "$work/times"
done

{
    echo "| measure | khabar | baseline (same run) | ratio | goal |"
    echo "|---|---|---|---|---|"
    cat "$work/table"
    echo
    echo "Medians of $runs runs (peak RSS: of $mem_runs; variant search and memory"
    echo "per article: counted, in one run), $(nproc) cores, commit" \
        "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
        "$(date -u '+%Y-%m-%d'). Command: \`$cmd\`"
    [ -s "$work/skipped" ] && sed 's/^/Skipped: /' "$work/skipped"
    [ -n "$failed" ] && echo "Failed:$failed"
    true
} > "$work/summary"
echo
echo "== summary"
cat "$work/summary"
echo
echo "part runtimes (s): $(tr '\n' ' ' < "$work/times")total $(($(date +%s) - started))"
if [ -n "${KH_BENCH_OUT:-}" ]; then
    cp "$work/summary" "$KH_BENCH_OUT"
    echo "table written to $KH_BENCH_OUT"
fi
[ -z "$failed" ]
