"""Getting content ready to load: validate it, check its municipality references against
the map of their year, and add the figures we compute from the open data. One place, used
by `langerthuis load` and by the tests, so that both load the same thing.

`verify` is every rule `load` applies and nothing more: `langerthuis check` runs it, so that
check refuses exactly what load refuses (tests/test_bad_input.py runs both on every bad
input), and `import` runs its geography part on an imported monitor.json."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .content import ContentSet, check_content
from .errors import ContentError
from .geography.registry import Registry


@dataclass
class Prepared:
    content: ContentSet
    registry: Registry | None
    derived: bool  # whether figures computed from the open data were added
    #: residents per municipality and age band: (year, [(code, age band, persons)])
    population: tuple[int, list[tuple[str, str, float]]] | None = None


def verify(content_root: Path, open_data_dir: Path | None) -> tuple[ContentSet, Registry | None]:
    """The content under `content_root`, after every rule `load` applies: the content rules
    and, with the open data, the municipality references against the map of their year.
    Raises ContentError listing the problems; writes nothing."""
    content = check_content(content_root)
    registry = check_geography(content, open_data_dir)
    return content, registry


def check_geography(content: ContentSet, open_data_dir: Path | None) -> Registry | None:
    """The registry of municipalities from the open data (None without it), after checking
    every municipality reference of `content` against it; ContentError on a problem."""
    if open_data_dir is None or not open_data_dir.is_dir():
        return None
    from .geography.check import check_references
    from .geography.registry import build_registry
    from .geography.sources import OpenData
    registry = build_registry(OpenData(open_data_dir))
    problems = check_references(content, registry)
    if problems:
        raise ContentError(problems)
    return registry


def prepare(content_root: Path, open_data_dir: Path | None) -> Prepared:
    """Raises ContentError when the content or a municipality reference is invalid. Without
    the open data (None or missing folder) there is no geography and nothing derived."""
    content, registry = verify(content_root, open_data_dir)
    if registry is None:
        return Prepared(content, None, False)
    from .compute import population
    from .compute.derived import add_support_ratio
    from .geography.sources import OpenData
    data = OpenData(open_data_dir)
    from .housing.estimate import estimate_from_open_data
    content.area_estimates = estimate_from_open_data(content.housing_targets, data, registry)
    derived = add_support_ratio(content, data, registry)
    return Prepared(content, registry, derived, population.age_bands(data, registry))
