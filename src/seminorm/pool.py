"""``convert``'s workers: one input read, parsed, rendered and written per job,
with the same results in the same order for any number of workers, a
bound on each file's time and memory, and a clean stop on Ctrl-C.

One path: :func:`execute` cuts the jobs into chunks (:func:`chunks`), hands
them to a backend that runs :func:`run_chunk` in worker processes, emits the
results in input order, and runs each file of a chunk whose worker died
again on its own, so that only the culprit fails. The backend is
:mod:`seminorm.forkpool` (forked children fed through pipes) where ``fork``
is safe, :func:`run_executor` (``concurrent.futures``, spawned processes)
elsewhere.

A worker ignores SIGINT (Ctrl-C is the parent's business) and finishes the
file it is writing; its signal state is one :class:`Worker` object.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from .context import DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_LIMIT, Context
from .errors import SeminormError
from .runner import Result, atomic_write, describe, read_input, run_one

if TYPE_CHECKING:
    from .model import Event


@dataclass(frozen=True, slots=True)
class Job:
    """One input of ``convert`` and where its output goes (None: merge only).

    ``stamp``: for an object in storage, what its listing said of its version
    (:func:`seminorm.remote.stamp`), for the incremental state.
    """

    src: str
    out: str | None
    error: str | None = None
    stamp: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """What every worker needs besides its jobs (picklable)."""

    ctx: Context
    fmt: str
    explain: bool = False
    keep_events: bool = False
    fail_fast: bool = False
    time_limit: int = DEFAULT_TIME_LIMIT  # 0: none
    memory_limit: int = DEFAULT_MEMORY_LIMIT  # 0: none
    out_root: str | None = None  # outputs stay inside this folder (runner.atomic_write)
    split: bool = False  # one .ics per UID in the output's folder (``--split``)
    skip_empty: bool = False  # an input without events is no failure (``--skip-empty``)

    def fails(self, result: Result) -> bool:
        """Whether ``result`` counts as a failed input (for ``--fail-fast``)."""
        return result.status == "failed" or (result.status == "no-event" and not self.skip_empty)


class StopFlag(Protocol):
    """What a worker looks at between files: ``multiprocessing.Event`` or a shared byte."""

    def is_set(self) -> bool: ...


class Worker:
    """A worker process's signal state: what a SIGTERM from the parent must respect.

    The parent sends SIGTERM on a second Ctrl-C. A file being converted is
    abandoned (``atomic_write`` removes its temp file); an output being
    committed is finished and recorded first, so that every file written is
    in the results; an idle worker goes on to send what it did and exits
    when the parent has no more work for it.
    """

    def __init__(self) -> None:
        self.stop: StopFlag | None = None
        self.busy = False  # converting files
        self.committing = False  # writing an output whose result is not recorded yet
        self.term_pending = False

    def on_sigterm(self, signum: int, frame: object) -> None:
        if self.busy and self.committing:
            self.term_pending = True
        elif self.busy:
            raise KeyboardInterrupt

    def install(self, stop: StopFlag | None) -> None:
        """Pool initializer: SIGINT ignored, SIGTERM handled, no core files."""
        import signal

        self.stop, self.term_pending = stop, False
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, self.on_sigterm)
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU would dump one
        except (ImportError, ValueError, OSError):
            pass


WORKER = Worker()


def _init_worker(stop: StopFlag | None) -> None:
    WORKER.install(stop)


class _Limits:
    """Per-file limits in the worker, as resource limits around one file.

    CPU time: the soft ``RLIMIT_CPU`` is set to the time used so far plus
    the limit, so the kernel stops a worker stuck in one file (even inside
    a regular expression, where no Python code runs) with SIGXCPU; the parent
    reports that file. Memory: ``RLIMIT_AS`` is set to the address space
    held now plus the limit, so an allocation beyond it raises MemoryError,
    which fails the file. Both are restored after the file. Where there is
    no ``resource`` module (Windows), or no /proc (memory), nothing is set.

    Resource limits belong to the whole process: they are set in the
    workers' own processes (a child of ``convert``, or of a Dask worker:
    :func:`run_chunk_apart`). When several threads of one process convert
    files at once nonetheless (a Dask worker where ``fork`` is not safe, a
    cluster of threads writing to ``memory://``), the first file to start sets the
    limits and the last one to end restores the process's own, under one
    lock, so no interleaving of threads can leave a lowered limit behind.
    """

    _lock = threading.Lock()
    _active = 0
    _saved: ClassVar[list[tuple[int, tuple[int, int]]]] = []

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.entered = False

    def __enter__(self) -> _Limits:
        s = self.settings
        if not (s.time_limit or s.memory_limit):
            return self
        try:
            import resource  # noqa: F401  (absent on Windows: no limits there)
        except ImportError:
            return self
        with _Limits._lock:
            self.entered = True
            _Limits._active += 1
            if _Limits._active == 1:
                self._apply()
        return self

    def _apply(self) -> None:
        import resource

        s = self.settings
        if s.time_limit:
            usage = resource.getrusage(resource.RUSAGE_SELF)
            used = int(usage.ru_utime + usage.ru_stime) + 1
            self._set(resource.RLIMIT_CPU, used + s.time_limit)
            self._set(resource.RLIMIT_CORE, 0)  # SIGXCPU dumps core (a Dask worker's too)
        if s.memory_limit:
            held = _address_space()
            if held:
                self._set(resource.RLIMIT_AS, held + s.memory_limit * 1024 * 1024)

    @staticmethod
    def _set(which: int, soft: int) -> None:
        import resource

        old = resource.getrlimit(which)
        if old[1] != resource.RLIM_INFINITY and soft > old[1]:
            return
        try:
            resource.setrlimit(which, (soft, old[1]))
        except (ValueError, OSError):
            return
        _Limits._saved.append((which, old))

    def __exit__(self, *exc: object) -> None:
        if not self.entered:
            return
        import resource

        with _Limits._lock:
            self.entered = False
            _Limits._active -= 1
            if _Limits._active == 0:
                for which, old in reversed(_Limits._saved):
                    resource.setrlimit(which, old)
                _Limits._saved.clear()


def _address_space() -> int:
    """The bytes of address space this process holds (Linux), else 0."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def portable(ev: Event) -> Event:
    """Events cross process boundaries; a mappingproxy cannot be pickled."""
    return replace(ev, provenance=dict(ev.provenance))


def restore(ev: Event) -> Event:
    return replace(ev, provenance=MappingProxyType(dict(ev.provenance)))


def is_url(name: str) -> bool:
    """An input or output in object storage (``s3://``...: :mod:`seminorm.remote`)."""
    return "://" in name


def _read(name: str, max_bytes: int) -> bytes:
    if is_url(name):
        from .remote import read

        return read(name, max_bytes)
    return read_input(name, max_bytes)


def run_job(job: Job, settings: Settings) -> Result:
    """Read, parse, render and write one input; never raises (but Ctrl-C).

    The one way a file is converted, whichever engine runs it. With
    ``settings.split`` the events go to one ``.ics`` per UID in the folder
    of ``job.out`` (:mod:`seminorm.write.split`). An input that holds no
    event gets the status ``no-event``; every result says which reference
    date the input used.
    """
    if job.error:
        return Result(job.src, "failed", error=job.error)
    ctx = replace(settings.ctx, path=job.src)
    if _streamed(job, settings):
        return _run_streamed(job, settings, ctx)
    files: list[tuple[str, bytes]] = []
    with _Limits(settings):
        try:
            data = _read(job.src, ctx.limit())
        except SeminormError as e:
            return Result(job.src, "failed", error=describe(e))
        outcome = run_one(job.src, data, ctx)
        reference = _reference(data, ctx)
        if outcome.ok and job.out is not None:
            try:
                events = list(outcome.events)
                if settings.split:
                    from .write.split import split_ics

                    folder = os.path.dirname(job.out)
                    files = [(os.path.join(folder, n), b) for n, b in split_ics(events, ctx)]
                else:
                    from .write import render

                    rendered = render(events, settings.fmt, ctx, explain=settings.explain)
                    files = [(job.out, rendered)]
            except Exception as e:  # a writer bug
                from traceback import format_exc

                return Result(job.src, "failed", error=describe(e), detail=format_exc())
    if not outcome.ok:
        error = outcome.error
        if error == "out of memory" and settings.memory_limit:
            error = f"over the memory limit of {settings.memory_limit} MB"
        status = "no-event" if outcome.no_event else "failed"
        return Result(job.src, status, error=error, detail=outcome.detail, reference=reference)
    events = list(outcome.events)
    if files:
        WORKER.committing = True  # from here on a SIGTERM waits until the result is recorded
        try:
            for path, rendered in files:
                if is_url(path):
                    from .remote import write

                    write(path, rendered)
                else:
                    atomic_write(path, rendered, root=settings.out_root)
        except SeminormError as e:  # WriteError names the file
            return Result(job.src, "failed", error=describe(e))
    kept = tuple(portable(ev) for ev in events) if settings.keep_events else ()
    outputs = tuple(path for path, _ in files)
    warnings = tuple(outcome.warning_lines())
    return Result(
        job.src, "ok", len(events), warnings, kept=kept, outputs=outputs, reference=reference
    )


#: What :func:`_reference` reads of a streamed input (the reference date is in its head).
_REFERENCE_HEAD = 2_000_000


def _streamed(job: Job, settings: Settings) -> bool:
    """A large local file converted to one output of a streamed format is read and
    written a batch of events at a time (docs/streaming.md); the rest whole."""
    from .pipeline import STREAM_ICS_BYTES
    from .write.stream import STREAMED

    if job.out is None or settings.split or settings.keep_events or settings.fmt not in STREAMED:
        return False
    if is_url(job.src) or is_url(job.out):
        return False
    try:
        return os.path.isfile(job.src) and os.path.getsize(job.src) >= STREAM_ICS_BYTES
    except OSError:
        return False


def _run_streamed(job: Job, settings: Settings, ctx: Context) -> Result:
    """:func:`run_job` for a large file: the same result and output, in flat memory.

    The output is written atomically as the events come; it takes its name
    (and the worker may no longer be stopped before the result is recorded)
    only after the last event.
    """
    from .errors import NoEventError, ReadError
    from .pipeline import read_upto, stream_file
    from .runner import Outcome
    from .write.stream import Writer

    assert job.out is not None
    out = job.out
    lines: dict[str, None] = {}
    count = 0
    reference = None
    writer = Writer(settings.fmt, ctx, explain=settings.explain, folder=settings.out_root)
    with _Limits(settings):
        try:
            size = os.path.getsize(job.src)
            if size > ctx.limit():
                raise ReadError(
                    f"input is {size:,} bytes, over the limit of {ctx.limit():,}; "
                    "raise it with --max-bytes"
                )
            with open(job.src, "rb") as fh:
                reference = _reference(read_upto(fh, _REFERENCE_HEAD), ctx)

            def chunks() -> Iterator[bytes]:
                nonlocal count
                for batch in stream_file(lambda: open(job.src, "rb"), size, ctx):
                    count += len(batch)
                    for line in Outcome(job.src, tuple(batch)).warning_lines():
                        lines[line] = None
                    data = writer.write(batch)
                    if data:
                        yield data
                yield from writer.close()
                WORKER.committing = True  # the output takes its name next

            atomic_write(out, chunks(), root=settings.out_root)
        except Exception as e:
            from traceback import format_exc

            error = describe(e)
            if error == "out of memory" and settings.memory_limit:
                error = f"over the memory limit of {settings.memory_limit} MB"
            if isinstance(e, OSError) and not isinstance(e, SeminormError):
                error = f"cannot read: {error}"
            detail = None if isinstance(e, SeminormError) else format_exc()
            status = "no-event" if isinstance(e, NoEventError) else "failed"
            return Result(job.src, status, error=error, detail=detail, reference=reference)
        finally:
            writer.discard()
    return Result(job.src, "ok", count, tuple(lines), outputs=(out,), reference=reference)


def _reference(data: bytes, ctx: Context) -> str | None:
    """The reference date the input used, for the report (never fails the file)."""
    try:
        from .detect import detect
        from .reference import reference_for

        return reference_for(data, detect(data), ctx)
    except Exception:
        return None


def run_chunk(jobs: Sequence[Job], settings: Settings) -> list[Result]:
    """A worker's unit of work: several small files, stopping early on request."""
    state = WORKER
    results: list[Result] = []
    state.committing, state.busy = False, True
    try:
        for job in jobs:
            if state.stop is not None and state.stop.is_set():
                break
            results.append(run_job(job, settings))
            state.committing = False
            if state.term_pending or (settings.fail_fast and settings.fails(results[-1])):
                break
    except KeyboardInterrupt:  # SIGTERM from the parent: the temp file is gone
        pass
    finally:
        state.busy = state.committing = False
    return results


def chunks(jobs: Sequence[Job], workers: int, max_bytes: int = 256_000) -> list[list[Job]]:
    """Split jobs into ordered chunks that shrink towards the end of the batch.

    Each chunk takes about a quarter of a worker's share of what is left
    (at most 32 files or ``max_bytes`` of input; a big file goes alone), so
    the first chunks are large (few round trips) and the last ones hold a
    file or two: the workers run out of work together instead of one
    waiting for the other's last big chunk.

    >>> [len(c) for c in chunks([Job(str(i), None) for i in range(40)], 2)]
    [5, 4, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    """
    parts: list[list[Job]] = []
    part: list[Job] = []
    size = 0
    target = 1
    for done, job in enumerate(jobs):
        try:
            weight = os.stat(job.src).st_size
        except (OSError, ValueError):
            weight = 0
        if not part:
            target = max(1, min(32, (len(jobs) - done) // (workers * 4)))
        elif len(part) >= target or size + weight > max_bytes:
            parts.append(part)
            part, size = [], 0
            target = max(1, min(32, (len(jobs) - done) // (workers * 4)))
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


_PRELOADED: str | None = None  # the format the stages were warmed up for


def _preload(settings: Settings) -> None:
    """Import every stage and fill its caches once in the parent, before forking.

    Forked workers then share them instead of each paying the import and
    warm-up cost (which would eat the gain of a second worker on a small batch).
    """
    global _PRELOADED
    if _PRELOADED == settings.fmt:  # a later batch of the same run
        return
    _PRELOADED = settings.fmt
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
    # What the parent holds now lives as long as the workers: frozen, the
    # collector in each worker never walks it (nor copies its pages on write).
    import gc

    gc.freeze()


#: A backend: ``run(parts, settings, workers, on_done, should_stop)`` runs
#: :func:`run_chunk` on every part, calls ``on_done(i, results)`` as each
#: finishes (in any order) and returns the parts whose worker died, and why.
#: Once ``should_stop()`` is true it hands out no more parts and tells the
#: workers to stop after their file; a KeyboardInterrupt (a second Ctrl-C)
#: stops them at once (SIGTERM), takes in what they did, and propagates.
Backend = Callable[
    [list[list[Job]], Settings, int, Callable[[int, list[Result]], None], Callable[[], bool]],
    dict[int, str],
]


def run_forked(
    parts: list[list[Job]],
    settings: Settings,
    workers: int,
    on_done: Callable[[int, list[Result]], None],
    should_stop: Callable[[], bool],
) -> dict[int, str]:
    """The backend where ``fork`` is safe (:mod:`seminorm.forkpool`)."""
    from . import forkpool

    _preload(settings)
    flag = forkpool.SharedFlag()
    died = forkpool.run(
        parts,
        lambda part: run_chunk(part, settings),
        workers,
        on_done,
        should_stop=should_stop,
        flag=flag,
        child_setup=lambda: _init_worker(flag),
    )
    return {i: _why(d, settings) for i, d in died.items()}


_SIGXCPU = 24  # signal.SIGXCPU on Linux and the BSDs


def _why(died: Any, settings: Settings) -> str:
    """What a file whose worker process died is reported with (a forkpool.Died)."""
    if died.code == -_SIGXCPU and settings.time_limit:
        return f"over the time limit of {settings.time_limit} s"
    return f"internal error: {died}"


_HELPERS = threading.local()  # each thread's forkpool.Helper (run_chunk_apart)


def _run_helped(
    parts: list[list[Job]],
    settings: Settings,
    workers: int,
    on_done: Callable[[int, list[Result]], None],
    should_stop: Callable[[], bool],
) -> dict[int, str]:
    """A backend in this thread's long-lived forked child (``workers`` is not used)."""
    from . import forkpool

    helper = getattr(_HELPERS, "helper", None)
    if helper is None:
        _preload(settings)
        flag = forkpool.SharedFlag()  # never set: a Dask task is not stopped halfway
        helper = _HELPERS.helper = forkpool.Helper(
            lambda work: run_chunk(*work), lambda: _init_worker(flag)
        )
    died: dict[int, str] = {}
    for i, part in enumerate(parts):
        if should_stop():
            break
        outcome = helper.call((part, settings))
        if isinstance(outcome, forkpool.Died):
            died[i] = _why(outcome, settings)
        else:
            on_done(i, outcome)
    return died


def run_executor(
    parts: list[list[Job]],
    settings: Settings,
    workers: int,
    on_done: Callable[[int, list[Result]], None],
    should_stop: Callable[[], bool],
) -> dict[int, str]:
    """The backend elsewhere: ``concurrent.futures``, one single-process pool per worker.

    A pool of one process per worker, so that a worker that dies breaks
    only its own pool, and fails only the part it was running.
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    mp = multiprocessing.get_context()
    if mp.get_start_method() == "fork":
        _preload(settings)
    stop = mp.Event()

    def pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(1, mp, initializer=_init_worker, initargs=(stop,))

    slots = [pool() for _ in range(min(workers, len(parts)))]
    running: dict[Future[list[Result]], tuple[int, int]] = {}  # -> (slot, part)
    died: dict[int, str] = {}
    nxt = 0

    def hand_out(slot: int) -> None:
        nonlocal nxt
        if nxt < len(parts) and not stop.is_set():
            running[slots[slot].submit(run_chunk, parts[nxt], settings)] = (slot, nxt)
            nxt += 1

    def take(futures: set[Future[list[Result]]]) -> None:
        for fut in futures:
            slot, i = running.pop(fut)
            try:
                on_done(i, fut.result())
            except BrokenProcessPool:
                died[i] = "internal error: the worker process went away"
                slots[slot].shutdown(wait=True)
                slots[slot] = pool()
            hand_out(slot)

    try:
        for slot in range(len(slots)):
            hand_out(slot)
        while running:
            if should_stop():
                stop.set()
            take(wait(running, timeout=0.2, return_when=FIRST_COMPLETED)[0])
    except KeyboardInterrupt:  # stop now: each worker drops its file and reports the rest
        stop.set()
        import signal

        for child in multiprocessing.active_children():
            if child.pid:
                os.kill(child.pid, signal.SIGTERM)
        take(wait(running, timeout=30)[0])
        raise
    finally:
        stop.set()
        for ex in slots:
            ex.shutdown(wait=True, cancel_futures=True)
    return died


def default_backend() -> Backend:
    from . import forkpool

    return run_forked if forkpool.available() else run_executor


def run_parts(
    run: Backend,
    parts: list[list[Job]],
    settings: Settings,
    workers: int,
    on_done: Callable[[int, list[Result]], None],
    halted: Callable[[], bool],
) -> None:
    """Run every part on the backend ``run``; ``on_done(i, results)`` as each finishes.

    A part whose worker died runs again, each file alone: the file that
    takes its worker down fails with the reason (``over the time limit of
    N s``, ``internal error: the worker process was killed by SIGSEGV``),
    the others are converted. Nothing more is started once ``halted()``.
    """
    for i, why in sorted(run(parts, settings, workers, on_done, halted).items()):
        if halted():
            break
        singles = [[job] for job in parts[i]]
        alone = {0: [Result(parts[i][0].src, "failed", error=why)]}
        if len(singles) > 1:  # which file was it? each one alone tells
            alone = {}
            died = run(singles, settings, workers, alone.__setitem__, halted)
            for k, reason in died.items():
                alone[k] = [Result(singles[k][0].src, "failed", error=reason)]
        on_done(i, [r for k in sorted(alone) for r in alone[k]])


def run_chunk_apart(jobs: list[Job], settings: Settings) -> list[Result]:
    """:func:`run_chunk` in a forked child of this process, as the local engine runs it.

    The task of ``convert --engine dask`` on a worker: the per-file limits
    (resource limits) are the child's, never the worker's, and a file that
    goes over its time, or crashes its process, is reported as locally
    (``over the time limit of N s``, ``internal error: the worker process
    was killed by SIGSEGV``) while the worker and the rest of its chunk go
    on (:func:`run_parts`: the chunk's files again, each alone). Each thread
    of the worker has one child (:class:`seminorm.forkpool.Helper`), which
    runs chunk after chunk, as a local worker does, until it dies.

    Where ``fork`` is not safe (:func:`seminorm.forkpool.available`), and for
    outputs to ``memory://`` (a store of this process only, which a child's
    writes would never reach), the chunk runs here, in this process, limits
    and all.
    """
    from . import forkpool

    if not forkpool.available() or any(
        job.out is not None and job.out.startswith("memory://") for job in jobs
    ):
        return run_chunk(jobs, settings)
    done: dict[int, list[Result]] = {}
    run_parts(_run_helped, [jobs], settings, 1, done.__setitem__, lambda: False)
    return done.get(0, [])


class _InOrder:
    """The results of chunks that finish in any order, emitted in chunk order."""

    def __init__(self, emit: Callable[[Result], None], stopped: Callable[[], bool]) -> None:
        self.emit, self.stopped = emit, stopped
        self.finished: dict[int, list[Result]] = {}
        self.nxt = 0

    def add(self, i: int, results: list[Result]) -> None:
        self.finished[i] = results
        while self.nxt in self.finished and not self.stopped():
            for result in self.finished.pop(self.nxt):
                self.emit(result)
                if self.stopped():
                    break
            self.nxt += 1

    def rest(self) -> None:
        """After an interrupt: every finished chunk not emitted yet, in order, gaps and all."""
        for i in sorted(self.finished):
            for result in self.finished.pop(i):
                self.emit(result)


class CtrlC:
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

    def __enter__(self) -> CtrlC:
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
    """Ctrl-C during ``convert`` (the results of the inputs that were done went to
    ``on_result`` as they came)."""

    def __init__(self) -> None:
        super().__init__("interrupted")


def execute(
    jobs: Sequence[Job],
    settings: Settings,
    workers: int,
    on_result: Callable[[Result], None],
    *,
    ctrl_c: CtrlC | None = None,
    backend: Backend | None = None,
) -> None:
    """Run ``jobs`` on ``workers`` processes; call ``on_result`` in input order.

    The results (and the order of ``on_result`` calls) are the same for every
    number of workers and every backend; none is kept here once it is handed
    on. Ctrl-C stops handing out work, lets each worker finish the file it is
    writing, and raises :class:`Interrupted`.
    A part whose worker died runs again, each file alone: the file that
    takes its worker down fails with the reason, the others are converted.
    """
    if ctrl_c is None:
        with CtrlC() as own:
            return execute(jobs, settings, workers, on_result, ctrl_c=own, backend=backend)
    run = backend or default_backend()
    failed = False

    def emit(result: Result) -> None:
        nonlocal failed
        on_result(result)
        failed = failed or (settings.fail_fast and settings.fails(result))

    def halted() -> bool:
        return failed or ctrl_c.hit

    order = _InOrder(emit, lambda: failed)
    try:
        run_parts(run, chunks(jobs, workers), settings, workers, order.add, halted)
    except KeyboardInterrupt:  # a second Ctrl-C: the workers were stopped
        order.rest()
        raise Interrupted from None
    if ctrl_c.hit:
        order.rest()
        raise Interrupted
    return None
