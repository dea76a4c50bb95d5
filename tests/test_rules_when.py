"""Dates, times and zones combined: ``find_when`` (rules/when.py, rules/whendoc.py)."""

from __future__ import annotations

import doctest
from datetime import date, datetime

import pytest

from seminorm.rules import when, whendoc
from seminorm.rules.when import When, find_when

from .helpers import growth

# A fixed "today" for every case: Tuesday, 12 March 2024 (tests/conftest.py).
REF = date(2024, 3, 12)


def one(text: str, *, reference: date = REF, default_tz: str | None = None, **kw: object) -> When:
    found = [
        w
        for w in find_when(text, reference=reference, default_tz=default_tz, **kw)
        if not w.conversion
    ]  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


def iso(x: object) -> str | None:
    return None if x is None else x.isoformat()  # type: ignore[attr-defined]


def codes(w: When) -> list[str]:
    return [n.code for n in w.notices]


def test_doctests() -> None:
    assert doctest.testmod(when).failed == 0
    assert doctest.testmod(whendoc).failed == 0


@pytest.mark.parametrize(
    ("text", "ref", "tz", "start", "end"),
    [
        ("Tuesday, May 4, 2021, 4:00-5:30 PM CET", REF, None, "2021-05-04T16:00:00+02:00", "2021-05-04T17:30:00+02:00"),
        ("Time: Mar 8, 2022 03:00 PM Jerusalem", REF, None, "2022-03-08T15:00:00+02:00", None),
        ("Date    : 14th March, 2014 (Friday)\n\nTime    : 3:30 - 4:30 p.m.\n", date(2014, 3, 5), "Asia/Kolkata",
         "2014-03-14T15:30:00+05:30", "2014-03-14T16:30:00+05:30"),
        ("May 09, 2001,\n1:20-2:40 p.m. PDT\nKestrel Seminar Room", date(2001, 5, 1), None,
         "2001-05-09T13:20:00-07:00", "2001-05-09T14:40:00-07:00"),
        ("Das Kolloquium startet am Montag, dem 11. Mai um 18.15 Uhr", date(2009, 4, 1), "Europe/Berlin",
         "2009-05-11T18:15:00+02:00", None),
        ("el próximo martes 21 de octubre a las 19:30 horas", date(2014, 10, 15), "Europe/Madrid",
         "2014-10-21T19:30:00+02:00", None),
        ("Le jeudi 14 mars à 10h dans l'amphithéâtre", date(2024, 3, 1), "Europe/Paris",
         "2024-03-14T10:00:00+01:00", None),
        ("ביום ג', 27.3.2012, בשעה 19:00", date(2012, 3, 15), "Asia/Jerusalem", "2012-03-27T19:00:00+02:00", None),
        ("giovedì 5 marzo 2020, alle ore 17.30, aula B", REF, "Europe/Rome", "2020-03-05T17:30:00+01:00", None),
        ("• Date: 04/24/2009\n• Schedule: 3:00pm-4:00pm, WMAX 110", date(2009, 4, 20), "America/Vancouver",
         "2009-04-24T15:00:00-07:00", "2009-04-24T16:00:00-07:00"),
        ("Friday, 3 May 2024, 22:00-01:00 (party)", REF, "Europe/Zurich", "2024-05-03T22:00:00+02:00",
         "2024-05-04T01:00:00+02:00"),
        ("Tuesday, May 4, 2021, 14:00 (90 min)", REF, "Europe/Zurich", "2021-05-04T14:00:00+02:00",
         "2021-05-04T15:30:00+02:00"),
        ("Add to Calendar 2022-03-08 18:00:00 2022-03-08 19:30:00 Sea ice", REF, "Asia/Jerusalem",
         "2022-03-08T18:00:00+02:00", "2022-03-08T19:30:00+02:00"),
        ("Thu 16 May 2024 at noon", REF, "Europe/London", "2024-05-16T12:00:00+01:00", None),
        ("On March 20 at 3:45 we meet", REF, "America/New_York", "2024-03-20T15:45:00-04:00", None),
        ("2024-03-20T16:00:00+01:00", REF, None, "2024-03-20T16:00:00+01:00", None),
        ("Mittwoch, 20.03.2024, 16 c.t., Hörsaal 1", REF, "Europe/Berlin", "2024-03-20T16:15:00+01:00", None),
        ("on 10/04 at 15:00", REF, "Europe/Paris", "2024-04-10T15:00:00+02:00", None),
        ("Wednesday, 27 March 2024, 14:00 – 15:00 GMT", REF, "Europe/London", "2024-03-27T14:00:00+00:00",
         "2024-03-27T15:00:00+00:00"),
        ("When: Mar 14, 2024 at 10:30 AM Pacific Time (US and Canada)", REF, None, "2024-03-14T10:30:00-07:00", None),
        ("le jeudi 14 mars 2024 de 14h à 15h30", REF, "Europe/Paris", "2024-03-14T14:00:00+01:00",
         "2024-03-14T15:30:00+01:00"),
        ("Jueves 11 de abril, 12:00 h, Sala de Grados", REF, "Europe/Madrid", "2024-04-11T12:00:00+02:00", None),
        ("Miércoles 19 de marzo de 2025, 13:00 horas (hora del centro de México)", REF, None,
         "2025-03-19T13:00:00-06:00", None),
        ("When: Wednesday, April 16, 2025 12:00 PM-1:00 PM (UTC-05:00) Eastern Time (US & Canada).", REF, None,
         "2025-04-16T12:00:00-04:00", "2025-04-16T13:00:00-04:00"),
    ],
)  # fmt: skip
def test_moments(text: str, ref: date, tz: str | None, start: str, end: str | None) -> None:
    w = one(text, reference=ref, default_tz=tz)
    assert iso(w.start) == start
    assert iso(w.end) == end
    assert not w.all_day


def test_floating_without_zone() -> None:
    w = one("Tuesday, May 4, 2021 at 4pm")
    assert w.start == datetime(2021, 5, 4, 16, 0)
    assert w.timezone is None
    assert w.zone_source is None


@pytest.mark.parametrize(
    ("text", "tz", "hints", "zone", "source"),
    [
        ("May 4, 2021 16:00 CET", "America/New_York", (), "Europe/Berlin", "stated"),
        ("May 4, 2021 16:00", "America/New_York", ("Europe/Zurich",), "Europe/Zurich", "document"),
        ("May 4, 2021 16:00", "America/New_York", (), "America/New_York", "default"),
        ("May 4, 2021 16:00 CET", None, ("Europe/Zurich",), "Europe/Zurich", "stated"),
        ("May 4, 2021 15:00 (UTC+2)", "Europe/Zurich", (), "Europe/Zurich", "stated"),
        ("January 4, 2021 15:00 (UTC+2)", "Europe/Zurich", (), "Etc/GMT-2", "stated"),
        ("May 4, 2021 at 9am (GMT-4)", None, (), "Etc/GMT+4", "stated"),
        ("May 4, 2021 at 9am US/Eastern", None, (), "US/Eastern", "stated"),
    ],
)
def test_zone_precedence(
    text: str, tz: str | None, hints: tuple[str, ...], zone: str, source: str
) -> None:
    w = one(text, default_tz=tz, hint_zones=hints)
    assert (w.timezone, w.zone_source) == (zone, source)
    assert isinstance(w.start, datetime)
    assert w.start.tzinfo is not None


def test_offset_read_as_the_documents_zone_when_it_fits() -> None:
    text = "Date: Thursday 20 February 2025\nTime: 14:00 (UTC+2)\nVenue: Seminar room 2, Cape Town"
    w = one(text, default_tz="Europe/London")
    assert (w.timezone, iso(w.start)) == ("Africa/Johannesburg", "2025-02-20T14:00:00+02:00")


def test_offset_not_read_as_the_speakers_zone() -> None:
    text = "Date: Thursday 20 February 2025\nTime: 14:00 (UTC+2)\nSpeaker: L. M. (University of Cape Town)"
    w = one(text, default_tz="Europe/London")
    assert (w.timezone, iso(w.start)) == ("Etc/GMT-2", "2025-02-20T14:00:00+02:00")


def test_offset_with_the_human_sign() -> None:
    w = one("May 4, 2021 at 9am (GMT-4)")
    assert isinstance(w.start, datetime)
    assert w.start.utcoffset() is not None
    assert w.start.utcoffset().total_seconds() == -4 * 3600  # type: ignore[union-attr]


def test_ambiguous_abbreviation_warns_unless_settled() -> None:
    w = one("May 4, 2021 3pm IST")
    assert w.timezone == "Asia/Kolkata"
    assert codes(w) == ["tz-ambiguous"]
    w = one("May 4, 2021 3pm IST", hint_zones=("Asia/Jerusalem",))
    assert w.timezone == "Asia/Jerusalem"
    assert codes(w) == []
    w = one("May 4, 2021 3pm IST", default_tz="Europe/Dublin")
    assert w.timezone == "Europe/Dublin"


def test_ambiguous_abbreviation_explained_in_parentheses() -> None:
    text = "Session 3: Friday, March 21, 2025, 19:00 CST (Beijing time) / 6:00 AM CDT (Chicago)"
    ws = find_when(text, reference=date(2025, 3, 17), default_tz="America/Chicago")
    assert [(iso(w.start), w.timezone) for w in ws] == [
        ("2025-03-21T19:00:00+08:00", "Asia/Shanghai")
    ]


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Talk at IISc Bangalore on May 4, 2021 3pm IST", "Asia/Kolkata"),
        ("Weizmann Institute, Rehovot. May 4, 2021 3pm IST", "Asia/Jerusalem"),
        ("Seminar, maths@tcd.ie, Trinity College Dublin: May 4, 2021 3pm IST", "Europe/Dublin"),
    ],
)
def test_ambiguous_abbreviation_settled_by_document_evidence(text: str, zone: str) -> None:
    w = one(text, default_tz="America/Chicago")
    assert w.timezone == zone
    assert codes(w) == []


def test_est_in_july_is_new_york_wall_time() -> None:
    w = one("Sunday, July 4, 2021, 4pm EST")
    assert w.timezone == "America/New_York"
    assert iso(w.start) == "2021-07-04T16:00:00-04:00"
    assert codes(w) == ["tz-dst-mismatch"]


@pytest.mark.parametrize(
    ("text", "tz", "order", "day", "notice"),
    [
        ("Seminar 04/05/2021 16:00", None, "auto", date(2021, 5, 4), ["date-order-guessed"]),
        ("Seminar 04/05/2021 16:00", "America/New_York", "auto", date(2021, 4, 5), []),
        ("Seminar 04/05/2021 16:00", "Europe/Paris", "auto", date(2021, 5, 4), []),
        ("Seminar 04/05/2021 16:00", None, "mdy", date(2021, 4, 5), []),
        ("Seminar 04/05/2021 16:00", "Europe/Paris", "mdy", date(2021, 4, 5), []),
        ("Seminar Tuesday 04/05/2021 16:00", "America/New_York", "auto", date(2021, 5, 4), []),
        ("Seminar Monday 04/05/2021 16:00", None, "auto", date(2021, 4, 5), []),
        (
            "Posted 29/04/2021\n\nSeminar 04/05/2021 16:00",
            "America/New_York",
            "auto",
            date(2021, 5, 4),
            [],
        ),
        ("Next: 01/24/2023\n\nSeminar 02/07/2023 15:45", None, "auto", date(2023, 2, 7), []),
        ("Seminar 04/05/2021 16:00\nMay 4, 2021", None, "auto", date(2021, 5, 4), []),
    ],
)
def test_numeric_date_order(
    text: str, tz: str | None, order: str, day: date, notice: list[str]
) -> None:
    timed = [
        w for w in find_when(text, reference=REF, default_tz=tz, date_order=order) if not w.all_day
    ]
    assert len(timed) == 1
    w = timed[0]
    assert isinstance(w.start, datetime)
    assert w.start.date() == day
    assert codes(w) == notice


@pytest.mark.parametrize(
    ("text", "ref", "day"),
    [
        ("Monday, October 3rd, TIME: 2:30pm", date(2016, 9, 20), date(2016, 10, 3)),
        ("March 3 at 4pm", date(2024, 11, 20), date(2025, 3, 3)),
        ("December 19 at 10am", date(2024, 1, 10), date(2023, 12, 19)),
        ("mardi 19 décembre à 10h", date(2024, 3, 12), date(2023, 12, 19)),
        ("Montag, dem 11. Mai um 18.15 Uhr", date(2009, 4, 1), date(2009, 5, 11)),
        ("Thursday, Feb 29 at 4pm", date(2023, 6, 1), date(2024, 2, 29)),
        ("Feb 29 at 4pm", date(2026, 6, 1), date(2028, 2, 29)),
    ],
)
def test_year_inferred(text: str, ref: date, day: date) -> None:
    w = one(text, reference=ref)
    assert isinstance(w.start, datetime)
    assert w.start.date() == day
    assert "year-inferred" in codes(w)


def test_year_from_the_documents_own_dates_when_the_reference_is_far() -> None:
    text = "Colloquium for the week of October 10, 2016\n\n**Monday, October 10th **\nTIME: 2:30pm – 3:20pm\n"
    timed = [
        w for w in find_when(text, reference=REF, default_tz="America/New_York") if not w.all_day
    ]
    assert [iso(w.start) for w in timed] == ["2016-10-10T14:30:00-04:00"]


def test_weekday_mismatch_corrects_a_year_every_weekday_contradicts() -> None:
    w = one("Tuesday, May 5, 2021 at 4pm")
    assert isinstance(w.start, datetime)
    assert w.start.date() == date(2020, 5, 5)
    assert codes(w) == ["weekday-mismatch"]
    assert "corrected" in w.notices[0].message


def test_weekday_mismatch_keeps_the_date_when_weekdays_disagree() -> None:
    text = (
        "Tuesday, May 5, 2021 at 4pm\nThursday, May 6, 2021 at 4pm\nWednesday, May 12, 2021 at 4pm"
    )
    ws = find_when(text, reference=REF, default_tz=None)
    assert [w.start.date() for w in ws] == [date(2021, 5, 5), date(2021, 5, 6), date(2021, 5, 12)]  # type: ignore[union-attr]
    assert [codes(w) for w in ws] == [["weekday-mismatch"], [], []]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Workshop, Sept 3-5, 2019", date(2019, 9, 3), date(2019, 9, 6)),
        ("Conference May 4 – May 6, 2021", date(2021, 5, 4), date(2021, 5, 7)),
        ("Colloque du 3 au 5 mai 2021", date(2021, 5, 3), date(2021, 5, 6)),
        ("Summer school 2021-06-28 to 2021-07-02", date(2021, 6, 28), date(2021, 7, 3)),
    ],
)
def test_date_ranges_are_all_day(text: str, start: date, end: date) -> None:
    w = one(text)
    assert w.all_day
    assert (w.start, w.end) == (start, end)
    assert "year-inferred" not in codes(w)


def test_conversion_lists_give_one_moment() -> None:
    text = (
        "Monday, August 17, 2020: talk at noon Eastern Time, which is:\n"
        "• 11am in Chicago\n• 9am in Los Angeles\n• 5pm in London\n• 7pm in Moscow and Tel-Aviv\n"
    )
    ws = find_when(text, reference=date(2020, 8, 1), default_tz=None)
    assert len(ws) == 1
    assert iso(ws[0].start) == "2020-08-17T12:00:00-04:00"
    assert ws[0].timezone == "America/New_York"


def test_several_times_of_one_date_are_all_candidates() -> None:
    text = "Friday, 3 May 2024\n15:30 coffee\n16:00 talk\n"
    ws = find_when(text, reference=REF, default_tz="Europe/Zurich")
    assert [w.start.hour for w in ws] == [15, 16]  # type: ignore[union-attr]
    assert {w.line for w in ws} == {1}


def test_listing_pairs_times_with_the_nearest_date_above() -> None:
    text = (
        "**Monday, October 3rd **\n\nTOPOLOGY SEMINAR\n\nTITLE: On Cp\n\nTIME: 2:30pm – 3:20pm\n\n"
        "**Wednesday, October 5th **\n\nTIME: 2:30pm-3:20pm\n"
    )
    ws = find_when(text, reference=date(2016, 10, 1), default_tz="America/New_York")
    assert [iso(w.start) for w in ws] == ["2016-10-03T14:30:00-04:00", "2016-10-05T14:30:00-04:00"]
    assert [w.line for w in ws] == [1, 9]
    assert ws[0].time_span is not None
    assert text[ws[0].time_span[0] : ws[0].time_span[1]] == "2:30pm – 3:20pm"


def test_time_written_above_its_date() -> None:
    text = "Time: 4pm\nDate: Thursday, May 16, 2024\nPlace: Room 1"
    assert iso(one(text).start) == "2024-05-16T16:00:00"


def test_listing_blocks_keep_their_own_times() -> None:
    text = "Date: Thursday, May 16, 2024\nTime: 4pm\n\nDate: Friday, May 17, 2024\nTime: 3pm\n"
    ws = find_when(text, reference=REF, default_tz=None)
    assert [iso(w.start) for w in ws] == ["2024-05-16T16:00:00", "2024-05-17T15:00:00"]


def test_document_stamps_score_low() -> None:
    text = (
        "Date: Thu, 03 May 2001 09:12:40 -0700\n"
        "Subject: seminar\n\nMay 02, 2001,\n1:10-2:30 p.m. PST\n\n"
        "תאריך עדכון אחרון : 29/04/2021\nPosted on March 3, 2021\n"
    )
    ws = find_when(text, reference=date(2001, 5, 1), default_tz=None)
    by_line = {w.line: w for w in ws}
    assert by_line[1].score < 0.5
    assert by_line[4].score >= 1.0
    assert by_line[7].all_day
    assert by_line[7].score < 0.3
    assert by_line[8].all_day
    assert by_line[8].score < 0.3


def test_mail_stamps_score_low() -> None:
    text = (
        "Sent: Tuesday, April 8, 2025 10:02 AM\n"
        "On Mon, Sep 29, 2025 at 4:41 PM Jane Roe <jr@example.org> wrote:\n"
        "> Our next talk is on Thursday, October 2, 2025 at 12:15\n"
    )
    ws = find_when(text, reference=date(2025, 9, 29), default_tz=None)
    assert [w.line for w in ws] == [1, 2, 3]
    assert [w.score < 0.5 for w in ws] == [True, True, False]


def test_all_day_dates_without_time() -> None:
    w = one("Next session: 12 June 2024")
    assert w.all_day
    assert w.start == date(2024, 6, 12)
    assert w.end is None
    assert w.timezone is None
    assert w.score < 1.0


def test_span_text_and_rule() -> None:
    text = "Talk: Tuesday, May 4, 2021 at 4pm CET. Abstract follows."
    w = one(text)
    assert w.text == "Tuesday, May 4, 2021 at 4pm CET"
    assert text[w.span[0] : w.span[1]] == w.text
    assert text[w.date_span[0] : w.date_span[1]] == "Tuesday, May 4, 2021"
    assert w.rule == "date/month-day+time/hour"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no date here, only 20:30",
        "version 2.4.1 released",
        "Call +1 669 555 0134, ID 812 3456 7890",
    ],
)
def test_nothing_found(text: str) -> None:
    assert find_when(text, reference=REF, default_tz="Europe/Zurich") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    ["0123456789", "Tuesday, May 4, 2021 2:30-3:30pm ", "04/05/2021 12.3.4 4-5pm\n", "May 4 - 6 3-5 mai 14h-16h ",
     "Mon 3 Oct\n10:00\n", "noon Eastern Time 11am in Chicago "],
)  # fmt: skip
def test_linear_on_hostile_input(unit: str) -> None:
    def run(text: str) -> object:
        return find_when(text, reference=REF, default_tz="Europe/Zurich")

    assert growth(run, unit) < 20


def test_three_zones_on_one_line_give_one_moment() -> None:
    text = "Thursday, March 14, 2024: 9:00 PDT / 12:00 EDT / 17:00 CET"
    ws = [w for w in find_when(text, reference=REF, default_tz=None) if not w.conversion]
    assert [(w.start.isoformat(), w.timezone) for w in ws] == [
        ("2024-03-14T09:00:00-07:00", "America/Los_Angeles")
    ]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # the heading names the programme's year: it anchors the dates without one
        (
            "Lecture Programme for 2017\n\nTuesday 7 March\nTalk at 10.30am",
            "2017-03-07T10:30:00+00:00",
        ),
        (
            "Ringvorlesung im Wintersemester 2019/20\n\nDienstag, 14. Januar, 18 Uhr c.t.",
            "2020-01-14T18:15:00+00:00",
        ),
        ("Spring 2021 Colloquium\n\nThursday, March 4, 4pm", "2021-03-04T16:00:00+00:00"),
        ("Séminaires — saison 2018\n\njeudi 8 février à 14h", "2018-02-08T14:00:00+00:00"),
        # no heading, or two years named: nearest to the reference, as before
        ("Colloquium\n\nThursday, March 4, 4pm", "2027-03-04T16:00:00+00:00"),
    ],
)
def test_year_from_the_documents_term(text: str, start: str) -> None:
    ws = find_when(text, reference=date(2026, 12, 7), default_tz="UTC")
    assert [iso(w.start) for w in ws if not w.all_day] == [start]


def test_relative_word_on_a_dated_line_is_no_date() -> None:
    text = "3. November 18: Why Clocks Still Matter Today\nWhere: Hall 2\nWhen: 8:15pm\n"
    ws = [
        w for w in find_when(text, reference=date(2017, 11, 8), default_tz="UTC") if not w.all_day
    ]
    assert [iso(w.start) for w in ws] == ["2017-11-18T20:15:00+00:00"]
    alone = find_when("Today at 4pm, room 2", reference=date(2017, 11, 8), default_tz="UTC")
    assert [iso(w.start) for w in alone] == ["2017-11-08T16:00:00+00:00"]
