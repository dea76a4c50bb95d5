"""ICS reading: one test per repair, each on a small fixture in tests/ics/ named by content."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from seminorm.context import Context
from seminorm.errors import ParseError
from seminorm.model import Event
from seminorm.readers.ics import parse_ics

ICS = Path(__file__).parent / "ics"


def read(name: str, ctx: Context | None = None) -> list[Event]:
    return parse_ics((ICS / name).read_bytes(), ctx or Context(today=date(2024, 3, 12)))


def one(name: str, ctx: Context | None = None) -> Event:
    [ev] = read(name, ctx)
    return ev


def codes(ev: Event) -> list[str]:
    return [w.code for w in ev.warnings]


def repaired(ev: Event) -> str:
    return next((w.message for w in ev.warnings if w.code == "ics-repaired"), "")


# --- bytes and lines ---------------------------------------------------------------------------


def test_clean_file_reports_no_repair() -> None:
    ev = one("event_dt_utc.ics")
    assert codes(ev) == []
    assert ev.start == datetime(2024, 5, 4, 14, tzinfo=ZoneInfo("UTC"))
    assert ev.timezone == "UTC"
    assert ev.dtstamp == datetime(2024, 1, 1, tzinfo=UTC)
    assert ev.source.format == "ics"


def test_fold_that_splits_a_utf8_character_is_joined_before_decoding() -> None:
    ev = one("event_fold_splits_utf8.ics")
    assert ev.title == "Séminaire à Genève"
    assert "split a UTF-8 character" in repaired(ev)


def test_tab_fold_and_bare_lf_endings() -> None:
    ev = one("event_fold_tab_lf.ics")
    assert ev.title == "Seminar on knots"
    assert codes(ev) == []  # LF throughout is tolerated, not a repair


def test_latin1_line_is_decoded_and_reported() -> None:
    ev = one("event_latin1.ics")
    assert ev.title == "Séminaire à Genève"
    assert "non-UTF-8" in repaired(ev)


def test_mojibake_is_repaired_with_its_own_warning() -> None:
    ev = one("event_mojibake.ics")
    assert ev.title == "Séminaire à Genève"
    assert "mojibake-repaired" in codes(ev)


def test_bom_is_removed() -> None:
    ev = one("event_bom.ics")
    assert ev.title == "Seminar on knots"
    assert "byte-order mark" in repaired(ev)


def test_blank_lines_and_mixed_line_endings() -> None:
    ev = one("event_blank_lines_mixed_eol.ics")
    assert ev.location is not None
    assert ev.location.name == "Room 1"
    assert "mixed line endings" in repaired(ev)
    assert "dropped 1 blank line" in repaired(ev)


def test_lowercase_names() -> None:
    ev = one("event_lowercase_names.ics")
    assert ev.timezone == "Europe/Zurich"
    assert "lower-case" in repaired(ev)


def test_continuation_lines_that_lost_their_space_join_the_description() -> None:
    ev = one("event_lost_fold.ics")
    assert ev.description == (
        "First line of the abstract\n"
        "second line written without its leading space\n"
        "Title: a line that looks like a property"
    )
    assert "joined 2 continuation lines" in repaired(ev)


def test_text_escapes_double_escaped_newlines_and_unescaped_commas() -> None:
    ev = one("event_text_escapes.ics")
    assert ev.description == "Line one\nLine two\nLine three, with an escaped comma; a semicolon"
    assert ev.location is not None
    assert ev.location.name == "Room 1, Building A"
    assert "double-escaped" in repaired(ev)


# --- structure ---------------------------------------------------------------------------------


def test_several_vcalendars_in_one_file() -> None:
    assert [ev.uid for ev in read("calendar_multiple.ics")] == ["one@test", "two@test"]


def test_truncated_file_keeps_the_events_that_have_a_start() -> None:
    events = read("calendar_truncated.ics")
    assert [ev.uid for ev in events] == ["t1@test", "t2@test"]
    assert "no END line" in repaired(events[0])


def test_bare_vevent_without_vcalendar() -> None:
    ev = one("event_bare_vevent.ics")
    assert ev.uid == "bare@test"


def test_vtodo_only_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="no VEVENT found"):
        read("calendar_todo_only.ics")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty calendar"),
        (b"\x00\x01\x02binary", "not a calendar"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no VEVENT"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:cut", "truncated calendar"),
    ],
)
def test_nothing_to_recover_is_one_line_parse_error(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        parse_ics(data, Context())
    assert "\n" not in str(info.value)


# --- times -------------------------------------------------------------------------------------


def test_all_day_event() -> None:
    ev = one("event_dt_allday.ics")
    assert ev.all_day
    assert ev.start == date(2024, 5, 4)
    assert ev.end == date(2024, 5, 5)
    assert ev.timezone is None
    assert "tz-missing" not in codes(ev)


def test_duration_gives_the_end() -> None:
    ev = one("event_duration.ics")
    assert ev.start is not None
    assert ev.end is not None
    assert ev.end - ev.start == timedelta(hours=1, minutes=30)
    assert not any(line.startswith("DURATION") for line in ev.ics_extra)


def test_first_readable_duration_gives_the_end_after_an_invalid_one() -> None:
    # A negative DURATION is dropped; the readable one after it is the end, and
    # no DURATION is passed through (a second pass would read it as the end).
    data = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@b\r\nDTSTAMP:20240101T000000Z\r\n"
        b"DTSTART:20240504T160000Z\r\nDURATION:-P1W\r\nDURATION:PT1H\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    [ev] = parse_ics(data, Context(today=date(2024, 3, 12)))
    assert ev.start is not None
    assert ev.end is not None
    assert ev.end - ev.start == timedelta(hours=1)
    assert "dropped the invalid DURATION '-P1W'" in repaired(ev)
    assert not any(line.startswith("DURATION") for line in ev.ics_extra)


def test_end_written_before_start_on_the_same_day_is_swapped() -> None:
    ev = one("event_end_before_start_same_day.ics")
    zurich = ZoneInfo("Europe/Zurich")
    assert (ev.start, ev.end) == (
        datetime(2024, 5, 4, 16, tzinfo=zurich),
        datetime(2024, 5, 4, 17, tzinfo=zurich),
    )
    assert "end-before-start" in codes(ev)


def test_end_dated_a_day_early_keeps_its_time_on_the_start_day() -> None:
    ev = one("event_end_before_start_wrong_date.ics")
    assert ev.end == datetime(2024, 5, 4, 17, tzinfo=ZoneInfo("Europe/Zurich"))
    assert "end-before-start" in codes(ev)


def test_missing_uid_is_derived_stably_and_missing_dtstamp_reported() -> None:
    first, second = one("event_no_uid_no_dtstamp.ics"), one("event_no_uid_no_dtstamp.ics")
    assert first.uid == second.uid
    assert first.uid is not None
    assert first.uid.endswith("@seminorm")
    assert first.dtstamp is None
    assert "added a UID" in repaired(first)
    assert "DTSTAMP missing" in repaired(first)


def test_rrule_until_date_becomes_utc_for_a_zoned_start() -> None:
    ev = one("event_rrule_until_date.ics")
    # the end of 1 June in Zurich (UTC+2), in UTC
    assert ev.rrule == "FREQ=WEEKLY;UNTIL=20240601T215959Z"
    assert "UNTIL" in repaired(ev)


# --- pass-through ------------------------------------------------------------------------------


def test_unmodeled_properties_and_components_pass_through_in_order() -> None:
    ev = one("event_passthrough.ics")
    assert ev.ics_extra == (
        "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
        "SEQUENCE:2",
        "CLASS:PUBLIC",
        "TRANSP:OPAQUE",
        "ATTENDEE;CN=Ada Lovelace;ROLE=REQ-PARTICIPANT:mailto:ada@example.org",
        "GEO:46.5191;6.5668",
        "ATTACH;FMTTYPE=application/pdf:https://example.org/slides.pdf",
        "EXDATE;TZID=Europe/Berlin:20240511T160000",  # the Windows TZID, mapped
        "BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT15M\nDESCRIPTION:Reminder\nEND:VALARM",
        "COMMENT:kept as written",
    )


def test_our_own_output_reads_back_into_the_model() -> None:
    ev = one("event_own_output.ics")
    assert ev.location is not None
    assert ev.location.name == "BC 2 14"
    assert ev.location.url == "https://map.example.ch/?room==BC%202%2014"
    assert ev.online is not None
    assert ev.online.url == "https://zoom.us/j/81234567890"
    assert ev.online.platform == "zoom"
    assert ev.online.meeting_id == "812 3456 7890"
    assert ev.online.passcode == "402917"
    assert ev.online.dial_in == ("+41 43 210 7042",)
    assert [(s.name, s.affiliation) for s in ev.speakers] == [
        ("Lihua Ko", "IBM T. J. Watson Research Center")
    ]
    assert ev.organizer is not None
    assert ev.organizer.email == "jane@example.org"
    assert ev.categories == ("Conferences - Seminars",)
    assert ev.links[0].url == "https://example.org/talk"
    assert ev.links[0].kind == "page"
    assert ev.ics_extra == ()


def test_reading_a_plain_calendar_imports_nothing_heavy() -> None:
    """icalendar, ftfy and dateutil are imported only by the repairs that need them."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from seminorm.context import Context\n"
        "from seminorm.readers.ics import parse_ics\n"
        "from seminorm.readers.ics.event import build_event\n"
        "heavy = {'icalendar', 'ftfy', 'dateutil'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# A parameter quote closed after the value, on a line after a SUMMARY: the
# line is a DTSTART (repaired, reported), never text glued onto the SUMMARY.
MISPLACED_QUOTE = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
    b"UID:q1@example.org\r\nSUMMARY:Reading group\r\n"
    b'DTSTART;TZID="W. Europe Standard Time:20240604T090000"\r\n'
    b"DTEND;TZID=W. Europe Standard Time:20240604T093000\r\n"
    b"DTSTAMP:20240601T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_a_misplaced_parameter_quote_is_repaired_with_a_warning() -> None:
    (ev,) = parse_ics(MISPLACED_QUOTE, Context())
    assert ev.title == "Reading group"
    assert ev.start == datetime(2024, 6, 4, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    assert "quote" in repaired(ev)


def test_a_line_that_starts_like_a_property_is_never_a_continuation() -> None:
    data = MISPLACED_QUOTE.replace(
        b'DTSTART;TZID="W. Europe Standard Time:20240604T090000"',
        b'DTSTART;TZID="unclosed:20240604T090000',
    )
    events = parse_ics(data, Context())
    assert events[0].title == "Reading group"
    assert "DTSTART" not in (events[0].title or "")


def test_an_unreadable_pass_through_date_is_repaired_or_dropped() -> None:
    from seminorm.write.ics import to_ics

    data = MISPLACED_QUOTE.replace(
        b"DTSTAMP:20240601T000000Z\r\n",
        b"DTSTAMP:20240601T000000Z\r\nDTEND:20240604T100000DTSTAMP:20240601T000000ZUID:x\r\n"
        b"DUE:next week\r\n",
    )
    events = parse_ics(data, Context())
    out = to_ics(events, Context()).decode()
    assert "DTSTAMP:20240601T000000ZUID" not in out
    assert "next week" not in out
    assert "dropped the unreadable DUE" in repaired(events[0])
