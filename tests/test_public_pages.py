"""Public and internal apart: no public page shows an id, a hash, a file location, a place
in the source documents or a timestamp; those belong in the open data, and provenance in
plain words on the methods page."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from conftest import FIXTURE_CONTENT
from langerthuis.app import create_app
from langerthuis.config import load_settings, sqlite_url
from langerthuis.pipeline import prepare
from langerthuis.store import load_content, make_engine
from langerthuis.addresses import url


class _Text(HTMLParser):
    """The text a reader sees: no tags, attributes, styles or SVG internals, and no code
    (the methods page shows the command that computes a figure again, on purpose)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "title", "code"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title", "code"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    database = sqlite_url(tmp_path_factory.mktemp("public") / "public.sqlite")
    prepared = prepare(FIXTURE_CONTENT, load_settings().open_data_dir)
    load_content(make_engine(database), prepared.content, prepared.registry,
                 prepared.population)
    client = TestClient(create_app(database))
    api = {name: client.get(f"/api/{name}?limit=1000").json()["data"] for name in (
        "indicators", "editions", "measurements", "tables", "stories", "initiatives",
        "references", "quality-notes", "actions")}
    return client, api


def public_pages(api) -> list[str]:
    pages = []
    for lang in ("nl", "en"):
        for e in api["editions"]:
            pages += [url(p, lang, year=e["year"]) for p in ("dashboard", "reflection", "methods")]
        pages += [url("indicator", lang, id=i["id"]) for i in api["indicators"]]
        pages += [url(p, lang) for p in ("programme", "actions", "map", "municipalities",
                                          "search", "about", "accessibility", "privacy")]
        pages.append(url("search", lang, {"q": "zorg"}))
        pages += [url("municipality", lang, id=m) for m in ("amsterdam", "voorne-aan-zee")]
    return pages


def test_no_public_page_shows_internal_details(site):
    client, api = site
    ids = {x["id"] for name, items in api.items() for x in items if "-" in x["id"]}
    checked = 0
    for path in public_pages(api):
        response = client.get(path)
        assert response.status_code == 200, path
        text = visible(response.text)
        shown = sorted(i for i in ids if re.search(rf"(?<![\w/.-]){re.escape(i)}(?![\w-])", text))
        assert not shown, f"{path} shows ids {shown}"
        assert not re.search(r"\b00[0-4], ", text), f"{path} shows a place in the sources"
        assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text), f"{path} shows a timestamp"
        assert "/work/" not in text and "/tmp/" not in text, f"{path} shows a file location"
        if "/verantwoording/" not in path and "/methods/" not in path:
            assert "sha256" not in text, f"{path} shows a hash"
        checked += 1
    assert checked > 20
