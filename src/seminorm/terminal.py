"""Text from inputs made safe to show on a terminal.

File names and extracted text can hold control characters: an ESC starts a
terminal escape sequence (colours, cursor moves, a cleared screen, a changed
window title), a newline forges a diagnostic line of its own. Diagnostics on
stderr and the ``table`` format show them escaped, as Python writes them in
a string literal; a byte of a file name that is not UTF-8 (kept by Python as
a surrogate escape) shows as ``\\xNN``.

>>> printable("talk\\x1b[2J.txt: warning\\nforged")
'talk\\\\x1b[2J.txt: warning\\\\nforged'
>>> printable("caf\\udce9.txt"), printable("two\\nlines", keep="\\n")
('caf\\\\xe9.txt', 'two\\nlines')
"""

from __future__ import annotations

import re

from .patterns import LazyPattern

__all__ = ["printable"]

#: C0 and C1 controls, DEL, line and paragraph separators, the bidirectional
#: overrides and isolates (they reorder what follows), lone surrogates.
_UNSAFE = LazyPattern(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if "\udc80" <= ch <= "\udcff":  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape", "backslashreplace").decode("ascii")


def printable(text: str, keep: str = "") -> str:
    """``text`` with every control character escaped, except those in ``keep``."""
    if not _UNSAFE.search(text):
        return text
    if not keep:
        return _UNSAFE.sub(_escape, text)
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
