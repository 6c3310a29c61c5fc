"""Draft editions: made from the programme's latest edition (same indicators, numbers and
titles; each entry first shows the earlier figure again), and published by a publisher,
after which the edition is frozen."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import model as m
from ..errors import TranslatedError
from ..model.vocabulary import EntryStatus
from ..store import accounts as audit
from ..store import editing as store


class EditingError(TranslatedError):
    """An editing request that cannot be carried out; the message says why and what to do."""


class Conflict(EditingError):
    """Someone else changed the same thing since the form was opened (answered with 409)."""


@contextmanager
def serialised(engine: Engine) -> Iterator[Session]:
    """One editing transaction, run by the database after every other one that started
    before it (`store.serialise`): its checks and its writes see the same data. A unique
    constraint broken all the same (by a write outside the editor) is a Conflict, never an
    unhandled error."""
    try:
        with Session(engine) as session, session.begin():
            store.serialise(session)
            yield session
    except IntegrityError:
        raise Conflict("Someone else changed the same record at the same moment; reload the "
                       "page, look at what it holds now and try again.") from None


def create_draft(engine: Engine, programme_id: str, year: int, actor: str) -> str:
    """Make the draft edition of `year` from the programme's latest edition; returns its id."""
    with serialised(engine) as session:
        programme = store.programme(session, programme_id)
        if programme is None:
            raise EditingError("There is no programme '{programme}'.",
                               programme=programme_id[:64])
        previous = store.latest_edition(session, programme_id)
        if previous is None:
            raise EditingError("The programme '{programme}' has no edition to start from.",
                               programme=programme_id)
        if year <= previous.year:
            raise EditingError("The programme has an edition of {year} already; a new "
                               "edition needs a later year than that.", year=previous.year)
        taken = store.edition_of_year(session, year)
        if taken is not None and taken.programme_id != programme_id:
            raise EditingError("The year {year} is an edition of the programme {other} "
                               "already; the site addresses an edition by its year, so each "
                               "year belongs to one programme.", year=year,
                               other=taken.programme_id)
        if previous.status == "draft":
            raise EditingError("The edition of {year} is still a draft; publish it first.",
                               year=previous.year)
        prefix = previous.id.rsplit("-", 1)[0] if "-" in previous.id else programme_id
        edition_id = f"{prefix}-{year}"
        edition = m.Edition(id=edition_id, programme_id=programme_id, year=year,
                            title=previous.title.replace(str(previous.year), str(year)),
                            title_en=(previous.title_en or "").replace(
                                str(previous.year), str(year)) or None,
                            status="draft", publisher=previous.publisher)
        session.add(edition)
        session.flush()
        for entry in previous.entries:
            shows = entry.measurement_id is not None
            session.add(m.EditionEntry(
                edition_id=edition_id, indicator_id=entry.indicator_id, number=entry.number,
                title=entry.title,
                status=EntryStatus.NOT_UPDATED.value if shows else entry.status,
                measurement_id=entry.measurement_id))
        audit.record(session, actor, "draft_created", "edition", edition_id, "status", None,
                     "draft")
        store.new_content_version(session)
        return edition_id


def publish(engine: Engine, edition_id: str, actor: str,
            on: dt.date | None = None) -> None:
    """Publish a draft edition: the public sees it from now on, and it is frozen."""
    with serialised(engine) as session:
        edition = store.edition(session, edition_id)
        if edition is None:
            raise EditingError("There is no edition {value}.", value=edition_id[:64])
        if edition.status != "draft":
            raise EditingError("The edition of {year} is published already.",
                               year=edition.year)
        edition.status = "published"
        edition.publication_date = on or dt.date.today()
        audit.record(session, actor, "edition_published", "edition", edition_id, "status",
                     "draft", "published")
        store.new_content_version(session)


def draft_of(session: Session, edition_id: str) -> m.Edition:
    edition = store.edition(session, edition_id)
    if edition is None:
        raise EditingError("There is no edition {value}.", value=edition_id[:64])
    if edition.status != "draft":
        raise EditingError("The edition of {year} is published and frozen; correct a "
                           "published figure with a revision and its reason.",
                           year=edition.year)
    return edition
