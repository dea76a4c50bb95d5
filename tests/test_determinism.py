"""The same input and options give the same output on any machine (issue 17).

"Today" (for texts without a year, or saying "today") is the date in the
zone given by ``--tz``, else UTC; ``SOURCE_DATE_EPOCH`` fixes the moment. The
machine's own zone (``TZ``) never matters.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from seminorm.context import today_in

SEMINORM = Path(sys.executable).parent / "seminorm"
#: 2026-12-31 12:00 UTC: already 1 January 2027 in Kiritimati (UTC+14).
EPOCH = str(int(datetime(2026, 12, 31, 12, tzinfo=UTC).timestamp()))
TEXT = b"Seminar today at 16:00, room 2.41\n"


def _start(*args: str, machine_tz: str, epoch: str = EPOCH) -> str:
    exe = [str(SEMINORM)] if SEMINORM.exists() else [sys.executable, "-m", "seminorm"]
    env = {**os.environ, "TZ": machine_tz, "SOURCE_DATE_EPOCH": epoch, "NO_COLOR": "1"}
    out = subprocess.run(
        [*exe, "parse", "-f", "json", *args], input=TEXT, capture_output=True, env=env, check=True
    )
    (event,) = json.loads(out.stdout)
    return str(event["start"])


@pytest.mark.parametrize("machine_tz", ["UTC", "Pacific/Kiritimati", "America/Adak"])
def test_today_does_not_depend_on_the_machine_zone(machine_tz: str) -> None:
    assert _start("--tz", "UTC", machine_tz=machine_tz) == "2026-12-31T16:00:00+00:00"


def test_today_is_the_date_in_the_zone_of_tz() -> None:
    got = _start("--tz", "Pacific/Kiritimati", machine_tz="UTC")
    assert got == "2027-01-01T16:00:00+14:00"


def test_today_in_utc_without_tz() -> None:
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert today_in(None, moment) == date(2026, 12, 31)
    assert today_in("Asia/Tokyo", moment) == date(2027, 1, 1)
    assert today_in("America/Los_Angeles", moment) == date(2026, 12, 31)


def test_source_date_epoch_fixes_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert today_in(None) == date(2026, 12, 31)
    assert today_in("Pacific/Kiritimati") == date(2027, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert today_in(None) == datetime.now(UTC).date()  # the writer reports it; today is now


def test_the_library_uses_the_same_today(monkeypatch: pytest.MonkeyPatch) -> None:
    import seminorm

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    (ev,) = seminorm.parse(TEXT, tz="Pacific/Kiritimati")
    assert ev.start is not None
    assert ev.start.isoformat() == "2027-01-01T16:00:00+14:00"
