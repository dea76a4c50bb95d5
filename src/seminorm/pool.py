"""``convert``'s workers: one input read, parsed, rendered and written per job,
on a process pool, with the same results in the same order for any number
of workers, and a clean stop on Ctrl-C.

Forked workers inherit the stages imported (and caches filled) by a warm-up
in the parent; each worker ignores SIGINT and finishes the file it is
writing; a worker that dies takes only its own file down.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from .context import Context
from .errors import SeminormError
from .runner import Result, atomic_write, describe, read_input, run_one

if TYPE_CHECKING:
    from .model import Event


@dataclass(frozen=True, slots=True)
class Job:
    """One input of ``convert`` and where its output goes (None: merge only)."""

    src: str
    out: str | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """What every worker needs besides its jobs (picklable)."""

    ctx: Context
    fmt: str
    explain: bool = False
    keep_events: bool = False


class StopFlag(Protocol):
    """What a worker looks at between files: ``multiprocessing.Event`` or a shared byte."""

    def is_set(self) -> bool: ...


_STOP: StopFlag | None = None
_STARTED: Any = None  # the executor pool's started flags (see _run_unit)
_BUSY = False  # converting files
_COMMITTING = False  # writing an output whose result is not recorded yet
_TERM_PENDING = False
_REPORT_ON_TERM = False


def _on_sigterm(signum: int, frame: object) -> None:
    """A worker told to stop at once: unwind (atomic_write removes its temp file) or exit.

    An output being written is finished and recorded first, so that every
    file written is in the results. A forked worker (``_REPORT_ON_TERM``)
    that is not converting a file has nothing to unwind: it goes on to send
    what it did, and exits when the parent has no more work for it.
    """
    global _TERM_PENDING
    if _BUSY and _COMMITTING:
        _TERM_PENDING = True
    elif _BUSY:
        raise KeyboardInterrupt
    elif not _REPORT_ON_TERM:
        os._exit(1)


def _init_worker(
    stop: StopFlag | None, started: Any = None, *, report_on_term: bool = False
) -> None:
    """Pool initializer: Ctrl-C is the parent's business; the worker finishes its file.

    The parent sends SIGTERM on a second Ctrl-C; with ``report_on_term`` the
    worker then returns the results of the files it finished before that.
    ``started`` (shared bytes, one per unit of work) is where
    :func:`_run_unit` notes each unit it starts.
    """
    import signal

    global _STOP, _STARTED, _REPORT_ON_TERM, _TERM_PENDING
    _STOP = stop
    _STARTED = started
    _REPORT_ON_TERM = report_on_term
    _TERM_PENDING = False
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)


def portable(ev: Event) -> Event:
    """Events cross process boundaries; a mappingproxy cannot be pickled."""
    return replace(ev, provenance=dict(ev.provenance))


def restore(ev: Event) -> Event:
    return replace(ev, provenance=MappingProxyType(dict(ev.provenance)))


def run_job(job: Job, settings: Settings) -> Result:
    """Read, parse, render and write one input; never raises (but Ctrl-C)."""
    global _COMMITTING
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

            rendered = render(events, settings.fmt, ctx, explain=settings.explain)
            _COMMITTING = True  # from here on a SIGTERM waits until the result is recorded
            atomic_write(job.out, rendered)
        except Exception as e:  # WriteError names the file; anything else is a writer bug
            from traceback import format_exc

            detail = None if isinstance(e, SeminormError) else format_exc()
            return Result(job.src, "failed", error=describe(e), detail=detail)
    kept = tuple(portable(ev) for ev in events) if settings.keep_events else ()
    return Result(job.src, "ok", len(events), tuple(outcome.warning_lines()), kept=kept)


def run_chunk(jobs: list[Job], settings: Settings) -> list[Result]:
    """A worker's unit of work: several small files, stopping early on request."""
    global _BUSY, _COMMITTING
    results: list[Result] = []
    _COMMITTING = False
    _BUSY = True
    try:
        for job in jobs:
            if _STOP is not None and _STOP.is_set():
                break
            results.append(run_job(job, settings))
            _COMMITTING = False
            if _TERM_PENDING:
                break
    except KeyboardInterrupt:  # SIGTERM from the parent: the temp file is gone
        if not _REPORT_ON_TERM:
            os._exit(1)
    finally:
        _BUSY = _COMMITTING = False
    return results


def chunks(jobs: list[Job], workers: int, max_bytes: int = 256_000) -> list[list[Job]]:
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
        except OSError:
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
    # What the parent holds now lives as long as the workers: frozen, the
    # collector in each worker never walks it (nor copies its pages on write).
    import gc

    gc.freeze()


def _execute_forked(
    jobs: list[Job],
    settings: Settings,
    workers: int,
    emit: Callable[[Result], None],
    stopped: Callable[[], bool],
    ctrl_c: CtrlC,
) -> None:
    """:func:`_execute_pool` on forked children (:mod:`seminorm.forkpool`)."""
    from . import forkpool

    _preload(settings)
    parts = chunks(jobs, workers)
    flag = forkpool.SharedFlag()
    order = _InOrder(emit, stopped)

    def run(parts: list[list[Job]], on_done: Callable[[int, list[Result]], None]) -> Any:
        return forkpool.run(
            parts,
            lambda part: run_chunk(part, settings),
            workers,
            on_done,
            should_stop=lambda: stopped() or ctrl_c.hit,
            flag=flag,
            child_setup=lambda: _init_worker(flag, report_on_term=True),
        )

    interrupted = False
    try:
        died = run(parts, order.add)
        for i in sorted(died):  # each file of the chunk again, alone: only the culprit fails
            if stopped() or ctrl_c.hit:
                break
            alone: dict[int, list[Result]] = {}
            singles = [[job] for job in parts[i]]
            for k, why in run(singles, alone.__setitem__).items():
                alone[k] = [Result(singles[k][0].src, "failed", error=f"internal error: {why}")]
            order.add(i, [r for k in sorted(alone) for r in alone[k]])
    except KeyboardInterrupt:  # a second Ctrl-C: the children were stopped
        interrupted = True
    if interrupted or ctrl_c.hit:
        order.rest()
        raise Interrupted([])


@dataclass(frozen=True, slots=True)
class _Unit:
    """What one task of the executor pool runs: a chunk, or some of its files."""

    chunk: int
    start: int  # where ``jobs`` begin in the chunk
    jobs: list[Job]


def _run_unit(k: int, jobs: list[Job], settings: Settings) -> list[Result]:
    """An executor pool's task: note unit ``k`` as started, then run its files.

    When a worker dies, the pool fails every unfinished unit at once; the
    flags say which of them were running (see :func:`_execute_pool`).
    """
    if _STARTED is not None:
        _STARTED[k] = 1
    results = run_chunk(jobs, settings)
    if _STARTED is not None:
        _STARTED[k] = 2  # done: if its result is lost with the pool, it is no suspect
    return results


class _InOrder:
    """The results of chunks that finish in any order, emitted in chunk order."""

    def __init__(self, emit: Callable[[Result], None], stopped: Callable[[], bool]) -> None:
        self.emit, self.stopped = emit, stopped
        self.finished: dict[int, list[Result]] = {}
        self.nxt = 0

    def add(self, i: int, results: list[Result]) -> None:
        self.finished[i] = results
        self.flush()

    def flush(self) -> None:
        """Emit every chunk whose turn has come (none once the batch is stopped)."""
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


def _one_by_one(jobs: list[Job], settings: Settings, mp: Any, stop: StopFlag) -> Iterator[Result]:
    """Files that were running when a worker died, one at a time, each in a pool of one.

    A file that takes its worker down then fails alone. Only the executor
    pool (spawning systems) needs it, and only for the few files that were
    running at that moment: the rest of the batch goes on in a pool.
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
    ctrl_c: CtrlC | None = None,
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
        with CtrlC() as own:
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
    ctrl_c: CtrlC,
) -> None:
    """:func:`execute` with a process pool; raises Interrupted (without results)."""
    from . import forkpool

    if forkpool.available():
        _execute_forked(jobs, settings, workers, emit, stopped, ctrl_c)
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    mp = multiprocessing.get_context()
    if mp.get_start_method() == "fork":
        _preload(settings)
    stop = mp.Event()
    parts = chunks(jobs, workers)
    order = _InOrder(emit, stopped)
    pieces: dict[int, dict[int, list[Result]]] = {}  # chunk -> offset of a unit -> its results
    covered: dict[int, int] = {}  # chunk -> how many of its files have results

    def record(unit: _Unit, results: list[Result]) -> None:
        pieces.setdefault(unit.chunk, {})[unit.start] = results
        covered[unit.chunk] = covered.get(unit.chunk, 0) + len(unit.jobs)
        if covered[unit.chunk] == len(parts[unit.chunk]):
            got = pieces.pop(unit.chunk)
            order.finished[unit.chunk] = [r for start in sorted(got) for r in got[start]]

    def halted() -> bool:
        return stopped() or ctrl_c.hit

    # Rounds: a worker that dies breaks the whole pool, and every unit whose
    # result is not in yet fails with it. The units a worker was running are
    # the suspects (their flag is 1): a chunk is split into its files for the
    # next round, a lone file runs in a process of its own (where it fails
    # alone if it is the culprit); the units no worker had started, or that
    # ran to their end, go to the next round as they were.
    units = [_Unit(i, 0, part) for i, part in enumerate(parts)]
    pool: Any = None
    pending: dict[Future[list[Result]], int] = {}
    try:
        while units and not halted():
            started = mp.Array("b", len(units), lock=False)
            pool = ProcessPoolExecutor(
                max_workers=min(workers, len(units)),
                mp_context=mp,
                initializer=_init_worker,
                initargs=(stop, started),
            )
            pending = {}
            broken: list[int] = []
            for k, unit in enumerate(units):
                try:
                    pending[pool.submit(_run_unit, k, unit.jobs, settings)] = k
                except BrokenProcessPool:  # a worker died already: the rest waits a round
                    broken.extend(range(k, len(units)))
                    break
            while pending and not halted():
                ready, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for fut in ready:
                    k = pending.pop(fut)
                    try:
                        record(units[k], fut.result())
                    except BrokenProcessPool:
                        broken.append(k)
                order.flush()
            if halted():
                break
            pool.shutdown(wait=True)
            pool = None
            running = {k for k in broken if started[k] == 1}  # none: nothing tells, all alone
            following: list[_Unit] = []
            for k in sorted(broken):
                unit = units[k]
                if running and k not in running:  # never ran, or ran to its end: as it was
                    following.append(unit)
                elif running and len(unit.jobs) > 1:  # ran as a worker died: each file on its own
                    following.extend(_Unit(unit.chunk, unit.start + n, [job])
                                     for n, job in enumerate(unit.jobs))  # fmt: skip
                elif not halted():  # a lone suspect: in a process of its own
                    record(unit, list(_one_by_one(unit.jobs, settings, mp, stop)))
            order.flush()
            units = following
        if ctrl_c.hit:
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        stop.set()  # each worker finishes its file, then returns what it did
        if pool is not None:
            try:
                pool.shutdown(wait=True, cancel_futures=True)
            except KeyboardInterrupt:  # a second Ctrl-C: stop the workers now
                for child in multiprocessing.active_children():
                    child.terminate()
                pool.shutdown(wait=True, cancel_futures=True)
            for fut, k in pending.items():
                if fut.done() and not fut.cancelled() and fut.exception() is None:
                    record(units[k], fut.result())
        for chunk, got in pieces.items():  # chunks finished in part: what they have
            order.finished[chunk] = [r for start in sorted(got) for r in got[start]]
        order.rest()
        raise Interrupted([]) from None
    finally:
        stop.set()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
