"""A disk cache of compiled regular expressions, for the command line's start-up.

The extraction rules are some two hundred regular expressions. Python's
``re`` parses and compiles each in pure Python on first use, every time a
process starts: about 60 ms, more than the rest of a small file's run. This
module keeps what the compiler produced (the SRE code of each pattern) in a
file, the way Python keeps ``.pyc`` files, and hands it straight to ``_sre``
on the next start.

Only the command line turns it on (:func:`install`); the library never
touches ``re``. The cache is keyed by the interpreter's version and the SRE
engine's magic number, so a different Python never reads it; any problem
(unreadable, corrupt, read-only home) silently falls back to compiling.
``SEMINORM_NO_RECACHE=1`` turns it off.
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
from array import array
from pathlib import Path
from typing import Any

_MAX_ENTRIES = 4000
_entries: dict[tuple[str, int], tuple[Any, ...]] = {}
_new = False


def cache_file() -> Path | None:
    """Where the cache lives: ``$XDG_CACHE_HOME/seminorm`` (else ``~/.cache/seminorm``)."""
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.path.join(os.path.expanduser("~"), ".cache") if os.path.expanduser("~") != "~" else None
    )
    if not base:
        return None
    import importlib

    sre: Any = importlib.import_module("_sre")
    tag = f"{sys.implementation.cache_tag}-{sre.MAGIC}-{sys.hexversion:x}-2"
    return Path(base) / "seminorm" / f"re-{tag}.marshal"


def install() -> None:
    """Serve ``re`` compilations from the cache for the rest of this process."""
    global _entries
    if os.environ.get("SEMINORM_NO_RECACHE") or sys.implementation.name != "cpython":
        return
    try:
        import importlib

        _sre: Any = importlib.import_module("_sre")
        compiler: Any = importlib.import_module("re._compiler")
    except ImportError:  # another Python: nothing to do
        return
    typecode = _typecode(_sre.CODESIZE)
    path = cache_file()
    if path is None or typecode is None:
        return
    try:
        loaded = marshal.loads(path.read_bytes())
        if isinstance(loaded, dict):
            _entries = loaded
    except (OSError, ValueError, EOFError, TypeError):
        _entries = {}
    original = compiler.compile

    def compile(p: Any, flags: int = 0) -> Any:
        global _new
        if not isinstance(p, str):
            return original(p, flags)
        key = (p, int(flags))
        hit = _entries.get(key)
        if hit is not None:
            try:
                code = array(typecode, hit[1]).tolist()
                return _sre.compile(p, hit[0], code, hit[2], hit[3], hit[4])
            except Exception:  # a stale entry: compile it afresh
                _entries.pop(key, None)
        parsed = compiler._parser.parse(p, flags)
        code = compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        entry = (
            int(flags | parsed.state.flags),
            array(typecode, code).tobytes(),
            int(parsed.state.groups - 1),
            groupindex,
            tuple(indexgroup),
        )
        if len(_entries) < _MAX_ENTRIES:
            _entries[key] = entry
            _new = True
        return _sre.compile(p, entry[0], list(code), entry[2], entry[3], entry[4])

    compiler.compile = compile
    atexit.register(_save, path)


def _typecode(size: int) -> str | None:
    """The ``array`` type holding one SRE code word (packed, the cache loads in one go)."""
    for code in ("I", "L", "H"):
        if array(code).itemsize == size:
            return code
    return None


def _save(path: Path) -> None:
    """Write the cache when this run compiled something new (atomically)."""
    if not _new:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(_entries))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass
