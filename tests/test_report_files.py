"""Reports ready before anyone asks: made once per content version (never twice at the
same time), kept in the data directory, served with validators whatever the query string,
and tagged as PDF/UA with language and title."""
from __future__ import annotations

import io
import threading
from collections import Counter

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy.orm import Session

from conftest import FIXTURE_CONTENT
from langerthuis.app import create_app
from langerthuis.config import sqlite_url
from langerthuis.content import check_content
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


def test_prebuild_writes_every_report_once(database, tmp_path, counted):
    with Session(make_engine(database)) as session:
        snapshot = build_snapshot(session)
    report_routes.prebuild(snapshot, tmp_path / "data")
    files = sorted(p.name for p in (tmp_path / "data" / "reports").rglob("*.*"))
    years = [y for _id, y in snapshot.editions]
    assert files == sorted(f"{y}-{lang}.{fmt}" for y in years for lang in ("nl", "en")
                           for fmt in ("pdf", "html"))
    report_routes.prebuild(snapshot, tmp_path / "data")
    assert set(counted.values()) == {1}


def test_served_with_validators_whatever_the_query(database, tmp_path, counted):
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
    assert counted == Counter({(2021, "nl"): 1})
    assert list((tmp_path / "data" / "reports").rglob("2021-nl.pdf"))


def test_concurrent_requests_make_a_report_once(database, tmp_path, counted):
    client = TestClient(create_app(database, tmp_path / "data"))
    client.get("/api/editions")  # the snapshot exists before the burst
    results = []
    threads = [threading.Thread(target=lambda: results.append(
        client.get("/en/report/2020.pdf").status_code)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * 6 and counted == Counter({(2020, "en"): 1})


def test_the_pdf_is_tagged_with_language_and_title(database, tmp_path):
    client = TestClient(create_app(database, tmp_path / "data"))
    for path, lang in (("/rapport/2021.pdf", "nl"), ("/en/report/2021.pdf", "en")):
        reader = PdfReader(io.BytesIO(client.get(path).content))
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
        assert root["/Lang"] == lang and reader.metadata["/Title"] == "Monitor Langer Thuis 2021"
        assert reader.metadata["/Author"] == "RIVM"


def test_every_chart_has_a_numbered_caption(database, tmp_path):
    client = TestClient(create_app(database, tmp_path / "data"))
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
    client = TestClient(create_app(database, tmp_path / "data"))
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
