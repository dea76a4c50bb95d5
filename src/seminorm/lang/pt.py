"""Portuguese words (partial): months and weekdays (see :mod:`seminorm.lang`)."""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="pt",
    partial=True,
    months={
        1: ("janeiro",),
        2: ("fevereiro", "fev"),
        3: ("março", "marco"),
        4: ("abril", "abr"),
        5: ("maio",),
        6: ("junho",),
        7: ("julho",),
        8: ("agosto",),
        9: ("setembro", "set"),
        10: ("outubro", "out"),
        11: ("nov",),
        12: ("dezembro", "dez"),
    },
    weekdays={
        0: ("segunda-feira", "segunda", "seg"),
        1: ("terça-feira", "terca-feira", "terça", "terca", "ter"),
        2: ("quarta-feira", "quarta", "qua"),
        3: ("quinta-feira", "quinta", "qui"),
        4: ("sexta-feira", "sexta", "sex"),
        5: ("sábado", "sabado"),
        6: ("domingo",),
    },
    wordlike_months=("set", "out"),
)
