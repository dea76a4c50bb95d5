"""A message's MIME parts: text and HTML bodies, calendars, structured data.

:func:`collect_parts` walks the parts (attached messages included) into a
:class:`Body`; :func:`choose_text` picks the text to read: the plain part,
else the HTML part as text (also when the plain part is a stub much shorter
than the HTML one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from seminorm.errors import SeminormError
from seminorm.model import Event, Notice
from seminorm.patterns import LazyPattern

from .headers import decode_words


@dataclass
class Body:
    """What a message's parts give."""

    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    calendars: list[bytes] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    structured: list[Event] = field(default_factory=list)


def collect_parts(msg: Any, body: Body) -> None:
    """Walk the parts (attached messages included), iteratively and bounded."""
    try:
        parts = list(msg.walk())[:500]
    except Exception:
        parts = [msg]
    for part in parts:
        try:
            _collect_part(part, body)
        except Exception:  # one broken part must not lose the others
            continue


_HTML_START = LazyPattern(r"\s{0,100}<(?:!doctype\s{1,10}html|html)[\s>]", re.I)


def _collect_part(part: Any, body: Body) -> None:
    if part.is_multipart():
        return
    ctype = (part.get_content_type() or "text/plain").lower()
    filename = decode_words(part.get_filename() or "").lower()  # Outlook: RFC 2047 in a name
    disposition = (part.get_content_disposition() or "").lower()
    if "calendar" in ctype or ctype == "application/ics" or filename.endswith((".ics", ".vcs")):
        payload = _payload(part).strip()
        if payload:
            body.calendars.append(payload + b"\r\n")
        return
    if not ctype.startswith("text/") or ctype not in ("text/plain", "text/html"):
        return
    if (
        disposition == "attachment"
        and filename
        and not filename.endswith((".txt", ".htm", ".html"))
    ):
        return
    text, notices = _part_text(part)
    if not text.strip():
        return
    body.notices.extend(n for n in notices if n not in body.notices)
    if ctype == "text/plain" and _HTML_START.match(text):
        ctype = "text/html"  # HTML sent as text/plain
    if ctype == "text/html":
        from seminorm.readers.html import read_page

        html_text, links, structured, _ = read_page(text)
        body.html.append(html_text)
        body.links.extend(links)
        body.structured.extend(structured)
    elif text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        body.calendars.append(text.encode("utf-8"))  # a calendar pasted as the body
    else:
        if (part.get_param("format") or "").lower() == "flowed":
            text = _unflow(text, (part.get_param("delsp") or "").lower() == "yes")
        body.plain.append(text)


def _payload(part: Any) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    if isinstance(raw, str):
        return raw.encode("utf-8", "surrogateescape")
    return b""


def _part_text(part: Any) -> tuple[str, tuple[Notice, ...]]:
    from seminorm.read import decode

    data = _payload(part)
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    try:
        decoded = decode(data, charset)
    except SeminormError:
        return "", ()
    return decoded.text, decoded.notices


def _unflow(text: str, delsp: bool) -> str:
    """RFC 3676 format=flowed: lines ending in a space continue on the next."""
    out: list[str] = []
    buf = ""
    for line in text.split("\n"):
        if line != "-- " and line.endswith(" "):
            buf += line[:-1] if delsp else line
            continue
        out.append(buf + line)
        buf = ""
    if buf:
        out.append(buf)
    return "\n".join(out)


def choose_text(body: Body) -> str:
    plain = "\n\n".join(body.plain).strip()
    html = "\n\n".join(body.html).strip()
    if plain and (not html or len(plain) * 3 >= len(html) or len(html) < 300):
        return plain
    return html or plain
