"""seminorm: messy event announcements in, clean ICS or JSON out.

>>> import seminorm
>>> events = seminorm.parse(b"Talk: On knots\\nSpeaker: Ada Lovelace (Cambridge)\\n"
...                         b"Tuesday, May 4, 2021, 16:00-17:00 CEST", tz="Europe/Zurich")
>>> events[0].speakers[0].name
'Ada Lovelace'

Only the standard library is imported here; the stages load on first use.
"""

from __future__ import annotations

from .api import parse, parse_file, to_ics, to_json
from .errors import SeminormError
from .model import Event

__version__ = "0.1.0"

__all__ = ["Event", "SeminormError", "__version__", "parse", "parse_file", "to_ics", "to_json"]
