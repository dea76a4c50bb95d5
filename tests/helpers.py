"""Small helpers shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared, or skip the test when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.is_dir():
        pytest.skip(f"{p} not present")
    return p
