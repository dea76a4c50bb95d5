"""A speaker slot read into speakers: :func:`parse_people`.

The shapes a slot takes are listed in :mod:`.people`. Here a slot is cut into
names and affiliations: parentheses, dashes, commas and conjunctions,
footnote marks (``Alice Smith¹`` with ``¹ ETH Zurich`` below), and
affiliation lines under a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from seminorm.model import Speaker
from seminorm.patterns import LazyPattern

from ..lang import words
from .people_cjk import FULL_WIDTH, has_cjk, parse_cjk_people
from .people_names import (
    NOT_NAME,
    PLACEHOLDER,
    POSTNOMINAL,
    SUPER,
    clean_affiliation,
    is_organization,
    looks_like_name,
    name_token,
    strip_honorifics,
)

_NOTE = LazyPattern(
    r"(?i)\s*[(\[](?:on\s+zoom|via\s+zoom|in[\s-]person|remote(?:ly)?|online|virtual(?:ly)?|hybrid|"
    r"by\s+video|video|tbc|tbd|confirmed|to\s+be\s+confirmed|invited|cancell?ed|postponed|"
    r"rapporteur|rapporteure|examinat(?:eur|rice)|président|invitée?|moderator|chair|"
    r"(?:she|he|they|elle|il|sie|er)\s?/\s?(?:her|him|them|they|elle|lui|ihr|ihm)(?:\s?/\s?\w{1,6})?)[)\]]"
)
_FOOTNOTE_LINE = LazyPattern(rf"^\s*(?:[{SUPER}]+|\^?\d{{1,2}}[.)]?|\[\d{{1,2}}\])\s+(\S.*)$")
_MDLINK = LazyPattern(r"\[([^\[\]\n]{1,200})\]\((?:https?://|mailto:)[^()\s]{0,500}\)")
_URLISH = LazyPattern(
    r"<(?:https?://|www\.)[^<>\s]{1,500}>|(?:https?://|www\.)\S{1,500}|<[^<>\s@]{1,80}@[^<>\s]{1,120}>|"
    r"\S{1,64}@\S{1,120}"
)
_SPLIT_AND = LazyPattern(
    lambda: rf"(?i)\s*;\s*|\s+(?:{words('conjunctions')}|&)\s+|\s+&\s*|\s*&\s+"
)
_DASH = LazyPattern(
    r"\s+[-–—|]\s+|\s*[–—]\s*|\s+@\s+|\s+(?:from|at|aus|de\s+l['’]|du|von\s+der)\s+(?=[A-ZÀ-Þ])"
)


_LATIN_LETTER = LazyPattern(r"[A-Za-z\u00c0-\u024f]")
_MARKUP_OR_EMPTY_PARENS = LazyPattern(r"[*_#`]+|\s\(\s*\)")


def _prepare(text: str) -> str:
    """A slot's line without links, addresses, markup and notes: each substitution only
    where the characters its pattern needs are (``](``, ``://``/``www.``/``@``, a mark, a
    bracket; the patterns begin with what ``re`` tries at every character)."""
    s = _MDLINK.sub(r"\1", text) if "](" in text else text
    if "://" in s or "www." in s or "@" in s:
        s = _URLISH.sub(" ", s)
    if any(c in s for c in "*_#`("):
        s = _MARKUP_OR_EMPTY_PARENS.sub(" ", s)
    if "(" in s or "[" in s:
        for _ in range(3):
            s2 = _NOTE.sub("", s)
            if s2 == s:
                break
            s = s2
    return s


#: Footnote marks after a name (``Ada Lovelace¹``, ``Ada Lovelace2,3``).
_FOOTNOTE_MARKS = LazyPattern(rf"[{SUPER}]+|(?<=[^\W\d_])\d{{1,2}}(?:,\d{{1,2}})*$")
_LINKING_WORD = LazyPattern(r"\b(?:of|the|for|de|du|der|des)\b")


#: A nickname in parentheses inside a name (``Jonathan (Jon) Q. Public``): part of the name,
#: not an affiliation. Marked with ``⁽⁾`` while the line is cut into units.
_NICKNAME = LazyPattern(
    r"(?:^|(?<=[,;:.]\s)|(?<=\sand\s)|(?<=\sund\s)|(?<=\set\s)|(?<=Dr\s)|(?<=Prof\s))"
    r"([A-Z][^\W\d_]{1,20}) \(([A-Z][^\W\d_]{1,20})\)(?= [A-Z])"
)
_NICKNAME_MARKED = LazyPattern(r" ⁽[^⁽⁾]{1,21}⁾")


def _person(chunk: str, affiliation: str | None = None, alone: bool = False) -> Speaker | None:
    raw = chunk.strip(" ,;:-–—.\t")
    name = strip_honorifics(raw).strip(" ,;")
    honored = name != raw
    name = _FOOTNOTE_MARKS.sub("", name).strip()
    if not name or PLACEHOLDER.match(name):
        return None
    if "⁽" in name:
        if looks_like_name(_NICKNAME_MARKED.sub("", name)):
            return Speaker(name=name.replace("⁽", "(").replace("⁾", ")"), affiliation=affiliation)
        name = name.replace("⁽", "(").replace("⁾", ")")
    if looks_like_name(name):
        return Speaker(name=name, affiliation=affiliation)
    single = len(name.split()) == 1 and name_token(name) and name.casefold() not in NOT_NAME
    if single and not name.isupper() and (honored or affiliation):
        return Speaker(name=name, affiliation=affiliation)
    if (
        alone
        and is_organization(name)
        and len(name.split()) <= 5
        and not _LINKING_WORD.search(name)
    ):
        return Speaker(name=name, affiliation=affiliation)
    return None


def _paren_units(line: str) -> list[tuple[str, str]]:
    """``A (X) and B (Y)`` → ``[("A", "X"), (" and B", "Y")]``; text after the last unit too."""
    units: list[tuple[str, str]] = []
    depth, start, open_at = 0, 0, -1
    for i, ch in enumerate(line):
        if ch == "(":
            if depth == 0:
                open_at = i
            depth += 1
        elif ch == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                units.append((line[start:open_at], line[open_at + 1 : i]))
                start = i + 1
    tail = line[start:].strip(" ,;")
    if tail:
        units.append((tail, ""))
    return units


def _names_in(part: str) -> list[str]:
    """Split ``A, B and C`` into names (or give the part back whole)."""
    pieces = [p for p in _SPLIT_AND.split(part) if p.strip(" ,")]
    out: list[str] = []
    for p in pieces:
        commas = [c.strip() for c in p.split(",") if c.strip()]
        # ``A, B`` alone is ``Name, Affiliation`` (``Kwame Asante, Georgia Tech``); a list
        # of names has a conjunction (``A, B and C``) or three names
        listed = len(pieces) > 1 or len(commas) > 2
        if (
            len(commas) > 1
            and listed
            and all(looks_like_name(strip_honorifics(c)) and not is_organization(c) for c in commas)
        ):
            out.extend(commas)
        else:
            out.append(p)
    return out


_FUNCTION_WORDS = frozenset(
    "of the and for de la le del della di du des der die für van von at in et y e".split()
)


_TITLE_LIKE_START = LazyPattern(
    r"(?i)(?:on|the|a|an|towards?|from|how|why|what|when|beyond|about|some|new|recent)\s"
)


def _plausible_affiliation(a: str) -> bool:
    """An institution rather than a talk title (``Jane Doe - On knots`` has no affiliation)."""
    if is_organization(a):
        return True
    if a[:1] in "\"'“‘«„" or ":" in a or a.rstrip().endswith("?"):
        return False
    if _TITLE_LIKE_START.match(a):
        return False
    lower = [w for w in a.split() if w[:1].islower() and w.casefold() not in _FUNCTION_WORDS]
    return len(lower) < 2 and len(a.split()) <= 8


def _parse_plain(line: str) -> list[Speaker]:
    """Speakers of a line without parentheses."""
    d = _DASH.split(line, maxsplit=1)
    if len(d) == 2:
        names = _names_in(d[0])
        if all(_person(n) for n in names):
            a = clean_affiliation(d[1])
            a = a if a and _plausible_affiliation(a) else None
            return [p for n in names if (p := _person(n, a))]
    parts = _names_in(line)
    if any(
        "," in parts[k - 1] and not _person(parts[k].split(",")[0]) for k in range(1, len(parts))
    ):
        # the conjunction is inside an affiliation (``Ada Quill, Department of Earth &
        # Planetary Sciences, …``), not between two people
        parts = [line]
    if len(parts) > 1 and all(_person(p) for p in parts):
        return [p for n in parts if (p := _person(n))]
    people: list[Speaker] = []
    for chunk in parts:
        bits = [b.strip() for b in chunk.split(",")]
        p = _person(bits[0], alone=len(parts) == 1 and len(bits) == 1)
        if p is None:
            continue
        rest = ", ".join(b for b in bits[1:] if b and not POSTNOMINAL.fullmatch(" " + b))
        people.append(Speaker(name=p.name, affiliation=clean_affiliation(rest) if rest else None))
    return people


_LEADING_CONJUNCTION = LazyPattern(lambda: rf"(?i)^\s*(?:,|;|&|{words('conjunctions')})\s+")


def _parse_line(line: str) -> list[Speaker]:
    line = line.strip(" ,;")
    if not line:
        return []
    if "(" in line:
        line = _NICKNAME.sub(r"\1 ⁽\2⁾", line)
    if "(" not in line or ")" not in line:
        return _parse_plain(line)
    people: list[Speaker] = []
    for unit, aff in _paren_units(line):
        unit = _LEADING_CONJUNCTION.sub("", unit.strip(" ,;")).strip()
        if not unit:
            continue
        a = clean_affiliation(aff) if aff else None
        parts = _names_in(unit)
        found = [_person(n, a, alone=len(parts) == 1) for n in parts]
        if not any(found):
            plain = _parse_plain(unit)
            found = [Speaker(name=p.name, affiliation=p.affiliation or a) for p in plain]
        if aff == "" and not any(found) and people:
            break  # trailing text after the last speaker
        people.extend(p for p in found if p)
    return people


_NON_DIGIT = LazyPattern(r"\D")
_COMMA_OR_AND = LazyPattern(r",\s*|\s+and\s+")


def parse_people(text: str) -> list[Speaker]:
    """The speakers named in a speaker slot, in order (see the module docstring).

    >>> parse_people("[Oren Talmi](https://oren.example/) (Cornell) (on zoom)")
    [Speaker(name='Oren Talmi', affiliation='Cornell')]
    >>> parse_people("Dr. Kavitha\\n          IISc")
    [Speaker(name='Kavitha', affiliation='IISc')]
    >>> [p.affiliation for p in parse_people("Alice Smith¹, Bob Jones²\\n¹ ETH Zurich\\n² EPFL")]
    ['ETH Zurich', 'EPFL']
    """
    if not text or len(text) > 20000:
        return []
    return list(_parse_people(text))


@lru_cache(maxsize=1024)
def _parse_people(text: str) -> tuple[Speaker, ...]:
    """:func:`parse_people`, remembered for the document being read: its lines are
    asked about by the header, the proposers and the line scans alike
    (forgotten by :func:`seminorm.rules.forget_documents`)."""
    if has_cjk(text):  # names in Han, kana or Hangul: read as those languages write them
        cjk = parse_cjk_people(text, strict=True)
        if cjk or not _LATIN_LETTER.search(text):
            return tuple(cjk)
        text = text.translate(FULL_WIDTH)  # ``Ada Quill（東京大学）``
    notes: dict[str, str] = {}
    lines: list[str] = []
    for raw in text.split("\n")[:60]:
        fm = _FOOTNOTE_LINE.match(raw)
        if fm and lines and re.search(rf"[{SUPER}]|[^\W\d_]\d", lines[0]):
            bits = re.split(rf"\s*([{SUPER}]+)\s*", raw.strip())
            if len(bits) >= 3 and not bits[0]:  # ``¹ Auckland   ² RIKEN`` on one line
                for mark, note in zip(bits[1::2], bits[2::2], strict=False):
                    notes[mark.translate(str.maketrans(SUPER, "0123456789"))] = note.strip(" ,;")
            else:
                key = _NON_DIGIT.sub(
                    "", raw.strip()[:3].translate(str.maketrans(SUPER, "0123456789"))
                )
                notes[key] = fm.group(1).strip()
            continue
        if raw.strip():
            lines.append(_prepare(raw))
    people: list[Speaker] = []
    affil_lines = 0
    for line in lines:
        if notes:
            for part in _COMMA_OR_AND.split(line):
                marks = re.findall(rf"[{SUPER}]+|(?<=[^\W\d_])\d{{1,2}}(?=\W|$)", part)
                key = marks[0].translate(str.maketrans(SUPER, "0123456789")) if marks else ""
                p = _person(part)
                if p:
                    people.append(
                        Speaker(name=p.name, affiliation=notes.get(key[:1]) or notes.get(key))
                    )
            continue
        last = people[-1] if people else None
        if (
            last is not None
            and (last.affiliation is None or affil_lines)
            and len(line.split()) <= 14
        ):
            a = clean_affiliation(line)
            if (
                a
                and not looks_like_name(strip_honorifics(a.split("(")[0]))
                and _plausible_affiliation(a)
                and (affil_lines == 0 or (affil_lines < 3 and is_organization(a)))
            ):
                joined = f"{last.affiliation}, {a}" if last.affiliation else a
                people[-1] = Speaker(name=last.name, affiliation=joined)
                affil_lines += 1
                continue
        affil_lines = 0
        found = _parse_line(line)
        if found:
            people.extend(found)
        elif people:
            break
    out: list[Speaker] = []
    for p in people:
        if all(q.name != p.name for q in out):
            out.append(p)
    return tuple(out)
