"""Reading our own ICS output changes nothing: parse → to_ics → parse → to_ics is byte-identical.

Run over the fixtures in tests/ics/ and over the shared corpus (skipped when
absent), events without a readable DTSTART included.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from seminorm.context import Context
from seminorm.errors import ParseError
from seminorm.readers.ics import parse_ics

write_ics = pytest.importorskip("seminorm.write.ics")

HERE = Path(__file__).parent / "ics"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ics"
FILES = sorted(HERE.glob("*.ics")) + (sorted(CORPUS.glob("*/*.ics")) if CORPUS.is_dir() else [])


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_second_pass_is_byte_identical(path: Path) -> None:
    ctx = Context()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            events = parse_ics(path.read_bytes(), ctx)
        except ParseError:
            pytest.skip("nothing to recover")
        first = write_ics.to_ics(events, ctx)
        second = write_ics.to_ics(parse_ics(first, ctx), ctx)
    assert second == first
