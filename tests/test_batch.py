"""``seminorm convert`` and the batch machinery: discovery, mirroring, the
pool, incremental runs, the report, --merge, atomic writes."""

from __future__ import annotations

import json
import multiprocessing
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from seminorm import batch, forkpool, pool, runner
from seminorm.cli import cli
from seminorm.context import Context, today_in
from seminorm.model import Event, Source
from seminorm.state import STATE_NAME
from tests.test_cli import fake_parse

pytestmark = pytest.mark.usefixtures("stub")

FORK = "fork" in multiprocessing.get_all_start_methods()


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("seminorm.pipeline.parse_bytes", fake_parse)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """src/ with nested files, a hidden one, a bad one and a warning one."""
    monkeypatch.chdir(tmp_path)
    files = {
        "src/a.txt": "Alpha",
        "src/sub/b.txt": "Beta|warn",
        "src/sub/deeper/c.eml": "Gamma\nDelta",
        "src/sub/empty.txt": "",
        "src/.hidden.txt": "Hidden",
        "src/.git/config.txt": "Hidden",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, ["convert", *args], catch_exceptions=False)


def listing(root: Path) -> list[str]:
    """The outputs under ``root`` (the state file of incremental runs left out)."""
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.name != STATE_NAME
    )


# ------------------------------------------------------------------ discovery and planning


def test_discover_walks_sorted_and_skips_hidden(tree):
    found = list(batch.discover(["src"]))
    assert [(rel, err) for _, rel, err in found] == [
        ("a.txt", None),
        ("sub/b.txt", None),
        ("sub/deeper/c.eml", None),
        ("sub/empty.txt", None),
    ]


def test_discover_filters_and_errors(tree):
    rels = [r for _, r, _ in batch.discover(["src"], include=("*.txt",), exclude=("sub/e*",))]
    assert rels == ["a.txt", "sub/b.txt"]
    assert [r for _, r, _ in batch.discover(["src/**/*.eml"])] == ["src/sub/deeper/c.eml"]
    assert list(batch.discover(["nope.txt", "src/*.xyz"])) == [
        ("nope.txt", None, "no such file or folder"),
        ("src/*.xyz", None, "no file matches this pattern"),
    ]
    # the same file named twice is read once
    assert len(list(batch.discover(["src/a.txt", "src"]))) == 4


def test_discover_skips_the_output_folder(tree):
    (tree / "src" / "out").mkdir()
    (tree / "src" / "out" / "a.ics").write_text("x")
    assert all("out/" not in r for _, r, _ in batch.discover(["src"], skip_dir="src/out"))


def test_plan_mirrors_the_tree(tree):
    jobs = batch.plan(["src", "src/a.txt"], "OUT", "ics")
    assert [(j.src, j.out) for j in jobs] == [
        ("src/a.txt", "OUT/a.ics"),
        ("src/sub/b.txt", "OUT/sub/b.ics"),
        ("src/sub/deeper/c.eml", "OUT/sub/deeper/c.ics"),
        ("src/sub/empty.txt", "OUT/sub/empty.ics"),
    ]
    # a named file keeps its path relative to the current folder
    assert [j.out for j in batch.plan(["src/sub/b.txt"], "OUT", "json")] == ["OUT/src/sub/b.json"]


def test_plan_collisions_keep_both_extensions(tree):
    (tree / "src" / "a.eml").write_text("Alpha mail")
    outs = [j.out for j in batch.plan(["src"], "OUT", "ics", include=("a.*",))]
    assert outs == ["OUT/a.eml.ics", "OUT/a.txt.ics"]


def test_plan_numbers_the_same_name_from_two_places(tree, tmp_path_factory):
    other = tmp_path_factory.mktemp("elsewhere")
    (other / "a.txt").write_text("Alpha")
    outs = [j.out for j in batch.plan([str(other / "a.txt"), "src"], "OUT", "ics")][:2]
    assert outs == ["OUT/a.txt.ics", "OUT/a.txt~2.ics"]


def test_plan_never_writes_over_an_input(tree):
    (tree / "src" / "b.ics").write_text("BEGIN:VCALENDAR")
    [job] = batch.plan(["src"], "src", "ics", include=("b.ics",))
    assert (job.src, job.out, job.error) == (
        "src/b.ics", None, "its output src/b.ics would overwrite an input"
    )  # fmt: skip
    (tree / "src" / "a.ics").write_text("BEGIN:VCALENDAR")  # a.txt's output: both keep extensions
    outs = [j.out for j in batch.plan(["src"], "src", "ics", include=("a.*",))]
    assert outs == ["src/a.ics.ics", "src/a.txt.ics"]


def test_chunks_are_ordered_and_shrink_towards_the_end():
    jobs = [pool.Job(str(i), None) for i in range(300)]
    parts = pool.chunks(jobs, 2)
    assert [j for part in parts for j in part] == jobs
    sizes = [len(p) for p in parts]
    assert sizes[0] == 32  # capped
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-4:] == [1, 1, 1, 1]  # the workers finish together
    assert pool.chunks(jobs[:3], 8) == [[jobs[0]], [jobs[1]], [jobs[2]]]
    assert pool.chunks([], 2) == []


def test_chunks_keep_big_files_apart(tmp_path):
    sizes = [10, 10, 300, 10, 200, 100, *[1] * 50]
    jobs = []
    for i, size in enumerate(sizes):
        (tmp_path / f"{i}.txt").write_bytes(b"x" * size)
        jobs.append(pool.Job(str(tmp_path / f"{i}.txt"), None))
    parts = pool.chunks(jobs, 1, max_bytes=256)
    assert [j for part in parts for j in part] == jobs
    as_index = [[jobs.index(j) for j in part] for part in parts]
    assert as_index[:4] == [[0, 1], [2], [3, 4], list(range(5, 17))]
    for part in parts:  # over the byte budget only when a file is alone
        assert len(part) == 1 or sum(os.path.getsize(j.src) for j in part) <= 256


# ------------------------------------------------------------------ atomic writes


def test_atomic_write_replaces_whole_or_not_at_all(tmp_path):
    target = tmp_path / "deep" / "out.ics"
    runner.atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    mask = os.umask(0o022)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask  # not mkstemp's 0o600

    def broken():
        yield b"partial"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        runner.atomic_write(target, broken())
    assert target.read_bytes() == b"new"
    assert listing(tmp_path) == ["deep/out.ics"]


# ------------------------------------------------------------------ merge


def ev(uid: str, title: str, hour: int, path: str, tz: str | None = None, **kw) -> Event:
    start = datetime(2024, 5, 4, hour, 0, tzinfo=ZoneInfo(tz) if tz else None)
    return Event(uid=uid, title=title, start=start, source=Source(path=path), **kw)


def test_merge_drops_same_uid_and_same_start_title():
    events = [
        ev("u1", "On knots", 16, "a.txt", "Europe/Zurich"),
        ev("u1", "Other title", 9, "b.ics"),
        ev("u2", "On  Knots!", 14, "c.txt", "UTC"),  # the same instant as the first
        ev("u3", "On knots", 17, "d.txt", "Europe/Zurich"),
        ev("u4", "Recurring", 9, "e.ics"),
        ev("u4", "Recurring", 10, "e.ics", ics_extra=("RECURRENCE-ID:20240504T090000",)),
    ]
    kept = batch.merge(events)
    assert [(e.uid, e.source.path) for e in kept] == [
        ("u1", "a.txt"),
        ("u3", "d.txt"),
        ("u4", "e.ics"),
        ("u4", "e.ics"),
    ]
    assert [(w.code, w.message) for w in kept[0].warnings] == [
        (
            "duplicate-event",
            "b.ics (event 1) is a duplicate of a.txt (event 1) (same UID); the copy was dropped",
        ),
        (
            "duplicate-event",
            "c.txt (event 1) is a duplicate of a.txt (event 1) (same start and title); "
            "the copy was dropped",
        ),
    ]


def test_merger_gives_the_bytes_of_merge_one_input_at_a_time(tmp_path):
    """--merge in bounded memory: the same events and warnings as merge(), written."""
    from seminorm.pool import portable
    from seminorm.runner import Result
    from seminorm.write import render

    events = [
        ev("u1", "On knots", 16, "a.txt", "Europe/Zurich"),
        ev("u1", "Other title", 9, "b.ics"),
        ev("u2", "On  Knots!", 14, "c.txt", "UTC"),
        ev("u3", "On knots", 17, "d.txt", "Europe/Zurich"),
        ev("u4", "Recurring", 9, "e.ics"),
        ev("u4", "Recurring", 10, "e.ics", ics_extra=("RECURRENCE-ID:20240504T090000",)),
        ev("u1", "Again", 11, "f.txt"),
    ]
    for fmt in ("json", "ics"):
        merger = batch.Merger()
        for part in (events[:2], events[2:3], [], events[3:]):
            r = merger.take(Result("x", "ok", len(part), kept=tuple(portable(e) for e in part)))
            assert r.kept == ()  # the tally keeps no events
        out = tmp_path / f"all.{fmt}"
        n, lines = merger.write(str(out), fmt, Context(), False)
        kept = batch.merge(events)
        assert n == len(kept) == 4
        assert out.read_bytes() == render(kept, fmt, Context())
        assert len(lines) == 3
        assert lines[2].startswith("f.txt: warning[duplicate-event]: f.txt (event 1) is a dup")


def test_merge_never_matches_missing_titles():
    events = [ev("a", "", 16, "a.txt"), ev("b", "", 16, "b.txt")]
    assert len(batch.merge(events)) == 2


# ------------------------------------------------------------------ convert


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_convert_writes_mirrored_outputs_and_summary(tree, jobs):
    if jobs != "1" and not FORK:
        pytest.skip("the stub reaches the workers only when they are forked")
    result = run("src", "-o", "out", "-f", "json", "-j", jobs, "--report", "r.jsonl")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "src/sub/b.txt: warning[tz-missing]: no zone stated\n"
        "src/sub/empty.txt: error: no date or time found\n"
        "4 files, 4 events, 1 warnings, 1 failed\n"
    )
    assert listing(tree / "out") == ["a.json", "sub/b.json", "sub/deeper/c.json"]
    titles = [e["title"] for e in json.loads((tree / "out/sub/deeper/c.json").read_text())]
    assert titles == ["Gamma", "Delta"]
    rows = [json.loads(line) for line in (tree / "r.jsonl").read_text().splitlines()]
    assert rows[1] == {
        "path": "src/sub/b.txt", "status": "ok", "events": 1, "warnings": 1, "error": None,
        "remembered": False, "reference_date": f"{today_in(None).isoformat()} (today)",
    }  # fmt: skip
    assert rows[3]["status"] == "no-event"
    assert rows[3]["error"] == "no date or time found"


@pytest.fixture(params=["forkpool", "executor"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of running workers: forked children fed through pipes, and
    ``concurrent.futures`` (what spawn-only systems use; forked here)."""
    if request.param == "executor":
        monkeypatch.setattr(forkpool, "available", lambda: False)
    elif not forkpool.available():
        pytest.skip("no os.fork here")
    return str(request.param)


@pytest.mark.skipif(not FORK, reason="the stub reaches the workers only when they are forked")
def test_results_do_not_depend_on_the_number_of_jobs(tree, engine):
    for i in range(40):
        (tree / "src" / "many" / f"f{i:02}.txt").parent.mkdir(exist_ok=True)
        (tree / "src" / "many" / f"f{i:02}.txt").write_text(f"Talk {i}|warn" if i % 3 else "")
    outputs = []
    for jobs in ("1", "2", "3"):
        result = run("src", "-o", f"out{jobs}", "-j", jobs, "--report", f"r{jobs}.jsonl")
        files = {p: (tree / f"out{jobs}" / p).read_bytes() for p in listing(tree / f"out{jobs}")}
        outputs.append(
            (result.exit_code, result.stderr, files, (tree / f"r{jobs}.jsonl").read_text())
        )
    assert outputs[0] == outputs[1] == outputs[2]


def test_convert_is_incremental(tree):
    assert run("src", "-o", "out", "-q").exit_code == 1
    again = run("src", "-o", "out")
    assert again.stderr.splitlines()[-1] == (
        "4 files, 0 events, 0 warnings, 1 failed, 3 skipped (up to date)"
    )
    (tree / "src/a.txt").write_text("Alpha\n")  # the input changed
    again = run("src", "-o", "out", "-q", "--report", "r.jsonl")
    statuses = [json.loads(line)["status"] for line in (tree / "r.jsonl").read_text().splitlines()]
    assert statuses == ["ok", "skipped", "skipped", "no-event"]
    forced = run("src", "-o", "out", "--force")
    assert forced.stderr.splitlines()[-1] == "4 files, 4 events, 1 warnings, 1 failed"


def test_convert_fail_fast(tree):
    (tree / "src" / "sub" / "b.txt").write_text("")
    result = run("src", "-o", "out", "-j", "1", "--fail-fast")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "2 files, 1 events, 0 warnings, 1 failed"
    assert listing(tree / "out") == ["a.ics"]


def test_convert_strict_and_quiet(tree):
    (tree / "src" / "sub" / "empty.txt").unlink()
    result = run("src", "-o", "out", "-q", "--strict")
    assert (result.exit_code, result.stderr) == (3, "")
    assert run("src", "-o", "out2").exit_code == 0


def test_convert_merge(tree):
    (tree / "src" / "dup.txt").write_text("Alpha")  # same start and title as a.txt
    result = run("src", "--merge", "all.json")
    assert result.exit_code == 1
    merged = json.loads((tree / "all.json").read_text())
    assert [e["title"] for e in merged] == ["Alpha", "Beta", "Gamma", "Delta"]
    assert merged[0]["warnings"][0]["code"] == "duplicate-event"
    assert (
        "src/dup.txt (event 1) is a duplicate of src/a.txt (event 1)"
        in (merged[0]["warnings"][0]["message"])
    )
    assert not (tree / "out").exists()
    ics = run("src", "--merge", "all.ics", "-o", "out")
    assert ics.exit_code == 1
    assert (tree / "all.ics").read_bytes().count(b"BEGIN:VEVENT") == 4
    assert (tree / "out" / "a.ics").exists()
    # a calendar holds no warnings: the dropped copy is reported where warnings go, and counted
    lines = ics.stderr.splitlines()
    assert lines[-3:] == [
        "src/dup.txt: warning[duplicate-event]: src/dup.txt (event 1) is a duplicate of "
        "src/a.txt (event 1) (same UID); the copy was dropped",
        "all.ics: 4 events (1 duplicates dropped)",
        "5 files, 5 events, 2 warnings, 1 failed",
    ]
    assert (
        run("src", "--merge", "all.ics", "-q").stderr
        == "src/sub/empty.txt: error: no date or time found\n"
    )


def test_convert_usage_errors(tree):
    assert run("src").exit_code == 2
    assert "give an output folder with -o OUT_DIR, or --merge FILE" in run("src").stderr
    result = run("src", "--merge", "src/a.txt")
    assert result.exit_code == 2
    assert "src/a.txt is also an input" in result.stderr
    assert run("-o", "out").exit_code == 2
    assert run("src", "-o", "out", "-j", "0").exit_code == 2


def test_convert_missing_sources_fail_but_do_not_stop(tree):
    result = run("src/a.txt", "missing.txt", "-o", "out")
    assert result.exit_code == 1
    assert result.stderr == (
        "missing.txt: error: no such file or folder\n2 files, 1 events, 0 warnings, 1 failed\n"
    )
    assert listing(tree / "out") == ["src/a.ics"]


def test_no_progress_bar_without_a_terminal(tree):
    result = run("src", "-o", "out")
    assert "\x1b[" not in result.stderr


@pytest.mark.skipif(not FORK, reason="the stub reaches the workers only when they are forked")
def test_a_dying_worker_fails_its_file_only(tree, engine):
    (tree / "src" / "sub" / "b.txt").write_text("DIE")
    result = run("src", "-o", "out", "-j", "2", "--report", "r.jsonl")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    why = {
        "forkpool": "the worker process exited with status 3\n",
        "executor": "the worker process went away\n",
    }[engine]
    assert result.stderr.startswith(f"src/sub/b.txt: error: internal error: {why}")
    assert result.stderr.splitlines()[-1] == "4 files, 3 events, 0 warnings, 2 failed"
    statuses = [json.loads(line)["status"] for line in (tree / "r.jsonl").read_text().splitlines()]
    assert statuses == ["ok", "failed", "ok", "no-event"]
    assert listing(tree / "out") == ["a.ics", "sub/deeper/c.ics"]


@pytest.mark.skipif(not FORK, reason="the stub reaches the workers only when they are forked")
def test_after_a_worker_dies_the_rest_of_the_batch_stays_parallel(tree, engine, monkeypatch):
    """Only the files of the part whose worker died run again one by one; the rest
    of the batch goes on in the pool, and a worker dies for its own part only."""
    many = tree / "src" / "many"
    many.mkdir()
    for i in range(60):
        (many / f"f{i:02}.txt").write_text("DIE" if i == 7 else f"Talk {i}")
    calls: list[int] = []
    backend = pool.default_backend()

    def spy(parts, *args):
        calls.append(sum(len(p) for p in parts))
        return backend(parts, *args)

    monkeypatch.setattr(pool, "default_backend", lambda: spy)
    result = run("src/many", "-o", "out", "-j", "2", "--report", "r.jsonl")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "60 files, 59 events, 0 warnings, 1 failed"
    rows = [json.loads(line) for line in (tree / "r.jsonl").read_text().splitlines()]
    assert [r["path"] for r in rows] == [f"src/many/f{i:02}.txt" for i in range(60)]
    assert [r["path"] for r in rows if r["status"] == "failed"] == ["src/many/f07.txt"]
    assert len(listing(tree / "out")) == 59
    assert calls[0] == 60
    assert len(calls) == 2
    assert calls[1] <= 8, calls  # the culprit's part, alone


SPAWNED = """
import multiprocessing, sys
from seminorm import forkpool
from seminorm.__main__ import main
multiprocessing.set_start_method("spawn", force=True)
forkpool.available = lambda: False
sys.argv = ["seminorm", *sys.argv[1:]]
main()
"""


def test_spawned_workers_give_the_same_results(tmp_path):
    """The executor pool as macOS and Windows run it: workers spawned, not forked
    (jobs, settings and the started flags cross to them pickled). In a process of
    its own: spawning starts a resource tracker that outlives the run."""
    import subprocess
    import sys

    for i in range(12):
        (tmp_path / "src" / f"t{i:02}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "src" / f"t{i:02}.txt").write_text(
            f"Talk: On problem {i}\nSpeaker: Ada Person (Place)\nMay {i + 1}, 2021, 16:00 CEST\n"
        )
    (tmp_path / "src" / "empty.txt").write_text("")

    def convert(out: str, jobs: str) -> subprocess.CompletedProcess[str]:
        argv = ["convert", "src", "-o", out, "-j", jobs, "-f", "json"]
        return subprocess.run(
            [sys.executable, "-c", SPAWNED, *argv], cwd=tmp_path, capture_output=True, text=True
        )

    one, two = convert("out1", "1"), convert("out2", "2")
    assert (two.returncode, two.stderr) == (one.returncode, one.stderr) == (
        1, "src/empty.txt: error: empty input\n13 files, 12 events, 0 warnings, 1 failed\n"
    )  # fmt: skip
    files = listing(tmp_path / "out1")
    assert len(files) == 12
    assert files == listing(tmp_path / "out2")
    for name in files:
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes()


def test_unwritable_output_fails_that_input_only(tree):
    (tree / "out" / "a.ics").mkdir(parents=True)  # a folder where a.txt's output goes
    result = run("src", "-o", "out")
    assert result.exit_code == 1
    assert "src/a.txt: error: cannot write out/a.ics: Is a directory\n" in result.stderr
    assert (tree / "out" / "sub" / "b.ics").is_file()


def test_a_stop_now_waits_for_the_output_being_written():
    """SIGTERM (a second Ctrl-C) unwinds a file being converted, but not one whose
    output is being committed: that one is finished and recorded, then the worker stops."""
    worker = pool.Worker()
    worker.busy = True
    with pytest.raises(KeyboardInterrupt):
        worker.on_sigterm(15, None)
    worker.committing = True
    worker.on_sigterm(15, None)
    assert worker.term_pending
    worker.busy = worker.committing = False
    worker.on_sigterm(15, None)  # idle: it reports what it did, then exits


def test_a_pending_stop_ends_the_chunk_after_the_recorded_file(tree, monkeypatch):
    monkeypatch.chdir(tree)
    jobs = [
        pool.Job(f"src/{name}", f"out/{i}.json") for i, name in enumerate(["a.txt", "sub/b.txt"])
    ]
    settings = pool.Settings(ctx=Context(), fmt="json")
    monkeypatch.setattr(pool.WORKER, "term_pending", True)
    results = pool.run_chunk(jobs, settings)
    assert [r.src for r in results] == ["src/a.txt"]
    assert listing(tree / "out") == ["0.json"]
    assert not pool.WORKER.busy
    assert not pool.WORKER.committing


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_real_path_resolves_like_realpath(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "f.txt").write_text("x")
    (tmp_path / "a" / "link-dir").symlink_to(tmp_path / "a" / "b")
    (tmp_path / "a" / "link-file.txt").symlink_to(tmp_path / "a" / "b" / "f.txt")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a" / "loop")
    paths = [
        "a/b/f.txt", "a/link-dir/f.txt", "a/link-file.txt", "a/b/../b/f.txt", "a/b/",
        "a/b/.", "a/b/..", "missing/x.ics", "a/link-dir/new/out.ics", "f.txt", "a//b//f.txt",
        str(tmp_path / "a" / "link-dir" / "f.txt"), "a/loop", "a/loop/x",
    ]  # fmt: skip
    folders: dict[str, str] = {}
    for p in paths * 2:  # the second time from the remembered folders
        assert batch.real_path(p, folders) == os.path.realpath(p), p


def test_the_progress_bar_runs_no_thread():
    """convert forks its workers while the bar is shown: no other thread may exist then."""
    import threading

    before = threading.active_count()
    progress = batch.Progress(3, bar=True, quiet=True, verbose=False)
    try:
        progress(runner.Result("a.txt", "ok", 1))
        assert threading.active_count() == before
    finally:
        progress.close()


# ------------------------------------------------------------------ limits and file safety


def hungry_parse(data: bytes, ctx: Context) -> list[Event]:
    """The stub, plus inputs that never end (SPIN) or want all the memory (HOG)."""
    if data.startswith(b"SPIN"):
        while True:
            pass
    if data.startswith(b"HOG"):
        hog = [bytearray(64 << 20) for _ in range(256)]  # 16 GB, 64 MB at a time
        raise AssertionError(f"{len(hog)} blocks: the limit let them through")
    return fake_parse(data, ctx)


@pytest.mark.skipif(not forkpool.available(), reason="the limits are set in forked workers")
def test_a_file_over_the_time_or_memory_limit_fails_alone(tree, monkeypatch):
    monkeypatch.setattr("seminorm.pipeline.parse_bytes", hungry_parse)
    (tree / "src" / "spin.txt").write_text("SPIN")
    (tree / "src" / "hog.txt").write_text("HOG")
    result = run("src", "-o", "out", "-j", "2", "--time-limit", "1", "--memory-limit", "200")
    assert result.exit_code == 1
    assert "src/spin.txt: error: over the time limit of 1 s\n" in result.stderr
    assert "src/hog.txt: error: over the memory limit of 200 MB\n" in result.stderr
    assert result.stderr.splitlines()[-1] == "6 files, 4 events, 1 warnings, 3 failed"
    assert listing(tree / "out") == ["a.ics", "sub/b.ics", "sub/deeper/c.ics"]


def test_the_limits_have_defaults_and_zero_means_none():
    settings = pool.Settings(ctx=Context(), fmt="ics")
    assert (settings.time_limit, settings.memory_limit) == (120, 2048)
    assert run("src", "-o", "out", "--time-limit", "-1").exit_code == 2


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_in_the_output_tree_never_leads_a_write_outside(tree):
    """out/sub is a link to a folder outside out/: b.txt's output would land there."""
    outside = tree / "outside"
    outside.mkdir()
    (outside / "b.ics").write_text("precious")
    (tree / "out").mkdir()
    (tree / "out" / "sub").symlink_to(outside, target_is_directory=True)
    (tree / "elsewhere.txt").write_text("keep")
    (tree / "out" / "a.ics").symlink_to(tree / "elsewhere.txt")  # a link at the name itself
    result = run("src", "-o", "out", "-j", "1")
    assert result.exit_code == 1
    assert "src/sub/b.txt: error: cannot write out/sub/b.ics: a symbolic link" in result.stderr
    assert (outside / "b.ics").read_text() == "precious"
    assert [p.name for p in outside.iterdir()] == ["b.ics"]
    assert (tree / "elsewhere.txt").read_text() == "keep"  # the link was replaced, not followed
    assert not (tree / "out" / "a.ics").is_symlink()


def test_atomic_write_refuses_a_target_outside_its_root(tmp_path):
    with pytest.raises(runner.WriteError, match="outside the output folder"):
        runner.atomic_write(tmp_path / "out" / ".." / "x.ics", b"x", root=tmp_path / "out")
    assert not (tmp_path / "x.ics").exists()


def test_outputs_reach_the_disk_before_the_rename(tmp_path, monkeypatch):
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(
        os, "replace", lambda *a, **k: (calls.append("replace"), real_replace(*a, **k))[1]
    )
    runner.atomic_write(tmp_path / "a.ics", b"data")
    runner.atomic_write(tmp_path / "out" / "b.ics", b"data", root=tmp_path / "out")
    assert calls == ["fsync", "replace", "fsync", "replace"]


def test_report_and_merge_may_not_name_each_other_or_an_output(tree):
    for args in (
        ["--report", "x.json", "--merge", "x.json"],
        ["-o", "out", "--report", "out/a.ics"],
        ["-o", "out", "--merge", "out/sub/b.ics"],
    ):
        result = run("src", *args)
        assert result.exit_code == 2, args
        assert "Error:" in result.stderr
    assert (
        "--report and --merge name the same file"
        in run("src", "--report", "x.json", "--merge", "x.json").stderr
    )
    assert not (tree / "x.json").exists()
    assert not (tree / "out").exists()


def test_an_unreadable_subfolder_is_a_failed_input(tree, monkeypatch):
    """Permissions do not stop root, so the listing itself is made to fail."""
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("deeper"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("src", "-o", "out", "-j", "1")
    assert result.exit_code == 1
    assert "src/sub/deeper: error: cannot read this folder: Permission denied\n" in result.stderr
    assert result.stderr.splitlines()[-1].endswith("2 failed")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_linked_input_pointed_elsewhere_is_converted_again(tree):
    (tree / "old.txt").write_text("Old")
    (tree / "new.txt").write_text("New")
    os.utime(tree / "new.txt", (1e9, 1e9))  # an old file...
    (tree / "links").mkdir()
    (tree / "links" / "talk.txt").symlink_to(tree / "old.txt")
    assert run("links", "-o", "out", "-f", "json").exit_code == 0
    os.utime(tree / "out" / "talk.json", (1.5e9, 1.5e9))
    (tree / "links" / "talk.txt").unlink()
    (tree / "links" / "talk.txt").symlink_to(tree / "new.txt")  # ...linked to now
    again = run("links", "-o", "out", "-f", "json")
    assert again.stderr.splitlines()[-1] == "1 files, 1 events, 0 warnings, 0 failed"
    assert json.loads((tree / "out" / "talk.json").read_text())[0]["title"] == "New"


def test_per_file_limits_overlapping_in_threads_leave_the_process_limits_as_they_were() -> None:
    # Two files converted at once by two threads of one process (a Dask worker
    # with several threads, a cluster of threads in one process) enter and leave
    # the limits interleaved: the process's own limits must come back, never the
    # lowered limit of the file that started first.
    resource = pytest.importorskip("resource")
    settings = pool.Settings(ctx=Context(), fmt="json", time_limit=120, memory_limit=0)
    before = resource.getrlimit(resource.RLIMIT_CPU)
    first, second = pool._Limits(settings), pool._Limits(settings)
    first.__enter__()
    second.__enter__()
    assert resource.getrlimit(resource.RLIMIT_CPU) != before
    first.__exit__(None, None, None)
    second.__exit__(None, None, None)
    assert resource.getrlimit(resource.RLIMIT_CPU) == before
