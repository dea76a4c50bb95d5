"""A disk cache of compiled code, for the command line's start-up.

Two things Python recompiles from source in every new process dominate a
small file's run, and this module keeps their compiled form in one file,
the way Python keeps ``.pyc`` files:

- **regular expressions.** The extraction rules are some two hundred
  patterns; ``re`` parses and compiles each in pure Python on first use
  (about 60 ms in all). The cache keeps the SRE code of each pattern and
  hands it straight to ``_sre``.
- **dataclass methods.** :mod:`dataclasses` writes the source of
  ``__init__``, ``__eq__``, ``__repr__``... of every dataclass and compiles
  it with ``exec`` at import time (some 15 ms for the event model and the
  extractors' match types). The cache keeps the code object compiled from
  each such source text; ``exec`` then runs it without compiling.

Both are keyed by their exact source (a pattern and its flags; a generated
function's text), and the file by the interpreter's version and the SRE
engine's magic number, so a different Python never reads it; any problem
(unreadable, corrupt, read-only home) silently falls back to compiling.
The file is rewritten only when a run compiled something new, and then
every entry this run did not use ages by one; an entry that reaches
``MAX_AGE`` is dropped. Patterns some libraries build from a ``set`` (the
standard ``email`` parser does) differ from process to process, and without
ageing each of them would stay in the file for ever.

Only the command line turns it on (:func:`install`, called by the console
script before the stages are imported); the library never touches ``re``
or :mod:`dataclasses`. ``SEMINORM_NO_CODECACHE=1`` turns it off.
"""

from __future__ import annotations

import atexit
import builtins
import marshal
import os
import sys
from array import array
from typing import Any

_MAX_PATTERNS = 4000
_MAX_SOURCES = 2000
#: Writes of the file an entry survives without being used.
MAX_AGE = 32

#: pattern cache: (pattern, flags) -> (flags, packed code, groups, groupindex, indexgroup)
_entries: dict[tuple[str, int], tuple[Any, ...]] = {}
#: generated source text -> its code object
_sources: dict[str, Any] = {}
#: key -> writes of the file since the entry was last used (both caches)
_ages: dict[Any, int] = {}
#: keys used by this run
_used: set[Any] = set()
_new = False
_installed = False


def cache_file() -> str | None:
    """Where the cache lives: ``$XDG_CACHE_HOME/seminorm`` (else ``~/.cache/seminorm``)."""
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.path.join(os.path.expanduser("~"), ".cache") if os.path.expanduser("~") != "~" else None
    )
    if not base:
        return None
    import importlib

    sre: Any = importlib.import_module("_sre")
    tag = f"{sys.implementation.cache_tag}-{sre.MAGIC}-{sys.hexversion:x}"
    return os.path.join(base, "seminorm", f"code-{tag}.marshal")


def install() -> None:
    """Serve ``re`` and dataclass compilations from the cache for the rest of this process."""
    global _entries, _sources, _ages, _installed
    if _installed or os.environ.get("SEMINORM_NO_CODECACHE"):
        return
    if sys.implementation.name != "cpython":
        return
    try:
        import importlib

        _sre: Any = importlib.import_module("_sre")
        compiler: Any = importlib.import_module("re._compiler")
        import dataclasses
    except ImportError:  # another Python: nothing to do
        return
    typecode = _typecode(_sre.CODESIZE)
    path = cache_file()
    if path is None or typecode is None:
        return
    _installed = True
    try:
        with open(path, "rb") as fh:
            loaded = marshal.loads(fh.read())
        if isinstance(loaded, tuple) and len(loaded) == 3:
            patterns, sources, ages = loaded
            if isinstance(patterns, dict) and isinstance(sources, dict) and isinstance(ages, dict):
                _entries, _sources, _ages = patterns, sources, ages
    except (OSError, ValueError, EOFError, TypeError):
        _entries, _sources, _ages = {}, {}, {}
    compiler.compile = _pattern_compiler(compiler, _sre, typecode)
    # dataclasses calls ``exec`` by its global name: a module attribute comes first.
    vars(dataclasses)["exec"] = _cached_exec
    atexit.register(_save, path)


def _pattern_compiler(compiler: Any, _sre: Any, typecode: str) -> Any:
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
                compiled = _sre.compile(p, hit[0], code, hit[2], hit[3], hit[4])
                _used.add(key)
                return compiled
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
        if len(_entries) < _MAX_PATTERNS:
            _entries[key] = entry
            _used.add(key)
            _new = True
        return _sre.compile(p, entry[0], list(code), entry[2], entry[3], entry[4])

    return compile


def _cached_exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec`` for :mod:`dataclasses`: a source text seen before runs its cached code."""
    global _new
    if isinstance(source, str):
        code = _sources.get(source)
        if code is None:
            code = builtins.compile(source, "<string>", "exec")
            if len(_sources) < _MAX_SOURCES:
                _sources[source] = code
                _new = True
        _used.add(source)
        source = code
    builtins.exec(source, globals, locals)


def _typecode(size: int) -> str | None:
    """The ``array`` type holding one SRE code word (packed, the cache loads in one go)."""
    for code in ("I", "L", "H"):
        if array(code).itemsize == size:
            return code
    return None


def _aged() -> tuple[dict[Any, Any], dict[Any, Any], dict[Any, int]]:
    """The tables to write: what this run used is young again, the rest one write older."""
    ages: dict[Any, int] = {}
    for table in (_entries, _sources):
        for key in table:
            ages[key] = 0 if key in _used else _ages.get(key, 0) + 1
    patterns = {k: v for k, v in _entries.items() if ages[k] < MAX_AGE}
    sources = {k: v for k, v in _sources.items() if ages[k] < MAX_AGE}
    return patterns, sources, {k: a for k, a in ages.items() if 0 < a < MAX_AGE}


def _save(path: str) -> None:
    """Write the cache when this run compiled something new (atomically)."""
    if not _new:
        return
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(marshal.dumps(_aged()))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass
