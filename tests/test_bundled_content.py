"""The bundled content (content/) is valid and loads."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.config import CHECKOUT
from langerthuis.content import check_content
from langerthuis.store import load_content

CONTENT = CHECKOUT / "content"


def test_bundled_content_is_valid_and_loads(engine):
    load_content(engine, check_content(CONTENT))
    with Session(engine) as s:
        programme = s.get(m.Programme, "langer-thuis")
        assert [al.number for al in programme.action_lines] == [1, 2, 3]
        assert sum(len(al.goals) for al in programme.action_lines) == 10
        assert len(programme.partners) == 21
        assert s.scalar(select(func.count()).select_from(m.Action)) == 44
        per_line = {al.number: len(al.actions) for al in programme.action_lines}
        assert per_line == {1: 16, 2: 17, 3: 11}
