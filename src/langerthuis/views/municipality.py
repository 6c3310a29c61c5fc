"""Mijn gemeente: what the monitor knows about each municipality of the latest registry
year: its regions, its residents aged 75+ and 85+ (CBS postcode data), the oldest-old
support ratio beside its shrinking region and the Netherlands, the local initiatives there
(carried over mergers by the crosswalk) and the municipalities most like it.

Similar municipalities, the rule: the same size class by residents (under 20,000;
20,000-50,000; 50,000-100,000; 100,000 and more), and within it the five whose share of
residents aged 75+ is closest (ties by name)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from ..formatting import format_number
from ..geography.names import slug
from ..i18n import localised, translations
from ..store.dataset import Dataset
from .initiative_map import carry, kind_words

#: The oldest-old support ratio we compute at load (compute/derived.py).
SUPPORT_RATIO_TABLE = "oldest-old-support-ratio-2021-cbs-table"
SUPPORT_RATIO_INDICATOR = "oldest-old-support-ratio"
CARER_BANDS = ("50-54", "55-59", "60-64", "65-69", "70-74")
BANDS_75 = ("75-79", "80-84", "85-89", "90-94", "95+")
BANDS_85 = ("85-89", "90-94", "95+")
#: Lower bounds of the size classes (residents), for similar municipalities.
SIZE_CLASSES = (0, 20_000, 50_000, 100_000)
SIMILAR = 5
#: A predecessor counts when at least this share of it went into the municipality.
PART = 0.05


@dataclass(frozen=True)
class Residents:
    """Residents on 1 January of the population year, within the boundaries of the page's
    year; None where the open data give no count."""
    total: float
    aged_75: float
    aged_85: float
    carers: float  # aged 50-74, the numerator of the support ratio

    @property
    def share_75(self) -> float | None:
        return 100 * self.aged_75 / self.total if self.total else None

    @property
    def share_85(self) -> float | None:
        return 100 * self.aged_85 / self.total if self.total else None


@dataclass(frozen=True)
class LocalInitiative:
    id: str
    name: str  # its own name, or its kind in words (Dutch)
    kind: str
    year: int
    action_line: int | None
    indicator_id: str | None
    indicator: tuple[str, str | None]  # Dutch and English title of its indicator
    municipality_name: str  # where the sources place it (in its own year)
    name_en: str = ""  # its own name, or its kind in English words


@dataclass(frozen=True)
class MunicipalityFacts:
    """One municipality, language-independent: what its page and the API show."""
    code: str
    name: str
    slug: str
    year: int
    province: str | None
    ggd_region: str | None
    care_office_region: str | None
    shrinking_region: str | None
    predecessors: tuple[str, ...]  # names of the municipalities merged into it since then
    residents: Residents | None
    support_ratio: float | None
    support_ratio_recomputed: bool  # recomputed from residents for today's boundaries
    size_class: int  # index into SIZE_CLASSES
    initiatives: tuple[LocalInitiative, ...]
    similar: tuple[str, ...]  # codes


@dataclass(frozen=True)
class MunicipalityData:
    year: int  # the registry year of the pages
    population_year: int | None
    items: tuple[MunicipalityFacts, ...]  # by name
    keys: dict[str, str]  # code (upper and lower case) and slug -> code
    country: Residents | None
    country_ratio: float | None
    region_ratios: dict[str, float]

    def get(self, key: str) -> MunicipalityFacts | None:
        code = self.keys.get(key) or self.keys.get(key.lower())
        return next((x for x in self.items if x.code == code), None) if code else None

    @property
    def by_code(self) -> dict[str, MunicipalityFacts]:
        return {x.code: x for x in self.items}


def _carried(data: Dataset, year: int, counts: dict[str, dict[str, float]], to_year: int
             ) -> tuple[dict[str, dict[str, float]], dict[str, set[str]]]:
    """Counts per code and age band of `year` carried to the boundaries of `to_year` over
    the crosswalk (each link's weight is the share of the old municipality that went into
    the new one); and per new code, the old codes that brought in at least PART of
    themselves."""
    current = {c: dict(v) for c, v in counts.items()}
    sources = {c: {c} for c in counts}
    for y in range(year, to_year):
        links = [k for k in data.links if k.from_year == y and k.to_year == y + 1]
        if not links:
            return {}, {}
        nxt: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        came: dict[str, set[str]] = defaultdict(set)
        for k in links:
            for band, n in current.get(k.from_code, {}).items():
                nxt[k.to_code][band] += n * k.weight
            if k.weight >= PART:
                came[k.to_code] |= sources.get(k.from_code, {k.from_code})
        current, sources = {c: dict(v) for c, v in nxt.items()}, dict(came)
    return current, sources


def _residents(bands: dict[str, float]) -> Residents:
    def total(names) -> float:
        return sum(bands.get(b, 0.0) for b in names)
    return Residents(sum(bands.values()), total(BANDS_75), total(BANDS_85), total(CARER_BANDS))


def _size_class(residents: Residents | None) -> int:
    if residents is None:
        return -1
    return max(i for i, low in enumerate(SIZE_CLASSES) if residents.total >= low)


def _similar(items: list[MunicipalityFacts]) -> dict[str, tuple[str, ...]]:
    out = {}
    for x in items:
        if x.residents is None or x.residents.share_75 is None:
            out[x.code] = ()
            continue
        peers = [y for y in items if y.code != x.code and y.size_class == x.size_class
                 and y.residents is not None and y.residents.share_75 is not None]
        peers.sort(key=lambda y: (abs(y.residents.share_75 - x.residents.share_75), y.name))
        out[x.code] = tuple(y.code for y in peers[:SIMILAR])
    return out


def _initiatives(data: Dataset, year: int, years: set[int]) -> dict[str, list[LocalInitiative]]:
    """The initiatives placed in a municipality, under the municipality of `year` that holds
    that place now."""
    out: dict[str, list[LocalInitiative]] = defaultdict(list)
    for i in data.initiatives:
        if not i.municipality_code or i.year not in years:
            continue
        codes = carry(data.links, i.municipality_code, i.year, year)
        if not codes and i.year - 1 in years:  # a code of the year before, as on the map
            codes = carry(data.links, i.municipality_code, i.year - 1, year)
        ind = i.indicator
        nl, en = (i.name, i.name) if i.name else kind_words(i)
        row = LocalInitiative(i.id, nl, i.kind, i.year,
                              i.action_line.number if i.action_line else None, i.indicator_id,
                              (ind.title, ind.title_en) if ind else ("", None),
                              i.municipality_name or "", en)
        for code in codes:
            out[code].append(row)
    return out


def municipality_data(data: Dataset) -> MunicipalityData:
    years = {x.year for x in data.municipalities}
    if not years:
        return MunicipalityData(0, None, (), {}, None, None, {})
    year = max(years)
    names = {(x.year, x.code): x.name for x in data.municipalities}
    counts: dict[str, dict[str, float]] = defaultdict(dict)
    pop_years = {p.year for p in data.population}
    pop_year = max(pop_years) if pop_years else None
    for p in data.population:
        if p.year == pop_year:
            counts[p.code][p.age_band] = p.persons
    country = _residents({b: sum(v.get(b, 0.0) for v in counts.values())
                          for b in {b for v in counts.values() for b in v}}) if counts else None
    municipal = {c: v for c, v in counts.items() if c}
    carried, sources = (_carried(data, pop_year, municipal, year) if pop_year in years
                        else ({}, {}))
    table = next((t for t in data.tables if t.id == SUPPORT_RATIO_TABLE), None)
    ratios, regions, country_ratio = {}, {}, None
    for r in table.rows if table else ():
        code, region = r.dimensions.get("municipality_code"), r.dimensions.get("shrinking_region")
        if code:
            ratios[code] = r.value
        elif region:
            regions[region] = r.value
        else:
            country_ratio = r.value
    placed = _initiatives(data, year, years)
    items = []
    for x in (x for x in data.municipalities if x.year == year):
        residents = _residents(carried[x.code]) if x.code in carried else None
        came = sources.get(x.code, set())
        ratio, recomputed = None, False
        if came == {x.code} and x.code in ratios:
            ratio = ratios[x.code]
        elif residents is not None and residents.aged_85:
            ratio, recomputed = residents.carers / residents.aged_85, True
        before = tuple(sorted(names.get((pop_year, c)) or c for c in came if c != x.code))
        name = x.name or x.code
        items.append(MunicipalityFacts(
            x.code, name, slug(name) if x.name else x.code.lower(), year, x.province,
            x.ggd_region, x.care_office_region, x.shrinking_region, before, residents, ratio,
            recomputed, _size_class(residents),
            tuple(sorted(placed.get(x.code, ()), key=lambda i: (i.year, i.name))), ()))
    similar = _similar(items)
    items = sorted((replace(x, similar=similar[x.code]) for x in items), key=lambda x: x.slug)
    keys = {}
    for x in items:
        keys[x.code] = keys[x.code.lower()] = keys[x.slug] = x.code
    return MunicipalityData(year, pop_year, tuple(items), keys, country, country_ratio, regions)


# --- what a page shows, in its language ----------------------------------------------------

@dataclass(frozen=True)
class Comparison:
    label: str
    support_ratio: float | None
    share_75: float | None
    share_85: float | None
    own: bool = False


@dataclass(frozen=True)
class InitiativeLine:
    name: str
    year: int
    action_line: int | None
    indicator_id: str | None
    indicator: str
    place: str  # where the sources placed it, when that was another (former) municipality


@dataclass(frozen=True)
class MunicipalityView:
    facts: MunicipalityFacts
    population_year: int | None
    comparison: tuple[Comparison, ...]
    initiatives: tuple[InitiativeLine, ...]
    similar: tuple[MunicipalityFacts, ...]
    size_class: str
    predecessors: str  # "Brielle, Hellevoetsluis and Westvoorne"
    # The housing task of the municipality (WOZO) will be added here when it is content.


def size_class_text(index: int, lang: str) -> str:
    _ = translations(lang).gettext
    if index < 0:
        return ""
    if index == len(SIZE_CLASSES) - 1:
        return _("{n} residents or more").format(n=_thousands(SIZE_CLASSES[index], lang))
    return _("{low} to {high} residents").format(low=_thousands(SIZE_CLASSES[index], lang),
                                                 high=_thousands(SIZE_CLASSES[index + 1], lang))


def _thousands(n: int, lang: str) -> str:
    return format_number(n, 0, lang)


def municipality_view(md: MunicipalityData, x: MunicipalityFacts, lang: str) -> MunicipalityView:
    _ = translations(lang).gettext
    rows = [Comparison(x.name, x.support_ratio,
                       x.residents.share_75 if x.residents else None,
                       x.residents.share_85 if x.residents else None, True)]
    if x.shrinking_region:
        rows.append(Comparison(_("Shrinking region {name}").format(name=x.shrinking_region),
                               md.region_ratios.get(x.shrinking_region), None, None))
    rows.append(Comparison(_("The Netherlands"), md.country_ratio,
                           md.country.share_75 if md.country else None,
                           md.country.share_85 if md.country else None))
    lines = tuple(InitiativeLine(
        localised(i.name, i.name_en, lang), i.year, i.action_line, i.indicator_id, localised(*i.indicator, lang),
        i.municipality_name if i.municipality_name and i.municipality_name != x.name else "")
        for i in x.initiatives)
    by_code = md.by_code
    return MunicipalityView(x, md.population_year, tuple(rows), lines,
                            tuple(by_code[c] for c in x.similar),
                            size_class_text(x.size_class, lang), names_text(x.predecessors, lang))


def names_text(names: tuple[str, ...], lang: str) -> str:
    """Names as a sentence lists them: "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return translations(lang).gettext("{first} and {last}").format(
        first=", ".join(names[:-1]), last=names[-1])


#: How the index can be sorted (a link per column, no script needed).
INDEX_SORTS = {
    "name": lambda x: (x.slug,),
    "province": lambda x: (x.province or "", x.slug),
    "residents": lambda x: (-(x.residents.total if x.residents else -1), x.slug),
    "share_75": lambda x: (-(x.residents.share_75 or 0 if x.residents else -1), x.slug),
    "support_ratio": lambda x: (x.support_ratio if x.support_ratio is not None else 1e9,
                                x.slug),
    "initiatives": lambda x: (-len(x.initiatives), x.slug),
}


@dataclass(frozen=True)
class MunicipalityIndex:
    year: int
    population_year: int | None
    provinces: tuple[str, ...]
    items: tuple[MunicipalityFacts, ...]  # filtered and sorted
    total: int


def municipality_index(md: MunicipalityData, province: str | None, sort: str | None
                       ) -> MunicipalityIndex:
    shown = [x for x in md.items if not province or x.province == province]
    shown.sort(key=INDEX_SORTS.get(sort or "name", INDEX_SORTS["name"]))
    return MunicipalityIndex(md.year, md.population_year, tuple(sorted({x.province for x in md.items
                                                    if x.province})), tuple(shown),
                             len(md.items))
