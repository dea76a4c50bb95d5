"""A linear scorer over candidates, with weights shipped in ``weights.json``.

Each candidate has sparse features (name -> value). A field's score of a
candidate is the dot product with that field's weights; the choice among a
record's candidates is the best score when it beats the field's learned
``__none__`` score (a conditional logit: the option "no value" competes
with the candidates). A field without weights keeps the reading order: the
first candidate of its sources wins (line scans' candidates only compete by
score).

Training (:mod:`.train`) reads the decisions that :data:`RECORDER` collects
while the pipeline runs: every candidate of every decision, with its
features and the key of its event.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from functools import cache

from seminorm.plain import Frozen, Plain

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The fields chosen by score.
FIELDS = ("speaker", "location", "title")
#: The version of the weights file's layout (see :func:`load_weights`).
SCHEMA = 1
NONE = "__none__"


class Candidate(Frozen):
    """One proposed value of a field and what a reader would notice about it."""

    __slots__ = ("extra", "features", "line", "rule", "text", "value")
    value: Any
    text: str
    line: int
    rule: str
    features: Mapping[str, float]
    extra: bool  # proposed by a line scan, not by a source of the reading order

    def __init__(
        self,
        value: Any,
        text: str,
        line: int,
        rule: str,
        features: Mapping[str, float] | None = None,
        extra: bool = False,
    ) -> None:
        _set = object.__setattr__  # made once: no check of Frozen.__setattr__
        _set(self, "value", value)
        _set(self, "text", text)
        _set(self, "line", line)
        _set(self, "rule", rule)
        _set(self, "features", {} if features is None else features)
        _set(self, "extra", extra)


class Decision(Plain):
    """One choice among candidates, as recorded for training."""

    __slots__ = ("candidates", "chosen", "field", "key")
    field: str
    key: str
    candidates: list[Candidate]
    chosen: int | None

    def __init__(
        self, field: str, key: str, candidates: list[Candidate], chosen: int | None
    ) -> None:
        self.field = field
        self.key = key
        self.candidates = candidates
        self.chosen = chosen


#: When True, every field keeps its reading order (training collects candidates so).
WEIGHTS_OFF: ContextVar[bool] = ContextVar("seminorm_weights_off", default=False)
#: When set to a list, every decision made is appended to it (training only).
RECORDER: ContextVar[list[Decision] | None] = ContextVar("seminorm_decisions", default=None)


def load_weights(text: str) -> dict[str, dict[str, float]]:
    """The per-field weights of a weights file's JSON text.

    Layout: ``{"schema": 1, "fields": {FIELD: {"weights": {FEATURE: w}}}, ...}``;
    other keys (the training figures) are informative.

    >>> load_weights('{"schema": 1, "fields": {"speaker": {"weights": {"__none__": 0.5}}}}')
    {'speaker': {'__none__': 0.5}}
    """
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ValueError("weights file: unknown schema")
    out: dict[str, dict[str, float]] = {}
    for name, spec in (data.get("fields") or {}).items():
        weights = spec.get("weights") if isinstance(spec, dict) else None
        if name in FIELDS and isinstance(weights, dict):
            out[name] = {str(k): float(v) for k, v in weights.items()}
    return out


@cache
def shipped_weights() -> dict[str, dict[str, float]]:
    """The weights shipped with the package (empty when the file is missing)."""
    # Read beside this module (not through importlib.resources, whose import
    # alone costs a small file's run some 10 ms of start-up).
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.json")
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        return {}
    return load_weights(text)


def score(weights: Mapping[str, float], features: Mapping[str, float]) -> float:
    """The dot product of a candidate's features with a field's weights."""
    get = weights.get
    # a list: faster than a generator; a feature at 0 adds nothing (the sum never holds -0.0,
    # and x + 0.0 is x), so the sum is the same without it
    return sum([get(k, 0.0) * v for k, v in features.items() if v])


def pick(name: str, cands: Sequence[Candidate], weights: Mapping[str, float] | None) -> int | None:
    """The index of the winning candidate, or None (no value beats ``__none__``)."""
    if not cands:
        return None
    if weights is None:  # the reading order: its first source's value
        return next((i for i, c in enumerate(cands) if not c.extra), None)
    best, best_score = None, weights.get(NONE, 0.0)
    for i, c in enumerate(cands):
        s = score(weights, c.features)
        if s > best_score:
            best, best_score = i, s
    return best


def choose(name: str, cands: Sequence[Candidate], key: str = "") -> Candidate | None:
    """The candidate a field takes (see the module docstring).

    When no source of the reading order gave a value, the line scans'
    candidates carry the feature ``order_empty`` (the model learns how much
    less to trust them then)."""
    if cands and all(c.extra for c in cands):
        cands = [
            Candidate(c.value, c.text, c.line, c.rule, {**c.features, "order_empty": 1.0}, c.extra)
            for c in cands
        ]
    i = pick(name, cands, None if WEIGHTS_OFF.get() else shipped_weights().get(name))
    rec = RECORDER.get()
    if rec is not None:
        rec.append(Decision(field=name, key=key, candidates=list(cands), chosen=i))
    return None if i is None else cands[i]
