"""French words: months, weekdays, relative days (see :mod:`seminorm.lang`)."""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="fr",
    months={
        1: ("janvier", "janv"),
        2: ("février", "fevrier", "févr", "fevr"),
        3: ("mars",),
        4: ("avril", "avr"),
        5: ("mai",),
        6: ("juin",),
        7: ("juillet", "juil"),
        8: ("août", "aout"),
        9: ("septembre", "sept"),
        10: ("octobre", "oct"),
        11: ("novembre", "nov"),
        12: ("décembre", "decembre", "déc", "dec"),
    },
    weekdays={
        0: ("lundi", "lun"),
        1: ("mardi", "mar"),
        2: ("mercredi", "mer"),
        3: ("jeudi", "jeu"),
        4: ("vendredi", "ven"),
        5: ("samedi", "sam"),
        6: ("dimanche", "dim"),
    },
    today=("aujourd['’]hui", r"ce[ \t]+soir"),
    tomorrow=("demain",),
    before_weekday=("ce", "prochain"),
    after_weekday=("prochain", "prochaine"),
)
