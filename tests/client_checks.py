"""Parse ICS output the way real clients do, so tests can compare them.

``check_all_clients(data)`` parses with Python icalendar, vobject and
Mozilla's ical.js (Thunderbird's parser, run with node) and returns what
each saw. ical.js needs ``npm install`` in ``tests/clients`` (``npm ci
--prefix tests/clients`` in CI); without it, or without node, the test
calling it is skipped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from seminorm.model import Event, Link, Location, Notice, Online, Organizer, Source, Speaker

CLIENTS_DIR = Path(__file__).parent / "clients"
ICALJS_SCRIPT = CLIENTS_DIR / "check_icaljs.mjs"
ICALJS_MODULE = CLIENTS_DIR / "node_modules" / "ical.js"


def icaljs_available() -> bool:
    """True when node and the ical.js package are installed."""
    return shutil.which("node") is not None and ICALJS_MODULE.is_dir()


def check_icalendar(data: bytes) -> dict[str, Any]:
    """Parse with the icalendar package (every VCALENDAR in the data)."""
    from icalendar import Calendar

    calendars = Calendar.from_ical(data, multiple=True)
    events = [ev for cal in calendars for ev in cal.walk("VEVENT")]
    for cal in calendars:
        for comp in cal.walk():  # clean: every value read, none kept as broken text
            assert not comp.errors, (comp.name, comp.errors)
    assert_every_tzid_defined(data)
    return {
        "events": len(events),
        "uids": [str(ev["UID"]) for ev in events],
        "summaries": [str(ev.get("SUMMARY")) if "SUMMARY" in ev else None for ev in events],
    }


def assert_every_tzid_defined(data: bytes) -> None:
    """Every ``TZID=`` parameter names a ``VTIMEZONE`` of its calendar (SPEC section 3)."""
    text = re.sub(r"\r?\n[ \t]", "", data.decode("utf-8"))
    for cal in re.split(r"(?m)^BEGIN:VCALENDAR\r?$", text)[1:]:
        defined = set(re.findall(r"(?m)^TZID:(.*?)\r?$", cal))
        used = {m.strip('"') for m in re.findall(r";TZID=(\"[^\"]*\"|[^;:]*)", cal)}
        assert used <= defined, f"TZID without VTIMEZONE: {sorted(used - defined)}"


def check_vobject(data: bytes) -> dict[str, Any]:
    """Parse with vobject (strict about structure, lenient about values)."""
    import vobject

    uids: list[str] = []
    summaries: list[str | None] = []
    for cal in vobject.readComponents(data.decode("utf-8")):
        assert cal.name == "VCALENDAR", cal.name
        for ev in cal.contents.get("vevent", []):
            uids.append(ev.uid.value)
            summaries.append(ev.summary.value if "summary" in ev.contents else None)
            if "dtstart" in ev.contents:
                ev.dtstart.value  # noqa: B018 - reading it makes vobject parse the date
    return {"events": len(uids), "uids": uids, "summaries": summaries}


def check_icaljs(data: bytes) -> dict[str, Any]:
    """Parse with ical.js under node; skip the test when it is not installed."""
    if not icaljs_available():
        pytest.skip("ical.js not installed: run `npm ci --prefix tests/clients`")
    node = shutil.which("node")
    assert node is not None
    proc = subprocess.run(
        [node, str(ICALJS_SCRIPT), "-"],
        input=data,
        capture_output=True,
        timeout=60,
        check=False,
    )
    if proc.returncode != 0:
        raise AssertionError(f"ical.js failed: {proc.stderr.decode('utf-8', 'replace')}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def check_all_clients(data: bytes) -> dict[str, dict[str, Any]]:
    """Parse ``data`` with every client; ``{"icalendar": ..., "vobject": ..., "icaljs": ...}``.

    Each value has at least ``events`` (count), ``uids`` and ``summaries``.
    A parser that fails raises, so the calling test fails; the ical.js part
    skips the test when ical.js is not installed.
    """
    return {
        "icalendar": check_icalendar(data),
        "vobject": check_vobject(data),
        "icaljs": check_icaljs(data),
    }


def assert_clients_agree(data: bytes, events: int) -> dict[str, dict[str, Any]]:
    """Check that every client parses ``data`` and sees ``events`` events with the same UIDs."""
    seen = check_all_clients(data)
    for name, result in seen.items():
        assert result["events"] == events, (name, result)
        assert result["uids"] == seen["icalendar"]["uids"], (name, result)
    return seen


def sample_events() -> list[Event]:
    """Hand-built events that use every field the writers know (no clock, fixed DTSTAMP)."""
    zurich = ZoneInfo("Europe/Zurich")
    stamp = datetime(2022, 10, 1, 8, 0, tzinfo=UTC)
    talk = Event(
        uid="flair-2022-10-21@epfl.ch",
        status="confirmed",
        title="Can physicists help understand Deep Learning?",
        series="External FLAIR seminar",
        speakers=(Speaker(name="Lihua Ko", affiliation="IBM T. J. Watson Research Center"),),
        start=datetime(2022, 10, 21, 13, 15, tzinfo=zurich),
        end=datetime(2022, 10, 21, 14, 15, tzinfo=zurich),
        timezone="Europe/Zurich",
        location=Location(name="BC 2 14", url="https://map.example.ch/?room==BC%202%2014"),
        online=Online(
            platform="zoom",
            url="https://epfl.zoom.us/j/81234567890?pwd=abc",
            meeting_id="812 3456 7890",
            passcode="402917",
            dial_in=("+972 3 555 0166",),
        ),
        links=(
            Link(url="https://arxiv.org/abs/2203.10736", kind="paper"),
            Link(url="https://flair.epfl.ch/seminars", kind="page"),
        ),
        abstract="Despite the great success of deep learning, we do not know why.",
        description="the original announcement",
        organizer=Organizer(name="Ada Admin", email="ada@epfl.ch"),
        categories=("Conferences - Seminars",),
        source=Source(path="talk.txt", format="text", event_index=0),
        warnings=(Notice(code="tz-inferred", field="timezone", message="from the .ch link"),),
        dtstamp=stamp,
    )
    hebrew = Event(
        uid="tau-1@example.org",
        title="אלגברה ליניארית — Séminaire d'été 🎓 " * 3,
        speakers=(Speaker(name="דנה כהן", affiliation="אוניברסיטת תל אביב"), Speaker(name="Zoë")),
        start=datetime(2021, 5, 4, 16, 0, tzinfo=ZoneInfo("Asia/Jerusalem")),
        end=datetime(2021, 5, 4, 17, 0, tzinfo=ZoneInfo("Asia/Jerusalem")),
        timezone="Asia/Jerusalem",
        status="tentative",
        source=Source(path="tau.txt", format="text", event_index=1),
        dtstamp=stamp,
    )
    from_ics = Event(
        uid="weekly@example.com",
        title="Group meeting",
        start=datetime(2024, 1, 8, 10, 0, tzinfo=ZoneInfo("Europe/Berlin")),
        end=datetime(2024, 1, 8, 11, 0, tzinfo=ZoneInfo("Europe/Berlin")),
        timezone="Europe/Berlin",
        description="Weekly; bring, your \\ laptop\nSecond line",
        rrule="FREQ=WEEKLY;UNTIL=20240401T090000Z",
        source=Source(path="cal.ics", format="ics", event_index=0),
        dtstamp=datetime(2023, 12, 1, 9, 30, tzinfo=UTC),
        ics_extra=(
            "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
            "EXDATE;TZID=America/New_York:20240115T040000",
            "ATTACH;FMTTYPE=application/pdf:https://example.com/agenda.pdf",
            "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:Reminder\nTRIGGER:-PT15M\nEND:VALARM",
        ),
    )
    utc_talk = Event(
        uid="utc@example.org",
        title="Cancelled: a talk in UTC",
        start=datetime(2024, 3, 1, 15, 0, tzinfo=UTC),
        end=datetime(2024, 3, 1, 16, 0, tzinfo=UTC),
        timezone="UTC",
        status="cancelled",
        online=Online(platform="teams", url="https://teams.microsoft.com/l/meetup-join/x"),
        dtstamp=stamp,
    )
    floating = Event(
        uid="floating@example.org",
        title="A floating talk",
        start=datetime(2024, 5, 4, 16, 0),
        end=datetime(2024, 5, 4, 17, 0),
        warnings=(Notice(code="tz-missing", field="start", message="no zone stated"),),
        dtstamp=stamp,
    )
    all_day = Event(
        uid="workshop@example.org",
        title="Workshop day",
        start=date(2024, 6, 10),
        end=date(2024, 6, 12),
        all_day=True,
        dtstamp=stamp,
    )
    return [talk, hebrew, from_ics, utc_talk, floating, all_day]
