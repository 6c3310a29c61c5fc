"""A new edition from draft to published over HTTP, as editors, partners and publishers
use the editor pages and the token API; readers see nothing of it before publication."""
from __future__ import annotations

import re
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.accounts import add_account, create_token
from langerthuis.app import create_app
from langerthuis.content import check_content
from langerthuis.store import load_content, make_engine
from langerthuis.store.export_content import export_content

from conftest import FIXTURE_CONTENT

PASSWORD = "a long enough password"


@pytest.fixture
def site(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = make_engine(url)
    load_content(engine, check_content(FIXTURE_CONTENT))
    yield create_app(url), engine
    # whatever the workflow wrote, the database still exports as content that `check`
    # accepts, drafts and all
    exported = export_content(engine, tmp_path / "exported", drafts=True)
    assert exported is not None
    check_content(tmp_path / "exported")
    engine.dispose()


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def person(site, role: str, organisation: str | None = None) -> tuple[TestClient, str]:
    """A signed-in client of a new account with `role`, and its CSRF token."""
    c = TestClient(site[0], base_url="https://testserver", follow_redirects=False)
    address = f"{role}-{uuid.uuid4().hex[:6]}@example.nl"
    add_account(site[1], address, role, PASSWORD, organisation=organisation)
    form = c.get("/beheer/inloggen")
    c.post("/beheer/inloggen", data={"email": address, "password": PASSWORD,
                                     "form_token": hidden(form.text, "form_token")})
    return c, hidden(c.get("/beheer").text, "csrf")


def test_from_draft_to_published_with_a_revision(site):
    public = TestClient(site[0])
    editor, editor_csrf = person(site, "editor")
    partner, partner_csrf = person(site, "partner", "rivm")
    publisher, publisher_csrf = person(site, "publisher")

    # The editor starts the 2022 edition and assigns an indicator to the partner.
    answer = editor.post("/beheer/edities", data={"programme": "lt", "year": "2022",
                                                  "csrf": editor_csrf})
    assert answer.status_code == 303 and answer.headers["location"] == "/beheer/edities/lt-2022"
    assert editor.post("/beheer/toewijzingen", data={
        "organisation": "rivm", "indicator": "quality-of-life", "edition_id": "lt-2022",
        "csrf": editor_csrf}).status_code == 303
    assert public.get("/monitor/2022").status_code == 404  # a draft is not public
    assert "lt-2022" not in public.get("/api/editions").text

    # The partner's template holds only its indicator; its first file has errors.
    template = partner.get("/beheer/edities/lt-2022/sjabloon.csv")
    assert template.status_code == 200
    assert [line.split(",")[0] for line in template.text.splitlines()] == \
        ["indicator", "quality-of-life"]
    bad = b"indicator,value,n\nquality-of-life,170,many\n"
    answer = partner.post("/beheer/edities/lt-2022/aanleveren", data={"csrf": partner_csrf},
                          files={"file": ("figures.csv", bad, "text/csv")})
    assert answer.status_code == 422
    assert "Er is niets opgeslagen" in answer.text
    assert re.search(r"<td>2</td><td>value</td><td>170 kan hier niet", answer.text)

    # Another organisation's indicator is refused.
    other = b"indicator,value\noverburdened-carers,8.8\n"
    answer = partner.post("/beheer/edities/lt-2022/aanleveren", data={"csrf": partner_csrf},
                          files={"file": ("figures.csv", other, "text/csv")})
    assert answer.status_code == 403

    # The corrected file is accepted.
    good = b"indicator,value,reference_period,n\nquality-of-life,71,2022,3300\n"
    answer = partner.post("/beheer/edities/lt-2022/aanleveren", data={"csrf": partner_csrf},
                          files={"file": ("figures.csv", good, "text/csv")})
    assert answer.status_code == 303

    # The editor previews the draft as readers will see it; readers still cannot.
    preview = editor.get("/beheer/voorbeeld/2022/indicator/quality-of-life")
    assert preview.status_code == 200 and "71%" in preview.text and "Voorbeeld" in preview.text
    report = editor.get("/beheer/voorbeeld/2022/rapport.html")
    assert report.status_code == 200 and "Monitor Langer Thuis 2022" in report.text
    assert public.get("/rapport/2022.html").status_code == 404
    assert partner.get("/beheer/voorbeeld/2022").status_code == 403
    assert public.get("/indicator/quality-of-life?editie=2022").status_code == 404

    # Only a publisher publishes; then everyone sees it.
    assert editor.post("/beheer/edities/lt-2022/publiceren",
                       data={"csrf": editor_csrf}).status_code == 403
    assert publisher.post("/beheer/edities/lt-2022/publiceren",
                          data={"csrf": publisher_csrf}).status_code == 303
    assert public.get("/monitor/2022").status_code == 200
    assert "71%" in public.get("/indicator/quality-of-life?editie=2022").text
    answer = partner.post("/beheer/edities/lt-2022/aanleveren", data={"csrf": partner_csrf},
                          files={"file": ("figures.csv", good, "text/csv")})
    assert answer.status_code == 409 and "herziening" in answer.text

    # A correction is a revision with its reason; a stale form is a conflict.
    form = editor.get("/beheer/herzien", params={"figure": "quality-of-life-2022"})
    assert hidden(form.text, "expected") == "71.0"
    data = {"figure": "quality-of-life-2022", "value": "73", "expected": "71.0",
            "reason": "Final weights.", "csrf": editor_csrf}
    assert editor.post("/beheer/herzien", data=data).status_code == 303
    again = editor.post("/beheer/herzien", data={**data, "value": "74"})
    assert again.status_code == 409 and "Iemand anders" in again.text
    with Session(site[1]) as session:
        assert session.get(m.Measurement, "quality-of-life-2022").value == 73
    page = public.get("/indicator/quality-of-life?editie=2022").text
    assert "73%" in page and "herzien op" in page and "eerder: 71%" in page
    assert "Final weights." in page
    [figure] = [x for x in public.get("/api/measurements", params={"limit": 500}).json()["data"]
                if x["id"] == "quality-of-life-2022"]
    assert [(r["old_value"], r["new_value"], r["reason"]) for r in figure["revisions"]] == \
        [(71, 73, "Final weights.")]
    rows = public.get("/data/key-figures.csv").text.splitlines()
    header = rows[0].split(",")
    [row] = [r.split(",") for r in rows if ",quality-of-life," in r and r.startswith("lt,2022")]
    assert row[header.index("first_published_value")] == "71"


def robot(site, organisation: str) -> tuple[TestClient, dict]:
    """After an editor started the draft of 2022: a client without a session, and the
    headers of an API token of a partner account of `organisation`."""
    editor, csrf = person(site, "editor")
    editor.post("/beheer/edities", data={"programme": "lt", "year": "2022", "csrf": csrf})
    add_account(site[1], "robot@example.nl", "partner", PASSWORD, organisation=organisation)
    token, _id = create_token(site[1], "robot@example.nl", "nightly", ["deliveries"])
    return TestClient(site[0]), {"Authorization": f"Bearer {token}", "Content-Type": "text/csv"}


def test_machine_delivery_with_a_token(site):
    c, headers = robot(site, "rivm")
    body = b"indicator,value\nquality-of-life,72\n"
    assert c.post("/api/editor/editions/lt-2022/figures", content=body).status_code == 401
    answer = c.post("/api/editor/editions/lt-2022/figures", content=body, headers=headers)
    assert answer.status_code == 403  # not assigned to rivm yet
    assert answer.json()["error"]["problems"][0]["column"] == "indicator"
    with Session(site[1]) as session, session.begin():
        session.add(m.Assignment(organisation_id="rivm", indicator_id="quality-of-life"))
    answer = c.post("/api/editor/editions/lt-2022/figures",
                    content=b"indicator,value\nquality-of-life,abc\n", headers=headers)
    assert answer.status_code == 422
    assert answer.json()["error"]["problems"] == [
        {"row": 2, "column": "value", "message":
         "'abc' is not a number; write it like 9,1 or 37469 (no thousands separator)."}]
    answer = c.post("/api/editor/editions/lt-2022/figures", content=body, headers=headers)
    assert answer.status_code == 200 and answer.json() == {"written": 1}


def test_partners_deliver_stories_progress_and_initiatives(site):
    public = TestClient(site[0])
    editor, editor_csrf = person(site, "editor")
    editor.post("/beheer/edities", data={"programme": "lt", "year": "2022", "csrf": editor_csrf})
    editor.post("/beheer/toewijzingen", data={
        "organisation": "mantelzorgnl", "indicator": "carer-stories", "edition_id": "lt-2022",
        "csrf": editor_csrf})
    partner, csrf = person(site, "partner", "mantelzorgnl")
    page = partner.get("/beheer/edities/lt-2022")
    for slug in ("verhalen", "voortgang", "initiatieven"):
        assert f"/beheer/edities/lt-2022/sjablonen/{slug}.csv" in page.text
    template = partner.get("/beheer/edities/lt-2022/sjablonen/verhalen.xlsx")
    assert template.status_code == 200 and template.content[:2] == b"PK"
    assert partner.get("/beheer/edities/lt-2022/sjablonen/verhalen.csv").text.startswith(
        "id,indicator,title,")

    def deliver(client, token, kind, body):
        return client.post("/beheer/edities/lt-2022/aanleveren", data={"csrf": token,
                                                                       "kind": kind},
                           files={"file": (f"{kind}.csv", body, "text/csv")})

    # A story file with errors: the report names each row and column, in Dutch.
    bad = (b"indicator,title,summary,date\n"
           b"carer-stories,Het verhaal van Bea,<i>Zij</i> vertelt.,2022-13-01\n")
    answer = deliver(partner, csrf, "stories", bad)
    assert answer.status_code == 422 and "Er is niets opgeslagen" in answer.text
    assert re.search(r"<td>2</td><td>summary</td><td>Hier staat opmaakcode in "
                     r"\(&lt;i&gt;\)", answer.text)
    assert "<td>2</td><td>date</td><td>" in answer.text
    good = (b"indicator,title,summary,date,title_en,summary_en\n"
            b"carer-stories,Het verhaal van Bea,Zij vertelt.,,Bea's story,She tells.\n")
    answer = deliver(partner, csrf, "stories", good)
    assert answer.status_code == 303 and "kind=stories" in answer.headers["location"]
    page = partner.get(answer.headers["location"]).text
    assert "1 gegeven opgeslagen" in page and "Het verhaal van Bea" in page

    # Progress of an action the organisation leads; another's is refused (403).
    progress = (b"action,date,date_precision,status,summary,summary_en,source\n"
                b"lt-action-2,2022-06-30,month,on_schedule,Loopt.,Running.,monitor-2019\n")
    assert deliver(partner, csrf, "progress", progress).status_code == 303
    answer = deliver(partner, csrf, "progress", progress.replace(b"lt-action-2", b"lt-action-1"))
    assert answer.status_code == 403 and "niet door uw organisatie getrokken" in answer.text

    # Two people changing the same story: the second gets a conflict, not an overwrite.
    template = partner.get("/beheer/edities/lt-2022/sjablonen/verhalen.csv").text
    editor_version = template.replace("Zij vertelt.", "Zij vertelt (redactie).")
    partner_version = template.replace("Zij vertelt.", "Zij vertelt (partner).")
    assert deliver(editor, editor_csrf, "stories", editor_version.encode()).status_code == 303
    answer = deliver(partner, csrf, "stories", partner_version.encode())
    assert answer.status_code == 409 and "Iemand anders heeft dit gegeven gewijzigd" in answer.text
    with Session(site[1]) as session:
        [story] = session.query(m.Story).filter_by(edition_id="lt-2022").all()
        assert story.summary == "Zij vertelt (redactie)."

    # Nothing of it is public before publication; all of it after.
    assert "Het verhaal van Bea" not in public.get("/api/stories").text
    publisher, publisher_csrf = person(site, "publisher")
    publisher.post("/beheer/edities/lt-2022/publiceren", data={"csrf": publisher_csrf})
    assert "Het verhaal van Bea" in public.get("/api/stories").text


def test_two_partners_delivering_the_same_draft_figure(site):
    editor, editor_csrf = person(site, "editor")
    editor.post("/beheer/edities", data={"programme": "lt", "year": "2022", "csrf": editor_csrf})
    first, first_csrf = person(site, "editor")
    second, second_csrf = person(site, "editor", None)
    template = first.get("/beheer/edities/lt-2022/sjabloon.csv").text
    row = next(x for x in template.splitlines() if x.startswith("quality-of-life,"))
    header = template.splitlines()[0]

    def filled(value: str) -> bytes:
        return f"{header}\n{row.replace(',,', f',{value},', 1)}\n".encode()

    answer = first.post("/beheer/edities/lt-2022/aanleveren", data={"csrf": first_csrf},
                        files={"file": ("figures.csv", filled("71"), "text/csv")})
    assert answer.status_code == 303
    answer = second.post("/en/manage/editions/lt-2022/deliver", data={"csrf": second_csrf},
                         files={"file": ("figures.csv", filled("72"), "text/csv")})
    assert answer.status_code == 409
    assert "Someone else delivered 71 for this indicator while you were editing" in answer.text
    with Session(site[1]) as session:
        assert session.get(m.Measurement, "quality-of-life-2022").value == 71


def test_machine_delivery_of_records_with_a_token(site):
    c, headers = robot(site, "vws")
    body = (b"action,date,status,summary,summary_en,source\n"
            b"lt-action-1,2022-05-31,completed,Afgerond.,Completed.,monitor-2019\n")
    assert c.post("/api/editor/editions/lt-2022/progress", content=body).status_code == 401
    assert c.post("/api/editor/editions/lt-2022/colours", content=body,
                  headers=headers).status_code == 404
    answer = c.post("/api/editor/editions/lt-2022/progress",
                    content=body.replace(b"completed", b"finished"), headers=headers)
    assert answer.status_code == 422
    assert answer.json()["error"]["problems"] == [
        {"row": 2, "column": "status", "message": "This is not one of the words allowed here: "
         "started, on_schedule, delayed, completed."}]
    answer = c.post("/api/editor/editions/lt-2022/progress", content=body, headers=headers)
    assert answer.status_code == 200 and answer.json() == {"written": 1}
    # An initiative needs an indicator assigned to the partner's organisation.
    initiative = b"kind,name,action_line,year,count\nnetwork,Netwerken,lt-al1,2022,12\n"
    answer = c.post("/api/editor/editions/lt-2022/initiatives", content=initiative,
                    headers=headers)
    assert answer.status_code == 403
    with Session(site[1]) as session, session.begin():
        session.add(m.Assignment(organisation_id="vws", indicator_id="overburdened-carers"))
    answer = c.post("/api/editor/editions/lt-2022/initiatives", headers=headers,
                    content=b"kind,name,indicator,action_line,year,count\n"
                            b"network,Netwerken,overburdened-carers,lt-al1,2022,12\n")
    assert answer.status_code == 200 and answer.json() == {"written": 1}
    with Session(site[1]) as session:
        events = session.query(m.AuditEvent).filter_by(actor="robot@example.nl").all()
        assert sorted(e.action for e in events) == ["initiative_delivered",
                                                    "progress_entry_delivered"]


def test_a_stale_machine_delivery_is_a_conflict(site):
    c, headers = robot(site, "rivm")
    with Session(site[1]) as session, session.begin():
        session.add(m.Assignment(organisation_id="rivm", indicator_id="quality-of-life"))
    stale = b"indicator,value,base\nquality-of-life,72,\n"  # made before any 2022 figure
    editor, csrf = person(site, "editor")
    assert editor.post("/beheer/edities/lt-2022/aanleveren", data={"csrf": csrf},
                       files={"file": ("f.csv", b"indicator,value\nquality-of-life,71\n",
                                       "text/csv")}).status_code == 303
    answer = c.post("/api/editor/editions/lt-2022/figures", content=stale, headers=headers)
    assert answer.status_code == 409
    assert answer.json()["error"]["problems"] == [
        {"row": 2, "column": "value", "message": "Someone else delivered 71 for this indicator "
         "while you were editing (your template showed -); download the template again, look "
         "at the new figure and upload yours again if it is still right."}]
    fresh = b"indicator,value,base\nquality-of-life,72,71\n"
    answer = c.post("/api/editor/editions/lt-2022/figures", content=fresh, headers=headers)
    assert answer.status_code == 200 and answer.json() == {"written": 1}
