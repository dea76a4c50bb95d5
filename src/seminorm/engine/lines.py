"""A line of the text being read: :class:`Line`.

Takes nothing; gives the unit :mod:`.segment` cuts a text into and every
later step reads (its index, its raw and cleaned text, its label).
"""

from __future__ import annotations

from seminorm.plain import Frozen


class Line(Frozen):
    """One line of the text: ``raw`` as written, ``text`` without markup."""

    __slots__ = ("index", "label", "raw", "text")
    index: int
    raw: str
    text: str
    label: tuple[str, str] | None

    def __init__(self, index: int, raw: str, text: str, label: tuple[str, str] | None) -> None:
        _set = object.__setattr__  # made once: no check of Frozen.__setattr__
        _set(self, "index", index)
        _set(self, "raw", raw)
        _set(self, "text", text)
        _set(self, "label", label)

    @property
    def no(self) -> int:
        """The 1-based line number."""
        return self.index + 1

    @property
    def blank(self) -> bool:
        return not self.text
