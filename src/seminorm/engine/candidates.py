"""Candidates for a record's speaker, place and title, with their features.

The field pickers (:mod:`.who`, :mod:`.where`) propose one candidate per
source in their reading order; this module adds the lines a reader would also
consider (every short line that reads as a name, every line that names a
room), describes each candidate (:mod:`seminorm.learn.features`) and lets the
learned scorer choose (:func:`seminorm.learn.scorer.choose`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache

from seminorm.patterns import LazyPattern

from ..learn import features as ft
from ..learn.scorer import Candidate, choose
from ..model import Location, Provenance, Speaker
from ..rules import fold
from ..rules.dates import find_dates
from ..rules.people import affiliation_after, is_organization, parse_people, two_capitals
from ..rules.places import (
    cut_place,
    find_location_in_prose,
    find_locations_in_prose,
    parse_location,
)
from .doc import Doc
from .fields import clean_title
from .header import plausible_name
from .segment import Record, clean

#: How many lines of a record the line scans read (long postings quote whole papers).
SCAN_LINES = 80


#: The candidate sources that scan lines (the others are the reading order's).
SCANS = frozenset(
    "line-people line-cell prose-name honorific-name name-then-org line-place line-prose-place line-pair "
    "room-phrase line-part para-prose bare-room record-line after-colon quoted-any line-wrap "
    "line-run-on place-wrap possessive-place".split()
    + [
        "standing-" + r
        for r in "line-place line-prose-place line-pair room-phrase line-part".split()
    ]
)


def spot(doc: Doc, rec: Record, index: int, text: str, header_lines: frozenset[int]) -> ft.Spot:
    """Where ``text`` (found on line ``index``, or -1) stands in its record."""
    lines = doc.lines
    if not 0 <= index < len(lines):
        index = _find_line(doc, rec, text)
    if index < 0:
        return ft.Spot(-1, None, "", "", "", _repeats(doc, text, rec.first), False)
    before, after = _around(doc, index)
    chosen = doc.chosen.get(rec.first)
    line_of_time = getattr(chosen, "line", None)
    to_time = None if line_of_time is None else index - (int(line_of_time) - 1)
    return ft.Spot(
        offset=index - rec.first,
        to_time=to_time,
        raw=lines[index].raw,
        before=before,
        after=after,
        repeats=_repeats(doc, text, index),
        in_header=index in header_lines,
    )


def _around(doc: Doc, index: int) -> tuple[str, str]:
    """The nearest non-blank lines above and below line ``index`` (within three), once a
    document."""
    table = doc.memo.get("lines around")
    if not isinstance(table, dict):
        table = doc.memo["lines around"] = {}
    got = table.get(index)
    if not isinstance(got, tuple):
        lines = doc.lines
        before = next(
            (ln.raw for ln in reversed(lines[max(0, index - 3) : index]) if not ln.blank), ""
        )
        after = next((ln.raw for ln in lines[index + 1 : index + 4] if not ln.blank), "")
        got = table[index] = (before, after)
    return got


def _find_line(doc: Doc, rec: Record, text: str) -> int:
    """The line of the record where ``text`` starts (its first 24 characters, else its first
    12 for a value that runs on to the next line), or -1."""
    flat = " ".join(text.split())
    for probe in (flat[:24], flat[:12]) if len(flat) > 12 else (flat,):
        if not probe:
            return -1
        for i in range(rec.first, min(rec.last, len(doc.lines) - 1) + 1):
            if probe in doc.flat[i]:
                return i
    return -1


#: How far around a candidate its repeats are counted (bounded: linear time on long texts).
REPEAT_WINDOW = 20_000


def _repeats(doc: Doc, text: str, index: int) -> int:
    probe = " ".join(text.split())[:40]
    if len(probe) < 4:
        return 0
    at = doc.starts[index] if 0 <= index < len(doc.starts) else 0
    lo = max(0, at - REPEAT_WINDOW)
    return doc.text.count(probe, lo, at + REPEAT_WINDOW)


_WORD_TOKEN = LazyPattern(r"[^\W\d_][\w'’-]+")


def _surname_count(head: str, name: str) -> int:
    """How often the name's last word occurs in ``head``, the record's first lines
    (:func:`_head_text`: a text about someone names them again: ``Mr. Okafor is …``)."""
    words = [w for w in _WORD_TOKEN.findall(name) if len(w) >= 3]
    if not words:
        return 0
    return _word_count(head, words[-1])


def _head_text(doc: Doc, rec: Record) -> str:
    """The record's first :data:`SCAN_LINES` lines as written, at most :data:`PROSE_CHARS`
    characters: what the speaker scans read (joined once per record)."""
    key = f"head {rec.first} {rec.last}"
    text = doc.memo.get(key)
    if not isinstance(text, str):
        text = doc.span_text(rec.first, min(rec.last, rec.first + SCAN_LINES))[:PROSE_CHARS]
        doc.memo[key] = text
    return text


def _is_word(ch: str) -> bool:
    """Whether ``re`` reads ``ch`` as ``\\w``."""
    return ch.isalnum() or ch == "_"


def _word_count(text: str, word: str) -> int:
    """``len(re.findall(r"\\b" + re.escape(word) + r"\\b", text))`` for a ``word`` that
    starts with a letter, found with ``str.find`` (a pattern that starts with
    ``\\b`` is tried at every character)."""
    n, size, i = 0, len(word), text.find(word)
    ends_in_word = _is_word(word[-1])
    while i != -1:
        end = i + size
        if (i == 0 or not _is_word(text[i - 1])) and ends_in_word != (
            end < len(text) and _is_word(text[end])
        ):
            n += 1
            i = text.find(word, end)
        else:
            i = text.find(word, i + 1)
    return n


def key_of(ev_start: date | None) -> str:
    """The key of a record's decisions: its event's local start (training matches on it)."""
    return ev_start.isoformat()[:16] if ev_start is not None else ""


def _rule(rule: str) -> str:
    return rule.split(" (")[0].strip()


# --- speakers ----------------------------------------------------------------


SpeakerProposal = tuple[list[Speaker], Provenance | None, str | None, str, int]


def choose_speakers(
    doc: Doc,
    rec: Record,
    proposals: Iterable[SpeakerProposal],
    header_lines: frozenset[int],
    key: str,
) -> SpeakerProposal | None:
    """The proposal whose speakers the scorer prefers (people, provenance, series, rule, line)."""
    cands: list[Candidate] = []
    seen: set[tuple[str, ...]] = set()
    read = _document_memo(doc, "speaker features")
    for prop in _with_lines(doc, rec, proposals):
        people, _, _, rule, index = prop
        names = tuple(p.name for p in people)
        sig = (rule, *names)
        if not people or sig in seen:
            continue
        seen.add(sig)
        first = people[0]
        sp = spot(doc, rec, index, first.name, header_lines)
        f: ft.Features = {}
        f.update(ft.source(_rule(rule), len(cands)))
        f.update(ft.position(sp))
        # what depends on the name and its lines alone, once a document
        seen_key = (first.name, first.affiliation, len(people), sp.raw, sp.before, sp.after)
        own = read.get(seen_key)
        if own is None:
            own = read[seen_key] = (
                ft.shape(first.name, sp.raw),
                ft.person(first.name, first.affiliation, len(people), sp),
                0.0,
            )
        f.update(own[0])
        f.update(own[1])
        f.update(ft.mentions(_surname_count(_head_text(doc, rec), first.name)))
        if rule in SCANS and f.get("evidence_0"):
            f["scan_evidence_0"] = 1.0  # a scan's capitalised words with nothing of a person
        if _under_host_label(doc, sp.offset + rec.first if sp.offset >= 0 else -1):
            f["under_host"] = 1.0  # in the block under ``Committee:``, ``Organizers:``…
        if _surname(first.name) in _poster_words(doc):
            f["poster"] = 1.0  # the name of who posted or sent the text
        if sp.offset > 3 and _last_lines(doc, rec, sp.offset + rec.first):
            f["sign_off"] = 1.0  # one of the record's last two lines: a signature
        cands.append(
            Candidate(
                value=prop,
                text=first.name,
                line=sp.offset,
                rule=_rule(rule),
                features=f,
                extra=rule in SCANS,
            )
        )
    won = choose("speaker", cands, key)
    return None if won is None else won.value


_BLANK_LINE = LazyPattern(r"\n\s*\n")

#: How much of a text's start is read for the line of who posted or sent it.
POSTER_CHARS = 3000
#: That line: ``PostedBy: … (Ada Quill)``, ``From: Ada Quill <ada@…>``, ``Von: …``.
_POSTER_LINE = LazyPattern(
    r"(?im)^[ \t>]*(?:posted[ \t]?by|from|sender|von|de|da|van|från)[ \t]*:[ \t]*([^\n]{1,200})"
)
_CAPITALISED = LazyPattern(r"[^\W\d_][\w'’-]{2,30}")


def _poster_words(doc: Doc) -> frozenset[str]:
    """The capitalised words (case-folded) of the lines near a text's start that say who
    posted or sent it, and of the sender a message's headers name (once per document)."""
    got = doc.memo.get("poster")
    if isinstance(got, frozenset):
        return got
    head = doc.text[:POSTER_CHARS]
    values = [m.group(1) for m in _POSTER_LINE.finditer(head)] if ":" in head else []
    organizer = doc.hints.organizer if doc.hints is not None else None
    if organizer is not None and organizer.name:
        values.append(organizer.name)
    words = frozenset(
        w.casefold() for v in values for w in _CAPITALISED.findall(v) if w[:1].isupper()
    )
    doc.memo["poster"] = words
    return words


def _surname(name: str) -> str:
    words = name.replace(",", " ").split()
    return words[-1].strip(".'’").casefold() if words else ""


def _last_lines(doc: Doc, rec: Record, index: int) -> bool:
    """Whether line ``index`` is one of the last two non-blank lines of its record."""
    after = 0
    for ln in doc.lines[index + 1 : min(rec.last, len(doc.lines) - 1) + 1]:
        if not ln.blank:
            after += 1
            if after > 1:
                return False
    return True


#: How far above a name the head of its block is looked for.
HOST_BLOCK_LINES = 12


def _under_host_label(doc: Doc, index: int) -> bool:
    """Whether line ``index`` is in a block (no blank line between) whose first labeled line
    above it is a host's (``Committee:``, ``Organizers:``, ``Chair:``), the line itself
    unlabeled: the people listed under it do not speak."""
    if index < 0 or index >= len(doc.lines) or doc.lines[index].label is not None:
        return False
    for ln in reversed(doc.lines[max(0, index - HOST_BLOCK_LINES) : index]):
        if ln.blank:
            return False
        if ln.label is not None:
            return ln.label[0] == "host"
    return False


def _with_lines(
    doc: Doc, rec: Record, proposals: Iterable[SpeakerProposal]
) -> Iterator[SpeakerProposal]:
    """The rules' proposals, then every short line of the record that is one or more people."""
    proposed: set[str] = set()
    firsts: set[str] = set()  # the names that lead a candidate
    for prop in proposals:
        proposed.update(p.name for p in prop[0])
        firsts.update(p.name for p in prop[0][:1])
        yield prop
    last = min(rec.last, rec.first + SCAN_LINES, len(doc.lines) - 1)
    for ln in doc.lines[rec.first : last + 1]:
        t = ln.text
        if ln.blank or ln.label is not None or len(t) > 160 or len(t.split()) > 14:
            continue
        if t.endswith((".", "?", "!")) and len(t.split()) > 5:
            continue
        if not two_capitals(t):
            continue  # no name: it has two words that start with a capital (or a caseless letter)
        people = [p for p in parse_people(t) if _name_ok(p.name)]
        if people and people[0].name not in proposed:
            proposed.update(p.name for p in people)
            yield people, None, None, "line-people", ln.index
    for para in _BLANK_LINE.split(_head_text(doc, rec)):
        flat = " ".join(para.split())
        for m in _CAPITAL_RUN.finditer(flat):
            name = _POSSESSIVE.sub("", m.group(1))
            if name not in proposed and _name_ok(name) and not _is_org(name):
                proposed.add(name)
                aff = _affiliation_after(flat[m.end(1) : m.end(1) + 300])
                yield [Speaker(name=name, affiliation=aff)], None, None, "prose-name", -1
    for ln in doc.lines[rec.first : last + 1]:
        if ln.blank:
            continue
        # the line as written: a column gap (a tab, three spaces, a box border) ends a name
        raw = _GAP.sub("  ", ln.raw) if len(ln.raw) <= 400 else ln.text
        titled_ok = _HONORIFIC_WORD.search(raw) is not None  # cheap tests of what each needs
        org_ok = _ORG_WORD.search(raw) is not None
        src = raw
        if titled_ok and ln.index + 1 <= last and _HONORIFIC_WORD.search(raw, len(raw) - 40):
            # a name may go on at the next line's start (``… Dr. Ada⏎J. Quill, …``)
            src = raw.rstrip() + " " + doc.lines[ln.index + 1].text
        for m in _TITLED_NAME.finditer(src) if titled_ok else ():
            if m.start() >= len(raw):
                break  # the next line's own names are its own
            titled = _longest_name(" ".join(m.group(1).split()).strip(" ,."), paren=True)
            if titled and titled not in firsts:  # also a second person of another candidate
                proposed.add(titled)
                firsts.add(titled)
                at = m.start(1) + len(titled)
                aff = (_org_after(src, m.end(1)) if titled == m.group(1) else None) or (
                    _affiliation_after(src[at : at + 300])
                )
                yield (
                    [Speaker(name=titled, affiliation=aff)],
                    None,
                    None,
                    "honorific-name",
                    ln.index,
                )
        for m in _NAME_THEN_ORG.finditer(raw) if org_ok else ():
            name = m.group(1)
            if name not in proposed and _name_ok(name):
                proposed.add(name)
                aff = _org_after(raw, m.end(1)) or _affiliation_after(
                    raw[m.end(1) : m.end(1) + 300]
                )
                yield [Speaker(name=name, affiliation=aff)], None, None, "name-then-org", ln.index
        if ln.label is None and len(ln.raw) <= 400 and _GAP.search(ln.raw.strip()):
            for cell in _GAP.split(ln.raw.strip()):
                cell = cell.strip(" -–—:,;")
                if (
                    not cell[:1].isupper()
                    or not 2 <= len(cell.split()) <= 8
                    or cell in proposed
                    or cell == ln.text
                    or not two_capitals(cell)
                ):
                    continue
                people = [p for p in parse_people(cell) if _name_ok(p.name)]
                if people and people[0].name not in proposed:
                    proposed.update(p.name for p in people)
                    yield people, None, None, "line-cell", ln.index


def _org_after(raw: str, end: int) -> str | None:
    """The institution written right after a name in running text: ``Dr Ada Quill
    (Analytical Institute)``, ``Dott. Ada Quill, Istituto Nazionale di Analisi, …``."""
    m = _ORG_AFTER.match(raw, end)
    if m is None:
        return None
    org = " ".join((m.group(1) or m.group(2) or "").split())
    return org if org and is_organization(org) else None


#: A parenthesis or a comma part right after a name.
_ORG_AFTER = LazyPattern(r"[ ]?(?:\(([^()]{3,100})\)|,[ ]([^,;()]{3,100})(?=[,;(]|$))")


#: A gap between the columns of a line laid out as a table or a box: a tab, three or more
#: spaces, a border (``|``).
_GAP = LazyPattern(r"[ ]*(?:\t|[ ]{3,}|[ ]*[|][ ]*)[ \t]*")


def _longest_name(name: str, paren: bool = False) -> str | None:
    """``name``, or its longest leading part of two words or more that reads as a name
    (``Ada Lovelace Biodegradation`` → ``Ada Lovelace``)."""
    words = name.split()
    for n in range(len(words), 1, -1):
        cand = " ".join(words[:n]).strip(" ,.")
        probe = cand.replace("(", "").replace(")", "") if paren else cand
        if _name_ok(probe):
            return cand
    return None


_POSSESSIVE = LazyPattern(r"['’]s?$")

#: How much of a record the prose scan reads (bounded: linear time on long texts).
PROSE_CHARS = 6000

#: A run of two to four capitalised words in prose (``… a talk from Ada Lovelace.``); a
#: surname may have a capital inside (``McAllister``, ``DeVries``). Its first capital starts
#: the text or follows a space, a bracket, a quote or a comma (tested after the capital, so
#: that ``re`` skips to capitals instead of trying every character).
_CAPITAL_RUN = LazyPattern(
    r"((?:[A-Z](?<![^\s(\"“,;:].)(?:[a-z'’-]{1,20}|\.))(?:[ ](?:[A-Z][a-z'’-]{1,20}(?:[A-Z][a-z'’-]{1,20})?|[A-Z]\.|"
    r"(?:van|von|de|der|di|da|du|la|le)(?=[ ][A-Z]))){1,3})(?=[\s,.;:!?)'’\"”]|$)"
)


def _affiliation_after(rest: str) -> str | None:
    return affiliation_after(rest)


def _is_org(name: str) -> bool:
    return is_organization(name)


def _name_ok(name: str) -> bool:
    """A plausible name, also when written in capitals (``MARTIN J. OKAFOR``)."""
    return plausible_name(name.title() if name.isupper() else name)


#: A name after an honorific, anywhere (``… given by Dr. R. J. (Bob) Doe, Director …``).
_HONORIFICS = r"(?:Professors?|Prof\.?(?:ssa)?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Mme\.?|Dott\.?(?:ssa)?|Herr|Frau|Sir|PROFESSOR|PROF\.?|DR\.?|MR\.?|MRS\.?|MS\.?)"
_TITLED_NAME = LazyPattern(
    r"(?:(?<=\s)|^)" + _HONORIFICS + r"[ ]((?:[A-Z][\w'’-]{0,20}\.?|[A-Z]\.|\([A-Z][\w'’-]{0,20}\))"
    r"(?:[ ](?:[A-Z][\w'’-]{0,20}\.?|[A-Z]\.|\([A-Z][\w'’-]{0,20}\)|(?:van|von|de|der|di|da|du|la|le)(?=[ ][A-Z]))){1,5})"
)

#: A name followed by an institution (``… Monday, Feb. 27, Ada Lovelace, University of X, …``).
_NAME_THEN_ORG = LazyPattern(
    r"(?:(?<=[\s,;:])|^)([A-Z][\w'’-]{1,20}(?:[ ](?:[A-Z]\.|[A-Z][\w'’-]{1,20})){1,3})"
    r"[ ]?[,(–-][ ]?(?:the[ ])?(?=(?:[A-Z]\w*[ ]){0,3}(?:University|Universit\w+|Institute|Institut|"
    r"College|Department|School|Laborator\w+|Corporation|Company|Inc\b|Research))"
)
#: What the two patterns above need somewhere in a line (found fast: they start with a look-behind,
#: where ``re`` tries every character).
_HONORIFIC_WORD = LazyPattern(_HONORIFICS + "[ ]")
_ORG_WORD = LazyPattern(
    r"Universit|Institut|College|Department|School|Laborator|Corporation|Company|Inc|Research"
)


# --- titles ------------------------------------------------------------------


TitleProposal = tuple[str | None, Provenance | None]


def choose_title(
    doc: Doc,
    rec: Record,
    proposals: Iterable[TitleProposal],
    header_lines: frozenset[int],
    best_header: int | None,
    key: str,
    speakers: tuple[str, ...] = (),
    affiliations: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
) -> TitleProposal:
    """The title (and its provenance) the scorer prefers."""
    cands: list[Candidate] = []
    seen: set[str] = set()
    ranks: dict[str, tuple[int, str]] = {}  # a candidate's text -> its rank and rule
    read = _document_memo(doc, "title features")
    for title, prov in _with_title_lines(doc, rec, proposals):
        if not title or title in seen or prov is None:
            continue
        seen.add(title)
        src = prov.source
        index = int(src[5:]) - 1 if src.startswith("line ") and src[5:].isdigit() else -1
        rule = _rule(prov.rule)
        rank = len(cands)
        wrapped = rule == "line-wrap"
        if wrapped:  # a wrapped title: its first line's candidate, completed
            first = prov.text.partition("\n")[0]
            rank, rule = ranks.get(first) or ranks.get(clean_title(first) or "", (rank, rule))
        if rule in SCANS and (
            sum(map(str.isalpha, title[:40])) < 3
            or _speaker_line(title, speakers)
            or ft.series_place_line(title)
            or ft.term_heading(title)
            or (len(title) <= 120 and ft.chrome_share(title) >= 0.5)
        ):
            continue  # a speaker's line, a series' line with its room, a menu: not a title
        if title in places or is_header_field(title):
            continue  # the record's chosen place, a message's header field: never the title
        sp = spot(doc, rec, index, title, header_lines)
        f: ft.Features = {}
        f.update(ft.source(rule, rank))
        f.update(ft.position(sp))
        # what depends on the text and its lines alone, once a document (the records of a
        # listing propose its header lines again)
        seen_key = (title, sp.raw, sp.before, sp.after, speakers, affiliations, places)
        own = read.get(seen_key)
        if own is None:
            own = read[seen_key] = (
                ft.shape(title, sp.raw),
                ft.title(title, sp, speakers, affiliations, places),
                1.0 if _dated(title) else 0.0,
            )
        f.update(own[0])
        f.update(own[1])
        if wrapped:
            first, _, going_on = prov.text.partition("\n")
            f["wrapped"] = 1.0
            f["wrap_open"] = 1.0 if _OPEN_END.search(first) else 0.0
            f["wrap_lower"] = 1.0 if going_on[:1].islower() else 0.0
            f["wrap_short"] = 1.0 if len(going_on.split()) <= 3 else 0.0
        else:
            ranks.setdefault(title, (rank, rule))
        if rule == "after-colon":
            head = prov.text.rpartition(": ")[0]
            item = prov.rule.endswith("(item label)")  # the head is a programme item's label
            f["cut_head_long"] = 1.0 if len(head.split()) >= 3 and not item else 0.0
            f["item_label"] = 1.0 if item else 0.0
        f["header_best"] = 1.0 if best_header is not None and index == best_header else 0.0
        f["has_date"] = own[2]
        cands.append(
            Candidate(
                value=(title, prov),
                text=title,
                line=sp.offset,
                rule=rule,
                features=f,
                extra=rule in SCANS,
            )
        )
    won = choose("title", cands, key)
    return (None, None) if won is None else won.value


#: What is read of a candidate once a document (its text, its lines, the record's people):
#: its shape and its field's features, and for a title whether it holds a date.
_Read = tuple[ft.Features, ft.Features, float]


def _document_memo(doc: Doc, name: str) -> dict[tuple[object, ...], _Read]:
    """A table of ``doc.memo`` (what is read once a document), made on first use."""
    table = doc.memo.get(name)
    if not isinstance(table, dict):
        table = doc.memo[name] = {}
    return table


def _speaker_line(text: str, speakers: tuple[str, ...]) -> bool:
    """A person's line (``Ada Lovelace (Analytical Society)``), or one that starts with the
    name of a speaker of the record."""
    text = text.strip(" ,;:.-–—")
    head = _HEAD_CUT.split(text, maxsplit=1)[0].strip()
    return (
        head in speakers
        or ft.person_line(text)
        or any(_starts_with_name(text, n) for n in speakers)
    )


#: A message's header field whose value is one dotted token (``Type: cmu.org.talks``,
#: ``Newsgroups: x.y``, ``From: aq@x.edu``) or a message id (``<1.2.93@cs.example.edu (Ada Quill).0>``): no title.
_HEADER_FIELD = LazyPattern(
    r"^(?:[A-Z][\w-]{1,24}:[ \t]*[^\s:.@]{0,60}[.@][^\s:]{1,80}"
    r"|<[^<>\s]{1,120}@[^<>]{1,120}>.{0,80})$"
)


def is_header_field(text: str) -> bool:
    """A message's header field with a one-token value, or a message id (no title)."""
    return _HEADER_FIELD.match(text) is not None


def _starts_with_name(text: str, name: str) -> bool:
    """``text`` is the name, or the name and then its affiliation or a separator (``Ada (Al)
    Quill (Larch University)`` for the speaker ``Ada (Al) Quill``)."""
    return (
        len(name) >= 5
        and text.startswith(name)
        and (len(text) == len(name) or text[len(name) : len(name) + 2] in _AFTER_NAME)
    )


_AFTER_NAME = frozenset((" (", ", ", " -", " –", " —", " |", ",", "("))


_HEAD_CUT = LazyPattern(r"\s*[(,;|–—]|\s-\s")


def _with_title_lines(
    doc: Doc, rec: Record, proposals: Iterable[TitleProposal]
) -> Iterator[TitleProposal]:
    """The rules' proposals, then what follows an entry's date or a ``Label (X):`` colon,
    the record's first lines, two of them read as one (a title wrapped over lines) and
    every quotation in them (also in a long line and before the line's date)."""
    last = min(rec.last, rec.first + SCAN_LINES, len(doc.lines) - 1)
    for title, prov in proposals:
        yield title, prov
        if title and prov is not None and prov.source.startswith("line "):
            going_on = _goes_on(doc, int(prov.source[5:]) - 1, title, last)
            if going_on:  # the source's value is the first line of a wrapped title
                yield (
                    f"{title} {going_on}",
                    Provenance(
                        source=prov.source, text=f"{title}\n{going_on}"[:200], rule="line-wrap"
                    ),
                )
    seen = 0
    above: tuple[int, str] | None = None  # the line above, when it may go on on this one
    for ln in doc.lines[rec.first : last + 1]:
        if ln.blank:
            above = None
            continue
        seen += 1
        if seen > TITLE_LINES:
            break
        raw = ln.raw
        source = f"line {ln.index + 1}"
        quoted = (
            _quotations(clean(_TAG.sub(" ", raw)), source)
            if ln.label is None and len(raw) <= QUOTED_LINE_CHARS and _QUOTE_MARK.search(raw)
            else ()
        )
        if ln.index in doc.when_lines or ln.index == rec.first:
            raw = _after_when(doc, ln.index)
        text = clean(_TAG.sub(" ", raw) if "<" in raw else raw).strip(" :-–—|•·*")
        if not text or len(text) > 250 or len(text.split()) > 30 or ln.label is not None:
            above = None
            yield from quoted
            continue
        prov = Provenance(source=source, text=text[:200], rule="record-line")
        labeled = item_label(text)
        if labeled is not None:  # ``Lecture 2 (Doe): Title``: the label is no part of it
            yield (
                clean_title(labeled),
                Provenance(source=source, text=text[:200], rule="after-colon (item label)"),
            )
        else:
            yield clean_title(text), prov
        if (
            above is not None
            and above[0] == ln.index - 1
            and len(text.split()) <= WRAP_WORDS
            and not ft.person_line(text)
            and not ft.person_line(above[1])
        ):
            joined = f"{above[1]} {text}"
            if len(joined.split()) <= 30:
                yield (
                    clean_title(joined),
                    Provenance(
                        source=f"line {above[0] + 1}",
                        text=f"{above[1]}\n{text}"[:200],
                        rule="line-wrap",
                    ),
                )
        above = (
            (ln.index, text)
            if len(text.split()) >= 2
            and not text.endswith((".", ":", ";"))
            and ln.index not in doc.when_lines
            else None
        )
        head, colon, tail = text.rpartition(": ")
        if colon and head and 2 <= len(tail.split()):
            yield (
                clean_title(tail),
                Provenance(source=prov.source, text=prov.text, rule="after-colon"),
            )
        yield from quoted


def _talk_kinds() -> str:
    """A programme item's label: a talk's kind (:mod:`seminorm.lang`'s ``talk_kinds``), its
    number or letter, the speaker's name in parentheses, then the colon."""
    from ..lang import alternation, merged

    return (
        rf"(?i)^\W{{0,3}}(?:{alternation(merged('talk_kinds'))})"
        r"(?:\s*(?:n[o°º]\.?\s*)?(?:\d{1,3}(?:[.-]?[0-9a-z]{1,3})?|[ivx]{1,4}|[a-z])\b)?"
        r"(?:\s*\([^()]{1,60}\))?\s*:\s+(?=\S)"
    )


_ITEM_LABEL = LazyPattern(_talk_kinds)


def item_label(text: str) -> str | None:
    """What follows a programme item's label (``Lecture 1.b (Doe): Title`` → ``Title``),
    or None when the line has no such label."""
    if ":" not in text[:90]:
        return None
    m = _ITEM_LABEL.match(text)
    if m is None or len(text) - m.end() < 4:
        return None
    return text[m.end() :]


def _goes_on(doc: Doc, index: int, title: str, last: int) -> str | None:
    """The next line's text when the line ``index`` ends with ``title`` and the next one
    carries it on (no blank between, in lower case, short, no label, no date)."""
    lines = doc.lines
    if not 0 <= index < last or title.endswith((".", ":", ";", "!", "?")):
        return None
    nxt = lines[index + 1]
    if nxt.label is not None or (not nxt.text[:1].islower() and not nxt.text.startswith("<")):
        return None
    text = clean(_TAG.sub(" ", nxt.raw)).strip(" :-–—|•·*")
    if (
        not text[:1].islower()
        or nxt.label is not None
        or len(text.split()) > WRAP_WORDS
        or nxt.index in doc.when_lines
        or not clean(_TAG.sub(" ", lines[index].raw)).rstrip(" *_").endswith(title[-12:])
    ):
        return None
    return text


def _quotations(line: str, source: str) -> list[TitleProposal]:
    """Every quotation of a line (its whole text, the part before its date too)."""
    return [
        (
            clean_title(m.group(1) or m.group(2) or m.group(3)),
            Provenance(source=source, text=line[:200], rule="quoted-any"),
        )
        for m in _QUOTATION.finditer(line)
    ]


#: How many non-blank lines of a record are title candidates themselves.
TITLE_LINES = 12
#: The most words of a line that carries a wrapped title on (a wrapped paragraph's
#: lines are longer: prose is no title).
WRAP_WORDS = 6
#: The longest line whose quotations are title candidates (a paragraph of prose is one line).
QUOTED_LINE_CHARS = 2000
_TAG = LazyPattern(r"<[^<>]{0,200}>")
_QUOTATION = LazyPattern(
    r"[\"“„«]([^\"“”„«»\n]{6,200})[\"”“»]|(¿[^¿?\n]{6,200}\?)|[「『《]([^「」『』《》\n]{2,100})[」』》]"
)
_QUOTE_MARK = LazyPattern(r"[\"“„«¿「『《]")
#: A line that stops inside a phrase: no closing punctuation, or a joining word or mark.
_OPEN_END = LazyPattern(r"(?i)(?:[^\W\d_]|[,–—-])\s*$")


def _after_when(doc: Doc, index: int) -> str:
    """A line's raw text after the last date or time that starts on it."""
    raw = doc.lines[index].raw
    start = doc.starts[index]
    ends = [b for a, b in doc.cuts.get(index, ()) if start <= a < start + len(raw)]
    if not ends:
        return raw
    return raw[min(max(ends) - start, len(raw)) :]


# --- places ------------------------------------------------------------------


PlaceProposal = tuple[Location, str, int]


def _place_words() -> str:
    """A word that makes a line worth reading for a place (:mod:`seminorm.lang`'s ``place_words``).

    Read through its lower-case twin, only where a word starts (``fold.keep_boundary``):
    about twice as fast as the pattern on the lines of a record."""
    from ..lang import alternation, merged

    source = rf"(?i)\b(?:{alternation(merged('place_words'))})\b"
    fold.keep_boundary(source)
    return source


_PLACEISH = LazyPattern(_place_words)
_ROOMISH = LazyPattern(
    r"\b[A-Z][A-Za-z]{1,12}\.?\s+(?:Hall\s+)?(?!(?:19|20)\d\d\b)[A-Z]?\d{2,5}[A-Z]?\b"
    r"|\b(?!(?:19|20)\d\d\b)\d{2,5}[A-Z]?\s+[A-Z](?:[a-z]{2,12}|[A-Z]{2,12})\b"
)
_TWO_DIGITS = LazyPattern(r"\d\d")


def _placeish(text: str) -> bool:
    """Whether ``text`` names a place word or a room-like code (``Wean 5409``, ``422 Scaife``):
    worth reading for a place. (A room code has two digits in a row: none, no scan for one.)"""
    return fold.search(_PLACEISH, text) is not None or bool(
        _TWO_DIGITS.search(text) and _ROOMISH.search(text)
    )


def choose_location(
    doc: Doc,
    rec: Record,
    proposals: Iterable[PlaceProposal],
    header_lines: frozenset[int],
    key: str,
) -> Location | None:
    """The proposal whose place the scorer prefers."""
    cands: list[Candidate] = []
    seen: set[tuple[str, str]] = set()
    same: dict[tuple[str, int, str | None], tuple[int, ft.Features]] = {}
    for prop in _with_home_trims(doc, _with_place_lines(doc, rec, proposals)):
        loc, rule, index = prop
        if loc.name and loc.name.endswith("."):
            loc = Location(name=tidy_place(loc.name), address=loc.address, url=loc.url)
        name = loc.name or loc.address or ""
        sig = (rule, name)
        if not name or sig in seen:
            continue
        seen.add(sig)
        described = same.get((name, index, loc.address))
        if described is None:  # the same value from another source: the same description
            sp = spot(doc, rec, index, name, header_lines)
            g: ft.Features = {}
            g.update(ft.position(sp))
            g.update(ft.shape(name, sp.raw))
            g.update(ft.place(name, loc.address, sp))
            g["has_date"] = 1.0 if _dated(name) else 0.0
            described = same[(name, index, loc.address)] = (sp.offset, g)
        offset, g = described
        base, _, trim = rule.partition("~")
        f: ft.Features = {}
        f.update(ft.source(_rule(base), len(cands)))
        f.update(g)
        f.update(ft.trimmed(trim))
        cands.append(
            Candidate(
                value=loc,
                text=name,
                line=offset,
                rule=_rule(rule),
                features=f,
                extra=base in SCANS,
            )
        )
    _relative_place_features(cands)
    won = choose("location", cands, key)
    return None if won is None else won.value


def _relative_place_features(cands: list[Candidate]) -> None:
    """Each candidate's features beside the others of its decision
    (:func:`seminorm.learn.features.relative_places`)."""
    for c, extra in zip(cands, ft.relative_places([(c.text, c.line) for c in cands]), strict=True):
        f = c.features
        assert isinstance(f, dict)
        f.update(extra)


def _with_place_lines(
    doc: Doc, rec: Record, proposals: Iterable[PlaceProposal]
) -> Iterator[PlaceProposal]:
    """:func:`_place_lines` without the line scans' values that are dates (``Onsdag 13/9``,
    ``SAISON 2021``): a date is never a room."""
    for loc, rule, index in _place_lines(doc, rec, proposals):
        if rule.split("~")[0] in SCANS and _not_a_place(loc.name or ""):
            continue
        yield loc, rule, index


def _with_home_trims(doc: Doc, props: Iterable[PlaceProposal]) -> Iterator[PlaceProposal]:
    """Each proposal, then its reading without the name of the document's own institution at
    its edge (``~home``: ``Student Center, Room 7, QU`` → ``Student Center, Room 7``; ``QU
    Faculty Lounge`` → ``Faculty Lounge``), the institution whose domain the document is
    written from (:func:`home_names`): a reader there takes it as said."""
    homes = home_names(doc)
    for loc, rule, index in props:
        yield loc, rule, index
        if homes and loc.name:
            rest = _without_home(loc.name, homes)
            if rest:
                home = Location(name=rest, address=loc.address, url=loc.url)
                yield home, rule.partition("~")[0] + "~home", index


#: An academic domain in the text (``andrew.quill.edu``, ``cs.larch.ac.uk``): its last label
#: before the suffix names the institution.
_HOME_DOMAIN = LazyPattern(
    r"(?i)(?<![\w-])([a-z][a-z0-9-]{1,20})\.(?:edu|ac\.[a-z]{2}|edu\.[a-z]{2})(?![\w-])"
)
_HOME_WORD = LazyPattern(r"[A-Za-z]+")
_HOME_TAIL = LazyPattern(r"[\s,(]+([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})\)?\W*$")
_HOME_HEAD = LazyPattern(r"^([A-Z][\w.&-]*)\s+(?=[A-Z])")


def home_names(doc: Doc) -> frozenset[str]:
    """The names of the institutions whose academic domains the document writes
    (``quill`` for ``andrew.quill.edu``), read once per document; none without a domain."""
    memo = doc.memo.get("home_names")
    if memo is None:
        text = doc.text[:100_000]
        found: frozenset[str] = frozenset()
        if ".edu" in text or ".EDU" in text or ".ac." in text or ".AC." in text:
            found = frozenset(m.group(1).lower() for m in _HOME_DOMAIN.finditer(text))
        memo = doc.memo["home_names"] = found
    return memo  # type: ignore[return-value]


def _is_home(piece: str, homes: frozenset[str]) -> bool:
    """Whether ``piece`` names one of ``homes``: the name itself (``QU``, ``Quill``) or the
    initials of its words (``Quill Larch University`` for ``qlu``)."""
    words = _HOME_WORD.findall(piece)
    if not words or len(words) > 4:
        return False
    if "".join(words).lower() in homes:
        return True
    return len(words) >= 2 and "".join(w[0] for w in words).lower() in homes


def _without_home(name: str, homes: frozenset[str]) -> str | None:
    """``name`` without the home institution at its end or start, when what is left is a place."""
    m = _HOME_TAIL.search(name)
    if m is not None:
        words = m.group(1).split()
        for k in range(1, len(words) + 1):
            if _is_home(" ".join(words[-k:]), homes):
                cut = name[: m.start(1)] + " ".join(words[:-k])
                rest = cut.rstrip(" ,(")
                if rest and _placeish(rest):
                    return rest
                break
    m = _HOME_HEAD.match(name)
    if m is not None and _is_home(m.group(1), homes):
        rest = name[m.end() :]
        if _placeish(rest):
            return rest
    return None


def _not_a_place(name: str) -> bool:
    return bool(_YEARISH.search(name)) or _dated(name)


#: A season, term or year heading (``SAISON 2021``, ``Fall 1994``).
_YEARISH = LazyPattern(r"^\W*(?:[^\W\d_]+\s+){0,2}(?:19|20)\d\d\W*$")


def _place_lines(
    doc: Doc, rec: Record, proposals: Iterable[PlaceProposal]
) -> Iterator[PlaceProposal]:
    """The rules' proposals, then every line of the record that names a room or building,
    each also with its shorter readings (:func:`_trims`), then the places written above a
    listing's first record (:func:`standing_places`)."""
    last = min(rec.last, rec.first + SCAN_LINES, len(doc.lines) - 1)
    for loc, rule, index in proposals:
        yield loc, rule, index
        yield from _trimmed(loc, rule, index)
        yield from _run_on(doc, loc, index, last)
    for loc, rule, index in _scan_places(doc, rec.first, last, ""):
        yield loc, rule, index
        if "~" not in rule:
            yield from _run_on(doc, loc, index, last)
    yield from _paragraph_places(doc, rec, last)
    if doc.shared:
        yield from standing_places(doc)


#: How many lines above a listing's first record are read for the place all its talks share.
STANDING_LINES = 40


def standing_places(doc: Doc) -> list[PlaceProposal]:
    """The places written above a listing's first talk (``Lectures in Clark 108``,
    ``Fridays 4-5 pm`` over ``McBryde 455``): the place every talk shares unless it
    names its own. Read once per document."""
    memo = doc.memo.get("standing_places")
    if memo is None:
        first = min(doc.chosen) if doc.chosen else 0  # the first talk's record
        lo = max(0, first - STANDING_LINES)
        memo = list(_scan_places(doc, lo, first - 1, "standing-")) if first > 0 else []
        doc.memo["standing_places"] = memo
    return memo  # type: ignore[return-value]


def _scan_places(doc: Doc, first: int, last: int, prefix: str) -> Iterator[PlaceProposal]:
    """Every place a reader sees on lines ``first..last``: a short line read as a place slot
    (``line-place``), a place in its prose (``line-prose-place``), two short place lines in a
    row (``line-pair``), a room phrase (``room-phrase``); on a line with a date or time, each
    part between the dates and times (``line-part``: ``Wed 2/15 * 11:30 * 422 Scaife``)."""
    prev: tuple[int, str] | None = None
    for ln in doc.lines[first : last + 1]:
        t = " ".join(_TAG.sub(" ", ln.text).split()) if "<" in ln.text else ln.text
        if ln.blank or len(t) > 2000 or not _placeish(t):
            continue
        when_line = ln.index in doc.when_lines and ln.label is None
        cells: list[str] = []
        if len(t) > 200 and not when_line:
            continue
        if when_line:
            for part in _when_parts(doc, ln.index):
                slot = parse_location(part)
                if (
                    slot is not None
                    and slot.name
                    and _placeish(slot.name)  # ``May 11, 3 Wednesdays``: its date read out
                    and not _dated(slot.name)
                ):
                    yield slot, prefix + "line-part", ln.index
                    yield from _trimmed(slot, prefix + "line-part", ln.index)
            prev = None
        else:
            bare = ln.label[1] or "" if ln.label is not None else t
            if not bare:
                continue
            raw = ln.raw.strip()
            cells = _cells(raw) if ln.label is None and ("\t" in raw or "   " in raw) else []
            if len(cells) >= 2:  # a table's row: each cell, never the row across its columns
                for cell in cells:
                    slot = parse_location(cell) if _placeish(cell) else None
                    if slot is not None and slot.name:
                        yield slot, prefix + "line-part", ln.index
                        yield from _trimmed(slot, prefix + "line-part", ln.index)
                prev = None
            elif len(bare.split()) <= 10:
                slot = parse_location(bare)
                if slot is not None and slot.name:
                    yield slot, prefix + "line-place", ln.index
                    yield from _trimmed(slot, prefix + "line-place", ln.index)
                    if prev is not None and prev[0] == ln.index - 1 and len(bare.split()) <= 6:
                        yield (
                            Location(name=f"{prev[1]} {slot.name}"),
                            prefix + "line-pair",
                            ln.index - 1,
                        )
                    prev = (ln.index, slot.name) if len(bare.split()) <= 6 else None
        bare = t
        for piece in cells if len(cells) >= 2 else (bare,):
            prose = find_location_in_prose(piece)
            if prose is not None and prose.name:
                yield prose, prefix + "line-prose-place", ln.index
                yield from _trimmed(prose, prefix + "line-prose-place", ln.index)
        for m in _ROOM_PHRASE.finditer(bare):
            phrase = m.group(0).strip()
            if not _NOT_ROOM.search(phrase) and not _dated(phrase) and not _calendar_word(phrase):
                yield Location(name=phrase), prefix + "room-phrase", ln.index


_CELL_GAP = LazyPattern(r"\s*\t\s*|\s{3,}")


def _cells(text: str) -> list[str]:
    """The cells of a line laid out in columns (a tab or three spaces between them)."""
    return [c for c in _CELL_GAP.split(text.strip()) if c]


#: Where a line with a date or time is cut into parts besides its dates and times (a tab
#: is a table's column gap).
_PART_SEP = LazyPattern(
    r"\s[|·•*]\s|\*\*|\s:\s|--+|;|\s[-–—]\s|(?<=[\w)])(?<!\b[A-Z])(?<!\bSt)(?<!\bMt)(?<!\bDr)\.\s|\s{3,}|\s*\t\s*"
)
#: Words left at a part's ends by the dates and times cut out of it (``at``, ``from … to``), and
#: a listing's day code the date rules do not read (``3/14b``).
_PART_EDGE = LazyPattern(
    r"(?i)^(?:[\s,:@*(]|\d{1,2}/\d{1,2}[a-z]?\b|(?:at|from|to|until|on|um|ab|à|de|von|bis|le|el|am|alle|ore|dès)\b)+"
    r"|(?:[\s,:@*]|\b(?:at|from|to|until|on|um|ab|à|de|von|bis|le|el|am|alle|ore|dès|and|et|und)\b)+$"
)


#: A zone written beside a time (``UTC-5``, ``GMT+1``) is no place.
_ZONEISH = LazyPattern(r"(?i)^\W*(?:utc|gmt)\s?[+-−]\s?\d")


def _calendar_word(phrase: str) -> bool:
    """Whether a word of ``phrase`` is a weekday or month name in a language we read
    (``Jeudi 18`` is a date, not a room)."""
    words = _calendar_words()
    return any(w.lower().strip(".") in words for w in phrase.split() if len(w) >= 3)


@cache
def _calendar_words() -> frozenset[str]:
    from ..lang import merged_numbered

    return frozenset(w for t in ("weekdays", "months") for w in merged_numbered(t) if len(w) >= 3)


def _when_parts(doc: Doc, index: int) -> list[str]:
    """The parts of a line around its dates and times, cut at its separators; a parenthesis
    right after a time is a part of its own (``14h (grand amphi)``)."""
    raw = doc.lines[index].raw
    if len(raw) > 2000:
        return []
    at = doc.starts[index]
    spans = sorted(
        (max(a - at, 0), min(b - at, len(raw))) for a, b in doc.cuts.get(index, ()) if b > a
    )
    pieces: list[str] = []
    pos = 0
    for a, b in spans:
        if a > pos:
            pieces.append(raw[pos:a])
        pos = max(pos, b)
    pieces.append(raw[pos:])
    out: list[str] = []
    for piece in pieces:
        piece = _TAG.sub(" ", piece)
        for part in _PART_SEP.split(piece):
            part = part.strip()
            if part.startswith("(") and ")" in part:
                inner, _, rest = part[1:].partition(")")
                if _placeish(inner):  # ``14h (grand amphi)``, not ``4 pm (lunch provided)``
                    out.append(inner)
                part = rest
            part = _PART_EDGE.sub("", part).strip()
            if part.endswith(")") and "(" not in part:
                part = part[:-1]
            if len(part) >= 3 and _placeish(part) and not _ZONEISH.search(part):
                out.append(part)
    return [p for p in out if p.strip()]


#: Where a value's sentence or clause ends: a sentence's end (also before a quote mark, as
#: ``~`` or ``"``; not an initial's or a saint's period, ``Quill Hall, H. Ada Larch School``,
#: ``St. Ada's College``), a dash, a
#: colon before a quotation (``Larch Room: "A Title"``).
_CLAUSE_BREAK = LazyPattern(
    r"(?<=[\w)])(?<!\b[A-Z])(?<!\bSt)(?<!\bMt)(?<!\bDr)[.;!][~\"'”’]?\s|(?<=[\w)])\.--+|\s[-–—]\s|(?<=\w)--+(?=\w)|:\s+[\"“~]"
)
_LEADING_ARTICLE = LazyPattern(r"(?i)^(?:(?:the|la|le|el|der|die|das|il)\s+|l['’]\s*)")
_TRAILING_PARENTHESIS = LazyPattern(r"\s*\([^()]{1,60}\)\s*$")
_PLACE_PREPOSITION = LazyPattern(r"(?i)\b(?:in|at|im|dans|en|nel|nella|presso)\s+(?:the\s+)?")


def _dated(text: str) -> bool:
    """Whether a date is written in ``text`` (in any language the date rules read)."""
    return bool(find_dates(text))


#: A label inside a value (the next field of the same line).
_INNER_LABEL = LazyPattern(r"\s([A-Z][\w/&]*(?:\s[\w/&]+){0,3})\s?:\s")


def _trims(name: str) -> Iterator[tuple[str, str]]:
    """Shorter readings of a place: up to its sentence's end, without a closing
    parenthesis, what follows its last "in"/"at", without a one-word last part
    (``Student Center, Room 207, CMU``)."""
    clauses = _CLAUSE_BREAK.split(name)
    cut = clauses[0].strip(" ,.")
    if len(clauses) > 1:  # ``… in Russia.--Larch Hall, Room 103``: the last clause that is a place
        last = next((c.strip(" ,.") for c in reversed(clauses[1:]) if _placeish(c)), "")
        if last and last != cut:
            yield "clause", last
    pos = 1
    while pos < len(cut):  # ``3313 QH   Date and time : Wed …``
        m = _INNER_LABEL.search(cut, pos)
        if m is None:
            break
        from ..rules.labels import field_of

        if field_of(m.group(1)) is not None:
            cut = cut[: m.start()].strip(" ,.")
            break
        pos = m.start() + 1
    if cut and cut != name:
        yield "sentence", cut
    name = cut or name
    plain = _LEADING_ARTICLE.sub("", name)
    if plain and plain != name and plain[:1].isupper():
        yield "article", plain
        name = plain
    bare = _TRAILING_PARENTHESIS.sub("", name).strip(" ,")
    if bare and bare != name:
        yield "paren", bare
    preps = list(_PLACE_PREPOSITION.finditer(name))
    m = preps[-1] if preps else None
    if m is not None and m.start() > 0:
        rest = name[m.end() :].strip(" ,.")
        if rest and _placeish(rest):
            yield "after_prep", rest
    parts = [p.strip() for p in name.split(",")]
    if len(parts) >= 2 and len(parts[-1].split()) == 1:
        yield "last_part", ", ".join(parts[:-1])
    if len(parts) >= 2 and len(name.split()) >= 6:  # a title or a name before the place
        for k in (1, 2):
            tail = ", ".join(parts[-k:])
            if k < len(parts) and tail and _placeish(tail):
                yield "tail", tail


#: Abbreviations whose period stays at a place's end (``Babcock Blvd.``).
_ABBREVIATION_END = LazyPattern(
    r"(?i)\b(?:st|ave|av|blvd|bd|rd|dr|bldg|rm|sq|pl|ln|ct|hwy|mt|ft|univ|dept|str|co|inc|ltd|jr)\.$"
)


def tidy_place(name: str) -> str:
    """A place without the period that ends its sentence (``Larkin Hall.`` → ``Larkin Hall``);
    an abbreviation keeps its own (``Quarry Blvd.``).

    >>> tidy_place("Room 12, Larkin Hall."), tidy_place("9 Quarry Blvd.")
    ('Room 12, Larkin Hall', '9 Quarry Blvd.')
    """
    if name.endswith(".") and not _ABBREVIATION_END.search(name):
        return name.rstrip(". ")
    return name


#: A room written as a bare number or code after "in"/"at" (``meeting in 2110.``,
#: ``in WH7220,``, ``In 8.220, starting at 3:30``): never a year, a clock time, an amount.
_BARE_ROOM = LazyPattern(
    r"(?<![\w-])(?:[Ii]n|[Aa]t)\s+(?:[Rr]oom\s+|[Rr]m\.?\s+)?"
    r"((?:[A-Z]{1,4}\s?)?(?!(?:19|20)\d\d\b)\d{3,4}[A-Z]?|\d{1,2}\.\d{3})"
    r"(?![\w:/-]|\.\d|\s+(?:(?!(?:at|on|from)\s+\d)[a-z]|[AP]\.?M\b))"
)


#: A building's name after a bare room number (``in 8220 Larkin``), not a street's
#: (``5000 Larkin Avenue``) nor a word of the clock (``Noon``).
_BUILDING_AFTER = LazyPattern(
    r"[ ]([A-Z][a-z]{2,15})\b(?![ ]+(?:Avenue|Ave|Street|St|Road|Rd|Boulevard|Blvd|Drive|Dr|"
    r"Lane|Way|Place|Pl)\b)(?<!Noon)(?<!Midnight)"
)


#: A place named by its owner (``Ada's office``, ``the Quills' lab``), not by a role (the
#: registrar's office is where one goes to enrol).
_POSSESSIVE_PLACE = LazyPattern(
    r"\b(?!(?:Registrar|Dean|Director|President|Provost|Chair|Department|Secretary|Treasurer|Bursar|"
    r"Editor|Manager|Coordinator|Chancellor|Rector)['’])"
    r"[A-Z][a-z]{1,20}(?:[ ][A-Z][a-z]{1,20})?['’]s?[ ](?:office|lab|laboratory|room|house|"
    r"apartment|flat|place|studio|home)\b"
)


def _paragraph_places(doc: Doc, rec: Record, last: int) -> Iterator[PlaceProposal]:
    """Places read across a line break: every place the prose of a line and the line above
    it names when the lower line has a room word (``… in the Larch Dining⏎Room``,
    ``para-prose``), every bare room number or code after "in"/"at" (``bare-room``), every
    place named by its owner (``possessive-place``: ``Ada's office``)."""
    lines = doc.lines
    text = doc.span_text(rec.first, last)
    if len(text) <= 20_000:
        import bisect

        base = doc.starts[rec.first]
        for m in _BARE_ROOM.finditer(text):
            i = bisect.bisect_right(doc.starts, base + m.start()) - 1
            yield Location(name=m.group(1)), "bare-room", i
            b = _BUILDING_AFTER.match(text, m.end())
            if b is not None and not _calendar_word(b.group(1)):  # ``in 8220 Larkin.``
                yield Location(name=f"{m.group(1)} {b.group(1)}"), "bare-room", i
        if "'" in text or "’" in text:
            for m in _POSSESSIVE_PLACE.finditer(text):
                i = bisect.bisect_right(doc.starts, base + m.start()) - 1
                yield Location(name=m.group(0)), "possessive-place", i
    for i in range(rec.first + 1, last + 1):
        t = lines[i].text
        above = lines[i - 1].text[-80:]
        if t and above:
            yield from _wrapped_places(doc, i)
        if t and above and _OPEN_PREP.search(above) and _placeish(t):
            for loc in find_locations_in_prose(f"{above} {t}"):
                name = loc.name or ""
                if name and name not in t:  # only what crosses the line break
                    yield loc, "para-prose", i - 1
                    yield from _trimmed(loc, "para-prose", i - 1)


def _run_on(doc: Doc, loc: Location, index: int, last: int) -> Iterator[PlaceProposal]:
    """A place that ends its line and goes on below (``line-run-on``): it ends with an open
    word (``Larch Room, 4th floor, of⏎the Quill Building``), with a room word whose number
    starts the next line (``Quill Hall, Room⏎2315``), or the next line is a floor (``Larch
    Room, Quill Hall⏎2nd floor``)."""
    name = loc.name or ""
    if not name or not 0 <= index < last or len(name) > 200:
        return
    below = doc.lines[index + 1]
    if below.blank or len(below.text) > 2000:
        return
    line = doc.lines[index].text
    if not line.rstrip(" .,;").endswith(name) and not " ".join(line.split()).endswith(name):
        return
    if _OPEN_END.search(name):
        tail = cut_place(below.text.strip())
    elif _ROOM_WORD_END.search(name) and (m := _ROOM_NUMBER_START.match(below.text)):
        tail = m.group(1)  # ``Larch Hall, Room⏎2315``
    elif _FLOOR_LINE.match(below.text):
        tail = below.text.strip()
    else:
        return
    if tail:
        joined = Location(name=f"{name} {tail}")
        yield joined, "line-run-on", index
        yield from _trimmed(joined, "line-run-on", index)


#: A place's last word that leaves its phrase open (``… of``, ``… in the``, ``… ,``).
_OPEN_END = LazyPattern(r"(?i)(?:\b(?:of|in|at|the|and|for|de|du|des|der|di)|,)$")
_ROOM_WORD_END = LazyPattern(r"(?i)\b(?:room|rm\.?|hall|building|bldg\.?)$")
_ROOM_NUMBER_START = LazyPattern(r"^\s*([A-Z]?\d{1,5}[A-Z]?(?:-\d{1,5})?)(?![\w:/])")
#: A line that is only a floor (``2nd floor``, ``Ground floor, east wing``).
_FLOOR_LINE = LazyPattern(
    r"(?i)^\W*(?:\d{1,2}(?:st|nd|rd|th)|ground|first|second|third|fourth|fifth|top|main)\s+floor\b[^\n]{0,30}$"
)
#: A run of capitalised words after "in"/"at" that reaches the line's end (``… 7 pm in the
#: Larch Dining``): the place goes on below.
_OPEN_NAME = LazyPattern(
    r"(?<![\w-])(?:[Ii]n|[Aa]t)\s+(?:the\s+|The\s+)?((?:[A-Z][\w&'’.-]*)(?:\s+(?:[A-Z][\w&'’.-]*|of|and|for|&)){0,5})\s*$"
)


_CONNECTOR_END = LazyPattern(r"\s(?:of|and|for|&)$")


def _wrapped_places(doc: Doc, i: int) -> Iterator[PlaceProposal]:
    """A place after "in"/"at" wrapped over lines ``i - 1`` and ``i`` (``place-wrap``):
    ``… at 7 pm in the Larch Dining⏎Room in Quill House.`` → ``Larch Dining Room in Quill
    House``."""
    above = doc.lines[i - 1].text[-160:]
    m = _OPEN_NAME.search(above)
    if m is None or m.group(1).endswith("."):  # ``in the Larch Room.``: its sentence ended
        return
    tail = cut_place(doc.lines[i].text.strip())
    if not tail or (_CONNECTOR_END.search(m.group(1)) and not tail[:1].isupper()):
        return  # ``in Quill Hall for⏎our meeting``: the name ended before ``for``
    joined = f"{m.group(1)} {tail}"
    if not _placeish(joined) or len(joined.split()) > 16:
        return
    loc = parse_location(joined)
    if loc is not None and loc.name:
        yield loc, "place-wrap", i - 1
        yield from _trimmed(loc, "place-wrap", i - 1)


#: A preposition whose phrase runs to the line's end (the place may go on below).
_OPEN_PREP = LazyPattern(
    r"(?i)\b(?:in|at|im|dans|en|nel|nella|presso|no|na|em|op|på)\b[^.;:!?]{0,60}$"
)


def _trimmed(loc: Location, rule: str, index: int) -> Iterator[PlaceProposal]:
    for kind, name in _trims(loc.name or ""):
        yield Location(name=name, address=loc.address, url=loc.url), f"{rule}~{kind}", index


#: A room written the way campuses write it: ``Larkin Hall 5409``, ``Thorne 412``,
#: ``7500 Larkin Hall``, ``Room 2315 Brewer Hall``, ``room 12 in Brewer Hall``, ``Larkin Hall 7A``,
#: ``PH A18C``.
_ROOM_PHRASE = LazyPattern(
    r"(?:\b(?:[Rr]oom|Rm\.?|ROOM)\s+[A-Z]?\d{1,4}[A-Z]?(?:,?\s+(?:(?:in|of)\s+)?(?:[A-Z][a-z]+\s+){1,2}(?:Hall|Building|Center|Centre)"
    r"|\s+[A-Z][A-Za-z]{1,3}[A-Z]\b)?"
    r"|\b\d{3,4}[A-Z]?\s+(?:[A-Z][a-z]+\s+){0,2}(?:Hall|Building|Library|Center|Centre|Tower)\b"
    r"|\b(?:[A-Z][a-z]{2,15}\s+){1,2}(?:[Rr]oom\s+)?[A-Z]?\d{2,4}[A-Z]?\b(?![:.]\d)"
    r"|\b[A-Z][a-z]{2,15}\s+(?:Hall|Building)\s+\d[A-Z]?\b(?![:.]\d)"
    r"|\b(?:[A-Z]{3,15}\s+){1,2}(?:ROOM\s+)?[A-Z]?\d{2,4}[A-Z]?\b(?![:.]\d)"
    r"|\b[A-Z][A-Za-z]{0,2}[A-Z]\s?-?[A-Z]?\d{2,4}[A-Z]?\b(?![:.]\d))"
    r"(?!\s+(?:[Yy]ears?|[Mm]inutes?|[Hh]ours?|[Pp]eople|[Pp]articipants|%)"
    r"|\d|\s?[-–]\s?\d{1,2}(?:[:.]\d\d)?\s?[AaPp]\.?[Mm]\b|\s?[AaPp]\.?[Mm]\b)"
)
_NOT_ROOM = LazyPattern(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b|\b(?:19|20)\d\d\b|\b(?:spring|fall|autumn|winter|summer|"
    r"page|phone|tel|fax|box|suite|route|highway|volume|vol|no|number|chapter|section|covid|am|pm)\b"
)
