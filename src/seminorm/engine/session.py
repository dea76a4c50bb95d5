"""A session of several talks without times of their own: one event per talk.

Only when the text says the session holds several talks ("two talks",
"features two speakers", "un séminaire en deux exposés", "Participant
Talks", :data:`SESSION_CUE`) and names their speakers in one of the shapes
real pages use:

- one item line per speaker (``- Name (Affiliation) …``);
- one line per speaker standing alone, each followed by its talk's title
  (``Name (Affiliation)`` / ``Title`` / abstract): each talk takes its title;
- one line listing them all (``A (X), B (Y), C (Z)``), each with an affiliation;
- the sentence of the cue (``features two speakers, A from X on …, and B
  from Y on …``).

A number in the cue ("two speakers") must match the names found. Each talk
keeps the session's time and place; otherwise the session stays one event
(a panel is one event).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from seminorm.patterns import LazyPattern

from ..lang import words
from ..model import Event, Provenance, Speaker
from ..plain import replace
from ..rules import fold
from .doc import line_provenance

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..rules.timematch import TimeMatch
    from ..rules.when import When
    from .doc import Doc
    from .lines import Line
    from .segment import Record, Segmentation

_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "deux": 2, "trois": 3, "quatre": 4, "zwei": 2, "drei": 3,
    "vier": 4, "dos": 2, "tres": 3, "cuatro": 4, "due": 2, "tre": 3, "quattro": 4, "duas": 2,
    "dois": 2, "três": 3, "twee": 2, "drie": 3, "två": 2,
}  # fmt: skip

#: A session that announces several talks of its own: "deux exposés", "two talks", "Participant Talks".
SESSION_CUE = LazyPattern(
    # the numbers grouped by first letter, each group in the order they were listed
    # (two|three|four|deux|trois|quatre|zwei|drei|vier|dos|tres|cuatro|due|tre|quattro|
    # duas|dois|três|twee|drie|två|tre): the same matches, one test a letter
    r"(?i)\b(?:(?P<n>t(?:wo|hree|rois|res|re|rês|wee|vå)|four|d(?:eux|rei|os|ue|uas|ois|rie)|"
    r"q(?:uatre|uattro)|zwei|vier|cuatro)\s+(?:talks|speakers|presentations|lectures|exposés|"
    r"conférences|interventions|vorträge|referent(?:en|innen)|charlas|ponencias|conferencias|"
    r"interventi|relatori|relazioni|palestras|lezingen|sprekers|föredrag|föreläsningar)|"
    r"(?:participant|contributed|short|lightning)\s+talks)\b"
)
# read through its lower-case twin, only where a word starts (see fold.keep_boundary)
fold.keep_boundary(SESSION_CUE.pattern)
#: "two talks by X", "deux exposés de X", "zwei Vorträge von X".
_BY = LazyPattern(lambda: rf"(?i)\s+(?:(?:given|delivered)\s+)?(?:{words('by_words')})\s+")
_ITEM_LINE = LazyPattern(r"^\s{0,8}[-*•·▪◦‣]\s")
#: Where a list of people in a sentence is cut: ", and", ";", " and ", ",".
_CHUNKS = LazyPattern(
    lambda: (
        rf"\s*(?:,\s*(?:{words('conjunctions')})\s+|;\s*|\s+(?:{words('conjunctions')})\s+|,\s*)"
    )
)
#: An affiliation right after a name in prose: "(X)", "from the X", "of X", "de X".
_AFFILIATION_AFTER = LazyPattern(
    lambda: (
        r"^\s*(?:\(([^()\n]{2,80})\)|,?\s+(?:"
        + words("origin_words")
        + r")\s+(?:the\s+)?([A-Z][^,;:()\n]{1,80}?))(?=\s+(?:on|about|with|who|sur|über|zu|su|sobre)\b|[,;:.(]|$)"
    )
)


def split_session(doc: Doc, rec: Record, ev: Event) -> list[Event]:
    """The talks of a session record, one event each (see the module docstring)."""
    if not doc.shared:
        return [ev]
    if doc.seg.shape == "talks":
        return [_by_the_sessions_speaker(_prelude(doc), ev)]
    own = doc.span_text(rec.first, rec.last)
    cue = fold.search(SESSION_CUE, own) or _prelude_cue(doc)
    if cue is None:
        return [ev]
    wanted = _NUMBERS.get((cue.group("n") or "").casefold())
    for talks in (
        _item_lines(doc, rec),
        _own_lines(doc, rec),
        _one_line(doc, rec),
        _in_the_sentence(own, fold.search(SESSION_CUE, own)),
    ):
        names = {s.name for s, _, _ in talks}
        if len(names) != len(talks) or not 2 <= len(talks) <= 6:
            continue
        if wanted is not None and len(talks) != wanted:
            continue
        return [_talk(ev, speaker, title, prov) for speaker, title, prov in talks]
    return [ev]


Talk = tuple[Speaker, str | None, Provenance | None]


def _talk(ev: Event, speaker: Speaker, title: str | None, prov: Provenance | None) -> Event:
    out = replace(ev, speakers=(speaker,), title=title or ev.title)
    provs: dict[str, Provenance] = {}
    if prov is not None:
        provs["speakers"] = prov
        if title:
            provs["title"] = Provenance(
                source=prov.source, text=title, rule="session: the line after its speaker"
            )
    return out.explained(provs)


def _prelude(doc: Doc) -> str:
    """The text above a listing's first record, which its records share."""
    return doc.span_text(0, doc.seg.prelude_end - 1) if doc.seg.prelude_end > 0 else ""


def _prelude_cue(doc: Doc) -> re.Match[str] | None:
    """:data:`SESSION_CUE` in the prelude: the same for every record, read once per document."""
    if "session_cue" not in doc.memo:
        doc.memo["session_cue"] = fold.search(SESSION_CUE, _prelude(doc))
    return doc.memo["session_cue"]  # type: ignore[return-value]


def _by_the_sessions_speaker(pre: str, ev: Event) -> Event:
    """ "Two talks by X": both talks are X's, whatever their own text names."""
    from ..rules.people_names import clean_affiliation
    from ..rules.people_prose import take_name

    cue = fold.search(SESSION_CUE, pre)
    by = _BY.match(pre, cue.end()) if cue else None
    if cue is None or by is None:
        return ev
    found = take_name(" ".join(pre[by.end() : by.end() + 200].split()))
    if found is None:
        return ev
    name, rest = found
    m = _AFFILIATION_AFTER.match(rest)
    affiliation = clean_affiliation((m.group(1) or m.group(2)).strip()) if m else None
    prov = Provenance(
        source=f"line {pre.count(chr(10), 0, cue.start()) + 1}",
        text=" ".join(pre[cue.start() : by.end() + 80].split()),
        rule="session: the speaker of all its talks, stated once",
        inferred=True,
    )
    speaker = Speaker(name=name, affiliation=affiliation)
    return replace(ev, speakers=(speaker,)).explained({"speakers": prov})


def _item_lines(doc: Doc, rec: Record) -> list[Talk]:
    """``- Name (Affiliation) …``: one speaker per item line."""
    from ..rules.people_slot import parse_people

    out: list[Talk] = []
    for ln in doc.lines[rec.first + 1 : rec.last + 1]:
        if not _ITEM_LINE.match(ln.raw):
            continue
        found = parse_people(ln.text)
        if len(found) == 1:
            out.append((found[0], None, _prov(ln, "session: one speaker per item line")))
    return out


def _own_lines(doc: Doc, rec: Record) -> list[Talk]:
    """``Name (Affiliation)`` alone on its line, then the talk's title on the next one."""
    from ..rules.people_slot import parse_people
    from .header import person_line

    lines = doc.lines
    out: list[Talk] = []
    for k in range(rec.first + 1, rec.last + 1):
        ln = lines[k]
        if ln.blank or len(ln.text) > 80 or ln.label is not None or not person_line(ln.text):
            continue
        [speaker] = parse_people(ln.text)
        nxt = next((x for x in lines[k + 1 : rec.last + 1] if not x.blank), None)
        title = None
        if nxt is not None and _title_like(nxt.text) and not person_line(nxt.text):
            title = nxt.text
        out.append((speaker, title, _prov(ln, "session: a speaker's own line")))
    # a talk has its title under its speaker: names without one are a list, not talks
    return out if all(title for _, title, _ in out) else []


def _one_line(doc: Doc, rec: Record) -> list[Talk]:
    """``A (X), B (Y), C (Z)``: one line names every speaker, each with an affiliation."""
    from ..rules.people_slot import parse_people

    best: list[Talk] = []
    for ln in doc.lines[rec.first + 1 : rec.last + 1]:
        if ln.blank or ln.label is not None or len(ln.text) > 300:
            continue
        found = parse_people(ln.text)
        if len(found) < 2 or not all(p.affiliation for p in found):
            continue
        talks: list[Talk] = [
            (_tidy(p), None, _prov(ln, "session: the speakers listed on one line")) for p in found
        ]
        if len(talks) > len(best):
            best = talks
    return best


def _in_the_sentence(text: str, cue: re.Match[str] | None) -> list[Talk]:
    """``features two speakers, A from X on …, and B from Y on …``: names after the cue."""
    from ..rules.people_names import clean_affiliation
    from ..rules.people_prose import take_name

    if cue is None:
        return []
    tail = " ".join(text[cue.end() : cue.end() + 600].split())
    stop = tail.find(". ")
    sentence = tail if stop < 0 else tail[:stop]
    out: list[Talk] = []
    for chunk in _CHUNKS.split(sentence.lstrip(" ,:;")):
        found = take_name(chunk)
        if found is None:
            continue
        name, rest = found
        m = _AFFILIATION_AFTER.match(rest)
        affiliation = clean_affiliation((m.group(1) or m.group(2)).strip()) if m else None
        out.append(
            (
                Speaker(name=name, affiliation=affiliation),
                None,
                Provenance(
                    source="text",
                    text=chunk[:200],
                    rule="session: the speakers named in its sentence",
                ),
            )
        )
    return out


def _tidy(p: Speaker) -> Speaker:
    """``Leipzig; slides`` -> ``Leipzig``: a link word after the affiliation is no part of it."""
    aff = p.affiliation
    if aff and ";" in aff:
        head = aff.split(";", 1)[0].strip()
        return replace(p, affiliation=head or None)
    return p


def _title_like(t: str) -> bool:
    return 3 <= len(t) <= 200 and not t.endswith((".", ":", ",")) and len(t.split()) <= 25


def _prov(ln: Line, rule: str) -> Provenance:
    return line_provenance(ln.index, ln.text, rule)


def by_talk_times(
    lines: Sequence[Line], text: str, times: Sequence[TimeMatch], whens: Sequence[When]
) -> Segmentation | None:
    """Two talks of one day told in one text, each with its own time and no date of its own.

    ("not one, but two talks by X … His first talk (at 3 pm in Room 12) is
    about … His second talk (at 4:30 pm) …"): when the text announces a number
    of talks (:data:`SESSION_CUE`), names no other dated time, and holds exactly
    that many times of the talk (no refreshments, no conversions) on as
    many lines after the cue, each time's line opens one record, which runs
    to the next one; the date is the one written above. Gives a
    :class:`~.segment.Segmentation` of shape ``talks``, or None.
    """
    import bisect

    from .segment import Record, Segmentation
    from .timepick import NOT_THE_TALK, has_time

    cue = fold.search(SESSION_CUE, text)
    wanted = _NUMBERS.get((cue.group("n") or "").casefold()) if cue else None
    if cue is None or wanted is None:
        return None
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln.raw) + 1)
    cue_line = bisect.bisect_right(starts, cue.start()) - 1
    found: dict[int, TimeMatch] = {}
    for t in times:
        if t.conversion or fold.search(NOT_THE_TALK, text[max(0, t.span[0] - 40) : t.span[0]]):
            continue
        line = bisect.bisect_right(starts, t.span[0]) - 1
        if line < cue_line:
            continue
        if line in found:
            return None  # two times on one line: as likely a range or a restatement
        found[line] = t
    if len(found) != wanted or len({t.start for t in found.values()}) != wanted:
        return None
    ours = {t.span for t in found.values()}
    for w in whens:
        if has_time(w) and w.score > 0.2 and not w.conversion and w.time_span not in ours:
            return None  # a dated time of another kind: the talks are told another way
    firsts = sorted(found)
    if not any(w.start is not None and w.line - 1 < firsts[0] for w in whens):
        return None  # no date above the talks
    records = [
        Record(first, (firsts[k + 1] - 1) if k + 1 < len(firsts) else len(lines) - 1)
        for k, first in enumerate(firsts)
    ]
    return Segmentation(records, firsts[0], "talks")
