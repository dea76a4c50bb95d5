"""A document's zone from its evidence (SPEC 4.4), when it points to one zone.

Evidence, each piece counted once per distinct value:

- city names of sizable cities (see :mod:`.gazetteer`), written capitalized,
  never the ones that are also common words or names (``Reading``, ``Victoria``);
  weight 1 each;
- the country of URL hosts and e-mail domains (``.ch``, ``.il``, ``.in``,
  ``.ac.uk``...) when that country has one zone; TLDs that are used as
  generic names (``.io``, ``.ai``, ``.co``, ``.me``, ``.tv``...) are ignored;
  weight 1 per distinct domain;
- phone country codes (``+972``, ``+41``), for single-zone countries; ``+1``
  and ``+7`` span many zones and count for nothing; weight 1 per number.

The guess is the zone with all the weight; when several zones have weight,
the first must have at least three times the weight of all the others
together and at least 3 pieces of evidence, else there is no guess (the
caller emits ``tz-missing`` rather than a wrong zone).

>>> g = infer_zone("Venue: EPFL, Lausanne. Contact: seminar@epfl.ch")
>>> (g.zone, g.evidence)
('Europe/Zurich', "the city name 'Lausanne' and the .ch domain 'epfl.ch'")
>>> infer_zone("Speakers from Paris and from Berlin, Tokyo") is None
True

Never from a speaker's affiliation: the speaker's line and an institution in
parentheses (``Ana Lopes (University of Virginia)``) are not read.

>>> infer_zone("Speaker: Ana Lopes (University of Virginia)\\nRoom: Hall 12") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from seminorm.patterns import LazyPattern

from ..plain import NamedTuple
from .data import COMMON_WORD_CITIES


class ZoneGuess(NamedTuple):
    """A zone inferred from a document, and the evidence, for ``tz-inferred``."""

    zone: str
    evidence: str


GENERIC_TLDS = frozenset(
    "io ai co me tv fm ly gl ws to cc la sh ac am gg im nu tk ml ga cf gq so st vc dj "
    "gd ms mu ps sc re ag bz cx fo gs is it.com ly md mn ne nf pw rs sx tc vg xyz app dev".split()
)
_HOST = LazyPattern(
    r"(?:https?://|www\.)(?P<h>[\w\-]{1,63}(?:\.[\w\-]{1,63}){1,8})"
    r"|(?<=[\w.+\-])@(?P<e>[\w\-]{1,63}(?:\.[\w\-]{1,63}){1,8})",
    re.IGNORECASE,
)
_PHONE = LazyPattern(r"\+(?<![\w+]\+)[ \t]?(?P<n>\d[\d \t().\-]{6,20}\d)")  # "+" first: fast
_CAPS = LazyPattern(
    r"(?<![\w@./\-])[A-Z][a-zà-öø-ÿ'’]{2,24}(?:[ \-][A-Z][a-zà-öø-ÿ'’]{1,24}){0,2}(?![\w@])"
)


def _by_tld() -> dict[str, str]:
    from .gazetteer import countries

    return {c.tld.lstrip(".").lower(): c.single for c in countries().values() if c.single and c.tld}


def _by_phone() -> dict[str, str]:
    from .gazetteer import countries

    out: dict[str, str] = {}
    for c in countries().values():
        code = c.phone.replace("+", "").split("-")[0].split(" and ")[0]
        if c.single and code.isdigit():
            out.setdefault(code, c.single)
    # a code shared by countries in different zones says nothing
    for c in countries().values():
        code = c.phone.replace("+", "").split("-")[0]
        if code in out and c.single != out[code]:
            out[code] = ""
    return {k: v for k, v in out.items() if v}


_TABLES: dict[str, dict[str, str]] = {}


def _table(name: str) -> dict[str, str]:
    if name not in _TABLES:
        _TABLES[name] = _by_tld() if name == "tld" else _by_phone()
    return _TABLES[name]


_INSTITUTION = frozenset(
    "university college institute school universität universitat université universite "
    "universidad università universita politecnico polytechnique hochschule technische "
    "ecole école escuela scuola centre center".split()
)
_DIAL_LINE = LazyPattern(r"\+[ \t]?\d")


_NEWLINE = LazyPattern("\n")


def _cities_in(text: str) -> list[tuple[str, str]]:
    """City names written in ``text``, with their zones.

    Not counted: names of three letters or fewer, names on dial-in lines
    (``+1 669 555 0134 US (San Jose)``), and a one-word city that ends a
    longer capitalized name (``Pablo Moreno``, ``Jack London``) unless that
    name is an institution's (``University College London``).
    """
    import bisect

    from .gazetteer import cities, fold

    table = cities()
    starts = [0] + [k.end() for k in _NEWLINE.finditer(text)]
    dial = {bisect.bisect_right(starts, k.start()) for k in _DIAL_LINE.finditer(text)}
    out: list[tuple[str, str]] = []
    for m in _CAPS.finditer(text):
        if bisect.bisect_right(starts, m.start()) in dial:
            continue
        words = m.group(0).replace("-", " ").split(" ")
        # each word folded once: the key of a run of words is their keys joined
        keys = [fold(w) for w in words]
        # longest run of words first ("Tel Aviv", "Los Angeles"), then each word
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                key = " ".join(keys[i:j])
                if len(key) <= 3 or key in COMMON_WORD_CITIES or key not in table:
                    continue
                if i > 0 and keys[i - 1] not in _INSTITUTION and keys[0] not in _INSTITUTION:
                    continue
                out.append((" ".join(words[i:j]), table[key]))
                i = j - 1
                break
            i += 1
    return out


def evidence(text: str) -> dict[str, list[str]]:
    """``{zone: [description of each distinct piece of evidence]}``."""
    return {zone: list(items) for zone, items in _evidence(text)}


#: A parenthesis that holds an institution: a speaker's affiliation after a name.
_AFFILIATION_PAREN = LazyPattern(
    r"\((?=[^()\n]{0,80}\b(?i:univ|universit|college|institut|school|hochschule|école|ecole|"
    r"escuela|scuola|politecnico|polytechni|laborator|lab\b))[^()\n]{1,120}\)"
)
_SPEAKER_FIELDS = frozenset({"speaker"})


def _without_speakers(text: str) -> str:
    """``text`` with the speakers' lines and affiliations blanked (offsets kept).

    A speaker's affiliation says where the speaker works, not where the talk
    is: ``Speaker: Ana Lopes (University of Virginia)`` is no evidence for
    the venue's zone. A host's or organiser's line stays (they are local).
    """
    from ..rules.labels import split_label

    chunks: list[str] = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        found = split_label(body) if len(body) <= 300 and ":" in body else None
        if found is not None and found[0] in _SPEAKER_FIELDS:
            chunks.append(" " * len(body) + line[len(body) :])
        else:
            chunks.append(_AFFILIATION_PAREN.sub(lambda m: " " * len(m.group(0)), line))
    return "".join(chunks)


_NON_DIGIT = LazyPattern(r"\D")


@lru_cache(maxsize=16)
def _evidence(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    text = _without_speakers(text)
    found: dict[str, list[str]] = {}
    seen: set[str] = set()

    def add(zone: str, what: str) -> None:
        if what not in seen:
            seen.add(what)
            found.setdefault(zone, []).append(what)

    for name, zone in _cities_in(text):
        add(zone, f"the city name '{name}'")
    tlds = _table("tld")
    hosts: set[str] = set()
    for m in _HOST.finditer(text):
        host = (m.group("h") or m.group("e") or "").lower().rstrip(".")
        tld = host.rsplit(".", 1)[-1]
        if tld in GENERIC_TLDS or tld not in tlds or _short(host) in hosts:
            continue
        hosts.add(_short(host))  # a site and its e-mail domain are one piece of evidence
        kind = "domain" if m.group("e") else "site"
        add(tlds[tld], f"the .{tld} {kind} '{_short(host)}'")
    phones = _table("phone")
    for m in _PHONE.finditer(text):
        digits = _NON_DIGIT.sub("", m.group("n"))
        for k in (1, 2, 3):
            pz = phones.get(digits[:k])
            if pz:
                add(pz, f"the phone code +{digits[:k]}")
                break
    return tuple((zone, tuple(items)) for zone, items in found.items())


def _short(host: str) -> str:
    parts = host.split(".")
    keep = 3 if len(parts) > 2 and parts[-2] in ("ac", "co", "edu", "gov", "org") else 2
    return ".".join(parts[-keep:])


def infer_zone(text: str) -> ZoneGuess | None:
    """The zone the document's evidence points to, or ``None`` (see the module doc).

    Zones that keep the same clock all year (``Europe/Amsterdam`` and
    ``Europe/Zurich``) are one piece of evidence's worth of disagreement:
    they are pooled, and the pool's zone named on a place line (the venue)
    is the answer, else its best-supported one.

    >>> infer_zone("Speaker: Ann Lee (Trinity College Dublin)\\nVenue: 14 Gower Row, London").zone
    'Europe/London'
    """
    found = evidence(text)
    if not found:
        return None
    pools: dict[object, list[str]] = {}
    for zone in found:
        pools.setdefault(_clock(zone), []).append(zone)
    weight = {key: sum(len(found[z]) for z in zones) for key, zones in pools.items()}
    ranked = sorted(pools, key=lambda key: -weight[key])
    top = weight[ranked[0]]
    others = sum(weight[key] for key in ranked[1:])
    if others and (top < 3 * others or top < 3):
        return None
    zones = pools[ranked[0]]
    venue = _venue_zones(text) if len(zones) > 1 else frozenset()
    zone = max(
        zones,
        key=lambda z: (z in venue, len(found[z]), _non_city(found[z]), -zones.index(z)),
    )
    items = found[zone] + [it for z in zones if z != zone for it in found[z]]
    return ZoneGuess(zone, " and ".join(_dedupe_kinds(items)[:3]))


def _venue_zones(text: str) -> frozenset[str]:
    """Zones of the cities named on the document's place lines (``Venue: ..., London``).

    Among zones that keep the same clock all year, the one the venue names
    is the answer: other city names may be the speaker's (``Trinity College
    Dublin``). The choice changes the zone's name, never an instant.
    """
    from ..rules.labels import split_label

    out: set[str] = set()
    for line in text.splitlines():
        if len(line) > 300:
            continue
        found = split_label(line)
        if found is not None and found[0] == "place":
            out.update(zone for _, zone in _cities_in(found[1]))
    return frozenset(out)


def _non_city(items: list[str]) -> int:
    return sum(1 for it in items if not it.startswith("the city"))


def _clock(zone: str) -> object:
    """A key equal for zones with the same UTC offsets in January and July."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    try:
        tz = ZoneInfo(zone)
    except (KeyError, ValueError):
        return zone
    return tuple(datetime(2024, m, 15, 12, tzinfo=tz).utcoffset() for m in (1, 7))


def _dedupe_kinds(items: list[str]) -> list[str]:
    """At most two examples of each kind of evidence, in order."""
    out: list[str] = []
    counts: dict[str, int] = {}
    for it in items:
        kind = it.split("'")[0]
        counts[kind] = counts.get(kind, 0) + 1
        if counts[kind] <= 2:
            out.append(it)
    return out
