"""The exceptions seminorm raises.

Every error the library raises on bad input is a :class:`SeminormError`;
its message is one line, fit to print after ``FILE: error:``::

    SeminormError
     ├── ReadError      the bytes cannot be read (binary, too large, empty)
     ├── DetectError    the text is not something seminorm can read
     ├── ParseError     the input was read but holds no usable event
     │    └── NoEventError   ... because it states no date and time of an event
     ├── WriteError     the output cannot be written
     └── PublishError   the events cannot be put on a calendar server
"""

from __future__ import annotations


class SeminormError(Exception):
    """Base class of every error seminorm raises on purpose."""


class ReadError(SeminormError):
    """The input bytes cannot be turned into text."""


class DetectError(SeminormError):
    """The input is of no format seminorm reads."""


class ParseError(SeminormError):
    """The input was read but no event could be made of it."""


class NoEventError(ParseError):
    """The input was read and holds no event: no date or time, or not both."""


class WriteError(SeminormError):
    """The output could not be written."""


class PublishError(SeminormError):
    """Events could not be put on a calendar server (``seminorm publish``)."""
