"""HTML pages: the text with its block structure, the links, the structured data.

:func:`html_to_text` turns a page into the plain text a person would copy
from it: one line per paragraph, heading, list item (``- item``) or table
row (cells joined by `` | ``), ``<br>`` as a line break, ``<dt>``/``<dd>``
pairs as ``term: definition``. Navigation, scripts, forms, the page's own
header/footer/aside (but not those of an ``<article>``) are dropped.

Links: every ``(anchor text, href)`` pair is collected, and the text keeps
the target of each web or mail link right after its anchor text, as
``Join <https://zoom.us/j/123>``, unless the visible text already is that
URL; so the text reader, which scans text for URLs, sees the hrefs.

:func:`parse_html` decodes the page (``<meta charset>`` honoured), reads its
title (``og:title``, else ``<title>`` without the site name, else ``<h1>``)
and structured data (:mod:`.structured`), and hands all of it to the text
reader as :class:`~seminorm.parse.Hints`.

selectolax (lexbor) parses: a fast, tolerant C parser (HTML5 tree
construction, so broken pages parse as browsers see them) and a small
wheel; lxml is heavier to install and import, and html.parser is slow and
not HTML5-conformant.

>>> html_to_text("<p>Talk by <b>Ann</b><br>Room 5</p><ul><li>one</li></ul>")[0]
'Talk by Ann\\nRoom 5\\n\\n- one'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from seminorm.context import Context
from seminorm.model import Event
from seminorm.parse import Hints

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["html_to_text", "page_title", "parse_html"]

_DROP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "nav",
        "form",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "button",
        "head",
        "title",
        "meta",
        "link",
        "-comment",
        "dialog",
    }
)
#: Dropped unless inside an <article>: the site's header, footer and sidebars.
_CHROME = frozenset({"header", "footer", "aside"})
#: Blocks followed by a blank line.
_PARAGRAPH = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "dl",
        "table",
        "blockquote",
        "pre",
        "section",
        "article",
        "figure",
        "address",
        "details",
        "hr",
    }
)
_BLOCK = _PARAGRAPH | frozenset(
    {
        "div",
        "main",
        "li",
        "dt",
        "dd",
        "tr",
        "tbody",
        "thead",
        "tfoot",
        "caption",
        "figcaption",
        "center",
        "summary",
        "header",
        "footer",
        "aside",
        "body",
        "html",
        "fieldset",
        "legend",
        "option",
    }
)
_CELL = frozenset({"td", "th"})
_NAV_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary"})
_WS = re.compile(r"\s+")
_MEETING_HOSTS = re.compile(
    r"zoom\.us|zoomgov\.com|teams\.microsoft|teams\.live|meet\.google|webex\.com|jit\.si"
    r"|gotomeeting|bluejeans|bigbluebutton|bbb\.",
    re.IGNORECASE,
)
_TITLE_SEPARATORS = re.compile(r"\s(?:\||–|—|::|»|·|-)\s")


def html_to_text(html: str, base_url: str | None = None) -> tuple[str, list[tuple[str, str]]]:
    """Return the text of a page and its ``(anchor text, href)`` pairs, in order.

    Relative hrefs are resolved against ``base_url`` (or the page's own
    ``<base href>``); the text shows only absolute web and mail links.

    >>> text, links = html_to_text('<a href="https://zoom.us/j/1">Join</a>')
    >>> text, links
    ('Join <https://zoom.us/j/1>', [('Join', 'https://zoom.us/j/1')])
    >>> html_to_text("<table><tr><td>May 4</td><td>Ann</td></tr></table>")[0]
    'May 4 | Ann'
    >>> html_to_text("<dl><dt>Speaker</dt><dd>Ann</dd></dl>")[0]
    'Speaker: Ann'
    """
    return _text_of(_parse(html), base_url)


def page_title(tree: LexborHTMLParser) -> str | None:
    """The page's own title: ``og:title``, else ``<title>`` without the site name, else ``<h1>``.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page_title(LexborHTMLParser("<title>On knots | Math Dept</title><h1>Seminars</h1>"))
    'On knots'
    """
    og = tree.css_first('meta[property="og:title"], meta[name="twitter:title"]')
    if og is not None and (value := _clean(og.attributes.get("content") or "")):
        return value
    node = tree.css_first("title")
    if node is not None and (title := _clean(node.text())):
        parts = _TITLE_SEPARATORS.split(title)
        return max(parts[:-1] or parts, key=len) if len(parts) > 1 else title
    h1 = tree.css_first("h1")
    if h1 is not None and (heading := _clean(h1.text())):
        return heading
    return None


def parse_html(data: bytes, ctx: Context, hints: Hints | None = None) -> list[Event]:
    """Return the events of an HTML page (see the module docstring).

    ``hints`` from an outer container (an e-mail's Subject and Date) win
    over what the page says about its title.
    """
    from seminorm.read import decode

    decoded = decode(data)
    events = read_html_text(decoded.text, ctx, hints)
    for notice in decoded.notices:
        events = [ev.warn(notice.code, notice.message, notice.field) for ev in events]
    return events


def read_html_text(html: str, ctx: Context, hints: Hints | None = None) -> list[Event]:
    """:func:`parse_html` on text already decoded.

    The text reader reads the page's text; the structured events get their
    zones (:func:`~.structured.settle_zones`, which needs the text's events)
    and are then merged with the text's events: structured data wins where
    it speaks, the text fills the rest, and with no event in the text the
    structured events stand alone.
    """
    from dataclasses import replace

    from seminorm.errors import ParseError
    from seminorm.parse.merge import merge_structured
    from seminorm.parse.structured import settle_zones, structured_events
    from seminorm.parse.text import parse_text

    tree = _parse(html)
    base = _base_url(tree)
    structured = structured_events(tree, tz=ctx.tz)
    text, links = _text_of(tree, base)
    outer = hints or Hints()
    fmt = outer.format if hints is not None else "html"
    text_hints = replace(
        outer,
        title=outer.title or page_title(tree),
        links=outer.links or tuple(links),
        structured=(),
        format=fmt,
    )
    try:
        text_events = parse_text(text, ctx, text_hints) if text.strip() else []
    except ParseError:
        if not structured:
            raise
        text_events = []
    if not structured:
        if not text_events:
            raise ParseError("no date or time found")
        return text_events
    structured = [
        replace(ev, source=replace(ev.source, format=fmt))
        for ev in settle_zones(structured, text_events, ctx.tz, text)
        if ev.start is not None or text_events
    ]
    if not structured:
        return _or_fail(text_events)
    return _or_fail(merge_structured(text_events, structured))


def _or_fail(events: list[Event]) -> list[Event]:
    from seminorm.errors import ParseError

    if not events:
        raise ParseError("no date or time found")
    return events


# -- the tree walk ------------------------------------------------------------


def _parse(html: str) -> LexborHTMLParser:
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(html)


def _base_url(tree: LexborHTMLParser) -> str | None:
    for selector, attr in (
        ("base[href]", "href"),
        ('link[rel="canonical"]', "href"),
        ('meta[property="og:url"]', "content"),
    ):
        node = tree.css_first(selector)
        value = (node.attributes.get(attr) or "").strip() if node is not None else ""
        if value.startswith(("http://", "https://")):
            return value
    return None


def _clean(s: str) -> str:
    return _WS.sub(" ", s).strip()


class _Writer:
    """Accumulates lines; inline text is joined and collapsed when a line ends."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.sep: str | None = None  # separator owed before the next text
        self.prefix = ""
        self.dt_line: int | None = None  # index of the last <dt> line
        self.pre = 0

    def text(self, s: str) -> None:
        if not s:
            return
        if self.sep is not None:
            if "".join(self.buf).strip() and s.strip():
                self.buf.append(self.sep)
                self.sep = None
            elif not s.strip():
                return
            else:
                self.sep = None
        self.buf.append(s)

    def owe(self, sep: str) -> None:
        if self.sep is None or len(sep) > len(self.sep):
            self.sep = sep

    def end_line(self, *, from_dd: bool = False) -> None:
        raw = "".join(self.buf)
        self.buf = []
        self.sep = None
        if self.pre:
            for part in raw.split("\n"):
                self.lines.append(part.rstrip())
            return
        line = _clean(raw)
        if not line:
            return
        if from_dd and self.dt_line is not None and self.dt_line == len(self.lines) - 1:
            term = self.lines[-1].rstrip().rstrip(":")
            self.lines[-1] = f"{term}: {line}"
            self.dt_line = None
            return
        self.lines.append(self.prefix + line if self.prefix else line)
        self.prefix = ""

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def result(self) -> str:
        self.end_line()
        return "\n".join(self.lines).strip("\n")


def _text_of(tree: LexborHTMLParser, base_url: str | None) -> tuple[str, list[tuple[str, str]]]:
    base = base_url or _base_url(tree)
    root = tree.body or tree.root
    if root is None:
        return "", []
    w = _Writer()
    links: list[tuple[str, str]] = []
    # The stack holds (node, None) to enter a node and (node, state) to leave it.
    stack: list[tuple[LexborNode, Any]] = [(root, None)]
    row_depth = 0
    article_depth = 0
    anchors: list[tuple[int, int, str]] = []  # (buffer length, lines count, href)
    while stack:
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving is not None:
            _leave(w, node, tag, leaving, links, anchors, base)
            if tag == "tr" and leaving == "row":
                row_depth -= 1
            if tag == "article":
                article_depth -= 1
            continue
        if tag == "-text":
            s = node.text(deep=False)
            w.text(s if w.pre else s.replace("\xa0", " "))
            continue
        if not tag or tag in _DROP or tag[0] in "-!" or _hidden(node):
            continue
        if tag in _CHROME and not article_depth:
            continue
        state: Any = "block"
        if tag == "article":
            article_depth += 1
        if tag == "br":
            if row_depth:
                w.owe(", ")
            else:
                w.end_line()
            continue
        if tag == "img":
            continue
        if tag == "a":
            state = "a"
            anchors.append((len(w.buf), len(w.lines), _href(node, base)))
        elif tag == "tr":
            if not row_depth and _data_row(node):
                w.end_line()
                row_depth += 1
                state = "row"
        elif tag in _CELL and row_depth:
            w.owe(" | ")
            state = "cell"
        elif row_depth and tag in _BLOCK:
            w.owe(", ")
            state = "inrow"
        elif tag in _BLOCK or tag in _CELL:
            w.end_line()
            if tag == "li":
                w.prefix = "- "
            elif tag == "pre":
                w.pre += 1
            elif tag == "hr":
                w.blank()
        else:
            state = "inline"
        stack.append((node, state))
        children = list(node.iter(include_text=True))
        stack.extend((child, None) for child in reversed(children))
    text = w.result()
    text = re.sub(r"\n{3,}", "\n\n", text)
    from seminorm.read import normalize

    return normalize(text), links


def _leave(
    w: _Writer,
    node: LexborNode,
    tag: str,
    state: str,
    links: list[tuple[str, str]],
    anchors: list[tuple[int, int, str]],
    base: str | None,
) -> None:
    if state == "a":
        start, nlines, href = anchors.pop()
        if nlines == len(w.lines):
            anchor = _clean("".join(w.buf[start:]))
        else:
            anchor = _clean(node.text())
        if href:
            links.append((anchor, href))
            if _show(anchor, href):
                w.text(f" <{href}>")
        return
    if state in ("inline", "cell", "inrow"):
        if state == "inrow":
            w.owe(", ")
        return
    if state == "row":
        w.end_line()
        return
    if tag == "pre":
        w.end_line()
        w.pre -= 1
        w.blank()
        return
    if tag == "dt":
        w.end_line()
        w.dt_line = len(w.lines) - 1
        return
    if tag == "dd":
        w.end_line(from_dd=True)
        return
    w.end_line()
    if tag in _PARAGRAPH:
        w.blank()


def _hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    if not attrs:
        return False
    if (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    role = (attrs.get("role") or "").lower()
    if role in _NAV_ROLES:
        return True
    return False


def _data_row(tr: LexborNode) -> bool:
    """A table row of data (one line) rather than a layout row (blocks)."""
    cells = 0
    blocks = 0
    seen = 0
    stack = list(tr.iter(include_text=False))
    while stack:
        node = stack.pop()
        seen += 1
        if seen > 200:
            return False
        tag = node.tag
        if tag == "table":
            return False
        if tag in _CELL:
            cells += 1
        elif tag in ("p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "blockquote", "li"):
            blocks += 1
        stack.extend(node.iter(include_text=False))
    return cells >= 2 and blocks <= 4


def _href(node: LexborNode, base: str | None) -> str:
    href = (node.attributes.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "data:")):
        return ""
    if base and not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]{0,20}:", href):
        href = urljoin(base, href)
    return href


def _show(anchor: str, href: str) -> bool:
    """Whether the text should carry ``<href>`` after the anchor text."""
    low = href.lower()
    if not low.startswith(("http://", "https://", "mailto:")):
        return False
    if not anchor:
        return bool(_MEETING_HOSTS.search(href))
    bare = re.sub(r"^(?:https?://|mailto:)", "", low).rstrip("/")
    shown = re.sub(r"^(?:https?://|mailto:)", "", anchor.lower()).rstrip("/")
    return bool(bare) and bare != shown and not (len(shown) > 12 and bare.startswith(shown))
