#!/usr/bin/python3
"""wire_pairs.py - are the wire copies found?  Every pair of articles from
two different outlets whose word 5-gram Jaccard is 0.8 or more (the rough
normalisation and candidate search of sample_pairs.py), checked against a
`khabar export` of the same corpus: in one duplicate cluster?  in one
story?  A sample of the pairs that are not in one cluster is printed.

    /usr/bin/python3 bench/dedup/wire_pairs.py CORPUS_DIR EXPORT.jsonl
        [--jaccard 0.8] [--show 8]
"""
import argparse
import collections
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sample_pairs as sp  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('corpus')
    ap.add_argument('export')
    ap.add_argument('--jaccard', type=float, default=0.8)
    ap.add_argument('--show', type=int, default=8)
    o = ap.parse_args()
    arts = sp.read_corpus(o.corpus)
    ex = {}
    with open(o.export, encoding='utf-8') as f:
        for line in f:
            a = json.loads(line)
            if a.get('url'):
                ex[a['url']] = a
    sets = [sp.shingles(sp.words(a['text'])) for a in arts]
    pairs = []
    for i, j in sp.candidate_pairs(sets):
        if arts[i]['src'] == arts[j]['src']:
            continue
        inter = len(sets[i] & sets[j])
        if inter / len(sets[i] | sets[j]) >= o.jaccard:
            pairs.append((i, j))

    def rep(i):
        a = ex.get(arts[i]['url'])
        return None if a is None else (a['duplicate_of'] or a['id'])

    def story(i):
        a = ex.get(arts[i]['url'])
        return None if a is None else a['story']

    parent = list(range(len(arts)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for i, j in pairs:
        parent[find(i)] = find(j)
    groups = {find(i) for p in pairs for i in p}
    missing = [p for p in pairs if rep(p[0]) is None or rep(p[1]) is None]
    apart = [p for p in pairs if p not in missing and rep(p[0]) != rep(p[1])]
    same_story = sum(1 for i, j in pairs
                     if story(i) is not None and story(i) == story(j))
    print('pairs of two outlets with Jaccard >= %.2f: %d in %d groups' %
          (o.jaccard, len(pairs), len(groups)))
    print('in one duplicate cluster: %d; apart: %d; not in the export: %d' %
          (len(pairs) - len(apart) - len(missing), len(apart), len(missing)))
    print('in one story: %d' % same_story)
    rng = random.Random(1)
    for i, j in rng.sample(apart, min(o.show, len(apart))):
        a, b = ex[arts[i]['url']], ex[arts[j]['url']]
        print('  %s %s | %s %s | representatives %s %s' % (
            a['source'], a['title'][:50], b['source'], b['title'][:50],
            rep(i), rep(j)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
