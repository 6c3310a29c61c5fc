"""The housing monitor's own data: per-area targets (our estimate, or the official
breakdown imported from a file) and deliveries of planned and realised homes from several
sources, validated, linked into projects and resolved. Writing goes through
`langerthuis.store.housing`; what the outputs show is built by `views/housing.py`."""
