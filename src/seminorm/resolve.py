"""The last pass over every event: end repair, UIDs, output zone, warnings.

Takes every reader's events and the :class:`~seminorm.context.Context`; gives
them complete for the writers.

Applied to events from every reader, so that the writers receive events
that are complete and consistent.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from .context import Context
from .model import Event, fix_end
from .plain import replace


def finalize(events: list[Event], ctx: Context) -> list[Event]:
    """Complete and check events (see the module docstring)."""
    return Finalizer(ctx).add(events)


class Finalizer:
    """:func:`finalize` for events that come in batches (a streamed input): what
    it remembers across batches is one key per event read from text (to drop
    the same talk found twice), never the events."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.seen: set[tuple[object, ...]] = set()

    def add(self, events: list[Event]) -> list[Event]:
        ctx = self.ctx
        out: list[Event] = []
        for ev in events:
            ev = fix_end(ev)
            if ctx.default_duration is not None:
                ev = assume_end(ev, ctx.default_duration)
            if ev.source.format != "ics":
                key = (ev.start, (ev.title or "").casefold(), tuple(s.name for s in ev.speakers))
                if key in self.seen:
                    continue
                self.seen.add(key)
                if not ev.title:
                    ev = ev.warn("no-title", "no talk title found", "title")
                if not ev.speakers:
                    ev = ev.warn("no-speaker", "no speaker found", "speakers")
            if ev.uid is None:
                ev = replace(ev, uid=derive_uid(ev))
            if ctx.output_tz:
                ev = to_zone(ev, ctx.output_tz)
            out.append(ev)
        return out


def assume_end(ev: Event, minutes: int) -> Event:
    """Give a timed event without an end the end ``minutes`` after its start, marked assumed.

    Only on request (``--default-duration``): seminorm never invents an end
    on its own. The provenance (``--explain``) says the end was assumed.

    >>> ev = assume_end(Event(start=datetime(2024, 5, 4, 16, 0)), 60)
    >>> ev.end, ev.provenance["end"].rule, ev.provenance["end"].inferred
    (datetime.datetime(2024, 5, 4, 17, 0), 'assumed', True)
    """
    from datetime import timedelta

    from .model import Provenance

    if ev.end is not None or not isinstance(ev.start, datetime) or ev.all_day:
        return ev
    text = f"{minutes // 60}h{minutes % 60:02d}" if minutes % 60 else f"{minutes // 60}h"
    if minutes < 60:
        text = f"{minutes}min"
    prov = Provenance(source="--default-duration", text=text, rule="assumed", inferred=True)
    return replace(ev, end=ev.start + timedelta(minutes=minutes)).explained({"end": prov})


def derive_uid(ev: Event) -> str:
    """A stable UID from title, start and first speaker.

    >>> from datetime import date
    >>> derive_uid(Event(title="On knots", start=date(2024, 5, 4)))
    'f6b208e5d901ada59f93573c@seminorm'
    """
    start = ev.start.isoformat() if ev.start is not None else ""
    speaker = ev.speakers[0].name if ev.speakers else ""
    key = "\x1f".join((ev.title or "", start, speaker, ev.series or ""))
    return _digest(key.encode("utf-8"))[:24] + "@seminorm"


def _digest(data: bytes) -> str:
    """BLAKE2b of ``data`` in hex, without loading OpenSSL (2 ms of start-up) when possible."""
    try:
        from _blake2 import blake2b
    except ImportError:  # another Python: hashlib has it too
        from hashlib import blake2b
    return blake2b(data, digest_size=16).hexdigest()


def to_zone(ev: Event, zone: str) -> Event:
    """Convert an event's aware start/end to ``zone`` (floating and all-day stay)."""
    tz = ZoneInfo(zone)
    start, end = ev.start, ev.end
    if not (isinstance(start, datetime) and start.tzinfo is not None):
        return ev
    try:
        start = start.astimezone(tz)
        if isinstance(end, datetime) and end.tzinfo is not None:
            end = end.astimezone(tz)
    except OverflowError:  # year 1 or 9999 pushed off the calendar: keep its own zone
        return ev
    return replace(ev, start=start, end=end, timezone=zone)
