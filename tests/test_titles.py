"""Titles the way announcements write them (invented texts): quoted inside a line that also
holds the talk's date and time, wrapped over two lines, next to the speaker's own lines.
The scorer's weights choose; these check that the right candidate is proposed and wins."""

from __future__ import annotations

import seminorm
from seminorm.engine.candidates import is_header_field
from seminorm.engine.candidates import item_label as candidates_item_label
from seminorm.engine.fields import clean_title, split_title_speaker
from seminorm.learn import features as ft


def _titles(text: str) -> list[str | None]:
    return [e.title for e in seminorm.parse(text, tz="Europe/Dublin", reference_date="2031-09-01")]


def test_quoted_titles_on_the_lines_of_a_listing() -> None:
    text = (
        "Autumn lectures of the Harbour Science Circle\n"
        "\n"
        "12 October “Tides of the Inner Bay” by Dr Orla Fenwick (Coastal Institute), "
        "Harbour Hall at 7.00 p.m. No fee; please book a seat.\n"
        "\n"
        "26 October “Why Lighthouses Went Dark” by Professor Cian Mallory (Northport "
        "University), Harbour Hall at 7.30 p.m. No fee; please book a seat.\n"
    )
    assert _titles(text) == ["Tides of the Inner Bay", "Why Lighthouses Went Dark"]


def test_a_quotation_before_its_speaker_and_one_that_is_speech() -> None:
    said = ft.quotation("We expect a full hall", "“We expect a full hall”, the organiser said.")
    by = ft.quotation("Tides of the Inner Bay", "On “Tides of the Inner Bay” by Dr Orla Fenwick")
    assert (said["q_said"], said["q_by"]) == (1.0, 0.0)
    assert (by["q_by"], by["q_cue"], by["q_said"]) == (1.0, 1.0, 0.0)


def test_a_title_wrapped_over_two_lines_is_read_whole() -> None:
    text = (
        "Winter programme\n"
        "\n"
        "Salt marshes, seagrass and the slow return of the\n"
        "native oyster\n"
        "\n"
        "Lecture by Maeve Doran, marine ecologist.\n"
        "Date: 14 November 2031\n"
        "Time: 18:00 - 19:30\n"
        "Place: Harbour Hall\n"
    )
    assert _titles(text) == ["Salt marshes, seagrass and the slow return of the native oyster"]


def test_page_chrome_in_other_languages() -> None:
    for line in ("Schrift vergrößern Schrift verkleinern", "Imprimer | Partager", "Leia mais"):
        assert ft.title(line, ft.Spot(0, -3, line, "", "", 1, True))["chrome"] == 1.0
    assert (
        ft.title("Auf der Suche nach dem Ursprung", ft.Spot(0, 1, "", "", "", 1, True))["chrome"]
        == 0.0
    )


def test_summary_speaker_with_degrees_and_a_hyphen() -> None:
    assert split_title_speaker("Orla Fenwick, PhD - Tides of the Inner Bay") == (
        None,
        "Orla Fenwick",
        "Tides of the Inner Bay",
    )


def test_a_schedule_tables_talk_column_gives_the_titles() -> None:
    page = (
        "<html><body><h1>Harbour Science Circle: evening programme</h1>"
        "<p>Harbour Hall, Thursday 13 March 2031</p><table>"
        "<tr><th>Time</th><th>Content</th><th>Presenter</th></tr>"
        "<tr><td>18:00 - 18:30</td><td>Tides of the Inner Bay</td><td>Orla Fenwick</td></tr>"
        "<tr><td>18:30 - 19:00</td><td>Why Lighthouses Went Dark</td><td>Cian Mallory</td></tr>"
        "</table></body></html>"
    )
    events = seminorm.parse(page, tz="Europe/Dublin", reference_date="2031-03-01")
    assert [e.title for e in events] == ["Tides of the Inner Bay", "Why Lighthouses Went Dark"]


def test_the_institution_after_a_speakers_name_in_prose() -> None:
    text = (
        "Spring lectures at the Harbour Science Circle\n"
        "\n"
        "14 March “Tides of the Inner Bay” by Dr Orla Fenwick (Coastal Research Institute), "
        "Harbour Hall at 6.30 p.m. No fee.\n"
    )
    [ev] = seminorm.parse(text, tz="Europe/Dublin", reference_date="2031-03-01")
    assert [(s.name, s.affiliation) for s in ev.speakers] == [
        ("Orla Fenwick", "Coastal Research Institute")
    ]


def test_a_programme_items_label_is_no_part_of_its_title() -> None:
    text = (
        "Autumn school on coastal dynamics\n"
        "\n"
        "Monday, October 13, 2031\n"
        "- 9:00 - 10:00 • Lecture 1.a (Fenwick): Tides in narrow inlets\n"
        "- 10:30 - 12:00 • Problem Session 1.a (Doran): Tides in narrow inlets\n"
        "- 2:00 - 3:00 • Lecture 2.a (Mallory): Sandbars that move\n"
    )
    assert _titles(text) == [
        "Tides in narrow inlets",
        "Tides in narrow inlets",
        "Sandbars that move",
    ]
    # a head that is part of the title stays: no talk's kind before its colon
    assert candidates_item_label("Ninety Years of Tides: What the Gauges Say") is None
    assert candidates_item_label("Séance 3 (Quill) : Les marées") == "Les marées"


def test_a_spanish_question_in_prose_is_a_title_candidate() -> None:
    text = (
        "Este jueves en el Patio de las Ciencias, a partir de las 18:00 horas.\n"
        "Dentro del ciclo de charlas de divulgación que organiza el Instituto de Estudios "
        "del Agua de la Universidad del Valle Alto, esta semana la charla abordará una de "
        "las preguntas que más se escuchan en las aulas y en los mercados de la región: "
        "¿Cómo sabemos cuánta agua queda en los acuíferos?\n"
    )
    assert _titles(text) == ["¿Cómo sabemos cuánta agua queda en los acuíferos?"]


def test_markup_of_a_texmacs_or_latex_source_is_no_part_of_a_title() -> None:
    assert clean_title("\\ <doc-data|<doc-title|Third reading circle>>") == "Third reading circle"
    assert clean_title("\\title{Tides in \\emph{narrow} inlets}") == "Tides in narrow inlets"


def test_heading_lines_that_are_no_titles() -> None:
    assert ft.term_heading("Academic year 2031/32")
    assert not ft.term_heading("Ninety Years of Tides")
    assert ft.chrome_share("Schrift vergrößern Schrift verkleinernBarrierefreie Version") > 0.5
    assert ft.chrome_share("Search for dark matter at the collider") < 0.5


def test_a_postings_header_fields_are_no_titles() -> None:
    assert is_header_field("Type:     larch.cs.group.tides")
    assert is_header_field("<7.3.31.14.02.11.aq+@cs.larch.edu (Ada Quill).0>")
    assert not is_header_field("Keynote: Tides")
    assert not is_header_field("Tides of the inner bay: a survey")


def test_a_closing_note_with_a_date_is_no_part_of_the_title() -> None:
    assert clean_title("Soil microbes. (make-up session of 7 February)") == "Soil microbes"
    assert clean_title("Tides in narrow inlets (moved from May 4)") == "Tides in narrow inlets"
    assert clean_title("Harbours of the north (1850-1900)") == "Harbours of the north (1850-1900)"
