"""How long `export-site` takes on the bundled content, against the method before it in the
same run: one process rendering every page, every chart and every report itself (the
caches of numbers and relative links off), and against copying the same files (the floor).
Each export runs in a fresh process on the same snapshot of a database that `load` filled,
with the reports that `load` made. Not a test: run it by hand.

    python benchmarks/export_site.py
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from langerthuis.config import sqlite_url

#: The export in a fresh process: the snapshot is built first and not timed.
EXPORT = """
import sys, time
from pathlib import Path
old = sys.argv[3] == "old"
if old:  # the method before: no caches, one process, every report rendered
    import langerthuis.formatting as f
    f.format_number = f.format_number.__wrapped__
from langerthuis.cli import _snapshot
import langerthuis.static_site as site
if old:
    site._relative = site._relative.__wrapped__
snapshot = _snapshot(sys.argv[1])
start = time.perf_counter()
written = (site.export_site(snapshot, Path(sys.argv[2]), processes=1) if old else
           site.export_site(snapshot, Path(sys.argv[2]), data_dir=Path(sys.argv[4])))
print(time.perf_counter() - start, len(written))
"""


def export(db: str, target: Path, method: str, data_dir: Path) -> tuple[float, int]:
    done = subprocess.run([sys.executable, "-c", EXPORT, db, str(target), method,
                           str(data_dir)], check=True, capture_output=True, text=True)
    seconds, files = done.stdout.split()
    return float(seconds), int(files)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = sqlite_url(tmp / "bench.sqlite")
        env = {**os.environ, "LANGERTHUIS_DATA_DIR": str(tmp / "data")}
        subprocess.run([sys.executable, "-m", "langerthuis.cli", "load", "--database", db,
                        "--reports"], check=True, capture_output=True, env=env)
        old_s, old_n = export(db, tmp / "old", "old", tmp / "data")
        new_s, new_n = export(db, tmp / "new", "new", tmp / "data")
        start = time.perf_counter()
        shutil.copytree(tmp / "new", tmp / "copy")
        copy_s = time.perf_counter() - start
        files = {str(p.relative_to(tmp / "old")) for p in (tmp / "old").rglob("*") if p.is_file()}
        same = files == {str(p.relative_to(tmp / "new")) for p in (tmp / "new").rglob("*")
                         if p.is_file()}
    print(f"export-site of the bundled content, {os.cpu_count()} cores; the same "
          f"{len(files)} files both ways: {same}")
    print(f"{'method':44} {'files':>6} {'s':>8} {'x':>7}")
    print(f"{'before: one process renders everything':44} {old_n:6d} {old_s:8.2f} {1:7.2f}")
    print(f"{'now: parallel, reports from load, caches':44} {new_n:6d} {new_s:8.2f} "
          f"{old_s / new_s:7.2f}")
    print(f"{'copying the same files (floor)':44} {new_n:6d} {copy_s:8.2f} "
          f"{old_s / copy_s:7.2f}")


if __name__ == "__main__":
    main()
