"""iCalendar output (SPEC section 3): one ``VCALENDAR``, deterministic bytes.

Each ``VEVENT`` is written as content lines directly, in the bytes the
icalendar library would give (its property order, TEXT escaping, parameter
quoting, DATE / DATE-TIME / UTC / TZID forms; icalendar's object model cost
85% of the writer's time), then the raw ICS lines an input carried and
seminorm does not model (``Event.ics_extra``) are spliced in unchanged; every
line is folded by :func:`fold`. Every ``TZID`` used gets its ``VTIMEZONE``,
computed with icalendar (:mod:`.vtimezone`); ``VTIMEZONE``\\ s come first,
sorted by ``TZID``.

>>> from datetime import datetime, timezone
>>> ev = Event(uid="a@x", title="On knots", start=datetime(2024, 5, 4, 14, tzinfo=timezone.utc),
...            dtstamp=datetime(2024, 1, 1, tzinfo=timezone.utc))
>>> text = to_ics([ev], Context()).decode()
>>> "DTSTART:20240504T140000Z" in text.splitlines()
True
"""

from __future__ import annotations

import functools
import os
import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from seminorm.context import Context
from seminorm.errors import WriteError
from seminorm.model import STATUSES, Event
from seminorm.patterns import LazyPattern

from .compose import (
    compose_description,
    conference_label,
    param_safe,
    speaker_label,
    summary_for,
    tel_uri,
)
from .lines import (
    CONTENT_HEAD,
    CONTROLS,
    clean_text,
    clean_uri,
    escape_text,
    fold,
    ical_text,
    name_of,
    param_value,
    split_extras,
    tzids_in,
)
from .vtimezone import known_zone, vtimezone

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["dtstamp_default", "escape_text", "fold", "to_ics"]

#: Zone names that mean UTC; times in them are written with ``Z``.
UTC_NAMES = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Zulu", "Zulu", "Universal", "Etc/Universal"}
    | {"GMT", "Etc/GMT", "GMT0", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Greenwich"}
    | {"Etc/Greenwich", "GMT+0", "GMT-0"}
)

#: Properties written from the model once per event; an ``ics_extra`` line of
#: the same name is dropped when seminorm wrote the property itself.
SINGLE_PROPERTIES = frozenset(
    {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION"}
    | {"URL", "ORGANIZER", "STATUS", "RRULE"}
)

#: Properties whose value has a type other than TEXT or URI (RFC 5545 section 3.8,
#: RFC 7986, RFC 9073-9074, and the vCard-shaped ``N`` and ``ADR`` icalendar reads): a
#: pass-through line of one of these is kept only when its value reads as that type.
TYPED_PROPERTIES = frozenset(
    {"ACKNOWLEDGED", "ADR", "COMPLETED", "CREATED", "DUE", "DURATION", "EXDATE", "FREEBUSY"}
    | {"GAP", "GEO", "LAST-MODIFIED", "N", "PERCENT-COMPLETE", "PRIORITY", "RDATE"}
    | {"RECURRENCE-ID", "REFRESH-INTERVAL", "REPEAT", "RSVP", "SEQUENCE", "TRIGGER"}
    | {"TZOFFSETFROM", "TZOFFSETTO"}
)
_VALUE_PARAM = LazyPattern(r";VALUE=([A-Za-z-]+)", re.IGNORECASE)
#: The common well-formed values, read without importing icalendar: integers, and
#: date-times (or dates) as real exports write CREATED, LAST-MODIFIED, EXDATE.
_PLAIN_VALUE = {
    name: LazyPattern(pattern)
    for names, pattern in (
        (("SEQUENCE", "PRIORITY", "REPEAT", "PERCENT-COMPLETE"), r"[+-]?\d{1,9}"),
        (
            ("CREATED", "LAST-MODIFIED", "COMPLETED", "DUE", "RECURRENCE-ID", "EXDATE"),
            r"(?:(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
            r"(?:T(?:[01]\d|2[0-3])[0-5]\d[0-5]\dZ?)?,?)+",
        ),
    )
    for name in names
}


def readable_value(line: str) -> bool:
    """Whether a pass-through content line's value reads as its property's type.

    A typed property with a value of the wrong shape (``GEO:north``, ``SEQUENCE:x``,
    ``N:`` without its five parts) would make calendar programs reject or flag the
    event; such a line is dropped like any malformed pass-through line. Only lines of
    :data:`TYPED_PROPERTIES` are read (with icalendar's value types, imported then).

    >>> readable_value("GEO:48.85;2.35"), readable_value("GEO:north"), readable_value("X-A:1")
    (True, False, True)
    """
    name = name_of(line)
    head = CONTENT_HEAD.match(line)
    if name not in TYPED_PROPERTIES:
        return True
    if head is None:
        return False
    plain = _PLAIN_VALUE.get(name)
    if plain is not None and ";VALUE=" not in head.group().upper():
        value = line[head.end() :]
        if plain.fullmatch(value) and not value.endswith(","):
            return True
    from icalendar.prop import TypesFactory

    value_type = _VALUE_PARAM.search(head.group())
    kind = TypesFactory().for_property(name, value_type and value_type.group(1))
    read: Callable[[str], object] = kind.from_ical  # type: ignore[attr-defined]
    try:
        read(line[head.end() :])
    except Exception:  # any failure of the reader means "unreadable"
        return False
    return True


def dtstamp_default() -> datetime:
    """The ``DTSTAMP`` for events without their own: ``SOURCE_DATE_EPOCH``, else now (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise WriteError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time in seconds") from None
    return datetime.now(UTC).replace(microsecond=0)


def _moment(value: datetime | date) -> datetime | date:
    """The value as written: IANA zones kept, UTC and fixed offsets as UTC."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        return value
    key = getattr(value.tzinfo, "key", None)
    if isinstance(value.tzinfo, ZoneInfo) and key and key not in UTC_NAMES and _known_zone(key):
        return value
    return value.astimezone(UTC)


@functools.lru_cache(maxsize=512)
def _known_zone(key: str) -> bool:
    """True when icalendar can write a VTIMEZONE for ``key`` (else the time goes out in UTC)."""
    return known_zone(key)


def _tzid(value: datetime | date | None) -> str | None:
    if isinstance(value, datetime) and isinstance(value.tzinfo, ZoneInfo):
        return value.tzinfo.key
    return None


def _uid(ev: Event) -> str:
    if ev.uid:
        return clean_text(ev.uid)
    start = ev.start.isoformat() if ev.start else ""
    speaker = ev.speakers[0].name if ev.speakers else ""
    import hashlib

    digest = hashlib.sha256(f"{ev.title}|{start}|{speaker}".encode()).hexdigest()
    return f"{digest[:32]}@seminorm"


def _stamp(ev: Event, default: datetime) -> datetime:
    if ev.dtstamp is None:
        return default
    stamp = ev.dtstamp if ev.dtstamp.tzinfo else ev.dtstamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).replace(microsecond=0)


def _same_kind(a: datetime | date, b: datetime | date) -> bool:
    if isinstance(a, datetime) != isinstance(b, datetime):
        return False
    return not isinstance(a, datetime) or (a.tzinfo is None) == (b.tzinfo is None)  # type: ignore[union-attr]


#: ``uuid.NAMESPACE_URL``'s bytes.
_NAMESPACE_URL = bytes.fromhex("6ba7b8119dad11d180b400c04fd430c8")


def uuid5_url(name: str) -> str:
    """``str(uuid.uuid5(uuid.NAMESPACE_URL, name))``, without loading :mod:`uuid`
    (which loads :mod:`platform`) in every run that writes a speaker.

    >>> import uuid
    >>> uuid5_url("seminorm:a@x#speaker-0") == str(uuid.uuid5(uuid.NAMESPACE_URL, "seminorm:a@x#speaker-0"))
    True
    """
    import hashlib

    digest = bytearray(hashlib.sha1(_NAMESPACE_URL + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _participants(ev: Event, uid: str) -> list[list[str]]:
    """One RFC 9073 ``PARTICIPANT`` per speaker, as content lines."""
    return [
        [
            "BEGIN:PARTICIPANT",
            "PARTICIPANT-TYPE:SPEAKER",
            f"SUMMARY:{escape_text(speaker_label(sp))}",
            f"UID:{uuid5_url(f'seminorm:{uid}#speaker-{i}')}",
            "END:PARTICIPANT",
        ]
        for i, sp in enumerate(ev.speakers)
    ]


def _is_our_speaker(block: list[str], ours: list[list[str]]) -> bool:
    """True for a pass-through PARTICIPANT that repeats a speaker seminorm writes.

    Reading seminorm's own output gives the speakers back both as facts and,
    possibly, as pass-through blocks; they are written once.
    """
    if block in ours:
        return True
    if block[0].upper() != "BEGIN:PARTICIPANT":
        return False
    upper = {line.upper() for line in block}
    summaries = {line for line in block if name_of(line) == "SUMMARY"}
    return "PARTICIPANT-TYPE:SPEAKER" in upper and any(part[2] in summaries for part in ours)


def _dt_value(value: datetime | date) -> tuple[str, str]:
    """``(parameters, value)`` of a DATE or DATE-TIME property, as icalendar writes them:
    ``;VALUE=DATE`` for dates, ``;TZID=...`` for zoned times, ``Z`` for UTC."""
    if not isinstance(value, datetime):
        return ";VALUE=DATE", f"{value.year:04}{value.month:02}{value.day:02}"
    text = (
        f"{value.year:04}{value.month:02}{value.day:02}"
        f"T{value.hour:02}{value.minute:02}{value.second:02}"
    )
    tz = value.tzinfo
    if tz is None:
        return "", text
    tzid = _written_tzid(tz.key) if isinstance(tz, ZoneInfo) else "UTC"
    if tzid == "UTC":
        return "", text + "Z"
    return f";TZID={param_value(tzid)}", text


#: The zones icalendar holds equal to UTC (its table of equivalent zone ids:
#: no offset, ever, since their data begins), whose times it writes with ``Z``;
#: kept here so that writing a time does not load icalendar (a test checks
#: the list against icalendar's ``tzid_from_tzinfo`` for every zone).
WRITTEN_AS_UTC = frozenset(
    {"Africa/Abidjan", "Africa/Accra", "Africa/Bamako", "Africa/Banjul", "Africa/Conakry"}
    | {"Africa/Dakar", "Africa/Freetown", "Africa/Lome", "Africa/Nouakchott"}
    | {"Africa/Ouagadougou", "Africa/Timbuktu", "Atlantic/Reykjavik", "Atlantic/St_Helena"}
    | {"Etc/GMT", "Etc/GMT+0", "Etc/GMT-0", "Etc/GMT0", "Etc/Greenwich", "Etc/UCT", "Etc/UTC"}
    | {"Etc/Universal", "Etc/Zulu", "GMT", "GMT+0", "GMT-0", "GMT0", "Greenwich", "Iceland"}
    | {"UCT", "UTC", "Universal", "Zulu"}
)


def _written_tzid(key: str) -> str:
    """The TZID icalendar gives a zone: its key, or ``UTC`` for the zones it
    holds equal to UTC (``Africa/Abidjan``, ``Iceland``), written with ``Z``."""
    return "UTC" if key in WRITTEN_AS_UTC else key


def _conference_lines(ev: Event) -> list[str]:
    online = ev.online
    if online is None:
        return []
    out: list[str] = []
    url = clean_uri(online.url or "")
    if url:
        label = conference_label(ev)
        params = f";LABEL={param_value(label)}" if label else ""
        out.append(f"CONFERENCE;FEATURE=VIDEO{params};VALUE=URI:{url}")
    for number in online.dial_in:
        tel = tel_uri(number)
        if tel:
            label = param_value(param_safe(f"Dial-in {number}"))
            out.append(f"CONFERENCE;FEATURE=PHONE;LABEL={label};VALUE=URI:{tel}")
    return out


def _vevent_lines(ev: Event, ctx: Context, stamp: datetime) -> list[str]:
    """The properties seminorm writes from the model, as unfolded content lines,
    in icalendar's order (``SUMMARY DTSTART DTEND DTSTAMP UID``, then by name)."""
    lines: list[str] = []
    summary = summary_for(ev, ctx.summary_template)
    if summary:
        lines.append("SUMMARY:" + ical_text(clean_text(summary)))
    # An event read from a VEVENT whose DTSTART was missing or unreadable has
    # no start; it is still written (every client counts it), without one.
    if ev.start is not None:
        params, text = _dt_value(_moment(ev.start))
        lines.append(f"DTSTART{params}:{text}")
        if ev.end is not None and _same_kind(ev.start, ev.end):
            if isinstance(ev.start, datetime) or ev.end > ev.start:  # all-day DTEND is exclusive
                params, text = _dt_value(_moment(ev.end))
                lines.append(f"DTEND{params}:{text}")
    params, text = _dt_value(_stamp(ev, stamp))
    lines.append(f"DTSTAMP{params}:{text}")
    lines.append("UID:" + ical_text(_uid(ev)))
    categories = [clean_text(c) for c in ev.categories if clean_text(c).strip()]
    if categories:
        lines.append("CATEGORIES:" + ",".join(ical_text(c) for c in categories))
    lines += _conference_lines(ev)
    if ev.source.format == "ics":
        description = ev.description
    else:
        description = compose_description(ev)
    if description:
        lines.append("DESCRIPTION:" + ical_text(clean_text(description)))
    loc = ev.location
    place = loc and (loc.name or loc.address)
    if loc and place and clean_text(place).strip():
        altrep = clean_uri(loc.url or "")
        params = f";ALTREP={param_value(altrep, quote=True)}" if altrep else ""
        lines.append(f"LOCATION{params}:" + ical_text(clean_text(place)))
    org = ev.organizer
    email = clean_uri(org.email or "") if org else ""
    email = email[7:] if email.lower().startswith("mailto:") else email
    if org and email:
        cn = param_safe(org.name or "")
        quote = " " in cn or "'" in cn
        params = f";CN={param_value(cn, quote=quote)}" if cn else ""
        lines.append(f"ORGANIZER{params}:mailto:{email}")
    if ev.status in STATUSES:
        lines.append("STATUS:" + ev.status.upper())
    page = next(
        (clean_uri(link.url) for link in ev.links if link.kind == "page" and clean_uri(link.url)),
        None,
    )
    if page:
        lines.append(f"URL:{page}")
    return lines


_WHITESPACE_RUN = LazyPattern(r"\s+")


def _event_bytes(ev: Event, ctx: Context, stamp: datetime, tzids: set[str]) -> bytes:
    written = _vevent_lines(ev, ctx, stamp)
    for value in (ev.start, ev.end):
        tzid = _tzid(_moment(value)) if value is not None else None
        if tzid:
            tzids.add(tzid)
    raw_lines, blocks = split_extras(ev.ics_extra)
    rrule = ev.rrule and _WHITESPACE_RUN.sub("", CONTROLS.sub("", ev.rrule))  # "BYDAY=MO, TU"
    if rrule:
        raw_lines.insert(0, rrule if rrule.upper().startswith("RRULE:") else f"RRULE:{rrule}")
    out = [b"BEGIN:VEVENT\r\n", *(fold(line) for line in written)]
    if raw_lines:
        written_names = {name_of(line) for line in written}
        written_set = set(written)
    kept: list[str] = []
    for line in raw_lines:
        name = name_of(line)
        if name in written_names and (name in SINGLE_PROPERTIES or line in written_set):
            continue
        if name in ("DTSTART", "DTEND"):  # unreadable ones: would break ical.js
            continue
        if name == "DURATION" and "DTEND" in written_names:
            continue
        if not readable_value(line):
            continue
        written_names.add(name)
        kept.append(line)
        out.append(fold(line))
    participants = _participants(ev, _uid(ev))
    blocks = [b for b in blocks if not _is_our_speaker(b, participants)]
    for block in participants + blocks:
        out.extend(fold(line) for line in block)
    tzids.update(tzids_in(kept + [line for block in blocks for line in block]))
    out.append(b"END:VEVENT\r\n")
    return b"".join(out)


_YEAR_IN_VALUE = LazyPattern(r"[:,/](\d{4})\d{4}(?=[T,/]|$)")
_UNTIL_YEAR = LazyPattern(r"UNTIL=(\d{4})", re.IGNORECASE)


class ZoneRanges:
    """Per ``TZID``, the years its VTIMEZONE must cover, so that clients without
    the IANA data (ical.js) get every occurrence right: from the year before
    the first date written in that zone (``DTSTART``, ``DTEND``, and dates of
    pass-through lines such as ``EXDATE``) to two years after the last; a
    recurrence without ``UNTIL`` is covered to at least 2038. Each zone's
    range comes from the events that use it; where the zone follows a yearly
    rule, its VTIMEZONE states the rule and holds past the range.

    Gathered one event at a time (:meth:`add`): per zone, the first and last
    year seen and the end of its recurrences, no list of events or years.
    """

    def __init__(self) -> None:
        self.years: dict[str, tuple[int, int] | None] = {}
        self.lasts: dict[str, int] = {}

    def _seen(self, tzid: str, found: list[int]) -> None:
        span = self.years.get(tzid)
        if found:
            low, high = min(found), max(found)
            span = (min(span[0], low), max(span[1], high)) if span else (low, high)
        self.years[tzid] = span

    def add(self, ev: Event) -> None:
        used: set[str] = set()
        for v in (ev.start, ev.end):
            tzid = _tzid(_moment(v)) if v is not None else None
            if tzid and v is not None:
                self._seen(tzid, [v.year])
                used.add(tzid)
        for item in ev.ics_extra:
            if ";TZID=" in item.upper():
                found = [int(y) for y in _YEAR_IN_VALUE.findall(item)]
                for tzid in tzids_in([item]):
                    self._seen(tzid, found)
                    used.add(tzid)
        if ev.rrule:
            until = _UNTIL_YEAR.search(ev.rrule)
            end = int(until.group(1)) + 1 if until else 2038
            for tzid in used:
                self.lasts[tzid] = max(self.lasts.get(tzid, 0), end)

    def ranges(self) -> dict[str, tuple[date, date]]:
        out: dict[str, tuple[date, date]] = {}
        for tzid, span in self.years.items():
            if span is None:
                out[tzid] = date(1970, 1, 1), date(2038, 1, 1)
                continue
            first = max(span[0] - 1, 1)
            last = max(span[1] + 2, self.lasts.get(tzid, 0))
            out[tzid] = date(first, 1, 1), date(min(max(last, first + 1), 9999), 1, 1)
        return out


#: The last line of a calendar.
ICS_END = b"END:VCALENDAR\r\n"


class IcsWriter:
    """:func:`to_ics` one event at a time, for output in flat memory (docs/streaming.md).

    :meth:`event` gives each VEVENT's bytes as it comes and remembers only the
    zones it used and their years; :meth:`head` gives what comes before the
    events (the calendar's properties and the VTIMEZONEs of every zone used),
    known once the last event is written; then :data:`ICS_END`.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.stamp: datetime | None = None
        self.tzids: set[str] = set()
        self.zones = ZoneRanges()

    def event(self, ev: Event) -> bytes:
        if self.stamp is None and ev.dtstamp is None:
            self.stamp = dtstamp_default()
        body = _event_bytes(ev, self.ctx, self.stamp or datetime(1970, 1, 1), self.tzids)
        self.zones.add(ev)
        return body

    def head(self) -> bytes:
        from seminorm.version import __version__

        ranges = self.zones.ranges()
        default = date(1970, 1, 1), date(2038, 1, 1)
        zones = [vtimezone(t, *ranges.get(t, default)) for t in sorted(self.tzids - UTC_NAMES)]
        head = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:-//seminorm//seminorm {__version__}//EN",
            "CALSCALE:GREGORIAN",
        ]
        return b"".join([*(fold(line) for line in head), *zones])


def to_ics(events: list[Event], ctx: Context) -> bytes:
    """Serialize ``events`` as one iCalendar document (RFC 5545), deterministically.

    ``DTSTAMP`` is the event's own, else ``SOURCE_DATE_EPOCH``, else now.
    Raises :class:`~seminorm.errors.WriteError` for a bad summary template or
    a bad ``SOURCE_DATE_EPOCH``.
    """
    writer = IcsWriter(ctx)
    bodies = [writer.event(ev) for ev in events]
    return b"".join([writer.head(), *bodies, ICS_END])
