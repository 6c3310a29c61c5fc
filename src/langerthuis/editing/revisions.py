"""Revisions: a published figure is corrected only openly, with a reason and a date; the
previous value stays retrievable and pages say when the figure was revised."""
from __future__ import annotations

import datetime as dt
import math

from pydantic import ValidationError
from sqlalchemy import Engine

from .. import model as m
from ..content.schema import RevisionSpec
from ..model.vocabulary import UNIT_RANGE, Unit
from ..store import accounts as audit
from ..store import editing as store
from .drafts import Conflict, EditingError, serialised
from .figures import decimals_of, most_decimals, outside_range
from .uploads import schema_problems


def _check_reason(reason: str) -> None:
    """The reason follows the content's rule for revisions (plain text, no markup), so that
    the exported content loads again."""
    try:
        RevisionSpec.model_validate({"revised_on": dt.date.today(), "reason": reason})
    except ValidationError as exc:
        found = schema_problems(exc, None)[0]
        raise EditingError(found.text.msgid, **found.text.values) from None


def revise(engine: Engine, measurement_id: str, new_value: float, reason: str, actor: str,
           expected: float | None, on: dt.date | None = None) -> int:
    """Correct a figure of a published edition. `expected` is the value the editor saw (it
    is needed): if the figure has changed since, nothing is written and Conflict says so.
    The check and the write are one transaction that the database serialises."""
    if expected is None:
        raise EditingError("The form does not say which value you saw; open the figure's "
                           "form again and revise it there.")
    reason = reason.strip()
    if not reason:
        raise EditingError("A revision needs its reason: say what was wrong and where the "
                           "right figure comes from.")
    if len(reason) > 2000:
        raise EditingError("The reason is longer than {maximum} characters.", maximum=2000)
    _check_reason(reason)
    if not math.isfinite(new_value):
        raise EditingError("The new value must be a number such as 9,1.")
    with serialised(engine) as session:
        figure = store.measurement(session, measurement_id)
        if figure is None:
            raise EditingError("There is no figure {value}.", value=measurement_id[:64])
        published = [e for e in store.editions(session) if e.status == "published"
                     and any(x.measurement_id == measurement_id for x in e.entries)]
        if not published:
            raise EditingError("The figure {value} is in no published edition; change it in "
                               "the draft instead.", value=measurement_id)
        if figure.value != expected:
            raise Conflict("Someone else changed the figure to {now} while you were editing "
                           "(you saw {seen}); look at the new value and revise again if it is "
                           "still wrong.", now=format(figure.value, "g"),
                           seen=format(expected, "g"))
        low, high = UNIT_RANGE.get(Unit(figure.indicator.unit), (None, None))
        if (low is not None and new_value < low) or (high is not None and new_value > high):
            msgid, values = outside_range(new_value, low, high)
            raise EditingError(msgid, **values)
        if figure.value == new_value:
            raise EditingError("The new value is the same as the current one.")
        revision = m.Revision(measurement_id=measurement_id, old_value=figure.value,
                              new_value=new_value, reason=reason,
                              revised_on=on or dt.date.today(), actor=actor)
        session.add(revision)
        audit.record(session, actor, "figure_revised", "measurement", measurement_id, "value",
                     figure.value, new_value, reason)
        written = decimals_of(repr(new_value).removesuffix(".0"))
        maximum = most_decimals(written)
        if maximum is not None:
            raise EditingError("The new value has {count} decimals; a figure keeps at most "
                               "{maximum}: round it.", count=written, maximum=maximum)
        figure.value = new_value
        declared = figure.decimals if figure.decimals is not None else figure.indicator.decimals
        if written > (declared or 0):
            figure.decimals = written  # the correction is as precise as given
        store.new_content_version(session)
        session.flush()
        return revision.id
