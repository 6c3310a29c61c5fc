"""Breakdown tables delivered for a draft edition: one template per table of the previous
edition, a file checked in full with the content's rules for tables (the schema, the unit's
range, the table's rows and checks, English for every text) and written all or nothing with
its audit event, only for a partner's own indicators, hidden from the public until
publication; the conflict check when two people deliver the same table. On SQLite and a
real PostgreSQL server, and over HTTP through the editor's page and the token API."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.accounts import add_account, create_token
from langerthuis.editing import UploadRejected, apply_figures, apply_table, create_draft, publish
from langerthuis.editing import tables as breakdown
from langerthuis.store import accounts as audit
from langerthuis.store import editing as store
from langerthuis.store.dataset import read_dataset

from test_editor_workflow import PASSWORD, person, site  # noqa: F401  (site: a fixture)

ME = "editor@example.nl"
TABLE = "quality-of-life-2022-table-2"  # the draft's copy of lt-2021-table-2
SEX = "overburdened-carers-2022-table-3"  # the draft's copy of the table added below
HEAD = "table,mark_band,value,n,title,title_en"


def add_table_with_words(engine) -> None:
    """A second table of 2021 whose dimension values are words, with their English."""
    with Session(engine) as session, session.begin():
        session.add(m.BreakdownTable(
            id="lt-2021-table-3", measurement_id="carers-2021", edition_id="lt-2021",
            number=3, title="Overbelaste mantelzorgers naar geslacht",
            title_en="Overburdened carers by sex", unit="percentage", decimals=1,
            dimensions=["sex"], labels_en={"sex": {"Mannen": "Men", "Vrouwen": "Women",
                                                   "Totaal": "Total"}},
            checks={"key_figure_row": {"sex": "Totaal"}},
            rows=[m.BreakdownRow(position=i, dimensions={"sex": sex}, value=value,
                                 unit="percentage")
                  for i, (sex, value) in enumerate((("Mannen", 7.0), ("Vrouwen", 10.0),
                                                    ("Totaal", 8.6)))]))


@pytest.fixture
def db(editing_db):
    add_table_with_words(editing_db)
    create_draft(editing_db, "lt", 2022, ME)
    return editing_db


def with_figure(engine, indicator: str = "quality-of-life", value: str = "71") -> None:
    apply_figures(engine, "lt-2022", f"indicator,value\n{indicator},{value}\n".encode(),
                  "figures.csv", ME)


def counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {name: session.scalar(select(func.count()).select_from(model)) for name, model
                in (("table", m.BreakdownTable), ("row", m.BreakdownRow),
                    ("audit", m.AuditEvent))}


def good(title: str = "Kwaliteit van leven naar rapportcijfer, 2022") -> bytes:
    return (f"{HEAD}\n{TABLE},1-4,\"3,4\",3300,\"{title}\",Quality of life by mark\n"
            f",5-6,27.1,3300,,\n,7-10,69.5,3300,,\n").encode()


def template_of(engine, table: str, organisation: str | None = None) -> str:
    with Session(engine) as session:
        edition = store.edition(session, "lt-2022")
        [found] = [t for t in breakdown.templates(session, edition, organisation)
                   if t.id == table]
        return breakdown.template_csv(found)


def test_each_table_of_the_previous_edition_is_a_template(db):
    assert template_of(db, TABLE).splitlines() == [
        "table,mark_band,value,n,unit,qualifiers,printed,title,title_en,notes,notes_en,base",
        f"{TABLE},1-4,,,,,,Kwaliteit van leven naar rapportcijfer,Quality of life by mark,,,",
        ",5-6,,,,,,,,,,", ",7-10,,,,,,,,,,"]
    assert template_of(db, SEX).splitlines()[1:] == [
        f"{SEX},Mannen,,,,,,Overbelaste mantelzorgers naar geslacht,Overburdened carers by "
        "sex,,,", ",Vrouwen,,,,,,,,,,", ",Totaal,,,,,,,,,,"]
    # A partner's templates are the tables of the indicators assigned to it.
    with Session(db) as session, session.begin():
        session.add(m.Assignment(organisation_id="rivm", indicator_id="quality-of-life"))
    with Session(db) as session:
        edition = store.edition(session, "lt-2022")
        assert [t.id for t in breakdown.templates(session, edition, "rivm")] == [TABLE]
    # The Excel template holds the same rows and a sheet that explains each column.
    from io import BytesIO

    from openpyxl import load_workbook
    with Session(db) as session:
        edition = store.edition(session, "lt-2022")
        [found] = [t for t in breakdown.templates(session, edition) if t.id == TABLE]
        book = load_workbook(BytesIO(breakdown.template_xlsx(found)))
    assert [c.value for c in book["table"][2]][:2] == [TABLE, "1-4"]
    assert book["columns"]["A2"].value == "table"


def test_a_file_with_errors_is_reported_per_row_and_column_and_writes_nothing(db):
    with_figure(db)
    before = counts(db)
    bad = (f"{HEAD}\n{TABLE},1-4,drie,3300,<b>Kwaliteit</b>,Quality\n"
           f",5-6,127.1,veel,,\n,8-9,69.5,3300,,\n,7-10,69.5,,,\n,7-10,69.4,,,\n").encode()
    with pytest.raises(UploadRejected) as rejected:
        apply_table(db, "lt-2022", bad, "table.csv", ME)
    messages = {(p.row, p.column): str(p.text) for p in rejected.value.problems}
    assert messages == {
        (2, "value"): "'drie' is not a number; write it like 9,1 or 37469 (no thousands "
                      "separator).",
        (3, "value"): "127.1 is not possible here: the value lies between 0 and 100.",
        (3, "n"): "'veel' is not a whole number.",
        (4, "mark_band"): "'8-9' is not a value of 'mark_band' in this table; its values are "
                          "1-4, 5-6, 7-10. Keep the rows of the template: a table with other "
                          "rows is changed in the content files.",
        (6, "mark_band"): "The row repeats the dimension values of row 5; give each row once.",
        (2, "title"): "This holds markup (<b>); write plain text without HTML tags or "
                      "entities."}
    assert rejected.value.status == 422
    # The English of the title is missing; the Dutch report says it in Dutch.
    untranslated = f"{HEAD}\n{TABLE},1-4,3.4,,Kwaliteit van leven,\n,5-6,27,,,\n".encode()
    with pytest.raises(UploadRejected) as rejected:
        apply_table(db, "lt-2022", untranslated, "table.csv", ME)
    [missing] = rejected.value.problems
    assert (missing.row, missing.column) == (2, "title_en")
    assert "The English of 'title' is missing" in str(missing.text)
    assert "Engels" in missing.text.to("nl")
    # The table's own check: its key figure is the row Totaal, which the file left out.
    sex = f"table,sex,value,title,title_en\n{SEX},Mannen,7.2,T,T\n,Vrouwen,10.1,,\n".encode()
    with_figure(db, "overburdened-carers", "8.7")
    with pytest.raises(UploadRejected) as rejected:
        apply_table(db, "lt-2022", sex, "table.csv", ME)
    assert [str(p.text) for p in rejected.value.problems] == [
        "The table's key figure is the row with sex Totaal; the file has 0 such rows. Keep "
        "the rows of the template."]
    assert counts(db) == {**before, "audit": before["audit"] + 1}  # the figure only


def test_a_delivered_table_is_held_to_the_rules_of_arithmetic_as_check_is(db):
    """The editor's deliveries apply the content's own rules (content/validate.py): a row of
    hours among the shares of one dimension is refused, in the reader's language."""
    with_figure(db)
    before = counts(db)
    hours = (f"table,mark_band,value,unit,n,title,title_en\n{TABLE},1-4,3.4,percentage,3300,T,T\n"
             f",5-6,27.1,hours,3300,,\n,7-10,69.5,percentage,3300,,\n").encode()
    with pytest.raises(UploadRejected) as rejected:
        apply_table(db, "lt-2022", hours, "table.csv", ME)
    [refused] = rejected.value.problems
    assert str(refused.text).startswith("The table breaks a rule of arithmetic: found 'hours' "
                                        "in a table in 'percentage'")
    assert refused.text.to("nl").startswith("De tabel houdt zich niet aan een rekenregel")
    assert counts(db) == before


def test_a_table_needs_the_drafts_own_figure_and_its_own_id(db):
    with pytest.raises(UploadRejected) as rejected:
        apply_table(db, "lt-2022", good(), "table.csv", ME)
    [needed] = rejected.value.problems
    assert (needed.row, needed.column) == (2, "table")
    assert str(needed.text) == ("The table breaks down the figure of 'quality-of-life' of "
                                "2022, which has not been delivered yet; deliver the figure "
                                "first, then the table.")
    with pytest.raises(UploadRejected) as rejected:
        apply_table(db, "lt-2022", good().replace(TABLE.encode(), b"lt-2021-table-2"),
                    "table.csv", ME)
    assert str(rejected.value.problems[0].text).startswith(
        f"'lt-2021-table-2' is not a table of the edition 2022; keep the id of the template "
        f"({TABLE}, {SEX})")


def test_a_good_file_writes_the_table_hidden_until_publication(db):
    with_figure(db)
    assert apply_table(db, "lt-2022", good(), "table.csv", ME) == 3
    with Session(db) as session:
        table = session.get(m.BreakdownTable, TABLE)
        assert (table.edition_id, table.measurement_id, table.number, table.decimals) == \
            ("lt-2022", "quality-of-life-2022", 2, 1)
        assert [(r.dimensions, r.value, r.n) for r in table.rows] == [
            ({"mark_band": "1-4"}, 3.4, 3300), ({"mark_band": "5-6"}, 27.1, 3300),
            ({"mark_band": "7-10"}, 69.5, 3300)]
        [event] = audit.audit_events(session, audit.AuditFilter(action="table_delivered"))
        assert (event.actor, event.subject_id, event.old_value, event.new_value) == \
            (ME, TABLE, None, "1-4: 3.4; 5-6: 27.1; 7-10: 69.5")
        assert TABLE not in {t.id for t in read_dataset(session).tables}
        assert TABLE in {t.id for t in read_dataset(session, drafts=True).tables}
    # Delivered again (a new title): replaced, and the template shows what is there now.
    assert apply_table(db, "lt-2022", good("Rapportcijfers"), "table.csv", ME) == 3
    assert "Rapportcijfers" in template_of(db, TABLE)
    # The figure delivered again keeps its table.
    with_figure(db, value="72")
    with Session(db) as session:
        assert session.get(m.BreakdownTable, TABLE).title == "Rapportcijfers"
        assert session.get(m.Measurement, "quality-of-life-2022").value == 72
    publish(db, "lt-2022", ME)
    with Session(db) as session:
        assert TABLE in {t.id for t in read_dataset(session).tables}


def test_the_excel_template_filled_in_is_accepted(db):
    from io import BytesIO

    from openpyxl import load_workbook
    with_figure(db)
    with Session(db) as session:
        edition = store.edition(session, "lt-2022")
        [found] = [t for t in breakdown.templates(session, edition) if t.id == TABLE]
        book = load_workbook(BytesIO(breakdown.template_xlsx(found)))
    sheet = book["table"]
    for row, value in ((2, "3,2"), (3, "27,3"), (4, "69,5")):
        sheet.cell(row=row, column=3, value=value)
    out = BytesIO()
    book.save(out)
    assert apply_table(db, "lt-2022", out.getvalue(), "table.xlsx", ME) == 3
    with Session(db) as session:
        assert [r.value for r in session.get(m.BreakdownTable, TABLE).rows] == [3.2, 27.3, 69.5]


def test_labels_of_the_previous_table_are_carried_over(db):
    with_figure(db, "overburdened-carers", "8.7")
    body = (f"table,sex,value,title,title_en\n{SEX},Mannen,7.2,T,T\n,Vrouwen,10.1,,\n"
            f",Totaal,8.7,,\n").encode()
    assert apply_table(db, "lt-2022", body, "table.csv", ME) == 3
    with Session(db) as session:
        table = session.get(m.BreakdownTable, SEX)
        assert table.labels_en == {"sex": {"Mannen": "Men", "Vrouwen": "Women",
                                           "Totaal": "Total"}}
        assert table.checks == {"key_figure_row": {"sex": "Totaal"}}


def test_a_dimension_value_without_english_is_a_precise_problem(db):
    with Session(db) as session, session.begin():
        session.get(m.BreakdownTable, "lt-2021-table-3").labels_en = {
            "sex": {"Mannen": "Men", "Vrouwen": "Women"}}  # made by hand, without Totaal
    with_figure(db, "overburdened-carers", "8.7")
    body = (f"table,sex,value,title,title_en\n{SEX},Mannen,7.2,T,T\n,Vrouwen,10.1,,\n"
            f",Totaal,8.7,,\n").encode()
    with pytest.raises(UploadRejected) as rejected:
        apply_table(db, "lt-2022", body, "table.csv", ME)
    [missing] = rejected.value.problems
    assert (missing.row, missing.column, str(missing.text)) == (
        None, "sex", "The English of the value(s) Totaal of 'sex' is missing; ask an editor "
        "to add them to the table's labels_en in the content files.")


def test_partners_deliver_tables_of_their_own_indicators(db):
    with_figure(db)
    with pytest.raises(UploadRejected) as rejected:
        apply_table(db, "lt-2022", good(), "table.csv", ME, organisation="rivm")
    assert rejected.value.status == 403
    assert counts(db)["table"] == 2
    with Session(db) as session, session.begin():
        session.add(m.Assignment(organisation_id="rivm", indicator_id="quality-of-life"))
    assert apply_table(db, "lt-2022", good(), "table.csv", ME, organisation="rivm") == 3


def test_two_people_delivering_the_same_table_is_a_conflict(db):
    with_figure(db)
    first, second = template_of(db, TABLE), template_of(db, TABLE)
    filled = lambda text, value: text.replace(",1-4,,", f",1-4,{value},", 1)  # noqa: E731
    assert apply_table(db, "lt-2022", filled(first, "3.3").encode(), "t.csv", ME) == 3
    with pytest.raises(UploadRejected) as rejected:
        apply_table(db, "lt-2022", filled(second, "3.6").encode(), "t.csv", "other@example.nl")
    assert rejected.value.status == 409
    assert str(rejected.value.problems[0].text).startswith("Someone else delivered this table")
    with Session(db) as session:
        assert session.get(m.BreakdownTable, TABLE).rows[0].value == 3.3
    # A template made after the first delivery carries its base, and is accepted.
    again = filled(template_of(db, TABLE).replace(",1-4,3.3,", ",1-4,,", 1), "3.6")
    assert apply_table(db, "lt-2022", again.encode(), "t.csv", "other@example.nl") == 3


# --- over HTTP: the editor's page and the token API -----------------------------------------

def test_tables_on_the_editor_page_preview_and_public_site(site):  # noqa: F811
    app, engine = site
    add_table_with_words(engine)
    public = TestClient(app)
    editor, csrf = person(site, "editor")
    editor.post("/beheer/edities", data={"programme": "lt", "year": "2022", "csrf": csrf})
    page = editor.get("/beheer/edities/lt-2022").text
    assert "Tabellen" in page and f"/beheer/edities/lt-2022/tabellen/{TABLE}.csv" in page
    english = editor.get("/en/manage/editions/lt-2022").text
    assert "Tables of this edition" in english and "not delivered yet" in english
    template = editor.get(f"/beheer/edities/lt-2022/tabellen/{TABLE}.csv")
    assert template.status_code == 200 and template.text.startswith("table,mark_band,value")
    assert editor.get(f"/en/manage/editions/lt-2022/tables/{TABLE}.xlsx").content[:2] == b"PK"
    assert editor.get("/beheer/edities/lt-2022/tabellen/nothing.csv").status_code == 404

    def deliver(body: bytes):
        return editor.post("/beheer/edities/lt-2022/aanleveren",
                           data={"csrf": csrf, "kind": "tables"},
                           files={"file": ("table.csv", body, "text/csv")})

    answer = deliver(good().replace(b"69.5", b"169.5"))
    assert answer.status_code == 422 and "Er is niets opgeslagen" in answer.text
    assert re.search(r"<td>2</td><td>table</td><td>De tabel", answer.text)
    assert re.search(r"<td>4</td><td>value</td><td>169.5 kan hier niet", answer.text)
    editor.post("/beheer/edities/lt-2022/aanleveren", data={"csrf": csrf},
                files={"file": ("f.csv", b"indicator,value\nquality-of-life,71\n", "text/csv")})
    answer = deliver(good())
    assert answer.status_code == 303 and "kind=tables" in answer.headers["location"]
    assert "3 rijen opgeslagen" in editor.get(answer.headers["location"]).text
    preview = editor.get("/beheer/voorbeeld/2022/indicator/quality-of-life").text
    assert "Kwaliteit van leven naar rapportcijfer, 2022" in preview
    assert "Kwaliteit van leven naar rapportcijfer, 2022" not in \
        public.get("/indicator/quality-of-life").text
    publisher, publisher_csrf = person(site, "publisher")
    publisher.post("/beheer/edities/lt-2022/publiceren", data={"csrf": publisher_csrf})
    shown = public.get("/indicator/quality-of-life?editie=2022").text
    assert "Kwaliteit van leven naar rapportcijfer, 2022" in shown and "69,5" in shown


def test_tables_delivered_with_a_token(site):  # noqa: F811
    app, engine = site
    editor, csrf = person(site, "editor")
    editor.post("/beheer/edities", data={"programme": "lt", "year": "2022", "csrf": csrf})
    add_account(engine, "robot@example.nl", "partner", PASSWORD, organisation="rivm")
    token, _id = create_token(engine, "robot@example.nl", "nightly", ["deliveries"])
    c = TestClient(app)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/csv"}
    with Session(engine) as session, session.begin():
        session.add(m.Assignment(organisation_id="rivm", indicator_id="quality-of-life"))
    assert c.post("/api/editor/editions/lt-2022/tables", content=good()).status_code == 401
    c.post("/api/editor/editions/lt-2022/figures", content=b"indicator,value\n"
           b"quality-of-life,71\n", headers=headers)
    answer = c.post("/api/editor/editions/lt-2022/tables",
                    content=good().replace(b"3300,,\n,7-10", b"many,,\n,7-10"), headers=headers)
    assert answer.status_code == 422
    assert answer.json()["error"]["problems"] == [
        {"row": 3, "column": "n", "message": "'many' is not a whole number."}]
    answer = c.post("/api/editor/editions/lt-2022/tables", content=good(), headers=headers)
    assert answer.status_code == 200 and answer.json() == {"written": 3}
    with Session(engine) as session, session.begin():
        session.query(m.Assignment).delete()
    answer = c.post("/api/editor/editions/lt-2022/tables", content=good(), headers=headers)
    assert answer.status_code == 403
