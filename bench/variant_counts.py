#!/usr/bin/python3
"""variant_counts.py - how many of the articles that contain a word, in any
of its attached-clitic and spelling variants, a search finds: the stock
FTS5 tokenizer (unicode61) against khabar's.

    variant_counts.py KHABAR STOCK_DB KHABAR_DB ZIP...

The ground truth is computed here, independently of khabar: an article
holds the word when one of the words of its title or text, after folding
the spelling (diacritics and tatweel dropped, alef forms -> ا, ة -> ه,
ى -> ي), is the query word with attached clitics: و/ف, then ب/ك/ل, then
ال (ل + ال written لل).  A query written with ال must keep it (الرقة, the
city, is not رقة).  Articles are matched by URL.
"""
import json
import re
import sqlite3
import subprocess
import sys
import zipfile

QUERIES = ["روسيا", "التنسيق", "إيران", "ايران", "داعش", "الرقة", "الرقه",
           "مدرسة", "السعودية"]

MARKS = re.compile("[\u064B-\u065F\u0670\u0640]")
WORD = re.compile("[\u0621-\u063A\u0641-\u064A\u0671-\u06D3]+")


def fold(s):
    s = MARKS.sub("", s)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ة", "ه"),
                 ("ى", "ي")):
        s = s.replace(a, b)
    return s


def variants(query):
    q = fold(query)
    if q.startswith("ال"):
        base = re.escape(q[2:])
        return re.compile("^(?:[وف]?[بك]?ال|[وف]?لل)" + base + "$")
    return re.compile("^[وف]?[بكل]?(?:ال)?" + re.escape(q) + "$")


def articles(zips):
    for path in zips:
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                for r in json.loads(zf.read(name)):
                    if (r.get("content") or "").strip():
                        yield r.get("url") or "", (r.get("title") or "") + \
                            "\n" + r["content"]


def main():
    khabar, stock_db, khabar_db, zips = sys.argv[1], sys.argv[2], \
        sys.argv[3], sys.argv[4:]
    patterns = {q: variants(q) for q in QUERIES}
    truth = {q: set() for q in QUERIES}
    for url, text in articles(zips):
        words = set(WORD.findall(fold(text)))
        for q, pat in patterns.items():
            if any(pat.match(w) for w in words):
                truth[q].add(url)
    stock = sqlite3.connect(stock_db)
    print("%-10s %8s | %8s %8s | %8s %8s %7s" % (
        "query", "truth", "stock", "recall", "khabar", "recall", "other"))
    for q in QUERIES:
        s = {row[0] for row in stock.execute(
            "SELECT url FROM articles WHERE articles MATCH ?",
            ('"%s"' % q,))}
        out = subprocess.run([khabar, "search", "--db", khabar_db, "--json",
                              "--limit", "1000000", q],
                             capture_output=True, text=True).stdout
        k = {json.loads(line)["url"] for line in out.splitlines() if line}
        g = truth[q]
        print("%-10s %8d | %8d %7.1f%% | %8d %7.1f%% %7d" % (
            q, len(g), len(s), 100.0 * len(s & g) / max(len(g), 1),
            len(k), 100.0 * len(k & g) / max(len(g), 1), len(k - g)))
    print("\n'other': khabar hits without the word in any variant counted"
          " here (other forms of the stem, e.g. روسية; or stem collisions).")


if __name__ == "__main__":
    main()
