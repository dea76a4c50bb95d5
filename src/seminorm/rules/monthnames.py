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

from ..lang import merged, merged_numbered, vocabularies

#: Hebrew day letters in ``יום ה'`` (Thursday): Sunday is the first day.
HEBREW_DAYS: dict[str, int] = {
    letter: day for v in vocabularies() for letter, day in v.weekday_letters.items()
}

#: Lower-case forms that are also common words: a date needs more than them.
WORDLIKE_MONTHS = frozenset(merged("wordlike_months"))

MONTHS: dict[str, int] = merged_numbered("months")
WEEKDAYS: dict[str, int] = merged_numbered("weekdays")
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
