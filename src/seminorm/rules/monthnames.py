"""Month and weekday names in English, French, German, Spanish, Italian,
Portuguese, Dutch and Swedish (with the Danish and Norwegian forms).

Data only, shared by :mod:`.dates` and :mod:`.when`. Every name is listed as
written, with and without accents, and with the usual abbreviations; lookups
go through :func:`month_number` and :func:`weekday_number`, which ignore case
and a trailing dot.

>>> month_number("Décembre"), month_number("sept."), weekday_number("giovedi")
(12, 9, 3)
"""

from __future__ import annotations

_MONTHS: dict[int, str] = {
    1: "january jan janvier janv gennaio gen januar jänner jaenner enero ene janeiro januari januar",
    2: "february feb febr février fevrier févr fevr febbraio februar febrero fevereiro fev februari",
    3: "march mar mars marzo märz maerz marz mär março marco maart mrt marts",
    4: "april apr avril avr aprile abril abr",
    5: "may mai maggio mayo maio mei maj",
    6: "june jun juin giugno giu juni junio junho",
    7: "july jul juillet juil luglio lug juli julio julho",
    8: "august aug août aout agosto augustus augusti",
    9: "september sep sept septembre settembre septiembre setiembre setembro set",
    10: "october oct octobre ottobre ott oktober okt octubre outubro out",
    11: "november nov novembre noviembre",
    12: "december dec décembre decembre déc dicembre dic dezember dez diciembre dezembro desember",
}

_WEEKDAYS: dict[int, str] = {
    0: "monday mon lundi lun montag lunes lunedì lunedi segunda-feira segunda seg maandag måndag mån mandag",
    1: "tuesday tue tues mardi mar dienstag martes martedì martedi terça-feira terca-feira terça terca ter dinsdag tisdag tis tirsdag",
    2: "wednesday wed mercredi mer mittwoch miércoles miercoles mié mercoledì mercoledi quarta-feira quarta qua woensdag onsdag ons",
    3: "thursday thu thur thurs jeudi jeu donnerstag jueves jue giovedì giovedi gio quinta-feira quinta qui donderdag torsdag tors",
    4: "friday fri vendredi ven freitag viernes vie venerdì venerdi sexta-feira sexta sex vrijdag fredag fre",
    5: "saturday sat samedi sam samstag sonnabend sábado sabado sáb sabato zaterdag lördag lör lørdag",
    6: "sunday sun dimanche dim sonntag domingo dom domenica zondag söndag sön søndag",
}

#: Hebrew day letters in ``יום ה'`` (Thursday): Sunday is the first day.
HEBREW_DAYS = {"א": 6, "ב": 0, "ג": 1, "ד": 2, "ה": 3, "ו": 4, "ש": 5}

#: Lower-case forms that are also common words: a date needs more than them.
WORDLIKE_MONTHS = frozenset({"may", "mar", "sept", "jun", "jul", "set", "out", "mei", "maj"})

MONTHS: dict[str, int] = {n: k for k, names in _MONTHS.items() for n in names.split()}
WEEKDAYS: dict[str, int] = {n: k for k, names in _WEEKDAYS.items() for n in names.split()}
# "mar" is March as a month and Tuesday (mardi/martes) as a weekday: both stay.


def _alternation(names: list[str]) -> str:
    """A regex matching any of ``names``, factored as a trie so that ``re``
    rejects a position after one or two characters instead of trying every
    name (longest alternatives first, so the longest name wins)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for name in set(names):
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _render(trie)


def _render(node: dict) -> str:  # type: ignore[type-arg]
    import re

    branches = []
    optional = "" in node
    for ch in sorted(k for k in node if k):
        branches.append(re.escape(ch) + _render(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else "(?:" + body + ")?"
    return body


_ALTERNATIONS: dict[str, str] = {}


def __getattr__(name: str) -> str:
    """``MONTH_RE`` and ``WEEKDAY_RE``: regex alternations of the names, built on first use."""
    if name in ("MONTH_RE", "WEEKDAY_RE"):
        if name not in _ALTERNATIONS:
            names = MONTHS if name == "MONTH_RE" else WEEKDAYS
            _ALTERNATIONS[name] = _alternation(list(names))
        return _ALTERNATIONS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: English month names, for messages (index 1-12).
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")  # fmt: skip


def days_in_month(year: int, month: int) -> int:
    """The number of days of ``month`` (1-12) in ``year`` (proleptic Gregorian).

    >>> days_in_month(2024, 2), days_in_month(1900, 2), days_in_month(2000, 2), days_in_month(2023, 11)
    (29, 28, 29, 30)
    """
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def month_number(name: str) -> int | None:
    """The month (1-12) a month name stands for, or ``None``."""
    return MONTHS.get(name.lower().rstrip("."))


def weekday_number(name: str) -> int | None:
    """The weekday (0 = Monday) a weekday name stands for, or ``None``."""
    return WEEKDAYS.get(name.lower().rstrip(".,"))
