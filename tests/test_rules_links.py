"""URLs: found, repaired, unwrapped, classified; e-mail addresses."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seminorm.model import LINK_KINDS
from seminorm.rules import links
from seminorm.rules.links import classify, find_emails, find_links, repair_url, unwrap

from .helpers import growth


def test_doctests() -> None:
    assert doctest.testmod(links).failed == 0


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("https://example.org/talk.", "https://example.org/talk"),
        ("https://example.org/talk,", "https://example.org/talk"),
        ("https://example.org/talk;", "https://example.org/talk"),
        ("https://example.org/talk:", "https://example.org/talk"),
        ("https://example.org/talk)", "https://example.org/talk"),
        ("https://example.org/talk]", "https://example.org/talk"),
        ("https://example.org/talk>", "https://example.org/talk"),
        ("<https://example.org/talk>", "https://example.org/talk"),
        ("https://example.org/talk).", "https://example.org/talk"),
        (
            "https://en.wikipedia.org/wiki/Knot_(mathematics)",
            "https://en.wikipedia.org/wiki/Knot_(mathematics)",
        ),
        (
            "https://en.wikipedia.org/wiki/Knot_(mathematics)).",
            "https://en.wikipedia.org/wiki/Knot_(mathematics)",
        ),
        (
            "https://uni-example.zoom.us/j/81234567890pwd=Tk9yZXN0SW52ZW50ZWRUb2tlbjEyMw09",
            "https://uni-example.zoom.us/j/81234567890?pwd=Tk9yZXN0SW52ZW50ZWRUb2tlbjEyMw09",
        ),
        (
            "https://ethz.zoom.us/j/61234567890&pwd=abc",
            "https://ethz.zoom.us/j/61234567890?pwd=abc",
        ),
        ("https://zoom.us/j/123456789?pwd=abc", "https://zoom.us/j/123456789?pwd=abc"),
        ("www.example.org/seminar", "https://www.example.org/seminar"),
        ("zoom.us/j/123456789", "https://zoom.us/j/123456789"),
        ("HTTPS://Example.org/Path", "https://Example.org/Path"),
        ("MAILTO:ada@example.org.", "mailto:ada@example.org"),
        ("  https://example.org/a  ", "https://example.org/a"),
        ("URL:https://example.org/a", "https://example.org/a"),
        ("https://example.org/a…", "https://example.org/a"),
        (
            "https://zoom.us/j/123456789?pwd=ab&amp;uname=x",
            "https://zoom.us/j/123456789?pwd=ab&uname=x",
        ),
    ],
)
def test_repair_url(raw: str, fixed: str) -> None:
    assert repair_url(raw) == fixed


@pytest.mark.parametrize(
    ("wrapped", "target"),
    [
        (
            "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fumich.zoom.us%2Fj%2F93012345678%3Fpwd%3DabC&data=05%7C01&sdata=x&reserved=0",
            "https://umich.zoom.us/j/93012345678?pwd=abC",
        ),
        (
            "https://www.google.com/url?q=https://arxiv.org/abs/2203.10736&sa=D&source=calendar&usg=AOvVaw",
            "https://arxiv.org/abs/2203.10736",
        ),
        (
            "https://www.google.com/url?sa=t&url=https%3A%2F%2Fexample.org%2Fa",
            "https://example.org/a",
        ),
        (
            "https://urldefense.proofpoint.com/v2/url?u=https-3A__ucsd.zoom.us_j_91234567890-3Fpwd-3DZm9v&d=DwMFaQ&c=x&r=y",
            "https://ucsd.zoom.us/j/91234567890?pwd=Zm9v",
        ),
        (
            "https://urldefense.proofpoint.com/v1/url?u=http%3A%2F%2Fexample.org%2Fx&k=abc",
            "http://example.org/x",
        ),
        (
            "https://urldefense.com/v3/__https://example.edu/seminar__;!!Mih3wA!Abc$",
            "https://example.edu/seminar",
        ),
        (
            "https://urldefense.com/v3/__https://zoom.us/j/123*pwd=x__;Pw!!Abc$",
            "https://zoom.us/j/123?pwd=x",
        ),
        ("https://example.org/url?q=https://x.org", "https://example.org/url?q=https://x.org"),
        (
            "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.google.com%2Furl%3Fq%3Dhttps%253A%252F%252Fx.org%252Fy&data=1",
            "https://x.org/y",
        ),
    ],
)
def test_unwrap(wrapped: str, target: str) -> None:
    assert unwrap(wrapped) == target


@pytest.mark.parametrize(
    ("url", "context", "kind"),
    [
        ("https://zoom.us/j/123456789", "", "meeting"),
        ("https://teams.microsoft.com/l/meetup-join/19%3ameeting_x/0", "", "meeting"),
        ("https://meet.google.com/abc-defg-hij", "", "meeting"),
        ("https://arxiv.org/abs/2203.10736", "", "paper"),
        ("https://arxiv.org/pdf/2203.10736", "", "paper"),
        ("https://doi.org/10.1073/pnas.2015617118", "", "paper"),
        ("https://example.org/preprint.pdf", "Paper: ", "paper"),
        ("https://example.org/talk.pdf", "Slides: ", "slides"),
        ("https://example.org/talk.pdf", "", "other"),
        ("https://speakerdeck.com/ada/knots", "", "slides"),
        ("https://www.slideshare.net/ada/knots", "", "slides"),
        ("https://www.youtube.com/watch?v=abc", "", "video"),
        ("https://youtu.be/abc", "", "video"),
        ("https://vimeo.com/12345", "", "video"),
        ("https://us02web.zoom.us/rec/share/abcDEF", "", "video"),
        ("https://example.org/media/42", "Recording: ", "video"),
        ("https://www.eventbrite.com/e/talk-123", "", "registration"),
        ("https://forms.gle/abc", "", "registration"),
        ("https://indico.cern.ch/event/123/registrations/45/", "", "registration"),
        ("https://example.org/form", "Please register here: ", "registration"),
        ("https://zoom.us/webinar/register/WN_abc", "", "registration"),
        ("https://maps.google.com/?q=ETH", "", "map"),
        ("https://www.google.com/maps/place/ETH", "", "map"),
        ("https://www.openstreetmap.org/#map=18/47.37/8.54", "", "map"),
        ("https://map.example.ch/?room==BC%202%2014", "", "map"),
        ("https://example.org/building/7", "Campus map: ", "map"),
        ("https://example.org/seminar.ics", "", "calendar"),
        ("webcal://example.org/seminar", "", "calendar"),
        ("https://example.org/cal", "Add to calendar", "calendar"),
        ("mailto:ada@example.org", "", "email"),
        ("https://math.example.edu/seminar", "", "page"),
        ("https://uni-example.zoom.us/u/kdX93mQ", "Find your local number: ", "page"),
        ("ftp://example.org/file", "", "other"),
    ],
)
def test_classify(url: str, context: str, kind: str) -> None:
    assert kind in LINK_KINDS
    assert classify(url, context) == kind


def test_find_links_dedupes_and_keeps_order() -> None:
    text = (
        "See https://example.org/a, then https://example.org/b.\n"
        "Again: <https://example.org/a> and https://example.org/a/\n"
        "Paper: https://arxiv.org/abs/2203.10736"
    )
    assert [(lk.url, lk.kind) for lk in find_links(text)] == [
        ("https://example.org/a", "page"),
        ("https://example.org/b", "page"),
        ("https://arxiv.org/abs/2203.10736", "paper"),
    ]


def test_markdown_link() -> None:
    got = find_links("* Speaker: [Oren Lavi](https://oren-lavi.example/) (Cornell)")
    assert [lk.url for lk in got] == ["https://oren-lavi.example/"]


def test_url_broken_across_lines() -> None:
    text = "Join Zoom Meeting https://uni-example.zoom.us/j/8123456\n7890?pwd=Tk9yZXN0SW52\nMeeting ID: 812 3456 7890"
    assert find_links(text)[0].url == "https://uni-example.zoom.us/j/81234567890?pwd=Tk9yZXN0SW52"


def test_url_broken_after_pwd_or_at_the_margin() -> None:
    text = (
        "Join: https://us02web.zoom.us/j/85123456789?pwd=\nbXlQZ3VhTzFK\nMeeting ID: 851 2345 6789"
    )
    assert find_links(text)[0].url == "https://us02web.zoom.us/j/85123456789?pwd=bXlQZ3VhTzFK"
    text = "https://us02web.zoom.us/j/85123456789?pwd=bXlQZ3VhTzFKU0tHbU5GdzZ6MHlEUT\nbXlQZ\nThanks"
    assert find_links(text)[0].url.endswith("MHlEUTbXlQZ")


def test_angle_bracketed_url_broken_over_lines() -> None:
    text = (
        "Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_MzI1\n"
        "%40thread.v2/0?context=%7b%22Tid%22%7d>\nMeeting ID: 123"
    )
    assert [lk.url for lk in find_links(text)] == [
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_MzI1%40thread.v2/0?context=%7b%22Tid%22%7d"
    ]


def test_url_at_line_end_not_joined_to_a_word() -> None:
    text = "More at https://example.org/seminar/\nThanks\nhttps://example.org/b"
    assert [lk.url for lk in find_links(text)] == [
        "https://example.org/seminar/",
        "https://example.org/b",
    ]


def test_url_at_line_end_not_joined_to_a_sentence() -> None:
    text = "https://example.org/x\nMeeting ID: 123 456 789"
    assert [lk.url for lk in find_links(text)] == ["https://example.org/x"]


def test_wrapped_links_in_text_are_unwrapped() -> None:
    text = "Join: https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fzoom.us%2Fj%2F123456789&data=x"
    assert [(lk.url, lk.kind) for lk in find_links(text)] == [
        ("https://zoom.us/j/123456789", "meeting")
    ]


def test_no_links() -> None:
    assert find_links("Room 3.14 at 10:30, version 2.0.1, e.g. i.e. a.m.") == []
    assert find_links("") == []


@pytest.mark.parametrize(
    ("text", "emails"),
    [
        ("please email Perla Linwood at perla@eng.example.edu.", ["perla@eng.example.edu"]),
        (
            "Contact: <Ada.Lovelace+talks@math.example.ac.uk>",
            ["Ada.Lovelace+talks@math.example.ac.uk"],
        ),
        ("mailto:ada@example.org", ["ada@example.org"]),
        ("ada [at] example [dot] org, bob(at)example.com", ["ada@example.org", "bob@example.com"]),
        ("a@example.org A@EXAMPLE.ORG", ["a@example.org"]),
        ("physics.dept@mail.biu.ac.il Asia/Jerusalem", ["physics.dept@mail.biu.ac.il"]),
        ("no address here @ 10:30", []),
        ("https://example.org/~ada@home", []),
    ],
)
def test_find_emails(text: str, emails: list[str]) -> None:
    assert find_emails(text) == emails


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    [
        "https://",
        "http://a.b/" + "x" * 50 + " ",
        "www." * 10 + " ",
        "((((",
        "a@" * 20 + " ",
        "1234567890",
        "https://x.org/a\n",
        "a.zoom.us/ ",
        "x" * 50 + ".zoom.us/",
        "a-b.c-d.e-f." * 8 + "webex.com",
    ],
)
def test_hostile_text_scales_linearly(unit: str) -> None:
    assert growth(find_links, unit) < 20
    assert growth(find_emails, unit) < 20


URL_BITS = ("https://", "HTTP://", "webcal://", "www.", "WWW.", "mailto:", "zoom.us/", "Zoom.US/",
            "zoomgov.com/", "meet.google.com/", "meet.jit.si/", "teams.microsoft.com/", "webex.com/",
            "epfl.", "huji.", "a-b.", "x", "j/123", "?pwd=Ab", " ", "\n", ".", "/", "@", "-", "<", ">",
            "(", ")", "é", "İ", "foo", "bar.", "k.", "'", '"')  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(text=st.lists(st.sampled_from(URL_BITS), max_size=25).map("".join))
def test_url_matches_are_the_url_patterns_own(text: str) -> None:
    expected = [(m.span(), m.group(0)) for m in links.URL.finditer(text)]
    assert [(m.span(), m.group(0)) for m in links.url_matches(text)] == expected


def test_url_matches_bare_host_with_many_labels() -> None:
    text = "see a.b.c.d.zoom.us/j/1 and x" + "y" * 200 + ".zoom.us/j/2 or Team.EPFL.zoom.us/j/3"
    expected = [m.span() for m in links.URL.finditer(text)]
    assert [m.span() for m in links.url_matches(text)] == expected
