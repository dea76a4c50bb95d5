"""Run seminorm over the labeled corpus in ``tests/corpus/*.toml``.

Two kinds of test (see ``tests/corpus/README.md``):

- ``test_corpus_scores``: one test over the whole corpus. It prints a per-field
  precision / recall / F1 table (visible with ``pytest -s``) and fails when the
  macro-F1 or a field's F1 falls below its floor in ``corpus/thresholds.toml``.
- ``test_case[<label>]``: one test per case. Every expected event must be found
  with the fields listed under ``[per_case] required`` in ``thresholds.toml``
  (by default start, instant, title and speaker names); a case with no
  expected event must give none. Cases marked ``expect = "fail"`` and those
  listed in ``corpus/known_failures.txt`` are strict xfails: when one starts
  passing, take it off the list (``corpus/update_known_failures.py``).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))

import scoring

CASES = scoring.load_cases()
BY_LABEL = {c.label: c for c in CASES}
KNOWN = scoring.load_known_failures()
THRESHOLDS = scoring.load_thresholds()
STRICTNESS = THRESHOLDS.get("per_case", {})
REQUIRED = tuple(STRICTNESS.get("required", ("start", "instant", "title", "speakers")))
FORBID_EXTRA = bool(STRICTNESS.get("forbid_extra_events", False))


@cache
def _run(label: str) -> scoring.Run:
    return scoring.run_case(BY_LABEL[label])


def _params() -> list[object]:
    params = []
    for case in CASES:
        marks = []
        if case.expect == "fail":
            marks.append(pytest.mark.xfail(strict=True, reason=case.comment or "expect = fail"))
        elif case.label in KNOWN:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN[case.label]))
        params.append(pytest.param(case.label, id=case.label, marks=marks))
    return params


def test_corpus_is_well_formed() -> None:
    assert len(CASES) >= 90
    unknown = set(KNOWN) - set(BY_LABEL)
    assert not unknown, f"known_failures.txt names cases that do not exist: {sorted(unknown)}"
    for case in CASES:
        assert case.expect in ("pass", "fail"), case.label
        assert case.text.strip(), case.label


@pytest.mark.parametrize("label", _params())
def test_case(label: str) -> None:
    case = BY_LABEL[label]
    result = scoring.score_case(case, _run(label))
    problems = result.problems(REQUIRED, FORBID_EXTRA)
    assert not problems, f"{label}: " + "; ".join(problems)


def test_corpus_scores() -> None:
    score = scoring.Score()
    for case in CASES:
        scoring.score_case(case, _run(case.label), score)
    print("\n" + score.table())
    floors = THRESHOLDS.get("field_f1_floor", {})
    low = {
        name: round(score.f1(name), 3)
        for name, floor in floors.items()
        if score.f1(name) + 1e-9 < float(floor)
    }
    assert not low, f"fields below their F1 floor in thresholds.toml: {low}"
    floor = float(THRESHOLDS.get("macro_f1_floor", 0.0))
    assert score.macro_f1 + 1e-9 >= floor, f"macro-F1 {score.macro_f1:.3f} < floor {floor}"
