"""``seminorm parse`` without click (:mod:`seminorm.quick`): the same reading of the
arguments as the command line's, or none at all (click then handles them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from seminorm import quick
from seminorm.cli import cli

PARSE = cli.commands["parse"]

#: Arguments read alike by both (inputs and options in any order).
READ_ALIKE = [
    ["parse"],
    ["parse", "a.txt"],
    ["parse", "a.txt", "b.txt", "-"],
    ["parse", "a.txt", "-f", "ics"],
    ["parse", "-f", "jsonl", "a.txt", "-q"],
    ["parse", "--format=csv", "a.txt", "--quiet", "--verbose"],
    ["parse", "a.txt", "-o", "out.ics", "--split"],
    ["parse", "a.txt", "-o", "-", "-v"],
    ["parse", "a.txt", "--output=x.json", "--explain", "--strict"],
    ["parse", "a.txt", "--tz", "europe/zurich", "--output-tz=UTC"],
    ["parse", "a.txt", "--reference-date", "2021-5-4", "--date-order", "mdy"],
    ["parse", "a.txt", "--default-duration", "1h30", "--max-bytes", "100"],
    ["parse", "a.txt", "--max-bytes= 12 ", "--summary", "{speaker}: {title}"],
    ["parse", "a.txt", "-f", "json", "-f", "ics"],  # the last one counts
    ["parse", "a.txt", "--", "-f", "--tz"],
    ["parse", "--", "-"],
    ["parse", "a.txt", "-o", "--quiet"],  # a value is the next argument, whatever it is
]

#: Arguments left to click (help, errors, forms read differently or not at all).
LEFT_TO_CLICK = [
    [],
    ["--version"],
    ["-h"],
    ["check", "a.txt"],
    ["parse", "--help"],
    ["parse", "a.txt", "-h"],
    ["parse", "-qv", "a.txt"],  # combined short options: valid, but left to click
    ["parse", "-fjson", "a.txt"],
    ["parse", "a.txt", "--form", "json"],
    ["parse", "a.txt", "--quiet=1"],
    ["parse", "a.txt", "-f"],
    ["parse", "a.txt", "-f", "xml"],
    ["parse", "a.txt", "-f", "JSON"],
    ["parse", "a.txt", "--tz", "Mars/Olympus"],
    ["parse", "a.txt", "--reference-date", "4 May"],
    ["parse", "a.txt", "--date-order", "dym"],
    ["parse", "a.txt", "--default-duration", "25h"],
    ["parse", "a.txt", "--max-bytes", "0"],
    ["parse", "a.txt", "--max-bytes", "1e3"],
    ["parse", "a.txt", "--summary", "{nope}"],
    ["parse", "-x.txt"],
]


def click_reading(argv: list[str]) -> dict[str, object]:
    """The parameters click gives the ``parse`` command for ``argv``."""
    # under the group's context, as a real run: the command's help option is made once
    parent = click.Context(cli, info_name="seminorm", **cli.context_settings)
    ctx = PARSE.make_context("parse", list(argv[1:]), parent=parent)
    return dict(ctx.params)


@pytest.mark.parametrize("argv", READ_ALIKE, ids=" ".join)
def test_plain_arguments_are_read_as_click_reads_them(argv: list[str]) -> None:
    read = quick.read_args(argv)
    assert read is not None
    inputs, fmt, output, split, opts = read
    assert {"inputs": inputs, "fmt": fmt, "output": output, "split": split, **opts} == (
        click_reading(argv)
    )


@pytest.mark.parametrize("argv", LEFT_TO_CLICK, ids=" ".join)
def test_anything_else_is_left_to_click(argv: list[str]) -> None:
    assert quick.read_args(argv) is None
    assert quick.main(argv) is None


def test_click_refuses_what_is_left_to_it_with_an_error_of_its_own() -> None:
    for argv in LEFT_TO_CLICK[8:]:
        with pytest.raises(click.exceptions.ClickException):
            click_reading(argv)


ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    code = "import sys; from seminorm.__main__ import main; sys.argv[0] = 'seminorm'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


def test_console_script_parses_without_click_and_as_the_command_line(tmp_path: Path) -> None:
    """The same bytes, messages and exit codes by either way; click is not loaded."""
    talk = tmp_path / "talk.txt"
    talk.write_text(
        "Logic seminar\nSpeaker: Ada Lovelace (University of Cambridge)\n"
        "Title: On knots\nMay 4 at 16:00\n"
    )
    (tmp_path / "empty.txt").write_text("")
    probe = "import sys, json; from seminorm.__main__ import main\n"
    for args in (
        ["parse", "talk.txt"],
        ["parse", "talk.txt", "-f", "ics", "--tz", "Europe/Zurich"],
        ["parse", "talk.txt", "empty.txt", "-f", "jsonl", "--strict"],
        ["parse", "talk.txt", "--strict", "-q"],
        ["parse", "missing.txt"],
    ):
        fast = run(*args, cwd=tmp_path)
        slow = run(*args, cwd=tmp_path, env={"_SEMINORM_COMPLETE": ""})
        assert (fast.returncode, fast.stdout, fast.stderr) == (
            slow.returncode,
            slow.stdout,
            slow.stderr,
        ), args
    loaded = subprocess.run(
        [sys.executable, "-c", probe + "sys.argv = ['seminorm', 'parse', 'talk.txt', '-q']\n"
         "try:\n    main()\nexcept SystemExit:\n    pass\n"
         "print(json.dumps(sorted(sys.modules)), file=sys.stderr)"],
        capture_output=True, text=True, cwd=tmp_path, check=True,
    )  # fmt: skip
    assert json.loads(loaded.stdout)[0]["title"] == "On knots"
    assert "click" not in json.loads(loaded.stderr.splitlines()[-1])


def test_usage_errors_found_late_go_to_click(tmp_path: Path) -> None:
    """An output that is also an input: click's own message and exit code 2, nothing written."""
    (tmp_path / "a.txt").write_text("On knots\nMay 4, 2021, 16:00\n")
    result = run("parse", "a.txt", "-o", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().endswith("Error: the output a.txt is also an input\n")
    assert result.stdout == b""
    assert (tmp_path / "a.txt").read_text() == "On knots\nMay 4, 2021, 16:00\n"
    split = run("parse", "a.txt", "--split", cwd=tmp_path)
    assert split.returncode == 2
    assert b"Usage: seminorm parse" in split.stderr
