"""Nothing executable is read from, or written to, a place the user's programs can write.

An earlier version kept compiled code in ``$XDG_CACHE_HOME/seminorm/`` (else
``~/.cache/seminorm/``) and loaded it with ``marshal`` on every run: a file
planted there ran as the user. Here both folders hold a hostile file of the
old cache's name, whose code would leave a mark if it ever ran; the command
line, run as a user runs it, must leave them exactly as they were.
"""

from __future__ import annotations

import importlib
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

TALK = (
    "Logic seminar\nSpeaker: Ada Lovelace (University of Cambridge)\n"
    "Title: On knots\nTuesday, May 4, 2021, 16:00-17:00 CEST, Room 1.24\n"
)


def _old_cache_name() -> str:
    sre = importlib.import_module("_sre")
    return f"code-{sys.implementation.cache_tag}-{sre.MAGIC}-{sys.hexversion:x}.marshal"


def _payload(mark: Path) -> bytes:
    """What the old loader accepted: (patterns, sources, ages), with code that marks when run."""
    code = compile(f"open({str(mark)!r}, 'w').write('ran')", "<planted>", "exec")
    sources = {f"def __init__(self): pass\n{i}": code for i in range(3)}
    return marshal.dumps(({("\\d+", 0): (0, b"", 0, {}, ())}, sources, {}))


def _snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    out = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        data = path.read_bytes() if path.is_file() else b""
        out[str(path.relative_to(folder))] = (st.st_mode, st.st_mtime_ns, data)
    return out


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["parse", "{talk}", "-f", "json"],
        ["parse", "{talk}", "-f", "ics"],
        ["check", "{talk}"],
    ],
)
def test_a_planted_cache_is_never_read_nor_written(tmp_path: Path, args: list[str]) -> None:
    home = tmp_path / "home"
    xdg = tmp_path / "xdg"
    mark = tmp_path / "payload-ran"
    talk = tmp_path / "talk.txt"
    talk.write_text(TALK, encoding="utf-8")
    for folder in (xdg / "seminorm", home / ".cache" / "seminorm"):
        folder.mkdir(parents=True)
        (folder / _old_cache_name()).write_bytes(_payload(mark))
    os.utime(home / ".cache" / "seminorm" / _old_cache_name(), ns=(10**18, 10**18))
    before = {"home": _snapshot(home), "xdg": _snapshot(xdg)}

    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(xdg), SOURCE_DATE_EPOCH="0")
    env.pop("SEMINORM_NO_CODECACHE", None)
    cmd = [sys.executable, "-m", "seminorm", *(a.format(talk=talk) for a in args)]
    done = subprocess.run(cmd, env=env, capture_output=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    if args[0] == "parse":
        assert b"On knots" in done.stdout

    assert not mark.exists(), "code from the planted cache ran"
    assert {"home": _snapshot(home), "xdg": _snapshot(xdg)} == before


def test_no_module_reads_a_cache_folder() -> None:
    """No source file of the package names a user cache folder (the old cache's place)."""
    src = ROOT / "src" / "seminorm"
    offenders = [
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if any(
            word in p.read_text(encoding="utf-8")
            for word in ("XDG_CACHE_HOME", '".cache"', "~/.cache", "expanduser")
        )
    ]
    assert offenders == []


def test_no_monkey_patching_of_re_or_dataclasses() -> None:
    """After a whole run, ``re`` and ``dataclasses`` are the standard library's own."""
    code = (
        "import re, re._compiler as c, dataclasses, builtins\n"
        "before = (c.compile, re.compile, vars(dataclasses).get('exec'))\n"
        "from seminorm.cli import cli\n"
        "import sys\n"
        "try:\n    cli.main(['parse', '-', '-q'], prog_name='seminorm')\n"
        "except SystemExit:\n    pass\n"
        "after = (c.compile, re.compile, vars(dataclasses).get('exec'))\n"
        "print(before == after and after[2] is None, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=TALK, capture_output=True, text=True, timeout=120
    )
    assert done.stderr.strip().splitlines()[-1] == "True", done.stderr
