"""Whole-process start-up: seminorm vs the ``icalendar`` console script, in pairs.

SPEC section 8 and issue 18: as whole processes,

- one small text file to JSON (``seminorm parse <small>.txt -f json``) must be
  faster than the icalendar package's own command-line tool printing the seed
  ICS file (ratio < 1);
- one small ICS file to ICS (``seminorm parse <seed>.ics -f ics``) must be
  faster than that same tool printing that same file (ratio < 1);
- both also on the first run after an install: a wheel of this checkout is
  built and installed (``pip install --no-deps --target``, which compiles the
  ``.pyc`` files as any ``pip install`` does) into a fresh folder for every
  run, so that nothing a previous run left behind can help.

Each repetition runs seminorm and the peer one after the other; the figure is
the CPU time (user + system) of each child process, which other processes on
a busy machine inflate much less than the wall clock. Every pair gives a
ratio; the table shows their median, the note their min / median / max.

    python benchmarks/bench_startup.py [REPEAT] [--no-install]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    EXAMPLES,
    ROOT,
    SHARED,
    Row,
    console_script,
    fmt_seconds,
    installed_env,
    print_rows,
    repeat_from_argv,
)

FALLBACK_TEXT = b"""Logic seminar
Speaker: Ada Lovelace (University of Cambridge)
Title: On knots
Tuesday, May 4, 2021, 16:00-17:00 CEST, Room 1.24
"""


def small_text(tmp: Path) -> Path:
    """The smallest .txt in examples/ (not an ICS in disguise), else a generated one."""
    found = sorted(
        (p for p in EXAMPLES.glob("*.txt") if not p.read_bytes().lstrip().startswith(b"BEGIN:")),
        key=lambda p: p.stat().st_size,
    )
    if found:
        return found[0]
    path = tmp / "small.txt"
    path.write_bytes(FALLBACK_TEXT)
    return path


def seed_ics() -> Path:
    """The seed ICS export (../shared/corpus/text/003_*), else examples/*.ics."""
    for p in sorted((SHARED / "corpus" / "text").glob("003_*.txt")):
        return p
    return sorted(EXAMPLES.glob("*.ics"))[0]


def cpu(cmd: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) of one run of ``cmd``, output discarded."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime


def paired(
    ours: Callable[[], float], peer: Callable[[], float], repeat: int
) -> tuple[list[float], list[float]]:
    """``repeat`` pairs of (ours, peer) CPU times, after one untimed pair."""
    ours(), peer()
    a, b = [], []
    for _ in range(repeat):
        a.append(ours())
        b.append(peer())
    return a, b


def row(figure: str, a: list[float], b: list[float], budget: str, note: str) -> Row:
    ratios = sorted(x / y for x, y in zip(a, b, strict=True))
    spread = f"pair ratios min {ratios[0]:.2f} / median {statistics.median(ratios):.2f} / max {ratios[-1]:.2f}"
    return Row(
        figure,
        f"{fmt_seconds(statistics.median(a))} (min {fmt_seconds(min(a))})",
        f"{fmt_seconds(statistics.median(b))} (min {fmt_seconds(min(b))})",
        statistics.median(ratios),
        budget,
        f"{note}; CPU time, {len(a)} pairs; {spread}",
    )


def install_wheel(tmp: Path) -> Path | None:
    """This checkout built as a wheel and installed into ``tmp/site`` (None when that fails)."""
    wheels = tmp / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
         "-w", str(wheels), str(ROOT)],
        capture_output=True,
    )  # fmt: skip
    found = sorted(wheels.glob("seminorm-*.whl"))
    if built.returncode or not found:
        return None
    site = tmp / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
         str(found[0])],
        capture_output=True,
    )  # fmt: skip
    return site if done.returncode == 0 else None


def measure(repeat: int = 15, install: bool = True) -> list[Row]:
    env = installed_env()
    seminorm = console_script("seminorm", "seminorm.__main__:main")
    peer_cmd = [*console_script("icalendar", "icalendar.cli:main")]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        text, ics = small_text(tmp), seed_ics()

        def peer() -> float:
            return cpu([*peer_cmd, str(ics)], env)

        cases = [
            ("small text -> JSON", [str(text), "-f", "json"], f"{text.name} -> JSON"),
            ("small ICS -> ICS", [str(ics), "-f", "ics"], f"{ics.name} -> ICS, the peer's file"),
        ]
        for name, args, what in cases:
            a, b = paired(lambda args=args: cpu([*seminorm, "parse", *args], env), peer, repeat)
            rows.append(
                row(
                    f"start-up: {name}, whole process",
                    a,
                    b,
                    "< 1",
                    f"{what} vs icalendar {ics.name}",
                )
            )
        a, b = paired(lambda: cpu([*seminorm, "--version"], env), peer, max(3, repeat // 3))
        rows.append(
            row(
                "start-up: seminorm --version (reference)",
                a,
                b,
                "",
                "the CLI alone: click, no stage",
            )
        )
        site = install_wheel(tmp) if install else None
        if site is None:
            return rows
        fresh_env = dict(env, PYTHONPATH=str(site))
        for name, args, what in cases:
            ours_first: list[float] = []
            peers: list[float] = []
            for i in range(max(3, repeat // 3)):
                copy = tmp / f"first-{name[:5]}-{i}"
                shutil.copytree(site, copy, symlinks=True)
                run_env = dict(fresh_env, PYTHONPATH=str(copy))
                script = copy / "bin" / "seminorm"
                cmd = [str(script)] if script.exists() else [sys.executable, "-m", "seminorm"]
                ours_first.append(cpu([*cmd, "parse", *args], run_env))
                peers.append(peer())
                shutil.rmtree(copy)
            rows.append(
                row(
                    f"start-up: {name}, first run after install",
                    ours_first,
                    peers,
                    "< 1",
                    f"{what}; a fresh wheel install (pip's .pyc) for every run",
                )
            )
    return rows


if __name__ == "__main__":
    print_rows(
        measure(repeat_from_argv(15), install="--no-install" not in sys.argv),
        __doc__.splitlines()[0],
    )
