"""Pick a talk's time among the candidates of its record, by precedence.

Precedence (highest first), as documented in ``docs/extraction.md``:

1. a time stated with its zone over one without (``04:00 PM Jerusalem``);
2. a time on a labeled line (``Time:``, ``When:``, ``Date:``) over prose;
0. a message's own stamp (``Wed, 9 Feb 2000 14:17:52 +0000``, also flattened
   into a line without its ``Date:``) and "posted"/"updated" banners lose to
   everything else;
3. the talk over what is not the talk: refreshments, lunch, snacks,
   "doors open", receptions, deadlines, ticket sales, "posted"/"updated"
   stamps lose; a timetable line says what its time is for (``20:00 the
   talk`` over ``19:30 meet in the bar``);
4. a time with an end over a bare start; earlier in the record wins ties.

When two talk-like candidates name different moments, the chosen one gets a
``time-conflict`` warning naming every candidate and its line, and saying so
when two differ by exactly the zone's UTC offset (a UTC/local mix-up).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import lru_cache

from seminorm.patterns import LazyPattern

from ..model import Notice
from ..rules import fold
from .lines import Line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..rules.when import When


def _not_the_talk() -> str:
    """What a time near it is not the talk's: food and drink (:mod:`seminorm.lang`'s
    ``refreshment_words``), deadlines, stamps, breaks, ticket sales."""
    from ..lang import alternation, merged

    source = rf"(?i)\b(?:(?:{alternation(merged('refreshment_words'))})\b|" + _NOT_THE_TALK_REST
    # its twin reads only where a word starts (see fold.keep_boundary): 2-3 times faster on
    # the short windows around each time it is asked about
    fold.keep_boundary(source)
    return source


_NOT_THE_TALK_REST = (
    r"doors?\s+open|social|"
    r"deadline|register\s+by|registration\s+(?:closes|deadline)|submit|"
    r"posted|updated?|last\s+(?:updated|modified)|published|mise\s+à\s+jour|"
    r"actualizaci[oó]n|aktualisiert|aggiornat[oa]|publié|modifié|publicado|atualizado|pubblicato|"
    r"gepubliceerd|bijgewerkt|publicerad|uppdaterad|更新日|投稿日|公開日|发布时间|发布日期|작성일|등록일|"
    r"pausa|pause|wrote|a\s+écrit|schrieb|escribió|ha\s+scritto|"
    r"tickets?|on\s+sale|become\s+available|registration\s+opens?|sign-?ups?\s+open|"
    r"inscri(?:ptions?|ções)\s+(?:abertas|ouvertes)|anmeldung\s+ab|bar\b|pub\b)"
)
NOT_THE_TALK = LazyPattern(_not_the_talk)
RESCHEDULED = LazyPattern(
    r"(?i)(?:now\s+(?:on|at)|moved\s+to|postponed\s+(?:to|until)|rescheduled\s+(?:to|for)|"
    r"new\s+date|neuer\s+termin|verschoben\s+auf|reporté\s+(?:au|à)|nouvelle\s+date|"
    r"aplazad[oa]\s+al|trasladad[oa]\s+al|rinviat[oa]\s+al|spostat[oa]\s+al)\W{0,3}(?:\w+\W{1,3})?$"
)
WAS = LazyPattern(
    r"(?i)(?:\bwas|previously|originally|initially|formerly|ursprünglich|statt|initialement|"
    r"au\s+lieu\s+du|antes|invece\s+del)\W{0,3}(?:\w+\W{1,3})?$"
)
MAIL_HEADER = LazyPattern(
    r"(?im)^[ \t>]*(?:date|sent|envoyé|gesendet|enviado|inviato|datum|verzonden|skickat|sendt|"
    r"送信日時|发送时间|發送時間|보낸\s?날짜)\s*[:：].*(?:[+-]\d{4}\b|\bGMT\b|\d:\d\d:\d\d)"
)
TALK_CUES = LazyPattern(
    r"(?i)\b(?:talks?|seminar|colloquium|lecture|starts?|starting|begins?|will\s+speak|"
    r"vortrag|séminaire|conférence|conferencia|seminario|présentera|nos\s+hablar[aá])"
)
#: A line that is nothing but a timestamp with seconds (``Fri Apr 17 11:05:36 UTC 2009``):
#: a mailing-list archive's posting stamp, never the talk.
STAMP_LINE = LazyPattern(
    r"(?i)^[\s>*]{0,8}(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6},?\s{1,3}"
    r"(?:\d{1,2}\s{1,3})?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s{1,3}"
    r"(?:\d{1,2}\s{1,3})?(?:\d{4}\s{1,3})?\d{1,2}:\d\d:\d\d"
    r"(?:\s{1,3}(?:[A-Z]{2,5}|[+-]\d{4}))?(?:\s{1,3}\d{4})?\s*$"
)
_TIME_LABELS = frozenset({"time", "when", "date"})


def entry_lines(
    lines: Sequence[Line], whens: Sequence[When], text: str
) -> dict[int, tuple[When, str]]:
    """Lines that begin with a date: ``{line index: (candidate, rest of line)}``."""
    offsets = [0]
    for ln in lines[:-1]:
        offsets.append(offsets[-1] + len(ln.raw) + 1)
    out: dict[int, tuple[When, str]] = {}
    heads: dict[int, tuple[int, int, int]] = {}
    for w in whens:
        idx = w.line - 1
        if not (0 <= idx < len(lines)) or idx in out:
            continue
        raw = lines[idx].raw
        a, b = w.span
        pos = a - offsets[idx]
        if not (0 <= pos <= len(raw)):
            continue
        head = heads.get(idx)
        if head is None:
            head = heads[idx] = _head(raw)
        lead, lo, hi = head
        if pos <= lead or lo <= pos <= hi:
            rest = raw[max(0, b - offsets[idx]) :]
            if str(w.rule).startswith("date/relative") and rest.lstrip()[:1] not in _ENTRY_MARKS:
                continue  # "This evening features two speakers, …": a sentence, not an entry
            out[idx] = (w, rest)
    return out


#: What follows the date of an entry line that begins with a relative day ("Today: …").
_ENTRY_MARKS = frozenset(":-–—|*")


_BULLETS = LazyPattern(r"[\s>#*•·\-–—_|\[(]*")
_NUMBERED = LazyPattern(r"\d{1,3}[.)]")
_SPACES = LazyPattern(r"\s*")
_NEWLINE = LazyPattern("\n")


def _head(raw: str) -> tuple[int, int, int]:
    """Where a line's bullets end, and the range a number after them (``2.``, ``3)``) lets
    its entry begin (``(-1, -1)`` when there is none): a candidate at ``pos`` begins the line
    exactly when ``raw[:pos]`` is bullets, then optionally such a number and spaces. Worked
    out once per line, not once per candidate (a copy of the line per candidate grows with
    the square of a long line)."""
    m = _BULLETS.match(raw)
    lead = m.end() if m else 0
    num = _NUMBERED.match(raw, lead)
    if num is None:
        return lead, -1, -1
    sp = _SPACES.match(raw, num.end())
    return lead, num.end(), sp.end() if sp else num.end()


def score(w: When, lines: Sequence[Line], text: str) -> float:
    """How likely a candidate is the talk's own time (higher is better)."""
    s = float(getattr(w, "score", 1.0))
    if s <= 0.2:
        s -= 6.0  # a message's stamp or a "posted"/"updated" banner, even with its zone
    ln = lines[w.line - 1] if 0 < w.line <= len(lines) else None
    if w.zone_source == "stated":
        s += 3.0
    if ln is not None and ln.label and ln.label[0] in _TIME_LABELS:
        s += 1.5
    near = _near(text, w)
    if _mail_header_line(text, _line_start(text, w.span[0])):
        s -= 6.0
    after = _after(text, w)
    if fold.search(NOT_THE_TALK, near):
        s -= 4.0
    elif fold.search(TALK_CUES, near) or _LEADS_TO_TALK.match(after):
        s += 0.5
    elif _LEADS_ELSEWHERE.match(after):
        s -= 1.0  # "19:30 meet in the bar", "21:00 general discussion"
    ds = getattr(w, "date_span", None) or w.span
    before_date = text[max(0, ds[0] - 40) : ds[0]]
    if fold.search(RESCHEDULED, before_date):
        s += 3.0  # "RESCHEDULED: now on Tuesday 1 April"
    elif fold.search(WAS, before_date):
        s -= 3.0  # "(was 18 March)"
    if not has_time(w):
        s -= 3.0
    if w.end is not None:
        s += 0.3
    return s


def _near(text: str, w: When) -> str:
    """The words just before a candidate's time of day (where 'snacks at' is)."""
    sp = getattr(w, "time_span", None) or w.span
    return text[max(_line_start(text, sp[0]), sp[0] - 40) : sp[1]]


@lru_cache(maxsize=4)
def _line_starts(text: str) -> tuple[int, ...]:
    """Where each line of ``text`` begins (computed once per text, not per candidate)."""
    return (0, *(m.end() for m in _NEWLINE.finditer(text)))


def _line_start(text: str, pos: int) -> int:
    """The start of the line ``pos`` is on: a search backwards would cost the line's length."""
    starts = _line_starts(text)
    return starts[bisect.bisect_right(starts, pos) - 1]


@lru_cache(maxsize=1024)
def _mail_header_line(text: str, start: int) -> bool:
    """The line at ``start`` is a mail header's date (``Date: Thu, 3 May 2001 08:41:15 -0700``)
    or a posting stamp (``Fri Apr 17 11:05:36 UTC 2009``); judged once per line."""
    end = text.find("\n", start)
    whole = text[start : end if end >= 0 else len(text)]
    return bool(MAIL_HEADER.match(whole) or STAMP_LINE.match(whole))


#: A time followed by what happens then (a timetable line: ``20:00 the talk``).
_LEADS_TO_TALK = LazyPattern(
    r"(?i)[\s:\-–—]{0,4}(?:the\s+|le\s+|la\s+|der\s+|die\s+|el\s+)?"
    r"(?:talk|lecture|seminar|presentation|keynote|vortrag|conférence|exposé|charla|palestra)\b"
)
_LEADS_ELSEWHERE = LazyPattern(
    r"(?i)[\s:\-–—]{0,4}(?:-?ish\s+)?(?:meet\b|gather|general\s+discussion|discussion|q\s*&\s*a|"
    r"drinks|reception|dinner|lunch|coffee|tea\b|doors|registration|welcome|networking|"
    r"close|closing|end\b|wrap)"
)


def _after(text: str, w: When) -> str:
    """The words right after a candidate's time of day, on its line."""
    sp = getattr(w, "time_span", None) or w.span
    stop = text.find("\n", sp[1])
    return text[sp[1] : min(sp[1] + 40, stop if stop >= 0 else len(text))]


def has_time(w: When) -> bool:
    return isinstance(w.start, datetime) and not getattr(w, "all_day", False)


def pick(
    cands: Sequence[When], lines: Sequence[Line], text: str
) -> tuple[When, list[Notice], When | None]:
    """Choose the talk's candidate; return it, the warnings, and a candidate to borrow an end from."""
    scores = {id(w): score(w, lines, text) for w in cands}
    ranked = sorted(cands, key=lambda w: (-scores[id(w)], w.line, w.span[0]))
    best = ranked[0]
    notices: list[Notice] = []
    rivals: list[When] = []
    for w in ranked[1:]:
        if (
            has_time(w)
            and scores[id(w)] > -1.0
            and not _same_moment(w, best)
            and not _is_end_of(w, best)  # "3-4:30 pm … ends at 4:30 pm": its end told again
            and not any(_same_moment(w, r) for r in rivals)
            and not fold.search(NOT_THE_TALK, _near(text, w))
        ):
            rivals.append(w)
    borrow = None
    if has_time(best) and best.end is None:
        # "Time: 3:30" in the header, "3:30 - 5:00pm" in the body: the same start, with its end
        borrow = next(
            (w for w in ranked[1:] if has_time(w) and w.end is not None and _same_moment(w, best)
             and not fold.search(NOT_THE_TALK, _near(text, w))),
            None,
        )  # fmt: skip
    if rivals and has_time(best):
        parts = [_describe(best, chosen=True)] + [_describe(w) for w in rivals]
        msg = "the text gives different times: " + "; ".join(parts)
        for w in rivals:
            hint = _offset_mixup(best, w)
            if hint:
                msg += f"; {hint}"
                borrow = w
                break
        notices.append(Notice(code="time-conflict", message=msg, field="start"))
    return best, notices, borrow


def _same_moment(a: When, b: When) -> bool:
    sa, sb = a.start, b.start
    if isinstance(sa, datetime) and isinstance(sb, datetime):
        if (sa.tzinfo is None) != (sb.tzinfo is None):
            return sa.replace(tzinfo=None) == sb.replace(tzinfo=None)
        return bool(sa == sb)
    return bool(sa == sb)


def _is_end_of(w: When, best: When) -> bool:
    end, start = best.end, w.start
    if not (isinstance(end, datetime) and isinstance(start, datetime)):
        return False
    return end.replace(tzinfo=None) == start.replace(tzinfo=None)


def _describe(w: When, chosen: bool = False) -> str:
    """A candidate for a message: its moment and where it was found.

    When its time is on another line than its date, both lines are named,
    and the words quoted are the time's.
    """
    s = w.start
    when = s.strftime("%Y-%m-%d %H:%M") if isinstance(s, datetime) else str(s)
    zone = f" {w.timezone}" if getattr(w, "timezone", None) else ""
    snippet = " ".join((getattr(w, "text", "") or "").split())[:60]
    tag = "chosen" if chosen else "also"
    where = f"line {w.line}"
    source, span = getattr(w, "source", None), getattr(w, "time_span", None)
    if isinstance(source, str) and span:
        line = source.count("\n", 0, span[0]) + 1
        if line != w.line:
            first = source.rfind("\n", 0, span[0]) + 1
            last = source.find("\n", span[0])
            snippet = " ".join(source[first : last if last >= 0 else len(source)].split())[:60]
            where = f"date on line {w.line}, time on line {line}"
    return f"{when}{zone} ({tag}; {where}: '{snippet}')"


def _offset_mixup(a: When, b: When) -> str | None:
    """Say so when two candidates differ by exactly the zone's UTC offset."""
    sa, sb = a.start, b.start
    if not (isinstance(sa, datetime) and isinstance(sb, datetime)):
        return None
    zoned = sa if sa.tzinfo is not None else sb if sb.tzinfo is not None else None
    if zoned is None:
        return None
    off = zoned.utcoffset()
    if not off:
        return None
    wall_a, wall_b = sa.replace(tzinfo=None), sb.replace(tzinfo=None)
    diff = abs(wall_a - wall_b)
    if diff == abs(off):
        sign = "+" if off >= timedelta(0) else "-"
        hours, rem = divmod(int(abs(off).total_seconds()) // 60, 60)
        zone = getattr(a, "timezone", None) or getattr(b, "timezone", None) or "the zone"
        return (
            f"they differ by exactly {zone}'s UTC offset ({sign}{hours:02d}:{rem:02d}), "
            "the mark of a UTC/local mix-up"
        )
    return None
