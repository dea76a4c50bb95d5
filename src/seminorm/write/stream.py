"""Writers fed a batch of events at a time, for output in flat memory (docs/streaming.md).

Takes batches of complete events (an input's, a message's, a few calendar
components'), a format and the :class:`~seminorm.context.Context`; gives the
same bytes as :func:`seminorm.write.render` on all the events at once, in
pieces, as early as the format allows:

- ``jsonl`` and ``csv``: each batch's lines as soon as it comes;
- ``json``: the array's items as they come (``[`` first, ``]`` last);
- ``ics``: the VCALENDAR's head must list the VTIMEZONE of every zone the
  events use, known only after the last one. Each VEVENT is written as it
  comes to a spool (an anonymous temporary file, in the output's own folder
  when there is one: nothing is left behind, whatever happens; the first
  :data:`SPOOL_AFTER` bytes are kept in memory instead), and only the
  zones used and their years are kept; at the end come the head with the
  zones, the spooled events, and ``END:VCALENDAR``;
- ``jcal`` and ``table`` hold their events and write them at the end.

>>> from seminorm.context import Context
>>> from seminorm.model import Event
>>> w = Writer("jsonl", Context())
>>> w.write([Event(uid="a", title="T")])[:24]
b'{"uid":"a","title":"T","'
>>> b"".join(w.close())
b''
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from seminorm.context import Context
from seminorm.model import Event

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO

__all__ = ["STREAMED", "Writer"]

#: The formats written as the events come (``jcal`` and ``table`` are written at the end).
STREAMED = frozenset({"json", "jsonl", "csv", "ics"})

#: How much of the spool is copied at a time.
_COPY = 1 << 20
#: ICS events kept in memory before they go to a spool: a small calendar needs
#: none (no temporary file, and no import of :mod:`tempfile` in a short run).
SPOOL_AFTER = 1 << 20


class Writer:
    """One output of format ``fmt``: :meth:`write` each batch, then :meth:`close`.

    ``folder`` is where the ICS spool goes (the output file's folder; None:
    the system's temporary folder, for standard output).
    """

    def __init__(
        self, fmt: str, ctx: Context, *, explain: bool = False, folder: str | None = None
    ) -> None:
        self.fmt, self.ctx, self.folder = fmt, ctx, folder
        self.explain = explain or ctx.explain
        self.count = 0
        self.held: list[Event] = []
        self.spool: IO[bytes] | None = None
        self.pending: list[bytes] = []  # ICS events not spooled (SPOOL_AFTER bytes at most)
        self.pending_size = 0
        if fmt == "ics":
            from .ics import IcsWriter

            self.ics = IcsWriter(ctx)

    def write(self, events: list[Event]) -> bytes:
        """The bytes of ``events`` that can be written now (maybe none)."""
        if not events:
            return b""
        first = self.count == 0
        self.count += len(events)
        fmt = self.fmt
        if fmt == "jsonl":
            from .json import to_jsonl

            return to_jsonl(events, explain=self.explain).encode("utf-8", "replace")
        if fmt == "json":
            from .json import json_items

            text = json_items(events, explain=self.explain)
            return (("[\n" if first else ",\n") + text).encode("utf-8", "replace")
        if fmt == "csv":
            from .csv import to_csv

            text = to_csv(events)
            return (text if first else text.split("\n", 1)[1]).encode("utf-8", "replace")
        if fmt == "ics":
            data = b"".join(self.ics.event(ev) for ev in events)
            if self.spool is None and self.pending_size + len(data) <= SPOOL_AFTER:
                self.pending.append(data)
                self.pending_size += len(data)
                return b""
            if self.spool is None:
                folder = self.folder if self.folder and os.path.isdir(self.folder) else None
                import tempfile

                self.spool = tempfile.TemporaryFile(dir=folder, prefix=".seminorm-")
                self.spool.writelines(self.pending)
                self.pending, self.pending_size = [], 0
            self.spool.write(data)
            return b""
        self.held.extend(events)
        return b""

    def close(self) -> Iterator[bytes]:
        """The rest of the output; for ``ics`` the head, the spooled events and the end."""
        fmt = self.fmt
        if fmt == "json":
            yield b"\n]\n" if self.count else b"[]\n"
        elif fmt == "csv":
            if not self.count:
                from .csv import to_csv

                yield to_csv([]).encode("utf-8")
        elif fmt == "ics":
            from .ics import ICS_END

            yield self.ics.head()
            if self.pending:
                yield b"".join(self.pending)
                self.pending, self.pending_size = [], 0
            if self.spool is not None:
                with self.spool:
                    self.spool.seek(0)
                    while chunk := self.spool.read(_COPY):
                        yield chunk
                self.spool = None
            yield ICS_END
        elif fmt != "jsonl":
            from . import render

            yield render(self.held, fmt, self.ctx, explain=self.explain)
            self.held = []

    def discard(self) -> None:
        """Drop what is spooled (the output is not written)."""
        self.pending, self.pending_size = [], 0
        if self.spool is not None:
            self.spool.close()
            self.spool = None
