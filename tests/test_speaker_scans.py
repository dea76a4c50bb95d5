"""The speaker line scans' cheap tests and rewritten patterns give what the full ones give."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seminorm.engine import candidates
from seminorm.rules.people import parse_people, two_capitals

WORDS = (
    "Ada", "Lovelace", "ADA LOVELACE", "A.", "J.", "van", "de", "McAllister", "DeVries", "O'Brien",
    "Zed-Ro", "Éva", "Ørsted", "ǅ", "יואב", "שקד", "the", "and", "Dr.", "Prof.", "Mr", "Dott.ssa",
    "University", "Institute", "of", "Research", "Inc", "talk", "x", "a", "'s", "’", " ", "  ",
    "   ", "\t", "|", "\n", "(", ")", "“", "\"", "”", ",", ";", ":", ".", "!", "-", "–", "_", "*",
    "[Ada](https://a.example/)", "<a@b.org>", "¹", "2",
)  # fmt: skip
texts = st.lists(st.sampled_from(WORDS), max_size=16).map("".join)
SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: ``candidates._CAPITAL_RUN`` as first written, with its look-behind in front.
CAPITAL_RUN_AS_WRITTEN = re.compile(
    r"(?:(?<=[\s(\"“,;:])|^)((?:[A-Z][a-z'’-]{1,20}|[A-Z]\.)(?:[ ](?:[A-Z][a-z'’-]{1,20}"
    r"(?:[A-Z][a-z'’-]{1,20})?|[A-Z]\.|(?:van|von|de|der|di|da|du|la|le)(?=[ ][A-Z]))){1,3})"
    r"(?=[\s,.;:!?)'’\"”]|$)"
)


def _same_capital_runs(text: str) -> None:
    got = [(m.span(), m.groups()) for m in candidates._CAPITAL_RUN.finditer(text)]
    assert got == [(m.span(), m.groups()) for m in CAPITAL_RUN_AS_WRITTEN.finditer(text)], text


@SETTINGS
@given(text=texts)
def test_capital_run_finds_what_its_first_form_found(text: str) -> None:
    _same_capital_runs(text)


def test_capital_run_after_every_kind_of_character() -> None:
    for before in ("", " ", "\n", "(", '"', "“", ",", ";", ":", "x", "-", ")", "'", "é"):
        for name in ("Ada Lovelace", "A. Lovelace", "Ada de Lovelace", "ADA Lovelace"):
            for after in ("", ".", " x", "'s", "x", ")"):
                _same_capital_runs(f"{before}{name}{after}")


@SETTINGS
@given(text=texts)
def test_a_line_without_two_capitals_has_no_name(text: str) -> None:
    line = " ".join(text.split())
    if any(candidates._name_ok(p.name) for p in parse_people(line)):
        assert two_capitals(line), line


@SETTINGS
@given(text=texts)
def test_what_the_name_patterns_need_is_there_when_they_match(text: str) -> None:
    if candidates._TITLED_NAME.search(text):
        assert candidates._HONORIFIC_WORD.search(text), text
    if candidates._NAME_THEN_ORG.search(text):
        assert candidates._ORG_WORD.search(text), text


@SETTINGS
@given(name=st.sampled_from(["Ada Lovelace", "A. Lo", "Lo", "x(y", "é"]), text=texts)
def test_the_affiliation_after_a_name_is_the_one_a_search_finds(name: str, text: str) -> None:
    from seminorm.engine import who

    text = f"{text}{name}{text}"
    m = re.search(re.escape(name) + who._AFFILIATION_AFTER.pattern, text)
    assert who._said_after(name, text) == (m.group(1) if m else None)


@SETTINGS
@given(text=texts)
def test_a_header_line_without_two_capitals_is_no_one(text: str) -> None:
    from seminorm.engine.header import plausible_name

    line = " ".join(text.split())
    if not two_capitals(line):
        assert not any(plausible_name(p.name) for p in parse_people(line)), line
