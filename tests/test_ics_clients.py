"""Our ICS output from every corpus file imports in icalendar, vobject and ical.js.

Each file is read, repaired and written; the three parsers must accept the
result and see the same events (count and UIDs). ical.js runs under node and
the test skips without it (``npm ci --prefix tests/clients``).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from seminorm.context import Context
from seminorm.errors import ParseError
from seminorm.readers.ics import parse_ics
from seminorm.readers.ics.clean import clean, valid_rule
from seminorm.readers.ics.lex import Prop

from .client_checks import assert_clients_agree

write_ics = pytest.importorskip("seminorm.write.ics")

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ics"
FILES = sorted(CORPUS.glob("*/*.ics")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_output_imports_in_every_client(path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            events = parse_ics(path.read_bytes(), Context())
        except ParseError:
            pytest.skip("nothing to recover")
        data = write_ics.to_ics(events, Context())
        assert_clients_agree(data, len(events))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (("RDATE", [], "20131210Z"), "RDATE;VALUE=DATE:20131210"),
        (("EXDATE", [], "20240511T160000,2024051"), "EXDATE:20240511T160000"),
        (("EXDATE", [], "20240511T160000,20240518"), "EXDATE:20240511T160000"),
        (("RDATE", [("VALUE", "PERIOD")], "19970101T180000Z/PT5H,199709T180000Z/PT5H"),
         "RDATE;VALUE=PERIOD:19970101T180000Z/PT5H"),
        (("RECURRENCE-ID", [], "20200914"), "RECURRENCE-ID;VALUE=DATE:20200914"),
        (("TRIGGER", [], "-PT15M"), "TRIGGER:-PT15M"),
        (("TRIGGER", [], "PT-2H"), None),
        (("TRIGGER", [("VALUE", "TIME")], "230000"), None),
        (("RRULE", [], "FREQ=SOMETIMES"), None),
        (("X-A", [("CN", 'a:b'), ("X", 'say "hi"')], "v"), 'X-A;CN="a:b";X="say hi":v'),
    ],
)  # fmt: skip
def test_pass_through_values_are_repaired_or_dropped(
    line: tuple[str, list[tuple[str, str]], str], expected: str | None
) -> None:
    fixed, _ = clean(Prop(*line))
    assert (fixed.line() if fixed else None) == expected


@pytest.mark.parametrize(
    ("rule", "ok"),
    [
        ("FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20240601T000000Z", True),
        ("FREQ=MONTHLY;BYDAY=-1FR;BYSETPOS=1", True),
        ("FREQ=YEARLY;BYMONTH=0", False),
        ("FREQ=DAILY;INTERVAL=0", False),
        ("BYDAY=MO", False),
        ("garbage", False),
    ],
)
def test_valid_rule(rule: str, ok: bool) -> None:
    assert valid_rule(rule) is ok
