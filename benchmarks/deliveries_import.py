"""Time and peak memory of importing and linking synthetic deliveries of every source
(`langerthuis deliveries import`: read and check every row, write all in one transaction,
link the records of all sources into projects and store projects and review list), as a
ratio to reading the same CSV files into DuckDB alone, measured in the same run. Not a
test: run it by hand.

    python benchmarks/deliveries_import.py [--sizes 1e5,1e6] [--database-dir DIR]

Files come from the synthetic generator (labelled synthetic). The database is a fresh
SQLite file per size holding only a synthetic municipality registry of 342 codes. Every
variant runs in a fresh process, so that its peak resident memory is its own.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r'''
import json, resource, sys, time
from pathlib import Path
variant, folder, url = sys.argv[1:4]
files = sorted(Path(folder).glob("*.csv"))
import duckdb  # imports are not timed
from langerthuis.housing.importing import import_deliveries
from langerthuis.store import make_engine
start = time.perf_counter()
if variant == "duckdb":
    con = duckdb.connect()
    rows = 0
    for i, f in enumerate(files):
        con.execute(f"CREATE TABLE t{i} AS SELECT * FROM read_csv('{f}', header=true, all_varchar=true)")
        rows += con.execute(f"SELECT count(*) FROM t{i}").fetchone()[0]
    result = {"rows": rows}
else:
    engine = make_engine(url)
    result = import_deliveries(engine, [(f, f.stem) for f in files])
    engine.dispose()
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "result": result}))
'''


def prepare(folder: Path, records: int) -> str:
    """Synthetic files of every source and a database with a synthetic registry."""
    from sqlalchemy.orm import Session

    from langerthuis import model as m
    from langerthuis.config import sqlite_url
    from langerthuis.housing.synthetic import generate
    from langerthuis.store import make_engine
    from langerthuis.store.migrate import upgrade
    codes = [f"GM{i:04d}" for i in range(1, 343)]
    generate(folder / "files", codes, records)
    url = sqlite_url(folder / "bench.sqlite")
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session, session.begin():
        session.add_all(m.Municipality(year=2024, code=c, name=f"Synthetic {c}", derived=False,
                                       province_code=f"PV{20 + i % 12}")
                        for i, c in enumerate(codes))
    engine.dispose()
    return url


def run(variant: str, folder: Path, url: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, variant, str(folder / "files"), url],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1e5,1e6")
    parser.add_argument("--database-dir", type=Path, default=None,
                        help="where to put the files and databases (default: a temporary folder)")
    args = parser.parse_args()
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    print(f"{'records':>9} {'variant':<8} {'seconds':>9} {'ratio':>7} {'peak MB':>9} "
          f"{'mem ratio':>9}  result")
    with tempfile.TemporaryDirectory(dir=args.database_dir) as tmp:
        for size in sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            url = prepare(folder, size)
            base = run("duckdb", folder, url)
            ours = run("import", folder, url)
            for name, r in (("duckdb", base), ("import", ours)):
                print(f"{base['result']['rows']:>9} {name:<8} {r['seconds']:>9.2f} "
                      f"{r['seconds'] / base['seconds']:>7.1f} {r['peak_mb']:>9.0f} "
                      f"{r['peak_mb'] / base['peak_mb']:>9.1f}  {r['result']}", flush=True)


if __name__ == "__main__":
    main()
