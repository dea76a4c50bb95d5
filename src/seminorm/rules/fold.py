"""Case-insensitive patterns scanned at the speed of case-sensitive ones.

Most extraction patterns ignore case, and ``re`` scans a case-insensitive
pattern over a whole text several times slower than a case-sensitive one: it
compares letters through case folding, and it cannot skip ahead to the
characters a match may start with. Most of the rules' time on a document is
such scans.

:func:`finditer` gives exactly the matches of ``pattern.finditer(text)``, found
another way: the pattern's *twin* (:func:`lower_twin`: the same pattern, case
sensitive, without a leading ``\\b``) searches the lower-cased text for
candidate positions, and the pattern itself confirms each candidate with an
anchored ``match`` on the original text, so the match objects (their text,
groups and spans) are the pattern's own. The twin matches wherever the
pattern does (it only drops conditions), so no match is lost; a candidate
the pattern refuses moves the search on by one character, so none is
skipped either.

This holds when lower-casing keeps every character at its offset and folds
it the way ``re`` does; texts with the few characters where either fails
(``İ``, ``ſ``, ``ı``, Greek and some Cyrillic letters: :data:`FOLD_EXCEPTIONS`)
are scanned the plain way.
``tests/test_rules_fold.py`` checks the equivalence on every rule's pattern.

>>> import re
>>> p = re.compile(r"\\b(?:may|june)\\s+(\\d{1,2})", re.IGNORECASE)
>>> [m.group(0) for m in finditer(p, "MAY 4, June 5, dismay 6")]
['MAY 4', 'June 5']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from seminorm.patterns import LazyPattern, PatternLike, compile

#: Text characters for which the twin's view (``str.lower``) differs from
#: what ``re`` compares under ``IGNORECASE``: lower-casing changes the length
#: (``İ``) or the letter, or ``re`` treats the letter as equivalent to another
#: (``ſ`` ~ ``s``, ``ı`` ~ ``i``, Greek and Cyrillic variant forms). Derived
#: from the interpreter's tables by ``tests/test_rules_fold.py``.
FOLD_EXCEPTIONS = (
    "\u00b5\u0130\u0131\u017f\u0345\u0390\u0392\u0395\u0398\u0399\u039a\u039c"
    "\u03a0\u03a1\u03a3\u03a6\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0"
    "\u03c1\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f4\u03f5"
    "\u0412\u0414\u041e\u0421\u0422\u042a\u0432\u0434\u043e\u0441\u0442\u044a"
    "\u0462\u0463\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e60"
    "\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64a\ua64b\ufb05\ufb06"
)
#: Pattern letters with such extra equivalents: a pattern naming one has no twin.
PATTERN_EXCEPTIONS = (
    "\u00b5\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc"
    "\u03c0\u03c1\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5"
    "\u0432\u0434\u043e\u0441\u0442\u044a\u0463\u1c80\u1c81\u1c82\u1c83\u1c84"
    "\u1c85\u1c86\u1c87\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06"
)
_PATTERN_EXCEPTIONS = frozenset(PATTERN_EXCEPTIONS)
_EXCEPTION = LazyPattern("[" + re.escape(FOLD_EXCEPTIONS) + "]")
_LEADING_BOUNDARY = "\\b"

_last: tuple[str, str | None] = ("", "")
_twins: dict[int, tuple[PatternLike, re.Pattern[str] | None]] = {}
_hand: dict[str, str] = {}
_bounded: set[str] = set()


def lower_twin(pattern: PatternLike) -> re.Pattern[str] | None:
    """The case-sensitive twin of a case-insensitive ``pattern``, or ``None``.

    ``None`` when the pattern is case sensitive, or names an upper-case letter
    or a case-sensitive part (``(?-i:``) that a lower-cased text could not
    match.
    """
    if not pattern.flags & re.IGNORECASE:
        return None
    source = pattern.pattern
    if source.startswith("(?i)"):
        source = source[4:]
    if "(?-i" in source or "(?i" in source or _has_upper(source):
        return None
    if not _PATTERN_EXCEPTIONS.isdisjoint(source):
        return None
    if source.startswith(_LEADING_BOUNDARY) and pattern.pattern not in _bounded:
        source = source[len(_LEADING_BOUNDARY) :]  # the pattern checks it (the twin may match more)
    return compile(source, pattern.flags & ~re.IGNORECASE)


def keep_boundary(source: str) -> None:
    """Let the twin of the pattern written as ``source`` keep its leading ``\\b``.

    Without it the twin of ``\\b(?:word|word|…)`` tries its alternatives at
    every character; with it, only where a word starts (lower-casing keeps every
    character a word character or not, so the twin's boundaries are the
    pattern's). Worth it for an alternation whose words do not all start with a
    letter ``re`` can skip to (an optional article, a look-behind): the speaker
    cues of running text, scanned over whole records (2-3 times faster). The
    twin is still made, and refused, as :func:`lower_twin` says.
    """
    _bounded.add(source)


_SYNTAX = LazyPattern(r"\(\?P<\w+>|\(\?P=\w+\)|\\N\{[^}]*\}")
_ESCAPED = LazyPattern(r"\\.", re.S)


def set_twin(source: str, twin: str) -> None:
    """Give the pattern written as ``source`` a hand-written twin (case
    sensitive, for the lower-cased text); nothing is compiled until used.

    For a pattern whose automatic twin gains nothing (it starts with a
    look-behind or an optional group, so ``re`` cannot skip ahead) or that
    has none (it names an upper-case letter): a twin such as
    ``zoom|meeting|webinar`` that matches wherever the pattern can start.
    ``tests/test_rules_fold.py`` checks every twin set here.
    """
    _hand[source] = twin


def twin_of(pattern: PatternLike) -> re.Pattern[str] | None:
    """The twin of ``pattern`` (set by :func:`set_twin`, else :func:`lower_twin`), made once."""
    hit = _twins.get(id(pattern))
    if hit is not None and hit[0] is pattern:
        return hit[1]
    hand = _hand.get(pattern.pattern)
    twin = compile(hand) if hand is not None else lower_twin(pattern)
    _twins[id(pattern)] = (pattern, twin)
    return twin


def _has_upper(source: str) -> bool:
    """An upper-case letter that is not syntax (``\\S``, ``(?P<name>``, ``\\N{...}``)."""
    bare = _ESCAPED.sub("", _SYNTAX.sub("", source))  # escapes name no letters to match
    return bare != bare.lower()


def lowered(text: str) -> str | None:
    """``text`` lower-cased, when the twins may scan it; else ``None``.

    The last text asked for is remembered, and the last few long ones: the
    rules scan a document, its records and its lines in turn. (Read once:
    another thread may replace them meanwhile.)
    """
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    low = _lowered_long(text) if len(text) >= _LONG else _lower(text)
    _last = (text, low)
    return low


#: Texts this long are remembered by content (a document and its records).
_LONG = 256


@lru_cache(maxsize=4)
def _lowered_long(text: str) -> str | None:
    return _lower(text)


def _lower(text: str) -> str | None:
    low = text.lower()
    if not text.isascii() and (len(low) != len(text) or _EXCEPTION.search(text)):
        return None
    return low


def forget() -> None:
    """Drop the remembered lower-cased texts."""
    global _last
    _last = ("", "")
    _lowered_long.cache_clear()


def finditer(
    pattern: PatternLike, text: str, twin: re.Pattern[str] | None = None
) -> Iterator[re.Match[str]]:
    """Exactly ``pattern.finditer(text)``, candidates found by the twin (see above).

    The twin is :func:`twin_of` the pattern unless one is given.
    """
    if twin is None:
        twin = twin_of(pattern)
    low = lowered(text) if twin is not None else None
    if twin is None or low is None:
        yield from pattern.finditer(text)
        return
    search, confirm = twin.search, pattern.match
    pos, end = 0, len(text)
    while pos <= end:
        candidate = search(low, pos)
        if candidate is None:
            return
        m = confirm(text, candidate.start())
        if m is None:
            pos = candidate.start() + 1
            continue
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1


def search(
    pattern: PatternLike, text: str, twin: re.Pattern[str] | None = None
) -> re.Match[str] | None:
    """Exactly ``pattern.search(text)``, found as :func:`finditer` does (its first match;
    written out without a generator: the rules ask this of every line and candidate)."""
    if twin is None:
        twin = twin_of(pattern)
    low = lowered(text) if twin is not None else None
    if twin is None or low is None:
        return pattern.search(text)
    scan, confirm = twin.search, pattern.match
    pos, end = 0, len(text)
    while pos <= end:
        candidate = scan(low, pos)
        if candidate is None:
            return None
        m = confirm(text, candidate.start())
        if m is not None:
            return m
        pos = candidate.start() + 1
    return None
