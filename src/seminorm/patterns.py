"""Regular expressions: the one way every stage defers a pattern.

A pattern is written ``NAME = LazyPattern(r"...", flags)`` at module level,
like ``re.compile``, and compiled the first time it is used: ``re`` parses
and compiles a pattern in pure Python (0.1 to 10 ms each, some four hundred
patterns in all), and a run on a small file needs only some of them. A
pattern made from vocabulary tables takes a function that returns its
source (``LazyPattern(lambda: ..., re.I)``), called at the same moment.

**Compiled when the package is built.** ``setup.py`` (the ``build_py`` step
of ``pip install`` and of a wheel) imports the stages, compiles every
registered pattern and writes the ``re`` engine's code of each into
``seminorm/data/patterns-<interpreter tag>.marshal``, next to the modules,
as Python writes ``.pyc`` files there. :func:`compile` serves a pattern from
that table when the interpreter is exactly the one that built it (its tag
names the implementation, the version and the engine's magic number) and
the entry's source and flags are exactly the pattern's; anything else (no
table, another Python, a pattern changed since the build, a damaged table)
falls back to ``re.compile``. Nothing is read from or written to any other
place, and nothing of ``re`` or of any other module is replaced. The table
also keeps the sources :func:`derived` makes from others (a twin written from
a table's fragments), each under the key its maker names.

>>> p = LazyPattern(r"\\d+")
>>> p.search("room 12").group(0)
'12'
>>> compile(r"[a-z]+", 0).match("abc").group(0)
'abc'
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from collections.abc import Callable, Iterator

from .plain import Generic, TypeVar

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol, TypeAlias

__all__ = ["LazyPattern", "PatternLike", "compile", "table_path"]

#: Every pattern made at module level, for the build step.
_REGISTRY: list[LazyPattern[Any]] = []
#: (source, flags) -> (flags, code, groups, groupindex, indexgroup); None until loaded.
_table: dict[tuple[Any, int], tuple[Any, ...]] | None = None
#: While the build step runs: every (source, flags) compiled.
_recording: set[tuple[Any, int]] | None = None
#: While the build step runs: every source made by :func:`derived`, by its key.
_derived: dict[str, str] = {}
#: The flags under which the table keeps a derived source (no pattern has them).
_DERIVED = -1


@functools.cache
def _engine() -> Any:
    return importlib.import_module("_sre")


def table_path(folder: str | None = None) -> str:
    """The build-time table's path for this interpreter, in ``folder`` (default: the package's)."""
    sre = _engine()
    tag = f"{sys.implementation.cache_tag}-{sre.MAGIC}-{sre.CODESIZE}-{sys.hexversion:x}"
    base = folder if folder is not None else os.path.dirname(os.path.abspath(__file__))
    return os.path.join(base, "data", f"patterns-{tag}.marshal")


def _load() -> dict[tuple[Any, int], tuple[Any, ...]]:
    """The table written when the package was built, or an empty one."""
    global _table
    if _table is not None:
        return _table
    _table = {}
    if sys.implementation.name != "cpython" or _recording is not None:
        return _table
    try:
        import marshal
        import stat

        path = table_path()
        st = os.stat(path)
        # Like the modules beside it: a file others may write is never read.
        if not stat.S_ISREG(st.st_mode) or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return _table
        with open(path, "rb") as fh:
            loaded = marshal.loads(fh.read())
        if isinstance(loaded, dict):
            _table = loaded
    except (OSError, ValueError, EOFError, TypeError, AttributeError, ImportError):
        pass
    return _table


def compile(source: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(source, flags)``, served from the build-time table when it holds it."""
    flags = int(flags)
    if _recording is not None:
        _recording.add((source, flags))
    entry = _load().get((source, flags))
    if entry is not None:
        try:
            sre = _engine()
            code = _words(entry[1])
            compiled: re.Pattern[AnyStr] = sre.compile(
                source, entry[0], code, entry[2], entry[3], entry[4]
            )
            return compiled
        except Exception:  # a table of another engine: compile afresh
            _load().pop((source, flags), None)
    return re.compile(source, flags)


def derived(key: str, make: Callable[[], str]) -> str:
    """``make()``, a source made from another (a twin written from a table's fragments),
    served from the build-time table when it holds the one made for ``key`` (some
    milliseconds of a small file's run saved); ``key`` must name everything ``make`` reads
    (the source of the pattern it serves)."""
    entry = _load().get((key, _DERIVED))
    if entry is not None and len(entry) == 1 and isinstance(entry[0], str):
        return entry[0]
    made = make()
    if _recording is not None:
        _derived[key] = made
    return made


def _words(packed: bytes) -> list[int]:
    from array import array

    return array(_typecode(), packed).tolist()


@functools.cache
def _typecode() -> str:
    """The :mod:`array` type code of the engine's code words (found once a process)."""
    from array import array

    size = _engine().CODESIZE
    for code in ("I", "L", "H"):
        if array(code).itemsize == size:
            return code
    raise ValueError("no array type for the engine's code")


AnyStr = TypeVar("AnyStr", str, bytes)
#: The argument type of the methods whose result does not name it.
_S_contra = TypeVar("_S_contra", str, bytes, contravariant=True)


if TYPE_CHECKING:

    class _Scan(Protocol[AnyStr]):
        def __call__(
            self, string: AnyStr, pos: int = ..., endpos: int = ...
        ) -> re.Match[AnyStr] | None: ...

    class _Iter(Protocol[AnyStr]):
        def __call__(
            self, string: AnyStr, pos: int = ..., endpos: int = ...
        ) -> Iterator[re.Match[AnyStr]]: ...

    class _FindAll(Protocol[_S_contra]):
        def __call__(self, string: _S_contra, pos: int = ..., endpos: int = ...) -> list[Any]: ...

    class _Sub(Protocol[AnyStr]):
        def __call__(
            self,
            repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr],
            string: AnyStr,
            count: int = ...,
        ) -> AnyStr: ...

    class _SubN(Protocol[AnyStr]):
        def __call__(
            self,
            repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr],
            string: AnyStr,
            count: int = ...,
        ) -> tuple[AnyStr, int]: ...

    class _Split(Protocol[_S_contra]):
        def __call__(self, string: _S_contra, maxsplit: int = ...) -> list[Any]: ...


#: The methods of ``re.Pattern`` a :class:`LazyPattern` offers.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern(Generic[AnyStr]):
    """A pattern compiled on first use; the methods of ``re.Pattern`` the stages use.

    The methods are the compiled pattern's own bound methods, set on the
    instance when it is first used (through ``__getattr__``, which Python
    calls only while they are unset): every later call goes straight to
    ``re``, with no Python frame between (the stages make some hundred
    thousand such calls on a page of text).
    """

    __slots__ = ("_compiled", "_flags", "_source", *_METHODS)

    search: _Scan[AnyStr]
    match: _Scan[AnyStr]
    fullmatch: _Scan[AnyStr]
    finditer: _Iter[AnyStr]
    findall: _FindAll[AnyStr]
    sub: _Sub[AnyStr]
    subn: _SubN[AnyStr]
    split: _Split[AnyStr]

    def __init__(self, source: AnyStr | Callable[[], AnyStr], flags: int = 0) -> None:
        self._source: AnyStr | Callable[[], AnyStr] = source
        self._flags = int(flags)
        self._compiled: re.Pattern[AnyStr] | None = None
        _REGISTRY.append(self)

    def __getattr__(self, name: str) -> Any:
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = self.compiled
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    @property
    def compiled(self) -> re.Pattern[AnyStr]:
        """The compiled pattern."""
        c = self._compiled
        if c is None:
            c = self._compiled = compile(self.pattern, self._flags)
        return c

    @property
    def pattern(self) -> AnyStr:
        """The source text (made now when it is built from tables)."""
        source = self._source
        if isinstance(source, str | bytes):
            return source
        made = self._source = source()
        return made

    @property
    def flags(self) -> int:
        """The compiled pattern's flags (as ``re.Pattern.flags``: ``re.U`` included)."""
        return self.compiled.flags

    @property
    def groups(self) -> int:
        return self.compiled.groups

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags})"


#: What the helpers that scan with a pattern accept.
PatternLike: TypeAlias = "re.Pattern[str] | LazyPattern[str]"


def build_table(folder: str, modules: list[str], twins: Callable[[Any], Any] | None = None) -> int:
    """Import ``modules``, compile every registered pattern (and ``twins(p)`` of
    each), and write the table into ``folder``'s ``data/``; the number of entries.

    Called by ``setup.py`` when the package is built. Uses the ``re`` module's
    own parser and code generator, as ``re.compile`` does.
    """
    global _recording, _table
    import marshal
    from array import array

    _recording, _table = set(), {}
    _derived.clear()
    try:
        for name in modules:
            try:
                importlib.import_module(name)
            except ImportError:  # a stage whose dependencies the build lacks
                continue
        for p in list(_REGISTRY):
            try:
                _ = p.compiled
                if twins is not None and isinstance(p.pattern, str):
                    twins(p)
            except (re.error, TypeError, ValueError):
                continue
        keys = sorted(_recording, key=repr)
    finally:
        _recording, _table = None, None
    parser: Any = importlib.import_module("re._parser")
    compiler: Any = importlib.import_module("re._compiler")
    out: dict[tuple[str, int], tuple[Any, ...]] = {}
    for source, flags in keys:
        parsed = parser.parse(source, flags)
        code = compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for group, i in groupindex.items():
            indexgroup[i] = group
        out[(source, flags)] = (
            int(flags | parsed.state.flags),
            array(_typecode(), code).tobytes(),
            int(parsed.state.groups - 1),
            groupindex,
            tuple(indexgroup),
        )
    for key, made in _derived.items():
        out[(key, _DERIVED)] = (made,)
    path = table_path(folder)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as fh:
        fh.write(marshal.dumps(out))
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return len(out)
