"""The ``seminorm`` command line (SPEC section 1).

Only click and the standard library are imported here; each command imports
the stages it needs, so ``seminorm --help`` and a small text file start fast.
This module turns outcomes into exit codes (:func:`exit_code`,
:meth:`_Seminorm.invoke`); the file handling lives in :mod:`seminorm.runner`
(one input at a time) and :mod:`seminorm.batch` (``convert``). The work of
``parse`` is :func:`seminorm.quick.run_parse`, which the console script also
runs without click for a plain ``seminorm parse ...`` (:mod:`seminorm.quick`
says which arguments it reads itself; anything else comes here).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from .context import (
    DATE_ORDERS,
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_SUMMARY,
    DEFAULT_TIME_LIMIT,
    Context,
)
from .errors import SeminormError
from .quick import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_STRICT,
    FORMATS,
    UsageProblem,
    check_split,
    duration_minutes,
    exit_code,
    make_context,
    run_parse,
)
from .version import __version__

if TYPE_CHECKING:
    from .runner import Tally

__all__ = ["EXIT_OK", "EXIT_STRICT", "FORMATS", "cli", "exit_code", "main"]

EXIT_USAGE = 2
F = TypeVar("F", bound=Callable[..., Any])


def _finish(tally: Tally, strict: bool, interrupted: bool = False) -> NoReturn:
    code = EXIT_INTERRUPTED if interrupted else exit_code(
        failed=tally.failed, warnings=tally.warnings, strict=strict)  # fmt: skip
    raise click.exceptions.Exit(code)


class _Seminorm(click.Group):
    """The group; maps what escapes a command to one stderr line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("seminorm: interrupted", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:  # `seminorm parse ... | head`: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(EXIT_FAILED) from None
        except Exception as e:
            if ctx.meta.get("seminorm.verbose") and not isinstance(e, SeminormError):
                raise
            from .runner import describe, echo

            echo(f"seminorm: error: {describe(e)}")
            raise click.exceptions.Exit(EXIT_FAILED) from None


def _zone(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from .runner import zone_name

    try:
        return None if value is None else zone_name(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


def _positive(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise click.BadParameter("must be at least 1")
    return value


def _summary(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if value == DEFAULT_SUMMARY:
        return value
    from .model import Event
    from .write.compose import summary_for

    try:
        summary_for(Event(title="t"), value)
    except SeminormError as e:
        raise click.BadParameter(str(e)) from None
    return value


def _duration(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """``1h``, ``90m``, ``1h30``, ``45min``, ``PT1H30M`` -> minutes.

    >>> _duration(None, None, "1h30"), _duration(None, None, "PT45M")  # type: ignore[arg-type]
    (90, 45)
    """
    if value is None:
        return None
    try:
        return duration_minutes(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


def _options(*options: Callable[[F], F]) -> Callable[[F], F]:
    """Apply several click options in the order they are listed."""

    def apply(f: F) -> F:
        for option in reversed(options):
            f = option(f)
        return f

    return apply


_TZ = click.option(
    "--tz",
    callback=_zone,
    metavar="ZONE",
    help="Zone for times that state none: an IANA name, or 'local'.",
)
_OUTPUT_TZ = click.option(
    "--output-tz",
    callback=_zone,
    metavar="ZONE",
    help="Convert every event to this zone on output (UTC allowed).",
)
_REFERENCE = click.option(
    "--reference-date",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="'Today' for texts without a year. Default: the document's date.",
)
_DATE_ORDER = click.option(
    "--date-order",
    type=click.Choice(DATE_ORDERS),
    default="auto",
    show_default=True,
    help="How to read 04/05/2021.",
)
_EXPLAIN = click.option("--explain", is_flag=True, help="Add where each value came from.")
_STRICT = click.option("--strict", is_flag=True, help="Exit 3 when any warning was emitted.")
_QUIET = click.option("-q", "--quiet", is_flag=True, help="Print no warnings or summary.")
_VERBOSE = click.option("-v", "--verbose", is_flag=True, help="Print more, tracebacks included.")
_MAX_BYTES = click.option(
    "--max-bytes",
    type=int,
    callback=_positive,
    metavar="N",
    help="Refuse inputs larger than this [default: per kind: calendars and mbox "
    "256 MB, an e-mail or PDF 64 MB, text and HTML 20 MB].",
)
_DURATION = click.option(
    "--default-duration",
    callback=_duration,
    metavar="DURATION",
    help="End events that state none this long after their start "
    "(1h, 90m), marked as assumed. Default: no end.",
)
_SUMMARY = click.option(
    "--summary",
    default=DEFAULT_SUMMARY,
    show_default=True,
    callback=_summary,
    metavar="TEMPLATE",
    help="ICS SUMMARY: {title} {series} {speaker} {speakers}.",
)

#: The options of every command that reads announcements (``check`` has only these).
reading_options = _options(_TZ, _REFERENCE, _DATE_ORDER, _STRICT, _QUIET, _VERBOSE, _MAX_BYTES)
#: The options parse and convert share (SPEC section 1).
common_options = _options(
    _TZ,
    _OUTPUT_TZ,
    _REFERENCE,
    _DATE_ORDER,
    _DURATION,
    _EXPLAIN,
    _STRICT,
    _QUIET,
    _VERBOSE,
    _MAX_BYTES,
    _SUMMARY,
)
#: ``publish`` writes ICS (so --summary and --output-tz), never JSON (no --explain).
publish_options = _options(
    _TZ,
    _OUTPUT_TZ,
    _REFERENCE,
    _DATE_ORDER,
    _DURATION,
    _STRICT,
    _QUIET,
    _VERBOSE,
    _MAX_BYTES,
    _SUMMARY,
)


def _format_option(default: str | None) -> Callable[[F], F]:
    hint = default or "from -o's extension, else json"
    return click.option("-f", "--format", "fmt", type=click.Choice(FORMATS),
                        help=f"Output format [default: {hint}].")  # fmt: skip


def _context(opts: dict[str, Any]) -> Context:
    click.get_current_context().meta["seminorm.verbose"] = opts["verbose"]
    return make_context(opts)


EXAMPLES_PARSE = """Examples:

\b
  seminorm parse talk.txt                    # JSON on stdout
  seminorm parse talk.eml -o talk.ics        # ICS, written atomically
  pbpaste | seminorm parse -f table --tz Europe/Zurich
  seminorm parse *.txt -f jsonl --strict     # one event per line; exit 3 on warnings
"""


@click.group(name="seminorm", cls=_Seminorm, context_settings={"help_option_names": ["-h", "--help"],
             "terminal_width": 80, "max_content_width": 80}, epilog="""Examples:

\b
  seminorm parse talk.txt -o talk.ics
  seminorm convert inbox/ -o calendars/ -j 4
  seminorm check announcements/*.eml --strict
  seminorm parse --help""")  # fmt: skip
@click.version_option(__version__, "-V", "--version", prog_name="seminorm")
def cli() -> None:
    """Turn messy seminar announcements into clean ICS or JSON.

    Data goes to stdout, diagnostics to stderr. Exit codes: 0 ok, 1 an input
    failed, 2 usage error, 3 warnings under --strict, 130 interrupted.
    """


@cli.command(epilog=EXAMPLES_PARSE, short_help="Read announcements and write their events.")
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@_format_option(None)
@click.option("-o", "--output", metavar="PATH", help="Output file ('-' = stdout).")
@click.option(
    "--split", is_flag=True, help="One .ics per event, named from its UID, in the folder -o DIR."
)
@common_options
def parse(inputs: tuple[str, ...], fmt: str | None, output: str | None, split: bool,
          **opts: Any) -> None:  # fmt: skip
    """Read announcements (files, or '-'/nothing for stdin) and write their events."""
    click.get_current_context().meta["seminorm.verbose"] = opts["verbose"]
    try:
        code = run_parse(inputs, fmt, output, split, opts)
    except UsageProblem as e:
        raise click.UsageError(str(e)) from None
    raise click.exceptions.Exit(code)


@cli.command(
    short_help="Report problems, write no data.",
    epilog="""Examples:

\b
  seminorm check talk.txt
  seminorm check -q --strict mails/*.eml   # exit 3 if anything is doubtful""",
)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@reading_options
def check(inputs: tuple[str, ...], **opts: Any) -> None:
    """Report the problems of each input (warnings, errors) and write no data.

    Warnings and errors go to stderr, one summary line per input to stdout.
    """
    from . import runner
    from .terminal import printable

    def summary(r: runner.Result) -> None:
        text = f"{r.events} events, {len(r.warnings)} warnings" if r.status == "ok" else "failed"
        click.echo(printable(f"{r.src}: {text}"))

    # read in flat memory, as parse does (docs/streaming.md); the events are not kept
    ctx, tally = _context(opts), runner.Tally()
    for _ in runner.stream_all(inputs, ctx, tally, quiet=opts["quiet"], verbose=opts["verbose"],
                               on_result=summary):  # fmt: skip
        pass
    _finish(tally, opts["strict"])


@cli.command(
    short_help="Put the events into a CalDAV calendar.",
    epilog="""Credentials come from SEMINORM_CALDAV_USERNAME and SEMINORM_CALDAV_PASSWORD,
else from ~/.netrc (or the file NETRC names) for the server's host; never
from the command line.

Examples:

\b
  seminorm publish talk.eml --to https://dav.example.org/cal/ann/talks/
  seminorm publish inbox/*.txt --to https://dav.example.org/cal/ann/talks/ --dry-run""",
)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option(
    "--to",
    "url",
    required=True,
    metavar="URL",
    help="The CalDAV collection (calendar) to publish to.",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option(
    "--timeout",
    type=float,
    default=30,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for the server, per request.",
)
@publish_options
def publish(inputs: tuple[str, ...], url: str, dry_run: bool, timeout: float,
            **opts: Any) -> None:  # fmt: skip
    """Put each event into a CalDAV collection, one resource per event, named from its UID.

    Publishing again updates in place and never duplicates: an unchanged talk
    is left alone, a changed one (new room, new time, cancelled) is rewritten.
    What changed is listed on stdout (with --dry-run: what would change).
    """
    from . import runner
    from .publish import check_url
    from .publish import publish as put_events

    check_url(url)  # a URL with credentials is refused before anything is read
    ctx, tally = _context(opts), runner.Tally()
    outcomes = runner.read_all(inputs, ctx, tally, quiet=opts["quiet"], verbose=opts["verbose"])
    events = [ev for o in outcomes for ev in o.events]
    if events:
        changes = put_events(events, url, ctx, dry_run=dry_run, timeout=timeout)
        verb = {"create": "would create", "update": "would update"} if dry_run else {}
        counts = {"create": 0, "update": 0, "unchanged": 0}
        for change in changes:
            counts[change.action] += 1
            click.echo(f"{verb.get(change.action, change.action)} {change.name}: {change.title}")
        if not opts["quiet"]:
            runner.echo(
                f"{len(changes)} resources: {counts['create']} new, {counts['update']} updated, "
                f"{counts['unchanged']} unchanged" + (" (dry run: nothing sent)" if dry_run else "")
            )
    _finish(tally, opts["strict"])


@cli.command(
    epilog="""Example:

\b
  seminorm schema > seminorm.schema.json"""
)
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the JSON output."""
    from .write.json import schema_text

    click.echo(schema_text(), nl=False)


@cli.command(
    epilog="""Examples:

\b
  seminorm convert inbox/ -o calendars/          # inbox/a/talk.txt -> calendars/a/talk.ics
  seminorm convert 'mails/**/*.eml' -o out/ -f json -j 8 --report report.jsonl
  seminorm convert feeds/ --merge all.ics        # one de-duplicated calendar
  seminorm convert inbox/ -o out/ --include '*.txt' --exclude 'drafts/*'"""
)
@click.argument("sources", nargs=-1, required=True, metavar="SRC...")
@_options(
    click.option("-o", "--output", "out_dir", metavar="OUT_DIR", type=click.Path(file_okay=False),
                 help="Folder for the outputs (tree mirrored)."),
    _format_option("ics"),
    click.option("-j", "--jobs", type=int, callback=_positive, metavar="N",
                 help="Worker processes [default: the number of CPUs]."),
    click.option("--include", multiple=True, metavar="GLOB", help="Only files matching (repeatable)."),
    click.option("--exclude", multiple=True, metavar="GLOB", help="Leave out files matching."),
    click.option("--force", is_flag=True, help="Rewrite outputs even when up to date."),
    click.option("--fail-fast", is_flag=True, help="Stop at the first failed input."),
    click.option("--report", metavar="FILE", help="Write one JSON line per input to FILE."),
    click.option("--merge", metavar="FILE", help="Write all events, de-duplicated, to FILE."),
    click.option("--time-limit", type=click.IntRange(min=0), default=DEFAULT_TIME_LIMIT,
                 show_default=True, metavar="SECONDS",
                 help="CPU seconds one file may take; 0: no limit."),
    click.option("--memory-limit", type=click.IntRange(min=0), default=DEFAULT_MEMORY_LIMIT,
                 show_default=True, metavar="MB", help="Memory one file may take; 0: no limit."),
    click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
                 show_default=True, help="Local worker processes, or a Dask cluster."),
    click.option("--scheduler", metavar="ADDRESS",
                 help="The Dask scheduler to use [default: a local cluster of -j workers]."),
    click.option("--split", is_flag=True,
                 help="One .ics per event, named from its UID, in the input's mirrored folder."),
    click.option("--retry-failed", is_flag=True,
                 help="Retry inputs that failed before even when unchanged."),
    click.option("--skip-empty", is_flag=True,
                 help="An input with no event is no failure (exit status)."),
)  # fmt: skip
@common_options
def convert(sources: tuple[str, ...], out_dir: str | None, fmt: str | None, jobs: int | None,
            include: tuple[str, ...], exclude: tuple[str, ...], force: bool, fail_fast: bool,
            report: str | None, merge: str | None, time_limit: int, memory_limit: int,
            engine: str, scheduler: str | None, split: bool, retry_failed: bool,
            skip_empty: bool, **opts: Any) -> None:  # fmt: skip
    """Convert files, folders (recursively) and globs, in parallel.

    Each input's output goes to OUT_DIR under the same relative path. An input
    is converted again only when it, or an option that changes outputs, or the
    seminorm version changed since the last run (kept in OUT_DIR/.seminorm-state.json),
    unless --force; an input that failed is not retried until it changes
    (--retry-failed). A bad file never stops the batch (unless --fail-fast).
    Ends with a summary line on stderr.
    """
    from functools import partial

    from . import batch, runner
    from .pool import Settings

    if out_dir is None and merge is None:
        raise click.UsageError("give an output folder with -o OUT_DIR, or --merge FILE")
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler goes with --engine dask")
    if engine == "dask" or any("://" in s for s in (*sources, out_dir or "")):
        from .cluster import require

        try:
            require()
        except SeminormError as e:
            click.echo(f"seminorm: error: {e}", err=True)
            raise click.exceptions.Exit(EXIT_USAGE) from None
    if split:
        try:
            check_split(fmt, out_dir is not None)
        except UsageProblem as e:
            raise click.UsageError(str(e)) from None
        if merge:
            raise click.UsageError("--split and --merge exclude each other")
    fmt = fmt or "ics"
    ctx = _context(opts)
    plan = batch.plan(sources, out_dir, fmt, include=include, exclude=exclude)
    for extra in (report, merge):
        if extra and any(runner.same_file(j.src, extra) for j in plan):
            raise click.UsageError(f"{extra} is also an input")
    if report and merge and runner.same_file(report, merge):
        raise click.UsageError("--report and --merge name the same file")
    clash = batch.output_named(plan, (report, merge))
    if clash:
        raise click.UsageError(f"{clash} is also the output of an input")
    bar = sys.stderr.isatty() and "NO_COLOR" not in os.environ and not opts["quiet"]
    settings = Settings(ctx, fmt, opts["explain"], keep_events=merge is not None,
                        time_limit=time_limit, memory_limit=memory_limit,
                        out_root=out_dir, split=split, skip_empty=skip_empty)  # fmt: skip
    run = partial(batch.convert, plan, settings, force=force, fail_fast=fail_fast, report=report,
                  merge=merge, bar=bar, quiet=opts["quiet"], verbose=opts["verbose"],
                  out_dir=out_dir, retry_failed=retry_failed)  # fmt: skip
    if engine == "dask":
        from .cluster import connect

        with connect(scheduler, jobs or os.cpu_count() or 1) as (backend, threads):
            tally, interrupted = run(jobs=threads, backend=backend)
    else:
        tally, interrupted = run(jobs=jobs or os.cpu_count() or 1)
    _finish(tally, opts["strict"], interrupted)


def main() -> None:
    """Run the command line (the console script, :mod:`seminorm.__main__`, calls this)."""
    import signal

    try:
        cli.main(prog_name="seminorm")
    except KeyboardInterrupt:  # a Ctrl-C after the command was done with it
        raise SystemExit(EXIT_INTERRUPTED) from None
    finally:  # and none may turn a finished run into a crash while Python exits
        signal.signal(signal.SIGINT, signal.SIG_IGN)
