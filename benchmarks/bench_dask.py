"""``convert --engine dask`` against ``convert -j 2`` on the same files (whole process).

Issue 16's figures, measured in alternation in the same run:

- **overhead**: 5,000 generated distinct announcements converted by
  ``--engine dask`` on a LocalCluster of 2 single-thread worker processes
  (started once by this script; the client connects with ``--scheduler``),
  against ``-j 2`` on the same files. Goal: ratio <= 1.25. One more row
  gives a run that starts its own LocalCluster (``--engine dask -j 2``,
  start-up included), for reference.
- **client memory**: the peak resident memory of the ``seminorm`` process
  (the client: planning, the state, the report, the window of futures) for
  10,000 and 100,000 planned inputs, with ``--report``, by ``--engine dask``
  and by ``-j 2`` (one code path around both). The inputs are empty files,
  which every worker rejects at once: what is measured is the client's
  bookkeeping, not the parsing. Goal: flat (the ratio of 100,000 to
  10,000 inputs near 1).

Needs the ``dask`` extra. ``python benchmarks/bench_dask.py [REPEAT] [--files N]
[--overhead | --memory [--sizes 10000,100000,300000] [--dask-only]]``: ``--overhead``
gives the throughput rows only, ``--memory`` the
memory rows only (for the numbers of inputs given, ``--dask-only``: of the
Dask client only; each the median of REPEAT runs, 1 by default). For a before/after,
run it again with ``PYTHONPATH=OTHER/src`` (the client, the cluster and its
workers then all run that version: a client and workers of two versions
cannot work together).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Row, console_script, print_rows, repeat_from_argv

TEXT = """Seminar in applied mathematics
Speaker: Dr. Person{i} Name{j} (University of Place{k})
Title: On problem number {i} and its friends
Date: Tuesday, May {day}, 2021, {h}:00-{h2}:30 CEST
Room: Building {k}, room {i}
Abstract: The talk surveys recent results and open problems number {i}.
"""


def make_inputs(folder: Path, n: int, *, empty: bool = False) -> None:
    """``n`` distinct announcements (or empty files) in a tree of 25 folders."""
    for i in range(n):
        sub = folder / f"group{i % 5}" / f"batch{i % 5}"
        sub.mkdir(parents=True, exist_ok=True)
        text = "" if empty else TEXT.format(
            i=i, j=i % 97, k=i % 31, day=1 + i % 28, h=9 + i % 8, h2=10 + i % 8
        )  # fmt: skip
        (sub / f"talk-{i:06}.txt").write_text(text)


def timed(argv: list[str]) -> tuple[float, int, int]:
    """Wall time, exit status and peak resident memory (KB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, proc.returncode, usage.ru_maxrss


def measure(repeat: int = 3, files: int = 5000, memory: bool = True) -> list[Row]:
    import logging

    from distributed import LocalCluster

    exe = console_script("seminorm", "seminorm.__main__:main")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp, LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=logging.ERROR,
    ) as cluster:  # fmt: skip
        src = Path(tmp) / "src"
        make_inputs(src, files)
        base = [*exe, "convert", str(src), "--force", "-q"]
        local = [*base, "-o", f"{tmp}/local", "-j", "2"]
        dask = [*base, "-o", f"{tmp}/dask", "--engine", "dask", "--scheduler",
                cluster.scheduler_address]  # fmt: skip
        timed(local)  # warm the file cache and the cluster's workers
        timed(dask)
        t_local: list[float] = []
        t_dask: list[float] = []
        for _ in range(repeat):
            t_local.append(timed(local)[0])
            t_dask.append(timed(dask)[0])
        own = timed([*base, "-o", f"{tmp}/own", "--engine", "dask", "-j", "2"])[0]
        ml, md = statistics.median(t_local), statistics.median(t_dask)
        per_core = 3600 * files / md / 2
        rows.append(Row(
            f"convert {files} files: --engine dask (LocalCluster 2 workers, --scheduler)",
            f"{md:.2f}s (min {min(t_dask):.2f}s)", f"-j 2: {ml:.2f}s (min {min(t_local):.2f}s)",
            md / ml, "<= 1.25", f"{files / md:.0f} files/s, {per_core:,.0f} files/hour/worker core",
        ))  # fmt: skip
        rows.append(Row(
            f"convert {files} files: --engine dask -j 2 (own LocalCluster, start-up included)",
            f"{own:.2f}s", f"-j 2: {ml:.2f}s", own / ml, "",
        ))  # fmt: skip
        if memory:
            rows.extend(memory_rows(tmp, cluster.scheduler_address, exe))
    return rows


#: The numbers of planned inputs of the memory rows (``--sizes``).
SIZES = (10_000, 100_000)


def memory_rows(tmp: str, scheduler: str, exe: list[str], sizes: tuple[int, ...] = SIZES,
                engines: tuple[str, ...] = ("dask", "local"), repeat: int = 1) -> list[Row]:  # fmt: skip
    """The client's peak memory for each number of planned inputs (dask and -j 2):
    the median of ``repeat`` runs (a process's peak varies by a few MB from run to
    run, with the threads' malloc arenas), the range in the note."""
    rows: list[Row] = []
    for n in sizes:
        make_inputs(Path(tmp) / f"empty{n}", n, empty=True)
    low, high = min(sizes), max(sizes)
    for engine in engines:
        peaks = {}
        for n in sizes:
            argv = [*exe, "convert", f"{tmp}/empty{n}", "-o", f"{tmp}/e{n}{engine}", "-q",
                    "--report", f"{tmp}/r{n}.jsonl"]  # fmt: skip
            argv += (
                ["--engine", "dask", "--scheduler", scheduler] if engine == "dask" else ["-j", "2"]
            )
            runs = [timed(argv) for _ in range(repeat)]
            seen = sorted(peak for _, _, peak in runs)
            peaks[n] = statistics.median(seen)
            rows.append(Row(
                f"client peak memory, {n:,} planned inputs ({engine})",
                f"{peaks[n] / 1024:.1f} MB", "", None, "",
                f"{runs[0][0]:.0f}s, exit {runs[0][1]}; {repeat} runs: "
                f"{seen[0] / 1024:.1f}-{seen[-1] / 1024:.1f} MB",
            ))  # fmt: skip
        rows.append(Row(
            f"client peak memory ({engine}): {high:,} inputs against {low:,}",
            f"{peaks[high] / 1024:.1f} MB", f"{peaks[low] / 1024:.1f} MB",
            peaks[high] / peaks[low], "<= 1.05",
            f"{(peaks[high] - peaks[low]) * 1024 / (high - low):.0f} bytes per input",
        ))  # fmt: skip
    return rows


def main() -> None:
    repeat = repeat_from_argv(3)
    files = int(sys.argv[sys.argv.index("--files") + 1]) if "--files" in sys.argv else 5000
    if "--memory" not in sys.argv:
        print_rows(measure(repeat, files, memory="--overhead" not in sys.argv))
        return
    import logging

    from distributed import LocalCluster

    sizes = SIZES
    if "--sizes" in sys.argv:
        sizes = tuple(int(n) for n in sys.argv[sys.argv.index("--sizes") + 1].split(","))
    engines = ("dask",) if "--dask-only" in sys.argv else ("dask", "local")
    repeat = repeat_from_argv(1)
    exe = console_script("seminorm", "seminorm.__main__:main")
    with tempfile.TemporaryDirectory() as tmp, LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=logging.ERROR,
    ) as cluster:  # fmt: skip
        print_rows(memory_rows(tmp, cluster.scheduler_address, exe, sizes, engines, repeat))


if __name__ == "__main__":
    main()
