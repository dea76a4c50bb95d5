"""Spanish words: months, weekdays, relative days (see :mod:`seminorm.lang`).

No word for tomorrow: "mañana" is also the morning ("10:00 de la mañana").
"""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="es",
    months={
        1: ("enero", "ene"),
        2: ("febrero",),
        3: ("marzo", "mar"),
        4: ("abril", "abr"),
        5: ("mayo",),
        6: ("junio", "jun"),
        7: ("julio", "jul"),
        8: ("agosto",),
        9: ("septiembre", "setiembre", "sept", "sep"),
        10: ("octubre", "oct"),
        11: ("noviembre", "nov"),
        12: ("diciembre", "dic"),
    },
    weekdays={
        0: ("lunes", "lun"),
        1: ("martes", "mar"),
        2: ("miércoles", "miercoles", "mié"),
        3: ("jueves", "jue"),
        4: ("viernes", "vie"),
        5: ("sábado", "sabado", "sáb"),
        6: ("domingo", "dom"),
    },
    today=("hoy",),
    before_weekday=("este", "próximo"),
)
