"""Making every report of a content version before anyone asks: `load` makes them right
after writing the content (from the snapshot it built once), and a server that finds them
missing starts a worker process (`python -m langerthuis.report.making`) that makes them
while readers are told they are being prepared. One process at a time makes the reports of
a version (a lock file beside them); it renders them in parallel processes forked from the
one snapshot, one per core."""
from __future__ import annotations

import argparse
import contextlib
import fcntl
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..i18n import LANGUAGES
from ..views.snapshot import Snapshot
from . import routes

FORMATS = ("html", "pdf")  # the quick ones first: every HTML report is soon there
LOCK = ".making"


def jobs(snapshot: Snapshot) -> list[tuple[int, str, str]]:
    """(year, language, format) of every report of the snapshot, largest editions first
    within a format (so that parallel processes end together)."""
    size = {year: len(snapshot.reports[(year, "nl")].indicators)
            for _id, year in snapshot.editions if (year, "nl") in snapshot.reports}
    years = sorted(size, key=lambda y: -size[y])
    return [(year, lang, fmt) for fmt in FORMATS for year in years for lang in LANGUAGES]


def missing(snapshot: Snapshot, data_dir: Path) -> list[tuple[int, str, str]]:
    return [job for job in jobs(snapshot)
            if not routes.report_path(data_dir, snapshot, *job).exists()]


@contextlib.contextmanager
def _locked(directory: Path, wait: bool) -> Iterator[bool]:
    """Whether this process holds the lock on making the reports in `directory` (waiting
    for it when `wait`); the operating system lets go of it when the process ends."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / LOCK, "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


_SHARED: tuple[Snapshot, Path] | None = None  # the snapshot the forked processes inherit


def _make_shared(job: tuple[int, str, str]) -> tuple[int, str, str]:
    snapshot, data_dir = _SHARED
    routes.report_file(snapshot, *job, data_dir)
    return job


def _die_with_parent() -> None:
    """A forked report process ends when the process that started it ends (Linux)."""
    with contextlib.suppress(Exception):
        import ctypes
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def make_reports(snapshot: Snapshot, data_dir: Path, processes: int | None = None,
                 wait: bool = True,
                 done: Callable[[tuple[int, str, str]], None] | None = None) -> int:
    """Make every report of `snapshot` not yet in `data_dir`, in `processes` processes
    (default: one per core, at most one per report); returns how many were made. Without
    `wait` it makes none when another process is making them. `done` is called after
    each report (progress)."""
    global _SHARED
    todo = missing(snapshot, data_dir)
    if not todo:
        return 0
    with _locked(routes.folder(data_dir, snapshot), wait) as mine:
        todo = missing(snapshot, data_dir) if mine else []  # made meanwhile?
        count = min(processes or os.cpu_count() or 1, len(todo))
        if count <= 1:
            for job in todo:
                routes.report_file(snapshot, *job, data_dir)
                if done:
                    done(job)
            return len(todo)
        _SHARED = (snapshot, data_dir)
        try:
            with multiprocessing.get_context("fork").Pool(count, _die_with_parent) as pool:
                for job in pool.imap_unordered(_make_shared, todo):
                    if done:
                        done(job)
        finally:
            _SHARED = None
        return len(todo)


class Maker:
    """The server's side: starts the worker process that makes the missing reports of a
    content version, once per version in this process (several server processes may each
    start one; the lock lets one of them work, the others wait and find them made)."""

    def __init__(self, database_url: str, data_dir: Path):
        self.database_url = database_url
        self.data_dir = data_dir
        self._started: dict[str, subprocess.Popen] = {}
        self._lock = threading.Lock()

    def ensure(self, snapshot: Snapshot) -> None:
        with self._lock:
            if snapshot.version in self._started or not missing(snapshot, self.data_dir):
                return  # once per version: a failure is in the server's log, not retried
            self._started = {snapshot.version: subprocess.Popen(
                [sys.executable, "-m", "langerthuis.report.making", "--database",
                 self.database_url, "--data-dir", str(self.data_dir)],
                stdout=subprocess.DEVNULL)}


def _end_with_server(server: int) -> None:
    """The worker ends when the server that started it ends (its forked processes with it:
    `_die_with_parent`)."""
    while os.getppid() == server:
        time.sleep(2)
    os._exit(1)


def main(argv: list[str] | None = None) -> None:
    from sqlalchemy.orm import Session

    from ..store import make_engine
    from ..views.snapshot import build_snapshot
    parser = argparse.ArgumentParser(description="Make every report of the content version "
                                     "in the database that is not yet in the data folder.")
    parser.add_argument("--database", required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    threading.Thread(target=_end_with_server, args=(os.getppid(),), daemon=True).start()
    engine = make_engine(args.database)
    try:
        with Session(engine) as session:
            snapshot = build_snapshot(session)
    finally:
        engine.dispose()
    make_reports(snapshot, args.data_dir)  # or wait for the process making them


if __name__ == "__main__":
    main()
