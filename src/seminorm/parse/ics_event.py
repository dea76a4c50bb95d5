"""One VEVENT component to one :class:`~seminorm.model.Event`.

The modeled properties fill the event's fields; every other property and
sub-component is kept, as content lines, in ``Event.ics_extra`` (with TZIDs
rewritten to the IANA zone they were mapped to), in source order.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from seminorm.context import Context
from seminorm.model import STATUSES, Event, Link, Location, Online, Organizer, Speaker

from .ics_lex import Component, Prop, unquote
from .ics_values import fix_until, read_datetime, read_duration, split_list, unescape

#: Properties read into the model (anything else goes to ``ics_extra``).
MODELED = frozenset(
    {"UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION", "LOCATION"}
    | {"URL", "ORGANIZER", "CATEGORIES", "STATUS", "RRULE", "CONFERENCE"}
)
#: Properties whose date-time values follow the event's zone.
DATE_LISTS = frozenset({"EXDATE", "RDATE", "RECURRENCE-ID"})

_FLOATING_DT = re.compile(r"\d{8}T\d{6}(?:,\d{8}T\d{6}){0,1000}")
_AFFILIATION = re.compile(r"(.{1,200}?)\s*\(([^()]{1,200})\)\s*")


@dataclass(slots=True)
class CalendarScope:
    """What one VCALENDAR tells its events: its zones and ``X-WR-TIMEZONE``."""

    vtimezones: dict[str, Component] = field(default_factory=dict)
    xwr: str | None = None
    xwr_raw: str | None = None
    parent: CalendarScope | None = None
    cache: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    #: Offset functions of custom VTIMEZONEs no IANA zone matches.
    offsets: dict[str, Callable[[datetime], int | None]] = field(default_factory=dict)

    @classmethod
    def loose(cls, roots: list[Component]) -> CalendarScope:
        """The scope of bare components: every VTIMEZONE in the file."""
        scope = cls()
        for root in roots:
            for comp in root.walk():
                if comp.name == "VTIMEZONE":
                    tzid = comp.first("TZID")
                    if tzid is not None:
                        scope.vtimezones.setdefault(_clean(unescape(tzid.value)[0]), comp)
        return scope

    @classmethod
    def of(cls, cal: Component, loose: CalendarScope) -> CalendarScope:
        from .icszones import name_to_iana

        scope = cls(parent=loose)
        for child in cal.children:
            if child.name == "VTIMEZONE":
                tzid = child.first("TZID")
                if tzid is not None:
                    scope.vtimezones[_clean(unescape(tzid.value)[0])] = child
        xwr = cal.first("X-WR-TIMEZONE")
        if xwr is not None and xwr.value.strip():
            scope.xwr_raw = xwr.value.strip()
            scope.xwr = name_to_iana(xwr.value)
        return scope

    def vtimezone(self, tzid: str) -> Component | None:
        found = self.vtimezones.get(tzid)
        if found is None and self.parent is not None:
            return self.parent.vtimezone(tzid)
        return found

    def resolve(
        self, tzid: str, years: list[int], hints: Callable[[], list[str]]
    ) -> tuple[str | None, str]:
        """``(IANA zone or None, note)`` for a TZID; the note says what was repaired.

        ``hints`` gives zones the event's own evidence points to, asked for
        only when a custom VTIMEZONE has several equivalent IANA zones.
        """
        key = _clean(tzid)
        if key not in self.cache:
            self.cache[key] = self._resolve(key, years, hints)
        return self.cache[key]

    def _resolve(
        self, tzid: str, years: list[int], hints: Callable[[], list[str]]
    ) -> tuple[str | None, str]:
        from .icszones import iana_key, match_vtimezone, name_to_iana, offset_zone
        from .icszones import vtimezone_is_static as static

        exact = iana_key(tzid)
        if exact:
            return (
                exact,
                "" if exact == tzid or exact == "UTC" else f"read TZID {tzid!r} as {exact}",
            )
        named = name_to_iana(tzid)
        if named:
            return named, f"mapped TZID {tzid!r} to {named}"
        vtz = self.vtimezone(tzid)
        if vtz is not None:
            lines = vtz.lines()
            if static(lines) and self.xwr:
                return (
                    self.xwr,
                    f"ignored the VTIMEZONE {tzid!r} (no real DST) for X-WR-TIMEZONE {self.xwr}",
                )
            location = vtz.first("X-LIC-LOCATION")
            # a TZNAME that names a zone ("Eastern Standard Time"), not an abbreviation
            # ("CET" and "EST" are legacy IANA keys, never the zone to pick)
            names = [
                n for p in vtz.walk_props("TZNAME") if "/" in (n := name_to_iana(p.value) or "")
            ]
            prefer = [
                name_to_iana(location.value) if location else None,
                self.xwr,
                *hints(),
                *names,
            ]
            zone, note = match_vtimezone(lines, years, [z for z in prefer if z])
            if zone:
                how = " (closest match)" if note else ""
                return zone, f"matched the VTIMEZONE {tzid!r} to {zone}{how}"
            if self.xwr:
                return (
                    self.xwr,
                    f"VTIMEZONE {tzid!r} matches no zone ({note}); used X-WR-TIMEZONE {self.xwr}",
                )
            from .icszones import vtimezone_offsets

            offsets = vtimezone_offsets(lines, years)
            if offsets is not None:
                self.offsets[tzid] = offsets
                return None, (
                    f"VTIMEZONE {tzid!r} matches no IANA zone; "
                    "times converted to UTC with its own offsets"
                )
        fixed = offset_zone(tzid)
        if fixed:
            return fixed, f"mapped TZID {tzid!r} to {fixed}"
        return None, f"unknown TZID {tzid!r}: times read as floating"


def _clean(tzid: str) -> str:
    return unquote(tzid.strip()).strip()


@dataclass(slots=True)
class _Draft:
    notes: list[str] = field(default_factory=list)
    tzmap: dict[str, str | None] = field(default_factory=dict)


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
        return [guess[0]] if guess else []

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
        ev = _check_order(ev)
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
    draft.tzmap[_clean(tzid)] = zone
    if note:
        draft.notes.append(note)
    if zone:
        return value.replace(tzinfo=ZoneInfo(zone))
    offsets = scope.offsets.get(_clean(tzid))
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
    dur_prop = comp.first("DURATION")
    if dur_prop is None:
        return None
    duration = read_duration(dur_prop.value)
    if duration is None or duration < timedelta(0):
        draft.notes.append(f"dropped the invalid DURATION {dur_prop.value.strip()!r}")
        return None
    if not isinstance(start, datetime):
        return start + timedelta(days=max(1, duration.days))
    return start + duration


def _place(ev: Event, comp: Component, scope: CalendarScope, ctx: Context, draft: _Draft) -> Event:
    """Give a floating event its zone (X-WR-TIMEZONE > --tz > inferred), or warn."""
    from dataclasses import replace

    start, end = ev.start, ev.end
    if isinstance(start, datetime) and start.tzinfo is not None:
        key = getattr(start.tzinfo, "key", None)
        if isinstance(end, datetime) and end.tzinfo is None:
            end = end.replace(tzinfo=start.tzinfo)
        return replace(ev, end=end, timezone=key)
    if not isinstance(start, datetime):
        return ev
    from .icszones import iana_key

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
    if zone is None and ctx.tz:
        zone = iana_key(ctx.tz)
    if zone is None:
        guess = _guess(comp)
        if guess is not None:
            zone, evidence = guess
            ev = ev.warn(
                "tz-inferred", f"no zone stated; {zone} inferred from {evidence}", "timezone"
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


def _guess(comp: Component) -> tuple[str, str] | None:
    from .ics_infer import infer_event_zone

    loc = comp.first("LOCATION")
    texts = [loc.value if loc else ""]
    texts += [p.value for p in comp.props if p.name in ("URL", "ORGANIZER", "DESCRIPTION")]
    texts += [p.value for c in comp.walk() if c.name == "VLOCATION" for p in c.props]
    return infer_event_zone(texts) if any(texts) else None


def _check_order(ev: Event) -> Event:
    """``end-before-start``: swap a same-day pair, move an end dated too early to the start's
    day when its time is later, else drop the end."""
    from dataclasses import replace

    start, end = ev.start, ev.end
    if start is None or end is None:
        return ev
    try:
        backwards = end < start
    except TypeError:
        return ev
    if not backwards:
        return ev
    if isinstance(start, datetime) and isinstance(end, datetime):
        local_end = end.astimezone(start.tzinfo) if end.tzinfo and start.tzinfo else end
        if local_end.date() == start.date():
            fixed, how = (
                replace(ev, start=end, end=start),
                "swapped DTSTART and DTEND (written backwards)",
            )
        elif local_end.time() > start.time():
            moved = datetime.combine(start.date(), local_end.time(), tzinfo=local_end.tzinfo)
            fixed, how = (
                replace(ev, end=moved),
                "DTEND dated before DTSTART; kept its time on the start day",
            )
        else:
            fixed, how = replace(ev, end=None), "DTEND before DTSTART; end dropped"
    else:
        fixed, how = replace(ev, end=None), "all-day DTEND before DTSTART; end dropped"
    return fixed.warn("end-before-start", how, "end")


def _map_tzids(
    comp: Component, scope: CalendarScope, draft: _Draft, hints: Callable[[], list[str]]
) -> None:
    """Map the TZIDs of the properties kept as they are (EXDATE, RDATE, ...) to IANA."""
    for sub in comp.walk():
        for prop in sub.props:
            tzid = prop.param("TZID")
            if not tzid or _clean(tzid) in draft.tzmap or prop.name in ("DTSTART", "DTEND"):
                continue
            value, _ = read_datetime(prop.value.split(",", 1)[0].split("/", 1)[0])
            years = [value.year] if value is not None else []
            zone, note = scope.resolve(tzid, years, hints)
            draft.tzmap[_clean(tzid)] = zone
            if note:
                draft.notes.append(note)


def _fields(ev: Event, comp: Component, draft: _Draft) -> Event:
    from dataclasses import replace

    done: set[str] = set()
    title = description = None
    location: Location | None = None
    links: list[Link] = []
    organizer: Organizer | None = None
    categories: list[str] = []
    status = "confirmed"
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
            speaker = _speaker(child)
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
            if name == "DURATION" and ev.end is not None:
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
        elif name == "UID":
            uid = prop.value.strip() or None
        elif name == "DTSTAMP":
            dtstamp = _stamp(prop, draft)
        elif name == "URL" and prop.value.strip():
            links.append(Link(url=prop.value.strip(), kind="page"))
        elif name == "ORGANIZER":
            organizer = _organizer(prop)
            if organizer is None:
                _keep(extra, prop, draft, event_zone)
        elif name == "CATEGORIES":
            categories.extend(c for c in split_list(prop.value) if c not in categories)
        elif name == "STATUS":
            value = prop.value.strip().lower()
            status = value if value in STATUSES else status
        elif name == "RRULE":
            rrule = _rrule(prop.value, ev, draft)
            if rrule is None:
                done.discard(name)  # a later, readable RRULE takes its place
        elif name == "CONFERENCE":
            online = _conference(prop, online, dial_in, extra)
    if uid is None:
        raw = comp.first("DTSTART")
        key = f"{title or ''}|{raw.value.strip() if raw else ''}"
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
    from .ics_clean import clean

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
        unknown = tzid is not None and tzmap.get(_clean(tzid)) is None
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


def _organizer(prop: Prop) -> Organizer | None:
    value = prop.value.strip()
    email = value[7:] if value.lower().startswith("mailto:") else value
    if "@" not in email or " " in email.strip():
        return None
    name = prop.param("CN")
    return Organizer(name=name.strip() or None if name else None, email=email.strip())


def _rrule(value: str, ev: Event, draft: _Draft) -> str | None:
    from .ics_clean import valid_rule

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


def _conference(
    prop: Prop, online: Online | None, dial_in: list[str], extra: list[str]
) -> Online | None:
    uri = prop.value.strip()
    feature = (prop.param("FEATURE") or "").upper()
    label = prop.param("LABEL") or ""
    if uri.lower().startswith("tel:") or ("PHONE" in feature and "VIDEO" not in feature):
        number = label[8:].strip() if label.lower().startswith("dial-in ") else uri[4:]
        dial_in.append(number)
        return online
    if online is not None and online.url:
        extra.append(prop.line())
        return online
    return _read_label(uri, label)


def _read_label(url: str, label: str) -> Online:
    """Invert the writer's LABEL: ``Zoom, meeting ID 897 0800, passcode 5``."""
    platform = meeting = passcode = None
    try:
        from seminorm.write.compose import PLATFORM_NAMES
    except ImportError:
        PLATFORM_NAMES = {}
    names = {str(v).casefold(): str(k) for k, v in PLATFORM_NAMES.items()}
    for part in (p.strip() for p in label.split(",")):
        if part.lower().startswith("meeting id "):
            meeting = part[11:].strip() or None
        elif part.lower().startswith("passcode "):
            passcode = part[9:].strip() or None
        elif part.casefold() in names and platform is None:
            platform = names[part.casefold()]
    return Online(platform=platform, url=url, meeting_id=meeting, passcode=passcode)


def _speaker(comp: Component) -> Speaker | None:
    if comp.name != "PARTICIPANT":
        return None
    kind = comp.first("PARTICIPANT-TYPE")
    summary = comp.first("SUMMARY")
    if kind is None or kind.value.strip().upper() != "SPEAKER" or summary is None:
        return None
    text = unescape(summary.value)[0].strip()
    if not text:
        return None
    m = _AFFILIATION.fullmatch(text)
    if m:
        return Speaker(name=m.group(1).strip(), affiliation=m.group(2).strip())
    return Speaker(name=text)
