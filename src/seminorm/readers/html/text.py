"""A page's text: one walk over its tree, :func:`text_of`.

Blocks become lines, list items ``- item``, table rows cells joined by
`` | `` (or ``Label: value`` blocks under a header row of labels),
``<dt>``/``<dd>`` pairs ``term: definition``; the ``(anchor text, href)``
pairs are collected, and the text keeps a link's target after its anchor
text when the reader needs to see it (:func:`_show`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from seminorm.patterns import LazyPattern

from .dom import CELL, HEADINGS, base_url_of, chrome_attr, href_of, is_data_row, is_hidden

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

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
_PARAGRAPH = HEADINGS | frozenset(
    {
        "p",
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
_WS = LazyPattern(r"\s+")
_MEETING_HOSTS = LazyPattern(
    r"zoom\.us|zoomgov\.com|teams\.microsoft|teams\.live|meet\.google|webex\.com|jit\.si"
    r"|gotomeeting|bluejeans|bigbluebutton|bbb\.",
    re.IGNORECASE,
)


def clean_text(s: str) -> str:
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
        line = clean_text(raw)
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


_THREE_NEWLINES = LazyPattern(r"\n{3,}")


def text_of(tree: LexborHTMLParser, base_url: str | None) -> tuple[str, list[tuple[str, str]]]:
    root = tree.body or tree.root
    if root is None:
        return "", []
    walker = _Walker(base_url or base_url_of(tree))
    walker.walk(root)
    text = _THREE_NEWLINES.sub("\n\n", walker.w.result())
    from seminorm.read import normalize

    return normalize(text), walker.links


def _column_labels(headers: list[str]) -> list[str]:
    """A schedule table's column headers as labels; the column that holds each talk's
    title without naming it one (``Content``, ``Inhalt``, ``Ponencia``: ``lang``'s
    ``talk_columns``) is labeled ``Title``, unless another column is.

    >>> _column_labels(["Time", "Content", "Presenter"])
    ['Time', 'Title', 'Presenter']
    >>> _column_labels(["Title", "Talk", "Speaker"])
    ['Title', 'Talk', 'Speaker']
    """
    from ...lang import merged, merged_labels

    folded = [h.casefold() for h in headers]
    titles = {w.casefold() for w in merged_labels()["title"]}
    if any(h in titles for h in folded):
        return headers
    talk = set(merged("talk_columns"))
    hits = [i for i, h in enumerate(folded) if h in talk]
    if len(hits) != 1:
        return headers
    return [("Title" if i == hits[0] else h) for i, h in enumerate(headers)]


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
        if not tag or tag in _DROP or tag[0] in "-!" or is_hidden(node):
            return None
        if not self.article and (tag in _CHROME or chrome_attr(node)):
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
            self.anchors.append(href_of(node, self.base))
            return "a"
        if tag == "table":
            w.end_line()
            self.tables.append(None)
            return "table"
        if tag == "tr":
            return self.enter_row(node)
        if tag in CELL and self.row is not None:
            return self.enter_cell(node)
        if self.row is not None and tag in _BLOCK:
            w.owe(", ")
            return "inrow"
        if tag in _BLOCK or tag in CELL:
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
        if self.row is not None or not is_data_row(node):
            return "block"
        w = self.w
        cells = [c for c in node.iter(include_text=False) if c.tag in CELL]
        texts = [clean_text(c.text(deep=True)) for c in cells]
        labels = self.tables[-1] if self.tables else None
        if (
            self.tables
            and labels is None
            and len(cells) >= 2
            and all(c.tag == "th" for c in cells)
            and all(0 < len(t) <= 30 and not t.isdigit() for t in texts)
        ):
            self.tables[-1] = _column_labels([t.rstrip(":") for t in texts])
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
                anchor = clean_text(node.text(deep=True))
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


_URL_OR_MAIL = LazyPattern(r"^(?:https?://|mailto:)")


def _show(anchor: str, href: str) -> bool:
    """Whether the text should carry ``<href>`` after the anchor text."""
    low = href.lower()
    if not low.startswith(("http://", "https://", "mailto:")):
        return False
    if not anchor:
        return bool(_MEETING_HOSTS.search(href))
    bare = _URL_OR_MAIL.sub("", low).rstrip("/")
    shown = _URL_OR_MAIL.sub("", anchor.lower()).rstrip("/")
    return bool(bare) and bare != shown and not (len(shown) > 12 and bare.startswith(shown))
