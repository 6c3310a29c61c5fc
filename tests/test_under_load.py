"""The site under concurrent traffic, as a real server: a burst of requests no one asked
before is answered in full (the finding: 16 such requests froze the server and then
exhausted its connection pool), and `load` succeeds while the site is read (the finding:
"database is locked"), with the site answering during and after. Bounds on time here
only tell a freeze from an answer; speed is measured by the benchmarks."""
from __future__ import annotations

import http.client
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from conftest import FIXTURE_CONTENT, serve
from langerthuis.config import sqlite_url

#: Time within which a request must get any answer: far above any page's time, far below
#: "never".
LIVENESS = 60


def _paths(n: int) -> list[str]:
    """Request paths no one asked before, over every kind of page and the API."""
    kinds = ["/zoeken?q=zorg{n}", "/en/search?q=care+{n}", "/monitor/2021?x={n}",
             "/indicator/quality-of-life?v={n}", "/kaart?actielijn={a}&n={n}",
             "/acties?actielijn={a}&k={n}", "/api/indicators?limit={l}",
             "/api/measurements?offset={n}", "/beschouwing/2021?n={n}", "/en/about?n={n}"]
    return [kinds[i % len(kinds)].format(n=i, a=1 + i % 3, l=1 + i) for i in range(n)]


def _hammer(port: int, paths: list[str], threads: int) -> list[str]:
    """Ask every path once over `threads` concurrent connections; the failures (a status
    of 500 or more, no answer in time, a dropped connection)."""
    failures: list[str] = []
    todo = list(paths)
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                if not todo:
                    return
                path = todo.pop()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=LIVENESS)
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status >= 500:
                    failures.append(f"{path}: HTTP {response.status}")
            except OSError as exc:
                failures.append(f"{path}: {exc!r}")
            finally:
                conn.close()
    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return failures


def test_a_burst_of_uncached_requests_is_answered_in_full(fixture_site):
    with serve(fixture_site) as url:
        port = int(url.rsplit(":", 1)[1])
        assert _hammer(port, _paths(256), threads=64) == []
        assert _hammer(port, ["/monitor/2021"], threads=1) == []  # and it still answers


def test_load_succeeds_while_the_site_is_read(fixture_site, tmp_path: Path):
    database = tmp_path / "busy.sqlite"
    source = Path(fixture_site.removeprefix("sqlite:///"))
    with sqlite3.connect(source) as src, sqlite3.connect(database) as dst:
        src.backup(dst)  # a copy of the loaded fixture site, to load again under traffic
    url = sqlite_url(database)
    with serve(url) as base:
        port = int(base.rsplit(":", 1)[1])
        failures: list[str] = []
        stop = threading.Event()

        def traffic() -> None:
            round_ = 0
            while not stop.is_set():
                failures.extend(_hammer(port, [p + f"&r={round_}" if "?" in p else p
                                               for p in _paths(40)], threads=16))
                round_ += 1
        readers = threading.Thread(target=traffic)
        readers.start()
        try:
            loads = [subprocess.run([sys.executable, "-m", "langerthuis.cli", "load",
                                     "--content", str(FIXTURE_CONTENT), "--database", url],
                                    capture_output=True, text=True, timeout=600,
                                    env={**os.environ,  # no open data: a quicker load
                                         "LANGERTHUIS_OPEN_DATA_DIR": str(tmp_path / "none")})
                     for _ in range(3)]
        finally:
            stop.set()
            readers.join()
        assert [r.returncode for r in loads] == [0, 0, 0], [r.stderr[-500:] for r in loads]
        assert failures == []
        assert _hammer(port, _paths(20), threads=4) == []
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    shutil.rmtree(tmp_path, ignore_errors=True)

