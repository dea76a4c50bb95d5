"""Streaming (docs/streaming.md): mbox messages and large calendars read a piece at a
time give the same events as the whole input read at once; writers fed batch by
batch give the same bytes; JSON Lines leave as each message is done; per-kind
``--max-bytes`` defaults. Memory itself is measured in ``slow`` tests and in
``benchmarks/bench_memory.py``, never timed here."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from seminorm.context import MAX_BYTES_BY_KIND, Context
from seminorm.errors import SeminormError
from seminorm.pipeline import parse_bytes, stream_file
from seminorm.readers.ics import parse_ics, stream_ics
from seminorm.write import render
from seminorm.write.json import to_jsonl
from seminorm.write.stream import Writer
from tests.helpers import ROOT, shared_dir

CTX = Context(today=date(2024, 3, 12))
ICS_FIXTURES = sorted((ROOT / "tests").rglob("*.ics"))


def _message(i: int) -> bytes:
    return (
        f"From: office-{i}@example.org\nSubject: Colloquium {i}\n"
        f"Date: Mon, 4 Mar 2024 09:00:00 +0100\nMIME-Version: 1.0\n"
        'Content-Type: text/plain; charset="utf-8"\n\n'
        f"Speaker: Mirela Quast-{i} (Institute of Tides)\nTitle: Notes on harbours, part {i}\n"
        f"Date: March {10 + i}, 2024, 16:00 CET\nPlace: Room {100 + i}\n"
    ).encode()


def mbox(n: int) -> bytes:
    out = []
    for i in range(n):
        out.append(f"From office@example.org Mon Mar  4 09:0{i % 10}:00 2024\n".encode())
        body = _message(i)
        if i == 1:
            body += b"\n>From the archive: a quoted envelope line\n"
        out.append(body + b"\n")
    return b"".join(out)


def _streamed(data: bytes, ctx: Context = CTX, *, again: bool = True) -> list[object]:
    return [ev for batch in stream_file(lambda: io.BytesIO(data), len(data), ctx, again=again)
            for ev in batch]  # fmt: skip


def test_mbox_streamed_gives_the_events_of_the_whole_file() -> None:
    data = mbox(6)
    whole = parse_bytes(data, CTX)
    assert len(whole) == 6
    assert _streamed(data) == whole
    assert _streamed(data, again=False) == whole  # standard input: one pass


def test_mbox_streamed_errors_as_the_whole_file() -> None:
    data = b"From a@b Mon Mar  4 09:00:00 2024\nSubject: hi\n\nno date here\n"
    with pytest.raises(SeminormError) as whole:
        parse_bytes(data, CTX)
    with pytest.raises(SeminormError) as streamed:
        _streamed(data)
    assert str(streamed.value) == str(whole.value)


def test_an_mbox_message_over_the_message_limit_is_skipped_unread() -> None:
    from seminorm.readers.email import stream_mbox

    big = b"From a@b Mon Mar  4 09:00:00 2024\n" + _message(7) + b"x" * 5000 + b"\n"
    data = big + mbox(2)
    assert len(_streamed(data)) == 3
    limited = [ev for b in stream_mbox(io.BytesIO(data), CTX, message_limit=4000) for ev in b]
    assert [ev.title for ev in limited] == [
        "Notes on harbours, part 0",
        "Notes on harbours, part 1",
    ]
    with pytest.raises(SeminormError, match=r"a message of 5,2\d\d bytes, over the limit of 4,000"):
        list(stream_mbox(io.BytesIO(big), CTX, message_limit=4000))


def _ics_events(data: bytes, size: int) -> str:
    try:
        chunks = lambda: (data[i : i + size] for i in range(0, len(data), size))  # noqa: E731
        return to_jsonl([ev for batch in stream_ics(chunks, CTX) for ev in batch])
    except SeminormError as e:
        return f"error: {e}"


def _ics_whole(data: bytes) -> str:
    try:
        return to_jsonl(parse_ics(data, CTX))
    except SeminormError as e:
        return f"error: {e}"


@pytest.mark.parametrize("path", ICS_FIXTURES, ids=lambda p: p.name)
def test_calendar_streamed_gives_the_events_of_the_whole_file(path: Path) -> None:
    data = path.read_bytes()
    if not data.strip():
        pytest.skip("empty")
    whole = _ics_whole(data)
    assert _ics_events(data, 1 << 20) == whole
    assert _ics_events(data, 7) == whole  # chunks that cut lines, CRLF pairs, UTF-8


@pytest.mark.slow
def test_ics_corpus_streamed_gives_the_events_of_the_whole_file() -> None:
    folder = shared_dir("corpus", "ics")
    differ = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data.strip() and _ics_events(data, 4096) != _ics_whole(data):
            differ.append(path.name)
    assert not differ


def _big_calendar() -> bytes:
    from seminorm import pipeline

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "X-WR-TIMEZONE:Europe/Zurich"]
    n = 0
    while sum(len(x) + 2 for x in lines) < pipeline.STREAM_ICS_BYTES:
        lines += [
            "BEGIN:VEVENT", f"UID:u{n}@example.org", "DTSTAMP:20240101T000000Z",
            f"DTSTART:2024{1 + n % 12:02}{1 + n % 28:02}T1{n % 8}0000",
            f"SUMMARY:Harbour seminar: tides {n}", "DESCRIPTION:" + "x" * 3000, "END:VEVENT",
        ]  # fmt: skip
        n += 1
    lines += ["BEGIN:VTIMEZONE", "TZID:Europe/Zurich", "END:VTIMEZONE", "END:VCALENDAR"]
    return "\r\n".join(lines).encode()


def test_large_calendar_is_streamed_with_the_same_output(tmp_path: Path) -> None:
    data = _big_calendar()
    path = tmp_path / "big.ics"
    path.write_bytes(data)
    ctx = Context(today=date(2024, 3, 12), path=str(path))
    opener = lambda: open(path, "rb")  # noqa: E731
    streamed = [ev for b in stream_file(opener, len(data), ctx) for ev in b]
    assert streamed == parse_bytes(data, ctx)
    assert streamed[0].series == "Harbour seminar"


def test_a_large_calendar_on_standard_input_is_streamed_too(tmp_path: Path) -> None:
    data = _big_calendar()
    (tmp_path / "big.ics").write_bytes(data)
    args = [sys.executable, "-m", "seminorm", "parse", "-f", "jsonl", "-q", "--tz", "UTC"]
    piped = subprocess.run([*args, "-"], input=data, capture_output=True, cwd=tmp_path)
    named = subprocess.run([*args, "big.ics"], capture_output=True, cwd=tmp_path)
    assert piped.returncode == named.returncode == 0
    assert piped.stdout == named.stdout.replace(b'"path":"big.ics"', b'"path":null')
    over = subprocess.run([*args, "-", "--max-bytes", "4000000"], input=data, capture_output=True)
    assert over.returncode == 1
    assert b"over the limit of 4,000,000 bytes" in over.stderr


def test_convert_streams_a_large_file_with_the_same_output(tmp_path: Path) -> None:
    import json

    data = _big_calendar()
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "big.ics").write_bytes(data)
    out = subprocess.run(
        [sys.executable, "-m", "seminorm", "convert", "src", "-o", "out", "-j", "1",
         "--report", "report.jsonl", "-q"],
        cwd=tmp_path, capture_output=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    ctx = Context(today=date(2024, 3, 12), path="src/big.ics")
    events = parse_bytes(data, ctx)
    assert (tmp_path / "out" / "big.ics").read_bytes() == render(events, "ics", ctx)
    row = json.loads((tmp_path / "report.jsonl").read_text())
    assert (row["status"], row["events"]) == ("ok", len(events))


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "ics", "jcal", "table"])
def test_writer_fed_in_batches_gives_the_bytes_of_render(fmt: str) -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    events = parse_bytes(mbox(5), CTX)
    for sizes in ([5], [1, 1, 3], [2, 0, 3]):
        w = Writer(fmt, CTX)
        out, at = [], 0
        for n in sizes:
            out.append(w.write(events[at : at + n]))
            at += n
        out.extend(w.close())
        assert b"".join(out) == render(events, fmt, CTX)
    assert b"".join(Writer("json", CTX).close()) == render([], "json", CTX)


@pytest.mark.parametrize("spool_after", [0, 1, 700, 1 << 20])
def test_ics_events_are_spooled_past_a_size_with_the_same_bytes(
    spool_after: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Held in memory up to SPOOL_AFTER bytes, then in a temporary file: the same output."""
    from seminorm.write import stream

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(stream, "SPOOL_AFTER", spool_after)
    events = parse_bytes(mbox(5), CTX)
    w = Writer("ics", CTX)
    out = [w.write(events[:2]), w.write(events[2:3]), w.write(events[3:])]
    assert (w.spool is not None) == (spool_after < 1 << 20)
    out.extend(w.close())
    assert b"".join(out) == render(events, "ics", CTX)


def test_jsonl_leaves_as_each_message_is_done() -> None:
    """The first message's line is on the pipe before the last message is written."""
    messages = mbox(3).split(b"From office@")
    first, rest = b"From office@" + messages[1], [b"From office@" + m for m in messages[2:]]
    proc = subprocess.Popen(
        [sys.executable, "-m", "seminorm", "parse", "-", "-f", "jsonl", "-q"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    assert proc.stdin is not None
    assert proc.stdout is not None
    try:
        proc.stdin.write(first + rest[0])  # the second message's envelope ends the first
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 120)  # a guard, not a timing
        assert ready, "no line before the last message was written"
        line = proc.stdout.readline()
        assert b"Notes on harbours, part 0" in line
        proc.stdin.write(rest[1])
        proc.stdin.close()
        lines = [line, *proc.stdout.read().splitlines(keepends=True)]
    finally:
        proc.stdin.close()
        proc.stdout.close()
        proc.wait(60)
    assert len(lines) == 3
    assert proc.returncode == 0


def test_max_bytes_defaults_per_kind(tmp_path: Path) -> None:
    assert Context().limit("text") == MAX_BYTES_BY_KIND["text"] == 20_000_000
    assert Context().limit("ics") == Context().limit("mbox") >= 100_000_000
    assert Context(max_bytes=1000).limit("mbox") == 1000
    text = tmp_path / "long.txt"
    text.write_bytes(b"Seminar on May 4, 2024 at 3pm.\n" + b"a" * MAX_BYTES_BY_KIND["text"])
    cal = tmp_path / "cal.ics"
    head = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@b\r\nDTSTART:20240504T150000Z\r\n"
    pad = (b"padding " * 125 + b"\r\n") * 21_000  # 21 MB of lines that are not content lines
    cal.write_bytes(head + b"SUMMARY:Tides\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" + pad)
    out = subprocess.run(
        [sys.executable, "-m", "seminorm", "parse", str(text), str(cal), "-f", "jsonl", "-q"],
        capture_output=True,
    )
    assert out.returncode == 1
    assert f"{text}: error: input is 20,000,031 bytes, over the limit of 20,000,000" in (
        out.stderr.decode()
    )
    assert out.stdout.count(b"\n") == 1  # 21 MB of calendar is read
    assert b'"Tides"' in out.stdout


def _peak_mb(args: list[str]) -> float:
    """Peak resident memory of one whole ``seminorm`` process (not its time)."""
    proc = subprocess.Popen([sys.executable, "-m", "seminorm", *args, "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0
    return usage.ru_maxrss / 1024


def _calendar(path: Path, n: int) -> None:
    zones = ["Europe/Zurich", "America/New_York", "Asia/Tokyo", "W. Europe Standard Time"]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
        for i in range(n):
            fh.write(
                f"BEGIN:VEVENT\r\nUID:m{i}@example.org\r\nDTSTAMP:20240101T000000Z\r\n"
                f"DTSTART;TZID={zones[i % 4]}:20{20 + i % 9}0{1 + i % 9}1{i % 9}T1{i % 8}0000\r\n"
                f"SUMMARY:Tides and harbours, part {i}\r\nLOCATION:Room {i % 300}\r\n"
                f"DESCRIPTION:Speaker: Mirela Quast-{i}\\nAbstract: case {i:x} "
                + "of the tides. " * 20
                + "\r\nEND:VEVENT\r\n"
            )
        fh.write("END:VCALENDAR\r\n")


@pytest.mark.slow
def test_memory_is_flat_in_the_number_of_events(tmp_path: Path) -> None:
    small, large = tmp_path / "small.ics", tmp_path / "large.ics"
    _calendar(small, 1_500)
    _calendar(large, 12_000)  # 6 MB: read component by component
    for fmt in ("ics", "jsonl"):
        base = _peak_mb(["parse", str(small), "-o", str(tmp_path / f"s.{fmt}")])
        peak = _peak_mb(["parse", str(large), "-o", str(tmp_path / f"l.{fmt}")])
        assert peak < base + 25, (fmt, base, peak)  # read whole: about +60 MB
    box = tmp_path / "mail.mbox"
    box.write_bytes(mbox(300))
    base = _peak_mb(["parse", str(box), "-f", "jsonl", "-o", str(tmp_path / "m.jsonl")])
    box.write_bytes(mbox(3000))  # 1 MB, ten times the messages
    peak = _peak_mb(["parse", str(box), "-f", "jsonl", "-o", str(tmp_path / "m.jsonl")])
    assert peak < base + 10, (base, peak)
