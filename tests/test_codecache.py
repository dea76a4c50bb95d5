"""The command line's disk cache of compiled code (``seminorm.codecache``).

A pattern or a dataclass served from the cache must behave exactly like one
compiled afresh; a damaged or missing cache falls back to compiling; the
environment switch turns the cache off; the console script sets it up.
"""

from __future__ import annotations

import atexit
import importlib
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from seminorm import codecache

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
    """A private cache folder; ``re``, :mod:`dataclasses` and the module state restored."""
    import dataclasses

    compiler = _compiler()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("SEMINORM_NO_CODECACHE", raising=False)
    monkeypatch.setattr(compiler, "compile", compiler.compile)
    monkeypatch.setattr(codecache, "_entries", {})
    monkeypatch.setattr(codecache, "_sources", {})
    monkeypatch.setattr(codecache, "_ages", {})
    monkeypatch.setattr(codecache, "_used", set())
    monkeypatch.setattr(codecache, "_new", False)
    monkeypatch.setattr(codecache, "_installed", False)
    saved: list[Any] = []
    monkeypatch.setattr(atexit, "register", lambda fn, *a: saved.append((fn, a)))
    re.purge()
    yield tmp_path
    re.purge()
    vars(dataclasses).pop("exec", None)


def _new_process() -> None:
    """What a new process sees: empty in-memory tables, nothing installed."""
    import dataclasses

    codecache._entries, codecache._sources, codecache._ages = {}, {}, {}
    codecache._used = set()
    codecache._new = codecache._installed = False
    vars(dataclasses).pop("exec", None)
    re.purge()


def _behaviour(pattern: re.Pattern[str], subjects: list[str]) -> list[Any]:
    out: list[Any] = [pattern.groups, pattern.groupindex, pattern.flags]
    for s in subjects:
        out.append([(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(s)])
    return out


def _reference() -> list[list[Any]]:
    return [_behaviour(_compiler().compile(p, f), subjects) for p, f, subjects in PATTERNS]


def _saved() -> str:
    path = codecache.cache_file()
    assert path is not None
    codecache._save(path)
    assert os.path.isfile(path)
    return path


def test_cached_patterns_behave_like_compiled_ones(fresh: Path) -> None:
    expected = _reference()
    codecache.install()
    first = [_behaviour(re.compile(p, f), s) for p, f, s in PATTERNS]
    assert first == expected
    _saved()

    _new_process()
    codecache.install()
    assert all((p, f) in codecache._entries for p, f, _ in PATTERNS)
    second = [_behaviour(re.compile(p, f), s) for p, f, s in PATTERNS]
    assert second == expected
    assert codecache._new is False  # nothing compiled afresh, nothing to write


def _make_record() -> type:
    from dataclasses import dataclass, field

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Record:
        name: str
        tags: tuple[str, ...] = ()
        extra: dict[str, int] = field(default_factory=dict)

    return Record


def _exercise(cls: Any) -> list[Any]:
    import dataclasses

    a = cls(name="On knots", tags=("logic",))
    b = dataclasses.replace(a, name="On braids")
    try:
        a.name = "x"
        frozen = False
    except dataclasses.FrozenInstanceError:
        frozen = True
    return [
        repr(a),
        a == cls(name="On knots", tags=("logic",)),
        a == b,
        frozen,
        [f.name for f in dataclasses.fields(cls)],
        a.extra is not cls(name="y").extra,
    ]


def test_cached_dataclasses_behave_like_compiled_ones(fresh: Path) -> None:
    expected = _exercise(_make_record())
    codecache.install()
    assert _exercise(_make_record()) == expected
    assert codecache._sources  # the generated methods were kept
    _saved()

    _new_process()
    codecache.install()
    assert codecache._sources
    assert _exercise(_make_record()) == expected
    assert codecache._new is False  # every method came from the cache


def test_damaged_cache_falls_back_to_compiling(fresh: Path) -> None:
    path = codecache.cache_file()
    assert path is not None
    os.makedirs(os.path.dirname(path))
    with open(path, "wb") as fh:
        fh.write(b"\x00not marshal at all")
    expected = _exercise(_make_record())
    codecache.install()
    assert [_behaviour(re.compile(p, f), s) for p, f, s in PATTERNS] == _reference()
    assert _exercise(_make_record()) == expected


def test_stale_entry_is_recompiled(fresh: Path) -> None:
    import marshal

    pattern, flags, subjects = PATTERNS[0]
    stale: dict[tuple[str, int], tuple[Any, ...]] = {
        (pattern, int(flags)): (0, b"\xff\xff\xff\xff", 0, {}, (None,))
    }
    path = codecache.cache_file()
    assert path is not None
    os.makedirs(os.path.dirname(path))
    with open(path, "wb") as fh:
        fh.write(marshal.dumps((stale, {}, {})))
    codecache.install()
    assert _behaviour(re.compile(pattern, flags), subjects) == _reference()[0]


def test_switched_off_by_environment(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    monkeypatch.setenv("SEMINORM_NO_CODECACHE", "1")
    before = _compiler().compile
    codecache.install()
    assert _compiler().compile is before
    assert "exec" not in vars(dataclasses)


def test_console_script_installs_it_before_the_stages(tmp_path: Path) -> None:
    """The entry point sets the cache up first, so the stages' dataclasses load from it."""
    import subprocess

    talk = tmp_path / "talk.txt"
    talk.write_text("Talk: On knots\nSpeaker: Ada Lovelace (Cambridge)\nMay 4, 2021, 16:00 CEST\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("SEMINORM_NO_CODECACHE", None)
    outputs = []
    for _ in range(2):
        run = subprocess.run(
            [sys.executable, "-m", "seminorm", "parse", str(talk), "-q"],
            capture_output=True,
            env=env,
            check=True,
        )
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
    files = list((tmp_path / "cache" / "seminorm").iterdir())
    assert len(files) == 1
    import marshal

    patterns, sources, _ = marshal.loads(files[0].read_bytes())
    assert len(patterns) > 50  # the extraction rules
    assert any("__dataclass_self__" in s or "def __init__" in s for s in sources)


def test_entries_unused_for_many_writes_are_dropped(fresh: Path) -> None:
    """A pattern that differs in every process (built from a set) does not pile up."""
    codecache.install()
    re.compile(r"kept\d+")
    path = _saved()
    for run in range(codecache.MAX_AGE + 2):
        _new_process()
        codecache.install()
        re.compile(r"kept\d+")  # used in every run
        re.compile(f"variant{run}")  # new in every run: each run writes the file
        codecache._save(path)
        if run == 0:
            assert ("variant0", 0) in codecache._entries
    _new_process()
    codecache.install()
    assert ("kept\\d+", 0) in codecache._entries
    assert ("variant0", 0) not in codecache._entries  # aged out
    assert (f"variant{codecache.MAX_AGE + 1}", 0) in codecache._entries
    assert len(codecache._entries) <= codecache.MAX_AGE + 1
