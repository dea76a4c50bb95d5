"""Online meetings: platform rows, join URL, meeting ID, passcode, dial-in."""

from __future__ import annotations

import doctest
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seminorm.model import PLATFORMS as MODEL_PLATFORMS
from seminorm.rules import meetings
from seminorm.rules.meetings import (
    PLATFORMS,
    dial_in_spans,
    find_online,
    format_meeting_id,
    platform_of,
    zoom_id_from_url,
)

from .helpers import growth

ZOOM_INVITE = """ANLS is inviting you to a scheduled Zoom meeting.
Topic: Prof. Henrik Vallin - ANLS Online Seminar
Time: Mar 8, 2022 03:00 PM Jerusalem
Join Zoom Meeting
https://uni-example.zoom.us/j/81234567890pwd=Tk9yZXN0SW52ZW50ZWRUb2tlbjEyMw09

Meeting ID: 812 3456 7890
Passcode: 402917
One tap mobile
+97235550166,,81234567890#,,,,*402917# Israel
+972555550199,,81234567890#,,,,*402917# Israel

Dial by your location
        +972 3 555 0166 Israel
        +972 55 555 0199 Israel
        +1 669 555 0134 US (San Jose)
Meeting ID: 812 3456 7890
Passcode: 402917
Find your local number: https://uni-example.zoom.us/u/kdX93mQ

Join by Skype for Business
https://uni-example.zoom.us/skype/81234567890
"""


def test_doctests() -> None:
    assert doctest.testmod(meetings).failed == 0


def test_platform_rows_are_model_platforms() -> None:
    assert {p.name for p in PLATFORMS} <= set(MODEL_PLATFORMS)
    assert {p.name for p in PLATFORMS} == set(MODEL_PLATFORMS)
    for p in PLATFORMS:
        assert p.examples, p.name
        for ex in p.examples:
            assert platform_of(ex) == p.name, ex


def test_zoom_invitation() -> None:
    on = find_online(ZOOM_INVITE)
    assert on is not None
    assert on.platform == "zoom"
    assert (
        on.url == "https://uni-example.zoom.us/j/81234567890?pwd=Tk9yZXN0SW52ZW50ZWRUb2tlbjEyMw09"
    )
    assert on.meeting_id == "812 3456 7890"
    assert on.passcode == "402917"
    assert on.dial_in == ("+972 3 555 0166", "+972 55 555 0199", "+1 669 555 0134")


def test_zoom_invitation_flattened_on_one_line() -> None:
    flat = " ".join(ZOOM_INVITE.split())
    on = find_online(flat)
    assert on is not None
    assert (
        on.url == "https://uni-example.zoom.us/j/81234567890?pwd=Tk9yZXN0SW52ZW50ZWRUb2tlbjEyMw09"
    )
    assert (on.meeting_id, on.passcode) == ("812 3456 7890", "402917")
    assert on.dial_in[0] == "+972 3 555 0166"


@pytest.mark.parametrize(
    ("text", "platform", "url"),
    [
        (
            "Zoom: https://ethz.zoom.us/j/61234567890?pwd=abc",
            "zoom",
            "https://ethz.zoom.us/j/61234567890?pwd=abc",
        ),
        ("Join at https://zoom.us/my/ada.lab.", "zoom", "https://zoom.us/my/ada.lab"),
        (
            "Webinar: https://ethz.zoom.us/w/61234567890?tk=x",
            "zoom",
            "https://ethz.zoom.us/w/61234567890?tk=x",
        ),
        ("https://nih.zoomgov.com/j/1612345678", "zoom", "https://nih.zoomgov.com/j/1612345678"),
        (
            "Teams: <https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ%40thread.v2/0?context=%7b%7d>",
            "teams",
            "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ%40thread.v2/0?context=%7b%7d",
        ),
        (
            "https://teams.live.com/meet/9312345678",
            "teams",
            "https://teams.live.com/meet/9312345678",
        ),
        (
            "Google Meet: meet.google.com/abc-defg-hij",
            "meet",
            "https://meet.google.com/abc-defg-hij",
        ),
        (
            "Webex: https://unige.webex.com/unige/j.php?MTID=m1234abcd",
            "webex",
            "https://unige.webex.com/unige/j.php?MTID=m1234abcd",
        ),
        ("https://cern.webex.com/meet/ada", "webex", "https://cern.webex.com/meet/ada"),
        (
            "https://meetings.webex.com/collabs/meetings/join?uuid=M1a2b",
            "webex",
            "https://meetings.webex.com/collabs/meetings/join?uuid=M1a2b",
        ),
        (
            "Jitsi: https://meet.jit.si/AlgebraSeminar2024",
            "jitsi",
            "https://meet.jit.si/AlgebraSeminar2024",
        ),
        (
            "BBB: https://bbb.uni-example.de/b/ada-x7k-2pq",
            "bbb",
            "https://bbb.uni-example.de/b/ada-x7k-2pq",
        ),
        (
            "https://global.gotomeeting.com/join/123456789",
            "gotomeeting",
            "https://global.gotomeeting.com/join/123456789",
        ),
        ("https://gotomeet.me/AdaLab", "gotomeeting", "https://gotomeet.me/AdaLab"),
        ("https://bluejeans.com/123456789", "bluejeans", "https://bluejeans.com/123456789"),
        ("Room: https://whereby.com/ada-seminar", "other", "https://whereby.com/ada-seminar"),
        ("Discord: https://discord.gg/abc123", "other", "https://discord.gg/abc123"),
        (
            "Live on https://www.youtube.com/live/xyz123",
            "other",
            "https://www.youtube.com/live/xyz123",
        ),
        ("Zoom: https://zoom.com.cn/j/91234567890", "zoom", "https://zoom.com.cn/j/91234567890"),
        ("入会链接 zoom.com.cn/j/91234567890", "zoom", "https://zoom.com.cn/j/91234567890"),
        (
            "会议链接：https://meeting.tencent.com/dm/Qx7Lm2Np9Rt",
            "other",
            "https://meeting.tencent.com/dm/Qx7Lm2Np9Rt",
        ),
        (
            "腾讯会议 https://meeting.tencent.com/p/8123456789",
            "other",
            "https://meeting.tencent.com/p/8123456789",
        ),
        (
            "飞书视频会议：https://vc.feishu.cn/j/712345678",
            "other",
            "https://vc.feishu.cn/j/712345678",
        ),
    ],
)
def test_platforms(text: str, platform: str, url: str) -> None:
    on = find_online(text)
    assert on is not None
    assert (on.platform, on.url) == (platform, url)


def test_redirect_wrapped_join_url() -> None:
    text = "Join: https://urldefense.proofpoint.com/v2/url?u=https-3A__ucsd.zoom.us_j_91234567890-3Fpwd-3DZm9v&d=DwMFaQ"
    on = find_online(text)
    assert on is not None
    assert on.url == "https://ucsd.zoom.us/j/91234567890?pwd=Zm9v"
    assert on.meeting_id == "912 3456 7890"


def test_join_url_broken_across_lines() -> None:
    on = find_online("Join Zoom Meeting\nhttps://uni-example.zoom.us/j/8123456\n7890?pwd=Tk9y\n")
    assert on is not None
    assert on.url == "https://uni-example.zoom.us/j/81234567890?pwd=Tk9y"


def test_local_number_and_skype_links_are_not_join_urls() -> None:
    text = "Find your local number: https://uni-example.zoom.us/u/kdX93mQ\nJoin by Skype for Business https://uni-example.zoom.us/skype/81234567890"
    assert find_online(text) is None


def test_registration_page_only_as_fallback() -> None:
    on = find_online("Register: https://ucl.zoom.us/webinar/register/WN_abc")
    assert on is not None
    assert on.url == "https://ucl.zoom.us/webinar/register/WN_abc"
    on = find_online(
        "Register: https://ucl.zoom.us/meeting/register/tJ0x then https://ucl.zoom.us/j/91234567890"
    )
    assert on is not None
    assert on.url == "https://ucl.zoom.us/j/91234567890"


@pytest.mark.parametrize(
    ("text", "meeting_id"),
    [
        ("Meeting ID: 812 3456 7890", "812 3456 7890"),
        ("Meeting ID:  812  3456  7890", "812 3456 7890"),
        ("ID de réunion : 812 3456 7890", "812 3456 7890"),
        ("ID de la réunion: 812 3456 7890", "812 3456 7890"),
        ("Meeting-ID: 640 1234 5678", "640 1234 5678"),
        ("Webinar ID: 91234567890", "912 3456 7890"),
        ("Meeting number (access code): 2634 123 4567", "2634 123 4567"),
        ("Access code: 2634 123 4567", "2634 123 4567"),
        ("Meeting ID: 123 456 789 012\nPasscode: x", "123 456 789 012"),
        ("Zoom meeting ID 123456789", "123 456 789"),
        ("Sitzungs-ID: 640-1234-5678", "640 1234 5678"),
        ("Zoom ID: 812 3456 7890", "812 3456 7890"),
    ],
)
def test_meeting_ids(text: str, meeting_id: str) -> None:
    on = find_online(text)
    assert on is not None
    assert on.meeting_id == meeting_id


def test_meeting_id_from_zoom_url_when_unlabeled() -> None:
    assert zoom_id_from_url("https://zoom.us/j/123456789") == "123 456 789"
    assert zoom_id_from_url("https://zoom.us/j/1234567890?pwd=x") == "123 456 7890"
    assert zoom_id_from_url("https://us02web.zoom.us/j/81234567890") == "812 3456 7890"
    assert zoom_id_from_url("https://zoom.us/my/ada") is None
    assert format_meeting_id("12345") == "12345"
    on = find_online("https://us02web.zoom.us/j/81234567890")
    assert on is not None
    assert on.meeting_id == "812 3456 7890"


def test_phone_conference_id_is_not_the_meeting_id() -> None:
    text = "Join: https://teams.microsoft.com/l/meetup-join/19%3ameeting_x/0\nPhone Conference ID: 123 456 789#"
    on = find_online(text)
    assert on is not None
    assert on.meeting_id is None


@pytest.mark.parametrize(
    ("text", "passcode"),
    [
        ("Passcode: 402917", "402917"),
        ("Password: Knots2024!", "Knots2024!"),
        ("Meeting password: abc123", "abc123"),
        ("Kenncode: 918273", "918273"),
        ("Code secret : 4Xy9", "4Xy9"),
        ("Mot de passe : 1234", "1234"),
        ("Contraseña: 555", "555"),
        ("Passcode 402917", "402917"),
        ("pwd=123456", "123456"),
    ],
)
def test_passcodes(text: str, passcode: str) -> None:
    on = find_online("Meeting ID: 812 3456 7890\n" + text)
    assert on is not None
    assert on.passcode == passcode


@pytest.mark.parametrize(
    "text",
    [
        "password protected",
        "The password is required",
        "Passcode: see email",
        "Password: sent upon registration",
    ],
)
def test_not_passcodes(text: str) -> None:
    on = find_online("Meeting ID: 812 3456 7890\n" + text)
    assert on is not None
    assert on.passcode is None


def test_pwd_inside_the_url_is_not_the_passcode() -> None:
    on = find_online("Zoom: https://washington.zoom.us/j/95512345678?pwd=aGVsbG8\nPasscode: 845120")
    assert on is not None
    assert on.passcode == "845120"
    on = find_online("Zoom: https://washington.zoom.us/j/95512345678?pwd=aGVsbG8")
    assert on is not None
    assert on.passcode is None


def test_access_code_is_bbb_passcode_or_webex_meeting_number() -> None:
    on = find_online("Room: https://bbb.uni-hanseburg.de/b/dhs-x7k-9pq-2mt\nAccess code: 512833")
    assert on is not None
    assert (on.platform, on.meeting_id, on.passcode) == ("bbb", None, "512833")
    on = find_online("Join: https://x.webex.com/x/j.php?MTID=m1\nAccess code: 2630 118 4592")
    assert on is not None
    assert (on.meeting_id, on.passcode) == ("2630 118 4592", None)


def test_a_channel_page_is_not_a_stream() -> None:
    assert find_online("Stream: https://www.youtube.com/@osgeo-lightning") is None


def test_livestream_is_online_other() -> None:
    on = find_online("Livestream: https://www.youtube.com/watch?v=abc123")
    assert on is not None
    assert (on.platform, on.url) == ("other", "https://www.youtube.com/watch?v=abc123")
    assert find_online("Recording: https://www.youtube.com/watch?v=abc123") is None


def test_teams_invitation() -> None:
    text = (
        "Microsoft Teams meeting\nJoin on your computer, mobile app or room device\n"
        "Click here to join the meeting <https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZmI%40thread.v2/0?context=%7b%7d>\n"
        "Meeting ID: 123 456 789 012\nPasscode: AbCdEf\nDownload Teams | Join on the web\n"
        "Or call in (audio only)\n+1 323-849-4874,,123456789#   United States, Los Angeles\n"
        "Phone Conference ID: 123 456 789#\n"
    )
    on = find_online(text)
    assert on is not None
    assert on.platform == "teams"
    assert (
        on.url
        == "https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZmI%40thread.v2/0?context=%7b%7d"
    )
    assert (on.meeting_id, on.passcode) == ("123 456 789 012", "AbCdEf")
    assert on.dial_in == ("+1 323 849 4874",)


def test_webex_invitation() -> None:
    text = (
        "Join meeting: https://epfl.webex.com/epfl/j.php?MTID=m0123456789abcdef\n"
        "Meeting number (access code): 2734 567 8901\nMeeting password: Kn0ts\n"
        "Join by phone\n+41-44-5678-901 Switzerland toll\n"
    )
    on = find_online(text)
    assert on is not None
    assert (on.platform, on.meeting_id, on.passcode) == ("webex", "2734 567 8901", "Kn0ts")
    assert on.dial_in == ("+41 44 5678 901",)


def test_one_tap_with_masked_ids_gives_the_numbers() -> None:
    text = (
        "Join Zoom Meeting\nhttps://zoom.us/j/XXXXXXXXXXXX?pwd=XXXX\nMeeting ID: XXXXXXXXX\n\n"
        "One tap mobile\n+1 646 555 0191,,XXXXXXXXX#,,,,*XXXXXXX# US\n+1 669 555 0112,,XXXXXXXXX#,,,,*XXXXXXX# US"
    )
    on = find_online(text)
    assert on is not None
    assert on.meeting_id is None
    assert on.dial_in == ("+1 646 555 0191", "+1 669 555 0112")
    covered = [text[a:b] for a, b in dial_in_spans(text)]
    assert "+1 646 555 0191" in covered


def test_one_tap_only() -> None:
    on = find_online(
        "https://zoom.us/j/123456789\nOne tap mobile\n+16699006833,,123456789# US (San Jose)"
    )
    assert on is not None
    assert on.dial_in == ("+16699006833",)


def test_dial_in_normalised() -> None:
    on = find_online(
        "https://teams.microsoft.com/l/meetup-join/x/0\nCall in (audio only)\n+1 323-849-4874,,12345# United States\n+41 (0)44 632 1111 Zurich"
    )
    assert on is not None
    assert on.dial_in == ("+41 44 632 1111",)


def test_signature_phone_without_meeting_is_nothing() -> None:
    assert find_online("Prof. X, Tel: +41 44 632 1111, Room 3") is None


def test_no_meeting() -> None:
    assert find_online("Room 3.14, see https://example.org/map and https://arxiv.org/abs/1") is None
    assert find_online("") is None


def test_dial_in_spans_cover_numbers() -> None:
    spans = dial_in_spans(ZOOM_INVITE)
    covered = [ZOOM_INVITE[a:b] for a, b in spans]
    assert "+972 3 555 0166" in covered
    assert "+97235550166,,81234567890#,,,,*402917#" in covered
    assert "812 3456 7890" in covered
    assert "402917" in covered
    # the real time of the invitation is outside every span
    t = ZOOM_INVITE.index("03:00 PM")
    assert not any(a <= t < b for a, b in spans)


def test_dial_in_spans_leave_dates_alone() -> None:
    text = "Tuesday 2021-05-04 19:00 (UTC+2), 14.05.2021, 10:30-11:30"
    assert dial_in_spans(text) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    [
        "+1 ",
        "+1234567,,",
        "Meeting ID: ",
        "Passcode: ",
        "1 2 3 4 ",
        "https://zoom.us/j/1",
        "dial +",
        "((((",
    ],
)
def test_hostile_text_scales_linearly(unit: str) -> None:
    assert growth(find_online, unit) < 20
    assert growth(dial_in_spans, unit) < 20


# The phone patterns are written to start with a literal or a character class
# (``re`` then skips to the candidates); they must match exactly what the
# plain way of writing them matches.
_PHONE_SRC = r"\+\s?(?:\d{1,4}(?:(?:[ \t.-]{1,2}|[ \t]?\(|(?<=\)))\d{1,5}\)?){1,6}|\d{7,15})"
_PLAIN = {
    "PHONE": r"(?<![\w+])(?>" + _PHONE_SRC + r")(?![\d,])",
    "_ANY_PHONE": r"(?<![\w+])(?>" + _PHONE_SRC + r")(?!\d)",
    "_LOCAL_US": r"(?<![\d+])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?!\d)",
}
_PHONE_BITS = ("+", "+1", "+41", " ", "\t", "(", ")", "-", ".", ",", ",,", "0", "1", "2", "312",
               "626", "5550", "812", "3456", "7890", "a", "x", "US", "\n", "#", "++")  # fmt: skip


@pytest.mark.parametrize("name", sorted(_PLAIN))
@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(_PHONE_BITS), max_size=30).map("".join))
def test_fast_phone_patterns_match_like_the_plain_ones(name: str, text: str) -> None:
    plain = re.compile(_PLAIN[name])
    fast = getattr(meetings, name)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_PHONE_BITS), max_size=30).map("".join))
def test_fast_country_phone_patterns_match_like_the_plain_ones(text: str) -> None:
    from seminorm.readers.ics import infer as ics_infer
    from seminorm.zones import evidence

    pairs = [
        (evidence._PHONE.compiled, r"(?<![\w+])\+[ \t]?(?P<n>\d[\d \t().\-]{6,20}\d)"),
        (ics_infer._PHONE, r"(?<![\w+])\+(\d{2,3})[\s.-]?\(?\d"),
    ]
    for fast, plain in pairs:
        expected = [(m.span(), m.groups()) for m in re.finditer(plain, text)]
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == expected


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.sampled_from((*_PHONE_BITS, "5551234", "12", "4567", "(555)")), max_size=30
    ).map("".join)
)
def test_us_local_numbers_tried_at_runs_of_three_digits_match_like_the_plain_scan(
    text: str,
) -> None:
    from seminorm.rules import forget_documents, runs

    forget_documents()
    plain = re.compile(_PLAIN["_LOCAL_US"])
    fast = runs.finditer(meetings._LOCAL_US, text, (range(3, 4),), opener="(")
    assert [m.span() for m in fast] == [m.span() for m in plain.finditer(text)]
