"""Text extraction: from an announcement's text to complete events.

Takes a text, a :class:`~seminorm.context.Context` and the
:class:`~seminorm.readers.Hints` of its container; gives its events, one per
talk, each field with its provenance.

The steps, each in its own module:

1. ``rules.when.find_when`` finds every date/time candidate, with zones.
2. :mod:`.segment` cuts the text into one record per talk.
3. :mod:`.timepick` picks each record's time by precedence and reports
   conflicts; :mod:`.assemble` fills title, series, speakers, place, online
   meeting, links and abstract from the record (and the shared prelude).
4. Structured data handed in by a container (JSON-LD…) wins where it speaks.

A text with no timed event raises :class:`~seminorm.errors.NoEventError`
saying what it found: "dates but no time found", "times but no date found",
"no date or time found".
"""

from __future__ import annotations

from datetime import datetime

from seminorm.patterns import LazyPattern

from ..context import Context
from ..errors import NoEventError
from ..model import Event, Source
from ..plain import replace
from ..readers import Hints

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..rules.timematch import TimeMatch
    from ..rules.when import When
    from .lines import Line
    from .segment import Segmentation


def parse_text(text: str, ctx: Context, hints: Hints | None = None) -> list[Event]:
    """Return the events of an announcement's text (see the module docstring)."""
    from ..rules.times import find_times
    from ..rules.when import find_when
    from ..rules.zones import infer_zone
    from ..zones.policy import default_zone
    from .assemble import assemble
    from .doc import Doc
    from .segment import segment, to_lines
    from .session import split_session
    from .timepick import entry_lines

    hints = hints or Hints()
    text = _normalise(text)
    lines = to_lines(text)
    reference = ctx.reference_date(hints.document_date)

    default_tz, guess = default_zone(ctx.tz, lambda: infer_zone(text))
    whens: list[When] = list(
        find_when(
            text,
            reference=reference,
            default_tz=default_tz,
            date_order=ctx.date_order,
        )
    )
    whens = _drop_inside_dial_in(text, whens)
    times = find_times(text)
    dated = frozenset(w.line - 1 for w in whens if isinstance(w.start, datetime) and not w.all_day)
    by_line: dict[int, list[When]] = {}
    for w in whens:
        if w.start is not None and not w.conversion:
            by_line.setdefault(w.line - 1, []).append(w)
    seg = segment(
        lines,
        entry_lines(lines, whens, text),
        _time_lines(text, times),
        dated,
        _slot_lines(text, times),
        by_line,
        _occurrences(lines, whens, text),
    )
    if seg.shape == "single":  # "two talks by X": his first at 4 pm, his second at 5 pm
        from .session import by_talk_times

        seg = by_talk_times(lines, text, times, whens) or seg
    _cut_signature(lines, seg, whens)
    body_start, subject = skip_mail_headers(lines)
    if body_start and seg.shape == "single" and body_start < len(lines):
        seg.records[0].first = body_start
        seg.prelude_end = body_start
        if subject and hints.title is None:
            hints = replace(hints, title=subject)
    doc = Doc(
        times=times,
        text=text,
        lines=lines,
        whens=whens,
        seg=seg,
        ctx=ctx,
        hints=hints,
        zone_guess=guess,
    )
    events = [
        part
        for rec in seg.records
        if (ev := assemble(doc, rec)) is not None
        for part in split_session(doc, rec, ev)
    ]
    if not events and seg.shape != "single":  # the cut was wrong: read the text as one
        from .segment import Record, Segmentation

        doc.seg = Segmentation([Record(0, max(len(lines) - 1, 0))], 0, "single")
        doc.chosen.clear()
        doc._prelude = None
        doc.memo.clear()
        events = [ev for rec in doc.seg.records if (ev := assemble(doc, rec)) is not None]
    if len(events) == 1 and doc.seg.shape == "single":  # "March 10 - 14, daily from 10 am"
        from .recur import daily_events

        events = daily_events(doc, events[0])
    if not events:  # no dated occurrence: a weekly time ("every Wednesday at 4 pm") is one
        from .recur import weekly_event

        weekly = weekly_event(doc)
        events = [weekly] if weekly is not None else []
    events = _drop_stamps(events, whens)
    if len(events) > 1:  # a header block and the announcement under it: one talk
        from .merge import merge_same_talk

        events = merge_same_talk(events)
    if seg.shape != "single":
        events = drop_sessions(events)
    if hints.structured:
        from .merge import merge_structured

        events = merge_structured(events, list(hints.structured))
    if not events:
        if any(getattr(w, "all_day", False) or w.start is not None for w in whens):
            raise NoEventError("dates but no time found")
        if times:
            raise NoEventError("times but no date found")
        raise NoEventError("no date or time found")
    fmt = hints.format
    return [replace(ev, source=Source(format=fmt, event_index=i)) for i, ev in enumerate(events)]


def _drop_stamps(events: list[Event], whens: list[When]) -> list[Event]:
    """Events whose only time is a message's own stamp go, when others remain.

    ``Wed, 9 Feb 2000 14:17:52 +0000`` (a pasted or flattened ``Date:`` header,
    a ``posted``/``updated`` banner) dates the text, not a talk: such moments
    score 0.2 or less in :func:`seminorm.rules.when.find_when`.
    """
    if len(events) < 2:
        return events
    stamps = {w.start for w in whens if isinstance(w.start, datetime) and w.score <= 0.2}
    if not stamps:
        return events
    talks = {w.start for w in whens if isinstance(w.start, datetime) and w.score > 0.2}
    keep = [ev for ev in events if not (ev.start in stamps and ev.start not in talks)]
    return keep or events


def _occurrences(lines: list[Line], whens: list[When], text: str) -> list[tuple[int, object]]:
    """The talk-like dated times of a text: ``(line index, day)`` of each.

    Not a conversion of another time, not refreshments, deadlines, stamps or
    a "was 18 March" (their score is negative, :func:`.timepick.score`).
    """
    from .timepick import has_time, score

    out: list[tuple[int, object]] = []
    for w in whens:
        start = w.start
        if isinstance(start, datetime) and has_time(w) and not w.conversion:
            if score(w, lines, text) > 0:
                out.append((w.line - 1, start.date()))
    return out


def drop_sessions(events: list[Event]) -> list[Event]:
    """A programme's session rows are not talks: a span that holds two or more talks of its own.

    ("9:10 - 9:36  Session 1, chair X" over "9:10 - 9:23" and "9:23 - 9:36").
    Linear in the talks of one day after sorting by start.
    """
    timed = [e for e in events if isinstance(e.start, datetime) and isinstance(e.end, datetime)]
    if len(timed) < 3:
        return events
    order = sorted(timed, key=lambda e: (e.start, -(e.end - e.start)))  # type: ignore[operator]
    drop: set[int] = set()
    for k, outer in enumerate(order):
        inside = 0
        for inner in order[k + 1 : k + 60]:  # a session holds a few talks: bounded, linear
            if inner.start >= outer.end:  # type: ignore[operator]
                break
            if inner.end <= outer.end and (inner.start, inner.end) != (outer.start, outer.end):  # type: ignore[operator]
                inside += 1
                if inside >= 2:
                    drop.add(id(outer))
                    break
    return [e for e in events if id(e) not in drop]


_NEWLINE = LazyPattern("\n")
#: what may come before a time that begins a line (bullets, dashes, quote marks)
_LEAD = LazyPattern(r"[ \t\-–—*•·|>#\[]*")
_QUOTE_MARKS = LazyPattern(r"(?m)^[ \t]{0,3}(?:>[ \t]?){1,8}")
_MAIL_HEADER_LINE = LazyPattern(
    r"(?i)^\s*(from|to|cc|date|sent|subject|objet|betreff|asunto|oggetto|envoyé|gesendet|"
    r"de|von|à|an|para|da|a|reply-to|message-id)\s*:"
)


#: the Subject line of a pasted header block, in its languages; group 1 is the subject
_SUBJECT_HEADER_LINE = LazyPattern(r"(?i)^\s*(?:subject|objet|betreff|asunto|oggetto)\s*:\s*(.+)")


def skip_mail_headers(lines: list[Line]) -> tuple[int, str | None]:
    """Where the body starts after a pasted e-mail header block, and its Subject."""
    best, subject = 0, None
    i = 0
    while i < len(lines):
        j = i
        subj = None
        names: set[str] = set()
        while j < len(lines) and (header := _MAIL_HEADER_LINE.match(lines[j].raw)):
            names.add(header.group(1).lower())
            m = _SUBJECT_HEADER_LINE.match(lines[j].raw)
            if m:
                subj = m.group(1).strip()
            j += 1
        if len(names) >= 2:  # "Date: 1 May, 16:00" / "Date: 2 May, 16:30" is no mail header
            best, subject = j, subj or subject
        # a block inside this one has no more names: never read a line twice
        i = max(j, i + 1)
    return best, subject


_SIGNOFF = LazyPattern(
    r"(?i)^\s*(?:kind\s+regards|best\s+regards|best\s+wishes|regards|best|cheers|thanks|many\s+thanks|"
    r"sincerely|yours|cordialement|bien\s+cordialement|mit\s+freundlichen\s+grüßen|viele\s+grüße|"
    r"beste\s+grüße|saludos(?:\s+cordiales)?|un\s+saludo|cordiali\s+saluti|distinti\s+saluti|"
    r"a\s+presto|--)\s*[,.!]?\s*$"
)


def _cut_signature(lines: list[Line], seg: Segmentation, whens: list[When]) -> None:
    """End a one-talk text at its sign-off (``Kind regards,``): the signature is not the talk."""
    if seg.shape != "single" or not seg.records:
        return
    rec = seg.records[0]
    last_when = max((w.line - 1 for w in whens), default=-1)
    for ln in lines[rec.first : rec.last + 1]:
        if ln.index > last_when and _SIGNOFF.match(ln.raw):
            rec.last = max(rec.first, ln.index - 1)
            return


def _normalise(text: str) -> str:
    """Line endings and the spaces that copy-paste brings in."""
    if "\n>" in text or text.startswith(">"):
        text = _QUOTE_MARKS.sub("", text)
    if "\\n" in text:  # line breaks escaped upstream (copied from JSON or ICS source)
        text = text.replace("\\r\\n", "\n").replace("\\n", "\n")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "<" in text:  # Markdown pages with inline HTML
        from .markup import strip_markup

        text = strip_markup(text)
    for ch in ("\u00a0", "\u202f", "\u2007", "\u2009"):
        if ch in text:
            text = text.replace(ch, " ")
    for ch in ("\u200b", "\ufeff", "\u2060", "\u00ad"):
        if ch in text:
            text = text.replace(ch, "")
    return text


def _slot_lines(text: str, times: list[TimeMatch]) -> dict[int, TimeMatch]:
    """Lines that begin with a time of day: ``{line index: time}``."""
    import bisect

    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    out: dict[int, TimeMatch] = {}
    lead_ends: dict[int, int] = {}  # per line: where its leading bullets and spaces end
    for tm in times:
        idx = bisect.bisect_right(starts, tm.span[0]) - 1
        if getattr(tm, "conversion", False):  # "• 9:00 am in Vancouver": the same time elsewhere
            continue
        if idx in out:
            continue
        lead = lead_ends.get(idx)
        if lead is None:
            m = _LEAD.match(text, starts[idx])
            lead = lead_ends[idx] = m.end() if m else starts[idx]
        if lead >= tm.span[0]:
            out[idx] = tm
    return out


def _time_lines(text: str, times: list[TimeMatch]) -> frozenset[int]:
    """Indexes of the lines that hold a time of day."""
    import bisect

    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    return frozenset(bisect.bisect_right(starts, tm.span[0]) - 1 for tm in times)


def _drop_inside_dial_in(text: str, whens: list[When]) -> list[When]:
    """Numbers in dial-in lists and meeting IDs are never dates or times."""
    import bisect

    from ..rules.meetings import dial_in_spans

    spans = dial_in_spans(text)
    if not spans:
        return whens
    # the spans' union as disjoint intervals, so that each candidate is one bisection
    # (a scan of every span per candidate grows with the square of a long listing)
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    starts = [s for s, _ in merged]
    out = []
    for w in whens:
        a, b = w.span
        i = bisect.bisect_right(starts, a) - 1  # a in some [s, e)
        if i >= 0 and a < merged[i][1]:
            continue
        j = bisect.bisect_left(starts, b) - 1  # b in some (s, e]
        if j >= 0 and b <= merged[j][1]:
            continue
        out.append(w)
    return out
