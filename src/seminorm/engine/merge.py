"""Merge events read from structured data (JSON-LD, microdata, h-event) with
the events the text gives.

Structured data is the page's own statement and wins for what it states;
the text fills what it leaves out (speakers' affiliations, the meeting
passcode, the abstract). A structured start that differs from the text's
for the same event gives a ``time-conflict`` warning naming both.
"""

from __future__ import annotations

from datetime import datetime

from ..model import Event
from ..plain import replace

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
    for name in _FILLABLE:
        if not getattr(st, name) and getattr(tx, name):
            changes[name] = getattr(tx, name)
    if st.start is None and tx.start is not None:
        changes.update(start=tx.start, end=tx.end, timezone=tx.timezone)
    if st.description is None:
        changes["description"] = tx.description
    merged = replace(st, **changes)
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


def merge_same_talk(events: list[Event]) -> list[Event]:
    """Records of one talk become one event: the first, completed by the others.

    A posting often states a talk twice - a header block (``Time:``,
    ``Place:``) and the announcement under it - and each part may be read as
    a record of its own. Two events are one talk when they start at the same
    moment, their ends agree (or one has none), and nothing tells them apart:
    no two different rooms, and either a speaker in common or (when one has
    no speaker) titles that agree (one missing, or one inside the other). The
    first event keeps what it has; what it lacks comes from the second; of two
    titles one inside the other, the longer. Linear in the events.
    """
    if len(events) < 2:
        return events
    out: list[Event] = []
    first_at: dict[object, int] = {}
    for ev in events:
        k = first_at.get(ev.start) if isinstance(ev.start, datetime) else None
        if k is not None and _one_talk(out[k], ev):
            out[k] = _fill(out[k], ev)
            continue
        if isinstance(ev.start, datetime):
            first_at.setdefault(ev.start, len(out))
        out.append(ev)
    return out


def _norm(s: str | None) -> str:
    return " ".join((s or "").casefold().split()).strip(" .,;:")


def _agree(a: str | None, b: str | None) -> bool:
    """Two texts agree when one is missing or one holds the other."""
    x, y = _norm(a), _norm(b)
    return not x or not y or x in y or y in x


def _one_talk(a: Event, b: Event) -> bool:
    if a.all_day or b.all_day or a.start != b.start:
        return False
    if a.end is not None and b.end is not None and a.end != b.end:
        return False
    if not _agree(a.location.name if a.location else None, b.location.name if b.location else None):
        return False
    names_a = {_norm(s.name) for s in a.speakers}
    names_b = {_norm(s.name) for s in b.speakers}
    if names_a and names_b:
        return any(_agree(x, y) for x in names_a for y in names_b)
    return _agree(a.title, b.title)


def _fill(a: Event, b: Event) -> Event:
    changes: dict[str, object] = {}
    for name in (*_FILLABLE, "description", "timezone", "status", "rrule"):
        if not getattr(a, name) and getattr(b, name):
            changes[name] = getattr(b, name)
    if (
        a.title
        and b.title
        and len(_norm(b.title)) > len(_norm(a.title))
        and _norm(a.title) in _norm(b.title)
    ):
        changes["title"] = b.title
    provs = {k: v for k, v in b.provenance.items() if k in changes}
    merged = replace(a, **changes).explained(provs)
    for n in b.warnings:
        merged = merged.warn(n.code, n.message, n.field)
    return merged
