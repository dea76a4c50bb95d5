"""URLs and e-mail addresses: found, repaired, unwrapped and classified.

Announcements carry URLs in every state of damage: wrapped in ``<…>``,
followed by the sentence's full stop, broken over two lines by a mail
client, wrapped in a redirect by a mail filter (Outlook safelinks, Google
``url?q=``, Proofpoint urldefense), or scraped so that the ``?`` before a
Zoom ``pwd=`` was lost. :func:`find_links` returns them repaired, unwrapped,
de-duplicated in the order of the text, each with a :data:`~seminorm.model.LINK_KINDS`
kind from :func:`classify`.

>>> [(lk.url, lk.kind) for lk in find_links("Slides: <https://speakerdeck.com/a/b>. Paper: arXiv https://arxiv.org/abs/2203.10736")]
[('https://speakerdeck.com/a/b', 'slides'), ('https://arxiv.org/abs/2203.10736', 'paper')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from seminorm.model import Link
from seminorm.patterns import LazyPattern

from . import fold
from .base import Rule

_URL_CHARS = r"[^\s<>\"'`{}|\\^\[\]«»“”‘’]"
#: A URL as written: with a scheme, ``www.``, or a bare meeting host.
#: How a URL may begin: a scheme, "www." or "mailto:" ...
_URL_LEADS = r"https?://|webcal://|www\.|mailto:"  # each a literal: re skips to them
#: ... or a meeting host, bare (``epfl.zoom.us/j/1``), after at most three labels.
_MEETING_HOSTS = r"(?:zoom\.us|zoom\.com\.cn|zoomgov\.com|meet\.google\.com|meet\.jit\.si|teams\.microsoft\.com|webex\.com)/"
URL = LazyPattern(
    rf"(?i)(?<![\w@/.])(?:{_URL_LEADS}|(?:[a-z0-9-]{{1,40}}\.){{0,3}}{_MEETING_HOSTS})"
    + _URL_CHARS
    + r"{1,2000}"
)
EMAIL = LazyPattern(
    r"(?i)(?<![\w.+-])(?:mailto:)?([a-z0-9][\w.+-]{0,63}"
    r"(?:@|\s?[\[(]at[\])]\s?)[a-z0-9][a-z0-9-]{0,62}"
    r"(?:(?:\.|\s?[\[(]dot[\])]\s?)[a-z0-9-]{1,62}){1,6})(?![\w@-])"
)
_TRAIL = ".,;:!?'\"*…"
_PAIRS = {")": "(", "]": "[", "}": "{", ">": "<"}


def _trim(u: str) -> str:
    """``u`` without trailing punctuation and unbalanced closing brackets."""
    while u:
        last = u[-1]
        if last in _TRAIL:
            u = u[:-1]
        elif last in _PAIRS and u.count(last) > u.count(_PAIRS[last]):
            u = u[:-1]
        else:
            break
    return u


_URL_SCHEME = LazyPattern(r"(?i)^[a-z][a-z0-9+.-]{1,15}://")
_GLUED_PASSCODE_PARAM = LazyPattern(r"(?i)(?<=[\w/])&?(pwd|tk|passcode)=")
_HTTP_OR_WEBCAL_SCHEME = LazyPattern(r"(?i)^(https?|webcal)://")


@lru_cache(maxsize=256)
def repair_url(url: str) -> str:
    """Undo the usual damage of a URL copied out of a text (remembered: a
    document's URLs are repaired once for the meeting and once for the links).

    Drops ``<…>`` wrappers and trailing punctuation (a closing bracket only
    when unbalanced), puts back the ``?`` that scrapes lose before Zoom's
    ``pwd=``, adds ``https://`` to ``www.`` and bare meeting hosts, and
    writes ``MAILTO:`` as ``mailto:``.

    >>> repair_url("<https://example.org/talk>.")
    'https://example.org/talk'
    >>> repair_url("https://uni-example.zoom.us/j/81234567890pwd=Tk9yZXN0SW52")
    'https://uni-example.zoom.us/j/81234567890?pwd=Tk9yZXN0SW52'
    >>> repair_url("https://en.wikipedia.org/wiki/Knot_(mathematics))")
    'https://en.wikipedia.org/wiki/Knot_(mathematics)'
    >>> repair_url("zoom.us/j/123456789,")
    'https://zoom.us/j/123456789'
    """
    u = url.strip().strip("<>").strip()
    if u.lower().startswith("url:"):
        u = u[4:].strip()
    u = _trim(u.replace("&amp;", "&"))
    if u.lower().startswith("mailto:"):
        return "mailto:" + u[7:]
    if not _URL_SCHEME.match(u):
        u = "https://" + u
    if "?" not in u:
        u = _GLUED_PASSCODE_PARAM.sub(r"?\1=", u, count=1)
    u = _HTTP_OR_WEBCAL_SCHEME.sub(lambda m: m.group(1).lower() + "://", u)
    return u


#: Proofpoint's v3 wrapping of a URL: ``/v3/__<url>__;<the characters it replaced>!``
_PROOFPOINT_V3_WRAPPING = LazyPattern(r"/v3/__(.{1,4000}?)__;([^!]{0,400})!")


def _proofpoint_v3(url: str) -> str | None:
    m = _PROOFPOINT_V3_WRAPPING.search(url)
    if not m:
        return None
    inner, enc = m.group(1), m.group(2)
    if "*" in inner and enc:
        import base64

        try:
            chars = base64.urlsafe_b64decode(enc + "=" * (-len(enc) % 4)).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return inner
        out, k = [], 0
        for ch in inner:
            if ch == "*" and k < len(chars):
                out.append(chars[k])
                k += 1
            else:
                out.append(ch)
        inner = "".join(out)
    return inner


#: Hosts of the redirect wrappers :func:`unwrap` knows (a quick test before parsing).
_WRAPPER_HINTS = ("safelinks.protection.outlook.com", "google.", "urldefense.")


_GOOGLE_HOST = LazyPattern(r"^(?:www\.)?google\.[a-z.]{2,8}$")


def unwrap(url: str) -> str:
    """The URL a mail filter's redirect link points to (unchanged if none).

    Outlook safelinks (``?url=``), Google redirects (``/url?q=``), Proofpoint
    urldefense v1/v2 (``?u=https-3A__…``) and v3 (``/v3/__https://…__;!!``);
    nested wrappers are unwrapped too.

    >>> unwrap("https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fzoom.us%2Fj%2F123&data=x")
    'https://zoom.us/j/123'
    >>> unwrap("https://www.google.com/url?q=https://arxiv.org/abs/1234.5678&sa=D")
    'https://arxiv.org/abs/1234.5678'
    >>> unwrap("https://urldefense.proofpoint.com/v2/url?u=https-3A__example.com_talk-3Fid-3D3&d=DwM")
    'https://example.com/talk?id=3'
    >>> unwrap("https://urldefense.com/v3/__https://example.com/a__;!!Abc$")
    'https://example.com/a'
    """
    lowered = url.lower()
    if not any(hint in lowered for hint in _WRAPPER_HINTS):
        return url
    from urllib.parse import parse_qs, unquote, urlsplit

    for _ in range(4):
        try:
            parts = urlsplit(url)
        except ValueError:  # a bracketed host that is not an IP address
            return url
        host = parts.netloc.lower()
        query = parse_qs(parts.query)

        def first(*keys: str, q: dict[str, list[str]] = query) -> str | None:
            return next((q[k][0] for k in keys if q.get(k)), None)

        inner: str | None = None
        if host.endswith("safelinks.protection.outlook.com"):
            inner = first("url")
        elif _GOOGLE_HOST.match(host) and parts.path == "/url":
            inner = first("q", "url")
        elif host == "urldefense.proofpoint.com" and parts.path.startswith("/v2/"):
            u = first("u")
            inner = unquote(u.replace("-", "%").replace("_", "/")) if u else None
        elif host == "urldefense.proofpoint.com" and parts.path.startswith("/v1/"):
            inner = first("u")
        elif host == "urldefense.com" and parts.path.startswith("/v3/"):
            inner = _proofpoint_v3(url)
        if not inner or inner == url:
            return url
        url = inner
    return url


_KIND_BY_URL: tuple[tuple[str, LazyPattern[str]], ...] = (
    (
        "calendar",
        LazyPattern(
            r"(?i)^webcal:|\.ics(?:$|\?)|calendar\.google\.com/calendar/(?:render|event)|/calendar/ical/|outlook\.(?:live|office)\.com/calendar/"
        ),
    ),
    (
        "registration",
        LazyPattern(
            r"(?i)eventbrite\.|forms\.gle/|docs\.google\.com/forms|/forms?/d/|typeform\.com|zoom(?:gov)?\.(?:us|com)/(?:webinar|meeting)/register|/registrations?(?:/|$|\?)|/register(?:/|$|\?)|/anmeldung|/inscription|surveymonkey\.|lu\.ma/|meetup\.com/"
        ),
    ),
    (
        "paper",
        LazyPattern(
            r"(?i)arxiv\.org/(?:abs|pdf)/|(?:dx\.)?doi\.org/10\.|/doi/(?:abs/|full/|pdf/)?10\.|biorxiv\.org/content|medrxiv\.org/content|openreview\.net/(?:forum|pdf)|ssrn\.com/abstract|ieeexplore\.ieee\.org/document|link\.springer\.com/(?:article|chapter)|semanticscholar\.org/paper|aclanthology\.org/|proceedings\.(?:mlr|neurips)"
        ),
    ),
    (
        "slides",
        LazyPattern(
            r"(?i)speakerdeck\.com/|slideshare\.net/|docs\.google\.com/presentation|slides\.com/"
        ),
    ),
    (
        "video",
        LazyPattern(
            r"(?i)youtube\.com/|youtu\.be/|vimeo\.com/|zoom\.us/rec/|bilibili\.com/|twitch\.tv/|panopto|kaltura|mediaspace\.|/video/|/videos/|tube\."
        ),
    ),
    (
        "map",
        LazyPattern(
            r"(?i)maps\.google\.|google\.[a-z.]{2,6}/maps|goo\.gl/maps|maps\.app\.goo\.gl|openstreetmap\.org|osm\.org/|maps\.apple\.com|bing\.com/maps|//plan\.|/map(?:s)?(?:/|$|\?|\.)|campus-?map|lageplan|wegbeschreibung|/plan/\?|[?&]room="
        ),
    ),
)
_KIND_BY_CONTEXT: tuple[tuple[str, LazyPattern[str]], ...] = (
    (
        "calendar",
        LazyPattern(
            r"(?i)add\s+to\s+(?:your\s+)?calendar|\bical\b|\.ics\b|zum\s+kalender|ajouter\s+au\s+calendrier"
        ),
    ),
    (
        "registration",
        LazyPattern(r"(?i)regist|sign[\s-]?up|\brsvp\b|inscri|anmeld|iscri|tickets?\b"),
    ),
    (
        "slides",
        LazyPattern(r"(?i)\bslides?\b|diapositiv|transparents|\bfolien\b|présentation\s+\(pdf\)"),
    ),
    (
        "video",
        LazyPattern(
            r"(?i)recording|recorded|\bvideo\b|vidéo|enregistrement|aufzeichnung|replay|registrazione|grabación|youtube"
        ),
    ),
    (
        "map",
        LazyPattern(
            r"(?i)\bmap\b|\bplan\b|directions|how\s+to\s+get|lageplan|anfahrt|accès|cómo\s+llegar|come\s+arrivare"
        ),
    ),
    (
        "paper",
        LazyPattern(
            r"(?i)\bpaper\b|preprint|article|arxiv|journal|proceedings|\bpdf\b.{0,20}paper|artikel|articolo|artículo"
        ),
    ),
)


_PDF_PATH = LazyPattern(r"(?i)\.pdf(?:$|[?#])|/pdf/")
_DOCUMENT_FILE = LazyPattern(r"(?i)\.(?:pdf|docx?|pptx?|zip)(?:$|[?#])")


def classify(url: str, context: str = "") -> str:
    """The kind of a URL (one of ``LINK_KINDS``), from the URL and its context.

    ``context`` is the text around the URL (its line): ``Slides: …`` makes a
    PDF ``slides``. URL shapes win over context words; a meeting join link is
    ``meeting`` (see :mod:`seminorm.rules.meetings`), a PDF without a telling
    context ``other``, any other web page ``page``.

    >>> classify("mailto:ada@example.org"), classify("https://zoom.us/j/123456789")
    ('email', 'meeting')
    >>> classify("https://example.org/talk.pdf", "Slides: "), classify("https://www.youtube.com/watch?v=x")
    ('slides', 'video')
    >>> classify("https://map.example.ch/?room==BC%202%2014"), classify("https://math.example.edu/seminar")
    ('map', 'page')
    """
    from .platforms import platform_of

    low = url.lower()
    if low.startswith("mailto:"):
        return "email"
    for kind, pat in _KIND_BY_URL[:2]:
        if fold.search(pat, url):
            return kind
    if platform_of(url) is not None:
        return "meeting"
    for kind, pat in _KIND_BY_URL[2:]:
        if fold.search(pat, url):
            return kind
    for kind, pat in _KIND_BY_CONTEXT:
        if fold.search(pat, context):
            if kind == "paper" and not _PDF_PATH.search(url):
                continue
            return kind
    if not low.startswith(("http://", "https://")):
        return "other"
    if _DOCUMENT_FILE.search(url):
        return "other"
    return "page"


_NEW_LINK_START = LazyPattern(r"(?i)(?:https?:|www\.|mailto:)")
_NUMBERS_AND_PUNCTUATION = LazyPattern(r"[\d\s.,:/-]{1,12}")
_URL_PATH_CHAR = LazyPattern(r"[\d/?=&%#_.~-]")
_UPPER_LETTER = LazyPattern(r"[A-Z]")
_LOWER_LETTER = LazyPattern(r"[a-z]")


def _continuation(text: str, end: int) -> int:
    """Where a URL ending at ``end`` really ends, if the next line continues it.

    A mail client broke the URL when it ends right at the line break and the
    next line is a single token of URL characters that carries a digit or a
    URL separator (``7890?pwd=abc``), or follows a cut right after ``=``/``?``,
    or is a base64-like run (``bXlQZ``) after a URL that ran to the wrap margin.
    """
    if text[end : end + 1] != "\n":
        return end
    nl = text.find("\n", end + 1)
    nl = len(text) if nl == -1 else nl
    token = text[end + 1 : nl]
    if not token or len(token) > 600 or not re.fullmatch(_URL_CHARS + "+", token):
        return end
    if _NEW_LINK_START.match(token):
        return end
    if text[end - 1 : end] in ("=", "?", "&", "%"):  # cut right after ``pwd=``
        return nl
    if _NUMBERS_AND_PUNCTUATION.fullmatch(token):  # a date or a time, not a URL piece
        return end
    if _URL_PATH_CHAR.search(token):
        return nl
    wrapped = end - (text.rfind("\n", 0, end) + 1) >= 60  # the URL ran to the wrap margin
    base64ish = len(_UPPER_LETTER.findall(token)) >= 2 and len(_LOWER_LETTER.findall(token)) >= 2
    return nl if wrapped and base64ish and len(token) >= 4 else end


_ANGLE_REST = LazyPattern(r"(?:\r?\n" + _URL_CHARS + r"{1,400}){1,4}>")


_LINE_BREAK = LazyPattern(r"[\r\n]")


def _bracketed(text: str, start: int, end: int) -> tuple[str, int] | None:
    """A ``<URL>`` that a mail client broke over lines: ``(joined url, end)``."""
    if text[start - 1 : start] != "<" or text[end : end + 1] not in ("\n", "\r"):
        return None
    m = _ANGLE_REST.match(text, end)
    if m is None:
        return None
    return text[start:end] + _LINE_BREAK.sub("", m.group(0)[:-1]), m.end() - 1


# Where a URL can start, on the lower-cased text (see url_matches).
_URL_LEAD = LazyPattern(_URL_LEADS)
_URL_HOST = LazyPattern(_MEETING_HOSTS)
_LABEL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-.")


def url_matches(text: str) -> Iterator[re.Match[str]]:
    """Exactly ``URL.finditer(text)``, found faster.

    ``URL`` starts with a look-behind and may start with any host label, so
    ``re`` would try it at every position. Its possible starts are found
    instead with two literal searches of the lower-cased text (a scheme or
    "www." or "mailto:"; a meeting host, and every position in the at most
    three labels before it), and ``URL`` is matched at those only, in order.
    """
    low = fold.lowered(text)
    if low is None:
        yield from URL.finditer(text)
        return
    starts = {m.start() for m in _URL_LEAD.finditer(low)}
    for m in _URL_HOST.finditer(low):
        host = m.start()
        first, stop = host, max(0, host - 3 * 41)
        while first > stop and low[first - 1] in _LABEL_CHARS:
            first -= 1
        starts.update(range(first, host + 1))
    pos = 0
    for start in sorted(starts):
        if start < pos:
            continue
        found = URL.match(text, start)
        if found is not None:
            yield found
            pos = found.end()


def link_spans(text: str) -> list[tuple[int, int, str]]:
    """Every URL in ``text`` as ``(start, end, raw url)``, joined over line breaks."""
    return list(_spans_cached(text))


@lru_cache(maxsize=8)
def _spans_cached(text: str) -> tuple[tuple[int, int, str], ...]:
    """:func:`link_spans`, remembered: one text is searched for links several times."""
    out: list[tuple[int, int, str]] = []
    for m in url_matches(text):
        start = m.start()
        raw = _trim(m.group(0))
        end = start + len(raw)
        bracketed = _bracketed(text, start, m.end())
        if bracketed is not None:
            raw, end = bracketed
        elif raw == m.group(0):
            new_end = _continuation(text, end)
            if new_end != end:
                raw = raw + text[end + 1 : new_end]
                end = new_end
        if out and start < out[-1][1]:
            continue
        out.append((start, end, raw))
    return tuple(out)


def find_links(text: str) -> list[Link]:
    """Every URL of ``text``: unwrapped, repaired, classified, de-duplicated.

    >>> [lk.url for lk in find_links("Join https://zoom.us/j/123?pwd=x, or see www.example.org.")]
    ['https://zoom.us/j/123?pwd=x', 'https://www.example.org']
    """
    seen: set[str] = set()
    out: list[Link] = []
    for start, end, raw in link_spans(text):
        url = repair_url(unwrap(repair_url(raw)))
        key = url.rstrip("/")
        if key in seen or len(url) < 12:
            continue
        seen.add(key)
        ls = text.rfind("\n", 0, start) + 1
        le = text.find("\n", end)
        le = len(text) if le == -1 else le
        context = text[max(ls, start - 80) : start] + " " + text[end : min(le, end + 40)]
        out.append(Link(url=url, kind=classify(url, context)))
    return out


_OBFUSCATED_AT = LazyPattern(r"(?i)\s?[\[(]at[\])]\s?")
_OBFUSCATED_DOT = LazyPattern(r"(?i)\s?[\[(]dot[\])]\s?")
_TRAILING_URL = LazyPattern(r"https?://\S*$")


def find_emails(text: str) -> list[str]:
    """E-mail addresses in ``text``, de-duplicated, ``[at]``/``(dot)`` undone.

    >>> find_emails("Contact perla@eng.example.edu or ada (at) math.example.org.")
    ['perla@eng.example.edu', 'ada@math.example.org']
    """
    out: list[str] = []
    seen: set[str] = set()
    for m in EMAIL.finditer(text):
        addr = m.group(1)
        addr = _OBFUSCATED_AT.sub("@", addr)
        addr = _OBFUSCATED_DOT.sub(".", addr).rstrip(".")
        if addr.count("@") != 1 or "." not in addr.split("@")[1]:
            continue
        before = text[max(0, m.start() - 200) : m.start()]
        if _TRAILING_URL.search(before):  # part of a URL
            continue
        if addr.casefold() not in seen:
            seen.add(addr.casefold())
            out.append(addr)
    return out


def _url_value(m: re.Match[str]) -> str | None:
    url = repair_url(unwrap(repair_url(m.group(0))))
    return url if len(url) >= 12 else None


def _email_value(m: re.Match[str]) -> str | None:
    found = find_emails(m.group(0))
    return found[0] if found else None


RULES: tuple[Rule[str], ...] = (
    Rule(
        "url",
        URL,
        _url_value,
        examples=(
            ("see <https://example.org/talk>.", "https://example.org/talk"),
            (
                "Join: uni-example.zoom.us/j/81234567890pwd=Tk9y",
                "https://uni-example.zoom.us/j/81234567890?pwd=Tk9y",
            ),
            (
                "https://www.google.com/url?q=https://arxiv.org/abs/1&sa=D",
                "https://arxiv.org/abs/1",
            ),
            ("more at www.math.example.edu/seminar;", "https://www.math.example.edu/seminar"),
        ),
        counterexamples=("Time: 10:30", "e-mail ada@example.org", "version 2.0.1 of the code"),
    ),
    Rule(
        "email",
        EMAIL,
        _email_value,
        examples=(
            ("Contact: Perla Linwood <perla@eng.example.edu>", "perla@eng.example.edu"),
            ("write to ada [at] example [dot] org", "ada@example.org"),
        ),
        counterexamples=("https://example.org/", "10:30 @ room 3", "at Room 3"),
    ),
)
