"""Requests per second and latency percentiles of the website under concurrent load on
loopback, for the dashboard and an indicator page, against a baseline measured in the same
run: a static file served by the same server. Not a test: run it by hand.

    python benchmarks/web_load.py [--requests 400] [--concurrency 8]

It loads the bundled content into a temporary SQLite database, starts `langerthuis serve`
on a free loopback port, and stops it afterwards. Every request loop is bounded in count.
"""
from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from langerthuis.web.local import local_server

PATHS = {"baseline (static css)": "/static/style.css", "dashboard": "/monitor/2021",
         "indicator page": "/indicator/overburdened-carers"}


def load(port: int, path: str, requests: int, concurrency: int) -> dict:
    latencies: list[float] = []
    lock = threading.Lock()
    per_worker = max(1, requests // concurrency)

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for _ in range(per_worker):
            t0 = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
            mine.append(time.perf_counter() - t0)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / elapsed, "p50": q[49] * 1000, "p95": q[94] * 1000,
            "p99": q[98] * 1000, "n": len(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        env = {**os.environ, "LANGERTHUIS_DATABASE_URL": db}
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
