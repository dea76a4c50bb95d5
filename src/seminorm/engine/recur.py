"""A weekly meeting with no dates: one recurring event.

"Every Wednesday at 4 pm", "jeden Donnerstag um 17 Uhr", "les mardis à 14h"
in a text that names no dated occurrence give one event with an ``RRULE``
(``FREQ=WEEKLY;BYDAY=WE``), starting at the first occurrence on or after the
reference date, with a ``recurrence-inferred`` warning. The other fields
are read from the whole text as for one talk. When the text names dated
occurrences, those are the events and no rule is inferred.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from seminorm.patterns import LazyPattern

from ..model import Event, Provenance
from ..plain import replace
from .doc import Doc

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..rules.weekly import Weekly


def weekly_event(doc: Doc) -> Event | None:
    """The recurring event of a text that states a weekly time and no date, or None."""
    from ..rules.weekly import find_weekly

    found = find_weekly(doc.text, doc.times)
    if not found:
        return None
    weekly = found[0]
    reference = doc.ctx.reference_date(doc.hints.document_date)
    first = first_occurrence(reference, weekly.days)
    return _assembled(doc, weekly, first)


def first_occurrence(reference: date, days: tuple[int, ...]) -> date:
    """The first of ``days`` (0 = Monday) on or after ``reference``.

    >>> first_occurrence(date(2025, 2, 1), (2,))  # a Saturday; the next Wednesday
    datetime.date(2025, 2, 5)
    >>> first_occurrence(date(2025, 2, 5), (2,))  # that Wednesday itself
    datetime.date(2025, 2, 5)
    >>> first_occurrence(date(2025, 2, 6), (0, 3))  # Thursday: Thursday, before Monday
    datetime.date(2025, 2, 6)
    """
    return min(reference + timedelta(days=(d - reference.weekday()) % 7) for d in days)


def _assembled(doc: Doc, weekly: Weekly, first: date) -> Event | None:
    import bisect

    from ..rules.when import When
    from .assemble import assemble, time_parts
    from .segment import Record, Segmentation

    start_t, end_t, zone, source = time_parts(doc, weekly.time)
    start = datetime.combine(first, start_t)
    end = datetime.combine(first, end_t) if end_t is not None else None
    if end is not None and end <= start:
        end += timedelta(days=1)
    line = bisect.bisect_right(doc.starts, weekly.span[0])  # 1-based
    span = (min(weekly.span[0], weekly.time.span[0]), max(weekly.span[1], weekly.time.span[1]))
    moment = When(
        start=start,
        end=end,
        timezone=zone,
        all_day=False,
        line=line,
        span=span,
        source=doc.text,
        date_span=weekly.span,
        time_span=weekly.time.span,
        zone_source=source,
        rule="weekly: first occurrence on or after the reference date",
    )
    whens = sorted([*doc.whens, moment], key=lambda w: w.line)
    rec = doc.seg.records[0] if doc.seg.records else Record(0, max(len(doc.lines) - 1, 0))
    rec = Record(min(rec.first, line - 1), max(rec.last, line - 1))
    one = Doc(
        text=doc.text,
        lines=doc.lines,
        whens=whens,
        seg=Segmentation([rec], rec.first, "single"),
        ctx=doc.ctx,
        hints=doc.hints,
        zone_guess=doc.zone_guess,
        times=doc.times,
    )
    ev = assemble(one, rec)
    if ev is None or ev.start != _aware(start, ev):
        return None
    phrase = " ".join(doc.text[span[0] : span[1]].split())
    reference = doc.ctx.reference_date(doc.hints.document_date)
    ev = replace(ev, rrule=weekly.rrule).warn(
        "recurrence-inferred",
        f"'{phrase}' names no date: one weekly event ({weekly.rrule}) from its first "
        f"occurrence on or after {reference.isoformat()}",
        "rrule",
    )
    return ev.explained(
        {
            "rrule": Provenance(
                source=f"line {line}", text=phrase, rule="weekly recurrence", inferred=True
            )
        }
    )


def _aware(start: datetime, ev: Event) -> object:
    """``start`` as the event holds it (in its zone when it has one)."""
    if isinstance(ev.start, datetime) and ev.start.tzinfo is not None and start.tzinfo is None:
        return start.replace(tzinfo=ev.start.tzinfo)
    return start


#: Words that make a range of days a daily series: "daily", "täglich", "tous les jours".
DAILY_CUE = LazyPattern(
    r"(?i)\b(?:daily|each\s+day|every\s+day|monday\s+(?:to|through|-|–)\s+friday|"
    r"täglich|jeden\s+tag|montag\s+bis\s+freitag|tous\s+les\s+jours|chaque\s+jour|"
    r"du\s+lundi\s+au\s+vendredi|todos\s+los\s+días|cada\s+día|de\s+lunes\s+a\s+viernes|"
    r"ogni\s+giorno|tutti\s+i\s+giorni|da\s+lunedì\s+a\s+venerdì|todos\s+os\s+dias|"
    r"diariamente|dagelijks|elke\s+dag|dagligen|varje\s+dag)\b"
)


def daily_events(doc: Doc, ev: Event) -> list[Event]:
    """A lecture series over a range of days, "daily": one event per day.

    ("March 10 - 14, daily from 10 to 11:30 am", "10.-14. März, täglich
    10-11:30 Uhr", "du 10 au 14 mars, tous les jours de 10h à 11h30"): when
    the chosen time's date is a range of at most 31 days and a daily cue
    stands on its line or the next, each day of the range is an event with
    the same time, fields and provenance (the start's says which day of the
    range it is).
    """
    from ..rules.dates import find_dates

    chosen = next(iter(doc.chosen.values()), None) if len(doc.chosen) == 1 else None
    span = getattr(chosen, "date_span", None)
    if chosen is None or span is None or not isinstance(ev.start, datetime):
        return [ev]
    match = next((d for d in find_dates(doc.text) if d.start == span[0]), None)
    if match is None or match.until is None:
        return [ev]
    line_start = doc.text.rfind("\n", 0, span[0]) + 1
    line_end = doc.text.find("\n", span[1])
    line_end = doc.text.find("\n", line_end + 1) if line_end >= 0 else -1
    around = doc.text[line_start : line_end if line_end >= 0 else len(doc.text)]
    if not DAILY_CUE.search(around):
        return [ev]
    first = ev.start.date()
    month, day = match.until
    try:
        last = date(first.year + (1 if month < first.month else 0), month, day)
    except ValueError:
        return [ev]
    days = (last - first).days
    if not 1 <= days <= 31:
        return [ev]
    out = [ev]
    prov = ev.provenance.get("start")
    for k in range(1, days + 1):
        shift = timedelta(days=k)
        start = _same_wall_time(ev.start, shift)
        end = _same_wall_time(ev.end, shift) if isinstance(ev.end, datetime) else ev.end
        copy = replace(ev, start=start, end=end)
        if prov is not None:
            copy = copy.explained(
                {
                    "start": Provenance(
                        source=prov.source,
                        text=prov.text,
                        rule=f"{prov.rule}; day {k + 1} of the daily range to {last.isoformat()}",
                        inferred=True,
                    )
                }
            )
        out.append(copy)
    return out


def _same_wall_time(moment: datetime, shift: timedelta) -> datetime:
    """The same wall-clock time ``shift`` later, in the moment's own zone (across a DST change)."""
    wall = moment.replace(tzinfo=None) + shift
    zone = moment.tzinfo
    if zone is None:
        return wall
    if hasattr(zone, "key"):
        return wall.replace(tzinfo=zone)
    return moment + shift
