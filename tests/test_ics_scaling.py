"""The ICS reader's cost grows linearly: ten times the input may take at most ~25 times as long.

Sizes are compared with each other in the same run (never against a wall
clock): hostile shapes are 20,000 unclosed nested ``BEGIN:VEVENT`` and
200,000 properties or nested components in one event.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from seminorm.context import Context
from seminorm.readers.ics import parse_ics
from seminorm.readers.ics.lex import lex

#: Growth checks: large generated inputs (``python -m pytest -m slow``).
pytestmark = pytest.mark.slow

RATIO = 25  # 10x the input; linear is ~10, a quadratic reader would be ~100


def unclosed_events(n: int) -> bytes:
    return b"BEGIN:VCALENDAR\r\n" + b"".join(
        b"BEGIN:VEVENT\r\nDTSTART:20240504T140000Z\r\nSUMMARY:talk %d\r\n" % i for i in range(n)
    )


def many_properties(n: int) -> bytes:
    head = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20240504T140000Z\r\n"
    body = b"".join(b'X-P-%d;X-A="a:b":value %d\r\n' % (i, i) for i in range(n))
    return head + body + b"END:VEVENT\r\nEND:VCALENDAR\r\n"


def deep_components(n: int) -> bytes:
    head = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20240504T140000Z\r\n"
    return head + b"BEGIN:X-A\r\n" * n + b"END:X-B\r\n" * n + b"END:VEVENT\r\n"


def long_line(n: int) -> bytes:
    return b'BEGIN:VEVENT\r\nDTSTART:20240504T140000Z\r\nDESCRIPTION;X="' + b"a;" * n + b"\r\n"


def cost(run: Callable[[bytes], object], data: bytes) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        run(data)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(
    ("make", "small", "run"),
    [
        (unclosed_events, 1_000, lambda d: parse_ics(d, Context())),
        (many_properties, 20_000, lex),
        (deep_components, 10_000, lex),
        (long_line, 500_000, lex),
    ],
    ids=["10k-unclosed-vevents", "200k-properties", "100k-nested-components", "10mb-line"],
)
def test_ten_times_the_input_costs_about_ten_times(
    make: Callable[[int], bytes], small: int, run: Callable[[bytes], object]
) -> None:
    little, big = cost(run, make(small)), cost(run, make(small * 10))
    assert big < RATIO * max(little, 1e-3)


def test_twenty_thousand_unclosed_events_are_all_read() -> None:
    assert len(parse_ics(unclosed_events(20_000), Context())) == 20_000
