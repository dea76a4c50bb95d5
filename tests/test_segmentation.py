"""Segmentation: one event per occurrence, whatever else the listing holds.

Properties over generated listings (derandomized hypothesis): the events of
a listing are its entries, each with its own date and the series' time; the
order of the entries, or an archive section of past talks added below them,
never changes the events of the other entries. And a growth check (``slow``):
a 100-entry listing costs about four times a 25-entry one, not sixteen.
"""

from __future__ import annotations

import time as clock
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import seminorm

_FIRST = ["Ada", "Bruno", "Chiara", "Dmitri", "Esther", "Farid", "Greta", "Hiroshi", "Ines"]
_LAST = ["Okafor", "Lindgren", "Moreau", "Vasquez", "Tanaka", "Novak", "Brennan", "Haddad"]
_TOPIC = [
    "Sparse recovery in noisy channels",
    "Tropical curves and their moduli",
    "Learning rates for kernel methods",
    "Percolation on random graphs",
    "Geodesics in negatively curved spaces",
    "Fast solvers for elliptic problems",
    "Entropy of symbolic systems",
    "Knot invariants from quantum groups",
]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_START = date(2025, 1, 9)  # a Thursday


def _entry(k: int, first: int, last: int, topic: int, shape: str, day: date) -> str:
    name = f"{_FIRST[first % len(_FIRST)]} {_LAST[last % len(_LAST)]}"
    title = f"{_TOPIC[topic % len(_TOPIC)]} ({k})"
    when = f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if shape == "headings":
        return f"{when}\nSpeaker: {name} (University of Nowhere)\nTitle: {title}\n"
    return f"- {when}: {name} — {title}\n"


def _listing(entries: list[str], archive: list[str] | None = None) -> str:
    head = "Geometry and Analysis Seminar\n\nThursdays 4:00-5:00 PM, Room 301, unless stated otherwise.\n\n"
    text = head + "\n".join(entries)
    if archive:
        text += "\n\nPast talks\n\n" + "\n".join(archive)
    return text


def _events(text: str) -> dict[str, tuple[str | None, str | None, tuple[str, ...]]]:
    events = seminorm.parse(text, tz="America/New_York", reference_date=date(2025, 1, 1))
    return {
        ev.start.isoformat(): (
            ev.title,
            ev.end.isoformat() if ev.end else None,
            tuple(s.name for s in ev.speakers),
        )
        for ev in events
    }


_ENTRY = st.tuples(
    st.integers(0, 50), st.integers(0, 50), st.integers(0, 50)
)  # first name, last name, topic


@settings(max_examples=15, derandomize=True, database=None, deadline=None)
@given(
    st.lists(_ENTRY, min_size=3, max_size=7),
    st.sampled_from(["headings", "bullets"]),
    st.randoms(use_true_random=False),
)
def test_shuffling_entries_keeps_their_events(
    people: list[tuple[int, int, int]], shape: str, rnd: object
) -> None:
    days = [_START + timedelta(weeks=k) for k in range(len(people))]
    entries = [_entry(k, *p, shape, days[k]) for k, p in enumerate(people)]
    base = _events(_listing(entries))
    assert len(base) == len(entries)
    assert all(start.endswith("T16:00:00-05:00") for start in base)
    shuffled = list(entries)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _events(_listing(shuffled)) == base


@settings(max_examples=15, derandomize=True, database=None, deadline=None)
@given(
    st.lists(_ENTRY, min_size=2, max_size=5),
    st.lists(_ENTRY, min_size=1, max_size=4),
    st.sampled_from(["headings", "bullets"]),
)
def test_an_archive_section_keeps_the_other_events(
    people: list[tuple[int, int, int]], past: list[tuple[int, int, int]], shape: str
) -> None:
    days = [_START + timedelta(weeks=k + 10) for k in range(len(people))]
    entries = [_entry(k, *p, shape, days[k]) for k, p in enumerate(people)]
    old_days = [_START - timedelta(weeks=k + 1) for k in range(len(past))]
    archive = [_entry(100 + k, *p, shape, old_days[k]) for k, p in enumerate(past)]
    base = _events(_listing(entries))
    more = _events(_listing(entries, archive))
    assert {k: v for k, v in more.items() if k in base} == base
    assert len(more) == len(base) + len(archive)  # past talks are events too


def test_series_time_entry_override_and_tba() -> None:
    text = _listing(
        [
            _entry(0, 1, 2, 3, "headings", _START),
            "January 16, 2025\nLocation: Room 12\nSpeaker: Greta Novak (Nowhere)\nTitle: Cut loci\n",
            "January 23, 2025\nSpeaker: TBA\nTitle: TBA\n",
        ]
    )
    events = seminorm.parse(text, tz="America/New_York", reference_date=date(2025, 1, 1))
    assert [e.start.isoformat() for e in events] == [
        "2025-01-09T16:00:00-05:00",
        "2025-01-16T16:00:00-05:00",
        "2025-01-23T16:00:00-05:00",
    ]
    rooms = [e.location.name if e.location else None for e in events]
    assert rooms[1] == "Room 12"


@pytest.mark.slow
def test_a_long_listing_grows_linearly() -> None:
    def cost(n: int) -> float:
        days = [_START + timedelta(days=k) for k in range(n)]
        text = _listing([_entry(k, k, k * 3, k * 5, "headings", days[k]) for k in range(n)])
        best = float("inf")
        for _ in range(3):
            t0 = clock.perf_counter()
            assert len(seminorm.parse(text, tz="America/New_York")) == n
            best = min(best, clock.perf_counter() - t0)
        return best

    cost(5)  # warm the lazy imports
    small, large = cost(25), cost(100)
    assert large < 8 * small, (small, large)  # linear: about 4x; quadratic would be 16x


def test_explain_says_where_an_inherited_time_came_from() -> None:
    text = _listing([_entry(k, k, k, k, "headings", _START + timedelta(weeks=k)) for k in range(3)])
    events = seminorm.parse(text, tz="America/New_York", reference_date=date(2025, 1, 1))
    prov = events[1].provenance["start"]
    assert prov.inferred
    assert "time from line 3" in prov.rule
    assert "inherited" in prov.rule
    assert prov.source == "line 9"  # the entry's own date line


def test_an_entry_date_wins_over_a_relative_word_in_its_title() -> None:
    text = (
        "Public talks this autumn\n\n"
        "1. November 18: Why Puppets Still Matter Today\nWhere: Hall 2\nWhen: 8:15pm\n"
        "2. November 25: Bridges of the North\nWhere: Hall 3\nWhen: 7:00pm\n"
    )
    events = seminorm.parse(text, tz="America/Vancouver", reference_date=date(2025, 11, 3))
    assert [e.start.isoformat() for e in events] == [
        "2025-11-18T20:15:00-08:00",
        "2025-11-25T19:00:00-08:00",
    ]


def test_a_sentence_that_begins_with_a_relative_day_opens_no_entry() -> None:
    text = (
        "Public talks this autumn\n\n"
        "1. November 18: Puppets Today\nWhere: Hall 2\nWhen: 8:15pm\n"
        "Tonight our guest Ilse Varnum brings her puppets along.\n"
        "2. November 25: Bridges of the North\nWhere: Hall 3\nWhen: 7:00pm\n"
    )
    events = seminorm.parse(text, tz="America/Vancouver", reference_date=date(2025, 11, 3))
    assert [e.start.isoformat() for e in events] == [  # type: ignore[union-attr]
        "2025-11-18T20:15:00-08:00",
        "2025-11-25T19:00:00-08:00",
    ]
    assert "Tonight our guest" in (events[0].description or "")


def test_a_listing_entry_that_names_only_a_break_is_no_talk() -> None:
    text = (
        "Applied Geometry Seminar, Spring 2025\n"
        "All talks on Tuesdays at 15:30 in Room B12 unless stated otherwise.\n\n"
        "March 4: Ilse Varnum (Lakeside University) - Curvature flows\n"
        "March 11: Spring break\n"
        "March 18: Tomas Brell (Northfield College) - Holiday shopping and the economy\n"
        "March 25: Holiday (university closed)\n"
        "April 1: Osterferien\n"
        "April 8: Ada Quill (Harbour Institute) - Minimal cones\n"
    )
    events = seminorm.parse(text, tz="Europe/Berlin", reference_date=date(2025, 2, 1))
    assert [e.start.date().isoformat() for e in events] == [  # type: ignore[union-attr]
        "2025-03-04",
        "2025-03-18",
        "2025-04-08",
    ]
