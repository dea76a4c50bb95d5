"""Peak memory of a whole ``seminorm`` process on large calendars and mail archives.

Each figure is the peak resident set size (``ru_maxrss`` of the child, read
with ``os.wait4`` by a small launcher that is its only parent) of one
``seminorm parse`` process, from start to exit:
interpreter, imports, reading, parsing and writing. Inputs are generated in
a temporary folder (removed afterwards; nothing is checked in):

- ICS: 1k / 10k / 100k distinct events (distinct UIDs, titles, speakers,
  descriptions), spread over 24 zones given by IANA TZID, Outlook names and
  UTC, with some all-day and recurring events; written ICS -> ICS
  (``-o out.ics``) and ICS -> JSON Lines.
- mbox: 2 / 20 / 200 MB of distinct announcement e-mails (plain or
  multipart/alternative, quoted-printable bodies, one message in three with
  a binary attachment, as real archives carry), written as JSON Lines.

The goal (issue 18) is a peak under 150 MB for 100k events and for 200 MB of
mail: flat in the size of the input. The ratio printed is peak / 150 MB.
There is no peer: this measures seminorm against its own budget.

    python benchmarks/bench_memory.py            # every size (several minutes)
    python benchmarks/bench_memory.py --quick    # 1k / 10k events, 2 / 20 MB
"""

from __future__ import annotations

import base64
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BIN, Row, console_script, installed_env, print_rows

GOAL_MB = 150.0
ICS_SIZES = (1_000, 10_000, 100_000)
MAIL_SIZES = (2, 20, 200)  # MB

ZONES = [
    "Europe/Zurich", "America/New_York", "Asia/Jerusalem", "Asia/Kolkata", "Europe/London",
    "America/Los_Angeles", "Australia/Sydney", "Asia/Tokyo", "America/Sao_Paulo", "Africa/Cairo",
    "Europe/Berlin", "America/Chicago", "Pacific/Auckland", "Asia/Shanghai", "Europe/Paris",
    "America/Denver", "Asia/Singapore", "Europe/Helsinki", "America/Toronto", "Asia/Dubai",
]  # fmt: skip
OUTLOOK = ["W. Europe Standard Time", "Eastern Standard Time", "Tokyo Standard Time"]
FIRST = ["Ada", "Alan", "Emmy", "Grace", "Sofia", "Mei", "Ravi", "Lena", "Omar", "Ines", "Yuki"]
LAST = ["Lovelace", "Turing", "Noether", "Hopper", "Kowalski", "Lindqvist", "Okafor", "Haddad"]
TOPICS = ["knots", "random walks", "deep learning", "slow earthquakes", "enzyme design",
          "sleep", "sparse graphs", "ocean mixing", "proof assistants", "bird song"]  # fmt: skip
ROOMS = ["BC 2 14", "Room 204", "Salle B-12", "Hörsaal 3", "Auditorium Nord", "Lab 5.1"]


def _fold(line: str) -> str:
    raw = line.encode()
    out = []
    while len(raw) > 75:
        cut = 75 if not out else 74
        while (raw[cut] & 0xC0) == 0x80:
            cut -= 1
        out.append(raw[:cut])
        raw = raw[cut:]
    out.append(raw)
    return "\r\n ".join(p.decode() for p in out) + "\r\n"


def _person(rng: random.Random, i: int) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}"


def write_ics(path: Path, n: int, seed: int = 18) -> None:
    """``n`` distinct events, streamed to ``path`` (the generator holds none of them)."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for line in ("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//memory//EN"):
            fh.write(line + "\r\n")
        for i in range(n):
            year, month, day = 2020 + i % 6, 1 + i % 12, 1 + i % 28
            hour = 8 + i % 10
            who, topic = _person(rng, i), rng.choice(TOPICS)
            lines = [
                "BEGIN:VEVENT",
                f"UID:bench-{i:07}-{rng.getrandbits(32):08x}@memory.example.org",
                "DTSTAMP:20240101T000000Z",
            ]
            kind = i % 10
            if kind == 9:
                lines.append(f"DTSTART;VALUE=DATE:{year}{month:02}{day:02}")
            elif kind == 8:
                lines += [f"DTSTART:{year}{month:02}{day:02}T{hour:02}0000Z",
                          f"DTEND:{year}{month:02}{day:02}T{hour + 1:02}0000Z"]  # fmt: skip
            else:
                tz = OUTLOOK[i % 3] if kind == 7 else ZONES[i % len(ZONES)]
                lines += [f"DTSTART;TZID={tz}:{year}{month:02}{day:02}T{hour:02}1500",
                          f"DTEND;TZID={tz}:{year}{month:02}{day:02}T{hour + 1:02}1500"]  # fmt: skip
            if i % 50 == 0:
                lines.append(f"RRULE:FREQ=WEEKLY;COUNT={4 + i % 9}")
            lines += [
                f"SUMMARY:On {topic}, part {i}",
                f"LOCATION:{rng.choice(ROOMS)}",
                "DESCRIPTION:"
                + f"Speaker: {who} (University {i % 97})\\nTitle: On {topic}, part {i}\\n\\n"
                + "Abstract: "
                + " ".join(
                    f"We look at {topic} from angle {rng.getrandbits(40):x}." for _ in range(3)
                ),
                "END:VEVENT",
            ]
            fh.write("".join(_fold(line) for line in lines))
        fh.write("END:VCALENDAR\r\n")


def _message(rng: random.Random, i: int) -> bytes:
    who, topic = _person(rng, i), rng.choice(TOPICS)
    day = 1 + i % 28
    month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"][i % 11]
    body = (
        f"Dear all,\n\nour next seminar:\n\nSpeaker: {who} (Institute {i % 89})\n"
        f"Title: Notes on {topic}, number {i}\nDate: {month} {day}, 2024, {9 + i % 8}:00\n"
        f"Place: {rng.choice(ROOMS)}\n\nAbstract: "
        + " ".join(f"We discuss {topic} and case {rng.getrandbits(24):x}." for _ in range(12))
        + "\n\nBest,\nThe organizers\n"
    )
    head = (
        f"From: seminars-{i % 13}@example.org\nTo: list@example.org\n"
        f"Subject: Seminar: {who} on {topic} ({i})\n"
        f"Date: Mon, {day} {month} 2024 09:{i % 60:02}:00 +0100\n"
        f"Message-ID: <m{i}.{rng.getrandbits(32):x}@example.org>\nMIME-Version: 1.0\n"
    )
    if i % 3:
        return (head + 'Content-Type: text/plain; charset="utf-8"\n\n' + body).encode()
    blob = base64.encodebytes(rng.randbytes(rng.randint(30_000, 150_000))).decode("ascii")
    return (
        head
        + 'Content-Type: multipart/mixed; boundary="b"\n\n--b\n'
        + 'Content-Type: text/plain; charset="utf-8"\n\n'
        + body
        + '\n--b\nContent-Type: image/jpeg; name="poster.jpg"\n'
        + 'Content-Disposition: attachment; filename="poster.jpg"\n'
        + "Content-Transfer-Encoding: base64\n\n"
        + blob
        + "\n--b--\n"
    ).encode()


def write_mbox(path: Path, megabytes: int, seed: int = 18) -> int:
    """Distinct messages up to ``megabytes`` MB; returns how many."""
    rng = random.Random(seed)
    goal = megabytes * 1_000_000
    size = n = 0
    with open(path, "wb") as fh:
        while size < goal:
            msg = _message(rng, n)
            envelope = f"From seminars@example.org Mon Mar  4 09:{n % 60:02}:00 2024\n".encode()
            fh.write(envelope + msg + b"\n")
            size += len(envelope) + len(msg) + 1
            n += 1
    return n


#: Runs its arguments as a child and prints that child's peak RSS (KB) and exit status.
#: A process forked from a large one starts with the parent's resident pages counted,
#: and Linux keeps that high-water mark across exec: measured straight from a parent
#: that has grown (run_all.py, after the other benchmarks), every child read as large
#: as the parent. This small launcher is the measured command's only parent.
_LAUNCHER = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def peak_rss(cmd: list[str]) -> tuple[float, float, int]:
    """Run ``cmd``; its peak RSS in MB, its wall time in seconds, its exit status."""
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-S", "-c", _LAUNCHER, *cmd],
        capture_output=True,
        text=True,
        env=installed_env(),
        check=True,
    ).stdout.split()
    return int(out[0]) / 1024, time.perf_counter() - t0, int(out[1])


def _row(figure: str, cmd: list[str], note: str, budget: bool) -> Row:
    mb, seconds, code = peak_rss(cmd)
    if code not in (0, 3):
        return Row(figure, f"exit {code}", "", None, "", note)
    return Row(figure, f"{mb:.0f} MB", f"goal {GOAL_MB:.0f} MB", mb / GOAL_MB,
               "< 1" if budget else "", f"{note}; {seconds:.1f} s")  # fmt: skip


def measure(sizes: int = 3) -> list[Row]:
    """One run per size (a peak needs no median): the first ``sizes`` of each list."""
    seminorm = console_script("seminorm", "seminorm.cli:main")
    ics_sizes, mail_sizes = ICS_SIZES[:sizes], MAIL_SIZES[:sizes]
    rows: list[Row] = []
    big = ["--max-bytes", str(2_000_000_000)]
    with tempfile.TemporaryDirectory(prefix="seminorm-bench-memory-") as tmp:
        folder = Path(tmp)
        for n in ics_sizes:
            src = folder / f"cal-{n}.ics"
            write_ics(src, n)
            size = f"{src.stat().st_size / 1e6:.1f} MB"
            last = n == ICS_SIZES[-1]
            for fmt in ("ics", "jsonl"):
                out = folder / f"out.{fmt}"
                cmd = [*seminorm, "parse", str(src), "-o", str(out), *big, "-q"]
                rows.append(_row(f"peak RSS, {n:,} events ICS -> {fmt}", cmd, size, last))
                out.unlink(missing_ok=True)
            src.unlink()
        for mb in mail_sizes:
            src = folder / f"mail-{mb}.mbox"
            count = write_mbox(src, mb)
            cmd = [*seminorm, "parse", str(src), "-f", "jsonl", "-o", str(folder / "o.jsonl"),
                   *big, "-q"]  # fmt: skip
            last = mb == MAIL_SIZES[-1]
            rows.append(_row(f"peak RSS, {mb} MB mbox -> jsonl", cmd, f"{count:,} messages", last))
            src.unlink()
    return rows


if __name__ == "__main__":
    if not (BIN / "seminorm").exists():
        print("note: no seminorm console script next to this Python; using python -c")
    print_rows(measure(2 if "--quick" in sys.argv else 3), (__doc__ or "").splitlines()[0])
