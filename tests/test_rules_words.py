"""Word gates (``seminorm.rules.words``): a gate closes only where its pattern finds nothing.

Every gate the stages make is checked against the pattern it guards, on the
lines and whole texts of our written corpus, the examples and (when present)
the shared corpora, and on texts built from the gates' own words in every
case, with the characters that defeat lower-casing mixed in.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seminorm.engine
import seminorm.rules
from seminorm.rules import fold, words
from tests.helpers import ROOT, SHARED

for _package in (seminorm.rules, seminorm.engine):
    for _info in pkgutil.iter_modules(_package.__path__, _package.__name__ + "."):
        importlib.import_module(_info.name)


def _place_words() -> tuple[str, ...]:
    from seminorm.lang import merged

    return merged("place_words")


def _series_words() -> tuple[str, ...]:
    from seminorm.lang import merged

    return merged("series_words")


#: Gates of the tables' own patterns, made here: the helper's promise on real alternations.
_candidates = importlib.import_module("seminorm.engine.candidates")
_places = importlib.import_module("seminorm.rules.places")
PLACE_GATE = words.WordGate(_place_words, guards=_candidates._PLACEISH)
SERIES_GATE = words.WordGate(_series_words, guards=_places._SERIES_NAME, whole=False)

GATES = {f"{i}:{g.guards.pattern[:40]}": g for i, g in enumerate(words.GATES)}


def _texts() -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8")).get("case", []):
            if isinstance(case.get("text"), str):
                out.append(case["text"])
    for folder in (ROOT / "examples", SHARED / "corpus" / "text", SHARED / "corpus" / "cmu-train"):
        if folder.is_dir():
            for path in sorted(folder.glob("*.txt"))[:120]:
                out.append(path.read_text(encoding="utf-8", errors="replace"))
    return out


TEXTS = _texts()


def _closed_means_no_match(gate: words.WordGate, text: str) -> None:
    if not gate.open(text):
        p = gate.guards
        assert p.search(text) is None, (p.pattern[:60], text[:200])


def test_doctests() -> None:
    assert doctest.testmod(words, optionflags=doctest.ELLIPSIS).failed == 0


def test_the_place_words_have_a_closing_gate() -> None:
    assert PLACE_GATE.keys is not None
    assert not PLACE_GATE.open("Tuesday at noon, with coffee.")
    assert PLACE_GATE.open("THEATER 5")
    assert PLACE_GATE.open("İstanbul")  # not folded as re folds: always open


@pytest.mark.parametrize("name", sorted(GATES))
def test_gate_on_every_line_and_text(name: str) -> None:
    gate = GATES[name]
    for text in TEXTS:
        _closed_means_no_match(gate, text)
        for line in text.splitlines():
            _closed_means_no_match(gate, line)


def _gate_words() -> list[str]:
    out = ["İ", "ı", "ſ", "K", "Σ", "-", " ", "\n", "_", "9", "é", ".", "’", "x"]
    for gate in words.GATES:
        for f in gate.fragments:
            plain = re.sub(r"\\s[+*]?|\[ \\t\]\+?", " ", f)
            plain = re.sub(r"[\\()?:*+|\[\]{}.^$]", "", plain)
            out += [plain, plain.upper(), plain.title(), plain[:3], plain[:4]]
    return out


text_of_words = st.lists(st.sampled_from(_gate_words()), max_size=12).map("".join)


@pytest.mark.parametrize("name", sorted(GATES))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=text_of_words)
def test_gate_on_texts_of_its_words(name: str, text: str) -> None:
    _closed_means_no_match(GATES[name], text)


def test_heads_follow_the_lowered_text() -> None:
    assert words.heads("Ada's ROOM 5") == frozenset({"ada", "s", "room", "5"})
    assert words.heads("ſeptember") is None
    assert fold.lowered("ſeptember") is None


def test_head_of_refuses_what_it_cannot_tell() -> None:
    for fragment in (r"(?:the\s+)?room", r"h[öo]rsaal", r"ta(?:lk)", "ab|cd", r"\d+", r"rm\w"):
        assert words.head_of(fragment) is None, fragment
    assert words.head_of("sal", whole=False) is None
    assert words.head_of("sal") == "sal"
    assert words.head_of(r"seminar\s+room") == "semi"
    assert words.head_of(r"theat(?:re|er)") == "thea"
