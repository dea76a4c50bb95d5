"""Cut a text into records: one per talk.

A listing or digest holds several talks; an announcement holds one. Three
shapes are recognised, in this order:

1. **Repeated label groups** (``TITLE: … SPEAKER: … TIME: …`` once per talk):
   the label field that starts the most uniform groups starts each record.
2. **Entry lines** that begin with a date (``August 17, 2020:``,
   ``- 01/24/2023 **Title**``), at least two with different dates and
   something between them.
3. **Programme slots**: lines that begin with a time (``14:00–14:40  Name``),
   at least two, each a talk on the date above them.
4. Otherwise the whole text is one record.

Lines before the first record are the *prelude*: shared facts ("all talks at
15:10 in Room 3") are read from it by the assembler.

>>> lines = to_lines("Title: A\\nSpeaker: X\\n\\nTitle: B\\nSpeaker: Y")
>>> [(r.first, r.last) for r in segment(lines, {}).records]
[(0, 2), (3, 4)]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from seminorm.patterns import LazyPattern

#: The marks a line may start with (bullets, quote and heading marks, rules),
#: stripped with the white space around them.
_DECOR_MARKS = frozenset(">#*•·▪◦‣∙●○■□►▶-–—_|")
_DECOR = LazyPattern(r"^[\s" + re.escape("".join(sorted(_DECOR_MARKS))) + "]{0,12}")
_EMPH = LazyPattern(r"\*\*{0,2}|___?")  # starts with a literal: `re` skips to "*" or "_"
_MD_LINK = LazyPattern(r"\[([^\]\n]{0,200})\]\((?:[^()\s]{0,500})\)")
#: A programme item that is no talk: breaks, meals, registration, openings, photos.
NOT_A_TALK = LazyPattern(
    r"(?i)^\W{0,3}(?:(?:coffee|tea|lunch|comfort|health|short|long)?\s*breaks?|coffee|lunch(?:eon)?|"
    r"dinner|breakfast|reception|registration|check-in|welcome(?:\s+(?:address|remarks|words))?|"
    r"opening(?:\s+(?:remarks|words|address))?|closing(?:\s+(?:remarks|words|address))?|"
    r"group\s+photo|photo|poster\s+session|free\s+time|departure|arrival|end|"
    r"pause(?:\s+café)?|déjeuner|accueil|inscription|clôture|ouverture|"
    r"kaffeepause|mittagspause|pause|begrüßung|anmeldung|abschluss|"
    r"pausa(?:\s+caf[ée])?|almuerzo|comida|pranzo|registro|bienvenida|inauguración|clausura|"
    r"saluti|benvenuto|apertura|chiusura|cena|colazione)\b(?:\s*(?:and|&|und|et|y|e)\s*\w+)?"
    r"(?:\s*\([^()]{0,80}\))?\W{0,3}$"
)
CORE_FIELDS = frozenset({"title", "speaker", "date", "time", "when", "place"})


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text: ``raw`` as written, ``text`` without markup."""

    index: int
    raw: str
    text: str
    label: tuple[str, str] | None

    @property
    def no(self) -> int:
        """The 1-based line number."""
        return self.index + 1

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass(slots=True)
class Segmentation:
    """Records as ``(first, last)`` line-index ranges, plus the prelude range."""

    records: list[Record] = field(default_factory=list)
    prelude_end: int = 0
    shape: str = "single"


@dataclass(slots=True)
class Record:
    first: int
    last: int
    entry_date_line: int | None = None
    slot: Any = None  # the time that opens a programme slot (``14:00–14:40  Name``)


def clean(line: str) -> str:
    """Drop list bullets, heading marks and emphasis from a line.

    >>> clean("  * **Speaker:** Ada")
    'Speaker: Ada'
    >>> clean("- [Ada Lovelace](https://example.org/ada) (Cambridge)")
    'Ada Lovelace (Cambridge)'
    """
    first = line[:1]
    s = _DECOR.sub("", line, count=1) if first.isspace() or first in _DECOR_MARKS else line
    if "](" in s:
        s = _MD_LINK.sub(r"\1", s)
    if "*" in s or "__" in s:
        s = _EMPH.sub("", s)
    return " ".join(s.split())


def to_lines(text: str) -> list[Line]:
    """Split ``text`` into :class:`Line` objects with their labels read."""
    from ..rules.labels import split_label

    out: list[Line] = []
    for i, raw in enumerate(text.split("\n")):
        t = clean(raw)
        lab = split_label(t) if t else None
        out.append(Line(i, raw, t, lab))
    return out


def segment(
    lines: Sequence[Line],
    entries: dict[int, Any],
    time_lines: frozenset[int] = frozenset(),
    dated_time_lines: frozenset[int] = frozenset(),
    slots: dict[int, Any] | None = None,
) -> Segmentation:
    """Find the records of a text (see the module docstring).

    ``entries`` maps the index of each line that begins with a date to that
    date's candidate and the rest of the line after it; ``time_lines`` are
    the lines that hold a time of day, ``dated_time_lines`` those of
    candidates with both a date and a time; ``slots`` the lines that begin
    with a time (a programme: ``14:00–14:40  Name (Affil)``).
    """
    seg = _by_labels(lines)
    if seg is None:
        seg = _by_entries(lines, entries, time_lines, dated_time_lines)
    if seg is None and slots:
        seg = _by_slots(lines, slots)
    if seg is not None and seg.shape == "entries" and slots:
        seg = _split_days(lines, seg, slots)
    if seg is None:
        seg = Segmentation([Record(0, max(len(lines) - 1, 0))], 0, "single")
    return seg


def _by_labels(lines: Sequence[Line]) -> Segmentation | None:
    labelled = [(ln.index, ln.label[0]) for ln in lines if ln.label and ln.label[0] in CORE_FIELDS]
    counts = Counter(f for _, f in labelled)
    starters = [
        f for f, c in counts.items() if c >= 2 and f in ("title", "speaker", "date", "when")
    ]
    best: tuple[float, int, str] | None = None
    for s in starters:
        groups: list[list[str]] = []
        for _, f in labelled:
            if f == s:
                groups.append([f])
            elif groups:
                groups[-1].append(f)
        valid = [g for g in groups if len(g) == len(set(g)) and len(g) >= 2]
        if len(valid) < 2:
            continue
        common = Counter(tuple(g) for g in valid).most_common(1)[0][1]
        score = (len(valid) + common) / (2 * len(groups))
        key = (score, len(valid), s)
        if best is None or key > best:
            best = key
    if best is None:
        return None
    starter = best[2]
    starts = [i for i, f in labelled if f == starter]
    firsts = [_back_up(lines, i) for i in starts]
    records = [
        Record(first, (firsts[k + 1] - 1) if k + 1 < len(firsts) else len(lines) - 1)
        for k, first in enumerate(firsts)
    ]
    return Segmentation(records, firsts[0], "labels")


def _back_up(lines: Sequence[Line], i: int) -> int:
    """Extend a record upwards over the heading lines right above its first label."""
    j = i
    steps = 0
    while j > 0 and steps < 3:
        prev = lines[j - 1]
        if prev.blank:
            j -= 1
            continue
        if prev.label is not None or len(prev.text) > 90 or prev.text.endswith((".", ",", ";")):
            break
        j -= 1
        steps += 1
    while j < i and lines[j].blank:
        j += 1
    return j


def _by_entries(
    lines: Sequence[Line],
    entries: dict[int, Any],
    time_lines: frozenset[int],
    dated_time_lines: frozenset[int] = frozenset(),
) -> Segmentation | None:
    """Records that start at lines beginning with a date.

    Entries without a time of day are talks only when the text gives a time
    before the first entry ("talks at 3:45") and no dated, timed event of its
    own there; otherwise a timed announcement followed by an "upcoming
    events" list stays one event.
    """
    starts_by_line = {i: w for i, w in entries.items() if lines[i].label is None}
    if len(starts_by_line) < 2:
        return None
    idxs = sorted(starts_by_line)
    if len({_day(starts_by_line[i][0]) for i in idxs}) < 2:
        return None
    timed = [i for i in idxs if _timed(starts_by_line[i][0])]
    shared_time = any(t < idxs[0] for t in time_lines) and not any(
        t < idxs[0] for t in dated_time_lines
    )
    if len(timed) <= 1 and not shared_time:
        return None
    records: list[Record] = []
    for k, i in enumerate(idxs):
        last = (idxs[k + 1] - 1) if k + 1 < len(idxs) else len(lines) - 1
        records.append(Record(i, last, entry_date_line=i))
    # entries with nothing but the date are headers of the prelude, not talks
    useful = [r for r in records if _has_content(lines, r, starts_by_line[r.first][1])]
    if len(useful) < 2:
        return None
    return Segmentation(useful, useful[0].first, "entries")


def _by_slots(
    lines: Sequence[Line], slots: dict[int, Any], last: int | None = None
) -> Segmentation | None:
    """A programme: records that start at lines beginning with a time of day."""
    idxs = sorted(i for i in slots if lines[i].label is None)
    if len(idxs) < 2:
        return None
    end = len(lines) - 1 if last is None else last
    records = [
        Record(
            i,
            (idxs[k + 1] - 1) if k + 1 < len(idxs) else end,
            entry_date_line=i,
            slot=slots[i],
        )
        for k, i in enumerate(idxs)
    ]
    useful = [r for r in records if _has_content(lines, r, lines[r.first].text)]
    if len(useful) < 2:
        return None
    return Segmentation(useful, useful[0].first, "slots")


def _split_days(lines: Sequence[Line], seg: Segmentation, slots: dict[int, Any]) -> Segmentation:
    """A programme's day: an entry whose lines hold two or more slots is cut into its slots.

    The entry line (``Monday, July 8, 2024``) stays the day heading the slots
    take their date from; what comes before its first slot is the day's own
    prelude, not a talk.
    """
    out: list[Record] = []
    split = False
    for r in seg.records:
        inner = {i: t for i, t in slots.items() if r.first < i <= r.last}
        day = _by_slots(lines, inner, last=r.last) if len(inner) >= 2 else None
        if day is None:
            out.append(r)
            continue
        split = True
        out.extend(day.records)
    if not split:
        return seg
    return Segmentation(out, seg.prelude_end, "programme")


def _timed(w: Any) -> bool:
    from datetime import datetime

    return isinstance(w.start, datetime) and not getattr(w, "all_day", False)


def _day(w: Any) -> object:
    s = w.start
    return s.date() if hasattr(s, "date") and callable(s.date) else s


_HAS_CONTENT_RE = LazyPattern(r"[^\W\d_]{2,}")
_HAS_CONTENT_RE2 = LazyPattern(r"[^\W\d_]{2,}")


def _has_content(lines: Sequence[Line], r: Record, rest: str) -> bool:
    """Whether a record holds words beyond its date."""
    if _HAS_CONTENT_RE.search(rest):
        return True
    return any(_HAS_CONTENT_RE2.search(ln.text) for ln in lines[r.first + 1 : r.last + 1])
