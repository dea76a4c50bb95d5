"""Put one record's facts together into an :class:`~seminorm.model.Event`.

Each field has a documented order of sources (``docs/extraction.md``);
the first that gives a value wins, and its provenance is recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from ..context import Context
from ..model import Event, Link, Location, Organizer, Provenance, Speaker
from . import Hints
from .fields import (
    CANCELLED,
    PLACE_WORDS,
    SERIES_WORDS,
    TITLE_CUES,
    Value,
    clean_series,
    clean_title,
    is_url_line,
    labeled,
    quoted_title,
    split_title_speaker,
)
from .segment import Line, Record, Segmentation
from .timepick import has_time, pick, score


@dataclass
class Doc:
    """A text being read, with what every record shares."""

    text: str
    lines: list[Line]
    whens: list[Any]
    seg: Segmentation
    ctx: Context
    hints: Hints
    zone_guess: Any = None
    chosen: dict[int, Any] = field(default_factory=dict)
    times: list[Any] = field(default_factory=list)
    _prelude: dict[str, list[Value]] | None = field(default=None, repr=False)

    def span_text(self, first: int, last: int) -> str:
        return "\n".join(ln.raw for ln in self.lines[first : last + 1])

    @property
    def prelude(self) -> dict[str, list[Value]]:
        if self._prelude is None:
            end = self.seg.prelude_end
            self._prelude = labeled(self.lines, 0, end - 1) if end > 0 else {}
        return self._prelude

    @cached_property
    def starts(self) -> list[int]:
        """The offset in ``text`` where each line starts."""
        out, pos = [], 0
        for ln in self.lines:
            out.append(pos)
            pos += len(ln.raw) + 1
        return out

    @cached_property
    def cuts(self) -> dict[int, list[tuple[int, int]]]:
        """Date and time spans by the index of the line they start on."""
        import bisect

        spans: list[tuple[int, int]] = [tm.span for tm in self.times]
        for w in self.whens:
            parts = [
                sp for sp in (getattr(w, "date_span", None), getattr(w, "time_span", None)) if sp
            ]
            spans.extend(parts or [w.span])
        out: dict[int, list[tuple[int, int]]] = {}
        for sp in spans:
            out.setdefault(bisect.bisect_right(self.starts, sp[0]) - 1, []).append(sp)
        return out

    @cached_property
    def when_lines(self) -> frozenset[int]:
        """Indexes of every line a date or time touches."""
        import bisect

        out: set[int] = set()
        for first, spans in self.cuts.items():
            for a, b in spans:
                last = bisect.bisect_right(self.starts, max(a, b - 1)) - 1
                out.update(range(first, last + 1))
        return frozenset(out)

    @cached_property
    def whens_by_line(self) -> dict[int, list[Any]]:
        out: dict[int, list[Any]] = {}
        for w in self.whens:
            out.setdefault(w.line - 1, []).append(w)
        return out

    def whens_in(self, first: int, last: int) -> list[Any]:
        """The candidates whose line is in ``first..last``, in order."""
        if last - first > len(self.whens):
            return [w for w in self.whens if first <= w.line - 1 <= last]
        return [w for i in range(first, last + 1) for w in self.whens_by_line.get(i, ())]

    @property
    def shared(self) -> bool:
        """Whether records share a prelude (a listing), rather than one talk."""
        return self.seg.shape != "single"


def assemble(doc: Doc, rec: Record) -> Event | None:
    """The event of one record, or None when it has no time."""
    when = _when(doc, rec)
    if when is None:
        return None
    ev, chosen = when
    doc.chosen[rec.first] = chosen
    head = " ".join(ln.text for ln in doc.lines[rec.first : min(rec.last, rec.first + 2) + 1])
    if NO_EVENT.search(head):
        return None
    labels = labeled(doc.lines, rec.first, rec.last)
    text = doc.span_text(rec.first, rec.last)
    header = _header(doc, rec)

    title, title_prov = _title(doc, rec, labels, header, text)
    speakers, sp_prov, series_from = _speakers(doc, rec, labels, header, text)
    series = clean_series(_series(doc, rec, labels, header, title) or series_from)
    if title and series and title.casefold() == series.casefold():
        title = None
    location = _location(doc, rec, labels, header, text)
    online, links = _online_and_links(doc, rec, text)
    abstract = _abstract(doc, rec, labels, title)
    status = "cancelled" if _cancelled(doc, rec, labels, title) else "confirmed"
    organizer = doc.hints.organizer
    if organizer is None:
        organizer = _organizer(labels, doc.prelude)

    from dataclasses import replace

    ev = replace(
        ev,
        title=title,
        series=series,
        speakers=tuple(speakers),
        location=location,
        online=online,
        links=tuple(links),
        abstract=abstract,
        description=_description(text),
        organizer=organizer,
        status=status,
    )
    if title_prov:
        ev = ev.explain("title", title_prov)
    if sp_prov:
        ev = ev.explain("speakers", sp_prov)
    return _explain_rest(doc, rec, ev, chosen)


def _explain_rest(doc: Doc, rec: Record, ev: Event, chosen: Any) -> Event:
    """Provenance for the fields whose rule did not record its own."""
    found: dict[str, tuple[str | None, str]] = {
        "series": (ev.series, "series"),
        "location": (ev.location.name if ev.location else None, "place"),
        "online": ((ev.online.url or ev.online.meeting_id) if ev.online else None, "meeting"),
        "abstract": (ev.abstract[:60] if ev.abstract else None, "abstract"),
    }
    for name, (value, rule) in found.items():
        if value and name not in ev.provenance:
            ev = ev.explain(name, _locate(doc, rec, value, rule))
    start = ev.provenance.get("start")
    if ev.end is not None and start is not None:
        ev = ev.explain("end", start)
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
        ev = ev.explain("timezone", Provenance(source=start.source, text=start.text, rule=rule))
    if ev.organizer is not None and "organizer" not in ev.provenance:
        src = "From" if doc.hints.organizer is not None else "contact line"
        ev = ev.explain(
            "organizer", Provenance(source=src, text=ev.organizer.email or "", rule="organizer")
        )
    return ev


def _locate(doc: Doc, rec: Record, value: str, rule: str) -> Provenance:
    """The first line of a record (else of the text) that holds ``value``."""
    probe = " ".join(value.split())[:24]
    for first, last in ((rec.first, rec.last), (0, len(doc.lines) - 1)):
        for ln in doc.lines[first : last + 1]:
            if probe and probe in " ".join(ln.raw.split()):
                return _prov(ln.index, ln.text, rule)
    return Provenance(source="text", text=value[:200], rule=rule, inferred=True)


# --- when -----------------------------------------------------------------


def _when(doc: Doc, rec: Record) -> tuple[Event, Any] | None:
    lines = doc.lines
    cands = [w for w in doc.whens_in(rec.first, rec.last) if not getattr(w, "conversion", False)]
    timed = [w for w in cands if has_time(w)]
    if timed:
        best, notices, borrow = pick(cands, lines, doc.text)
        if not has_time(best):
            best, notices, borrow = pick(timed, lines, doc.text)
        start, end = best.start, best.end
        if end is None and borrow is not None and borrow.end is not None:
            end = start + (borrow.end - borrow.start)
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
    start, end, zone, source = tm
    start_dt = datetime.combine(
        day.start
        if isinstance(day.start, date) and not isinstance(day.start, datetime)
        else day.start.date(),
        start,
    )
    end_dt = datetime.combine(start_dt.date(), end) if end is not None else None
    if end_dt is not None and end_dt <= start_dt:
        end_dt += timedelta(days=1)
    ev = _event_at(doc, start_dt, end_dt, zone, source, day)
    for n in getattr(day, "notices", ()):
        ev = ev.warn(n.code, n.message, n.field)
    return ev, day


def _event_at(
    doc: Doc, start: Any, end: Any, zone: str | None, source: str | None, w: Any
) -> Event:
    """An event at ``start`` in ``zone``, with the zone warnings SPEC 4.4 asks for."""
    ev = Event()
    if isinstance(start, datetime) and start.tzinfo is None and zone:
        start = start.replace(tzinfo=ZoneInfo(zone))
        if isinstance(end, datetime) and end.tzinfo is None:
            end = end.replace(tzinfo=ZoneInfo(zone))
    if isinstance(start, datetime) and start.tzinfo is not None and zone is None:
        zone = getattr(start.tzinfo, "key", None)
    from dataclasses import replace

    ev = replace(ev, start=start, end=end, timezone=zone, all_day=not isinstance(start, datetime))
    guess = doc.zone_guess
    if zone is None and isinstance(start, datetime):
        ev = ev.warn(
            "tz-missing",
            "no time zone stated or inferable; written as floating time; pass --tz",
            "timezone",
        )
    elif (
        doc.ctx.tz is None
        and guess is not None
        and zone == guess.zone
        and source in (None, "default", "document", "inferred")
    ):
        ev = ev.warn(
            "tz-inferred",
            f"no zone stated; {guess.zone} inferred from {guess.evidence}",
            "timezone",
        )
    snippet = " ".join((getattr(w, "text", "") or "").split())
    ev = ev.explain(
        "start",
        Provenance(source=f"line {w.line}", text=snippet, rule=str(getattr(w, "rule", "when"))),
    )
    return ev


def _record_date(doc: Doc, rec: Record, cands: list[Any]) -> Any | None:
    """A record's date when none of its candidates has a time: its own, else the heading above."""
    dated = [w for w in cands if w.start is not None]
    if dated:
        return max(dated, key=lambda w: (score(w, doc.lines, doc.text), -w.line))
    for w in reversed(doc.whens):
        if w.line - 1 < rec.first and not has_time(w) and not getattr(w, "conversion", False):
            return w
    return None


def _record_time(doc: Doc, rec: Record) -> tuple[time, time | None, str | None, str | None] | None:
    """A time of day for a record: in the record, else shared in the prelude."""
    from ..rules.times import find_times

    own = doc.span_text(rec.first, rec.last)
    found = _best_time(find_times(own), own)
    if found is None and doc.seg.prelude_end > 0:
        pre = doc.span_text(0, doc.seg.prelude_end - 1)
        found = _best_time(find_times(pre), pre)
    if found is None:
        return None
    return _time_parts(doc, found)


def _best_time(matches: list[Any], text: str) -> Any | None:
    from .timepick import NOT_THE_TALK, TALK_CUES

    best, best_score = None, -99.0
    for k, m in enumerate(matches):
        before = text[max(0, m.span[0] - 40) : m.span[0]]
        s = -0.01 * k
        if NOT_THE_TALK.search(before):
            s -= 5
        if TALK_CUES.search(before):
            s += 1
        if s > best_score:
            best, best_score = m, s
    return best


def _time_parts(doc: Doc, m: Any) -> tuple[time, time | None, str | None, str | None]:
    from ..rules.times import resolve_meridiem
    from ..rules.zones import zone_for_name

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
        zone = doc.ctx.tz or (doc.zone_guess.zone if doc.zone_guess else None)
        source = "default"
    return start, end, zone, source


# --- header block -----------------------------------------------------------


def _header(doc: Doc, rec: Record) -> list[tuple[str, Line]]:
    """Classify the short unlabeled lines at the top of a record.

    Kinds: ``date`` (a line a date/time touches), ``url``, ``series``,
    ``place``, ``person``, ``affil``, ``crumb``, ``aside`` (refreshments,
    receptions), ``junk`` and ``text`` (a title candidate). Stops at the
    first paragraph.
    """
    from ..rules.people import is_organization
    from .timepick import NOT_THE_TALK

    when_lines = _when_lines(doc)
    consumed = _label_value_lines(doc, rec)
    out: list[tuple[str, Line]] = []
    seen = 0
    for ln in doc.lines[rec.first : rec.last + 1]:
        if ln.blank:
            continue
        seen += 1
        if seen > 16 or len(ln.text) > 200 or _paragraph_starts(doc, ln):
            break
        if ln.label is not None:
            if ln.label[0] in ("abstract", "bio"):
                break
            out.append(("label", ln))
            continue
        if ln.index in consumed:
            continue
        t = ln.text
        words = t.split()
        kind = "text"
        if ln.index in when_lines:
            kind = "date"
        elif is_url_line(t) or ("@" in t and len(words) <= 2):
            kind = "url"
        elif _CRUMB.search(t) or len(re.split(r"\s[·|•]\s", t)) >= 3:
            kind = "crumb"
        elif (
            PLACE_WORDS.search(t)
            and re.search(r"\d", t)
            and len(words) <= 12
            and not _HONORIFIC_START.match(t)
        ):
            kind = "place"
        elif (
            (NOT_THE_TALK.search(t) and not _quoted_line(t)) or t.endswith("!") or GREETING.match(t)
        ):
            kind = "aside"
        elif (
            out
            and out[-1][0] == "person"
            and out[-1][1].index == ln.index - 1
            and not re.search(r"[(,]|\s[-–—]\s", out[-1][1].text)
            and len(words) <= 10
            and (is_organization(t) or len(words) <= 4)
            and not _quoted_line(t)
        ):
            kind = "affil"
        elif len(words) <= 14 and _person_line(t):
            kind = "person"
        elif PLACE_WORDS.search(t) and len(words) <= 12 and re.search(r"\d", t):
            kind = "place"
        elif (
            SERIES_WORDS.search(t)
            and len(words) <= 10
            and not _quoted_line(t)
            and not t.endswith((":", "?"))
            and "@" not in t
            and "?" not in t
            and not re.match(r"(?i)(?:please|join|you\s+are|we\s+are|welcome|come|send)\b", t)
        ):
            kind = "series"
        elif len(words) < 2 or len(words) > 30 or (t.endswith((".", ";")) and len(words) > 14):
            kind = "junk"
        out.append((kind, ln))
    persons = [k for k, (kind, _) in enumerate(out) if kind == "person"]
    if len(persons) > 1:
        with_affil = [
            k
            for k in persons
            if (k + 1 < len(out) and out[k + 1][0] == "affil")
            or "(" in out[k][1].text
            or "," in out[k][1].text
        ]
        if with_affil:
            for k in persons:
                if k not in with_affil:
                    out[k] = ("text", out[k][1])
    return out


_SERIES_COLON = re.compile(
    r"(?i)^(?:seminar|colloquium|kolloquium|séminaire|seminario|lecture|talk|webinar|vortrag|conférence|conferencia|conferenza)\s*:\s*(\S.{8,})$"
)
_CRUMB = re.compile(r"\S\s[»›>]\s\S|\S[»›]\S|^(?:home|accueil|startseite|inicio)\s*[»›>|/]", re.I)
_HONORIFIC_START = re.compile(r"(?i)^(?:prof|dr|mr|mrs|ms|mme|m\.|herr|frau|dott|ing)\b")
_KEY_VALUE = re.compile(r"^[A-Z][\w()/ ]{1,25}:\s")


def _label_value_lines(doc: Doc, rec: Record) -> set[int]:
    """Lines that hold the value of a label written alone on the line above."""
    out: set[int] = set()
    for i in range(rec.first, rec.last + 1):
        ln = doc.lines[i]
        if ln.label is None or ln.label[1]:
            continue
        j = i + 1
        while j <= rec.last and doc.lines[j].blank and j - i <= 2:
            j += 1
        while (
            j <= rec.last and not doc.lines[j].blank and doc.lines[j].label is None and j - i <= 4
        ):
            out.add(j)
            j += 1
    return out


def _without_when(doc: Doc, ln: Line) -> str:
    """A line's text with its dates and times cut out (``Oct 8 — Name: Title`` → ``Name: Title``)."""
    start = doc.starts[ln.index]
    end = start + len(ln.raw)
    cuts = doc.cuts.get(ln.index, [])
    raw = ln.raw
    for a, b in sorted(cuts, reverse=True):
        if start <= a < end:
            raw = raw[: a - start] + " " + raw[min(b, end) - start :]
    from .segment import clean

    return clean(raw).strip(" ,;:·|-–—")


def _paragraph_starts(doc: Doc, ln: Line) -> bool:
    """Whether a line opens a wrapped paragraph of prose (the end of a header block)."""
    if len(ln.text) < 60 or ln.label is not None or _quoted_line(ln.text):
        return False
    nxt = doc.lines[ln.index + 1] if ln.index + 1 < len(doc.lines) else None
    if nxt is None or len(nxt.text) < 30 or nxt.label is not None or ln.text.endswith(":"):
        return False
    if _KEY_VALUE.match(nxt.text) or ": " in ln.text[:40]:
        return False
    if nxt.text[:1].islower():
        return True
    return len(ln.text.split()) >= 9 and not _person_line(nxt.text) and not ln.text.endswith(".")


def _quoted_line(t: str) -> bool:
    """A line that is one quotation (a title, as announcements often print it)."""
    return bool(_QUOTED_LINE.fullmatch(t.strip()))


_QUOTED_LINE = re.compile(r"(?:\"[^\"]{6,}\"|[“„][^“”„]{6,}[”“]|«[^«»]{6,}»|‘[^‘]{6,}’)\W?")


def _title_from_header(header: list[tuple[str, Line]]) -> Line | None:
    """The best title among the header's plain lines (see docs/extraction.md)."""
    best: tuple[float, int] | None = None
    pick: Line | None = None
    kinds = [k for k, _ in header]
    for k, (kind, ln) in enumerate(header):
        if kind != "text":
            continue
        t = ln.text
        s = 0.0
        if _quoted_line(t):
            s += 3
        near = {
            kinds[j]
            for j in (k - 1, k + 1)
            if 0 <= j < len(kinds) and abs(header[j][1].index - ln.index) == 1
        }
        if near & {"person", "affil"}:
            s += 2
        letters = [c for c in t if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and len(t.split()) >= 2:
            s -= 2
        if len(t.split()) >= 4:
            s += 1
        if t.endswith("?"):
            s += 0.5
        if t.endswith(":"):
            s -= 1.5
        key = (s, -k)
        if best is None or key > best:
            best, pick = key, ln
    return pick


NO_EVENT = re.compile(
    r"(?i)\b(?:no\s+(?:seminar|talk|colloquium|meeting|lecture|class)s?|"
    r"pas\s+de\s+(?:séminaire|conférence)|kein(?:e)?\s+(?:seminar|kolloquium|vortrag)|"
    r"no\s+hay\s+seminario|nessun\s+seminario)\b"
)
GREETING = re.compile(
    r"(?i)^(?:dear|hi|hello|hey|greetings|liebe[rs]?|sehr\s+geehrte|hallo|chers?|chères?|bonjour|"
    r"salut|queridos?|queridas?|estimad[oa]s?|hola|cari|care|gentili|ciao|buongiorno|"
    r"kind\s+regards|best|regards|cheers|thanks|thank\s+you|sincerely|cordialement|"
    r"mit\s+freundlichen|viele\s+grüße|saludos|cordiali|distinti)\b"
)
_PARTICLES = frozenset(
    "of de du des la le for the and in at à der die das für di del della y e et und van von".split()
)
_ROOM_CHANGE = re.compile(
    r"(?i)(?:room\s+change|new\s+(?:room|venue|location)|(?:room|venue|location)\s+changed?(?:\s+to)?|"
    r"changement\s+de\s+salle|raumänderung|cambio\s+(?:de\s+)?(?:aula|sala))\s*[:\-–—]?\s*([^*\n]{3,80})"
)
_UNLESS = re.compile(
    r"(?i)\s*[,(]?\s*(?:unless\s+(?:otherwise\s+)?(?:noted|stated|announced|indicated)|"
    r"sauf\s+(?:indication\s+contraire|mention\s+contraire)|salvo\s+(?:indicación|diversa\s+indicazione)|"
    r"sofern\s+nicht\s+anders\s+angegeben)\b.*$"
)
_PLACE_START = re.compile(
    r"(?i)^(?:(?:in|at|im|dans|en|nel|nella|presso)\s+(?:the\s+|la\s+|le\s+|l')?)?"
    r"(?:room|hall|salle|sala|aula|hörsaal|raum|auditorium|amphi\w*|lecture\s+(?:hall|theatre)|"
    r"seminar\s*room|building|bâtiment|gebäude|edificio|library)\b"
)
_ROOM_CODE = re.compile(r"^[A-Z]{2,8}[ -]?[A-Z]?\d{1,4}(?:[.-]\d{1,4})?[A-Z]?$")
_NOT_NAME_WORD = re.compile(r"(?i)(?:tion|sion|ment|ness|ology|ity|ics|ism|ance|ence|ship)$")


def _person_line(t: str) -> bool:
    """A line that is one person: a name, with honorifics and an affiliation allowed."""
    from ..rules.people import is_organization, parse_people

    if _quoted_line(t) or t.endswith((".", ":", "?")) or GREETING.match(t):
        return False
    people = parse_people(t)
    if len(people) != 1 or t.endswith("!"):
        return False
    aff = people[0].affiliation
    if aff and not is_organization(aff):
        words = [w for w in re.split(r"[\s,/]+", aff) if w and w.lower() not in _PARTICLES]
        if (
            len(words) > 8
            or not all(w[:1].isupper() or w[:1].isdigit() for w in words)
            or re.search(r"[!?]", aff)
        ):
            return False
        if SERIES_WORDS.search(t):
            return False
    return _plausible_name(people[0].name) and t.find(people[0].name.split()[0]) <= 25


def _plausible_name(name: str) -> bool:
    """Reject org-like "names": all-capital word runs, -tion/-ment words."""
    from ..rules.people import looks_like_name

    words = name.split()
    if not 1 <= len(words) <= 5:
        return False
    if len(words) >= 3 and all(w.isupper() for w in words if w.isalpha()):
        return False
    if any(len(w) > 5 and _NOT_NAME_WORD.search(w) for w in words):
        return False
    return looks_like_name(name)


def _when_lines(doc: Doc) -> frozenset[int]:
    """Indexes of every line a date/time candidate touches."""
    return doc.when_lines


# --- title, series, speakers ---------------------------------------------------


def _title(
    doc: Doc, rec: Record, labels: dict[str, list[Value]], header: list[tuple[str, Line]], text: str
) -> tuple[str | None, Provenance | None]:
    for v in labels.get("title", ()):
        t = clean_title(v.text)
        if t:
            return t, _prov(v.index, v.text, v.rule)
        if v.text:  # a labeled placeholder (TBA) means: no title
            return None, _prov(v.index, v.text, "label:title (placeholder)")
    for v in labels.get("series", ()):
        if len(v.text.split()) >= 3 and not SERIES_WORDS.search(v.text):
            return clean_title(v.text), _prov(v.index, v.text, "label:series (a title)")
    for kind, ln in header:
        m = _SERIES_COLON.match(ln.text)
        if kind == "series" and m and not SERIES_WORDS.search(m.group(1)):
            return clean_title(m.group(1)), _prov(ln.index, ln.text, "series: title line")
    q = quoted_title(text)
    if q:
        return clean_title(q[0]), Provenance(source="quoted", text=q[0], rule="quoted-title")
    cells = _entry_cells(doc, rec)
    if cells is not None:
        title, _ = cells
        return (
            (clean_title(title), _prov(rec.first, title or "", "table row"))
            if title
            else (None, None)
        )
    if rec.entry_date_line is not None:
        rest = _entry_rest(doc, rec)
        bold = re.search(r"(?<!\*)\*\*([^*]{4,200})\*\*(?!\*)", doc.lines[rec.first].raw)
        if bold and not CANCELLED.search(bold.group(1)) and not _ROOM_CHANGE.search(bold.group(1)):
            return clean_title(bold.group(1)), _prov(rec.first, bold.group(1), "entry-bold")
        if rest:
            _, who, title = split_title_speaker(rest)
            if title and who and _plausible_name(who.split("(")[0].strip()):
                return clean_title(title), _prov(rec.first, rest, "entry-split")
    for kind, ln in header:
        if kind in ("text", "date", "person") and not _quoted_line(ln.text):
            line = _without_when(doc, ln) if kind == "date" else ln.text
            _, who, title = split_title_speaker(line)
            if who and title and _plausible_name(who.split("(")[0].strip()):
                return clean_title(title), _prov(ln.index, ln.text, "title/speaker line")
    for ln in doc.lines[rec.first : rec.last + 1]:
        if ln.label is None and " / " in ln.text and len(ln.text) <= 200:
            _, who, title = split_title_speaker(ln.text)
            if who and title:
                return clean_title(title), _prov(ln.index, ln.text, "title/speaker line")
    after = _line_after_colon(doc, rec)
    if after is not None:
        return clean_title(after.text), _prov(after.index, after.text, "line after ':'")
    best = _title_from_header(header)
    if best is not None and (
        not doc.shared or rec.first <= 2 or any(k == "person" for k, _ in header)
    ):
        return clean_title(best.text), _prov(best.index, best.text, "header line")
    if doc.hints.title and not doc.shared and not _CRUMB.search(doc.hints.title):
        t = _clean_subject(doc.hints.title)
        if t:
            return clean_title(t), Provenance(
                source="subject", text=doc.hints.title, rule="subject"
            )
    return None, None


def _line_after_colon(doc: Doc, rec: Record) -> Line | None:
    """A standalone line right after prose that ends with ':' (``… a talk by X (Y):``)."""
    lines = doc.lines
    for i in range(rec.first, rec.last):
        ln = lines[i]
        if ln.blank or ln.label is not None or len(ln.text.split()) < 4:
            continue
        if not (ln.text.endswith(":") or TITLE_CUES.search(ln.text[-40:])):
            continue
        j = i + 1
        while j <= rec.last and lines[j].blank:
            j += 1
        if j > rec.last:
            return None
        cand = lines[j]
        after = lines[j + 1] if j + 1 <= rec.last else None
        words = cand.text.split()
        if (
            cand.label is None
            and 2 <= len(words) <= 25
            and (after is None or after.blank)
            and not _person_line(cand.text)
            and not cand.text.endswith((".", ":"))
            and not is_url_line(cand.text)
        ):
            return cand
    return None


def _clean_subject(subject: str) -> str | None:
    if GREETING.match(subject.strip()):
        return None
    s = re.sub(r"^(?:(?:re|fwd?|tr|aw|wg)\s*:\s*)+", "", subject.strip(), flags=re.I)
    s = re.sub(r"^\[[^\]]{1,40}\]\s*", "", s)
    from ..rules.dates import find_dates

    for d in sorted(find_dates(s), key=lambda d: -d.start):
        s = (s[: d.start] + " " + s[d.end :]).strip()
    parts = [p.strip() for p in re.split(r"\s[:\-–|]\s|:\s", s) if p.strip()]
    if not parts:
        return None
    longest = max(parts, key=len)
    return longest if len(longest.split()) >= 2 else None


def _entry_cells(doc: Doc, rec: Record) -> tuple[str | None, str | None] | None:
    """``(title, speaker)`` of a table row entry (``| 1/13 | Name (Affil) | Title |``), else None."""
    if rec.entry_date_line is None or doc.lines[rec.first].raw.count("|") < 2:
        return None
    cells = [c.strip(" *_") for c in _entry_rest_raw(doc, rec).split("|")]
    cells = [c for c in cells if c and c not in ("—", "-", "–")]
    if not cells:
        return None
    who = next((c for c in cells if _person_line(c)), None)
    rest = [c for c in cells if c != who and len(c.split()) >= 2]
    title = rest[0] if rest else None
    if title and re.match(r"(?i)^no\s+(?:seminar|talk|colloquium|meeting|lecture)\b", title):
        return None, None
    return title, who


def _entry_rest_raw(doc: Doc, rec: Record) -> str:
    w = next(iter(doc.whens_by_line.get(rec.first, ())), None)
    raw = doc.lines[rec.first].raw
    if w is None:
        return raw
    return raw[max(0, w.span[1] - doc.starts[rec.first]) :]


def _entry_rest(doc: Doc, rec: Record) -> str:
    """What follows the date on a listing's entry line."""
    w = next(iter(doc.whens_by_line.get(rec.first, ())), None)
    raw = doc.lines[rec.first].raw
    if w is None:
        return doc.lines[rec.first].text
    offset = doc.starts[rec.first]
    rest = raw[max(0, w.span[1] - offset) :]
    rest = CANCELLED.sub(" ", rest.replace("*", " "))
    return " ".join(rest.split()).strip(" :-–—,")


def _series(
    doc: Doc,
    rec: Record,
    labels: dict[str, list[Value]],
    header: list[tuple[str, Line]],
    title: str | None,
) -> str | None:
    for v in labels.get("series", ()) or doc.prelude.get("series", ()):
        if v.text and (len(v.text.split()) < 3 or SERIES_WORDS.search(v.text)):
            return v.text
    for kind, ln in header:
        if kind == "series" and (title is None or title not in ln.text):
            return ln.text.strip(" *#")
    if not doc.shared:
        return None
    for ln in doc.lines[: max(doc.seg.prelude_end, 0)][:6]:
        if (
            ln.text
            and SERIES_WORDS.search(ln.text)
            and len(ln.text.split()) <= 8
            and ln.label is None
        ):
            return ln.text
    return None


def _speakers(
    doc: Doc, rec: Record, labels: dict[str, list[Value]], header: list[tuple[str, Line]], text: str
) -> tuple[list[Speaker], Provenance | None, str | None]:
    from ..rules.people import find_speaker_in_prose, parse_people

    for v in labels.get("speaker", ()):
        if v.text:
            people = parse_people(v.text)
            if people:
                return _with_affiliation(people, text), _prov(v.index, v.text, v.rule), None
    cells = _entry_cells(doc, rec)
    if cells is not None:
        _, who = cells
        people = parse_people(who) if who else []
        return people, (_prov(rec.first, who, "table row") if people and who else None), None
    if rec.entry_date_line is not None:
        rest = _entry_rest(doc, rec)
        series, who, _ = split_title_speaker(rest) if rest else (None, None, None)
        cand = who or (rest if rest and not re.search(r"\*\*", doc.lines[rec.first].raw) else None)
        if cand:
            people = parse_people(cand)
            if people:
                return people, _prov(rec.first, cand, "entry-line"), series
        for ln in doc.lines[rec.first + 1 : min(rec.last, rec.first + 3) + 1]:
            if ln.blank or ln.label:
                continue
            if len(ln.text.split()) <= 12:
                people = parse_people(ln.text)
                if people:
                    return people, _prov(ln.index, ln.text, "entry-next-line"), None
            break
    for i, (kind, ln) in enumerate(header):
        if kind == "person":
            block = ln.text
            if i + 1 < len(header) and header[i + 1][0] == "affil":
                block += "\n" + header[i + 1][1].text
            people = parse_people(block)
            if people:
                return (
                    _with_affiliation(people, text),
                    _prov(ln.index, block, "header-person"),
                    None,
                )
    for kind, ln in header:
        if kind in ("text", "series", "date"):
            series, who, _ = split_title_speaker(
                _without_when(doc, ln) if kind == "date" else ln.text
            )
            if who and _plausible_name(who.split("(")[0].strip()):
                people = parse_people(who)
                if people:
                    return people, _prov(ln.index, ln.text, "split-line"), series
    for ln in doc.lines[rec.first : rec.last + 1]:
        if ln.label is None and (" / " in ln.text or re.match(r"(?i)^topic\s*:", ln.text)):
            series, who, _ = split_title_speaker(re.sub(r"(?i)^topic\s*:\s*", "", ln.text))
            if who:
                people = parse_people(who)
                if people:
                    return people, _prov(ln.index, ln.text, "split-line"), series
    prose = _joined(_prose_without_hosts(doc, rec))
    people = find_speaker_in_prose(prose)
    if people:
        return (
            _with_affiliation(people, prose),
            Provenance(source="prose", text=people[0].name, rule="prose"),
            None,
        )
    for ln in doc.lines[rec.first : rec.last + 1]:
        if ln.label is None and 1 < len(ln.text.split()) <= 4 and not GREETING.match(ln.text):
            from ..rules.people import looks_like_name

            if looks_like_name(ln.text) and _plausible_name(ln.text):
                return (
                    _with_affiliation([Speaker(name=ln.text)], text),
                    _prov(ln.index, ln.text, "name-line"),
                    None,
                )
    return [], None, None


def _with_affiliation(people: list[Speaker], text: str) -> list[Speaker]:
    """Fill a missing affiliation from ``Name, professor at X`` / ``Name (X)`` in the text."""
    from ..rules.people import is_organization

    out = []
    for p in people:
        if p.affiliation is None:
            m = re.search(re.escape(p.name) + r"\s*(?:,|\(|–|-)\s*([^,;()\n]{3,160})", text)
            if m:
                aff = re.split(r"\s(?:autor|author|who|quien|qui|der|die|che)\s", m.group(1))[
                    0
                ].strip(" .")
                if is_organization(aff) or re.search(
                    r"(?i)\b(?:profes|doctor|student|researcher|chercheu|doctorant|lecturer|postdoc)",
                    aff,
                ):
                    p = Speaker(name=p.name, affiliation=aff)
        out.append(p)
    return out


def _joined(text: str) -> str:
    """Paragraphs with their wrapped lines joined (prose rules read sentences)."""
    paras = re.split(r"\n\s*\n", text)
    return "\n\n".join(" ".join(p.split()) for p in paras)


def _prose_without_hosts(doc: Doc, rec: Record) -> str:
    keep = []
    for ln in doc.lines[rec.first : rec.last + 1]:
        if ln.label and ln.label[0] in ("host",):
            continue
        keep.append(ln.raw)
    return "\n".join(keep)


# --- place, online, abstract ---------------------------------------------------


def _location(
    doc: Doc, rec: Record, labels: dict[str, list[Value]], header: list[tuple[str, Line]], text: str
) -> Location | None:
    from ..rules.places import find_location_in_prose, is_online_only, parse_location

    change = _ROOM_CHANGE.search(doc.span_text(rec.first, min(rec.last, rec.first + 3)))
    if change:
        loc = parse_location(change.group(1).strip(" *"))
        if loc:
            return loc
    sources = [labels.get("place", [])]
    if doc.shared:
        sources.append(doc.prelude.get("place", []))
    for vals in sources:
        for v in vals:
            if v.text and not is_online_only(v.text):
                loc = parse_location(v.text)
                if loc:
                    return loc
            elif v.text:
                return None
    chosen = doc.chosen.get(rec.first)
    if chosen is not None:
        loc = _place_after_time(doc, chosen.span[1])
        if loc is not None:
            return loc
    for k, (kind, ln) in enumerate(header):
        if kind == "place" or (
            kind == "text"
            and k > 0
            and header[k - 1][0] == "date"
            and header[k - 1][1].index == ln.index - 1
            and PLACE_WORDS.search(ln.text)
            and len(ln.text.split()) <= 10
        ):
            loc = parse_location(ln.text)
            if loc:
                return loc
    loc = find_location_in_prose(_joined(_prose_without_hosts(doc, rec)))
    if loc is None and doc.shared and doc.seg.prelude_end > 0:
        prelude_end = doc.starts[min(doc.seg.prelude_end, len(doc.starts) - 1)]
        for tm in doc.times:
            if tm.span[1] <= prelude_end:
                loc = _place_after_time(doc, tm.span[1])
                if loc is not None:
                    return loc
        loc = find_location_in_prose(doc.span_text(0, doc.seg.prelude_end - 1))
    return loc


def _place_after_time(doc: Doc, end: int) -> Location | None:
    """A place written after a time on its line: ``4 pm in Room 120``, ``17.15 Uhr, Hörsaal E 1``."""
    from ..rules.places import find_location_in_prose, parse_location
    from .timepick import NOT_THE_TALK

    line_end = doc.text.find("\n", end)
    rest = doc.text[end : line_end if line_end >= 0 else len(doc.text)]
    if NOT_THE_TALK.search(rest):
        rest = NOT_THE_TALK.split(rest)[0]
    rest = _UNLESS.sub("", rest).strip(" ,;:·|-–—")
    if not rest or len(rest) < 3:
        return None
    first_part = re.split(r"\s[|·]\s|;|\.\s", rest)[0].strip(" ,.")
    if _ROOM_CODE.match(first_part):
        return Location(name=first_part)
    loc = find_location_in_prose(rest)
    if (
        loc is None
        and len(rest.split()) <= 12
        and ((PLACE_WORDS.search(rest) and re.search(r"\d", rest)) or _PLACE_START.match(rest))
    ):
        loc = parse_location(
            re.sub(
                r"(?i)^(?:in|at|im|in der|dans|en|nel|nella|presso)\s+(?:the\s+|la\s+|le\s+|l')?",
                "",
                rest,
            )
        )
    return loc


def _online_and_links(doc: Doc, rec: Record, text: str) -> tuple[Any, list[Link]]:
    from ..rules.links import find_links
    from ..rules.meetings import find_online

    online = find_online(text)
    if online is None and doc.shared and doc.seg.prelude_end > 0:
        online = find_online(doc.span_text(0, doc.seg.prelude_end - 1))
    # an HTML page's hrefs are in its text as ``anchor <url>``: find_links sees them
    return online, list(find_links(text))


def _abstract(
    doc: Doc, rec: Record, labels: dict[str, list[Value]], title: str | None
) -> str | None:
    for v in labels.get("abstract", ()):
        if len(v.text) >= 40:
            return _once(v.text)
    best = ""
    for para in re.split(r"\n\s*\n", doc.span_text(rec.first, rec.last)):
        p = " ".join(para.split())
        if (
            len(p) > len(best)
            and len(p) >= 200
            and not re.search(r"(?i)meeting id|zoom\.us/j|inviting you", p)
        ):
            best = p
    return _once(best) if best else None


def _once(text: str) -> str:
    """A text that repeats itself (pages print the abstract twice) kept once."""
    t = text.strip()
    half = len(t) // 2
    for cut in range(half - 3, half + 4):
        if 0 < cut < len(t) and t[:cut].strip() == t[cut:].strip():
            return t[:cut].strip()
    return t


def _cancelled(doc: Doc, rec: Record, labels: dict[str, list[Value]], title: str | None) -> bool:
    head = " ".join(ln.text for ln in doc.lines[rec.first : min(rec.last, rec.first + 6) + 1])
    return bool(CANCELLED.search(head))


def _organizer(labels: dict[str, list[Value]], prelude: dict[str, list[Value]]) -> Organizer | None:
    from ..rules.links import find_emails

    for v in (*labels.get("host", ()), *prelude.get("host", ())):
        emails = find_emails(v.text)
        if emails:
            name = v.text.split("<")[0].split(emails[0])[0].strip(" ,:()")
            return Organizer(name=name or None, email=emails[0])
    return None


def _description(text: str) -> str | None:
    t = re.sub(r"\n{3,}", "\n\n", text.strip())
    return t or None


def _prov(index: int, text: str, rule: str) -> Provenance:
    return Provenance(source=f"line {index + 1}", text=" ".join(text.split())[:200], rule=rule)
