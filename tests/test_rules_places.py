"""Places: rooms, buildings, addresses, map links; places in prose."""

from __future__ import annotations

import doctest

import pytest

from seminorm.model import Location
from seminorm.rules import places
from seminorm.rules.places import (
    find_location_in_prose,
    find_locations_in_prose,
    is_online_only,
    parse_location,
)

from .helpers import growth


def L(name: str | None, address: str | None = None, url: str | None = None) -> Location:
    return Location(name=name, address=address, url=url)


def test_doctests() -> None:
    assert doctest.testmod(places).failed == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BC 2 14 https://map.example.ch/?room==BC%202%2014",
            L("BC 2 14", url="https://map.example.ch/?room==BC%202%2014"),
        ),
        ("Room 3.14, Building X", L("Room 3.14, Building X")),
        ("Pierce SEC 1.210", L("Pierce SEC 1.210")),
        ("Ayres 114", L("Ayres 114")),
        ("Ayres G003", L("Ayres G003")),
        ("WMAX 110", L("WMAX 110")),
        (
            "Lecture Hall III, Department of Physics",
            L("Lecture Hall III, Department of Physics"),
        ),
        ("Kestrel Seminar Room (405 Parrish Hall)", L("Kestrel Seminar Room (405 Parrish Hall)")),
        (
            "Rämistrasse 101, 8092 Zürich",
            L("Rämistrasse 101, 8092 Zürich", "Rämistrasse 101, 8092 Zürich"),
        ),
        ("HG F 5, Rämistrasse 101, 8092 Zürich", L("HG F 5", "Rämistrasse 101, 8092 Zürich")),
        (
            "MIT Building 32, 32 Vassar Street, Cambridge, MA 02139",
            L("MIT Building 32", "32 Vassar Street, Cambridge, MA 02139"),
        ),
        (
            "Salle 2.13, 4 place Jussieu, 75005 Paris",
            L("Salle 2.13", "4 place Jussieu, 75005 Paris"),
        ),
        ("Aula Magna, Via Università 12", L("Aula Magna", "Via Università 12")),
        ("Pierce SEC 1.210**", L("Pierce SEC 1.210")),
        ("Room 101*", L("Room 101")),
        ("  Hörsaal 3  ", L("Hörsaal 3")),
        ("Room 101 & on Zoom", L("Room 101")),
        ("Room 101 / Zoom", L("Room 101")),
        ("Room 101 (hybrid, Zoom link below)", L("Room 101")),
        ("Room 101 and online", L("Room 101")),
        ("Room 101, https://zoom.us/j/123456789", L("Room 101")),
        (
            "ETH HG G 3 <https://www.ethz.ch/maps/HG>",
            L("ETH HG G 3", url="https://www.ethz.ch/maps/HG"),
        ),
        ("in Room 3.14", L("Room 3.14")),
        ("Hybrid - Room 3", L("Room 3")),
        ("In-person: Room 5", L("Room 5")),
        ("HG E 3 (map)", L("HG E 3")),
        (
            "PrintWorks, LLC (4410 Harbor Lane, Fairview, VA 22031)",
            L("PrintWorks, LLC", "4410 Harbor Lane, Fairview, VA 22031"),
        ),
        (
            "FabLab Cottbus @ Walther-Pauer-Straße 5, 03044 Cottbus",
            L("FabLab Cottbus", "Walther-Pauer-Straße 5, 03044 Cottbus"),
        ),
        (
            "Bastelmesse Berlin @ Lindenhofer Str. 8–10, 10965 Berlin",
            L("Bastelmesse Berlin", "Lindenhofer Str. 8–10, 10965 Berlin"),
        ),
        (
            "Haus am Ufer, Am Schilfweg 12, 14469 Potsdam, Germany",
            L("Haus am Ufer", "Am Schilfweg 12, 14469 Potsdam, Germany"),
        ),
        ("Salle 1, 2000 Neuchâtel", L("Salle 1", "2000 Neuchâtel")),
        ("Room 5, London WC1E 6BT", L("Room 5", "London WC1E 6BT")),
        ("Room 3, Spring 2024 seminar", L("Room 3, Spring 2024 seminar")),
        ("Room 1 (Building 3)", L("Room 1 (Building 3)")),
        ("Hybrid (Room 5 and Zoom)", L("Room 5")),
        ("Room 5 or online", L("Room 5")),
        ("Live Oak Room 3", L("Live Oak Room 3")),
        (
            "Lecture Hall 3, Faculty of Archaeology, Giza campus (14:00 local time)",
            L("Lecture Hall 3, Faculty of Archaeology, Giza campus"),
        ),
        ("Room 3.14, 4pm", L("Room 3.14")),
        ("Monday, 16:00-17:00, HG G 3", L("HG G 3")),
        ("3:00pm-4:00pm, WMAX 110", L("WMAX 110")),
        ("May 4, Room 3", L("Room 3")),
        ("2.330", L("2.330")),
        ("101", L("101")),
        (
            "Smith Hall 205 (and via Zoom: https://washington.zoom.us/j/95512345678?pwd=aGVsbG8)",
            L("Smith Hall 205"),
        ),
        ("Gates 415 / Zoom https://stanford.zoom.us/j/91234567890", L("Gates 415")),
        (
            "Salle 15-16.201, Campus Pierre et Marie Curie, 4 place Jussieu, 75005 Paris",
            L("Salle 15-16.201, Campus Pierre et Marie Curie", "4 place Jussieu, 75005 Paris"),
        ),
        ("Room 2, via Zoom", L("Room 2")),
        ("אולם פיזיקה 4 בבניין ניוטון, הר הצופים", L("אולם פיזיקה 4 בבניין ניוטון, הר הצופים")),
    ],
)
def test_parse_location(text: str, expected: Location) -> None:
    assert parse_location(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "TBD",
        "TBA",
        "tba",
        "T.B.A.",
        "to be announced",
        "To be confirmed",
        "<no value>",
        "N/A",
        "-",
        "Zoom",
        "zoom",
        "Online",
        "online only",
        "Online via Zoom",
        "Virtual",
        "Remote",
        "MS Teams",
        "Webex",
        "https://zoom.us/j/123456789",
        "Zoom: https://zoom.us/j/123456789?pwd=x",
        "En ligne",
        "à distance",
        "Online (link sent after registration)",
        "à préciser",
        "wird noch bekannt gegeben",
        "por confirmar",
        "Room TBA",
        "Microsoft Teams-Besprechung",
        "LOCATION",
        "[private]",
        "Teleconference",
        "online / hybrid",
        "Hybrid",
        "In person and online",
        "YouTube livestream",
        "Webex: link in the calendar invite",
        "Online event, link on request",
        "See website",
    ],
)
def test_no_physical_place(text: str) -> None:
    assert parse_location(text) is None


@pytest.mark.parametrize(
    ("text", "online"),
    [
        ("Zoom", True),
        ("online via Zoom (link below)", True),
        ("https://zoom.us/j/123", True),
        ("Webex meeting", True),
        ("Livestream on YouTube", True),
        ("Room 3 and Zoom", False),
        ("TBD", False),
        ("", False),
        ("Room 101", False),
        ("en ligne", True),
    ],
)
def test_is_online_only(text: str, online: bool) -> None:
    assert is_online_only(text) is online


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The seminar will be in Pierce SEC 1.210, with talks starting at 4:15 and coffee at 3:50.",
            "Pierce SEC 1.210",
        ),
        ("Talks are held at 4pm in Room 3.14.", "Room 3.14"),
        (
            "The talk takes place in the Kestrel Seminar Room (405 Parrish Hall) at 1:10pm.",
            "Kestrel Seminar Room (405 Parrish Hall)",
        ),
        (
            "Le jeudi 14 mars à 10h dans l’amphithéâtre du bâtiment 12, UFR Sciences\n",
            "amphithéâtre du bâtiment 12, UFR Sciences",
        ),
        ("La soutenance aura lieu dans la salle B-316 à 14h.", "salle B-316"),
        (
            "el próximo martes a las 19:00 horas en la Sala de Juntas de la Facultad de Ciencias de la Universidad de León, nos hablará",
            "Sala de Juntas de la Facultad de Ciencias de la Universidad de León",
        ),
        ("Der Vortrag findet um 16:15 im Hörsaal 3 statt.", "Hörsaal 3"),
        ("Il seminario si terrà alle 15:00 in aula Magna.", "aula Magna"),
        (
            "ביום ג', 27.3.2012, בשעה 19:00, באולם פיזיקה 4 בבניין ניוטון, הר הצופים**.",
            "אולם פיזיקה 4 בבניין ניוטון, הר הצופים",
        ),
        ("Please come to the lecture at 5 pm in Lecture Hall 1 on Monday.", "Lecture Hall 1"),
        (
            "All talks are at 16:15 in HG G 43 and on Zoom (https://ethz.zoom.us/j/61234567890).",
            "HG G 43",
        ),
        ("The talk is at 4pm in MA B1 524.", "MA B1 524"),
        ("The talk is at 4pm in Room 5 (the room next to the lounge).", "Room 5"),
        (
            "Am Dienstag um 16:15 Uhr spricht Dr. Anna Schmidt im Hörsaal 3 des Mathematischen Instituts über Hodge-Theorie.",
            "Hörsaal 3 des Mathematischen Instituts",
        ),
    ],
)
def test_find_location_in_prose(text: str, name: str) -> None:
    loc = find_location_in_prose(text)
    assert loc is not None
    assert loc.name == name


@pytest.mark.parametrize(
    "text",
    [
        "Am Dienstag, dem 12. Mai wird im Lessing-Gebäude im Rahmen des Festes eine Ausstellung eröffnet.",
        "In May 2021 we moved.",
        "We meet in Zurich 2024.",
        "Colloquium — 4:00 pm, Boyd 303 (tea at 3:30 in the lounge)",
        "In the talk we show that knots are hard.",
        "We meet at 3pm.",
        "This is a virtual seminar series for remote times.",
        "",
    ],
)
def test_no_place_in_prose(text: str) -> None:
    assert find_location_in_prose(text) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    ["in the Seminar Room 1 ", "((((", "Room 3, ", "https://plan.x.ch/?room=1 ", "in A 1. "],
)
def test_hostile_text_scales_linearly(unit: str) -> None:
    assert growth(find_location_in_prose, unit) < 20
    assert growth(find_locations_in_prose, unit) < 20
    assert growth(parse_location, unit) < 20
    assert growth(is_online_only, unit) < 20


def test_find_locations_in_prose_reads_every_sentence_about_the_talk() -> None:
    text = (
        "Coffee at 3 in the lounge. The talk is at 4 pm in Quill Hall 12; slides in Room 5 later."
    )
    assert [p.name for p in find_locations_in_prose(text)] == ["Quill Hall 12", "Room 5 later"]
