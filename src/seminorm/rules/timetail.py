"""What follows a time: its zone (``16:00 CET``, ``4:00 PM Jerusalem``,
``3pm (UTC+2)``, ``noon Eastern Time``, ``12:48:29 -0700``) and a duration
that gives the end (``for 45 minutes``, ``(60 min)``, ``(1h30)``).

A time followed by ``in <City>`` restates an earlier zoned time in another
place (``11am in Chicago`` after ``noon Eastern Time``): it is marked as a
conversion, so that a list of the same moment in several cities gives one
event.

>>> from seminorm.rules.times import find_times
>>> [(t.start, t.zone_text, t.conversion) for t in find_times("noon Eastern Time, which is 5pm in London")]
[((12, 0), 'Eastern Time', False), ((5, 0), 'London', True)]
"""

from __future__ import annotations

import re

from seminorm.patterns import LazyPattern

from ..zones.data import ABBREVIATIONS, REGION_WORDS
from .timematch import TimeMatch
from .zones import zone_for_name

_WORD = r"[A-Za-zÀ-ÿ][\w'’.\-/]{0,30}"


def _zone_after() -> str:
    """The zone after a time; "X time" phrases from each language's words (:mod:`seminorm.lang`)."""
    from ..lang import alternation, merged

    before, linkers = (
        alternation(merged("zone_time_before")),
        alternation(merged("zone_time_linkers")),
    )
    return (
        r"[ \t]{0,3}(?:"
        r"[(（](?P<paren>[^()（）\n]{1,40})[)）]"
        r"|(?P<rfc>[+\-−]\d{4})(?!\d)"
        r"|(?<=\d)(?P<iso>Z|[+\-−][01]\d:[0-5]\d)(?![\w:])"
        r"|(?P<in>in[ \t]{1,3})?(?P<words>"
        rf"(?i:{before})[ \t]+(?:(?i:{linkers})[ \t]?)?[A-Z][\w'’\-]{{1,30}}"
        r"|(?:UTC|GMT)[ \t]?[+\-−–][ \t]?\d{1,2}(?:(?::|h|\.)?\d{2})?"
        rf"|[A-Z][\w'’.\-/+]{{0,30}}(?:[ \t]{{1,3}}{_WORD}){{0,3}}))"
    )


_ZONE_AFTER = LazyPattern(_zone_after)
_DURATION = LazyPattern(
    r"[ \t]{0,3}[,(\[]?[ \t]{0,3}(?i:for|lasting|duration:?|durée[ \t]?:?|dauer:?|durata:?)?[ \t]{0,3}"
    r"(?:(?P<hh>\d)[ \t]?(?i:h|hours?|hrs?|std\.?|heures?)(?:[ \t]?(?P<hm>[0-5]\d)(?:[ \t]?(?i:min|minutes))?)?"
    r"|(?P<mins>\d{1,3})[ \t]?(?i:minutes|minute|mins|min|mn)\.?)(?![\w])[ \t]{0,2}[)\]]?"
)
_CONVERSION_GAP = 400
_PAREN_AFTER = LazyPattern(r"[ \t]{0,2}\(([^()\n]{1,40})\)")
_OFFSET_ONLY = LazyPattern(r"(?:UTC|GMT)[ \t]?[+\-−–][ \t]?\d{1,2}(?::?\d{2})?", re.I)
_WINDOWS_NAME = LazyPattern(r"[ \t]{1,2}([A-Z][\w.]{1,20}(?:[ \t][A-Za-z][\w.]{1,20}){0,3})")
_SAME_MOMENT = LazyPattern(
    r"[ \t]{0,3}(?:[/|=;,(]|or|i\.e\.|which is|soit|d\.h\.)?[ \t]{0,3}\(?[ \t]{0,2}", re.I
)


def _zone_in(candidate: str) -> tuple[str, int] | None:
    """The longest leading run of words in ``candidate`` that names a zone."""
    words = candidate.split()
    for n in range(min(len(words), 4), 0, -1):
        phrase = " ".join(words[:n]).rstrip(".,;:")
        if phrase in REGION_WORDS and n < len(words):
            continue  # "4pm Central Library"; but "4 p.m. (Eastern)", "4pm Eastern."
        if zone_for_name(phrase) is not None or (phrase.isupper() and phrase in ABBREVIATIONS):
            end = candidate.find(words[n - 1]) + len(words[n - 1].rstrip(".,;:"))
            return phrase, end
    return None


def _clarified(text: str, zone_text: str, pos: int) -> tuple[str, int]:
    """``CST (Beijing time)``: an ambiguous abbreviation explained in parentheses."""
    ab = ABBREVIATIONS.get(zone_text)
    if ab is None or not ab.ambiguous:
        return zone_text, pos
    m = _PAREN_AFTER.match(text, pos)
    if m is None:
        return zone_text, pos
    found = _zone_in(m.group(1))
    return (found[0], m.end()) if found is not None else (zone_text, pos)


def attach_tail(text: str, t: TimeMatch, before: list[TimeMatch]) -> TimeMatch:
    """``t`` with the zone and duration written right after it."""
    pos = t.span[1]
    zone_text, conversion = None, False
    m = _ZONE_AFTER.match(text, pos)
    if m is not None:
        if m.group("paren"):
            inner = m.group("paren").strip()
            found = _zone_in(inner)
            if found is not None:
                zone_text, pos = found[0], m.end()
                named = _WINDOWS_NAME.match(text, pos) if _OFFSET_ONLY.fullmatch(inner) else None
                if named is not None and (name := _zone_in(named.group(1))) is not None:
                    # Outlook: "(UTC-05:00) Eastern Time (US & Canada)" names the zone,
                    # whose offset today may differ from the standard one in the label
                    zone_text, pos = name[0], named.start(1) + name[1]
        elif m.group("iso"):
            if t.span[0] > 0 and text[t.span[0] - 1] == "T":  # 2024-03-20T16:00:00+01:00
                zone_text, pos = ("UTC" if m.group("iso") == "Z" else m.group("iso")), m.end()
        elif m.group("rfc"):
            if text[t.span[0] : t.span[1]].count(":") == 2:
                zone_text, pos = m.group("rfc"), m.end()
        else:
            found = _zone_in(m.group("words"))
            if found is not None:
                zone_text, pos = found[0], m.start("words") + found[1]
                conversion = bool(m.group("in")) and any(
                    b.zone_text and not b.conversion and t.span[0] - b.span[1] < _CONVERSION_GAP
                    for b in before[-12:]
                )
                if m.group("in") and not conversion:
                    zone_text = None  # "3pm in Paris" alone: a place, maybe not a zone
                    pos = t.span[1]
                elif zone_text.isupper():
                    zone_text, pos = _clarified(text, zone_text, pos)
    prev = before[-1] if before else None
    if (
        zone_text
        and not conversion
        and prev is not None
        and prev.zone_text
        and prev.zone_text.casefold() != zone_text.casefold()
    ):
        gap = text[prev.span[1] : t.span[0]]
        conversion = (
            len(gap) <= 16 and _SAME_MOMENT.fullmatch(gap) is not None
        )  # "4pm EST / 1pm PST"
    duration = None
    if t.end is None:
        d = _DURATION.match(text, pos)
        if d is not None and (d.group("hh") or d.group("mins")):
            duration = (
                int(d.group("hh") or 0) * 60 + int(d.group("hm") or 0) + int(d.group("mins") or 0)
            )
            if not 0 < duration <= 12 * 60:
                duration = None
            else:
                pos = d.end()
                if zone_text is None:
                    m2 = _ZONE_AFTER.match(text, pos)
                    if m2 is not None and m2.group("words") and not m2.group("in"):
                        found = _zone_in(m2.group("words"))
                        if found is not None:
                            zone_text, pos = found[0], m2.start("words") + found[1]
    if zone_text is None and duration is None:
        return t
    return t._replace(
        span=(t.span[0], pos),
        zone_text=zone_text,
        duration_minutes=duration,
        conversion=conversion,
    )


# --- a labelled duration ("Duration: about 1 hour") ------------------------------------------

#: Words for "about", any language; they do not change the figure.
_ABOUT = (
    r"(?:about|approx(?:imately|\.)?|around|roughly|circa|ca\.|env(?:iron|\.)|à\s+peu\s+près|"
    r"etwa|ungefähr|rund|cerca\s+de|aprox(?:imadamente|\.)?|unos|~)"
)
#: Number words up to three, the ones durations are written with.
_NUMBER_WORDS = {
    "one": 1, "an": 1, "a": 1, "two": 2, "three": 3,
    "une": 1, "un": 1, "deux": 2, "trois": 3,
    "eine": 1, "ein": 1, "zwei": 2, "drei": 3,
    "una": 1, "uno": 1, "due": 2, "tre": 3, "dos": 2, "tres": 3,
}  # fmt: skip
_HALF = r"(?:and\s+a\s+half|et\s+demie|und\s+eine\s+halbe|e\s+mezza|y\s+media)"
_LABELLED_DURATION = LazyPattern(
    rf"(?i)^\W{{0,3}}(?:{_ABOUT}\s*)?"
    r"(?:(?P<h>\d{1,2}(?:[.,]\d{1,2})?|one|an|a|two|three|une|un|deux|trois|eine|ein|zwei|drei|"
    r"una|uno|due|tre|dos|tres|anderthalb|eineinhalb)\s*"
    r"(?:h(?:ours?|rs?|eures?)?|stunden?|std\.?|or[ae]|horas?)\.?"
    rf"(?:\s*(?P<hm>[0-5]\d)(?:\s*(?:min(?:utes?|uten)?|mn))?|\s*(?P<half>{_HALF}))?"
    r"|(?P<m>\d{1,3})\s*(?:min(?:s|utes?|uten|utos|uti)?|mn)\.?)"
    r"(?![\w-])(?!\s*(?:-|–|to|à|bis|a)?\s*\d)"  # not a range, nor a clock time
)


def labelled_duration(value: str) -> int | None:
    """Minutes of a duration written as a field's value, from its start; else None.

    The value of ``Duration:`` / ``Durée :`` / ``Dauer:`` lines: a figure of
    hours or minutes, words for "about" allowed, the rest of the line
    ignored. A range (``1-2 hours``) and anything outside 10 minutes to 12
    hours give None.

    >>> labelled_duration("environ 1 heure, suivie d'une discussion"), labelled_duration("90 min")
    (60, 90)
    >>> labelled_duration("1h30 (questions included)"), labelled_duration("1-2 hours")
    (90, None)
    """
    m = _LABELLED_DURATION.match(value.strip())
    if m is None:
        return None
    if m.group("m"):
        minutes = int(m.group("m"))
    else:
        h = m.group("h").lower()
        if h in ("anderthalb", "eineinhalb"):
            hours = 1.5
        else:
            hours = _NUMBER_WORDS.get(h) or float(h.replace(",", "."))
        minutes = round(hours * 60) + int(m.group("hm") or 0) + (30 if m.group("half") else 0)
    return minutes if 10 <= minutes <= 12 * 60 else None
