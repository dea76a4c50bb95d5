"""Polish words (partial): academic titles before a name (see :mod:`seminorm.lang`)."""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="pl",
    partial=True,
    honorifics=(r"inż\.?", r"mgr\.?", r"hab\.?"),
)
