"""Writes that cannot lose each other: two requests sent at the same moment with the same
base (two uploads, two revisions, two new drafts) give one success and one conflict, on
SQLite and a real PostgreSQL server. The requests run truly at once, each in a thread of
its own with its own event loop, released together."""
from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.accounts import add_account, create_token
from langerthuis.app import create_app
from langerthuis.content import check_content
from langerthuis.editing import create_draft
from langerthuis.store import load_content, make_engine

from conftest import FIXTURE_CONTENT
from test_editor_workflow import PASSWORD, hidden


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def site(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    else:
        url = request.getfixturevalue("own_pg_engine").url.render_as_string(hide_password=False)
    engine = make_engine(url)
    load_content(engine, check_content(FIXTURE_CONTENT))
    yield create_app(url), engine
    engine.dispose()


def at_once(*calls):
    """Run every call in a thread of its own, all released at the same moment; their
    results in order."""
    start = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        start.wait()
        try:
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - reported by the assertion
            results[i] = exc
    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def robot(site, name: str) -> tuple[TestClient, dict]:
    app, engine = site
    add_account(engine, f"{name}@example.nl", "editor", PASSWORD)
    secret, _id = create_token(engine, f"{name}@example.nl", name, ["deliveries"])
    return TestClient(app), {"Authorization": f"Bearer {secret}"}


def editor(site, name: str) -> tuple[TestClient, str]:
    app, engine = site
    client = TestClient(app, base_url="https://testserver", follow_redirects=False)
    add_account(engine, f"{name}@example.nl", "editor", PASSWORD)
    form = client.get("/beheer/inloggen")
    client.post("/beheer/inloggen", data={"email": f"{name}@example.nl", "password": PASSWORD,
                                          "form_token": hidden(form.text, "form_token")})
    return client, hidden(client.get("/beheer").text, "csrf")


def test_two_uploads_with_the_same_base_one_succeeds_one_conflicts(site):
    create_draft(site[1], "lt", 2022, "editor@example.nl")
    first, second = robot(site, "first"), robot(site, "second")

    def deliver(who, value):
        client, auth = who
        body = f"indicator,value,base\nquality-of-life,{value},\n".encode()
        return client.post("/api/editor/editions/lt-2022/figures", content=body,
                           headers=auth).status_code
    results = at_once(lambda: deliver(first, "70"), lambda: deliver(second, "71"))
    assert sorted(results) == [200, 409], results
    with Session(site[1]) as session:
        figure = session.get(m.Measurement, "quality-of-life-2022")
        events = session.scalars(select(m.AuditEvent).where(
            m.AuditEvent.action == "figure_delivered")).all()
    assert len(events) == 1 and float(events[0].new_value) == figure.value


def test_two_revisions_with_the_same_expected_value_one_succeeds_one_conflicts(site):
    first, second = editor(site, "first"), editor(site, "second")

    def revise(who, value):
        client, csrf = who
        return client.post("/beheer/herzien", data={
            "figure": "qol-2021", "value": value, "expected": "69", "csrf": csrf,
            "reason": "Recalculated with the final weights."}).status_code
    results = at_once(lambda: revise(first, "70"), lambda: revise(second, "71"))
    assert sorted(results) == [303, 409], results
    with Session(site[1]) as session:
        revisions = session.scalars(select(m.Revision)).all()
        figure = session.get(m.Measurement, "qol-2021")
    # one revision, from what the figure was to what it is: no history is lost
    assert [(r.old_value, r.new_value) for r in revisions] == [(69, figure.value)]


def test_a_revision_needs_the_value_the_editor_saw(site):
    client, csrf = editor(site, "alone")
    answer = client.post("/beheer/herzien", data={"figure": "qol-2021", "value": "70",
                                                  "csrf": csrf, "reason": "Typo."})
    assert answer.status_code == 400 and "welke waarde u zag" in answer.text
    with Session(site[1]) as session:
        assert session.scalar(select(func.count()).select_from(m.Revision)) == 0


def test_two_editors_starting_the_same_draft_at_once(site):
    first, second = editor(site, "first"), editor(site, "second")

    def start(who):
        client, csrf = who
        return client.post("/beheer/edities", data={"programme": "lt", "year": "2022",
                                                    "csrf": csrf}).status_code
    results = at_once(lambda: start(first), lambda: start(second))
    assert sorted(results) == [303, 400], results  # the second is told the edition exists
    with Session(site[1]) as session:
        assert session.scalar(select(func.count()).select_from(m.Edition).where(
            m.Edition.year == 2022)) == 1


def test_25_parallel_wrong_sign_ins_check_at_most_the_limit(site):
    from langerthuis.accounts.service import MAX_FAILURES_PER_EMAIL
    app, engine = site
    add_account(engine, "target@example.nl", "editor", PASSWORD)
    clients = []
    for _ in range(25):
        client = TestClient(app, base_url="https://testserver", follow_redirects=False)
        token = hidden(client.get("/beheer/inloggen").text, "form_token")
        clients.append((client, token))

    def attempt(client, token):
        return client.post("/beheer/inloggen", data={
            "email": "target@example.nl", "password": "not the password at all",
            "form_token": token}).status_code
    results = at_once(*[lambda c=c, t=t: attempt(c, t) for c, t in clients])
    # 401: the password was checked; 429: refused before any check
    assert set(results) == {401, 429}, results
    assert results.count(401) <= MAX_FAILURES_PER_EMAIL
    with Session(engine) as session:  # every attempt is counted
        assert session.scalar(select(func.count()).select_from(m.LoginAttempt).where(
            m.LoginAttempt.email == "target@example.nl")) == 25
