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
from typing import Any, NamedTuple

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


def walk(url: str) -> Iterator[tuple[str, str, str | None]]:
    """Every file under ``url`` (or ``url`` itself) as ``(its URL, relative path, stamp)``.

    Hidden files and folders (a name starting with a dot) are left out, as
    for local folders; the order is that of the relative paths' parts. The
    folders are listed one at a time, depth first, each with one ``ls``:
    fsspec lists no other way (``walk`` calls ``ls`` per folder, ``find``
    returns the whole subtree at once; only s3fs has an iterator of pages,
    private). Of each listing only what the walk needs is kept (:class:`_Entry`:
    the name, whether it is a folder, the stamp), and the file system's own
    listing cache (s3fs, gcsfs and adlfs keep every folder they list for the
    life of the file system, which would be the whole tree) lets go of it.
    The stamp (:func:`stamp`) comes from the listing: it tells the
    incremental state whether the object changed without a request per object.
    """
    fs, root = _fs(url)
    if not fs.isdir(root):
        if fs.isfile(root):
            yield url, posixpath.basename(root), stamp(fs.info(root))
        return
    yield from _walk_folder(fs, root.rstrip("/"), url, "")


class _Entry(NamedTuple):
    name: str
    folder: bool
    stamp: str | None


def _list(fs: Any, folder: str) -> list[_Entry]:
    """The visible entries of ``folder``, sorted by name; nothing of it left cached."""
    entries = []
    for info in fs.ls(folder, detail=True):
        name = posixpath.basename(str(info["name"]).rstrip("/"))
        if name and not name.startswith("."):
            is_folder = info.get("type") == "directory"
            entries.append(_Entry(name, is_folder, None if is_folder else stamp(info)))
    fs.invalidate_cache(folder)
    entries.sort(key=lambda e: (e.name, e.folder))
    return entries


def _walk_folder(
    fs: Any, folder: str, url: str, prefix: str
) -> Iterator[tuple[str, str, str | None]]:
    for entry in _list(fs, folder):
        rel = prefix + entry.name
        if entry.folder:
            yield from _walk_folder(fs, folder + "/" + entry.name, url, rel + "/")
        else:
            yield join(url, rel), rel, entry.stamp


def stamp(info: dict[str, Any]) -> str | None:
    """What tells one version of an object from another: its size and the first of
    the store's entity tag, checksum or modification time that its listing gives.

    >>> stamp({"size": 3, "ETag": '"abc"', "LastModified": "x"})
    '3:"abc"'
    >>> stamp({"name": "a"}) is None
    True
    """
    from datetime import datetime

    for key in ("ETag", "etag", "md5Hash", "crc32c", "LastModified", "last_modified",
                "mtime", "updated", "modified", "created"):  # fmt: skip
        value = info.get(key)
        if value is not None:
            if isinstance(value, datetime):
                value = value.timestamp()
            return f"{info.get('size')}:{value}"
    return None


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


def _make_parent(fs: Any, path: str) -> None:
    """Create the folder ``path`` goes into (object stores without folders ignore it)."""
    parent = posixpath.dirname(path)
    if parent:
        fs.makedirs(parent, exist_ok=True)


def write(url: str, data: bytes) -> None:
    """Write one output whole: a single put, which object stores make visible at once."""
    fs, path = _fs(url)
    try:
        _make_parent(fs, path)
        fs.pipe_file(path, data)
    except OSError as e:
        raise WriteError(f"cannot write {url}: {e.strerror or e}") from None


def stamp_of(url: str) -> str | None:
    """:func:`stamp` of one object, asked of the store (None when it is not there)."""
    fs, path = _fs(url)
    try:
        return stamp(fs.info(path))
    except (OSError, ValueError):
        return None


def fetch(url: str, local: str) -> bool:
    """Copy ``url`` to the local file ``local``; False when there is no such object."""
    fs, path = _fs(url)
    try:
        if not fs.isfile(path):
            return False
        fs.get_file(path, local)
    except OSError as e:
        raise ReadError(f"cannot read {url}: {e.strerror or e}") from None
    return True


def put(local: str, url: str) -> None:
    """Copy the local file ``local`` to ``url`` (streamed, never held whole in memory)."""
    fs, path = _fs(url)
    try:
        _make_parent(fs, path)
        fs.put_file(local, path)
    except OSError as e:
        raise WriteError(f"cannot write {url}: {e.strerror or e}") from None
