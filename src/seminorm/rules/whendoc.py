"""Document-level decisions about dates (SPEC 4.3), used by :mod:`.when`.

Numeric dates whose order is open (``04/05/2021``) are read, in this order:

1. by the weekday written next to them (only one reading fits);
2. by the other dates of the document: unambiguous numeric dates (a number
   above 12 shows the order) and named dates equal to one reading
   (``04/05/2021`` next to ``May 4, 2021``);
3. month first when the document's zone is a US zone;
4. by ``date_order`` when it is not ``auto``;
5. day first; with a known non-US zone silently, else with
   ``date-order-guessed``.

A date without a year takes the year that puts it nearest to the anchor date
(the reference date, or — when the document states full dates and none is
within a year of the reference — the last full date stated before it (a
relative day, "today", counts for none: it is dated from the reference), or —
when it states none but its headings name one term or programme year
(``Sommersemester 2012``, ``Programme for 2017``) more than nine months from
the reference — the middle of that term) and,
when a weekday is written, that fits the weekday; ``year-inferred`` says so.

A stated year that the written weekday contradicts is corrected when every
weekday-dated date of that year agrees on one other year within three
years; otherwise the date is kept. Both give ``weekday-mismatch``.

>>> from seminorm.rules.dates import find_dates
>>> doc = settle_dates(find_dates("Monday, October 3rd"), reference=date(2016, 9, 20),
...                    zone_hint=None, date_order="auto")
>>> doc.days[0], doc.notices[0][0].code
(datetime.date(2016, 10, 3), 'year-inferred')
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from seminorm.model import Notice
from seminorm.patterns import LazyPattern

from ..lang import merged
from ..plain import NamedTuple
from . import fold
from . import monthnames as _mn
from .dates import DateMatch
from .monthnames import MONTH_NAMES, days_in_month, weekday_number

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
US_ZONE_PREFIXES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
    "America/Phoenix", "America/Anchorage", "America/Detroit", "America/Boise",
    "America/Indiana/", "America/Kentucky/", "America/North_Dakota/", "America/Juneau",
    "America/Sitka", "America/Nome", "America/Adak", "America/Menominee", "Pacific/Honolulu",
    "US/",
)  # fmt: skip


class DocDates(NamedTuple):
    """Each date of a document resolved: the day, its range end, its notices."""

    days: list[date | None]
    until: list[date | None]
    notices: list[tuple[Notice, ...]]


def _make(y: int, m: int, d: int) -> date | None:
    if not (1 <= m <= 12) or not (1 <= d <= days_in_month(y, m)):
        return None
    return date(y, m, d)


def is_us_zone(zone: str | None) -> bool:
    """True for the zones of the United States (month-first dates)."""
    return bool(zone) and any(str(zone).startswith(p) for p in US_ZONE_PREFIXES)


def _doc_order(dates: list[DateMatch]) -> str | None:
    dmy = sum(1 for d in dates if d.numeric and d.alt is None and d.order == "dmy" and d.day > 12)
    mdy = sum(1 for d in dates if d.numeric and d.alt is None and d.order == "mdy")
    if dmy > mdy:
        return "dmy"
    if mdy > dmy:
        return "mdy"
    return None


def _order_for(d: DateMatch, named: set[tuple[int, int, int]], doc_order: str | None,
               zone_hint: str | None, date_order: str) -> tuple[str, Notice | None]:  # fmt: skip
    assert d.alt is not None
    first, second = (d.month, d.day), d.alt
    if d.weekday is not None and d.year is not None:
        a, b = _make(d.year, *first), _make(d.year, *second)
        fits = [x is not None and x.weekday() == d.weekday for x in (a, b)]
        if fits[0] != fits[1]:
            return ("dmy" if fits[0] else "mdy"), None
    if d.year is not None:
        in_doc = [(d.year, *first) in named, (d.year, *second) in named]
        if in_doc[0] != in_doc[1]:
            return ("dmy" if in_doc[0] else "mdy"), None
    if doc_order:
        return doc_order, None
    if is_us_zone(zone_hint):
        return "mdy", None
    if date_order in ("dmy", "mdy"):
        return date_order, None
    if zone_hint:
        return "dmy", None
    msg = f"{d.day:02d}/{d.month:02d} could be read either way; read day first ({d.day} {MONTH_NAMES[d.month]})"
    return "dmy", Notice(code="date-order-guessed", message=msg, field="start")


def _infer_year(
    month: int, day: int, weekday: int | None, anchor: date
) -> tuple[date | None, bool]:
    """The date nearest to ``anchor`` (fitting ``weekday``); and whether the weekday fit."""
    if weekday is not None:
        best = None
        for y in range(anchor.year - 6, anchor.year + 7):
            c = _make(y, month, day)
            if (
                c is not None
                and c.weekday() == weekday
                and (best is None or abs((c - anchor).days) < abs((best - anchor).days))
            ):
                best = c
        if best is not None:
            return best, True
    # the previous, this or next year; four either way only for 29 February
    cands = [c for y in range(anchor.year - 4, anchor.year + 5) if (c := _make(y, month, day))]
    if not cands:
        return None, False
    return min(cands, key=lambda c: (abs((c - anchor).days), c < anchor)), weekday is None


#: A heading that names a term, season or programme with its year:
#: ``Sommersemester 2012``, ``Lecture Programme for 2017``, ``Spring 2024``.
_TERM = LazyPattern(
    r"(?im)^[ \t#*>|-]{0,6}(?=[^\n]{0,80}$)[^\n]{0,50}?\b(?P<kind>sommersemester|wintersemester|"
    r"semester|sose|wise|term|trimester|programme|program|programm|programma|programa|season|"
    r"saison|temporada|stagione|spring|summer|fall|autumn|winter|frühjahr|herbst|printemps|été|"
    r"automne|hiver|primavera|verano|otoño|invierno|estate|autunno|inverno|vårterminen|"
    r"höstterminen|najaar|voorjaar)\b[^\n\d]{0,20}(?P<y>(?:19|20)\d\d)(?:[/–-](?:\d\d){1,2})?(?![\d/–-])"
)
_LATE_TERMS = ("wintersemester", "wise", "fall", "autumn", "winter", "herbst", "automne", "hiver",
               "otoño", "invierno", "autunno", "inverno", "höstterminen", "najaar")  # fmt: skip
_EARLY_TERMS = ("sommersemester", "sose", "spring", "frühjahr", "printemps", "primavera",
                "vårterminen", "voorjaar")  # fmt: skip


def term_anchor(text: str) -> date | None:
    """The middle of the one term or programme year the document's headings name, else None.

    >>> term_anchor("Öffentliche Ringvorlesung im Sommersemester 2012\\nDienstag, 18 Uhr")
    datetime.date(2012, 5, 15)
    >>> term_anchor("Lecture Programme for 2017\\n\\nTuesday 7 March")
    datetime.date(2017, 7, 1)
    >>> term_anchor("Wintersemester 2019/20"), term_anchor("Winter 2025 seminar")
    (datetime.date(2019, 11, 1), datetime.date(2025, 2, 1))
    >>> term_anchor("Spring 2023\\nFall 2024") is None
    True
    """
    found: set[tuple[str, int, bool]] = set()
    for m in _TERM.finditer(text[:20_000]):
        two_years = m.group(0).rstrip()[-3:-2] in "/–-" or m.group(0).rstrip()[-5:-4] in "/–-"
        found.add((m.group("kind").lower(), int(m.group("y")), two_years))
        if len({y for _, y, _ in found}) > 1:
            return None
    if not found:
        return None
    kind, year, two_years = sorted(found)[0]
    if kind in ("winter", "hiver", "invierno", "inverno") and not two_years:
        return date(year, 2, 1)  # "Winter 2025": the quarter from January
    if kind in _LATE_TERMS:
        return date(year, 11, 1)
    if kind in _EARLY_TERMS:
        return date(year, 5, 15)
    return date(year, 7, 1)


def settle_dates(dates: list[DateMatch], *, reference: date, zone_hint: str | None,
                 date_order: str = "auto", term: date | None = None) -> DocDates:  # fmt: skip
    """Resolve every date of a document (see the module doc).

    ``term`` is the middle of the term the document's headings name
    (:func:`term_anchor`): the anchor for dates without a year when it is
    more than nine months from the reference and no full date is nearer.
    """
    named = {(d.year, d.month, d.day) for d in dates if not d.numeric and d.year is not None}
    named_set: set[tuple[int, int, int]] = {(y, m, dd) for y, m, dd in named if y is not None}
    doc_order = _doc_order(dates)
    ymd: list[tuple[int | None, int, int]] = []
    notes: list[list[Notice]] = []
    for d in dates:
        n: list[Notice] = []
        month, mday = d.month, d.day
        if d.alt is not None:
            order, note = _order_for(d, named_set, doc_order, zone_hint, date_order)
            if order == "mdy":
                month, mday = d.alt
            if note:
                n.append(note)
        ymd.append((d.year, month, mday))
        notes.append(n)
    stated = [(i, _make(y, m, dd)) for i, (y, m, dd) in enumerate(ymd) if y is not None]
    # "today", "tomorrow": dated from the reference, they say nothing of the document's year
    full = [(i, x) for i, x in stated if x is not None and dates[i].rule != "date/relative"]
    near_ref = any(abs((x - reference).days) <= 366 for _, x in full)
    fixes = _year_fixes(dates, ymd)
    days: list[date | None] = []
    last_full: date | None = None
    for i, (d, (y, m, dd)) in enumerate(zip(dates, ymd, strict=True)):
        if y is None:
            anchor = reference
            if full and not near_ref:
                anchor = last_full or full[0][1]
            elif not full and term is not None and abs((term - reference).days) > 270:
                anchor = term
            day, fit = _infer_year(m, dd, d.weekday, anchor)
            if day is not None:
                how = (
                    f"a {_DAYS[d.weekday]}, nearest to {anchor}"
                    if d.weekday is not None and fit
                    else f"nearest to {anchor}"
                )
                notes[i].append(
                    Notice(
                        code="year-inferred",
                        message=f"no year stated; {day.year} inferred ({how})",
                        field="start",
                    )
                )
                if d.weekday is not None and not fit:
                    notes[i].append(_mismatch(d, day, None))
            days.append(day)
            continue
        day = _make(y, m, dd)
        if d.rule != "date/relative":
            last_full = day or last_full
        if day is not None and d.weekday is not None and day.weekday() != d.weekday:
            new_year = fixes.get(y)
            fixed = _make(new_year, m, dd) if new_year else None
            notes[i].append(_mismatch(d, day, fixed))
            day = fixed or day
        days.append(day)
    until = [_until(d, x) for d, x in zip(dates, days, strict=True)]
    return DocDates(days, until, [tuple(n) for n in notes])


def _year_fixes(dates: list[DateMatch], ymd: list[tuple[int | None, int, int]]) -> dict[int, int]:
    """``{stated year: corrected year}`` when every weekday of that year points to one other year."""
    by_year: dict[int, list[tuple[int, int, int]]] = {}
    for d, (y, m, dd) in zip(dates, ymd, strict=True):
        if y is not None and d.weekday is not None:
            by_year.setdefault(y, []).append((m, dd, d.weekday))
    fixes: dict[int, int] = {}
    for y, items in by_year.items():
        if any((x := _make(y, m, dd)) is not None and x.weekday() == wd for m, dd, wd in items):
            continue
        fits = [
            y2 for y2 in range(y - 3, y + 4)
            if y2 != y and all((x := _make(y2, m, dd)) is not None and x.weekday() == wd for m, dd, wd in items)
        ]  # fmt: skip
        if fits:
            fixes[y] = min(fits, key=lambda y2: abs(y2 - y))
    return fixes


def _mismatch(d: DateMatch, day: date, fixed: date | None) -> Notice:
    stated = _DAYS[d.weekday] if d.weekday is not None else "?"
    msg = f"the text says {stated}, but {day.isoformat()} is a {_DAYS[day.weekday()]}"
    msg += (
        f"; corrected to {fixed.isoformat()}, which every weekday of the document fits"
        if fixed
        else "; date kept"
    )
    return Notice(code="weekday-mismatch", message=msg, field="start")


def _until(d: DateMatch, day: date | None) -> date | None:
    if d.until is None or day is None:
        return None
    m, dd = d.until
    y = day.year + (1 if m < day.month else 0)
    return _make(y, m, dd)


# The words of relative dates (regular-expression alternatives), from seminorm.lang.
_TODAY = merged("today")
_TOMORROW = merged("tomorrow")
_BEFORE_WEEKDAY = merged("before_weekday")
_AFTER_WEEKDAY = merged("after_weekday")


_RELATIVE: LazyPattern[str] = LazyPattern(
    lambda: (
        rf"\b(?:(?P<today>{'|'.join(_TODAY)})|(?P<tomorrow>{'|'.join(_TOMORROW)})"
        rf"|(?P<rel>{'|'.join(_BEFORE_WEEKDAY)})[ \t]+(?P<wd>{_mn.WEEKDAY_RE})"
        rf"|(?P<wd2>{_mn.WEEKDAY_RE})[ \t]+(?:{'|'.join(_AFTER_WEEKDAY)}))\b"
    ),
    re.IGNORECASE,
)

#: The lower-case twin of ``_RELATIVE`` (see :mod:`.fold`): "morgen" in any case.
#: It keeps the leading ``\b``: without it "ce" and "mon" would stop the scan
#: inside every other word.
_RELATIVE_TWIN: LazyPattern[str] = LazyPattern(
    lambda: _RELATIVE.pattern.replace("(?-i:morgen)", "morgen")
)


_FRAGMENT_LEAD_WORD = LazyPattern(r"(?:\(\?-i:)?([^\W\d_]+)")


def _lead_word(alternative: str) -> str:
    """The word an alternative starts with: ``aujourd['’]hui`` → ``aujourd``."""
    found = _FRAGMENT_LEAD_WORD.match(alternative)
    return found.group(1) if found else alternative


#: Every match of ``_RELATIVE`` holds one of these words (lower-cased) ...
_RELATIVE_WORDS = tuple(
    sorted(
        {_lead_word(a) for a in (*_TODAY, *_TOMORROW, *_BEFORE_WEEKDAY, *_AFTER_WEEKDAY)}
        - {"this", "ce"}
    )
)


#: ... or is "this"/"ce" before a time of day or a weekday (lower-cased).
_RELATIVE_THIS_CE: LazyPattern[str] = LazyPattern(
    lambda: rf"(?:this|ce)[ \t]+(?:afternoon|evening|morning|soir|{_mn.WEEKDAY_RE})"
)


def _may_hold_relative(text: str) -> bool:
    """False only when ``text`` cannot hold a relative date: a cheap look before the scan."""
    low = fold.lowered(text)
    if low is None:  # a text lower-casing would shift: no shortcut
        return True
    return any(word in low for word in _RELATIVE_WORDS) or bool(_RELATIVE_THIS_CE.search(low))


def _literal_start(fragment: str) -> str | None:
    """The letters every match of ``fragment`` starts with (``prochain`` of ``prochaine?``),
    or None when it starts otherwise (a group, a class, an optional first letter)."""
    i = 0
    while i < len(fragment) and fragment[i].isalpha():
        i += 1
    if fragment[i : i + 1] in ("?", "*", "{"):
        i -= 1
    return fragment[:i].lower() or None


def _near_twin() -> str:
    """The twin of ``_RELATIVE`` without its weekday-first branch (``mardi prochain``): its
    other alternatives, with no groups, grouped by first letter (:func:`seminorm.lang.alternation`;
    a twin only finds where ``_RELATIVE`` may match, so their order does not matter)."""
    from ..lang import alternation

    weekday = f"[ \t]+(?:{_mn.WEEKDAY_RE})"
    alternatives = [a.replace("(?-i:morgen)", "morgen") for a in (*_TODAY, *_TOMORROW)]
    alternatives += [f"{a}{weekday}" for a in _BEFORE_WEEKDAY]
    return rf"\b(?:{alternation(tuple(alternatives))})"


_RELATIVE_NEAR_TWIN: LazyPattern[str] = LazyPattern(_near_twin)


def relative_twin(text: str) -> re.Pattern[str]:
    """The twin :func:`relative_dates` scans ``text`` with: when no word written after a
    weekday (``prochain``) is in the text, ``_RELATIVE``'s weekday-first branch cannot match,
    and the twin of the other branches, grouped by first letter, is about twice as fast."""
    low = fold.lowered(text)
    starts = _after_starts()
    if low is None or starts is None or any(word in low for word in starts):
        return _RELATIVE_TWIN.compiled
    return _RELATIVE_NEAR_TWIN.compiled


@cache
def _after_starts() -> tuple[str, ...] | None:
    """The letters each word written after a weekday starts with (None: one has none)."""
    found = [_literal_start(a) for a in _AFTER_WEEKDAY]
    if any(f is None or "|" in a for f, a in zip(found, _AFTER_WEEKDAY, strict=True)):
        return None
    return tuple(f for f in found if f)


def relative_dates(text: str, reference: date) -> list[DateMatch]:
    """``today``, ``tomorrow``, ``next Tuesday``, ``mardi prochain``... as dates.

    ``this``/``next <weekday>`` is the first such weekday after the reference
    (``this`` allows the reference day itself).

    >>> [(d.month, d.day) for d in relative_dates("next Tuesday at 4pm", date(2024, 3, 12))]
    [(3, 19)]
    """
    out: list[DateMatch] = []
    if not _may_hold_relative(text):
        return out
    for m in fold.finditer(_RELATIVE, text, relative_twin(text)):
        if m.group("today"):
            day = reference
        elif m.group("tomorrow"):
            day = reference + timedelta(days=1)
        else:
            wd = weekday_number(m.group("wd") or m.group("wd2"))
            if wd is None:
                continue
            ahead = (wd - reference.weekday()) % 7
            if ahead == 0 and (m.group("rel") or "").lower() != "this":
                ahead = 7
            day = reference + timedelta(days=ahead)
        wday = day.weekday() if (m.group("wd") or m.group("wd2")) else None
        out.append(
            DateMatch(m.start(), m.end(), day.year, day.month, day.day, wday, rule="date/relative")
        )
    return out
