"""How to cite an indicator, a breakdown table or a chart: a sentence a reader can paste
(publisher, title, edition, date, permalink, date of access) and the same as CSL-JSON (what
reference managers read) and BibTeX. The indicator page and the API render these."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from ..formatting import format_date
from ..i18n import translations
from .catalogue import EditionCoverage, Metadata


@dataclass(frozen=True)
class Citation:
    key: str  # the BibTeX key and CSL id
    text: str  # in the reader's language
    csl: dict
    bibtex: str

    @property
    def csl_json(self) -> str:
        return json.dumps([self.csl], ensure_ascii=False, indent=2)


def edition_of(meta: Metadata | None, year: int | None) -> EditionCoverage | None:
    """The published edition of `year`, as the metadata knows it."""
    if meta is None or year is None:
        return None
    return next((e for p in meta.programmes for e in p.editions if e.year == year), None)


def _parts(day: dt.date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#_$^~])")


def _bibtex(value: str) -> str:
    """Text inside a BibTeX field: its special characters escaped."""
    def escape(match: re.Match) -> str:
        char = match.group(1)
        return {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(char, "\\" + char)
    return _BIBTEX_SPECIAL.sub(escape, value)


def citation(key: str, title: str, publisher: str, edition: EditionCoverage | None,
             permalink: str, accessed: dt.date, lang: str) -> Citation:
    """The citation of `title` (an indicator, table or chart) shown by `edition`."""
    _ = translations(lang).gettext
    edition_title = (edition.title_en if lang == "en" else edition.title) if edition else ""
    issued = edition.publication_date if edition else None
    parts = [f"{publisher}.", f"{title}."]
    if edition_title:
        parts.append(_("In: {edition}.").format(edition=edition_title))
    if issued:
        parts.append(f"{format_date(issued, lang)}.")
    parts.append(_("{permalink} (accessed {date}).").format(permalink=permalink,
                                                           date=format_date(accessed, lang)))
    csl = {"id": key, "type": "dataset", "title": title, "publisher": publisher,
           "author": [{"literal": publisher}], "URL": permalink, "accessed": _parts(accessed),
           "language": lang}
    if edition_title:
        csl["container-title"] = edition_title
    if issued:
        csl["issued"] = _parts(issued)
    fields = [("author", "{" + _bibtex(publisher) + "}"), ("title", "{" + _bibtex(title) + "}"),
              ("publisher", _bibtex(publisher))]
    if edition_title:
        fields.append(("booktitle", _bibtex(edition_title)))
    if issued:
        fields += [("year", str(issued.year)), ("month", str(issued.month))]
    fields += [("url", permalink), ("urldate", accessed.isoformat()),
               ("language", {"nl": "dutch", "en": "english"}[lang])]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return Citation(key, " ".join(parts), csl, f"@misc{{{key},\n{body}\n}}")


def _info(c: Citation) -> dict:
    return {"text": c.text, "csl": c.csl, "bibtex": c.bibtex}


def citations_of(snapshot, kind: str, key: str, base: str = "",
                 accessed: dt.date | None = None):
    """How to cite indicator or table `key` in both languages (for the API); None when
    there is none."""
    from ..addresses import url
    from .resources import CitationInfo
    accessed = accessed or dt.date.today()
    meta = snapshot.metadata
    publisher = meta.publisher if meta else "RIVM"
    out = {}
    for lang in ("nl", "en"):
        views = [v for (i, l), v in snapshot.indicators.items() if l == lang]
        if kind == "indicator":
            view = next((v for v in views if v.id == key), None)
            title = view.title if view else None
        else:
            view = next((v for v in views if any(t.id == key for t in v.tables)), None)
            title = next(t.title for t in view.tables if t.id == key) if view else None
        if view is None:
            return None
        year = view.as_of or (max(view.editions) if view.editions else None)
        out[lang] = _info(citation(f"langerthuis-{key}", title, publisher,
                                   edition_of(meta, year),
                                   base + url("indicator", lang, id=view.id), accessed, lang))
    return CitationInfo.model_validate(out)
