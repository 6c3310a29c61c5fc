"""The report as a download of the website: /rapport/2021.pdf and /en/report/2021.pdf
(and .html). Every report of a content version is made once, written to the data
directory and served from there with its validators. `load` makes them all (making.py);
a server that finds one missing has a worker process make them and answers meanwhile
that the report is being prepared (503 with Retry-After), so that no reader waits."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import Response

from ..http import INLINE_STYLES, etag_of, not_modified
from ..i18n import translations
from ..views.snapshot import Snapshot, Snapshots
from .render import report_html, report_pdf

MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    etag: str
    modified: dt.datetime


def folder(data_dir: Path, snapshot: Snapshot) -> Path:
    """Where the reports of this content version are kept."""
    version = hashlib.sha256(snapshot.version.encode()).hexdigest()[:16]
    return data_dir / "reports" / version


def report_path(data_dir: Path, snapshot: Snapshot, year: int, lang: str, fmt: str) -> Path:
    return folder(data_dir, snapshot) / f"{year}-{lang}.{fmt}"


def _read(path: Path) -> ReportFile:
    content = path.read_bytes()
    modified = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
    return ReportFile(content, etag_of(content), modified)


def stored(snapshot: Snapshot, year: int, lang: str, fmt: str,
           data_dir: Path) -> ReportFile | None:
    """The report if it is made already (read once per snapshot), else None."""
    path = report_path(data_dir, snapshot, year, lang, fmt)
    if not path.exists():
        return None
    return snapshot.artefact(("report", year, lang, fmt), lambda: _read(path))


def report_file(snapshot: Snapshot, year: int, lang: str, fmt: str,
                data_dir: Path | None = None) -> ReportFile | None:
    """The report of the edition of `year`, made once per content version (others asking
    meanwhile wait for it) and kept in `data_dir`; None if there is no such edition."""
    view = snapshot.reports.get((year, lang))
    if view is None or fmt not in MEDIA:
        return None

    def make() -> ReportFile:
        path = report_path(data_dir, snapshot, year, lang, fmt) if data_dir else None
        if path is None or not path.exists():
            content = report_pdf(view) if fmt == "pdf" else report_html(view).encode()
            if path is None:
                return ReportFile(content, etag_of(content), dt.datetime.now(dt.timezone.utc))
            _write_atomically(path, content)
        return _read(path)
    return snapshot.artefact(("report", year, lang, fmt), make)


def _write_atomically(path: Path, content: bytes) -> None:
    """Readers (other processes too) see the whole file or none; reports of earlier
    content versions are removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.parent.iterdir():
        if old != path.parent and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    partial.write_bytes(content)
    partial.replace(path)


#: Seconds after which a reader may ask again for a report being prepared.
RETRY_AFTER = 30


def install(app: FastAPI, snapshots: Snapshots, data_dir: Path | None = None,
            prepare: Callable[[Snapshot], None] | None = None) -> None:
    """With `data_dir` the reports are served from there, and one not yet made is answered
    with 503 and Retry-After after asking `prepare` to have it made; without, a report is
    made in the request (for a server without a data folder)."""
    @app.get("/rapport/{year}.{fmt}", include_in_schema=False)
    @app.get("/en/report/{year}.{fmt}", include_in_schema=False)
    def report_download(request: Request, year: int, fmt: str):
        lang = "en" if request.url.path.startswith("/en/") else "nl"
        _ = translations(lang).gettext
        if fmt not in MEDIA:
            raise HTTPException(404, _("The report exists as pdf and as html."))
        snapshot = snapshots.current()
        if data_dir is None:
            found = report_file(snapshot, year, lang, fmt)
        else:
            found = stored(snapshot, year, lang, fmt, data_dir)
            if found is None and (year, lang) in snapshot.reports:
                if prepare is not None:
                    prepare(snapshot)
                raise HTTPException(503, _("The report of {year} is being prepared. Ask "
                                           "again in a minute.").format(year=year),
                                    headers={"Retry-After": str(RETRY_AFTER)})
        if found is None:
            raise HTTPException(404, _("There is no report of {year}.").format(
                year=str(year)[:8]))
        headers = {"ETag": found.etag, "Cache-Control": "public, max-age=300",
                   "Last-Modified": format_datetime(found.modified, usegmt=True)}
        if fmt == "html":
            headers.update([INLINE_STYLES])
        else:
            headers["Content-Disposition"] = (f'inline; filename="monitor-langer-thuis-'
                                              f'{year}{"-en" if lang == "en" else ""}.pdf"')
        if not_modified(request.headers.get("if-none-match"), found.etag):
            return Response(status_code=304, headers=headers)
        return Response(found.content, media_type=MEDIA[fmt], headers=headers)
