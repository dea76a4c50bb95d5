"""Time zones: ``zone_for_name``, ``find_zones``, ``infer_zone``, ``check_dst``."""

from __future__ import annotations

import doctest
from collections.abc import Callable
from datetime import datetime

import pytest

from seminorm.rules import zones
from seminorm.rules.zones import check_dst, find_zones, infer_zone, parse_offset, zone_for_name
from seminorm.zones import evidence, gazetteer

from .helpers import growth


def test_doctests() -> None:
    for mod in (zones, evidence, gazetteer):
        assert doctest.testmod(mod).failed == 0, mod.__name__


@pytest.mark.parametrize(
    ("name", "zone"),
    [
        ("Europe/Zurich", "Europe/Zurich"),
        ("europe/zurich", "Europe/Zurich"),
        ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("US/Eastern", "US/Eastern"),
        ("EST", "America/New_York"),
        ("EDT", "America/New_York"),
        ("CDT", "America/Chicago"),
        ("MST", "America/Denver"),
        ("PST", "America/Los_Angeles"),
        ("PDT", "America/Los_Angeles"),
        ("AKST", "America/Anchorage"),
        ("HST", "Pacific/Honolulu"),
        ("GMT", "UTC"),
        ("UTC", "UTC"),
        ("CET", "Europe/Berlin"),
        ("CEST", "Europe/Berlin"),
        ("EET", "Europe/Athens"),
        ("WEST", "Europe/Lisbon"),
        ("MSK", "Europe/Moscow"),
        ("JST", "Asia/Tokyo"),
        ("KST", "Asia/Seoul"),
        ("AEST", "Australia/Sydney"),
        ("AEDT", "Australia/Sydney"),
        ("ACST", "Australia/Adelaide"),
        ("AWST", "Australia/Perth"),
        ("NZDT", "Pacific/Auckland"),
        ("SGT", "Asia/Singapore"),
        ("HKT", "Asia/Hong_Kong"),
        ("ART", "America/Argentina/Buenos_Aires"),
        ("BRT", "America/Sao_Paulo"),
        ("MEZ", "Europe/Berlin"),
        ("MESZ", "Europe/Berlin"),
        ("IDT", "Asia/Jerusalem"),
        ("ET", "America/New_York"),
        ("PT", "America/Los_Angeles"),
        ("Eastern Time", "America/New_York"),
        ("Eastern Time (US and Canada)", "America/New_York"),
        ("Pacific Time", "America/Los_Angeles"),
        ("Central European Time", "Europe/Berlin"),
        ("central european summer time", "Europe/Berlin"),
        ("heure de Paris", "Europe/Paris"),
        ("Paris time", "Europe/Paris"),
        ("Jerusalem", "Asia/Jerusalem"),
        ("Jerusalem time", "Asia/Jerusalem"),
        ("Tel-Aviv", "Asia/Jerusalem"),
        ("Tel Aviv", "Asia/Jerusalem"),
        ("Zürich", "Europe/Zurich"),
        ("Geneva", "Europe/Zurich"),
        ("Bangalore", "Asia/Kolkata"),
        ("London", "Europe/London"),
        ("New York", "America/New_York"),
        ("Los Angeles", "America/Los_Angeles"),
        ("Switzerland", "Europe/Zurich"),
        ("Israel time", "Asia/Jerusalem"),
        ("Spain time", "Europe/Madrid"),
        ("UTC+2", "Etc/GMT-2"),
        ("GMT-5", "Etc/GMT+5"),
        ("UTC+05:30", "Asia/Kolkata"),
        ("(GMT+01:00)", "Etc/GMT-1"),
        ("UTC+0", "UTC"),
    ],
)
def test_zone_for_name(name: str, zone: str) -> None:
    assert zone_for_name(name) == zone


@pytest.mark.parametrize(
    "name",
    ["Monday", "Room", "IST", "CST", "BST", "Cambridge", "Reading", "Victoria", "United States time",
     "Russia", "UTC+25", "Foo/Bar", "", "paris", "the"],
)  # fmt: skip
def test_zone_for_name_refuses(name: str) -> None:
    assert zone_for_name(name) is None


@pytest.mark.parametrize(
    ("abbrev", "hints", "country", "zone"),
    [
        ("IST", ("Asia/Kolkata",), None, "Asia/Kolkata"),
        ("IST", ("Asia/Jerusalem",), None, "Asia/Jerusalem"),
        ("IST", (), "IE", "Europe/Dublin"),
        ("IST", (), "in", "Asia/Kolkata"),
        ("CST", ("Asia/Shanghai",), None, "Asia/Shanghai"),
        ("CST", ("America/Chicago",), None, "America/Chicago"),
        ("CST", ("America/Winnipeg",), None, "America/Winnipeg"),
        ("BST", ("Europe/London",), None, "Europe/London"),
        ("BST", ("Asia/Dhaka",), None, "Asia/Dhaka"),
        ("CET", ("Europe/Zurich",), None, "Europe/Zurich"),
        ("EST", ("America/Toronto",), None, "America/Toronto"),
        ("CET", ("America/New_York",), None, "Europe/Berlin"),
    ],
)
def test_hints_settle_abbreviations(
    abbrev: str, hints: tuple[str, ...], country: str | None, zone: str
) -> None:
    assert zone_for_name(abbrev, hint_zones=hints, country=country) == zone


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("UTC+2", 120), ("GMT-5", -300), ("UTC+05:30", 330), ("(GMT+01:00)", 60), ("UTC−3", -180),
     ("-0700", -420), ("+0530", 330), ("UTC +5:45", 345), ("GMT+1", 60)],
)  # fmt: skip
def test_offsets_have_the_human_sign(text: str, minutes: int) -> None:
    assert parse_offset(text) == minutes


def test_find_zones() -> None:
    text = (
        "Talk at 16:00 CET (UTC+1). Online for Pacific Time viewers; "
        "heure de Paris. TZID=Europe/Zurich. Another at 3pm IST."
    )
    got = [(z.text, z.zone, z.ambiguous) for z in find_zones(text)]
    assert got == [
        ("CET", "Europe/Berlin", False),
        ("(UTC+1)", "Etc/GMT-1", False),
        ("Pacific Time", "America/Los_Angeles", False),
        ("heure de Paris", "Europe/Paris", False),
        ("Europe/Zurich", "Europe/Zurich", False),
        ("IST", None, True),
    ]
    ist = find_zones(text)[-1]
    assert ist.candidates == ("Asia/Kolkata", "Asia/Jerusalem", "Europe/Dublin")
    assert find_zones("3pm IST", hint_zones=("Asia/Jerusalem",))[0].zone == "Asia/Jerusalem"


def test_find_zones_dst_flags() -> None:
    by_text = {z.text: z for z in find_zones("9am EST, 10am EDT, 11am ET")}
    assert by_text["EST"].is_dst_abbrev is False
    assert by_text["EDT"].is_dst_abbrev is True
    assert by_text["ET"].is_dst_abbrev is None
    assert by_text["EST"].offset_minutes == -300


@pytest.mark.parametrize(
    "text",
    ["the ART of proof", "Room CT 204", "a CAT scan", "PT Barnum", "Monday time slot", "UTC+25",
     "we EAT at noon"],
)  # fmt: skip
def test_find_zones_ignores_words(text: str) -> None:
    assert find_zones(text) == []


@pytest.mark.parametrize(
    ("abbrev", "zone", "when", "mismatch"),
    [
        ("EST", "America/New_York", datetime(2021, 7, 4, 16), True),
        ("EST", "America/New_York", datetime(2021, 1, 4, 16), False),
        ("EDT", "America/New_York", datetime(2021, 1, 4, 16), True),
        ("PST", "America/Los_Angeles", datetime(2001, 5, 2, 13, 10), True),
        ("CET", "Europe/Berlin", datetime(2022, 10, 21, 13), True),
        ("CEST", "Europe/Berlin", datetime(2022, 10, 21, 13), False),
        ("ET", "America/New_York", datetime(2021, 7, 4, 16), False),
        ("GMT", "UTC", datetime(2021, 7, 4, 16), False),
    ],
)
def test_check_dst(abbrev: str, zone: str, when: datetime, mismatch: bool) -> None:
    msg = check_dst(abbrev, zone, when)
    assert (msg is not None) == mismatch
    if msg:
        assert abbrev in msg
        assert zone in msg


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Venue: EPFL, Lausanne. Contact: seminar@epfl.ch", "Europe/Zurich"),
        ("Indian Institute of Science, Bangalore\nmathseminars@math.iisc.ernet.in", "Asia/Kolkata"),
        (
            "https://uni-example.zoom.us/j/1\nDial by your location +972 3 555 0166 Israel",
            "Asia/Jerusalem",
        ),
        ("Dial-in: +97239786688,,81234567890#", "Asia/Jerusalem"),
        ("Kestrel Seminar Room (405 Parrish Hall), Berkeley", "America/Los_Angeles"),
        ("Séminaire à Nantes, LS2N, https://www.ls2n.fr/", "Europe/Paris"),
        ("Contact: office@math.uni-bonn.de, Tel. +49 228 73 2973", "Europe/Berlin"),
        ("Department of Mathematics, University of Helsinki (www.helsinki.fi)", "Europe/Helsinki"),
        ("Imperial College London, maths@imperial.ac.uk", "Europe/London"),
    ],
)
def test_infer_zone(text: str, zone: str) -> None:
    guess = infer_zone(text)
    assert guess is not None, text
    assert guess.zone == zone
    assert guess.evidence


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Speakers from Paris and from Berlin, Tokyo",
        "Call +1 669 555 0134 or +1 929 555 0178",
        "See https://github.io/x and https://ai.example.ai",
        "Reading group: Victoria and Jackson discuss Mobile apps",
        "A talk by Alice Washington at Lincoln Hall",
        "Zoom: https://zoom.us/j/123",
        "A talk by Pablo Moreno and Jack London",
        "+1 669 555 0134 US (San Jose)\n+1 929 555 0178 US (New York)\n+1 312 555 0187 US (Chicago)",
    ],
)
def test_infer_zone_needs_one_zone(text: str) -> None:
    assert infer_zone(text) is None


def test_infer_zone_keeps_institution_cities() -> None:
    guess = infer_zone("Venue: Lecture Theatre 1, University College London")
    assert guess is not None
    assert guess.zone == "Europe/London"


@pytest.mark.parametrize(
    "text",
    [
        "Speaker: Jane Roe (University College London)",
        "Speaker: Ann Lee (Trinity College Dublin), visiting London\n",
        "Colloquium: Dr. Ana Lopes (University of Virginia) on tidal clocks\nRoom: Hall 12\n",
        "Referent: Prof. Jan Berg (Universität Wien)\nRaum: 2.14\n",
        "Conférence de Léa Morel (Université de Lyon)\nSalle : B-204\n",
    ],
)
def test_infer_zone_never_from_a_speakers_affiliation(text: str) -> None:
    """Where the speaker works says nothing about where the talk is."""
    assert infer_zone(text) is None


def test_infer_zone_pools_zones_that_keep_the_same_clock() -> None:
    text = (
        "When: Mar 21, 2024 05:00 PM Amsterdam, Berlin, Rome, Stockholm, Vienna\n"
        "+41434565596,,65432109876# Switzerland\n+1 646 558 8656 US (New York)\n"
    )
    guess = infer_zone(text)
    assert guess is not None
    assert guess.zone == "Europe/Zurich"
    assert guess.evidence.startswith("the phone code +41")


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        # the speaker's city first, the venue's second: the venue names the zone
        ("Speaker: Dr Ann Lee (Trinity College Dublin)\nVenue: Room 2, 14 Gower Row, London\n",
         "Europe/London"),
        ("Speaker: Ann Lee (University of London)\nLocation: Trinity College Dublin\n",
         "Europe/Dublin"),
        ("Sprecherin: Eva Moser (Universität Wien)\nOrt: Hörsaal 3, Berlin\n", "Europe/Berlin"),
        ("Lieu : salle 4, Bruxelles\nOrateur : Jan Peeters (Amsterdam)\n", "Europe/Brussels"),
    ],
)  # fmt: skip
def test_infer_zone_names_the_venue_among_zones_with_one_clock(text: str, zone: str) -> None:
    guess = infer_zone(text)
    assert guess is not None, text
    assert guess.zone == zone


def test_infer_zone_prefers_overwhelming_evidence() -> None:
    text = "EPFL, Lausanne, Geneva, Zürich; seminar@epfl.ch; +41 21 693 11 11; a visitor from Paris"
    guess = infer_zone(text)
    assert guess is not None
    assert guess.zone == "Europe/Zurich"


def test_gazetteer_reads_the_shipped_table() -> None:
    gazetteer._table.cache_clear()
    table = gazetteer.cities()
    assert table["jerusalem"] == "Asia/Jerusalem"
    assert "cambridge" not in table  # England and Massachusetts: dropped
    assert table.get("ulaanbaatar") == "Asia/Ulaanbaatar"
    assert table.get("no such city") is None
    assert len(table._groups) == 4  # only the groups looked up were split out
    assert len(table) > 10_000
    assert gazetteer.countries()["CH"].single == "Europe/Zurich"
    assert gazetteer.countries()["US"].single is None


def test_gazetteer_table_format_round_trips() -> None:
    zone_of = {"geneva": "Europe/Zurich", "genoa": "Europe/Rome", "tel aviv": "Asia/Jerusalem"}
    table, _ = gazetteer._read("\n".join(gazetteer.table_lines(zone_of)) + "\n")
    assert table._groups == {}  # nothing split out before a lookup
    assert table["genoa"] == "Europe/Rome"
    assert set(table._groups) == {"ge"}
    assert dict(table) == zone_of
    with pytest.raises(ValueError, match="cannot hold"):
        gazetteer.table_lines({"a|b": "UTC"})


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    ["0123456789", "Paris Time Zone Eastern ", "UTC+2 GMT-5 (GMT+01:00) ", "a@b.ch +41 22 ", "CET IST EST ",
     "https://www.x.ch/" * 3],
)  # fmt: skip
@pytest.mark.parametrize("fn", [find_zones, infer_zone], ids=["find_zones", "infer_zone"])
def test_linear_on_hostile_input(fn: Callable[[str], object], unit: str) -> None:
    assert growth(fn, unit) < 20
