#!/usr/bin/python3
"""read_stories.py - print multi-outlet stories of a khabar database to be
read and judged (one event or not): a random sample and/or the largest.

    /usr/bin/python3 bench/dedup/read_stories.py --db FILE [--khabar BIN]
        [--random N --seed S] [--largest N] [--min-outlets 2]

Each story is printed with its id, size and dates, then one line per
article: outlet, date, C for a copy (a duplicate of another article), title.
The sample is drawn with random.Random(seed).sample over the stories that
`khabar stories --min-outlets N --json` lists, so a seed gives the same
sample of the same database.
"""
import argparse
import json
import random
import subprocess
import sys


def khabar(args, o):
    out = subprocess.run([o.khabar] + args + ['--db', o.db], check=True,
                         capture_output=True, text=True)
    return out.stdout


def show(story_id, o):
    d = json.loads(khabar(['story', '--json', str(story_id)], o))
    print('=== %d  %d articles, %d outlets  %s .. %s' % (
        d['id'], d['articles'], len(d['outlets']),
        (d['first_date'] or '')[:13], (d['last_date'] or '')[:13]))
    for m in d['members']:
        print('  %-12s %-13s %s %s' % (m['source'], (m['date'] or '')[:13],
                                       'C' if m.get('duplicate_of') else ' ',
                                       m['title']))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--db', required=True)
    ap.add_argument('--khabar', default='build/khabar')
    ap.add_argument('--random', type=int, default=0)
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--largest', type=int, default=0)
    ap.add_argument('--min-outlets', type=int, default=2)
    o = ap.parse_args()
    stories = [json.loads(line) for line in khabar(
        ['stories', '--min-outlets', str(o.min_outlets), '--json'],
        o).splitlines() if line.strip()]
    print('%d stories with %d outlets or more' % (len(stories),
                                                  o.min_outlets))
    if o.largest:
        print('\n# the %d largest' % o.largest)
        for s in sorted(stories, key=lambda s: -s['articles'])[:o.largest]:
            show(s['id'], o)
    if o.random:
        print('\n# %d at random (seed %d)' % (o.random, o.seed))
        rng = random.Random(o.seed)
        for s in rng.sample(stories, min(o.random, len(stories))):
            show(s['id'], o)
    return 0


if __name__ == '__main__':
    sys.exit(main())
