"""How long a full report takes: the HTML of an edition (the baseline, measured in the same
run) and the PDF made from it, for every edition. Not a test: run it by hand.

    python benchmarks/report_time.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy.orm import Session

from langerthuis.config import CHECKOUT, sqlite_url
from langerthuis.content import check_content
from langerthuis.report import report_html, report_pdf
from langerthuis.store import load_content, make_engine
from langerthuis.views.snapshot import build_snapshot


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(sqlite_url(Path(tmp) / "bench.sqlite"))
        load_content(engine, check_content(CHECKOUT / "content"))
        with Session(engine) as session:
            snapshot = timed(lambda: build_snapshot(session), 1)
            views = build_snapshot(session)
        print(f"snapshot of every view: {snapshot:.2f} s; median of {args.repeat} runs")
        print(f"{'edition':8} {'html s':>8} {'pdf s':>8} {'pdf/html':>9} {'pages':>6}")
        for year in (2019, 2020, 2021):
            view = views.reports[(year, "nl")]
            html = timed(lambda: report_html(view), args.repeat)
            pdf = timed(lambda: report_pdf(view), args.repeat)
            pages = len(PdfReader(io.BytesIO(report_pdf(view))).pages)
            print(f"{year:8} {html:8.2f} {pdf:8.2f} {pdf / html:9.1f} {pages:6d}")


if __name__ == "__main__":
    main()
