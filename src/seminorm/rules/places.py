"""Physical places: rooms, buildings, addresses, map links.

:func:`parse_location` reads a place slot (``Room: …``, ``Lieu : …``, an ICS
``LOCATION``): placeholders (``TBD``, ``<no value>``) and online-only values
(``Zoom``, ``online``) give None; a map URL goes to ``url``; a street address
(``Rämistrasse 101, 8092 Zürich``) goes to ``address`` and the room or
building before it is the ``name`` (an address alone is both). Meeting links
and hybrid notes (``& on Zoom``) are dropped.

:func:`find_location_in_prose` finds a place in running text after a
preposition (``in Room 3.14``, ``dans l'amphithéâtre du bâtiment 34``,
``en la Sala de Juntas de …``, ``im Hörsaal 3``, ``in aula Magna``,
``באולם …``), and only in a sentence about the talk (it names a time or a
talk word) unless the phrase itself is a numbered room.

>>> parse_location("BC 2 14 https://map.example.ch/?room==BC%202%2014")
Location(name='BC 2 14', address=None, url='https://map.example.ch/?room==BC%202%2014')
>>> parse_location("TBD") is None, parse_location("Zoom (link below)") is None
(True, True)
"""

from __future__ import annotations

import re
from functools import lru_cache

from seminorm.model import Location
from seminorm.patterns import LazyPattern

from . import fold
from .base import Rule
from .links import classify, link_spans, repair_url, unwrap

PLACEHOLDER = LazyPattern(
    r"(?i)^\W*(?:(?:room|salle|raum|sala|aula|location|venue|lieu|ort)\s+)?"
    r"(?:tba|tbd|tbc|location|place|venue|room|where|lieu|ort|private|example|t\.b\.[ad]\.?|n/?a|none|null|-+|\?+|<?no value>?|see\s+(?:the\s+)?(?:website|web\s?page|page|email)|"
    r"to\s+be\s+(?:announced|confirmed|determined)|see\s+(?:below|above)|"
    r"à\s+(?:préciser|confirmer|venir|définir)|wird\s+noch\s+bekannt\s*gegeben|"
    r"por\s+(?:confirmar|determinar|definir)|da\s+(?:definire|confermare|comunicare))\W*$"
)
_PLATFORMS = (
    r"zoom|webex|ms\s+teams|microsoft\s+teams|teams|google\s+meet|jitsi|youtube|twitch|vimeo|"
    r"big\s?blue\s?button|bbb|gotomeeting|bluejeans|skype"
)


def _online() -> str:
    """An online-only word: a platform, or a language's word (:mod:`seminorm.lang`'s ``online_words``)."""
    from ..lang import alternation, merged

    return rf"(?i)\b(?:{_PLATFORMS}|{alternation(merged('online_words'))})\b"


_ONLINE = LazyPattern(_online)
_FILLER = LazyPattern(
    r"(?i)\b(?:via|on|only|the|a|an|link|links|meeting|session|event|below|above|see|in|par|per|"
    r"por|su|tramite|sur|en|auf|über|über|mit|with|will|be|sent|shared|provided|registered|"
    r"participants|upon|registration|after|to|only|und|and|et|y|e|or|ou|oder|o|email|e-mail|"
    r"mail|details|info|information|platform|plateforme|plattform|call|room|available|here|"
    r"lien|enlace|zugang|seminar|talk|held|conference|is|will|this|join|us|ci|vía|besprechung|"
    r"réunion|reunión|riunione|sitzung|veranstaltung|calendar|invite|invitation|request|demand|"
    r"attendees|person|streamed|live|channel|format)\b"
)
_HYBRID = LazyPattern(
    r"(?i)\s*(?:[&+/|,;]|\band\b|\bor\b|\bet\b|\bund\b|\by\b|\bo\b|\boder\b|\bou\b)?\s*"
    r"\(?(?:and\s+|also\s+|or\s+)?(?:(?:on|via|over|per|par|en|auf)\s+)?"
    r"(?:zoom|webex|ms\s+teams|teams|online|livestream|hybrid|hybride|hybrid\s+format)"
    r"(?:\s+(?:meeting|link|stream|too|as\s+well))?(?:\s*\((?:link\s+)?(?:below|above)\))?\)?\s*$"
)
_HYBRID_WORD = LazyPattern(r"(?i)zoom|webex|teams|online|livestream|hybrid")
_STREET = LazyPattern(
    r"(?i)\b\d{1,5}[a-z]?\s+(?:[\w.'-]{1,30}\s){1,4}(?:street|st\.|avenue|ave\.?|road|rd\.|boulevard|"
    r"blvd\.?|drive|dr\.|lane|way|place|square|parkway|court|terrace)(?:\W|$)|"
    r"[\w-]{2,40}(?:strasse|straße|gasse|weg|platz|allee|damm|ufer)\s+\d{1,4}[a-z]?\b|"
    r"\b[\w-]{2,40}(?:\s|-)?(?:str\.|straße|strasse)\s+\d{1,4}[a-z]?\b|"
    r"\b\d{1,4}[a-z]?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|chemin|quai|allée|impasse|via|viale|"
    r"piazza|corso|calle|avenida|plaza|paseo|carrer|rua)\b|"
    r"(?-i:\b(?:Am|An\s+der|An\s+den|Im|Auf\s+der|Auf\s+dem|In\s+der|Unter\s+den|Zum|Zur)\s+"
    r"[A-ZÄÖÜ][\w-]{2,30}(?:\s[A-ZÄÖÜ][\w-]{2,30})?\s+\d{1,4}[a-z]?\b)|"
    r"(?-i:\b(?:Rue|Avenue|Boulevard|Place|Chemin|Quai|Via|Viale|Piazza|Piazzale|Corso|Largo|Calle|"
    r"Avenida|Plaza|Paseo|Carrer|Rua)\s+(?:(?:de|del|della|di|la|le|des|du|dos|da)\s+){0,2}[A-ZÀ-Þ])"
)
_POSTCODE = LazyPattern(
    r"\b(?:[A-Z]{1,2}-)?\d{4,5}\s+(?!(?:Seminar|Series|Spring|Fall|Autumn|Summer|Winter|Semester|Edition|"
    r"Conference|Workshop|Colloquium|Lecture|Session|Program)\b)[A-ZÀ-Þ][\w-]{2,30}|"
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|\b[A-Z]{2}\s\d{5}\b"
)


_ALNUM = LazyPattern(r"[^\W_]")


def is_online_only(text: str) -> bool:
    """Whether a place value says only that the event is online.

    >>> [is_online_only(x) for x in ("Zoom", "online via Zoom (link below)", "https://zoom.us/j/123", "Room 3 and Zoom")]
    [True, True, True, False]
    """
    s = text.strip()
    if not s:
        return False
    found_url = False
    for start, end, raw in reversed(link_spans(s)):
        url = repair_url(unwrap(repair_url(raw)))
        if classify(url) != "meeting":
            return False
        found_url = True
        s = s[:start] + " " + s[end:]
    had_word = bool(_ONLINE.search(s))
    if not (had_word or found_url):
        return False
    rest = _FILLER.sub(" ", _ONLINE.sub(" ", s))
    return not _ALNUM.search(rest)


_WHEN_PART = LazyPattern(
    r"(?i)(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]{0,6}\.?|\d{1,4}(?:[:.h/]\d{1,2}){0,2}\s?(?:am|pm|a\.m\.|p\.m\.|uhr|h)?|"
    r"(?:st|nd|rd|th)|[-–—]|\s){1,12}"
)


_WHEN_MARK = LazyPattern(r"(?i):|[ap]\.?m\b|uhr|\dh\b|[a-z]{3}")


def _is_when(part: str) -> bool:
    """A comma part that is only a date or a time (``4pm``, ``Monday``, ``16:00-17:00``)."""
    return bool(_WHEN_PART.fullmatch(part)) and bool(_WHEN_MARK.search(part))


def _parts(s: str) -> list[int]:
    """Offsets where the comma/semicolon/``@``-separated parts of ``s`` start (outside brackets)."""
    starts, depth = [0], 0
    for i, ch in enumerate(s):
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif depth == 0 and (ch in ",;" or (ch == "@" and s[i - 1 : i] == " ")):
            starts.append(i + 1)
    return starts


_PARENTHESISED_PART = LazyPattern(r"\(([^()]{5,200})\)?")


def _split_address(s: str) -> tuple[str | None, str | None]:
    """``(name, address)``: the street address and the room or building before it."""
    for inner in _PARENTHESISED_PART.finditer(s):
        if _STREET.search(inner.group(1)):
            outside = (s[: inner.start()] + " " + s[inner.end() :]).strip(" ,;@")
            return " ".join(outside.split()) or None, inner.group(1).strip(" ,")
    starts = _parts(s)
    for k, start in enumerate(starts):
        end = starts[k + 1] - 1 if k + 1 < len(starts) else len(s)
        part = s[start:end]
        if _STREET.search(part) or (_POSTCODE.search(part) and k > 0):
            name = s[:start].strip(" ,;@") or None
            return name, s[start:].strip(" ,;@")
    return s, None


_ONLINE_PAREN = LazyPattern(
    r"(?i)\s*\(([^()]{0,80}\b(?:hybrid|zoom|online|webex|teams|link\s+below|livestream)\b[^()]{0,80})\)"
)
_MODE = LazyPattern(
    r"(?i)\b(?:hybrid|hybride|in[\s-]person|présentiel|presencial|in\s+presenza|präsenz|vor\s+ort)\b"
)


_WHEN_PAREN = LazyPattern(
    r"(?i)\s*\([^()]{0,60}(?:\d{1,2}[:.h]\d{2}|\d\s?[ap]\.?m\b|local\s+time|heure|uhr)[^()]{0,60}\)"
)


_PLACEHOLDER_PAREN = LazyPattern(r"\s*\(([^()]{1,60})\)")


def _no_placeholder(m: re.Match[str]) -> str:
    """``(room to be confirmed)``, ``(TBA)`` go; other parentheses stay."""
    return " " if PLACEHOLDER.match(m.group(1)) else m.group(0)


def _paren_place(m: re.Match[str]) -> str:
    """``(hybrid, Zoom link below)`` goes; ``(Room 5 and Zoom)`` leaves ``, Room 5``."""
    inner = _HYBRID.sub("", _MODE.sub(" ", m.group(1)))
    inner = inner.strip(" ,;:-–—/&+")
    return ", " + inner if _substance(inner) else " "


def _substance(s: str) -> bool:
    """Whether ``s`` says more than "online", "hybrid", "in person" and filler words."""
    rest = _FILLER.sub(" ", _ONLINE.sub(" ", _MODE.sub(" ", s)))
    return bool(_ALNUM.search(rest))


_EMPTY_MARKDOWN_LINK = LazyPattern(r"\[([^\]]{1,200})\]\(\s*\)")
_EMPTY_BRACKETS = LazyPattern(r"\(\s*\)|<\s*>")
_LEADING_PREPOSITION = LazyPattern(r"(?i)^(?:in|at|dans|en|im|in\s+der|nel|nella)\s+(?=\S)")
_ATTENDANCE_MODE_PREFIX = LazyPattern(
    r"(?i)^(?:hybrid|hybride|in[\s-]person|présentiel|vor\s+ort)\s*[-–:,/]\s*"
)
_MAP_NOTE = LazyPattern(r"(?i)\s*\((?:map|plan|directions|lageplan|campus\s+map)\)")


@lru_cache(maxsize=1024)  # per document: forget_documents clears it
def parse_location(text: str) -> Location | None:
    """The place a place slot names, or None (placeholder, online only).

    >>> parse_location("HG F 5, Rämistrasse 101, 8092 Zürich")
    Location(name='HG F 5', address='Rämistrasse 101, 8092 Zürich', url=None)
    >>> parse_location("Pierce SEC 1.210**")
    Location(name='Pierce SEC 1.210', address=None, url=None)
    >>> parse_location("Room 101 & on Zoom")
    Location(name='Room 101', address=None, url=None)
    """
    if not text or len(text) > 2000:
        return None
    s = " ".join(text.split())
    if PLACEHOLDER.match(s) or is_online_only(s):
        return None
    url: str | None = None
    for start, end, raw in reversed(link_spans(s)):
        u = repair_url(unwrap(repair_url(raw)))
        if classify(u) != "meeting" and (url is None or classify(u) == "map"):
            url = u
        s = s[:start] + " " + s[end:]
    s = _EMPTY_MARKDOWN_LINK.sub(r"\1", s)
    s = _EMPTY_BRACKETS.sub(" ", s)
    s = _ONLINE_PAREN.sub(_paren_place, s)
    s = _PLACEHOLDER_PAREN.sub(_no_placeholder, s)
    s = _WHEN_PAREN.sub(" ", s)
    s = " ".join(s.split())
    if _HYBRID_WORD.search(s):  # _HYBRID needs one of its words, and is slow to try everywhere
        s = _HYBRID.sub("", s)
    s = _LEADING_PREPOSITION.sub("", s)
    s = _ATTENDANCE_MODE_PREFIX.sub("", s)
    s = _MAP_NOTE.sub("", s)
    s = ",".join(p for p in s.split(",") if not _is_when(p.strip()))
    s = s.strip(" \t*_#†‡,;:-–—").strip()
    if not s or PLACEHOLDER.match(s) or not _substance(s):
        return Location(name=None, address=None, url=url) if url else None
    name, address = _split_address(s)
    if address and not name:
        name = address
    return Location(name=name, address=address, url=url)


def _place_noun() -> str:
    """Up to three words, then a room or building noun (:mod:`seminorm.lang`'s ``room_words``)."""
    from ..lang import alternation, merged

    return (
        r"(?:(?:(?!(?:in|at|on|à|dans|en|im|um|am|a|al|alle|de|du|the|la|le|el|der|die|das)\s)(?![\w'’-]{0,30}\d)[\w'’-]{1,30}\s){0,3}"
        rf"(?:{alternation(merged('room_words'))})\b)"
    )


_PREP = (
    r"(?:(?<![\w-])(?:in|at)\s+(?:the\s+)?|(?<![\w-])dans\s+(?:l['’]|la\s+|le\s+)|(?<![\w-])en\s+(?:salle\s+)?"
    r"(?:la\s+|el\s+)?|(?<![\w-])(?:im|in\s+der|in\s+dem|in\s+den)\s+|(?<![\w-])(?:nell['’]|nella\s+|nel\s+|in\s+)|"
    r"(?<![\w-])(?:a\s+la|al)\s+|(?<![\w־])ב(?=(?:אולם|חדר|בניין|כיתה|אודיטוריום|ספריית|מרכז)))"
)
PROSE = LazyPattern(
    lambda: (
        rf"(?i){_PREP}(?P<place>(?:{_place_noun()}|אולם|חדר|בניין|כיתה|אודיטוריום|"
        r"(?-i:[A-Z][\w&.-]{1,20}(?:\s[A-Z][\w&.-]{0,20}){0,3})\s(?=[A-Z]{0,3}[-.]?\d)))[^\n]{0,160}"
    )
)
#: Where :data:`PROSE` may start, in the lower-cased text (its twin, :mod:`.fold`): a
#: preposition at a word's start, with the space or apostrophe that follows each of
#: :data:`_PREP`'s (not ``also``, ``energy``, the article ``a``: a third of the places
#: tried before). ``re`` tries PROSE's look-behinds at every character; the twin finds
#: the few places worth trying several times faster.
_PROSE_TWIN = LazyPattern(r"\b(?:i[nm]\s|at\s|a\s+la\s|al\s|dans\s|en\s|nel(?:l['’]|la\s|\s)|ב)")
_STOP = LazyPattern(
    r"(?i)(?:(?<!\b(?-i:[A-Z]))(?<!\bSt)(?<!\bMt)(?<!\bDr)\.(?:\s|$)|[;!?]|\*|\s[-–—]\s|"
    r"\s\d{1,2}(?:[:.]\d\d)?\s?(?:[-–]\s?\d{1,2}(?:[:.]\d\d)?\s?)?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|"
    r",\s*(?=(?-i:[a-zà-ÿ])|\d{1,2}[:.h]\d|\d{1,2}\s*(?:am|pm|h|uhr)|"
    r"(?:on|at|from|le|à|a\s+las|am|um|alle|il|el|de)\s)|"
    r"\s(?:on|from|at|à|a\s+las?|um|ab|alle|dalle|el\s+(?:lunes|martes|mi[ée]rcoles|jueves|viernes))\s+"
    r"(?=\d|(?:mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|montag|dienstag|mittwoch|donnerstag|freitag)))|"
    r"\s(?:statt(?:finden)?|will|is|are|where|which|with|to|for|nos|se|aura|wird|si|who|that|"
    r"über|about|sur|sobre|zum|zur|on\s+the)\b"
)
_TALK_CUE = LazyPattern(
    r"(?i)\d{1,2}[:.h]\d{2}|\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.|uhr|h\b|horas)|\b(?:noon|midi)\b|"
    r"talk|seminar|lecture|colloquium|will\s+be\s+(?:held|in)|take\s+place|séminaire|soutenance|"
    r"conférence|exposé|aura\s+lieu|vortrag|kolloquium|findet|statt|charla|conferencia|"
    r"tendrá\s+lugar|seminario|si\s+terrà|הרצאה|בשעה"
)
_MONTHS = LazyPattern(
    r"(?i)^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|autumn|winter|"
    r"mon|tue|wed|thu|fri|sat|sun)"
)
_PLACE_NOUN = LazyPattern(_place_noun, re.I)


def _phrase(m: re.Match[str]) -> str | None:
    return cut_place(m.group(0)[m.start("place") - m.start() :])


def cut_place(seg: str) -> str | None:
    """The place ``seg`` starts with, up to where its phrase stops (a sentence's end, a
    clause, a time or date after "at"/"on"/"from"), or None.

    >>> cut_place("Larch Room in Quill House from 2 to 4 pm, with tea"), cut_place("June")
    ('Larch Room in Quill House', None)
    """
    pos = 0
    for st in _STOP.finditer(seg):
        if st.start() > 2:
            pos = st.start()
            break
    else:
        pos = len(seg)
    phrase = seg[:pos].strip(" ,;:*\"'”“»")
    while phrase.endswith(")") and phrase.count(")") > phrase.count("("):
        phrase = phrase[:-1].rstrip()
    if phrase.count("(") > phrase.count(")"):  # cut inside a parenthesis: keep what precedes it
        phrase = phrase[: phrase.rfind("(")].rstrip(" ,")
    if not phrase or _MONTHS.match(phrase) or len(phrase) < 3:
        return None
    return phrase


def _refreshment() -> str:
    """Food and drink (:mod:`seminorm.lang`'s ``refreshment_words``): a place right after one
    is the reception's."""
    from ..lang import alternation, merged

    return rf"(?i)\b(?:{alternation(merged('refreshment_words'))})\b"


_REFRESHMENT = LazyPattern(_refreshment)


_DIGIT = LazyPattern(r"\d")
#: A period that ends a sentence, not an abbreviation's (``p.m.``, ``Dr.``, ``U.S.``).
_ABBREVIATION_BEFORE = LazyPattern(r"(?i)(?:\b[a-z]|\b(?:dr|mr|mrs|ms|prof|st|no|vs|e\.g|i\.e))$")


def _sentence_of(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (at most 400 characters either side): from the
    last sentence end or blank line before it to the next sentence end after it. An
    abbreviation's period (``4:30 p.m. in the Quill Room``) ends no sentence."""
    lo, hi = max(0, start - 400), min(len(text), end + 400)
    a = max(text.rfind("\n\n", lo, start), lo)
    i = text.rfind(".", a, start)
    while i > a and _ABBREVIATION_BEFORE.search(text, max(a, i - 5), i):
        i = text.rfind(".", a, i)
    a = max(a, i)
    b = text.find(". ", end, hi)
    return text[a : b if b != -1 else hi]


@lru_cache(maxsize=1024)  # per document: forget_documents clears it
def find_location_in_prose(text: str) -> Location | None:
    """A place named in running text, without its preposition, or None.

    >>> find_location_in_prose("The seminar will be in Pierce SEC 1.210, with talks starting at 4:15.")
    Location(name='Pierce SEC 1.210', address=None, url=None)
    >>> find_location_in_prose("Le jeudi 14 mars à 10h dans l’amphithéâtre du bâtiment 12, UFR Sciences\\n").name
    'amphithéâtre du bâtiment 12, UFR Sciences'
    """
    best: tuple[int, str] | None = None
    for m in fold.finditer(PROSE, text[:200_000], _PROSE_TWIN.compiled):
        phrase = _phrase(m)
        if phrase is None:
            continue
        sentence = _sentence_of(text, m.start(), m.end())
        if _REFRESHMENT.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # ``(tea at 3:30 in the lounge)`` is not the talk's room
        score = 2 if fold.search(_TALK_CUE, sentence) else 0
        if _DIGIT.search(phrase) and _PLACE_NOUN.search(phrase):
            score += 1
        if score and (best is None or score > best[0]):
            best = (score, phrase)
            if score >= 3:
                break
    return parse_location(best[1]) if best else None


def find_locations_in_prose(text: str) -> list[Location]:
    """Every place named in a sentence about the talk (see :func:`find_location_in_prose`),
    in the text's order, at most 20.

    >>> [p.name for p in find_locations_in_prose("Tea at 3 in the lounge. The talk is at 4 pm in Quill Hall 12.")]
    ['Quill Hall 12']
    """
    out: list[Location] = []
    text = text[:200_000]
    pos = tries = 0
    while len(out) < 20 and tries < 200:
        tries += 1
        m = PROSE.search(text, pos)
        if m is None:
            break
        pos = m.start("place") + 1  # a match runs to the line's end: the next starts inside it
        phrase = _phrase(m)
        if phrase is None:
            continue
        if _REFRESHMENT.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        sentence = _sentence_of(text, m.start(), m.end())
        numbered = _DIGIT.search(phrase) and _PLACE_NOUN.search(phrase)
        if not (fold.search(_TALK_CUE, sentence) or numbered):
            continue
        loc = parse_location(phrase)
        if loc is not None:
            out.append(loc)
    return out


def _series_name() -> str:
    """A series word (:mod:`seminorm.lang`'s ``series_words``), singular or plural."""
    from ..lang import alternation, merged

    return rf"(?i)\b(?:{alternation(merged('series_words'))})s?\b"


_SERIES_NAME = LazyPattern(_series_name)


def is_series_name(text: str) -> bool:
    """Whether a place slot holds the name of a seminar series rather than a place
    (calendars that collect several series put the series in ``LOCATION``): a series
    word, and neither a room word nor a number.

    >>> [is_series_name(x) for x in ("Northfield Algebra Seminar", "Seminar Room 3", "Quill Hall")]
    [True, False, False]
    """
    s = " ".join(text.split())
    return (
        len(s) <= 120
        and bool(_SERIES_NAME.search(s))
        and not _PLACE_NOUN.search(s)
        and not _DIGIT.search(s)
    )


def _slot_value(m: re.Match[str]) -> tuple[str | None, str | None, str | None] | None:
    loc = parse_location(m.group(0))
    return (loc.name, loc.address, loc.url) if loc else None


def _prose_value(m: re.Match[str]) -> str | None:
    return _phrase(m)


RULES: tuple[Rule[object], ...] = (
    Rule(
        "place-slot",
        LazyPattern(r"[^\n]{1,2000}"),
        _slot_value,
        examples=(
            (
                "BC 2 14 https://map.example.ch/?room==BC%202%2014",
                ("BC 2 14", None, "https://map.example.ch/?room==BC%202%2014"),
            ),
            ("Ayres 114", ("Ayres 114", None, None)),
            (
                "Lecture Hall III, Department of Physics",
                ("Lecture Hall III, Department of Physics", None, None),
            ),
            (
                "Rämistrasse 101, 8092 Zürich",
                ("Rämistrasse 101, 8092 Zürich", "Rämistrasse 101, 8092 Zürich", None),
            ),
        ),
        counterexamples=("TBD", "<no value>", "Zoom", "online only", "https://zoom.us/j/123456789"),
    ),
    Rule(
        "place-prose",
        PROSE,
        _prose_value,
        examples=(
            (
                "in the Kestrel Seminar Room (405 Parrish Hall)",
                "Kestrel Seminar Room (405 Parrish Hall)",
            ),
            (
                "a las 19:00 horas en la Sala de Juntas de la Facultad de Ciencias, nos hablará",
                "Sala de Juntas de la Facultad de Ciencias",
            ),
            ("Der Vortrag findet im Hörsaal 3 statt.", "Hörsaal 3"),
            (
                "באולם פיזיקה 4 בבניין ניוטון, הר הצופים**.",
                "אולם פיזיקה 4 בבניין ניוטון, הר הצופים",
            ),
        ),
        counterexamples=("in May 2021", "in the talk we show", "at 3pm"),
    ),
)
