"""``seminorm publish``: events into a CalDAV collection, one resource per UID.

Each event (with the other instances of its UID, for a recurring one) is one
calendar resource named from its UID (:func:`seminorm.write.split.resource_name`),
as CalDAV servers require. Publishing is idempotent:

- the server's resources are listed once and matched by UID, so an event a
  client or an earlier run put elsewhere in the collection is updated where
  it is, never duplicated;
- every resource seminorm writes carries ``X-SEMINORM-DIGEST``, a digest of
  the calendar it rendered (``DTSTAMP`` left out), so an unchanged talk is
  left alone whatever the server does to the text it stores, and a changed
  one (new room, new time, cancelled) is rewritten in place;
- a new resource is written with ``If-None-Match: *`` (never over another's).

Events that disappeared from the inputs are left on the server: seminorm
does not know whether another source put them there.

Credentials come from the environment (:data:`ENV_USERNAME`,
:data:`ENV_PASSWORD`), else from ``~/.netrc`` (or the file ``NETRC`` names)
for the URL's host, as curl and git read it; never from the command line.
A URL with a user name or password in it is refused, and no message shows
either. The ``caldav`` library is an optional extra (``pip install
'seminorm[caldav]'``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from seminorm.patterns import LazyPattern

from .errors import PublishError

if TYPE_CHECKING:
    from .context import Context
    from .model import Event

__all__ = [
    "DIGEST_PROPERTY",
    "ENV_PASSWORD",
    "ENV_USERNAME",
    "Change",
    "Resource",
    "check_url",
    "credentials",
    "publish",
    "resources",
]

ENV_USERNAME = "SEMINORM_CALDAV_USERNAME"
ENV_PASSWORD = "SEMINORM_CALDAV_PASSWORD"
DIGEST_PROPERTY = "X-SEMINORM-DIGEST"
#: Seconds to wait for the server, per request.
DEFAULT_TIMEOUT = 30

_MISSING = "publishing needs the 'caldav' extra: pip install 'seminorm[caldav]'"
_LOGIN = (
    f"the server refused the login; check the credentials in {ENV_USERNAME} / {ENV_PASSWORD} "
    "or in ~/.netrc for this host"
)
_UNFOLD = LazyPattern(r"\r?\n[ \t]")


@dataclass(frozen=True, slots=True)
class Resource:
    """One calendar resource to publish: the events of one UID."""

    name: str
    uid: str
    data: bytes
    digest: str
    title: str


@dataclass(frozen=True, slots=True)
class Change:
    """What publishing does (or, with ``--dry-run``, would do) with one resource."""

    action: str  # create | update | unchanged
    name: str
    title: str


def _digest(calendar: bytes) -> str:
    """A digest of a rendered calendar, its ``DTSTAMP`` lines (the time of writing) left out."""
    import hashlib

    lines = [line for line in calendar.split(b"\r\n") if not line.startswith(b"DTSTAMP")]
    return hashlib.blake2b(b"\r\n".join(lines), digest_size=16).hexdigest()


def _label(group: list[Event]) -> str:
    ev = group[0]
    start = ev.start.isoformat() if ev.start is not None else "no start"
    return f"{ev.title or ev.series or '(no title)'} ({start})"


def resources(events: list[Event], ctx: Context) -> list[Resource]:
    """The resources of ``events``: one calendar per UID, with its digest written in it."""
    from .write.ics import to_ics
    from .write.split import by_uid, resource_name

    out = []
    for uid, group in by_uid(events):
        # a calendar read back from a server (an export, re-published) carries an old digest
        lines = to_ics(group, ctx).split(b"\r\n")
        data = b"\r\n".join(x for x in lines if not x.startswith(DIGEST_PROPERTY.encode()))
        digest = _digest(data)
        line = f"{DIGEST_PROPERTY}:{digest}\r\nEND:VEVENT\r\n".encode()
        out.append(
            Resource(
                resource_name(uid),
                uid,
                data.replace(b"END:VEVENT\r\n", line),
                digest,
                _label(group),
            )
        )
    return out


def check_url(url: str) -> str:
    """The collection URL, ending with ``/``; credentials in it are refused.

    >>> check_url("https://dav.example.org/cal/talks")
    'https://dav.example.org/cal/talks/'
    >>> check_url("https://ann:pw@dav.example.org/cal/")
    Traceback (most recent call last):
    ...
    seminorm.errors.PublishError: the URL holds a user name or password; give them in ...
    """
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        raise PublishError(
            f"the URL holds a user name or password; give them in {ENV_USERNAME} / "
            f"{ENV_PASSWORD} or in ~/.netrc, never on the command line"
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PublishError("--to needs the http:// or https:// URL of a calendar collection")
    return url if url.endswith("/") else url + "/"


def credentials(url: str) -> tuple[str | None, str | None]:
    """User name and password for ``url``: the environment, else ``~/.netrc``, else none.

    A ``.netrc`` that cannot be parsed is an error that names the file and
    the line, never its content.
    """
    user, password = os.environ.get(ENV_USERNAME), os.environ.get(ENV_PASSWORD)
    if user or password:
        return user, password
    import netrc
    from pathlib import Path

    path = os.environ.get("NETRC") or str(Path.home() / ".netrc")  # data, never code
    host = urlsplit(url).hostname or ""
    try:
        found = netrc.netrc(path).authenticators(host)
    except FileNotFoundError:
        return None, None
    except netrc.NetrcParseError as e:
        raise PublishError(
            f"cannot read {path}: it is not a valid netrc file (line {e.lineno})"
        ) from None
    except OSError as e:
        raise PublishError(f"cannot read {path}: {e.strerror or e}") from None
    if found is None:
        return None, None
    return found[0] or None, found[2] or None


def _remote(calendar: Any) -> dict[str, tuple[str, str | None]]:
    """UID -> (href, digest) of every event resource in the collection."""
    found: dict[str, tuple[str, str | None]] = {}
    for obj in calendar.events():
        text = obj.data
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        uid = digest = None
        for line in _UNFOLD.sub("", text or "").splitlines():
            name, _, value = line.partition(":")
            key = name.split(";", 1)[0].upper()
            if key == "UID" and uid is None:
                uid = value.strip()
            elif key == DIGEST_PROPERTY:
                digest = value.strip()
        if uid and uid not in found:
            found[uid] = (str(obj.url), digest)
    return found


def _put(client: Any, href: str, data: bytes, *, new: bool) -> None:
    headers = {"Content-Type": "text/calendar; charset=utf-8"}
    if new:
        headers["If-None-Match"] = "*"
    response = client.put(href, data.decode("utf-8"), headers)
    status = getattr(response, "status", 0)
    if not 200 <= int(status) < 300:
        reason = " ".join(str(getattr(response, "reason", "") or "").split())
        raise PublishError(f"the server refused {href}: HTTP {status} {reason}".rstrip())


def plan(
    wanted: Iterable[Resource], remote: dict[str, tuple[str, str | None]], base: str
) -> list[tuple[Change, str, Resource]]:
    """Decide, for every resource, what to do and where (the resource's URL)."""
    steps = []
    for res in wanted:
        known = remote.get(res.uid)
        if known is None:
            steps.append((Change("create", res.name, res.title), base + quote(res.name), res))
        elif known[1] == res.digest:
            steps.append((Change("unchanged", res.name, res.title), known[0], res))
        else:
            steps.append((Change("update", res.name, res.title), known[0], res))
    return steps


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:300] or type(e).__name__


def publish(
    events: list[Event],
    url: str,
    ctx: Context,
    *,
    dry_run: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Change]:
    """Put every event into the CalDAV collection at ``url``; return what changed.

    Raises :class:`~seminorm.errors.PublishError` (one line, no credentials)
    when the library is missing, the login is refused, the server cannot be
    reached or refuses a resource.
    """
    base = check_url(url)
    try:
        import caldav
        from caldav.lib import error as dav_error
    except ImportError:
        raise PublishError(_MISSING) from None
    wanted = resources(events, ctx)
    user, password = credentials(base)
    where = base.split("?", 1)[0]
    try:
        client_type: Any = caldav.DAVClient
        with client_type(url=base, username=user, password=password, timeout=timeout) as client:
            steps = plan(wanted, _remote(client.calendar(url=base)), base)
            if not dry_run:
                for change, href, res in steps:
                    if change.action != "unchanged":
                        _put(client, href, res.data, new=change.action == "create")
    except PublishError:
        raise
    except dav_error.AuthorizationError:
        raise PublishError(_LOGIN) from None
    except dav_error.NotFoundError:
        raise PublishError(f"no calendar collection at {where}") from None
    except dav_error.DAVError as e:
        raise PublishError(f"the server at {where} answered: {_one_line(e)}") from None
    except OSError as e:  # the HTTP libraries' connection errors and timeouts are OSErrors
        raise PublishError(f"cannot reach {where}: {_reason(e)}") from None
    return [change for change, _, _ in steps]


def _reason(e: BaseException) -> str:
    """The last, most specific reason of a chain of connection errors."""
    text = _one_line(e)
    for known in ("Connection refused", "timed out", "Name or service not known", "No route"):
        if known.lower() in text.lower():
            return known.lower()
    return text
