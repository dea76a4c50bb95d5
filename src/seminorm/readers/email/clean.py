"""A message body cut down to its announcement: :func:`clean_body`.

Quoted replies, signatures, list footers and virus-scanner notes are cut
off; a forwarded message is unwrapped, and its own ``Subject`` and ``Date``
become the hints. :func:`fallback_bodies` gives the other readings to try
when the cleaned body has no event.
"""

from __future__ import annotations

import re
from datetime import date

from seminorm.patterns import LazyPattern

from .headers import parse_date

_FORWARD = LazyPattern(
    r"^[ \t>]{0,8}(?:-{3,} ?(?:Forwarded|Original) (?:message|Message) ?-{3,}"
    r"|Begin forwarded message:"
    r"|-{3,} ?(?:Weitergeleitete Nachricht|Message transféré|Mensaje reenviado"
    r"|Messaggio inoltrato|Ursprüngliche Nachricht|Message d'origine) ?-{3,})[ \t]{0,8}$",
    re.IGNORECASE | re.MULTILINE,
)
_REPLY_MARKER = LazyPattern(r"(?i)original message|ursprüngliche|message d'origine")
_WROTE = LazyPattern(
    r"^[ \t]{0,8}(?:On|Am|Le|El|Il|Op|Em)\b[^\n]{0,300}(?:\n[^\n]{0,200})?(?:wrote|schrieb|a écrit"
    r"|escribió|ha scritto|schreef|escreveu)\s{0,5}:[ \t]{0,8}$",
    re.MULTILINE,
)
_HEADER_LINE = LazyPattern(
    r"^[ \t>*]{0,8}(From|Von|De|Sent|Gesendet|Envoyé|Date|Datum|To|An|À|Cc|Bcc|Subject|Betreff"
    r"|Objet|Asunto|Oggetto|Reply-To|Organization)\*{0,2}\s{0,3}:",
    re.IGNORECASE,
)


_WHITESPACE_CHAR = LazyPattern(r"\s")


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
    if is_reply and len(_WHITESPACE_CHAR.sub("", top)) >= 200:
        return top, None, None
    raw_date = headers.get("date") or headers.get("sent")
    when = parse_date(raw_date) if raw_date else None
    inner = _drop_quotes(_strip_tail(inner))
    text = (top + "\n\n" + inner).strip() if top else inner
    return text, headers.get("subject"), when


def fallback_bodies(text: str) -> list[str]:
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


_FROM_HEADER_LINE = LazyPattern(r"^[ \t>*]{0,8}(?:From|Von|De)\*{0,2}\s{0,3}:[^\n]{0,300}$", re.M)
_RULE_LINE = LazyPattern(r"[_\-=\s]{10,}")


def _marker(text: str) -> tuple[int, int, bool] | None:
    """Where a forwarded or replied-to message starts: (start, end of marker, is a reply)."""
    m = _FORWARD.search(text)
    if m is not None:
        return m.start(), m.end(), bool(_REPLY_MARKER.search(m.group(0)))
    for m in _FROM_HEADER_LINE.finditer(text):
        if m.start() == 0:
            continue
        following = text[m.end() : m.end() + 600].split("\n")[1:5]
        names = {h.group(1).lower() for ln in following if (h := _HEADER_LINE.match(ln))}
        if len(names) >= 2 and names & {"sent", "gesendet", "envoyé", "date", "datum"}:
            start = m.start()
            prev = text[:start].rstrip("\n").rsplit("\n", 1)[-1]
            if _RULE_LINE.fullmatch(prev):
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


_FOOTERS = LazyPattern(
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
_EVENT_WORDS = LazyPattern(
    r"(?i)zoom|teams|webex|meet\.google|meeting|passcode|password|dial|abstract|speaker"
    r"|title|\bdate\b|\btime\b|\broom\b|venue|location|\d{1,2}[:.h]\d\d|\d\s?[ap]\.?m\b"
)
_LIST_WORDS = LazyPattern(r"(?i)mailing list|listinfo|unsubscribe|mailman|list archive|sympa")


_LONG_RULE = LazyPattern(r"[_=\-]{15,}\s*")
_RULE_CHARS = LazyPattern(r"[\s_=\-]*")


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
        if _LONG_RULE.fullmatch(s) and _LIST_WORDS.search("\n".join(lines[i + 1 : i + 8])):
            cut = i
            break
        if _FOOTERS.match(s.strip()):
            cut = i
            while cut > 0 and _RULE_CHARS.fullmatch(lines[cut - 1]):
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


_QUOTE_MARKS = LazyPattern(r"^[ \t]{0,4}(?:> ?){1,10}")


def _unquote(text: str) -> str:
    return "\n".join(_QUOTE_MARKS.sub("", ln) for ln in text.split("\n"))
