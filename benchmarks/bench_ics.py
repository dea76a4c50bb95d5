"""ICS normalization of a 1,000-event calendar, in one process.

seminorm (``pipeline.parse_bytes`` + ``write.render(..., "ics")``) vs the
icalendar library's own ``Calendar.from_ical`` + ``to_ical`` of the same
bytes (budget: at most 1.5x), on two calendars: the synthetic one below and,
when ../shared/corpus/ics is there, a corpus mix (1,000 events taken in turn
from the real files, with their many zones, custom VTIMEZONEs and long
RRULEs, one of them until the year 7006). Every library cache (seminorm's,
icalendar's, zoneinfo's) is cleared before each timed call, so a repetition
pays what a process converting one new calendar pays; times are CPU time
of this process (the machine is shared). x-wr-timezone's conversion
(``from_ical`` + ``to_standard`` + ``to_ical``) is printed as a reference.
The calendar is generated deterministically: a Google-style export with
``X-WR-TIMEZONE``, a ``VTIMEZONE``, zoned, UTC and all-day events, folded
descriptions, some RRULEs and VALARMs.

    python benchmarks/bench_ics.py [REPEAT]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import SHARED, Row, clear_caches, interleaved, print_rows, ratio, repeat_from_argv

VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Zurich
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""

SURNAMES = ["Tu", "Lovelace", "Noether", "Ramanujan", "Hopper", "Turing", "Germain", "Wiśniewski"]
TOPICS = ["knots", "random walks", "deep learning", "slow earthquakes", "enzyme design", "sleep"]


def fold(line: str) -> list[str]:
    out, raw = [], line.encode()
    while len(raw) > 75:
        cut = 75 if not out else 74
        while cut and (raw[cut] & 0xC0) == 0x80:  # never inside a UTF-8 character
            cut -= 1
        out.append(raw[:cut].decode())
        raw = raw[cut:]
    out.append(raw.decode())
    return [out[0]] + [" " + x for x in out[1:]]


def calendar(n: int = 1000) -> bytes:
    """A deterministic calendar of ``n`` events."""
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//seminorm//EN", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "X-WR-CALNAME:Seminars", "X-WR-TIMEZONE:Europe/Zurich",
        *VTIMEZONE.splitlines(),
    ]  # fmt: skip
    for i in range(n):
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        year = 2022 + i // 336
        who = SURNAMES[i % len(SURNAMES)]
        topic = TOPICS[i % len(TOPICS)]
        hour = 9 + i % 8
        ev = ["BEGIN:VEVENT", f"UID:event-{i:05}@bench.example.org", "DTSTAMP:20240101T000000Z"]
        if i % 10 == 9:
            ev += [f"DTSTART;VALUE=DATE:{year}{month:02}{day:02}", f"SUMMARY:Workshop day {i}"]
        elif i % 3 == 0:
            ev += [f"DTSTART:{year}{month:02}{day:02}T{hour - 1:02}1500Z",
                   f"DTEND:{year}{month:02}{day:02}T{hour:02}1500Z"]  # fmt: skip
        else:
            ev += [f"DTSTART;TZID=Europe/Zurich:{year}{month:02}{day:02}T{hour:02}1500",
                   f"DTEND;TZID=Europe/Zurich:{year}{month:02}{day:02}T{hour + 1:02}1500"]  # fmt: skip
        if i % 10 != 9:
            ev.append(f"SUMMARY:Seminar series {i % 7}: {who}")
        desc = (
            f"Title: On {topic}, part {i}\\nSpeaker: Dr. {who} (University {i % 13})\\n\\n"
            f"Abstract: We study {topic} and what {who} found about them\\, in {year}. "
            + "Some more words about the talk. "
            * (1 + i % 4)
        )
        ev += fold("DESCRIPTION:" + desc)
        ev += [f"LOCATION:Room {i % 50}.{i % 7}\\, Building {chr(65 + i % 5)}",
               f"URL:https://seminars.example.org/talk/{i}", "STATUS:CONFIRMED",
               "CATEGORIES:Seminars"]  # fmt: skip
        if i % 25 == 0:
            ev.append("RRULE:FREQ=WEEKLY;COUNT=10")
        if i % 20 == 0:
            ev += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder",
                   "TRIGGER:-PT15M", "END:VALARM"]  # fmt: skip
        ev.append("END:VEVENT")
        lines += ev
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def corpus_mix(n: int = 1000) -> bytes | None:
    """``n`` events from the real calendars of ../shared/corpus/ics, in turn (None without it).

    Files icalendar cannot read are skipped; each VTIMEZONE is kept once per
    TZID (the first seen); a repeated event gets a new UID.
    """
    import warnings

    from icalendar import Calendar

    folder = SHARED / "corpus" / "ics"
    if not folder.is_dir():
        return None
    zones: dict[str, bytes] = {}
    events: list[bytes] = []
    for path in sorted(folder.glob("*/*.ics")):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cal = Calendar.from_ical(path.read_bytes())
        except Exception:  # a broken file: not for this benchmark
            continue
        for comp in cal.walk():
            if comp.name == "VTIMEZONE":
                zones.setdefault(str(comp.get("TZID")), bytes(comp.to_ical()))
            elif comp.name == "VEVENT" and comp.get("DTSTART") is not None:
                events.append(bytes(comp.to_ical()))
    if not events:
        return None
    out = [b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//seminorm//EN\r\n"]
    out += zones.values()
    for i in range(n):
        ev = events[i % len(events)]
        if i >= len(events):
            ev = ev.replace(b"\r\nUID:", f"\r\nUID:copy{i // len(events)}-".encode(), 1)
        out.append(ev)
    out.append(b"END:VCALENDAR\r\n")
    return b"".join(out)


def measure_one(label: str, data: bytes, repeat: int, budget: str) -> list[Row]:
    from datetime import date

    from icalendar import Calendar

    fns = {}

    try:
        from seminorm.context import Context
        from seminorm.pipeline import parse_bytes
        from seminorm.write import render

        ctx = Context(today=date(2024, 3, 12), path="bench.ics")

        def ours() -> bytes:
            return render(parse_bytes(data, ctx), "ics", ctx)

        events = parse_bytes(data, ctx)
        out = ours()
        fns["seminorm"] = ours
        note = (
            f"{len(data) // 1024} KB in, {len(out) // 1024} KB out, "
            f"seminorm read {len(events)} events; caches cleared"
        )
    except Exception as e:  # a stage not there yet
        note = f"seminorm failed: {type(e).__name__}: {e}"

    def peer() -> bytes:
        return bytes(Calendar.from_ical(data).to_ical())

    fns["icalendar"] = peer
    try:
        import x_wr_timezone

        def xwr() -> bytes:
            return bytes(x_wr_timezone.to_standard(Calendar.from_ical(data)).to_ical())

        fns["x-wr-timezone"] = xwr
    except ImportError:
        pass
    t = interleaved(fns, repeat, setup=clear_caches, clock=time.process_time)
    base = t["icalendar"]
    rows = [
        Row(
            f"ICS {label}: parse + serialize",
            str(t["seminorm"]) if "seminorm" in t else "failed",
            str(base),
            ratio(t["seminorm"].median, base.median) if "seminorm" in t else None,
            budget,
            note,
        )
    ]
    if "x-wr-timezone" in t:
        rows.append(
            Row(
                f"ICS {label}: x-wr-timezone (reference)",
                str(t["seminorm"]) if "seminorm" in t else "failed",
                str(t["x-wr-timezone"]),
                ratio(t["seminorm"].median, t["x-wr-timezone"].median) if "seminorm" in t else None,
                "",
            )
        )
    return rows


def measure(repeat: int = 7) -> list[Row]:
    import warnings

    warnings.simplefilter("ignore")
    rows = measure_one("1,000 synthetic events", calendar(1000), repeat, "<= 1.2")
    mix = corpus_mix(1000)
    if mix is not None:
        rows += measure_one("1,000 corpus-mix events", mix, repeat, "<= 1.0")
    return rows


if __name__ == "__main__":
    print_rows(measure(repeat_from_argv(7)), __doc__.splitlines()[0])
