"""One talk stated twice - a posting's header block and the announcement under it -
is one event (:func:`seminorm.engine.merge.merge_same_talk`); talks that only share
their start stay apart. All text here is invented."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import seminorm
from seminorm.engine.merge import merge_same_talk
from seminorm.model import Event, Location, Speaker

POSTING = """\
Type:     dept.lists.materials
Topic:    Materials Lunch Talk
Dates:    12-Mar-25
Time:     12:30 PM - 1:45 PM
Place:    Quarry Hall 214
PostedBy: Lena Vasquez on 3-Mar-25 at 09:12
Abstract:


*** Materials Lunch Series ***

        Folding Paper Batteries for Soft Machines

Oskar Lindqvist
Department of Mechanical Engineering, Northfield Institute

 Date: Wednesday, March 12
 Time: 12:30 - 1:45 pm (lunch is welcome)
 Location: Quarry Hall 214

Batteries that bend are hard to make. This talk shows how folded paper
electrodes keep their charge after a thousand bends, and what that means
for robots made of soft parts.
"""


def test_a_header_block_and_its_announcement_are_one_event() -> None:
    events = seminorm.parse(POSTING, tz="America/New_York", reference_date=date(2025, 3, 1))
    assert len(events) == 1
    ev = events[0]
    assert ev.start.isoformat() == "2025-03-12T12:30:00-04:00"
    assert [s.name for s in ev.speakers] == ["Oskar Lindqvist"]
    assert ev.location is not None
    assert ev.location.name == "Quarry Hall 214"


_AT = datetime(2025, 5, 6, 15, 0, tzinfo=ZoneInfo("America/New_York"))


def _ev(title: str | None, speaker: str | None, room: str | None) -> Event:
    return Event(
        title=title,
        start=_AT,
        speakers=(Speaker(name=speaker),) if speaker else (),
        location=Location(name=room) if room else None,
    )


def test_the_first_record_is_completed_by_the_second() -> None:
    got = merge_same_talk([_ev(None, None, "Room 9"), _ev("Tidal Locks", "Ida Brenner", "Room 9")])
    assert len(got) == 1
    assert (got[0].title, got[0].speakers[0].name) == ("Tidal Locks", "Ida Brenner")


def test_talks_that_only_share_their_start_stay_apart() -> None:
    parallel = [_ev("Tidal Locks", "Ida Brenner", "Room 9"), _ev("Salt Domes", None, "Room 12")]
    assert len(merge_same_talk(parallel)) == 2
    two_speakers = [_ev("Tidal Locks", "Ida Brenner", None), _ev("Salt Domes", "Piet Ramos", None)]
    assert len(merge_same_talk(two_speakers)) == 2
    two_titles = [_ev("Tidal Locks", None, "Room 9"), _ev("Salt Domes", "Piet Ramos", "Room 9")]
    assert len(merge_same_talk(two_titles)) == 2


OLD_POSTING = """\
Dates:    14-Oct-91
Time:     2:00 PM
Place:    Quarry Hall 214

        Knots in Long Polymers

Mira Castellane
 Date: Monday, October 14
 Time: 2:00 pm
 Location: Quarry Hall 214

The abstract will be sent later today.
"""


def test_a_relative_day_does_not_move_the_year_of_a_dated_posting() -> None:
    # "today" is dated from the reference date; the posting's own year (1991, when
    # 14 October was a Monday) is the one for the yearless "Monday, October 14"
    events = seminorm.parse(OLD_POSTING, tz="America/New_York", reference_date=date(2025, 3, 1))
    assert [e.start.isoformat() for e in events] == ["1991-10-14T14:00:00-04:00"]
    assert [s.name for s in events[0].speakers] == ["Mira Castellane"]
