"""Plain value classes: what the stages' internal records need of a dataclass.

``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``
(and, when frozen, ``__setattr__``, ``__hash__``) as source text and compiles
it on every start: some 0.5 ms per class, paid by every run before the first
line is read. The internal records (lines, records, values, outcomes) are
written out instead: their ``__init__`` is ordinary code, loaded from the
``.pyc`` like any other function, and :class:`Plain` / :class:`Frozen` give
them a dataclass's ``repr``, field-wise equality and, for frozen ones,
hashing and no assignment after ``__init__``. The fields are the class's
``__slots__`` (shown in that order).

The public event model (:mod:`seminorm.model`), the settings
(:class:`~seminorm.context.Context`) and the other keyword-only records are
declared as dataclasses are, with :func:`record` instead of
``@dataclass(frozen=True, slots=True, kw_only=True)``: the same behaviour
(:func:`dataclasses.replace`, :func:`dataclasses.fields` and ``asdict``
included), with no code written and compiled at start-up and without loading
:mod:`dataclasses` (and :mod:`inspect` with it) until one of its functions is
called. Inside the package :func:`replace` changes a record.

>>> class Point(Frozen):
...     __slots__ = ("x", "y")
...     def __init__(self, x: int, y: int = 0) -> None:
...         self.x = x
...         self.y = y
>>> p = Point(1)
>>> p, p == Point(1, 0), p == Point(2), hash(p) == hash(Point(1))
(Point(x=1, y=0), True, False, True)
>>> p.x = 3
Traceback (most recent call last):
...
AttributeError: cannot assign to field 'x'
"""

from __future__ import annotations

from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar, dataclass_transform
    from typing import Generic as Generic
    from typing import NamedTuple as NamedTuple
    from typing import TypeVar as TypeVar

__all__ = [
    "Frozen",
    "Generic",
    "NamedTuple",
    "Plain",
    "Record",
    "TypeVar",
    "field",
    "record",
    "replace",
]


class Plain:
    """Slotted fields with a dataclass's ``repr`` and equality (unhashable, like one)."""

    __slots__: tuple[str, ...] = ()

    def values(self) -> tuple[object, ...]:
        """The fields' values, in the order of ``__slots__``."""
        return tuple(getattr(self, name) for name in self.__slots__)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Plain)
        return self.values() == other.values()

    # Defining __eq__ leaves __hash__ None: unhashable, as a mutable dataclass.


class Frozen(Plain):
    """A :class:`Plain` whose fields are set once, in ``__init__``; hashable by its fields.

    The classes made by the thousand on a page of text (lines, values,
    candidates and their spots) set their fields with ``object.__setattr__``
    in ``__init__``: this class's check costs a raised exception per field.
    """

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        try:
            getattr(self, name)
        except AttributeError:
            object.__setattr__(self, name, value)
            return
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(self.values())


# ---------------------------------------------------------------- typing at run time

if not TYPE_CHECKING:
    # The stages use four names of :mod:`typing` at run time; importing it (with
    # contextlib and warnings) is some 3 ms of every start, a twentieth of a small
    # file's whole run (SPEC section 8). The type checker reads the names from
    # :mod:`typing` (the branch above); at run time they are these stand-ins, and
    # every other name of :mod:`typing` is imported under ``if TYPE_CHECKING:``
    # (``TYPE_CHECKING = False`` in the module, which type checkers read as true).

    def TypeVar(name: str, *constraints: object, **options: object) -> str:
        """A type variable, for the type checker only: at run time its name."""
        return name

    class Generic:
        """A generic class's base, for the type checker only: at run time
        ``Generic[T]`` and ``C[int]`` are the classes themselves."""

        __slots__ = ()

        def __class_getitem__(cls, params: object) -> type:
            return cls

    class _NamedTupleType(type):
        """What :class:`typing.NamedTuple` does with a class body, without
        evaluating its annotations: :func:`collections.namedtuple` of the
        annotated names (a value in the body is the field's default), with the
        body's docstring, methods and properties."""

        def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> type:
            if not bases:  # NamedTuple itself
                return super().__new__(mcs, name, bases, ns)
            from collections import namedtuple

            fields = tuple(ns.get("__annotations__", {}))
            defaults = [ns[f] for f in fields if f in ns]
            if any(f not in ns for f in fields[len(fields) - len(defaults) :]):
                raise TypeError(f"{name}: a field without a default follows one with a default")
            made = namedtuple(name, fields, defaults=defaults, module=ns["__module__"])
            for key, value in ns.items():
                if key not in fields and key != "__module__":
                    setattr(made, key, value)
            return made

    class NamedTuple(metaclass=_NamedTupleType):
        """``class Point(NamedTuple): x: int; y: int = 0``, as :class:`typing.NamedTuple`."""

    def dataclass_transform(**options: object) -> Callable[[type], type]:
        """:func:`record`'s mark for type checkers; nothing at run time."""
        return lambda cls: cls


# ---------------------------------------------------------------- records

_T = TypeVar("_T")


class _Factory:
    """``field(default_factory=...)``'s mark in a class body, read by :func:`record`."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], object]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], _T]) -> _T:
    """A field whose default is made anew for each record, as ``dataclasses.field``."""
    return _Factory(default_factory)  # type: ignore[return-value]


class Record:
    """The behaviour :func:`record` gives a class: a frozen, keyword-only dataclass's."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: object) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> list[object]:  # as a slotted dataclass pickles
        return list(self._values())

    def __setstate__(self, state: list[object]) -> None:
        for name, value in zip(self._fields, state, strict=False):
            object.__setattr__(self, name, value)


class _DataclassView:
    """``__dataclass_fields__`` / ``__dataclass_params__`` of a record, made when first
    asked for (by :func:`dataclasses.fields`, ``replace``, ``asdict``, ``is_dataclass``)
    from a real dataclass of the same fields, then kept on the class."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def __get__(self, obj: object, owner: type) -> Any:
        import dataclasses

        spec = owner.__dict__["_spec"]
        twin = dataclasses.make_dataclass(
            owner.__name__,
            [
                (
                    name,
                    owner.__annotations__[name],
                    dataclasses.field(default_factory=spec[name].make)
                    if isinstance(spec.get(name), _Factory)
                    else dataclasses.field(default=spec.get(name, dataclasses.MISSING)),
                )
                for name in owner.__dict__["_fields"]
            ],
            frozen=True,
            kw_only=True,
        )
        for attribute in ("__dataclass_fields__", "__dataclass_params__"):
            setattr(owner, attribute, getattr(twin, attribute))
        return getattr(owner, self.attribute)


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
def record(cls: type[_T]) -> type[_T]:
    """``@dataclass(frozen=True, slots=True, kw_only=True)`` without writing and
    compiling code at every start (some 0.5 ms a class, and the import of
    :mod:`dataclasses` with :mod:`inspect`).

    The class's annotated names are its fields, in order; a value in the body
    is the field's default, ``field(default_factory=f)`` a default made anew.
    The class made has ``__slots__``, a keyword-only ``__init__``, a
    dataclass's ``repr``, equality, hashing, pickling and frozen fields
    (:class:`dataclasses.FrozenInstanceError`), and works with
    :func:`dataclasses.replace`, :func:`dataclasses.fields`,
    :func:`dataclasses.asdict` (their data are made on first use).

    >>> @record
    ... class Point:
    ...     x: int
    ...     y: int = 0
    >>> p = Point(x=1)
    >>> p, p == Point(x=1, y=0), hash(p) == hash(Point(x=1))
    (Point(x=1, y=0), True, True)
    >>> import dataclasses
    >>> dataclasses.replace(p, y=2), [f.name for f in dataclasses.fields(p)]
    (Point(x=1, y=2), ['x', 'y'])
    """
    # (not inspect.get_annotations: loading inspect is what this avoids)
    names = tuple(cls.__dict__.get("__annotations__", {}))  # noqa: RUF063
    spec = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    body = {
        key: value
        for key, value in cls.__dict__.items()
        if key not in spec and key not in ("__dict__", "__weakref__")
    }
    body.update(
        __slots__=names,
        __match_args__=(),
        __init__=_init(cls.__qualname__, names, spec),
        _fields=names,
        _spec=spec,
        __dataclass_fields__=_DataclassView("__dataclass_fields__"),
        __dataclass_params__=_DataclassView("__dataclass_params__"),
    )
    return type(cls.__name__, (Record,), body)


def _init(qualname: str, names: tuple[str, ...], spec: dict[str, object]) -> Callable[..., None]:
    set_field = object.__setattr__
    defaults = [(name, spec.get(name, _REQUIRED)) for name in names]

    def __init__(self: object, *args: object, **values: object) -> None:
        if args:
            n = len(args) + 1
            raise TypeError(f"{qualname}.__init__() takes 1 positional argument but {n} were given")
        missing = []
        for name, default in defaults:
            if name in values:
                value = values.pop(name)
            elif default is _REQUIRED:
                missing.append(name)
                continue
            elif isinstance(default, _Factory):
                value = default.make()
            else:
                value = default
            set_field(self, name, value)
        if values:
            raise TypeError(
                f"{qualname}.__init__() got an unexpected keyword argument {next(iter(values))!r}"
            )
        if missing:
            quoted = [repr(m) for m in missing]  # as Python lists them: 'a', 'b', and 'c'
            listed = " and ".join(quoted) if len(quoted) < 3 else ", ".join(quoted[:-1])
            if len(quoted) > 2:
                listed += f", and {quoted[-1]}"
            s = "s" if len(missing) > 1 else ""
            raise TypeError(
                f"{qualname}.__init__() missing {len(missing)} required keyword-only "
                f"argument{s}: {listed}"
            )

    __init__.__qualname__ = f"{qualname}.__init__"
    return __init__


_REQUIRED = object()
_SET_FIELD = object.__setattr__


def replace(obj: _T, /, **changes: Any) -> _T:
    """:func:`dataclasses.replace`, for records without loading :mod:`dataclasses`
    (any other dataclass is given to it)."""
    cls = type(obj)
    names: tuple[str, ...] | None = getattr(cls, "_fields", None)
    if names is None:
        from dataclasses import replace as replace_dataclass

        return replace_dataclass(obj, **changes)  # type: ignore[type-var]
    if "_spec" in cls.__dict__:  # made by record(): its __init__ only sets every field
        copy = object.__new__(cls)
        given = 0
        for name in names:
            if name in changes:
                value = changes[name]
                given += 1
            else:
                value = getattr(obj, name)
            _SET_FIELD(copy, name, value)
        if given == len(changes):
            return copy
    for name in names:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return type(obj)(**changes)
