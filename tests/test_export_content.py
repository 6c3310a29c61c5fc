"""The database as the system of record: `export-content` writes it back as content files
that `check` accepts and that load back to the same database (also after editing: a draft,
a delivered figure, a revision), on SQLite and PostgreSQL; `dump` and `restore` back up the
whole database, refusing a damaged file and leaving the database as it was."""
from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Integer, select
from sqlalchemy.orm import Session

from conftest import BUNDLED_CONTENT, FIXTURE_CONTENT
from langerthuis import model as m
from langerthuis.cli import main
from langerthuis.config import sqlite_url
from langerthuis.content import check_content
from langerthuis.editing import (PROGRESS, apply_figures, apply_records, apply_table,
                                 create_draft, revise)
from langerthuis.store import load_content, make_engine
from langerthuis.store import accounts as audit
from langerthuis.store.backup import BackupError, dump, restore
from langerthuis.store.export_content import ExportRefused, export_content
from langerthuis.store.geography import GEO_TABLES
from langerthuis.store.housing import IMPORTED_TABLES

ME = "editor@example.nl"
#: Tables that are not content: kept by load, imported, geography, the load's own record.
NOT_CONTENT = {t.__table__.name for t in (*GEO_TABLES, *IMPORTED_TABLES, m.LoadInfo)}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def rows(engine, tables=None) -> dict[str, list[str]]:
    """Every row of `tables` (default: all) as sorted JSON text."""
    out = {}
    with engine.connect() as conn:
        for table in m.Base.metadata.sorted_tables:
            if tables is None or table.name in tables:
                out[table.name] = sorted(json.dumps(dict(r._mapping), sort_keys=True,
                                                    default=str)
                                         for r in conn.execute(select(table)))
    return out


def content_rows(engine) -> dict[str, list[str]]:
    """The content tables, without what is by nature new in every load: the numbers the
    database gives rows (edition entries, table rows, revisions ...) and the file and line
    a measurement was read from."""
    out = {}
    with engine.connect() as conn:
        for table in m.Base.metadata.sorted_tables:
            if table.info.get("kept_by_load") or table.name in NOT_CONTENT:
                continue
            columns = [c for c in table.columns
                       if not (c.primary_key and isinstance(c.type, Integer))]
            found = []
            for r in conn.execute(select(*columns)):
                row = dict(r._mapping)
                if table.name == "measurement":
                    row["provenance"] = {k: v for k, v in row["provenance"].items()
                                         if k not in ("file", "line")}
                found.append(json.dumps(row, sort_keys=True, default=str))
            out[table.name] = sorted(found)
    return out


def loaded(tmp_path: Path, name: str, root: Path):
    url = sqlite_url(tmp_path / f"{name}.sqlite")
    engine = make_engine(url)
    load_content(engine, check_content(root))
    return url, engine


def export_and_reload(tmp_path: Path, url: str, *flags: str):
    """Export the database at `url` with the command line, check the export, load it into
    a new database; returns the export's folder and the new database's engine."""
    out = tmp_path / "exported"
    result = run("export-content", str(out), "--database", url, *flags)
    assert result.exit_code == 0, result.output
    checked = run("check", "--content", str(out))
    assert checked.exit_code == 0, checked.output
    _, engine = loaded(tmp_path, "reloaded", out)
    return out, engine


@pytest.mark.parametrize("root", [FIXTURE_CONTENT,
                                  pytest.param(BUNDLED_CONTENT, marks=pytest.mark.bundled)],
                         ids=["fixture", "bundled"])
def test_the_export_loads_back_to_the_same_database(tmp_path: Path, root: Path):
    url, first = loaded(tmp_path, "first", root)
    out, second = export_and_reload(tmp_path, url)
    assert content_rows(second) == content_rows(first)
    assert sum(len(v) for v in content_rows(first).values()) > 50
    # Every kind of file of the layout is written where `load` reads it.
    written = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert "organisations.yaml" in written
    assert any(p.endswith("/tables.yaml") for p in written)
    assert any(p.endswith(".csv") for p in written)
    # Exporting the reloaded database writes the same files, byte for byte.
    again = tmp_path / "again"
    export_content(second, again)
    assert {p: (again / p).read_bytes() for p in written} == \
        {p: (out / p).read_bytes() for p in written}


def test_the_export_of_the_bundled_content_keeps_every_programme_and_table(tmp_path: Path):
    if not (BUNDLED_CONTENT / "wozo").is_dir():
        pytest.skip("the bundled content has no WOZO programme")
    url, engine = loaded(tmp_path, "bundled", BUNDLED_CONTENT)
    export_content(engine, tmp_path / "out")
    exported = check_content(tmp_path / "out")
    original = check_content(BUNDLED_CONTENT)
    for mine, theirs in zip(exported.programmes, original.programmes):
        assert mine.programme.id == theirs.programme.id
        for key in ("actions", "indicators", "editions", "measurements", "tables", "findings",
                    "reflection", "introduction", "progress", "continuity", "quality_notes"):
            assert len(getattr(mine, key)) == len(getattr(theirs, key)), key
        assert [f.id for f in mine.findings if f.edition == "lt-2021"] == \
            [f.id for f in theirs.findings if f.edition == "lt-2021"]
    assert len(exported.housing_targets) == len(original.housing_targets)


def edit(engine) -> None:
    """A draft edition of 2022 with a delivered figure, its table and a progress entry, and
    a revision of a published one."""
    create_draft(engine, "lt", 2022, ME)
    apply_figures(engine, "lt-2022", b"indicator,value,reference_period,n\n"
                  b"quality-of-life,71.5,2022,3100\n", "figures.csv", ME)
    apply_table(engine, "lt-2022", b"table,mark_band,value,n,title,title_en\n"
                b"quality-of-life-2022-table-2,1-4,3.1,3100,Rapportcijfers,Marks\n"
                b",5-6,27.4,3100,,\n,7-10,69.5,3100,,\n", "table.csv", ME)
    apply_records(PROGRESS, engine, "lt-2022", b"action,date,date_precision,status,summary,"
                  b"summary_en,source\nlt-action-2,2022-06-30,month,on_schedule,Loopt.,"
                  b"Running.,monitor-2019\n", "progress.csv", ME)
    revise(engine, "qol-2021", 70.0, "Typing error in the source table", ME,
           expected=69, on=dt.date(2022, 3, 1))


def test_edits_are_exported_and_load_back(tmp_path: Path):
    url, first = loaded(tmp_path, "first", FIXTURE_CONTENT)
    edit(first)
    out, second = export_and_reload(tmp_path, url, "--drafts")
    assert content_rows(second) == content_rows(first)
    with Session(second) as session:
        draft = session.get(m.Edition, "lt-2022")
        assert draft.status == "draft"
        assert session.get(m.Measurement, "quality-of-life-2022").value == 71.5
        assert draft.title_en and "2022" in draft.title_en
        [delivered] = session.scalars(select(m.ProgressEntry).where(
            m.ProgressEntry.edition_id == "lt-2022"))
        assert (delivered.action_id, delivered.summary_en) == ("lt-action-2", "Running.")
        table = session.get(m.BreakdownTable, "quality-of-life-2022-table-2")
        assert (table.edition_id, table.measurement_id, table.title_en) == \
            ("lt-2022", "quality-of-life-2022", "Marks")
        assert [(r.dimensions["mark_band"], r.value, r.n) for r in table.rows] == [
            ("1-4", 3.1, 3100), ("5-6", 27.4, 3100), ("7-10", 69.5, 3100)]
        revision = session.scalars(select(m.Revision)).one()
        assert (revision.old_value, revision.new_value, revision.reason, revision.actor,
                revision.revised_on) == (69.0, 70.0, "Typing error in the source table", ME,
                                         dt.date(2022, 3, 1))
    measurements = (out / "lt" / "measurements.yaml").read_text(encoding="utf-8")
    assert "reason: Typing error in the source table" in measurements


def test_without_drafts_only_what_the_public_sees_is_exported(tmp_path: Path):
    url, engine = loaded(tmp_path, "first", FIXTURE_CONTENT)
    edit(engine)
    result = run("export-content", str(tmp_path / "out"), "--database", url)
    assert result.exit_code == 0
    assert "Left out the draft edition(s) lt-2022" in result.output
    editions = (tmp_path / "out" / "lt" / "editions.yaml").read_text(encoding="utf-8")
    measurements = (tmp_path / "out" / "lt" / "measurements.yaml").read_text(encoding="utf-8")
    assert "lt-2022" not in editions and "quality-of-life-2022" not in measurements
    assert not (tmp_path / "out" / "lt" / "tables" / "quality-of-life-2022-table-2.csv").exists()
    assert "Typing error in the source table" in measurements  # a revision is public
    _, public = loaded(tmp_path, "public", tmp_path / "out")
    with Session(public) as session:
        assert session.get(m.Edition, "lt-2022") is None
        assert session.get(m.Measurement, "qol-2021").value == 70.0


def test_a_folder_that_is_not_empty_is_refused_without_force(tmp_path: Path):
    url, engine = loaded(tmp_path, "first", FIXTURE_CONTENT)
    out = tmp_path / "content"
    (out / ".git").mkdir(parents=True)
    (out / "README.md").write_text("notes\n")
    (out / "lt").mkdir()
    (out / "lt" / "programme.yaml").write_text("stale\n")
    (out / "old-programme").mkdir()
    (out / "old-programme" / "programme.yaml").write_text("stale\n")
    refused = run("export-content", str(out), "--database", url)
    assert refused.exit_code == 1
    assert f"Error: {out.absolute()} is not empty (it holds 4 entries: .git, README.md, lt, " \
        "old-programme); choose a new or empty folder, or add --force" in refused.stderr
    assert "Traceback" not in refused.output
    assert (out / "lt" / "programme.yaml").read_text() == "stale\n"
    forced = run("export-content", str(out), "--database", url, "--force")
    assert forced.exit_code == 0, forced.output
    assert (out / "README.md").read_text() == "notes\n" and (out / ".git").is_dir()
    assert not (out / "old-programme").exists()
    assert run("check", "--content", str(out)).exit_code == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".content.")]
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportRefused, match="is a file, not a folder"):
        export_content(engine, tmp_path / "file")
    with pytest.raises(ExportRefused, match=f"^{tmp_path / 'file'} is a file, not a folder"):
        export_content(engine, tmp_path / "file" / "out")
    unwritable = run("dump", str(tmp_path / "file" / "backup.jsonl"), "--database", url)
    assert unwritable.exit_code == 1
    assert f"Error: {tmp_path / 'file'} is a file, not a folder; give the dump a path in a " \
        "folder." in unwritable.stderr


def test_content_that_load_would_refuse_is_not_exported(tmp_path: Path):
    """A value the content schema refuses (here a text with markup put in the database
    directly) is reported as `check` reports it, and nothing is written."""
    url, engine = loaded(tmp_path, "first", FIXTURE_CONTENT)
    with Session(engine) as session, session.begin():
        session.get(m.Measurement, "qol-2021").notes = "<b>bold</b>"
    result = run("export-content", str(tmp_path / "out"), "--database", url)
    assert result.exit_code == 1
    assert "problem in the export of the database" in result.stderr
    assert "contains markup '<b>'" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_an_empty_database_has_nothing_to_export(tmp_path: Path, database_url: str):
    result = run("export-content", str(tmp_path / "out"), "--database", database_url)
    assert result.exit_code == 1
    assert f"Error: The database at {database_url} holds no content to export; run " \
        "`langerthuis load` first" in result.stderr


# --- dump and restore --------------------------------------------------------------------------

def everything(tmp_path: Path):
    """A database with content, an edit, an account and its audit trail."""
    url, engine = loaded(tmp_path, "source", FIXTURE_CONTENT)
    edit(engine)
    with Session(engine) as session, session.begin():
        session.add(m.Account(email="admin@example.nl", role="administrator",
                              password_hash="x", created_at=dt.datetime(2022, 1, 2, 3, 4, 5)))
        audit.record(session, "command line", "account_added", "account", "admin@example.nl",
                     "role", None, "administrator")
    return url, engine


def test_a_dump_restores_every_table(tmp_path: Path):
    url, source = everything(tmp_path)
    file = tmp_path / "backup.jsonl.gz"
    result = run("dump", str(file), "--database", url)
    assert result.exit_code == 0, result.output
    assert "(schema revision 0015)" in result.output or "schema revision" in result.output
    target_url = sqlite_url(tmp_path / "target.sqlite")
    restored = run("restore", str(file), "--database", target_url)
    assert restored.exit_code == 0, restored.output
    target = make_engine(target_url)
    assert rows(target) == rows(source)
    counts = {t: len(r) for t, r in rows(target).items()}
    assert counts["account"] == 1 and counts["revision"] == 1 and counts["audit_event"] >= 4


def test_a_restore_into_a_database_with_rows_needs_force(tmp_path: Path):
    url, source = everything(tmp_path)
    dump(source, tmp_path / "backup.jsonl")
    other_url, other = loaded(tmp_path, "other", FIXTURE_CONTENT)
    before = rows(other)
    refused = run("restore", str(tmp_path / "backup.jsonl"), "--database", other_url)
    assert refused.exit_code == 1
    assert "is not empty" in refused.stderr and "add --force" in refused.stderr
    assert rows(other) == before
    assert run("restore", str(tmp_path / "backup.jsonl"), "--database", other_url,
               "--force").exit_code == 0
    assert rows(other) == rows(source)


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


@pytest.mark.parametrize("damage, message", [
    (lambda lines: lines[:len(lines) // 2], "the last line (with the row counts and the "
     "digest) is missing; the file is incomplete (truncated)"),
    (lambda lines: [*lines[:-1], lines[-1][:20]], "the line is cut off; the file is "
     "incomplete (truncated)"),
    (lambda lines: [ln.replace(b'"Het percentage 75-plussers met een goede kwaliteit van leven"', b'"Slechte kwaliteit"')
                    for ln in lines], "the digest does not match the content; the file was "
     "changed or damaged after it was written"),
    (lambda lines: [lines[0].replace(b'"schema":"', b'"schema":"0009x'), *lines[1:]],
     "a dump of schema revision '0009x"),
    (lambda lines: [b"hello\n"], "not a line of a dump"),
    (lambda lines: [*lines, lines[3]], "more lines follow the last line"),
], ids=["truncated", "cut-line", "tampered", "schema", "not-a-dump", "appended"])
def test_a_damaged_dump_is_refused_and_the_database_is_unchanged(tmp_path: Path, damage,
                                                                  message):
    url, source = everything(tmp_path)
    dump(source, tmp_path / "backup.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"".join(damage(_lines(tmp_path / "backup.jsonl"))))
    target_url, target = loaded(tmp_path, "target", FIXTURE_CONTENT)
    before = rows(target)
    result = run("restore", str(bad), "--database", target_url, "--force")
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert rows(target) == before


def test_rows_the_database_refuses_restore_nothing(tmp_path: Path):
    """A dump whose digest holds but whose rows break a rule of the schema (an edition entry
    of an unknown indicator, as a hand-edited file could have): the transaction is rolled
    back and the database is as it was."""
    import hashlib
    url, source = everything(tmp_path)
    dump(source, tmp_path / "backup.jsonl")
    lines = _lines(tmp_path / "backup.jsonl")
    at = next(i for i, ln in enumerate(lines) if ln.startswith(b'{"table":"edition_entry"'))
    columns = json.loads(lines[at])["columns"]
    row = json.loads(lines[at + 1])
    row[columns.index("indicator_id")] = "nope"
    lines[at + 1] = json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
    end = json.loads(lines[-1])
    end["sha256"] = hashlib.sha256(b"".join(lines[:-1])).hexdigest()
    lines[-1] = json.dumps(end).encode() + b"\n"
    (tmp_path / "bad.jsonl").write_bytes(b"".join(lines))
    target_url, target = loaded(tmp_path, "target", FIXTURE_CONTENT)
    before = rows(target)
    result = run("restore", str(tmp_path / "bad.jsonl"), "--database", target_url, "--force")
    assert result.exit_code == 1
    assert "the database refused the dump's rows (FOREIGN KEY constraint failed); nothing " \
        "was restored, the database is as it was" in result.stderr
    assert rows(target) == before


def test_a_truncated_gzip_dump_is_refused(tmp_path: Path):
    url, source = everything(tmp_path)
    dump(source, tmp_path / "backup.jsonl.gz")
    data = (tmp_path / "backup.jsonl.gz").read_bytes()
    assert data[:2] == b"\x1f\x8b"
    (tmp_path / "cut.jsonl.gz").write_bytes(data[:len(data) // 2])
    with pytest.raises(BackupError, match="incomplete|damaged"):
        restore(make_engine(sqlite_url(tmp_path / "t.sqlite")), tmp_path / "cut.jsonl.gz")
    assert gzip.decompress(data).startswith(b'{"format":"langerthuis-dump"')


# --- on PostgreSQL ------------------------------------------------------------------------------

@pytest.mark.postgresql
def test_export_and_backups_on_postgresql(tmp_path: Path, own_pg_engine):
    """The round trip of the content and of a backup on PostgreSQL, and a backup carried
    from SQLite to PostgreSQL and back (on a database of its own: it leaves revisions and an
    audit trail behind)."""
    pg_engine = own_pg_engine
    load_content(pg_engine, check_content(FIXTURE_CONTENT))
    edit(pg_engine)
    pg_url = pg_engine.url.render_as_string(hide_password=False)
    out, reloaded = export_and_reload(tmp_path, pg_url, "--drafts")
    assert content_rows(reloaded) == content_rows(pg_engine)
    # PostgreSQL -> file -> SQLite
    dump(pg_engine, tmp_path / "pg.jsonl.gz")
    lite = make_engine(sqlite_url(tmp_path / "from-pg.sqlite"))
    restore(lite, tmp_path / "pg.jsonl.gz")
    assert rows(lite) == rows(pg_engine)
    # SQLite -> file -> PostgreSQL, replacing what it held
    _, source = everything(tmp_path)
    dump(source, tmp_path / "lite.jsonl")
    restore(pg_engine, tmp_path / "lite.jsonl", force=True)
    assert rows(pg_engine) == rows(source)
    # The restored ids continue: the next revision gets a new one.
    revise(pg_engine, "qol-2021", 71.0, "Second correction", ME, expected=70.0)
    with Session(pg_engine) as session:
        assert len(session.scalars(select(m.Revision)).all()) == 2
    # A damaged file leaves the PostgreSQL database as it was.
    before = rows(pg_engine)
    lines = _lines(tmp_path / "lite.jsonl")
    (tmp_path / "bad.jsonl").write_bytes(b"".join(lines[:-1]))
    with pytest.raises(BackupError, match="truncated"):
        restore(pg_engine, tmp_path / "bad.jsonl", force=True)
    assert rows(pg_engine) == before


def test_figures_derived_from_the_open_data_are_not_exported(tmp_path: Path,
                                                              session_geography):
    """`load` computes the support ratio per municipality from the open data: it is not
    content, so the export leaves it out and the next load computes it again."""
    from conftest import needs_open_data
    from langerthuis.compute.derived import MEASUREMENT
    from langerthuis.pipeline import prepare
    once = needs_open_data()

    def load(name: str, root: Path):
        engine = make_engine(sqlite_url(tmp_path / f"{name}.sqlite"))
        prepared = prepare(root, once.data.root)
        load_content(engine, prepared.content, prepared.registry, prepared.population)
        return engine

    first = load("first", FIXTURE_CONTENT)
    export_content(first, tmp_path / "out")
    assert MEASUREMENT not in (tmp_path / "out" / "lt" / "measurements.yaml").read_text()
    second = load("second", tmp_path / "out")

    def comparable(engine):
        found = content_rows(engine)
        found["measurement"] = [r for r in found["measurement"] if MEASUREMENT not in r]
        return found
    assert comparable(second) == comparable(first)
    with Session(second) as session:
        assert session.get(m.Measurement, MEASUREMENT) is not None
        assert session.get(m.BreakdownTable, f"{MEASUREMENT}-table").rows
