"""Infer the zone of a floating ICS event from its own texts (SPEC 4.4).

The general inference lives in ``rules/zones.py`` (``infer_zone``); this
module uses it when it exists and otherwise falls back to a small reader of
the strongest evidence: an IANA city named in the text (``Zurich``), the
country of URLs and e-mail addresses (``.ch``), phone country codes
(``+41``). Only countries with one zone count, and only when all the
evidence points to the same zone.

>>> infer_event_zone(["Room BC 2 14", "https://map.example.ch/?room=BC"])[0]
'Europe/Zurich'
>>> _fallback("https://map.example.ch/?room=BC", [""])
('Europe/Zurich', 'the .ch address map.example.ch')
>>> _fallback("https://example.ch, call +49 30 1234", [""]) is None
True
"""

from __future__ import annotations

from seminorm.patterns import LazyPattern

#: Country-code TLDs and phone codes of countries with a single zone.
COUNTRY_ZONES = {
    "ch": "Europe/Zurich", "li": "Europe/Vaduz", "de": "Europe/Berlin", "fr": "Europe/Paris",
    "it": "Europe/Rome", "nl": "Europe/Amsterdam", "be": "Europe/Brussels",
    "at": "Europe/Vienna", "dk": "Europe/Copenhagen", "se": "Europe/Stockholm",
    "no": "Europe/Oslo", "fi": "Europe/Helsinki", "pl": "Europe/Warsaw", "cz": "Europe/Prague",
    "sk": "Europe/Bratislava", "hu": "Europe/Budapest", "si": "Europe/Ljubljana",
    "hr": "Europe/Zagreb", "ro": "Europe/Bucharest", "bg": "Europe/Sofia", "gr": "Europe/Athens",
    "ie": "Europe/Dublin", "uk": "Europe/London", "lu": "Europe/Luxembourg",
    "ee": "Europe/Tallinn", "lv": "Europe/Riga", "lt": "Europe/Vilnius", "il": "Asia/Jerusalem",
    "jp": "Asia/Tokyo", "kr": "Asia/Seoul", "in": "Asia/Kolkata", "sg": "Asia/Singapore",
    "hk": "Asia/Hong_Kong", "tw": "Asia/Taipei", "za": "Africa/Johannesburg", "is": "Atlantic/Reykjavik",
}  # fmt: skip
PHONE_ZONES = {
    "41": "Europe/Zurich", "49": "Europe/Berlin", "33": "Europe/Paris", "39": "Europe/Rome",
    "31": "Europe/Amsterdam", "32": "Europe/Brussels", "43": "Europe/Vienna",
    "45": "Europe/Copenhagen", "46": "Europe/Stockholm", "47": "Europe/Oslo",
    "48": "Europe/Warsaw", "44": "Europe/London", "353": "Europe/Dublin", "972": "Asia/Jerusalem",
    "81": "Asia/Tokyo", "82": "Asia/Seoul", "91": "Asia/Kolkata", "65": "Asia/Singapore",
}  # fmt: skip
#: Hosts whose country code says nothing about where the event is.
NEUTRAL_HOSTS = (
    "youtu.be",
    "bit.ly",
    "t.co",
    "goo.gl",
    "ow.ly",
    "is.gd",
    "zoom.us",
    "meet.google.com",
)

_HOST = LazyPattern(r"(?i)\b(?:https?://|www\.)([a-z0-9.-]{1,200}\.([a-z]{2,24}))\b")
_EMAIL = LazyPattern(r"(?i)\b[a-z0-9._%+-]{1,64}@([a-z0-9.-]{1,200}\.([a-z]{2,24}))\b")
_PHONE = LazyPattern(r"\+(?<![\w+]\+)(\d{2,3})[\s.-]?\(?\d")  # "+" first: fast
_WORD = LazyPattern(r"[^\W\d_]{3,30}(?:[ -][^\W\d_]{3,30})?")


def infer_event_zone(texts: list[str]) -> tuple[str, str] | None:
    """``(zone, evidence)`` for an event's texts, or None when nothing or conflicting evidence.

    ``texts[0]`` is the LOCATION: only there is a city name taken as evidence
    (elsewhere ``Davis`` or ``Regina`` are more often people than places).
    """
    joined = "\n".join(t for t in texts if t)
    if not joined.strip():
        return None
    try:
        from seminorm.rules.zones import infer_zone  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _fallback(joined, texts)
    guess = infer_zone(joined)
    if guess is None:
        return None
    zone = getattr(guess, "zone", None) or getattr(guess, "tz", None)
    evidence = getattr(guess, "evidence", None) or getattr(guess, "reason", None) or "the text"
    return (str(zone), str(evidence)) if zone else None


def _fallback(text: str, texts: list[str]) -> tuple[str, str] | None:
    found: dict[str, str] = {}
    for m in _HOST.finditer(text):
        host, tld = m.group(1).lower(), m.group(2).lower()
        zone = COUNTRY_ZONES.get(tld)
        if zone and not host.endswith(NEUTRAL_HOSTS):
            found.setdefault(zone, f"the .{tld} address {host}")
    for m in _EMAIL.finditer(text):
        zone = COUNTRY_ZONES.get(m.group(2).lower())
        if zone:
            found.setdefault(zone, f"the .{m.group(2).lower()} e-mail domain {m.group(1).lower()}")
    for m in _PHONE.finditer(text):
        code = m.group(1)
        zone = PHONE_ZONES.get(code) or PHONE_ZONES.get(code[:2])
        if zone:
            found.setdefault(zone, f"the phone code +{code if code in PHONE_ZONES else code[:2]}")
    if not found and texts and texts[0]:
        found.update(_cities(texts[0]))
    if len(found) != 1:
        return None
    return next(iter(found.items()))


def _cities(text: str) -> dict[str, str]:
    from ...zones.tzid import city_zones

    table = city_zones()
    found: dict[str, str] = {}
    for m in _WORD.finditer(text[:20000]):
        word = m.group().lower()
        if not m.group()[:1].isupper():
            continue
        for candidate in (word, word.split(" ")[0].split("-")[0]):
            zone = table.get(candidate)
            if zone and len(candidate) > 3:
                found.setdefault(zone, f"the city {candidate.title()}")
                break
    return found
