"""Every file of the shared ICS corpus: no crash, and never fewer events than the best peer.

The corpus (``../shared/corpus/ics``, see its README) is read in place and
never copied into the repository; the tests skip when it is absent.
``PEERS.tsv`` says how many VEVENTs icalendar, vobject, ics-py and ical.js
found in each file; seminorm must find at least as many (recurrence
overrides count as their own VEVENTs, as the peers count them).
"""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pytest

from seminorm.context import Context
from seminorm.errors import ParseError
from seminorm.readers.ics import parse_ics

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ics"
PEERS = ("icalendar", "vobject", "ics", "icaljs")


def _rows() -> list[dict[str, str]]:
    if not (CORPUS / "PEERS.tsv").is_file():
        return []
    with (CORPUS / "PEERS.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


ROWS = _rows()
pytestmark = pytest.mark.skipif(not ROWS, reason="shared ICS corpus not present")


def best_peer(row: dict[str, str]) -> int:
    return max(int(row[f"{peer}_vevents"] or 0) for peer in PEERS)


def count(path: Path) -> int:
    message = ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # third-party deprecation noise is not ours to judge
        try:
            return len(parse_ics(path.read_bytes(), Context()))
        except ParseError as exc:
            message = str(exc)
    assert "\n" not in message  # one line, fit for "FILE: error: ..."
    return 0


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_corpus_file_reads_at_least_as_many_events_as_the_best_peer(row: dict[str, str]) -> None:
    assert count(CORPUS / row["file"]) >= best_peer(row)


#: Files no peer parses whose VEVENTs are all empty (``BEGIN:VEVENT``/``END:VEVENT``).
EMPTY_ONLY = {
    "collective-icalendar/big_bad_calendar.ics",
    "collective-icalendar/small_bad_calendar.ics",
}


def test_files_that_defeat_every_peer_are_recovered() -> None:
    """Of the 21 files no peer parses, every one that holds a non-empty VEVENT gives events."""
    defeated = [r for r in ROWS if not any(r[f"{p}_ok"] == "1" for p in PEERS)]
    with_events = [r["file"] for r in defeated if int(r["raw_vevents"] or 0) > 0]
    recovered = [f for f in with_events if count(CORPUS / f) > 0]
    assert len(defeated) == 21
    assert sorted(recovered) == sorted(set(with_events) - EMPTY_ONLY)
    assert len(recovered) == 8
