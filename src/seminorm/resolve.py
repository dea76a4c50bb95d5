"""The last pass over every event: end repair, UIDs, output zone, warnings.

Applied to events from every reader, so that the writers receive events
that are complete and consistent.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from seminorm.patterns import LazyPattern

from .context import Context
from .model import Event


def finalize(events: list[Event], ctx: Context) -> list[Event]:
    """Complete and check events (see the module docstring)."""
    out: list[Event] = []
    seen: set[tuple[object, ...]] = set()
    for ev in events:
        ev = fix_end(ev)
        if ctx.default_duration is not None:
            ev = assume_end(ev, ctx.default_duration)
        if ev.source.format != "ics":
            key = (ev.start, (ev.title or "").casefold(), tuple(s.name for s in ev.speakers))
            if key in seen:
                continue
            seen.add(key)
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


#: What an IANA key can be made of (``America/Argentina/Buenos_Aires``, ``Etc/GMT+5``).
_KEY_CHARS = LazyPattern(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")


@lru_cache(maxsize=1)
def zone_keys() -> dict[str, str]:
    """Every IANA key of this system by its lower-case spelling.

    Built once per process, and slow (10 to 30 ms): listing the zones opens
    every file under the zone folders. :func:`iana_key` needs it only for a
    name not spelled exactly.
    """
    from zoneinfo import available_timezones

    return {key.lower(): key for key in available_timezones()}


@lru_cache(maxsize=1024)
def iana_key(name: str) -> str | None:
    """The IANA key spelled ``name`` in any case (``europe/zurich``), or None.

    A name spelled exactly is looked up alone (``ZoneInfo`` reads that one
    file); a name that cannot be a key (spaces, dots) is refused at once.

    >>> iana_key("Europe/Zurich"), iana_key("europe/zurich"), iana_key("W. Europe")
    ('Europe/Zurich', 'Europe/Zurich', None)
    """
    name = name.strip()
    if len(name) > 100 or not _KEY_CHARS.fullmatch(name) or name == "posixrules":
        return None  # posixrules opens, but is no zone (nor in the list)
    if _exact_spelling_only():
        try:
            ZoneInfo(name)
            return name
        except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
            pass
    return zone_keys().get(name.lower())


@lru_cache(maxsize=1)
def _exact_spelling_only() -> bool:
    """True when the zone files are found only by their exact spelling.

    Then a name ``ZoneInfo`` opens is the key itself; on a file system that
    ignores case (macOS, Windows) ``europe/zurich`` would open too, and only
    the list of keys gives its spelling.
    """
    import os
    from zoneinfo import TZPATH

    for root in TZPATH:
        if os.path.isfile(os.path.join(root, "UTC")):
            return not os.path.exists(os.path.join(root, "utc"))
    return False


def fix_end(ev: Event, start_name: str = "start", end_name: str = "end") -> Event:
    """``end-before-start``: the repair a person would make, reported.

    A same-day pair written backwards is swapped; an end dated before the
    start but with a later time keeps that time on the start's day; any other
    end before the start is dropped. The names say which fields the message
    speaks of (``DTSTART``/``DTEND`` for calendars).
    """
    start, end = ev.start, ev.end
    if start is None or end is None or isinstance(start, datetime) != isinstance(end, datetime):
        return ev
    try:
        backwards = end < start
    except TypeError:  # naive against aware
        return ev
    if not backwards:
        return ev
    if isinstance(start, datetime) and isinstance(end, datetime):
        local_end = end.astimezone(start.tzinfo) if end.tzinfo and start.tzinfo else end
        if local_end.date() == start.date():
            fixed = replace(ev, start=end, end=start)
            how = f"{start_name} and {end_name} were written the wrong way round; swapped"
        elif local_end.time() > start.time():
            moved = datetime.combine(start.date(), local_end.time(), tzinfo=local_end.tzinfo)
            fixed = replace(ev, end=moved)
            how = f"{end_name} dated before {start_name}; kept its time on the start day"
        else:
            fixed = replace(ev, end=None)
            how = f"{end_name} before {start_name} on another day; end dropped"
    else:
        fixed = replace(ev, end=None)
        how = f"all-day {end_name} before {start_name}; end dropped"
    return fixed.warn("end-before-start", how, "end")
