#!/usr/bin/python3
"""scale_corpus.py - the SaudiNewsNet articles K times over, as JSON lines,
for the memory benchmark: copy k > 0 of each article gets '?copy=k' added to
its URL (so it is a new article, with the same text) and is dated k years
later, as a corpus K times as long would be: its duplicates and stories are
looked for among its own year's articles, not among the earlier copies.

    scale_corpus.py K OUT.jsonl ZIP...
"""
import json
import sys
import zipfile


def later(date, years):
    """date ("YYYY-..." or None) moved on by whole years."""
    if not date or not date[:4].isdigit():
        return date
    return "%04d%s" % (int(date[:4]) + years, date[4:])


def main():
    k, out, zips = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    with open(out, "w", encoding="utf-8") as f:
        for copy in range(k):
            for path in zips:
                with zipfile.ZipFile(path) as zf:
                    for name in sorted(zf.namelist()):
                        for r in json.loads(zf.read(name)):
                            if copy:
                                sep = "&" if "?" in (r.get("url") or "") else "?"
                                r["url"] = "%s%scopy=%d" % (r.get("url") or "",
                                                            sep, copy)
                                r["date_extracted"] = later(
                                    r.get("date_extracted"), copy)
                            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
