"""Reading YAML so that every mapping remembers its line, and duplicate keys are errors
(PyYAML would silently keep the last one)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, Problem, Where


class LineDict(dict):
    """A mapping read from YAML, with the line it starts on (1-based)."""

    line: int | None = None


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise _DuplicateKey(key, line, seen[key])
        seen[key] = line
    out = LineDict(loader.construct_mapping(node, deep=True))
    out.line = node.start_mark.line + 1
    return out


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int, first: int):
        self.key, self.line, self.first = key, line, first


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, shown: str) -> Any:
    """Parse one YAML file; `shown` is the name used for it in error messages."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(Where(shown), f"is not UTF-8 text ({exc.reason} at byte "
                                                  f"{exc.start}); save the file as UTF-8")])
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except _DuplicateKey as exc:
        raise ContentError([Problem(Where(shown, exc.line), f"key {exc.key!r} appears twice "
                                    f"(first on line {exc.first}); keep one of them")])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        raise ContentError([Problem(Where(shown, line), f"is not valid YAML: {what}")])
