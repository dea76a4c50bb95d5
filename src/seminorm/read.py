"""Bytes to text: the first stage every input goes through.

Takes the input's bytes and the charset a container declares, if any;
gives :class:`Decoded` (the text, normalised, and the notices of what was
repaired).

The charset is decided in this order (SPEC 4.1):

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), or UTF-16 text
   without one (recognised by its NUL pattern);
2. bytes that are valid UTF-8 and not plain ASCII are UTF-8, whatever a
   declaration says: legacy-charset text practically never forms valid
   multi-byte UTF-8, while mislabeled UTF-8 ("charset=iso-8859-1") is common;
3. the charset the caller declares (a MIME ``Content-Type``), then one an
   HTML ``<meta charset>`` / ``http-equiv`` or an XML prolog states in the
   first 2 KB;
4. windows-1252 when the text reads plausibly as a Western language (short
   Western texts defeat statistical detectors), else ``charset_normalizer``'s
   best guess, else windows-1252 with replacement characters.

Then, only when the text shows the marks of mojibake (``Ã©``, ``â€™``,
``×©``), ftfy repairs it and a ``mojibake-repaired`` notice says so. Finally
line endings become ``\\n``, no-break spaces become spaces and invisible
characters (zero-width space, BOM, word joiner, soft hyphen) are dropped;
ZWJ/ZWNJ, which carry meaning in some scripts, are kept, and nothing else is
normalised: Hebrew, accents and CJK come out exactly as they went in.

Plain ASCII or UTF-8 input imports neither ftfy nor charset_normalizer.

>>> decode("Caf\\u00e9\\r\\nsalle\\u00a0B".encode()).text
'Café\\nsalle B'
>>> decode("Café".encode("cp1252")).encoding
'cp1252'
"""

from __future__ import annotations

import codecs
import re

from seminorm.patterns import LazyPattern

from .errors import ReadError
from .model import Notice
from .plain import NamedTuple

__all__ = ["Decoded", "decode", "normalize", "sniff_text"]


class Decoded(NamedTuple):
    """The text of a document, what happened while decoding it, and the charset used."""

    text: str
    notices: tuple[Notice, ...]
    encoding: str


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of common binary formats that otherwise might pass as text.
_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"\x7fELF")

_META_CHARSET = LazyPattern(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING = LazyPattern(
    rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)

# Characters that UTF-8 continuation bytes (0x80-0xBF) become when misread as
# windows-1252 or latin-1; a lead-byte character followed by one of them is
# the mark of mojibake.
_CONT = "".join(
    sorted(
        set(bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore"))
        | {chr(c) for c in range(0x80, 0xC0)}
    )
)
_LEAD = "".join(chr(c) for c in range(0xC2, 0xF0)) + "".join(
    bytes(range(0xC2, 0xF0)).decode("cp1252", errors="ignore")
)
_MOJIBAKE = LazyPattern("[" + re.escape(_LEAD) + "][" + re.escape(_CONT) + "]")

#: (character, replacement): no-break spaces become spaces, line/paragraph
#: separators newlines, invisible characters (zero-width space, BOM, word
#: joiner, soft hyphen) disappear. str.replace per character is much faster
#: than str.translate with a dict.
_SPACES = (
    ("\u00a0", " "),  # no-break space
    ("\u202f", " "),  # narrow no-break space
    ("\u2007", " "),  # figure space
    ("\u2028", "\n"),  # line separator
    ("\u2029", "\n"),  # paragraph separator
    ("\u200b", ""),  # zero-width space
    ("\ufeff", ""),  # BOM / zero-width no-break space
    ("\u2060", ""),  # word joiner
    ("\u00ad", ""),  # soft hyphen
)
#: The same control characters as bytes, and as a table that deletes them.
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_DELETE_CONTROLS = str.maketrans("", "", _CONTROL_BYTES.decode("latin-1"))
#: Any of those control characters (a text with none is no binary: one scan in C).
_ANY_CONTROL = LazyPattern("[" + re.escape(_CONTROL_BYTES.decode("latin-1")) + "]")
#: Binary: more than this share of control characters in some window of the input.
_BINARY_SHARE = 0.05
_WINDOW = 8192

# Non-ASCII characters a Western text in windows-1252 plausibly contains.
_WESTERN = set(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"
    "ŒœŠšŽžŸƒ–—‘’‚“”„†‡•…‰‹›€™«»°§©®±²¹³·¶¿¡ªº¼½¾£¥¢µ\u00a0"
)


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Turn a document's bytes into normalised text (see the module docstring).

    ``declared`` is a charset the container states (a MIME part's
    ``charset``); an unknown name is ignored. Raises
    :class:`~seminorm.errors.ReadError` for binary or empty input.

    >>> decode(b"\\xef\\xbb\\xbfBEGIN:VCALENDAR\\r\\n").text
    'BEGIN:VCALENDAR\\n'
    >>> decode("déjà".encode("utf-8").decode("cp1252").encode("utf-8")).text
    'déjà'
    """
    text, encoding = _to_str(data, declared)
    notices: list[Notice] = []
    if not text.isascii() and _MOJIBAKE.search(text):
        fixed = _fix_mojibake(text)
        if fixed != text:
            text = fixed
            notices.append(
                Notice(
                    code="mojibake-repaired",
                    message="the text had been decoded with the wrong charset "
                    "(mojibake such as 'Ã©' for 'é'); repaired",
                )
            )
    text = normalize(text)
    if _too_many_controls(text):
        raise ReadError("binary file, not text")
    if "\x00" in text:  # a stray NUL in a text (at any place): no character of it
        text = text.replace("\x00", "")
    if not text.strip():
        raise ReadError("empty input")
    return Decoded(text=text, notices=tuple(notices), encoding=encoding)


def sniff_text(data: bytes, limit: int = 8192) -> str:
    """A cheap decoding of the first ``limit`` bytes, for format detection.

    Handles BOMs and BOM-less UTF-16; anything else is read as latin-1, which
    keeps every ASCII keyword where it is and never fails.

    >>> sniff_text("BEGIN:VCALENDAR".encode("utf-16"))
    'BEGIN:VCALENDAR'
    """
    head = data[: limit * 2]
    enc = _bom(head)
    if enc is not None:
        body = head[len(_bom_bytes(enc)) :]
    else:
        body = head
        enc = _utf16_without_bom(head) or "latin-1"
    if enc.startswith(("utf-16", "utf-32")):
        width = 4 if enc.startswith("utf-32") else 2
        body = body[: len(body) - len(body) % width]
    return body.decode(enc, errors="replace")[:limit]


# -- charset decision ---------------------------------------------------------


def _to_str(data: bytes, declared: str | None) -> tuple[str, str]:
    enc = _bom(data)
    if enc is not None:
        body = data[len(_bom_bytes(enc)) :]
        return body.decode(enc, errors="replace"), enc
    if data.isascii():
        if b"\x00" in data[:4096] and (enc := _utf16_without_bom(data)):
            return data.decode(enc, errors="replace"), enc
        _check_binary(data)
        return data.decode("ascii"), "ascii"
    enc16 = _utf16_without_bom(data)
    if enc16 is not None:
        return data.decode(enc16, errors="replace"), enc16
    _check_binary(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for name in (declared, _sniff_declared(data)):
        codec = _codec(name)
        if codec is None or codec.startswith(("utf-16", "utf-32", "utf-8")):
            continue
        if codec == "cp1252":
            return _cp1252(data), "cp1252"
        try:
            return data.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            continue
    western = _cp1252(data)
    if _plausibly_western(western):
        return western, "cp1252"
    guess = _detect(data)
    if guess is not None:
        return guess
    return data.decode("cp1252", errors="replace"), "cp1252"


def _bom(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _bom_bytes(enc: str) -> bytes:
    return next(bom for bom, name in _BOMS if name == enc)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: mostly-ASCII text has NULs in every other byte."""
    head = data[:4096]
    n = len(head) // 2
    if n < 4:
        return None
    even = head[0 : 2 * n : 2].count(0)
    odd = head[1 : 2 * n : 2].count(0)
    if odd > 0.4 * n and even < 0.05 * n:
        return "utf-16-le"
    if even > 0.4 * n and odd < 0.05 * n:
        return "utf-16-be"
    return None


def _check_binary(data: bytes) -> None:
    if data.startswith(_MAGIC) or _mostly_controls(data):
        raise ReadError("binary file, not text")


def _windows(size: int) -> list[tuple[int, int]]:
    """``_WINDOW``-sized pieces of ``size`` items; a short last piece joins the one before."""
    cuts = list(range(0, size, _WINDOW)) or [0]
    if len(cuts) > 1 and size - cuts[-1] < _WINDOW:
        cuts.pop()
    return [(a, cuts[i + 1] if i + 1 < len(cuts) else size) for i, a in enumerate(cuts)]


def _mostly_controls(data: bytes | str) -> bool:
    """Binary data: more than ``_BINARY_SHARE`` control characters in some window.

    The same rule wherever the control characters are (a NUL after the first 8 KB
    counts as much as one before it), and a stray NUL in a text is no binary:

    >>> _mostly_controls(b"Talk at 4pm\\x00" + b"." * 20000), _mostly_controls(b"\\x00\\x01\\x02 ab")
    (False, True)
    """
    if isinstance(data, str) and not _ANY_CONTROL.search(data):
        return False
    for a, b in _windows(len(data)):
        piece = data[a:b]
        kept = (
            piece.translate(None, _CONTROL_BYTES)
            if isinstance(piece, bytes)
            else (piece.translate(_DELETE_CONTROLS))
        )
        if len(piece) - len(kept) > _BINARY_SHARE * len(piece):
            return True
    return False


def _sniff_declared(data: bytes) -> str | None:
    head = data[:2048]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def _codec(name: str | None) -> str | None:
    """The Python codec for a charset label, or None when unknown.

    Latin-1 and ASCII labels mean windows-1252, as in every browser.
    """
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    if codec in ("latin-1", "iso8859-1", "ascii", "cp1252"):
        return "cp1252"
    return codec


def _cp1252(data: bytes) -> str:
    """windows-1252, with latin-1 for the five bytes it leaves undefined."""
    text = data.decode("cp1252", errors="surrogateescape")
    return text.translate(_UNDEFINED_1252)


_UNDEFINED_1252 = {0xDC00 + b: b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


_LETTER_RUN_OR_NON_ASCII = LazyPattern(r"[^\W\d_]+|[^\x00-\x7f\w\s]")


def _plausibly_western(text: str) -> bool:
    """True when a windows-1252 reading looks like a Western-European text.

    Cyrillic, Greek or Hebrew in their legacy code pages read as windows-1252
    give words made only of accented letters (``Ïðèâåò``) or stray symbols;
    Western words mix their accents with ASCII letters.
    """
    words = 0
    bad = 0
    for word in _LETTER_RUN_OR_NON_ASCII.findall(text[:100_000]):
        if word.isascii():
            continue
        words += 1
        if any(ch not in _WESTERN for ch in word if not ch.isascii()):
            bad += 1
        elif len(word) >= 3 and not any(ch.isascii() for ch in word):
            bad += 1
    return words > 0 and bad <= 0.1 * words


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    enc = str(best.encoding)
    try:
        return data.decode(enc, errors="replace"), enc
    except LookupError:
        return None


# -- repair and normalisation -------------------------------------------------


def _fix_mojibake(text: str) -> str:
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    return str(ftfy.fix_text(text, config))


def normalize(text: str) -> str:
    """Line endings to ``\\n``, no-break spaces to spaces, invisible characters out.

    >>> normalize("a\\r\\nb\\u00a0c\\u200bd")
    'a\\nb cd'
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        for ch, new in _SPACES:
            if ch in text:
                text = text.replace(ch, new)
    if text.endswith("\x1a"):  # DOS end-of-file mark
        text = text.rstrip("\x1a")
    return text


def _too_many_controls(text: str) -> bool:
    """Binary data that survived decoding: many C0 control characters (in some window)."""
    return bool(text) and _mostly_controls(text)
