"""Public pages in the recommended deployment (deploy/nginx: nginx serving the files that
`load --site` writes, in front of the application) against nginx serving the same file
alone (the baseline), measured with wrk in one run; the application answering the same
pages without nginx is shown for comparison. Goal: the deployment at least 50% of the
baseline's requests per second. Not a test: run it by hand.

    python benchmarks/nginx_deploy.py [--seconds 5] [--rounds 3] [--connections 64]

The machine may be shared, so the baseline and the deployment are measured in turn, page
by page, for several rounds, and the median round of each is reported.

It loads the bundled content (with the open data of LANGERTHUIS_OPEN_DATA_DIR) into a
temporary SQLite database with `load --site`, starts `langerthuis serve` and two nginx
servers on free loopback ports, and stops them afterwards.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from langerthuis.web.local import free_port, local_server, nginx_server
from wrk_load import wrk  # beside this script

PAGES = {"dashboard": "/monitor/2021", "indicator page": "/indicator/overburdened-carers",
         "English dashboard": "/en/monitor/2021"}


def alone(site_root: Path, port: int) -> str:
    """The baseline: a server block that only serves the files."""
    return (f"server {{ listen 127.0.0.1:{port}; root {site_root};\n"
            "  location / { try_files $uri $uri/index.html =404; } }\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5, help="per measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    measure = {"connections": args.connections, "seconds": args.seconds}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "LANGERTHUIS_DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite'}",
               "LANGERTHUIS_SITE_DIR": str(tmp / "site"), "LANGERTHUIS_PREBUILD_REPORTS": "0"}
        subprocess.run([sys.executable, "-m", "langerthuis.cli", "load"], env=env, check=True,
                       capture_output=True)
        root = tmp / "site" / "current"
        with local_server(["langerthuis.cli", "serve", "--port", "{port}"], "/monitor/2021",
                          env) as app:
            app_port = int(app.rsplit(":", 1)[1])
            port = free_port()
            with nginx_server(app_port, root, tmp / "deployed", workers=2) as deployed, \
                    nginx_server(app_port, root, tmp / "alone", alone(root, port), 2,
                                 port=port) as baseline:
                servers = {"nginx alone (baseline)": baseline, "deployment": deployed,
                           "application alone": app}
                for url in servers.values():  # warm up
                    wrk(url, list(PAGES.values()), seconds=2, connections=args.connections)
                runs = {name: {page: [] for page in PAGES} for name in servers}
                for _ in range(args.rounds):
                    for page, path in PAGES.items():
                        for name, url in servers.items():
                            if name != "application alone" or not runs[name][page]:
                                runs[name][page].append(wrk(url, [path], **measure))
                results = {name: {page: sorted(r, key=lambda x: x["rps"])[len(r) // 2]
                                  for page, r in pages.items()}
                           for name, pages in runs.items()}
    print(f"wrk, {args.connections} connections, 2 threads, {args.seconds:g} s per page, "
          f"median of {args.rounds} rounds (the application: 1), loopback; bundled content")
    print(f"{'server':24} {'page':18} {'req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
          f"{'vs baseline':>11}")
    for name, pages in results.items():
        for page, r in pages.items():
            base = results["nginx alone (baseline)"][page]["rps"]
            print(f"{name:24} {page:18} {r['rps']:9.0f} {r['p50']:7.2f} {r['p99']:7.2f} "
                  f"{r['errors'] + r['timeouts']:6d} {r['rps'] / base:10.0%}")


if __name__ == "__main__":
    main()
