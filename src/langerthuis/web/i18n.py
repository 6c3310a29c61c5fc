"""The website's two languages: its URLs and its interface text. Dutch is the default; every
page has an English twin under /en."""
from __future__ import annotations

from urllib.parse import urlencode

LANGUAGES = ("nl", "en")

#: page name -> path per language; {…} parts are filled from the parameters.
ROUTES = {
    "home": {"nl": "/", "en": "/en/"},
    "dashboard": {"nl": "/monitor/{year}", "en": "/en/monitor/{year}"},
    "indicator": {"nl": "/indicator/{id}", "en": "/en/indicator/{id}"},
    "programme": {"nl": "/programma", "en": "/en/programme"},
    "actions": {"nl": "/acties", "en": "/en/actions"},
    "map": {"nl": "/kaart", "en": "/en/map"},
    "reflection": {"nl": "/beschouwing/{year}", "en": "/en/reflection/{year}"},
    "search": {"nl": "/zoeken", "en": "/en/search"},
    "about": {"nl": "/over", "en": "/en/about"},
}


#: Query parameters: Dutch name -> English name.
PARAMETERS = {"actielijn": "action_line", "trekker": "lead", "jaar": "year", "soort": "kind",
              "tabel": "table", "q": "q"}


def translate_query(query: dict | None, to: str) -> dict:
    """The same filter in the other language's parameter names."""
    if not query:
        return {}
    back = {en: nl for nl, en in PARAMETERS.items()}
    names = PARAMETERS if to == "en" else back
    return {names.get(k, k): v for k, v in query.items()}


def url(page: str, lang: str, query: dict | None = None, **params) -> str:
    path = ROUTES[page][lang].format(**params)
    clean = {k: v for k, v in (query or {}).items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")


TEXT = {
    "nl": {
        "site": "Monitor Langer Thuis", "skip": "Naar de inhoud", "menu": "Hoofdmenu",
        "dashboard": "Dashboard", "programme": "Programma", "actions": "Acties",
        "map": "Kaart", "reflection": "Beschouwing", "search": "Zoeken", "about": "Over",
        "other_language": "English", "other_language_label": "Deze pagina in het Engels",
        "editions": "Edities", "edition": "Editie",
        "outcome": "Uitkomst", "process": "Proces", "narrative": "Verhalend",
        "action_line": "Actielijn", "overall": "Overall indicator", "goal": "Doel",
        "indicator": "Indicator", "number": "Nr.", "key_figure": "Kerncijfer",
        "source": "Bron", "period": "Jaar", "reference_date": "Peildatum", "n": "n",
        "change": "Verandering", "desired": "gewenste richting",
        "undesired": "ongewenste richting", "unchanged": "gelijk gebleven",
        "not_comparable": "niet vergelijkbaar", "no_figure": "geen cijfer",
        "stories": "verhalen", "story": "verhaal",
        "provisional": "voorlopig cijfer", "lower_bound": "minimumschatting",
        "maximum_tariff": "maximumtarief", "estimate": "schatting", "projection": "prognose",
        "status_new": "nieuw cijfer", "status_still_valid": "nog steeds geldig",
        "status_not_updated": "niet geactualiseerd", "status_not_available": "niet beschikbaar",
        "status_not_applicable": "niet van toepassing", "status_in_development": "in ontwikkeling",
        "values_per_edition": "Kerncijfer per editie", "description": "Beschrijving",
        "definitions": "Definitie en wijzigingen", "from_edition": "vanaf editie",
        "serves_goal": "Aansluiting bij het programma", "breakdowns": "Verdieping",
        "table": "Tabel", "references": "Referenties", "quality": "Gegevenskwaliteit",
        "downloads": "Downloads", "download_csv": "CSV", "download_json": "JSON",
        "comparability": "Vergelijkbaarheid", "reasons": "reden",
        "value": "Waarde", "unit": "Eenheid", "total": "Totaal", "printed": "gedrukt als",
        "lead": "Trekker", "leads": "Trekkers", "milestone": "Mijlpaal", "timeline": "Looptijd",
        "status": "Status", "filter": "Filteren", "all": "Alle", "apply": "Toon",
        "partners": "Partners", "goals": "Doelen",
        "initiatives": "Lokale initiatieven", "kind": "Soort", "municipality": "Gemeente",
        "year": "Jaar", "count": "Aantal", "without_place": "Zonder bekende locatie",
        "choropleth": "Waarde per gemeente", "no_data": "geen gegevens",
        "map_table": "De kaart als tabel", "results": "Resultaten", "no_results": "Niets gevonden.",
        "search_label": "Zoek in indicatoren, acties en verhalen", "persons": "Personen",
        "read_story": "Lees het verhaal", "published": "Gepubliceerd", "not_found": "Pagina niet gevonden",
        "to_home": "Naar de startpagina", "derived_note": "Eigen berekening",
        "previous_edition": "vorige editie", "edition_of": "Dashboard van editie",
        "indicators_in_edition": "Indicatoren in deze editie",
        "flagged": "Aandachtspunt", "locations": "Vindplaats",
        "computed": "Eigen berekening", "computed_note": "Door Monitor Langer Thuis "
        "berekend uit open gegevens; geen cijfer uit een editie van de monitor.",
        "recipe": "Rekenrecept", "engine": "Rekenmachine", "input": "Invoer",
        "computed_at": "Berekend op", "on_map": "Bekijk op de kaart",
        "about_text": "Deze website toont de Monitor Langer Thuis van het RIVM als open "
                      "gegevens. Cijfers, namen en data komen uit de gepubliceerde monitors; "
                      "beschrijvingen en samenvattingen zijn in eigen woorden.",
    },
    "en": {
        "site": "Monitor Langer Thuis", "skip": "Skip to content", "menu": "Main menu",
        "dashboard": "Dashboard", "programme": "Programme", "actions": "Actions",
        "map": "Map", "reflection": "Reflection", "search": "Search", "about": "About",
        "other_language": "Nederlands", "other_language_label": "This page in Dutch",
        "editions": "Editions", "edition": "Edition",
        "outcome": "Outcome", "process": "Process", "narrative": "Narrative",
        "action_line": "Action line", "overall": "Overall indicator", "goal": "Goal",
        "indicator": "Indicator", "number": "No.", "key_figure": "Key figure",
        "source": "Source", "period": "Period", "reference_date": "Reference date", "n": "n",
        "change": "Change", "desired": "desired direction",
        "undesired": "undesired direction", "unchanged": "unchanged",
        "not_comparable": "not comparable", "no_figure": "no figure",
        "stories": "stories", "story": "story",
        "provisional": "provisional", "lower_bound": "lower bound",
        "maximum_tariff": "maximum tariff", "estimate": "estimate", "projection": "projection",
        "status_new": "new figure", "status_still_valid": "still valid",
        "status_not_updated": "not updated", "status_not_available": "not available",
        "status_not_applicable": "not applicable", "status_in_development": "in development",
        "values_per_edition": "Key figure per edition", "description": "Description",
        "definitions": "Definition and changes", "from_edition": "from edition",
        "serves_goal": "Link to the programme", "breakdowns": "Breakdown",
        "table": "Table", "references": "References", "quality": "Data quality",
        "downloads": "Downloads", "download_csv": "CSV", "download_json": "JSON",
        "comparability": "Comparability", "reasons": "reason",
        "value": "Value", "unit": "Unit", "total": "Total", "printed": "printed as",
        "lead": "Lead", "leads": "Leads", "milestone": "Milestone", "timeline": "Timeline",
        "status": "Status", "filter": "Filter", "all": "All", "apply": "Show",
        "partners": "Partners", "goals": "Goals",
        "initiatives": "Local initiatives", "kind": "Kind", "municipality": "Municipality",
        "year": "Year", "count": "Number", "without_place": "Without a known place",
        "choropleth": "Value per municipality", "no_data": "no data",
        "map_table": "The map as a table", "results": "Results", "no_results": "Nothing found.",
        "search_label": "Search indicators, actions and stories", "persons": "People",
        "read_story": "Read the story", "published": "Published", "not_found": "Page not found",
        "to_home": "To the home page", "derived_note": "Our own computation",
        "previous_edition": "previous edition", "edition_of": "Dashboard of the edition",
        "indicators_in_edition": "Indicators in this edition",
        "flagged": "Note", "locations": "Where in the sources",
        "computed": "Our own computation", "computed_note": "Computed by Monitor Langer "
        "Thuis from open data; not a figure of an edition of the monitor.",
        "recipe": "Recipe", "engine": "Engine", "input": "Input",
        "computed_at": "Computed at", "on_map": "See it on the map",
        "about_text": "This website shows RIVM's Monitor Langer Thuis as open data. Figures, "
                      "names and dates come from the published monitors; descriptions and "
                      "summaries are in our own words.",
    },
}


#: Names of the dimensions of breakdown tables, per language.
DIMENSIONS = {
    "nl": {"mark_band": "Rapportcijfer", "domain": "Onderdeel", "statistic": "Maat",
           "topic": "Onderwerp", "domains_well_arranged": "Levensgebieden goed geregeld",
           "theme": "Thema", "aspect": "Aspect", "party": "Partij", "year": "Jaar",
           "phase": "Fase", "measure": "Grootheid", "application": "Toepassing",
           "sex": "Geslacht", "age_group": "Leeftijd", "field": "Veld", "region": "Regio",
           "medium": "Medium", "housing_form": "Woonvorm", "ownership": "Eigenaar",
           "role": "Rol", "municipality_code": "Gemeente"},
    "en": {"mark_band": "Mark", "domain": "Domain", "statistic": "Statistic",
           "topic": "Topic", "domains_well_arranged": "Life domains well arranged",
           "theme": "Theme", "aspect": "Aspect", "party": "Party", "year": "Year",
           "phase": "Phase", "measure": "Measure", "application": "Application",
           "sex": "Sex", "age_group": "Age", "field": "Field", "region": "Region",
           "medium": "Medium", "housing_form": "Housing form", "ownership": "Owner",
           "role": "Role", "municipality_code": "Municipality"},
}


def dimension_label(name: str, lang: str) -> str:
    return DIMENSIONS[lang].get(name, name.replace("_", " "))


def translator(lang: str):
    table = TEXT[lang]

    def t(key: str) -> str:
        return table.get(key, key)
    return t
