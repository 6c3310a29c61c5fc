"""Linking the records of several sources that describe the same project, so that no home
is counted twice, and resolving what the linked records say.

Which records are one project (always within one category of homes; the homes of another
category at the same place are another part, counted on their own):
1. the same BAG id (`bag_id`);
2. else the same address: postcode and house number, normalised (`1234 ab` is `1234AB`,
   `12 A` is `12a`); in the Netherlands these two name one address, so the street is not
   compared;
3. else, for a record with neither (a plan without a place yet), a fuzzy match on the
   project's name within the same municipality and category: the score is 0.8 times the
   similarity of the normalised names (difflib's ratio; lower case, accents, punctuation
   and words such as "woningen" left out) plus 0.2 when the numbers of homes lie within
   10% (or 2 homes) of each other. At `LINK_SCORE` or more the record joins the best
   project; from `REVIEW_SCORE` to `LINK_SCORE` it stays a project of its own and the pair
   goes on the review list. A fuzzy match never joins a project that already holds a
   record of the same source (a source does not list one project twice).

Which source wins (`resolve`): a project counts as realised when any of its sources
reports it realised (a realisation overrules a plan); among the records with that status
the source of the lowest rank gives the figures (`deliveries.SOURCES`: CBS Woonbase 1,
dVi 2, the housebuilding monitor 3, ZN 4, subsidy applications 5: registered dwellings
before an owner's returns, before a planning monitor, before a sector's plans, before an
application). Its records' homes are added up (a source may list a project in parts) and
the latest year counts. Where the sources say different things (homes, year, status) the
disagreement is kept with the project: what each source said and what was chosen."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from ..model.vocabulary import DeliveryStatus
from .deliveries import SOURCES

LINK_SCORE = 0.85
REVIEW_SCORE = 0.6
#: Candidates compared per record in a fuzzy match (those sharing the rarest words).
MAX_CANDIDATES = 50
_STOP = {"de", "het", "een", "van", "aan", "op", "in", "en", "te", "woningen", "woning",
         "appartementen", "wonen", "project", "fase", "complex", "nieuwbouw", "ouderen",
         "senioren", "woonzorgcomplex", "woonzorgcentrum", "zorgwoningen", "seniorenwoningen"}


@dataclass(frozen=True)
class Rec:
    """A delivery as the linking sees it."""

    id: int
    source: str
    record_id: str
    project_name: str | None
    bag_id: str | None
    postcode: str | None
    house_number: str | None
    municipality_code: str
    category: str
    status: str
    homes: int
    year: int


@dataclass
class Project:
    id: int
    name: str | None
    municipality_code: str
    category: str
    status: str
    homes: int
    year: int
    source: str
    sources: list[str]
    link_method: str
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    disagreement_count: int = 0


@dataclass
class Linking:
    project_of: dict[int, int]  # delivery id -> project id
    method_of: dict[int, str]  # delivery id -> how it was linked (bag_id, address, fuzzy, none)
    projects: list[Project]
    reviews: list[tuple[int, int, float, str]]  # (delivery id, delivery id, score, reason)


def normalise_number(number: str) -> str:
    return re.sub(r"[\s\-/]", "", number).lower()


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(w for w in words if w not in _STOP)


class _Sets:
    """Union-find over record positions, with the sources in each set."""

    def __init__(self, records: Sequence[Rec]):
        self.parent = list(range(len(records)))
        self.sources = [{r.source} for r in records]

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            if a > b:
                a, b = b, a
            self.parent[b] = a
            self.sources[a] |= self.sources[b]
            self.sources[b] = set()


def link(records: Sequence[Rec]) -> Linking:
    """Link `records` (of every source) into projects; see the module's description."""
    sets = _Sets(records)
    method = ["none"] * len(records)
    first: dict[tuple, int] = {}
    unlocated: list[int] = []
    for i, r in enumerate(records):
        keys = []
        if r.bag_id:
            keys.append(("bag_id", r.bag_id, r.category))
        if r.postcode and r.house_number:
            keys.append(("address", r.postcode, normalise_number(r.house_number), r.category))
        if not keys:
            unlocated.append(i)
        for key in keys:
            j = first.setdefault(key, i)
            if j != i:
                sets.union(i, j)
                if method[i] == "none":
                    method[i] = key[0]
                if method[j] == "none":
                    method[j] = key[0]
    reviews = _fuzzy(records, sets, method, unlocated)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        groups[sets.find(i)].append(i)
    project_of: dict[int, int] = {}
    projects: list[Project] = []
    for number, (_, members) in enumerate(sorted(groups.items()), start=1):
        linked = [records[i] for i in members]
        methods = {method[i] for i in members} - {"none"}
        how = next((m for m in ("fuzzy", "address", "bag_id") if m in methods), "none")
        projects.append(resolve(number, linked, how))
        for r in linked:
            project_of[r.id] = number
    return Linking(project_of, {records[i].id: method[i] for i in range(len(records))},
                   projects, reviews)


def _fuzzy(records: Sequence[Rec], sets: _Sets, method: list[str],
           unlocated: list[int]) -> list[tuple[int, int, float, str]]:
    names = {i: normalise_name(r.project_name) for i, r in enumerate(records) if r.project_name}
    index: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, name in names.items():
        block = index[(records[i].municipality_code, records[i].category)]
        for word in set(name.split()):
            block[word].append(i)
    reviews = []
    order = sorted(unlocated, key=lambda i: (SOURCES[records[i].source].rank, i))
    for i in order:
        r = records[i]
        name = names.get(i)
        if not name:
            continue
        block = index[(r.municipality_code, r.category)]
        words = sorted(set(name.split()), key=lambda w: len(block[w]))
        candidates: list[int] = []
        for w in words:
            candidates += [j for j in block[w] if j != i]
            if len(candidates) >= MAX_CANDIDATES:
                break
        best: dict[int, tuple[float, int]] = {}
        for j in dict.fromkeys(candidates[:MAX_CANDIDATES]):
            root = sets.find(j)
            if root == sets.find(i) or r.source in sets.sources[root]:
                continue
            current = best.get(root)
            score = _score(name, names[j], r.homes, records[j].homes,
                           current[0] if current else REVIEW_SCORE)
            if score >= REVIEW_SCORE and (current is None or score > current[0]):
                best[root] = (score, j)
        if not best:
            continue
        root, (score, j) = max(best.items(), key=lambda kv: (kv[1][0], -kv[0]))
        if score >= LINK_SCORE:
            sets.union(i, j)
            method[i] = "fuzzy"
        elif score >= REVIEW_SCORE:
            reviews.append((records[j].id, r.id, round(score, 3),
                            f"similar names {records[j].project_name!r} and "
                            f"{r.project_name!r} in {r.municipality_code}, {r.category}"))
    return reviews


def _score(a: str, b: str, homes_a: int, homes_b: int, needed: float = 0.0) -> float:
    """The score of a pair; 0 when it cannot reach `needed` (checked on difflib's cheap
    upper bounds of the ratio first)."""
    close = 0.2 if abs(homes_a - homes_b) <= max(2, 0.1 * max(homes_a, homes_b)) else 0.0
    matcher = SequenceMatcher(None, a, b)
    if 0.8 * matcher.real_quick_ratio() + close < needed or \
            0.8 * matcher.quick_ratio() + close < needed:
        return 0.0
    return 0.8 * matcher.ratio() + close


def resolve(number: int, linked: Sequence[Rec], how: str) -> Project:
    """The project that linked records describe, by the rule in the module's description."""
    realised = any(r.status == DeliveryStatus.REALISED for r in linked)
    status = DeliveryStatus.REALISED if realised else DeliveryStatus.PLANNED
    counted = [r for r in linked if r.status == status]
    winner = min(counted, key=lambda r: (SOURCES[r.source].rank, r.record_id)).source
    mine = [r for r in counted if r.source == winner]
    by_source: dict[str, list[Rec]] = defaultdict(list)
    for r in linked:
        by_source[r.source].append(r)
    said = {src: {"homes": sum(r.homes for r in rs), "year": max(r.year for r in rs),
                  "status": (DeliveryStatus.REALISED if any(r.status == DeliveryStatus.REALISED
                                                            for r in rs) else DeliveryStatus.PLANNED)}
            for src, rs in by_source.items()}
    chosen = {"homes": sum(r.homes for r in mine), "year": max(r.year for r in mine),
              "status": str(status)}
    disagreements = []
    for key in ("homes", "year", "status"):
        values = {src: (str(v[key]) if key == "status" else v[key]) for src, v in said.items()}
        if len(set(values.values())) > 1:
            disagreements.append({"field": key, "chosen": chosen[key], "source": winner,
                                  "values": dict(sorted(values.items(),
                                                        key=lambda kv: SOURCES[kv[0]].rank))})
    name = next((r.project_name for r in sorted(linked, key=lambda r: SOURCES[r.source].rank)
                 if r.project_name), None)
    sources = sorted(by_source, key=lambda s: SOURCES[s].rank)
    return Project(number, name, mine[0].municipality_code, mine[0].category, str(status),
                   chosen["homes"], chosen["year"], winner, sources, how, disagreements,
                   len(disagreements))
