"""The delivery API in the OpenAPI document: the write operations with their request
bodies, answers and bearer-token security, checked by schemathesis against the running
application with a real token (of an editor, on a draft edition of the fixture content),
and a real delivery through the documented operation."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from conftest import FIXTURE_CONTENT
from langerthuis.accounts import add_account, create_token
from langerthuis.app import create_app
from langerthuis.config import sqlite_url
from langerthuis.content import check_content
from langerthuis.editing import create_draft
from langerthuis.store import load_content, make_engine

KINDS = ("figures", "stories", "progress", "initiatives", "tables")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _site():
    """The app on the fixture content with the draft edition lt-2022 and an editor's token
    of scope 'deliveries', made when the module is collected (schemathesis reads the
    OpenAPI description then)."""
    url = sqlite_url(Path(tempfile.mkdtemp(prefix="langerthuis-deliveries-")) / "db.sqlite")
    engine = make_engine(url)
    load_content(engine, check_content(FIXTURE_CONTENT))
    create_draft(engine, "lt", 2022, "tests")
    add_account(engine, "editor@example.nl", "editor", "a long enough password")
    token, _id = create_token(engine, "editor@example.nl", "schemathesis", ["deliveries"])
    return create_app(url), token


APP, TOKEN = _site()


@schemathesis.serializer("text/csv")
def _csv(ctx, value):
    if isinstance(value, bytes):
        return value
    return ("" if value is None else str(value)).encode("utf-8", "surrogatepass")


schemathesis.serializer.alias(XLSX, "application/octet-stream")
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP).include(
    path_regex="^/api/editor/")


def test_the_document_lists_the_write_operations_with_their_security():
    document = TestClient(APP).get("/api/openapi.json").json()
    scheme = document["components"]["securitySchemes"]["deliveryToken"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    for kind in KINDS:
        operation = document["paths"][f"/api/editor/editions/{{edition_id}}/{kind}"]["post"]
        assert operation["security"] == [{"deliveryToken": []}]
        assert set(operation["requestBody"]["content"]) == {"text/csv", XLSX}
        assert {"200", "401", "403", "409", "422"} <= set(operation["responses"])
        report = operation["responses"]["422"]["content"]["application/json"]["schema"]
        assert report == {"$ref": "#/components/schemas/ProblemReport"}
    problem = document["components"]["schemas"]["RowProblem"]
    assert set(problem["properties"]) == {"row", "column", "message"}


@schema.parametrize()
@settings(max_examples=int(os.environ.get("API_EXAMPLES", "25")), deadline=None,
          suppress_health_check=list(HealthCheck))
def test_the_write_operations_conform_with_a_token(case):
    # Which rows a file must hold is not JSON Schema (the body is a string), so a body that
    # fits the schema is rightly refused with the problem report: every other check runs.
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                           excluded_checks=[positive_data_acceptance])


def test_a_documented_delivery_writes_and_a_bad_file_is_reported_by_row():
    client = TestClient(APP)
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/csv"}
    bad = client.post("/api/editor/editions/lt-2022/figures", headers=auth,
                      content=b"indicator,value\nquality-of-life,170\n")
    assert bad.status_code == 422
    [problem] = bad.json()["error"]["problems"]
    assert (problem["row"], problem["column"]) == (2, "value")
    good = client.post("/api/editor/editions/lt-2022/figures", headers=auth,
                       content=b"indicator,value,reference_period,n\nquality-of-life,71,2022,3300\n")
    assert good.status_code == 200 and good.json() == {"written": 1}
    anonymous = client.post("/api/editor/editions/lt-2022/figures", content=b"x")
    assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"] == "Bearer"
