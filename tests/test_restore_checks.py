"""`restore` holds a dump changed by hand (its digest computed again) to the schema's types
and the content's rules before it writes: an edition year "twenty", or a figure with more
decimals than the content allows, is refused with where it is, and the database stays as
it was (such a restore used to succeed, after which every public page failed)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from test_export_content import _lines, dump, everything, loaded, rows, run

from conftest import FIXTURE_CONTENT


def forged(tmp_path: Path, table: str, column: str, value, pick=lambda row, cols: True) -> Path:
    """The dump of `everything` with `column` of the first row of `table` that `pick`
    chooses set to `value`, and its digest computed again, as a forger would."""
    url, source = everything(tmp_path)
    dump(source, tmp_path / "backup.jsonl")
    lines = _lines(tmp_path / "backup.jsonl")
    at = next(i for i, ln in enumerate(lines) if ln.startswith(f'{{"table":"{table}"'.encode()))
    columns = json.loads(lines[at])["columns"]
    line = next(i for i in range(at + 1, len(lines))
                if pick(json.loads(lines[i]), columns))
    row = json.loads(lines[line])
    row[columns.index(column)] = value
    lines[line] = json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
    end = json.loads(lines[-1])
    end["sha256"] = hashlib.sha256(b"".join(lines[:-1])).hexdigest()
    lines[-1] = json.dumps(end).encode() + b"\n"
    (tmp_path / "forged.jsonl").write_bytes(b"".join(lines))
    return tmp_path / "forged.jsonl"


@pytest.mark.parametrize("table, column, value, message", [
    ("edition", "year", "twenty", "'twenty' in column edition.year is not a value of its type"),
    ("edition", "title", "x" * 301, "in column edition.title is not a value of its type"),
    ("edition", "publication_date", "1 mei 2021", "in column edition.publication_date"),
    ("measurement", "value", True, "in column measurement.value is not a value of its type"),
])
def test_a_value_of_the_wrong_type_is_refused_before_anything_is_written(
        tmp_path, table, column, value, message):
    bad = forged(tmp_path, table, column, value)
    target_url, target = loaded(tmp_path, "target", FIXTURE_CONTENT)
    before = rows(target)
    result = run("restore", str(bad), "--database", target_url, "--force")
    assert result.exit_code == 1, result.output
    assert message in result.stderr and ", line " in result.stderr
    assert "Traceback" not in result.output
    assert rows(target) == before


def test_content_the_rules_refuse_is_not_restored(tmp_path):
    bad = forged(tmp_path, "measurement", "value", 69.123456789012,
                 lambda row, cols: row[cols.index("id")] == "qol-2021")
    target_url, target = loaded(tmp_path, "target", FIXTURE_CONTENT)
    before = rows(target)
    result = run("restore", str(bad), "--database", target_url, "--force")
    assert result.exit_code == 1, result.output
    assert "the dump holds content that `load` would refuse" in result.stderr
    assert "69.123456789012" in result.stderr  # named where it breaks a rule
    assert "nothing was restored, the database is as it was" in result.stderr
    assert rows(target) == before
