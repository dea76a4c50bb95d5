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
reader as :class:`~seminorm.readers.Hints`.

selectolax (lexbor) parses: a fast, tolerant C parser (HTML5 tree
construction, so broken pages parse as browsers see them) and a small
wheel; lxml is heavier to install and import, and html.parser is slow and
not HTML5-conformant.

>>> html_to_text("<p>Talk by <b>Ann</b><br>Room 5</p><ul><li>one</li></ul>")[0]
'Talk by Ann\\nRoom 5\\n\\n- one'
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from seminorm.context import Context
from seminorm.model import Event
from seminorm.readers import Hints

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["html_to_text", "page_title", "parse_html", "read_html_text", "read_page"]

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
_TITLE_SEPARATORS = re.compile(r"\s(?:\||–|—|::|»|›|·|-)\s")


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


def read_page(
    html: str, base_url: str | None = None
) -> tuple[str, list[tuple[str, str]], list[Event], str | None]:
    """Everything a container needs from a page in one parse: text, links,
    structured events (zones not yet settled) and title.

    >>> read_page("<title>T</title><p>Hi</p>")[0::3]
    ('Hi', 'T')
    """
    from seminorm.readers.structured import structured_events

    tree = _parse(html)
    text, links = _text_of(tree, base_url)
    return text, links, structured_events(tree), page_title(tree)


def page_title(tree: LexborHTMLParser) -> str | None:
    """The page's own title: ``og:title``, else ``<title>`` without the site name, else ``<h1>``.

    The site's name is cut at the last separator (`` | ``, `` - ``, `` – ``,
    `` :: ``...): the page title comes first, except after a breadcrumb
    arrow (`` » ``, `` › ``); a part equal to the page's ``<h1>`` wins.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page_title(LexborHTMLParser("<title>Knots - a survey | Maths | Uni X</title>"))
    'Knots - a survey'
    >>> page_title(LexborHTMLParser("<title>Math Dept » Seminar on elliptic curves</title>"))
    'Seminar on elliptic curves'
    >>> page_title(LexborHTMLParser("<title>Maths - Knots</title><h1>Knots</h1>"))
    'Knots'
    """
    og = tree.css_first('meta[property="og:title"], meta[name="twitter:title"]')
    if og is not None and (value := _clean(og.attributes.get("content") or "")):
        return value
    node = tree.css_first("title")
    h1 = tree.css_first("h1")
    heading = _clean(h1.text()) if h1 is not None else ""
    if node is not None and (title := _clean(node.text())):
        seps = list(_TITLE_SEPARATORS.finditer(title))
        if not seps:
            return title
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(title)]
        if heading and heading.casefold() in (p.casefold() for p in parts):
            return heading
        last = seps[-1]
        if last.group().strip() in ("»", "›"):
            return title[last.end() :].strip() or title
        left = title[: last.start()].strip()
        return left.split(" | ")[0].strip() or title
    return heading or None


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
    from seminorm.readers.merge import merge_structured
    from seminorm.readers.structured import settle_zones, structured_events
    from seminorm.readers.text import parse_text

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
    structured, text_events = _reconcile(structured, text_events)
    return _or_fail(merge_structured(text_events, structured))


#: What the text's twin of a structured event says about dates that the structured date settles.
_SETTLED = frozenset({"year-inferred", "date-order-guessed", "weekday-mismatch", "tz-missing"})


def _reconcile(structured: list[Event], text: list[Event]) -> tuple[list[Event], list[Event]]:
    """Prepare the merge: the structured date settles the text's date doubts.

    A text event whose wall-clock start is the structured one's takes its
    zone (so the two agree and no false ``time-conflict`` arises), and drops
    its warnings about year, date order and zone; a structured online
    meeting gets the meeting ID and passcode the text gives.
    """
    from dataclasses import replace

    from seminorm.model import Online
    from seminorm.readers.structured import twin

    text = list(text)
    out: list[Event] = []
    for st in structured:
        tx = twin(st, text)
        if tx is None or st.start is None:
            out.append(st)
            continue
        k = text.index(tx)
        if isinstance(st.start, datetime) and isinstance(tx.start, datetime):
            same_wall = st.start.replace(tzinfo=None) == tx.start.replace(tzinfo=None)
            guessed = tx.start.tzinfo is None or any(w.code == "tz-inferred" for w in tx.warnings)
            if same_wall and guessed and st.start.tzinfo is not None:
                # the text's zone was missing or only a guess: the structured one stands
                end = tx.end
                if isinstance(end, datetime):
                    end = end.replace(tzinfo=None).replace(tzinfo=st.start.tzinfo)
                tx = replace(
                    tx,
                    start=st.start,
                    end=end,
                    timezone=st.timezone,
                    warnings=tuple(w for w in tx.warnings if w.code != "tz-inferred"),
                )
        if tx.start is not None and _day(tx.start) == _day(st.start):
            settled = _SETTLED if st.timezone else _SETTLED - {"tz-missing"}
            tx = replace(tx, warnings=tuple(w for w in tx.warnings if w.code not in settled))
        text[k] = tx
        if st.online is not None and tx.online is not None:
            a, b = st.online, tx.online
            st = replace(
                st,
                online=Online(
                    platform=a.platform if a.platform != "other" else b.platform or a.platform,
                    url=a.url or b.url,
                    meeting_id=a.meeting_id or b.meeting_id,
                    passcode=a.passcode or b.passcode,
                    dial_in=a.dial_in or b.dial_in,
                ),
            )
        out.append(st)
    return out, text


def _day(value: object) -> object:
    return value.date() if isinstance(value, datetime) else value


def _or_fail(events: list[Event]) -> list[Event]:
    from seminorm.errors import ParseError

    if not events:
        raise ParseError("no date or time found")
    return events


# -- the tree walk ------------------------------------------------------------


def _parse(html: str) -> LexborHTMLParser:
    from selectolax.lexbor import LexborHTMLParser

    if _too_deep(html):
        html = _TAG_NAME.sub(_flatten_tag, html)
        html = re.sub(r"(?:<br>\s{0,20}){3,}", "<br><br>", html)
    return LexborHTMLParser(html)


_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][\w:-]{0,30})[^<>]{0,2000}>")
_VOID = frozenset(
    {
        "br",
        "img",
        "meta",
        "link",
        "input",
        "hr",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "track",
        "wbr",
        "param",
        "keygen",
    }
)
_SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody"})
_KEEP = frozenset(
    {
        "a",
        "br",
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "title",
        "meta",
        "script",
        "style",
        "head",
        "body",
        "html",
        "pre",
    }
)
_MAX_DEPTH = 2000


def _too_deep(html: str) -> bool:
    """Whether the page nests deeper than a parser should build (lexbor's tree
    construction slows down quadratically with depth)."""
    if html.count("<") < _MAX_DEPTH:
        return False
    depth = 0
    for m in _TAG_NAME.finditer(html):
        name = m.group(2).lower()
        if name in _VOID or name in _SELF_CLOSING:
            continue
        depth += -1 if m.group(1) else 1
        if depth > _MAX_DEPTH:
            return True
    return False


def _flatten_tag(m: re.Match[str]) -> str:
    """Over-deep pages: container tags become line breaks, the rest stays."""
    return m.group(0) if m.group(2).lower() in _KEEP else "<br>"


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
                opening = s.lstrip()[:1] in "([" and self.sep == ", "
                self.buf.append(" " if opening else self.sep)
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
            self.prefix = ""
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
    root = tree.body or tree.root
    if root is None:
        return "", []
    walker = _Walker(base_url or _base_url(tree))
    walker.walk(root)
    text = re.sub(r"\n{3,}", "\n\n", walker.w.result())
    from seminorm.read import normalize

    return normalize(text), walker.links


class _Walker:
    """One pass over the tree, iterative (deeply nested pages cannot overflow the stack).

    Table rows of data become one line, cells joined by `` | ``; when the
    table has a header row of short labels, each row becomes a block of
    ``Label: value`` lines instead (what the text reader reads best), and
    two-cell rows whose first cell is a ``<th>`` or ends with ``:`` become
    ``key: value``. Layout rows (nested tables, many blocks) stay blocks.
    """

    def __init__(self, base: str | None) -> None:
        self.w = _Writer()
        self.base = base
        self.links: list[tuple[str, str]] = []
        self.anchors: list[str] = []  # hrefs of the open <a> elements
        self.tables: list[list[str] | None] = []  # header labels of the open tables
        self.row: list[Any] | None = None  # [kind, cell index, labels] of the open data row
        self.article = 0

    def walk(self, root: LexborNode) -> None:
        # (node, None) enters a node, (node, state) leaves it.
        stack: list[tuple[LexborNode, Any]] = [(root, None)]
        while stack:
            node, leaving = stack.pop()
            tag = node.tag or ""
            if leaving is not None:
                self.leave(node, tag, leaving)
                continue
            if tag == "-text":
                s = node.text(deep=False)
                self.w.text(s if self.w.pre else s.replace("\xa0", " "))
                continue
            state = self.enter(node, tag)
            if state is None:
                continue
            stack.append((node, state))
            children = list(node.iter(include_text=True))
            stack.extend((child, None) for child in reversed(children))

    def enter(self, node: LexborNode, tag: str) -> str | None:
        """Start an element; return its state, or None to skip it and its content."""
        w = self.w
        if not tag or tag in _DROP or tag[0] in "-!" or _hidden(node):
            return None
        if not self.article and (tag in _CHROME or _chrome_attr(node)):
            return None
        if tag == "br":
            if self.row is not None:
                w.owe(", ")
            else:
                w.end_line()
            return None
        if tag == "img":
            return None
        if tag == "article":
            self.article += 1
        if tag == "a":
            self.anchors.append(_href(node, self.base))
            return "a"
        if tag == "table":
            w.end_line()
            self.tables.append(None)
            return "table"
        if tag == "tr":
            return self.enter_row(node)
        if tag in _CELL and self.row is not None:
            return self.enter_cell(node)
        if self.row is not None and tag in _BLOCK:
            w.owe(", ")
            return "inrow"
        if tag in _BLOCK or tag in _CELL:
            w.end_line()
            if tag == "li":
                w.prefix = "- "
            elif tag == "pre":
                w.pre += 1
            elif tag == "hr":
                w.blank()
            return "block"
        return "inline"

    def enter_row(self, node: LexborNode) -> str | None:
        if self.row is not None or not _data_row(node):
            return "block"
        w = self.w
        cells = [c for c in node.iter(include_text=False) if c.tag in _CELL]
        texts = [_clean(c.text(deep=True)) for c in cells]
        labels = self.tables[-1] if self.tables else None
        if (
            self.tables
            and labels is None
            and len(cells) >= 2
            and all(c.tag == "th" for c in cells)
            and all(0 < len(t) <= 30 and not t.isdigit() for t in texts)
        ):
            self.tables[-1] = [t.rstrip(":") for t in texts]
            return None  # the header row: its labels go in front of each value
        w.end_line()
        if labels is not None and len(cells) == len(labels):
            self.row = ["labeled", 0, labels]
        elif len(cells) == 2 and (cells[0].tag == "th" or texts[0].endswith(":")):
            self.row = ["pair", 0, None]
        else:
            self.row = ["plain", 0, None]
        return "row"

    def enter_cell(self, node: LexborNode) -> str:
        w = self.w
        row = self.row
        assert row is not None
        kind, index, labels = row
        row[1] = index + 1
        if kind == "labeled":
            w.end_line()
            w.prefix = f"{labels[index]}: " if index < len(labels) else ""
        elif kind == "pair" and index == 1:
            first = "".join(w.buf).rstrip()
            w.sep = " " if first.endswith(":") else ": "
        elif index > 0:
            w.owe(" | ")
        return "cell"

    def leave(self, node: LexborNode, tag: str, state: str) -> None:
        w = self.w
        if tag == "article":
            self.article -= 1
        if state == "a":
            href = self.anchors.pop()
            if href:
                anchor = _clean(node.text(deep=True))
                self.links.append((anchor, href))
                if _show(anchor, href):
                    w.text(f" <{href}>")
            return
        if state == "inline":
            return
        if state == "inrow":
            w.owe(", ")
            return
        if state == "cell":
            if self.row is not None and self.row[0] == "labeled":
                w.end_line()
            return
        if state == "row":
            w.end_line()
            if self.row is not None and self.row[0] == "labeled":
                w.blank()
            self.row = None
            return
        if state == "table":
            w.end_line()
            self.tables.pop()
            w.blank()
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


_CHROME_TOKENS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "mainmenu",
        "main-menu",
        "sidebar",
        "side-bar",
        "breadcrumb",
        "breadcrumbs",
        "site-header",
        "site-footer",
        "page-footer",
        "footer",
        "skip-link",
        "skiplinks",
        "cookie-banner",
        "cookie-notice",
        "social",
        "share",
    }
)


def _chrome_attr(node: LexborNode) -> bool:
    """Site chrome named by class or id (``<div id="menu">``, ``class="sidebar"``)."""
    attrs = node.attributes
    if not attrs:
        return False
    tokens = (attrs.get("class") or "").lower().split()
    ident = (attrs.get("id") or "").lower()
    return ident in _CHROME_TOKENS or any(t in _CHROME_TOKENS for t in tokens)


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
