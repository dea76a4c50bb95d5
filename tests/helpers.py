"""Small helpers shared by the tests."""

from __future__ import annotations

import gc
import time
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
