"""Every rule of every rules module keeps its own promises (chrono/duckling style).

``seminorm.rules.all_rules()`` lists them; each rule carries examples (input and
the value its first match must give) and counterexamples (inputs on which no
match may give a value). Adding a rule with its examples adds its test here.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from seminorm.patterns import LazyPattern
from seminorm.rules import all_rules

RULES = all_rules()


def _id(pair: tuple[str, Any]) -> str:
    return f"{pair[0]}:{pair[1].name}"


def test_there_are_rules() -> None:
    modules = {mod for mod, _ in RULES}
    assert {"labels", "people", "places", "meetings", "links"} <= modules


def test_names_unique_per_module() -> None:
    counts = Counter((mod, rule.name) for mod, rule in RULES)
    assert [key for key, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("pair", RULES, ids=_id)
def test_rule_is_well_formed(pair: tuple[str, Any]) -> None:
    _, rule = pair
    assert rule.name, "a rule needs a name"
    assert not any(ch.isspace() for ch in rule.name), rule.name
    assert isinstance(rule.pattern, re.Pattern | LazyPattern)
    assert callable(rule.extract)
    assert len(rule.examples) >= 1, f"{rule.name} has no example"
    assert len(rule.counterexamples) >= 1, f"{rule.name} has no counterexample"


@pytest.mark.parametrize("pair", RULES, ids=_id)
def test_examples_give_their_value(pair: tuple[str, Any]) -> None:
    _, rule = pair
    wrong = [
        (text, want, rule.first(text)) for text, want in rule.examples if rule.first(text) != want
    ]
    assert wrong == []


@pytest.mark.parametrize("pair", RULES, ids=_id)
def test_counterexamples_give_nothing(pair: tuple[str, Any]) -> None:
    _, rule = pair
    wrong = [
        (text, rule.first(text)) for text in rule.counterexamples if rule.first(text) is not None
    ]
    assert wrong == []


_JUNK = [
    *"abcXYZ ()[]<>:;,.-–/?&=%#@*_+\n\t0123456789éü¹²א",
    "https://",
    "www.",
    "mailto:",
    "zoom.us/j/",
    "pwd=",
    "Meeting ID: ",
    "+1 ",
    ",,",
    "urldefense.com/v3/__",
    "__;",
    "!!",
    "urldefense.proofpoint.com/v2/url?u=",
    "https-3A__",
    "safelinks.protection.outlook.com/?url=",
    "google.com/url?q=",
    "Speaker: ",
    "Prof. ",
    "Room ",
    "in the ",
    "a talk by ",
    "Ada Lovelace",
    "TBD",
    "12:30",
    "May 4, 2021",
    "UTC+2",
]


def _junk(seed: int, n: int) -> list[str]:
    import random

    rnd = random.Random(seed)
    return ["".join(rnd.choice(_JUNK) for _ in range(rnd.randint(0, 60))) for _ in range(n)]


@pytest.mark.parametrize("pair", RULES, ids=_id)
def test_rules_never_raise_on_junk(pair: tuple[str, Any]) -> None:
    _, rule = pair
    for text in _junk(7, 300):
        list(rule.finditer(text))


def test_public_functions_never_raise_on_junk() -> None:
    from seminorm.rules import labels, links, meetings, people, places

    functions = [
        labels.split_label,
        people.parse_people,
        people.find_speaker_in_prose,
        people.looks_like_name,
        people.is_organization,
        people.strip_honorifics,
        people.strip_role,
        places.parse_location,
        places.find_location_in_prose,
        places.find_locations_in_prose,
        places.is_online_only,
        meetings.find_online,
        meetings.dial_in_spans,
        links.find_links,
        links.repair_url,
        links.unwrap,
        links.classify,
        links.find_emails,
    ]
    for text in _junk(11, 1500):
        for fn in functions:
            fn(text)  # type: ignore[operator]


def test_forget_documents_clears_every_document_cache() -> None:
    import importlib

    from seminorm.rules import DOCUMENT_CACHES, forget_documents

    caches = [getattr(importlib.import_module(f"seminorm.{m}"), n) for m, n in DOCUMENT_CACHES]
    from seminorm.rules.zones import zone_for_name

    zone_for_name("Jerusalem")
    assert any(c.cache_info().currsize for c in caches)
    forget_documents()
    assert all(c.cache_info().currsize == 0 for c in caches)
