"""Views: what each page, report section and API resource shows, as plain immutable
objects with everything decided (values formatted with their unit, changes and their
direction, labels in the reader's language, chart specifications). They are built once per
content version into a `Snapshot`; the outputs (web, api, opendata, report) only render
them and never query the database or run the analysis."""
