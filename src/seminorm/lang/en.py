"""English words: months, weekdays, relative days (see :mod:`seminorm.lang`)."""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="en",
    months={
        1: ("january", "jan"),
        2: ("february", "feb", "febr"),
        3: ("march", "mar"),
        4: ("april", "apr"),
        5: ("may",),
        6: ("june", "jun"),
        7: ("july", "jul"),
        8: ("august", "aug"),
        9: ("september", "sep", "sept"),
        10: ("october", "oct"),
        11: ("november", "nov"),
        12: ("december", "dec"),
    },
    weekdays={
        0: ("monday", "mon"),
        1: ("tuesday", "tue", "tues"),
        2: ("wednesday", "wed"),
        3: ("thursday", "thu", "thur", "thurs"),
        4: ("friday", "fri"),
        5: ("saturday", "sat"),
        6: ("sunday", "sun"),
    },
    wordlike_months=("may", "mar", "sept", "jun", "jul"),
    today=("today", "tonight", r"this[ \t]+(?:afternoon|evening|morning)"),
    tomorrow=("tomorrow",),
    before_weekday=("this", "next", "coming"),
)
