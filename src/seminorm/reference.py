"""The reference date of an input ("today" for a text without a year), and its origin.

``--reference-date`` wins; else the input's own date: an e-mail's ``Date:``,
a text's front matter (``date: 2025-03-01`` between ``---`` lines at the
top, as blog engines and static sites write it), an ICS file's first
``DTSTAMP``; else today. ``convert --report`` says, for every file, which
date it used and where it came from (:func:`describe`).

>>> front_matter_date("---\\ntitle: Colloquium\\ndate: 2025-03-01 10:00\\n---\\nText")
datetime.date(2025, 3, 1)
>>> front_matter_date("date: 2025-03-01\\n") is None
True
"""

from __future__ import annotations

import re
from datetime import date

from seminorm.patterns import LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .context import Context
    from .detect import Format

__all__ = ["document_date", "front_matter_date", "reference_for"]

_FRONT = LazyPattern(r"\A\ufeff?---[ \t]*\r?\n((?:[^\n]{0,500}\n){0,60}?)---[ \t]*(?:\r?\n|\Z)")
_FRONT_DATE = LazyPattern(
    r"^(?:date|published|pubdate|created)[ \t]*:[ \t]*[\"']?(\d{4})-(\d{2})-(\d{2})", re.M | re.I
)
_DTSTAMP = LazyPattern(rb"^DTSTAMP[^:\r\n]{0,100}:(\d{4})(\d{2})(\d{2})", re.M | re.I)


def _date(y: str | bytes, m: str | bytes, d: str | bytes) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def front_matter_date(text: str) -> date | None:
    """The ``date:`` of a front matter block at the very top of a text, if any."""
    block = _FRONT.match(text[:40_000])
    if block is None:
        return None
    found = _FRONT_DATE.search(block.group(1))
    return _date(*found.groups()) if found else None


def _email_date(data: bytes) -> date | None:
    from email.parser import BytesHeaderParser
    from email.utils import parsedate_to_datetime

    try:
        raw = BytesHeaderParser().parsebytes(data[:200_000]).get("Date")
        return parsedate_to_datetime(str(raw)).date() if raw else None
    except (TypeError, ValueError, IndexError):
        return None


def document_date(data: bytes, fmt: Format) -> tuple[date | None, str]:
    """The input's own date and what it was, or ``(None, "")``."""
    from .detect import Format

    if fmt is Format.EMAIL:
        return _email_date(data), "e-mail Date:"
    if fmt is Format.ICS:
        found = _DTSTAMP.search(data[:2_000_000])
        return (_date(*found.groups()) if found else None), "ICS DTSTAMP"
    if fmt is Format.TEXT:
        from .read import sniff_text

        return front_matter_date(sniff_text(data)), "front matter"
    return None, ""


def reference_for(data: bytes, fmt: Format, ctx: Context) -> str:
    """``"2025-03-01 (front matter)"``: the reference date an input used, and its origin."""
    if ctx.reference is not None:
        return f"{ctx.reference.isoformat()} (--reference-date)"
    day, origin = document_date(data, fmt)
    if day is not None:
        return f"{day.isoformat()} ({origin})"
    return f"{ctx.reference_date().isoformat()} (today)"
