"""A session of several talks without times of their own gives one event per talk (engine/session.py).

Invented listings in the shapes real pages use: speakers named in the
cue's sentence, each on a line of its own with the talk's title under it,
all on one line. A number in the cue must match; a panel stays one event.
"""

from __future__ import annotations

from datetime import date

import seminorm

REF = date(2025, 2, 1)
HEAD = "Public lectures this spring\n\n"


def _talks(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    evs = seminorm.parse(text, tz="Europe/Berlin", reference_date=REF)
    return [
        (
            e.start.isoformat()[:16],  # type: ignore[union-attr]
            e.speakers[0].name if e.speakers else None,
            e.speakers[0].affiliation if e.speakers else None,
            e.title,
        )
        for e in evs
    ]


def test_two_speakers_named_in_the_cues_sentence() -> None:
    text = HEAD + (
        "1. March 4: Harbour Lights Lecture\n"
        "Where: Old Customs Hall\n"
        "When: 7:00pm\n"
        "This evening features two speakers, Ilse Varnum from Northfield Observatory on "
        "lighthouse optics, and Tomas Brell from the University of Lakeside on tidal clocks. "
        "Tickets are free.\n"
        "2. March 11: Rivers Without Maps\n"
        "Where: Old Customs Hall\n"
        "When: 7:30pm\n"
        "Dr. Ada Quill retraces three forgotten rivers.\n"
    )
    talks = _talks(text)
    assert [t[:3] for t in talks[:2]] == [
        ("2025-03-04T19:00", "Ilse Varnum", "Northfield Observatory"),
        ("2025-03-04T19:00", "Tomas Brell", "University of Lakeside"),
    ]
    assert talks[2][0] == "2025-03-11T19:30"
    assert len(talks) == 3


def test_each_speaker_on_a_line_of_their_own_with_the_title_under_it() -> None:
    text = (
        "Summer School on Random Tilings\n\n"
        "Wednesday, July 9, 2025\n"
        "- 9:00 - 10:00 • Lecture 3 (Varnum): Tilings and heights\n"
        "- 10:00 - 10:30 • Coffee Break\n"
        "- 10:30 - 11:30 • Participant Talks\n"
        "  Ilse Brandt (Lakeside)\n"
        "  Domino shuffling on a cylinder\n"
        "  We study the shuffling algorithm on a cylinder and its limit shape.\n\n"
        "  Omar Castell (Northfield)\n"
        "  Lozenge tilings with a hole\n"
        "  A hole in the domain changes the arctic curve; we compute how.\n"
        "- 11:30 - 12:30 • Lecture 4 (Varnum): Tilings and heights\n"
    )
    talks = [t for t in _talks(text) if t[0] == "2025-07-09T10:30"]
    assert talks == [
        ("2025-07-09T10:30", "Ilse Brandt", "Lakeside", "Domino shuffling on a cylinder"),
        ("2025-07-09T10:30", "Omar Castell", "Northfield", "Lozenge tilings with a hole"),
    ]


def test_speakers_listed_on_one_line() -> None:
    text = (
        "Workshop on Sea Ice\n\n"
        "Friday, May 16, 2025\n"
        "- 14:00 - 14:45 • Keynote: Ilse Varnum (Lakeside): Brine channels\n"
        "- 15:00 - 16:00 • Short talks\n"
        "  Omar Castell (Northfield), Rita Oyelaran (Harbour Institute), Jun Takeda (Lakeside)\n"
        "- 16:00 - 16:30 • Coffee Break\n"
    )
    talks = [t for t in _talks(text) if t[0] == "2025-05-16T15:00"]
    assert [(t[1], t[2]) for t in talks] == [
        ("Omar Castell", "Northfield"),
        ("Rita Oyelaran", "Harbour Institute"),
        ("Jun Takeda", "Lakeside"),
    ]


def test_a_number_in_the_cue_that_does_not_match_keeps_one_event() -> None:
    text = HEAD + (
        "1. March 4: Harbour Lights Lecture\n"
        "When: 7:00pm\n"
        "This evening features three speakers, Ilse Varnum from Northfield Observatory "
        "and Tomas Brell from the University of Lakeside.\n"
        "2. March 11: Rivers Without Maps\n"
        "When: 7:30pm\n"
        "Dr. Ada Quill retraces three forgotten rivers.\n"
    )
    assert [t[0] for t in _talks(text)] == ["2025-03-04T19:00", "2025-03-11T19:30"]


def test_a_panel_is_one_event() -> None:
    text = HEAD + (
        "1. March 4: Panel on open data\n"
        "When: 7:00pm\n"
        "With Ilse Varnum (Northfield Observatory), Tomas Brell (University of Lakeside) "
        "and Ada Quill (Harbour Institute).\n"
        "2. March 11: Rivers Without Maps\n"
        "When: 7:30pm\n"
        "Dr. Ada Quill retraces three forgotten rivers.\n"
    )
    assert [t[0] for t in _talks(text)] == ["2025-03-04T19:00", "2025-03-11T19:30"]


def test_each_talk_says_where_its_speaker_came_from() -> None:
    text = (
        "Workshop on Sea Ice\n\n"
        "Friday, May 16, 2025\n"
        "- 14:00 - 14:45 • Keynote: Ilse Varnum (Lakeside): Brine channels\n"
        "- 15:00 - 16:00 • Short talks\n"
        "  Omar Castell (Northfield), Rita Oyelaran (Harbour Institute)\n"
    )
    evs = seminorm.parse(text, tz="Europe/Berlin", reference_date=REF)
    split = [e for e in evs if e.start.hour == 15]  # type: ignore[union-attr]
    assert len(split) == 2
    for e in split:
        assert e.provenance["speakers"].source == "line 6"
        assert "session" in e.provenance["speakers"].rule


def test_two_talks_of_one_day_each_with_its_own_time() -> None:
    text = (
        "Maths Club news\n\n"
        "On Tuesday, March 18, 2025 there are two talks by Dr. Ilse Varnum of Northfield College "
        "(and cake!).\n\n"
        "Her first talk (at 3 pm in Hall B) is about knots in proteins. The title is:\n"
        "“Tangled Chains and Where to Find Them”\n\n"
        "Her second talk (at 4:30 pm in Hall B) is for everyone:\n"
        "“Why Shoelaces Come Undone”\n"
    )
    talks = _talks(text)
    assert talks == [
        (
            "2025-03-18T15:00",
            "Ilse Varnum",
            "Northfield College",
            "Tangled Chains and Where to Find Them",
        ),
        ("2025-03-18T16:30", "Ilse Varnum", "Northfield College", "Why Shoelaces Come Undone"),
    ]
    evs = seminorm.parse(text, tz="Europe/Berlin", reference_date=REF)
    assert "time from line 5" in evs[0].provenance["start"].rule
    assert "time from line 8" in evs[1].provenance["start"].rule
    assert evs[0].provenance["speakers"].source == "line 3"


def test_zwei_vortraege_von() -> None:
    text = (
        "Am Dienstag, 18. März 2025, gibt es zwei Vorträge von Prof. Omar Castell (Universität "
        "Nordfeld).\n\n"
        "Der erste Vortrag beginnt um 15 Uhr in Hörsaal 2: „Knoten in Proteinen“.\n\n"
        "Der zweite Vortrag beginnt um 16:30 Uhr in Hörsaal 2: „Warum Schnürsenkel aufgehen“.\n"
    )
    talks = _talks(text)
    assert [(t[0], t[1]) for t in talks] == [
        ("2025-03-18T15:00", "Omar Castell"),
        ("2025-03-18T16:30", "Omar Castell"),
    ]


def test_two_talks_and_a_reception_time_stay_as_stated() -> None:
    # one time of the talks and one of the reception: no second talk to cut
    text = (
        "On Tuesday, March 18, 2025 there are two talks by Dr. Ilse Varnum of Northfield College.\n\n"
        "The talks start at 3 pm in Hall B.\n\n"
        "A reception follows at 5 pm.\n"
    )
    assert [t[0] for t in _talks(text)] == ["2025-03-18T15:00"]
