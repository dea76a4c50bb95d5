"""Every example written in a docstring of the package runs and holds.

The per-rule test files also run their modules' doctests next to their own
cases; this walks the whole package, so no docstring example goes untested.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import seminorm

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(seminorm.__path__, "seminorm.")
    if not name.endswith("__main__")
)


def test_the_walk_finds_the_package() -> None:
    assert "seminorm.runner" in MODULES
    assert "seminorm.rules.dates" in MODULES
    assert len(MODULES) > 60


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
