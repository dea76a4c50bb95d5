"""A record's place, online meeting, links, abstract, status and organizer.

The orders of sources are those of docs/extraction.md, section 5.
"""

from __future__ import annotations

from collections.abc import Iterator

from seminorm.patterns import LazyPattern

from ..model import Link, Location, Online, Organizer
from ..rules import fold
from ..rules.links import find_emails, find_links
from ..rules.meetings import find_online
from ..rules.places import find_location_in_prose, is_online_only, parse_location
from .candidates import choose_location
from .doc import Doc, join_paragraphs, prose_without_hosts
from .fields import (
    CANCELLED,
    PLACE_WORDS,
    Value,
)
from .lines import Line
from .segment import Record
from .timepick import NOT_THE_TALK

ROOM_CHANGE = LazyPattern(
    r"(?i)(?:room\s+change|new\s+(?:room|venue|location)|(?:room|venue|location)\s+changed?(?:\s+to)?|"
    r"changement\s+de\s+salle|raumänderung|cambio\s+(?:de\s+)?(?:aula|sala))\s*[:\-–—]?\s*([^*\n]{3,80})"
)
_UNLESS = LazyPattern(
    r"(?i)\s*[,(]?\s*(?:unless\s+(?:otherwise\s+)?(?:noted|stated|announced|indicated)|"
    r"sauf\s+(?:indication\s+contraire|mention\s+contraire)|salvo\s+(?:indicación|diversa\s+indicazione)|"
    r"sofern\s+nicht\s+anders\s+angegeben)\b.*$"
)


def _place_start() -> str:
    """A preposition and a room word, or a room word, at a value's start (:mod:`seminorm.lang`'s
    ``place_prepositions`` and ``room_words``)."""
    from ..lang import words

    return (
        rf"(?i)^(?:(?:{words('place_prepositions')})\s+(?:the\s+|la\s+|le\s+|l')?)?"
        rf"(?:{words('room_words')})\b"
    )


_PLACE_START = LazyPattern(_place_start)
_ROOM_CODE = LazyPattern(r"^[A-Z]{1,8}(?:[ -][A-Z]{1,3})?[ -]?[A-Z]?\d{1,4}(?:[.-]\d{1,4})?[A-Z]?$")

# --- place, online, abstract ---------------------------------------------------


def pick_location(
    doc: Doc,
    rec: Record,
    labels: dict[str, list[Value]],
    header: list[tuple[str, Line]],
    text: str,
    key: str = "",
) -> Location | None:
    """The place the scorer prefers among every source's (see :mod:`.candidates`).

    Two statements are taken as written: a room change at the record's top,
    and a place label whose value is only an online meeting (no place)."""
    change = ROOM_CHANGE.search(doc.span_text(rec.first, min(rec.last, rec.first + 3)))
    if change:
        loc = parse_location(change.group(1).strip(" *"))
        if loc:
            return loc
    sources = [labels.get("place", [])]
    if doc.shared:
        sources.append(doc.prelude.get("place", []))
    for vals in sources:
        for v in vals:
            if v.text and is_online_only(v.text):
                return None
            if v.text:
                break
        else:
            continue
        break
    header_lines = frozenset(ln.index for _, ln in header)
    return choose_location(
        doc, rec, _location_proposals(doc, rec, sources, header), header_lines, key
    )


def _location_proposals(
    doc: Doc,
    rec: Record,
    sources: list[list[Value]],
    header: list[tuple[str, Line]],
) -> Iterator[tuple[Location, str, int]]:
    """Every source's place, in the reading order of docs/extraction.md (the
    listing prelude's place only when the record gives none)."""
    given = False
    for k, vals in enumerate(sources):
        for v in vals:
            if v.text and not is_online_only(v.text):
                loc = parse_location(v.text)
                if loc:
                    yield loc, "label:place" if k == 0 else "prelude:place", v.index
                    given = True
    chosen = doc.chosen.get(rec.first)
    if chosen is not None:
        loc = _place_after_time(doc, chosen.span[1])
        if loc is not None:
            yield loc, "after-time", int(getattr(chosen, "line", 0)) - 1
            given = True
    for k, (kind, ln) in enumerate(header):
        if kind == "place" or (
            kind == "text"
            and k > 0
            and header[k - 1][0] == "date"
            and header[k - 1][1].index == ln.index - 1
            and fold.search(PLACE_WORDS, ln.text)
            and len(ln.text.split()) <= 10
        ):
            loc = parse_location(_SENTENCE_END.split(ln.text, maxsplit=1)[0])
            if loc:
                yield loc, "header-place", ln.index
                given = True
    loc = find_location_in_prose(join_paragraphs(prose_without_hosts(doc, rec)))
    if loc is not None:
        yield loc, "prose", -1
        given = True
    if doc.shared and doc.seg.prelude_end > 0 and not given:  # the prelude's, as before: a fallback
        yield from _prelude_places(doc)


def _prelude_places(doc: Doc) -> list[tuple[Location, str, int]]:
    """The places of a listing's prelude: after its first time that gives one, and in its prose.
    The same for every record: read once per document."""
    memo = doc.memo.get("prelude_places")
    if memo is not None:
        return memo  # type: ignore[return-value]
    out: list[tuple[Location, str, int]] = []
    prelude_end = doc.starts[min(doc.seg.prelude_end, len(doc.starts) - 1)]
    ends = [tm.span[1] for tm in doc.times] + [w.span[1] for w in doc.whens]
    for end in sorted(ends):
        if end <= prelude_end:
            loc = _place_after_time(doc, end)
            if loc is not None:
                out.append((loc, "prelude-after-time", -1))
                break
    loc = find_location_in_prose(doc.span_text(0, doc.seg.prelude_end - 1))
    if loc is not None:
        out.append((loc, "prelude-prose", -1))
    doc.memo["prelude_places"] = out
    return out


_CLAUSE_BREAK = LazyPattern(r"\s[|·]\s|;|\.\s")
#: A sentence's end on a header line (``Larch Room. Everyone is welcome.``), not an initial's
#: or a saint's period (``St. Ada's College``).
_SENTENCE_END = LazyPattern(r"(?<=[\w)])(?<!\b[A-Z])(?<!\bSt)(?<!\bMt)(?<!\bDr)\.\s+(?=[A-Z])")
_DIGIT = LazyPattern(r"\d")
_LEADING_PREPOSITION = LazyPattern(
    r"(?i)^(?:in|at|im|in der|dans|en|nel|nella|presso)\s+(?:the\s+|la\s+|le\s+|l')?"
)


def _place_after_time(doc: Doc, end: int) -> Location | None:
    """A place written after a time on its line: ``4 pm in Room 120``, ``17.15 Uhr, Hörsaal E 1``."""
    line_end = doc.text.find("\n", end)
    rest = doc.text[end : line_end if line_end >= 0 else len(doc.text)]
    if NOT_THE_TALK.search(rest):
        rest = NOT_THE_TALK.split(rest)[0]
    rest = _UNLESS.sub("", rest).strip(" ,;:·|-–—")
    if not rest or len(rest) < 3:
        return None
    first_part = _CLAUSE_BREAK.split(rest)[0].strip(" ,.")
    if _ROOM_CODE.match(first_part):
        return Location(name=first_part)
    loc = find_location_in_prose(rest)
    if (
        loc is None
        and len(rest.split()) <= 12
        and ((_DIGIT.search(rest) and fold.search(PLACE_WORDS, rest)) or _PLACE_START.match(rest))
    ):
        loc = parse_location(_LEADING_PREPOSITION.sub("", rest))
    return loc


def pick_online_and_links(doc: Doc, rec: Record, text: str) -> tuple[Online | None, list[Link]]:
    online = find_online(text)
    if online is None and doc.shared and doc.seg.prelude_end > 0:
        online = find_online(doc.span_text(0, doc.seg.prelude_end - 1))
    # an HTML page's hrefs are in its text as ``anchor <url>``: find_links sees them
    return online, list(find_links(text))


_BLANK_LINE = LazyPattern(r"\n\s*\n")
_MEETING_INVITATION = LazyPattern(r"(?i)meeting id|zoom\.us/j|inviting you")


def pick_abstract(
    doc: Doc, rec: Record, labels: dict[str, list[Value]], title: str | None
) -> str | None:
    for v in labels.get("abstract", ()):
        if len(v.text) >= 40:
            return _once(v.text)
    best = ""
    for para in _BLANK_LINE.split(doc.span_text(rec.first, rec.last)):
        p = " ".join(para.split())
        if len(p) > len(best) and len(p) >= 200 and not _MEETING_INVITATION.search(p):
            best = p
    return _once(best) if best else None


def _once(text: str) -> str:
    """A text that repeats itself (pages print the abstract twice) kept once."""
    t = text.strip()
    half = len(t) // 2
    for cut in range(half - 3, half + 4):
        if 0 < cut < len(t) and t[:cut].strip() == t[cut:].strip():
            return t[:cut].strip()
    return t


#: A status the announcement states about itself: a line that is only the word
#: (``TENTATIVE``, ``(unconfirmed)``), a ``Status:`` label, or a word in brackets.
_TENTATIVE_WORDS = (
    r"tentative|unconfirmed|not\s+yet\s+confirmed|provisional|nepotvrzen[oáý]|"
    r"vorläufig|provisoire|à\s+confirmer|da\s+confermare|por\s+confirmar|provisório"
)
TENTATIVE = LazyPattern(
    rf"(?i)^\W{{0,5}}(?:status\s{{0,3}}:\s{{0,3}})?(?:{_TENTATIVE_WORDS})\W{{0,5}}$"
    rf"|[(\[](?:{_TENTATIVE_WORDS})[)\]]"
    rf"|(?:^|\n)\s{{0,5}}(?:status|stav|statut)\s{{0,3}}:\s{{0,3}}(?:{_TENTATIVE_WORDS})\b"
)


def stated_status(doc: Doc, rec: Record) -> str | None:
    """``cancelled`` or ``tentative`` when the record's first lines say so, else None.

    A talk is never said to be confirmed for want of the opposite: the
    status is left unknown (no ``STATUS`` in ICS). A ``TBC`` room or title
    says nothing about the talk itself.

    >>> bool(TENTATIVE.search("Status: unconfirmed")), bool(TENTATIVE.search("(tentative)"))
    (True, True)
    >>> bool(TENTATIVE.search("Room: to be confirmed")), bool(TENTATIVE.search("a tentative plan"))
    (False, False)
    """
    lines = [ln.text for ln in doc.lines[rec.first : min(rec.last, rec.first + 6) + 1]]
    head = " ".join(lines)
    if CANCELLED.search(head):
        return "cancelled"
    if any(TENTATIVE.search(line) for line in lines):
        return "tentative"
    return None


def pick_organizer(
    labels: dict[str, list[Value]], prelude: dict[str, list[Value]]
) -> Organizer | None:
    for v in (*labels.get("host", ()), *prelude.get("host", ())):
        emails = find_emails(v.text)
        if emails:
            name = organizer_name(v.text.split("<")[0].split(emails[0])[0])
            return Organizer(name=name, email=emails[0])
    return None


_SEPARATORS = " \t,;:()[]<>|/—–-"


def organizer_name(before: str) -> str | None:
    """The name in what a contact line has before its e-mail address.

    Separators go, and so does a role after the first comma when it starts
    in lower case (``organisateur des séminaires``); a name written surname
    first (``Rabaud, Étienne``) stays whole.

    >>> organizer_name("Étienne Rabaud, organisateur des séminaires — ")
    'Étienne Rabaud'
    >>> organizer_name("Rabaud, Étienne:"), organizer_name(" — ")
    ('Rabaud, Étienne', None)
    """
    name = before.strip(_SEPARATORS)
    head, comma, tail = name.partition(",")
    if comma and head.strip() and tail.strip(_SEPARATORS)[:1].islower():
        name = head
    return name.strip(_SEPARATORS) or None


_TWO_BLANK_LINES = LazyPattern(r"\n{3,}")


def pick_description(text: str) -> str | None:
    t = _TWO_BLANK_LINES.sub("\n\n", text.strip())
    return t or None
