#!/bin/sh
# clean.sh - `khabar clean` over the fixture pages in tests/fixtures/clean:
# the JSON shape, what is removed and why, learning an outlet's footer
# (and not, with --no-learn), stdin, --pretty, rejected records with their
# line numbers, exit codes and usage errors.  The transcript is compared
# with tests/cli/expected/clean.out (ids are masked: they are content
# hashes, checked for their form only).
set -u
: "${KHABAR:?set KHABAR to the khabar binary}"
: "${KH_FIXTURES:?set KH_FIXTURES to tests/fixtures}"
: "${KH_EXPECTED:?set KH_EXPECTED to tests/cli/expected}"
case "$KHABAR" in /*) ;; *) KHABAR="$PWD/$KHABAR" ;; esac
case "$KH_EXPECTED" in /*) ;; *) KH_EXPECTED="$PWD/$KH_EXPECTED" ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kh-clean-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cp "$KH_FIXTURES"/clean/*.txt "$KH_FIXTURES"/clean/*.jsonl "$tmp"/ || exit 1
cd "$tmp" || exit 1
export KHABAR_NO_PROGRESS=1
transcript="$tmp/transcript"
: > "$transcript"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# run_from INPUT ARGS...: append "$ khabar ARGS < INPUT", stdout with ids
# masked, stderr and the exit code to the transcript.  Every id must be 16
# hex digits.  run ARGS... is the same with no input.
run_from() {
    input=$1
    shift
    echo "\$ khabar $* < $input" >> "$transcript"
    "$KHABAR" "$@" > stdout 2> stderr < "$input"
    rc=$?
    if grep -q '"id"' stdout &&
       grep '"id"' stdout | grep -v -q '"id": *"[0-9a-f]\{16\}"'; then
        fail "an id is not 16 hex digits: $(grep '"id"' stdout | head -1)"
    fi
    sed 's/"id": *"[0-9a-f]\{16\}"/"id":"H"/' stdout >> "$transcript"
    sed 's/^/stderr: /' stderr >> "$transcript"
    echo "exit $rc" >> "$transcript"
}

run() {
    run_from /dev/null "$@"
}

run clean related.txt
run clean chrome.txt wire.txt
run clean --pretty feed.txt
run clean outlet.jsonl
run clean --no-learn outlet.jsonl
run_from spa.txt clean --format text -
run_from outlet.jsonl clean --format jsonl --field-title url -
run clean --source mithal resume.txt
run clean no-such-file.txt
run clean --format nonsense related.txt
run clean --bogus related.txt
run clean
"$KHABAR" clean --help | grep -q '^usage: khabar clean' || fail "--help"

if [ "${KH_BLESS:-0}" = 1 ]; then
    cp "$transcript" "$KH_EXPECTED/clean.out"
    echo "clean: expected output written"
    exit 0
fi
if ! diff -u "$KH_EXPECTED/clean.out" "$transcript"; then
    echo "clean: output differs from expected/clean.out (diff above)" >&2
    exit 1
fi
echo "clean: ok"
