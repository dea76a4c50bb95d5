"""``convert`` run by cron: what is re-made, what is remembered (seminorm.state).

Every test runs ``convert`` twice (or more) on a small tree and reads the
report: ``skipped`` means the input was not converted again.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from seminorm.cli import cli
from seminorm.state import STATE_NAME

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("colloque.txt", "listing.txt", "announcement.eml"):
        (src / name).write_bytes((EXAMPLES / name).read_bytes())
    (src / "note.txt").write_text("Minutes of the staff meeting: nothing to report.\n")
    return tmp_path


def run(tree: Path, *args: str) -> tuple[int, dict[str, dict[str, object]], str]:
    """Convert ``tree/in`` into ``tree/out``; the exit code, the report by file name, stderr."""
    report = tree / "report.jsonl"
    result = CliRunner().invoke(
        cli,
        ["convert", str(tree / "in"), "-o", str(tree / "out"), "-j", "1", "--report", str(report),
         *args],
    )  # fmt: skip
    rows = [json.loads(line) for line in report.read_text().splitlines()]
    return result.exit_code, {Path(str(r["path"])).name: r for r in rows}, result.stderr


def statuses(rows: dict[str, dict[str, object]]) -> dict[str, object]:
    return {name: row["status"] for name, row in rows.items()}


def test_an_unchanged_tree_is_not_converted_again(tree: Path) -> None:
    code, rows, _ = run(tree, "--tz", "Europe/Paris")
    assert code == 1  # note.txt holds no event
    assert statuses(rows) == {
        "announcement.eml": "ok",
        "colloque.txt": "ok",
        "listing.txt": "ok",
        "note.txt": "no-event",
    }
    outputs = {p: p.stat().st_mtime_ns for p in (tree / "out").glob("*.ics")}
    assert len(outputs) == 3
    code, rows, err = run(tree, "--tz", "Europe/Paris")
    assert code == 1
    assert statuses(rows) == {
        "announcement.eml": "skipped",
        "colloque.txt": "skipped",
        "listing.txt": "skipped",
        "note.txt": "no-event",
    }
    assert rows["note.txt"]["remembered"] is True
    assert "note.txt: error: no date or time found (failed before, unchanged since" in err
    assert "4 files, 0 events, 0 warnings, 1 failed, 3 skipped" in err
    assert {p: p.stat().st_mtime_ns for p in (tree / "out").glob("*.ics")} == outputs


@pytest.mark.parametrize(
    "change",
    [
        ("--tz", "Europe/Berlin"),
        ("--reference-date", "2024-01-01"),
        ("--date-order", "mdy"),
        ("--summary", "{series}: {title}"),
        ("--output-tz", "UTC"),
        ("--explain",),
    ],
)
def test_changing_an_option_that_changes_outputs_converts_again(
    tree: Path, change: tuple[str, ...]
) -> None:
    run(tree, "--tz", "Europe/Paris")
    args = ("--tz", "Europe/Paris", *change) if change[0] != "--tz" else change
    _, rows, _ = run(tree, *args)
    assert statuses(rows)["colloque.txt"] == "ok"
    assert statuses(rows)["listing.txt"] == "ok"
    _, rows, _ = run(tree, *args)
    assert statuses(rows)["colloque.txt"] == "skipped"


def test_another_version_of_seminorm_converts_again(tree: Path) -> None:
    run(tree)
    with sqlite3.connect(tree / "out" / STATE_NAME) as db:  # as an older version wrote it
        db.execute("UPDATE inputs SET options = replace(options, ?, ?)",
                   ('"seminorm": "', '"seminorm": "0.0.0-old'))  # fmt: skip
    db.close()
    _, rows, _ = run(tree)
    assert statuses(rows)["colloque.txt"] == "ok"


def test_a_damaged_or_old_state_file_means_nothing_known(tree: Path) -> None:
    run(tree)
    (tree / "out" / STATE_NAME).write_bytes(b"not a database at all\n" * 100)
    (tree / "out" / ".seminorm-state.json").write_text('{"version": 1, "inputs": {}}')
    _, rows, _ = run(tree)
    assert set(statuses(rows).values()) == {"ok", "no-event"}  # converted again
    assert not (tree / "out" / ".seminorm-state.json").exists()  # the old layout is gone
    _, rows, _ = run(tree)
    assert statuses(rows)["colloque.txt"] == "skipped"


def test_a_changed_input_is_converted_again_a_touched_one_is_not(tree: Path) -> None:
    run(tree)
    colloque = tree / "in" / "colloque.txt"
    os.utime(tree / "in" / "listing.txt")  # touched, same bytes
    colloque.write_text(colloque.read_text().replace("salle", "amphithéâtre", 1))
    _, rows, _ = run(tree)
    assert statuses(rows)["colloque.txt"] == "ok"
    assert statuses(rows)["listing.txt"] == "skipped"
    assert "amphithéâtre" in (tree / "out" / "colloque.ics").read_text()


def test_a_deleted_output_is_made_again(tree: Path) -> None:
    run(tree)
    (tree / "out" / "listing.ics").unlink()
    _, rows, _ = run(tree)
    assert statuses(rows)["listing.txt"] == "ok"
    assert (tree / "out" / "listing.ics").is_file()


def test_a_failed_input_is_retried_when_it_changes_or_when_asked(tree: Path) -> None:
    run(tree)
    _, rows, _ = run(tree, "--retry-failed")
    assert rows["note.txt"]["remembered"] is False
    assert statuses(rows)["note.txt"] == "no-event"
    note = tree / "in" / "note.txt"
    note.write_text("Seminar: Knots and braids\nSpeaker: Ada Quist\nDate: 14 May 2024, 16:00\n")
    code, rows, _ = run(tree)
    assert statuses(rows)["note.txt"] == "ok"
    assert code == 0


def test_an_input_with_no_event_does_not_fail_the_batch_with_skip_empty(tree: Path) -> None:
    code, rows, err = run(tree, "--skip-empty")
    assert code == 0
    assert statuses(rows)["note.txt"] == "no-event"
    assert "0 failed, 1 without events" in err
    (tree / "in" / "bad.txt").write_bytes(b"\x00\x01\x02binary\xff" * 20)
    code, rows, _ = run(tree, "--skip-empty")
    assert statuses(rows)["bad.txt"] == "failed"
    assert code == 1  # a real failure still fails the batch


def test_the_report_says_which_reference_date_each_file_used(tree: Path) -> None:
    (tree / "in" / "post.md").write_text(
        "---\ntitle: Algebra seminar\ndate: 2023-05-02\n---\n\n"
        "Speaker: Ada Quist\nTitle: Braids\nWhen: Tuesday, May 9, 4pm\nRoom: B 12\n",
        encoding="utf-8",
    )
    _, rows, _ = run(tree, "--tz", "Europe/Paris")
    assert rows["post.md"]["reference_date"] == "2023-05-02 (front matter)"
    assert rows["announcement.eml"]["reference_date"] == "2025-02-11 (e-mail Date:)"
    assert str(rows["colloque.txt"]["reference_date"]).endswith("(today)")
    assert "DTSTART;TZID=Europe/Paris:20230509T160000" in (tree / "out" / "post.ics").read_text()
    _, rows, _ = run(tree, "--tz", "Europe/Paris", "--reference-date", "2024-03-01")
    assert rows["post.md"]["reference_date"] == "2024-03-01 (--reference-date)"


def test_split_outputs_no_input_makes_any_more_are_removed(tree: Path) -> None:
    run(tree, "--split")
    before = sorted(p.name for p in (tree / "out").glob("*.ics"))
    assert len(before) == 5  # colloque, the listing's three talks, the e-mail
    colloque = tree / "in" / "colloque.txt"
    colloque.write_text(colloque.read_text().replace("Titre", "Titre : Nouveau titre\nAncien", 1))
    _, rows, _ = run(tree, "--split")
    assert statuses(rows)["colloque.txt"] == "ok"
    after = sorted(p.name for p in (tree / "out").glob("*.ics"))
    assert len(after) == 5
    assert after != before
