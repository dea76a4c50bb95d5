"""Shared fixtures: a fixed "today", the shared corpus location, golden updates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from seminorm.context import Context

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# Tuesday, 12 March 2024, is "today" for every test (no test reads the clock).
TODAY = date(2024, 3, 12)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the expected outputs of the golden tests (review the diff!)",
    )


@pytest.fixture
def ctx() -> Context:
    return Context(today=TODAY)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def _fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deterministic DTSTAMP for every ICS written in tests."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
