"""Danish words (partial): months and weekdays (see :mod:`seminorm.lang`)."""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="da",
    partial=True,
    months={
        1: ("januar",),
        2: ("februar",),
        3: ("marts",),
        4: ("april",),
        5: ("maj",),
        6: ("juni",),
        7: ("juli",),
        8: ("august",),
        9: ("september",),
        10: ("oktober",),
        11: ("november",),
        12: ("december",),
    },
    weekdays={
        0: ("mandag",),
        1: ("tirsdag",),
        2: ("onsdag",),
        3: ("torsdag",),
        4: ("fredag",),
        5: ("lørdag",),
        6: ("søndag",),
    },
    conjunctions=("og",),
)
