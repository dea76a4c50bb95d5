"""Every record says where its time and place came from, and says so when it may be two talks.

Invented listings and announcements (issue 13): an entry's own room and time
override the ones stated once for all, and ``--explain`` tells which is which;
a second time of a talk that the text does not set apart gives
``time-conflict`` instead of a silent choice.
"""

from __future__ import annotations

from datetime import date

import pytest

import seminorm

LISTING = (
    "Applied Geometry Seminar, Spring 2025\n"
    "All talks on Tuesdays at 15:30 in Room B12 unless stated otherwise.\n\n"
    "March 4: Ilse Varnum (Lakeside University) - Curvature flows on small surfaces\n"
    "March 11: Tomas Brell (Northfield College) - Discrete harmonic maps\n"
    "Note: this week in Room C7, at 16:00.\n"
    "March 18: Ada Quill (Harbour Institute) - Minimal cones\n"
)


def test_inherited_and_own_time_and_place_are_told_apart() -> None:
    evs = seminorm.parse(LISTING, tz="Europe/Berlin", reference_date=date(2025, 2, 1))
    assert [(e.start.isoformat()[:16], e.location.name if e.location else None) for e in evs] == [  # type: ignore[union-attr]
        ("2025-03-04T15:30", "Room B12"),
        ("2025-03-11T16:00", "Room C7"),
        ("2025-03-18T15:30", "Room B12"),
    ]
    first, moved, last = evs
    for ev in (first, last):
        assert ev.provenance["location"].source == "line 2"
        assert ev.provenance["location"].inferred
        assert "inherited" in ev.provenance["location"].rule
        assert ev.provenance["start"].inferred
        assert "time from line 2" in ev.provenance["start"].rule
    assert moved.provenance["location"].source == "line 6"
    assert not moved.provenance["location"].inferred
    assert not moved.provenance["start"].inferred


def test_the_explain_output_carries_it() -> None:
    import json

    evs = seminorm.parse(LISTING, tz="Europe/Berlin", reference_date=date(2025, 2, 1))
    out = json.loads(seminorm.to_json(evs, explain=True))
    assert all({"start", "location"} <= set(e["provenance"]) for e in out)


ANNOUNCEMENT = (
    "Maths Club news\n\n"
    "Our guest on March 18 is Dr. Ilse Varnum of Northfield College.\n\n"
    "Her first talk (at 3 pm in Hall B) is about knots in proteins.\n\n"
    "Her second talk (at 4:30 pm in Hall B) is about shoelaces.\n"
)


def test_a_second_time_of_a_talk_says_it_may_be_two_talks() -> None:
    [ev] = seminorm.parse(ANNOUNCEMENT, tz="Europe/Berlin", reference_date=date(2025, 2, 1))
    assert ev.start.isoformat()[:16] == "2025-03-18T15:00"  # type: ignore[union-attr]
    [conflict] = [w for w in ev.warnings if w.code == "time-conflict"]
    assert "16:30" in conflict.message
    assert "time on line 7" in conflict.message
    assert "time on line 5" in conflict.message


def test_a_second_time_far_from_the_date_says_it_may_be_two_talks() -> None:
    text = (
        "Maths Club news\n\nThursday, March 20\n\n"
        "Dr. Ilse Varnum of Northfield College visits us.\n\n"
        "1. Her first talk (at 3 pm in Hall B) is about knots in proteins.\n"
        "2. She likes puzzles.\n"
        "3. Her second talk (at 4:30 pm in Hall B) is about shoelaces.\n"
    )
    [ev] = seminorm.parse(text, tz="Europe/Berlin", reference_date=date(2025, 2, 1))
    assert ev.start.isoformat()[:16] == "2025-03-20T15:00"  # type: ignore[union-attr]
    [conflict] = [w for w in ev.warnings if w.code == "time-conflict"]
    assert "time on line 9" in conflict.message


def test_a_time_the_date_rules_did_not_pair_says_it_may_be_two_talks() -> None:
    text = (
        "Update: because of the snow, Dr. Ilse Varnum's talks move to March 20.\n\n"
        "We are very excited about her visit. Why? There is a list for that!\n\n"
        "1. She works on knots.\n\n"
        "2. She wrote a book about puzzles that many of us have read.\n"
        "3. Her first talk (at 3 pm in Hall B) is about knots in proteins.\n\n"
        "4. Her second talk (at 4:30 pm in Hall B) is about shoelaces.\n"
    )
    [ev] = seminorm.parse(text, tz="Europe/Berlin", reference_date=date(2025, 2, 1))
    assert ev.start.isoformat()[:16] == "2025-03-20T15:00"  # type: ignore[union-attr]
    [conflict] = [w for w in ev.warnings if w.code == "time-conflict"]
    assert "one talk or two" in conflict.message
    assert "15:00 (chosen; time on line 8)" in conflict.message
    assert "16:30 (also; line 10" in conflict.message


@pytest.mark.parametrize(
    "tail",
    [
        "The talk starts at 3 pm.\n",  # the same time told twice
        "Refreshments at 2:30 pm.\n",  # not a talk
        "The talk runs 3-4:30 pm; the lecture ends at 4:30 pm.\n",  # its end
    ],
)
def test_no_warning_for_what_is_plainly_one_talk(tail: str) -> None:
    text = (
        "Maths Club news\n\n"
        "Our guest on March 18 is Dr. Ilse Varnum of Northfield College.\n\n"
        "Her talk (at 3 pm in Hall B) is about knots in proteins.\n" + tail
    )
    [ev] = seminorm.parse(text, tz="Europe/Berlin", reference_date=date(2025, 2, 1))
    assert not [w for w in ev.warnings if w.code == "time-conflict"]
