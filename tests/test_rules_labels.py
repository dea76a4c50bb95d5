"""The multilingual label table: which lines are labels, and of what."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seminorm.rules import labels
from seminorm.rules.labels import LABELS, field_of, split_label

from .helpers import growth


def test_doctests() -> None:
    assert doctest.testmod(labels).failed == 0


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Speaker: Ada Lovelace", ("speaker", "Ada Lovelace")),
        (
            "SPEAKER: Boris Kaplinsky, Saint-Hilaire University",
            ("speaker", "Boris Kaplinsky, Saint-Hilaire University"),
        ),
        ("*Speaker:* Ada", ("speaker", "Ada")),
        ("**Title:** On knots", ("title", "On knots")),
        ("**Title**: On knots", ("title", "On knots")),
        ("• Date: 04/24/2009", ("date", "04/24/2009")),
        (
            "Title   : Bounded Growth Parabolic Question",
            ("title", "Bounded Growth Parabolic Question"),
        ),
        ("Speaker : Dr. Kavitha", ("speaker", "Dr. Kavitha")),
        ("Lieu : Salle 2.13", ("place", "Salle 2.13")),
        ("Durée : environ 1 heure", ("duration", "environ 1 heure")),
        ("Duration: 90 minutes", ("duration", "90 minutes")),
        ("Dauer: ca. 45 Minuten", ("duration", "ca. 45 Minuten")),
        ("Length: 1 hour", ("duration", "1 hour")),
        ("Salle : B-316", ("place", "B-316")),
        ("Orateur : Jean Dupont (LIP6)", ("speaker", "Jean Dupont (LIP6)")),
        ("Oratrice: Marie Curie", ("speaker", "Marie Curie")),
        ("Résumé : Nous étudions…", ("abstract", "Nous étudions…")),
        ("Referent: Prof. Dr. Karl Müller", ("speaker", "Prof. Dr. Karl Müller")),
        ("Referentin: Anna Weber", ("speaker", "Anna Weber")),
        ("Vortragende(r): Anna Weber", ("speaker", "Anna Weber")),
        ("Ort: Hörsaal 3", ("place", "Hörsaal 3")),
        ("Raum: HG F 5", ("place", "HG F 5")),
        ("Zeit: 16:15 Uhr", ("time", "16:15 Uhr")),
        ("Uhrzeit: 16 c.t.", ("time", "16 c.t.")),
        ("Zusammenfassung: Wir zeigen …", ("abstract", "Wir zeigen …")),
        (
            "Relatore: Mario Rossi (Politecnico di Milano)",
            ("speaker", "Mario Rossi (Politecnico di Milano)"),
        ),
        ("Relatrice: Maria Bianchi", ("speaker", "Maria Bianchi")),
        ("Titolo: Teoria dei nodi", ("title", "Teoria dei nodi")),
        ("Aula: Aula Magna", ("place", "Aula Magna")),
        ("Ora: 15:00", ("time", "15:00")),
        ("Riassunto: …", ("abstract", "…")),
        ("Ponente: María García", ("speaker", "María García")),
        ("Título: Nudos", ("title", "Nudos")),
        ("Lugar: Sala de Grados", ("place", "Sala de Grados")),
        ("Fecha: 28 de octubre", ("date", "28 de octubre")),
        ("Hora: 18:30", ("time", "18:30")),
        ("Who: Ada Lovelace", ("speaker", "Ada Lovelace")),
        ("When: Tuesday 3pm", ("when", "Tuesday 3pm")),
        ("Where: Room 3.14", ("place", "Room 3.14")),
        ("Date and time: May 4, 16:00", ("when", "May 4, 16:00")),
        ("Date & Time: May 4", ("when", "May 4")),
        (
            "Topic: Prof. Lucien Varnier - ANLS Online Seminar",
            ("title", "Prof. Lucien Varnier - ANLS Online Seminar"),
        ),
        (
            "Venue: Lecture Hall III, Department of Physics",
            ("place", "Lecture Hall III, Department of Physics"),
        ),
        ("Lecturer(s):", ("speaker", "")),
        ("Invited speaker: Ada", ("speaker", "Ada")),
        ("Presenter: Ada", ("speaker", "Ada")),
        ("Host: Jane Doe", ("host", "Jane Doe")),
        ("Hosted by: Jane Doe", ("host", "Jane Doe")),
        ("Organizers: A and B", ("host", "A and B")),
        ("Chair: Bob", ("host", "Bob")),
        ("Jury :", ("host", "")),
        ("Contact: perla@eng.example.edu", ("host", "perla@eng.example.edu")),
        ("Organisateur : Pierre", ("host", "Pierre")),
        ("Gastgeber: Prof. X", ("host", "Prof. X")),
        ("Zoom: https://zoom.us/j/123", ("online", "https://zoom.us/j/123")),
        (
            "Meeting link: https://meet.google.com/abc-defg-hij",
            ("online", "https://meet.google.com/abc-defg-hij"),
        ),
        ("Meeting ID: 812 3456 7890", ("meeting_id", "812 3456 7890")),
        ("Passcode: 402917", ("passcode", "402917")),
        ("Code secret : 123", ("passcode", "123")),
        ("Kennwort: abc", ("passcode", "abc")),
        ("Series: External FLAIR seminar", ("series", "External FLAIR seminar")),
        ("Event series: Math Colloquium", ("series", "Math Colloquium")),
        ("Affiliation: EPFL", ("affiliation", "EPFL")),
        ("Bio: Ada is …", ("bio", "Ada is …")),
        ("Biography:", ("bio", "")),
        ("Registration: https://forms.gle/x", ("registration", "https://forms.gle/x")),
        ("- Speaker: X Y", ("speaker", "X Y")),
        (
            "* Speaker: [Oren Talmi](https://oren.example/) (Cornell)",
            ("speaker", "[Oren Talmi](https://oren.example/) (Cornell)"),
        ),
        ("> Speaker: quoted in a reply", ("speaker", "quoted in a reply")),
        ("Speaker", ("speaker", "")),
        ("Speaker:", ("speaker", "")),
        ("Abstract", ("abstract", "")),
        ("Place", ("place", "")),
        ("Date", ("date", "")),
        ("## Abstract", ("abstract", "")),
        ("Speaker - Ada Lovelace", ("speaker", "Ada Lovelace")),
        ("Room – HG F 5", ("place", "HG F 5")),
        ("Titel：Knoten", ("title", "Knoten")),
        ("Data: 12 maggio 2024", ("date", "12 maggio 2024")),
        ("Date / Time: May 4, 4pm", ("when", "May 4, 4pm")),
        ("Date & Location: May 4, Room 3", ("when", "May 4, Room 3")),
        ("Ort/Zeit: HS 1, 16 Uhr", ("when", "HS 1, 16 Uhr")),
        ("Time/Place:", ("when", "")),
        ("Date & Time", ("when", "")),
        ("Zoom-Link: https://zoom.us/j/1", ("online", "https://zoom.us/j/1")),
        ("Meeting-Link: https://x.org", ("online", "https://x.org")),
        ("Seminar room: HG G 3", ("place", "HG G 3")),
        ("Speaker/Affiliation: Ada (MIT)", ("speaker", "Ada (MIT)")),
        ("Where and when: Room 3, 4pm", ("when", "Room 3, 4pm")),
        ("Organiza: Departamento de Álgebra", ("host", "Departamento de Álgebra")),
        ("Imparte: Dr. Juan Pérez", ("speaker", "Dr. Juan Pérez")),
        ("Invité : Jean Dupont", ("speaker", "Jean Dupont")),
        ("Advisor: Prof. Carol King", ("host", "Prof. Carol King")),
        ("Hybrid: Room 5 & Zoom", ("place", "Room 5 & Zoom")),
        ("Meeting passcode: 1234", ("passcode", "1234")),
        ("Thesis title: On knots", ("title", "On knots")),
        ("Organizing Committee:", ("host", "")),
        ("Panelists:", ("speaker", "")),
        ("Panel moderator: Sarah Whitlock", ("host", "Sarah Whitlock")),
        ("Facilitator: Dr Rukhsana Begum", ("speaker", "Dr Rukhsana Begum")),
        (
            "Expositora: Valentina Sosa (UBA / CONICET)",
            ("speaker", "Valentina Sosa (UBA / CONICET)"),
        ),
        ("Doctoranda: Marta Puig i Soler", ("speaker", "Marta Puig i Soler")),
        ("Tribunal:", ("host", "")),
        ("In person: Lecture Hall 3", ("place", "Lecture Hall 3")),
        ("Presidente: Dr. Andrés Villanueva", ("host", "Dr. Andrés Villanueva")),
    ],
)
def test_labels(line: str, expected: tuple[str, str]) -> None:
    assert split_label(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Note: the talk is in English",
        "https://zoom.us/j/123456789",
        "http://example.org",
        "10:30",
        "10:30 - 11:30 coffee",
        "Zoom",
        "Talk",
        "Seminar",
        "Colloquium: Ada Lovelace",
        "Subject: [Colloquium] Math",
        "Data - driven models",
        "speaker - lower case is prose",
        "Speaker notes are available",
        "Speakers from all over the world",
        "Time flies: a talk about clocks",
        "Where we are going",
        "Hosted by Jane",
        "Link://weird",
        "",
        "   ",
        "Dear all,",
        "All are cordially invited!",
        "Length",
        "Duration",
    ],
)
def test_not_labels(line: str) -> None:
    assert split_label(line) is None


def test_every_label_reads_its_field() -> None:
    for field, words in LABELS.items():
        for w in words:
            got = split_label(f"{w}: x")
            assert got is not None, w
            if field_of(w) == field:
                assert got == (field, "x"), w


def test_case_and_accents() -> None:
    assert field_of("HÖRSAAL") == "place"
    assert field_of("résumé") == "abstract"
    assert split_label("TITRE : Les nœuds") == ("title", "Les nœuds")


def test_online_word_alone_is_a_value() -> None:
    # "Place\nZoom": the line "Zoom" is the value of Place, not a new label
    assert split_label("Zoom") is None
    assert split_label("Online") is None


def test_multiline_input_reads_first_line() -> None:
    assert split_label("Speaker: Ada\nTitle: Knots") == ("speaker", "Ada")


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit", ["Speaker: ", "**Title:** ", "((((", "- - - - ", "Speaker Speaker ", "9" * 7 + ":"]
)
def test_hostile_lines_scale_linearly(unit: str) -> None:
    assert growth(split_label, unit) < 20


_LINE_BITS = ("Speaker", "Title", "Date & Time", "Lieu", "HÖRSAAL", "Room", "Abstract", "Note",
              ":", "：", " :", "-", " - ", " – ", "—", "*", "**", "_", "__", " ", "\t", "  ",
              "•", ">", "#", "|", "Ada Lovelace", "10:30", "https://x.org/a", "x" * 30,
              "word " * 8, "é", "1")  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(line=st.lists(st.sampled_from(_LINE_BITS), max_size=14).map("".join))
def test_label_rules_are_skipped_only_where_they_cannot_match(line: str) -> None:
    """``split_label`` tries a rule only when its quick test passes: never a lost match."""
    from seminorm.rules import labels

    s = line.strip()
    for rule, may_match in zip(labels.RULES, labels._MAY_MATCH, strict=True):
        if rule.pattern.match(s):
            assert may_match(s), (rule.name, s)
