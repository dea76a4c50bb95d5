"""Wrap a plain-text announcement as an e-mail or as a web page.

For the "same events from every wrapping" tests: the events read from
``as_email(text, ...)`` and ``as_html(text, ...)`` should be those read from
``text`` itself.

>>> b"Content-Transfer-Encoding: quoted-printable" in as_email("Caf\\u00e9", subject="x")
True
>>> b"<nav>" in as_html("Talk", "Talk")
True
"""

from __future__ import annotations

import html
import quopri
import re
from base64 import encodebytes

_URL = re.compile(r"(?:https?://|mailto:)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
_EMAIL = re.compile(r"(?<![\w.:/])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def as_email(
    text: str,
    *,
    subject: str,
    charset: str = "windows-1252",
    qp: bool = True,
    with_html: bool = True,
) -> bytes:
    """An RFC 5322 message carrying ``text``.

    The body is encoded in ``charset`` (falling back to UTF-8 for characters
    it lacks) with quoted-printable or base64; the Subject is RFC 2047
    encoded; with ``with_html`` the message is multipart/alternative with an
    HTML version of the same text (:func:`as_html`'s body).
    """
    try:
        body = text.replace("\r\n", "\n").encode(charset)
    except UnicodeEncodeError:
        charset = "utf-8"
        body = text.replace("\r\n", "\n").encode(charset)
    lines = [
        "From: Seminar Office <seminars@example.org>",
        "To: announce@example.org",
        f"Subject: {_encoded_word(subject)}",
        "Date: Mon, 11 Mar 2024 09:30:00 +0000",
        "Message-ID: <wrapped-1@example.org>",
        "MIME-Version: 1.0",
    ]
    plain = _part("text/plain", charset, body, qp)
    if not with_html:
        return ("\n".join(lines) + "\n").encode("ascii") + plain
    page = _page_body(text).encode("utf-8")
    boundary = "==seminorm-test-boundary=="
    head = "\n".join([*lines, f'Content-Type: multipart/alternative; boundary="{boundary}"', ""])
    return (
        head.encode("ascii")
        + f"\n--{boundary}\n".encode()
        + plain
        + f"\n--{boundary}\n".encode()
        + _part("text/html", "utf-8", page, qp)
        + f"\n--{boundary}--\n".encode()
    )


def as_html(text: str, title: str) -> bytes:
    """A UTF-8 web page with ``text`` as its article, between a nav and a footer.

    Each line becomes a paragraph (blank lines separate them), URLs and
    e-mail addresses become ``<a href>`` links whose visible text is the
    URL itself (so the text is the same), and the page has a ``<title>``,
    a navigation menu, a script and a footer that the reader must ignore.
    """
    t = html.escape(title)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{t} | Department of Examples</title>"
        "<script>var ga = 'Friday, 1 March 2024 at 09:00';</script>"
        "<style>p { margin: 0 }</style></head>\n<body>\n"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/events'>Events 2024</a></li>"
        "<li><a href='/people'>People</a></li></ul></nav>\n"
        f"<main><article>\n{_page_body(text)}\n</article></main>\n"
        "<footer><p>&copy; 2024 Department of Examples &middot; Updated 1 March 2024, 10:00"
        "</p></footer>\n</body></html>\n"
    ).encode()


def _page_body(text: str) -> str:
    paragraphs = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").strip())
    out = []
    for para in paragraphs:
        lines = [_linkify(line) for line in para.split("\n")]
        out.append("<p>" + "<br>\n".join(lines) + "</p>")
    return "\n".join(out)


def _linkify(line: str) -> str:
    out: list[str] = []
    pos = 0
    for m in sorted([*_URL.finditer(line), *_EMAIL.finditer(line)], key=lambda m: m.start()):
        if m.start() < pos:
            continue
        out.append(html.escape(line[pos : m.start()]))
        value = m.group(0)
        href = value if ":" in value.split("@")[0] else f"mailto:{value}"
        out.append(f'<a href="{html.escape(href)}">{html.escape(value)}</a>')
        pos = m.end()
    out.append(html.escape(line[pos:]))
    return "".join(out)


def _part(ctype: str, charset: str, body: bytes, qp: bool) -> bytes:
    if qp:
        encoded = quopri.encodestring(body).replace(b"\r\n", b"\n")
        cte = "quoted-printable"
    else:
        encoded = encodebytes(body)
        cte = "base64"
    head = f"Content-Type: {ctype}; charset={charset}\nContent-Transfer-Encoding: {cte}\n\n"
    return head.encode("ascii") + encoded


def _encoded_word(s: str) -> str:
    if s.isascii():
        return s
    from email.header import Header

    return Header(s, "utf-8").encode()
