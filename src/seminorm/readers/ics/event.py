"""One VEVENT component to one :class:`~seminorm.model.Event`.

The modeled properties fill the event's fields; every other property and
sub-component is kept, as content lines, in ``Event.ics_extra`` (with TZIDs
rewritten to the IANA zone they were mapped to), in source order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from seminorm.context import Context
from seminorm.model import STATUSES, Event, Link, Location, Online, Organizer, Speaker, fix_end
from seminorm.patterns import LazyPattern
from seminorm.plain import Plain

from .lex import Component, Prop
from .props import read_conference, read_organizer, read_speaker
from .scope import CalendarScope, clean_tzid
from .values import fix_until, read_datetime, read_duration, split_list, unescape

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ...zones.evidence import ZoneGuess

#: Properties read into the model (anything else goes to ``ics_extra``).
MODELED = frozenset(
    {"UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION", "LOCATION"}
    | {"URL", "ORGANIZER", "CATEGORIES", "STATUS", "RRULE", "CONFERENCE"}
)
#: Properties whose date-time values follow the event's zone.
DATE_LISTS = frozenset({"EXDATE", "RDATE", "RECURRENCE-ID"})

_FLOATING_DT = LazyPattern(r"\d{8}T\d{6}(?:,\d{8}T\d{6}){0,1000}")


class _Draft(Plain):
    __slots__ = ("notes", "tzmap")

    def __init__(self, notes: list[str] | None = None) -> None:
        self.notes: list[str] = [] if notes is None else notes
        self.tzmap: dict[str, str | None] = {}


def build_event(
    comp: Component,
    scope: CalendarScope,
    ctx: Context,
    file_notes: list[str],
    *,
    mojibake: int = 0,
) -> Event | None:
    """The event of one VEVENT; None for an empty one, or a truncated one without a readable
    DTSTART."""
    draft = _Draft(notes=list(file_notes))

    def hints() -> list[str]:
        guess = _guess(comp)
        return [guess.zone] if guess else []

    start_prop = comp.first("DTSTART")
    if start_prop is None and comp.first("RECURRENCE-ID") is not None:
        start_prop = comp.first("RECURRENCE-ID")  # an override starts at its recurrence
        draft.notes.append("no DTSTART: started the event at its RECURRENCE-ID")
    start = _moment(start_prop, scope, draft, hints) if start_prop is not None else None
    if start is None:
        # a complete VEVENT without a usable DTSTART is still an event (every peer
        # counts it); a truncated one is not
        if not comp.closed or not (comp.props or comp.children or comp.junk):
            return None  # truncated, or an empty BEGIN:VEVENT/END:VEVENT pair
        what = f"unreadable DTSTART {start_prop.value.strip()!r}" if start_prop else "no DTSTART"
        draft.notes.append(f"{what}: the event has no start")
        _map_tzids(comp, scope, draft, hints)
        ev = _fields(Event(), comp, draft)
    else:
        end = _end(comp, start, scope, draft, hints)
        ev = Event(start=start, end=end, all_day=not isinstance(start, datetime))
        ev = _place(ev, comp, scope, ctx, draft)
        ev = fix_end(ev, "DTSTART", "DTEND")
        _map_tzids(comp, scope, draft, hints)
        ev = _fields(ev, comp, draft)
    if mojibake:
        ev = ev.warn("mojibake-repaired", f"repaired mojibake in {mojibake} lines", "description")
    if draft.notes:
        ev = ev.warn("ics-repaired", "; ".join(dict.fromkeys(draft.notes)))
    return ev


def _moment(
    prop: Prop, scope: CalendarScope, draft: _Draft, hints: Callable[[], list[str]]
) -> date | datetime | None:
    value, repaired = read_datetime(
        prop.value, as_date=(prop.param("VALUE") or "").upper() == "DATE"
    )
    if value is None:
        return None
    if repaired:
        draft.notes.append(f"read {prop.name} {prop.value.strip()!r} as {_ical(value)}")
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is not None:
        return value.replace(tzinfo=ZoneInfo("UTC"))
    tzid = prop.param("TZID")
    if not tzid or not tzid.strip():
        return value
    zone, note = scope.resolve(tzid, [value.year], hints)
    draft.tzmap[clean_tzid(tzid)] = zone
    if note:
        draft.notes.append(note)
    if zone:
        return value.replace(tzinfo=ZoneInfo(zone))
    offsets = scope.offsets.get(clean_tzid(tzid))
    if offsets is not None:
        guess = offsets(value.replace(tzinfo=UTC)) or 0
        offset = offsets((value - timedelta(seconds=guess)).replace(tzinfo=UTC))
        if offset is not None:
            return (value - timedelta(seconds=offset)).replace(tzinfo=ZoneInfo("UTC"))
    return value


def _ical(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y%m%dT%H%M%S") + ("Z" if value.tzinfo else "")
    return value.strftime("%Y%m%d")


def _end(
    comp: Component,
    start: date | datetime,
    scope: CalendarScope,
    draft: _Draft,
    hints: Callable[[], list[str]],
) -> date | datetime | None:
    prop = comp.first("DTEND")
    if prop is not None:
        end = _moment(prop, scope, draft, hints)
        if end is None:
            draft.notes.append(f"dropped the unreadable DTEND {prop.value.strip()!r}")
        elif isinstance(start, datetime) and not isinstance(end, datetime):
            draft.notes.append("dropped a DATE DTEND of a DATE-TIME event")
            end = None
        elif not isinstance(start, datetime) and isinstance(end, datetime):
            end = end.date() if end.date() > start else start + timedelta(days=1)
            draft.notes.append("read a DATE-TIME DTEND of an all-day event as a date")
        if end is not None:
            return end
    # The first DURATION that can be read is the one used: an invalid one
    # before it is dropped (with a note), and every DURATION is kept out of
    # the pass-through below, so a second pass reads the same end.
    dur_prop = None
    duration = None
    for prop in (p for p in comp.props if p.name == "DURATION"):
        duration = read_duration(prop.value)
        if duration is not None and duration >= timedelta(0):
            dur_prop = prop
            break
        draft.notes.append(f"dropped the invalid DURATION {prop.value.strip()!r}")
    if dur_prop is None or duration is None:
        return None
    try:
        if not isinstance(start, datetime):
            return start + timedelta(days=max(1, duration.days))
        return start + duration
    except OverflowError:
        draft.notes.append(
            f"dropped the DURATION {dur_prop.value.strip()!r}: it ends after year 9999"
        )
        return None


def _place(ev: Event, comp: Component, scope: CalendarScope, ctx: Context, draft: _Draft) -> Event:
    """Give a floating event its zone (X-WR-TIMEZONE > --tz > inferred), or warn."""
    from ...plain import replace

    start, end = ev.start, ev.end
    if (
        isinstance(start, datetime)
        and _is_utc(start)
        and (not isinstance(end, datetime) or _is_utc(end))
    ):
        shown = _home_zone(comp, scope)
        if shown is not None:
            home, evidence = shown
            tz = ZoneInfo(home)
            ev = ev.warn(
                "tz-inferred",
                f"the times are stated in UTC; shown in {home}, {evidence} (the same instants)",
                "timezone",
            )
            end = end.astimezone(tz) if isinstance(end, datetime) else end
            return replace(ev, start=start.astimezone(tz), end=end, timezone=home)
    if isinstance(start, datetime) and start.tzinfo is not None:
        key = getattr(start.tzinfo, "key", None)
        if isinstance(end, datetime) and end.tzinfo is None:
            end = end.replace(tzinfo=start.tzinfo)
        return replace(ev, end=end, timezone=key)
    if not isinstance(start, datetime):
        return ev
    from ...zones.policy import default_zone
    from ...zones.tzid import iana_key

    zone: str | None = None
    stated = getattr(end.tzinfo, "key", None) if isinstance(end, datetime) else None
    if stated:  # a zone stated elsewhere in the same event
        zone = stated
        draft.notes.append(f"placed the floating DTSTART in the zone of DTEND, {zone}")
    elif scope.xwr:
        zone = scope.xwr
        draft.notes.append(f"placed floating times in X-WR-TIMEZONE {zone}")
    elif scope.xwr_raw:
        draft.notes.append(f"ignored the unknown X-WR-TIMEZONE {scope.xwr_raw!r}")
    if zone is None:
        zone, guess = default_zone(iana_key(ctx.tz) if ctx.tz else None, lambda: _guess(comp))
        if guess is not None:
            ev = ev.warn(
                "tz-inferred", f"no zone stated; {zone} inferred from {guess.evidence}", "timezone"
            )
    if zone is None:
        return ev.warn("tz-missing", "no zone stated; the times are floating", "timezone")
    tz = ZoneInfo(zone)
    for key, mapped in list(draft.tzmap.items()):
        if mapped is None:
            draft.tzmap[key] = zone
    if isinstance(end, datetime) and end.tzinfo is None:
        end = end.replace(tzinfo=tz)
    return replace(ev, start=start.replace(tzinfo=tz), end=end, timezone=zone)


_ONLINE_PLACE = LazyPattern(
    r"(?i)\b(?:online|zoom|teams|webex|youtube|virtual|webinar|livestream|stream)\b|https?://"
)


def _is_utc(moment: datetime) -> bool:
    return moment.tzinfo is UTC or getattr(moment.tzinfo, "key", None) in ("UTC", "Etc/UTC")


def _home_zone(comp: Component, scope: CalendarScope) -> tuple[str, str] | None:
    """The zone a UTC-only event belongs to: the calendar's X-WR-TIMEZONE, else its place.

    A feed written in UTC (``DTSTART:20260911T160000Z``) by one institution is
    shown in that institution's zone when the calendar names it, or when the
    event's LOCATION names a city; an online LOCATION, links and a speaker's
    affiliation are no such evidence.
    """
    if scope.xwr and scope.xwr not in ("UTC", "Etc/UTC", "GMT"):
        return scope.xwr, "the calendar's X-WR-TIMEZONE"
    loc = comp.first("LOCATION")
    place = unescape(loc.value)[0].strip() if loc is not None else ""
    if not place or _ONLINE_PLACE.search(place):
        return None  # an online or unplaced event keeps UTC
    from ...zones.evidence import evidence

    found = {
        zone: [it for it in items if it.startswith("the city name")]
        for zone, items in evidence(place).items()
    }
    found = {zone: items for zone, items in found.items() if items}
    if len(found) != 1:
        return None
    [(zone, items)] = found.items()
    return zone, f"the zone of {items[0][len('the ') :]} in its LOCATION"


def _guess(comp: Component) -> ZoneGuess | None:
    from ...zones.evidence import ZoneGuess as Guess
    from .infer import infer_event_zone

    loc = comp.first("LOCATION")
    texts = [loc.value if loc else ""]
    texts += [p.value for p in comp.props if p.name in ("URL", "ORGANIZER", "DESCRIPTION")]
    texts += [p.value for c in comp.walk() if c.name == "VLOCATION" for p in c.props]
    found = infer_event_zone(texts) if any(texts) else None
    return Guess(*found) if found else None


def _map_tzids(
    comp: Component, scope: CalendarScope, draft: _Draft, hints: Callable[[], list[str]]
) -> None:
    """Map the TZIDs of the properties kept as they are (EXDATE, RDATE, ...) to IANA."""
    for sub in comp.walk():
        for prop in sub.props:
            tzid = prop.param("TZID")
            if not tzid or clean_tzid(tzid) in draft.tzmap or prop.name in ("DTSTART", "DTEND"):
                continue
            value, _ = read_datetime(prop.value.split(",", 1)[0].split("/", 1)[0])
            years = [value.year] if value is not None else []
            zone, note = scope.resolve(tzid, years, hints)
            draft.tzmap[clean_tzid(tzid)] = zone
            if note:
                draft.notes.append(note)


def _fields(ev: Event, comp: Component, draft: _Draft) -> Event:
    from ...plain import replace

    done: set[str] = set()
    title = description = None
    location: Location | None = None
    links: list[Link] = []
    organizer: Organizer | None = None
    categories: list[str] = []
    seen_categories: set[str] = set()
    status: str | None = None  # only what STATUS says
    rrule: str | None = None
    uid: str | None = None
    dtstamp: datetime | None = None
    online: Online | None = None
    dial_in: list[str] = []
    speakers: list[Speaker] = []
    extra: list[str] = []
    event_zone = ev.timezone if ev.timezone and ev.timezone != "UTC" else None
    for kind, index in comp.order:
        if kind == "c":
            child = comp.children[index]
            speaker = read_speaker(child)
            if speaker is not None:
                speakers.append(speaker)
            else:
                block = child.lines(draft.tzmap, lambda p: _cleaned(p, draft))
                if child.name == "VALARM" and not any(ln.startswith("TRIGGER") for ln in block):
                    draft.notes.append("dropped a VALARM without a readable TRIGGER")
                else:
                    extra.append("\n".join(block))
            continue
        prop = comp.props[index]
        name = prop.name
        single = name in done and name not in ("CATEGORIES", "CONFERENCE")
        if name not in MODELED or single or (name == "DTSTART" and ev.start is None):
            if name == "DURATION":
                # Read into the end above (or dropped there with a note).
                continue
            _keep(extra, prop, draft, event_zone)
            continue
        done.add(name)
        if name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
            text, repaired = unescape(prop.value)
            if repaired:
                draft.notes.append(f"read double-escaped newlines in {name} as newlines")
            if name == "SUMMARY":
                title = text.strip() or None
            elif name == "DESCRIPTION":
                description = text
            elif text.strip():
                location = Location(name=text.strip(), url=prop.param("ALTREP") or None)
        elif name == "UID":  # TEXT: written escaped (``\;``), so read unescaped
            uid = unescape(prop.value)[0].strip() or None
        elif name == "DTSTAMP":
            dtstamp = _stamp(prop, draft)
        elif name == "URL" and prop.value.strip():
            links.append(Link(url=prop.value.strip(), kind="page"))
        elif name == "ORGANIZER":
            organizer = read_organizer(prop)
            if organizer is None:
                _keep(extra, prop, draft, event_zone)
        elif name == "CATEGORIES":
            for c in split_list(prop.value):
                if c not in seen_categories:  # a set: a list's "in" grows with its length
                    seen_categories.add(c)
                    categories.append(c)
        elif name == "STATUS":
            value = prop.value.strip().lower()
            status = value if value in STATUSES else status
        elif name == "RRULE":
            rrule = _rrule(prop.value, ev, draft)
            if rrule is None:
                done.discard(name)  # a later, readable RRULE takes its place
        elif name == "CONFERENCE":
            online = read_conference(prop, online, dial_in, extra)
    if uid is None:
        raw = comp.first("DTSTART")
        key = f"{title or ''}|{raw.value.strip() if raw else ''}"
        import hashlib

        uid = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + "@seminorm"
        draft.notes.append("added a UID")
    if dtstamp is None and "DTSTAMP" not in done:
        draft.notes.append("DTSTAMP missing (one is added on output)")
    if online is not None or dial_in:
        online = replace(online or Online(), dial_in=tuple(dial_in))
    return replace(
        ev, uid=uid, title=title, description=description, location=location,
        links=tuple(links), organizer=organizer, categories=tuple(categories), status=status,
        rrule=rrule, dtstamp=dtstamp, online=online, speakers=tuple(speakers),
        ics_extra=tuple(extra),
    )  # fmt: skip


def _cleaned(prop: Prop, draft: _Draft) -> Prop | None:
    from .clean import clean

    fixed, note = clean(prop)
    if note:
        draft.notes.append(note)
    return fixed


def _keep(extra: list[str], prop: Prop, draft: _Draft, zone: str | None) -> None:
    """Add a pass-through property to ``extra``, repaired, unless it cannot be written."""
    fixed = _cleaned(prop, draft)
    if fixed is not None:
        extra.append(_extra_line(fixed, draft.tzmap, zone))


def _extra_line(prop: Prop, tzmap: dict[str, str | None], zone: str | None) -> str:
    """The content line of a pass-through property; floating EXDATE/RDATE/RECURRENCE-ID
    values get the zone the event's floating times were placed in."""
    if prop.name in DATE_LISTS and zone:
        tzid = prop.param("TZID")
        unknown = tzid is not None and tzmap.get(clean_tzid(tzid)) is None
        if (tzid is None or unknown) and _FLOATING_DT.fullmatch(prop.value.strip()):
            params = [(k, v) for k, v in prop.params if k != "TZID"] + [("TZID", zone)]
            return Prop(prop.name, params, prop.value.strip()).line()
    return prop.line(tzmap)


def _stamp(prop: Prop, draft: _Draft) -> datetime | None:
    value, _ = read_datetime(prop.value)
    if not isinstance(value, datetime):
        draft.notes.append(f"dropped the unreadable DTSTAMP {prop.value.strip()!r}")
        return None
    if value.tzinfo is None:
        draft.notes.append("read a floating DTSTAMP as UTC")
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _rrule(value: str, ev: Event, draft: _Draft) -> str | None:
    from .clean import valid_rule

    text = value.strip()
    if not valid_rule(text):
        draft.notes.append(f"dropped the unreadable RRULE {text[:60]!r}")
        return None
    if ev.start is None:
        return text
    zone: tzinfo | None = ev.start.tzinfo if isinstance(ev.start, datetime) else None
    fixed, change = fix_until(text, ev.start, zone)
    if change:
        draft.notes.append(f"RRULE {change} to agree with DTSTART")
    return fixed
