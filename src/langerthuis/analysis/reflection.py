"""The written reflection (beschouwing) of an edition, generated from the analysis by
templates and plain rules, in Dutch and English (messages of the interface catalogue). Every sentence is built from the facts,
so every statement traces back to the data."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..formatting import format_value
from ..i18n import localised, translations
from ..i18n.labels import CHANGES, NOTE_KINDS, REASONS, RULES, label
from .compare import Direction, IndicatorFact, Reason
from .edition import EditionAnalysis
from .summary import ClaimCheck

@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Reflection:
    title: str
    sections: list[Section]

    def to_text(self) -> str:
        parts = [self.title, "=" * len(self.title)]
        for s in self.sections:
            parts += ["", s.title, "-" * len(s.title), *(p for para in s.paragraphs
                                                          for p in ("", para))]
        return "\n".join(parts).replace("\n\n\n", "\n\n") + "\n"

    def to_dict(self) -> dict:
        return {"title": self.title, "sections": [{"title": s.title, "paragraphs": s.paragraphs}
                                                  for s in self.sections]}


def _join(items: list[str], lang: str, separator: str = ", ") -> str:
    """`a, b and c`; with separator "; " (for items that hold commas): `a; b; and c`."""
    if len(items) <= 1:
        return "".join(items)
    head = separator.join(items[:-1])
    if separator != ", ":
        head += separator.rstrip()
    return translations(lang).gettext("{items} and {last}").format(items=head, last=items[-1])


def _join_long(items: list[str], lang: str) -> str:
    return _join(items, lang, "; ")


def _title(fact: IndicatorFact, lang: str) -> str:
    return localised(fact.title, fact.title_en, lang)


def _value(fact: IndicatorFact, value: float | None, lang: str) -> str:
    return format_value(value, fact.unit, fact.decimals, lang)


def _reasons(reasons, lang: str) -> str:
    return "; ".join(label(REASONS, r, lang) for r in reasons)


def _kind_counts(a: EditionAnalysis, kinds: list[str], lang: str, with_updated: bool) -> str:
    tr = translations(lang)
    names = {"outcome": tr.gettext("outcome indicators"),
             "process": tr.gettext("process indicators"),
             "narrative": tr.gettext("narrative indicators")}
    if with_updated:
        parts = [tr.gettext("{n} of the {total} {kind}").format(
            n=len(a.kinds[k].updated), total=a.kinds[k].total, kind=names[k]) for k in kinds]
    else:
        parts = [f"{a.kinds[k].total} {names[k]}" for k in kinds]
    return _join(parts, lang)


def reflect(a: EditionAnalysis, lang: str = "nl") -> Reflection:
    _ = translations(lang).gettext
    facts = {f.number: f for f in a.facts}
    kinds = [k for k in ("outcome", "process", "narrative") if k in a.kinds]
    sections = []

    updates = Section(_("What is new"))
    if a.previous_edition_id is None:
        updates.paragraphs.append(_(
            "{title} is the first edition of the monitor of the programme {programme}; there "
            "is no earlier edition to compare with. It has {total} indicators: {kinds}.").format(
            title=a.title, programme=a.programme_name, total=a.totals.total,
            kinds=_kind_counts(a, kinds, lang, with_updated=False)))
    else:
        previous = a.title.replace(str(a.year), str(a.previous_year))
        updates.paragraphs.append(_(
            "Compared with {previous}, {n} of the {total} indicators in {title} got new "
            "information: {kinds}.").format(
            previous=previous, n=len(a.totals.updated), total=a.totals.total, title=a.title,
            kinds=_kind_counts(a, kinds, lang, with_updated=True)))
        missing = [f"{n} – {_title(facts[n], lang)}" for n in a.totals.not_updated]
        updates.paragraphs.append(
            _("No new information for: {items}.").format(items=_join_long(missing, lang))
            if missing else _("All indicators got new information."))
    sections.append(updates)

    if a.previous_edition_id is not None:
        sections.append(_lines_section(a, lang))
        sections.append(_not_comparable_section(a, lang))
    if a.claims:
        sections.append(_claims_section(a.claims, lang))
    sections.append(_quality_section(a, lang))
    return Reflection(_("Reflection on {title}").format(title=a.title), sections)


def _direction_part(direction: Direction, members: list[IndicatorFact], lang: str) -> str:
    tr = translations(lang)
    if direction in (Direction.DESIRED, Direction.UNDESIRED):
        went = tr.gettext("{label}: from {before} to {after}")
        items = "; ".join(went.format(label=f"{f.number}",
                                      before=_value(f, f.previous_value, lang),
                                      after=_value(f, f.value, lang)) for f in members)
    else:
        items = ", ".join(str(f.number) for f in members)
    n = len(members)
    texts = {Direction.DESIRED: tr.gettext("{n} moved in the desired direction ({items})"),
             Direction.UNDESIRED: tr.gettext("{n} in the undesired direction ({items})"),
             Direction.UNCHANGED: tr.gettext("{n} stayed the same ({items})"),
             Direction.NOT_COMPARABLE: tr.gettext("{n} cannot be compared ({items})")}
    return texts[direction].format(n=n, items=items)


def _lines_section(a: EditionAnalysis, lang: str) -> Section:
    _ = translations(lang).gettext
    section = Section(_("Development per action line"))
    for f in a.facts:
        if not f.is_overall:
            continue
        if f.direction == Direction.NOT_COMPARABLE:
            section.paragraphs.append(_(
                "The overall indicator ({label}) cannot be compared: {reasons}.").format(
                label=_title(f, lang), reasons=_reasons(f.reasons, lang)))
        else:
            section.paragraphs.append(_(
                "The overall indicator ({label}) went from {before} to {after}: "
                "{direction}.").format(
                label=_title(f, lang), before=_value(f, f.previous_value, lang),
                after=_value(f, f.value, lang), direction=label(CHANGES, f.direction, lang)))
    for key in a.action_lines:
        if key == "overall":
            continue
        scoped = [f for f in a.facts if str(f.action_line) == key and f.kind != "narrative"]
        title = a.action_line_titles.get(key, {}).get(lang, key)
        if not scoped:
            section.paragraphs.append(_(
                "Action line {number} ({title}) has no outcome or process indicators.").format(
                number=key, title=title))
            continue
        parts = [_direction_part(d, [f for f in scoped if f.direction == d], lang)
                 for d in Direction if any(f.direction == d for f in scoped)]
        text = _(
            "Action line {number} ({title}): of its {total} outcome and process indicators, "
            "{parts}.").format(number=key, title=title, total=len(scoped),
                                parts=_join(parts, lang))
        section.paragraphs.append(" ".join([text, *_against_published(a, scoped, lang)]))
    return section


def _against_published(a: EditionAnalysis, scoped: list[IndicatorFact], lang: str) -> list[str]:
    """Beside our count for an action line, the edition's own count of the same where it
    differs, and why: a different base (the overall indicator counted in), and indicators
    we cannot compare where the edition judges them itself."""
    _ = translations(lang).gettext
    numbers = {f.number for f in scoped}
    overall = {f.number for f in a.facts if f.is_overall}
    ours = sum(f.direction == Direction.DESIRED for f in scoped)
    out = []
    for c in a.claims:
        if c.metric != "desired" or not numbers <= set(c.in_scope) <= numbers | overall:
            continue
        if c.published == (ours, len(scoped)):
            continue
        out.append(_("The edition's own reflection counts {value} of {of} here.").format(
            value=c.published[0], of=c.published[1]))
        if set(c.in_scope) & overall:
            out.append(_("It counts the overall indicator in this action line, which we show "
                         "on its own above; with it, our count is {value} of {of}.").format(
                value=c.computed[0], of=c.computed[1]))
        if c.computed[0] != c.published[0] and c.not_comparable:
            out.append(_("The rest of the difference lies in indicators we cannot compare, "
                         "where the edition makes a judgement of its own: {items}.").format(
                items=_join([f"{n} ({_reasons([Reason(r) for r in reasons], lang)})"
                             for n, reasons in c.not_comparable], lang)))
    return out


def _not_comparable_section(a: EditionAnalysis, lang: str) -> Section:
    _ = translations(lang).gettext
    section = Section(_("Comparisons that cannot be made"))
    updated_nc = [f for f in a.facts if f.updated and f.direction == Direction.NOT_COMPARABLE
                  and f.kind != "narrative"]
    if updated_nc:
        section.paragraphs.append(_(
            "These indicators got a new figure that cannot be compared with the previous "
            "edition: {items}.").format(items=_join_long(
                [f"{f.number} – {_title(f, lang)} ({_reasons(f.reasons, lang)})"
                 for f in updated_nc], lang)))
    else:
        section.paragraphs.append(_(
            "Every outcome and process indicator with a new figure can be compared with the "
            "previous edition."))
    return section


def _claims_section(claims: list[ClaimCheck], lang: str) -> Section:
    _ = translations(lang).gettext
    section = Section(_("Comparison with the edition's own reflection"))
    section.paragraphs.append(_(
        "The edition itself states {n} counts; our rules arrive at the same number for {k} "
        "of them.").format(n=len(claims), k=sum(c.agrees for c in claims)))
    for c in claims:
        if c.agrees:
            continue
        d = c.to_dict()
        d["text"] = localised(c.text, c.text_en, lang)
        text = _("The edition says: {text} ({published_value} of {published_of}). Our rules "
                 "count {computed_value} of {computed_of}.").format(**d)
        if c.computed[1] != c.published[1]:
            text += " " + _("We count {computed_of} indicators in this group, the edition "
                            "{published_of}.").format(**d)
        if c.metric in ("desired", "not_desired") and c.not_comparable:
            text += " " + _(
                "The difference lies in indicators we judge not comparable, where the edition "
                "makes a judgement of its own: {items}.").format(items=_join(
                    [f"{n} ({_reasons([Reason(r) for r in reasons], lang)})"
                     for n, reasons in c.not_comparable], lang))
        section.paragraphs.append(text)
    return section


def _quality_section(a: EditionAnalysis, lang: str) -> Section:
    """What the checks found and how many notes the methods page explains, without the
    places in the sources (the methods page and the open data have those)."""
    tr = translations(lang)
    section = Section(tr.gettext("Data quality"))
    if a.findings:
        items = _join([tr.gettext("{rule} ({values})").format(
            rule=label(RULES, f.rule, lang), values=" / ".join(f.values))
            for f in a.findings], lang)
        section.paragraphs.append(tr.ngettext(
            "The consistency rules made {n} finding: {items}.",
            "The consistency rules made {n} findings: {items}.",
            len(a.findings)).format(n=len(a.findings), items=items))
    else:
        section.paragraphs.append(tr.gettext(
            "The consistency rules found no contradictions in the figures of this edition."))
    if a.quality_notes:
        kinds = sorted({label(NOTE_KINDS, n.kind, lang) for n in a.quality_notes})
        section.paragraphs.append(tr.ngettext(
            "{n} note on the sources of this edition ({kinds}) is explained in the methods.",
            "{n} notes on the sources of this edition ({kinds}) are explained in the methods.",
            len(a.quality_notes)).format(n=len(a.quality_notes), kinds=_join(kinds, lang)))
    return section
