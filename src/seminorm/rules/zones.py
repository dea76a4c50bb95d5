"""Time zones: what a text states (``CET``, ``Eastern Time``, ``UTC+2``,
``Europe/Zurich``, ``Paris time``) and what a document suggests (SPEC 4.4).

- :func:`zone_for_name` reads one zone phrase into an IANA name;
- :func:`find_zones` lists the zone phrases stated in a text;
- :func:`infer_zone` weighs the document's evidence (cities, the country of
  its URLs and e-mail addresses, phone codes) and answers only when it points
  to one zone;
- :func:`check_dst` notices ``EST`` written for a July date.

Offsets are read with the sign people mean (``UTC+2`` is two hours *ahead*
of UTC), never by dateutil, which reads them the POSIX way round.

>>> zone_for_name("Eastern Time"), zone_for_name("UTC+2"), zone_for_name("heure de Paris")
('America/New_York', 'Etc/GMT-2', 'Europe/Paris')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from seminorm.patterns import LazyPattern

from ..plain import NamedTuple
from ..zones.data import (
    ABBREVIATIONS,
    COMMON_WORD_CITIES,
    LONG_NAMES,
    OFFSET_ZONES,
    REGION_WORDS,
    Abbrev,
)
from ..zones.evidence import ZoneGuess, infer_zone
from .base import Rule


class ZoneMatch(NamedTuple):
    """A zone phrase found in a text.

    ``zone`` is the IANA zone (``None`` when ambiguous and no hint settles
    it); ``offset_minutes`` is set for fixed offsets (``UTC+05:30`` → 330);
    ``abbrev`` for abbreviations, with ``is_dst`` saying whether it names
    summer time (``EDT`` True, ``EST`` False, ``ET`` None); ``candidates``
    lists the readings of an ambiguous abbreviation (``IST``).
    """

    span: tuple[int, int]
    text: str
    zone: str | None
    offset_minutes: int | None = None
    abbrev: str | None = None
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()
    is_dst_abbrev: bool | None = None


_OFFSET = LazyPattern(
    r"\(?(?:UTC|GMT|UT)[ \t]?(?P<sign>[+\-−–])[ \t]?(?P<h>\d{1,2})(?:(?::|h|\.)?(?P<m>\d{2}))?\)?"
    r"|(?P<rsign>[+\-−])(?P<rh>[01]\d):?(?P<rm>[0-5]\d)",
    re.IGNORECASE,
)
_IANA = LazyPattern(
    r"\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|US|Canada|"
    r"Etc|Brazil|Mexico|Chile)/[A-Za-z_\-]{2,30}(?:/[A-Za-z_\-]{2,30})?",
    re.IGNORECASE,
)


def _time_words() -> str:
    """The words of an "X time" phrase around the place (``heure de``, ``time``,
    ``Zeit``): each language's ``zone_time_*`` tables (:mod:`seminorm.lang`)."""
    from ..lang import alternation, merged

    before, linkers = (
        alternation(merged("zone_time_before")),
        alternation(merged("zone_time_linkers")),
    )
    return (
        rf"^(?:(?:{before})[ \t]+(?:{linkers})?[ \t]*)"
        rf"|[ \t]+(?:{alternation(merged('zone_time_after'))})$"
    )


_TIME_WORDS = LazyPattern(_time_words, re.IGNORECASE)


def parse_offset(text: str) -> int | None:
    """Minutes east of UTC of ``UTC+2``, ``GMT-5``, ``UTC+05:30``, ``-0700``.

    >>> parse_offset("UTC+2"), parse_offset("(GMT-05:00)"), parse_offset("-0700")
    (120, -300, -420)
    """
    m = _OFFSET.fullmatch(text.strip())
    if m is None:
        return None
    if m.group("rsign"):
        sign, h, mi = m.group("rsign"), int(m.group("rh")), int(m.group("rm"))
    else:
        sign, h, mi = m.group("sign"), int(m.group("h")), int(m.group("m") or 0)
    if h > 14 or mi >= 60:
        return None
    total = h * 60 + mi
    return -total if sign in "-−–" else total


def offset_zone(minutes: int) -> str:
    """An IANA zone with a fixed offset: ``Etc/GMT-2`` for +120 (IANA's sign is POSIX's)."""
    if minutes == 0:
        return "UTC"
    if minutes % 60 == 0:
        return f"Etc/GMT{-minutes // 60:+d}"
    return OFFSET_ZONES.get(minutes, "UTC")


def _iana(name: str) -> str | None:
    from ..zones.keys import iana_key

    return iana_key(name)


def _pick(abbrev: Abbrev, hint_zones: Iterable[str], country: str | None) -> str | None:
    """An abbreviation's zone, settled by the hints when it has several readings."""
    hints = tuple(hint_zones)
    if country:
        from ..zones.gazetteer import countries

        c = countries().get(country.upper())
        if c is not None and c.single:
            hints = (c.single, *hints)
    for h in hints:
        if h in abbrev.zones:
            return h
    for h in hints:
        for z in abbrev.zones:
            if _offsets(h) == _offsets(z) and _offsets(h) is not None:
                return h
    return None if abbrev.ambiguous else abbrev.zones[0]


@lru_cache(maxsize=256)
def _offsets(zone: str) -> tuple[int, int] | None:
    """A zone's UTC offsets (minutes) in January and July 2024."""
    from zoneinfo import ZoneInfo

    try:
        tz = ZoneInfo(zone)
    except (KeyError, ValueError):
        return None
    out = []
    for month in (1, 7):
        off = datetime(2024, month, 15, 12, tzinfo=tz).utcoffset()
        out.append(int(off.total_seconds()) // 60 if off is not None else 0)
    return (out[0], out[1])


def zone_for_name(
    name: str, *, hint_zones: Iterable[str] = (), country: str | None = None
) -> str | None:
    """The IANA zone a zone phrase names, or ``None``.

    Reads IANA names (any case), abbreviations (``CET``; ambiguous ones such as
    ``IST`` only when ``hint_zones``/``country`` settle them), long names
    (``Pacific Time``), offsets (``UTC+2`` → ``Etc/GMT-2``), and city or
    country names with or without ``time`` (``Paris time``, ``Jerusalem``).
    A country names a zone when it has one (or, in ``"<Country> time"``, when
    its capital's zone covers most of it).

    >>> zone_for_name("IST"), zone_for_name("IST", hint_zones=("Asia/Kolkata",))
    (None, 'Asia/Kolkata')
    >>> zone_for_name("europe/zurich"), zone_for_name("Tel-Aviv"), zone_for_name("Monday")
    ('Europe/Zurich', 'Asia/Jerusalem', None)
    """
    return _zone_for_name(name, tuple(hint_zones), country)


@lru_cache(maxsize=2048)
def _zone_for_name(name: str, hint_zones: tuple[str, ...], country: str | None) -> str | None:
    """:func:`zone_for_name`, remembered: documents name the same zones again and again."""
    raw = " ".join(name.strip().strip("()[],;").split())
    if not raw or len(raw) > 60:
        return None
    ab = ABBREVIATIONS.get(raw.upper() if raw.isupper() or len(raw) <= 5 else raw)
    if ab is not None and raw.isupper():
        return _pick(ab, hint_zones, country)
    if "(" in raw[1:]:
        raw = raw[: raw.index("(", 1)].strip()  # "Eastern Time (US and Canada)"
    long = LONG_NAMES.get(raw.casefold()) or REGION_WORDS.get(raw)
    if long is not None:
        return long
    if "/" in raw:
        return _iana(raw)
    off = parse_offset(raw)
    if off is not None:
        return _offset_with_hints(off, hint_zones)
    if raw.casefold() in ("utc", "gmt", "z", "zulu"):
        return "UTC"
    stripped = _TIME_WORDS.sub("", raw)
    if stripped != raw:
        if stripped.casefold() in LONG_NAMES:
            return LONG_NAMES[stripped.casefold()]
        ab = ABBREVIATIONS.get(stripped)
        if ab is not None:
            return _pick(ab, hint_zones, country)
    return place_zone(stripped, as_time=stripped != raw)


def _offset_with_hints(minutes: int, hint_zones: Iterable[str]) -> str:
    """A hint zone that has this offset in winter or summer, else a fixed-offset zone."""
    for h in hint_zones:
        offs = _offsets(h)
        if offs is not None and minutes in offs:
            return h
    return offset_zone(minutes)


def place_zone(name: str, *, as_time: bool = False) -> str | None:
    """The zone of a city or (single-zone) country name; capitalized names only.

    >>> place_zone("Bangalore"), place_zone("Cambridge"), place_zone("Reading")
    ('Asia/Kolkata', None, None)
    """
    if not name or not name[0].isupper():
        return None
    from ..zones.gazetteer import cities, countries_by_name, fold

    key = fold(name)
    if key in COMMON_WORD_CITIES:
        return None
    zone = cities().get(key)
    if zone is not None:
        return zone
    c = countries_by_name().get(key)
    if c is None:
        return None
    return c.main if as_time else c.single


#: the upper-case zone abbreviations and the long zone names, longest first, as alternations
_ABBREVIATION_ALTERNATION = "|".join(
    sorted((k for k in ABBREVIATIONS if k.isupper()), key=lambda s: (-len(s), s))
)
_LONG_NAME_ALTERNATION = "|".join(
    re.escape(k).replace(r"\ ", r"[ \t]+") for k in sorted(LONG_NAMES, key=lambda s: (-len(s), s))
)
_PLACE_TIME = r"[A-Z][\w'’.\-]{2,25}(?:[ \t][A-Z][\w'’.\-]{1,25}){0,2}"


def _zone_pattern() -> str:
    """Every way a zone is stated; "X time" phrases from each language's words
    (:mod:`seminorm.lang`: ``heure de Paris``, ``ora di Roma``, ``Paris time``)."""
    from ..lang import alternation, merged

    before, linkers = (
        alternation(merged("zone_time_before")),
        alternation(merged("zone_time_linkers")),
    )
    after = alternation(merged("zone_time_after"))
    return (
        rf"(?P<iana>{_IANA.pattern})"
        rf"|(?P<off>\(?(?:UTC|GMT)[ \t]?[+\-−–][ \t]?\d{{1,2}}(?:(?::|h|\.)?\d{{2}})?\)?)(?![\d])"
        rf"|(?i:(?P<long>\b(?:{_LONG_NAME_ALTERNATION})\b))"
        rf"|(?P<ab>\b(?:{_ABBREVIATION_ALTERNATION})\b)"
        rf"|(?P<heure>\b(?i:{before})[ \t]+(?i:{linkers})?[ \t]?{_PLACE_TIME})"
        rf"|(?P<ptime>\b{_PLACE_TIME}[ \t]+(?i:{after})\b)"
    )


#: a zone as a text states it: IANA name, UTC offset, long name, abbreviation, "X time"
_STATED_ZONE: LazyPattern[str] = LazyPattern(_zone_pattern)


#: Abbreviations that are also words or initials: zones only right after a time.
_GENERIC = frozenset(
    {
        "ET",
        "PT",
        "CT",
        "MT",
        "UT",
        "Z",
        "ART",
        "CAT",
        "EAT",
        "WAT",
        "PET",
        "COT",
        "GST",
        "ICT",
        "AST",
    }
)


_ENDS_WITH_TIME = LazyPattern(r"(?:\d|[ap]\.?m\.?)[ \t(]{0,2}$")


def _zone_value(m: re.Match[str], hint_zones: tuple[str, ...] = ()) -> ZoneMatch | None:
    text = m.group(0)
    span = m.span()
    if m.group("ab"):
        ab = ABBREVIATIONS[text]
        if text in _GENERIC and not _ENDS_WITH_TIME.search(m.string[: span[0]]):
            return None
        zone = _pick(ab, hint_zones, None)
        return ZoneMatch(
            span, text, zone, ab.offset, text, ab.ambiguous and zone is None,
            ab.zones if ab.ambiguous else (), ab.is_dst,
        )  # fmt: skip
    if m.group("off"):
        off = parse_offset(text)
        if off is None:
            return None
        return ZoneMatch(span, text, offset_zone(off), off)
    zone = zone_for_name(text, hint_zones=hint_zones)
    if zone is None:
        return None
    return ZoneMatch(span, text, zone)


def _example_zone(m: re.Match[str]) -> str | None:
    z = _zone_value(m)
    if z is None:
        return None
    return z.zone or "ambiguous:" + "|".join(z.candidates)


def find_zones(text: str, *, hint_zones: tuple[str, ...] = ()) -> list[ZoneMatch]:
    """Every zone phrase stated in ``text``, in order.

    >>> [(z.text, z.zone, z.ambiguous) for z in find_zones("4pm IST (UTC+05:30)")]
    [('IST', None, True), ('(UTC+05:30)', 'Asia/Kolkata', False)]
    """
    out: list[ZoneMatch] = []
    for m in _STATED_ZONE.finditer(text):
        z = _zone_value(m, hint_zones)
        if z is not None:
            out.append(z)
    return out


def check_dst(abbrev: str | None, zone: str | None, local_dt: datetime) -> str | None:
    """A ``tz-dst-mismatch`` message when ``abbrev`` names the wrong season.

    >>> check_dst("EST", "America/New_York", datetime(2021, 7, 4, 16, 0))
    'EST (standard time) stated for 2021-07-04, when America/New_York is on summer time; read as America/New_York wall time'
    >>> check_dst("EDT", "America/New_York", datetime(2021, 7, 4, 16, 0)) is None
    True
    """
    if not abbrev or not zone:
        return None
    ab = ABBREVIATIONS.get(abbrev.upper())
    if ab is None or ab.is_dst is None:
        return None
    from zoneinfo import ZoneInfo

    try:
        dst = ZoneInfo(zone).dst(local_dt.replace(tzinfo=None))
    except (KeyError, ValueError):
        return None
    on_dst = bool(dst)
    if on_dst == ab.is_dst:
        return None
    kind, now = ("summer time", "standard time") if ab.is_dst else ("standard time", "summer time")
    return (
        f"{abbrev} ({kind}) stated for {local_dt:%Y-%m-%d}, when {zone} is on {now}; "
        f"read as {zone} wall time"
    )


__all__ = [
    "RULES",
    "ZoneGuess",
    "ZoneMatch",
    "check_dst",
    "find_zones",
    "infer_zone",
    "offset_zone",
    "parse_offset",
    "place_zone",
    "zone_for_name",
]


RULES: tuple[Rule[str], ...] = (
    Rule(
        "zone/stated",
        _STATED_ZONE,
        _example_zone,
        examples=(
            ("16:00–17:30 CET", "Europe/Berlin"),
            ("noon Eastern Time, which is", "America/New_York"),
            ("Time zone: (GMT+01:00) Amsterdam, Berlin", "Etc/GMT-1"),
            ("TZID=Europe/Zurich:20221021T131500", "Europe/Zurich"),
            ("à 14h (heure de Paris)", "Europe/Paris"),
            ("3:30pm IST", "ambiguous:Asia/Kolkata|Asia/Jerusalem|Europe/Dublin"),
        ),
        counterexamples=("the ART of proof", "Room CT 204", "Monday time slot", "UTC+25"),
    ),
)
