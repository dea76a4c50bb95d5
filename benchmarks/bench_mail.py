"""E-mail archives: the cost of each message, beside the standard library reading the same mbox.

One mbox is generated (deterministic, distinct messages shaped like list
mail: a few ``Received`` lines, a DKIM signature, an RFC 2047 ``From`` name
and ``Subject``, a boundary of its own, ``multipart/alternative`` with a
quoted-printable plain part and an HTML part; one message in four with a
PDF attachment, one in ten with a ``text/calendar`` invitation), and read
in one process, alternately, CPU time, per message:

- **the reader**: what seminorm does to a message before the text
  extraction (:func:`seminorm.readers.email.unwrap`: parse, the headers of
  the hints, the MIME parts, the body chosen and cleaned), against the
  peer: Python's ``mailbox.mbox`` and ``email.message_from_bytes(...,
  policy=compat32)`` reading the same archive, walking every message's
  parts and decoding the text ones (the least any reader of an archive
  does). Reference, no budget (issue 18 asks for it to be measured).
- **the whole path**: ``stream_mbox`` (every message's events), against
  the same peer: what the extraction adds on top (reference).

With ``--memory`` it reads bench_memory's 20 MB archive instead (plain
messages, one in three with a large base64 attachment).

    python benchmarks/bench_mail.py [REPEAT] [--messages N] [--memory]
"""

from __future__ import annotations

import base64
import quopri
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Row, interleaved, print_rows, ratio, repeat_from_argv

FIRST = ["Ada", "Alan", "Emmy", "Grace", "Sofia", "Mei", "Ravi", "Lena", "Zoë", "Inès", "Jörg"]
LAST = ["Lovelace", "Turing", "Noether", "Hopper", "Kowalski", "Lindqvist", "Okafor", "Ó Briain"]
TOPICS = ["knots", "random walks", "deep learning", "slow earthquakes", "enzyme design",
          "sleep", "sparse graphs", "ocean mixing", "proof assistants", "bird song"]  # fmt: skip
ROOMS = ["BC 2 14", "Room 204", "Salle B-12", "Hörsaal 3", "Auditorium Nord", "Lab 5.1"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _encoded(s: str) -> str:
    from email.header import Header

    return s if s.isascii() else Header(s, "utf-8").encode()


def _qp(text: str, charset: str) -> bytes:
    return quopri.encodestring(text.encode(charset, "replace")).replace(b"\r\n", b"\n")


def message(rng: random.Random, i: int) -> bytes:
    """One list message, distinct from every other (names, numbers, ids, boundary)."""
    who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    topic = rng.choice(TOPICS)
    day, month = 1 + i % 28, MONTHS[i % 12]
    hour = 9 + i % 8
    body = (
        f"Dear all,\n\nour next seminar will take place on {month} {day}, 2024.\n\n"
        f"Speaker: {who} (Institute {i % 89})\nTitle: Notes on {topic}, number {i}\n"
        f"Date: {month} {day}, 2024, {hour}:00-{hour + 1}:00\nPlace: {rng.choice(ROOMS)}\n\n"
        "Abstract: "
        + " ".join(f"We discuss {topic} and case {rng.getrandbits(24):x}." for _ in range(10))
        + f"\n\nAll welcome.\n\nBest,\nThe organizers\n-- \nSeminar list {i % 7}\n"
        "To unsubscribe, write to seminars-leave@example.org\n"
    )
    html = "<html><body>" + "".join(
        f"<p>{line}</p>\n" for line in body.replace("&", "&amp;").split("\n")
    )
    html += f'<p><a href="https://seminars.example.org/talk/{i}">Page</a></p></body></html>\n'
    host = f"mx{i % 5}.example.org"
    boundary = f"=_part_{i}_{rng.getrandbits(48):012x}"
    charset = "windows-1252" if i % 2 else "utf-8"
    head = [
        f"Return-Path: <seminars-bounces-{i % 13}@example.org>",
        f"Received: from {host} ({host} [192.0.2.{i % 250}])\n\tby mail.example.org with "
        f"ESMTPS id {rng.getrandbits(40):x}\n\tfor <list@example.org>; "
        f"Mon, {day} {month} 2024 09:{i % 60:02}:00 +0000 (UTC)",
        f"Received: from lists.example.org (lists.example.org [198.51.100.7])\n\tby {host} "
        f"with ESMTP id {rng.getrandbits(40):x};\n\tMon, {day} {month} 2024 09:{i % 60:02}:00 +0000",
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=mail;\n\t"
        f"h=from:to:subject:date:message-id; bh={base64.b64encode(rng.randbytes(32)).decode()};\n\t"
        f"b={base64.b64encode(rng.randbytes(96)).decode()}",
        f"From: {_encoded(who)} <speaker{i}@example.org>",
        f"To: seminars-{i % 13}@lists.example.org",
        f"Subject: {_encoded(f'[seminars-{i % 13}] Seminar: {who} on {topic} ({i})')}",
        f"Date: Mon, {day} {month} 2024 09:{i % 60:02}:00 +0100",
        f"Message-ID: <m{i}.{rng.getrandbits(32):x}@example.org>",
        f"List-Id: Seminars <seminars-{i % 13}.lists.example.org>",
        f"List-Unsubscribe: <mailto:seminars-leave-{i % 13}@example.org>",
        "MIME-Version: 1.0",
    ]
    alternative = (
        f'--{boundary}-alt\nContent-Type: text/plain; charset="{charset}"\n'
        "Content-Transfer-Encoding: quoted-printable\n\n"
        + _qp(body, charset).decode("ascii")
        + f'\n--{boundary}-alt\nContent-Type: text/html; charset="utf-8"\n'
        "Content-Transfer-Encoding: quoted-printable\n\n"
        + _qp(html, "utf-8").decode("ascii")
        + f"\n--{boundary}-alt--\n"
    )
    extra = ""
    if i % 10 == 3:
        start = f"2024{1 + i % 12:02}{day:02}T{hour:02}0000"
        ics = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//mail//EN\r\nMETHOD:REQUEST\r\n"
            f"BEGIN:VEVENT\r\nUID:mail-{i}@example.org\r\nDTSTAMP:20240101T000000Z\r\n"
            f"DTSTART;TZID=Europe/Zurich:{start}\r\nSUMMARY:Notes on {topic}\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        extra += (
            f'--{boundary}\nContent-Type: text/calendar; charset="utf-8"; method=REQUEST\n'
            f"Content-Transfer-Encoding: base64\n\n{base64.encodebytes(ics.encode()).decode()}"
        )
    if i % 4 == 1:
        blob = base64.encodebytes(rng.randbytes(rng.randint(20_000, 80_000))).decode("ascii")
        extra += (
            f'--{boundary}\nContent-Type: application/pdf; name="abstract-{i}.pdf"\n'
            f'Content-Disposition: attachment; filename="abstract-{i}.pdf"\n'
            f"Content-Transfer-Encoding: base64\n\n{blob}"
        )
    if not extra:
        head.append(f'Content-Type: multipart/alternative; boundary="{boundary}-alt"')
        return ("\n".join(head) + "\n\n" + alternative).encode("ascii")
    head.append(f'Content-Type: multipart/mixed;\n\tboundary="{boundary}"')
    return (
        "\n".join(head)
        + f"\n\n--{boundary}\nContent-Type: multipart/alternative; "
        + f'boundary="{boundary}-alt"\n\n'
        + alternative
        + extra
        + f"--{boundary}--\n"
    ).encode("ascii")


def write_mbox(path: Path, messages: int, seed: int = 18) -> int:
    """``messages`` distinct list messages in an mbox; returns its size in bytes."""
    rng = random.Random(seed)
    size = 0
    with open(path, "wb") as fh:
        for i in range(messages):
            envelope = f"From seminars@example.org Mon Mar  4 09:{i % 60:02}:00 2024\n".encode()
            data = envelope + message(rng, i) + b"\n"
            fh.write(data)
            size += len(data)
    return size


def peer(path: Path) -> int:
    """The standard library reading the archive: every message parsed (compat32), its
    parts walked and its text parts decoded. Returns the number of messages."""
    import email
    import mailbox
    from email.policy import compat32

    box = mailbox.mbox(path, create=False)
    n = 0
    try:
        for key in box.iterkeys():
            msg = email.message_from_bytes(box.get_bytes(key), policy=compat32)
            msg.get("subject"), msg.get("date"), msg.get("from")
            for part in msg.walk():
                if part.get_content_maintype() == "text":
                    data = part.get_payload(decode=True)
                    if isinstance(data, bytes):
                        data.decode(part.get_content_charset() or "utf-8", "replace")
            n += 1
    finally:
        box.close()
    return n


def measure(repeat: int = 5, messages: int = 300, memory_archive: bool = False) -> list[Row]:
    try:
        from seminorm.context import Context
        from seminorm.readers.email import split_mbox, stream_mbox, unwrap
    except ImportError as e:  # a checkout without the stage yet
        return [Row("e-mail reader, per message", "n/a", "n/a", None, "", f"not measured: {e}")]
    ctx = Context(today=date(2024, 3, 12), tz="Europe/Zurich", max_bytes=2_000_000_000)
    with tempfile.TemporaryDirectory(prefix="seminorm-bench-mail-") as tmp:
        path = Path(tmp) / "list.mbox"
        if memory_archive:
            from bench_memory import write_mbox as memory_mbox

            count = memory_mbox(path, 20)
            size = path.stat().st_size
            what = f"bench_memory's 20 MB archive, {count} messages"
        else:
            size = write_mbox(path, messages)
            what = f"{messages} generated list messages, {size / 1e6:.1f} MB"

        def reader() -> None:
            for raw in split_mbox(path.read_bytes()):
                unwrap(raw)

        def whole() -> None:
            with open(path, "rb") as fh:
                for _ in stream_mbox(fh, ctx):
                    pass

        n = peer(path)
        t = interleaved(
            {"reader": reader, "whole": whole, "peer": lambda: peer(path)},
            repeat,
            clock=time.process_time,
        )
    per = {k: v.median / n * 1000 for k, v in t.items()}
    note = f"{what}; CPU time, median of {repeat}"
    return [
        Row("e-mail: the reader, per message", f"{per['reader']:.2f} ms",
            f"stdlib {per['peer']:.2f} ms", ratio(per["reader"], per["peer"]), "", note),
        Row("e-mail: whole path, per message", f"{per['whole']:.2f} ms",
            f"stdlib {per['peer']:.2f} ms", ratio(per["whole"], per["peer"]), "", note),
    ]  # fmt: skip


if __name__ == "__main__":
    count = 300
    if "--messages" in sys.argv:
        at = sys.argv.index("--messages")
        count = int(sys.argv.pop(at + 1))
        sys.argv.pop(at)
    rows = measure(repeat_from_argv(5), count, "--memory" in sys.argv)
    print_rows(rows, (__doc__ or "").splitlines()[0])
