"""HTML pages: the text with its block structure, the links, the structured data.

Takes a page's bytes and a :class:`~seminorm.context.Context`; gives the
engine's events from the page's text, merged with its structured data.

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

The tree is parsed in :mod:`.dom` and walked into text in
:mod:`.text`; this module reads a page with them.

>>> html_to_text("<p>Talk by <b>Ann</b><br>Room 5</p><ul><li>one</li></ul>")[0]
'Talk by Ann\\nRoom 5\\n\\n- one'
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from seminorm.context import Context
from seminorm.model import Event
from seminorm.patterns import LazyPattern
from seminorm.readers import Hints

from .dom import base_url_of, parse_page
from .text import clean_text, text_of

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

__all__ = ["html_to_text", "page_title", "parse_html", "read_html_text", "read_page"]

_TITLE_SEPARATORS = LazyPattern(r"\s(?:\||–|—|::|»|›|·|-)\s")


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
    return text_of(parse_page(html), base_url)


def read_page(
    html: str, base_url: str | None = None
) -> tuple[str, list[tuple[str, str]], list[Event], str | None]:
    """Everything a container needs from a page in one parse: text, links,
    structured events (zones not yet settled) and title.

    >>> read_page("<title>T</title><p>Hi</p>")[0::3]
    ('Hi', 'T')
    """
    from seminorm.readers.structured import structured_events

    tree = parse_page(html)
    text, links = text_of(tree, base_url)
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
    if og is not None and (value := clean_text(og.attributes.get("content") or "")):
        return value
    node = tree.css_first("title")
    h1 = tree.css_first("h1")
    heading = clean_text(h1.text()) if h1 is not None else ""
    if node is not None and (title := clean_text(node.text())):
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
    zones (:func:`~seminorm.readers.structured.zones.settle_zones`, which needs the text's events)
    and are then merged with the text's events: structured data wins where
    it speaks, the text fills the rest, and with no event in the text the
    structured events stand alone.
    """
    from seminorm.engine import parse_text
    from seminorm.engine.merge import merge_structured
    from seminorm.errors import ParseError
    from seminorm.readers.structured import structured_events
    from seminorm.readers.structured.zones import settle_zones

    from ...plain import replace

    tree = parse_page(html)
    base = base_url_of(tree)
    structured = structured_events(tree, tz=ctx.tz)
    text, links = text_of(tree, base)
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
            from seminorm.errors import NoEventError

            raise NoEventError("no date or time found")
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
    from seminorm.model import Online
    from seminorm.readers.structured.zones import twin

    from ...plain import replace

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
    from seminorm.errors import NoEventError

    if not events:
        raise NoEventError("no date or time found")
    return events
