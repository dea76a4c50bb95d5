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
from dataclasses import replace
from types import MappingProxyType

from ..context import Context
from ..model import Event, Link, Provenance, Speaker


def enrich(ev: Event, ctx: Context) -> Event:
    """Return ``ev`` with speakers, real title, series, place, meeting and links read from its texts."""
    from ..rules.links import find_links
    from ..rules.meetings import find_online
    from ..rules.people import parse_people
    from ..rules.places import parse_location
    from .fields import clean_title, labeled, split_title_speaker
    from .segment import to_lines

    summary = (ev.title or "").strip()
    description = ev.description or ""
    if re.fullmatch(r"\s*<?no value>?\s*|\s*", description):
        description = ""
    lines = to_lines(description) if description else []
    labels = labeled(lines, 0, len(lines) - 1) if lines else {}

    title: str | None = clean_title(summary) if summary else None
    series = ev.series
    speakers = list(ev.speakers)
    prov: dict[str, Provenance] = {}

    lab_title = next((v.text for v in labels.get("title", ()) if v.text), None)
    lab_speakers = next((parse_people(v.text) for v in labels.get("speaker", ()) if v.text), [])
    lab_series = next((v.text for v in labels.get("series", ()) if v.text), None)

    s_series, s_who, s_title = split_title_speaker(summary) if summary else (None, None, None)
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
        prov["title"] = Provenance(source="SUMMARY", text=summary, rule="speaker: title")
    elif s_who and s_series:
        title = None
        series = series or s_series
    elif summary and "(" in summary and ":" not in summary:
        people = parse_people(summary)
        if people and all(p.affiliation for p in people):
            title = None
            s_who = summary
            prov["speakers"] = Provenance(source="SUMMARY", text=summary, rule="people summary")
    if lab_series and not series:
        series = lab_series

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

    location = ev.location
    if location is not None and location.name and location.url is None:
        location = parse_location(location.name)
    elif location is not None and location.name:
        parsed = parse_location(location.name)
        location = replace(parsed, url=location.url) if parsed else None

    online = ev.online
    texts = "\n".join(t for t in (ev.location.name if ev.location else None, description) if t)
    if online is None and texts:
        online = find_online(texts)
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
