"""Hostile ICS never gives a traceback: any input reads as events or as one ParseError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seminorm.context import Context
from seminorm.errors import ParseError
from seminorm.readers.ics import parse_ics

NAMES = st.sampled_from(
    ["BEGIN", "END", "DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "SUMMARY", "UID",
     "DESCRIPTION", "LOCATION", "X-WR-TIMEZONE", "TZID", "TZOFFSETFROM", "TZOFFSETTO",
     "CONFERENCE", "PARTICIPANT-TYPE", "ORGANIZER", "CATEGORIES", "dtstart", "X-A", "", " "]
)  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(
        ["VCALENDAR", "VEVENT", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VALARM", "PARTICIPANT",
         "20240504T160000", "20240504", "20240504T160000Z", "20241340T990000", "PT1H", "-P1D",
         "FREQ=WEEKLY;UNTIL=20240601", "+0100", "-0530", "Europe/Zurich", "mailto:a@b.ch",
         "W. Europe Standard Time", '"(UTC-05:00) Eastern"', "\\\\n", "tel:+41", ""]
    ),
    st.text(max_size=30),
)  # fmt: skip
PARAMS = st.sampled_from(
    ["", ";TZID=Europe/Berlin", ';TZID="Customized Time Zone"', ";VALUE=DATE", ";TZID=",
     ";FEATURE=PHONE", ';LABEL="a:b', ";X=", ";;"]
)  # fmt: skip
LINE = st.builds(lambda n, p, v: f"{n}{p}:{v}", NAMES, PARAMS, VALUES) | st.text(max_size=20)
EOL = st.sampled_from(["\r\n", "\n", "\r", "\r\n ", "\n\t", "\n\n"])


@st.composite
def calendars(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(st.tuples(LINE, EOL), max_size=40))
    body = "".join(line + eol for line, eol in lines)
    head = draw(st.sampled_from(["", "BEGIN:VCALENDAR\r\n", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"]))
    encoding = draw(st.sampled_from(["utf-8", "cp1252", "utf-16"]))
    return (head + body).encode(encoding, "replace")


def outcome(data: bytes) -> str:
    """``"events"``, or the ParseError's message; any other exception propagates."""
    try:
        events = parse_ics(data, Context())
    except ParseError as exc:
        return str(exc)
    return "events" if events else "no events and no error"


def check(result: str) -> None:
    assert result != "no events and no error"
    assert "\n" not in result  # one line, fit for "FILE: error: ..."
    assert not result.startswith("unreadable calendar")  # the catch-all hides a bug


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calendars())
def test_any_calendar_gives_events_or_one_parse_error(data: bytes) -> None:
    check(outcome(data))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_events_or_one_parse_error(data: bytes) -> None:
    check(outcome(data))
