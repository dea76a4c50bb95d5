"""What a rule is: a named pattern, how to read a match, and its own examples.

Every extractor module (dates, times, zones, people, places, meetings, links,
labels) lists its rules in a module-level ``RULES`` tuple. ``tests/test_rules.py``
walks them all: names are unique, every example gives its expected value and
no counterexample matches. Adding a date format or a meeting platform is one
rule with its examples, in one module.

Patterns must not backtrack without bound on long hostile lines: no nested
quantifiers over overlapping classes, bounded repetitions (``{1,40}``) where
a span can be long.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from seminorm.patterns import PatternLike
from seminorm.plain import Frozen, Generic, TypeVar

from . import fold, runs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

T = TypeVar("T")


class Rule(Frozen, Generic[T]):
    """One extraction rule.

    ``extract`` turns a match into a value, or ``None`` when the match is not
    one after all (a date that does not exist, a number in a dial-in list).
    ``examples`` pair an input with the value the first match must give;
    ``counterexamples`` are inputs on which no match may give a value.
    ``digits``, when given, says that every match starts with a whole run of
    digits of one of these lengths (``(range(1, 3),)``: an hour, a day), so
    the pattern is tried only there (:mod:`.runs`).
    """

    __slots__ = ("counterexamples", "digits", "examples", "extract", "name", "pattern")
    name: str
    pattern: PatternLike
    extract: Callable[[re.Match[str]], T | None]
    examples: tuple[tuple[str, Any], ...]
    counterexamples: tuple[str, ...]
    digits: tuple[range, ...]

    def __init__(
        self,
        name: str,
        pattern: PatternLike,
        extract: Callable[[re.Match[str]], T | None],
        examples: tuple[tuple[str, Any], ...] = (),
        counterexamples: tuple[str, ...] = (),
        digits: tuple[range, ...] = (),
    ) -> None:
        self.name = name
        self.pattern = pattern
        self.extract = extract
        self.examples = examples
        self.counterexamples = counterexamples
        self.digits = digits

    def finditer(self, text: str) -> Iterator[tuple[re.Match[str], T]]:
        """Yield every match of the rule in ``text`` with the value it gives.

        The matches are ``self.pattern.finditer(text)``'s, found faster for a
        pattern that starts with a number (:mod:`.runs`) or ignores case
        (:mod:`.fold`).
        """
        found = (
            runs.finditer(self.pattern, text, self.digits)
            if self.digits
            else fold.finditer(self.pattern, text)
        )
        for m in found:
            value = self.extract(m)
            if value is not None:
                yield m, value

    def first(self, text: str) -> T | None:
        """The value of the first match that gives one, else ``None``."""
        for _, value in self.finditer(text):
            return value
        return None
