"""Requests per second and latency percentiles of the website under concurrent load on
loopback, for the dashboard, an indicator page, a municipality page and the map, against a
baseline measured in the same run: a static file served by the same server. Not a test: run
it by hand.

    python benchmarks/web_load.py [--requests 640] [--concurrency 64]

It loads the bundled content into a temporary SQLite database, starts `langerthuis serve`
on a free loopback port, and stops it afterwards. Every request loop is bounded in count.
"""
from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from langerthuis.web.local import local_server
from web_burst import burst  # the same request loop, beside this script

PATHS = {"baseline (static css)": "/static/style.css", "dashboard": "/monitor/2021",
         "indicator page": "/indicator/overburdened-carers",
         "municipality page": "/gemeente/amsterdam", "map": "/kaart"}


def load(port: int, path: str, requests: int, concurrency: int) -> dict:
    result = burst(port, itertools.repeat(path), requests, concurrency)
    if result["errors"] or result["timeouts"]:
        raise RuntimeError(f"{path}: {result['errors'][:3]}, {result['timeouts']} timeouts")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=640)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        env = {**os.environ, "LANGERTHUIS_DATABASE_URL": db,
               "LANGERTHUIS_PREBUILD_REPORTS": "0"}
        subprocess.run([sys.executable, "-m", "langerthuis.cli", "load"], env=env, check=True,
                       capture_output=True)
        with local_server(["langerthuis.cli", "serve", "--port", "{port}"], "/monitor/2021",
                          env) as url:
            port = int(url.rsplit(":", 1)[1])
            for path in PATHS.values():  # warm up
                load(port, path, args.concurrency * 2, args.concurrency)
            results = {name: load(port, path, args.requests, args.concurrency)
                       for name, path in PATHS.items()}
    base = results["baseline (static css)"]
    print(f"{args.requests} requests per page, {args.concurrency} concurrent clients, loopback")
    print(f"{'page':24} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'rps vs baseline':>16}")
    for name, r in results.items():
        print(f"{name:24} {r['rps']:8.1f} {r['p50']:8.1f} {r['p95']:8.1f} {r['p99']:8.1f} "
              f"{r['rps'] / base['rps']:16.3f}")


if __name__ == "__main__":
    main()
