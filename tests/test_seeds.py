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


def _gold(name: str) -> dict[str, object]:
    """The hand-checked answer of a corpus document (its values are never quoted here)."""
    stem = name.rsplit(".", 1)[0]
    path = shared_dir("corpus", "text") / f"{stem}.gold.json"
    events = json.loads(path.read_text(encoding="utf-8"))["events"]
    assert isinstance(events, list)
    assert len(events) == 1
    first = events[0]
    assert isinstance(first, dict)
    return first


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
    gold = _gold("003_c23e6023562c6433.txt")
    assert ev.title == gold["title"]
    assert ev.series
    assert ev.series.endswith("seminar")
    assert [{"name": s.name, "affiliation": s.affiliation} for s in ev.speakers] == gold["speakers"]
    assert ev.location is not None
    assert ev.location.name == gold["location"]
    assert ev.location.url
    assert ev.location.url.startswith("https://")


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
    gold = _gold("000_091e2d00654c9e79.txt")
    assert ev.online is not None
    assert ev.online.url == gold["online_url"]
    assert ev.online.meeting_id is not None
    assert ev.online.meeting_id.replace(" ", "") == str(gold["meeting_id"]).replace(" ", "")
    assert ev.online.passcode == gold["passcode"]
    assert [{"name": s.name, "affiliation": s.affiliation} for s in ev.speakers] == gold["speakers"]
    assert ev.title == gold["title"]
    assert ev.abstract is not None
    first_words = ev.abstract.split(".")[0]
    assert len(first_words) > 20
    assert ev.abstract.count(first_words) == 1
    assert ev.location is None
