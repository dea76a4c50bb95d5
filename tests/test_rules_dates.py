"""Dates as announcements write them: ``find_dates`` (rules/dates.py)."""

from __future__ import annotations

import doctest

import pytest

from seminorm.rules import dates, monthnames
from seminorm.rules.dates import find_dates

from .helpers import growth


def test_doctests() -> None:
    assert doctest.testmod(dates).failed == 0
    assert doctest.testmod(monthnames).failed == 0


# (text, (year, month, day, weekday)) of the first date found
CASES = [
    ("Tuesday, May 4, 2021", (2021, 5, 4, 1)),
    ("May 4th, 2021", (2021, 5, 4, None)),
    ("4 May 2021", (2021, 5, 4, None)),
    ("on the 4th of May", (None, 5, 4, None)),
    ("2021-05-04", (2021, 5, 4, None)),
    ("Add to Calendar 2021-05-04 19:00:00", (2021, 5, 4, None)),
    ("4.5.2021", (2021, 5, 4, None)),
    ("ביום ה', 29.3.2012, בשעה 20:00", (2012, 3, 29, 3)),
    ("Mon 3 Oct", (None, 10, 3, 0)),
    ("**Monday, October 3rd **", (None, 10, 3, 0)),
    ("4 mai 2021", (2021, 5, 4, None)),
    ("Le jeudi 14 mars à 10h", (None, 3, 14, 3)),
    ("le 1er mars 2022", (2022, 3, 1, None)),
    ("Das Kolloquium startet am Montag, dem 11. Mai um 18.15 Uhr", (None, 5, 11, 0)),
    ("20. April 2009", (2009, 4, 20, None)),
    ("miércoles, 22 de octubre de 2014", (2014, 10, 22, 2)),
    ("el próximo martes 21 de octubre a las 19:30", (None, 10, 21, 1)),
    ("giovedì 5 marzo 2020, ore 17", (2020, 3, 5, 3)),
    ("giovedi 5 marzo 2020", (2020, 3, 5, 3)),
    ("el 1º de junio de 2019", (2019, 6, 1, None)),
    ("Date    : 14th March, 2014 (Friday)", (2014, 3, 14, 4)),
    ("Subject: [Colloquium] Math: March 12th, 2014: Sharp", (2014, 3, 12, None)),
    ("Thursday, March 15, 2012", (2012, 3, 15, 3)),
    ("May 02, 2001,", (2001, 5, 2, None)),
    ("Wed., Sept. 7, 2022", (2022, 9, 7, 2)),
    ("Fri 12 Jan 2024", (2024, 1, 12, 4)),
    ("Dezember 3, 2023", (2023, 12, 3, None)),
    ("3. Dezember 2023", (2023, 12, 3, None)),
    ("Sonntag, 3. März 2024", (2024, 3, 3, 6)),
    ("mercredi 6 avril", (None, 4, 6, 2)),
    ("le 14 juillet 2023", (2023, 7, 14, None)),
    ("lunedì 11 novembre 2019", (2019, 11, 11, 0)),
    ("sábado 9 de noviembre", (None, 11, 9, 5)),
    ("DTSTART:20221021T131500", (2022, 10, 21, None)),
    ("Di., 20.04. um 18 Uhr", (None, 4, 20, 1)),
    ("Tue 5/2 Berkeley", (None, 2, 5, 1)),
    ("Date: 24.12.21", (2021, 12, 24, None)),
    ("12-03-2024", (2024, 3, 12, None)),
    ("Published 2014/03/05", (2014, 3, 5, None)),
    ("December 31st 2019", (2019, 12, 31, None)),
    ("Jan 30: Dr. Esperanza Villalobos", (None, 1, 30, None)),
    ("| 1/13 | Nadia Rahman (Caltech) |", (None, 1, 13, None)),
    ("- 3/14: Pi day lecture", (None, 3, 14, None)),
    ("on 10/04 at 15:00", (None, 4, 10, None)),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_dates(text: str, want: tuple[int | None, int, int, int | None]) -> None:
    found = find_dates(text)
    assert found, text
    d = found[0]
    assert (d.year, d.month, d.day, d.weekday) == want


@pytest.mark.parametrize(
    ("text", "span_text"),
    [
        ("Talk: Tuesday, May 4, 2021 at 4pm", "Tuesday, May 4, 2021"),
        ("am Montag, dem 20. April um", "Montag, dem 20. April"),
        ("Date    : 14th March, 2014 (Friday)\n", "14th March, 2014 (Friday)"),
        ("ביום ה', 29.3.2012, בשעה", "ביום ה', 29.3.2012"),
    ],
)
def test_span_covers_the_weekday(text: str, span_text: str) -> None:
    d = find_dates(text)[0]
    assert text[d.start : d.end] == span_text


@pytest.mark.parametrize(
    ("text", "first", "alt", "order"),
    [
        ("04/05/2021", (5, 4), (4, 5), None),  # open: day first, month first as alt
        ("29/04/2021", (4, 29), None, "dmy"),
        ("04/24/2009", (4, 24), None, "mdy"),
        ("05/05/2021", (5, 5), None, "dmy"),
        ("2021-05-04", (5, 4), None, "ymd"),
    ],
)
def test_numeric_order(
    text: str, first: tuple[int, int], alt: tuple[int, int] | None, order: str | None
) -> None:
    d = find_dates(text)[0]
    assert (d.month, d.day) == first
    assert d.alt == alt
    assert d.order == order
    assert d.numeric


@pytest.mark.parametrize(
    ("text", "until"),
    [("Workshop, Sept 3-5, 2019", (9, 5)), ("3-5 May 2021", (5, 5)), ("du 3 – 5 mai", (5, 5))],
)
def test_day_ranges_inside_one_date(text: str, until: tuple[int, int]) -> None:
    d = find_dates(text)[0]
    assert d.until == until
    assert d.day == 3


@pytest.mark.parametrize(
    "text",
    [
        "version 2.4.1",
        "Python 3.10.12 is out",
        "growth of 12.53%",
        "call +1 669 555 0134",
        "Meeting ID: 812 3456 7890",
        "Passcode: 402917",
        "+97239786688,,81234567890#",
        "costs $12.50 or 3.5 EUR",
        "at 20:30 sharp",
        "won 3-2 at home",
        "January 12:00",
        "in May 2021 we moved",
        "you may 2 times try",
        "Room 3.14",
        "ratio 5/2 of",
        "meeting ID 20210504",
        "February 30, 2021",
        "31/04/2021",
        "ISBN 978-3-16-148410-0",
        "pages 12-14, 2019",
        "score 3.5. Then",
        "1/2 cup of sugar",
        "see 3/4 of them",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_several_dates_in_order() -> None:
    text = "Posted 29/04/2021. Talk on Tuesday, May 4, 2021; next one 2021-06-01."
    got = [(d.year, d.month, d.day) for d in find_dates(text)]
    assert got == [(2021, 4, 29), (2021, 5, 4), (2021, 6, 1)]


def test_month_names_cover_the_languages() -> None:
    for name, month in [("janv.", 1), ("Févr", 2), ("März", 3), ("abr", 4), ("maggio", 5),
                        ("giugno", 6), ("juillet", 7), ("août", 8), ("setiembre", 9),
                        ("Okt", 10), ("noviembre", 11), ("dic", 12)]:  # fmt: skip
        assert monthnames.month_number(name) == month, name


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    [
        "0123456789",
        "Tuesday, May 4, 2021 ",
        "04/05/2021 12.3.4 ",
        "May 4 - 6 3-5 mai ",
        "1.1.1-1-1/1/",
    ],
)
def test_linear_on_hostile_input(unit: str) -> None:
    assert growth(find_dates, unit) < 20


def test_days_in_month_agrees_with_the_calendar_module() -> None:
    import calendar

    from seminorm.rules.monthnames import MONTH_NAMES, days_in_month

    for year in (1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]
    assert MONTH_NAMES[1:] == ("January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December")  # fmt: skip
