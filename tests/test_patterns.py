"""The one way patterns are deferred (``seminorm.patterns``) and the table built with the package."""

from __future__ import annotations

import marshal
import os
import re
import sys
from pathlib import Path

import pytest

from seminorm import patterns
from seminorm.patterns import LazyPattern

cpython_only = pytest.mark.skipif(
    sys.implementation.name != "cpython", reason="the table holds CPython's SRE code"
)


def test_a_lazy_pattern_compiles_on_first_use() -> None:
    calls: list[int] = []

    def source() -> str:
        calls.append(1)
        return r"(?P<n>\d+)"

    p = LazyPattern(source, re.I)
    assert calls == []
    assert p.search("room 12").group("n") == "12"
    assert p.pattern == r"(?P<n>\d+)"
    assert calls == [1]
    assert p.flags & re.I
    assert p.groups == 1


def test_bytes_patterns() -> None:
    p = LazyPattern(rb"BEGIN:(\w+)")
    assert [m.group(1) for m in p.finditer(b"BEGIN:VEVENT BEGIN:VALARM")] == [b"VEVENT", b"VALARM"]


@cpython_only
def test_the_built_table_gives_the_patterns_re_gives(tmp_path: Path, monkeypatch) -> None:
    n = patterns.build_table(str(tmp_path), ["seminorm.rules.dates", "seminorm.rules.times"])
    assert n > 10
    path = patterns.table_path(str(tmp_path))
    table = marshal.loads(Path(path).read_bytes())
    monkeypatch.setattr(patterns, "table_path", lambda folder=None: path)
    monkeypatch.setattr(patterns, "_table", None)
    subjects = ["Tuesday, May 4, 2021, 16:00-17:00", "am 20.04. um 18 Uhr", "3 PM", "2021-05-04"]
    for source, flags in [key for key in table if key[1] >= 0][:80]:
        ours, plain = patterns.compile(source, flags), re.compile(source, flags)
        assert ours is not plain
        assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == (
            plain.pattern,
            plain.flags,
            plain.groups,
            plain.groupindex,
        )
        if isinstance(source, str):
            for s in subjects:
                a, b = ours.search(s), plain.search(s)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


@cpython_only
def test_a_derived_source_is_made_at_build_time_and_served_from_the_table(
    tmp_path: Path, monkeypatch
) -> None:
    made: list[str] = []

    def make() -> str:
        made.append("x")
        return r"t(?:alk|he\s)"

    pattern = LazyPattern(lambda: patterns.derived("twin of a test pattern", make) + "s")
    patterns.build_table(str(tmp_path), [])  # imports nothing: compiles the registered ones
    assert made == ["x"]
    path = patterns.table_path(str(tmp_path))
    assert marshal.loads(Path(path).read_bytes())[("twin of a test pattern", -1)] == (
        r"t(?:alk|he\s)",
    )
    monkeypatch.setattr(patterns, "table_path", lambda folder=None: path)
    monkeypatch.setattr(patterns, "_table", None)
    assert patterns.derived("twin of a test pattern", make) == r"t(?:alk|he\s)"
    assert made == ["x"]  # served, not made again
    assert patterns.derived("another key", make) == r"t(?:alk|he\s)"
    assert made == ["x", "x"]
    assert pattern.pattern == r"t(?:alk|he\s)s"


@cpython_only
def test_a_table_others_may_write_is_ignored(tmp_path: Path, monkeypatch) -> None:
    patterns.build_table(str(tmp_path), ["seminorm.rules.times"])
    path = patterns.table_path(str(tmp_path))
    os.chmod(path, 0o666)
    monkeypatch.setattr(patterns, "table_path", lambda folder=None: path)
    monkeypatch.setattr(patterns, "_table", None)
    assert patterns._load() == {}


@cpython_only
def test_a_damaged_table_falls_back_to_compiling(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "t.marshal"
    path.write_bytes(marshal.dumps({(r"\d+", 0): (0, b"\x00\x01garbage", 0, {}, ())}))
    os.chmod(path, 0o644)
    monkeypatch.setattr(patterns, "table_path", lambda folder=None: str(path))
    monkeypatch.setattr(patterns, "_table", None)
    assert patterns.compile(r"\d+").search("ab 42").group(0) == "42"


#: A pattern's name says what it matches (``_SUBJECT_HEADER_LINE``), not that it is a
#: pattern (``_RE``) or which of several it was (``_DATE2``, ``_RFC6868``).
_MECHANICAL_NAME = re.compile(r"(?:_RE|_RX|_PATTERN|_PAT|\d)$")
_PATTERN_ASSIGNMENT = re.compile(
    r"^(_?[A-Z][A-Z0-9_]*)\s*(?::[^=]*)?=\s*(?:LazyPattern|re\.compile)\(", re.M
)


def test_module_level_patterns_are_named_for_what_they_match() -> None:
    src = Path(__file__).resolve().parents[1] / "src" / "seminorm"
    mechanical = [
        f"{path.relative_to(src)}: {m.group(1)}"
        for path in sorted(src.rglob("*.py"))
        for m in _PATTERN_ASSIGNMENT.finditer(path.read_text(encoding="utf-8"))
        if _MECHANICAL_NAME.search(m.group(1))
    ]
    assert mechanical == []


def test_the_guard_sees_a_mechanical_name() -> None:
    module = '_VENUE_LINE = LazyPattern(r"^Venue:")\n_SKIP_RE = LazyPattern(r"x")\n_D2 = re.compile("y")\n'
    names = [m.group(1) for m in _PATTERN_ASSIGNMENT.finditer(module)]
    assert [n for n in names if _MECHANICAL_NAME.search(n)] == ["_SKIP_RE", "_D2"]
