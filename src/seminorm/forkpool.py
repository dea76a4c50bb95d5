"""``convert``'s workers where processes fork: children fed chunk numbers through pipes.

The parent has loaded and warmed up the stages and holds every chunk of
jobs; a forked child inherits both. So the parent sends a child only the
number of its next chunk, through a pipe, and the child sends back that
chunk's results, pickled, through another. This costs the parent next to
nothing: no manager thread, no pickled jobs, and none of the 15 to 20 ms
that importing ``multiprocessing`` and ``concurrent.futures`` takes, which
is felt in the speed-up of two workers over one (``benchmarks/bench_convert.py``).

A child that dies (a crash in a parser, the out-of-memory killer) takes only
the chunk it was running down; :func:`run` reports it, and a fresh child
takes over the rest of the work.

Used on Linux and the BSDs (:func:`available`); elsewhere ``convert`` uses
``concurrent.futures`` with spawned processes.

Several threads of one process may each :func:`run` at once (the threads of
a Dask worker, each running a chunk in a child of its own): the pipes of
every child alive are known to the module (:data:`_OPEN`), a fork and the
pipes it is given are made under one lock, and each child closes the pipes
of all the others. Otherwise a child would hold a copy of another run's
pipe ends, and that run would wait for its end of input (or its child's
death) until the stranger exited.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

_INDEX = struct.Struct("<q")  # parent -> child: the number of the chunk to run
_SIZE = struct.Struct("<Q")  # child -> parent: the length of the pickled results that follow
_CHUNK = 1 << 16

#: The pipe ends (in this process) of every child alive, of every run in any thread.
_OPEN: set[int] = set()
_FORKING = threading.Lock()  # around a fork and the pipes made for it, and around closing them


def available() -> bool:
    """True where :func:`run` can be used: ``os.fork`` exists and is safe to call.

    macOS has ``fork`` but its system libraries may not survive it (which is
    why Python spawns there by default).
    """
    return hasattr(os, "fork") and sys.platform != "darwin"


class SharedFlag:
    """A stop flag the forked children see: one byte of shared memory."""

    __slots__ = ("_mem",)

    def __init__(self) -> None:
        import mmap

        self._mem = mmap.mmap(-1, 1)

    def set(self) -> None:
        self._mem[0] = 1

    def is_set(self) -> bool:
        return self._mem[0] == 1


class Died:
    """Why a child went away while it was running a chunk."""

    def __init__(self, status: int) -> None:
        self.code = os.waitstatus_to_exitcode(status) if status >= 0 else None

    def __str__(self) -> str:
        if self.code is None:
            return "the worker process went away"
        if self.code < 0:
            try:
                name = signal.Signals(-self.code).name
            except ValueError:
                name = f"signal {-self.code}"
            return f"the worker process was killed by {name}"
        return f"the worker process exited with status {self.code}"


class _Child:
    __slots__ = ("buf", "chunk", "pid", "results", "tasks")

    def __init__(self, pid: int, tasks: int, results: int) -> None:
        self.pid, self.tasks, self.results = pid, tasks, results
        self.chunk: int | None = None
        self.buf = bytearray()


def run(
    parts: Sequence[Any],
    work: Callable[[Any], Any],
    workers: int,
    on_done: Callable[[int, Any], None],
    *,
    should_stop: Callable[[], bool],
    flag: SharedFlag,
    child_setup: Callable[[], None],
) -> dict[int, Died]:
    """Run ``work(parts[i])`` for every ``i`` on up to ``workers`` forked children.

    ``on_done(i, result)`` is called in the parent as each part finishes (in
    any order). Once ``should_stop()`` is true no part is handed out any
    more, ``flag`` is set (``work`` should look at it and return early), and
    the children running a part are waited for. ``child_setup`` runs first
    in each child. Returns the parts whose child died, and why.

    A ``KeyboardInterrupt`` in the parent (a second Ctrl-C) sends the
    children SIGTERM: each abandons the part it is running (``work`` should
    unwind and return what it finished) and reports; then it propagates.
    Another one kills the children outright.
    """
    children: list[_Child] = []
    died: dict[int, Died] = {}
    nxt = 0
    stopping = False

    def spawn() -> _Child:
        child = _fork(child_setup, lambda tasks, results: _serve(tasks, results, parts, work))
        children.append(child)
        return child

    def hand_out(child: _Child) -> None:
        nonlocal nxt
        if not stopping and should_stop():
            stop()
        if not stopping and nxt < len(parts):
            child.chunk = nxt
            nxt += 1
            try:
                os.write(child.tasks, _INDEX.pack(child.chunk))
                return
            except BrokenPipeError:  # it died: its results pipe reports that
                return
        _close(child, "tasks")

    def stop() -> None:
        nonlocal stopping
        stopping = True
        flag.set()
        for c in children:
            if c.chunk is None:
                _close(c, "tasks")

    def pump() -> None:
        """Hand out parts and take in results until every child has exited."""
        while True:
            if not stopping and should_stop():
                stop()
            live = [c for c in children if c.results >= 0]
            if not live:
                return
            ready, _, _ = select.select([c.results for c in live], [], [], 0.2)
            for fd in ready:
                child = next(c for c in live if c.results == fd)
                data = os.read(fd, _CHUNK)
                if not data:  # the child is gone
                    _close(child, "tasks")
                    _close(child, "results")
                    status = _reap(child)
                    if child.chunk is not None:
                        died[child.chunk] = Died(status)
                        child.chunk = None
                        if not stopping and nxt < len(parts):
                            hand_out(spawn())
                    continue
                child.buf += data
                done = _take_message(child.buf)
                if done is not None and child.chunk is not None:
                    i, child.chunk = child.chunk, None
                    on_done(i, pickle.loads(done))
                    hand_out(child)

    try:
        for _ in range(min(workers, len(parts))):
            hand_out(spawn())
        try:
            pump()
        except KeyboardInterrupt:  # stop now: each child drops its file and reports the rest
            stop()
            _signal(children, signal.SIGTERM)
            pump()
            raise
    except BaseException:
        _signal(children, signal.SIGKILL)
        raise
    finally:
        for c in children:
            _close(c, "tasks")
            _close(c, "results")
            _reap(c)
    return died


class Helper:
    """One long-lived forked child that runs the parts it is sent, one at a time.

    For a thread that must keep a part's crash or resource limit away from
    its own process (a Dask worker's thread: :func:`seminorm.pool.run_chunk_apart`).
    Unlike :func:`run`, the parts are not known when the child is forked:
    each is sent pickled, and the same child runs part after part, keeping
    what it warmed up (forking a child per part cost 50 to 200 ms of
    copied-on-write pages a part). A child that dies is reported for the
    part it was running (:class:`Died`); the next :meth:`call` forks a new one.
    """

    def __init__(self, work: Callable[[Any], Any], child_setup: Callable[[], None]) -> None:
        self.work, self.child_setup = work, child_setup
        self.child: _Child | None = None
        self.owner = os.getpid()  # a copy of this object in a child must not touch the pipes

    def call(self, part: Any) -> Any:
        """``work(part)`` in the child: its result, or :class:`Died` when the child died."""
        child = self.child or self._spawn()
        payload = pickle.dumps(part, pickle.HIGHEST_PROTOCOL)
        try:
            _write_all(child.tasks, _SIZE.pack(len(payload)) + payload)
        except BrokenPipeError:  # it died between parts: its results pipe tells
            pass
        message = _read_message(child.results)
        if message is None:
            return Died(self.close())
        return pickle.loads(message)

    def _spawn(self) -> _Child:
        work = self.work
        self.child = _fork(
            self.child_setup, lambda tasks, results: _serve_sent(tasks, results, work)
        )
        return self.child

    def close(self) -> int:
        """Let the child go (at the end of its input it exits); its wait status."""
        child, self.child = self.child, None
        if child is None or os.getpid() != self.owner:  # e.g. another thread's, after a fork
            return -1
        _close(child, "tasks")
        _close(child, "results")
        return _reap(child)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # at interpreter exit, say: the child ends with its input anyway
            pass


def _fork(child_setup: Callable[[], None], serve: Callable[[int, int], int]) -> _Child:
    """Fork a child that runs ``child_setup()`` then ``serve(tasks_fd, results_fd)``.

    Forks under :data:`_FORKING`, so no other thread's new pipes are half made; the
    child closes every other child's pipes (:data:`_OPEN`) and exits with ``serve``'s
    code, never returning.
    """
    with _FORKING:
        tasks_r, tasks_w = os.pipe()
        results_r, results_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 1
            try:
                for fd in _OPEN:  # the other children's pipes are not this one's business
                    os.close(fd)
                _OPEN.clear()
                os.close(tasks_w)
                os.close(results_r)
                child_setup()
                code = serve(tasks_r, results_w)
            finally:
                os._exit(code)
        os.close(tasks_r)
        os.close(results_w)
        _OPEN.update((tasks_w, results_r))
    return _Child(pid, tasks_w, results_r)


def _serve_sent(tasks: int, results: int, work: Callable[[Any], Any]) -> int:
    """A :class:`Helper` child's loop: run each part that arrives; stop at end of input."""
    while True:
        message = _read_message(tasks)
        if message is None:
            return 0
        payload = pickle.dumps(work(pickle.loads(message)), pickle.HIGHEST_PROTOCOL)
        _write_all(results, _SIZE.pack(len(payload)) + payload)


def _read_message(fd: int) -> bytes | None:
    """One whole message (a size, then that many bytes) from ``fd``; None at its end."""
    header = _read_exact(fd, _SIZE.size)
    if header is None:
        return None
    (size,) = _SIZE.unpack(header)
    return _read_exact(fd, size) if size else b""


def _serve(tasks: int, results: int, parts: Sequence[Any], work: Callable[[Any], Any]) -> int:
    """The child's loop: run each part whose number arrives; stop at end of input."""
    while True:
        header = _read_exact(tasks, _INDEX.size)
        if header is None:
            return 0
        (i,) = _INDEX.unpack(header)
        payload = pickle.dumps(work(parts[i]), pickle.HIGHEST_PROTOCOL)
        _write_all(results, _SIZE.pack(len(payload)) + payload)


def _take_message(buf: bytearray) -> bytes | None:
    """The first whole message in ``buf`` (removed from it), else None."""
    if len(buf) < _SIZE.size:
        return None
    (size,) = _SIZE.unpack_from(buf)
    end = _SIZE.size + size
    if len(buf) < end:
        return None
    message = bytes(buf[_SIZE.size : end])
    del buf[:end]
    return message


def _read_exact(fd: int, n: int) -> bytes | None:
    data = bytearray()
    while len(data) < n:
        more = os.read(fd, min(n - len(data), 1 << 20))
        if not more:
            return None
        data += more
    return bytes(data)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _signal(children: list[_Child], signum: int) -> None:
    for c in children:
        if c.pid:
            try:
                os.kill(c.pid, signum)
            except ProcessLookupError:
                pass


def _close(child: _Child, which: str) -> None:
    fd = getattr(child, which)
    if fd >= 0:
        with _FORKING:
            _OPEN.discard(fd)
            os.close(fd)
        setattr(child, which, -1)


def _reap(child: _Child) -> int:
    """Wait for a child to exit; its wait status (-1 when it was reaped already)."""
    if not child.pid:
        return -1
    pid, child.pid = child.pid, 0
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return -1
