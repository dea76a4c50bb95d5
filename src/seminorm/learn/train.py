"""Fit the field scorer's weights from labeled real text (docs/scoring.md).

    python -m seminorm.learn.train --cmu ../shared/corpus/cmu-train \\
        --dev ../shared/corpus/text --corpus tests/corpus \\
        [--out src/seminorm/learn/weights.json] [--folds 5] [--seed 0]

Runs the pipeline over every labeled document with the decision recorder on,
labels each candidate against the document's answer, and fits one
conditional logit per field (a record's candidates and "no value" compete;
L2-regularised, full-batch Adam, a fixed number of steps, so the same data
give the same weights). Before fitting on everything it prints the figures
of models that did not see the documents they are scored on: k folds by
document within each source (CMU postings, dev documents, our corpus), and
each source scored by a model trained on the other two. Needs the ``train``
extra (numpy).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from seminorm.patterns import LazyPattern

from .scorer import FIELDS, NONE, RECORDER, SCHEMA, Candidate, Decision

# --- answers -----------------------------------------------------------------

_HONORIFICS = frozenset(
    "prof professor dr mr mrs ms miss sir dame phd pr herr frau m mme dott ing".split()
)


_QUOTE_CHARS = LazyPattern(r"[\"'`«»“”‘’]")


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = _QUOTE_CHARS.sub("", s)
    return " ".join(s.split()).strip(" .,:;-–—()")


_WORD = LazyPattern(r"\w+")


def _name_key(s: str | None) -> tuple[str, ...]:
    toks = [t for t in _WORD.findall(_norm(s)) if t not in _HONORIFICS]
    toks = [t for t in toks if t not in ("jr", "phd", "md")]
    return tuple(sorted(toks))


def _place_ok(gold: str, got: str) -> bool:
    g, o = _norm(gold), _norm(got)
    if not g or not o:
        return False
    if g == o or g in o or o in g:
        return True
    gt, ot = _WORD.findall(g), _WORD.findall(o)
    common = sum(min(gt.count(t), ot.count(t)) for t in set(gt))
    return common > 0 and 2 * common / (len(gt) + len(ot)) >= 0.8


@dataclass
class Answer:
    """What a record's fields should be (empty lists: the field has no value)."""

    speakers: list[str]
    locations: list[str]
    titles: list[str]
    exact_place: bool = False  # CMU: the tagged text, whole
    first_only: bool = False  # CMU: the speakers are mentions; the first speaker given is scored


def is_right(name: str, cand: Candidate, ans: Answer) -> bool:
    """Whether a candidate gives the answer's value."""
    if name == "speaker":
        people = cand.value[0]
        keys = {_name_key(s) for s in ans.speakers}
        if ans.first_only:
            return bool(people) and _name_key(people[0].name) in keys
        return (
            bool(people)
            and all(_name_key(p.name) in keys for p in people[:1])
            and (
                len(keys) <= 1
                or sum(_name_key(p.name) in keys for p in people) >= min(2, len(keys))
            )
        )
    if name == "location":
        loc = cand.value
        got = loc.name or loc.address or ""
        if ans.exact_place:
            return any(_norm(g) == _norm(got) for g in ans.locations)
        return any(_place_ok(g, got) for g in ans.locations)
    return any(_title_ok(t, cand.text) for t in ans.titles)


def _title_ok(gold: str, got: str) -> bool:
    """The same title, or one whose words agree at F1 0.8 (a kept subtitle, a lost quote mark:
    what the end-to-end score accepts)."""
    g, o = _norm(gold), _norm(got)
    if not g or not o:
        return False
    if g == o:
        return True
    gt, ot = _WORD.findall(g), _WORD.findall(o)
    common = sum(min(gt.count(t), ot.count(t)) for t in set(gt))
    return common > 0 and 2 * common / (len(gt) + len(ot)) >= 0.8


def has_answer(name: str, ans: Answer) -> bool:
    return bool({"speaker": ans.speakers, "location": ans.locations, "title": ans.titles}[name])


# --- collecting decisions ----------------------------------------------------


@dataclass
class Group:
    """One decision with its labels."""

    source: str
    doc: str
    field: str
    feats: list[dict[str, float]]
    right: list[bool]
    answered: bool  # the field has a value in the answer
    first: int | None = None  # the reading order's choice
    #: the same field's decision of the next record of the same talk: when this one gives no
    #: value, the event takes that one's (``engine.merge.merge_same_talk``); it is fitted as a
    #: decision of its own and counted only through this one
    follow: Group | None = None
    counted: bool = True  # counted in the figures (False: reached only through ``follow``)


def _decisions(
    data: bytes, tz: str | None, ref: str | None, order: str = "auto"
) -> tuple[list[Any], list[Decision]]:
    from .. import SeminormError, parse

    seen: list[Decision] = []
    token = RECORDER.set(seen)
    try:
        events = parse(data, tz=tz, reference_date=ref, date_order=order)
    except SeminormError:
        events = []
    finally:
        RECORDER.reset(token)
    return events, seen


def _groups(
    source: str, doc: str, decisions: Iterable[Decision], ans: Answer, fields: Sequence[str]
) -> list[Group]:
    out = []
    for d in decisions:
        if d.field not in fields:
            continue
        right = [is_right(d.field, c, ans) for c in d.candidates]
        if d.field == "title":
            exact = [any(_norm(t) == _norm(c.text) for t in ans.titles) for c in d.candidates]
            if any(exact):  # the title as written beats a near one (a lost article, a cut line)
                right = exact
        out.append(
            Group(
                source=source,
                doc=doc,
                field=d.field,
                feats=[dict(c.features) for c in d.candidates],
                right=right,
                answered=has_answer(d.field, ans),
                first=next((i for i, c in enumerate(d.candidates) if not c.extra), None),
            )
        )
    return out


def _key(start: Any) -> str:
    iso = getattr(start, "isoformat", None)
    return str(iso())[:16] if iso is not None else str(start or "")[:16]


def collect_cmu(folder: Path) -> list[Group]:
    """CMU postings: the first event's decisions against the tagged speaker and place."""
    out: list[Group] = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        data = (folder / (gold["id"] + ".txt")).read_bytes()
        events, decisions = _decisions(data, "America/New_York", None)
        if not events:
            continue
        key = _key(events[0].start)
        first = [d for d in decisions if d.key == key]
        # places: the first record with that key that has candidates (a header record without
        # them is completed by the announcement under it: engine.merge.merge_same_talk)
        fields = {d.field: d for d in reversed(first) if d.field == "location"}
        fields.update(
            {d.field: d for d in reversed(first) if d.candidates and d.field == "location"}
        )
        ans = Answer(
            speakers=gold["speaker"],
            locations=gold["location"],
            titles=[],
            exact_place=True,
            first_only=True,
        )
        out += _groups("cmu", gold["id"], fields.values(), ans, ("location",))
        # speakers: every record of the talk, each completed by the next when it gives none
        out += _chain(_groups("cmu", gold["id"], first, ans, ("speaker",)))
    return out


def _chain(groups: list[Group]) -> list[Group]:
    """The decisions of one talk's records, in order: each followed by the next; the first
    counted (see :attr:`Group.follow`)."""
    for a, b in pairwise(groups):
        a.follow = b
        b.counted = False
    return groups


def _event_answer(ev: dict[str, Any]) -> Answer:
    loc = ev.get("location")
    if isinstance(loc, dict):
        loc = loc.get("name") or loc.get("address")
    return Answer(
        speakers=[
            str(s["name"])
            for s in ev.get("speakers") or []
            if isinstance(s, dict) and s.get("name")
        ],
        locations=[loc] if loc else [],
        titles=[t for t in [ev.get("title"), *(ev.get("accept") or {}).get("title", [])] if t],
    )


def _by_start(
    source: str, doc: str, events: list[dict[str, Any]], decisions: list[Decision]
) -> list[Group]:
    answers: dict[str, list[Answer]] = {}
    for ev in events:
        answers.setdefault(str(ev.get("start") or "")[:16], []).append(_event_answer(ev))
    out: list[Group] = []
    for d in decisions:
        # several talks at one start (a session's two speakers, a programme's parallel
        # talks): a candidate is right when it gives any of them
        found = [
            g for ans in answers.get(d.key, ()) for g in _groups(source, doc, [d], ans, FIELDS)
        ]
        if found:
            first = found[0]
            first.right = [any(g.right[i] for g in found) for i in range(len(first.right))]
            first.answered = any(g.answered for g in found)
            out.append(first)
    return out


def collect_dev(folder: Path) -> list[Group]:
    """Dev documents: each event's decisions against the gold event with the same start."""
    out: list[Group] = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        docs = [p for p in sorted(folder.glob(stem + ".*")) if not p.name.endswith(".gold.json")]
        if not docs:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        _, decisions = _decisions(
            docs[0].read_bytes(), gold.get("default_tz"), gold.get("reference_date")
        )
        out += _by_start("dev", stem, gold.get("events") or [], decisions)
    return out


def collect_corpus(folder: Path) -> list[Group]:
    """Our written corpus (``tests/corpus/*.toml``), case by case."""
    out: list[Group] = []
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data.get("case", []):
            _, decisions = _decisions(
                case["text"].encode("utf-8"),
                case.get("tz"),
                case.get("reference_date"),
                case.get("date_order", "auto"),
            )
            out += _by_start("corpus", case["label"], case.get("events", []), decisions)
    return out


# --- fitting -----------------------------------------------------------------


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:
        sys.exit("training needs numpy: pip install 'seminorm[train]'")
    return numpy


#: Fields whose decisions without a right candidate teach "no value" (a wrong title costs
#: precision and recall both; saying none costs recall only). The other fields leave those
#: decisions out.
MISSED_AS_NONE = frozenset({"title", "speaker"})
#: L2 strength per field (``--l2`` sets every field's). Speakers fit better with less: a
#: posting's few cues (an honorific, a label, a cue word) decide, and at 0.01 their weights
#: stayed too small against the many features every name has (5-fold, three seeds: CMU
#: 83.8 -> 86.5, dev 89.0 -> 88.9 at 0.001).
L2 = {"speaker": 0.001}
DEFAULT_L2 = 0.01


def fit(
    groups: Sequence[Group],
    names: Sequence[str],
    l2: float,
    steps: int,
    missed_as_none: bool = False,
) -> dict[str, float]:
    """Weights of a conditional logit over the groups' candidates and "no value"."""
    np = _numpy()
    index = {n: i for i, n in enumerate(names)}
    rows: list[dict[str, float]] = []
    gid: list[int] = []
    pos: list[bool] = []
    weight: list[float] = []
    usable = [g for g in groups if missed_as_none or not (g.answered and not any(g.right))]
    # no candidate holds the answer: nothing to learn from the choice
    per_source: dict[str, int] = {}
    for g in usable:
        per_source[g.source] = per_source.get(g.source, 0) + 1
    k = 0
    for g in usable:
        # every source weighs the same in total, however many documents it has
        weight.append(len(usable) / (len(per_source) * per_source[g.source]))
        for f, r in zip(g.feats, g.right, strict=True):
            rows.append(f)
            gid.append(k)
            pos.append(r)
        rows.append({NONE: 1.0})
        gid.append(k)
        pos.append(not g.answered or (missed_as_none and not any(g.right)))
        k += 1
    if not k:
        return {}
    x = np.zeros((len(rows), len(names)))
    for i, f in enumerate(rows):
        for n, v in f.items():
            j = index.get(n)
            if j is not None:
                x[i, j] = v
    g_arr = np.array(gid)
    p_arr = np.array(pos, dtype=float)
    w_rows = np.array(weight)[g_arr]
    starts = np.flatnonzero(np.r_[True, g_arr[1:] != g_arr[:-1]])
    w = np.zeros(len(names))
    m = np.zeros_like(w)
    v2 = np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, steps + 1):
        s = x @ w
        mx = np.maximum.reduceat(s, starts)[g_arr]
        e = np.exp(s - mx)
        z = np.add.reduceat(e, starts)[g_arr]
        p = e / z
        ep = e * p_arr
        zp = np.add.reduceat(ep, starts)[g_arr]
        q = np.where(zp > 0, ep / np.where(zp > 0, zp, 1), 0)
        grad = x.T @ ((p - q) * w_rows) / k + l2 * w
        m = b1 * m + (1 - b1) * grad
        v2 = b2 * v2 + (1 - b2) * grad * grad
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v2 / (1 - b2**t)) + 1e-8)
    return {n: round(float(w[i]), 4) for i, n in enumerate(names) if abs(w[i]) >= 1e-4}


# --- measuring ---------------------------------------------------------------


@dataclass
class Tally:
    right: int = 0
    given: int = 0
    answered: int = 0

    def add(self, g: Group, weights: dict[str, float] | None) -> None:
        """Counts a decision chosen with ``weights`` (None: the reading order), completed by
        the decisions that follow it when it gives no value."""
        self.answered += g.answered
        at: Group | None = g
        while at is not None:
            chosen = choose_with(weights, at)
            if chosen is not None:
                self.given += 1
                self.right += at.right[chosen] and g.answered
                return
            at = at.follow

    def f1(self) -> float:
        p = self.right / self.given if self.given else 0.0
        r = self.right / self.answered if self.answered else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (
            f"F1 {100 * self.f1():5.1f} ({self.right}/{self.given} given, {self.answered} answered)"
        )


def choose_with(weights: dict[str, float] | None, g: Group) -> int | None:
    from .scorer import score

    if not g.feats:
        return None
    if weights is None:
        return g.first
    best, best_s = None, weights.get(NONE, 0.0)
    for i, f in enumerate(g.feats):
        s = score(weights, f)
        if s > best_s:
            best, best_s = i, s
    return best


def folds(docs: Sequence[str], k: int, seed: int) -> list[set[str]]:
    order = sorted(set(docs))
    random.Random(seed).shuffle(order)
    return [set(order[i::k]) for i in range(k)]


def cross_validate(
    groups: list[Group],
    field: str,
    names: Sequence[str],
    k: int,
    seed: int,
    train: Callable[[list[Group]], dict[str, float]],
) -> dict[str, dict[str, str]]:
    """Per source: the reading order's first candidate, k-fold by document, and leave-the-source-out."""
    mine = [g for g in groups if g.field == field]
    out: dict[str, dict[str, str]] = {}
    for src in sorted({g.source for g in mine}):
        here = [g for g in mine if g.source == src]
        counted = [g for g in here if g.counted]
        first, cv, other = Tally(), Tally(), Tally()
        for g in counted:
            first.add(g, None)
        for part in folds([g.doc for g in here], k, seed):
            w = train([g for g in mine if not (g.source == src and g.doc in part)])
            for g in counted:
                if g.doc in part:
                    cv.add(g, w)
        w = train([g for g in mine if g.source != src])
        for g in counted:
            other.add(g, w)
        out[src] = {
            "first candidate": str(first),
            f"{k}-fold by document": str(cv),
            "other sources only": str(other),
        }
    return out


def _kept(path: Path, fields: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The other fields' weights and figures in an existing weights file (training one field
    leaves the others as they were)."""
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"fields": {}, "training": {}}
    if not isinstance(old, dict) or old.get("schema") != SCHEMA:
        return {"fields": {}, "training": {}}
    return {
        part: {k: v for k, v in (old.get(part) or {}).items() if k in FIELDS and k not in fields}
        for part in ("fields", "training")
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m seminorm.learn.train", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("--cmu", type=Path, help="CMU seminar postings (NNN.txt + NNN.gold.json)")
    ap.add_argument("--dev", type=Path, help="labeled documents (NAME.ext + NAME.gold.json)")
    ap.add_argument("--corpus", type=Path, help="our corpus folder (tests/corpus)")
    ap.add_argument("--out", type=Path, default=Path(__file__).with_name("weights.json"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--l2", type=float, default=None, help="every field's L2 (default: L2)")
    ap.add_argument("--steps", type=int, default=600)
    ap.add_argument("--fields", default=",".join(FIELDS))
    ap.add_argument("--no-cv", action="store_true", help="skip the cross-validated figures")
    a = ap.parse_args(argv)
    _numpy()
    from . import scorer

    token = scorer.WEIGHTS_OFF.set(True)  # candidates are collected in reading order
    try:
        groups: list[Group] = []
        for folder, collect in (
            (a.cmu, collect_cmu),
            (a.dev, collect_dev),
            (a.corpus, collect_corpus),
        ):
            if folder is not None:
                groups += collect(folder)
                print(f"{folder}: {sum(1 for g in groups)} decisions so far", file=sys.stderr)
    finally:
        scorer.WEIGHTS_OFF.reset(token)
    fields = [f for f in a.fields.split(",") if f in FIELDS]
    result: dict[str, Any] = {"schema": SCHEMA, "fields": {}, "training": {}}
    kept = _kept(a.out, fields)  # the fields not retrained keep their weights and figures
    result["fields"].update(kept["fields"])
    result["training"].update(kept["training"])
    for field in fields:
        mine = [g for g in groups if g.field == field]
        names = sorted({n for g in mine for f in g.feats for n in f} | {NONE})

        def train(
            gs: list[Group], names: Sequence[str] = names, field: str = field
        ) -> dict[str, float]:
            l2 = a.l2 if a.l2 is not None else L2.get(field, DEFAULT_L2)
            return fit(gs, names, l2, a.steps, field in MISSED_AS_NONE)

        figures = {} if a.no_cv else cross_validate(groups, field, names, a.folds, a.seed, train)
        for src, row in figures.items():
            for what, fig in row.items():
                print(f"{field:9s} {src:7s} {what:22s} {fig}")
        w = train(mine)
        result["fields"][field] = {"weights": w}
        result["training"][field] = {
            "decisions": {
                src: sum(1 for g in mine if g.source == src)
                for src in sorted({g.source for g in mine})
            },
            "cross_validated": figures,
            "l2": a.l2 if a.l2 is not None else L2.get(field, DEFAULT_L2),
        }
    result["training"]["settings"] = {
        "folds": a.folds,
        "seed": a.seed,
        "l2": a.l2 if a.l2 is not None else {**dict.fromkeys(FIELDS, DEFAULT_L2), **L2},
        "steps": a.steps,
    }
    a.out.write_text(
        json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
