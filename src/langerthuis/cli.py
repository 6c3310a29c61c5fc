"""The command line: `langerthuis check | load | serve | migrate | users | tokens ...`."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from .config import load_settings
from .errors import ContentError
from .i18n import translations

# the command line speaks English; its counts go through the catalogue's plural forms
ngettext = translations("en").ngettext


def _count(text: str, n: int) -> str:
    return text.format(n=n)
from .terminal import progress


def _content_option(f):
    return click.option("--content", "content_dir", type=click.Path(path_type=Path),
                        default=None, help="Content folder (default: LANGERTHUIS_CONTENT_DIR "
                        "or the checkout's content/).")(f)


def _database_option(f):
    return click.option("--database", "database_url", default=None,
                        help="SQLAlchemy database URL (default: LANGERTHUIS_DATABASE_URL or "
                        "SQLite in LANGERTHUIS_DATA_DIR).")(f)


def _files(n: int) -> str:
    return _count(ngettext("{n} file", "{n} files", n), n)


def _rows(n: int) -> str:
    return _count(ngettext("{n} row", "{n} rows", n), n)


@click.group()
@click.version_option(package_name="langerthuis")
def main() -> None:
    """Monitor Langer Thuis: the monitor of Dutch programmes for older people."""


@main.command()
@_content_option
def check(content_dir: Path | None) -> None:
    """Validate the content files without writing anything: every rule `load` applies,
    the municipality references against the open data included."""
    from .pipeline import verify
    settings = load_settings()
    root = content_dir or settings.content_dir
    _warn_without_open_data(settings.open_data_dir)
    try:
        content, _registry = verify(root, settings.open_data_dir)
    except ContentError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    counts = ", ".join(
        _count(ngettext("{n} indicator", "{n} indicators", len(p.indicators)), len(p.indicators))
        + " and " + _count(ngettext("{n} edition", "{n} editions", len(p.editions)),
                           len(p.editions))
        + f" in {p.programme.name}" for p in content.programmes)
    click.echo(f"Content in {root} is valid: {counts}.")


@main.command()
@_content_option
@_database_option
@click.option("--site", "site_dir", type=click.Path(path_type=Path), default=None,
              help="Also publish the public pages and downloads as files in this folder "
              "for nginx (default: LANGERTHUIS_SITE_DIR; see deploy/nginx).")
@click.option("--reports/--no-reports", default=None,
              help="Make every report (PDF, HTML) into the data folder, ready for `serve` "
              "(default: LANGERTHUIS_PREBUILD_REPORTS, on).")
def load(content_dir: Path | None, database_url: str | None, site_dir: Path | None,
         reports: bool | None) -> None:
    """Validate the content and load it into the database, replacing what it held.

    Nothing is written unless all content is valid; a load that fails halfway is rolled
    back, leaving the database as it was. With a site folder the pages are then written
    into a new folder there and swapped in at once (a symbolic link, `current`). The
    reports are made last, from the same snapshot, in one process per core."""
    from .pipeline import prepare
    from .store import load_content, make_engine
    from .store.database import database_folder
    settings = load_settings()
    root = content_dir or settings.content_dir
    _warn_without_open_data(settings.open_data_dir)
    with progress("Checking the content") as shown:
        try:
            prepared = prepare(root, settings.open_data_dir)
        except ContentError as exc:
            click.echo(str(exc), err=True)
            click.echo("Nothing was written to the database.", err=True)
            sys.exit(1)
        content, registry = prepared.content, prepared.registry
        if prepared.derived:
            click.echo("Computed the oldest-old support ratio per municipality (CBS, 2021).")
        shown.step("Writing the content into the database")
        engine = make_engine(database_url or settings.database_url)
        where = engine.url.render_as_string(hide_password=True)
        try:
            with _no_space(f"the disk of the database {where} is full; the load was rolled "
                           "back and the database is unchanged. Free space there and load "
                           "again.", database_folder(engine)):
                written = load_content(engine, content, registry, prepared.population)
        finally:
            engine.dispose()  # no connection outlives the command
        click.echo(f"Loaded {root} into {where}: "
                   + ", ".join(f"{n} {t}" for t, n in sorted(written.items())))
        site_dir = site_dir or settings.site_dir
        reports = settings.prebuild_reports if reports is None else reports
        if site_dir is None and not reports:
            return
        shown.step("Building the views of the new content")
        snapshot = _snapshot(database_url)
        if reports:
            shown.step("Making the reports")
            with _no_space(f"the disk of the data folder {settings.data_dir} is full; the "
                           "database is loaded, but its reports were not all made. Free space "
                           "there; `langerthuis serve` makes the missing ones.",
                           settings.data_dir):
                _make_reports(snapshot, settings.data_dir, shown)
        if site_dir is not None:
            from .static_site import publish_site
            shown.step("Publishing the site")
            with _no_space(f"the disk of the site folder {site_dir} is full; the database is "
                           f"loaded, but the site was not published ({site_dir / 'current'} "
                           "still shows the previous release). Free space there and load "
                           "again.", site_dir):
                release = publish_site(snapshot, site_dir)
    if site_dir is not None:
        click.echo(f"Published the site in {release} ({site_dir / 'current'} points there).")


def _warn_without_open_data(open_data_dir: Path) -> None:
    if not open_data_dir.is_dir():
        click.echo(f"Warning: open data not found in {open_data_dir}; set "
                   "LANGERTHUIS_OPEN_DATA_DIR (see shared/data/README.md). Geography is not "
                   "checked or loaded.", err=True)


@contextmanager
def _no_space(message: str, folder: Path | None) -> Iterator[None]:
    """A full disk (of `folder`) as an error message with what happened and what to do
    (exit 1), not a traceback; any other error goes on."""
    from .store.database import disk_full
    try:
        yield
    except Exception as exc:
        if not disk_full(exc, folder):
            raise
        click.echo(f"Error: {message}", err=True)
        sys.exit(1)


def _make_reports(snapshot, data_dir: Path, shown) -> None:
    from .report.making import make_reports, missing
    made = make_reports(snapshot, data_dir,
                        done=shown.counter(len(missing(snapshot, data_dir))))
    click.echo(f"Made {made} reports in {data_dir / 'reports'}." if made else
               f"The reports are ready in {data_dir / 'reports'}.")


def _registry(open_data_dir: Path, required: bool = False):
    """The municipality registry built from the open data, or None (with a warning) when the
    open data is not there."""
    from .geography.registry import build_registry
    from .geography.sources import OpenData
    if not open_data_dir.is_dir():
        message = (f"Open data not found in {open_data_dir}; set LANGERTHUIS_OPEN_DATA_DIR "
                   "(see shared/data/README.md).")
        if required:
            click.echo(f"Error: {message}", err=True)
            sys.exit(2)
        click.echo(f"Warning: {message} Geography is not loaded.", err=True)
        return None
    return build_registry(OpenData(open_data_dir))


@main.group()
def geo() -> None:
    """Municipalities per year, their regions and the crosswalk between years."""


@geo.command("lookup")
@click.argument("name")
@click.option("--year", type=int, required=True, help="The year of the municipal map.")
def geo_lookup(name: str, year: int) -> None:
    """Print the CBS code and official name of a municipality, found by (a variant of) its
    name or by its code."""
    from .geography import UnknownMunicipality
    registry = _registry(load_settings().open_data_dir, required=True)
    try:
        found = (registry.get(name.upper(), year) if name.upper().startswith("GM")
                 else registry.lookup(name, year))
    except UnknownMunicipality as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    regions = "; ".join(f"{r.name} ({r.code})" for r in (found.province, found.ggd_region,
                                                           found.care_office_region) if r)
    click.echo(f"{found.code}\t{found.name or '(name not in the open data)'}")
    click.echo(f"  {regions}" + (f"; krimpregio {found.shrinking_region}"
                                 if found.shrinking_region else ""))
    if found.note:
        click.echo(f"  {found.note}")


@geo.command("check")
@_content_option
def geo_check(content_dir: Path | None) -> None:
    """Check every municipality reference in the content against the map of its year."""
    from .content import check_content
    from .geography.check import check_references
    settings = load_settings()
    try:
        content = check_content(content_dir or settings.content_dir)
    except ContentError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    registry = _registry(settings.open_data_dir, required=True)
    problems = check_references(content, registry)
    if problems:
        click.echo(str(ContentError(problems)), err=True)
        sys.exit(1)
    count = sum(1 for p in content.programmes for i in p.initiatives if i.municipality_code)
    click.echo(_count(ngettext("The {n} municipality reference is valid in its year.",
                               "All {n} municipality references are valid in their year.",
                               count), count))


@main.command()
@_database_option
def migrate(database_url: str | None) -> None:
    """Bring the database schema up to date (load does this too)."""
    from .store import current_revision, make_engine, upgrade
    engine = make_engine(database_url or load_settings().database_url)
    upgrade(engine)
    click.echo(f"Database schema at revision {current_revision(engine)}.")


@main.command()
@click.option("--edition", "edition_ref", required=True,
              help="The edition, by year (2021) or id (lt-2021).")
@click.option("--programme", default=None, help="Programme id, when a year is ambiguous.")
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the reflection.")
@_database_option
def analyse(edition_ref: str, programme: str | None, as_json: bool, lang: str,
            database_url: str | None) -> None:
    """Compare an edition with the previous one and print the reflection (or the facts)."""
    import json

    from sqlalchemy.orm import Session

    from .analysis import analyse_edition
    from .analysis.reflection import reflect
    from .errors import NotFound
    from .store import make_engine
    engine = make_engine(database_url or load_settings().database_url)
    with Session(engine) as session:
        try:
            result = analyse_edition(session, edition_ref, programme)
        except NotFound as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)
        if as_json:
            facts = result.to_dict()
            facts["reflection"] = {code: reflect(result, code).to_dict() for code in ("nl", "en")}
            click.echo(json.dumps(facts, ensure_ascii=False, indent=2))
        else:
            click.echo(reflect(result, lang).to_text())


def _snapshot(database_url: str | None):
    """The views of the content in the database, built once for this command."""
    from sqlalchemy.orm import Session

    from .store import make_engine
    from .views.snapshot import build_snapshot
    engine = make_engine(database_url or load_settings().database_url)
    try:
        with Session(engine) as session:
            return build_snapshot(session)
    finally:
        engine.dispose()


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@_database_option
def export(directory: Path, database_url: str | None) -> None:
    """Write every download (CSV, Excel, JSON, data package) into DIRECTORY."""
    from .opendata.export import export_all
    written = export_all(_snapshot(database_url), directory)
    click.echo(f"Wrote {_files(len(written))} to {directory}.")


@main.command("export-site")
@click.argument("directory", type=click.Path(path_type=Path))
@_database_option
def export_site_command(directory: Path, database_url: str | None) -> None:
    """Write the whole public site as static files into DIRECTORY (the reports from the
    data folder, where `load` made them)."""
    from .static_site import export_site
    with progress("Building the views of the content") as shown:
        snapshot = _snapshot(database_url)
        shown.step("Writing the site")
        written = export_site(snapshot, directory, data_dir=load_settings().data_dir,
                              progress=shown.count)
    click.echo(f"Wrote {_files(len(written))} to {directory}.")


@main.command("import")
@click.argument("dataset", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@_database_option
def import_command(dataset: Path, database_url: str | None) -> None:
    """Load a whole-dataset export (monitor.json) into the database."""
    from .opendata.importer import read_dataset
    from .pipeline import check_geography
    from .store import load_content, make_engine
    settings = load_settings()
    try:
        content = read_dataset(dataset)
        check_geography(content, settings.open_data_dir)
    except ContentError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    engine = make_engine(database_url or settings.database_url)
    written = load_content(engine, content)
    click.echo(f"Imported {dataset}: {_rows(sum(written.values()))}.")


# --- the database as the system of record: content files back out, and backups -----------------

@main.command("export-content")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--drafts", is_flag=True, help="Also export draft editions and what only they "
              "show (default: only what the public sees).")
@click.option("--force", is_flag=True, help="Replace the content in a folder that is not "
              "empty (other files there, such as README.md and .git, are kept).")
@_database_option
def export_content_command(directory: Path, drafts: bool, force: bool,
                           database_url: str | None) -> None:
    """Write the database's content into DIRECTORY as content files (YAML and CSV), in the
    layout `load` reads, checked as `check` does before anything is replaced."""
    from .store import make_engine
    from .store.export_content import ExportRefused, export_content
    engine = make_engine(database_url or load_settings().database_url)
    try:
        done = export_content(engine, directory, drafts=drafts, force=force)
    except ContentError as exc:
        _fail(str(exc))
    except ExportRefused as exc:
        _fail(f"Error: {exc}")
    finally:
        engine.dispose()
    click.echo(_count(ngettext("Wrote {n} content file", "Wrote {n} content files",
                               len(done.files)), len(done.files)) + f" to {done.directory}.")
    if done.left_out:
        click.echo(f"Left out the draft edition(s) {', '.join(done.left_out)} and what only "
                   "they show; add --drafts to export them too.")


@main.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@_database_option
def dump(file: Path, database_url: str | None) -> None:
    """Write a backup of the whole database into FILE (JSON lines; gzip when FILE ends in
    .gz): content, accounts, audit trail, drafts, revisions, deliveries and geography."""
    from .store import make_engine
    from .store.backup import BackupError, dump as write_dump
    engine = make_engine(database_url or load_settings().database_url)
    try:
        summary = write_dump(engine, file)
    except BackupError as exc:
        _fail(f"Error: {exc}")
    finally:
        engine.dispose()
    tables = _count(ngettext("{n} table", "{n} tables", len(summary.rows)), len(summary.rows))
    click.echo(f"Wrote {_rows(summary.total)} of {tables} (schema revision "
               f"{summary.schema}) to {file}.")


@main.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace a database that is not empty.")
@_database_option
def restore(file: Path, force: bool, database_url: str | None) -> None:
    """Replace everything in the database with the backup in FILE, all or nothing (the file
    is checked in full first)."""
    from .store import make_engine
    from .store.backup import BackupError, restore as read_dump
    engine = make_engine(database_url or load_settings().database_url)
    try:
        with progress(f"Restoring {file}"):
            summary = read_dump(engine, file, force=force)
    except BackupError as exc:
        _fail(f"Error: {exc}")
    finally:
        engine.dispose()
    click.echo(f"Restored {_rows(summary.total)} into "
               f"{engine.url.render_as_string(hide_password=True)}.")


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


@main.command()
@click.argument("recipe")
@click.option("--input", "input_path", type=click.Path(path_type=Path, exists=True,
                                                      dir_okay=False), required=True,
              help="CSV or Parquet file with the recipe's input columns.")
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb",
              show_default=True)
@click.option("--output", type=click.Path(path_type=Path), required=True,
              help="Folder to write to, e.g. content/langer-thuis/computed.")
@click.option("--indicator", required=True, help="The indicator the result measures.")
@click.option("--id", "measurement_id", required=True, help="Id of the new measurement.")
@click.option("--decimals", type=int, default=1, show_default=True)
@click.option("--param", "params", multiple=True, help="Recipe parameter as NAME=VALUE.")
def compute(recipe: str, input_path: Path, engine: str, output: Path, indicator: str,
            measurement_id: str, decimals: int, params: tuple[str, ...]) -> None:
    """Run a recipe on microdata and write the result as content (a measurement with its
    provenance, and a breakdown table where the recipe gives one)."""
    import json as _json
    import time

    from .compute import RECIPES
    from .compute.engines import connect, read
    from .compute.output import content_records, write_content
    from .compute.provenance import checksum, provenance
    from .compute.recipes import RecipeError
    from .i18n.labels import RECIPES as RECIPES_IN_WORDS
    from .i18n.labels import label
    if recipe not in RECIPES:
        click.echo(f"Error: unknown recipe {recipe!r}; choose one of {', '.join(RECIPES)}",
                   err=True)
        sys.exit(2)
    chosen = RECIPES[recipe]
    values = {}
    for item in params:
        name, _, raw = item.partition("=")
        if name not in chosen.parameters:
            click.echo(f"Error: {recipe} has no parameter {name!r}; it has "
                       f"{', '.join(chosen.parameters)}", err=True)
            sys.exit(2)
        try:
            values[name] = _json.loads(raw)
        except ValueError:
            values[name] = raw
        if isinstance(values[name], list):
            values[name] = tuple(values[name])
    start = time.perf_counter()

    def step(message: str) -> None:
        click.echo(f"[{time.perf_counter() - start:6.1f}s] {message}", err=True)
    step(f"starting {engine}")
    con = connect(engine)
    step(f"reading {input_path}")
    table = read(con, input_path)
    step(f"running {recipe} (version {chosen.version})")
    try:
        result = chosen.run(table, **values)
    except RecipeError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    origin = provenance(chosen, engine, checksum(input_path), values)
    dims = [k for k in (result.rows[0] if result.rows else {})
            if k not in ("value", "n", "ci95", "carers", "oldest", "amount")]
    measurement, spec, rows = content_records(
        result, measurement_id=measurement_id, indicator=indicator, decimals=decimals,
        provenance=origin, dimensions=dims,
        table_title=tuple(f"{label(RECIPES_IN_WORDS, recipe, lang)} ({recipe})"
                          for lang in ("nl", "en")))
    path = write_content(output, measurement, spec, rows)
    step(f"wrote {path}: value {measurement['value']}"
         + (f", n {result.n}" if result.n is not None else ""))


@main.command()
@click.option("--edition", "edition_ref", required=True, help="Year (2021) or id (lt-2021).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html"]), default="pdf",
              show_default=True)
@click.option("--output", type=click.Path(path_type=Path), required=True)
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@_database_option
def report(edition_ref: str, fmt: str, output: Path, lang: str, database_url: str | None) -> None:
    """Write the report of an edition as PDF or HTML (reading and analysing only what that
    edition's report needs)."""
    from sqlalchemy.orm import Session

    from .errors import NotFound
    from .report import report_html, report_pdf
    from .store import make_engine
    from .views.snapshot import build_report_view
    engine = make_engine(database_url or load_settings().database_url)
    with progress(f"Reading the edition {edition_ref}") as shown:
        try:
            with Session(engine) as session:
                view = build_report_view(session, edition_ref, lang)
        except NotFound as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)
        finally:
            engine.dispose()
        shown.step(f"Writing the {fmt.upper()} report")
        if fmt == "pdf":
            output.write_bytes(report_pdf(view))
        else:
            output.write_text(report_html(view, site_links=False), encoding="utf-8")
    click.echo(f"Wrote {output}.")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (uvicorn's workers), e.g. one per core; each builds "
              "its own snapshot of the content and notices a new `load`.")
@_database_option
def serve(host: str, port: int, workers: int, database_url: str | None) -> None:
    """Serve the monitor's website."""
    from .store import make_engine
    from .store.migrate import current_revision, head_revision
    settings = load_settings()
    url = database_url or settings.database_url
    engine = make_engine(url)
    found, wanted = current_revision(engine), head_revision()
    engine.dispose()
    if found != wanted:
        click.echo(f"Error: the database at {url} has schema {found or 'none'}, this version "
                   f"needs {wanted}; run `langerthuis load` (or `langerthuis migrate`) first.",
                   err=True)
        sys.exit(2)
    _run_server(url, host, port, workers, settings)


def server_options(settings) -> dict:
    """uvicorn's settings beyond the address: the client's address from X-Forwarded-For
    only when the request comes from a configured proxy (LANGERTHUIS_TRUSTED_PROXIES; by
    default from nobody, so that no client picks the address its attempts are counted
    under), and headers held up to a bound, so that the application answers 431 or 414."""
    from .http import SERVER_HEADER_BYTES
    proxies = settings.trusted_proxies
    return {"proxy_headers": bool(proxies), "forwarded_allow_ips": proxies or "",
            "http": "h11", "h11_max_incomplete_event_size": SERVER_HEADER_BYTES,
            "timeout_keep_alive": 5}


def _run_server(database_url: str, host: str, port: int, workers: int, settings) -> None:
    """uvicorn on the application: in this process, or in `workers` processes that it
    starts, watches and restarts, each making the application from the settings (the
    database given on the command line passed on in the environment)."""
    import os

    import uvicorn
    options = server_options(settings)
    if workers == 1:
        from .app import from_settings
        uvicorn.run(from_settings(database_url), host=host, port=port, log_level="info",
                    **options)
        return
    os.environ["LANGERTHUIS_DATABASE_URL"] = database_url
    # a worker building its snapshot (seconds of CPU on a busy machine) is not dead: it
    # answers uvicorn's health check late
    uvicorn.run("langerthuis.app:from_settings", factory=True, workers=workers, host=host,
                port=port, log_level="info", timeout_worker_healthcheck=60, **options)


from .accounts.cli import tokens, users  # noqa: E402

main.add_command(users)
main.add_command(tokens)


def _housing_commands() -> None:
    from .housing.cli import deliveries, targets
    main.add_command(targets)
    main.add_command(deliveries)


_housing_commands()


if __name__ == "__main__":
    main()
