"""Put one record's facts together into an :class:`~seminorm.model.Event`.

Each field has a documented order of sources (``docs/extraction.md``);
the first that gives a value wins, and its provenance is recorded.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

from ..model import Event, Notice, Provenance
from ..plain import replace
from ..rules import fold
from ..rules.times import find_times, resolve_meridiem
from ..rules.zones import zone_for_name
from ..zones.policy import default_zone
from .candidates import key_of
from .doc import Doc, line_provenance
from .fields import (
    Value,
    clean_series,
    labeled,
)
from .header import NO_EVENT, NO_TALK_DAY, read_header
from .segment import FIELD_LINE, NOT_A_TALK, SERIES_CUE, Record
from .timepick import NOT_THE_TALK, TALK_CUES, has_time, pick, score
from .where import (
    pick_abstract,
    pick_description,
    pick_location,
    pick_online_and_links,
    pick_organizer,
    stated_status,
)
from .who import pick_series, pick_speakers, pick_title

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..rules.timematch import TimeMatch
    from ..rules.when import When

#: A start or end as the date rules give it: aware or floating, or a day.
Moment = datetime | date


def assemble(doc: Doc, rec: Record) -> Event | None:
    """The event of one record, or None when it has no time."""
    when = _when(doc, rec)
    if when is None:
        return None
    ev, chosen = when
    if doc.shared and _not_a_talk(doc, rec):
        return None  # a programme's coffee break, lunch, welcome or closing
    if rec.slot is None:
        ev = _one_talk_or_two(doc, rec, ev)
    doc.chosen[rec.first] = chosen
    head = " ".join(ln.text for ln in doc.lines[rec.first : min(rec.last, rec.first + 2) + 1])
    if NO_EVENT.search(head) or (doc.shared and _break_only(doc, rec)):
        return None
    labels = labeled(doc.lines, rec.first, rec.last)
    if ev.end is None and isinstance(ev.start, datetime) and "duration" in labels:
        ev = _with_duration(doc, ev, labels["duration"][0])
    text = doc.span_text(rec.first, rec.last)
    header = read_header(doc, rec)

    key = key_of(ev.start)
    speakers, sp_prov, series_from = pick_speakers(doc, rec, labels, header, text, key)
    names = tuple(p.name for p in speakers)
    affiliations = tuple(p.affiliation for p in speakers if p.affiliation)
    location = pick_location(doc, rec, labels, header, text, key)
    places = (location.name,) if location is not None and location.name else ()
    title, title_prov = pick_title(doc, rec, labels, header, text, key, names, affiliations, places)
    series = clean_series(pick_series(doc, rec, labels, header, title) or series_from)
    if title and series and _series_line(title, series):
        title = None
    online, links = pick_online_and_links(doc, rec, text)
    abstract = pick_abstract(doc, rec, labels, title)
    status = stated_status(doc, rec)
    organizer = doc.hints.organizer
    if organizer is None:
        organizer = pick_organizer(labels, doc.prelude)

    ev = replace(
        ev,
        title=title,
        series=series,
        speakers=tuple(speakers),
        location=location,
        online=online,
        links=tuple(links),
        abstract=abstract,
        description=pick_description(text),
        organizer=organizer,
        status=status,
    )
    provs = {}
    if title_prov:
        provs["title"] = title_prov
    if sp_prov:
        provs["speakers"] = sp_prov
    ev = ev.explained(provs)
    return ev.explained(_explain_rest(doc, rec, ev, chosen))


def _not_a_talk(doc: Doc, rec: Record) -> bool:
    """Whether a programme item is a break, a meal, an opening: its words after the time say so.

    A slot's item is the rest of its line (else the next line); a labelled
    row's item is the value of a line of its first four that names nothing
    but such a pause (``Content: Coffee Break``).
    """
    if rec.slot is not None:
        start = doc.starts[rec.first]
        raw = doc.lines[rec.first].raw
        item = raw[max(0, rec.slot.span[1] - start) :].strip(" \t-–—•·|:*")
        if not item and rec.last > rec.first:
            item = doc.lines[rec.first + 1].text
        item = " ".join(item.split())
        # "18:45 drinks in the lobby / 19:30 the talk": an evening's agenda in lower case
        return bool(NOT_A_TALK.match(item)) or item[:1].islower()
    for ln in doc.lines[rec.first : min(rec.last, rec.first + 3) + 1]:
        value = ln.label[1] if ln.label else ln.text
        if ln.label is None and FIELD_LINE.match(value):
            value = value.split(":", 1)[1].strip()
        if value and NOT_A_TALK.match(value) and (ln.label is None or ln.label[0] != "time"):
            return True
    return False


def _break_only(doc: Doc, rec: Record) -> bool:
    """A listing's entry that names only a break or a holiday ("March 11: Spring break").

    The entry line after its date says nothing else, and nothing but one
    more line stands under it.
    """
    if rec.entry_date_line is None or rec.slot is not None:
        return False
    whens = doc.whens_by_line.get(rec.entry_date_line)
    if not whens:
        return False
    line = rec.entry_date_line
    cut = max(0, whens[0].date_span[1] - doc.starts[line])
    rest = doc.lines[line].raw[cut:]
    if not NO_TALK_DAY.match(rest.strip(" \t:-–—|*")):
        return False
    filled = sum(1 for ln in doc.lines[rec.first : rec.last + 1] if not ln.blank)
    return filled <= 2


def _one_talk_or_two(doc: Doc, rec: Record, ev: Event) -> Event:
    """Another time of a talk in the record ("his second talk at 5 pm"): say it may be two talks.

    A time with no date of its own, after a talk word on its line (``talk``,
    ``lecture``, ``starts``, ``Vortrag``…), not the refreshments', that is
    neither the chosen start nor its end, may be a second talk the text did
    not set apart: the event keeps the chosen time and gets ``time-conflict``
    naming both, unless it has one already.
    """
    import bisect

    if not isinstance(ev.start, datetime) or any(w.code == "time-conflict" for w in ev.warnings):
        return ev
    starts = doc.starts
    lo = starts[rec.first] if rec.first < len(starts) else len(doc.text)
    hi = starts[rec.last + 1] if rec.last + 1 < len(starts) else len(doc.text)
    weighed = doc.paired_time_spans
    chosen = {(ev.start.hour, ev.start.minute)}
    if isinstance(ev.end, datetime):
        chosen.add((ev.end.hour, ev.end.minute))
    others: list[str] = []
    where = ""
    offsets = doc.time_offsets
    inside = doc.times[bisect.bisect_left(offsets, lo) : bisect.bisect_left(offsets, hi)]
    for t in inside:
        if t.conversion:
            continue
        st, _, _, _ = time_parts(doc, t)
        line = bisect.bisect_right(starts, t.span[0])
        if (st.hour, st.minute) == (ev.start.hour, ev.start.minute):
            where = where or f"; time on line {line}"
        if t.span in weighed or (st.hour, st.minute) in chosen:
            continue
        line_start = doc.text.rfind("\n", 0, t.span[0]) + 1
        before = doc.text[max(line_start, t.span[0] - 40) : t.span[0]]
        if not fold.search(TALK_CUES, before) or fold.search(NOT_THE_TALK, before):
            continue
        chosen.add((st.hour, st.minute))
        others.append(f"{st.strftime('%H:%M')} (also; line {line}: '{doc.flat[line - 1][:60]}')")
    if not others:
        return ev
    message = (
        f"the text gives another time of a talk; one talk or two? kept one event: "
        f"{ev.start.strftime('%Y-%m-%d %H:%M')} (chosen{where}); " + "; ".join(others)
    )
    return ev.warn("time-conflict", message, "start")


def _with_duration(doc: Doc, ev: Event, value: Value) -> Event:
    """The end a labelled duration gives (``Durée : environ 1 heure``), when it reads as one."""
    from ..rules.timetail import labelled_duration

    minutes = labelled_duration(value.text)
    if minutes is None or not isinstance(ev.start, datetime):
        return ev
    line = doc.lines[value.index]
    ev = replace(ev, end=ev.start + timedelta(minutes=minutes))
    return ev.explained({"end": line_provenance(line.index, line.text, "label:duration")})


def _explain_rest(doc: Doc, rec: Record, ev: Event, chosen: When) -> dict[str, Provenance]:
    """Provenance for the fields whose rule did not record its own."""
    provs: dict[str, Provenance] = {}
    found: dict[str, tuple[str | None, str]] = {
        "series": (ev.series, "series"),
        "location": (ev.location.name if ev.location else None, "place"),
        "online": (
            (ev.online.url or ev.online.meeting_id) if ev.online else None,
            "meeting",
        ),
        "abstract": (ev.abstract[:60] if ev.abstract else None, "abstract"),
    }
    for name, (value, rule) in found.items():
        if value and name not in ev.provenance:
            provs[name] = _locate(doc, rec, value, rule)
    start = ev.provenance.get("start")
    if ev.end is not None and start is not None and "end" not in ev.provenance:
        provs["end"] = start
    if ev.timezone and start is not None:
        source = getattr(chosen, "zone_source", None)
        if any(w.code == "tz-inferred" for w in ev.warnings):
            rule = "inferred from the document"
        elif source == "stated":
            rule = "stated with the time"
        elif doc.ctx.tz and ev.timezone == doc.ctx.tz:
            rule = "--tz"
        else:
            rule = f"zone: {source or 'document'}"
        provs["timezone"] = Provenance(source=start.source, text=start.text, rule=rule)
    if ev.organizer is not None and "organizer" not in ev.provenance:
        src = "From" if doc.hints.organizer is not None else "contact line"
        provs["organizer"] = Provenance(source=src, text=ev.organizer.email or "", rule="organizer")
    return provs


def _locate(doc: Doc, rec: Record, value: str, rule: str) -> Provenance:
    """The first line of a record (else of the text) that holds ``value``."""
    probe = " ".join(value.split())[:24]
    flat, lines = doc.flat, doc.lines
    for first, last in ((rec.first, rec.last), (0, len(lines) - 1)):
        for i in range(max(first, 0), min(last, len(lines) - 1) + 1):
            if probe and probe in flat[i]:
                if first == 0 and not rec.first <= i <= rec.last and doc.shared:
                    # a listing's fact stated once for all records: inherited from that line
                    prov = line_provenance(
                        lines[i].index, lines[i].text, f"{rule} (stated once, inherited)"
                    )
                    return Provenance(
                        source=prov.source, text=prov.text, rule=prov.rule, inferred=True
                    )
                return line_provenance(lines[i].index, lines[i].text, rule)
    return Provenance(source="text", text=value[:200], rule=rule, inferred=True)


# --- when -----------------------------------------------------------------


def _when(doc: Doc, rec: Record) -> tuple[Event, When] | None:
    lines = doc.lines
    if rec.slot is not None:
        return _slot_when(doc, rec)
    cands = [w for w in doc.whens_in(rec.first, rec.last) if not getattr(w, "conversion", False)]
    timed = [w for w in cands if has_time(w)]
    if (
        timed
        and all(getattr(w, "score", 1.0) <= 0.2 for w in timed)
        and any(
            not has_time(w) and w.start is not None and getattr(w, "score", 1.0) > 0.2
            for w in cands
        )
    ):
        # only a posting stamp has a time ("PostedBy: … on 15-Sep-92 at 15:49"): the
        # record's own date with the record's own time instead
        timed = []
    if timed:
        best, notices, borrow = pick(cands, lines, doc.text)
        if not has_time(best):
            best, notices, borrow = pick(timed, lines, doc.text)
        start, end = best.start, best.end
        start, end = _on_entry_day(doc, rec, best, start, end)
        if end is None and borrow is not None and borrow.end is not None:
            end = start + (borrow.end - borrow.start)
        if end is None and isinstance(start, datetime):
            end = _end_restated(doc, rec, start)
        ev = _event_at(doc, start, end, best.timezone, best.zone_source, best)
        for n in (*getattr(best, "notices", ()), *notices):
            ev = ev.warn(n.code, n.message, n.field)
        return ev, best
    day = _record_date(doc, rec, cands)
    if day is None:
        return None
    tm = _record_time(doc, rec)
    if tm is None:
        return None
    (start_time, end_time, zone, source), time_line = tm
    start_dt = datetime.combine(
        day.start
        if isinstance(day.start, date) and not isinstance(day.start, datetime)
        else day.start.date(),
        start_time,
    )
    end_dt = datetime.combine(start_dt.date(), end_time) if end_time is not None else None
    if end_dt is not None and end_dt <= start_dt:
        end_dt += timedelta(days=1)
    ev = _event_at(doc, start_dt, end_dt, zone, source, day)
    ev = ev.explained({"start": _inherited(doc, rec, day, time_line)})
    for n in getattr(day, "notices", ()):
        ev = ev.warn(n.code, n.message, n.field)
    return ev, day


def _on_entry_day(
    doc: Doc, rec: Record, best: When, start: Moment, end: Moment | None
) -> tuple[Moment, Moment | None]:
    """An entry's own date wins over a relative word in its text ("… Still Relevant Today").

    In a record opened by a dated entry line, a time whose date came from a
    relative word ("today", "tomorrow") on another day is put on the entry's day.
    """
    if rec.entry_date_line is None or not str(getattr(best, "rule", "")).startswith(
        "date/relative"
    ):
        return start, end
    days = [
        w.start
        for w in doc.whens_by_line.get(rec.entry_date_line, ())
        if w.start is not None and not has_time(w)
    ]
    if not days or not isinstance(start, datetime) or start.date() == days[0]:
        return start, end
    shift = datetime.combine(days[0], start.timetz()) - start.replace(tzinfo=start.tzinfo)
    moved = start + shift
    return moved, (end + shift if isinstance(end, datetime) else end)


def _inherited(doc: Doc, rec: Record, day: When, time_line: int) -> Provenance:
    """``--explain`` for a start put together from a date and a time on different lines.

    Says which line gave the date and which the time, and whether the time is
    the record's own or stated once for all (the series' time, inherited).
    """
    own = rec.first <= time_line <= rec.last
    where = "the record's own line" if own else "stated once for the series, inherited"
    date_where = "" if rec.first <= day.line - 1 <= rec.last else " (the heading above)"
    snippet = " ".join((getattr(day, "text", "") or "").split())
    rule = (
        f"{getattr(day, 'rule', 'when')}: date from line {day.line}{date_where}; "
        f"time from line {time_line + 1} ({where}: '{doc.flat[time_line][:80]}')"
    )
    return Provenance(source=f"line {day.line}", text=snippet, rule=rule, inferred=not own)


def _end_restated(doc: Doc, rec: Record, start: datetime) -> datetime | None:
    """``Time: 3:30`` above, ``from 3:30 to 5:00`` in the prose: the end of the same start.

    A range in the record, with no date of its own nearby, that starts at the
    chosen time gives the end.
    """
    starts = doc.starts
    lo = starts[rec.first] if rec.first < len(starts) else len(doc.text)
    hi = starts[rec.last + 1] if rec.last + 1 < len(starts) else len(doc.text)
    for t in doc.times:
        if t.end is None or getattr(t, "conversion", False) or not lo <= t.span[0] < hi:
            continue
        st, en, _, _ = time_parts(doc, t)
        if en is None or (st.hour, st.minute) != (start.hour, start.minute):
            continue
        end = datetime.combine(start.date(), en, tzinfo=start.tzinfo)
        if end <= start:
            end += timedelta(days=1)
        if end - start <= timedelta(hours=12):
            return end
    return None


def _slot_when(doc: Doc, rec: Record) -> tuple[Event, When] | None:
    """A programme slot: its own time on the date written above it."""
    above = [w for w in doc.whens if w.line - 1 <= rec.first and w.start is not None]
    if not above or rec.slot is None:
        return None
    day = above[-1]
    start_t, end_t, zone, source = time_parts(doc, rec.slot)
    d = day.start.date() if isinstance(day.start, datetime) else day.start
    start = datetime.combine(d, start_t)
    end = datetime.combine(d, end_t) if end_t is not None else None
    if end is not None and end <= start:
        end += timedelta(days=1)
    if zone is None and isinstance(day.start, datetime) and day.timezone:
        zone = day.timezone
    ev = _event_at(doc, start, end, zone, source, day)
    return ev, day


def _event_at(
    doc: Doc,
    start: Moment,
    end: Moment | None,
    zone: str | None,
    source: str | None,
    w: When,
) -> Event:
    """An event at ``start`` in ``zone``, with the zone warnings SPEC 4.4 asks for."""
    if isinstance(start, datetime) and start.tzinfo is None and zone:
        start = start.replace(tzinfo=ZoneInfo(zone))
        if isinstance(end, datetime) and end.tzinfo is None:
            end = end.replace(tzinfo=ZoneInfo(zone))
    if isinstance(start, datetime) and start.tzinfo is not None and zone is None:
        zone = getattr(start.tzinfo, "key", None)
    warnings: tuple[Notice, ...] = ()
    guess = doc.zone_guess
    if zone is None and isinstance(start, datetime):
        warnings = (
            Notice(
                code="tz-missing",
                message="no time zone stated or inferable; written as floating time; pass --tz",
                field="timezone",
            ),
        )
    elif (
        doc.ctx.tz is None
        and guess is not None
        and zone == guess.zone
        and source in (None, "default", "document", "inferred")
    ):
        warnings = (
            Notice(
                code="tz-inferred",
                message=f"no zone stated; {guess.zone} inferred from {guess.evidence}",
                field="timezone",
            ),
        )
    snippet = " ".join((getattr(w, "text", "") or "").split())
    rule = str(getattr(w, "rule", "when"))
    return Event(
        start=start,
        end=end,
        timezone=zone,
        all_day=not isinstance(start, datetime),
        warnings=warnings,
        provenance=MappingProxyType(
            {"start": Provenance(source=f"line {w.line}", text=snippet, rule=rule)}
        ),
    )


def _record_date(doc: Doc, rec: Record, cands: list[When]) -> When | None:
    """A record's date when none of its candidates has a time: its own, else the heading above."""
    dated = [w for w in cands if w.start is not None]
    if dated:
        best = max(dated, key=lambda w: (score(w, doc.lines, doc.text), -w.line))
        later = _after_dateline(doc, best, dated)
        return max(later, key=lambda w: (score(w, doc.lines, doc.text), -w.line)) if later else best
    heading = None
    for w in reversed(doc.whens_above(rec.first)):
        if getattr(w, "conversion", False):
            continue
        if not has_time(w):
            return w
        if heading is None and w.start is not None:
            heading = w
    if doc.shared and rec.slot is None:
        # a programme's rows under one dated heading ("Saturday March 4th 2023, 9am to 1pm")
        return heading
    return None


def _after_dateline(doc: Doc, best: When, dated: list[When]) -> list[When]:
    """The dates after a page's dateline that fall soon after it (the post, then the talks).

    ``martedì 5 marzo 2019`` heading a post that announces ``il 9 marzo``: the
    heading is when it was posted. Only a date alone on one of the first lines
    counts as a dateline, and only dates written below it and 1 to 90 days
    after it replace it.
    """
    lines = doc.lines
    first = next((k for k, ln in enumerate(lines) if ln.raw.strip()), 0)
    if best.line - 1 - first > 1 or not (0 < best.line <= len(lines)):
        return []
    if lines[best.line - 1].raw.strip(" \t*#>|-") != " ".join(str(best.text).split()):
        return []
    d0 = best.start.date() if isinstance(best.start, datetime) else best.start
    out = []
    for w in dated:
        d = w.start.date() if isinstance(w.start, datetime) else w.start
        if w is not best and w.line > best.line and isinstance(d, date) and 0 < (d - d0).days <= 90:
            out.append(w)
    return out


def _record_time(
    doc: Doc, rec: Record
) -> tuple[tuple[time, time | None, str | None, str | None], int] | None:
    """A time of day for a record, and its line: in the record, else shared in the prelude."""

    own = doc.span_text(rec.first, rec.last)
    found = _best_time(find_times(own), own)
    if found is None:
        return _prelude_time(doc) if doc.seg.prelude_end > 0 else None
    return time_parts(doc, found), rec.first + own.count("\n", 0, found.span[0])


def _prelude_time(
    doc: Doc,
) -> tuple[tuple[time, time | None, str | None, str | None], int] | None:
    """The time a listing's prelude states for its records (:func:`_series_time`, else its
    best time of day): the same for every record, read once per document."""
    if "prelude_time" in doc.memo:
        return doc.memo["prelude_time"]  # type: ignore[return-value]
    out = _series_time(doc)
    if out is None:
        pre = doc.span_text(0, doc.seg.prelude_end - 1)
        found = _best_time(find_times(pre), pre)
        if found is not None:
            out = time_parts(doc, found), pre.count("\n", 0, found.span[0])
    doc.memo["prelude_time"] = out
    return out


def _series_time(
    doc: Doc,
) -> tuple[tuple[time, time | None, str | None, str | None], int] | None:
    """The time a listing states once for all, when the date rules read it with a date.

    ("ab 8. Mai, jeweils um 18 Uhr"): the candidate's own time of day, which
    the date rules have already told apart from the date's numbers.
    """
    import bisect

    cands = [
        w
        for w in doc.whens_in(0, doc.seg.prelude_end - 1)
        if has_time(w) and not getattr(w, "conversion", False)
    ]
    cued = [w for w in cands if SERIES_CUE.search(w.text)]
    if not cued:
        return None
    w = max(cued, key=lambda c: score(c, doc.lines, doc.text))
    end = w.end.time() if isinstance(w.end, datetime) else None
    time_span = getattr(w, "time_span", None) or w.span
    line = bisect.bisect_right(doc.starts, time_span[0]) - 1
    start = w.start.time()  # type: ignore[attr-defined]  # has_time(w): a datetime
    return (start, end, w.timezone, w.zone_source), line


def _best_time(matches: list[TimeMatch], text: str) -> TimeMatch | None:
    best, best_score = None, -99.0
    for k, m in enumerate(matches):
        before = text[max(0, m.span[0] - 40) : m.span[0]]
        s = -0.01 * k
        if fold.search(NOT_THE_TALK, before):
            s -= 5
        if fold.search(TALK_CUES, before):
            s += 1
        if s > best_score:
            best, best_score = m, s
    return best


def time_parts(doc: Doc, m: TimeMatch) -> tuple[time, time | None, str | None, str | None]:
    """A time match as (start, end, zone, zone source): am/pm resolved, the zone stated or the default."""

    h, mi = m.start
    end_h_m = getattr(m, "end", None)
    mer = getattr(m, "meridiem", None)
    end_mer = getattr(m, "end_meridiem", None) or mer
    h, mi = resolve_meridiem(h, mi, mer, m)
    start = time(h % 24, mi)
    end = None
    if end_h_m is not None:
        eh, em = resolve_meridiem(end_h_m[0], end_h_m[1], end_mer, m)
        if end_mer is None and eh < h:
            eh += 12
        end = time(eh % 24, em)
    zone, source = None, None
    zt = getattr(m, "zone_text", None)
    if zt:
        hint = tuple(z for z in (doc.ctx.tz, doc.zone_guess.zone if doc.zone_guess else None) if z)
        zone = zone_for_name(zt, hint_zones=hint)
        source = "stated" if zone else None
    if zone is None:
        zone, _ = default_zone(doc.ctx.tz, lambda: doc.zone_guess)
        source = "default"
    return start, end, zone, source


def _series_line(title: str, series: str) -> bool:
    """The title is the series' name, alone or with the place or a note after a comma or in
    parentheses (``Journal Club, Library corner (no speaker)``): the series' line, no title."""
    t, s = title.casefold(), series.casefold()
    return t == s or (t.startswith(s) and t[len(s) : len(s) + 2].strip()[:1] in (",", "("))
