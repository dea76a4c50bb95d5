"""``convert``'s memory between runs: what each input became, under which options.

A batch run by cron must redo exactly what changed. The state file
(:data:`STATE_NAME`, in the output folder; hidden, so never read as an
input) is an SQLite database, read and written a record at a time (the
memory of ``convert`` does not grow with the number of inputs it
remembers), committed every few thousand inputs and at the end. It records
for every input:

- its content (size, modification time, and a BLAKE2b digest, computed
  only when size or time changed: a ``touch`` alone re-makes nothing); for
  an object in storage (a URL), its size and version as its listing gives
  them (the entity tag or the time it was written:
  :func:`seminorm.remote.stamp`), without reading it;
- the options that change outputs (:func:`options_key`: ``--tz``,
  ``--reference-date``, ``--date-order``, ``--format``, ``--summary``,
  ``--output-tz``, ``--explain``, ``--split``, ``--default-duration`` and
  the seminorm version), so changing any of them re-makes the outputs
  without ``--force``;
- what became of it: the outputs written, or the error of a failed input
  and whether it simply held no event.

An input that failed is not retried while its content and the options stay
the same (``--retry-failed`` retries it); it is still listed, as failed, in
the summary and the report. A missing or unreadable state file means
"nothing known": everything is converted and a new file is written (so
does the JSON state file of earlier versions, which is then removed). With
an output folder in storage, the file is fetched at the start and put
back at the end.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pool import Job, Settings
    from .runner import Result

__all__ = ["STATE_NAME", "Remembered", "State", "options_key"]

STATE_NAME = ".seminorm-state.sqlite"
_OLD_NAME = ".seminorm-state.json"  # the layout of earlier versions: read as "nothing known"
_VERSION = 2  # of the file's layout (SQLite's user_version)
_SCHEMA = (
    "CREATE TABLE inputs (src BLOB PRIMARY KEY, out BLOB, size INTEGER, mtime_ns INTEGER, "
    "digest TEXT, options TEXT, status TEXT, events INTEGER, error BLOB, outputs TEXT)",
    "CREATE TABLE outputs (src BLOB, path BLOB, PRIMARY KEY (src, path)) WITHOUT ROWID",
    "CREATE INDEX outputs_path ON outputs (path)",
    f"PRAGMA user_version = {_VERSION}",
)
_COMMIT_EVERY = 2000  # inputs remembered between two commits
_CONTENTS_KEPT = 20_000  # size, time and digest of inputs recalled, until remembered


def options_key(settings: Settings) -> str:
    """What, besides an input, decides its outputs; equal keys, equal outputs.

    >>> from seminorm.context import Context
    >>> from seminorm.pool import Settings
    >>> a = options_key(Settings(Context(tz="Europe/Paris"), "ics"))
    >>> a == options_key(Settings(Context(tz="Europe/Paris"), "ics"))
    True
    >>> a == options_key(Settings(Context(tz="Europe/Berlin"), "ics"))
    False
    """
    from . import __version__

    ctx = settings.ctx
    options = {
        "seminorm": __version__,
        "tz": ctx.tz,
        "reference_date": ctx.reference.isoformat() if ctx.reference else None,
        "date_order": ctx.date_order,
        "format": settings.fmt,
        "summary": ctx.summary_template,
        "output_tz": ctx.output_tz,
        "explain": settings.explain or ctx.explain,
        "split": settings.split,
        "default_duration": ctx.default_duration,
    }
    return json.dumps(options, sort_keys=True, default=str)


def _digest(path: str) -> str | None:
    import hashlib

    h = hashlib.blake2b(digest_size=16)
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def _is_url(name: str) -> bool:
    return "://" in name


@dataclass(frozen=True, slots=True)
class Remembered:
    """What the state file says became of an input the last time."""

    status: str  # ok | failed | no-event
    events: int
    error: str | None
    outputs: tuple[str, ...]


class State:
    """The state file of one output folder, read and written as ``convert`` goes."""

    def __init__(self, out_dir: str, options: str) -> None:
        import sqlite3

        self.options = options
        self.url: str | None = None
        self.folder = out_dir
        if _is_url(out_dir):
            self.url = out_dir.rstrip("/") + "/" + STATE_NAME
            self.path = self._fetch(self.url)
        else:
            self.path = os.path.join(out_dir, STATE_NAME)
            os.makedirs(out_dir, exist_ok=True)
        try:
            self.db = self._open(self.path)
        except sqlite3.DatabaseError:  # not a database, or damaged: nothing known
            for name in (self.path, self.path + "-journal"):
                try:
                    os.unlink(name)
                except OSError:
                    pass
            self.db = self._open(self.path)
        self.db.execute("CREATE TEMP TABLE stale (path BLOB PRIMARY KEY) WITHOUT ROWID")
        self.db.execute("BEGIN")
        self._pending = 0
        self._contents: dict[str, tuple[int, int, str | None]] = {}

    @staticmethod
    def _open(path: str) -> Any:
        import sqlite3

        db = sqlite3.connect(path, timeout=60, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous = NORMAL")
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version != _VERSION:
                db.execute("BEGIN")
                for (table,) in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                ).fetchall():
                    db.execute(f'DROP TABLE "{table}"')
                for statement in _SCHEMA:
                    db.execute(statement)
                db.execute("COMMIT")
            db.execute("SELECT src FROM inputs LIMIT 1").fetchall()
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _fetch(url: str) -> str:
        """A local copy of the state file at ``url`` (an empty new one when there is none)."""
        import tempfile

        from .remote import fetch

        fd, local = tempfile.mkstemp(prefix="seminorm-state-", suffix=".sqlite")
        os.close(fd)
        if not fetch(url, local):
            os.unlink(local)
        return local

    def _content(self, job: Job, record: tuple[Any, ...] | None) -> tuple[int, int, str | None]:
        """Size, modification time and digest of the input (the digest reused when unchanged).

        ``record`` is ``(size, mtime_ns, digest)`` as last remembered. An
        object in storage is known by its listing's stamp instead.
        """
        src = job.src
        known = self._contents.get(src)
        if known is not None:
            return known
        if _is_url(src):
            mark = job.stamp
            if mark is None:
                from .remote import stamp_of

                mark = stamp_of(src)
            content: tuple[int, int, str | None] = (-1, -1, None if mark is None else "url " + mark)
        else:
            try:
                st = os.stat(src)
            except OSError:
                return (-1, -1, None)
            size, mtime = st.st_size, st.st_mtime_ns
            if record and record[0] == size and record[1] == mtime:
                digest = record[2]
            else:
                digest = _digest(src)
            content = (size, mtime, digest)
        if len(self._contents) >= _CONTENTS_KEPT:
            self._contents.clear()
        self._contents[src] = content
        return content

    def recall(self, job: Job, *, retry_failed: bool) -> Remembered | None:
        """What became of ``job`` last time, if nothing that decides it has changed since.

        None means: convert it. An ``ok`` input whose outputs are gone, and
        a failed one under ``retry_failed``, are converted again.
        """
        row = self.db.execute(
            "SELECT out, size, mtime_ns, digest, options, status, events, error, outputs "
            "FROM inputs WHERE src = ?",
            (_blob(job.src),),
        ).fetchone()
        if row is None or row[4] != self.options or _text(row[0]) != job.out:
            return None
        _, old_size, old_mtime, old_digest, _, status, events, error_blob, outputs_json = row
        error = _text(error_blob)
        size, mtime, digest = self._content(job, (old_size, old_mtime, old_digest))
        if digest is None or digest != old_digest:
            return None
        if (size, mtime) != (old_size, old_mtime):  # touched, not changed: digest once
            self.db.execute(
                "UPDATE inputs SET size = ?, mtime_ns = ? WHERE src = ?",
                (size, mtime, _blob(job.src)),
            )
            self._wrote()
        outputs = _paths(outputs_json)
        if status == "ok":
            if not all(_exists(p) for p in outputs):
                return None
        elif status in ("failed", "no-event"):
            if retry_failed:
                return None
        else:
            return None
        return Remembered(
            str(status),
            events if isinstance(events, int) else 0,
            error if isinstance(error, str) else None,
            outputs,
        )

    def remember(self, job: Job, result: Result) -> None:
        """Note what became of ``job`` (results of skipped jobs change nothing)."""
        if result.status not in ("ok", "failed", "no-event") or result.remembered:
            return
        src = job.src
        key = _blob(src)
        old = self.db.execute(
            "SELECT out, size, mtime_ns, digest, outputs FROM inputs WHERE src = ?", (key,)
        ).fetchone()
        size, mtime, digest = self._content(job, old[1:4] if old else None)
        self._contents.pop(src, None)
        self._wrote()
        if old and _text(old[0]) == job.out:
            self.db.executemany(
                "INSERT OR IGNORE INTO stale VALUES (?)", ((_blob(p),) for p in _paths(old[4]))
            )
        self.db.execute("DELETE FROM outputs WHERE src = ?", (key,))
        if digest is None:  # unreadable: nothing to remember it by
            self.db.execute("DELETE FROM inputs WHERE src = ?", (key,))
            return
        self.db.execute(
            "INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, _blob(job.out), size, mtime, digest, self.options, result.status,
             result.events, _blob(result.error), json.dumps(list(result.outputs))),
        )  # fmt: skip
        self.db.executemany(
            "INSERT OR IGNORE INTO outputs VALUES (?, ?)", ((key, _blob(p)) for p in result.outputs)
        )

    def _wrote(self) -> None:
        self._pending += 1
        if self._pending >= _COMMIT_EVERY:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")
            self._pending = 0

    def _remove_stale(self) -> None:
        """Remove outputs of earlier runs that no input makes any more (a UID that
        changed under ``--split``): only ``.ics`` files inside the output folder."""
        if self.url is not None:
            return
        folder = os.path.realpath(self.folder)
        rows = self.db.execute(
            "SELECT path FROM stale WHERE path NOT IN (SELECT path FROM outputs) ORDER BY path"
        )
        for (blob,) in rows:
            real = os.path.realpath(_text(blob) or "")
            if real.endswith(".ics") and real.startswith(folder + os.sep) and os.path.isfile(real):
                try:
                    os.unlink(real)
                except OSError:
                    pass

    def save(self) -> None:
        """Commit what was remembered, remove stale outputs, and close the file."""
        self._remove_stale()
        self.db.execute("COMMIT")
        self.db.close()
        if self.url is not None:
            from .remote import put

            try:
                put(self.path, self.url)
            finally:
                os.unlink(self.path)
        else:
            try:
                os.unlink(os.path.join(self.folder, _OLD_NAME))
            except OSError:
                pass


def _blob(text: str | None) -> bytes | None:
    """A name as the state file holds it: bytes, so that a file name that is not
    UTF-8 (its bytes kept as lone surrogates) goes in and comes out unchanged."""
    return None if text is None else text.encode("utf-8", "surrogatepass")


def _text(blob: bytes | None) -> str | None:
    return None if blob is None else bytes(blob).decode("utf-8", "surrogatepass")


def _paths(outputs_json: str | None) -> tuple[str, ...]:
    try:
        paths = json.loads(outputs_json or "[]")
    except ValueError:
        return ()
    return tuple(str(p) for p in paths) if isinstance(paths, list) else ()


def _exists(path: str) -> bool:
    if _is_url(path):
        from .remote import exists

        return exists(path)
    return os.path.isfile(path)
