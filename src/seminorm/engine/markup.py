"""HTML tags inside a text document: Markdown pages with inline HTML.

Static-site sources (Markdown with front matter) mix Markdown lines with
HTML blocks (``<h4>Monday, July 8</h4>``, ``<li>9:00 - 10:00 &bull; …</li>``,
``<span style=…>Title</span>``). Their line breaks carry the structure, so
they are read as text; this module turns their tags into what a reader
sees: block tags become line breaks (a list item a ``- `` line, table cells
`` | ``), inline tags vanish, a link keeps its target after its text, HTML
comments go, and entities are decoded.

>>> strip_markup('<h4>Monday</h4>\\n<li>9:00 &bull; <strong>Talk</strong></li>')
'\\nMonday\\n\\n\\n- 9:00 • Talk\\n'
>>> strip_markup("Plain text <https://example.org> stays")
'Plain text <https://example.org> stays'
"""

from __future__ import annotations

import html
import re

from seminorm.patterns import LazyPattern

_INLINE = (
    "span|strong|em|b|i|u|font|small|big|sup|sub|code|mark|abbr|cite|img|s|strike|ins|del|kbd|q"
)
_BLOCK = (
    "p|div|br|hr|h[1-6]|ul|ol|dl|dt|dd|table|thead|tbody|tfoot|tr|details|summary|section|article"
    "|header|footer|main|aside|nav|blockquote|pre|center|figure|figcaption|caption"
)
#: Any tag seminorm knows: only these are markup (``<https://…>`` is a link, not a tag).
_TAG = LazyPattern(
    r"<(/?)(" + _INLINE + "|" + _BLOCK + r"|li|td|th|a)\b([^<>]{0,2000})>",
    re.IGNORECASE,
)
_HREF = LazyPattern(r"""(?i)\bhref\s*=\s*["']?([^"'\s>]{1,1000})""")
_BLOCK_NAMES = frozenset(_BLOCK.replace("h[1-6]", "h1|h2|h3|h4|h5|h6").split("|"))
_COMMENT_OPEN = "<!--"
_ITEM_GAP = LazyPattern(r"\n- [ \t]*\n[ \t]*")


def has_markup(text: str) -> bool:
    """Whether ``text`` holds HTML tags seminorm knows (cheap pre-test first)."""
    return "<" in text and _TAG.search(text) is not None


def strip_markup(text: str) -> str:
    """``text`` with its HTML tags turned into lines and plain words (see the module doc)."""
    if not has_markup(text):
        return text
    text = _drop_comments(text)
    out: list[str] = []
    pos = 0
    href: str | None = None
    for m in _TAG.finditer(text):
        out.append(text[pos : m.start()])
        pos = m.end()
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name == "a":
            if closing:
                if href and not href.startswith(("#", "{")):
                    out.append(f" <{href}>")
                href = None
            else:
                h = _HREF.search(m.group(3))
                href = h.group(1) if h else None
        elif name == "li":
            out.append("\n" if closing else "\n- ")
        elif name in ("td", "th"):
            out.append("" if closing else " | ")
        elif name in _BLOCK_NAMES:
            out.append("\n")
    out.append(text[pos:])
    return html.unescape(_ITEM_GAP.sub("\n- ", "".join(out)))


def _drop_comments(text: str) -> str:
    """Remove ``<!-- … -->`` comments in one pass (an unclosed one runs to the end)."""
    if _COMMENT_OPEN not in text:
        return text
    parts: list[str] = []
    pos = 0
    while True:
        a = text.find(_COMMENT_OPEN, pos)
        if a < 0:
            parts.append(text[pos:])
            break
        parts.append(text[pos:a])
        b = text.find("-->", a + 4)
        if b < 0:
            break
        # keep the comment's line breaks so line numbers still count the source's lines
        parts.append("\n" * text.count("\n", a, b))
        pos = b + 3
    return "".join(parts)
