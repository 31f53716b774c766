#!/usr/bin/python3
"""Score khabar's HTML extraction on the shared benchmark sets, beside the
peers, with the metrics the benchmarks publish; and time it.

usage: /usr/bin/python3 bench/extraction/score.py [options]
  --shared DIR     the shared data (default: $KH_SHARED, else ../shared
                   next to the repository)
  --bench PATH     the bench_html program (default: build/bench/bench_html)
  --sets LIST      comma-separated: zyte,trafilatura,readability,arabic,cnn
                   (default: all; "none" to score nothing, e.g. with --speed)
  --no-peer        do not run readability-lxml (python3-readability)
  --speed          also time khabar, libxml2 parse-only, lxml parse-only and
                   readability-lxml on the Zyte and trafilatura pages (606
                   pages, 90 MB): median of --runs runs each, CPU seconds
  --runs N         runs per timing for --speed (default 3)
  --out DIR        keep khabar's predictions there (default: a temp dir)

Metrics (the reference scorers in shared/extraction/tools are imported, not
re-implemented): the Zyte metric (4-word shingles, macro precision and
recall, F1 of the means) on zyte-benchmark, readability-test-pages,
arabic-pages and cnn-arabic-2013; the trafilatura snippet metric (with /
without snippets, micro counts) on trafilatura-eval.  readability-lxml runs
on the same pages in the same run.  Needs Debian's python3 (lxml,
python3-readability).
"""
import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Published figures, for the record (the sets here are parts of these).
PUBLISHED = {
    'zyte': 'published on all 181 pages: rs_trafilatura 0.970, trafilatura '
            '0.958, newspaper4k 0.949, readability.js 0.947, '
            'readability-lxml 0.922, goose3 0.896, justext 0.804',
    'trafilatura': 'published on all 990 pages (P/R/F1): trafilatura '
                   '.906/.943/.924, magic-html .887/.891/.889, justext '
                   '.864/.859/.862, news-please .932/.758/.836, '
                   'readability-lxml .898/.764/.826, goose3 .936/.714/.810',
}

BLOCK_TAGS = {'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul',
              'ol', 'br', 'tr', 'td', 'th', 'blockquote', 'pre', 'table',
              'section', 'article', 'header', 'footer', 'figure',
              'figcaption', 'dd', 'dt', 'dl', 'main', 'aside', 'hr'}


def html_to_text(fragment):
    """Text of an HTML fragment, a newline at each block boundary."""
    import lxml.html
    if not fragment or not fragment.strip():
        return ''
    try:
        root = lxml.html.fromstring(fragment)
    except Exception:
        return ''
    out = []

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ''
        block = tag.lower() in BLOCK_TAGS
        if block:
            out.append('\n')
        if el.text and tag.lower() not in ('script', 'style'):
            out.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                out.append(child.tail)
        if block:
            out.append('\n')
    walk(root)
    text = ''.join(out)
    return '\n'.join(l.strip() for l in text.split('\n') if l.strip())


def read_bytes(path):
    with open(path, 'rb') as f:
        data = f.read()
    return gzip.decompress(data) if data[:2] == b'\x1f\x8b' else data


class Peer:
    """readability-lxml (python3-readability) on the same pages."""

    def __init__(self):
        try:
            from readability import Document  # noqa: F401
            self.ok = True
        except ImportError:
            self.ok = False

    def run(self, path):
        from readability import Document
        raw = read_bytes(path)
        try:
            doc = Document(raw)
            body = html_to_text(doc.summary(html_partial=True))
            title = doc.short_title()
        except Exception:
            body, title = '', None
        return {'articleBody': body, 'title': title}


def run_khabar(bench, pages, outdir, name):
    """pages: list of (id, path).  Returns {id: record}."""
    lst = os.path.join(outdir, name + '.list')
    with open(lst, 'w', encoding='utf-8') as f:
        for pid, path in pages:
            f.write('%s\t%s\n' % (pid, path))
    out = os.path.join(outdir, name + '.khabar.json')
    subprocess.run([bench, 'extract', lst, out], check=True)
    with open(out, encoding='utf-8') as f:
        return json.load(f)


def zyte_row(name, gt, pred):
    import zyte_score
    for k in gt:
        pred.setdefault(k, {'articleBody': ''})
    f1, p, r, acc = zyte_score.score(gt, pred)
    return (name, f1, p, r, acc)


def print_rows(title, rows, note=None):
    print('\n== %s' % title)
    print('   %-28s %6s %6s %6s %6s' % ('', 'F1', 'P', 'R', 'acc'))
    for name, f1, p, r, acc in sorted(rows, key=lambda x: -x[1]):
        mark = '>' if name.startswith('khabar') else ' '
        print(' %s %-28s %6.3f %6.3f %6.3f %6.3f' % (mark, name, f1, p, r, acc))
    if note:
        print('   (%s)' % note)


def set_zyte(args, peer):
    base = os.path.join(args.shared, 'extraction', 'zyte-benchmark')
    with open(os.path.join(base, 'ground-truth.json'), encoding='utf-8') as f:
        gt = json.load(f)
    pages = [(k, os.path.join(base, 'html', k + '.html.gz')) for k in gt]
    rows = [zyte_row('khabar', gt, run_khabar(args.bench, pages, args.out,
                                              'zyte'))]
    if peer.ok:
        pred = {k: peer.run(p) for k, p in pages}
        rows.append(zyte_row('readability-lxml (run here)', gt, pred))
    outdir = os.path.join(base, 'output')
    for fn in sorted(os.listdir(outdir)):
        if fn.endswith('.json'):
            with open(os.path.join(outdir, fn), encoding='utf-8') as f:
                d = json.load(f)
            if isinstance(d, dict) and set(d) == {'version', 'output'}:
                d = d['output']
            rows.append(zyte_row(fn[:-5], gt, d))
    print_rows('zyte-benchmark (%d pages; Zyte metric)' % len(gt), rows,
               PUBLISHED['zyte'])


def set_trafilatura(args, peer):
    import snippet_score
    base = os.path.join(args.shared, 'extraction', 'trafilatura-eval')
    with open(os.path.join(base, 'evaldata.json'), encoding='utf-8') as f:
        ev = json.load(f)
    pages = [(item['file'], os.path.join(base, 'html', item['file'] + '.gz'))
             for item in ev.values()]
    preds = {'khabar': {k: v.get('articleBody') or '' for k, v in
                        run_khabar(args.bench, pages, args.out,
                                   'trafilatura').items()}}
    if peer.ok:
        preds['readability-lxml (run here)'] = {
            k: peer.run(p)['articleBody'] for k, p in pages}
    print('\n== trafilatura-eval (%d pages; snippet metric)' % len(ev))
    print('   %-28s %6s %6s %6s  %s' % ('', 'F1', 'P', 'R', 'TP/FP/FN'))
    for name, pred in preds.items():
        tp = fp = fn = tn = 0
        for item in ev.values():
            a, b, c, d = snippet_score.counts(item, pred.get(item['file'], ''))
            tp, fp, fn, tn = tp + a, fp + b, fn + c, tn + d
        p = tp / (tp + fp) if tp + fp else 0
        r = tp / (tp + fn) if tp + fn else 0
        f1 = 2 * tp / (2 * tp + fp + fn)
        mark = '>' if name == 'khabar' else ' '
        print(' %s %-28s %6.3f %6.3f %6.3f  %d/%d/%d' % (
            mark, name, f1, p, r, tp, fp, fn))
    print('   (%s)' % PUBLISHED['trafilatura'])


def meta_line(name, checks):
    parts = []
    for field, (ok, total) in checks.items():
        parts.append('%s %d/%d' % (field, ok, total))
    print('   %-28s %s' % (name, ', '.join(parts)))


def norm_ws(s):
    return re.sub(r'\s+', ' ', s or '').strip()


def set_readability(args, peer):
    base = os.path.join(args.shared, 'extraction')
    with open(os.path.join(base, 'readability-test-pages.gold-text.json'),
              encoding='utf-8') as f:
        gt = json.load(f)
    root = os.path.join(base, 'readability-test-pages')
    pages = [(k, os.path.join(root, k, 'source.html.gz')) for k in gt]
    kh = run_khabar(args.bench, pages, args.out, 'readability')
    rows = [zyte_row('khabar', gt, dict(kh))]
    if peer.ok:
        rows.append(zyte_row('readability-lxml (run here)', gt,
                             {k: peer.run(p) for k, p in pages}))
    print_rows('readability-test-pages (%d pages; Zyte metric against '
               'readability.js\'s expected text)' % len(gt), rows)
    # metadata against readability.js's expectations
    checks = {'title': [0, 0], 'byline': [0, 0], 'lang': [0, 0],
              'dir': [0, 0]}
    for k in gt:
        with gzip.open(os.path.join(root, k, 'expected-metadata.json.gz'),
                       'rt', encoding='utf-8') as f:
            exp = json.load(f)
        got = kh.get(k, {})
        if exp.get('title'):
            checks['title'][1] += 1
            checks['title'][0] += norm_ws(got.get('title')) == \
                norm_ws(exp['title'])
        if exp.get('byline'):
            checks['byline'][1] += 1
            checks['byline'][0] += norm_ws(got.get('author')) == \
                norm_ws(exp['byline'])
        if exp.get('lang'):
            checks['lang'][1] += 1
            checks['lang'][0] += (got.get('lang') or '') == \
                exp['lang'].split('-')[0].lower()
        if exp.get('dir'):
            checks['dir'][1] += 1
            checks['dir'][0] += (got.get('dir') or '') == exp['dir']
    print('   metadata equal to readability.js\'s (where it has a value):')
    meta_line('khabar', {k: tuple(v) for k, v in checks.items()})


def set_arabic(args, peer):
    base = os.path.join(args.shared, 'extraction', 'arabic-pages')
    with open(os.path.join(base, 'gold.json'), encoding='utf-8') as f:
        gold = json.load(f)
    pages = [(k, os.path.join(base, k + '.html')) for k in sorted(gold)]
    kh = run_khabar(args.bench, pages, args.out, 'arabic')
    rows = [zyte_row('khabar', gold, dict(kh))]
    preds = {'khabar': kh}
    if peer.ok:
        preds['readability-lxml'] = {k: peer.run(p) for k, p in pages}
        rows.append(zyte_row('readability-lxml (run here)', gold,
                             preds['readability-lxml']))
    print_rows('arabic-pages (%d pages; Zyte metric)' % len(gold), rows)
    print('   metadata exactly right (date compared as YYYY-MM-DD):')
    for name, pred in preds.items():
        checks = {'title': [0, 0], 'date': [0, 0], 'author': [0, 0]}
        all3 = 0
        wrong = []
        for k, g in gold.items():
            p = pred.get(k, {})
            ok_t = norm_ws(p.get('title')) == norm_ws(g['title'])
            ok_d = (p.get('date') or '')[:10] == (g['date'] or '')
            ok_a = norm_ws(p.get('author')) == norm_ws(g['author'])
            for f, ok in (('title', ok_t), ('date', ok_d), ('author', ok_a)):
                checks[f][1] += 1
                checks[f][0] += ok
            all3 += ok_t and ok_d and ok_a
            if name == 'khabar' and not (ok_t and ok_d and ok_a):
                wrong.append(k)
        checks['all three'] = [all3, len(gold)]
        if name != 'khabar':
            checks = {'title': checks['title']}
        meta_line(name, {k: tuple(v) for k, v in checks.items()})
        if wrong:
            print('   khabar misses metadata on: %s' % ' '.join(wrong))


def set_cnn(args, peer):
    base = os.path.join(args.shared, 'extraction', 'arabic', 'cnn-arabic-2013')
    with open(os.path.join(base, 'gold.txt'), encoding='utf-8') as f:
        gt = {'cnn': {'articleBody': f.read()}}
    with open(os.path.join(base, 'metadata.json'), encoding='utf-8') as f:
        meta = json.load(f)
    pages = [('cnn', os.path.join(base, 'page.html'))]
    kh = run_khabar(args.bench, pages, args.out, 'cnn')
    rows = [zyte_row('khabar', gt, dict(kh))]
    if peer.ok:
        rows.append(zyte_row('readability-lxml (run here)', gt,
                             {'cnn': peer.run(pages[0][1])}))
    print_rows('arabic/cnn-arabic-2013 (1 page; Zyte metric)', rows)
    print('   khabar title %s, lang %s' % (
        'right' if norm_ws(kh['cnn'].get('title')) == norm_ws(meta['title'])
        else 'WRONG (%r)' % kh['cnn'].get('title'),
        kh['cnn'].get('lang')))


def timed(fn, runs):
    """Median CPU and wall seconds of runs calls of fn (CPU time: other
    work on a shared machine disturbs it less)."""
    cpu, wall = [], []
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall)


def print_speed(what, mb, cpu, wall):
    print('%-44s %8.3f s %8.1f MB/s  (wall %.3f s, %.1f MB/s)' % (
        what, cpu, mb / cpu, wall, mb / wall))


def speed(args, peer):
    pages = []
    z = os.path.join(args.shared, 'extraction', 'zyte-benchmark', 'html')
    pages += [os.path.join(z, f) for f in sorted(os.listdir(z))]
    t = os.path.join(args.shared, 'extraction', 'trafilatura-eval', 'html')
    pages += [os.path.join(t, f) for f in sorted(os.listdir(t))]
    lst = os.path.join(args.out, 'speed.list')
    with open(lst, 'w', encoding='utf-8') as f:
        for i, p in enumerate(pages):
            f.write('%d\t%s\n' % (i, p))
    print('\n== speed on the Zyte and trafilatura pages (median of %d runs, '
          'this machine)' % args.runs)
    sys.stdout.flush()
    subprocess.run([args.bench, 'speed', lst, str(args.runs)], check=True)
    raws = [read_bytes(p) for p in pages]
    mb = sum(len(r) for r in raws) / 1e6
    import lxml.html

    def lxml_parse():
        for r in raws:
            try:
                lxml.html.document_fromstring(r)
            except Exception:
                pass
    print_speed('lxml parse only (python)', mb, *timed(lxml_parse, args.runs))
    if peer.ok:
        from readability import Document

        def readability_all():
            for r in raws:
                try:
                    Document(r).summary(html_partial=True)
                except Exception:
                    pass
        print_speed('readability-lxml', mb, *timed(readability_all,
                                                    args.runs))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    default_shared = os.environ.get('KH_SHARED') or os.path.join(
        os.path.dirname(ROOT), 'shared')
    ap.add_argument('--shared', default=default_shared)
    ap.add_argument('--bench', default=os.path.join(ROOT, 'build', 'bench',
                                                    'bench_html'))
    ap.add_argument('--sets', default='zyte,trafilatura,readability,arabic,'
                                      'cnn')
    ap.add_argument('--no-peer', action='store_true')
    ap.add_argument('--speed', action='store_true')
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--out', default=None)
    args = ap.parse_args()
    if args.runs < 1:
        ap.error('--runs must be at least 1')
    if not os.path.isdir(os.path.join(args.shared, 'extraction')):
        print('score.py: no shared data at %s: nothing to score' % args.shared)
        return 0
    if not os.access(args.bench, os.X_OK):
        print('score.py: %s is not built (cmake --build build --target '
              'bench_html)' % args.bench, file=sys.stderr)
        return 2
    sys.path.insert(0, os.path.join(args.shared, 'extraction', 'tools'))
    args.out = args.out or tempfile.mkdtemp(prefix='khabar-extraction-')
    os.makedirs(args.out, exist_ok=True)
    peer = Peer() if not args.no_peer else Peer.__new__(Peer)
    if args.no_peer:
        peer.ok = False
    elif not peer.ok:
        print('score.py: python3-readability is not installed: '
              'readability-lxml left out')
    sets = {'zyte': set_zyte, 'trafilatura': set_trafilatura,
            'readability': set_readability, 'arabic': set_arabic,
            'cnn': set_cnn}
    names = [n.strip() for n in args.sets.split(',')
             if n.strip() and args.sets.strip() != 'none']
    unknown = [n for n in names if n not in sets]
    if unknown:
        ap.error('unknown set(s): %s (known: %s)' % (
            ', '.join(unknown), ','.join(sets)))
    for name in names:
        sets[name](args, peer)
    if args.speed:
        speed(args, peer)
    print('\npredictions in %s' % args.out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
