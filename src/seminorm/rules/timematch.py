"""A time of day as a rule found it: :class:`TimeMatch`.

Takes nothing; gives the record :mod:`.times` finds and :mod:`.timetail`
completes (the zone and duration written after it).
"""

from __future__ import annotations

from ..plain import NamedTuple


class TimeMatch(NamedTuple):
    """A time of day (or range) as written.

    ``meridiem`` is the start's am/pm, stated or spread from the end;
    ``end_meridiem`` the end's. ``clock24`` is True when the form shows a
    24-hour clock (``08:00``, ``14h``, ``18 Uhr``, ``alle 17``): then hours are
    taken as they are. ``zone_text`` is a zone written right after the time
    (``CET``, ``Jerusalem``, ``(UTC+2)``, ``Eastern Time``); ``conversion``
    marks a time that restates an earlier one in another place (``11am in
    Chicago`` after ``noon Eastern Time``).
    """

    span: tuple[int, int]
    start: tuple[int, int]
    end: tuple[int, int] | None = None
    meridiem: str | None = None
    end_meridiem: str | None = None
    has_colon: bool = False
    duration_minutes: int | None = None
    zone_text: str | None = None
    rule: str = ""
    clock24: bool = False
    conversion: bool = False
