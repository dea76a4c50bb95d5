"""One structured item, in JSON-LD's shape, turned into an :class:`~seminorm.model.Event`.

The fields it maps are listed in :mod:`.structured`; here are the readers
of their values: text (tags and entities off), ISO 8601 dates with an
optional trailing IANA name, status, places and virtual locations,
performers and organizer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from html import unescape
from typing import Any
from zoneinfo import ZoneInfo

from seminorm.model import (
    Event,
    Link,
    Location,
    Online,
    Organizer,
    Provenance,
    Source,
    Speaker,
)
from seminorm.patterns import LazyPattern

from .zones import zone_of

_TAG = LazyPattern(r"<[^<>]{0,2000}>")
_WS = LazyPattern(r"\s+")
_PLATFORMS = (
    ("zoom", LazyPattern(r"zoom\.us|zoomgov\.com", re.I)),
    ("teams", LazyPattern(r"teams\.microsoft|teams\.live", re.I)),
    ("meet", LazyPattern(r"meet\.google", re.I)),
    ("webex", LazyPattern(r"webex\.com", re.I)),
    ("jitsi", LazyPattern(r"jit\.si|jitsi", re.I)),
    ("bbb", LazyPattern(r"bigbluebutton|//bbb\.", re.I)),
    ("gotomeeting", LazyPattern(r"gotomeeting|gotomeet\.me", re.I)),
    ("bluejeans", LazyPattern(r"bluejeans", re.I)),
)


def types_of(item: dict[str, Any]) -> set[str]:
    raw = item.get("@type") or item.get("type") or ()
    names = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    return {str(n).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for n in names}


# -- conversion ---------------------------------------------------------------


def to_event(item: dict[str, Any], series: str | None, kind: str, tz: str | None) -> Event | None:
    title = text_value(item.get("name"))
    start, all_day = _when(item.get("startDate"), tz)
    end, _ = _when(item.get("endDate"), tz)
    if start is None and not title:
        return None
    if end is not None and start is not None and type(end) is not type(start):
        end = None
    if isinstance(start, datetime) and isinstance(end, datetime):
        if (start.tzinfo is None) != (end.tzinfo is None):
            end = None
    status = _status(item.get("eventStatus"))
    location, online = _places(item.get("location"))
    link_url = text_value(item.get("url"))
    links = (Link(url=link_url, kind="page"),) if link_url.startswith("http") else ()
    abstract = text_value(item.get("description")) or None
    if abstract and abstract.endswith(("...", "…", "[…]", "[...]")):
        abstract = None
    super_event = item.get("superEvent")
    if isinstance(super_event, dict):
        series = text_value(super_event.get("name")) or series
    elif isinstance(super_event, str) and not super_event.startswith("http"):
        series = super_event
    ev = Event(
        title=title or None,
        series=series,
        speakers=tuple(_people(item.get("performer") or item.get("speaker"))),
        start=start,
        end=end,
        timezone=start.tzinfo.key
        if isinstance(start, datetime) and isinstance(start.tzinfo, ZoneInfo)
        else None,
        all_day=all_day,
        status=status,
        location=location,
        online=online,
        links=links,
        abstract=abstract,
        organizer=_organizer(item.get("organizer")),
        source=Source(format="html"),
    )
    raw = item.get("startDate")
    if start is not None:
        ev = ev.explain(
            "start", Provenance(source=f"{kind} startDate", text=str(raw)[:100], rule="structured")
        )
    return ev


def text_value(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | dict)), "")
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    if not isinstance(value, str | int | float):
        return ""
    s = unescape(str(value))
    if "<" in s:
        s = _TAG.sub(" ", s)
    return _WS.sub(" ", s).strip()


_ISO_DAY = LazyPattern(r"(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ])")
_ZONE_SUFFIX = LazyPattern(
    r"(?:\[([A-Za-z_]{1,20}(?:/[A-Za-z0-9_+-]{1,30}){1,2})\]|\s([A-Za-z_]{1,20}(?:/[A-Za-z0-9_+-]{1,30}){1,2}))$"
)


_ISO_DATE = LazyPattern(r"\d{4}-\d\d-\d\d")
_ISO_DATE_AND_HOUR = LazyPattern(r"\d{4}-\d\d-\d\d \d")


def _when(value: Any, tz: str | None) -> tuple[datetime | date | None, bool]:
    """An ISO 8601 date or date-time; a trailing IANA name (``[Europe/Paris]``) is its zone.

    >>> _when("2021-5-4", None)
    (datetime.date(2021, 5, 4), True)
    >>> _when("2021-05-04T16:00:00+02:00[Europe/Paris]", None)[0].tzinfo
    zoneinfo.ZoneInfo(key='Europe/Paris')
    """
    raw = text_value(value).strip()
    if not raw or len(raw) > 80:
        return None, False
    zone_name = tz
    zm = _ZONE_SUFFIX.search(raw)
    if zm is not None and zone_of(zm.group(1) or zm.group(2)) is not None:
        zone_name = zm.group(1) or zm.group(2)
        raw = raw[: zm.start()].strip()
    raw = _ISO_DAY.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", raw, count=1)
    if _ISO_DATE.fullmatch(raw):
        try:
            return date.fromisoformat(raw), True
        except ValueError:
            return None, False
    iso = raw.replace(" ", "T", 1) if _ISO_DATE_AND_HOUR.match(raw) else raw
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return None, False
    zone = zone_of(zone_name) if zone_name else None
    if zone is not None:
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=zone)
        elif zm is not None:
            dt = dt.astimezone(zone)  # the stated zone names the stated moment
    return dt, False


def _status(value: Any) -> str | None:
    """schema.org ``eventStatus``: only what it states (``EventScheduled`` is confirmed)."""
    s = text_value(value).lower()
    if "cancel" in s:
        return "cancelled"
    if "postpone" in s:
        return "tentative"
    if "scheduled" in s or "rescheduled" in s:
        return "confirmed"
    return None


def _places(value: Any) -> tuple[Location | None, Online | None]:
    values = value if isinstance(value, list) else [value]
    location: Location | None = None
    online: Online | None = None
    for v in values[:10]:
        if isinstance(v, str):
            s = text_value(v)
            if s.startswith(("http://", "https://")):
                online = online or _online(s)
            elif s:
                location = location or Location(name=s)
            continue
        if not isinstance(v, dict):
            continue
        types = types_of(v)
        url = text_value(v.get("url"))
        if "virtuallocation" in types:
            if url:
                online = online or _online(url)
            continue
        name = text_value(v.get("name")) or None
        address = _address(v.get("address"))
        if name or address:
            location = location or Location(
                name=name or address, address=address if name else None, url=url or None
            )
    return location, online


def _address(value: Any) -> str | None:
    if isinstance(value, dict):
        parts = [
            text_value(value.get(k))
            for k in (
                "streetAddress",
                "postalCode",
                "addressLocality",
                "addressRegion",
                "addressCountry",
            )
        ]
        joined = ", ".join(p for p in parts if p)
        return joined or text_value(value.get("name")) or None
    return text_value(value) or None


def _online(url: str) -> Online:
    platform = next((name for name, rx in _PLATFORMS if rx.search(url)), "other")
    return Online(platform=platform, url=url)


def _people(value: Any) -> Iterator[Speaker]:
    """Performers as speakers, honorifics off (``Dr. Sung-min Park`` → ``Sung-min Park``)."""
    values = value if isinstance(value, list) else [value]
    for v in values[:50]:
        if isinstance(v, str) and (name := text_value(v)):
            yield Speaker(name=_bare_name(name))
        elif isinstance(v, dict) and (name := text_value(v.get("name"))):
            aff = text_value(v.get("affiliation") or v.get("worksFor") or v.get("memberOf"))
            yield Speaker(name=_bare_name(name), affiliation=aff or None)


def _bare_name(name: str) -> str:
    import importlib

    try:
        people = importlib.import_module("seminorm.rules.people")
        bare = people.strip_honorifics(name)
    except (ImportError, AttributeError):
        return name
    return bare if isinstance(bare, str) and bare else name


def _organizer(value: Any) -> Organizer | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and (name := text_value(value)):
        return Organizer(name=name)
    if isinstance(value, dict):
        who = text_value(value.get("name")) or None
        email = text_value(value.get("email")).removeprefix("mailto:") or None
        if who or email:
            return Organizer(name=who, email=email)
    return None


def instant(value: datetime | date | None) -> object:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC)
    return value
