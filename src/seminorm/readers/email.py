"""E-mail messages and mbox files.

A message is read with the standard library's ``email`` package
(``policy.default``): MIME parts in any transfer encoding and charset, RFC
2047 headers. From each message:

- the body: the ``text/plain`` part, else the HTML part as text
  (:func:`~seminorm.readers.html.html_to_text`; also when the plain part is a
  stub much shorter than the HTML one); quoted replies, signatures, list
  footers and virus-scanner notes are cut off, but a *forwarded*
  announcement is read (its own ``Subject`` and ``Date`` become the hints);
- the hints for the text reader: ``Subject`` (``Re:``/``Fwd:`` and
  mailing-list tags off) as title candidate, the ``Date`` header's day (in
  its own offset) as document date, ``From`` as organizer;
- ``text/calendar`` parts and ``.ics`` attachments, read as ICS. Their events
  are authoritative for times and UID; the body's matching event (same
  start, or the only one) fills what the calendar leaves out (speakers,
  abstract, online meeting, links). With a calendar, the body's other
  events are dropped. ``METHOD:CANCEL`` marks the events cancelled.

An mbox file is split on its envelope lines (``From sender Tue May  4
10:00:00 2021``); messages without an event are skipped, and only when no
message has one is it an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from seminorm.context import Context
from seminorm.errors import ParseError, SeminormError
from seminorm.model import Event, Notice, Organizer, Source
from seminorm.readers import Hints

if TYPE_CHECKING:
    from email.message import EmailMessage

__all__ = ["clean_body", "clean_subject", "parse_email", "split_mbox"]

_ENVELOPE = re.compile(
    rb"^From \S{1,300} {1,5}(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug"
    rb"|Sep|Oct|Nov|Dec) [ \d]\d [^\n]{0,100}$",
    re.MULTILINE,
)
_SUBJECT_PREFIX = re.compile(
    r"^(?:\s{0,5}(?:re|fwd?|fw|aw|wg|tr|rv|sv|vs|antw|r|i|enc|rif)\s{0,3}(?:\[\d{1,3}\])?\s{0,3}:)+",
    re.IGNORECASE,
)
_LIST_TAG = re.compile(r"^\s{0,5}\[([^\]\s]{1,60})\]\s{0,5}")
_FORWARD = re.compile(
    r"^[ \t>]{0,8}(?:-{3,} ?(?:Forwarded|Original) (?:message|Message) ?-{3,}"
    r"|Begin forwarded message:"
    r"|-{3,} ?(?:Weitergeleitete Nachricht|Message transféré|Mensaje reenviado"
    r"|Messaggio inoltrato|Ursprüngliche Nachricht|Message d'origine) ?-{3,})[ \t]{0,8}$",
    re.IGNORECASE | re.MULTILINE,
)
_REPLY_MARKER = re.compile(r"(?i)original message|ursprüngliche|message d'origine")
_WROTE = re.compile(
    r"^[ \t]{0,8}(?:On|Am|Le|El|Il|Op|Em)\b[^\n]{0,300}(?:\n[^\n]{0,200})?(?:wrote|schrieb|a écrit"
    r"|escribió|ha scritto|schreef|escreveu)\s{0,5}:[ \t]{0,8}$",
    re.MULTILINE,
)
_HEADER_LINE = re.compile(
    r"^[ \t>*]{0,8}(From|Von|De|Sent|Gesendet|Envoyé|Date|Datum|To|An|À|Cc|Bcc|Subject|Betreff"
    r"|Objet|Asunto|Oggetto|Reply-To|Organization)\*{0,2}\s{0,3}:",
    re.IGNORECASE,
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}


@dataclass
class _Body:
    """What a message's parts give."""

    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    calendars: list[bytes] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    structured: list[Event] = field(default_factory=list)


def parse_email(data: bytes, ctx: Context) -> list[Event]:
    """Return the events of an e-mail message or an mbox file."""
    messages = split_mbox(data)
    events: list[Event] = []
    errors: list[SeminormError] = []
    for raw in messages:
        try:
            events.extend(_read_message(raw, ctx))
        except SeminormError as e:
            errors.append(e)
    if events:
        return events
    if errors:
        raise errors[0]
    raise ParseError("no date or time found")


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox file (one message: itself), envelope lines removed.

    Consecutive envelope lines belong to one message; ``>From`` quoting is undone.

    >>> split_mbox(b"From a@b Tue May  4 10:00:00 2021\\nSubject: 1\\n\\nx\\n"
    ...            b"From c@d Wed May  5 10:00:00 2021\\nSubject: 2\\n\\ny\\n")
    [b'Subject: 1\\n\\nx\\n', b'Subject: 2\\n\\ny\\n']
    """
    starts = [m.start() for m in _ENVELOPE.finditer(data)]
    if not starts or data[: starts[0]].strip():
        return [data]
    out: list[bytes] = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(data)
        chunk = data[s:e]
        nl = chunk.find(b"\n")
        chunk = chunk[nl + 1 :] if nl >= 0 else b""
        if not chunk.strip():
            continue
        if b"\n>From " in chunk:
            chunk = re.sub(rb"\n>(>*From )", rb"\n\1", chunk)
        out.append(chunk)
    return out or [data]


# -- one message --------------------------------------------------------------


def _read_message(raw: bytes, ctx: Context) -> list[Event]:
    msg = _parse_message(raw)
    subject = _header(msg, "subject")
    doc_date = _date_header(msg)
    organizer = _organizer(msg)
    body = _Body()
    _collect(msg, body)
    text = _choose_text(body)
    cleaned, inner_subject, inner_date = clean_body(text)
    structured: tuple[Event, ...] = ()
    if body.structured:
        from seminorm.readers.structured import settle_zones

        structured = tuple(settle_zones(body.structured, [], ctx.tz, cleaned))
    hints = Hints(
        title=clean_subject(inner_subject or subject) or None,
        document_date=inner_date or doc_date,
        organizer=organizer,
        links=tuple(body.links),
        structured=structured,
        format="email",
    )
    text_events, error = _read_body(cleaned, text, ctx, hints)
    if body.calendars:
        cal = _calendar_events(body.calendars, ctx)
        if cal:
            events = _merge_calendar(cal, text_events, organizer)
            return _with_notices(events, body.notices)
    if not text_events:
        raise error or ParseError("no date or time found")
    return _with_notices(text_events, body.notices)


def _parse_message(raw: bytes) -> EmailMessage:
    from email import policy
    from email.parser import BytesParser

    raw = raw.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n")  # a BOM, blank lines before the headers
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception as e:  # the email package raises assorted errors on hostile input
        raise ParseError(f"malformed e-mail ({type(e).__name__})") from None
    return msg


def _header(msg: EmailMessage, name: str) -> str:
    """A header's decoded text; never raises.

    Raw 8-bit headers (no RFC 2047 encoding) are decoded like a body
    (UTF-8, else a legacy charset); malformed headers give their raw text.
    """
    raw: str | None = None
    for k, v in msg.raw_items():
        if k.lower() == name:
            raw = str(v)
            break
    if raw is None:
        return ""
    if any("\udc80" <= ch <= "\udcff" for ch in raw):
        s = _redecode(raw.encode("ascii", "surrogateescape"))
        if "=?" in s:
            s = _decode_words(s)
    else:
        try:
            value = msg.get(name)
            s = str(value) if value is not None else raw
        except Exception:
            s = _decode_words(raw)
        if "\ufffd" in s and "=?" in raw:
            s = _decode_words(raw)  # an encoded word in a charset Python does not know
    return " ".join(s.split())


_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,40})\?([QqBb])\?([^?\s]{0,1000})\?=(?:\s{1,20}(?==\?))?")


def _decode_words(s: str) -> str:
    """RFC 2047 encoded words, each through :func:`seminorm.read.decode` (so
    unknown charset names fall back to detection).

    >>> _decode_words("=?x-unknown?Q?Br=F6ken?= header")
    'Bröken header'
    """
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


def _date_header(msg: EmailMessage) -> date | None:
    raw = _header(msg, "date")
    return _parse_date(raw) if raw else None


def _parse_date(raw: str) -> date | None:
    """The day of an e-mail date (RFC 5322, or as mail clients write it when forwarding).

    >>> _parse_date("Tue, 4 May 2021 23:30:00 -0700")
    datetime.date(2021, 5, 4)
    >>> _parse_date("Tuesday, May 4, 2021 at 10:00 AM")
    datetime.date(2021, 5, 4)
    """
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    m = re.search(r"\b(\d{4})-(\d\d)-(\d\d)\b", raw)
    if m:
        return _mkdate(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(r"\b(\d{1,2})\.? ([A-Za-z]{3})[a-z]{0,6}\.?,? (\d{4})\b", raw)
    if m and m.group(2).lower() in _MONTHS:
        return _mkdate(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    m = re.search(r"\b([A-Za-z]{3})[a-z]{0,6}\.? (\d{1,2}),? (\d{4})\b", raw)
    if m and m.group(1).lower() in _MONTHS:
        return _mkdate(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    return None


def _mkdate(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _organizer(msg: EmailMessage) -> Organizer | None:
    from email.utils import getaddresses

    raw = _header(msg, "from")
    if not raw:
        return None
    try:
        pairs = getaddresses([raw])
    except Exception:
        return None
    for name, addr in pairs:
        addr = addr if "@" in addr else ""
        if name or addr:
            return Organizer(name=name.strip() or None, email=addr or None)
    return None


def clean_subject(subject: str) -> str:
    """A Subject as title candidate: reply/forward prefixes and list tags off.

    Tags that look like a mailing list's name (``[math-seminars]``) go; a
    word tag such as ``[Colloquium]`` says what the event is and stays.

    >>> clean_subject("Re: Fwd: [seminars-l] Talk on knots")
    'Talk on knots'
    >>> clean_subject("[Colloquium] Math: March 14th, 2014: Title")
    '[Colloquium] Math: March 14th, 2014: Title'
    """
    s = " ".join(subject.split())
    for _ in range(5):
        before = s
        s = _SUBJECT_PREFIX.sub("", s).strip()
        m = _LIST_TAG.match(s)
        if m and re.search(r"[-_@.]|list|announce", m.group(1), re.IGNORECASE):
            s = s[m.end() :].strip()
        if s == before:
            break
    return s


# -- MIME parts ---------------------------------------------------------------


def _collect(msg: Any, body: _Body) -> None:
    """Walk the parts (attached messages included), iteratively and bounded."""
    try:
        parts = list(msg.walk())[:500]
    except Exception:
        parts = [msg]
    for part in parts:
        try:
            _collect_part(part, body)
        except Exception:  # one broken part must not lose the others
            continue


def _collect_part(part: Any, body: _Body) -> None:
    if part.is_multipart():
        return
    ctype = (part.get_content_type() or "text/plain").lower()
    filename = (part.get_filename() or "").lower()
    disposition = (part.get_content_disposition() or "").lower()
    if "calendar" in ctype or ctype == "application/ics" or filename.endswith((".ics", ".vcs")):
        payload = _payload(part).strip()
        if payload:
            body.calendars.append(payload + b"\r\n")
        return
    if not ctype.startswith("text/") or ctype not in ("text/plain", "text/html"):
        return
    if (
        disposition == "attachment"
        and filename
        and not filename.endswith((".txt", ".htm", ".html"))
    ):
        return
    text, notices = _part_text(part)
    if not text.strip():
        return
    body.notices.extend(n for n in notices if n not in body.notices)
    if ctype == "text/plain" and re.match(
        r"\s{0,100}<(?:!doctype\s{1,10}html|html)[\s>]", text, re.I
    ):
        ctype = "text/html"  # HTML sent as text/plain
    if ctype == "text/html":
        from seminorm.readers.html import read_page

        html_text, links, structured, _ = read_page(text)
        body.html.append(html_text)
        body.links.extend(links)
        body.structured.extend(structured)
    elif text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        body.calendars.append(text.encode("utf-8"))  # a calendar pasted as the body
    else:
        if (part.get_param("format") or "").lower() == "flowed":
            text = _unflow(text, (part.get_param("delsp") or "").lower() == "yes")
        body.plain.append(text)


def _payload(part: Any) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    if isinstance(raw, str):
        return raw.encode("utf-8", "surrogateescape")
    return b""


def _part_text(part: Any) -> tuple[str, tuple[Notice, ...]]:
    from seminorm.read import decode

    data = _payload(part)
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    try:
        decoded = decode(data, charset)
    except SeminormError:
        return "", ()
    return decoded.text, decoded.notices


def _unflow(text: str, delsp: bool) -> str:
    """RFC 3676 format=flowed: lines ending in a space continue on the next."""
    out: list[str] = []
    buf = ""
    for line in text.split("\n"):
        if line != "-- " and line.endswith(" "):
            buf += line[:-1] if delsp else line
            continue
        out.append(buf + line)
        buf = ""
    if buf:
        out.append(buf)
    return "\n".join(out)


def _choose_text(body: _Body) -> str:
    plain = "\n\n".join(body.plain).strip()
    html = "\n\n".join(body.html).strip()
    if plain and (not html or len(plain) * 3 >= len(html) or len(html) < 300):
        return plain
    return html or plain


# -- body cleaning ------------------------------------------------------------


def clean_body(text: str) -> tuple[str, str | None, date | None]:
    """Cut quoted replies, signatures and footers; unwrap a forwarded announcement.

    Returns the text to read and, for a forward, the forwarded message's
    Subject and Date. A reply (``-----Original Message-----``, Outlook's
    ``From:``/``Sent:`` block) keeps only its own text unless that is nearly
    empty; a forward keeps both its own text and the forwarded one.

    >>> clean_body("Talk at 4pm.\\n-- \\nAnn\\n")[0]
    'Talk at 4pm.'
    >>> clean_body("FYI\\n\\n---------- Forwarded message ---------\\n"
    ...            "From: Ann <a@b.org>\\nDate: Tue, 4 May 2021 10:00:00 +0200\\n"
    ...            "Subject: Talk on knots\\nTo: x@y.org\\n\\nTalk at 4pm\\n")
    ('FYI\\n\\nTalk at 4pm', 'Talk on knots', datetime.date(2021, 5, 4))
    """
    text = text.replace("\r\n", "\n")
    mark = _marker(text)
    if mark is None:
        return _drop_quotes(_strip_tail(text)), None, None
    start, end, is_reply = mark
    top = _drop_quotes(_strip_tail(text[:start])).strip()
    headers, inner = _forwarded(text[end:])
    if is_reply and len(re.sub(r"\s", "", top)) >= 200:
        return top, None, None
    raw_date = headers.get("date") or headers.get("sent")
    when = _parse_date(raw_date) if raw_date else None
    inner = _drop_quotes(_strip_tail(inner))
    text = (top + "\n\n" + inner).strip() if top else inner
    return text, headers.get("subject"), when


def _fallback_bodies(text: str) -> list[str]:
    """What to read when the cleaned body has no event, best first.

    The quoted or forwarded message alone (an announcement quoted in a
    reply whose own text says nothing of the event), then everything,
    unquoted; reply markers and forwarded header blocks are dropped.
    """
    text = text.replace("\r\n", "\n")
    out: list[str] = []
    wrote = _WROTE.search(text)
    mark = _marker(text)
    if wrote is not None:
        out.append(_unquote(text[wrote.end() :]))
    elif mark is not None:
        out.append(_forwarded(text[mark[1] :])[1])
    whole = _WROTE.sub("", _unquote(text))
    mark = _marker(whole)
    if mark is not None:
        whole = whole[: mark[0]].rstrip() + "\n\n" + _forwarded(whole[mark[1] :])[1]
    out.append(whole)
    return [_strip_tail(t).strip() for t in out]


def _marker(text: str) -> tuple[int, int, bool] | None:
    """Where a forwarded or replied-to message starts: (start, end of marker, is a reply)."""
    m = _FORWARD.search(text)
    if m is not None:
        return m.start(), m.end(), bool(_REPLY_MARKER.search(m.group(0)))
    for m in re.finditer(r"^[ \t>*]{0,8}(?:From|Von|De)\*{0,2}\s{0,3}:[^\n]{0,300}$", text, re.M):
        if m.start() == 0:
            continue
        following = text[m.end() : m.end() + 600].split("\n")[1:5]
        names = {h.group(1).lower() for ln in following if (h := _HEADER_LINE.match(ln))}
        if len(names) >= 2 and names & {"sent", "gesendet", "envoyé", "date", "datum"}:
            start = m.start()
            prev = text[:start].rstrip("\n").rsplit("\n", 1)[-1]
            if re.fullmatch(r"[_\-=\s]{10,}", prev):
                start = max(0, text.rfind(prev, 0, start))
            return start, m.start(), True
    return None


def _forwarded(rest: str) -> tuple[dict[str, str], str]:
    rest = rest.lstrip("\n")
    if rest.lstrip().startswith(">"):
        rest = _unquote(rest)
    return _split_header_block(rest)


def _split_header_block(text: str) -> tuple[dict[str, str], str]:
    """The forwarded message's header lines (``From:``, ``Date:``...) and what follows."""
    lines = text.split("\n")
    headers: dict[str, str] = {}
    i = 0
    last: str | None = None
    while i < len(lines) and i < 30:
        line = lines[i]
        h = _HEADER_LINE.match(line)
        if h:
            last = _canonical(h.group(1).lower())
            value = line[h.end() :].strip(" \t*")
            headers.setdefault(last, value)
        elif line.strip() and last is not None and line[:1] in " \t" and headers:
            headers[last] += " " + line.strip()
        elif not line.strip():
            if headers:
                i += 1
                break
        else:
            break
        i += 1
    if not headers:
        return {}, text
    return headers, "\n".join(lines[i:])


def _canonical(name: str) -> str:
    return {
        "von": "from",
        "de": "from",
        "gesendet": "sent",
        "envoyé": "sent",
        "datum": "date",
        "an": "to",
        "à": "to",
        "betreff": "subject",
        "objet": "subject",
        "asunto": "subject",
        "oggetto": "subject",
    }.get(name, name)


_FOOTERS = re.compile(
    r"^(?:You received this message because you are subscribed"
    r"|To unsubscribe from this (?:group|list)"
    r"|This (?:message|e-?mail) has been scanned for viruses"
    r"|This message has been scanned by"
    r"|-{0,3} ?MailScanner"
    r"|Sent from my (?:iPhone|iPad|Android|mobile)"
    r"|Get Outlook for )",
    re.IGNORECASE | re.MULTILINE,
)
#: Words that say the text after a bare ``--`` is still the announcement, not a signature.
_EVENT_WORDS = re.compile(
    r"(?i)zoom|teams|webex|meet\.google|meeting|passcode|password|dial|abstract|speaker"
    r"|title|\bdate\b|\btime\b|\broom\b|venue|location|\d{1,2}[:.h]\d\d|\d\s?[ap]\.?m\b"
)
_LIST_WORDS = re.compile(r"(?i)mailing list|listinfo|unsubscribe|mailman|list archive|sympa")


def _strip_tail(text: str) -> str:
    """Cut the signature, list footers and scanner notes off the end of a text."""
    lines = text.split("\n")
    n = len(lines)
    cut = n
    for i, line in enumerate(lines):
        s = line.rstrip("\r")
        if s == "-- " or (
            s.strip() == "--" and n - i <= 10 and not _EVENT_WORDS.search("\n".join(lines[i + 1 :]))
        ):
            cut = i
            break
        if re.fullmatch(r"[_=\-]{15,}\s*", s) and _LIST_WORDS.search(
            "\n".join(lines[i + 1 : i + 8])
        ):
            cut = i
            break
        if _FOOTERS.match(s.strip()):
            cut = i
            while cut > 0 and re.fullmatch(r"[\s_=\-]*", lines[cut - 1]):
                cut -= 1
            break
    if cut == 0:
        return text
    return "\n".join(lines[:cut]).rstrip()


def _drop_quotes(text: str) -> str:
    """Quoted lines (``> ...``) and everything from an "On ... wrote:" line."""
    m = _WROTE.search(text)
    if m is not None and m.start() > 0:
        text = text[: m.start()]
    if ">" in text:
        kept = [ln for ln in text.split("\n") if not ln.lstrip().startswith(">")]
        if any(ln.strip() for ln in kept):
            text = "\n".join(kept)
    return text.strip()


def _unquote(text: str) -> str:
    return "\n".join(re.sub(r"^[ \t]{0,4}(?:> ?){1,10}", "", ln) for ln in text.split("\n"))


# -- reading ------------------------------------------------------------------


def _read_body(
    cleaned: str, full: str, ctx: Context, hints: Hints
) -> tuple[list[Event], ParseError | None]:
    """The text reader on the cleaned body; on the whole body when that has no event."""
    from seminorm.readers.text import parse_text

    error: ParseError | None = None
    tried: set[str] = set()
    best: list[Event] = []
    for candidate in (cleaned, *_fallback_bodies(full)):
        candidate = candidate.strip()
        if not candidate or candidate in tried:
            continue
        tried.add(candidate)
        try:
            events = parse_text(candidate, ctx, hints)
        except ParseError as e:
            error = error or e
            continue
        if _richness(events) > _richness(best):
            best = events
        if all(ev.title and ev.speakers for ev in best):
            break
    # a short reply ("see you at 12:15!") above the quoted announcement says
    # less than the announcement: the richer reading wins
    return (best, None) if best else ([], error)


def _richness(events: list[Event]) -> int:
    return (
        sum(1 + bool(ev.title) + bool(ev.speakers) + bool(ev.location) for ev in events)
        if events
        else -1
    )


def _calendar_events(calendars: list[bytes], ctx: Context) -> list[Event]:
    try:
        from seminorm.readers.ics import parse_ics
    except ImportError:
        return []
    out: list[Event] = []
    seen: set[tuple[object, ...]] = set()
    for data in calendars:
        try:
            events = parse_ics(data, ctx)
        except SeminormError:
            continue
        cancel = bool(re.search(rb"(?im)^METHOD:\s*CANCEL\s*$", data))
        for ev in events:
            key = (ev.uid, ev.start)
            if key in seen:
                continue
            seen.add(key)
            if cancel:
                ev = replace(ev, status="cancelled")
            # a published event, not an invitation: no attendee list asking for replies
            extra = tuple(line for line in ev.ics_extra if not _SCHEDULING.match(line))
            out.append(replace(ev, ics_extra=extra, source=replace(ev.source, format="email")))
    return out


#: Invitation-only properties (RFC 5546 scheduling) that a published event does not carry.
_SCHEDULING = re.compile(r"(?i)ATTENDEE[;:]")

_FILL = ("series", "speakers", "location", "online", "abstract", "categories", "title")
_TIME_CODES = frozenset(
    {
        "tz-missing",
        "tz-inferred",
        "tz-ambiguous",
        "tz-dst-mismatch",
        "time-conflict",
        "date-order-guessed",
        "year-inferred",
        "weekday-mismatch",
        "end-before-start",
    }
)


def _merge_calendar(
    cal: list[Event], body: list[Event], organizer: Organizer | None
) -> list[Event]:
    """Calendar events, completed by the body's matching event."""
    out: list[Event] = []
    for ev in cal:
        twin = _match(ev, body, single=len(cal) == 1)
        if twin is not None:
            changes: dict[str, Any] = {
                name: getattr(twin, name)
                for name in _FILL
                if not getattr(ev, name) and getattr(twin, name)
            }
            urls = {link.url for link in ev.links}
            extra = tuple(link for link in twin.links if link.url not in urls)
            if extra:
                changes["links"] = (*ev.links, *extra)
            if not ev.description and twin.description:
                changes["description"] = twin.description
            ev = replace(ev, **changes)
            for n in twin.warnings:
                if n.code not in _TIME_CODES:
                    ev = ev.warn(n.code, n.message, n.field)
            if _instant(twin.start) != _instant(ev.start) and twin.start is not None:
                ev = ev.warn(
                    "time-conflict",
                    f"the calendar invitation says {_iso(ev.start)}, the message text says "
                    f"{_iso(twin.start)}; the invitation is kept",
                    "start",
                )
        if ev.organizer is None and organizer is not None:
            ev = replace(ev, organizer=organizer)
        out.append(ev)
    return out


def _match(ev: Event, body: list[Event], *, single: bool) -> Event | None:
    for tx in body:
        if tx.start is not None and _instant(tx.start) == _instant(ev.start):
            return tx
    if single and len(body) == 1:
        return body[0]
    return None


def _instant(value: datetime | date | None) -> object:
    if isinstance(value, datetime) and value.tzinfo is not None:
        from datetime import UTC

        return value.astimezone(UTC)
    return value


def _iso(value: datetime | date | None) -> str:
    return value.isoformat() if value is not None else "?"


def _with_notices(events: list[Event], notices: list[Notice]) -> list[Event]:
    for n in notices:
        events = [ev.warn(n.code, n.message, n.field) for ev in events]
    return [
        ev if ev.source.format == "email" else replace(ev, source=Source(format="email"))
        for ev in events
    ]
