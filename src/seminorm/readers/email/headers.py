"""A message's headers, read for the hints: ``Subject``, ``Date``, ``From``.

Headers are decoded without ever raising: raw 8-bit text is decoded like a
body, and RFC 2047 words in a charset Python does not know fall back to
detection. :func:`parse_date` also reads the dates mail clients write in a
forwarded message; :func:`clean_subject` takes reply prefixes and list tags
off a Subject.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from seminorm.errors import SeminormError
from seminorm.model import Organizer
from seminorm.patterns import LazyPattern

if TYPE_CHECKING:
    from email.message import Message
    from email.policy import Compat32

#: The longest header value read, in characters: no Subject, From or Content-Type
#: needs more, and nothing downstream need ever see a longer one.
HEADER_CAP = 4096
_POLICY: list[Compat32] = []


def bounded_policy() -> Compat32:
    """The standard library's ``compat32`` policy, each header value cut to ``HEADER_CAP``.

    ``compat32`` hands header values over as the strings they are: the few
    headers read here are decoded by :func:`decoded_header` (RFC 2047 words)
    and :func:`organizer_of` (addresses), each once. ``policy.default`` would
    parse every value into a header object at every read (``Content-Type``
    some fifteen times a message, half of a message's time), with a parser
    whose time and memory grow with the square of a long value.
    """
    if not _POLICY:
        from email.policy import Compat32

        class _Bounded(Compat32):
            def header_fetch_parse(self, name: str, value: str) -> Any:
                return super().header_fetch_parse(name, value[:HEADER_CAP])

        _POLICY.append(_Bounded())
    return _POLICY[0]


_SUBJECT_PREFIX = LazyPattern(
    r"^(?:\s{0,5}(?:re|fwd?|fw|aw|wg|tr|rv|sv|vs|antw|r|i|enc|rif)\s{0,3}(?:\[\d{1,3}\])?\s{0,3}:)+",
    re.IGNORECASE,
)
_LIST_TAG = LazyPattern(r"^\s{0,5}\[([^\]\s]{1,60})\]\s{0,5}")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}


def decoded_header(msg: Message, name: str) -> str:
    """A header's decoded text, on one line; never raises.

    RFC 2047 encoded words are decoded (:func:`decode_words`); raw 8-bit
    headers are decoded like a body (UTF-8, else a legacy charset).

    >>> from email import message_from_bytes
    >>> msg = message_from_bytes(b"Subject: =?utf-8?q?Caf=C3=A9?=\\n =?utf-8?q?_talk?= at 4\\n\\n")
    >>> decoded_header(msg, "subject")
    'Café talk at 4'
    """
    raw = raw_header(msg, name)
    if raw is None:
        return ""
    if any("\udc80" <= ch <= "\udcff" for ch in raw):
        raw = _redecode(raw.encode("ascii", "surrogateescape"))
    return " ".join(decode_words(raw).split())


def raw_header(msg: Message, name: str) -> str | None:
    """The first value of header ``name`` (lower case) as it stands, cut to ``HEADER_CAP``."""
    for k, v in msg.raw_items():
        if k.lower() == name:
            return str(v)[:HEADER_CAP]
    return None


_ENCODED_WORD = LazyPattern(r"=\?([^?\s]{1,40})\?([QqBb])\?([^?\s]{0,1000})\?=(?:\s{1,20}(?==\?))?")


def decode_words(s: str) -> str:
    """RFC 2047 encoded words, each through :func:`seminorm.read.decode` (so
    unknown charset names fall back to detection); the space between two
    encoded words goes, as the RFC says.

    >>> decode_words("=?x-unknown?Q?Br=F6ken?= =?utf-8?b?aGVhZGVy?= here")
    'Brökenheader here'
    """
    if "=?" not in s:
        return s
    import binascii
    import quopri

    def word(m: re.Match[str]) -> str:
        charset, kind, data = m.group(1), m.group(2).upper(), m.group(3)
        try:
            if kind == "Q":
                raw = quopri.decodestring(data.replace("_", " ").encode("ascii"), header=True)
            else:
                raw = binascii.a2b_base64(data.encode("ascii") + b"===")
        except (ValueError, binascii.Error, UnicodeEncodeError):
            return m.group(0)
        from seminorm.read import decode

        try:
            return decode(raw, charset.split("*")[0]).text
        except SeminormError:
            return ""

    return _ENCODED_WORD.sub(word, s)


def _redecode(data: bytes) -> str:
    from seminorm.read import decode

    try:
        return decode(data).text
    except SeminormError:
        return data.decode("utf-8", "replace")


def date_header(msg: Message) -> date | None:
    raw = decoded_header(msg, "date")
    return parse_date(raw) if raw else None


_ISO_DATE = LazyPattern(r"\b(\d{4})-(\d\d)-(\d\d)\b")
_DAY_MONTH_YEAR = LazyPattern(r"\b(\d{1,2})\.? ([A-Za-z]{3})[a-z]{0,6}\.?,? (\d{4})\b")
_MONTH_DAY_YEAR = LazyPattern(r"\b([A-Za-z]{3})[a-z]{0,6}\.? (\d{1,2}),? (\d{4})\b")


def parse_date(raw: str) -> date | None:
    """The day of an e-mail date (RFC 5322, or as mail clients write it when forwarding).

    >>> parse_date("Tue, 4 May 2021 23:30:00 -0700")
    datetime.date(2021, 5, 4)
    >>> parse_date("Tuesday, May 4, 2021 at 10:00 AM")
    datetime.date(2021, 5, 4)
    """
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    m = _ISO_DATE.search(raw)
    if m:
        return _mkdate(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DAY_MONTH_YEAR.search(raw)
    if m and m.group(2).lower() in _MONTHS:
        return _mkdate(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    m = _MONTH_DAY_YEAR.search(raw)
    if m and m.group(1).lower() in _MONTHS:
        return _mkdate(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    return None


def _mkdate(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def organizer_of(msg: Message) -> Organizer | None:
    """The first address of ``From``: its display name decoded, its e-mail address.

    The addresses are split before the names are decoded, so that an encoded
    name holding a comma stays one name.

    >>> from email import message_from_bytes
    >>> organizer_of(message_from_bytes(b"From: =?utf-8?q?Lee=2C_Zo=C3=AB?= <z@example.org>\\n\\n"))
    Organizer(name='Lee, Zoë', email='z@example.org')
    """
    from email.utils import getaddresses

    raw = raw_header(msg, "from")
    if raw is None:
        return None
    if any("\udc80" <= ch <= "\udcff" for ch in raw):
        raw = _redecode(raw.encode("ascii", "surrogateescape"))
    try:
        pairs = getaddresses([" ".join(raw.split())])
    except Exception:
        return None
    for name, addr in pairs:
        addr = addr if "@" in addr else ""
        name = " ".join(decode_words(name).split())
        if name or addr:
            return Organizer(name=name or None, email=addr or None)
    return None


_LIST_NAME_NOISE = LazyPattern(r"[-_@.]|list|announce", re.IGNORECASE)


def clean_subject(subject: str) -> str:
    """A Subject as title candidate: reply/forward prefixes and list tags off.

    Tags that look like a mailing list's name (``[math-seminars]``) go; a
    word tag such as ``[Colloquium]`` says what the event is and stays.

    >>> clean_subject("Re: Fwd: [seminars-l] Talk on knots")
    'Talk on knots'
    >>> clean_subject("[Colloquium] Math: March 12th, 2014: Title")
    '[Colloquium] Math: March 12th, 2014: Title'
    """
    s = " ".join(subject.split())
    for _ in range(5):
        before = s
        s = _SUBJECT_PREFIX.sub("", s).strip()
        m = _LIST_TAG.match(s)
        if m and _LIST_NAME_NOISE.search(m.group(1)):
            s = s[m.end() :].strip()
        if s == before:
            break
    return s
