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

from seminorm.patterns import LazyPattern
from seminorm.plain import Plain

from ..lang import words
from .lines import Line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..rules.timematch import TimeMatch
    from ..rules.when import When

#: The marks a line may start with (bullets, quote and heading marks, rules),
#: stripped with the white space around them.
_DECOR_MARKS = frozenset(">#*•·▪◦‣∙●○■□►▶-–—_|")
_DECOR = LazyPattern(r"^[\s" + re.escape("".join(sorted(_DECOR_MARKS))) + "]{0,12}")
_EMPH = LazyPattern(r"\*\*{0,2}|___?")  # starts with a literal: `re` skips to "*" or "_"
_MD_LINK = LazyPattern(r"\[([^\]\n]{0,200})\]\((?:[^()\s]{0,500})\)")
#: A programme item that is no talk: breaks, meals, registration, openings, photos.
NOT_A_TALK = LazyPattern(
    lambda: (
        r"(?i)^\W{0,3}(?:(?:coffee|tea|lunch|comfort|health|short|long)?\s*breaks?|coffee|lunch(?:eon)?|"
        r"dinner|breakfast|reception|registration|check-in|welcome(?:\s+(?:address|remarks|words))?|"
        r"opening(?:\s+(?:remarks|words|address))?|closing(?:\s+(?:remarks|words|address))?|"
        r"group\s+photo|photo|poster\s+session|free\s+time|departure|arrival|end|"
        r"pause(?:\s+café)?|déjeuner|accueil|inscription|clôture|ouverture|"
        r"kaffeepause|mittagspause|pause|begrüßung|anmeldung|abschluss|"
        r"pausa(?:\s+caf[ée])?|almuerzo|comida|pranzo|registro|bienvenida|inauguración|clausura|"
        r"saluti|benvenuto|apertura|chiusura|cena|colazione)\b"
        rf"(?:\s*(?:{words('conjunctions')}|&)\s*\w+)?"
        r"(?:\s*\([^()]{0,80}\))?\W{0,3}$"
    )
)
#: A ``Name: value`` line whose name is no label seminorm knows (``Content: …``).
FIELD_LINE = LazyPattern(r"^[^\W\d][^\W\d_]{1,15}(?: [^\W\d_]{1,15})?:\s+\S")
#: Words that make a time the series' own: "all talks", "every Thursday", "jeweils", "tutti gli incontri".
SERIES_CUE = LazyPattern(
    r"(?i)\b(?:all\s+(?:talks|seminars|lectures|meetings|sessions|events)|every|each|"
    r"unless\s+(?:otherwise\s+)?(?:stated|noted|indicated)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days\b|"
    r"jeweils|jeden|immer|alle\s+vortr|"
    r"tou(?:te)?s\s+les|chaque|sauf\s+indication|"
    r"tod[oa]s\s+l[oa]s|cada|"
    r"tutti\s+gli|tutte\s+le|ogni|nei\s+pomeriggi|"
    r"tod[oa]s\s+[oa]s|elke|iedere|varje|alla\s+föreläsningar)"
)
CORE_FIELDS = frozenset({"title", "speaker", "date", "time", "when", "place"})


class Segmentation(Plain):
    """Records as ``(first, last)`` line-index ranges, plus the prelude range."""

    __slots__ = ("prelude_end", "records", "shape")
    records: list[Record]
    prelude_end: int
    shape: str

    def __init__(
        self, records: list[Record] | None = None, prelude_end: int = 0, shape: str = "single"
    ) -> None:
        self.records = [] if records is None else records
        self.prelude_end = prelude_end
        self.shape = shape


class Record(Plain):
    """One record's lines (``first`` to ``last``, indexes) and what opened it."""

    __slots__ = ("entry_date_line", "first", "last", "slot")
    first: int
    last: int
    entry_date_line: int | None
    slot: TimeMatch | None  # the time that opens a programme slot (``14:00–14:40  Name``)

    def __init__(
        self,
        first: int,
        last: int,
        entry_date_line: int | None = None,
        slot: TimeMatch | None = None,
    ) -> None:
        self.first = first
        self.last = last
        self.entry_date_line = entry_date_line
        self.slot = slot


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
    entries: dict[int, tuple[When, str]],
    time_lines: frozenset[int] = frozenset(),
    dated_time_lines: frozenset[int] = frozenset(),
    slots: dict[int, TimeMatch] | None = None,
    prose_dates: dict[int, list[When]] | None = None,
    occurrences: Sequence[tuple[int, object]] = (),
) -> Segmentation:
    """Find the records of a text (see the module docstring).

    ``entries`` maps the index of each line that begins with a date to that
    date's candidate and the rest of the line after it; ``time_lines`` are
    the lines that hold a time of day, ``dated_time_lines`` those of
    candidates with both a date and a time; ``slots`` the lines that begin
    with a time (a programme: ``14:00–14:40  Name (Affil)``); ``prose_dates``
    the dated candidates of every line, for prose that names several talks;
    ``occurrences`` the ``(line, day)`` of every talk-like dated time.
    """
    seg = _by_labels(lines)
    by_entries = _by_entries(lines, entries, time_lines, dated_time_lines, prose_dates)
    if by_entries is not None and (seg is None or len(by_entries.records) >= len(seg.records)):
        # each dated occurrence anchors a record; labels only supply its fields
        seg = by_entries
    if seg is not None and seg.shape == "labels" and occurrences and _mid_block(lines, seg):
        # label groups cut inside blocks (the title above "Date:" went to the talk before)
        blocks = _by_occurrences(lines, occurrences)
        if blocks is not None and len(blocks.records) >= len(seg.records):
            seg = blocks
    if seg is None:
        seg = _by_paragraphs(lines, entries, time_lines, dated_time_lines, prose_dates or {})
    if seg is None and occurrences:
        seg = _by_occurrences(lines, occurrences)
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
        f for f, c in counts.items() if c >= 2 and f in ("title", "speaker", "date", "when", "time")
    ]
    first_seen = {f: i for i, f in reversed(labelled)}
    best: tuple[float, int, int, str] | None = None
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
        # equal groups: the field that comes first in the text starts them
        key = (score, len(valid), -first_seen[s], s)
        if best is None or key > best:
            best = key
    if best is None:
        return None
    starter = best[3]
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
        if (
            prev.label is not None
            or len(prev.text) > 90
            or prev.text.endswith((".", ",", ";"))
            or FIELD_LINE.match(prev.text)  # "Content: Coffee Break": a field of the group above
        ):
            break
        j -= 1
        steps += 1
    while j < i and lines[j].blank:
        j += 1
    return j


def _by_entries(
    lines: Sequence[Line],
    entries: dict[int, tuple[When, str]],
    time_lines: frozenset[int],
    dated_time_lines: frozenset[int] = frozenset(),
    by_line: dict[int, list[When]] | None = None,
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
    ends = [*idxs[1:], len(lines)]
    timed = [
        i
        for i, nxt in zip(idxs, ends, strict=True)
        if _timed(starts_by_line[i][0])
        or any(t in time_lines and t not in dated_time_lines for t in range(i + 1, min(nxt, i + 8)))
    ]
    days = {_day(starts_by_line[i][0]) for i in idxs}
    if len(timed) <= 1 and not _shared_time(
        lines, idxs, time_lines, dated_time_lines, days, by_line or {}
    ):
        return None
    records: list[Record] = []
    for k, i in enumerate(idxs):
        last = (idxs[k + 1] - 1) if k + 1 < len(idxs) else len(lines) - 1
        records.append(Record(i, last, entry_date_line=i))
    for r in records:
        _trim_heading(lines, r, time_lines, by_line or {})
    # entries with nothing but the date are headers of the prelude, not talks
    useful = [r for r in records if _has_content(lines, r, starts_by_line[r.first][1])]
    if len(useful) < 2:
        return None
    return Segmentation(useful, useful[0].first, "entries")


def _trim_heading(
    lines: Sequence[Line], r: Record, time_lines: frozenset[int], by_line: dict[int, list[When]]
) -> None:
    """A section heading standing alone at the end of an entry ("Past talks") opens what follows.

    It is no part of the entry above it: the record ends before it.
    """
    k = r.last
    while k > r.first and lines[k].blank:
        k -= 1
    if k <= r.first + 1 or not lines[k - 1].blank:
        return
    ln = lines[k]
    if (
        ln.label is None
        and len(ln.text) <= 60
        and k not in time_lines
        and k not in by_line
        and not ln.text.endswith((".", ",", ";"))
    ):
        r.last = k - 1


def _shared_time(
    lines: Sequence[Line],
    idxs: list[int],
    time_lines: frozenset[int],
    dated_time_lines: frozenset[int],
    days: set[object],
    by_line: dict[int, list[When]],
) -> bool:
    """Whether a time stated before the first entry is the series' time ("all talks at 16:00").

    A timed, dated event of its own before the entries (an announcement
    followed by "upcoming talks") is no series time, unless its date is one
    of the entries' ("from 4 June, each at 11.15") or the time's line says
    it holds for all (:data:`SERIES_CUE`).
    """
    first = idxs[0]
    if not any(t < first for t in time_lines):
        return False
    if any(SERIES_CUE.search(lines[t].text) for t in time_lines if t < first):
        return True
    own = [t for t in dated_time_lines if t < first]
    return all(any(_day(w) in days for w in by_line.get(t, ())) for t in own)


def _by_slots(
    lines: Sequence[Line], slots: dict[int, TimeMatch], last: int | None = None
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


def _by_paragraphs(
    lines: Sequence[Line],
    entries: dict[int, tuple[When, str]],
    time_lines: frozenset[int],
    dated_time_lines: frozenset[int],
    by_line: dict[int, list[When]],
) -> Segmentation | None:
    """Prose that names several talks: each paragraph with one date of its own is a record.

    ("Il 23 marzo, il Dott. X propone …", "Am 26. Mai spricht …"), told one
    after another (the longest run of such paragraphs). Each needs its own time, or the text states one for all before the
    first ("tutti gli incontri … dalle 16.30"); a date in a deadline or a
    posting stamp anchors nothing.
    """
    from .timepick import MAIL_HEADER, NOT_THE_TALK, STAMP_LINE

    anchors: list[tuple[int, int, object]] = []
    runs: list[list[tuple[int, int, object]]] = []
    for i, j in _paragraphs(lines):
        whens = [w for k in range(i, j + 1) for w in by_line.get(k, ())]
        days = {_day(w) for w in whens}
        words = sum(len(_LETTERS.findall(ln.text)) for ln in lines[i : j + 1])
        context = [lines[k].text for k in range(i, j + 1) if k in by_line]
        if (
            len(days) == 1
            and words >= 6
            and not any(NOT_THE_TALK.search(c) for c in context)
            and not any(MAIL_HEADER.match(c) or STAMP_LINE.match(c) for c in context)
        ):
            anchors.append((i, j, next(iter(days))))
        elif anchors:
            runs.append(anchors)
            anchors = []
    runs.append(anchors)
    # the talks are told one paragraph after another; a date further on is something else
    anchors = max(runs, key=len)
    if len(anchors) < 2 or len({d for _, _, d in anchors}) < len(anchors):
        return None
    idxs = [a for a, _, _ in anchors]
    timed = [a for a, b, _ in anchors if any(t in time_lines for t in range(a, b + 1))]
    days = {d for _, _, d in anchors}
    if len(timed) == len(anchors):
        if len(anchors) < 3:  # two dated paragraphs with times: as likely a talk and a deadline
            return None
    elif timed or not _shared_time(lines, idxs, time_lines, dated_time_lines, days, by_line):
        return None
    records = [Record(a, b, entry_date_line=a) for a, b, _ in anchors]
    return Segmentation(records, records[0].first, "paragraphs")


def _mid_block(lines: Sequence[Line], seg: Segmentation) -> bool:
    """Whether most records start inside a paragraph (no blank line above their first line)."""
    inside = sum(1 for r in seg.records if r.first > 0 and not lines[r.first - 1].blank)
    return inside * 2 > len(seg.records)


def _paragraphs(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """The ``(first, last)`` line indexes of each run of non-blank lines."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if lines[i].blank:
            i += 1
            continue
        j = i
        while j + 1 < n and not lines[j + 1].blank:
            j += 1
        out.append((i, j))
        i = j + 1
    return out


def _by_occurrences(
    lines: Sequence[Line], occurrences: Sequence[tuple[int, object]]
) -> Segmentation | None:
    """Blocks of fields, each with its own dated time (``Datum: Onsdag 13/9`` / ``Tid: kl 11``).

    Each paragraph that holds the talk-like dated times of one day, and no
    other day's, is an occurrence; with three or more, each on its own day,
    the text is a listing. When the date is a field inside its block (not the
    block's first line), the title and description come before it: a record
    runs from the end of the previous occurrence's block to the end of its
    own, the first one reaching back as many paragraphs as the others do.
    Otherwise the date heads its block and the record runs to the next one.
    """
    paras = _paragraphs(lines)
    if len(paras) < 2:
        return None
    import bisect

    firsts = [a for a, _ in paras]
    days_of: dict[int, set[object]] = {}
    line_of: dict[int, int] = {}
    for line, day in occurrences:
        p = bisect.bisect_right(firsts, line) - 1
        if p < 0 or line > paras[p][1]:
            continue
        days_of.setdefault(p, set()).add(day)
        line_of.setdefault(p, line)
    anchors = sorted(p for p, d in days_of.items() if len(d) == 1)
    if len(anchors) < 3 or len(anchors) < len(days_of):
        return None  # two dated times: as likely a talk and its registration as two talks
    days = [next(iter(days_of[p])) for p in anchors]
    if len(set(days)) < len(days):
        return None  # one day named twice: a teaser and its details, not two talks
    inner = sum(1 for p in anchors if line_of[p] > paras[p][0])
    records: list[Record] = []
    if inner * 2 > len(anchors):  # the date is a field of its block: the block ends there
        gaps = [anchors[k] - anchors[k - 1] for k in range(1, len(anchors))]
        lead = min(gaps)  # the shortest block: the first one never swallows the intro
        start_p = max(0, anchors[0] - lead + 1)
        prev = start_p - 1
        for p in anchors:
            records.append(Record(paras[prev + 1][0], paras[p][1], entry_date_line=line_of[p]))
            prev = p
    else:
        ends = [*anchors[1:], len(paras)]
        for p, nxt in zip(anchors, ends, strict=True):
            records.append(Record(paras[p][0], paras[nxt - 1][1], entry_date_line=line_of[p]))
    return Segmentation(records, records[0].first, "occurrences")


def _split_days(
    lines: Sequence[Line], seg: Segmentation, slots: dict[int, TimeMatch]
) -> Segmentation:
    """A programme's day: an entry whose lines hold two or more slots is cut into its slots.

    The entry line (``Monday, July 8, 2024``) stays the day heading the slots
    take their date from; what comes before its first slot is the day's own
    prelude, not a talk.
    """
    import bisect

    out: list[Record] = []
    split = False
    keys = sorted(slots)
    for r in seg.records:
        lo, hi = bisect.bisect_right(keys, r.first), bisect.bisect_right(keys, r.last)
        inner = {i: slots[i] for i in keys[lo:hi]}
        day = _by_slots(lines, inner, last=r.last) if len(inner) >= 2 else None
        if day is None:
            out.append(r)
            continue
        split = True
        out.extend(day.records)
    if not split:
        return seg
    return Segmentation(out, seg.prelude_end, "programme")


def _timed(w: When) -> bool:
    from datetime import datetime

    return isinstance(w.start, datetime) and not getattr(w, "all_day", False)


def _day(w: When) -> object:
    s = w.start
    return s.date() if hasattr(s, "date") and callable(s.date) else s


_LETTERS = LazyPattern(r"[^\W\d_]{2,}")


def _has_content(lines: Sequence[Line], r: Record, rest: str) -> bool:
    """Whether a record holds words beyond its date."""
    if _LETTERS.search(rest):
        return True
    return any(_LETTERS.search(ln.text) for ln in lines[r.first + 1 : r.last + 1])
