#!/bin/sh
# lock_busy.sh - a database locked by another process: a writer waits about
# two seconds, then fails with exit 4 and a message that says so; readers
# (search, stats) are not blocked; once the lock is gone, ingest works.
# The lock is held by the sqlite3 shell, or by Python's sqlite3 module.
. "$(dirname "$0")/ingest_helpers.inc"

"$KHABAR" ingest --quiet ingest-day2.jsonl > /dev/null || fail "first ingest"

# hold_lock DB SECONDS: take SQLite's write lock from another process.
if command -v sqlite3 > /dev/null 2>&1; then
    hold_lock() {
        { echo "BEGIN IMMEDIATE;"; sleep "$2"; echo "ROLLBACK;"; } |
            sqlite3 "$1" > /dev/null 2>&1
    }
elif command -v python3 > /dev/null 2>&1; then
    hold_lock() {
        python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
time.sleep(float(sys.argv[2]))
c.execute("ROLLBACK")' "$1" "$2"
    }
else
    echo "lock_busy: needs the sqlite3 shell or python3 to hold a lock" \
         "from another process; skipped"
    exit 77
fi

now() { date +%s.%N; }
hold_lock news.db 6 &
holder=$!
sleep 1

started=$(now)
run ingest ingest-day1.jsonl
waited=$(awk -v a="$started" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
awk -v w="$waited" 'BEGIN { exit !(w >= 1.5 && w < 5.5) }' ||
    fail "ingest should wait about 2 s for the lock, waited $waited s"
run search --limit 1 تمديد
run stats

wait "$holder"
run ingest --quiet ingest-day1.jsonl
compare lock_busy
