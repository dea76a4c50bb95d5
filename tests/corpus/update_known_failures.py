#!/usr/bin/env python3
"""Rewrite ``known_failures.txt`` with the corpus cases that fail today.

    .venv/bin/python tests/corpus/update_known_failures.py          # rewrite
    .venv/bin/python tests/corpus/update_known_failures.py --check  # list, write nothing

A case fails under the strictness of ``[per_case]`` in ``thresholds.toml`` (the same
rule as ``tests/test_corpus.py``). Cases with ``expect = "fail"`` are xfail by
their own marking and are not listed. Review the diff before committing:
a case that leaves the list is a fix; one that joins it is a regression.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scoring  # noqa: E402

HEADER = """\
# Corpus cases that fail today: each becomes a strict xfail in tests/test_corpus.py.
# One label per line, then "# reason". Regenerate with:
#     .venv/bin/python tests/corpus/update_known_failures.py
"""


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--check", action="store_true", help="print the failing cases, write nothing")
    args = ap.parse_args()
    strict = scoring.load_thresholds().get("per_case", {})
    required = strict.get("required", ["start", "instant", "title", "speakers"])
    forbid = bool(strict.get("forbid_extra_events", False))
    score, results = scoring.score_all(scoring.load_cases())
    lines = []
    for r in results:
        if r.case.expect == "fail":
            continue
        problems = r.problems(required, forbid)
        if problems:
            reason = "; ".join(problems).replace("\n", " ")
            lines.append(f"{r.case.label}  # {reason[:200]}")
    print(score.table(), file=sys.stderr)
    print(f"{len(lines)} of {len(results)} cases fail", file=sys.stderr)
    if args.check:
        print("\n".join(lines))
    else:
        (HERE / "known_failures.txt").write_text(
            HEADER + "".join(f"{x}\n" for x in lines), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
