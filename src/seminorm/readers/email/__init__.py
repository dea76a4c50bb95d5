"""E-mail messages and mbox files.

Takes a message or an mbox file's bytes and a
:class:`~seminorm.context.Context`; gives the events of each message: its
calendar parts' events, else the engine's events from its body and hints.

A message is read with the standard library's ``email`` package
(``compat32``, each header value cut to ``HEADER_CAP`` characters; the three
headers of the hints are decoded once each by :mod:`.headers`, where
``policy.default`` parsed every header at every read, Content-Type some fifteen
times a message): MIME parts in any transfer encoding and charset, RFC 2047
headers. :func:`unwrap` is this container work alone, before any text is read.
From each message:

- the body: the ``text/plain`` part, else the HTML part as text
  (:func:`~seminorm.readers.html.html_to_text`; also when the plain part is a
  stub much shorter than the HTML one); quoted replies, signatures, list
  footers and virus-scanner notes are cut off, but a *forwarded*
  announcement is read (its own ``Subject`` and ``Date`` become the hints);
- the hints for the text reader: ``Subject`` (``Re:``/``Fwd:`` and
  mailing-list tags off) as title candidate, the ``Date`` header's day (in
  its own offset) as document date, ``From`` as organizer;
- ``text/calendar`` parts and ``.ics`` attachments, read as ICS. Their events
  are authoritative for times and UID; the body's matching event (same
  start, or the only one) fills what the calendar leaves out (speakers,
  abstract, online meeting, links). With a calendar, the body's other
  events are dropped. ``METHOD:CANCEL`` marks the events cancelled.

An mbox file is split on its envelope lines (``From sender Tue May  4
10:00:00 2021``); messages without an event are skipped, and only when no
message has one is it an error.

The parts of the work: :mod:`.headers` (the hints), :mod:`.parts`
(MIME parts, the body to read), :mod:`.clean` (quotes, signatures,
forwards) and :mod:`.calendar` (calendar parts merged with the body).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from seminorm.context import Context
from seminorm.errors import NoEventError, ParseError, ReadError, SeminormError
from seminorm.model import Event, Notice, Organizer, Source
from seminorm.patterns import LazyPattern
from seminorm.readers import Hints

from ...plain import Plain, replace
from .calendar import calendar_events, merge_calendar
from .clean import clean_body, fallback_bodies
from .headers import clean_subject, date_header, decoded_header, organizer_of
from .parts import Body, choose_text, collect_parts

if TYPE_CHECKING:
    from email.message import Message

__all__ = [
    "Unwrapped",
    "clean_body",
    "clean_subject",
    "is_mbox",
    "parse_email",
    "split_mbox",
    "stream_mbox",
    "unwrap",
]

_ENVELOPE = LazyPattern(
    rb"^From \S{1,300} {1,5}(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug"
    rb"|Sep|Oct|Nov|Dec) [ \d]\d [^\n]{0,100}$",
    re.MULTILINE,
)


def parse_email(data: bytes, ctx: Context) -> list[Event]:
    """Return the events of an e-mail message or an mbox file."""
    messages = split_mbox(data)
    events: list[Event] = []
    errors: list[SeminormError] = []
    for raw in messages:
        try:
            events.extend(_read_message(raw, ctx))
        except SeminormError as e:
            errors.append(e)
    if events:
        return events
    if errors:
        raise errors[0]
    raise NoEventError("no date or time found")


_QUOTED_FROM_LINE = LazyPattern(rb"\n>(>*From )")


def is_mbox(head: bytes) -> bool:
    """True when the data (its first kilobytes will do) is an mbox: an envelope line first.

    >>> is_mbox(b"From a@b Tue May  4 10:00:00 2021\\nSubject: 1\\n"), is_mbox(b"Subject: 1\\n")
    (True, False)
    """
    m = _ENVELOPE.search(head)
    return m is not None and not head[: m.start()].strip()


def stream_mbox(
    lines: Iterable[bytes], ctx: Context, *, message_limit: int | None = None
) -> Iterator[list[Event]]:
    """The events of an mbox read line by line, one message's events at a time.

    The same events as :func:`parse_email` on the whole file, in flat memory:
    one message is held at a time, and a message larger than the limit of a
    single e-mail (``message_limit``, else ``Context.limit("email")``) is
    skipped unread, an error of its own. Raises the
    first message's error (or "no date or time found") when no message has
    an event, after the last message.
    """
    error: SeminormError | None = None
    found = False
    limit = ctx.limit("email") if message_limit is None else message_limit
    for raw in _mbox_messages(lines, limit):
        try:
            if isinstance(raw, SeminormError):
                raise raw
            if not raw.strip():
                continue  # an envelope line with no message (as split_mbox skips it)
            events = _read_message(raw, ctx)
        except SeminormError as e:
            error = error or e
            continue
        if events:
            found = True
            yield events
    if not found:
        raise error or NoEventError("no date or time found")


def _mbox_messages(lines: Iterable[bytes], limit: int) -> Iterator[bytes | SeminormError]:
    """The messages of an mbox given line by line (as :func:`split_mbox` cuts them)."""
    parts: list[bytes] = []
    size = 0
    started = False
    for line in lines:
        if _ENVELOPE.match(line):
            if parts or size > limit:
                yield _message_of(parts, size, limit)
            parts, size, started = [], 0, True
            continue
        if not started:
            continue  # blank lines before the first envelope
        size += len(line)
        if size <= limit:
            parts.append(line)
        elif parts:
            parts = []  # over the limit: the rest of this message is not kept
    if parts or size > limit:
        yield _message_of(parts, size, limit)


def _message_of(parts: list[bytes], size: int, limit: int) -> bytes | SeminormError:
    if size > limit:
        return ReadError(
            f"a message of {size:,} bytes, over the limit of {limit:,}; raise it with --max-bytes"
        )
    chunk = b"".join(parts)
    if b"\n>From " in chunk:
        chunk = _QUOTED_FROM_LINE.sub(rb"\n\1", chunk)
    return chunk


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox file (one message: itself), envelope lines removed.

    Consecutive envelope lines belong to one message; ``>From`` quoting is undone.

    >>> split_mbox(b"From a@b Tue May  4 10:00:00 2021\\nSubject: 1\\n\\nx\\n"
    ...            b"From c@d Wed May  5 10:00:00 2021\\nSubject: 2\\n\\ny\\n")
    [b'Subject: 1\\n\\nx\\n', b'Subject: 2\\n\\ny\\n']
    """
    starts = [m.start() for m in _ENVELOPE.finditer(data)]
    if not starts or data[: starts[0]].strip():
        return [data]
    out: list[bytes] = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(data)
        chunk = data[s:e]
        nl = chunk.find(b"\n")
        chunk = chunk[nl + 1 :] if nl >= 0 else b""
        if not chunk.strip():
            continue
        if b"\n>From " in chunk:
            chunk = _QUOTED_FROM_LINE.sub(rb"\n\1", chunk)
        out.append(chunk)
    return out or [data]


# -- one message --------------------------------------------------------------


class Unwrapped(Plain):
    """What a message gives before its text is read: the text to read and the hints."""

    __slots__ = ("body", "cleaned", "date", "organizer", "subject", "text")

    def __init__(
        self,
        body: Body,
        text: str,
        cleaned: str,
        subject: str,
        date: date | None,
        organizer: Organizer | None,
    ) -> None:
        self.body = body  # the parts: plain and HTML texts, links, calendars, notices
        self.text = text  # the body chosen (plain, else HTML as text)
        self.cleaned = cleaned  # the same, quotes, signatures and footers off
        self.subject = subject  # the Subject to read as title (a forward's own, if any)
        self.date = date  # the document date (a forward's own, if any)
        self.organizer = organizer


def unwrap(raw: bytes) -> Unwrapped:
    """A message's container work, before any text extraction: parsed, the headers of
    the hints read, the parts collected, the body chosen and cleaned.

    >>> m = unwrap(b"Subject: Re: Talk on knots\\nDate: Tue, 4 May 2021 10:00:00 +0200\\n"
    ...            b"From: Ann <ann@example.org>\\n\\nTalk at 4pm.\\n-- \\nAnn\\n")
    >>> m.cleaned, m.subject, m.date, m.organizer.email
    ('Talk at 4pm.', 'Talk on knots', datetime.date(2021, 5, 4), 'ann@example.org')
    """
    msg = _parse_message(raw)
    subject = decoded_header(msg, "subject")
    doc_date = date_header(msg)
    organizer = organizer_of(msg)
    body = Body()
    collect_parts(msg, body)
    text = choose_text(body)
    cleaned, inner_subject, inner_date = clean_body(text)
    return Unwrapped(
        body,
        text,
        cleaned,
        clean_subject(inner_subject or subject),
        inner_date or doc_date,
        organizer,
    )


def _read_message(raw: bytes, ctx: Context) -> list[Event]:
    m = unwrap(raw)
    body = m.body
    structured: tuple[Event, ...] = ()
    if body.structured:
        from seminorm.readers.structured.zones import settle_zones

        structured = tuple(settle_zones(body.structured, [], ctx.tz, m.cleaned))
    hints = Hints(
        title=m.subject or None,
        document_date=m.date,
        organizer=m.organizer,
        links=tuple(body.links),
        structured=structured,
        format="email",
    )
    text_events, error = _read_body(m.cleaned, m.text, ctx, hints)
    if body.calendars:
        cal = calendar_events(body.calendars, ctx)
        if cal:
            events = merge_calendar(cal, text_events, m.organizer)
            return _with_notices(events, body.notices)
    if not text_events:
        raise error or NoEventError("no date or time found")
    return _with_notices(text_events, body.notices)


def _parse_message(raw: bytes) -> Message:
    from email.parser import BytesParser

    from .headers import bounded_policy

    raw = raw.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n")  # a BOM, blank lines before the headers
    try:
        msg = BytesParser(policy=bounded_policy()).parsebytes(raw)
    except Exception as e:  # the email package raises assorted errors on hostile input
        raise ParseError(f"malformed e-mail ({type(e).__name__})") from None
    return msg


# -- reading ------------------------------------------------------------------


def _read_body(
    cleaned: str, full: str, ctx: Context, hints: Hints
) -> tuple[list[Event], ParseError | None]:
    """The text reader on the cleaned body; on the whole body when that has no event."""
    from seminorm.engine import parse_text

    error: ParseError | None = None
    tried: set[str] = set()
    best: list[Event] = []
    for candidate in _bodies(cleaned, full):
        candidate = candidate.strip()
        if not candidate or candidate in tried:
            continue
        tried.add(candidate)
        try:
            events = parse_text(candidate, ctx, hints)
        except ParseError as e:
            error = error or e
            continue
        if _richness(events) > _richness(best):
            best = events
        if all(ev.title and ev.speakers for ev in best):
            break
    # a short reply ("see you at 12:15!") above the quoted announcement says
    # less than the announcement: the richer reading wins
    return (best, None) if best else ([], error)


def _bodies(cleaned: str, full: str) -> Iterator[str]:
    """The cleaned body, then (only when it is not enough) the fallbacks."""
    yield cleaned
    yield from fallback_bodies(full)


def _richness(events: list[Event]) -> int:
    return (
        sum(1 + bool(ev.title) + bool(ev.speakers) + bool(ev.location) for ev in events)
        if events
        else -1
    )


def _with_notices(events: list[Event], notices: list[Notice]) -> list[Event]:
    for n in notices:
        events = [ev.warn(n.code, n.message, n.field) for ev in events]
    return [
        ev if ev.source.format == "email" else replace(ev, source=Source(format="email"))
        for ev in events
    ]
