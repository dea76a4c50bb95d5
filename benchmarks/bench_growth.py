"""Growth on hostile and repetitive inputs: CPU time and peak memory at n and 4n.

Each family of inputs (a shape that once took time or memory faster than its
size) is generated at n and at 4n units and parsed by ``pipeline.parse_bytes``
and written as ICS, each size in a fresh process of its own (after a warm-up
parse of a small input of the same family, so imports and caches are not
counted). The table gives, per family, the CPU time (``time.process_time``)
and the growth of the peak resident memory (``ru_maxrss`` after the parse
minus before it) at both sizes, and their ratios. Linear growth gives about 4;
the goal is at most 4.5 for 4 times the input. A memory growth below
``MEM_FLOOR`` counts as that floor (below it the figure is noise: the
allocator's arenas, not the input).

Each child runs under a limit of address space and of CPU time, so a family
that is still quadratic shows ``limit`` instead of taking the machine down.

    python benchmarks/bench_growth.py [REPEAT] [--only FAMILY,...] [--scale K]

REPEAT (default 1) runs each size that many times and keeps the least CPU.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Row, print_rows, repeat_from_argv

TODAY = date(2024, 3, 12)
GOAL = 4.5
#: Memory growth under this many bytes counts as this many (noise).
MEM_FLOOR = 4_000_000
#: Limits of each child: address space and CPU seconds.
CHILD_AS = 3 * 2**30
CHILD_CPU = 120

ANNOUNCEMENT = (
    "Applied Topology Seminar\n"
    "\n"
    "Title: Persistent homology of slowly mixing flows\n"
    "Speaker: Dr. Orla Brennick (Institut Vallombreuse)\n"
    "Date: Thursday, 16 November 2023\n"
    "Time: 14:15 - 15:15 CET\n"
    "Room: Building 7, Lecture Hall C\n"
    "Zoom: https://example-univ.zoom.us/j/81234567890?pwd=QmFzZTY0\n"
    "Meeting ID: 812 3456 7890  Passcode: 246810\n"
    "\n"
    "Abstract: We study flows on compact manifolds whose mixing is slow, and show\n"
    "how persistence diagrams of their recurrence sets detect the obstruction.\n"
    "Joint work with T. Arnesen. Coffee and biscuits from 14:00 in the lounge.\n"
    "\n"
    "Organised by the Topology group; contact seminars@example-univ.edu.\n"
)
#: the short form: a trailing line within reach of the date and time lines
SHORT = (
    "Number Theory Seminar\n"
    "Title: Sums of three cubes, revisited\n"
    "Speaker: Dr. Tomasz Wielgat (Politechnika Nadodrzańska)\n"
    "Date: Thursday, November 16, 2023\n"
    "Time: 14:15 - 15:15\n"
    "Room: 2.41\n"
)
HEAD_MAIL = (
    "From: Ann Example <ann@example.org>\n"
    "To: seminars@example.org\n"
    "Date: Tue, 12 Mar 2024 10:00:00 +0100\n"
    "Message-ID: <growth@example.org>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=utf-8\n"
)


def _ics(body: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//growth//EN\r\n" + body + "END:VCALENDAR\r\n"
    ).encode()


def _vevent(*lines: str, tzid: str = "") -> str:
    start = f"DTSTART;TZID={tzid}:20240504T160000" if tzid else "DTSTART:20240504T160000Z"
    extra = "".join(ln + "\r\n" for ln in lines)
    return f"BEGIN:VEVENT\r\nUID:g@example.org\r\n{start}\r\nSUMMARY:Talk\r\n{extra}END:VEVENT\r\n"


def room_spans(n: int) -> bytes:
    return (SHORT + "(Room -- 4pm, at " * n).encode()


def time_ranges(n: int) -> bytes:
    return (SHORT + "4pm-5pm " * n).encode()


def encoded_subject(n: int) -> bytes:
    return (HEAD_MAIL + "Subject: " + "=?utf-8?b?w6k=?= " * n + "\n\n" + ANNOUNCEMENT).encode()


def long_subject(n: int) -> bytes:
    return (HEAD_MAIL + "Subject: " + "x " * n + "\n\n" + ANNOUNCEMENT).encode()


def categories(n: int) -> bytes:
    return _ics(_vevent("CATEGORIES:" + ",".join(f"c{i}" for i in range(n))))


def _part(kind: str, year: int, offset: str, before: str) -> str:
    return (
        f"BEGIN:{kind}\r\nDTSTART:{year}0301T020000\r\nTZOFFSETFROM:{before}\r\n"
        f"TZOFFSETTO:{offset}\r\nEND:{kind}\r\n"
    )


def vtimezone_parts(n: int) -> bytes:
    parts = "".join(
        _part("DAYLIGHT" if i % 2 else "STANDARD", 1000 + i % 8000, "+0200", "+0100")
        if i % 2
        else _part("STANDARD", 1000 + i % 8000, "+0100", "+0200")
        for i in range(n)
    )
    tz = f"BEGIN:VTIMEZONE\r\nTZID:Custom Parts\r\n{parts}END:VTIMEZONE\r\n"
    return _ics(tz + _vevent(tzid="Custom Parts"))


def custom_zones(n: int) -> bytes:
    body = []
    for i in range(n):
        name = f"Custom Zone {i}"
        minutes = (i * 7) % (14 * 60)
        off = f"+{minutes // 60:02d}{minutes % 60:02d}"
        body.append(
            f"BEGIN:VTIMEZONE\r\nTZID:{name}\r\n{_part('STANDARD', 1970, off, off)}END:VTIMEZONE\r\n"
        )
        body.append(_vevent(f"X-N:{i}", tzid=name).replace("g@example", f"g{i}@example"))
    return _ics("".join(body))


def html_close_tags(n: int) -> bytes:
    return ("<html><body><p>" + ANNOUNCEMENT + "</p>" + "<div></x>" * n + "</body></html>").encode()


def html_pre(n: int) -> bytes:
    return ("<html><body><p>" + ANNOUNCEMENT + "</p>" + "<pre>" * n + "</body></html>").encode()


def html_nested(tag: str) -> Callable[[int], bytes]:
    def make(n: int) -> bytes:
        return ("<html><body><p>" + ANNOUNCEMENT + "</p>" + tag * n + "</body></html>").encode()

    return make


def dates_line(n: int) -> bytes:
    return ("Talk at 16:00\n" + "May 4 2021 " * n + "\n").encode()


def date_lines(n: int) -> bytes:
    return ("Date: 1 May 2021, 16:00\n" * n).encode()


def page_repeated(n: int) -> bytes:
    """The announcement repeated to ``n`` KB (a real page's shape, many events)."""
    unit = ANNOUNCEMENT + "\n"
    return (unit * max(1, n * 1000 // len(unit))).encode()


def page_repeated_one_line(n: int) -> bytes:
    """The announcement's lines joined into one line, repeated to ``n`` KB."""
    unit = ANNOUNCEMENT.replace("\n", " ") + " "
    return (unit * max(1, n * 1000 // len(unit))).encode()


# name -> (builder, n, unit)
FAMILIES: dict[str, tuple[Callable[[int], bytes], int, str]] = {
    "when: '(Room -- 4pm, at ' x n": (room_spans, 2_000, "pieces"),
    "when: '4pm-5pm ' x n": (time_ranges, 2_000, "ranges"),
    "e-mail: Subject of n encoded words": (encoded_subject, 20_000, "words"),
    "e-mail: Subject 'x ' x n": (long_subject, 200_000, "words"),
    "ICS: CATEGORIES with n values": (categories, 80_000, "values"),
    "ICS: VTIMEZONE with n parts": (vtimezone_parts, 2_000, "parts"),
    "ICS: n custom VTIMEZONEs": (custom_zones, 40, "zones"),
    "HTML: '<div></x>' x n": (html_close_tags, 40_000, "pairs"),
    "HTML: '<pre>' x n": (html_pre, 40_000, "tags"),
    "HTML: '<a href=#>' x n": (html_nested("<a href=#>"), 10_000, "tags"),
    "HTML: '<b><i>' x n": (html_nested("<b><i>"), 40_000, "pairs"),
    "HTML: '<table><tr><td>' x n": (html_nested("<table><tr><td>"), 40_000, "cells"),
    "text: 'May 4 2021 ' x n on one line": (dates_line, 10_000, "dates"),
    "text: 'Date: 1 May 2021, 16:00' x n lines": (date_lines, 2_000, "lines"),
    "text: announcement repeated to n KB": (page_repeated, 200, "KB"),
    "text: announcement on one line, repeated to n KB": (page_repeated_one_line, 100, "KB"),
}


def child(name: str, n: int) -> None:
    """Run one family at one size; print {"cpu": s, "mem": bytes} as JSON."""
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_AS, CHILD_AS))
    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU, CHILD_CPU))
    from seminorm.context import Context
    from seminorm.errors import SeminormError
    from seminorm.pipeline import parse_bytes
    from seminorm.rules import forget_documents
    from seminorm.write import render

    make = FAMILIES[name][0]
    ctx = Context(today=TODAY, tz="Europe/Zurich")

    def run(data: bytes) -> None:
        try:
            events = parse_bytes(data, ctx)
            render(events, "ics", ctx)
        except SeminormError:
            pass

    run(make(max(1, n // 64)))  # warm-up: imports and first-use caches
    forget_documents()
    data = make(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    t0 = time.process_time()
    run(data)
    cpu = time.process_time() - t0
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"cpu": cpu, "mem": after - before, "bytes": len(data)}))


def measure(name: str, n: int, repeat: int) -> dict[str, float] | str:
    best: dict[str, float] | None = None
    for _ in range(repeat):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", name, str(n)],
            capture_output=True,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
        )
        if proc.returncode != 0:
            return "limit" if proc.returncode < 0 or "MemoryError" in proc.stderr else "error"
        got = json.loads(proc.stdout.strip().splitlines()[-1])
        if best is None or got["cpu"] < best["cpu"]:
            best = got
    assert best is not None
    return best


def _mb(b: float) -> str:
    return f"{b / 1e6:.1f} MB"


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], int(sys.argv[3]))
        return
    repeat = repeat_from_argv(1)
    scale = 1.0
    only: list[str] = []
    args = sys.argv[1:]
    if "--scale" in args:
        scale = float(args[args.index("--scale") + 1])
    if "--only" in args:
        only = args[args.index("--only") + 1].split(",")
    rows = []
    for name, (_, n0, unit) in FAMILIES.items():
        if only and not any(o.lower() in name.lower() for o in only):
            continue
        n = max(1, int(n0 * scale))
        small = measure(name, n, repeat)
        big = measure(name, 4 * n, repeat) if isinstance(small, dict) else small
        if isinstance(small, str) or isinstance(big, str):
            failed = small if isinstance(small, str) else big
            rows.append(Row(f"{name}, n={n:,} {unit}", str(failed), "", None, f"<= {GOAL}"))
            print(f"{name}: {failed}", file=sys.stderr, flush=True)
            continue
        cpu = big["cpu"] / max(small["cpu"], 0.01)
        mem = max(big["mem"], MEM_FLOOR) / max(small["mem"], MEM_FLOOR)
        worst = max(cpu, mem)
        rows.append(
            Row(
                f"{name}, n={n:,} {unit} ({small['bytes'] / 1e3:,.0f} KB)",
                f"CPU {small['cpu']:.2f} s -> {big['cpu']:.2f} s (x{cpu:.2f})",
                f"mem {_mb(small['mem'])} -> {_mb(big['mem'])} (x{mem:.2f})",
                worst,
                f"<= {GOAL}",
            )
        )
        print(f"{name}: cpu x{cpu:.2f}, mem x{mem:.2f}", file=sys.stderr, flush=True)
    print_rows(rows, "Growth from n to 4n (ratio: the larger of the CPU and memory ratios)")


if __name__ == "__main__":
    main()
