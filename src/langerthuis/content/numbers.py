"""Numbers as a person typed them: one rule for the YAML reader, the CSV tables and an
imported monitor.json.

A number in content is a plain decimal: an optional sign, digits without a leading zero
(`0.5` and `0` are fine, `010` is not), an optional fraction and an optional exponent
(`1e3`). YAML 1.1, which PyYAML reads, also takes `010` as octal 8, `1:09` as base 60 (69),
`0x45` as hexadecimal, `3_242` with underscores, and `yes`/`no`/`on`/`off` as booleans: a
reader of the file would see another value than the one stored. Such forms are refused
with the plain way to write the value, as are numbers that overflow (`1e400`, infinity) or
underflow (`1e-400`, stored as 0) a double.
"""
from __future__ import annotations

import math
import re

#: A plain decimal number (YAML 1.2's core schema, without leading zeros).
PLAIN_INTEGER = re.compile(r"[-+]?(0|[1-9][0-9]*)", re.ASCII)
PLAIN_FLOAT = re.compile(r"[-+]?(\.[0-9]+|(0|[1-9][0-9]*)(\.[0-9]*)?)([eE][-+]?[0-9]+)?",
                         re.ASCII)

#: Forms YAML 1.1 reads as numbers or booleans that are not what a person sees.
_FORMS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"[-+]?0[xX][0-9a-fA-F_]+"), "a hexadecimal number"),
    (re.compile(r"[-+]?0[oO][0-7_]+"), "an octal number"),
    (re.compile(r"[-+]?0[bB][01_]+"), "a binary number"),
    (re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?"),
     "a number in base 60 (1:09 is read as 69)"),
    (re.compile(r"[-+]?[0-9][0-9_]*_[0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?[0-9]*\.[0-9]*_[0-9_]*"),
     "a number with underscores"),
    (re.compile(r"[-+]?0[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?"),
     "a number with a leading zero (010 is read as octal 8)"),
    (re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"), "infinity or not-a-number"),
    (re.compile(r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF"),
     "a word YAML 1.1 reads as true or false"),
]

#: Any of those forms, as one pattern (for the YAML reader's resolver).
REFUSED_FORMS = re.compile("^(?:" + "|".join(f"(?:{p.pattern})" for p, _ in _FORMS) + r")\Z")


def refused_form(text: str) -> str | None:
    """What an unquoted scalar is when YAML 1.1 would read it as a number or boolean other
    than the plain one a person sees; None for anything else."""
    for pattern, what in _FORMS:
        if pattern.fullmatch(text):
            return what
    return None


def plain_way(text: str) -> str:
    """How to write the value that `text` looks like, in words for a message."""
    digits = text.replace("_", "")
    if re.fullmatch(r"[-+]?0[0-9]+", digits):
        sign = "-" if digits.startswith("-") else ""
        return f"write {sign}{int(digits.lstrip('+-'))} for the number, or quote it ('{text}') for text"
    if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]*)?", digits) and digits != text:
        return f"write {digits} for the number, or quote it ('{text}') for text"
    if refused_form(text) == "a word YAML 1.1 reads as true or false":
        return f"write true or false for a yes/no value, or quote it ('{text}') for text"
    import yaml
    read = yaml.safe_load(f"v: {text}")["v"]
    if isinstance(read, int) and not isinstance(read, bool):
        return (f"YAML 1.1 reads it as {read}: write {read} if that is the number, or quote "
                f"it ('{text}') for text")
    return (f"write the number as a plain decimal (65, 3242, 9.1), or quote it ('{text}') "
            "for text")


def float_problem(text: str, value: float) -> str | None:
    """Why the number written as `text` cannot be stored as `value` (a double), or None."""
    if not math.isfinite(value):
        return (f"{text} is beyond the largest finite number content can hold (about 1.8e308); "
                "write the value in its unit as a plain decimal")
    if value == 0 and re.search(r"[1-9]", text.lower().split("e")[0]):
        return (f"{text} is too small to store (it would be kept as 0); write 0 if it is "
                "zero, or the value in a unit where it is a plain decimal")
    return None


def refusal(text: str) -> str:
    """The message for an unquoted scalar of a refused form."""
    return f"found {text}, {refused_form(text)}; {plain_way(text)}"
