"""Make the lines that pass through unchanged safe to write back.

Properties seminorm does not model are written back as they came, so a value
that no client can read would make the output fail to import (ical.js stops
at the first bad date). Before a line goes into ``Event.ics_extra``:

- parameter values are made well-formed (quoted when they hold ``:;,``,
  stray double quotes and control characters removed; bad names dropped);
- ``EXDATE``/``RDATE``/``RECURRENCE-ID`` keep only the values that are
  dates, date-times or periods; a list of dates gets ``VALUE=DATE``;
- ``TRIGGER``, ``DURATION``, ``GEO`` and ``RRULE``/``EXRULE`` (its ``UNTIL``
  too) must be readable;
- a single date-time (``DTSTART`` of an event without a usable start, a
  second ``DTEND``, ``DUE``, ``CREATED``...) is written in its repaired
  form, or dropped when it cannot be read (a line glued onto it);
  ``LAST-MODIFIED`` and ``CREATED`` must be date-times (else dropped);
- a line whose value cannot be repaired is dropped (and reported).

>>> clean(Prop("RDATE", [], "20131210Z"))
(Prop(name='RDATE', params=[('VALUE', 'DATE')], value='20131210'), 'RDATE 20131210Z as a date')
>>> clean(Prop("TRIGGER", [], "PT-2H"))
(None, "dropped TRIGGER 'PT-2H' (unreadable)")
"""

from __future__ import annotations

from datetime import datetime

from seminorm.patterns import LazyPattern

from .lex import Prop
from .values import read_datetime, read_duration

DATE_LISTS = frozenset({"EXDATE", "RDATE", "RECURRENCE-ID"})
#: Properties whose value is one DATE or DATE-TIME.
DATE_TIMES = frozenset(
    {"DTSTART", "DTEND", "DUE", "DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED"}
    | {"ACKNOWLEDGED"}
)
#: Stamps a client reads as date-times (DTSTAMP is the event's own, read in ics_event).
STAMPS = frozenset({"LAST-MODIFIED", "CREATED"})
_DATE_TIME = LazyPattern(r"\d{8}T\d{6}Z?")
FREQS = frozenset({"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"})

_PARAM_NAME = LazyPattern(r"[A-Za-z0-9-]{1,100}")
_PARAM_TEXT = LazyPattern(r'[^";:,\x00-\x08\x0a-\x1f\x7f]*')
_QUOTED = LazyPattern(r'"[^"\x00-\x08\x0a-\x1f\x7f]*"')
_CONTROLS = LazyPattern(r'["\x00-\x08\x0a-\x1f\x7f]')
#: RFC 5545 3.3.10 ranges of the numeric BY* parts: (lowest, highest, may have a sign).
_RANGES = {
    "BYSECOND": (0, 60, False), "BYMINUTE": (0, 59, False), "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True), "BYYEARDAY": (1, 366, True), "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False), "BYSETPOS": (1, 366, True),
}  # fmt: skip
_BYDAY = LazyPattern(r"(?:[+-]?(?:[1-9]|[1-4][0-9]|5[0-3]))?(?:MO|TU|WE|TH|FR|SA|SU)")
_GEO = LazyPattern(r"[+-]?\d{1,3}(?:\.\d{1,20})?;[+-]?\d{1,3}(?:\.\d{1,20})?")
_RULE_PART = LazyPattern(r"[A-Za-z]{2,10}=[A-Za-z0-9,+\-:]{1,300}")


def clean(prop: Prop) -> tuple[Prop | None, str | None]:
    """The property fit to write back, or None to drop it; and what was repaired."""
    params, note = _params(prop)
    prop = Prop(prop.name, params, prop.value)
    if prop.name in DATE_LISTS:
        fixed, what = _dates(prop)
        return fixed, what or note
    if prop.name in STAMPS:
        return _stamp(prop, note)
    if prop.name in DATE_TIMES:
        return _date_time(prop, note)
    if prop.name == "TRIGGER":
        if (prop.param("VALUE") or "").upper() == "DATE-TIME":
            ok = hasattr(read_datetime(prop.value)[0], "hour")
        else:
            ok = read_duration(prop.value) is not None
        return (
            (prop, note) if ok else (None, f"dropped TRIGGER {prop.value.strip()!r} (unreadable)")
        )
    if prop.name == "GEO" and _GEO.fullmatch(prop.value.strip()) is None:
        return None, f"dropped GEO {prop.value.strip()[:60]!r} (not latitude;longitude)"
    if prop.name == "DURATION" and read_duration(prop.value) is None:
        return None, f"dropped DURATION {prop.value.strip()!r} (unreadable)"
    if prop.name in ("RRULE", "EXRULE") and not valid_rule(prop.value):
        return None, f"dropped the unreadable {prop.name} {prop.value.strip()[:60]!r}"
    return prop, note


def _date_time(prop: Prop, note: str | None) -> tuple[Prop | None, str | None]:
    """One DATE or DATE-TIME value, repaired; None when it cannot be read.

    >>> clean(Prop("DTEND", [("TZID", "X")], "20260916T130000DTSTAMP:20260822T104510Z"))[0]
    Prop(name='DTEND', params=[('TZID', 'X')], value='20260916T130000')
    >>> clean(Prop("DUE", [], "2024-05-04 16h"))
    (None, "dropped the unreadable DUE '2024-05-04 16h'")
    """
    as_date = (prop.param("VALUE") or "").upper() == "DATE"
    value, repaired = read_datetime(prop.value, as_date=as_date)
    if value is None:
        return None, f"dropped the unreadable {prop.name} {prop.value.strip()[:60]!r}"
    if not repaired:
        return prop, note
    if isinstance(value, datetime):
        text = value.strftime("%Y%m%dT%H%M%S") + ("Z" if value.tzinfo else "")
        params = [(k, v) for k, v in prop.params if k != "VALUE"]
    else:
        text = value.strftime("%Y%m%d")
        params = [(k, v) for k, v in prop.params if k not in ("VALUE", "TZID")] + [
            ("VALUE", "DATE")
        ]
    return Prop(prop.name, params, text), f"read {prop.name} {prop.value.strip()[:60]!r} as {text}"


def _stamp(prop: Prop, note: str | None) -> tuple[Prop | None, str | None]:
    """``LAST-MODIFIED``/``CREATED``: a date-time, else dropped (vobject refuses the file).

    >>> clean(Prop("LAST-MODIFIED", [], "20260202T"))
    (None, "dropped the unreadable LAST-MODIFIED '20260202T'")
    >>> clean(Prop("CREATED", [], " 20260202T101500Z"))
    (Prop(name='CREATED', params=[], value='20260202T101500Z'), None)
    """
    raw = prop.value.strip()
    value, _ = read_datetime(raw)
    if not hasattr(value, "hour"):
        return None, f"dropped the unreadable {prop.name} {raw[:40]!r}"
    if _DATE_TIME.fullmatch(raw):
        return Prop(prop.name, prop.params, raw), note
    fixed = value.strftime("%Y%m%dT%H%M%S") + ("Z" if value.tzinfo else "")  # type: ignore[union-attr]
    return Prop(prop.name, prop.params, fixed), f"{prop.name} {raw[:40]!r} read as {fixed}"


def valid_rule(value: str) -> bool:
    """True for an RRULE value with a known FREQ and ``KEY=VALUE`` parts.

    >>> valid_rule("FREQ=WEEKLY;COUNT=3;BYDAY=MO,-1FR"), valid_rule("FREQ=INVALID_TYPE")
    (True, False)
    >>> valid_rule("FREQ=DAILY;BYDAY=0FR"), valid_rule("FREQ=DAILY;COUNT=-1")
    (False, False)
    """
    parts = [p for p in value.strip().split(";") if p]
    if not parts or not all(_RULE_PART.fullmatch(p) for p in parts):
        return False
    fields = dict(p.upper().split("=", 1) for p in parts)
    if fields.get("FREQ") not in FREQS or len(fields) != len(parts):
        return False
    for key in ("COUNT", "INTERVAL"):
        if key in fields and not (fields[key].isdigit() and int(fields[key]) > 0):
            return False
    for key, (low, high, signed) in _RANGES.items():
        for item in fields.get(key, "").split(",") if key in fields else ():
            number = item[1:] if signed and item[:1] in "+-" else item
            if not number.isdigit() or not low <= int(number) <= high:
                return False
    if fields.get("WKST", "MO") not in ("MO", "TU", "WE", "TH", "FR", "SA", "SU"):
        return False
    if "UNTIL" in fields and read_datetime(fields["UNTIL"])[0] is None:
        return False  # ``UNTIL=123456T123456``
    return all(_BYDAY.fullmatch(day) for day in fields.get("BYDAY", "MO").split(","))


def _params(prop: Prop) -> tuple[list[tuple[str, str]], str | None]:
    out: list[tuple[str, str]] = []
    changed = False
    for key, raw in prop.params:
        if not _PARAM_NAME.fullmatch(key):
            changed = True
            continue
        values = _split_values(raw)
        good = [
            v if _QUOTED.fullmatch(v) or _PARAM_TEXT.fullmatch(v) else _quote(v) for v in values
        ]
        changed = changed or good != values
        out.append((key, ",".join(good)))
    return out, (f"repaired the parameters of {prop.name}" if changed else None)


def _split_values(raw: str) -> list[str]:
    """Split a parameter value at commas outside double quotes."""
    values: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in raw:
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            values.append("".join(current))
            current = []
        else:
            current.append(ch)
    values.append("".join(current))
    return values


def _quote(value: str) -> str:
    return '"' + _CONTROLS.sub("", value) + '"'


def _dates(prop: Prop) -> tuple[Prop | None, str | None]:
    kind = (prop.param("VALUE") or "").upper()
    kept: list[str] = []
    dates = times = dropped = 0
    for item in (i.strip() for i in prop.value.split(",")):
        if not item:
            continue
        if "/" in item or kind == "PERIOD":
            start, _, end = item.partition("/")
            first = read_datetime(start)[0]
            if (
                first is None
                or not hasattr(first, "hour")
                or not (read_duration(end) or hasattr(read_datetime(end)[0], "hour"))
            ):
                dropped += 1
                continue
            times += 1
            kept.append(item)
            continue
        value, _ = read_datetime(item)
        if value is None:
            dropped += 1
        elif hasattr(value, "hour"):
            times += 1
            kept.append(item)
        else:
            dates += 1
            kept.append(item[:8])
    if not kept:
        return None, f"dropped {prop.name} {prop.value.strip()[:40]!r} (no readable value)"
    params = prop.params
    note = f"dropped {dropped} unreadable {prop.name} values" if dropped else None
    if dates and times:  # one type per property: keep the date-times
        kept = [k for k in kept if len(k) > 8]
        note = f"dropped {dates} dates from a {prop.name} of date-times"
    elif dates and kind != "DATE":
        params = [(k, v) for k, v in params if k not in ("VALUE", "TZID")] + [("VALUE", "DATE")]
        note = f"{prop.name} {prop.value.strip()[:40]} as a date"
    return Prop(prop.name, params, ",".join(kept)), note
