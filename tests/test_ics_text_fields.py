"""ICS text fields read like text: SUMMARY conventions, DESCRIPTION labels, series prefixes.

Invented calendars in the shapes seminar feeds write (readers/ics/enrich.py,
engine/fields.py).
"""

from __future__ import annotations

from datetime import date

import pytest

from seminorm.context import Context
from seminorm.engine.fields import split_title_speaker
from seminorm.model import Event
from seminorm.readers.ics import parse_ics, series_prefix


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("Ada Lovelace: Engines of Thought", (None, "Ada Lovelace", "Engines of Thought")),
        ("Engines of Thought - Ada Lovelace", (None, "Ada Lovelace", "Engines of Thought")),
        (
            "Ada Lovelace (Analytical Society): Engines of Thought",
            (None, "Ada Lovelace (Analytical Society)", "Engines of Thought"),
        ),
        (
            "[Genetics Seminar] Ada Lovelace — Engines of Thought",
            ("Genetics Seminar", "Ada Lovelace", "Engines of Thought"),
        ),
        (
            "[Cell Biology Program] Ada Lovelace, PhD — Engines of Thought",
            ("Cell Biology Program", "Ada Lovelace", "Engines of Thought"),
        ),
        ("[Genetics Seminar] Ada Lovelace, PhD", ("Genetics Seminar", "Ada Lovelace", None)),
        (
            "Ada Lovelace — Engines: a history of thought",
            (None, "Ada Lovelace", "Engines: a history of thought"),
        ),
        ("Colloquium: Ada Lovelace, PhD", ("Colloquium", "Ada Lovelace", None)),
        (
            "Ada Lovelace, MD, MPH - Engines of Thought",
            (None, "Ada Lovelace", "Engines of Thought"),
        ),
        (
            "Colloquium: Ada Lovelace (Analytical Society) - Engines of Thought",
            ("Colloquium", "Ada Lovelace (Analytical Society)", "Engines of Thought"),
        ),
        ("Ada Lovelace - TBA", (None, "Ada Lovelace", "TBA")),
    ],
)
def test_summary_conventions(summary: str, expected: tuple[str | None, ...]) -> None:
    assert split_title_speaker(summary) == expected


def test_series_prefix_shared_by_the_calendar() -> None:
    assert (
        series_prefix(["Rust Night: Borrowing", "Rust Night: Lifetimes", "Rust Night: Async"])
        == "Rust Night"
    )
    assert series_prefix(["Rust Night: Borrowing", "Lifetimes", "Async", "Traits"]) is None
    assert (
        series_prefix(["Prof. Ada Lovelace: Engines", "Prof. Ada Lovelace: Looms"]) is None
    )  # one speaker


def _calendar(*events: tuple[str, str]) -> bytes:
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:e{i}@example.org\r\nDTSTAMP:20240101T000000Z\r\n"
        f"DTSTART:202403{12 + i}T150000Z\r\nSUMMARY:{summary}\r\nDESCRIPTION:{description}\r\nEND:VEVENT\r\n"
        for i, (summary, description) in enumerate(events)
    )
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{body}END:VCALENDAR\r\n".encode()
    )


def _events(*events: tuple[str, str]) -> list[Event]:
    return parse_ics(_calendar(*events), Context(today=date(2024, 3, 1), tz="UTC"))


def test_series_prefix_and_presented_by() -> None:
    evs = _events(
        ("Rust Night: Borrowing: the rules", "Presented by Ada Lovelace. Slides online."),
        ("Rust Night: Lifetimes (for real)", "Presented by Alan Turing. Recording later."),
    )
    assert [(e.series, e.title) for e in evs] == [
        ("Rust Night", "Borrowing: the rules"),
        ("Rust Night", "Lifetimes (for real)"),
    ]
    assert [[s.name for s in e.speakers] for e in evs] == [["Ada Lovelace"], ["Alan Turing"]]


def test_description_labels_in_html_and_host_is_no_speaker() -> None:
    [ev] = _events(
        (
            "[Genetics Seminar] Grace Hopper",
            "<p><b>Speaker:</b> Grace Hopper</p><p><b>Institution:</b> Naval Research Lab</p>"
            "<p><b>Host:</b> John Backus</p>",
        )
    )
    assert ev.series == "Genetics Seminar"
    assert ev.title is None
    assert [(s.name, s.affiliation) for s in ev.speakers] == [
        ("Grace Hopper", "Naval Research Lab")
    ]


def test_affiliation_label_naming_a_person_is_none() -> None:
    [ev] = _events(
        (
            "[Genetics Seminar] Grace Hopper",
            "Speaker: Grace Hopper\\n\\nAffiliation: Advisor: John Backus",
        )
    )
    assert [(s.name, s.affiliation) for s in ev.speakers] == [("Grace Hopper", None)]


def test_affiliation_from_the_descriptions_first_line() -> None:
    [ev] = _events(
        (
            "Number Theory Seminar: Emmy Noether — Rings and Ideals",
            "Emmy Noether\\, Associate Professor\\, Department of Mathematics\\, Example University\\nRings.",
        )
    )
    assert (ev.series, ev.title) == ("Number Theory Seminar", "Rings and Ideals")
    assert [(s.name, s.affiliation) for s in ev.speakers] == [
        ("Emmy Noether", "Department of Mathematics, Example University")
    ]


def test_a_summary_that_is_the_speakers_line_is_no_title() -> None:
    [ev] = _events(
        (
            "[Cell Biology Program] Grace Hopper\\, MD Assistant Professor\\, School of Computing",
            "Speaker: Grace Hopper\\, MD Assistant Professor\\, School of Computing",
        )
    )
    assert (ev.title, ev.series) == (None, "Cell Biology Program")
    assert [s.name for s in ev.speakers] == ["Grace Hopper"]


def test_title_tba_is_no_title() -> None:
    evs = _events(
        ("Optics Seminar: Ada Lovelace — Title TBA", ""), ("Optics Seminar: Alan Turing — TBD", "")
    )
    assert [e.title for e in evs] == [None, None]


@pytest.mark.parametrize(
    "notice",
    [
        "Optics Seminar: no seminar this week (reading week)",
        "Optics Seminar: Summer School (no Optics Seminar session this week)",
        "Optics Seminar: pas de séminaire (vacances)",
        "Optics Seminar: Kein Seminar - Feiertag",
    ],
)
def test_a_notice_of_no_talk_is_left_out_and_named(notice: str) -> None:
    evs = _events(
        ("Optics Seminar: Ada Lovelace — Engines", ""),
        (notice, "We skip this week."),
        ("Optics Seminar: Alan Turing — Machines", ""),
    )
    assert [e.title for e in evs] == ["Engines", "Machines"]
    assert [e.source.event_index for e in evs] == [0, 1]
    notes = [w.message for e in evs for w in e.warnings if w.code == "ics-repaired"]
    assert len(notes) == 2
    assert all("announcing no talk" in n for n in notes)


def test_a_calendar_of_notices_only_keeps_them() -> None:
    [ev] = _events(("No seminar (spring break)", ""))
    assert ev.title == "No seminar (spring break)"


@pytest.mark.parametrize(
    "text",
    [
        "Room 3.14, Building B\nTitle: On knots\nSpeaker: Ada Example (Some University)",
        "Zoom: https://zoom.us/j/98765432100",
        "Join at zoom.us/j/98765432100",
        "Meeting ID: 987 6543 2100\nPasscode: 4242",
        "Webinar-ID 98765432100",
        "Call +41 44 123 45 67 then dial 4242#",
        "ID de réunion : 987 6543 2100",
    ],
)
def test_the_meeting_gate_never_hides_a_meeting(text: str) -> None:
    """The ICS reader looks for an online meeting only with cheap evidence for one
    (a link or a labeled meeting ID): whatever find_online finds, the gate lets through."""
    from seminorm.readers.ics.enrich import _may_name_meeting
    from seminorm.rules.meetings import find_online

    if find_online(text) is not None:
        assert _may_name_meeting(text)
    assert _may_name_meeting(text) == (
        text.startswith(("Zoom", "Join", "Meeting", "Webinar", "ID"))
    )


def test_a_summary_that_only_names_a_holiday_stays() -> None:
    evs = _events(
        ("Optics Seminar: Ada Lovelace — Engines", ""),
        ("Thanksgiving Day", ""),
        ("Optics Seminar: Alan Turing — Holiday light shows", ""),
    )
    assert [e.title for e in evs] == ["Engines", "Thanksgiving Day", "Holiday light shows"]
