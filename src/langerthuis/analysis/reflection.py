"""The written reflection (beschouwing) of an edition, generated from the analysis by
templates and plain rules, in Dutch and English. Every sentence is built from the facts,
so every statement traces back to the data."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..formatting import format_value
from .compare import Direction, IndicatorFact, Reason
from .edition import EditionAnalysis
from .summary import ClaimCheck

PHRASES = {
    "nl": {
        "title": "Beschouwing {title}",
        "h_updates": "Wat is er nieuw",
        "h_lines": "Ontwikkeling per actielijn",
        "h_not_comparable": "Vergelijkingen die niet te maken zijn",
        "h_claims": "Vergelijking met de beschouwing in de editie zelf",
        "h_quality": "Gegevenskwaliteit",
        "first": "{title} is de eerste editie van de monitor van het programma {programme}; er "
                 "is nog geen eerdere editie om mee te vergelijken. De editie telt {total} "
                 "indicatoren: {kinds}.",
        "updated": "Vergeleken met {previous} kregen {n} van de {total} indicatoren in {title} "
                   "nieuwe informatie: {kinds}.",
        "kind_part": {"outcome": "{n} van de {total} uitkomstindicatoren",
                      "process": "{n} van de {total} procesindicatoren",
                      "narrative": "{n} van de {total} verhalende indicatoren"},
        "kind_count": {"outcome": "{total} uitkomstindicatoren", "process": "{total} "
                       "procesindicatoren", "narrative": "{total} verhalende indicatoren"},
        "not_updated": "Geen nieuwe informatie kregen: {items}.",
        "all_updated": "Alle indicatoren kregen nieuwe informatie.",
        "overall": "De overall indicator ({label}) ging van {before} naar {after}: {direction}.",
        "overall_nc": "De overall indicator ({label}) is niet te vergelijken: {reasons}.",
        "line": "Actielijn {number} ({title}): van de {total} uitkomst- en procesindicatoren "
                "{parts}.",
        "line_parts": {"desired": "{n} in de gewenste richting ({items})",
                       "undesired": "{n} in de ongewenste richting ({items})",
                       "unchanged": "{n} gelijk gebleven ({items})",
                       "not_comparable": "{n} niet te vergelijken ({items})"},
        "line_none": "Actielijn {number} ({title}) heeft geen uitkomst- of procesindicatoren.",
        "went": "{label}: van {before} naar {after}",
        "nc_item": "{number} ({reasons})",
        "nc_titled": "{number} – {title} ({reasons})",
        "nc_none": "Alle uitkomst- en procesindicatoren met een nieuw cijfer zijn te "
                   "vergelijken met de vorige editie.",
        "nc_list": "Deze indicatoren kregen een nieuw cijfer dat niet te vergelijken is met de "
                   "vorige editie: {items}.",
        "claims_intro": "De editie zelf noemt {n} aantallen; met onze regels komen we bij {k} "
                        "daarvan op hetzelfde uit.",
        "claim_differs": "De editie zegt: {text} ({published_value} van {published_of}). Onze "
                         "regels tellen {computed_value} van {computed_of}.",
        "claim_why": "Het verschil zit in indicatoren die wij niet vergelijkbaar achten, waar de "
                     "editie een eigen oordeel velt: {items}.",
        "claim_scope": "Wij tellen {computed_of} indicatoren in deze groep, de editie "
                       "{published_of}.",
        "quality_none": "De controleregels vonden geen tegenstrijdigheden in de cijfers van "
                        "deze editie.",
        "quality_findings": "De controleregels vonden {n} bevinding(en): {items}.",
        "finding": "{rule} bij {location} ({values})",
        "notes": "Over de bronnen van deze editie zijn {n} notitie(s) vastgelegd: {items}.",
        "note": "{kind} bij {subject} ({values})",
        "direction": {"desired": "in de gewenste richting", "undesired": "in de ongewenste "
                      "richting", "unchanged": "gelijk gebleven"},
        "reasons": {
            Reason.NARRATIVE: "verhalend", Reason.NOT_UPDATED: "geen nieuw cijfer",
            Reason.NO_CURRENT_FIGURE: "geen cijfer in deze editie",
            Reason.NO_EARLIER_FIGURE: "geen eerder cijfer",
            Reason.DEFINITION_CHANGED: "definitie gewijzigd",
            Reason.LOWER_BOUND: "minimumschatting",
            Reason.COMPARABILITY_NOTE: "financiering of meetwijze gewijzigd",
            Reason.REFERENCE_PERIOD_CHANGED: "andere referentieperiode",
            Reason.NO_DESIRED_DIRECTION: "geen gewenste richting",
            Reason.FIRST_EDITION: "eerste editie"},
        "rules": {"key-figure-total": "totaal van de tabel wijkt af van het kerncijfer",
                  "key-figure-rounding": "kerncijfer is niet de afronding van de tabelwaarde",
                  "shares-add-up": "aandelen tellen niet op tot 100",
                  "parts-add-up": "delen tellen niet op tot het totaal",
                  "arithmetic-relation": "rekenkundige relatie klopt niet",
                  "unit-range": "waarde buiten het bereik van de eenheid",
                  "printed-differently": "zelfde cijfer verschillend afgedrukt"},
        "note_kinds": {"disagreement": "tegenstrijdigheid in de bronnen",
                       "uncertain": "onzekerheid", "comparability": "vergelijkbaarheid",
                       "reconstructed": "gereconstrueerde waarden",
                       "assumption": "aanname"},
        "and": "en",
    },
    "en": {
        "title": "Reflection on {title}",
        "h_updates": "What is new",
        "h_lines": "Development per action line",
        "h_not_comparable": "Comparisons that cannot be made",
        "h_claims": "Comparison with the edition's own reflection",
        "h_quality": "Data quality",
        "first": "{title} is the first edition of the monitor of the programme {programme}; "
                 "there is no earlier edition to compare with. It has {total} indicators: "
                 "{kinds}.",
        "updated": "Compared with {previous}, {n} of the {total} indicators in {title} got new "
                   "information: {kinds}.",
        "kind_part": {"outcome": "{n} of the {total} outcome indicators",
                      "process": "{n} of the {total} process indicators",
                      "narrative": "{n} of the {total} narrative indicators"},
        "kind_count": {"outcome": "{total} outcome indicators", "process": "{total} process "
                       "indicators", "narrative": "{total} narrative indicators"},
        "not_updated": "No new information for: {items}.",
        "all_updated": "All indicators got new information.",
        "overall": "The overall indicator ({label}) went from {before} to {after}: {direction}.",
        "overall_nc": "The overall indicator ({label}) cannot be compared: {reasons}.",
        "line": "Action line {number} ({title}): of its {total} outcome and process indicators, "
                "{parts}.",
        "line_parts": {"desired": "{n} moved in the desired direction ({items})",
                       "undesired": "{n} in the undesired direction ({items})",
                       "unchanged": "{n} stayed the same ({items})",
                       "not_comparable": "{n} cannot be compared ({items})"},
        "line_none": "Action line {number} ({title}) has no outcome or process indicators.",
        "went": "{label}: from {before} to {after}",
        "nc_item": "{number} ({reasons})",
        "nc_titled": "{number} – {title} ({reasons})",
        "nc_none": "Every outcome and process indicator with a new figure can be compared "
                   "with the previous edition.",
        "nc_list": "These indicators got a new figure that cannot be compared with the previous "
                   "edition: {items}.",
        "claims_intro": "The edition itself states {n} counts; our rules arrive at the same "
                        "number for {k} of them.",
        "claim_differs": "The edition says: {text} ({published_value} of {published_of}). Our "
                         "rules count {computed_value} of {computed_of}.",
        "claim_why": "The difference lies in indicators we judge not comparable, where the "
                     "edition makes a judgement of its own: {items}.",
        "claim_scope": "We count {computed_of} indicators in this group, the edition "
                       "{published_of}.",
        "quality_none": "The consistency rules found no contradictions in the figures of this "
                        "edition.",
        "quality_findings": "The consistency rules made {n} finding(s): {items}.",
        "finding": "{rule} at {location} ({values})",
        "notes": "{n} note(s) about the sources of this edition are recorded: {items}.",
        "note": "{kind} at {subject} ({values})",
        "direction": {"desired": "in the desired direction", "undesired": "in the undesired "
                      "direction", "unchanged": "unchanged"},
        "reasons": {
            Reason.NARRATIVE: "narrative", Reason.NOT_UPDATED: "no new figure",
            Reason.NO_CURRENT_FIGURE: "no figure in this edition",
            Reason.NO_EARLIER_FIGURE: "no earlier figure",
            Reason.DEFINITION_CHANGED: "definition changed",
            Reason.LOWER_BOUND: "lower-bound estimate",
            Reason.COMPARABILITY_NOTE: "financing or method changed",
            Reason.REFERENCE_PERIOD_CHANGED: "different reference period",
            Reason.NO_DESIRED_DIRECTION: "no desired direction",
            Reason.FIRST_EDITION: "first edition"},
        "rules": {"key-figure-total": "table total differs from the key figure",
                  "key-figure-rounding": "key figure is not the rounded table value",
                  "shares-add-up": "shares do not add up to 100",
                  "parts-add-up": "parts do not add up to the total",
                  "arithmetic-relation": "arithmetic relation does not hold",
                  "unit-range": "value outside its unit's range",
                  "printed-differently": "one figure printed differently"},
        "note_kinds": {"disagreement": "disagreement between sources", "uncertain":
                       "uncertainty", "comparability": "comparability",
                       "reconstructed": "reconstructed values", "assumption": "assumption"},
        "and": "and",
    },
}


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


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {PHRASES[lang]['and']} {items[-1]}"


def _join_long(items: list[str], lang: str) -> str:
    """Items that contain commas themselves are separated by semicolons."""
    if len(items) <= 1:
        return "".join(items)
    return f"{'; '.join(items[:-1])}; {PHRASES[lang]['and']} {items[-1]}"


def _title(fact: IndicatorFact, lang: str) -> str:
    return fact.title_en if lang == "en" else fact.title


def _value(fact: IndicatorFact, value: float | None, lang: str) -> str:
    return format_value(value, fact.unit, fact.decimals, lang)


def _reasons(fact: IndicatorFact, lang: str) -> str:
    return "; ".join(PHRASES[lang]["reasons"][r] for r in fact.reasons)


def reflect(a: EditionAnalysis, lang: str = "nl") -> Reflection:
    p = PHRASES[lang]
    facts = {f.number: f for f in a.facts}
    kinds = [k for k in ("outcome", "process", "narrative") if k in a.kinds]
    sections = []

    updates = Section(p["h_updates"])
    if a.previous_edition_id is None:
        updates.paragraphs.append(p["first"].format(
            title=a.title, programme=a.programme_name, total=a.totals.total,
            kinds=_join([p["kind_count"][k].format(total=a.kinds[k].total) for k in kinds], lang)))
    else:
        previous = a.title.replace(str(a.year), str(a.previous_year))
        updates.paragraphs.append(p["updated"].format(
            previous=previous, n=len(a.totals.updated), total=a.totals.total, title=a.title,
            kinds=_join([p["kind_part"][k].format(n=len(a.kinds[k].updated),
                                                  total=a.kinds[k].total) for k in kinds], lang)))
        missing = [f"{n} – {_title(facts[n], lang)}" for n in a.totals.not_updated]
        updates.paragraphs.append(p["not_updated"].format(items=_join_long(missing, lang))
                                  if missing else p["all_updated"])
    sections.append(updates)

    if a.previous_edition_id is not None:
        sections.append(_lines_section(a, lang))
        sections.append(_not_comparable_section(a, lang))
    if a.claims:
        sections.append(_claims_section(a.claims, facts, lang))
    sections.append(_quality_section(a, lang))
    return Reflection(p["title"].format(title=a.title), sections)


def _lines_section(a: EditionAnalysis, lang: str) -> Section:
    p = PHRASES[lang]
    section = Section(p["h_lines"])
    for f in a.facts:
        if f.is_overall:
            if f.direction == Direction.NOT_COMPARABLE:
                section.paragraphs.append(p["overall_nc"].format(label=_title(f, lang),
                                                                 reasons=_reasons(f, lang)))
            else:
                section.paragraphs.append(p["overall"].format(
                    label=_title(f, lang), before=_value(f, f.previous_value, lang),
                    after=_value(f, f.value, lang), direction=p["direction"][f.direction]))
    for key, summary in a.action_lines.items():
        if key == "overall":
            continue
        scoped = [f for f in a.facts if str(f.action_line) == key and f.kind != "narrative"]
        title = a.action_line_titles.get(key, {}).get(lang, key)
        if not scoped:
            section.paragraphs.append(p["line_none"].format(number=key, title=title))
            continue
        part_texts = []
        for direction in Direction:
            members = [f for f in scoped if f.direction == direction]
            if not members:
                continue
            if direction in (Direction.DESIRED, Direction.UNDESIRED):
                items = "; ".join(p["went"].format(label=f"{f.number}",
                                                   before=_value(f, f.previous_value, lang),
                                                   after=_value(f, f.value, lang))
                                  for f in members)
            else:
                items = ", ".join(str(f.number) for f in members)
            part_texts.append(p["line_parts"][direction].format(n=len(members), items=items))
        section.paragraphs.append(p["line"].format(number=key, title=title, total=len(scoped),
                                                   parts=_join(part_texts, lang)))
    return section


def _not_comparable_section(a: EditionAnalysis, lang: str) -> Section:
    p = PHRASES[lang]
    section = Section(p["h_not_comparable"])
    updated_nc = [f for f in a.facts if f.updated and f.direction == Direction.NOT_COMPARABLE
                  and f.kind != "narrative"]
    if updated_nc:
        section.paragraphs.append(p["nc_list"].format(items=_join_long(
            [p["nc_titled"].format(number=f.number, title=_title(f, lang),
                                   reasons=_reasons(f, lang))
             for f in updated_nc], lang)))
    else:
        section.paragraphs.append(p["nc_none"])
    return section


def _claims_section(claims: list[ClaimCheck], facts: dict[int, IndicatorFact],
                    lang: str) -> Section:
    p = PHRASES[lang]
    section = Section(p["h_claims"])
    section.paragraphs.append(p["claims_intro"].format(n=len(claims),
                                                       k=sum(c.agrees for c in claims)))
    for c in claims:
        if c.agrees:
            continue
        d = c.to_dict()
        d["text"] = (c.text_en or c.text) if lang == "en" else c.text
        text = p["claim_differs"].format(**d)
        if c.computed[1] != c.published[1]:
            text += " " + p["claim_scope"].format(**d)
        if c.metric in ("desired", "not_desired") and c.not_comparable:
            text += " " + p["claim_why"].format(items=_join(
                [p["nc_item"].format(number=n, reasons="; ".join(
                    p["reasons"][Reason(r)] for r in reasons))
                 for n, reasons in c.not_comparable], lang))
        section.paragraphs.append(text)
    return section


def _quality_section(a: EditionAnalysis, lang: str) -> Section:
    p = PHRASES[lang]
    section = Section(p["h_quality"])
    if a.findings:
        section.paragraphs.append(p["quality_findings"].format(n=len(a.findings), items=_join(
            [p["finding"].format(rule=p["rules"][f.rule], location=f.location,
                                 values=" / ".join(f.values)) for f in a.findings], lang)))
    else:
        section.paragraphs.append(p["quality_none"])
    if a.quality_notes:
        section.paragraphs.append(p["notes"].format(n=len(a.quality_notes), items=_join(
            [p["note"].format(kind=p["note_kinds"].get(n.kind, n.kind),
                              subject=f"{n.subject_type.replace('_', ' ')} {n.subject_id}",
                              values=" / ".join(n.values) if n.values else "; ".join(n.locations))
             for n in a.quality_notes], lang)))
    return section
