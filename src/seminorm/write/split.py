"""One iCalendar file per event (``--split``), named from its UID.

CalDAV servers, vdirsyncer and khal's ``vdir`` storage hold one event per
resource: a server refuses a resource with two different UIDs. ``--split``
writes each UID as its own ``.ics`` file (the instances of a recurring event,
which share their UID, stay together), under a name made from the UID so
that the same event gets the same file on every run.

>>> resource_name("a1b2@example.org")
'a1b2@example.org.ics'
>>> resource_name("seminar/2024 05 04")
'seminar_2024_05_04-9da6afd4.ics'
"""

from __future__ import annotations

import hashlib

from seminorm.context import Context
from seminorm.model import Event
from seminorm.patterns import LazyPattern

__all__ = ["by_uid", "resource_name", "split_ics"]

#: Characters kept as they are in a file or resource name; anything else becomes ``_``.
_UNSAFE = LazyPattern(r"[^A-Za-z0-9._@+-]")
#: Longest name kept whole (file systems allow 255 bytes; servers are stricter).
_MAX_STEM = 120


def resource_name(uid: str) -> str:
    """The file (or CalDAV resource) name of the event with this UID.

    The UID itself when it is made only of safe characters (letters, digits,
    ``. _ @ + -``) and short; else its safe characters with a digest of the
    whole UID, so that two UIDs never share a name. Never starts with a dot.

    >>> resource_name("../../etc/passwd")
    '_._.._etc_passwd-830a08e2.ics'
    >>> resource_name("x" * 300) == resource_name("x" * 300) != resource_name("x" * 301)
    True
    """
    stem = _UNSAFE.sub("_", uid)
    if stem.startswith("."):
        stem = "_" + stem[1:]
    if stem != uid or len(stem) > _MAX_STEM or not stem:
        digest = hashlib.blake2b(uid.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
        stem = f"{stem[:_MAX_STEM]}-{digest}"
    return stem + ".ics"


def by_uid(events: list[Event]) -> list[tuple[str, list[Event]]]:
    """Group events by UID, in the order each UID first appears.

    An event has its UID once :func:`seminorm.resolve.finalize` has run;
    one without (a library caller's own) gets the UID the ICS writer derives.
    """
    from seminorm.resolve import derive_uid

    groups: dict[str, list[Event]] = {}
    for ev in events:
        groups.setdefault(ev.uid or derive_uid(ev), []).append(ev)
    return list(groups.items())


def split_ics(events: list[Event], ctx: Context) -> list[tuple[str, bytes]]:
    """``(file name, calendar)`` for every UID among ``events``.

    >>> from datetime import date
    >>> files = split_ics([Event(uid="a", title="A", start=date(2024, 5, 4), all_day=True),
    ...                    Event(uid="b", title="B", start=date(2024, 5, 5), all_day=True)],
    ...                   Context())
    >>> [name for name, _ in files]
    ['a.ics', 'b.ics']
    """
    from .ics import to_ics

    return [(resource_name(uid), to_ics(group, ctx)) for uid, group in by_uid(events)]
