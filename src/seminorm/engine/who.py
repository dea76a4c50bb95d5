"""A record's title, series and speakers, each from its first source that gives one.

The orders of sources are those of docs/extraction.md, section 5.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from seminorm.patterns import LazyPattern

from ..model import Provenance, Speaker
from .doc import Doc, join_paragraphs, line_provenance
from .fields import (
    CANCELLED,
    SERIES_WORDS,
    Value,
    clean_title,
    ends_with_title_cue,
    is_url_line,
    quoted_title,
    split_title_speaker,
)
from .header import (
    CRUMB,
    GREETING,
    SERIES_COLON,
    person_line,
    plausible_name,
    quoted_line,
    title_from_header,
    without_when,
)
from .lines import Line
from .segment import Record
from .where import ROOM_CHANGE

# --- title, series, speakers ---------------------------------------------------


_BOLD_SPAN = LazyPattern(r"(?<!\*)\*\*([^*]{4,200})\*\*(?!\*)")


def pick_title(
    doc: Doc,
    rec: Record,
    labels: dict[str, list[Value]],
    header: list[tuple[str, Line]],
    text: str,
    key: str = "",
    speakers: tuple[str, ...] = (),
    affiliations: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
) -> tuple[str | None, Provenance | None]:
    """The title the scorer prefers among every source's (see :mod:`.candidates`);
    a labeled placeholder (``Title: TBA``) is taken as written: no title. ``speakers``
    (the record's chosen speakers) and their ``affiliations`` tell the scorer which
    lines are names and institutions, ``places`` (its chosen place) which line is the room."""
    from .candidates import choose_title

    for v in labels.get("title", ()):
        if clean_title(v.text):
            break
        if v.text:  # a labeled placeholder (TBA) means: no title
            return None, line_provenance(v.index, v.text, "label:title (placeholder)")
    header_lines = frozenset(ln.index for _, ln in header)
    best = title_from_header(header)
    return choose_title(
        doc,
        rec,
        _title_proposals(doc, rec, labels, header, text),
        header_lines,
        None if best is None else best.index,
        key,
        speakers,
        affiliations,
        places,
    )


def _title_proposals(
    doc: Doc,
    rec: Record,
    labels: dict[str, list[Value]],
    header: list[tuple[str, Line]],
    text: str,
) -> Iterator[tuple[str | None, Provenance | None]]:
    """Every source's title, in the reading order of docs/extraction.md."""
    for v in labels.get("title", ()):
        t = clean_title(v.text)
        if t:
            yield t, line_provenance(v.index, v.text, v.rule)
    for v in labels.get("series", ()):
        if len(v.text.split()) >= 3 and not SERIES_WORDS.search(v.text):
            yield clean_title(v.text), line_provenance(v.index, v.text, "label:series (a title)")
    for kind, ln in header:
        m = SERIES_COLON.match(ln.text)
        if kind == "series" and m and not SERIES_WORDS.search(m.group(1)):
            yield clean_title(m.group(1)), line_provenance(ln.index, ln.text, "series: title line")
    q = quoted_title(text)
    if q:
        yield clean_title(q[0]), Provenance(source="quoted", text=q[0], rule="quoted-title")
    cells = _entry_cells(doc, rec)
    if cells is not None:
        title, _ = cells
        if title:
            yield clean_title(title), line_provenance(rec.first, title, "table row")
        return
    if rec.entry_date_line is not None:
        rest = _entry_rest(doc, rec)
        raw = doc.lines[rec.first].raw
        bold = _BOLD_SPAN.search(raw)
        if bold and any(  # the bold part is the entry's date and time: the title follows it
            w.span[0] - doc.starts[rec.first] >= bold.start(1)
            for w in doc.whens_by_line.get(rec.first, ())
        ):
            tail = raw[bold.end() :].strip(" \t:–—-|")
            if len(tail) >= 4:
                yield (
                    clean_title(tail),
                    line_provenance(rec.first, tail, "entry: after its bold date"),
                )
            bold = None
        if bold and not CANCELLED.search(bold.group(1)) and not ROOM_CHANGE.search(bold.group(1)):
            yield (
                clean_title(bold.group(1)),
                line_provenance(rec.first, bold.group(1), "entry-bold"),
            )
        if rest:
            _, who, title = split_title_speaker(rest)
            if title and who and plausible_name(who.split("(")[0].strip()):
                yield clean_title(title), line_provenance(rec.first, rest, "entry-split")
    for kind, ln in header:
        if kind in ("text", "date", "person") and not quoted_line(ln.text):
            line = without_when(doc, ln) if kind == "date" else ln.text
            _, who, title = split_title_speaker(line)
            if who and title and plausible_name(who.split("(")[0].strip()):
                yield clean_title(title), line_provenance(ln.index, ln.text, "title/speaker line")
    for ln in doc.lines[rec.first : rec.last + 1]:
        if ln.label is None and " / " in ln.text and len(ln.text) <= 200:
            _, who, title = split_title_speaker(ln.text)
            if who and title:
                yield clean_title(title), line_provenance(ln.index, ln.text, "title/speaker line")
    after = _line_after_colon(doc, rec)
    if after is not None:
        yield clean_title(after.text), line_provenance(after.index, after.text, "line after ':'")
    if not doc.shared or rec.first <= 2 or any(k == "person" for k, _ in header):
        best = title_from_header(header)
        if best is not None:
            yield clean_title(best.text), line_provenance(best.index, best.text, "header line")
        for kind, ln in header:
            if kind == "text" and ln is not best:
                yield clean_title(ln.text), line_provenance(ln.index, ln.text, "header other line")
    if doc.hints.title and not doc.shared and not CRUMB.search(doc.hints.title):
        t = _clean_subject(doc.hints.title)
        if t:
            yield clean_title(t), Provenance(source="subject", text=doc.hints.title, rule="subject")


def _ends_with_when(doc: Doc, ln: Line) -> bool:
    """The line ends with a date or time (``13:00 horas (hora del centro)``): its
    closing parenthesis is a zone, not the ``(Y)`` of ``a talk by X (Y)``."""
    end = doc.starts[ln.index] + len(ln.raw.rstrip())
    return any(b >= end for _, b in doc.cuts.get(ln.index, ()))


def _line_after_colon(doc: Doc, rec: Record) -> Line | None:
    """A standalone line right after prose that ends with ':' (``… a talk by X (Y):``)."""
    lines = doc.lines
    for i in range(rec.first, rec.last):
        ln = lines[i]
        if ln.blank or ln.label is not None or len(ln.text.split()) < 4:
            continue
        if not ln.text.endswith(":") and (
            not ends_with_title_cue(ln.text[-40:]) or _ends_with_when(doc, ln)
        ):
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
            and cand.index not in doc.when_lines  # "13 Mar 2025 — PhD day": a listing's entry
            and 2 <= len(words) <= 25
            and (after is None or after.blank)
            and not person_line(cand.text)
            and not cand.text.endswith((".", ":"))
            and not is_url_line(cand.text)
        ):
            return cand
    return None


_REPLY_PREFIXES = LazyPattern(r"^(?:(?:re|fwd?|tr|aw|wg)\s*:\s*)+", re.I)
_BRACKET_TAG = LazyPattern(r"^\[[^\]]{1,40}\]\s*")
_SUBJECT_SEPARATOR = LazyPattern(r"\s[:\-–|]\s|:\s")


def _clean_subject(subject: str) -> str | None:
    if GREETING.match(subject.strip()):
        return None
    s = _REPLY_PREFIXES.sub("", subject.strip())
    s = _BRACKET_TAG.sub("", s)
    from ..rules.dates import find_dates

    for d in sorted(find_dates(s), key=lambda d: -d.start):
        s = (s[: d.start] + " " + s[d.end :]).strip()
    parts = [p.strip() for p in _SUBJECT_SEPARATOR.split(s) if p.strip()]
    if not parts:
        return None
    longest = max(parts, key=len)
    return longest if len(longest.split()) >= 2 else None


_NO_TALK_CELL = LazyPattern(r"(?i)^no\s+(?:seminar|talk|colloquium|meeting|lecture)\b")


def _entry_cells(doc: Doc, rec: Record) -> tuple[str | None, str | None] | None:
    """``(title, speaker)`` of a table row entry (``| 1/13 | Name (Affil) | Title |``), else None."""
    if rec.entry_date_line is None or doc.lines[rec.first].raw.count("|") < 2:
        return None
    cells = [c.strip(" *_") for c in _entry_rest_raw(doc, rec).split("|")]
    cells = [c for c in cells if c and c not in ("—", "-", "–")]
    if not cells:
        return None
    who = next((c for c in cells if person_line(c)), None)
    rest = [c for c in cells if c != who and len(c.split()) >= 2]
    title = rest[0] if rest else None
    if title and _NO_TALK_CELL.match(title):
        return None, None
    return title, who


def _entry_end(doc: Doc, rec: Record) -> int | None:
    """Where the date (or a programme slot's time) of an entry line ends, in the text."""
    if rec.slot is not None:
        return int(rec.slot.span[1])
    w = next(iter(doc.whens_by_line.get(rec.first, ())), None)
    return None if w is None else int(w.span[1])


def _entry_rest_raw(doc: Doc, rec: Record) -> str:
    end = _entry_end(doc, rec)
    raw = doc.lines[rec.first].raw
    if end is None:
        return raw
    return raw[max(0, end - doc.starts[rec.first]) :]


def _entry_rest(doc: Doc, rec: Record) -> str:
    """What follows the date on a listing's entry line."""
    end = _entry_end(doc, rec)
    raw = doc.lines[rec.first].raw
    if end is None:
        return doc.lines[rec.first].text
    offset = doc.starts[rec.first]
    rest = raw[max(0, end - offset) :]
    rest = CANCELLED.sub(" ", rest.replace("*", " "))
    return " ".join(rest.split()).strip(" :-–—,")


def pick_series(
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


def pick_speakers(
    doc: Doc,
    rec: Record,
    labels: dict[str, list[Value]],
    header: list[tuple[str, Line]],
    text: str,
    key: str = "",
) -> tuple[list[Speaker], Provenance | None, str | None]:
    """The speakers the scorer prefers among every source's (see :mod:`.candidates`)."""
    from .candidates import choose_speakers

    header_lines = frozenset(ln.index for _, ln in header)
    won = choose_speakers(
        doc, rec, _speaker_proposals(doc, rec, labels, header, text), header_lines, key
    )
    if won is None:
        return [], None, None
    people, prov, series, _, _ = won
    if any(p.affiliation is None for p in people):
        people = _filled_affiliations(doc, rec, people)
    if prov is None and people:
        prov = Provenance(source="text", text=people[0].name, rule=won[3])
    return people, prov, series


_BOLD = LazyPattern(r"\*\*")
_TOPIC_LABEL = LazyPattern(r"(?i)^topic\s*:\s*")


def _speaker_proposals(
    doc: Doc,
    rec: Record,
    labels: dict[str, list[Value]],
    header: list[tuple[str, Line]],
    text: str,
) -> Iterator[tuple[list[Speaker], Provenance | None, str | None, str, int]]:
    """Every source's speakers, in the reading order of docs/extraction.md."""
    from ..rules.people import find_speaker_in_prose, parse_people
    from ..rules.people_cjk import has_cjk, parse_cjk_people

    for v in labels.get("speaker", ()):
        if v.text:
            # a slot's CJK names need no title (``报告人：李明``), a line's do
            people = (parse_cjk_people(v.text) if has_cjk(v.text) else []) or parse_people(v.text)
            if people:
                yield (
                    _with_affiliation(people, text),
                    line_provenance(v.index, v.text, v.rule),
                    None,
                    v.rule,
                    v.index,
                )
    if doc.shared:  # a speaker label above the first record (a posting's header block)
        for v in doc.prelude.get("speaker", ()):
            people = parse_people(v.text) if v.text else []
            if people:
                yield (
                    people,
                    line_provenance(v.index, v.text, "prelude:speaker"),
                    None,
                    "prelude:speaker",
                    v.index,
                )
    cells = _entry_cells(doc, rec)
    if cells is not None:
        _, who = cells
        people = parse_people(who) if who else []
        if people and who:
            yield people, line_provenance(rec.first, who, "table row"), None, "table row", rec.first
        return
    if rec.entry_date_line is not None:
        rest = _entry_rest(doc, rec)
        series, who, _ = split_title_speaker(rest) if rest else (None, None, None)
        cand = who or (rest if rest and not _BOLD.search(doc.lines[rec.first].raw) else None)
        if cand:
            people = parse_people(cand)
            if people:
                yield (
                    people,
                    line_provenance(rec.first, cand, "entry-line"),
                    series,
                    "entry-line",
                    rec.first,
                )
        for ln in doc.lines[rec.first + 1 : min(rec.last, rec.first + 3) + 1]:
            if ln.blank or ln.label:
                continue
            if len(ln.text.split()) <= 12:
                people = parse_people(ln.text)
                if people:
                    yield (
                        people,
                        line_provenance(ln.index, ln.text, "entry-next-line"),
                        None,
                        "entry-next-line",
                        ln.index,
                    )
            break
    for i, (kind, ln) in enumerate(header):
        if kind == "person":
            block = ln.text
            if i + 1 < len(header) and header[i + 1][0] == "affil":
                block += "\n" + header[i + 1][1].text
            people = parse_people(block)
            if people:
                yield (
                    _with_affiliation(people, text),
                    line_provenance(ln.index, block, "header-person"),
                    None,
                    "header-person",
                    ln.index,
                )
    for kind, ln in header:
        if kind in ("text", "series", "date"):
            series, who, _ = split_title_speaker(
                without_when(doc, ln) if kind == "date" else ln.text
            )
            if who and plausible_name(who.split("(")[0].strip()):
                people = parse_people(who)
                if people:
                    yield (
                        people,
                        line_provenance(ln.index, ln.text, "split-line"),
                        series,
                        "split-line",
                        ln.index,
                    )
    for ln in doc.lines[rec.first : rec.last + 1]:
        if ln.label is None and (" / " in ln.text or _TOPIC_LABEL.match(ln.text)):
            series, who, _ = split_title_speaker(_TOPIC_LABEL.sub("", ln.text))
            if who:
                people = parse_people(who)
                if people:
                    yield (
                        people,
                        line_provenance(ln.index, ln.text, "split-line"),
                        series,
                        "split-body",
                        ln.index,
                    )
    prose = join_paragraphs(_prose_lines(doc, rec))
    # an institution named in running text is no person (``the Internal Revenue Service``)
    people = [p for p in find_speaker_in_prose(prose) if not _is_institution(p.name)]
    if people:
        yield (
            _with_affiliation(people, prose),
            Provenance(source="prose", text=people[0].name, rule="prose"),
            None,
            "prose",
            -1,
        )
    from ..rules.people import looks_like_name

    for ln in doc.lines[rec.first : rec.last + 1]:
        if ln.label is None and 1 < len(ln.text.split()) <= 4 and not GREETING.match(ln.text):
            if looks_like_name(ln.text) and plausible_name(ln.text):
                yield (
                    _with_affiliation([Speaker(name=ln.text)], text),
                    line_provenance(ln.index, ln.text, "name-line"),
                    None,
                    "name-line",
                    ln.index,
                )


def _is_institution(name: str) -> bool:
    from ..rules.people import is_organization

    return len(name.split()) >= 2 and is_organization(name)


def _prose_lines(doc: Doc, rec: Record) -> str:
    """The record's text for the prose finders: hosts' lines out, and a labeled line a
    paragraph of its own (``Topic: Talk by Ada Lovelace`` does not run on into the
    ``Dates:`` line under it)."""
    keep: list[str] = []
    for ln in doc.lines[rec.first : rec.last + 1]:
        if ln.label is None:
            keep.append(ln.raw)
        elif ln.label[0] != "host":
            keep += ["", ln.raw, ""]
    return "\n".join(keep)


_RELATIVE_WORD = LazyPattern(r"\s(?:autor|author|who|quien|qui|der|die|che)\s")
_ROLE_WORD = LazyPattern(
    r"(?i)\b(?:profes|doctor|student|researcher|chercheu|doctorant|lecturer|postdoc)"
)


#: What follows a name to give its affiliation: ``, X``, ``(X``, `` – X``.
_AFFILIATION_AFTER = LazyPattern(r"\s*(?:,|\(|–|-)\s*([^,;()\n]{3,160})")


def _said_after(name: str, text: str) -> str | None:
    """The affiliation written after the first occurrence of ``name`` that has one:
    ``re.search(re.escape(name) + _AFFILIATION_AFTER, text).group(1)``, found with
    ``str.find`` instead of a pattern compiled for each name."""
    at = text.find(name)
    while at != -1:
        m = _AFFILIATION_AFTER.match(text, at + len(name))
        if m is not None:
            return m.group(1)
        at = text.find(name, at + 1)
    return None


def _filled_affiliations(doc: Doc, rec: Record, people: list[Speaker]) -> list[Speaker]:
    """The chosen speakers, each without an affiliation given the one the record writes
    next to the name: ``Name (X)``, ``Name <link> (X)``, ``Name, X`` (an institution), or
    the line under a name that stands alone on its line."""
    from ..rules.people import affiliation_after, is_organization, strip_honorifics

    text = doc.span_text(rec.first, min(rec.last, rec.first + 80))[:6000]
    out = []
    for p in people:
        if p.affiliation is None and len(p.name) >= 4:
            aff, at, tries = None, text.find(p.name), 0
            while aff is None and at != -1 and tries < 5:  # the first mention that has one
                end = at + len(p.name)
                aff = affiliation_after(text[end : end + 400])
                at, tries = text.find(p.name, end), tries + 1
            if aff is None:
                aff = _affiliation_below(doc, rec, p.name, is_organization, strip_honorifics)
            if aff is not None:
                p = Speaker(name=p.name, affiliation=aff)
        out.append(p)
    return out


def _affiliation_below(
    doc: Doc,
    rec: Record,
    name: str,
    is_organization: Callable[[str], bool],
    strip_honorifics: Callable[[str], str],
) -> str | None:
    """The institution on the line under a name that stands alone on its line."""
    last = min(rec.last, rec.first + 80, len(doc.lines) - 1)
    for i in range(rec.first, last):
        ln = doc.lines[i]
        if ln.blank or ln.label is not None or name not in ln.text:
            continue
        if strip_honorifics(ln.text.strip(" ,*_#")) != name:
            continue
        nxt = doc.lines[i + 1]
        t = nxt.text.strip(" ,*_")
        if nxt.blank or nxt.label is not None or not t or len(t.split()) > 12 or t.endswith("."):
            return None
        if is_organization(t):
            return t
        return None
    return None


def _with_affiliation(people: list[Speaker], text: str) -> list[Speaker]:
    """Fill a missing affiliation from ``Name, professor at X`` / ``Name (X)`` in the text."""
    from ..rules.people import is_organization

    out = []
    for p in people:
        if p.affiliation is None:
            after = _said_after(p.name, text)
            if after is not None:
                aff = _RELATIVE_WORD.split(after)[0].strip(" .")
                if is_organization(aff) or _ROLE_WORD.search(aff):
                    p = Speaker(name=p.name, affiliation=aff)
        out.append(p)
    return out
