"""``engine.segment.clean`` skips its regular expressions on lines that cannot
need them; it must give what running them always gives. Patterns rewritten
to start with a literal match like their plain forms."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seminorm.engine import segment
from seminorm.model import Event


def _plain_clean(line: str) -> str:
    s = segment._DECOR.sub("", line, count=1)
    if "](" in s:
        s = segment._MD_LINK.sub(r"\1", s)
    s = segment._EMPH.sub("", s)
    return " ".join(s.split())


BITS = (" ", "\t", "\u00a0", "\u3000", "*", "**", "_", "__", "-", "–", "•", "#", ">", "|",
        "Speaker:", "Ada", "[Ada](https://x.org/a)", "(", ")", "a_b", "x*y", "\n")  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(line=st.lists(st.sampled_from(BITS), max_size=12).map("".join))
def test_clean_is_the_plain_clean(line: str) -> None:
    assert segment.clean(line) == _plain_clean(line)


def test_decor_marks_and_white_space_are_what_decor_can_start_with() -> None:
    first = re.compile(segment._DECOR.pattern.replace("{0,12}", ""))
    for cp in range(0x110000):
        c = chr(cp)
        assert bool(first.match(c)) == (c.isspace() or c in segment._DECOR_MARKS), hex(cp)


# --- patterns rewritten so that ``re`` can skip ahead ------------------------
# Each is written to start with a literal (a character ``re`` jumps to); the
# plain forms below are how they read naturally. Both must match alike.

_PLAIN_FORMS = {
    "segment._EMPH": r"\*{1,3}|_{2,3}",
    "fields.QUOTED": (
        r"\"\s?([^\"\n]{8,300}?)\s?\"|[“„]\s?([^“”„\n]{8,300}?)\s?[”“]|"
        r"«\s?([^«»\n]{8,300}?)\s?»|‘([^‘’\n]{8,300}?)’(?!\w)"
    ),
}
_QUOTE_WORDS = ("*", "**", "_", "__", "___", '"', "“", "”", "„", "«", "»", "‘", "’", " ",
                "\n", "a", "Title words here", "x_y", "On knots")  # fmt: skip


@pytest.mark.parametrize("name", sorted(_PLAIN_FORMS))
@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_QUOTE_WORDS), max_size=30).map("".join))
def test_fast_forms_match_like_the_plain_ones(name: str, text: str) -> None:
    from seminorm.engine import fields, segment

    module, attr = name.split(".")
    fast = getattr({"segment": segment, "fields": fields}[module], attr)
    plain = re.compile(_PLAIN_FORMS[name])

    def seen(p: re.Pattern[str]) -> list[tuple[tuple[int, int], str | None]]:
        return [(m.span(), next((g for g in m.groups() if g is not None), None))
                for m in p.finditer(text)]  # fmt: skip

    assert seen(fast) == seen(plain)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(("a", "word", " ", "   ", "\n", "\t", " " * 300, "x" * 150)), max_size=20
    ).map("".join),
    limit=st.integers(min_value=0, max_value=250),
)
def test_squeezed_is_the_prefix_of_the_whole_squeeze(text: str, limit: int) -> None:
    from seminorm.engine.doc import squeezed

    assert squeezed(text, limit) == " ".join(text.split())[:limit]


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        ("Quantum Information Seminar — Autumn 2024", "Quantum Information Seminar"),
        ("Applied Math Seminar, Winter 2025", "Applied Math Seminar"),
        ("Geoinformatics seminar — November 2025", "Geoinformatics seminar"),
        ("Historisches Kolloquium im Sommersemester 2025", "Historisches Kolloquium"),
        (
            "Seminario de Lógica y Computación (modalidad virtual)",
            "Seminario de Lógica y Computación",
        ),
        ('Mini-Workshop "Random Matrices and Applications"', "Random Matrices and Applications"),
        ('Ciclo di incontri "Scienza e società"', "Scienza e società"),
        ("Cycle de conférences « Les mardis de la mer »", "Les mardis de la mer"),
        ("Reihe „Wissenschaft im Dialog“", "Wissenschaft im Dialog"),
        ("REMINDER — Physics Colloquium", "Physics Colloquium"),
        # an online meeting's boilerplate is no series
        ("Microsoft Teams meeting", None),
        ("Meeting number (access code): 2630 118 4592", None),
        ("Join Zoom Meeting", None),
        # names that only look like it stay
        ("Password Security Seminar", "Password Security Seminar"),
        ("Zoom Seminar Series", "Zoom Seminar Series"),
        ('Seminar on "Knots"', 'Seminar on "Knots"'),
        ("May Lectures", "May Lectures"),
    ],
)
def test_clean_series(series: str, expected: str | None) -> None:
    from seminorm.engine.fields import clean_series

    assert clean_series(series) == expected


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("Skip to main content", True),
        ("Skip to content", True),
        ("Jump to navigation", True),
        ("Toggle navigation", True),
        ("Aller au contenu principal", True),
        ("Zum Inhalt springen", True),
        ("Ir al contenido principal", True),
        ("MOUNTAIN WEST UNIVERSITY | Department of Atmospheric Science", True),
        ("Home | Research | Events", True),
        ("Instituto de Física Teórica del Levante — Events", True),
        ("Department of Physics - News", True),
        # titles and series stay candidates
        ("Skipping stones on icy lakes: the physics of ricochet", False),
        ("Cloud feedbacks in a warming Arctic | a satellite view", False),
        ("Atmospheric Science Colloquium", False),
        ("Gravitational waves — news from the early universe", False),
    ],
)
def test_web_page_controls_and_banners_are_no_title(line: str, chrome: bool) -> None:
    from seminorm.engine.header import _WEB_CHROME, _banner

    assert bool(_WEB_CHROME.match(line) or _banner(line)) == chrome


def only_event(text: str, today: str, tz: str | None = None) -> Event:
    """The one event the whole pipeline reads from ``text``."""
    from datetime import date

    from seminorm.context import Context
    from seminorm.pipeline import parse_bytes

    [ev] = parse_bytes(text.encode(), Context(today=date.fromisoformat(today), tz=tz))
    return ev


def test_a_page_starting_with_skip_to_content_keeps_its_title() -> None:
    text = (
        "Skip to main content\n"
        "NORTHERN PLAINS UNIVERSITY | Department of Geology\n\n"
        "Geology Colloquium\n\n"
        "Glacial lakes and the timing of the last deglaciation\n\n"
        "Friday, March 6, 2026 - 3:30pm to 4:30pm\n"
        "Speaker(s): Dr. Lena Moritz, University of Bern\n"
        "Location: Science Hall 104\n"
    )
    ev = only_event(text, "2026-02-01", "America/Chicago")
    assert ev.title == "Glacial lakes and the timing of the last deglaciation"


def test_a_date_line_ending_in_its_zone_is_no_title_cue() -> None:
    """``13:00 horas (hora del centro de México)`` ends with ")" like ``a talk by X (Y)``,
    but the parenthesis is the time's zone: the line after it is the venue, not the title."""
    text = (
        "SEMINARIO DE GEOFÍSICA\n\n"
        '"Sismos lentos en la brecha de Guerrero"\n\n'
        "Imparte: Dra. Lucía Ortega (UNAM)\n\n"
        "Jueves 12 de marzo de 2026, 12:00 horas (hora del centro de México)\n"
        'Auditorio "Tlaloc", Circuito de la Investigación Científica, CDMX\n'
    )
    ev = only_event(text, "2026-03-01")
    assert ev.title == "Sismos lentos en la brecha de Guerrero"


def test_a_sidebar_listing_gives_no_title() -> None:
    """``6 Mar — Colloquium: X (SISSA)`` ends like ``a talk by X (Y)``; the next entry,
    a dated line, is no title, and neither is the page's own heading."""
    text = (
        "Institute for Marine Sciences — Events\n\n"
        "Colloquium\n\n"
        "Deep currents and the carbon pump\n\n"
        "Speaker: Dr. Ines Varga (GEOMAR)\n"
        "Date: 12 March 2026\n"
        "Time: 11:00–12:00\n\n"
        "Upcoming events\n"
        "  19 Mar 2026 — Colloquium: Paolo Neri (OGS)\n"
        "  26 Mar 2026 — PhD day\n"
    )
    ev = only_event(text, "2026-03-01", "Europe/Berlin")
    assert ev.title == "Deep currents and the carbon pump"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # hard-wrapped prose: the quote runs across a line break
        ("Dr Okafor will deliver this year's Hartley Lecture, \"Cowpox, cotton and\n"
         "colonial medicine: vaccination in West Africa\", on Thursday 19 September.",
         "Cowpox, cotton and colonial medicine: vaccination in West Africa"),
        ('Ada will give a talk, "Knots and their invariants", at noon.',
         "Knots and their invariants"),
        ("Sie hält den Vortrag, „Zufall und Ordnung in großen Matrizen“, am Dienstag.",
         "Zufall und Ordnung in großen Matrizen"),
        # a quote after no cue, or across a paragraph, is no title
        ('The "new building" opens on Monday.', None),
        ('Ada will give a talk, "Knots and their\n\ninvariants", at noon.', None),
    ],
)  # fmt: skip
def test_quoted_title(text: str, title: str | None) -> None:
    from seminorm.engine.fields import quoted_title

    found = quoted_title(text)
    assert (found[0] if found else None) == title
