"""ICS time zones: TZID repair, custom VTIMEZONEs, floating times (SPEC 4.2, 4.4)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from seminorm.context import Context
from seminorm.model import Event
from seminorm.readers.ics import parse_ics
from seminorm.readers.ics.infer import _fallback
from seminorm.zones.tzid import match_vtimezone, name_to_iana, offset_zone

ICS = Path(__file__).parent / "ics"


def one(name: str, ctx: Context | None = None) -> Event:
    [ev] = parse_ics((ICS / name).read_bytes(), ctx or Context(today=date(2024, 3, 12)))
    return ev


def codes(ev: Event) -> list[str]:
    return [w.code for w in ev.warnings]


def message(ev: Event, code: str) -> str:
    return next((w.message for w in ev.warnings if w.code == code), "")


@pytest.mark.parametrize(
    ("fixture", "zone", "offset_hours"),
    [
        ("event_tzid_windows.ics", "Europe/Berlin", 2),
        ("event_tzid_mozilla.ics", "Europe/Berlin", 2),
        ("event_tzid_softwarestudio.ics", "America/New_York", -4),
        ("event_tzid_display_gmt_cities.ics", "Europe/Berlin", 2),
        ("event_tzid_display_utc_eastern.ics", "America/New_York", -4),
        ("event_tzid_quoted_iana.ics", "Europe/Paris", 2),
        ("event_tzid_gmt_offset.ics", "Etc/GMT-1", 1),
        ("event_vtimezone_custom_us_eastern.ics", "America/New_York", -4),
        ("event_vtimezone_custom_cet_lic_location.ics", "Europe/Zurich", 2),
        ("event_vtimezone_bogus_dst_xwr.ics", "Europe/Berlin", 2),
        ("event_dt_floating_xwr.ics", "Europe/Zurich", 2),
    ],
)
def test_zone_is_mapped_to_iana(fixture: str, zone: str, offset_hours: int) -> None:
    ev = one(fixture)
    assert ev.timezone == zone
    assert isinstance(ev.start, datetime)
    assert ev.start.tzinfo == ZoneInfo(zone)
    assert ev.start.replace(tzinfo=None) == datetime(2024, 5, 4, 16)
    offset = ev.start.utcoffset()
    assert offset is not None
    assert offset.total_seconds() == offset_hours * 3600
    assert "tz-missing" not in codes(ev)


def test_mapping_is_reported() -> None:
    ev = one("event_tzid_windows.ics")
    assert "mapped TZID 'W. Europe Standard Time' to Europe/Berlin" in message(ev, "ics-repaired")
    assert ev.ics_extra == ("EXDATE;TZID=Europe/Berlin:20240511T160000",)


def test_quoted_iana_tzid_is_no_repair() -> None:
    assert "TZID" not in message(one("event_tzid_quoted_iana.ics"), "ics-repaired")


def test_unknown_tzid_stays_floating_never_utc() -> None:
    ev = one("event_tzid_unknown.ics")
    assert ev.start == datetime(2024, 5, 4, 16)
    assert ev.timezone is None
    assert "tz-missing" in codes(ev)
    assert "unknown TZID 'Nowhere/Land'" in message(ev, "ics-repaired")


def test_unknown_tzid_takes_the_callers_zone() -> None:
    ev = one("event_tzid_unknown.ics", Context(tz="Europe/Vienna"))
    assert ev.timezone == "Europe/Vienna"


def test_floating_time_without_evidence_stays_floating() -> None:
    ev = one("event_dt_floating.ics")
    assert ev.floating
    assert ev.timezone is None
    assert "tz-missing" in codes(ev)


def test_floating_time_takes_ctx_tz_silently() -> None:
    ev = one("event_dt_floating.ics", Context(tz="America/Chicago"))
    assert ev.timezone == "America/Chicago"
    assert codes(ev) == []


def test_x_wr_timezone_wins_over_ctx_tz() -> None:
    ev = one("event_dt_floating_xwr.ics", Context(tz="America/Chicago"))
    assert ev.timezone == "Europe/Zurich"


def test_floating_time_zone_inferred_from_a_country_url() -> None:
    ev = one("event_dt_floating_ch_url.ics")
    assert ev.timezone == "Europe/Zurich"
    assert "tz-inferred" in codes(ev)
    assert ".ch" in message(ev, "tz-inferred")


def test_custom_vtimezone_without_iana_equivalent_keeps_the_absolute_time() -> None:
    ev = one("event_vtimezone_unmatched_offsets.ics")
    # 08:00 at +12:00 on 3 March is 20:00 UTC on 2 March
    assert ev.start == datetime(2024, 3, 2, 20, tzinfo=ZoneInfo("UTC"))
    assert "matches no IANA zone" in message(ev, "ics-repaired")


@pytest.mark.parametrize(
    ("tzid", "zone"),
    [
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        (
            "/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires",
            "America/Argentina/Buenos_Aires",
        ),
        ("Europe_Berlin", "Europe/Berlin"),
        ("IndianReunion", "Indian/Reunion"),
        ("custom_Pacific/Fiji", "Pacific/Fiji"),
        ('"America/Los_Angeles"', "America/Los_Angeles"),
        ("(UTC-05:00) Eastern Time (US and Canada)", "America/New_York"),
        ("Canberra, Melbourne, Sydney", "Australia/Sydney"),
        ("(UTC-03:00) Brasília", "America/Sao_Paulo"),
        ("utc", "UTC"),
        ("Customized Time Zone", None),
        ("LOLOLOL", None),
    ],
)
def test_name_to_iana(tzid: str, zone: str | None) -> None:
    assert name_to_iana(tzid) == zone


@pytest.mark.parametrize(
    ("tzid", "zone"),
    [("GMT+0100", "Etc/GMT-1"), ("UTC-05:00", "Etc/GMT+5"), ("GMT+0530", None), ("GMT", None)],
)
def test_offset_zone(tzid: str, zone: str | None) -> None:
    assert offset_zone(tzid) == zone


def test_vtimezone_match_prefers_the_hinted_equivalent_zone() -> None:
    lines = (ICS / "event_vtimezone_custom_cet_lic_location.ics").read_text().splitlines()
    vtz = lines[lines.index("BEGIN:VTIMEZONE") : lines.index("END:VTIMEZONE") + 1]
    assert match_vtimezone(vtz, [2024], ["Europe/Paris"]) == ("Europe/Paris", "")
    assert match_vtimezone(vtz, [2024]) == ("Europe/Berlin", "")


def _custom(std: str, dst: str | None, std_rule: str = "", dst_rule: str = "") -> list[str]:
    """A custom VTIMEZONE (a made-up TZID) with these offsets and yearly rules."""
    lines = ["BEGIN:VTIMEZONE", "TZID:Customized Time Zone", "BEGIN:STANDARD",
             "DTSTART:16010101T030000", f"TZOFFSETFROM:{dst or std}", f"TZOFFSETTO:{std}"]  # fmt: skip
    lines += [f"RRULE:{std_rule}"] if std_rule else []
    lines.append("END:STANDARD")
    if dst:
        lines += ["BEGIN:DAYLIGHT", "DTSTART:16010101T020000", f"TZOFFSETFROM:{std}",
                  f"TZOFFSETTO:{dst}", f"RRULE:{dst_rule}", "END:DAYLIGHT"]  # fmt: skip
    return [*lines, "END:VTIMEZONE"]


@pytest.mark.parametrize(
    ("vtz", "zone"),
    [
        # offsets no zone has: nothing matches
        (_custom("+0130", "+0230", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
                 "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"), (None, "no IANA zone has its offsets")),
        # a southern zone none of the preferred ones is: found among all the others
        (_custom("+0930", "+1030", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4",
                 "FREQ=YEARLY;BYDAY=1SU;BYMONTH=10"), ("Australia/Adelaide", "")),
        # the right offsets, but summer time ends at 05:00: the closest zone, said so
        ([line.replace("T030000", "T050000") for line in _custom(
            "+0100", "+0200", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
            "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3")], ("Europe/Berlin", "closest")),
        (_custom("+0545", None), ("Asia/Katmandu", "")),
    ],
)  # fmt: skip
def test_a_custom_zone_loads_only_the_zones_that_can_have_its_offsets(
    vtz: list[str], zone: tuple[str | None, str]
) -> None:
    from seminorm.zones import tzid

    tzid._loaded.cache_clear()
    assert match_vtimezone(vtz, [2023, 2024]) == zone
    assert tzid._loaded.cache_info().currsize < 150  # of some 600 (83 have +01/+02)


def test_the_offsets_read_from_each_zone_file_are_those_zoneinfo_gives() -> None:
    """The gate before loading a zone never leaves out a zone that could match."""
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from seminorm.zones import tzid

    index = tzid._offset_index()
    assert len(index) > 300
    moments = [datetime(1970, 1, 1, tzinfo=UTC) + timedelta(days=23 * i) for i in range(1070)]
    for key, offsets in index.items():
        zone = ZoneInfo(key)
        given = {int(m.astimezone(zone).utcoffset().total_seconds()) for m in moments}  # type: ignore[union-attr]
        assert offsets is not None, key
        assert given <= offsets, key


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("https://www.unibas.ch/talk", "Europe/Zurich"),
        ("mailto:seminar@math.uni-bonn.de", "Europe/Berlin"),
        ("call +972 3 555 0166", "Asia/Jerusalem"),
        ("https://youtu.be/abc", None),  # a link shortener says nothing about the place
        ("https://example.ch and https://example.de", None),  # conflicting evidence
        ("https://example.com", None),
    ],
)
def test_fallback_inference(text: str, zone: str | None) -> None:
    guess = _fallback(text, [""])
    assert (guess[0] if guess else None) == zone


# --- IANA keys by any spelling (seminorm.zones.keys.iana_key) ----------------------------------


def test_every_key_is_found_by_its_spelling_in_any_case() -> None:
    from zoneinfo import available_timezones

    from seminorm.zones.keys import iana_key

    keys = available_timezones()
    assert keys
    for key in keys:
        assert iana_key(key) == key
        assert iana_key(key.lower()) == key
        assert iana_key(f" {key.upper()} ") == key


@pytest.mark.parametrize(
    "name",
    ["", "Europe/Nowhere", "W. Europe Standard Time", "Europe", "Europe/../Europe/Zurich",
     "/etc/passwd", "posixrules", "Europe/Zurich;", "x" * 200],
)  # fmt: skip
def test_names_that_are_no_key(name: str) -> None:
    from seminorm.zones.keys import iana_key

    assert iana_key(name) is None


def test_an_exact_spelling_does_not_list_every_zone() -> None:
    """Listing the zones opens every zone file (10 to 30 ms); an exact name needs none of it."""
    from seminorm.zones import keys

    if not keys._exact_spelling_only():
        pytest.skip("zone files found by any spelling here: the list is always needed")
    keys.zone_keys.cache_clear()
    keys.iana_key.cache_clear()
    try:
        assert keys.iana_key("America/Argentina/Buenos_Aires") == "America/Argentina/Buenos_Aires"
        assert keys.iana_key("Etc/GMT+5") == "Etc/GMT+5"
        assert keys.zone_keys.cache_info().currsize == 0
        assert keys.iana_key("america/new_york") == "America/New_York"
        assert keys.zone_keys.cache_info().currsize == 1
    finally:
        keys.iana_key.cache_clear()


def test_where_any_spelling_opens_a_zone_the_list_gives_the_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a file system that ignores case, ZoneInfo('europe/zurich') opens: never echo that."""
    from seminorm.zones import keys

    keys.iana_key.cache_clear()
    monkeypatch.setattr(keys, "_exact_spelling_only", lambda: False)
    try:
        assert keys.iana_key("europe/zurich") == "Europe/Zurich"
        assert keys.iana_key("Europe/Zurich") == "Europe/Zurich"
    finally:
        keys.iana_key.cache_clear()


def _utc_feed(extra_cal: str, location: str) -> bytes:
    loc = f"LOCATION:{location}\r\n" if location else ""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n" + extra_cal
        + "BEGIN:VEVENT\r\nUID:u1@example.org\r\nDTSTAMP:20240101T000000Z\r\n"
        "DTSTART:20240312T150000Z\r\nDTEND:20240312T160000Z\r\nSUMMARY:Seminar\r\n" + loc
        + "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()  # fmt: skip


@pytest.mark.parametrize(
    ("extra_cal", "location", "zone"),
    [
        # an institution's feed written in UTC: shown in its own zone, the same instants
        ("X-WR-TIMEZONE:America/Chicago\r\n", "Room 346, Hall of Science", "America/Chicago"),
        ("", "Seminarraum 2, Zürich", "Europe/Zurich"),
        # nothing names a zone, or only an online meeting: UTC stays
        ("", "Room 346", None),
        ("", "Online (Zoom / YouTube)", None),
        ("", "https://stream.example.be/live", None),
        ("", "", None),
    ],
)
def test_utc_feed_shown_in_its_institutions_zone(
    extra_cal: str, location: str, zone: str | None
) -> None:
    [ev] = parse_ics(_utc_feed(extra_cal, location), Context(today=date(2024, 3, 12)))
    assert isinstance(ev.start, datetime)
    assert ev.start == datetime(2024, 3, 12, 15, 0, tzinfo=ZoneInfo("UTC"))
    if zone is None:
        assert ev.timezone in (None, "UTC")
        assert "tz-inferred" not in codes(ev)
    else:
        assert ev.timezone == zone
        assert "UTC" in message(ev, "tz-inferred")
        assert zone in message(ev, "tz-inferred")


def test_the_windows_table_shipped_in_data_is_icalendars() -> None:
    """The build step (``setup.py``) writes icalendar's table into the package's ``data/``;
    seminorm reads that file, not icalendar's module."""
    import os

    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    import seminorm
    from seminorm.zones.tzid import WINDOWS_FILE, windows_table

    folder = os.path.dirname(seminorm.__file__)
    assert os.path.isfile(os.path.join(folder, "data", WINDOWS_FILE)), "build step not run"
    assert windows_table(folder) == WINDOWS_TO_OLSON
    assert windows_table() == WINDOWS_TO_OLSON


def test_the_windows_table_written_and_its_fallback(tmp_path: Path) -> None:
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    from seminorm.zones.tzid import WINDOWS_FILE, windows_table, write_windows_table

    # no file (an editable install whose build could not import icalendar): icalendar's module
    assert windows_table(str(tmp_path)) == WINDOWS_TO_OLSON
    assert write_windows_table(str(tmp_path)) == len(WINDOWS_TO_OLSON)
    assert (tmp_path / "data" / WINDOWS_FILE).is_file()
    assert windows_table(str(tmp_path)) == WINDOWS_TO_OLSON
