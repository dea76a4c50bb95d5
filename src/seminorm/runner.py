"""Running the pipeline over named inputs: what ``parse`` and ``check`` need.

Reading a file or standard input (with the ``--max-bytes`` limit), running
the pipeline on it, the one-line error of a failed input, diagnostics on
stderr, the summary counts, and atomic writes. Like the CLI, this module
imports only the standard library at load time; ``convert``'s machinery
(:mod:`seminorm.batch`, :mod:`seminorm.pool`) is not loaded for ``parse``.

Outcomes, not exceptions, come back from each input, so one bad file never
stops the others:

>>> from seminorm.context import Context
>>> out = run_one("big.txt", b"xx", Context(max_bytes=1))
>>> error_line(out)
'big.txt: error: input is 2 bytes, over the limit of 1; raise it with --max-bytes'
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator

from .context import Context
from .errors import NoEventError, ReadError, SeminormError, WriteError
from .plain import Frozen, Plain, replace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

    from .model import Event

#: How standard input is named in messages (``Source.path`` stays null for it).
STDIN_NAME = "<stdin>"

# ---------------------------------------------------------------- options


def local_zone() -> str:
    """This machine's zone: ``TZ``, else the /etc/localtime link, else /etc/timezone."""
    name = os.environ.get("TZ", "").strip().lstrip(":")
    if not name:
        name = os.path.realpath("/etc/localtime")
        if "zoneinfo/" not in name:
            try:
                with open("/etc/timezone", encoding="utf-8") as fh:
                    name = fh.read().strip()
            except OSError:
                name = ""
    name = name.rsplit("zoneinfo/", 1)[-1]
    for prefix in ("posix/", "right/"):
        name = name.removeprefix(prefix)
    if not name:
        raise ValueError("cannot tell this machine's zone; give an IANA name instead of 'local'")
    return name


def zone_name(value: str) -> str:
    """Check a ``--tz`` value: an IANA name (any case) or ``local``; raise ValueError.

    >>> zone_name("europe/zurich"), zone_name("UTC")
    ('Europe/Zurich', 'UTC')
    """
    from .zones.keys import iana_key

    name = local_zone() if value.lower() == "local" else value
    match = iana_key(name)
    if match:
        return match
    raise ValueError(f"{name!r} is not an IANA time zone (such as Europe/Zurich or UTC)")


# ---------------------------------------------------------------- one input


class Outcome(Frozen):
    """What became of one input: its events, or the one-line error."""

    __slots__ = ("detail", "error", "events", "name", "no_event")
    name: str
    events: tuple[Event, ...]
    error: str | None
    detail: str | None  # the traceback of an internal error, shown with -v
    no_event: bool  # read, but no event in it (a NoEventError)

    def __init__(
        self,
        name: str,
        events: tuple[Event, ...] = (),
        error: str | None = None,
        detail: str | None = None,
        no_event: bool = False,
    ) -> None:
        self.name = name
        self.events = events
        self.error = error
        self.detail = detail
        self.no_event = no_event

    @property
    def ok(self) -> bool:
        return self.error is None

    def warning_lines(self) -> list[str]:
        """``FILE: warning[CODE]: message`` for every distinct warning, in order."""
        lines: dict[str, None] = {}
        for ev in self.events:
            for n in ev.warnings:
                lines[f"{self.name}: warning[{n.code}]: {_one_line(n.message)}"] = None
        return list(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def describe(exc: BaseException) -> str:
    """The one-line message for an exception raised while handling one input.

    >>> describe(ReadError("no date or time found"))
    'no date or time found'
    >>> describe(ValueError("boom\\nbang"))
    'internal error: ValueError: boom bang'
    """
    if isinstance(exc, SeminormError):
        return _one_line(str(exc)) or type(exc).__name__
    if isinstance(exc, MemoryError):
        return "out of memory"
    if isinstance(exc, OSError):
        return _one_line(exc.strerror or str(exc))
    return _one_line(f"internal error: {type(exc).__name__}: {exc}")


def error_line(outcome: Outcome) -> str:
    return f"{outcome.name}: error: {outcome.error}"


def read_input(name: str, max_bytes: int, stdin: IO[bytes] | None = None) -> bytes:
    """Read one input (``-`` is standard input), refusing more than ``max_bytes``."""
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        from .pipeline import read_upto

        data = read_upto(stream, max_bytes + 1)
        if len(data) > max_bytes:
            raise ReadError(
                f"input is over the limit of {max_bytes:,} bytes; raise it with --max-bytes"
            )
        return data
    try:
        with open(name, "rb") as fh:
            st = os.fstat(fh.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise ReadError("is a directory (use seminorm convert for folders)")
            if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
                raise ReadError(
                    f"input is {st.st_size:,} bytes, over the limit of {max_bytes:,}; "
                    "raise it with --max-bytes"
                )
            from .pipeline import read_upto

            return read_upto(fh, max_bytes + 1)
    except IsADirectoryError:
        raise ReadError("is a directory (use seminorm convert for folders)") from None
    except OSError as e:
        raise ReadError(f"cannot read: {e.strerror or e}") from None


def run_one(name: str, data: bytes, ctx: Context) -> Outcome:
    """Run the pipeline on one input; never raises (except KeyboardInterrupt)."""
    try:
        from .pipeline import parse_bytes

        events = parse_bytes(data, ctx)
    except Exception as e:
        from traceback import format_exc

        detail = None if isinstance(e, SeminormError) else format_exc()
        return Outcome(name, error=describe(e), detail=detail, no_event=isinstance(e, NoEventError))
    return Outcome(name, tuple(events))


def process(name: str, ctx: Context, stdin: IO[bytes] | None = None) -> Outcome:
    """Read and parse one input named on the command line."""
    path = None if name == "-" else name
    shown = STDIN_NAME if name == "-" else name
    try:
        data = read_input(name, ctx.limit(), stdin)
    except SeminormError as e:
        return Outcome(shown, error=describe(e))
    return run_one(shown, data, replace(ctx, path=path))


def echo(line: str) -> None:
    """One diagnostic line on stderr, control characters of names and texts escaped."""
    from .terminal import printable

    sys.stderr.write(printable(line) + "\n")
    sys.stderr.flush()


def echo_block(text: str) -> None:
    """Several lines (a traceback with -v), each escaped like :func:`echo`."""
    for line in text.rstrip().splitlines():
        echo(line)


def read_all(
    inputs: tuple[str, ...], ctx: Context, tally: Tally, *, quiet: bool, verbose: bool
) -> Iterator[Outcome]:
    """``parse``/``check``: process each input in turn, its diagnostics on stderr."""
    if not inputs and sys.stdin.isatty() and not quiet:
        echo("seminorm: reading standard input (Ctrl-D to end)")
    for name in inputs or ("-",):
        out = process(name, ctx)
        warnings = out.warning_lines()
        status = "ok" if out.ok else "failed"
        tally.add(Result(out.name, status, len(out.events), tuple(warnings), out.error))
        if not out.ok:
            echo(error_line(out))
            if verbose and out.detail:
                echo_block(out.detail)
        elif not quiet:
            for line in warnings:
                echo(line)
        if verbose and out.ok:
            echo(f"{out.name}: {len(out.events)} events")
        yield out


def stream_all(
    inputs: tuple[str, ...],
    ctx: Context,
    tally: Tally,
    *,
    quiet: bool,
    verbose: bool,
    on_result: Callable[[Result], None] | None = None,
) -> Iterator[list[Event]]:
    """``parse``: each input's events batch by batch as they are read (an mbox message by
    message, a large calendar component by component: docs/streaming.md), the
    diagnostics on stderr as they come; each input's result goes to ``tally``
    (and to ``on_result``, once its last events are handed out).

    The same events, warnings and errors as :func:`read_all`; an error after
    some of an input's events were handed out (an internal one) fails the input
    but leaves those events written.
    """
    if not inputs and sys.stdin.isatty() and not quiet:
        echo("seminorm: reading standard input (Ctrl-D to end)")
    from .pipeline import stream_file

    for name in inputs or ("-",):
        shown = STDIN_NAME if name == "-" else name
        count = 0
        lines: dict[str, None] = {}
        error = detail = None
        try:
            opener, size, again = _opener(name, ctx.limit())
            here = replace(ctx, path=None if name == "-" else name)
            for batch in stream_file(opener, size, here, again=again):
                count += len(batch)
                for line in Outcome(shown, tuple(batch)).warning_lines():
                    if line not in lines:
                        lines[line] = None
                        if not quiet:
                            echo(line)
                yield batch
        except Exception as e:
            from traceback import format_exc

            error = describe(e)
            detail = None if isinstance(e, SeminormError) else format_exc()
        finally:
            while _STREAMS:
                _STREAMS.pop().close()
        status = "ok" if error is None else "failed"
        result = Result(shown, status, count, tuple(lines), error)
        tally.add(result)
        if error is not None:
            echo(f"{shown}: error: {error}")
            if verbose and detail:
                echo_block(detail)
        elif verbose:
            echo(f"{shown}: {count} events")
        if on_result is not None:
            on_result(result)


_STREAMS: list[IO[bytes]] = []


def _opener(
    name: str, limit: int, stdin: IO[bytes] | None = None
) -> tuple[Callable[[], IO[bytes]], int | None, bool]:
    """How to open one input, its size, and whether it can be opened again: a file
    can (it is opened afresh each time); standard input and other streams (a pipe, a
    device) are read once, as they come."""
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return (lambda: stream), None, False
    try:
        st = os.stat(name)
        fh = open(name, "rb")
    except IsADirectoryError:
        raise ReadError("is a directory (use seminorm convert for folders)") from None
    except OSError as e:
        raise ReadError(f"cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        fh.close()
        raise ReadError("is a directory (use seminorm convert for folders)")
    if not stat.S_ISREG(st.st_mode):
        _STREAMS.append(fh)  # a pipe or a device: read once, closed after its events
        return (lambda: fh), None, False
    fh.close()
    if st.st_size > limit:
        raise ReadError(
            f"input is {st.st_size:,} bytes, over the limit of {limit:,}; raise it with --max-bytes"
        )
    return (lambda: open(name, "rb")), st.st_size, True


# ---------------------------------------------------------------- writing


def atomic_write(
    path: str | os.PathLike[str],
    chunks: bytes | Iterable[bytes],
    *,
    root: str | os.PathLike[str] | None = None,
) -> None:
    """Write a file completely or not at all: a temp file in the same folder,
    flushed to disk (``fsync``), then renamed over the target.

    On any error (or Ctrl-C, or SIGTERM in a worker) the temp file is removed
    and the old file, if any, is left untouched: the temp file is created
    inside the ``try``, so no interruption can come between its creation and
    the clean-up. A file-system error becomes a
    :class:`~seminorm.errors.WriteError` naming the file.

    With ``root`` (``convert``'s output folder) the target must lie under it,
    and no symbolic link below it is followed: each folder on the way is
    opened (or made) relative to the one above, without following links, so
    a link planted in the output tree cannot lead a write outside it. A link
    at the target's own name is replaced, never written through.
    """
    target = os.fspath(path)
    folder, name = os.path.split(target)
    tmp_name = f".{name}.{os.urandom(6).hex()}.tmp"
    tmp = os.path.join(folder, tmp_name)
    dir_fd: int | None = None
    try:
        if root is not None:
            dir_fd = _open_below(os.fspath(root), target)
            if dir_fd is not None:
                tmp = tmp_name
        if dir_fd is None and folder:
            os.makedirs(folder, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, flags, 0o666, dir_fd=dir_fd)
        with os.fdopen(fd, "wb") as fh:
            for chunk in [chunks] if isinstance(chunks, bytes) else chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())  # on disk before it takes the name
        os.replace(tmp, name if dir_fd is not None else target, src_dir_fd=dir_fd,
                   dst_dir_fd=dir_fd)  # fmt: skip
    except BaseException as e:
        try:
            os.unlink(tmp, dir_fd=dir_fd)
        except OSError:
            pass
        if isinstance(e, OSError):
            why = e.strerror or str(e)
            if root is not None and e.errno in (errno.ELOOP, errno.ENOTDIR):
                why = "a symbolic link or a file on the way; outputs stay inside the output folder"
            raise WriteError(f"cannot write {target}: {why}") from None
        raise
    finally:
        if dir_fd is not None:
            os.close(dir_fd)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
#: Folders opened relative to each other without following links (POSIX).
_DIR_FDS = (
    bool(_NOFOLLOW)
    and hasattr(os, "O_DIRECTORY")
    and {
        os.open,
        os.mkdir,
        os.unlink,
        os.rename,  # os.replace is os.rename's twin (not listed)
    }
    <= os.supports_dir_fd
)


def _open_below(root: str, target: str) -> int | None:
    """The folder of ``target`` opened without following links below ``root``.

    Raises WriteError when ``target`` is not under ``root``. Where folders
    cannot be opened that way (Windows), the resolved path is checked
    instead and None returned.
    """
    rel = os.path.relpath(target, root)
    parts = rel.split(os.sep)
    if os.path.isabs(rel) or os.pardir in parts:
        raise WriteError(f"cannot write {target}: outside the output folder {root}")
    if not _DIR_FDS:
        real_root = os.path.realpath(root)
        real = os.path.realpath(os.path.dirname(target) or ".")
        if os.path.commonpath([real_root, real]) != real_root:
            raise WriteError(f"cannot write {target}: outside the output folder {root}")
        return None
    os.makedirs(root, exist_ok=True)
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)  # the folder named by the user, as named
    flags = os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW
    try:
        for part in parts[:-1]:
            if part in ("", os.curdir):
                continue
            try:
                below = os.open(part, flags, dir_fd=fd)
            except FileNotFoundError:
                try:
                    os.mkdir(part, 0o777, dir_fd=fd)
                except FileExistsError:
                    pass
                below = os.open(part, flags, dir_fd=fd)
            os.close(fd)
            fd = below
    except BaseException:
        os.close(fd)
        raise
    return fd


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when both names reach the same file (or would, once created)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


class Result(Frozen):
    """What ``convert`` did with one input; ``events`` only when merging."""

    __slots__ = (
        "detail",
        "error",
        "events",
        "kept",
        "outputs",
        "reference",
        "remembered",
        "src",
        "status",
        "warnings",
    )  # fmt: skip
    src: str
    status: str  # ok | failed | no-event | skipped
    events: int
    warnings: tuple[str, ...]
    error: str | None
    detail: str | None
    kept: tuple[Any, ...]
    outputs: tuple[str, ...]  # the files written
    remembered: bool  # a failure of an earlier run, not retried (input unchanged)
    reference: str | None  # the reference date used, and where it came from

    def __init__(
        self,
        src: str,
        status: str,
        events: int = 0,
        warnings: tuple[str, ...] = (),
        error: str | None = None,
        detail: str | None = None,
        kept: tuple[Any, ...] = (),
        outputs: tuple[str, ...] = (),
        remembered: bool = False,
        reference: str | None = None,
    ) -> None:
        self.src = src
        self.status = status
        self.events = events
        self.warnings = warnings
        self.error = error
        self.detail = detail
        self.kept = kept
        self.outputs = outputs
        self.remembered = remembered
        self.reference = reference

    def report(self) -> dict[str, object]:
        return {
            "path": self.src,
            "status": self.status,
            "events": self.events,
            "warnings": len(self.warnings),
            "error": self.error,
            "remembered": self.remembered,
            "reference_date": self.reference,
        }


# ---------------------------------------------------------------- progress and summary


class Tally(Plain):
    """Counts for the summary line (counts only: ``convert`` lets each result go)."""

    __slots__ = (
        "empty",
        "events",
        "failed",
        "files",
        "skip_empty",
        "skipped",
        "warnings",
    )  # fmt: skip
    #: empty: inputs that hold no event (``no-event``): failed, unless skip_empty

    def __init__(
        self,
        files: int = 0,
        events: int = 0,
        warnings: int = 0,
        failed: int = 0,
        skipped: int = 0,
        empty: int = 0,
        skip_empty: bool = False,
    ) -> None:
        self.files = files
        self.events = events
        self.warnings = warnings
        self.failed = failed
        self.skipped = skipped
        self.empty = empty
        self.skip_empty = skip_empty

    def add(self, r: Result) -> None:
        self.files += 1
        self.events += r.events
        self.warnings += len(r.warnings)
        self.failed += r.status == "failed" or (r.status == "no-event" and not self.skip_empty)
        self.skipped += r.status == "skipped"
        self.empty += r.status == "no-event"

    def line(self) -> str:
        """The summary line.

        >>> Tally(files=3, events=5, warnings=1, failed=1).line()
        '3 files, 5 events, 1 warnings, 1 failed'
        """
        text = f"{self.files} files, {self.events} events, {self.warnings} warnings, {self.failed} failed"
        text += f", {self.empty} without events" if self.empty and self.skip_empty else ""
        return text + (f", {self.skipped} skipped (up to date)" if self.skipped else "")
