"""Text extraction of a 5 KB announcement, and linear growth, in one process.

* seminorm's whole text path (``pipeline.parse_bytes``: decode, rules,
  assembly, resolve) and its date/time finder alone
  (``seminorm.rules.when.find_when``) vs ``datefinder.find_dates`` (which
  finds only dates; budget: seminorm's whole path no slower, ratio <= 1) and
  ``dateparser.search.search_dates`` (reference).
* linearity: seminorm on 1 MB of text vs 100 KB of the same kind of text
  (budget: ratio <= 12).

* every text of ../shared/corpus/text and examples/ (not one): per text,
  seminorm's whole path with ``--tz`` and without it vs datefinder, CPU
  time, reported as the median (and the worst) of the per-text ratios
  (budget: median <= 1).

The 5 KB text is the seed announcement (../shared/corpus/text/000_*.txt)
when present, else the largest example .txt, padded or cut to 5 KB; the
large texts are listings of generated announcements.

Every timed call reads a text it has not seen: a distinct last line is added
to each copy (for the peers too), and seminorm forgets what it remembers of
documents before each call (``seminorm.rules.forget_documents``: the results
of its finders for the last few texts, the zone names it looked up). Timing
the same text again and again would measure those caches, not the work.

    python benchmarks/bench_text.py [REPEAT]
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    EXAMPLES,
    SHARED,
    Row,
    interleaved,
    print_rows,
    ratio,
    repeat_from_argv,
    timed,
)

TODAY = date(2024, 3, 12)
FILLER = (
    "The talk surveys recent results and open problems, with an emphasis on methods that "
    "scale to large data sets and on what they tell us about the underlying mechanisms. "
)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def announcement_5k() -> str:
    for p in sorted((SHARED / "corpus" / "text").glob("000_*.txt")):
        text = p.read_text(encoding="utf-8", errors="replace")
        break
    else:
        texts = sorted(EXAMPLES.glob("*.txt"), key=lambda p: p.stat().st_size)
        text = texts[-1].read_text(encoding="utf-8", errors="replace") if texts else ""
    while len(text.encode()) < 5000:
        text += "\n" + FILLER
    return text.encode()[:5120].decode("utf-8", "ignore")


def listing(size: int) -> str:
    """Generated announcements, one after another, up to ``size`` bytes."""
    parts, i, total = [], 0, 0
    while total < size:
        month, day = MONTHS[i % 12], 1 + i % 28
        block = (
            f"Seminar {i}\n"
            f"Speaker: Dr. Person{i} Name{i % 97} (University of Place{i % 31})\n"
            f"Title: On problem number {i} and its friends\n"
            f"Date: Tuesday, {month} {day}, {2020 + i % 6}, {9 + i % 8}:00-{10 + i % 8}:30 CET\n"
            f"Room: Building {i % 9}, room {i % 300}\n"
            f"Abstract: {FILLER * (1 + i % 3)}\n\n"
        )
        parts.append(block)
        total += len(block.encode())
        i += 1
    return "".join(parts)


def all_texts() -> list[tuple[str, str]]:
    """(name, text) of every corpus and example text."""
    paths = sorted((SHARED / "corpus" / "text").glob("*.txt")) + sorted(EXAMPLES.glob("*.txt"))
    return [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in paths]


def seminorm_path(tz: str | None = "Europe/Zurich") -> Callable[[str], object] | None:
    try:
        from seminorm.context import Context
        from seminorm.pipeline import parse_bytes
    except ImportError:
        return None
    from seminorm.rules import forget_documents

    ctx = Context(today=TODAY, tz=tz, max_bytes=50_000_000)

    def run(text: str) -> object:
        forget_documents()  # a new document: nothing of the last one remembered
        return parse_bytes(text.encode(), ctx)

    return run


def seminorm_when() -> Callable[[str], object] | None:
    try:
        from seminorm.rules.when import find_when
    except ImportError:
        return None
    from seminorm.rules import forget_documents

    def run(text: str) -> object:
        forget_documents()
        return find_when(text, reference=TODAY, default_tz=None, date_order="auto")

    return run


def fresh(text: str) -> Callable[[], str]:
    """A supplier of copies of ``text``, each with a last line no other copy has."""
    count = 0

    def next_copy() -> str:
        nonlocal count
        count += 1
        return f"{text}\nref {count:x}"

    return next_copy


def guarded(
    fn: Callable[[str], object] | None, text: str
) -> tuple[Callable[[], object] | None, str]:
    """``fn`` on a fresh copy of ``text`` per call, when it runs on it; else None and why."""
    if fn is None:
        return None, "not available yet"
    try:
        fn(text)
    except Exception as e:
        return None, f"{type(e).__name__}: {e}"
    copies = fresh(text)
    return (lambda: fn(copies())), ""


def every_text(repeat: int) -> list[Row]:
    """Per-text ratios over every corpus and example text, with and without --tz."""
    import statistics
    import time

    import datefinder

    from seminorm.errors import SeminormError

    paths = seminorm_path(), seminorm_path(None)
    if paths[0] is None or paths[1] is None:
        return [Row("text, every text: whole path vs datefinder", "n/a", "n/a", None, "<= 1")]

    def tolerant(fn: Callable[[str], object]) -> Callable[[str], object]:
        def run(text: str) -> object:
            try:
                return fn(text)
            except SeminormError:  # a text with no event: its cost still counts
                return None

        return run

    with_tz, without_tz = tolerant(paths[0]), tolerant(paths[1])
    ratios: dict[str, list[float]] = {"tz": [], "notz": [], "notz/tz": []}
    totals = {"tz": 0.0, "notz": 0.0, "datefinder": 0.0}
    texts = all_texts()
    for _name, text in texts:
        copies = fresh(text)
        fns: dict[str, Callable[[], object]] = {
            "tz": lambda c=copies: with_tz(c()),
            "notz": lambda c=copies: without_tz(c()),
            "datefinder": lambda c=copies: list(datefinder.find_dates(c())),
        }
        t = interleaved(fns, repeat, clock=time.process_time)
        for key in totals:
            totals[key] += t[key].median
        base = max(t["datefinder"].median, 1e-6)
        ratios["tz"].append(t["tz"].median / base)
        ratios["notz"].append(t["notz"].median / base)
        ratios["notz/tz"].append(t["notz"].median / max(t["tz"].median, 1e-6))
    n = len(texts)
    rows = []
    for key, label, peer, budget in (
        ("tz", "whole path with --tz vs datefinder", "datefinder", "<= 1"),
        ("notz", "whole path without --tz vs datefinder", "datefinder", "<= 1"),
        ("notz/tz", "without --tz vs with --tz", "tz", ""),
    ):
        ours = totals["notz" if key != "tz" else "tz"]
        rows.append(
            Row(
                f"text, all {n} texts: {label} (median per-text ratio)",
                f"{ours:.2f} s CPU in all",
                f"{totals[peer]:.2f} s CPU in all",
                statistics.median(ratios[key]),
                budget,
                f"worst per-text ratio {max(ratios[key]):.2f}",
            )
        )
    return rows


def measure(repeat: int = 20) -> list[Row]:
    import datefinder
    from dateparser.search import search_dates

    text = announcement_5k()
    whole, why_whole = guarded(seminorm_path(), text)
    when, why_when = guarded(seminorm_when(), text)
    copies = fresh(text)
    fns: dict[str, Callable[[], object]] = {
        "datefinder": lambda: list(datefinder.find_dates(copies())),
    }
    if whole:
        fns["seminorm"] = whole
    if when:
        fns["find_when"] = when
    t = interleaved(fns, repeat)
    # dateparser takes about a second per call: a few runs are enough
    t["dateparser"] = timed(lambda: search_dates(copies()), min(3, repeat))
    df, dp = t["datefinder"], t["dateparser"]
    rows = []
    for key, label, why, budget in (
        ("seminorm", "whole text path", why_whole, "<= 1"),
        ("find_when", "find_when only", why_when, ""),
    ):
        ours = t.get(key)
        rows.append(Row(f"text 5 KB: {label} vs datefinder", str(ours) if ours else "n/a",
                        str(df), ratio(ours.median, df.median) if ours else None, budget,
                        why))  # fmt: skip
        rows.append(Row(f"text 5 KB: {label} vs dateparser", str(ours) if ours else "n/a",
                        str(dp), ratio(ours.median, dp.median) if ours else None, ""))  # fmt: skip

    rows += every_text(max(3, repeat // 5))
    small, large = listing(100_000), listing(1_000_000)
    fn = seminorm_path()
    run_small, why = guarded(fn, small)
    if run_small and fn:
        t_small = timed(run_small, max(3, repeat // 4))
        large_copies = fresh(large)
        t_large = timed(lambda: fn(large_copies()), max(3, repeat // 6), warmup=0)
        rows.append(Row("linearity: 1 MB vs 100 KB (seminorm)", str(t_large), str(t_small),
                        ratio(t_large.median, t_small.median), "<= 12"))  # fmt: skip
    else:
        rows.append(Row("linearity: 1 MB vs 100 KB (seminorm)", "n/a", "n/a", None, "<= 12", why))
    return rows


if __name__ == "__main__":
    print_rows(measure(repeat_from_argv(20)), __doc__.splitlines()[0])
