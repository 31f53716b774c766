#!/usr/bin/python3
"""sample_pairs.py - draw SaudiNewsNet article pairs to label by reading.

    /usr/bin/python3 bench/dedup/sample_pairs.py ../shared/data/saudinewsnet \\
        --out /tmp/to_label.tsv --show /tmp/to_label.txt \\
        [--stories S.tsv --pairs P.tsv]   # bench_dedup outputs, for 'sys'

Writes a TSV of pairs (set, url_a, url_b, band) to label, and a text file
showing each pair (outlet, date, title and the opening of both texts) to
read while labelling.  Nothing of the corpus goes into the repository:
labels.tsv keeps only the URLs and the labels.

Sets, each drawn with a fixed seed so the sample is reproducible:
  dup2   pairs by word 5-gram Jaccard band (0.2-0.3, ..., 0.9-1) and, for
         Jaccard under 0.5, containment 0.8 or more: where near-duplicates,
         rewrites and template texts meet;
  story2 pairs of articles from two outlets published within 48 hours, by
         band of the TF-IDF cosine of their title and text (0.05-0.1, ...,
         0.5 up): where one event's reports and one topic's meet;
  sys    when a bench_dedup run is given: pairs the system puts in one
         story (two outlets) and pairs it keeps apart although their
         cosine is 0.25 or more.
The normalisation is a rough one (alef forms, ta marbuta, diacritics);
it only decides which band a pair is drawn from.
"""
import argparse
import collections
import datetime
import json
import math
import os
import random
import re
import sys
import zipfile
import zlib

DIAC = re.compile('[\u064b-\u065f\u0670\u0640]')
WORD = re.compile(r'[\u0621-\u064a]+|[a-z]+|\d+(?:[.,]\d+)?')


def words(text):
    t = DIAC.sub('', text or '').lower()
    t = re.sub('[أإآٱ]', 'ا', t).replace('ة', 'ه').replace('ى', 'ي')
    return WORD.findall(t)


def read_corpus(path):
    arts = []
    for name in sorted(os.listdir(path)):
        if not name.endswith('.zip'):
            continue
        with zipfile.ZipFile(os.path.join(path, name)) as z:
            for member in z.namelist():
                for rec in json.loads(z.read(member)):
                    text = rec.get('content') or ''
                    if not text.strip() or not rec.get('url'):
                        continue
                    arts.append({'url': rec['url'], 'src': rec.get('source'),
                                 'date': rec.get('date_extracted') or '',
                                 'title': rec.get('title') or '',
                                 'text': text})
    seen, out = set(), []
    for a in arts:
        if a['url'] not in seen:
            seen.add(a['url'])
            out.append(a)
    return out


def shingles(w, k=5):
    if len(w) < k:
        return {zlib.crc32(' '.join(w).encode())} if w else set()
    return {zlib.crc32(' '.join(w[i:i + k]).encode())
            for i in range(len(w) - k + 1)}


def candidate_pairs(sets):
    """Pairs sharing two sampled shingles (hash % 8 == 0): every pair with
    a Jaccard or containment worth labelling, without comparing all."""
    inv = collections.defaultdict(list)
    for i, s in enumerate(sets):
        for h in s:
            if h % 8 == 0:
                inv[h].append(i)
    count = collections.Counter()
    for ids in inv.values():
        if len(ids) > 50:
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                count[(ids[x], ids[y])] += 1
    return [p for p, c in count.items() if c >= 2]


def hours(date):
    try:
        d = datetime.datetime.strptime(date[:19], '%Y-%m-%d %H:%M:%S')
    except ValueError:
        return None
    return d.timestamp() / 3600


def tfidf(arts):
    df = collections.Counter()
    toks = []
    for a in arts:
        t = words(a['title']) * 2 + words(a['text'])
        toks.append(t)
        df.update(set(t))
    n = len(arts)
    vecs = []
    for t in toks:
        tf = collections.Counter(t)
        v = {w: (1 + math.log(c)) * math.log(n / df[w]) for w, c in tf.items()}
        top = dict(sorted(v.items(), key=lambda kv: -kv[1])[:60])
        norm = math.sqrt(sum(x * x for x in top.values())) or 1
        vecs.append({w: x / norm for w, x in top.items()})
    return vecs


def cosine(a, b):
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def draw(pool, n, rng):
    pool = list(pool)
    rng.shuffle(pool)
    return pool[:n]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('corpus')
    ap.add_argument('--out', required=True)
    ap.add_argument('--show', required=True)
    ap.add_argument('--per-band', type=int, default=12)
    ap.add_argument('--stories')
    ap.add_argument('--pairs')
    ap.add_argument('--seed', type=int, default=2015)
    ap.add_argument('--exclude', help='labels already made (skip them)')
    o = ap.parse_args()
    rng = random.Random(o.seed)
    arts = read_corpus(o.corpus)
    print('%d articles' % len(arts), file=sys.stderr)
    ws = [words(a['text']) for a in arts]
    sets = [shingles(w) for w in ws]
    out = []

    # dup2: Jaccard bands and containment
    bands = collections.defaultdict(list)
    for i, j in candidate_pairs(sets):
        inter = len(sets[i] & sets[j])
        jac = inter / len(sets[i] | sets[j])
        con = inter / min(len(sets[i]), len(sets[j]))
        if jac >= 0.2:
            bands['J%.1f' % (min(int(jac * 10), 9) / 10)].append((i, j))
        if jac < 0.5 and con >= 0.8:
            bands['C0.8+'].append((i, j))
    for band in sorted(bands):
        for i, j in draw(bands[band], o.per_band, rng):
            out.append(('dup2', i, j, band))

    # story2: two outlets within 48 hours, by cosine band
    vecs = tfidf(arts)
    hrs = [hours(a['date']) for a in arts]
    order = sorted((h, i) for i, h in enumerate(hrs) if h is not None)
    cbands = collections.defaultdict(list)
    edges = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 2]
    lo = 0
    for k, (h, i) in enumerate(order):
        while order[lo][0] < h - 48:
            lo += 1
        # a few random partners each, so the pool stays small
        for _ in range(3):
            h2, j = order[rng.randrange(lo, k + 1)]
            if j == i or arts[i]['src'] == arts[j]['src']:
                continue
            c = cosine(vecs[i], vecs[j])
            for b in range(len(edges) - 1):
                if edges[b] <= c < edges[b + 1]:
                    cbands['cos%.2f' % edges[b]].append((j, i))
    # high bands are rare among random partners: add pairs sharing words
    inv = collections.defaultdict(list)
    for i, v in enumerate(vecs):
        for w, x in sorted(v.items(), key=lambda kv: -kv[1])[:5]:
            inv[w].append(i)
    for ids in inv.values():
        if len(ids) > 40:
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                i, j = ids[x], ids[y]
                if arts[i]['src'] == arts[j]['src'] or hrs[i] is None or \
                        hrs[j] is None or abs(hrs[i] - hrs[j]) > 48:
                    continue
                c = cosine(vecs[i], vecs[j])
                if c >= 0.2:
                    for b in range(len(edges) - 1):
                        if edges[b] <= c < edges[b + 1]:
                            cbands['cos%.2f' % edges[b]].append((i, j))
    for band in sorted(cbands):
        for i, j in draw(set(cbands[band]), o.per_band, rng):
            out.append(('story2', i, j, band))

    # sys: what a bench_dedup run put together and kept apart
    if o.stories:
        at = {a['url']: i for i, a in enumerate(arts)}
        story = {}
        with open(o.stories, encoding='utf-8') as f:
            for line in f:
                url, sid = line.rstrip('\n').split('\t')[:2]
                if url in at:
                    story[at[url]] = sid
        members = collections.defaultdict(list)
        for i, sid in story.items():
            members[sid].append(i)
        together = []
        for ids in members.values():
            if len(ids) < 2:
                continue
            for _ in range(2):
                i, j = rng.sample(ids, 2)
                if arts[i]['src'] != arts[j]['src']:
                    together.append((i, j))
        for i, j in draw(together, 3 * o.per_band, rng):
            out.append(('sys', i, j, 'together'))
        apart = [(i, j) for band in ('cos0.30', 'cos0.40', 'cos0.50', 'cos0.20')
                 for i, j in cbands.get(band, [])
                 if i in story and j in story and story[i] != story[j]]
        for i, j in draw(set(apart), 2 * o.per_band, rng):
            out.append(('sys', i, j, 'apart'))

    skip = set()
    if o.exclude:
        with open(o.exclude, encoding='utf-8') as f:
            for line in f:
                if not line.startswith('#') and line.strip():
                    p = line.rstrip('\n').split('\t')
                    skip.add((p[1], p[2]))
                    skip.add((p[2], p[1]))
    seen = set()
    with open(o.out, 'w', encoding='utf-8') as f, \
            open(o.show, 'w', encoding='utf-8') as g:
        k = 0
        for subset, i, j, band in out:
            a, b = arts[i], arts[j]
            key = (a['url'], b['url'])
            if key in seen or key in skip or (b['url'], a['url']) in seen:
                continue
            seen.add(key)
            k += 1
            f.write('%s\t%s\t%s\t%s\n' % (subset, a['url'], b['url'], band))
            g.write('#%d %s %s\n' % (k, subset, band))
            for x in (a, b):
                body = ' '.join(x['text'].split())[:320]
                g.write('  [%s %s] %s\n    %s\n' % (x['src'], x['date'][:16],
                                                    x['title'], body))
    print('%d pairs' % k, file=sys.stderr)


if __name__ == '__main__':
    sys.exit(main())
