"""TZID repair: every zone name a calendar uses, mapped to an IANA zone.

Calendars name zones in many ways besides IANA: Windows names (``W. Europe
Standard Time``), Windows display names (``(UTC-05:00) Eastern Time (US &
Canada)``, ``(GMT+01:00) Amsterdam, Berlin, Bern...``), vendor prefixes
(``/mozilla.org/20050126_1/Europe/Berlin``), mangled names
(``Europe_Berlin``, ``US-Eastern``, ``"Europe/Paris"``), offsets
(``GMT+0100``) and made-up names with their own ``VTIMEZONE``
(``Customized Time Zone``). :func:`name_to_iana` reads the name alone;
:func:`match_vtimezone` finds the IANA zone whose offsets and transitions
agree with a custom ``VTIMEZONE`` over the years the calendar uses.

>>> name_to_iana("W. Europe Standard Time")
'Europe/Berlin'
>>> name_to_iana("/mozilla.org/20050126_1/America/New_York")
'America/New_York'
>>> name_to_iana("(UTC-05:00) Eastern Time (US & Canada)")
'America/New_York'
>>> name_to_iana("Customized Time Zone") is None
True
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from seminorm.patterns import LazyPattern

from .keys import iana_key as _iana_key
from .keys import zone_keys

#: Names that mean UTC.
UTC_ALIASES = frozenset({"utc", "z", "gmt", "etc/utc", "etc/gmt", "zulu", "universal", "ut"})

#: The zone to pick among equivalent ones when nothing else says which.
PREFERRED = (
    "Europe/Berlin", "Europe/London", "America/New_York", "America/Chicago",
    "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
    "Pacific/Honolulu", "Australia/Sydney", "Asia/Tokyo", "Asia/Kolkata", "Asia/Shanghai",
    "Europe/Helsinki", "Europe/Moscow", "Asia/Jerusalem", "America/Sao_Paulo", "UTC",
)  # fmt: skip

#: Windows display names that name no city (the rest are read city by city).
DISPLAY_NAMES = {
    "eastern time (us & canada)": "America/New_York",
    "central time (us & canada)": "America/Chicago",
    "mountain time (us & canada)": "America/Denver",
    "pacific time (us & canada)": "America/Los_Angeles",
    "atlantic time (canada)": "America/Halifax",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "arizona": "America/Phoenix",
    "indiana (east)": "America/Indiana/Indianapolis",
    "coordinated universal time": "UTC",
    "brasília": "America/Sao_Paulo",
    "brasilia": "America/Sao_Paulo",
    "mitteleuropäische zeit": "Europe/Berlin",
    "western/central europe": "Europe/Berlin",
    "central european standard time": "Europe/Warsaw",
}

_AREAS = (
    "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia",
    "Europe", "Indian", "Pacific", "Etc", "US", "Canada", "Brazil", "Chile", "Mexico",
)  # fmt: skip
_KEYLIKE = LazyPattern(r"[A-Z][A-Za-z]{1,20}(?:/[A-Za-z0-9_+-]{1,40}){1,2}")
_AREA_SEP = LazyPattern(
    r"(" + "|".join(_AREAS) + r")(?:[_ -]|(?=[A-Z]))([A-Za-z][A-Za-z0-9_-]{1,40})"
)
_OFFSET = LazyPattern(r"\(?\s*(?:GMT|UTC)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\s*\)?")
_DISPLAY = LazyPattern(
    r"\(\s*(?:GMT|UTC)\s*(?:([+-])\s*(\d{1,2})(?::?(\d{2}))?)?\s*\)\s*(.{0,300})"
)


@functools.lru_cache(maxsize=1)
def city_zones() -> dict[str, str]:
    """Lower-case city (``new york``, ``san_jose``) → IANA key, for unambiguous cities."""
    seen: dict[str, str | None] = {}
    for key in sorted(zone_keys().values()):
        if "/" not in key or key.startswith(
            ("Etc/", "SystemV/", "US/", "Canada/", "Antarctica/", "Arctic/")
        ):
            continue
        city = key.rsplit("/", 1)[1].lower()
        for form in {city, city.replace("_", " "), city.replace("_", "")}:
            seen[form] = None if form in seen and seen[form] != key else key
    return {city: key for city, key in seen.items() if key}


@functools.lru_cache(maxsize=1)
def _windows() -> dict[str, str]:
    """Windows zone names (lower case) → IANA: icalendar's table (CLDR's windowsZones)."""
    return {name.lower(): olson for name, olson in windows_table().items()}


#: The file of the Windows table in the package's ``data/``, written when the package is built.
WINDOWS_FILE = "windows-zones.tsv"


def windows_table(folder: str | None = None) -> dict[str, str]:
    """Windows zone name -> IANA zone: icalendar's ``WINDOWS_TO_OLSON`` (CLDR's windowsZones).

    Read from ``seminorm/data/windows-zones.tsv``, which :func:`write_windows_table`
    writes from icalendar's table when the package is built (``setup.py``): importing
    icalendar's module imports the whole icalendar package first (some 55 ms, more than a
    small calendar's whole conversion) for one dictionary. When that file is absent (an
    editable install whose build step could not import icalendar), icalendar's module
    itself. ``folder``: the package folder whose ``data/`` is read (default: this one's).
    """
    import os

    if folder is None:
        folder = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(folder, "data", WINDOWS_FILE)
    table: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                name, tab, olson = line.rstrip("\n").partition("\t")
                if tab and name and not name.startswith("#"):
                    table[name] = olson
    except (OSError, UnicodeDecodeError):
        table = {}
    if table:
        return table
    try:
        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
    except ImportError:  # pragma: no cover - icalendar is a dependency
        return {}
    return dict(WINDOWS_TO_OLSON)


def write_windows_table(folder: str) -> int:
    """Write icalendar's Windows table into ``folder``'s ``data/`` (the package being built,
    by ``setup.py``); the number of names. Raises ImportError without icalendar."""
    import os

    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    rows = sorted((str(k), str(v)) for k, v in WINDOWS_TO_OLSON.items())
    if any(c in "\t\n" for row in rows for c in "".join(row)) or any(
        k.startswith("#") for k, _ in rows
    ):
        raise ValueError("a Windows zone name the table's format cannot hold")
    path = os.path.join(folder, "data", WINDOWS_FILE)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# Windows zone name -> IANA zone: icalendar's WINDOWS_TO_OLSON, written at build time\n"
        )
        fh.writelines(f"{k}\t{v}\n" for k, v in rows)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return len(rows)


def iana_key(name: str) -> str | None:
    """The IANA key spelled ``name`` (any case), or None.

    >>> iana_key("europe/zurich")
    'Europe/Zurich'
    """
    if name.strip().lower() in UTC_ALIASES:
        return "UTC"
    return _iana_key(name)


def windows_zone(name: str) -> str | None:
    """The IANA zone for a Windows zone name (``Pacific Standard Time``), or None."""
    return _windows().get(name.strip().lower())


def name_to_iana(tzid: str) -> str | None:
    """The IANA zone a TZID names, read from the name alone, or None."""
    name = tzid.strip().strip('"').strip()
    if not name:
        return None
    key = iana_key(name)
    if key:
        return key
    olson = windows_zone(name)
    if olson:
        return olson
    if "/" in name:  # /vendor/.../Area/City: the longest suffix that is a key
        parts = [p for p in name.split("/") if p]
        for i in range(1, len(parts)):
            key = iana_key("/".join(parts[i:]))
            if key and "/" in key:
                return key
    for m in _KEYLIKE.finditer(name):
        key = iana_key(m.group())
        if key:
            return key
    m2 = _AREA_SEP.search(name)
    if m2:
        key = iana_key(f"{m2.group(1)}/{m2.group(2)}")
        if key:
            return key
    return _display_name(name)


_CITY_LIST_SEPARATOR = LazyPattern(r",|\band\b|/|;")


def _display_name(name: str) -> str | None:
    """``(UTC+01:00) Amsterdam, Berlin, ...`` or just the city list."""
    offset: int | None = None
    rest = name
    m = _DISPLAY.match(name)
    if m:
        sign, hours, minutes, rest = m.groups()
        if hours is not None:
            offset = (int(hours) * 60 + int(minutes or 0)) * (-1 if sign == "-" else 1)
        else:
            offset = 0
    rest = rest.strip().rstrip(".").strip()
    lowered = rest.lower().replace(" and ", " & ")
    if lowered in DISPLAY_NAMES:
        return DISPLAY_NAMES[lowered]
    olson = windows_zone(rest)
    if olson:
        return olson
    cities = city_zones()
    found: list[str] = []
    for part in _CITY_LIST_SEPARATOR.split(lowered)[:40]:
        city = part.strip(" .").replace("-", " ")
        key = cities.get(city) or cities.get(city.replace(" ", "_"))
        if key and (offset is None or _standard_offset(key) == offset):
            found.append(key)
    windows = set(_windows().values())  # the zone Windows itself names for the list
    return next((k for k in found if k in windows), found[0] if found else None)


def _standard_offset(key: str) -> int:
    """The smaller of a zone's January and July offsets, in minutes (its standard time)."""
    tz = ZoneInfo(key)
    year = datetime.now(UTC).year
    offsets = [datetime(year, m, 15, 12, tzinfo=UTC).astimezone(tz).utcoffset() for m in (1, 7)]
    return min(int(o.total_seconds()) // 60 for o in offsets if o is not None)


def offset_zone(tzid: str) -> str | None:
    """A fixed-offset ``Etc/GMT±N`` zone for ``GMT+0100``-style names (whole hours only).

    >>> offset_zone("GMT+0100")
    'Etc/GMT-1'
    >>> offset_zone("UTC-05:00")
    'Etc/GMT+5'
    """
    m = _OFFSET.fullmatch(tzid.strip().strip('"'))
    if m is None:
        return None
    sign, hours, minutes = m.groups()
    if int(minutes or 0) or int(hours) > 14:
        return None
    h = int(hours)
    if h == 0:
        return "UTC"
    return f"Etc/GMT{'-' if sign == '+' else '+'}{h}"


# --- custom VTIMEZONEs -------------------------------------------------------------------------


def _samples(offset_at: Callable[[datetime], int | None], years: Sequence[int]) -> list[datetime]:
    """Instants to compare zones at: noon UTC of every day, and every 15 minutes around
    each day on which the zone changes its offset."""
    start = datetime(years[0], 1, 1, 12, tzinfo=UTC)
    days = (datetime(years[-1], 12, 31, 12, tzinfo=UTC) - start).days + 1
    daily = [start + timedelta(days=i) for i in range(days)]
    out = list(daily)
    previous = offset_at(daily[0])
    for moment in daily[1:]:
        current = offset_at(moment)
        if current != previous:
            base = moment - timedelta(days=1)
            out.extend(base + timedelta(minutes=15 * k) for k in range(1, 96))
        previous = current
    return out


def _offset(moment: datetime, tz: tzinfo) -> int | None:
    try:
        off = moment.astimezone(tz).utcoffset()
    except (ValueError, OverflowError, TypeError, IndexError, KeyError):
        return None
    return None if off is None else int(off.total_seconds())


def _same_offsets(
    samples: list[datetime], zone: tzinfo, wanted: list[timedelta | None], target: list[int | None]
) -> bool:
    """True when ``zone`` has offset ``target`` (``wanted``, as timedeltas) at every sample;
    the offsets are compared as zoneinfo gives them, without a call per sample."""
    try:
        return [s.astimezone(zone).utcoffset() for s in samples] == wanted
    except (ValueError, OverflowError, TypeError, IndexError, KeyError):
        return [_offset(s, zone) for s in samples] == target


_TZOFFSET = LazyPattern(r"([+-])(\d{2})(\d{2})(\d{2})?")


def _seconds(text: str) -> int | None:
    m = _TZOFFSET.fullmatch(text.strip())
    if m is None:
        return None
    sign, h, mi, sec = m.groups()
    value = int(h) * 3600 + int(mi) * 60 + int(sec or 0)
    return -value if sign == "-" else value


def _supersede(
    eras: list[tuple[str, datetime, list[tuple[datetime, int, int]]]],
) -> list[tuple[datetime, int, int]]:
    """Merge the parts' transitions; a STANDARD (DAYLIGHT) part that starts later ends the
    rule of the earlier STANDARD (DAYLIGHT) part, as Outlook's multi-era zones mean it."""
    from bisect import bisect_right

    firsts: dict[str, list[datetime]] = {}
    for kind, first, _ in eras:
        firsts.setdefault(kind, []).append(first)
    for starts in firsts.values():
        starts.sort()
    changes: list[tuple[datetime, int, int]] = []
    for kind, first, items in eras:
        starts = firsts[kind]  # the next later start of the same kind, by bisection
        i = bisect_right(starts, first)
        stop = starts[i] if i < len(starts) else None
        changes.extend(c for c in items if stop is None or c[0] < stop)
    changes.sort()
    return changes


def vtimezone_offsets(
    lines: list[str], years: Iterable[int]
) -> Callable[[datetime], int | None] | None:
    """The offset function (UTC instant → seconds) of a VTIMEZONE over ``years``, or None."""
    span = sorted({min(max(y, 1971), 2036) for y in years}) or [2024]
    try:
        return _vtimezone_offsets(lines, (span[0] - 1, span[-1] + 1))
    except (ValueError, TypeError, OverflowError):
        return None


_RRULE_COUNT = LazyPattern(r"(?i)COUNT=")
_RRULE_INTERVAL = LazyPattern(r"(?i)INTERVAL=(\d{1,4})")
_RRULE_MONTHLY = LazyPattern(r"(?i)FREQ=MONTHLY")


def _near(first: datetime, lo: datetime, rule_text: str) -> datetime:
    """A rule's start moved, by whole periods, to just before ``lo``.

    A yearly (or monthly) rule gives the same onsets from a start some whole
    number of its periods later, so a zone written from 1601 or year 1 is not
    walked century by century. Counted rules (``COUNT``) are left as they are.
    """
    if first.year >= lo.year - 1 or _RRULE_COUNT.search(rule_text):
        return first
    m = _RRULE_INTERVAL.search(rule_text)
    interval = max(1, int(m.group(1))) if m else 1
    years = lo.year - 1 - first.year
    if _RRULE_MONTHLY.search(rule_text):
        step = interval // math.gcd(interval, 12)  # whole years that are whole periods
    else:
        step = interval
    skip = (years // step) * step
    try:
        return first.replace(year=first.year + skip)
    except ValueError:  # 29 February
        return first


_RRULE_YEARLY_OR_MONTHLY = LazyPattern(r"(?i)FREQ=(?:YEARLY|MONTHLY)\b")
_RRULE_SEVERAL_TIMES_A_DAY = LazyPattern(r"(?i)BY(?:HOUR|MINUTE|SECOND)=[^;]*,")


def _vtimezone_offsets(
    lines: list[str], years: Sequence[int]
) -> Callable[[datetime], int | None] | None:
    """The offset function of a VTIMEZONE (its content lines) over ``years``.

    Each STANDARD/DAYLIGHT part is expanded (RRULE, RDATE) only over the
    years asked for, so a part starting in 1601 costs no more than one
    starting last year.
    """
    from bisect import bisect_right

    from dateutil.rrule import rrulestr

    lo = datetime(years[0] - 1, 1, 1)
    hi = datetime(years[-1] + 1, 12, 31)
    eras: list[tuple[str, datetime, list[tuple[datetime, int, int]]]] = []
    kind = ""
    part: dict[str, str] = {}
    rdates: list[str] = []
    for line in lines:
        name, _, value = line.partition(":")
        key = name.split(";", 1)[0].upper()
        if key == "BEGIN" and value.upper() in ("STANDARD", "DAYLIGHT"):
            part, rdates, kind = {}, [], value.upper()
        elif key == "END" and value.upper() in ("STANDARD", "DAYLIGHT"):
            onset = part.get("DTSTART", "")[:15]
            before, after = (
                _seconds(part.get("TZOFFSETFROM", "")),
                _seconds(part.get("TZOFFSETTO", "")),
            )
            if after is None:
                return None
            before = after if before is None else before
            try:
                first = (
                    datetime.strptime(onset, "%Y%m%dT%H%M%S")
                    if "T" in onset
                    else datetime.strptime(onset[:8], "%Y%m%d")
                )
            except ValueError:
                return None
            onsets = [first]
            if "RRULE" in part:
                rule_text = part["RRULE"]
                if not _RRULE_YEARLY_OR_MONTHLY.search(
                    rule_text
                ) or _RRULE_SEVERAL_TIMES_A_DAY.search(rule_text):
                    # zone rules change once or twice a year; a rule firing every
                    # second from year 1 would never end
                    return None
                rule = rrulestr(rule_text, dtstart=_near(first, lo, rule_text), ignoretz=True)
                prior = rule.before(lo)
                onsets = ([prior] if prior else []) + list(rule.between(lo, hi, inc=True))
                if not onsets and first > hi:
                    onsets = [first]
            for rdate in rdates:
                for item in rdate.split(","):
                    try:
                        onsets.append(datetime.strptime(item.strip()[:15], "%Y%m%dT%H%M%S"))
                    except ValueError:
                        continue
            eras.append(
                (kind, first, [(o - timedelta(seconds=before), before, after) for o in onsets])
            )
        elif key == "RDATE":
            rdates.append(value)
        elif key in ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE"):
            part[key] = value.strip()
    changes = _supersede(eras)
    if not changes:
        return None
    instants = [c[0] for c in changes]

    def offset_at(moment: datetime) -> int | None:
        i = bisect_right(instants, moment.replace(tzinfo=None))
        return changes[0][1] if i == 0 else changes[i - 1][2]

    return offset_at


def _pick(candidates: Iterable[str], hints: Sequence[str], static: bool = False) -> str:
    pool = sorted(set(candidates))
    for hint in hints:
        if hint in pool:
            return hint
    fixed = [k for k in pool if k.startswith("Etc/GMT") or k == "UTC"]
    if static and fixed:  # a zone without DST and no name for it: say just the offset
        return "UTC" if "UTC" in fixed else fixed[0]
    for key in PREFERRED:
        if key in pool:
            return key
    windows = set(_windows().values())
    canonical = [k for k in pool if k in windows and "/" in k and not k.startswith("Etc/")]
    regional = [k for k in pool if "/" in k and not k.startswith(("Etc/", "US/", "SystemV/"))]
    return (canonical or regional or pool)[0]


def _candidate_keys() -> tuple[str, ...]:
    """Every IANA zone key a custom VTIMEZONE is compared with."""
    return tuple(
        key
        for key in zone_keys().values()
        if not key.startswith(("SystemV/", "posix/", "right/"))
        and key not in ("Factory", "localtime")
    )


@functools.cache
def _loaded(key: str) -> ZoneInfo:
    """A zone loaded for the comparison, kept for the process (``ZoneInfo`` keeps only the
    last few it loaded: each distinct custom zone would read their files again)."""
    return ZoneInfo(key)


@functools.lru_cache(maxsize=1)
def _offset_index() -> dict[str, frozenset[int] | None]:
    """Every candidate zone's UTC offsets (seconds), read from its TZif file's header
    without loading the zone (None: a file this cannot read; that zone is loaded)."""
    return {key: _tzif_offsets(_tzif_bytes(key)) for key in _candidate_keys()}


def _tzif_bytes(key: str) -> bytes:
    """The TZif file ``ZoneInfo(key)`` reads: the first in ``zoneinfo.TZPATH``, else the
    ``tzdata`` package's (b"" when neither has it)."""
    import os
    import zoneinfo

    for folder in zoneinfo.TZPATH:
        try:
            with open(os.path.join(folder, key), "rb") as fh:
                return fh.read(1 << 20)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            continue  # zoneinfo looks in the next folder
        except OSError:
            return b""
    try:
        from importlib.resources import files

        package, _, name = ("tzdata.zoneinfo/" + key).rpartition("/")
        return files(package.replace("/", ".")).joinpath(name).read_bytes()
    except (ImportError, OSError, ValueError):
        return b""


#: The start of a POSIX TZ string (a TZif footer): standard name and offset, then the
#: daylight name and its offset (one hour ahead when not written), then the rules.
_POSIX_TZ = LazyPattern(
    rb"(?:[A-Za-z]{3,}|<[^>]{1,20}>)(?P<std>[+-]?\d{1,3}(?::\d{1,2}){0,2})"
    rb"(?:(?P<dst>[A-Za-z]{3,}|<[^>]{1,20}>)(?P<dstoff>[+-]?\d{1,3}(?::\d{1,2}){0,2})?)?"
)


def _posix_seconds(text: bytes) -> int:
    """A POSIX TZ string's offset (hours west, ``-5:45``) as UTC offset seconds (east)."""
    sign = 1 if text.startswith(b"-") else -1
    parts = [int(p) for p in text.lstrip(b"+-").split(b":")] + [0, 0]
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _tzif_offsets(data: bytes) -> frozenset[int] | None:
    """The UTC offsets a TZif file (RFC 8536) can give: its local time types, and the
    standard and daylight offsets of its footer's POSIX TZ string (version 2 and later).

    >>> _tzif_offsets(b"TZif2" + bytes(15) + bytes(24) + bytes(20)
    ...               + (0).to_bytes(4, "big") * 4 + (1).to_bytes(4, "big") + (4).to_bytes(4, "big")
    ...               + (19800).to_bytes(4, "big") + b"\\0\\0" + b"IST\\0" + b"\\n<+0545>-5:45\\n")
    frozenset({19800, 20700})
    """
    import struct

    def block(at: int, width: int) -> tuple[set[int], int]:
        isut, isstd, leap, count, types, chars = struct.unpack(">6l", data[at + 20 : at + 44])
        first = at + 44 + count * width + count
        found = {
            struct.unpack(">l", data[first + 6 * i : first + 6 * i + 4])[0] for i in range(types)
        }
        return found, first + types * 6 + chars + leap * (width + 4) + isstd + isut

    try:
        if data[:4] != b"TZif":
            return None
        offsets, end = block(0, 4)
        if data[4:5] >= b"2":
            offsets, end = block(end, 8)
            footer = data[end:].strip(b"\n")
            if footer:
                m = _POSIX_TZ.match(footer)
                if m is None:
                    return None
                standard = _posix_seconds(m.group("std"))
                offsets.add(standard)
                if m.group("dst"):
                    daylight = m.group("dstoff")
                    offsets.add(_posix_seconds(daylight) if daylight else standard + 3600)
    except (struct.error, ValueError):
        return None
    return frozenset(offsets)


def _is_candidate(key: str) -> bool:
    """True when ``key`` is one of :func:`_candidate_keys` (without listing them)."""
    if key.startswith(("SystemV/", "posix/", "right/")) or key in ("Factory", "localtime"):
        return False
    return _iana_key(key) == key


@functools.lru_cache(maxsize=128)
def _match(text: str, years: tuple[int, ...], hints: tuple[str, ...]) -> tuple[str | None, str]:
    try:
        offset_at = _vtimezone_offsets(text.split("\r\n"), years)
    except (ValueError, TypeError, OverflowError):
        offset_at = None
    if offset_at is None:
        return None, "its VTIMEZONE cannot be read"
    samples = _samples(offset_at, years)
    target = [offset_at(s) for s in samples]
    wanted = [None if t is None else timedelta(seconds=t) for t in target]
    static = len(set(target)) == 1
    # A dozen samples spread over the years: a zone that differs at one of them is out
    # before it is compared at every sample.
    probe = list(range(0, len(samples), max(1, len(samples) // 12)))

    def agrees(zone: tzinfo) -> bool:
        return all(_offset(samples[i], zone) == target[i] for i in probe)

    # The zones _pick would prefer among the exact matches, tried alone first: the
    # first of them that matches is its answer, without loading every zone.
    for key in hints if static else (*hints, *PREFERRED):
        if _is_candidate(key):
            zone = _loaded(key)
            if agrees(zone) and _same_offsets(samples, zone, wanted, target):
                return key, ""
    # Only the zones whose offsets (read from their files' headers) include every offset
    # of the probe are loaded and compared.
    needed = {target[i] for i in probe}
    pool: list[tuple[str, ZoneInfo]] = []
    for key, offsets in _offset_index().items():
        if offsets is not None and not needed <= offsets:
            continue
        zone = _loaded(key)
        if agrees(zone):
            pool.append((key, zone))
    exact = [key for key, zone in pool if _same_offsets(samples, zone, wanted, target)]
    if exact:
        return _pick(exact, hints, static=static), ""
    if pool:
        return _pick([k for k, _ in pool], hints), "closest"
    return None, "no IANA zone has its offsets"


def match_vtimezone(
    lines: list[str], years: Iterable[int], hints: Sequence[str] = ()
) -> tuple[str | None, str]:
    """The IANA zone equivalent to a VTIMEZONE (its content lines) over ``years``.

    Return ``(zone, note)``: ``note`` is ``""`` for an exact match,
    ``"closest"`` when only the seasons' offsets agree, else why nothing
    matched. Among equivalent zones the first of ``hints`` (X-LIC-LOCATION,
    X-WR-TIMEZONE, names in the TZID, the event's own evidence) wins, then
    :data:`PREFERRED`, then a zone Windows names.
    """
    span = sorted({min(max(y, 1971), 2036) for y in years}) or [2024]
    wanted = tuple(range(span[0] - 1, span[-1] + 2))
    text = "BEGIN:VCALENDAR\r\n" + "\r\n".join(lines) + "\r\nEND:VCALENDAR\r\n"
    return _match(text, wanted, tuple(hints))


def vtimezone_is_static(lines: list[str]) -> bool:
    """True when a VTIMEZONE declares DAYLIGHT but never changes its offset (a bogus one)."""
    offsets = {line.split(":", 1)[1].strip() for line in lines if line.startswith("TZOFFSET")}
    return any(line == "BEGIN:DAYLIGHT" for line in lines) and len(offsets) <= 1
