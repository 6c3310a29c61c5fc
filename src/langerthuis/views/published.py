"""What the monitor itself says in its text, as readers see it: the findings of an
indicator section (figures in the running text and numbered figures), the published
reflection of an edition claim by claim, and the introductory matter."""
from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..charts import Chart, bar_chart
from ..formatting import format_number, format_value
from ..i18n import localised, translations
from ..i18n.labels import REFLECTION_SECTIONS, label
from ..store.dataset import Dataset
from .values import date_text, in_words, printed_words, shown_qualifiers


@dataclass(frozen=True)
class FactView:
    label: str
    value: str
    period: str  # the period or reference date, as the reader's language writes it
    n: str
    qualifiers: tuple[str, ...]


@dataclass(frozen=True)
class FindingView:
    id: str
    year: int  # of the edition that published it
    title: str
    figure: int | None  # the number of the edition's figure (Figuur), if it is one
    values_note: str  # for a figure: how many of its values the sources print
    source: str
    n: str
    notes: str
    facts: tuple[FactView, ...]
    has_n: bool
    chart: Chart | None


def _fact_value(x: m.FindingFact, lang: str) -> str:
    """A fact as the text of the monitor gives it, in the reader's language ("ruim 31%",
    "more than 31%")."""
    if x.value is None:
        return printed_words(x.printed, lang) if x.printed else "–"
    words = in_words(x.printed, x.value, x.unit, x.decimals, lang)
    return words[0] if words else format_value(x.value, x.unit, x.decimals, lang)


def finding_view(f: m.Finding, lang: str) -> FindingView:
    _ = translations(lang).gettext
    title = localised(f.title, f.title_en, lang)
    facts = tuple(FactView(
        localised(x.label, x.label_en, lang), _fact_value(x, lang),
        localised(x.period, x.period_en, lang) or date_text(x.reference_date, lang),
        format_number(x.n, 0, lang) if x.n is not None else "",
        shown_qualifiers(x.qualifiers, in_words(x.printed, x.value, x.unit, x.decimals, lang),
                         lang)) for x in f.facts)
    note = {"all": "",
            "some": _("The text of the monitor gives only the values shown here; the other "
                      "values of this figure are only in its picture, which the sources do "
                      "not hold."),
            }.get(f.figure_values or "", "")
    chart = None
    if f.chart:
        pairs = [(fact, x) for fact, x in zip(facts, f.facts) if x.value is not None]
        unit = pairs[0][1].unit
        written = {x.value: fact.value for fact, x in pairs}  # as the table writes them

        def fmt(v):
            return written.get(v, "–")
        caption = (_("{title} (figure {number} of the monitor)").format(
            number=f.figure, title=title) if f.figure else title)
        chart = bar_chart([(fact.label, x.value) for fact, x in pairs], caption,
                          "; ".join(f"{fact.label}: {fact.value}" for fact, _x in pairs), fmt,
                          lambda v, d: format_number(v, d, lang),
                          maximum=100 if unit == "percentage" else None)
    return FindingView(
        id=f.id, year=f.edition.year, title=title, figure=f.figure, values_note=note,
        source=f.source or "", n=format_number(f.n, 0, lang) if f.n is not None else "",
        notes=localised(f.notes, f.notes_en, lang), facts=facts,
        has_n=any(x.n is not None for x in f.facts), chart=chart)


def indicator_findings(data: Dataset, indicator_id: str, lang: str,
                       year: int | None = None) -> tuple[FindingView, ...]:
    """The findings of an indicator, newest edition first; only those of the edition of
    `year` when it is given."""
    mine = [f for f in data.findings if f.indicator_id == indicator_id
            and (year is None or f.edition.year == year)]
    mine.sort(key=lambda f: (-f.edition.year, f.position))
    # a figure whose values the sources do not hold, with no notes, has nothing to show
    return tuple(v for v in (finding_view(f, lang) for f in mine)
                 if v.facts or v.notes or v.chart is not None)


@dataclass(frozen=True)
class IndicatorLink:
    id: str
    number: int | None  # in the edition of the reflection
    title: str


@dataclass(frozen=True)
class PublishedPoint:
    text: str
    indicators: tuple[IndicatorLink, ...]


@dataclass(frozen=True)
class PublishedSection:
    key: str
    title: str
    points: tuple[PublishedPoint, ...]


@dataclass(frozen=True)
class ReferenceItem:
    organisation: str
    title: str
    date: str
    url: str


@dataclass(frozen=True)
class PublishedReflection:
    """Our summary of the reflection an edition published: who wrote the original, the
    summary section by section, and the original's references."""
    author: str  # the edition's publisher (RIVM; the ministry for the WOZO annex)
    sections: tuple[PublishedSection, ...] = ()
    references: tuple[ReferenceItem, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.sections)


def reference_item(r: m.Reference, lang: str) -> ReferenceItem:
    return ReferenceItem(r.organisation or "", r.title,
                         date_text(r.date, lang) if r.date
                         else localised(r.date_text, r.date_text_en, lang), r.url or "")


def published_reflection(data: Dataset, edition: m.Edition, lang: str) -> PublishedReflection:
    """The edition's published reflection, section by section in the order of the
    vocabulary, each indicator named by its number and short label; without sections
    when the sources hold none."""
    refs = {r.id: r for r in data.references}
    return PublishedReflection(
        edition.publisher or "RIVM", _reflection_sections(data, edition, lang),
        tuple(reference_item(refs[i], lang) for i in edition.reflection_references or []
              if i in refs))


def _reflection_sections(data: Dataset, edition: m.Edition,
                         lang: str) -> tuple[PublishedSection, ...]:
    numbers = {x.indicator_id: x.number for x in edition.entries}
    titles = {i.id: localised(i.short_label, i.short_label_en, lang)
              or localised(i.title, i.title_en, lang) for i in data.indicators}
    points = [p for p in data.reflection if p.edition_id == edition.id]
    sections = []
    for key in m.ReflectionSection:
        mine = [p for p in points if p.section == key]
        if not mine:
            continue
        sections.append(PublishedSection(str(key), label(REFLECTION_SECTIONS, key, lang), tuple(
            PublishedPoint(localised(p.text, p.text_en, lang), tuple(sorted(
                (IndicatorLink(i, numbers.get(i), titles.get(i, i)) for i in p.indicators),
                key=lambda x: (x.number is None, x.number or 0))))
            for p in mine)))
    return tuple(sections)


@dataclass(frozen=True)
class IntroSectionView:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class IntroView:
    sections: tuple[IntroSectionView, ...]
    kinds: tuple[KindCount, ...]  # how many indicators of each kind the programme has
    total: int


def intro_view(data: Dataset, programme: m.Programme | None, lang: str) -> IntroView:
    from ..i18n.labels import KINDS
    if programme is None:
        return IntroView((), (), 0)
    inds = [i for i in data.indicators if i.programme_id == programme.id]
    return IntroView(
        sections=tuple(IntroSectionView(s.id, localised(s.title, s.title_en, lang),
                                        localised(s.text, s.text_en, lang))
                       for s in data.introduction if s.programme_id == programme.id),
        kinds=tuple(KindCount(str(k), label(KINDS, k, lang), sum(i.kind == k for i in inds))
                    for k in m.Kind),
        total=len(inds))
