"""Finding a municipality by name as people write it: without accents, with abbreviations
such as "a/d", in Dutch or Frisian, or by a common short name ("Den Bosch")."""
from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from pathlib import Path

VARIANTS_FILE = Path(__file__).resolve().parent / "name_variants.csv"

_ABBREVIATIONS = [
    (r"\ba\s*/\s*d\b", "aan den"),
    (r"\bo\s*/\s*d\b", "op den"),
    (r"\bv\s*/\s*d\b", "van de"),
    (r"^'s[- ]?", "s "),
    (r"^s-", "s "),
]


def without_accents(text: str) -> str:
    """"Súdwest-Fryslân" -> "Sudwest-Fryslan"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def normalise(name: str) -> str:
    """Lower case, no accents, abbreviations spelled out, punctuation as spaces."""
    text = without_accents(name).lower()
    text = text.replace("\u2019", "'")
    for pattern, replacement in _ABBREVIATIONS:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def slug(name: str) -> str:
    """The name as it appears in an address: "'s-Hertogenbosch" -> "s-hertogenbosch"."""
    return normalise(name).replace(" ", "-")


def read_variants(path: Path = VARIANTS_FILE) -> dict[str, str]:
    """{normalised variant: official name}."""
    with path.open(encoding="utf-8") as f:
        return {normalise(row["variant"]): row["official_name"] for row in csv.DictReader(f)}


def variants_by_name(path: Path = VARIANTS_FILE) -> dict[str, list[str]]:
    """{official name: its variants as written}."""
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["official_name"], []).append(row["variant"])
    return out


class NameIndex:
    """Names of the municipalities of one year, searchable by normalised name or variant."""

    def __init__(self, names: dict[str, str], variants: dict[str, str] | None = None):
        self._by_name = {normalise(n): code for code, n in names.items()}
        variants = read_variants() if variants is None else variants
        for variant, official in variants.items():
            code = self._by_name.get(normalise(official))
            if code is not None:
                self._by_name.setdefault(variant, code)

    def find(self, name: str) -> str | None:
        return self._by_name.get(normalise(name))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        close = difflib.get_close_matches(normalise(name), list(self._by_name), n=n, cutoff=0.6)
        return list(dict.fromkeys(self._by_name[c] for c in close))
