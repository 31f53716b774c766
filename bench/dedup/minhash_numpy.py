#!/usr/bin/python3
"""minhash_numpy.py - the reference point for bench_dedup: MinHash + LSH in
numpy with the same parameters (128 permutations, word 5-grams, 32 bands),
written the way the datasketch library computes signatures
(h(x) = (a*x + b) mod (2^61 - 1), truncated to 32 bits, minimum per row).

    /usr/bin/python3 bench/dedup/minhash_numpy.py [--perm 128] [--bands 32]
        [--shingle 5] PATH...      (SaudiNewsNet .zip or .json files/dirs)

Prints the CPU time of each step (process time, so that other work on a
shared machine does not count): reading, tokenizing + shingle hashing (plain
Python), signatures (numpy), LSH banding (Python dicts).  Needs
python3-numpy (Debian).  The text is normalised roughly as khabar does
(diacritics and tatweel dropped, alef forms, ta marbuta and alef maqsura
folded) so the shingle counts are comparable.
"""
import argparse
import glob
import json
import os
import re
import sys
import time
import zipfile

import numpy as np

MERSENNE = np.uint64((1 << 61) - 1)
MAX32 = np.uint64((1 << 32) - 1)
DIACRITICS = re.compile('[\u064B-\u065F\u0670\u0640]')
FOLD = str.maketrans({'إ': 'ا', 'أ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ة': 'ه',
                      'ى': 'ي'})
WORD = re.compile(r'\w+')


def articles(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(glob.glob(os.path.join(p, '*.zip')) +
                            glob.glob(os.path.join(p, '*.json')))
        else:
            files.append(p)
    for f in files:
        if f.endswith('.zip'):
            with zipfile.ZipFile(f) as z:
                for name in sorted(z.namelist()):
                    yield from json.loads(z.read(name))
        else:
            with open(f, encoding='utf-8') as fh:
                yield from json.load(fh)


def shingle_hashes(text, w):
    words = WORD.findall(DIACRITICS.sub('', text).translate(FOLD).lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    if len(words) < w:
        return np.array([hash(tuple(words)) & 0xffffffff], dtype=np.uint64)
    hs = {hash(tuple(words[i:i + w])) & 0xffffffff
          for i in range(len(words) - w + 1)}
    return np.fromiter(hs, dtype=np.uint64, count=len(hs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--perm', type=int, default=128)
    ap.add_argument('--bands', type=int, default=32)
    ap.add_argument('--shingle', type=int, default=5)
    ap.add_argument('paths', nargs='+')
    o = ap.parse_args()
    rows = o.perm // o.bands

    t0 = time.process_time()
    texts = [a.get('content') or '' for a in articles(o.paths)]
    t_read = time.process_time() - t0

    t0 = time.process_time()
    sets = [shingle_hashes(t, o.shingle) for t in texts]
    t_shingle = time.process_time() - t0

    rng = np.random.RandomState(1)
    a = rng.randint(1, int(MERSENNE), size=o.perm, dtype=np.uint64)
    b = rng.randint(0, int(MERSENNE), size=o.perm, dtype=np.uint64)
    t0 = time.process_time()
    sigs = np.empty((len(sets), o.perm), dtype=np.uint64)
    for i, hv in enumerate(sets):
        if len(hv) == 0:
            sigs[i] = MAX32
            continue
        phv = np.bitwise_and((np.outer(hv, a) + b) % MERSENNE, MAX32)
        sigs[i] = phv.min(axis=0)
    t_sig = time.process_time() - t0

    t0 = time.process_time()
    buckets = [dict() for _ in range(o.bands)]
    candidates = 0
    for i in range(len(sets)):
        if len(sets[i]) == 0:
            continue
        seen = set()
        for band in range(o.bands):
            key = sigs[i, band * rows:(band + 1) * rows].tobytes()
            lst = buckets[band].setdefault(key, [])
            seen.update(lst)
            lst.append(i)
        candidates += len(seen)
    t_lsh = time.process_time() - t0

    n_sh = sum(len(s) for s in sets)
    print('numpy MinHash: %d articles, %d distinct shingles, %d perm, '
          '%d bands' % (len(sets), n_sh, o.perm, o.bands))
    print('%-40s %8.3f s' % ('read JSON', t_read))
    print('%-40s %8.3f s' % ('tokenize + shingle hashes (python)', t_shingle))
    print('%-40s %8.3f s' % ('signatures (numpy)', t_sig))
    print('%-40s %8.3f s' % ('LSH banding (python)', t_lsh))
    print('%-40s %8.3f s' % ('signatures + LSH', t_sig + t_lsh))
    print('%-40s %8.3f s' % ('tokenize + signatures + LSH',
                             t_shingle + t_sig + t_lsh))
    print('candidate pairs (with repeats across members): %d' % candidates)


if __name__ == '__main__':
    sys.exit(main())
