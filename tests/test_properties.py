"""Property tests: seminorm on arbitrary and generated input (hypothesis).

What must hold for *every* input:

- ``seminorm.parse`` returns events or raises a :class:`SeminormError`;
  nothing else ever escapes (arbitrary bytes, text, ICS-, e-mail- and
  HTML-shaped noise);
- the ICS we write re-parses (with our own parser) to the same number of
  events with the same starts and titles, and a second pass over it gives
  the same bytes;
- the JSON we write validates against the shipped JSON Schema;
- text from the input never creates ICS structure: a title, speaker or room
  holding ``\\r\\nBEGIN:VEVENT`` stays text, the ICS has exactly one VEVENT per
  event, lines are CRLF-terminated, folded at 75 octets without splitting a
  UTF-8 character, and icalendar reads it with the same events.

Announcements are generated from a template (label lines in several
languages, titles, speakers, dates and times in several formats), so these
tests exercise the extraction path as well as the error path.

Every test is derandomized (same examples on every run, no example database)
and bounded by ``max_examples``; the file runs in well under a minute.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

import seminorm
from seminorm import SeminormError
from seminorm.context import Context
from seminorm.model import Event, Location, Speaker
from seminorm.pipeline import parse_bytes
from seminorm.write import render
from seminorm.write.compose import summary_for
from seminorm.write.json import iso, schema_text

from .conftest import TODAY

ZONE = "Europe/Zurich"
CTX = Context(today=TODAY, reference=TODAY, tz=ZONE)


def fixed(n: int) -> settings:
    """Derandomized settings with ``n`` examples and no deadline."""
    return settings(
        max_examples=n,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


# --------------------------------------------------------------------------
# Strategies
# --------------------------------------------------------------------------

WORDS = (
    "knots", "quantum", "graphs", "random", "walks", "protein", "design", "learning",
    "deep", "networks", "mixing", "times", "on", "the", "of", "and", "a", "Électrons",
    "Quanten", "Flüsse", "théorie", "שלום", "量子", "données", "μ-calculus", "K3",
    "2-categories", "AI/ML", "(re)sampling", "O'Hara", "non-linear", "e-mail", "LLMs:",
    "Part II:",
)  # fmt: skip
FIRST = ("Ada", "Marit", "Yuhai", "Eleni", "José", "Zoë", "Łukasz", "Nguyễn", "Ana-María")
LAST = ("Lovelace", "Jansen", "Tu", "Papadimitriou", "García", "Brontë", "Wiśniewski", "Văn")
HONORIFIC = ("", "", "Prof. ", "Dr. ", "Professor ")
AFFILIATION = (
    None, "ETH Zürich", "University of Patras", "IBM T. J. Watson Research Center",
    "Universidad de Sevilla", "MIT",
)  # fmt: skip
ROOMS = ("BC 2 14", "Room 101", "Salle B-204", "Hörsaal 3", "MA A1 10", "Zoom")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

LABELS: dict[str, tuple[str, ...]] = {
    "title": ("Title: ", "Topic: ", "Titre : ", "Titel: "),
    "speaker": ("Speaker: ", "Who: ", "Orateur : ", "Referent: ", "Relatore: "),
    "date": ("Date: ", "When: ", "Datum: "),
    "time": ("Time: ", "Heure : ", "Zeit: "),
    "place": ("Room: ", "Place: ", "Where: ", "Lieu : ", "Raum: ", "Aula: "),
}
ENGLISH = {k: v[:2] for k, v in LABELS.items()}

title_st = st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(
    lambda ws: " ".join(ws)[:1].upper() + " ".join(ws)[1:]
)
name_st = st.builds(lambda f, la: f"{f} {la}", st.sampled_from(FIRST), st.sampled_from(LAST))


@st.composite
def speaker_line(draw: st.DrawFn) -> str:
    name = draw(name_st)
    aff = draw(st.sampled_from(AFFILIATION))
    shape = draw(st.sampled_from(("{n} ({a})", "{n} - {a}", "{n}, {a}")))
    text = draw(st.sampled_from(HONORIFIC)) + name
    return text if aff is None else shape.format(n=text, a=aff)


def format_date(d: date, style: int) -> str:
    """``d`` written in one of several unambiguous styles (weekday always right)."""
    wd, mon = WEEKDAYS[d.weekday()], MONTHS[d.month - 1]
    return (
        f"{wd}, {mon} {d.day}, {d.year}",
        d.isoformat(),
        f"{d.day} {mon} {d.year}",
        f"{mon} {d.day}, {d.year}",
        f"{wd} {d.day} {mon} {d.year}",
        f"{wd[:3]}, {mon[:3]} {d.day}, {d.year}",
    )[style]


def format_time(h: int, m: int, minutes: int | None, style: int) -> str:
    """A start (and end, if ``minutes``) written in one of several styles."""
    end = None
    if minutes is not None:
        e = datetime(2000, 1, 1, h, m) + timedelta(minutes=minutes)
        end = (e.hour, e.minute)

    def h24(t: tuple[int, int]) -> str:
        return f"{t[0]:02d}:{t[1]:02d}"

    def h12(t: tuple[int, int]) -> str:
        hh = t[0] % 12 or 12
        suffix = "pm" if t[0] >= 12 else "am"
        return f"{hh}:{t[1]:02d} {suffix}" if t[1] else f"{hh} {suffix}"

    def french(t: tuple[int, int]) -> str:
        return f"{t[0]}h{t[1]:02d}"

    fmt = (h24, h12, french)[style]
    return fmt((h, m)) if end is None else f"{fmt((h, m))} - {fmt(end)}"


class Announcement:
    """A generated announcement and what it says."""

    def __init__(self, text: str, start: datetime, title: str) -> None:
        self.text, self.start, self.title = text, start, title

    def __repr__(self) -> str:
        return f"Announcement({self.text!r})"


@st.composite
def announcements(
    draw: st.DrawFn,
    labels: dict[str, tuple[str, ...]] = LABELS,
    title: st.SearchStrategy[str] = title_st,
    speaker: st.SearchStrategy[str] | None = None,
    place: st.SearchStrategy[str] | None = None,
) -> Announcement:
    """Label lines in random order with a title, speaker, date, time and room."""
    d = draw(st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31)))
    h, m = draw(st.integers(8, 19)), draw(st.sampled_from((0, 0, 15, 30, 45)))
    minutes = draw(st.sampled_from((None, 60, 90)))
    when_date = format_date(d, draw(st.integers(0, 5)))
    when_time = format_time(h, m, minutes, draw(st.integers(0, 2)))
    the_title = draw(title)
    lines = {
        "title": draw(st.sampled_from(labels["title"])) + the_title,
        "speaker": draw(st.sampled_from(labels["speaker"]))
        + draw(speaker if speaker is not None else speaker_line()),
        "place": draw(st.sampled_from(labels["place"]))
        + draw(place if place is not None else st.sampled_from(ROOMS)),
    }
    if draw(st.booleans()):
        lines["date"] = draw(st.sampled_from(labels["date"])) + f"{when_date}, {when_time}"
    else:
        lines["date"] = draw(st.sampled_from(labels["date"])) + when_date
        lines["time"] = draw(st.sampled_from(labels["time"])) + when_time
    order = draw(st.permutations(sorted(lines)))
    body = [lines[k] for k in order]
    if draw(st.booleans()):
        body.insert(0, draw(st.sampled_from(("Mathematics Colloquium", "CompBio Seminar", ""))))
    if draw(st.booleans()):
        body += ["", "Abstract: " + " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=30)))]
    sep = draw(st.sampled_from(("\n", "\r\n", "\n\n")))
    start = datetime(d.year, d.month, d.day, h, m, tzinfo=ZoneInfo(ZONE))
    return Announcement(sep.join(body) + "\n", start, the_title)


# Fragments that steer random input into each reader.
PREFIXES = (
    b"",
    b"BEGIN:VCALENDAR\r\n",
    b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n",
    b"From: Ann <ann@example.org>\nMessage-ID: <1@x>\nSubject: Talk\n\n",
    b"MIME-Version: 1.0\nFrom: a@b.c\nContent-Type: multipart/mixed; boundary=X\n\n--X\n",
    b"<!doctype html><html><body>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"Speaker: Ada Lovelace\nTitle: Knots\nDate: ",
)
ICS_LINES = (
    "BEGIN:VEVENT", "END:VEVENT", "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VTIMEZONE",
    "END:VTIMEZONE", "BEGIN:VALARM", "END:VALARM", "BEGIN:STANDARD", "END:STANDARD",
    "DTSTART:20240504T160000", "DTSTART:20240504T160000Z", "DTSTART;VALUE=DATE:20240504",
    "DTSTART;TZID=Europe/Zurich:20240504T160000", "DTSTART;TZID=Nowhere/Land:20240504T1600",
    "DTSTART;TZID=W. Europe Standard Time:20240504T160000", "DTSTART:99991231T235959",
    "DTSTART:00010101T000000", "DTSTART:20240230T256100", "DTEND:20240504T150000",
    "DURATION:PT1H", "DURATION:-P1W", "DURATION:P99999999D", "RRULE:FREQ=DAILY;COUNT=999999999",
    "RRULE:FREQ=WEEKLY;UNTIL=20240101", "RRULE:FREQ=SECONDLY", "EXDATE:20240511T160000",
    "RECURRENCE-ID:20240504T160000", "SUMMARY:Talk", "SUMMARY:", "SUMMARY:a\\nb\\,c\\;d\\\\",
    "DESCRIPTION:Speaker: Ada\\nTitle: Knots\\nRoom: 101", "LOCATION:BC 2 14", "UID:x",
    "UID:", "DTSTAMP:20240101T000000Z", "X-WR-TIMEZONE:Europe/Berlin", "X-WR-TIMEZONE:Mars",
    "TZID:Custom", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZOFFSETTO:+9999",
    "STATUS:CANCELLED", "STATUS:WHATEVER", "ORGANIZER:mailto:", "ATTENDEE;CN=\"a:b\":x",
    "CATEGORIES:a,b,,", "URL:", "CONFERENCE;VALUE=URI:https://zoom.us/j/1", "VERSION:2.0",
    " continued", "\tcontinued", "no colon here", ":", ";;;", "X-FOO;A=\"unterminated:v",
)  # fmt: skip


@st.composite
def ics_noise_st(draw: st.DrawFn) -> bytes:
    """``BEGIN:VCALENDAR`` then real property lines with hostile values, and noise."""
    lines = draw(
        st.lists(
            st.one_of(st.sampled_from(ICS_LINES), st.text(max_size=20)), min_size=1, max_size=40
        )
    )
    nl = draw(st.sampled_from(("\r\n", "\n", "\r")))
    return ("BEGIN:VCALENDAR" + nl + nl.join(lines)).encode("utf-8", "surrogatepass")


ics_noise = ics_noise_st()

# The pieces that would inject ICS structure if a writer forgot to escape them.
NASTY = (
    "\r\nBEGIN:VEVENT\r\n", "\nEND:VCALENDAR", "\nEND:VEVENT\n", "\rBEGIN:VALARM", ";", ",",
    "\\", "\\n", ":", '"', "\r\n ", "\n\t", "\x00", "\x0b", "\x85", "\u2028", "é", "💥",
    "DTSTART:20240101T000000", "SUMMARY;X=1:", "\\,", "\\;",
)  # fmt: skip
nasty_st = st.lists(
    st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), min_size=1, max_size=8
).map("".join)


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def parse_or_reject(data: bytes | str, ctx: Context = CTX) -> list[Event]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        return parse_bytes(raw, ctx)
    except SeminormError:
        reject()


def ics_or_reject(events: list[Event], ctx: Context = CTX) -> bytes:
    """Our ICS of ``events``; an event the writer refuses (no start) is no example."""
    try:
        return render(events, "ics", ctx)
    except SeminormError:
        reject()


def only_seminorm_errors(data: bytes | str, **options: Any) -> list[Event]:
    """Parse; a SeminormError with a one-line message is fine, anything else fails."""
    try:
        events = seminorm.parse(data, reference_date=TODAY, **options)
    except SeminormError as e:
        message = str(e)
        assert message.strip(), "an error needs a message"
        assert "\n" not in message.strip(), f"multi-line error message: {message!r}"
        return []
    assert isinstance(events, list)
    assert events, "parse returned no events without raising"
    assert all(isinstance(ev, Event) for ev in events)
    return events


def key(ev: Event) -> tuple[str | None, str | None]:
    return iso(ev.start), ev.title


@cache
def validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(schema_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_ics_well_formed(ics: bytes, n_events: int) -> Any:
    """CRLF lines of at most 75 octets, whole UTF-8 characters, n VEVENTs (also in icalendar)."""
    assert ics.endswith(b"\r\n")
    lines = ics[:-2].split(b"\r\n")
    for line in lines:
        assert b"\r" not in line, f"bare CR in {line!r}"
        assert b"\n" not in line, f"bare LF in {line!r}"
        assert len(line) <= 75, f"line of {len(line)} octets: {line!r}"
        line.decode("utf-8")  # folding never splits a character
    begins = [ln for ln in lines if ln.upper().startswith(b"BEGIN:")]
    assert sum(ln == b"BEGIN:VEVENT" for ln in lines) == n_events, ics
    assert sum(ln == b"BEGIN:VCALENDAR" for ln in lines) == 1
    assert sum(ln == b"END:VCALENDAR" for ln in lines) == 1
    assert lines[0] == b"BEGIN:VCALENDAR"
    assert lines[-1] == b"END:VCALENDAR"
    assert len(begins) == sum(ln.upper().startswith(b"END:") for ln in lines)
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical(ics)
    vevents = cal.walk("VEVENT")
    assert len(vevents) == n_events
    return vevents


# --------------------------------------------------------------------------
# Only SeminormError escapes
# --------------------------------------------------------------------------


@fixed(200)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_raise_only_seminorm_errors(data: bytes) -> None:
    only_seminorm_errors(data)


@fixed(150)
@given(st.text(max_size=3000))
def test_arbitrary_text_raises_only_seminorm_errors(text: str) -> None:
    only_seminorm_errors(text)


@fixed(200)
@given(st.sampled_from(PREFIXES), st.binary(max_size=2000))
def test_format_prefixed_noise_raises_only_seminorm_errors(prefix: bytes, data: bytes) -> None:
    only_seminorm_errors(prefix + data)


@fixed(200)
@given(ics_noise, st.sampled_from((None, ZONE, "America/New_York")))
def test_ics_shaped_noise_raises_only_seminorm_errors(data: bytes, tz: str | None) -> None:
    events = only_seminorm_errors(data, tz=tz)
    if events:
        ctx = Context(today=TODAY, reference=TODAY, tz=tz)
        for fmt in ("ics", "json", "jsonl", "jcal", "csv", "table"):
            try:  # writers, too, raise nothing but SeminormError
                out = render(events, fmt, ctx)
            except SeminormError as e:
                out = str(e).strip().encode()
                assert b"\n" not in out
            assert isinstance(out, bytes)


@fixed(100)
@given(announcements(), st.sampled_from(("utf-8", "utf-16", "latin-1", "cp1252")))
def test_announcements_in_any_encoding_raise_only_seminorm_errors(
    ann: Announcement, encoding: str
) -> None:
    only_seminorm_errors(ann.text.encode(encoding, "replace"), tz=ZONE)


@fixed(100)
@given(announcements(), st.integers(0, 10_000), st.binary(min_size=1, max_size=4))
def test_damaged_announcements_raise_only_seminorm_errors(
    ann: Announcement, where: int, junk: bytes
) -> None:
    raw = ann.text.encode("utf-8")
    i = where % (len(raw) + 1)
    only_seminorm_errors(raw[:i] + junk + raw[i:], tz=ZONE)


# --------------------------------------------------------------------------
# Extraction: a clean announcement gives its event
# --------------------------------------------------------------------------


@fixed(120)
@given(announcements(labels=ENGLISH))
def test_clean_announcement_gives_its_event(ann: Announcement) -> None:
    events = seminorm.parse(ann.text, tz=ZONE, reference_date=TODAY)
    assert ann.start in [ev.start for ev in events], [ev.start for ev in events]


# --------------------------------------------------------------------------
# Our ICS: re-parses to the same events; a second pass is byte-identical
# --------------------------------------------------------------------------


@fixed(100)
@given(announcements())
def test_ics_output_reparses_to_the_same_events(ann: Announcement) -> None:
    events = parse_or_reject(ann.text)
    ics = ics_or_reject(events)
    assert_ics_well_formed(ics, len(events))
    again = parse_bytes(ics, CTX)
    assert [key(ev) for ev in again] == [key(ev) for ev in events]


@fixed(100)
@given(announcements())
def test_second_pass_over_our_ics_is_byte_identical(ann: Announcement) -> None:
    first = ics_or_reject(parse_or_reject(ann.text))
    second = render(parse_bytes(first, CTX), "ics", CTX)
    assert second.decode("utf-8") == first.decode("utf-8")


@fixed(60)
@given(ics_noise)
def test_second_pass_over_repaired_ics_is_byte_identical(data: bytes) -> None:
    first = ics_or_reject(parse_or_reject(data))
    events = parse_bytes(first, CTX)
    second = render(events, "ics", CTX)
    assert second.decode("utf-8") == first.decode("utf-8")
    assert_ics_well_formed(second, len(events))


def test_ics_output_depends_on_source_date_epoch_only(monkeypatch: pytest.MonkeyPatch) -> None:
    ev = Event(uid="u@x", title="T", start=datetime(2024, 5, 4, 16, tzinfo=ZoneInfo(ZONE)),
               timezone=ZONE)  # fmt: skip
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a = render([ev], "ics", CTX)
    assert render([ev], "ics", CTX) == a
    assert b"DTSTAMP:20231114T221320Z" in a
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    assert render([ev], "ics", CTX) != a


# --------------------------------------------------------------------------
# JSON validates against the schema
# --------------------------------------------------------------------------


@fixed(100)
@given(st.one_of(announcements(), ics_noise), st.booleans())
def test_json_output_validates_against_the_schema(
    data: Announcement | bytes, explain: bool
) -> None:
    raw = data if isinstance(data, bytes) else data.text
    events = parse_or_reject(raw)
    doc = json.loads(render(events, "json", Context(today=TODAY, explain=explain)))
    validator().validate(doc)
    assert len(doc) == len(events)
    for line in render(events, "jsonl", CTX).decode("utf-8").splitlines():
        validator().validate([json.loads(line)])


# --------------------------------------------------------------------------
# Text never becomes ICS structure
# --------------------------------------------------------------------------


@fixed(80)
@given(
    st.lists(st.tuples(nasty_st, nasty_st, nasty_st, nasty_st), min_size=1, max_size=3),
    st.sampled_from(("{title}", "{series}: {speaker}", "{speakers} - {title}")),
)
def test_hostile_field_values_stay_text_in_ics(
    values: list[tuple[str, str, str, str]], template: str
) -> None:
    events = [
        Event(
            uid=f"ev{i}@test",
            title=title,
            series=series,
            speakers=(Speaker(name=speaker, affiliation=series),),
            location=Location(name=room),
            description=f"{title}\n{speaker}",
            categories=(series, room),
            start=datetime(2024, 5, 4 + i, 16, tzinfo=ZoneInfo(ZONE)),
            end=datetime(2024, 5, 4 + i, 17, tzinfo=ZoneInfo(ZONE)),
            timezone=ZONE,
        )
        for i, (title, series, speaker, room) in enumerate(values)
    ]
    ctx = Context(today=TODAY, summary_template=template)
    try:
        ics = render(events, "ics", ctx)
    except SeminormError:
        reject()
    vevents = assert_ics_well_formed(ics, len(events))
    for ev, vevent in zip(events, vevents, strict=True):
        # the summary comes back as text (control characters may be dropped)
        got = str(vevent.get("SUMMARY", ""))
        assert _printable(got) == _printable(summary_for(ev, template))
    again = parse_bytes(ics, ctx)
    assert len(again) == len(events)


def _printable(s: str) -> str:
    """The visible characters: writers may drop control characters and fold spaces."""
    return "".join(ch for ch in s if ch.isprintable() and not ch.isspace())


@fixed(120)
@given(announcements(title=nasty_st, speaker=nasty_st, place=nasty_st))
def test_hostile_announcement_text_stays_text_in_ics(ann: Announcement) -> None:
    events = parse_or_reject(ann.text)
    ics = ics_or_reject(events)
    assert_ics_well_formed(ics, len(events))
    assert len(parse_bytes(ics, CTX)) == len(events)
