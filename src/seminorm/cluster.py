"""``convert --engine dask``: the same conversion on a Dask cluster.

One code path for a file (:func:`seminorm.pool.run_chunk` and its
:func:`~seminorm.pool.run_job`), two schedulers around it: :mod:`seminorm.pool`
runs the chunks on local processes, :func:`backend` here on the workers of a
``distributed`` cluster, each chunk in a child the worker forks
(:func:`seminorm.pool.run_chunk_apart`: the per-file limits and crashes are
the child's, reported as locally, and the worker lives on) (a LocalCluster of processes, or a running scheduler
given by address). Planning, the order of results, the report, ``--merge``,
the incremental check and the summary are those of :mod:`seminorm.batch`,
on the client.

The client sends the chunks a few at a time (a window of about four per
worker thread), lets go of each future and result once it is emitted, and
runs with ``distributed``'s message logs off (:data:`QUIET_CONFIG`), so its
memory does not grow with the number of tasks. A chunk whose worker is lost is
run again by the scheduler (its outputs are written whole, under the same
names: no duplicates); one that keeps killing workers (``KilledWorker``)
fails, and its files run again each on its own, as on local workers.

Dask (``distributed``) and fsspec are the ``dask`` extra, imported here only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .context import DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_LIMIT, Context
from .errors import SeminormError
from .pool import Backend, Job, Settings, run_chunk_apart
from .remote import MISSING
from .runner import Result, describe

if TYPE_CHECKING:
    from dask.bag import Bag


def require() -> None:
    """Raise SeminormError (one line naming the extra) unless Dask is installed."""
    try:
        import distributed  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError:
        raise SeminormError(MISSING) from None


def backend(client: Any, window: int) -> Backend:
    """A :data:`seminorm.pool.Backend` on ``client``'s cluster, ``window`` chunks in flight."""

    def run(
        parts: list[list[Job]],
        settings: Settings,
        workers: int,
        on_done: Callable[[int, list[Result]], None],
        should_stop: Callable[[], bool],
    ) -> dict[int, str]:
        from distributed import as_completed

        died: dict[int, str] = {}
        waiting = iter(range(len(parts)))
        index: dict[Any, int] = {}
        flow = as_completed()

        def submit() -> None:
            i = next(waiting, None)
            if i is not None:
                future = client.submit(run_chunk_apart, parts[i], settings, pure=False)
                index[future] = i
                flow.add(future)

        for _ in range(window):
            submit()
        try:
            for future in flow:
                i = index.pop(future)
                try:
                    results = future.result()
                except Exception as e:  # KilledWorker, a lost connection: the part died
                    died[i] = f"internal error: {describe(e)}"
                else:
                    on_done(i, results)
                future.release()
                if should_stop():
                    break
                submit()
        finally:
            if index:  # stopped or interrupted: what is still queued or running is dropped
                client.cancel(list(index), force=True)
        return died

    return run


#: Dask settings of the client's process while ``convert`` runs. ``distributed``
#: keeps, for its developers, the last ``low-level-log-length`` (1,000) batches of
#: messages of every connection, which are the pickled chunks the client submits
#: (a few KB each), and with every submission the source of the calling function
#: (``computations.nframes``). Off: the client's memory then stays flat however
#: many chunks it sends (it grew by 9 MB until 1,000 batches had gone).
QUIET_CONFIG = {
    "distributed.admin.low-level-log-length": 0,
    "distributed.diagnostics.computations.nframes": 0,
}


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[tuple[Backend, int]]:
    """A backend on the cluster at ``scheduler`` or, without one, on a LocalCluster
    of ``workers`` processes (one thread each, on 127.0.0.1); and its thread count."""
    require()
    import logging

    import dask
    from distributed import Client, LocalCluster

    with dask.config.set(QUIET_CONFIG):
        cluster = None
        if scheduler:
            try:
                client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError, ValueError) as e:
                raise SeminormError(
                    f"cannot reach the Dask scheduler at {scheduler}: {describe(e)}"
                ) from None
        else:
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        try:
            threads = sum(client.nthreads().values()) or 1
            yield backend(client, 4 * threads), threads
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _target(path: str, out_dir: str | None, fmt: str) -> str | None:
    from pathlib import PurePosixPath

    from .batch import OUTPUT_SUFFIX

    if out_dir is None:
        return None
    name = str(PurePosixPath(path.replace("\\", "/")).with_suffix(OUTPUT_SUFFIX[fmt]).name)
    if "://" in out_dir:
        from .remote import join

        return join(out_dir, name)
    import os

    return os.path.join(out_dir, name)


def _convert_partition(items: Iterable[Any], out_dir: str | None, settings: Settings) -> list[Any]:
    jobs = [
        Job(item[0], item[1]) if isinstance(item, tuple) else Job(item, _target(item, out_dir, settings.fmt))
        for item in items
    ]  # fmt: skip
    return [r.report() for r in run_chunk_apart(jobs, settings)]


def convert_bag(
    inputs: Iterable[str | tuple[str, str]] | Bag,
    out_dir: str | None = None,
    fmt: str = "ics",
    *,
    ctx: Context | None = None,
    files_per_task: int = 32,
    time_limit: int = DEFAULT_TIME_LIMIT,
    memory_limit: int = DEFAULT_MEMORY_LIMIT,
) -> Bag:
    """Convert inputs on Dask from the library: a bag of ``--report`` rows.

    ``inputs`` are paths or URLs (a list, or a ``dask.bag`` of them), each
    written to ``out_dir`` under its own name with the format's suffix, or
    ``(input, output)`` pairs (as :func:`seminorm.batch.plan` makes them for
    a mirrored tree). Nothing runs until the bag is computed::

        rows = convert_bag(["s3://talks/a.txt"], "s3://calendars").compute()

    Each row is ``{"path", "status", "events", "warnings", "error"}``.
    """
    require()
    import dask.bag as db

    bag = (
        inputs
        if isinstance(inputs, db.Bag)
        else db.from_sequence(list(inputs), partition_size=files_per_task)
    )
    settings = Settings(ctx or Context(), fmt, time_limit=time_limit, memory_limit=memory_limit,
                        out_root=out_dir if out_dir and "://" not in out_dir else None)  # fmt: skip
    return bag.map_partitions(_convert_partition, out_dir, settings)
