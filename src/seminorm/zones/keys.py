"""IANA zone keys: the one lookup of a zone name spelled in any case.

Takes a name (``europe/zurich``, ``Europe/Zurich``, ``W. Europe``); gives the
IANA key this system knows (:func:`iana_key`) or None, and the list of every
key (:func:`zone_keys`). Used by the ICS reader, the text rules and ``--tz``.
"""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import ZoneInfo

from seminorm.patterns import LazyPattern

#: What an IANA key can be made of (``America/Argentina/Buenos_Aires``, ``Etc/GMT+5``).
_KEY_CHARS = LazyPattern(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")


@lru_cache(maxsize=1)
def zone_keys() -> dict[str, str]:
    """Every IANA key of this system by its lower-case spelling.

    Built once per process, and slow (10 to 30 ms): listing the zones opens
    every file under the zone folders. :func:`iana_key` needs it only for a
    name not spelled exactly.
    """
    from zoneinfo import available_timezones

    return {key.lower(): key for key in available_timezones()}


@lru_cache(maxsize=1024)
def iana_key(name: str) -> str | None:
    """The IANA key spelled ``name`` in any case (``europe/zurich``), or None.

    A name spelled exactly is looked up alone (``ZoneInfo`` reads that one
    file); a name that cannot be a key (spaces, dots) is refused at once.

    >>> iana_key("Europe/Zurich"), iana_key("europe/zurich"), iana_key("W. Europe")
    ('Europe/Zurich', 'Europe/Zurich', None)
    """
    name = name.strip()
    if len(name) > 100 or not _KEY_CHARS.fullmatch(name) or name == "posixrules":
        return None  # posixrules opens, but is no zone (nor in the list)
    if _exact_spelling_only():
        try:
            ZoneInfo(name)
            return name
        except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
            pass
    return zone_keys().get(name.lower())


@lru_cache(maxsize=1)
def _exact_spelling_only() -> bool:
    """True when the zone files are found only by their exact spelling.

    Then a name ``ZoneInfo`` opens is the key itself; on a file system that
    ignores case (macOS, Windows) ``europe/zurich`` would open too, and only
    the list of keys gives its spelling.
    """
    import os
    from zoneinfo import TZPATH

    for root in TZPATH:
        if os.path.isfile(os.path.join(root, "UTC")):
            return not os.path.exists(os.path.join(root, "utc"))
    return False
