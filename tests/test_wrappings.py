"""The same announcement as plain text, as a MIME e-mail and as an HTML page
gives the same events.

Every example text and every case of the labeled corpus is wrapped by
``tests/wrappers.py`` (quoted-printable windows-1252 ``multipart/alternative``
e-mail; a page with navigation, footer and ``<a href>`` links) and read
again. The facts users rely on must not depend on the wrapping: start,
title, speakers, place and the meeting URL. Cases whose plain-text reading
is still wrong (``tests/corpus/known_failures.txt``) are compared too: the
wrappings must be wrong in the same way.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from seminorm.context import Context
from seminorm.errors import SeminormError
from seminorm.model import Event
from seminorm.pipeline import parse_bytes

from .conftest import TODAY
from .wrappers import as_email, as_html

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
import scoring

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_TEXTS = sorted((ROOT / "examples").glob("*.txt"))
# Cases whose text is a calendar are not announcements one would wrap.
CASES = [c for c in scoring.load_cases() if c.events and "BEGIN:V" not in c.text.upper()]


def _facts(events: list[Event]) -> list[tuple[object, ...]]:
    return sorted(
        (
            ev.start.isoformat() if ev.start is not None else "",
            ev.title,
            tuple(s.name for s in ev.speakers),
            ev.location.name if ev.location else None,
            ev.online.url if ev.online else None,
        )
        for ev in events
    )


def _read(data: bytes, ctx: Context) -> list[tuple[object, ...]] | str:
    try:
        return _facts(parse_bytes(data, ctx))
    except SeminormError as e:
        return f"error: {e}"


def _first_line(text: str) -> str:
    """What a sender would put in the Subject: the text's own first line."""
    return next((ln.strip(" #*") for ln in text.splitlines() if ln.strip(" #*")), "announcement")


def _compare(text: str, ctx: Context) -> None:
    title = _first_line(text)
    plain = _read(text.encode("utf-8"), ctx)
    mail = _read(as_email(text, subject=title), ctx)
    page = _read(as_html(text, title), ctx)
    assert mail == plain, "e-mail wrapping differs"
    assert page == plain, "HTML wrapping differs"


@pytest.mark.parametrize("path", EXAMPLE_TEXTS, ids=lambda p: p.name)
def test_example_wrappings_agree(path: Path) -> None:
    ctx = Context(today=TODAY, tz="America/Chicago" if path.name == "listing.txt" else None)
    _compare(path.read_text(encoding="utf-8"), ctx)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.label)
def test_corpus_wrappings_agree(case: scoring.Case) -> None:
    ref = date.fromisoformat(case.reference_date) if case.reference_date else None
    ctx = Context(today=TODAY, tz=case.tz, reference=ref, date_order=case.date_order or "auto")
    _compare(case.text, ctx)
