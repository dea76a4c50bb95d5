"""bytes -> events: the one path the CLI and the library share.

Takes one document's bytes and a :class:`~seminorm.context.Context`; gives
its events, complete (the last pass applied) and ready for a writer.

read/decode -> detect -> parse (ICS, e-mail, HTML or text) -> resolve.
Each stage is imported when the input needs it, so reading a text file
never imports the ICS machinery and vice versa.
"""

from __future__ import annotations

from dataclasses import replace

from .context import Context
from .errors import ReadError
from .model import Event, Source


def parse_bytes(data: bytes, ctx: Context) -> list[Event]:
    """Read one document and return its events, resolved and ready to write.

    Raises a :class:`~seminorm.errors.SeminormError` with a one-line message
    when the input holds no event.
    """
    if len(data) > ctx.max_bytes:
        raise ReadError(
            f"input is {len(data):,} bytes, over the limit of {ctx.max_bytes:,}; "
            "raise it with --max-bytes"
        )
    from .detect import Format, detect

    fmt = detect(data)
    events: list[Event]
    if fmt is Format.ICS:
        from .readers.ics import parse_ics

        events = parse_ics(data, ctx)
    elif fmt is Format.EMAIL:
        from .readers.email import parse_email

        events = parse_email(data, ctx)
    elif fmt is Format.HTML:
        from .readers.html import parse_html

        events = parse_html(data, ctx)
    else:
        from .engine import parse_text
        from .read import decode

        if fmt is Format.PDF:
            from .readers.pdf import pdf_text

            data = pdf_text(data).encode("utf-8")
        decoded = decode(data)
        hints = None
        if fmt is Format.TEXT:
            from .readers import Hints
            from .reference import front_matter_date

            day = front_matter_date(decoded.text)
            hints = Hints(document_date=day) if day else None
        events = parse_text(decoded.text, ctx, hints)
        for notice in decoded.notices:
            events = [ev.warn(notice.code, notice.message, notice.field) for ev in events]
        if fmt is Format.PDF:
            events = [replace(ev, source=replace(ev.source, format="pdf")) for ev in events]
    from .resolve import finalize

    events = finalize(events, ctx)
    return [
        replace(ev, source=Source(path=ctx.path, format=ev.source.format, event_index=i))
        for i, ev in enumerate(events)
    ]
