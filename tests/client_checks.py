"""Parse ICS output the way real clients do, so tests can compare them.

``check_all_clients(data)`` parses with Python icalendar, vobject and
Mozilla's ical.js (Thunderbird's parser, run with node) and returns what
each saw. ical.js needs ``npm install`` in ``tests/clients`` (``npm ci
--prefix tests/clients`` in CI); without it, or without node, the test
calling it is skipped.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

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
    return {
        "events": len(events),
        "uids": [str(ev["UID"]) for ev in events],
        "summaries": [str(ev.get("SUMMARY")) if "SUMMARY" in ev else None for ev in events],
    }


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
