#!/usr/bin/env python3
"""derive-lists.py - derive the Arabic analyser's word lists from a corpus.

Writes three generated C files under src/arabic/:
  ar_list_stopwords.c  the stopword list: the words found in the largest
                       share of articles, less the content words among
                       them (EXCLUDE below, reviewed by hand);
  ar_list_clitics.c    the clitic exception lexicon: words whose first
                       letter (و ف ب ك ل) or first two letters (ال) belong
                       to the word and must not be stripped as a clitic;
  ar_list_endings.c    the ending exception lexicons: words (as the clitic
                       pass leaves them) whose final ان ين ون belongs to
                       the word and is not a dual or plural suffix; and
                       personal names whose ي forms are not their nisba
                       (سعود: سعودي is "Saudi").

usage: scripts/derive-lists.py SAUDINEWSNET_DIR [--out src/arabic] [--report]

SAUDINEWSNET_DIR holds the SaudiNewsNet zips (YYYY-MM-DD.zip, each a JSON
array of articles with a "content" field).  Normalisation here mirrors
src/arabic (NFKC, tashkeel/tatweel removed, alef variants to ا, ة to ه, ى to
ي, ؤ ئ to ء); the unit tests check that every generated entry is in that
form.
"""
import argparse
import collections
import glob
import json
import os
import re
import sys
import unicodedata
import zipfile

# --- normalisation (mirror of src/arabic/ar_chars.c) -----------------------

FOLD = {
    '\u0622': '\u0627', '\u0623': '\u0627', '\u0625': '\u0627',
    '\u0671': '\u0627', '\u0672': '\u0627', '\u0673': '\u0627',
    '\u0675': '\u0627', '\u06CC': '\u064A', '\u06D2': '\u064A',
    '\u06D3': '\u064A', '\u06D0': '\u064A', '\u06A9': '\u0643',
    '\u06AA': '\u0643', '\u06C0': '\u0647', '\u06C1': '\u0647',
    '\u06C2': '\u0647', '\u06BE': '\u0647', '\u06D5': '\u0647',
    '\u0629': '\u0647', '\u0649': '\u064A',
    '\u0624': '\u0621', '\u0626': '\u0621',
}
HAMZA_ALEF = ('\u0622', '\u0623', '\u0625')
ARABIC_WORD = re.compile('[\u0621-\u063A\u0641-\u064A\u066E-\u06D3\u06D5'
                         '\u06EE\u06EF\u06FA-\u06FF\u0750-\u077F]+')
DROP = re.compile('[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC'
                  '\u06DF-\u06E8\u06EA-\u06ED\u0640\u061C\u200B-\u200F'
                  '\u202A-\u202E\u2060-\u206F\uFEFF\u00AD]')


def words(text):
    """(normalised word, surface begins with a hamza alef) for each word."""
    text = DROP.sub('', unicodedata.normalize('NFKC', text))
    for m in ARABIC_WORD.finditer(text):
        w = m.group(0)
        yield ''.join(FOLD.get(c, c) for c in w), w[0] in HAMZA_ALEF


# --- counting --------------------------------------------------------------

# Words that introduce a personal name: بن, ابن, آل (folded ال), أبو, أم,
# بنت and titles.
NAME_INTRO = set('بن ابن ال ابو ام بنت الامير الاميره الملك الشيخ'.split())


def count(corpus_dir):
    freq = collections.Counter()   # occurrences of each normalised word
    docs = collections.Counter()   # articles it occurs in
    hamza = collections.Counter()  # occurrences spelt with أ/إ/آ first
    named = collections.Counter()  # occurrences right after a NAME_INTRO
    n_docs = 0
    for path in sorted(glob.glob(os.path.join(corpus_dir, '*.zip'))):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for art in json.loads(z.read(name)):
                    text = (art.get('title') or '') + '\n' + \
                           (art.get('content') or '')
                    seen = set()
                    prev = ''
                    for w, h in words(text):
                        freq[w] += 1
                        if h:
                            hamza[w] += 1
                        if prev in NAME_INTRO:
                            named[w] += 1
                        seen.add(w)
                        prev = w
                    docs.update(seen)
                    n_docs += 1
    return freq, docs, hamza, named, n_docs


# --- stopwords -------------------------------------------------------------

STOP_CANDIDATES = 320   # the words found in the most articles
STOP_MAX_LETTERS = 7
# Words among the candidates that carry meaning in this news corpus (names,
# places, institutions, time words, content nouns and adjectives), removed
# by hand after reading the candidate list (--report prints it).  Reporting
# verbs (قال, واضاف, واكد, مشيرا...) stay: in news they carry no topic.
EXCLUDE = set('''
اليوم العام عدد عام رئيس الله محمد الماضي منطقه الاول السعوديه المملكه
العمل العامه المنطقه يوم مجلس اداره الاولي مدينه عبدالعزيز العالم الملك
عبدالله الدكتور مدير العربيه الوقت وزاره الرئيس وزير السعودي الامر الامير
الثاني كبير الخاصه المتحده اكبر الامن الدولي كبيره الف عاما وقت الرياض
مستوي مليون جديده الفريق الفتره عمل احمد المقبل ايام سنوات وجود خالد
عمليه طريق الحرمين الجديد شهر المجتمع مركز الشريفين الدول عبد ثلاثه شركه
محافظه نهايه سلمان البلاد الاخيره الخبر السابق الماضيه صاحب مجموعه
العربي القدم الحالي الوطني العالميه حاله فريق تقديم فتره الوطن الحكومه
خادم مساء دول الشباب بمنطقه موقع المدينه ريال بدايه الاسبوع رابط بيان
بصحيفه الدفاع الوئام الاعمال الجديده الدوليه سعود التواصل تحقيق الملكي
الجهات الدوله الداخليه الاتحاد اللجنه قوات لجنه جهه الوطنيه الخارجيه
اهميه تنظيم مناطق الاجتماعي الوزراء الخدمات الثانيه الرسمي عين برنامج
نائب دولار اعلنت المتحدث الاداره الولايات صالح دعم لكره جده الخميس وضع
بناء الشرق افضل اول باسم
'''.split())


def derive_stopwords(freq, docs, n_docs):
    ranked = sorted(docs, key=lambda w: (-docs[w], w))[:STOP_CANDIDATES]
    exclude = {''.join(FOLD.get(c, c) for c in w) for w in EXCLUDE}
    return [w for w in ranked
            if w not in exclude and len(w) <= STOP_MAX_LETTERS]


# --- clitic exception lexicon ----------------------------------------------

CONJ = ('\u0648', '\u0641')              # و ف
PREP = ('\u0628', '\u0643', '\u0644')    # ب ك ل
ART = '\u0627\u0644'                     # ال
LAM = '\u0644'
MIN_FREQ = 3         # rarer words are left to the length guards
UNATTESTED = 0.05    # r's family seen less than this share of x: a word
DOMINANT = 5         # x, attested after the article, this many times as
                     # common as r alone: mostly a word of its own
HAMZA_SHARE = 0.2    # ال spelt أل/إل/آل this often is not the article
ART_SHARE = 0.05     # x seen after the article this often: ال is its own

# What the runtime would strip first from x (mirror of ar_clitics.c):
# ('conj'|'prep'|'art', remainder) or None.
def first_layer(x):
    n = len(x)
    if x[0] in CONJ and n - 1 >= 3:
        return 'conj', x[1:]
    if x[0] in PREP and n - 1 >= 3:
        return 'prep', x[1:]
    if x.startswith(ART) and n - 2 >= 2:
        return 'art', x[2:]
    return None


ART_FORMS = [ART + 'X', '\u0648' + ART + 'X', '\u0641' + ART + 'X',
             '\u0628' + ART + 'X', '\u0643' + ART + 'X', LAM + LAM + 'X',
             '\u0648\u0628' + ART + 'X', '\u0648' + LAM + LAM + 'X',
             '\u0641' + LAM + LAM + 'X']


def article_forms(y):
    """The spellings of y after the article (ال, وال, بال, لل...)."""
    return [f.replace('X', y) for f in ART_FORMS]


def base_forms(r, protected):
    """Spellings that attest r as what stripping one clitic leaves: r
    alone or after the article, and, when r would itself be stripped
    further (an article, or the ل of an assimilated لل), the same for what
    remains."""
    forms = [r] + article_forms(r)
    layer = first_layer(r) if len(r) >= 3 and r not in protected else None
    if layer and (layer[0] == 'art' or r[0] == LAM):
        forms += [layer[1]] + article_forms(layer[1])
    return forms


# Suffixes (light10's and the attached pronouns, tanween alef) that a word
# may carry in the corpus; a word's family is the word with one of them
# removed, ت before a pronoun read back as ة (وفاته = وفاة + ه).
FAMILY_SUFFIXES = ('\u0647', '\u0647\u0627', '\u0647\u0645',
                   '\u0647\u0645\u0627', '\u0647\u0646', '\u0643',
                   '\u0643\u0645', '\u0646\u0627', '\u064a', '\u0627',
                   '\u0627\u0646', '\u064a\u0646', '\u0648\u0646',
                   '\u0627\u062a', '\u064a\u0647', '\u0648\u0627')
TEH, HEH = '\u062a', '\u0647'


def family(x):
    """x and the words it is a suffixed form of: the evidence for a word
    is pooled over its family, so that وفاته and وفدا count what وفاة and
    وفد show (الوفاة, الوفد) instead of their own rare article forms."""
    out = {x}
    for suf in FAMILY_SUFFIXES:
        if x.endswith(suf) and len(x) - len(suf) >= 3:
            base = x[:-len(suf)]
            out.add(base)
            if base.endswith(TEH):
                out.add(base[:-1] + HEH)
    return out


def derive_clitics(freq, hamza, stop):
    """The words whose first layer (see first_layer) is not a clitic.

    Shorter words are decided first, so that a longer word can ask whether
    its remainder is protected.  A word x = clitic + r is protected when:
      - the split breaks the order of clitics (conjunction, preposition,
        article): بوروسيا = ب + وروسيا, but و after ب cannot be a clitic;
      - x itself is attested after the article more than r is attested at
        all (الوزير, بالوزير: وزير is a noun, and زير is rare), or x's
        family (see family()) is, more than r's family (وفاته, وفدا);
      - r is (almost) never seen, as such or after the article, while x is
        common (بريطانيا: ريطانيا never occurs; "almost": r's family under
        5% of x's count);
      - x is attested after the article (so it is a word: no preposition
        follows ال) and is DOMINANT times as common as r alone, more than
        a clitic on r can explain (برقيه "cable" 233 times, رقيه 13):
        comparing with r's article forms and family, as the rules above
        do, lets an unrelated word that shares r's letters (الرقي) win.
    A word x = ال + r is protected when its surface spelling usually
    carries a hamza (ألمانيا, آلاف: the article never does), when it is
    itself attested after the article (الالتزام), or when r is a short
    function word (الله, الآن).
    """
    protected = set()
    decided = {}
    for x in sorted((w for w in freq if freq[w] >= MIN_FREQ),
                    key=lambda w: (len(w), w)):
        layer = first_layer(x)
        if not layer:
            continue
        kind, r = layer
        fx = freq[x]
        x_ev = sum(freq.get(f, 0) for f in article_forms(x))
        x_family_ev = sum(freq.get(f, 0) for y in family(x)
                          for f in article_forms(y))
        if kind == 'art':
            why = ('hamza' if hamza[x] >= HAMZA_SHARE * fx else
                   'takes-article' if x_ev >= max(2, ART_SHARE * fx) else
                   'article+particle' if r in stop and len(r) <= 2 else
                   None)
        else:
            r_first = first_layer(r) if len(r) >= 3 else None
            r_strips = r_first is not None and r not in protected
            bad_order = r_strips and (
                r_first[0] == 'conj' or
                (kind == 'prep' and r_first[0] == 'prep' and r[0] != LAM))
            # forms ending in x (لل + بنان = ل + لبنان) attest x, not r
            r_ev = sum(freq.get(f, 0) for f in set(base_forms(r, protected))
                       if not f.endswith(x))
            r_family = set(base_forms(r, protected))
            for y in family(r) - {r}:
                r_family.update([y] + article_forms(y))
            r_family_ev = sum(freq.get(f, 0) for f in r_family
                              if not f.endswith(x))
            why = ('order' if bad_order else
                   'takes-article' if x_ev > r_ev else
                   'family-takes-article' if x_family_ev > r_family_ev else
                   'rest-unattested' if r_family_ev < UNATTESTED * fx else
                   'dominant' if x_ev >= max(2, ART_SHARE * fx) and
                   fx >= DOMINANT * (freq.get(r, 0) + 1)
                   else None)
        if why:
            protected.add(x)
            decided[x] = why
    return protected, decided


# --- ending exception lexicon ----------------------------------------------

def strip_clitics(x, protected):
    """What the runtime clitic pass leaves of x (mirror of
    ar_strip_clitics_with() in ar_clitics.c)."""
    def may_strip(w):
        return ((w[0] in CONJ or w[0] in PREP) and len(w) >= 4) or \
            (w.startswith(ART) and len(w) >= 4)
    if not may_strip(x) or x in protected:
        return x
    w = x
    if w[0] in CONJ:
        w = w[1:]
        if not may_strip(w) or w in protected:
            return w
    if w[0] in PREP and len(w) >= 4:
        c, rest = w[0], w[1:]
        rest_protected = may_strip(rest) and rest in protected
        if not rest_protected and rest[0] in CONJ and len(rest) >= 4:
            return w
        w = rest
        if rest_protected:
            return w
        if c == LAM and w[0] == LAM and len(w) >= 3:
            return w[1:]
    if w.startswith(ART) and len(w) >= 4:
        w = w[2:]
    return w


ENDINGS = ('\u0627\u0646', '\u064a\u0646', '\u0648\u0646')  # ان ين ون
WAW_ALEF = '\u0648\u0627'   # وا: the verb's ون in the subjunctive/past
ENDING_PARTNER = 0.02  # partners seen less than this share: not a suffix
ENDING_BASE = 3        # ين: the bare stem under this many times as common
MIN_SUFFIX_STEM = 3    # letters a suffix must leave (AR_MIN_AFTER_SUFFIX)


def derive_endings(freq, protected, stop):
    """The words whose final ان ين ون is their own, as the light stemmer
    sees them: after the clitic pass and after a final ها.

    A dual or plural ending has partners: the dual ان beside its oblique ين
    (الطرفان, الطرفين), the plural ون beside ين (المعلمون, المعلمين), the
    verb's ون beside وا and its singular (يرغبون, يرغبوا, يرغب).  A word
    y = b + ending whose partners (b + the other endings; for ون also b + وا
    and b) are together seen less than ENDING_PARTNER times as often as y
    is a word of its own: لبنان (لبنين never occurs), سلمان, طهران, قانون,
    تعاون, بيان.  For ين one
    more test: the oblique dual often has no partner in news text (يومين,
    اسبوعين), but then its singular is far more common than it, so y is
    kept only when b (or b + ة) is under ENDING_BASE times as common as y
    (البحرين: بحر 1.2 times; يومين: يوم 23 times).
    """
    seen = collections.Counter()
    for x, n in freq.items():
        if x in stop:
            continue
        y = strip_clitics(x, protected)
        if y.endswith('\u0647\u0627') and len(y) - 2 >= MIN_SUFFIX_STEM:
            y = y[:-2]  # ها goes first
        seen[y] += n
    keep, why = set(), {}
    for y, n in seen.items():
        if n < MIN_FREQ or len(y) - 2 < MIN_SUFFIX_STEM or \
                y[-2:] not in ENDINGS:
            continue
        b, end = y[:-2], y[-2:]
        partners = sum(seen.get(b + e, 0) for e in ENDINGS if e != end)
        if end == ENDINGS[2]:
            partners += seen.get(b + WAW_ALEF, 0) + seen.get(b, 0)
        base = seen.get(b, 0) + seen.get(b + HEH, 0)
        if b.endswith(TEH):
            base += seen.get(b[:-1] + HEH, 0)
        if partners >= ENDING_PARTNER * n:
            continue
        if end == ENDINGS[1] and base >= ENDING_BASE * n:
            continue
        keep.add(y)
        why[y] = 'partners %d base %d of %d' % (partners, base, n)
    return keep, why


NAME_MIN = 20        # a name seen this often (bare) ...
NAME_SHARE = 0.5     # ... at least this share of it right after a NAME_INTRO
NISBA_MIN = 10       # ... whose ي forms are seen this often
NISBA_ENDINGS = ('\u064a', '\u064a\u0647', '\u064a\u064a\u0646',
                 '\u064a\u0648\u0646', '\u064a\u0627\u062a')  # ي يه يين يون يات


def derive_nisba_names(freq, named):
    """Personal names x whose ي forms are another word: light stemming
    reads x + ي, x + ية as x's relation adjective (ايراني -> ايران, which
    is right), but سعودي is "Saudi" and سعود a prince's name, and the
    country السعودية is this corpus' most common content word.  x is a
    name when at least NAME_SHARE of its bare occurrences follow a word
    that introduces a name (بن, آل, الأمير...); it is listed when its ي
    forms are common enough to matter.  The stemmer then keeps the ي.
    """
    out = set()
    for x, n in freq.items():
        if n < NAME_MIN or len(x) < MIN_SUFFIX_STEM or \
                named[x] < NAME_SHARE * n:
            continue
        nisba = sum(freq.get(p + x + e, 0) for p in ('', ART)
                    for e in NISBA_ENDINGS)
        if nisba >= NISBA_MIN:
            out.add(x)
    return out


# --- output ----------------------------------------------------------------

def c_string(w):
    return '"' + w.replace('\\', '\\\\').replace('"', '\\"') + '"'


def write_array(f, name, words_):
    f.write('const char *const %s[] = {\n' % name)
    line = '   '
    for w in words_:
        item = ' ' + c_string(w) + ','
        if len(line) + len(item.encode()) > 78:
            f.write(line + '\n')
            line = '   '
        line += item
    f.write(line + '\n};\n\n')
    f.write('const size_t %s =\n    sizeof %s / sizeof *%s;\n'
            % (name.replace('_list', '_count'), name, name))


def write_list(path, role, arrays, how):
    """Write the C file at path holding arrays, a list of (C name, words)."""
    with open(path, 'w', encoding='utf-8') as f:
        f.write('/*\n * %s - %s\n *\n' % (os.path.basename(path), role))
        f.write(' * GENERATED by scripts/derive-lists.py; do not edit by '
                'hand.\n')
        for line in how:
            f.write(' * %s\n' % line)
        f.write(' */\n#include "arabic/ar_stem.h"\n')
        for name, words_ in arrays:
            f.write('\n')
            write_array(f, name, words_)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('corpus')
    ap.add_argument('--out', default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'arabic'))
    ap.add_argument('--report', action='store_true',
                    help='print the decisions on stderr')
    args = ap.parse_args()
    freq, docs, hamza, named, n_docs = count(args.corpus)
    if not n_docs:
        sys.exit('derive-lists: no articles found in ' + args.corpus)
    stop = derive_stopwords(freq, docs, n_docs)
    protected, why = derive_clitics(freq, hamza, set(stop))
    endings, ending_why = derive_endings(freq, protected, set(stop))
    names = derive_nisba_names(freq, named)
    if args.report:
        for w in stop:
            print('stop\t%s\t%d\t%d' % (w, docs[w], freq[w]), file=sys.stderr)
        for w in sorted(protected, key=lambda w: -freq[w]):
            print('keep\t%s\t%d\t%s' % (w, freq[w], why[w]), file=sys.stderr)
        for w in sorted(endings):
            print('ending\t%s\t%s' % (w, ending_why[w]), file=sys.stderr)
        for w in sorted(names):
            print('name\t%s\t%d\t%d' % (w, freq[w], named[w]),
                  file=sys.stderr)
    corpus = '%d articles, %d words, %d distinct' % (
        n_docs, sum(freq.values()), len(freq))
    write_list(os.path.join(args.out, 'ar_list_stopwords.c'),
               'the Arabic stopword list.',
               [('ar_stopword_list', sorted(stop))],
               ['Corpus: SaudiNewsNet, ' + corpus + '.',
                '%d words: of the %d words found in the most articles,'
                % (len(stop), STOP_CANDIDATES),
                'those of at most %d letters, less the content words '
                'excluded by hand' % STOP_MAX_LETTERS,
                '(EXCLUDE in the script).'])
    write_list(os.path.join(args.out, 'ar_list_clitics.c'),
               'the clitic exception lexicon.',
               [('ar_clitic_exception_list', sorted(protected))],
               ['Corpus: SaudiNewsNet, ' + corpus + '.',
                'Words seen %d+ times whose first letter (و ف ب ك ل) or '
                'first two' % MIN_FREQ,
                '(ال) are part of the word, not a clitic: %d words. '
                'See ar_clitics.c.' % len(protected)])
    write_list(os.path.join(args.out, 'ar_list_endings.c'),
               'the ending exception lexicons.',
               [('ar_ending_exception_list', sorted(endings)),
                ('ar_nisba_exception_list', sorted(names))],
               ['Corpus: SaudiNewsNet, ' + corpus + '.',
                'ar_ending_exception_list: words (clitics stripped) seen '
                '%d+ times' % MIN_FREQ,
                'whose final ان ين ون is part of the word, not a dual or '
                'plural',
                'suffix: %d words (derive_endings()).' % len(endings),
                'ar_nisba_exception_list: personal names whose ي, يه, ية '
                'forms are',
                'not their nisba: %d words (derive_nisba_names()).'
                % len(names)])


if __name__ == '__main__':
    main()
