"""Script in what editors and partners write: every text field they can fill in either
refuses markup at input (with a precise message, as the content rules do), or its text
comes out as text: escaped on every editor, preview and public page, literal in the PDF
report (with no javascript: link), and literal in the downloads (CSV, Excel, JSON), where
text that a spreadsheet would take as a formula is guarded."""
from __future__ import annotations

import io
import json
import re
import subprocess
import uuid
import zipfile

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.accounts import add_account
from langerthuis.app import create_app
from langerthuis.content import check_content
from langerthuis.editing import (INITIATIVES, PROGRESS, STORIES, EditingError, UploadRejected,
                                 apply_figures, apply_records, create_draft, revise)
from langerthuis.store import load_content, make_engine

from conftest import FIXTURE_CONTENT

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
QUOTES = '" onmouseover="alert(1)'  # no markup, so accepted: it must never leave its attribute
FORMULA = '=HYPERLINK("https://evil.example","klik")'
PASSWORD = "a long enough password"
ME = "editor@example.nl"

MARKUP = {SCRIPT: "This holds markup (<script>); write plain text without HTML tags or "
                  "entities.",
          IMAGE: "This holds markup (<img src=x onerror=alert(1)>); write plain text without "
                 "HTML tags or entities."}


@pytest.fixture
def draft(editing_db):
    create_draft(editing_db, "lt", 2022, ME)
    return editing_db


def one_row(columns: dict[str, str]) -> bytes:
    out = io.StringIO()
    import csv
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerow(columns.values())
    return out.getvalue().encode()


#: Every text field a delivery can fill in, with the other cells a good row needs.
FIGURE = {"indicator": "quality-of-life", "value": "71"}
STORY = {"indicator": "carer-stories", "title": "Titel", "title_en": "Title",
         "summary": "Tekst", "summary_en": "Text"}
PROGRESS_ROW = {"action": "lt-action-1", "date": "2022-06-30", "status": "started",
                "summary": "Tekst", "summary_en": "Text", "source": "monitor-2019"}
INITIATIVE = {"kind": "network", "year": "2022", "count": "3"}
TEXT_FIELDS = (
    [("figures", FIGURE, c) for c in ("reference_period", "source", "notes", "notes_en")]
    + [("stories", STORY, c) for c in ("title", "title_en", "summary", "summary_en",
                                        "person_name", "person_role", "person_role_en",
                                        "source_title")]
    + [("progress", PROGRESS_ROW, c) for c in ("summary", "summary_en", "source_location")]
    + [("initiatives", INITIATIVE, c) for c in ("name", "description", "description_en",
                                                "source_location")])
KINDS = {"stories": STORIES, "progress": PROGRESS, "initiatives": INITIATIVES}


def deliver(engine, kind: str, body: bytes, actor: str = ME) -> int:
    if kind == "figures":
        return apply_figures(engine, "lt-2022", body, "f.csv", actor)
    return apply_records(KINDS[kind], engine, "lt-2022", body, "f.csv", actor)


@pytest.mark.parametrize("payload", [SCRIPT, IMAGE])
@pytest.mark.parametrize("kind, row, column", TEXT_FIELDS)
def test_markup_in_a_delivered_text_is_refused_precisely(draft, kind, row, column, payload):
    with pytest.raises(UploadRejected) as rejected:
        deliver(draft, kind, one_row({**row, column: payload}))
    assert [(p.row, p.column, str(p.text)) for p in rejected.value.problems] == \
        [(2, column, MARKUP[payload])]
    assert rejected.value.status == 422


@pytest.mark.parametrize("url", [JS_URL, "JavaScript:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>"])
def test_a_story_link_is_a_web_address_or_refused(draft, url):
    with pytest.raises(UploadRejected) as rejected:
        deliver(draft, "stories", one_row({**STORY, "source_url": url}))
    assert [(p.column, str(p.text)) for p in rejected.value.problems] == [
        ("source_url", "This is not a web address; write one starting with https:// or "
                       "http://.")]


@pytest.mark.parametrize("payload", [SCRIPT, IMAGE])
def test_markup_in_a_revision_reason_is_refused_precisely(editing_db, payload):
    with pytest.raises(EditingError) as refused:
        revise(editing_db, "qol-2021", 68.5, payload, ME, expected=69)
    assert str(refused.value) == MARKUP[payload]
    with Session(editing_db) as session:
        assert session.get(m.Measurement, "qol-2021").value == 69


# --- what is accepted comes out as text everywhere ----------------------------------------------

#: Texts that pass the content rules, each in a field a reader sees.
STORY_TITLE, STORY_SUMMARY = f"Verhaal {QUOTES}", f"Zie {JS_URL} en {FORMULA}"
PROGRESS_SUMMARY = f"{FORMULA} {QUOTES}"
INITIATIVE_NAME, INITIATIVE_TEXT = f"Netwerk {QUOTES}", f"{JS_URL} @SUM(1+1)"
FIGURE_NOTE = f"-2+3 {QUOTES}"
REASON = f"+{JS_URL} {QUOTES}"
TEXTS = [STORY_TITLE, STORY_SUMMARY, PROGRESS_SUMMARY, INITIATIVE_NAME, INITIATIVE_TEXT,
         FIGURE_NOTE, REASON]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """A site whose 2022 edition was delivered with the texts above, previewed as a draft,
    then published and revised. Returns the app, an editor's client and the preview pages
    taken before publication."""
    url = f"sqlite:///{tmp_path_factory.mktemp('xss') / 'db.sqlite'}"
    engine = make_engine(url)
    load_content(engine, check_content(FIXTURE_CONTENT))
    create_draft(engine, "lt", 2022, ME)
    deliver(engine, "figures", one_row({**FIGURE, "reference_period": "2022",
                                        "notes": FIGURE_NOTE, "notes_en": FIGURE_NOTE}))
    deliver(engine, "stories", one_row({**STORY, "title": STORY_TITLE,
                                        "title_en": STORY_TITLE, "summary": STORY_SUMMARY,
                                        "summary_en": STORY_SUMMARY,
                                        "source_url": "https://example.org/verhaal"}))
    deliver(engine, "progress", one_row({**PROGRESS_ROW, "summary": PROGRESS_SUMMARY,
                                         "summary_en": PROGRESS_SUMMARY}))
    deliver(engine, "initiatives", one_row({**INITIATIVE, "name": INITIATIVE_NAME,
                                            "description": INITIATIVE_TEXT,
                                            "description_en": INITIATIVE_TEXT,
                                            "action_line": "lt-al1"}))
    app = create_app(url)
    editor = TestClient(app, base_url="https://testserver", follow_redirects=False)
    address = f"admin-{uuid.uuid4().hex[:6]}@example.nl"
    add_account(engine, address, "administrator", PASSWORD)
    form = editor.get("/beheer/inloggen")
    token = re.search(r'name="form_token" value="([^"]*)"', form.text).group(1)
    editor.post("/beheer/inloggen", data={"email": address, "password": PASSWORD,
                                          "form_token": token})
    preview = {path: editor.get(path) for path in (
        "/beheer/edities/lt-2022", "/en/manage/editions/lt-2022",
        "/beheer/voorbeeld/2022", "/beheer/voorbeeld/2022/indicator/carer-stories",
        "/beheer/voorbeeld/2022/indicator/quality-of-life",
        "/beheer/voorbeeld/2022/rapport.html", "/beheer/voorbeeld/2022/rapport.pdf")}
    from langerthuis.editing import publish
    publish(engine, "lt-2022", ME)
    revise(engine, "quality-of-life-2022", 72, REASON, ME, expected=71)
    yield app, editor, preview
    engine.dispose()


def assert_text_only(html: str, where: str) -> None:
    """No payload in `html` is live: none unescaped, no javascript: address."""
    for raw in (QUOTES, SCRIPT, IMAGE):
        assert raw not in html, f"{where}: {raw!r} unescaped"
    assert not re.search(r"""(href|src|action|formaction)\s*=\s*["']?\s*javascript:""", html,
                         re.IGNORECASE), f"{where}: a javascript: address"


def shown(html: str, text: str) -> bool:
    return str(escape(text)) in html


def test_editor_and_preview_pages_show_the_texts_escaped(written):
    _app, editor, preview = written
    edition = preview["/beheer/edities/lt-2022"].text
    for text in (STORY_TITLE, PROGRESS_SUMMARY, INITIATIVE_NAME):
        assert shown(edition, text), text
    assert shown(preview["/beheer/voorbeeld/2022/indicator/carer-stories"].text, STORY_TITLE)
    assert shown(preview["/beheer/voorbeeld/2022/indicator/carer-stories"].text, STORY_SUMMARY)
    assert shown(preview["/beheer/voorbeeld/2022/rapport.html"].text, STORY_SUMMARY)
    for path, answer in preview.items():
        assert answer.status_code == 200, path
        if not path.endswith(".pdf"):
            assert_text_only(answer.text, path)
    revision = editor.get("/beheer/herzien", params={"figure": "quality-of-life-2022"})
    assert shown(revision.text, REASON)
    audit = editor.get("/beheer/logboek")
    for text in (STORY_SUMMARY, REASON):
        assert shown(audit.text, text), text
    for page in (revision, audit, editor.get("/en/manage/audit")):
        assert_text_only(page.text, str(page.url))


def test_public_pages_show_the_texts_escaped_after_publication(written):
    app, _editor, _preview = written
    public = TestClient(app)
    pages = {path: public.get(path) for path in (
        "/indicator/carer-stories?editie=2022", "/en/indicator/carer-stories?edition=2022",
        "/indicator/quality-of-life?editie=2022", "/acties/lt-action-1",
        "/en/actions/lt-action-1", "/acties", "/kaart", "/monitor/2022",
        "/zoeken?q=Verhaal", "/rapport/2022.html")}
    for path, answer in pages.items():
        assert answer.status_code == 200, path
        assert_text_only(answer.text, path)
    assert shown(pages["/indicator/carer-stories?editie=2022"].text, STORY_TITLE)
    assert shown(pages["/indicator/carer-stories?editie=2022"].text, STORY_SUMMARY)
    assert shown(pages["/indicator/quality-of-life?editie=2022"].text, REASON)
    assert shown(pages["/acties/lt-action-1"].text, PROGRESS_SUMMARY)
    assert shown(pages["/rapport/2022.html"].text, STORY_SUMMARY)


def pdf_text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                          check=True)
    return " ".join(done.stdout.decode().split())


def pdf_links(data: bytes) -> list[str]:
    from pypdf import PdfReader
    out = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for note in page.get("/Annots") or []:
            action = note.get_object().get("/A") or {}
            out += [str(action.get(k)) for k in ("/URI", "/JS", "/S") if action.get(k)]
    return out


@pytest.mark.parametrize("source", ["preview", "public"])
def test_the_pdf_report_holds_the_literal_texts_and_no_script_link(written, source):
    app, _editor, preview = written
    data = (preview["/beheer/voorbeeld/2022/rapport.pdf"].content if source == "preview"
            else TestClient(app).get("/rapport/2022.pdf").content)
    assert data[:5] == b"%PDF-"
    text = pdf_text(data)
    for literal in (JS_URL, '=HYPERLINK("https://evil.example","klik")', 'onmouseover="alert(1)'):
        assert literal in text, literal
    links = pdf_links(data)
    assert links and not [x for x in links if "javascript" in x.lower() or x == "/JavaScript"]
    assert b"/JavaScript" not in data and b"/JS " not in data


def test_the_downloads_hold_the_literal_texts_with_formulas_guarded(written):
    app, _editor, _preview = written
    public = TestClient(app)
    progress = public.get("/data/action-progress.csv").text
    assert "'" + PROGRESS_SUMMARY.replace('"', '""') in progress  # guarded and quoted
    assert f",{FORMULA}" not in progress and f'"{FORMULA}' not in progress
    whole = json.loads(public.get("/data/monitor.json").text)
    found = json.dumps(whole, ensure_ascii=False)
    for text in (STORY_TITLE, STORY_SUMMARY, PROGRESS_SUMMARY, INITIATIVE_NAME,
                 INITIATIVE_TEXT, FIGURE_NOTE, REASON):
        assert json.dumps(text, ensure_ascii=False) in found, text  # literal, as written
    data = public.get("/data/monitor.xlsx").content
    book = zipfile.ZipFile(io.BytesIO(data))
    sheets = " ".join(book.read(n).decode() for n in book.namelist()
                      if n.startswith("xl/worksheets/"))
    assert "<f>" not in sheets  # no cell is a formula
    from openpyxl import load_workbook
    cells = [c for sheet in load_workbook(io.BytesIO(data)).worksheets
             for row in sheet.iter_rows() for c in row if c.value == PROGRESS_SUMMARY]
    assert cells and all(c.data_type == "s" for c in cells)  # text, shown as written
    api = public.get("/api/stories").json()
    assert STORY_SUMMARY in [s["summary"] for s in api["data"]]


def test_the_audit_trail_download_guards_formulas(written):
    _app, editor, _preview = written
    rows = editor.get("/beheer/logboek.csv").text
    assert "'+" + JS_URL in rows  # the revision reason starts with +: guarded
    assert f",{REASON}" not in rows


def test_the_templates_guard_formulas_and_read_them_back_as_written(draft):
    from langerthuis.editing.records import template_csv, template_xlsx
    from langerthuis.store import editing as store
    deliver(draft, "progress", one_row({**PROGRESS_ROW, "summary": PROGRESS_SUMMARY,
                                        "summary_en": "@SUM(1+1)"}))
    with Session(draft) as session:
        edition = store.edition(session, "lt-2022")
        text = template_csv(PROGRESS, session, edition)
        book = template_xlsx(PROGRESS, session, edition)
    assert "'" + PROGRESS_SUMMARY.replace('"', '""') in text and ",'@SUM(1+1)," in text
    sheets = zipfile.ZipFile(io.BytesIO(book))
    assert not [n for n in sheets.namelist() if n.startswith("xl/worksheets/")
                and "<f>" in sheets.read(n).decode()]
    for template in (text.encode(), book):  # delivered again unchanged: the same texts
        assert apply_records(PROGRESS, draft, "lt-2022", template,
                             "t.xlsx" if template is book else "t.csv", ME) == 1
        with Session(draft) as session:
            [entry] = session.query(m.ProgressEntry).filter_by(edition_id="lt-2022").all()
            assert (entry.summary, entry.summary_en) == (PROGRESS_SUMMARY, "@SUM(1+1)")


def test_an_initiative_on_the_map_and_its_municipality_page_is_escaped(fixture_site, tmp_path):
    """With the geography of the open data: an initiative delivered in Amsterdam."""
    import shutil
    from langerthuis.editing import publish
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    shutil.copy(fixture_site.removeprefix("sqlite:///"), tmp_path / "site.sqlite")
    engine = make_engine(url)
    create_draft(engine, "lt", 2022, ME)
    deliver(engine, "initiatives", one_row({
        "kind": "respite-stay-pilot", "name": INITIATIVE_NAME, "description": INITIATIVE_TEXT,
        "description_en": INITIATIVE_TEXT, "indicator": "overburdened-carers", "action_line": "lt-al2",
        "municipality_code": "GM0363", "municipality_name": "Amsterdam", "year": "2022"}))
    publish(engine, "lt-2022", ME)
    public = TestClient(create_app(url))
    pages = {path: public.get(path) for path in (
        "/gemeente/amsterdam", "/en/municipality/GM0363", "/kaart", "/en/map",
        "/zoeken?q=Netwerk")}
    for path, answer in pages.items():
        assert answer.status_code == 200, path
        assert_text_only(answer.text, path)
    assert shown(pages["/gemeente/amsterdam"].text, INITIATIVE_NAME)
    found = public.get("/api/initiatives", params={"limit": 500}).json()["data"]
    assert INITIATIVE_NAME in [i["name"] for i in found]
    engine.dispose()


@pytest.mark.parametrize("payload", [SCRIPT, IMAGE, QUOTES, JS_URL])
def test_account_and_token_names_are_escaped(written, payload):
    _app, admin, _preview = written
    csrf = re.search(r'name="csrf" value="([^"]*)"', admin.get("/beheer").text).group(1)
    address = f"{uuid.uuid4().hex[:10]}@example.nl"
    assert admin.post("/beheer/accounts", data={
        "email": address, "role": "partner", "organisation": "rivm", "name": payload,
        "password": PASSWORD, "csrf": csrf}).status_code == 303
    made = admin.post("/beheer/tokens", data={"name": payload, "scope": "deliveries",
                                              "csrf": csrf})
    assert made.status_code == 201
    for answer in (admin.get("/beheer/accounts"), made, admin.get("/beheer/tokens"),
                   admin.get("/beheer/logboek"), admin.get("/en/manage/accounts")):
        assert_text_only(answer.text, str(answer.url))
    assert shown(admin.get("/beheer/accounts").text, payload)
    assert shown(admin.get("/beheer/tokens").text, payload)


@pytest.mark.parametrize("column, value, message", [
    ("date", "1899-12-31", "This date lies outside the years the monitor speaks of; write a "
                           "date from 1900-01-01 to 2100-12-31."),
    ("title", "Ver\u202ehaal", "This holds a control character; remove it."),
    ("summary", "Zie [hier](javascript:alert(1))",
     "This holds markup ([hier](javascript:alert(1))); write plain text without HTML tags or "
     "entities.")])
def test_a_delivery_is_held_to_the_content_rules_of_check(draft, column, value, message):
    """The editor's deliveries use the content schema: what check refuses, they refuse."""
    with pytest.raises(UploadRejected) as rejected:
        deliver(draft, "stories", one_row({**STORY, column: value}))
    assert [(p.column, str(p.text)) for p in rejected.value.problems] == [(column, message)]
