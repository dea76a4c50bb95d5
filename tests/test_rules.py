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
    assert isinstance(rule.pattern, re.Pattern)
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
