"""Mutation tests: damaged copies of real inputs through the command line.

Each real input (``examples/``, and when ``../shared`` is present its text
corpus and a sample of its ICS corpus; read in place, never copied) is
damaged with seeded mutations — flipped bytes, truncations, duplicated
slices, removed line breaks, inserted NULs — and run through ``seminorm
parse`` with ``-f json`` and ``-f ics``. What must hold:

- no traceback, and no "internal error" (the CLI's name for an exception
  that is not a SeminormError);
- exit code 0, 1 or 3 only;
- stdout is empty, or valid JSON / an ICS that icalendar reads with as many
  VEVENTs as it has ``BEGIN:VEVENT`` lines.

Most runs are in-process (click's CliRunner); a handful go through a real
subprocess of the installed ``seminorm`` entry point. Every mutation is
derived from ``random.Random(seed)``, so a failure names the seed that
reproduces it.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from seminorm.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_file() and p.suffix != ".md")
CORPUS_TEXT = SHARED / "corpus" / "text"
CORPUS_ICS = SHARED / "corpus" / "ics"
ICS_SAMPLE = 24
ARGS = ["--reference-date", "2024-03-12"]
#: Every other mutant also gets a zone, so both the floating and the zoned paths run.
TZ_ARGS = ["--tz", "Europe/Zurich"]


def _corpus_text() -> list[Path]:
    if not CORPUS_TEXT.is_dir():
        return []
    return sorted(
        p
        for p in CORPUS_TEXT.iterdir()
        if p.is_file() and ".gold." not in p.name and p.suffix != ".md"
    )


def _corpus_ics() -> list[Path]:
    if not CORPUS_ICS.is_dir():
        return []
    files = sorted(CORPUS_ICS.rglob("*.ics"))
    step = max(1, len(files) // ICS_SAMPLE)
    return files[::step][:ICS_SAMPLE]


def _id(p: Path) -> str:
    for base in (ROOT, SHARED):
        if p.is_relative_to(base):
            return str(p.relative_to(base))
    return p.name


# --------------------------------------------------------------------------
# Mutations: each takes the generator and the bytes, returns damaged bytes
# --------------------------------------------------------------------------


def flip_bytes(rnd: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 16)):
        i = rnd.randrange(len(out))
        out[i] ^= 1 << rnd.randrange(8) if rnd.random() < 0.7 else rnd.randrange(1, 256)
    return bytes(out)


def truncate(rnd: random.Random, data: bytes) -> bytes:
    return data[: rnd.randrange(len(data))]


def duplicate_slice(rnd: random.Random, data: bytes) -> bytes:
    a = rnd.randrange(len(data))
    b = min(len(data), a + rnd.randint(1, 4000))
    at = rnd.randrange(len(data) + 1)
    return data[:at] + data[a:b] * rnd.randint(1, 5) + data[at:]


def remove_line_breaks(rnd: random.Random, data: bytes) -> bytes:
    if rnd.random() < 0.3:
        return data.replace(b"\r", b"").replace(b"\n", b" " if rnd.random() < 0.5 else b"")
    lines = data.splitlines(keepends=True)
    return b"".join(ln.rstrip(b"\r\n") if rnd.random() < 0.3 else ln for ln in lines)


def insert_nuls(rnd: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 20)):
        out[rnd.randrange(len(out) + 1) : 0] = b"\x00" * rnd.randint(1, 3)
    return bytes(out)


def swap_lines(rnd: random.Random, data: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    rnd.shuffle(lines)
    return b"".join(lines)


def several(rnd: random.Random, data: bytes) -> bytes:
    for mutate in rnd.sample(SIMPLE, 3):
        data = mutate(rnd, data) or b"x"
    return data


SIMPLE: list[Callable[[random.Random, bytes], bytes]] = [
    flip_bytes, truncate, duplicate_slice, remove_line_breaks, insert_nuls, swap_lines,
]  # fmt: skip
MUTATIONS = [*SIMPLE, several]


def mutants(path: Path, count: int) -> list[tuple[str, bytes]]:
    """``count`` seeded mutants of ``path``: (description, bytes)."""
    data = path.read_bytes() or b"\n"
    out = []
    for seed in range(count):
        rnd = random.Random(f"{path.name}:{seed}")
        mutate = MUTATIONS[seed % len(MUTATIONS)]
        out.append((f"{_id(path)} seed={seed} {mutate.__name__}", mutate(rnd, data)))
    return out


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------


def problems(what: str, fmt: str, code: int, stdout: bytes, stderr: str) -> list[str]:
    """Everything wrong with one run, as lines naming the mutant."""
    found = []
    if code not in (0, 1, 3):
        found.append(f"exit code {code}")
    for bad in ("Traceback", "internal error"):
        if bad in stderr:
            found.append(f"{bad}: {stderr.strip()[-600:]}")
    if stdout:
        try:
            check_output(fmt, stdout)
        except Exception as e:
            found.append(f"bad {fmt} output: {type(e).__name__}: {e}")
    elif code == 0:
        found.append("exit code 0 and nothing written")
    return [f"{what} -f {fmt}: {p}" for p in found]


def check_output(fmt: str, out: bytes) -> None:
    if fmt == "json":
        doc = json.loads(out)
        assert isinstance(doc, list)
        assert doc
        return
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical(out)
    n = sum(line == b"BEGIN:VEVENT" for line in out.split(b"\r\n"))
    assert n
    assert len(cal.walk("VEVENT")) == n


def run_in_process(
    runner: CliRunner, data: bytes, fmt: str, extra: list[str]
) -> tuple[int, bytes, str]:
    result = runner.invoke(cli, ["parse", "-f", fmt, *ARGS, *extra, "-"], input=data)
    err = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        err += "Traceback " + "".join(traceback.format_exception(result.exception))
    return result.exit_code, result.stdout_bytes, err


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------

# (source, mutants per source): ~300 mutants, each run with -f json and -f ics.
SOURCES = (
    [pytest.param(p, 24, id=_id(p)) for p in EXAMPLES]
    + [pytest.param(p, 8, id=_id(p)) for p in _corpus_text()]
    + [pytest.param(p, 4, id=_id(p)) for p in _corpus_ics()]
)


@pytest.mark.parametrize(("path", "count"), SOURCES)
def test_mutants_through_the_cli(path: Path, count: int) -> None:
    runner = CliRunner()
    found: list[str] = []
    for i, (what, data) in enumerate(mutants(path, count)):
        extra = TZ_ARGS if i % 2 else []
        for fmt in ("json", "ics"):
            found += problems(
                f"{what} {' '.join(extra)}", fmt, *run_in_process(runner, data, fmt, extra)
            )
    assert not found, "\n".join(found)


def test_the_shared_corpus_is_optional() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not present: only examples/ are mutated")
    assert _corpus_text() or _corpus_ics()


def _entry_point() -> str | None:
    script = Path(sys.executable).with_name("seminorm")
    return str(script) if script.exists() else shutil.which("seminorm")


SUBPROCESS_CASES = [(p, seed) for p in EXAMPLES[:5] for seed in (1, 2)]


@pytest.mark.parametrize(
    ("path", "seed"), SUBPROCESS_CASES, ids=[f"{p.name}-{s}" for p, s in SUBPROCESS_CASES]
)
def test_mutants_through_the_installed_entry_point(path: Path, seed: int, tmp_path: Path) -> None:
    exe = _entry_point()
    if exe is None:
        pytest.skip("the seminorm entry point is not installed")
    what, data = mutants(path, seed + 1)[seed]
    src = tmp_path / path.name  # a file argument this time, not stdin
    src.write_bytes(data)
    fmt = ("json", "ics")[seed % 2]
    proc = subprocess.run(
        [exe, "parse", "-f", fmt, *ARGS, *TZ_ARGS, str(src)],
        capture_output=True,
        timeout=120,
        check=False,
        env={
            "SOURCE_DATE_EPOCH": "1700000000",
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
            "PATH": "/usr/bin:/bin",
        },
    )
    found = problems(
        what, fmt, proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace")
    )
    assert not found, "\n".join(found)
