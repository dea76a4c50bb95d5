"""Merge events read from structured data (JSON-LD, microdata, h-event) with
the events the text gives.

Structured data is the page's own statement and wins for what it states;
the text fills what it leaves out (speakers' affiliations, the meeting
passcode, the abstract). A structured start that differs from the text's
for the same event gives a ``time-conflict`` warning naming both.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime

from ..model import Event

_FILLABLE = (
    "title",
    "series",
    "speakers",
    "end",
    "location",
    "online",
    "links",
    "abstract",
    "organizer",
    "categories",
)


def merge_structured(text_events: list[Event], structured: list[Event]) -> list[Event]:
    """One event per structured event, completed by the matching text event."""
    if not structured:
        return text_events
    out: list[Event] = []
    used: set[int] = set()
    for st in structured:
        k = _match(st, text_events, used)
        if k is None:
            out.append(st)
            continue
        used.add(k)
        out.append(_merge(st, text_events[k]))
    return out


def _day(ev: Event) -> object:
    s = ev.start
    return s.date() if isinstance(s, datetime) else s


def _match(st: Event, evs: list[Event], used: set[int]) -> int | None:
    for k, ev in enumerate(evs):
        if k not in used and _day(ev) == _day(st):
            return k
    if len(structured_free := [k for k in range(len(evs)) if k not in used]) == 1 and len(evs) == 1:
        return structured_free[0]
    return None


def _merge(st: Event, tx: Event) -> Event:
    changes: dict[str, object] = {}
    names = {f.name for f in fields(Event)}
    for name in _FILLABLE:
        if name in names and not getattr(st, name) and getattr(tx, name):
            changes[name] = getattr(tx, name)
    if st.start is None and tx.start is not None:
        changes.update(start=tx.start, end=tx.end, timezone=tx.timezone)
    if st.description is None:
        changes["description"] = tx.description
    merged = replace(st, **changes)  # type: ignore[arg-type]
    for n in tx.warnings:
        if n.code not in ("time-conflict", "tz-missing", "tz-inferred"):
            merged = merged.warn(n.code, n.message, n.field)
    if isinstance(st.start, datetime) and isinstance(tx.start, datetime) and st.start != tx.start:
        merged = merged.warn(
            "time-conflict",
            f"structured data says {st.start.isoformat()}, the text says {tx.start.isoformat()}; "
            "the structured data is kept",
            "start",
        )
    return merged
