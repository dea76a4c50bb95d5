"""Plain value classes: what the stages' internal records need of a dataclass.

``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``
(and, when frozen, ``__setattr__``, ``__hash__``) as source text and compiles
it on every start: some 0.5 ms per class, paid by every run before the first
line is read. The internal records (lines, records, values, outcomes) are
written out instead: their ``__init__`` is ordinary code, loaded from the
``.pyc`` like any other function, and :class:`Plain` / :class:`Frozen` give
them a dataclass's ``repr``, field-wise equality and, for frozen ones,
hashing and no assignment after ``__init__``. The fields are the class's
``__slots__`` (shown in that order). The public event model (:mod:`seminorm.model`) and
the classes changed with :func:`dataclasses.replace` stay dataclasses.

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

__all__ = ["Frozen", "Plain"]


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
