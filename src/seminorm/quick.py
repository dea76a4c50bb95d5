"""``seminorm parse`` without click: the command's work, and a plain reading of its options.

The ``parse`` command is the common case (one small file to JSON or ICS), and
its whole run is meant to cost less than a tool that only prints a file
(SPEC section 8). Loading click and building the command line's objects is
a fifth of such a run, so :func:`main` reads the arguments of a plain
``seminorm parse ...`` itself and runs :func:`run_parse`, the same function
:mod:`seminorm.cli`'s ``parse`` command runs. It takes only what it reads
exactly as click would (the command's own long options, ``--name=value``,
``-f``/``-o`` with a separate value, ``-q``, ``-v``, ``--``, inputs between
options) and returns ``None`` for anything else: help, a misspelt or
combined option, a value its option refuses, an output that is also an
input, the shell-completion variable. The command line (click) then handles
that invocation from the start, with its own messages; nothing has been
read or written by then. Exit codes and the one-line errors of an input or
of the run are those of :mod:`seminorm.cli`.

>>> read_args(["parse", "talk.txt", "-f", "ics", "--tz=Europe/Zurich", "-q"])[:2]
(('talk.txt',), 'ics')
>>> read_args(["parse", "--help"]) is None, read_args(["parse", "-qv", "a.txt"]) is None
(True, True)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import datetime
from itertools import chain

from .context import DATE_ORDERS, DEFAULT_SUMMARY, Context, today_in
from .errors import SeminormError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeAlias

    from .runner import Tally

__all__ = ["FORMATS", "UsageProblem", "duration_minutes", "main", "read_args", "run_parse"]

EXIT_OK, EXIT_FAILED, EXIT_STRICT, EXIT_INTERRUPTED = 0, 1, 3, 130
FORMATS = ("json", "jsonl", "ics", "jcal", "csv", "table")  # = seminorm.write.FORMATS


class UsageProblem(Exception):
    """A usage error found before any input is read (the CLI shows it as click does)."""


def exit_code(*, failed: int, warnings: int, strict: bool) -> int:
    """0 all inputs read; 1 some failed; 3 warnings under ``--strict``.

    >>> exit_code(failed=1, warnings=2, strict=True), exit_code(failed=0, warnings=2, strict=True)
    (1, 3)
    """
    if failed:
        return EXIT_FAILED
    return EXIT_STRICT if strict and warnings else EXIT_OK


def duration_minutes(value: str) -> int:
    """``1h``, ``90m``, ``1h30``, ``45min``, ``PT1H30M`` -> minutes; ValueError otherwise.

    >>> duration_minutes("1h30"), duration_minutes("PT45M")
    (90, 45)
    """
    import re

    m = re.fullmatch(
        r"(?i)\s*(?:pt)?(?:(\d{1,3})\s*h(?:ours?)?)?\s*(?:(\d{1,4})\s*(?:m|min|minutes?)?)?\s*",
        value,
    )
    minutes = int(m.group(1) or 0) * 60 + int(m.group(2) or 0) if m else 0
    if not minutes or minutes > 24 * 60:
        raise ValueError("give a duration up to 24h, such as 1h, 90m or 1h30")
    return minutes


def make_context(opts: dict[str, Any]) -> Context:
    """The :class:`Context` of the reading options (already checked)."""
    ref: datetime | None = opts["reference_date"]
    return Context(
        reference=ref.date() if ref else None,
        today=today_in(opts["tz"]),
        tz=opts["tz"],
        output_tz=opts.get("output_tz"),
        date_order=opts["date_order"],
        explain=opts.get("explain", False),
        max_bytes=opts["max_bytes"],
        summary_template=opts.get("summary", DEFAULT_SUMMARY),
        default_duration=opts.get("default_duration"),
    )


def check_split(fmt: str | None, to_folder: bool) -> None:
    """``--split`` needs a folder (``-o DIR``) and writes ICS; UsageProblem otherwise."""
    if not to_folder:
        raise UsageProblem("--split writes one .ics file per event: give a folder with -o DIR")
    if fmt not in (None, "ics"):
        raise UsageProblem(f"--split writes .ics files, not {fmt}: leave out -f or use -f ics")


def run_parse(
    inputs: tuple[str, ...], fmt: str | None, output: str | None, split: bool, opts: dict[str, Any]
) -> int:
    """The ``parse`` command: read the inputs, write their events; the exit code.

    Raises :class:`UsageProblem` before anything is read when the arguments
    cannot go together.
    """
    from . import runner
    from .write import format_for_path

    to_file = output not in (None, "-")
    if split:
        check_split(fmt, to_file)
        ctx, tally = make_context(opts), runner.Tally()
        outcomes = runner.read_all(inputs, ctx, tally, quiet=opts["quiet"], verbose=opts["verbose"])
        events = [ev for o in outcomes for ev in o.events]
        if events:
            from .write.split import split_ics

            for name, data in split_ics(events, ctx):
                runner.atomic_write(os.path.join(output, name), data)  # type: ignore[arg-type]
        return _code(tally, opts["strict"])
    fmt = fmt or (format_for_path(output) if to_file else None) or "json"  # type: ignore[arg-type]
    for name in inputs:
        if to_file and name != "-" and runner.same_file(name, output):  # type: ignore[arg-type]
            raise UsageProblem(f"the output {output} is also an input")
    from .write.stream import Writer

    ctx, tally = make_context(opts), runner.Tally()
    batches = runner.stream_all(inputs, ctx, tally, quiet=opts["quiet"], verbose=opts["verbose"])
    folder = os.path.dirname(os.path.abspath(output)) if to_file else None  # type: ignore[type-var]
    writer = Writer(fmt, ctx, folder=folder)

    def chunks() -> Iterator[bytes]:
        # each input's events are written as soon as they are read (a message's, a
        # calendar component's: docs/streaming.md); nothing when every input failed
        try:
            for batch in batches:
                data = writer.write(batch)
                if data:
                    yield data
            if tally.failed < tally.files:
                yield from writer.close()
        finally:
            writer.discard()

    it = chunks()
    first = next(it, None)
    if first is not None:  # nothing is written when every input failed
        if to_file:
            runner.atomic_write(output, chain([first], it))  # type: ignore[arg-type]
        else:
            stdout = sys.stdout.buffer
            for chunk in chain([first], it):
                stdout.write(chunk)
                stdout.flush()
    return _code(tally, opts["strict"])


def _code(tally: Tally, strict: bool) -> int:
    return exit_code(failed=tally.failed, warnings=tally.warnings, strict=strict)


# ---------------------------------------------------------------- the plain reading

#: Long option -> (key in opts, takes a value). Short forms below.
_LONG = {
    "--format": ("fmt", True),
    "--output": ("output", True),
    "--split": ("split", False),
    "--tz": ("tz", True),
    "--output-tz": ("output_tz", True),
    "--reference-date": ("reference_date", True),
    "--date-order": ("date_order", True),
    "--default-duration": ("default_duration", True),
    "--explain": ("explain", False),
    "--strict": ("strict", False),
    "--quiet": ("quiet", False),
    "--verbose": ("verbose", False),
    "--max-bytes": ("max_bytes", True),
    "--summary": ("summary", True),
}
_SHORT = {"-f": "--format", "-o": "--output", "-q": "--quiet", "-v": "--verbose"}

Args: TypeAlias = "tuple[tuple[str, ...], str | None, str | None, bool, dict[str, Any]]"


def read_args(argv: list[str]) -> Args | None:
    """``(inputs, fmt, output, split, opts)`` of ``parse ...`` as click gives them to
    the command, or None when click must read these arguments."""
    if not argv or argv[0] != "parse":
        return None
    raw: dict[str, Any] = {}
    inputs: list[str] = []
    rest = argv[1:]
    i = 0
    while i < len(rest):
        arg = rest[i]
        i += 1
        if arg == "--":
            inputs.extend(rest[i:])
            break
        if arg == "-" or not arg.startswith("-"):
            inputs.append(arg)
            continue
        name, eq, value = arg.partition("=")
        if name in _SHORT and not eq:
            name = _SHORT[name]
        elif not name.startswith("--") or name not in _LONG:
            return None
        key, takes_value = _LONG[name]
        if not takes_value:
            if eq:
                return None
            raw[key] = True
            continue
        if not eq:
            if i >= len(rest):
                return None
            value = rest[i]
            i += 1
        raw[key] = value
    try:
        opts = _checked(raw)
    except (ValueError, SeminormError, OverflowError):
        return None
    fmt = raw.get("fmt")
    if fmt is not None and fmt not in FORMATS:
        return None
    return tuple(inputs), fmt, raw.get("output"), bool(raw.get("split")), opts


def _checked(raw: dict[str, Any]) -> dict[str, Any]:
    """The options' values as the command's click types and callbacks make them."""
    from .runner import zone_name

    opts: dict[str, Any] = {}
    for key in ("tz", "output_tz"):
        value = raw.get(key)
        opts[key] = None if value is None else zone_name(value)
    ref = raw.get("reference_date")
    opts["reference_date"] = None if ref is None else datetime.strptime(ref, "%Y-%m-%d")
    opts["date_order"] = raw.get("date_order", "auto")
    if opts["date_order"] not in DATE_ORDERS:
        raise ValueError("unknown date order")
    duration = raw.get("default_duration")
    opts["default_duration"] = None if duration is None else duration_minutes(duration)
    for key in ("explain", "strict", "quiet", "verbose"):
        opts[key] = bool(raw.get(key))
    max_bytes = raw.get("max_bytes")
    opts["max_bytes"] = None if max_bytes is None else int(max_bytes)
    if opts["max_bytes"] is not None and opts["max_bytes"] < 1:
        raise ValueError("must be at least 1")
    summary = raw.get("summary", DEFAULT_SUMMARY)
    if summary != DEFAULT_SUMMARY:
        from .model import Event
        from .write.compose import summary_for

        summary_for(Event(title="t"), summary)
    opts["summary"] = summary
    return opts


def main(argv: list[str]) -> int | None:
    """Run ``seminorm parse ...`` when its arguments read plainly; the exit code, or
    None (nothing done) when the command line must handle them."""
    if os.name != "posix" or "_SEMINORM_COMPLETE" in os.environ:
        return None
    try:
        args = read_args(argv)
    except Exception:  # whatever an option's check raises, click says it its way
        return None
    if args is None:
        return None
    inputs, fmt, output, split, opts = args
    try:
        return run_parse(inputs, fmt, output, split, opts)
    except UsageProblem:
        return None
    except KeyboardInterrupt:
        sys.stderr.write("seminorm: interrupted\n")
        sys.stderr.flush()
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `seminorm parse ... | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except Exception as e:
        if opts["verbose"] and not isinstance(e, SeminormError):
            raise
        from .runner import describe, echo

        echo(f"seminorm: error: {describe(e)}")
        return EXIT_FAILED
