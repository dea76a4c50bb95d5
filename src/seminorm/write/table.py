"""A table of the events for people (``--format table``), drawn with rich.

No colour unless asked for: the text is the same on a terminal, in a pipe
and with ``NO_COLOR`` set.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

from seminorm.model import Event

from ..model import PLATFORM_NAMES
from .compose import speaker_label

__all__ = ["render_table", "when_text"]

_DAY = timedelta(days=1)


def when_text(ev: Event) -> str:
    """Say when an event is, compactly: ``2022-10-21 13:15–14:15 Europe/Zurich``.

    >>> from datetime import datetime
    >>> when_text(Event(start=datetime(2024, 5, 4, 16, 0), end=datetime(2024, 5, 4, 17, 0)))
    '2024-05-04 16:00–17:00 (floating)'
    """
    start, end = ev.start, ev.end
    if start is None:
        return "?"
    if not isinstance(start, datetime):
        text = start.isoformat()
        # an all-day end is exclusive, as in ICS: show the last day
        if isinstance(end, date) and not isinstance(end, datetime) and end > start + _DAY:
            text += f" – {(end - _DAY).isoformat()}"
        return text + " (all day)"
    text = start.strftime("%Y-%m-%d %H:%M")
    if isinstance(end, datetime):
        same_day = end.date() == start.date()
        text += "–" + end.strftime("%H:%M" if same_day else "%Y-%m-%d %H:%M")
    zone = ev.timezone or (start.tzname() if start.tzinfo else None)
    return f"{text} {zone}" if zone else f"{text} (floating)"


def _where(ev: Event) -> str:
    parts: list[str] = []
    if ev.location:
        place = ev.location.name or ev.location.address
        if place:
            parts.append(place)
    if ev.online:
        name = PLATFORM_NAMES.get(ev.online.platform or "other", "online")
        parts.append(f"{name}: {ev.online.url}" if ev.online.url else name)
    return "\n".join(parts)


def render_table(events: list[Event], explain: bool = False, color: bool = False) -> str:
    """Return the events as a text table (120 columns), with provenance rows on ``explain``.

    >>> from datetime import date
    >>> "On knots" in render_table([Event(title="On knots", start=date(2024, 5, 4))])
    True
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from seminorm.terminal import printable

    def cell(text: str, style: str = "") -> Text:
        """A cell's text, its control characters escaped (line breaks of our own kept)."""
        return Text(printable(text, keep="\n"), style=style)

    table = Table(show_lines=True, title=f"{len(events)} event(s)")
    for name in ("When", "Title", "Speakers", "Where", "Warnings"):
        table.add_column(name, overflow="fold")
    for ev in events:
        title = ev.title or "(no title)"
        if ev.series:
            title += f"\n[{ev.series}]"
        if ev.status in ("tentative", "cancelled"):
            title += f"\n({ev.status})"
        warnings = "\n".join(f"{w.code}: {w.message}" for w in ev.warnings)
        table.add_row(
            cell(when_text(ev)),
            cell(title),
            cell("\n".join(speaker_label(sp) for sp in ev.speakers)),
            cell(_where(ev)),
            cell(warnings, style="yellow" if warnings else ""),
        )
        if explain:
            for field, prov in ev.provenance.items():
                how = "inferred" if prov.inferred else "stated"
                table.add_row(
                    cell(f"  ↳ {field}", style="dim"),
                    cell(prov.text, style="dim"),
                    cell(f"{prov.source} ({how})", style="dim"),
                    cell(prov.rule, style="dim"),
                    cell(""),
                )
    console = Console(
        file=io.StringIO(),
        color_system="auto" if color else None,
        force_terminal=color,
        width=120,
        no_color=not color,
        highlight=False,
    )
    console.print(table)
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()
