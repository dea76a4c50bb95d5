"""``convert``: file discovery, the mirrored output tree, ``--merge``, the
progress display, the report and the summary.

The workers live in :mod:`seminorm.pool`, reading and writing one input in
:mod:`seminorm.runner`. Like the CLI, this module imports only the standard
library at load time: the pipeline, the writers and rich are imported by the
functions that need them.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from seminorm.patterns import LazyPattern

from .context import Context
from .pool import Backend, CtrlC, Interrupted, Job, Settings, execute, is_url, restore
from .runner import STDIN_NAME, Result, Tally, atomic_write, echo

if TYPE_CHECKING:
    from .model import Event

#: The file extension ``convert`` gives each output format.
OUTPUT_SUFFIX = {
    "json": ".json",
    "jsonl": ".jsonl",
    "ics": ".ics",
    "jcal": ".jcal",
    "csv": ".csv",
    "table": ".txt",
}

_GLOB_CHARS = LazyPattern(r"[*?\[]")


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    from fnmatch import fnmatchcase

    name = rel.rsplit("/", 1)[-1]
    return any(fnmatchcase(rel, p) or fnmatchcase(name, p) for p in patterns)


def _rel_of_file(path: str) -> str:
    """A named file keeps its relative path when it lies under the current folder."""
    rel = os.path.relpath(os.path.abspath(path))
    if rel.startswith(os.pardir) or os.path.isabs(rel):
        return os.path.basename(path)
    return rel


def real_path(path: str, folders: dict[str, str]) -> str:
    """``os.path.realpath(path)``, each folder resolved once (``folders`` remembers them).

    A plan resolves every input and output, thousands of paths in a few
    folders; ``realpath`` checks every component of each one. A path whose
    last component is not a symbolic link resolves as its folder does.
    """
    if is_url(path):
        return path
    head, tail = os.path.split(path)
    if tail in ("", ".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    real_head = folders.get(head)
    if real_head is None:
        real_head = folders[head] = os.path.realpath(head)
    return os.path.join(real_head, tail)


def discover(
    sources: Iterable[str],
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    skip_dir: str | None = None,
) -> Iterator[tuple[str, str | None, str | None]]:
    """Yield ``(path, relative path, error)`` for every input, in a stable order.

    Folders are walked recursively (hidden files and folders, and the output
    folder, are left out); ``--include``/``--exclude`` filter what folders and
    globs yield (explicitly named files are always taken). A source that
    names nothing yields an error instead.
    """
    skip = real_path(skip_dir, {}) if skip_dir else None
    seen: set[str] = set()
    folders: dict[str, str] = {}

    def keep(rel: str) -> bool:
        return (not include or _matches(rel, include)) and not _matches(rel, exclude)

    for src in sources:
        found: list[tuple[str, str]]
        if is_url(src):
            from .remote import walk

            found = [(p, r) for p, r in walk(src) if keep(r) and not (skip and p.startswith(skip))]
            if not found:
                yield src, None, "no such file or folder"
                continue
        elif os.path.isdir(src):
            found = []
            unreadable: list[OSError] = []
            for root, dirs, files in os.walk(src, onerror=unreadable.append):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".") and real_path(os.path.join(root, d), folders) != skip
                )
                for f in sorted(files):
                    if f.startswith("."):
                        continue
                    path = os.path.join(root, f)
                    rel = os.path.relpath(path, src).replace(os.sep, "/")
                    if keep(rel):
                        found.append((path, rel))
            found.sort(key=lambda item: item[1].split("/"))
            for e in unreadable:  # a folder that cannot be listed is a failed input
                yield os.fspath(e.filename), None, f"cannot read this folder: {e.strerror or e}"
        elif os.path.exists(src) or not _GLOB_CHARS.search(src):
            found = [(src, _rel_of_file(src).replace(os.sep, "/"))]
            if not os.path.exists(src):
                yield src, None, "no such file or folder"
                continue
        else:
            from glob import glob

            paths = sorted(p for p in glob(src, recursive=True) if os.path.isfile(p))
            found = [(p, _rel_of_file(p).replace(os.sep, "/")) for p in paths]
            found = [(p, r) for p, r in found if keep(r)]
            if not found:
                yield src, None, "no file matches this pattern"
                continue
        for path, rel in found:
            real = real_path(path, folders)
            if real in seen:
                continue
            seen.add(real)
            yield path, rel, None


def plan(
    sources: Iterable[str],
    out_dir: str | None,
    fmt: str,
    *,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> list[Job]:
    """Map every input to its output under ``out_dir`` (the source tree mirrored).

    Two inputs that would share an output (``talk.txt`` and ``talk.eml``) both
    keep their own extension instead (``talk.txt.ics``, ``talk.eml.ics``); the
    same relative path from two sources is numbered (``talk.txt~2.ics``).
    """
    found = list(discover(sources, include, exclude, out_dir))
    suffix = OUTPUT_SUFFIX[fmt]
    if out_dir is None:
        return [Job(p, None, err) for p, _, err in found]

    def under(rel: str) -> str:
        if is_url(out_dir):
            from .remote import join

            return join(out_dir, rel)
        return str(Path(out_dir, rel))

    target = {p: under(str(PurePosixPath(rel).with_suffix(suffix))) for p, rel, _ in found if rel}
    claims: dict[str, int] = {}
    for out in target.values():
        claims[out] = claims.get(out, 0) + 1
    folders: dict[str, str] = {}
    inputs = {real_path(p, folders) for p, rel, _ in found if rel}
    jobs: list[Job] = []
    taken: set[str] = set()
    for p, rel, err in found:
        if err or rel is None:
            jobs.append(Job(p, None, err))
            continue
        out = target[p]
        if claims[out] > 1:
            out = under(rel + suffix)
        n = 1
        while out in taken:  # same relative path from two sources: number them
            n += 1
            out = under(f"{rel}~{n}{suffix}")
        if real_path(out, folders) in inputs:
            jobs.append(Job(p, None, f"its output {out} would overwrite an input"))
        else:
            taken.add(out)
            jobs.append(Job(p, out))
    return jobs


def output_named(plan: Iterable[Job], names: Iterable[str | None]) -> str | None:
    """The first of ``names`` (``--report``, ``--merge``) that is also a per-file output."""
    folders: dict[str, str] = {}
    wanted = {real_path(n, folders): n for n in names if n}
    for job in plan:
        if job.out is not None:
            hit = wanted.get(real_path(job.out, folders))
            if hit:
                return hit
    return None


def up_to_date(job: Job, root: str | None = None, folders: dict[str, str] | None = None) -> bool:
    """True when the job's output is a file and not older than its input.

    The input itself is compared: a symbolic link counts as changed when the
    link does (pointed elsewhere) as well as when what it points to does.
    An output that is a link, or lies outside ``root`` (the output folder)
    once links are resolved, is never up to date: it is written anew, inside.
    """
    if job.out is None:
        return False
    if is_url(job.out) or is_url(job.src):
        from .remote import modified

        out_time, src_time = modified(job.out), modified(job.src) if is_url(job.src) else None
        if not is_url(job.src):
            try:
                src_time = max(os.lstat(job.src).st_mtime, os.stat(job.src).st_mtime)
            except OSError:
                return False
        return out_time is not None and src_time is not None and out_time >= src_time
    try:
        out = os.lstat(job.out)
        newest = max(os.lstat(job.src).st_mtime, os.stat(job.src).st_mtime)
    except OSError:
        return False
    if not stat.S_ISREG(out.st_mode) or out.st_mtime < newest:
        return False
    return safe_output(job.out, root, folders)


def safe_output(path: str, root: str | None, folders: dict[str, str] | None = None) -> bool:
    """True when ``path`` is a regular file (not a link) inside ``root`` once links are resolved."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
    except OSError:
        return False
    if root is None:
        return True
    folders = {} if folders is None else folders
    real_root = real_path(root, folders)
    real = real_path(os.path.dirname(path) or ".", folders)
    return os.path.commonpath([real_root, real]) == real_root


# ---------------------------------------------------------------- merge


_NORMAL_TITLE_RE = LazyPattern(r"[^\w]+")


def _normal_title(title: str | None) -> str:
    """Title compared for duplicates: case, accents' forms, punctuation and spaces ignored.

    >>> _normal_title("  On  Knots!") == _normal_title("on knots")
    True
    """
    from unicodedata import normalize

    text = normalize("NFKC", title or "").casefold()
    return " ".join(_NORMAL_TITLE_RE.sub(" ", text).split())


def _start_key(ev: Event) -> str | None:
    from datetime import UTC, datetime

    start = ev.start
    if start is None:
        return None
    if isinstance(start, datetime) and start.tzinfo is not None:
        return start.astimezone(UTC).isoformat()
    return start.isoformat()


def _uid_key(ev: Event) -> str | None:
    if not ev.uid:
        return None
    rid = [line for line in ev.ics_extra if line.upper().startswith("RECURRENCE-ID")]
    return ev.uid + "\n" + "\n".join(rid)


def _where(ev: Event) -> str:
    return f"{ev.source.path or STDIN_NAME} (event {ev.source.event_index + 1})"


def merge(events: Iterable[Event], dropped: list[tuple[str, str]] | None = None) -> list[Event]:
    """Keep the first of every duplicate (same UID, or same start and normalized title).

    The kept event gets a ``duplicate-event`` warning naming both sources;
    ``dropped``, when given, receives the warning line of each copy dropped
    (the copy's file, the message).
    """
    kept: list[Event] = []
    by_uid: dict[str, int] = {}
    by_start: dict[tuple[str, str], int] = {}
    for ev in events:
        uid = _uid_key(ev)
        start, title = _start_key(ev), _normal_title(ev.title)
        key = (start, title) if start and title else None
        index, why = None, ""
        if uid is not None and uid in by_uid:
            index, why = by_uid[uid], "same UID"
        elif key is not None and key in by_start:
            index, why = by_start[key], "same start and title"
        if index is not None:
            first = kept[index]
            message = (
                f"{_where(ev)} is a duplicate of {_where(first)} ({why}); the copy was dropped"
            )
            kept[index] = first.warn("duplicate-event", message)
            if dropped is not None:
                dropped.append((ev.source.path or STDIN_NAME, message))
            continue
        if uid is not None:
            by_uid[uid] = len(kept)
        if key is not None:
            by_start[key] = len(kept)
        kept.append(ev)
    return kept


def write_merged(
    path: str, results: list[Result], fmt: str, ctx: Context, explain: bool
) -> tuple[int, list[str]]:
    """Merge the kept events of ``results`` into ``path``.

    Returns the number of events written and a ``FILE:
    warning[duplicate-event]: ...`` line for every copy dropped: a calendar
    has no place for warnings, so they are shown where each file's are.
    """
    from .write import render

    dropped: list[tuple[str, str]] = []
    events = merge((restore(ev) for r in results for ev in r.kept), dropped)
    atomic_write(path, render(events, fmt, ctx, explain=explain))
    return len(events), [f"{src}: warning[duplicate-event]: {msg}" for src, msg in dropped]


class Progress:
    """Diagnostics on stderr: plain lines, or lines above a rich bar on a terminal.

    The bar is redrawn as results come in (at most ten times a second), not
    by rich's refresh thread: ``convert`` forks its workers, and a process
    that forks should hold no other thread (one could hold a lock the
    children would inherit, taken).
    """

    def __init__(self, total: int, *, bar: bool, quiet: bool, verbose: bool) -> None:
        self.quiet, self.verbose = quiet, verbose
        self.tally = Tally()
        self._bar: Any = None
        self._drawn = 0.0
        if bar and total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[counts]}"),
                console=Console(stderr=True),
                transient=True,
                auto_refresh=False,
            )
            self._task = self._bar.add_task("converting", total=total, counts="")
            self._bar.start()

    def echo(self, line: str) -> None:
        if self._bar is not None:
            from .terminal import printable

            self._bar.console.print(printable(line), markup=False, highlight=False, soft_wrap=True)
        else:
            echo(line)

    def __call__(self, r: Result) -> None:
        self.tally.add(r)
        if r.status in ("failed", "no-event"):
            again = " (failed before, unchanged since; --retry-failed retries it)"
            self.echo(f"{r.src}: error: {r.error}{again if r.remembered else ''}")
            if self.verbose and r.detail:
                for line in r.detail.rstrip().splitlines():
                    self.echo(line)
        elif not self.quiet:
            for line in r.warnings:
                self.echo(line)
        if self.verbose and r.status != "failed":
            self.echo(f"{r.src}: {r.status}, {r.events} events")
        if self._bar is not None:
            t = self.tally
            counts = f"{t.events} events, {t.warnings} warnings, {t.failed} failed"
            self._bar.update(self._task, advance=1, counts=counts)
            now = time.monotonic()
            if now - self._drawn >= 0.1:
                self._bar.refresh()
                self._drawn = now

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def convert(
    plan: list[Job],
    settings: Settings,
    *,
    jobs: int,
    force: bool = False,
    fail_fast: bool = False,
    report: str | None = None,
    merge: str | None = None,
    bar: bool = False,
    quiet: bool = False,
    verbose: bool = False,
    backend: Backend | None = None,
    out_dir: str | None = None,
    retry_failed: bool = False,
) -> tuple[Tally, bool]:
    """Run a planned ``convert``: outputs, ``--merge``, ``--report`` and the summary line.

    With ``out_dir``, what is up to date is decided by the folder's state
    file (:mod:`seminorm.state`: the input's content, the options, what
    became of it); without, by the outputs' modification times. Returns the
    tally and whether it was interrupted.
    """
    import json

    from .write import format_for_path

    folders: dict[str, str] = {}
    root = settings.out_root
    state = None
    if out_dir is not None and not merge and not is_url(out_dir):
        from .state import State, options_key

        state = State(out_dir, options_key(settings))
    fresh: dict[int, Result] = {}
    for i, job in enumerate(plan):
        if merge or force or job.error:
            continue
        if state is None:
            if up_to_date(job, root, folders):
                fresh[i] = Result(job.src, "skipped")
        elif (known := state.recall(job, retry_failed=retry_failed)) is not None:
            if known.status != "ok":
                fresh[i] = Result(job.src, known.status, error=known.error, remembered=True)
            elif all(safe_output(p, root, folders) for p in known.outputs):
                fresh[i] = Result(job.src, "skipped", outputs=known.outputs)
    todo = [job for i, job in enumerate(plan) if i not in fresh]
    progress = Progress(len(todo), bar=bar, quiet=quiet, verbose=verbose)
    progress.tally.skip_empty = settings.skip_empty
    for i in sorted(fresh):
        progress(fresh[i])
    tally = progress.tally

    def save_state() -> None:
        if state is not None:
            state.remember(plan, tally.results)
            state.save()

    def write_report() -> None:
        if report:
            order = {job.src: i for i, job in enumerate(plan)}
            rows = sorted(tally.results, key=lambda r: order.get(r.src, 0))
            atomic_write(report, (json.dumps(r.report()).encode() + b"\n" for r in rows))

    with CtrlC() as ctrl_c:
        try:
            execute(todo, replace(settings, fail_fast=fail_fast), jobs, progress, ctrl_c=ctrl_c,
                    backend=backend)  # fmt: skip
        except Interrupted:
            ctrl_c.finishing = True  # no further Ctrl-C may cut the report or the summary
            progress.close()
            save_state()
            write_report()
            echo(f"interrupted: {len(plan) - tally.files} not done; {tally.line()}")
            return tally, True
        finally:
            progress.close()
    if merge:
        fmt = format_for_path(merge) or settings.fmt
        n, duplicates = write_merged(merge, tally.results, fmt, settings.ctx, settings.explain)
        tally.warnings += len(duplicates)
        if not quiet:
            for line in duplicates:
                echo(line)
            dropped = f" ({len(duplicates)} duplicates dropped)" if duplicates else ""
            echo(f"{merge}: {n} events{dropped}")
    save_state()
    write_report()
    if not quiet:
        echo(tally.line())
    return tally, False
