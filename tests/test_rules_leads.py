"""Twins made of the first letters of a table's fragments (``seminorm.rules.leads``).

That the scans through them give the patterns' own matches is checked with every
other twin in ``tests/test_rules_fold.py``; here, that the tables' patterns get one,
and what the reader refuses.
"""

from __future__ import annotations

import doctest
import re

import pytest

from seminorm.rules import fold, leads, people_prose


@pytest.mark.parametrize("name", ["SPEAKER_CUE", "_WEAK_CUE", "_VERB"])
def test_the_prose_cues_are_scanned_through_their_first_letters(name: str) -> None:
    pattern = getattr(people_prose, name)
    twin = fold.twin_of(pattern)
    assert twin is not None
    assert twin.pattern.startswith((r"\b(?:", r"\s(?:"))
    assert "?:" in twin.pattern  # a tree of letters
    assert "\\s+" not in twin.pattern


@pytest.mark.parametrize(
    "fragments",
    [
        (r"[a-z]+\s+by",),  # a class first
        (r"(?<!x)by",),  # a look-behind
        (r"(?P<n>a)b",),  # a named group
        (r"Talk",),  # upper case: the twin reads lower-cased text
        (r"(?:a|)b",),  # an empty alternative
        (r"(?:ab){2}c",),  # a counted group
        (r"x*y",),  # no letter every match starts with
    ],
)
def test_forms_the_reader_does_not_know_give_no_twin(fragments: tuple[str, ...]) -> None:
    assert leads.lead_twin(fragments, boundary=True) is None


def test_a_twin_matches_where_each_fragment_starts() -> None:
    fragments = (r"talks?\s+by", r"(?:(?:a|the)\s+)?lecture\s+by", r"vortrag(?:es)?\s+von",
                 r"our\s+(?:next\s+)?speaker", r"dr\.\s?rer", r"conduzid[oa]\s+por")  # fmt: skip
    source = leads.lead_twin(fragments, boundary=False)
    assert source is not None
    twin = re.compile(source)
    for text in ("talk by", "talks by", "a lecture by", "the lecture by", "lecture by",
                 "vortrages von", "our speaker", "dr. rer", "conduzida por"):  # fmt: skip
        assert twin.match(text), text


def test_doctests() -> None:
    assert doctest.testmod(leads).failed == 0
