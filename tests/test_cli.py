"""The command line: exact output and exit codes (SPEC section 1).

Most tests replace the pipeline with a small stub (``stub`` fixture) so that
they test the CLI's own behaviour: streams, exit codes, atomic writes. The
``real`` tests at the end run the whole pipeline.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import seminorm
from seminorm import cli as cli_module
from seminorm.cli import cli
from seminorm.context import Context
from seminorm.errors import NoEventError
from seminorm.model import Event, Notice, Source
from seminorm.state import STATE_NAME

from .helpers import interruptible

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "cli.md"
COMMANDS = ("parse", "check", "convert", "publish", "schema")


def fake_parse(data: bytes, ctx: Context) -> list[Event]:
    """A stand-in pipeline: the input's first line decides what happens."""
    text = data.decode("utf-8", "replace")
    if not text.strip():
        raise NoEventError("no date or time found")
    if text.startswith("BOOM"):
        raise ValueError("kaboom")
    if text.startswith("CTRL-C"):
        raise KeyboardInterrupt
    if text.startswith("DIE") and ctx.path:
        os._exit(3)  # a crash that takes the worker process down
    events = []
    for i, line in enumerate(text.splitlines()):
        title, _, rest = line.partition("|")
        ev = Event(
            uid=f"{title}@test",
            title=title,
            start=datetime(2024, 5, 4, 16, 0),
            source=Source(path=ctx.path, format="text", event_index=i),
        )
        if "warn" in rest:
            ev = replace(ev, warnings=(Notice(code="tz-missing", message="no zone stated"),))
        events.append(ev)
    return events


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> list[Context]:
    """Replace the pipeline; return the list of contexts it was called with."""
    seen: list[Context] = []

    def parse_bytes(data: bytes, ctx: Context) -> list[Event]:
        seen.append(ctx)
        return fake_parse(data, ctx)

    monkeypatch.setattr("seminorm.pipeline.parse_bytes", parse_bytes)
    return seen


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)

    def invoke(*args: str, input: bytes | str | None = None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def write(path: str, text: str) -> str:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(text, encoding="utf-8")
    return path


def as_json(events: list[Event]) -> str:
    from seminorm.write.json import to_json

    return to_json(events)


# ------------------------------------------------------------------ parse


def test_parse_file_to_json_on_stdout(run, stub):
    write("talk.txt", "On knots")
    result = run("parse", "talk.txt")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == as_json(fake_parse(b"On knots", Context(path="talk.txt")))
    assert json.loads(result.stdout)[0]["source"]["path"] == "talk.txt"


def test_parse_context_from_options(run, stub):
    write("talk.txt", "On knots")
    result = run(
        "parse", "talk.txt", "--tz", "europe/zurich", "--output-tz", "UTC",
        "--reference-date", "2021-05-01", "--date-order", "mdy", "--max-bytes", "100",
        "--summary", "{speaker}: {title}",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    ctx = stub[0]
    assert (ctx.tz, ctx.output_tz, ctx.reference, ctx.date_order) == (
        "Europe/Zurich", "UTC", date(2021, 5, 1), "mdy"
    )  # fmt: skip
    assert (ctx.max_bytes, ctx.summary_template, ctx.path) == (
        100,
        "{speaker}: {title}",
        "talk.txt",
    )
    # SOURCE_DATE_EPOCH=1700000000 (conftest): 2023-11-14 22:13:20 UTC, the 14th in Zurich too
    assert ctx.today == date(2023, 11, 14)


def test_parse_stdin(run, stub):
    result = run("parse", input="On knots|warn")
    assert result.exit_code == 0
    assert result.stderr == "<stdin>: warning[tz-missing]: no zone stated\n"
    assert json.loads(result.stdout)[0]["source"]["path"] is None
    assert run("parse", "-", input="On knots|warn").stdout == result.stdout


def test_bad_input_is_one_line_and_others_still_written(run, stub):
    write("a.txt", "First")
    write("empty.txt", "")
    write("c.txt", "Third|warn")
    result = run("parse", "a.txt", "empty.txt", "c.txt", "missing.txt")
    assert result.exit_code == 1
    assert result.stderr == (
        "empty.txt: error: no date or time found\n"
        "c.txt: warning[tz-missing]: no zone stated\n"
        "missing.txt: error: cannot read: No such file or directory\n"
    )
    assert [e["title"] for e in json.loads(result.stdout)] == ["First", "Third"]


def test_internal_error_is_one_line_without_traceback(run, stub):
    write("bad.txt", "BOOM")
    result = run("parse", "bad.txt")
    assert result.exit_code == 1
    assert result.stderr == "bad.txt: error: internal error: ValueError: kaboom\n"
    assert result.stdout == ""  # every input failed: nothing is written


def test_verbose_shows_the_traceback(run, stub):
    write("bad.txt", "BOOM")
    result = run("parse", "-v", "bad.txt")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert "ValueError: kaboom" in result.stderr


def test_strict_and_quiet(run, stub):
    write("c.txt", "Third|warn")
    assert run("parse", "c.txt", "--strict").exit_code == 3
    quiet = run("parse", "c.txt", "--strict", "-q")
    assert (quiet.exit_code, quiet.stderr) == (3, "")
    assert run("parse", "c.txt").exit_code == 0


def test_failure_beats_strict(run, stub):
    write("c.txt", "Third|warn")
    write("e.txt", "")
    assert run("parse", "c.txt", "e.txt", "--strict").exit_code == 1


def test_interrupt_exits_130_without_traceback(run, stub):
    write("a.txt", "CTRL-C")
    result = run("parse", "a.txt")
    assert result.exit_code == 130
    assert result.stderr == "seminorm: interrupted\n"


def test_jsonl_streams_each_input(run, stub):
    write("a.txt", "A1\nA2")
    write("b.txt", "B")
    result = run("parse", "a.txt", "b.txt", "-f", "jsonl")
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == ["A1", "A2", "B"]


def test_json_is_one_array_of_every_input(run, stub):
    write("a.txt", "A1\nA2")
    write("b.txt", "B")
    result = run("parse", "a.txt", "b.txt")
    assert [e["title"] for e in json.loads(result.stdout)] == ["A1", "A2", "B"]


def test_output_file_atomic_with_format_from_extension(run, stub, tmp_path):
    write("a.txt", "On knots")
    result = run("parse", "a.txt", "-o", "out/talk.ics")
    assert (result.exit_code, result.stdout) == (0, "")
    data = (tmp_path / "out" / "talk.ics").read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["talk.ics"]
    run("parse", "a.txt", "-o", "talk.jsonl")
    assert json.loads((tmp_path / "talk.jsonl").read_text())["title"] == "On knots"
    run("parse", "a.txt", "-o", "talk.unknown")
    assert json.loads((tmp_path / "talk.unknown").read_text())[0]["title"] == "On knots"


def test_unwritable_output_is_one_line(run, stub, tmp_path):
    write("a.txt", "On knots")
    (tmp_path / "dir.json").mkdir()
    result = run("parse", "a.txt", "-o", "dir.json")
    assert result.exit_code == 1
    assert result.stderr == "seminorm: error: cannot write dir.json: Is a directory\n"
    assert sorted(p.name for p in (tmp_path).iterdir()) == ["a.txt", "dir.json"]


def test_output_dash_is_stdout(run, stub):
    write("a.txt", "On knots")
    assert run("parse", "a.txt", "-o", "-", "-f", "csv").stdout.startswith("title,")


def test_failed_run_leaves_existing_output_alone(run, stub, tmp_path):
    write("e.txt", "")
    write("out.json", "old")
    assert run("parse", "e.txt", "-o", "out.json").exit_code == 1
    assert (tmp_path / "out.json").read_text() == "old"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tz", "Mars/Olympus"], "'Mars/Olympus' is not an IANA time zone"),
        (["--output-tz", "CEST+2"], "is not an IANA time zone"),
        (["--reference-date", "4 May"], "'4 May' does not match the format '%Y-%m-%d'"),
        (["--date-order", "dym"], "'dym' is not one of 'auto', 'dmy', 'mdy', 'ymd'"),
        (["--max-bytes", "0"], "must be at least 1"),
        (["--summary", "{nope}"], "bad summary template"),
        (["-f", "xml"], "'xml' is not one of"),
        (["-o", "a.txt"], "the output a.txt is also an input"),
    ],
)
def test_usage_errors_exit_2(run, stub, args, message):
    write("a.txt", "On knots")
    result = run("parse", "a.txt", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert Path("a.txt").read_text() == "On knots"


def test_tz_local(run, stub, monkeypatch):
    write("a.txt", "On knots")
    monkeypatch.setenv("TZ", ":America/New_York")
    assert run("parse", "a.txt", "--tz", "local").exit_code == 0
    assert stub[-1].tz == "America/New_York"
    monkeypatch.setenv("TZ", "/usr/share/zoneinfo/Asia/Kolkata")
    run("parse", "a.txt", "--tz", "local")
    assert stub[-1].tz == "Asia/Kolkata"


def test_max_bytes_refuses_large_files(run, stub):
    write("big.txt", "x" * 50)
    result = run("parse", "big.txt", "--max-bytes", "10")
    assert result.exit_code == 1
    assert result.stderr == (
        "big.txt: error: input is 50 bytes, over the limit of 10; raise it with --max-bytes\n"
    )
    assert stub == []  # refused before reading it whole
    result = run("parse", "--max-bytes", "10", input="y" * 11)
    assert result.stderr == (
        "<stdin>: error: input is over the limit of 10 bytes; raise it with --max-bytes\n"
    )


def test_folder_given_to_parse(run, stub):
    Path("d").mkdir()
    result = run("parse", "d")
    assert result.exit_code == 1
    assert result.stderr == "d: error: is a directory (use seminorm convert for folders)\n"


# ------------------------------------------------------------------ check, schema, version


def test_check_summarizes_and_writes_no_data(run, stub, tmp_path):
    write("a.txt", "A1\nA2|warn")
    write("e.txt", "")
    result = run("check", "a.txt", "e.txt")
    assert result.exit_code == 1
    assert result.stdout == "a.txt: 2 events, 1 warnings\ne.txt: failed\n"
    assert result.stderr == (
        "a.txt: warning[tz-missing]: no zone stated\ne.txt: error: no date or time found\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "e.txt"]
    assert run("check", "a.txt", "--strict").exit_code == 3


def test_schema(run):
    from seminorm.write.json import schema_text

    result = run("schema")
    assert (result.exit_code, result.stdout) == (0, schema_text())
    assert json.loads(result.stdout)["$schema"].endswith("2020-12/schema")


def test_version(run):
    assert run("--version").stdout == f"seminorm, version {seminorm.__version__}\n"


def test_formats_match_the_writers():
    from seminorm.write import FORMATS

    assert cli_module.FORMATS == FORMATS


# ------------------------------------------------------------------ help and docs


def help_text(*command: str) -> str:
    result = CliRunner().invoke(
        cli, [*command, "--help"], catch_exceptions=False, terminal_width=80
    )
    assert result.exit_code == 0
    return result.stdout


def render_docs_block(command: tuple[str, ...]) -> str:
    title = " ".join(("seminorm", *command))
    return f"```console\n$ {title} --help\n{help_text(*command)}```\n"


@pytest.mark.parametrize("command", [(), *((c,) for c in COMMANDS)])
def test_every_command_has_help_with_examples(command):
    text = help_text(*command)
    assert "Usage: seminorm" in text
    assert "Example" in text


@pytest.mark.parametrize("command", [(), *((c,) for c in COMMANDS)])
def test_docs_show_the_real_help(command, update_golden):
    """docs/cli.md embeds every --help verbatim; `pytest --update-golden` rewrites it."""
    block = render_docs_block(command)
    docs = DOCS.read_text(encoding="utf-8")
    title = re.escape(" ".join(("seminorm", *command)))
    pattern = re.compile(r"```console\n\$ " + title + r" --help\n.*?```\n", re.S)
    if update_golden:
        docs = pattern.sub(lambda _: block, docs, count=1)
        DOCS.write_text(docs, encoding="utf-8")
    assert block in docs, f"docs/cli.md is out of date for {' '.join(command) or 'seminorm'}"


# ------------------------------------------------------------------ the real entry point

SEMINORM = Path(sys.executable).with_name("seminorm")

# Runs the real CLI with the stub pipeline, slowed down so that a batch is still
# running when the test interrupts it (the real pipeline may be too fast to catch).
SLOW_CLI = """
import sys, time
import seminorm.pipeline
from tests.test_cli import fake_parse
def slow(data, ctx):
    time.sleep(0.02)
    return fake_parse(data, ctx)
seminorm.pipeline.parse_bytes = slow
from seminorm.cli import main
sys.argv[0] = "seminorm"
main()
"""


def seminorm_run(*args: str, input: bytes | None = None, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    exe = [str(SEMINORM)] if SEMINORM.exists() else [sys.executable, "-m", "seminorm"]
    return subprocess.run([*exe, *args], input=input, capture_output=True, env=env, **kw)


def test_entry_point_reads_a_stdin_pipe():
    result = seminorm_run("parse", "-f", "jsonl", input=b"")
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.startswith(b"<stdin>: error: ")
    assert result.stderr.count(b"\n") == 1
    assert b"Traceback" not in result.stderr


def test_python_dash_m_and_no_ansi_codes_off_a_terminal(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "seminorm", "parse", "--help"], capture_output=True, check=True
    )
    assert result.stdout.startswith(b"Usage: seminorm parse [OPTIONS] [INPUT]...")
    (tmp_path / "bad.bin").write_bytes(bytes(range(256)) * 4)
    for args in (["parse", str(tmp_path / "bad.bin")], ["convert", str(tmp_path), "-o",
                                                        str(tmp_path / "out")]):  # fmt: skip
        out = subprocess.run(
            [sys.executable, "-m", "seminorm", *args],
            capture_output=True,
            env={k: v for k, v in os.environ.items() if k != "NO_COLOR"},
        )
        assert out.returncode == 1
        assert b"\x1b[" not in out.stdout + out.stderr


@pytest.mark.skipif(os.name != "posix", reason="SIGINT delivery is POSIX")
@pytest.mark.parametrize(("jobs", "twice"), [("1", False), ("2", False), ("1", True), ("2", True)])
def test_sigint_stops_a_convert_cleanly(tmp_path, jobs, twice):
    """One Ctrl-C: the files in progress are finished; two: stop at once. Never a partial file."""
    src, out = tmp_path / "src", tmp_path / "out"
    for i in range(300):
        (src / f"d{i % 7}").mkdir(parents=True, exist_ok=True)
        (src / f"d{i % 7}" / f"talk{i:03}.txt").write_text(f"Talk {i}\nSecond {i}")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            SLOW_CLI,
            "convert",
            str(src),
            "-o",
            str(out),
            "-f",
            "json",
            "-j",
            jobs,
            "--report",
            str(tmp_path / "report.jsonl"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        preexec_fn=interruptible,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(list(out.rglob("*.json"))) < 10:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    if twice:
        time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
    _stdout, stderr = proc.communicate(timeout=60)
    time.sleep(0.3)  # a worker left running would write more
    assert proc.returncode == 130, stderr
    assert b"Traceback" not in stderr
    assert re.fullmatch(
        rb"interrupted: \d+ not done; \d+ files, \d+ events, 0 warnings, 0 failed\n", stderr
    )
    written = sorted(out.rglob("*"))
    files = [p for p in written if p.is_file() and p.name != STATE_NAME]
    assert 10 <= len(files) < 300
    assert [p for p in files if p.suffix != ".json"] == []  # no temp file left
    for p in files:
        assert len(json.loads(p.read_text())) == 2  # every output is whole
    report = (tmp_path / "report.jsonl").read_text().splitlines()
    assert len(report) == len(files)


# ------------------------------------------------------------------ the real pipeline

EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*") if p.is_file() and p.suffix != ".md")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_real_examples_give_valid_deterministic_output(path, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from seminorm.write.json import schema

    args = ["parse", str(path), "--reference-date", "2024-03-12", "--tz", "Europe/Zurich"]
    first = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert first.exit_code == 0, first.stderr
    events = json.loads(first.stdout)
    assert events
    jsonschema.validate(events, schema())
    again = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert again.stdout == first.stdout
    ics = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "out.ics")], catch_exceptions=False)
    assert ics.exit_code == 0
    assert (tmp_path / "out.ics").read_bytes().count(b"BEGIN:VEVENT") == len(events)


def test_real_bad_inputs_fail_one_line_each(run, tmp_path):
    (tmp_path / "rand.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nodate.txt").write_text("Hello, this text mentions no moment at all.\n")
    result = run("parse", "rand.bin", "empty.txt", "nodate.txt")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line.split(": error: ")[0] for line in lines] == ["rand.bin", "empty.txt", "nodate.txt"]
    assert "internal error" not in result.stderr


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="slow without fork")  # fmt: skip
def test_real_convert_same_output_whatever_the_jobs(tmp_path):
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        args = ["convert", str(ROOT / "examples"), "-o", str(out), "-j", jobs,
                "--reference-date", "2024-03-12", "--exclude", "*.md", "--exclude", "expected/*"]  # fmt: skip
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        outs.append((result.stderr, {p.name: p.read_bytes() for p in sorted(out.rglob("*.ics"))}))
    assert outs[0] == outs[1]
    assert len(outs[0][1]) == len(EXAMPLES)


def _stderr_on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run the slowed CLI with stderr on a pseudo-terminal; return (exit code, what it showed)."""
    import pty
    import threading

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_CLI, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
        cwd=ROOT,
        env=env,
    )
    os.close(slave)
    shown = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    code = proc.wait(timeout=60)
    reader.join(timeout=5)
    os.close(master)
    return code, bytes(shown)


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_progress_bar_only_on_a_terminal_without_no_color(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(30):
        (src / f"t{i}.txt").write_text(f"Talk {i}")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm-256color"}
    args = ["convert", str(src), "-f", "json", "-j", "1", "--force"]
    code, shown = _stderr_on_a_terminal([*args, "-o", str(tmp_path / "a")], env)
    assert code == 0
    assert b"\x1b[" in shown  # the bar
    assert shown.rstrip().endswith(b"30 files, 30 events, 0 warnings, 0 failed")
    for extra, more_env in ((["-q"], {}), ([], {"NO_COLOR": "1"})):
        code, shown = _stderr_on_a_terminal([*args, *extra, "-o", str(tmp_path / "b")],
                                            env | more_env)  # fmt: skip
        assert code == 0
        assert b"\x1b[" not in shown


def test_shell_completion_as_documented():
    env = {"_SEMINORM_COMPLETE": "bash_complete", "COMP_WORDS": "seminorm con", "COMP_CWORD": "1"}
    result = CliRunner().invoke(cli, [], env=env, prog_name="seminorm")
    assert result.stdout == "plain,convert\n"
    assert "_SEMINORM_COMPLETE=bash_source seminorm" in DOCS.read_text(encoding="utf-8")


@pytest.mark.skipif(os.name != "posix", reason="SIGINT delivery is POSIX")
def test_sigint_real_entry_point_and_pipeline(tmp_path):
    """The same through .venv/bin/seminorm and the real pipeline (skipped if it is too fast)."""
    if not SEMINORM.exists():
        pytest.skip("the seminorm entry point is not installed")
    src, out = tmp_path / "src", tmp_path / "out"
    seeds = [p.read_bytes() for p in EXAMPLES if p.suffix == ".txt"]
    for i in range(400):
        (src / f"d{i % 9}").mkdir(parents=True, exist_ok=True)
        data = seeds[i % len(seeds)].replace(b"\n", f"\n\n(#{i})\n".encode(), 1)
        (src / f"d{i % 9}" / f"talk{i:03}.txt").write_bytes(data)
    proc = subprocess.Popen(
        [str(SEMINORM), "convert", str(src), "-o", str(out), "-j", "2", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=interruptible,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.ics"))) < 5:
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    if proc.returncode != 130 and len(list(out.rglob("*.ics"))) == 400:
        pytest.skip("the batch finished before the signal arrived")
    assert proc.returncode == 130, stderr
    assert b"Traceback" not in stderr
    assert re.search(rb"^interrupted: \d+ not done; ", stderr, re.M)
    files = [p for p in out.rglob("*") if p.is_file() and p.name != STATE_NAME]
    assert [p for p in files if p.suffix != ".ics"] == []  # no temp file left
    for p in files:
        data = p.read_bytes()
        assert data.startswith(b"BEGIN:VCALENDAR\r\n")
        assert data.endswith(b"END:VCALENDAR\r\n")
