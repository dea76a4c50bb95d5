"""The code stays clean: ruff (lint and format) and mypy in strict mode.

Run as tests so that the README's one test command checks everything.
Skipped when the tools are not installed (they are in the ``test`` extra).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def _need(module: str) -> None:
    if shutil.which(module) is None and _run(module, "--version").returncode != 0:
        pytest.skip(f"{module} is not installed")


def test_ruff_lint() -> None:
    _need("ruff")
    out = _run("ruff", "check", "src", "tests", "benchmarks", "fuzz")
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_format() -> None:
    _need("ruff")
    out = _run("ruff", "format", "--check", "src", "tests")
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_strict() -> None:
    _need("mypy")
    out = _run("mypy", "src/seminorm")
    assert out.returncode == 0, out.stdout + out.stderr
