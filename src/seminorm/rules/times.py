"""Times of day: ``2:30-3:30pm``, ``14h30-16h``, ``18.15 Uhr``, ``alle 17``,
``a las 18:30 horas``, ``noon``, ``3 PM``, ``16:00–17:30 CET``, with the
zone written right after them and a duration that gives the end.

A :class:`TimeMatch` keeps the hours *as written* (``3`` in ``3pm``) with the
meridiem; :func:`resolve_meridiem` turns them into a 24-hour clock. In a range
the end's am/pm spreads to the start when that keeps the start before the
end (``11-1pm`` is 11am to 1pm, ``2:30-3:30pm`` is 2:30pm to 3:30pm).

Traps: ``04/05/2021`` is a date, ``Room 3.14`` and ``2.5`` are numbers (a
dotted time needs ``Uhr``/``h``/am-pm or a word such as ``um``/``alle``/``at``
before it), ``3:2`` is a ratio, phone numbers and meeting IDs are not times,
``1h30`` after ``for``/``durée`` is a duration.

>>> t = find_times("TIME: 2:30pm – 3:20pm")[0]
>>> (t.start, t.end, t.meridiem, t.end_meridiem)
((2, 30), (3, 20), 'pm', 'pm')
>>> resolve_meridiem(*t.start, t.meridiem, t)
(14, 30)
"""

from __future__ import annotations

import re
from functools import lru_cache

from seminorm.patterns import LazyPattern

from . import cjk as _cjk
from . import fold
from .base import Rule
from .timematch import TimeMatch
from .timetail import attach_tail


def resolve_meridiem(
    h: int, m: int, meridiem: str | None, context: object = None
) -> tuple[int, int]:
    """The 24-hour ``(hour, minute)`` of a time as written.

    With am/pm: as stated (``12am`` is midnight, ``12pm`` noon). Without, when
    ``context`` is ``"24h"`` or a :class:`TimeMatch` whose form shows a
    24-hour clock, or the hour is 0 or 13-23, the hour stands. Otherwise, what
    seminars do: 1-7 are afternoon (``3:45`` is 15:45), 8-11 morning, 12 noon.

    >>> resolve_meridiem(3, 45, None), resolve_meridiem(9, 0, None), resolve_meridiem(12, 0, "am")
    ((15, 45), (9, 0), (0, 0))
    >>> resolve_meridiem(7, 30, None, "24h")
    (7, 30)
    """
    if meridiem == "pm":
        return (h + 12 if h < 12 else h, m)
    if meridiem == "am":
        return (0 if h == 12 else h, m)
    if context == "24h" or getattr(context, "clock24", False):
        return (h, m)
    if 1 <= h <= 7:
        return (h + 12, m)
    return (h, m)


_MER = r"(?:[ap]\.?[ \t]?m\.?(?![a-z])|noon|midnight)"
_SEP = r"[ \t]{0,3}(?:-|–|—|~|〜|～|to|until|till|bis|à|às|a|até|au|al|tot|–)[ \t]{0,3}"


def _hour_words() -> str:
    """The words for "o'clock" after a time (``Uhr``, ``uur``, ``horas``, ``heures``,
    ``o'clock``): the ``hour_words`` of every language of :mod:`seminorm.lang`."""
    from ..lang import alternation, merged

    return alternation(merged("hour_words"))


def _end_min_ok() -> str:
    """After ``16:00-17``: what makes ``17`` an hour (minutes, am/pm, an hour word)."""
    return rf"(?=:[0-5]\d|[ \t]{{0,2}}(?:[ap]\.?[ \t]?m(?![a-z])|(?:{_hour_words()})\b|h\b))"


_TAIL = r"(?![\d]|[.,:]\d)"
_F = re.IGNORECASE


def _mer(s: str | None) -> str | None:
    if not s:
        return None
    s = s.lower()
    if s == "noon":
        return "pm"
    if s == "midnight":
        return "am"
    return "am" if s.startswith("a") else "pm"


def _to24(h: int, mer: str | None) -> int:
    return resolve_meridiem(h, 0, mer, "24h")[0]


def _build(m: re.Match[str], rule: str, h: int, mi: int, h2: int | None, m2: int | None,
           mer: str | None, mer2: str | None, colon: bool, clock24: bool) -> TimeMatch | None:  # fmt: skip
    if h > 24 or mi > 59 or (h == 24 and mi) or (h2 is not None and (h2 > 24 or (m2 or 0) > 59)):
        return None
    if mer is not None and not 1 <= h <= 12:
        return None
    if mer2 is not None and h2 is not None and not 1 <= h2 <= 12:
        return None
    end = (h2, m2 or 0) if h2 is not None else None
    if mer is None and mer2 is not None and end is not None and h <= 12:
        mer = mer2
        if _to24(h, mer2) * 60 + mi > _to24(end[0], mer2) * 60 + end[1]:
            mer = "am" if mer2 == "pm" else "pm"
    if h >= 13 or h == 0 or (h2 is not None and h2 >= 13):
        clock24 = clock24 or mer is None
    if clock24 and (mer or mer2):
        clock24 = False
    return TimeMatch(
        m.span(), (h, mi), end, mer, mer2 if end else None, colon, None, None, rule, clock24
    )


def _g(m: re.Match[str], name: str) -> int | None:
    v = m.groupdict().get(name)
    return int(v) if v else None


def _x_clock(m: re.Match[str]) -> TimeMatch | None:
    hs = m.group("h")
    suffix = (m.group("suf") or "").lower()
    padded = len(hs) == 2 and hs.startswith("0")
    return _build(
        m, "time/clock", int(hs), int(m.group("m")), _g(m, "h2"), _g(m, "m2"),
        _mer(m.group("mer")), _mer(m.group("mer2")), True, padded or bool(suffix),
    )  # fmt: skip


_DURATION_BEFORE = LazyPattern(
    r"(?i)(?:for|durée|duration|dauer|durata|pendant|lasting|about|environ|de)\s*:?\s*$"
)
_PREP_BEFORE = LazyPattern(
    r"(?i)(?:\b(?:um|ab|alle(?:\s+ore)?|ore|dalle|at|à|às|a\s+las|las|from|von|vers|gegen|starting|begins?|bis|till|until|om|kl\.?|klockan|klokka)\s*"
    r"|\b(?:time|zeit|uhrzeit|ora|orario|heure|horaire|hora|horario|horário|tijd|tid|when|wann|quand)\s*:\s*"
    r"|\bh\.\s?)$"
)


def _x_h(m: re.Match[str]) -> TimeMatch | None:
    before = m.string[max(0, m.start() - 16) : m.start()]
    if _DURATION_BEFORE.search(before) and not before.rstrip().lower().endswith("de"):
        return None
    if int(m.group("h")) == 24:
        return None  # "24h/24", "24h service"
    return _build(m, "time/h", int(m.group("h")), _g(m, "m") or 0, _g(m, "h2"), _g(m, "m2"),
                  None, None, False, True)  # fmt: skip


def _x_dot(m: re.Match[str]) -> TimeMatch | None:
    suffix = m.group("suf")
    before = m.string[max(0, m.start() - 16) : m.start()]
    if not suffix and m.group("h2") is None and not _PREP_BEFORE.search(before):
        return None  # "Room 3.14"; but "16.00-17.00" and "Time: 16.00" are times
    mer = _mer(m.group("mer"))
    return _build(m, "time/dot", int(m.group("h")), int(m.group("m")), _g(m, "h2"), _g(m, "m2"),
                  None if mer is None else mer, mer, False, mer is None)  # fmt: skip


def _x_hour(m: re.Match[str]) -> TimeMatch | None:
    mer, suf = _mer(m.group("mer")), m.group("suf")
    mer2 = _mer(suf) if suf and suf[0].lower() in "apnm" else None
    if mer is None and suf is None and m.group("m2") is None:
        return None  # "3 people"; but "11-12:30" is a range
    if suf and suf.lower() == "h" and m.group("h2") is None:
        return None  # "14 h" alone is time/h's (which knows "durée 1 h"); "de 10 a 12 h" is a range
    clock24 = mer is None and mer2 is None
    if m.group("h2") is None:
        mer = mer or mer2
        mer2 = None
    minute = 15 if suf and "c." in suf.lower() else 0  # "16 c.t.", "18 Uhr c.t.": academic quarter
    return _build(m, "time/hour", int(m.group("h")), minute, _g(m, "h2"), _g(m, "m2"),
                  mer, mer2, False, clock24)  # fmt: skip


def _x_prep(m: re.Match[str]) -> TimeMatch | None:
    h = int(m.group("h"))
    if m.group("m") is None and not 8 <= h <= 23:
        return None  # "alle 3 Wochen" is "every 3 weeks"
    return _build(m, "time/prep", h, _g(m, "m") or 0, _g(m, "h2"), _g(m, "m2"),
                  None, None, m.group("m") is not None and ":" in m.group(0), True)  # fmt: skip


def _x_at(m: re.Match[str]) -> TimeMatch | None:
    """``talk at 4.``: a bare hour after ``at`` at the end of a clause (seminar hours)."""
    return _build(m, "time/at", int(m.group("h")), 0, None, None, None, None, False, False)


def _x_word(m: re.Match[str]) -> TimeMatch | None:
    if m.start() and (m.string[m.start() - 1].isalnum() or m.string[m.start() - 1] == "_"):
        return None  # "afternoon" (the pattern has no leading \b: it is faster without)
    w = m.group("w").lower()
    h = 0 if w in ("midnight", "minuit", "medianoche", "mezzanotte") else 12
    mer = "am" if h == 0 else "pm"
    return _build(
        m, "time/word", 12, 0, _g(m, "h2"), _g(m, "m2"), mer, _mer(m.group("mer2")), False, False
    )


def _x_cjk(m: re.Match[str]) -> TimeMatch | None:
    """``午後2時30分``, ``晚上八点到九点``, ``오후 3시 반``, ``14時〜16時``."""
    h, mer = _cjk.cjk_number(m.group("h")), _cjk.day_part(m.group("p"))
    if h is None:
        return None
    mi = _cjk_minutes(m.group("m"), m.group("half"), m.group("mm"))
    h2 = _cjk.cjk_number(m.group("h2")) if m.group("h2") else None
    m2 = _cjk_minutes(m.group("m2"), m.group("half2"), m.group("mm2")) if h2 is not None else None
    if mi is None or (h2 is not None and m2 is None):
        return None
    mer2 = _cjk.day_part(m.group("p2"))
    if mer is not None and h > 12:
        mer = None  # "下午14点": the hour says it all
    if h2 is not None and mer2 is None and mer is not None and 1 <= h2 <= 12:
        mer2 = "pm" if mer == "am" and h2 == 12 else mer  # "晚上八点到九点": both in the evening
    if mer2 is not None and h2 is not None and h2 > 12:
        mer2 = None
    clock24 = mer is None and mer2 is None and (h >= 13 or h == 0 or (h2 or 0) >= 13)
    return _build(m, "time/cjk", h, mi, h2, m2, mer, mer2, False, clock24)


def _cjk_minutes(number: str | None, half: str | None, digits: str | None) -> int | None:
    if half:
        return 30
    if number:
        return _cjk.cjk_number(number)
    return int(digits) if digits else 0


#: The rules that start with an hour start with one or two digits.
_HOUR_DIGITS = (range(1, 3),)


def _value(t: TimeMatch | None) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    if t is None:
        return None
    start = resolve_meridiem(*t.start, t.meridiem, t)
    end = resolve_meridiem(*t.end, t.end_meridiem, t) if t.end else None
    if end is not None and t.end_meridiem is None and not t.clock24 and end < start and end[0] < 12:
        end = (end[0] + 12, end[1])
    return (start, end)


def _wrap(rule: Rule[TimeMatch]) -> Rule[tuple[tuple[int, int], tuple[int, int] | None]]:
    f = rule.extract
    return Rule(
        rule.name,
        rule.pattern,
        lambda m: _value(f(m)),
        rule.examples,
        rule.counterexamples,
        rule.digits,
    )


#: The time rules; their examples compare the 24-hour ``(start, end)``.


#: Words without which a rule cannot match: a substring test (fast, in C)
#: spares the regular expression a scan of the whole text.
_GATES = {
    "time/word": ("noon", "midday", "midnight", "mezzo", "mediod", "medianoche", "minuit", "midi"),
    "time/prep": ("alle", "ore", "las", "um", "ab", "às", "kl"),
    "time/at": ("at ", "at\t"),
    "time/dot": (".",),
    "time/h": ("h",),
    "time/clock": (":",),
    "time/cjk": _cjk.TIME_GATE,
}


_RANGE_GAP = LazyPattern(
    rf"{_SEP}"
    # "1:30 to\n3:00", "3:30pm (- 4:30pm)", "begin at 2:45 and run until around 4:15"
    r"|[ \t]{0,3}(?:\([ \t]{0,2}(?:-|–|to|until)|(?:to|until|till)[ \t]{0,3}\n)[ \t]{0,3}"
    r"|[ \t\n]{1,3}and[ \t\n]{1,3}(?:will[ \t\n]{1,3})?(?:run|last|go|continue|end)s?"
    r"[ \t\n]{1,3}(?:until|till|to)[ \t\n]{1,3}(?:around[ \t\n]{1,3}|about[ \t\n]{1,3}|approximately[ \t\n]{1,3})?",
    re.I,
)


def _join_ranges(text: str, found: list[TimeMatch]) -> list[TimeMatch]:
    """``6.00 pm – 7.30 pm``, ``10.30am – 12 noon``: two times written as a range.

    Each form's own pattern reads a range written in that form; a start and
    an end written in two forms are two matches, joined here when only a
    range separator stands between them and the end comes after the start.
    """
    out: list[TimeMatch] = []
    for t in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end is None
            and t.end is None
            and t.span[0] - prev.span[1] <= 48
            and _RANGE_GAP.fullmatch(text, prev.span[1], t.span[0])
        ):
            joined = _build_range(prev, t)
            if joined is not None:
                out[-1] = joined
                continue
        out.append(t)
    return out


def _build_range(a: TimeMatch, b: TimeMatch) -> TimeMatch | None:
    mer, mer2 = a.meridiem, b.meridiem
    if mer is None and mer2 is not None and a.start[0] <= 12:
        mer = mer2
        if _to24(a.start[0], mer2) * 60 + a.start[1] > _to24(b.start[0], mer2) * 60 + b.start[1]:
            mer = "am" if mer2 == "pm" else "pm"
    start = resolve_meridiem(*a.start, mer, a)
    end = resolve_meridiem(*b.start, mer2, b)
    if mer2 is None and not b.clock24 and end < start and end[0] < 12:
        end = (end[0] + 12, end[1])
    if not start < end:
        return None
    clock24 = (a.clock24 or b.clock24) and mer is None and mer2 is None
    return TimeMatch((a.span[0], b.span[1]), a.start, b.start, mer, mer2, a.has_colon,
                     None, None, a.rule, clock24)  # fmt: skip


def find_times(text: str) -> list[TimeMatch]:
    """Every time of day in ``text``, in order, with zones and durations attached.

    >>> [(t.start, t.zone_text) for t in find_times("at 4:00 PM Jerusalem, 16:00 CET")]
    [((4, 0), 'Jerusalem'), ((16, 0), 'CET')]
    >>> find_times("Room 3.14, 2.5 units, call +1 669 555 0134 on 04/05/2021")
    []
    """
    return list(_find_times(text))


@lru_cache(maxsize=16)
def _find_times(text: str) -> tuple[TimeMatch, ...]:
    """Cached: the text reader and :mod:`.when` both ask for the same text."""
    found: list[tuple[int, int, int, TimeMatch]] = []
    low = fold.lowered(text) or text.lower()
    for k, rule in enumerate(_SPECS):
        gate = _GATES.get(rule.name)
        if gate is not None and not any(g in low for g in gate):
            continue
        for m, value in rule.finditer(text):
            found.append((m.start(), -(m.end() - m.start()), k, value))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    out: list[TimeMatch] = []
    for _, _, _, t in found:
        if out and t.span[0] < out[-1].span[1]:
            if t.span[1] - t.span[0] > out[-1].span[1] - out[-1].span[0]:
                out[-1] = t
            continue
        out.append(t)
    out = _join_ranges(text, out)
    result: list[TimeMatch] = []
    for t in out:
        if result and t.span[0] < result[-1].span[1]:
            continue  # inside the zone written after the previous time: "(UTC-05:00)"
        result.append(attach_tail(text, t, result))
    return tuple(result)


__all__ = ["RULES", "TimeMatch", "find_times", "resolve_meridiem"]


#: The time rules, compiled on first use.
_SPECS: tuple[Rule[TimeMatch], ...] = (
    Rule(
        "time/clock",
        LazyPattern(
            lambda: (
                rf"(?P<h>\d(?<![\d:.,/+]\d)\d?):(?P<m>[0-5]\d)(?::[0-5]\d)?(?:[ \t]{{0,2}}(?P<mer>{_MER}))?"
                rf"(?:{_SEP}(?P<h2>\d{{1,2}}){_end_min_ok()}(?::(?P<m2>[0-5]\d)(?::[0-5]\d)?)?"
                rf"(?:[ \t]{{0,2}}(?P<mer2>{_MER}))?)?(?:[ \t]{{0,2}}(?P<suf>{_hour_words()}|hrs|hs|h)\b)?{_TAIL}"
            ),
            _F,
        ),
        _x_clock,
        examples=(
            ("TIME: 2:30pm – 3:20pm", ((14, 30), (15, 20))),
            ("May 09, 2001, 1:20-2:40 p.m. PST", ((13, 20), (14, 40))),
            ("Time    : 3:30 - 4:30 p.m.", ((15, 30), (16, 30))),
            ("2021-05-04 19:00:00 2021-05-04", ((19, 0), None)),
            ("a las 18:30 horas", ((18, 30), None)),
            ("11:30-12:30pm lunch", ((11, 30), (12, 30))),
        ),
        counterexamples=(
            "John 3:2 says",
            "scale 1:10,000",
            "04/05/2021",
            "+97239786688,,81234567890#",
        ),
        digits=_HOUR_DIGITS,
    ),
    Rule(
        "time/h",
        LazyPattern(
            r"(?P<h>\d(?<![\w:.,/]\d)\d?)[ \t]?h(?:[ \t]?(?P<m>[0-5]\d))?(?!\w)"
            rf"(?:{_SEP}(?P<h2>\d{{1,2}})[ \t]?h(?:[ \t]?(?P<m2>[0-5]\d))?(?!\w))?",
            _F,
        ),
        _x_h,
        examples=(
            ("Le jeudi 14 mars à 10h dans", ((10, 0), None)),
            ("de 14h30-16h, salle 5", ((14, 30), (16, 0))),
            ("Horaire : 14h00", ((14, 0), None)),
        ),
        counterexamples=("open 48h a day", "durée 1h30", "24h/24", "the H2 line"),
        digits=_HOUR_DIGITS,
    ),
    Rule(
        "time/dot",
        LazyPattern(
            lambda: (
                rf"(?P<h>\d(?<![\w:.,/]\d)\d?)\.(?P<m>[0-5]\d)(?:{_SEP}(?P<h2>\d{{1,2}})\.(?P<m2>[0-5]\d))?"
                rf"(?:[ \t]{{0,2}}(?P<suf>(?:{_hour_words()})\b|h\b|hrs\b|hs\b|(?P<mer>{_MER})))?{_TAIL}"
            ),
            _F,
        ),
        _x_dot,
        examples=(
            ("am Montag um 18.15 Uhr in", ((18, 15), None)),
            ("giovedì alle ore 17.30, aula", ((17, 30), None)),
            ("talk at 4.30 pm sharp", ((16, 30), None)),
        ),
        counterexamples=("Room 3.14", "grew by 12.53%", "version 1.20", "pi is 3.14159"),
        digits=_HOUR_DIGITS,
    ),
    Rule(
        "time/hour",
        LazyPattern(
            lambda: (
                rf"(?P<h>\d(?<![\w:.,/+\-]\d)\d?)(?:[ \t]{{0,2}}(?P<mer>{_MER}))?"
                rf"(?:{_SEP}(?P<h2>\d{{1,2}})(?::(?P<m2>[0-5]\d))?)?"
                rf"(?:[ \t]{{0,2}}(?P<suf>{_MER}|(?:{_hour_words()})(?:[ \t]{{1,2}}[cs]\.[ \t]?t\.|\b)|hs\b|h\b|[cs]\.[ \t]?t\.))?{_TAIL}"
            ),
            _F,
        ),
        _x_hour,
        examples=(
            ("Seminar: 3 PM, room 12", ((15, 0), None)),
            ("from 4 to 5 pm", ((16, 0), (17, 0))),
            ("Office hours 4-5pm", ((16, 0), (17, 0))),
            ("um 18 Uhr im Hörsaal", ((18, 0), None)),
            ("11-1pm workshop", ((11, 0), (13, 0))),
        ),
        counterexamples=("Room 301", "3 amazing talks", "+1 669 555 0134", "in 2021"),
        digits=_HOUR_DIGITS,
    ),
    Rule(
        "time/prep",
        LazyPattern(
            # the words grouped by first letter, in their order (re refuses a place after one
            # test a group), led by \b (its lower-case twin drops it and skips to the letters)
            r"\b(?:a(?:lle(?:[ \t]+ore)?|[ \t]+las|b)|ore|dalle|um|às|k(?:lockan|l\.?))[ \t]{1,3}(?P<h>\d{1,2})"
            r"(?:[.:](?P<m>[0-5]\d))?(?:[ \t]{0,3}(?:-|–|alle|bis|a)[ \t]{0,3}(?P<h2>\d{1,2})"
            r"(?:[.:](?P<m2>[0-5]\d))?)?(?![\w%]|[.,:]\d)",
            _F,
        ),
        _x_prep,
        examples=(
            ("giovedì 5 marzo, alle 17 in aula", ((17, 0), None)),
            ("dalle 15-17", ((15, 0), (17, 0))),
        ),
        counterexamples=("alle 3 Wochen", "um 5 Personen"),
    ),
    Rule(
        "time/at",
        LazyPattern(
            r"\bat[ \t]{1,2}(?P<h>1[0-2]|[1-9])(?![.,][ \t]?\d|[ \t]*(?:%|and|or|-))"
            r"(?=[ \t]{0,2}(?:[.,;)]|$|[ \t](?:in|on|sharp)\b))",
            _F | re.M,
        ),
        _x_at,
        examples=(
            ("Tea at 3:30, talk at 4.", ((16, 0), None)),
            ("We meet at 10 in room 5", ((10, 0), None)),
        ),
        counterexamples=(
            "results at 4 and 8 GPUs",
            "at 45 degrees",
            "look at 3 examples",
            "growth at 4.5% a year",
            "measured at 10, 20 and 30 Hz",
        ),
    ),
    Rule(
        "time/word",
        LazyPattern(
            r"(?P<w>noon|midday|midnight|mezzogiorno|mediod[ií]a|medianoche|minuit|"
            r"mezzanotte|(?<=à )midi)\b"
            rf"(?:{_SEP}(?P<h2>\d{{1,2}})(?::(?P<m2>[0-5]\d))?[ \t]{{0,2}}(?P<mer2>{_MER}))?",
            _F,
        ),
        _x_word,
        examples=(
            ("at noon Eastern Time", ((12, 0), None)),
            ("noon-1:30pm, lunch", ((12, 0), (13, 30))),
        ),
        counterexamples=("afternoon tea", "midnights"),
    ),
    Rule(
        "time/cjk",
        LazyPattern(_cjk.time_re),
        _x_cjk,
        examples=(
            ("2024年3月8日（金）午後2時30分から", ((14, 30), None)),
            ("晚上八点到九点（北京时间）", ((20, 0), (21, 0))),
            ("下午3点半", ((15, 30), None)),
            ("오후 3시", ((15, 0), None)),
            ("오전 10시 30분 ~ 12시", ((10, 30), (12, 0))),
            ("14時〜16時", ((14, 0), (16, 0))),
            ("上午十点至十二点", ((10, 0), (12, 0))),
        ),
        counterexamples=("所要時間1時間", "2시간 동안", "第3点"),
    ),
)


RULES: tuple[Rule[tuple[tuple[int, int], tuple[int, int] | None]], ...] = tuple(
    _wrap(r) for r in _SPECS
)
