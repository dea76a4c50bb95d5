"""Structured data in HTML pages: schema.org ``Event`` JSON-LD and microdata,
microformats ``h-event``.

Takes a page (its HTML or its parsed tree); gives the events its structured
data states, the starts' zones settled against the text's events.

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

The items are found here; :mod:`.event` converts them, and
:mod:`.zones` gives their starts a zone (:func:`settle_zones`):
a start with a UTC offset is put in an IANA zone that has that offset, a
start without one takes the text's zone or ``--tz``.

>>> evs = structured_events('<script type="application/ld+json">'
...     '{"@type": "EducationEvent", "name": "On knots",'
...     ' "startDate": "2021-05-04T16:00:00+02:00"}</script>')
>>> evs[0].title, evs[0].start.isoformat()
('On knots', '2021-05-04T16:00:00+02:00')
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from seminorm.model import Event
from seminorm.patterns import LazyPattern

from .event import instant, text_value, to_event, types_of
from .zones import settle_zones, twin

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
        ev = to_event(item, series, kind, tz)
        if ev is None:
            continue
        key = (instant(ev.start), (ev.title or "").casefold())
        if key in seen:
            continue
        seen.add(key)
        events.append(ev)
    return events


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


_TRAILING_COMMA = LazyPattern(r",(\s{0,100}[}\]])")


def _load_json(raw: str) -> Any:
    raw = raw.strip()
    for prefix, suffix in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if raw.startswith(prefix) and raw.endswith(suffix):
            raw = raw[len(prefix) : -len(suffix)].strip()
    for attempt in (raw, _TRAILING_COMMA.sub(r"\1", raw)):
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


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
    types = types_of(data)
    if types & _EVENT_TYPES:
        subs = data.get("subEvent") or data.get("subEvents")
        name = text_value(data.get("name"))
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
        if types_of(item) & _EVENT_TYPES:
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
