"""The Atom feeds of what changed (RFC 4287): one for the whole monitor (`/feed.xml`,
`/en/feed.xml`) and one per programme (`/programma/wozo/feed.xml`), rendered from the
snapshot's changes. Entry ids are tag URIs that stay the same from load to load."""
from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from ..addresses import url
from ..i18n import translations
from ..views.changes import Change
from ..views.snapshot import Snapshot

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"


def _time(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def feed(snapshot: Snapshot, lang: str, programme: str | None, base: str = "") -> bytes | None:
    """The feed of `programme` (all programmes when None) in `lang`; None for a programme
    the monitor does not have."""
    _ = translations(lang).gettext
    meta = snapshot.metadata
    links = {p.id: p for p in snapshot.programmes.get(lang, ())}
    if programme is not None and programme not in links:
        return None
    # An Atom entry needs its date: an edition without a publication date is left out.
    changes = [c for c in snapshot.changes.get(lang, ())
               if (programme is None or c.programme == programme) and c.date is not None]
    name = meta.title_in(lang) if meta else _("Monitor Langer Thuis")
    if programme is not None:
        name = f"{name}: {links[programme].name}"
    authority = f"tag:{meta.id if meta else 'langerthuis'},{meta.first_year if meta and meta.first_year else 2018}:"
    path = url("feed", lang) if programme is None else url("feed_of", lang, programme=programme)
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _add(root, "id", authority + (f"feed/{lang}" if programme is None
                                  else f"feed/{programme}/{lang}"))
    _add(root, "title", _("{name}: what changed").format(name=name))
    newest = changes[0].date if changes else (meta.modified if meta and meta.modified
                                              else dt.date(2000, 1, 1))
    _add(root, "updated", _time(newest))
    author = _add(root, "author")
    _add(author, "name", meta.publisher if meta else "RIVM")
    _add(root, "link", rel="self", type="application/atom+xml", href=base + path)
    years = [c.editions[0] for c in changes if c.kind == "edition"]
    if years:
        _add(root, "link", rel="alternate", type="text/html",
             href=base + url("changes", lang, year=years[0]))
    if meta:
        _add(root, "rights", f"{meta.licence.title_in(lang)}, {meta.licence.url}")
    for change in changes:
        _entry(root, change, authority, base)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _entry(root: ET.Element, change: Change, authority: str, base: str) -> None:
    entry = _add(root, "entry")
    _add(entry, "id", authority + change.key)
    _add(entry, "title", change.title)
    _add(entry, "updated", _time(change.date))
    _add(entry, "link", rel="alternate", type="text/html", href=base + change.path)
    _add(entry, "category", term=change.kind)
    _add(entry, "summary", change.summary)


