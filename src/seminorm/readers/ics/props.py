"""Read the structured properties of a VEVENT: ORGANIZER, CONFERENCE, PARTICIPANT.

CONFERENCE and PARTICIPANT are read the way seminorm's writer writes them
(RFC 7986 and RFC 9073), so that reading our own output gives the same event.
"""

from __future__ import annotations

from seminorm.model import PLATFORM_NAMES, Online, Organizer, Speaker
from seminorm.patterns import LazyPattern

from .lex import Component, Prop
from .values import unescape

_AFFILIATION = LazyPattern(r"(.{1,200}?)\s*\(([^()]{1,200})\)\s*")


def read_organizer(prop: Prop) -> Organizer | None:
    value = prop.value.strip()
    email = value[7:] if value.lower().startswith("mailto:") else value
    if "@" not in email or " " in email.strip():
        return None
    name = prop.param("CN")
    return Organizer(name=name.strip() or None if name else None, email=email.strip())


def read_conference(
    prop: Prop, online: Online | None, dial_in: list[str], extra: list[str]
) -> Online | None:
    uri = prop.value.strip()
    feature = (prop.param("FEATURE") or "").upper()
    label = prop.param("LABEL") or ""
    if uri.lower().startswith("tel:") or ("PHONE" in feature and "VIDEO" not in feature):
        number = label[8:].strip() if label.lower().startswith("dial-in ") else uri[4:]
        dial_in.append(number)
        return online
    if online is not None and online.url:
        extra.append(prop.line())
        return online
    return _read_label(uri, label)


def _read_label(url: str, label: str) -> Online:
    """Invert the writer's LABEL: ``Zoom, meeting ID 897 0800, passcode 5``."""
    platform = meeting = passcode = None
    names = {str(v).casefold(): str(k) for k, v in PLATFORM_NAMES.items()}
    for part in (p.strip() for p in label.split(",")):
        if part.lower().startswith("meeting id "):
            meeting = part[11:].strip() or None
        elif part.lower().startswith("passcode "):
            passcode = part[9:].strip() or None
        elif part.casefold() in names and platform is None:
            platform = names[part.casefold()]
    return Online(platform=platform, url=url, meeting_id=meeting, passcode=passcode)


def read_speaker(comp: Component) -> Speaker | None:
    if comp.name != "PARTICIPANT":
        return None
    kind = comp.first("PARTICIPANT-TYPE")
    summary = comp.first("SUMMARY")
    if kind is None or kind.value.strip().upper() != "SPEAKER" or summary is None:
        return None
    text = unescape(summary.value)[0].strip()
    if not text:
        return None
    m = _AFFILIATION.fullmatch(text)
    if m:
        return Speaker(name=m.group(1).strip(), affiliation=m.group(2).strip())
    return Speaker(name=text)
