"""``VTIMEZONE`` blocks: the zone's history as dated transitions, its current rule as RRULEs.

icalendar writes a zone as one dated transition (``RDATE``) per change of
offset; for a range of thousands of years (a series with ``UNTIL`` in the
year 5000) that is hundreds of thousands of lines. Here the transitions
come from icalendar only up to the year from which the zone follows one
yearly rule; from that year on each kind of transition (to summer time, back
to standard time) is one ``STANDARD`` or ``DAYLIGHT`` with an ``RRULE``. The
rule is not written from knowledge of the zone: it is read off the zone's own
transitions (the IANA data through :mod:`zoneinfo`) and kept only if it gives
every transition of every year from its first year to :data:`HORIZON`; past
``HORIZON`` zoneinfo itself follows the zone's POSIX rule, which is yearly.

>>> text = vtimezone("Europe/Berlin", date(2023, 1, 1), date(5001, 1, 1)).decode()
>>> [ln for ln in text.splitlines() if ln.startswith("RRULE")]
['RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU']
>>> len(text.splitlines()) < 40
True
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..plain import NamedTuple
from .lines import fold, name_of, unfolded_lines

__all__ = ["HORIZON", "known_zone", "vtimezone"]

#: Last year checked against the rule; the IANA data has dated transitions
#: up to 2087 (Morocco), zoneinfo applies the POSIX rule after the last one.
HORIZON = 2100

#: The rule is not looked for before this year (no zone had summer time then).
_EARLIEST = 1900
_STEP = 14 * 86400  # no zone keeps an offset for less than two weeks
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class _Change(NamedTuple):
    kind: tuple[int, int, str, bool]  # offset before, offset after (s), name after, DST after
    wall: datetime  # local time of the change, in the offset before it (RFC 5545 DTSTART)


def _state(zone: ZoneInfo, ts: int) -> tuple[int, str, bool]:
    moment = datetime.fromtimestamp(ts, zone)
    offset, dst = moment.utcoffset(), moment.dst()
    return (int(offset.total_seconds()) if offset else 0, moment.tzname() or "", bool(dst))


@functools.lru_cache(maxsize=4096)
def _changes(key: str, year: int, hints: tuple[int, ...] = ()) -> tuple[_Change, ...]:
    """The changes of offset in ``year`` (UTC), from zoneinfo, to the second.

    The year is sampled every two weeks; a change between two samples is
    found to the second by bisection. ``hints`` are times of day (seconds
    after midnight UTC) at which a change is likely, those of the following
    year while :func:`_rule` walks back: under a yearly rule the change falls
    at that time on one of the days between the samples, so a bisection over
    those days and one look at the second before find it in about six looks
    instead of twenty; the change found is the same.
    """
    zone = ZoneInfo(key)
    stamp = datetime.fromtimestamp
    start = int(datetime(year, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(year + 1, 1, 1, tzinfo=UTC).timestamp())
    out: list[_Change] = []
    ts, offset = start, stamp(start, zone).utcoffset()
    while ts < end:
        nxt = min(ts + _STEP, end)
        after = stamp(nxt, zone).utcoffset()
        if after == offset:
            ts = nxt
            continue
        hi = _change_at(zone, ts, nxt, offset, hints)
        before = int(offset.total_seconds()) if offset else 0
        new = _state(zone, hi)
        wall = datetime.fromtimestamp(hi, UTC).replace(tzinfo=None)
        out.append(_Change((before, new[0], new[1], new[2]), wall + timedelta(seconds=before)))
        ts, offset = hi, stamp(hi, zone).utcoffset()
    return tuple(out)


def _times_of_day(changes: tuple[_Change, ...]) -> tuple[int, ...]:
    """When in the day (UTC, seconds) each change happens: hints for the year before."""
    out: list[int] = []
    for c in changes:
        utc = c.wall - timedelta(seconds=c.kind[0])
        tod = utc.hour * 3600 + utc.minute * 60 + utc.second
        if tod not in out:
            out.append(tod)
    return tuple(out)


def _change_at(
    zone: ZoneInfo, lo: int, hi: int, offset: timedelta | None, hints: tuple[int, ...]
) -> int:
    """The first second in ``(lo, hi]`` whose offset is not ``offset`` (it is at ``hi``)."""
    stamp = datetime.fromtimestamp
    for tod in hints:
        first = lo - lo % 86400 + tod
        if first <= lo:
            first += 86400
        days = (hi - first) // 86400 + 1
        if days <= 0:
            continue
        a, b = -1, days - 1  # offset at first + a*86400 is ``offset`` (or before lo)
        if stamp(first + b * 86400, zone).utcoffset() == offset:
            continue
        while b - a > 1:
            mid = (a + b) // 2
            if stamp(first + mid * 86400, zone).utcoffset() == offset:
                a = mid
            else:
                b = mid
        found = first + b * 86400
        if found - 1 <= lo or stamp(found - 1, zone).utcoffset() == offset:
            return found
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if stamp(mid, zone).utcoffset() == offset:
            lo = mid
        else:
            hi = mid
    return hi


def _candidates(day: date) -> set[tuple[str, int, int]]:
    """Ways a yearly rule can name ``day`` within its month."""
    wd = day.weekday()
    last = 31 if day.month == 12 else (date(day.year, day.month + 1, 1) - timedelta(days=1)).day
    out = {("day", day.day, 0), ("nth", (day.day - 1) // 7 + 1, wd)}
    if day.day > last - 7:
        out.add(("last", -1, wd))
    out.update(("ge", k, wd) for k in range(max(1, day.day - 6), min(day.day, last - 6) + 1))
    return out


def _shape(changes: tuple[_Change, ...]) -> tuple[tuple[object, ...], ...]:
    return tuple((c.kind, c.wall.month, c.wall.time()) for c in changes)


@functools.lru_cache(maxsize=512)
def _rule(key: str, first: int) -> tuple[int, tuple[tuple[str, int, int], ...]] | None:
    """``(year, rules)``: from ``year`` (not before ``first``) to :data:`HORIZON` every
    year's changes follow ``rules`` (one per change, in order); None when the
    zone's changes near the horizon follow no yearly rule."""
    ref = _changes(key, HORIZON)
    shape = _shape(ref)
    sets = [_candidates(c.wall.date()) for c in ref]
    year = HORIZON
    hints = _times_of_day(ref)
    while year - 1 >= max(first, _EARLIEST):  # bounded work whatever the dates
        changes = _changes(key, year - 1, hints)
        if _shape(changes) != shape:
            break
        narrowed = [s & _candidates(c.wall.date()) for s, c in zip(sets, changes, strict=True)]
        if not all(narrowed):
            break
        sets, year = narrowed, year - 1
    if year == HORIZON and ref:
        return None
    order = {"last": 0, "nth": 1, "ge": 2, "day": 3}
    return year, tuple(min(s, key=lambda r: (order[r[0]], r[1], r[2])) for s in sets)


def _offset(seconds: int) -> str:
    sign = "-" if seconds < 0 else "+"
    h, rest = divmod(abs(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{sign}{h:02d}{m:02d}" + (f"{s:02d}" if s else "")


def _rrule(wall: datetime, rule: tuple[str, int, int]) -> str:
    how, n, wd = rule
    head = f"RRULE:FREQ=YEARLY;BYMONTH={wall.month}"
    if how == "day":
        return f"{head};BYMONTHDAY={n}"
    if how == "ge":
        return f"{head};BYDAY={_DAYS[wd]};BYMONTHDAY={','.join(str(d) for d in range(n, n + 7))}"
    return f"{head};BYDAY={n}{_DAYS[wd]}"


#: icalendar's search steps (``Timezone._from_tzinfo_skip_search``), longest first.
_SKIPS = tuple(timedelta(days=d) for d in (64, 32, 16, 8, 4, 2, 1)) + tuple(
    timedelta(seconds=s) for s in (14400, 3600, 1200, 300, 60, 20, 5, 1)
)


def _text(value: str) -> str:
    """An iCalendar TEXT value as icalendar escapes it."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _stamp(moment: datetime) -> str:
    return (
        f"{moment.year:04}{moment.month:02}{moment.day:02}"
        f"T{moment.hour:02}{moment.minute:02}{moment.second:02}"
    )


def _utc_offset(td: timedelta | None) -> str:
    """``+HHMM`` (``+HHMMSS`` with seconds), as icalendar writes a UTC offset."""
    assert td is not None
    sign, td = ("-", -td) if td < timedelta(0) else ("+", td)
    hours = abs(td.days * 24 + td.seconds // 3600)
    minutes, seconds = abs((td.seconds % 3600) // 60), abs(td.seconds % 60)
    return f"{sign}{hours:02}{minutes:02}" + (f"{seconds:02}" if seconds else "")


def _dated_lines(key: str, first: date, last: date) -> list[str]:
    """The ``VTIMEZONE`` icalendar writes for ``[first, last]``
    (``Timezone.from_tzid(key, first_date=first, last_date=last)``), unfolded,
    one ``RDATE`` per line (ical.js, as in Thunderbird, reads only the first
    value of a list); ``[]`` when it cannot write one.

    The same walk over the zone's offsets and the same text, without loading
    icalendar (a fifth of a small calendar's whole run); a key zoneinfo does
    not load as it is (a Windows name, a vendor prefix) is left to icalendar.
    """
    try:
        zone = ZoneInfo(key.strip("/"))
    except Exception:
        return _with_onset_rdates(_icalendar_lines(key, first, last))
    try:
        return _with_onset_rdates(_walk(zone, key, first, last))
    except (ValueError, KeyError, OSError, OverflowError):
        return []


def _with_onset_rdates(lines: list[str]) -> list[str]:
    """An observance that has ``RDATE`` lines names its ``DTSTART`` among them too.

    RFC 5545 counts the onset ``DTSTART`` in the set anyway (a repeated
    instance is one instance), but ical.js, given ``DTSTART`` and later
    ``RDATE`` values, does not apply the observance between the ``DTSTART``
    and the first ``RDATE``: a Zurich time of April 1981 came out an hour
    off. icalendar and vobject read the same offsets either way.

    >>> _with_onset_rdates(["BEGIN:DAYLIGHT", "DTSTART:19810329T030000",
    ...     "RDATE:19820328T030000", "END:DAYLIGHT"])[1:3]
    ['DTSTART:19810329T030000', 'RDATE:19810329T030000']
    """
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if line.startswith("DTSTART:") and i + 1 < len(lines) and lines[i + 1].startswith("RDATE:"):
            out.append("RDATE:" + line[len("DTSTART:") :])
    return out


def _walk(zone: ZoneInfo, key: str, first: date, last: date) -> list[str]:
    """icalendar's ``Timezone.from_tzinfo``, step for step, as lines.

    One difference, which changes no line: icalendar looks for the end of
    the offset in force at the end of the range however far it is, and for a
    zone that keeps one offset from then on (Asia/Tokyo, Etc/GMT-11, Buenos
    Aires after 2009) it steps on to zoneinfo's year 9999 (45,000 looks,
    12 ms a zone). Here the zone ends two years after the range, as zoneinfo
    ends after 9999: a change after the range is never written.
    """
    bound = last.year + 2
    start = datetime(first.year, first.month, first.day, tzinfo=zone)
    stop = datetime(last.year, last.month, last.day, tzinfo=zone)
    # (offset from, offset to, name, standard?) -> the local starts of each such period
    periods: dict[tuple[timedelta | None, timedelta | None, str, bool], list[datetime]] = {}
    offset_to: timedelta | None = None
    while start < stop:
        offset_from, end = offset_to, start
        offset_to = end.utcoffset()
        for step in _SKIPS:
            last_end = end
            end = end + step
            try:
                while end.utcoffset() == offset_to:
                    if end.year > bound:
                        raise OverflowError(f"after {bound}")
                    last_end = end
                    end = end + step
            except OverflowError:  # zoneinfo does not go all the way (nor we past the bound)
                break
            end = last_end
        name = start.tzname()
        if name is None:
            name = str(offset_to)
        kind = (offset_from, offset_to, name, start.dst() == timedelta())
        periods.setdefault(kind, []).append(start.replace(tzinfo=None))
        start = end + _SKIPS[-1]
    lines = [
        "BEGIN:VTIMEZONE",
        f"TZID:{_text(key)}",
        f"COMMENT:This timezone only works from {first} to {last}.",
    ]
    for (offset_from, offset_to, name, standard), starts in periods.items():
        first_start = min(starts)
        starts.remove(first_start)
        if first_start.date() == last:
            first_start = datetime(last.year, last.month, last.day)
        part = "STANDARD" if standard else "DAYLIGHT"
        lines += [f"BEGIN:{part}", f"DTSTART:{_stamp(first_start)}"]
        lines += [f"RDATE:{_stamp(s)}" for s in starts]
        lines += [
            f"TZNAME:{_text(name)}",
            f"TZOFFSETFROM:{_utc_offset(offset_to if offset_from is None else offset_from)}",
            f"TZOFFSETTO:{_utc_offset(offset_to)}",
            f"END:{part}",
        ]
    lines.append("END:VTIMEZONE")
    return lines


def _icalendar_lines(key: str, first: date, last: date) -> list[str]:
    """icalendar's own VTIMEZONE for ``[first, last]``, unfolded, one ``RDATE`` per line."""
    from icalendar import Timezone

    try:
        data = bytes(Timezone.from_tzid(key, first_date=first, last_date=last).to_ical())
    except (ValueError, KeyError, OSError, OverflowError):
        return []
    out: list[str] = []
    for line in unfolded_lines(data):
        if not line:
            continue
        name, _, values = line.partition(":")
        if name_of(line) == "RDATE" and "," in values:
            out.extend(f"{name}:{value}" for value in values.split(","))
        else:
            out.append(line)
    return out


@functools.lru_cache(maxsize=512)
def known_zone(key: str) -> bool:
    """True when the zone ``key`` is known, so that its VTIMEZONE can be written:
    icalendar's zone lookup (``tzp.timezone``), whose first try is zoneinfo's
    key as it is (without surrounding ``/``); only the keys zoneinfo does not
    load so (Windows names, vendor prefixes) load icalendar to be looked up.
    """
    try:
        ZoneInfo(key.strip("/"))
        return True
    except Exception:
        pass
    from icalendar.timezone import tzp

    try:
        return tzp.timezone(key) is not None
    except (ValueError, KeyError, OSError):
        return False


@functools.lru_cache(maxsize=512)
def vtimezone(key: str, first: date, last: date) -> bytes:
    """The ``VTIMEZONE`` of IANA zone ``key``, right at least from ``first`` to ``last``
    (empty when the zone is unknown)."""
    try:
        ZoneInfo(key)
        found = _rule(key, first.year)
    except (ZoneInfoNotFoundError, ValueError, OSError, OverflowError):
        found = None
    if found is None or not found[1] or last.year <= found[0]:
        end = last if found is None else min(last, date(found[0] + 1, 1, 1))
        return b"".join(fold(line) for line in _dated_lines(key, first, end))
    year, rules = found
    lines = _dated_lines(key, first, max(first, date(year, 1, 1)))
    if not lines:
        return b""
    # the range in the COMMENT stays the one asked for: the rules hold past it
    lines = [
        f"COMMENT:This timezone only works from {first} to {last}."
        if line.startswith("COMMENT:This timezone")
        else line
        for line in lines[:-1]
    ]
    for change, rule in zip(_changes(key, year), rules, strict=True):
        before, after, name, dst = change.kind
        part = "DAYLIGHT" if dst else "STANDARD"
        lines += [
            f"BEGIN:{part}",
            f"DTSTART:{change.wall:%Y%m%dT%H%M%S}",
            _rrule(change.wall, rule),
            f"TZNAME:{name}",
            f"TZOFFSETFROM:{_offset(before)}",
            f"TZOFFSETTO:{_offset(after)}",
            f"END:{part}",
        ]
    lines.append("END:VTIMEZONE")
    return b"".join(fold(line) for line in lines)
