"""Shared helpers for the benchmark scripts (not a test suite: nothing here asserts).

Each script measures seminorm and its peer in the same run and reports the
ratio, since absolute times on shared machines mean little. A figure is the
median (and the minimum) of N repetitions timed with ``time.perf_counter``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
BIN = Path(sys.executable).parent


@dataclass
class Timing:
    median: float
    min: float

    def __str__(self) -> str:
        return f"{fmt_seconds(self.median)} (min {fmt_seconds(self.min)})"


@dataclass
class Row:
    """One line of the final table: a seminorm figure, its peer's, their ratio, the budget."""

    figure: str
    seminorm: str
    peer: str
    ratio: float | None
    budget: str  # e.g. "< 1", "<= 1.5", ">= 1.7", "" (reference figure)
    note: str = ""

    @property
    def ok(self) -> str:
        if self.ratio is None:
            return "n/a"
        if not self.budget:
            return "-"
        op, limit = self.budget.split()
        value = float(limit)
        good = {
            "<": self.ratio < value,
            "<=": self.ratio <= value,
            ">": self.ratio > value,
            ">=": self.ratio >= value,
        }[op]
        return "ok" if good else "OVER"


def fmt_seconds(s: float) -> str:
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.1f} ms"
    return f"{s * 1e6:.0f} µs"


def timed(fn: Callable[[], object], repeat: int, warmup: int = 1) -> Timing:
    """Time ``fn()`` ``repeat`` times after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return Timing(statistics.median(times), min(times))


def clear_caches(prefixes: tuple[str, ...] = ("seminorm", "icalendar", "x_wr_timezone")) -> None:
    """Forget what the libraries remember between calls (untimed, for every side alike).

    Every ``functools`` cache of the loaded modules of ``prefixes`` is
    cleared, and zoneinfo's zone cache: a repeated call then pays what a
    process converting one new calendar pays (zone data, VTIMEZONEs).
    """
    from zoneinfo import ZoneInfo

    ZoneInfo.clear_cache()
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(prefixes):
            continue
        for obj in list(vars(module).values()):
            clear = getattr(obj, "cache_clear", None)
            if callable(clear):
                clear()


def interleaved(
    fns: dict[str, Callable[[], object]],
    repeat: int,
    warmup: int = 1,
    setup: Callable[[], None] | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, Timing]:
    """Time several callables in alternation, so that machine noise hits them alike;
    ``setup`` (untimed) runs before every timed call. ``clock=time.process_time``
    (CPU time of this process) for in-process work on a loaded machine."""
    for fn in fns.values():
        for _ in range(warmup):
            fn()
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            if setup is not None:
                setup()
            t0 = clock()
            fn()
            times[name].append(clock() - t0)
    return {n: Timing(statistics.median(t), min(t)) for n, t in times.items()}


def installed_env() -> dict[str, str]:
    """The environment of a normal installation: Python may keep its bytecode.

    Some sandboxes set ``PYTHONDONTWRITEBYTECODE``; then every start compiles
    every module of an editable install from source, which no installed
    program (seminorm from a wheel, or the peer) pays. Both sides run without it.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def process(cmd: list[str], **kw: object) -> Callable[[], subprocess.CompletedProcess[bytes]]:
    """A callable that runs ``cmd`` to completion, output discarded."""
    kw.setdefault("env", installed_env())

    def run() -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)  # type: ignore[call-overload, no-any-return]

    return run


def console_script(name: str, module_main: str) -> list[str]:
    """The installed console script next to this Python, else ``python -c`` its main."""
    exe = BIN / name
    if exe.exists():
        return [str(exe)]
    mod, _, func = module_main.partition(":")
    return [sys.executable, "-c", f"import sys; from {mod} import {func}; sys.exit({func}())"]


def ratio(a: float, b: float) -> float | None:
    return a / b if b > 0 else None


def fmt_ratio(value: float | None) -> str:
    """Two decimals, or three significant digits for tiny ratios.

    >>> fmt_ratio(1.234), fmt_ratio(0.0034), fmt_ratio(None)
    ('1.23', '0.0034', 'n/a')
    """
    if value is None:
        return "n/a"
    return f"{value:.2f}" if value >= 0.1 else f"{value:.2g}"


def print_rows(rows: list[Row], title: str = "") -> None:
    """Print rows as an aligned table."""
    if title:
        print(title)
    header = ("figure", "seminorm", "peer", "ratio", "budget", "ok")
    cells = [header] + [
        (
            r.figure,
            r.seminorm,
            r.peer,
            fmt_ratio(r.ratio),
            r.budget,
            r.ok,
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(header))]
    for i, c in enumerate(cells):
        print("  ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    for r in rows:
        if r.note:
            print(f"  note ({r.figure}): {r.note}")


def repeat_from_argv(default: int) -> int:
    """``python bench_x.py [N]``: N repetitions."""
    args = [a for a in sys.argv[1:] if a.isdigit()]
    return int(args[0]) if args else int(os.environ.get("SEMINORM_BENCH_REPEAT", default))
