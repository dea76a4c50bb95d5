"""Read iCalendar data, repaired, into events (SPEC 4.2).

Takes ICS bytes and a :class:`~seminorm.context.Context`; gives one event per
``VEVENT``, repaired, its text fields read by the engine (:mod:`.enrich`).

:func:`parse_ics` runs the lexer (:mod:`.lex`: unfolding at the byte
level, decoding, content lines, the component tree with missing ``END``
lines implied), maps every ``TZID`` to an IANA zone (:mod:`seminorm.zones.tzid`),
places floating times (``X-WR-TIMEZONE``, else ``--tz``, else a zone
inferred from the event, else floating with ``tz-missing``) and builds one
:class:`~seminorm.model.Event` per ``VEVENT`` (:mod:`.event`).
Everything the model does not hold is kept in ``Event.ics_extra``. Each
event carries one ``ics-repaired`` warning naming what was repaired.

>>> from seminorm.context import Context
>>> data = b"BEGIN:VEVENT\\nDTSTART;TZID=W. Europe Standard Time:20240504T160000\\nSUMMARY:Hi\\n"
>>> [ev] = parse_ics(data, Context())
>>> ev.start.isoformat(), ev.timezone
('2024-05-04T16:00:00+02:00', 'Europe/Berlin')
>>> [w.code for w in ev.warnings]
['ics-repaired']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seminorm.context import Context
from seminorm.errors import NoEventError, ParseError, SeminormError
from seminorm.model import Event
from seminorm.patterns import LazyPattern

if TYPE_CHECKING:
    from .lex import Component

__all__ = ["parse_ics"]


def parse_ics(data: bytes, ctx: Context) -> list[Event]:
    """Return the VEVENTs of ``data`` as events, repairing what can be repaired.

    Raises :class:`~seminorm.errors.ParseError` with a one-line message when
    no event can be recovered.
    """
    try:
        return _parse(data, ctx)
    except SeminormError:
        raise
    except RecursionError:
        raise ParseError("calendar too deeply nested to read") from None
    except Exception as exc:  # never a traceback for bad input
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        raise ParseError(f"unreadable calendar: {type(exc).__name__}: {detail}") from None


def _parse(data: bytes, ctx: Context) -> list[Event]:
    from .event import build_event
    from .lex import describe, lex
    from .scope import CalendarScope

    if not data.strip():
        raise NoEventError("empty calendar")
    roots, rep = lex(data)
    file_notes = describe(rep)
    scopes: list[tuple[CalendarScope, list[Component]]] = []
    loose = CalendarScope.loose(roots)
    vevents = 0
    others: set[str] = set()
    for root in roots:
        scope = CalendarScope.of(root, loose) if root.name == "VCALENDAR" else loose
        found = [c for c in root.walk() if c.name == "VEVENT"]
        others.update(c.name for c in root.walk() if c.name in ("VTODO", "VJOURNAL", "VFREEBUSY"))
        vevents += len(found)
        scopes.append((scope, list(found)))
    if not vevents:
        if not roots:
            raise ParseError("not a calendar: no BEGIN:VCALENDAR or BEGIN:VEVENT found")
        if others:
            raise NoEventError(f"no VEVENT found (only {', '.join(sorted(others))})")
        raise ParseError("not a calendar: no VEVENT found")
    events: list[Event] = []
    lost: list[str] = []
    skipped = 0
    for scope, comps in scopes:
        for comp in comps:
            try:
                ev = build_event(comp, scope, ctx, file_notes, mojibake=rep.mojibake)
            except _UNHOLDABLE as exc:
                lost.append(_lost(_name(comp), exc))
                continue
            if ev is None:
                skipped += 1
                continue
            events.append(ev)
    if not events:
        if lost:
            raise ParseError(f"no readable VEVENT: {lost[0]}")
        empty = sum(
            1 for _, comps in scopes for c in comps if not (c.props or c.children or c.junk)
        )
        if empty == vevents:
            what = "the VEVENT is" if vevents == 1 else f"all {vevents} VEVENTs are"
            raise ParseError(f"no event: {what} empty")
        if rep.counts["missing-end"]:
            raise ParseError(f"truncated calendar: none of its {vevents} VEVENTs has a DTSTART")
        raise ParseError(f"no VEVENT with a readable DTSTART (of {vevents})")
    events, notices = _without_notices(events)
    prefix = series_prefix([ev.title or "" for ev in events])
    out: list[Event] = []
    for ev in events:
        try:
            out.append(_enriched(ev, ctx, len(out), prefix))
        except _UNHOLDABLE as exc:
            lost.append(_lost(f"SUMMARY {(ev.title or '')[:60]!r}, UID {ev.uid!r}", exc))
    if not out:
        raise ParseError(f"no readable VEVENT: {lost[0]}")
    for notice in notices:
        out = [_repaired(ev, notice) for ev in out]
    if lost:
        # one event the reader cannot hold (a date past year 9999...) never sinks the others
        message = "dropped an unreadable VEVENT: " + "; ".join(lost[:5])
        if len(lost) > 5:
            message += f"; and {len(lost) - 5} more"
        out = [_repaired(ev, message) for ev in out]
    return out


def _without_notices(events: list[Event]) -> tuple[list[Event], list[str]]:
    """A VEVENT whose SUMMARY says no talk takes place is no event, when talks remain.

    ("No seminar (spring break)", "Reading group (no Compiler Club session
    this week)"): a feed's notice of a skipped week. It is left out, and the
    other events' ``ics-repaired`` note names it; a calendar of nothing but
    notices keeps them.
    """
    from ...engine.header import NO_EVENT

    keep: list[Event] = []
    left: list[Event] = []
    for ev in events:
        (left if ev.title and NO_EVENT.search(ev.title) else keep).append(ev)
    if not keep or not left:
        return events, []
    names = "; ".join(repr((ev.title or "")[:60]) for ev in left[:3])
    more = f" and {len(left) - 3} more" if len(left) > 3 else ""
    what = "a VEVENT" if len(left) == 1 else f"{len(left)} VEVENTs"
    return keep, [f"left out {what} announcing no talk: {names}{more}"]


#: What reading one hostile event may raise, besides our own errors.
_UNHOLDABLE = (ArithmeticError, ValueError, TypeError, LookupError)


def _lost(name: str, exc: BaseException) -> str:
    return f"{name} ({type(exc).__name__}: {str(exc)[:80]})"


_PREFIX = LazyPattern(r"^\s*([^:\n]{2,60}?)\s*:\s+\S")


def series_prefix(summaries: list[str]) -> str | None:
    """The ``Series:`` every SUMMARY of a calendar starts with (``Compiler Club: <title>``).

    A prefix shared by at least two events and by most of them names the
    calendar's series, whatever its words; a lone ``X: Y`` is left to the
    per-event rules (``Speaker: Title``).

    >>> series_prefix(["Compiler Club: Linkers", "Compiler Club: Parsers", "Other"])
    'Compiler Club'
    >>> series_prefix(["Ada Lovelace: Engines", "Alan Turing: Machines"]) is None
    True
    >>> series_prefix(["Prof. Ada Lovelace: Engines", "Prof. Ada Lovelace: Looms"]) is None
    True
    """
    counts: dict[str, int] = {}
    for s in summaries:
        m = _PREFIX.match(s)
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    n = counts[best]
    if n < 2 or 2 * n < len(summaries):
        return None
    from ...rules.people import strip_honorifics

    if strip_honorifics(best) != best:
        return None  # one speaker's talks: "Prof. Ada Lovelace: <title>" is Speaker: Title
    return best


def _repaired(ev: Event, message: str) -> Event:
    """Add ``message`` to the event's one ``ics-repaired`` warning (or give it one)."""
    from dataclasses import replace

    for i, w in enumerate(ev.warnings):
        if w.code == "ics-repaired":
            merged = replace(w, message=f"{w.message}; {message}")
            return replace(ev, warnings=(*ev.warnings[:i], merged, *ev.warnings[i + 1 :]))
    return ev.warn("ics-repaired", message)


def _name(comp: Component) -> str:
    """A VEVENT as a person finds it again: its SUMMARY and UID."""
    parts = []
    for key in ("SUMMARY", "UID"):
        prop = comp.first(key)
        if prop is not None and prop.value.strip():
            parts.append(f"{key} {prop.value.strip()[:60]!r}")
    return ", ".join(parts) or "a VEVENT without SUMMARY or UID"


def _enriched(ev: Event, ctx: Context, index: int, prefix: str | None = None) -> Event:
    from dataclasses import replace

    from seminorm.model import Source

    ev = replace(ev, source=Source(path=ctx.path, format="ics", event_index=index))
    try:
        from .enrich import enrich
    except ImportError:
        return ev
    try:
        return enrich(ev, ctx, series_prefix=prefix)
    except ImportError:  # the text rules enrich uses are not there yet
        return ev
