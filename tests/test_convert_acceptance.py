"""``convert`` on a real tree of a few hundred mixed files, end to end.

The ICS corpus (``../shared/corpus/ics``, read in place) and the examples
are converted together with a tree of our own: text announcements in nested
folders, a binary file, an empty file, a file name with spaces, and the same
announcement twice. Every good file must be written, every bad one reported
with a one-line error, and nothing may end in a traceback; a second run
without ``--force`` must write nothing and parse only what failed before;
``--merge`` must give the duplicate once, in a calendar every client reads.
The test skips when ``../shared`` is not there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from seminorm import pipeline
from seminorm.cli import cli
from seminorm.state import STATE_NAME

from .client_checks import assert_clients_agree

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ics"
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/ics is not here")

ANNOUNCEMENT = """Number theory seminar
Speaker: Dr. Ada Person (University of Somewhere)
Title: Sums of {what}
Date: Thursday, March {day}, 2024, 16:15-17:15 CET
Room: Building 2, room 104
"""


def own_tree(root: Path) -> None:
    """Nested announcements, a binary file, an empty one, spaces in a name, a duplicate."""
    for i in range(1, 7):
        folder = root / f"term{i % 2}" / ("week" if i % 3 else "week/late")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"talk {i}.txt").write_text(ANNOUNCEMENT.format(what=f"squares {i}", day=i))
    (root / "dup").mkdir()
    for name in ("first.txt", "again.txt"):  # the same announcement twice
        (root / "dup" / name).write_text(ANNOUNCEMENT.format(what="cubes", day=14))
    (root / "photo.bin").write_bytes(bytes(range(256)) * 8)
    (root / "empty.txt").write_bytes(b"")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def outputs(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file() and p.name != STATE_NAME
    }


def test_a_tree_of_a_few_hundred_mixed_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    own_tree(tmp_path / "mine")
    sources = [str(CORPUS), str(EXAMPLES), "mine"]
    skip_docs = ["--exclude", "*.md", "--exclude", "*.tsv", "--exclude", "expected/*"]

    first = run("convert", *sources, "-o", "out", "-j", "2", "--report", "r1.jsonl", *skip_docs)
    rows = [json.loads(line) for line in Path("r1.jsonl").read_text().splitlines()]
    assert first.exit_code == 1
    assert "Traceback" not in first.stderr
    assert len(rows) >= 250  # a few hundred files
    ok = [r for r in rows if r["status"] == "ok"]
    failed = [r for r in rows if r["status"] in ("failed", "no-event")]
    assert len(ok) + len(failed) == len(rows)
    # every bad file is in the report with a one-line error, and on stderr
    for r in failed:
        assert r["error"], r
        assert "\n" not in r["error"], r
        assert f"{r['path']}: error: {r['error']}" in first.stderr
        assert "internal error" not in r["error"], r
    bad = {r["path"] for r in failed}
    assert {"mine/photo.bin", "mine/empty.txt"} <= bad
    assert {f"mine/term{i % 2}/{'week' if i % 3 else 'week/late'}/talk {i}.txt" for i in range(1, 7)}.isdisjoint(bad)  # fmt: skip
    # every good file written, mirrored under out/
    written = outputs(tmp_path / "out")
    assert len(written) == len(ok)
    assert "term1/week/talk 1.ics" in written  # each source folder mirrored under out/
    assert first.stderr.splitlines()[-1].startswith(f"{len(rows)} files, ")

    # again without --force: nothing written, nothing parsed (the failed inputs are remembered)
    # (the workers are forked processes: each notes what it parses in a file)
    log = tmp_path / "parsed.log"
    real_parse = pipeline.parse_bytes

    def spy(data, ctx):
        if ctx.path is not None:  # not the parent's warm-up
            with log.open("a", encoding="utf-8") as fh:
                fh.write(ctx.path + "\n")
        return real_parse(data, ctx)

    monkeypatch.setattr(pipeline, "parse_bytes", spy)
    second = run("convert", *sources, "-o", "out", "-j", "1", "--report", "r2.jsonl", *skip_docs)
    assert second.exit_code == 1
    assert outputs(tmp_path / "out") == written
    statuses = {
        json.loads(line)["path"]: json.loads(line)["status"]
        for line in Path("r2.jsonl").read_text().splitlines()
    }
    assert {p for p, s in statuses.items() if s == "skipped"} == {r["path"] for r in ok}
    parsed = set(log.read_text(encoding="utf-8").splitlines()) if log.exists() else set()
    assert not parsed, "unchanged inputs that failed are not parsed again"
    assert f"{len(ok)} skipped (up to date)" in second.stderr.splitlines()[-1]
    monkeypatch.setattr(pipeline, "parse_bytes", real_parse)

    # --merge of the folder holding the same announcement twice: one event, the copy reported
    merged = run("convert", "mine/dup", "--merge", "dup.ics")
    assert merged.exit_code == 0, merged.stderr
    assert merged.stderr == (
        "mine/dup/first.txt: warning[duplicate-event]: mine/dup/first.txt (event 1) is a "
        "duplicate of mine/dup/again.txt (event 1) (same UID); the copy was dropped\n"
        "dup.ics: 1 events (1 duplicates dropped)\n"
        "2 files, 2 events, 1 warnings, 0 failed\n"
    )
    data = (tmp_path / "dup.ics").read_bytes()
    assert data.count(b"BEGIN:VEVENT") == 1
    assert_clients_agree(data, 1)
    as_json = run("convert", "mine/dup", "--merge", "dup.json")
    assert as_json.exit_code == 0
    [event] = json.loads((tmp_path / "dup.json").read_text())
    assert [w["code"] for w in event["warnings"]] == ["duplicate-event"]
