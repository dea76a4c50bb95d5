"""Which date and time is the talk's: whole announcements through ``seminorm.parse``.

Invented texts, each with a distractor a reader ignores: a ticket release,
a message's own stamp, a posting date.
"""

from __future__ import annotations

from datetime import date

import pytest

import seminorm

CASES = [
    (
        "ticket release with its zone",
        "Public Lecture: Clocks in the Deep Sea\n"
        "Hall of Ideas  Thu, Nov 14, 2024 7:00 PM\n\n"
        "Free tickets will become available on Monday, Nov 4 at 9 am EST.\n"
        "Doors open at 6:00 pm.\n",
        "America/Toronto",
        date(2024, 10, 20),
        "2024-11-14T19:00:00-05:00",
    ),
    (
        "flattened e-mail stamp",
        "[Astro-list] Colloquium on Thursday\n"
        "Wed, 3 Apr 2024 08:12:55 +0100 (BST)\n\n"
        "Dear all,\n\n"
        "This week's colloquium: 4.15pm 4th April, Lecture Theatre B.\n"
        "Dr Ilse Varga (Institute of Tides) will speak on ocean clocks.\n",
        "Europe/London",
        date(2024, 4, 3),
        "2024-04-04T16:15:00+01:00",
    ),
    (
        "range written in two forms",
        "Seminar: Rivers of Data\nWhen: 12 June 2024, 6.00 pm – 7.30 pm\nWhere: Room 4\n",
        "Asia/Singapore",
        date(2024, 6, 1),
        "2024-06-12T18:00:00+08:00",
    ),
    (
        "end restated in the prose",
        "Topic: Reading Seminar / Tue. Mar. 5 / Room 210\n"
        "Time: 3:15\n\n"
        "Our speaker will talk about tidal clocks. The seminar will begin\n"
        "at 3:15 and run until around 4:45; all are welcome.\n",
        "America/New_York",
        date(2024, 3, 1),
        "2024-03-05T15:15:00-05:00/2024-03-05T16:45:00-05:00",
    ),
    (
        "a post's dateline is not the talk's date",
        "Tuesday 5 March 2024\n\nSpring science talks\n\n"
        "The association offers a series of talks in March and April.\n"
        "All meetings take place in the town library, on Saturday afternoons from 16.30.\n\n"
        "We start on 9 March with Prof. Ada Lovelace, who will speak about engines.\n",
        "Europe/Rome",
        date(2024, 3, 5),
        "2024-03-09T16:30:00+01:00",
    ),
    (
        "headers flattened into one line",
        "From: Ana Lopes <ana@example.org> Sent: Tuesday, March 5, 2024 10:12 AM "
        "To: seminar-list@example.org Subject: Colloquium this Thursday\n\nDear all,\n\n"
        "This week Dr. Ilse Varga will speak on ocean clocks, Thursday March 7 at 4:15pm in Room 210.\n",
        "America/New_York",
        date(2024, 3, 5),
        "2024-03-07T16:15:00-05:00",
    ),
    (
        "flattened with Date:",
        "From: list-admin@example.org Date: Mon, 4 Mar 2024 09:00:12 Subject: [talks] Friday\n\n"
        "Seminar: Friday, March 8, 2024, 11:00, Room 4.\n",
        "Europe/Paris",
        date(2024, 3, 4),
        "2024-03-08T11:00:00+01:00",
    ),
    (
        "a posting stamp in a bulletin's header block",
        "<0.1.2.92.9.1.0.someone@host.example.edu.0>\nType:     cmu.example.seminars\n"
        "Topic:    Reading Seminar in Robotics\nDates:    25-Sep-92\nTime:     1:25\n"
        "Place:    Hall 3313\n          FIRST MEETING:\t25 September 1992\n"
        "PostedBy: Ada Lovelace on 15-Sep-92 at 15:49 from HOST.EXAMPLE.EDU\nAbstract: \n\n"
        "Seminar announcement\n-------------------\n SEMINAR:\tGraduate reading seminar\n"
        " SEMESTER:\tFall 1992\n PLACE:\t\tHall 3313\n FIRST MEETING:\t25 September 1992\n",
        "America/New_York",
        date(1992, 9, 15),
        "1992-09-25T13:25:00-04:00",
    ),
]


@pytest.mark.parametrize(("name", "text", "tz", "ref", "start"), CASES, ids=[c[0] for c in CASES])
def test_the_talks_own_time(name: str, text: str, tz: str, ref: date, start: str) -> None:
    events = seminorm.parse(text, tz=tz, reference_date=ref)
    if "/" in start:
        assert [
            f"{ev.start.isoformat()}/{ev.end.isoformat() if ev.end else None}" for ev in events
        ] == [start]
    else:
        assert [ev.start.isoformat() for ev in events] == [start]
