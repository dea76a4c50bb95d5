"""Names and texts from inputs never reach the terminal raw (issue 17).

Control characters (ESC, newlines) in file names and in extracted text are
escaped in diagnostics and in ``-f table``; a file name that is not UTF-8
round-trips through JSON (as surrogate escapes) instead of becoming ``?``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from seminorm.terminal import printable

SEMINORM = Path(sys.executable).parent / "seminorm"
TEXT = (
    b"Title: \x1b[31mRed\x1b[0m alert \x1b]0;owned\x07 talk\n"
    b"Date: Thursday, 14 March 2024, 16:15\nRoom: 2.41\n"
)
#: ESC (a clear-screen sequence), a newline that would forge a line, a byte not UTF-8.
NAME = b"talk\x1b[2J\nforged: error: \xff.txt"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    exe = [str(SEMINORM)] if SEMINORM.exists() else [sys.executable, "-m", "seminorm"]
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([*exe, *args], capture_output=True, env=env, cwd=cwd)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    try:
        (Path(os.fsdecode(bytes(tmp_path) + b"/" + NAME))).write_bytes(TEXT)
    except OSError:
        pytest.skip("the file system refuses such a name")
    return tmp_path


def test_diagnostics_escape_control_characters(hostile: Path) -> None:
    result = _run("parse", "-f", "json", "--tz", "UTC", os.fsdecode(NAME), cwd=hostile)
    assert result.returncode == 0
    assert b"\x1b" not in result.stderr
    lines = result.stderr.decode().splitlines()
    assert lines
    assert all(line.startswith("talk\\x1b[2J\\nforged: error: \\xff.txt: ") for line in lines)


def test_json_keeps_a_file_name_that_is_not_utf8(hostile: Path) -> None:
    result = _run("parse", "-f", "json", "--tz", "UTC", os.fsdecode(NAME), cwd=hostile)
    (event,) = json.loads(result.stdout)
    assert os.fsencode(event["source"]["path"]) == NAME
    assert "\x1b" in event["title"]  # data formats keep the text as it is


def test_table_escapes_control_characters(hostile: Path) -> None:
    result = _run("parse", "-f", "table", "--tz", "UTC", os.fsdecode(NAME), cwd=hostile)
    assert result.returncode == 0
    assert b"\x1b" not in result.stdout
    assert b"\x07" not in result.stdout
    assert b"\\x1b" in result.stdout


def test_convert_diagnostics_escape_control_characters(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _run("convert", str(hostile), "-o", str(out), "-j", "1", "-v", cwd=hostile)
    assert b"\x1b" not in result.stderr
    assert b"talk\\x1b[2J\\nforged: error: \\xff" in result.stderr


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain", "plain"),
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("\x07\x7f\x85\x9b", "\\x07\\x7f\\x85\\x9b"),
        ("\u2028\u202e\u2066", "\\u2028\\u202e\\u2066"),
        ("caf\udce9", "caf\\xe9"),
        ("\ud800", "\\ud800"),
        ("Zürich — 東京", "Zürich — 東京"),
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown
