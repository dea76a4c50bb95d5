"""Cheap evidence shared by every field: the words of a text, read once.

Takes a text (a document, a record, a line). Gives the heads of its words
(:func:`heads`) and :class:`WordGate`, which says from them alone when a
vocabulary pattern cannot match the text, so that the pattern is not run.

Most of the rules' time is case-insensitive alternations of words (room
words, cues, labels) scanned over a record's lines and prose, where ``re``
tries every alternative at every word start. Most lines hold none of the
words. The *heads* of a text are the lower-case forms of its words (maximal
runs of ``\\w``) cut to their first :data:`HEAD` characters; they are made
once per text and shared by every gate that asks. A gate built from a
table's fragments knows the head each fragment's match starts with
(``theat(?:re|er)`` -> ``thea``, ``rm\\.?`` -> ``rm``, a word shorter than
:data:`HEAD` whole); when the text's heads and the gate's are disjoint
(``frozenset.isdisjoint``), no fragment can match at a word start, and the
pattern's scan is skipped. A fragment whose head cannot be told
(``(?:the\\s+)?room``, ``h[öo]rsaal``, ``ta(?:lk)``) leaves the gate always
open: a gate never closes where the pattern could match.

A gate is exact only for a pattern whose matches each begin, at a word start
(``\\b``, ``(?<![\\w-])``), with one of the gate's fragments; the code that
uses one says so, and ``tests/test_rules_words.py`` checks each use against
the pattern's own scan. Texts whose lower-casing does not fold as ``re``
does (:func:`seminorm.rules.fold.lowered`) have no heads: every gate is open.

>>> sorted(heads("Room 5, Theatre B") or ())
['5', 'b', 'room', 'thea']
>>> g = WordGate(("room", r"theat(?:re|er)", r"rm\\.?"), guards=LazyPattern(r"(?i)\\broom\\b"))
>>> g.open("Wean Hall, Rm. 5409"), g.open("The talk is at noon.")
(True, False)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from seminorm.patterns import LazyPattern, PatternLike
from seminorm.rules import fold

__all__ = ["GATES", "HEAD", "WordGate", "head_of", "heads"]

#: How many characters of a word its head keeps.
HEAD = 4

#: A word's head: up to :data:`HEAD` word characters from a word's start (the next
#: match cannot start inside the same word: no boundary there).
_HEADS = LazyPattern(rf"\b\w{{1,{HEAD}}}")

#: Every gate made, with the pattern it guards (``tests/test_rules_words.py``).
GATES: list[WordGate] = []


def heads(text: str) -> frozenset[str] | None:
    """The heads of ``text``'s words (lower case, at most :data:`HEAD` characters each),
    or ``None`` when lower-casing does not fold ``text`` as ``re`` does. Remembered for
    the last texts asked (a record's lines are asked again by every field)."""
    return _heads(text)


@lru_cache(maxsize=2048)
def _heads(text: str) -> frozenset[str] | None:
    low = fold.lowered(text)
    if low is None:
        return None
    return frozenset(_HEADS.findall(low))


#: After a fragment's leading letters: what makes the letters a whole word (the next
#: character cannot be a word character), given as the escapes that name such characters.
_NON_WORD_ESCAPES = frozenset("sbWtnrfv.-'’ ,:;/()[]{}?*+|&@#\"")


def head_of(fragment: str, whole: bool = True) -> str | None:
    """The head every match of the regular-expression ``fragment`` starts with, or ``None``
    when it cannot be told from its leading letters.

    ``whole``: the pattern ends each fragment at a word end (``\\b`` after it), so a
    fragment of bare letters shorter than :data:`HEAD` (``rm``, ``sal``) is a whole word.

    >>> [head_of(f) for f in ("room", "rm\\\\.?", "theat(?:re|er)", "amphi\\\\w*", "halls?")]
    ['room', 'rm', 'thea', 'amph', 'hall']
    >>> [head_of(f) for f in ("h[öo]rsaal", "(?:the\\\\s+)?room", "ta(?:lk)", "a|b", "sa\\\\w*")]
    [None, None, None, None, None]
    """
    if _branches(fragment):  # an alternation of its own: its letters are its first branch's
        return None
    i = 0
    while i < len(fragment) and (fragment[i].isalnum() or fragment[i] == "_"):
        i += 1
    letters = fragment[:i].lower()
    rest = fragment[i:]
    exact: bool
    if rest[:1] in ("?", "*", "{"):  # the last letter is optional or repeated
        letters, exact = letters[:-1], False
    elif rest[:1] == "+":  # repeated at least once: the letters are there, the word goes on
        exact = False
    elif not rest:
        exact = whole
    elif rest[0] == "\\":
        exact = rest[1:2] in _NON_WORD_ESCAPES
    elif rest[0] in "([.":  # a group, a class or any character: the word may go on
        exact = False
    else:  # a literal character that is no word character (a space, a dash, a quote)
        exact = True
    if len(letters) >= HEAD:
        return letters[:HEAD]
    if exact and letters:
        return letters
    return None


def _branches(fragment: str) -> bool:
    """Whether ``fragment`` has a ``|`` outside its groups and classes."""
    depth, i, in_class = 0, 0, False
    while i < len(fragment):
        c = fragment[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


class WordGate:
    """Whether a text may hold a match of a pattern made from ``fragments`` (see the module).

    ``fragments``: the fragments (or a function giving them, called on first use: the
    tables are read as late as the pattern is compiled). ``guards``: the pattern the gate
    stands before (kept in :data:`GATES` for the tests). ``whole``: as :func:`head_of`.
    """

    __slots__ = ("_fragments", "_keys", "_made", "_whole", "guards")

    def __init__(
        self,
        fragments: Iterable[str] | Callable[[], Iterable[str]],
        guards: PatternLike,
        whole: bool = True,
    ) -> None:
        self._fragments = fragments
        self._whole = whole
        self._keys: frozenset[str] | None = None
        self._made = False
        self.guards = guards
        GATES.append(self)

    @property
    def fragments(self) -> tuple[str, ...]:
        """The fragments the gate was made from."""
        source = self._fragments
        return tuple(source() if callable(source) else source)

    @property
    def keys(self) -> frozenset[str] | None:
        """The heads the pattern's matches start with; ``None``: the gate never closes."""
        if not self._made:
            found = [head_of(f, self._whole) for f in self.fragments]
            self._keys = None if any(h is None for h in found) else frozenset(h for h in found if h)
            self._made = True
        return self._keys

    def open(self, text: str) -> bool:
        """False only when no word of ``text`` starts as one of the fragments does."""
        keys = self.keys
        if keys is None:
            return True
        got = _heads(text)
        return got is None or not got.isdisjoint(keys)
