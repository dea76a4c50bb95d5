"""Format detection by content, never by file name (``.txt`` files are often ICS).

Takes the input's bytes; gives its :class:`Format`, which picks the reader.

The checks, in order, on the first few kilobytes (BOM and UTF-16 handled):

- **PDF** when ``%PDF-`` is in the first kilobyte (read through its text
  layer, :mod:`seminorm.readers.pdf`);
- **ICS** when the first line is ``BEGIN:VCALENDAR`` (or another calendar
  component: ``BEGIN:VEVENT``, ``VTODO``, ``VJOURNAL``, ``VTIMEZONE``...);
- **EMAIL** when the document starts with an mbox ``From`` line followed by
  headers, or with an RFC 5322 header block that really looks like a message
  (see :func:`_looks_like_headers`): a text that merely opens with
  ``Date: May 4`` and ``Subject: talk`` lines stays TEXT;
- **ICS** when ``BEGIN:VCALENDAR``/``BEGIN:VEVENT`` starts a line near the top
  (after a few stray lines);
- **HTML** when it starts with ``<!doctype html``/``<html``, or has several
  block tags early;
- **TEXT** otherwise. A message pasted inside a text (headers further down)
  does not make the document an e-mail.

>>> detect(b"BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\n")
<Format.ICS: 'ics'>
>>> detect(b"From: Ann <ann@example.org>\\nSubject: Talk\\nDate: Tue, 4 May 2021 10:00:00 +0200\\n\\nHi")
<Format.EMAIL: 'email'>
>>> detect(b"Date: May 4\\nSubject: talk\\n\\nSpeaker: Ann")
<Format.TEXT: 'text'>
>>> detect(b"<!DOCTYPE html><title>Talk</title>")
<Format.HTML: 'html'>
"""

from __future__ import annotations

import re
from enum import Enum

from seminorm.patterns import LazyPattern

from .read import sniff_text

__all__ = ["Format", "detect"]


class Format(Enum):
    """The input formats seminorm reads."""

    ICS = "ics"
    EMAIL = "email"
    HTML = "html"
    PDF = "pdf"
    TEXT = "text"


#: Headers that only messages carry (one of them is enough, with another known header).
_STRONG = frozenset(
    {
        "received",
        "message-id",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "return-path",
        "delivered-to",
        "x-mailer",
        "in-reply-to",
        "references",
        "reply-to",
        "sender",
        "x-original-to",
        "dkim-signature",
        "authentication-results",
        "list-id",
        "thread-topic",
        "user-agent",
    }
)
_KNOWN = _STRONG | {"from", "to", "cc", "bcc", "subject", "date"}

#: Labels of announcements, never of message headers.
_LABELS = frozenset(
    {
        "speaker",
        "speakers",
        "title",
        "time",
        "where",
        "when",
        "who",
        "place",
        "venue",
        "location",
        "room",
        "abstract",
        "topic",
        "host",
        "zoom",
        "link",
        "bio",
    }
)

#: First lines that make a document a calendar (also a bare component: an exported VEVENT).
_CAL_STARTS = tuple(
    f"BEGIN:{c}" for c in ("VCALENDAR", "VEVENT", "VTODO", "VJOURNAL", "VTIMEZONE", "VFREEBUSY")
)
_HEADER = LazyPattern(r"([!-9;-~]{1,76}):")
_MBOX_FROM = LazyPattern(r"From \S{1,300} [^\n]{0,200}?\d\d?:\d\d")
_ADDRESS = LazyPattern(r"[^\s@<>]{1,64}@[^\s@<>]{1,255}")
_CAL_LINE = LazyPattern(
    r"^[ \t]{0,8}BEGIN:V(?:CALENDAR|EVENT)[ \t]*$", re.IGNORECASE | re.MULTILINE
)
_HTML_START = LazyPattern(r"<(?:!doctype\s{1,10}html|html[\s>]|\?xml|head[\s>]|body[\s>])", re.I)
_BLOCK_TAG = LazyPattern(
    r"<(?:p|div|br|table|tr|td|th|li|ul|ol|h[1-6]|span|strong|em|b|i|img|meta|body|head|title"
    r"|a\s{1,10}href)[\s/>]",
    re.IGNORECASE,
)
#: Front matter of a static-site page (``---`` / ``title: …`` / ``---``).
_FRONT_MATTER = LazyPattern(r"---[ \t]*\n(?:[^\n]{0,300}\n){1,60}?---[ \t]*\n")
_BLOCK_LEVEL = LazyPattern(r"<(?:p|div|br|table|tr|td|li|h[1-6]|body)[\s/>]", re.IGNORECASE)


def detect(data: bytes) -> Format:
    """Return the format of a document, judged by its content.

    >>> detect("BEGIN:VCALENDAR".encode("utf-16"))
    <Format.ICS: 'ics'>
    >>> detect(b"Seminar on Tuesday at 4pm")
    <Format.TEXT: 'text'>
    """
    if b"%PDF-" in data[:1024]:  # the PDF header may follow some junk (ISO 32000-1, 7.5.2)
        return Format.PDF
    head = sniff_text(data).replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff \t\n")
    if not head:
        return Format.TEXT
    first = head.split("\n", 1)[0].strip().upper()
    if first.startswith(_CAL_STARTS):
        return Format.ICS
    if _looks_like_message(head):
        return Format.EMAIL
    if _CAL_LINE.search(head[:2048]):
        return Format.ICS
    if _looks_like_html(head):
        return Format.HTML
    return Format.TEXT


def _looks_like_message(head: str) -> bool:
    """An mbox ``From`` line or an RFC 5322 header block at the very top."""
    lines = head.split("\n")
    mbox = False
    while lines and _MBOX_FROM.match(lines[0]) and not lines[0].startswith("From:"):
        mbox = True
        lines = lines[1:]
    return _looks_like_headers(lines, mbox=mbox)


def _looks_like_headers(lines: list[str], *, mbox: bool) -> bool:
    """Judge the block before the first blank line.

    Every line must be a header (``Name: value``, names without spaces) or a
    folded continuation; no announcement label (``Speaker:``, ``Title:``)
    may appear. After an mbox line one known header is enough; otherwise it
    takes two known headers, of which one only messages carry
    (``Received``, ``Message-ID``, ``MIME-Version``...) or a ``From`` with an
    address.
    """
    names: list[str] = []
    from_address = False
    for i, line in enumerate(lines[:200]):
        if not line.strip():
            break
        if line[0] in " \t":
            if i == 0:
                return False
            continue
        m = _HEADER.match(line)
        if m is None:
            return False
        name = m.group(1).lower()
        if name in _LABELS:
            return False
        names.append(name)
        if name == "from" and _ADDRESS.search(line):
            from_address = True
    known = [n for n in names if n in _KNOWN]
    if not names:
        return False
    if mbox:
        return len(known) >= 1
    if len(known) < 2:
        return False
    return from_address or any(n in _STRONG for n in known)


def _looks_like_html(head: str) -> bool:
    start = head[:1024].lstrip()
    if _HTML_START.match(start) or _HTML_START.search(head[:1024]):
        return True
    if _FRONT_MATTER.match(head) or not _BLOCK_LEVEL.search(head[:4096]):
        # a Markdown page (front matter, or inline tags only): its line breaks are its structure
        return False
    tags = len(_BLOCK_TAG.findall(head[:4096]))
    return tags >= 6 or (tags >= 3 and start.startswith("<"))
