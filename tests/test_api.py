"""The JSON API on the fixture content: schemathesis checks every operation against the
OpenAPI description, and the behaviour users rely on is tested directly (pagination, ETag,
filters, errors). The API's answers on the bundled content are checked in
tests/bundled/test_bundled_outputs.py."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from conftest import FIXTURE_CONTENT
from langerthuis.config import sqlite_url
from langerthuis.content import check_content
from langerthuis.store import load_content, make_engine
from langerthuis.app import create_app


def _app():
    """The app on the fixture content, built when the module is collected: schemathesis
    reads the OpenAPI description to create one test per operation."""
    url = sqlite_url(Path(tempfile.mkdtemp(prefix="langerthuis-api-")) / "api.sqlite")
    load_content(make_engine(url), check_content(FIXTURE_CONTENT))
    return create_app(url)


APP = _app()
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@pytest.fixture(scope="module")
def client():
    return TestClient(APP)


@schema.parametrize()
@settings(max_examples=int(os.environ.get("API_EXAMPLES", "25")), deadline=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_description(case):
    case.call_and_validate()


def test_pagination(client):
    first = client.get("/api/indicators?limit=4").json()
    assert first["meta"] == {"total": 6, "limit": 4, "offset": 0}
    assert len(first["data"]) == 4 and first["links"]["prev"] is None
    assert "offset=4" in first["links"]["next"]
    last = client.get("/api/indicators?limit=4&offset=4").json()
    assert len(last["data"]) == 2 and last["links"]["next"] is None
    assert "offset=0" in last["links"]["prev"]


def test_etag_and_cache_headers(client):
    response = client.get("/api/editions/lt-2021")
    assert response.headers["cache-control"] == "public, max-age=300"
    again = client.get("/api/editions/lt-2021", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_one_error_format(client):
    for path, status, code in (("/api/indicators/nope", 404, "not_found"),
                               ("/api/indicators?limit=5000", 400, "invalid_parameter"),
                               ("/api/initiatives?municipality=Amsterdam", 400,
                                "invalid_parameter"),
                               ("/api/analysis/lt-1999", 404, "not_found")):
        response = client.get(path)
        assert response.status_code == status
        assert response.json()["error"]["code"] == code
        assert response.json()["error"]["status"] == status and response.json()["error"]["message"]


def test_filters(client):
    shown_2020 = client.get("/api/measurements?edition=lt-2020&limit=1000").json()["data"]
    carried = [x for x in shown_2020 if x["id"] == "carers-2019"]
    assert carried and carried[0]["editions"] == ["lt-2019", "lt-2020"]
    assert "carers-2021" not in {x["id"] for x in shown_2020}
    amsterdam = client.get("/api/initiatives?municipality=GM0363").json()["data"]
    assert {i["kind"] for i in amsterdam} == {"respite-stay-pilot"}
    narrative = client.get("/api/indicators?kind=narrative").json()["meta"]["total"]
    assert narrative == 1
    carers = client.get("/api/actions?lead=mantelzorgnl&action_line=2").json()["meta"]["total"]
    assert carers == 1
    assert client.get("/api/actions?lead=mantelzorgnl&action_line=1").json()["meta"]["total"] == 0


def test_analysis_endpoint(client):
    data = client.get("/api/analysis/lt-2021").json()["data"]
    assert data["summary"]["updated"] == 5
    assert {i["number"]: i["direction"] for i in data["indicators"]}[14] == "undesired"


def test_ambiguous_queries_are_rejected(client):
    twice = client.get("/api/tables?edition=lt-2021&edition=lt-2020")
    assert twice.status_code == 400 and "given more than once" in twice.json()["error"]["message"]
    odd = client.get("/api/indicators?offset=%2B0.0")
    assert odd.status_code == 400 and "expected a whole number" in odd.json()["error"]["message"]
    assert client.get("/api/indicators?offset=0&limit=5").status_code == 200
