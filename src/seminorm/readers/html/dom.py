"""A page's tree: parsing it, and what its nodes are.

:func:`parse_page` hands the page to selectolax (lexbor), flattening pages that
nest deeper than a parser should build; :func:`base_url_of` finds the URL
relative links resolve against; the node tests say what the text walk
(:mod:`.text`) skips (hidden nodes, site chrome named by class or id),
which table rows are data, and where a link points.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from seminorm.patterns import LazyPattern

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

CELL = frozenset({"td", "th"})
_NAV_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary"})


_BR_RUN = LazyPattern(r"(?:<br>\s{0,20}){3,}")


def parse_page(html: str) -> LexborHTMLParser:
    from selectolax.lexbor import LexborHTMLParser

    if _too_deep(html):
        html = _TAG_NAME.sub(_flatten_tag, html)
        html = _BR_RUN.sub("<br><br>", html)
    return LexborHTMLParser(html)


_TAG_NAME = LazyPattern(r"<(/?)([a-zA-Z][\w:-]{0,30})[^<>]{0,2000}>")
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
#: The heading tags.
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_KEEP = HEADINGS | frozenset(
    {
        "a",
        "br",
        "p",
        "li",
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
    open_by_name: dict[str, int] = {}
    for m in _TAG_NAME.finditer(html):
        name = m.group(2).lower()
        if name in _VOID or name in _SELF_CLOSING:
            continue
        if not m.group(1):
            open_by_name[name] = open_by_name.get(name, 0) + 1
            depth += 1
            if depth > _MAX_DEPTH:
                return True
        elif open_by_name.get(name):
            # only a closing tag of an open element closes anything ("<div></x>" nests on)
            open_by_name[name] -= 1
            depth -= 1
    return False


def _flatten_tag(m: re.Match[str]) -> str:
    """Over-deep pages: container tags become line breaks, the rest stays (but ``pre``,
    which nests as deep as a ``div``: ``<pre>`` x 100,000 is no page)."""
    name = m.group(2).lower()
    return m.group(0) if name in _KEEP and name != "pre" else "<br>"


def base_url_of(tree: LexborHTMLParser) -> str | None:
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


def chrome_attr(node: LexborNode) -> bool:
    """Site chrome named by class or id (``<div id="menu">``, ``class="sidebar"``)."""
    attrs = node.attributes
    if not attrs:
        return False
    tokens = (attrs.get("class") or "").lower().split()
    ident = (attrs.get("id") or "").lower()
    return ident in _CHROME_TOKENS or any(t in _CHROME_TOKENS for t in tokens)


def is_hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    if not attrs:
        return False
    if (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    role = (attrs.get("role") or "").lower()
    if role in _NAV_ROLES:
        return True
    return False


def is_data_row(tr: LexborNode) -> bool:
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
        if tag in CELL:
            cells += 1
        elif tag in ("p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "blockquote", "li"):
            blocks += 1
        stack.extend(node.iter(include_text=False))
    return cells >= 2 and blocks <= 4


_URL_SCHEME = LazyPattern(r"[a-zA-Z][a-zA-Z0-9+.-]{0,20}:")


def href_of(node: LexborNode, base: str | None) -> str:
    href = (node.attributes.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "data:")):
        return ""
    if base and not _URL_SCHEME.match(href):
        href = urljoin(base, href)
    return href
