"""Run every benchmark and print one table: figure, seminorm, peer, ratio, budget, ok.

    python benchmarks/run_all.py            # default repetitions
    python benchmarks/run_all.py --quick    # fewer repetitions, a rough look
    python benchmarks/run_all.py --json     # also the rows as JSON on the last line

Ratios are seminorm / peer (for convert: the speed-up of -j 2 over -j 1), both
measured in the same run, alternately, so that machine noise hits them alike.
Exit status: 0 when every budget holds (or could not be measured), 1 otherwise.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_containers
import bench_convert
import bench_ics
import bench_mail
import bench_memory
import bench_startup
import bench_text
from _common import Row, print_rows

# (module, default repetitions, quick repetitions)
BENCHMARKS = [
    (bench_startup, 15, 5),
    (bench_ics, 7, 3),
    (bench_text, 20, 5),
    (bench_containers, 20, 5),
    (bench_mail, 5, 2),
    (bench_convert, 5, 1),
    (bench_memory, 3, 2),  # not repetitions: how many sizes (1k/10k/100k events, 2/20/200 MB)
]


def main() -> int:
    quick = "--quick" in sys.argv
    rows: list[Row] = []
    for module, default, fast in BENCHMARKS:
        name = module.__name__
        t0 = time.perf_counter()
        try:
            got = module.measure(fast if quick else default)
        except Exception as e:
            traceback.print_exc()
            got = [Row(name, "error", "", None, "", f"{type(e).__name__}: {e}")]
        rows.extend(got)
        print(f"{name}: done in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print()
    print_rows(rows, "seminorm benchmarks (ratio = seminorm / peer; convert: speed-up)")
    if "--json" in sys.argv:
        print(json.dumps([{**r.__dict__, "ok": r.ok} for r in rows]))
    return 1 if any(r.ok == "OVER" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
