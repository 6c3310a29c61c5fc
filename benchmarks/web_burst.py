"""A burst of uncached requests: 64 concurrent connections, each request with a query
string no one asked before (search terms, map filters, API pages, unknown parameters), and
the same burst while `langerthuis load` replaces the content in a loop. Reports errors,
timeouts and latency percentiles, with the p99 as a ratio to the p99 of a cached page
measured in the same run (the baseline). Not a test: run it by hand.

    python benchmarks/web_burst.py [--requests 2000] [--concurrency 64] [--loads 3]

It loads the bundled content (with the open data of LANGERTHUIS_OPEN_DATA_DIR) into a
temporary SQLite database and starts `langerthuis serve` on a free loopback port.
"""
from __future__ import annotations

import argparse
import http.client
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from langerthuis.web.local import local_server

TIMEOUT = 30.0


def unique_paths():
    """Request paths that have not been asked before, over every kind of page and the API."""
    for n in itertools.count():
        yield from (f"/zoeken?q=zorg{n}", f"/en/search?q=care+{n}",
                    f"/monitor/2021?x={n}", f"/indicator/overburdened-carers?v={n}",
                    f"/kaart?jaar={2019 + n % 6}&actielijn={1 + n % 3}&n={n}",
                    f"/acties?trekker=vws&k={n}", f"/api/indicators?limit={1 + n % 900}",
                    f"/api/measurements?offset={n % 50}", f"/beschouwing/2021?n={n}")


def burst(port: int, paths, requests: int, concurrency: int) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    timeouts = 0
    lock = threading.Lock()
    source = iter(paths)

    def next_path():
        with lock:
            if len(latencies) + len(errors) + timeouts >= requests:
                return None
            return next(source)

    def worker() -> None:
        nonlocal timeouts
        while (path := next_path()) is not None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                with lock:
                    if response.status >= 500:
                        errors.append(f"{path}: HTTP {response.status}")
                    else:
                        latencies.append(time.perf_counter() - t0)
            except TimeoutError:
                with lock:
                    timeouts += 1
            except OSError as exc:
                with lock:
                    errors.append(f"{path}: {exc}")
            finally:
                conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {"n": len(latencies), "errors": errors, "timeouts": timeouts,
            "rps": len(latencies) / elapsed, "p50": q[49] * 1000, "p95": q[94] * 1000,
            "p99": q[98] * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--loads", type=int, default=3, help="loads during the last burst")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        env = {**os.environ, "LANGERTHUIS_DATABASE_URL": db}
        load = [sys.executable, "-m", "langerthuis.cli", "load"]
        subprocess.run(load, env=env, check=True, capture_output=True)
        with local_server(["langerthuis.cli", "serve", "--port", "{port}"], "/monitor/2021",
                          env) as url:
            port = int(url.rsplit(":", 1)[1])
            burst(port, itertools.repeat("/monitor/2021"), args.concurrency, args.concurrency)
            results = {"cached page (baseline)": burst(
                port, itertools.repeat("/monitor/2021"), args.requests, args.concurrency)}
            results["unique query strings"] = burst(port, unique_paths(), args.requests,
                                                    args.concurrency)
            outcomes: list[int] = []

            def reload() -> None:
                for _ in range(args.loads):
                    outcomes.append(subprocess.run(load, env=env, capture_output=True).returncode)
            loader = threading.Thread(target=reload)
            loader.start()
            during = []
            while loader.is_alive():
                during.append(burst(port, unique_paths(), args.requests // 4, args.concurrency))
            loader.join()
            merged = {"n": sum(r["n"] for r in during),
                      "errors": [e for r in during for e in r["errors"]],
                      "timeouts": sum(r["timeouts"] for r in during),
                      "rps": statistics.mean(r["rps"] for r in during),
                      "p50": statistics.median(r["p50"] for r in during),
                      "p95": max(r["p95"] for r in during), "p99": max(r["p99"] for r in during)}
            results[f"unique, during {args.loads} loads"] = merged
    base = results["cached page (baseline)"]["p99"]
    print(f"{args.concurrency} concurrent connections, loopback; loads: "
          f"{sum(1 for c in outcomes if c == 0)} of {len(outcomes)} succeeded")
    print(f"{'burst':30} {'answered':>8} {'errors':>6} {'timeouts':>8} {'req/s':>7} "
          f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'p99/baseline':>12}")
    for name, r in results.items():
        print(f"{name:30} {r['n']:8d} {len(r['errors']):6d} {r['timeouts']:8d} {r['rps']:7.1f} "
              f"{r['p50']:7.1f} {r['p95']:7.1f} {r['p99']:7.1f} {r['p99'] / base:12.2f}")
        for e in r["errors"][:5]:
            print("   ", e)


if __name__ == "__main__":
    main()
