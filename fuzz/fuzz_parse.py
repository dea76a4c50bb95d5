"""Fuzz target: ``seminorm`` parsing and the ICS and JSON writers.

With atheris (coverage-guided, libFuzzer)::

    python fuzz/fuzz_parse.py CORPUS_DIR -max_total_time=60

Without atheris, the same target is driven by hypothesis with random bytes
and format-shaped prefixes until the time is up::

    python fuzz/fuzz_parse.py --seconds 60

What counts as a crash (anything else is a fine answer):

- any exception from parsing other than :class:`seminorm.SeminormError`, or
  a SeminormError whose message is empty or longer than one line;
- any exception from the ICS or JSON writer other than a SeminormError;
- our own ICS output that our parser cannot read back with the same number
  of events, or whose second pass is not byte-identical (unless
  ``FUZZ_ROUND_TRIP=0``, to hunt crashes and hangs only).

``fuzz/run.sh`` runs it for a bounded time; see ``fuzz/README.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from datetime import date
from pathlib import Path

try:
    import atheris
except ImportError:  # the hypothesis fallback below
    atheris = None

os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

_instrument = atheris.instrument_imports() if atheris else contextlib.nullcontext()
with _instrument:
    import importlib
    import pkgutil

    import seminorm
    from seminorm.context import Context
    from seminorm.errors import SeminormError
    from seminorm.pipeline import parse_bytes
    from seminorm.write import render

    # The stages are imported lazily; load them all here, so atheris sees them.
    for _mod in pkgutil.walk_packages(seminorm.__path__, "seminorm."):
        if _mod.name not in ("seminorm.__main__",):
            importlib.import_module(_mod.name)

TODAY = date(2024, 3, 12)
#: ``FUZZ_ROUND_TRIP=0`` hunts crashes and hangs only (no round-trip checks).
ROUND_TRIP = os.environ.get("FUZZ_ROUND_TRIP", "1") != "0"
#: The last input byte picks the settings, so the fuzzer explores them too.
ZONES = (None, "Europe/Zurich", "America/New_York", "Asia/Kolkata", "Pacific/Kiritimati", "UTC")
ORDERS = ("auto", "dmy", "mdy", "ymd")


def context_for(selector: int) -> Context:
    """The settings chosen by one byte: zone, output zone, date order, explain."""
    return Context(
        today=TODAY,
        reference=TODAY if selector & 1 else None,
        tz=ZONES[(selector >> 1) % len(ZONES)],
        output_tz=(None, "UTC")[(selector >> 4) & 1],
        date_order=ORDERS[(selector >> 5) % len(ORDERS)],
        explain=bool(selector & 0x80),
    )


def _one_line(e: SeminormError) -> None:
    message = str(e).strip()
    if not message or "\n" in message:
        raise AssertionError(f"not a one-line error message: {message!r}") from e


def test_one_input(data: bytes) -> None:
    """The fuzz target: one input, every invariant checked."""
    if not data:
        return
    ctx = context_for(data[-1])  # the last byte: seed files stay intact
    try:
        events = parse_bytes(data, ctx)
    except SeminormError as e:
        _one_line(e)
        return
    if not events:
        raise AssertionError("parse returned no events without raising")
    try:
        render(events, "json", ctx)
    except SeminormError as e:
        _one_line(e)
    try:
        first = render(events, "ics", ctx)
    except SeminormError as e:
        _one_line(e)
        return
    if not ROUND_TRIP:
        return
    again = parse_bytes(first, ctx)
    if len(again) != len(events):
        raise AssertionError(f"{len(events)} events, {len(again)} after a round trip through ICS")
    second = render(again, "ics", ctx)
    if second != first:
        raise AssertionError("a second pass over our ICS changed it")


#: Prefixes the hypothesis fallback puts in front of random bytes, to reach each reader.
PREFIXES = (
    b"",
    b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20240504T160000\r\n",
    b"From: Ann <ann@example.org>\nMessage-ID: <1@x>\nMIME-Version: 1.0\n"
    b"Content-Type: multipart/mixed; boundary=B\n\n--B\n",
    b"<!doctype html><html><body><p>Talk May 4, 2024 16:00</p>",
    b"Title: Knots\nSpeaker: Ada Lovelace (Cambridge)\nDate: Tuesday, May 4, 2021, ",
)


def run_hypothesis(seconds: float, seeds: list[bytes]) -> int:
    """Random inputs (random bytes after format prefixes, mutated seeds) until time is up."""
    from hypothesis import HealthCheck, given, seed, settings
    from hypothesis import strategies as st

    seed_st = st.sampled_from(seeds or [b""])
    mutated = st.tuples(seed_st, st.integers(0, 1 << 20), st.binary(max_size=64)).map(
        lambda t: t[0][: t[1] % (len(t[0]) + 1)] + t[2] + t[0][t[1] % (len(t[0]) + 1) :]
    )
    inputs = st.one_of(
        st.tuples(st.sampled_from(PREFIXES), st.binary(max_size=4000)).map(b"".join), mutated
    )
    deadline = time.monotonic() + seconds
    runs = 0

    def target(selector: int, data: bytes) -> None:
        nonlocal runs
        runs += 1
        test_one_input(data + bytes([selector]))

    batch = 0
    while time.monotonic() < deadline:  # batches of 100, each with its own seed
        run = settings(
            max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )(given(st.integers(0, 255), inputs)(target))
        seed(batch)(run)()
        batch += 1
    print(f"hypothesis fallback: {runs} inputs in {seconds:.0f} s, no crash")
    return 0


def _seeds(dirs: list[str]) -> list[bytes]:
    out = []
    for d in dirs:
        for p in sorted(Path(d).rglob("*")):
            if p.is_file() and p.stat().st_size < 200_000:
                out.append(p.read_bytes())
    return out


def main() -> int:
    if atheris is not None and "--hypothesis" not in sys.argv:
        atheris.Setup(sys.argv, test_one_input)
        atheris.Fuzz()
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--hypothesis", action="store_true", help="even if atheris is installed")
    parser.add_argument("seed_dirs", nargs="*")
    args = parser.parse_args()
    return run_hypothesis(args.seconds, _seeds(args.seed_dirs))


if __name__ == "__main__":
    sys.exit(main())
