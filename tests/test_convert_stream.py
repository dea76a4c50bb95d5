"""``convert`` streams its plan and its report: the client's memory does not grow
with the number of inputs (issue 16), whichever engine runs the files.

The plan is spooled to a temporary database and taken ``batch.BATCH`` inputs
at a time; each result is reported, remembered and let go as it comes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from seminorm import batch, pool
from seminorm.cli import cli
from seminorm.context import Context
from seminorm.runner import Result
from tests.test_cli import fake_parse


def instant(parts, settings, workers, on_done, should_stop):
    """A backend that fails every file at once, in the calling process."""
    for i, part in enumerate(parts):
        if should_stop():
            break
        on_done(i, [Result(job.src, "failed", error="stub") for job in part])
    return {}


def make_files(folder: Path, n: int, width: int = 40) -> None:
    for i in range(n):
        sub = folder / f"d{i // width:04}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"f{i:06}.txt").write_bytes(b"")


def test_the_walk_is_in_the_order_of_the_paths_parts(tmp_path: Path) -> None:
    """Folder by folder, depth first, yet the same order as sorting whole paths by parts."""
    names = ["talk.a", "talk.d/x.txt", "talk.eml", "talk.txt", "a/b/c.txt", "a.b", "a-c/d.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    rels = [rel for _, rel, _ in batch.discover([str(tmp_path)])]
    assert rels == sorted(names, key=lambda r: r.split("/"))


def test_the_plan_is_spooled_and_iterated_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(batch.Seen, "LIMIT", 5)  # the names seen go to the table early
    make_files(tmp_path / "src", 30, width=7)
    (tmp_path / "src" / "d0000" / "f000000.eml").write_text("")  # shares f000000's output
    plan = batch.plan(["src", "src/d0001"], "out", "ics")
    assert len(plan) == 31
    jobs = list(plan)
    assert jobs == list(plan)
    assert [j.out for j in jobs[:3]] == [
        "out/d0000/f000000.eml.ics", "out/d0000/f000000.txt.ics", "out/d0000/f000001.ics",
    ]  # fmt: skip
    assert len({j.src for j in jobs}) == 31  # d0001 named again: its files are taken once


def test_report_rows_are_written_before_the_last_file_runs(tmp_path: Path, monkeypatch) -> None:
    """The report is written as results come (to a hidden file that takes the
    report's name at the end), not gathered in memory until the last file is done."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(batch, "BATCH", 4)
    make_files(tmp_path / "src", 10)
    seen_rows: list[int] = []

    def spy(parts, *args):
        [spool] = tmp_path.glob(".r.jsonl.*.tmp")
        seen_rows.append(len(spool.read_bytes().splitlines()))
        return instant(parts, *args)

    plan = batch.plan(["src"], "out", "json")
    settings = pool.Settings(Context(), "json", out_root="out")
    tally, interrupted = batch.convert(
        plan, settings, jobs=2, report="r.jsonl", backend=spy, out_dir="out", quiet=True
    )
    assert (tally.files, tally.failed, interrupted) == (10, 10, False)
    assert seen_rows == [0, 4, 8]  # three batches of at most 4; the rows of each were out
    rows = [json.loads(line) for line in Path("r.jsonl").read_text().splitlines()]
    assert [Path(r["path"]).name for r in rows] == [f"f{i:06}.txt" for i in range(10)]
    assert not list(tmp_path.glob(".r.jsonl.*"))


def test_known_inputs_are_reported_in_their_place(tmp_path: Path, monkeypatch) -> None:
    """Inputs found up to date are reported where they stand in the plan, between
    the ones that ran, whatever the batches."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("seminorm.pipeline.parse_bytes", fake_parse)
    monkeypatch.setattr(batch, "BATCH", 3)
    for i in range(7):
        (tmp_path / "src" / f"t{i}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "src" / f"t{i}.txt").write_text(f"Talk {i}")
    args = ["convert", "src", "-o", "out", "-j", "1", "--report", "r.jsonl"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    for i in (1, 4, 5):
        (tmp_path / "src" / f"t{i}.txt").write_text(f"Talk {i} again")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in Path("r.jsonl").read_text().splitlines()]
    assert [(Path(r["path"]).name, r["status"]) for r in rows] == [
        (f"t{i}.txt", "ok" if i in (1, 4, 5) else "skipped") for i in range(7)
    ]
    assert (
        result.stderr.splitlines()[-1]
        == "7 files, 3 events, 0 warnings, 0 failed, 4 skipped (up to date)"
    )


def test_url_inputs_are_remembered_like_files(tmp_path: Path, monkeypatch) -> None:
    """An object in storage is known again by its listing (size and version), not read."""
    fsspec = pytest.importorskip("fsspec")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("seminorm.pipeline.parse_bytes", fake_parse)
    fs = fsspec.filesystem("memory")
    for i in range(3):
        fs.pipe_file(f"/stream-talks/t{i}.txt", f"Talk {i}".encode())
    args = ["convert", "memory://stream-talks", "-o", "out", "-j", "1", "--report", "r.jsonl"]
    try:
        assert CliRunner().invoke(cli, args).exit_code == 0
        fs.pipe_file("/stream-talks/t1.txt", b"Talk 1 again")
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.stderr
        rows = [json.loads(line) for line in Path("r.jsonl").read_text().splitlines()]
        assert [r["status"] for r in rows] == ["skipped", "ok", "skipped"]
    finally:
        fs.rm("/stream-talks", recursive=True)


@pytest.mark.slow
def test_the_clients_memory_does_not_grow_with_the_inputs(tmp_path: Path, monkeypatch) -> None:
    """Python's peak for 12,000 planned inputs is that of 3,000 (it grew by about
    0.75 KB an input when the plan, the results and the report rows were kept)."""
    import tracemalloc

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(batch, "BATCH", 500)
    monkeypatch.setattr(batch.Seen, "LIMIT", 500)
    peaks = {}
    for n in (3000, 12000):
        make_files(tmp_path / f"src{n}", n)
        settings = pool.Settings(Context(), "json", out_root=f"out{n}")
        tracemalloc.start()
        plan = batch.plan([f"src{n}"], f"out{n}", "json")
        tally, _ = batch.convert(plan, settings, jobs=2, report=f"r{n}.jsonl", backend=instant,
                                 out_dir=f"out{n}", quiet=True)  # fmt: skip
        peaks[n] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        plan.close()
        assert tally.files == n
        assert os.path.getsize(f"r{n}.jsonl") > 0
    assert peaks[12000] < peaks[3000] + 1_000_000, peaks  # old: about 6.8 MB more
