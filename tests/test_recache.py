"""The command line's disk cache of compiled regular expressions (``seminorm.recache``).

A pattern served from the cache must behave exactly like one compiled by
``re``; a damaged or missing cache falls back to compiling; the environment
switch turns the cache off.
"""

from __future__ import annotations

import atexit
import importlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from seminorm import recache

pytestmark = pytest.mark.skipif(
    sys.implementation.name != "cpython", reason="the cache speaks CPython's SRE code"
)

# (pattern, flags, subjects): named groups, alternation, look-behind, a
# verbose pattern, case folding and Unicode classes.
PATTERNS: list[tuple[str, int, list[str]]] = [
    (
        r"(?P<h>\d{1,2})[:.h](?P<m>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?",
        re.I,
        ["at 4:30 PM", "16h00", "nothing", "12.05 a.m."],
    ),
    (r"(?<![\w-])Zoom\s+ID[:\s]+(\d{3}(?:[ -]?\d{3,4}){2})", 0, ["Zoom ID: 897 0800 6582", "x"]),
    (
        r"""
        \b(?P<day>[0-3]?\d)\.\s*      # day
        (?P<month>[01]?\d)\.\s*       # month
        (?P<year>\d{4})?              # year, optional
        """,
        re.X,
        ["am 21.10.2022 um", "3. 5.", "no date"],
    ),
    (
        r"(?:Universit(?:y|é|ät)|Institut[eo]?)\s+\w+",
        re.I,
        ["Universität Wien", "INSTITUTE Fourier"],
    ),
    (r"^\s*(Speaker|Sprecher|Orateur)\s*:", re.M, ["Title: x\n  Speaker: Ada", "none"]),
]


def _compiler() -> Any:
    return importlib.import_module("re._compiler")


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A private cache folder; ``re`` and the module state restored afterwards."""
    compiler = _compiler()

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("SEMINORM_NO_RECACHE", raising=False)
    monkeypatch.setattr(compiler, "compile", compiler.compile)
    monkeypatch.setattr(recache, "_entries", {})
    monkeypatch.setattr(recache, "_new", False)
    saved: list[Any] = []
    monkeypatch.setattr(atexit, "register", lambda fn, *a: saved.append((fn, a)))
    re.purge()
    yield tmp_path
    re.purge()


def _behaviour(pattern: re.Pattern[str], subjects: list[str]) -> list[Any]:
    out: list[Any] = [pattern.groups, pattern.groupindex, pattern.flags]
    for s in subjects:
        out.append([(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(s)])
    return out


def _reference() -> list[list[Any]]:
    compiler = _compiler()

    return [_behaviour(compiler.compile(p, f), subjects) for p, f, subjects in PATTERNS]


def test_cached_patterns_behave_like_compiled_ones(fresh: Path) -> None:
    expected = _reference()
    recache.install()
    first = [_behaviour(re.compile(p, f), s) for p, f, s in PATTERNS]
    assert first == expected
    path = recache.cache_file()
    assert path is not None
    recache._save(path)
    assert path.is_file()

    # A new "process": the cache is read back and every pattern comes from it.
    recache._entries = {}
    recache._new = False
    re.purge()
    recache.install()
    assert all((p, f) in recache._entries for p, f, _ in PATTERNS)
    second = [_behaviour(re.compile(p, f), s) for p, f, s in PATTERNS]
    assert second == expected
    assert recache._new is False  # nothing compiled afresh, nothing to write


def test_damaged_cache_falls_back_to_compiling(fresh: Path) -> None:
    path = recache.cache_file()
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal at all")
    recache.install()
    assert [_behaviour(re.compile(p, f), s) for p, f, s in PATTERNS] == _reference()


def test_stale_entry_is_recompiled(fresh: Path) -> None:
    pattern, flags, subjects = PATTERNS[0]
    recache._entries[(pattern, int(flags))] = (0, b"\xff\xff\xff\xff", 0, {}, (None,))
    path = recache.cache_file()
    assert path is not None
    path.parent.mkdir(parents=True)
    import marshal

    path.write_bytes(marshal.dumps(recache._entries))
    recache.install()
    assert _behaviour(re.compile(pattern, flags), subjects) == _reference()[0]


def test_switched_off_by_environment(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiler = _compiler()

    monkeypatch.setenv("SEMINORM_NO_RECACHE", "1")
    before = compiler.compile
    recache.install()
    assert compiler.compile is before
