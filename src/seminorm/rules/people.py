"""Speakers: names without honorifics, with their affiliations.

:func:`parse_people` reads a speaker slot (``Speaker: …``, the line under a
title, a listing entry) in the shapes announcements use::

    Prof. Matthieu Wyart - EPFL
    Yuhai Tu (IBM T. J. Watson Research Center)
    Eva Miranda (UPC) and Daniel Peralta-Salas (ICMAT, Spain)
    Arkady Leiderman, Ben-Gurion University of the Negev, Beer Sheva, Israel
    [Ziv Scully](https://ziv.codes/) (Cornell) (on zoom)
    Dr. Dhanya⏎IISc
    Alice Smith¹, Bob Jones²⏎¹ ETH Zurich⏎² EPFL

``Surname, Given`` is not read (it is rare in announcements and looks like
``Name, Affiliation``); a one-word name is kept only with an honorific or an
affiliation (``Dr. Dhanya``). :func:`find_speaker_in_prose` finds speakers in
running text, never organisers, hosts, chairs, jury members or contacts.

The code is in three modules: :mod:`.people_names` (what a name and an
affiliation are), :mod:`.people_slot` (:func:`parse_people`) and
:mod:`.people_prose` (:func:`find_speaker_in_prose`). This one holds the
``RULES`` and the public names.

>>> parse_people("Prof. Matthieu Wyart - EPFL")
[Speaker(name='Matthieu Wyart', affiliation='EPFL')]
>>> parse_people("Eva Miranda (UPC) and Daniel Peralta-Salas (ICMAT, Spain)")[1]
Speaker(name='Daniel Peralta-Salas', affiliation='ICMAT, Spain')
"""

from __future__ import annotations

import re

from seminorm.patterns import LazyPattern

from .base import Rule
from .people_names import (
    HONORIFIC,
    PLACEHOLDER,
    POSTNOMINAL,
    is_organization,
    looks_like_name,
    strip_honorifics,
    strip_role,
)
from .people_prose import SPEAKER_CUE, find_speaker_in_prose, take_name
from .people_slot import parse_people

__all__ = [
    "HONORIFIC",
    "PLACEHOLDER",
    "POSTNOMINAL",
    "RULES",
    "find_speaker_in_prose",
    "is_organization",
    "looks_like_name",
    "parse_people",
    "strip_honorifics",
    "strip_role",
]


def _line_value(m: re.Match[str]) -> tuple[tuple[str, str | None], ...] | None:
    people = parse_people(m.group(0))
    return tuple((p.name, p.affiliation) for p in people) or None


def _prose_value(m: re.Match[str]) -> str | None:
    got = take_name(m.string[m.end() : m.end() + 300])
    return got[0] if got else None


RULES: tuple[Rule[object], ...] = (
    Rule(
        "speaker-slot",
        LazyPattern(r"[^\n]{1,2000}"),
        _line_value,
        examples=(
            ("Prof. Matthieu Wyart - EPFL", (("Matthieu Wyart", "EPFL"),)),
            (
                "Yuhai Tu (IBM T. J. Watson Research Center)",
                (("Yuhai Tu", "IBM T. J. Watson Research Center"),),
            ),
            (
                "Arkady Leiderman, Ben-Gurion University of the Negev, Beer Sheva, Israel",
                (("Arkady Leiderman", "Ben-Gurion University of the Negev, Beer Sheva, Israel"),),
            ),
            (
                "Alice Smith, Bob Jones and Carol White",
                (("Alice Smith", None), ("Bob Jones", None), ("Carol White", None)),
            ),
            (
                "Enzo Crance, Doctorant au sein de l’équipe Gallinette",
                (("Enzo Crance", "équipe Gallinette"),),
            ),
        ),
        counterexamples=(
            "All are welcome",
            "Department of Mathematics",
            "TBA",
            "3:00pm-4:00pm, WMAX 110",
        ),
    ),
    Rule(
        "speaker-prose-cue",
        SPEAKER_CUE,
        _prose_value,
        examples=(
            ("mit einem Vortrag von Iris Engemann unter dem Titel", "Iris Engemann"),
            ("a talk by Prof. Jane Q. Public on knots", "Jane Q. Public"),
            ("Soutenance de thèse de Enzo Crance", "Enzo Crance"),
            ("conferencia a cargo de María del Carmen Calderón", "María del Carmen Calderón"),
        ),
        counterexamples=(
            "the talk by the group was great",
            "a talk by our team",
            "presented by the department",
        ),
    ),
)
