"""Speakers: names without honorifics, with their affiliations.

:func:`parse_people` reads a speaker slot (``Speaker: …``, the line under a
title, a listing entry) in the shapes announcements use::

    Prof. Lucien Varnier - EPFL
    Weiming Lo (IBM T. J. Watson Research Center)
    Elena Moreira (UPC) and Tomás Herrera-Vidal (ICMAT, Spain)
    Boris Kaplinsky, Saint-Hilaire University of the Plains, Red River, Israel
    [Oren Talmi](https://oren.example/) (Cornell) (on zoom)
    Dr. Kavitha⏎IISc
    Alice Smith¹, Bob Jones²⏎¹ ETH Zurich⏎² EPFL

``Surname, Given`` is not read (it is rare in announcements and looks like
``Name, Affiliation``); a one-word name is kept only with an honorific or an
affiliation (``Dr. Kavitha``). :func:`find_speaker_in_prose` finds speakers in
running text, never organisers, hosts, chairs, jury members or contacts.

The code is in three modules: :mod:`.people_names` (what a name and an
affiliation are), :mod:`.people_slot` (:func:`parse_people`) and
:mod:`.people_prose` (:func:`find_speaker_in_prose`). This one holds the
``RULES`` and the public names.

>>> parse_people("Prof. Lucien Varnier - EPFL")
[Speaker(name='Lucien Varnier', affiliation='EPFL')]
>>> parse_people("Elena Moreira (UPC) and Tomás Herrera-Vidal (ICMAT, Spain)")[1]
Speaker(name='Tomás Herrera-Vidal', affiliation='ICMAT, Spain')
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
    two_capitals,
)
from .people_prose import SPEAKER_CUE, affiliation_after, find_speaker_in_prose, take_name
from .people_slot import parse_people

__all__ = [
    "HONORIFIC",
    "PLACEHOLDER",
    "POSTNOMINAL",
    "RULES",
    "affiliation_after",
    "find_speaker_in_prose",
    "is_organization",
    "looks_like_name",
    "parse_people",
    "strip_honorifics",
    "strip_role",
    "two_capitals",
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
            ("Prof. Lucien Varnier - EPFL", (("Lucien Varnier", "EPFL"),)),
            (
                "Weiming Lo (IBM T. J. Watson Research Center)",
                (("Weiming Lo", "IBM T. J. Watson Research Center"),),
            ),
            (
                "Boris Kaplinsky, Saint-Hilaire University of the Plains, Red River, Israel",
                (("Boris Kaplinsky", "Saint-Hilaire University of the Plains, Red River, Israel"),),
            ),
            (
                "Alice Smith, Bob Jones and Carol White",
                (("Alice Smith", None), ("Bob Jones", None), ("Carol White", None)),
            ),
            (
                "Hugo Marchal, Doctorant au sein de l’équipe Pivoine",
                (("Hugo Marchal", "équipe Pivoine"),),
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
            ("ein Vortrag von Greta Hollmann unter dem Titel", "Greta Hollmann"),
            ("a talk by Prof. Jane Q. Public on knots", "Jane Q. Public"),
            ("Soutenance de thèse de Hugo Marchal", "Hugo Marchal"),
            ("conferencia a cargo de Lucía del Pilar Navarro", "Lucía del Pilar Navarro"),
        ),
        counterexamples=(
            "the talk by the group was great",
            "a talk by our team",
            "presented by the department",
        ),
    ),
)
