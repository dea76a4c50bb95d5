"""Read a record's fields: labeled values, the header block, title, series.

These functions see one record's lines (see :mod:`.segment`) and return
plain values with the line they came from; :mod:`.assemble` puts them
together into an event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from seminorm.patterns import LazyPattern
from seminorm.plain import Frozen

from ..rules import fold
from ..rules.monthnames import month_number
from .lines import Line

SERIES_WORDS = LazyPattern(
    r"(?i)\b(?:seminars?|colloquium|colloquia|kolloquium|séminaire|seminario|seminário|"
    r"lecture\s+series|lectures?|workshop|colloque|journal\s+club|reading\s+group|"
    r"webinar|symposium|forum|series|cycle|ciclo|ringvorlesung|conférences?|"
    r"coloquio|convegno|tavola\s+rotonda|meeting|soutenance|defen[cs]e)\b"
)
PLACE_WORDS = LazyPattern(
    r"(?i)\b(?:room|rm\.|hall|building|bldg|auditorium|amphi(?:théâtre|theater|theatre)?|"
    r"salle|sala|aula|hörsaal|raum|gebäude|seminar\s?room|lecture\s+theatre|"
    r"campus|floor|library|centre|center|bâtiment|edificio|edifício|stanza|"
    r"hs\s?\d|auditorio|lounge|studio)\b"
)
# read line by line through their lower-case twins, only where a word starts (see
# fold.keep_boundary): about twice as fast on a line as the patterns themselves
fold.keep_boundary(SERIES_WORDS.pattern)
fold.keep_boundary(PLACE_WORDS.pattern)
PLACEHOLDER_TITLES = LazyPattern(
    r"(?i)^\W*(?:tba|tbd|tbc|t\.b\.a\.?|to\s+be\s+(?:announced|confirmed|determined)|"
    r"title\s+(?:tba|tbd|to\s+be\s+announced)|à\s+(?:préciser|venir|confirmer)|"
    r"wird\s+noch\s+bekannt\s+gegeben|da\s+definire|por\s+(?:confirmar|determinar)|"
    r"n/?a|none|no\s+title|untitled|lab\s+seminar|<no value>)\W*$"
)
CANCELLED = LazyPattern(
    r"(?i)\b(?:cancell?ed|cancell?ation|annulée?|abgesagt|entfällt|fällt\s+aus|"
    r"cancelad[ao]|annullat[oa]|postponed)\b"
)
BREADCRUMB = LazyPattern(r"»|›|(?:^|\s)>(?:\s|$)|^(?:home|accueil|startseite|inicio)\b", re.I)
_URLISH = LazyPattern(r"(?i)^(?:https?://|www\.)\S+$|^[\w.-]+\.[a-z]{2,}(?:/\S*)?$")
_TAGS = LazyPattern(r"\[[^\]\n]{1,30}\]")
#: Each branch starts with its quote mark, so ``re`` skips from one mark to the next.
QUOTED = LazyPattern(
    r"\"\s?([^\"\n]{8,300}?)\s?\"|“\s?([^“”„\n]{8,300}?)\s?[”“]|„\s?([^“”„\n]{8,300}?)\s?[”“]|"
    r"«\s?([^«»\n]{8,300}?)\s?»|‘([^‘’\n]{8,300}?)’(?!\w)"
)
TITLE_CUES = LazyPattern(
    r"(?i)(?:entitled|titled|title[d:]?|on\s+the\s+(?:topic|subject)|"
    r"(?:speak|talk|lecture|present)s?\s+(?:on|about)|presents?|present(?:ing|ation)|"
    r"parlera\s+(?:de|sur)|spricht\s+über|sprechen\s+über|hablará\s+(?:de|sobre)|"
    r"parlerà\s+(?:di|su)|terrà\s+(?:la\s+)?(?:conferenza|relazione|seminario)|"
    r"\)\s*[:\-–—]?|:|zum\s+thema|sur\s+le\s+thème|sul\s+tema|sobre\s+el\s+tema|on\s+the\s+topic|"
    r"intitulée?s?|ayant\s+pour\s+titre|sur\s+le\s+thème|"
    r"unter\s+dem\s+titel|mit\s+dem\s+titel|zum\s+thema|thema|"
    r"dal\s+titolo|intitolat[oa]|titulad[oa]|con\s+el\s+título|sobre|"
    r"(?:lecture|talk|keynote|address|vortrag|conférence|conferenza|conferencia)\s*,|"
    # "the title of the talk is", "o tema da palestra será", "le titre de l'exposé est"
    r"(?:title|topic|thema|titel|titre|thème|título|tema|titolo)\s+(?:[\w']+\s+){0,3}"
    r"(?:is|will\s+be|ist|lautet|est|sera|es|será|è|sarà|é))\W{0,4}$"
)


class Value(Frozen):
    """A field's value and the line (index) it starts on."""

    __slots__ = ("index", "rule", "text")
    text: str
    index: int
    rule: str

    def __init__(self, text: str, index: int, rule: str) -> None:
        _set = object.__setattr__  # made once: no check of Frozen.__setattr__
        _set(self, "text", text)
        _set(self, "index", index)
        _set(self, "rule", rule)


_BLANK_LINES = LazyPattern(r"\n{2,}")


def labeled(lines: Sequence[Line], first: int, last: int) -> dict[str, list[Value]]:
    """Every labeled value in ``lines[first:last+1]``, continuation lines joined.

    A label alone on its line takes the next non-blank lines as its value
    (up to a blank line or another label); a value that wraps onto short
    following lines is joined (``Title : A long\\ntitle``). For ``speaker``
    the following line is kept on its own line: it is often the affiliation.
    """
    out: dict[str, list[Value]] = {}
    i = first
    while i <= last:
        ln = lines[i]
        if ln.label is None:
            i += 1
            continue
        field, value = ln.label
        parts = [value] if value else []
        j = i + 1
        if not value:
            while j <= last and lines[j].blank and j - i <= 2:
                j += 1
        limit = 12 if field in ("abstract", "bio") else 3
        while j <= last and len(parts) < limit + (0 if value else 1):
            nxt = lines[j]
            if nxt.blank:
                if (
                    field in ("abstract", "bio")
                    and parts
                    and j + 1 <= last
                    and not lines[j + 1].blank
                    and lines[j + 1].label is None
                    and not _meeting_para(lines[j + 1].text)
                ):
                    parts.append("")
                    j += 1
                    continue
                break
            if nxt.label is not None:
                break
            if not value and not parts and _EMPTY_LABEL_LINE.match(nxt.text):
                break  # a form's empty fields (``Address:`` over ``Phone Number:``)
            if value and field not in ("abstract", "bio", "speaker", "title", "place"):
                break
            if value and field in ("title", "place") and not _continues(ln, nxt, value):
                break
            if (
                field == "speaker"
                and value
                and len(parts) >= 1
                and not (
                    parts[-1].count("(") > parts[-1].count(")")
                    or len(nxt.raw) - len(nxt.raw.lstrip()) >= 4
                )
                and len(nxt.text.split()) > 6
            ):
                break
            if field == "abstract" and _meeting_para(nxt.text):
                break
            parts.append(nxt.text)
            j += 1
        if field in ("speaker", "host"):
            parts = _join_open_parens(parts)
        sep = "\n" if field in ("speaker", "abstract", "bio", "host") else " "
        text = sep.join(parts).strip()
        if field in ("abstract", "bio"):
            text = _BLANK_LINES.sub("\n\n", text)
        out.setdefault(field, []).append(Value(text, i, f"label:{field}"))
        i = max(j, i + 1)
    return out


def _join_open_parens(parts: list[str]) -> list[str]:
    """Join lines that continue an unclosed parenthesis (a wrapped affiliation)."""
    out: list[str] = []
    for p in parts:
        if out and out[-1].count("(") > out[-1].count(")"):
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return out


#: A label with nothing after it (a form's empty field: ``Phone Number:``).
_EMPTY_LABEL_LINE = LazyPattern(r"^[A-Z][\w()/ ]{1,25}:\s*$")
#: A line that starts with a label of its own (``Event Type: …``, ``1ST MEETING: …``).
_LABEL_LINE_START = LazyPattern(
    r"^(?:[A-Z]|\d{1,2}(?:st|nd|rd|th|ST|ND|RD|TH)\s)[\w()/ ]{1,25}:(?:\s|$)"
)


def _continues(label_line: Line, nxt: Line, value: str) -> bool:
    """Whether ``nxt`` continues a wrapped one-line value."""
    if len(nxt.text) > 80 or value.rstrip().endswith((".", "?", "!", ":")):
        return False
    if _LABEL_LINE_START.match(nxt.text):  # "Event Type: …" is a field of its own
        return False
    indented = len(nxt.raw) - len(nxt.raw.lstrip()) >= 4
    return indented or nxt.text[:1].islower() or len(value) >= 40


_MEETING = LazyPattern(
    r"(?i)inviting you to a scheduled|join (?:zoom|the|our)? ?meeting|meeting id|"
    r"https?://\S*(?:zoom\.us|teams\.microsoft|meet\.google|webex)"
)


def _meeting_para(text: str) -> bool:
    return fold.search(_MEETING, text) is not None


_SERIES_TAIL = LazyPattern(
    r"\s*(?:[—–|:,-]\s*|\()(?:(?:autumn|fall|spring|summer|winter|michaelmas|lent|trinity|"
    r"hiver|printemps|été|automne|herbst|frühjahr|sommer|winter|invierno|primavera|otoño|"
    r"inverno|estate|autunno)\b[^)]*|(?:online|hybrid|virtual|webinar|in\s+person)\b[^)]*|"
    r"(?:modalidad|modalità|modalité|mode)\s+[^)]{1,30}|"
    r"(?:\w+\s+)?(?:semester|term|session|season|year)\b[^)]*|(?:19|20)\d\d(?:[/-]\d{2,4})?)\)?\s*$"
    r"|\s+im\s+(?:sommer|winter)semester\b.*$",
    re.I,
)
#: ``— November 2025``: a word and a year; the word must be a month (:mod:`..rules.monthnames`).
_WORD_YEAR_TAIL = LazyPattern(r"\s*[—–|:,-]\s*([^\W\d_]{3,12})\.?\s+(?:19|20)\d\d\s*$")
#: ``Mini-Workshop "Random Matrices"``, ``Ciclo di incontri «Scienza e società»``: the quoted name.
_SERIES_QUOTED = LazyPattern(
    r"(?i)^(?:\w+[\s-]+){0,3}?(?:workshop|series|reihe|cycle|ciclo|serie|incontri|conférences|"
    r"lectures|seminars?|séminaires?|seminari|kolloquium|colloque)\s*:?\s*"
    r"[\"“«„‘]\s?([^\"“”«»„‘’]{3,120}?)\s?[\"”»“’]$"
)
#: An online meeting's boilerplate taken for a heading: no series.
_MEETING_BOILERPLATE = LazyPattern(
    r"(?i)^(?:(?:microsoft\s+)?teams|zoom|webex|google\s+meet|jitsi)(?:\s+(?:video\s+)?meeting)?$"
    r"|^(?:meeting\s+(?:number|id)|access\s+code|passcode|password)\s*(?:\([^)]{0,30}\))?\s*[:#]"
    r"|^join\s+(?:the\s+)?(?:\w+\s+)?meeting\b"
)
_SERIES_HEAD = LazyPattern(
    r"(?i)^(?:correction|update|reminder|rappel|erinnerung|recordatorio|promemoria|new|fwd?)\s*[—–:-]\s*"
)


def clean_series(series: str | None) -> str | None:
    """Drop what is not the series' name: the term, "(online)", a "CORRECTION —" prefix.

    >>> clean_series("Quantum Information Seminar — Autumn 2024")
    'Quantum Information Seminar'
    >>> clean_series("Systems Reading Seminar (Fall 2025)")
    'Systems Reading Seminar'
    >>> clean_series('Mini-Workshop "Random Matrices and Applications"'), clean_series("Microsoft Teams meeting")
    ('Random Matrices and Applications', None)
    """
    if not series:
        return None
    s = _SERIES_HEAD.sub("", series.strip(" *#"))
    if _MEETING_BOILERPLATE.search(s):
        return None
    for _ in range(2):
        s = _SERIES_TAIL.sub("", s).strip()
        month = _WORD_YEAR_TAIL.search(s)
        if month and month_number(month.group(1)):
            s = s[: month.start()].strip()
    quoted = _SERIES_QUOTED.match(s)
    if quoted:
        s = quoted.group(1).strip()
    return s or None


def strip_tags(title: str) -> str:
    """Drop bracket tags: ``[CANCELLED] On knots [Talk]`` → ``On knots``."""
    return " ".join(_TAGS.sub(" ", title).split()).strip(" -–—:|")


_TITLE_LABEL = LazyPattern(r"^(?:title|titre|titel|titolo|título|topic)\s*[:\-–]\s*", re.I)


_ENUMERATION = LazyPattern(r"^\(?\d{1,2}[.)]\s+(?=[\"'“„«*_])")


#: The innermost markup of a TeXmacs or LaTeX source around a text: ``<doc-title|X>``
#: (``<with|font-series|bold|X>``: the last argument), ``\\textbf{X}``, ``\\title{X}``.
_TEXMACS_WRAP = LazyPattern(r"<\\?[a-z][\w*-]{0,30}\|(?:[^<>|\n]{0,60}\|){0,4}([^<>|\n]{0,200})>")
_LATEX_WRAP = LazyPattern(r"\\[a-zA-Z]{2,20}\*?\{([^{}\n]{0,200})\}")
_MARKUP_SPACE = LazyPattern(r"^(?:\\[ ;,!]\s*)+")


def unwrap_markup(text: str) -> str:
    """A text without the TeXmacs or LaTeX markup around it (``\\ <doc-data|<doc-title|X>>``,
    ``\\title{\\textbf{X}}`` → ``X``); other texts as they are.

    >>> unwrap_markup("\\\\ <doc-data|<doc-title|Seventh meeting>>")
    'Seventh meeting'
    >>> unwrap_markup("\\\\title{On \\\\emph{small} graphs}"), unwrap_markup("a|b <c>")
    ('On small graphs', 'a|b <c>')
    """
    if "|" in text and "<" in text:
        for _ in range(4):  # innermost first: a few levels of nesting
            new = _TEXMACS_WRAP.sub(r"\1", text)
            if new == text:
                break
            text = new
    if "\\" in text:
        for _ in range(4):
            new = _LATEX_WRAP.sub(r"\1", text)
            if new == text:
                break
            text = new
        text = _MARKUP_SPACE.sub("", text.strip())
    return text


def clean_title(title: str | None) -> str | None:
    """Tidy a title candidate; placeholders (``TBA``) give ``None``."""
    if not title:
        return None
    t = strip_tags(unwrap_markup(title))
    t = _ENUMERATION.sub("", t, count=1)  # "4. “Title”": a list's number is no part of it
    t = t.strip(" \t*_#\"'“”„«»")
    t = _TITLE_LABEL.sub("", t)
    t = " ".join(t.split())
    if t.endswith(")"):
        t = _without_dated_note(t)
    if not t or PLACEHOLDER_TITLES.match(t):
        return None
    return t


_LAST_PARENTHESIS = LazyPattern(r"\s*\(([^()]{4,80})\)$")


def _without_dated_note(title: str) -> str:
    """A title without a closing parenthesis that holds a day of a month: a scheduling note
    (``Soil microbes. (make-up session of 7 February)``, ``Tides (moved from May 4)``);
    a parenthesis of years stays (``Harbours (1850-1900)``)."""
    from ..rules.dates import find_dates

    m = _LAST_PARENTHESIS.search(title)
    if m is None or m.start() == 0:
        return title
    if not any(d.month and d.day for d in find_dates(m.group(1))):
        return title
    return title[: m.start()].rstrip(" .,;:–—-")


def ends_with_title_cue(text: str) -> bool:
    """``TITLE_CUES.search(text)``: a title cue ends ``text`` (``… entitled``, ``Thema:``)."""
    return fold.search(TITLE_CUES, text) is not None


_LONE_NEWLINE = LazyPattern(r"(?<![\n\r])\n(?![\n\r])")


def quoted_title(text: str) -> tuple[str, int] | None:
    """A quoted title after a cue word (``unter dem Titel „…“``); its offset.

    A title hard-wrapped in prose is read across its line break (one line
    break is a space here, of the same length, so offsets stay those of ``text``).
    """
    text = _LONE_NEWLINE.sub(" ", text)
    for m in QUOTED.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        inner = next(g for g in m.groups() if g is not None).strip()
        if len(inner.split()) < 2:
            continue
        if ends_with_title_cue(before) or (before.rstrip().endswith(":") and "\n" in before[-4:]):
            return inner, m.start()
    return None


def is_url_line(text: str) -> bool:
    return bool(_URLISH.match(text.strip()))


_BEFORE_AND_AFTER_COLON = LazyPattern(r"^([^:]{2,80}):\s+(.+)$")


def split_title_speaker(line: str) -> tuple[str | None, str | None, str | None]:
    """Split ``Series: Speaker``, ``Speaker: Title``, ``Title / Speaker``, ``Title - Speaker``.

    Returns ``(series, speaker text, title)``; parts that are absent are None.
    """
    from ..rules.people import is_organization

    s = line.strip()
    bracket = _BRACKET.match(s)
    if bracket:  # "[GMB Seminar] Speaker — Title", "[Program] Speaker, PhD"
        series, rest = bracket.group(1).strip(), bracket.group(2).strip()
        _, who, title = split_title_speaker(rest)
        if who:
            return series, who, title
        if _namey(_before_paren(without_degrees(rest))):
            return series, without_degrees(rest), None
        return series, None, rest
    for sep in (" / ", " | "):
        if sep in s:
            left, right = s.rsplit(sep, 1)
            if _namey(right) and not _namey(left):
                return None, right.strip(), left.strip()
            if _namey(left) and not _namey(right):
                return None, left.strip(), right.strip()
    m = _BEFORE_AND_AFTER_COLON.match(s)
    if m and (" — " in m.group(1) or " – " in m.group(1)):
        dashed = _dash_split(s)  # "Ada Lovelace — Engines: a history" (the colon is the title's)
        if dashed[1]:
            return dashed
    if m:
        left, right = m.group(1).strip(), m.group(2).strip()
        if SERIES_WORDS.search(left) and not _namey(_before_paren(left)):
            _, who, title = _dash_split(right)
            if who:  # "Applied Mathematics Seminar: Ada Lovelace (X) — Engines of Thought"
                return left, who, title
        if SERIES_WORDS.search(left) and _namey(_before_paren(without_degrees(right))):
            return left, without_degrees(right), None
        if _namey(_before_paren(left)) or (
            is_organization(left) and len(left.split()) <= 4 and len(right.split()) >= 2
        ):
            return None, left, right
    for sep in (" – ", " — ", " - "):
        if sep in s:
            left, right = s.split(sep, 1)
            if _namey(_before_paren(left)) and SERIES_WORDS.search(right):
                return right.strip(), left.strip(), None
            if _namey(_before_paren(right)) and len(left.split()) >= 3:
                return None, right.strip(), left.strip()
            if (
                "(" in left
                and _namey(_before_paren(left))
                and not _namey(_before_paren(right))
                and len(right.split()) >= 2
            ):  # "Name (Affiliation) — Title"
                return None, left.strip(), right.strip()
    return _dash_split(s)  # "Name, PhD — Title"


_BRACKET = LazyPattern(r"^\[([^\[\]]{2,80})\]\s*(\S.*)$")
_DEGREES = LazyPattern(
    r"(?:,\s*(?:FACC|FACP|FRCP|RN|Ph\.?\s?D\.?|M\.?D\.?|D\.?Phil\.?|M\.?Sc\.?|B\.?Sc\.?|M\.?A\.?|M\.?S\.?|MBA|MPH|"
    r"M\.?Eng\.?|Dr\.?\s?rer\.?\s?nat\.?|Jr\.?|Sr\.?|FRS|FRSE)){1,4}\s*$"
)


def without_degrees(s: str) -> str:
    """``Ada Lovelace, PhD, MPH`` → ``Ada Lovelace``; ``, MD, FACC`` → ``""``."""
    return _DEGREES.sub("", s.strip())


def _dash_split(s: str) -> tuple[str | None, str | None, str | None]:
    """``Speaker — Title`` (an en or em dash, or a hyphen between spaces):
    ``(None, speaker, title)``; ``Ada Lovelace - TBA`` gives the placeholder as the title.

    >>> _dash_split("Ada Lovelace, PhD - Engines of Thought")
    (None, 'Ada Lovelace', 'Engines of Thought')
    """
    for sep in (" — ", " – ", " - "):
        if sep in s:
            left, right = s.split(sep, 1)
            who = without_degrees(left)
            if _namey(_before_paren(who)) and not _namey(_before_paren(right)):
                return None, who, right.strip()
    return None, None, None


def _before_paren(s: str) -> str:
    return s.split("(", 1)[0].strip()


def _namey(s: str) -> bool:
    """Whether ``s`` is a person's name (honorifics allowed)."""
    from ..rules.people import looks_like_name, strip_honorifics

    s = s.strip()
    return bool(s) and len(s.split()) <= 6 and looks_like_name(strip_honorifics(s))
