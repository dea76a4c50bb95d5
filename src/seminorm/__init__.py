"""seminorm: messy event announcements in, clean ICS or JSON out.

>>> import seminorm
>>> events = seminorm.parse(b"Talk: On knots\\nSpeaker: Ada Lovelace (Cambridge)\\n"
...                         b"Tuesday, May 4, 2021, 16:00-17:00 CEST", tz="Europe/Zurich")
>>> events[0].speakers[0].name
'Ada Lovelace'

Nothing is imported here until it is used: the library functions and the
event model load on first access (PEP 562), so that the command line can set
itself up before any stage is imported.
"""

from __future__ import annotations

from .errors import SeminormError
from .version import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .api import parse, parse_file, to_ics, to_json
    from .model import Event


__all__ = ["Event", "SeminormError", "__version__", "parse", "parse_file", "to_ics", "to_json"]

_LAZY = {
    "parse": "api",
    "parse_file": "api",
    "to_ics": "api",
    "to_json": "api",
    "Event": "model",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'seminorm' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
