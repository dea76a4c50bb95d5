"""The cost of the e-mail and HTML readers per document, beside the plain-text path.

Each example announcement of ``examples/*.txt`` is read three ways in one
process, alternately: as plain text, wrapped as a MIME e-mail
(quoted-printable windows-1252, ``multipart/alternative`` with an HTML part)
and wrapped as an HTML page (navigation, footer, ``<a href>`` links), with the
wrappers of ``tests/wrappers.py``. The ratio is the container's cost over the
plain text's: what unwrapping adds. No budget: a reference figure (SPEC
section 8 sets none for it; issue 4 asks for it to be reported).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import EXAMPLES, Row, interleaved, print_rows, ratio, repeat_from_argv

TODAY = date(2024, 3, 12)


def measure(repeat: int = 20) -> list[Row]:
    try:
        from tests.wrappers import as_email, as_html

        from seminorm.context import Context
        from seminorm.pipeline import parse_bytes
    except ImportError as e:  # run from a checkout with the package installed
        return [Row("e-mail / HTML readers", "n/a", "n/a", None, "", f"not measured: {e}")]
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    ctx = Context(today=TODAY, tz="America/Chicago", max_bytes=50_000_000)
    docs = {
        "text": [t.encode("utf-8") for t in texts],
        "email": [as_email(t, subject=t.strip().splitlines()[0]) for t in texts],
        "html": [as_html(t, t.strip().splitlines()[0]) for t in texts],
    }

    def reader(kind: str):  # type: ignore[no-untyped-def]
        return lambda: [parse_bytes(d, ctx) for d in docs[kind]]

    t = interleaved({k: reader(k) for k in docs}, repeat)
    n = len(texts)
    per = {k: v.median / n for k, v in t.items()}
    note = f"{n} example announcements, per document; {repeat} runs, median"
    return [
        Row("e-mail reader, per document", f"{per['email'] * 1000:.2f} ms",
            f"text {per['text'] * 1000:.2f} ms", ratio(per["email"], per["text"]), "", note),
        Row("HTML reader, per document", f"{per['html'] * 1000:.2f} ms",
            f"text {per['text'] * 1000:.2f} ms", ratio(per["html"], per["text"]), "", note),
    ]  # fmt: skip


if __name__ == "__main__":
    print_rows(measure(repeat_from_argv(20)), (__doc__ or "").splitlines()[0])
