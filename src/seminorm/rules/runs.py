"""Patterns that start with a number, tried only where a number starts.

A date or time pattern such as ``\\d(?<![\\w.]\\d)\\d?:[0-5]\\d`` starts with a
digit, so ``re`` tries it at every digit of a text: in an announcement with
a dial-in list that is hundreds of tries for a handful of numbers that could
be times. Such a pattern's every match starts with a whole run of digits
(the character before is not a digit) of a few known lengths: one or two
digits for an hour or a day, four for a year. :func:`finditer` finds the
runs of digits once per text, with one scan, and matches the pattern only at
the starts of runs of those lengths, in order, so that it yields exactly the
matches of ``pattern.finditer(text)``.

A rule declares the lengths (``Rule(..., digits=(range(1, 3),))``);
``tests/test_rules_runs.py`` checks every such rule against its plain scan.

>>> import re
>>> p = re.compile(r"\\d(?<!\\d\\d)\\d?:\\d\\d")
>>> [m.group(0) for m in finditer(p, "call 0800 12:30, 9:05 or 123:45", (range(1, 3),))]
['12:30', '9:05']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from seminorm.patterns import LazyPattern

Lengths = tuple[range, ...]

_RUN = LazyPattern(r"\d+")


TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol

    class _Matcher(Protocol):  # re.Pattern or a LazyPattern
        def match(self, string: str, pos: int = ..., endpos: int = ...) -> re.Match[str] | None: ...


#: Runs are kept as ``start << _BITS | length`` (lengths from ``_LONG`` on as
#: ``_LONG``): plain integers, where a tuple per run would make a long text's
#: index a heap of small objects. A rule that asks for a length from
#: ``_LONG`` on is tried at every such long run (the pattern decides).
_BITS = 6
_LONG = (1 << _BITS) - 1


class _Runs:
    """The runs of digits of one text, and their starts by length."""

    __slots__ = ("_starts", "runs")

    def __init__(self, text: str) -> None:
        self.runs = [
            a << _BITS | (b - a if b - a < _LONG else _LONG)
            for a, b in map(re.Match.span, _RUN.finditer(text))
        ]
        self._starts: dict[Lengths, list[int]] = {}

    def starts(self, lengths: Lengths) -> list[int]:
        """The starts of the runs whose length is in one of ``lengths``, in order."""
        found = self._starts.get(lengths)
        if found is None:
            allowed = _allowed(lengths)
            found = [run >> _BITS for run in self.runs if run & _LONG in allowed]
            self._starts[lengths] = found
        return found


#: The recorded lengths each rule's ``lengths`` allow: a few constant entries, one per
#: declaration (a rule's, not a text's), made once instead of at every text.
_ALLOWED: dict[Lengths, frozenset[int]] = {}


def _allowed(lengths: Lengths) -> frozenset[int]:
    found = _ALLOWED.get(lengths)
    if found is None:
        found = _ALLOWED[lengths] = frozenset(n for r in lengths if r for n in _capped(r))
    return found


def _capped(lengths: range) -> range:
    """The recorded lengths of runs whose length is in ``lengths`` (a non-empty range)."""
    return range(min(lengths.start, _LONG), min(lengths.stop, _LONG + 1))


@lru_cache(maxsize=4)
def _runs(text: str) -> _Runs:
    """Remembered for the last few texts: every number-led rule scans the same document."""
    return _Runs(text)


def finditer(
    pattern: _Matcher, text: str, lengths: Lengths, opener: str = ""
) -> Iterator[re.Match[str]]:
    """Exactly ``pattern.finditer(text)``, for a pattern whose every match starts
    with a whole run of digits whose length is in one of ``lengths``, or with
    the ``opener`` right before such a run (``(`` of ``(555) 123-4567``)."""
    match = pattern.match
    pos = 0
    for run in _runs(text).starts(lengths):
        for start in (run - 1, run) if opener and run and text[run - 1] in opener else (run,):
            if start < pos:
                continue
            m = match(text, start)
            if m is not None:
                yield m
                pos = max(m.end(), start + 1)
                break
