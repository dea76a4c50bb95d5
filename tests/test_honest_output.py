"""Honest output: no status, end or event that the source does not state."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from seminorm.cli import cli

TALK = "Speaker: Ada Quist\nTitle: Braids and knots\nDate: 14 May 2024, 16:00\nRoom: B 12\n"


def parse(text: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["parse", "--tz", "Europe/Paris", *args], input=text)
    return result.exit_code, result.stdout, result.stderr


def test_a_talk_that_states_no_status_has_none() -> None:
    _, out, _ = parse(TALK)
    assert json.loads(out)[0]["status"] is None
    _, ics, _ = parse(TALK, "-f", "ics")
    assert "STATUS:" not in ics


@pytest.mark.parametrize(
    "line",
    ["TENTATIVE", "(unconfirmed)", "Status: nepotvrzeno", "Status: provisional", "[tentative]"],
)
def test_a_stated_tentative_status_is_kept(line: str) -> None:
    _, out, _ = parse(f"{line}\n{TALK}")
    assert json.loads(out)[0]["status"] == "tentative"
    _, ics, _ = parse(f"{line}\n{TALK}", "-f", "ics")
    assert "STATUS:TENTATIVE" in ics


@pytest.mark.parametrize("line", ["Room: to be confirmed", "A tentative programme follows."])
def test_a_tbc_field_or_a_word_in_prose_is_no_status(line: str) -> None:
    _, out, _ = parse(f"{TALK}{line}\n")
    assert json.loads(out)[0]["status"] is None


def test_a_cancelled_talk_says_so_in_csv() -> None:
    _, out, _ = parse(f"CANCELLED\n{TALK}", "-f", "csv")
    header, row = out.splitlines()
    assert dict(zip(header.split(","), row.split(","), strict=False))["status"] == "cancelled"


def test_no_end_is_invented_unless_asked_and_then_it_is_marked_assumed() -> None:
    _, out, _ = parse(TALK)
    assert json.loads(out)[0]["end"] is None
    _, out, _ = parse(TALK, "--default-duration", "1h", "--explain")
    ev = json.loads(out)[0]
    assert ev["end"] == "2024-05-14T17:00:00+02:00"
    assert ev["provenance"]["end"] == {
        "source": "--default-duration",
        "text": "1h",
        "rule": "assumed",
        "inferred": True,
    }
    _, out, _ = parse(TALK.replace("16:00", "16:00-17:30"), "--default-duration", "1h")
    assert json.loads(out)[0]["end"] == "2024-05-14T17:30:00+02:00"  # a stated end wins


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Speaker: Ada Quist\nTime: 16:00\nRoom: B 12\n", "times but no date found"),
        ("Speaker: Ada Quist\nDate: 14 May 2024\nRoom: B 12\n", "dates but no time found"),
        ("Speaker: Ada Quist\nRoom: B 12\n", "no date or time found"),
    ],
)
def test_the_error_says_what_was_found(text: str, message: str) -> None:
    code, out, err = parse(text)
    assert (code, out) == (1, "")
    assert err == f"<stdin>: error: {message}\n"


def test_check_lists_only_the_options_that_apply_to_it() -> None:
    help_text = CliRunner().invoke(cli, ["check", "--help"]).stdout
    for option in ("--tz", "--reference-date", "--date-order", "--strict", "--max-bytes"):
        assert option in help_text
    for option in ("--output-tz", "--explain", "--summary", "--format", "--default-duration"):
        assert option not in help_text
