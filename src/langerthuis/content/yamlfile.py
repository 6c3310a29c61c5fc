"""Reading YAML so that every mapping remembers its line, and duplicate keys are errors
(PyYAML would silently keep the last one).

Content files are plain data, so the reader refuses what plain data does not need and what
would let a small file exhaust the machine: anchors and aliases (a kilobyte of nested
aliases expands to gigabytes, "billion laughs"), nesting deeper than `MAX_DEPTH` (the
composer recurses per level) and files larger than `MAX_YAML_BYTES`. A scalar that looks
like a date or a number but is none (2020-02-30, an integer of 5,000 digits) is a problem
on its line, not a traceback."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import re

import yaml

from ..errors import ContentError, Problem, Where
from .files import decode, read_bytes
from .limits import MAX_DEPTH, MAX_YAML_BYTES
from .numbers import PLAIN_FLOAT, PLAIN_INTEGER, REFUSED_FORMS, float_problem, refusal


class LineDict(dict):
    """A mapping read from YAML, with the line it starts on (1-based)."""

    line: int | None = None


class _Refused(Exception):
    """Something the reader does not accept, at a line of the file."""

    def __init__(self, mark: Any, message: str, key: str | None = None):
        self.line = mark.line + 1 if mark is not None else None
        self.message = message
        self.key = key


_INT, _FLOAT, _BOOL = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                       "tag:yaml.org,2002:bool")
#: The tag of an unquoted scalar that YAML 1.1 reads as another number than it shows.
_REFUSED = "tag:langerthuis,2026:refused-number"


class _Loader(yaml.SafeLoader):
    depth = 0
    #: YAML 1.2's core schema for numbers and booleans instead of YAML 1.1's (see numbers.py).
    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in (_INT, _FLOAT, _BOOL)]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, _no_aliases(f"the alias *{event.anchor}"))
        if getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, _no_aliases(f"the anchor &{event.anchor}"))
        if not isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            return super().compose_node(parent, index)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"nests lists and mappings more than "
                               f"{MAX_DEPTH} levels deep; content records need a few levels")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _no_aliases(what: str) -> str:
    return (f"uses {what}: content files may not use YAML anchors (&) and aliases (*), "
            "which let a few lines expand to gigabytes; write the value out in full")


def _scalar_problem(node: Any) -> str | None:
    """Why an unquoted number does not hold what it shows, or None."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    if node.tag == _REFUSED:
        return refusal(node.value)
    if node.tag == _FLOAT:
        return float_problem(node.value, float(node.value))
    return None


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    seen: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        problem = _scalar_problem(value_node)
        if problem:
            raise _Refused(value_node.start_mark, problem,
                           key if isinstance(key, str) else None)
        line = key_node.start_mark.line + 1
        try:
            first = seen.get(key)
        except TypeError:
            raise _Refused(key_node.start_mark, f"has a {type(key).__name__} as a key; keys "
                           "are plain words") from None
        if first is not None:
            raise _Refused(key_node.start_mark, f"key {key!r} appears twice (first on line "
                           f"{first}); keep one of them")
        seen[key] = line
    out = LineDict(loader.construct_mapping(node, deep=True))
    out.line = node.start_mark.line + 1
    return out


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", node.value, re.ASCII) and \
            re.fullmatch(r"[0-9-]+", node.value, re.ASCII):
        raise _Refused(node.start_mark, f"found {node.value}, a date without its leading "
                       "zeros; write it as YYYY-MM-DD (2020-01-05)")
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError) as exc:
        raise _Refused(node.start_mark, f"found {node.value!r}, which is not a date ({exc}); "
                       "write an existing date as YYYY-MM-DD") from None


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_int(node)
    except ValueError:
        raise _Refused(node.start_mark, f"found a number of {len(node.value):,} characters, "
                       "far beyond any number content holds (a signed 64-bit integer at "
                       "most)") from None


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> float:
    value = float(node.value)
    problem = float_problem(node.value, value)
    if problem:
        raise _Refused(node.start_mark, problem)
    return value


def _construct_refused(loader: _Loader, node: yaml.ScalarNode) -> Any:
    raise _Refused(node.start_mark, refusal(node.value))


def _anchored(pattern: re.Pattern) -> re.Pattern:
    return re.compile(rf"^(?:{pattern.pattern})\Z", re.ASCII)


_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)\Z"),
                              list("tTfF"))
_Loader.add_implicit_resolver(_INT, _anchored(PLAIN_INTEGER), list("-+0123456789"))
_Loader.add_implicit_resolver(_FLOAT, _anchored(PLAIN_FLOAT), list("-+.0123456789"))
_Loader.add_implicit_resolver(_REFUSED, REFUSED_FORMS, list("-+.0123456789yYnNoO"))
_Loader.add_constructor(_FLOAT, _construct_float)
_Loader.add_constructor(_REFUSED, _construct_refused)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def parse_yaml(text: str, shown: str) -> Any:
    """Parse YAML text; `shown` is the name used for it in error messages. An empty text
    gives None."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except _Refused as exc:
        raise ContentError([Problem(Where(shown, exc.line, exc.key), exc.message)]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        raise ContentError([Problem(Where(shown, line), f"is not valid YAML: {what}")]) from None


def read_yaml(path: Path, shown: str, root: Path | None = None) -> Any:
    """Parse one YAML file inside `root` (default: its folder); `shown` is the name used for
    it in error messages. An empty file gives None."""
    data = read_bytes(path, shown, root or path.parent, MAX_YAML_BYTES,
                      "content files are hand-written; split a larger file")
    return parse_yaml(decode(data, Where(shown)), shown)
