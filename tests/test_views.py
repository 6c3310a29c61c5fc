"""The views layer: every output renders the snapshot, which runs each edition's analysis
once per content version, and a request never holds more than one database connection."""
from __future__ import annotations

import threading
from collections import Counter

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from conftest import FIXTURE_CONTENT
from langerthuis.app import create_app
from langerthuis.content import check_content
from langerthuis.store import load_content
from langerthuis.views import snapshot as snapshot_module
from langerthuis.addresses import url


@pytest.fixture
def counted(monkeypatch, engine):
    """The app on the fixture content, counting the analyses it runs per edition."""
    load_content(engine, check_content(FIXTURE_CONTENT))
    calls: Counter = Counter()
    real = snapshot_module.analyse

    def counting(data, edition_id):
        calls[edition_id] += 1
        return real(data, edition_id)
    monkeypatch.setattr(snapshot_module, "analyse", counting)
    app = create_app(engine.url.render_as_string(hide_password=False))
    return TestClient(app), calls, app


def every_path(client: TestClient) -> list[str]:
    editions = client.get("/api/editions").json()["data"]
    indicators = client.get("/api/indicators?limit=1000").json()["data"]
    tables = client.get("/api/tables?limit=1000").json()["data"]
    paths = []
    for lang in ("nl", "en"):
        for e in editions:
            paths += [url("dashboard", lang, year=e["year"]),
                      url("reflection", lang, year=e["year"])]
        paths += [url("indicator", lang, id=i["id"]) for i in indicators]
        paths += [url(p, lang) for p in ("programme", "actions", "map", "search", "about", "accessibility")]
        paths += [url("search", lang, {"q": "mantelzorg"}),
                  url("actions", lang, {"action_line": 1})]
    paths += ["/api/programmes", "/api/action-lines", "/api/goals", "/api/actions",
              "/api/organisations", "/api/measurements", "/api/stories", "/api/initiatives",
              "/api/references", "/api/quality-notes", "/data/monitor.json",
              "/data/key-figures.csv", "/data/monitor.xlsx"]
    paths += [f"/api/editions/{e['id']}" for e in editions]
    paths += [f"/api/analysis/{e['id']}" for e in editions]
    paths += [f"/api/indicators/{i['id']}" for i in indicators]
    paths += [f"/api/tables/{t['id']}" for t in tables]
    return paths


def test_every_output_runs_each_analysis_once(counted):
    client, calls, _ = counted
    paths = every_path(client)
    for path in paths:
        assert client.get(path).status_code == 200, path
    latest = max(e["year"] for e in client.get("/api/editions").json()["data"])
    for report in (f"/rapport/{latest}.pdf", f"/en/report/{latest}.pdf"):
        response = client.get(report)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    editions = [e["id"] for e in client.get("/api/editions").json()["data"]]
    assert len(paths) > 40 and editions
    assert calls == Counter({e: 1 for e in editions})


def test_a_new_load_is_noticed_and_analysed_once_more(counted, engine):
    client, calls, _ = counted
    client.get("/api/editions")
    load_content(engine, check_content(FIXTURE_CONTENT))
    for path in every_path(client)[:10]:
        client.get(path)
    assert set(calls.values()) == {2}


def test_a_request_holds_at_most_one_connection(counted):
    client, _, app = counted
    held: Counter = Counter()
    most = Counter()

    @event.listens_for(app.state.engine, "checkout")
    def checkout(*_):
        me = threading.get_ident()
        held[me] += 1
        most[me] = max(most[me], held[me])

    @event.listens_for(app.state.engine, "checkin")
    def checkin(*_):
        held[threading.get_ident()] -= 1

    for path in every_path(client)[:40]:
        client.get(path)
    assert most and max(most.values()) == 1
