"""Texts the writers compose from an event: the ICS ``SUMMARY``, the
``DESCRIPTION`` of events read from text, and short labels.

Only the standard library is used, so the CSV and table writers can share
these without loading icalendar.

>>> from seminorm.model import PLATFORM_NAMES, Event, Speaker
>>> ev = Event(series="Logic seminar", speakers=(Speaker(name="Ada Lovelace"),))
>>> summary_for(ev)
'Logic seminar: Ada Lovelace'
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from seminorm.errors import WriteError
from seminorm.model import PLATFORM_NAMES, Event, Speaker
from seminorm.patterns import LazyPattern

#: The placeholders a ``--summary`` template may use.
SUMMARY_FIELDS = ("title", "series", "speaker", "speakers")

#: The template used when the event has no title.
FALLBACK_SUMMARY = "{series}: {speaker}"

#: The label each link kind gets in a composed description.
LINK_LABELS: Mapping[str, str] = {
    "meeting": "Join",
    "paper": "Paper",
    "slides": "Slides",
    "video": "Video",
    "registration": "Registration",
    "map": "Map",
    "calendar": "Calendar",
    "page": "Web page",
    "email": "E-mail",
    "other": "Link",
}

# Separators left dangling when a placeholder is empty: "Series: " -> "Series".
_DANGLING = " \t:;,-–—|/·"
_SPACES = LazyPattern(r"[ \t]{2,}")


def speaker_label(sp: Speaker) -> str:
    """Return ``Name (Affiliation)``, or the name alone.

    >>> speaker_label(Speaker(name="Lihua Ko", affiliation="IBM"))
    'Lihua Ko (IBM)'
    """
    return f"{sp.name} ({sp.affiliation})" if sp.affiliation else sp.name


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Fill ``template``; when a placeholder is empty, drop the separators it leaves."""
    parts: list[str] = []
    gap = False
    try:
        for literal, name, spec, conv in string.Formatter().parse(template):
            parts.append(literal)
            if name is None:
                continue
            if name not in values or conv or spec:
                raise KeyError(name)
            parts.append(values[name])
            gap = gap or not values[name]
    except (KeyError, ValueError) as e:
        fields = ", ".join("{" + f + "}" for f in SUMMARY_FIELDS)
        raise WriteError(
            f"bad summary template {template!r}: {e}; use plain placeholders among {fields}"
        ) from None
    text = _SPACES.sub(" ", " ".join(line.strip() for line in "".join(parts).splitlines()))
    return text.strip(_DANGLING) if gap else text.strip()


def summary_for(ev: Event, template: str = "{title}") -> str:
    """Fill a summary template for ``ev``; empty parts leave no stray separators.

    Placeholders: ``{title}``, ``{series}``, ``{speaker}`` (the first
    speaker's name), ``{speakers}`` (all names, comma-separated). When the
    event has no title and the template asks for one, the template
    ``{series}: {speaker}`` is used instead. An unknown placeholder raises
    :class:`~seminorm.errors.WriteError`. The result may be empty.

    >>> from seminorm.model import PLATFORM_NAMES, Event, Speaker
    >>> ev = Event(title="On knots", speakers=(Speaker(name="Ada"), Speaker(name="Bo")))
    >>> summary_for(ev, "{speakers}: {title}")
    'Ada, Bo: On knots'
    >>> summary_for(Event(title="On knots"), "{speaker}: {title}")
    'On knots'
    """
    values = {
        "title": ev.title or "",
        "series": ev.series or "",
        "speaker": ev.speakers[0].name if ev.speakers else "",
        "speakers": ", ".join(sp.name for sp in ev.speakers),
    }
    if not ev.title and "{title}" in template:
        template = FALLBACK_SUMMARY
    return _fill(template, values)


def _link_lines(ev: Event) -> list[str]:
    lines: list[str] = []
    seen = {ev.online.url} if ev.online and ev.online.url else set()
    if ev.location and ev.location.url:
        seen.add(ev.location.url)
    for link in ev.links:
        if link.url in seen:
            continue
        seen.add(link.url)
        lines.append(f"{LINK_LABELS.get(link.kind, 'Link')}: {link.url}")
    return lines


def compose_description(ev: Event) -> str:
    """Write the facts of ``ev`` as labeled lines, the abstract last.

    This is the ICS ``DESCRIPTION`` of events read from text: people whose
    client ignores ``PARTICIPANT`` and ``CONFERENCE`` still see the speaker
    and the join details, and reading the output again with seminorm finds
    the same facts (every line is ``Label: value``).

    >>> from seminorm.model import Event, Online, Speaker
    >>> ev = Event(title="On knots", speakers=(Speaker(name="Ada", affiliation="UCL"),),
    ...            online=Online(platform="zoom", url="https://zoom.us/j/1", passcode="42"),
    ...            abstract="Knots are fun.")
    >>> print(compose_description(ev))
    Title: On knots
    Speaker: Ada (UCL)
    Join: https://zoom.us/j/1
    Passcode: 42
    <BLANKLINE>
    Abstract: Knots are fun.
    """
    lines: list[str] = []
    if ev.series:
        lines.append(f"Series: {ev.series}")
    if ev.title:
        lines.append(f"Title: {ev.title}")
    lines.extend(f"Speaker: {speaker_label(sp)}" for sp in ev.speakers)
    loc = ev.location
    if loc and loc.address and loc.address != loc.name:
        lines.append(f"Address: {loc.address}")
    if loc and loc.url:
        lines.append(f"Map: {loc.url}")
    online = ev.online
    if online:
        if online.url:
            lines.append(f"Join: {online.url}")
        if online.meeting_id:
            lines.append(f"Meeting ID: {online.meeting_id}")
        if online.passcode:
            lines.append(f"Passcode: {online.passcode}")
        lines.extend(f"Dial-in: {number}" for number in online.dial_in)
    lines.extend(_link_lines(ev))
    org = ev.organizer
    if org and (org.name or org.email):
        who = " ".join(p for p in (org.name, f"<{org.email}>" if org.email else None) if p)
        lines.append(f"Organizer: {who}")
    if ev.abstract:
        if lines:
            lines.append("")
        lines.append(f"Abstract: {ev.abstract.strip()}")
    return "\n".join(lines)


def conference_label(ev: Event) -> str:
    """Name the online meeting for a ``CONFERENCE`` ``LABEL`` parameter.

    >>> from seminorm.model import Event, Online
    >>> conference_label(Event(online=Online(platform="zoom", meeting_id="897 0800", passcode="5")))
    'Zoom, meeting ID 897 0800, passcode 5'
    """
    online = ev.online
    if online is None:
        return ""
    parts = [PLATFORM_NAMES.get(online.platform or "other", "Online meeting")]
    if online.meeting_id:
        parts.append(f"meeting ID {online.meeting_id}")
    if online.passcode:
        parts.append(f"passcode {online.passcode}")
    return param_safe(", ".join(parts))


def param_safe(text: str) -> str:
    """Make ``text`` usable as a quoted parameter value without RFC 6868 escapes.

    Double quotes and carets become single quotes, control characters spaces,
    since several clients do not decode RFC 6868.

    >>> param_safe('Say "hi"^\\n')
    "Say 'hi''"
    """
    cleaned = "".join(" " if ord(c) < 32 or c == "\x7f" else c for c in text)
    return cleaned.replace('"', "'").replace("^", "'").strip()


_PHONE = LazyPattern(r"\+?\d[\d ().\-/]{2,40}")


_NOT_DIAL_CHARS = LazyPattern(r"[^\d+]+")


def tel_uri(number: str) -> str | None:
    """Turn a dial-in text into an RFC 3966 ``tel:`` URI, or None without digits.

    >>> tel_uri("+972 3 555 0166 (Israel)")
    'tel:+972-3-555-0166'
    """
    m = _PHONE.search(number)
    if not m:
        return None
    digits = _NOT_DIAL_CHARS.sub("-", m.group().strip(" ()-./")).strip("-")
    if sum(c.isdigit() for c in digits) < 3:
        return None
    return f"tel:{digits}"
