"""Readers: one per input format, each turning a document into events.

Each reader takes a document's bytes and a :class:`~seminorm.context.Context`
and gives events. A container reader hands its text to the engine
(:func:`seminorm.engine.parse_text`) with :class:`Hints`, what the container
knows about that text.

``ics`` reads calendars (with repair); ``email`` and ``html`` unwrap their
containers and hand the text to the engine (and any calendar part to
``ics``); ``structured`` reads the structured data of pages. Plain text goes
to the engine directly.
"""

from __future__ import annotations

from datetime import date

from ..model import Event, Organizer
from ..plain import record


@record
class Hints:
    """What a container knows about the text it hands to the text reader.

    ``title`` is a title candidate (e-mail ``Subject``, HTML ``<title>``);
    ``document_date`` the document's own date (e-mail ``Date``), used as the
    reference date unless ``--reference-date`` is given; ``organizer`` the
    sender; ``links`` the ``(anchor text, href)`` pairs of an HTML page, in
    order; ``structured`` events read from structured data (JSON-LD,
    microdata, h-event), which win over what the prose says; ``format`` the
    container's format for ``Event.source``.
    """

    title: str | None = None
    document_date: date | None = None
    organizer: Organizer | None = None
    links: tuple[tuple[str, str], ...] = ()
    structured: tuple[Event, ...] = ()
    format: str = "text"
