"""The settings every stage receives, so that no stage reads the clock or the
machine's zone on its own.

>>> Context(tz="Europe/Zurich").tz
'Europe/Zurich'
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from .plain import record

DATE_ORDERS = ("auto", "dmy", "mdy", "ymd")
#: ``--max-bytes`` when not given: a limit per kind of input (docs/cli.md). Calendars and
#: mail archives are read one component or message at a time in flat memory
#: (docs/streaming.md), so their limits read a real 100 MB export or archive; a single
#: message or PDF carries attachments; text and HTML pages are read whole, and their
#: extraction costs the most per byte. The limits are against bombs, not for memory.
MAX_BYTES_BY_KIND = {
    "ics": 256_000_000,
    "mbox": 256_000_000,
    "email": 64_000_000,
    "pdf": 64_000_000,
    "html": 20_000_000,
    "text": 20_000_000,
}
#: The most any kind reads when ``--max-bytes`` is not given (what is read before the kind is known).
DEFAULT_MAX_BYTES = max(MAX_BYTES_BY_KIND.values())
DEFAULT_SUMMARY = "{title}"
#: ``convert``'s per-file limits (``--time-limit``, ``--memory-limit``): far above
#: what any real announcement or calendar takes, low enough to save the machine.
DEFAULT_TIME_LIMIT = 120  # seconds of CPU time
DEFAULT_MEMORY_LIMIT = 2048  # MB above what the worker held before the file


@record
class Context:
    """What the caller decided, shared by every stage.

    ``reference`` is "today" for texts without a year; ``None`` means: the
    document's own date, else ``today``. ``today`` is filled by the CLI (or
    the library entry points) once, so that tests can fix it.
    ``tz`` is the zone assumed for times that state none (``--tz``);
    ``output_tz`` converts every event on output (``--output-tz``);
    ``default_duration`` (minutes, ``--default-duration``) gives an end to
    timed events that state none, marked as assumed; without it no end is
    invented.
    """

    reference: date | None = None
    today: date | None = None
    tz: str | None = None
    output_tz: str | None = None
    date_order: str = "auto"
    explain: bool = False
    path: str | None = None
    max_bytes: int | None = None  # None: the default limit of each kind (MAX_BYTES_BY_KIND)
    summary_template: str = DEFAULT_SUMMARY
    default_duration: int | None = None  # minutes: the end of events that state none

    def limit(self, kind: str | None = None) -> int:
        """The size limit of an input of ``kind`` (``--max-bytes``, else that kind's default).

        >>> Context().limit("text"), Context().limit("mbox"), Context(max_bytes=5).limit("mbox")
        (20000000, 256000000, 5)
        """
        if self.max_bytes is not None:
            return self.max_bytes
        return MAX_BYTES_BY_KIND.get(kind or "", DEFAULT_MAX_BYTES)

    def reference_date(self, document_date: date | None = None) -> date:
        """The date that stands for "today": explicit, else the document's, else today."""
        if self.reference is not None:
            return self.reference
        if document_date is not None:
            return document_date
        if self.today is not None:
            return self.today
        return today_in(self.tz)


def today_in(tz: str | None, now: datetime | None = None) -> date:
    """ "Today" where the user's times are: the date now (or at ``SOURCE_DATE_EPOCH``, when
    set: reproducible runs) in the zone ``tz`` (``--tz``), else in UTC, never in the
    machine's own zone (``TZ``): the same input and options give the same output anywhere.

    >>> moment = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    >>> [today_in(z, moment) for z in (None, "Pacific/Kiritimati", "America/Los_Angeles")]
    [datetime.date(2023, 11, 14), datetime.date(2023, 11, 15), datetime.date(2023, 11, 14)]
    """
    import os
    from zoneinfo import ZoneInfo

    moment = now or datetime.now(UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch and now is None:
        try:
            moment = datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            pass  # the ICS writer reports a bad SOURCE_DATE_EPOCH; "today" stays now
    if tz:
        try:
            return moment.astimezone(ZoneInfo(tz)).date()
        except (ValueError, OSError, KeyError):
            pass
    return moment.astimezone(UTC).date()
