"""What changed in the monitor, newest first: each published edition, each revision of a
published figure (old value, new value, reason) and each published delivery (the records
partners and editors delivered for an edition, public once it was published). The Atom
feeds and the "what changed" page of each edition render these."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import model as m
from ..formatting import format_value
from ..i18n import localised, translations
from ..store.dataset import Dataset
from ..addresses import url
from .values import date_text, decimals, edition_title


@dataclass(frozen=True)
class Change:
    key: str  # stable within the monitor: "edition/lt-2021", "revision/3", ...
    kind: str  # edition, revision or delivery
    programme: str
    editions: tuple[int, ...]  # the years of the editions it concerns
    date: dt.date | None  # None: an edition whose content gives no publication date
    title: str
    summary: str
    path: str  # the page that shows it, relative to the site
    old: str = ""  # a revision's old and new value, as readers see them
    new: str = ""
    reason: str = ""


#: The kinds of delivered records, by their subject type in the audit trail.
DELIVERED = ("measurement", "story", "progress_entry", "initiative", "table")


def _count(kind: str, n: int, lang: str) -> str:
    t = translations(lang)
    if kind == "measurement":
        text = t.ngettext("{n} figure", "{n} figures", n)
    elif kind == "story":
        text = t.ngettext("{n} story", "{n} stories", n)
    elif kind == "progress_entry":
        text = t.ngettext("{n} progress entry", "{n} progress entries", n)
    elif kind == "initiative":
        text = t.ngettext("{n} initiative", "{n} initiatives", n)
    else:
        text = t.ngettext("{n} breakdown table", "{n} breakdown tables", n)
    return text.format(n=n)


def changes_view(data: Dataset, lang: str) -> tuple[Change, ...]:
    """Every change the public may see, newest first (then by key, so the order is fixed)."""
    _ = translations(lang).gettext
    published = [e for e in data.editions if e.status == "published"]
    shown_by: dict[str, list[m.Edition]] = {}
    for e in published:
        for x in e.entries:
            if x.measurement_id:
                shown_by.setdefault(x.measurement_id, []).append(e)
    out = [Change(f"edition/{e.id}", "edition", e.programme_id, (e.year,), e.publication_date,
                  _("Edition published: {title}").format(title=edition_title(e, lang)),
                  (_("The edition {title} was published on {date}.").format(
                      title=edition_title(e, lang), date=date_text(e.publication_date, lang))
                   if e.publication_date else _(
                      "The edition {title} was published; the monitor does not know the date."
                  ).format(title=edition_title(e, lang))),
                  url("dashboard", lang, year=e.year))
           for e in published]
    for x in data.measurements:
        editions = shown_by.get(x.id)
        if not editions:
            continue
        for r in x.revisions:
            out.append(_revision(x, r, editions, lang))
    out += _deliveries(data, published, shown_by, lang)
    return tuple(sorted(out, key=lambda c: (c.date or dt.date.min, c.key), reverse=True))


def _revision(x: m.Measurement, r: m.Revision, editions: list[m.Edition],
              lang: str) -> Change:
    _ = translations(lang).gettext
    title = localised(x.indicator.title, x.indicator.title_en, lang)

    def shown(value: float | None) -> str:
        return (format_value(value, x.indicator.unit, decimals(x), lang) if value is not None
                else _("no figure"))
    old, new = shown(r.old_value), shown(r.new_value)
    years = ", ".join(str(e.year) for e in editions)
    return Change(
        f"revision/{r.id}", "revision", x.indicator.programme_id,
        tuple(e.year for e in editions), r.revised_on,
        _("Figure revised: {indicator}").format(indicator=title),
        _("{indicator} (edition {years}) was revised on {date} from {old} to {new}. "
          "Reason: {reason}").format(indicator=title, years=years,
                                     date=date_text(r.revised_on, lang), old=old, new=new,
                                     reason=r.reason),
        url("indicator", lang, id=x.indicator_id), old, new, r.reason)


def _deliveries(data: Dataset, published: list[m.Edition],
                shown_by: dict[str, list[m.Edition]], lang: str) -> list[Change]:
    """One change per edition, kind of record and day of delivery, dated the day the
    edition made it public."""
    _ = translations(lang)
    by_id = {e.id: e for e in published}
    edition_of: dict[tuple[str, str], m.Edition] = {}
    for kind, items in (("story", data.stories), ("initiative", data.initiatives),
                        ("table", data.tables)):
        for item in items:
            if item.edition_id in by_id:
                edition_of[(kind, item.id)] = by_id[item.edition_id]
    for a in data.actions:
        for entry in a.progress:
            if entry.edition_id in by_id:
                edition_of[("progress_entry", entry.id)] = by_id[entry.edition_id]
    for mid, editions in shown_by.items():
        edition_of[("measurement", mid)] = editions[0]  # the first edition that showed it
    groups: dict[tuple[str, str, dt.date], set[str]] = {}
    for kind, subject, at in data.deliveries:
        edition = edition_of.get((kind, subject))
        if edition is None or kind not in DELIVERED:
            continue
        groups.setdefault((edition.id, kind, at.date()), set()).add(subject)
    out = []
    for (edition_id, kind, day), subjects in groups.items():
        e = by_id[edition_id]
        what = _count(kind, len(subjects), lang)
        out.append(Change(
            f"delivery/{e.id}/{kind}/{day.isoformat()}", "delivery", e.programme_id, (e.year,),
            e.publication_date,
            _.gettext("Delivery published: {what} for {title}").format(
                what=what, title=edition_title(e, lang)),
            _.gettext("{what} delivered on {day} for {title}, public since the edition was "
                      "published.").format(what=what[:1].upper() + what[1:],
                                           day=date_text(day, lang),
                                           title=edition_title(e, lang)),
            url("changes", lang, year=e.year)))
    return out


@dataclass(frozen=True)
class ChangesPage:
    """The "what changed" page of one edition."""
    title: str
    programme: str
    editions: tuple  # the programme's editions as the dashboard links them
    changes: tuple[Change, ...]


def changes_page(changes: tuple[Change, ...], dashboard, programme: str) -> ChangesPage:
    """What changed in the edition of `dashboard`: its publication, the revisions of the
    figures it shows and the deliveries published with it."""
    return ChangesPage(dashboard.title, programme, dashboard.editions,
                       tuple(c for c in changes if dashboard.year in c.editions))
