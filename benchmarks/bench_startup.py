"""Whole-process start-up: ``seminorm parse <small>.txt -f json`` vs ``icalendar <seed.ics>``.

SPEC section 8: one small text file to JSON, as a whole process, must be
faster than the icalendar package's own command-line tool printing the seed
ICS file (ratio < 1). Both console scripts run on this same Python, timed
alternately.

    python benchmarks/bench_startup.py [REPEAT]
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    EXAMPLES,
    SHARED,
    Row,
    console_script,
    interleaved,
    print_rows,
    process,
    ratio,
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


def measure(repeat: int = 15) -> list[Row]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        text, ics = small_text(Path(tmp)), seed_ics()
        ours = [
            *console_script("seminorm", "seminorm.__main__:main"),
            "parse",
            str(text),
            "-f",
            "json",
        ]
        peer = [*console_script("icalendar", "icalendar.cli:main"), str(ics)]
        bare = [*console_script("seminorm", "seminorm.__main__:main"), "--version"]
        rc = subprocess.run(ours, capture_output=True).returncode
        t = interleaved(
            {"seminorm": process(ours), "icalendar": process(peer), "bare": process(bare)}, repeat
        )
    note = f"{text.name} -> JSON (exit {rc}) vs icalendar {ics.name}; {repeat} runs, median"
    return [
        Row(
            "start-up: small text -> JSON, whole process",
            str(t["seminorm"]),
            str(t["icalendar"]),
            ratio(t["seminorm"].median, t["icalendar"].median),
            "< 1",
            note,
        ),
        Row(
            "start-up: seminorm --version (reference)",
            str(t["bare"]),
            str(t["icalendar"]),
            ratio(t["bare"].median, t["icalendar"].median),
            "",
            "the CLI alone (click, no stage): what the stages add is the difference",
        ),
    ]


if __name__ == "__main__":
    print_rows(measure(repeat_from_argv(15)), __doc__.splitlines()[0])
