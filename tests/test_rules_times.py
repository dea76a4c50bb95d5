"""Times of day: ``find_times`` and ``resolve_meridiem`` (rules/times.py)."""

from __future__ import annotations

import doctest

import pytest

from seminorm.rules import times, timetail
from seminorm.rules.times import TimeMatch, find_times, resolve_meridiem

from .helpers import growth


def test_doctests() -> None:
    assert doctest.testmod(times).failed == 0
    assert doctest.testmod(timetail).failed == 0


def clock(t: TimeMatch) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """24-hour start and end, the way find_when reads them."""
    start = resolve_meridiem(*t.start, t.meridiem, t)
    end = resolve_meridiem(*t.end, t.end_meridiem, t) if t.end else None
    if end is not None and t.end_meridiem is None and not t.clock24 and end < start and end[0] < 12:
        end = (end[0] + 12, end[1])
    return start, end


CASES = [
    ("TIME: 2:30pm – 3:20pm", (14, 30), (15, 20)),
    ("2:30-3:30pm", (14, 30), (15, 30)),
    ("1:10-2:30 p.m. PST", (13, 10), (14, 30)),
    ("Time    : 3:30 - 4:30 p.m.", (15, 30), (16, 30)),
    ("3:00pm-4:00pm, WMAX 110", (15, 0), (16, 0)),
    ("Horaire : 14h00", (14, 0), None),
    ("à 10h dans l'amphithéâtre", (10, 0), None),
    ("de 14h30-16h", (14, 30), (16, 0)),
    ("14 h 30", (14, 30), None),
    ("um 18.15 Uhr", (18, 15), None),
    ("um 18 Uhr", (18, 0), None),
    ("alle 17", (17, 0), None),
    ("alle ore 17.30", (17, 30), None),
    ("a las 18:30 horas", (18, 30), None),
    ("at noon", (12, 0), None),
    ("midday", (12, 0), None),
    ("until midnight", (0, 0), None),
    ("12 noon", (12, 0), None),
    ("3 PM", (15, 0), None),
    ("3pm", (15, 0), None),
    ("10 a.m.", (10, 0), None),
    ("12am", (0, 0), None),
    ("12:30 pm", (12, 30), None),
    ("16:00–17:30 CET", (16, 0), (17, 30)),
    ("19:00:00", (19, 0), None),
    ("from 4 to 5 pm", (16, 0), (17, 0)),
    ("4-5pm", (16, 0), (17, 0)),
    ("11-1pm", (11, 0), (13, 0)),
    ("11:30-12:30pm", (11, 30), (12, 30)),
    ("10:00-11:30", (10, 0), (11, 30)),
    ("talks starting at 3:45", (15, 45), None),
    ("08:00", (8, 0), None),
    ("07:30", (7, 30), None),
    ("9:00 - 17:00", (9, 0), (17, 0)),
    ("noon-1:30pm", (12, 0), (13, 30)),
    ("at 4.30 pm", (16, 30), None),
    ("04:00 PM Jerusalem", (16, 0), None),
    ("Time: 16.00-17.00", (16, 0), (17, 0)),
    ("Zeit: 16.00", (16, 0), None),
    ("Tea at 3:30, talk at 4.", (15, 30), None),
    ("We meet at 10 in room 5", (10, 0), None),
    ("Mittwoch, 16 c.t.", (16, 15), None),
    ("2024-03-20T16:00:00+01:00", (16, 0), None),
    ("Friday 21 February 2025, 11-12:30, Room 4", (11, 0), (12, 30)),
    # a range written in two forms: joined
    ("When: 9 May, 6.00 pm – 7.30 pm (light dinner)", (18, 0), (19, 30)),
    ("held from 9.30am – 12 noon in the hall", (9, 30), (12, 0)),
    ("from 9.45 am to 11:15", (9, 45), (11, 15)),
    # the academic quarter after Uhr, and the other languages' hour words
    ("Dienstag, 18 Uhr c.t.", (18, 15), None),
    ("Mittwoch, 10 Uhr s.t.", (10, 0), None),
    ("kl. 18 i aulan", (18, 0), None),
    ("kl 13.15–15.00", (13, 15), (15, 0)),
    ("às 13h30 no auditório", (13, 30), None),
    ("om 15.30 uur", (15, 30), None),
    ("van 14 tot 16 uur", (14, 0), (16, 0)),
    ("a las 19 hs", (19, 0), None),
    # an end further on: across a line break, in parentheses, in prose
    ("will run from 1:30 to\n3:00 in the lounge", (13, 30), (15, 0)),
    ("Time: 3:30pm (- 4:30pm)", (15, 30), (16, 30)),
    ("It will begin at 2:45 and run until around 4:15.", (14, 45), (16, 15)),
]


@pytest.mark.parametrize(("text", "start", "end"), CASES)
def test_times(text: str, start: tuple[int, int], end: tuple[int, int] | None) -> None:
    found = find_times(text)
    assert found, text
    assert clock(found[0]) == (start, end)


def test_crossing_midnight_keeps_the_numbers() -> None:
    t = find_times("Party 22:00-01:00")[0]
    assert (t.start, t.end, t.clock24) == ((22, 0), (1, 0), True)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("14:00 (60 min)", 60),
        ("10:00 for 45 minutes", 45),
        ("16h (1h30)", 90),
        ("3pm, 2 hours", 120),
    ],
)
def test_durations(text: str, minutes: int) -> None:
    t = find_times(text)[0]
    assert t.duration_minutes == minutes
    assert t.end is None


@pytest.mark.parametrize(
    ("text", "zone_text"),
    [
        ("16:00 CET", "CET"),
        ("Mar 8, 2022 03:00 PM Jerusalem Join Zoom Meeting", "Jerusalem"),
        ("at noon Eastern Time, which is", "Eastern Time"),
        ("3pm (UTC+2)", "UTC+2"),
        ("16:00–17:30 CET", "CET"),
        ("à 14h (heure de Paris)", "heure de Paris"),
        ("10:00 Europe/Zurich", "Europe/Zurich"),
        ("Thu, 3 May 2001 08:41:15 -0700", "-0700"),
        ("1:10-2:30 p.m. PST", "PST"),
        ("4pm Paris time", "Paris time"),
        ("15:00 (GMT+01:00)", "GMT+01:00"),
        ("13:00 horas (hora del centro de México)", "hora del centro"),
        ("12:00 PM-1:00 PM (UTC-05:00) Eastern Time (US & Canada).", "Eastern Time"),
        ("May 4, 2021 4 p.m. (Eastern)", "Eastern"),
        ("at 4pm Pacific.", "Pacific"),
    ],
)
def test_zone_attached(text: str, zone_text: str) -> None:
    assert find_times(text)[0].zone_text == zone_text


@pytest.mark.parametrize(
    "text",
    ["3pm Monday", "3pm Room 101", "3:00pm, Paris", "14:00 Lincoln Hall", "4pm Central Library"],
)
def test_no_zone_attached(text: str) -> None:
    assert find_times(text)[0].zone_text is None


def test_conversion_lists_mark_restatements() -> None:
    text = (
        "talks are at noon Eastern Time, which this month is:\n"
        "• 11am in Chicago\n• 9am in Los Angeles\n• 5pm in London\n• 7pm in Moscow and Tel-Aviv\n"
    )
    found = find_times(text)
    assert [t.conversion for t in found] == [False, True, True, True, True]
    assert found[0].zone_text == "Eastern Time"


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("4pm EST / 1pm PST", [False, True]),
        ("4pm EST (1pm PST)", [False, True]),
        ("16:00 CET, 17:00 EET", [False, True]),
        ("14:00 CET, 15:00 CET", [False, False]),
    ],
)
def test_same_moment_in_another_zone_is_a_conversion(text: str, flags: list[bool]) -> None:
    assert [t.conversion for t in find_times(text)] == flags


def test_iso_offset_is_the_zone() -> None:
    t = find_times("2024-03-20T16:00:00+01:00")[0]
    assert t.zone_text == "+01:00"
    t = find_times("2024-03-20T16:00:00Z")[0]
    assert t.zone_text == "UTC"


def test_place_without_earlier_zone_is_not_a_conversion() -> None:
    t = find_times("Lunch at 1pm in London")[0]
    assert not t.conversion
    assert t.zone_text is None


@pytest.mark.parametrize(
    "text",
    [
        "04/05/2021",
        "John 3:2 says",
        "scale 1:10,000",
        "call +1 669 555 0134",
        "Meeting ID: 812 3456 7890",
        "+97239786688,,81234567890#",
        "2.5 units",
        "Room 3.14",
        "grew by 12.53%",
        "in 2021",
        "version 1.2",
        "3 amazing talks",
        "alle 3 Wochen",
        "durée 1h30",
        "open 24h/24",
        "the afternoon session",
        "Room 301",
        "won 3-2",
        "results at 4 and 8 GPUs",
        "look at 3 examples",
        "Section 3.14 shows",
    ],
)
def test_not_times(text: str) -> None:
    assert find_times(text) == []


@pytest.mark.parametrize(
    ("args", "want"),
    [
        ((3, 45, None), (15, 45)),
        ((1, 0, None), (13, 0)),
        ((7, 0, None), (19, 0)),
        ((8, 0, None), (8, 0)),
        ((11, 30, None), (11, 30)),
        ((12, 0, None), (12, 0)),
        ((18, 15, None), (18, 15)),
        ((0, 30, None), (0, 30)),
        ((12, 0, "am"), (0, 0)),
        ((12, 15, "pm"), (12, 15)),
        ((3, 0, "pm"), (15, 0)),
        ((9, 0, "am"), (9, 0)),
    ],
)
def test_resolve_meridiem(args: tuple[int, int, str | None], want: tuple[int, int]) -> None:
    assert resolve_meridiem(*args) == want


def test_resolve_meridiem_keeps_24_hour_forms() -> None:
    t = find_times("07:30")[0]
    assert t.clock24
    assert resolve_meridiem(*t.start, t.meridiem, t) == (7, 30)
    assert resolve_meridiem(7, 30, None, "24h") == (7, 30)


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    [
        "0123456789",
        "2:30-3:30pm ",
        "14h-16h 18.15 Uhr ",
        "1:1:1:1:1.1.1-1-1",
        "noon Paris Time Eastern ",
        "4pm in Paris ",
    ],
)
def test_linear_on_hostile_input(unit: str) -> None:
    assert growth(find_times, unit) < 20


# --- a labelled duration (the value of "Duration:", "Durée :", "Dauer:") -------------------


@pytest.mark.parametrize(
    ("value", "minutes"),
    [
        ("environ 1 heure, suivie d'une discussion et d'un café à 15h15", 60),
        ("1 hour", 60), ("about 90 minutes", 90), ("approx. 50 min", 50), ("45 mins", 45),
        ("1h30 (questions included)", 90), ("1 h 30", 90), ("1 heure 30", 90),
        ("2 hours 15 minutes", 135), ("1.5 hours", 90), ("1,5 Stunden", 90), ("2 hrs", 120),
        ("one hour", 60), ("an hour and a half", 90), ("une heure et demie", 90),
        ("eine Stunde", 60), ("anderthalb Stunden", 90), ("ca. 45 Minuten", 45),
        ("etwa 60 Minuten inkl. Diskussion", 60), ("unos 40 minutos", 40), ("un'ora", None),
        ("30 minutes + questions", 30), ("~1h", 60), ("2 ore", 120),
        # not a duration the end can come from
        ("1-2 hours", None), ("1 hour to 2 hours", None), ("3 days", None), ("5 min", None),
        ("14 hours", None), ("60", None), ("hour", None), ("A 1 hour talk", None),
        ("see the programme", None), ("", None), ("12 h 30 - 14 h", None),
    ],
)  # fmt: skip
def test_labelled_duration(value: str, minutes: int | None) -> None:
    assert timetail.labelled_duration(value) == minutes


@pytest.mark.slow
def test_labelled_duration_is_linear_on_hostile_input() -> None:
    assert growth(timetail.labelled_duration, "1 h 1 h ") < 20


def test_a_duration_line_gives_the_end_and_leaves_the_abstract() -> None:
    from datetime import date

    from seminorm.context import Context
    from seminorm.pipeline import parse_bytes

    text = (
        "Speaker: Dr. Miriam Okafor (University of Leeds)\n"
        "Title: Tokenisers that forget\n"
        "Date: Thursday 6 February 2025, 2:00 pm GMT\n\n"
        "Abstract: Subword tokenisers split rare words in ways that hide their structure.\n"
        "We compare three tokenisers on agglutinative languages and show what they lose.\n\n"
        "Duration: about 90 minutes, including questions\n"
    )
    ctx = Context(today=date(2025, 1, 20))
    [ev] = parse_bytes(text.encode(), ctx)
    assert ev.end is not None
    assert ev.start is not None
    assert (ev.end - ev.start).total_seconds() == 90 * 60
    assert ev.provenance["end"].rule == "label:duration"
    assert ev.abstract is not None
    assert ev.abstract.endswith("what they lose.")  # the duration line is no part of it
    stated = text.replace("2:00 pm GMT", "2:00-3:00 pm GMT")
    [ev] = parse_bytes(stated.encode(), ctx)
    assert ev.end is not None
    assert ev.start is not None
    assert (ev.end - ev.start).total_seconds() == 60 * 60  # a stated end wins
