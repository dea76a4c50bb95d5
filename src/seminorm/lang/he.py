"""Hebrew words (partial): the weekday letters of ``יום ה'`` (see :mod:`seminorm.lang`)."""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="he",
    partial=True,
    # Sunday is the first day.
    weekday_letters={"א": 6, "ב": 0, "ג": 1, "ד": 2, "ה": 3, "ו": 4, "ש": 5},
)
