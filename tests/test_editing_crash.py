"""A process killed (SIGKILL) in the middle of an upload (of figures or of stories) or a
publication leaves the database exactly as it was: every write of the editing workflow is
one transaction. The child process stops just before its commit (an event listener of this test, not of the
product), the test kills it there, and compares the database with its state before."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.content import check_content
from langerthuis.editing import create_draft
from langerthuis.store import load_content

from conftest import FIXTURE_CONTENT

CHILD = textwrap.dedent("""
    import sys, time
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from langerthuis.store import make_engine
    from langerthuis.editing import STORIES, apply_figures, apply_records, publish

    @event.listens_for(Engine, "commit")
    def stop_before_commit(connection):
        print("about to commit", flush=True)
        time.sleep(120)

    engine = make_engine(sys.argv[1])
    if sys.argv[2] == "upload":
        rows = "indicator,value\\nquality-of-life,71\\noverburdened-carers,8.8\\n"
        apply_figures(engine, "lt-2022", rows.encode(), "f.csv", "editor@example.nl")
    elif sys.argv[2] == "stories":
        rows = ("indicator,title,summary,title_en,summary_en\\n"
                "carer-stories,Een verhaal,Zij vertelt.,A story,She tells.\\n")
        apply_records(STORIES, engine, "lt-2022", rows.encode(), "s.csv", "editor@example.nl")
    else:
        publish(engine, "lt-2022", "publisher@example.nl")
""")


def state(engine) -> tuple:
    with Session(engine) as session:
        entries = session.execute(select(
            m.EditionEntry.indicator_id, m.EditionEntry.status, m.EditionEntry.measurement_id)
            .where(m.EditionEntry.edition_id == "lt-2022")
            .order_by(m.EditionEntry.indicator_id)).all()
        return (session.get(m.Edition, "lt-2022").status, tuple(entries),
                tuple(session.scalars(select(m.Measurement.id).order_by(m.Measurement.id))),
                tuple(session.scalars(select(m.Story.id).order_by(m.Story.id))),
                session.get(m.LoadInfo, 1).loaded_at,
                len(session.scalars(select(m.AuditEvent.id)).all()))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def db(request):
    engine = request.getfixturevalue("engine" if request.param == "sqlite" else "pg_engine")
    load_content(engine, check_content(FIXTURE_CONTENT))
    create_draft(engine, "lt", 2022, "editor@example.nl")
    return engine


@pytest.mark.parametrize("step", ["upload", "stories", "publish"])
def test_a_kill_before_the_commit_changes_nothing(db, step):
    before = state(db)
    url = db.url.render_as_string(hide_password=False)
    child = subprocess.Popen([sys.executable, "-c", CHILD, url, step], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        line = child.stdout.readline()
        assert line.strip() == "about to commit", child.stderr.read()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    db.dispose()  # no pooled connection of ours hides what the child left
    assert state(db) == before
