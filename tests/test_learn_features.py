"""The field scorer: its feature extractors (example tables) and its shipped weights."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from seminorm.learn import features as ft
from seminorm.learn.scorer import FIELDS, NONE, SCHEMA, Candidate, load_weights, pick

HEAD = ft.Spot(0, 3, "  Design Seminar", "", "Wednesday", 1, True)
NEAR = ft.Spot(
    5, 1, "          Prof. Ada Lovelace", "Room 12", "Analytical Engine Institute", 1, True
)
FAR = ft.Spot(40, 35, "contact: Ada Lovelace", "questions?", "", 3, False)
NOWHERE = ft.Spot(-1, None, "", "", "", 0, False)


@pytest.mark.parametrize(
    ("spot", "expected"),
    [
        (HEAD, {"pos_first": 1.0, "time_near": 1.0, "time_above": 0.0, "in_header": 1.0}),
        (NEAR, {"pos_first": 0.0, "time_near": 1.0, "centred": 1.0, "repeats": 0.0}),
        (FAR, {"time_near": 0.0, "in_header": 0.0, "repeats": 1.0, "centred": 0.0}),
        (NOWHERE, {"pos_unknown": 1.0, "time_unknown": 1.0}),
    ],
)
def test_position(spot: ft.Spot, expected: dict[str, float]) -> None:
    got = ft.position(spot)
    assert {k: got.get(k, 0.0) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        (
            "Hollis Hall 4120",
            "   Hollis Hall 4120",
            {"w2_4": 1.0, "has_digit": 1.0, "whole_line": 1.0},
        ),
        ("QUANTUM MATTER SEMINAR", "QUANTUM MATTER SEMINAR", {"all_caps": 1.0, "title_case": 1.0}),
        ('"Why do glaciers surge?"', '"Why do glaciers surge?"', {"quoted": 1.0, "ends_q": 0.0}),
        ("Ada", "Speaker: Ada, who will tell us about engines", {"w1": 1.0, "whole_line": 0.0}),
        (
            "We will meet in the usual room after the break today.",
            "x",
            {"ends_period": 1.0, "w9_14": 1.0},
        ),
    ],
)
def test_shape(text: str, line: str, expected: dict[str, float]) -> None:
    got = ft.shape(text, line)
    assert {k: got.get(k, 0.0) for k in expected} == expected


@pytest.mark.parametrize(
    ("name", "affiliation", "spot", "expected"),
    [
        ("Ada Lovelace", "Analytical Engine Institute", NEAR, {"honorific": 1.0, "aff_org": 1.0}),
        ("Ada Lovelace", None, FAR, {"host_cue": 1.0, "honorific": 0.0, "has_aff": 0.0}),
        ("Department of Physics", None, HEAD, {"name_like": 0.0, "name_org": 1.0}),
        (
            "Ada Lovelace",
            None,
            ft.Spot(2, 0, "a lecture by Ada Lovelace", "", "", 1, True),
            {"cue_before": 1.0, "host_cue": 0.0},
        ),
        (
            "Ada Lovelace",
            None,
            ft.Spot(2, 0, "Vortrag von Ada Lovelace", "", "", 1, True),
            {"cue_before": 1.0},
        ),
        ("ADA LOVELACE", None, HEAD, {"name_caps": 1.0}),
        (
            "Margaret Quill",
            None,
            ft.Spot(2, 0, "  |   Dr. Margaret Quill   |", "", "", 1, True),
            {"given_name": 1.0, "alone": 1.0, "evidence_2p": 1.0, "evidence_0": 0.0},
        ),
        (
            "Harbour Wing",
            None,
            ft.Spot(2, 0, "Harbour Wing", "", "", 1, True),
            {"given_name": 0.0, "name_place": 1.0, "evidence_0": 1.0},
        ),
        (
            "Testing Wide Bridges",
            None,
            ft.Spot(2, 0, "Testing Wide Bridges", "", "", 1, True),
            {"name_gerund": 1.0, "given_name": 0.0},
        ),
        (
            "Ada Quill",
            None,
            ft.Spot(2, 0, "Posted by: Ada Quill on 3 May", "", "", 1, True),
            {"line_label_host": 1.0, "line_label_speaker": 0.0},
        ),
        (
            "Orla Brightwater",
            None,
            ft.Spot(
                2,
                0,
                "Orla Brightwater, a glassmaker from Quillport, will",
                "",
                "be giving a talk.",
                1,
                True,
            ),
            {"verb_after": 1.0},
        ),
        (
            "Orla Brightwater",
            None,
            ft.Spot(2, 0, "Orla Brightwater is away. We will present a poster.", "", "", 1, True),
            {"verb_after": 0.0},
        ),
        (
            "Orla Brightwater",
            None,
            ft.Spot(2, 0, "Orla Brightwater", "", "Senior Research Engineer", 1, True),
            {"next_role": 1.0},
        ),
    ],
)
def test_person(
    name: str, affiliation: str | None, spot: ft.Spot, expected: dict[str, float]
) -> None:
    got = ft.person(name, affiliation, 1, spot)
    assert {k: got.get(k, 0.0) for k in expected} == expected


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("Thorne 412", "Thorne 412", {"room_number": 1.0, "place_word": 0.0, "online": 0.0}),
        ("Salle 12", "Lieu : Salle 12", {"place_cue": 1.0, "place_word": 1.0}),
        ("Room 101", "4 pm in Room 101", {"prep_before": 1.0}),
        ("MS Teams", "MS Teams (team code abc)", {"online": 1.0}),
        ("Hall B, 3:30 pm", "Hall B, 3:30 pm", {"time_inside": 1.0}),
        # where its edges fall on the line: inside a longer phrase or at a boundary
        ("Room 7", "Where: Quill Center, Room 7", {"left_part": 1.0, "right_clear": 1.0}),
        ("Quill Center", "Quill Center, Room 7, QU", {"left_clear": 1.0, "right_part": 1.0}),
        ("Room 7", "Quill Center, Room 7, QU", {"right_one_word": 1.0}),
        ("Room 7", "in Room 7 of the Annex", {"right_prep": 1.0, "left_clear": 1.0}),
        ("Room 7", "Quill Center\n", {"edge_unknown": 1.0}),
        # what the value is
        ("Larch Room (Quill 7)", "Larch Room (Quill 7)", {"paren_room": 1.0, "paren_other": 0.0}),
        ("Quill 7 (QU)", "Quill 7 (QU)", {"paren_room": 0.0, "paren_other": 1.0}),
        ("Center for Quiet Studies", "Center for Quiet Studies", {"org_phrase": 1.0}),
        ("Larch Lounge", "followed by tea in the Larch Lounge", {"refreshment_before": 1.0}),
    ],
)
def test_place(name: str, raw: str, expected: dict[str, float]) -> None:
    got = ft.place(name, None, ft.Spot(3, 0, raw, "", "", 1, True))
    assert {k: got.get(k, 0.0) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TBA", {"placeholder": 1.0}),
        ("Applied Topology Seminar", {"series_word": 1.0}),
        ("Ada Lovelace", {"is_name": 1.0}),
        ("Subscribe to our newsletter", {"chrome": 1.0}),
        ("Ada Quill (Analytical Institute)", {"person_head": 1.0, "name_paren_org": 1.0}),
        ("Lecture 2 (Quill): Rivers of sand", {"colon_head_code": 1.0, "has_colon": 1.0}),
        ("Please register here before Friday.", {"verbish": 1.0}),
        ("Rivers of sand", {"person_head": 0.0, "verbish": 0.0, "speaker_in": 0.0}),
    ],
)
def test_title(text: str, expected: dict[str, float]) -> None:
    got = ft.title(text, HEAD)
    assert {k: got.get(k, 0.0) for k in expected} == expected


def test_title_next_to_its_speaker() -> None:
    spot = ft.Spot(3, 1, "Rivers of sand", "Title:", "Prof. Ada Quill, Delta University", 1, True)
    got = ft.title("Rivers of sand", spot, ("Ada Quill",))
    assert got["person_after"] == 1.0
    assert got["title_label_before"] == 1.0
    assert ft.title("Ada Quill", spot, ("Ada Quill",))["is_speaker"] == 1.0


def test_speaker_from_a_table_row_and_a_box() -> None:
    """A name in a column of a table row, or inside a box, is a speaker candidate (the
    column gap ends it: the next column's words are not part of the name)."""
    import seminorm

    row = (
        "SPRING SEMINARS\n\n"
        "DATE\tROOM\tTIME\tSPEAKER\tTOPIC\n"
        "4/12/2025\tHB 110\t3:30 PM\tDr. Ada Quill\tSediment transport\n"
    )
    got = [s.name for e in seminorm.parse(row, tz="UTC") for s in e.speakers]
    assert got[:1] == ["Ada Quill"]


def test_pick_beats_none_or_gives_nothing() -> None:
    cands = [
        Candidate(value=1, text="a", line=0, rule="x", features={"f": 1.0}),
        Candidate(value=2, text="b", line=1, rule="y", features={"g": 1.0}),
    ]
    assert pick("speaker", cands, {"f": 1.0, "g": 2.0, NONE: 0.5}) == 1
    assert pick("speaker", cands, {"f": 1.0, "g": 2.0, NONE: 3.0}) is None
    assert pick("speaker", cands, None) == 0  # no weights: the reading order
    assert pick("speaker", [], {NONE: -1.0}) is None


def test_relative_places() -> None:
    got = ft.relative_places(
        [
            ("Room 7", 1),
            ("Quill Center, Room 7", 1),
            ("Room 7", 1),
            ("Room 7 (QU)", 1),
            ("Room 7", 9),
        ]
    )
    on = [{k for k, v in f.items() if v} for f in got]
    assert on[0] == {"inside_place", "inside_other"}
    assert on[1] == {"adds_place"}
    assert on[3] == {"adds_other"}
    assert on[4] == {"inside_place", "inside_other"}  # its text: the line is the first's
    assert ft.relative_places([("Room 7", 1), ("Quill Center, Room 7", 2)])[1]["adds_place"] == 0.0


def test_shipped_weights_load_and_match_the_features() -> None:
    text = resources.files("seminorm.learn").joinpath("weights.json").read_text("utf-8")
    data = json.loads(text)
    assert data["schema"] == SCHEMA
    weights = load_weights(text)
    assert weights, "no field has weights"
    assert set(weights) <= set(FIELDS)
    known = ft.names() | {NONE}
    for field, w in weights.items():
        unknown = {k for k in w if k not in known and not k.startswith("rule:")}
        assert not unknown, f"{field}: features the extractors do not give: {sorted(unknown)}"
        assert NONE in w
    figures = data["training"]
    for field in weights:
        assert figures[field]["cross_validated"], f"{field}: no cross-validated figures"


def test_bad_weights_file_is_refused() -> None:
    with pytest.raises(ValueError, match="schema"):
        load_weights('{"schema": 99}')


def test_end_patterns_read_from_the_last_word_match_as_a_whole_search() -> None:
    """``person`` searches its end-anchored cue and honorific patterns from ``_last_word``:
    the same answers as a search of the whole text, on texts made to end every way."""
    import random

    pieces = [
        "by", "By", "Speaker", "speakers", "von", "par", "Dr", "dr.", "Prof", "professor",
        "Dott.ssa", "intervenantes", "conférenciers", "x" * 30, "Ada", "talk", "mit",
        " ", "  ", "\t", "\n", ":", " - ", "(", ")", ",", ".", "é", "_", "3", "—",
    ]  # fmt: skip
    rng = random.Random(7)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        for pattern, probe in ((ft.SPEAKER_CUE, text), (ft._HONORIFIC, text.rstrip())):
            whole = pattern.search(probe)
            tail = pattern.search(probe, ft._last_word(probe))
            assert (whole is None) == (tail is None), (pattern.pattern[:20], text)
        assert (ft._HONORIFIC.search(text) is None) == (ft._HONORIFIC.search(text.rstrip()) is None)


def test_the_poster_and_a_signature_are_marked() -> None:
    """A name that is the poster's (``PostedBy:``) or closes the record (a signature) carries
    it as a feature: the scorer weighs them against the speaker."""
    from seminorm import parse
    from seminorm.learn.scorer import RECORDER, WEIGHTS_OFF

    text = (
        "PostedBy: Wendel Farrow on 3-Mar-95\n\n"
        "Talk: Tides of the Inner Sea\nSpeaker: Orla Brightwater\nDate: March 9, 1995, 3 pm\n"
        "Room: Quill Hall 12\n\nThe talk surveys the tides of the sea and\n"
        "what they tell us about the moon.\n\nWendel Farrow, Quill Institute\n"
    )
    seen: list = []
    token, off = RECORDER.set(seen), WEIGHTS_OFF.set(True)
    try:
        parse(text.encode(), tz="UTC")
    finally:
        RECORDER.reset(token)
        WEIGHTS_OFF.reset(off)
    feats = {c.text: c.features for d in seen if d.field == "speaker" for c in d.candidates}
    assert feats["Orla Brightwater"].get("poster", 0.0) == 0.0
    assert feats["Wendel Farrow"].get("poster") == 1.0
    assert any(
        c.features.get("sign_off") for d in seen if d.field == "speaker" for c in d.candidates
    )


def test_an_honorific_name_read_over_a_line_break() -> None:
    """``… Dr. Orla⏎B. Brightwater, …``: the name after the honorific goes on at the next
    line's start, and the scan reads it whole."""
    from seminorm import parse
    from seminorm.learn.scorer import RECORDER, WEIGHTS_OFF

    text = (
        '3.  TIDES GROUP - "Inner tides and outer moons," Dr. Orla\n'
        "B. Brightwater, Quill Institute, Thursday, June 8, 1995, 3:30 pm, Room 12.\n"
    )
    seen: list = []
    token, off = RECORDER.set(seen), WEIGHTS_OFF.set(True)
    try:
        parse(text.encode(), tz="UTC")
    finally:
        RECORDER.reset(token)
        WEIGHTS_OFF.reset(off)
    got = [
        (c.text, c.value[0][0].affiliation)
        for d in seen
        if d.field == "speaker"
        for c in d.candidates
        if c.rule == "honorific-name"
    ]
    assert ("Orla B. Brightwater", "Quill Institute") in got


@pytest.mark.parametrize(
    ("value", "stop"),
    [
        ("Ethics in Orbit.~ Larch Hall Auditorium", 1.0),
        ('Ethics in Orbit." Larch Hall Auditorium', 1.0),
        ("Ethics in Orbit.--Larch Hall, Room 103", 1.0),
        ("Larch Hall, Room 103", 0.0),
    ],
)
def test_a_sentence_end_inside_a_place_value(value: str, stop: float) -> None:
    spot = ft.Spot(3, 0, value, "", "", 1, False)
    assert ft.place(value, None, spot)["inner_stop"] == stop
