"""The command line of the housing monitor: `langerthuis targets ...` and
`langerthuis deliveries ...` (registered by langerthuis.cli)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..config import load_settings
from ..errors import ContentError, LangerThuisError

_database = click.option("--database", "database_url", default=None,
                         help="SQLAlchemy database URL (default: LANGERTHUIS_DATABASE_URL or "
                         "SQLite in LANGERTHUIS_DATA_DIR).")


def _run(action):
    """Run `action(engine)`; a precise message and exit status 1 on bad input."""
    from ..store import make_engine
    from ..store.migrate import upgrade

    def run(database_url: str | None):
        engine = make_engine(database_url or load_settings().database_url)
        try:
            upgrade(engine)
            return action(engine)
        except (ContentError, LangerThuisError) as exc:
            click.echo(f"Error: {exc}" if not isinstance(exc, ContentError) else str(exc),
                       err=True)
            click.echo("Nothing was written to the database.", err=True)
            sys.exit(1)
        finally:
            engine.dispose()
    return run


@click.group()
def targets() -> None:
    """The housing target per province and municipality."""


@targets.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--year", type=int, default=None,
              help="The year whose municipalities the file names (default: the newest in "
                   "the registry).")
@click.option("--target", "target_id", default=None,
              help="The national target the file breaks down (default: the only one).")
@_database
def targets_import(file: Path, year: int | None, target_id: str | None,
                   database_url: str | None) -> None:
    """Import the official targets per province and municipality from a CSV FILE
    (columns level, code, category, homes and optionally name), all or nothing."""
    from .importing import import_targets
    count = _run(lambda engine: import_targets(engine, file, year, target_id))(database_url)
    click.echo(f"Imported {count} official targets from {file}; they replace our estimate.")


@click.group()
def deliveries() -> None:
    """Planned and realised homes from the sources of the housing monitor."""


@deliveries.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--source", required=True, help="The source of FILE: woonbase, dvi, "
              "housebuilding-monitor, zn or subsidy (README, 'Housing monitor').")
@_database
def deliveries_import(file: Path, source: str, database_url: str | None) -> None:
    """Import a source's FILE (it replaces that source's deliveries) and link every
    delivery into projects again; the whole file is checked first, all or nothing."""
    from .importing import import_deliveries
    counts = _run(lambda engine: import_deliveries(engine, [(file, source)]))(database_url)
    click.echo(f"Imported {counts['deliveries']} deliveries of {source} from {file}: "
               f"{counts['projects']} projects in all, {counts['review']} pairs to review.")


@deliveries.command("generate")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--records", type=click.IntRange(1, 10_000_000), default=10_000,
              show_default=True, help="About how many records in all.")
@click.option("--seed", type=int, default=2030, show_default=True)
@_database
def deliveries_generate(directory: Path, records: int, seed: int,
                        database_url: str | None) -> None:
    """Write synthetic files for every source into DIRECTORY (labelled synthetic), with
    projects in the municipalities of the newest year of the database's registry."""
    from sqlalchemy.orm import Session

    from ..store.housing import geography
    from .synthetic import generate

    def make(engine):
        with Session(engine) as session:
            codes = list(geography(session).municipalities)
        return generate(directory, codes, records, seed)
    paths = _run(make)(database_url)
    for source, path in paths.items():
        click.echo(f"{source}: {path}")


@deliveries.command("clear")
@_database
def deliveries_clear(database_url: str | None) -> None:
    """Remove every imported delivery (for example before real data follows synthetic)."""
    from ..store.housing import clear_deliveries
    _run(clear_deliveries)(database_url)
    click.echo("Removed every delivery.")


@deliveries.command("review")
@_database
def deliveries_review(database_url: str | None) -> None:
    """List the pairs of records that may be the same project but were not linked."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from .. import model as m

    def show(engine):
        with Session(engine) as session:
            found = list(session.execute(select(m.DeliveryReview).order_by(
                m.DeliveryReview.score.desc())).scalars())
            for r in found:
                a, b = session.get(m.Delivery, r.first_id), session.get(m.Delivery, r.second_id)
                click.echo(f"{r.score:.2f}  {a.source} {a.record_id} (line {a.line})  ~  "
                           f"{b.source} {b.record_id} (line {b.line}): {r.reason}")
            return len(found)
    count = _run(show)(database_url)
    click.echo(f"{count} pairs to review.")
