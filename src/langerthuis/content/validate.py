"""Checks across records: every reference points at something that exists, ids are
unique, values fit their unit, and an edition's entries are consistent with the
measurements they show. Runs after `reader.read_content`; writes nothing."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from ..errors import ContentError, Problem, Where
from ..model.vocabulary import UNIT_RANGE, DatePrecision, EntryStatus, HousingCategory, Kind, Unit
from . import schema as s
from .schema import EARLIEST_DATE
from .reader import ContentSet, ProgrammeContent
from .translations import missing_labels, missing_translations, needs_words

#: Entry statuses that show a measurement, and those that must not.
SHOWS_MEASUREMENT = {EntryStatus.NEW, EntryStatus.STILL_VALID, EntryStatus.NOT_UPDATED}


#: The lists of records of a programme (besides its action lines).
RECORD_LISTS = ("actions", "indicators", "editions", "measurements", "tables", "stories",
                "initiative_kinds", "initiatives", "references", "quality_notes", "claims",
                "relations", "progress", "continuity", "findings", "reflection",
                "introduction")


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: Where, message: str) -> None:
        self.problems.append(Problem(where, message))

    def unique(self, records: Iterable[s.Record], what: str, key: str = "id") -> dict[str, s.Record]:
        seen: dict[str, s.Record] = {}
        for r in records:
            value = getattr(r, key)
            if value in seen:
                self.add(r.where.at(key), f"duplicate {what} id {value!r}; it is already used "
                         f"at {seen[value].where}")
            else:
                seen[value] = r
        return seen

    def known(self, where: Where, key: str, value: str | None, known: dict, what: str) -> bool:
        if value is None or value in known:
            return True
        hint = _nearest(value, known)
        self.add(where.at(key), f"refers to unknown {what} {value!r}" +
                 (f"; did you mean {hint!r}?" if hint else f"; known: {_few(known)}"))
        return False

    def in_range(self, where: Where, value: float | None, unit: str, decimals: int) -> None:
        if value is None:
            return
        low, high = UNIT_RANGE[Unit(unit)]
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"{low:g} to {high:g}" if high is not None else f"at least {low:g}"
            self.add(where, f"value {value:g} is outside the range of a {unit} ({bounds})")
        places = -Decimal(repr(value)).normalize().as_tuple().exponent
        if places > decimals:
            self.add(where, f"value {value:g} has {places} decimal(s) where {decimals} are "
                     f"declared; correct the value or the decimals")


def period_end(day: dt.date, precision: str) -> dt.date:
    """The last day of the day, month or year `day` falls in."""
    if precision == DatePrecision.YEAR:
        return dt.date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return day


def _nearest(value: str, known: dict) -> str | None:
    import difflib
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.75)
    return close[0] if close else None


def _few(known: dict) -> str:
    names = sorted(known)
    return ", ".join(names[:8]) + (", ..." if len(names) > 8 else "") if names else "none"


def validate(content: ContentSet) -> None:
    """Raise ContentError with every cross-record problem in `content`."""
    c = _Checker()
    organisations = c.unique(content.organisations, "organisation")
    programmes = c.unique((p.programme for p in content.programmes), "programme")
    for p in content.programmes:
        c.known(p.programme.where, "predecessor", p.programme.predecessor, programmes, "programme")
        for i, org in enumerate(p.programme.partners):
            c.known(p.programme.where, f"partners[{i}]", org, organisations, "organisation")
        _check_programme(c, p, organisations)
    _check_continuity(c, content)
    _check_global_uniqueness(c, content)
    c.problems += missing_translations(content.organisations)
    for p in content.programmes:
        c.problems += missing_translations([p.programme, *p.action_lines, *(
            r for attr in RECORD_LISTS for r in getattr(p, attr))])
        for t in p.tables:
            c.problems += missing_labels(t, p.table_rows.get(t.id, []))
    _check_housing_targets(c, content.housing_targets)
    _check_edition_years(c, content)
    if content.catalogue is not None:
        _check_catalogue(c, content.catalogue, organisations, programmes)
        c.problems += missing_translations([content.catalogue])
    if c.problems:
        raise ContentError(c.problems)


def _check_catalogue(c: _Checker, cat: s.CatalogueSpec, organisations: dict,
                     programmes: dict) -> None:
    """The catalogue's publisher, licences, sources and programmes exist, and its keywords
    come in both languages."""
    c.known(cat.where, "publisher", cat.publisher, organisations, "organisation")
    licences = c.unique(cat.licences, "licence")
    c.known(cat.where, "licence", cat.licence, licences, "licence")
    c.unique(cat.sources, "source")
    for source in cat.sources:
        c.known(source.where, "organisation", source.organisation, organisations, "organisation")
        c.known(source.where, "licence", source.licence, licences, "licence")
        for i, p in enumerate(source.programmes):
            c.known(source.where, f"programmes[{i}]", p, programmes, "programme")
    if cat.keywords_en and len(cat.keywords_en) != len(cat.keywords):
        c.add(cat.where.at("keywords_en"), f"holds {len(cat.keywords_en)} keyword(s) where "
              f"'keywords' holds {len(cat.keywords)}; give the English of each keyword, in "
              "the same order")


def _check_housing_targets(c: _Checker, targets: list[s.HousingTargetSpec]) -> None:
    """Each category once, every category there, and the categories add up to the total."""
    c.unique(targets, "housing target")
    for t in targets:
        c.unique(t.categories, f"category of housing target {t.id!r}", "category")
        missing = [str(k) for k in HousingCategory if k not in {x.category for x in t.categories}]
        if missing:
            c.add(t.where.at("categories"), f"category/categories {', '.join(missing)} missing; "
                  f"expected one entry for each of {', '.join(HousingCategory)}")
        total = sum(x.homes for x in t.categories)
        if not missing and total != t.homes:
            c.add(t.where.at("homes"), f"the categories add up to {total:,} homes, not to "
                  f"{t.homes:,}; correct the total or a category")
        if t.homes_built is not None and t.homes > t.homes_built:
            c.add(t.where.at("homes"), f"{t.homes:,} homes for older people is more than the "
                  f"{t.homes_built:,} homes built (homes_built)")


def _earlier(content: ContentSet, programme_id: str) -> list[ProgrammeContent]:
    """The programmes `programme_id` succeeds: its predecessor, that one's, and so on."""
    by_id = {p.programme.id: p for p in content.programmes}
    out: list[ProgrammeContent] = []
    current = by_id.get(programme_id)
    while current is not None and current.programme.predecessor in by_id \
            and by_id[current.programme.predecessor] not in out:
        current = by_id[current.programme.predecessor]
        out.append(current)
    return out


def _check_continuity(c: _Checker, content: ContentSet) -> None:
    """A continuation ties an indicator of its own programme to one of an earlier
    programme (a predecessor, or a predecessor's predecessor)."""
    for p in content.programmes:
        own = {i.id: i for i in p.indicators}
        earlier = {i.id: i for q in _earlier(content, p.programme.id) for i in q.indicators}
        c.unique(p.continuity, "continuation")
        c.unique(p.continuity, "continued indicator of a continuation", "continues")
        for x in p.continuity:
            c.known(x.where, "indicator", x.indicator, own, f"indicator of programme "
                    f"{p.programme.id!r}")
            if not earlier:
                c.add(x.where.at("continues"), f"programme {p.programme.id!r} has no "
                      "predecessor whose indicator it could continue; set `predecessor` in "
                      "its programme.yaml")
            else:
                c.known(x.where, "continues", x.continues, earlier,
                        "indicator of an earlier programme")


def _check_edition_years(c: _Checker, content: ContentSet) -> None:
    """The site addresses an edition by its year (/monitor/2021): one programme per year."""
    owner: dict[int, str] = {}
    for p in content.programmes:
        for e in p.editions:
            other = owner.setdefault(e.year, p.programme.id)
            if other != p.programme.id:
                c.add(e.where.at("year"), f"edition year {e.year} is also used by programme "
                      f"{other!r}; the site addresses editions by year, so each year belongs "
                      "to one programme")


def _check_global_uniqueness(c: _Checker, content: ContentSet) -> None:
    """Ids are primary keys in the database: unique across programmes too."""
    for attr in ("action_lines", *RECORD_LISTS):
        owner: dict[str, str] = {}
        for p in content.programmes:
            for r in getattr(p, attr):
                other = owner.setdefault(r.id, p.programme.id)
                if other != p.programme.id:
                    c.add(r.where.at("id"), f"id {r.id!r} is also used in programme {other!r}")


def _check_programme(c: _Checker, p: ProgrammeContent, organisations: dict) -> None:
    lines = c.unique(p.action_lines, "action line")
    goals = c.unique((g for al in p.action_lines for g in al.goals), "goal")
    goal_line = {g.id: al.id for al in p.action_lines for g in al.goals}
    c.unique(p.action_lines, "action line number", "number")
    for al in p.action_lines:
        c.unique(al.goals, f"goal number in action line {al.id!r}", "number")

    for al in p.action_lines:
        c.unique((a for a in p.actions if a.action_line == al.id),
                 f"action number in action line {al.id!r}", "number")
    c.unique(p.actions, "action")
    for a in p.actions:
        c.known(a.where, "action_line", a.action_line, lines, "action line")
        if c.known(a.where, "goal", a.goal, goals, "goal") and a.goal:
            _same_line(c, a.where, a.goal, a.action_line, goal_line)
        for i, lead in enumerate(a.leads):
            c.known(a.where, f"leads[{i}]", lead, organisations, "organisation")

    editions = c.unique(p.editions, "edition")
    c.unique(p.editions, "edition year", "year")
    indicators = c.unique(p.indicators, "indicator")
    overall = [i for i in p.indicators if i.is_overall]
    if len(overall) > 1:
        c.add(overall[1].where.at("is_overall"), f"a programme has one overall indicator; "
              f"{overall[0].id!r} already is")
    for ind in p.indicators:
        _check_indicator(c, ind, lines, goals, goal_line, editions)

    measurements = c.unique(p.measurements, "measurement")
    for m in p.measurements:
        if c.known(m.where, "indicator", m.indicator, indicators, "indicator"):
            ind = indicators[m.indicator]
            decimals = m.decimals if m.decimals is not None else ind.decimals
            c.in_range(m.where.at("value"), m.value, ind.unit, decimals)
        if m.period_start and m.period_end and m.period_start > m.period_end:
            c.add(m.where.at("period_end"), f"period ends ({m.period_end}) before it starts "
                  f"({m.period_start})")

    _check_entries(c, p, editions, indicators, measurements)

    tables = c.unique(p.tables, "table")
    for t in p.tables:
        c.known(t.where, "measurement", t.measurement, measurements, "measurement")
        c.known(t.where, "edition", t.edition, editions, "edition")
        seen: dict[tuple, s.TableRowSpec] = {}
        for row in p.table_rows.get(t.id, []):
            c.in_range(row.where.at("value"), row.value, row.unit, t.decimals)
            key = tuple(row.dimensions[d] for d in t.dimensions)
            if key in seen:
                c.add(row.where, f"repeats the dimensions {dict(row.dimensions)} of "
                      f"{seen[key].where}")
            seen[key] = row
    numbers = Counter((t.edition, t.number) for t in p.tables)
    for t in p.tables:
        if numbers[(t.edition, t.number)] > 1:
            c.add(t.where.at("number"), f"table number {t.number} is used more than once "
                  f"in edition {t.edition!r}")

    for t in p.tables:
        _check_table_checks(c, t, p.table_rows.get(t.id, []))
        m = measurements.get(t.measurement)
        unit = indicators[m.indicator].unit if m and m.indicator in indicators else None
        _check_table_arithmetic(c, t, p.table_rows.get(t.id, []), unit)
    c.unique(p.relations, "relation")
    for r in p.relations:
        if c.known(r.where, "table", r.table, tables, "table"):
            _check_relation(c, r, tables[r.table], p.table_rows.get(r.table, []))

    stories = c.unique(p.stories, "story")
    for st in p.stories:
        if c.known(st.where, "indicator", st.indicator, indicators, "indicator"):
            if indicators[st.indicator].kind != Kind.NARRATIVE:
                c.add(st.where.at("indicator"), f"indicator {st.indicator!r} is of kind "
                      f"'{indicators[st.indicator].kind}'; stories belong to narrative indicators")
        c.known(st.where, "edition", st.edition, editions, "edition")

    kinds = c.unique(p.initiative_kinds, "initiative kind")
    initiatives = c.unique(p.initiatives, "initiative")
    for ini in p.initiatives:
        c.known(ini.where, "kind", ini.kind, kinds, "initiative kind (initiative_kinds.yaml)")
        c.known(ini.where, "indicator", ini.indicator, indicators, "indicator")
        c.known(ini.where, "action_line", ini.action_line, lines, "action line")
        c.known(ini.where, "edition", ini.edition, editions, "edition")
        if ini.municipality_code and ini.count != 1:
            c.add(ini.where.at("count"), "an initiative in one municipality has count 1; "
                  "a count above 1 is for initiatives whose places the sources do not give")

    references = c.unique(p.references, "reference")
    for ref in p.references:
        for i, ind in enumerate(ref.indicators):
            c.known(ref.where, f"indicators[{i}]", ind, indicators, "indicator")

    actions = {a.id: a for a in p.actions}
    progress = c.unique(p.progress, "progress entry")
    for entry in p.progress:
        c.known(entry.where, "action", entry.action, actions, "action")
        c.known(entry.where, "source", entry.source, references, "reference")
        c.known(entry.where, "edition", entry.edition, editions, "edition")
        end = period_end(entry.date, entry.date_precision)
        if entry.date != end:
            c.add(entry.where.at("date"), f"{entry.date} is not the last day of its "
                  f"{entry.date_precision}; with date_precision '{entry.date_precision}' "
                  f"write {end}")

    c.unique(p.claims, "claim")
    line_numbers = {al.number for al in p.action_lines}
    for claim in p.claims:
        c.known(claim.where, "edition", claim.edition, editions, "edition")
        for i, number in enumerate(claim.action_lines):
            if number not in line_numbers:
                c.add(claim.where.at(f"action_lines[{i}]"), f"there is no action line {number}; "
                      f"known: {', '.join(map(str, sorted(line_numbers)))}")
        if claim.value > claim.of:
            c.add(claim.where.at("value"), f"{claim.value} is more than 'of' ({claim.of})")

    findings = _check_findings(c, p, indicators, editions)
    _check_dates(c, p, measurements)

    c.unique(p.quality_notes, "quality note")
    subjects = {
        "programme": {p.programme.id: p.programme}, "action_line": lines, "goal": goals,
        "action": actions, "progress_entry": progress, "indicator": indicators, "edition": editions,
        "measurement": measurements, "table": tables, "story": stories,
        "initiative": initiatives, "reference": references, "finding": findings,
        "edition_entry": {f"{e.id}/{en.indicator}": en for e in p.editions for en in e.entries},
    }
    for note in p.quality_notes:
        c.known(note.where, "subject.id", note.subject.id, subjects[note.subject.type],
                note.subject.type.replace("_", " "))
    for e in p.editions:
        for i, ref in enumerate(e.reflection_references):
            c.known(e.where, f"reflection_references[{i}]", ref, references, "reference")
    for x in [*p.quality_notes, *p.references]:
        if x.from_edition is not None:
            c.known(x.where, "from_edition", x.from_edition, editions, "edition")


def published_by(e: s.EditionSpec) -> dt.date:
    """The day an edition was published; a draft without a date: the end of its year."""
    return e.publication_date or dt.date(e.year, 12, 31)


def _check_dates(c: _Checker, p: ProgrammeContent, measurements: dict) -> None:
    """Dates in the programme's time: an edition is not published before its programme
    started, and the dates of what it shows (a measurement's reference date, a finding's
    facts, a story) do not lie after the edition was published."""
    start = dt.date(p.programme.start_year, 1, 1)
    for e in p.editions:
        if e.publication_date is not None and e.publication_date < start:
            c.add(e.where.at("publication_date"), f"found {e.publication_date}, before the "
                  f"programme {p.programme.id!r} started ({p.programme.start_year}); expected "
                  f"a date from {start} on")
    editions = {e.id: e for e in p.editions}

    def not_after(where: Where, key: str, day: dt.date | None, e: s.EditionSpec | None,
                  what: str) -> None:
        if day is None or e is None or day <= published_by(e):
            return
        c.add(where.at(key), f"found {day}, after edition {e.id!r} that shows {what} was "
              f"published ({published_by(e)}); expected a date from {EARLIEST_DATE} to "
              f"{published_by(e)}")

    shown: set[str] = set()
    for e in p.editions:
        for en in e.entries:
            m = measurements.get(en.measurement or "")
            if m is None or m.id in shown:
                continue
            # A period may lie ahead (a budget for next year); the date a figure describes
            # may not.
            if m.reference_date is not None and m.reference_date > published_by(e):
                shown.add(m.id)
                not_after(m.where, "reference_date", m.reference_date, e, "it")
    for f in p.findings:
        for fact in f.facts:
            not_after(fact.where, "reference_date", fact.reference_date,
                      editions.get(f.edition), "its finding")
    for st in p.stories:
        not_after(st.where, "date", st.date, editions.get(st.edition), "the story")


def _check_findings(c: _Checker, p: ProgrammeContent, indicators: dict,
                    editions: dict) -> dict:
    """Findings, the published reflection and the introduction: references, figures and
    their values. Returns the findings by id."""
    findings = c.unique(p.findings, "finding")
    figures: dict[tuple[str, int], s.FindingSpec] = {}
    for f in p.findings:
        c.known(f.where, "indicator", f.indicator, indicators, "indicator")
        c.known(f.where, "edition", f.edition, editions, "edition")
        if f.figure is not None:
            other = figures.setdefault((f.edition, f.figure), f)
            if other is not f:
                c.add(f.where.at("figure"), f"figure {f.figure} of edition {f.edition!r} is "
                      f"already recorded at {other.where}")
            if f.figure_values is None:
                c.add(f.where.at("figure_values"), "a figure says how many of its values "
                      "the sources print: all, some or none")
            elif f.figure_values == "none" and f.facts:
                c.add(f.where.at("facts"), "figure_values is 'none', so the finding has no "
                      "facts; use 'some' for the values the text gives")
            elif f.figure_values != "none" and not f.facts:
                c.add(f.where.at("facts"), f"figure_values is {str(f.figure_values)!r} but "
                      "no facts are given; use 'none' when the sources print no values")
        elif f.figure_values is not None:
            c.add(f.where.at("figure_values"), "only a figure (with 'figure: N') has "
                  "figure_values")
        if (f.notes is None) != (f.notes_en is None):
            missing = "notes_en" if f.notes_en is None else "notes"
            c.add(f.where.at(missing), f"the notes are given in one language only; add "
                  f"{missing!r}")
        if not f.facts and f.figure is None:
            c.add(f.where.at("facts"), "a finding without a figure needs at least one fact")
        for i, fact in enumerate(f.facts):
            c.in_range(fact.where.at("value"), fact.value, fact.unit, fact.decimals)
            if (fact.period is None) != (fact.period_en is None):
                missing = "period_en" if fact.period_en is None else "period"
                c.add(fact.where.at(missing), f"the period is given in one language only; "
                      f"add {missing!r}")
            if fact.value is None and fact.printed is None:
                c.add(fact.where.at("value"), "a fact has a value, or says in 'printed' "
                      "what the source wrote instead")
        if f.chart and len({x.unit for x in f.facts if x.value is not None}) != 1:
            c.add(f.where.at("chart"), "a chart shows the facts of one unit; the facts "
                  "with a value have units " + ", ".join(sorted({str(x.unit) for x in f.facts
                                                                  if x.value is not None})))
    c.unique(p.reflection, "reflection point")
    for r in p.reflection:
        c.known(r.where, "edition", r.edition, editions, "edition")
        for i, ind in enumerate(r.indicators):
            c.known(r.where, f"indicators[{i}]", ind, indicators, "indicator")
    c.unique(p.introduction, "introduction section")
    return findings


def _same_line(c: _Checker, where: Where, goal: str, line: str | None, goal_line: dict) -> None:
    if line is not None and goal_line.get(goal) != line:
        c.add(where.at("goal"), f"goal {goal!r} belongs to action line {goal_line.get(goal)!r}, "
              f"not to {line!r}")


def _check_indicator(c: _Checker, ind: s.IndicatorSpec, lines: dict, goals: dict,
                     goal_line: dict, editions: dict) -> None:
    c.known(ind.where, "action_line", ind.action_line, lines, "action line")
    if c.known(ind.where, "goal", ind.goal, goals, "goal") and ind.goal:
        _same_line(c, ind.where, ind.goal, ind.action_line, goal_line)
    if not ind.is_overall and ind.action_line is None:
        c.add(ind.where, "the required key 'action_line' is missing (only the overall "
              "indicator stands above the action lines)")
    if (ind.kind == Kind.NARRATIVE) != (ind.unit == Unit.STORIES):
        c.add(ind.where.at("unit"), f"found '{ind.unit}' for a {ind.kind} indicator: narrative "
              "indicators have unit 'stories' and only they do")
    seen: set[str] = set()
    for d in ind.definitions:
        c.known(d.where, "from_edition", d.from_edition, editions, "edition")
        if d.from_edition in seen:
            c.add(d.where.at("from_edition"), f"two definitions from edition {d.from_edition!r}")
        seen.add(d.from_edition)


def _check_entries(c: _Checker, p: ProgrammeContent, editions: dict, indicators: dict,
                   measurements: dict) -> None:
    new_in: dict[str, s.EditionSpec] = {}
    for e in p.editions:
        c.unique(e.entries, f"indicator in edition {e.id!r}", "indicator")
        c.unique(e.entries, f"indicator number in edition {e.id!r}", "number")
        for en in e.entries:
            if not c.known(en.where, "indicator", en.indicator, indicators, "indicator"):
                continue
            if indicators[en.indicator].kind == Kind.NARRATIVE:
                if en.measurement is not None:
                    c.add(en.where.at("measurement"), "a narrative indicator shows stories, "
                          "not a measurement; leave 'measurement' out")
                continue
            shows = en.status in SHOWS_MEASUREMENT
            if shows and en.measurement is None:
                c.add(en.where.at("measurement"), f"status '{en.status}' shows a measurement, "
                      "but none is given; add 'measurement' or change the status")
            if not shows and en.measurement is not None:
                c.add(en.where.at("measurement"), f"status '{en.status}' shows no figure, but "
                      f"measurement {en.measurement!r} is given")
            if not c.known(en.where, "measurement", en.measurement, measurements, "measurement"):
                continue
            if en.measurement is None:
                continue
            m = measurements[en.measurement]
            if m.indicator != en.indicator and m.indicator in indicators:
                c.add(en.where.at("measurement"), f"measurement {m.id!r} belongs to indicator "
                      f"{m.indicator!r}, not {en.indicator!r}")
            if en.status == EntryStatus.NEW:
                if en.measurement in new_in:
                    c.add(en.where.at("status"), f"measurement {m.id!r} is already new in "
                          f"edition {new_in[en.measurement].id!r}; here it is carried over "
                          "(still_valid or not_updated)")
                else:
                    new_in[en.measurement] = e
    for e in p.editions:
        for en in e.entries:
            first = new_in.get(en.measurement or "")
            if en.status != EntryStatus.NEW and first is not None and first.year >= e.year:
                c.add(en.where.at("status"), f"carries over measurement {en.measurement!r}, "
                      f"which is new only in the same or a later edition {first.id!r}")


def matching_rows(rows: list[s.TableRowSpec], where: dict[str, str]) -> list[s.TableRowSpec]:
    return [r for r in rows if all(r.dimensions.get(k) == v for k, v in where.items())]


def _check_filter(c: _Checker, where: Where, key: str, table: s.TableSpec,
                  rows: list[s.TableRowSpec], wanted: dict[str, str], exactly_one: bool) -> None:
    unknown = [d for d in wanted if d not in table.dimensions]
    if unknown:
        c.add(where.at(key), f"unknown dimension(s) {', '.join(unknown)}; the table has "
              f"{', '.join(table.dimensions)}")
        return
    found = matching_rows(rows, wanted)
    if not found or (exactly_one and len(found) != 1):
        c.add(where.at(key), f"matches {len(found)} rows of table {table.id!r}; expected "
              f"{'exactly one' if exactly_one else 'at least one'}")


def _check_table_checks(c: _Checker, t: s.TableSpec, rows: list[s.TableRowSpec]) -> None:
    if t.checks is None:
        return
    where = t.where.at("checks")
    if t.checks.key_figure_row is not None:
        _check_filter(c, where, "key_figure_row", t, rows, t.checks.key_figure_row, True)
    if t.checks.key_figure_sum is not None:
        _check_filter(c, where, "key_figure_sum", t, rows, t.checks.key_figure_sum, False)
    dist = t.checks.distribution
    if dist is not None and dist.over not in t.dimensions:
        c.add(where.at("distribution.over"), f"unknown dimension {dist.over!r}; the table has "
              f"{', '.join(t.dimensions)}")


#: Units whose parts add up to their total (a part cannot be more than the whole).
ADDITIVE_UNITS = {Unit.COUNT, Unit.HOURS, Unit.EURO}


def _excepted(t: s.TableSpec, rule: str) -> bool:
    """Whether the table declares that the published table breaks `rule` (see
    TableExceptionSpec): then the rule is not held against it, and readers see the note."""
    return t.checks is not None and any(x.rule == rule for x in t.checks.exceptions or ())


def table_problems(table: s.TableSpec, rows: list[s.TableRowSpec],
                   indicator_unit: str | None) -> list[Problem]:
    """The rules of arithmetic a table breaks (see `_check_table_arithmetic`): `check`,
    `load`, `import` and the editor's table deliveries hold a table to the same rules."""
    c = _Checker()
    _check_table_arithmetic(c, table, rows, indicator_unit)
    return c.problems


def _stray_units(t: s.TableSpec, rows: list[s.TableRowSpec]) -> list[s.TableRowSpec]:
    """The first row of each unit other than the table's that no statistic sets apart: a
    table of shares may give the mean mark beside them (`statistic: Gemiddeld
    rapportcijfer`), but a row of hours among the shares is a mistake. A statistic is a
    dimension value in words that no row in the table's unit has, in a dimension other than
    the one the shares are distributed over."""
    own = [r for r in rows if r.unit == t.unit]
    over = t.checks.distribution.over if t.checks and t.checks.distribution else None
    stray = []
    for unit in dict.fromkeys(r.unit for r in rows if r.unit != t.unit):
        members = [r for r in rows if r.unit == unit]
        apart = bool(own) and any(
            all(needs_words(r.dimensions.get(d, "")) for r in members)
            and not {r.dimensions.get(d) for r in members} & {r.dimensions.get(d) for r in own}
            for d in t.dimensions if d != over)
        if not apart:
            stray.append(members[0])
    return stray


def _check_table_arithmetic(c: _Checker, t: s.TableSpec, rows: list[s.TableRowSpec],
                            indicator_unit: str | None) -> None:
    """Tables held to arithmetic: the units agree with the indicator's, the shares of a
    declared distribution add up to 100 within the table's rounding, and no part is more
    than its total (the respondents `n` always, the value in units that add up)."""
    hint = ("; correct it, or declare the exception the published table makes in "
            f"checks.exceptions (rule {{rule}}) with its source")
    if indicator_unit is not None and t.unit != indicator_unit and not _excepted(t, "unit"):
        c.add(t.where.at("unit"), f"found '{t.unit}', but its measurement {t.measurement!r} "
              f"is of an indicator in '{indicator_unit}'; a breakdown is in its indicator's "
              "unit" + hint.format(rule="unit"))
    if not _excepted(t, "row_unit"):
        for row in _stray_units(t, rows):
            c.add(row.where.at("unit"), f"found '{row.unit}' in a table in '{t.unit}' "
                  f"(tables.yaml, {t.id!r}); a row in another unit is a statistic of its "
                  "own (such as a mean beside shares), told apart by a dimension whose "
                  "value no row in the table's unit has" + hint.format(rule="row_unit"))
    dist = t.checks.distribution if t.checks else None
    if dist is not None and dist.over in t.dimensions and not _excepted(t, "distribution"):
        chosen = [r for r in matching_rows(rows, dist.select)
                  if not any(matching_rows([r], ex) for ex in dist.exclude)]
        groups: dict[tuple, list[s.TableRowSpec]] = {}
        for r in chosen:
            key = tuple((k, v) for k, v in sorted(r.dimensions.items()) if k != dist.over)
            groups.setdefault(key, []).append(r)
        for key, members in groups.items():
            total = sum(Decimal(repr(r.value)) for r in members if r.value is not None)
            slack = Decimal(5).scaleb(-(t.decimals + 1)) * len(members)
            if abs(total - 100) > slack:
                group = ", ".join(f"{k}={v or 'total'}" for k, v in key) or "all rows"
                c.add(t.where.at("checks.distribution"), f"the shares over {dist.over!r} "
                      f"({group}) add up to {total}, more than {slack} (the rounding of "
                      f"{len(members)} values with {t.decimals} decimal(s)) away from 100"
                      + hint.format(rule="distribution"))
    if _excepted(t, "parts"):
        return
    for dim in t.dimensions:
        totals = {tuple(v for k, v in r.dimensions.items() if k != dim): r
                  for r in rows if r.dimensions.get(dim, "") == ""}
        for r in rows:
            if r.dimensions.get(dim, "") == "":
                continue
            total = totals.get(tuple(v for k, v in r.dimensions.items() if k != dim))
            if total is None:
                continue
            for key, additive in (("n", True), ("value", r.unit in ADDITIVE_UNITS
                                                and total.unit == r.unit)):
                part, whole = getattr(r, key), getattr(total, key)
                if additive and part is not None and whole is not None and part > whole:
                    c.add(r.where.at(key), f"{key} {part:g} is more than {whole:g}, the "
                          f"{key} of its total (the row with {dim!r} empty); a part is not "
                          "more than its whole" + hint.format(rule="parts"))


def _check_relation(c: _Checker, r: s.RelationSpec, t: s.TableSpec,
                    rows: list[s.TableRowSpec]) -> None:
    if r.per not in t.dimensions:
        c.add(r.where.at("per"), f"unknown dimension {r.per!r}; table {t.id!r} has "
              f"{', '.join(t.dimensions)}")
        return
    operands = {"product": [("factors", f) for f in r.factors] + [("result", r.result)],
                "hours_to_fte": [("hours", r.hours)]}[r.kind]
    for key, wanted in operands:
        if wanted is None:
            c.add(r.where, f"a {r.kind} relation needs {key!r}")
            continue
        _check_filter(c, r.where, key, t, rows, wanted, False)
    if r.kind == "hours_to_fte" and (r.hours_per_year is None or r.billable_share is None):
        c.add(r.where, "an hours_to_fte relation needs 'hours_per_year' and 'billable_share'")
