"""Inputs and outputs named by URL (``s3://``, ``gs://``, ``memory://``...), through fsspec.

``convert --engine dask`` reads and writes object storage with these; a
local path never comes here. fsspec is part of the ``dask`` extra and is
imported on first use.

>>> is_url("s3://bucket/talks/a.txt"), is_url("talks/a.txt"), is_url("C:/talks/a.txt")
(True, False, False)
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any

from seminorm.patterns import LazyPattern

from .errors import ReadError, SeminormError, WriteError

_URL = LazyPattern(r"^[A-Za-z][A-Za-z0-9+.-]+://")

#: The one line shown when the extra is not installed.
MISSING = "the Dask engine and URLs need the 'dask' extra: pip install 'seminorm[dask]'"


def is_url(name: str) -> bool:
    return bool(_URL.match(name))


def _fs(url: str) -> tuple[Any, str]:
    try:
        import fsspec
    except ImportError:
        raise SeminormError(MISSING) from None
    try:
        fs, path = fsspec.core.url_to_fs(url)
        return fs, str(path)
    except (ImportError, ValueError) as e:
        raise SeminormError(f"{url}: {e}") from None


def join(folder: str, rel: str) -> str:
    """``folder/rel`` for a URL folder.

    >>> join("memory://out/", "a/b.ics")
    'memory://out/a/b.ics'
    """
    return folder.rstrip("/") + "/" + rel


def walk(url: str) -> Iterator[tuple[str, str]]:
    """Every file under ``url`` (or ``url`` itself) as ``(its URL, relative path)``.

    Hidden files and folders (a name starting with a dot) are left out, as
    for local folders; the order is that of the relative paths' parts.
    """
    fs, root = _fs(url)
    if not fs.isdir(root):
        if fs.isfile(root):
            yield url, posixpath.basename(root)
        return
    found = []
    for path in fs.find(root):
        rel = posixpath.relpath(path, root)
        if not any(part.startswith(".") for part in rel.split("/")):
            found.append((join(url, rel), rel))
    found.sort(key=lambda item: item[1].split("/"))
    yield from found


def exists(url: str) -> bool:
    fs, path = _fs(url)
    return bool(fs.exists(path))


def modified(url: str) -> float | None:
    """The time ``url`` was last written (a POSIX timestamp), if the store tells."""
    fs, path = _fs(url)
    try:
        return float(fs.modified(path).timestamp())
    except (NotImplementedError, OSError, AttributeError, ValueError):
        return None


def read(url: str, max_bytes: int) -> bytes:
    """One input, refusing more than ``max_bytes`` (as :func:`runner.read_input`)."""
    fs, path = _fs(url)
    try:
        with fs.open(path, "rb") as fh:
            from .pipeline import read_upto

            data: bytes = read_upto(fh, max_bytes + 1)
    except OSError as e:
        raise ReadError(f"cannot read: {e.strerror or e}") from None
    if len(data) > max_bytes:
        raise ReadError(
            f"input is over the limit of {max_bytes:,} bytes; raise it with --max-bytes"
        )
    return data


def write(url: str, data: bytes) -> None:
    """Write one output whole: a single put, which object stores make visible at once."""
    fs, path = _fs(url)
    try:
        parent = posixpath.dirname(path)
        if parent:
            fs.makedirs(parent, exist_ok=True)
        fs.pipe_file(path, data)
    except OSError as e:
        raise WriteError(f"cannot write {url}: {e.strerror or e}") from None
