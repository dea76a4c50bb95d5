"""JSON / JSON Lines output and its JSON Schema (SPEC section 2)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seminorm import model
from seminorm.context import Context
from seminorm.model import Event, Link, Location, Notice, Online, Organizer, Provenance, Speaker
from seminorm.write import render
from seminorm.write.json import KEYS, event_to_dict, schema, schema_text, to_json, to_jsonl

from .client_checks import sample_events

SPEC_KEYS = [
    "uid",
    "title",
    "series",
    "speakers",
    "start",
    "end",
    "timezone",
    "all_day",
    "status",
    "location",
    "online",
    "links",
    "abstract",
    "description",
    "organizer",
    "categories",
    "rrule",
    "source",
    "warnings",
]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_keys_are_the_spec_keys_in_order() -> None:
    assert list(KEYS) == SPEC_KEYS
    for ev in [*sample_events(), Event()]:
        assert list(event_to_dict(ev)) == SPEC_KEYS
        assert list(event_to_dict(ev, explain=True)) == [*SPEC_KEYS, "provenance"]


def test_the_spec_example_round_trips_in_shape() -> None:
    talk = sample_events()[0]
    d = event_to_dict(talk)
    assert d["start"] == "2022-10-21T13:15:00+02:00"
    assert d["end"] == "2022-10-21T14:15:00+02:00"
    assert d["timezone"] == "Europe/Zurich"
    assert d["speakers"] == [
        {"name": "Lihua Ko", "affiliation": "IBM T. J. Watson Research Center"}
    ]
    assert d["location"] == {
        "name": "BC 2 14",
        "address": None,
        "url": "https://map.example.ch/?room==BC%202%2014",
    }
    assert d["online"] == {
        "platform": "zoom",
        "url": "https://epfl.zoom.us/j/81234567890?pwd=abc",
        "meeting_id": "812 3456 7890",
        "passcode": "402917",
        "dial_in": ["+972 3 555 0166"],
    }
    assert d["links"][0] == {"url": "https://arxiv.org/abs/2203.10736", "kind": "paper"}
    assert d["organizer"] == {"name": "Ada Admin", "email": "ada@epfl.ch"}
    assert d["source"] == {"path": "talk.txt", "format": "text", "event_index": 0}
    assert d["warnings"] == [
        {"code": "tz-inferred", "field": "timezone", "message": "from the .ch link"}
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            datetime(2022, 10, 21, 13, 15, tzinfo=ZoneInfo("Europe/Zurich")),
            "2022-10-21T13:15:00+02:00",
        ),
        (
            datetime(2022, 12, 21, 13, 15, tzinfo=ZoneInfo("Europe/Zurich")),
            "2022-12-21T13:15:00+01:00",
        ),
        (datetime(2021, 5, 4, 16, 0, tzinfo=ZoneInfo("Asia/Kolkata")), "2021-05-04T16:00:00+05:30"),
        (datetime(2024, 3, 1, 15, 0, tzinfo=UTC), "2024-03-01T15:00:00+00:00"),
        (
            datetime(2024, 3, 1, 15, 0, tzinfo=timezone(timedelta(hours=-5))),
            "2024-03-01T15:00:00-05:00",
        ),
        (datetime(2024, 5, 4, 16, 0, 0, 123456), "2024-05-04T16:00:00"),
        (date(2022, 10, 21), "2022-10-21"),
        (None, None),
    ],
)
def test_moments(value: datetime | date | None, expected: str | None) -> None:
    assert event_to_dict(Event(start=value, end=value))["start"] == expected
    assert event_to_dict(Event(start=value, end=value))["end"] == expected


def test_unknowns_are_null_or_empty() -> None:
    d = event_to_dict(Event())
    assert d["location"] is None
    assert d["online"] is None
    assert d["organizer"] is None
    assert d["speakers"] == d["links"] == d["categories"] == d["warnings"] == []
    assert d["status"] is None  # never invented
    assert d["all_day"] is False


def test_provenance_only_with_explain_and_in_field_order() -> None:
    ev = Event(title="T").explain("title", Provenance(source="line 3", text="T", rule="labels"))
    ev = ev.explain("start", Provenance(source="line 1", text="May 4", rule="when", inferred=True))
    ev = ev.explain("abstract", Provenance(source="line 9", text="…", rule="abstract"))
    assert "provenance" not in event_to_dict(ev)
    prov = event_to_dict(ev, explain=True)["provenance"]
    assert list(prov) == ["title", "start", "abstract"]
    assert prov["start"] == {"source": "line 1", "text": "May 4", "rule": "when", "inferred": True}


def test_to_json_is_an_indented_array_with_final_newline() -> None:
    events = sample_events()
    text = to_json(events)
    assert text.endswith("]\n")
    assert text.startswith('[\n  {\n    "uid": ')
    assert "אלגברה" in text  # not \u-escaped
    assert json.loads(text) == [event_to_dict(ev) for ev in events]
    assert to_json([]) == "[]\n"
    assert to_json(events[:1]).startswith("[")  # an array even for one event


def test_to_jsonl_is_one_compact_object_per_line() -> None:
    events = sample_events()
    text = to_jsonl(events)
    lines = text.splitlines()
    assert len(lines) == len(events)
    assert text.endswith("\n")
    for line, ev in zip(lines, events, strict=True):
        assert ": " not in line.split('"title"')[0]
        assert json.loads(line) == event_to_dict(ev)
    assert to_jsonl([]) == ""


def test_output_is_deterministic() -> None:
    assert to_json(sample_events(), explain=True) == to_json(sample_events(), explain=True)
    assert to_jsonl(sample_events()) == to_jsonl(sample_events())


def test_render_json_formats(ctx: Context) -> None:
    events = sample_events()
    assert render(events, "json", ctx) == to_json(events).encode()
    assert render(events, "jsonl", ctx) == to_jsonl(events).encode()
    assert b'"provenance"' in render(events, "json", ctx, explain=True)
    assert b'"provenance"' in render(events, "json", replace(ctx, explain=True))


# --- the schema --------------------------------------------------------------


def test_schema_is_valid_draft_2020_12() -> None:
    loaded = schema()
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(loaded)
    shipped = Path(__file__).parents[1] / "src" / "seminorm" / "schema.json"
    assert json.loads(schema_text()) == json.loads(shipped.read_text(encoding="utf-8"))


def test_schema_enums_follow_the_model() -> None:
    defs = schema()["$defs"]
    assert defs["event"]["properties"]["status"]["enum"] == [*model.STATUSES, None]
    assert defs["online"]["properties"]["platform"]["enum"] == [*model.PLATFORMS, None]
    assert defs["link"]["properties"]["kind"]["enum"] == list(model.LINK_KINDS)
    assert defs["warning"]["properties"]["code"]["enum"] == list(model.WARNING_CODES)
    assert defs["event"]["required"] == SPEC_KEYS


def test_sample_outputs_validate(validator: jsonschema.Draft202012Validator) -> None:
    validator.validate(json.loads(to_json(sample_events())))
    validator.validate(json.loads(to_json(sample_events(), explain=True)))
    validator.validate(json.loads(to_json([Event()])))
    for line in to_jsonl(sample_events()).splitlines():
        validator.validate([json.loads(line)])


@pytest.mark.parametrize(
    "change",
    [
        {"status": "maybe"},
        {"extra": 1},
        {"start": "21 Oct 2022"},
        {"start": "2022-10-21T13:15"},
        {"warnings": [{"code": "made-up", "field": None, "message": "x"}]},
        {"links": [{"url": "https://x", "kind": "blog"}]},
        {"online": {"platform": "skype"}},
        {"speakers": [{"name": "A"}]},
    ],
)
def test_schema_is_strict(
    validator: jsonschema.Draft202012Validator, change: dict[str, object]
) -> None:
    obj = event_to_dict(sample_events()[0])
    obj.update(change)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate([obj])


def test_schema_requires_every_key(validator: jsonschema.Draft202012Validator) -> None:
    obj = event_to_dict(sample_events()[0])
    del obj["rrule"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate([obj])


# --- generated events ----------------------------------------------------------

_text = st.text(max_size=30)
_opt = st.none() | _text
_zones = st.sampled_from(["Europe/Zurich", "America/New_York", "Asia/Kolkata", "Australia/Sydney"])
_naive = st.datetimes(min_value=datetime(1975, 1, 1), max_value=datetime(2035, 12, 31))


@st.composite
def _moments(draw: st.DrawFn) -> tuple[datetime | date | None, str | None]:
    kind = draw(st.sampled_from(["aware", "utc", "naive", "date", "none"]))
    if kind == "none":
        return None, None
    if kind == "date":
        return draw(st.dates(min_value=date(1975, 1, 1), max_value=date(2035, 1, 1))), None
    value = draw(_naive)
    if kind == "naive":
        return value, None
    if kind == "utc":
        return value.replace(tzinfo=UTC), "UTC"
    zone = draw(_zones)
    return value.replace(tzinfo=ZoneInfo(zone)), zone


@st.composite
def events(draw: st.DrawFn) -> Event:
    start, zone = draw(_moments())
    ev = Event(
        uid=draw(_opt),
        title=draw(_opt),
        series=draw(_opt),
        speakers=tuple(
            draw(
                st.lists(st.builds(Speaker, name=_text.filter(bool), affiliation=_opt), max_size=3)
            )
        ),
        start=start,
        end=draw(_moments())[0],
        timezone=zone,
        all_day=isinstance(start, date) and not isinstance(start, datetime),
        status=draw(st.sampled_from(model.STATUSES)),
        location=draw(st.none() | st.builds(Location, name=_opt, address=_opt, url=_opt)),
        online=draw(
            st.none()
            | st.builds(
                Online,
                platform=st.none() | st.sampled_from(model.PLATFORMS),
                url=_opt,
                meeting_id=_opt,
                passcode=_opt,
                dial_in=st.lists(_text, max_size=2).map(tuple),
            )
        ),
        links=tuple(
            draw(
                st.lists(
                    st.builds(Link, url=_text.filter(bool), kind=st.sampled_from(model.LINK_KINDS)),
                    max_size=3,
                )
            )
        ),
        abstract=draw(_opt),
        description=draw(_opt),
        organizer=draw(st.none() | st.builds(Organizer, name=_opt, email=_opt)),
        categories=tuple(draw(st.lists(_text, max_size=3))),
        rrule=draw(st.none() | st.just("FREQ=WEEKLY;COUNT=3")),
        warnings=tuple(
            draw(
                st.lists(
                    st.builds(
                        Notice,
                        code=st.sampled_from(model.WARNING_CODES),
                        message=_text,
                        field=_opt,
                    ),
                    max_size=3,
                )
            )
        ),
        provenance=MappingProxyType(
            draw(
                st.dictionaries(
                    st.sampled_from(SPEC_KEYS),
                    st.builds(
                        Provenance, source=_text, text=_text, rule=_text, inferred=st.booleans()
                    ),
                    max_size=3,
                )
            )
        ),
    )
    return ev


_VALIDATOR = jsonschema.Draft202012Validator(
    schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


@settings(max_examples=100, deadline=None)
@given(st.lists(events(), max_size=4), st.booleans())
def test_generated_events_validate(evs: list[Event], explain: bool) -> None:
    validator = _VALIDATOR
    data = json.loads(to_json(evs, explain=explain))
    validator.validate(data)
    assert data == [json.loads(line) for line in to_jsonl(evs, explain=explain).splitlines()]


def test_unicode_line_breaks_are_escaped() -> None:
    ev = Event(title="a\u2028b\u2029c\x85d")
    line = to_jsonl([ev])
    assert len(line.splitlines()) == 1
    assert "\\u2028" in line
    assert json.loads(line)["title"] == ev.title
    assert json.loads(to_json([ev]))[0]["title"] == ev.title
