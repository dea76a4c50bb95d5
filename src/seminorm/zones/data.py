"""Zone abbreviations and long names, as announcements write them (data only).

An abbreviation names one or more IANA zones; the first is the reading used
when nothing in the document settles it, except for the ``ambiguous`` ones
(``IST``, ``CST``, ``BST``, ``AST``), which need a hint. ``is_dst`` says
whether the abbreviation names summer time (``None``: either, as ``ET``).
"""

from __future__ import annotations

from ..plain import NamedTuple


class Abbrev(NamedTuple):
    """What one zone abbreviation can mean."""

    zones: tuple[str, ...]
    is_dst: bool | None
    offset: int | None = None
    ambiguous: bool = False


def _a(zones: str, dst: bool | None, offset: int | None = None, ambiguous: bool = False) -> Abbrev:
    return Abbrev(tuple(zones.split()), dst, offset, ambiguous)


NY, CHI, DEN, LA = "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"

ABBREVIATIONS: dict[str, Abbrev] = {
    "EST": _a(NY, False, -300),
    "EDT": _a(NY, True, -240),
    "ET": _a(NY, None),
    "EST5EDT": _a(NY, None),
    "CST": _a(f"{CHI} Asia/Shanghai America/Havana", False, None, True),
    "CDT": _a(CHI, True, -300),
    "CT": _a(CHI, None),
    "MST": _a(f"{DEN} America/Phoenix", False, -420),
    "MDT": _a(DEN, True, -360),
    "MT": _a(DEN, None),
    "PST": _a(LA, False, -480),
    "PDT": _a(LA, True, -420),
    "PT": _a(LA, None),
    "AKST": _a("America/Anchorage", False, -540),
    "AKDT": _a("America/Anchorage", True, -480),
    "HST": _a("Pacific/Honolulu", False, -600),
    "AST": _a("America/Halifax Asia/Riyadh", False, None, True),
    "ADT": _a("America/Halifax", True, -180),
    "NST": _a("America/St_Johns", False, -210),
    "NDT": _a("America/St_Johns", True, -150),
    "GMT": _a("UTC", None, 0),
    "UTC": _a("UTC", None, 0),
    "UT": _a("UTC", None, 0),
    "Z": _a("UTC", None, 0),
    "BST": _a("Europe/London Asia/Dhaka", None, None, True),
    "IST": _a("Asia/Kolkata Asia/Jerusalem Europe/Dublin", None, None, True),
    "IDT": _a("Asia/Jerusalem", True, 180),
    "WET": _a("Europe/Lisbon", False, 0),
    "WEST": _a("Europe/Lisbon", True, 60),
    "CET": _a("Europe/Berlin", False, 60),
    "CEST": _a("Europe/Berlin", True, 120),
    "MEZ": _a("Europe/Berlin", False, 60),
    "MESZ": _a("Europe/Berlin", True, 120),
    "EET": _a("Europe/Athens", False, 120),
    "EEST": _a("Europe/Athens", True, 180),
    "MSK": _a("Europe/Moscow", None, 180),
    "TRT": _a("Europe/Istanbul", None, 180),
    "GST": _a("Asia/Dubai", None, 240),
    "PKT": _a("Asia/Karachi", None, 300),
    "NPT": _a("Asia/Kathmandu", None, 345),
    "ICT": _a("Asia/Bangkok", None, 420),
    "WIB": _a("Asia/Jakarta", None, 420),
    "SGT": _a("Asia/Singapore", None, 480),
    "HKT": _a("Asia/Hong_Kong", None, 480),
    "PHT": _a("Asia/Manila", None, 480),
    "AWST": _a("Australia/Perth", None, 480),
    "JST": _a("Asia/Tokyo", None, 540),
    "KST": _a("Asia/Seoul", None, 540),
    "ACST": _a("Australia/Adelaide", False, 570),
    "ACDT": _a("Australia/Adelaide", True, 630),
    "AEST": _a("Australia/Sydney", False, 600),
    "AEDT": _a("Australia/Sydney", True, 660),
    "NZST": _a("Pacific/Auckland", False, 720),
    "NZDT": _a("Pacific/Auckland", True, 780),
    "ART": _a("America/Argentina/Buenos_Aires", None, -180),
    "BRT": _a("America/Sao_Paulo", None, -180),
    "CLT": _a("America/Santiago", False, -240),
    "COT": _a("America/Bogota", None, -300),
    "PET": _a("America/Lima", None, -300),
    "SAST": _a("Africa/Johannesburg", None, 120),
    "CAT": _a("Africa/Maputo", None, 120),
    "EAT": _a("Africa/Nairobi", None, 180),
    "WAT": _a("Africa/Lagos", None, 60),
}

#: Long names, folded to lower case (``Eastern Time (US and Canada)`` starts with one).
LONG_NAMES: dict[str, str] = {
    "eastern time": NY,
    "eastern standard time": NY,
    "eastern daylight time": NY,
    "us eastern": NY,
    "us/eastern time": NY,
    "central time": CHI,
    "central standard time": CHI,
    "central daylight time": CHI,
    "mountain time": DEN,
    "mountain standard time": DEN,
    "mountain daylight time": DEN,
    "pacific time": LA,
    "pacific standard time": LA,
    "pacific daylight time": LA,
    "alaska time": "America/Anchorage",
    "hawaii time": "Pacific/Honolulu",
    "atlantic time": "America/Halifax",
    "greenwich mean time": "UTC",
    "coordinated universal time": "UTC",
    "universal time": "UTC",
    "british summer time": "Europe/London",
    "british time": "Europe/London",
    "uk time": "Europe/London",
    "irish standard time": "Europe/Dublin",
    "western european time": "Europe/Lisbon",
    "western european summer time": "Europe/Lisbon",
    "central european time": "Europe/Berlin",
    "central european summer time": "Europe/Berlin",
    "central european standard time": "Europe/Berlin",
    "eastern european time": "Europe/Athens",
    "eastern european summer time": "Europe/Athens",
    "moscow time": "Europe/Moscow",
    "israel time": "Asia/Jerusalem",
    "israel standard time": "Asia/Jerusalem",
    "israel daylight time": "Asia/Jerusalem",
    "india standard time": "Asia/Kolkata",
    "indian standard time": "Asia/Kolkata",
    "china standard time": "Asia/Shanghai",
    "beijing time": "Asia/Shanghai",
    "japan standard time": "Asia/Tokyo",
    "korea standard time": "Asia/Seoul",
    "singapore time": "Asia/Singapore",
    "australian eastern standard time": "Australia/Sydney",
    "australian eastern daylight time": "Australia/Sydney",
    "australian eastern time": "Australia/Sydney",
    "new zealand time": "Pacific/Auckland",
    "heure de paris": "Europe/Paris",
    "heure française": "Europe/Paris",
    "heure francaise": "Europe/Paris",
    "heure suisse": "Europe/Zurich",
    "heure d'europe centrale": "Europe/Paris",
    "heure normale d'europe centrale": "Europe/Paris",
    "mitteleuropäische zeit": "Europe/Berlin",
    "mitteleuropäische sommerzeit": "Europe/Berlin",
    "deutsche zeit": "Europe/Berlin",
    "ora italiana": "Europe/Rome",
    "hora peninsular": "Europe/Madrid",
    "hora del centro": "America/Mexico_City",
    "hora del centro de méxico": "America/Mexico_City",
    "hora del centro de mexico": "America/Mexico_City",
    "tiempo del centro": "America/Mexico_City",
    "hora de la ciudad de méxico": "America/Mexico_City",
    "hora del pacífico": "America/Tijuana",
    "hora de argentina": "America/Argentina/Buenos_Aires",
    "hora de chile": "America/Santiago",
    "hora de colombia": "America/Bogota",
    "ora legale": "Europe/Rome",
    "hora de españa": "Europe/Madrid",
    "hora central europea": "Europe/Madrid",
}


def _with_languages(names: dict[str, str]) -> dict[str, str]:
    """The long names above and the ``zone_names`` of every language of :mod:`seminorm.lang`."""
    from ..lang import merged_mapping

    out = dict(names)
    for phrase, zone in merged_mapping("zone_names").items():
        out.setdefault(phrase.casefold(), str(zone))
    return out


LONG_NAMES = _with_languages(LONG_NAMES)

#: US region words that name a zone only as a whole phrase right after a time
#: (``4 p.m. (Eastern)``); never looked for in running text (``Central Library``).
REGION_WORDS: dict[str, str] = {
    "Eastern": NY,
    "Central": CHI,
    "Mountain": DEN,
    "Pacific": LA,
    "Eastern Standard": NY,
    "Pacific Standard": LA,
}

#: Fixed offsets that are not whole hours, to the zone people mean by them.
OFFSET_ZONES: dict[int, str] = {
    330: "Asia/Kolkata",
    345: "Asia/Kathmandu",
    270: "Asia/Kabul",
    210: "Asia/Tehran",
    390: "Asia/Yangon",
    570: "Australia/Darwin",
    -210: "America/St_Johns",
    -150: "America/St_Johns",
    630: "Australia/Adelaide",
    525: "Australia/Eucla",
    765: "Pacific/Chatham",
}

#: City names (folded) that are also everyday words or given and family
#: names: never evidence of a zone on their own.
COMMON_WORD_CITIES = frozenset(
    """
    reading mobile bath split nice mission independence orange victoria florence
    alexandria jackson lincoln madison washington columbia providence aurora hope
    eugene irvine davis austin charlotte marion norman laval sale deal bristol
    kent durham hamilton wellington richmond jersey savannah temple troy salem
    springfield arlington concord dayton columbus garland mesa chandler gilbert
    lafayette lawrence lowell allen pasadena plano ontario surrey stockton sterling
    warren tyler waco beaumont carrollton frisco fargo kingston newport worcester
    york oxford cambridge canton jena halle essen derby bolton bury hull stoke
    poole marina nancy angers metro georgia jordan chad turkey niger guinea
    santiago leon stanford princeton university college institute
    """.split()
) | frozenset({"san jose", "la paz", "santa rosa", "new york university"})
