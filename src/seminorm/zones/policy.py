"""The one default-zone policy (SPEC 4.4): the zone of times that state none.

Takes the zone the caller gave (``--tz``, as an IANA key, or None) and a way
to infer the document's zone from its evidence; gives the zone to use (None:
the times stay floating) and the guess when one was made (its evidence goes
into the ``tz-inferred`` warning). The caller's zone always wins; the
evidence is read only without it. The text engine and the ICS reader both
decide here.
"""

from __future__ import annotations

from collections.abc import Callable

from .evidence import ZoneGuess


def default_zone(
    given: str | None, infer: Callable[[], ZoneGuess | None]
) -> tuple[str | None, ZoneGuess | None]:
    """``(zone, guess)``: ``given``, else the inferred zone, else ``(None, None)``.

    >>> default_zone("Europe/Zurich", lambda: ZoneGuess("Europe/Paris", "a city"))
    ('Europe/Zurich', None)
    >>> default_zone(None, lambda: ZoneGuess("Europe/Paris", "the city Paris"))[0]
    'Europe/Paris'
    >>> default_zone(None, lambda: None)
    (None, None)
    """
    if given is not None:
        return given or None, None
    guess = infer()
    return (guess.zone if guess else None), guess
