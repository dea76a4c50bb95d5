"""The machinery behind the commands: reading inputs, running the pipeline on
each one, atomic writes, and ``convert`` (file discovery, the process pool,
the report and ``--merge``).

``cli.py`` only parses options and decides exit codes; everything that
touches files or processes lives here. Like the CLI, this module imports
only the standard library at load time: the pipeline, the writers and rich
are imported by the functions that need them.

Outcomes, not exceptions, come back from each input, so one bad file never
stops the others:

>>> from seminorm.context import Context
>>> out = run_one("big.txt", b"xx", Context(max_bytes=1))
>>> error_line(out)
'big.txt: error: input is 2 bytes, over the limit of 1; raise it with --max-bytes'
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any

from .context import Context
from .errors import ReadError, SeminormError, WriteError

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event as StopFlag

    from .model import Event

#: How standard input is named in messages (``Source.path`` stays null for it).
STDIN_NAME = "<stdin>"

#: The file extension ``convert`` gives each output format.
OUTPUT_SUFFIX = {
    "json": ".json",
    "jsonl": ".jsonl",
    "ics": ".ics",
    "jcal": ".jcal",
    "csv": ".csv",
    "table": ".txt",
}

_GLOB_CHARS = re.compile(r"[*?\[]")


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
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

    name = local_zone() if value.lower() == "local" else value
    try:
        ZoneInfo(name)
        return name
    except (ValueError, OSError, ZoneInfoNotFoundError):
        match: str | None = {z.casefold(): z for z in available_timezones()}.get(name.casefold())
        if match:
            return match
    raise ValueError(f"{name!r} is not an IANA time zone (such as Europe/Zurich or UTC)")


# ---------------------------------------------------------------- one input


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: its events, or the one-line error."""

    name: str
    events: tuple[Event, ...] = ()
    error: str | None = None
    detail: str | None = None  # the traceback of an internal error, shown with -v

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
    if isinstance(exc, OSError):
        return _one_line(exc.strerror or str(exc))
    return _one_line(f"internal error: {type(exc).__name__}: {exc}")


def error_line(outcome: Outcome) -> str:
    return f"{outcome.name}: error: {outcome.error}"


def read_input(name: str, max_bytes: int, stdin: IO[bytes] | None = None) -> bytes:
    """Read one input (``-`` is standard input), refusing more than ``max_bytes``."""
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
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
            return fh.read(max_bytes + 1)
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
        return Outcome(name, error=describe(e), detail=detail)
    return Outcome(name, tuple(events))


def process(name: str, ctx: Context, stdin: IO[bytes] | None = None) -> Outcome:
    """Read and parse one input named on the command line."""
    path = None if name == "-" else name
    shown = STDIN_NAME if name == "-" else name
    try:
        data = read_input(name, ctx.max_bytes, stdin)
    except SeminormError as e:
        return Outcome(shown, error=describe(e))
    return run_one(shown, data, replace(ctx, path=path))


def _echo(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def read_all(
    inputs: tuple[str, ...], ctx: Context, tally: Tally, *, quiet: bool, verbose: bool
) -> Iterator[Outcome]:
    """``parse``/``check``: process each input in turn, its diagnostics on stderr."""
    if not inputs and sys.stdin.isatty() and not quiet:
        _echo("seminorm: reading standard input (Ctrl-D to end)")
    for name in inputs or ("-",):
        out = process(name, ctx)
        warnings = out.warning_lines()
        status = "ok" if out.ok else "failed"
        tally.add(Result(out.name, status, len(out.events), tuple(warnings), out.error))
        if not out.ok:
            _echo(error_line(out))
            if verbose and out.detail:
                _echo(out.detail.rstrip())
        elif not quiet:
            for line in warnings:
                _echo(line)
        if verbose and out.ok:
            _echo(f"{out.name}: {len(out.events)} events")
        yield out


# ---------------------------------------------------------------- writing


def atomic_write(path: str | os.PathLike[str], chunks: bytes | Iterable[bytes]) -> None:
    """Write a file completely or not at all: a temp file in the same folder, then rename.

    On any error (or Ctrl-C, or SIGTERM in a worker) the temp file is removed
    and the old file, if any, is left untouched: the temp file is created
    inside the ``try``, so no interruption can come between its creation and
    the clean-up. A file-system error becomes a
    :class:`~seminorm.errors.WriteError` naming the file.
    """
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.urandom(6).hex()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        with os.fdopen(fd, "wb") as fh:
            for chunk in [chunks] if isinstance(chunks, bytes) else chunks:
                fh.write(chunk)
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise WriteError(f"cannot write {target}: {e.strerror or e}") from None
        raise


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when both names reach the same file (or would, once created)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


# ---------------------------------------------------------------- convert: planning


@dataclass(frozen=True, slots=True)
class Job:
    """One input of ``convert`` and where its output goes (None: merge only)."""

    src: str
    out: str | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """What ``convert`` did with one input; ``events`` only when merging."""

    src: str
    status: str  # ok | failed | skipped
    events: int = 0
    warnings: tuple[str, ...] = ()
    error: str | None = None
    detail: str | None = None
    kept: tuple[Any, ...] = ()

    def report(self) -> dict[str, object]:
        return {
            "path": self.src,
            "status": self.status,
            "events": self.events,
            "warnings": len(self.warnings),
            "error": self.error,
        }


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    from fnmatch import fnmatchcase

    name = rel.rsplit("/", 1)[-1]
    return any(fnmatchcase(rel, p) or fnmatchcase(name, p) for p in patterns)


def _rel_of_file(path: str) -> str:
    """A named file keeps its relative path when it lies under the current folder."""
    rel = os.path.relpath(os.path.abspath(path))
    if rel.startswith(os.pardir) or os.path.isabs(rel):
        return os.path.basename(path)
    return rel


def discover(
    sources: Iterable[str],
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    skip_dir: str | None = None,
) -> Iterator[tuple[str, str | None, str | None]]:
    """Yield ``(path, relative path, error)`` for every input, in a stable order.

    Folders are walked recursively (hidden files and folders, and the output
    folder, are left out); ``--include``/``--exclude`` filter what folders and
    globs yield (explicitly named files are always taken). A source that
    names nothing yields an error instead.
    """
    skip = os.path.realpath(skip_dir) if skip_dir else None
    seen: set[str] = set()

    def keep(rel: str) -> bool:
        return (not include or _matches(rel, include)) and not _matches(rel, exclude)

    for src in sources:
        if os.path.isdir(src):
            found: list[tuple[str, str]] = []
            for root, dirs, files in os.walk(src):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".") and os.path.realpath(os.path.join(root, d)) != skip
                )
                for f in sorted(files):
                    if f.startswith("."):
                        continue
                    path = os.path.join(root, f)
                    rel = os.path.relpath(path, src).replace(os.sep, "/")
                    if keep(rel):
                        found.append((path, rel))
            found.sort(key=lambda item: item[1].split("/"))
        elif os.path.exists(src) or not _GLOB_CHARS.search(src):
            found = [(src, _rel_of_file(src).replace(os.sep, "/"))]
            if not os.path.exists(src):
                yield src, None, "no such file or folder"
                continue
        else:
            from glob import glob

            paths = sorted(p for p in glob(src, recursive=True) if os.path.isfile(p))
            found = [(p, _rel_of_file(p).replace(os.sep, "/")) for p in paths]
            found = [(p, r) for p, r in found if keep(r)]
            if not found:
                yield src, None, "no file matches this pattern"
                continue
        for path, rel in found:
            real = os.path.realpath(path)
            if real in seen:
                continue
            seen.add(real)
            yield path, rel, None


def plan(
    sources: Iterable[str],
    out_dir: str | None,
    fmt: str,
    *,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> list[Job]:
    """Map every input to its output under ``out_dir`` (the source tree mirrored).

    Two inputs that would share an output (``talk.txt`` and ``talk.eml``) both
    keep their own extension instead (``talk.txt.ics``, ``talk.eml.ics``); the
    same relative path from two sources is numbered (``talk.txt~2.ics``).
    """
    found = list(discover(sources, include, exclude, out_dir))
    suffix = OUTPUT_SUFFIX[fmt]
    if out_dir is None:
        return [Job(p, None, err) for p, _, err in found]
    target = {p: str(Path(out_dir, rel).with_suffix(suffix)) for p, rel, _ in found if rel}
    claims: dict[str, int] = {}
    for out in target.values():
        claims[out] = claims.get(out, 0) + 1
    inputs = {os.path.realpath(p) for p, rel, _ in found if rel}
    jobs: list[Job] = []
    taken: set[str] = set()
    for p, rel, err in found:
        if err or rel is None:
            jobs.append(Job(p, None, err))
            continue
        out = target[p]
        if claims[out] > 1:
            out = str(Path(out_dir, rel + suffix))
        n = 1
        while out in taken:  # same relative path from two sources: number them
            n += 1
            out = str(Path(out_dir, f"{rel}~{n}{suffix}"))
        if os.path.realpath(out) in inputs:
            jobs.append(Job(p, None, f"its output {out} would overwrite an input"))
        else:
            taken.add(out)
            jobs.append(Job(p, out))
    return jobs


def up_to_date(job: Job) -> bool:
    """True when the job's output is a file and not older than its input."""
    if job.out is None:
        return False
    try:
        out = os.stat(job.out)
        return stat.S_ISREG(out.st_mode) and out.st_mtime >= os.stat(job.src).st_mtime
    except OSError:
        return False


# ---------------------------------------------------------------- convert: running


@dataclass(frozen=True, slots=True)
class Settings:
    """What every worker needs besides its jobs (picklable)."""

    ctx: Context
    fmt: str
    explain: bool = False
    keep_events: bool = False


_STOP: StopFlag | None = None
_BUSY = False


def _on_sigterm(signum: int, frame: object) -> None:
    """A worker told to stop at once: unwind (atomic_write removes its temp file) or exit."""
    if _BUSY:
        raise KeyboardInterrupt
    os._exit(1)


def _init_worker(stop: StopFlag | None) -> None:
    """Pool initializer: Ctrl-C is the parent's business; the worker finishes its file.

    The parent sends SIGTERM on a second Ctrl-C.
    """
    import signal

    global _STOP
    _STOP = stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)


def _portable(ev: Event) -> Event:
    """Events cross process boundaries; a mappingproxy cannot be pickled."""
    return replace(ev, provenance=dict(ev.provenance))


def _restore(ev: Event) -> Event:
    return replace(ev, provenance=MappingProxyType(dict(ev.provenance)))


def run_job(job: Job, settings: Settings) -> Result:
    """Read, parse, render and write one input; never raises (but Ctrl-C)."""
    if job.error:
        return Result(job.src, "failed", error=job.error)
    ctx = replace(settings.ctx, path=job.src)
    try:
        data = read_input(job.src, ctx.max_bytes)
    except SeminormError as e:
        return Result(job.src, "failed", error=describe(e))
    outcome = run_one(job.src, data, ctx)
    if not outcome.ok:
        return Result(job.src, "failed", error=outcome.error, detail=outcome.detail)
    events = list(outcome.events)
    if job.out is not None:
        try:
            from .write import render

            atomic_write(job.out, render(events, settings.fmt, ctx, explain=settings.explain))
        except Exception as e:  # WriteError names the file; anything else is a writer bug
            from traceback import format_exc

            detail = None if isinstance(e, SeminormError) else format_exc()
            return Result(job.src, "failed", error=describe(e), detail=detail)
    kept = tuple(_portable(ev) for ev in events) if settings.keep_events else ()
    return Result(job.src, "ok", len(events), tuple(outcome.warning_lines()), kept=kept)


def run_chunk(jobs: list[Job], settings: Settings) -> list[Result]:
    """A worker's unit of work: several small files, stopping early on request."""
    global _BUSY
    results: list[Result] = []
    _BUSY = True
    try:
        for job in jobs:
            if _STOP is not None and _STOP.is_set():
                break
            results.append(run_job(job, settings))
    except KeyboardInterrupt:  # SIGTERM from the parent: the temp file is gone, leave now
        os._exit(1)
    finally:
        _BUSY = False
    return results


def chunks(jobs: list[Job], workers: int, max_bytes: int = 256_000) -> list[list[Job]]:
    """Split jobs into ordered chunks: many small files share one, a big file goes alone.

    About eight chunks per worker (so the last ones finish together), at most
    32 files or ``max_bytes`` of input per chunk.

    >>> [len(c) for c in chunks([Job(str(i), None) for i in range(40)], 2)]
    [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1]
    """
    per_chunk = max(1, min(32, -(-len(jobs) // (workers * 8))))
    parts: list[list[Job]] = []
    part: list[Job] = []
    size = 0
    for job in jobs:
        try:
            weight = os.stat(job.src).st_size
        except OSError:
            weight = 0
        if part and (len(part) >= per_chunk or size + weight > max_bytes):
            parts.append(part)
            part, size = [], 0
        part.append(job)
        size += weight
    if part:
        parts.append(part)
    return parts


_WARM_TEXT = b"Talk: On knots\nSpeaker: Ada Lovelace (Cambridge)\nMay 4, 2021, 16:00 CEST\n"
_WARM_ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:w\r\n"
    b"DTSTART:20210504T160000\r\nSUMMARY:On knots\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _preload(settings: Settings) -> None:
    """Import every stage and fill its caches once in the parent, before forking.

    Forked workers then share them instead of each paying the import and
    warm-up cost (which would eat the gain of a second worker on a small batch).
    """
    # The warm-up reads a text and a calendar and writes them: that imports the
    # stages nearly every batch needs. The e-mail and HTML readers load in the
    # workers on first use; importing them here too cost more than it saved.
    ctx = replace(settings.ctx, path=None)
    for sample in (_WARM_TEXT, _WARM_ICS):
        outcome = run_one("warm-up", sample, ctx)
        try:
            from .write import render

            render(list(outcome.events), settings.fmt, ctx)
        except Exception:
            pass


def _one_by_one(jobs: list[Job], settings: Settings, mp: Any, stop: StopFlag) -> Iterator[Result]:
    """After a worker died: the unfinished files one at a time, each in a pool of one.

    Slow, but a file that takes its worker down fails alone, and every other
    file is still converted.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = None
    try:
        for job in jobs:
            if pool is None:
                pool = ProcessPoolExecutor(1, mp, initializer=_init_worker, initargs=(stop,))
            try:
                yield from pool.submit(run_chunk, [job], settings).result()
            except BrokenProcessPool as e:
                yield Result(job.src, "failed", error=describe(e))
                pool.shutdown(wait=True)
                pool = None
    finally:
        if pool is not None:
            pool.shutdown(wait=True)


class _CtrlC:
    """The first Ctrl-C asks for a clean stop (``hit``); a second one interrupts at once.

    Without it, a KeyboardInterrupt could land between writing an output and
    recording it. Only the main thread can own the handler; elsewhere, and
    when SIGINT is ignored, nothing changes.
    """

    def __init__(self) -> None:
        self.hit = False
        self.finishing = False  # the work is over: only the report and summary are left
        self._old: Any = None

    def _handler(self, signum: int, frame: object) -> None:
        if self.finishing:
            return
        if self.hit:
            raise KeyboardInterrupt
        self.hit = True

    def __enter__(self) -> _CtrlC:
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
                self._old = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._old is not None:
            import signal

            signal.signal(signal.SIGINT, self._old)


class Interrupted(Exception):
    """Ctrl-C during ``convert``; carries the results of the inputs that were done."""

    def __init__(self, results: list[Result]) -> None:
        super().__init__("interrupted")
        self.results = results


def execute(
    jobs: list[Job],
    settings: Settings,
    workers: int,
    on_result: Callable[[Result], None],
    *,
    fail_fast: bool = False,
    ctrl_c: _CtrlC | None = None,
) -> list[Result]:
    """Run ``jobs`` on ``workers`` processes; call ``on_result`` in input order.

    The results (and the order of ``on_result`` calls) are the same for every
    number of workers. Ctrl-C stops handing out work, lets each worker finish
    the file it is writing, and raises :class:`Interrupted`.
    """
    done: list[Result] = []
    stopped = False

    def emit(result: Result) -> None:
        nonlocal stopped
        done.append(result)
        on_result(result)
        if fail_fast and result.status == "failed":
            stopped = True

    if ctrl_c is None:
        with _CtrlC() as own:
            return execute(jobs, settings, workers, on_result, fail_fast=fail_fast, ctrl_c=own)
    if workers <= 1 or len(jobs) <= 1:
        try:
            for job in jobs:
                if stopped or ctrl_c.hit:
                    break
                emit(run_job(job, settings))
        except KeyboardInterrupt:
            raise Interrupted(done) from None
        if ctrl_c.hit:
            raise Interrupted(done)
        return done
    try:
        _execute_pool(jobs, settings, workers, emit, lambda: stopped, ctrl_c)
    except Interrupted:
        raise Interrupted(done) from None
    return done


def _execute_pool(
    jobs: list[Job],
    settings: Settings,
    workers: int,
    emit: Callable[[Result], None],
    stopped: Callable[[], bool],
    ctrl_c: _CtrlC,
) -> None:
    """:func:`execute` with a process pool; raises Interrupted (without results)."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    mp = multiprocessing.get_context()
    if mp.get_start_method() == "fork":
        _preload(settings)
    stop = mp.Event()
    parts = chunks(jobs, workers)
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(parts)),
        mp_context=mp,
        initializer=_init_worker,
        initargs=(stop,),
    )
    pending: dict[Future[list[Result]], int] = {}
    finished: dict[int, list[Result]] = {}
    broken: list[int] = []
    nxt = 0

    def flush() -> None:
        nonlocal nxt
        while nxt in finished and not stopped():
            for result in finished.pop(nxt):
                emit(result)
                if stopped():
                    break
            nxt += 1

    try:
        pending = {pool.submit(run_chunk, part, settings): i for i, part in enumerate(parts)}
        while pending and not stopped() and not ctrl_c.hit:
            ready, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for fut in ready:
                i = pending.pop(fut)
                try:
                    finished[i] = fut.result()
                except BrokenProcessPool:  # a worker died: every unfinished chunk lands here
                    broken.append(i)
            flush()
        for i in sorted(broken):
            if not stopped() and not ctrl_c.hit:
                finished[i] = list(_one_by_one(parts[i], settings, mp, stop))
                flush()
        if ctrl_c.hit:
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        stop.set()  # each worker finishes its file, then returns what it did
        try:
            pool.shutdown(wait=True, cancel_futures=True)
        except KeyboardInterrupt:  # a second Ctrl-C: stop the workers now
            for child in multiprocessing.active_children():
                child.terminate()
            pool.shutdown(wait=True, cancel_futures=True)
        for fut, i in pending.items():
            if fut.done() and not fut.cancelled() and fut.exception() is None:
                finished[i] = fut.result()
        for i in sorted(finished):
            for result in finished[i]:
                emit(result)
        raise Interrupted([]) from None
    finally:
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------- merge


def _normal_title(title: str | None) -> str:
    """Title compared for duplicates: case, accents' forms, punctuation and spaces ignored.

    >>> _normal_title("  On  Knots!") == _normal_title("on knots")
    True
    """
    from unicodedata import normalize

    text = normalize("NFKC", title or "").casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _start_key(ev: Event) -> str | None:
    from datetime import UTC, datetime

    start = ev.start
    if start is None:
        return None
    if isinstance(start, datetime) and start.tzinfo is not None:
        return start.astimezone(UTC).isoformat()
    return start.isoformat()


def _uid_key(ev: Event) -> str | None:
    if not ev.uid:
        return None
    rid = [line for line in ev.ics_extra if line.upper().startswith("RECURRENCE-ID")]
    return ev.uid + "\n" + "\n".join(rid)


def _where(ev: Event) -> str:
    return f"{ev.source.path or STDIN_NAME} (event {ev.source.event_index + 1})"


def merge(events: Iterable[Event]) -> list[Event]:
    """Keep the first of every duplicate (same UID, or same start and normalized title).

    The kept event gets a ``duplicate-event`` warning naming both sources.
    """
    kept: list[Event] = []
    by_uid: dict[str, int] = {}
    by_start: dict[tuple[str, str], int] = {}
    for ev in events:
        uid = _uid_key(ev)
        start, title = _start_key(ev), _normal_title(ev.title)
        key = (start, title) if start and title else None
        index, why = None, ""
        if uid is not None and uid in by_uid:
            index, why = by_uid[uid], "same UID"
        elif key is not None and key in by_start:
            index, why = by_start[key], "same start and title"
        if index is not None:
            first = kept[index]
            kept[index] = first.warn(
                "duplicate-event",
                f"{_where(ev)} is a duplicate of {_where(first)} ({why}); the copy was dropped",
            )
            continue
        if uid is not None:
            by_uid[uid] = len(kept)
        if key is not None:
            by_start[key] = len(kept)
        kept.append(ev)
    return kept


def write_merged(path: str, results: list[Result], fmt: str, ctx: Context, explain: bool) -> int:
    """Merge the kept events of ``results`` into ``path``; return the event count."""
    from .write import render

    events = merge(_restore(ev) for r in results for ev in r.kept)
    atomic_write(path, render(events, fmt, ctx, explain=explain))
    return len(events)


# ---------------------------------------------------------------- progress and summary


@dataclass
class Tally:
    """Counts for the summary line."""

    files: int = 0
    events: int = 0
    warnings: int = 0
    failed: int = 0
    skipped: int = 0
    results: list[Result] = field(default_factory=list)

    def add(self, r: Result) -> None:
        self.results.append(r)
        self.files += 1
        self.events += r.events
        self.warnings += len(r.warnings)
        self.failed += r.status == "failed"
        self.skipped += r.status == "skipped"

    def line(self) -> str:
        """The summary line.

        >>> Tally(files=3, events=5, warnings=1, failed=1).line()
        '3 files, 5 events, 1 warnings, 1 failed'
        """
        text = f"{self.files} files, {self.events} events, {self.warnings} warnings, {self.failed} failed"
        return text + (f", {self.skipped} skipped (up to date)" if self.skipped else "")


class Progress:
    """Diagnostics on stderr: plain lines, or lines above a rich bar on a terminal."""

    def __init__(self, total: int, *, bar: bool, quiet: bool, verbose: bool) -> None:
        self.quiet, self.verbose = quiet, verbose
        self.tally = Tally()
        self._bar: Any = None
        if bar and total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[counts]}"),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task("converting", total=total, counts="")
            self._bar.start()

    def echo(self, line: str) -> None:
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            _echo(line)

    def __call__(self, r: Result) -> None:
        self.tally.add(r)
        if r.status == "failed":
            self.echo(f"{r.src}: error: {r.error}")
            if self.verbose and r.detail:
                self.echo(r.detail.rstrip())
        elif not self.quiet:
            for line in r.warnings:
                self.echo(line)
        if self.verbose and r.status != "failed":
            self.echo(f"{r.src}: {r.status}, {r.events} events")
        if self._bar is not None:
            t = self.tally
            counts = f"{t.events} events, {t.warnings} warnings, {t.failed} failed"
            self._bar.update(self._task, advance=1, counts=counts)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def convert(
    plan: list[Job],
    settings: Settings,
    *,
    jobs: int,
    force: bool = False,
    fail_fast: bool = False,
    report: str | None = None,
    merge: str | None = None,
    bar: bool = False,
    quiet: bool = False,
    verbose: bool = False,
) -> tuple[Tally, bool]:
    """Run a planned ``convert``: outputs, ``--merge``, ``--report`` and the summary line.

    Returns the tally and whether it was interrupted.
    """
    import json

    from .write import format_for_path

    fresh = set() if merge or force else {i for i, job in enumerate(plan) if up_to_date(job)}
    todo = [job for i, job in enumerate(plan) if i not in fresh]
    progress = Progress(len(todo), bar=bar, quiet=quiet, verbose=verbose)
    for i in sorted(fresh):
        progress(Result(plan[i].src, "skipped"))
    tally = progress.tally

    def write_report() -> None:
        if report:
            order = {job.src: i for i, job in enumerate(plan)}
            rows = sorted(tally.results, key=lambda r: order.get(r.src, 0))
            atomic_write(report, (json.dumps(r.report()).encode() + b"\n" for r in rows))

    with _CtrlC() as ctrl_c:
        try:
            execute(todo, settings, jobs, progress, fail_fast=fail_fast, ctrl_c=ctrl_c)
        except Interrupted:
            ctrl_c.finishing = True  # no further Ctrl-C may cut the report or the summary
            progress.close()
            write_report()
            _echo(f"interrupted: {len(plan) - tally.files} not done; {tally.line()}")
            return tally, True
        finally:
            progress.close()
    if merge:
        fmt = format_for_path(merge) or settings.fmt
        write_merged(merge, tally.results, fmt, settings.ctx, settings.explain)
    write_report()
    if not quiet:
        _echo(tally.line())
    return tally, False
