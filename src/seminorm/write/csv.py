"""CSV output: one row per event, flat columns, a header row.

>>> from datetime import date
>>> print(to_csv([Event(uid="a", title="On knots", start=date(2024, 5, 4))]), end="")
title,series,speakers,start,end,timezone,location,online_url,meeting_id,passcode,uid,source,warnings
On knots,,,2024-05-04,,,,,,,a,,
"""

from __future__ import annotations

import csv
import io

from seminorm.model import Event

from .compose import speaker_label
from .json import iso

#: The CSV columns, in order.
COLUMNS = (
    "title",
    "series",
    "speakers",
    "start",
    "end",
    "timezone",
    "location",
    "online_url",
    "meeting_id",
    "passcode",
    "uid",
    "source",
    "warnings",
)

__all__ = ["COLUMNS", "event_row", "to_csv"]


def _source(ev: Event) -> str:
    if ev.source.path is None:
        return ""
    return f"{ev.source.path}#{ev.source.event_index}"


def event_row(ev: Event) -> list[str]:
    """Return the CSV cells of one event, in :data:`COLUMNS` order."""
    loc, online = ev.location, ev.online
    place = (loc.name or loc.address or "") if loc else ""
    return [
        ev.title or "",
        ev.series or "",
        "; ".join(speaker_label(sp) for sp in ev.speakers),
        iso(ev.start) or "",
        iso(ev.end) or "",
        ev.timezone or "",
        place,
        (online.url or "") if online else "",
        (online.meeting_id or "") if online else "",
        (online.passcode or "") if online else "",
        ev.uid or "",
        _source(ev),
        "; ".join(f"{w.code}: {w.message}" for w in ev.warnings),
    ]


def to_csv(events: list[Event]) -> str:
    """Return the events as CSV text (RFC 4180 quoting, ``\\n`` line ends)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(event_row(ev) for ev in events)
    return buf.getvalue()
