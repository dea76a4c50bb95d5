"""Read iCalendar values: dates and times, durations, text, RRULE ``UNTIL``.

Each reader is lenient in what real files write and says when it had to be
(``repaired``), so that the caller can report it.

>>> read_datetime("20240504T160000Z")
(datetime.datetime(2024, 5, 4, 16, 0, tzinfo=datetime.timezone.utc), False)
>>> read_datetime("2024-05-04 16:00")
(datetime.datetime(2024, 5, 4, 16, 0), True)
>>> read_duration("PT1H30M")
datetime.timedelta(seconds=5400)
>>> unescape(r"a\\, b\\nc")
('a, b\\nc', False)
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from seminorm.patterns import LazyPattern

_DT = LazyPattern(
    r"(\d{4})-?(\d{2})-?(\d{2})"
    r"(?:[T ](\d{2}):?(\d{2})(?::?(\d{2}))?(?:\.\d{1,9})?)?"
    r"(Z|[+-]\d{2}:?\d{2})?"
)
_DURATION = LazyPattern(
    r"([+-])?P(?:(\d{1,9})W)?(?:(\d{1,9})D)?(?:T(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9})S)?)?"
)
_STRICT = LazyPattern(r"\d{8}(?:T\d{6}Z?)?")
_UNTIL = LazyPattern(r"(?i)(^|;)UNTIL=([^;]{1,40})")


def read_datetime(value: str, *, as_date: bool = False) -> tuple[date | datetime | None, bool]:
    """A DATE or DATE-TIME value: ``(value, repaired)``; ``(None, False)`` when unreadable.

    DATE-TIMEs ending in ``Z`` are aware (UTC); others are naive, for the
    caller to place in their zone. ``as_date`` (``VALUE=DATE``) keeps the date.

    >>> read_datetime("20240504")
    (datetime.date(2024, 5, 4), False)
    >>> read_datetime("20241304T100000")
    (None, False)
    """
    text = value.strip()
    m = _DT.match(text)
    if m is None:
        return None, False
    if m.end() != len(text):  # trailing junk ("20131009T170000T")
        if text[m.end() :].strip(" T").isalnum() and len(text) - m.end() > 3:
            return None, False
        text = m.group()
        m = _DT.fullmatch(text)
        assert m is not None
        value = ""
    year, month, day, hour, minute, second, zone = m.groups()
    try:
        day_value = date(int(year), int(month), int(day))
        if hour is None:
            return day_value, _STRICT.fullmatch(text) is None or value == ""
        moment = datetime.combine(
            day_value, time(int(hour), int(minute), int(second) if second else 0)
        )
    except ValueError:
        return None, False
    repaired = _STRICT.fullmatch(text) is None or value == ""
    if as_date:
        return day_value, True
    if zone == "Z":
        return moment.replace(tzinfo=UTC), repaired
    if zone is not None:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return (moment - sign * offset).replace(tzinfo=UTC), True
    return moment, repaired


def read_duration(value: str) -> timedelta | None:
    """An RFC 5545 DURATION (``P1W``, ``-PT15M``, ``P1DT2H``), or None.

    >>> read_duration("P1W")
    datetime.timedelta(days=7)
    >>> read_duration("1 hour") is None
    True
    """
    m = _DURATION.fullmatch(value.strip().upper())
    if m is None or not any(m.groups()[1:]):
        return None
    sign, weeks, days, hours, minutes, seconds = m.groups()
    delta = timedelta(
        weeks=int(weeks or 0),
        days=int(days or 0),
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=int(seconds or 0),
    )
    return -delta if sign == "-" else delta


def unescape(value: str) -> tuple[str, bool]:
    r"""Unescape a TEXT value; ``repaired`` when double-escaped newlines were read as newlines.

    ``\\n`` written twice over (``\\\\n``, a producer that escaped its own
    escapes) is a newline, not a backslash and an ``n``.

    >>> unescape(r"one\\ntwo")
    ('one\ntwo', True)
    """
    if "\\" not in value:
        return value, False
    repaired = False

    def one(m: re.Match[str]) -> str:
        nonlocal repaired
        escaped = m.group(1)
        if len(escaped) == 2:  # backslash, backslash, n: a newline escaped twice
            repaired = True
            return "\n"
        return "\n" if escaped in "nN" else escaped

    # left to right as a reader goes: at each backslash the longest escape first;
    # a backslash before anything else stays as it is
    return _ESCAPE.sub(one, value), repaired


_ESCAPE = LazyPattern(r'\\(\\[nN]|[nN]|[,;:\\"])')


def split_list(value: str) -> list[str]:
    r"""Split a TEXT list (``CATEGORIES``) at unescaped commas, and unescape each item.

    >>> split_list(r"Talks,Physics\, applied")
    ['Talks', 'Physics, applied']
    """
    items: list[str] = []
    current: list[str] = []
    i, n = 0, len(value)
    while i < n:
        ch = value[i]
        if ch == "\\" and i + 1 < n:
            current.append(value[i : i + 2])
            i += 2
            continue
        if ch == ",":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    items.append("".join(current))
    return [unescape(item)[0].strip() for item in items if item.strip()]


def format_utc(moment: datetime) -> str:
    """``20240504T140000Z``."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fix_until(rrule: str, start: date | datetime, zone: tzinfo | None) -> tuple[str, str | None]:
    """Make ``UNTIL`` agree with ``DTSTART`` (RFC 5545 3.3.10); return ``(rrule, what changed)``.

    A DATE start needs a DATE ``UNTIL``; an aware start a UTC ``UNTIL`` (a
    DATE or floating ``UNTIL`` is read in the start's zone, a DATE as the end
    of that day); a floating start a floating ``UNTIL``.

    >>> fix_until("FREQ=DAILY;UNTIL=20240510", datetime(2024, 5, 4, 16, tzinfo=UTC), UTC)
    ('FREQ=DAILY;UNTIL=20240510T235959Z', 'UNTIL 20240510 as 20240510T235959Z')
    """
    m = _UNTIL.search(rrule)
    if m is None:
        return rrule, None
    old = m.group(2).strip()
    until, _ = read_datetime(old)
    if until is None:
        return rrule, None
    new: str
    if not isinstance(start, datetime):
        new = (until if not isinstance(until, datetime) else until.date()).strftime("%Y%m%d")
    elif start.tzinfo is not None:
        if not isinstance(until, datetime):
            until = datetime.combine(until, time(23, 59, 59))
        if until.tzinfo is None:
            until = until.replace(tzinfo=zone or start.tzinfo)
        new = format_utc(until)
    elif isinstance(until, datetime):
        new = until.replace(tzinfo=None).strftime("%Y%m%dT%H%M%S")
    else:
        new = datetime.combine(until, time(23, 59, 59)).strftime("%Y%m%dT%H%M%S")
    if new == old:
        return rrule, None
    fixed = rrule[: m.start(2)] + new + rrule[m.end(2) :]
    return fixed, f"UNTIL {old} as {new}"
