"""CSV, jCal and table output, and the render / format dispatch."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime
from types import MappingProxyType

import pytest
from icalendar import Calendar

from seminorm.context import Context
from seminorm.errors import WriteError
from seminorm.model import Event, Notice, Provenance, Source, Speaker
from seminorm.write import EXTENSIONS, FORMATS, format_for_path, render
from seminorm.write.csv import COLUMNS, to_csv
from seminorm.write.ics import to_ics
from seminorm.write.jcal import to_jcal
from seminorm.write.table import render_table, when_text

from .client_checks import sample_events

# --- format dispatch ----------------------------------------------------------------


def test_formats() -> None:
    assert FORMATS == ("json", "jsonl", "ics", "jcal", "csv", "table")
    assert set(EXTENSIONS.values()) <= set(FORMATS)


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("out.ics", "ics"),
        ("dir/OUT.ICS", "ics"),
        ("a.ical", "ics"),
        ("a.json", "json"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.csv", "csv"),
        ("a.jcal", "jcal"),
        ("a.txt", None),
        ("noext", None),
        ("-", None),
    ],
)
def test_format_for_path(path: str, fmt: str | None) -> None:
    assert format_for_path(path) == fmt


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_every_format_is_utf8_bytes(fmt: str, ctx: Context) -> None:
    out = render(sample_events(), fmt, ctx)
    assert isinstance(out, bytes)
    out.decode("utf-8")
    assert out == render(sample_events(), fmt, ctx)  # deterministic


def test_render_unknown_format(ctx: Context) -> None:
    with pytest.raises(WriteError, match="unknown output format 'xml'"):
        render([], "xml", ctx)


def test_writing_json_does_not_import_icalendar_or_rich() -> None:
    code = (
        "import sys\n"
        "from seminorm.context import Context\n"
        "from seminorm.write import render\n"
        "render([], 'json', Context()); render([], 'csv', Context())\n"
        "print(sorted(m for m in ('icalendar', 'rich') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- CSV ------------------------------------------------------------------------------


def test_csv_header_and_rows() -> None:
    events = sample_events()
    rows = list(csv.reader(io.StringIO(to_csv(events))))
    assert (
        tuple(rows[0])
        == COLUMNS
        == (
            "title",
            "series",
            "speakers",
            "start",
            "end",
            "timezone",
            "status",
            "location",
            "online_url",
            "meeting_id",
            "passcode",
            "uid",
            "source",
            "warnings",
        )
    )
    assert len(rows) == len(events) + 1
    talk = dict(zip(COLUMNS, rows[1], strict=True))
    assert talk == {
        "title": "Can physicists help understand Deep Learning?",
        "series": "External FLAIR seminar",
        "speakers": "Lihua Ko (IBM T. J. Watson Research Center)",
        "start": "2022-10-21T13:15:00+02:00",
        "end": "2022-10-21T14:15:00+02:00",
        "timezone": "Europe/Zurich",
        "status": "confirmed",
        "location": "BC 2 14",
        "online_url": "https://epfl.zoom.us/j/81234567890?pwd=abc",
        "meeting_id": "812 3456 7890",
        "passcode": "402917",
        "uid": "flair-2022-10-21@epfl.ch",
        "source": "talk.txt#0",
        "warnings": "tz-inferred: from the .ch link",
    }
    hebrew = dict(zip(COLUMNS, rows[2], strict=True))
    assert hebrew["speakers"] == "דנה כהן (אוניברסיטת תל אביב); Zoë"


def test_csv_quotes_commas_quotes_and_newlines() -> None:
    ev = Event(
        title='Say "hi", then\nleave',
        start=date(2024, 1, 1),
        warnings=(
            Notice(code="no-speaker", message="no speaker"),
            Notice(code="year-inferred", message="2024, from the weekday"),
        ),
    )
    rows = list(csv.reader(io.StringIO(to_csv([ev]))))
    assert rows[1][0] == 'Say "hi", then\nleave'
    assert rows[1][-1] == "no-speaker: no speaker; year-inferred: 2024, from the weekday"
    assert rows[1][COLUMNS.index("source")] == ""


def test_csv_empty() -> None:
    assert to_csv([]) == ",".join(COLUMNS) + "\n"


# --- jCal -------------------------------------------------------------------------------


def test_jcal_is_the_ics_as_json(ctx: Context) -> None:
    events = sample_events()
    data = json.loads(to_jcal(events, ctx))
    assert data[0] == "vcalendar"
    props = {p[0]: p[3] for p in data[1]}
    assert props["version"] == "2.0"
    assert props["prodid"].startswith("-//seminorm//seminorm ")
    comps = data[2]
    vevents = [c for c in comps if c[0] == "vevent"]
    assert len(vevents) == len(events)
    assert [c[0] for c in comps].count("vtimezone") == 4
    first = {p[0]: p for p in vevents[0][1]}
    assert first["dtstart"] == [
        "dtstart",
        {"tzid": "Europe/Zurich"},
        "date-time",
        "2022-10-21T13:15:00",
    ]
    assert first["uid"][3] == "flair-2022-10-21@epfl.ch"
    assert [c[0] for c in vevents[0][2]] == ["participant"]
    assert [c[0] for c in vevents[2][2]] == ["valarm"]
    # the same calendar as the ICS output
    assert Calendar.from_jcal(data) == Calendar.from_ical(to_ics(events, ctx))


# --- table ------------------------------------------------------------------------------


def test_table_shows_events_and_warnings() -> None:
    text = render_table(sample_events())
    assert "\x1b[" not in text  # no colour unless asked
    assert "6 event(s)" in text
    assert "Can physicists help" in text
    assert "Lihua Ko (IBM T. J." in text
    assert "tz-missing: no zone" in text
    assert "(cancelled)" in text
    assert all(len(line) <= 120 for line in text.splitlines())


def test_table_explain_adds_provenance_rows() -> None:
    prov = Provenance(source="line 12", text="May 4, 2021 04:00 PM", rule="when", inferred=False)
    ev = Event(
        title="T", start=datetime(2021, 5, 4, 16, 0), provenance=MappingProxyType({"start": prov})
    )
    assert "line 12" not in render_table([ev])
    text = render_table([ev], explain=True)
    assert "↳ start" in text
    assert "line 12 (stated)" in text
    assert "May 4, 2021 04:00 PM" in text


def test_table_colour_only_when_asked() -> None:
    ev = Event(
        title="T", start=date(2024, 1, 1), warnings=(Notice(code="no-speaker", message="x"),)
    )
    assert "\x1b[" in render_table([ev], color=True)
    assert "\x1b[" not in render_table([ev], color=False)


@pytest.mark.parametrize(
    ("ev", "expected"),
    [
        (
            Event(start=date(2024, 6, 10), end=date(2024, 6, 12)),
            "2024-06-10 – 2024-06-11 (all day)",
        ),
        (Event(start=date(2024, 6, 10), end=date(2024, 6, 11)), "2024-06-10 (all day)"),
        (
            Event(start=datetime(2024, 6, 10, 22), end=datetime(2024, 6, 11, 1)),
            "2024-06-10 22:00–2024-06-11 01:00 (floating)",
        ),
        (Event(), "?"),
    ],
)
def test_when_text(ev: Event, expected: str) -> None:
    assert when_text(ev) == expected


def test_table_handles_sparse_events() -> None:
    ev = Event(speakers=(Speaker(name="A"),), source=Source())
    assert "(no title)" in render_table([ev])


def test_csv_defuses_formulas() -> None:
    ev = Event(
        title='=HYPERLINK("http://evil")',
        series="+1",
        speakers=(Speaker(name="@ada"),),
        uid="-x",
        start=date(2024, 1, 1),
    )
    row = dict(zip(COLUMNS, list(csv.reader(io.StringIO(to_csv([ev]))))[1], strict=True))
    assert row["title"] == '\'=HYPERLINK("http://evil")'
    assert row["series"] == "'+1"
    assert row["speakers"] == "'@ada"
    assert row["uid"] == "'-x"
    assert row["start"] == "2024-01-01"


def test_table_does_not_interpret_markup() -> None:
    text = render_table(
        [Event(title="[bold]x[/bold] [link=http://e]y[/link]", start=date(2024, 1, 1))]
    )
    assert "[bold]x[/bold]" in text
