"""German words: months, weekdays, relative days (see :mod:`seminorm.lang`)."""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="de",
    months={
        1: ("januar", "jänner", "jaenner", "jan"),
        2: ("februar", "feb"),
        3: ("märz", "maerz", "marz", "mär"),
        4: ("april", "apr"),
        5: ("mai",),
        6: ("juni",),
        7: ("juli",),
        8: ("august", "aug"),
        9: ("september", "sept", "sep"),
        10: ("oktober", "okt"),
        11: ("november", "nov"),
        12: ("dezember", "dez"),
    },
    weekdays={
        0: ("montag",),
        1: ("dienstag",),
        2: ("mittwoch",),
        3: ("donnerstag",),
        4: ("freitag",),
        5: ("samstag", "sonnabend"),
        6: ("sonntag",),
    },
    today=("heute",),
    # "morgen" is tomorrow; "Morgen" (capitalised) is the morning.
    tomorrow=("(?-i:morgen)",),
    before_weekday=("nächsten", "kommenden"),
)
