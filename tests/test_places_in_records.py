"""Places the text reader proposes beyond the labelled slot (docs/scoring.md, "Candidates").

Invented announcements: a listing whose talks share the room written once above
them, a room between the separators of a date line, a room in parentheses right
after the time. The learned scorer chooses among the proposals; these cases check
that the right one is proposed and chosen.
"""

from __future__ import annotations

import seminorm


def _places(text: str) -> list[str | None]:
    events = seminorm.parse(text, tz="America/New_York", reference_date="2025-03-01")
    return [ev.location.name if ev.location else None for ev in events]


def test_a_listing_shares_the_room_written_above_its_talks() -> None:
    text = (
        "Algebra Seminar\nTuesdays 3:30-4:30 pm\nMaple Hall 210\n\n"
        "March 4, 2025 - Ada Quill (Northfield College): Modular forms and their friends\n\n"
        "March 11, 2025 - Ben Orr (Eastbrook University): Lattices in the wild\n"
    )
    assert _places(text) == ["Maple Hall 210", "Maple Hall 210"]


def test_a_room_between_the_separators_of_a_date_line() -> None:
    text = "READING GROUP * Thu 5/8/2025 * 2:00-3:00 pm * 214 Birch\nSpeaker: Cara Dunn\n"
    assert _places(text) == ["214 Birch"]


def test_a_room_in_parentheses_after_the_time() -> None:
    text = (
        "Séminaire de l'équipe\n\n"
        "Vendredi 14 mars 2025, 10h (salle des conseils) : Graphes aléatoires\n"
        "- Claire Martin (Université de Nulle Part)\n"
    )
    assert _places(text) == ["salle des conseils"]


def test_a_placeholder_in_parentheses_is_dropped() -> None:
    from seminorm.rules.places import parse_location

    loc = parse_location("Larch campus, Springfield (room to be confirmed)")
    assert loc is not None
    assert loc.name == "Larch campus, Springfield"


def test_a_bare_room_number_after_in() -> None:
    text = (
        "Subject: group meeting\n\nOur next meeting is on Tuesday, March 11, 2025 at 2:30.\n"
        "We will meet in 4170.  Bring your notes.\n"
    )
    assert _places(text) == ["4170"]


def test_a_room_wrapped_over_two_lines() -> None:
    text = (
        "The reading group meets on Thursday, March 13, 2025 at 12:00 in the Larch Dining\n"
        "Room. Everyone is welcome.\n"
    )
    assert _places(text) == ["Larch Dining Room"]


def test_an_ics_location_that_names_a_series_is_no_place() -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
        "UID:a1@example.org\r\nDTSTAMP:20250301T000000Z\r\nDTSTART:20250304T150000Z\r\n"
        "SUMMARY:Ada Quill: Modular forms\r\nLOCATION:Northfield Number Theory Seminar\r\n"
        "DESCRIPTION:https://zoom.us/j/123456789\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n"
        "UID:a2@example.org\r\nDTSTAMP:20250301T000000Z\r\nDTSTART:20250311T150000Z\r\n"
        "SUMMARY:Ben Orr: Lattices\r\nLOCATION:Seminar Room 3\\, Quill Hall\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    events = seminorm.parse(ics.encode())
    assert events[0].location is None
    assert events[0].series == "Northfield Number Theory Seminar"
    assert events[1].location is not None
    assert events[1].location.name == "Seminar Room 3, Quill Hall"


def test_a_place_wrapped_after_in_runs_on_to_the_next_line() -> None:
    text = (
        "Subject: poetry evening\n\nThe evening is on Friday, March 14, 2025 at 7:00 pm in the Corvin\n"
        "Union in the Ballroom.  All are welcome to read.\n"
    )
    assert _places(text) == ["Corvin Union in the Ballroom"]


def test_a_place_line_that_ends_open_runs_on_to_the_next_line() -> None:
    text = (
        "Subject: tea talk\n\n\tMarch 20, 2025\n\t3:00 pm\n\tHeron Room, 12th floor, of\n"
        "\tthe Tallow Building.\n\nCara Dunn will read from her new book.\n"
    )
    assert _places(text) == ["Heron Room, 12th floor, of the Tallow Building"]


def test_a_room_number_on_the_next_line() -> None:
    text = (
        "Subject: thesis defence\n\nThe defence is on Monday, March 17, 2025 at 10:00 am in Pell Hall, Room\n"
        "4120.  Everyone is welcome.\n"
    )
    assert _places(text) == ["Pell Hall, Room 4120"]


def test_a_building_and_its_room_stay_together() -> None:
    text = (
        "GEOLOGY LUNCH TALKS\n\nDan Ives\nFriday, March 21, 2025\n12:00pm-1:00pm\n"
        "Osprey Center, Room 118\n\nTitle: Rivers that changed course\n"
    )
    assert _places(text) == ["Osprey Center, Room 118"]


def test_a_place_named_by_its_owner() -> None:
    text = (
        "Subject: reading group\n\nTomorrow, March 12, 2025 at 2:30 pm, we meet in Ada's office.\n"
        "Bring the chapter.\n"
    )
    assert _places(text) == ["Ada's office"]


def test_a_place_stops_at_a_time_and_keeps_a_saints_period() -> None:
    from seminorm.rules.places import find_location_in_prose

    got = find_location_in_prose(
        "We meet on Monday in the Larch seminar room 10-11am on new results."
    )
    assert got is not None
    assert got.name == "Larch seminar room"
    got = find_location_in_prose(
        "The talk is at 7 pm in the Quill Theatre, St. Ada's College, Eastbrook."
    )
    assert got is not None
    assert got.name == "Quill Theatre, St. Ada's College, Eastbrook"


def test_the_home_institution_at_a_places_edge_is_left_out() -> None:
    from seminorm.engine.candidates import _is_home, _without_home

    homes = frozenset({"qlu"})
    assert _is_home("QLU", homes)
    assert _is_home("Quill Larch University", homes)
    assert not _is_home("Northfield", homes)
    assert _without_home("Birch Center, Room 12, QLU", homes) == "Birch Center, Room 12"
    assert _without_home("Maple Hall 210 (QLU)", homes) == "Maple Hall 210"
    assert _without_home("QLU Faculty Lounge in Birch Center", homes) == (
        "Faculty Lounge in Birch Center"
    )
    assert _without_home("Maple Hall 210, Northfield", homes) is None
    from seminorm.learn.scorer import RECORDER, Decision

    text = (
        "Reading group\n\nFriday, March 14, 2025, 12:00-1:00 pm\nBirch Center, Room 12, QLU\n\n"
        "Ada Quill (ada@cs.qlu.edu) will lead the discussion.\n"
    )
    seen: list[Decision] = []
    token = RECORDER.set(seen)
    try:
        _places(text)
    finally:
        RECORDER.reset(token)
    homes = [
        c.text for d in seen if d.field == "location" for c in d.candidates if "~home" in c.rule
    ]
    assert "Birch Center, Room 12" in homes


def test_a_table_row_is_read_cell_by_cell() -> None:
    from seminorm.engine.candidates import _cells
    from seminorm.learn.scorer import RECORDER, Decision

    assert _cells("\t  Birch 210\t   Annual Quill Lecture\t  Soil in the") == [
        "Birch 210",
        "Annual Quill Lecture",
        "Soil in the",
    ]
    text = (
        "Soil seminar, Friday, March 14, 2025, 4:00 pm\n\nROOM\t\tSPEAKER\t\tTOPIC\n"
        "\tBirch 210\t   Dr. Ada Quill\t   Annual Quill Lecture in\n\t\t\t\tSoil Studies\n"
    )
    seen: list[Decision] = []
    token = RECORDER.set(seen)
    try:
        assert _places(text) == ["Birch 210"]
    finally:
        RECORDER.reset(token)
    cands = [c.text for d in seen if d.field == "location" for c in d.candidates]
    assert "Birch 210" in cands
    assert not [c for c in cands if "Birch" in c and "Lecture" in c]


def test_an_empty_form_field_takes_no_label_line_as_its_value() -> None:
    from seminorm.engine.fields import labeled
    from seminorm.engine.segment import to_lines

    lines = to_lines("Name:\nAddress:\nPhone Number:\nEmail:\n")
    assert [v.text for v in labeled(lines, 0, len(lines) - 1)["place"]] == [""]


def test_a_room_written_in_capitals_between_separators() -> None:
    text = "READING GROUP * THU 5/8/2025 * 2:00-3:00 PM * 214 BIRCH\nSpeaker: Cara Dunn\n"
    assert _places(text) == ["214 BIRCH"]


def test_a_bare_room_number_and_its_building_after_in() -> None:
    from seminorm.learn.scorer import RECORDER, Decision

    text = (
        "Subject: project review\n\nThe team presents its work on Friday, March 14, 2025 at 9:30 am\n"
        "in 4120 Larkin. All are welcome. Lunch follows at 5000 Larkin Avenue.\n"
    )
    seen: list[Decision] = []
    token = RECORDER.set(seen)
    try:
        _places(text)
    finally:
        RECORDER.reset(token)
    bare = {c.text for d in seen if d.field == "location" for c in d.candidates}
    assert "4120 Larkin" in bare
    assert "5000 Larkin" not in bare
