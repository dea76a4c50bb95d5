"""The words a vocabulary alternation can start with, as a fast twin (see :mod:`.fold`).

A pattern made from a language table, ``\\b(?:frag|frag|…)``, is scanned
through its lower-case twin, at every word start. When most fragments start
with a group (``(?:vortrag|lesung)\\s+mit``, an optional article), ``re``
enters every one of them at every word start: the scan of a record costs
about a millisecond. :func:`lead_twin` writes the same search as a tree of the
fragments' leading letters (``(?:a(?:ula\\s|…)|t(?:alk|he\\s)|…)``), where ``re``
refuses all but a few branches on their first letter: some three times
faster. The twin matches at every place the pattern can start (the letters
every match starts with, lower-cased), and :func:`.fold.finditer` confirms
each place with the pattern itself, so the matches are the pattern's own.

The fragments are read by a small reader of the forms the tables use
(letters, ``(?:a|b)`` groups, optional ``?``, ``\\s``); anything else gives
no twin (``None``), and the pattern keeps the one :mod:`.fold` makes.

>>> lead_twin((r"talks?\\s+by", r"(?:(?:a|the)\\s+)?lecture\\s+by"), boundary=True)
'\\\\b(?:a\\\\s|lecture\\\\s|t(?:alk|he\\\\s))'
>>> lead_twin((r"[a-z]+\\s+by",), boundary=True) is None
True
"""

from __future__ import annotations

import re

from ..lang import branches, group_end

#: Characters with a meaning in a pattern (a letter of the table is none of them).
_SPECIAL = frozenset("\\()[]{}?*+|.^$")
#: The most leading forms a twin is made of (a larger table keeps the usual twin).
MOST_LEADS = 600


class _NoTwin(Exception):
    """A fragment the reader does not know: no twin."""


def _leads(s: str, out: set[str]) -> None:
    """Add to ``out`` the leading forms of ``s`` (letters, then ``\\s`` when one follows)."""
    if len(out) > MOST_LEADS:
        raise _NoTwin
    lead: list[str] = []  # escaped letters read so far
    i = 0
    while i < len(s):
        c = s[i]
        if c == "(" and not lead:
            if not s.startswith("(?:", i):
                raise _NoTwin  # a look-around or a named group: not read
            end = group_end(s, i)
            if end == -1:
                raise _NoTwin
            body, rest = s[i + 3 : end], s[end + 1 :]
            quantifier = rest[:1] if rest[:1] in ("?", "*", "+", "{") else ""
            if quantifier == "{":
                raise _NoTwin
            rest = rest[len(quantifier) :]
            if quantifier and rest[:1] == "?":
                rest = rest[1:]  # a lazy quantifier: the same places
            for alt in branches(body):
                if not alt:
                    raise _NoTwin
                # once, then the rest; a repeated group: its own letters only
                _leads(alt + rest if quantifier in ("", "?") else alt, out)
            if quantifier in ("?", "*"):
                _leads(rest, out)
            return
        if c == "\\" and i + 1 < len(s):
            nxt = s[i + 1]
            if nxt == "s" and lead:
                out.add("".join(lead) + r"\s")
                return
            if nxt == "b" and not lead:
                i += 2  # a word boundary before the first letter (the twin starts with one)
                continue
            if nxt.isalnum():
                break  # a class (``\\w``, ``\\d``) or an anchor: the letters so far
            lead.append(re.escape(nxt))
            i += 2
            continue
        if c in _SPECIAL:
            if c in "?*{" and lead:
                lead.pop()  # the last letter may be missing
            break
        if c != c.lower():
            raise _NoTwin  # the twin reads lower-cased text
        lead.append(re.escape(c))
        i += 1
    if not lead:
        raise _NoTwin
    out.add("".join(lead))


#: A node of the tree of leads: the next unit -> its node ("" marks a lead's end).
_Node = dict[str, "_Node"]


def _tree(leads: set[str]) -> str:
    """An alternation of ``leads`` written as a tree of their first units (a letter or an
    escape); a lead another one starts with is enough on its own."""
    root: _Node = {}
    for lead in leads:
        units, k = [], 0
        while k < len(lead):
            n = 2 if lead[k] == "\\" else 1
            units.append(lead[k : k + n])
            k += n
        node = root
        for u in units:
            node = node.setdefault(u, {})
        node[""] = {}

    def emit(node: _Node) -> str:
        if "" in node:
            return ""
        parts = [u + emit(child) for u, child in sorted(node.items())]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(root)


def lead_twin(fragments: tuple[str, ...], boundary: bool) -> str | None:
    """A twin for ``(?i)\\b(?:fragments)`` (``boundary``) or ``(?i)(?:fragments)``, or None."""
    from .fold import PATTERN_EXCEPTIONS

    out: set[str] = set()
    try:
        for fragment in fragments:
            if not set(PATTERN_EXCEPTIONS).isdisjoint(fragment):
                return None
            for alt in branches(fragment):
                _leads(alt, out)
    except _NoTwin:
        return None
    if not out:
        return None
    body = _tree(out)
    return ("\\b" if boundary else "") + (body if body.startswith("(?:") else f"(?:{body})")
