"""Dates, times and zones combined into moments: :func:`find_when`.

Every date found by :mod:`.dates` is paired with the times of :mod:`.times`
that belong to it: on its own line (after it, or before it when no other date
is nearer), else on the next lines up to ``FOLLOW_LINES`` (the ``Date: …`` /
``Time: …`` blocks), never across another date; a time on a labeled line
whose date is on the very next line, without a time of its own (``Time: 4pm``
/ ``Date: May 16``), goes to that date when no date is within 2 lines above. A date with no time gives an
all-day candidate (``all_day=True``) with a low score; the caller decides.

Document-level decisions (documented in ``docs/rules-when.md``) are taken in
:mod:`.whendoc`: the order of numeric dates, the year of dates that state
none, weekdays that contradict the stated year.

Zones: a zone written with the time (``stated``) > the first of
``hint_zones`` (``document``) > ``default_tz`` (``default``) > none
(floating, naive datetimes).

>>> from datetime import date
>>> w = find_when("Tuesday, May 4, 2021, 4:00-5:30 PM CET", reference=date(2021, 4, 1), default_tz=None)[0]
>>> (w.start.isoformat(), w.end.isoformat(), w.timezone, w.zone_source)
('2021-05-04T16:00:00+02:00', '2021-05-04T17:30:00+02:00', 'Europe/Berlin', 'stated')
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from seminorm.model import Notice
from seminorm.patterns import LazyPattern

from ..plain import NamedTuple
from ..zones.data import ABBREVIATIONS
from . import fold
from .dates import DateMatch, find_dates
from .times import TimeMatch, find_times, resolve_meridiem
from .whendoc import DocDates, relative_dates, settle_dates
from .zones import check_dst, offset_zone, parse_offset, zone_for_name

FOLLOW_LINES = 8
_RFC_ZONE = LazyPattern(r"[+\-−]\d{4}")
_RANGE_SEP = LazyPattern(
    r"[ \t]{0,3}(?:-|–|—|to|until|till|through|thru|bis|au|al|a|–)[ \t]{0,3}(?:the[ \t]+)?$", re.I
)
_LOW_CONTEXT_WORDS = (
    r"(?:^[ \t>]*(?:date|received|sent|envoyé|gesendet|datum|fecha|data|verzonden|skickat|enviado|"
    r"inviato|sendt)[ \t]*:[ \t]*[a-zé]{2,9}\.?,|"
    # headers flattened into one line: "From: X Sent: Tuesday, March 5, 2024 10:12 AM To: …"
    r"\b(?:sent|envoyé|gesendet|enviado|verzonden|skickat)[ \t]*:|\bfrom:[^\n]{0,120}\bdate:|"
    r"posted|updated|wrote:|a écrit|schrieb|escribió|ha scritto|"
    r"last\s+(?:modified|updated)|published|mise\s+à\s+jour|actualizaci[oó]n|aktualisiert|"
    r"zuletzt\s+geändert|publicado|atualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt|"
    r"publicerad|uppdaterad|更新日|最終更新|投稿日|公開日|发布时间|發佈時間|发布日期|更新时间|"
    r"작성일|등록일|수정일|עדכון|נוצר|^From\s)"
)
_LOW_CONTEXT = LazyPattern("(?i)" + _LOW_CONTEXT_WORDS)
# its twin (see .fold): the same, for the lower-cased text
fold.set_twin(_LOW_CONTEXT.pattern, _LOW_CONTEXT_WORDS.replace("^From", "^from"))


class When(NamedTuple):
    """A moment (or day) found in a text, resolved.

    ``start``/``end`` are aware datetimes when the zone is known, naive when
    floating, dates for all-day candidates. ``line`` is the 1-based line of
    the date; ``span`` covers the date and its time; ``conversion`` marks a
    restatement of another candidate in another zone.
    """

    start: datetime | date
    end: datetime | date | None
    timezone: str | None
    all_day: bool
    line: int
    span: tuple[int, int]
    #: the whole text the span is in: shared by every candidate, never copied
    #: (a copy per candidate grows with the square of the input)
    source: str
    date_span: tuple[int, int]
    time_span: tuple[int, int] | None
    zone_source: str | None
    notices: tuple[Notice, ...] = ()
    rule: str = ""
    score: float = 1.0
    conversion: bool = False

    @property
    def text(self) -> str:
        """The words the moment was read from: the date, its time and what lies between."""
        return self.source[self.span[0] : self.span[1]]


_NEWLINE = LazyPattern("\n")


class _Lines:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def of(self, pos: int) -> int:
        """0-based line index of offset ``pos``."""
        return bisect.bisect_right(self.starts, pos) - 1


_LABEL = LazyPattern(r"[ \t>*•\-]{0,4}[^\W\d][\w .&/]{1,24}:")


def _is_labeled(lines: _Lines, ln: int) -> bool:
    """``Time: 4pm``: the line starts with a label."""
    return _LABEL.match(lines.text, lines.starts[ln]) is not None


def _pair(dates: list[DateMatch], times: list[TimeMatch], lines: _Lines) -> dict[int, list[int]]:
    """``{date index: [time indexes]}``: each time goes to at most one date."""
    out: dict[int, list[int]] = {i: [] for i in range(len(dates))}
    dline = [lines.of(d.start) for d in dates]
    line_dates: dict[int, list[int]] = {}
    line_ends: dict[int, list[int]] = {}
    for i, ln in enumerate(dline):
        line_dates.setdefault(ln, []).append(i)
        line_ends.setdefault(ln, []).append(dates[i].end)
    time_lines = {lines.of(t.span[0]) for t in times if not t.conversion}
    for k, t in enumerate(times):
        if t.conversion:
            continue
        tl = lines.of(t.span[0])
        same = line_dates.get(tl)
        if same:
            n = bisect.bisect_right(line_ends[tl], t.span[0]) if len(same) > 1 else 0
            out[same[n - 1] if n else same[0]].append(k)
            continue
        back = next((b for b in range(1, FOLLOW_LINES + 1) if (tl - b) in line_dates), None)
        if back is not None and back > 2 and _head_date(lines, tl - back, dates, line_dates):
            back = None  # a page's dateline (its posting date) lends no time to the prose below
        ahead = next((a for a in (1, 2) if (tl + a) in line_dates), None)
        forward = ahead == 1 and (back is None or back > 2) and _is_labeled(lines, tl)
        if ahead is not None and forward and (tl + ahead) not in time_lines:
            out[line_dates[tl + ahead][0]].append(k)  # "Time: 4pm" above "Date: May 16"
        elif back is not None:
            out[line_dates[tl - back][-1]].append(k)
    return out


def _head_date(
    lines: _Lines, ln: int, dates: list[DateMatch], line_dates: dict[int, list[int]]
) -> bool:
    """A date alone on one of the text's first lines, with more dates in the prose: a dateline."""
    if len(line_dates) < 2 or len(line_dates[ln]) != 1:
        return False
    text = lines.text
    first = next(
        (
            k
            for k in range(len(lines.starts))
            if text[lines.starts[k] : lines.starts[k] + 200].strip()
        ),
        0,
    )
    if ln - first > 1:
        return False
    if not _alone(lines, ln, dates[line_dates[ln][0]]):
        return False
    # a listing's day headings are each alone on their lines: then this is one of them
    return not any(
        len(ix) == 1 and _alone(lines, other, dates[ix[0]])
        for other, ix in line_dates.items()
        if other != ln
    )


def _alone(lines: _Lines, ln: int, d: DateMatch) -> bool:
    text = lines.text
    stop = lines.starts[ln + 1] if ln + 1 < len(lines.starts) else len(text)
    return text[lines.starts[ln] : stop].strip(" \t\n*#>|-") == text[d.start : d.end].strip(" *")


def find_when(
    text: str,
    *,
    reference: date,
    default_tz: str | None,
    date_order: str = "auto",
    hint_zones: tuple[str, ...] = (),
) -> list[When]:
    """Every dated moment in ``text``, in text order (see the module doc).

    >>> from datetime import date
    >>> [str(w.start) for w in find_when("Le mardi 19 décembre à 10h", reference=date(2023, 12, 1),
    ...                                  default_tz="Europe/Paris")]
    ['2023-12-19 10:00:00+01:00']
    """
    dates = _with_relative(find_dates(text), relative_dates(text, reference), text)
    if not dates:
        return []
    times = _outside(find_times(text), dates)
    lines = _Lines(text)
    doc = settle_dates(dates, reference=reference, zone_hint=_zone_hint(times, default_tz, hint_zones),
                       date_order=date_order, term=_term(text, dates))  # fmt: skip
    pairs = _pair(dates, times, lines)
    doc_zones = _DocZones(text)
    out: list[When] = []
    skip: set[int] = set()
    for i, d in enumerate(dates):
        if i in skip:
            continue
        day = doc.days[i]
        if day is None:
            continue
        notes = doc.notices[i]
        end_day: date | None = doc.until[i]
        j = i + 1
        gap = (
            text[d.end : dates[j].start]
            if j < len(dates) and dates[j].start - d.end <= 12
            else None
        )
        if gap is not None and doc.days[j] is not None and not pairs[i] and _RANGE_SEP.match(gap):
            other = doc.days[j]
            if other is not None and d.year is None and dates[j].year is not None:
                # "May 4 – May 6, 2021": the year written once, at the end
                same = _in_year(
                    day, other.year - (1 if (day.month, day.day) > (other.month, other.day) else 0)
                )
                if same is not None:
                    day = same
                    notes = tuple(n for n in notes if n.code != "year-inferred")
            if other is not None and day < other <= day + timedelta(days=62):
                end_day, skip = other, skip | {j}
                pairs[i] = pairs[j]
        if not pairs[i]:
            out.append(_all_day(text, d, day, end_day, lines, notes))
            continue
        for k in pairs[i]:
            w = _timed(text, d, day, times[k], lines, notes, default_tz, hint_zones, doc_zones)
            if w is not None:
                out.append(w)
    return _merge_adjacent(out, text)


def _term(text: str, dates: list[DateMatch]) -> date | None:
    """The document's term (:func:`.whendoc.term_anchor`), looked for only when a date lacks its year."""
    if all(d.year is not None for d in dates):
        return None
    from .whendoc import term_anchor

    return term_anchor(text)


def _with_relative(dates: list[DateMatch], rel: list[DateMatch], text: str = "") -> list[DateMatch]:
    """Stated dates, plus the relative ones that do not overlap them.

    A relative word on a line that states a date is no date of its own:
    ``November 18: Why Magic is Still Relevant Today`` is November 18.
    """
    if not rel:
        return dates
    keep: list[DateMatch] = []
    k = 0
    for r in rel:  # both lists are in text order: one sweep
        while k < len(dates) and dates[k].end <= r.start:
            k += 1
        if k < len(dates) and dates[k].start < r.end:
            continue
        if text and _stated_on_line(text, r, dates, k):
            continue
        keep.append(r)
    return sorted(dates + keep, key=lambda d: d.start)


def _stated_on_line(text: str, r: DateMatch, dates: list[DateMatch], k: int) -> bool:
    """Whether a stated date (``dates[k - 1]`` or ``dates[k]``) shares ``r``'s line."""
    start = text.rfind("\n", 0, r.start) + 1
    stop = text.find("\n", r.end)
    stop = len(text) if stop < 0 else stop
    return any(0 <= j < len(dates) and start <= dates[j].start < stop for j in (k - 1, k))


def _in_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:
        return None


def _outside(times: list[TimeMatch], dates: list[DateMatch]) -> list[TimeMatch]:
    """The times that do not overlap a date (both lists are in text order)."""
    out: list[TimeMatch] = []
    k = 0
    for t in times:
        while k < len(dates) and dates[k].end <= t.span[0]:
            k += 1
        if k < len(dates) and dates[k].start < t.span[1]:
            continue
        out.append(t)
    return out


def _zone_hint(
    times: list[TimeMatch], default_tz: str | None, hint_zones: tuple[str, ...]
) -> str | None:
    for t in times:
        if t.zone_text and not t.conversion:
            z = zone_for_name(t.zone_text, hint_zones=hint_zones)
            if z:
                return z
    return hint_zones[0] if hint_zones else default_tz


def _score(text: str, d: DateMatch, lines: _Lines, timed: bool) -> float:
    ln = lines.of(d.start)
    start = lines.starts[ln]
    stop = lines.starts[ln + 1] if ln + 1 < len(lines.starts) else len(text)
    s = 1.0 if timed else 0.3
    if d.rule == "date/relative":
        s -= 0.2  # "today", "next Tuesday": true only relative to the right reference
    if fold.search(_LOW_CONTEXT.compiled, text[start : min(stop, start + 200)]):
        s = 0.1 if not timed else 0.2
    return s


def _timed_score(
    text: str, d: DateMatch, t: TimeMatch, lines: _Lines, end: datetime | None
) -> float:
    if t.zone_text and _RFC_ZONE.fullmatch(t.zone_text):
        return 0.1  # "Thu, 3 May 2001 08:41:15 -0700": an e-mail or mbox stamp
    return _score(text, d, lines, True) + (0.3 if end is not None else 0.0)


def _all_day(text: str, d: DateMatch, day: date, end_day: date | None, lines: _Lines,
             notes: tuple[Notice, ...]) -> When:  # fmt: skip
    end = end_day + timedelta(days=1) if end_day else None
    return When(
        start=day, end=end, timezone=None, all_day=True, line=lines.of(d.start) + 1,
        span=d.span, source=text, date_span=d.span, time_span=None,
        zone_source=None, notices=notes, rule=d.rule, score=_score(text, d, lines, False),
    )  # fmt: skip


def _timed(text: str, d: DateMatch, day: date, t: TimeMatch, lines: _Lines, notes: tuple[Notice, ...],
           default_tz: str | None, hint_zones: tuple[str, ...], doc_zones: _DocZones) -> When | None:  # fmt: skip
    h, mi = resolve_meridiem(*t.start, t.meridiem, t)
    if h == 24:
        h, day = 0, day + timedelta(days=1)
    start = datetime.combine(day, datetime.min.time()).replace(hour=h, minute=mi)
    end: datetime | None = None
    if t.end is not None:
        eh, em = resolve_meridiem(*t.end, t.end_meridiem, t)
        if t.end_meridiem is None and not t.clock24 and (eh, em) < (h, mi) and eh < 12:
            eh += 12
        end = datetime.combine(day, datetime.min.time()) + timedelta(hours=eh, minutes=em)
        if end <= start:
            if (start - end) > timedelta(hours=12):
                end += timedelta(days=1)  # crosses midnight: 22:00-01:00
            else:
                start, end = end, start  # "20:30 - 19:00": a range copied right-to-left
    elif t.duration_minutes:
        end = start + timedelta(minutes=t.duration_minutes)
    zone, source, znotes = _zone(t, start, default_tz, hint_zones, doc_zones)
    if zone is not None:
        tz = ZoneInfo(zone)
        start = start.replace(tzinfo=tz)
        end = end.replace(tzinfo=tz) if end is not None else None
    a, b = min(d.start, t.span[0]), max(d.end, t.span[1])
    return When(
        start=start, end=end, timezone=zone, all_day=False, line=lines.of(d.start) + 1,
        span=(a, b), source=text, date_span=d.span, time_span=t.span, zone_source=source,
        notices=notes + znotes, rule=f"{d.rule}+{t.rule}", score=_timed_score(text, d, t, lines, end),
        conversion=t.conversion,
    )  # fmt: skip


class _DocZones:
    """The zones the document's evidence points to, computed once, on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._zones: tuple[str, ...] | None = None

    def zones(self) -> tuple[str, ...]:
        if self._zones is None:
            from ..zones.evidence import evidence

            found = evidence(self.text)
            self._zones = tuple(sorted(found, key=lambda z: -len(found[z])))
        return self._zones


def _zone(t: TimeMatch, local: datetime, default_tz: str | None, hint_zones: tuple[str, ...],
          doc_zones: _DocZones) -> tuple[str | None, str | None, tuple[Notice, ...]]:  # fmt: skip
    hints = tuple(z for z in (*hint_zones, default_tz) if z)
    if t.zone_text:
        off = parse_offset(t.zone_text)
        if off is not None:
            # "14:00 (UTC+2)" at a Cape Town seminar: the zone with that offset that day
            for h in (*hints, *doc_zones.zones()):
                o = ZoneInfo(h).utcoffset(local)
                if o is not None and int(o.total_seconds()) // 60 == off:
                    return h, "stated", ()
            return offset_zone(off), "stated", ()
        ab = ABBREVIATIONS.get(t.zone_text.upper()) if t.zone_text.isupper() else None
        if ab is not None and ab.ambiguous:
            # IST, CST, BST: the document's own evidence (Bangalore, .il) before --tz
            hints = (*hint_zones, *doc_zones.zones(), *hints)
        zone = zone_for_name(t.zone_text, hint_zones=hints)
        if zone is None and ab is not None and ab.ambiguous:
            zone = ab.zones[0]
            amb = (f"'{t.zone_text}' can mean {', '.join(ab.zones)}; read as {zone} "
                   "(nothing in the document settles it)")  # fmt: skip
            return zone, "stated", (Notice(code="tz-ambiguous", message=amb, field="timezone"),)
        if zone == "UTC" and t.zone_text.upper() == "GMT":
            # "14:00 GMT" at a British venue in winter: London's own time
            for h in hints:
                o = ZoneInfo(h).utcoffset(local)
                if o is not None and not o:
                    return h, "stated", ()
        if zone is not None:
            msg = check_dst(t.zone_text, zone, local) if ab is not None else None
            notes = (Notice(code="tz-dst-mismatch", message=msg, field="timezone"),) if msg else ()
            return zone, "stated", notes
    if hint_zones:
        return hint_zones[0], "document", ()
    if default_tz:
        return default_tz, "default", ()
    return None, None, ()


_RANGE_JOINER = LazyPattern(r"[ \t]{0,3}(?:-|–|—|to|until|bis)?[ \t]{0,3}")


def _merge_adjacent(ws: list[When], text: str) -> list[When]:
    """``2022-03-08 18:00:00 2022-03-08 19:30:00``: a start and an end written as two moments."""
    out: list[When] = []
    for w in ws:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.all_day
            and not w.all_day
            and prev.end is None
            and w.end is None
            and isinstance(prev.start, datetime)
            and isinstance(w.start, datetime)
            and (prev.start.tzinfo is None) == (w.start.tzinfo is None)
            and prev.start < w.start <= prev.start + timedelta(hours=12)
            and prev.span[1] <= w.date_span[0] <= prev.span[1] + 12
            and _RANGE_JOINER.fullmatch(text[prev.span[1] : w.span[0]])
        ):
            out[-1] = When(
                start=prev.start, end=w.start, timezone=prev.timezone, all_day=False, line=prev.line,
                span=(prev.span[0], w.span[1]), source=text,
                date_span=prev.date_span, time_span=prev.time_span, zone_source=prev.zone_source,
                notices=prev.notices, rule=prev.rule, score=prev.score + 0.3, conversion=prev.conversion,
            )  # fmt: skip
            continue
        out.append(w)
    return out


__all__ = ["DocDates", "When", "find_when"]
