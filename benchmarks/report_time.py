"""How long a full report takes, per edition, against the floor measured in the same run:
`langerthuis report --format pdf` as a user runs it (a fresh process: it reads the
database, analyses what the edition needs, renders the HTML and the PDF) against WeasyPrint
alone on the same final HTML, also in a fresh process (`HTML(...).write_pdf(
pdf_variant="pdf/ua-1")`); next to them the pipeline inside one process (report view ->
HTML -> PDF, the snapshot built beforehand); and how long a ready report takes
to serve: the PDF written where the server keeps its reports, then asked for over HTTP on
loopback from `langerthuis serve`. Not a test: run it by hand.

    python benchmarks/report_time.py [--repeat 3] [--requests 20]
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy.orm import Session

from langerthuis.config import sqlite_url
from langerthuis.report import report_html, report_pdf
from langerthuis.report.render import HERE
from langerthuis.report.routes import folder
from langerthuis.store import make_engine
from langerthuis.views.snapshot import build_snapshot
from langerthuis.web.local import local_server


def timed(fn, repeat: int) -> tuple[float, object]:
    """The median time of `repeat` calls of `fn`, and what the last call returned."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


#: WeasyPrint alone on a file of the final HTML, in a fresh process (the floor).
FLOOR = """
import sys
from weasyprint import HTML
HTML(string=open(sys.argv[1], encoding="utf-8").read(), base_url=sys.argv[2]).write_pdf(
    sys.argv[3], pdf_variant="pdf/ua-1")
"""


def fresh(args: list[str], env: dict | None = None) -> None:
    subprocess.run([sys.executable, *args], check=True, capture_output=True, env=env)


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url) as answer:
        return answer.read()


def serving_times(data_dir: Path, db: str, years: list[int], requests: int) -> dict:
    """(first request, median of the next ones) in seconds per edition, from a server that
    finds the PDFs ready in its data directory."""
    env = {**os.environ, "LANGERTHUIS_DATABASE_URL": db, "LANGERTHUIS_DATA_DIR": str(data_dir),
           "LANGERTHUIS_PREBUILD_REPORTS": "0"}
    times = {}
    with local_server(["langerthuis.cli", "serve", "--port", "{port}"], "/monitor/2021",
                      env, timeout=120) as base:
        for year in years:
            url = f"{base}/rapport/{year}.pdf"
            first, _ = timed(lambda: fetch(url), 1)
            warm, body = timed(lambda: fetch(url), requests)
            assert body[:5] == b"%PDF-", url
            times[year] = (first, warm)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite_url(Path(tmp) / "bench.sqlite")
        subprocess.run([sys.executable, "-m", "langerthuis.cli", "load", "--database", db],
                       check=True, capture_output=True)  # as a user loads it (with the map)
        engine = make_engine(db)
        with Session(engine) as session:
            snapshot_s, views = timed(lambda: build_snapshot(session), 1)
        engine.dispose()
        years = [year for _id, year in views.editions]
        rows = {}
        for year in years:
            view = views.reports[(year, "nl")]
            html_s, html = timed(lambda: report_html(view), args.repeat)
            pdf_s, pdf = timed(lambda: report_pdf(view), args.repeat)
            source = Path(tmp) / f"{year}.html"
            source.write_text(html, encoding="utf-8")
            out = Path(tmp) / f"{year}-cmd.pdf"
            command_s, _ = timed(lambda: fresh(
                ["-m", "langerthuis.cli", "report", "--edition", str(year), "--format", "pdf",
                 "--output", str(out), "--database", db]), args.repeat)
            floor_s, _ = timed(lambda: fresh(
                ["-c", FLOOR, str(source), str(HERE), str(Path(tmp) / "floor.pdf")]),
                args.repeat)
            target = folder(Path(tmp), views) / f"{year}-nl.pdf"  # where the server looks
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pdf)
            rows[year] = (html_s, pdf_s, command_s, floor_s,
                          len(PdfReader(io.BytesIO(pdf)).pages))
        served = serving_times(Path(tmp), db, years, args.requests)
    print(f"snapshot of every view: {snapshot_s:.2f} s; Dutch reports, median of "
          f"{args.repeat} runs; command and floor each in a fresh process; serving: first "
          f"request, then median of {args.requests}")
    print(f"{'edition':8} {'pages':>6} {'html s':>7} {'pdf s':>7} {'command s':>10} "
          f"{'floor s':>8} {'cmd/floor':>10} {'serve 1st ms':>13} {'serve ms':>9}")
    for year, (html_s, pdf_s, command_s, floor_s, pages) in rows.items():
        first, warm = served[year]
        print(f"{year:8} {pages:6d} {html_s:7.2f} {pdf_s:7.2f} {command_s:10.2f} "
              f"{floor_s:8.2f} {command_s / floor_s:10.2f} {first * 1000:13.1f} "
              f"{warm * 1000:9.1f}")


if __name__ == "__main__":
    main()
