"""Checking every municipality reference in the content against the registry of its year."""
from __future__ import annotations

from ..content import ContentSet
from ..errors import Problem
from .errors import UnknownMunicipality
from .registry import Registry


def check_references(content: ContentSet, registry: Registry) -> list[Problem]:
    problems = []
    for p in content.programmes:
        for ini in p.initiatives:
            if ini.municipality_code is None:
                continue
            where = ini.where.at("municipality_code")
            try:
                found = registry.get(ini.municipality_code, ini.year)
            except UnknownMunicipality as exc:
                problems.append(Problem(where, str(exc)))
                continue
            if ini.municipality_name is None:
                continue
            try:
                named = registry.lookup(ini.municipality_name, ini.year)
            except UnknownMunicipality as exc:
                problems.append(Problem(ini.where.at("municipality_name"), str(exc)))
                continue
            if named.code != found.code:
                problems.append(Problem(ini.where.at("municipality_name"),
                                        f"{ini.municipality_name!r} is {named.code} in "
                                        f"{ini.year}, but the code given is {found.code} "
                                        f"({found.name})"))
    return problems
