"""ICS output (SPEC section 3): structure, folding, escaping, zones, clients."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

import seminorm
from seminorm.context import Context
from seminorm.errors import WriteError
from seminorm.model import Event, Online, Organizer, Source, Speaker
from seminorm.write import render
from seminorm.write.ics import fold, to_ics

from .client_checks import assert_clients_agree, check_icalendar, check_icaljs, sample_events
from .test_write_json import events as json_events

STAMP = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def unfolded(data: bytes) -> list[str]:
    return data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")[:-1]


def vevents(data: bytes) -> list[list[str]]:
    """The unfolded lines of each VEVENT (sub-components included)."""
    out: list[list[str]] = []
    for line in unfolded(data):
        if line == "BEGIN:VEVENT":
            out.append([])
        elif out and out[-1][-1:] != ["END:VEVENT"]:
            out[-1].append(line)
    return out


def props(lines: list[str], name: str, nested: bool = False) -> list[str]:
    """The lines of property ``name``: of the VEVENT itself, or also of its sub-components."""
    if not nested:
        subs = [i for i, ln in enumerate(lines) if ln.startswith("BEGIN:")]
        lines = lines[: subs[0]] if subs else lines
    return [ln for ln in lines if re.match(rf"{name}[;:]", ln)]


def one(ev: Event, ctx: Context | None = None) -> list[str]:
    return vevents(to_ics([ev], ctx or Context()))[0]


def simple(**fields: object) -> Event:
    base: dict[str, object] = {
        "uid": "u1@test",
        "title": "On knots",
        "start": datetime(2024, 5, 4, 16, 0, tzinfo=ZoneInfo("Europe/Zurich")),
        "dtstamp": STAMP,
    }
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


# --- the calendar ---------------------------------------------------------------


def test_calendar_header() -> None:
    lines = unfolded(to_ics(sample_events(), Context()))
    assert lines[:4] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//seminorm//seminorm {seminorm.__version__}//EN",
        "CALSCALE:GREGORIAN",
    ]
    assert lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VCALENDAR") == 1


def test_crlf_only_and_lines_fit_in_75_octets() -> None:
    data = to_ics(sample_events(), Context())
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    for line in physical_lines(data):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a UTF-8 character


@pytest.mark.parametrize(
    "title",
    [
        "אלגברה ליניארית ותורת החבורות: סמינר מחלקתי של הפקולטה למתמטיקה",
        "Séminaire d'été : équations aux dérivées partielles élémentaires et géométrie",
        "🎓🎉🧠 " * 30,
        "e\u0301" * 80,  # combining accents
        "a" * 73 + "é" + "b" * 200,
        "x\\" * 100,
    ],
)
def test_folding_never_splits_utf8(title: str) -> None:
    ev = simple(title=title, description=title * 2, source=Source(format="ics"))
    data = to_ics([ev], Context())
    for line in physical_lines(data):
        assert len(line) <= 75
        line.decode("utf-8")
    cal = Calendar.from_ical(data)
    parsed = cal.walk("VEVENT")[0]
    assert str(parsed["SUMMARY"]) == title.strip()
    assert str(parsed["DESCRIPTION"]) == title * 2


def test_fold_counts_the_leading_space() -> None:
    folded = fold("X-LONG:" + "é" * 200)
    parts = folded.removesuffix(b"\r\n").split(b"\r\n")
    assert all(len(p) <= 75 for p in parts)
    assert all(p.startswith(b" ") for p in parts[1:])
    assert b"".join(p.removeprefix(b" ") for p in parts).decode() == "X-LONG:" + "é" * 200
    assert fold("A:b") == b"A:b\r\n"


def test_fold_keeps_backslash_escapes_together() -> None:
    line = "X-A:" + "a" * 70 + "\\n" + "b" * 10
    parts = fold(line).split(b"\r\n")
    assert not parts[0].endswith(b"\\")


def test_output_is_deterministic() -> None:
    assert to_ics(sample_events(), Context()) == to_ics(sample_events(), Context())


def test_every_tzid_has_its_vtimezone_sorted_and_utc_has_none() -> None:
    data = to_ics(sample_events(), Context())
    lines = unfolded(data)
    used = set()
    for line in lines:
        used.update(re.findall(r";TZID=([^;:]+)", line))
    zones = [ln.removeprefix("TZID:") for ln in lines if ln.startswith("TZID:")]
    assert zones == sorted(zones)
    assert (
        set(zones)
        == used
        == {
            "America/New_York",  # from an EXDATE in ics_extra
            "Asia/Jerusalem",
            "Europe/Berlin",
            "Europe/Zurich",
        }
    )
    assert lines.index("BEGIN:VTIMEZONE") < lines.index("BEGIN:VEVENT")
    # ical.js reads only the first value of a multi-valued RDATE
    assert not [ln for ln in lines if ln.startswith("RDATE") and "," in ln]


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (datetime(2024, 3, 1, 15, 0, tzinfo=UTC), "DTSTART:20240301T150000Z"),
        (datetime(2024, 3, 1, 15, 0, tzinfo=ZoneInfo("UTC")), "DTSTART:20240301T150000Z"),
        (datetime(2024, 3, 1, 15, 0, tzinfo=ZoneInfo("Etc/UTC")), "DTSTART:20240301T150000Z"),
        (
            datetime(2024, 3, 1, 17, 0, tzinfo=timezone(timedelta(hours=2))),
            "DTSTART:20240301T150000Z",
        ),
        (datetime(2024, 3, 1, 15, 0), "DTSTART:20240301T150000"),
        (date(2024, 3, 1), "DTSTART;VALUE=DATE:20240301"),
        (
            datetime(2024, 3, 1, 15, 0, tzinfo=ZoneInfo("America/New_York")),
            "DTSTART;TZID=America/New_York:20240301T150000",
        ),
    ],
)
def test_start_values(start: datetime | date, expected: str) -> None:
    data = to_ics([simple(start=start)], Context())
    assert expected in unfolded(data)
    if "TZID" not in expected:
        assert b"BEGIN:VTIMEZONE" not in data


def test_all_day_event_has_date_values() -> None:
    lines = one(simple(start=date(2024, 6, 10), end=date(2024, 6, 12), all_day=True))
    assert "DTSTART;VALUE=DATE:20240610" in lines
    assert "DTEND;VALUE=DATE:20240612" in lines


def test_dtend_only_when_known_and_of_the_same_kind() -> None:
    assert not props(one(simple()), "DTEND")
    mixed = simple(start=date(2024, 6, 10), end=datetime(2024, 6, 10, 12, 0))
    assert not props(one(mixed), "DTEND")


def test_event_without_start_is_written_without_dtstart() -> None:
    ev = Event(uid="x", title="t", end=datetime(2024, 1, 1, 10, 0), ics_extra=("DTSTART:INVALID",))
    data = to_ics([ev, simple()], Context())
    lines = vevents(data)[0]
    assert props(lines, "UID") == ["UID:x"]
    assert not props(lines, "DTSTART")
    assert not props(lines, "DTEND")
    assert_clients_agree(data, 2)


def test_rrule_whitespace_is_removed() -> None:
    lines = one(simple(rrule="FREQ=WEEKLY;BYDAY=MO, TU;\nCOUNT=3 "))
    assert props(lines, "RRULE") == ["RRULE:FREQ=WEEKLY;BYDAY=MO,TU;COUNT=3"]


# --- DTSTAMP ------------------------------------------------------------------------


def test_dtstamp_is_the_events_own_in_utc() -> None:
    stamp = datetime(2023, 12, 1, 10, 30, 15, 999, tzinfo=ZoneInfo("Europe/Berlin"))
    assert "DTSTAMP:20231201T093015Z" in one(simple(dtstamp=stamp))


def test_dtstamp_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = to_ics([simple(dtstamp=None)], Context())
    assert "DTSTAMP:20231114T221320Z" in unfolded(data)
    assert data == to_ics([simple(dtstamp=None)], Context())


def test_bad_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(WriteError, match="SOURCE_DATE_EPOCH"):
        to_ics([simple(dtstamp=None)], Context())


# --- SUMMARY ------------------------------------------------------------------------

SPEAKERS = (Speaker(name="Lihua Ko", affiliation="IBM"), Speaker(name="Ada Lovelace"))


@pytest.mark.parametrize(
    ("fields", "template", "expected"),
    [
        ({}, "{title}", "On knots"),
        ({"speakers": SPEAKERS}, "{speaker}: {title}", "Lihua Ko: On knots"),
        ({"speakers": SPEAKERS}, "{speakers} – {title}", "Lihua Ko\\, Ada Lovelace – On knots"),
        ({"series": "FLAIR"}, "[{series}] {title}", "[FLAIR] On knots"),
        ({"speakers": ()}, "{speaker}: {title}", "On knots"),
        ({"title": None, "series": "FLAIR", "speakers": SPEAKERS}, "{title}", "FLAIR: Lihua Ko"),
        ({"title": None, "speakers": SPEAKERS}, "{title}", "Lihua Ko"),
        ({"title": None, "series": "FLAIR"}, "{title}", "FLAIR"),
        ({"title": "Why: a study -"}, "{title}", "Why: a study -"),
    ],
)
def test_summary_template(fields: dict[str, object], template: str, expected: str) -> None:
    lines = one(simple(**fields), Context(summary_template=template))
    assert props(lines, "SUMMARY") == [f"SUMMARY:{expected}"]


def test_no_summary_when_nothing_is_known() -> None:
    assert not props(one(simple(title=None)), "SUMMARY")


@pytest.mark.parametrize("template", ["{nope}", "{title!r}", "{title:>10}", "{0}", "{title"])
def test_bad_summary_template(template: str) -> None:
    with pytest.raises(WriteError, match="summary template"):
        to_ics([simple()], Context(summary_template=template))


# --- DESCRIPTION and the other properties --------------------------------------------


def test_description_is_composed_for_text_inputs() -> None:
    lines = vevents(to_ics(sample_events(), Context()))[0]
    (desc,) = props(lines, "DESCRIPTION")
    text = desc.removeprefix("DESCRIPTION:").replace("\\n", "\n").replace("\\,", ",")
    assert text.splitlines() == [
        "Series: External FLAIR seminar",
        "Title: Can physicists help understand Deep Learning?",
        "Speaker: Lihua Ko (IBM T. J. Watson Research Center)",
        "Map: https://map.example.ch/?room==BC%202%2014",
        "Join: https://epfl.zoom.us/j/81234567890?pwd=abc",
        "Meeting ID: 812 3456 7890",
        "Passcode: 402917",
        "Dial-in: +972 3 555 0166",
        "Paper: https://arxiv.org/abs/2203.10736",
        "Web page: https://flair.epfl.ch/seminars",
        "Organizer: Ada Admin <ada@epfl.ch>",
        "",
        "Abstract: Despite the great success of deep learning, we do not know why.",
    ]


def test_description_is_kept_for_ics_inputs() -> None:
    lines = vevents(to_ics(sample_events(), Context()))[2]
    assert props(lines, "DESCRIPTION") == [
        "DESCRIPTION:Weekly\\; bring\\, your \\\\ laptop\\nSecond line"
    ]
    assert not props(one(simple(source=Source(format="ics"))), "DESCRIPTION")


def test_structured_properties() -> None:
    lines = vevents(to_ics(sample_events(), Context()))[0]
    assert props(lines, "UID") == ["UID:flair-2022-10-21@epfl.ch"]
    assert props(lines, "LOCATION") == [
        'LOCATION;ALTREP="https://map.example.ch/?room==BC%202%2014":BC 2 14'
    ]
    assert props(lines, "URL") == ["URL:https://flair.epfl.ch/seminars"]
    assert props(lines, "CONFERENCE") == [
        'CONFERENCE;FEATURE=VIDEO;LABEL="Zoom, meeting ID 812 3456 7890, passcode 402917";'
        "VALUE=URI:https://epfl.zoom.us/j/81234567890?pwd=abc",
        "CONFERENCE;FEATURE=PHONE;LABEL=Dial-in +972 3 555 0166;VALUE=URI:tel:+972-3-555-0166",
    ]
    assert props(lines, "ORGANIZER") == ['ORGANIZER;CN="Ada Admin":mailto:ada@epfl.ch']
    assert props(lines, "CATEGORIES") == ["CATEGORIES:Conferences - Seminars"]
    assert props(lines, "STATUS") == ["STATUS:CONFIRMED"]


@pytest.mark.parametrize(
    ("status", "expected"),
    [("confirmed", "CONFIRMED"), ("tentative", "TENTATIVE"), ("cancelled", "CANCELLED")],
)
def test_status(status: str, expected: str) -> None:
    assert props(one(simple(status=status)), "STATUS") == [f"STATUS:{expected}"]


def test_no_status_is_invented() -> None:
    assert props(one(simple(status=None)), "STATUS") == []


def test_no_organizer_without_email_and_no_url_without_page() -> None:
    lines = one(simple(organizer=Organizer(name="Someone")))
    assert not props(lines, "ORGANIZER")
    assert not props(lines, "URL")


def test_online_without_url_gives_only_phone_conferences() -> None:
    lines = one(simple(online=Online(platform="zoom", dial_in=("+41 43 210 71 08", "none"))))
    assert props(lines, "CONFERENCE") == [
        "CONFERENCE;FEATURE=PHONE;LABEL=Dial-in +41 43 210 71 08;VALUE=URI:tel:+41-43-210-71-08"
    ]


def test_participant_per_speaker() -> None:
    ev = simple(speakers=SPEAKERS)
    data = to_ics([ev], Context())
    lines = vevents(data)[0]
    assert lines.count("BEGIN:PARTICIPANT") == 2
    assert props(lines, "PARTICIPANT-TYPE", nested=True) == ["PARTICIPANT-TYPE:SPEAKER"] * 2
    assert "SUMMARY:Lihua Ko (IBM)" in lines
    assert "SUMMARY:Ada Lovelace" in lines
    uids = props(lines, "UID", nested=True)[1:]
    assert len(set(uids)) == 2
    assert uids == props(vevents(to_ics([ev], Context()))[0], "UID", nested=True)[1:]
    # properties of the VEVENT all come before its sub-components
    first_sub = lines.index("BEGIN:PARTICIPANT")
    assert all(
        ln.startswith(("BEGIN:", "END:", "PARTICIPANT-TYPE", "SUMMARY", "UID"))
        for ln in lines[first_sub:]
    )
    assert_clients_agree(data, 1)


def test_rrule_is_written_as_is() -> None:
    lines = one(simple(rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20240601T140000Z"))
    assert props(lines, "RRULE") == ["RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20240601T140000Z"]


# --- ics_extra ------------------------------------------------------------------------


def test_ics_extra_passes_through_unchanged() -> None:
    ev = sample_events()[2]
    data = to_ics([ev], Context())
    lines = vevents(data)[0]
    for item in ev.ics_extra:
        for line in item.split("\n"):
            assert line in lines
    alarm = lines.index("BEGIN:VALARM")
    assert lines[alarm : alarm + 5] == [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Reminder",
        "TRIGGER:-PT15M",
        "END:VALARM",
    ]
    assert "BEGIN:VTIMEZONE" in unfolded(data)
    assert "TZID:America/New_York" in unfolded(data)
    assert_clients_agree(data, 1)


def test_long_ics_extra_lines_are_folded() -> None:
    long = "X-NOTE;LANGUAGE=he:" + "שלום עולם " * 30
    data = to_ics([simple(ics_extra=(long,))], Context())
    assert long in vevents(data)[0]
    for line in physical_lines(data):
        assert len(line) <= 75
        line.decode("utf-8")


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("GEO:40.44;-79.94", True),
        ("GEO:somewhere", False),
        ("SEQUENCE:2", True),
        ("SEQUENCE:two", False),
        ("N:", False),
        ("N:Quill;Ada;;Dr.;", True),
        ("PRIORITY:", False),
        ("EXDATE;TZID=Europe/Paris:20240102T100000", True),
        ("EXDATE:next week", False),
        ("RDATE;VALUE=PERIOD:20240102T100000Z/PT1H", True),
        ("TRIGGER:-PT5M", True),
        ("X-ANYTHING:whatever", True),
        ("COMMENT:any text", True),
        ("CREATED:20240101T120000Z", True),
        ("LAST-MODIFIED:20241301T120000Z", False),
        ("EXDATE:20240102T100000Z,20240109T100000Z", True),
        ("EXDATE:20240102T100000Z,", False),
        ("PRIORITY:+3", True),
    ],
)
def test_a_typed_extra_line_is_kept_only_when_its_value_reads(line: str, kept: bool) -> None:
    data = to_ics([simple(ics_extra=(line,))], Context())
    assert (line in vevents(data)[0]) is kept
    assert check_icalendar(data)["uids"] == ["u1@test"]


def test_ics_extra_never_duplicates_what_seminorm_writes() -> None:
    ev = simple(
        end=datetime(2024, 5, 4, 17, 0, tzinfo=ZoneInfo("Europe/Zurich")),
        ics_extra=(
            "UID:other",
            "SUMMARY:old",
            "DURATION:PT1H",
            "X-KEEP:1",
            "ATTENDEE:mailto:a@b.c",
        ),
    )
    lines = one(ev)
    assert props(lines, "UID") == ["UID:u1@test"]
    assert props(lines, "SUMMARY") == ["SUMMARY:On knots"]
    assert not props(lines, "DURATION")
    assert "X-KEEP:1" in lines
    assert "ATTENDEE:mailto:a@b.c" in lines


@pytest.mark.parametrize(
    "item",
    [
        "BEGIN:VEVENT",
        "END:VEVENT",
        "END:VCALENDAR",
        "BEGIN:VEVENT\nUID:evil\nEND:VEVENT",
        "BEGIN:VALARM\nTRIGGER:-PT5M\nEND:VEVENT",
        "BEGIN:VALARM\nTRIGGER:-PT5M",
        "BEGIN:VALARM\nEND:VALARM\nUID:evil",
        "not a content line",
        "X-A:1\r\nBEGIN:VEVENT",
        "BEGIN:VTIMEZONE\nTZID:x\nEND:VTIMEZONE",
    ],
)
def test_ics_extra_cannot_change_the_structure(item: str) -> None:
    data = to_ics([simple(ics_extra=(item, "X-OK:1"))], Context())
    lines = unfolded(data)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1
    assert "UID:evil" not in lines
    assert "X-OK:1" in lines
    assert_clients_agree(data, 1)


# --- injection and escaping ----------------------------------------------------------

EVIL = "Talk\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:pwned; a, b \\ c\n\rDTSTART:1"


def test_text_fields_cannot_inject_structure() -> None:
    ev = simple(
        title=EVIL,
        series=EVIL,
        abstract=EVIL,
        speakers=(Speaker(name=EVIL, affiliation=EVIL),),
        categories=(EVIL,),
        organizer=Organizer(name=EVIL, email="a@b.c\r\nUID:evil"),
        online=Online(
            platform="zoom", url="https://z.us/j/1\r\nUID:evil", meeting_id=EVIL, dial_in=(EVIL,)
        ),
    )
    for event in (ev, replace(ev, source=Source(format="ics"), description=EVIL)):
        data = to_ics([event], Context())
        lines = unfolded(data)
        assert lines.count("BEGIN:VEVENT") == 1
        assert "UID:evil" not in lines
        assert not [ln for ln in lines if ln.startswith("DTSTART:1")]
        cal = Calendar.from_ical(data)
        (parsed,) = cal.walk("VEVENT")
        assert str(parsed["UID"]) == "u1@test"
        assert "END:VEVENT" in str(parsed["SUMMARY"])
        assert_clients_agree(data, 1)


def test_text_escaping() -> None:
    ev = simple(title="a,b;c\\d", source=Source(format="ics"), description="x\ny,z;\\")
    lines = one(ev)
    assert props(lines, "SUMMARY") == ["SUMMARY:a\\,b\\;c\\\\d"]
    assert props(lines, "DESCRIPTION") == ["DESCRIPTION:x\\ny\\,z\\;\\\\"]


_safe_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029")
    | st.sampled_from(["\n", "\\", ",", ";", ":", '"', "é", "ש", "🎓"]),
    max_size=200,
)


@settings(max_examples=150, deadline=None)
@given(_safe_text)
@example("C:\\New folder\\N")  # a literal backslash-N is no newline
def test_any_description_round_trips_through_icalendar(text: str) -> None:
    ev = simple(
        source=Source(format="ics"),
        description=text or None,
        ics_extra=("X-Z:" + text.replace("\n", " "),),
    )
    data = to_ics([ev], Context())
    for line in physical_lines(data):
        assert len(line) <= 75
        line.decode("utf-8")
    (parsed,) = Calendar.from_ical(data).walk("VEVENT")
    if text:
        assert str(parsed["DESCRIPTION"]) == text


# --- clients --------------------------------------------------------------------------


def test_sample_calendar_imports_in_every_client() -> None:
    events = sample_events()
    data = to_ics(events, Context())
    seen = assert_clients_agree(data, len(events))
    assert seen["icalendar"]["uids"] == [ev.uid for ev in events]
    assert seen["vobject"]["summaries"] == seen["icalendar"]["summaries"]
    assert seen["icaljs"]["summaries"] == seen["icalendar"]["summaries"]


def _aware_start(ev: Event) -> int | None:
    if isinstance(ev.start, datetime) and ev.start.tzinfo is not None:
        return int(ev.start.timestamp())
    return None


@pytest.mark.parametrize(
    "zone",
    [
        "Europe/Zurich",
        "America/New_York",
        "Australia/Sydney",
        "America/Sao_Paulo",
        "Asia/Kolkata",
        "Asia/Jerusalem",
        "Pacific/Chatham",
        "Europe/London",
    ],
)
def test_icaljs_reads_the_same_moments(zone: str) -> None:
    tz = ZoneInfo(zone)
    events = [
        simple(uid=f"m{i}@test", start=datetime(year, month, 15, 9, 30, tzinfo=tz))
        for i, (year, month) in enumerate(
            (y, m) for y in (2019, 2024, 2031) for m in (1, 3, 4, 7, 10, 11)
        )
    ]
    result = check_icaljs(to_ics(events, Context()))
    assert result["starts"] == [_aware_start(ev) for ev in events]


def test_render_ics_is_to_ics(ctx: Context) -> None:
    assert render(sample_events(), "ics", ctx) == to_ics(sample_events(), ctx)


# --- generated events -------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(
    st.lists(json_events(), min_size=1, max_size=4),
    st.sampled_from(["{title}", "{speaker}: {title}"]),
)
def test_any_events_give_a_valid_calendar(evs: list[Event], template: str) -> None:
    evs = [
        replace(ev, start=ev.start or date(2024, 1, 1), uid=f"gen-{i}", dtstamp=STAMP)
        for i, ev in enumerate(evs)
    ]
    data = to_ics(evs, Context(summary_template=template))
    assert data == to_ics(evs, Context(summary_template=template))
    for line in physical_lines(data):
        assert len(line) <= 75
        line.decode("utf-8")
    assert b"\r" not in data.replace(b"\r\n", b"")
    from .client_checks import check_icalendar, check_vobject

    assert check_icalendar(data)["uids"] == [ev.uid for ev in evs]
    assert check_vobject(data)["uids"] == [ev.uid for ev in evs]


@settings(max_examples=15, deadline=None)
@given(st.lists(json_events(), min_size=1, max_size=6))
def test_any_events_import_in_icaljs(evs: list[Event]) -> None:
    evs = [
        replace(ev, start=ev.start or date(2024, 1, 1), uid=f"gen-{i}", dtstamp=STAMP)
        for i, ev in enumerate(evs)
    ]
    data = to_ics(evs, Context())
    seen = assert_clients_agree(data, len(evs))
    assert seen["icaljs"]["starts"] == [_aware_start(ev) for ev in evs]


@pytest.mark.parametrize("day", [date(1981, 4, 1), date(1981, 10, 1), date(1982, 4, 1)])
def test_a_time_between_a_zones_onset_and_its_next_rdate_reads_right_in_icaljs(day: date) -> None:
    zurich = ZoneInfo("Europe/Zurich")
    evs = [
        simple(uid="a@test", start=datetime(day.year, day.month, day.day, 10, tzinfo=zurich)),
        simple(uid="b@test", start=datetime(1982, 12, 1, 10, tzinfo=zurich)),
    ]
    data = to_ics(evs, Context())
    assert b"RDATE:" in data  # the dated observances this case is about
    seen = assert_clients_agree(data, len(evs))
    assert seen["icaljs"]["starts"] == [_aware_start(ev) for ev in evs]


def test_speakers_passed_through_from_our_own_output_are_written_once() -> None:
    ev = simple(speakers=SPEAKERS)
    ours = [ln for ln in vevents(to_ics([ev], Context()))[0] if ln]
    start = ours.index("BEGIN:PARTICIPANT")
    first_block = "\n".join(ours[start : start + 5])
    renamed = first_block.replace("UID:", "UID:x")
    other = "BEGIN:PARTICIPANT\nPARTICIPANT-TYPE:SPONSOR\nSUMMARY:Lihua Ko (IBM)\nUID:s\nEND:PARTICIPANT"
    again = replace(ev, ics_extra=(first_block, renamed, other))
    lines = vevents(to_ics([again], Context()))[0]
    assert lines.count("BEGIN:PARTICIPANT") == 3  # the two speakers and the sponsor
    assert "PARTICIPANT-TYPE:SPONSOR" in lines


_extra_line = st.sampled_from(
    [
        "X-A:1",
        'X-B;P="q:r":v,w',
        "BEGIN:VALARM",
        "END:VALARM",
        "BEGIN:VEVENT",
        "END:VEVENT",
        "END:VCALENDAR",
        "BEGIN:X-THING",
        "END:X-THING",
        "TRIGGER:-PT5M",
        "ACTION:DISPLAY",
        "EXDATE;TZID=Europe/Paris:20240102T100000",
        "UID:evil",
        "",
        " folded",
    ]
) | st.text(max_size=20)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_extra_line, max_size=6).map("\n".join), max_size=5))
@example(["0;"])  # a name and ';' with no ':' is no content line
@example(["a;b", "X-A;P:v"])  # a parameter without '='
@example(["N:"])  # a typed property whose value does not read as its type
def test_any_ics_extra_keeps_one_well_formed_vevent(extra: list[str]) -> None:
    data = to_ics([simple(ics_extra=tuple(extra))], Context())
    lines = unfolded(data)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1
    assert props(vevents(data)[0], "UID") == ["UID:u1@test"]
    depth = 0
    for line in lines:
        if line.startswith("BEGIN:"):
            depth += 1
        elif line.startswith("END:"):
            depth -= 1
        assert depth >= 0
    assert depth == 0
    for line in physical_lines(data):
        assert len(line) <= 75
    from .client_checks import check_icalendar, check_vobject

    assert check_icalendar(data)["uids"] == ["u1@test"]
    assert check_vobject(data)["uids"] == ["u1@test"]


# --- reading our own output again ---------------------------------------------------------


def _reread(data: bytes) -> list[Event]:
    from seminorm.pipeline import parse_bytes

    return parse_bytes(data, Context(today=date(2024, 3, 12)))


def test_rereading_our_output_changes_nothing() -> None:
    events = sample_events()
    events[2] = replace(
        events[2],
        ics_extra=tuple(
            x.replace("America/New_York:20240115T040000", "Europe/Berlin:20240115T100000")
            for x in events[2].ics_extra
        ),
    )
    first = to_ics(events, Context())
    again = _reread(first)
    assert [ev.uid for ev in again] == [ev.uid for ev in events]
    assert to_ics(again, Context()) == first


def test_rereading_keeps_exdates_in_another_zone() -> None:
    first = to_ics(sample_events(), Context())
    assert to_ics(_reread(first), Context()) == first


def _zone_years(data: bytes) -> tuple[int, int]:
    comment = next(ln for ln in unfolded(data) if ln.startswith("COMMENT:This timezone"))
    first, last = re.findall(r"(\d{4})-\d{2}-\d{2}", comment)
    return int(first), int(last)


@pytest.mark.parametrize(
    ("fields", "years"),
    [
        ({}, (2023, 2026)),
        ({"rrule": "FREQ=WEEKLY"}, (2023, 2038)),
        ({"rrule": "FREQ=WEEKLY;UNTIL=20300101T000000Z"}, (2023, 2031)),
        ({"ics_extra": ("EXDATE;TZID=Europe/Zurich:20350101T160000",)}, (2023, 2037)),
    ],
)
def test_vtimezones_cover_every_date_used(
    fields: dict[str, object], years: tuple[int, int]
) -> None:
    assert _zone_years(to_ics([simple(**fields)], Context())) == years


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Asia/Jerusalem", "Asia/Kolkata"])
def test_a_series_until_year_7006_keeps_each_vtimezone_small_and_right(zone: str) -> None:
    tz = ZoneInfo(zone)
    series = simple(
        uid="far@test",
        start=datetime(2006, 1, 2, 10, tzinfo=tz),
        rrule="FREQ=YEARLY;UNTIL=70060101T000000Z",
    )
    later = [
        simple(uid=f"m{i}@test", start=datetime(year, month, 15, 9, 30, tzinfo=tz))
        for i, (year, month) in enumerate((y, m) for y in (2031, 2090, 2200) for m in (1, 4, 7))
    ]
    data = to_ics([series, *later], Context())
    lines = unfolded(data)
    block = lines[lines.index("BEGIN:VTIMEZONE") : lines.index("END:VTIMEZONE") + 1]
    assert len(block) <= 200
    result = check_icaljs(data)
    assert result["starts"] == [_aware_start(ev) for ev in [series, *later]]
    assert_clients_agree(data, 1 + len(later))
    assert to_ics(_reread(data), Context()) == data


def _icalendar_vevent_lines(ev: Event, ctx: Context, stamp: datetime) -> list[str]:
    """The model's properties built with icalendar's object model, as the writer did
    before it wrote its content lines itself: the oracle of the test below."""
    from icalendar import Event as VEvent
    from icalendar import vCalAddress, vUri

    from seminorm.model import STATUSES
    from seminorm.write import ics
    from seminorm.write.compose import (
        compose_description,
        conference_label,
        param_safe,
        summary_for,
        tel_uri,
    )
    from seminorm.write.lines import clean_text, clean_uri

    v = VEvent()
    v.add("UID", ics._uid(ev))
    v.add("DTSTAMP", ics._stamp(ev, stamp))
    if ev.start is not None:
        v.add("DTSTART", ics._moment(ev.start))
    if ev.start is not None and ev.end is not None and ics._same_kind(ev.start, ev.end):
        if isinstance(ev.start, datetime) or ev.end > ev.start:
            v.add("DTEND", ics._moment(ev.end))
    summary = summary_for(ev, ctx.summary_template)
    if summary:
        v.add("SUMMARY", clean_text(summary))
    description = ev.description if ev.source.format == "ics" else compose_description(ev)
    if description:
        v.add("DESCRIPTION", clean_text(description))
    loc = ev.location
    place = loc and (loc.name or loc.address)
    if loc and place and clean_text(place).strip():
        altrep = clean_uri(loc.url or "")
        v.add("LOCATION", clean_text(place), parameters={"ALTREP": altrep} if altrep else {})
    page = next(
        (clean_uri(lk.url) for lk in ev.links if lk.kind == "page" and clean_uri(lk.url)), None
    )
    if page:
        v.add("URL", vUri(page))
    if ev.online is not None:
        url = clean_uri(ev.online.url or "")
        if url:
            params = {"VALUE": "URI", "FEATURE": "VIDEO"}
            if conference_label(ev):
                params["LABEL"] = conference_label(ev)
            v.add("CONFERENCE", vUri(url), parameters=params)
        for number in ev.online.dial_in:
            tel = tel_uri(number)
            if tel:
                label = param_safe(f"Dial-in {number}")
                params = {"VALUE": "URI", "FEATURE": "PHONE", "LABEL": label}
                v.add("CONFERENCE", vUri(tel), parameters=params)
    org = ev.organizer
    email = clean_uri(org.email or "") if org else ""
    email = email[7:] if email.lower().startswith("mailto:") else email
    if org and email:
        cn = param_safe(org.name or "")
        v.add("ORGANIZER", vCalAddress(f"mailto:{email}"), parameters={"CN": cn} if cn else {})
    categories = [clean_text(c) for c in ev.categories if clean_text(c).strip()]
    if categories:
        v.add("CATEGORIES", categories)
    if ev.status in STATUSES:
        v.add("STATUS", ev.status.upper())
    return [str(line) for line in v.content_lines(sorted=True) if line][1:-1]


_TRICKY = st.lists(
    st.sampled_from([*"a ,;:\\\"'^’\nNé漢🎉\t", "\r\n", "\r", "mailto:"]), max_size=12
).map("".join)


@settings(max_examples=150, deadline=None)
@given(
    json_events(),
    _TRICKY,
    _TRICKY,
    st.sampled_from(["{title}", "{speaker}: {title}"]),
)
def test_the_model_properties_are_the_bytes_icalendar_writes(
    ev: Event, text: str, name: str, template: str
) -> None:
    """The writer writes the content lines itself; icalendar's object model gives the
    same lines for the same event (order, escaping, parameter quoting, value forms)."""
    from seminorm.model import Location, Organizer
    from seminorm.write.ics import _vevent_lines

    ev = replace(
        ev,
        description=text or ev.description,
        location=Location(name=text or "Room 1", address=None, url=f"https://x.org/{name}"),
        organizer=Organizer(name=name, email="a@b.example"),
        categories=(text, name),
    )
    # icalendar reads a literal backslash-N of a value as a newline; the writer keeps it
    # (see test_any_description_round_trips_through_icalendar): no oracle for that case.
    assume("\\\\N" not in repr(ev) and "\\\\N" not in repr(template))
    ctx = Context(summary_template=template)
    assert _vevent_lines(ev, ctx, STAMP) == _icalendar_vevent_lines(ev, ctx, STAMP)
