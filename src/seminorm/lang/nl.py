"""Dutch words (partial): months and weekdays (see :mod:`seminorm.lang`)."""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="nl",
    partial=True,
    months={
        1: ("januari",),
        2: ("februari",),
        3: ("maart", "mrt"),
        4: ("april",),
        5: ("mei",),
        6: ("juni",),
        7: ("juli",),
        8: ("augustus",),
        9: ("september",),
        10: ("oktober",),
        11: ("november",),
        12: ("december",),
    },
    weekdays={
        0: ("maandag",),
        1: ("dinsdag",),
        2: ("woensdag",),
        3: ("donderdag",),
        4: ("vrijdag",),
        5: ("zaterdag",),
        6: ("zondag",),
    },
    wordlike_months=("mei",),
)
