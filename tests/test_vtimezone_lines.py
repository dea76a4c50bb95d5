"""The dated part of a VTIMEZONE is written without icalendar, as icalendar writes it.

:func:`seminorm.write.vtimezone._dated_lines` walks a zone's offsets as
``icalendar.Timezone.from_tzid`` does (so that a small calendar's run need
not load icalendar); these tests compare the two line for line.
"""

from __future__ import annotations

import subprocess
import sys
import zoneinfo
from datetime import date

import pytest

from seminorm.write import vtimezone

RANGES = [
    (date(2022, 10, 21), date(2022, 10, 22)),
    (date(1970, 1, 1), date(2030, 1, 1)),
    (date(1890, 3, 1), date(1950, 7, 9)),
    (date(2024, 3, 31), date(2024, 3, 31)),
]
KEYS = sorted(zoneinfo.available_timezones())


def _icalendars(key: str, first: date, last: date) -> list[str]:
    """icalendar's lines, with each observance's onset also among its RDATEs (for ical.js)."""
    return vtimezone._with_onset_rdates(vtimezone._icalendar_lines(key, first, last))


@pytest.mark.parametrize("key", [*KEYS[::29], "Europe/Zurich", "America/Sao_Paulo", "UTC"])
def test_the_dated_lines_are_icalendars(key: str) -> None:
    for first, last in RANGES:
        assert vtimezone._dated_lines(key, first, last) == _icalendars(key, first, last)


@pytest.mark.parametrize(
    "key", ["/Europe/Berlin", "W. Europe Standard Time", "Nowhere/Else", "Europe", "../etc", ""]
)
@pytest.mark.filterwarnings("ignore")
def test_keys_zoneinfo_does_not_load_are_icalendars_too(key: str) -> None:
    first, last = RANGES[1]
    assert vtimezone._dated_lines(key, first, last) == _icalendars(key, first, last)


@pytest.mark.slow
def test_every_zone_over_centuries() -> None:
    for key in KEYS:
        for first, last in [*RANGES, (date(1, 1, 1), date(2100, 1, 1))]:
            assert vtimezone._dated_lines(key, first, last) == _icalendars(key, first, last), (
                key,
                first,
                last,
            )


def test_a_calendar_with_a_zone_is_written_without_loading_icalendar() -> None:
    code = (
        "import sys\n"
        "from datetime import datetime\n"
        "from zoneinfo import ZoneInfo\n"
        "from seminorm import Event, to_ics\n"
        "ev = Event(uid='a@x', title='On knots', timezone='Europe/Zurich',\n"
        "           start=datetime(2024, 5, 4, 16, tzinfo=ZoneInfo('Europe/Zurich')),\n"
        "           dtstamp=datetime(2024, 1, 1, tzinfo=ZoneInfo('UTC')))\n"
        "text = to_ics([ev]).decode()\n"
        "assert 'BEGIN:VTIMEZONE' in text and 'TZID:Europe/Zurich' in text, text\n"
        "print('icalendar' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "False"


@pytest.mark.filterwarnings("ignore")
def test_the_zones_written_as_utc_are_icalendars() -> None:
    from icalendar.timezone.tzid import tzid_from_tzinfo

    from seminorm.write.ics import WRITTEN_AS_UTC

    for key in KEYS:
        theirs = tzid_from_tzinfo(zoneinfo.ZoneInfo(key)) or key
        assert ("UTC" if key in WRITTEN_AS_UTC else key) == theirs, key


@pytest.mark.filterwarnings("ignore")
def test_known_zone_is_icalendars_lookup() -> None:
    from icalendar.timezone import tzp

    odd = ["/Europe/Berlin", "W. Europe Standard Time", "Nowhere/Else", "Europe", "../etc", ""]
    for key in [*KEYS, *odd]:
        try:
            theirs = tzp.timezone(key) is not None
        except (ValueError, KeyError, OSError):
            theirs = False
        vtimezone.known_zone.cache_clear()
        assert vtimezone.known_zone(key) == theirs, key
