"""Reports ready before anyone asks: made by `load` once per content version (never twice
at the same time), kept in the data directory and served from there with validators
whatever the query string; a report not yet made is answered at once with a page saying it
is being prepared (503, Retry-After) while a worker process makes it; tagged as PDF/UA
with language and title."""
from __future__ import annotations

import io
import re
import threading
import time
from collections import Counter

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy.orm import Session

from conftest import FIXTURE_CONTENT
from langerthuis.app import create_app
from langerthuis.config import sqlite_url
from langerthuis.content import check_content
from langerthuis.cli import main
from langerthuis.report import making
from langerthuis.report import routes as report_routes
from langerthuis.store import load_content, make_engine
from langerthuis.views.snapshot import build_snapshot


@pytest.fixture
def counted(monkeypatch):
    calls: Counter = Counter()
    real = report_routes.report_pdf

    def counting(view):
        calls[(view.year, view.lang)] += 1
        return real(view)
    monkeypatch.setattr(report_routes, "report_pdf", counting)
    return calls


@pytest.fixture
def database(tmp_path):
    url = sqlite_url(tmp_path / "db.sqlite")
    load_content(make_engine(url), check_content(FIXTURE_CONTENT))
    return url


def _snapshot(database):
    with Session(make_engine(database)) as session:
        return build_snapshot(session)


def test_make_reports_writes_every_report_once(database, tmp_path, counted):
    snapshot = _snapshot(database)
    assert making.make_reports(snapshot, tmp_path / "data", processes=1) == 12
    files = sorted(p.name for p in (tmp_path / "data" / "reports").rglob("*.*")
                   if not p.name.startswith("."))  # the lock of the process making them
    years = [y for _id, y in snapshot.editions]
    assert files == sorted(f"{y}-{lang}.{fmt}" for y in years for lang in ("nl", "en")
                           for fmt in ("pdf", "html"))
    assert making.make_reports(snapshot, tmp_path / "data") == 0
    assert set(counted.values()) == {1}


def _no_rendering(monkeypatch):
    """From here on, rendering a report or starting the worker that makes them fails."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("a report was made in the request")
    for name in ("report_pdf", "report_html"):
        monkeypatch.setattr(report_routes, name, refuse)
    monkeypatch.setattr(making.subprocess, "Popen", refuse)


def test_after_load_every_report_is_served_from_disk(database, tmp_path, monkeypatch):
    """`load` makes the reports (in parallel processes from one snapshot): the first request
    for each is then read from the data folder, nothing is rendered while the reader waits."""
    data = tmp_path / "data"
    result = CliRunner().invoke(main, ["load", "--content", str(FIXTURE_CONTENT),
                                       "--database", database], env={
        "LANGERTHUIS_DATA_DIR": str(data), "LANGERTHUIS_PREBUILD_REPORTS": "1"})
    assert result.exit_code == 0, result.output
    assert f"Made 12 reports in {data / 'reports'}." in result.output
    _no_rendering(monkeypatch)
    client = TestClient(create_app(database, data, prebuild=True))
    for _id, year in _snapshot(database).editions:
        for path in (f"/rapport/{year}", f"/en/report/{year}"):
            for fmt in ("pdf", "html"):
                answer = client.get(f"{path}.{fmt}")
                assert answer.status_code == 200, (path, fmt)
                assert answer.content == next(data.rglob(
                    f"{year}-{'en' if path.startswith('/en') else 'nl'}.{fmt}")).read_bytes()


def _ready(client, path: str, limit: float = 600) -> object:
    """The answer once the report is made (the worker process runs beside the tests)."""
    deadline = time.monotonic() + limit
    while True:
        answer = client.get(path)
        if answer.status_code != 503 or time.monotonic() > deadline:
            return answer
        time.sleep(1)


def test_a_report_being_made_is_answered_at_once(database, tmp_path, monkeypatch):
    """Before the reports are made, every request (concurrent too) gets the page saying it is
    being prepared, in the reader's language, with Retry-After; one worker process makes
    them; then they are served."""
    started = []
    real = making.subprocess.Popen

    def popen(*args, **kwargs):
        started.append(args)
        return real(*args, **kwargs)
    monkeypatch.setattr(making.subprocess, "Popen", popen)
    client = TestClient(create_app(database, tmp_path / "data"))
    client.get("/api/editions")  # the snapshot exists before the burst
    results = []
    threads = [threading.Thread(target=lambda p=p: results.append(client.get(p)))
               for p in ["/en/report/2020.pdf", "/rapport/2020.pdf"] * 3]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status_code for r in results] == [503] * 6
    assert {r.headers["retry-after"] for r in results} == {str(report_routes.RETRY_AFTER)}
    assert {r.headers["content-type"] for r in results} == {"text/html; charset=utf-8"}
    dutch = [r.text for r in results if '<html lang="nl"' in r.text]
    english = [r.text for r in results if '<html lang="en"' in r.text]
    assert len(dutch) == len(english) == 3
    assert "Het rapport van 2020 wordt nu gemaakt" in dutch[0] and "Nog niet klaar" in dutch[0]
    assert "The report of 2020 is being prepared" in english[0]
    assert len(started) == 1
    answer = _ready(client, "/en/report/2020.pdf")
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
    assert len(started) == 1


def test_served_with_validators_whatever_the_query(database, tmp_path, counted):
    making.make_reports(_snapshot(database), tmp_path / "data", processes=1)
    made = Counter(counted)
    client = TestClient(create_app(database, tmp_path / "data"))
    first = client.get("/rapport/2021.pdf")
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    assert first.headers["etag"] and first.headers["last-modified"].endswith("GMT")
    assert int(first.headers["content-length"]) == len(first.content)
    for query in ("?x=1", "?x=2", "?editie=2019"):
        again = client.get("/rapport/2021.pdf" + query)
        assert again.headers["etag"] == first.headers["etag"]
    assert client.get("/rapport/2021.pdf", headers={
        "If-None-Match": first.headers["etag"]}).status_code == 304
    assert counted == made  # served, not made again


def test_the_pdf_is_tagged_with_language_and_title(database, tmp_path):
    client = TestClient(create_app(database))
    for path, lang in (("/rapport/2021.pdf", "nl"), ("/en/report/2021.pdf", "en")):
        reader = PdfReader(io.BytesIO(client.get(path).content))
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
        assert root["/Lang"] == lang and reader.metadata["/Title"] == "Monitor Langer Thuis 2021"
        assert reader.metadata["/Author"] == "RIVM"


def test_every_chart_has_a_numbered_caption(database, tmp_path):
    client = TestClient(create_app(database))
    reader = PdfReader(io.BytesIO(client.get("/rapport/2021.pdf").content))
    text = " ".join(page.extract_text() for page in reader.pages)
    charts = client.get("/rapport/2021.html").text.count('class="figcaption"')
    assert charts >= 1
    for n in range(1, charts + 1):
        assert f"Figuur {n}:" in text, n


def _structure(node, found: list) -> None:
    """Every structure element under `node` as (type, alternative text)."""
    node = node.get_object()
    kind = node.get("/S")
    if kind is not None:
        found.append((str(kind), node.get("/Alt")))
    children = node.get("/K")
    for child in children if isinstance(children, list) else [children]:
        if child is not None and hasattr(child, "get_object") \
                and hasattr(child.get_object(), "get"):
            _structure(child, found)


def test_the_pdf_keeps_the_pdf_ua_rules_we_can_read(database, tmp_path):
    """veraPDF is not in the package registries this project installs from, so the rules of
    PDF/UA-1 that the file itself shows are read from it: a tagged document with one title
    heading, every figure (chart, map) with its alternative text, the title shown in the
    window, and the PDF/UA identification in the XMP metadata."""
    client = TestClient(create_app(database))
    for path in ("/rapport/2021.pdf", "/en/report/2021.pdf"):
        reader = PdfReader(io.BytesIO(client.get(path).content))
        root = reader.trailer["/Root"]
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert "pdfuaid:part" in xmp and "dc:title" in xmp
        found: list = []
        _structure(root["/StructTreeRoot"], found)
        kinds = [kind for kind, _alt in found]
        assert kinds.count("/H1") == 1 and kinds.count("/Figure") > 0
        assert [alt for kind, alt in found if kind == "/Figure" and not alt] == []


def test_the_report_command_builds_the_same_report_from_its_edition_alone(database):
    """`langerthuis report` reads and analyses only what one edition needs: its report is
    the one the snapshot of every view makes."""
    from langerthuis.report import report_html
    from langerthuis.views.snapshot import build_report_view
    snapshot = _snapshot(database)
    with Session(make_engine(database)) as session:
        for edition_id, year in snapshot.editions:
            for lang in ("nl", "en"):
                alone = build_report_view(session, str(year) if lang == "nl" else edition_id,
                                          lang)
                assert _same_ids(report_html(alone)) == _same_ids(
                    report_html(snapshot.reports[(year, lang)]))


def _same_ids(html: str) -> str:
    """The report with its charts' ids (numbered as the process draws charts) left out."""
    return re.sub(r"chart-(title|desc)-\d+", "chart-id", html)
