"""A message's calendars (``text/calendar`` parts, ``.ics`` attachments).

They are read as ICS and are authoritative for times and UID; the body's
matching event (same start, or the only one) fills what a calendar leaves
out. ``METHOD:CANCEL`` marks the events cancelled.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from seminorm.context import Context
from seminorm.errors import SeminormError
from seminorm.model import Event, Organizer
from seminorm.patterns import LazyPattern

from ...plain import replace

_METHOD_CANCEL = LazyPattern(rb"(?im)^METHOD:\s*CANCEL\s*$")


def calendar_events(calendars: list[bytes], ctx: Context) -> list[Event]:
    try:
        from seminorm.readers.ics import parse_ics
    except ImportError:
        return []
    out: list[Event] = []
    seen: set[tuple[object, ...]] = set()
    for data in calendars:
        try:
            events = parse_ics(data, ctx)
        except SeminormError:
            continue
        cancel = bool(_METHOD_CANCEL.search(data))
        for ev in events:
            key = (ev.uid, ev.start)
            if key in seen:
                continue
            seen.add(key)
            if cancel:
                ev = replace(ev, status="cancelled")
            # a published event, not an invitation: no attendee list asking for replies
            extra = tuple(line for line in ev.ics_extra if not _SCHEDULING.match(line))
            out.append(replace(ev, ics_extra=extra, source=replace(ev.source, format="email")))
    return out


#: Invitation-only properties (RFC 5546 scheduling) that a published event does not carry.
_SCHEDULING = LazyPattern(r"(?i)ATTENDEE[;:]")

_FILL = ("series", "speakers", "location", "online", "abstract", "categories", "title")
_TIME_CODES = frozenset(
    {
        "tz-missing",
        "tz-inferred",
        "tz-ambiguous",
        "tz-dst-mismatch",
        "time-conflict",
        "date-order-guessed",
        "year-inferred",
        "weekday-mismatch",
        "end-before-start",
    }
)


def merge_calendar(cal: list[Event], body: list[Event], organizer: Organizer | None) -> list[Event]:
    """Calendar events, completed by the body's matching event."""
    out: list[Event] = []
    for ev in cal:
        twin = _match(ev, body, single=len(cal) == 1)
        if twin is not None:
            changes: dict[str, Any] = {
                name: getattr(twin, name)
                for name in _FILL
                if not getattr(ev, name) and getattr(twin, name)
            }
            urls = {link.url for link in ev.links}
            extra = tuple(link for link in twin.links if link.url not in urls)
            if extra:
                changes["links"] = (*ev.links, *extra)
            if not ev.description and twin.description:
                changes["description"] = twin.description
            ev = replace(ev, **changes)
            for n in twin.warnings:
                if n.code not in _TIME_CODES:
                    ev = ev.warn(n.code, n.message, n.field)
            if _instant(twin.start) != _instant(ev.start) and twin.start is not None:
                ev = ev.warn(
                    "time-conflict",
                    f"the calendar invitation says {_iso(ev.start)}, the message text says "
                    f"{_iso(twin.start)}; the invitation is kept",
                    "start",
                )
        if ev.organizer is None and organizer is not None:
            ev = replace(ev, organizer=organizer)
        out.append(ev)
    return out


def _match(ev: Event, body: list[Event], *, single: bool) -> Event | None:
    for tx in body:
        if tx.start is not None and _instant(tx.start) == _instant(ev.start):
            return tx
    if single and len(body) == 1:
        return body[0]
    return None


def _instant(value: datetime | date | None) -> object:
    if isinstance(value, datetime) and value.tzinfo is not None:
        from datetime import UTC

        return value.astimezone(UTC)
    return value


def _iso(value: datetime | date | None) -> str:
    return value.isoformat() if value is not None else "?"
