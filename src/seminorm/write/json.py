"""JSON and JSON Lines output (SPEC section 2), and the JSON Schema of it.

Every key is always present, in the SPEC's order; unknown values are null or
empty. The same events always give the same text.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> ev = Event(uid="x", title="On knots",
...            start=datetime(2022, 10, 21, 13, 15, tzinfo=ZoneInfo("Europe/Zurich")),
...            timezone="Europe/Zurich")
>>> d = event_to_dict(ev)
>>> d["start"], d["end"], d["location"]
('2022-10-21T13:15:00+02:00', None, None)
"""

from __future__ import annotations

import json
from datetime import date, datetime

from seminorm.model import Event
from seminorm.patterns import LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Any

#: The keys of an event object, in output order (``provenance`` only with explain).
KEYS = (
    "uid",
    "title",
    "series",
    "speakers",
    "start",
    "end",
    "timezone",
    "all_day",
    "status",
    "location",
    "online",
    "links",
    "abstract",
    "description",
    "organizer",
    "categories",
    "rrule",
    "source",
    "warnings",
)

__all__ = [
    "KEYS",
    "event_to_dict",
    "iso",
    "json_items",
    "schema",
    "schema_text",
    "to_json",
    "to_jsonl",
]


def iso(value: datetime | date | None) -> str | None:
    """Write a moment as ISO 8601: the UTC offset for aware times, none for floating.

    Seconds are always written, fractions never.

    >>> iso(datetime(2024, 5, 4, 16, 0))
    '2024-05-04T16:00:00'
    >>> iso(date(2024, 5, 4))
    '2024-05-04'
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def _provenance(ev: Event) -> dict[str, Any]:
    order = {name: i for i, name in enumerate(KEYS)}
    names = sorted(
        ev.provenance,
        key=lambda n: (order.get(n.partition(".")[0].partition("[")[0], len(order)), n),
    )
    return {
        name: {
            "source": ev.provenance[name].source,
            "text": ev.provenance[name].text,
            "rule": ev.provenance[name].rule,
            "inferred": ev.provenance[name].inferred,
        }
        for name in names
    }


def event_to_dict(ev: Event, explain: bool = False) -> dict[str, Any]:
    """Return the SPEC section 2 object of ``ev`` (``provenance`` added with ``explain``)."""
    loc, online, org = ev.location, ev.online, ev.organizer
    out: dict[str, Any] = {
        "uid": ev.uid,
        "title": ev.title,
        "series": ev.series,
        "speakers": [{"name": s.name, "affiliation": s.affiliation} for s in ev.speakers],
        "start": iso(ev.start),
        "end": iso(ev.end),
        "timezone": ev.timezone,
        "all_day": ev.all_day,
        "status": ev.status,
        "location": None
        if loc is None
        else {"name": loc.name, "address": loc.address, "url": loc.url},
        "online": None
        if online is None
        else {
            "platform": online.platform,
            "url": online.url,
            "meeting_id": online.meeting_id,
            "passcode": online.passcode,
            "dial_in": list(online.dial_in),
        },
        "links": [{"url": link.url, "kind": link.kind} for link in ev.links],
        "abstract": ev.abstract,
        "description": ev.description,
        "organizer": None if org is None else {"name": org.name, "email": org.email},
        "categories": list(ev.categories),
        "rrule": ev.rrule,
        "source": {
            "path": ev.source.path,
            "format": ev.source.format,
            "event_index": ev.source.event_index,
        },
        "warnings": [{"code": w.code, "field": w.field, "message": w.message} for w in ev.warnings],
    }
    if explain:
        out["provenance"] = _provenance(ev)
    return out


# Characters str.splitlines() and JavaScript treat as line breaks, which JSON
# leaves raw with ensure_ascii=False; escaped so one JSON Lines record stays
# one line for every reader. They only occur inside strings.
# Lone surrogates (a file name's bytes that were not UTF-8, kept by Python as
# surrogate escapes) are written as JSON escapes too: the name round-trips
# (os.fsencode gives the bytes back) instead of becoming "?" in UTF-8.
# (A pattern, not a str.translate table: the table's 2,051 entries cost a
# millisecond to build at every start, and translate reads every character.)
_LINE_BREAKS = LazyPattern(r"[\x85\u2028\u2029\ud800-\udfff]")


def _json_escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def _dumps(data: object, **options: Any) -> str:
    return _LINE_BREAKS.sub(_json_escape, json.dumps(data, ensure_ascii=False, **options))


def to_json(events: list[Event], explain: bool = False) -> str:
    """Return the events as one JSON array (indented, UTF-8 text, final newline).

    >>> to_json([])
    '[]\\n'
    """
    data = [event_to_dict(ev, explain) for ev in events]
    return _dumps(data, indent=2) + "\n"


def json_items(events: list[Event], explain: bool = False) -> str:
    """The items of :func:`to_json`'s array for ``events``, as they stand inside it
    (indented, joined by ``,`` and a line break; no brackets): JSON written a batch
    at a time (:mod:`seminorm.write.stream`).

    >>> events = [Event(uid="a"), Event(uid="b")]
    >>> to_json(events) == "[\\n" + json_items(events) + "\\n]\\n"
    True
    """
    return ",\n".join(
        "  " + _dumps(event_to_dict(ev, explain), indent=2).replace("\n", "\n  ") for ev in events
    )


def to_jsonl(events: list[Event], explain: bool = False) -> str:
    """Return one compact JSON object per line (JSON Lines), one line per event."""
    return "".join(
        _dumps(event_to_dict(ev, explain), separators=(",", ":")) + "\n" for ev in events
    )


def schema_text() -> str:
    """Return the JSON Schema (draft 2020-12) of the JSON output, as shipped."""
    from importlib import resources  # only the schema command needs it

    return resources.files("seminorm").joinpath("schema.json").read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """Return the JSON Schema of the output as a dict."""
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded
