"""The library entry points (SPEC section 7), on the CLI's own code path."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from .context import Context, today_in
from .model import Event


def _context(
    tz: str | None,
    reference_date: date | str | None,
    date_order: str,
    output_tz: str | None,
    path: str | None,
) -> Context:
    ref = date.fromisoformat(reference_date) if isinstance(reference_date, str) else reference_date
    return Context(
        tz=tz,
        reference=ref,
        date_order=date_order,
        output_tz=output_tz,
        path=path,
        today=today_in(tz),
    )


def parse(
    data: str | bytes,
    *,
    tz: str | None = None,
    reference_date: date | str | None = None,
    date_order: str = "auto",
    output_tz: str | None = None,
    path: str | None = None,
) -> list[Event]:
    """Return the events of one document (text, ICS, e-mail or HTML).

    Raises :class:`seminorm.SeminormError` when it holds none.
    """
    from .pipeline import parse_bytes

    raw = data.encode("utf-8") if isinstance(data, str) else data
    return parse_bytes(raw, _context(tz, reference_date, date_order, output_tz, path))


def parse_file(path: str | os.PathLike[str], **options: object) -> list[Event]:
    """Read ``path`` and return its events (options as for :func:`parse`)."""
    p = Path(path)
    from .errors import ReadError

    try:
        data = p.read_bytes()
    except OSError as e:
        raise ReadError(f"cannot read {p}: {e.strerror or e}") from None
    return parse(data, path=str(p), **options)  # type: ignore[arg-type]


def to_ics(events: Iterable[Event]) -> bytes:
    """Serialize events as one iCalendar (RFC 5545) document."""
    from .write.ics import to_ics as _to_ics

    return _to_ics(list(events), Context())


def to_json(events: Iterable[Event], *, explain: bool = False) -> str:
    """Serialize events as a JSON array (SPEC section 2)."""
    from .write.json import to_json as _to_json

    return _to_json(list(events), explain=explain)
