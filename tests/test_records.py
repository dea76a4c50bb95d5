"""The event model and the settings are records (:func:`seminorm.plain.record`):
what a frozen, slotted, keyword-only dataclass does, without compiling code at start-up."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import subprocess
import sys
from datetime import datetime

import pytest

from seminorm.context import Context
from seminorm.lang import Vocabulary
from seminorm.model import (
    Event,
    Link,
    Location,
    Notice,
    Online,
    Organizer,
    Provenance,
    Source,
    Speaker,
)
from seminorm.plain import replace
from seminorm.readers import Hints

CLASSES = [Speaker, Location, Online, Link, Organizer, Source, Notice, Provenance, Event]
CLASSES += [Context, Hints, Vocabulary]


def twin(cls: type) -> type:
    """A real ``@dataclass(frozen=True, slots=True, kw_only=True)`` of the same fields."""
    specs = [(f.name, f.type, f) for f in dataclasses.fields(cls)]
    fresh = [
        (name, kind, dataclasses.field(default=f.default, default_factory=f.default_factory))
        for name, kind, f in specs
    ]
    return dataclasses.make_dataclass(
        cls.__name__, fresh, frozen=True, slots=True, kw_only=True, namespace={}
    )


def sample(cls: type) -> dict[str, object]:
    required = {
        Speaker: {"name": "Ada Example"},
        Link: {"url": "https://example.org"},
        Notice: {"code": "tz-missing", "message": "no zone stated"},
        Provenance: {"source": "line 1", "text": "x", "rule": "r"},
        Vocabulary: {"code": "xx"},
    }
    return dict(required.get(cls, {}))


def hashed(value: object) -> object:
    try:
        return hash(value)
    except TypeError as e:  # a field holds a dict or a mappingproxy
        return str(e)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_a_record_behaves_as_its_dataclass(cls: type) -> None:
    assert dataclasses.is_dataclass(cls)
    assert [f.name for f in dataclasses.fields(cls)] == list(cls.__annotations__)
    assert cls.__slots__ == tuple(cls.__annotations__)
    real = twin(cls)
    ours, theirs = cls(**sample(cls)), real(**sample(cls))
    assert repr(ours) == repr(theirs).replace(real.__qualname__, cls.__qualname__, 1)
    assert hashed(ours) == hashed(theirs)
    assert ours == cls(**sample(cls))
    assert ours != theirs
    assert cls.__match_args__ == real.__match_args__ == ()
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field"):
        ours.x = 1  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field"):
        del ours.x  # type: ignore[attr-defined]
    assert not hasattr(ours, "__dict__")
    # (a mappingproxy pickles no more than with a dataclass: the pool makes it a dict)
    plain = replace(ours, provenance={}) if cls is Event else ours
    for copied in (pickle.loads(pickle.dumps(plain)), copy.copy(plain), copy.deepcopy(plain)):
        assert copied == plain
    same = dataclasses.replace(theirs, provenance={}) if cls is Event else theirs
    assert dataclasses.asdict(plain) == dataclasses.asdict(same)


@pytest.mark.parametrize("cls", [Speaker, Event], ids=lambda c: c.__name__)
def test_the_same_errors_as_a_dataclass(cls: type) -> None:
    real = twin(cls)
    for args, kwargs in [(("x",), {}), ((), {"nope": 1}), ((), {})]:
        if cls is Event and not kwargs and not args:
            continue
        messages = []
        for c in (cls, real):
            with pytest.raises(TypeError) as e:
                c(*args, **kwargs)
            messages.append(str(e.value).replace("__create_fn__.<locals>.", ""))
        assert messages[0].replace(cls.__qualname__, "C") == messages[1].replace(
            real.__qualname__, "C"
        )


def test_replace_and_default_factories() -> None:
    ev = Event(title="On knots", start=datetime(2024, 5, 4, 16))
    assert ev.source == Source()
    assert ev.source is not Event().source
    assert replace(ev, title="x") == dataclasses.replace(ev, title="x")
    assert replace(ev, title="x").start == ev.start
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        replace(ev, nope=1)
    assert replace(Source(path="a"), path="b") == Source(path="b")


def test_an_old_pickle_of_a_dataclass_event_loads() -> None:
    """Pickles hold the field values in order, as a slotted dataclass's do."""
    ev = Event(title="On knots", speakers=(Speaker(name="Ada Example"),))
    state = ev.__getstate__()
    assert state == [getattr(ev, f.name) for f in dataclasses.fields(Event)]


def test_the_model_loads_no_dataclasses() -> None:
    code = "import sys, seminorm.model, seminorm.context; print('dataclasses' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------- typing's names at run time (plain.NamedTuple ...)


def test_named_tuple_stand_in_is_typings() -> None:
    """``plain.NamedTuple`` makes the class :class:`typing.NamedTuple` makes, annotations unread."""
    import typing

    from seminorm import plain

    def make(base: type) -> type:
        class Span(base):
            """A stretch of text."""

            start: int
            end: int = 0
            label: str | None = None

            @property
            def length(self) -> int:
                return self.end - self.start

        return Span

    ours, theirs = make(plain.NamedTuple), make(typing.NamedTuple)
    for cls in (ours, theirs):
        s = cls(2, 5)
        assert s == (2, 5, None)
        assert s.length == 3
        assert s[1] == 5
        assert repr(s) == "Span(start=2, end=5, label=None)"
        assert s._replace(label="x") == cls(2, 5, "x")
        assert sorted([cls(3), s]) == [s, cls(3)]
    assert ours._fields == theirs._fields
    assert ours._field_defaults == theirs._field_defaults
    assert (ours.__doc__, ours.__qualname__, ours.__module__) == (
        theirs.__doc__,
        theirs.__qualname__,
        theirs.__module__,
    )
    assert issubclass(ours, tuple)
    assert not issubclass(ours, plain.NamedTuple)
    with pytest.raises(TypeError):

        class Bad(plain.NamedTuple):  # a default before a field without one
            a: int = 0
            b: int


def test_generic_and_typevar_stand_ins() -> None:
    from seminorm.patterns import LazyPattern
    from seminorm.rules.base import Rule

    assert LazyPattern[str] is LazyPattern
    assert Rule[int] is Rule
    assert LazyPattern(r"\d+").search("a 12").group(0) == "12"


def test_pickled_named_tuples_of_the_stages_load() -> None:
    from seminorm.rules.timematch import TimeMatch
    from seminorm.zones.data import ABBREVIATIONS

    ab = ABBREVIATIONS["EST"]
    assert pickle.loads(pickle.dumps(ab)) == ab
    assert TimeMatch._fields[0] == "span"
