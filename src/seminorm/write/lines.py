r"""Raw iCalendar content lines: folding, escaping, cleaning, and the
pass-through lines of ``Event.ics_extra``.

Pure standard library; :mod:`seminorm.write.ics` builds on it.

>>> fold("SUMMARY:" + "é" * 40).count(b"\r\n ")
1
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from seminorm.patterns import LazyPattern

__all__ = [
    "FORBIDDEN_BLOCKS",
    "clean_text",
    "clean_uri",
    "escape_text",
    "fold",
    "ical_text",
    "name_of",
    "param_value",
    "split_extras",
    "tzids_in",
    "unfolded_lines",
]

#: Components that may never be spliced into a VEVENT from ``ics_extra``.
FORBIDDEN_BLOCKS = frozenset(
    {"VCALENDAR", "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "STANDARD", "DAYLIGHT"}
)

#: The name of a content line (followed by ";" or ":").
NAME = LazyPattern(r"[A-Za-z0-9-]+(?=[;:])")
#: A whole content line's head: the name, parameters ``;NAME=value[,value]`` (each value
#: quoted or free of ``";:,``), then the ``:`` before the value (RFC 5545 section 3.1).
CONTENT_HEAD = LazyPattern(
    r'[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*:'
)
TZID_PARAM = LazyPattern(r';TZID=(?:"([^"]{1,200})"|([^;:"]{1,200}))', re.IGNORECASE)
#: What TEXT may not hold: control characters but tab and newline, surrogates.
CONTROLS = LazyPattern(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_URI_BAD = LazyPattern(r"[\x00-\x20\x7f\"]")


def fold(line: str, limit: int = 75) -> bytes:
    r"""Fold one content line at ``limit`` octets, never inside a UTF-8 character.

    Continuation lines start with a space that counts toward the limit; a
    backslash escape is never split (some clients mis-read ``\`` at a fold).

    >>> fold("X-A:" + "é" * 40)[:8]
    b'X-A:\xc3\xa9\xc3\xa9'
    >>> all(len(part) <= 75 for part in fold("X-A:" + "é" * 100).split(b"\r\n"))
    True
    """
    if line.isascii():
        if len(line) <= limit:  # the common case: one short ASCII line
            return line.encode("ascii") + b"\r\n"
        return _fold_ascii(line, limit)
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    room = limit
    for char in line:
        width = len(char.encode("utf-8"))
        if current and size + width > room:
            carry = current.pop() if len(current) > 1 and current[-1] == "\\" else None
            chunks.append("".join(current))
            current, size, room = [], 0, limit - 1
            if carry is not None:
                current, size = [carry], 1
        current.append(char)
        size += width
    chunks.append("".join(current))
    return "\r\n ".join(chunks).encode("utf-8") + b"\r\n"


def _fold_ascii(line: str, limit: int) -> bytes:
    """:func:`fold` for ASCII text: one byte a character, so plain slicing."""
    parts: list[str] = []
    start, room = 0, limit
    while len(line) - start > room:
        cut = start + room
        if line[cut - 1] == "\\" and cut - 1 > start:  # never split a backslash escape
            cut -= 1
        parts.append(line[start:cut])
        start, room = cut, limit - 1
    parts.append(line[start:])
    return ("\r\n ".join(parts) + "\r\n").encode("ascii")


def clean_text(value: str) -> str:
    """Drop what TEXT values may not hold: control characters (RFC 5545 3.3.11), surrogates."""
    return CONTROLS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_uri(value: str) -> str:
    """A URI as one token: no spaces, quotes or control characters."""
    return _URI_BAD.sub(
        lambda m: "" if m.group() < " " else f"%{ord(m.group()):02X}", value.strip()
    )


def escape_text(value: str) -> str:
    r"""Escape a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma, newline.

    >>> escape_text("a,b;c\\d\ne")
    'a\\,b\\;c\\\\d\\ne'
    """
    return (
        clean_text(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def ical_text(value: str) -> str:
    r"""Escape a TEXT value as the icalendar library does (RFC 5545 3.3.11): backslash,
    semicolon, comma and newlines escaped. One difference: icalendar turns a literal
    ``\N`` of the value into a newline (``C:\New`` would come back as two lines); here it
    is a backslash and an ``N`` like any other, so every value reads back as it was.

    >>> ical_text("a,b;c\\d\ne\\Nf")
    'a\\,b\\;c\\\\d\\ne\\\\Nf'
    """
    if not _TEXT_SPECIAL.search(value):
        return value
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def param_value(value: str, quote: bool = False) -> str:
    """A parameter value as the icalendar library writes it: RFC 6868 escapes
    (``^^``, ``^n``, ``^'``), in double quotes when it holds ``, ; :`` (or ``quote``).

    >>> param_value("Zoom, meeting ID 1"), param_value("VIDEO"), param_value("a^b", quote=True)
    ('"Zoom, meeting ID 1"', 'VIDEO', '"a^^b"')
    """
    if _PARAM_SPECIAL.search(value):
        value = _CARET_ENCODED.sub(lambda m: _CARET_ENCODING[m.group()], value)
    if quote or _QUOTABLE.search(value):
        return f'"{value}"'
    return value


_TEXT_SPECIAL = LazyPattern(r"[\\;,\r\n]")
_PARAM_SPECIAL = LazyPattern(r'[\^\r\n"]')
#: what RFC 6868's caret encoding replaces in a parameter value (a CRLF as one line break)
_CARET_ENCODED = LazyPattern(r'\^|\r\n|\r|\n|"')
_CARET_ENCODING = {"^": "^^", "\r\n": "^n", "\r": "^n", "\n": "^n", '"': "^'"}
_QUOTABLE = LazyPattern("[,;:\u2019]")


def split_extras(items: Iterable[str]) -> tuple[list[str], list[list[str]]]:
    """Split ``ics_extra`` into single content lines and whole sub-components.

    Anything that is not a well-formed content line, or a block that would
    open or close a VEVENT/VCALENDAR/VTIMEZONE, is dropped: input text must
    never change the structure of the output.

    >>> split_extras(["X-A;P=1:v", "0;", "a;b", "X-B;P:v", 'X-C;P="q:r",s:v'])[0]
    ['X-A;P=1:v', 'X-C;P="q:r",s:v']
    """
    lines: list[str] = []
    blocks: list[list[str]] = []
    for item in items:
        parts = [CONTROLS.sub("", p) for p in item.replace("\r\n", "\n").split("\n") if p.strip()]
        if not parts or not all(CONTENT_HEAD.match(p) for p in parts):
            continue
        names = [NAME.match(p).group().upper() for p in parts]  # type: ignore[union-attr]
        if len(parts) == 1 and names[0] not in ("BEGIN", "END"):
            lines.append(parts[0])
        elif len(parts) > 1 and _balanced(parts, names):
            blocks.append(parts)
    return lines, blocks


def _balanced(parts: list[str], names: list[str]) -> bool:
    stack: list[str] = []
    for i, (part, name) in enumerate(zip(parts, names, strict=True)):
        if name in ("BEGIN", "END"):
            comp = part.split(":", 1)[1].strip().upper() if ":" in part else ""
            if not comp or comp in FORBIDDEN_BLOCKS:
                return False
            if name == "BEGIN":
                stack.append(comp)
            elif not stack or stack.pop() != comp:
                return False
        elif not stack:
            return False
        if not stack and i != len(parts) - 1:
            return False
    return not stack and names[0] == "BEGIN"


def unfolded_lines(data: bytes) -> list[str]:
    """Unfold serialized iCalendar bytes into content lines."""
    return data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")


def name_of(line: str) -> str:
    """The upper-case property name of a content line ("" when it has none)."""
    m = NAME.match(line)
    return m.group().upper() if m else ""


def tzids_in(lines: Iterable[str]) -> set[str]:
    """The ``TZID`` parameter values used by raw content lines.

    >>> sorted(tzids_in(['EXDATE;TZID="Europe/Berlin":20240101T100000', "X-A:1"]))
    ['Europe/Berlin']
    """
    return {a or b for line in lines for a, b in TZID_PARAM.findall(line)}
