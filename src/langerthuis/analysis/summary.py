"""Summaries of the per-indicator facts: per action line, per kind, for the whole edition,
and the recount of the counts that the published reflection states."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .. import model as m
from ..model.vocabulary import ClaimMetric
from .compare import Direction, IndicatorFact


@dataclass
class Summary:
    key: str
    total: int = 0
    updated: list[int] = field(default_factory=list)
    not_updated: list[int] = field(default_factory=list)
    desired: list[int] = field(default_factory=list)
    undesired: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    not_comparable: list[int] = field(default_factory=list)

    def add(self, fact: IndicatorFact) -> None:
        self.total += 1
        (self.updated if fact.updated else self.not_updated).append(fact.number)
        getattr(self, str(fact.direction)).append(fact.number)

    def to_dict(self) -> dict:
        return {"key": self.key, "total": self.total, "updated": len(self.updated),
                "not_updated": self.not_updated, "desired": len(self.desired),
                "undesired": self.undesired, "unchanged": self.unchanged,
                "not_comparable": self.not_comparable, "updated_numbers": self.updated,
                "desired_numbers": self.desired}


def summarise(facts: Iterable[IndicatorFact], key: Callable[[IndicatorFact], str]) -> dict[str, Summary]:
    out: dict[str, Summary] = {}
    for fact in facts:
        k = key(fact)
        out.setdefault(k, Summary(k)).add(fact)
    return out


def by_action_line(facts: list[IndicatorFact]) -> dict[str, Summary]:
    """Per action line; the overall indicator has a group of its own, "overall"."""
    return summarise(facts, lambda f: "overall" if f.action_line is None else str(f.action_line))


def by_kind(facts: list[IndicatorFact]) -> dict[str, Summary]:
    return summarise(facts, lambda f: f.kind)


def whole(facts: list[IndicatorFact]) -> Summary:
    return summarise(facts, lambda f: "all").get("all", Summary("all"))


@dataclass
class ClaimCheck:
    claim_id: str
    text: str
    text_en: str | None
    metric: str
    published: tuple[int, int]
    computed: tuple[int, int]
    in_scope: list[int]
    counted: list[int]
    not_comparable: list[tuple[int, list[str]]]
    source_location: str | None

    @property
    def agrees(self) -> bool:
        return self.published == self.computed

    def to_dict(self) -> dict:
        return {"claim_id": self.claim_id, "text": self.text, "text_en": self.text_en,
                "metric": self.metric,
                "published_value": self.published[0], "published_of": self.published[1],
                "computed_value": self.computed[0], "computed_of": self.computed[1],
                "agrees": self.agrees, "counted": self.counted,
                "not_comparable": [{"number": n, "reasons": r} for n, r in self.not_comparable],
                "source_location": self.source_location}


_COUNTS: dict[str, Callable[[IndicatorFact], bool]] = {
    ClaimMetric.UPDATED: lambda f: f.updated,
    ClaimMetric.NOT_UPDATED: lambda f: not f.updated,
    ClaimMetric.DESIRED: lambda f: f.direction == Direction.DESIRED,
    ClaimMetric.NOT_DESIRED: lambda f: f.direction != Direction.DESIRED,
}


def in_scope(fact: IndicatorFact, claim: m.PublishedClaim) -> bool:
    if claim.kinds and fact.kind not in claim.kinds:
        return False
    if not claim.action_lines:
        return True
    if fact.is_overall:
        return claim.include_overall
    return fact.action_line in claim.action_lines


def check_claim(claim: m.PublishedClaim, facts: list[IndicatorFact]) -> ClaimCheck:
    scope = [f for f in facts if in_scope(f, claim)]
    counted = [f.number for f in scope if _COUNTS[claim.metric](f)]
    return ClaimCheck(
        claim_id=claim.id, text=claim.text, text_en=claim.text_en, metric=claim.metric,
        published=(claim.value, claim.of), computed=(len(counted), len(scope)),
        in_scope=[f.number for f in scope], counted=counted,
        not_comparable=[(f.number, [str(r) for r in f.reasons]) for f in scope
                        if f.direction == Direction.NOT_COMPARABLE],
        source_location=claim.source_location)
