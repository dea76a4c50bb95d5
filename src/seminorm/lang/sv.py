"""Swedish words (partial): months and weekdays (see :mod:`seminorm.lang`)."""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="sv",
    partial=True,
    months={
        1: ("januari",),
        2: ("februari",),
        3: ("mars",),
        4: ("april",),
        5: ("maj",),
        6: ("juni",),
        7: ("juli",),
        8: ("augusti",),
        9: ("september",),
        10: ("oktober",),
        11: ("november",),
        12: ("december",),
    },
    weekdays={
        0: ("måndag", "mån"),
        1: ("tisdag", "tis"),
        2: ("onsdag", "ons"),
        3: ("torsdag", "tors"),
        4: ("fredag", "fre"),
        5: ("lördag", "lör"),
        6: ("söndag", "sön"),
    },
    wordlike_months=("maj",),
)
