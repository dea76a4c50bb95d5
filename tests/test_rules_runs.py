"""Number-led rules tried only where a run of digits starts (``seminorm.rules.runs``).

The promise is exact: for a rule that declares ``digits``, ``Rule.finditer``
yields the very matches of ``rule.pattern.finditer(text)``. It is checked on
every such rule over texts built from digits, separators and the words dates
and times are written with, so that runs of every length meet every rule.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seminorm.patterns import LazyPattern
from seminorm.rules import all_rules, forget_documents, runs

NUMBER_LED = {rule.name: rule for _, rule in all_rules() if rule.digits}

PIECES = (
    "0", "1", "2", "4", "9", "12", "19", "20", "2021", "20210504", "T1900", "123", "4567", "0800",
    "81234567890", "٣", "١٢",  # Arabic-Indic digits are digits to ``\\d`` too
    ":", ":30", ".", ".15", "/", "-", "–", ",", ",,", "#", "*", "+", "(", ")", "%",
    " ", "  ", "\t", "\n", "h", "H", "h30", "am", "PM", "p.m.", "Uhr", "uhr", "o'clock",
    "st", "th", "er", "e", "º", "of", "de", "May", "mai", "MARCH", "Dezember", "Tuesday", "dem",
    "to", "bis", "à", "a", "au", "noon", "at", "x", "é", "_",
)  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _plain(pattern: re.Pattern[str] | LazyPattern, text: str) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _fast(
    pattern: re.Pattern[str] | LazyPattern, text: str, lengths: runs.Lengths
) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups()) for m in runs.finditer(pattern, text, lengths)]


def test_the_date_and_time_rules_that_start_with_a_number_declare_it() -> None:
    for name in ("date/iso", "date/day-month", "date/numeric", "date/short",
                 "time/clock", "time/h", "time/dot", "time/hour"):  # fmt: skip
        assert name in NUMBER_LED, name


@pytest.mark.parametrize("name", sorted(NUMBER_LED))
@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_runs_give_the_patterns_own_matches(name: str, text: str) -> None:
    rule = NUMBER_LED[name]
    forget_documents()
    assert _fast(rule.pattern, text, rule.digits) == _plain(rule.pattern, text)


@pytest.mark.parametrize("name", sorted(NUMBER_LED))
def test_runs_on_the_examples(name: str) -> None:
    rule = NUMBER_LED[name]
    cases = [
        *(text for text, _ in rule.examples),
        *rule.counterexamples,
        "Tuesday, May 4, 2021, 4:00-5:30 PM CET; 16h00; 20.04. um 18 Uhr; 04/05/2021",
        "+97239786688,,81234567890#,,,,*402917# 2021-05-04 19:00:00 DTSTART:20221021T131500",
        "",
    ]
    for text in cases:
        assert _fast(rule.pattern, text, rule.digits) == _plain(rule.pattern, text), text


def test_a_wrong_declaration_is_caught() -> None:
    """The check above can fail: a pattern that may start inside a run of digits."""
    pattern = re.compile(r"\d\d:\d\d")
    text = "at 112:30"
    assert _fast(pattern, text, (range(1, 3),)) != _plain(pattern, text)


def test_runs_are_found_once_per_text_and_forgotten() -> None:
    text = "4:00 and 16:30, room 123"
    forget_documents()
    first = runs._runs(text)
    assert runs._runs(text) is first
    assert first.starts((range(1, 3),)) == [0, 2, 9, 12]  # not "123"
    forget_documents()
    assert runs._runs(text) is not first


def test_runs_longer_than_the_index_records_are_still_tried():
    """The index caps a run's length at 63; a rule asking for longer runs still gets them."""
    pattern = re.compile(r"\d(?<!\d\d)\d{69,79}(?!\d)")
    text = "id " + "7" * 75 + " and " + "8" * 20 + " and " + "9" * 100
    assert _fast(pattern, text, (range(70, 81),)) == _plain(pattern, text)
    assert len(_plain(pattern, text)) == 1
