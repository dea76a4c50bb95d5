"""Load the labeled corpus (``tests/corpus/*.toml``) and score seminorm on it.

The field rules are those of the project's scorer for the shared dev corpus
(``../shared/tools/score.py``), so that figures are comparable:

- ``title``: equal after normalization (NFKC, case, quotes, spaces, edge punctuation);
- ``speaker``: names equal without honorifics (word order free); each output
  speaker that matches no expected one is a false positive;
- ``affiliation`` (of a matched speaker): loose (token F1 >= 0.8) or one contains the other;
- ``start`` / ``end``: the local wall clock ``YYYY-MM-DDTHH:MM``, or one of ``accept``;
- ``timezone``: the same UTC offsets at the event and half a year later;
- ``instant``: the absolute moment of ``start`` (or of an accepted start);
- ``location``: loose, or one contains the other;
- ``online_url``: scheme, host and path equal (query dropped, case of the host free);
- ``meeting_id``: the same digits; ``passcode``: exactly equal.

A field the case leaves empty that the output fills is a false positive, one
the case fills that the output leaves empty a false negative, both filled and
different are both. ``series``, ``status`` and ``warnings`` are tallied too but
are not part of the macro-F1 (the shared scorer does not know them).

Used by ``tests/test_corpus.py`` and ``tests/corpus/update_known_failures.py``;
it needs only the standard library and, to run cases, ``seminorm``.

>>> norm_name("Prof. Dr. Ana  Souza")
'ana souza'
>>> names_match("Dr Kenji Watanabe", "Watanabe, Kenji")
True
>>> norm_url("https://Example.zoom.us/j/123?pwd=abc")
'https://example.zoom.us/j/123'
>>> wall_clock("2024-05-04T16:00:00+02:00")
'2024-05-04T16:00'
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent

#: The fields of the macro-F1, in the order of the shared scorer.
FIELDS = (
    "title",
    "speaker",
    "affiliation",
    "start",
    "end",
    "timezone",
    "instant",
    "location",
    "online_url",
    "meeting_id",
    "passcode",
)
#: Tallied and printed, but outside the macro-F1.
EXTRA_FIELDS = ("series", "status", "warnings")

HONORIFICS = frozenset(
    "prof professor dr mr mrs ms miss sir dame phd pr herr frau m mme mlle "
    "dott dottssa ing assoc asst prof.ssa profssa sr sra srta don dña dra "
    "univ priv doz pd ssa mag dipl hab".split()
)

EVENT_KEYS = frozenset(
    "title series speakers start end timezone location online_url meeting_id "
    "passcode status accept warnings".split()
)
CASE_KEYS = frozenset("label comment text tz reference_date expect events date_order".split())


# ---------------------------------------------------------------- normalizers


def norm_text(s: str | None) -> str:
    """Fold case, quotes, spaces and edge punctuation.

    >>> norm_text("  “Deep   Learning?” ")
    'deep learning?'
    """
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s)
    s = s.translate({0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"', 0x201E: '"'})
    s = re.sub(r"[\"'`«»‹›]", "", s.casefold())
    s = " ".join(s.split())
    return s.strip(" .,:;-–—")


def words(s: str | None) -> list[str]:
    return re.findall(r"\w+", norm_text(s))


def token_f1(a: str | None, b: str | None) -> float:
    """Harmonic mean of word precision and recall (multiset).

    >>> round(token_f1("Room 3, Main Building", "Main Building room 3"), 2)
    1.0
    """
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    pool = list(wb)
    common = 0
    for w in wa:
        if w in pool:
            pool.remove(w)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


def norm_name(s: str | None) -> str:
    return " ".join(w for w in words(s) if w not in HONORIFICS)


def names_match(a: str | None, b: str | None) -> bool:
    na, nb = norm_name(a), norm_name(b)
    return bool(na and nb) and (na == nb or sorted(na.split()) == sorted(nb.split()))


def contains_or_loose(a: str | None, b: str | None) -> bool:
    """Loose equality, or one normalized text inside the other."""
    na, nb = norm_text(a), norm_text(b)
    if not na or not nb:
        return False
    return na == nb or na in nb or nb in na or token_f1(a, b) >= 0.8


def norm_url(u: str | None) -> str:
    if not u:
        return ""
    u = u.strip().strip("<>").rstrip(".,;)")
    m = re.match(r"(?i)^(https?)://([^/?#]+)([^?#]*)", u)
    if not m:
        return u.casefold()
    path = unquote(m.group(3)).rstrip("/")  # %3a and : name the same resource
    return f"{m.group(1).lower()}://{m.group(2).lower()}{path}"


def digits(s: str | None) -> str:
    return "".join(ch for ch in (s or "") if ch.isdigit())


def wall_clock(s: str | None) -> str | None:
    """``YYYY-MM-DDTHH:MM`` of an ISO date-time (its offset ignored), or the date."""
    if not s:
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?", s)
    if not m:
        return None
    return m.group(1) if m.group(2) is None else f"{m.group(1)}T{m.group(2)}:{m.group(3)}"


def instant(s: str | None, tz: str | None) -> datetime | None:
    """The absolute moment: the string's own offset, else its zone; None if floating."""
    if not s or len(s) < 16:
        return None
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        if not tz:
            return None
        try:
            dt = dt.replace(tzinfo=ZoneInfo(tz))
        except (KeyError, ValueError):
            return None
    return dt.astimezone(UTC)


def same_zone(a: str | None, b: str | None, at: str | None) -> bool:
    """Two zone names with the same offsets at the event and half a year later."""
    if not a or not b:
        return False
    if a == b:
        return True
    try:
        za, zb = ZoneInfo(a), ZoneInfo(b)
        when = datetime.fromisoformat((at or "2024-01-15T12:00")[:16])
    except (KeyError, ValueError):
        return False
    return all(
        (when + timedelta(days=d)).replace(tzinfo=za).utcoffset()
        == (when + timedelta(days=d)).replace(tzinfo=zb).utcoffset()
        for d in (0, 182)
    )


# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Case:
    label: str
    family: str
    text: str
    events: tuple[dict[str, Any], ...]
    tz: str | None = None
    reference_date: str | None = None
    date_order: str = "auto"
    expect: str = "pass"
    comment: str = ""


def load_cases(folder: Path = HERE) -> list[Case]:
    """Every ``[[case]]`` of every ``*.toml`` in ``folder`` (files without cases are skipped)."""
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        raw_cases = data.get("case", [])
        if not isinstance(raw_cases, list):
            continue
        for raw in raw_cases:
            unknown = set(raw) - CASE_KEYS
            if unknown:
                raise ValueError(f"{path.name}: {raw.get('label')}: unknown keys {sorted(unknown)}")
            label = raw["label"]
            if label in seen:
                raise ValueError(f"duplicate label {label!r} in {path.name} and {seen[label]}")
            seen[label] = path.name
            for ev in raw.get("events", []):
                bad = set(ev) - EVENT_KEYS
                if bad:
                    raise ValueError(f"{path.name}: {label}: unknown event keys {sorted(bad)}")
            cases.append(
                Case(
                    label=label,
                    family=path.stem,
                    text=raw["text"],
                    events=tuple(raw.get("events", [])),
                    tz=raw.get("tz"),
                    reference_date=raw.get("reference_date"),
                    date_order=raw.get("date_order", "auto"),
                    expect=raw.get("expect", "pass"),
                    comment=raw.get("comment", ""),
                )
            )
    return cases


def load_known_failures(path: Path = HERE / "known_failures.txt") -> dict[str, str]:
    """``label -> reason`` from lines ``label  # reason`` (blank and ``#`` lines ignored)."""
    known: dict[str, str] = {}
    if not path.exists():
        return known
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        label, _, reason = line.partition("#")
        known[label.strip()] = reason.strip() or "known failure"
    return known


def load_thresholds(path: Path = HERE / "thresholds.toml") -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


# ---------------------------------------------------------------- running


@dataclass
class Run:
    """What seminorm gave for one case: flat event dicts, or the error it raised."""

    events: list[dict[str, Any]]
    error: str | None = None  # a SeminormError's message (a clean refusal)
    crash: str | None = None  # any other exception: always a failure


def flatten(ev: dict[str, Any]) -> dict[str, Any]:
    """The scored fields of one event of seminorm's JSON output (SPEC section 2)."""
    loc = ev.get("location")
    if isinstance(loc, dict):
        loc = loc.get("name") or loc.get("address")
    online = ev.get("online") if isinstance(ev.get("online"), dict) else {}
    return {
        "title": ev.get("title"),
        "series": ev.get("series"),
        "speakers": [s for s in ev.get("speakers") or [] if isinstance(s, dict)],
        "start": ev.get("start"),
        "end": ev.get("end"),
        "timezone": ev.get("timezone"),
        "location": loc,
        "online_url": online.get("url"),
        "meeting_id": online.get("meeting_id"),
        "passcode": online.get("passcode"),
        "status": ev.get("status") or "confirmed",
        "warnings": [w.get("code") for w in ev.get("warnings") or [] if isinstance(w, dict)],
    }


def run_case(case: Case) -> Run:
    from seminorm import SeminormError, parse, to_json

    try:
        events = parse(
            case.text.encode("utf-8"),
            tz=case.tz,
            reference_date=case.reference_date,
            date_order=case.date_order,
        )
        data = json.loads(to_json(events))
    except SeminormError as e:
        return Run(events=[], error=str(e))
    except Exception as e:  # a crash is a result too: the table must still print
        return Run(events=[], crash=f"{type(e).__name__}: {e}")
    return Run(events=[flatten(ev) for ev in data if isinstance(ev, dict)])


# ---------------------------------------------------------------- comparing


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: bool, got: bool, ok: bool) -> None:
        if expected and got and ok:
            self.tp += 1
            return
        self.fp += got
        self.fn += expected

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Score:
    tallies: dict[str, Tally] = field(
        default_factory=lambda: {f: Tally() for f in FIELDS + EXTRA_FIELDS}
    )
    cases: int = 0
    crashed: int = 0
    expected_events: int = 0
    output_events: int = 0
    matched_events: int = 0

    def f1(self, name: str) -> float:
        return self.tallies[name].prf()[2]

    @property
    def macro_f1(self) -> float:
        return sum(self.f1(f) for f in FIELDS) / len(FIELDS)

    def table(self) -> str:
        lines = [
            f"corpus: {self.cases} cases ({self.crashed} crashed); events expected "
            f"{self.expected_events}, output {self.output_events}, matched {self.matched_events}",
            f"{'field':12s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp   fp   fn",
        ]
        for name in FIELDS + EXTRA_FIELDS:
            t = self.tallies[name]
            p, r, f = t.prf()
            star = " " if name in FIELDS else "*"
            lines.append(
                f"{name:11s}{star} {p:6.3f} {r:6.3f} {f:6.3f} {t.tp:4d} {t.fp:4d} {t.fn:4d}"
            )
        lines.append(f"macro-F1 {self.macro_f1:.3f}   (* not in the macro-F1)")
        return "\n".join(lines)


def _accepted(g: dict[str, Any], key: str) -> list[Any]:
    return list((g.get("accept") or {}).get(key, []))


def pair_score(g: dict[str, Any], o: dict[str, Any]) -> float:
    """How alike an expected and an output event are (used to pair them)."""
    s = 0.0
    gs, os_ = wall_clock(g.get("start")), wall_clock(o.get("start"))
    starts = {gs} | {wall_clock(x) for x in _accepted(g, "start")}
    if os_ and any(x and x[:10] == os_[:10] for x in starts):
        s += 2 + (os_ in starts)
    s += token_f1(g.get("title"), o.get("title"))
    gn = {norm_name(x.get("name")) for x in g.get("speakers") or []}
    on = {norm_name(x.get("name")) for x in o.get("speakers") or []}
    if gn & on - {""}:
        s += 1
    return s


def pair(expected: list[dict[str, Any]], out: list[dict[str, Any]]) -> dict[int, int]:
    """Greedy best-first pairing ``expected index -> output index``."""
    scored = sorted(
        ((pair_score(g, o), gi, oi) for gi, g in enumerate(expected) for oi, o in enumerate(out)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    got: dict[int, int] = {}
    used: set[int] = set()
    for s, gi, oi in scored:
        if s > 0 and gi not in got and oi not in used:
            got[gi] = oi
            used.add(oi)
    return got


def compare(g: dict[str, Any], o: dict[str, Any] | None, score: Score | None = None) -> set[str]:
    """Tally one expected event against its output (None: not found); return the wrong fields.

    ``speakers`` is in the result when the speaker names differ (missing or extra).
    """
    o = o or {}
    tallies = score.tallies if score else {f: Tally() for f in FIELDS + EXTRA_FIELDS}
    wrong: set[str] = set()

    def tally(name: str, expected: bool, got: bool, ok: bool) -> None:
        tallies[name].add(expected, got, ok)
        if (expected or got) and not (expected and got and ok):
            wrong.add(name)

    titles = [g.get("title"), *_accepted(g, "title")]
    title_ok = any(t and norm_text(t) == norm_text(o.get("title")) for t in titles)
    tally(
        "title",
        # a case without a title whose accept lists some: none is right, and so is one of those
        bool(g.get("title")) or (title_ok and bool(o.get("title"))),
        bool(o.get("title")),
        title_ok,
    )
    tally(
        "series",
        bool(g.get("series")),
        bool(o.get("series")),
        contains_or_loose(g.get("series"), o.get("series")),
    )
    gsp = [s for s in g.get("speakers") or [] if s.get("name")]
    osp = [s for s in o.get("speakers") or [] if s.get("name")]
    used: set[int] = set()
    for s in gsp:
        hit = next(
            (
                i
                for i, x in enumerate(osp)
                if i not in used and names_match(s.get("name"), x.get("name"))
            ),
            None,
        )
        if hit is None:
            tallies["speaker"].fn += 1
            wrong.update({"speaker", "speakers"})
            if s.get("affiliation"):
                tallies["affiliation"].fn += 1
                wrong.add("affiliation")
            continue
        used.add(hit)
        tallies["speaker"].tp += 1
        ga, oa = s.get("affiliation"), osp[hit].get("affiliation")
        tally("affiliation", bool(ga), bool(oa), contains_or_loose(ga, oa))
    if len(osp) > len(used):
        tallies["speaker"].fp += len(osp) - len(used)
        wrong.update({"speaker", "speakers"})

    starts = {wall_clock(g.get("start"))} | {wall_clock(x) for x in _accepted(g, "start")}
    ends = {wall_clock(g.get("end"))} | {wall_clock(x) for x in _accepted(g, "end")}
    ostart, oend = wall_clock(o.get("start")), wall_clock(o.get("end"))
    tally("start", bool(g.get("start")), bool(ostart), ostart in starts)
    tally("end", bool(ends - {None}), bool(oend), oend in ends)
    tally(
        "timezone",
        bool(g.get("timezone")),
        bool(o.get("timezone")),
        same_zone(g.get("timezone"), o.get("timezone"), g.get("start")),
    )
    gi = instant(g.get("start"), g.get("timezone"))
    alts = {instant(x, g.get("timezone")) for x in _accepted(g, "start")}
    oi = instant(o.get("start"), o.get("timezone"))
    tally("instant", gi is not None, oi is not None, oi is not None and (oi == gi or oi in alts))
    locs = [g.get("location"), *_accepted(g, "location")]
    tally(
        "location",
        bool(g.get("location")),
        bool(o.get("location")),
        any(contains_or_loose(x, o.get("location")) for x in locs),
    )
    tally(
        "online_url",
        bool(g.get("online_url")),
        bool(o.get("online_url")),
        norm_url(g.get("online_url")) == norm_url(o.get("online_url")),
    )
    tally(
        "meeting_id",
        bool(digits(g.get("meeting_id"))),
        bool(digits(o.get("meeting_id"))),
        digits(g.get("meeting_id")) == digits(o.get("meeting_id")),
    )
    tally(
        "passcode",
        bool(g.get("passcode")),
        bool(o.get("passcode")),
        (g.get("passcode") or "").strip() == (o.get("passcode") or "").strip(),
    )
    # status: only "cancelled" (or "tentative") counts as information to find
    gst, ost = g.get("status") or "confirmed", o.get("status") or "confirmed"
    tally("status", gst != "confirmed", ost != "confirmed", gst == ost)
    # warnings: every expected code must be present (others are not penalized)
    need = set(g.get("warnings") or [])
    have = set(o.get("warnings") or [])
    for code in need:
        tallies["warnings"].add(True, code in have, True)
        if code not in have:
            wrong.add("warnings")
    return wrong


@dataclass
class CaseResult:
    case: Case
    run: Run
    pairing: dict[int, int]
    wrong: list[set[str]]  # per expected event
    extra_events: int

    def problems(self, required: Iterable[str], forbid_extra_events: bool) -> list[str]:
        """Why this case fails under the given strictness (empty: it passes)."""
        req = set(required)
        out: list[str] = []
        if self.run.crash:
            return [f"crashed: {self.run.crash}"]
        if not self.case.events:
            if self.run.events:
                out.append(f"expected no event, got {len(self.run.events)}")
            return out
        if self.run.error is not None:
            return [f"refused: {self.run.error}"]
        for i, ev in enumerate(self.case.events):
            name = f"event {i + 1} ({ev.get('start')})"
            if i not in self.pairing:
                out.append(f"{name}: not found")
                continue
            bad = sorted(self.wrong[i] & req)
            if bad:
                out.append(f"{name}: wrong {', '.join(bad)}")
        if forbid_extra_events and self.extra_events:
            out.append(f"{self.extra_events} unexpected event(s)")
        return out


def score_case(case: Case, run: Run, score: Score | None = None) -> CaseResult:
    expected = [dict(ev) for ev in case.events]
    got = pair(expected, run.events)
    wrong = [
        compare(g, run.events[got[i]] if i in got else None, score) for i, g in enumerate(expected)
    ]
    extra = [o for i, o in enumerate(run.events) if i not in set(got.values())]
    if score is not None:
        score.cases += 1
        score.crashed += run.crash is not None
        score.expected_events += len(expected)
        score.output_events += len(run.events)
        score.matched_events += len(got)
        for o in extra:  # a spurious event: what it fills is a false positive
            for name in ("title", "start", "location"):
                if o.get(name):
                    score.tallies[name].fp += 1
    return CaseResult(case, run, got, wrong, len(extra))


def score_all(cases: Iterable[Case]) -> tuple[Score, list[CaseResult]]:
    score = Score()
    results = [score_case(c, run_case(c), score) for c in cases]
    return score, results


def iter_labels(cases: Iterable[Case]) -> Iterator[str]:
    for c in cases:
        yield c.label
