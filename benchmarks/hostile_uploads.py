"""Public pages while hostile uploads run: the p99 of public pages (a dashboard, an indicator
page, the API) under 16 concurrent readers, alone and while 50 concurrent hostile uploads
are sent to the delivery API (a CSV of 300,000 header cells, an Excel file whose shared
string unpacks to 1 GiB, an Excel row of a million cells, a chunked body of 20 MB; from
five accounts, ten at a time each), and the ratio of the two. Loopback only, bounded in
requests and in time. Not a test: run it by hand.

    python benchmarks/hostile_uploads.py [--requests 1500] [--uploads 50] [--seconds 120]

It loads the fixture content into a temporary SQLite database, starts a draft edition,
adds five accounts with a delivery token each, and starts `langerthuis serve` on a free
loopback port.
"""
from __future__ import annotations

import argparse
import http.client
import io
import itertools
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from langerthuis.web.local import local_server

CHECKOUT = Path(__file__).resolve().parents[1]
PAGES = ("/monitor/2021", "/indicator/quality-of-life", "/en/monitor/2021",
         "/api/indicators", "/programma")
TIMEOUT = 30.0


def hostile_files() -> list[tuple[str, bytes | None]]:
    """(content type, body) of each hostile upload; None: a chunked body of 20 MB."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

    def workbook(rows: list[str] | None, shared: int = 0) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/workbook.xml", f'<workbook {ns} {rel}><sheets><sheet '
                             'name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
            archive.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://'
                             'schemas.openxmlformats.org/package/2006/relationships">'
                             '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
                             'Type="worksheet"/></Relationships>')
            with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
                sheet.write(f"<worksheet {ns}><sheetData>".encode())
                for piece in rows or []:
                    sheet.write(piece.encode())
                sheet.write(b"</sheetData></worksheet>")
            if shared:
                with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
                    strings.write(f"<sst {ns}><si><t>".encode())
                    for _ in range(shared):
                        strings.write(b"a" * (1 << 20))
                    strings.write(b"</t></si></sst>")
        return out.getvalue()
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    wide_csv = ",".join(f"c{i}" for i in range(300_000)).encode() + b"\n"
    million = ['<row r="1">', *(f'<c r="A1"><v>{i}</v></c>' for i in range(1_000_000)),
               "</row>"]
    return [("text/csv", wide_csv), (xlsx, workbook(["<row r='1'/>"], shared=1024)),
            (xlsx, workbook(million)), ("text/csv", None)]


def chunked_body():
    for _ in range(200):
        yield b"x" * 100_000


def readers(port: int, requests: int, concurrency: int, deadline: float) -> dict:
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    source = itertools.cycle(PAGES)
    counter = itertools.count()

    def worker() -> None:
        nonlocal failures
        while next(counter) < requests and time.monotonic() < deadline:
            with lock:
                path = next(source)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                with lock:
                    if response.status >= 500:
                        failures += 1
                    else:
                        latencies.append(time.perf_counter() - t0)
            except OSError:
                with lock:
                    failures += 1
            finally:
                conn.close()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {"n": len(latencies), "failures": failures, "p50": q[49] * 1000,
            "p99": q[98] * 1000}


def attack(port: int, tokens: list[str], files, uploads: int, started, stop,
           answers) -> None:
    """`uploads` threads sending the hostile `files` until `stop` is set; the count of each
    answer's status into the queue `answers`. Run in a process of its own, so that the
    readers' latencies are not those of one crowded client."""
    counts: dict[int, int] = {}
    lock = threading.Lock()

    def worker(n: int) -> None:
        token = tokens[n % len(tokens)]
        for i in itertools.count():
            if stop.is_set():
                return
            kind, body = files[(n + i) % len(files)]
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
            try:
                conn.request("POST", "/api/editor/editions/lt-2022/figures",
                             body=chunked_body() if body is None else body,
                             headers={"Authorization": f"Bearer {token}",
                                      "Content-Type": kind},
                             encode_chunked=body is None)
                status = conn.getresponse().status
            except OSError:
                status = 0  # the server closed the connection (a refused body)
            finally:
                conn.close()
            with lock:
                counts[status] = counts.get(status, 0) + 1
                if sum(counts.values()) >= uploads:
                    started.set()  # as many answers as attackers: the attack is on
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(uploads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    answers.put(counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--uploads", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120, help="at most, per phase")
    args = parser.parse_args()
    from langerthuis.accounts import add_account, create_token
    from langerthuis.content import check_content
    from langerthuis.editing import create_draft
    from langerthuis.store import load_content, make_engine
    files = hostile_files()  # made before anything is measured
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        engine = make_engine(db)
        load_content(engine, check_content(CHECKOUT / "tests" / "fixtures" / "content"))
        create_draft(engine, "lt", 2022, "bench@example.nl")
        tokens = []
        for n in range(5):
            add_account(engine, f"partner{n}@example.nl", "editor", "a long enough password")
            tokens.append(create_token(engine, f"partner{n}@example.nl", "bench",
                                       ["deliveries"])[0])
        engine.dispose()
        env = {**os.environ, "LANGERTHUIS_DATABASE_URL": db,
               "LANGERTHUIS_PREBUILD_REPORTS": "0"}
        with local_server(["langerthuis.cli", "serve", "--port", "{port}"], "/monitor/2021",
                          env) as url:
            port = int(url.rsplit(":", 1)[1])
            readers(port, 100, args.concurrency, time.monotonic() + args.seconds)  # warm
            alone = readers(port, args.requests, args.concurrency,
                            time.monotonic() + args.seconds)
            started, stop = multiprocessing.Event(), multiprocessing.Event()
            queue = multiprocessing.Queue()
            attacker = multiprocessing.Process(target=attack, args=(
                port, tokens, files, args.uploads, started, stop, queue))
            attacker.start()
            started.wait(args.seconds)
            during = readers(port, args.requests, args.concurrency,
                             time.monotonic() + args.seconds)
            stop.set()
            answers = queue.get(timeout=TIMEOUT * 3)
            attacker.join(TIMEOUT)
    print(f"{args.concurrency} concurrent readers of {len(PAGES)} public pages, loopback; "
          f"{args.uploads} concurrent hostile uploads from {len(tokens)} accounts")
    print(f"{'phase':28} {'answered':>8} {'failed':>6} {'p50 ms':>7} {'p99 ms':>7}")
    for name, r in (("pages alone", alone), ("pages during uploads", during)):
        print(f"{name:28} {r['n']:8d} {r['failures']:6d} {r['p50']:7.1f} {r['p99']:7.1f}")
    print("answers to the uploads: " + ", ".join(
        f"{status or 'closed'}: {count}" for status, count in sorted(answers.items())))
    print(f"p99 during uploads / alone: {during['p99'] / alone['p99']:.2f}")


if __name__ == "__main__":
    sys.exit(main())
