"""Golden-file tests: every example in ``examples/`` against its expected outputs.

The expected JSON and ICS live in ``examples/expected/``. After a deliberate
change, ``pytest tests/test_golden.py --update-golden`` rewrites them; read
the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from seminorm.context import Context
from seminorm.pipeline import parse_bytes
from seminorm.write import render

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXPECTED = EXAMPLES / "expected"
INPUTS = sorted(
    p
    for p in EXAMPLES.iterdir()
    if p.is_file() and p.name != "README.md" and not p.name.startswith(".")
)
# The zone a user would pass for inputs that name none (the listing's campus).
TZ = {"listing.txt": "America/Chicago"}


def _outputs(path: Path) -> dict[str, bytes]:
    ctx = Context(today=TODAY, tz=TZ.get(path.name), path=f"examples/{path.name}")
    events = parse_bytes(path.read_bytes(), ctx)
    return {
        "json": render(events, "json", ctx),
        "ics": render(events, "ics", ctx),
    }


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_example_matches_golden(path: Path, update_golden: bool) -> None:
    outs = _outputs(path)
    for fmt, data in outs.items():
        expected = EXPECTED / f"{path.name}.{fmt}"
        if update_golden:
            expected.parent.mkdir(exist_ok=True)
            expected.write_bytes(data)
            continue
        assert expected.exists(), f"no golden file {expected}; run with --update-golden"
        assert data.decode("utf-8") == expected.read_bytes().decode("utf-8")


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_example_ics_is_stable_on_a_second_pass(path: Path) -> None:
    ctx = Context(today=TODAY, tz=TZ.get(path.name))
    first = render(parse_bytes(path.read_bytes(), ctx), "ics", ctx)
    second = render(parse_bytes(first, ctx), "ics", ctx)
    assert second.decode() == first.decode()
