"""Inputs that used to lose events or write output clients refuse (issue 17)."""

from __future__ import annotations

import pytest

from seminorm.context import Context
from seminorm.errors import ReadError
from seminorm.pipeline import parse_bytes
from seminorm.read import decode
from seminorm.write import render

from .conftest import TODAY

CTX = Context(today=TODAY, tz="Europe/Zurich")


def _ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n".encode()


def test_an_event_ending_after_year_9999_does_not_sink_the_calendar() -> None:
    data = _ics(
        "UID:far@example.org\r\nDTSTART:99991230T100000Z\r\nDURATION:P9999W\r\nSUMMARY:Far\r\n",
        "UID:near@example.org\r\nDTSTART:20240504T160000Z\r\nSUMMARY:Near\r\n",
    )
    events = parse_bytes(data, CTX)
    assert [ev.title for ev in events] == ["Far", "Near"]
    far = events[0]
    assert far.end is None
    assert any("P9999W" in w.message for w in far.warnings if w.code == "ics-repaired")
    render(events, "ics", CTX)
    render(events, "json", CTX)


def test_two_dated_lines_labelled_date_are_no_mail_header() -> None:
    events = parse_bytes(b"Date: 1 May 2021, 16:00\nDate: 2 May 2021, 16:30\n", CTX)
    assert events
    assert events[0].start is not None
    assert events[0].start.isoformat() == "2021-05-01T16:00:00+02:00"


def test_a_pasted_mail_header_is_still_skipped() -> None:
    text = (
        b"From: Ann Example <ann@example.org>\nDate: Tue, 12 Mar 2024 10:00:00 +0100\n"
        b"Subject: Knots and braids\n\nTalk on Thursday, 14 March 2024, 16:15, room 2.41\n"
    )
    (ev,) = parse_bytes(text, CTX)
    assert ev.start is not None
    assert ev.start.isoformat() == "2024-03-14T16:15:00+01:00"
    assert ev.title == "Knots and braids"


@pytest.mark.parametrize("name", ["LAST-MODIFIED", "CREATED", "DTSTAMP"])
def test_unreadable_stamps_are_dropped_with_a_warning(name: str) -> None:
    import icalendar
    import vobject

    data = _ics(
        f"UID:a@example.org\r\nDTSTART:20240504T160000Z\r\n{name}:20260202T\r\nSUMMARY:Talk\r\n"
    )
    (ev,) = parse_bytes(data, CTX)
    assert any(name in w.message and "20260202T" in w.message for w in ev.warnings)
    out = render([ev], "ics", CTX)
    assert isinstance(out, bytes)
    assert b"20260202T\r\n" not in out
    cal = icalendar.Calendar.from_ical(out)
    for comp in cal.walk("VEVENT"):
        for key in ("LAST-MODIFIED", "CREATED", "DTSTAMP"):
            if key in comp:
                assert comp.decoded(key)
    parsed = vobject.readOne(out.decode())
    assert parsed.vevent.dtstamp.value


def test_a_readable_stamp_is_kept_as_it_is() -> None:
    data = _ics(
        "UID:a@example.org\r\nDTSTART:20240504T160000Z\r\nLAST-MODIFIED:20240101T101500Z\r\n"
        "CREATED:20231231T090000\r\nSUMMARY:Talk\r\n"
    )
    out = render(parse_bytes(data, CTX), "ics", CTX)
    assert isinstance(out, bytes)
    assert b"LAST-MODIFIED:20240101T101500Z\r\n" in out
    assert b"CREATED:20231231T090000\r\n" in out


ANNOUNCEMENT = (
    "Title: Braids and their closures\nSpeaker: Dr. Ines Varga (Univerza v Posočju)\n"
    "Date: Thursday, 14 March 2024\nTime: 16:15\nRoom: 2.41\n"
)


@pytest.mark.parametrize("where", [0, 40, 9_000, 30_000])
def test_a_stray_nul_is_judged_alike_wherever_it_is(where: int) -> None:
    text = (ANNOUNCEMENT + "Abstract: " + "We study braids. " * 2_000).encode()
    data = text[:where] + b"\x00" + text[where:]
    (ev,) = parse_bytes(data, CTX)
    assert ev.title == "Braids and their closures"
    assert "\x00" not in (ev.abstract or "") + (ev.description or "")


@pytest.mark.parametrize("where", [0, 9_000, 30_000])
def test_a_binary_block_is_refused_wherever_it_is(where: int) -> None:
    text = (ANNOUNCEMENT + "Abstract: " + "We study braids. " * 3_000).encode()
    blob = bytes(range(32)) * 400
    with pytest.raises(ReadError, match="binary"):
        decode(text[:where] + blob + text[where:])
