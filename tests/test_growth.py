"""Growth on the families of hostile inputs of ``benchmarks/bench_growth.py`` (``slow``).

Each family is generated at n and 4n units and parsed (and written as ICS)
in a forked child, after a warm-up on a small input of the same family. The
test compares sizes, never clocks: the CPU time (``time.process_time``, the
least of two runs) and the peak of Python's allocations (``tracemalloc``) at
4n must stay within ``CPU_BOUND`` and ``MEM_BOUND`` times those at n. Linear
growth gives about 4; the benchmark's goal is 4.5; these bounds are looser so
that a busy machine cannot fail them, while a quadratic path (16) still does.
"""

from __future__ import annotations

import importlib.util
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from seminorm.context import Context
from seminorm.errors import SeminormError
from seminorm.pipeline import parse_bytes
from seminorm.rules import forget_documents
from seminorm.write import render

from .conftest import TODAY
from .helpers import in_child

CPU_BOUND = 8.0
MEM_BOUND = 6.0
#: Below these, a figure is noise and counts as this much.
CPU_FLOOR = 0.02
MEM_FLOOR = 200_000
CTX = Context(today=TODAY, tz="Europe/Zurich")

pytestmark = pytest.mark.slow


def _families() -> dict[str, tuple[Callable[[int], bytes], int, str]]:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_growth.py"
    spec = importlib.util.spec_from_file_location("bench_growth", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    families: dict[str, tuple[Callable[[int], bytes], int, str]] = module.FAMILIES
    return families


FAMILIES = _families()


def _run(data: bytes) -> None:
    try:
        render(parse_bytes(data, CTX), "ics", CTX)
    except SeminormError:
        pass


def _cpu(data: bytes) -> float:
    forget_documents()
    t0 = time.process_time()
    _run(data)
    return time.process_time() - t0


def _peak(data: bytes) -> int:
    forget_documents()
    tracemalloc.start()
    try:
        _run(data)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _measure(make: Callable[[int], bytes], n: int) -> tuple[list[float], list[float]]:
    _run(make(max(1, n // 64)))  # warm-up: imports and first-use caches
    small, big = make(n), make(4 * n)
    cpu = [min(_cpu(small), _cpu(small)), min(_cpu(big), _cpu(big))]
    # tracemalloc slows allocations tenfold: the memory is compared at n / 4 and n
    mem = [_peak(make(max(1, n // 4))), _peak(small)]
    return cpu, mem


@pytest.mark.parametrize("name", list(FAMILIES))
def test_growth_is_linear(name: str) -> None:
    make, n, _ = FAMILIES[name]
    n = max(1, n // 2)  # half the benchmark's sizes: enough to tell linear from quadratic
    got = in_child(_measure, make, n, budget=300)
    assert isinstance(got, tuple)
    (c1, c4), (m1, m4) = got
    cpu = max(c4, CPU_FLOOR) / max(c1, CPU_FLOOR)
    mem = max(m4, MEM_FLOOR) / max(m1, MEM_FLOOR)
    figures = f"CPU {c1:.3f} s -> {c4:.3f} s (x{cpu:.1f}); peak {m1:,} -> {m4:,} bytes (x{mem:.1f})"
    assert cpu <= CPU_BOUND, figures
    assert mem <= MEM_BOUND, figures
