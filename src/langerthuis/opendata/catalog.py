"""The catalogue of the open data in DCAT-AP-DONL, the Dutch profile of DCAT-AP that
data.overheid.nl harvests (`/data/catalog.jsonld`, and `catalog.jsonld` in the export):
a catalogue with one dataset and a distribution per download, each with its licence,
from the content's metadata (views/catalogue.py). JSON-LD, so that it is JSON to a
developer and RDF to a harvester. Addresses are under LANGERTHUIS_BASE_URL, relative to
the site without it."""
from __future__ import annotations

import datetime as dt

from ..i18n import LANGUAGES, N_, translations
from ..views.catalogue import Metadata

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#",
    "adms": "http://www.w3.org/ns/adms#", "xsd": "http://www.w3.org/2001/XMLSchema#",
}
#: The languages of the data (the EU's language authority, which DCAT-AP-DONL uses).
LANGUAGE = {"nl": "http://publications.europa.eu/resource/authority/language/NLD",
            "en": "http://publications.europa.eu/resource/authority/language/ENG"}
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
#: DCAT-AP-DONL's status of a dataset that can be had.
AVAILABLE = "http://data.overheid.nl/status/beschikbaar"

#: The downloads listed as distributions: path -> (file type, media type, description).
DISTRIBUTIONS = {
    "key-figures.csv": ("CSV", "text/csv",
                        N_("all key figures, one row per indicator per edition")),
    "breakdowns.csv": ("CSV", "text/csv", N_("all breakdown tables")),
    "actions.csv": ("CSV", "text/csv", N_("the actions of the plan and where each stands")),
    "action-progress.csv": ("CSV", "text/csv", N_(
        "the progress of the actions, one row per entry with its source")),
    "findings.csv": ("CSV", "text/csv", N_(
        "the figures in the text of each edition and its numbered figures")),
    "monitor.json": ("JSON", "application/json", N_("the whole dataset")),
    "monitor.xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     N_("the whole dataset, one sheet per table")),
    "datapackage.json": ("JSON", "application/json", N_(
        "description of the CSV files (Frictionless Data Package)")),
}


def _texts(msgid: str) -> list[dict]:
    return [{"@value": translations(lang).gettext(msgid), "@language": lang}
            for lang in LANGUAGES]


def _both(nl: str, en: str) -> list[dict]:
    return [{"@value": nl, "@language": "nl"}, {"@value": en, "@language": "en"}]


def _date(day: dt.date) -> dict:
    return {"@value": day.isoformat(), "@type": "xsd:date"}


def catalog(meta: Metadata, files: set[str], base: str = "") -> dict:
    """The catalogue as JSON-LD; `files` are the downloads there are (a distribution for
    each of DISTRIBUTIONS among them), `base` the site's address."""
    agent = {"@id": meta.publisher_uri or meta.publisher_url or f"{base}/over#publisher",
             "@type": "foaf:Agent", "foaf:name": meta.publisher}
    contact = {"@type": "vcard:Organization", "vcard:fn": meta.contact_name}
    if meta.contact_email:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{meta.contact_email}"}
    if meta.contact_url:
        contact["vcard:hasURL"] = {"@id": meta.contact_url}
    licence = {"@id": meta.licence.url}
    dates = {}
    if meta.issued:
        dates["dct:issued"] = _date(meta.issued)
    if meta.modified:
        dates["dct:modified"] = _date(meta.modified)
    languages = [{"@id": LANGUAGE[lang]} for lang in LANGUAGES]
    distributions = []
    for path, (kind, media, description) in DISTRIBUTIONS.items():
        if path not in files:
            continue
        address = f"{base}/data/{path}"
        distributions.append({
            "@id": address, "@type": "dcat:Distribution",
            "dct:title": [{"@value": path, "@language": lang} for lang in LANGUAGES],
            "dct:description": _texts(description),
            "dcat:accessURL": {"@id": address}, "dcat:downloadURL": {"@id": address},
            "dct:license": licence, "dct:format": {"@id": FILE_TYPE + kind},
            "dcat:mediaType": {"@id": MEDIA_TYPE + media}, "dct:language": languages,
            **({"dct:modified": _date(meta.modified)} if meta.modified else {})})
    dataset = {
        "@id": f"{base}/data/catalog.jsonld#{meta.id}", "@type": "dcat:Dataset",
        "dct:identifier": f"{base}/data/catalog.jsonld#{meta.id}",
        "dct:title": _both(meta.title, meta.title_en),
        "dct:description": _both(f"{meta.description} {meta.coverage('nl')}.",
                                 f"{meta.description_en} {meta.coverage('en')}."),
        "dct:language": languages, "dct:publisher": agent, "dct:creator": agent,
        "dcat:contactPoint": contact, "dct:license": licence,
        "dcat:theme": [{"@id": t} for t in meta.themes],
        "dcat:keyword": [{"@value": k, "@language": "nl"} for k in meta.keywords]
        + [{"@value": k, "@language": "en"} for k in meta.keywords_en],
        "adms:status": {"@id": AVAILABLE}, "dcat:landingPage": {"@id": f"{base}/over"},
        "dct:source": [{"@id": s.url} for s in meta.sources if s.url],
        **dates, "dcat:distribution": distributions}
    if meta.first_year is not None and meta.last_year is not None:
        dataset["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _date(dt.date(meta.first_year, 1, 1)),
            "dcat:endDate": _date(dt.date(meta.last_year, 12, 31))}
    if meta.spatial:
        dataset["dct:spatial"] = {"@id": meta.spatial}
    return {
        "@context": CONTEXT, "@id": f"{base}/data/catalog.jsonld", "@type": "dcat:Catalog",
        "dct:title": _both(meta.title, meta.title_en),
        "dct:description": _both(meta.description, meta.description_en),
        "dct:publisher": agent, "dct:creator": agent, "dcat:contactPoint": contact,
        "foaf:homepage": {"@id": f"{base}/"}, "dct:language": languages,
        "dct:license": licence, **dates, "dcat:dataset": [dataset]}
