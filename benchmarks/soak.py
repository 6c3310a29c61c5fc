"""The soak: wrk sends pages and API requests over 64 connections while `langerthuis load`
replaces the content ten times, and reports the loads that succeeded, errors (goal 0:
connection errors and HTTP statuses of 400 or more), timeouts (goal 0: no answer within 30
seconds, as in web_burst.py) and latency percentiles. Bounded in time (--limit) and on
loopback only.
Not a test: run it by hand.

    python benchmarks/soak.py [--loads 10] [--connections 64] [--target deployment|application]

It loads the bundled content (with the open data of LANGERTHUIS_OPEN_DATA_DIR) into a
temporary SQLite database and starts `langerthuis serve` on a free loopback port; with the
target `deployment` (the default) the requests go through nginx as deployed
(deploy/nginx), and each load also publishes the site as files (`load --site`), so the
files are swapped under the traffic too. A baseline of the same traffic without loads is
measured first, in the same run.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

from langerthuis.web.local import local_server, nginx_server
from wrk_load import Running, wrk  # beside this script

TIMEOUT = 30  # seconds

#: Pages (from files in the deployment), filtered pages and searches, and the API.
PATHS = ["/monitor/2021", "/indicator/overburdened-carers", "/en/monitor/2020",
         "/acties?actielijn=2", "/kaart?actielijn=1", "/zoeken?q=mantelzorg",
         "/indicator/quality-of-life?editie=2020", "/api/measurements?limit=100",
         "/api/indicators", "/api/analysis/lt-2021", "/data/key-figures.csv",
         "/static/style.css"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--target", choices=["deployment", "application"],
                        default="deployment")
    parser.add_argument("--limit", type=float, default=900, help="seconds at most")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        tmp = Path(tmp)
        env = {**os.environ, "LANGERTHUIS_DATABASE_URL": f"sqlite:///{tmp / 'soak.sqlite'}",
               "LANGERTHUIS_PREBUILD_REPORTS": "0"}
        if args.target == "deployment":
            env["LANGERTHUIS_SITE_DIR"] = str(tmp / "site")
        load = [sys.executable, "-m", "langerthuis.cli", "load"]
        subprocess.run(load, env=env, check=True, capture_output=True)
        url = stack.enter_context(local_server(
            ["langerthuis.cli", "serve", "--port", "{port}"], "/monitor/2021", env))
        if args.target == "deployment":
            url = stack.enter_context(nginx_server(int(url.rsplit(":", 1)[1]),
                                                   tmp / "site" / "current", tmp / "nginx",
                                                   workers=2))
        wrk(url, PATHS, args.connections, 3, timeout=TIMEOUT)  # warm up
        baseline = wrk(url, PATHS, args.connections, 15, timeout=TIMEOUT)
        outcomes: list[tuple[int, float, str]] = []
        start = time.monotonic()

        def reload() -> None:
            for _ in range(args.loads):
                if time.monotonic() - start > args.limit:
                    break
                t0 = time.monotonic()
                done = subprocess.run(load, env=env, capture_output=True, text=True)
                outcomes.append((done.returncode, time.monotonic() - t0, done.stderr[-500:]))
        traffic = Running(url, PATHS, args.connections, limit=args.limit, timeout=TIMEOUT)
        loader = threading.Thread(target=reload)
        loader.start()
        loader.join()
        during = traffic.stop()
        after = wrk(url, PATHS, args.connections, 5, timeout=TIMEOUT)  # still answering
    ok = sum(1 for code, _, _ in outcomes if code == 0)
    print(f"target: {args.target}; wrk, {args.connections} connections, 2 threads, loopback, "
          f"{len(PATHS)} paths in turn (pages, filters, searches, API, downloads)")
    print(f"loads: {ok} of {len(outcomes)} succeeded, "
          f"{min(s for _, s, _ in outcomes):.1f}-{max(s for _, s, _ in outcomes):.1f} s each")
    for code, _, err in outcomes:
        if code:
            print("    load failed:", err.strip().splitlines()[-1:])
    print(f"{'phase':28} {'requests':>9} {'req/s':>8} {'errors':>6} {'timeouts':>8} "
          f"{'p50 ms':>7} {'p99 ms':>8} {'max ms':>8}")
    for name, r in ((f"before (baseline, {baseline['seconds']:.0f} s)", baseline),
                    (f"during {len(outcomes)} loads ({during['seconds']:.0f} s)", during),
                    (f"after ({after['seconds']:.0f} s)", after)):
        print(f"{name:28} {r['requests']:9d} {r['rps']:8.0f} {r['errors']:6d} "
              f"{r['timeouts']:8d} {r['p50']:7.1f} {r['p99']:8.1f} {r['max']:8.1f}")


if __name__ == "__main__":
    main()
