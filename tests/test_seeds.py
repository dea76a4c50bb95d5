"""The two documents seminorm started from, read from ../shared when present.

They are not copied into the repository; these tests skip without them.
"""

from __future__ import annotations

import json

import pytest

import seminorm
from seminorm.context import Context
from seminorm.write import render

from .helpers import shared_dir


def _read(name: str) -> bytes:
    return (shared_dir("corpus", "text") / name).read_bytes()


def test_ics_export_with_zone_given() -> None:
    events = seminorm.parse(_read("003_c23e6023562c6433.txt"), tz="Europe/Zurich")
    assert len(events) == 1
    ics = render(events, "ics", Context()).decode()
    assert "DTSTART;TZID=Europe/Zurich:20221021T131500" in ics
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Zurich" in ics
    assert not any(w.code == "tz-inferred" for w in events[0].warnings)


def test_ics_export_zone_inferred_from_the_map_link() -> None:
    (ev,) = seminorm.parse(_read("003_c23e6023562c6433.txt"))
    assert ev.timezone == "Europe/Zurich"
    assert any(w.code == "tz-inferred" for w in ev.warnings)
    assert ev.title == "Can physicists help understand Deep Learning?"
    assert ev.series == "External FLAIR seminar"
    assert [(s.name, s.affiliation) for s in ev.speakers] == [
        ("Yuhai Tu", "IBM T. J. Watson Research Center")
    ]
    assert ev.location is not None
    assert ev.location.name == "GA 3 21"
    assert ev.location.url == "https://plan.epfl.ch/?room==GA%203%2021"


def test_ics_export_json_validates() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from seminorm.write.json import schema_text

    events = seminorm.parse(_read("003_c23e6023562c6433.txt"))
    data = json.loads(render(events, "json", Context()))
    jsonschema.validate(data, json.loads(schema_text()))


def test_seminar_page_with_pasted_invitation() -> None:
    (ev,) = seminorm.parse(_read("000_091e2d00654c9e79.txt"), tz="Asia/Jerusalem")
    assert ev.timezone == "Asia/Jerusalem"
    assert ev.start is not None
    assert ev.start.isoformat()[:16] in ("2021-05-04T16:00", "2021-05-04T19:00")
    conflicts = [w for w in ev.warnings if w.code == "time-conflict"]
    assert conflicts, ev.warnings
    msg = conflicts[0].message
    assert "16:00" in msg
    assert "19:00" in msg
    assert "UTC offset" in msg
    assert ev.online is not None
    assert (
        ev.online.url == "https://huji.zoom.us/j/89708006582?pwd=QjgvR2hPSitWOHh2eWI2VEVjZ0hOUT09"
    )
    assert ev.online.meeting_id is not None
    assert ev.online.meeting_id.replace(" ", "") == "89708006582"
    assert ev.online.passcode == "536812"
    assert [(s.name, s.affiliation) for s in ev.speakers] == [("Matthieu Wyart", "EPFL")]
    assert ev.title == "Landscape and training regimes in deep learning"
    assert ev.abstract is not None
    assert ev.abstract.count("Deep learning algorithms are responsible") == 1
    assert ev.location is None
