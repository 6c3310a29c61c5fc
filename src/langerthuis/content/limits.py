"""Limits on what the content files and an imported monitor.json may hold, in one place.

Each limit keeps `check` honest: whatever `load` or `import` cannot store, or would need
unbounded memory or time for, is rejected by `check` with a message, before anything is
written. The limits are far above what the monitor needs (the numbers in brackets are the
largest in the bundled content), and low enough that reading never exhausts the machine.
"""
from __future__ import annotations

#: Bytes of one YAML content file [28 KB]. The YAML reader is pure Python: 2 MB parse in a
#: few seconds; a larger file is almost certainly not hand-written content.
MAX_YAML_BYTES = 2_000_000

#: Bytes of one table's CSV file [2 KB], and its rows [25]. A table computed per municipality
#: and per year has some thousands of rows; a 50 MB CSV of millions of rows ran out of memory.
MAX_CSV_BYTES = 5_000_000
MAX_TABLE_ROWS = 20_000

#: Characters of one CSV field: Python's default, set before each table is read because
#: other libraries (frictionless among them) raise the process-wide limit.
MAX_CSV_FIELD = 131_072

#: Records in one list (one file's records, an edition's entries, a list field) [≈100].
MAX_RECORDS = 10_000

#: Bytes of a monitor.json given to `langerthuis import` [≈ 0.3 MB for the bundled content].
#: The JSON parser holds the whole document in memory.
MAX_IMPORT_BYTES = 20_000_000

#: Breakdown rows over all tables, of the content or of an import [≈ 600]: 500,000 rows
#: took 95 s to import.
MAX_TOTAL_ROWS = 100_000

#: Nesting of YAML and JSON collections [5 levels]. Deeper nesting overflowed the parser's
#: recursion (a traceback) and no record needs more.
MAX_DEPTH = 20

#: Items in a free-form value (an initiative's `attributes`, a measurement's `provenance`)
#: counted over all its levels [≈ 10]: these are stored as one JSON cell.
MAX_FREE_FORM_ITEMS = 1_000

#: Integers stored in a database column: `Integer` is a signed 32-bit integer in PostgreSQL
#: (SQLite takes 64 bits). A larger `n`, `count` or `number` failed the load with
#: OverflowError or "integer out of range".
INT32_MAX = 2**31 - 1

#: Integers inside a free-form JSON value (attributes, provenance): a signed 64-bit integer,
#: what JSON readers in other languages (and SQLite) hold without loss.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

#: Numbers printed in an edition (indicator, table, action, goal, action line) [44].
MAX_PRINTED_NUMBER = 9_999

#: Characters of one prose text (a summary, description, note) [≈ 700]: a few paragraphs a
#: person writes. Titles, labels and names have the shorter limits of their columns.
MAX_PROSE = 5_000
