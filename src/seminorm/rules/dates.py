"""Calendar dates in announcements: ``Tuesday, May 4, 2021``, ``4 mai 2021``,
``04/05/2021``, ``2021-05-04``, ``Montag, dem 20. April``, ``29.3.2012``...

:func:`find_dates` runs every rule of ``RULES`` and keeps the longest match
where two overlap. A :class:`DateMatch` keeps what the text *states*: the year
is ``None`` when none is written, the weekday is the one written next to the
date, and a numeric date whose order is open (``04/05/2021``) carries the
other reading in ``alt``. Choosing the reading and the year is the job of
:mod:`.when`, which sees the whole document.

Traps (chrono's "watch out for"): ``January 12:00`` is a month and a time, not
the 12th; ``2.4.1`` is a version; ``12.53%`` a percentage; ``+1 669 900
6833`` a phone number; ``May 2021`` has no day.

>>> [(d.year, d.month, d.day, d.weekday) for d in find_dates("Tuesday, May 4, 2021")]
[(2021, 5, 4, 1)]
>>> d = find_dates("Date: 04/05/2021")[0]
>>> (d.month, d.day, d.alt)
(5, 4, (4, 5))
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from seminorm.patterns import LazyPattern

from ..plain import NamedTuple
from . import cjk as _cjk
from . import monthnames as _mn
from .base import Rule
from .monthnames import HEBREW_DAYS, WORDLIKE_MONTHS, days_in_month, month_number
from .monthnames import weekday_number as _wd


class DateMatch(NamedTuple):
    """One date as stated in the text.

    ``month``/``day`` are the first reading; for numeric dates whose order is
    open, ``alt`` is the ``(month, day)`` of the other reading and ``order``
    is ``None``; otherwise ``order`` says how a numeric date was read
    (``"dmy"``, ``"mdy"`` or ``"ymd"``). ``until`` is the ``(month, day)`` end
    of a range written inside the date (``Sept 3-5``, ``3-5 May 2021``).
    """

    start: int
    end: int
    year: int | None
    month: int
    day: int
    weekday: int | None = None
    alt: tuple[int, int] | None = None
    numeric: bool = False
    rule: str = ""
    order: str | None = None
    until: tuple[int, int] | None = None

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)`` offsets in the text."""
        return (self.start, self.end)


_ORD = r"(?:st|nd|rd|th|er|re|e|ème|º|°|ª|o|a)?"
_WD_AFTER = r"(?:[ \t]{0,3}\([ \t]?(?P<wd2>WEEKDAY)\.?[ \t]?\))?"  # WEEKDAY: filled in _SPECS
_ART = r"(?:(?:the|dem|den|der|le|el|il|lo)[ \t]{1,3})?"


# The weekday before a date is looked for backwards from the match, so that
# the date patterns start with a digit or a month name and stay fast.
_WD_BEFORE: LazyPattern[str] = LazyPattern(
    lambda: (
        rf"(?:(?<![\w])(?P<wd>{_mn.WEEKDAY_RE})\.?,?[ \t]{{1,3}}{_ART}"
        r"|(?<![\w])(?P<de>(?-i:Mo|Di|Mi|Do|Fr|Sa|So))(?:\.,?|,)[ \t]{1,3}"
        r"|(?<![\w])ב?יום[ \t]+(?P<hwd>[אבגדהוש])['׳]?,?[ \t]{0,3})\Z"
    ),
    re.IGNORECASE,
)


_DAY_RANGE = r"(?:[ \t]{0,2}[-–][ \t]{0,2}|[ \t]{1,2}(?:au|al|bis|to|through)[ \t]{1,2})"
_YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)"
_SHORT_CONTEXT = LazyPattern(
    r",?[ \t]{1,3}(?:um|ab|à|a|alle|ore|at|\d{1,2}[:.h]\d\d)\b", re.IGNORECASE
)


def _valid(year: int | None, month: int, day: int) -> bool:
    if not (1 <= month <= 12 and day >= 1):
        return False
    return day <= days_in_month(year if year is not None else 2024, month)


_DE_DAYS = {"Mo": 0, "Di": 1, "Mi": 2, "Do": 3, "Fr": 4, "Sa": 5, "So": 6}


def _lead(m: re.Match[str], german: bool = False) -> tuple[int, int | None]:
    """Where the date begins (with its weekday) and the weekday written with it.

    German two-letter weekdays (``Di., 20.04.``) count only before dotted
    numeric dates (``german``), where they cannot be English words.
    """
    start = m.start()
    after = m.groupdict().get("wd2")
    w = _WD_BEFORE.search(m.string, max(0, start - 24), start)
    if w is None or (w.group("de") and not german):
        return start, (_wd(after) if after else None)
    if w.group("wd"):
        wd = _wd(w.group("wd"))
    elif w.group("de"):
        wd = _DE_DAYS[w.group("de")]
    else:
        wd = HEBREW_DAYS.get(w.group("hwd"))
    return w.start(), (_wd(after) if after else wd)


def _year(m: re.Match[str]) -> int | None:
    y = m.group("y")
    if y is None:
        yy = m.groupdict().get("yy")  # "29-Nov-93": a two-digit year, POSIX's pivot (69-99: 1900s)
        return None if yy is None else int(yy) + (1900 if int(yy) >= 69 else 2000)
    n = int(y)
    return n + 2000 if n < 100 else n


def _until(m: re.Match[str], month: int, day: int) -> tuple[int, int] | None:
    d2 = m.groupdict().get("d2")
    if not d2:
        return None
    n = int(d2)
    return (month, n) if day < n <= 31 else None


def _named(m: re.Match[str], rule: str) -> DateMatch | None:
    mon_text = m.group("mon")
    month = month_number(mon_text)
    if month is None:
        return None
    year = _year(m)
    if mon_text in WORDLIKE_MONTHS and year is None:
        return None  # "we may 3 times": a lower-case "may" needs a year
    day = int(m.group("d"))
    if not _valid(year, month, day):
        return None
    if m.groupdict().get("d2") and _until(m, month, day) is None:
        return None
    start, wd = _lead(m)
    return DateMatch(
        start, m.end(), year, month, day, wd, rule=rule, until=_until(m, month, day),
    )  # fmt: skip


def _x_mdy(m: re.Match[str]) -> DateMatch | None:
    return _named(m, "date/month-day")


_LIST_NUMBER = LazyPattern(r"(?:^|\n)[ \t]{0,6}\Z")


def _day_after_month() -> str:
    """A day number after a month's name, not an hour (``Mai 18 Uhr``, ``May 4 o'clock``:
    each language's ``hour_words``, :mod:`seminorm.lang`)."""
    from ..lang import alternation, merged

    hours = alternation(merged("hour_words"))
    return rf"[ \t]{{1,3}}\d{{1,2}}(?!\d)(?![ \t]*(?:{hours}|h\b|hs\b|[ap]\.?m|[:.h]\d))"


_DAY_AFTER_MONTH = LazyPattern(_day_after_month, re.IGNORECASE)


def _x_dmy(m: re.Match[str]) -> DateMatch | None:
    s = m.string
    if (
        s[m.start("d") : m.start("d") + 3].rstrip().endswith(".")
        and _LIST_NUMBER.search(s, max(0, m.start() - 8), m.start())
        and _DAY_AFTER_MONTH.match(s, m.end())
    ):
        return None  # "1. November 18: …": an item number, then "November 18"
    return _named(m, "date/day-month")


def _numeric(m: re.Match[str], rule: str, a: int, b: int, year: int | None) -> DateMatch | None:
    """Day-first unless impossible; ``alt`` keeps the month-first reading."""
    start, wd = _lead(m, german=m.group("sep") == ".")
    if (
        rule == "date/short"
        and wd is None
        and not _SHORT_CONTEXT.match(m.string, m.end())
        and not _in_cell(m)
    ):
        return None  # "5/2" alone is a fraction; "Tue 5/2" and "5/2 at 4pm" are dates
    dmy_ok, mdy_ok = _valid(year, b, a), _valid(year, a, b)
    if dmy_ok and mdy_ok:
        alt = None if a == b else (a, b)
        order = "dmy" if a == b else None
        return DateMatch(start, m.end(), year, b, a, wd, alt, True, rule, order)
    if dmy_ok:
        return DateMatch(start, m.end(), year, b, a, wd, None, True, rule, "dmy")
    if mdy_ok:
        return DateMatch(start, m.end(), year, a, b, wd, None, True, rule, "mdy")
    return None


def _x_numeric(m: re.Match[str]) -> DateMatch | None:
    a, b, y = m.group("a"), m.group("b"), m.group("y")
    if len(y) == 2 and (m.group("sep") != "/" and (len(a) < 2 or len(b) < 2)):
        return None  # "3.10.12" is a version; "03.10.12" and "3/10/12" are dates
    return _numeric(m, "date/numeric", int(a), int(b), _year(m))


_CELL_BEFORE = LazyPattern(r"(?:^|\|)[ \t]{0,3}(?:[-*•][ \t]{1,3})?\Z", re.M)
_CELL_AFTER = LazyPattern(r"[ \t]*(?:\||:[ \t]|[ \t]—|[ \t]-[ \t]|$)", re.M)


def _in_cell(m: re.Match[str]) -> bool:
    """``| 1/13 | Speaker |`` or ``1/13: Speaker``: a short date heading a row or line."""
    s = m.string
    return bool(
        _CELL_BEFORE.search(s, max(0, m.start() - 8), m.start()) and _CELL_AFTER.match(s, m.end())
    )


def _x_short(m: re.Match[str]) -> DateMatch | None:
    if m.group("dot"):
        d, mo = int(m.group("a")), int(m.group("b"))
        if not _valid(None, mo, d):
            return None
        start, wd = _lead(m, german=True)
        if wd is None and not _SHORT_CONTEXT.match(m.string, m.end()):
            return None  # "score 3.5. Then": a dotted day-month needs a weekday or a time after it
        return DateMatch(start, m.end(), None, mo, d, wd, None, True, "date/short", "dmy")
    return _numeric(m, "date/short", int(m.group("a")), int(m.group("b")), None)


def _x_iso(m: re.Match[str]) -> DateMatch | None:
    year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not _valid(year, month, day):
        return None
    start, wd = _lead(m)
    return DateMatch(start, m.end(), year, month, day, wd, None, True, "date/iso", "ymd")


_FLAGS = re.IGNORECASE
# Lookbehinds sit after the first digit: a pattern that starts with a digit
# class lets ``re`` skip the other characters fast (about 4 times faster).
_A = r"(?P<a>\d(?<![\w.:/+\-−,]\d)\d?)"
_NOT_NUM_AFTER = r"(?![\w%]|[.,:/\-]\d)"
#: The rules that start with a day or a month start with one or two digits.
_DAY_DIGITS = (range(1, 3),)


def _x_cjk(m: re.Match[str]) -> DateMatch | None:
    """``2024年3月8日（金）``, ``2024년 3월 8일 (금)``, ``9月18日（周日）``."""
    year = int(m.group("y")) if m.group("y") else None
    month, day = int(m.group("m")), int(m.group("d"))
    if (year is not None and not 1900 <= year < 2100) or not _valid(year, month, day):
        return None
    wd = _cjk.weekday(m.group("wd") or m.group("wd2"))
    return DateMatch(m.start(), m.end(), year, month, day, wd, rule="date/cjk")


def _x_ymd_dotted(m: re.Match[str]) -> DateMatch | None:
    """``2024. 3. 14.(목)``: year, month and day with dots and spaces (Korean)."""
    year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not _valid(year, month, day):
        return None
    wd = _cjk.weekday(m.group("wd"))
    return DateMatch(m.start(), m.end(), year, month, day, wd, None, True, "date/ymd-dotted", "ymd")


def _x_spaced(m: re.Match[str]) -> DateMatch | None:
    """``7. 3. 2024``: day and month with a dot and a space, always day first."""
    day, month, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if not _valid(year, month, day):
        return None
    start, wd = _lead(m, german=True)
    return DateMatch(start, m.end(), year, month, day, wd, None, True, "date/spaced", "dmy")


def _x_compact(m: re.Match[str]) -> DateMatch | None:
    year, month, day = int(m.group("y2")), int(m.group("m2")), int(m.group("d2x"))
    if not _valid(year, month, day):
        return None
    return DateMatch(m.start(), m.end(), year, month, day, None, None, True, "date/iso", "ymd")


def find_dates(text: str) -> list[DateMatch]:
    """Every date stated in ``text``, in text order, overlaps resolved.

    Where two rules match overlapping text the longer match wins (``Tuesday,
    May 4, 2021`` over ``May 4``); at equal length, the earlier rule.

    >>> [(d.year, d.month, d.day) for d in find_dates("from 4 mai 2021 to 2021-06-01")]
    [(2021, 5, 4), (2021, 6, 1)]
    >>> find_dates("version 2.4.1, 12.53%, call +1 669 555 0134")
    []
    """
    if not _DIGIT.search(text):  # every date rule reads a number: none, no date
        return []
    return list(_find_dates(text))


_DIGIT = LazyPattern(r"\d")


@lru_cache(maxsize=16)
def _find_dates(text: str) -> tuple[DateMatch, ...]:
    """Cached: the text reader and :mod:`.when` both ask for the same text."""
    found: list[tuple[int, int, int, DateMatch]] = []
    for k, rule in enumerate(_SPECS):
        for m, value in rule.finditer(text):
            found.append((m.start(), -(m.end() - m.start()), k, value))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    out: list[DateMatch] = []
    for _, _, _, d in found:
        if out and d.start < out[-1].end:
            if d.end - d.start > out[-1].end - out[-1].start:
                out[-1] = d
            continue
        out.append(d)
    return tuple(out)


def _triple(
    f: Callable[[re.Match[str]], DateMatch | None],
) -> Callable[[re.Match[str]], tuple[int | None, int, int] | None]:
    def extract(m: re.Match[str]) -> tuple[int | None, int, int] | None:
        d = f(m)
        return None if d is None else (d.year, d.month, d.day)

    return extract


#: The date rules, compiled on first use.
_SPECS: tuple[Rule[DateMatch], ...] = (
    Rule(
        "date/iso",
        LazyPattern(
            lambda: (
                r"(?P<y>(?:19|20)(?<![\w.:/+\-−,]\d\d)\d\d)(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)"
                r"(?P<d>\d{1,2})(?!\d|[.,/\-]\d)|(?P<y2>(?:19|20)(?<![\w.+\-]\d\d)\d\d)"
                r"(?P<m2>0[1-9]|1[0-2])(?P<d2x>0[1-9]|[12]\d|3[01])(?=T\d{4})"
            ),
            _FLAGS,
        ),
        lambda m: _x_iso(m) if m.group("y") else _x_compact(m),
        examples=(
            ("Add to Calendar 2021-05-04 19:00:00", (2021, 5, 4)),
            ("DTSTART:20221021T131500", (2022, 10, 21)),
            ("published 2014/03/05", (2014, 3, 5)),
        ),
        counterexamples=("ISBN 978-3-16-148410-0", "meeting ID 20210504", "2021-13-45"),
        digits=(range(4, 5), range(8, 9)),  # 2021-05-04, 20210504T…
    ),
    Rule(
        "date/month-day",
        LazyPattern(
            lambda: (
                rf"\b(?P<mon>{_mn.MONTH_RE})\b\.?[ \t]{{0,3}}(?P<d>\d{{1,2}}){_ORD}"
                rf"(?:{_DAY_RANGE}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?"
                r"(?!\d|:\d|\.\d|[ \t]{0,2}[ap]\.?[ \t]?m\b)"
                rf"(?:(?:,[ \t]{{0,3}}|[ \t]{{1,3}}){_YEAR})?{_WD_AFTER.replace('WEEKDAY', _mn.WEEKDAY_RE)}"
            ),
            _FLAGS,
        ),
        _x_mdy,
        examples=(
            ("Tuesday, May 4, 2021", (2021, 5, 4)),
            ("**Monday, October 3rd **", (None, 10, 3)),
            ("Math: March 12th, 2014: Sharp Bounds", (2014, 3, 12)),
            ("Time: Mar 8, 2022 03:00 PM Jerusalem", (2022, 3, 8)),
            ("Workshop, Sept 3-5, 2019", (2019, 9, 3)),
        ),
        counterexamples=("January 12:00", "in May 2021 we", "you may 2 times", "Mar 45"),
    ),
    Rule(
        "date/day-month",
        LazyPattern(
            lambda: (
                rf"(?P<d>\d(?<![\w.,:/]\d)\d?){_ORD}\.?"
                rf"(?:{_DAY_RANGE}(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er)?\.?)?"
                r"(?:[ \t]{1,3}of|[ \t]{1,3}de|[ \t]{0,3}(?P<dash>-))?[ \t]{0,3}"
                rf"(?P<mon>{_mn.MONTH_RE})\b\.?(?:(?(dash)-(?P<yy>\d\d)(?![\d:.\-/])|(?!))"
                rf"|,?[ \t]{{0,3}}(?:de[l]?[ \t]{{1,3}})?{_YEAR})?{_WD_AFTER.replace('WEEKDAY', _mn.WEEKDAY_RE)}"
            ),
            _FLAGS,
        ),
        _x_dmy,
        examples=(
            ("miércoles, 22 de octubre de 2014", (2014, 10, 22)),
            ("am Montag, dem 11. Mai um 18.15 Uhr", (None, 5, 11)),
            ("Date    : 12th March, 2014 (Wednesday)", (2014, 3, 12)),
            ("Le mardi 19 décembre à 10h", (None, 12, 19)),
            ("giovedì 5 marzo 2020, ore 17", (2020, 3, 5)),
            ("Dates:    14-Oct-91", (1991, 10, 14)),
            ("due 3-Jun-07", (2007, 6, 3)),
        ),
        counterexamples=("3 mayors", "version 2.4 march", "45 May 2020", "2. November 18: Talk"),
        digits=_DAY_DIGITS,
    ),
    Rule(
        "date/numeric",
        LazyPattern(
            rf"{_A}(?P<sep>[./\-])(?P<b>\d{{1,2}})"
            rf"(?P=sep)(?P<y>(?:19|20)\d\d|\d\d){_NOT_NUM_AFTER}",
            _FLAGS,
        ),
        _x_numeric,
        examples=(
            ("04/05/2021 - 20:30 - 19:00", (2021, 5, 4)),
            ("ביום ה', 29.3.2012, בשעה 20:00", (2012, 3, 29)),
            ("- 01/24/2023 **Scheduling", (2023, 1, 24)),
            ("Date: 24.12.21", (2021, 12, 24)),
        ),
        counterexamples=("version 2.4.1", "12.53%", "+1 669 555 0134", "3.10.12", "1/2/3/4"),
        digits=_DAY_DIGITS,
    ),
    Rule(
        "date/short",
        LazyPattern(
            rf"{_A}(?P<sep>[./])(?P<b>\d{{1,2}})"
            rf"(?P<dot>\.)?{_NOT_NUM_AFTER}",
            _FLAGS,
        ),
        _x_short,
        examples=(
            ("Di, 20.04. um 18 Uhr", (None, 4, 20)),
            ("Tue 5/2 Berkeley seminar", (None, 2, 5)),
            ("am 20.04. um 18 Uhr", (None, 4, 20)),
        ),
        counterexamples=("Room 3.14", "ratio 5/2 of", "score 3.5. Then"),
        digits=_DAY_DIGITS,
    ),
    Rule(
        "date/spaced",
        LazyPattern(
            rf"{_A}\.[ \t](?P<b>\d{{1,2}})\.[ \t]?(?P<y>(?:19|20)\d\d){_NOT_NUM_AFTER}",
            _FLAGS,
        ),
        _x_spaced,
        examples=(
            ("Vortrag am 7. 3. 2024 um 16 Uhr", (2024, 3, 7)),
            ("Termín: 12. 11. 2023", (2023, 11, 12)),
        ),
        counterexamples=("31. 2. 2024",),
        digits=_DAY_DIGITS,
    ),
    Rule(
        "date/ymd-dotted",
        LazyPattern(
            lambda: (
                r"(?P<y>(?:19|20)(?<![\w.:/+\-−,]\d\d)\d\d)\.[ \t](?P<m>\d{1,2})\.[ \t]?(?P<d>\d{1,2})\.?(?![\d]|\.\d)"
                rf"(?:[ \t]{{0,2}}[(（][ \t]?(?P<wd>{_cjk.weekday_re()})[ \t]?[)）])?"
            ),
            _FLAGS,
        ),
        lambda m: _x_ymd_dotted(m),
        examples=(
            ("2024. 3. 14.(목) 오후 3시", (2024, 3, 14)),
            ("일시: 2024. 03. 14. 15:00", (2024, 3, 14)),
        ),
        counterexamples=("2024. 13. 40.",),
        digits=(range(4, 5),),
    ),
    Rule(
        "date/cjk",
        LazyPattern(_cjk.date_re),
        _x_cjk,
        examples=(
            ("2024年3月8日（金）14:00〜", (2024, 3, 8)),
            ("11月23日(火・祝)12:00〜16:00", (None, 11, 23)),
            ("2024년 3월 8일 (금) 오후 3시", (2024, 3, 8)),
            ("时间：9月18日（周日）晚上八点", (None, 9, 18)),
            ("２０２４年１２月２日", (2024, 12, 2)),
        ),
        counterexamples=("13月40日", "2月30日"),
        digits=(range(1, 3), range(4, 5)),
    ),
)


#: The date rules as ``RULES`` lists them: their examples compare ``(year, month, day)``.
RULES: tuple[Rule[tuple[int | None, int, int]], ...] = tuple(
    Rule(r.name, r.pattern, _triple(r.extract), r.examples, r.counterexamples, r.digits)
    for r in _SPECS
)
