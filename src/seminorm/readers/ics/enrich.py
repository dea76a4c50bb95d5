"""Read an ICS event's SUMMARY, DESCRIPTION and LOCATION like text.

Calendar exports put the facts seminorm models into free text: a SUMMARY of
``External seminar: Ada Lovelace`` with ``Title: …`` and ``Speaker: Name
(Affiliation)`` lines in DESCRIPTION; ``Speaker: Title`` summaries; speakers
with affiliations as the whole SUMMARY; a Zoom link folded into LOCATION.
This module applies the text rules to those fields. Facts the calendar
states in structure (PARTICIPANT, CONFERENCE, LOCATION's ALTREP) are kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from seminorm.patterns import LazyPattern

from ...context import Context
from ...model import Event, Link, Location, Online, Provenance, Speaker
from ...plain import replace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_NO_VALUE_OR_BLANK = LazyPattern(r"\s*<?no value>?\s*|\s*")


def enrich(ev: Event, ctx: Context, *, series_prefix: str | None = None) -> Event:
    """Return ``ev`` with speakers, real title, series, place, meeting and links read from its texts.

    ``series_prefix`` is the ``Series:`` the calendar's SUMMARYs share
    (:func:`seminorm.readers.ics.series_prefix`): it is the series, and the
    rest of the SUMMARY is read on its own.
    """
    from ...engine.fields import clean_title, labeled, without_degrees
    from ...engine.segment import to_lines
    from ...rules.links import find_links
    from ...rules.people import parse_people
    from ...rules.places import is_series_name

    summary = (ev.title or "").strip()
    description = ev.description or ""
    if _NO_VALUE_OR_BLANK.fullmatch(description):
        description = ""
    shared_series = None
    if series_prefix and summary.startswith(series_prefix):
        rest = summary[len(series_prefix) :].lstrip(" \t:")
        if rest:
            shared_series, summary = series_prefix, rest
    if description and _TAG.search(description):
        description = _untagged(description)
    lines = to_lines(description) if description else []
    labels = labeled(lines, 0, len(lines) - 1) if lines else {}

    title: str | None = clean_title(summary) if summary else None
    series = ev.series
    speakers = list(ev.speakers)
    prov: dict[str, Provenance] = {}

    lab_title = next((v.text for v in labels.get("title", ()) if v.text), None)
    lab_speakers = next((parse_people(v.text) for v in labels.get("speaker", ()) if v.text), [])
    lab_series = next((v.text for v in labels.get("series", ()) if v.text), None)
    lab_affiliation = next(
        (v.text for key in ("affiliation", "institution") for v in labels.get(key, ()) if v.text),
        None,
    )
    if not lab_speakers and description:
        lab_speakers = _presented_by(description)
    if lab_affiliation and _NOT_AFFILIATION.match(lab_affiliation):
        lab_affiliation = None  # "Affiliation: Advisor: Ada Lovelace" names a person
    if lab_affiliation and len(lab_speakers) == 1 and not lab_speakers[0].affiliation:
        lab_speakers = [Speaker(name=lab_speakers[0].name, affiliation=lab_affiliation.strip())]

    s_series, s_who, s_title = _split_summary(summary) if summary else (None, None, None)
    if lab_speakers and s_who and not _names_one_of(s_who, lab_speakers):
        # the DESCRIPTION names the speaker: "HMake: Caching" is a title, not "Speaker: Title"
        s_series, s_who, s_title = None, None, None
    if lab_title and clean_title(lab_title) == title:
        # the SUMMARY is the title itself: a colon in it is part of the title
        s_series = s_who = s_title = None
    if (
        speakers
        and s_who
        and s_who.split("(")[0].strip().casefold() not in {sp.name.casefold() for sp in speakers}
    ):
        # the calendar names its speakers (PARTICIPANT): "X: Y" is not "Speaker: Title"
        s_series = s_who = s_title = None
    if lab_title:
        title = clean_title(lab_title)
        prov["title"] = Provenance(source="DESCRIPTION", text=lab_title, rule="label:title")
        if s_series and not series:
            series = s_series
        elif summary and not series and clean_title(summary) != title and not s_who:
            series = summary
    elif s_who and s_title:
        title = clean_title(s_title)
        series = series or s_series
        prov["title"] = Provenance(source="SUMMARY", text=summary, rule="speaker: title")
    elif s_who and s_series:
        title = None
        series = series or s_series
    elif s_series and s_title:  # "[Program] Title"
        title = clean_title(s_title)
        series = series or s_series
    elif summary and "(" in summary and ":" not in summary and not lab_speakers:
        people = parse_people(summary)
        if people and all(p.affiliation for p in people):
            title = None
            s_who = summary
            prov["speakers"] = Provenance(source="SUMMARY", text=summary, rule="people summary")
    if lab_series and not series:
        series = lab_series
    if shared_series:
        series = series or shared_series
        if title is not None and title == clean_title(ev.title or ""):
            title = clean_title(summary) if summary else None
    if title is not None and _TBA.fullmatch(title):
        title = None
    if title is not None and _speakers_line(title, lab_speakers or speakers):
        title = None  # "[Program] Ada Lovelace, MD Assistant Professor": the speaker's line

    if not speakers:
        if lab_speakers:
            speakers = lab_speakers
            prov["speakers"] = Provenance(
                source="DESCRIPTION", text=lab_speakers[0].name, rule="label:speaker"
            )
        elif s_who:
            speakers = parse_people(s_who)
            prov.setdefault(
                "speakers", Provenance(source="SUMMARY", text=s_who, rule="summary split")
            )
    elif lab_speakers:
        speakers = _merge_affiliations(speakers, lab_speakers)
    speakers = [
        Speaker(name=sp.name, affiliation=None)
        if sp.affiliation and without_degrees(", " + sp.affiliation) == ""
        else sp
        for sp in speakers
    ]  # "Ada Lovelace, MD, FACC": degrees, not an affiliation
    if len(speakers) == 1 and not speakers[0].affiliation and lines:
        speakers = [_affiliation_from_lines(speakers[0], lines)]

    location = ev.location
    if location is not None and location.name and is_series_name(location.name):
        series = series or " ".join(location.name.split())  # a series, not a place
        location = None
    if location is not None and location.name and location.url is None:
        location = _place(location.name)
    elif location is not None and location.name:
        parsed = _place(location.name)
        location = replace(parsed, url=location.url) if parsed else None

    online = ev.online
    texts = "\n".join(t for t in (ev.location.name if ev.location else None, description) if t)
    if online is None and texts and _may_name_meeting(texts):
        online = _meeting(texts)
    links = list(ev.links)
    seen = {lk.url for lk in links}
    for lk in find_links(description) if description else []:
        if lk.url not in seen:
            links.append(lk)
            seen.add(lk.url)
    if location is not None and location.url and location.url not in seen:
        links.append(Link(url=location.url, kind="map"))

    abstract = ev.abstract or next(
        (v.text for v in labels.get("abstract", ()) if len(v.text) >= 40), None
    )

    if prov:
        merged = dict(ev.provenance)
        merged.update(prov)
        provenance: Mapping[str, Provenance] = MappingProxyType(merged)
    else:
        provenance = ev.provenance
    return replace(
        ev,
        provenance=provenance,
        title=title,
        series=series,
        speakers=tuple(speakers),
        location=location,
        online=online,
        links=tuple(links),
        abstract=abstract,
    )


# A calendar repeats its rooms and the SUMMARYs of a series: each short text is
# read once (long ones are not kept: what is remembered stays small).
_REMEMBERED = 400


def _place(name: str) -> Location | None:
    if len(name) > _REMEMBERED:
        from ...rules.places import parse_location

        return parse_location(name)
    return _place_remembered(name)


@lru_cache(maxsize=256)
def _place_remembered(name: str) -> Location | None:
    from ...rules.places import parse_location

    return parse_location(name)


def _split_summary(summary: str) -> tuple[str | None, str | None, str | None]:
    if len(summary) > _REMEMBERED:
        from ...engine.fields import split_title_speaker

        return split_title_speaker(summary)
    return _summary_remembered(summary)


@lru_cache(maxsize=256)
def _summary_remembered(summary: str) -> tuple[str | None, str | None, str | None]:
    from ...engine.fields import split_title_speaker

    return split_title_speaker(summary)


def _meeting(texts: str) -> Online | None:
    from ...rules.meetings import find_online

    return find_online(texts)


def _may_name_meeting(text: str) -> bool:
    """Cheap evidence that :func:`~seminorm.rules.meetings.find_online` can find a
    meeting in ``text``: it needs a link (a join URL) or a labeled meeting ID, and
    looks for phone numbers and passcodes only then."""
    from ...rules import fold
    from ...rules.links import link_spans
    from ...rules.meetings import MEETING_ID

    return bool(link_spans(text)) or next(fold.finditer(MEETING_ID, text), None) is not None


_TAG = LazyPattern(
    r"</?(?:p|br|b|strong|i|em|span|div|li|ul|ol|a|h[1-6]|font|u|table|tr|td)\b[^<>]{0,400}>", re.I
)
_BLOCK = LazyPattern(r"</?(?:p|br|div|li|ul|ol|h[1-6]|tr|table)\b[^<>]{0,400}>", re.I)
_TBA = LazyPattern(
    r"(?i)(?:title\s*)?(?:tba|tbd|t\.b\.a\.|to\s+be\s+announced|to\s+be\s+determined)\.?"
)
_PRESENTED_BY = LazyPattern(
    r"(?i)\b(?:presented|given|delivered)\s+by\s+([^\n.;,()]{3,60}?)(?=\s*(?:[.;,(]|\n|$|from\b|of\b))"
)


_NOT_AFFILIATION = LazyPattern(
    r"(?i)\s*(?:advisors?|advisers?|mentors?|hosts?|supervisors?|pi)\s*:"
)


def _speakers_line(title: str, people: list[Speaker]) -> bool:
    """``title`` is a speaker's name, or it with their degrees, position or affiliation
    (``Ada Lovelace, MD Assistant Professor``, ``Ada Lovelace (Analytical Society)``)."""
    return any(
        p.name and (title == p.name or title.startswith((p.name + ",", p.name + " (")))
        for p in people
    )


def _names_one_of(who: str, people: list[Speaker]) -> bool:
    head = who.split("(")[0].split(",")[0].strip().casefold()
    return any(head and (head in p.name.casefold() or p.name.casefold() in head) for p in people)


def _affiliation_from_lines(sp: Speaker, lines: list[Any]) -> Speaker:
    """``Ada Lovelace, PhD student, Department of Mathematics, Some University``
    opening the DESCRIPTION: the speaker's affiliation (the rank dropped)."""
    from ...rules.people import parse_people

    for ln in lines[:4]:
        raw = ln.raw.strip()
        if not raw.casefold().startswith(sp.name.casefold() + ","):
            continue
        found = parse_people(raw)
        if found and found[0].name.casefold() == sp.name.casefold() and found[0].affiliation:
            return Speaker(name=sp.name, affiliation=found[0].affiliation)
    return sp


def _untagged(description: str) -> str:
    """A DESCRIPTION written in HTML, as lines of text (``<p><b>Speaker:</b> X</p>``)."""
    import html

    text = _BLOCK.sub("\n", description)
    return html.unescape(_TAG.sub("", text))


def _presented_by(description: str) -> list[Speaker]:
    """``Presented by Ada Lovelace.`` in a DESCRIPTION: the speaker."""
    from ...rules.people import looks_like_name, strip_honorifics

    m = _PRESENTED_BY.search(description)
    if m is None:
        return []
    name = strip_honorifics(m.group(1).strip())
    return [Speaker(name=name, affiliation=None)] if looks_like_name(name) else []


def _merge_affiliations(have: list[Speaker], labelled: list[Speaker]) -> list[Speaker]:
    by_name = {s.name.casefold(): s for s in labelled}
    return [
        Speaker(
            name=s.name,
            affiliation=s.affiliation
            or getattr(by_name.get(s.name.casefold()), "affiliation", None),
        )
        for s in have
    ]
