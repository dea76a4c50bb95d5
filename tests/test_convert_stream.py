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


def test_a_big_folder_is_sorted_in_runs_spilled_to_a_file(tmp_path: Path, monkeypatch) -> None:
    """A folder's names are sorted a few at a time (runs merged from a temporary
    file), in the order of :func:`sorted`, with odd names kept as they are."""
    from seminorm import listing

    monkeypatch.setattr(listing, "RUN", 4)
    monkeypatch.setattr(listing, "BLOCK", 7)  # records cut across reads
    monkeypatch.setattr(listing, "FAN_IN", 3)  # runs merged into bigger ones, twice over
    names = [f"t{i * 7919 % 41:02}.txt" for i in range(41)] + ["Été.txt", "a b", ".hidden"]
    if os.name == "posix":
        names.append(os.fsdecode(b"latin-\xe9.txt"))  # not UTF-8: a lone surrogate
    for name in names:
        (tmp_path / name).write_text("x")
    (tmp_path / "t05.d").mkdir()
    expected = sorted([(n, False) for n in names if not n.startswith(".")] + [("t05.d", True)])
    assert list(listing.entries(str(tmp_path))) == expected
    assert len(list(listing.entries(str(tmp_path), hidden=True))) == len(expected) + 1
    monkeypatch.chdir(tmp_path)
    rels = [rel for _, rel, _ in batch.discover(["."])]
    assert rels == [n for n, _ in expected if n != "t05.d"]


def test_glob_patterns_are_walked_lazily_as_glob_matches_them(tmp_path: Path, monkeypatch) -> None:
    """The same files as ``glob.glob(recursive=True)``, in the order of the paths' parts."""
    import glob

    from seminorm import listing

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(listing, "RUN", 3)
    names = ["src/a.txt", "src/a/b.txt", "src/a/c/d.txt", "src/a.eml", "src/b-x.txt",
             "src/.h/e.txt", "src/.f.txt", "src/g/.i.txt", "src/g/h.eml", "top.txt"]  # fmt: skip
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    patterns = ["src/**/*.txt", "src/*", "src/**", "*/a/*.txt", "src/[ab]*", "src/?.*",
                "src/**/.i.txt", "src/.*", "**/h.eml", "*.txt", "src/**/c/*", "src/*/",
                str(tmp_path / "src" / "*" / "*.txt"), "src/nothing/*", "nope*/x"]  # fmt: skip
    for pattern in patterns:
        want = {p for p in glob.iglob(pattern, recursive=True) if os.path.isfile(p)}
        got = list(listing.glob_files(pattern))
        assert set(got) == want, pattern
        assert got == sorted(got, key=lambda p: p.split(os.sep)), pattern
    rels = [rel for _, rel, _ in batch.discover(["src/**/*.txt"])]
    assert rels == ["src/a/b.txt", "src/a/c/d.txt", "src/a.txt", "src/b-x.txt"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_double_star_does_not_follow_links_to_folders(tmp_path: Path, monkeypatch) -> None:
    from seminorm import listing

    monkeypatch.chdir(tmp_path)
    (tmp_path / "src" / "a").mkdir(parents=True)
    (tmp_path / "src" / "a" / "t.txt").write_text("x")
    os.symlink(tmp_path / "src", tmp_path / "src" / "a" / "loop")  # a cycle
    assert list(listing.glob_files("src/**/*.txt")) == [os.path.join("src", "a", "t.txt")]
    assert list(listing.glob_files("src/a/loop/a/*.txt")) == [
        os.path.join("src", "a", "loop", "a", "t.txt")
    ]  # a link named by the pattern is followed


@pytest.mark.slow
def test_a_huge_folder_and_a_glob_are_planned_in_flat_memory(tmp_path: Path, monkeypatch) -> None:
    """12,000 files in one folder, named by the folder or by a pattern, take no more
    memory to plan than 3,000 (a folder's listing was held whole, and a pattern's
    matches were listed and sorted whole)."""
    import tracemalloc

    from seminorm import listing

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(listing, "RUN", 500)
    monkeypatch.setattr(listing, "BLOCK", 1024)
    monkeypatch.setattr(listing, "FAN_IN", 4)
    monkeypatch.setattr(batch.Seen, "LIMIT", 500)
    peaks = {}
    for n in (3000, 12000):
        make_files(tmp_path / f"src{n}", n, width=n)  # one folder
        for source in (f"src{n}", f"src{n}/*/*.txt"):
            tracemalloc.start()
            plan = batch.plan([source], f"out{n}", "json")
            peaks[n, source.count("*")] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert len(plan) == n
            plan.close()
    for stars in (0, 2):
        assert peaks[12000, stars] < peaks[3000, stars] + 300_000, peaks
