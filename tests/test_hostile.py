"""Hostile and broken inputs: each is answered with events or a one-line error, in linear time.

Linear time is checked by ratio, never by wall-clock limits: the same input
shape at size N and 10N, each timed as the best of three runs, must not take
more than ``MAX_RATIO`` (25) times as long; a quadratic path would take about
100 times as long. The cheapest shapes run at 100 KB vs 1 MB, the others at
10 KB vs 100 KB (5 KB vs 50 KB for the slowest; 100 vs 1,000 nested events, 2,000 vs 20,000
properties, 20 vs 200 MIME parts; the full 20,000 nested events, 200,000
properties and 1,000 parts are each answered once), to keep this file well under
90 seconds. Sizes are in the ``SHAPES`` table.

The crashes the fuzzer and the property tests found are kept at the end of
the file as regression tests, with their inputs inline.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import time
import traceback
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from seminorm import SeminormError
from seminorm.context import Context
from seminorm.errors import ReadError
from seminorm.model import Event
from seminorm.pipeline import parse_bytes
from seminorm.write import render

from .conftest import TODAY
from .helpers import in_child

MAX_RATIO = 25
#: Below this, a timing is noise; the smaller run is counted as at least this long.
FLOOR = 0.01
CTX = Context(today=TODAY, reference=TODAY, tz="Europe/Zurich")

ANNOUNCEMENT = (
    "Mathematics Colloquium\n"
    "Title: Mixing times of random walks\n"
    "Speaker: Prof. Marit Jansen (Universiteit Hanzestad)\n"
    "Date: Thursday, November 16, 2023\n"
    "Time: 14:15 - 15:15\n"
    "Room: 5161.0105\n"
)


def answer(data: bytes, ctx: Context = CTX) -> list[Event]:
    """Parse and write JSON and ICS; only a one-line SeminormError may come out."""
    try:
        events = parse_bytes(data, ctx)
    except SeminormError as e:
        assert_one_line(e)
        return []
    assert events
    for fmt in ("json", "ics"):
        try:
            render(events, fmt, ctx)
        except SeminormError as e:
            assert_one_line(e)
    return events


def assert_one_line(e: BaseException) -> None:
    message = str(e).strip()
    assert message
    assert "\n" not in message
    assert len(message) < 500, f"error message of {len(message)} characters"


def bounded(check: Callable[..., object], *args: object, budget: float = 30) -> None:
    """Run ``check(*args)`` in a forked child; fail on its error, or when it overruns ``budget``.

    A hang is then a failed test, never a hung test run.
    """
    in_child(_without_result, check, args, budget=budget)


def _without_result(check: Callable[..., object], args: tuple[object, ...]) -> None:
    check(*args)  # what it returns (events) need not cross back to the test


def assert_linear(make: Callable[[int], bytes], n: int, ctx: Context = CTX) -> None:
    """``make(10 n)`` takes at most MAX_RATIO times as long as ``make(n)``.

    Both sizes run in one forked child (after a warm-up run of the smaller);
    the child is killed when the larger overruns its budget, so a
    super-linear path fails the test instead of hanging the run.
    """
    small, big = make(n), make(10 * n)
    mp = multiprocessing.get_context("fork")
    receive, send = mp.Pipe(duplex=False)
    child = mp.Process(target=_time_both, args=(small, big, ctx, send), daemon=True)
    child.start()
    send.close()
    try:
        first = max(_receive(receive, 120, f"{len(small):,} bytes"), FLOOR)
        budget = 3 * (MAX_RATIO + 1) * first + 10
        t_small = max(_receive(receive, budget, f"{len(big):,} bytes"), FLOOR)
        t_big = _receive(receive, 1, "the timings")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
    ratio = t_big / t_small
    assert ratio < MAX_RATIO, (
        f"{len(small):,} bytes: {t_small:.4f} s; {len(big):,} bytes: {t_big:.4f} s; "
        f"ratio {ratio:.1f} (linear would be about 10)"
    )


def _receive(receive: Any, budget: float, what: str) -> float:
    try:
        if not receive.poll(budget):
            pytest.fail(f"{what}: no answer within {budget:.1f} s: super-linear or a hang")
        got = receive.recv()
    except EOFError:
        pytest.fail(f"{what}: the child process died")
    if isinstance(got, str):
        pytest.fail(got, pytrace=False)
    return float(got)


def _time_both(small: bytes, big: bytes, ctx: Context, send: Any) -> None:
    """Time the two sizes in turns (small, big, small, big...), best of three each.

    Taking turns spreads the load of a busy machine over both sizes alike.
    """
    try:
        answer(small, ctx)  # warm up: imports, caches
        smalls, bigs = [_timed(small, ctx)], []
        send.send(smalls[0])  # the parent sets the larger size's budget from this
        for _ in range(3):
            bigs.append(_timed(big, ctx))
            if len(smalls) < 3:
                smalls.append(_timed(small, ctx))
        send.send(min(smalls))
        send.send(min(bigs))
    except BaseException:
        send.send(traceback.format_exc())


def _timed(data: bytes, ctx: Context) -> float:
    t0 = time.perf_counter()
    answer(data, ctx)
    return time.perf_counter() - t0


def repeat(unit: bytes, prefix: bytes = b"", suffix: bytes = b"") -> Callable[[int], bytes]:
    """A builder: ``prefix + unit * k + suffix`` of about ``size`` bytes."""

    def make(size: int) -> bytes:
        return prefix + unit * max(1, size // len(unit)) + suffix

    return make


def ics(body: bytes) -> bytes:
    return b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + body + b"END:VCALENDAR\r\n"


def vevent(*lines: bytes) -> bytes:
    head = b"BEGIN:VEVENT\r\nUID:h@x\r\nDTSTART:20240504T160000Z\r\nSUMMARY:Talk\r\n"
    return head + b"".join(ln + b"\r\n" for ln in lines) + b"END:VEVENT\r\n"


def nested_vevents(k: int) -> bytes:
    return ics(b"BEGIN:VEVENT\r\nDTSTART:20240504T160000Z\r\n" * k + b"END:VEVENT\r\n" * k)


def many_properties(k: int) -> bytes:
    return ics(vevent(*(b"X-PROP-%d:value %d" % (i % 97, i) for i in range(k))))


def mime(parts: int) -> bytes:
    head = (
        b"From: Ann <ann@example.org>\nTo: list@example.org\nSubject: Talk\n"
        b"Date: Tue, 12 Mar 2024 10:00:00 +0100\nMessage-ID: <1@example.org>\n"
        b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=BOUND\n\n"
    )
    part = (
        b"--BOUND\nContent-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: quoted-printable\n\nSee the attached=20notes.\n"
    )
    first = b"--BOUND\nContent-Type: text/plain; charset=utf-8\n\n" + ANNOUNCEMENT.encode() + b"\n"
    return head + first + part * (parts - 1) + b"--BOUND--\n"


# (id, builder of about `n` bytes or `n` units, n for the smaller run)
SHAPES: list[tuple[str, Callable[[int], bytes], int]] = [
    # cheapest: 100 KB vs 1 MB
    ("digits-line", repeat(b"1234567890"), 100_000),
    ("nul-bytes", repeat(b"\x00"), 100_000),
    ("one-huge-property-value", lambda n: ics(vevent(b"DESCRIPTION:" + b"a\\, b" * (n // 5))), 100_000),
    ("random-binary", lambda n: random.Random(n).randbytes(n), 100_000),
    # the others: 10 KB vs 100 KB
    ("time-ranges-line", repeat(b"10:00-11:00 "), 10_000),
    ("time-ranges-lines", repeat(b"10:00-11:00\n", prefix=b"Title: T\nSpeaker: Ann\n"), 10_000),
    ("dates-line", repeat(b"May 4, 2021 "), 10_000),
    ("numeric-dates-line", repeat(b"04/05/2021 16:00 "), 5_000),
    ("weekday-dates-lines", repeat(b"Tuesday, 4 May 2021, 2:30-3:30pm CEST\n"), 10_000),
    ("label-flood", repeat(b"Speaker: Title: When: "), 10_000),
    ("label-flood-lines", repeat(b"Speaker:\nTitle:\nWhen:\n"), 10_000),
    ("speaker-line", repeat(b"Prof. Ada Lovelace (Cambridge), ", prefix=b"Speaker: ", suffix=b"\nMay 4, 2021, 16:00\n"), 10_000),
    ("zone-words", repeat(b"16:00 CET EST IST Paris time UTC+2 GMT-5 "), 10_000),
    ("urls", repeat(b"https://zoom.us/j/123?pwd=abc https://x.y/a?q=",), 10_000),
    ("announcements", repeat(ANNOUNCEMENT.encode() + b"\n"), 10_000),
    ("deep-html", repeat(b"<div>", prefix=b"<!doctype html><html><body>"), 10_000),
    ("deep-html-text", repeat(b"<div>Talk 16:00 May 4, 2021", prefix=b"<html><body>"), 5_000),
    ("utf16-announcements", lambda n: (ANNOUNCEMENT * max(1, n // 400)).encode("utf-16"), 10_000),
    ("ics-events", lambda n: ics(vevent() * max(1, n // 70)), 5_000),
    ("ics-unfolded-continuations", lambda n: ics(vevent(b"DESCRIPTION:x" + b"\r\n y" * (n // 4))), 10_000),
    ("ics-bare-lf", lambda n: ics(vevent() * max(1, n // 70)).replace(b"\r\n", b"\n"), 5_000),
    # counted in units
    ("nested-vevents", nested_vevents, 100),
    ("ics-properties", many_properties, 2_000),
    ("mime-parts", mime, 20),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("make", "n"), [s[1:] for s in SHAPES], ids=[s[0] for s in SHAPES])
def test_time_grows_linearly(make: Callable[[int], bytes], n: int) -> None:
    assert_linear(make, n)


# --------------------------------------------------------------------------
# Shapes at their full size, answered at all
# --------------------------------------------------------------------------


def test_rrule_with_a_huge_count_is_kept_not_expanded() -> None:
    def check() -> None:
        (ev,) = parse_bytes(ics(vevent(b"RRULE:FREQ=DAILY;COUNT=999999999")), CTX)
        assert ev.rrule is not None
        assert "COUNT=999999999" in ev.rrule
        out = render([ev], "ics", CTX)
        assert b"RRULE:FREQ=DAILY;COUNT=999999999" in out
        assert out.count(b"BEGIN:VEVENT") == 1

    bounded(check)  # an expansion would take hours


@pytest.mark.parametrize(
    "rule",
    [
        b"RRULE:FREQ=SECONDLY;COUNT=999999999",
        b"RRULE:FREQ=SECONDLY;UNTIL=99991231T235959Z",
        b"RRULE:FREQ=YEARLY;BYDAY=-53MO;BYMONTHDAY=31;BYMONTH=2",
        b"RRULE:FREQ=DAILY;UNTIL=20240101",
        b"RRULE:FREQ=DAILY;UNTIL=00010101T000000Z",
        b"RRULE:FREQ=NONE;COUNT=-1",
        b"RRULE:" + b"FREQ=DAILY;" * 10_000,
    ],
)
def test_hostile_rrules(rule: bytes) -> None:
    bounded(answer, ics(vevent(rule)))


def test_500_kb_speaker_line() -> None:
    line = b"Speaker: " + b"Prof. Ada Lovelace (Cambridge), " * 16_000
    bounded(answer, line + b"\nTitle: Knots\nDate: May 4, 2021, 16:00\n", budget=60)


@pytest.mark.slow
def test_20000_nested_vevents() -> None:
    def check() -> None:  # parsing only: writing 20,000 events is linear and slow
        try:
            parse_bytes(nested_vevents(20_000), CTX)
        except SeminormError as e:
            assert_one_line(e)

    bounded(check, budget=120)


@pytest.mark.slow
def test_200000_ics_properties() -> None:
    def check() -> None:
        assert len(answer(many_properties(200_000))) == 1

    bounded(check)


@pytest.mark.parametrize(
    "data",
    [
        b"\x00",
        b"\x00" * 1000,
        ANNOUNCEMENT.replace("\n", "\x00\n").encode(),
        ANNOUNCEMENT.replace(" ", "\x00").encode(),
        ics(vevent(b"SUMMARY:a\x00b", b"DESCRIPTION:\x00")),
        ics(vevent()).replace(b"\r\n", b"\x00\r\n"),
        b"<html><body>\x00<p>Talk\x00 May 4, 2021 16:00</p>",
    ],
    ids=["nul", "nuls", "nul-eol", "nul-spaces", "nul-ics-values", "nul-ics-eol", "nul-html"],
)
def test_nul_bytes(data: bytes) -> None:
    def check() -> None:
        for ev in answer(data):
            for value in (ev.title, ev.description, ev.abstract):
                assert "\x00" not in (value or ""), "NUL kept in a text field"

    bounded(check)


@pytest.mark.parametrize(
    "text",
    [
        "Talk on February 30, 2024 at 16:00",
        "Talk on 30/02/2024 at 16:00",
        "Talk on 2024-02-30 16:00",
        "Talk on May 4, 2024 at 25:61",
        "Talk on May 4, 2024 at 24:00",
        "Talk on May 4, 2024 at 99:99 - 100:00",
        "Talk on May 4, 2024 at 16:00-15:00",
        "Talk on Monday, May 4, 2024 at 16:00",  # wrong weekday
        "Talk on May 32, 2024 at 16:00",
        "Talk on 0/0/0 at 0:00",
        "Talk on January 1, 0001 at 00:00",
        "Talk on 0001-01-01 00:00 UTC+14",
        "Talk on December 31, 9999 at 23:59",
        "Talk on 9999-12-31 23:59 UTC-12",
        "Talk on 9999-12-31T23:59:59-12:00",
        "Talk on December 31, 99999 at 23:59",
        "Talk on May 4, 2024 at 16:00 UTC+99",
        "Talk on May 4, 2024 at 16:00 GMT-25:00",
        "Talk on May 4, 2024 at 16:00 Mars/Olympus_Mons",
        "Talk on May 4, 2024 at 16:00 XYZT",
        "Talk on March 31, 2024 at 02:30",  # in Zurich's spring-forward gap
        "Talk on October 27, 2024 at 02:30",  # in Zurich's autumn fold
    ],
)
@pytest.mark.parametrize("output_tz", [None, "Pacific/Kiritimati", "Etc/GMT+12"])
def test_impossible_and_extreme_dates(text: str, output_tz: str | None) -> None:
    ctx = Context(today=TODAY, reference=TODAY, tz="Europe/Zurich", output_tz=output_tz)

    def check() -> None:
        for ev in answer(text.encode(), ctx):
            json.loads(render([ev], "json", ctx))

    bounded(check)


@pytest.mark.parametrize(
    "line",
    [
        b"DTSTART:20240230T160000",
        b"DTSTART:20240504T256100",
        b"DTSTART:00010101T000000",
        b"DTSTART:00010101T000000Z",
        b"DTSTART;TZID=Pacific/Kiritimati:00010101T000000",
        b"DTSTART:99991231T235959",
        b"DTSTART;TZID=Etc/GMT+12:99991231T235959",
        b"DTSTART:99991231T235959Z\r\nDURATION:P1D",
        b"DTSTART:20240504T160000Z\r\nDURATION:P99999999W",
        b"DTSTART:20240504T160000Z\r\nDTEND:99991231T235959Z",
        b"DTSTART;VALUE=DATE:99991231\r\nDTEND;VALUE=DATE:99991231",
        b"DTSTART;TZID=Mars/Olympus_Mons:20240504T160000",
        b"DTSTART;TZID=:20240504T160000",
        b"DTSTART;TZID=../../../etc/passwd:20240504T160000",
        b"DTSTART;TZID=" + b"A" * 10_000 + b":20240504T160000",
        b"DTSTART;TZID=W. Europe Standard Time:20240504T160000",
        b"DTSTART;TZID=(GMT+01:00) Amsterdam, Berlin:20240504T160000",
        b"DTSTART:2024",
        b"DTSTART:",
        b"DTSTART:20240504T160000+0200",
    ],
)
@pytest.mark.parametrize("output_tz", [None, "UTC", "Pacific/Kiritimati"])
def test_hostile_ics_dates_and_zones(line: bytes, output_tz: str | None) -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:T\r\n" + line + b"\r\nEND:VEVENT\r\n"
    )
    ctx = Context(today=TODAY, reference=TODAY, output_tz=output_tz)
    bounded(answer, data, ctx)


def test_custom_vtimezone_with_hostile_rules() -> None:
    tz = (
        b"BEGIN:VTIMEZONE\r\nTZID:Custom\r\nBEGIN:STANDARD\r\nDTSTART:00010101T000000\r\n"
        b"TZOFFSETFROM:+9999\r\nTZOFFSETTO:-9999\r\nRRULE:FREQ=SECONDLY\r\nEND:STANDARD\r\n"
        b"BEGIN:DAYLIGHT\r\nDTSTART:99991231T000000\r\nTZOFFSETTO:+2400\r\nEND:DAYLIGHT\r\n"
        b"END:VTIMEZONE\r\n"
    )
    bounded(answer, ics(tz + custom_zone_event()))


def custom_zone_event() -> bytes:
    return vevent().replace(b"DTSTART:20240504T160000Z", b"DTSTART;TZID=Custom:20240504T160000")


_SIXTY = b",".join(b"%d" % i for i in range(60))


@pytest.mark.slow
@pytest.mark.parametrize(
    "rule",
    [
        b"FREQ=SECONDLY",
        b"FREQ=MINUTELY;COUNT=999999999",
        # yearly, but 86,400 onsets a year, walked from year 1: a hang
        b"FREQ=YEARLY;BYHOUR=" + _SIXTY[:61] + b";BYMINUTE=" + _SIXTY + b";BYSECOND=" + _SIXTY,
        b"FREQ=YEARLY;BYYEARDAY=" + b",".join(b"%d" % i for i in range(1, 367)),
        b"FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2",
        b"FREQ=YEARLY;BYDAY=XX",
        b"FREQ=YEARLY;BYMONTH=13",
        b"FREQ=YEARLY;UNTIL=00010101T000000",
    ],
    ids=[
        "secondly",
        "minutely",
        "yearly-by-second",
        "yearly-every-day",
        "never",
        "bad-day",
        "bad-month",
        "until-year-1",
    ],
)
def test_custom_vtimezone_rules_from_year_1(rule: bytes) -> None:
    # Found by test_custom_vtimezone_with_hostile_rules: the matcher walked the
    # rule from its DTSTART in year 1 up to the event, one onset at a time.
    tz = (
        b"BEGIN:VTIMEZONE\r\nTZID:Custom\r\nBEGIN:STANDARD\r\nDTSTART:00010101T000000\r\n"
        b"TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nRRULE:" + rule + b"\r\nEND:STANDARD\r\n"
        b"END:VTIMEZONE\r\n"
    )
    bounded(answer, ics(tz + custom_zone_event()), budget=20)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-7"])
def test_utf16_and_friends(encoding: str) -> None:
    bounded(answer, ANNOUNCEMENT.encode(encoding))
    bounded(answer, ics(vevent()).decode().encode(encoding))


def test_truncated_utf16() -> None:
    bounded(answer, ANNOUNCEMENT.encode("utf-16")[:-1])
    bounded(answer, b"\xff\xfe" + b"\x00\xd8" * 100)  # lone surrogates


@pytest.mark.parametrize("seed", range(20))
def test_random_binary(seed: int) -> None:
    rnd = random.Random(seed)
    bounded(answer, rnd.randbytes(rnd.randrange(1, 20_000)))


def test_deeply_nested_html() -> None:
    bounded(answer, b"<!doctype html><html><body>" + b"<div>" * 100_000 + b"Talk May 4, 2024 16:00")
    bounded(answer, b"<html>" + b"<table><tr><td>" * 30_000)
    bounded(answer, b"<html><body>" + b"<!--" * 50_000 + b"<script>" * 10_000)


def test_html_json_ld_bombs() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    bounded(answer, b'<html><script type="application/ld+json">' + deep + b"</script></html>")
    big = b'{"@type":"Event","name":"T","startDate":"2024-05-04T16:00","x":"' + b"a" * 500_000
    bounded(answer, b'<html><script type="application/ld+json">' + big + b'"}</script></html>')


@pytest.mark.slow
def test_email_with_1000_mime_parts() -> None:
    bounded(answer, mime(1000))


@pytest.mark.parametrize(
    "data",
    [
        b"From: a@b.c\nMessage-ID: <x>\nContent-Type: multipart/mixed; boundary=B\n\n"
        + b"--B\n" * 5000,
        b"From: a@b.c\nMessage-ID: <x>\nContent-Type: multipart/mixed; boundary=\n\nx",
        b"From: a@b.c\nMessage-ID: <x>\nContent-Type: text/plain; charset=no-such-charset\n\nTalk May 4, 2024 16:00",
        b"From: a@b.c\nMessage-ID: <x>\nContent-Transfer-Encoding: base64\n\n!!!not base64===",
        b"From: a@b.c\nMessage-ID: <x>\nContent-Transfer-Encoding: quoted-printable\n\n=ZZ=\n=",
        b"From: a@b.c\nMessage-ID: <x>\nContent-Type: text/calendar\n\nBEGIN:VCALENDAR\nBEGIN:VEVENT",
        b"From: a@b.c\nMessage-ID: <x>\nDate: not a date at all\nSubject: =?utf-8?q?=ZZ?=\n\nTalk",
        b"From: a@b.c\nMessage-ID: <x>\nDate: Tue, 31 Dec 9999 23:59:59 -1200\n\nTalk at 16:00 tomorrow",
        b"From: a@b.c\nMessage-ID: <x>\nDate: Mon, 1 Jan 0001 00:00:00 +1400\n\nTalk at 16:00 tomorrow",
        b"From " + b"x" * 100_000 + b" Tue May 4 10:00:00 2021\nFrom: a@b.c\n\nTalk",
        b"From: " + b"a" * 100_000 + b"\nMessage-ID: <x>\n\nTalk",
        b"From: a@b.c\nMessage-ID: <x>\nContent-Type: message/rfc822\n\n" * 200,
    ],
    ids=lambda d: repr(d[40:70]),
)
def test_hostile_emails(data: bytes) -> None:
    bounded(answer, data)


def test_nested_message_rfc822() -> None:
    inner = ANNOUNCEMENT.encode()
    for _ in range(200):
        inner = (
            b"From: a@b.c\nMessage-ID: <x>\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n"
            + inner
        )
    bounded(answer, inner)


# --------------------------------------------------------------------------
# --max-bytes
# --------------------------------------------------------------------------


def test_max_bytes_refuses_larger_input() -> None:
    ctx = Context(today=TODAY, max_bytes=1000)
    data = ANNOUNCEMENT.encode().ljust(1001, b" ")
    with pytest.raises(ReadError) as info:
        parse_bytes(data, ctx)
    assert_one_line(info.value)
    assert "1,000" in str(info.value)
    assert "--max-bytes" in str(info.value)
    assert parse_bytes(data[:1000], ctx)  # at the limit: read


def test_cli_max_bytes_is_one_clear_line(tmp_path: Any) -> None:
    from click.testing import CliRunner

    from seminorm.cli import cli

    src = tmp_path / "big.txt"
    src.write_bytes(ANNOUNCEMENT.encode() * 10)
    runner = CliRunner()
    for args, stdin in (([str(src)], None), (["-"], src.read_bytes())):
        result = runner.invoke(cli, ["parse", "--max-bytes", "100", *args], input=stdin)
        assert result.exit_code == 1
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "error" in lines[0]
        assert "max-bytes" in lines[0]
        assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------
# Regressions: crashes found by the fuzzer and the property tests
# --------------------------------------------------------------------------


def test_seminorm_parse_stays_callable_after_the_readers_load() -> None:
    # Importing the subpackage seminorm.parse.* rebound the name seminorm.parse
    # from the function to the package: the second call raised TypeError.
    data = ics(vevent())
    import seminorm.readers.ics

    assert callable(seminorm.parse)
    assert seminorm.parse(data)
    assert seminorm.parse(data)


def test_event_without_dtstart_does_not_sink_the_calendar() -> None:
    # One VEVENT without DTSTART made the ICS writer refuse the whole calendar.
    data = ics(vevent() + b"BEGIN:VEVENT\r\nUID:b@x\r\nSUMMARY:no start\r\nEND:VEVENT\r\n")
    events = parse_bytes(data, CTX)
    out = render(events, "ics", CTX)
    assert b"UID:h@x" in out


def test_floating_year_1_in_a_zone_with_lmt_offset_validates() -> None:
    # Zurich's LMT offset (+00:34:08) has seconds, which ISO 8601/RFC 3339 and
    # the JSON Schema's pattern do not allow.
    data = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:00010101T000000\r\nEND:VEVENT\r\n"
    jsonschema = pytest.importorskip("jsonschema")
    from seminorm.write.json import schema

    def check() -> None:
        for ev in answer(data):
            jsonschema.validate(json.loads(render([ev], "json", CTX)), schema())

    bounded(check)


def test_event_model_extremes_render() -> None:
    far = [
        datetime(1, 1, 1, 0, 0, tzinfo=ZoneInfo("Pacific/Kiritimati")),
        datetime(9999, 12, 31, 23, 59, tzinfo=ZoneInfo("Etc/GMT+12")),
        datetime(1, 1, 1),
        date(9999, 12, 31),
    ]
    for start in far:
        ev = Event(uid="x@y", title="T", start=start, all_day=not isinstance(start, datetime))
        for fmt in ("json", "jsonl", "ics", "jcal", "csv", "table"):
            for output_tz in (None, "UTC", "Pacific/Kiritimati"):
                ctx = Context(today=TODAY, output_tz=output_tz)
                try:
                    render([ev], fmt, ctx)
                except SeminormError as e:
                    assert_one_line(e)


def test_naive_and_aware_candidates_in_one_text() -> None:
    # Found by the fuzzer: a floating time next to one with a UTC offset made
    # rules/when.py compare naive and aware datetimes (TypeError).
    for order in ("auto", "mdy"):
        ctx = Context(today=TODAY, reference=TODAY, date_order=order)
        bounded(answer, b"8:31 Feb 5 0:42:09+0000", ctx)


def _second_pass(data: bytes, ctx: Context = CTX) -> tuple[bytes, bytes]:
    first = render(parse_bytes(data, ctx), "ics", ctx)
    return first, render(parse_bytes(first, ctx), "ics", ctx)


@pytest.mark.parametrize(
    "data",
    [
        # a title with a colon is not "Speaker: Title" on the way back
        b"Title: Rethinking Memory in Agents: A Formal Account\nDate: May 4, 2024 16:00\n",
        # each pass peeled one more "X: " off the SUMMARY
        b"BEGIN:VEVENT\nSUMMARY:WH: R Ms: n\nDTSTART:20240504T160000Z\nEND:VEVENT",
        # a literal backslash-n in the text is not a double-escaped line break
        b"Talk 2009-4-2 2:15pm\n\\n M",
        # a UID is TEXT: written escaped, so it must be read unescaped
        b"BEGIN:VEVENT\nUID:a,b\\n;c\nDTSTART:20240504T160000Z\nEND:VEVENT\n",
    ],
    ids=["colon-title", "summary-prefixes", "literal-backslash-n", "uid-escapes"],
)
def test_second_pass_is_stable(data: bytes) -> None:
    # Found by the fuzzer's round-trip check (SPEC 3: re-running seminorm on
    # its output changes nothing).
    first, second = _second_pass(data)
    assert second.decode() == first.decode()
