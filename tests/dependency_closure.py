"""Which installed distributions a list of requirements needs, following their own
requirements (and the extras asked for) recursively; and which requirements no installed
distribution meets.

tests/test_packaging.py runs this file with the interpreter of an environment, so that it
looks at that environment's distributions:

    python dependency_closure.py REQUIREMENT...           the given requirements
    python dependency_closure.py --installed NAME         the requirements of NAME

It prints JSON: {"distributions": {name: {"version", "root", "files"}}, "unmet": [...]},
where "files" are the paths (relative to "root") that the distribution installed there.
Only the standard library and `packaging` (or pip's copy of it) are needed.
"""
from __future__ import annotations

import json
import sys
from importlib import metadata

try:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # an environment without packaging still has pip's copy
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name


def _applies(requirement: Requirement, extras: tuple[str, ...]) -> bool:
    """Whether the requirement holds here for a requirer installed with `extras`."""
    marker = requirement.marker
    return marker is None or any(marker.evaluate({"extra": extra}) for extra in extras)


def closure(requirements: list[str]) -> tuple[dict[str, metadata.Distribution], list[str]]:
    found: dict[str, metadata.Distribution] = {}
    unmet: list[str] = []
    done: set[tuple[str, frozenset[str]]] = set()
    todo = [(text, ("",)) for text in requirements]  # (requirement, extras of its requirer)
    while todo:
        text, extras = todo.pop()
        requirement = Requirement(text)
        if not _applies(requirement, extras):
            continue
        try:
            dist = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            unmet.append(f"{text}: not installed")
            continue
        if not requirement.specifier.contains(dist.version, prereleases=True):
            unmet.append(f"{text}: {dist.version} is installed")
            continue
        key = (canonicalize_name(requirement.name), frozenset(requirement.extras))
        if key in done:
            continue
        done.add(key)
        found[key[0]] = dist
        asked = ("",) + tuple(sorted(requirement.extras))
        todo += [(child, asked) for child in dist.requires or []]
    return found, sorted(set(unmet))


def describe(dist: metadata.Distribution) -> dict:
    root = dist.locate_file("")
    files = (None if dist.files is None  # installed without a RECORD
             else [str(f) for f in dist.files if not str(f).startswith("..")])
    return {"version": dist.version, "root": str(root), "files": files}


def main(argv: list[str]) -> None:
    if argv[:1] == ["--installed"]:
        requirements = metadata.distribution(argv[1]).requires or []
    else:
        requirements = argv
    found, unmet = closure(requirements)
    json.dump({"distributions": {name: describe(d) for name, d in sorted(found.items())},
               "unmet": unmet}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
