"""What an edition had at its time: the references, data-quality notes, titles and
definitions of the content that hold for an edition, so that an edition's pages, report,
analysis and downloads show nothing that came later.

A reference holds for an edition from its `from_edition` on, and never before its own
date (a reference dated after an edition's publication, or in a later year when the source
gives only a month or a year, came later). A quality note holds from its `from_edition` on
(notes about an edition, its entries or findings hold for that edition only, see
analysis/edition.py)."""
from __future__ import annotations

import re

from .. import model as m
from ..analysis.edition import note_holds  # noqa: F401 (one rule for every output)
from ..i18n import localised
from ..store.dataset import Dataset

_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def edition_years(data: Dataset) -> dict[str, int]:
    return {e.id: e.year for e in data.editions}


def reference_holds(ref: m.Reference, edition: m.Edition, years: dict[str, int]) -> bool:
    if ref.from_edition_id and years.get(ref.from_edition_id, 0) > edition.year:
        return False
    if ref.date is not None:
        return edition.publication_date is None or ref.date <= edition.publication_date
    found = _YEAR.search(ref.date_text or "")
    return found is None or int(found.group(0)) <= edition.year


def definition_as_of(ind: m.Indicator, year: int | None) -> m.DefinitionVersion | None:
    """The definition that holds in the edition of `year` (None: the latest)."""
    if year is None:
        return ind.definitions[-1] if ind.definitions else None
    return ind.definition_for(year)


def is_current_definition(ind: m.Indicator, year: int | None) -> bool:
    """Whether the indicator's current title and description hold in the edition of
    `year`: no later definition replaced the one of that edition."""
    d = definition_as_of(ind, year)
    return d is None or d is (ind.definitions[-1] if ind.definitions else None)


def title_as_of(ind: m.Indicator, year: int | None, lang: str) -> str:
    """The indicator's title as the edition of `year` had it: the title of the definition
    that held then where the content gives one, else the indicator's title."""
    return localised(*ind.title_in(year), lang)


def progress_as_of(data: Dataset, action: m.Action,
                   edition: m.Edition | None) -> list[m.ProgressEntry]:
    """The progress entries of `action` that an edition could have known (their source
    holds for it, as a reference does); all of them when `edition` is None."""
    if edition is None:
        return list(action.progress)
    years = edition_years(data)
    return [e for e in action.progress if reference_holds(e.reference, edition, years)]


def progress_sources(data: Dataset, edition: m.Edition) -> tuple[m.Reference, ...]:
    """The sources of the progress of the edition's programme that hold for it, oldest
    first (by date, else by the year their date text names)."""
    found = {e.reference.id: e.reference for a in data.actions
             if a.programme_id == edition.programme_id
             for e in progress_as_of(data, a, edition)}

    def when(ref: m.Reference) -> tuple[int, str]:
        if ref.date is not None:
            return (ref.date.year, ref.date.isoformat())
        year = _YEAR.search(ref.date_text or "")
        return (int(year.group(0)) if year else 9999, ref.date_text or "")
    return tuple(sorted(found.values(), key=lambda r: (when(r), r.title)))

