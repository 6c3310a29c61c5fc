"""Reading the whole-dataset JSON (monitor.json) back into content records, so that an
export can be loaded into an empty database: the round trip that shows the downloads hold
everything."""
from __future__ import annotations

import json
from pathlib import Path

from ..content import schema as s
from ..content.reader import ContentSet, ProgrammeContent
from ..content.validate import validate
from ..errors import Where


def _drop(d: dict, *keys: str) -> dict:
    return {k: v for k, v in d.items() if k not in keys and v is not None}


def read_dataset(path: Path) -> ContentSet:
    data = json.loads(path.read_text(encoding="utf-8"))
    shown = str(path)
    content = ContentSet(path.parent)
    content.organisations = [s.OrganisationSpec(**_drop(o)) for o in data["organisations"]]
    for prog in data["programmes"]:
        pid = prog["id"]
        lines = {al["number"]: al["id"] for al in prog["action_lines"]}
        goals = {(g["action_line"], g["number"]): g["id"]
                 for al in prog["action_lines"] for g in al["goals"]}
        p = ProgrammeContent(path.parent, s.ProgrammeSpec(**_drop(prog, "action_lines")))
        p.action_lines = [s.ActionLineSpec(**_drop(al, "programme", "goals"), goals=[
            s.GoalSpec(**_drop(g, "action_line")) for g in al["goals"]])
            for al in prog["action_lines"]]
        p.actions = [s.ActionSpec(**_drop(a, "programme", "action_line", "goal"),
                                  action_line=lines[a["action_line"]],
                                  goal=goals.get((a["action_line"], a["goal"])))
                     for a in data["actions"] if a["programme"] == pid]
        indicators = [i for i in data["indicators"] if i["programme"] == pid]
        ids = {i["id"] for i in indicators}
        p.indicators = [s.IndicatorSpec(
            **_drop(i, "programme", "action_line", "goal", "definitions"),
            action_line=lines.get(i["action_line"]),
            goal=goals.get((i["action_line"], i["goal"])),
            definitions=[s.DefinitionSpec(**_drop(d, "from_year")) for d in i["definitions"]])
            for i in indicators]
        editions = [e for e in data["editions"] if e["programme"] == pid]
        edition_ids = {e["id"] for e in editions}
        p.editions = [s.EditionSpec(**_drop(e, "programme", "entries"), entries=[
            s.EntrySpec(**_drop(x, "value")) for x in e["entries"]]) for e in editions]
        p.measurements = [s.MeasurementSpec(**_drop(x, "editions")) for x in data["measurements"]
                          if x["indicator"] in ids]
        checks = data.get("table_checks", {})
        p.tables, p.table_rows = [], {}
        for t in data["tables"]:
            if t["edition"] not in edition_ids:
                continue
            p.tables.append(s.TableSpec(**_drop(t, "indicator", "rows"), file=f"{t['id']}.csv",
                                        checks=checks.get(t["id"])))
            p.table_rows[t["id"]] = [s.TableRowSpec(**_drop(r)) for r in t["rows"]]
        p.stories = [s.StorySpec(**_drop(x)) for x in data["stories"] if x["indicator"] in ids]
        p.initiatives = [s.InitiativeSpec(**_drop(x, "action_line"),
                                          action_line=lines.get(x["action_line"]))
                         for x in data["initiatives"]
                         if x["indicator"] in ids or (x["indicator"] is None and
                                                      x["action_line"] in lines)]
        p.references = [s.ReferenceSpec(**_drop(x)) for x in data["references"]
                        if not x["indicators"] or set(x["indicators"]) <= ids]
        p.quality_notes = [s.QualityNoteSpec(**_drop(x, "subject_type", "subject_id"),
                                             subject={"type": x["subject_type"],
                                                      "id": x["subject_id"]})
                           for x in data["quality_notes"]]
        p.claims = [s.ClaimSpec(**_drop(x)) for x in data.get("claims", [])
                    if x["edition"] in edition_ids]
        p.relations = [s.RelationSpec(**_drop(x)) for x in data.get("relations", [])]
        for group in (p.action_lines, p.actions, p.indicators, p.editions, p.measurements,
                      p.tables, p.stories, p.initiatives, p.references, p.quality_notes,
                      p.claims, p.relations):
            for i, record in enumerate(group):
                record._where = Where(shown, None, f"{type(record).__name__}[{i}]")
        content.programmes.append(p)
    validate(content)
    return content
