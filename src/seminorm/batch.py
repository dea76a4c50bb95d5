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
from array import array
from collections.abc import Iterable, Iterator, Sized
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seminorm.patterns import LazyPattern

from .context import Context
from .plain import replace
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
    ``folders`` is emptied when it holds more than a few thousand folders
    (paths come folder by folder: the ones seen last are the ones needed).
    """
    if is_url(path):
        return path
    head, tail = os.path.split(path)
    if tail in ("", ".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    real_head = folders.get(head)
    if real_head is None:
        if len(folders) >= _FOLDERS_KEPT:
            folders.clear()
        real_head = folders[head] = os.path.realpath(head)
    return os.path.join(real_head, tail)


_FOLDERS_KEPT = 4096


class Seen:
    """Which inputs (by real path) were taken already: ``add`` says whether one is new.

    In memory for the first :attr:`LIMIT` names, then in a table of
    ``db`` (a temporary database that spills to disk): the memory of a plan
    does not grow with the number of inputs.
    """

    LIMIT = 50_000

    def __init__(self, db: Any = None) -> None:
        self._names: set[str] = set()
        self._db = db
        self._spilled = False

    def add(self, name: str) -> bool:
        if self._spilled:
            added = self._db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (_blob(name),))
            return bool(added.rowcount)
        if name in self._names:
            return False
        self._names.add(name)
        if self._db is not None and len(self._names) > self.LIMIT:  # everything to the table
            self._db.execute("CREATE TABLE seen (name BLOB PRIMARY KEY) WITHOUT ROWID")
            self._db.executemany("INSERT INTO seen VALUES (?)", ((_blob(n),) for n in self._names))
            self._names, self._spilled = set(), True
        return True


def _walk_folder(
    folder: str,
    prefix: str,
    skip: str | None,
    folders: dict[str, str],
    errors: list[tuple[str, str]],
) -> Iterator[tuple[str, str]]:
    """``(path, relative path)`` of every file under ``folder``, depth first, names sorted.

    The order is that of the relative paths' parts (``a/b`` before ``a.txt``'s
    neighbours as :func:`sorted` puts them); each folder's names are sorted in
    bounded memory (:func:`seminorm.listing.entries`). Hidden names, symbolic links to folders and the ``skip`` folder are
    left out; a folder that cannot be listed is noted in ``errors``.
    """
    from itertools import chain

    from .listing import entries

    try:
        listed = entries(folder)
        first = next(listed, None)
    except OSError as e:
        errors.append((os.fspath(e.filename or folder), e.strerror or str(e)))
        return
    for name, is_dir in chain([first] if first else [], listed):
        path = os.path.join(folder, name)
        if is_dir:
            if not os.path.islink(path) and real_path(path, folders) != skip:
                yield from _walk_folder(path, f"{prefix}{name}/", skip, folders, errors)
        else:
            yield path, prefix + name


def _discover(
    sources: Iterable[str],
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    skip_dir: str | None,
    seen: Seen,
) -> Iterator[tuple[str, str | None, str | None, str | None, str | None]]:
    """:func:`discover`'s items with, for URLs, the stamp of each object's listing,
    and the real path of each input."""
    skip = real_path(skip_dir, {}) if skip_dir else None
    folders: dict[str, str] = {}

    def keep(rel: str) -> bool:
        return (not include or _matches(rel, include)) and not _matches(rel, exclude)

    for src in sources:
        found: Iterable[tuple[str, str, str | None]]
        errors: list[tuple[str, str]] = []
        if is_url(src):
            from .remote import walk

            listed = _first_or(
                (p, r, st)
                for p, r, st in walk(src)
                if keep(r) and not (skip and p.startswith(skip))
            )
            if listed is None:
                yield src, None, "no such file or folder", None, None
                continue
            found = listed
        elif os.path.isdir(src):
            found = (
                (p, r, None) for p, r in _walk_folder(src, "", skip, folders, errors) if keep(r)
            )
        elif os.path.exists(src) or not _GLOB_CHARS.search(src):
            if not os.path.exists(src):
                yield src, None, "no such file or folder", None, None
                continue
            found = [(src, _rel_of_file(src).replace(os.sep, "/"), None)]
        else:
            from .listing import glob_files

            matched = _first_or(
                (p, r, None)
                for p in glob_files(src)
                if keep(r := _rel_of_file(p).replace(os.sep, "/"))
            )
            if matched is None:
                yield src, None, "no file matches this pattern", None, None
                continue
            found = matched
        for path, rel, mark in found:
            real = real_path(path, folders)
            if seen.add(real):
                yield path, rel, None, mark, real
        for name, why in errors:  # a folder that cannot be listed is a failed input
            yield name, None, f"cannot read this folder: {why}", None, None


def _first_or(
    items: Iterator[tuple[str, str, str | None]],
) -> Iterator[tuple[str, str, str | None]] | None:
    """``items`` again, or None when it yields nothing."""
    from itertools import chain

    first = next(items, None)
    return None if first is None else chain([first], items)


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
    names nothing yields an error instead. Folders are read one at a time:
    the inputs are yielded as they are found.
    """
    for path, rel, err, _, _ in _discover(sources, include, exclude, skip_dir, Seen()):
        yield path, rel, err


class Plan:
    """The jobs of a ``convert``, in input order, iterated as often as needed.

    They are spooled to a temporary database (SQLite, in memory while it is
    small, spilling to a temporary file beyond a few MB): planning a million
    inputs holds a page cache, not a million records. ``len()`` is their number.
    """

    def __init__(self, db: Any, count: int) -> None:
        self._db, self._count = db, count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Job]:
        cursor = self._db.execute("SELECT src, out, error, stamp FROM jobs ORDER BY n")
        for src, out, error, mark in cursor:
            yield Job(_text(src), _text(out), _text(error), _text(mark))

    def close(self) -> None:
        self._db.close()


def plan(
    sources: Iterable[str],
    out_dir: str | None,
    fmt: str,
    *,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> Plan:
    """Map every input to its output under ``out_dir`` (the source tree mirrored).

    Two inputs that would share an output (``talk.txt`` and ``talk.eml``) both
    keep their own extension instead (``talk.txt.ics``, ``talk.eml.ics``); the
    same relative path from two sources is numbered (``talk.txt~2.ics``).

    Whether two inputs share an output is known only once every input is
    found: the inputs go first to a table of a temporary database, the
    checks are queries on it, and the jobs a second table (:class:`Plan`).
    """
    import sqlite3

    db = sqlite3.connect("", isolation_level=None)  # private, temporary; spills to disk
    db.execute("PRAGMA cache_size = -4096")  # KB
    db.execute("BEGIN")
    db.execute(
        "CREATE TABLE found (n INTEGER PRIMARY KEY, path BLOB, rel BLOB, error BLOB, "
        "stamp BLOB, target BLOB, real BLOB)"
    )
    db.execute(
        "CREATE TABLE jobs (n INTEGER PRIMARY KEY, src BLOB, out BLOB, error BLOB, stamp BLOB)"
    )
    suffix = OUTPUT_SUFFIX[fmt]
    found = _discover(sources, include, exclude, out_dir, Seen(db))
    if out_dir is None:
        db.executemany(
            "INSERT INTO jobs (src, error, stamp) VALUES (?, ?, ?)",
            (_blobs(p, err, mark) for p, _, err, mark, _ in found),
        )
        return _finished(db)

    base = out_dir if is_url(out_dir) else str(Path(out_dir))

    def under(rel: str) -> str:
        """``rel`` under the output folder (as ``Path(out_dir, rel)``, without
        pathlib, which keeps every name it parses interned for good)."""
        if is_url(base):
            from .remote import join

            return join(base, rel)
        return rel if base == "." else os.path.join(base, rel.replace("/", os.sep))

    folders: dict[str, str] = {}
    db.executemany(
        "INSERT INTO found (path, rel, error, stamp, target, real) VALUES (?, ?, ?, ?, ?, ?)",
        (
            _blobs(p, rel, err, mark, under(with_suffix(rel, suffix)), real)
            if rel else _blobs(p, rel, err, mark, None, None)
            for p, rel, err, mark, real in found
        ),
    )  # fmt: skip
    db.execute("CREATE INDEX found_real ON found (real)")
    db.execute("CREATE TABLE shared (target BLOB PRIMARY KEY) WITHOUT ROWID")
    db.execute(
        "INSERT INTO shared SELECT target FROM found WHERE target IS NOT NULL "
        "GROUP BY target HAVING COUNT(*) > 1"
    )
    db.execute("CREATE TABLE taken (out BLOB PRIMARY KEY) WITHOUT ROWID")

    def one(query: str, value: str) -> bool:
        return db.execute(query, (_blob(value),)).fetchone() is not None

    def jobs() -> Iterator[tuple[str, str | None, str | None, str | None]]:
        rows = db.execute("SELECT path, rel, error, stamp, target FROM found ORDER BY n")
        for row in rows:
            p, rel, err, mark, out = (_text(v) for v in row)
            if err or rel is None:
                yield p, None, err, mark
                continue
            if one("SELECT 1 FROM shared WHERE target = ?", out):
                out = under(rel + suffix)
            n = 1
            while one("SELECT 1 FROM taken WHERE out = ?", out):  # the same path from two sources
                n += 1
                out = under(f"{rel}~{n}{suffix}")
            if one("SELECT 1 FROM found WHERE real = ?", real_path(out, folders)):
                yield p, None, f"its output {out} would overwrite an input", mark
            else:
                db.execute("INSERT INTO taken VALUES (?)", (_blob(out),))
                yield p, out, None, mark

    db.executemany(
        "INSERT INTO jobs (src, out, error, stamp) VALUES (?, ?, ?, ?)",
        (_blobs(*j) for j in jobs()),
    )
    for table in ("found", "shared", "taken"):
        db.execute(f"DROP TABLE {table}")
    return _finished(db)


def with_suffix(rel: str, suffix: str) -> str:
    """``PurePosixPath(rel).with_suffix(suffix)`` as a string, without pathlib.

    >>> with_suffix("a/talk.txt", ".ics"), with_suffix("notes", ".ics"), with_suffix("a/.x", ".ics")
    ('a/talk.ics', 'notes.ics', 'a/.x.ics')
    """
    head, sep, name = rel.rpartition("/")
    dot = name.rfind(".")
    if 0 < dot < len(name) - 1:
        name = name[:dot]
    return head + sep + name + suffix


def _blob(text: str) -> bytes:
    """A name as the plan's tables hold it: bytes, so that a file name that is not
    UTF-8 (its bytes kept as lone surrogates) goes in and comes out unchanged."""
    return text.encode("utf-8", "surrogatepass")


def _blobs(*texts: str | None) -> tuple[bytes | None, ...]:
    return tuple(None if t is None else _blob(t) for t in texts)


def _text(blob: bytes | None) -> Any:
    return None if blob is None else bytes(blob).decode("utf-8", "surrogatepass")


def _finished(db: Any) -> Plan:
    db.execute("COMMIT")
    (count,) = db.execute("SELECT COUNT(*) FROM jobs").fetchone()
    return Plan(db, count)


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


_NON_WORD_RUN = LazyPattern(r"[^\w]+")


def _normal_title(title: str | None) -> str:
    """Title compared for duplicates: case, accents' forms, punctuation and spaces ignored.

    >>> _normal_title("  On  Knots!") == _normal_title("on knots")
    True
    """
    from unicodedata import normalize

    text = normalize("NFKC", title or "").casefold()
    return " ".join(_NON_WORD_RUN.sub(" ", text).split())


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


class Merger:
    """``--merge`` in bounded memory: :func:`merge` one input's events at a time.

    What it remembers of each event kept is a 16-byte digest of its keys
    (UID, start and normalized title), its number and where it came from
    (its file's number and its own); the events themselves
    go, as they come, to a spool (an anonymous temporary file: unlinked at
    once, written and read only by this process) and are read back one at a
    time when the merged file is written (:meth:`write`). The kept event of
    a duplicate gets its ``duplicate-event`` warning then; those warnings (one
    line per copy dropped) are the only other thing held.
    """

    def __init__(self) -> None:
        import tempfile

        self.spool = tempfile.TemporaryFile(prefix=".seminorm-merge-")
        self.count = 0
        self.by_uid: dict[bytes, int] = {}
        self.by_start: dict[bytes, int] = {}
        # where each kept event came from: its file's number and its own, 8 bytes an event
        self.files: list[str] = []
        self.file_of = array("I")
        self.index_of = array("I")
        self.warnings: dict[int, list[str]] = {}
        self.dropped: list[tuple[str, str]] = []

    def take(self, r: Result) -> Result:
        """Merge the events ``r`` carries; return ``r`` without them (what the tally keeps)."""
        if not r.kept:
            return r
        import pickle

        for portable_ev in r.kept:
            ev = restore(portable_ev)
            uid = _uid_key(ev)
            start, title = _start_key(ev), _normal_title(ev.title)
            uid_key = _digest(uid) if uid is not None else None
            key = _digest(f"{start}\n{title}") if start and title else None
            index, why = None, ""
            if uid_key is not None and uid_key in self.by_uid:
                index, why = self.by_uid[uid_key], "same UID"
            elif key is not None and key in self.by_start:
                index, why = self.by_start[key], "same start and title"
            if index is not None:
                message = (
                    f"{_where(ev)} is a duplicate of {self._where_of(index)} ({why}); "
                    "the copy was dropped"
                )
                self.warnings.setdefault(index, []).append(message)
                self.dropped.append((ev.source.path or STDIN_NAME, message))
                continue
            if uid_key is not None:
                self.by_uid[uid_key] = self.count
            if key is not None:
                self.by_start[key] = self.count
            pickle.dump(portable_ev, self.spool, protocol=pickle.HIGHEST_PROTOCOL)
            path = ev.source.path or STDIN_NAME
            if not self.files or self.files[-1] != path:
                self.files.append(path)
            self.file_of.append(len(self.files) - 1)
            self.index_of.append(ev.source.event_index)
            self.count += 1
        return Result(r.src, r.status, r.events, r.warnings, r.error, r.detail, (), r.outputs,
                      r.remembered, r.reference)  # fmt: skip

    def _where_of(self, index: int) -> str:
        """Where kept event ``index`` came from, as :func:`_where` says it."""
        return f"{self.files[self.file_of[index]]} (event {self.index_of[index] + 1})"

    def _events(self) -> Iterator[Event]:
        import pickle

        self.spool.flush()
        position = self.spool.tell()
        self.spool.seek(0)
        try:
            for _ in range(self.count):
                yield pickle.load(self.spool)  # this process's own anonymous file
        finally:
            self.spool.seek(position)

    def write(self, path: str, fmt: str, ctx: Context, explain: bool) -> tuple[int, list[str]]:
        """Write the merged events to ``path`` (atomically, in the writer's own pieces).

        Returns the number of events written and a ``FILE:
        warning[duplicate-event]: ...`` line for every copy dropped: a calendar
        has no place for warnings, so they are shown where each file's are.
        """
        from .write.stream import Writer

        folder = os.path.dirname(os.path.abspath(path)) if not is_url(path) else None
        writer = Writer(fmt, ctx, explain=explain, folder=folder)

        def chunks() -> Iterator[bytes]:
            batch: list[Event] = []
            for i, portable_ev in enumerate(self._events()):
                ev = restore(portable_ev)
                for message in self.warnings.get(i, ()):
                    ev = ev.warn("duplicate-event", message)
                batch.append(ev)
                if len(batch) >= 256:
                    yield writer.write(batch)
                    batch = []
            yield writer.write(batch)
            yield from writer.close()

        try:
            atomic_write(path, chunks())
        finally:
            writer.discard()
            self.spool.close()
        lines = [f"{src}: warning[duplicate-event]: {msg}" for src, msg in self.dropped]
        return self.count, lines


def _digest(text: str) -> bytes:
    from hashlib import blake2b

    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


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


class Report:
    """``--report``: one JSON line per input, written as the results come, in input order.

    The lines go to a hidden temporary file beside the report (flushed after
    every batch of inputs, so a run's progress can be followed there); at the end
    it takes the report's name, whole, as :func:`~seminorm.runner.atomic_write`
    would. Nothing of it is kept in memory.
    """

    def __init__(self, path: str) -> None:
        import tempfile

        folder, name = os.path.split(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        self.path = path
        self._committed = False
        self._fh = tempfile.NamedTemporaryFile(
            "wb", dir=folder, prefix=f".{name}.", suffix=".tmp", delete=False
        )

    def add(self, r: Result) -> None:
        import json

        self._fh.write(json.dumps(r.report()).encode() + b"\n")

    def flush(self) -> None:
        self._fh.flush()

    def commit(self) -> None:
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            os.replace(self._fh.name, self.path)
            self._committed = True
        except OSError as e:
            self.discard()
            from .errors import WriteError

            raise WriteError(f"cannot write {self.path}: {e.strerror or e}") from None

    def discard(self) -> None:
        """Remove the temporary file (nothing happens once it took the report's name)."""
        if self._committed:
            return
        self._fh.close()
        try:
            os.unlink(self._fh.name)
        except OSError:
            pass


#: Inputs taken from the plan at a time: checked against the state, run,
#: reported and let go before the next ones are taken (``convert``'s memory
#: is this many jobs and their results, however many inputs there are).
BATCH = 10_000


def convert(
    plan: Iterable[Job],
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

    The plan is taken :data:`BATCH` inputs at a time, and each result is
    counted, reported, remembered and let go as it comes, in input order
    (the inputs found up to date are reported in their place among the
    others): only ``--merge`` keeps what it must, the events.
    """
    from collections import deque
    from itertools import islice

    from .write import format_for_path

    folders: dict[str, str] = {}
    root = settings.out_root
    state = None
    if out_dir is not None and not merge:
        from .state import State, options_key

        state = State(out_dir, options_key(settings))
    total = len(plan) if isinstance(plan, Sized) else 0
    progress = Progress(total, bar=bar, quiet=quiet, verbose=verbose)
    progress.tally.skip_empty = settings.skip_empty
    tally = progress.tally
    rows = Report(report) if report else None
    merger = Merger() if merge else None
    settings = replace(settings, fail_fast=fail_fast)
    stopped = False  # by --fail-fast

    def done(r: Result, job: Job | None) -> None:
        nonlocal stopped
        if merger is not None:
            r = merger.take(r)  # its events merged; the tally keeps none
        progress(r)
        if rows is not None:
            rows.add(r)
        if state is not None and job is not None:
            state.remember(job, r)
        stopped = stopped or (job is not None and settings.fail_fast and settings.fails(r))

    def known(job: Job) -> Result | None:
        """The result of a job that need not run (up to date, or failed before)."""
        if merge or force or job.error:
            return None
        if state is None:
            return Result(job.src, "skipped") if up_to_date(job, root, folders) else None
        found = state.recall(job, retry_failed=retry_failed)
        if found is None:
            return None
        if found.status != "ok":
            return Result(job.src, found.status, error=found.error, remembered=True)
        if all(is_url(p) or safe_output(p, root, folders) for p in found.outputs):
            return Result(job.src, "skipped", outputs=found.outputs)
        return None

    def finish() -> None:
        if state is not None:
            state.save()
        if rows is not None:
            rows.commit()

    waiting: deque[tuple[Job, Result | None]] = deque()

    def on_result(r: Result) -> None:
        """A run job's result: first the known ones before it in the plan (a job
        left out by an interruption in between is not done)."""
        while waiting:
            job, result = waiting.popleft()
            if job.src == r.src and result is None:
                done(r, job)
                return
            if result is not None:
                done(result, None)
        done(r, None)

    inputs = iter(plan)
    try:
        with CtrlC() as ctrl_c:
            try:
                while not stopped:
                    part = list(islice(inputs, BATCH))
                    if not part:
                        break
                    todo = []
                    for job in part:
                        result = known(job)
                        waiting.append((job, result))
                        if result is None:
                            todo.append(job)
                    if todo:
                        execute(todo, settings, jobs, on_result, ctrl_c=ctrl_c, backend=backend)
                    elif ctrl_c.hit:
                        raise Interrupted
                    while waiting and waiting[0][1] is not None and not stopped:
                        result = waiting.popleft()[1]
                        if result is not None:
                            done(result, None)
                    waiting.clear()
                    if rows is not None:
                        rows.flush()
            except Interrupted:
                ctrl_c.finishing = True  # no further Ctrl-C may cut the report or the summary
                progress.close()
                finish()
                left = f"{total - tally.files} not done" if total else "the rest not done"
                echo(f"interrupted: {left}; {tally.line()}")
                return tally, True
            finally:
                progress.close()
        if merge and merger is not None:
            fmt = format_for_path(merge) or settings.fmt
            n, duplicates = merger.write(merge, fmt, settings.ctx, settings.explain)
            tally.warnings += len(duplicates)
            if not quiet:
                for line in duplicates:
                    echo(line)
                dropped = f" ({len(duplicates)} duplicates dropped)" if duplicates else ""
                echo(f"{merge}: {n} events{dropped}")
        finish()
    except BaseException:
        if rows is not None:
            rows.discard()
        raise
    if not quiet:
        echo(tally.line())
    return tally, False
