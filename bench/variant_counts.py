#!/usr/bin/python3
"""variant_counts.py - recall and precision of one-word searches: the stock
FTS5 tokenizer (unicode61) against khabar's, over a list of queries (names
with and without hamza, ة/ه, ى/ي, hamza seats, nouns with clitics, plurals).

    variant_counts.py KHABAR STOCK_DB KHABAR_DB ZIP...

STOCK_DB is made by bench/fts5_baseline.py, KHABAR_DB by `khabar ingest`,
both from the same ZIPs.  Articles are matched by URL.

The truth is computed here, independently of khabar, by a rule written per
query (QUERIES below).  Each word of an article's title and text is folded
(diacritics and tatweel dropped, أ إ آ ٱ -> ا, ة -> ه, ى -> ي; hamza seats
are kept; Persian ی ک read as ي ك) and matched against two sets of forms:

  exact   the query word as written, and its other spellings of the same
          word (مسؤول/مسئول), with attached clitics: و/ف, then ب/ك/ل, then
          ال (ل + ال written لل).  A form written with ال must keep it (الرقة,
          the city, is not رقة); otherwise the article is optional.
  family  exact, plus the word's inflections: attached pronouns, dual,
          sound plural, ة of the feminine, and its relation adjective
          (nisba: ايران -> ايراني, مدرسة -> مدرسي, مسؤول -> مسؤولية),
          with the same clitics.
          Other words that share letters (برقية or الرقي for الرقة, مدرس
          "teacher" for مدرسة, سعود for السعودية) are not in it.

  R   recall: share of the exact articles found
  Rf  recall of the family articles
  P   precision: share of the hits that hold a family form
  fp  hits holding no family form (stem collisions, unrelated words)

Some truths are judgement calls, written down here: رئيسي ("main") is not
in رئيس's family; مدرسات (female teachers) is in مدرسة's as its plural;
رؤى (folded رؤي) is رؤية's plural.
"""
import json
import re
import sqlite3
import subprocess
import sys
import zipfile

MARKS = re.compile("[\u064B-\u065F\u0670\u0640]")
WORD = re.compile("[\u0621-\u063A\u0641-\u064A\u0671-\u06D3]+")

# Inflection endings, as regular expressions over folded words.
PRON = "(?:ه|ها|هم|هما|هن|ك|كم|كما|نا|ي)"


def masc(stem):
    """A masculine noun: dual, sound plural, ات, construct, pronouns."""
    return stem + "(?:ان|ين|ون|ات|ا|ي|و)?" + PRON + "?"


def fem(stem):
    """A feminine noun stem + ة: ة, ت + pronoun, dual, ات plural."""
    return stem + "(?:ه|ت" + PRON + "|تين|تان|تا|تي|ات" + PRON + "?)"


def nisba(adj):
    """A relation adjective ending in ي: feminine (also as the abstract
    noun: مسؤولية), dual, plurals, pronouns after ة and ات."""
    return adj + "(?:ه|ت" + PRON + "|ين|ون|ان|تين|تان|ات" + PRON + "?)?"


def alt(*forms):
    return "(?:" + "|".join(forms) + ")"


MASUL = alt(masc("مسؤول"), masc("مسئول"), nisba("مسؤولي"), nisba("مسئولي"))

# query -> (exact forms, family regex); forms are folded and clitic-free.
QUERIES = [
    ("روسيا", ["روسيا"], alt("روسيا", nisba("روسي"))),
    ("إيران", ["ايران"], alt("ايران", nisba("ايراني"))),
    ("ايران", ["ايران"], alt("ايران", nisba("ايراني"))),
    ("لبنان", ["لبنان"], alt("لبنان", nisba("لبناني"))),
    ("طهران", ["طهران"], "طهران"),
    ("سلمان", ["سلمان"], "سلمان"),
    ("سليمان", ["سليمان"], "سليمان"),
    ("رمضان", ["رمضان"], alt("رمضان", nisba("رمضاني"))),
    ("البحرين", ["البحرين"], alt("البحرين", nisba("بحريني"))),
    ("فلسطين", ["فلسطين"], alt("فلسطين", nisba("فلسطيني"))),
    ("اليمن", ["اليمن"], alt("اليمن", nisba("يمني"))),
    ("أمريكا", ["امريكا"], alt("امريكا", nisba("امريكي"))),
    ("داعش", ["داعش"], alt("داعش", nisba("داعشي"))),
    ("الرقة", ["الرقه"], "الرقه"),
    ("الرقه", ["الرقه"], "الرقه"),
    ("جدة", ["جده"], "جده"),
    ("مكة", ["مكه"], alt("مكه", nisba("مكي"))),
    ("دبي", ["دبي"], "دبي"),
    ("السعودية", ["السعوديه"], nisba("سعودي")),
    ("التنسيق", ["تنسيق"], alt(masc("تنسيق"), nisba("تنسيقي"))),
    ("مدرسة", ["مدرسه"], alt(fem("مدرس"), nisba("مدرسي"))),
    ("ورقة", ["ورقه"], alt("ورق", fem("ورق"), nisba("ورقي"))),
    ("بيان", ["بيان"], masc("بيان")),
    ("الولايات", ["الولايات"], fem("ولاي")),
    ("حالات", ["حالات"], fem("حال")),
    ("الداخلية", ["الداخليه"], nisba("داخلي")),
    ("جهات", ["جهات"], fem("جه")),
    ("قوات", ["قوات"], fem("قو")),
    ("اللغة", ["لغه"], fem("لغ")),
    ("سنة", ["سنه"], alt(fem("سن"), "سنوات" + PRON + "?")),
    ("مستشفى", ["مستشفي"], alt("مستشفي" + PRON + "?",
                                "مستشفيات" + PRON + "?")),
    ("مستشفي", ["مستشفي"], alt("مستشفي" + PRON + "?",
                                "مستشفيات" + PRON + "?")),
    ("الأمير", ["امير"], alt(masc("امير"), fem("امير"))),
    ("المعلمين", ["معلمين"], alt(masc("معلم"), fem("معلم"))),
    ("مسؤول", ["مسؤول", "مسئول"], MASUL),
    ("مسئول", ["مسؤول", "مسئول"], MASUL),
    ("المسؤولين", ["مسؤولين", "مسئولين"], MASUL),
    ("شؤون", ["شؤون", "شئون"], alt("شؤون" + PRON + "?", "شئون" + PRON + "?")),
    ("شئون", ["شؤون", "شئون"], alt("شؤون" + PRON + "?", "شئون" + PRON + "?")),
    ("رئيس", ["رئيس"], alt(masc("رئيس"), fem("رئيس"))),
    ("رؤية", ["رؤيه", "رئيه"], alt(fem("رؤي"), fem("رئي"), "رؤي")),
    ("هيئة", ["هيئه"], fem("هيئ")),
]


def fold(s):
    s = MARKS.sub("", s)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ة", "ه"),
                 ("ى", "ي"), ("ی", "ي"), ("ک", "ك")):
        s = s.replace(a, b)
    return s


def clitic_pattern(form):
    """A folded form with its attached clitics; the article is required
    when the form is written with it."""
    if form.startswith("ال"):
        return "(?:[وف]?[بك]?ال|[وف]?لل)" + form[2:]
    return "[وف]?[بكل]?(?:ال)?" + form


def compile_query(exact, family):
    ex = re.compile("^" + alt(*(clitic_pattern(re.escape(f))
                                 for f in exact)) + "$")
    fam = re.compile("^(?:" + ex.pattern + "|[وف]?[بكل]?(?:ال)?" + family +
                     "|[وف]?لل" + family + ")$")
    return ex, fam


def articles(zips):
    """(url, title + text) of every article with content."""
    for path in zips:
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                for r in json.loads(zf.read(name)):
                    if (r.get("content") or "").strip():
                        yield r.get("url") or "", (r.get("title") or "") + \
                            "\n" + r["content"]


def truths(docs):
    """{query: (exact urls, family urls)} over (url, text) pairs."""
    compiled = [(q, *compile_query(ex, fam)) for q, ex, fam in QUERIES]
    out = {q: (set(), set()) for q, _, _ in QUERIES}
    for url, text in docs:
        words = set(WORD.findall(fold(text)))
        for q, ex, fam in compiled:
            fw = [w for w in words if fam.match(w)]
            if fw:
                out[q][1].add(url)
                if any(ex.match(w) for w in fw):
                    out[q][0].add(url)
    return out


def pct(a, b):
    return 100.0 * a / b if b else 100.0


def report(truth, stock_hits, khabar_hits):
    """Print the table; both hit arguments map query -> set of urls."""
    print("%-10s %6s %6s | %6s %6s %6s %6s | %6s %6s %6s %6s %5s" % (
        "query", "exact", "family", "stock", "R", "Rf", "P", "khabar", "R",
        "Rf", "P", "fp"))
    sums = {"s": [0.0, 0.0, 0.0], "k": [0.0, 0.0, 0.0]}
    for q, _, _ in QUERIES:
        ex, fam = truth[q]
        row = []
        for key, hits in (("s", stock_hits[q]), ("k", khabar_hits[q])):
            r, rf, p = (pct(len(hits & ex), len(ex)),
                        pct(len(hits & fam), len(fam)),
                        pct(len(hits & fam), len(hits)))
            for i, v in enumerate((r, rf, p)):
                sums[key][i] += v
            row.append((len(hits), r, rf, p, len(hits - fam)))
        (sn, sr, srf, sp, _), (kn, kr, krf, kp, kfp) = row
        print("%-10s %6d %6d | %6d %5.1f%% %5.1f%% %5.1f%% | %6d %5.1f%% "
              "%5.1f%% %5.1f%% %5d" % (q, len(ex), len(fam), sn, sr, srf, sp,
                                      kn, kr, krf, kp, kfp))
    n = len(QUERIES)
    print("%-10s %6s %6s | %6s %5.1f%% %5.1f%% %5.1f%% | %6s %5.1f%% %5.1f%% "
          "%5.1f%%" % ("mean", "", "", "", *(v / n for v in sums["s"]), "",
                       *(v / n for v in sums["k"])))


def stock_search(db, q):
    return {row[0] for row in db.execute(
        "SELECT url FROM articles WHERE articles MATCH ?", ('"%s"' % q,))}


def khabar_search(khabar, db, q):
    out = subprocess.run([khabar, "search", "--db", db, "--json", "--limit",
                          "1000000", q], capture_output=True, text=True,
                         check=False).stdout
    return {json.loads(line)["url"] for line in out.splitlines() if line}


def main():
    if len(sys.argv) < 5:
        sys.exit("usage: variant_counts.py KHABAR STOCK_DB KHABAR_DB ZIP...")
    khabar, stock_db, khabar_db, zips = sys.argv[1], sys.argv[2], \
        sys.argv[3], sys.argv[4:]
    truth = truths(articles(zips))
    stock = sqlite3.connect(stock_db)
    report(truth, {q: stock_search(stock, q) for q, _, _ in QUERIES},
           {q: khabar_search(khabar, khabar_db, q) for q, _, _ in QUERIES})


if __name__ == "__main__":
    main()
