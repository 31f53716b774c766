#!/usr/bin/python3
"""score.py - how well khabar's duplicates and stories agree with the
labelled pairs in bench/dedup/labels.tsv.

    build/bench/bench_dedup --pairs P.tsv --stories-out S.tsv CORPUS
    /usr/bin/python3 bench/dedup/score.py --pairs P.tsv --stories S.tsv \
        [--labels bench/dedup/labels.tsv]

Near-duplicates: a labelled pair is predicted positive when both articles
are in one duplicate cluster; gold positive is the label "near-duplicate".
Stories: predicted positive when both are in one story; gold positive is
"near-duplicate" or "same-story" ("related" = same topic, another event).
Both get pairwise precision, recall and F1.  B-cubed F1 for stories takes
the gold clusters as the connected components of the gold-positive pairs
over the labelled articles, and the system's stories restricted to them.
Pairs whose URLs the run did not see are reported and skipped.  --by-set
repeats both figures for each labelled set (see README.md: dup and story
are the first 80 pairs, dup2, story2 and sys the 251 added with them).
"""
import argparse
import collections
import os
import sys


def read_labels(path):
    pairs = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            subset, a, b, label = line.rstrip('\n').split('\t')
            pairs.append((subset, a, b, label))
    return pairs


def read_clusters(path):
    """url -> representative url, from bench_dedup --pairs."""
    rep = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            r, m = line.rstrip('\n').split('\t')[:2]
            rep[m] = r
            rep.setdefault(r, r)
    return rep


def read_stories(path):
    story = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            url, sid = line.rstrip('\n').split('\t')[:2]
            story.setdefault(url, sid)
    return story


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pairwise(pairs, gold, predicted):
    tp = fp = fn = tn = 0
    for _, a, b, label in pairs:
        g, s = gold(label), predicted(a, b)
        tp += g and s
        fp += s and not g
        fn += g and not s
        tn += not g and not s
    return tp, fp, fn, tn


def bcubed(pairs, story):
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, a, b, label in pairs:
        find(a), find(b)
        if label in ('near-duplicate', 'same-story'):
            parent[find(a)] = find(b)
    items = list(parent)
    gold = collections.defaultdict(set)
    system = collections.defaultdict(set)
    for e in items:
        gold[find(e)].add(e)
        system[story[e]].add(e)
    p = r = 0.0
    for e in items:
        g, s = gold[find(e)], system[story[e]]
        both = len(g & s)
        p += both / len(s)
        r += both / len(g)
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), len(items), len(gold)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument('--labels', default=os.path.join(here, 'labels.tsv'))
    ap.add_argument('--pairs', required=True)
    ap.add_argument('--stories', required=True)
    ap.add_argument('--errors', action='store_true',
                    help='list the pairs the run got wrong')
    ap.add_argument('--by-set', action='store_true',
                    help='the figures of each labelled set too')
    o = ap.parse_args()
    labels = read_labels(o.labels)
    rep = read_clusters(o.pairs)
    story = read_stories(o.stories)
    known = [p for p in labels if p[1] in story and p[2] in story]
    if len(known) < len(labels):
        print('skipped %d labelled pairs the run did not read'
              % (len(labels) - len(known)))
    counts = collections.Counter(p[3] for p in known)
    print('labelled pairs: %d (%s)' % (len(known), ', '.join(
        '%s %d' % kv for kv in sorted(counts.items()))))

    def cluster(u):
        return rep.get(u, u)

    tp, fp, fn, tn = pairwise(known, lambda l: l == 'near-duplicate',
                              lambda a, b: cluster(a) == cluster(b))
    p, r, f = prf(tp, fp, fn)
    print('near-duplicates: precision %.3f recall %.3f F1 %.3f '
          '(tp %d fp %d fn %d tn %d)' % (p, r, f, tp, fp, fn, tn))
    tp, fp, fn, tn = pairwise(
        known, lambda l: l in ('near-duplicate', 'same-story'),
        lambda a, b: story[a] == story[b])
    p, r, f = prf(tp, fp, fn)
    print('stories, pairwise: precision %.3f recall %.3f F1 %.3f '
          '(tp %d fp %d fn %d tn %d)' % (p, r, f, tp, fp, fn, tn))
    story_only = [x for x in known if x[3] != 'near-duplicate']
    tp, fp, fn, tn = pairwise(story_only, lambda l: l == 'same-story',
                              lambda a, b: story[a] == story[b])
    p, r, f = prf(tp, fp, fn)
    print('stories without copies: precision %.3f recall %.3f F1 %.3f '
          '(tp %d fp %d fn %d tn %d)' % (p, r, f, tp, fp, fn, tn))
    if o.errors:
        for subset, a, b, label in known:
            dup = cluster(a) == cluster(b)
            same = story[a] == story[b]
            if dup != (label == 'near-duplicate') or \
                    same != (label in ('near-duplicate', 'same-story')):
                print('  %-14s dup=%d story=%d  %s  %s' % (label, dup, same,
                                                           a, b))
    if o.by_set:
        for subset in sorted({x[0] for x in known}):
            part = [x for x in known if x[0] == subset]
            tp, fp, fn, tn = pairwise(part, lambda l: l == 'near-duplicate',
                                      lambda a, b: cluster(a) == cluster(b))
            p1, r1, f1 = prf(tp, fp, fn)
            tp, fp, fn, tn = pairwise(
                part, lambda l: l in ('near-duplicate', 'same-story'),
                lambda a, b: story[a] == story[b])
            p2, r2, f2 = prf(tp, fp, fn)
            print('  %-7s %3d pairs: near-duplicates P %.3f R %.3f F1 %.3f; '
                  'stories P %.3f R %.3f F1 %.3f' % (subset, len(part), p1,
                                                      r1, f1, p2, r2, f2))
    p, r, f, n, g = bcubed(known, story)
    print('stories, B-cubed over %d articles in %d gold clusters: '
          'precision %.3f recall %.3f F1 %.3f' % (n, g, p, r, f))


if __name__ == '__main__':
    sys.exit(main())
