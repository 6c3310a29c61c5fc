"""Reading the whole-dataset JSON (monitor.json) back into content records, so that an
export can be loaded into an empty database: the round trip that shows the downloads hold
everything.

An import is content from outside, so it passes the same gate as `langerthuis load`: every
record is validated with the content schema (strict types, unknown keys rejected), every
reference is checked (a reference to an unknown id is an error, never a reason to drop the
record), and the limits of `content.limits` hold. Problems name the file and the key path
(`stories[3] (id 'x').indicator`), what was found and what was expected.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from ..content import schema as s
from ..content.files import decode, read_bytes
from ..content.limits import (MAX_DEPTH, MAX_IMPORT_BYTES, MAX_RECORDS, MAX_TABLE_ROWS,
                              MAX_TOTAL_ROWS)
from ..content.numbers import float_problem
from ..content.reader import ContentSet, ProgrammeContent, _kind, _label, _Reader, short_repr
from ..content.validate import validate
from ..errors import ContentError, Problem, Where

R = TypeVar("R", bound=s.Record)

#: The top-level keys of monitor.json: whether each is required, and what it holds.
TOP_LEVEL: dict[str, tuple[bool, type]] = {
    "licence": (False, str), "programmes": (True, list), "organisations": (True, list),
    "actions": (True, list), "indicators": (True, list), "editions": (True, list),
    "measurements": (True, list), "tables": (True, list), "stories": (True, list),
    "initiatives": (True, list), "references": (True, list), "quality_notes": (True, list),
    "claims": (False, list), "relations": (False, list), "initiative_kinds": (False, list),
    "table_checks": (False, dict), "housing_targets": (False, list),
    "findings": (False, list), "reflection": (False, list), "introduction": (False, list),
    "catalogue": (False, dict),
}


class _Refused(Exception):
    def __init__(self, message: str):
        self.message = message


def _parse(path: Path, shown: str) -> Any:
    where = Where(shown)
    data = read_bytes(path, shown, path.resolve().parent, MAX_IMPORT_BYTES,
                      "the whole-dataset export is far smaller")
    text = decode(data, where)
    if not text.strip():
        raise ContentError([Problem(where, "is empty; expected the whole-dataset export "
                                           "(monitor.json) written by `langerthuis export`")])

    def constant(name: str) -> Any:
        raise _Refused(f"holds {name}, which is not a number in JSON; expected a finite "
                       "number or null")

    def number(text: str) -> float:
        value = float(text)
        problem = float_problem(text, value)
        if problem:
            raise _Refused(f"holds the number {problem}")
        return value

    def pairs(items: list[tuple[str, Any]]) -> dict:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise _Refused(f"has the key {short_repr(key)} twice in one object; keep one")
            out[key] = value
        return out

    try:
        return json.loads(text, parse_constant=constant, parse_float=number,
                          object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise ContentError([Problem(Where(shown, exc.lineno), f"is not valid JSON: {exc.msg} "
                                    f"(column {exc.colno})")]) from None
    except _Refused as exc:
        raise ContentError([Problem(where, exc.message)]) from None
    except RecursionError:
        raise ContentError([Problem(where, "nests arrays and objects too deeply to read; the "
                                           f"export nests at most {MAX_DEPTH} levels")]) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise ContentError([Problem(where, f"is not valid JSON: {exc}")]) from None


def read_dataset(path: Path) -> ContentSet:
    """The content in a monitor.json; ContentError listing every problem found."""
    shown = str(path)
    data = _parse(path, shown)
    importer = _Importer(path, shown)
    content = importer.content(data)
    if importer.problems:
        raise ContentError(importer.problems)
    validate(content)
    return content


class _Importer:
    def __init__(self, path: Path, shown: str):
        self.path, self.shown = path, shown
        self.reader = _Reader(path.parent)
        self.problems = self.reader.problems

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(Where(self.shown, None, path), message))

    def lists(self, data: Any) -> dict[str, Any] | None:
        """The top-level lists (and table checks) of the export, after checking its shape."""
        if not isinstance(data, dict):
            self.problems.append(Problem(Where(self.shown), f"expected a JSON object with the "
                                         f"keys {', '.join(k for k, (req, _) in TOP_LEVEL.items() if req)}, "
                                         f"found {_kind(data)}"))
            return None
        unknown = [k for k in data if k not in TOP_LEVEL]
        if unknown:
            self.problems.append(Problem(Where(self.shown), f"unknown top-level key(s) "
                                         f"{', '.join(short_repr(k, 40) for k in unknown[:10])}; "
                                         f"expected {', '.join(TOP_LEVEL)}"))
        out: dict[str, Any] = {}
        fatal = False
        for key, (required, kind) in TOP_LEVEL.items():
            if key not in data:
                if required:
                    self.add(key, f"the required key {key!r} is missing")
                out[key] = kind()
                continue
            value = data[key]
            if not isinstance(value, kind):
                self.add(key, f"expected {_kind(kind())}, found {_kind(value)}")
                out[key] = kind()
            elif kind is list and len(value) > MAX_RECORDS:
                self.add(key, f"holds {len(value):,} records; the limit is {MAX_RECORDS:,}")
                out[key], fatal = [], True
            else:
                out[key] = value
        rows = 0
        for i, t in enumerate(out["tables"]):
            table_rows = t.get("rows") if isinstance(t, dict) else None
            if isinstance(table_rows, list):
                if len(table_rows) > MAX_TABLE_ROWS:
                    self.add(_label(f"tables[{i}]", t) + ".rows", f"holds {len(table_rows):,} "
                             f"rows; the limit for one table is {MAX_TABLE_ROWS:,}")
                    fatal = True
                rows += len(table_rows)
        if rows > MAX_TOTAL_ROWS:
            self.add("tables", f"hold {rows:,} rows in all; the limit is {MAX_TOTAL_ROWS:,}")
            fatal = True
        # Over a limit, nothing more is read: validating it all is what the limit prevents.
        return None if fatal else out

    def records(self, items: list, key: str) -> list[tuple[str, dict]]:
        """The objects of a top-level list with their key path ("stories[3]"); a problem for
        each item that is not an object."""
        out = []
        for i, item in enumerate(items):
            if isinstance(item, dict):
                out.append((f"{key}[{i}]", dict(item)))
            else:
                self.add(f"{key}[{i}]", f"expected an object, found {_kind(item)}")
        return out

    def one(self, item: dict, spec: type[R], path: str) -> R | None:
        """The record at `path` ("stories[3]") validated with the content schema (its
        problems name it by its id too); null stands for a key left out."""
        item = {k: v for k, v in item.items() if v is not None}
        return self.reader.one(item, spec, Where(self.shown, None, path))

    def content(self, data: Any) -> ContentSet:
        content = ContentSet(self.path.parent)
        lists = self.lists(data)
        if lists is None:
            return content
        content.organisations = [r for path, x in self.records(lists["organisations"],
                                                                "organisations")
                                 if (r := self.one(x, s.OrganisationSpec, path))]
        programmes: dict[str, ProgrammeContent] = {}
        numbers: dict[str, dict[Any, Any]] = {}  # programme -> action line number -> (id, goals)
        for path, prog in self.records(lists["programmes"], "programmes"):
            lines = prog.pop("action_lines", [])
            spec = self.one(prog, s.ProgrammeSpec, path)
            if spec is None:
                continue
            p = ProgrammeContent(self.path.parent, spec)
            p.action_lines = self._action_lines(lines, spec.id,
                                                f"{_label(path, prog)}.action_lines")
            programmes[spec.id] = p
            numbers[spec.id] = {al.number: (al.id, {g.number: g.id for g in al.goals})
                                for al in p.action_lines}
        if not programmes:
            if not self.problems:
                self.add("programmes", "holds no programme")
            return content
        content.programmes = list(programmes.values())
        content.housing_targets = [r for path, x in self.records(lists["housing_targets"],
                                                                 "housing_targets")
                                   if (r := self.one(x, s.HousingTargetSpec, path))]
        if lists["catalogue"]:
            content.catalogue = self.one(lists["catalogue"], s.CatalogueSpec, "catalogue")
        first = content.programmes[0]
        index = _Index(lists, first.programme.id)

        def owner(programme_id: Any) -> ProgrammeContent:
            """The programme with this id; the first when unknown (its checks then report
            the reference that could not be followed)."""
            return programmes.get(programme_id, first) if isinstance(programme_id, str) else first

        def line(p: ProgrammeContent, path: str, x: dict, with_goal: bool) -> bool:
            """Replace the action line (and goal) numbers of `x` by their ids; False (with a
            problem) when they are not those of an action line (and goal) of `p`."""
            lines = numbers[p.programme.id]
            path = _label(path, x)
            number = x.pop("action_line", None)
            goal = x.pop("goal", None) if with_goal else None
            if number is None:
                if goal is not None:
                    self.add(f"{path}.goal", "a goal needs an action line")
                    return False
                return True
            if type(number) is not int or number not in lines:
                self.add(f"{path}.action_line", f"found {short_repr(number)}: expected the "
                         f"number of an action line of programme {p.programme.id!r} "
                         f"({', '.join(map(str, sorted(lines))) or 'none'})")
                return False
            x["action_line"] = lines[number][0]
            if goal is not None:
                goals = lines[number][1]
                if type(goal) is not int or goal not in goals:
                    self.add(f"{path}.goal", f"found {short_repr(goal)}: expected the number "
                             f"of a goal of action line {number} "
                             f"({', '.join(map(str, sorted(goals))) or 'none'})")
                    return False
                x["goal"] = goals[goal]
            return True

        def programme_of(path: str, x: dict) -> ProgrammeContent | None:
            pid = x.pop("programme", None)
            if not isinstance(pid, str) or pid not in programmes:
                self.add(f"{_label(path, x)}.programme", f"refers to unknown programme {short_repr(pid)}; "
                         f"known: {', '.join(programmes)}")
                return None
            return programmes[pid]

        for path, x in self.records(lists["actions"], "actions"):
            x.pop("status", None)  # derived from the progress entries
            x.pop("status_date", None)
            progress = x.pop("progress", [])
            if (p := programme_of(path, x)) and line(p, path, x, with_goal=True):
                if (r := self.one(x, s.ActionSpec, path)):
                    p.actions.append(r)
                self._nested(p.progress, progress, s.ProgressEntrySpec, "action", x.get("id"),
                             f"{_label(path, x)}.progress")
        for path, x in self.records(lists["indicators"], "indicators"):
            continues = x.pop("continues", [])
            if (p := programme_of(path, x)) and line(p, path, x, with_goal=True):
                self._nested(p.continuity, continues, s.ContinuationSpec, "indicator",
                             x.get("id"), f"{_label(path, x)}.continues")
                definitions = x.get("definitions")
                if isinstance(definitions, list):
                    x["definitions"] = [_without(d, "from_year") for d in definitions]
                if (r := self.one(x, s.IndicatorSpec, path)):
                    p.indicators.append(r)
        for path, x in self.records(lists["editions"], "editions"):
            if (p := programme_of(path, x)) is not None:
                entries = x.get("entries")
                if isinstance(entries, list):
                    x["entries"] = [_without(e, "value") for e in entries]
                if (r := self.one(x, s.EditionSpec, path)):
                    p.editions.append(r)
        for path, x in self.records(lists["measurements"], "measurements"):
            x.pop("editions", None)
            if (r := self.one(x, s.MeasurementSpec, path)):
                owner(index.indicator(x.get("indicator"))).measurements.append(r)
        checks = dict(lists["table_checks"])
        for path, x in self.records(lists["tables"], "tables"):
            x.pop("indicator", None)
            rows = x.pop("rows", [])
            tid = x.get("id")
            x["file"] = f"{tid}.csv" if isinstance(tid, str) else "(import)"
            if isinstance(tid, str) and tid in checks:
                x["checks"] = checks.pop(tid)
            spec = self.one(x, s.TableSpec, path)
            if not isinstance(rows, list):
                self.add(f"{_label(path, x)}.rows", f"expected a list, found {_kind(rows)}")
                continue
            table_rows = [r for j, row in enumerate(rows)
                          if (r := self._row(row, f"{_label(path, x)}.rows[{j}]"))]
            if spec is not None:
                p = owner(index.indicator(index.measurement(spec.measurement)))
                p.tables.append(spec)
                p.table_rows[spec.id] = table_rows
        for tid in checks:
            self.add(f"table_checks.{short_repr(tid, 70)}", "refers to unknown table "
                     f"{short_repr(tid, 70)}; checks belong to a table of 'tables'")
        for path, x in self.records(lists["stories"], "stories"):
            if (r := self.one(x, s.StorySpec, path)):
                owner(index.indicator(r.indicator)).stories.append(r)
        for path, x in self.records(lists["initiative_kinds"], "initiative_kinds"):
            if (r := self.one(x, s.InitiativeKindSpec, path)):
                first.initiative_kinds.append(r)
        for path, x in self.records(lists["initiatives"], "initiatives"):
            p = owner(index.indicator(x.get("indicator")))
            if line(p, path, x, with_goal=False) and (r := self.one(x, s.InitiativeSpec, path)):
                p.initiatives.append(r)
        for path, x in self.records(lists["references"], "references"):
            if (r := self.one(x, s.ReferenceSpec, path)):
                first_indicator = r.indicators[0] if r.indicators else None
                owner(index.indicator(first_indicator) if first_indicator
                      else index.cited.get(r.id)).references.append(r)
        for path, x in self.records(lists["quality_notes"], "quality_notes"):
            subject = {"type": x.pop("subject_type", None), "id": x.pop("subject_id", None)}
            x["subject"] = {k: v for k, v in subject.items() if v is not None}
            if (r := self.one(x, s.QualityNoteSpec, path)):
                owner(index.subject(r.subject.type, r.subject.id)).quality_notes.append(r)
        for path, x in self.records(lists["claims"], "claims"):
            if (r := self.one(x, s.ClaimSpec, path)):
                owner(index.edition(r.edition)).claims.append(r)
        for path, x in self.records(lists["findings"], "findings"):
            if (r := self.one(x, s.FindingSpec, path)):
                owner(index.edition(r.edition)).findings.append(r)
        for path, x in self.records(lists["reflection"], "reflection"):
            if (r := self.one(x, s.ReflectionPointSpec, path)):
                owner(index.edition(r.edition)).reflection.append(r)
        for path, x in self.records(lists["introduction"], "introduction"):
            if (p := programme_of(path, x)) and (r := self.one(x, s.IntroSectionSpec, path)):
                p.introduction.append(r)
        for path, x in self.records(lists["relations"], "relations"):
            if (r := self.one(x, s.RelationSpec, path)):
                owner(index.indicator(index.measurement(index.table(r.table)))).relations.append(r)
        return content

    def _nested(self, target: list, entries: Any, spec: type[R], parent_key: str,
                parent: Any, path: str) -> None:
        """Records listed under their parent (progress entries under an action, an
        indicator's continuations), appended to `target` with the parent's id as
        `parent_key`."""
        if not isinstance(entries, list):
            self.add(path, f"expected a list, found {_kind(entries)}")
            return
        for j, entry in enumerate(entries):
            where = _label(f"{path}[{j}]", entry)
            if not isinstance(entry, dict):
                self.add(where, f"expected an object, found {_kind(entry)}")
            elif (r := self.one({**entry, parent_key: parent}, spec, where)):
                target.append(r)

    def _action_lines(self, lines: Any, programme: str, path: str) -> list[s.ActionLineSpec]:
        if not isinstance(lines, list):
            self.add(path, f"expected a list, found {_kind(lines)}")
            return []
        out = []
        for i, al in enumerate(lines):
            where = f"{path}[{i}]"
            if not isinstance(al, dict):
                self.add(where, f"expected an object, found {_kind(al)}")
                continue
            al = dict(al)
            if al.pop("programme", programme) != programme:
                self.add(f"{_label(where, al)}.programme", f"expected {programme!r}, the programme the "
                         "action line is listed in")
            goals = al.get("goals")
            if isinstance(goals, list):
                al["goals"] = [self._goal(g, al.get("number"), f"{_label(where, al)}.goals[{j}]")
                               for j, g in enumerate(goals)]
            if (r := self.one(al, s.ActionLineSpec, where)):
                out.append(r)
        return out

    def _goal(self, goal: Any, number: Any, path: str) -> Any:
        if isinstance(goal, dict):
            goal = dict(goal)
            if goal.pop("action_line", number) != number:
                self.add(f"{_label(path, goal)}.action_line", f"expected {short_repr(number)}, "
                         "the number of the action line the goal is listed in")
        return goal

    def _row(self, row: Any, path: str) -> s.TableRowSpec | None:
        if not isinstance(row, dict):
            self.add(path, f"expected an object, found {_kind(row)}")
            return None
        return self.one(row, s.TableRowSpec, path)


def _without(x: Any, key: str) -> Any:
    """An object without a key the export derives from others (so importing ignores it)."""
    return {k: v for k, v in x.items() if k != key} if isinstance(x, dict) else x


class _Index:
    """Which programme each record belongs to, from the raw export: the export lists
    measurements, tables and the like without their programme, which follows from what they
    refer to."""

    def __init__(self, lists: dict[str, Any], first: str):
        def ids(key: str, attr: str) -> dict[Any, Any]:
            return {x.get("id"): x.get(attr) for x in lists[key]
                    if isinstance(x, dict) and isinstance(x.get("id"), str)}
        self.first = first
        self.indicators = ids("indicators", "programme")
        self.editions = ids("editions", "programme")
        self.measurements = ids("measurements", "indicator")
        self.tables = ids("tables", "measurement")
        self.stories = ids("stories", "indicator")
        self.initiatives = ids("initiatives", "indicator")
        self.references = {x.get("id"): (x.get("indicators") or [None])[0]
                           for x in lists["references"] if isinstance(x, dict)
                           and isinstance(x.get("id"), str) and isinstance(x.get("indicators"), list)}
        self.actions = ids("actions", "programme")
        # A reference that no indicator names belongs to the programme whose progress
        # entries cite it.
        self.cited = {e.get("source"): x.get("programme")
                      for x in lists["actions"] if isinstance(x, dict)
                      and isinstance(x.get("progress"), list)
                      for e in x["progress"] if isinstance(e, dict)
                      and isinstance(e.get("source"), str)}
        self.findings = ids("findings", "edition")

    def indicator(self, indicator: Any) -> Any:
        """The programme of an indicator (None when unknown: the first programme's checks
        then report the unknown id)."""
        return self.indicators.get(indicator) if isinstance(indicator, str) else None

    def edition(self, edition: Any) -> Any:
        return self.editions.get(edition) if isinstance(edition, str) else None

    def measurement(self, measurement: Any) -> Any:
        """The indicator of a measurement."""
        return self.measurements.get(measurement) if isinstance(measurement, str) else None

    def table(self, table: Any) -> Any:
        """The measurement of a table."""
        return self.tables.get(table) if isinstance(table, str) else None

    def subject(self, kind: str, subject: str) -> Any:
        """The programme of the subject of a quality note."""
        if kind == "programme":
            return subject
        if kind == "indicator":
            return self.indicator(subject)
        if kind in ("edition", "edition_entry"):
            return self.edition(subject.split("/")[0])
        if kind == "measurement":
            return self.indicator(self.measurement(subject))
        if kind == "table":
            return self.indicator(self.measurement(self.table(subject)))
        if kind == "story":
            return self.indicator(self.stories.get(subject))
        if kind == "initiative":
            return self.indicator(self.initiatives.get(subject))
        if kind == "reference":
            return self.indicator(self.references.get(subject))
        if kind == "action":
            return self.actions.get(subject)
        if kind == "finding":
            return self.edition(self.findings.get(subject))
        return None  # action lines and goals: the first programme
