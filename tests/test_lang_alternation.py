"""``lang.alternation`` groups a table's fragments by first letter: the same matches as the
plain alternation (longest first), on every table, ignoring case or not, over texts made of
the table's own words in every case, with the letters ``re`` folds specially mixed in."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seminorm import lang

_EMPTY = lang.Vocabulary(code="xx")
TABLES = sorted(
    name
    for name in lang.Vocabulary.__annotations__
    if isinstance(getattr(_EMPTY, name, None), tuple)
)


def _plain(fragments: tuple[str, ...]) -> str:
    return "|".join(sorted(fragments, key=lambda f: (-len(f), f)))


def _words(fragments: tuple[str, ...]) -> list[str]:
    out = ["İ", "ı", "ſ", "K", "µ", "Σ", "-", " ", "\n", "_", "9", ".", "’", "'", "x", "s"]
    for f in fragments:
        plain = re.sub(r"\\s[+*?]?|\[ \\t\]\+?", " ", f)
        plain = re.sub(r"\\w\*|[\\()?:*+|\[\]{}^$]", "", plain)
        out += [plain, plain.upper(), plain.title(), plain[:2], plain[1:]]
    return out


def _same(fragments: tuple[str, ...], text: str) -> None:
    for flags in (re.IGNORECASE, 0):
        for wrap in ("(?:{})", r"\b(?:{})\b", "^(?:{})$"):
            ours = re.compile(wrap.format(lang.alternation(fragments)), flags | re.M)
            plain = re.compile(wrap.format(_plain(fragments)), flags | re.M)
            got = [(m.span(), m.group(0)) for m in ours.finditer(text)]
            expected = [(m.span(), m.group(0)) for m in plain.finditer(text)]
            assert got == expected, (wrap, flags, text)


@pytest.mark.parametrize("table", TABLES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_grouped_alternation_matches_as_the_plain_one(table: str, data: st.DataObject) -> None:
    fragments = lang.merged(table)
    if not fragments:
        return
    text = data.draw(st.lists(st.sampled_from(_words(fragments)), max_size=12).map(" ".join))
    _same(fragments, text)


def test_grouping_is_refused_where_it_could_change_a_match() -> None:
    assert lang.alternation(("ab", "ac")) == "a(?:b|c)"
    for fragments in (
        ("(?:x)?ab", "ac"),  # a group first
        ("a?b", "ac"),  # an optional first letter
        ("[ab]c", "ad"),  # a class
        ("ſx", "sy"),  # a letter re.IGNORECASE folds to another
        ("a(b)", "ac"),  # a numbered group would move
        ("Ab", "ac"),  # an upper-case first letter
        ("βx", "by"),  # a Greek letter with other forms under IGNORECASE
        ("xa|y", "xb"),  # an alternation of its own: "y" does not start with x
    ):
        assert lang.alternation(fragments) == _plain(fragments), fragments


def test_a_whole_table_is_grouped() -> None:
    grouped = lang.alternation(lang.merged("place_words"))
    assert grouped != _plain(lang.merged("place_words"))
    assert grouped.count("|") < _plain(lang.merged("place_words")).count("|") + 20
