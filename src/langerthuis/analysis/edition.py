"""The whole analysis of one edition: facts per indicator, summaries, recounted claims of
the published reflection, consistency findings and data-quality notes."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from .. import model as m
from ..store import queries
from ..store.dataset import Dataset, read_dataset
from .compare import IndicatorFact, compare_editions, previous_edition
from .rules import Finding, RuleData, run_rules
from .summary import ClaimCheck, Summary, by_action_line, by_kind, check_claim, whole


@dataclass
class EditionAnalysis:
    programme_id: str
    programme_name: str
    edition_id: str
    year: int
    title: str
    previous_edition_id: str | None
    previous_year: int | None
    facts: list[IndicatorFact]
    totals: Summary
    action_lines: dict[str, Summary]
    action_line_titles: dict[str, dict[str, str]]
    kinds: dict[str, Summary]
    claims: list[ClaimCheck]
    findings: list[Finding]
    quality_notes: list[m.QualityNote] = field(default_factory=list)

    def fact(self, number: int) -> IndicatorFact:
        return next(f for f in self.facts if f.number == number)

    def to_dict(self) -> dict:
        return {
            "programme": self.programme_id, "edition": self.edition_id, "year": self.year,
            "previous_edition": self.previous_edition_id, "previous_year": self.previous_year,
            "indicators": [f.to_dict() for f in self.facts],
            "summary": self.totals.to_dict(),
            "action_lines": {k: v.to_dict() for k, v in self.action_lines.items()},
            "kinds": {k: v.to_dict() for k, v in self.kinds.items()},
            "published_claims": [c.to_dict() for c in self.claims],
            "findings": [f.to_dict() for f in self.findings],
            "quality_notes": [{"id": n.id, "subject_type": n.subject_type,
                               "subject_id": n.subject_id, "kind": n.kind, "text": n.text,
                               "locations": n.locations, "values": n.values}
                              for n in self.quality_notes],
        }


def note_holds(note: m.QualityNote, year: int | None, years: dict[str, int]) -> bool:
    """Whether `note` holds in the edition of `year` (None: the current view, where every
    note holds): not when it holds only from a later edition on."""
    return (year is None or not note.from_edition_id
            or years.get(note.from_edition_id, 0) <= year)


def subject_edition(note: m.QualityNote) -> str | None:
    """The edition a note is about, when it is about an edition or one of its entries."""
    if note.subject_type == "edition":
        return note.subject_id
    if note.subject_type == "edition_entry":
        return note.subject_id.split("/", 1)[0]
    return None


def _notes_for(edition: m.Edition, notes: list[m.QualityNote], findings: set[str],
               years: dict[str, int]) -> list[m.QualityNote]:
    """The data-quality notes about this edition, its entries or what they show, and the
    findings of its text (`findings`: their ids), that hold for it (`years`: the year of
    each edition id). A note about an earlier edition that rests on this edition's
    material (its `from_edition` is this edition) is this edition's, not the earlier one's."""
    shown = {e.measurement_id for e in edition.entries if e.measurement_id}
    indicators = {e.indicator_id for e in edition.entries}
    keys = {f"{edition.id}/{i}" for i in indicators}

    def about_this(n: m.QualityNote) -> bool:
        return ((n.subject_type == "edition" and n.subject_id == edition.id)
                or (n.subject_type == "edition_entry" and n.subject_id in keys)
                or (n.subject_type == "measurement" and n.subject_id in shown)
                or (n.subject_type == "indicator" and n.subject_id in indicators)
                or (n.subject_type == "finding" and n.subject_id in findings))

    def later_here(n: m.QualityNote) -> bool:
        about = subject_edition(n)
        return (n.from_edition_id == edition.id and about is not None
                and years.get(about, edition.year) < edition.year)

    return [n for n in notes if n.programme_id in (None, edition.programme_id)
            and ((about_this(n) and note_holds(n, edition.year, years)) or later_here(n))]


def analyse(data: Dataset, edition_id: str) -> EditionAnalysis:
    """The analysis of one edition of a content version (read once into `data`)."""
    edition = next(e for e in data.editions if e.id == edition_id)
    editions = data.programme_editions(edition.programme_id)
    previous = previous_edition(edition, editions)
    notes = data.quality_notes
    facts = compare_editions(edition, previous, data.stories, notes)
    lines = by_action_line(facts)
    titles = {str(al.number): {"nl": al.title, "en": al.title_en or al.title}
              for al in edition.programme.action_lines}
    tables = [t for t in data.tables if t.edition_id == edition.id]
    table_ids = {t.id for t in tables}
    rule_data = RuleData(entries=list(edition.entries), tables=tables,
                         relations=[r for r in data.relations if r.table_id in table_ids])
    return EditionAnalysis(
        programme_id=edition.programme_id, programme_name=edition.programme.name,
        edition_id=edition.id, year=edition.year, title=edition.title,
        previous_edition_id=previous.id if previous else None,
        previous_year=previous.year if previous else None,
        facts=facts, totals=whole(facts), action_lines=dict(sorted(lines.items())),
        action_line_titles=titles, kinds=by_kind(facts),
        claims=[check_claim(c, facts) for c in data.claims if c.edition_id == edition.id],
        findings=run_rules(rule_data), quality_notes=_notes_for(
            edition, notes, {f.id for f in data.findings if f.edition_id == edition.id},
            {e.id: e.year for e in data.editions}))


def analyse_edition(session: Session, ref: str, programme_id: str | None = None) -> EditionAnalysis:
    """The analysis of an edition named by id or year (for the command line)."""
    chosen = queries.find_edition(session, ref, programme_id)
    return analyse(read_dataset(session, drafts=True), chosen.id)
