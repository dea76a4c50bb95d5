"""``--split``: one ``.ics`` per event, named from its UID, the same names on every run."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from icalendar import Calendar

from seminorm.cli import cli
from seminorm.write.split import resource_name

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
INPUTS = sorted(str(p) for p in EXAMPLES.iterdir() if p.is_file() and p.name != "README.md")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.ics"))}


def _uids(data: bytes) -> set[str]:
    cal = Calendar.from_ical(data)
    return {str(ev["UID"]) for ev in cal.walk("VEVENT")}


def test_parse_split_writes_one_calendar_per_uid_named_from_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["parse", *INPUTS, "-o", str(tmp_path / "v"), "--split", "-q"])
    assert result.exit_code == 0, result.output
    files = _files(tmp_path / "v")
    assert len(files) == 8  # listing.txt holds three talks, every other example one
    for name, data in files.items():
        uids = _uids(data)
        assert len(uids) == 1
        assert name == resource_name(uids.pop())


def test_parse_split_gives_the_same_files_on_every_run(tmp_path: Path) -> None:
    runs = []
    for out in ("a", "b"):
        CliRunner().invoke(cli, ["parse", *INPUTS, "-o", str(tmp_path / out), "--split", "-q"])
        runs.append(_files(tmp_path / out))
    assert runs[0] == runs[1]


def test_convert_split_writes_the_events_of_each_input_into_its_mirrored_folder(
    tmp_path: Path,
) -> None:
    src = tmp_path / "src"
    (src / "term").mkdir(parents=True)
    (src / "term" / "listing.txt").write_bytes((EXAMPLES / "listing.txt").read_bytes())
    (src / "colloque.txt").write_bytes((EXAMPLES / "colloque.txt").read_bytes())
    args = ["convert", str(src), "-o", str(tmp_path / "out"), "--split", "-q", "-j", "1"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    first = _files(tmp_path / "out")
    assert sorted(n.count("/") for n in first) == [0, 1, 1, 1]  # colloque; the listing's three
    assert CliRunner().invoke(cli, [*args, "--force"]).exit_code == 0
    assert _files(tmp_path / "out") == first


def test_split_needs_a_folder_and_ics() -> None:
    runner = CliRunner()
    no_folder = runner.invoke(cli, ["parse", str(EXAMPLES / "listing.txt"), "--split"])
    assert no_folder.exit_code == 2
    assert "give a folder with -o DIR" in no_folder.output
    json_split = runner.invoke(cli, ["parse", INPUTS[0], "--split", "-o", "x", "-f", "json"])
    assert json_split.exit_code == 2
    assert "--split writes .ics files" in json_split.output
    merged = runner.invoke(cli, ["convert", INPUTS[0], "--split", "-o", "x", "--merge", "m.ics"])
    assert merged.exit_code == 2
