"""jCal output (RFC 7265): the ICS output, as JSON.

The calendar :func:`seminorm.write.ics.to_ics` writes is parsed again with
icalendar and converted by its own jCal support, so jCal and ICS always say
the same thing.
"""

from __future__ import annotations

import json

from seminorm.context import Context
from seminorm.model import Event

__all__ = ["to_jcal"]


def to_jcal(events: list[Event], ctx: Context) -> str:
    """Return the events as one jCal array (indented, final newline).

    >>> from datetime import date
    >>> text = to_jcal([Event(uid="a", title="T", start=date(2024, 5, 4), all_day=True,
    ...                       dtstamp=None)], Context())
    >>> json.loads(text)[0]
    'vcalendar'
    """
    from icalendar import Calendar

    from .ics import to_ics

    calendar = Calendar.from_ical(to_ics(events, ctx))
    return json.dumps(calendar.to_jcal(), indent=2, ensure_ascii=False) + "\n"
