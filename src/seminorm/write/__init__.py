"""The writers: events in, bytes out (SPEC sections 2 and 3).

Takes complete events, a format and the :class:`~seminorm.context.Context`;
gives the bytes of that format.

:func:`render` is the one entry point the CLI uses; each format lives in its
own module and is imported only when asked for, so writing JSON never loads
icalendar or rich.

>>> format_for_path("out/talks.ICS")
'ics'
>>> format_for_path("talks.txt") is None
True
"""

from __future__ import annotations

import os

from seminorm.context import Context
from seminorm.errors import WriteError
from seminorm.model import Event

#: Every ``--format`` value.
FORMATS = ("json", "jsonl", "ics", "jcal", "csv", "table")

#: Output file extensions and the format each one implies.
EXTENSIONS = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".ics": "ics",
    ".ical": "ics",
    ".ifb": "ics",
    ".jcal": "jcal",
    ".csv": "csv",
}

__all__ = ["EXTENSIONS", "FORMATS", "format_for_path", "render"]


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """Return the format a file name implies (by its extension), or None.

    >>> format_for_path("out/Talks.ICS"), format_for_path("notes"), format_for_path(".ics")
    ('ics', None, None)
    """
    return EXTENSIONS.get(os.path.splitext(os.fspath(path))[1].lower())


def render(events: list[Event], fmt: str, ctx: Context, *, explain: bool = False) -> bytes:
    """Serialize ``events`` in format ``fmt`` (one of :data:`FORMATS`) as UTF-8 bytes.

    ``explain`` (or ``ctx.explain``) adds provenance to JSON and the table.

    >>> from datetime import date
    >>> render([Event(uid="a", title="T", start=date(2024, 5, 4), all_day=True)],
    ...        "csv", Context()).splitlines()[1]
    b'T,,,2024-05-04,,,,,,,,a,,'
    """
    explain = explain or ctx.explain
    # "replace" only matters for lone surrogates, which no decoder should produce
    if fmt == "json":
        from .json import to_json

        return to_json(events, explain=explain).encode("utf-8", "replace")
    if fmt == "jsonl":
        from .json import to_jsonl

        return to_jsonl(events, explain=explain).encode("utf-8", "replace")
    if fmt == "ics":
        from .ics import to_ics

        return to_ics(events, ctx)
    if fmt == "jcal":
        from .jcal import to_jcal

        return to_jcal(events, ctx).encode("utf-8", "replace")
    if fmt == "csv":
        from .csv import to_csv

        return to_csv(events).encode("utf-8", "replace")
    if fmt == "table":
        from .table import render_table

        return render_table(events, explain=explain).encode("utf-8", "replace")
    raise WriteError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
