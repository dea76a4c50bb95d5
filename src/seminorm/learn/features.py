"""What a reader notices about a candidate value: plain functions of text.

Every function returns sparse features (name -> value, absent = 0) and is
shown by example in ``tests/test_learn_features.py``. The names are the keys
of ``weights.json``; :func:`names` lists the fixed ones (``rule:*`` names are
added per candidate source).
"""

from __future__ import annotations

import math
from functools import lru_cache

from seminorm.patterns import LazyPattern
from seminorm.plain import Frozen

from ..lang import gated, merged, words
from ..rules import fold
from ..rules.labels import split_label
from ..rules.people import is_organization, looks_like_name, strip_honorifics
from ..rules.people_names import ROLE, given_name, role_noun

Features = dict[str, float]


class Spot(Frozen):
    """Where a candidate stands: its line and the lines around it."""

    __slots__ = ("after", "before", "in_header", "offset", "raw", "repeats", "to_time")
    offset: int  # lines from the record's first line; -1 when not from one line
    to_time: int | None  # lines from the line of the talk's time (negative: above it)
    raw: str  # its whole line, as written
    before: str  # the nearest non-blank line above
    after: str  # the nearest non-blank line below
    repeats: int  # how often its text occurs in the whole document
    in_header: bool  # one of the short lines at the record's top

    def __init__(
        self,
        offset: int,
        to_time: int | None,
        raw: str,
        before: str,
        after: str,
        repeats: int,
        in_header: bool,
    ) -> None:
        _set = object.__setattr__  # made once: no check of Frozen.__setattr__
        _set(self, "offset", offset)
        _set(self, "to_time", to_time)
        _set(self, "raw", raw)
        _set(self, "before", before)
        _set(self, "after", after)
        _set(self, "repeats", repeats)
        _set(self, "in_header", in_header)


def _log(n: float) -> float:
    return math.log1p(max(n, 0.0)) / 4


def source(rule: str, rank: int) -> Features:
    """The candidate's source rule and its place in the reading order.

    >>> source("label:speaker", 0)
    {'rule:label:speaker': 1.0, 'rank0': 1.0, 'rank_log': 0.0}
    """
    return {f"rule:{rule}": 1.0, "rank0": 1.0 if rank == 0 else 0.0, "rank_log": _log(rank)}


_HEADING_MARK = LazyPattern(r"\s*(?:#|\*\*|__|<h\d)")


def position(spot: Spot) -> Features:
    """The line's place in the record and its distance to the talk's time.

    >>> position(Spot(0, 2, "  Ada", "", "x", 1, True))["time_near"]
    1.0
    """
    f: Features = {}
    if spot.offset < 0:
        f["pos_unknown"] = 1.0
    else:
        f["pos_first"] = 1.0 if spot.offset == 0 else 0.0
        f["pos_log"] = _log(spot.offset)
    d = spot.to_time
    if d is None:
        f["time_unknown"] = 1.0
    else:
        f["time_same"] = 1.0 if d == 0 else 0.0
        f["time_near"] = 1.0 if 0 < abs(d) <= 3 else 0.0
        f["time_far_log"] = _log(abs(d))
        f["time_above"] = 1.0 if d < 0 else 0.0
    f["in_header"] = 1.0 if spot.in_header else 0.0
    f["repeats"] = 1.0 if spot.repeats >= 2 else 0.0
    lead = len(spot.raw) - len(spot.raw.lstrip(" \t"))
    f["centred"] = 1.0 if lead >= 6 else 0.0
    f["markup"] = 1.0 if _HEADING_MARK.match(spot.raw) else 0.0
    f["before_colon"] = 1.0 if spot.before.rstrip().endswith(":") else 0.0
    return f


_QUOTED = LazyPattern(r"^\W{0,2}[\"“„«‘'].{4,}[\"”“»’']\W{0,2}$")


_DIGIT = LazyPattern(r"\d")
_URL_START = LazyPattern(r"(?i)https?://|www\.")


def shape(text: str, line: str) -> Features:
    """The value's own shape: length, case, quotes, punctuation, and how much of its line it is.

    >>> s = shape("Hollis Hall 4120", "   Hollis Hall 4120")
    >>> s["w2_4"], s["title_case"], s["has_digit"], s["whole_line"]
    (1.0, 1.0, 1.0, 1.0)
    """
    words = text.split()
    n = len(words)
    f: Features = {
        "w1": 1.0 if n <= 1 else 0.0,
        "w2_4": 1.0 if 2 <= n <= 4 else 0.0,
        "w5_8": 1.0 if 5 <= n <= 8 else 0.0,
        "w9_14": 1.0 if 9 <= n <= 14 else 0.0,
        "w15p": 1.0 if n >= 15 else 0.0,
    }
    caps = [w for w in words if w[:1].isupper()]
    f["all_caps"] = 1.0 if _all_caps(text) else 0.0
    f["title_case"] = 1.0 if words and len(caps) >= 0.6 * n else 0.0
    f["quoted"] = 1.0 if _QUOTED.match(text.strip()) else 0.0
    f["ends_period"] = 1.0 if text.rstrip().endswith(".") and n >= 6 else 0.0
    f["ends_q"] = 1.0 if text.rstrip().endswith("?") else 0.0
    f["ends_colon"] = 1.0 if text.rstrip().endswith(":") else 0.0
    f["has_digit"] = 1.0 if _DIGIT.search(text) else 0.0
    f["has_url"] = 1.0 if _URL_START.search(text) else 0.0
    f["has_at"] = 1.0 if "@" in text else 0.0
    stripped = " ".join(line.split())
    f["whole_line"] = 1.0 if stripped and len(" ".join(words)) >= 0.8 * len(stripped) else 0.0
    return f


def _all_caps(text: str) -> bool:
    """Four letters or more, every one upper case (a caseless letter is not)."""
    if text.isascii():  # letters are cased: none in lower case, and some (read first, in C)
        return text.isupper() and sum(c.isalpha() for c in text) >= 4
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _honorific() -> str:
    """An honorific at the end of a text (:mod:`seminorm.lang`'s ``honorifics``, each with its
    own optional dot)."""
    return rf"(?i)(?<!\w){gated(merged('honorifics'))}(?!\w)\s*$"


_HONORIFIC = LazyPattern(_honorific)


def _speaker_cue() -> str:
    """A word right before a speaker's name, at the end of a text (``lang``'s ``before_speaker``)."""
    from ..lang import alternation, merged

    return rf"(?i)\b(?:{alternation(merged('before_speaker'))})\b\W{{0,3}}$"


def _host_cue() -> str:
    """A word that makes a name a host's (``lang``'s ``host_words``)."""
    from ..lang import alternation, merged

    return rf"(?i)\b(?:{alternation(merged('host_words'))})\b"


def _verb_after() -> str:
    """A verb of speaking later in the name's sentence (``lang``'s ``speaking_verbs``): ``Ada
    Quill, a chemist from Ulm, will be giving a talk``."""
    from ..lang import alternation, merged

    return rf"(?i)^[^.!?;:]{{0,100}}?\s(?:{alternation(merged('speaking_verbs'))})\b"


#: Words before a speaker's name, in the languages we read (only whether one matches is read).
SPEAKER_CUE = LazyPattern(_speaker_cue)
#: A verb of speaking in the rest of the name's sentence (only whether one matches is read).
VERB_AFTER = LazyPattern(_verb_after)
_ALSO = LazyPattern(r"(?i)\s(?:also|then|briefly|first|now)\b")
#: People who are named but do not speak (only whether one matches is read).
HOST_CUE = LazyPattern(_host_cue)


def person(name: str, affiliation: str | None, count: int, spot: Spot) -> Features:
    """How much a speaker candidate reads as the talk's speaker.

    >>> f = person("Ada Lovelace", "Analytical Engines Ltd", 1, Spot(3, 1, "Dr. Ada Lovelace", "Title", "", 1, True))
    >>> f["honorific"], f["name_like"], f["aff_org"], f["host_cue"]
    (1.0, 1.0, 1.0, 0.0)
    """

    f: Features = {}
    at = spot.raw.find(name)
    before = spot.raw[:at] if at >= 0 else ""
    honorific_end = before.rstrip()  # ``\\s*$``: the same match without the spaces
    f["honorific"] = 1.0 if _HONORIFIC.search(honorific_end, _last_word(honorific_end)) else 0.0
    f["name_like"] = 1.0 if looks_like_name(name) else 0.0
    f["name_org"] = 1.0 if is_organization(name) else 0.0
    letters = [c for c in name if c.isalpha()]
    f["name_caps"] = 1.0 if letters and all(c.isupper() for c in letters) else 0.0
    f["name_words_log"] = _log(len(name.split()))
    f["people_2p"] = 1.0 if count >= 2 else 0.0
    f["has_aff"] = 1.0 if affiliation else 0.0
    f["aff_org"] = 1.0 if affiliation and is_organization(affiliation) else 0.0
    f["aff_long"] = 1.0 if affiliation and len(affiliation.split()) > 12 else 0.0
    f["next_org"] = 1.0 if spot.after and is_organization(spot.after) else 0.0
    f["next_role"] = 1.0 if spot.after and _role_line(spot.after) else 0.0
    rest = spot.raw[at + len(name) :] if at >= 0 else ""
    if rest and not _SENTENCE_END.search(rest):
        rest += " " + spot.after
    f["verb_after"] = 1.0 if rest and VERB_AFTER.search(_ALSO.sub("", rest[:160])) else 0.0
    f["cue_before"] = (
        1.0
        if SPEAKER_CUE.search(before, _last_word(before))
        or SPEAKER_CUE.search(spot.before, _last_word(spot.before))
        else 0.0
    )
    near = before[-60:] + " " + (spot.before[-60:] if not before.strip() else "")
    f["host_cue"] = 1.0 if HOST_CUE.search(near) else 0.0
    f.update(name_shape(name, spot.raw[at + len(name) :] if at >= 0 else ""))
    f.update(line_label(spot.raw))
    alone = at >= 0 and len(spot.raw.strip()) <= len(name) + 40
    if alone:  # the name is all of its line but for borders and honorifics
        core = strip_honorifics(" ".join(_BORDER.sub(" ", spot.raw).split())).strip(" ,.;:")
        alone = core == name
    f["alone"] = 1.0 if alone else 0.0
    evidence = sum(
        f.get(k, 0.0) > 0
        for k in ("honorific", "given_name", "cue_before", "line_label_speaker", "aff_org")
    )
    f["evidence_0"] = 1.0 if evidence == 0 else 0.0
    f["evidence_2p"] = 1.0 if evidence >= 2 else 0.0
    return f


_SENTENCE_END = LazyPattern(r"[.!?;](?:\s|$)")


def _role_line(line: str) -> bool:
    """Whether a line is a job title (``Associate Professor``, ``Program Manager``, ``President
    and Founder``): a person's line sits above it."""

    t = " ".join(line.replace("*", " ").split()).strip(" ,;")
    if not t or len(t) > 80:
        return False
    words = t.split(",")[0].split()
    return ROLE.match(t) is not None or (
        len(words) <= 5 and role_noun(words[-1].strip(".").casefold())
    )


def _last_word(text: str) -> int:
    """Where a search of ``text`` for :data:`SPEAKER_CUE` or :data:`_HONORIFIC` (without its
    trailing spaces) may start: each matches only the end of a text, a word of its list and
    at most a few characters after it, 16 characters at most (``dott.ssa``, ``professor.``,
    ``dr. rer. nat.``; a longer honorific ends with a shorter one, ``associate professor.``:
    ``tests/test_lang.py`` checks both tables), so no
    match starts before the word that holds the sixteenth character from the end (``re``
    still reads the characters before the start for ``\\b``). Long lines are read from there
    instead of tried at every character."""
    pos = len(text) - 16
    while pos > 0 and _is_word(text[pos - 1]):
        pos -= 1
    return max(pos, 0)


def _is_word(ch: str) -> bool:
    """Whether ``re`` reads ``ch`` as ``\\w``."""
    return ch.isalnum() or ch == "_"


_BORDER = LazyPattern(r"[|*#=_>•+~]+|(?<!\w)-{2,}|\t")
#: Words of titles and phrases that are not in names (particles such as ``de`` are).
_PHRASE_WORDS = frozenset(
    "a an the of and or for in on to with no not by from using via into towards toward about "
    "over under between among beyond versus vs how what why is are new".split()
)
_GERUND = LazyPattern(r"^[A-Za-z]{4,}ing$")


def name_shape(name: str, after: str = "") -> Features:
    """What makes a capitalised phrase a person's name or not: a common given name first, a
    place word, a phrase word or a gerund (a title: ``Testing Wide Bridges``), a possessive
    after it.

    >>> f = name_shape("Margaret Quill", "'s new book")
    >>> f["given_name"], f["name_place"], f["name_phrase"], f["possessive"]
    (1.0, 0.0, 0.0, 1.0)
    >>> f = name_shape("Testing Of Bridges")
    >>> f["given_name"], f["name_phrase"], f["name_gerund"]
    (0.0, 1.0, 1.0)
    """

    words = name.split()
    return {
        "given_name": 1.0 if given_name(name) else 0.0,
        "name_place": 1.0 if _PLACE_WORD.search(name) else 0.0,
        "name_phrase": 1.0 if any(w.casefold() in _PHRASE_WORDS for w in words) else 0.0,
        "name_gerund": 1.0 if words and _GERUND.match(words[0]) else 0.0,
        "possessive": 1.0 if after[:2] in ("'s", "’s") else 0.0,
    }


def line_label(raw: str) -> Features:
    """The label of the candidate's line: a speaker label, a host's, another field's.

    >>> line_label("Hosted by: Ada Lovelace"), line_label("Ada Lovelace")
    ({'line_label_host': 1.0}, {})
    """

    got = split_label(raw[:300]) if ":" in raw[:300] or "-" in raw[:300] else None
    if got is None:
        return {}
    field = got[0] if got[0] in ("speaker", "host", "title", "place") else "other"
    return {f"line_label_{field}": 1.0}


def mentions(count: int) -> Features:
    """How often the person's surname occurs in the record (the subject of a text is named again).

    >>> mentions(1), mentions(3)
    ({'surname_1': 1.0, 'surname_2': 0.0, 'surname_3p': 0.0}, {'surname_1': 0.0, 'surname_2': 0.0, 'surname_3p': 1.0})
    """
    return {
        "surname_1": 1.0 if count <= 1 else 0.0,
        "surname_2": 1.0 if count == 2 else 0.0,
        "surname_3p": 1.0 if count >= 3 else 0.0,
    }


_PLACE_WORD = LazyPattern(
    r"(?i)\b(?:room|rm|hall|building|bldg|auditorium|amphi\w*|salle|sala|aula|hörsaal|raum|"
    r"gebäude|seminar\s?room|theat(?:re|er)|campus|floor|library|centre|center|bâtiment|"
    r"edificio|edifício|stanza|auditorio|lounge|studio|wing|ballroom|lab|laboratory|"
    r"conference|lobby|atrium|museum|cafe|café|house|haus|institut\w*|universit\w*)\b"
)
_ROOM_TOKEN = LazyPattern(r"(?<![\w:/.])(?:[A-Z]{0,4}-?\d{1,5}[A-Z]?|[A-Z]\d{1,2}[A-Z]?)(?![\w:/])")
_ONLINE = LazyPattern(
    r"(?i)\b(?:zoom|teams|online|webex|virtual\w*|stream\w*|livestream|meet|youtube|link)\b"
)
_TIMEISH = LazyPattern(
    r"(?i)\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h\d{0,2})\b|\b\d{1,2}:\d{2}\b"
)


_PLACE_PREPOSITION_END = LazyPattern(
    r"(?i)\b(?:in|at|im|dans|en|nel|nella|presso|à|au|no|na|em)\s+(?:the\s+)?$"
)
_PLACE_LABEL_END = LazyPattern(
    r"(?i)\b(?:place|location|where|venue|room|lieu|ort|raum|luogo|lugar|sala|aula|local)\s*:?\s*$"
)


def place(name: str, address: str | None, spot: Spot) -> Features:
    """How much a location candidate reads as the talk's room.

    >>> f = place("Hollis Hall 4120", None, Spot(8, 1, "   Hollis Hall 4120", "3:30 pm", "", 1, True))
    >>> f["place_word"], f["room_number"], f["online"]
    (1.0, 1.0, 0.0)
    """
    f: Features = {}
    f["place_word"] = 1.0 if _PLACE_WORD.search(name) else 0.0
    f["room_number"] = 1.0 if _ROOM_TOKEN.search(name) else 0.0
    f["online"] = 1.0 if _ONLINE.search(name) else 0.0
    f["has_address"] = 1.0 if address else 0.0
    f["time_inside"] = 1.0 if _TIMEISH.search(name) else 0.0
    at = spot.raw.find(name)
    before = spot.raw[:at] if at >= 0 else ""
    f["prep_before"] = 1.0 if _PLACE_PREPOSITION_END.search(before) else 0.0
    f["place_cue"] = (
        1.0
        if _PLACE_LABEL_END.search(before + " " + (spot.before if not before.strip() else ""))
        else 0.0
    )
    f["sentence"] = 1.0 if len(name.split()) >= 9 else 0.0
    f["lower_start"] = 1.0 if name[:1].islower() else 0.0
    f["inner_stop"] = 1.0 if _INNER_STOP.search(name) else 0.0
    f["verb"] = 1.0 if _VERB.search(name) else 0.0
    f["person_head"] = 1.0 if len(name) <= 120 and person_line(name) else 0.0
    f["org_phrase"] = 1.0 if not f["room_number"] and _ORG_PHRASE.search(name) else 0.0
    paren = _LAST_PAREN.search(name)
    inner = paren.group(1) if paren else ""
    f["paren_room"] = 1.0 if inner and (_PLACE_WORD.search(inner) or _DIGIT.search(inner)) else 0.0
    f["paren_other"] = 1.0 if inner and not f["paren_room"] else 0.0
    near = (before if at >= 0 else "")[-50:] or spot.before[-40:]
    f["refreshment_before"] = 1.0 if _REFRESHMENT_WORD.search(near) else 0.0
    f["open_end"] = 1.0 if _OPEN_END.search(name) else 0.0
    f["room_word_only"] = 1.0 if _ROOM_WORD_ONLY.match(name) else 0.0
    f["lower_part"] = 1.0 if _LOWER_PART.search(name) else 0.0
    line = spot.raw
    if at < 0 and name:  # the line's spaces and tabs folded, as the value's are
        line = " ".join(line.split())
        at = line.find(name)
    if at < 0 and name and spot.after:  # a value that goes on to the next line
        line = " ".join(f"{spot.raw} {spot.after}".split())
        at = line.find(name)
    f.update(place_edges(line[:at] if at >= 0 else None, line[at + len(name) :] if at >= 0 else ""))
    return f


def place_edges(before: str | None, after: str) -> Features:
    """Where a place candidate's edges fall on its line: at a clear boundary (the line's
    start or end, a label, a preposition, a sentence's end) or inside a longer phrase (a
    comma part before or after it, a word right before it, "in"/"of" going on after it).
    ``before`` is None when the candidate is not found on one line (it crosses a line break).

    >>> f = place_edges("Place: Quill Center, ", ", Larkin")
    >>> f["left_part"], f["right_part"], f["left_clear"], f["right_clear"]
    (1.0, 1.0, 0.0, 0.0)
    >>> f = place_edges("  in the ", ".  Tea follows")
    >>> f["left_clear"], f["right_clear"], f["right_one_word"]
    (1.0, 1.0, 0.0)
    """
    f: Features = dict.fromkeys(
        (
            "edge_unknown",
            "left_clear",
            "left_part",
            "left_word",
            "left_article",
            "right_clear",
            "right_part",
            "right_one_word",
            "right_prep",
            "right_paren",
            "right_word",
        ),
        0.0,
    )
    if before is None:
        f["edge_unknown"] = 1.0
        return f
    b = before.rstrip()
    if _LINE_ARTICLE.match(before):  # ``The Larch Room`` starting its line or its value
        f["left_article"] = 1.0
    if not b or _LEFT_CLEAR.search(b):
        f["left_clear"] = 1.0
    elif b.endswith(","):
        f["left_part"] = 1.0
    elif before[-1:].isalnum() or b[-1:].isalnum():
        f["left_word"] = 1.0
    a = after.lstrip()
    if not a or _RIGHT_CLEAR.match(after):
        f["right_clear"] = 1.0
    elif a.startswith(","):
        rest = a[1:].strip()
        f["right_part"] = 1.0
        f["right_one_word"] = 1.0 if len(rest.split()) == 1 or _ONE_WORD_PART.match(rest) else 0.0
    elif a.startswith("("):
        f["right_paren"] = 1.0
    elif _RIGHT_PREP.match(a):
        f["right_prep"] = 1.0
    elif a[:1].isalnum():
        f["right_word"] = 1.0
    return f


#: What before a place leaves it a clear start: a label's colon, a preposition or article, a
#: separator, a sentence's end.
_LEFT_CLEAR = LazyPattern(
    lambda: (
        r"(?i)(?:[:*|•·@\-–—>\[(]|[.;!?]|\b(?:"
        + words("place_prepositions")
        + r"|the|la|le|el|der|die|das|il))$"
    )
)
#: What after a place leaves it a clear end: the line's end, a sentence's end, a separator,
#: a clause (``, where``, ``at 4 pm``).
_RIGHT_CLEAR = LazyPattern(
    lambda: (
        r"(?i)\s*(?:$|[.;!?](?:\s|$)|[*|•·]|\s[-–—]|--|:\s|\s"
        + gated((*merged("clause_words"), *merged("conjunctions"), *merged("sentence_verbs")))
        + r"\b)"
    )
)
#: An article alone before a value on its line (after a label at most): part of its name.
_LINE_ARTICLE = LazyPattern(r"(?i)^\W*(?:[\w ]{1,20}:\s*)?(?:the|la|le|el|der|die|das|il)\s+$")
_RIGHT_PREP = LazyPattern(r"(?i)(?:in|of|on|at|inside|near)\s")
_ONE_WORD_PART = LazyPattern(r"^\S+(?:[.;]|\s*$)")


def _refreshment_words() -> str:
    """Food and drink (:mod:`seminorm.lang`'s ``refreshment_words``)."""
    from ..lang import alternation, merged

    return rf"(?i)\b(?:{alternation(merged('refreshment_words'))})\b"


def _room_word_only() -> str:
    """A room word alone, naming no room (``Room``, ``the Auditorium``): :mod:`seminorm.lang`'s
    ``room_words``."""
    from ..lang import alternation, merged

    return rf"(?i)^(?:the\s+)?(?:{alternation(merged('room_words'))})$"


_ROOM_WORD_ONLY = LazyPattern(_room_word_only)
#: A comma part that starts in lower case (``Quill Hall 12, our lab``: a note about the place).
_LOWER_PART = LazyPattern(r",\s+(?-i:[a-z])")
#: A last word that leaves a place's phrase open (``Larch Room, 4th floor, of``).
_OPEN_END = LazyPattern(r"(?i)(?:\b(?:of|in|at|the|and|for|de|du|des|der|di)|,)$")
#: An institution's name rather than a room (``Center for Urban Studies``, ``Department of X``).
_ORG_PHRASE = LazyPattern(
    r"\b(?:Center|Centre|Institute|Department|Dept\.?|School|Office|Association|Society|"
    r"Foundation|Council|Program|Programme|Division|Committee|Alliance|Coalition)\s+(?:for|of|on)\s"
)
#: The parenthesis a place ends with (``Quill 104 (Lab wing)``, ``Quill 104 (QU)``).
_LAST_PAREN = LazyPattern(r"\(([^()]{1,60})\)?\s*$")
#: Food and drink before a place: the room of the reception, not of the talk.
_REFRESHMENT_WORD = LazyPattern(_refreshment_words)
#: A sentence's end (also before a quote mark or a dash: ``Kyiv."~ Larch Hall``, ``Kyiv.--Larch
#: Hall``) or a label's colon inside a value (``Room. Everyone is welcome``).
_INNER_STOP = LazyPattern(r"[.!?][~\"'”’]?\s+[A-Z]|\.--+\s*[A-Z]|\s:\s|:\s+[\"“]")
#: A verb: a place is a noun phrase, a value with a verb is a sentence around it.
_VERB = LazyPattern(lambda: rf"(?i)\b(?:{words('sentence_verbs')})\b")


#: The features :func:`relative_places` gives.
RELATIVE = ("adds_place", "adds_other", "inside_place", "inside_other")


def relative_places(cands: list[tuple[str, int]]) -> list[Features]:
    """What each place candidate (its text and line) is beside the others of its decision:
    whether it holds a shorter candidate of its line and what the rest adds: a place (``adds_place``: ``Quill Center, Room 7``
    holds ``Room 7``) or something else (``adds_other``: ``Room 7 (QU)``); whether it lies
    inside a longer one that adds a place (``inside_place``) or something else
    (``inside_other``).

    >>> f = relative_places([("Room 7", 2), ("Quill Center, Room 7", 2), ("Room 7 (QU)", 2)])
    >>> [k for k, v in f[0].items() if v], [k for k, v in f[1].items() if v]
    (['inside_place', 'inside_other'], ['adds_place'])
    """
    keys: list[str] = []
    lines: dict[str, set[int]] = {}
    for text, line in cands:
        t = " ".join(text.split()).casefold()
        keys.append(t)
        lines.setdefault(t, set()).add(line)
    marks: dict[str, set[str]] = {t: set() for t in lines}
    if len(lines) <= 200:  # pairwise: bounded
        for t in lines:
            for u in lines:
                # on the same line (a longer one may run on to the next line)
                if len(u) < len(t) and u in t and lines[u] & (lines[t] | {n + 1 for n in lines[t]}):
                    rest = t.replace(u, " ", 1)
                    adds = bool(
                        _PLACE_WORD.search(rest)
                        or _ROOM_TOKEN.search(rest.upper())
                        or _ROOM_WORD_ONLY.match(u)  # ``Larch Dining Room`` over ``Room``
                    )
                    marks[t].add("adds_place" if adds else "adds_other")
                    marks[u].add("inside_place" if adds else "inside_other")
    out: list[Features] = []
    for t in keys:
        f: Features = dict.fromkeys(RELATIVE, 0.0)
        for k in marks[t]:
            f[k] = 1.0
        out.append(f)
    return out


#: The shorter readings of a place a candidate can be (``engine.candidates._trims``).
TRIMS = ("sentence", "clause", "article", "paren", "after_prep", "last_part", "tail", "home")


def trimmed(kind: str) -> Features:
    """Which shorter reading of its source's place a candidate is (none: ``{}``).

    >>> trimmed("paren"), trimmed("")
    ({'trim_paren': 1.0}, {})
    """
    return {f"trim_{kind}": 1.0} if kind in TRIMS else {}


_SERIES_WORD = LazyPattern(
    r"(?i)\b(?:seminar|colloquium|kolloquium|séminaire|seminario|series|lecture\s+series|"
    r"workshop|ringvorlesung|ciclo|reihe|journal\s+club|reading\s+group|club)\b"
)
_TBA = LazyPattern(r"(?i)^\W*(?:tba|tbd|tbc|to be announced)\W*$")


def _chrome_words() -> str:
    """A word of a page's chrome, in any language (:mod:`seminorm.lang`'s ``chrome_words``)."""
    from ..lang import alternation, merged

    return rf"(?i)\b(?:{alternation(merged('chrome_words'))})\b"


_PAGE_CHROME_WORD = LazyPattern(_chrome_words)
#: Words a page's text glued together (``verkleinernBarrierefreie``: menu items copied
#: without a space): a lower-case letter, then a capital that starts a word.
_GLUED = LazyPattern(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ][a-zß-ÿ])")


def chrome_share(text: str) -> float:
    """How much of a line's letters are the words of a page's chrome (``chrome_words`` of
    every language in :mod:`seminorm.lang`; glued words read apart): a menu's line is mostly
    chrome, a title with one such word is not.

    >>> chrome_share("Schrift vergrößern Schrift verkleinernBarrierefreie Version") > 0.8
    True
    >>> chrome_share("Search for dark matter at the collider") < 0.5
    True
    """
    from ..rules import fold

    if fold.search(_PAGE_CHROME_WORD, text) is None:
        return 0.0
    text = _GLUED.sub(" ", text)
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 0.0
    found = sum(sum(map(str.isalpha, m.group(0))) for m in _PAGE_CHROME_WORD.finditer(text))
    return found / letters


def title(
    text: str,
    spot: Spot,
    speakers: tuple[str, ...] = (),
    affiliations: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
) -> Features:
    """How much a title candidate reads as the talk's title.

    >>> f = title("Cross-modal Pen Interfaces", Spot(4, -1, "  Cross-modal Pen Interfaces", "3:30", "Lena K", 1, True))
    >>> f["series_word"], f["placeholder"]
    (0.0, 0.0)
    """

    f: Features = {}
    f["series_word"] = 1.0 if fold.search(_SERIES_WORD, text) else 0.0
    f["header_best"] = 0.0  # set by the caller: the header line the old ordering preferred
    f["placeholder"] = 1.0 if _TBA.match(text) else 0.0
    f["is_name"] = 1.0 if looks_like_name(text) else 0.0
    f["is_org"] = 1.0 if is_organization(text) and len(text.split()) <= 8 else 0.0
    words = text.split()
    f["chrome"] = 1.0 if len(words) <= 12 and fold.search(_PAGE_CHROME_WORD, text) else 0.0
    f["chrome_most"] = 1.0 if f["chrome"] and chrome_share(text) >= 0.5 else 0.0
    f["lower_start"] = 1.0 if text[:1].islower() else 0.0
    f["paren_start"] = 1.0 if text[:1] in "([" else 0.0
    f["has_colon"] = 1.0 if ": " in text else 0.0
    f["given_start"] = 1.0 if words and given_name(text) and words[0][:1].isupper() else 0.0
    f["honorific_in"] = 1.0 if _TITLE_HONORIFIC.search(text) else 0.0
    digit = _DIGIT.search(text) is not None  # a room number and a time need a digit
    f["place_in"] = 1.0 if digit and _ROOM_TOKEN.search(text) and _PLACE_WORD.search(text) else 0.0
    f["time_in"] = 1.0 if digit and _TIMEISH.search(text) else 0.0
    short = len(text) <= 120  # a person's line is short
    f["person_head"] = 1.0 if short and person_line(text) else 0.0
    m = _NAME_PAREN.match(text) if short else None
    f["name_paren_org"] = (
        1.0 if m and looks_like_name(m.group(1)) and is_organization(m.group(2)) else 0.0
    )
    f["person_after"] = 1.0 if person_line(spot.after) else 0.0
    f["person_before"] = 1.0 if person_line(spot.before) else 0.0
    f["title_label_before"] = 1.0 if _TITLE_LABEL.match(spot.before) else 0.0
    f["cue_before"] = 1.0 if _TITLE_CUE.search(spot.before[-40:]) else 0.0
    f["verbish"] = 1.0 if fold.search(_VERBISH, text) else 0.0
    head, colon, _ = text.partition(": ")
    f["colon_head_code"] = 1.0 if colon and len(head.split()) <= 5 and _CODE.search(head) else 0.0
    low = text.casefold()
    f["speaker_in"] = 1.0 if any(n and n.casefold() in low for n in speakers) else 0.0
    f["is_speaker"] = 1.0 if any(n and n.casefold() == low for n in speakers) else 0.0
    f["is_affiliation"] = 1.0 if any(a and a.casefold() in low for a in affiliations) else 0.0
    f["is_place"] = (
        1.0
        if any(len(p) >= 4 and p.casefold() in low and len(low) <= len(p) + 12 for p in places)
        else 0.0
    )  # the record's chosen place (and little more): the room, not the title
    f.update(quotation(text, spot.raw))
    return f


_OPENING_QUOTE = "\"“„«‘'¿「『《"


def quotation(text: str, line: str) -> Features:
    """What stands around a value its line writes in quotes: a title's cue before it
    (``entitled``, ``sobre``, ``tema … será``), its speaker after it (``“…” by Dr X``),
    or the verb that makes it speech (``“…”, she said``, ``“…”, salientou``).

    >>> quotation("Rivers of Sand", 'She speaks on “Rivers of Sand” by Ada Quill.')
    {'q_cue': 1.0, 'q_by': 1.0, 'q_said': 0.0}
    >>> quotation("We are glad", '“We are glad”, she said.')
    {'q_cue': 0.0, 'q_by': 0.0, 'q_said': 1.0}
    >>> quotation("Rivers of Sand", "Rivers of Sand")
    {}
    """
    at = line.find(text)
    end = at + len(text)
    if text[:1] == "¿" and at >= 0:  # a question: its own marks are its quotes
        at += 1
    if at <= 0 or line[at - 1] not in _OPENING_QUOTE:
        return {}
    before, after = line[: at - 1], line[end:]
    return {
        "q_cue": 1.0 if _QUOTE_CUE.search(before[-60:]) else 0.0,
        "q_by": 1.0 if _QUOTE_BY.match(after[:80]) else 0.0,
        "q_said": 1.0 if _QUOTE_SAID.match(after[:80]) else 0.0,
    }


#: A title's cue before its opening quote, in the languages we read.
_QUOTE_CUE = LazyPattern(
    lambda: (
        r"(?i)(?:\b"
        + gated(
            (*merged("title_cues"), *merged("talk_nouns"), "keynote", *merged("sentence_verbs"))
        )
        + r"|[:–—-])\W{0,3}$"
    )
)


def _quote_by() -> str:
    """``by`` and a name in capitals, after honorifics written in lower case (:mod:`seminorm.lang`'s
    ``honorifics``) or ``the``."""
    from ..lang import alternation, merged

    return (
        rf"^\W{{0,3}}\s*(?:{alternation((*merged('by_words'), *merged('with_words')))})\s+"
        rf"(?:(?:{alternation(merged('honorifics'))}|the)\s+)*[A-ZÀ-ÞĀ-Ž]"
    )


#: The speaker after a title's closing quote (``” by Dr Ada Quill``, ``», par Mme X``).
_QUOTE_BY = LazyPattern(_quote_by)


def _speech_verbs() -> str:
    """A quotation's closing quote, a comma and a verb of saying (``lang``'s ``speech_verbs``)."""
    from ..lang import alternation, merged

    return rf"(?i)^\W{{0,3}}\s*,\s*(?:\w+\s+){{0,2}}?(?:{alternation(merged('speech_verbs'))})\b"


_QUOTE_SAID = LazyPattern(_speech_verbs)


#: Words of a sentence about the event rather than of its title (``… is now fully booked``).
_VERBISH = LazyPattern(
    r"(?i)\b(?:please|will|is\s+now|are\s+(?:welcome|invited)|required|booking|booked|"
    r"register|registration|admission|we|our|you\s+can|click|here|may|this\s+(?:event|talk)|"
    r"i['’](?:ll|m|ve|d))\b"
)
_CODE = LazyPattern(r"\d|\(")
_NAME_PAREN = LazyPattern(r"^\W{0,3}([^()]{3,60}?)(?:\s*\(|,\s|\s[–—-]\s)\s*([^()]{2,100})")
_TITLE_HONORIFIC = LazyPattern(r"\b(?:Prof|Dr|Mr|Mrs|Ms|Professor|Dott|Herr|Frau|Mme)\b\.?\s+[A-Z]")
_TITLE_LABEL = LazyPattern(r"(?i)^\W*(?:title|topic|titel|titre|t[ií]tulo|titolo|thema|sujet)\W*$")
_TITLE_CUE = LazyPattern(lambda: rf"(?i)(?:\b{gated(merged('title_cues'))}|[:“\"«])\s*$")


#: A term's or a year's heading: a few words and a year or a span of years
#: (``Academic year 2026/27``, ``Sommersemester 2012``, ``Saison 2021-2022``).
_TERM_LINE = LazyPattern(
    r"(?i)^\W{0,3}(?:[^\W\d_]+\s+){0,3}(?:19|20)\d\d(?:\s?[/–-]\s?(?:19|20)?\d\d)?\W{0,3}$"
)


def term_heading(text: str) -> bool:
    """A heading that names a term or a year, no talk (``Academic year 2026/27``).

    >>> term_heading("Academic year 2026/27"), term_heading("Fall 2031"), term_heading("Ten Years of Tides")
    (True, True, False)
    """
    return len(text) <= 60 and _TERM_LINE.match(text) is not None


def series_place_line(text: str) -> bool:
    """A listing's line that names a series and its room (``Reading Group, Room 4``).

    >>> series_place_line("Reading Group, Library corner"), series_place_line("Rooms, Halls and Walls")
    (True, False)
    """
    head, comma, rest = text.partition(", ")
    return bool(comma and _SERIES_WORD.search(head) and _PLACE_WORD.search(rest[:80]))


@lru_cache(maxsize=1024)  # the lines around a record's title candidates are asked about again
def person_line(line: str) -> bool:
    """A short line that is a person's name, with or without an affiliation."""

    s = " ".join(line.split()).strip(" *#|-–—,;:.")
    if not s or len(s) > 120:
        return False
    head = s.split(",")[0].split("(")[0].split(" - ")[0].strip()
    if not looks_like_name(head):
        return False
    if given_name(head) or _TITLE_HONORIFIC.match(head):
        return True
    m = _NAME_PAREN.match(s)  # ``Name (Institution)``, ``Name, Institution``
    return bool(m and m.group(1).strip() == head and is_organization(m.group(2)))


def names() -> frozenset[str]:
    """Every feature name the extractors give, besides ``rule:*``."""
    out: set[str] = set()
    out.add("header_best")  # set by engine.candidates.choose_title
    # set by engine.candidates.choose_title: a wrapped title's first line stops inside a
    # phrase, the next one starts in lower case, is short; the head an after-colon value lost
    out.update(("wrapped", "wrap_open", "wrap_lower", "wrap_short", "cut_head_long"))
    out.add("item_label")  # an after-colon value whose head is an item's label (Lecture 2:)
    out.update(("q_cue", "q_by", "q_said"))  # quotation(): only for a value in quotes
    out.add("has_date")  # set by engine.candidates (a date in the value)
    out.add("scan_evidence_0")  # set by engine.candidates (a scan's value, no person evidence)
    out.add("under_host")  # set by engine.candidates (in the block under a host's label)
    # set by engine.candidates: the name of who posted or sent the text; a record's last lines
    out.update(("poster", "sign_off"))
    for sp in (Spot(-1, None, "", "", "", 0, False), Spot(2, -1, "x", "y", "z", 1, True)):
        out.update(position(sp))
        out.update(shape("x", sp.raw))
        out.update(person("Ada Lovelace", None, 1, sp))
        for field in ("speaker", "host", "title", "place", "other"):
            out.add(f"line_label_{field}")
        out.update(mentions(1))
        out.update(place("Room 1", None, sp))
        out.update(title("x", sp))
    out.update(source("x", 0))
    out.add("order_empty")  # set by scorer.choose
    out.update(relative_places([("x", 0)])[0])
    for kind in TRIMS:
        out.update(trimmed(kind))
    out.discard("rule:x")
    return frozenset(out)
