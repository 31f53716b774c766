#!/usr/bin/python3
"""fts5_baseline.py - the baseline khabar's ingest is measured against:
read the same inputs (SaudiNewsNet .zip files of JSON arrays, or JSON-lines
files) with Python and index them in SQLite FTS5 with its stock unicode61
tokenizer, in one transaction, WAL mode.

    fts5_baseline.py OUT.db INPUT...

Prints the seconds taken (reading included) and the article count.  The
table is articles(title, text, url UNINDEXED); bench_search and
variant_counts.py query it.
"""
import json
import os
import sqlite3
import sys
import time
import zipfile


def records(path):
    if path.endswith(".zip"):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                yield from json.loads(zf.read(name))
    else:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def main():
    out, inputs = sys.argv[1], sys.argv[2:]
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(out + suffix):
            os.remove(out + suffix)
    started = time.monotonic()
    db = sqlite3.connect(out)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("CREATE VIRTUAL TABLE articles USING fts5(title, text,"
               " url UNINDEXED)")
    n = 0
    with db:
        for path in inputs:
            rows = [(r.get("title") or "", r.get("content") or "",
                     r.get("url") or "")
                    for r in records(path) if (r.get("content") or "").strip()]
            db.executemany("INSERT INTO articles(title, text, url)"
                           " VALUES (?, ?, ?)", rows)
            n += len(rows)
    db.close()
    print("%.3f %d" % (time.monotonic() - started, n))


if __name__ == "__main__":
    main()
