"""A throw-away PostgreSQL server for the tests, on a Unix socket in a temporary folder
(no network). Uses Debian's postgresql package, which the test command installs."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or \
        ([shutil.which(name)] if shutil.which(name) else [])
    return found[-1] if found else None


def available() -> bool:
    return _bin("initdb") is not None and _bin("pg_ctl") is not None


@contextmanager
def temporary_server() -> Iterator[str]:
    """Start a PostgreSQL server; yield its SQLAlchemy URL; stop and remove it after."""
    folder = Path(tempfile.mkdtemp(prefix="langerthuis-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"
    run = lambda *args: subprocess.run([*as_user, *args], check=True,  # noqa: E731
                                       capture_output=True, text=True)
    try:
        run(_bin("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        run(_bin("pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
            f"-k {folder} -c listen_addresses='' -p 5433", "start")
        yield f"postgresql+psycopg://postgres@/postgres?host={folder}&port=5433"
    finally:
        if (data / "postmaster.pid").exists():
            run(_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)
