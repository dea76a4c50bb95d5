"""Weekly recurrence written in words: "every Wednesday at 4 pm", "jeden Donnerstag um 17 Uhr".

A weekday is recurring when a word before it says so (``every``, ``each``,
``jeden``, ``tous les``, ``chaque``, ``todos los``, ``ogni``, ``elke``,
``varje``…, :attr:`seminorm.lang.Vocabulary.every_weekday`) or when it is
written in the plural (``Wednesdays``, ``mittwochs``, ``les mardis``,
``onsdagar``, ``às terças-feiras``). ``every other`` / ``jeden zweiten``
(:attr:`~seminorm.lang.Vocabulary.every_other`) make it fortnightly; a
list (``Mondays and Thursdays``) names several days. The phrase holds a
time when a time of day follows it closely on its line (``every Wednesday
at 4 pm``, ``les mardis à 14h``) or comes right before it (``at 4 pm every
Wednesday``).

The engine (:mod:`seminorm.engine.recur`) turns such a phrase into one
recurring event, and only when the text names no dated occurrence.

>>> from seminorm.rules.times import find_times
>>> text = "We meet every Wednesday at 4 pm in Room 2."
>>> [(w.days, w.interval, w.time.start) for w in find_weekly(text, find_times(text))]
[((2,), 1, (4, 0))]
>>> text = "Wir treffen uns jeden zweiten Donnerstag um 17 Uhr."
>>> [(w.days, w.interval, w.rrule) for w in find_weekly(text, find_times(text))]
[((3,), 2, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH')]
>>> text = "Mondays and Thursdays, 10:00-11:30"
>>> [w.rrule for w in find_weekly(text, find_times(text))]
['FREQ=WEEKLY;BYDAY=MO,TH']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from seminorm.patterns import LazyPattern

from ..lang import alternation, merged, words
from ..plain import NamedTuple
from .timematch import TimeMatch

#: RFC 5545 day codes, Monday first.
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

#: Plural endings of weekday names (en/de/fr/pt ``-s``, sv ``-ar``, nl ``-en``), and pt's ``-feiras``.
_PLURAL = r"(?P<pl>s|ar|en)?(?:-feiras?)?"


def _weekday_pattern() -> str:
    from .monthnames import WEEKDAY_RE

    cue = alternation(merged("every_weekday"))
    other = alternation(merged("every_other"))
    one = rf"(?:(?P<cue>{cue})[ \t]+(?:(?P<other>{other})[ \t]+)?)?(?P<day>{WEEKDAY_RE}){_PLURAL}"
    return rf"(?i)(?<![\w'’])(?:{one})(?![\w'’-])"


#: One recurring weekday (a cue before it, or written in the plural).
WEEKDAY_PHRASE = LazyPattern(_weekday_pattern)
#: What may join weekdays of one list: "Mondays and Thursdays", "lundis et jeudis".
_JOIN = LazyPattern(lambda: rf"(?i)[ \t]*(?:,|&|/|\+|{words('conjunctions')})[ \t]*")
#: What may stand between the phrase and its time on the line ("at", "um", "à", "a las", ",").
_GAP_AFTER = LazyPattern(r"[^.;:!?\n]{0,30}")
_GAP_BEFORE = LazyPattern(r"[^.;:!?\n\d]{0,20}")


class Weekly(NamedTuple):
    """A weekly recurrence: its days (0 = Monday), interval, the phrase's span and its time."""

    days: tuple[int, ...]
    interval: int
    span: tuple[int, int]
    time: TimeMatch

    @property
    def rrule(self) -> str:
        """The RFC 5545 rule: ``FREQ=WEEKLY;BYDAY=WE`` (``INTERVAL=2`` when fortnightly)."""
        every = f";INTERVAL={self.interval}" if self.interval > 1 else ""
        return f"FREQ=WEEKLY{every};BYDAY=" + ",".join(BYDAY[d] for d in self.days)


def _day_of(m: re.Match[str]) -> int | None:
    """The weekday of one phrase, when it reads as recurring."""
    from .monthnames import weekday_number

    day = weekday_number(m.group("day"))
    if day is None:
        return None
    if m.group("cue"):
        return day
    # no cue: only a full name in the plural ("Wednesdays", "mittwochs"), never "Thurs"
    if m.group("pl") and len(m.group("day")) >= 5:
        return day
    return None


def find_weekly(text: str, times: Sequence[TimeMatch]) -> list[Weekly]:
    """Every weekly phrase of ``text`` that holds a time of day (see the module docstring).

    Linear in the text: each phrase finds its time by bisection among the
    times' offsets.
    """
    out: list[Weekly] = []
    pos = 0
    talk_times = [t for t in times if not t.conversion]
    offsets = [t.span[0] for t in talk_times]
    while True:
        m = WEEKDAY_PHRASE.search(text, pos)
        if m is None:
            return out
        pos = m.end()
        first = _day_of(m)
        if first is None:
            continue
        days = [first]
        interval = 2 if m.group("other") else 1
        end = m.end()
        for _ in range(6):  # a list of weekdays: "Mondays, Wednesdays and Fridays"
            j = _JOIN.match(text, end)
            n = WEEKDAY_PHRASE.match(text, j.end()) if j else None
            if n is None:
                break
            day = _day_of(n) if n.group("cue") or n.group("pl") else None
            if day is None:
                from .monthnames import weekday_number

                day = weekday_number(n.group("day"))  # "Mondays and Thursday"
            if day is None:
                break
            days.append(day)
            end = n.end()
        pos = end
        tm = _time_near(text, m.start(), end, talk_times, offsets)
        if tm is None:
            continue
        out.append(Weekly(tuple(sorted(set(days))), interval, (m.start(), end), tm))


def _time_near(
    text: str, start: int, end: int, times: Sequence[TimeMatch], offsets: Sequence[int]
) -> TimeMatch | None:
    """The time right after the phrase on its line, else the one right before it."""
    import bisect

    gap = _GAP_AFTER.match(text, end)
    reach = gap.end() if gap else end
    k = bisect.bisect_left(offsets, end)
    if k < len(times) and times[k].span[0] <= reach:
        return times[k]
    k = bisect.bisect_left(offsets, start) - 1
    while k >= 0 and times[k].span[1] > start:
        k -= 1  # a time that overlaps the phrase is none before it
    if k >= 0:
        t = times[k]
        g = _GAP_BEFORE.match(text, t.span[1])
        if g is not None and g.end() >= start:
            return t
    return None
