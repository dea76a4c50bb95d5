"""The zones of one VCALENDAR: its VTIMEZONEs, ``X-WR-TIMEZONE``, TZIDs mapped to IANA.

:meth:`CalendarScope.resolve` applies the TZID precedence of docs/ics.md
(IANA name, Windows and vendor names, the calendar's VTIMEZONE matched to
IANA, offset names), once per TZID per calendar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ...plain import Plain
from .lex import Component, unquote
from .values import unescape


class CalendarScope(Plain):
    """What one VCALENDAR tells its events: its zones and ``X-WR-TIMEZONE``."""

    __slots__ = ("cache", "offsets", "parent", "vtimezones", "xwr", "xwr_raw")

    def __init__(
        self,
        vtimezones: dict[str, Component] | None = None,
        xwr: str | None = None,
        xwr_raw: str | None = None,
        parent: CalendarScope | None = None,
        cache: dict[str, tuple[str | None, str]] | None = None,
        offsets: dict[str, Callable[[datetime], int | None]] | None = None,
    ) -> None:
        self.vtimezones: dict[str, Component] = {} if vtimezones is None else vtimezones
        self.xwr = xwr
        self.xwr_raw = xwr_raw
        self.parent = parent
        self.cache: dict[str, tuple[str | None, str]] = {} if cache is None else cache
        #: Offset functions of custom VTIMEZONEs no IANA zone matches.
        self.offsets: dict[str, Callable[[datetime], int | None]] = (
            {} if offsets is None else offsets
        )

    @classmethod
    def loose(cls, roots: list[Component]) -> CalendarScope:
        """The scope of bare components: every VTIMEZONE in the file."""
        scope = cls()
        for root in roots:
            for comp in root.walk():
                if comp.name == "VTIMEZONE":
                    tzid = comp.first("TZID")
                    if tzid is not None:
                        scope.vtimezones.setdefault(clean_tzid(unescape(tzid.value)[0]), comp)
        return scope

    @classmethod
    def of(cls, cal: Component, loose: CalendarScope) -> CalendarScope:
        from ...zones.tzid import name_to_iana

        scope = cls(parent=loose)
        for child in cal.children:
            if child.name == "VTIMEZONE":
                tzid = child.first("TZID")
                if tzid is not None:
                    scope.vtimezones[clean_tzid(unescape(tzid.value)[0])] = child
        xwr = cal.first("X-WR-TIMEZONE")
        if xwr is not None and xwr.value.strip():
            scope.xwr_raw = xwr.value.strip()
            scope.xwr = name_to_iana(xwr.value)
        return scope

    def vtimezone(self, tzid: str) -> Component | None:
        found = self.vtimezones.get(tzid)
        if found is None and self.parent is not None:
            return self.parent.vtimezone(tzid)
        return found

    def resolve(
        self, tzid: str, years: list[int], hints: Callable[[], list[str]]
    ) -> tuple[str | None, str]:
        """``(IANA zone or None, note)`` for a TZID; the note says what was repaired.

        ``hints`` gives zones the event's own evidence points to, asked for
        only when a custom VTIMEZONE has several equivalent IANA zones.
        """
        key = clean_tzid(tzid)
        if key not in self.cache:
            self.cache[key] = self._resolve(key, years, hints)
        return self.cache[key]

    def _resolve(
        self, tzid: str, years: list[int], hints: Callable[[], list[str]]
    ) -> tuple[str | None, str]:
        from ...zones.tzid import iana_key, match_vtimezone, name_to_iana, offset_zone
        from ...zones.tzid import vtimezone_is_static as static

        exact = iana_key(tzid)
        if exact:
            return (
                exact,
                "" if exact == tzid or exact == "UTC" else f"read TZID {tzid!r} as {exact}",
            )
        named = name_to_iana(tzid)
        if named:
            return named, f"mapped TZID {tzid!r} to {named}"
        vtz = self.vtimezone(tzid)
        if vtz is not None:
            lines = vtz.lines()
            if static(lines) and self.xwr:
                return (
                    self.xwr,
                    f"ignored the VTIMEZONE {tzid!r} (no real DST) for X-WR-TIMEZONE {self.xwr}",
                )
            location = vtz.first("X-LIC-LOCATION")
            # a TZNAME that names a zone ("Eastern Standard Time"), not an abbreviation
            # ("CET" and "EST" are legacy IANA keys, never the zone to pick)
            names = [
                n for p in vtz.walk_props("TZNAME") if "/" in (n := name_to_iana(p.value) or "")
            ]
            prefer = [
                name_to_iana(location.value) if location else None,
                self.xwr,
                *hints(),
                *names,
            ]
            zone, note = match_vtimezone(lines, years, [z for z in prefer if z])
            if zone:
                how = " (closest match)" if note else ""
                return zone, f"matched the VTIMEZONE {tzid!r} to {zone}{how}"
            if self.xwr:
                return (
                    self.xwr,
                    f"VTIMEZONE {tzid!r} matches no zone ({note}); used X-WR-TIMEZONE {self.xwr}",
                )
            from ...zones.tzid import vtimezone_offsets

            offsets = vtimezone_offsets(lines, years)
            if offsets is not None:
                self.offsets[tzid] = offsets
                return None, (
                    f"VTIMEZONE {tzid!r} matches no IANA zone; "
                    "times converted to UTC with its own offsets"
                )
        fixed = offset_zone(tzid)
        if fixed:
            return fixed, f"mapped TZID {tzid!r} to {fixed}"
        return None, f"unknown TZID {tzid!r}: times read as floating"


def clean_tzid(tzid: str) -> str:
    return unquote(tzid.strip()).strip()
