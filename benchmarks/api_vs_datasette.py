"""Our JSON API against Datasette on the same data, measured in one run with the same
load generator: the measurements of the bundled content, a page of 100, under concurrent
connections on loopback. Datasette serves the table from an immutable SQLite file built
from our own `monitor.json`; we serve `/api/measurements` from the snapshot. The load
generator is wrk (Debian package `wrk`) when it is installed, else the Python request loop
of web_burst.py (then --requests counts requests). Goal: our API at least twice
Datasette's requests per second. Not a test: run it by hand after `pip install -e
'.[bench]'` (Datasette is a benchmark-only dependency).

    python benchmarks/api_vs_datasette.py [--seconds 10] [--concurrency 64]
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from langerthuis.web.local import local_server
from web_burst import burst  # the same request loop, beside this script
from wrk_load import WRK, wrk

OURS = "/api/measurements?limit=100"
THEIRS = "/bench/measurements.json?_size=100&_shape=objects"


def datasette_database(monitor_json: Path, target: Path) -> None:
    """The measurements of the whole-dataset download as a SQLite table (lists as JSON)."""
    rows = json.loads(monitor_json.read_text(encoding="utf-8"))["measurements"]
    columns = list(rows[0])
    with sqlite3.connect(target) as db:
        db.execute(f"create table measurements ({', '.join(columns)}, primary key (id))")
        db.executemany(f"insert into measurements values ({', '.join('?' * len(columns))})",
                       [[json.dumps(r[c]) if isinstance(r[c], (list, dict)) else r[c]
                         for c in columns] for r in rows])


def measure(url: str, path: str, args, warm_up: bool = False) -> dict:
    """The figures of one server under the load generator of this run."""
    if WRK:
        return wrk(url, [path], args.concurrency, 3 if warm_up else args.seconds)
    port = int(url.rsplit(":", 1)[1])
    r = burst(port, itertools.repeat(path), args.concurrency * 4 if warm_up else args.requests,
              args.concurrency)
    return {**r, "errors": len(r["errors"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="per server, with wrk")
    parser.add_argument("--requests", type=int, default=3000, help="without wrk")
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "LANGERTHUIS_DATABASE_URL": f"sqlite:///{tmp / 'ours.sqlite'}",
               "LANGERTHUIS_OPEN_DATA_DIR": str(tmp / "no-open-data"),
               "LANGERTHUIS_PREBUILD_REPORTS": "0"}
        cli = [sys.executable, "-m", "langerthuis.cli"]
        subprocess.run([*cli, "load"], env=env, check=True, capture_output=True)
        subprocess.run([*cli, "export", str(tmp / "export")], env=env, check=True,
                       capture_output=True)
        datasette_database(tmp / "export" / "monitor.json", tmp / "bench.db")
        results = {}
        with local_server(["langerthuis.cli", "serve", "--port", "{port}"], OURS, env) as url:
            measure(url, OURS, args, warm_up=True)
            results["Monitor Langer Thuis API"] = measure(url, OURS, args)
        with local_server(["datasette", "serve", "--immutable", str(tmp / "bench.db"),
                           "--port", "{port}", "--setting", "num_sql_threads", "3"],
                          THEIRS) as url:
            measure(url, THEIRS, args, warm_up=True)
            results["Datasette (baseline)"] = measure(url, THEIRS, args)
        count = len(json.loads((tmp / "export" / "monitor.json").read_text())["measurements"])
    base = results["Datasette (baseline)"]["rps"]
    generator = (f"wrk, {args.seconds:g} s per server, 2 threads" if WRK
                 else f"Python request loop, {args.requests} requests")
    print(f"{generator}, {args.concurrency} concurrent connections, loopback; "
          f"{count} measurements, a page of 100")
    print(f"{'server':28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} "
          f"{'rps vs Datasette':>17}")
    for name, r in results.items():
        print(f"{name:28} {r['rps']:8.1f} {r['p50']:8.1f} {r['p99']:8.1f} "
              f"{r['errors'] + r['timeouts']:7d} {r['rps'] / base:17.2f}")


if __name__ == "__main__":
    main()
