#!/bin/sh
# analyze.sh - `khabar analyze`: the token table and --json lines, each
# stemmer and folding option (hamza too), the suffix rules (names keep
# ان ين ون, no stem lands on a stopword), stdin, --freq over plain text
# and over articles read through the reader, usage errors and exit codes.
# The transcript is compared with tests/cli/expected/analyze.out
# (KH_BLESS=1 rewrites it after a deliberate change).
set -u
: "${KHABAR:?set KHABAR to the khabar binary}"
: "${KH_FIXTURES:?set KH_FIXTURES to tests/fixtures}"
: "${KH_EXPECTED:?set KH_EXPECTED to tests/cli/expected}"
case "$KHABAR" in /*) ;; *) KHABAR="$PWD/$KHABAR" ;; esac
case "$KH_EXPECTED" in /*) ;; *) KH_EXPECTED="$PWD/$KH_EXPECTED" ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kh-analyze-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cp "$KH_FIXTURES"/analyze/* "$tmp"/ || exit 1
cd "$tmp" || exit 1
export KHABAR_NO_PROGRESS=1
transcript="$tmp/transcript"
: > "$transcript"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# run_from INPUT ARGS...: append the command, its stdout, its stderr and
# its exit code to the transcript.  run ARGS... reads no input.
run_from() {
    input=$1
    shift
    echo "\$ khabar $* < $input" >> "$transcript"
    "$KHABAR" "$@" > stdout 2> stderr < "$input"
    rc=$?
    cat stdout >> "$transcript"
    sed 's/^/stderr: /' stderr >> "$transcript"
    echo "exit $rc" >> "$transcript"
}

run() {
    run_from /dev/null "$@"
}

printf '%s' 'لوزير الخارجيّة: وإيران' > query.txt

run analyze 'قال وزير الخارجية في الرقّة: التنسيق مع روسيا، ٣٫٥٪ و1,000 Hello'
run analyze --json 'بالرقة والـرقة الرقه بوروسيا وبريطانيا ألمانيا'
run analyze --json --stemmer snowball 'بالرقة وزير فلسطين والمعلمون'
run analyze --stemmer none --no-clitics 'والتنسيق بالرقة'
run analyze --no-fold-ta-marbuta --no-fold-alef-maqsura 'الرقة مستشفى'
run analyze 'مسؤول مسئول للشئون لبنان سلمان البحرين السعودية سعود الولايات الجهات برقية'
run analyze --no-fold-hamza 'مسؤول مسئول للشئون'
run_from query.txt analyze -
run_from query.txt analyze --json
run analyze --freq 5 corpus.txt
run analyze --freq 3 --json --with-stopwords corpus.txt
run analyze --freq 4 analyze_articles.json
run_from corpus.txt analyze --freq 2 -
run analyze ''
run analyze --stemmer porter 'نص'
run analyze --freq many corpus.txt
run analyze --freq 3
run analyze --freq 3 no-such-file.txt
run analyze --bogus 'نص'
run analyze 'نص' 'آخر'
"$KHABAR" analyze --help | grep -q '^usage: khabar analyze' || fail "--help"

if [ "${KH_BLESS:-0}" = 1 ]; then
    cp "$transcript" "$KH_EXPECTED/analyze.out"
    echo "analyze: expected output written"
    exit 0
fi
if ! diff -u "$KH_EXPECTED/analyze.out" "$transcript"; then
    echo "analyze: output differs from expected/analyze.out (diff above)" >&2
    exit 1
fi
echo "analyze: ok"
