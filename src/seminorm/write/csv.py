"""CSV output: one row per event, flat columns, a header row.

>>> from datetime import date
>>> print(to_csv([Event(uid="a", title="On knots", start=date(2024, 5, 4))]), end="")
title,series,speakers,start,end,timezone,status,location,online_url,meeting_id,passcode,uid,source,warnings
On knots,,,2024-05-04,,,,,,,,a,,
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
    "status",
    "location",
    "online_url",
    "meeting_id",
    "passcode",
    "uid",
    "source",
    "warnings",
)

__all__ = ["COLUMNS", "event_row", "to_csv"]


# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str | None) -> str:
    """A free-text cell, defused against formula injection (OWASP: prefix ``'``).

    >>> print(_text("=1+1"), _text("On knots"))
    '=1+1 On knots
    """
    if not value:
        return ""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def _source(ev: Event) -> str:
    if ev.source.path is None:
        return ""
    return f"{ev.source.path}#{ev.source.event_index}"


def event_row(ev: Event) -> list[str]:
    """Return the CSV cells of one event, in :data:`COLUMNS` order.

    Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``
    first) gets a leading ``'``; times, zones and warnings never start so.
    """
    loc, online = ev.location, ev.online
    place = (loc.name or loc.address or "") if loc else ""
    return [
        _text(ev.title),
        _text(ev.series),
        _text("; ".join(speaker_label(sp) for sp in ev.speakers)),
        iso(ev.start) or "",
        iso(ev.end) or "",
        ev.timezone or "",
        ev.status or "",
        _text(place),
        _text(online.url) if online else "",
        _text(online.meeting_id) if online else "",
        _text(online.passcode) if online else "",
        _text(ev.uid),
        _text(_source(ev)),
        "; ".join(f"{w.code}: {w.message}" for w in ev.warnings),
    ]


def to_csv(events: list[Event]) -> str:
    """Return the events as CSV text (RFC 4180 quoting, ``\\n`` line ends)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(event_row(ev) for ev in events)
    return buf.getvalue()
