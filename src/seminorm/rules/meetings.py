"""Online meetings: platform, join URL, meeting ID, passcode, dial-in numbers.

Meeting platforms are data rows (:data:`.platforms.PLATFORMS`): a name from
``model.PLATFORMS``, the pattern of its *join* URLs, and examples. Adding a
platform is one row. A Zoom "find your local number" page or a "Join by
Skype for Business" link is not a join URL.

Meeting IDs: a labeled ID (``Meeting ID: 812 3456 7890``, ``ID de réunion``,
``Webinar ID``, ``Access code``) is kept with its own grouping, spaces
normalised. When no ID is labeled, a Zoom URL's ``/j/<digits>`` gives it,
grouped as Zoom prints them: 9 digits ``3-3-3``, 10 digits ``3-3-4``, 11
digits ``3-4-4``, other lengths ungrouped.

Dial-in numbers are the human-listed ones (``+972 3 555 0166 Israel``),
separators normalised to single spaces; "one tap" strings
(``+97239786688,,81234567890#,,,,*402917#``) are used only when nothing
else is listed, as the bare number. :func:`dial_in_spans` gives the caller
the spans of every such number, of one-tap strings and of meeting IDs and
passcodes, so that date and time matches inside them can be dropped.

>>> on = find_online("Join Zoom Meeting https://uni-example.zoom.us/j/81234567890pwd=Tk9yZX Meeting ID: 812 3456 7890 Passcode: 402917")
>>> on.platform, on.url, on.meeting_id, on.passcode
('zoom', 'https://uni-example.zoom.us/j/81234567890?pwd=Tk9yZX', '812 3456 7890', '402917')
"""

from __future__ import annotations

import re
from functools import lru_cache

from seminorm.model import Online
from seminorm.patterns import LazyPattern

from . import fold, runs
from .base import Rule
from .links import URL, link_spans, repair_url, unwrap
from .platforms import PLATFORMS, platform_of

_STREAM_HOST = LazyPattern(
    r"(?i)^https?://(?:[\w-]{1,40}\.){0,3}(?:youtube\.com/(?:watch|live/)|youtu\.be/|vimeo\.com/(?:\d|event/)|"
    r"twitch\.tv/|bilibili\.com/video)"
)
_LIVE = LazyPattern(r"(?i)live|stream|direct|übertragung|diretta|en\s+vivo|broadcast")
_REGISTER = LazyPattern(r"(?i)zoom(?:gov)?\.(?:us|com)/(?:webinar|meeting)/register/")


_ID_LABEL = (
    r"(?:(?:zoom\s+)?(?:meeting|webinar|conference)[\s-]?(?:id|number|no\.?)|zoom[\s-]id|"
    r"id\s+(?:de\s+(?:la\s+)?)?(?:réunion|reunión|riunione|conférence)|sitzungs-?id|konferenz-?id|"
    r"meeting-id|access\s+code|numéro\s+de\s+(?:la\s+)?réunion)"
)
MEETING_ID = LazyPattern(
    r"(?i)(?<![\w-])" + _ID_LABEL + r"\s{0,3}(?:\([^)\n]{0,20}\)\s{0,3})?[:：#]?\s{0,5}"
    r"(\d{3,4}(?:[ \t.-]{1,2}\d{2,4}){1,5}|\d{6,14})(?!\d)"
)
PASSCODE = LazyPattern(
    r"(?i)(?<![\w-])(?:(?:meeting\s+|numeric\s+|webinar\s+)?(?:passcode|password|pass\s+code|pwd)|"
    r"kenncode|kennwort|passwort|code\s+secret|mot\s+de\s+passe|code\s+d['’]acc[eè]s|"
    r"contraseña|código\s+de\s+acceso|codice\s+d['’]accesso|access\s+code|zugangs-?code)"
    r"\s{0,3}(?:[:：=]\s{0,5}|\s{1,3}(?=\S{0,40}\d))([^\s,;]{1,40})"
)
_PHONE = r"\+\s?(?:\d{1,4}(?:(?:[ \t.-]{1,2}|[ \t]?\(|(?<=\)))\d{1,5}\)?){1,6}|\d{7,15})"
ONE_TAP = LazyPattern(_PHONE + r",,\s?[\d#,*]{1,60}")
# Both start with a look-behind: their twins list the words a match can start with.
fold.set_twin(
    MEETING_ID.pattern, r"zoom|meeting|webinar|conference|id\s|sitzungs|konferenz|access|numéro"
)
fold.set_twin(
    PASSCODE.pattern,
    r"meeting|numeric|webinar|pass|pwd|kenn|code|mot\s|contrase|código|codice|access|zugang",
)
# The "+" comes first and the look-behind after it: a pattern that starts with a
# literal lets ``re`` jump from one "+" to the next instead of trying every position.
_AFTER_PLUS = _PHONE.removeprefix(r"\+")
PHONE = LazyPattern(r"\+(?<![\w+]\+)(?>" + _AFTER_PLUS + r")(?![\d,])")
_ANY_PHONE = LazyPattern(r"\+(?<![\w+]\+)(?>" + _AFTER_PLUS + r")(?!\d)")
_DIAL_CUE = LazyPattern(
    r"(?i)dial|one\s+tap|tap\s+mobile|by\s+phone|call[\s-]in|phone|téléphone|telefon|"
    r"einwahl|teléfono|audio|toll"
)
# (?<![\d+])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?!\d), written to start with a character
# class (``re`` skips to "(" or a digit): the look-behind checks the character
# before the first one, the branch reads the area code after "(" or a digit.
_LOCAL_US = LazyPattern(
    r"[(\d](?<![\d+][(\d])(?:(?<=\()\d{3}|(?<=\d)\d{2})\)?[ .-]\d{3}[ .-]\d{4}(?!\d)"
)


_TRUNK_ZERO = LazyPattern(r"\s?\(0\)\s?")
_PHONE_MARKS = LazyPattern(r"[\t.()-]")
_PLUS_SPACE = LazyPattern(r"\+\s+")
_NOT_DIGIT = LazyPattern(r"\D")


def _norm_phone(s: str) -> str:
    s = s.split(",")[0]
    if "(0)" in s:
        s = _TRUNK_ZERO.sub(" ", s)
    s = _PHONE_MARKS.sub(" ", s)
    if "+" in s:
        s = _PLUS_SPACE.sub("+", s)
    return " ".join(s.split())


def _digits(s: str) -> str:
    return _NOT_DIGIT.sub("", s)


_ZOOM_URL_ID = LazyPattern(r"(?i)zoom(?:gov)?\.(?:us|com)/(?:j|w|s|wc(?:/join)?)/(\d{9,12})(?!\d)")


def zoom_id_from_url(url: str) -> str | None:
    """The meeting ID in a Zoom join URL, grouped as Zoom prints it.

    >>> zoom_id_from_url("https://uni-example.zoom.us/j/81234567890?pwd=x")
    '812 3456 7890'
    >>> zoom_id_from_url("https://zoom.us/j/1234567890"), zoom_id_from_url("https://zoom.us/my/ada")
    ('123 456 7890', None)
    """
    m = _ZOOM_URL_ID.search(url)
    if not m:
        return None
    return format_meeting_id(m.group(1))


def format_meeting_id(digits: str) -> str:
    """Group a bare run of ID digits the way Zoom and Teams print them.

    >>> format_meeting_id("123456789"), format_meeting_id("81234567890"), format_meeting_id("123456789012")
    ('123 456 789', '812 3456 7890', '123 456 789 012')
    """
    n = len(digits)
    if n == 9:
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    if n == 10:
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    if n == 11:
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if n == 12:
        return " ".join(digits[i : i + 3] for i in range(0, 12, 3))
    return digits


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[tuple[re.Match[str], ...], ...]:
    """The whole-text scans both the dial-in spans and the meeting details need,
    made once per text: meeting IDs, passcodes, phone numbers, US local numbers."""
    return (
        tuple(fold.finditer(MEETING_ID, text)),
        tuple(fold.finditer(PASSCODE, text)),
        tuple(_ANY_PHONE.finditer(text)),
        tuple(runs.finditer(_LOCAL_US, text, (range(3, 4),), opener="(")),
    )


_ACCESS_WORD = LazyPattern(r"(?i)access")
_WHITESPACE_CHAR = LazyPattern(r"\s")
_DOT_OR_DASH = LazyPattern(r"[.-]")


def _meeting_id(text: str) -> str | None:
    for m in _scan(text)[0]:
        label_start = text[max(0, m.start() - 12) : m.start()].lower()
        if "phone" in label_start:  # Teams "Phone Conference ID" is not the meeting ID
            continue
        raw = m.group(1)
        if len(_digits(raw)) < 6:
            continue
        if _ACCESS_WORD.match(m.group(0)) and len(_digits(raw)) < 9:
            continue  # a BigBlueButton room's access code is its passcode
        if not _WHITESPACE_CHAR.search(raw):
            return format_meeting_id(_digits(raw))
        return " ".join(_DOT_OR_DASH.sub(" ", raw).split())
    return None


_DIGIT_GROUPS = LazyPattern(r"[\d \t.-]{0,24}")
_ACCESS_CODE_WORD = LazyPattern(r"(?i)access|zugang")
_NOT_A_PASSCODE_WORD = LazyPattern(
    r"(?i)(?:is|required|protected|will|and|or|the|below|above|sent|see|in|on|by|upon|"
    r"available|provided|tba|tbd|none|n/a|not|if|via|from|to|for|with|same|as)"
)


def _passcode(text: str) -> str | None:
    for m in _scan(text)[1]:
        if m.start() and text[m.start() - 1] in "?&/=#%":  # ``pwd=`` inside a join URL
            continue
        value = m.group(1).rstrip(".)]")
        number = _DIGIT_GROUPS.match(text[m.start(1) :])
        if _ACCESS_CODE_WORD.match(m.group(0)) and number and len(_digits(number.group(0))) >= 9:
            continue  # Webex's access code is the meeting number
        if not value or _NOT_A_PASSCODE_WORD.fullmatch(value):
            continue
        if value.lower().startswith("http"):
            continue
        return value
    return None


@lru_cache(maxsize=8)
def _dial_cue(text: str) -> re.Match[str] | None:
    return fold.search(_DIAL_CUE, text)


def _dial_in(text: str) -> tuple[str, ...]:
    cue = _dial_cue(text)
    if cue is None:
        return ()
    base = cue.start()  # the numbers after the first dial-in cue
    _, _, phones, local = _scan(text)
    listed: list[str] = []
    tapped: list[str] = []
    taken: list[tuple[int, int]] = []
    for m in phones:
        if m.start() < base:
            continue
        num = _norm_phone(m.group(0))
        tap = text[m.end() : m.end() + 1] == ","
        taken.append((m.start(), m.end() + 60 if tap else m.end()))
        target = tapped if tap else listed
        if len(_digits(num)) >= 7 and num not in target:
            target.append(num)
    if not listed:
        for m in local:
            if m.start() < base:
                continue
            num = _norm_phone(m.group(0))
            inside = any(a <= m.start() < b for a, b in taken)
            if not inside and num not in listed:
                listed.append(num)
    chosen = listed or tapped
    return tuple(chosen[:40])


def _join_url(text: str) -> tuple[str | None, str | None]:
    """The first join URL of ``text`` and its platform (registration pages last)."""
    register: tuple[str | None, str | None] = (None, None)
    stream: tuple[str | None, str | None] = (None, None)
    for start, _, raw in link_spans(text):
        url = repair_url(unwrap(repair_url(raw)))
        plat = platform_of(url)
        if plat is not None:
            return url, plat
        if register[0] is None and _REGISTER.search(url):
            register = (url, "zoom")
        if stream[0] is None and _STREAM_HOST.search(url):
            line = text[max(text.rfind("\n", 0, start) + 1, start - 120) : start]
            if _LIVE.search(line):
                stream = (url, "other")
    return register if register[0] else stream


_PLATFORM_WORDS: tuple[tuple[str, LazyPattern[str]], ...] = (
    ("zoom", LazyPattern(r"(?i)\bzoom\b")),
    ("teams", LazyPattern(r"(?i)\b(?:ms|microsoft)\s+teams\b|\bteams\s+meeting\b")),
    ("webex", LazyPattern(r"(?i)\bwebex\b")),
    ("meet", LazyPattern(r"(?i)\bgoogle\s+meet\b")),
    ("jitsi", LazyPattern(r"(?i)\bjitsi\b")),
    ("bbb", LazyPattern(r"(?i)\bbig\s?blue\s?button\b")),
)


def find_online(text: str) -> Online | None:
    """The online meeting described in ``text``, or None.

    Needs a join URL or a labeled meeting ID; the platform comes from the
    URL, else from the platform named in the text.

    >>> find_online("Teams: <https://teams.microsoft.com/l/meetup-join/19%3ameeting_Y/0>").platform
    'teams'
    >>> find_online("Room 3.14, see https://example.org/map") is None
    True
    """
    url, platform = _join_url(text)
    meeting_id = _meeting_id(text)
    if url is None and meeting_id is None:
        return None
    if meeting_id is None and url is not None:
        meeting_id = zoom_id_from_url(url)
    if platform is None:
        platform = next((name for name, pat in _PLATFORM_WORDS if pat.search(text)), "other")
    return Online(
        platform=platform,
        url=url,
        meeting_id=meeting_id,
        passcode=_passcode(text),
        dial_in=_dial_in(text),
    )


def dial_in_spans(text: str) -> list[tuple[int, int]]:
    """Spans of phone numbers, one-tap strings, meeting IDs and passcodes.

    Numbers inside them are never dates or times; the caller drops date and
    time matches that fall inside these spans. Sorted, merged.

    >>> t = "Meeting ID: 812 3456 7890  +1 312 555 0187 US (Chicago)"
    >>> [t[a:b] for a, b in dial_in_spans(t)]
    ['812 3456 7890', '+1 312 555 0187']
    """
    spans: list[tuple[int, int]] = []
    ids, codes, phones, local = _scan(text)
    for m in ONE_TAP.finditer(text):
        spans.append(m.span())
    for m in phones:
        if len(_digits(m.group(0))) >= 7:
            spans.append(m.span())
    spans.extend(m.span(1) for m in ids)
    spans.extend(m.span(1) for m in codes)
    if _dial_cue(text):
        spans.extend(m.span() for m in local)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _join_value(m: re.Match[str]) -> tuple[str, str] | None:
    url = repair_url(unwrap(repair_url(m.group(0))))
    plat = platform_of(url)
    return (plat, url) if plat else None


def _id_value(m: re.Match[str]) -> str | None:
    return _meeting_id(m.group(0))


def _pass_value(m: re.Match[str]) -> str | None:
    return _passcode(m.group(0))


def _phone_value(m: re.Match[str]) -> str | None:
    num = _norm_phone(m.group(0))
    return num if len(_digits(num)) >= 7 else None


RULES: tuple[Rule[object], ...] = (
    Rule(
        "meeting-join-url",
        URL,
        _join_value,
        examples=(
            *((f"Join: {ex}", (p.name, ex)) for p in PLATFORMS for ex in p.examples),
            (
                "Zoom: uni-example.zoom.us/j/81234567890pwd=Tk9y",
                ("zoom", "https://uni-example.zoom.us/j/81234567890?pwd=Tk9y"),
            ),
        ),
        counterexamples=(
            "Find your local number: https://uni-example.zoom.us/u/kdX93mQ",
            "Join by Skype for Business https://uni-example.zoom.us/skype/81234567890",
            "https://example.org/seminar",
        ),
    ),
    Rule(
        "meeting-id",
        MEETING_ID,
        _id_value,
        examples=(
            ("Meeting ID: 812 3456 7890", "812 3456 7890"),
            ("ID de réunion : 812 3456 7890", "812 3456 7890"),
            ("Webinar ID 91234567890", "912 3456 7890"),
            ("Meeting-ID: 640 1234 5678", "640 1234 5678"),
        ),
        counterexamples=("Meeting at 10:30", "Meeting ID: TBA", "Room ID: 12"),
    ),
    Rule(
        "meeting-passcode",
        PASSCODE,
        _pass_value,
        examples=(
            ("Passcode: 402917", "402917"),
            ("Kenncode: 12345", "12345"),
            ("Code secret : aB3xyz", "aB3xyz"),
            ("Password 987654", "987654"),
        ),
        counterexamples=("password protected", "the password is required", "Passport: none"),
    ),
    Rule(
        "dial-in-number",
        PHONE,
        _phone_value,
        examples=(
            ("+972 3 555 0166 Israel", "+972 3 555 0166"),
            ("+1 323-849-4874 United States", "+1 323 849 4874"),
        ),
        counterexamples=("UTC+2", "GMT +05:30", "2021-05-04 19:00"),
    ),
)
