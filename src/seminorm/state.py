"""``convert``'s memory between runs: what each input became, under which options.

A batch run by cron must redo exactly what changed. The state file
(:data:`STATE_NAME`, in the output folder; hidden, so never read as an
input) records for every input:

- its content (size, modification time, and a BLAKE2b digest, computed
  only when size or time changed: a ``touch`` alone re-makes nothing);
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
"nothing known": everything is converted and a new file is written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pool import Job, Settings
    from .runner import Result

__all__ = ["STATE_NAME", "Remembered", "State", "options_key"]

STATE_NAME = ".seminorm-state.json"
_VERSION = 1  # of the file's layout


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


@dataclass(frozen=True, slots=True)
class Remembered:
    """What the state file says became of an input the last time."""

    status: str  # ok | failed | no-event
    events: int
    error: str | None
    outputs: tuple[str, ...]


class State:
    """The state file of one output folder, read at the start and written at the end."""

    def __init__(self, out_dir: str, options: str) -> None:
        self.path = os.path.join(out_dir, STATE_NAME)
        self.options = options
        self.records: dict[str, dict[str, Any]] = {}
        try:
            with open(self.path, encoding="utf-8") as fh:
                data = json.load(fh)
            if isinstance(data, dict) and data.get("version") == _VERSION:
                records = data.get("inputs")
                if isinstance(records, dict):
                    self.records = {k: v for k, v in records.items() if isinstance(v, dict)}
        except (OSError, ValueError):
            pass
        self._seen: dict[str, tuple[int, int, str | None]] = {}

    def _content(self, src: str, record: dict[str, Any] | None) -> tuple[int, int, str | None]:
        """Size, modification time and digest of ``src`` (the digest reused when unchanged)."""
        if src in self._seen:
            return self._seen[src]
        try:
            st = os.stat(src)
        except OSError:
            return (-1, -1, None)
        size, mtime = st.st_size, st.st_mtime_ns
        if record and record.get("size") == size and record.get("mtime_ns") == mtime:
            digest = record.get("digest")
        else:
            digest = _digest(src)
        self._seen[src] = (size, mtime, digest)
        return self._seen[src]

    def recall(self, job: Job, *, retry_failed: bool) -> Remembered | None:
        """What became of ``job`` last time, if nothing that decides it has changed since.

        None means: convert it. An ``ok`` input whose outputs are gone, and
        a failed one under ``retry_failed``, are converted again.
        """
        record = self.records.get(job.src)
        if not record or record.get("options") != self.options or record.get("out") != job.out:
            return None
        size, mtime, digest = self._content(job.src, record)
        if digest is None or digest != record.get("digest"):
            return None
        record["size"], record["mtime_ns"] = size, mtime  # touched, not changed: digest once
        status = record.get("status")
        outputs = tuple(str(p) for p in record.get("outputs") or ())
        if status == "ok":
            if not all(os.path.isfile(p) for p in outputs):
                return None
        elif status in ("failed", "no-event"):
            if retry_failed:
                return None
        else:
            return None
        events = record.get("events")
        error = record.get("error")
        return Remembered(
            str(status),
            events if isinstance(events, int) else 0,
            error if isinstance(error, str) else None,
            outputs,
        )

    def remember(self, jobs: Iterable[Job], results: Iterable[Result]) -> None:
        """Note what became of every job that ran (results of skipped jobs change nothing)."""
        by_src = {job.src: job for job in jobs}
        stale: set[str] = set()
        for r in results:
            job = by_src.get(r.src)
            if job is None or r.status not in ("ok", "failed", "no-event") or r.remembered:
                continue
            old = self.records.get(r.src)
            size, mtime, digest = self._content(r.src, old)
            if digest is None:  # unreadable: nothing to remember it by
                self.records.pop(r.src, None)
                continue
            if old and old.get("out") == job.out:
                stale.update(p for p in old.get("outputs") or () if isinstance(p, str))
            self.records[r.src] = {
                "out": job.out,
                "size": size,
                "mtime_ns": mtime,
                "digest": digest,
                "options": self.options,
                "status": r.status,
                "events": r.events,
                "error": r.error,
                "outputs": list(r.outputs),
            }
        self._remove(stale)

    def _remove(self, stale: set[str]) -> None:
        """Remove outputs of earlier runs that no input makes any more (a UID that
        changed under ``--split``): only ``.ics`` files inside the output folder."""
        current = {p for rec in self.records.values() for p in rec.get("outputs") or ()}
        folder = os.path.realpath(os.path.dirname(self.path))
        for path in sorted(stale - current):
            real = os.path.realpath(path)
            if real.endswith(".ics") and real.startswith(folder + os.sep) and os.path.isfile(real):
                try:
                    os.unlink(real)
                except OSError:
                    pass

    def save(self) -> None:
        from .runner import atomic_write

        data = {"version": _VERSION, "inputs": self.records}
        atomic_write(self.path, json.dumps(data, indent=1, sort_keys=True).encode() + b"\n")
