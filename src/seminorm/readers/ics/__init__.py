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

from collections.abc import Callable, Iterable, Iterator

from seminorm.context import Context
from seminorm.errors import NoEventError, ParseError, SeminormError
from seminorm.model import Event
from seminorm.patterns import LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .lex import Component

__all__ = ["parse_ics", "stream_ics"]


def parse_ics(data: bytes, ctx: Context) -> list[Event]:
    """Return the VEVENTs of ``data`` as events, repairing what can be repaired.

    Raises :class:`~seminorm.errors.ParseError` with a one-line message when
    no event can be recovered.
    """
    try:
        return _parse(data, ctx)
    except SeminormError:
        raise
    except Exception as exc:  # never a traceback for bad input
        raise _unreadable(exc) from None


def _unreadable(exc: Exception) -> ParseError:
    """A failure of reading a calendar as one :class:`ParseError` line."""
    if isinstance(exc, RecursionError):
        return ParseError("calendar too deeply nested to read")
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return ParseError(f"unreadable calendar: {type(exc).__name__}: {detail}")


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
    notices keeps them. A SUMMARY that only names a holiday ("Thanksgiving
    Day") stays: a calendar of holidays is a calendar too.
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


def stream_ics(chunks: Callable[[], Iterable[bytes]], ctx: Context) -> Iterator[list[Event]]:
    """The events of a calendar read in flat memory, a batch at a time (docs/streaming.md).

    ``chunks()`` gives the calendar's bytes afresh, piece by piece; it is read
    twice. The first pass lexes it and keeps what the whole calendar tells
    each event (its VCALENDARs' properties and VTIMEZONEs, the repairs, the
    titles' shared series prefix, the notices of no talk); the second builds,
    reads and hands out each VEVENT as it comes. The events are those of
    :func:`parse_ics` on the same bytes, with one difference: a VEVENT that
    cannot be held is named in the note of the events read *after* it (and
    always in the last event's), not of every event.
    """
    try:
        yield from _stream(chunks, ctx)
    except SeminormError:
        raise
    except Exception as exc:  # never a traceback for bad input
        raise _unreadable(exc) from None


class _Titles:
    """What a calendar's titles say as a whole, gathered one title at a time:
    :func:`series_prefix` and :func:`_without_notices` without keeping the titles."""

    def __init__(self) -> None:
        self.total = self.talks = 0
        self.notices: list[str] = []  # the first three
        self.n_notices = 0
        #: prefix -> [count, count among talks, first talk it was seen in]
        self.prefixes: dict[str, list[int]] = {}

    def add(self, title: str | None) -> None:
        from ...engine.header import NO_EVENT

        notice = bool(title and NO_EVENT.search(title))
        if notice:
            self.n_notices += 1
            if len(self.notices) < 3:
                self.notices.append(title or "")
        m = _PREFIX.match(title or "")
        if m:
            entry = self.prefixes.setdefault(m.group(1), [0, 0, -1])
            entry[0] += 1
            if not notice:
                entry[1] += 1
                if entry[2] < 0:
                    entry[2] = self.talks
        self.total += 1
        self.talks += not notice

    def drop_notices(self) -> bool:
        return bool(self.talks and self.n_notices)

    def notes(self) -> list[str]:
        if not self.drop_notices():
            return []
        names = "; ".join(repr(t[:60]) for t in self.notices)
        more = f" and {self.n_notices - 3} more" if self.n_notices > 3 else ""
        what = "a VEVENT" if self.n_notices == 1 else f"{self.n_notices} VEVENTs"
        return [f"left out {what} announcing no talk: {names}{more}"]

    def prefix(self) -> str | None:
        if self.drop_notices():
            talks = sorted((e[2], k, e[1]) for k, e in self.prefixes.items() if e[1])
            return _best_prefix({k: n for _, k, n in talks}, self.talks)
        return _best_prefix({k: e[0] for k, e in self.prefixes.items()}, self.total)


def _stream(chunks: Callable[[], Iterable[bytes]], ctx: Context) -> Iterator[list[Event]]:
    from .event import build_event
    from .lex import describe, lex_stream
    from .scope import CalendarScope

    survey = lex_stream(chunks())
    titles = _Titles()
    vevents = empty = 0
    for comp, _ in survey.events():
        vevents += 1
        empty += not (comp.props or comp.children or comp.junk)
        if not _skipped(comp):
            titles.add(_title(comp))
    rep = survey.rep
    others = {n for n in survey.others if n in ("VTODO", "VJOURNAL", "VFREEBUSY")}
    if not vevents:
        if not survey.roots and not survey.others:
            raise ParseError("not a calendar: no BEGIN:VCALENDAR or BEGIN:VEVENT found")
        if others:
            raise NoEventError(f"no VEVENT found (only {', '.join(sorted(others))})")
        raise ParseError("not a calendar: no VEVENT found")
    file_notes = describe(rep)
    loose = CalendarScope.loose(survey.roots)
    scopes = [CalendarScope.of(r, loose) if r.name == "VCALENDAR" else loose for r in survey.roots]
    prefix, notes, drop = titles.prefix(), titles.notes(), titles.drop_notices()
    del survey, titles
    from ...engine.header import NO_EVENT

    lost: list[str] = []
    held: Event | None = None  # the last event waits: it carries every loss
    held_lost = 0  # how many were lost before it
    batch: list[Event] = []
    index = 0
    for comp, root in lex_stream(chunks()).events():
        try:
            ev = build_event(comp, scopes[root] if root >= 0 else loose, ctx, file_notes,
                             mojibake=rep.mojibake)  # fmt: skip
        except _UNHOLDABLE as exc:
            lost.append(_lost(_name(comp), exc))
            continue
        if ev is None or (drop and ev.title and NO_EVENT.search(ev.title)):
            continue
        try:
            ev = _enriched(ev, ctx, index, prefix)
        except _UNHOLDABLE as exc:
            lost.append(_lost(f"SUMMARY {(ev.title or '')[:60]!r}, UID {ev.uid!r}", exc))
            continue
        for notice in notes:
            ev = _repaired(ev, notice)
        index += 1
        if held is not None:
            batch.append(_repaired(held, _lost_message(lost[:held_lost])) if held_lost else held)
            if len(batch) >= 64:
                yield batch
                batch = []
        held, held_lost = ev, len(lost)
    if held is None:
        if lost:
            raise ParseError(f"no readable VEVENT: {lost[0]}")
        if empty == vevents:
            what = "the VEVENT is" if vevents == 1 else f"all {vevents} VEVENTs are"
            raise ParseError(f"no event: {what} empty")
        if rep.counts["missing-end"]:
            raise ParseError(f"truncated calendar: none of its {vevents} VEVENTs has a DTSTART")
        raise ParseError(f"no VEVENT with a readable DTSTART (of {vevents})")
    batch.append(_repaired(held, _lost_message(lost)) if lost else held)
    yield batch


def _lost_message(lost: list[str]) -> str:
    message = "dropped an unreadable VEVENT: " + "; ".join(lost[:5])
    if len(lost) > 5:
        message += f"; and {len(lost) - 5} more"
    return message


def _skipped(comp: Component) -> bool:
    """True when :func:`~.event.build_event` gives no event for ``comp`` (it has no
    readable start, and is truncated or empty)."""
    from .values import read_datetime

    if comp.closed and (comp.props or comp.children or comp.junk):
        return False
    prop = comp.first("DTSTART") or comp.first("RECURRENCE-ID")
    if prop is None:
        return True
    as_date = (prop.param("VALUE") or "").upper() == "DATE"
    return read_datetime(prop.value, as_date=as_date)[0] is None


def _title(comp: Component) -> str | None:
    """The title :func:`~.event.build_event` gives ``comp``: its first SUMMARY."""
    from .values import unescape

    prop = comp.first("SUMMARY")
    return (unescape(prop.value)[0].strip() or None) if prop is not None else None


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
    return _best_prefix(counts, len(summaries))


def _best_prefix(counts: dict[str, int], total: int) -> str | None:
    """The prefix of :func:`series_prefix`, from each prefix's count (in order of first use)."""
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    n = counts[best]
    if n < 2 or 2 * n < total:
        return None
    from ...rules.people import strip_honorifics

    if strip_honorifics(best) != best:
        return None  # one speaker's talks: "Prof. Ada Lovelace: <title>" is Speaker: Title
    return best


def _repaired(ev: Event, message: str) -> Event:
    """Add ``message`` to the event's one ``ics-repaired`` warning (or give it one)."""
    from ...plain import replace

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
    from seminorm.model import Source

    from ...plain import replace

    ev = replace(ev, source=Source(path=ctx.path, format="ics", event_index=index))
    try:
        from .enrich import enrich
    except ImportError:
        return ev
    try:
        return enrich(ev, ctx, series_prefix=prefix)
    except ImportError:  # the text rules enrich uses are not there yet
        return ev
