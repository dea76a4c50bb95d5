"""Meeting platforms: which platform a join URL belongs to.

Takes a URL; gives its platform's name (:func:`platform_of`, one of
``model.PLATFORMS``) or None. The platforms are data rows (:data:`PLATFORMS`):
a name, the pattern of its *join* URLs, and examples; adding a platform is one
row. A Zoom "find your local number" page or a "Join by Skype for Business"
link is not a join URL. Shared by :mod:`.links` (a link's kind) and
:mod:`.meetings` (the online meeting).
"""

from __future__ import annotations

from seminorm.patterns import LazyPattern

from ..plain import NamedTuple


class Platform(NamedTuple):
    """A meeting platform: its name and the pattern of its join URLs."""

    name: str
    url_pattern: LazyPattern[str]
    examples: tuple[str, ...] = ()


def _p(pattern: str) -> LazyPattern[str]:
    return LazyPattern(r"(?i)^https?://" + pattern)


#: The meeting platforms, in the order they are tried.
PLATFORMS: tuple[Platform, ...] = (
    Platform(
        "zoom",
        _p(
            r"(?:[\w-]{1,40}\.){0,4}(?:zoom\.us|zoom\.com(?:\.cn)?|zoomgov\.com)/(?:j|my|w|s|wc(?:/join)?)/[\w.-]"
        ),
        (
            "https://uni-example.zoom.us/j/81234567890?pwd=x",
            "https://zoom.us/my/ada.lab",
            "https://ethz.zoom.us/w/61234567890",
            "https://zoom.com.cn/j/91234567890",
        ),
    ),
    Platform(
        "teams",
        _p(r"(?:teams\.microsoft\.com/(?:l/meetup-join|meet)/|teams\.live\.com/meet/)"),
        (
            "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x/0",
            "https://teams.live.com/meet/9312345",
        ),
    ),
    Platform(
        "meet",
        _p(r"meet\.google\.com/[a-z]{3,4}-[a-z]{4}-[a-z]{3}\b|meet\.google\.com/lookup/"),
        ("https://meet.google.com/abc-defg-hij",),
    ),
    Platform(
        "webex",
        _p(
            r"(?:[\w-]{1,40}\.){0,4}webex\.com/(?:[\w.-]{1,60}/){0,3}(?:j\.php|join|meet|m/|wbxmjs|e\.php|k2)"
        ),
        ("https://unige.webex.com/unige/j.php?MTID=m1234", "https://cern.webex.com/meet/ada"),
    ),
    Platform(
        "jitsi",
        _p(
            r"(?:meet\.jit\.si|(?:[\w-]{1,40}\.){0,4}jitsi\.[\w.-]{2,40}|(?:[\w-]{1,40}\.){0,4}jitsi-?meet\.[\w.-]{2,40})/[\w-]"
        ),
        ("https://meet.jit.si/AlgebraSeminar", "https://jitsi.uni-example.de/room1"),
    ),
    Platform(
        "bbb",
        _p(
            r"(?:(?:bbb|bigbluebutton|greenlight)[\w-]{0,20}\.[\w.-]{2,60}/|[\w.-]{2,60}/b/[\w]{3}-[\w]{3}-[\w]{3})"
        ),
        ("https://bbb.uni-example.de/b/ada-x7k-2pq", "https://scalelite.example.org/b/abc-def-ghi"),
    ),
    Platform(
        "gotomeeting",
        _p(r"(?:gotomeet\.me/|(?:global|app)\.gotomeeting\.com/join/|meet\.goto\.com/)"),
        ("https://global.gotomeeting.com/join/123456789", "https://gotomeet.me/AdaLab"),
    ),
    Platform(
        "bluejeans",
        _p(r"(?:[\w-]{1,40}\.)?bluejeans\.com/\d"),
        ("https://bluejeans.com/123456789",),
    ),
    Platform(
        "other",
        _p(
            r"(?:whereby\.com/[\w-]|discord\.gg/|discord\.com/invite/|(?:www\.)?youtube\.com/live/|youtube\.com/@[\w.-]{1,60}/live|(?:[\w-]{1,40}\.)?skype\.com/[\w-]{2}|join\.skype\.com/|gather\.town/app|wonder\.me/r"
            # Tencent Meeting / VooV, Feishu / Lark and DingTalk meetings (common in Chinese announcements)
            r"|meeting\.tencent\.com/(?:dm|p|s|l)/[\w-]|voovmeeting\.com/(?:dm|p|s)/[\w-]"
            r"|vc\.(?:feishu\.cn|larksuite\.com)/j/\d|meeting\.dingtalk\.com/j/[\w-])"
        ),
        (
            "https://whereby.com/ada-seminar",
            "https://discord.gg/abc123",
            "https://www.youtube.com/live/xyz",
            "https://meeting.tencent.com/dm/Ab3dE5fG7hJk",
            "https://meeting.tencent.com/p/1234567890",
            "https://vc.feishu.cn/j/123456789",
        ),
    ),
)
#: Hosts of meeting systems whose other links are not the join URL.
_NOT_JOIN = LazyPattern(
    r"(?i)zoom(?:gov)?\.(?:us|com)/(?:u/|skype/|download|webinar/register|meeting/register)|/skype/|find\s+your\s+local"
)


def platform_of(url: str) -> str | None:
    """The platform of a join URL, or None when it is not one.

    >>> platform_of("https://uni-example.zoom.us/j/81234567890?pwd=x"), platform_of("https://uni-example.zoom.us/u/kdX93mQ")
    ('zoom', None)
    >>> platform_of("https://meet.google.com/abc-defg-hij"), platform_of("https://example.org/")
    ('meet', None)
    """
    if _NOT_JOIN.search(url):
        return None
    for p in PLATFORMS:
        if p.url_pattern.search(url):
            return p.name
    return None
