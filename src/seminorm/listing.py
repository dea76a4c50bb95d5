"""Folders and glob patterns listed lazily, in sorted order, in bounded memory.

``convert`` plans every input of its sources (:mod:`seminorm.batch`), for
both engines. A folder's names come sorted (:func:`entries`), but a folder
of a million files is never held whole: its names are sorted :data:`RUN`
at a time, each sorted run spilled to one anonymous temporary file, and
the runs merged as they are read back. A glob pattern (:func:`glob_files`)
is matched component by component while the folders under its fixed part
are walked depth first, one folder's listing (bounded as above) per level,
instead of being expanded and sorted whole.

The order is that of the paths' parts (``a/b.txt`` before ``a.txt``, as the
walk of a folder gives it), the same for folders and patterns.

>>> _closure(("**", "x", "**"), {0})
[0, 1]
>>> _advance(("**", "*.txt"), [0, 1], "a.txt", link=False)
[0, 1, 2]
"""

from __future__ import annotations

import fnmatch
import heapq
import os
from collections.abc import Iterable, Iterator
from typing import IO

from seminorm.patterns import LazyPattern

#: Names of one folder sorted in memory at a time; beyond, sorted runs of this
#: many go to a temporary file and are merged (a few MB, however big the folder).
RUN = 20_000

#: Bytes read back from a spilled run at a time (one buffer per run while merging).
BLOCK = 16_384

#: Sorted runs of one size merged into one (the runs read at once stay few).
FAN_IN = 16

_MAGIC = LazyPattern(r"[*?\[]")


def entries(folder: str, hidden: bool = False) -> Iterator[tuple[str, bool]]:
    """``(name, is a folder)`` of every entry of ``folder``, sorted by name.

    Names starting with a dot are left out unless ``hidden``. Raises OSError
    when the folder cannot be listed. At most :data:`RUN` names are held,
    and a block of each of at most :data:`FAN_IN` runs a level.
    """
    with os.scandir(folder) as it:
        run: list[tuple[str, bool]] = []
        spill: IO[bytes] | None = None
        runs: list[tuple[int, int, int]] = []  # (level, start, end) of each sorted run
        for entry in it:
            if hidden or not entry.name.startswith("."):
                run.append((entry.name, _is_dir(entry)))
                if len(run) >= RUN:
                    spill = spill or _spill_file()
                    run.sort()
                    _add_run(spill, runs, _write(spill, run))
                    run = []
    run.sort()
    if spill is None:
        yield from run
        return
    with spill:
        if run:
            _add_run(spill, runs, _write(spill, run))
        del run
        yield from heapq.merge(*(_read(spill, start, end) for _, start, end in runs))


def _add_run(spill: IO[bytes], runs: list[tuple[int, int, int]], span: tuple[int, int]) -> None:
    """Add a sorted run of level 0; :data:`FAN_IN` runs of one level become one of the next."""
    runs.append((0, *span))
    while len(runs) >= FAN_IN and len({level for level, _, _ in runs[-FAN_IN:]}) == 1:
        level = runs[-1][0]
        merged = heapq.merge(*(_read(spill, start, end) for _, start, end in runs[-FAN_IN:]))
        del runs[-FAN_IN:]
        runs.append((level + 1, *_write(spill, merged)))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _spill_file() -> IO[bytes]:
    import tempfile

    return tempfile.TemporaryFile(prefix=".seminorm-listing-")


def _write(spill: IO[bytes], run: Iterable[tuple[str, bool]]) -> tuple[int, int]:
    """Append sorted entries to ``spill``, one record each (``D`` or ``F``, the name,
    NUL), a block at a time; their span in the file."""
    spill.seek(0, os.SEEK_END)
    start = end = spill.tell()
    block = bytearray()
    for name, is_dir in run:
        block += b"D" if is_dir else b"F"
        block += name.encode("utf-8", "surrogatepass")
        block += b"\0"
        if len(block) >= BLOCK:
            end = _append(spill, block, end)
            block = bytearray()
    return start, _append(spill, block, end)


def _append(spill: IO[bytes], block: bytes | bytearray, end: int) -> int:
    spill.seek(end)  # the runs being merged read from the same file in between
    spill.write(block)
    return end + len(block)


def _read(spill: IO[bytes], start: int, end: int) -> Iterator[tuple[str, bool]]:
    """The entries of one spilled run, read :data:`BLOCK` bytes at a time.

    The runs share one file: each reader seeks to its own place before reading.
    """
    position, rest = start, b""
    while position < end:
        spill.seek(position)
        block = spill.read(min(BLOCK, end - position))
        if not block:
            break
        position += len(block)
        *records, rest = (rest + block).split(b"\0")
        for record in records:
            yield record[1:].decode("utf-8", "surrogatepass"), record[:1] == b"D"


def has_magic(pattern: str) -> bool:
    """Whether ``pattern`` has glob characters (``*``, ``?``, ``[``)."""
    return bool(_MAGIC.search(pattern))


def glob_files(pattern: str) -> Iterator[str]:
    """The files ``pattern`` matches (``**``: any number of folders), lazily.

    As :func:`glob.iglob` with ``recursive=True`` matches them: a wildcard
    matches a name starting with a dot only when its own component starts
    with one, and ``**`` matches no hidden folder; unlike it, ``**`` does not
    follow symbolic links to folders (as folders are walked), and the files
    come sorted by their paths' parts. The part of the pattern without
    wildcards is the folder walked; paths are given as the pattern writes it.
    """
    separators = "/" + (os.sep if os.sep != "/" else "") + (os.altsep or "")
    parts: list[str] = [""]
    for char in pattern:
        if char in separators:
            parts.append("")
        else:
            parts[-1] += char
    fixed = next((i for i, p in enumerate(parts) if has_magic(p)), len(parts))
    if fixed == len(parts):
        if os.path.isfile(pattern):
            yield pattern
        return
    root = os.sep.join(parts[:fixed]) or (os.sep if fixed else "")  # "/*.txt": the root
    rest = tuple(parts[fixed:])
    if root and not os.path.isdir(root):
        return
    yield from _glob_walk(root, rest, _closure(rest, {0}))


def _glob_walk(folder: str, rest: tuple[str, ...], states: list[int]) -> Iterator[str]:
    """Files under ``folder`` whose parts below it take ``rest`` from one of ``states``
    (positions in ``rest``) to its end."""
    try:
        listed = entries(folder or os.curdir, hidden=True)
        first = next(listed, None)
    except OSError:  # as glob: a folder that cannot be listed matches nothing
        return
    if first is None:
        return
    import itertools

    for name, is_dir in itertools.chain([first], listed):
        path = os.path.join(folder, name) if folder else name
        link = is_dir and os.path.islink(path)
        after = _advance(rest, states, name, link=link)
        if not after:
            continue
        if is_dir:
            if any(s < len(rest) for s in after):
                yield from _glob_walk(path, rest, [s for s in after if s < len(rest)])
        elif len(rest) in after and os.path.isfile(path):
            yield path


def _advance(rest: tuple[str, ...], states: list[int], name: str, *, link: bool) -> list[int]:
    """The positions in ``rest`` reached from ``states`` by taking the component ``name``."""
    reached: set[int] = set()
    for s in states:
        if s >= len(rest):
            continue
        part = rest[s]
        if part == "**":
            if not name.startswith(".") and not link:
                reached.add(s)  # it takes this folder and maybe more
        elif has_magic(part):
            if (not name.startswith(".") or part.startswith(".")) and fnmatch.fnmatch(name, part):
                reached.add(s + 1)
        elif os.path.normcase(name) == os.path.normcase(part):
            reached.add(s + 1)
    return _closure(rest, reached)


def _closure(rest: tuple[str, ...], states: set[int]) -> list[int]:
    """``states`` with what each ``**`` at them may skip (it matches no folder too)."""
    todo = list(states)
    seen = set(states)
    while todo:
        s = todo.pop()
        if s < len(rest) and rest[s] == "**" and s + 1 not in seen:
            seen.add(s + 1)
            todo.append(s + 1)
    return sorted(seen)
