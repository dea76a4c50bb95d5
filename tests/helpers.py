"""Small helpers shared by the tests."""

from __future__ import annotations

import gc
import multiprocessing
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared, or skip the test when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.is_dir():
        pytest.skip(f"{p} not present")
    return p


def shared_score(tool: str, *corpus: str, timeout: int = 600) -> dict[str, Any]:
    """Run one of ``../shared/tools``' scorers on a shared corpus over this
    interpreter's CLI, and return its ``--json`` figures (skip without ``../shared``)."""
    import json
    import subprocess
    import sys

    folder = shared_dir(*corpus)
    out = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / tool),
            str(folder),
            "--json",
            "--cmd",
            f"{sys.executable} -m seminorm parse",
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    figures: dict[str, Any] = json.loads(out.stdout)
    return figures


def clear_caches() -> None:
    """Forget what the extractors remember of recent texts (timing must not time cache hits)."""
    from seminorm.rules import forget_documents

    forget_documents()


def growth(
    fn: Callable[[str], object], unit: str, small: int = 10_000, big: int = 100_000
) -> float:
    """How much more ``fn`` costs on ``big`` than on ``small`` characters of ``unit``.

    Sizes are compared, never wall-clock limits: each size runs 5 times with
    caches cleared and the collector off, timed by the thread's CPU clock
    (which other processes on a busy machine do not inflate), and the fastest
    run counts; the ratio is taken three times and the lowest kept. A linear
    function gives about 10, a quadratic one about 100.
    """

    def best(n: int) -> float:
        text = (unit * (n // len(unit) + 1))[:n]
        runs = []
        gc.collect()
        gc.disable()
        try:
            for _ in range(5):
                clear_caches()
                t0 = time.thread_time()
                fn(text)
                runs.append(time.thread_time() - t0)
        finally:
            gc.enable()
        return max(min(runs), 1e-5)

    return min(best(big) / best(small) for _ in range(3))


def _answer(fn: Callable[..., object], args: tuple[object, ...], send: Any) -> None:
    try:
        send.send((True, fn(*args)))
    except BaseException:
        send.send((False, traceback.format_exc()))


def in_child(fn: Callable[..., object], *args: object, budget: float) -> object:
    """``fn(*args)`` in a forked child; its result, or a failed test on its error, its
    death or when it overruns ``budget`` seconds (a hang is a failed test, never a hung run)."""
    mp = multiprocessing.get_context("fork")
    receive, send = mp.Pipe(duplex=False)
    child = mp.Process(target=_answer, args=(fn, args, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(budget):
            pytest.fail(f"no answer within {budget:.0f} s: a hang or a super-linear path")
        ok, got = receive.recv()
    except EOFError:
        pytest.fail(f"the child process died (exit code {child.exitcode})")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
    if not ok:
        pytest.fail(str(got), pytrace=False)
    return got


def interruptible() -> None:
    """``preexec_fn`` of a child that a test interrupts: Ctrl-C reaches it.

    A shell without job control starts a background job with SIGINT ignored,
    and a child inherits that (Python then keeps it ignored): a suite run as
    ``.ci/run &`` would see its children finish instead of stopping. The
    child gets the default disposition back, as in a terminal's foreground.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
