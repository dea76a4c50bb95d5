"""bytes -> events: the one path the CLI and the library share.

Takes one document's bytes and a :class:`~seminorm.context.Context`; gives
its events, complete (the last pass applied) and ready for a writer.

read/decode -> detect -> parse (ICS, e-mail, HTML or text) -> resolve.
Each stage is imported when the input needs it, so reading a text file
never imports the ICS machinery and vice versa.

:func:`stream_file` is the same path for a file read in flat memory
(docs/streaming.md): an mbox message by message, a large calendar component
by component, each batch of events resolved and numbered as it comes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from .context import Context
from .errors import NoEventError, ReadError
from .model import Event, Source
from .plain import replace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO

#: A calendar this large or larger is read component by component (two passes
#: over the file, docs/streaming.md); a smaller one is read whole.
STREAM_ICS_BYTES = 4_000_000
#: What format detection reads of an input.
HEAD_BYTES = 32_768


def kind_of(fmt: object, head: bytes) -> str:
    """The kind of input whose ``--max-bytes`` default applies (``Context.limit``).

    >>> from seminorm.detect import Format
    >>> kind_of(Format.EMAIL, b"From a@b Tue May  4 10:00:00 2021\\nSubject: x")
    'mbox'
    """
    from .detect import Format

    if fmt is Format.EMAIL:
        from .readers.email import is_mbox

        return "mbox" if is_mbox(head) else "email"
    return str(getattr(fmt, "value", "text"))


def _check_size(size: int, kind: str, ctx: Context) -> None:
    limit = ctx.limit(kind)
    if size > limit:
        raise ReadError(
            f"input is {size:,} bytes, over the limit of {limit:,}; raise it with --max-bytes"
        )


def parse_bytes(data: bytes, ctx: Context) -> list[Event]:
    """Read one document and return its events, resolved and ready to write.

    Raises a :class:`~seminorm.errors.SeminormError` with a one-line message
    when the input holds no event.
    """
    from .detect import Format, detect

    fmt = detect(data[:HEAD_BYTES])
    _check_size(len(data), kind_of(fmt, data[:HEAD_BYTES]), ctx)
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


def stream_file(
    opener: Callable[[], IO[bytes]], size: int | None, ctx: Context, *, again: bool = True
) -> Iterator[list[Event]]:
    """The events of one input, batch by batch (a message's, a few components'), in
    flat memory where the format allows it; the same events as :func:`parse_bytes`.

    ``opener`` opens the input; with ``again`` it opens it afresh at each call
    (a large calendar is read twice) and what it opens is closed here;
    without, it is a stream read once (standard input, a pipe), whose size
    (``None``) is checked as it is read. An mbox is read message by message
    from either. Raises a :class:`~seminorm.errors.SeminormError` (before
    any batch) when the input holds no event.
    """
    from .detect import Format, detect

    fh = opener()
    try:
        head = fh.read(HEAD_BYTES) if again else _head(fh)
        fmt = detect(head)
        kind = kind_of(fmt, head)
        limit = ctx.limit(kind)
        if size is not None:
            _check_size(size, kind, ctx)
        if kind == "mbox":
            from .readers.email import stream_mbox

            yield from _finalized(stream_mbox(_lines(head, fh, limit), ctx), ctx)
            return
        if fmt is Format.ICS and again and (size or 0) >= STREAM_ICS_BYTES:
            from .readers.ics import stream_ics

            fh.close()
            yield from _finalized(stream_ics(lambda: _chunks(opener), ctx), ctx)
            return
        if fmt is Format.ICS and not again:
            # a calendar on a pipe: copied to an anonymous temporary file, which is
            # read twice when large (nothing of it is left behind)
            spool = _spooled(head, fh, limit)
            with spool:
                if spool.tell() > limit:
                    raise ReadError(
                        f"input is over the limit of {limit:,} bytes; raise it with --max-bytes"
                    )
                if spool.tell() >= STREAM_ICS_BYTES:
                    from .readers.ics import stream_ics

                    yield from _finalized(stream_ics(lambda: _chunks(_reopen(spool)), ctx), ctx)
                    return
                spool.seek(0)
                data = spool.read()
        else:
            data = head + read_upto(fh, limit + 1 - len(head))
    finally:
        if again:
            fh.close()
    if size is None and len(data) > limit:  # a stream: its size was unknown
        raise ReadError(f"input is over the limit of {limit:,} bytes; raise it with --max-bytes")
    _check_size(len(data), kind, ctx)
    yield parse_bytes(data, ctx)


def read_upto(fh: IO[bytes], n: int) -> bytes:
    """Up to ``n`` bytes of ``fh``, read a megabyte at a time: ``fh.read(n)`` would
    reserve all ``n`` at once (the default limits are hundreds of megabytes).

    >>> from io import BytesIO
    >>> read_upto(BytesIO(b"abcdef"), 4), read_upto(BytesIO(b"ab"), 4)
    (b'abcd', b'ab')
    """
    parts: list[bytes] = []
    left = n
    while left > 0:
        chunk = fh.read(min(left, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _spooled(head: bytes, fh: IO[bytes], limit: int) -> IO[bytes]:
    """``head`` and the rest of ``fh`` in an anonymous temporary file (up to
    ``limit`` + 1 bytes), its position at the end."""
    import tempfile

    spool = tempfile.TemporaryFile(prefix=".seminorm-")
    try:
        spool.write(head)
        left = limit + 1 - len(head)
        while left > 0 and (chunk := fh.read(min(left, 1 << 20))):
            spool.write(chunk)
            left -= len(chunk)
    except BaseException:
        spool.close()
        raise
    return spool


def _reopen(spool: IO[bytes]) -> Callable[[], IO[bytes]]:
    """Open ``spool`` again from its start (a file of its own, the same content)."""

    def opener() -> IO[bytes]:
        again = os.fdopen(os.dup(spool.fileno()), "rb")
        again.seek(0)
        return again

    return opener


def _head(fh: IO[bytes]) -> bytes:
    """The start of a stream read once (a pipe), without waiting for more than it
    has: up to :data:`HEAD_BYTES`, or the end of the first header block, which
    is all detection needs to tell an mbox (whose first message may be all
    the writer has sent yet)."""
    read1 = getattr(fh, "read1", None)
    if read1 is None:
        return fh.read(HEAD_BYTES)
    head = b""
    while len(head) < HEAD_BYTES:
        chunk = read1(HEAD_BYTES - len(head))
        if not chunk:
            break
        head += chunk
        if b"\n\n" in head or b"\r\n\r\n" in head:
            break
    return head


def _finalized(batches: Iterator[list[Event]], ctx: Context) -> Iterator[list[Event]]:
    """Each batch through the last pass, numbered across batches (as :func:`parse_bytes`)."""
    from .resolve import Finalizer

    last = Finalizer(ctx)
    index = 0
    for batch in batches:
        events = last.add(batch)
        if events:
            yield [
                replace(ev, source=Source(path=ctx.path, format=ev.source.format, event_index=i))
                for i, ev in enumerate(events, index)
            ]
            index += len(events)
    if not index:
        raise NoEventError("no date or time found")


def _lines(head: bytes, fh: IO[bytes], limit: int) -> Iterator[bytes]:
    """The lines of ``head`` and then of the rest of ``fh``, refused past ``limit`` bytes."""
    *whole, part = head.split(b"\n")
    yield from (line + b"\n" for line in whole)
    total = len(head)
    for line in fh:
        total += len(line)
        if total > limit:
            raise ReadError(
                f"input is over the limit of {limit:,} bytes; raise it with --max-bytes"
            )
        if part:
            line, part = part + line, b""
        yield line
    if part:
        yield part


def _chunks(opener: Callable[[], IO[bytes]], size: int = 1 << 20) -> Iterator[bytes]:
    with opener() as fh:
        while chunk := fh.read(size):
            yield chunk


def file_opener(path: str | os.PathLike[str]) -> Callable[[], IO[bytes]]:
    """Open ``path`` for reading, afresh at every call."""
    return lambda: open(path, "rb")
