"""The one event model every stage shares.

Readers produce :class:`Event` objects, the resolver completes them and the
writers serialize them; nothing else defines what an event is. Only the
standard library is imported here, so the model costs nothing at start-up.

Values are immutable: change an event with :func:`dataclasses.replace`. The
classes are records (:func:`seminorm.plain.record`): frozen, slotted,
keyword-only dataclasses for every purpose (``dataclasses.fields``,
``replace``, ``asdict``, pickling), without compiling code at every start.

>>> from datetime import datetime
>>> ev = Event(title="On knots", start=datetime(2024, 5, 4, 16, 0))
>>> ev.floating
True
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType

from .plain import field, record, replace

#: ``Event.status`` values (ICS ``STATUS``).
STATUSES = ("confirmed", "tentative", "cancelled")

#: ``Online.platform`` values.
PLATFORMS = (
    "zoom",
    "teams",
    "meet",
    "webex",
    "jitsi",
    "bbb",
    "gotomeeting",
    "bluejeans",
    "other",
)

#: How each platform is named to people (the writers' labels, read back by the ICS reader).
PLATFORM_NAMES: Mapping[str, str] = {
    "zoom": "Zoom",
    "teams": "Microsoft Teams",
    "meet": "Google Meet",
    "webex": "Webex",
    "jitsi": "Jitsi Meet",
    "bbb": "BigBlueButton",
    "gotomeeting": "GoTo Meeting",
    "bluejeans": "BlueJeans",
    "other": "Online meeting",
}

#: ``Link.kind`` values.
LINK_KINDS = (
    "meeting",
    "paper",
    "slides",
    "video",
    "registration",
    "map",
    "calendar",
    "page",
    "email",
    "other",
)

#: Warning codes (SPEC section 5). The README documents each one.
WARNING_CODES = (
    "tz-missing",
    "tz-inferred",
    "tz-ambiguous",
    "tz-dst-mismatch",
    "time-conflict",
    "end-before-start",
    "date-order-guessed",
    "year-inferred",
    "weekday-mismatch",
    "no-title",
    "no-speaker",
    "mojibake-repaired",
    "ics-repaired",
    "duplicate-event",
    "recurrence-inferred",
)


def _empty_provenance() -> Mapping[str, Provenance]:
    return MappingProxyType({})


@record
class Speaker:
    """A person giving the talk, without honorifics."""

    name: str
    affiliation: str | None = None


@record
class Location:
    """The physical place: a room, a building, an address."""

    name: str | None = None
    address: str | None = None
    url: str | None = None


@record
class Online:
    """The online meeting of an event."""

    platform: str | None = None
    url: str | None = None
    meeting_id: str | None = None
    passcode: str | None = None
    dial_in: tuple[str, ...] = ()


@record
class Link:
    """A URL found with the event, classified by ``kind`` (see LINK_KINDS)."""

    url: str
    kind: str = "other"


@record
class Organizer:
    """Who organizes or announces the event."""

    name: str | None = None
    email: str | None = None


@record
class Source:
    """Where an event came from."""

    path: str | None = None
    format: str = "text"
    event_index: int = 0


@record
class Notice:
    """A warning attached to an event (``code`` is one of WARNING_CODES)."""

    code: str
    message: str
    field: str | None = None


@record
class Provenance:
    """Where a field's value came from, for ``--explain``.

    ``source`` names the place ("line 12", "DTSTART", "Subject"), ``text`` is
    the span that was read, ``rule`` the rule that read it; ``inferred`` marks
    values that were implied rather than stated (chrono's assign/imply).
    """

    source: str
    text: str
    rule: str
    inferred: bool = False


@record
class Event:
    """One event, in the shape of SPEC section 2.

    ``start``/``end`` are aware datetimes when the zone is known (then
    ``timezone`` is its IANA name), naive datetimes for floating times, or
    dates for all-day events. ``ics_extra`` holds what an ICS input carried
    that seminorm does not model (unfolded content lines and whole
    sub-components such as VALARM), written back unchanged.
    """

    uid: str | None = None
    title: str | None = None
    series: str | None = None
    speakers: tuple[Speaker, ...] = ()
    start: datetime | date | None = None
    end: datetime | date | None = None
    timezone: str | None = None
    all_day: bool = False
    status: str | None = None  # as the source states it; None when it says nothing
    location: Location | None = None
    online: Online | None = None
    links: tuple[Link, ...] = ()
    abstract: str | None = None
    description: str | None = None
    organizer: Organizer | None = None
    categories: tuple[str, ...] = ()
    rrule: str | None = None
    source: Source = field(default_factory=Source)
    warnings: tuple[Notice, ...] = ()
    provenance: Mapping[str, Provenance] = field(default_factory=_empty_provenance)
    dtstamp: datetime | None = None
    ics_extra: tuple[str, ...] = ()

    @property
    def floating(self) -> bool:
        """True when the start is a wall-clock time with no known zone."""
        return isinstance(self.start, datetime) and self.start.tzinfo is None

    def warn(self, code: str, message: str, field: str | None = None) -> Event:
        """Return a copy with one more warning (the same warning is kept once)."""
        notice = Notice(code=code, message=message, field=field)
        if notice in self.warnings:
            return self
        return _replace(self, warnings=(*self.warnings, notice))

    def explain(self, name: str, prov: Provenance) -> Event:
        """Return a copy recording where field ``name`` came from."""
        return self.explained({name: prov})

    def explained(self, provs: Mapping[str, Provenance]) -> Event:
        """Return a copy recording where each field of ``provs`` came from."""
        if not provs:
            return self
        return _replace(self, provenance=MappingProxyType({**self.provenance, **provs}))


def _replace(ev: Event, **changes: object) -> Event:
    return replace(ev, **changes)


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
