"""Speakers: honorifics, affiliations, several speakers, prose."""

from __future__ import annotations

import doctest

import pytest

from seminorm.model import Speaker
from seminorm.rules import people, people_names, people_prose, people_slot
from seminorm.rules.people import (
    find_speaker_in_prose,
    is_organization,
    looks_like_name,
    parse_people,
    strip_honorifics,
)

from .helpers import growth


def S(name: str, affiliation: str | None = None) -> Speaker:
    return Speaker(name=name, affiliation=affiliation)


def test_doctests() -> None:
    for mod in (people, people_names, people_slot, people_prose):
        assert doctest.testmod(mod).failed == 0, mod.__name__


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Prof. Lucien Varnier", "Lucien Varnier"),
        ("Professor Jane Smith", "Jane Smith"),
        ("Dr. Kavitha", "Kavitha"),
        ("Dr Jane Smith", "Jane Smith"),
        ("Mr. John Doe", "John Doe"),
        ("Ms. Jane Doe", "Jane Doe"),
        ("Mrs. Jane Doe", "Jane Doe"),
        ("Pr Jean Dupont", "Jean Dupont"),
        ("Prof. Dr. Ulrich Brändle", "Ulrich Brändle"),
        ("Dott. Mario Rossi", "Mario Rossi"),
        ("Dott.ssa Maria Rossi", "Maria Rossi"),
        ("Ing. Paolo Bianchi", "Paolo Bianchi"),
        ("M. Jean Dupont", "Jean Dupont"),
        ("Mme Marie Curie", "Marie Curie"),
        ("Herr Karl Müller", "Karl Müller"),
        ("Frau Anna Weber", "Anna Weber"),
        ("Sir Michael Atiyah", "Michael Atiyah"),
        ("Assoc. Prof. W. Lo", "W. Lo"),
        ("Associate Professor Jane Doe", "Jane Doe"),
        ("Jane Doe, PhD", "Jane Doe"),
        ("Jane Doe, Ph.D.", "Jane Doe"),
        ("Jane Doe PhD", "Jane Doe"),
        ("Martin Luther King Jr.", "Martin Luther King Jr."),
        ("Don Zagier", "Don Zagier"),
        ("M. Smith", "M. Smith"),
    ],
)
def test_strip_honorifics(raw: str, name: str) -> None:
    assert strip_honorifics(raw) == name


@pytest.mark.parametrize(
    "name",
    [
        "Ada Lovelace",
        "W. Lo",
        "J.-P. Serre",
        "Jean-Pierre Serre",
        "Ludwig van Beethoven",
        "Charles de la Vallée Poussin",
        "Leonardo da Vinci",
        "Ibn al-Haytham Hasan",
        "Oren Talmi",
        "Muhammad bin Salman",
        "Seán O'Brien",
        "Paul McCartney",
        "יואב שקד",
        "Greta Hollmann",
        "Tomás Herrera-Vidal",
        "Lucía del Pilar Navarro Moreno",
        "Ari Kessler",
        "BORIS KAPLINSKY",
        "Дмитрий Иванов",
        "Eliot Ness",
        "Zachary Black",
        "Clement Florence",
        "李 小龙",
    ],
)
def test_looks_like_name(name: str) -> None:
    assert looks_like_name(name)


@pytest.mark.parametrize(
    "text",
    [
        "Department of Mathematics",
        "All are welcome",
        "All are cordially invited!",
        "Ada",
        "IBM RSE",
        "Campus-IT RSE Support",
        "Monday October 3",
        "Room 3.14",
        "Abstract",
        "Seminar Series",
        "Join Zoom Meeting",
        "the speaker is",
        "Deep Learning Theory Seminar",
        "Zoom Meeting",
        "Oberseminar Algebraische Geometrie",
        "Machine Learning Theory",
        "Random Matrices",
        "Optimal Transport",
        "Knot Floer Homology",
        "Mathematical Physics",
        "A. B.",
        "Ada Lovelace Byron King Noel Ockham Smith",
        "Cancelled",
        "https://example.org",
        "ada@example.org",
        "3:00pm-4:00pm",
        "University of British Columbia",
    ],
)
def test_not_a_name(text: str) -> None:
    assert not looks_like_name(text)


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("ETH Zurich", True),
        ("IBM T. J. Watson Research Center", True),
        ("UTK", True),
        ("ORNL/UTK", True),
        ("Campus-IT RSE Support", True),
        ("Microsoft Research", True),
        ("Université de Rennes", True),
        ("Harmonic, Inc.", True),
        ("équipe Pivoine", True),
        ("Ada Lovelace", False),
        ("BORIS KAPLINSKY", False),
        ("Greta Hollmann", False),
        ("", False),
    ],
)
def test_is_organization(text: str, org: bool) -> None:
    assert is_organization(text) is org


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prof. Lucien Varnier - EPFL", [S("Lucien Varnier", "EPFL")]),
        ("Lucien Varnier – EPFL", [S("Lucien Varnier", "EPFL")]),
        (
            "Lucien Varnier — École Polytechnique Fédérale de Lausanne",
            [S("Lucien Varnier", "École Polytechnique Fédérale de Lausanne")],
        ),
        (
            "Weiming Lo (IBM T. J. Watson Research Center)",
            [S("Weiming Lo", "IBM T. J. Watson Research Center")],
        ),
        (
            "Ari Kessler (University of California Irvine)",
            [S("Ari Kessler", "University of California Irvine")],
        ),
        ("Nina Sobczak, UTK", [S("Nina Sobczak", "UTK")]),
        (
            "Boris Kaplinsky, Saint-Hilaire University of the Plains, Red River, Israel",
            [S("Boris Kaplinsky", "Saint-Hilaire University of the Plains, Red River, Israel")],
        ),
        (
            "Boris Kaplinsky, Saint-Hilaire University of the Plains, Red River, Israel, Monday",
            [S("Boris Kaplinsky", "Saint-Hilaire University of the Plains, Red River, Israel")],
        ),
        ("Dylan Parrish, ORNL/UTK, Wednesday - cancelled", [S("Dylan Parrish", "ORNL/UTK")]),
        (
            "Elena Moreira (Universitat Politècnica de Catalunya) and Tomás Herrera-Vidal (Instituto de Ciencias Matemáticas, Spain)",
            [
                S("Elena Moreira", "Universitat Politècnica de Catalunya"),
                S("Tomás Herrera-Vidal", "Instituto de Ciencias Matemáticas, Spain"),
            ],
        ),
        ("Alice Smith and Bob Jones (MIT)", [S("Alice Smith", "MIT"), S("Bob Jones", "MIT")]),
        (
            "Alice Smith (MIT); Bob Jones (ETH Zurich)",
            [S("Alice Smith", "MIT"), S("Bob Jones", "ETH Zurich")],
        ),
        (
            "Alice Smith, Bob Jones and Carol White",
            [S("Alice Smith"), S("Bob Jones"), S("Carol White")],
        ),
        ("Alice Smith & Bob Jones", [S("Alice Smith"), S("Bob Jones")]),
        ("Alice Smith und Bob Jones", [S("Alice Smith"), S("Bob Jones")]),
        ("Jean Dupont et Marie Curie", [S("Jean Dupont"), S("Marie Curie")]),
        ("[Oren Talmi](https://oren.example/) (Cornell)", [S("Oren Talmi", "Cornell")]),
        (
            "[Garrett Holloway](https://pbg.cs.illinois.edu/) (UIUC) (on zoom)",
            [S("Garrett Holloway", "UIUC")],
        ),
        (
            "Rohan Mehrotra (Microsoft Research) (in person)",
            [S("Rohan Mehrotra", "Microsoft Research")],
        ),
        ("Ada Lovelace (remote)", [S("Ada Lovelace")]),
        ("Dr. Kavitha\n          IISc", [S("Kavitha", "IISc")]),
        ("Neil Ashcombe\nHarmonic, Inc.", [S("Neil Ashcombe", "Harmonic, Inc.")]),
        (
            "Ari Kessler\nUniversity of California Irvine",
            [S("Ari Kessler", "University of California Irvine")],
        ),
        (
            "Elena Moreira (UPC)\nTomás Herrera-Vidal (ICMAT)",
            [S("Elena Moreira", "UPC"), S("Tomás Herrera-Vidal", "ICMAT")],
        ),
        (
            "Alice Smith¹, Bob Jones²\n¹ ETH Zurich\n² EPFL",
            [S("Alice Smith", "ETH Zurich"), S("Bob Jones", "EPFL")],
        ),
        (
            "Alice Smith1, Bob Jones2\n1 ETH Zurich\n2 EPFL",
            [S("Alice Smith", "ETH Zurich"), S("Bob Jones", "EPFL")],
        ),
        (
            "Hugo Marchal, Doctorant au sein de l’équipe Pivoine",
            [S("Hugo Marchal", "équipe Pivoine")],
        ),
        ("Jane Doe, Professor of Mathematics at MIT", [S("Jane Doe", "MIT")]),
        ("Jane Doe, PhD student at ETH Zurich", [S("Jane Doe", "ETH Zurich")]),
        ("יואב שקד", [S("יואב שקד")]),
        ("Campus-IT RSE Support", [S("Campus-IT RSE Support")]),
        (
            "Prof. Dr. Ulrich Brändle (Europa-Universität Viadrina)",
            [S("Ulrich Brändle", "Europa-Universität Viadrina")],
        ),
        ("W. Lo (IBM)", [S("W. Lo", "IBM")]),
        ("Ada Lovelace <ada@example.org>", [S("Ada Lovelace")]),
        ("Ada Lovelace, ada@example.org", [S("Ada Lovelace")]),
        ("**Ada Lovelace** (Cambridge)", [S("Ada Lovelace", "Cambridge")]),
        ("Jane Doe (she/her), MIT", [S("Jane Doe", "MIT")]),
        ("Jane Doe from MIT", [S("Jane Doe", "MIT")]),
        ("Jane Doe at Google Research", [S("Jane Doe", "Google Research")]),
        ("Jane Doe, Ph.D., Senior Scientist, Google", [S("Jane Doe", "Google")]),
        (
            "Ada Lovelace, University of Cambridge (joint with Charles Babbage)",
            [S("Ada Lovelace", "University of Cambridge")],
        ),
        ("Ada Lovelace (Cambridge, joint work with C. Babbage)", [S("Ada Lovelace", "Cambridge")]),
        ("JOHN SMITH, MIT", [S("JOHN SMITH", "MIT")]),
        ("Professor Emeritus Jane Doe", [S("Jane Doe")]),
        ("Dr.-Ing. Hans Meier (TU München)", [S("Hans Meier", "TU München")]),
        (
            "Prof. Jane Doe\nDepartment of Physics\nUniversity of Somewhere",
            [S("Jane Doe", "Department of Physics, University of Somewhere")],
        ),
        ("Jane Doe\nMIT\nJohn Roe\nStanford", [S("Jane Doe", "MIT"), S("John Roe", "Stanford")]),
        (
            "Dr. Jane Doe, MIT & Dr. John Roe, Stanford",
            [S("Jane Doe", "MIT"), S("John Roe", "Stanford")],
        ),
        ("Lihua ZHANG (Princeton)", [S("Lihua ZHANG", "Princeton")]),
        ("Jane Doe – On the Riemann hypothesis and random matrices", [S("Jane Doe")]),
        ('Jane Doe - "Knots"', [S("Jane Doe")]),
        ("Jane Doe – Universidade de São Paulo", [S("Jane Doe", "Universidade de São Paulo")]),
        ("Jane Doe\nOn the Riemann hypothesis", [S("Jane Doe")]),
        ("Jane Doe\nWhat is a knot?", [S("Jane Doe")]),
        ("Jane Doe\nThe Ohio State University", [S("Jane Doe", "The Ohio State University")]),
        ("Jane Doe\nStanford", [S("Jane Doe", "Stanford")]),
        (
            "Dr. Jane Doe, Associate Professor, Department of X, University of Y",
            [S("Jane Doe", "Department of X, University of Y")],
        ),
        (
            "Jane Doe, Assistant Professor of Computer Science at Stanford",
            [S("Jane Doe", "Stanford")],
        ),
        ("Jane Doe (Ph.D. candidate, MIT)", [S("Jane Doe", "MIT")]),
        ("Jane Doe & John Roe (both MIT)", [S("Jane Doe", "MIT"), S("John Roe", "MIT")]),
        ("J. Smith and K. Jones (Oxford)", [S("J. Smith", "Oxford"), S("K. Jones", "Oxford")]),
        (
            "Maya Rosenthal¹, Kenji Watanabe² and Aroha Ngata¹\n¹ University of Auckland   ² RIKEN Center for Computational Science",
            [
                S("Maya Rosenthal", "University of Auckland"),
                S("Kenji Watanabe", "RIKEN Center for Computational Science"),
                S("Aroha Ngata", "University of Auckland"),
            ],
        ),
        (
            "Dr. Rebecca Oyelowo, Editor, Journal of Open Biology\nProf. Hiroshi Kaneko, Tohoku University",
            [
                S("Rebecca Oyelowo", "Journal of Open Biology"),
                S("Hiroshi Kaneko", "Tohoku University"),
            ],
        ),
        (
            "dr hab. Bartosz Wójcik (Jagiellonian University)",
            [S("Bartosz Wójcik", "Jagiellonian University")],
        ),
        ("Prof. Kwame Asante, Georgia Tech", [S("Kwame Asante", "Georgia Tech")]),
        (
            "Alice Smith, Bob Jones, Carol White",
            [S("Alice Smith"), S("Bob Jones"), S("Carol White")],
        ),
        ("Ada Lovelace (Cambridge) and Ada Lovelace (Cambridge)", [S("Ada Lovelace", "Cambridge")]),
    ],
)
def test_parse_people(text: str, expected: list[Speaker]) -> None:
    assert parse_people(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "TBA",
        "TBD",
        "to be announced",
        "All are welcome",
        "Department of Mathematics",
        "3:00pm-4:00pm, WMAX 110",
        "Abstract",
        "Cancelled",
        "<no value>",
        "We will discuss the results.",
    ],
)
def test_parse_people_gives_nobody(text: str) -> None:
    assert parse_people(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Den Auftakt macht ein Vortrag von Greta Hollmann unter dem Titel „Bratislava“.",
            [S("Greta Hollmann")],
        ),
        (
            "Das Ostsee-Kolloquium von Prof. Dr. Ulrich Brändle startet am Montag mit einem Vortrag von Greta Hollmann.",
            [S("Greta Hollmann")],
        ),
        (
            "We are pleased to announce a talk by Prof. Jane Q. Public (MIT) on knots.",
            [S("Jane Q. Public", "MIT")],
        ),
        (
            "The next seminar will be given by Ada Lovelace, University of Cambridge, on engines.",
            [S("Ada Lovelace", "University of Cambridge")],
        ),
        ("This lecture is presented by Alan Turing.", [S("Alan Turing")]),
        ("Ada Lovelace will speak on analytical engines.", [S("Ada Lovelace")]),
        ("Ada Lovelace (Cambridge) will present her work.", [S("Ada Lovelace", "Cambridge")]),
        (
            "Soutenance de thèse de Hugo Marchal\n\nHugo Marchal, Doctorant au sein de l’équipe Pivoine, présentera sa thèse intitulée :",
            [S("Hugo Marchal", "équipe Pivoine")],
        ),
        ("Séminaire présenté par Marie Curie (ESPCI).", [S("Marie Curie", "ESPCI")]),
        (
            "le ha tocado venir a Granada a Pablo Quesada, profesor del Departamento de Química y Física de la Universidad de Valdemoro autor del blog, quien el martes nos hablará de problemas.",
            [
                S(
                    "Pablo Quesada",
                    "Departamento de Química y Física de la Universidad de Valdemoro",
                )
            ],
        ),
        (
            "Conferencia a cargo de María García (Universidad de Sevilla).",
            [S("María García", "Universidad de Sevilla")],
        ),
        (
            "Seminario tenuto da Mario Rossi (Politecnico di Milano).",
            [S("Mario Rossi", "Politecnico di Milano")],
        ),
        ("A conversation with Prof. Ada Lovelace about engines.", [S("Ada Lovelace")]),
        (
            "Am Dienstag um 16:15 Uhr spricht Dr. Anna Schmidt (Universität Bonn) im Hörsaal 3 über Hodge-Theorie.",
            [S("Anna Schmidt", "Universität Bonn")],
        ),
        (
            "Tomorrow we have Yann Dubois (Stanford) giving a talk on representations.",
            [S("Yann Dubois", "Stanford")],
        ),
        ("Ada Lovelace is giving a talk on engines.", [S("Ada Lovelace")]),
        (
            "We are delighted to welcome Prof. Sarah Connor from Caltech, who will talk about robotics.",
            [S("Sarah Connor", "Caltech")],
        ),
        (
            "Join us for a special lecture by Nobel laureate Professor Kip Thorne (Caltech).",
            [S("Kip Thorne", "Caltech")],
        ),
        (
            "The Department invites you to the colloquium talk given by Terence Tao, UCLA.",
            [S("Terence Tao", "UCLA")],
        ),
        (
            "Nous avons le plaisir d'accueillir Marie Dupont (CNRS) qui présentera ses travaux.",
            [S("Marie Dupont", "CNRS")],
        ),
        (
            "La conférence sera donnée par Cédric Villani, de l'Institut Henri Poincaré.",
            [S("Cédric Villani", "Institut Henri Poincaré")],
        ),
        (
            "El Dr. Juan Pérez, investigador del CSIC, impartirá la conferencia.",
            [S("Juan Pérez", "CSIC")],
        ),
        (
            "Il prof. Marco Bianchi (Università di Pisa) terrà un seminario.",
            [S("Marco Bianchi", "Università di Pisa")],
        ),
        ("This week our guest is Jane Roe.", [S("Jane Roe")]),
        (
            "Our speaker this week is Dr. Alan Kay of Viewpoints Research.",
            [S("Alan Kay", "Viewpoints Research")],
        ),
        ("PhD defense of Bob Martin. Advisor: Prof. Carol King.", [S("Bob Martin")]),
        ("Thesis defense: Maria Garcia", [S("Maria Garcia")]),
        (
            "Seminar by Prof. John Smith (Oxford) and Dr. Mary Jones (Cambridge)",
            [S("John Smith", "Oxford"), S("Mary Jones", "Cambridge")],
        ),
        (
            "Ada Lovelace of the University of Cambridge will speak.",
            [S("Ada Lovelace", "University of Cambridge")],
        ),
        ("a talk by Ada Lovelace at Room 5", [S("Ada Lovelace")]),
        (
            "We are delighted to announce that Dr Amara Okafor, Reader in the History of Medicine at\n"
            "the University of Lagos, will deliver this year's Hartley Lecture on Thursday.",
            [S("Amara Okafor", "University of Lagos")],
        ),
        # the tail of an organisation's name is no speaker; two names joined by 'and' are
        (
            "Dr. Ada Quill, director of the Centre for Open Rivers, will speak on Friday.",
            [S("Ada Quill", "Centre for Open Rivers")],
        ),
        ("The founder of the Centre for Open Rivers, will be speaking at noon.", []),
    ],
)
def test_find_speaker_in_prose(text: str, expected: list[Speaker]) -> None:
    assert find_speaker_in_prose(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "This online seminar is organized by Kolya Varin and Yosef Adlerstein.",
        "The seminar is hosted by Jane Doe.",
        "Das Kolloquium von Prof. Dr. Ulrich Brändle startet am Montag.",
        "If you'd like to join our mailing list, please email Livia Thornbury at perla@eng.example.edu.",
        "Jury :\nCamille Vautrin, Professeur des universités, Université de Rennes\nJulien Castagne, Chercheur industriel, Vector Forge",
        "Host: Jane Doe\nChair: John Roe",
        "(joint with Eitan Barak)",
        "with talks starting at 4:15 and coffee at 3:50",
        "The talk by the group was great.",
        "Organisé par Jean Dupont.",
        "Advisor: Prof. Carol King",
        "The seminar of the Department of Mathematics will present results.",
        "Contact Jane Doe for more information.",
    ],
)
def test_prose_never_gives_organisers(text: str) -> None:
    assert find_speaker_in_prose(text) == []


def test_prose_reads_names_with_footnote_affiliations() -> None:
    text = (
        'Joint Seminar — Coastal Hazards\n\n"Tsunami evacuation modelling"\n\n'
        "Maya Rosenthal¹, Kenji Watanabe² and Aroha Ngata¹\n"
        "¹ University of Auckland   ² RIKEN Center for Computational Science\n\nTuesday 8 July 2025, 3–4pm"
    )
    assert find_speaker_in_prose(text) == [
        S("Maya Rosenthal", "University of Auckland"),
        S("Kenji Watanabe", "RIKEN Center for Computational Science"),
        S("Aroha Ngata", "University of Auckland"),
    ]


def test_prose_reads_footnote_affiliations_in_a_joined_paragraph() -> None:
    text = "Maya Rosenthal¹, Kenji Watanabe² and Aroha Ngata¹ ¹ University of Auckland ² RIKEN\n\nTuesday 3pm"
    assert find_speaker_in_prose(text) == [
        S("Maya Rosenthal", "University of Auckland"),
        S("Kenji Watanabe", "RIKEN"),
        S("Aroha Ngata", "University of Auckland"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith will give the lecture.", [S("Smith")]),
        (
            "Hosted by Prof. Ada Lovelace, this seminar features Alan Turing (Manchester).",
            [S("Alan Turing", "Manchester")],
        ),
        (
            "Welcome! Prof. J. R. Tolkien (Oxford) will speak about languages.",
            [S("J. R. Tolkien", "Oxford")],
        ),
        ("Please welcome our speaker, Dr. Grace Hopper (Yale).", [S("Grace Hopper", "Yale")]),
        ("The seminar series is organized by Prof. Jane Doe and Dr. John Roe.", []),
        (
            "In this talk, based on joint work with Alice Smith and Bob Jones, we present new results.",
            [],
        ),
        ("Refreshments will be served by the Graduate Student Association.", []),
    ],
)
def test_prose_honorifics_and_hosts(text: str, expected: list[Speaker]) -> None:
    assert find_speaker_in_prose(text) == expected


def test_prose_keeps_order_and_dedupes() -> None:
    text = "A talk by Ada Lovelace. Later, a lecture by Alan Turing. Again a talk by Ada Lovelace (Cambridge)."
    assert find_speaker_in_prose(text) == [S("Ada Lovelace", "Cambridge"), S("Alan Turing")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    ["Prof. ", "Ada Lovelace (", "((((", "A, B and ", "talk by Ada ", "Ada Will speak, who "],
)
def test_hostile_text_scales_linearly(unit: str) -> None:
    assert growth(find_speaker_in_prose, unit) < 20
    assert growth(parse_people, unit) < 20
    assert growth(looks_like_name, unit) < 20


@pytest.mark.parametrize(
    ("before", "name"),
    [
        ("Étienne Rabaud, organisateur des séminaires — ", "Étienne Rabaud"),
        ("Jane Roe, seminar organizer, Dept. of Mathematics ", "Jane Roe"),
        ("Prof. Dr. Anna Weber (", "Prof. Dr. Anna Weber"),
        ("Dr. J. Smith - ", "Dr. J. Smith"),
        ("Rabaud, Étienne: ", "Rabaud, Étienne"),  # surname first: one name
        ("Seminar secretariat, ", "Seminar secretariat"),
        (" — ", None),
        ("", None),
    ],
)
def test_organizer_name_before_the_address(before: str, name: str | None) -> None:
    from seminorm.engine.where import organizer_name

    assert organizer_name(before) == name


def test_postnominals_read_from_the_end_as_from_the_whole_text() -> None:
    import random

    from seminorm.rules import people_names

    words = ["Jane", "Doe", "x" * 25, "é", "on", "PhDx", "of"]
    titles = ["PhD", "Ph.D.", "ph. d.", "D. Phil.", "MSc", "M.A.", "MBA", "FRS", "FRSE", "FREng",
              "FIEEE", "habil.", "Dr. h. c.", "dr.h.c.", "M.D."]  # fmt: skip
    rng = random.Random(11)
    for _ in range(20000):
        head = " ".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
        tail = "".join(
            rng.choice([", ", " ", ",", ""]) + rng.choice(titles) for _ in range(rng.randint(0, 9))
        )
        text = " ".join((head + tail).split())
        expected = people_names.POSTNOMINAL.sub("", text)
        assert people_names._without_postnominals(text) == expected, text


def test_a_slot_line_is_prepared_as_by_every_substitution() -> None:
    import random

    from seminorm.rules import people_slot as slot

    def every(text: str) -> str:
        s = slot._URLISH.sub(" ", slot._MDLINK.sub(r"\1", text))
        s = slot._MARKUP_OR_EMPTY_PARENS.sub(" ", s)
        for _ in range(3):
            s2 = slot._NOTE.sub("", s)
            if s2 == s:
                break
            s = s2
        return s

    pieces = ["Ada Lovelace", " ", "(", ")", "[", "]", "[Ada](https://a.example/x)", "(online)",
              "[TBC]", "(she/her)", "a@b.org", "<a@b.org>", "www.x.org", "https://x", "*", "_",
              "#", "`", "( )", "](", "://", "@", "\t"]  # fmt: skip
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert slot._prepare(text) == every(text), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the link on a name in a page's text stands between it and its affiliation
        (
            "Ada Quill <https://example.org/~aq/> (Ixland Institute of Technology)",
            [Speaker(name="Ada Quill", affiliation="Ixland Institute of Technology")],
        ),
        # a nickname in parentheses is part of the name, not an affiliation
        (
            "Jonathan (Jon) Q. Roe (Ixland University)",
            [Speaker(name="Jonathan (Jon) Q. Roe", affiliation="Ixland University")],
        ),
        (
            "Ada Quill (Ixland) Bo Li",
            [Speaker(name="Ada Quill", affiliation="Ixland"), Speaker(name="Bo Li")],
        ),
        # '&' inside an affiliation does not start a second person, nor does 'R&D'
        (
            "Ada Quill, Department of Earth & Planetary Sciences, University of Ixland",
            [
                Speaker(
                    name="Ada Quill",
                    affiliation="Department of Earth & Planetary Sciences, University of Ixland",
                )
            ],
        ),
        ("Ada Quill\nIXCO R&D Center", [Speaker(name="Ada Quill", affiliation="IXCO R&D Center")]),
    ],
)
def test_parse_people_links_nicknames_and_ampersands(text: str, expected: list[Speaker]) -> None:
    assert parse_people(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Föreläsning av Greta Lind, professor i historia.", [Speaker(name="Greta Lind")]),
        ("Lezing door Jan de Vries over bruggen.", [Speaker(name="Jan de Vries")]),
        (
            "Palestra com a professora Ana Souza, da Universidade de Vila Nova.",
            [Speaker(name="Ana Souza", affiliation="Universidade de Vila Nova")],
        ),
        (
            "Conférence par Jeanne Marchal, directrice de recherche.",
            [Speaker(name="Jeanne Marchal")],
        ),
        ("Conferencia por Lucía Pérez en el aula magna.", [Speaker(name="Lucía Pérez")]),
        ("Ana Souza falará sobre redes.", [Speaker(name="Ana Souza")]),
        (
            "The series continues with a talk from Ada Quill. Ms. Quill is",
            [Speaker(name="Ada Quill")],
        ),
        (
            "there are two talks by Dr. Ada Quill of Ixland College (and tea).",
            [Speaker(name="Ada Quill", affiliation="Ixland College")],
        ),
        # the people listed after a cue, each introduced by an honorific
        (
            "El coloquio contará con la participación del doctor Tomás Vidal Roca del Instituto de "
            "Química, el doctor Ana Ruiz Soto, del Instituto de Física, y la doctora Eva Mora "
            "Sanz. La cita es",
            [
                Speaker(name="Tomás Vidal Roca", affiliation="Instituto de Química"),
                Speaker(name="Ana Ruiz Soto", affiliation="Instituto de Física"),
                Speaker(name="Eva Mora Sanz"),
            ],
        ),
        # a name does not run back over a line break into the title line above it
        ("Tidal Models\nAda Quill will speak on tides.", [Speaker(name="Ada Quill")]),
        ("Ixland PhD candidate Ada Quill explains the failure.", [Speaker(name="Ada Quill")]),
    ],
)
def test_prose_in_more_languages(text: str, expected: list[Speaker]) -> None:
    assert find_speaker_in_prose(text) == expected


@pytest.mark.parametrize(
    ("rest", "affiliation"),
    [
        (" (Ixland Institute of Technology), on knots", "Ixland Institute of Technology"),
        (" <https://example.org/~aq/> (University of Nowhere)", "University of Nowhere"),
        (", from the Ixland Institute", "Ixland Institute"),
        (", professor i historia.", None),  # a role without its institution
        (' - Thesis Proposal 12:30-2:00 p.m. "Tides of HbH', None),
    ],
)
def test_affiliation_after_a_name(rest: str, affiliation: str | None) -> None:
    from seminorm.rules.people import affiliation_after

    assert affiliation_after(rest) == affiliation


def test_role_titles_and_phrases_are_not_names_or_institutions() -> None:
    assert not looks_like_name("Associate Professor")
    assert not looks_like_name("Program Manager")
    assert looks_like_name("James Dean")
    assert not is_organization("Two new results about the XYZ transform")
    assert is_organization("Dept. of EPP")


def test_given_name_table_answers_as_the_set_of_its_lines():
    """The table is looked up in its text for the first questions, then as a set: the
    same answers as the set of its non-empty, non-comment lines, before and after."""
    from seminorm.rules.people_names import _Lines

    text = "# a comment line\nada\n\nbo\n# x\nquill\n"
    lines = {w for w in text.split("\n") if w and not w.startswith("#")}
    table = _Lines(text)
    asked = ["ada", "bo", "quill", "", "#", "# x", "a", "da", "ada\nbo", "x", "adas", "Ada"] * 8
    for word in asked:
        assert (word in table) == (word in lines), word
