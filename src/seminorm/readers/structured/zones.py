"""Zones for the starts of structured events: :func:`settle_zones`.

A start with a UTC offset is an exact moment but no zone. It is put in
an IANA zone that has that offset at that moment, taken from (in order) the
text's own event, ``--tz``, the zone inferred from the page; failing that, it
is written in UTC (the moment is right either way). A start without offset
takes the text's zone or ``--tz``, else it stays floating with ``tz-missing``.

:func:`twin` finds the text's event that stands for a structured one.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from seminorm.model import Event, Notice

from ...plain import replace


def settle_zones(
    structured: list[Event], text_events: list[Event], tz: str | None, text: str
) -> list[Event]:
    """Give structured starts an IANA zone (see the module docstring).

    >>> from datetime import timezone as tzs
    >>> st = Event(start=datetime(2021, 5, 4, 16, tzinfo=tzs(timedelta(hours=2))))
    >>> settle_zones([st], [], "Europe/Zurich", "")[0].timezone
    'Europe/Zurich'
    >>> settle_zones([st], [], None, "")[0].timezone
    'UTC'
    """
    out = []
    others = [ev.timezone for ev in text_events if ev.timezone]
    inferred = _inferred_zone(text) if structured else None
    for ev in structured:
        start = ev.start
        if not isinstance(start, datetime) or ev.timezone:
            out.append(ev)
            continue
        twin = _twin(ev, text_events)
        candidates: list[_Candidate] = []
        guessed: list[_Candidate] = []  # the text's own zone, when the text only inferred it
        if twin is not None and twin.timezone:
            notes = tuple(w for w in twin.warnings if w.code == "tz-inferred")
            if start.tzinfo is not None or _wall(twin.start) == _wall(start):
                (guessed if notes else candidates).append((twin.timezone, notes))
        if tz:
            candidates.append((tz, ()))
        place = _place_zone(ev)
        if place is not None:
            zone, where = place
            candidates.append((zone, (_inferred_note(zone, f"its place '{where}'"),)))
        country, zones = _country_zones(ev)
        if zones and (start.tzinfo is not None or len(zones) == 1):
            # with a stated offset, any zone of the country may name the moment;
            # without one, only a country with a single zone says which it is
            note = _inferred_note(zones[0], f"the country of its place ({country})")
            candidates.extend((z, (note,)) for z in zones)
        candidates.extend(guessed)
        for name in others:
            candidates.append((name, (_inferred_note(name, "the page's other events"),)))
        if inferred:
            candidates.append((inferred, (_inferred_note(inferred, "the page text"),)))
        out.append(_settle(ev, start, candidates))
    return out


_Candidate = tuple[str, tuple[Notice, ...]]


def _inferred_note(zone: str, evidence: str) -> Notice:
    return Notice(
        code="tz-inferred",
        message=f"the structured data gives no zone; {zone} inferred from {evidence}",
        field="timezone",
    )


# -- zones --------------------------------------------------------------------


def _inferred_zone(text: str) -> str | None:
    from seminorm.zones.evidence import infer_zone

    try:
        guess = infer_zone(text)
    except Exception:  # the text reader's inference must never break the page
        return None
    return guess.zone if guess is not None else None


def _place_zone(ev: Event) -> tuple[str, str] | None:
    """The zone of the structured location (``Lausanne, CH`` gives Europe/Zurich), and the place."""
    loc = ev.location
    if loc is None:
        return None
    where = ", ".join(p for p in (loc.name, loc.address) if p)
    zone = _inferred_zone(where)
    return (zone, where) if zone else None


def _country_zones(ev: Event) -> tuple[str, list[str]]:
    """The zones of the country that ends the structured address (``…, Barcelona, ES``).

    >>> from seminorm.model import Location
    >>> _country_zones(Event(location=Location(name="Aula", address="08003, Barcelona, ES")))
    ('ES', ['Europe/Madrid', 'Africa/Ceuta', 'Atlantic/Canary'])
    >>> _country_zones(Event(location=Location(name="Hall", address="Zürich, Switzerland")))[1]
    ['Europe/Zurich']
    """
    from seminorm.zones.gazetteer import country_zones

    loc = ev.location
    if loc is None or not loc.address:
        return "", []
    code, zones = country_zones(loc.address.rsplit(",", 1)[-1].strip())
    return (code, list(zones)) if code else ("", [])


def twin(ev: Event, text_events: list[Event]) -> Event | None:
    """The text event that stands for the same event as ``ev``: same day, or the only one."""
    return _twin(ev, text_events)


def _twin(ev: Event, text_events: list[Event]) -> Event | None:
    """The text event on the same day (or the only one)."""
    start = ev.start
    if not isinstance(start, datetime):
        return None
    same = [
        tx
        for tx in text_events
        if isinstance(tx.start, datetime) and tx.start.date() == start.date()
    ]
    if len(same) == 1:
        return same[0]
    if len(text_events) == 1 and len(same) == 0:
        return text_events[0]
    return None


def _settle(ev: Event, start: datetime, candidates: list[_Candidate]) -> Event:
    end = ev.end if isinstance(ev.end, datetime) else None
    offset = start.utcoffset()
    if offset is None:
        # floating: the first candidate zone, with the evidence when it was inferred
        for name, notes in candidates:
            zone = zone_of(name)
            if zone is None:
                continue
            ev = replace(
                ev,
                start=start.replace(tzinfo=zone),
                end=end.replace(tzinfo=zone) if end is not None else ev.end,
                timezone=name,
            )
            for n in notes:
                ev = ev.warn(n.code, n.message, n.field)
            return ev
        return ev.warn("tz-missing", "the structured data gives no zone", "timezone")
    # an exact moment: the first candidate zone with that offset names it
    for name, _ in candidates:
        zone = zone_of(name)
        if zone is not None and start.astimezone(zone).utcoffset() == offset:
            return replace(
                ev,
                start=start.astimezone(zone),
                end=end.astimezone(zone) if end is not None and end.tzinfo else ev.end,
                timezone=name,
            )
    utc = ZoneInfo("UTC")
    ev = replace(
        ev,
        start=start.astimezone(utc),
        end=end.astimezone(utc) if end is not None and end.tzinfo else ev.end,
        timezone="UTC",
    )
    if offset != timedelta(0):
        ev = ev.warn(
            "tz-inferred",
            f"the structured data gives only the UTC offset {_offset(offset)}; "
            "no zone of this document has it, so the time is written in UTC",
            "timezone",
        )
    return ev


def _wall(value: datetime | date | None) -> object:
    return value.replace(tzinfo=None) if isinstance(value, datetime) else value


def zone_of(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return None


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
