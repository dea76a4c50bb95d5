"""Structured data in HTML pages: schema.org ``Event`` JSON-LD and microdata,
microformats ``h-event``.

All three are turned into the same plain dictionary (JSON-LD's shape) and
then into :class:`~seminorm.model.Event` by one converter:

- ``name`` → title; ``startDate``/``endDate`` (ISO 8601; a date alone makes
  an all-day event); ``eventStatus`` → status;
- ``performer`` (also the unofficial ``speaker``) → speakers, with
  ``affiliation``/``worksFor`` as the affiliation; ``organizer`` → organizer;
- ``location``: a ``Place`` (name, address) → location, a
  ``VirtualLocation`` (or a URL) → the online meeting;
- ``description`` → abstract (unless visibly truncated), ``url`` → a link;
  ``superEvent`` / an enclosing ``EventSeries`` → series.

Every ``Event`` subtype counts (``EducationEvent``, ``BusinessEvent``...);
``@graph``, arrays, ``subEvent`` and ``ItemList`` entries are searched.

Zones: a start with a UTC offset is an exact moment but no zone. It is put in
an IANA zone that has that offset at that moment, taken from (in order) the
text's own event, ``--tz``, the zone inferred from the page; failing that, it
is written in UTC (the moment is right either way). A start without offset
takes the text's zone or ``--tz``, else it stays floating with ``tz-missing``.
See :func:`settle_zones`.

>>> evs = structured_events('<script type="application/ld+json">'
...     '{"@type": "EducationEvent", "name": "On knots",'
...     ' "startDate": "2021-05-04T16:00:00+02:00"}</script>')
>>> evs[0].title, evs[0].start.isoformat()
('On knots', '2021-05-04T16:00:00+02:00')
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from html import unescape
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from seminorm.model import (
    Event,
    Link,
    Location,
    Notice,
    Online,
    Organizer,
    Provenance,
    Source,
    Speaker,
)

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["settle_zones", "structured_events", "twin"]

_EVENT_TYPES = frozenset(
    {
        "event",
        "businessevent",
        "childrensevent",
        "comedyevent",
        "courseinstance",
        "danceevent",
        "deliveryevent",
        "educationevent",
        "exhibitionevent",
        "festival",
        "foodevent",
        "hackathon",
        "literaryevent",
        "musicevent",
        "publicationevent",
        "broadcastevent",
        "ondemandevent",
        "saleevent",
        "screeningevent",
        "socialevent",
        "sportsevent",
        "theaterevent",
        "visualartsevent",
        "eventseries",
    }
)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_WS = re.compile(r"\s+")
_PLATFORMS = (
    ("zoom", re.compile(r"zoom\.us|zoomgov\.com", re.I)),
    ("teams", re.compile(r"teams\.microsoft|teams\.live", re.I)),
    ("meet", re.compile(r"meet\.google", re.I)),
    ("webex", re.compile(r"webex\.com", re.I)),
    ("jitsi", re.compile(r"jit\.si|jitsi", re.I)),
    ("bbb", re.compile(r"bigbluebutton|//bbb\.", re.I)),
    ("gotomeeting", re.compile(r"gotomeeting|gotomeet\.me", re.I)),
    ("bluejeans", re.compile(r"bluejeans", re.I)),
)
_MAX_NODES = 5000


def structured_events(doc: str | LexborHTMLParser, tz: str | None = None) -> list[Event]:
    """Return the events a page states in JSON-LD, microdata and h-event.

    ``doc`` is the page's HTML or its parsed tree. ``tz`` is ``--tz``: the
    zone of starts written without offset, and a preferred name for starts
    with a matching offset. Duplicates (the same event in two vocabularies)
    are kept once.
    """
    if isinstance(doc, str):
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(doc)
    else:
        tree = doc
    items = [*_json_ld(tree), *_microdata(tree), *_h_events(tree)]
    events: list[Event] = []
    seen: set[tuple[object, ...]] = set()
    for item, series, kind in items:
        ev = _to_event(item, series, kind, tz)
        if ev is None:
            continue
        key = (_instant(ev.start), (ev.title or "").casefold())
        if key in seen:
            continue
        seen.add(key)
        events.append(ev)
    return events


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


# -- the three vocabularies ---------------------------------------------------

_Item = tuple[dict[str, Any], str | None, str]


def _json_ld(tree: LexborHTMLParser) -> Iterator[_Item]:
    for script in tree.css("script"):
        kind = (script.attributes.get("type") or "").lower()
        if "ld+json" not in kind:
            continue
        data = _load_json(script.text(deep=True))
        if data is not None:
            yield from _find_events(data, None, 0, [0])


def _load_json(raw: str) -> Any:
    raw = raw.strip()
    for prefix, suffix in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if raw.startswith(prefix) and raw.endswith(suffix):
            raw = raw[len(prefix) : -len(suffix)].strip()
    for attempt in (raw, re.sub(r",(\s{0,100}[}\]])", r"\1", raw)):
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _types(item: dict[str, Any]) -> set[str]:
    raw = item.get("@type") or item.get("type") or ()
    names = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    return {str(n).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for n in names}


def _find_events(data: Any, series: str | None, depth: int, budget: list[int]) -> Iterator[_Item]:
    """Walk JSON-LD for Event items, bounded in depth and size."""
    budget[0] += 1
    if depth > 20 or budget[0] > _MAX_NODES:
        return
    if isinstance(data, list):
        for x in data:
            yield from _find_events(x, series, depth + 1, budget)
        return
    if not isinstance(data, dict):
        return
    types = _types(data)
    if types & _EVENT_TYPES:
        subs = data.get("subEvent") or data.get("subEvents")
        name = _text(data.get("name"))
        if "eventseries" in types or (subs and not data.get("startDate")):
            yield from _find_events(subs, name or series, depth + 1, budget)
            return
        yield data, series, "JSON-LD"
        if subs:
            yield from _find_events(subs, name or series, depth + 1, budget)
        return
    for key, value in data.items():
        if key in ("@graph", "itemListElement", "item", "mainEntity", "about", "event", "events"):
            yield from _find_events(value, series, depth + 1, budget)
        elif isinstance(value, dict | list) and key not in ("@context",):
            yield from _find_events(value, series, depth + 1, budget)


def _microdata(tree: LexborHTMLParser) -> Iterator[_Item]:
    for node in tree.css("[itemscope][itemtype]"):
        if "itemprop" in node.attributes:
            continue  # a property of another item (its own parent is seen)
        item = _micro_item(node, 0)
        if _types(item) & _EVENT_TYPES:
            yield item, None, "microdata"
        else:
            yield from _find_events(item, None, 0, [0])


def _micro_item(scope: LexborNode, depth: int) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": (scope.attributes.get("itemtype") or "").split()}
    stack = list(scope.iter(include_text=False))[::-1]
    seen = 0
    while stack and seen < _MAX_NODES:
        node = stack.pop()
        seen += 1
        attrs = node.attributes
        prop = attrs.get("itemprop")
        nested = "itemscope" in attrs
        if prop:
            value: Any
            if nested:
                value = _micro_item(node, depth + 1) if depth < 10 else {}
            else:
                value = _micro_value(node)
            for name in prop.split():
                item.setdefault(name, value)
        if not nested:
            stack.extend(list(node.iter(include_text=False))[::-1])
    return item


def _micro_value(node: LexborNode) -> str:
    attrs = node.attributes
    for attr in ("content", "datetime"):
        if attrs.get(attr):
            return str(attrs[attr])
    tag = node.tag
    if tag in ("a", "link", "area") and attrs.get("href"):
        return str(attrs["href"])
    if tag in ("img", "audio", "video", "source", "iframe", "embed") and attrs.get("src"):
        return str(attrs["src"])
    if tag in ("data", "meter") and attrs.get("value"):
        return str(attrs["value"])
    return node.text(deep=True)


def _h_events(tree: LexborHTMLParser) -> Iterator[_Item]:
    for node in tree.css(".h-event, .vevent"):
        item: dict[str, Any] = {"@type": "Event"}
        props = (
            ("name", ("p-name", "summary")),
            ("startDate", ("dt-start", "dtstart")),
            ("endDate", ("dt-end", "dtend")),
            ("location", ("p-location", "location")),
            ("description", ("e-content", "p-summary", "p-description", "description")),
            ("url", ("u-url", "url")),
            ("organizer", ("p-organizer", "organizer")),
        )
        for key, classes in props:
            for cls in classes:
                found = node.css_first("." + cls)
                if found is None:
                    continue
                if key in ("startDate", "endDate"):
                    item[key] = _dt_value(found)
                elif key == "url":
                    item[key] = found.attributes.get("href") or found.text()
                else:
                    item[key] = found.text(deep=True)
                break
        if "name" not in item and "p-name" in (node.attributes.get("class") or ""):
            item["name"] = node.text()
        yield item, None, "h-event"


def _dt_value(node: LexborNode) -> str:
    attrs = node.attributes
    for attr in ("datetime", "title", "value", "content"):
        if attrs.get(attr):
            return str(attrs[attr])
    parts = [_dt_value(v) for v in node.css(".value")]
    if parts:
        return "T".join(p.strip() for p in parts[:2])
    return node.text(deep=True)


# -- conversion ---------------------------------------------------------------


def _to_event(item: dict[str, Any], series: str | None, kind: str, tz: str | None) -> Event | None:
    title = _text(item.get("name"))
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
    link_url = _text(item.get("url"))
    links = (Link(url=link_url, kind="page"),) if link_url.startswith("http") else ()
    abstract = _text(item.get("description")) or None
    if abstract and abstract.endswith(("...", "…", "[…]", "[...]")):
        abstract = None
    super_event = item.get("superEvent")
    if isinstance(super_event, dict):
        series = _text(super_event.get("name")) or series
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


def _text(value: Any) -> str:
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


_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ])")
_ZONE_SUFFIX = re.compile(
    r"(?:\[([A-Za-z_]{1,20}(?:/[A-Za-z0-9_+-]{1,30}){1,2})\]|\s([A-Za-z_]{1,20}(?:/[A-Za-z0-9_+-]{1,30}){1,2}))$"
)


def _when(value: Any, tz: str | None) -> tuple[datetime | date | None, bool]:
    """An ISO 8601 date or date-time; a trailing IANA name (``[Europe/Paris]``) is its zone.

    >>> _when("2021-5-4", None)
    (datetime.date(2021, 5, 4), True)
    >>> _when("2021-05-04T16:00:00+02:00[Europe/Paris]", None)[0].tzinfo
    zoneinfo.ZoneInfo(key='Europe/Paris')
    """
    raw = _text(value).strip()
    if not raw or len(raw) > 80:
        return None, False
    zone_name = tz
    zm = _ZONE_SUFFIX.search(raw)
    if zm is not None and _zone(zm.group(1) or zm.group(2)) is not None:
        zone_name = zm.group(1) or zm.group(2)
        raw = raw[: zm.start()].strip()
    raw = _ISO_DAY.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", raw, count=1)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", raw):
        try:
            return date.fromisoformat(raw), True
        except ValueError:
            return None, False
    iso = raw.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", raw) else raw
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return None, False
    zone = _zone(zone_name) if zone_name else None
    if zone is not None:
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=zone)
        elif zm is not None:
            dt = dt.astimezone(zone)  # the stated zone names the stated moment
    return dt, False


def _status(value: Any) -> str:
    s = _text(value).lower()
    if "cancel" in s:
        return "cancelled"
    if "postpone" in s:
        return "tentative"
    return "confirmed"


def _places(value: Any) -> tuple[Location | None, Online | None]:
    values = value if isinstance(value, list) else [value]
    location: Location | None = None
    online: Online | None = None
    for v in values[:10]:
        if isinstance(v, str):
            s = _text(v)
            if s.startswith(("http://", "https://")):
                online = online or _online(s)
            elif s:
                location = location or Location(name=s)
            continue
        if not isinstance(v, dict):
            continue
        types = _types(v)
        url = _text(v.get("url"))
        if "virtuallocation" in types:
            if url:
                online = online or _online(url)
            continue
        name = _text(v.get("name")) or None
        address = _address(v.get("address"))
        if name or address:
            location = location or Location(
                name=name or address, address=address if name else None, url=url or None
            )
    return location, online


def _address(value: Any) -> str | None:
    if isinstance(value, dict):
        parts = [
            _text(value.get(k))
            for k in (
                "streetAddress",
                "postalCode",
                "addressLocality",
                "addressRegion",
                "addressCountry",
            )
        ]
        joined = ", ".join(p for p in parts if p)
        return joined or _text(value.get("name")) or None
    return _text(value) or None


def _online(url: str) -> Online:
    platform = next((name for name, rx in _PLATFORMS if rx.search(url)), "other")
    return Online(platform=platform, url=url)


def _people(value: Any) -> Iterator[Speaker]:
    """Performers as speakers, honorifics off (``Dr. Sung-min Park`` → ``Sung-min Park``)."""
    values = value if isinstance(value, list) else [value]
    for v in values[:50]:
        if isinstance(v, str) and (name := _text(v)):
            yield Speaker(name=_bare_name(name))
        elif isinstance(v, dict) and (name := _text(v.get("name"))):
            aff = _text(v.get("affiliation") or v.get("worksFor") or v.get("memberOf"))
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
    if isinstance(value, str) and (name := _text(value)):
        return Organizer(name=name)
    if isinstance(value, dict):
        who = _text(value.get("name")) or None
        email = _text(value.get("email")).removeprefix("mailto:") or None
        if who or email:
            return Organizer(name=who, email=email)
    return None


def _instant(value: datetime | date | None) -> object:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC)
    return value


# -- zones --------------------------------------------------------------------


def _inferred_zone(text: str) -> str | None:
    import importlib

    try:
        zones = importlib.import_module("seminorm.rules.zones")
    except ImportError:
        return None
    try:
        guess = zones.infer_zone(text)
    except Exception:  # the text reader's inference must never break the page
        return None
    zone = getattr(guess, "zone", None)
    return zone if isinstance(zone, str) else None


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

    From the tz database's ``zone.tab`` (tzdata), principal zone first.

    >>> from seminorm.model import Location
    >>> _country_zones(Event(location=Location(name="Aula", address="08003, Barcelona, ES")))
    ('ES', ['Europe/Madrid', 'Africa/Ceuta', 'Atlantic/Canary'])
    >>> _country_zones(Event(location=Location(name="Hall", address="Zürich, Switzerland")))[1]
    ['Europe/Zurich']
    """
    loc = ev.location
    if loc is None or not loc.address:
        return "", []
    last = loc.address.rsplit(",", 1)[-1].strip()
    zones, names = _zone_tables()
    code = last.upper() if len(last) == 2 and last.isalpha() else names.get(last.casefold(), "")
    return (code, list(zones.get(code, ()))) if code else ("", [])


@functools.cache
def _zone_tables() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """``{country code: zones}`` from zone.tab and ``{country name: code}`` from iso3166.tab."""
    import importlib.resources

    zones: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    try:
        base = importlib.resources.files("tzdata.zoneinfo")
        zone_tab = base.joinpath("zone.tab").read_text(encoding="utf-8")
        iso_tab = base.joinpath("iso3166.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return {}, {}
    for line in zone_tab.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 3:
                for code in parts[0].split(","):
                    zones.setdefault(code, []).append(parts[2])
    for line in iso_tab.splitlines():
        if line and not line.startswith("#"):
            code, _, name = line.partition("\t")
            names[name.strip().casefold()] = code
    names.update({"usa": "US", "uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB"})
    return {k: tuple(v) for k, v in zones.items()}, names


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
            zone = _zone(name)
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
        zone = _zone(name)
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


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return None


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
