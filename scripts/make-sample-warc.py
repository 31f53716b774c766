#!/usr/bin/python3
"""make-sample-warc.py - pack the sawaqi HTML pages of the sample corpus into a WARC.

Writes data/sample/sawaqi/pages.warc.gz: WARC/1.0, one gzip member per record (as crawlers
write them, so a reader can seek to any record): a warcinfo record, then for each page a
request record and its response record (WARC-Target-URI, WARC-Date = crawl time, an HTTP
header whose Content-Type names the page's charset; one page is windows-1256).  The pages
themselves are rendered by make-sample-corpus.py.  Ids and gzip headers are derived from
the content, so the output is reproducible byte for byte.

    /usr/bin/python3 scripts/make-sample-warc.py
"""

import base64
import datetime
import gzip
import hashlib
import importlib.util
import os
import re
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, "data", "sample", "sawaqi", "pages.warc.gz")


def load_corpus():
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("make_sample_corpus",
                                                  os.path.join(here, "make-sample-corpus.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def sha1_b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def record_id(*parts):
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '|'.join(parts))}>"


def record(headers, block):
    """One WARC record as its own gzip member (mtime 0: reproducible)."""
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return gzip.compress(head.encode("utf-8") + block + b"\r\n\r\n", mtime=0)


def http_date(t):
    return t.strftime("%a, %d %b %Y %H:%M:%S GMT")


def write_warc(path=DEFAULT_OUT, corpus=None):
    corpus = corpus or load_corpus()
    pages = corpus.sawaqi_pages()
    info_id = record_id("warcinfo", "sample")
    info = ("software: make-sample-warc.py (khabar sample corpus)\r\n"
            "format: WARC File Format 1.0\r\n"
            "conformsTo: http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf\r\n"
            "description: pages of the invented outlet sawaqi (شبكة السواقي الإخبارية)\r\n"
            "robots: obey\r\n").encode("utf-8")
    out = [record([("WARC-Type", "warcinfo"), ("WARC-Date", pages[0][4]),
                   ("WARC-Filename", "pages.warc.gz"), ("WARC-Record-ID", info_id),
                   ("Content-Type", "application/warc-fields")], info)]
    for n, (a, url, payload, charset, crawl) in enumerate(pages):
        t = datetime.datetime.strptime(crawl, "%Y-%m-%dT%H:%M:%SZ")
        host = url.split("/")[2]
        path_q = url[len("https://") + len(host):]
        req_id, resp_id = record_id("request", url), record_id("response", url)
        request = (f"GET {path_q} HTTP/1.1\r\nHost: {host}\r\n"
                   "User-Agent: Mozilla/5.0 (compatible; khabar-sample-crawler/0.1)\r\n"
                   "Accept: text/html,application/xhtml+xml\r\n"
                   "Accept-Encoding: identity\r\nConnection: close\r\n\r\n").encode("ascii")
        out.append(record([("WARC-Type", "request"), ("WARC-Record-ID", req_id),
                           ("WARC-Warcinfo-ID", info_id), ("WARC-Date", crawl),
                           ("WARC-Target-URI", url), ("WARC-Concurrent-To", resp_id),
                           ("Content-Type", "application/http; msgtype=request"),
                           ("WARC-Block-Digest", sha1_b32(request))], request))
        cs = "UTF-8" if charset == "utf-8" else charset
        http = (f"HTTP/1.1 200 OK\r\nDate: {http_date(t)}\r\nServer: nginx\r\n"
                f"Content-Type: text/html; charset={cs}\r\n"
                f"Content-Length: {len(payload)}\r\n"
                f"Last-Modified: {http_date(t - datetime.timedelta(minutes=7 + n))}\r\n"
                "Cache-Control: max-age=300\r\nConnection: close\r\n\r\n").encode("ascii")
        block = http + payload
        out.append(record([("WARC-Type", "response"), ("WARC-Record-ID", resp_id),
                           ("WARC-Warcinfo-ID", info_id), ("WARC-Date", crawl),
                           ("WARC-Target-URI", url), ("WARC-IP-Address", f"192.0.2.{17 + n}"),
                           ("Content-Type", "application/http; msgtype=response"),
                           ("WARC-Payload-Digest", sha1_b32(payload)),
                           ("WARC-Block-Digest", sha1_b32(block))], block))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(b"".join(out))


def read_warc(path=DEFAULT_OUT):
    """Parse the file back (for checks): a list of {type, uri, charset, payload}."""
    data = gzip.decompress(open(path, "rb").read())
    records, pos = [], 0
    while pos < len(data):
        end = data.index(b"\r\n\r\n", pos)
        head = data[pos:end].decode("utf-8").split("\r\n")
        assert head[0] == "WARC/1.0", head[0]
        fields = dict(line.split(": ", 1) for line in head[1:])
        size = int(fields["Content-Length"])
        block = data[end + 4:end + 4 + size]
        assert data[end + 4 + size:end + 8 + size] == b"\r\n\r\n"
        pos = end + 8 + size
        rec = {"type": fields["WARC-Type"], "uri": fields.get("WARC-Target-URI"),
               "charset": None, "payload": block}
        if rec["type"] == "response":
            http_head, payload = block.split(b"\r\n\r\n", 1)
            m = re.search(rb"charset=([\w-]+)", http_head)
            rec["charset"] = m.group(1).decode().lower()
            rec["payload"] = payload
        records.append(rec)
    return records


if __name__ == "__main__":
    write_warc()
