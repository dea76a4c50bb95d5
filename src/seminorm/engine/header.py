"""The header block of a record: the short unlabeled lines at its top, classified.

Announcements put title, speaker, date and room on short lines before the
abstract; :func:`read_header` says which line is which (see docs/extraction.md).
"""

from __future__ import annotations

import re
from functools import lru_cache

from seminorm.patterns import LazyPattern

from ..lang import gated, merged
from ..learn.features import chrome_share, term_heading
from ..rules import fold
from ..rules.people import is_organization, looks_like_name, parse_people, two_capitals
from .doc import Doc
from .fields import (
    PLACE_WORDS,
    SERIES_WORDS,
    is_url_line,
)
from .lines import Line
from .segment import Record, clean
from .timepick import NOT_THE_TALK

# --- header block -----------------------------------------------------------


_DIGIT = LazyPattern(r"\d")
#: A line that is one parenthesis: a note, not a title (``(original message missing date)``).
_NOTE_LINE = LazyPattern(r"^\([^()]{2,200}\)$")
_NAME_CUT = LazyPattern(r"[(,]|\s[-–—]\s")
_INVITATION_WORD = LazyPattern(r"(?i)(?:please|join|you\s+are|we\s+are|welcome|come|send)\b")


def read_header(doc: Doc, rec: Record) -> list[tuple[str, Line]]:
    """Classify the short unlabeled lines at the top of a record.

    Kinds: ``date`` (a line a date/time touches), ``url``, ``series``,
    ``place``, ``person``, ``affil``, ``crumb``, ``aside`` (refreshments,
    receptions), ``junk`` and ``text`` (a title candidate). Stops at the
    first paragraph.
    """
    when_lines = _when_lines(doc)
    consumed = _label_value_lines(doc, rec)
    out: list[tuple[str, Line]] = []
    seen = 0
    for ln in doc.lines[rec.first : rec.last + 1]:
        if ln.blank:
            continue
        seen += 1
        if seen > 16 or len(ln.text) > 200 or _paragraph_starts(doc, ln):
            break
        if ln.label is not None:
            if ln.label[0] in ("abstract", "bio"):
                break
            out.append(("label", ln))
            continue
        if ln.index in consumed:
            continue
        t = ln.text
        words = t.split()
        kind = "text"
        if ln.index in when_lines:
            kind = "date"
        elif is_url_line(t) or ("@" in t and len(words) <= 2):
            kind = "url"
        elif (
            CRUMB.search(t)
            or _WEB_CHROME.match(t)
            or _banner(t)
            or (len(words) <= 12 and chrome_share(t) >= 0.5)
        ):
            kind = "crumb"
        elif term_heading(t) or _NOTE_LINE.match(t):
            kind = "junk"  # "Academic year 2026/27", "(original message missing date)"
        elif (
            _DIGIT.search(t)
            and fold.search(PLACE_WORDS, t)
            and len(words) <= 12
            and not _HONORIFIC_START.match(t)
        ):
            kind = "place"
        elif (
            (fold.search(NOT_THE_TALK, t) and not quoted_line(t))
            or t.endswith("!")
            or GREETING.match(t)
        ):
            kind = "aside"
        elif (
            out
            and out[-1][0] == "person"
            and out[-1][1].index == ln.index - 1
            and not _NAME_CUT.search(out[-1][1].text)
            and len(words) <= 10
            and (is_organization(t) or len(words) <= 4)
            and not quoted_line(t)
        ):
            kind = "affil"
        elif len(words) <= 14 and person_line(t):
            kind = "person"
        elif len(words) <= 12 and _DIGIT.search(t) and fold.search(PLACE_WORDS, t):
            kind = "place"
        elif (
            len(words) <= 10
            and fold.search(SERIES_WORDS, t)
            and not quoted_line(t)
            and not t.endswith((":", "?"))
            and "@" not in t
            and "?" not in t
            and not _INVITATION_WORD.match(t)
        ):
            kind = "series"
        elif len(words) < 2 or len(words) > 30 or (t.endswith((".", ";")) and len(words) > 14):
            kind = "junk"
        out.append((kind, ln))
    persons = [k for k, (kind, _) in enumerate(out) if kind == "person"]
    if len(persons) > 1:
        with_affil = [
            k
            for k in persons
            if (k + 1 < len(out) and out[k + 1][0] == "affil")
            or "(" in out[k][1].text
            or "," in out[k][1].text
        ]
        if with_affil:
            for k in persons:
                if k not in with_affil:
                    out[k] = ("text", out[k][1])
    return out


SERIES_COLON = LazyPattern(
    r"(?i)^(?:seminar|colloquium|kolloquium|séminaire|seminario|lecture|talk|webinar|vortrag|conférence|conferencia|conferenza)\s*:\s*(\S.{8,})$"
)


_BULLET_SEPARATOR = LazyPattern(r"\s[·|•]\s")


def _banner(line: str) -> bool:
    """A site's banner: three parts or more split by ``|`` ``·`` ``•``, or
    two that are both institutions (``MOUNTAIN WEST UNIVERSITY | Department of …``)."""
    parts = _BULLET_SEPARATOR.split(line)
    if len(parts) >= 3 or (len(parts) == 2 and all(is_organization(p) for p in parts)):
        return True
    section = _SECTION.search(line)  # "Institute of Physics — Events"
    return section is not None and is_organization(line[: section.start()])


#: A site's section name after its owner's: ``Department of Physics — Events``.
_SECTION = LazyPattern(
    r"(?i)\s[—–|:-]\s*(?:upcoming\s+)?(?:events?|news|calendar|agenda|seminars|talks|"
    r"veranstaltungen|termine|aktuelles|événements|actualités|eventos|noticias|eventi|notizie)\s*$"
)


#: A web page's controls copied with its text: never a title.
_WEB_CHROME = LazyPattern(
    r"(?i)^\W{0,3}(?:skip\s+(?:to\s+)?(?:the\s+)?(?:main\s+)?(?:content|navigation|search|menu)"
    r"|jump\s+to\s+(?:main\s+)?(?:content|navigation)|toggle\s+(?:navigation|menu)|main\s+menu"
    r"|back\s+to\s+top|you\s+are\s+here|share\s+this(?:\s+page)?|print\s+this\s+page"
    r"|aller\s+au\s+contenu(?:\s+principal)?|passer\s+au\s+contenu|zum\s+inhalt\s+springen"
    r"|direkt\s+zum\s+inhalt|ir\s+al\s+contenido(?:\s+principal)?|vai\s+al\s+contenuto"
    r"|salta\s+al\s+contenuto)\W{0,3}$"
)
CRUMB = LazyPattern(r"\S\s[»›>]\s\S|\S[»›]\S|^(?:home|accueil|startseite|inicio)\s*[»›>|/]", re.I)
#: A line that starts with an honorific (:mod:`seminorm.lang`'s ``honorifics``): a person's.
_HONORIFIC_START = LazyPattern(lambda: rf"(?i)^{gated(merged('honorifics'))}(?!\w)")
_KEY_VALUE = LazyPattern(r"^[A-Z][\w()/ ]{1,25}:\s")


def _label_value_lines(doc: Doc, rec: Record) -> set[int]:
    """Lines that hold the value of a label written alone on the line above."""
    out: set[int] = set()
    for i in range(rec.first, rec.last + 1):
        ln = doc.lines[i]
        if ln.label is None or ln.label[1]:
            continue
        j = i + 1
        while j <= rec.last and doc.lines[j].blank and j - i <= 2:
            j += 1
        while (
            j <= rec.last and not doc.lines[j].blank and doc.lines[j].label is None and j - i <= 4
        ):
            out.add(j)
            j += 1
    return out


def without_when(doc: Doc, ln: Line) -> str:
    """A line's text with its dates and times cut out (``Oct 8 — Name: Title`` → ``Name: Title``)."""
    start = doc.starts[ln.index]
    end = start + len(ln.raw)
    cuts = doc.cuts.get(ln.index, [])
    raw = ln.raw
    for a, b in sorted(cuts, reverse=True):
        if start <= a < end:
            raw = raw[: a - start] + " " + raw[min(b, end) - start :]
    return clean(raw).strip(" ,;:·|-–—")


def _paragraph_starts(doc: Doc, ln: Line) -> bool:
    """Whether a line opens a wrapped paragraph of prose (the end of a header block)."""
    if len(ln.text) < 60 or ln.label is not None or quoted_line(ln.text):
        return False
    nxt = doc.lines[ln.index + 1] if ln.index + 1 < len(doc.lines) else None
    if nxt is None or len(nxt.text) < 30 or nxt.label is not None or ln.text.endswith(":"):
        return False
    if _KEY_VALUE.match(nxt.text) or ": " in ln.text[:40]:
        return False
    if nxt.text[:1].islower():
        return True
    return len(ln.text.split()) >= 9 and not person_line(nxt.text) and not ln.text.endswith(".")


def quoted_line(t: str) -> bool:
    """A line that is one quotation (a title, as announcements often print it)."""
    return bool(_QUOTED_LINE.fullmatch(t.strip()))


_QUOTED_LINE = LazyPattern(r"(?:\"[^\"]{6,}\"|[“„][^“”„]{6,}[”“]|«[^«»]{6,}»|‘[^‘]{6,}’)\W?")


def title_from_header(header: list[tuple[str, Line]]) -> Line | None:
    """The best title among the header's plain lines (see docs/extraction.md)."""
    best: tuple[float, int] | None = None
    pick: Line | None = None
    kinds = [k for k, _ in header]
    for k, (kind, ln) in enumerate(header):
        if kind != "text":
            continue
        t = ln.text
        s = 0.0
        if quoted_line(t):
            s += 3
        near = {
            kinds[j]
            for j in (k - 1, k + 1)
            if 0 <= j < len(kinds) and abs(header[j][1].index - ln.index) == 1
        }
        if near & {"person", "affil"}:
            s += 2
        letters = [c for c in t if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and len(t.split()) >= 2:
            s -= 2
        if len(t.split()) >= 4:
            s += 1
        if t.endswith("?"):
            s += 0.5
        if t.endswith(":"):
            s -= 1.5
        if t.endswith(".") and len(t.split()) >= 6 and not quoted_line(t):
            s -= 3  # a sentence of prose, not a title
        key = (s, -k)
        if best is None or key > best:
            best, pick = key, ln
    return pick


#: A heading that says no talk takes place: "No seminar (spring break)", "no Compiler
#: Club session this week", "pas de séminaire", "kein Kolloquium" (up to three capitalised
#: words may name the series between "no" and the noun).
NO_EVENT = LazyPattern(
    r"(?i)\b(?:no\s+(?-i:[A-Z][\w+#.-]{0,20}\s+){0,3}"
    r"(?:seminar|talk|colloquium|meeting|lecture|class|session)s?|"
    r"pas\s+de\s+(?:séminaire|conférence|séance)|kein(?:e)?\s+(?:seminar|kolloquium|vortrag|sitzung)|"
    r"no\s+hay\s+(?:seminario|sesión|charla)|nessun\s+seminario|geen\s+(?:seminar|colloquium)|"
    r"inget\s+seminarium)\b"
)
#: A listing entry or calendar item that names only a break or a holiday ("Spring break",
#: "Holiday (university closed)", "Thanksgiving", "Osterferien", "vacances de printemps").
NO_TALK_DAY = LazyPattern(
    r"(?i)^\W{0,3}(?:(?:spring|winter|summer|fall|autumn|mid-?term|semester|term|easter|christmas|"
    r"thanksgiving|reading|study|exams?|half-?term)\s+(?:break|recess|holidays?|vacation|week)|"
    r"(?:public\s+|bank\s+|national\s+|university\s+)?holidays?|thanksgiving(?:\s+day)?|"
    r"university\s+closed|no\s+classes|vacances(?:\s+(?:de\s+)?\w+)?|"
    r"(?:oster|pfingst|weihnachts|semester)?ferien|feiertag|feriado|festivo|vacaciones|vacanze)"
    r"(?:\s*[-–—:,(\[][^\n]{0,80})?\W{0,3}$"
)
GREETING = LazyPattern(
    r"(?i)^(?:dear|hi|hello|hey|greetings|liebe[rs]?|sehr\s+geehrte|hallo|chers?|chères?|bonjour|"
    r"salut|queridos?|queridas?|estimad[oa]s?|hola|cari|care|gentili|ciao|buongiorno|"
    r"kind\s+regards|best|regards|cheers|thanks|thank\s+you|sincerely|cordialement|"
    r"mit\s+freundlichen|viele\s+grüße|saludos|cordiali|distinti)\b"
)
_PARTICLES = frozenset(
    "of de du des la le for the and in at à der die das für di del della y e et und van von".split()
)
_NOT_NAME_WORD = LazyPattern(r"(?i)(?:tion|sion|ment|ness|ology|ity|ics|ism|ance|ence|ship)$")


_NAME_SEPARATORS = LazyPattern(r"[\s,/]+")
_EXCLAMATION = LazyPattern(r"[!?]")


def person_line(t: str) -> bool:
    """A line that is one person: a name, with honorifics and an affiliation allowed."""
    if quoted_line(t) or t.endswith((".", ":", "?")) or GREETING.match(t):
        return False
    if not two_capitals(t):  # no name plausible_name takes (a cheap test first)
        return False
    people = parse_people(t)
    if len(people) != 1 or t.endswith("!"):
        return False
    aff = people[0].affiliation
    if aff and not is_organization(aff):
        words = [w for w in _NAME_SEPARATORS.split(aff) if w and w.lower() not in _PARTICLES]
        if (
            len(words) > 8
            or not all(w[:1].isupper() or w[:1].isdigit() for w in words)
            or _EXCLAMATION.search(aff)
        ):
            return False
        if fold.search(SERIES_WORDS, t):
            return False
    return plausible_name(people[0].name) and t.find(people[0].name.split()[0]) <= 25


@lru_cache(maxsize=1024)  # per document: forget_documents clears it
def plausible_name(name: str) -> bool:
    """Reject org-like "names": all-capital word runs, -tion/-ment words."""
    words = name.split()
    if not 1 <= len(words) <= 5:
        return False
    if len(words) >= 3 and all(w.isupper() for w in words if w.isalpha()):
        return False
    if any(len(w) > 5 and _NOT_NAME_WORD.search(w) for w in words):
        return False
    return looks_like_name(name)


def _when_lines(doc: Doc) -> frozenset[int]:
    """Indexes of every line a date/time candidate touches."""
    return doc.when_lines
